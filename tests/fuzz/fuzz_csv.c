/*
** tests/fuzz/fuzz_csv.c: libFuzzer target for the CSV reader (base/csv.c),
** which every importer stands on.  The first byte picks the separator.
** Invariants beyond "no crash": every row handed out is valid UTF-8, the
** reader always ends (CSV_END or an error), and an error names a line.
*/
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  static const char azSep[] = {',', ';', '|', '\t'};
  if (n == 0) return 0;
  char cSep = azSep[a[0] % 4];
  Err err = {0};
  CsvReader *r = csv_open_mem("fuzz.csv", (const char *)a + 1, n - 1, cSep);
  int rc = csv_read_header(r, &err);
  while (rc >= 0 && (rc = csv_next_row(r, &err)) == CSV_ROW) {
    for (int i = 0; i < csv_ncell(r); i++) {
      const char *z = csv_cell(r, i);
      assert(utf8_valid(z, strlen(z)));
    }
    assert(csv_line(r) >= 1);
  }
  if (rc < 0) assert(err.code == rc && err.iLine >= 1);
  csv_close(r);
  return 0;
}
