/*
** store/provenance.h: the import log every importer writes, so that each
** figure computed from imported rows can name the files it came from.
**
** An import opens a log row inside its own transaction (prov_log_begin),
** stores the returned id with every row, and closes it with the counts
** (prov_log_finish); a rolled-back import leaves no log row.
*/
#ifndef OASIS_STORE_PROVENANCE_H
#define OASIS_STORE_PROVENANCE_H
#include <stdint.h>

#include "base/err.h"
#include "base/str.h"
#include "store/store.h"

typedef struct ProvInfo ProvInfo;
struct ProvInfo {
  const char *zKind;      /* communes, cog, population, rpps, supply, ... */
  const char *zPath;      /* file read (its base name is logged) */
  const char *zSha256;    /* 64 hex digits */
  int vintage;            /* 0 when the kind has none */
  const char *zSource;    /* supply source name, or NULL */
};

/* sha256 of file zPath as 64 lowercase hex digits into zHex; 0 or ERR_IO. */
int prov_sha256_file(const char *zPath, char zHex[65], Err *err);
/* sha256 of a memory buffer, as hex. */
void prov_sha256_mem(const void *p, size_t n, char zHex[65]);

/* Insert the log row of a starting import (n_rows 0); its id, or < 0. */
int64_t prov_log_begin(Store *db, const ProvInfo *pInfo, Err *err);
/* Record counts, duration and a French note on log row id. */
int prov_log_finish(Store *db, int64_t id, long nRead, long nRows,
                    long nSkipped, double duration, const char *zNote,
                    Err *err);
/* Ids of earlier imports of the same kind, vintage and source (any vintage
** when isAnyVintage: communes, cog), i.e. the rows a re-import replaces,
** into *paId (malloc'd, caller frees); their count. */
int prov_previous(Store *db, const ProvInfo *pInfo, int64_t idNow,
                  int isAnyVintage, int64_t **paId);
/* Append "fichier (sha256 0894591e…, 35553 lignes, 2026-11-23T09:10:00Z)"
** for import id to s; nothing when id is unknown. */
void prov_describe(Store *db, int64_t id, Str *s);

#endif
