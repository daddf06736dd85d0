/*
** aids/applic.c: aid applications -- the rules of their moves and their
** payment schedule (pure), and every SQL statement about them.
**
** No HTML here; applic_pages.c and applic_print.c present them.
*/
#include <stdio.h>
#include <string.h>

#include "aids/applic.h"

static const char *const azStateCode[] = {
  "deposee", "complete", "en_commission", "accordee", "refusee",
  "convention_signee"
};
static const char *const azStateLabel[] = {
  "déposée", "complète", "en commission", "accordée", "refusée",
  "convention signée"
};

const char *const aid_applic_default_docs[] = {
  "Pièce d'identité",
  "Justificatif de situation (certificat de scolarité, inscription à "
  "l'Ordre…)",
  "Relevé d'identité bancaire",
  "Lettre de motivation et projet d'exercice",
  NULL
};

const char *aid_applic_state_code(int state)
{
  return state >= 0 && state < AID_NAS ? azStateCode[state] : "?";
}

const char *aid_applic_state_label(int state)
{
  return state >= 0 && state < AID_NAS ? azStateLabel[state] : "?";
}

int aid_applic_state_find(const char *z)
{
  for (int i = 0; z && i < AID_NAS; i++) {
    if (!strcmp(z, azStateCode[i])) return i;
  }
  return -1;
}

/* ---- rules (pure) -------------------------------------------------------- */

static int bad(Err *err, const char *zField, const char *zMsg)
{
  err_set(err, ERR_INPUT, "%s", zMsg);
  err_field(err, zField);
  return ERR_INPUT;
}

int aid_applic_check(const AidApplic *a, const AidApplicMove *m, Err *err)
{
  /* the one edge into each state */
  static const int aFrom[AID_NAS] = {-1, AID_AS_FILED, AID_AS_COMPLETE,
                                     AID_AS_COMMISSION, AID_AS_COMMISSION,
                                     AID_AS_GRANTED};
  if (m->to <= AID_AS_FILED || m->to >= AID_NAS) {
    return bad(err, "etat", "Choisissez l'étape suivante de la demande.");
  }
  if (aFrom[m->to] != a->state) {
    err_set(err, ERR_INPUT, "Une demande %s ne peut pas passer à l'état "
            "« %s ».", aid_applic_state_label(a->state),
            aid_applic_state_label(m->to));
    err_field(err, "etat");
    return ERR_INPUT;
  }
  switch (m->to) {
  case AID_AS_COMPLETE:
    if (a->nDocMissing > 0) {
      err_set(err, ERR_INPUT, "Il manque %d pièce%s justificative%s : la "
              "demande n'est pas complète.", a->nDocMissing,
              a->nDocMissing > 1 ? "s" : "", a->nDocMissing > 1 ? "s" : "");
      err_field(err, "etat");
      return ERR_INPUT;
    }
    break;
  case AID_AS_COMMISSION:
    if (m->sessionId <= 0) {
      return bad(err, "commission", "Choisissez la séance de la commission.");
    }
    break;
  case AID_AS_GRANTED:
    if (m->grantedCents <= 0 || m->grantedCents > 1000000000LL) {
      return bad(err, "montant", "Indiquez le montant accordé, entre 0,01 € "
                 "et 10 000 000 €.");
    }
    break;
  case AID_AS_REFUSED:
    if (!m->zNote || !*m->zNote) {
      return bad(err, "motif", "Indiquez les motifs du refus : ils figurent "
                 "dans la lettre de décision.");
    }
    break;
  case AID_AS_SIGNED:
    if (aid_date_check(m->zSigned ? m->zSigned : "")) {
      return bad(err, "signature", "Date de signature invalide (JJ/MM/AAAA).");
    }
    if (aid_date_check(m->zStart ? m->zStart : "")) {
      return bad(err, "debut", "Date de début de l'engagement invalide.");
    }
    if (aid_date_check(m->zEnd ? m->zEnd : "")) {
      return bad(err, "fin", "Date de fin de l'engagement invalide.");
    }
    if (strcmp(m->zEnd, m->zStart) <= 0) {
      return bad(err, "fin", "La fin de l'engagement doit suivre son début.");
    }
    if (!m->zPlace || strlen(m->zPlace) != 5) {
      return bad(err, "lieu", "Code INSEE de la commune d'exercice attendu "
                 "(5 caractères).");
    }
    break;
  }
  return 0;
}

