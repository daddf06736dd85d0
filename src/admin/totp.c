/*
** admin/totp.c: the optional second factor of an account.
**
** TOTP as RFC 6238 defines it with its SHA-256 variant (libsodium has
** HMAC-SHA-256, not the SHA-1 of the default variant): a 32-byte secret,
** 30-second steps from the Unix epoch, 6 digits.  Authenticator apps read
** it from the otpauth:// URI (algorithm=SHA256) or from the secret typed
** in base32.  A code is accepted for the step before, the current one and
** the one after (clock drift), and never twice: the last accepted step is
** kept.  Ten single-use recovery codes stand in for a lost phone; only
** their SHA-256 is stored.
**
** The secret itself must be kept in clear to compute codes: it lives in
** user_totp, which backups protect like the rest of the database.
** The pages are in account_totp.c, the login step in login.c.
*/
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"

#define TOTP_STEP 30
#define TOTP_DIGITS 6

static const char azB32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void admin_base32_encode(const unsigned char *a, size_t n, char *zOut)
{
  unsigned int acc = 0;
  int nBits = 0;
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    acc = (acc << 8) | a[i];
    nBits += 8;
    while (nBits >= 5) {
      zOut[j++] = azB32[(acc >> (nBits - 5)) & 31];
      nBits -= 5;
    }
  }
  if (nBits > 0) zOut[j++] = azB32[(acc << (5 - nBits)) & 31];
  zOut[j] = 0;
}

int admin_base32_decode(const char *z, unsigned char *aOut, size_t nMax)
{
  unsigned int acc = 0;
  int nBits = 0;
  size_t n = 0;
  for (; *z; z++) {
    char c = *z;
    if (c == ' ' || c == '-' || c == '=') continue;
    if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    const char *p = strchr(azB32, c);
    if (!p || !c) return -1;
    acc = (acc << 5) | (unsigned int)(p - azB32);
    nBits += 5;
    if (nBits >= 8) {
      if (n >= nMax) return -1;
      aOut[n++] = (unsigned char)(acc >> (nBits - 8));
      nBits -= 8;
    }
  }
  return (int)n;
}

/*
** The TOTP of key a[0..n-1] at time step iStep, nDigits long (RFC 6238
** with HMAC-SHA-256: the dynamic truncation of RFC 4226 on the 32-byte
** MAC of the big-endian 8-byte step).
*/
unsigned long admin_totp_code(const unsigned char *a, size_t n,
                              int64_t iStep, int nDigits)
{
  unsigned char aMsg[8], aMac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  for (int i = 7; i >= 0; i--) {
    aMsg[i] = (unsigned char)(iStep & 0xff);
    iStep >>= 8;
  }
  crypto_auth_hmacsha256_init(&st, a, n);
  crypto_auth_hmacsha256_update(&st, aMsg, sizeof aMsg);
  crypto_auth_hmacsha256_final(&st, aMac);
  int o = aMac[sizeof aMac - 1] & 0x0f;
  unsigned long bin = ((unsigned long)(aMac[o] & 0x7f) << 24) |
                      ((unsigned long)aMac[o + 1] << 16) |
                      ((unsigned long)aMac[o + 2] << 8) | aMac[o + 3];
  unsigned long mod = 1;
  for (int i = 0; i < nDigits; i++) mod *= 10;
  sodium_memzero(&st, sizeof st);
  return bin % mod;
}

int admin_totp_state(Store *db, int64_t idUser)
{
  Stmt *q = store_stmt(db, "SELECT enabled FROM user_totp WHERE user_id = ?1");
  store_bind_int(q, 1, idUser);
  int64_t v = store_one_int(q, -1);
  return v < 0 ? TOTP_NONE : v ? TOTP_ON : TOTP_PENDING;
}

int admin_totp_begin(Store *db, int64_t idUser, char zSecret[60], Err *err)
{
  unsigned char a[32];
  randombytes_buf(a, sizeof a);
  admin_base32_encode(a, sizeof a, zSecret);
  sodium_memzero(a, sizeof a);
  Stmt *q = store_stmt(db, "INSERT OR REPLACE INTO user_totp(user_id, secret, "
                           "enabled) VALUES (?1, ?2, 0)");
  store_bind_int(q, 1, idUser);
  store_bind_text(q, 2, zSecret);
  return store_exec(q, err);
}

const char *admin_totp_secret(Store *db, int64_t idUser, Arena *arena)
{
  Err err = {0};
  const char *z = NULL;
  Stmt *q = store_stmt(db, "SELECT secret FROM user_totp WHERE user_id = ?1");
  store_bind_int(q, 1, idUser);
  if (store_step(q, &err) == 1) {
    z = arena_strdup(arena, store_col_text(q, 0));
    store_reset(q);
  }
  return z;
}

