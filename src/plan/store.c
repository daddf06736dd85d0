/*
** plan/store.c: every SQL statement of the plan (tables plan_*).
**
** Writes open no transaction: the caller wraps each write with its audit
** entry.  Checks that need no database are in rules.c; the tables'
** CHECK constraints repeat the essential ones (no negative cents).
*/
#include <math.h>
#include <string.h>

#include "base/clock.h"
#include "base/money.h"
#include "plan/plan.h"
#include "portal/portal.h"

/* ---- actions ------------------------------------------------------------ */

#define ACTION_COLS \
  "a.id, a.name, a.objective, " \
  "(SELECT coalesce(sum(cents), 0) FROM plan_budget b " \
  "  WHERE b.action_id = a.id), " \
  "(SELECT coalesce(sum(cents), 0) FROM plan_spending s " \
  "  WHERE s.action_id = a.id)"

/* Fill the output sums of p (one query per action: a plan has ~10). */
static int action_outputs(Store *db, PlanAction *p, Err *err)
{
  memset(p->aOutput, 0, sizeof p->aOutput);
  Stmt *q = store_stmt(db, "SELECT code, sum(value) FROM plan_outputs "
                           "WHERE action_id = ?1 GROUP BY code");
  store_bind_int(q, 1, p->id);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    int i = plan_output_index(store_col_text(q, 0));
    if (i >= 0) p->aOutput[i] = store_col_int(q, 1);
  }
  return rc;
}

/* ACTION_COLS' members; after the id, the values saving binds as ?1..?2. */
static const StoreCol aActionCol[] = {
  STORE_COL(PlanAction, id),
  STORE_COL(PlanAction, zName),
  STORE_COL_EMPTY(PlanAction, zObjective),
  STORE_COL(PlanAction, budgetCents),
  STORE_COL(PlanAction, spentCents),
};

int plan_action_list(Store *db, Arena *a, PlanAction **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " ACTION_COLS " FROM plan_actions a "
                           "ORDER BY a.position, a.id");
  int rc = store_rows_cols(q, a, aActionCol, STORE_NCOL(aActionCol),
                           sizeof **pa, (void **)pa, pn, err);
  for (int i = 0; rc == 0 && i < *pn; i++) {
    rc = action_outputs(db, &(*pa)[i], err);
  }
  return rc;
}

int plan_action_get(Store *db, Arena *a, int64_t id, PlanAction *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " ACTION_COLS " FROM plan_actions a "
                           "WHERE a.id = ?1");
  store_bind_int(q, 1, id);
  int rc = store_row_cols(q, a, aActionCol, STORE_NCOL(aActionCol), p,
                          "action introuvable", err);
  return rc ? rc : action_outputs(db, p, err);
}

int plan_action_check(const PlanAction *p, Err *err)
{
  const char *z = p->zName ? p->zName : "";
  while (*z == ' ') z++;
  if (!*z || strlen(p->zName) > 200) {
    err_set(err, ERR_INPUT, "Indiquez le nom de l'action (200 caractères au "
            "plus)");
    err_field(err, "nom");
    return ERR_INPUT;
  }
  if (p->zObjective && strlen(p->zObjective) > 2000) {
    err_set(err, ERR_INPUT, "Objectif : 2 000 caractères au plus");
    err_field(err, "objectif");
    return ERR_INPUT;
  }
  return 0;
}

int plan_action_save(Store *db, PlanAction *p, Err *err)
{
  Stmt *q = store_upsert(db, p->id,
      "UPDATE plan_actions SET name = ?1, objective = ?2 WHERE id = ?3",
      "INSERT INTO plan_actions (name, objective, position) VALUES (?1, ?2, "
      "(SELECT coalesce(max(position), 0) + 1 FROM plan_actions))");
  store_bind_cols(q, aActionCol + 1, 2, p, 1);
  return store_save(db, q, &p->id, "action introuvable", err);
}

int plan_action_delete(Store *db, int64_t id, Err *err)
{
  return store_delete(db, "DELETE FROM plan_actions WHERE id = ?1", id,
                      "action introuvable", err);
}

/* The outputs a as a JSON object keyed by code (snake_case); null for
** those whose bit is clear in mask (no figure: « pas de donnée »). */
static json_t *outputs_json(const int64_t *a, unsigned mask)
{
  json_t *o = json_object();
  for (int i = 0; i < PLAN_N_OUTPUT; i++) {
    json_object_set_new(o, plan_output_key(i),
                        mask & (1u << i) ? json_integer((json_int_t)a[i])
                                         : json_null());
  }
  return o;
}

