/*
** cases/store.c: the SQL of dossiers, sub-tasks, transitions, notes,
** messages, lists and counts.
**
** Every write runs in one transaction and touches the dossier's
** updated_at (its last activity, which drives the reminders).  The rules
** (which transitions are allowed, what a valid form is) come from rules.c;
** nothing here formats output.  Partners, saved filters, attachments,
** reminders, statistics and anonymisation are in store_more.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "cases/store_int.h"

unsigned case_need_mask(const char *zList)
{
  unsigned m = 0;
  for (int k = 0; case_needs[k].zCode; k++) {
    size_t n = strlen(case_needs[k].zCode);
    for (const char *p = zList; p && *p;) {
      const char *zEnd = strchr(p, ',');
      size_t nTok = zEnd ? (size_t)(zEnd - p) : strlen(p);
      if (nTok == n && !strncmp(p, case_needs[k].zCode, n)) m |= 1u << k;
      p = zEnd ? zEnd + 1 : NULL;
    }
  }
  return m;
}

/* Mark dossier id active at now (its reminders start again). */
int case_touch(Store *db, int64_t id, int64_t now, Err *err)
{
  char zNow[24];
  Stmt *q = store_stmt(db,
      "UPDATE case_dossiers SET updated_at = ?2 WHERE id = ?1");
  store_bind_int(q, 1, id);
  store_bind_text(q, 2, case_time_format(now, zNow));
  return store_exec(q, err);
}

/* ---- creation --------------------------------------------------------------- */

static int store_insert_transition(Store *db, int64_t id, const char *zFrom,
                                   const char *zTo, const char *zOutcome,
                                   const CaseActor *pBy, const char *zReason,
                                   int64_t now, Err *err)
{
  char zNow[24];
  Stmt *q = store_stmt(db,
      "INSERT INTO case_transitions(dossier_id, at, from_state, to_state,"
      " outcome, actor_id, actor_name, reason)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  store_bind_list(q, STORE_V(id), STORE_V(case_time_format(now, zNow)),
                  store_v_opt(zFrom), STORE_V(zTo), store_v_opt(zOutcome));
  if (pBy && pBy->id) {
    store_bind_int(q, 6, pBy->id);
  } else {
    store_bind_null(q, 6);
  }
  store_bind_text(q, 7, pBy && pBy->zName ? pBy->zName : "");
  store_bind_text(q, 8, zReason ? zReason : "");
  return store_exec(q, err);
}

