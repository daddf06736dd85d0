/*
** tests/unit/test_store_cols.c: column maps (store.h).  A record bound
** through a map and read back through the same map comes back whole; the
** member's C type picks the conversion; the NULL conventions (STORE_OPT,
** STORE_EMPTY, STORE_NULLV) hold both ways.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "store/store.h"

typedef struct Rec Rec;
struct Rec {
  int64_t id;
  int n;
  double x;
  const char *zName;
  char *zNote;          /* non-const texts map too */
  const char *zOpt;     /* "" stored as NULL */
  const char *zEmpty;   /* NULL stored as "" */
  int64_t due;          /* -1 stands for NULL */
  double share;         /* NAN stands for NULL */
};

/* One map, in SELECT order and in ?1..?9 order. */
static const StoreCol aRecCol[] = {
  STORE_COL(Rec, id),
  STORE_COL(Rec, n),
  STORE_COL(Rec, x),
  STORE_COL(Rec, zName),
  STORE_COL(Rec, zNote),
  STORE_COL_OPT(Rec, zOpt),
  STORE_COL_EMPTY(Rec, zEmpty),
  STORE_COL_OR(Rec, due, -1),
  STORE_COL_OR(Rec, share, NAN),
};

#define SELECT_REC \
  "SELECT id, n, x, name, note, opt, empty, due, share FROM rec"

typedef struct Fix {
  Store *db;
  Arena *a;
} Fix;

