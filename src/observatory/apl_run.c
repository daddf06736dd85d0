/*
** observatory/apl_run.c: build the catchment graph of an AplModel,
** compute its APL and indicators, write them as CSV, explain one
** commune's APL (its contributions).
**
** The model's inputs come from apl_load.c (files) or from a caller that
** fills them itself (a database); this file does not read inputs.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "base/mem.h"
#include "base/scan.h"
#include "base/progress.h"
#include "geo/geo.h"
#include "observatory/apl_run.h"

void apl_model_init(AplModel *m)
{
  memset(m, 0, sizeof *m);
  m->params = acc_params_default();
  m->isCountSupply = 1;
  m->nPrecision = -1;
}

double apl_minutes(const AplModel *m, long k)
{
  if (!m->aTime) return m->aMinutes[k];
  uint32_t c = m->aTime[k];
  return (c & 15) == SCAN_DEC_NONE ? m->aTimeX[c >> 4] : scan_dec_value(c);
}

void apl_model_free(AplModel *m)
{
  apl_nodes_free(&m->nodes);
  if (m->pMap) {
    munmap(m->pMap, m->nMap);             /* the pairs of a cache file */
  } else {
    free(m->aOrigin);
    free(m->aDest);
    free(m->aTime);
    free(m->aTimeX);
  }
  free(m->aMinutes);
  free(m->aPop);
  free(m->aCount);
  free(m->aSupply);
  acc_graph_free(m->pGraph);
  free(m->aApl);
  free(m->aRatio);
  free(m->aDemandReach);
  free(m->aOut);
  apl_nodes_free(&m->gap);
  free(m->aGapPop);
  free(m->aReach);
  memset(m, 0, sizeof *m);
}

/* The reach of the points model with a commune's trip to itself at
** selfMinutes (the geometry says 0; the graph drops it beyond tMax). */
typedef struct SelfReach SelfReach;
struct SelfReach {
  GeoReach *pReach;
  double selfMinutes;
};

static int self_reach(void *pCtx, int j, int *aIdx, double *aMinutes,
                      int nCap)
{
  SelfReach *s = pCtx;
  int n = geo_reach_minutes(s->pReach, j, aIdx, aMinutes, nCap);
  for (int k = 0; k < n && k < nCap; k++) {
    if (aIdx[k] == j) aMinutes[k] = s->selfMinutes;
  }
  return n;
}

/*
** Points: a grid with cells as wide as the reach, so that each query
** visits the 27 cells around its commune; a commune's trip to itself takes
** params.selfMinutes.  Matrix: the pairs as given, plus every commune's
** trip to itself at params.selfMinutes, which replaces a self pair of the
** file -- unless selfMinutes is ACC_SELF_AS_GIVEN: then only the file's.
*/
void apl_build(AplModel *m)
{
  int n = m->nodes.n;
  double t0 = clock_seconds();
  double self = m->params.selfMinutes;
  acc_graph_free(m->pGraph);
  if (m->nPair == 0) {
    GeoTravel travel = {m->params.speedKmh, m->params.detour};
    double km = geo_reach_km(&travel, m->params.tMax);
    GeoGrid *pGrid = geo_grid_new(m->nodes.aLat, m->nodes.aLon, n,
                                  km > 1 ? km : 1);
    GeoReach reach = {pGrid, m->nodes.aLat, m->nodes.aLon, n, travel,
                      m->params.tMax};
    SelfReach sr = {&reach, self > 0 ? self : 0};
    m->pGraph = acc_graph_build(&m->params, n, n, self_reach, &sr);
    geo_grid_free(pGrid);
  } else if (m->aTime) {
    m->pGraph = acc_graph_from_decimals(&m->params, n, m->nPair, m->aOrigin,
                                        m->aDest, m->aTime, m->aTimeX);
  } else {
    m->pGraph = acc_graph_from_matrix(&m->params, n, m->nPair, m->aOrigin,
                                      m->aDest, m->aMinutes);
  }
  m->tBuild = clock_seconds() - t0;
}

