/*
** tests/unit/test_scan_fast.c: the fast paths of `oasis apl` on files
** agree with the exact general ones -- matrix rows read by
** scan_next_fast() against scan_next() + scan_double() on files mixing
** every shape (CRLF, quotes, blank lines, exponents, long decimals, long
** codes, extra columns, a missing final newline); short decimals against
** scan_double(); the number writers against printf; the loader's 12-byte
** pairs (and their cache) against the file; the graph from short decimals,
** in any order, against the graph from doubles.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "access/access.h"
#include "base/scan.h"
#include "base/str.h"
#include "observatory/apl_run.h"
#include "test_access_dir.h"

static uint64_t gSeed = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(void)
{
  gSeed ^= gSeed << 13;
  gSeed ^= gSeed >> 7;
  gSeed ^= gSeed << 17;
  return gSeed;
}

/* One row as read: the two codes' keys (0: not a short code), the
** number's bits (isNum 0: not a number), its line. */
typedef struct Row Row;
struct Row {
  uint64_t keyA, keyB;
  uint64_t bits;
  int isNum;
  long iLine;
};

static void row_general(const Scan *s, int iA, int iB, int iV, Row *r)
{
  ScanCell a = scan_cell(s, iA), b = scan_cell(s, iB), v = scan_cell(s, iV);
  double x = 0;
  r->keyA = scan_key(a.z, (size_t)a.n);
  r->keyB = scan_key(b.z, (size_t)b.n);
  r->isNum = scan_double(v.z, (size_t)v.n, &x) == 0;
  memcpy(&r->bits, &x, sizeof x);
  if (!r->isNum) r->bits = 0;
  r->iLine = scan_line(s);
}

/* Every row of z read by the general path alone (isFast 0) or by the fast
** path with the general one for the rest; *pnFast: rows read fast. */
static Row *read_rows(const char *z, size_t n, int isFast, int *pnRow,
                      int *pnFast)
{
  Err err = {0};
  Scan *s = scan_open_mem("t.csv", z, n, 0, &err);
  assert_non_null(s);
  assert_int_equal(scan_header(s, &err), 0);
  int iA = scan_col(s, "origin"), iB = scan_col(s, "destination");
  int iV = scan_col(s, "minutes");
  assert_true(iA >= 0 && iB >= 0 && iV >= 0);
  int nRow = 0, nCap = 1024, rc;
  Row *a = malloc(sizeof(Row) * (size_t)nCap);
  *pnFast = 0;
  for (;;) {
    uint64_t aA[64], aB[64];
    uint32_t aD[64];
    int k = isFast ? scan_next_fast(s, iA, iB, iV, aA, aB, aD, 64) : 0;
    if (nRow + k + 1 > nCap) a = realloc(a, sizeof(Row) * (size_t)(nCap *= 2));
    for (int q = 0; q < k; q++) {
      double x = scan_dec_value(aD[q]);
      Row *r = &a[nRow++];
      r->keyA = aA[q];
      r->keyB = aB[q];
      r->isNum = 1;
      memcpy(&r->bits, &x, sizeof x);
      r->iLine = scan_line(s) - (k - 1 - q);   /* one line a fast row */
    }
    *pnFast += k;
    if (k) continue;
    if ((rc = scan_next(s, &err)) != SCAN_ROW) break;
    row_general(s, iA, iB, iV, &a[nRow++]);
  }
  assert_int_equal(rc, SCAN_END);
  scan_close(s);
  *pnRow = nRow;
  return a;
}

/* A random cell for the minutes: mostly what routers write, sometimes
** anything the general path must take instead. */
static void put_minutes(Str *s)
{
  static const char *const azOdd[] = {
    "1e1", "2.5E-1", "12.345678901234", "0.000000000000001", "-3", " 4",
    "5 ", "+6", ".5", "5.", "007.50", "268435455", "268435456",
    "1234567890", "99999999.9", "", "x", "inf", "0x10", "1.2.3", "\"7.5\""};
  switch (rnd() % 8) {
  case 0: str_appendz(s, azOdd[rnd() % (sizeof azOdd / sizeof azOdd[0])]);
    break;
  case 1: str_appendf(s, "%u", (unsigned)(rnd() % 100000)); break;
  case 2: str_appendf(s, "%.3f", (double)(rnd() % 1000000) / 997.0); break;
  default: str_appendf(s, "%.1f", (double)(rnd() % 6000) / 10.0);
  }
}

