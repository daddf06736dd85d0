/*
** cases/actions.c: every write of the guichet unique, for its pages and
** its JSON API alike.
**
** A page reads the fields from a form and answers with a redirect, the
** API reads them from JSON and answers with the record; what happens in
** between is the same, so it lives here once: one transaction holding the
** change and its audit record (kit_write), all or nothing.  Audit records
** hold codes and ids, never personal data: the audit log outlives the
** anonymisation of a dossier.
*/
#include "base/log.h"
#include "cases/web_int.h"

/* Audit record of a write on dossier id, with a coded detail. */
static int act_audit(Req *req, int64_t id, const char *zAction,
                     const char *zDetail, Err *err)
{
  return kit_audit(req, "dossier", id, zAction, NULL,
                   json_pack("{s:s}", "detail", zDetail ? zDetail : ""), err);
}

/* ---- creation -------------------------------------------------------------- */

typedef struct ActCreate ActCreate;
struct ActCreate {
  const CaseRequest *r;
  int64_t *pId;
  int *pIsNew;
};

static int act_create(Req *req, void *pArg, Err *err)
{
  ActCreate *p = pArg;
  CaseActor who = case_web_actor(req);
  int rc = case_dossier_create(req_db(req), p->r, &who, case_clock_now(),
                               p->pId, p->pIsNew, err);
  if (!rc && *p->pIsNew) {
    rc = act_audit(req, *p->pId, "create", p->r->zChannel, err);
  }
  return rc;
}

/* Send the acknowledgment of a new dossier when SMTP is configured. */
static void act_acknowledge(Req *req, int64_t id)
{
  Dossier d;
  Err err = {0};
  if (!case_mail_configured()) return;
  if (case_dossier_get(req_db(req), req_arena(req), id, &d, &err)) return;
  if (!*d.zEmail) return;
  const char *zBody = arena_printf(req_arena(req),
      "Bonjour %s %s,\n\n"
      "Votre demande d'accompagnement est bien enregistrée sous la référence "
      "%s.\nUn membre du guichet unique vous contactera prochainement.\n\n"
      "Vos informations sont conservées %d ans après la clôture du dossier, "
      "puis anonymisées.\n\nLe guichet unique\n",
      d.zFirstName, d.zLastName, d.zRef, case_retention_years());
  const char *zSubject = arena_printf(req_arena(req),
      "Votre demande d'accompagnement %s", d.zRef);
  if (case_mail_send(d.zEmail, zSubject, zBody, &err) < 0) {
    log_warn("cases: acknowledgment of dossier %lld not sent", (long long)id);
  }
}

int case_act_create(Req *req, const CaseRequest *r, int64_t *pId,
                    int *pIsNew, Err *err)
{
  ActCreate a = {r, pId, pIsNew};
  *pIsNew = 0;
  int rc = kit_write(req, act_create, &a, err);
  if (!rc && *pIsNew) act_acknowledge(req, *pId);
  return rc;
}

/* ---- a dossier's follow-up ------------------------------------------------- */

/* One write on a dossier: its arguments and what the audit says. */
typedef struct ActDossier ActDossier;
struct ActDossier {
  const Dossier *d;
  const CaseTask *t;
  const char *z1, *z2, *z3;
  const CaseClose *c;
  const ReqFile *f;
  int64_t n;
};

static int act_transition(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  CaseActor who = case_web_actor(req);
  int rc = case_dossier_transition(req_db(req), a->d->id, a->z1, a->c, a->z2,
                                   &who, case_clock_now(), err);
  if (rc) return rc;
  const char *zOutcome = a->c->zOutcome ? a->c->zOutcome : "";
  return act_audit(req, a->d->id, "transition",
                   arena_printf(req_arena(req), "%s -> %s%s%s", a->d->zState,
                                a->z1, *zOutcome ? " : " : "", zOutcome),
                   err);
}

