/*
** tests/fuzz/fuzz_aid.c: libFuzzer target for the aid catalogue file
** format (aids/aidfile.c), the one parser of text that people edit by
** hand.  Invariants beyond "no crash": a refused file names a line or
** the missing field, and leaves the catalogue unchanged; an accepted file is canonical after one
** write (write(parse(write(p))) == write(p)).
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aids/aids.h"
#include "base/mem.h"
#include "base/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  char *z = xmalloc(n + 1);
  memcpy(z, a, n);
  z[n] = 0;
  Err err = {0};
  AidCatalog *pCat = aid_catalog_new();
  if (aid_parse(pCat, "fuzz.aid", z, &err)) {
    assert(err.code == ERR_INPUT && (err.iLine >= 1 || err.zField[0]));
    assert(pCat->nScheme == 0);
  } else {
    assert(pCat->nScheme == 1);
    Str once = STR_INIT, twice = STR_INIT;
    aid_write(&once, &pCat->aScheme[0]);
    AidCatalog *pAgain = aid_catalog_new();
    Err err2 = {0};
    int rc = aid_parse(pAgain, "fuzz-again.aid", str_text(&once), &err2);
    assert(rc == 0);
    aid_write(&twice, &pAgain->aScheme[0]);
    assert(once.n == twice.n && !memcmp(str_text(&once), str_text(&twice),
                                        once.n));
    str_free(&once);
    str_free(&twice);
    aid_catalog_free(pAgain);
  }
  aid_catalog_free(pCat);
  free(z);
  return 0;
}