static void put_code(Str *s)
{
  static const char *const azOdd[] = {"", "1234567", "12345678", "\"01001\"",
                                      "\xc3\x89" "1", "a b", "2A004"};
  if (rnd() % 10) str_appendf(s, "%05u", (unsigned)(rnd() % 99000 + 1000));
  else str_appendz(s, azOdd[rnd() % (sizeof azOdd / sizeof azOdd[0])]);
}

/* A matrix of n rows of mixed shapes: columns in the order of azCol. */
static void make_matrix(Str *s, const char *const *azCol, int nCol, char c,
                        int n, int isLastNewline)
{
  for (int k = 0; k < nCol; k++) {
    str_appendf(s, "%s%s", k ? (char[]){c, 0} : "", azCol[k]);
  }
  str_appendz(s, "\n");
  for (int r = 0; r < n; r++) {
    if (rnd() % 50 == 0) str_appendz(s, rnd() & 1 ? "\n" : "\r\n");
    int nCell = nCol + (rnd() % 40 == 0 ? (rnd() & 1 ? 1 : -1) : 0);
    for (int k = 0; k < nCell; k++) {
      if (k) str_appendf(s, "%c", c);
      const char *z = k < nCol ? azCol[k] : "extra";
      if (!strcmp(z, "minutes")) put_minutes(s);
      else if (!strcmp(z, "origin") || !strcmp(z, "destination")) put_code(s);
      else str_appendz(s, rnd() % 20 ? "12.5" : "\"a,b\"");
    }
    if (r + 1 < n || isLastNewline) {
      str_appendz(s, rnd() % 10 == 0 ? "\r\n" : "\n");
    }
  }
}

static void test_fast_rows_agree_with_the_general_path(void **state)
{
  (void)state;
  static const char *const az3[] = {"origin", "destination", "minutes"};
  static const char *const azPerm[] = {"minutes", "destination", "origin"};
  static const char *const az5[] = {"km", "origin", "minutes", "destination",
                                    "note"};
  struct {
    const char *const *azCol;
    int nCol;
    char c;
  } aCase[] = {{az3, 3, ','}, {azPerm, 3, ';'}, {az5, 5, '\t'}};
  for (int t = 0; t < 12; t++) {
    Str s = STR_INIT;
    int k = t % 3;
    make_matrix(&s, aCase[k].azCol, aCase[k].nCol, aCase[k].c, 3000, t & 1);
    int nA, nB, nFast, nFastA;
    Row *a = read_rows(str_text(&s), s.n, 0, &nA, &nFastA);
    Row *b = read_rows(str_text(&s), s.n, 1, &nB, &nFast);
    assert_int_equal(nA, nB);
    assert_true(nFast > nA / 2);            /* the fast path did run */
    assert_true(nFast < nA);                /* and left rows to the other */
    for (int r = 0; r < nA; r++) {
      if (memcmp(&a[r], &b[r], sizeof(Row))) {
        print_error("case %d row %d line %ld/%ld: keys %llx/%llx %llx/%llx "
                    "bits %llx/%llx\n", t, r, a[r].iLine, b[r].iLine,
                    (unsigned long long)a[r].keyA,
                    (unsigned long long)b[r].keyA,
                    (unsigned long long)a[r].keyB,
                    (unsigned long long)b[r].keyB,
                    (unsigned long long)a[r].bits,
                    (unsigned long long)b[r].bits);
        fail();
      }
    }
    free(a);
    free(b);
    str_free(&s);
  }
}

