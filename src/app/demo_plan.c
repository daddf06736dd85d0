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

#include "aids/aids.h"
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

/* Walk the sub-tasks of dossier id at time t: the first in progress, due
** a week after t (late for the older dossiers: an agent's home shows it),
** the next one whose need a partner of the directory covers handed to it,
** who answers two days later when isAnswered; for isDone every one done. */
static int demo_tasks(Demo *d, int64_t id, const char *zCommune, int isDone,
                      int isAnswered, int64_t t, Err *e)
{
  int nDue = 7 - (int)((d->now - t) / DEMO_DAY);
  int isHanded = 0;
  CaseTask *aT;
  int nT = 0;
  int rc = case_task_list(d->db, d->a, id, &aT, &nT, e);
  for (int i = 0; !rc && i < nT; i++) {
    if (isDone) {
      rc = case_task_update(d->db, aT[i].id, "fait", "", "Fait (fictif).",
                            t, e);
    } else if (i == 0) {
      rc = case_task_update(d->db, aT[i].id, "en_cours", demo_day(d, nDue),
                            "Premier rendez-vous pris (fictif).", t, e);
    } else if (!isHanded) {
      Partner *aP;
      int nP = 0;
      rc = case_partner_list(d->db, d->a, aT[i].zNeed, zCommune, 0, &aP, &nP,
                             e);
      isHanded = nP > 0;
      if (!rc && nP > 0) {
        rc = case_task_handoff(d->db, aT[i].id, aP[0].id, demo_day(d, 10), t,
                               e);
      }
      if (!rc && nP > 0 && isAnswered) {
        CaseOpinion o = {.taskId = aT[i].id, .zVerdict = "favorable",
                         .zBody = "Nous pouvons vous recevoir la semaine "
                                  "prochaine (réponse fictive)."};
        int64_t idOp = 0;
        rc = case_opinion_add(d->db, &o, t + 2 * DEMO_DAY, &idOp, e);
      }
    }
  }
  return rc;
}

/* One dossier of dossiers.csv, created days_ago and brought to its state. */
static int demo_dossier(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  CaseRequest r;
  CaseFormErrors fe = {0};
  CaseActor by = {0, "Démonstration"};
  int64_t nDay, id = 0;
  int isNew = 0;
  int rc = demo_csv_int(c, 10, &nDay, e);
  if (!rc) rc = demo_inside(d, c, 7, demo_csv_cell(c, 7), e);
  if (rc) return rc;
  if (nDay < 2) nDay = 2;    /* room for its transitions before today */
  int64_t t = d->now - nDay * DEMO_DAY;
  demo_request(d, c, &r);
  if (case_request_validate(&r, t, &fe)) {
    err_set(e, ERR_INPUT, "%s", fe.a[0].zMsg);
    err_field(e, fe.a[0].zField);
    return ERR_INPUT;
  }
  rc = case_dossier_create(d->db, &r, &by, t, &id, &isNew, e);
  if (!rc) demo_note(d, "case_dossiers", id);
  const char *zState = demo_csv_cell(c, 11);
  if (!rc && strcmp(zState, "nouveau") != 0) {
    rc = case_dossier_transition(d->db, id, "en_cours", NULL, NULL, &by,
                                 t + DEMO_DAY, e);
    if (!rc) {
      rc = case_note_add(d->db, id, &by, "Premier échange téléphonique : "
                         "projet et besoins confirmés (note fictive).",
                         t + DEMO_DAY, e);
    }
    if (!rc) {
      rc = demo_tasks(d, id, r.zTerritoryCode, !strcmp(zState, "clos"),
                      !strcmp(zState, "en_cours"), t + DEMO_DAY, e);
    }
  }
  if (!rc && !strcmp(zState, "attente_partenaire")) {
    rc = case_dossier_transition(d->db, id, zState, NULL, NULL, &by,
                                 t + 2 * DEMO_DAY, e);
  } else if (!rc && !strcmp(zState, "clos")) {
    CaseClose cl = {0};
    char zDay[16];
    cl.zOutcome = demo_csv_cell(c, 12);
    cl.zCommune = r.zTerritoryCode;
    cl.zDate = caldate_format(d->iToday - (int)nDay / 2, zDay);
    rc = case_dossier_transition(d->db, id, "clos", &cl, NULL, &by,
                                 t + (nDay / 2) * DEMO_DAY, e);
  } else if (!rc && strcmp(zState, "nouveau") && strcmp(zState, "en_cours")) {
    err_set(e, ERR_INPUT, "état « %s » inconnu (nouveau, en_cours, "
            "attente_partenaire, clos)", zState);
    err_field(e, "state");
    rc = ERR_INPUT;
  }
  return rc;
}

int demo_dossiers(Demo *d, Err *err)
{
  static const char *const az[] = {"first_name", "last_name", "email",
    "phone", "profession", "status", "project", "commune", "needs",
    "channel", "days_ago", "state", "outcome", "message"};
  return demo_csv_each(d, "dossiers.csv", az, 14, demo_dossier, NULL, err);
}

/* ---- the aids register -------------------------------------------------- */

