/*
** plan/forms.c: the plan's records as its forms and its API send them,
** each read through one field table (web/kit.h), so a page and the API
** read the same record the same way.
**
** Keys are French; the English ones of the first version are read as
** former spellings (KitField.zOld).  Domain checks stay in store.c.
*/
#include <stddef.h>
#include <string.h>

#include "base/clock.h"
#include "plan/web_int.h"

/* A year row and an output value as the kit types them (int64_t). */
typedef struct PlanYearValue PlanYearValue;
struct PlanYearValue {
  int64_t year;
  int64_t value;
};

static const KitField aActionField[] = {
  {"nom", "Nom", KIT_TEXT, 0, offsetof(PlanAction, zName), 0, 0, NULL,
   "name"},
  {"objectif", "Objectif", KIT_TEXT, 0, offsetof(PlanAction, zObjective), 0,
   0, NULL, "objective"},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};

static const KitField aYearField[] = {
  {"annee", "Année", KIT_INT, KIT_REQUIRED,
   offsetof(PlanYearValue, year), 2000, 2100, NULL, "year"},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};

static const KitField aBudgetField[] = {
  {"montant", "Montant", KIT_CENTS, KIT_REQUIRED,
   offsetof(PlanBudget, cents), 0, 0, NULL, "amount"},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};

static const KitField aSpendField[] = {
  {"date", "Date", KIT_DATE, KIT_REQUIRED, offsetof(PlanSpend, zDate), 0, 0,
   NULL, NULL},
  {"montant", "Montant", KIT_CENTS, KIT_REQUIRED, offsetof(PlanSpend, cents),
   0, 0, NULL, "amount"},
  {"libelle", "Objet", KIT_TEXT, 0, offsetof(PlanSpend, zLabel), 0, 0, NULL,
   "label"},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};

static const KitField aOutputField[] = {
  {"code", "Indicateur", KIT_TEXT, 0, offsetof(PlanOutput, zCode), 0, 0, NULL,
   NULL},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};

static const KitField aValueField[] = {
  {"valeur", "Valeur", KIT_INT, KIT_REQUIRED,
   offsetof(PlanYearValue, value), 0, 0, NULL, "value"},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};

static const KitField aLinkField[] = {
  {"type", "Type", KIT_TEXT, 0, offsetof(PlanLink, zKind), 0, 0, NULL,
   "kind"},
  {"cible", "Cible", KIT_TEXT, 0, offsetof(PlanLink, zTarget), 0, 0, NULL,
   "target"},
  {"libelle", "Libellé", KIT_TEXT, 0, offsetof(PlanLink, zLabel), 0, 0, NULL,
   "label"},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};

int plan_read_action(Req *req, PlanAction *p, KitErrors *e)
{
  int64_t id = p->id;
  memset(p, 0, sizeof *p);
  p->id = id;
  return kit_read(req, aActionField, p, e);
}

int plan_read_budget(Req *req, PlanBudget *p, KitErrors *e)
{
  PlanYearValue y = {0, 0};
  int n = kit_read(req, aYearField, &y, e);
  n += kit_read(req, aBudgetField, p, e);
  p->year = y.year == KIT_UNSET ? 0 : (int)y.year;
  return n;
}

/* Every refusal of a spending at once, each at its field: the kit's
** (types), then the plan's (a plausible date, a positive amount, an
** object). */
int plan_read_spend(Req *req, PlanSpend *p, KitErrors *e)
{
  int n0 = e->n;
  PlanProblem aP[3];
  kit_read(req, aSpendField, p, e);
  int nP = plan_spend_problems(p, clock_today(), aP);
  for (int i = 0; i < nP; i++) {
    /* a field the kit refused keeps the kit's reason */
    if (!kit_error_of(e, aP[i].zField)) {
      kit_error_add(req, e, aP[i].zField, aP[i].zWhy);
    }
  }
  return e->n - n0;
}

int plan_read_output(Req *req, PlanOutput *p, KitErrors *e)
{
  PlanYearValue y = {0, 0};
  int n = kit_read(req, aOutputField, p, e);
  n += kit_read(req, aYearField, &y, e);
  n += kit_read(req, aValueField, &y, e);
  p->year = y.year == KIT_UNSET ? 0 : (int)y.year;
  p->value = y.value == KIT_UNSET ? 0 : y.value;
  return n;
}

int plan_read_link(Req *req, PlanLink *p, KitErrors *e)
{
  int n = kit_read(req, aLinkField, p, e);
  const char *zObj = kit_value(req, "objet");
  const char *zColon = strchr(zObj, ':');
  if (zColon) {
    p->zKind = arena_strndup(req_arena(req), zObj, (size_t)(zColon - zObj));
    p->zTarget = zColon + 1;
  }
  return n;
}

int64_t plan_action_arg(Req *req)
{
  Err err = {0};
  PlanAction p;
  if (!req_arg(req, "id")) return 0;
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return -1;
  int rc = plan_action_get(req_db(req), req_arena(req), id, &p, &err);
  if (rc == ERR_NOTFOUND) {
    reply_error(req, 404, "introuvable", "Action introuvable.", NULL);
    return -1;
  }
  if (rc) {
    kit_reply_err(req, rc, &err);
    return -1;
  }
  return id;
}
