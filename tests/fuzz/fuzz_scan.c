/*
** tests/fuzz/fuzz_scan.c: libFuzzer target for the fast reader of `oasis
** apl` (base/scan.c) and its number scanner.  The first byte picks the
** separator.  Invariants beyond "no crash": the reader always ends, every
** cell lies inside its row's bytes and is valid UTF-8, an error names a
** line; and scan_double() agrees with str_to_double() (strtod) on every
** cell, bit for bit -- a differential test of the exact scanner; the
** fast path of matrix rows (scan_next_fast) reads every row it takes as
** the general path does (keys, short decimal, line), and the number
** writers write what printf writes.
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/scan.h"
#include "base/str.h"

static void number_agrees(const char *z, size_t n)
{
  char *zCopy = malloc(n + 1);
  memcpy(zCopy, z, n);
  zCopy[n] = 0;
  double a = 0, b = 0;
  int ra = scan_double(z, n, &a);
  int rb = strlen(zCopy) == n ? str_to_double(zCopy, &b) : -1;
  if (strlen(zCopy) == n) {
    assert(ra == rb);
    assert(ra != 0 || memcmp(&a, &b, sizeof a) == 0);
  }
  free(zCopy);
}

/* The input read twice from the header on: general path only, and fast
** path first; every row must come out the same. */
static void fast_agrees(const char *z, size_t n, char cSep)
{
  Err err = {0};
  Scan *g = scan_open_mem("g.csv", z, n, cSep, &err);
  Scan *f = scan_open_mem("f.csv", z, n, cSep, &err);
  if (!g || !f || scan_header(g, &err) || scan_header(f, &err)) {
    scan_close(g);
    scan_close(f);
    return;
  }
  int iA = 0, iB = 1, iV = scan_header_count(g) - 1;
  for (;;) {
    uint64_t aA[8], aB[8];
    uint32_t aD[8];
    int k = scan_next_fast(f, iA, iB, iV, aA, aB, aD, 8);
    long iLast = scan_line(f);
    for (int q = 0; q < k; q++) {
      double x, y = scan_dec_value(aD[q]);
      assert(scan_next(g, &err) == SCAN_ROW);
      ScanCell a = scan_cell(g, iA), b = scan_cell(g, iB), v = scan_cell(g, iV);
      assert(scan_key(a.z, (size_t)a.n) == aA[q] && aA[q]);
      assert(scan_key(b.z, (size_t)b.n) == aB[q] && aB[q]);
      assert(scan_double(v.z, (size_t)v.n, &x) == 0);
      assert(memcmp(&x, &y, sizeof x) == 0);
      assert(scan_line(g) == iLast - (k - 1 - q));
    }
    if (k) continue;
    int rf = scan_next(f, &err), rg = scan_next(g, &err);
    assert(rf == rg);
    if (rf != SCAN_ROW) break;
    assert(scan_line(f) == scan_line(g));
  }
  scan_close(g);
  scan_close(f);
}

/* The writers against printf on the 8 bytes at a as a double. */
static void writers_agree(const uint8_t *a, size_t n)
{
  if (n < 9) return;
  double v;
  char zA[SCAN_FMT_MAX], zB[SCAN_FMT_MAX];
  memcpy(&v, a, sizeof v);
  if (!isfinite(v)) return;
  int nDec = a[8] % 10;
  snprintf(zA, sizeof zA, "%.*f", nDec, v);
  scan_fmt_fixed(v, nDec, zB);
  assert(strcmp(zA, zB) == 0);
  /* the former writer: %.15g, %.16g, %.17g until it reads back (a
  ** subnormal never does: scan_double refuses it, as strtod says ERANGE) */
  if (v == (double)(long long)v && v > -1e15 && v < 1e15) {
    snprintf(zA, sizeof zA, "%lld", (long long)v);
  } else {
    for (int p = 15; p <= 17; p++) {
      double w;
      int k = snprintf(zA, sizeof zA, "%.*g", p, v);
      if (scan_double(zA, (size_t)k, &w) == 0 && w == v) break;
    }
  }
  scan_fmt_shortest(v, zB);
  assert(strcmp(zA, zB) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  static const char azSep[] = {',', ';', '|', '\t'};
  if (n == 0) return 0;
  char cSep = azSep[a[0] % 4];
  Err err = {0};
  number_agrees((const char *)a + 1, n - 1);
  fast_agrees((const char *)a + 1, n - 1, cSep);
  writers_agree(a, n);
  Scan *s = scan_open_mem("fuzz.csv", (const char *)a + 1, n - 1, cSep, &err);
  if (!s) {
    assert(err.code != 0 && err.iLine >= 1);
    return 0;
  }
  int rc = scan_header(s, &err);
  while (rc >= 0 && (rc = scan_next(s, &err)) == SCAN_ROW) {
    for (int i = 0; i < 4; i++) {
      ScanCell c = scan_cell(s, i);
      assert(c.n >= 0 && utf8_valid(c.z, (size_t)c.n));
      number_agrees(c.z, (size_t)c.n);
    }
    assert(scan_line(s) >= 1);
  }
  if (rc < 0) assert(err.code == rc && err.iLine >= 1);
  scan_close(s);
  return 0;
}
