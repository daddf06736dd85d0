/*
** store/store.c: connection, statement cache, transactions, backup.
*/
#include "store/store.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/mem.h"

#define STORE_MIN_SQLITE 3035000   /* RETURNING, DROP COLUMN, math functions */

typedef struct CachedStmt CachedStmt;
struct CachedStmt {
  char *zSql;           /* a copy of the text: the cache key */
  Stmt *q;
};

struct Store {
  sqlite3 *db;
  char *zPath;
  CachedStmt *aCache;
  size_t nCache, nCacheCap;
  int nDepth;           /* open transactions (outermost + savepoints) */
  const char *zOpenFile;  /* who opened the outermost transaction */
  int iOpenLine;
};

static int store_db_err(Store *db, Err *err, const char *zWhat)
{
  log_error("sqlite: %s: %s", zWhat, sqlite3_errmsg(db->db));
  return err_set(err, ERR_DB, "erreur de la base de données (%s)",
                 sqlite3_errstr(sqlite3_extended_errcode(db->db)));
}

Store *store_open(const char *zPath, Err *err)
{
  if (sqlite3_libversion_number() < STORE_MIN_SQLITE) {
    err_set(err, ERR_DB, "SQLite %s est trop ancien (3.35 au moins)",
            sqlite3_libversion());
    return NULL;
  }
  Store *db = xcalloc(1, sizeof *db);
  db->zPath = xstrdup(zPath);
  int rc = sqlite3_open_v2(zPath, &db->db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                           SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    err_set(err, ERR_DB, "impossible d'ouvrir la base %s : %s", zPath,
            db->db ? sqlite3_errmsg(db->db) : sqlite3_errstr(rc));
    store_close(db);
    return NULL;
  }
  sqlite3_busy_timeout(db->db, 5000);
  sqlite3_extended_result_codes(db->db, 1);
  /* secure_delete: erased personal data is overwritten with zeros, not
  ** left in free pages of the file (GDPR erasure). */
  if (store_exec_sql(db, "PRAGMA journal_mode=WAL;"
                         "PRAGMA synchronous=NORMAL;"
                         "PRAGMA foreign_keys=ON;"
                         "PRAGMA secure_delete=ON;", err) ||
      store_migrate(db, err)) {
    store_close(db);
    return NULL;
  }
  return db;
}

void store_close(Store *db)
{
  if (!db) return;
  for (size_t i = 0; i < db->nCache; i++) {
    sqlite3_finalize(db->aCache[i].q);
    free(db->aCache[i].zSql);
  }
  free(db->aCache);
  if (db->db) {
    sqlite3_wal_checkpoint_v2(db->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                              NULL, NULL);
    sqlite3_close(db->db);
  }
  free(db->zPath);
  free(db);
}

sqlite3 *store_handle(Store *db)
{
  return db->db;
}

const char *store_path(Store *db)
{
  return db->zPath;
}

Stmt *store_stmt(Store *db, const char *zSql)
{
  for (size_t i = 0; i < db->nCache; i++) {
    if (strcmp(db->aCache[i].zSql, zSql) == 0) {
      sqlite3_reset(db->aCache[i].q);
      sqlite3_clear_bindings(db->aCache[i].q);
      return db->aCache[i].q;
    }
  }
  Stmt *q = NULL;
  if (sqlite3_prepare_v3(db->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, &q,
                         NULL) != SQLITE_OK) {
    /* A literal that does not prepare is a bug: say which, and stop. */
    log_error("sqlite: cannot prepare: %s\n  %s", sqlite3_errmsg(db->db), zSql);
    abort();
  }
  xgrow((void **)&db->aCache, &db->nCacheCap, db->nCache + 1,
        sizeof(CachedStmt));
  db->aCache[db->nCache].zSql = xstrdup(zSql);
  db->aCache[db->nCache].q = q;
  db->nCache++;
  return q;
}

void store_bind_int(Stmt *q, int i, int64_t v)
{
  sqlite3_bind_int64(q, i, v);
}

void store_bind_double(Stmt *q, int i, double v)
{
  sqlite3_bind_double(q, i, v);
}

