/*
** observatory/siting.c: where to act first -- rank the candidate
** communes of an area for fte more FTE (one GP, or an antenna of N FTE)
** by the under-served population they lift above the sous-dense
** threshold, and pick k sites greedily, recomputing the gains after each
** pick.
**
** Each candidate is tried with the engine's incremental update on a work
** copy (obs_work_apply, then undo): only the communes the candidate can
** reach are recomputed.  obs_siting_naive() does the same with a full
** APL pass per candidate, for tests and the bench.  Gains are summed in
** node order in both, so both choose the same sites.  Pure: no SQL.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_int.h"

static int int_cmp(const void *a, const void *b)
{
  return *(const int *)a - *(const int *)b;
}

/* Gain of going from aOld to aNew on the nodes aI[0..n-1] (sorted). */
static void gain_of(const ObsModel *m, const double *aOld,
                    const double *aNew, const int *aI, int n,
                    ObsSitePick *g)
{
  double thr = m->key.params.zoneSousDense;
  g->popLifted = g->shortfallCut = 0;
  g->nZoneChanged = 0;
  for (int k = 0; k < n; k++) {
    int i = aI[k];
    double p = m->in.aPop[i], a = aOld[i], b = aNew[i];
    if (a == b || p <= 0) continue;
    if (a < thr && b >= thr) {
      g->popLifted += p;
      g->nZoneChanged++;
    }
    g->shortfallCut += p * (fmax(0, thr - a) - fmax(0, thr - b));
  }
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
static void siting_round(ObsWork *w, const int *aCand, int nCand, double fte,
                         ObsSitePick *pBest, ObsSitePick *aAll)
{
  const ObsModel *m = w->m;
  pBest->iNode = -1;
  for (int c = 0; c < nCand; c++) {
    int j = aCand[c];
    ObsSitePick g;
    int nI = obs_work_apply(w, &j, &fte, 1);
    int *aI = w->aList + m->n;
    qsort(aI, (size_t)nI, sizeof(int), int_cmp);
    gain_of(m, w->aBase, w->aApl, aI, nI, &g);
    g.iNode = j;
    g.aplBefore = w->aBase[j];
    g.aplAfter = w->aApl[j];
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
  ObsWork w;
  obs_work_init(&w, m);
  while (nPick < k) {
    ObsSitePick best;
    siting_round(&w, aCand, nCand, fte, &best, NULL);
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
  ObsSitePick *a = xmalloc(sizeof *a * (size_t)(nCand + 1)), best;
  ObsWork w;
  obs_work_init(&w, m);
  siting_round(&w, aCand, nCand, fte, &best, a);
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
      gain_of(m, aBase, aApl, aAll, n, &g);
      g.iNode = j;
      g.aplBefore = aBase[j];
      g.aplAfter = aApl[j];
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
