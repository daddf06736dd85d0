/*
** access/graph.c: the catchment graph in CSR form (supply-major), built
** from a reach callback or from travel-time pairs, and its transpose.
**
** A stepped decay stores each edge's band in one byte beside its 4-byte
** demand index (the weights, exact doubles, in a table of the graph); a
** continuous one stores a double weight.  The APL pass streams these
** arrays, so their size is its cost.  Edges of weight 0 are never stored.
** No I/O here.
*/
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "base/mem.h"

typedef struct EdgeBuf EdgeBuf;
struct EdgeBuf {
  const AccParams *p;
  int isBanded;            /* stepped decay: bands, else double weights */
  int *aDemand;
  unsigned char *aBand;
  double *aWeight;
  size_t n, nCapD, nCapW;
};

/* Append the edge to demand node i at t minutes, unless out of reach. */
static void edge_push(EdgeBuf *b, int i, double t)
{
  int band = 0;
  double w = 0;
  if (b->isBanded) {
    if ((band = acc_band(b->p, t)) == 0) return;
  } else if (!((w = acc_weight(b->p, t)) > 0)) {
    return;
  }
  if (b->n == b->nCapD) {
    xgrow((void **)&b->aDemand, &b->nCapD, b->n + 1, sizeof(int));
    if (b->isBanded) {
      xgrow((void **)&b->aBand, &b->nCapW, b->n + 1, 1);
    } else {
      xgrow((void **)&b->aWeight, &b->nCapW, b->n + 1, sizeof(double));
    }
  }
  b->aDemand[b->n] = i;
  if (b->isBanded) {
    b->aBand[b->n] = (unsigned char)band;
  } else {
    b->aWeight[b->n] = w;
  }
  b->n++;
}

static AccGraph *graph_new(const AccParams *p, int nDemand, int nSupply,
                           EdgeBuf *b)
{
  AccGraph *g = xcalloc(1, sizeof *g);
  g->nDemand = nDemand;
  g->nSupply = nSupply;
  g->aStart = xcalloc((size_t)nSupply + 1, sizeof(int));
  int n = acc_band_weights(p, g->aBandW);
  g->nBand = n > 0 ? n : 0;
  memset(b, 0, sizeof *b);
  b->p = p;
  b->isBanded = n > 0;
  return g;
}

/* Hand the edge buffer to g, trimmed to size. */
static void graph_take(AccGraph *g, EdgeBuf *b)
{
  size_t n = b->n ? b->n : 1;
  g->aDemand = xrealloc(b->aDemand, n * sizeof(int));
  if (b->isBanded) {
    g->aBand = xrealloc(b->aBand, n);
  } else {
    g->aWeightD = xrealloc(b->aWeight, n * sizeof(double));
  }
}

AccGraph *acc_graph_build(const AccParams *p, int nDemand, int nSupply,
                          AccReachFn xReach, void *pCtx)
{
  EdgeBuf b;
  AccGraph *g = graph_new(p, nDemand, nSupply, &b);
  int nCap = 256;
  int *aIdx = xmalloc(sizeof(int) * nCap);
  double *aMin = xmalloc(sizeof(double) * nCap);
  for (int j = 0; j < nSupply; j++) {
    int n = xReach(pCtx, j, aIdx, aMin, nCap);
    if (n > nCap) {
      while (nCap < n) nCap *= 2;
      aIdx = xrealloc(aIdx, sizeof(int) * nCap);
      aMin = xrealloc(aMin, sizeof(double) * nCap);
      n = xReach(pCtx, j, aIdx, aMin, nCap);
      assert(n <= nCap);
    }
    for (int k = 0; k < n; k++) {
      assert(aIdx[k] >= 0 && aIdx[k] < nDemand);
      edge_push(&b, aIdx[k], aMin[k]);
    }
    g->aStart[j + 1] = (int)b.n;
  }
  free(aIdx);
  free(aMin);
  graph_take(g, &b);
  return g;
}

typedef struct Pair Pair;
struct Pair { int i; double t; };

static int pair_cmp(const void *a, const void *b)
{
  const Pair *x = a, *y = b;
  if (x->i != y->i) return x->i - y->i;
  return (x->t > y->t) - (x->t < y->t);
}

