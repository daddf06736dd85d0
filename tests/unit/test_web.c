/*
** tests/unit/test_web.c: the request side without a network: route
** matching, form parsing (urlencoded and multipart, limits, bad UTF-8,
** percent-decoding), CSRF tokens, and sessions against a real temporary
** database.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin/admin.h"
#include "app/app.h"
#include "base/mem.h"
#include "web/internal.h"

/* ---- router ----------------------------------------------------------- */
static int match(Arena *a, const char *zPat, const char *zPath, Field *aArg,
                 int *pn)
{
  *pn = -1;
  return route_match(zPat, zPath, a, aArg, 8, pn);
}

static void test_route_literal_paths_match_exactly(void **state)
{
  Arena *a = arena_new();
  Field aArg[8];
  int n;
  assert_true(match(a, "/admin", "/admin", aArg, &n));
  assert_int_equal(n, 0);
  assert_false(match(a, "/admin", "/admin/", aArg, &n));
  assert_false(match(a, "/admin", "/admi", aArg, &n));
  assert_false(match(a, "/admin", "/administration", aArg, &n));
  assert_true(match(a, "/", "/", aArg, &n));
  assert_false(match(a, "/", "", aArg, &n));
  arena_free(a);
}

static void test_route_params_take_one_nonempty_segment(void **state)
{
  Arena *a = arena_new();
  Field aArg[8];
  int n;
  assert_true(match(a, "/communes/{code}", "/communes/2A004", aArg, &n));
  assert_int_equal(n, 1);
  assert_string_equal(aArg[0].zName, "code");
  assert_string_equal(aArg[0].zValue, "2A004");
  assert_false(match(a, "/communes/{code}", "/communes/", aArg, &n));
  assert_false(match(a, "/communes/{code}", "/communes/1/x", aArg, &n));
  assert_true(match(a, "/a/{x}/b/{y}", "/a/1/b/deux", aArg, &n));
  assert_int_equal(n, 2);
  assert_string_equal(aArg[1].zName, "y");
  assert_string_equal(aArg[1].zValue, "deux");
  assert_false(match(a, "/a/{x}/b/{y}", "/a/1/c/2", aArg, &n));
  assert_true(match(a, "/admin/utilisateurs/{id}/role",
                    "/admin/utilisateurs/12/role", aArg, &n));
  assert_string_equal(aArg[0].zValue, "12");
  arena_free(a);
}

static void test_route_rest_param_takes_the_remaining_path(void **state)
{
  Arena *a = arena_new();
  Field aArg[8];
  int n;
  assert_true(match(a, "/static/{rest*}", "/static/css/oasis.css", aArg, &n));
  assert_string_equal(aArg[0].zName, "rest");
  assert_string_equal(aArg[0].zValue, "css/oasis.css");
  assert_false(match(a, "/static/{rest*}", "/static/", aArg, &n));
  assert_false(match(a, "/broken/{x", "/broken/1", aArg, &n));
  arena_free(a);
}

static void test_route_every_table_is_well_formed(void **state)
{
  /* Each pattern starts with '/', methods are GET or POST, and no two
  ** routes share method and pattern (the second would be dead). */
  for (int t = 0; app_route_tables[t]; t++) {
    for (const Route *r = app_route_tables[t]; r->zMethod; r++) {
      assert_true(r->zPattern[0] == '/');
      assert_true(!strcmp(r->zMethod, "GET") || !strcmp(r->zMethod, "POST"));
      assert_non_null(r->xHandler);
      for (int u = 0; app_route_tables[u]; u++) {
        for (const Route *s = app_route_tables[u]; s->zMethod; s++) {
          if (s == r) continue;
          assert_false(!strcmp(r->zMethod, s->zMethod) &&
                       !strcmp(r->zPattern, s->zPattern));
        }
      }
    }
  }
}

