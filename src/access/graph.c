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
#include <sys/mman.h>

#include "access/access.h"
#include "base/mem.h"
#include "base/scan.h"

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

void *acc_alloc_big(size_t n)
{
  void *p = NULL;
  if (n < (4u << 20) || posix_memalign(&p, 2u << 20, n)) return xmalloc(n);
  madvise(p, n, MADV_HUGEPAGE);             /* a hint: ignored if refused */
  return p;
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

/* The minutes of the pairs: doubles, or short decimals (base/scan.h)
** with the minutes of those marked SCAN_DEC_NONE in aX[c >> 4]. */
typedef struct PairTimes PairTimes;
struct PairTimes {
  const double *aT;
  const uint32_t *aDec;
  const double *aX;
  const unsigned char *aLut;   /* band of the decimals below nLut (0xff:
                               ** not a decimal, see aX), or NULL */
  uint32_t nLut;
};

static inline double pair_minutes(const PairTimes *pt, long k)
{
  if (pt->aT) return pt->aT[k];
  uint32_t c = pt->aDec[k];
  return (c & 15) == SCAN_DEC_NONE ? pt->aX[c >> 4] : scan_dec_value(c);
}

/* Band of pair k: from the table of the short decimals when it has it
** (filled by acc_band on the same doubles: the same bands), else
** acc_band. */
static inline int pair_band(const AccParams *p, const PairTimes *pt, long k)
{
  if (pt->aLut && pt->aDec[k] < pt->nLut && pt->aLut[pt->aDec[k]] != 0xff) {
    return pt->aLut[pt->aDec[k]];
  }
  return acc_band(p, pair_minutes(pt, k));
}

/* Deal pair k (k >= nPair: the trip of node k - nPair to itself) of
** band v into its destination's next free edge aFill[j]. */
static inline void edge_deal(AccGraph *g, const AccParams *p, int *aFill,
                             long nPair, const int *aO, const int *aD,
                             const PairTimes *pt, double self, long k,
                             unsigned char v)
{
  int i = k < nPair ? aO[k] : (int)(k - nPair);
  int j = k < nPair ? aD[k] : i;
  int e = aFill[j]++;
  g->aDemand[e] = i;
  if (g->aBand) g->aBand[e] = v;
  else g->aWeightD[e] = acc_weight(p, k < nPair ? pair_minutes(pt, k) : self);
}

/*
** The CSR from (origin, destination, minutes) triples without sorting:
** the pairs in reach are dealt into their destination's row in origin
** order, so that every row comes out sorted by demand node with duplicates
** side by side; a duplicate keeps the smaller band (bands grow with time)
** or the larger weight (the Gaussian falls with time): the shorter trip.
** Matrices usually come grouped by origin (each origin's pairs together,
** the origins in any order): then the groups are dealt in node order;
** otherwise a counting sort by origin orders the pairs first.  When
** isSelf, every node's trip to itself takes `self` minutes and the
** triples' own self pairs are ignored (nDemand == nSupply).  Memory besides
** the graph: one byte per pair, the row counters, two longs per origin,
** and for ungrouped matrices a 4-byte index per pair in reach.
*/
static AccGraph *graph_from_triples(const AccParams *p, int nDemand,
                                    int nSupply, long nPair, const int *aO,
                                    const int *aD, const PairTimes *pt,
                                    int isSelf, double self)
{
  EdgeBuf b;
  AccGraph *g = graph_new(p, nDemand, nSupply, &b);
  assert(nPair + nDemand < 4294967295L);
  assert(!isSelf || nDemand == nSupply);
  /* pass 1: the band of each pair (for a continuous decay, 1 when in
  ** reach), counted per destination row; is the matrix ordered? */
  unsigned char *aIn = acc_alloc_big(nPair ? (size_t)nPair : 1);
  unsigned char vSelf = 0;
  if (isSelf) {
    vSelf = (unsigned char)(b.isBanded ? acc_band(p, self)
                                       : acc_weight(p, self) > 0);
  }
  long nKeep = vSelf ? nDemand : 0;
  /* aGroup[2i], aGroup[2i + 1]: the pairs k of origin i, when each
  ** origin's pairs are contiguous (isGrouped) */
  long *aGroup = xmalloc(sizeof(long) * 2 * ((size_t)nDemand + 1));
  memset(aGroup, 0xff, sizeof(long) * 2 * ((size_t)nDemand + 1));
  int isGrouped = 1;
  for (long k = 0; k < nPair; k++) {
    int i = aO[k], j = aD[k];
    unsigned char v;
    assert(i >= 0 && i < nDemand && j >= 0 && j < nSupply);
    if (isSelf && i == j) v = 0;                        /* replaced */
    else if (b.isBanded) v = (unsigned char)pair_band(p, pt, k);
    else v = acc_weight(p, pair_minutes(pt, k)) > 0;
    aIn[k] = v;
    if (k == 0 || i != aO[k - 1]) {
      if (aGroup[2 * i] >= 0) isGrouped = 0;            /* seen before */
      else aGroup[2 * i] = k;
    }
    aGroup[2 * i + 1] = k + 1;
    if (!v) continue;
    g->aStart[j + 1]++;
    nKeep++;
  }
  for (int i = 0; vSelf && i < nDemand; i++) g->aStart[i + 1]++;
  for (int j = 0; j < nSupply; j++) g->aStart[j + 1] += g->aStart[j];
  int *aFill = xmalloc(sizeof(int) * ((size_t)nSupply + 1));
  memcpy(aFill, g->aStart, sizeof(int) * ((size_t)nSupply + 1));
  size_t nE = nKeep ? (size_t)nKeep : 1;
  g->aDemand = acc_alloc_big(sizeof(int) * nE);
  if (b.isBanded) g->aBand = acc_alloc_big(nE);
  else g->aWeightD = acc_alloc_big(sizeof(double) * nE);
  /* pass 2: dealt into the rows in origin order */
  if (isGrouped) {
    /* origin by origin, in node order; a node's trip to itself first */
    for (int i = 0; i < nDemand; i++) {
      if (vSelf) {
        edge_deal(g, p, aFill, nPair, aO, aD, pt, self, nPair + i, vSelf);
      }
      for (long k = aGroup[2 * i]; k >= 0 && k < aGroup[2 * i + 1]; k++) {
        if (aIn[k]) edge_deal(g, p, aFill, nPair, aO, aD, pt, self, k, aIn[k]);
      }
    }
  } else {
    long *aCnt = xcalloc((size_t)nDemand + 1, sizeof(long));
    for (long k = 0; k < nPair; k++) aCnt[aO[k] + 1] += aIn[k] != 0;
    for (int i = 0; vSelf && i < nDemand; i++) aCnt[i + 1]++;
    for (int i = 0; i < nDemand; i++) aCnt[i + 1] += aCnt[i];
    unsigned *aOrd = xmalloc(sizeof(unsigned) * nE);
    for (long k = 0; k < nPair; k++) {
      if (aIn[k]) aOrd[aCnt[aO[k]]++] = (unsigned)k;
    }
    for (int i = 0; vSelf && i < nDemand; i++) {
      aOrd[aCnt[i]++] = (unsigned)(nPair + i);
    }
    free(aCnt);
    for (long q = 0; q < nKeep; q++) {
      long k = aOrd[q];
      edge_deal(g, p, aFill, nPair, aO, aD, pt, self, k,
                k < nPair ? aIn[k] : vSelf);
    }
    free(aOrd);
  }
  free(aGroup);
  free(aFill);
  free(aIn);
  /* pass 4: duplicates, side by side, keep the shorter trip */
  int w = 0;
  for (int j = 0; j < nSupply; j++) {
    int e0 = g->aStart[j], e1 = g->aStart[j + 1], w0 = w;
    g->aStart[j] = w0;
    for (int e = e0; e < e1; e++) {
      if (w > w0 && g->aDemand[w - 1] == g->aDemand[e]) {
        if (g->aBand) {
          if (g->aBand[e] < g->aBand[w - 1]) g->aBand[w - 1] = g->aBand[e];
        } else if (g->aWeightD[e] > g->aWeightD[w - 1]) {
          g->aWeightD[w - 1] = g->aWeightD[e];
        }
        continue;
      }
      g->aDemand[w] = g->aDemand[e];
      if (g->aBand) g->aBand[w] = g->aBand[e];
      else g->aWeightD[w] = g->aWeightD[e];
      w++;
    }
  }
  g->aStart[nSupply] = w;
  size_t nW = w ? (size_t)w : 1;
  g->aDemand = xrealloc(g->aDemand, sizeof(int) * nW);
  if (g->aBand) g->aBand = xrealloc(g->aBand, nW);
  else g->aWeightD = xrealloc(g->aWeightD, sizeof(double) * nW);
  return g;
}

AccGraph *acc_graph_from_pairs(const AccParams *p, int nDemand, int nSupply,
                               long nPair, const int *aOrigin,
                               const int *aDest, const double *aMinutes)
{
  PairTimes pt = {aMinutes, NULL, NULL, NULL, 0};
  return graph_from_triples(p, nDemand, nSupply, nPair, aOrigin, aDest, &pt,
                            0, 0);
}

AccGraph *acc_graph_from_matrix(const AccParams *p, int n, long nPair,
                                const int *aOrigin, const int *aDest,
                                const double *aMinutes)
{
  int isSelf = p->selfMinutes >= 0;
  PairTimes pt = {aMinutes, NULL, NULL, NULL, 0};
  return graph_from_triples(p, n, n, nPair, aOrigin, aDest, &pt, isSelf,
                            isSelf ? p->selfMinutes : 0);
}

/* Band of every short decimal below 2^16 (minutes up to 4 095 with one
** decimal, 409 with two...): one table of 64 KB instead of a division
** and the band search per pair; only worth it for large matrices. */
enum { LUT_SIZE = 1 << 16 };

AccGraph *acc_graph_from_decimals(const AccParams *p, int n, long nPair,
                                  const int *aOrigin, const int *aDest,
                                  const uint32_t *aDec, const double *aX)
{
  int isSelf = p->selfMinutes >= 0;
  double aW[ACC_MAX_STEPS + 1];
  PairTimes pt = {NULL, aDec, aX, NULL, 0};
  unsigned char *aLut = NULL;
  if (acc_band_weights(p, aW) > 0 && nPair > 4L * LUT_SIZE) {
    aLut = xmalloc(LUT_SIZE);
    for (uint32_t c = 0; c < LUT_SIZE; c++) {
      aLut[c] = (c & 15) == SCAN_DEC_NONE
                    ? 0xff : (unsigned char)acc_band(p, scan_dec_value(c));
    }
    pt.aLut = aLut;
    pt.nLut = LUT_SIZE;
  }
  AccGraph *g = graph_from_triples(p, n, n, nPair, aOrigin, aDest, &pt,
                                   isSelf, isSelf ? p->selfMinutes : 0);
  free(aLut);
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