/* One commitment of commitments.csv: signed signed_days_ago, the practice
** owed from start_years after the signature for the scheme's 5 years,
** paid monthly_euros every month since the signature. */
static int demo_commitment(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  AidCommitment cm;
  int64_t nAgo, nYear, amount, monthly;
  long long id = 0;
  int rc = demo_csv_int(c, 2, &nAgo, e);
  if (!rc) rc = demo_csv_int(c, 3, &nYear, e);
  if (!rc) rc = demo_csv_int(c, 4, &amount, e);
  if (!rc) rc = demo_csv_int(c, 5, &monthly, e);
  if (!rc) rc = demo_inside(d, c, 6, demo_csv_cell(c, 6), e);
  if (rc) return rc;
  memset(&cm, 0, sizeof cm);
  snprintf(cm.zAid, sizeof cm.zAid, "%s", demo_csv_cell(c, 0));
  snprintf(cm.zBeneficiary, sizeof cm.zBeneficiary, "%s",
           demo_csv_cell(c, 1));
  snprintf(cm.zPlace, sizeof cm.zPlace, "%s", demo_csv_cell(c, 6));
  int iSigned = d->iToday - (int)nAgo, y, m, dd;
  caldate_format(iSigned, cm.zSigned);
  caldate_ymd(iSigned, &y, &m, &dd);
  int iStart = caldate_from_ymd(y + (int)nYear, m, 1);
  caldate_ymd(iStart, &y, &m, &dd);
  caldate_format(iStart, cm.zStart);
  caldate_format(caldate_from_ymd(y + 5, m, 1) - 1, cm.zEnd);
  cm.amountCents = amount * 100;
  cm.dueCents = -1;
  rc = aid_commit_create(d->db, &cm, &id, e);
  if (!rc) demo_note(d, "aid_commitment", id);
  for (int iDay = iSigned; !rc && iDay <= d->iToday; iDay += 30) {
    char zDay[16];
    rc = aid_commit_pay(d->db, id, caldate_format(iDay, zDay),
                        monthly * 100, e);
  }
  return rc;
}

int demo_commitments(Demo *d, Err *err)
{
  static const char *const az[] = {"aid", "beneficiary", "signed_days_ago",
    "start_years", "amount_euros", "monthly_euros", "place"};
  return demo_csv_each(d, "commitments.csv", az, 7, demo_commitment, NULL,
                       err);
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

/* One action of plan_actions.csv and its link; pArg: the codes so far. */
static int demo_action(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  PlanAction p = {0};
  p.zName = demo_csv_cell(c, 1);
  p.zObjective = demo_csv_cell(c, 2);
  int rc = plan_action_check(&p, e);
  if (!rc) rc = plan_action_save(d->db, &p, e);
  if (!rc) {
    demo_note(d, "plan_actions", p.id);
    json_object_set_new(pArg, demo_csv_cell(c, 0), json_integer(p.id));
  }
  /* link_target: one or several targets, comma-separated */
  char *zTargets = arena_strdup(d->a, demo_csv_cell(c, 4)), *zSave = NULL;
  for (char *z = strtok_r(zTargets, ",", &zSave); !rc && z;
       z = strtok_r(NULL, ",", &zSave)) {
    PlanLink l = {0};
    l.actionId = p.id;
    l.zKind = demo_csv_cell(c, 3);
    l.zTarget = demo_target(d, l.zKind, z);
    rc = plan_target_check(d->db, d->a, l.zKind, l.zTarget, &l.zLabel, e);
    if (!rc) rc = plan_link_add(d->db, &l, e);
  }
  return rc;
}

/* The action of column 0 (*pId) and the integers of columns 1 and 2 of
** c's row (budgets and spending alike), or ERR_INPUT. */
static int demo_action_row(DemoCsv *c, json_t *pCodes, int64_t *pId,
                           int64_t *p1, int64_t *p2, Err *e)
{
  *pId = json_integer_value(json_object_get(pCodes, demo_csv_cell(c, 0)));
  if (!*pId) {
    return csv_err_cell(c->r, e, c->aCol[0], "action « %s » absente de "
                        "plan_actions.csv", demo_csv_cell(c, 0));
  }
  int rc = demo_csv_int(c, 1, p1, e);
  if (!rc) rc = demo_csv_int(c, 2, p2, e);
  return rc;
}

/* A yearly budget: year relative to the current one. */
static int demo_budget(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  PlanBudget b = {0};
  int64_t dy, eur;
  int y, m, dd;
  int rc = demo_action_row(c, pArg, &b.actionId, &dy, &eur, e);
  if (rc) return rc;
  caldate_ymd(d->iToday, &y, &m, &dd);
  b.year = y + (int)dy;
  b.cents = eur * 100;
  return plan_budget_set(d->db, &b, e);
}

/* A manual spending line, days_ago before today. */
static int demo_spend(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  PlanSpend s = {0};
  int64_t nDay, eur;
  int rc = demo_action_row(c, pArg, &s.actionId, &nDay, &eur, e);
  if (rc) return rc;
  s.zDate = demo_day(d, -(int)nDay);
  s.cents = eur * 100;
  s.zLabel = demo_csv_cell(c, 3);
  return plan_spend_add(d->db, &s, e);
}

int demo_plan(Demo *d, Err *err)
{
  static const char *const azAction[] = {"code", "name", "objective",
    "link_kind", "link_target"};
  static const char *const azBudget[] = {"action", "year", "euros"};
  static const char *const azSpend[] = {"action", "days_ago", "euros",
    "label"};
  json_t *pCodes = json_object();   /* action code -> id */
  int rc = demo_csv_each(d, "plan_actions.csv", azAction, 5, demo_action,
                         pCodes, err);
  if (!rc) {
    rc = demo_csv_each(d, "plan_budgets.csv", azBudget, 3, demo_budget,
                       pCodes, err);
  }
  if (!rc) {
    rc = demo_csv_each(d, "plan_spending.csv", azSpend, 4, demo_spend,
                       pCodes, err);
  }
  json_decref(pCodes);
  return rc;
}
