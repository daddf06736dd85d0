/*
** workforce/rules.c: the register's pure rules: professions, the DREES
** counting of one person's activity, the year a person leaves, age bands.
**
** No SQL, no HTML: register.c reads the people, the pages and the API
** show what these functions decide.  The counting itself is the access
** engine's (acc_practitioner_acts), so the register and the APL pass can
** never count one doctor two ways.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "access/access.h"
#include "workforce/workforce.h"

#define WF_GP_PARAMS                                                        \
  "paramètres DREES des médecins généralistes (seuls documentés ici) : "   \
  "moins de 250 actes exclus, plancher 3 600, plafond 6 000, nouvel "      \
  "installé libéral 5 400, centre de santé sans bornes"

const WfProfession wf_professions[WF_NPROF] = {
  {"mg", "10", "Médecins généralistes", WF_GP_PARAMS},
  {"dentiste", "40", "Chirurgiens-dentistes", WF_GP_PARAMS},
  {"sage_femme", "50", "Sages-femmes", WF_GP_PARAMS},
  {"infirmier", "60", "Infirmiers", WF_GP_PARAMS},
  {"kine", "70", "Masseurs-kinésithérapeutes", WF_GP_PARAMS},
};

const char *const wf_band_labels[WF_NBAND] = {
  "moins de 30 ans", "30-34 ans", "35-39 ans", "40-44 ans", "45-49 ans",
  "50-54 ans", "55-59 ans", "60-64 ans", "65-69 ans", "70 ans et plus"};

const WfProfession *wf_profession(const char *zCode)
{
  for (int i = 0; zCode && i < WF_NPROF; i++) {
    if (!strcmp(zCode, wf_professions[i].zCode)) return &wf_professions[i];
  }
  return NULL;
}

const char *wf_profession_of_rpps(const char *zRpps)
{
  for (int i = 0; zRpps && i < WF_NPROF; i++) {
    if (!strcmp(zRpps, wf_professions[i].zRpps)) {
      return wf_professions[i].zCode;
    }
  }
  return NULL;
}

int wf_band(int age)
{
  if (age < 30) return 0;
  if (age >= 70) return WF_NBAND - 1;
  return 1 + (age - 30) / 5;
}

/*
** The rule is the engine's (acc_practitioner_acts with the DREES default
** parameters); this function only adds the sentence that says which rule
** applied, tested in the same order as the engine tests them.
*/
double wf_counted_acts(const WfPerson *p, const char **pzRule)
{
  AccParams prm = acc_params_default();
  AccPractitioner pr = {0};
  pr.iNode = 0;
  pr.acts = isnan(p->acts) ? -1 : p->acts;
  pr.isNewLiberal = p->isNewLiberal;
  pr.isCentre = p->isCentre;
  const char *zRule;
  if (pr.isNewLiberal) {
    zRule = "nouvel installé libéral (pas d'activité l'année précédente) : "
            "5 400 actes imputés";
  } else if (pr.acts < 0 && !isnan(p->fte)) {
    /* not a DREES rule: the team knows the time worked, not the acts */
    zRule = "activité inconnue : ETP déclaré × 4 500 actes (un généraliste "
            "moyen)";
    if (pzRule) *pzRule = zRule;
    return p->fte * prm.actsPerPractitioner;
  } else if (pr.acts < 0) {
    zRule = "activité inconnue : un généraliste moyen (4 500 actes)";
  } else if (pr.isCentre) {
    zRule = "salarié d'un centre de santé : activité réelle, sans bornes";
  } else if (pr.acts < prm.actsMin) {
    zRule = "moins de 250 actes : activité marginale, non comptée";
  } else if (pr.acts <= prm.actsFloor) {
    zRule = "de 250 à 3 600 actes : compté 3 600 (plancher)";
  } else if (pr.acts > prm.actsCap) {
    zRule = "plus de 6 000 actes : compté 6 000 (plafond)";
  } else {
    zRule = "de 3 601 à 6 000 actes : activité réelle";
  }
  if (pzRule) *pzRule = zRule;
  return acc_practitioner_acts(&prm, &pr);
}

int wf_leaving_year(const WfPerson *p, int retireAge)
{
  if (retireAge == 0 && p->zRetireOn && strlen(p->zRetireOn) >= 4) {
    int y = 0;
    if (sscanf(p->zRetireOn, "%4d", &y) == 1) return y;
  }
  if (p->birthYear <= 0) return 0;
  return (int)p->birthYear + (retireAge ? retireAge : 67);
}

/*
** Small-cell masking for the public: a count from 1 to WF_MIN_CELL - 1
** is hidden (aMask[i] = 1).  When the row's total is shown and a single
** cell would be hidden, it could be recovered by subtraction: the smallest
** other non-zero cell is hidden with it.
*/
void wf_mask(const int *a, int n, int nMin, unsigned char *aMask)
{
  int nMasked = 0;
  for (int i = 0; i < n; i++) {
    aMask[i] = a[i] > 0 && a[i] < nMin;
    nMasked += aMask[i];
  }
  if (nMasked != 1) return;
  int iMin = -1;
  for (int i = 0; i < n; i++) {
    if (aMask[i] || a[i] <= 0) continue;
    if (iMin < 0 || a[i] < a[iMin]) iMin = i;
  }
  if (iMin >= 0) aMask[iMin] = 1;
}
