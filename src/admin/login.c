/*
** admin/login.c: the login and logout pages, failed-login throttling, the
** first admin account and /api/v1/moi.
**
** Throttling: failures are counted three ways in login_failures.
**   - per (account, address): free for 3, then 1, 2, 4 … 64 s, and from
**     10 failures the pair is locked for 15 minutes;
**   - per account, from any address: the same doubling delays, capped at
**     60 s, never a lock, so nobody can lock another person out;
**   - per address, across accounts (many users behind one NAT): free for
**     20, then 2 s more per failure, locked from 50.
** A wait is answered 429 with Retry-After.  A count restarts after a quiet
** hour, or once a lock has run its course (a failure every 15 minutes does
** not keep an account locked).  A success clears the account's and the
** pair's counts; `oasis user unlock LOGIN` clears them from the command
** line.  Passwords are checked in admin/users.c.
*/
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin/admin.h"
#include "base/log.h"

#define AUTH_FORGET 3600000    /* ms without failure: the count restarts */
#define AUTH_LOCK 900000       /* lockout length (ms) */

/* Failures after which a pair, or an address, is locked. */
#define AUTH_LOCK_PAIR 10
#define AUTH_LOCK_IP 50
#define AUTH_LOGIN_CAP 60000   /* per-account delay never exceeds this (ms) */

/*
** Milliseconds an attempt must still wait after nFail failures of kind
** zKind ("pair", "login", "ip"), the last at tLast (ms).
*/
static long auth_wait(const char *zKind, long nFail, int64_t tLast,
                      int64_t now)
{
  long nDelay;
  if (now - tLast > AUTH_FORGET) return 0;
  if (zKind[0] == 'i') {
    if (nFail < 20) return 0;
    nDelay = nFail >= AUTH_LOCK_IP ? AUTH_LOCK : 2000L * (nFail - 19);
  } else {
    if (nFail < 3) return 0;
    nDelay = nFail >= AUTH_LOCK_PAIR ? AUTH_LOCK : 1000L << (nFail - 3);
    if (zKind[0] == 'l' && nDelay > AUTH_LOGIN_CAP) nDelay = AUTH_LOGIN_CAP;
  }
  long nLeft = (long)(tLast + nDelay - now);
  return nLeft > 0 ? nLeft : 0;
}

/* Wall clock in milliseconds (failure times outlive restarts). */
static int64_t auth_now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long auth_wait_for(Store *db, const char *zKind, const char *zKey,
                          int64_t now)
{
  Err err = {0};
  long nWait = 0;
  Stmt *q = store_stmt(db, "SELECT n_fail, last_at FROM login_failures "
                           "WHERE kind = ?1 AND key = ?2");
  store_bind_text(q, 1, zKind);
  store_bind_text(q, 2, zKey);
  if (store_step(q, &err) == 1) {
    nWait = auth_wait(zKind, (long)store_col_int(q, 0), store_col_int(q, 1),
                      now);
    store_reset(q);
  }
  return nWait;
}

static void auth_record_failure(Store *db, const char *zKind,
                                const char *zKey, int64_t now)
{
  Err err = {0};
  Stmt *q = store_stmt(db,
      "INSERT INTO login_failures(kind, key, n_fail, last_at) "
      "VALUES (?1, ?2, 1, ?3) ON CONFLICT(kind, key) DO UPDATE SET "
      "n_fail = CASE WHEN ?3 - last_at > ?4 THEN 1"
      "  WHEN kind <> 'login' AND n_fail >= ?6 AND ?3 - last_at > ?5 THEN 1"
      "  ELSE n_fail + 1 END, "
      "last_at = ?3");
  store_bind_list(q, STORE_V(zKind), STORE_V(zKey), STORE_V(now),
                  STORE_V(AUTH_FORGET), STORE_V(AUTH_LOCK),
                  STORE_V(zKind[0] == 'i' ? AUTH_LOCK_IP : AUTH_LOCK_PAIR));
  if (store_exec(q, &err)) log_warn("auth: failure not recorded");
}

/* The local path to go to after login, or "/" (never another site). */
static const char *auth_next(const char *z)
{
  return web_local_path(z) ? z : "/";
}

/* The error of the last try (if any), then <form> to zAction carrying
** the page to go to after login (field "suite"). */
static void auth_form_open(Req *req, const char *zError, const char *zAction,
                           const char *zNext)
{
  if (zError) {
    html_printf(req, "<p class=\"error\" role=\"alert\">%h</p>\n", zError);
  }
  form_begin(req, zAction);
  html_printf(req, "<input type=\"hidden\" name=\"suite\" value=\"%h\">\n",
              zNext);
}