/*
** The reference's number is the year's largest plus one, read and used in
** the same write transaction (BEGIN IMMEDIATE), so two requests arriving
** together cannot take the same number; UNIQUE(ref_year, ref_seq) is the
** safety net.  The idempotency token is checked in that transaction too.
*/
int case_dossier_create(Store *db, const CaseRequest *r, const CaseActor *pBy,
                        int64_t now, int64_t *pId, int *pIsNew, Err *err)
{
  char zNow[24], zRef[16];
  Stmt *q;
  int rc = store_begin(db, err);
  if (rc) return rc;
  *pIsNew = 0;
  if (r->zIdemToken && *r->zIdemToken) {
    q = store_stmt(db, "SELECT id FROM case_dossiers WHERE idem_token = ?1");
    store_bind_text(q, 1, r->zIdemToken);
    int64_t id = store_one_int(q, 0);
    if (id) {
      *pId = id;
      return store_commit(db, err);
    }
  }
  int year = case_year_of(now);
  q = store_stmt(db, "SELECT coalesce(max(ref_seq), 0) + 1 FROM case_dossiers"
                     " WHERE ref_year = ?1");
  store_bind_int(q, 1, year);
  int seq = (int)store_one_int(q, 1);
  case_time_format(now, zNow);
  q = store_stmt(db,
      "INSERT INTO case_dossiers(ref_year, ref_seq, reference, channel,"
      " first_name, last_name, email, phone, profession, status, project,"
      " territory_kind, territory_code, territory_label, wished_date,"
      " message, consent_at, idem_token, created_at, updated_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
      " ?15, ?16, ?17, ?18, ?17, ?17)");
  store_bind_list(q, STORE_V(year), STORE_V(seq),
                  STORE_V(case_ref_format(year, seq, zRef)),
                  STORE_V(r->zChannel),
                  STORE_V(r->zFirstName ? r->zFirstName : ""),
                  STORE_V(r->zLastName ? r->zLastName : ""),
                  STORE_V(r->zEmail ? r->zEmail : ""),
                  STORE_V(r->zPhone ? r->zPhone : ""),
                  STORE_V(r->zProfession), STORE_V(r->zStatus),
                  STORE_V(r->zProject), STORE_V(r->zTerritoryKind));
  int isIndecis = !strcmp(r->zTerritoryKind, "indecis");
  store_bind_text(q, 13, isIndecis || !r->zTerritoryCode ? ""
                                                         : r->zTerritoryCode);
  store_bind_text(q, 14, isIndecis || !r->zTerritoryLabel
                             ? "" : r->zTerritoryLabel);
  store_bind_text(q, 15, r->zWishedDate ? r->zWishedDate : "");
  store_bind_text(q, 16, r->zMessage ? r->zMessage : "");
  store_bind_text(q, 17, zNow);
  store_bind_opt(q, 18, r->zIdemToken);
  rc = store_exec(q, err);
  if (rc) goto done;
  int64_t id = store_last_id(db);
  for (int i = 0; i < r->nNeed && !rc; i++) {
    q = store_stmt(db, "INSERT INTO case_tasks(dossier_id, need, updated_at)"
                       " VALUES (?1, ?2, ?3)");
    store_bind_list(q, STORE_V(id), STORE_V(r->azNeed[i]), STORE_V(zNow));
    rc = store_exec(q, err);
  }
  if (!rc) {
    rc = store_insert_transition(db, id, NULL, "nouveau", NULL, pBy,
                                 case_label(case_channels, r->zChannel), now,
                                 err);
  }
  if (!rc) {
    *pId = id;
    *pIsNew = 1;
  }
done:
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

/* ---- reading ----------------------------------------------------------------- */

#define DOSSIER_COLS \
  "d.id, d.reference, d.state, d.channel, d.first_name, d.last_name," \
  " d.email, d.phone, d.profession, d.status, d.project, d.territory_kind," \
  " d.territory_code, d.territory_label, d.wished_date, d.message," \
  " coalesce(d.outcome, ''), d.outcome_commune, d.outcome_date," \
  " coalesce(d.agent_id, 0), d.agent_name, d.created_at," \
  " coalesce(d.first_contact_at, ''), coalesce(d.closed_at, '')," \
  " d.updated_at, d.consent_at, coalesce(d.anonymised_at, '')," \
  " coalesce(d.group_id, 0)," \
  " coalesce((SELECT g.name FROM case_groups g WHERE g.id = d.group_id), '')," \
  " coalesce((SELECT group_concat(t.need) FROM case_tasks t" \
  "           WHERE t.dossier_id = d.id), '')"

/* DOSSIER_COLS in order, but for its last column (the needs). */
static const StoreCol aDossierCol[] = {
  STORE_COL(Dossier, id),
  STORE_COL(Dossier, zRef),
  STORE_COL(Dossier, zState),
  STORE_COL(Dossier, zChannel),
  STORE_COL(Dossier, zFirstName),
  STORE_COL(Dossier, zLastName),
  STORE_COL(Dossier, zEmail),
  STORE_COL(Dossier, zPhone),
  STORE_COL(Dossier, zProfession),
  STORE_COL(Dossier, zStatus),
  STORE_COL(Dossier, zProject),
  STORE_COL(Dossier, zTerritoryKind),
  STORE_COL(Dossier, zTerritoryCode),
  STORE_COL(Dossier, zTerritoryLabel),
  STORE_COL(Dossier, zWishedDate),
  STORE_COL(Dossier, zMessage),
  STORE_COL(Dossier, zOutcome),
  STORE_COL(Dossier, zOutcomeCommune),
  STORE_COL(Dossier, zOutcomeDate),
  STORE_COL(Dossier, agentId),
  STORE_COL(Dossier, zAgentName),
  STORE_COL(Dossier, zCreatedAt),
  STORE_COL(Dossier, zFirstContactAt),
  STORE_COL(Dossier, zClosedAt),
  STORE_COL(Dossier, zUpdatedAt),
  STORE_COL(Dossier, zConsentAt),
  STORE_COL(Dossier, zAnonymisedAt),
  STORE_COL(Dossier, groupId),
  STORE_COL(Dossier, zGroupName),
};

static void store_read_dossier(Arena *a, Stmt *q, void *pRow)
{
  Dossier *p = pRow;
  memset(p, 0, sizeof *p);
  store_read_cols(a, q, aDossierCol, STORE_NCOL(aDossierCol), p);
  p->needMask = case_need_mask(store_col_text(q, STORE_NCOL(aDossierCol)));
}

int case_dossier_get(Store *db, Arena *arena, int64_t id, Dossier *p,
                     Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " DOSSIER_COLS
                           " FROM case_dossiers d WHERE d.id = ?1");
  store_bind_int(q, 1, id);
  return store_row(q, arena, store_read_dossier, p, "Dossier introuvable.",
                   err);
}

