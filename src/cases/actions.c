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
#include <string.h>

#include "admin/admin.h"
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
  char *zFollow;           /* the new follow-up token, "" when none */
};

/*
** A new dossier with an e-mail address: issue its follow-up link and queue
** the acknowledgment.  The mail echoes nothing the requester typed (not
** even the name): the address is not verified yet, and a public form must
** not relay someone's text to a third party's mailbox.
*/
static int act_welcome(Req *req, int64_t id, const char *zEmail,
                       char zToken[65], Err *err)
{
  Store *db = req_db(req);
  Dossier d;
  int64_t now = case_clock_now();
  int rc = case_dossier_get(db, req_arena(req), id, &d, err);
  if (!rc) rc = case_follow_issue(db, id, now, zToken, err);
  if (rc) return rc;
  const char *zBody = arena_printf(req_arena(req),
      "Bonjour,\n\n"
      "Votre demande d'accompagnement est bien enregistrée sous la référence "
      "%s.\n\n"
      "Suivez-la, répondez à l'équipe et envoyez vos documents depuis ce lien "
      "personnel (ne le transmettez pas) :\n%s/suivi/%s\n\n"
      "Un membre du guichet unique vous contactera prochainement.\n\n"
      "Vos informations sont conservées %d ans après la clôture du dossier, "
      "puis anonymisées.\n\n"
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n"
      "\nLe guichet unique\n",
      d.zRef, web_public_url(), zToken, case_retention_years());
  const char *zSubject = arena_printf(req_arena(req),
      "Votre demande d'accompagnement %s", d.zRef);
  return case_outbox_add(db, id, "accuse", zEmail, zSubject, zBody, now, err);
}

static int act_create(Req *req, void *pArg, Err *err)
{
  ActCreate *p = pArg;
  CaseActor who = case_web_actor(req);
  int rc = case_dossier_create(req_db(req), p->r, &who, case_clock_now(),
                               p->pId, p->pIsNew, err);
  int64_t groupId = 0;
  if (!rc && *p->pIsNew) {
    rc = case_group_route(req_db(req), *p->pId, &groupId, err);
  }
  if (!rc && *p->pIsNew) {
    rc = act_audit(req, *p->pId, "create",
                   arena_printf(req_arena(req), "%s, groupe %lld",
                                p->r->zChannel, (long long)groupId), err);
  }
  if (!rc && *p->pIsNew && p->r->zEmail && *p->r->zEmail) {
    rc = act_welcome(req, *p->pId, p->r->zEmail, p->zFollow, err);
  }
  return rc;
}

int case_act_create(Req *req, const CaseRequest *r, int64_t *pId,
                    int *pIsNew, char zFollow[65], Err *err)
{
  char zIgnored[65];
  ActCreate a = {r, pId, pIsNew, zFollow ? zFollow : zIgnored};
  a.zFollow[0] = 0;
  *pIsNew = 0;
  int rc = kit_write(req, act_create, &a, err);
  if (!rc && a.zFollow[0]) case_outbox_wake();     /* the acknowledgment */
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
  int64_t n, m;
  int isMailed;            /* out: an e-mail was queued */
};

/* Revoke the dossier's follow-up link (isNew 0), or issue a new one and
** mail it to the requester (isNew 1). */
static int act_follow(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  Store *db = req_db(req);
  int64_t now = case_clock_now();
  int rc;
  if (!a->n) {
    rc = case_follow_revoke(db, a->d->id, now, err);
    return rc ? rc : act_audit(req, a->d->id, "follow_revoke", "", err);
  }
  if (!*a->d->zEmail) {
    err_set(err, ERR_INPUT, "Ce dossier n'a pas d'adresse électronique : "
            "aucun lien ne peut être envoyé.");
    return ERR_INPUT;
  }
  char zToken[65];
  rc = case_follow_issue(db, a->d->id, now, zToken, err);
  if (!rc) {
    rc = case_outbox_add(db, a->d->id, "lien", a->d->zEmail,
        arena_printf(req_arena(req), "Votre demande %s : votre lien de suivi",
                     a->d->zRef),
        arena_printf(req_arena(req), "Bonjour,\n\nVoici votre nouveau lien "
                     "personnel pour suivre votre demande %s, répondre à "
                     "l'équipe et envoyer vos documents (l'ancien ne fonctionne "
                     "plus) :\n%s/suivi/%s\n\nLe guichet unique\n",
                     a->d->zRef, web_public_url(), zToken),
        now, err);
  }
  return rc ? rc : act_audit(req, a->d->id, "follow_issue", "", err);
}

