/*
** tests/unit/test_access_scan.c: the fast ingestion of `oasis apl` --
** scan_double() against strtod (through str_to_double, same acceptance)
** on hand-picked edge cases and on a million generated decimals, bit for
** bit; the in-place reader (quotes, CRLF, BOM, blank lines, positions of
** errors); the binary matrix cache (hit, and parsed again once the file
** changes).
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
#include <unistd.h>

#include "base/scan.h"
#include "base/str.h"
#include "observatory/apl_run.h"
#include "test_access_dir.h"

/* scan_double and str_to_double agree on z: same verdict, same bits. */
static void agree(const char *z)
{
  double a = 0, b = 0;
  int ra = scan_double(z, strlen(z), &a);
  int rb = str_to_double(z, &b);
  if (ra != rb || (ra == 0 && memcmp(&a, &b, sizeof a))) {
    print_error("« %s »: scan %d %.17g, strtod %d %.17g\n", z, ra, a, rb, b);
    fail();
  }
}

static void test_scan_double_edge_cases(void **state)
{
  (void)state;
  static const char *const az[] = {
    "0", "-0", "+0", "0.0", "00012", "5", "+5", "-5", "  7  ", "\t8\t",
    ".5", "5.", "-.5", "0.1", "0.2", "0.3", "12.34", "1e3", "1E3", "1e+3",
    "1e-3", "2.5e-7", "123456789", "9007199254740992", "9007199254740993",
    "9007199254740995", "18446744073709551615", "18446744073709551616",
    "1234567890123456789", "12345678901234567890",
    "0.1234567890123456789012345", "3.14159265358979323846264338",
    "1e22", "1e23", "9e22", "1e-22", "1e-23", "4.35e-22", "1e308", "1.8e308",
    "1e309", "1e-320", "4.9e-324", "2e-324", "1e-400", "2.2250738585072011e-308",
    "2.2250738585072014e-308", "1.7976931348623157e308", "0e999999",
    "1e999999999999", "inf", "-inf", "nan", "NaN", "infinity", "0x10",
    "0x1p3", "", " ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5",
    "12min", "5 5", "--5", "1e5x", "0.000000000000000000000000000001",
    "100000000000000000000000", "9.999999999999999e22", "19.999", "20.001"};
  for (size_t k = 0; k < sizeof az / sizeof az[0]; k++) agree(az[k]);
}

static uint64_t gSeed = 88172645463325252ULL;
static uint64_t rnd64(void)
{
  gSeed ^= gSeed << 13;
  gSeed ^= gSeed >> 7;
  gSeed ^= gSeed << 17;
  return gSeed;
}

static void test_scan_double_matches_strtod_on_many_values(void **state)
{
  (void)state;
  char z[80];
  for (int k = 0; k < 1000000; k++) {
    switch (k % 5) {
    case 0: {                              /* any finite double, shortest */
      uint64_t u = rnd64();
      double v;
      memcpy(&v, &u, sizeof v);
      if (!isfinite(v)) continue;
      snprintf(z, sizeof z, "%.17g", v);
      break;
    }
    case 1:                                /* minutes as routers write them */
      snprintf(z, sizeof z, "%.*f", (int)(rnd64() % 4),
               (double)(rnd64() % 1000000) / 1000.0);
      break;
    case 2: {                              /* 1 to 25 digits, point anywhere */
      int n = 1 + (int)(rnd64() % 25), iDot = (int)(rnd64() % (n + 1));
      char *p = z;
      if (rnd64() & 1) *p++ = '-';
      for (int i = 0; i < n; i++) {
        if (i == iDot) *p++ = '.';
        *p++ = (char)('0' + rnd64() % 10);
      }
      if (rnd64() % 3 == 0) {
        p += sprintf(p, "e%d", (int)(rnd64() % 80) - 40);
      }
      *p = 0;
      break;
    }
    case 3:                                /* integers up to 2^64 */
      snprintf(z, sizeof z, "%llu", (unsigned long long)(rnd64() >>
                                                         (rnd64() % 64)));
      break;
    default:                               /* a double in %.15g and %e */
      snprintf(z, sizeof z, k & 1 ? "%.15g" : "%.10e",
               (double)(rnd64() % 100000000) / (double)(1 + rnd64() % 9999));
    }
    agree(z);
  }
}


static const char *put(const char *zName, const char *z, size_t n,
                       char *zPath)
{
  snprintf(zPath, 128, "%s/%s", gaDir, zName);
  FILE *f = fopen(zPath, "wb");
  assert_non_null(f);
  fwrite(z, 1, n, f);
  fclose(f);
  return zPath;
}

static int cell_is(const Scan *s, int i, const char *z)
{
  ScanCell c = scan_cell(s, i);
  return (size_t)c.n == strlen(z) && !memcmp(c.z, z, (size_t)c.n);
}

