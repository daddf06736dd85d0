/*
** app/demo_plan.c: the demonstration's dossiers of the guichet unique
** and its health plan, through cases/cases.h and plan/plan.h.
**
** Dossiers are created as the public form would (validated request, one
** sub-task per need), then walked through the state machine at their own
** dates: some new, some in progress with sub-tasks handed to partners,
** some closed with each kind of outcome.  The plan's actions carry yearly
** budgets, spending and one link each to what they fund (a centre, a
** placement, an aid, an event), so its dashboard reads the modules' own
** figures inside the territory.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "base/caldate.h"
#include "cases/cases.h"
#include "plan/plan.h"
#include "portal/portal.h"
#include "territory/lookup.h"

#define DEMO_DAY 86400

/* ---- dossiers ----------------------------------------------------------- */

/* The request of the current row of dossiers.csv into *r. */
static void demo_request(Demo *d, DemoCsv *c, CaseRequest *r)
{
  memset(r, 0, sizeof *r);
  r->zFirstName = demo_csv_cell(c, 0);
  r->zLastName = demo_csv_cell(c, 1);
  r->zEmail = demo_csv_cell(c, 2);
  r->zPhone = demo_csv_cell(c, 3);
  r->zProfession = demo_csv_cell(c, 4);
  r->zStatus = demo_csv_cell(c, 5);
  r->zProject = demo_csv_cell(c, 6);
  r->zTerritoryKind = "commune";
  r->zTerritoryCode = demo_csv_cell(c, 7);
  const char *zName = lookup_commune_name(d->db, d->a, r->zTerritoryCode);
  r->zTerritoryLabel = zName ? zName : r->zTerritoryCode;
  r->zWishedDate = "";
  char *zNeeds = arena_strdup(d->a, demo_csv_cell(c, 8)), *zSave = NULL;
  for (char *z = strtok_r(zNeeds, ",", &zSave); z && r->nNeed < CASE_NNEED;
       z = strtok_r(NULL, ",", &zSave)) {
    r->azNeed[r->nNeed++] = z;
  }
  r->zChannel = demo_csv_cell(c, 9);
  r->zMessage = demo_csv_cell(c, 13);
  r->hasConsent = 1;
  r->zIdemToken = NULL;
}

/* Walk the sub-tasks of dossier id at time t: the first in progress with
** a due date, the second handed to a partner covering its need (when the
** directory has one), for isDone every one done. */
static int demo_tasks(Demo *d, int64_t id, const char *zCommune, int isDone,
                      int64_t t, Err *e)
{
  CaseTask *aT;
  int nT = 0;
  int rc = case_task_list(d->db, d->a, id, &aT, &nT, e);
  for (int i = 0; !rc && i < nT; i++) {
    if (isDone) {
      rc = case_task_update(d->db, aT[i].id, "fait", "", "Fait (fictif).",
                            t, e);
    } else if (i == 0) {
      rc = case_task_update(d->db, aT[i].id, "en_cours", demo_day(d, 7),
                            "Premier rendez-vous pris (fictif).", t, e);
    } else if (i == 1) {
      Partner *aP;
      int nP = 0;
      rc = case_partner_list(d->db, d->a, aT[i].zNeed, zCommune, 0, &aP, &nP,
                             e);
      if (!rc && nP > 0) {
        rc = case_task_handoff(d->db, aT[i].id, aP[0].id, demo_day(d, 10), t,
                               e);
      }
    }
  }
  return rc;
}

