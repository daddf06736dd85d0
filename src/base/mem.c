/*
** base/mem.c: the only place that handles out-of-memory (by aborting).
*/
#include "base/mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef OASIS_DEBUG
#include <stdatomic.h>
static atomic_long nAlloc;
static long nFailAt = -1;       /* from OASIS_FAIL_ALLOC, read once */

static void mem_fault_check(void)
{
  if (nFailAt < 0) {
    const char *z = getenv("OASIS_FAIL_ALLOC");
    nFailAt = z ? atol(z) : 0;
  }
  if (nFailAt > 0 && atomic_fetch_add(&nAlloc, 1) + 1 == nFailAt) {
    fprintf(stderr, "oasis: injected allocation failure #%ld\n", nFailAt);
    abort();
  }
}
#else
#define mem_fault_check() ((void)0)
#endif

static void *mem_check(void *p, size_t n)
{
  if (!p && n) {
    fprintf(stderr, "oasis: out of memory (%zu bytes)\n", n);
    abort();
  }
  return p;
}

void *xmalloc(size_t n)
{
  mem_fault_check();
  return mem_check(malloc(n ? n : 1), n ? n : 1);
}

void *xcalloc(size_t nElem, size_t nSize)
{
  mem_fault_check();
  if (!nElem || !nSize) nElem = nSize = 1;
  return mem_check(calloc(nElem, nSize), nElem * nSize);
}

void *xrealloc(void *p, size_t n)
{
  mem_fault_check();
  return mem_check(realloc(p, n ? n : 1), n ? n : 1);
}

char *xprintf(const char *zFmt, ...)
{
  va_list ap;
  va_start(ap, zFmt);
  int n = vsnprintf(NULL, 0, zFmt, ap);
  va_end(ap);
  char *z = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
  va_start(ap, zFmt);
  vsnprintf(z, (size_t)(n < 0 ? 0 : n) + 1, zFmt, ap);
  va_end(ap);
  return z;
}

char *xstrdup(const char *z)
{
  return z ? xstrndup(z, strlen(z)) : NULL;
}

char *xstrndup(const char *z, size_t n)
{
  char *p = xmalloc(n + 1);
  memcpy(p, z, n);
  p[n] = 0;
  return p;
}

void xgrow(void **pa, size_t *pnCap, size_t nNeed, size_t nSize)
{
  if (nNeed <= *pnCap) return;
  size_t nNew = *pnCap ? *pnCap * 2 : 16;
  while (nNew < nNeed) nNew *= 2;
  *pa = xrealloc(*pa, nNew * nSize);
  *pnCap = nNew;
}
