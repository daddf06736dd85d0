/*
** observatory/siting.c: where to act first -- rank the candidate
** communes of an area for fte more FTE (one GP, or an antenna of N FTE)
** by the standardised population of their catchment that the site lifts
** above the sous-dense threshold, judged on « APL officielle + effet
** simulé » (docs/observatoire.md), and pick k sites greedily, recomputing
** the gains after each pick.  A candidate needs a catchment of at least
** OBS_SITING_MIN_CATCHMENT standardised inhabitants: a site is not put
** where too few people can reach it.
**
** Each candidate is tried with the engine's incremental update on a work
** copy (obs_work_apply, then undo): only the communes the candidate can
** reach are recomputed.  obs_siting_naive() does the same with a full
** APL pass per candidate, for tests and the bench.  Gains are summed in
** node order in both, so both choose the same sites.  Pure: no SQL.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_int.h"

static int int_cmp(const void *a, const void *b)
{
  return *(const int *)a - *(const int *)b;
}

/*
** Gain of going from aOld to aNew (the engine's estimates) on the nodes
** aI[0..n-1] (sorted), judged on « APL officielle + effet simulé »: the
** official DREES APL of each commune plus the change the engine computes,
** so the threshold is crossed where the official figure crosses it.  A
** commune without an official APL counts for nothing, nor does one
** outside area iArea: the territory that decides counts what lies inside.
*/
static void gain_of(const ObsModel *m, int iArea, const double *aOld,
                    const double *aNew, const int *aI, int n,
                    ObsSitePick *g)
{
  double thr = m->key.params.zoneSousDense;
  g->popLifted = g->shortfallCut = 0;
  g->nZoneChanged = 0;
  for (int k = 0; k < n; k++) {
    int i = aI[k];
    double p = m->in.aPop[i];
    if (aOld[i] == aNew[i] || p <= 0 || !obs_node_in(m, i, iArea)) continue;
    double a = obs_anchored(m, i, aOld[i]), b = obs_anchored(m, i, aNew[i]);
    if (isnan(a)) continue;
    if (a < thr && b >= thr) {
      if (g->nZoneChanged < OBS_SITE_NAMED) {
        g->aLifted[g->nZoneChanged] = i;
      }
      g->popLifted += p;
      g->nZoneChanged++;
    }
    g->shortfallCut += p * (fmax(0, thr - a) - fmax(0, thr - b));
  }
}

/* x as French text into z: thousands grouped by a narrow no-break space
** when nDec is 0 ("18 029"), else nDec decimals after a comma ("2,16"). */
static const char *site_num(double x, int nDec, char *z, size_t n)
{
  char zRaw[48];
  snprintf(zRaw, sizeof zRaw, "%.*f", nDec, x);
  char *c = strchr(zRaw, '.');
  if (c) *c = ',';
  if (nDec > 0) {
    snprintf(z, n, "%s", zRaw);
    return z;
  }
  size_t nDigit = strlen(zRaw), k = 0;
  for (size_t i = 0; i < nDigit && k + 4 < n; i++) {
    if (i > 0 && zRaw[0] != '-' && (nDigit - i) % 3 == 0) {
      memcpy(z + k, "\u202f", 3);          /* U+202F, 3 bytes in UTF-8 */
      k += 3;
    }
    z[k++] = zRaw[i];
  }
  z[k] = 0;
  return z;
}

