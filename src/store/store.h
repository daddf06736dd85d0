/*
** store/store.h: the SQLite wrapper every module uses.
**
** One Store is one connection, used by one thread at a time (the server
** keeps one per worker thread).  Statements are prepared once per
** connection and cached by their SQL text; SQL is always a literal and
** every value is bound, never spliced.  Transactions nest through
** SAVEPOINTs; the outermost is BEGIN IMMEDIATE, and store_begin() records
** the caller's file and line so a stuck transaction names its opener.
*/
#ifndef OASIS_STORE_H
#define OASIS_STORE_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"

typedef struct Store Store;
typedef sqlite3_stmt Stmt;

/* Open (creating) zPath in WAL mode, foreign keys on, busy timeout, and
** apply pending migrations.  NULL with err filled on failure. */
Store *store_open(const char *zPath, Err *err);
/* Checkpoint the WAL and close; store_close(NULL) is a no-op. */
void store_close(Store *db);
sqlite3 *store_handle(Store *db);
const char *store_path(Store *db);

/* Cached, reset statement for literal zSql.  Aborts on SQL syntax errors:
** those are bugs, caught by the first test that runs the query. */
Stmt *store_stmt(Store *db, const char *zSql);

void store_bind_int(Stmt *q, int i, int64_t v);
void store_bind_double(Stmt *q, int i, double v);
void store_bind_text(Stmt *q, int i, const char *z);   /* NULL binds NULL */
void store_bind_blob(Stmt *q, int i, const void *p, int n);
void store_bind_null(Stmt *q, int i);

/* Step q: 1 for a row, 0 when done (q is then reset), < 0 on error with
** err filled and q reset. */
int store_step(Stmt *q, Err *err);
/* Run q to completion (an INSERT/UPDATE/DELETE); 0 or < 0. */
int store_exec(Stmt *q, Err *err);
/* First column of the first row as an integer (dflt if no row); resets q. */
int64_t store_one_int(Stmt *q, int64_t dflt);
double store_one_double(Stmt *q, double dflt);
/* Column accessors of the current row. */
int64_t store_col_int(Stmt *q, int i);
double store_col_double(Stmt *q, int i);
const char *store_col_text(Stmt *q, int i);            /* "" for NULL */
int store_col_is_null(Stmt *q, int i);
void store_reset(Stmt *q);
int64_t store_last_id(Store *db);
int store_changes(Store *db);

/* Run literal SQL with no parameters (schema, pragmas). */
int store_exec_sql(Store *db, const char *zSql, Err *err);

/* Transactions.  store_begin() opens (nests); store_commit() closes the
** innermost; store_rollback(db, rc) undoes it and returns rc, so the
** first error wins:  rc = rc ? store_rollback(db, rc) : store_commit(db, err); */
#define store_begin(db, err) store_begin_at((db), (err), __FILE__, __LINE__)
int store_begin_at(Store *db, Err *err, const char *zFile, int iLine);
int store_commit(Store *db, Err *err);
int store_rollback(Store *db, int rc);
int store_depth(Store *db);
/* PRAGMA data_version of db: it changes whenever another connection (of
** this process or another) commits.  A connection that never writes
** (web/cache.c keeps one) therefore sees every write of the database. */
int64_t store_data_version(Store *db);

/* Apply every embedded migration not yet recorded in schema_migration, in
** number order, all in one transaction (see migrate.c). */
int store_migrate(Store *db, Err *err);
/* The same over the files of a (ended by a NULL name): for tests. */
typedef struct EmbeddedFile EmbeddedFile;
int store_migrate_files(Store *db, const EmbeddedFile *a, Err *err);
/* Copy the live database to zDest with the online backup API. */
int store_backup(Store *db, const char *zDest, Err *err);

/* ---- one-liners a module's store file repeats ---------------------------
** The SQL stays literal in the caller; these only take over the steps
** around it. */

/* Column i of the current row copied into a ("" for NULL). */
char *store_col_dup(Arena *a, Stmt *q, int i);
/* Bind an optional text: z, or NULL when z is NULL or "". */
void store_bind_opt(Stmt *q, int i, const char *z);
/* Make room in arena array *pa (n elements of nSize bytes used) for
** element n: the array doubles from 8 (old blocks stay in the arena). */
void store_grow(void **pa, int n, size_t nSize, Arena *a);

/* Fill record pRec (a struct the caller knows) from q's current row. */
typedef void (*StoreRowFn)(Arena *a, Stmt *q, void *pRec);
/* Every row of q as an arena array of nSize-byte records, each filled by
** xRow: *pa (NULL when none) and *pn; 0 or < 0 with err filled. */
int store_rows(Stmt *q, Arena *a, StoreRowFn xRow, size_t nSize, void **pa,
               int *pn, Err *err);
/* The first row of q into *pRec by xRow, then q reset; ERR_NOTFOUND with
** message zNotFound when there is none. */
int store_row(Stmt *q, Arena *a, StoreRowFn xRow, void *pRec,
              const char *zNotFound, Err *err);

/* Saving a record by id: the literal zUpdate when id is set (its last
** parameter is bound to id here), else the literal zInsert.  Bind the
** record's values, then run it with store_save(). */
Stmt *store_upsert(Store *db, int64_t id, const char *zUpdate,
                   const char *zInsert);
/* Run q from store_upsert(): after an insert *pId is the new row's id;
** an update that matched no row fails with ERR_NOTFOUND zNotFound (no such
** check when zNotFound is NULL).  0 or < 0 with err filled. */
int store_save(Store *db, Stmt *q, int64_t *pId, const char *zNotFound,
               Err *err);
