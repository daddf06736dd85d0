/*
** app/registry.c: every route table of the application, in match order.
**
** A module serving pages adds one line here (and its table's extern).
** serve.c hands this list to the web layer (web_set_routes), which knows
** no module itself.
** The first table whose pattern and method match wins, so put specific
** tables before ones with catch-all patterns such as "/static/{rest*}".
*/
#include "admin/admin.h"
#include "aids/applic.h"
#include "cases/routes.h"
#include "plan/plan.h"
#include "portal/portal.h"
#include "observatory/obs.h"
#include "app/app.h"
#include "web/ui.h"

extern const Route centre_routes[];   /* centres/routes.c */
extern const Route place_routes[];    /* placements/routes.c */
extern const Route aid_routes[];      /* aids/routes.c */
extern const Route obs_routes[];      /* observatory/routes.c */
extern const Route wf_routes[];       /* workforce/routes.c */
extern const Route zoning_routes[];   /* zoning/pages.c */

const Route *const app_route_tables[] = {
  admin_login_routes,   /* /connexion, /deconnexion, /api/v1/moi */
  web_ui_routes,        /* /healthz, /, /accessibilite, /sources, /static/… */
  web_legal_routes,     /* /mentions-legales, /donnees-personnelles, /plan-du-site */
  admin_routes,         /* /admin… (admin/pages.c) */
  admin_account_routes, /* /compte, /admin/utilisateurs/{id}/mot-de-passe */
  admin_totp_routes,    /* /compte/double-authentification… */
  admin_instance_routes, /* /admin/instance */
  zoning_routes,        /* /admin/zonage: the ARS arrêtés (zoning/pages.c) */
  app_home_routes,      /* /mon-espace: the agent's home (app/home.c) */
  aid_routes,           /* /aides…, /api/v1/simulations, aides, engagements */
  aid_applic_routes,    /* /instruction…: aid applications, commission */
  case_routes,          /* /demande, /accompagnement…, /api/v1/dossiers… */
  case_follow_routes,   /* /suivi/{jeton}: the requester's space */
  centre_routes,        /* /centres…, /api/v1/centres… */
  place_routes,         /* /stages…, /api/v1/stages… */
  portal_routes,        /* /portail…, /api/v1/portail… (portal/routes.c) */
  plan_routes,          /* /plan…, /api/v1/plan… (plan/routes.c) */
  wf_routes,            /* /observatoire/praticiens…, /api/v1/praticiens… */
  obs_routes,           /* /observatoire… (observatory/pages_*.c) */
  obs_api_routes,       /* /api/v1/territoires, communes, … (observatory/api*.c) */
  NULL
};

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