int case_act_follow(Req *req, const Dossier *d, int isNew, Err *err)
{
  ActDossier a = {.d = d, .n = isNew};
  int rc = kit_write(req, act_follow, &a, err);
  if (!rc && isNew) case_outbox_wake();
  return rc;
}

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

/* The address a hand-off goes to: contact contactId of the partner (an
** ERR_INPUT at "contact" when it is not one of its contacts), else the
** partner's general address; "" when there is none. */
static int act_handoff_address(Req *req, int64_t partnerId, int64_t contactId,
                               const char **pzTo, Err *err)
{
  Partner p;
  PartnerContact *aC;
  int nC = 0;
  Store *db = req_db(req);
  int rc = case_partner_get(db, req_arena(req), partnerId, &p, err);
  if (rc == ERR_NOTFOUND) {
    err_set(err, ERR_INPUT, "Choisissez un partenaire de l'annuaire.");
    err_field(err, "partenaire");
    return ERR_INPUT;
  }
  if (rc) return rc;
  *pzTo = p.zEmail;
  if (!contactId) return 0;
  rc = case_contact_list(db, req_arena(req), partnerId, &aC, &nC, err);
  for (int i = 0; !rc && i < nC; i++) {
    if (aC[i].id == contactId) {
      if (*aC[i].zEmail) *pzTo = aC[i].zEmail;
      return 0;
    }
  }
  if (rc) return rc;
  err_set(err, ERR_INPUT, "Ce contact n'appartient pas au partenaire choisi.");
  err_field(err, "contact");
  return ERR_INPUT;
}

/*
** Hand a sub-task to a partner: the partner's contact gets a private link
** where they give their avis without an account.  The mail names the need
** and the reference only, nothing the requester typed.
*/
static int act_handoff(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  Store *db = req_db(req);
  int64_t now = case_clock_now();
  const char *zTo = "";
  int rc = case_task_handoff(db, a->t->id, a->n, a->z1, now, err);
  if (!rc) rc = act_handoff_address(req, a->n, a->m, &zTo, err);
  if (!rc && !*zTo) rc = case_task_link_revoke(db, a->t->id, now, err);
  if (!rc && *zTo) {
    char zToken[65];
    rc = case_task_link_issue(db, a->t->id, a->n, a->m, now, zToken, err);
    if (!rc) {
      rc = case_outbox_add(db, a->d->id, "partenaire", zTo,
          arena_printf(req_arena(req), "Guichet unique : une demande vous est "
                       "confiée (%s)", a->d->zRef),
          arena_printf(req_arena(req), "Bonjour,\n\nLe guichet unique vous "
                       "confie une partie de la demande %s : %s.\n\n"
                       "Donnez votre avis (favorable, besoin d'informations ou "
                       "défavorable), avec un document si besoin, depuis ce "
                       "lien personnel, sans compte (ne le transmettez pas) :"
                       "\n%s/avis/%s\n\nNous reviendrons vers vous le %s "
                       "si nous n'avons pas de réponse.\n\nLe guichet "
                       "unique\n", a->d->zRef,
                       case_label(case_needs, a->t->zNeed), web_public_url(),
                       zToken, kit_date_fr(req, a->z1)),
          now, err);
      a->isMailed = !rc;
    }
  }
  if (rc) return rc;
  return act_audit(req, a->d->id, "handoff",
                   arena_printf(req_arena(req), "%s -> partenaire %lld",
                                a->t->zNeed, (long long)a->n), err);
}

int case_act_handoff(Req *req, const Dossier *d, const CaseTask *t,
                     int64_t partnerId, int64_t contactId,
                     const char *zReminder, Err *err)
{
  ActDossier a = {.d = d, .t = t, .z1 = zReminder, .n = partnerId,
                  .m = contactId};
  int rc = kit_write(req, act_handoff, &a, err);
  if (!rc && a.isMailed) case_outbox_wake();
  return rc;
}

