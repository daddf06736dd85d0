/*
** plan/actions.c: every write of the plan, for its pages and its JSON API
** alike: one transaction holding the change and its audit entry
** (kit_write), all or nothing.
**
** An action's audit entry holds its JSON before and after (and what
** changed); an output's entry its key and value.
*/
#include <string.h>

#include "plan/web_int.h"

/* The action's JSON now (NULL when absent). */
static json_t *act_action_json(Req *req, int64_t id)
{
  PlanAction p;
  Err err = {0};
  if (plan_action_get(req_db(req), req_arena(req), id, &p, &err)) return NULL;
  return plan_action_json(&p);
}

/* Audit a write on action id: pBefore (stolen) and the action now, with
** pDetail (stolen) as its "changement". */
static int act_audit(Req *req, int64_t id, const char *zWhat,
                     json_t *pBefore, json_t *pDetail, Err *err)
{
  json_t *pAfter = act_action_json(req, id);
  if (pAfter && pDetail) json_object_set(pAfter, "changement", pDetail);
  json_decref(pDetail);
  return kit_audit(req, "plan_action", id, zWhat, pBefore, pAfter, err);
}

/* One write: its record and ids. */
typedef struct Act Act;
struct Act {
  PlanAction *pAction;
  const PlanBudget *pBudget;
  PlanLink *pLink;
  PlanSpend *pSpend;
  const PlanOutput *pOutput;
  const struct ActLine *pLine;
  int64_t actionId, id;
};

static int act_action_save(Req *req, void *pArg, Err *err)
{
  PlanAction *p = ((Act *)pArg)->pAction;
  int isNew = p->id == 0;
  json_t *pBefore = isNew ? NULL : act_action_json(req, p->id);
  int rc = plan_action_check(p, err);
  if (!rc) rc = plan_action_save(req_db(req), p, err);
  if (rc) {
    json_decref(pBefore);
    return rc;
  }
  return act_audit(req, p->id, isNew ? "create" : "update", pBefore, NULL,
                   err);
}

int plan_act_action_save(Req *req, PlanAction *p, Err *err)
{
  Act a = {.pAction = p};
  return kit_write(req, act_action_save, &a, err);
}

static int act_action_delete(Req *req, void *pArg, Err *err)
{
  int64_t id = ((Act *)pArg)->actionId;
  json_t *pBefore = act_action_json(req, id);
  int rc = plan_action_delete(req_db(req), id, err);
  if (rc) {
    json_decref(pBefore);
    return rc;
  }
  return kit_audit(req, "plan_action", id, "delete", pBefore, NULL, err);
}

int plan_act_action_delete(Req *req, int64_t id, Err *err)
{
  Act a = {.actionId = id};
  return kit_write(req, act_action_delete, &a, err);
}

static int act_budget(Req *req, void *pArg, Err *err)
{
  const PlanBudget *b = ((Act *)pArg)->pBudget;
  json_t *pBefore = act_action_json(req, b->actionId);
  int rc = plan_budget_set(req_db(req), b, err);
  if (rc) {
    json_decref(pBefore);
    return rc;
  }
  return act_audit(req, b->actionId, "budget", pBefore,
                   json_pack("{s:i, s:I}", "annee", b->year,
                             "montant_centimes", (json_int_t)b->cents),
                   err);
}

int plan_act_budget(Req *req, const PlanBudget *p, Err *err)
{
  Act a = {.pBudget = p};
  return kit_write(req, act_budget, &a, err);
}

static int act_link_add(Req *req, void *pArg, Err *err)
{
  PlanLink *l = ((Act *)pArg)->pLink;
  const char *zName = NULL;
  if (!portal_label(plan_link_kinds, l->zKind)) {
    err_set(err, ERR_INPUT, "Choisissez ce que l'action finance.");
    err_field(err, "objet");
    return ERR_INPUT;
  }
  int rc = plan_target_check(req_db(req), req_arena(req), l->zKind,
                             l->zTarget, &zName, err);
  if (rc) return rc;
  if (!l->zLabel || !l->zLabel[0]) l->zLabel = zName;
  if (strlen(l->zLabel) > 200) {
    err_set(err, ERR_INPUT, "Libellé : 200 caractères au plus.");
    err_field(err, "libelle");
    return ERR_INPUT;
  }
  rc = plan_link_add(req_db(req), l, err);
  if (rc) return rc;
  return act_audit(req, l->actionId, "link", NULL,
                   json_pack("{s:s, s:s}", "type", l->zKind, "cible",
                             l->zTarget), err);
}

int plan_act_link_add(Req *req, PlanLink *p, Err *err)
{
  Act a = {.pLink = p};
  return kit_write(req, act_link_add, &a, err);
}

/* Removing a line an action holds (a link, a spending): the store call,
** the audit's action and the key naming the line in it. */
typedef struct ActLine ActLine;
struct ActLine {
  int (*xDelete)(Store *, int64_t actionId, int64_t id, Err *);
  const char *zWhat;
  const char *zKey;
};
static const ActLine actLink = {plan_link_delete, "unlink", "lien"};
static const ActLine actSpend = {plan_spend_delete, "unspend", "depense"};

static int act_line_delete(Req *req, void *pArg, Err *err)
{
  Act *a = pArg;
  int rc = a->pLine->xDelete(req_db(req), a->actionId, a->id, err);
  if (rc) return rc;
  return act_audit(req, a->actionId, a->pLine->zWhat, NULL,
                   json_pack("{s:I}", a->pLine->zKey, (json_int_t)a->id), err);
}

int plan_act_link_delete(Req *req, int64_t actionId, int64_t id, Err *err)
{
  Act a = {.actionId = actionId, .id = id, .pLine = &actLink};
  return kit_write(req, act_line_delete, &a, err);
}

static int act_spend_add(Req *req, void *pArg, Err *err)
{
  PlanSpend *s = ((Act *)pArg)->pSpend;
  int rc = plan_spend_add(req_db(req), s, err);
  if (rc) return rc;
  return act_audit(req, s->actionId, "spend", NULL,
                   json_pack("{s:I, s:s, s:I, s:s}", "depense",
                             (json_int_t)s->id, "date", s->zDate,
                             "montant_centimes", (json_int_t)s->cents,
                             "libelle", s->zLabel), err);
}

int plan_act_spend_add(Req *req, PlanSpend *p, Err *err)
{
  Act a = {.pSpend = p};
  return kit_write(req, act_spend_add, &a, err);
}

int plan_act_spend_delete(Req *req, int64_t actionId, int64_t id, Err *err)
{
  Act a = {.actionId = actionId, .id = id, .pLine = &actSpend};
  return kit_write(req, act_line_delete, &a, err);
}

static int act_output(Req *req, void *pArg, Err *err)
{
  const PlanOutput *o = ((Act *)pArg)->pOutput;
  int rc = plan_output_set(req_db(req), o, err);
  if (rc) return rc;
  return kit_audit(req, "plan_output", o->actionId, "set", NULL,
                   json_pack("{s:I, s:s, s:i, s:I}", "action",
                             (json_int_t)o->actionId, "code", o->zCode,
                             "annee", o->year, "valeur",
                             (json_int_t)o->value), err);
}

int plan_act_output(Req *req, const PlanOutput *p, Err *err)
{
  Act a = {.pOutput = p};
  return kit_write(req, act_output, &a, err);
}
