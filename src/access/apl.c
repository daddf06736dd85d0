/*
** access/apl.c: the E2SFCA passes over the catchment graph, the
** incremental "what if" update, the brute-force reference and the
** per-commune indicators.
**
** Both passes walk the supply-major CSR once: step 1 gathers population
** along a row, step 2 scatters the row's ratio to its demand nodes.  No
** allocation and no I/O here.
*/
#include <assert.h>
#include <string.h>

#include "access/access.h"

/* R_j for a supply node of weighted demand d (0 when nobody is reached). */
static double ratio_of(double s, double d)
{
  return d > 0 ? s / d : 0.0;
}

/* Step 1 for one supply row: weighted population reached by node j. */
static double row_demand(const AccGraph *g, int j, const double *aPop)
{
  double d = 0;
  for (int e = g->aStart[j]; e < g->aStart[j + 1]; e++) {
    d += acc_edge_weight(g, e) * aPop[g->aDemand[e]];
  }
  return d;
}

/*
** Step 1 of the E2SFCA: for every supply node j, R[j] = S[j] / sum of
** w(t_ij)*P[i] over the demand nodes i in reach of j.  A supply node that
** reaches no population gets R[j] = 0, never a division by zero: its
** doctors then add nothing to any APL (DREES convention).
*/
void acc_step1(const AccGraph *g, const double *aSupply, const double *aPop,
               double *aDemandReach, double *aRatio)
{
  for (int j = 0; j < g->nSupply; j++) {
    double d = row_demand(g, j, aPop);
    if (aDemandReach) aDemandReach[j] = d;
    aRatio[j] = ratio_of(aSupply[j], d);
  }
}

void acc_step2(const AccGraph *g, const double *aRatio, double *aApl)
{
  memset(aApl, 0, sizeof(double) * g->nDemand);
  for (int j = 0; j < g->nSupply; j++) {
    double r = aRatio[j];
    if (r == 0) continue;                  /* most communes have no doctor */
    for (int e = g->aStart[j]; e < g->aStart[j + 1]; e++) {
      aApl[g->aDemand[e]] += acc_edge_weight(g, e) * r;
    }
  }
}

void acc_apl(const AccGraph *g, const double *aSupply, const double *aPop,
             double *aApl, double *aScratch)
{
  acc_step1(g, aSupply, aPop, NULL, aScratch);
  acc_step2(g, aScratch, aApl);
}

/*
** The update recomputes with the very operations of a full run: a
** supply row's demand is summed by row_demand(), and a demand node's APL
** by summing its transpose row, whose supply nodes come in increasing
** order with the same weights -- the order in which acc_step2()
** adds them (skipping the same zero ratios).  So the result is the full
** recompute's, not an approximation drifting with each update.
*/
int acc_apl_update(const AccGraph *g, const double *aSupply,
                   const double *aPop, const int *aSupplyChanged,
                   int nSupplyChanged, const int *aPopChanged,
                   int nPopChanged, double *aDemandReach, double *aRatio,
                   double *aApl, unsigned char *aMark, int *aList)
{
  assert(g->aTStart);                      /* acc_graph_transpose() first */
  unsigned char *aMarkS = aMark;           /* supply marks */
  unsigned char *aMarkD = aMark + g->nSupply;
  int *aJ = aList, nJ = 0;                 /* supply nodes to redo */
  int *aI = aList + g->nSupply, nI = 0;    /* demand nodes to redo */

  for (int k = 0; k < nSupplyChanged; k++) {
    int j = aSupplyChanged[k];
    if (!aMarkS[j]) aMarkS[j] = 1, aJ[nJ++] = j;
  }
  for (int k = 0; k < nPopChanged; k++) {
    int i = aPopChanged[k];
    for (int e = g->aTStart[i]; e < g->aTStart[i + 1]; e++) {
      int j = g->aTSupply[e];
      if (!aMarkS[j]) aMarkS[j] = 1, aJ[nJ++] = j;
    }
  }
  for (int k = 0; k < nJ; k++) {
    int j = aJ[k];
    double d = row_demand(g, j, aPop);
    aDemandReach[j] = d;
    aRatio[j] = ratio_of(aSupply[j], d);
    for (int e = g->aStart[j]; e < g->aStart[j + 1]; e++) {
      int i = g->aDemand[e];
      if (!aMarkD[i]) aMarkD[i] = 1, aI[nI++] = i;
    }
  }
  for (int k = 0; k < nI; k++) {
    int i = aI[k];
    double s = 0;
    for (int e = g->aTStart[i]; e < g->aTStart[i + 1]; e++) {
      double r = aRatio[g->aTSupply[e]];
      if (r != 0) s += acc_tedge_weight(g, e) * r;
    }
    aApl[i] = s;
    aMarkD[i] = 0;
  }
  for (int k = 0; k < nJ; k++) aMarkS[aJ[k]] = 0;
  return nI;
}

void acc_apl_bruteforce(const AccParams *p, int nDemand, int nSupply,
                        AccTimeFn xTime, void *pCtx, const double *aSupply,
                        const double *aPop, double *aApl, double *aScratch)
{
  for (int j = 0; j < nSupply; j++) {
    double d = 0;
    for (int i = 0; i < nDemand; i++) {
      double t = xTime(pCtx, i, j);
      if (t >= 0) d += acc_weight(p, t) * aPop[i];
    }
    aScratch[j] = ratio_of(aSupply[j], d);
  }
  for (int i = 0; i < nDemand; i++) {
    double s = 0;
    for (int j = 0; j < nSupply; j++) {
      double t = xTime(pCtx, i, j);
      if (t >= 0) s += acc_weight(p, t) * aScratch[j];
    }
    aApl[i] = s;
  }
}

void acc_communes(const AccParams *p, const AccGraph *g,
                  const double *aSupply, const double *aPop,
                  const double *aCount, const double *aApl,
                  const double *aDemandReach, AccCommune *aOut)
{
  assert(g->nDemand == g->nSupply);
  int n = g->nDemand;
  for (int i = 0; i < n; i++) {
    AccCommune *c = &aOut[i];
    c->apl = aApl[i];
    c->supplyReach = 0;
    c->demandReach = aDemandReach ? aDemandReach[i] : 0;
    c->count = aCount ? aCount[i] : 0;
    c->density = aPop[i] > 0 ? 1e4 * c->count / aPop[i] : 0;
    c->zone = acc_zone(p, aApl[i]);
  }
  for (int j = 0; j < g->nSupply; j++) {
    if (aSupply[j] == 0) continue;
    for (int e = g->aStart[j]; e < g->aStart[j + 1]; e++) {
      aOut[g->aDemand[e]].supplyReach += acc_edge_weight(g, e) * aSupply[j];
    }
  }
}
