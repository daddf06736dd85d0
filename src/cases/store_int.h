/*
** cases/store_int.h: helpers shared by the module's store files only.
*/
#ifndef OASIS_CASES_STORE_INT_H
#define OASIS_CASES_STORE_INT_H
#include "cases/cases.h"

/* Bit mask of the need codes in comma-separated zList. */
unsigned case_need_mask(const char *zList);
/* A new 256-bit random token as 64 hex digits into zToken, and its
** SHA-256 (what the database keeps) into zHash. */
void case_token_new(char zToken[65], char zHash[65]);
/* SHA-256 of a well-formed token into zHash: 0, or -1 when zToken is not
** 64 lower-case hex digits (then nothing can match it). */
int case_token_hash(const char *zToken, char zHash[65]);
/* The id that literal zSql selects with ?1 = the SHA-256 of zToken and
** ?2 = now; 0 when zToken is malformed or nothing matches. */
int64_t case_token_find(Store *db, const char *zSql, const char *zToken,
                        int64_t now);
/* Run literal zSql, an UPDATE revoking the token of record ?1 at ?2 = now. */
int case_token_revoke(Store *db, const char *zSql, int64_t id, int64_t now,
                      Err *err);
/* Set dossier id's last activity to now. */
int case_touch(Store *db, int64_t id, int64_t now, Err *err);

#endif