/* ---- forms ------------------------------------------------------------ */
static void test_form_decodes_percent_and_plus(void **state)
{
  Arena *a = arena_new();
  Form f = {0};
  Err err = {0};
  const char *z = "nom=Sa%C3%B4ne+et+Loire&vide=&seul&a%2Bb=1%262&x=%7e";
  assert_int_equal(form_parse_urlencoded(a, z, strlen(z), &f, &err), 0);
  assert_string_equal(form_get(&f, "nom"), "Saône et Loire");
  assert_string_equal(form_get(&f, "vide"), "");
  assert_string_equal(form_get(&f, "seul"), "");
  assert_string_equal(form_get(&f, "a+b"), "1&2");
  assert_string_equal(form_get(&f, "x"), "~");
  assert_null(form_get(&f, "absent"));
  arena_free(a);
}

static void test_form_keeps_repeated_fields_in_order(void **state)
{
  Arena *a = arena_new();
  Form f = {0};
  Err err = {0};
  const char *z = "c=1&&c=2&d=x&c=3";
  assert_int_equal(form_parse_urlencoded(a, z, strlen(z), &f, &err), 0);
  assert_int_equal(f.nField, 4);
  assert_string_equal(form_get(&f, "c"), "1");
  assert_string_equal(f.aField[3].zValue, "3");
  arena_free(a);
}

static void test_form_rejects_bad_escapes_utf8_and_nul(void **state)
{
  static const char *aBad[] = {
    "a=%", "a=%4", "a=%G0", "a=%FF", "a=%C3%28", "a=%ED%A0%80", "a=%C0%AF",
    "a=x%00y", "%FF=1", "a=\xC3",
  };
  for (size_t i = 0; i < sizeof aBad / sizeof aBad[0]; i++) {
    Arena *a = arena_new();
    Form f = {0};
    Err err = {0};
    assert_int_equal(form_parse_urlencoded(a, aBad[i], strlen(aBad[i]), &f,
                                           &err), ERR_INPUT);
    assert_int_equal(err.code, ERR_INPUT);
    assert_true(err.zMsg[0] != 0);
    arena_free(a);
  }
  Arena *a = arena_new();
  Form f = {0};
  Err err = {0};
  assert_int_equal(form_parse_urlencoded(a, "a=%C3%28", 8, &f, &err),
                   ERR_INPUT);
  assert_string_equal(err.zField, "a");
  arena_free(a);
}

static void test_form_caps_the_number_of_fields(void **state)
{
  Arena *a = arena_new();
  Str s = STR_INIT;
  for (int i = 0; i <= WEB_MAX_FIELDS; i++) str_appendf(&s, "f%d=1&", i);
  Form f = {0};
  Err err = {0};
  assert_int_equal(form_parse_urlencoded(a, s.z, s.n, &f, &err), ERR_INPUT);
  Form g = {0};
  Err err2 = {0};
  assert_int_equal(form_parse_urlencoded(a, s.z, s.n - 7, &g, &err2), 0);
  assert_int_equal(g.nField, WEB_MAX_FIELDS);
  str_free(&s);
  arena_free(a);
}

static const char zMultipart[] =
    "--B0undary\r\n"
    "Content-Disposition: form-data; name=\"nom\"\r\n\r\n"
    "Clémence; \"Durand\"\r\n"
    "--B0undary\r\n"
    "Content-Disposition: form-data; name=\"piece\"; filename=\"a;b.pdf\"\r\n"
    "Content-Type: application/pdf\r\n\r\n"
    "%PDF\x00\xFF\r\nbin\r\n"
    "--B0undary\r\n"
    "Content-Disposition: form-data; name=\"vide\"\r\n\r\n"
    "\r\n"
    "--B0undary--\r\n";

