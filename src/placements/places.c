/*
** placements/places.c: places, their semesters, trainees and assignments
** in the store.  SQL of those tables lives here and only here.
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/err_input.h"
#include "placements/internal.h"
#include "placements/placements.h"

int place_dates(const char *zStart, const char *zEnd, int *pStart, int *pEnd,
             Err *err)
{
  if (caldate_parse(zStart, pStart)) {
    return err_input(err, "date_debut",
                     "date de début invalide (attendu AAAA-MM-JJ)");
  }
  if (caldate_parse(zEnd, pEnd)) {
    return err_input(err, "date_fin",
                     "date de fin invalide (attendu AAAA-MM-JJ)");
  }
  if (*pEnd < *pStart) {
    return err_input(err, "date_fin",
                     "la date de fin précède la date de début");
  }
  return 0;
}

int place_overlap_check(Store *db, const char *zSql, int64_t id,
                        const char *zStart, const char *zEnd,
                        const char *zWhat, const char *zHint, Err *err)
{
  Stmt *q = store_stmt(db, zSql);
  store_bind_list(q, STORE_V(id), STORE_V(zStart), STORE_V(zEnd));
  int rc = store_step(q, err);
  if (rc <= 0) return rc;
  err_set(err, ERR_INPUT, "%s du %s au %s%s", zWhat, store_col_text(q, 0),
          store_col_text(q, 1), zHint);
  err_field(err, "date_debut");
  store_reset(q);
  return ERR_INPUT;
}

/* ---- places ------------------------------------------------------------- */

#define PLACE_COLS "p.id, p.structure, p.commune, p.address, p.supervisor, " \
                   "p.level, p.capacity, p.note "

/* A place's columns in PLACE_COLS order; after the id, the ones a save
** binds (?1..?7). */
static const StoreCol aPlaceCol[] = {
  STORE_COL(Place, id),
  STORE_COL(Place, zStructure),
  STORE_COL(Place, zCommune),
  STORE_COL_OPT(Place, zAddress),
  STORE_COL(Place, zSupervisor),
  STORE_COL(Place, zLevel),
  STORE_COL(Place, capacity),
  STORE_COL_OPT(Place, zNote),
};

int place_list(Store *db, Arena *a, Place **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " PLACE_COLS "FROM place p "
                           "ORDER BY p.structure, p.id");
  return store_rows_cols(q, a, aPlaceCol, STORE_NCOL(aPlaceCol), sizeof **pa,
                         (void **)pa, pn, err);
}

int place_get(Store *db, Arena *a, int64_t id, Place *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " PLACE_COLS "FROM place p WHERE id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, a, aPlaceCol, STORE_NCOL(aPlaceCol), p,
                        "terrain de stage introuvable", err);
}