void obs_site_reason(const ObsModel *m, const ObsSitePick *p, Str *s)
{
  char zA[48], zB[48];
  str_appendf(s, "bassin de %s habitants (population standardisée à "
                 "moins de %.0f minutes)",
              site_num(p->catchment, 0, zA, sizeof zA), m->key.params.tMax);
  if (p->nZoneChanged > 0) {
    str_appendf(s, " ; fait passer au-dessus du seuil de %s %s : ",
                site_num(m->key.params.zoneSousDense, 1, zA, sizeof zA),
                p->nZoneChanged > 1 ? "ces communes" : "cette commune");
    int n = p->nZoneChanged < OBS_SITE_NAMED ? p->nZoneChanged
                                             : OBS_SITE_NAMED;
    for (int k = 0; k < n; k++) {
      int i = p->aLifted[k];
      str_appendf(s, "%s%s (%s hab.)", k ? ", " : "",
                  m->in.azName[i] ? m->in.azName[i] : m->in.azCode[i],
                  site_num(m->in.aPop[i], 0, zA, sizeof zA));
    }
    if (p->nZoneChanged > n) {
      str_appendf(s, " et %d autre%s", p->nZoneChanged - n,
                  p->nZoneChanged - n > 1 ? "s" : "");
    }
  } else {
    str_appendz(s, " ; ne fait passer aucune commune au-dessus du seuil, "
                   "réduit le déficit d'accès");
  }
  if (!isnan(p->aplBefore)) {
    str_appendf(s, " ; APL officielle de la commune %s → %s avec l'effet "
                   "simulé", site_num(p->aplBefore, 2, zA, sizeof zA),
                site_num(p->aplAfter, 2, zB, sizeof zB));
  }
}

int obs_siting_candidate(const ObsModel *m, int j)
{
  return m->aDemandReach[j] >= OBS_SITING_MIN_CATCHMENT;
}

/* Is x a better pick than y (ties: the lower node, i.e. code)? */
static int pick_better(const ObsSitePick *x, const ObsSitePick *y)
{
  if (y->iNode < 0) return 1;
  if (x->popLifted != y->popLifted) return x->popLifted > y->popLifted;
  if (x->shortfallCut != y->shortfallCut) {
    return x->shortfallCut > y->shortfallCut;
  }
  return x->iNode < y->iNode;
}

/* Keep the candidates of aCand[0..n-1] whose catchment is large enough
** (obs_siting_candidate); their new count. */
static int siting_filter(const ObsModel *m, int *aCand, int n)
{
  int k = 0;
  for (int c = 0; c < n; c++) {
    if (obs_siting_candidate(m, aCand[c])) aCand[k++] = aCand[c];
  }
  return k;
}

static int siting_check(const ObsModel *m, int iArea, double fte, int k,
                        Err *err)
{
  if (iArea < 0 || iArea >= m->nArea) {
    return err_set(err, ERR_NOTFOUND, "territoire inconnu");
  }
  if (!isfinite(fte) || fte <= 0 || fte > 1000) {
    err_set(err, ERR_INPUT, "nombre d'ETP invalide (entre 0 et 1000)");
    err_field(err, "etp");
    return ERR_INPUT;
  }
  if (k < 1 || k > 100) {
    err_set(err, ERR_INPUT, "nombre de sites invalide (entre 1 et 100)");
    err_field(err, "k");
    return ERR_INPUT;
  }
  return 0;
}

/*
** Try every candidate on w (incrementally) and return the best into
** *pBest, or fill aAll[0..nCand-1] with every candidate's gain when aAll
** is set.
*/
static void siting_round(ObsWork *w, int iArea, const int *aCand, int nCand,
                         double fte,
                         ObsSitePick *pBest, ObsSitePick *aAll)
{
  const ObsModel *m = w->m;
  pBest->iNode = -1;
  for (int c = 0; c < nCand; c++) {
    int j = aCand[c];
    ObsSitePick g;
    memset(&g, 0, sizeof g);
    int nI = obs_work_apply(w, &j, &fte, 1);
    int *aI = w->aList + m->n;
    qsort(aI, (size_t)nI, sizeof(int), int_cmp);
    gain_of(m, iArea, w->aBase, w->aApl, aI, nI, &g);
    g.iNode = j;
    g.aplBefore = obs_anchored(m, j, w->aBase[j]);
    g.aplAfter = obs_anchored(m, j, w->aApl[j]);
    g.catchment = m->aDemandReach[j];
    obs_work_undo(w);
    if (aAll) aAll[c] = g;
    if (pick_better(&g, pBest)) *pBest = g;
  }
}