static void auth_form(Req *req, const char *zLogin, const char *zError)
{
  page_begin(req, "Connexion");
  html_printf(req, "<h1>Connexion</h1>\n");
  const User *u = req_user(req);
  if (u) {
    html_printf(req, "<p>Vous êtes connecté(e) en tant que <strong>%h"
                "</strong>.</p>\n", u->zName[0] ? u->zName : u->zLogin);
    form_begin(req, "/deconnexion");
    html_printf(req, "<button type=\"submit\">Se déconnecter</button>\n");
    form_end(req);
    page_end(req);
    return;
  }
  auth_form_open(req, zError, "/connexion",
                 auth_next(req_form(req, "suite") ? req_form(req, "suite")
                                                  : req_query(req, "suite")));
  html_printf(req,
      "<p><label for=\"identifiant\">Identifiant</label>\n"
      "<input id=\"identifiant\" name=\"identifiant\" type=\"text\" "
      "autocomplete=\"username\" required value=\"%h\"></p>\n"
      "<p><label for=\"mot_de_passe\">Mot de passe</label>\n"
      "<input id=\"mot_de_passe\" name=\"mot_de_passe\" type=\"password\" "
      "autocomplete=\"current-password\" required></p>\n"
      "<p><button type=\"submit\">Se connecter</button></p>\n",
      zLogin ? zLogin : "");
  form_end(req);
  page_end(req);
}

/* Seconds the login zLogin must still wait from this address (its own
** count, the pair's and the address's); when > 0, Retry-After and the
** 429 status are already set. */
static long auth_wait_or_429(Req *req, Store *db, const char *zLogin,
                             int64_t now)
{
  const char *zIp = req_client_ip(req);
  const char *zPair = arena_printf(req_arena(req), "%s|%s", zLogin, zIp);
  long nWait = auth_wait_for(db, "login", zLogin, now);
  long nWaitPair = auth_wait_for(db, "pair", zPair, now);
  long nWaitIp = auth_wait_for(db, "ip", zIp, now);
  if (nWaitPair > nWait) nWait = nWaitPair;
  if (nWaitIp > nWait) nWait = nWaitIp;
  if (nWait <= 0) return 0;
  char zWait[32];
  nWait = (nWait + 999) / 1000;          /* whole seconds, rounded up */
  snprintf(zWait, sizeof zWait, "%ld", nWait);
  reply_header(req, "Retry-After", zWait);
  reply_status(req, 429);
  return nWait;
}

/* A failed attempt (a wrong password or second-factor code) of zLogin
** from this address: counted the three ways. */
static void auth_fail(Req *req, Store *db, const char *zLogin, int64_t now)
{
  const char *zIp = req_client_ip(req);
  auth_record_failure(db, "login", zLogin, now);
  auth_record_failure(db, "pair", arena_printf(req_arena(req), "%s|%s",
                                               zLogin, zIp), now);
  auth_record_failure(db, "ip", zIp, now);
  log_info("auth: failed login (incident %s)", req_id(req));
}

static void auth_open_session(Req *req, Store *db, int64_t id,
                              const char *zLogin);

/* ---- second factor ------------------------------------------------------
** After the right password of an account with TOTP on, the page asks a
** code.  The form carries a ticket "ID.EXPIRY.MAC": the account, five
** minutes to answer, an HMAC under a key made at start (a restart asks to
** log in again) bound to the client address and the next page. */
#define AUTH_TICKET_TTL 300
static unsigned char aTicketKey[crypto_auth_KEYBYTES];
static pthread_once_t ticketOnce = PTHREAD_ONCE_INIT;

static void auth_ticket_init(void)
{
  randombytes_buf(aTicketKey, sizeof aTicketKey);
}

static void auth_ticket_mac(Req *req, int64_t id, long long tExp,
                            const char *zNext, char zHex[65])
{
  unsigned char aMac[crypto_auth_BYTES];
  pthread_once(&ticketOnce, auth_ticket_init);
  const char *z = arena_printf(req_arena(req), "totp|%lld|%lld|%s|%s",
                               (long long)id, tExp, req_client_ip(req), zNext);
  crypto_auth(aMac, (const unsigned char *)z, strlen(z), aTicketKey);
  sodium_bin2hex(zHex, 65, aMac, sizeof aMac);
}

