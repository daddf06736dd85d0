/*
** cases/actions.c: the writes on a dossier that both its page and the
** JSON API offer.
**
** A page reads the fields from a form and answers with a redirect, the
** API reads them from JSON and answers with the dossier; what happens in
** between is the same, so it lives here once: one transaction holding the
** change and its audit record, all or nothing.
*/
#include "cases/web_int.h"

/* Commit when rc is 0, else roll back; rc or the commit's failure. */
static int act_end(Store *db, int rc, Err *err)
{
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

int case_web_task_or_404(Req *req, const Dossier *d, CaseTask *t)
{
  Err err = {0};
  int64_t tid = case_web_arg_id(req, "tid");
  if (!tid || case_task_get(req_db(req), req_arena(req), tid, t, &err) ||
      t->dossierId != d->id) {
    return reply_error(req, 404, "introuvable", "Sous-tâche introuvable.", NULL);
  }
  return 0;
}

int case_act_transition(Req *req, const Dossier *d, const char *zTo,
                        const CaseClose *c, const char *zReason, Err *err)
{
  CaseActor who = case_web_actor(req);
  Store *db = req_db(req);
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = case_dossier_transition(db, d->id, zTo, c, zReason, &who,
                               case_clock_now(), err);
  if (!rc) {
    const char *zOutcome = c->zOutcome ? c->zOutcome : "";
    rc = case_web_audit(req, d->id, "transition",
                        arena_printf(req_arena(req), "%s -> %s%s%s", d->zState,
                                     zTo, *zOutcome ? " : " : "", zOutcome),
                        err);
  }
  return act_end(db, rc, err);
}

int case_act_assign(Req *req, const Dossier *d, int isTake, Err *err)
{
  const User *u = req_user(req);
  CaseActor who = case_web_actor(req);
  Store *db = req_db(req);
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = case_dossier_assign(db, d->id, isTake && u ? u->id : 0, who.zName,
                           case_clock_now(), err);
  if (!rc) {
    rc = case_web_audit(req, d->id, isTake ? "assign" : "unassign", "", err);
  }
  return act_end(db, rc, err);
}

int case_act_task(Req *req, const Dossier *d, const CaseTask *t,
                  const char *zState, const char *zDue, const char *zNotes,
                  Err *err)
{
  Store *db = req_db(req);
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = case_task_update(db, t->id, zState, zDue, zNotes, case_clock_now(),
                        err);
  if (!rc) {
    rc = case_web_audit(req, d->id, "task",
                        arena_printf(req_arena(req), "%s : %s -> %s", t->zNeed,
                                     t->zState, zState), err);
  }
  return act_end(db, rc, err);
}

int case_act_handoff(Req *req, const Dossier *d, const CaseTask *t,
                     int64_t partnerId, const char *zReminder, Err *err)
{
  Store *db = req_db(req);
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = case_task_handoff(db, t->id, partnerId, zReminder, case_clock_now(),
                         err);
  if (!rc) {
    rc = case_web_audit(req, d->id, "handoff",
                        arena_printf(req_arena(req), "%s -> partenaire %lld",
                                     t->zNeed, (long long)partnerId), err);
  }
  return act_end(db, rc, err);
}

int case_act_note(Req *req, const Dossier *d, const char *zText, Err *err)
{
  CaseActor who = case_web_actor(req);
  Store *db = req_db(req);
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = case_note_add(db, d->id, &who, zText, case_clock_now(), err);
  if (!rc) rc = case_web_audit(req, d->id, "note", "", err);
  return act_end(db, rc, err);
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
    if (!rc) rc = store_begin(db, err);
    if (!rc) rc = act_end(db, case_web_audit(req, id, "erase", "", err), err);
    if (!rc) (*pnDone)++;
  }
  return rc;
}