int64_t case_dossier_find_ref(Store *db, const char *zRef)
{
  Stmt *q = store_stmt(db, "SELECT id FROM case_dossiers WHERE reference = ?1");
  store_bind_text(q, 1, zRef);
  return store_one_int(q, 0);
}

int64_t case_dossier_find_form(Store *db, const char *zRef,
                               const char *zIdemToken)
{
  if (!zIdemToken || !*zIdemToken) return 0;
  Stmt *q = store_stmt(db, "SELECT id FROM case_dossiers WHERE reference = ?1"
                           " AND idem_token = ?2 AND anonymised_at IS NULL");
  store_bind_text(q, 1, zRef);
  store_bind_text(q, 2, zIdemToken);
  return store_one_int(q, 0);
}

/* The WHERE clause shared by the list and the counts; ?1 is the state. */
#define FILTER_WHERE \
  " WHERE (?1 IS NULL OR d.state = ?1)" \
  " AND (?2 IS NULL OR d.territory_code = ?2" \
  "      OR d.territory_label LIKE '%' || ?2 || '%')" \
  " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM case_tasks t" \
  "      WHERE t.dossier_id = d.id AND t.need = ?3))" \
  " AND (?4 IS NULL OR d.profession = ?4)" \
  " AND (?5 IS NULL OR d.channel = ?5)" \
  " AND (?6 = 0 OR (?6 = -1 AND d.agent_id IS NULL) OR d.agent_id = ?6)" \
  " AND (?7 IS NULL OR d.created_at >= ?7)" \
  " AND (?8 IS NULL OR d.created_at < date(?8, '+1 day'))" \
  " AND (?9 IS NULL OR d.reference LIKE '%' || ?9 || '%'" \
  "      OR d.last_name LIKE '%' || ?9 || '%'" \
  "      OR d.first_name LIKE '%' || ?9 || '%'" \
  "      OR d.email LIKE '%' || ?9 || '%')" \
  " AND (?11 = 0 OR d.group_id = ?11)"

static void store_bind_filter(Stmt *q, const CaseFilter *f, int isState)
{
  store_bind_list(q, store_v_opt(isState ? f->zState : NULL),
                  store_v_opt(f->zTerritory), store_v_opt(f->zNeed),
                  store_v_opt(f->zProfession), store_v_opt(f->zChannel),
                  STORE_V(f->agentId), store_v_opt(f->zFrom),
                  store_v_opt(f->zTo), store_v_opt(f->zText));
  store_bind_int(q, 11, f->groupId);
}