/* Tell the team's mailbox that someone outside answered on dossier d (a
** partner's avis or a requester's reply): the reference and a link, never
** the text itself. */
static int act_tell_team(Req *req, const Dossier *d, const char *zKind,
                         const char *zWhat, Err *err)
{
  const char *zTeam = case_team_address();
  if (!*zTeam) return 0;
  return case_outbox_add(req_db(req), d->id, zKind, zTeam,
      arena_printf(req_arena(req), "Dossier %s : %s", d->zRef, zWhat),
      arena_printf(req_arena(req), "Bonjour,\n\nDossier %s : %s.\n\n"
                   "Lire le dossier :\n%s/accompagnement/dossiers/%lld\n",
                   d->zRef, zWhat, web_public_url(), (long long)d->id),
      case_clock_now(), err);
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
  int64_t now = case_clock_now();
  int rc = case_message_add(req_db(req), a->d->id, &who, a->z1, a->z2,
                            (int)a->n, now, err);
  if (!rc && a->n) {
    /* the agent's own words to the requester: no free text of a third
    ** party, so they may go by mail; the answer comes through the link */
    rc = case_outbox_add(req_db(req), a->d->id, "message", a->d->zEmail,
        arena_printf(req_arena(req), "Votre dossier %s : nouveau message",
                     a->d->zRef),
        arena_printf(req_arena(req), "Bonjour,\n\n%s\n\n-- \nPour "
                     "répondre ou envoyer un document, utilisez le lien de "
                     "suivi reçu avec l'accusé de réception de votre demande "
                     "%s.\n\nLe guichet unique\n", a->z2, a->d->zRef),
        now, err);
  }
  return rc ? rc : act_audit(req, a->d->id, "message", a->z1, err);
}