/* zDate plus nMonth months, on the 1st ("2026-04-15" + 1 -> "2026-05-01"). */
static void month_add(const char *zDate, int nMonth, char zOut[11])
{
  int y = 2000, mo = 1, d = 1;
  sscanf(zDate, "%4d-%2d-%2d", &y, &mo, &d);
  int i = y * 12 + (mo - 1) + nMonth;
  unsigned yy = (unsigned)(i / 12) % 10000u, mm = (unsigned)(i % 12 + 1) % 100u;
  snprintf(zOut, 11, "%04u-%02u-01", yy, mm);
}

int aid_applic_schedule(const int64_t *aMonth, int nMonth, int64_t granted,
                        const char *zSigned, AidDue *aOut, int nMax)
{
  int n = 0;
  int64_t left = granted;
  if (granted <= 0 || nMax <= 0) return 0;
  for (int m = 0; m < nMonth && left > 0 && n < nMax; m++) {
    if (aMonth[m] <= 0) continue;
    int64_t v = aMonth[m] < left ? aMonth[m] : left;
    month_add(zSigned, n + 1, aOut[n].zDate);
    aOut[n++].cents = v;
    left -= v;
  }
  if (n == 0) {
    snprintf(aOut[0].zDate, sizeof aOut[0].zDate, "%.10s", zSigned);
    aOut[0].cents = granted;
    return 1;
  }
  aOut[n - 1].cents += left;          /* what the simulation left unpaid */
  return n;
}

/* ---- store ---------------------------------------------------------------- */

/* APPLIC_COLS' members, in order, but the state (its code, the last
** column, read apart); after the id, the values filing binds as ?1..?6. */
static const StoreCol aApplicCol[] = {
  STORE_COL(AidApplic, id),
  STORE_COL(AidApplic, zAid),
  STORE_COL(AidApplic, dossierId),
  STORE_COL(AidApplic, zBeneficiary),
  STORE_COL(AidApplic, zProfile),
  STORE_COL(AidApplic, zSimulation),
  STORE_COL_EMPTY(AidApplic, zPlace),
  STORE_COL(AidApplic, zAidName),
  STORE_COL(AidApplic, sessionId),
  STORE_COL(AidApplic, zSessionDate),
  STORE_COL(AidApplic, grantedCents),
  STORE_COL(AidApplic, zDecision),
  STORE_COL(AidApplic, zDecidedOn),
  STORE_COL(AidApplic, zCreatedAt),
  STORE_COL(AidApplic, commitmentId),
  STORE_COL(AidApplic, nDocMissing),
};

int aid_applic_create(Store *db, const AidApplic *a, const char *const *azDoc,
                      long long actorId, const char *zActor,
                      const char *zNow, long long *pId, Err *err)
{
  Stmt *q = store_stmt(db,
      "INSERT INTO aid_applications(aid, dossier_id, beneficiary, profile,"
      " simulation, place, created_at, updated_at)"
      " VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?7)");
  store_bind_cols(q, aApplicCol + 1, 6, a, 1);
  store_bind_text(q, 7, zNow);
  int rc = store_exec(q, err);
  if (rc) return rc;
  *pId = store_last_id(db);
  for (int i = 0; azDoc && azDoc[i] && !rc; i++) {
    q = store_stmt(db, "INSERT INTO aid_application_docs(application_id,"
                       " label) VALUES (?1, ?2)");
    store_bind_list(q, STORE_V((int64_t)(*pId)), STORE_V(azDoc[i]));
    rc = store_exec(q, err);
  }
  if (rc) return rc;
  q = store_stmt(db, "INSERT INTO aid_application_log(application_id, at,"
                     " actor_id, actor_name, to_state) VALUES (?1, ?2,"
                     " nullif(?3, 0), ?4, 'deposee')");
  store_bind_list(q, STORE_V((int64_t)(*pId)), STORE_V(zNow),
                  STORE_V((int64_t)actorId), STORE_V(zActor ? zActor : ""));
  return store_exec(q, err);
}

