/*
** base/str.c: growable strings, UTF-8 validation, strict number parsing.
*/
#include "base/str.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static void str_reserve(Str *s, size_t nMore)
{
  xgrow((void **)&s->z, &s->nCap, s->n + nMore + 1, 1);
}

void str_append(Str *s, const char *z, size_t n)
{
  str_reserve(s, n);
  memcpy(s->z + s->n, z, n);
  s->n += n;
  s->z[s->n] = 0;
}

void str_appendz(Str *s, const char *z)
{
  str_append(s, z, strlen(z));
}

void str_appendc(Str *s, char c)
{
  str_reserve(s, 1);
  s->z[s->n++] = c;
  s->z[s->n] = 0;
}

void str_vappendf(Str *s, const char *zFmt, va_list ap)
{
  va_list ap2;
  va_copy(ap2, ap);
  char buf[256];
  int n = vsnprintf(buf, sizeof buf, zFmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  if ((size_t)n < sizeof buf) {
    str_append(s, buf, (size_t)n);
    return;
  }
  str_reserve(s, (size_t)n);
  vsnprintf(s->z + s->n, (size_t)n + 1, zFmt, ap);
  s->n += (size_t)n;
}

void str_appendf(Str *s, const char *zFmt, ...)
{
  va_list ap;
  va_start(ap, zFmt);
  str_vappendf(s, zFmt, ap);
  va_end(ap);
}

const char *str_text(const Str *s)
{
  return s->z ? s->z : "";
}

char *str_finish(Str *s)
{
  char *z = s->z ? s->z : xstrdup("");
  s->z = NULL;
  s->n = s->nCap = 0;
  return z;
}

void str_reset(Str *s)
{
  s->n = 0;
  if (s->z) s->z[0] = 0;
}

void str_free(Str *s)
{
  free(s->z);
  s->z = NULL;
  s->n = s->nCap = 0;
}

bool utf8_valid(const char *zIn, size_t n)
{
  const unsigned char *z = (const unsigned char *)zIn;
  size_t i = 0;
  while (i < n) {
    unsigned c = z[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    int nCont;
    unsigned min;
    if ((c & 0xE0) == 0xC0) {
      nCont = 1, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      nCont = 2, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      nCont = 3, min = 0x10000, c &= 0x07;
    } else {
      return false;
    }
    if (i + nCont >= n) return false;          /* truncated sequence */
    for (int k = 1; k <= nCont; k++) {
      if ((z[i + k] & 0xC0) != 0x80) return false;
      c = (c << 6) | (z[i + k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    i += nCont + 1;
  }
  return true;
}

bool str_starts(const char *z, const char *zPrefix)
{
  return strncmp(z, zPrefix, strlen(zPrefix)) == 0;
}

static int str_rest_blank(const char *z)
{
  while (*z == ' ' || *z == '\t') z++;
  return *z == 0;
}

int str_to_double(const char *z, double *p)
{
  char *zEnd;
  if (!z || !*z) return -1;
  errno = 0;
  double v = strtod(z, &zEnd);
  if (zEnd == z || errno == ERANGE || !str_rest_blank(zEnd)) return -1;
  if (v != v) return -1;                      /* NaN is not a number here */
  *p = v;
  return 0;
}

int str_to_long(const char *z, long *p)
{
  char *zEnd;
  if (!z || !*z) return -1;
  errno = 0;
  long v = strtol(z, &zEnd, 10);
  if (zEnd == z || errno == ERANGE || !str_rest_blank(zEnd)) return -1;
  *p = v;
  return 0;
}
