/*
** store/provenance.c: import_log helpers shared by every importer.
**
** Only the log: which rows an import replaces is the importer's business.
*/
#include "store/provenance.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static void prov_hex(const unsigned char *a, char zHex[65])
{
  static const char zDigit[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) {
    zHex[2 * i] = zDigit[a[i] >> 4];
    zHex[2 * i + 1] = zDigit[a[i] & 15];
  }
  zHex[64] = 0;
}

int prov_sha256_file(const char *zPath, char zHex[65], Err *err)
{
  FILE *in = fopen(zPath, "rb");
  if (!in) return err_at(err, ERR_IO, zPath, 0, 0, NULL, "fichier illisible");
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  unsigned char *aBuf = xmalloc(1 << 16);
  size_t n;
  while ((n = fread(aBuf, 1, 1 << 16, in)) > 0) {
    crypto_hash_sha256_update(&st, aBuf, n);
  }
  int isBad = ferror(in);
  fclose(in);
  free(aBuf);
  if (isBad) return err_at(err, ERR_IO, zPath, 0, 0, NULL, "lecture impossible");
  unsigned char aOut[32];
  crypto_hash_sha256_final(&st, aOut);
  prov_hex(aOut, zHex);
  return 0;
}

void prov_sha256_mem(const void *p, size_t n, char zHex[65])
{
  unsigned char aOut[32];
  crypto_hash_sha256(aOut, p, n);
  prov_hex(aOut, zHex);
}

static const char *prov_basename(const char *zPath)
{
  const char *z = strrchr(zPath, '/');
  return z && z[1] ? z + 1 : zPath;
}

int64_t prov_log_begin(Store *db, const ProvInfo *pInfo, Err *err)
{
  Stmt *q = store_stmt(db,
      "INSERT INTO import_log(kind, file_name, sha256, n_rows, vintage, source)"
      " VALUES (?1, ?2, ?3, 0, ?4, ?5)");
  store_bind_list(q, STORE_V(pInfo->zKind),
                  STORE_V(prov_basename(pInfo->zPath)),
                  STORE_V(pInfo->zSha256));
  if (pInfo->vintage) {
    store_bind_int(q, 4, pInfo->vintage);
  } else {
    store_bind_null(q, 4);
  }
  store_bind_text(q, 5, pInfo->zSource);
  int rc = store_exec(q, err);
  if (rc) return rc;
  return store_last_id(db);
}

int prov_log_finish(Store *db, int64_t id, long nRead, long nRows,
                    long nSkipped, double duration, const char *zNote,
                    Err *err)
{
  Stmt *q = store_stmt(db,
      "UPDATE import_log SET n_read = ?2, n_rows = ?3, n_skipped = ?4,"
      " duration_s = ?5, note = ?6 WHERE id = ?1");
  store_bind_list(q, STORE_V(id), STORE_V(nRead), STORE_V(nRows),
                  STORE_V(nSkipped), STORE_V(duration),
                  STORE_V(zNote && zNote[0] ? zNote : NULL));
  return store_exec(q, err);
}

int prov_previous(Store *db, const ProvInfo *pInfo, int64_t idNow,
                  int isAnyVintage, int64_t **paId)
{
  Stmt *q = store_stmt(db,
      "SELECT id FROM import_log WHERE kind = ?1"
      " AND (?5 OR vintage IS ?2) AND source IS ?3 AND id <> ?4 ORDER BY id");
  store_bind_int(q, 5, isAnyVintage);
  store_bind_text(q, 1, pInfo->zKind);
  if (pInfo->vintage) {
    store_bind_int(q, 2, pInfo->vintage);
  } else {
    store_bind_null(q, 2);
  }
  store_bind_text(q, 3, pInfo->zSource);
  store_bind_int(q, 4, idNow);
  size_t nCap = 0;
  int n = 0;
  *paId = NULL;
  Err err = {0};
  while (store_step(q, &err) == 1) {
    xgrow((void **)paId, &nCap, (size_t)n + 1, sizeof(int64_t));
    (*paId)[n++] = store_col_int(q, 0);
  }
  return n;
}

void prov_describe(Store *db, int64_t id, Str *s)
{
  Stmt *q = store_stmt(db,
      "SELECT file_name, sha256, n_rows, imported_at FROM import_log"
      " WHERE id = ?1");
  store_bind_int(q, 1, id);
  Err err = {0};
  if (store_step(q, &err) == 1) {
    str_appendf(s, "%s (sha256 %.16s…, %lld lignes, %s)",
                store_col_text(q, 0), store_col_text(q, 1),
                (long long)store_col_int(q, 2), store_col_text(q, 3));
    store_reset(q);
  }
}
