/*
** web/audit.c: the audit writer: who changed what, when, before and after.
**
** Writers call audit_log() inside their write transaction, so the entry
** and the change land together or not at all.  It lives below the
** modules because every module writes through it; reading the log is the
** admin module's page (admin/pages.c).
*/
#include <stdlib.h>

#include "web/web.h"

int audit_write(Store *db, int64_t idUser, const char *zUserLogin,
                const char *zEntity, int64_t id, const char *zAction,
                json_t *pBefore, json_t *pAfter, Err *err)
{
  char *zBefore = pBefore ? json_dumps(pBefore, JSON_COMPACT | JSON_SORT_KEYS)
                          : NULL;
  char *zAfter = pAfter ? json_dumps(pAfter, JSON_COMPACT | JSON_SORT_KEYS)
                        : NULL;
  Stmt *q = store_stmt(db,
      "INSERT INTO audit_log(user_id, user_login, entity, entity_id, action, "
      "before_json, after_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (idUser) {
    store_bind_int(q, 1, idUser);
  } else {
    store_bind_null(q, 1);
  }
  store_bind_text(q, 2, zUserLogin ? zUserLogin : "");
  store_bind_text(q, 3, zEntity);
  if (id) {
    store_bind_int(q, 4, id);
  } else {
    store_bind_null(q, 4);
  }
  store_bind_text(q, 5, zAction);
  store_bind_text(q, 6, zBefore);
  store_bind_text(q, 7, zAfter);
  int rc = store_exec(q, err);
  free(zBefore);
  free(zAfter);
  return rc;
}

int audit_log(Req *req, const char *zEntity, int64_t id, const char *zAction,
              json_t *pBefore, json_t *pAfter, Err *err)
{
  const User *u = req_user(req);
  Store *db = req_db(req);
  if (!db) return err_set(err, ERR_DB, "base de données indisponible");
  return audit_write(db, u ? u->id : 0, u ? u->zLogin : "", zEntity, id,
                     zAction, pBefore, pAfter, err);
}