int case_act_message(Req *req, const Dossier *d, const char *zDir,
                     const char *zBody, int isEmailed, Err *err)
{
  ActDossier a = {.d = d, .z1 = zDir, .z2 = zBody, .n = isEmailed};
  int rc = kit_write(req, act_message, &a, err);
  if (!rc && isEmailed) case_outbox_wake();
  return rc;
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

/* The requester's reply from their link: a message and/or a document, in
** one transaction, and the team told. */
static int act_reply(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  int rc = 0;
  if (*a->z2) rc = act_message(req, a, err);
  if (!rc && a->f) rc = act_attachment(req, a, err);
  if (!rc) {
    rc = act_tell_team(req, a->d, "reponse", *a->z2
                       ? "le demandeur a répondu" : "le demandeur a envoyé "
                       "un document", err);
    a->isMailed = !rc && *case_team_address();
  }
  return rc;
}

int case_act_reply(Req *req, const Dossier *d, const char *zText,
                   const ReqFile *f, Err *err)
{
  /* act_message reads the direction in z1 and the body in z2 */
  ActDossier a = {.d = d, .z1 = "entrant", .z2 = zText, .f = f};
  int rc = kit_write(req, act_reply, &a, err);
  if (!rc && a.isMailed) case_outbox_wake();
  return rc;
}

/* A partner's avis from their link: the document first (its id goes with
** the avis), the avis, the audit record, and the team told. */
static int act_opinion(Req *req, void *pArg, Err *err)
{
  ActDossier *a = pArg;
  Store *db = req_db(req);
  CaseOpinion o = {.taskId = a->t->id, .zVerdict = a->z1, .zBody = a->z2};
  CaseActor who = {0, arena_printf(req_arena(req), "partenaire %s",
                                   a->t->zPartnerName)};
  int64_t id = 0;
  int rc = 0;
  if (a->f) {
    rc = case_attachment_add(db, a->d->id, case_attach_dir(db, req_arena(req)),
                             a->f->zName, a->f->zType, a->f->aData,
                             a->f->nData, &who, case_clock_now(),
                             &o.attachmentId, err);
  }
  if (!rc) rc = case_opinion_add(db, &o, case_clock_now(), &id, err);
  if (!rc) rc = act_audit(req, a->d->id, "opinion", a->z1, err);
  if (!rc) {
    rc = act_tell_team(req, a->d, "avis", arena_printf(req_arena(req),
                       "avis « %s » de %s (%s)",
                       case_label(case_verdicts, a->z1), a->t->zPartnerName,
                       case_label(case_needs, a->t->zNeed)), err);
    a->isMailed = !rc && *case_team_address();
  }
  return rc;
}

int case_act_opinion(Req *req, const Dossier *d, const CaseTask *t,
                     const char *zVerdict, const char *zText,
                     const ReqFile *f, Err *err)
{
  ActDossier a = {.d = d, .t = t, .z1 = zVerdict, .z2 = zText, .f = f};
  int rc = kit_write(req, act_opinion, &a, err);
  if (!rc && a.isMailed) case_outbox_wake();
  return rc;
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

/* ---- instructor groups --------------------------------------------------------- */

typedef struct ActGroup ActGroup;
struct ActGroup {
  const CaseGroup *g;
  const char *zMembers;
  int64_t *pId;
};

static int act_group(Req *req, void *pArg, Err *err)
{
  ActGroup *a = pArg;
  Store *db = req_db(req);
  int64_t aUser[64];
  const char *azName[64];
  int n = 0;
  for (const char *z = a->zMembers; z && *z;) {
    z += strspn(z, ", ");
    size_t k = strcspn(z, ", ");
    if (k == 0) break;
    const char *zLogin = arena_strndup(req_arena(req), z, k);
    z += k;
    int64_t id = admin_user_id(db, zLogin);
    if (!id) {
      err_set(err, ERR_INPUT, "Compte inconnu : %s.", zLogin);
      err_field(err, "membres");
      return ERR_INPUT;
    }
    if (n == 64) {
      err_set(err, ERR_INPUT, "64 membres au plus.");
      err_field(err, "membres");
      return ERR_INPUT;
    }
    aUser[n] = id;
    azName[n++] = zLogin;
  }
  int rc = case_group_save(db, a->g, aUser, azName, n, case_clock_now(),
                           a->pId, err);
  return rc ? rc : kit_audit(req, "groupe", *a->pId,
                             a->g->id ? "update" : "create", NULL,
                             json_pack("{s:s,s:s,s:i}", "territoires",
                                       a->g->zTerritories, "besoins",
                                       a->g->zNeeds, "membres", n), err);
}

int case_act_group_save(Req *req, const CaseGroup *g, const char *zMembers,
                        int64_t *pId, Err *err)
{
  ActGroup a = {g, zMembers, pId};
  return kit_write(req, act_group, &a, err);
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

/* ---- fields of an action, from a form or a JSON body alike ------------------ */

int case_req_transition(Req *req, const Dossier *d, const CaseTask *t,
                        Err *err)
{
  CaseClose c = {kit_value(req, "issue"), kit_value(req, "commune"),
                 kit_value(req, "date_installation")};
  return case_act_transition(req, d, kit_value(req, "etat"), &c,
                             kit_value(req, "raison"), err);
}

int case_req_assign(Req *req, const Dossier *d, const CaseTask *t, Err *err)
{
  int isTake = !strcmp(kit_value(req, "action"), "prendre") ||
               !strcmp(kit_value(req, "agent"), "moi");
  return case_act_assign(req, d, isTake, err);
}

int case_req_task(Req *req, const Dossier *d, const CaseTask *t, Err *err)
{
  return case_act_task(req, d, t, kit_value(req, "etat"),
                       kit_value(req, "echeance"), kit_value(req, "notes"),
                       err);
}

int case_req_handoff(Req *req, const Dossier *d, const CaseTask *t, Err *err)
{
  return case_act_handoff(req, d, t, kit_value_id(req, "partenaire"),
                          kit_value_id(req, "contact"),
                          kit_value(req, "relance"), err);
}

int case_req_note(Req *req, const Dossier *d, const CaseTask *t, Err *err)
{
  return case_act_note(req, d, kit_value(req, "texte"), err);
}

/* ---- the openings log ---------------------------------------------------------- */

int case_act_log_open(Req *req, const Dossier *d, Err *err)
{
  CaseActor who = case_web_actor(req);
  return case_dossier_log_open(req_db(req), d->id, &who, case_clock_now(),
                               err);
}