static void test_reader_quotes_crlf_bom_blank_lines(void **state)
{
  (void)state;
  char p[128];
  static const char z[] =
      "\xEF\xBB\xBF" "id;nom;v\r\n"
      "A;\"Saint-Martin; \"\"le haut\"\"\";1.5\r\n"
      "\r\n"
      "B;\"deux\nlignes\";2\n"
      "\n"
      "C;;\n"
      "LONGCODE123456789;une commune au nom assez long;3.25\r\n"
      "D;x";
  Err err = {0};
  Scan *s = scan_open(put("q.csv", z, sizeof z - 1, p), 0, &err);
  assert_non_null(s);
  assert_int_equal(scan_header(s, &err), 0);
  assert_int_equal(scan_col(s, "v"), 2);
  assert_int_equal(scan_next(s, &err), SCAN_ROW);
  assert_true(cell_is(s, 1, "Saint-Martin; \"le haut\""));
  assert_true(cell_is(s, 2, "1.5"));
  assert_int_equal(scan_line(s), 2);
  assert_int_equal(scan_next(s, &err), SCAN_ROW);
  assert_true(cell_is(s, 1, "deux\nlignes"));
  assert_int_equal(scan_line(s), 4);
  assert_int_equal(scan_next(s, &err), SCAN_ROW);
  assert_int_equal(scan_line(s), 7);
  assert_true(cell_is(s, 1, "") && cell_is(s, 2, "") && cell_is(s, 7, ""));
  assert_int_equal(scan_next(s, &err), SCAN_ROW);
  assert_int_equal(scan_line(s), 8);
  assert_true(cell_is(s, 0, "LONGCODE123456789"));
  assert_true(cell_is(s, 1, "une commune au nom assez long"));
  assert_true(cell_is(s, 2, "3.25"));
  assert_int_equal(scan_next(s, &err), SCAN_ROW);
  assert_true(cell_is(s, 0, "D") && cell_is(s, 1, "x"));
  assert_int_equal(scan_next(s, &err), SCAN_END);
  scan_close(s);

  /* not UTF-8: refused at open, with the line */
  s = scan_open(put("l1.csv", "id,nom\nA,ok\nB,caf\xe9\n", 19, p), 0, &err);
  assert_null(s);
  assert_int_equal(err.code, ERR_INPUT);
  assert_int_equal(err.iLine, 3);
}

/* The matrix of n rows c<i>,c<j>,<t> with t offset by dt. */
static const char *matrix_file(const char *zName, double dt, char *zPath)
{
  Str s = STR_INIT;
  str_appendz(&s, "origin,destination,minutes\n");
  for (int i = 0; i < 30; i++) {
    for (int j = 0; j < 30; j += 1 + i % 3) {
      str_appendf(&s, "c%d,c%d,%.2f\n", i, j, (i * 7 + j * 3) % 25 + dt);
    }
  }
  put(zName, str_text(&s), s.n, zPath);
  str_free(&s);
  return zPath;
}

static void load(AplModel *m, const char *zPath, const char *zDir)
{
  Err err = {0};
  apl_model_init(m);
  m->zCacheDir = zDir;
  assert_int_equal(apl_load_matrix(m, zPath, &err), 0);
}

static void test_matrix_cache_hit_and_invalidated_by_a_change(void **state)
{
  (void)state;
  char p[128], zCache[128];
  AplModel a, b, c, d;
  snprintf(zCache, sizeof zCache, "%s/cache", gaDir);
  assert_int_equal(mkdir(zCache, 0700), 0);
  matrix_file("mx.csv", 0.25, p);
  load(&a, p, zCache);
  assert_int_equal(a.cacheState, APL_CACHE_WRITTEN);
  load(&b, p, zCache);
  assert_int_equal(b.cacheState, APL_CACHE_HIT);
  assert_int_equal(a.nPair, b.nPair);
  assert_int_equal(a.nodes.n, b.nodes.n);
  for (int i = 0; i < a.nodes.n; i++) {
    assert_string_equal(a.nodes.azCode[i], b.nodes.azCode[i]);
  }
  assert_memory_equal(a.aOrigin, b.aOrigin, sizeof(int) * (size_t)a.nPair);
  assert_memory_equal(a.aDest, b.aDest, sizeof(int) * (size_t)a.nPair);
  assert_memory_equal(a.aTime, b.aTime, sizeof(uint32_t) * (size_t)a.nPair);
  assert_int_equal(a.nTimeX, b.nTimeX);
  for (long k = 0; k < a.nPair; k++) {
    assert_true(apl_minutes(&a, k) == apl_minutes(&b, k));
  }
  /* same path, same size, other content: parsed again, new values */
  matrix_file("mx.csv", 0.75, p);
  load(&c, p, zCache);
  assert_int_equal(c.cacheState, APL_CACHE_WRITTEN);
  assert_true(apl_minutes(&c, 0) == apl_minutes(&a, 0) + 0.5);
  load(&d, p, zCache);
  assert_int_equal(d.cacheState, APL_CACHE_HIT);
  assert_true(apl_minutes(&d, 0) == apl_minutes(&c, 0));
  /* a corrupt cache file is a miss, not a wrong answer */
  char cmd[300];
  snprintf(cmd, sizeof cmd, "for f in %s/*.bin; do truncate -s 100 $f; done",
           zCache);
  assert_int_equal(system(cmd), 0);
  apl_model_free(&d);
  load(&d, p, zCache);
  assert_int_equal(d.cacheState, APL_CACHE_WRITTEN);
  assert_int_equal(d.nPair, c.nPair);
  apl_model_free(&a);
  apl_model_free(&b);
  apl_model_free(&c);
  apl_model_free(&d);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_scan_double_edge_cases),
    cmocka_unit_test(test_scan_double_matches_strtod_on_many_values),
    cmocka_unit_test(test_reader_quotes_crlf_bom_blank_lines),
    cmocka_unit_test(test_matrix_cache_hit_and_invalidated_by_a_change),
  };
  return cmocka_run_group_tests(tests, dir_setup, dir_teardown);
}
