/*
** base/str_file.c: the whole of an open file into a string builder.
*/
#include "base/str_file.h"

size_t str_append_file(Str *s, FILE *in)
{
  char aBuf[65536];
  size_t n, nAll = 0;
  while ((n = fread(aBuf, 1, sizeof aBuf, in)) > 0) {
    str_append(s, aBuf, n);
    nAll += n;
  }
  return nAll;
}