static void auth_code_form(Req *req, int64_t id, const char *zLogin,
                           const char *zError)
{
  const char *zNext = auth_next(req_form(req, "suite"));
  long long tExp = (long long)time(NULL) + AUTH_TICKET_TTL;
  char zMac[65];
  auth_ticket_mac(req, id, tExp, zNext, zMac);
  page_begin(req, "Connexion : code de vérification");
  html_printf(req, "<h1>Code de vérification</h1>\n"
              "<p>Le compte <strong>%h</strong> est protégé par une double "
              "authentification. Saisissez le code à 6 chiffres affiché par "
              "votre application, ou un de vos codes de secours.</p>\n",
              zLogin);
  auth_form_open(req, zError, "/connexion/code", zNext);
  html_printf(req,
      "<input type=\"hidden\" name=\"ticket\" value=\"%lld.%lld.%h\">\n"
      "<p><label for=\"code\">Code de vérification</label>\n"
      "<input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\" "
      "autocomplete=\"one-time-code\" required autofocus></p>\n"
      "<p><button type=\"submit\">Valider</button></p>\n",
      (long long)id, tExp, zMac);
  form_end(req);
  page_end(req);
}

/* POST /connexion/code: the second step of a login.
** ROUTE: POST /connexion/code public
*/
void auth_post_code(Req *req)
{
  Store *db = req_db(req);
  const char *zTicket = req_form(req, "ticket");
  const char *zNext = auth_next(req_form(req, "suite"));
  long long id = 0, tExp = 0;
  char zMac[65], zWant[65];
  int nUsed = 0;
  int64_t now = auth_now_ms();
  if (!zTicket || sscanf(zTicket, "%lld.%lld.%64[0-9a-f]%n", &id, &tExp, zMac,
                         &nUsed) != 3 || zTicket[nUsed]) {
    reply_status(req, 400);
    auth_form(req, NULL, "Connexion interrompue : recommencez.");
    return;
  }
  auth_ticket_mac(req, id, tExp, zNext, zWant);
  json_t *pUser = admin_user_json(db, id);
  const char *zLogin = json_string_value(json_object_get(pUser, "login"));
  if (sodium_memcmp(zMac, zWant, 64) != 0 || tExp < (long long)time(NULL) ||
      !zLogin || json_is_true(json_object_get(pUser, "disabled"))) {
    json_decref(pUser);
    reply_status(req, 400);
    auth_form(req, NULL, "Le délai pour saisir le code est passé : "
              "reconnectez-vous.");
    return;
  }
  zLogin = arena_strdup(req_arena(req), zLogin);
  json_decref(pUser);
  long nWait = auth_wait_or_429(req, db, zLogin, now);
  if (nWait > 0) {
    auth_code_form(req, id, zLogin, html_mprintf(req, "Trop de tentatives "
                   "infructueuses : réessayez dans %d seconde(s).",
                   (int)nWait));
    return;
  }
  if (!admin_totp_verify(db, id, req_form(req, "code"), now / 1000)) {
    auth_fail(req, db, zLogin, now);
    reply_status(req, 401);
    auth_code_form(req, id, zLogin, "Code incorrect ou déjà utilisé.");
    return;
  }
  auth_open_session(req, db, id, zLogin);
}

/* ROUTE: GET /connexion public unlisted */
void auth_page_login(Req *req)
{
  auth_form(req, NULL, NULL);
}

/* ROUTE: POST /connexion public */
void auth_post_login(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  const char *zLogin = req_form(req, "identifiant");
  const char *zPassword = req_form(req, "mot_de_passe");
  int64_t now = auth_now_ms(), id = 0;
  if (!db) {
    err_set(&err, ERR_DB, "base de données indisponible");
    reply_incident(req, &err);
    return;
  }
  if (!zLogin || !zLogin[0] || !zPassword) {
    reply_status(req, 400);
    auth_form(req, zLogin, "Saisissez votre identifiant et votre mot de passe.");
    return;
  }
  if (strlen(zLogin) > 64) zLogin = arena_strndup(req_arena(req), zLogin, 64);
  long nWait = auth_wait_or_429(req, db, zLogin, now);
  if (nWait > 0) {
    auth_form(req, zLogin, html_mprintf(req, "Trop de tentatives "
              "infructueuses : réessayez dans %d seconde(s).", (int)nWait));
    return;
  }
  if (!admin_user_verify(db, zLogin, zPassword, &id)) {
    auth_fail(req, db, zLogin, now);
    reply_status(req, 401);
    auth_form(req, zLogin, "Identifiant ou mot de passe incorrect.");
    return;
  }
  if (admin_totp_state(db, id) == TOTP_ON) {
    auth_code_form(req, id, zLogin, NULL);
    return;
  }
  auth_open_session(req, db, id, zLogin);
}