/* One dossier of dossiers.csv, created days_ago and brought to its state. */
static int demo_dossier(Demo *d, DemoCsv *c, Err *err)
{
  CaseRequest r;
  CaseFormErrors fe = {0};
  CaseActor by = {0, "Démonstration"};
  Err e = {0};
  int64_t nDay, id = 0;
  int isNew = 0;
  int rc = demo_csv_int(c, 10, &nDay, err);
  if (rc) return rc;
  if (nDay < 2) nDay = 2;    /* room for its transitions before today */
  int64_t t = d->now - nDay * DEMO_DAY;
  demo_request(d, c, &r);
  if (case_request_validate(&r, t, &fe)) {
    err_set(&e, ERR_INPUT, "%s", fe.a[0].zMsg);
    err_field(&e, fe.a[0].zField);
    return demo_csv_fail(c, &e, err);
  }
  rc = case_dossier_create(d->db, &r, &by, t, &id, &isNew, &e);
  if (!rc) demo_note(d, "case_dossiers", id);
  const char *zState = demo_csv_cell(c, 11);
  if (!rc && strcmp(zState, "nouveau") != 0) {
    rc = case_dossier_transition(d->db, id, "en_cours", NULL, NULL, &by,
                                 t + DEMO_DAY, &e);
    if (!rc) {
      rc = case_note_add(d->db, id, &by, "Premier échange téléphonique : "
                         "projet et besoins confirmés (note fictive).",
                         t + DEMO_DAY, &e);
    }
    if (!rc) {
      rc = demo_tasks(d, id, r.zTerritoryCode, !strcmp(zState, "clos"),
                      t + DEMO_DAY, &e);
    }
  }
  if (!rc && !strcmp(zState, "attente_partenaire")) {
    rc = case_dossier_transition(d->db, id, zState, NULL, NULL, &by,
                                 t + 2 * DEMO_DAY, &e);
  } else if (!rc && !strcmp(zState, "clos")) {
    CaseClose cl = {0};
    char zDay[16];
    cl.zOutcome = demo_csv_cell(c, 12);
    cl.zCommune = r.zTerritoryCode;
    cl.zDate = caldate_format(d->iToday - (int)nDay / 2, zDay);
    rc = case_dossier_transition(d->db, id, "clos", &cl, NULL, &by,
                                 t + (nDay / 2) * DEMO_DAY, &e);
  } else if (!rc && strcmp(zState, "nouveau") && strcmp(zState, "en_cours")) {
    err_set(&e, ERR_INPUT, "état « %s » inconnu (nouveau, en_cours, "
            "attente_partenaire, clos)", zState);
    err_field(&e, "state");
    rc = ERR_INPUT;
  }
  return rc ? demo_csv_fail(c, &e, err) : 0;
}

int demo_dossiers(Demo *d, Err *err)
{
  static const char *const az[] = {"first_name", "last_name", "email",
    "phone", "profession", "status", "project", "commune", "needs",
    "channel", "days_ago", "state", "outcome", "message"};
  DemoCsv c;
  int rc = demo_csv_open(d, "dossiers.csv", az, 14, &c, err);
  while (!rc && (rc = demo_csv_next(d, &c, err)) == CSV_ROW) {
    rc = demo_dossier(d, &c, err);
  }
  demo_csv_close(&c);
  return rc < 0 ? rc : 0;
}

/* ---- the plan ----------------------------------------------------------- */

/* The module id (as text) of what a plan action funds: a centre by code,
** a placement by structure, an event by title, an aid by its id. */
static const char *demo_target(Demo *d, const char *zKind, const char *zKey)
{
  Err e = {0};
  int n = 0;
  if (!strcmp(zKind, "centre")) {
    return arena_printf(d->a, "%lld", (long long)demo_centre_id(d, zKey));
  } else if (!strcmp(zKind, "stage")) {
    return arena_printf(d->a, "%lld", (long long)demo_place_id(d, zKey));
  } else if (!strcmp(zKind, "evenement")) {
    PortalEvent *a;
    if (portal_event_list(d->db, d->a, NULL, 0, &a, &n, &e)) return zKey;
    for (int i = 0; i < n; i++) {
      if (!strcmp(a[i].zTitle, zKey)) {
        return arena_printf(d->a, "%lld", (long long)a[i].id);
      }
    }
  }
  return zKey;
}

/* Action id of code zCode in the actions created so far, or 0. */
static int64_t demo_action_id(json_t *pCodes, const char *zCode)
{
  return json_integer_value(json_object_get(pCodes, zCode));
}