static void test_short_decimals_are_scan_double(void **state)
{
  (void)state;
  static const char *const azYes[] = {"0", "5", "5.", ".5", "007.50",
                                      "12.3", "268435455", "26843545.5",
                                      "0.00000000000001", "4095.9"};
  static const char *const azNo[] = {"", ".", "-1", "+1", "1e1", " 1", "1 ",
                                     "268435456", "0.000000000000001",
                                     "1234567890123456", "1.2.3", "inf",
                                     "0x1"};
  uint32_t c;
  for (size_t k = 0; k < sizeof azYes / sizeof azYes[0]; k++) {
    double v;
    assert_int_equal(scan_dec(azYes[k], strlen(azYes[k]), &c), 0);
    assert_int_equal(scan_double(azYes[k], strlen(azYes[k]), &v), 0);
    assert_true((c & 15) != SCAN_DEC_NONE && scan_dec_value(c) == v);
  }
  for (size_t k = 0; k < sizeof azNo / sizeof azNo[0]; k++) {
    assert_int_equal(scan_dec(azNo[k], strlen(azNo[k]), &c), -1);
  }
  char z[40];
  for (int k = 0; k < 300000; k++) {
    int nDec = (int)(rnd() % 9);
    uint64_t m = rnd() % (k & 1 ? 100000 : (1u << 28));
    double v, w = 0;
    snprintf(z, sizeof z, "%llu", (unsigned long long)m);
    size_t n = strlen(z);
    if (nDec && (size_t)nDec < n) {      /* put a point nDec from the end */
      memmove(z + n - nDec + 1, z + n - nDec, (size_t)nDec + 1);
      z[n - nDec] = '.';
      n++;
    }
    assert_int_equal(scan_dec(z, n, &c), 0);
    assert_int_equal(scan_double(z, n, &v), 0);
    w = scan_dec_value(c);
    assert_memory_equal(&v, &w, sizeof v);
  }
}

/* The former writer of the table: %.15g, %.16g, %.17g until it reads
** back (integers below 10^15 as %lld). */
static void printf_shortest(double v, char *z)
{
  if (v == (double)(long long)v && v > -1e15 && v < 1e15) {
    snprintf(z, SCAN_FMT_MAX, "%lld", (long long)v);
    return;
  }
  for (int p = 15; p <= 17; p++) {
    double w;
    int n = snprintf(z, SCAN_FMT_MAX, "%.*g", p, v);
    if (scan_double(z, (size_t)n, &w) == 0 && w == v) return;
  }
}

static void test_number_writers_write_what_printf_writes(void **state)
{
  (void)state;
  static const double aEdge[] = {
    0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, -0.125, 0.0625, 1e-4, 9.99e-5,
    0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e14, 999999999999999.9, 1e15, 1e16,
    4503599627370495.5, 1e-320, 1e300, 0.9999999999999999, 9.5, 99.95,
    0.0005, 0.0015, 1234.5678, -2.675, 2.675, 1.005};
  char zA[SCAN_FMT_MAX], zB[SCAN_FMT_MAX];
  for (int k = 0; k < 1200000; k++) {
    double v;
    if ((size_t)k < sizeof aEdge / sizeof aEdge[0]) {
      v = aEdge[k];
    } else if (k % 4 == 0) {
      uint64_t u = rnd();                  /* any double */
      memcpy(&v, &u, sizeof v);
      if (!isfinite(v)) continue;
    } else if (k % 4 == 1) {               /* exact ties of binary values */
      v = (double)(rnd() % 100000) / (double)(1u << (rnd() % 12));
    } else {                               /* what the table holds */
      v = (double)(rnd() % 1000000000) / (double)(1 + rnd() % 99999) *
          pow(10.0, (double)(int)(rnd() % 12) - 5);
    }
    if (rnd() % 5 == 0) v = -v;
    printf_shortest(v, zA);
    int n = scan_fmt_shortest(v, zB);
    if (strcmp(zA, zB) || (size_t)n != strlen(zB)) {
      print_error("shortest %.17g: printf « %s », ours « %s »\n", v, zA, zB);
      fail();
    }
    int nDec = (int)(rnd() % 10);
    snprintf(zA, sizeof zA, "%.*f", nDec, v);
    n = scan_fmt_fixed(v, nDec, zB);
    if (strcmp(zA, zB) || (size_t)n != strlen(zB)) {
      print_error("%%.%df %.17g: printf « %s », ours « %s »\n", nDec, v, zA,
                  zB);
      fail();
    }
  }
}

static const char *put(const char *zName, const Str *s, char *zPath)
{
  snprintf(zPath, 128, "%s/%s", gaDir, zName);
  FILE *f = fopen(zPath, "wb");
  assert_non_null(f);
  fwrite(str_text(s), 1, s->n, f);
  fclose(f);
  return zPath;
}

