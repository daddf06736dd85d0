/*
** app/serve.c: `oasis serve`: install the route tables, make the first
** admin account when there is none (or serve the first-run page of a real
** instance, firstrun.c), and serve until SIGINT or SIGTERM;
** `oasis routes`: the route registry as served, one line a route.
*/
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "app/app.h"
#include "cases/cases.h"
#include "base/err.h"

/* Open (and migrate) the database once to make the first admin account,
** then serve: web_serve() reopens it per worker thread.  A real instance
** without any administrator (and no OASIS_ADMIN_PASSWORD) is served the
** first-run page alone until its account exists (firstrun.c); otherwise
** the `admin` account is made as before (admin_bootstrap). */
static int app_serve(const char *zListen, const char *zDb, Err *err)
{
  static const char *const azNoCache[] = {NULL};
  Store *db = store_open(zDb, err);
  if (!db) return err->code ? err->code : ERR_DB;
  int isFirstRun = app_firstrun_needed(db);
  int rc = isFirstRun ? 0 : admin_bootstrap(db, err);
  store_close(db);
  if (rc) return rc;
  if (isFirstRun) {
    app_firstrun_start(zListen);
    web_set_routes(app_firstrun_tables());
    web_cache_set_prefixes(azNoCache);   /* nothing served past the page */
  } else {
    web_set_routes(app_route_tables);
    web_cache_set_prefixes(app_cache_prefixes);
  }
  /* the guichet's e-mails leave from their own thread, never a request's */
  if (case_outbox_start(zDb)) {
    return err_set(err, ERR_INTERNAL, "fil d'envoi des courriels impossible");
  }
  return web_serve(zListen, zDb, err);
}

static int app_cmd_serve(int argc, char **argv)
{
  const char *zListen = "127.0.0.1:8080";
  const char *zDb = "var/oasis.db";
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
      zListen = argv[++i];
    } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      zDb = argv[++i];
    } else if (strcmp(argv[i], "--help") == 0) {
      printf("usage: oasis serve [--listen 127.0.0.1:8080] [--db var/oasis.db]\n"
             "Sert l'application web jusqu'à SIGINT ou SIGTERM.\n");
      return EXIT_OK;
    } else {
      fprintf(stderr, "oasis serve : option inconnue « %s »\n"
                      "usage: oasis serve [--listen HÔTE:PORT] [--db FICHIER]\n",
              argv[i]);
      return EXIT_USAGE;
    }
  }
  Err err = {0};
  int rc = app_serve(zListen, zDb, &err);
  if (rc) {
    char zBuf[768];
    fprintf(stderr, "oasis serve : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return rc == ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
  }
  return EXIT_OK;
}

/* `oasis routes`: METHOD, pattern, least role and flags of every route, in
** match order, tab-separated (what a test or an operator walks). */
static int app_cmd_routes(int argc, char **argv)
{
  static const char *const azRole[] = {"public", "lecteur", "agent",
                                       "admin"};
  static const char *const azFlag[] = {"api", "nocsrf", "deprecated",
                                       "secret", "unlisted", "limited"};
  if (argc > 1) {
    fprintf(stderr, "usage: oasis routes\n");
    return EXIT_USAGE;
  }
  for (int t = 0; app_route_tables[t]; t++) {
    for (const Route *r = app_route_tables[t]; r->zMethod; r++) {
      printf("%s\t%s\t%s\t", r->zMethod, r->zPattern,
             r->role >= ROLE_PUBLIC && r->role <= ROLE_ADMIN
                 ? azRole[r->role] : "?");
      int n = 0;
      for (int k = 0; k < (int)(sizeof azFlag / sizeof azFlag[0]); k++) {
        if (r->flags & (1u << k)) printf("%s%s", n++ ? "," : "", azFlag[k]);
      }
      printf("\n");
    }
  }
  return EXIT_OK;
}

const Command app_commands[] = {
  {"routes", app_cmd_routes, "routes", 0},
  {"serve", app_cmd_serve, "serve [--listen 127.0.0.1:8080] [--db var/oasis.db]",
   0},
  {0, 0, 0, 0}
};
