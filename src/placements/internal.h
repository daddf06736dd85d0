/*
** placements/internal.h: helpers shared by the placements module's files.
*/
#ifndef OASIS_PLACEMENTS_INTERNAL_H
#define OASIS_PLACEMENTS_INTERNAL_H
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

/* Column i of the current row copied into a ("" for NULL). */
char *pl_col(Arena *a, Stmt *q, int i);
/* Bind z, or NULL when z is NULL or "". */
void pl_bind_opt(Stmt *q, int i, const char *z);
/* Make room in arena array *pa (n elements used) for element n. */
void pl_grow(void **pa, int n, size_t nSize, Arena *a);
/* Parse required dates zStart/zEnd (fields "start_on"/"end_on") into day
** numbers; end before start refused on "end_on". */
int pl_dates(const char *zStart, const char *zEnd, int *pStart, int *pEnd,
             Err *err);

#endif
