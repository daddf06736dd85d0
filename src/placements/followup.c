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

#include "base/caldate.h"
#include "placements/internal.h"
#include "placements/placements.h"

int place_outcome_save(Store *db, const Outcome *p, Err *err)
{
  int d;
  Stmt *qT = store_stmt(db, "SELECT count(*) FROM trainee WHERE id = ?1");
  store_bind_int(qT, 1, p->traineeId);
  if (!store_one_int(qT, 0)) {
    err_set(err, ERR_INPUT, "stagiaire inconnu");
    err_field(err, "trainee_id");
    return ERR_INPUT;
  }
  if (p->isSettled && (!p->zCommune || strlen(p->zCommune) != 5)) {
    err_set(err, ERR_INPUT, "commune d'installation : code INSEE à 5 "
            "caractères attendu");
    err_field(err, "commune");
    return ERR_INPUT;
  }
  if (p->zSettledOn && p->zSettledOn[0] && caldate_parse(p->zSettledOn, &d)) {
    err_set(err, ERR_INPUT, "date d'installation invalide (AAAA-MM-JJ)");
    err_field(err, "settled_on");
    return ERR_INPUT;
  }
  char zToday[11];
  Stmt *q = store_stmt(db,
      "INSERT OR REPLACE INTO trainee_outcome(trainee_id, settled, commune, "
      "settled_on, case_ref, note, updated_on) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  store_bind_int(q, 1, p->traineeId);
  store_bind_int(q, 2, p->isSettled != 0);
  pl_bind_opt(q, 3, p->isSettled ? p->zCommune : NULL);
  pl_bind_opt(q, 4, p->isSettled ? p->zSettledOn : NULL);
  pl_bind_opt(q, 5, p->zCaseRef);
  pl_bind_opt(q, 6, p->zNote);
  store_bind_text(q, 7, caldate_format(caldate_today(), zToday));
  return store_exec(q, err);
}

int place_outcome_get(Store *db, Arena *a, int64_t traineeId, Outcome *p,
                      Err *err)
{
  Stmt *q = store_stmt(db, "SELECT settled, commune, settled_on, case_ref, "
                           "note FROM trainee_outcome WHERE trainee_id = ?1");
  store_bind_int(q, 1, traineeId);
  int rc = store_step(q, err);
  if (rc < 0) return rc;
  memset(p, 0, sizeof *p);
  p->traineeId = traineeId;
  if (rc == 0) return ERR_NOTFOUND;      /* no outcome known: not an error */
  p->isSettled = (int)store_col_int(q, 0);
  p->zCommune = pl_col(a, q, 1);
  p->zSettledOn = pl_col(a, q, 2);
  p->zCaseRef = pl_col(a, q, 3);
  p->zNote = pl_col(a, q, 4);
  store_reset(q);
  return 0;
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
  int rc, n = 0;
  Conversion *aC = NULL;
  while ((rc = store_step(q, err)) == 1) {
    pl_grow((void **)&aC, n, sizeof *aC, a);
    Conversion *c = &aC[n++];
    c->zKey = pl_col(a, q, 0);
    if (bySemester) {
      char zLabel[64];
      c->zLabel = arena_strdup(a, place_semester_label(store_col_text(q, 1),
                                                       zLabel, sizeof zLabel));
    } else {
      c->zLabel = pl_col(a, q, 1);
    }
    c->nFormer = (int)store_col_int(q, 2);
    c->nKnown = (int)store_col_int(q, 3);
    c->nSettled = (int)store_col_int(q, 4);
    c->pct = place_conversion_pct(c->nSettled, c->nFormer);
  }
  *pa = aC;
  *pn = n;
  return rc;
}
