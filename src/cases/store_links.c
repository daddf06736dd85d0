/*
** cases/store_links.c: what ties the guichet to the people outside the
** team, and what the team must chase (issue 14).
**
**   - partners answer inside: a private link per handed sub-task (same
**     token rules as the requester's /suivi link), their « avis », the
**     delays per partner for the statistics;
**   - reminders: idle dossiers and sub-tasks, partner follow-up dates on
**     their day, requests nobody took.
**
** Every SQL statement of these lives here; the pages are pages_follow.c,
** pages_dossier.c and pages_list.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/store_int.h"

const CaseLabel case_verdicts[] = {
  {"favorable", "Favorable"},
  {"besoin_informations", "Besoin d'informations"},
  {"defavorable", "Défavorable"},
  {0, 0}
};

/* ---- answer links ------------------------------------------------------ */

int case_task_link_issue(Store *db, int64_t taskId, int64_t partnerId,
                         int64_t contactId, int64_t now, char zToken[65],
                         Err *err)
{
  char zHash[65];
  case_token_new(zToken, zHash);
  Stmt *q = store_stmt(db,
      "INSERT INTO case_task_links(task_id, token_hash, partner_id,"
      " contact_id, created_at, expires_at) VALUES (?1, ?2, ?3, nullif(?4, 0),"
      " ?5, ?6) ON CONFLICT(task_id) DO UPDATE SET token_hash = ?2,"
      " partner_id = ?3, contact_id = nullif(?4, 0), created_at = ?5,"
      " expires_at = ?6, revoked_at = NULL");
  store_bind_list(q, STORE_V(taskId), STORE_V(zHash), STORE_V(partnerId),
                  STORE_V(contactId), STORE_V(now),
                  STORE_V(now + (int64_t)CASE_LINK_DAYS * 86400));
  return store_exec(q, err);
}

int case_task_link_revoke(Store *db, int64_t taskId, int64_t now, Err *err)
{
  return case_token_revoke(db, "UPDATE case_task_links SET revoked_at = ?2"
                               " WHERE task_id = ?1 AND revoked_at IS NULL",
                           taskId, now, err);
}

/* The link follows the hand-off: handed to someone else, it is dead. */
int64_t case_task_link_find(Store *db, const char *zToken, int64_t now)
{
  return case_token_find(db,
      "SELECT l.task_id FROM case_task_links l"
      " JOIN case_tasks t ON t.id = l.task_id"
      " JOIN case_dossiers d ON d.id = t.dossier_id"
      " WHERE l.token_hash = ?1 AND l.revoked_at IS NULL AND l.expires_at > ?2"
      " AND t.partner_id = l.partner_id AND d.anonymised_at IS NULL"
      " AND d.state <> 'clos'", zToken, now);
}

/* ---- avis ---------------------------------------------------------------- */

