/*
** plan/api.c: /api/v1/plan, the dashboard's figures as JSON, and budget
** lines for scripts (same rules as the page: a negative amount is refused).
*/
#include <stdio.h>

#include "plan/web_int.h"

/* GET /api/v1/plan (lecteur and up) */
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

/* POST /api/v1/plan/actions/{id}/budget {"year":2026,"amount":"12 000"}
** (amount: a string as typed, or a number of euros). */
void plan_api_budget(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  long id = 0;
  PlanAction before;
  json_t *pBody = req_json(req);
  if (str_to_long(req_arg(req, "id"), &id) || id <= 0 ||
      plan_action_get(db, req_arena(req), id, &before, &err)) {
    reply_error(req, 404, "introuvable", "Action introuvable.", NULL);
    return;
  }
  json_t *pYear = json_object_get(pBody, "year");
  json_t *pAmount = json_object_get(pBody, "amount");
  PlanBudget b = {.actionId = id, .year = (int)json_integer_value(pYear)};
  int rc = 0;
  if (!json_is_integer(pYear) || b.year < 2000 || b.year > 2100) {
    rc = err_set(&err, ERR_INPUT, "Année invalide : entre 2000 et 2100.");
    err_field(&err, "year");
  } else if (json_is_string(pAmount)) {
    rc = plan_parse_euros(json_string_value(pAmount), "amount", &b.cents,
                          &err);
  } else if (json_is_number(pAmount)) {
    double e = json_number_value(pAmount);
    if (e < 0) {
      rc = err_set(&err, ERR_INPUT, "montant négatif refusé");
      err_field(&err, "amount");
    } else if (e > 1e12) {
      rc = err_set(&err, ERR_INPUT, "montant trop élevé");
      err_field(&err, "amount");
    }
    b.cents = (int64_t)(e * 100 + 0.5);
  } else {
    rc = err_set(&err, ERR_INPUT, "montant attendu");
    err_field(&err, "amount");
  }
  if (rc) {
    char z[520];
    snprintf(z, sizeof z, "%s", err.zMsg);
    if (z[0] >= 'a' && z[0] <= 'z') z[0] = (char)(z[0] - 32);
    reply_error(req, 400, "saisie_invalide", z, err.zField);
    return;
  }
  rc = store_begin(db, &err);
  if (!rc) rc = plan_budget_set(db, &b, &err);
  if (!rc) {
    PlanAction after;
    json_t *pBefore = plan_action_json(&before), *pAfter = NULL;
    rc = plan_action_get(db, req_arena(req), id, &after, &err);
    if (!rc) {
      pAfter = plan_action_json(&after);
      rc = audit_log(req, "plan_action", id, "budget", pBefore, pAfter, &err);
    }
    json_decref(pBefore);
    json_decref(pAfter);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  reply_json(req, 200, json_pack("{s:I, s:i, s:I}", "action_id",
                                 (json_int_t)id, "year", b.year, "cents",
                                 (json_int_t)b.cents));
}