int obs_siting_run(const ObsModel *m, int iArea, double fte, int k,
                   ObsSitePick *aOut, Err *err)
{
  int rc = siting_check(m, iArea, fte, k, err);
  if (rc) return rc;
  int *aCand, nCand = obs_area_nodes(m, iArea, &aCand), nPick = 0;
  nCand = siting_filter(m, aCand, nCand);
  ObsWork w;
  obs_work_init(&w, m);
  while (nPick < k) {
    ObsSitePick best;
    siting_round(&w, iArea, aCand, nCand, fte, &best, NULL);
    if (best.iNode < 0 || !(best.shortfallCut > 0)) break;
    obs_work_apply(&w, &best.iNode, &fte, 1);
    obs_work_commit(&w);
    aOut[nPick++] = best;
  }
  obs_work_free(&w);
  free(aCand);
  return nPick;
}

static int rank_cmp(const void *a, const void *b)
{
  const ObsSitePick *x = a, *y = b;
  if (x->iNode == y->iNode) return 0;
  return pick_better(x, y) ? -1 : 1;
}

int obs_siting_rank(const ObsModel *m, int iArea, double fte,
                    ObsSitePick **paOut, Err *err)
{
  *paOut = NULL;
  int rc = siting_check(m, iArea, fte, 1, err);
  if (rc) return rc;
  int *aCand, nCand = obs_area_nodes(m, iArea, &aCand);
  nCand = siting_filter(m, aCand, nCand);
  ObsSitePick *a = xmalloc(sizeof *a * (size_t)(nCand + 1)), best;
  ObsWork w;
  obs_work_init(&w, m);
  siting_round(&w, iArea, aCand, nCand, fte, &best, a);
  qsort(a, (size_t)nCand, sizeof *a, rank_cmp);
  obs_work_free(&w);
  free(aCand);
  *paOut = a;
  return nCand;
}

int obs_siting_naive(const ObsModel *m, int iArea, double fte, int k,
                     ObsSitePick *aOut, Err *err)
{
  int rc = siting_check(m, iArea, fte, k, err);
  if (rc) return rc;
  int n = m->n, *aCand, nCand = obs_area_nodes(m, iArea, &aCand), nPick = 0;
  nCand = siting_filter(m, aCand, nCand);
  double *aSupply = xmalloc(sizeof(double) * (size_t)n);
  double *aBase = xmalloc(sizeof(double) * (size_t)n);
  double *aApl = xmalloc(sizeof(double) * (size_t)n);
  double *aScratch = xmalloc(sizeof(double) * (size_t)n);
  int *aAll = xmalloc(sizeof(int) * (size_t)n);
  for (int i = 0; i < n; i++) aAll[i] = i;
  memcpy(aSupply, m->aSupply, sizeof(double) * (size_t)n);
  memcpy(aBase, m->aApl, sizeof(double) * (size_t)n);
  double acts = obs_fte_acts(m, fte);
  while (nPick < k) {
    ObsSitePick best = {.iNode = -1};
    for (int c = 0; c < nCand; c++) {
      int j = aCand[c];
      double s0 = aSupply[j];
      aSupply[j] += acts;
      acc_apl(m->pGraph, aSupply, m->in.aPop, aApl, aScratch);
      aSupply[j] = s0;
      ObsSitePick g;
      memset(&g, 0, sizeof g);
      gain_of(m, iArea, aBase, aApl, aAll, n, &g);
      g.iNode = j;
      g.aplBefore = obs_anchored(m, j, aBase[j]);
      g.aplAfter = obs_anchored(m, j, aApl[j]);
      g.catchment = m->aDemandReach[j];
      if (pick_better(&g, &best)) best = g;
    }
    if (best.iNode < 0 || !(best.shortfallCut > 0)) break;
    aSupply[best.iNode] += acts;
    acc_apl(m->pGraph, aSupply, m->in.aPop, aBase, aScratch);
    aOut[nPick++] = best;
  }
  free(aSupply);
  free(aBase);
  free(aApl);
  free(aScratch);
  free(aAll);
  free(aCand);
  return nPick;
}