static int setup(void **state)
{
  char zPath[] = "/tmp/oasis-cols-XXXXXX";
  int fd = mkstemp(zPath);
  if (fd < 0) return -1;
  close(fd);
  log_set_quiet(1);
  Err err = {0};
  Fix *f = calloc(1, sizeof *f);
  f->db = store_open(zPath, &err);
  unlink(zPath);
  if (!f->db) return -1;
  f->a = arena_new();
  if (store_exec_sql(f->db,
                     "CREATE TABLE rec(id INTEGER, n INTEGER, x REAL,"
                     " name TEXT, note TEXT, opt TEXT,"
                     " empty TEXT NOT NULL, due INTEGER, share REAL)",
                     &err)) {
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fix *f = *state;
  store_close(f->db);
  arena_free(f->a);
  free(f);
  return 0;
}

static void insert(Fix *f, const Rec *r)
{
  Err err = {0};
  Stmt *q = store_stmt(f->db,
                       "INSERT INTO rec VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                       " ?8, ?9)");
  store_bind_cols(q, aRecCol, STORE_NCOL(aRecCol), r, 1);
  assert_int_equal(store_exec(q, &err), 0);
}

/* The member's declared type, not the table, decides the conversion. */
static void test_col_type_follows_member(void **state)
{
  (void)state;
  assert_int_equal(aRecCol[0].type, STORE_INT64);
  assert_int_equal(aRecCol[1].type, STORE_INT);
  assert_int_equal(aRecCol[2].type, STORE_DOUBLE);
  assert_int_equal(aRecCol[3].type, STORE_TEXT);
  assert_int_equal(aRecCol[4].type, STORE_TEXT);
  assert_int_equal(aRecCol[3].offset, offsetof(Rec, zName));
  assert_int_equal(aRecCol[7].flags, STORE_NULLV);
}

/* Bound then read through the same map, a record comes back whole. */
static void test_cols_round_trip(void **state)
{
  Fix *f = *state;
  Err err = {0};
  char zNote[] = "note";
  Rec r = {1234567890123, -7, 2.5, "Périgueux", zNote, "opt", "vide", 4200,
           0.25};
  insert(f, &r);
  Rec b;
  memset(&b, 0, sizeof b);
  Stmt *q = store_stmt(f->db, SELECT_REC " WHERE id = ?1");
  store_bind_int(q, 1, r.id);
  assert_int_equal(store_row_cols(q, f->a, aRecCol, STORE_NCOL(aRecCol), &b,
                                  "introuvable", &err),
                   0);
  assert_true(b.id == r.id);
  assert_int_equal(b.n, -7);
  assert_true(b.x == 2.5);
  assert_string_equal(b.zName, "Périgueux");
  assert_string_equal(b.zNote, "note");
  assert_string_equal(b.zOpt, "opt");
  assert_string_equal(b.zEmpty, "vide");
  assert_true(b.due == 4200);
  assert_true(b.share == 0.25);
  assert_ptr_not_equal(b.zName, r.zName);   /* a copy, in the arena */
}

/* Each NULL convention holds in the database and on the way back. */
static void test_cols_null_conventions(void **state)
{
  Fix *f = *state;
  Err err = {0};
  Rec r = {7, 0, 0, NULL, NULL, "", NULL, -1, NAN};
  insert(f, &r);
  Stmt *q = store_stmt(f->db,
                       "SELECT name IS NULL, opt IS NULL, empty = '',"
                       " due IS NULL, share IS NULL FROM rec WHERE id = 7");
  assert_int_equal(store_step(q, &err), 1);
  for (int i = 0; i < 5; i++) assert_int_equal(store_col_int(q, i), 1);
  store_reset(q);

  Rec b = {0};
  q = store_stmt(f->db, SELECT_REC " WHERE id = ?1");
  store_bind_int(q, 1, 7);
  assert_int_equal(store_row_cols(q, f->a, aRecCol, STORE_NCOL(aRecCol), &b,
                                  "introuvable", &err),
                   0);
  assert_string_equal(b.zName, "");          /* NULL text reads as "" */
  assert_string_equal(b.zOpt, "");
  assert_true(b.due == -1);
  assert_true(isnan(b.share));
}

/* A zero that is not the NULL value is bound as a number. */
static void test_cols_zero_is_not_null(void **state)
{
  Fix *f = *state;
  Rec r = {8, 0, 0, "a", NULL, "x", "", 0, 0};
  insert(f, &r);
  Stmt *q = store_stmt(f->db,
                       "SELECT due IS NULL, share IS NULL, note IS NULL"
                       " FROM rec WHERE id = 8");
  Err err = {0};
  assert_int_equal(store_step(q, &err), 1);
  assert_int_equal(store_col_int(q, 0), 0);
  assert_int_equal(store_col_int(q, 1), 0);
  assert_int_equal(store_col_int(q, 2), 1);  /* plain text: NULL binds NULL */
  store_reset(q);
}

/* store_rows_cols() reads every row in order; store_row_cols() says
** ERR_NOTFOUND with the caller's message when there is none. */
static void test_rows_cols(void **state)
{
  Fix *f = *state;
  Err err = {0};
  for (int i = 0; i < 20; i++) {
    Rec r = {100 + i, i, i / 2.0, "r", NULL, "", "", -1, NAN};
    insert(f, &r);
  }
  Rec *a = NULL;
  int n = 0;
  Stmt *q = store_stmt(f->db, SELECT_REC " WHERE id >= 100 ORDER BY id");
  assert_int_equal(store_rows_cols(q, f->a, aRecCol, STORE_NCOL(aRecCol),
                                   sizeof *a, (void **)&a, &n, &err),
                   0);
  assert_int_equal(n, 20);
  for (int i = 0; i < n; i++) {
    assert_true(a[i].id == 100 + i);
    assert_int_equal(a[i].n, i);
    assert_true(a[i].x == i / 2.0);
  }

  Rec b;
  q = store_stmt(f->db, SELECT_REC " WHERE id = ?1");
  store_bind_int(q, 1, 99999);
  assert_int_equal(store_row_cols(q, f->a, aRecCol, STORE_NCOL(aRecCol), &b,
                                  "dossier introuvable", &err),
                   ERR_NOTFOUND);
  assert_string_equal(err.zMsg, "dossier introuvable");
}

/* store_bind_list() binds ?1..?n in order, each as its C type says. */
static void test_bind_list(void **state)
{
  Fix *f = *state;
  Err err = {0};
  int n = 3;
  int64_t big = 9007199254740993;     /* beyond a double's precision */
  char zMut[] = "mutable";
  Stmt *q = store_stmt(f->db,
                       "SELECT typeof(?1), ?1, typeof(?2),"
                       " ?2 = 9007199254740993, typeof(?3), ?3, typeof(?4), ?4, ?5, typeof(?6),"
                       " typeof(?7), ?8");
  store_bind_list(q, STORE_V(n), STORE_V(big), STORE_V(0.5),
                  STORE_V("Aurillac"), STORE_V(zMut), STORE_V(NULL),
                  store_v_opt(""), store_v_opt("x"));
  assert_int_equal(store_step(q, &err), 1);
  assert_string_equal(store_col_text(q, 0), "integer");
  assert_int_equal(store_col_int(q, 1), 3);
  assert_string_equal(store_col_text(q, 2), "integer");
  assert_int_equal(store_col_int(q, 3), 1);
  assert_string_equal(store_col_text(q, 4), "real");
  assert_true(store_col_double(q, 5) == 0.5);
  assert_string_equal(store_col_text(q, 6), "text");
  assert_string_equal(store_col_text(q, 7), "Aurillac");
  assert_string_equal(store_col_text(q, 8), "mutable");
  assert_string_equal(store_col_text(q, 9), "null");
  assert_string_equal(store_col_text(q, 10), "null");
  assert_string_equal(store_col_text(q, 11), "x");
  store_reset(q);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_col_type_follows_member),
    cmocka_unit_test_setup_teardown(test_cols_round_trip, setup, teardown),
    cmocka_unit_test_setup_teardown(test_cols_null_conventions, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_cols_zero_is_not_null, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_rows_cols, setup, teardown),
    cmocka_unit_test_setup_teardown(test_bind_list, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
