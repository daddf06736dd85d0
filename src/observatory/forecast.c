/*
** observatory/forecast.c: projected APL in 5 and 10 years from the
** practitioners' declared retirement dates, else their birth years and a
** retirement age.
**
** Assumptions, said in the note: population and travel times as in the
** vintage; a practitioner leaves the year of the retirement date the team
** declared in the register, else the year he reaches the retirement age;
** nobody settles; practitioners without a birth year stay.  With supply
** from practitioners the DREES rules are applied to those who remain;
** with a counts source (e.g. SIRENE) a commune's count is scaled by the
** share of its known practitioners who remain.  With no birth year at
** all (the SIRENE proxy alone) there is no projection, and the note says
** so plainly.  The declared dates are read through workforce
** (wf_each_declared_retirement); the rest is pure; obs_departure_effect, at
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

/* The declared retirement years read from the register, by practitioner. */
typedef struct FcDeclared FcDeclared;
struct FcDeclared {
  int64_t *aId;
  int *aYear;
  int n, nCap;
};

static void fc_declared_add(void *pArg, int64_t id, int year)
{
  FcDeclared *d = pArg;
  if (d->n == d->nCap) {
    d->nCap = d->nCap ? 2 * d->nCap : 64;
    d->aId = xrealloc(d->aId, sizeof(int64_t) * (size_t)d->nCap);
    d->aYear = xrealloc(d->aYear, sizeof(int) * (size_t)d->nCap);
  }
  d->aId[d->n] = id;
  d->aYear[d->n] = year;
  d->n++;
}

static int fc_site_cmp(const void *a, const void *b, void *pCtx)
{
  const int64_t *aId = pCtx;
  int64_t x = aId[*(const int *)a], y = aId[*(const int *)b];
  return x < y ? -1 : x > y;
}

/*
** The year each site's practitioner declared he retires (0: none) into
** aDecl[0..nSite-1], and the sites ordered by practitioner into aOrder
** (one person with two sites leaves once).  Returns the practitioners with
** a declared date among the snapshot's.  db NULL: no declared date.
*/
static int fc_declared(Store *db, const ObsModel *m, int *aDecl, int *aOrder,
                       Err *err)
{
  const TerrInputs *in = &m->in;
  int nSite = in->nSite, nPeople = 0;
  for (int s = 0; s < nSite; s++) aOrder[s] = s;
  qsort_r(aOrder, (size_t)nSite, sizeof(int), fc_site_cmp, in->aSitePract);
  memset(aDecl, 0, sizeof(int) * (size_t)(nSite + 1));
  if (!db || !in->idPract) return 0;
  FcDeclared d = {0};
  if (wf_each_declared_retirement(db, in->idPract, fc_declared_add, &d,
                                  err) < 0) {
    free(d.aId);
    free(d.aYear);
    return -1;
  }
  /* both lists are walked in practitioner order: one merge */
  int *aIdx = xmalloc(sizeof(int) * (size_t)(d.n + 1));
  for (int k = 0; k < d.n; k++) aIdx[k] = k;
  qsort_r(aIdx, (size_t)d.n, sizeof(int), fc_site_cmp, d.aId);
  int k = 0;
  int64_t idPrev = -1;
  for (int r = 0; r < nSite && k < d.n; r++) {
    int s = aOrder[r];
    int64_t id = in->aSitePract[s];
    while (k < d.n && d.aId[aIdx[k]] < id) k++;
    if (k < d.n && d.aId[aIdx[k]] == id) {
      aDecl[s] = d.aYear[aIdx[k]];
      if (id != idPrev) nPeople++;
      idPrev = id;
    }
  }
  free(aIdx);
  free(d.aId);
  free(d.aYear);
  return nPeople;
}

/*
** Supply years ahead: practitioners leave on their declared year (aDecl)
** or at retireAge.  *pLeaving gets the sites gone; *pDeclared and
** *pAssumed the people gone on their date and by the assumption.
*/
static void forecast_supply(const ObsModel *m, int years, int retireAge,
                            const int *aDecl, const int *aOrder,
                            double *aSupply, double *pLeaving, int *pDeclared,
                            int *pAssumed)
{
  const ObsPriv *pv = m->pPriv;
  int nSite = m->in.nSite, horizon = m->key.vintage + years;
  AccPractitioner *a = xmalloc(sizeof *a * (size_t)(nSite + 1));
  obs_practitioners(m, years, retireAge, a);
  double leaving = 0;
  for (int s = 0; s < nSite; s++) {
    if (aDecl[s] > 0) {
      a[s].iNode = aDecl[s] <= horizon ? -1 : m->in.aSiteNode[s];
    }
    if (a[s].iNode < 0) leaving += 1;
  }
  *pDeclared = *pAssumed = 0;
  for (int r = 0; r < nSite; r++) {
    int s = aOrder[r];
    if (r > 0 && m->in.aSitePract[aOrder[r - 1]] == m->in.aSitePract[s]) {
      continue;
    }
    if (a[s].iNode >= 0) continue;
    if (aDecl[s] > 0) (*pDeclared)++;
    else (*pAssumed)++;
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

int obs_forecast_run(Store *db, const ObsModel *m, int retireAge,
                     ObsForecast *out, Err *err)
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
  int nSite = m->in.nSite;
  int *aDecl = xmalloc(sizeof(int) * (size_t)(nSite + 1));
  int *aOrder = xmalloc(sizeof(int) * (size_t)(nSite + 1));
  int nDecl = fc_declared(db, m, aDecl, aOrder, err);
  if (nDecl < 0) {
    free(aDecl);
    free(aOrder);
    return ERR_IO;
  }
  out->nDeclared = nDecl;
  out->hasAges = m->hasAges || nDecl > 0;
  Str s = STR_INIT;
  if (!out->hasAges) {
    str_appendf(&s, "âges des praticiens inconnus : l'offre « %s » ne donne "
                "pas l'année de naissance des médecins (%s) ; pas de "
                "projection possible. Importez un fichier de praticiens avec "
                "leur année de naissance, ou renseignez-la dans le registre "
                "des praticiens (/observatoire/praticiens).", m->key.zSupply,
                m->in.nSite ? "aucune renseignée"
                            : "aucun praticien importé");
    out->zNote = str_finish(&s);
    free(aDecl);
    free(aOrder);
    return 0;
  }
  double *aSupply = xmalloc(sizeof(double) * (size_t)m->n);
  double *aScratch = xmalloc(sizeof(double) * (size_t)m->n);
  for (int k = 0; k < 2; k++) {
    forecast_supply(m, out->aYears[k], retireAge, aDecl, aOrder, aSupply,
                    &out->aLeaving[k], &out->aGoneDeclared[k],
                    &out->aGoneAssumed[k]);
    out->aApl[k] = xmalloc(sizeof(double) * (size_t)m->n);
    acc_apl(m->pGraph, aSupply, m->in.aPop, out->aApl[k], aScratch);
  }
  free(aSupply);
  free(aScratch);
  free(aDecl);
  free(aOrder);
  str_appendf(&s, "départ à la date de retraite déclarée au registre (%d "
              "praticien(s)), sinon à %d ans ; aucune installation, "
              "population et temps de trajet de %d ; %d praticien(s) d'âge "
              "connu, %d d'âge inconnu (supposés rester sans date "
              "déclarée)", nDecl, retireAge, m->key.vintage, out->nAgeKnown,
              out->nAgeUnknown);
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
