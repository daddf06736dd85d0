/*
** aids/routes.c: the aids module's routes.  The router enforces each
** line's role and the CSRF token of every POST (except the simulation
** API, which writes nothing); fixed paths come before {id}.
**
**   /aides, /aides/simulateur, /aides/{id}    public catalogue, simulator
**   /aides/nouvelle, /aides/{id}/modifier…    back-office (agents)
**   /aides/engagements…                       commitments register (agents;
**                                             the dashboard for lecteurs)
*/
#include "aids/web_int.h"

const Route aid_routes[] = {
  {"GET", "/aides", aid_page_list, ROLE_PUBLIC, 0},
  {"GET", "/aides/simulateur", aid_page_sim, ROLE_PUBLIC, 0},
  {"POST", "/aides/simulateur", aid_post_sim, ROLE_PUBLIC, 0},
  {"GET", "/aides/export.csv", aid_export_csv, ROLE_PUBLIC, 0},
  {"GET", "/aides/export.xlsx", aid_export_xlsx, ROLE_PUBLIC, 0},
  {"GET", "/aides/nouvelle", aid_page_new, ROLE_AGENT, 0},
  {"POST", "/aides/nouvelle", aid_post_new, ROLE_AGENT, 0},
  {"GET", "/aides/engagements", aid_page_register, ROLE_AGENT, 0},
  {"GET", "/aides/engagements/tableau-de-bord.csv", aid_portfolio_csv,
   ROLE_LECTEUR, 0},
  {"GET", "/aides/engagements/tableau-de-bord.xlsx", aid_portfolio_xlsx,
   ROLE_LECTEUR, 0},
  {"GET", "/aides/engagements/tableau-de-bord", aid_page_dashboard,
   ROLE_LECTEUR, 0},
  {"GET", "/aides/engagements/export.csv", aid_register_csv, ROLE_AGENT, 0},
  {"GET", "/aides/engagements/export.xlsx", aid_register_xlsx, ROLE_AGENT, 0},
  {"GET", "/aides/engagements/nouveau", aid_page_commit_new, ROLE_AGENT, 0},
  {"POST", "/aides/engagements/nouveau", aid_post_commit_new, ROLE_AGENT, 0},
  {"GET", "/aides/engagements/{id}", aid_page_commit, ROLE_AGENT, 0},
  {"POST", "/aides/engagements/{id}/paiements", aid_post_commit_pay,
   ROLE_AGENT, 0},
  {"POST", "/aides/engagements/{id}/attestations", aid_post_commit_proof,
   ROLE_AGENT, 0},
  {"POST", "/aides/engagements/{id}/rupture", aid_post_commit_break,
   ROLE_AGENT, 0},
  {"POST", "/aides/engagements/{id}/cloture", aid_post_commit_close,
   ROLE_AGENT, 0},
  {"GET", "/aides/{id}", aid_page_detail, ROLE_PUBLIC, 0},
  {"GET", "/aides/{id}/fichier", aid_page_file, ROLE_AGENT, 0},
  {"GET", "/aides/{id}/modifier", aid_page_edit, ROLE_AGENT, 0},
  {"POST", "/aides/{id}/modifier", aid_post_edit, ROLE_AGENT, 0},
  {"POST", "/aides/{id}/etat", aid_post_state, ROLE_AGENT, 0},
  /* JSON API */
  {"POST", "/api/v1/simulations", aid_api_simulate, ROLE_PUBLIC,
   ROUTE_API | ROUTE_NOCSRF},
  {"GET", "/api/v1/aides", aid_api_list, ROLE_PUBLIC, ROUTE_API},
  {"GET", "/api/v1/aides/communes", aid_api_communes, ROLE_PUBLIC,
   ROUTE_API},
  {"POST", "/api/v1/aides", aid_api_put, ROLE_AGENT, ROUTE_API},
  {"GET", "/api/v1/aides/{id}", aid_api_get, ROLE_PUBLIC, ROUTE_API},
  {"GET", "/api/v1/engagements", aid_api_commit_list, ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/engagements", aid_api_commit_create, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/engagements/alertes", aid_api_alerts, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/engagements/portefeuille", aid_api_portfolio,
   ROLE_LECTEUR, ROUTE_API},
  {"GET", "/api/v1/engagements/{id}", aid_api_commit_get, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/engagements/{id}/paiements", aid_api_commit_pay,
   ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/engagements/{id}/attestations", aid_api_commit_proof,
   ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/engagements/{id}/rupture", aid_api_commit_break,
   ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/engagements/{id}/cloture", aid_api_commit_close,
   ROLE_AGENT, ROUTE_API},
  {0, 0, 0, 0, 0}
};