/* 1 when zCode (6 digits) is the TOTP of the account's secret at a step
** within one of now's and after the last accepted one; that step is then
** kept. */
static int totp_check_code(Store *db, int64_t idUser, const char *zCode,
                           int64_t now)
{
  Err err = {0};
  unsigned char a[40];
  char zSecret[64];
  int64_t iLast = 0;
  int isOk = 0;
  if (strlen(zCode) != TOTP_DIGITS || strspn(zCode, "0123456789") !=
      TOTP_DIGITS) {
    return 0;
  }
  Stmt *q = store_stmt(db, "SELECT secret, last_step FROM user_totp "
                           "WHERE user_id = ?1");
  store_bind_int(q, 1, idUser);
  if (store_step(q, &err) != 1) return 0;
  snprintf(zSecret, sizeof zSecret, "%s", store_col_text(q, 0));
  iLast = store_col_int(q, 1);
  store_reset(q);
  int n = admin_base32_decode(zSecret, a, sizeof a);
  if (n <= 0) return 0;
  unsigned long want = strtoul(zCode, NULL, 10);
  int64_t iNow = now / TOTP_STEP;
  for (int64_t s = iNow - 1; s <= iNow + 1; s++) {
    if (s > iLast && admin_totp_code(a, (size_t)n, s, TOTP_DIGITS) == want) {
      q = store_stmt(db, "UPDATE user_totp SET last_step = ?2 "
                         "WHERE user_id = ?1");
      store_bind_int(q, 1, idUser);
      store_bind_int(q, 2, s);
      isOk = store_exec(q, &err) == 0;
      break;
    }
  }
  sodium_memzero(a, sizeof a);
  sodium_memzero(zSecret, sizeof zSecret);
  return isOk;
}

/* 1 when zCode is an unused recovery code of the account (used up now). */
static int totp_check_recovery(Store *db, int64_t idUser, const char *zCode)
{
  char zNorm[32], zHash[65];
  size_t n = 0;
  Err err = {0};
  for (const char *p = zCode; *p && n + 1 < sizeof zNorm; p++) {
    if (*p == '-' || *p == ' ') continue;
    zNorm[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
  }
  zNorm[n] = 0;
  if (n != 10) return 0;
  crypto_hash_sha256_state st;
  unsigned char aHash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, (const unsigned char *)zNorm, n);
  crypto_hash_sha256_final(&st, aHash);
  sodium_bin2hex(zHash, sizeof zHash, aHash, sizeof aHash);
  Stmt *q = store_stmt(db, "UPDATE user_recovery_codes SET used_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                           "WHERE user_id = ?1 AND code_hash = ?2 "
                           "AND used_at IS NULL");
  store_bind_int(q, 1, idUser);
  store_bind_text(q, 2, zHash);
  if (store_exec(q, &err)) return 0;
  return store_changes(db) == 1;
}

int admin_totp_verify(Store *db, int64_t idUser, const char *zCode,
                      int64_t now)
{
  if (!zCode) return 0;
  while (*zCode == ' ') zCode++;
  char zDigits[16];
  size_t n = 0;
  for (const char *p = zCode; *p && n + 1 < sizeof zDigits; p++) {
    if (*p != ' ') zDigits[n++] = *p;
  }
  zDigits[n] = 0;
  if (totp_check_code(db, idUser, zDigits, now)) return 1;
  return totp_check_recovery(db, idUser, zCode);
}

int admin_totp_enable(Store *db, int64_t idUser, char azCode[10][12],
                      Err *err)
{
  static const char azAlpha[] = "abcdefghjkmnpqrstuvwxyz23456789";
  Stmt *q = store_stmt(db, "UPDATE user_totp SET enabled = 1 "
                           "WHERE user_id = ?1");
  store_bind_int(q, 1, idUser);
  int rc = store_exec(q, err);
  if (rc) return rc;
  q = store_stmt(db, "DELETE FROM user_recovery_codes WHERE user_id = ?1");
  store_bind_int(q, 1, idUser);
  if ((rc = store_exec(q, err))) return rc;
  for (int i = 0; i < 10 && !rc; i++) {
    char zPlain[11], zHash[65];
    unsigned char aHash[crypto_hash_sha256_BYTES];
    for (int j = 0; j < 10; j++) {
      zPlain[j] = azAlpha[randombytes_uniform(sizeof azAlpha - 1)];
    }
    zPlain[10] = 0;
    snprintf(azCode[i], 12, "%.5s-%.5s", zPlain, zPlain + 5);
    crypto_hash_sha256(aHash, (const unsigned char *)zPlain, 10);
    sodium_bin2hex(zHash, sizeof zHash, aHash, sizeof aHash);
    q = store_stmt(db, "INSERT INTO user_recovery_codes(user_id, code_hash) "
                       "VALUES (?1, ?2)");
    store_bind_int(q, 1, idUser);
    store_bind_text(q, 2, zHash);
    rc = store_exec(q, err);
  }
  return rc;
}

int admin_totp_disable(Store *db, int64_t idUser, Err *err)
{
  Stmt *q = store_stmt(db, "DELETE FROM user_recovery_codes WHERE user_id = ?1");
  store_bind_int(q, 1, idUser);
  int rc = store_exec(q, err);
  if (rc) return rc;
  q = store_stmt(db, "DELETE FROM user_totp WHERE user_id = ?1");
  store_bind_int(q, 1, idUser);
  return store_exec(q, err);
}
