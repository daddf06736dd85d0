/*
** plan/routes.c: the plan's routes.  The dashboard and its exports are
** for every account (lecteur and up: elected officials); entering actions,
** budgets, spending and indicators is for agents.
*/
#include "plan/web_int.h"

const Route plan_routes[] = {
  {"GET", "/plan", plan_page_dashboard, ROLE_LECTEUR, 0},
  {"GET", "/plan/export.xlsx", plan_export_xlsx, ROLE_LECTEUR, 0},
  {"GET", "/plan/actions", plan_page_actions, ROLE_AGENT, 0},
  {"POST", "/plan/actions", plan_post_action_new, ROLE_AGENT, 0},
  {"POST", "/plan/indicateurs", plan_post_output, ROLE_AGENT, 0},
  {"GET", "/plan/actions/{id}", plan_page_action, ROLE_AGENT, 0},
  {"POST", "/plan/actions/{id}", plan_post_action, ROLE_AGENT, 0},
  {"POST", "/plan/actions/{id}/supprimer", plan_post_action_delete,
   ROLE_AGENT, 0},
  {"POST", "/plan/actions/{id}/budget", plan_post_budget, ROLE_AGENT, 0},
  {"POST", "/plan/actions/{id}/liens", plan_post_link, ROLE_AGENT, 0},
  {"POST", "/plan/actions/{id}/liens/{lid}/supprimer", plan_post_link_delete,
   ROLE_AGENT, 0},
  {"POST", "/plan/actions/{id}/depenses", plan_post_spend, ROLE_AGENT, 0},
  {"POST", "/plan/actions/{id}/depenses/{sid}/supprimer",
   plan_post_spend_delete, ROLE_AGENT, 0},
  {"POST", "/plan/actions/{id}/indicateurs", plan_post_output, ROLE_AGENT, 0},
  {"GET", "/api/v1/plan", plan_api_summary, ROLE_LECTEUR, ROUTE_API},
  {"POST", "/api/v1/plan/actions/{id}/budget", plan_api_budget, ROLE_AGENT,
   ROUTE_API},
  {0, 0, 0, 0, 0}
};