#define PLAN_ALL_OUTPUTS ((1u << PLAN_N_OUTPUT) - 1)

json_t *plan_action_json(const PlanAction *p)
{
  json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:I}", "id", (json_int_t)p->id,
                        "nom", p->zName, "objectif", p->zObjective,
                        "budget_centimes", (json_int_t)p->budgetCents,
                        "depense_centimes", (json_int_t)p->spentCents);
  json_object_set_new(o, "indicateurs", outputs_json(p->aOutput,
                                                          PLAN_ALL_OUTPUTS));
  return o;
}

/* ---- budget lines, links, spending, outputs ---------------------------- */

/* The rows of literal zSql (?1: actionId) read through aCol into an
** arena array *pa of *pn records of nSize bytes: an action's lines. */
static int action_rows(Store *db, Arena *a, const char *zSql,
                       int64_t actionId, const StoreCol *aCol, int nCol,
                       size_t nSize, void **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, zSql);
  store_bind_int(q, 1, actionId);
  return store_rows_cols(q, a, aCol, nCol, nSize, pa, pn, err);
}

/* The columns of a budget line, also the values setting it binds. */
static const StoreCol aBudgetCol[] = {
  STORE_COL(PlanBudget, actionId),
  STORE_COL(PlanBudget, year),
  STORE_COL(PlanBudget, cents),
};

int plan_budget_list(Store *db, Arena *a, int64_t actionId, PlanBudget **pa,
                     int *pn, Err *err)
{
  return action_rows(db, a, "SELECT action_id, year, cents FROM plan_budget "
                     "WHERE action_id = ?1 ORDER BY year",
                     actionId, aBudgetCol, STORE_NCOL(aBudgetCol), sizeof **pa,
                     (void **)pa, pn, err);
}

int plan_budget_set(Store *db, const PlanBudget *p, Err *err)
{
  if (p->cents < 0) {
    err_set(err, ERR_INPUT, "Montant négatif refusé.");
    err_field(err, "montant");
    return ERR_INPUT;
  }
  /* a line set to 0 is removed: ?1, ?2 only */
  Stmt *q = p->cents == 0
      ? store_stmt(db, "DELETE FROM plan_budget WHERE action_id = ?1 AND "
                       "year = ?2")
      : store_stmt(db, "INSERT INTO plan_budget (action_id, year, cents) "
                       "VALUES (?1, ?2, ?3) ON CONFLICT (action_id, year) DO "
                       "UPDATE SET cents = excluded.cents");
  store_bind_cols(q, aBudgetCol, p->cents == 0 ? 2 : 3, p, 1);
  return store_exec(q, err);
}

/* The columns of a link; after the id, the values adding one binds. */
static const StoreCol aLinkCol[] = {
  STORE_COL(PlanLink, id),
  STORE_COL(PlanLink, actionId),
  STORE_COL(PlanLink, zKind),
  STORE_COL(PlanLink, zTarget),
  STORE_COL_EMPTY(PlanLink, zLabel),
};

int plan_link_list(Store *db, Arena *a, int64_t actionId, PlanLink **pa,
                   int *pn, Err *err)
{
  return action_rows(db, a, "SELECT id, action_id, kind, target, label FROM "
                     "plan_links WHERE action_id = ?1 ORDER BY kind, id",
                     actionId, aLinkCol, STORE_NCOL(aLinkCol), sizeof **pa,
                     (void **)pa, pn, err);
}

