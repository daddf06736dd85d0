/*
** store/migrate.c: numbered SQL migrations embedded in the binary.
**
** Files are named NNN_what.sql; each module owns a range of numbers (see
** schema/README.md).  Pending ones (number > PRAGMA user_version) are
** applied in order, all in one transaction, and user_version is set to
** the last number applied.
*/
#include <stdio.h>
#include <stdlib.h>

#include "base/embed.h"
#include "base/log.h"
#include "store/store.h"

int store_migrate(Store *db, Err *err)
{
  int rc = 0;
  int nCurrent = (int)store_one_int(
      store_stmt(db, "PRAGMA user_version"), 0);
  int nLast = nCurrent;
  for (const EmbeddedFile *f = embedded_schema; f->zName; f++) {
    int n = atoi(f->zName);
    if (n <= nLast) continue;
    if (nLast == nCurrent && (rc = store_begin(db, err))) return rc;
    rc = store_exec_sql(db, (const char *)f->aData, err);
    if (rc) {
      log_error("migration %s failed", f->zName);
      return store_rollback(db, rc);
    }
    nLast = n;
  }
  if (nLast == nCurrent) return 0;
  char zSql[64];
  snprintf(zSql, sizeof zSql, "PRAGMA user_version=%d", nLast);
  rc = store_exec_sql(db, zSql, err);
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (!rc) log_info("database schema at version %d", nLast);
  return rc;
}
