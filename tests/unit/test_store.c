/*
** tests/unit/test_store.c: migrations on a temporary database.  A module
** may add a migration numbered below another module's last one; it must
** still be applied, once.  Databases from before schema_migration keep
** what their user_version says was applied, and get what came later.  A failing migration leaves
** nothing of its batch behind.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/embed.h"
#include "base/log.h"
#include "store/store.h"

#define SQL(z) (const unsigned char *)(z), sizeof(z) - 1

/* CREATE TABLE without IF NOT EXISTS: running one twice fails. */
static const EmbeddedFile aFirst[] = {
  {"901_a.sql", SQL("CREATE TABLE t901(x);")},
  {NULL, NULL, 0},
};
static const EmbeddedFile aLate[] = {
  {"900_late.sql", SQL("CREATE TABLE t900(x);")},
  {"901_a.sql", SQL("CREATE TABLE t901(x);")},
  {NULL, NULL, 0},
};
static const EmbeddedFile aBroken[] = {
  {"903_ok.sql", SQL("CREATE TABLE t903(x);")},
  {"904_bad.sql", SQL("CREATE TABLE t904(x); INSERT INTO nowhere VALUES (1);")},
  {NULL, NULL, 0},
};

static int has_table(Store *db, const char *zName)
{
  Stmt *q = store_stmt(db, "SELECT count(*) FROM sqlite_master WHERE name = ?1");
  store_bind_text(q, 1, zName);
  return (int)store_one_int(q, 0);
}

static int user_version(Store *db)
{
  return (int)store_one_int(store_stmt(db, "PRAGMA user_version"), 0);
}

static int setup(void **state)
{
  char zPath[] = "/tmp/oasis-store-XXXXXX";
  int fd = mkstemp(zPath);
  if (fd < 0) return -1;
  close(fd);
  log_set_quiet(1);
  Err err = {0};
  Store *db = store_open(zPath, &err);          /* the real schema first */
  unlink(zPath);
  *state = db;
  return db ? 0 : -1;
}

static int teardown(void **state)
{
  store_close(*state);
  return 0;
}

static void test_late_lower_number_is_applied_once(void **state)
{
  Store *db = *state;
  Err err = {0};
  assert_int_equal(store_migrate_files(db, aFirst, &err), 0);
  assert_int_equal(user_version(db), 901);
  assert_int_equal(store_migrate_files(db, aLate, &err), 0);
  assert_true(has_table(db, "t900"));
  assert_int_equal(user_version(db), 901);
  /* nothing pending: nothing runs again */
  assert_int_equal(store_migrate_files(db, aLate, &err), 0);
}

/* The migrations that existed when schema_migration came in (as in
** store/migrate.c), but for 012, which an old database of the test lacks. */
static int is_old(int n)
{
  static const int a[] = {1, 2, 3, 4, 5, 10, 11, 20, 30, 40, 41, 42, 43, 50,
                          60, 61, 70, 71, 80};
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (a[i] == n) return 1;
  }
  return 0;
}

static void test_old_database_keeps_its_user_version(void **state)
{
  (void)state;
  /* A database from before schema_migration, at user_version 80: built
  ** here from the migrations of that time only (not 012, which came
  ** later, nor any newer one), by plain SQLite.  Re-running 001 would
  ** fail (its tables exist); the later ones must run, once. */
  char zPath[] = "/tmp/oasis-old-XXXXXX";
  int fd = mkstemp(zPath);
  assert_true(fd >= 0);
  close(fd);
  sqlite3 *pOld = NULL;
  assert_int_equal(sqlite3_open(zPath, &pOld), SQLITE_OK);
  for (const EmbeddedFile *f = embedded_schema; f->zName; f++) {
    if (!is_old(atoi(f->zName))) continue;
    assert_int_equal(sqlite3_exec(pOld, (const char *)f->aData, NULL, NULL,
                                  NULL), SQLITE_OK);
  }
  assert_int_equal(sqlite3_exec(pOld, "PRAGMA user_version = 80;", NULL, NULL,
                                NULL), SQLITE_OK);
  sqlite3_close(pOld);
  Err err = {0};
  Store *db = store_open(zPath, &err);          /* migrates */
  unlink(zPath);
  assert_non_null(db);
  assert_true(has_table(db, "equipment_count"));
  Stmt *q = store_stmt(db, "SELECT count(*) FROM schema_migration"
                           " WHERE number IN (1, 12, 80)");
  assert_int_equal(store_one_int(q, 0), 3);
  /* and the later ones ran on the old tables (aids money in cents) */
  q = store_stmt(db, "SELECT count(*) FROM pragma_table_info('aid_payment')"
                     " WHERE name = 'amount_cents'");
  assert_int_equal(store_one_int(q, 0), 1);
  store_close(db);
}

