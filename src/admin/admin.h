/*
** admin/admin.h: accounts and the audit log.
**
** users.c owns the users table (Argon2id hashes through libsodium);
** pages.c the /admin pages and the audit log's reader; login.c the login
** and logout pages, failed-login throttling and /api/v1/moi.  The audit
** writer itself is the web layer's (web/audit.c).
*/
#ifndef OASIS_ADMIN_H
#define OASIS_ADMIN_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"
#include "web/web.h"

/* Roles as stored: "admin", "agent", "lecteur"; ROLE_PUBLIC when unknown. */
Role admin_role_parse(const char *z);
const char *admin_role_name(Role role);
/* French label: "Administrateur", "Agent", "Lecteur". */
const char *admin_role_label(Role role);

/* Check a login name ([a-z0-9._-], 1-64, starting with a letter or digit),
** a display name (UTF-8, at most 200 bytes) and a password (12 characters
** to 1,024 bytes, 5 different characters, not a common password:
** password.c).  0 or ERR_INPUT with err's field set. */
int admin_check_login(const char *zLogin, Err *err);
int admin_check_name(const char *zName, Err *err);
int admin_check_password(const char *zPassword, Err *err);
/* 1 when zPassword is in the embedded common-password list (any case). */
int admin_password_is_common(const char *zPassword);

/* Create an account; *pId gets its id.  ERR_INPUT when the login is taken
** or a value is invalid.  No transaction of its own: callers audit. */
int admin_user_create(Store *db, const char *zLogin, const char *zName,
                      Role role, const char *zPassword, int64_t *pId, Err *err);
int admin_user_set_password(Store *db, int64_t id, const char *zPassword,
                            Err *err);
int admin_user_set_role(Store *db, int64_t id, Role role, Err *err);
int admin_user_set_name(Store *db, int64_t id, const char *zName, Err *err);
/* Disable (isDisabled 1) or enable; disabling ends the user's sessions. */
int admin_user_set_disabled(Store *db, int64_t id, int isDisabled, Err *err);
/* Id of the account zLogin, or 0. */
int64_t admin_user_id(Store *db, const char *zLogin);
/* {"id","login","name","role","disabled"} of account id, or NULL. New
** reference: the caller decrefs. */
json_t *admin_user_json(Store *db, int64_t id);
/* Number of enabled admin accounts. */
int admin_count_admins(Store *db);
/* 1 and *pId when zLogin exists, is enabled and zPassword matches, else
** 0.  Takes the same time whether or not the login exists. */
int admin_user_verify(Store *db, const char *zLogin, const char *zPassword,
                      int64_t *pId);

/* Forget the failed logins of zLogin (its own and its (login, address)
** pairs'); *pnCleared, when not NULL, gets the number of counters dropped. */
int admin_login_unlock(Store *db, const char *zLogin, int *pnCleared,
                       Err *err);

/* ---- second factor (totp.c) ------------------------------------------ */
enum { TOTP_NONE = 0, TOTP_PENDING = 1, TOTP_ON = 2 };
/* Base32 (RFC 4648, no padding) of a[0..n-1] into zOut (8n/5+2 bytes). */
void admin_base32_encode(const unsigned char *a, size_t n, char *zOut);
/* Bytes decoded from base32 z (case, spaces and dashes ignored) into
** aOut[0..nMax-1]: their count, or -1. */
int admin_base32_decode(const char *z, unsigned char *aOut, size_t nMax);
/* RFC 6238 TOTP (HMAC-SHA-256) of key a[0..n-1] at time step iStep. */
unsigned long admin_totp_code(const unsigned char *a, size_t n,
                              int64_t iStep, int nDigits);
/* TOTP_NONE, TOTP_PENDING (secret made, not confirmed) or TOTP_ON. */
int admin_totp_state(Store *db, int64_t idUser);
/* A new pending secret for the account (base32 into zSecret). */
int admin_totp_begin(Store *db, int64_t idUser, char zSecret[60], Err *err);
/* The account's base32 secret (arena copy), or NULL. */
const char *admin_totp_secret(Store *db, int64_t idUser, Arena *arena);
/* 1 when zCode is the account's TOTP near time now (each step once) or
** one of its unused recovery codes (used up), else 0. */
int admin_totp_verify(Store *db, int64_t idUser, const char *zCode,
                      int64_t now);
/* Turn the pending secret on and make ten new recovery codes
** ("abcde-fghij") into azCode. */
int admin_totp_enable(Store *db, int64_t idUser, char azCode[10][12],
                      Err *err);
/* Drop the account's second factor and recovery codes. */
int admin_totp_disable(Store *db, int64_t idUser, Err *err);
/* The « Double authentification » section of /compte (account_totp.c). */
void admin_totp_section(Req *req);

/* /compte (one's own password) and the admin's password reset
** (account.c). */
/* Set the settings row zKey to zValue; NULL or "" removes the row.  No
** audit here: the caller audits in the same transaction. */
int admin_setting_put(Store *db, const char *zKey, const char *zValue,
                      Err *err);
/* Create the `admin` account when no enabled admin exists (password from
** OASIS_ADMIN_PASSWORD, else random and printed once on stderr). */
int admin_bootstrap(Store *db, Err *err);

#endif