/* The pairs of a file as the general path reads them: codes and minutes
** of every row, in order. */
static void check_pairs(const AplModel *m, const char *zPath)
{
  Err err = {0};
  Scan *s = scan_open(zPath, 0, &err);
  assert_non_null(s);
  assert_int_equal(scan_header(s, &err), 0);
  long k = 0;
  char z[64];
  while (scan_next(s, &err) == SCAN_ROW) {
    double t;
    ScanCell c = scan_cell(s, 2);
    assert_int_equal(scan_double(c.z, (size_t)c.n, &t), 0);
    assert_true(k < m->nPair);
    assert_string_equal(m->nodes.azCode[m->aOrigin[k]],
                        scan_cell_str(s, 0, z, sizeof z));
    assert_string_equal(m->nodes.azCode[m->aDest[k]],
                        scan_cell_str(s, 1, z, sizeof z));
    double u = apl_minutes(m, k++);
    assert_memory_equal(&t, &u, sizeof t);
  }
  assert_int_equal(k, m->nPair);
  scan_close(s);
}

static void test_matrix_pairs_in_12_bytes_are_the_file(void **state)
{
  (void)state;
  static const char *const azT[] = {"1e1", "12.345678901234", "\"7.25\"",
                                    "3.5", "0.1", "600"};
  Str s = STR_INIT;
  str_appendz(&s, "origin,destination,minutes\r\n");
  for (int i = 0; i < 60; i++) {
    for (int j = 0; j < 60; j += 1 + i % 4) {
      const char *zO = i % 17 == 5 ? "\"LONGCODE%d\"" : "c%d";
      str_appendf(&s, zO, i);
      str_appendf(&s, ",c%d,", j);
      if ((i + j) % 13 == 0) str_appendz(&s, azT[(i + j) % 6]);
      else str_appendf(&s, "%.1f", (double)((i * 31 + j * 7) % 400) / 10.0);
      str_appendz(&s, (i + j) % 5 ? "\n" : "\r\n");
    }
  }
  str_appendz(&s, "c1,c2,9.75");                 /* no final newline */
  char zPath[128], zCache[128];
  put("mixed.csv", &s, zPath);
  str_free(&s);
  snprintf(zCache, sizeof zCache, "%s/cache12", gaDir);
  AplModel a, b;
  Err err = {0};
  apl_model_init(&a);
  a.zCacheDir = zCache;
  assert_int_equal(apl_load_matrix(&a, zPath, &err), 0);
  assert_int_equal(a.cacheState, APL_CACHE_WRITTEN);
  assert_true(a.nTimeX > 0);                      /* some were not short */
  check_pairs(&a, zPath);
  apl_model_init(&b);
  b.zCacheDir = zCache;
  assert_int_equal(apl_load_matrix(&b, zPath, &err), 0);
  assert_int_equal(b.cacheState, APL_CACHE_HIT);
  assert_int_equal(b.nTimeX, a.nTimeX);
  check_pairs(&b, zPath);
  apl_model_free(&a);
  apl_model_free(&b);
  /* the hash taken in the UTF-8 pass is scan_hash() of the bytes */
  Scan *s1 = scan_open(zPath, 0, &err), *s2 = scan_open_hashed(zPath, 0, &err);
  size_t n1;
  const char *z1 = scan_data(s1, &n1);
  uint64_t h = scan_hash(z1, n1);
  assert_true(scan_hash_data(s1) == h && scan_hash_data(s2) == h);
  scan_close(s1);
  scan_close(s2);
}

static void graphs_equal(const AccGraph *a, const AccGraph *b)
{
  assert_int_equal(a->nSupply, b->nSupply);
  assert_memory_equal(a->aStart, b->aStart,
                      sizeof(int) * ((size_t)a->nSupply + 1));
  long n = acc_graph_edges(a);
  assert_memory_equal(a->aDemand, b->aDemand, sizeof(int) * (size_t)n);
  if (a->aBand) assert_memory_equal(a->aBand, b->aBand, (size_t)n);
  else assert_memory_equal(a->aWeightD, b->aWeightD, sizeof(double) * n);
}

