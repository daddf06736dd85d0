/*
** web/audit.c: the audit writer: who changed what, when, before and after.
**
** Writers call audit_log() inside their write transaction, so the entry
** and the change land together or not at all.  It lives below the
** modules because every module writes through it; reading the log is the
** admin module's page (admin/pages.c).
**
** The audit log outlives every erasure, so it must hold no identity: for
** the entities the composition root names as records about a person
** (web_audit_set_personal: a dossier, a trainee, a registrant…), every
** text value of before/after is replaced by a marker, whatever module
** wrote it, except ids and a few coded fields (state, category…).  Field
** names, numbers, booleans and ids stay: what changed, not who.
*/
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

#define AUDIT_MASK "(donnée personnelle)"

/* Entities whose records are about a person, NULL-ended (set once). */
static const char *const azNone[] = {NULL};
static const char *const *azPersonal = azNone;

void web_audit_set_personal(const char *const *azEntity)
{
  azPersonal = azEntity ? azEntity : azNone;
}

static int audit_is_personal(const char *zEntity)
{
  for (int i = 0; azPersonal[i]; i++) {
    if (strcmp(azPersonal[i], zEntity) == 0) return 1;
  }
  return 0;
}

/* Coded fields of personal records that name no one: kept as written. */
static int audit_key_is_coded(const char *zKey)
{
  static const char *const azCoded[] = {
    "id", "etat", "statut", "categorie", "niveau", "semestre", "profil",
    "profession", "projet", "type", "canal", "detail", "action", "role",
    "date_debut", "date_fin", "resultat", NULL};
  size_t n = strlen(zKey);
  if (n > 3 && strcmp(zKey + n - 3, "_id") == 0) return 1;
  for (int i = 0; azCoded[i]; i++) {
    if (strcmp(azCoded[i], zKey) == 0) return 1;
  }
  return 0;
}

/* Mask, in place, every text of p not under a coded key (zKey: the key p
** is the value of, NULL at the top or inside an array of texts). */
static void audit_mask(json_t *p, const char *zKey)
{
  const char *zSub;
  json_t *pSub;
  size_t i;
  if (json_is_object(p)) {
    json_object_foreach(p, zSub, pSub) {
      if (json_is_string(pSub)) {
        if (!audit_key_is_coded(zSub)) {
          json_object_set_new(p, zSub, json_string(AUDIT_MASK));
        }
      } else {
        audit_mask(pSub, zSub);
      }
    }
  } else if (json_is_array(p)) {
    json_array_foreach(p, i, pSub) {
      if (json_is_string(pSub)) {
        if (!zKey || !audit_key_is_coded(zKey)) {
          json_array_set_new(p, i, json_string(AUDIT_MASK));
        }
      } else {
        audit_mask(pSub, zKey);
      }
    }
  }
}

/* before/after as stored: compact JSON with sorted keys (malloc'd), masked
** for a personal entity. */
static char *audit_dump(json_t *p, int isPersonal)
{
  if (!p) return NULL;
  if (!isPersonal) return json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
  json_t *pCopy = json_deep_copy(p);
  if (json_is_string(pCopy)) {
    json_decref(pCopy);
    pCopy = json_string(AUDIT_MASK);
  }
  audit_mask(pCopy, NULL);
  char *z = json_dumps(pCopy, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
  json_decref(pCopy);
  return z;
}

/* Set by an erasure audited on this thread: the request ends with a WAL
** checkpoint, so the erased pages leave the WAL as well as the main file
** (secure_delete zeroes them there). */
static _Thread_local int wantsCheckpoint;

int web_audit_take_checkpoint(void)
{
  int r = wantsCheckpoint;
  wantsCheckpoint = 0;
  return r;
}

int audit_write(Store *db, int64_t idUser, const char *zUserLogin,
                const char *zEntity, int64_t id, const char *zAction,
                json_t *pBefore, json_t *pAfter, Err *err)
{
  int isPersonal = audit_is_personal(zEntity);
  if (strcmp(zAction, "erase") == 0 || strcmp(zAction, "anonymise") == 0 ||
      (isPersonal && strcmp(zAction, "delete") == 0)) {
    wantsCheckpoint = 1;
  }
  char *zBefore = audit_dump(pBefore, isPersonal);
  char *zAfter = audit_dump(pAfter, isPersonal);
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
