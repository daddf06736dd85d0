/*
** base/mem.h: allocation that never returns NULL.
**
** Out of memory aborts here, in one place (as Redis and Fossil do), so no
** caller tests for NULL.  Debug builds honour OASIS_FAIL_ALLOC=N: the Nth
** allocation then aborts as if memory ran out, for fault-injection runs.
*/
#ifndef OASIS_BASE_MEM_H
#define OASIS_BASE_MEM_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nElem, size_t nSize);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *z);
char *xstrndup(const char *z, size_t n);
/* printf into a new string; the caller frees it. */
char *xprintf(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
/* Grow *pa (of *pnCap elements of nSize bytes) to hold at least nNeed. */
void xgrow(void **pa, size_t *pnCap, size_t nNeed, size_t nSize);

#endif
