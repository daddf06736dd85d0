/*
** store/migrate.c: numbered SQL migrations embedded in the binary.
**
** Files are named NNN_what.sql; each module owns a range of numbers (see
** src/store/schema/001_core.sql), so a module may add a migration whose
** number is lower than another module's last one.  A single high-water
** mark cannot tell that it is missing, hence the table schema_migration
** keeps the number of every migration applied, and every embedded one not
** listed there is applied, in number order, all in one transaction.
**
** Databases made before that table existed only have PRAGMA
** user_version, the highest number applied: on their first open, the
** migrations that existed then (aLegacy) up to it are recorded as
** applied; any other one is applied.  user_version still holds the
** highest number, for tools that read it.
*/
#include <stdio.h>
#include <stdlib.h>

#include "base/embed.h"
#include "base/log.h"
#include "store/store.h"

/* The migrations that existed when schema_migration came in: the only
** ones user_version can vouch for.  Never add to this list. */
static const int aLegacy[] = {1, 2, 3, 4, 5, 10, 11, 20, 30, 40, 41, 42,
                              43, 50, 60, 61, 70, 71, 80};

static int migration_is_legacy(int n)
{
  for (size_t i = 0; i < sizeof aLegacy / sizeof aLegacy[0]; i++) {
    if (aLegacy[i] == n) return 1;
  }
  return 0;
}

/* True when migration n is recorded as applied. */
static int migration_done(Store *db, int n)
{
  Stmt *q = store_stmt(db, "SELECT 1 FROM schema_migration WHERE number = ?1");
  store_bind_int(q, 1, n);
  return store_one_int(q, 0) == 1;
}

/* True when some migration of a is not recorded (or nothing is). */
static int migration_pending(Store *db, const EmbeddedFile *a)
{
  if (!store_one_int(store_stmt(db, "SELECT count(*) FROM sqlite_master"
                                    " WHERE name = 'schema_migration'"), 0)) {
    return 1;
  }
  for (const EmbeddedFile *f = a; f->zName; f++) {
    if (!migration_done(db, atoi(f->zName))) return 1;
  }
  return 0;
}

static int migration_record(Store *db, int n, const char *zName, Err *err)
{
  Stmt *q = store_stmt(db, "INSERT OR IGNORE INTO schema_migration(number,"
                           " name) VALUES (?1, ?2)");
  store_bind_int(q, 1, n);
  store_bind_text(q, 2, zName);
  return store_exec(q, err);
}

int store_migrate_files(Store *db, const EmbeddedFile *a, Err *err)
{
  if (!migration_pending(db, a)) return 0;          /* the usual open */
  int rc = store_begin(db, err);
  if (rc) return rc;
  int nVersion = (int)store_one_int(store_stmt(db, "PRAGMA user_version"), 0);
  int isNew = !store_one_int(store_stmt(db, "SELECT count(*) FROM"
      " sqlite_master WHERE name = 'schema_migration'"), 0);
  rc = store_exec_sql(db,
      "CREATE TABLE IF NOT EXISTS schema_migration ("
      " number INTEGER PRIMARY KEY,"
      " name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ',"
      " 'now')))", err);
  for (const EmbeddedFile *f = a; !rc && isNew && f->zName; f++) {
    int n = atoi(f->zName);
    if (n <= nVersion && migration_is_legacy(n)) {
      rc = migration_record(db, n, f->zName, err);
    }
  }
  int nApplied = 0, nMax = nVersion;
  for (const EmbeddedFile *f = a; !rc && f->zName; f++) {
    int n = atoi(f->zName);
    if (migration_done(db, n)) continue;
    rc = store_exec_sql(db, (const char *)f->aData, err);
    if (rc) {
      log_error("migration %s failed", f->zName);
      break;
    }
    rc = migration_record(db, n, f->zName, err);
    nApplied++;
    if (n > nMax) nMax = n;
  }
  if (!rc && nMax > nVersion) {
    char zSql[64];
    snprintf(zSql, sizeof zSql, "PRAGMA user_version=%d", nMax);
    rc = store_exec_sql(db, zSql, err);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (!rc && nApplied) log_info("%d migration(s) applied", nApplied);
  return rc;
}

int store_migrate(Store *db, Err *err)
{
  return store_migrate_files(db, embedded_schema, err);
}