int case_dossier_list(Store *db, Arena *arena, const CaseFilter *f, int nMax,
                      Dossier **paOut, int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " DOSSIER_COLS " FROM case_dossiers d"
                           FILTER_WHERE
                           " ORDER BY d.created_at DESC, d.id DESC"
                           " LIMIT ?10");
  store_bind_filter(q, f, 1);
  store_bind_int(q, 10, nMax);
  return store_rows(q, arena, store_read_dossier, sizeof **paOut,
                    (void **)paOut, pnOut, err);
}

int case_dossier_count_states(Store *db, const CaseFilter *f,
                              int aCount[CASE_NSTATE], Err *err)
{
  Stmt *q = store_stmt(db, "SELECT d.state, count(*) FROM case_dossiers d"
                           FILTER_WHERE " GROUP BY d.state");
  store_bind_filter(q, f, 0);
  memset(aCount, 0, sizeof(int) * CASE_NSTATE);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    int i = case_code_index(case_states, store_col_text(q, 0));
    if (i >= 0) aCount[i] = (int)store_col_int(q, 1);
  }
  return rc;
}

int case_agent_list(Store *db, Arena *arena, int64_t **paId,
                    const char ***pazName, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT agent_id, max(agent_name) FROM case_dossiers"
                           " WHERE agent_id IS NOT NULL GROUP BY agent_id"
                           " ORDER BY 2 LIMIT 200");
  int64_t *aId = arena_alloc(arena, sizeof *aId * 200);
  const char **azName = arena_alloc(arena, sizeof *azName * 200);
  int n = 0, rc;
  while ((rc = store_step(q, err)) == 1) {
    aId[n] = store_col_int(q, 0);
    azName[n] = store_col_dup(arena, q, 1);
    n++;
  }
  *paId = aId;
  *pazName = azName;
  *pn = n;
  return rc;
}

/* ---- state, assignment, openings ----------------------------------------------- */