int case_act_transition(Req *req, const Dossier *d, const char *zTo,
                        const CaseClose *c, const char *zReason, Err *err)
{
  ActDossier a = {.d = d, .z1 = zTo, .z2 = zReason, .c = c};
  return kit_write(req, act_transition, &a, err);
}

static int act_assign(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  const User *u = req_user(req);
  CaseActor who = case_web_actor(req);
  int rc = case_dossier_assign(req_db(req), a->d->id, a->n && u ? u->id : 0,
                               who.zName, case_clock_now(), err);
  if (rc) return rc;
  return act_audit(req, a->d->id, a->n ? "assign" : "unassign", "", err);
}

int case_act_assign(Req *req, const Dossier *d, int isTake, Err *err)
{
  ActDossier a = {.d = d, .n = isTake};
  return kit_write(req, act_assign, &a, err);
}

static int act_task(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  int rc = case_task_update(req_db(req), a->t->id, a->z1, a->z2, a->z3,
                            case_clock_now(), err);
  if (rc) return rc;
  return act_audit(req, a->d->id, "task",
                   arena_printf(req_arena(req), "%s : %s -> %s", a->t->zNeed,
                                a->t->zState, a->z1), err);
}

int case_act_task(Req *req, const Dossier *d, const CaseTask *t,
                  const char *zState, const char *zDue, const char *zNotes,
                  Err *err)
{
  ActDossier a = {.d = d, .t = t, .z1 = zState, .z2 = zDue, .z3 = zNotes};
  return kit_write(req, act_task, &a, err);
}

static int act_handoff(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  int rc = case_task_handoff(req_db(req), a->t->id, a->n, a->z1,
                             case_clock_now(), err);
  if (rc) return rc;
  return act_audit(req, a->d->id, "handoff",
                   arena_printf(req_arena(req), "%s -> partenaire %lld",
                                a->t->zNeed, (long long)a->n), err);
}

int case_act_handoff(Req *req, const Dossier *d, const CaseTask *t,
                     int64_t partnerId, const char *zReminder, Err *err)
{
  ActDossier a = {.d = d, .t = t, .z1 = zReminder, .n = partnerId};
  return kit_write(req, act_handoff, &a, err);
}

static int act_note(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  CaseActor who = case_web_actor(req);
  int rc = case_note_add(req_db(req), a->d->id, &who, a->z1, case_clock_now(),
                         err);
  return rc ? rc : act_audit(req, a->d->id, "note", "", err);
}

int case_act_note(Req *req, const Dossier *d, const char *zText, Err *err)
{
  ActDossier a = {.d = d, .z1 = zText};
  return kit_write(req, act_note, &a, err);
}

static int act_message(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  CaseActor who = case_web_actor(req);
  int rc = case_message_add(req_db(req), a->d->id, &who, a->z1, a->z2,
                            (int)a->n, case_clock_now(), err);
  return rc ? rc : act_audit(req, a->d->id, "message", a->z1, err);
}

int case_act_message(Req *req, const Dossier *d, const char *zDir,
                     const char *zBody, int isEmailed, Err *err)
{
  ActDossier a = {.d = d, .z1 = zDir, .z2 = zBody, .n = isEmailed};
  return kit_write(req, act_message, &a, err);
}

static int act_attachment(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  CaseActor who = case_web_actor(req);
  Store *db = req_db(req);
  int64_t id = 0;
  int rc = case_attachment_add(db, a->d->id,
                               case_attach_dir(db, req_arena(req)),
                               a->f->zName, a->f->zType, a->f->aData,
                               a->f->nData, &who, case_clock_now(), &id, err);
  return rc ? rc : act_audit(req, a->d->id, "attachment", "", err);
}

int case_act_attachment(Req *req, const Dossier *d, const ReqFile *f,
                        Err *err)
{
  ActDossier a = {.d = d, .f = f};
  return kit_write(req, act_attachment, &a, err);
}

