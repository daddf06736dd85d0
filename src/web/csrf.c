/*
** web/csrf.c: tokens that prove a POST comes from one of our own pages.
**
** A token is HMAC-SHA-256(server key, binding) in hex.  The binding is
** "s:" + the session id hash for a signed-in user (so the token changes
** when the id is renewed at login), or "a:" + a random nonce kept in an
** HttpOnly cookie for anonymous visitors (a signed double-submit cookie:
** public forms such as the simulator POST too).  Nothing is stored per
** token.  The key lives in the settings table so tokens survive restarts.
*/
#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "base/log.h"
#include "web/internal.h"

static unsigned char aKey[crypto_auth_hmacsha256_KEYBYTES];
static pthread_once_t keyOnce = PTHREAD_ONCE_INIT;
static bool hasKey;

void csrf_set_key(const unsigned char aNew[32])
{
  memcpy(aKey, aNew, sizeof aKey);
  hasKey = true;
}

/* Load the key from settings, or make one and store it. */
static void csrf_load_key(void)
{
  if (hasKey) return;
  Store *db = web_thread_db();
  if (db) {
    Stmt *q = store_stmt(db, "SELECT value FROM settings WHERE key = 'csrf_key'");
    Err err = {0};
    if (store_step(q, &err) == 1) {
      const char *zHex = store_col_text(q, 0);
      size_t nBin = 0;
      if (sodium_hex2bin(aKey, sizeof aKey, zHex, strlen(zHex), NULL, &nBin,
                         NULL) == 0 && nBin == sizeof aKey) {
        hasKey = true;
      }
    }
    store_reset(q);
    if (hasKey) return;
    randombytes_buf(aKey, sizeof aKey);
    char zHex[2 * sizeof aKey + 1];
    sodium_bin2hex(zHex, sizeof zHex, aKey, sizeof aKey);
    q = store_stmt(db, "INSERT OR REPLACE INTO settings(key, value) "
                       "VALUES ('csrf_key', ?1)");
    store_bind_text(q, 1, zHex);
    if (store_exec(q, &err)) log_warn("csrf: key not saved");
  } else {
    randombytes_buf(aKey, sizeof aKey);
  }
  hasKey = true;
}

const unsigned char *csrf_key(void)
{
  pthread_once(&keyOnce, csrf_load_key);
  return aKey;
}

void csrf_token_for(const char *zBind, char zOut[65])
{
  unsigned char aMac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(aMac, (const unsigned char *)zBind, strlen(zBind),
                         csrf_key());
  sodium_bin2hex(zOut, 65, aMac, sizeof aMac);
}

/* Constant-time: the time taken says nothing about how much matched. */
bool csrf_token_ok(const char *zBind, const char *zToken)
{
  char zWant[65];
  if (!zToken || strlen(zToken) != 64) return false;
  csrf_token_for(zBind, zWant);
  return sodium_memcmp(zWant, zToken, 64) == 0;
}

/* The binding of this request: session or anonymous nonce (made and
** queued as a cookie on first need).  NULL never. */
static const char *csrf_binding(Req *req, bool canCreate)
{
  session_load(req);
  if (req->zSessionHash[0]) {
    return arena_printf(req->arena, "s:%s", req->zSessionHash);
  }
  if (!req->zAnonNonce) {
    const char *z = req_cookie(req, WEB_ANON_COOKIE);
    if (z && strlen(z) == 32 && strspn(z, "0123456789abcdef") == 32) {
      req->zAnonNonce = z;
    } else if (canCreate) {
      unsigned char a[16];
      char *zHex = arena_alloc(req->arena, 33);
      randombytes_buf(a, sizeof a);
      sodium_bin2hex(zHex, 33, a, sizeof a);
      req->zAnonNonce = zHex;
      req->setAnonCookie = true;
      req_set_cookie(req, WEB_ANON_COOKIE, zHex, -1);
    } else {
      return NULL;
    }
  }
  return arena_printf(req->arena, "a:%s", req->zAnonNonce);
}

const char *req_csrf_token(Req *req)
{
  if (!req->zCsrf) {
    char *z = arena_alloc(req->arena, 65);
    csrf_token_for(csrf_binding(req, true), z);
    req->zCsrf = z;
  }
  return req->zCsrf;
}

int csrf_check(Req *req)
{
  const char *zToken = req_header(req, WEB_CSRF_HEADER);
  if (!zToken) zToken = form_get(&req->form, WEB_CSRF_FIELD);
  if (!zToken) zToken = form_get(&req->form, WEB_CSRF_FIELD_SHORT);
  const char *zBind = csrf_binding(req, false);
  if (!zBind || !csrf_token_ok(zBind, zToken)) return -1;
  return 0;
}
