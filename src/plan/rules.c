/*
** plan/rules.c: the plan's pure rules: labels, cost per doctor settled,
** execution rate.  Euro amounts are read and written by base/money.c.
**
** No SQL, no HTML.  Amounts are cents in int64_t so that a dashboard's
** totals equal the sum of its lines exactly.
*/
#include <math.h>
#include <string.h>

#include "base/caldate.h"
#include "plan/plan.h"

const PlanLabel plan_link_kinds[] = {
  {"aide", "Aide à l'installation"},
  {"centre", "Centre de santé"},
  {"stage", "Terrain de stage"},
  {"evenement", "Rencontre du portail"},
  {0, 0}
};

/* In the order of the aOutput arrays. */
const PlanLabel plan_output_codes[] = {
  {"installes", "Médecins installés"},
  {"engagements", "Engagements signés"},
  {"etudiants", "Étudiants et internes accueillis"},
  {"consultations", "Consultations en centre de santé"},
  {"patients-mt", "Patients ayant un médecin traitant en centre"},
  {0, 0}
};

int plan_output_index(const char *zCode)
{
  for (int i = 0; zCode && plan_output_codes[i].zCode; i++) {
    if (strcmp(plan_output_codes[i].zCode, zCode) == 0) return i;
  }
  return -1;
}

const char *plan_output_key(int i)
{
  /* The codes are stored as they are; JSON keys are snake_case. */
  static const char *const azKey[PLAN_N_OUTPUT] = {
    "installes", "engagements", "etudiants", "consultations", "patients_mt"
  };
  return i >= 0 && i < PLAN_N_OUTPUT ? azKey[i] : "";
}

double plan_cost_per_doctor(int64_t spentCents, int64_t nSettled)
{
  return nSettled > 0 ? (double)spentCents / 100.0 / (double)nSettled : NAN;
}

double plan_execution_pct(int64_t spentCents, int64_t budgetCents)
{
  return budgetCents > 0 ? 100.0 * (double)spentCents / (double)budgetCents
                         : NAN;
}

const char *plan_spend_date_problem(const char *zDate, int iToday)
{
  int iDay, y, m, d;
  if (!zDate || caldate_parse(zDate, &iDay)) return "Date invalide.";
  caldate_ymd(iToday, &y, &m, &d);
  if (iDay < caldate_from_ymd(PLAN_YEAR_FIRST, 1, 1)) {
    return "Date trop ancienne : une dépense du plan date de 2000 au plus "
           "tôt.";
  }
  if (iDay > caldate_from_ymd(y + 1, 12, 31)) {
    return "Date trop lointaine : une dépense se saisit au plus tard pour "
           "l'année prochaine.";
  }
  return NULL;
}

int plan_spend_problems(const PlanSpend *p, int iToday, PlanProblem *aOut)
{
  int n = 0;
  const char *zWhy = plan_spend_date_problem(p->zDate, iToday);
  if (zWhy) aOut[n++] = (PlanProblem){"date", zWhy};
  if (p->cents <= 0) {
    aOut[n++] = (PlanProblem){"montant", "Une dépense est un montant "
                              "positif."};
  }
  const char *z = p->zLabel ? p->zLabel : "";
  while (*z == ' ') z++;
  if (!*z || strlen(z) > 300) {
    aOut[n++] = (PlanProblem){"libelle", "Indiquez l'objet de la dépense "
                              "(300 caractères au plus)."};
  }
  return n;
}
