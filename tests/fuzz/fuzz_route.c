/*
** tests/fuzz/fuzz_route.c: libFuzzer target for the request path and the
** query string: the input's first line is a path matched against every
** route of the application (web/route.c route_match, the tables of
** app/registry.c), the rest a query string decoded as the server decodes
** form values (web/form.c).
** Invariants beyond "no crash": a match gives at most 8 arguments, each a
** non-empty piece of the path; a decoded value is as long as it says and
** never longer than its source.
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "web/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  const char *zNl = memchr(a, '\n', n);
  size_t nPath = zNl ? (size_t)(zNl - (const char *)a) : n;
  Arena *arena = arena_new();
  char *zPath = arena_strndup(arena, (const char *)a, nPath);
  for (int t = 0; app_route_tables[t]; t++) {
    for (const Route *r = app_route_tables[t]; r->zMethod; r++) {
      Field aArg[8];
      int nArg = 0;
      if (route_match(r->zPattern, zPath, arena, aArg, 8, &nArg)) {
        assert(nArg >= 0 && nArg <= 8);
        for (int i = 0; i < nArg; i++) {
          assert(aArg[i].zValue[0]);
          assert(strstr(zPath, aArg[i].zValue));
        }
      }
    }
  }
  if (zNl) {
    const char *zQuery = zNl + 1;
    size_t nQuery = n - nPath - 1;
    while (nQuery > 0) {
      const char *zAmp = memchr(zQuery, '&', nQuery);
      size_t nPart = zAmp ? (size_t)(zAmp - zQuery) : nQuery;
      char *zOut = NULL;
      size_t nOut = 0;
      if (form_decode(arena, zQuery, nPart, &zOut, &nOut) == 0) {
        assert(nOut <= nPart);
        assert(memchr(zOut, 0, nOut + 1) != NULL);
      }
      if (!zAmp) break;
      nQuery -= nPart + 1;
      zQuery = zAmp + 1;
    }
  }
  arena_free(arena);
  return 0;
}
