/*
** tests/fuzz/fuzz_form.c: libFuzzer target for the form body parsers
** (web/form.c): urlencoded and multipart, with a fixed boundary.
**
** Build and run with `make fuzz` (all targets), or by hand:
**   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
**     $(pkg-config --cflags jansson) tests/fuzz/fuzz_form.c src/web/form.c \
**     src/base/arena.c src/base/str.c src/base/mem.c src/base/err.c \
**     -o build/fuzz_form && build/fuzz_form -max_total_time=60 tests/fuzz/form/
** Invariant checked beyond "no crash": every parsed name and value is
** valid UTF-8 (the parsers promise handlers never see anything else).
*/
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "web/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  Arena *arena = arena_new();
  Form f = {0}, g = {0};
  Err err = {0};
  if (form_parse_urlencoded(arena, (const char *)a, n, &f, &err) == 0) {
    for (int i = 0; i < f.nField; i++) {
      assert(utf8_valid(f.aField[i].zName, strlen(f.aField[i].zName)));
      assert(utf8_valid(f.aField[i].zValue, strlen(f.aField[i].zValue)));
    }
  }
  err_clear(&err);
  if (form_parse_multipart(arena, "multipart/form-data; boundary=b", (const char *)a,
                           n, &g, &err) == 0) {
    for (int i = 0; i < g.nField; i++) {
      assert(utf8_valid(g.aField[i].zValue, strlen(g.aField[i].zValue)));
    }
    for (int i = 0; i < g.nFile; i++) assert(g.aFile[i].nData <= n);
  }
  arena_free(arena);
  return 0;
}
