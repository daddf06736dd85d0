/*
** cases/outbox.c: the guichet's e-mails, queued then sent by one
** background thread with retries; and the requesters' follow-up links.
**
** Queueing (case_outbox_add) happens inside the transaction of what the
** message reports, so a message exists exactly when its event does.  The
** sender thread (case_outbox_start, started by `oasis serve`) wakes every
** few seconds, or at once on case_outbox_wake(), opens its own connection
** and sends what is due through case_mail_send().  A failure is retried
** after 30 s, 2 min, 10 min, 1 h, 6 h, then marked « échec » with the
** reason; nothing is lost.  With no SMTP configured, messages wait.
**
** Follow-up links: a 256-bit random token, shown once (in the e-mail and
** the API answer), stored as its SHA-256 (the e-mail's body leaves the
** outbox once sent); valid for a year, replaced by a
** new one, revocable.  Tokens are never logged.
*/
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/log.h"
#include "cases/cases.h"
#include "cases/store_int.h"
#include "web/web.h"

#define OUTBOX_BATCH 20
#define OUTBOX_TICK 3                /* seconds between two looks */
#define FOLLOW_DAYS 365

static const int aBackoff[] = {30, 120, 600, 3600, 21600};
#define OUTBOX_MAX_ATTEMPTS 6

int case_outbox_add(Store *db, int64_t dossierId, const char *zKind,
                    const char *zTo, const char *zSubject, const char *zBody,
                    int64_t now, Err *err)
{
  Stmt *q = store_stmt(db,
      "INSERT INTO case_outbox(dossier_id, kind, to_addr, subject, body,"
      " created_at, next_at) VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?6)");
  store_bind_list(q, STORE_V(dossierId), STORE_V(zKind), STORE_V(zTo),
                  STORE_V(zSubject), STORE_V(zBody), STORE_V(now));
  return store_exec(q, err);
}

/* One due message: sent, or rescheduled with its reason. */
static int outbox_send_one(Store *db, int64_t id, const char *zTo,
                           const char *zSubject, const char *zBody,
                           int nAttempt, int64_t now, Err *err)
{
  Err eSend = {0};
  int rcSend = case_mail_send(zTo, zSubject, zBody, &eSend);
  Stmt *q;
  if (rcSend == 0) {
    /* Once sent, the body goes: it may hold a private link, and only the
    ** link's hash is meant to stay in the database. */
    q = store_stmt(db, "UPDATE case_outbox SET state = 'envoye', sent_at = ?2,"
                       " attempts = attempts + 1, last_error = '', body = ''"
                       " WHERE id = ?1");
    store_bind_int(q, 2, now);
  } else {
    int isLast = nAttempt + 1 >= OUTBOX_MAX_ATTEMPTS || rcSend == ERR_INPUT;
    int nWait = aBackoff[nAttempt < 5 ? nAttempt : 4];
    q = store_stmt(db, "UPDATE case_outbox SET attempts = attempts + 1,"
                       " state = ?2, next_at = ?3, last_error = ?4 WHERE id = ?1");
    store_bind_text(q, 2, isLast ? "echec" : "en_attente");
    store_bind_int(q, 3, now + nWait);
    store_bind_text(q, 4, eSend.zMsg[0] ? eSend.zMsg : "échec de l'envoi");
  }
  store_bind_int(q, 1, id);
  return store_exec(q, err);
}

int case_outbox_run(Store *db, int64_t now, int *pnSent, Err *err)
{
  int nSent = 0;
  if (pnSent) *pnSent = 0;
  if (!case_mail_configured()) return 0;        /* they wait, visibly */
  Arena *a = arena_new();
  typedef struct Due { int64_t id; const char *zTo, *zSubject, *zBody;
                       int n; } Due;
  Due aDue[OUTBOX_BATCH];
  int nDue = 0, rc;
  Stmt *q = store_stmt(db,
      "SELECT id, to_addr, subject, body, attempts FROM case_outbox"
      " WHERE state = 'en_attente' AND next_at <= ?1 ORDER BY id LIMIT ?2");
  store_bind_int(q, 1, now);
  store_bind_int(q, 2, OUTBOX_BATCH);
  while ((rc = store_step(q, err)) == 1) {
    Due *d = &aDue[nDue++];
    d->id = store_col_int(q, 0);
    d->zTo = arena_strdup(a, store_col_text(q, 1));
    d->zSubject = arena_strdup(a, store_col_text(q, 2));
    d->zBody = arena_strdup(a, store_col_text(q, 3));
    d->n = (int)store_col_int(q, 4);
  }
  /* Sent outside any transaction: a slow server holds no lock. */
  for (int i = 0; rc == 0 && i < nDue; i++) {
    rc = outbox_send_one(db, aDue[i].id, aDue[i].zTo, aDue[i].zSubject,
                         aDue[i].zBody, aDue[i].n, now, err);
    if (!rc) {
      Stmt *c = store_stmt(db, "SELECT state = 'envoye' FROM case_outbox"
                               " WHERE id = ?1");
      store_bind_int(c, 1, aDue[i].id);
      nSent += (int)store_one_int(c, 0);
    }
  }
  arena_free(a);
  if (pnSent) *pnSent = nSent;
  return rc < 0 ? rc : 0;
}

/* ---- the sender thread ---------------------------------------------------- */

static pthread_mutex_t outboxLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t outboxCond = PTHREAD_COND_INITIALIZER;
static int isOutboxWoken;
static char *zOutboxDb;