#define APPLIC_COLS \
  "a.id, a.aid, coalesce(a.dossier_id, 0), a.beneficiary, a.profile," \
  " a.simulation, a.place, coalesce(s.name, ''), coalesce(a.session_id, 0)," \
  " coalesce(c.held_on, ''), coalesce(a.granted_cents, 0), a.decision," \
  " coalesce(a.decided_on, ''), a.created_at, coalesce(a.commitment_id, 0)," \
  " (SELECT count(*) FROM aid_application_docs d" \
  "   WHERE d.application_id = a.id AND d.received_on IS NULL), a.state" \
  " FROM aid_applications a LEFT JOIN aid_scheme s ON s.id = a.aid" \
  " LEFT JOIN aid_sessions c ON c.id = a.session_id"

static void applic_row(Arena *arena, Stmt *q, void *pRow)
{
  AidApplic *a = pRow;
  int nCol = STORE_NCOL(aApplicCol);
  store_read_cols(arena, q, aApplicCol, nCol, a);
  a->state = aid_applic_state_find(store_col_text(q, nCol));
}

int aid_applic_get(Store *db, Arena *arena, long long id, AidApplic *a,
                   Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " APPLIC_COLS " WHERE a.id = ?1");
  store_bind_int(q, 1, id);
  return store_row(q, arena, applic_row, a, "Demande d'aide introuvable.",
                   err);
}

int aid_applic_list(Store *db, Arena *arena, long long dossierId, int state,
                    long long sessionId, AidApplic **paOut, int *pnOut,
                    Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " APPLIC_COLS
                           " WHERE (?1 = 0 OR a.dossier_id = ?1)"
                           " AND (?2 = '' OR a.state = ?2)"
                           " AND (?3 = 0 OR a.session_id = ?3)"
                           " ORDER BY a.id DESC LIMIT 500");
  store_bind_list(q, STORE_V((int64_t)dossierId),
                  STORE_V(state >= 0 ? aid_applic_state_code(state) : ""),
                  STORE_V((int64_t)sessionId));
  return store_rows(q, arena, applic_row, sizeof **paOut, (void **)paOut,
                    pnOut, err);
}

static const StoreCol aDocCol[] = {
  STORE_COL(AidApplicDoc, id),
  STORE_COL(AidApplicDoc, zLabel),
  STORE_COL(AidApplicDoc, zReceived),
};