static void test_graph_from_decimals_in_any_order_is_the_same(void **state)
{
  (void)state;
  /* 300 000 pairs: above the size where the band table is used */
  int n = 3000;
  long nPair = 0, nCap = 320000;
  int *aO = malloc(sizeof(int) * nCap), *aD = malloc(sizeof(int) * nCap);
  uint32_t *aDec = malloc(sizeof(uint32_t) * nCap);
  double *aT = malloc(sizeof(double) * nCap);
  double aX[] = {10.0, 14.999999999999998, 20.0000001};
  for (int i = 0; i < n && nPair < nCap; i++) {
    for (int k = 0; k < 100 && nPair < nCap; k++) {
      aO[nPair] = i;
      aD[nPair] = (int)(rnd() % (uint64_t)n);
      if (k % 50 == 7) {                         /* a long decimal */
        aDec[nPair] = (uint32_t)(k % 3) << 4 | SCAN_DEC_NONE;
        aT[nPair++] = aX[k % 3];
        continue;
      }
      uint32_t m = (uint32_t)(rnd() % 400), d = (uint32_t)(rnd() % 3);
      aDec[nPair] = m << 4 | d;                  /* 0 to 39.9 minutes */
      aT[nPair] = scan_dec_value(aDec[nPair]);
      nPair++;
    }
  }
  AccParams ap[4];
  ap[0] = acc_params_default();                  /* DREES, exclusive */
  ap[1] = acc_params_default();
  assert_int_equal(acc_preset("enhanced_two_stage_fca", &ap[1]), 0);
  ap[2] = acc_params_default();
  ap[2].decay = ACC_DECAY_GAUSSIAN;
  ap[3] = acc_params_default();
  ap[3].selfMinutes = 12.5;
  for (int c = 0; c < 4; c++) {
    AccGraph *a = acc_graph_from_matrix(&ap[c], n, nPair, aO, aD, aT);
    AccGraph *b = acc_graph_from_decimals(&ap[c], n, nPair, aO, aD, aDec, aX);
    graphs_equal(a, b);
    /* the same pairs shuffled: the counting sort gives the same graph */
    int *aO2 = malloc(sizeof(int) * nPair), *aD2 = malloc(sizeof(int) * nPair);
    uint32_t *aDec2 = malloc(sizeof(uint32_t) * nPair);
    memcpy(aO2, aO, sizeof(int) * nPair);
    memcpy(aD2, aD, sizeof(int) * nPair);
    memcpy(aDec2, aDec, sizeof(uint32_t) * nPair);
    for (long k = nPair - 1; k > 0; k--) {
      long r = (long)(rnd() % (uint64_t)(k + 1));
      int t = aO2[k]; aO2[k] = aO2[r]; aO2[r] = t;
      t = aD2[k]; aD2[k] = aD2[r]; aD2[r] = t;
      uint32_t u = aDec2[k]; aDec2[k] = aDec2[r]; aDec2[r] = u;
    }
    AccGraph *g = acc_graph_from_decimals(&ap[c], n, nPair, aO2, aD2, aDec2,
                                          aX);
    graphs_equal(a, g);
    acc_graph_free(g);
    /* grouped by origin, the origins in another order (a matrix whose
    ** origins were met as destinations first) */
    long k2 = 0;
    for (int r = 0; r < n; r++) {
      int i = (int)(((long)r * 1237) % n);         /* 1237 is prime to n */
      for (long k = 0; k < nPair; k++) {
        if (aO[k] != i) continue;
        aO2[k2] = aO[k];
        aD2[k2] = aD[k];
        aDec2[k2++] = aDec[k];
      }
    }
    assert_int_equal(k2, nPair);
    g = acc_graph_from_decimals(&ap[c], n, nPair, aO2, aD2, aDec2, aX);
    graphs_equal(a, g);
    acc_graph_free(a);
    acc_graph_free(b);
    acc_graph_free(g);
    free(aO2);
    free(aD2);
    free(aDec2);
  }
  free(aO);
  free(aD);
  free(aDec);
  free(aT);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fast_rows_agree_with_the_general_path),
    cmocka_unit_test(test_short_decimals_are_scan_double),
    cmocka_unit_test(test_number_writers_write_what_printf_writes),
    cmocka_unit_test(test_matrix_pairs_in_12_bytes_are_the_file),
    cmocka_unit_test(test_graph_from_decimals_in_any_order_is_the_same),
  };
  return cmocka_run_group_tests(tests, dir_setup, dir_teardown);
}
