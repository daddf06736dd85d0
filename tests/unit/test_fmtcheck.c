/*
** tests/unit/test_fmtcheck.c: tools/fmtcheck reports exactly the bad calls
** of tests/fmtcheck/bad.c (lines marked EXPECT) and passes the real
** sources of the web module.  Run from the repository root (make unit).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FMTCHECK_NO_MAIN
#include "../../tools/fmtcheck.c"

#define BAD_FIXTURE "tests/fmtcheck/bad.c"

/* Run fmtcheck_file() on zPath with stdout captured into zOut. */
static int run_captured(const char *zPath, char *zOut, size_t nOut)
{
  char zTmp[] = "/tmp/fmtcheck-XXXXXX";
  int fd = mkstemp(zTmp);
  int saved, n;
  size_t nRead;
  FILE *f;
  assert_true(fd >= 0);
  fflush(stdout);
  saved = dup(1);
  dup2(fd, 1);
  n = fmtcheck_file(zPath);
  fflush(stdout);
  dup2(saved, 1);
  close(saved);
  close(fd);
  f = fopen(zTmp, "rb");
  assert_non_null(f);
  nRead = fread(zOut, 1, nOut - 1, f);
  zOut[nRead] = 0;
  fclose(f);
  unlink(zTmp);
  return n;
}

/* Set aLine[k] = 1 for each line of zPath whose text holds zMarker. */
static int lines_marked(const char *zPath, const char *zMarker, char *aLine,
                        int nLine)
{
  FILE *f = fopen(zPath, "rb");
  char zBuf[512];
  int line = 0, n = 0;
  assert_non_null(f);
  while (fgets(zBuf, sizeof zBuf, f)) {
    line++;
    assert_true(line < nLine);
    if (strstr(zBuf, zMarker) && !strstr(zBuf, "marker comment")) {
      aLine[line] = 1;
      n++;
    }
  }
  fclose(f);
  return n;
}

static void test_reports_exactly_the_marked_calls(void **state)
{
  static char zOut[16384];
  char aWant[200] = {0}, aGot[200] = {0};
  int nWant, nGot = 0;
  (void)state;
  nWant = lines_marked(BAD_FIXTURE, "/* EXPECT */", aWant, 200);
  assert_true(nWant >= 10);
  assert_int_equal(run_captured(BAD_FIXTURE, zOut, sizeof zOut), nWant);
  for (char *z = zOut; (z = strstr(z, BAD_FIXTURE ":")); z++) {
    int line = atoi(z + strlen(BAD_FIXTURE ":"));
    assert_true(line > 0 && line < 200);
    aGot[line] = 1;
    nGot++;
  }
  assert_int_equal(nGot, nWant);
  for (int i = 0; i < 200; i++) {
    if (aWant[i] != aGot[i]) print_error("line %d: want %d got %d\n", i,
                                         aWant[i], aGot[i]);
    assert_int_equal(aWant[i], aGot[i]);
  }
}

static void test_messages_name_the_problem(void **state)
{
  static char zOut[16384];
  (void)state;
  run_captured(BAD_FIXTURE, zOut, sizeof zOut);
  assert_non_null(strstr(zOut, "must be a string literal"));
  assert_non_null(strstr(zOut, "neither a literal nor marked"));
  assert_non_null(strstr(zOut, "1 conversion(s) but 2 argument(s)"));
  assert_non_null(strstr(zOut, "unknown conversion"));
}

static void test_web_sources_pass(void **state)
{
  static char zOut[16384];
  static const char *azFile[] = {"src/web/html.c", "src/web/layout.c",
                                 "src/web/pages.c", "src/web/assets.c"};
  (void)state;
  for (size_t i = 0; i < sizeof azFile / sizeof azFile[0]; i++) {
    int n = run_captured(azFile[i], zOut, sizeof zOut);
    if (n) print_error("%s", zOut);
    assert_int_equal(n, 0);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_reports_exactly_the_marked_calls),
    cmocka_unit_test(test_messages_name_the_problem),
    cmocka_unit_test(test_web_sources_pass),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