void store_bind_text(Stmt *q, int i, const char *z)
{
  if (z) {
    sqlite3_bind_text(q, i, z, -1, SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(q, i);
  }
}

void store_bind_blob(Stmt *q, int i, const void *p, int n)
{
  sqlite3_bind_blob(q, i, p, n, SQLITE_TRANSIENT);
}

void store_bind_null(Stmt *q, int i)
{
  sqlite3_bind_null(q, i);
}

int store_step(Stmt *q, Err *err)
{
  int rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) return 1;
  if (rc == SQLITE_DONE) {
    sqlite3_reset(q);
    return 0;
  }
  sqlite3 *h = sqlite3_db_handle(q);
  int xrc = sqlite3_extended_errcode(h);
  log_error("sqlite: %s\n  %s", sqlite3_errmsg(h), sqlite3_sql(q));
  sqlite3_reset(q);
  if ((xrc & 0xff) == SQLITE_CONSTRAINT) {
    return err_set(err, ERR_INPUT, "donnée refusée par une contrainte (%s)",
                   sqlite3_errstr(xrc));
  }
  return err_set(err, ERR_DB, "erreur de la base de données (%s)",
                 sqlite3_errstr(xrc));
}

int store_exec(Stmt *q, Err *err)
{
  int rc;
  while ((rc = store_step(q, err)) == 1) {
  }
  return rc;
}

/* Step q once: 1 when it gives a row whose first column is not NULL. */
static int one_value(Stmt *q)
{
  return sqlite3_step(q) == SQLITE_ROW &&
         sqlite3_column_type(q, 0) != SQLITE_NULL;
}

int64_t store_one_int(Stmt *q, int64_t dflt)
{
  int64_t v = one_value(q) ? sqlite3_column_int64(q, 0) : dflt;
  sqlite3_reset(q);
  return v;
}

double store_one_double(Stmt *q, double dflt)
{
  double v = one_value(q) ? sqlite3_column_double(q, 0) : dflt;
  sqlite3_reset(q);
  return v;
}

int64_t store_col_int(Stmt *q, int i)
{
  return sqlite3_column_int64(q, i);
}

double store_col_double(Stmt *q, int i)
{
  return sqlite3_column_double(q, i);
}

const char *store_col_text(Stmt *q, int i)
{
  const unsigned char *z = sqlite3_column_text(q, i);
  return z ? (const char *)z : "";
}

int store_col_is_null(Stmt *q, int i)
{
  return sqlite3_column_type(q, i) == SQLITE_NULL;
}

void store_reset(Stmt *q)
{
  sqlite3_reset(q);
}

int64_t store_last_id(Store *db)
{
  return sqlite3_last_insert_rowid(db->db);
}

int store_changes(Store *db)
{
  return sqlite3_changes(db->db);
}

int store_exec_sql(Store *db, const char *zSql, Err *err)
{
  char *zErr = NULL;
  if (sqlite3_exec(db->db, zSql, NULL, NULL, &zErr) != SQLITE_OK) {
    log_error("sqlite: %s", zErr ? zErr : "?");
    sqlite3_free(zErr);
    return store_db_err(db, err, "exec");
  }
  return 0;
}

int store_begin_at(Store *db, Err *err, const char *zFile, int iLine)
{
  const char *zSql = db->nDepth ? "SAVEPOINT oasis" : "BEGIN IMMEDIATE";
  if (sqlite3_exec(db->db, zSql, NULL, NULL, NULL) != SQLITE_OK) {
    log_error("transaction opened at %s:%d failed (outer one from %s:%d)",
              zFile, iLine, db->zOpenFile ? db->zOpenFile : "-",
              db->iOpenLine);
    return store_db_err(db, err, "begin");
  }
  if (db->nDepth++ == 0) {
    db->zOpenFile = zFile;
    db->iOpenLine = iLine;
  }
  return 0;
}

int store_commit(Store *db, Err *err)
{
  assert(db->nDepth > 0);
  const char *zSql = db->nDepth > 1 ? "RELEASE oasis" : "COMMIT";
  if (sqlite3_exec(db->db, zSql, NULL, NULL, NULL) != SQLITE_OK) {
    int rc = store_db_err(db, err, "commit");
    return store_rollback(db, rc);
  }
  db->nDepth--;
  return 0;
}

int store_rollback(Store *db, int rc)
{
  assert(db->nDepth > 0);
  if (db->nDepth > 1) {
    sqlite3_exec(db->db, "ROLLBACK TO oasis; RELEASE oasis", NULL, NULL, NULL);
  } else if (!sqlite3_get_autocommit(db->db)) {
    sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
  }
  db->nDepth--;
  return rc;
}

int64_t store_data_version(Store *db)
{
  return store_one_int(store_stmt(db, "PRAGMA data_version"), -1);
}

