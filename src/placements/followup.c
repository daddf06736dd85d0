/*
** placements/followup.c: what became of former trainees, and the
** conversion rate (settled / former trainees) per place and per semester.
**
** A former trainee of a place is one whose assignment there ended before
** today.  The rate counts a trainee with no known outcome as not settled
** (the denominator is every former trainee), and reports separately how
** many outcomes are known, so a low rate from missing follow-up shows.
*/
#include <stdio.h>
#include <string.h>

#include "aids/aids.h"
#include "base/caldate.h"
#include "base/err_input.h"
#include "cases/cases.h"
#include "placements/internal.h"
#include "placements/placements.h"

/* An outcome's columns, in SELECT and INSERT order (the day it was
** recorded comes after them).  No commitment is 0 here, NULL in the table. */
static const StoreCol aOutcomeCol[] = {
  STORE_COL(Outcome, traineeId),
  STORE_COL(Outcome, isSettled),
  STORE_COL_OPT(Outcome, zCommune),
  STORE_COL_OPT(Outcome, zSettledOn),
  STORE_COL_OPT(Outcome, zCaseRef),
  STORE_COL_OPT(Outcome, zNote),
  STORE_COL_OR(Outcome, aidCommitmentId, 0),
};

int place_outcome_save(Store *db, const Outcome *p, Err *err)
{
  int d;
  if (store_ref_check(db, "SELECT count(*) FROM trainee WHERE id = ?1",
                      p->traineeId, "stagiaire_id", "stagiaire inconnu", err)) {
    return ERR_INPUT;
  }
  if (p->isSettled && (!p->zCommune || strlen(p->zCommune) != 5)) {
    return err_input(err, "commune", "commune d'installation : code INSEE à 5 "
                     "caractères attendu");
  }
  if (p->zSettledOn && p->zSettledOn[0] && caldate_parse(p->zSettledOn, &d)) {
    return err_input(err, "date_installation",
                     "date d'installation invalide (AAAA-MM-JJ)");
  }
  if (p->zCaseRef && p->zCaseRef[0] &&
      !case_dossier_find_ref(db, p->zCaseRef)) {
    return err_input(err, "ref_dossier",
                     "aucune demande « %s » au guichet unique "
                     "(référence BD-AAAA-NNNN)", p->zCaseRef);
  }
  AidCommitment c;
  Err e2 = {0};
  if (p->aidCommitmentId < 0) {
    return err_input(err, "engagement_aide_id",
                     "numéro d'engagement : entier positif attendu");
  }
  if ((p->aidCommitmentId > 0 && aid_commit_get(db, p->aidCommitmentId, &c,
                                                &e2))) {
    return err_input(err, "engagement_aide_id",
                     "aucun engagement n° %lld dans le registre des "
                     "aides", (long long)p->aidCommitmentId);
  }
  /* Where and when one settled is said of a settled trainee only. */
  Outcome row = *p;
  row.isSettled = p->isSettled != 0;
  if (!row.isSettled) row.zCommune = row.zSettledOn = NULL;
  char zToday[11];
  Stmt *q = store_stmt(db,
      "INSERT OR REPLACE INTO trainee_outcome(trainee_id, settled, commune, "
      "settled_on, case_ref, note, aid_commitment_id, updated_on) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  store_bind_cols(q, aOutcomeCol, STORE_NCOL(aOutcomeCol), &row, 1);
  store_bind_text(q, 8, caldate_format(caldate_today(), zToday));
  return store_exec(q, err);
}

int place_outcome_get(Store *db, Arena *a, int64_t traineeId, Outcome *p,
                      Err *err)
{
  Stmt *q = store_stmt(db, "SELECT trainee_id, settled, commune, settled_on, "
                           "case_ref, note, aid_commitment_id "
                           "FROM trainee_outcome WHERE trainee_id = ?1");
  store_bind_int(q, 1, traineeId);
  int rc = store_step(q, err);
  if (rc < 0) return rc;
  memset(p, 0, sizeof *p);
  p->traineeId = traineeId;
  if (rc == 0) return ERR_NOTFOUND;      /* no outcome known: not an error */
  store_read_cols(a, q, aOutcomeCol, STORE_NCOL(aOutcomeCol), p);
  store_reset(q);
  return 0;
}

static const StoreCol aConversionCol[] = {
  STORE_COL(Conversion, zKey),
  STORE_COL(Conversion, zLabel),
  STORE_COL(Conversion, nFormer),
  STORE_COL(Conversion, nKnown),
  STORE_COL(Conversion, nSettled),
};

/* A conversion row; its label is the semester's code until relabelled. */
static void conversion_row(Arena *a, Stmt *q, void *pRec)
{
  Conversion *c = pRec;
  store_read_cols(a, q, aConversionCol, STORE_NCOL(aConversionCol), c);
  c->pct = place_conversion_pct(c->nSettled, c->nFormer);
}

int place_conversion(Store *db, Arena *a, int bySemester, int iToday,
                     Conversion **pa, int *pn, Err *err)
{
  char zToday[11];
  Stmt *q = store_stmt(db, bySemester
      ? "SELECT x.semester, x.semester, count(DISTINCT x.trainee_id), "
        "count(DISTINCT o.trainee_id), count(DISTINCT CASE WHEN o.settled = 1 "
        "THEN o.trainee_id END) FROM assignment x "
        "LEFT JOIN trainee_outcome o ON o.trainee_id = x.trainee_id "
        "WHERE x.end_on < ?1 GROUP BY x.semester ORDER BY x.semester"
      : "SELECT p.id, p.structure || ' (' || p.commune || ')', "
        "count(DISTINCT x.trainee_id), count(DISTINCT o.trainee_id), "
        "count(DISTINCT CASE WHEN o.settled = 1 THEN o.trainee_id END) "
        "FROM assignment x JOIN place p ON p.id = x.place_id "
        "LEFT JOIN trainee_outcome o ON o.trainee_id = x.trainee_id "
        "WHERE x.end_on < ?1 GROUP BY p.id ORDER BY p.structure");
  store_bind_text(q, 1, caldate_format(iToday, zToday));
  int rc = store_rows(q, a, conversion_row, sizeof **pa, (void **)pa, pn,
                      err);
  for (int i = 0; bySemester && i < *pn; i++) {
    char zLabel[64];
    Conversion *c = &(*pa)[i];
    c->zLabel = arena_strdup(a, place_semester_label(c->zLabel, zLabel,
                                                     sizeof zLabel));
  }
  return rc;
}

/* A former trainee's columns in SELECT order: the trainee, the last ended
** placement, then what became of them. */
static const StoreCol aFormerCol[] = {
  STORE_COL(FormerTrainee, traineeId),
  STORE_COL(FormerTrainee, zName),
  STORE_COL(FormerTrainee, zPlaceName),
  STORE_COL(FormerTrainee, zSemester),
  STORE_COL(FormerTrainee, isKnown),
  STORE_COL(FormerTrainee, outcome.isSettled),
  STORE_COL(FormerTrainee, outcome.zCommune),
  STORE_COL(FormerTrainee, outcome.zSettledOn),
  STORE_COL(FormerTrainee, outcome.zCaseRef),
  STORE_COL(FormerTrainee, outcome.zNote),
  STORE_COL(FormerTrainee, outcome.aidCommitmentId),
};

static void former_row(Arena *a, Stmt *q, void *pRec)
{
  FormerTrainee *f = pRec;
  memset(f, 0, sizeof *f);
  store_read_cols(a, q, aFormerCol, STORE_NCOL(aFormerCol), f);
  f->outcome.traineeId = f->traineeId;
}

int place_former_list(Store *db, Arena *a, int iToday, FormerTrainee **pa,
                      int *pn, Err *err)
{
  char zToday[11];
  /* the last ended assignment of each trainee (max end_on; ties: any) */
  Stmt *q = store_stmt(db,
      "SELECT t.id, " PLACE_TRAINEE_NAME ", p.structure, "
      "x.semester, o.trainee_id IS NOT NULL, coalesce(o.settled, 0), "
      "o.commune, o.settled_on, o.case_ref, o.note, "
      "coalesce(o.aid_commitment_id, 0), max(x.end_on) "
      "FROM assignment x JOIN trainee t ON t.id = x.trainee_id "
      "JOIN place p ON p.id = x.place_id "
      "LEFT JOIN trainee_outcome o ON o.trainee_id = t.id "
      "WHERE x.end_on < ?1 GROUP BY t.id "
      "ORDER BY max(x.end_on) DESC, t.last_name, t.first_name");
  store_bind_text(q, 1, caldate_format(iToday, zToday));
  return store_rows(q, a, former_row, sizeof **pa, (void **)pa, pn, err);
}
