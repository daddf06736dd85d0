/*
** observatory/apl_compare.c: agreement between two APL tables -- Pearson
** and Spearman correlations and the share of communes in the same zone
** class, for France and for each département.
**
** Reads one CSV per table (apl_table_load); the statistics are pure.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/mem.h"
#include "base/str.h"
#include "observatory/apl_run.h"

int apl_table_load(AplTable *t, const char *zPath, const char *zCol,
                   Err *err)
{
  static const char *const azId[] = {"code", "code_commune", "code_insee",
                                     "id", NULL};
  static const char *const azVal[] = {"apl_mg", "apl", NULL};
  int rc = 0;
  size_t nCap = 0;
  memset(t, 0, sizeof *t);
  CsvReader *r = csv_open(zPath, apl_csv_sep(zPath), err);
  if (!r) return ERR_IO;
  if ((rc = csv_read_header(r, err))) goto done;
  int iId = -1, iVal = zCol ? csv_col(r, zCol) : -1;
  for (int k = 0; azId[k] && iId < 0; k++) iId = csv_col(r, azId[k]);
  for (int k = 0; !zCol && azVal[k] && iVal < 0; k++) {
    iVal = csv_col(r, azVal[k]);
  }
  if (iId < 0 || iVal < 0) {
    rc = err_at(err, ERR_INPUT, zPath, 1, 0, NULL,
                "colonne %s absente", iId < 0 ? "code ou code_commune"
                                      : zCol ? zCol : "apl_mg ou apl");
    goto done;
  }
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    double v;
    const char *z = csv_cell(r, iVal), *zId = csv_cell(r, iId);
    if (!*z) continue;                            /* no value published */
    if (str_to_double(z, &v) || !isfinite(v)) {
      rc = csv_err_cell(r, err, iVal, "« %s » n'est pas un nombre", z);
      goto done;
    }
    if (apl_nodes_find(&t->codes, zId) >= 0) {
      rc = csv_err_cell(r, err, iId, "commune « %s » en double", zId);
      goto done;
    }
    int i = apl_nodes_add(&t->codes, zId, NULL);
    xgrow((void **)&t->aVal, &nCap, i + 1, sizeof(double));
    t->aVal[i] = v;
  }
  if (rc == CSV_END) rc = 0;
done:
  csv_close(r);
  return rc;
}

void apl_table_from_model(AplTable *t, const AplModel *m)
{
  memset(t, 0, sizeof *t);
  t->aVal = xmalloc(sizeof(double) * (m->nodes.n ? m->nodes.n : 1));
  for (int i = 0; i < m->nodes.n; i++) {
    apl_nodes_add(&t->codes, m->nodes.azCode[i], NULL);
    t->aVal[i] = m->aApl[i];
  }
}

void apl_table_free(AplTable *t)
{
  apl_nodes_free(&t->codes);
  free(t->aVal);
  memset(t, 0, sizeof *t);
}

void apl_departement(const char *zCode, char *zDep)
{
  size_t n = strncmp(zCode, "97", 2) == 0 ? 3 : 2;
  if (strlen(zCode) < n) n = strlen(zCode);
  memcpy(zDep, zCode, n);
  zDep[n] = 0;
}

static double pearson(const double *x, const double *y, long n)
{
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
  for (long k = 0; k < n; k++) mx += x[k], my += y[k];
  mx /= n, my /= n;
  for (long k = 0; k < n; k++) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) * (x[k] - mx);
    syy += (y[k] - my) * (y[k] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}

static int by_key(const void *a, const void *b, void *pKey)
{
  const double *aKey = pKey;
  double x = aKey[*(const long *)a], y = aKey[*(const long *)b];
  return (x > y) - (x < y);
}

/* Ranks of x[0..n-1] into aRank, ties sharing their mean rank. */
static void ranks(const double *x, long n, double *aRank, long *aIdx)
{
  for (long k = 0; k < n; k++) aIdx[k] = k;
  qsort_r(aIdx, n, sizeof(long), by_key, (void *)x);
  for (long k = 0; k < n;) {
    long e = k;
    while (e + 1 < n && x[aIdx[e + 1]] == x[aIdx[k]]) e++;
    for (long q = k; q <= e; q++) aRank[aIdx[q]] = 0.5 * (k + e) + 1;
    k = e + 1;
  }
}

static void agree(const AccParams *p, const double *x, const double *y,
                  long n, AplAgreement *a)
{
  double *rx = xmalloc(sizeof(double) * (n ? n : 1));
  double *ry = xmalloc(sizeof(double) * (n ? n : 1));
  long *aIdx = xmalloc(sizeof(long) * (n ? n : 1)), nSame = 0;
  a->n = n;
  a->pearson = n > 1 ? pearson(x, y, n) : NAN;
  ranks(x, n, rx, aIdx);
  ranks(y, n, ry, aIdx);
  a->spearman = n > 1 ? pearson(rx, ry, n) : NAN;
  for (long k = 0; k < n; k++) nSame += acc_zone(p, x[k]) == acc_zone(p, y[k]);
  a->zoneAgree = n ? (double)nSame / n : NAN;
  free(rx);
  free(ry);
  free(aIdx);
}

typedef struct Joined Joined;
struct Joined { char zDep[4]; double x, y; };

static int by_dep(const void *a, const void *b)
{
  return strcmp(((const Joined *)a)->zDep, ((const Joined *)b)->zDep);
}

int apl_compare(const AccParams *p, const AplTable *ours,
                const AplTable *ref, AplAgreement *aOut, int nCap,
                long *pnOnlyOurs, long *pnOnlyRef)
{
  int nRef = ref->codes.n, nOut = 0;
  Joined *a = xmalloc(sizeof(Joined) * (nRef ? nRef : 1));
  long n = 0;
  for (int k = 0; k < nRef; k++) {
    int i = apl_nodes_find(&ours->codes, ref->codes.azCode[k]);
    if (i < 0) continue;
    apl_departement(ref->codes.azCode[k], a[n].zDep);
    a[n].x = ours->aVal[i];
    a[n].y = ref->aVal[k];
    n++;
  }
  *pnOnlyRef = nRef - n;
  *pnOnlyOurs = ours->codes.n - n;
  qsort(a, n, sizeof(Joined), by_dep);
  double *x = xmalloc(sizeof(double) * (n ? n : 1));
  double *y = xmalloc(sizeof(double) * (n ? n : 1));
  for (long k = 0; k < n; k++) x[k] = a[k].x, y[k] = a[k].y;
  if (nCap > 0) {
    agree(p, x, y, n, &aOut[0]);
    snprintf(aOut[0].zArea, sizeof aOut[0].zArea, "France");
    nOut = 1;
  }
  for (long k = 0; k < n && nOut < nCap;) {
    long e = k;
    while (e < n && !strcmp(a[e].zDep, a[k].zDep)) e++;
    agree(p, x + k, y + k, e - k, &aOut[nOut]);
    snprintf(aOut[nOut].zArea, sizeof aOut[nOut].zArea, "%s", a[k].zDep);
    nOut++;
    k = e;
  }
  free(a);
  free(x);
  free(y);
  return nOut;
}