static void test_multipart_fields_and_files(void **state)
{
  Arena *a = arena_new();
  Form f = {0};
  Err err = {0};
  size_t n = sizeof zMultipart - 1;
  assert_int_equal(form_parse_multipart(a, "multipart/form-data; "
                                        "boundary=B0undary", zMultipart, n,
                                        &f, &err), 0);
  assert_string_equal(form_get(&f, "nom"), "Clémence; \"Durand\"");
  assert_string_equal(form_get(&f, "vide"), "");
  assert_int_equal(f.nFile, 1);
  assert_string_equal(f.azFileField[0], "piece");
  assert_string_equal(f.aFile[0].zName, "a;b.pdf");
  assert_string_equal(f.aFile[0].zType, "application/pdf");
  assert_int_equal(f.aFile[0].nData, 11);
  assert_memory_equal(f.aFile[0].aData, "%PDF\x00\xFF\r\nbin", 11);
  /* Quoted boundary parameter, as some clients send it. */
  Form g = {0};
  assert_int_equal(form_parse_multipart(a, "multipart/form-data; "
                                        "boundary=\"B0undary\"", zMultipart,
                                        n, &g, &err), 0);
  arena_free(a);
}

static void test_multipart_rejects_truncation_and_bad_text(void **state)
{
  Arena *a = arena_new();
  Err err = {0};
  Form f = {0};
  const char *zType = "multipart/form-data; boundary=B0undary";
  /* Every truncation of a valid body fails cleanly (no crash, no field
  ** from a part that never ended). */
  for (size_t n = 0; n < sizeof zMultipart - 3; n++) {
    Form g = {0};
    Err e = {0};
    assert_int_equal(form_parse_multipart(a, zType, zMultipart, n, &g, &e),
                     ERR_INPUT);
  }
  assert_int_equal(form_parse_multipart(a, "multipart/form-data", zMultipart,
                                        sizeof zMultipart - 1, &f, &err),
                   ERR_INPUT);
  const char *zBad = "--B0undary\r\nContent-Disposition: form-data; "
                     "name=\"nom\"\r\n\r\n\xC3\x28\r\n--B0undary--\r\n";
  Form h = {0};
  Err e2 = {0};
  assert_int_equal(form_parse_multipart(a, zType, zBad, strlen(zBad), &h, &e2),
                   ERR_INPUT);
  assert_string_equal(e2.zField, "nom");
  arena_free(a);
}

/* ---- CSRF ------------------------------------------------------------- */
static void test_csrf_token_is_bound_and_checked_exactly(void **state)
{
  unsigned char aKey[32];
  memset(aKey, 7, sizeof aKey);
  csrf_set_key(aKey);
  char zTok[65], zOther[65];
  csrf_token_for("s:abc", zTok);
  assert_int_equal(strlen(zTok), 64);
  assert_true(csrf_token_ok("s:abc", zTok));
  csrf_token_for("s:abd", zOther);
  assert_string_not_equal(zTok, zOther);
  assert_false(csrf_token_ok("s:abd", zTok));
  assert_false(csrf_token_ok("s:abc", NULL));
  assert_false(csrf_token_ok("s:abc", ""));
  char zShort[64];
  memcpy(zShort, zTok, 63);
  zShort[63] = 0;
  assert_false(csrf_token_ok("s:abc", zShort));
  for (int i = 0; i < 64; i += 9) {        /* any one changed digit fails */
    char zBad[65];
    memcpy(zBad, zTok, 65);
    zBad[i] = zBad[i] == '0' ? '1' : '0';
    assert_false(csrf_token_ok("s:abc", zBad));
  }
  /* Another key: other tokens. */
  aKey[0] = 8;
  csrf_set_key(aKey);
  assert_false(csrf_token_ok("s:abc", zTok));
}