static int demo_actions(Demo *d, json_t *pCodes, Err *err)
{
  static const char *const az[] = {"code", "name", "objective", "link_kind",
    "link_target"};
  DemoCsv c;
  int rc = demo_csv_open(d, "plan_actions.csv", az, 5, &c, err);
  while (!rc && (rc = demo_csv_next(d, &c, err)) == CSV_ROW) {
    PlanAction p = {0};
    Err e = {0};
    p.zName = demo_csv_cell(&c, 1);
    p.zObjective = demo_csv_cell(&c, 2);
    rc = plan_action_check(&p, &e);
    if (!rc) rc = plan_action_save(d->db, &p, &e);
    if (!rc) {
      demo_note(d, "plan_actions", p.id);
      json_object_set_new(pCodes, demo_csv_cell(&c, 0),
                          json_integer(p.id));
    }
    if (!rc && demo_csv_cell(&c, 3)[0]) {
      PlanLink l = {0};
      l.actionId = p.id;
      l.zKind = demo_csv_cell(&c, 3);
      l.zTarget = demo_target(d, l.zKind, demo_csv_cell(&c, 4));
      rc = plan_target_check(d->db, d->a, l.zKind, l.zTarget, &l.zLabel, &e);
      if (!rc) rc = plan_link_add(d->db, &l, &e);
    }
    if (rc) rc = demo_csv_fail(&c, &e, err);
  }
  demo_csv_close(&c);
  return rc < 0 ? rc : 0;
}

/* Action id of column 0 of c's row, or ERR_INPUT. */
static int demo_row_action(DemoCsv *c, json_t *pCodes, int64_t *pId,
                           Err *err)
{
  *pId = demo_action_id(pCodes, demo_csv_cell(c, 0));
  if (*pId) return 0;
  return csv_err_cell(c->r, err, c->aCol[0], "action « %s » absente de "
                      "plan_actions.csv", demo_csv_cell(c, 0));
}

static int demo_budgets(Demo *d, json_t *pCodes, Err *err)
{
  static const char *const az[] = {"action", "year", "euros"};
  int y, m, dd;
  caldate_ymd(d->iToday, &y, &m, &dd);
  DemoCsv c;
  int rc = demo_csv_open(d, "plan_budgets.csv", az, 3, &c, err);
  while (!rc && (rc = demo_csv_next(d, &c, err)) == CSV_ROW) {
    PlanBudget b = {0};
    Err e = {0};
    int64_t dy, eur;
    if ((rc = demo_row_action(&c, pCodes, &b.actionId, err))) break;
    if ((rc = demo_csv_int(&c, 1, &dy, err))) break;
    if ((rc = demo_csv_int(&c, 2, &eur, err))) break;
    b.year = y + (int)dy;
    b.cents = eur * 100;
    if ((rc = plan_budget_set(d->db, &b, &e))) rc = demo_csv_fail(&c, &e, err);
  }
  demo_csv_close(&c);
  return rc < 0 ? rc : 0;
}

static int demo_spending(Demo *d, json_t *pCodes, Err *err)
{
  static const char *const az[] = {"action", "days_ago", "euros", "label"};
  DemoCsv c;
  int rc = demo_csv_open(d, "plan_spending.csv", az, 4, &c, err);
  while (!rc && (rc = demo_csv_next(d, &c, err)) == CSV_ROW) {
    PlanSpend s = {0};
    Err e = {0};
    int64_t nDay, eur;
    if ((rc = demo_row_action(&c, pCodes, &s.actionId, err))) break;
    if ((rc = demo_csv_int(&c, 1, &nDay, err))) break;
    if ((rc = demo_csv_int(&c, 2, &eur, err))) break;
    s.zDate = demo_day(d, -(int)nDay);
    s.cents = eur * 100;
    s.zLabel = demo_csv_cell(&c, 3);
    if ((rc = plan_spend_add(d->db, &s, &e))) rc = demo_csv_fail(&c, &e, err);
  }
  demo_csv_close(&c);
  return rc < 0 ? rc : 0;
}

int demo_plan(Demo *d, Err *err)
{
  json_t *pCodes = json_object();
  int rc = demo_actions(d, pCodes, err);
  if (!rc) rc = demo_budgets(d, pCodes, err);
  if (!rc) rc = demo_spending(d, pCodes, err);
  json_decref(pCodes);
  return rc;
}
