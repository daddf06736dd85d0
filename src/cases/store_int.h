/*
** cases/store_int.h: helpers shared by the module's store files only.
*/
#ifndef OASIS_CASES_STORE_INT_H
#define OASIS_CASES_STORE_INT_H
#include "cases/cases.h"

/* Column i of the current row, copied into arena ("" for NULL). */
const char *case_col(Arena *arena, Stmt *q, int i);
/* Bind z, or NULL when z is NULL or empty (an unused filter). */
void case_bind_opt(Stmt *q, int i, const char *z);
/* Bit mask of the need codes in comma-separated zList. */
unsigned case_need_mask(const char *zList);
/* Room for element n of arena array a whose capacity is *pnCap (16 at
** first, doubled when full): a itself, or a larger copy of it. */
void *case_grow(Arena *arena, void *a, int n, int *pnCap, size_t nSize);
/* Reads the current row of q into the record at p (strings in arena). */
typedef void (*CaseRowReader)(Arena *arena, Stmt *q, void *p);
/* Bind id to ?1 of q and read its one row into p with xRead: 0, or
** ERR_NOTFOUND with message zMissing when there is no such row. */
int case_get_row(Stmt *q, int64_t id, Arena *arena, CaseRowReader xRead,
                 void *p, const char *zMissing, Err *err);
/* Every row of q read with xRead into a new arena array of records of
** nSize bytes; *pn gets the count, *pRc 0 or the step's failure. */
void *case_list_rows(Stmt *q, Arena *arena, CaseRowReader xRead,
                     size_t nSize, int *pn, int *pRc, Err *err);
/* A new 256-bit random token as 64 hex digits into zToken, and its
** SHA-256 (what the database keeps) into zHash. */
void case_token_new(char zToken[65], char zHash[65]);
/* SHA-256 of a well-formed token into zHash: 0, or -1 when zToken is not
** 64 lower-case hex digits (then nothing can match it). */
int case_token_hash(const char *zToken, char zHash[65]);
/* Set dossier id's last activity to now. */
int case_touch(Store *db, int64_t id, int64_t now, Err *err);

#endif