static void test_csrf_anonymous_double_submit(void **state)
{
  unsigned char aKey[32] = {1};
  csrf_set_key(aKey);
  web_set_db_path(NULL);
  /* A first visit gets a nonce cookie and a token bound to it. */
  Req *r1 = req_new(NULL, "GET", "/connexion");
  const char *zTok = req_csrf_token(r1);
  assert_true(r1->setAnonCookie);
  assert_non_null(r1->pHeaders);
  assert_true(str_starts(r1->pHeaders->zValue, "oasis_csrf="));
  assert_non_null(strstr(r1->pHeaders->zValue, "HttpOnly"));
  char *zNonce = xstrndup(r1->zAnonNonce, 32);
  char *zTokCopy = xstrdup(zTok);
  req_free(r1);
  /* The POST carrying the cookie and the token passes; without the
  ** cookie, or with another token, it fails. */
  Req *r2 = req_new(NULL, "POST", "/connexion");
  r2->aTestCookie[0] = (Field){WEB_ANON_COOKIE, zNonce};
  r2->nTestCookie = 1;
  form_add(r2->arena, &r2->form, WEB_CSRF_FIELD, zTokCopy);
  assert_int_equal(csrf_check(r2), 0);
  req_free(r2);
  Req *r3 = req_new(NULL, "POST", "/connexion");
  form_add(r3->arena, &r3->form, WEB_CSRF_FIELD, zTokCopy);
  assert_int_equal(csrf_check(r3), -1);
  req_free(r3);
  Req *r4 = req_new(NULL, "POST", "/connexion");
  r4->aTestCookie[0] = (Field){WEB_ANON_COOKIE, zNonce};
  r4->nTestCookie = 1;
  form_add(r4->arena, &r4->form, WEB_CSRF_FIELD_SHORT, zTokCopy);
  assert_int_equal(csrf_check(r4), 0);        /* the short field name too */
  req_free(r4);
  free(zNonce);
  free(zTokCopy);
}

/* ---- sessions (a real temporary database) ----------------------------- */

/* A fresh database in a new directory zDir ("/tmp/oasis-unit-XXXXXX",
** filled in); zDb gets its path. */
static Store *tmp_store(char *zDir, char zDb[128])
{
  Err err = {0};
  assert_non_null(mkdtemp(zDir));
  snprintf(zDb, 128, "%s/t.db", zDir);
  Store *db = store_open(zDb, &err);
  assert_non_null(db);
  return db;
}