/* Run literal zSql (a DELETE with ?1 = id): ERR_NOTFOUND zNotFound when
** it removed nothing. */
int store_delete(Store *db, const char *zSql, int64_t id,
                 const char *zNotFound, Err *err);
/* 0 when literal zSql (a count with ?1 = id) finds the record id, else
** ERR_INPUT "zWhat" at field zField: a reference to check before a write. */
int store_ref_check(Store *db, const char *zSql, int64_t id,
                    const char *zField, const char *zWhat, Err *err);

/* ---- column maps: a record's members in SELECT (or bind) order ----------
** The SQL stays literal; a map only says which member of the caller's
** struct each column goes to, so a module writes one table instead of a
** line per column to read a row or bind a record.  The member's C type
** picks the conversion (STORE_COL deduces it with _Generic), so a map
** cannot read a text into an integer. */
typedef enum StoreType {
  STORE_INT64,      /* int64_t */
  STORE_INT,        /* int */
  STORE_DOUBLE,     /* double */
  STORE_TEXT        /* const char *: read as an arena copy, "" for NULL */
} StoreType;

enum {
  STORE_OPT = 1,    /* text: NULL or "" binds SQL NULL (store_bind_opt) */
  STORE_EMPTY = 2,  /* text: NULL binds "" (a NOT NULL column) */
  STORE_NULLV = 4   /* number: SQL NULL reads as nullv, nullv binds NULL */
};

typedef struct StoreCol StoreCol;
struct StoreCol {
  size_t offset;    /* offsetof(Record, member) */
  StoreType type;
  unsigned flags;   /* STORE_OPT, STORE_EMPTY, STORE_NULLV */
  double nullv;     /* STORE_NULLV: the member's value for SQL NULL
                    ** (-1, 0, NAN…) */
};

/* The StoreType of the object p points to.  Taking the member's address
** keeps its exact type: an array member (char z[8]) has no conversion
** and does not compile, where by value it would pass for a pointer. */
#define STORE_TYPE_OF(p)                                                  \
  _Generic((p), int64_t *: STORE_INT64, int *: STORE_INT,                 \
           double *: STORE_DOUBLE, const char **: STORE_TEXT,             \
           char **: STORE_TEXT)
#define STORE_COL_F(Type, member, flags, nullv)                           \
  {offsetof(Type, member), STORE_TYPE_OF(&((Type *)0)->member), (flags),  \
   (nullv)}
/* Member `member` of struct Type, converted as its C type says. */
#define STORE_COL(Type, member) STORE_COL_F(Type, member, 0, 0)
/* A text member bound as NULL when empty. */
#define STORE_COL_OPT(Type, member) STORE_COL_F(Type, member, STORE_OPT, 0)
/* A text member bound as "" when NULL. */
#define STORE_COL_EMPTY(Type, member) STORE_COL_F(Type, member, STORE_EMPTY, 0)
/* A number member whose value v stands for SQL NULL, both ways. */
#define STORE_COL_OR(Type, member, v) STORE_COL_F(Type, member, STORE_NULLV, v)
/* Number of entries of a column map array. */
#define STORE_NCOL(aCol) ((int)(sizeof(aCol) / sizeof((aCol)[0])))

/* Columns 0..nCol-1 of q's current row into the members aCol names in
** the record at pRow (texts copied into a). */
void store_read_cols(Arena *a, Stmt *q, const StoreCol *aCol, int nCol,
                     void *pRow);
/* Bind the members aCol names in the record at pRow to parameters
** iFirst..iFirst+nCol-1 of q. */
void store_bind_cols(Stmt *q, const StoreCol *aCol, int nCol,
                     const void *pRow, int iFirst);
/* store_rows() and store_row() reading each row through a column map
** instead of a reader function. */
int store_rows_cols(Stmt *q, Arena *a, const StoreCol *aCol, int nCol,
                    size_t nSize, void **pa, int *pn, Err *err);
int store_row_cols(Stmt *q, Arena *a, const StoreCol *aCol, int nCol,
                   void *pRec, const char *zNotFound, Err *err);

/* ---- value lists: binding locals in one call ----------------------------
** store_bind_list(q, STORE_V(zCode), STORE_V(year), STORE_V(now)) binds
** ?1, ?2, ?3 in order, each as its C type says (int, int64_t, double,
** text; a literal NULL binds NULL): what a column map does for a record,
** for values that are no record's members.  A type with no conversion
** (size_t, unsigned…) does not compile: cast it. */
typedef struct StoreVal StoreVal;
struct StoreVal {
  StoreType type;   /* STORE_TEXT with z NULL binds NULL */
  int64_t i;
  double r;
  const char *z;
};
StoreVal store_v_int(int v);
StoreVal store_v_int64(int64_t v);
StoreVal store_v_double(double v);
StoreVal store_v_text(const char *z);
StoreVal store_v_null(const void *p);
/* z, or SQL NULL when z is NULL or "" (store_bind_opt). */
StoreVal store_v_opt(const char *z);
#define STORE_V(x)                                                        \
  _Generic((x), int: store_v_int, int64_t: store_v_int64,                 \
           double: store_v_double, const char *: store_v_text,            \
           char *: store_v_text, void *: store_v_null)(x)
/* Bind a[0..n-1] to parameters iFirst..iFirst+n-1 of q. */
void store_bind_vals(Stmt *q, int iFirst, const StoreVal *a, int n);
#define store_bind_list(q, ...)                                           \
  store_bind_vals((q), 1, (const StoreVal[]){__VA_ARGS__},                \
                  (int)(sizeof((const StoreVal[]){__VA_ARGS__})           \
                        / sizeof(StoreVal)))

#endif
