/*
** admin/users.c: the accounts table.
**
** Passwords are stored only as crypto_pwhash_str() strings (Argon2id with
** libsodium's interactive limits), and verified with
** crypto_pwhash_str_verify().  This file holds the SQL; callers open the
** transaction and write the audit entry.
*/
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "base/log.h"
#include "base/str.h"

Role admin_role_parse(const char *z)
{
  if (!z) return ROLE_PUBLIC;
  if (strcmp(z, "admin") == 0) return ROLE_ADMIN;
  if (strcmp(z, "agent") == 0) return ROLE_AGENT;
  if (strcmp(z, "lecteur") == 0) return ROLE_LECTEUR;
  return ROLE_PUBLIC;
}

const char *admin_role_name(Role role)
{
  switch (role) {
  case ROLE_ADMIN: return "admin";
  case ROLE_AGENT: return "agent";
  case ROLE_LECTEUR: return "lecteur";
  default: return "public";
  }
}

const char *admin_role_label(Role role)
{
  switch (role) {
  case ROLE_ADMIN: return "Administrateur";
  case ROLE_AGENT: return "Agent";
  case ROLE_LECTEUR: return "Lecteur";
  default: return "Public";
  }
}

int admin_check_login(const char *zLogin, Err *err)
{
  size_t n = zLogin ? strlen(zLogin) : 0;
  bool isOk = n >= 1 && n <= 64 &&
              strspn(zLogin, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n &&
              strchr("abcdefghijklmnopqrstuvwxyz0123456789", zLogin[0]);
  if (isOk) return 0;
  err_set(err, ERR_INPUT, "identifiant invalide : de 1 à 64 caractères parmi "
          "a-z, 0-9, « . », « _ » et « - », commençant par une lettre ou un "
          "chiffre");
  err_field(err, "identifiant");
  return ERR_INPUT;
}

int admin_check_name(const char *zName, Err *err)
{
  size_t n = zName ? strlen(zName) : 0;
  if (n <= 200 && (!zName || utf8_valid(zName, n))) return 0;
  err_set(err, ERR_INPUT, "nom trop long (200 caractères au plus)");
  err_field(err, "nom");
  return ERR_INPUT;
}


/* Argon2id hash of zPassword into zOut; ERR_INTERNAL when out of memory. */
static int admin_hash(const char *zPassword, char zOut[crypto_pwhash_STRBYTES],
                      Err *err)
{
  if (crypto_pwhash_str(zOut, zPassword, strlen(zPassword),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return err_set(err, ERR_INTERNAL, "calcul de l'empreinte du mot de passe "
                   "impossible (mémoire)");
  }
  return 0;
}

int admin_user_create(Store *db, const char *zLogin, const char *zName,
                      Role role, const char *zPassword, int64_t *pId, Err *err)
{
  char zHash[crypto_pwhash_STRBYTES];
  if (admin_check_login(zLogin, err) || admin_check_name(zName, err) ||
      admin_check_password(zPassword, err)) {
    return ERR_INPUT;
  }
  if (role == ROLE_PUBLIC) {
    err_set(err, ERR_INPUT, "rôle inconnu (admin, agent ou lecteur)");
    err_field(err, "role");
    return ERR_INPUT;
  }
  if (admin_user_id(db, zLogin)) {
    err_set(err, ERR_INPUT, "l'identifiant « %s » existe déjà", zLogin);
    err_field(err, "identifiant");
    return ERR_INPUT;
  }
  if (admin_hash(zPassword, zHash, err)) return ERR_INTERNAL;
  Stmt *q = store_stmt(db, "INSERT INTO users(login, name, role, pw_hash) "
                           "VALUES (?1, ?2, ?3, ?4)");
  store_bind_list(q, STORE_V(zLogin), STORE_V(zName ? zName : ""),
                  STORE_V(admin_role_name(role)), STORE_V(zHash));
  int rc = store_exec(q, err);
  sodium_memzero(zHash, sizeof zHash);
  if (rc) return rc;
  if (pId) *pId = store_last_id(db);
  return 0;
}

/* Check that one row changed (the account exists). */
static int admin_changed_one(Store *db, Err *err)
{
  if (store_changes(db) == 1) return 0;
  return err_set(err, ERR_NOTFOUND, "compte introuvable");
}

int admin_user_set_password(Store *db, int64_t id, const char *zPassword,
                            Err *err)
{
  char zHash[crypto_pwhash_STRBYTES];
  if (admin_check_password(zPassword, err)) return ERR_INPUT;
  if (admin_hash(zPassword, zHash, err)) return ERR_INTERNAL;
  Stmt *q = store_stmt(db, "UPDATE users SET pw_hash = ?2, updated_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
  store_bind_int(q, 1, id);
  store_bind_text(q, 2, zHash);
  int rc = store_exec(q, err);
  sodium_memzero(zHash, sizeof zHash);
  if (rc) return rc;
  /* A new password ends every open session of the account. */
  if ((rc = admin_changed_one(db, err))) return rc;
  q = store_stmt(db, "DELETE FROM sessions WHERE user_id = ?1");
  store_bind_int(q, 1, id);
  return store_exec(q, err);
}

int admin_user_set_role(Store *db, int64_t id, Role role, Err *err)
{
  if (role == ROLE_PUBLIC) {
    err_set(err, ERR_INPUT, "rôle inconnu (admin, agent ou lecteur)");
    err_field(err, "role");
    return ERR_INPUT;
  }
  Stmt *q = store_stmt(db, "UPDATE users SET role = ?2, updated_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
  store_bind_int(q, 1, id);
  store_bind_text(q, 2, admin_role_name(role));
  int rc = store_exec(q, err);
  return rc ? rc : admin_changed_one(db, err);
}

int admin_user_set_name(Store *db, int64_t id, const char *zName, Err *err)
{
  if (admin_check_name(zName, err)) return ERR_INPUT;
  Stmt *q = store_stmt(db, "UPDATE users SET name = ?2, updated_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
  store_bind_int(q, 1, id);
  store_bind_text(q, 2, zName ? zName : "");
  int rc = store_exec(q, err);
  return rc ? rc : admin_changed_one(db, err);
}

int admin_user_set_disabled(Store *db, int64_t id, int isDisabled, Err *err)
{
  Stmt *q = store_stmt(db, "UPDATE users SET disabled = ?2, updated_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
  store_bind_int(q, 1, id);
  store_bind_int(q, 2, isDisabled ? 1 : 0);
  int rc = store_exec(q, err);
  if (rc || (rc = admin_changed_one(db, err))) return rc;
  if (!isDisabled) return 0;
  q = store_stmt(db, "DELETE FROM sessions WHERE user_id = ?1");
  store_bind_int(q, 1, id);
  return store_exec(q, err);
}

int64_t admin_user_id(Store *db, const char *zLogin)
{
  Stmt *q = store_stmt(db, "SELECT id FROM users WHERE login = ?1");
  store_bind_text(q, 1, zLogin);
  return store_one_int(q, 0);
}

json_t *admin_user_json(Store *db, int64_t id)
{
  Err err = {0};
  json_t *p = NULL;
  Stmt *q = store_stmt(db, "SELECT login, name, role, disabled FROM users "
                           "WHERE id = ?1");
  store_bind_int(q, 1, id);
  if (store_step(q, &err) == 1) {
    p = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)id,
                  "login", store_col_text(q, 0), "name", store_col_text(q, 1),
                  "role", store_col_text(q, 2), "disabled",
                  (int)store_col_int(q, 3));
    store_reset(q);
  }
  return p;
}

int admin_count_admins(Store *db)
{
  Stmt *q = store_stmt(db, "SELECT count(*) FROM users WHERE role = 'admin' "
                           "AND disabled = 0");
  return (int)store_one_int(q, 0);
}

static char zDummyHash[crypto_pwhash_STRBYTES];
static pthread_once_t dummyOnce = PTHREAD_ONCE_INIT;

/* A hash to verify against when the login is unknown, so that a wrong
** login costs the same time as a wrong password. */
static void admin_make_dummy(void)
{
  unsigned char a[16];
  char zPw[33];
  randombytes_buf(a, sizeof a);
  sodium_bin2hex(zPw, sizeof zPw, a, sizeof a);
  if (crypto_pwhash_str(zDummyHash, zPw, strlen(zPw),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    zDummyHash[0] = 0;
  }
}

int admin_user_verify(Store *db, const char *zLogin, const char *zPassword,
                      int64_t *pId)
{
  char zHash[crypto_pwhash_STRBYTES] = "";
  int64_t id = 0;
  Err err = {0};
  Stmt *q = store_stmt(db, "SELECT id, pw_hash FROM users WHERE login = ?1 "
                           "AND disabled = 0");
  store_bind_text(q, 1, zLogin ? zLogin : "");
  if (store_step(q, &err) == 1) {
    id = store_col_int(q, 0);
    snprintf(zHash, sizeof zHash, "%s", store_col_text(q, 1));
    store_reset(q);
  }
  if (!zPassword) zPassword = "";
  if (!id) {
    pthread_once(&dummyOnce, admin_make_dummy);
    if (zDummyHash[0] &&
        crypto_pwhash_str_verify(zDummyHash, zPassword, strlen(zPassword)) ==
            0) {
      log_warn("auth: a random password was guessed");   /* cannot happen */
    }
    return 0;
  }
  if (crypto_pwhash_str_verify(zHash, zPassword, strlen(zPassword)) != 0) {
    return 0;
  }
  if (pId) *pId = id;
  return 1;
}

/*
** Forget the failed logins of account zLogin: its own count and those of
** every (zLogin, address) pair.  *pnCleared (when not NULL) gets how many
** counters were dropped.  The address counters stay: they protect every
** account, not this one.
*/
int admin_login_unlock(Store *db, const char *zLogin, int *pnCleared,
                       Err *err)
{
  Stmt *q = store_stmt(db,
      "DELETE FROM login_failures WHERE (kind = 'login' AND key = ?1)"
      "  OR (kind = 'pair' AND substr(key, 1, length(?1) + 1) = ?1 || '|')");
  store_bind_text(q, 1, zLogin);
  int rc = store_exec(q, err);
  if (!rc && pnCleared) *pnCleared = store_changes(db);
  return rc;
}
