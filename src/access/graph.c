/*
** access/graph.c: the catchment graph in CSR form (supply-major), built
** from a reach callback or from travel-time pairs, and its transpose.
**
** Weights are stored as float (4 bytes an edge beside the 4-byte demand
** index): the APL pass streams these two arrays, so their size is its
** cost.  Edges of weight 0 are never stored.  No I/O here.
*/
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "base/mem.h"

typedef struct EdgeBuf EdgeBuf;
struct EdgeBuf {
  int *aDemand;
  float *aWeight;
  size_t n, nCapD, nCapW;
};

static void edge_push(EdgeBuf *b, int i, float w)
{
  if (b->n == b->nCapD) {
    xgrow((void **)&b->aDemand, &b->nCapD, b->n + 1, sizeof(int));
    xgrow((void **)&b->aWeight, &b->nCapW, b->n + 1, sizeof(float));
  }
  b->aDemand[b->n] = i;
  b->aWeight[b->n] = w;
  b->n++;
}

static AccGraph *graph_new(int nDemand, int nSupply)
{
  AccGraph *g = xcalloc(1, sizeof *g);
  g->nDemand = nDemand;
  g->nSupply = nSupply;
  g->aStart = xcalloc((size_t)nSupply + 1, sizeof(int));
  return g;
}

/* Hand the edge buffer to g, trimmed to size. */
static void graph_take(AccGraph *g, EdgeBuf *b)
{
  size_t n = b->n ? b->n : 1;
  g->aDemand = xrealloc(b->aDemand, n * sizeof(int));
  g->aWeight = xrealloc(b->aWeight, n * sizeof(float));
}

AccGraph *acc_graph_build(const AccParams *p, int nDemand, int nSupply,
                          AccReachFn xReach, void *pCtx)
{
  AccGraph *g = graph_new(nDemand, nSupply);
  EdgeBuf b = {0};
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
      double w = acc_weight(p, aMin[k]);
      assert(aIdx[k] >= 0 && aIdx[k] < nDemand);
      if (w > 0) edge_push(&b, aIdx[k], (float)w);
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
  AccGraph *g = graph_new(nDemand, nSupply);
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
  EdgeBuf b = {0};
  for (int j = 0; j < nSupply; j++) {
    Pair *row = a + aPos[j];
    long n = aPos[j + 1] - aPos[j];
    qsort(row, n, sizeof(Pair), pair_cmp);
    for (long k = 0; k < n; k++) {
      if (k > 0 && row[k].i == row[k - 1].i) continue;   /* duplicate */
      double w = acc_weight(p, row[k].t);
      if (w > 0) edge_push(&b, row[k].i, (float)w);
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
  free(g->aWeight);
  free(g->aTStart);
  free(g->aTSupply);
  free(g->aTWeight);
  free(g);
}

long acc_graph_edges(const AccGraph *g) { return g->aStart[g->nSupply]; }

long acc_graph_bytes(const AccGraph *g)
{
  long nEdge = acc_graph_edges(g);
  long n = (long)sizeof(int) * (g->nSupply + 1) + 8L * nEdge;
  if (g->aTStart) n += (long)sizeof(int) * (g->nDemand + 1) + 8L * nEdge;
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
  g->aTWeight = xmalloc(sizeof(float) * (nEdge ? nEdge : 1));
  for (long e = 0; e < nEdge; e++) g->aTStart[g->aDemand[e] + 1]++;
  for (int i = 0; i < g->nDemand; i++) g->aTStart[i + 1] += g->aTStart[i];
  int *aFill = xmalloc(sizeof(int) * ((size_t)g->nDemand + 1));
  memcpy(aFill, g->aTStart, sizeof(int) * ((size_t)g->nDemand + 1));
  for (int j = 0; j < g->nSupply; j++) {
    for (int e = g->aStart[j]; e < g->aStart[j + 1]; e++) {
      int k = aFill[g->aDemand[e]]++;
      g->aTSupply[k] = j;
      g->aTWeight[k] = g->aWeight[e];
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
      s += g->aWeight[e];
      t += g->aDemand[e];
    }
  }
  return s + (double)t;
}