int case_dossier_transition(Store *db, int64_t id, const char *zTo,
                            const CaseClose *pClose, const char *zReason,
                            const CaseActor *pBy, int64_t now, Err *err)
{
  char zNow[24];
  int rc = store_begin(db, err);
  if (rc) return rc;
  Stmt *q = store_stmt(db, "SELECT state, anonymised_at IS NOT NULL"
                           " FROM case_dossiers WHERE id = ?1");
  store_bind_int(q, 1, id);
  rc = store_step(q, err);
  if (rc <= 0) {
    if (rc == 0) rc = err_set(err, ERR_NOTFOUND, "Dossier introuvable.");
    goto done;
  }
  char zFrom[32];
  snprintf(zFrom, sizeof zFrom, "%s", store_col_text(q, 0));
  int isAnon = (int)store_col_int(q, 1);
  store_reset(q);
  if (isAnon) {
    rc = err_set(err, ERR_INPUT, "Dossier anonymisé : il ne peut plus changer.");
    goto done;
  }
  rc = case_transition_check(zFrom, zTo, pClose, zReason, err);
  if (rc) goto done;
  int isClose = !strcmp(zTo, "clos");
  int isInstalled = isClose && !strcmp(pClose->zOutcome, "installe");
  q = store_stmt(db,
      "UPDATE case_dossiers SET state = ?2, updated_at = ?3,"
      " first_contact_at = coalesce(first_contact_at, ?3),"
      " closed_at = ?4, outcome = ?5, outcome_commune = ?6,"
      " outcome_date = ?7 WHERE id = ?1");
  store_bind_list(q, STORE_V(id), STORE_V(zTo),
                  STORE_V(case_time_format(now, zNow)),
                  STORE_V(isClose ? zNow : NULL),
                  STORE_V(isClose ? pClose->zOutcome : NULL),
                  STORE_V(isInstalled ? pClose->zCommune : ""),
                  STORE_V(isInstalled ? pClose->zDate : ""));
  rc = store_exec(q, err);
  if (!rc) {
    rc = store_insert_transition(db, id, zFrom, zTo,
                                 isClose ? pClose->zOutcome : NULL, pBy,
                                 zReason, now, err);
  }
done:
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

int case_dossier_assign(Store *db, int64_t id, int64_t agentId,
                        const char *zAgentName, int64_t now, Err *err)
{
  char zNow[24];
  Stmt *q = store_stmt(db,
      "UPDATE case_dossiers SET agent_id = ?2, agent_name = ?3,"
      " updated_at = ?4 WHERE id = ?1 AND anonymised_at IS NULL");
  store_bind_int(q, 1, id);
  if (agentId) {
    store_bind_int(q, 2, agentId);
  } else {
    store_bind_null(q, 2);
  }
  store_bind_text(q, 3, agentId && zAgentName ? zAgentName : "");
  store_bind_text(q, 4, case_time_format(now, zNow));
  int rc = store_exec(q, err);
  if (!rc && store_changes(db) == 0) {
    rc = err_set(err, ERR_NOTFOUND, "Dossier introuvable ou anonymisé.");
  }
  return rc;
}

int case_dossier_log_open(Store *db, int64_t id, const CaseActor *pBy,
                          int64_t now, Err *err)
{
  char zNow[24];
  Stmt *q = store_stmt(db, "INSERT INTO case_open_log(dossier_id, at,"
                           " user_id, user_name) VALUES (?1, ?2, ?3, ?4)");
  store_bind_int(q, 1, id);
  store_bind_text(q, 2, case_time_format(now, zNow));
  if (pBy && pBy->id) {
    store_bind_int(q, 3, pBy->id);
  } else {
    store_bind_null(q, 3);
  }
  store_bind_text(q, 4, pBy && pBy->zName ? pBy->zName : "");
  return store_exec(q, err);
}

int case_dossier_open_count(Store *db, int64_t id)
{
  Stmt *q = store_stmt(db,
      "SELECT count(*) FROM case_open_log WHERE dossier_id = ?1");
  store_bind_int(q, 1, id);
  return (int)store_one_int(q, 0);
}

/* ---- sub-tasks ---------------------------------------------------------------- */

#define TASK_COLS \
  "t.id, t.dossier_id, t.need, t.state, t.due_date, t.notes," \
  " coalesce(t.partner_id, 0), coalesce(p.name, ''), t.follow_up, t.updated_at"

static const StoreCol aCaseTaskCol[] = {
  STORE_COL(CaseTask, id),
  STORE_COL(CaseTask, dossierId),
  STORE_COL(CaseTask, zNeed),
  STORE_COL(CaseTask, zState),
  STORE_COL(CaseTask, zDue),
  STORE_COL(CaseTask, zNotes),
  STORE_COL(CaseTask, partnerId),
  STORE_COL(CaseTask, zPartnerName),
  STORE_COL(CaseTask, zFollowUp),
  STORE_COL(CaseTask, zUpdatedAt),
};

int case_task_list(Store *db, Arena *arena, int64_t dossierId,
                   CaseTask **paOut, int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " TASK_COLS " FROM case_tasks t"
                           " LEFT JOIN case_partners p ON p.id = t.partner_id"
                           " WHERE t.dossier_id = ?1 ORDER BY t.id");
  store_bind_int(q, 1, dossierId);
  return store_rows_cols(q, arena, aCaseTaskCol, STORE_NCOL(aCaseTaskCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}

int case_task_get(Store *db, Arena *arena, int64_t taskId, CaseTask *p,
                  Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " TASK_COLS " FROM case_tasks t"
                           " LEFT JOIN case_partners p ON p.id = t.partner_id"
                           " WHERE t.id = ?1");
  store_bind_int(q, 1, taskId);
  return store_row_cols(q, arena, aCaseTaskCol, STORE_NCOL(aCaseTaskCol), p,
                        "Sous-tâche introuvable.", err);
}

/* Run q, an UPDATE of one sub-task ending "RETURNING dossier_id", and
** mark its dossier active: 0, ERR_NOTFOUND when no sub-task matched, or
** the failure. */
static int store_task_write(Store *db, Stmt *q, int64_t now, Err *err)
{
  int rc = store_step(q, err);
  if (rc < 0) return rc;
  if (rc == 0) return err_set(err, ERR_NOTFOUND, "Sous-tâche introuvable.");
  int64_t dossierId = store_col_int(q, 0);
  store_reset(q);
  return case_touch(db, dossierId, now, err);
}

int case_task_update(Store *db, int64_t taskId, const char *zState,
                     const char *zDue, const char *zNotes, int64_t now,
                     Err *err)
{
  char zNow[24];
  if (case_code_index(case_task_states, zState) < 0) {
    err_set(err, ERR_INPUT, "État de sous-tâche inconnu.");
    err_field(err, "etat");
    return ERR_INPUT;
  }
  if (!case_date_ok(zDue)) {
    err_set(err, ERR_INPUT, "Échéance invalide : date AAAA-MM-JJ.");
    err_field(err, "echeance");
    return ERR_INPUT;
  }
  if (zNotes && strlen(zNotes) > 8000) {
    err_set(err, ERR_INPUT, "Notes trop longues : 8 000 caractères au plus.");
    err_field(err, "notes");
    return ERR_INPUT;
  }
  int rc = store_begin(db, err);
  if (rc) return rc;
  Stmt *q = store_stmt(db,
      "UPDATE case_tasks SET state = ?2, due_date = ?3, notes = ?4,"
      " updated_at = ?5 WHERE id = ?1 RETURNING dossier_id");
  store_bind_list(q, STORE_V(taskId), STORE_V(zState),
                  STORE_V(zDue ? zDue : ""), STORE_V(zNotes ? zNotes : ""),
                  STORE_V(case_time_format(now, zNow)));
  rc = store_task_write(db, q, now, err);
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

int case_task_handoff(Store *db, int64_t taskId, int64_t partnerId,
                      const char *zFollowUp, int64_t now, Err *err)
{
  char zNow[24];
  if (!zFollowUp || !*zFollowUp || !case_date_ok(zFollowUp)) {
    err_set(err, ERR_INPUT, "Indiquez la date de relance (AAAA-MM-JJ).");
    err_field(err, "relance");
    return ERR_INPUT;
  }
  int rc = store_begin(db, err);
  if (rc) return rc;
  Stmt *q = store_stmt(db, "SELECT count(*) FROM case_partners WHERE id = ?1");
  store_bind_int(q, 1, partnerId);
  if (store_one_int(q, 0) == 0) {
    rc = err_set(err, ERR_INPUT, "Choisissez un partenaire de l'annuaire.");
    err_field(err, "partenaire");
    goto done;
  }
  q = store_stmt(db,
      "UPDATE case_tasks SET partner_id = ?2, follow_up = ?3,"
      " state = 'partenaire', updated_at = ?4, handed_at = ?4 WHERE id = ?1"
      " RETURNING dossier_id");
  store_bind_list(q, STORE_V(taskId), STORE_V(partnerId), STORE_V(zFollowUp),
                  STORE_V(case_time_format(now, zNow)));
  rc = store_task_write(db, q, now, err);
done:
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

/* ---- notes, messages, history ------------------------------------------------ */

static int store_body_ok(const char *zBody, Err *err)
{
  if (!zBody || !*zBody) {
    err_set(err, ERR_INPUT, "Le texte est vide.");
    err_field(err, "texte");
    return ERR_INPUT;
  }
  if (strlen(zBody) > 8000) {
    err_set(err, ERR_INPUT, "Texte trop long : 8 000 caractères au plus.");
    err_field(err, "texte");
    return ERR_INPUT;
  }
  return 0;
}

int case_note_add(Store *db, int64_t dossierId, const CaseActor *pBy,
                  const char *zBody, int64_t now, Err *err)
{
  char zNow[24];
  int rc = store_body_ok(zBody, err);
  if (rc) return rc;
  if ((rc = store_begin(db, err))) return rc;
  Stmt *q = store_stmt(db, "INSERT INTO case_notes(dossier_id, at, author_id,"
                           " author_name, body) VALUES (?1, ?2, ?3, ?4, ?5)");
  store_bind_list(q, STORE_V(dossierId), STORE_V(case_time_format(now, zNow)),
                  STORE_V(pBy ? pBy->id : 0),
                  STORE_V(pBy && pBy->zName ? pBy->zName : ""),
                  STORE_V(zBody));
  rc = store_exec(q, err);
  if (!rc) rc = case_touch(db, dossierId, now, err);
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

/* An outgoing message is a contact: it sets the first-contact time. */
int case_message_add(Store *db, int64_t dossierId, const CaseActor *pBy,
                     const char *zDirection, const char *zBody,
                     int isEmailed, int64_t now, Err *err)
{
  char zNow[24];
  int rc = store_body_ok(zBody, err);
  if (rc) return rc;
  int isOut = zDirection && !strcmp(zDirection, "sortant");
  if (!isOut && (!zDirection || strcmp(zDirection, "entrant"))) {
    err_set(err, ERR_INPUT, "Sens du message inconnu.");
    err_field(err, "sens");
    return ERR_INPUT;
  }
  if ((rc = store_begin(db, err))) return rc;
  Stmt *q = store_stmt(db, "INSERT INTO case_messages(dossier_id, at,"
                           " direction, author_id, author_name, body, emailed)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  store_bind_list(q, STORE_V(dossierId), STORE_V(case_time_format(now, zNow)),
                  STORE_V(zDirection), STORE_V(pBy ? pBy->id : 0),
                  STORE_V(pBy && pBy->zName ? pBy->zName : ""),
                  STORE_V(zBody), STORE_V(isEmailed ? 1 : 0));
  rc = store_exec(q, err);
  if (!rc) rc = case_touch(db, dossierId, now, err);
  if (!rc && isOut) {
    q = store_stmt(db, "UPDATE case_dossiers SET first_contact_at ="
                       " coalesce(first_contact_at, ?2) WHERE id = ?1");
    store_bind_int(q, 1, dossierId);
    store_bind_text(q, 2, zNow);
    rc = store_exec(q, err);
  }
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

static const StoreCol aCaseEventCol[] = {
  STORE_COL(CaseEvent, id),
  STORE_COL(CaseEvent, zAt),
  STORE_COL(CaseEvent, zActor),
  STORE_COL(CaseEvent, zFrom),
  STORE_COL(CaseEvent, zTo),
  STORE_COL(CaseEvent, zReason),
  STORE_COL(CaseEvent, zOutcome),
  STORE_COL(CaseEvent, zDirection),
  STORE_COL(CaseEvent, zBody),
  STORE_COL(CaseEvent, isEmailed),
};

int case_event_list(Store *db, Arena *arena, int64_t dossierId, char kind,
                    CaseEvent **paOut, int *pnOut, Err *err)
{
  Stmt *q;
  if (kind == 't') {
    q = store_stmt(db, "SELECT id, at, actor_name, coalesce(from_state, ''),"
                       " to_state, reason, coalesce(outcome, ''), '', '', 0"
                       " FROM case_transitions WHERE dossier_id = ?1"
                       " ORDER BY id");
  } else if (kind == 'n') {
    q = store_stmt(db, "SELECT id, at, author_name, '', '', '', '', '', body,"
                       " 0 FROM case_notes WHERE dossier_id = ?1 ORDER BY id");
  } else {
    q = store_stmt(db, "SELECT id, at, author_name, '', '', '', '', direction,"
                       " body, emailed FROM case_messages"
                       " WHERE dossier_id = ?1 ORDER BY id");
  }
  store_bind_int(q, 1, dossierId);
  return store_rows_cols(q, arena, aCaseEventCol, STORE_NCOL(aCaseEventCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}