static void test_failed_migration_leaves_nothing(void **state)
{
  Store *db = *state;
  Err err = {0};
  assert_int_not_equal(store_migrate_files(db, aBroken, &err), 0);
  assert_int_equal(err.code, ERR_DB);
  assert_false(has_table(db, "t903"));
  assert_false(has_table(db, "t904"));
  Stmt *q = store_stmt(db, "SELECT count(*) FROM schema_migration"
                           " WHERE number >= 903");
  assert_int_equal(store_one_int(q, 0), 0);
}

/* ---- the one-liners: rows into an arena array, one row, save by id --- */

typedef struct Pt Pt;
struct Pt {
  int64_t id;
  char *zName;
};

static void pt_row(Arena *a, Stmt *q, void *pRec)
{
  Pt *p = pRec;
  p->id = store_col_int(q, 0);
  p->zName = store_col_dup(a, q, 1);
}

static int pt_save(Store *db, Pt *p, Err *err)
{
  Stmt *q = store_upsert(db, p->id, "UPDATE t_pt SET name = ?1 WHERE id = ?2",
                         "INSERT INTO t_pt(name) VALUES (?1)");
  store_bind_opt(q, 1, p->zName);
  return store_save(db, q, &p->id, "point introuvable", err);
}

static void test_row_helpers_read_and_save_by_id(void **state)
{
  Store *db = *state;
  Err err = {0};
  Arena *a = arena_new();
  assert_int_equal(store_exec_sql(db, "CREATE TABLE t_pt(id INTEGER PRIMARY "
                                      "KEY, name TEXT)", &err), 0);
  /* 20 rows: past the first block of 8 and the second of 16 */
  for (int i = 0; i < 20; i++) {
    Pt p = {0, i == 3 ? "" : arena_printf(a, "p%d", i)};
    assert_int_equal(pt_save(db, &p, &err), 0);
    assert_int_equal(p.id, i + 1);               /* insert: id set */
  }
  Pt u = {5, "cinq"};
  assert_int_equal(pt_save(db, &u, &err), 0);    /* update: same id */
  assert_int_equal(u.id, 5);
  Pt *aP = NULL;
  int n = -1;
  Stmt *q = store_stmt(db, "SELECT id, name FROM t_pt ORDER BY id");
  assert_int_equal(store_rows(q, a, pt_row, sizeof *aP, (void **)&aP, &n,
                              &err), 0);
  assert_int_equal(n, 20);
  assert_string_equal(aP[0].zName, "p0");
  assert_string_equal(aP[3].zName, "");        /* "" was bound as NULL */
  assert_string_equal(aP[4].zName, "cinq");
  assert_string_equal(aP[19].zName, "p19");
  q = store_stmt(db, "SELECT count(*) FROM t_pt WHERE name IS NULL");
  assert_int_equal(store_one_int(q, 0), 1);
  /* no row: an empty array */
  q = store_stmt(db, "SELECT id, name FROM t_pt WHERE id > 100");
  assert_int_equal(store_rows(q, a, pt_row, sizeof *aP, (void **)&aP, &n,
                              &err), 0);
  assert_int_equal(n, 0);
  assert_null(aP);
  /* one row, or "introuvable" */
  Pt one = {0};
  q = store_stmt(db, "SELECT id, name FROM t_pt WHERE id = ?1");
  store_bind_int(q, 1, 20);
  assert_int_equal(store_row(q, a, pt_row, &one, "point introuvable", &err), 0);
  assert_string_equal(one.zName, "p19");
  store_bind_int(q, 1, 99);
  assert_int_equal(store_row(q, a, pt_row, &one, "point introuvable", &err),
                   ERR_NOTFOUND);
  assert_string_equal(err.zMsg, "point introuvable");
  /* an update of no row, a delete of no row, a missing reference */
  err_clear(&err);
  Pt ghost = {99, "x"};
  assert_int_equal(pt_save(db, &ghost, &err), ERR_NOTFOUND);
  err_clear(&err);
  assert_int_equal(store_delete(db, "DELETE FROM t_pt WHERE id = ?1", 99,
                                "point introuvable", &err), ERR_NOTFOUND);
  err_clear(&err);
  assert_int_equal(store_delete(db, "DELETE FROM t_pt WHERE id = ?1", 2,
                                "point introuvable", &err), 0);
  assert_int_equal(store_ref_check(db, "SELECT count(*) FROM t_pt WHERE "
                                   "id = ?1", 1, "pt_id", "point inconnu",
                                   &err), 0);
  assert_int_equal(store_ref_check(db, "SELECT count(*) FROM t_pt WHERE "
                                   "id = ?1", 2, "pt_id", "point inconnu",
                                   &err), ERR_INPUT);
  assert_string_equal(err.zField, "pt_id");
  arena_free(a);
}

int main(void)
{
  const struct CMUnitTest aTest[] = {
    cmocka_unit_test_setup_teardown(test_late_lower_number_is_applied_once,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_old_database_keeps_its_user_version,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_failed_migration_leaves_nothing,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_row_helpers_read_and_save_by_id,
                                    setup, teardown),
  };
  return cmocka_run_group_tests(aTest, NULL, NULL);
}
