/*
** tests/fuzz/fuzz_scan.c: libFuzzer target for the fast reader of `oasis
** apl` (base/scan.c) and its number scanner.  The first byte picks the
** separator.  Invariants beyond "no crash": the reader always ends, every
** cell lies inside its row's bytes and is valid UTF-8, an error names a
** line; and scan_double() agrees with str_to_double() (strtod) on every
** cell, bit for bit -- a differential test of the exact scanner.
*/
#include <assert.h>
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

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  static const char azSep[] = {',', ';', '|', '\t'};
  if (n == 0) return 0;
  char cSep = azSep[a[0] % 4];
  Err err = {0};
  number_agrees((const char *)a + 1, n - 1);
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