/* The login succeeded (and its second factor): a new session, the
** failures of the login forgotten, audited, and on to the next page. */
static void auth_open_session(Req *req, Store *db, int64_t id,
                              const char *zLogin)
{
  Err err = {0};
  int rc = store_begin(db, &err);
  if (!rc) rc = admin_login_unlock(db, zLogin, NULL, &err);
  if (!rc) rc = web_session_start(req, id, &err);
  if (!rc) {
    rc = audit_write(db, id, zLogin, "session", id, "login", NULL, NULL, &err);
  }
  if (rc) {
    store_rollback(db, rc);
    reply_incident(req, &err);
    return;
  }
  if ((rc = store_commit(db, &err))) {
    reply_incident(req, &err);
    return;
  }
  reply_redirect(req, auth_next(req_form(req, "suite")));
}

/* ROUTE: POST /deconnexion public */
void auth_post_logout(Req *req)
{
  const User *u = req_user(req);
  if (u) {
    Err err = {0};
    audit_log(req, "session", u->id, "logout", NULL, NULL, &err);
  }
  web_session_end(req);
  reply_redirect(req, "/connexion");
}

/* ROUTE: GET /api/v1/moi lecteur api */
void auth_api_me(Req *req)
{
  const User *u = req_user(req);
  reply_json(req, 200, json_pack("{s:s, s:s, s:s, s:s}", "login", u->zLogin,
                                 "name", u->zName, "role",
                                 admin_role_name(u->role), "csrf",
                                 req_csrf_token(req)));
}

/* POST /api/v1/moi {"name": "…"}: change one's own display name.
** ROUTE: POST /api/v1/moi lecteur api
*/
void auth_api_me_update(Req *req)
{
  const User *u = req_user(req);
  Store *db = req_db(req);
  json_t *pBody = req_json(req);
  json_t *pName = json_object_get(pBody, "name");
  Err err = {0};
  if (!json_is_object(pBody) || !json_is_string(pName)) {
    reply_error(req, 400, "saisie_invalide", "Objet JSON attendu avec un "
                "champ « name » (texte).", "name");
    return;
  }
  const char *zName = json_string_value(pName);
  if (strlen(zName) != json_string_length(pName)) {
    reply_error(req, 400, "saisie_invalide", "Le nom ne peut pas contenir de "
                "caractère nul.", "name");
    return;
  }
  json_t *pBefore = admin_user_json(db, u->id), *pAfter = NULL;
  int rc = store_begin(db, &err);
  if (!rc) {
    rc = admin_user_set_name(db, u->id, zName, &err);
    if (!rc) {
      pAfter = admin_user_json(db, u->id);
      rc = audit_log(req, "user", u->id, "update", pBefore, pAfter, &err);
    }
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  }
  json_decref(pBefore);
  if (rc == ERR_INPUT) {
    reply_input_error(req, &err);
  } else if (rc) {
    reply_incident(req, &err);
  } else {
    reply_json(req, 200, json_pack("{s:o}", "user", pAfter));
    pAfter = NULL;
  }
  json_decref(pAfter);
}

int admin_bootstrap(Store *db, Err *err)
{
  if (admin_count_admins(db) > 0) return 0;
  const char *zEnv = getenv("OASIS_ADMIN_PASSWORD");
  char zPw[33];
  if (zEnv && zEnv[0]) {
    snprintf(zPw, sizeof zPw, "%s", zEnv);
    if (strlen(zEnv) >= sizeof zPw) {
      return err_set(err, ERR_INPUT, "OASIS_ADMIN_PASSWORD : 32 caractères "
                     "au plus");
    }
  } else {
    unsigned char a[12];
    randombytes_buf(a, sizeof a);
    sodium_bin2base64(zPw, sizeof zPw, a, sizeof a,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  }
  int64_t id = 0;
  int rc = store_begin(db, err);
  if (rc) return rc;
  int64_t idOld = admin_user_id(db, "admin");
  if (idOld) {
    /* `admin` exists but is disabled or demoted: restore it. */
    rc = admin_user_set_role(db, idOld, ROLE_ADMIN, err);
    if (!rc) rc = admin_user_set_disabled(db, idOld, 0, err);
    if (!rc) rc = admin_user_set_password(db, idOld, zPw, err);
    id = idOld;
  } else {
    rc = admin_user_create(db, "admin", "Administrateur", ROLE_ADMIN, zPw,
                           &id, err);
  }
  json_t *pAfter = rc ? NULL : admin_user_json(db, id);
  if (!rc) rc = audit_write(db, 0, "", "user", id, "bootstrap", NULL, pAfter,
                            err);
  json_decref(pAfter);
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (!rc && !(zEnv && zEnv[0])) {
    fprintf(stderr, "oasis : compte « admin » créé, mot de passe : %s\n"
                    "        (affiché une seule fois : notez-le)\n", zPw);
  }
  sodium_memzero(zPw, sizeof zPw);
  return rc;
}
