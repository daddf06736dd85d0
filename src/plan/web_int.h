/*
** plan/web_int.h: what the plan's web files share (not for other modules).
*/
#ifndef OASIS_PLAN_WEB_INT_H
#define OASIS_PLAN_WEB_INT_H
#include "plan/plan.h"

/* The territory's name (portal settings), "" when unset. */
const char *plan_territory(Req *req);
/* cents as French euros, in the request arena. */
const char *plan_eur(Req *req, int64_t cents);

/* pages.c */
void plan_page_dashboard(Req *req);
void plan_export_xlsx(Req *req);
/* pages_edit.c (agents) */
void plan_page_actions(Req *req);
void plan_post_action_new(Req *req);
void plan_page_action(Req *req);
void plan_post_action(Req *req);
void plan_post_action_delete(Req *req);
void plan_post_budget(Req *req);
void plan_post_link(Req *req);
void plan_post_link_delete(Req *req);
void plan_post_spend(Req *req);
void plan_post_spend_delete(Req *req);
void plan_post_output(Req *req);
/* api.c */
void plan_api_summary(Req *req);
void plan_api_budget(Req *req);

#endif