static int act_export(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  return act_audit(req, a->d ? a->d->id : 0, a->z1, a->z2, err);
}

int case_act_export(Req *req, const Dossier *d, const char *zAction,
                    const char *zDetail, Err *err)
{
  ActDossier a = {.d = d, .z1 = zAction, .z2 = zDetail};
  return kit_write(req, act_export, &a, err);
}

int case_act_erase(Req *req, const Dossier *d, int *pnDone, Err *err)
{
  Store *db = req_db(req);
  const char *zDir = case_attach_dir(db, req_arena(req));
  int64_t *aId = NULL;
  int n = 0, rc = 0;
  *pnDone = 0;
  if (*d->zEmail) {
    rc = case_person_dossiers(db, req_arena(req), d->zEmail, &aId, &n, err);
  }
  /* This dossier (i = -1), then every other one of the same person.  The
  ** anonymisation commits on its own (its files go after its commit), so
  ** the audit record follows in a transaction of its own. */
  for (int i = -1; !rc && i < n; i++) {
    int64_t id = i < 0 ? d->id : aId[i];
    if (i >= 0 && id == d->id) continue;
    rc = case_dossier_anonymise(db, id, zDir, case_clock_now(), err);
    if (!rc) {
      Dossier one = {.id = id};
      rc = case_act_export(req, &one, "erase", "", err);
    }
    if (!rc) (*pnDone)++;
  }
  return rc;
}

/* ---- partners ---------------------------------------------------------------- */

typedef struct ActPartner ActPartner;
struct ActPartner {
  const Partner *p, *pOld;
  const PartnerContact *c;
  int64_t *pId;
};

static int act_partner_save(Req *req, void *pArg, Err *err)
{
  ActPartner *a = pArg;
  int rc = case_partner_save(req_db(req), a->p, a->pId, err);
  if (rc) return rc;
  json_t *pBefore = a->pOld ? json_pack("{s:s,s:s}", "nom", a->pOld->zName,
                                        "type", a->pOld->zKind)
                            : NULL;
  return kit_audit(req, "partenaire", *a->pId, a->pOld ? "update" : "create",
                   pBefore, json_pack("{s:s,s:s}", "nom", a->p->zName, "type",
                                      a->p->zKind), err);
}

int case_act_partner_save(Req *req, const Partner *p, const Partner *pOld,
                          int64_t *pId, Err *err)
{
  ActPartner a = {.p = p, .pOld = pOld, .pId = pId};
  return kit_write(req, act_partner_save, &a, err);
}

static int act_contact(Req *req, void *pArg, Err *err)
{
  ActPartner *a = pArg;
  int rc = case_contact_add(req_db(req), a->c, err);
  return rc ? rc : kit_audit(req, "partenaire", a->c->partnerId, "contact",
                             NULL, NULL, err);
}

int case_act_contact(Req *req, const PartnerContact *c, Err *err)
{
  ActPartner a = {.c = c};
  return kit_write(req, act_contact, &a, err);
}

/* ---- saved filters (the user's own, not audited) ---------------------------- */

int case_act_filter_save(Req *req, const char *zName, const char *zQuery,
                         Err *err)
{
  const User *u = req_user(req);
  if (!u) return err_set(err, ERR_DENIED, "Compte requis.");
  return case_filter_save(req_db(req), u->id, zName, zQuery, err);
}

int case_act_filter_delete(Req *req, int64_t id, Err *err)
{
  const User *u = req_user(req);
  if (!u) return err_set(err, ERR_NOTFOUND, "Filtre introuvable.");
  return case_filter_delete(req_db(req), u->id, id, err);
}

/* ---- the openings log ---------------------------------------------------------- */

int case_act_log_open(Req *req, const Dossier *d, Err *err)
{
  CaseActor who = case_web_actor(req);
  return case_dossier_log_open(req_db(req), d->id, &who, case_clock_now(),
                               err);
}
