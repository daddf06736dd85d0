/*
** base/str.h: a growable string builder and small string utilities.
*/
#ifndef OASIS_BASE_STR_H
#define OASIS_BASE_STR_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct Str Str;
struct Str {
  char *z;          /* always NUL-terminated once anything was appended */
  size_t n;         /* length, without the NUL */
  size_t nCap;      /* allocated bytes */
};
#define STR_INIT {0, 0, 0}

void str_append(Str *s, const char *z, size_t n);
void str_appendz(Str *s, const char *z);
void str_appendc(Str *s, char c);
void str_appendf(Str *s, const char *zFmt, ...)
    __attribute__((format(printf, 2, 3)));
void str_vappendf(Str *s, const char *zFmt, va_list ap);
/* Text of s (never NULL, "" when empty).  Borrowed from s. */
const char *str_text(const Str *s);
/* Hand the buffer to the caller (free() it); s is reset to empty. */
char *str_finish(Str *s);
void str_reset(Str *s);
void str_free(Str *s);

/* True when z[0..n-1] is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *z, size_t n);
/* True when z starts with zPrefix. */
bool str_starts(const char *z, const char *zPrefix);
/* strtod/strtol that accept the whole of z only (leading/trailing spaces
** allowed); 0 on success, -1 when z is not a number. */
int str_to_double(const char *z, double *p);
int str_to_long(const char *z, long *p);

#endif