int store_depth(Store *db)
{
  return db->nDepth;
}

int store_backup(Store *db, const char *zDest, Err *err)
{
  sqlite3 *pDest = NULL;
  int rc = sqlite3_open(zDest, &pDest);
  if (rc == SQLITE_OK) {
    sqlite3_backup *b = sqlite3_backup_init(pDest, "main", db->db, "main");
    if (b) {
      do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
      } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      sqlite3_backup_finish(b);
    }
    rc = sqlite3_errcode(pDest);
  }
  if (rc != SQLITE_OK) {
    err_set(err, ERR_IO, "sauvegarde vers %s impossible : %s", zDest,
            sqlite3_errmsg(pDest));
  }
  sqlite3_close(pDest);
  return rc == SQLITE_OK ? 0 : ERR_IO;
}

/* ---- one-liners a module's store file repeats --------------------------- */

char *store_col_dup(Arena *a, Stmt *q, int i)
{
  return arena_strdup(a, store_col_text(q, i));
}

void store_bind_opt(Stmt *q, int i, const char *z)
{
  if (z && z[0]) store_bind_text(q, i, z);
  else store_bind_null(q, i);
}

void store_grow(void **pa, int n, size_t nSize, Arena *a)
{
  /* A new block when n reaches 0, 8, 16, 32…: the array doubles. */
  if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
    void *pNew = arena_alloc(a, (size_t)(n ? 2 * n : 8) * nSize);
    if (n) memcpy(pNew, *pa, (size_t)n * nSize);
    *pa = pNew;
  }
}

/* A row reader: either the function xRow or the column map aCol. */
typedef struct RowReader {
  StoreRowFn xRow;
  const StoreCol *aCol;
  int nCol;
} RowReader;

static void row_read(const RowReader *r, Arena *a, Stmt *q, void *pRec)
{
  if (r->xRow) r->xRow(a, q, pRec);
  else store_read_cols(a, q, r->aCol, r->nCol, pRec);
}

static int rows_read(Stmt *q, Arena *a, const RowReader *r, size_t nSize,
                     void **pa, int *pn, Err *err)
{
  int rc, n = 0;
  void *aRec = NULL;
  while ((rc = store_step(q, err)) == 1) {
    store_grow(&aRec, n, nSize, a);
    row_read(r, a, q, (char *)aRec + (size_t)n++ * nSize);
  }
  *pa = aRec;
  *pn = n;
  return rc;
}

static int row_read_one(Stmt *q, Arena *a, const RowReader *r, void *pRec,
                        const char *zNotFound, Err *err)
{
  int rc = store_step(q, err);
  if (rc < 0) return rc;
  if (rc == 0) return err_set(err, ERR_NOTFOUND, "%s", zNotFound);
  row_read(r, a, q, pRec);
  store_reset(q);
  return 0;
}

int store_rows(Stmt *q, Arena *a, StoreRowFn xRow, size_t nSize, void **pa,
               int *pn, Err *err)
{
  RowReader r = {xRow, NULL, 0};
  return rows_read(q, a, &r, nSize, pa, pn, err);
}

int store_row(Stmt *q, Arena *a, StoreRowFn xRow, void *pRec,
              const char *zNotFound, Err *err)
{
  RowReader r = {xRow, NULL, 0};
  return row_read_one(q, a, &r, pRec, zNotFound, err);
}

int store_rows_cols(Stmt *q, Arena *a, const StoreCol *aCol, int nCol,
                    size_t nSize, void **pa, int *pn, Err *err)
{
  RowReader r = {NULL, aCol, nCol};
  return rows_read(q, a, &r, nSize, pa, pn, err);
}

int store_row_cols(Stmt *q, Arena *a, const StoreCol *aCol, int nCol,
                   void *pRec, const char *zNotFound, Err *err)
{
  RowReader r = {NULL, aCol, nCol};
  return row_read_one(q, a, &r, pRec, zNotFound, err);
}

/* ---- column maps -------------------------------------------------------- */

void store_read_cols(Arena *a, Stmt *q, const StoreCol *aCol, int nCol,
                     void *pRow)
{
  for (int i = 0; i < nCol; i++) {
    const StoreCol *c = &aCol[i];
    char *p = (char *)pRow + c->offset;
    int isNull = (c->flags & STORE_NULLV) && store_col_is_null(q, i);
    switch (c->type) {
      case STORE_INT64:
        *(int64_t *)p = isNull ? (int64_t)c->nullv : store_col_int(q, i);
        break;
      case STORE_INT:
        *(int *)p = isNull ? (int)c->nullv : (int)store_col_int(q, i);
        break;
      case STORE_DOUBLE:
        *(double *)p = isNull ? c->nullv : store_col_double(q, i);
        break;
      case STORE_TEXT:
        *(const char **)p = store_col_dup(a, q, i);
        break;
    }
  }
}

