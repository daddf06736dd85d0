/*
** plan/web_int.h: what the plan's web files share (not for other modules).
*/
#ifndef OASIS_PLAN_WEB_INT_H
#define OASIS_PLAN_WEB_INT_H
#include "plan/plan.h"
#include "portal/portal.h"
#include "web/kit.h"
#include "web/kit_table.h"

/* The territory's name (portal settings), "" when unset. */
const char *plan_territory(Req *req);

/* ---- records (forms.c): one field table each, form or JSON alike ------- */
/* Each reads its record and returns the number of errors added to e.
** Input keys are French (nom, annee, montant…); the former English ones
** (name, year, amount…) are still read, the answer marked deprecated. */
int plan_read_action(Req *req, PlanAction *p, KitErrors *e);
int plan_read_budget(Req *req, PlanBudget *p, KitErrors *e);
int plan_read_spend(Req *req, PlanSpend *p, KitErrors *e);
int plan_read_output(Req *req, PlanOutput *p, KitErrors *e);
/* A link: "objet" as "type:cible" (the page's select), or type and cible
** apart. */
int plan_read_link(Req *req, PlanLink *p, KitErrors *e);
/* The action id of the path (0 for the plan-level routes), -1 with a 404
** queued when it is malformed or unknown. */
int64_t plan_action_arg(Req *req);

/* ---- actions.c: every write, pages and API alike ------------------------ */
/* Each runs in one transaction with its audit entry; 0, or ERR_INPUT
** naming the field in err, ERR_NOTFOUND, or another failure. */
/* Create (p->id 0: id set) or update name and objective. */
int plan_act_action_save(Req *req, PlanAction *p, Err *err);
int plan_act_action_delete(Req *req, int64_t id, Err *err);
int plan_act_budget(Req *req, const PlanBudget *p, Err *err);
/* Check what p funds against its module; an empty label takes the
** object's name. */
int plan_act_link_add(Req *req, PlanLink *p, Err *err);
int plan_act_link_delete(Req *req, int64_t actionId, int64_t id, Err *err);
int plan_act_spend_add(Req *req, PlanSpend *p, Err *err);
int plan_act_spend_delete(Req *req, int64_t actionId, int64_t id, Err *err);
int plan_act_output(Req *req, const PlanOutput *p, Err *err);

/* The route handlers are declared by the table tools/mkroutes generates
** from their ROUTE: comments, not here. */

#endif
