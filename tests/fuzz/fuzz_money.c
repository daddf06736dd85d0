/*
** tests/fuzz/fuzz_money.c: libFuzzer target for the money parser and
** formatter (base/money.c).  Invariants: a parsed amount is within
** MONEY_MAX_CENTS and, formatted then parsed again, gives the same cents;
** a refusal always says why.
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  char *z = malloc(n + 1);
  memcpy(z, a, n);
  z[n] = 0;
  for (int isSigned = 0; isSigned < 2; isSigned++) {
    int64_t c = 0, c2 = 0;
    const char *zWhy = NULL;
    if (money_parse(z, isSigned, &c, &zWhy) == 0) {
      assert(c <= MONEY_MAX_CENTS && c >= -MONEY_MAX_CENTS);
      assert(isSigned || c >= 0);
      char zOut[64];
      money_format(c, zOut, sizeof zOut);
      assert(money_parse(zOut, 1, &c2, &zWhy) == 0);
      assert(c2 == c);
    } else {
      assert(zWhy && zWhy[0]);
    }
  }
  free(z);
  return 0;
}
