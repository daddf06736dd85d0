/*
** plan/api.c: /api/v1/plan, the dashboard's figures as JSON, and budget
** lines for scripts: the same record and the same write as the page
** (forms.c, actions.c), so the same rules (a negative amount is refused).
*/
#include "plan/web_int.h"

/* GET /api/v1/plan (lecteur and up)
** ROUTE: GET /api/v1/plan lecteur api
*/
void plan_api_summary(Req *req)
{
  Err err = {0};
  PlanSummary s;
  if (plan_summary_load(req_db(req), req_arena(req), &s, &err)) {
    reply_incident(req, &err);
    return;
  }
  reply_json(req, 200, plan_summary_json(&s));
}

/* POST /api/v1/plan/actions/{id}/budget {"annee":2026,"montant":"12 000"}
** (montant: euros as typed, or a number of euros; the former keys year
** and amount are still read).  Answers {"action", "annee",
** "montant_centimes"}.
** ROUTE: POST /api/v1/plan/actions/{id}/budget agent api
*/
void plan_api_budget(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  int64_t id = plan_action_arg(req);
  if (id <= 0) return;
  PlanBudget b = {.actionId = id};
  if (plan_read_budget(req, &b, &e)) {
    kit_reply_errors(req, &e);
    return;
  }
  int rc = plan_act_budget(req, &b, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, 200, json_pack("{s:I, s:i, s:I}", "action", (json_int_t)id,
                                 "annee", b.year, "montant_centimes",
                                 (json_int_t)b.cents));
}
