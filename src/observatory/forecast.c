/*
** observatory/forecast.c: projected APL in 5 and 10 years from the
** practitioners' birth years and a retirement age.
**
** Assumptions, said in the note: population and travel times as in the
** vintage; a practitioner leaves the year he reaches the retirement age;
** nobody settles; practitioners without a birth year stay.  With supply
** from practitioners the DREES rules are applied to those who remain;
** with a counts source (e.g. SIRENE) a commune's count is scaled by the
** share of its known practitioners who remain.  With no birth year at
** all (the SIRENE proxy alone) there is no projection, and the note says
** so plainly.  Pure: no SQL.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_int.h"

static void forecast_supply(const ObsModel *m, int years, int retireAge,
                            double *aSupply, double *pLeaving)
{
  const ObsPriv *pv = m->pPriv;
  int nSite = m->in.nSite;
  AccPractitioner *a = xmalloc(sizeof *a * (size_t)(nSite + 1));
  obs_practitioners(m, years, retireAge, a);
  double leaving = 0;
  for (int s = 0; s < nSite; s++) {
    if (a[s].iNode < 0) leaving += 1;
  }
  if (pv->isPract) {
    int k = 0;
    for (int s = 0; s < nSite; s++) {
      if (a[s].iNode >= 0) a[k++] = a[s];
    }
    acc_supply_from_practitioners(&m->key.params, a, k, m->n, aSupply, NULL);
  } else {
    double *aKept = xcalloc((size_t)m->n, sizeof(double));
    double *aAll = xcalloc((size_t)m->n, sizeof(double));
    for (int s = 0; s < nSite; s++) {
      int i = m->in.aSiteNode[s];
      if (i < 0 || i >= m->n) continue;
      aAll[i] += 1;
      if (a[s].iNode >= 0) aKept[i] += 1;
    }
    for (int i = 0; i < m->n; i++) {
      double f = aAll[i] > 0 ? aKept[i] / aAll[i] : 1;
      aSupply[i] = m->aSupply[i] * f;
    }
    free(aKept);
    free(aAll);
  }
  *pLeaving = leaving;
  free(a);
}

int obs_forecast_run(const ObsModel *m, int retireAge, ObsForecast *out,
                     Err *err)
{
  memset(out, 0, sizeof *out);
  if (retireAge < 50 || retireAge > 90) {
    err_set(err, ERR_INPUT, "âge de départ en retraite invalide : %d (entre "
            "50 et 90)", retireAge);
    err_field(err, "age_retraite");
    return ERR_INPUT;
  }
  out->retireAge = retireAge;
  out->aYears[0] = 5;
  out->aYears[1] = 10;
  for (int k = 0; k < 2; k++) out->aYear[k] = m->key.vintage + out->aYears[k];
  for (int s = 0; s < m->in.nSite; s++) {
    if (m->in.aSiteBirth[s] > 0) out->nAgeKnown++;
    else out->nAgeUnknown++;
  }
  out->hasAges = m->hasAges;
  Str s = STR_INIT;
  if (!m->hasAges) {
    str_appendf(&s, "âges des praticiens inconnus : l'offre « %s » ne donne "
                "pas l'année de naissance des médecins (%s) ; pas de "
                "projection possible. Importez un fichier de praticiens avec "
                "leur année de naissance.", m->key.zSupply,
                m->in.nSite ? "aucune renseignée"
                            : "aucun praticien importé");
    out->zNote = str_finish(&s);
    return 0;
  }
  double *aSupply = xmalloc(sizeof(double) * (size_t)m->n);
  double *aScratch = xmalloc(sizeof(double) * (size_t)m->n);
  for (int k = 0; k < 2; k++) {
    forecast_supply(m, out->aYears[k], retireAge, aSupply, &out->aLeaving[k]);
    out->aApl[k] = xmalloc(sizeof(double) * (size_t)m->n);
    acc_apl(m->pGraph, aSupply, m->in.aPop, out->aApl[k], aScratch);
  }
  free(aSupply);
  free(aScratch);
  str_appendf(&s, "départ à %d ans, aucune installation, population et "
              "temps de trajet de %d ; %d praticien(s) d'âge connu, %d "
              "d'âge inconnu (supposés rester)", retireAge, m->key.vintage,
              out->nAgeKnown, out->nAgeUnknown);
  out->zNote = str_finish(&s);
  return 0;
}

void obs_forecast_free(ObsForecast *f)
{
  if (!f) return;
  free(f->aApl[0]);
  free(f->aApl[1]);
  free(f->zNote);
  memset(f, 0, sizeof *f);
}