int aid_applic_docs(Store *db, Arena *arena, long long id,
                    AidApplicDoc **paOut, int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, label, coalesce(received_on, '')"
                           " FROM aid_application_docs"
                           " WHERE application_id = ?1 ORDER BY id LIMIT 64");
  store_bind_int(q, 1, id);
  return store_rows_cols(q, arena, aDocCol, STORE_NCOL(aDocCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}

int aid_applic_doc_set(Store *db, long long id, long long docId,
                       const char *zDate, Err *err)
{
  if (zDate && *zDate && aid_date_check(zDate)) {
    return bad(err, "recu_le", "Date de réception invalide (JJ/MM/AAAA).");
  }
  Stmt *q = store_stmt(db, "UPDATE aid_application_docs"
                           " SET received_on = nullif(?3, '')"
                           " WHERE id = ?2 AND application_id = ?1");
  store_bind_list(q, STORE_V((int64_t)id), STORE_V((int64_t)docId),
                  STORE_V(zDate ? zDate : ""));
  int rc = store_exec(q, err);
  if (!rc && store_changes(db) == 0) {
    rc = err_set(err, ERR_NOTFOUND, "Pièce introuvable.");
  }
  return rc;
}

static const StoreCol aEventCol[] = {
  STORE_COL(AidApplicEvent, zAt),
  STORE_COL(AidApplicEvent, zActor),
  STORE_COL(AidApplicEvent, zFrom),
  STORE_COL(AidApplicEvent, zTo),
  STORE_COL(AidApplicEvent, zNote),
};

int aid_applic_log(Store *db, Arena *arena, long long id,
                   AidApplicEvent **paOut, int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT at, actor_name, coalesce(from_state, ''),"
                           " to_state, note FROM aid_application_log"
                           " WHERE application_id = ?1 ORDER BY id LIMIT 64");
  store_bind_int(q, 1, id);
  return store_rows_cols(q, arena, aEventCol, STORE_NCOL(aEventCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}

/* Signing: the commitment in the register, its schedule, the link. */
static int applic_sign(Store *db, AidApplic *a, const AidApplicMove *m,
                       const AidDue *aDue, int nDue, Err *err)
{
  AidCommitment c;
  long long id = 0;
  memset(&c, 0, sizeof c);
  snprintf(c.zAid, sizeof c.zAid, "%s", a->zAid);
  snprintf(c.zBeneficiary, sizeof c.zBeneficiary, "%s", a->zBeneficiary);
  snprintf(c.zSigned, sizeof c.zSigned, "%s", m->zSigned);
  snprintf(c.zStart, sizeof c.zStart, "%s", m->zStart);
  snprintf(c.zEnd, sizeof c.zEnd, "%s", m->zEnd);
  snprintf(c.zPlace, sizeof c.zPlace, "%s", m->zPlace);
  c.amountCents = a->grantedCents;
  int rc = aid_commit_create(db, &c, &id, err);
  for (int i = 0; !rc && i < nDue; i++) {
    Stmt *q = store_stmt(db, "INSERT INTO aid_schedule(commitment_id, due_on,"
                             " amount_cents) VALUES (?1, ?2, ?3)");
    store_bind_list(q, STORE_V((int64_t)id), STORE_V(aDue[i].zDate),
                    STORE_V(aDue[i].cents));
    rc = store_exec(q, err);
  }
  if (!rc) a->commitmentId = id;
  return rc;
}

int aid_applic_move(Store *db, AidApplic *a, const AidApplicMove *m,
                    const AidDue *aDue, int nDue, long long actorId,
                    const char *zActor, const char *zNow, Err *err)
{
  int rc = aid_applic_check(a, m, err);
  if (!rc && m->to == AID_AS_SIGNED) rc = applic_sign(db, a, m, aDue, nDue, err);
  if (rc) return rc;
  int isDecision = m->to == AID_AS_GRANTED || m->to == AID_AS_REFUSED;
  Stmt *q = store_stmt(db,
      "UPDATE aid_applications SET state = ?2, updated_at = ?3,"
      " session_id = CASE WHEN ?4 > 0 THEN ?4 ELSE session_id END,"
      " granted_cents = CASE WHEN ?5 > 0 THEN ?5 ELSE granted_cents END,"
      " decision = CASE WHEN ?6 THEN ?7 ELSE decision END,"
      " decided_on = CASE WHEN ?6 THEN substr(?3, 1, 10) ELSE decided_on END,"
      " commitment_id = nullif(?8, 0), place = CASE WHEN ?9 <> '' THEN ?9"
      " ELSE place END WHERE id = ?1 AND state = ?10");
  store_bind_list(
      q, STORE_V((int64_t)a->id), STORE_V(aid_applic_state_code(m->to)),
      STORE_V(zNow),
      STORE_V((int64_t)(m->to == AID_AS_COMMISSION ? m->sessionId : 0)),
      STORE_V((int64_t)(m->to == AID_AS_GRANTED ? m->grantedCents : 0)),
      STORE_V(isDecision), STORE_V(m->zNote ? m->zNote : ""),
      STORE_V(a->commitmentId),
      STORE_V(m->to == AID_AS_SIGNED ? m->zPlace : ""),
      STORE_V(aid_applic_state_code(a->state)));
  rc = store_exec(q, err);
  if (!rc && store_changes(db) == 0) {
    return bad(err, "etat", "La demande a changé entre-temps : rechargez "
               "la page.");
  }
  if (rc) return rc;
  q = store_stmt(db, "INSERT INTO aid_application_log(application_id, at,"
                     " actor_id, actor_name, from_state, to_state, note)"
                     " VALUES (?1, ?2, nullif(?3, 0), ?4, ?5, ?6, ?7)");
  store_bind_list(
      q, STORE_V((int64_t)a->id), STORE_V(zNow), STORE_V((int64_t)actorId),
      STORE_V(zActor ? zActor : ""), STORE_V(aid_applic_state_code(a->state)),
      STORE_V(aid_applic_state_code(m->to)), STORE_V(m->zNote ? m->zNote : ""));
  rc = store_exec(q, err);
  if (!rc) a->state = m->to;
  return rc;
}

int aid_session_create(Store *db, const char *zDate, const char *zTitle,
                       const char *zNow, long long *pId, Err *err)
{
  if (aid_date_check(zDate ? zDate : "")) {
    return bad(err, "date", "Date de la séance invalide (JJ/MM/AAAA).");
  }
  if (!zTitle || !*zTitle) {
    return bad(err, "titre", "Donnez un titre à la séance.");
  }
  Stmt *q = store_stmt(db, "INSERT INTO aid_sessions(held_on, title,"
                           " created_at) VALUES (?1, ?2, ?3)");
  store_bind_list(q, STORE_V(zDate), STORE_V(zTitle), STORE_V(zNow));
  int rc = store_exec(q, err);
  if (!rc) *pId = store_last_id(db);
  return rc;
}

#define SESSION_SQL \
  "SELECT s.id, s.held_on, s.title, (SELECT count(*) FROM aid_applications a" \
  " WHERE a.session_id = s.id) FROM aid_sessions s"

static const StoreCol aSessionCol[] = {
  STORE_COL(AidSession, id),
  STORE_COL(AidSession, zDate),
  STORE_COL(AidSession, zTitle),
  STORE_COL(AidSession, nApplic),
};

int aid_session_list(Store *db, Arena *arena, AidSession **paOut, int *pnOut,
                     Err *err)
{
  Stmt *q = store_stmt(db, SESSION_SQL " ORDER BY s.held_on DESC, s.id DESC"
                                       " LIMIT 200");
  return store_rows_cols(q, arena, aSessionCol, STORE_NCOL(aSessionCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}

int aid_session_get(Store *db, Arena *arena, long long id, AidSession *p,
                    Err *err)
{
  Stmt *q = store_stmt(db, SESSION_SQL " WHERE s.id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, arena, aSessionCol, STORE_NCOL(aSessionCol), p,
                        "Séance introuvable.", err);
}

static void due_row(Arena *arena, Stmt *q, void *pRow)
{
  AidDue *p = pRow;
  snprintf(p->zDate, sizeof p->zDate, "%s", store_col_text(q, 0));
  p->cents = store_col_int(q, 1);
}

int aid_schedule_list(Store *db, Arena *arena, long long commitmentId,
                      AidDue **paOut, int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT due_on, amount_cents FROM aid_schedule"
                           " WHERE commitment_id = ?1 ORDER BY due_on, id"
                           " LIMIT ?2");
  store_bind_list(q, STORE_V((int64_t)commitmentId), STORE_V(AID_HORIZON_MAX));
  return store_rows(q, arena, due_row, sizeof **paOut, (void **)paOut, pnOut,
                    err);
}

long long aid_applic_of_commitment(Store *db, long long commitmentId)
{
  Stmt *q = store_stmt(db, "SELECT id FROM aid_applications"
                           " WHERE commitment_id = ?1");
  store_bind_int(q, 1, commitmentId);
  return store_one_int(q, 0);
}

int aid_applic_erase_dossier(Store *db, long long dossierId, Err *err)
{
  Stmt *q = store_stmt(db,
      "UPDATE aid_applications SET profile = '{}', simulation = '{}',"
      " beneficiary = CASE WHEN commitment_id IS NULL THEN 'anonymisé'"
      " ELSE beneficiary END WHERE dossier_id = ?1");
  store_bind_int(q, 1, dossierId);
  return store_exec(q, err);
}
