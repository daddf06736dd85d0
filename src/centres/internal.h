/*
** centres/internal.h: helpers shared by the centres module's files only.
*/
#ifndef OASIS_CENTRES_INTERNAL_H
#define OASIS_CENTRES_INTERNAL_H
#include <stddef.h>

#include "base/arena.h"
#include "store/store.h"

/* Column i of the current row copied into a ("" for NULL). */
char *ctr_col(Arena *a, Stmt *q, int i);
/* Bind z, or NULL when z is NULL or "". */
void ctr_bind_opt(Stmt *q, int i, const char *z);
/* Make room in arena array *pa (n elements used) for element n. */
void ctr_grow(void **pa, int n, size_t nSize, Arena *a);

#endif
