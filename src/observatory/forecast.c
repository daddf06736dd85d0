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
** so plainly.  The projection is pure (no SQL); obs_departure_effect, at
** the end, reads the snapshot and the official APL for the workforce
** register's radar.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_int.h"
#include "workforce/workforce.h"

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
    obs_centres_add(&pv->centres, m->key.params.actsPerPractitioner,
                    aSupply);
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
                "leur année de naissance, ou renseignez-la dans le registre "
                "des praticiens (/observatoire/praticiens).", m->key.zSupply,
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

/*
** The departure effect the workforce register's radar asks for (filled in
** by app/compose.c with wf_set_effect_fn): remove fte average GPs from
** commune zCommune in the default snapshot (obs_whatif_run, incremental)
** and report the commune of the catchment that falls below the sous-dense
** threshold, else the one that loses most.  Each commune is read as the
** official DREES APL of the snapshot's vintage when imported, plus the
** simulated change (the truth rule: official baseline plus our effect);
** without the official figure, the estimate itself.
*/
int obs_departure_effect(Store *db, const char *zCommune, double fte,
                         WfEffect *out)
{
  Err err = {0};
  memset(out, 0, sizeof *out);
  ObsModel *m = obs_model_get(db, NULL, &err);
  if (!m) {
    out->zWhy = "indicateurs de l'observatoire indisponibles (population ou "
                "offre non importée)";
    return 0;
  }
  out->vintage = m->key.vintage;
  out->threshold = m->key.params.zoneSousDense;
  int i = obs_node_find(m, zCommune);
  if (i < 0 || !(fte > 0)) {
    out->zWhy = i < 0 ? "commune absente des données de l'observatoire"
                      : "aucune activité à retirer";
    goto done;
  }
  /* never remove more than the commune has: the what-if refuses it */
  if (fte > m->aCount[i]) fte = m->aCount[i];
  if (!(fte > 0)) {
    out->zWhy = "aucune offre comptée dans cette commune";
    goto done;
  }
  ObsChange c = {.fte = -fte};
  snprintf(c.zCode, sizeof c.zCode, "%s", m->in.azCode[i]);
  ObsWhatIf w;
  if (obs_whatif_run(m, &c, 1, &w, &err)) {
    out->zWhy = "simulation impossible";
    goto done;
  }
  out->isAvailable = 1;
  int bestCross = -1;
  double bestDrop = -1;
  for (int k = 0; k < w.nDelta; k++) {
    const ObsDelta *d = &w.aDelta[k];
    double base;
    int isOfficial = !obs_reference_apl(db, m->in.azCode[d->iNode],
                                        m->key.vintage, &base);
    if (!isOfficial) base = d->aplBefore;
    double after = base + (d->aplAfter - d->aplBefore);
    int isCross = base >= out->threshold && after < out->threshold;
    double drop = d->aplBefore - d->aplAfter;
    if (isCross < bestCross || (isCross == bestCross && drop <= bestDrop)) {
      continue;
    }
    bestCross = isCross;
    bestDrop = drop;
    snprintf(out->zCode, sizeof out->zCode, "%s", m->in.azCode[d->iNode]);
    out->aplBase = base;
    out->aplAfter = after;
    out->isOfficial = isOfficial;
  }
  if (w.nDelta == 0) {
    double base;
    out->isOfficial = !obs_reference_apl(db, m->in.azCode[i], m->key.vintage,
                                         &base);
    snprintf(out->zCode, sizeof out->zCode, "%s", m->in.azCode[i]);
    out->aplBase = out->aplAfter = out->isOfficial ? base : m->aApl[i];
  }
  obs_whatif_free(&w);
done:
  obs_model_release(m);
  return 0;
}
