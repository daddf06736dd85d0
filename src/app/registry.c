/*
** app/registry.c: the application's routes and its cached prefixes.
**
** Every handler declares its address in a ROUTE: comment above its
** definition; tools/mkroutes gathers them at build time into app_routes[]
** (build/gen/routes.c), sorted so that the most specific pattern matches
** first.  serve.c hands the table to the web layer (web_set_routes), which
** knows no module itself.
*/
#include "app/app.h"

const Route *const app_route_tables[] = {app_routes, NULL};

/* Public pages and JSON that depend on the data alone: their anonymous
** GETs are served from memory until the next write (web/cache.c). */
const char *const app_cache_prefixes[] = {
  "/observatoire",
  "/api/v1/territoires", "/api/v1/communes", "/api/v1/indicateurs",
  "/api/v1/contours", "/api/v1/millesimes",
  "/portail", "/api/v1/portail",
  "/aides",
  NULL
};