/*
** Bucket the pairs by destination (counting sort), then sort each row by
** origin so that duplicates sit side by side (the first, smallest time,
** is kept).
*/
AccGraph *acc_graph_from_pairs(const AccParams *p, int nDemand, int nSupply,
                               long nPair, const int *aOrigin,
                               const int *aDest, const double *aMinutes)
{
  EdgeBuf b;
  AccGraph *g = graph_new(p, nDemand, nSupply, &b);
  long *aPos = xcalloc((size_t)nSupply + 1, sizeof(long));
  for (long k = 0; k < nPair; k++) {
    assert(aDest[k] >= 0 && aDest[k] < nSupply);
    aPos[aDest[k] + 1]++;
  }
  for (int j = 0; j < nSupply; j++) aPos[j + 1] += aPos[j];
  Pair *a = xmalloc(sizeof(Pair) * (nPair ? nPair : 1));
  long *aFill = xmalloc(sizeof(long) * ((size_t)nSupply + 1));
  memcpy(aFill, aPos, sizeof(long) * ((size_t)nSupply + 1));
  for (long k = 0; k < nPair; k++) {
    assert(aOrigin[k] >= 0 && aOrigin[k] < nDemand);
    Pair *q = &a[aFill[aDest[k]]++];
    q->i = aOrigin[k];
    q->t = aMinutes[k];
  }
  for (int j = 0; j < nSupply; j++) {
    Pair *row = a + aPos[j];
    long n = aPos[j + 1] - aPos[j];
    qsort(row, n, sizeof(Pair), pair_cmp);
    for (long k = 0; k < n; k++) {
      if (k > 0 && row[k].i == row[k - 1].i) continue;   /* duplicate */
      edge_push(&b, row[k].i, row[k].t);
    }
    g->aStart[j + 1] = (int)b.n;
  }
  free(a);
  free(aFill);
  free(aPos);
  graph_take(g, &b);
  return g;
}

void acc_graph_free(AccGraph *g)
{
  if (!g) return;
  free(g->aStart);
  free(g->aDemand);
  free(g->aBand);
  free(g->aWeightD);
  free(g->aTStart);
  free(g->aTSupply);
  free(g->aTBand);
  free(g->aTWeightD);
  free(g);
}

long acc_graph_edges(const AccGraph *g) { return g->aStart[g->nSupply]; }

long acc_graph_bytes(const AccGraph *g)
{
  long nEdge = acc_graph_edges(g);
  long nPerEdge = (long)sizeof(int) + (g->aBand ? 1L : (long)sizeof(double));
  long n = (long)sizeof(int) * (g->nSupply + 1) + nPerEdge * nEdge;
  if (g->aTStart) {
    n += (long)sizeof(int) * (g->nDemand + 1) + nPerEdge * nEdge;
  }
  return n;
}

/* Rows of the transpose list supply nodes in increasing order, because
** the supply rows are visited in that order: acc_apl_update() then sums
** in the same order as acc_step2(). */
void acc_graph_transpose(AccGraph *g)
{
  if (g->aTStart) return;
  long nEdge = acc_graph_edges(g);
  g->aTStart = xcalloc((size_t)g->nDemand + 1, sizeof(int));
  g->aTSupply = xmalloc(sizeof(int) * (nEdge ? nEdge : 1));
  if (g->aBand) {
    g->aTBand = xmalloc(nEdge ? (size_t)nEdge : 1);
  } else {
    g->aTWeightD = xmalloc(sizeof(double) * (nEdge ? nEdge : 1));
  }
  for (long e = 0; e < nEdge; e++) g->aTStart[g->aDemand[e] + 1]++;
  for (int i = 0; i < g->nDemand; i++) g->aTStart[i + 1] += g->aTStart[i];
  int *aFill = xmalloc(sizeof(int) * ((size_t)g->nDemand + 1));
  memcpy(aFill, g->aTStart, sizeof(int) * ((size_t)g->nDemand + 1));
  for (int j = 0; j < g->nSupply; j++) {
    for (int e = g->aStart[j]; e < g->aStart[j + 1]; e++) {
      int k = aFill[g->aDemand[e]]++;
      g->aTSupply[k] = j;
      if (g->aBand) {
        g->aTBand[k] = g->aBand[e];
      } else {
        g->aTWeightD[k] = g->aWeightD[e];
      }
    }
  }
  free(aFill);
}

double acc_graph_stream(const AccGraph *g)
{
  double s = 0;
  long t = 0;
  for (int j = 0; j < g->nSupply; j++) {
    t += g->aStart[j];
    for (int e = g->aStart[j]; e < g->aStart[j + 1]; e++) {
      s += acc_edge_weight(g, e);
      t += g->aDemand[e];
    }
  }
  return s + (double)t;
}
