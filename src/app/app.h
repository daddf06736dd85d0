/*
** app/app.h: the composition root.
**
** The one place that knows every module: the route table in match order
** (registry.c, generated from the ROUTE: comments) and `oasis serve` (serve.c), which installs them in the web
** layer, makes the first admin account and serves.  Nothing includes this
** header but main.c and the tests: modules never reach up to app/.
*/
#ifndef OASIS_APP_H
#define OASIS_APP_H
#include "base/cmd.h"
#include "web/web.h"

/* Fill the hooks lower modules offer to the ones above (docs/conventions.md,
** « Layers »): workforce's kinds of `oasis import` join territory's
** importer; the centres de santé become the observatory's source of extra
** supply and sites.  main() calls it first: `serve` and the CLI alike. */
void app_compose(void);

/* Every route of the application, in match order, generated from the
** ROUTE: comments of src/ by tools/mkroutes (build/gen/routes.c). */
extern const Route app_routes[];
/* The same as the NULL-ended list of tables web_set_routes takes. */
extern const Route *const app_route_tables[];

/* Path prefixes of the public pages served from the cache (registry.c). */
extern const char *const app_cache_prefixes[];

/* The first-run page (firstrun.c): needed when db has no administrator,
** OASIS_ADMIN_PASSWORD is unset and no demo is loaded; start makes the
** one-time setup code and prints it on stderr with the page's address;
** the tables (the page, the frame's health and static routes taken from
** app_routes, a redirect of everything else) replace app_route_tables
** until the account exists. */
int app_firstrun_needed(Store *db);
void app_firstrun_start(const char *zListen);
const Route *const *app_firstrun_tables(void);

/* serve (serve.c). */
extern const Command app_commands[];
/* backup, restore (backup.c): the database and the attachments together. */
extern const Command app_backup_commands[];

#endif