/* Remove the directory tmp_store() made. */
static void tmp_store_drop(const char *zDir)
{
  char zCmd[160];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", zDir);
  assert_int_equal(system(zCmd), 0);
}
static void test_session_start_load_end(void **state)
{
  char zDir[] = "/tmp/oasis-unit-XXXXXX";
  assert_non_null(mkdtemp(zDir));
  char zDb[128];
  snprintf(zDb, sizeof zDb, "%s/t.db", zDir);
  web_set_db_path(zDb);
  Store *db = web_thread_db();
  assert_non_null(db);
  Err err = {0};
  int64_t id = 0;
  assert_int_equal(admin_user_create(db, "lea", "Léa", ROLE_AGENT,
                                     "motdepasse-lea", &id, &err), 0);

  Req *r1 = req_new(NULL, "POST", "/connexion");
  assert_int_equal(web_session_start(r1, id, &err), 0);
  const char *zCookie = r1->pHeaders->zValue;
  assert_true(str_starts(zCookie, "oasis_session="));
  char *zId = xstrndup(zCookie + strlen("oasis_session="), 64);
  assert_int_equal(strspn(zId, "0123456789abcdef"), 64);
  req_free(r1);

  Req *r2 = req_new(NULL, "GET", "/");
  r2->aTestCookie[0] = (Field){WEB_SESSION_COOKIE, zId};
  r2->nTestCookie = 1;
  const User *u = req_user(r2);
  assert_non_null(u);
  assert_string_equal(u->zLogin, "lea");
  assert_int_equal(u->role, ROLE_AGENT);
  /* Only the hash is stored, never the id. */
  char zHash[65];
  session_hash(zId, zHash);
  Stmt *q = store_stmt(db, "SELECT count(*) FROM sessions WHERE id_hash = ?1");
  store_bind_text(q, 1, zId);
  assert_int_equal(store_one_int(q, -1), 0);
  q = store_stmt(db, "SELECT count(*) FROM sessions WHERE id_hash = ?1");
  store_bind_text(q, 1, zHash);
  assert_int_equal(store_one_int(q, -1), 1);
  web_session_end(r2);
  req_free(r2);

  Req *r3 = req_new(NULL, "GET", "/");
  r3->aTestCookie[0] = (Field){WEB_SESSION_COOKIE, zId};
  r3->nTestCookie = 1;
  assert_null(req_user(r3));
  req_free(r3);

  /* Idle timeout: a session last seen too long ago is refused. */
  Req *r4 = req_new(NULL, "POST", "/connexion");
  assert_int_equal(web_session_start(r4, id, &err), 0);
  char *zId2 = xstrndup(r4->pHeaders->zValue + strlen("oasis_session="), 64);
  req_free(r4);
  assert_int_equal(store_exec_sql(db, "UPDATE sessions SET seen_at = "
                                  "seen_at - 7201", &err), 0);
  Req *r5 = req_new(NULL, "GET", "/");
  r5->aTestCookie[0] = (Field){WEB_SESSION_COOKIE, zId2};
  r5->nTestCookie = 1;
  assert_null(req_user(r5));
  req_free(r5);

  /* Absolute timeout: an old session is refused even if used recently. */
  Req *r7 = req_new(NULL, "POST", "/connexion");
  assert_int_equal(web_session_start(r7, id, &err), 0);
  char *zId3 = xstrndup(r7->pHeaders->zValue + strlen("oasis_session="), 64);
  req_free(r7);
  assert_int_equal(store_exec_sql(db, "UPDATE sessions SET created_at = "
                                  "created_at - 12 * 3600 - 1", &err), 0);
  Req *r8 = req_new(NULL, "GET", "/");
  r8->aTestCookie[0] = (Field){WEB_SESSION_COOKIE, zId3};
  r8->nTestCookie = 1;
  assert_null(req_user(r8));
  req_free(r8);
  free(zId3);

  /* A malformed cookie is ignored, not looked up. */
  Req *r6 = req_new(NULL, "GET", "/");
  r6->aTestCookie[0] = (Field){WEB_SESSION_COOKIE, "' OR 1=1 --"};
  r6->nTestCookie = 1;
  assert_null(req_user(r6));
  req_free(r6);

  free(zId);
  free(zId2);
  web_thread_db_close();
  web_set_db_path(NULL);
  char zCmd[160];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", zDir);
  assert_int_equal(system(zCmd), 0);
}

static void test_password_hash_verifies_only_the_right_password(void **state)
{
  char zDir[] = "/tmp/oasis-unit-XXXXXX", zDb[128];
  Err err = {0};
  Store *db = tmp_store(zDir, zDb);
  int64_t id = 0, idOut = 0;
  assert_int_equal(admin_user_create(db, "marc", "", ROLE_LECTEUR,
                                     "correct horse", &id, &err), 0);
  Stmt *q = store_stmt(db, "SELECT pw_hash FROM users WHERE id = ?1");
  store_bind_int(q, 1, id);
  assert_int_equal(store_step(q, &err), 1);
  assert_true(str_starts(store_col_text(q, 0), "$argon2id$"));
  store_reset(q);
  assert_int_equal(admin_user_verify(db, "marc", "correct horse", &idOut), 1);
  assert_int_equal(idOut, id);
  assert_int_equal(admin_user_verify(db, "marc", "correct hors", NULL), 0);
  assert_int_equal(admin_user_verify(db, "inconnu", "correct horse", NULL), 0);
  assert_int_equal(admin_user_set_disabled(db, id, 1, &err), 0);
  assert_int_equal(admin_user_verify(db, "marc", "correct horse", NULL), 0);
  Err e2 = {0};
  assert_int_equal(admin_user_create(db, "Marc Majuscule", "", ROLE_AGENT,
                                     "motdepasse", NULL, &e2), ERR_INPUT);
  assert_string_equal(e2.zField, "identifiant");
  store_close(db);
  tmp_store_drop(zDir);
}