void store_bind_cols(Stmt *q, const StoreCol *aCol, int nCol,
                     const void *pRow, int iFirst)
{
  for (int i = 0; i < nCol; i++) {
    const StoreCol *c = &aCol[i];
    const char *p = (const char *)pRow + c->offset;
    int iParam = iFirst + i;
    if (c->type == STORE_TEXT) {
      const char *z = *(const char *const *)p;
      if (c->flags & STORE_OPT) store_bind_opt(q, iParam, z);
      else if (!z && (c->flags & STORE_EMPTY)) store_bind_text(q, iParam, "");
      else store_bind_text(q, iParam, z);
      continue;
    }
    int isNullv = c->flags & STORE_NULLV;
    if (c->type == STORE_DOUBLE) {
      double v = *(const double *)p;
      if (isNullv && (v == c->nullv || (isnan(v) && isnan(c->nullv)))) {
        store_bind_null(q, iParam);
      } else {
        store_bind_double(q, iParam, v);
      }
      continue;
    }
    int64_t v = c->type == STORE_INT ? *(const int *)p : *(const int64_t *)p;
    if (isNullv && v == (int64_t)c->nullv) store_bind_null(q, iParam);
    else store_bind_int(q, iParam, v);
  }
}

/* ---- value lists -------------------------------------------------------- */

StoreVal store_v_int(int v)
{
  return (StoreVal){STORE_INT64, v, 0, NULL};
}

StoreVal store_v_int64(int64_t v)
{
  return (StoreVal){STORE_INT64, v, 0, NULL};
}

StoreVal store_v_double(double v)
{
  return (StoreVal){STORE_DOUBLE, 0, v, NULL};
}

StoreVal store_v_text(const char *z)
{
  return (StoreVal){STORE_TEXT, 0, 0, z};
}

StoreVal store_v_null(const void *p)
{
  assert(p == NULL);    /* only a literal NULL has type void * here */
  return (StoreVal){STORE_TEXT, 0, 0, NULL};
}

StoreVal store_v_opt(const char *z)
{
  return (StoreVal){STORE_TEXT, 0, 0, z && z[0] ? z : NULL};
}

void store_bind_vals(Stmt *q, int iFirst, const StoreVal *a, int n)
{
  for (int i = 0; i < n; i++) {
    switch (a[i].type) {
      case STORE_DOUBLE: store_bind_double(q, iFirst + i, a[i].r); break;
      case STORE_TEXT: store_bind_text(q, iFirst + i, a[i].z); break;
      default: store_bind_int(q, iFirst + i, a[i].i); break;
    }
  }
}

Stmt *store_upsert(Store *db, int64_t id, const char *zUpdate,
                   const char *zInsert)
{
  if (!id) return store_stmt(db, zInsert);
  Stmt *q = store_stmt(db, zUpdate);
  store_bind_int(q, sqlite3_bind_parameter_count(q), id);
  return q;
}

int store_save(Store *db, Stmt *q, int64_t *pId, const char *zNotFound,
               Err *err)
{
  int rc = store_exec(q, err);
  if (rc) return rc;
  if (!*pId) *pId = store_last_id(db);
  else if (zNotFound && store_changes(db) == 0) {
    return err_set(err, ERR_NOTFOUND, "%s", zNotFound);
  }
  return 0;
}

int store_delete(Store *db, const char *zSql, int64_t id,
                 const char *zNotFound, Err *err)
{
  Stmt *q = store_stmt(db, zSql);
  store_bind_int(q, 1, id);
  int rc = store_exec(q, err);
  if (!rc && store_changes(db) == 0) {
    return err_set(err, ERR_NOTFOUND, "%s", zNotFound);
  }
  return rc;
}

int store_ref_check(Store *db, const char *zSql, int64_t id,
                    const char *zField, const char *zWhat, Err *err)
{
  Stmt *q = store_stmt(db, zSql);
  store_bind_int(q, 1, id);
  if (store_one_int(q, 0)) return 0;
  err_set(err, ERR_INPUT, "%s", zWhat);
  err_field(err, zField);
  return ERR_INPUT;
}
