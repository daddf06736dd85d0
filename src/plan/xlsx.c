/*
** plan/xlsx.c: the dashboard as a workbook of four sheets (Synthèse,
** Actions, Années, Accès aux soins), written by the one export writer
** (web/export.h): money cells are euros with a euro format so officials
** can sum and chart them, text is never a formula, and the provenance
** goes to its own sheet.
*/
#include <math.h>

#include "plan/plan.h"
#include "portal/portal.h"
#include "web/export.h"

/* The columns of the Actions and Années sheets after their first ones:
** budget, spending, then one a output. */
static void xlsx_figure_cols(ExpTable *t)
{
  exp_col(t, "budget", "Budget (€)", EXP_MONEY);
  exp_col(t, "depense", "Dépensé (€)", EXP_MONEY);
  for (int i = 0; i < PLAN_N_OUTPUT; i++) {
    exp_col(t, plan_output_codes[i].zCode, plan_output_codes[i].zLabel,
            EXP_INTEGER);
  }
}

/* Their cells; an output whose bit is clear in mask has no figure: the
** cell stays empty rather than read 0. */
static void xlsx_figure_cells(ExpTable *t, int64_t budgetCents,
                              int64_t spentCents, const int64_t *aOutput,
                              unsigned mask)
{
  exp_money(t, budgetCents);
  exp_money(t, spentCents);
  for (int i = 0; i < PLAN_N_OUTPUT; i++) {
    if (mask & (1u << i)) {
      exp_integer(t, aOutput[i]);
    } else {
      exp_empty(t);
    }
  }
}

/* A row of the Synthèse: zLabel, then an amount in cents. */
static void summary_money(ExpTable *t, const char *zLabel, int64_t cents)
{
  exp_row(t);
  exp_text(t, zLabel);
  exp_money(t, cents);
}

/* Synthèse: one row a figure (label, value). */
static ExpTable *xlsx_summary(const PlanSummary *p, const char *zTerritory)
{
  ExpTable *t = exp_new("Synthèse");
  exp_col(t, "indicateur", "Indicateur", EXP_TEXT);
  exp_col(t, "valeur", "Valeur", EXP_NUMBER);
  exp_provenance(t, "Plan santé du territoire");
  exp_provenance(t, zTerritory);
  summary_money(t, "Budget total", p->budgetCents);
  summary_money(t, "Dépenses enregistrées", p->spentCents);
  for (int i = 0; i < PLAN_N_OUTPUT; i++) {
    exp_row(t);
    exp_text(t, plan_output_codes[i].zLabel);
    if (p->hasOutput & (1u << i)) {
      exp_integer(t, p->aOutput[i]);
    } else {
      exp_text(t, "pas de donnée");
    }
  }
  exp_row(t);
  exp_text(t, "Coût par médecin installé");
  double c = plan_cost_per_doctor(p->spentCents, p->aOutput[0]);
  if (isnan(c)) {
    exp_text(t, "aucun médecin installé");
  } else {
    exp_money(t, (int64_t)llround(c * 100));
  }
  for (int i = 0; i < PLAN_N_SRC; i++) {
    summary_money(t, plan_source_labels[i], p->aSpent[i]);
  }
  summary_money(t, "Remboursements perçus par les centres (recettes)",
                p->receiptsCents);
  summary_money(t, "Paiements rattachés à aucune action", p->unlinkedCents);
  /* what the modules hold outside the territory: named, never counted */
  const struct { const char *zLabel; int64_t n; } aOut[] = {
    {"Hors territoire, non comptés : installations", p->outside.nSettled},
    {"Hors territoire, non comptés : engagements d'aide",
     p->outside.nSigned},
    {"Hors territoire, non comptés : stages", p->outside.nTrainees},
    {"Hors territoire, non comptés : consultations en centre",
     p->outside.nConsultations},
  };
  for (size_t i = 0; i < sizeof aOut / sizeof aOut[0]; i++) {
    exp_row(t);
    exp_text(t, aOut[i].zLabel);
    exp_integer(t, aOut[i].n);
  }
  return t;
}

/* Actions: one row an action, with its outputs and cost per doctor. */
static ExpTable *xlsx_actions(const PlanSummary *p)
{
  ExpTable *t = exp_new("Actions");
  exp_col(t, "action", "Action", EXP_TEXT);
  exp_col(t, "objectif", "Objectif", EXP_TEXT);
  xlsx_figure_cols(t);
  exp_col(t, "cout_par_medecin", "Coût par médecin installé (€)", EXP_MONEY);
  for (int k = 0; k < p->nAction; k++) {
    const PlanAction *a = &p->aAction[k];
    exp_row(t);
    exp_text(t, a->zName);
    exp_text(t, a->zObjective);
    xlsx_figure_cells(t, a->budgetCents, a->spentCents, a->aOutput,
                      (1u << PLAN_N_OUTPUT) - 1);
    double ca = plan_cost_per_doctor(a->spentCents, a->aOutput[0]);
    if (isnan(ca)) {
      exp_empty(t);
    } else {
      exp_money(t, (int64_t)llround(ca * 100));
    }
  }
  return t;
}

/* Années: budget, spending and outputs per year. */
static ExpTable *xlsx_years(const PlanSummary *p)
{
  ExpTable *t = exp_new("Années");
  exp_col(t, "annee", "Année", EXP_INTEGER);
  xlsx_figure_cols(t);
  for (int y = 0; y < p->nYear; y++) {
    const PlanYear *py = &p->aYear[y];
    exp_row(t);
    exp_integer(t, py->year);
    xlsx_figure_cells(t, py->budgetCents, py->spentCents, py->aOutput,
                      py->hasOutput);
  }
  return t;
}

/* Accès aux soins: the APL of the territory per vintage. */
static ExpTable *xlsx_access(const PlanSummary *p)
{
  ExpTable *t = exp_new("Accès aux soins");
  exp_col(t, "millesime", "Millésime", EXP_INTEGER);
  exp_col(t, "apl", "APL moyen", EXP_NUMBER);
  exp_col(t, "communes", "Communes calculées", EXP_INTEGER);
  exp_col(t, "communes_sous_denses", "Communes sous-denses", EXP_INTEGER);
  exp_col(t, "habitants_sous_dense", "Habitants en zone sous-dense",
          EXP_INTEGER);
  for (int k = 0; k < p->nVintage; k++) {
    const PortalVintage *v = &p->aVintage[k];
    exp_row(t);
    exp_integer(t, v->vintage);
    exp_number(t, v->apl);
    exp_integer(t, v->nCommune);
    exp_integer(t, v->nSousDense);
    exp_integer(t, (int64_t)v->popSousDense);
  }
  if (p->nVintage == 0) {
    exp_provenance(t, "Accès aux soins : l'APL de la DREES n'est pas "
                      "importée pour le territoire de l'instance.");
  } else {
    exp_provenance(t, "Accès aux soins : APL de la DREES telle que publiée "
                      "(tous âges), pondérée par la population standardisée ;"
                      " sous-dense : APL < 2,5 (classement indicatif).");
  }
  return t;
}

int plan_xlsx(const PlanSummary *p, const char *zTerritory, Str *pOut,
              Err *err)
{
  ExpTable *aT[4] = {xlsx_summary(p, zTerritory), xlsx_actions(p),
                     xlsx_years(p), xlsx_access(p)};
  int rc = exp_write_workbook((const ExpTable *const *)aT, 4, pOut, err);
  for (int k = 0; k < 4; k++) exp_free(aT[k]);
  return rc;
}
