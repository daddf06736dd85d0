/*
** portal/actions.c: every write of the portal, each in one transaction
** with its audit entry (kit_write, kit_audit).  The pages and the JSON API
** both call these; nothing else in the portal writes.
**
** The records come checked (fields.c); the store calls check again what
** only the database knows (a slug taken, an event full).  The audit keeps
** ids and public fields, never a registrant's name or address: the audit
** log is not a second register of personal data.
*/
#include <stdlib.h>
#include <string.h>

#include "portal/web_int.h"

/* What one write needs: the record, its state before (or NULL). */
typedef struct Act Act;
struct Act {
  const void *pOld;
  void *pNew;
  int64_t id;               /* a registration's id (erasure) */
  int kind;                 /* ActKind of a page, event or fiche */
};

/* The audit entry's id of a fiche: the INSEE code when it is all digits
** (Corsica's 2A/2B codes get 0; the code is in the JSON either way). */
static int64_t act_commune_id(const char *zCode)
{
  return strspn(zCode, "0123456789") == 5 ? atoll(zCode) : 0;
}

/* ---- settings ----------------------------------------------------------- */

static int act_settings(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  PortalSettings old;
  int rc = portal_settings_load(req_db(req), req_arena(req), &old, err);
  if (!rc) rc = portal_settings_save(req_db(req), x->pNew, err);
  if (!rc) {
    rc = kit_audit(req, "portal_settings", 0, "update",
                   portal_settings_json(&old), portal_settings_json(x->pNew),
                   err);
  }
  return rc;
}

int portal_act_settings(Req *req, PortalSettings *s, Err *err)
{
  Act x = {NULL, s, 0, 0};
  return kit_write(req, act_settings, &x, err);
}

/* ---- pages, events, commune fiches ---------------------------------------
** The three records the back-office edits are saved and deleted the same
** way: the store call, then the audit entry with the record's JSON before
** and after.  One path each, the kind choosing the store call. */

typedef enum ActKind { ACT_PAGE, ACT_EVENT, ACT_COMMUNE } ActKind;

static const char *const azActEntity[] = {"portal_page", "portal_event",
                                          "portal_commune"};

/* The record's JSON for the audit (NULL for no record). */
static json_t *act_json(ActKind kind, const void *pRec)
{
  if (!pRec) return NULL;
  switch (kind) {
    case ACT_PAGE: return portal_page_json(pRec);
    case ACT_EVENT: return portal_event_json(pRec);
    default: return portal_commune_json(pRec);
  }
}

/* The audit entry's id of a record. */
static int64_t act_id(ActKind kind, const void *pRec)
{
  switch (kind) {
    case ACT_PAGE: return ((const PortalPage *)pRec)->id;
    case ACT_EVENT: return ((const PortalEvent *)pRec)->id;
    default: return act_commune_id(((const PortalCommune *)pRec)->zCode);
  }
}

/* The audit's action for a save: a page also says when it goes public or
** back to draft. */
static const char *act_save_name(ActKind kind, const void *pOld,
                                 const void *pNew)
{
  if (!pOld) return "create";
  if (kind == ACT_PAGE) {
    int was = ((const PortalPage *)pOld)->isPublished;
    int is = ((const PortalPage *)pNew)->isPublished;
    if (is && !was) return "publish";
    if (!is && was) return "unpublish";
  }
  return "update";
}

static int act_save(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  Store *db = req_db(req);
  int rc;
  switch (x->kind) {
    case ACT_PAGE: rc = portal_page_save(db, x->pNew, err); break;
    case ACT_EVENT: rc = portal_event_save(db, x->pNew, err); break;
    default: rc = portal_commune_save(db, x->pNew, err); break;
  }
  if (rc) return rc;
  return kit_audit(req, azActEntity[x->kind], act_id(x->kind, x->pNew),
                   act_save_name(x->kind, x->pOld, x->pNew),
                   act_json(x->kind, x->pOld), act_json(x->kind, x->pNew),
                   err);
}

static int act_delete(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  Store *db = req_db(req);
  int rc;
  switch (x->kind) {
    case ACT_PAGE:
      rc = portal_page_delete(db, ((const PortalPage *)x->pOld)->id, err);
      break;
    case ACT_EVENT:
      rc = portal_event_delete(db, ((const PortalEvent *)x->pOld)->id, err);
      break;
    default:
      rc = portal_commune_delete(
          db, ((const PortalCommune *)x->pOld)->zCode, err);
      break;
  }
  if (rc) return rc;
  return kit_audit(req, azActEntity[x->kind], act_id(x->kind, x->pOld),
                   "delete", act_json(x->kind, x->pOld), NULL, err);
}

/* Save (pNew set) or delete (pNew NULL) a record of kind in one
** transaction with its audit entry. */
static int act_record(Req *req, ActKind kind, const void *pOld, void *pNew,
                      Err *err)
{
  Act x = {pOld, pNew, 0, kind};
  return kit_write(req, pNew ? act_save : act_delete, &x, err);
}

int portal_act_page_save(Req *req, const PortalPage *pOld, PortalPage *p,
                         Err *err)
{
  return act_record(req, ACT_PAGE, pOld, p, err);
}

int portal_act_page_delete(Req *req, const PortalPage *pOld, Err *err)
{
  return act_record(req, ACT_PAGE, pOld, NULL, err);
}

int portal_act_event_save(Req *req, const PortalEvent *pOld, PortalEvent *e,
                          Err *err)
{
  return act_record(req, ACT_EVENT, pOld, e, err);
}

int portal_act_event_delete(Req *req, const PortalEvent *pOld, Err *err)
{
  return act_record(req, ACT_EVENT, pOld, NULL, err);
}

int portal_act_commune_save(Req *req, const PortalCommune *pOld,
                            PortalCommune *c, Err *err)
{
  return act_record(req, ACT_COMMUNE, pOld, c, err);
}

int portal_act_commune_delete(Req *req, const PortalCommune *pOld, Err *err)
{
  return act_record(req, ACT_COMMUNE, pOld, NULL, err);
}

/* ---- registrations ------------------------------------------------------ */

static int act_register(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  const PortalEvent *e = x->pOld;
  PortalRegistration *r = x->pNew;
  char zToday[11];
  int rc = portal_register(req_db(req), e, r, portal_today(zToday), err);
  if (rc || r->id == 0) return rc;             /* 0: already registered */
  return kit_audit(req, "portal_registration", r->id, "create", NULL,
                   json_pack("{s:I, s:s}", "evenement_id", (json_int_t)e->id,
                             "profil", r->zProfile),
                   err);
}

int portal_act_register(Req *req, const PortalEvent *e,
                        PortalRegistration *r, Err *err)
{
  Act x = {e, r, 0, 0};
  return kit_write(req, act_register, &x, err);
}

static int act_registration_erase(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  const PortalEvent *e = x->pOld;
  int rc = portal_registration_delete(req_db(req), e->id, x->id, err);
  if (rc) return rc;
  return kit_audit(req, "portal_registration", x->id, "erase",
                   json_pack("{s:I}", "evenement_id", (json_int_t)e->id),
                   NULL, err);
}

int portal_act_registration_erase(Req *req, const PortalEvent *e,
                                  int64_t idReg, Err *err)
{
  Act x = {e, NULL, idReg, 0};
  return kit_write(req, act_registration_erase, &x, err);
}