int plan_link_add(Store *db, PlanLink *p, Err *err)
{
  if (!portal_label(plan_link_kinds, p->zKind)) {
    err_set(err, ERR_INPUT, "Choisissez ce que l'action finance.");
    err_field(err, "objet");
    return ERR_INPUT;
  }
  size_t n = p->zTarget ? strlen(p->zTarget) : 0;
  if (n == 0 || n > 64 || strspn(p->zTarget, "abcdefghijklmnopqrstuvwxyz"
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
                              != n) {
    err_set(err, ERR_INPUT, "Identifiant invalide : lettres, chiffres, - _ "
            "ou . (64 au plus)");
    err_field(err, "objet");
    return ERR_INPUT;
  }
  Stmt *q = store_stmt(db, "SELECT count(*) FROM plan_links WHERE action_id "
                           "= ?1 AND kind = ?2 AND target = ?3");
  store_bind_cols(q, aLinkCol + 1, 3, p, 1);
  if (store_one_int(q, 0) > 0) {
    err_set(err, ERR_INPUT, "Ce lien existe déjà.");
    err_field(err, "objet");
    return ERR_INPUT;
  }
  q = store_stmt(db, "INSERT INTO plan_links (action_id, kind, target, "
                     "label) VALUES (?1, ?2, ?3, ?4)");
  store_bind_cols(q, aLinkCol + 1, 4, p, 1);
  int rc = store_exec(q, err);
  if (!rc) p->id = store_last_id(db);
  return rc;
}

/* Delete row id of table-specific statement q (bound); ERR_NOTFOUND when
** no row of that action had that id. */
static int delete_row(Store *db, Stmt *q, int64_t actionId, int64_t id,
                      const char *zWhat, Err *err)
{
  store_bind_list(q, STORE_V(id), STORE_V(actionId));
  int rc = store_exec(q, err);
  if (!rc && store_changes(db) == 0) {
    rc = err_set(err, ERR_NOTFOUND, "%s introuvable", zWhat);
  }
  return rc;
}

int plan_link_delete(Store *db, int64_t actionId, int64_t id, Err *err)
{
  return delete_row(db, store_stmt(db, "DELETE FROM plan_links WHERE id = ?1 "
                                       "AND action_id = ?2"),
                    actionId, id, "lien", err);
}

/* The columns of a spending; after the id, the values adding one binds. */
static const StoreCol aSpendCol[] = {
  STORE_COL(PlanSpend, id),
  STORE_COL(PlanSpend, actionId),
  STORE_COL(PlanSpend, zDate),
  STORE_COL(PlanSpend, cents),
  STORE_COL(PlanSpend, zLabel),
};

int plan_spend_list(Store *db, Arena *a, int64_t actionId, PlanSpend **pa,
                    int *pn, Err *err)
{
  return action_rows(db, a, "SELECT id, action_id, spent_on, cents, label "
                     "FROM plan_spending WHERE action_id = ?1 "
                     "ORDER BY spent_on, id",
                     actionId, aSpendCol, STORE_NCOL(aSpendCol), sizeof **pa,
                     (void **)pa, pn, err);
}

int plan_spend_add(Store *db, PlanSpend *p, Err *err)
{
  PlanProblem aP[3];
  if (plan_spend_problems(p, clock_today(), aP) > 0) {
    err_set(err, ERR_INPUT, "%s", aP[0].zWhy);
    err_field(err, aP[0].zField);
    return ERR_INPUT;
  }
  Stmt *q = store_stmt(db, "INSERT INTO plan_spending (action_id, spent_on, "
                           "cents, label) VALUES (?1, ?2, ?3, ?4)");
  store_bind_cols(q, aSpendCol + 1, 4, p, 1);
  int rc = store_exec(q, err);
  if (!rc) p->id = store_last_id(db);
  return rc;
}

int plan_spend_delete(Store *db, int64_t actionId, int64_t id, Err *err)
{
  return delete_row(db, store_stmt(db, "DELETE FROM plan_spending WHERE id "
                                       "= ?1 AND action_id = ?2"),
                    actionId, id, "dépense", err);
}

/* The columns of an output; after the id, the values setting one binds. */
static const StoreCol aOutputCol[] = {
  STORE_COL(PlanOutput, id),
  STORE_COL(PlanOutput, actionId),
  STORE_COL(PlanOutput, zCode),
  STORE_COL(PlanOutput, year),
  STORE_COL(PlanOutput, value),
};

int plan_output_list(Store *db, Arena *a, int64_t actionId, PlanOutput **pa,
                     int *pn, Err *err)
{
  return action_rows(db, a, "SELECT id, coalesce(action_id, 0), code, year, "
                     "value FROM plan_outputs "
                     "WHERE coalesce(action_id, 0) = ?1 "
                     "ORDER BY year, code",
                     actionId, aOutputCol, STORE_NCOL(aOutputCol), sizeof **pa,
                     (void **)pa, pn, err);
}

int plan_output_set(Store *db, const PlanOutput *p, Err *err)
{
  if (plan_output_index(p->zCode) < 0) {
    err_set(err, ERR_INPUT, "Choisissez un indicateur.");
    err_field(err, "code");
    return ERR_INPUT;
  }
  if (p->value < 0) {
    err_set(err, ERR_INPUT, "Une valeur négative est refusée.");
    err_field(err, "valeur");
    return ERR_INPUT;
  }
  /* NULL action ids never collide in a UNIQUE index: replace by hand */
  Stmt *q = store_stmt(db, "DELETE FROM plan_outputs WHERE coalesce("
                           "action_id, 0) = ?1 AND code = ?2 AND year = ?3");
  store_bind_cols(q, aOutputCol + 1, 3, p, 1);
  int rc = store_exec(q, err);
  if (rc) return rc;
  q = store_stmt(db, "INSERT INTO plan_outputs (action_id, code, year, "
                     "value) VALUES (nullif(?1, 0), ?2, ?3, ?4)");
  store_bind_cols(q, aOutputCol + 1, 4, p, 1);
  return store_exec(q, err);
}

/* ---- the dashboard ------------------------------------------------------ */

/* The PlanYear of year y in p->aYear (sorted), added when missing. */
PlanYear *plan_summary_year(Arena *a, PlanSummary *p, int y)
{
  int i = 0;
  while (i < p->nYear && p->aYear[i].year < y) i++;
  if (i < p->nYear && p->aYear[i].year == y) return &p->aYear[i];
  store_grow((void **)&p->aYear, p->nYear, sizeof *p->aYear, a);
  memmove(&p->aYear[i + 1], &p->aYear[i],
          (size_t)(p->nYear - i) * sizeof *p->aYear);
  memset(&p->aYear[i], 0, sizeof *p->aYear);
  p->aYear[i].year = y;
  p->nYear++;
  return &p->aYear[i];
}

int plan_summary_load(Store *db, Arena *a, PlanSummary *p, Err *err)
{
  memset(p, 0, sizeof *p);
  int rc = plan_action_list(db, a, &p->aAction, &p->nAction, err);
  if (rc) return rc;
  Stmt *q = store_stmt(db, "SELECT year, sum(cents) FROM plan_budget "
                           "GROUP BY year");
  while ((rc = store_step(q, err)) == 1) {
    plan_summary_year(a, p, (int)store_col_int(q, 0))->budgetCents =
        store_col_int(q, 1);
  }
  if (rc) return rc;
  q = store_stmt(db, "SELECT CAST(substr(spent_on, 1, 4) AS INTEGER), "
                     "sum(cents) FROM plan_spending GROUP BY 1");
  while ((rc = store_step(q, err)) == 1) {
    plan_summary_year(a, p, (int)store_col_int(q, 0))->spentCents =
        store_col_int(q, 1);
  }
  if (rc) return rc;
  q = store_stmt(db, "SELECT year, code, sum(value) FROM plan_outputs "
                     "GROUP BY year, code");
  while ((rc = store_step(q, err)) == 1) {
    int i = plan_output_index(store_col_text(q, 1));
    if (i >= 0) {
      PlanYear *py = plan_summary_year(a, p, (int)store_col_int(q, 0));
      py->aOutput[i] = store_col_int(q, 2);
      py->hasOutput |= 1u << i;
    }
  }
  if (rc) return rc;
  for (int y = 0; y < p->nYear; y++) {
    p->aYear[y].aSpent[PLAN_SRC_MANUEL] = p->aYear[y].spentCents;
    p->budgetCents += p->aYear[y].budgetCents;
    p->spentCents += p->aYear[y].spentCents;
    for (int i = 0; i < PLAN_N_OUTPUT; i++) {
      p->aOutput[i] += p->aYear[y].aOutput[i];
    }
  }
  p->aSpent[PLAN_SRC_MANUEL] = p->spentCents;
  for (int k = 0; k < p->nAction; k++) {
    p->aAction[k].aSpent[PLAN_SRC_MANUEL] = p->aAction[k].spentCents;
  }
  return plan_feeds_add(db, a, p, err);
}

/* The facts f as members of JSON object o. */
static void facts_json(json_t *o, const PlanFacts *f)
{
  json_object_set_new(o, "modules", json_pack(
      "{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
      "installes_guichet", (json_int_t)f->nSettled,
      "engagements_signes", (json_int_t)f->nSigned,
      "engagements_honores", (json_int_t)f->nHonoured,
      "stagiaires", (json_int_t)f->nTrainees,
      "stagiaires_installes", (json_int_t)f->nTraineesSettled,
      "consultations", (json_int_t)f->nConsultations,
      "patients_mt", (json_int_t)f->nPatientsMt,
      "inscrits", (json_int_t)f->nRegistrants));
}

/* Spending by source as a JSON object. */
static json_t *sources_json(const int64_t *aSpent, int64_t receipts)
{
  return json_pack("{s:I, s:I, s:I, s:I, s:I}",
                   "aides_centimes", (json_int_t)aSpent[PLAN_SRC_AIDES],
                   "stages_centimes", (json_int_t)aSpent[PLAN_SRC_STAGES],
                   "centres_centimes", (json_int_t)aSpent[PLAN_SRC_CENTRES],
                   "manuel_centimes", (json_int_t)aSpent[PLAN_SRC_MANUEL],
                   "recettes_centres_centimes", (json_int_t)receipts);
}

/* Spending per doctor settled in cents, or JSON null when none settled. */
static json_t *cost_json(int64_t spentCents, int64_t nSettled)
{
  double c = plan_cost_per_doctor(spentCents, nSettled);
  return c == c ? json_integer((json_int_t)money_from_euros(c)) : json_null();
}

json_t *plan_summary_json(const PlanSummary *p)
{
  json_t *aAct = json_array(), *aYear = json_array();
  for (int i = 0; i < p->nAction; i++) {
    json_t *o = plan_action_json(&p->aAction[i]);
    const PlanAction *pa = &p->aAction[i];
    json_object_set_new(o, "cout_par_medecin_centimes",
                        cost_json(pa->spentCents,
                                  plan_settled(&pa->facts, pa->aOutput)));
    json_object_set_new(o, "depenses_par_source",
                        sources_json(pa->aSpent, pa->receiptsCents));
    facts_json(o, &pa->facts);
    json_array_append_new(aAct, o);
  }
  for (int y = 0; y < p->nYear; y++) {
    const PlanYear *py = &p->aYear[y];
    json_t *o = json_pack("{s:i, s:I, s:I}", "annee", py->year,
                          "budget_centimes", (json_int_t)py->budgetCents,
                          "depense_centimes", (json_int_t)py->spentCents);
    json_object_set_new(o, "indicateurs", outputs_json(py->aOutput,
                                                          py->hasOutput));
    json_object_set_new(o, "depenses_par_source",
                        sources_json(py->aSpent, py->receiptsCents));
    facts_json(o, &py->facts);
    json_array_append_new(aYear, o);
  }
  json_t *pAccess = json_array();
  for (int k = 0; k < p->nVintage; k++) {
    const PortalVintage *v = &p->aVintage[k];
    json_array_append_new(pAccess, json_pack(
        "{s:i, s:f, s:i, s:i, s:I}", "millesime", v->vintage, "apl", v->apl,
        "communes", v->nCommune, "communes_sous_denses", v->nSousDense,
        "population_sous_dense", (json_int_t)v->popSousDense));
  }
  int64_t nSettled = plan_settled(&p->facts, p->aOutput);
  json_t *o = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:o}",
                   "budget_centimes", (json_int_t)p->budgetCents,
                   "depense_centimes", (json_int_t)p->spentCents,
                   "cout_par_medecin_centimes",
                   cost_json(p->spentCents, nSettled),
                   "indicateurs", outputs_json(p->aOutput, p->hasOutput),
                   "actions", aAct, "annees", aYear,
                   "depenses_par_source", sources_json(p->aSpent,
                                                       p->receiptsCents),
                   "non_rattache_centimes", (json_int_t)p->unlinkedCents,
                   "medecins_installes", (json_int_t)nSettled,
                   "acces", pAccess);
  facts_json(o, &p->facts);
  json_t *pOut = json_object();
  facts_json(pOut, &p->outside);
  json_object_set(o, "hors_territoire", json_object_get(pOut, "modules"));
  const WfNoGpArea *g = &p->noGp;   /* null: « non renseigné » */
  json_object_set_new(o, "sans_medecin_traitant", !g->year ? json_null()
      : json_pack("{s:i, s:I, s:o, s:s, s:s, s:i, s:i}", "annee", g->year,
                  "patients", (json_int_t)g->patients, "part",
                  isnan(g->share) ? json_null() : json_real(g->share),
                  "source", g->zOrigin, "mise_a_jour", g->zUpdatedOn,
                  "communes", g->nCommune, "epci", g->nEpci));
  json_decref(pOut);
  return o;
}