void apl_compute(AplModel *m)
{
  int n = m->nodes.n ? m->nodes.n : 1;
  if (!m->aApl) {
    m->aSupply = xcalloc(n, sizeof(double));
    m->aApl = xcalloc(n, sizeof(double));
    m->aRatio = xcalloc(n, sizeof(double));
    m->aDemandReach = xcalloc(n, sizeof(double));
    m->aOut = xcalloc(n, sizeof(AccCommune));
    m->aReach = xcalloc(n, sizeof(int));
  }
  if (m->isCountSupply) {
    acc_supply_from_counts(&m->params, m->aCount, m->nodes.n, m->aSupply);
  } else {
    memcpy(m->aSupply, m->aCount, sizeof(double) * m->nodes.n);
  }
  acc_step1(m->pGraph, m->aSupply, m->aPop, m->aDemandReach, m->aRatio);
  acc_step2(m->pGraph, m->aRatio, m->aApl);
  /* practitioner counts are known only when the supply file gives them */
  acc_communes(&m->params, m->pGraph, m->aSupply, m->aPop,
               m->isCountSupply ? m->aCount : NULL, m->aApl,
               m->aDemandReach, m->aOut);
  const AccGraph *g = m->pGraph;
  memset(m->aReach, 0, sizeof(int) * (size_t)m->nodes.n);
  for (long e = 0; e < acc_graph_edges(g); e++) m->aReach[g->aDemand[e]]++;
}

/* Write z as one CSV field (quoted when it holds , " or a newline). */
/* One text cell: quoted when it holds ',', '"', CR or LF; a text a
** spreadsheet would run as a formula ('=', '+', '-', '@', TAB, CR first)
** quoted and prefixed with "'", as the export writer does (web/export.h). */
static void csv_field(FILE *out, const char *z)
{
  int isFormula = z[0] && strchr("=+-@\t\r", z[0]) != NULL;
  if (!isFormula && !strpbrk(z, ",\"\n\r")) {
    fputs(z, out);
    return;
  }
  fputc('"', out);
  if (isFormula) fputc('\'', out);
  for (; *z; z++) {
    if (*z == '"') fputc('"', out);
    fputc(*z, out);
  }
  fputc('"', out);
}

/* v into zOut (SCAN_FMT_MAX bytes): with nPrec decimals when nPrec >= 0, else the
** shortest decimal that reads back as the same double (full precision);
** printf's text, without printf in the common cases (base/scan.h). */
static const char *apl_num(double v, int nPrec, char *zOut, size_t nOut)
{
  (void)nOut;
  if (nPrec >= 0) scan_fmt_fixed(v, nPrec, zOut);
  else scan_fmt_shortest(v, zOut);
  return zOut;
}

/* Why commune i has the APL it has, or "" when there is nothing to say. */
static const char *apl_reason(const AplModel *m, int i)
{
  if (m->aReach && m->aReach[i] == 0) {
    return "aucun trajet depuis la commune dans le rayon (APL indéfinie)";
  }
  if (m->aOut[i].apl == 0) return "aucune offre à portée";
  return "";
}

int apl_write_csv(const AplModel *m, FILE *out, Err *err)
{
  fputs("code,nom,apl,zone,offre,demande,effectif,population,"
        "densite_10000,offre_commune,motif\n", out);
  for (int i = 0; i < m->nodes.n; i++) {
    const AccCommune *c = &m->aOut[i];
    int isUndef = m->aReach && m->aReach[i] == 0;
    csv_field(out, m->nodes.azCode[i]);
    fputc(',', out);
    csv_field(out, m->nodes.azName[i] ? m->nodes.azName[i] : "");
    char zA[SCAN_FMT_MAX], zS[SCAN_FMT_MAX], zD[SCAN_FMT_MAX];
    if (isUndef) {
      fprintf(out, ",,,,%s,",
              apl_num(c->demandReach, m->nPrecision, zD, sizeof zD));
    } else {
      fprintf(out, ",%s,%s,%s,%s,",
              apl_num(c->apl, m->nPrecision, zA, sizeof zA),
              acc_zone_name(c->zone),
              apl_num(c->supplyReach, m->nPrecision, zS, sizeof zS),
              apl_num(c->demandReach, m->nPrecision, zD, sizeof zD));
    }
    char zC[40], zP[SCAN_FMT_MAX], zX[SCAN_FMT_MAX], zO[SCAN_FMT_MAX];
    if (m->isCountSupply) {
      /* "%.6g" of a count: an integer below 10^6 is written as such */
      if (c->count == (double)(int)c->count && fabs(c->count) < 1e6) {
        snprintf(zC, sizeof zC, "%d", (int)c->count);
      } else {
        snprintf(zC, sizeof zC, "%.6g", c->count);
      }
      fputs(zC, out);
    }
    scan_fmt_fixed(m->aPop[i], 3, zP);
    scan_fmt_fixed(c->density, 3, zX);
    scan_fmt_fixed(m->aSupply[i], 1, zO);
    fprintf(out, ",%s,%s,%s,", zP, zX, zO);
    csv_field(out, apl_reason(m, i));
    fputc('\n', out);
  }
  for (int k = 0; k < m->gap.n; k++) {
    csv_field(out, m->gap.azCode[k]);
    fputc(',', out);
    csv_field(out, m->gap.azName[k] ? m->gap.azName[k] : "");
    fprintf(out, ",,,,,,%.3f,,,", m->aGapPop[k]);
    csv_field(out, m->zGapReason ? m->zGapReason : "commune inconnue");
    fputc('\n', out);
  }
  if (fflush(out) || ferror(out)) {
    return err_set(err, ERR_IO, "écriture du résultat impossible");
  }
  return 0;
}