int case_opinion_add(Store *db, const CaseOpinion *o, int64_t now,
                     int64_t *pId, Err *err)
{
  char zNow[24];
  if (!o->zVerdict || case_code_index(case_verdicts, o->zVerdict) < 0) {
    err_set(err, ERR_INPUT, "Choisissez votre avis : favorable, besoin "
            "d'informations ou défavorable.");
    err_field(err, "avis");
    return ERR_INPUT;
  }
  if (o->zBody && strlen(o->zBody) > 8000) {
    err_set(err, ERR_INPUT, "Texte trop long : 8 000 caractères au plus.");
    err_field(err, "texte");
    return ERR_INPUT;
  }
  case_time_format(now, zNow);
  int rc = store_begin(db, err);
  if (rc) return rc;
  Stmt *q = store_stmt(db,
      "INSERT INTO case_opinions(dossier_id, task_id, partner_id,"
      " partner_name, at, verdict, body, attachment_id, delay_days)"
      " SELECT t.dossier_id, t.id, t.partner_id, coalesce(p.name, ''), ?2, ?3,"
      " ?4, nullif(?5, 0), julianday(?2) - julianday(t.handed_at)"
      " FROM case_tasks t LEFT JOIN case_partners p ON p.id = t.partner_id"
      " WHERE t.id = ?1 RETURNING dossier_id, id");
  store_bind_list(q, STORE_V(o->taskId), STORE_V(zNow), STORE_V(o->zVerdict),
                  STORE_V(o->zBody ? o->zBody : ""),
                  STORE_V(o->attachmentId));
  rc = store_step(q, err);
  int64_t dossierId = rc == 1 ? store_col_int(q, 0) : 0;
  if (rc == 1) *pId = store_col_int(q, 1);
  if (rc == 1) store_reset(q);
  if (rc == 0) rc = err_set(err, ERR_NOTFOUND, "Sous-tâche introuvable.");
  if (rc == 1) {
    q = store_stmt(db, "UPDATE case_tasks SET updated_at = ?2 WHERE id = ?1");
    store_bind_int(q, 1, o->taskId);
    store_bind_text(q, 2, zNow);
    rc = store_exec(q, err);
  }
  if (!rc) rc = case_touch(db, dossierId, now, err);
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

static const StoreCol aOpinionCol[] = {
  STORE_COL(CaseOpinion, id),
  STORE_COL(CaseOpinion, dossierId),
  STORE_COL(CaseOpinion, taskId),
  STORE_COL(CaseOpinion, partnerId),
  STORE_COL(CaseOpinion, zPartnerName),
  STORE_COL(CaseOpinion, zAt),
  STORE_COL(CaseOpinion, zVerdict),
  STORE_COL(CaseOpinion, zBody),
  STORE_COL(CaseOpinion, attachmentId),
  STORE_COL_OR(CaseOpinion, delayDays, -1),
  STORE_COL(CaseOpinion, zNeed),
  STORE_COL(CaseOpinion, zSeenAt),
};

int case_opinion_list(Store *db, Arena *arena, int64_t dossierId,
                      int64_t taskId, CaseOpinion **paOut, int *pnOut,
                      Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT o.id, o.dossier_id, o.task_id, coalesce(o.partner_id, 0),"
      " o.partner_name, o.at, o.verdict, o.body, coalesce(o.attachment_id, 0),"
      " o.delay_days, t.need, coalesce(o.seen_at, '') FROM case_opinions o"
      " JOIN case_tasks t ON t.id = o.task_id"
      " WHERE (?1 > 0 AND o.dossier_id = ?1) OR (?1 = 0 AND o.task_id = ?2)"
      " ORDER BY o.id");
  store_bind_int(q, 1, dossierId);
  store_bind_int(q, 2, taskId);
  return store_rows_cols(q, arena, aOpinionCol, STORE_NCOL(aOpinionCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}

int case_opinion_seen(Store *db, int64_t dossierId, int64_t now, Err *err)
{
  char zNow[24];
  Stmt *q = store_stmt(db, "UPDATE case_opinions SET seen_at = ?2"
                           " WHERE dossier_id = ?1 AND seen_at IS NULL");
  store_bind_int(q, 1, dossierId);
  store_bind_text(q, 2, case_time_format(now, zNow));
  return store_exec(q, err);
}

int case_opinion_unseen_count(Store *db, int64_t agentId)
{
  Stmt *q = store_stmt(db,
      "SELECT count(*) FROM case_opinions o JOIN case_dossiers d"
      " ON d.id = o.dossier_id WHERE o.seen_at IS NULL AND d.state <> 'clos'"
      " AND (?1 = 0 OR d.agent_id = ?1 OR d.agent_id IS NULL)");
  store_bind_int(q, 1, agentId);
  return (int)store_one_int(q, 0);
}

int case_partner_delays(Store *db, Arena *arena, CasePartnerDelay **paOut,
                        int *pnOut, Err *err)
{
  /* One row per handed sub-task: its partner and the delay of its first
  ** answer after the hand-off (NULL: not answered yet). */
  Stmt *q = store_stmt(db,
      "SELECT p.name, (SELECT min(o.delay_days) FROM case_opinions o"
      "  WHERE o.task_id = t.id AND o.delay_days >= 0)"
      " FROM case_tasks t JOIN case_partners p ON p.id = t.partner_id"
      " WHERE t.handed_at IS NOT NULL ORDER BY p.name, t.id");
  int n = 0, nDelay = 0, rc;
  CasePartnerDelay *a = NULL;
  double *aDelay = NULL;
  while ((rc = store_step(q, err)) == 1) {
    const char *zName = store_col_text(q, 0);
    if (n == 0 || strcmp(a[n - 1].zName, zName)) {
      if (n > 0) {
        a[n - 1].median = case_quantile(aDelay, nDelay, 0.5);
        a[n - 1].p90 = case_quantile(aDelay, nDelay, 0.9);
      }
      store_grow((void **)&a, n, sizeof *a, arena);
      memset(&a[n], 0, sizeof a[n]);
      a[n++].zName = arena_strdup(arena, zName);
      nDelay = 0;
    }
    a[n - 1].nHanded++;
    if (!store_col_is_null(q, 1)) {
      store_grow((void **)&aDelay, nDelay, sizeof *aDelay, arena);
      aDelay[nDelay++] = store_col_double(q, 1);
      a[n - 1].nAnswered++;
    }
  }
  if (rc < 0) return rc;
  if (n > 0) {
    a[n - 1].median = case_quantile(aDelay, nDelay, 0.5);
    a[n - 1].p90 = case_quantile(aDelay, nDelay, 0.9);
  }
  *paOut = a;
  *pnOut = n;
  return 0;
}

/* ---- reminders --------------------------------------------------------- */

static int store_cmp_reminder(const void *pa, const void *pb)
{
  const CaseReminder *a = pa, *b = pb;
  int c = strcmp(a->zSince, b->zSince);
  return c ? c : (a->dossierId < b->dossierId ? -1 : a->dossierId > b->dossierId);
}

/* A sub-task waits for its partner: handed with a follow-up date and not
** answered since the hand-off. */
#define TASK_WAITS_PARTNER \
  " (t.state = 'partenaire' AND t.follow_up <> '' AND NOT EXISTS" \
  "  (SELECT 1 FROM case_opinions o WHERE o.task_id = t.id" \
  "   AND o.at >= coalesce(t.handed_at, '')))"

/*
** A dossier is idle when nothing happened on it (any write touches it); a
** sub-task when it was not updated.  A sub-task handed to a partner comes
** back on its follow-up date, as such (the partner was given until then),
** unless the partner answered.  A request nobody took is everyone's.
*/
int case_reminder_list(Store *db, Arena *arena, int64_t agentId, int64_t now,
                       CaseReminder **paOut, int *pnOut, Err *err)
{
  static const char *const azKind[] = {"inactif", "inactif",
                                       "relance_partenaire", "non_attribue"};
  static const char *const azSql[] = {
    "SELECT d.id, d.reference, 0, d.state, d.updated_at, d.updated_at"
    " FROM case_dossiers d WHERE d.state <> 'clos'"
    " AND d.anonymised_at IS NULL AND d.updated_at <= ?1"
    " AND d.agent_id IS NOT NULL AND (?2 = 0 OR d.agent_id = ?2)",

    "SELECT d.id, d.reference, t.id, t.need, t.updated_at, t.updated_at"
    " FROM case_tasks t JOIN case_dossiers d ON d.id = t.dossier_id"
    " WHERE d.state <> 'clos' AND d.anonymised_at IS NULL"
    " AND t.state NOT IN ('fait', 'sans_objet') AND NOT" TASK_WAITS_PARTNER
    " AND t.updated_at <= ?1 AND (?2 = 0 OR d.agent_id = ?2)",

    "SELECT d.id, d.reference, t.id, t.need, t.follow_up,"
    " t.follow_up || 'T00:00:00Z'"
    " FROM case_tasks t JOIN case_dossiers d ON d.id = t.dossier_id"
    " WHERE d.state <> 'clos' AND d.anonymised_at IS NULL"
    " AND" TASK_WAITS_PARTNER " AND t.follow_up <= substr(?3, 1, 10)"
    " AND (?2 = 0 OR d.agent_id = ?2 OR d.agent_id IS NULL)",

    "SELECT d.id, d.reference, 0, d.state, d.created_at, d.updated_at"
    " FROM case_dossiers d WHERE d.state <> 'clos'"
    " AND d.anonymised_at IS NULL AND d.agent_id IS NULL"
    " AND d.created_at <= ?4 AND (?2 = 0 OR d.group_id IS NULL OR EXISTS"
    " (SELECT 1 FROM case_group_members m WHERE m.group_id = d.group_id"
    "  AND m.user_id = ?2))",
  };
  char zLimit[24], zNow[24], zUnassigned[24];
  case_time_format(now - (int64_t)CASE_IDLE_FIRST * 86400, zLimit);
  case_time_format(now, zNow);
  case_time_format(now - (int64_t)CASE_UNASSIGNED_DAYS * 86400, zUnassigned);
  int n = 0, rc = 0;
  CaseReminder *a = NULL;
  for (size_t pass = 0; pass < sizeof azSql / sizeof *azSql; pass++) {
    Stmt *q = store_stmt(db, azSql[pass]);
    if (pass < 3) store_bind_text(q, 1, zLimit);
    store_bind_int(q, 2, agentId);
    if (pass == 2) store_bind_text(q, 3, zNow);
    if (pass == 3) store_bind_text(q, 4, zUnassigned);
    while ((rc = store_step(q, err)) == 1) {
      store_grow((void **)&a, n, sizeof *a, arena);
      CaseReminder *r = &a[n++];
      int64_t tIdle = now;
      r->dossierId = store_col_int(q, 0);
      r->zRef = store_col_dup(arena, q, 1);
      r->taskId = store_col_int(q, 2);
      r->zWhat = store_col_dup(arena, q, 3);
      r->zKind = azKind[pass];
      r->zSince = store_col_dup(arena, q, 4);
      case_time_parse(store_col_text(q, 5), &tIdle);
      r->level = case_idle_level(tIdle, now);
    }
    if (rc < 0) return rc;
  }
  if (n > 1) qsort(a, (size_t)n, sizeof *a, store_cmp_reminder);
  *paOut = a;
  *pnOut = n;
  return 0;
}

const char *case_reminder_text(Arena *arena, const CaseReminder *r)
{
  const char *z = r->zSince ? r->zSince : "";
  char zDay[11] = "";
  if (strlen(z) >= 10) {
    snprintf(zDay, sizeof zDay, "%.2s/%.2s/%.4s", z + 8, z + 5, z);
  }
  if (!strcmp(r->zKind, "relance_partenaire")) {
    return arena_printf(arena, "Relance du partenaire prévue le %s", zDay);
  }
  if (!strcmp(r->zKind, "non_attribue")) {
    return arena_printf(arena, "Reçue le %s, prise par personne", zDay);
  }
  return arena_printf(arena, "Sans activité depuis le %s", zDay);
}