void case_outbox_wake(void)
{
  pthread_mutex_lock(&outboxLock);
  isOutboxWoken = 1;
  pthread_cond_signal(&outboxCond);
  pthread_mutex_unlock(&outboxLock);
}

static void *outbox_main(void *pArg)
{
  Store *db = NULL;
  for (;;) {
    pthread_mutex_lock(&outboxLock);
    if (!isOutboxWoken) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      ts.tv_sec += OUTBOX_TICK;
      pthread_cond_timedwait(&outboxCond, &outboxLock, &ts);
    }
    isOutboxWoken = 0;
    pthread_mutex_unlock(&outboxLock);
    Err err = {0};
    if (!db && !(db = store_open(zOutboxDb, &err))) continue;
    int nSent = 0;
    if (case_outbox_run(db, clock_now(), &nSent, &err)) {
      log_warn("cases: outbox: %s", err.zMsg);
    } else if (nSent) {
      log_info("cases: %d e-mail(s) sent", nSent);
    }
  }
  return pArg;
}

int case_outbox_start(const char *zDbPath)
{
  pthread_t t;
  free(zOutboxDb);
  zOutboxDb = strdup(zDbPath);
  if (!zOutboxDb || pthread_create(&t, NULL, outbox_main, NULL)) return -1;
  pthread_detach(t);
  return 0;
}

/* ---- follow-up links -------------------------------------------------------- */


void case_token_new(char zToken[65], char zHash[65])
{
  unsigned char a[32];
  randombytes_buf(a, sizeof a);
  sodium_bin2hex(zToken, 65, a, sizeof a);
  web_sha256_hex(zToken, 64, zHash);
}

int case_token_hash(const char *zToken, char zHash[65])
{
  if (!zToken || strlen(zToken) != 64 ||
      strspn(zToken, "0123456789abcdef") != 64) {
    return -1;
  }
  web_sha256_hex(zToken, 64, zHash);
  return 0;
}

int64_t case_token_find(Store *db, const char *zSql, const char *zToken,
                        int64_t now)
{
  char zHash[65];
  if (case_token_hash(zToken, zHash)) return 0;
  Stmt *q = store_stmt(db, zSql);
  store_bind_text(q, 1, zHash);
  store_bind_int(q, 2, now);
  return store_one_int(q, 0);
}

int case_token_revoke(Store *db, const char *zSql, int64_t id, int64_t now,
                      Err *err)
{
  Stmt *q = store_stmt(db, zSql);
  store_bind_int(q, 1, id);
  store_bind_int(q, 2, now);
  return store_exec(q, err);
}

int case_follow_issue(Store *db, int64_t dossierId, int64_t now,
                      char zToken[65], Err *err)
{
  char zHash[65];
  case_token_new(zToken, zHash);
  Stmt *q = store_stmt(db,
      "INSERT INTO case_follow(dossier_id, token_hash, created_at, expires_at)"
      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(dossier_id) DO UPDATE SET"
      " token_hash = ?2, created_at = ?3, expires_at = ?4, revoked_at = NULL");
  store_bind_list(q, STORE_V(dossierId), STORE_V(zHash), STORE_V(now),
                  STORE_V(now + (int64_t)FOLLOW_DAYS * 86400));
  return store_exec(q, err);
}

int64_t case_follow_find(Store *db, const char *zToken, int64_t now)
{
  return case_token_find(db,
      "SELECT f.dossier_id FROM case_follow f JOIN case_dossiers d"
      " ON d.id = f.dossier_id WHERE f.token_hash = ?1 AND f.revoked_at IS NULL"
      " AND f.expires_at > ?2 AND d.anonymised_at IS NULL", zToken, now);
}

int case_follow_revoke(Store *db, int64_t dossierId, int64_t now, Err *err)
{
  return case_token_revoke(db, "UPDATE case_follow SET revoked_at = ?2"
                               " WHERE dossier_id = ?1 AND revoked_at IS NULL",
                           dossierId, now, err);
}

int case_follow_state(Store *db, int64_t dossierId, int64_t now)
{
  Stmt *q = store_stmt(db,
      "SELECT CASE WHEN revoked_at IS NOT NULL THEN 2"
      " WHEN expires_at <= ?2 THEN 3 ELSE 1 END FROM case_follow"
      " WHERE dossier_id = ?1");
  store_bind_int(q, 1, dossierId);
  store_bind_int(q, 2, now);
  return (int)store_one_int(q, 0);
}

static const StoreCol aCaseMailCol[] = {
  STORE_COL(CaseMail, id),
  STORE_COL(CaseMail, zKind),
  STORE_COL(CaseMail, zSubject),
  STORE_COL(CaseMail, zState),
  STORE_COL(CaseMail, nAttempt),
  STORE_COL(CaseMail, tCreated),
  STORE_COL(CaseMail, tSent),
  STORE_COL(CaseMail, zError),
};

int case_outbox_list(Store *db, Arena *a, int64_t dossierId, CaseMail **paOut,
                     int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT id, kind, subject, state, attempts, created_at,"
      " coalesce(sent_at, 0), last_error FROM case_outbox"
      " WHERE dossier_id = ?1 ORDER BY id");
  store_bind_int(q, 1, dossierId);
  return store_rows_cols(q, a, aCaseMailCol, STORE_NCOL(aCaseMailCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}