int place_save(Store *db, Place *p, Err *err)
{
  if (place_check(p, err)) return ERR_INPUT;
  Stmt *q = store_upsert(db, p->id,
      "UPDATE place SET structure = ?1, commune = ?2, address = ?3, "
      "supervisor = ?4, level = ?5, capacity = ?6, note = ?7 WHERE id = ?8",
      "INSERT INTO place(structure, commune, address, supervisor, level, "
      "capacity, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  store_bind_cols(q, aPlaceCol + 1, 7, p, 1);
  return store_save(db, q, &p->id, "terrain de stage introuvable", err);
}

/* Interns assigned to place placeId in semester zSem. */
static int place_n_assigned(Store *db, int64_t placeId, const char *zSem)
{
  Stmt *q = store_stmt(db, "SELECT count(*) FROM assignment "
                           "WHERE place_id = ?1 AND semester = ?2");
  store_bind_list(q, STORE_V(placeId), STORE_V(zSem));
  return (int)store_one_int(q, 0);
}

int place_open_semester(Store *db, int64_t placeId, const char *zSem, int n,
                        Err *err)
{
  int s, e;
  if (place_semester_bounds(zSem, &s, &e)) {
    return err_input(err, "semestre",
                     "semestre : AAAA-05 (mai–octobre) ou AAAA-11 "
                     "(novembre–avril)");
  }
  if (place_semester_plausible(zSem, caldate_today(), "semestre", err)) {
    return ERR_INPUT;
  }
  if (n < 0 || n > 50) {
    return err_input(err, "capacite", "capacité : entre 0 et 50");
  }
  if (store_ref_check(db, "SELECT count(*) FROM place WHERE id = ?1", placeId,
                      "terrain_id", "terrain de stage inconnu", err)) {
    return ERR_INPUT;
  }
  int nAssigned = place_n_assigned(db, placeId, zSem);
  if (n < nAssigned) {
    return err_input(err, "capacite",
                     "capacité : %d stagiaires déjà affectés ce "
                     "semestre", nAssigned);
  }
  Stmt *q = store_stmt(db, "INSERT OR REPLACE INTO place_semester(place_id, "
                           "semester, capacity) VALUES (?1, ?2, ?3)");
  store_bind_list(q, STORE_V(placeId), STORE_V(zSem), STORE_V(n));
  return store_exec(q, err);
}

/* An offer: its place's columns first (PLACE_COLS), then its own. */
static void offer_row(Arena *a, Stmt *q, void *pRec)
{
  PlaceOffer *o = pRec;
  store_read_cols(a, q, aPlaceCol, STORE_NCOL(aPlaceCol), &o->place);
  o->placeId = o->place.id;
  o->zSemester = store_col_dup(a, q, 8);
  o->capacity = (int)store_col_int(q, 9);
  o->nAssigned = (int)store_col_int(q, 10);
}

int place_offer_list(Store *db, Arena *a, const char *zSem, PlaceOffer **pa,
                     int *pn, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT " PLACE_COLS ", o.semester, o.capacity, (SELECT count(*) "
      "FROM assignment x WHERE x.place_id = o.place_id AND "
      "x.semester = o.semester) "
      "FROM place_semester o JOIN place p ON p.id = o.place_id "
      "WHERE ?1 IS NULL OR o.semester = ?1 "
      "ORDER BY o.semester, p.structure");
  store_bind_opt(q, 1, zSem);
  return store_rows(q, a, offer_row, sizeof **pa, (void **)pa, pn, err);
}

/* ---- trainees ----------------------------------------------------------- */

/* A trainee's columns in TRAINEE_SELECT order; after the id, the ones a
** save binds (?1..?6). */
static const StoreCol aTraineeCol[] = {
  STORE_COL(Trainee, id),
  STORE_COL(Trainee, zFirstName),
  STORE_COL(Trainee, zLastName),
  STORE_COL_OPT(Trainee, zEmail),
  STORE_COL_OPT(Trainee, zPhone),
  STORE_COL(Trainee, zSchool),
  STORE_COL(Trainee, zLevel),
  STORE_COL(Trainee, zErasedOn),
};

#define TRAINEE_SELECT                                                     \
  "SELECT t.id, t.first_name, CASE WHEN t.erased_on IS NULL "               \
  "THEN t.last_name ELSE " PLACE_ERASED_NAME " END, t.email, t.phone, "    \
  "t.school, t.level, t.erased_on FROM trainee t "

int place_trainee_list(Store *db, Arena *a, Trainee **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, TRAINEE_SELECT "ORDER BY t.erased_on IS NOT NULL, "
                           "t.last_name, t.first_name");
  return store_rows_cols(q, a, aTraineeCol, STORE_NCOL(aTraineeCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int place_trainee_get(Store *db, Arena *a, int64_t id, Trainee *p, Err *err)
{
  Stmt *q = store_stmt(db, TRAINEE_SELECT "WHERE t.id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, a, aTraineeCol, STORE_NCOL(aTraineeCol), p,
                        "stagiaire introuvable", err);
}

int64_t place_trainee_find(Store *db, const Trainee *t)
{
  Stmt *q = store_stmt(db, "SELECT id FROM trainee WHERE erased_on IS NULL "
                           "AND first_name = ?1 AND last_name = ?2 "
                           "AND coalesce(email, '') = ?3 AND school = ?4 "
                           "ORDER BY id LIMIT 1");
  store_bind_list(q, STORE_V(t->zFirstName), STORE_V(t->zLastName),
                  STORE_V(t->zEmail ? t->zEmail : ""), STORE_V(t->zSchool));
  return store_one_int(q, 0);
}

int place_trainee_erase(Store *db, int64_t id, const char *zDay, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT erased_on IS NOT NULL FROM trainee "
                           "WHERE id = ?1");
  store_bind_int(q, 1, id);
  int64_t isErased = store_one_int(q, -1);
  if (isErased < 0) return err_set(err, ERR_NOTFOUND, "stagiaire introuvable");
  if (isErased) return 0;
  q = store_stmt(db, "UPDATE trainee SET first_name = '', last_name = '', "
                     "email = NULL, phone = NULL, erased_on = ?2 "
                     "WHERE id = ?1");
  store_bind_list(q, STORE_V(id), STORE_V(zDay));
  int rc = store_exec(q, err);
  if (rc) return rc;
  q = store_stmt(db, "UPDATE trainee_outcome SET note = NULL "
                     "WHERE trainee_id = ?1");
  store_bind_int(q, 1, id);
  return store_exec(q, err);
}

static void id_row(Arena *a, Stmt *q, void *pRec)
{
  (void)a;
  *(int64_t *)pRec = store_col_int(q, 0);
}

int place_trainee_erase_due(Store *db, Arena *a, int iToday, int nYears,
                            int64_t **paId, int *pn, Err *err)
{
  int y, m, d;
  char zCut[11];
  caldate_ymd(iToday, &y, &m, &d);
  /* 29 February: the cut-off is the 28th in a common year */
  caldate_format(caldate_from_ymd(y - nYears, m,
                                  d > caldate_days_in_month(y - nYears, m)
                                      ? caldate_days_in_month(y - nYears, m)
                                      : d), zCut);
  Stmt *q = store_stmt(db,
      "SELECT t.id FROM trainee t WHERE t.erased_on IS NULL AND "
      "coalesce((SELECT max(x.end_on) FROM assignment x "
      "WHERE x.trainee_id = t.id), substr(t.created_at, 1, 10)) < ?1 "
      "ORDER BY t.id");
  store_bind_text(q, 1, zCut);
  return store_rows(q, a, id_row, sizeof **paId, (void **)paId, pn, err);
}

int place_trainee_save(Store *db, Trainee *t, Err *err)
{
  if (place_trainee_check(t, err)) return ERR_INPUT;
  Stmt *q = store_upsert(db, t->id,
      "UPDATE trainee SET first_name = ?1, last_name = ?2, email = ?3, "
      "phone = ?4, school = ?5, level = ?6 WHERE id = ?7",
      "INSERT INTO trainee(first_name, last_name, email, phone, school, "
      "level) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  store_bind_cols(q, aTraineeCol + 1, 6, t, 1);
  return store_save(db, q, &t->id, "stagiaire introuvable", err);
}

/* ---- assignments -------------------------------------------------------- */

int place_assign(Store *db, Assignment *p, Err *err)
{
  int s, e, sSem, eSem;
  char zSem[8];
  if (place_dates(p->zStartOn, p->zEndOn, &s, &e, err)) return ERR_INPUT;
  place_semester_of(s, zSem);
  if (place_semester_plausible(zSem, caldate_today(), "date_debut", err)) {
    return ERR_INPUT;
  }
  place_semester_bounds(zSem, &sSem, &eSem);
  if (e > eSem) {
    char zLabel[64];
    return err_input(err, "date_fin",
                     "le stage doit tenir dans un semestre (%s)",
                     place_semester_label(zSem, zLabel, sizeof zLabel));
  }
  Stmt *qT = store_stmt(db, "SELECT level FROM trainee WHERE id = ?1");
  store_bind_int(qT, 1, p->traineeId);
  int rc = store_step(qT, err);
  if (rc < 0) return rc;
  if (rc == 0) {
    return err_input(err, "stagiaire_id", "stagiaire inconnu");
  }
  char zLevel[32];
  snprintf(zLevel, sizeof zLevel, "%s", store_col_text(qT, 0));
  store_reset(qT);
  Stmt *qP = store_stmt(db,
      "SELECT p.level, coalesce(o.capacity, p.capacity) FROM place p "
      "LEFT JOIN place_semester o ON o.place_id = p.id AND o.semester = ?2 "
      "WHERE p.id = ?1");
  store_bind_list(qP, STORE_V(p->placeId), STORE_V(zSem));
  rc = store_step(qP, err);
  if (rc < 0) return rc;
  if (rc == 0) {
    return err_input(err, "terrain_id", "terrain de stage inconnu");
  }
  int isSameLevel = !strcmp(store_col_text(qP, 0), zLevel);
  int capacity = (int)store_col_int(qP, 1);
  store_reset(qP);
  if (!isSameLevel) {
    return err_input(err, "terrain_id",
                     "ce terrain n'accueille pas le niveau du "
                     "stagiaire (%s)", place_level_label(place_level_parse(zLevel)));
  }
  if (place_n_assigned(db, p->placeId, zSem) >= capacity) {
    return err_input(err, "terrain_id",
                     "terrain complet pour ce semestre (%d place%s)",
                     capacity, capacity > 1 ? "s" : "");
  }
  rc = place_overlap_check(db, "SELECT start_on, end_on FROM assignment "
                               "WHERE trainee_id = ?1 AND start_on <= ?3 "
                               "AND end_on >= ?2 LIMIT 1",
                           p->traineeId, p->zStartOn, p->zEndOn,
                           "le stagiaire est déjà en stage", "", err);
  if (rc) return rc;
  Stmt *q = store_stmt(db, "INSERT INTO assignment(trainee_id, place_id, "
                           "semester, start_on, end_on) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)");
  store_bind_list(q, STORE_V(p->traineeId), STORE_V(p->placeId), STORE_V(zSem),
                  STORE_V(p->zStartOn), STORE_V(p->zEndOn));
  rc = store_exec(q, err);
  if (!rc) p->id = store_last_id(db);
  return rc;
}

#define ASSIGNMENT_SELECT                                                  \
  "SELECT x.id, x.trainee_id, x.place_id, x.semester, x.start_on, "        \
  "x.end_on, " PLACE_TRAINEE_NAME ", p.structure, p.commune "               \
  "FROM assignment x JOIN trainee t ON t.id = x.trainee_id "               \
  "JOIN place p ON p.id = x.place_id "

static const StoreCol aAssignmentCol[] = {
  STORE_COL(Assignment, id),
  STORE_COL(Assignment, traineeId),
  STORE_COL(Assignment, placeId),
  STORE_COL(Assignment, zSemester),
  STORE_COL(Assignment, zStartOn),
  STORE_COL(Assignment, zEndOn),
  STORE_COL(Assignment, zTraineeName),
  STORE_COL(Assignment, zPlaceName),
  STORE_COL(Assignment, zCommune),
};

int place_assignment_list(Store *db, Arena *a, int64_t traineeId,
                          int64_t placeId, Assignment **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, ASSIGNMENT_SELECT
                       "WHERE (?1 = 0 OR x.trainee_id = ?1) "
                       "AND (?2 = 0 OR x.place_id = ?2) "
                       "ORDER BY x.start_on DESC, x.id");
  store_bind_list(q, STORE_V(traineeId), STORE_V(placeId));
  return store_rows_cols(q, a, aAssignmentCol, STORE_NCOL(aAssignmentCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int place_assignment_get(Store *db, Arena *a, int64_t id, Assignment *p,
                         Err *err)
{
  Stmt *q = store_stmt(db, ASSIGNMENT_SELECT "WHERE x.id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, a, aAssignmentCol, STORE_NCOL(aAssignmentCol), p,
                        "affectation introuvable", err);
}