/* The audit trail of a record about a person keeps ids, numbers, coded
** fields and field names, never a text that could name someone; other
** records are kept as written. */
static void test_audit_holds_no_identity_for_personal_records(void **state)
{
  static const char *const azPersonal[] = {"trainee", NULL};
  char zDir[] = "/tmp/oasis-unit-XXXXXX", zDb[128];
  Err err = {0};
  Store *db = tmp_store(zDir, zDb);
  web_audit_set_personal(azPersonal);
  json_t *pBefore = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)3,
                              "nom", "Martin", "niveau", "M2");
  json_t *pAfter = json_pack("{s:I, s:s, s:s, s:s, s:[s], s:{s:s, s:I}}",
                             "id", (json_int_t)3, "nom", "Martinez",
                             "courriel", "lea@exemple.fr", "niveau", "M2",
                             "alias", "Léa", "ecole", "nom", "Lycée Léa",
                             "terrain_id", (json_int_t)9);
  assert_int_equal(audit_write(db, 0, "", "trainee", 3, "update", pBefore,
                               pAfter, &err), 0);
  assert_int_equal(audit_write(db, 0, "", "housing", 4, "create", NULL,
                               pBefore, &err), 0);
  json_decref(pBefore);
  json_decref(pAfter);
  Stmt *q = store_stmt(db, "SELECT before_json || after_json FROM audit_log "
                           "WHERE entity = 'trainee'");
  assert_int_equal(store_step(q, &err), 1);
  const char *z = store_col_text(q, 0);
  assert_null(strstr(z, "Martin"));
  assert_null(strstr(z, "lea@"));
  assert_null(strstr(z, "Léa"));
  assert_non_null(strstr(z, "\"nom\":\"(donnée personnelle)\""));
  assert_non_null(strstr(z, "\"niveau\":\"M2\""));
  assert_non_null(strstr(z, "\"terrain_id\":9"));
  store_reset(q);
  q = store_stmt(db, "SELECT after_json FROM audit_log WHERE entity = "
                     "'housing'");
  assert_int_equal(store_step(q, &err), 1);
  assert_non_null(strstr(store_col_text(q, 0), "Martin"));
  store_reset(q);
  web_audit_set_personal(NULL);
  store_close(db);
  tmp_store_drop(zDir);
}

/* ---- error replies ---------------------------------------------------- */
static void test_errors_are_json_under_api_and_french_pages_elsewhere(void **state)
{
  web_set_db_path(NULL);
  Req *r = req_new(NULL, "GET", "/api/v1/x");
  r->isApi = true;
  assert_int_equal(reply_error(r, 404, "introuvable", "Rien ici.", "code"), -1);
  assert_int_equal(r->status, 404);
  assert_string_equal(r->zContentType, "application/json");
  json_t *p = json_loads(str_text(&r->out), 0, NULL);
  assert_non_null(p);
  assert_string_equal(json_string_value(json_object_get(
                          json_object_get(p, "error"), "code")), "introuvable");
  assert_string_equal(json_string_value(json_object_get(
                          json_object_get(p, "error"), "field")), "code");
  json_decref(p);
  req_free(r);

  r = req_new(NULL, "GET", "/page");
  reply_error(r, 404, "introuvable", "Rien <ici>.", NULL);
  assert_int_equal(r->status, 404);
  assert_non_null(strstr(str_text(&r->out), "lang=\"fr\""));
  assert_non_null(strstr(str_text(&r->out), "Page introuvable"));
  assert_non_null(strstr(str_text(&r->out), "Rien &lt;ici&gt;."));
  req_free(r);
}

