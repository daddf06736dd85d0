/*
** web/registry.c: every route table of the application, in match order.
**
** A module serving pages adds one line here (and its table's extern).
** The first table whose pattern and method match wins, so put specific
** tables before ones with catch-all patterns such as "/static/{rest*}".
*/
#include "admin/admin.h"
#include "observatory/obs.h"
#include "web/internal.h"
#include "web/ui.h"

const Route *const web_route_tables[] = {
  web_core_routes,      /* /healthz, /connexion, /deconnexion (auth.c) */
  web_ui_routes,        /* /, /accessibilite, /sources, /static/… (pages.c) */
  admin_routes,         /* /admin… (admin/pages.c) */
  obs_api_routes,       /* /api/v1/territoires, communes, … (observatory/api*.c) */
  NULL
};
