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
  Act x = {NULL, s, 0};
  return kit_write(req, act_settings, &x, err);
}

/* ---- content pages ------------------------------------------------------ */

static int act_page_save(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  const PortalPage *pOld = x->pOld;
  PortalPage *p = x->pNew;
  int rc = portal_page_save(req_db(req), p, err);
  if (rc) return rc;
  const char *zAction = !pOld ? "create"
                      : p->isPublished && !pOld->isPublished ? "publish"
                      : !p->isPublished && pOld->isPublished ? "unpublish"
                      : "update";
  return kit_audit(req, "portal_page", p->id, zAction,
                   pOld ? portal_page_json(pOld) : NULL, portal_page_json(p),
                   err);
}

int portal_act_page_save(Req *req, const PortalPage *pOld, PortalPage *p,
                         Err *err)
{
  Act x = {pOld, p, 0};
  return kit_write(req, act_page_save, &x, err);
}

static int act_page_delete(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  const PortalPage *pOld = x->pOld;
  int rc = portal_page_delete(req_db(req), pOld->id, err);
  if (rc) return rc;
  return kit_audit(req, "portal_page", pOld->id, "delete",
                   portal_page_json(pOld), NULL, err);
}

int portal_act_page_delete(Req *req, const PortalPage *pOld, Err *err)
{
  Act x = {pOld, NULL, 0};
  return kit_write(req, act_page_delete, &x, err);
}

/* ---- events ------------------------------------------------------------- */

static int act_event_save(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  const PortalEvent *pOld = x->pOld;
  PortalEvent *e = x->pNew;
  int rc = portal_event_save(req_db(req), e, err);
  if (rc) return rc;
  return kit_audit(req, "portal_event", e->id, pOld ? "update" : "create",
                   pOld ? portal_event_json(pOld) : NULL,
                   portal_event_json(e), err);
}

int portal_act_event_save(Req *req, const PortalEvent *pOld, PortalEvent *e,
                          Err *err)
{
  Act x = {pOld, e, 0};
  return kit_write(req, act_event_save, &x, err);
}

static int act_event_delete(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  const PortalEvent *pOld = x->pOld;
  int rc = portal_event_delete(req_db(req), pOld->id, err);
  if (rc) return rc;
  return kit_audit(req, "portal_event", pOld->id, "delete",
                   portal_event_json(pOld), NULL, err);
}

int portal_act_event_delete(Req *req, const PortalEvent *pOld, Err *err)
{
  Act x = {pOld, NULL, 0};
  return kit_write(req, act_event_delete, &x, err);
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
  Act x = {e, r, 0};
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
  Act x = {e, NULL, idReg};
  return kit_write(req, act_registration_erase, &x, err);
}

/* ---- commune fiches ----------------------------------------------------- */

static int act_commune_save(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  const PortalCommune *pOld = x->pOld;
  const PortalCommune *c = x->pNew;
  int rc = portal_commune_save(req_db(req), c, err);
  if (rc) return rc;
  return kit_audit(req, "portal_commune", act_commune_id(c->zCode),
                   pOld ? "update" : "create",
                   pOld ? portal_commune_json(pOld) : NULL,
                   portal_commune_json(c), err);
}

int portal_act_commune_save(Req *req, const PortalCommune *pOld,
                            PortalCommune *c, Err *err)
{
  Act x = {pOld, c, 0};
  return kit_write(req, act_commune_save, &x, err);
}

static int act_commune_delete(Req *req, void *pArg, Err *err)
{
  Act *x = pArg;
  const PortalCommune *pOld = x->pOld;
  int rc = portal_commune_delete(req_db(req), pOld->zCode, err);
  if (rc) return rc;
  return kit_audit(req, "portal_commune", act_commune_id(pOld->zCode),
                   "delete", portal_commune_json(pOld), NULL, err);
}

int portal_act_commune_delete(Req *req, const PortalCommune *pOld, Err *err)
{
  Act x = {pOld, NULL, 0};
  return kit_write(req, act_commune_delete, &x, err);
}