static void test_incident_reply_carries_the_request_id(void **state)
{
  Req *r = req_new(NULL, "POST", "/admin/utilisateurs");
  Err err = {0};
  err_set(&err, ERR_DB, "disque plein");
  assert_int_equal(strlen(req_id(r)), 12);
  reply_incident(r, &err);
  assert_int_equal(r->status, 500);
  assert_non_null(strstr(str_text(&r->out), req_id(r)));
  assert_null(strstr(str_text(&r->out), "disque plein"));   /* detail: log only */
  bool hasHeader = false;
  for (RespHeader *h = r->pHeaders; h; h = h->pNext) {
    if (!strcmp(h->zName, "X-Incident-Id") && !strcmp(h->zValue, req_id(r))) {
      hasHeader = true;
    }
  }
  assert_true(hasHeader);
  Req *r2 = req_new(NULL, "GET", "/");
  assert_string_not_equal(req_id(r), req_id(r2));
  req_free(r2);
  req_free(r);
}

/* The challenge's number reads as a French speaker writes it. */
static void test_limit_number_words_in_french(void **state)
{
  char z[40];
  limit_number_words(20, z, sizeof z);
  assert_string_equal(z, "vingt");
  limit_number_words(21, z, sizeof z);
  assert_string_equal(z, "vingt et un");
  limit_number_words(47, z, sizeof z);
  assert_string_equal(z, "quarante-sept");
  limit_number_words(61, z, sizeof z);
  assert_string_equal(z, "soixante et un");
  limit_number_words(69, z, sizeof z);
  assert_string_equal(z, "soixante-neuf");
}

/* A window counts from its first hit and starts again once over; keys
** are counted apart. */
static void test_limit_window_counts_per_key(void **state)
{
  long nLeft;
  limit_reset();
  assert_int_equal(limit_take("a|x", 60, 1000, &nLeft), 1);
  assert_int_equal(nLeft, 60);
  assert_int_equal(limit_take("a|x", 60, 1030, &nLeft), 2);
  assert_int_equal(nLeft, 30);
  assert_int_equal(limit_take("a|y", 60, 1030, &nLeft), 1);
  assert_int_equal(limit_take("a|x", 60, 1059, &nLeft), 3);
  assert_int_equal(limit_take("a|x", 60, 1060, &nLeft), 1);
  /* many keys at once: each still counted (slots are reused only when
  ** their window is over, or the oldest when all are busy) */
  for (int i = 0; i < 2000; i++) {
    char zKey[32];
    snprintf(zKey, sizeof zKey, "k|%d", i);
    assert_int_equal(limit_take(zKey, 60, 2000, &nLeft), 1);
  }
  assert_int_equal(limit_take("k|7", 60, 2000, &nLeft), 2);
  limit_reset();
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_route_literal_paths_match_exactly),
    cmocka_unit_test(test_route_params_take_one_nonempty_segment),
    cmocka_unit_test(test_route_rest_param_takes_the_remaining_path),
    cmocka_unit_test(test_route_every_table_is_well_formed),
    cmocka_unit_test(test_form_decodes_percent_and_plus),
    cmocka_unit_test(test_form_keeps_repeated_fields_in_order),
    cmocka_unit_test(test_form_rejects_bad_escapes_utf8_and_nul),
    cmocka_unit_test(test_form_caps_the_number_of_fields),
    cmocka_unit_test(test_multipart_fields_and_files),
    cmocka_unit_test(test_multipart_rejects_truncation_and_bad_text),
    cmocka_unit_test(test_csrf_token_is_bound_and_checked_exactly),
    cmocka_unit_test(test_csrf_anonymous_double_submit),
    cmocka_unit_test(test_session_start_load_end),
    cmocka_unit_test(test_password_hash_verifies_only_the_right_password),
    cmocka_unit_test(test_errors_are_json_under_api_and_french_pages_elsewhere),
    cmocka_unit_test(test_incident_reply_carries_the_request_id),
    cmocka_unit_test(test_limit_number_words_in_french),
    cmocka_unit_test(test_audit_holds_no_identity_for_personal_records),
    cmocka_unit_test(test_limit_window_counts_per_key),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