/* Minutes of the trip from commune i to every commune into aT[0..n-1],
** as apl_build() saw them (NaN: no trip): the matrix's pairs (the shortest
** of duplicates) or the points model, and the trip to itself. */
static void trip_minutes(const AplModel *m, int i, double *aT)
{
  int n = m->nodes.n;
  double self = m->params.selfMinutes;
  if (m->nPair == 0) {
    GeoReach reach = {NULL, m->nodes.aLat, m->nodes.aLon, n,
                      {m->params.speedKmh, m->params.detour}, m->params.tMax};
    for (int j = 0; j < n; j++) aT[j] = geo_time_minutes(&reach, i, j);
    aT[i] = self > 0 ? self : 0;
    return;
  }
  for (int j = 0; j < n; j++) aT[j] = NAN;
  for (long e = 0; e < m->nPair; e++) {
    int j = m->aDest[e];
    if (m->aOrigin[e] != i || (self >= 0 && j == i)) continue;
    double t = apl_minutes(m, e);
    if (isnan(aT[j]) || t < aT[j]) aT[j] = t;
  }
  if (self >= 0) aT[i] = self;
}

typedef struct Contrib Contrib;
struct Contrib {
  int j;
  double t, w;
};

static int contrib_cmp(const void *a, const void *b)
{
  const Contrib *x = a, *y = b;
  if (x->t != y->t) return x->t < y->t ? -1 : 1;
  return x->j - y->j;
}

int apl_explain(const AplModel *m, int i, FILE *out, Err *err)
{
  const AccGraph *g = m->pGraph;
  int n = m->nodes.n, nC = 0;
  double *aT = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
  Contrib *aC = xmalloc(sizeof(Contrib) * (size_t)(n ? n : 1));
  trip_minutes(m, i, aT);
  /* the weight is the graph's own: the edge (i, j) of supply row j */
  for (int j = 0; j < g->nSupply; j++) {
    if (m->aSupply[j] == 0) continue;
    for (long e = g->aStart[j]; e < g->aStart[j + 1]; e++) {
      if (g->aDemand[e] != i) continue;
      aC[nC].j = j;
      aC[nC].t = aT[j];
      aC[nC++].w = acc_edge_weight(g, e);
      break;
    }
  }
  qsort(aC, (size_t)nC, sizeof *aC, contrib_cmp);
  char z1[SCAN_FMT_MAX], z2[SCAN_FMT_MAX], z3[SCAN_FMT_MAX];
  char z4[SCAN_FMT_MAX], z5[SCAN_FMT_MAX], z6[SCAN_FMT_MAX];
  int p = m->nPrecision;
  fputs("offre_code,offre_nom,minutes,poids,offre_actes,demande_ponderee,"
        "ratio,contribution\n", out);
  for (int k = 0; k < nC; k++) {
    int j = aC[k].j;
    csv_field(out, m->nodes.azCode[j]);
    fputc(',', out);
    csv_field(out, m->nodes.azName[j] ? m->nodes.azName[j] : "");
    fprintf(out, ",%s,%s,%s,%s,%s,%s\n", apl_num(aC[k].t, -1, z1, sizeof z1),
            apl_num(aC[k].w, -1, z2, sizeof z2),
            apl_num(m->aSupply[j], p, z3, sizeof z3),
            apl_num(m->aDemandReach[j], p, z4, sizeof z4),
            apl_num(m->aRatio[j], p, z5, sizeof z5),
            apl_num(aC[k].w * m->aRatio[j], p, z6, sizeof z6));
  }
  if (m->aReach && m->aReach[i] == 0) {
    fputs("total,,,,,,,\n", out);
  } else {
    fprintf(out, "total,,,,,,,%s\n", apl_num(m->aApl[i], p, z1, sizeof z1));
  }
  free(aT);
  free(aC);
  if (fflush(out) || ferror(out)) {
    return err_set(err, ERR_IO, "écriture du résultat impossible");
  }
  return 0;
}
