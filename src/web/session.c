/*
** web/session.c: server-side sessions.
**
** The cookie holds 256 random bits (64 hex digits); the database keeps
** only their SHA-256, the user and two times, so the idle and absolute
** timeouts are checked here on every request.  A disabled account loses
** its sessions at once (the lookup joins users).  Login always starts a
** new id (session fixation); logout deletes the row.
*/
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "web/internal.h"

/* Seconds without a request after which a session ends: 30 minutes, or
** OASIS_SESSION_IDLE_MINUTES (5 to 720). */
long web_session_idle(void)
{
  const char *z = getenv("OASIS_SESSION_IDLE_MINUTES");
  long n;
  if (z && *z && str_to_long(z, &n) == 0 && n >= 5 && n <= 720) return n * 60;
  return WEB_SESSION_IDLE_DEFAULT;
}

void web_sha256_hex(const void *p, size_t n, char zOut[65])
{
  unsigned char a[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(a, p, n);
  sodium_bin2hex(zOut, 65, a, sizeof a);
}

void session_hash(const char *z, char zOut[65])
{
  web_sha256_hex(z, strlen(z), zOut);
}

static Role session_role(const char *z)
{
  if (strcmp(z, "admin") == 0) return ROLE_ADMIN;
  if (strcmp(z, "agent") == 0) return ROLE_AGENT;
  if (strcmp(z, "lecteur") == 0) return ROLE_LECTEUR;
  return ROLE_PUBLIC;
}

void session_load(Req *req)
{
  if (req->hasAuth) return;
  req->hasAuth = true;
  const char *zId = req_cookie(req, WEB_SESSION_COOKIE);
  if (!zId || strlen(zId) != 64 || strspn(zId, "0123456789abcdef") != 64) {
    return;
  }
  Store *db = req_db(req);
  if (!db) return;
  char zHash[65];
  session_hash(zId, zHash);
  int64_t now = (int64_t)time(NULL);
  Err err = {0};
  Stmt *q = store_stmt(db,
      "SELECT s.created_at, s.seen_at, u.id, u.login, u.name, u.role "
      "FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.id_hash = ?1 AND u.disabled = 0");
  store_bind_text(q, 1, zHash);
  if (store_step(q, &err) != 1) return;
  int64_t tCreated = store_col_int(q, 0), tSeen = store_col_int(q, 1);
  if (now - tSeen > web_session_idle() || now - tCreated > WEB_SESSION_MAX) {
    store_reset(q);
    q = store_stmt(db, "DELETE FROM sessions WHERE id_hash = ?1");
    store_bind_text(q, 1, zHash);
    store_exec(q, &err);
    return;
  }
  req->user.id = store_col_int(q, 2);
  req->user.zLogin = arena_strdup(req->arena, store_col_text(q, 3));
  req->user.zName = arena_strdup(req->arena, store_col_text(q, 4));
  req->user.role = session_role(store_col_text(q, 5));
  req->hasUser = req->user.role != ROLE_PUBLIC;
  store_reset(q);
  memcpy(req->zSessionHash, zHash, sizeof zHash);
  /* Refresh the idle clock at most once a minute: reads stay reads. */
  if (now - tSeen >= 60) {
    q = store_stmt(db, "UPDATE sessions SET seen_at = ?2 WHERE id_hash = ?1");
    store_bind_list(q, STORE_V(zHash), STORE_V(now));
    store_exec(q, &err);
  }
}

int web_session_start(Req *req, int64_t idUser, Err *err)
{
  Store *db = req_db(req);
  if (!db) return err_set(err, ERR_DB, "base de données indisponible");
  web_session_end(req);
  unsigned char a[32];
  char zId[65], zHash[65];
  randombytes_buf(a, sizeof a);
  sodium_bin2hex(zId, sizeof zId, a, sizeof a);
  session_hash(zId, zHash);
  int64_t now = (int64_t)time(NULL);
  Stmt *q = store_stmt(db,
      "DELETE FROM sessions WHERE seen_at < ?1 OR created_at < ?2");
  store_bind_list(q, STORE_V((int64_t)(now - web_session_idle())),
                  STORE_V((int64_t)(now - WEB_SESSION_MAX)));
  if (store_exec(q, err)) return ERR_DB;
  q = store_stmt(db, "INSERT INTO sessions(id_hash, user_id, created_at, "
                     "seen_at) VALUES (?1, ?2, ?3, ?3)");
  store_bind_list(q, STORE_V(zHash), STORE_V(idUser), STORE_V(now));
  if (store_exec(q, err)) return ERR_DB;
  req_set_cookie(req, WEB_SESSION_COOKIE, zId, -1);
  memcpy(req->zSessionHash, zHash, sizeof zHash);
  req->hasAuth = true;        /* never re-read the old cookie */
  req->hasUser = false;       /* the login handler redirects anyway */
  req->zCsrf = NULL;          /* the token follows the new session */
  sodium_memzero(zId, sizeof zId);
  return 0;
}

void web_session_end(Req *req)
{
  session_load(req);
  if (req->zSessionHash[0]) {
    Store *db = req_db(req);
    Err err = {0};
    Stmt *q = store_stmt(db, "DELETE FROM sessions WHERE id_hash = ?1");
    store_bind_text(q, 1, req->zSessionHash);
    if (store_exec(q, &err)) log_warn("session: delete failed");
    req->zSessionHash[0] = 0;
    req_set_cookie(req, WEB_SESSION_COOKIE, "", 0);
  }
  req->hasUser = false;
  req->zCsrf = NULL;
}
