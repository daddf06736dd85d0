/*
** workforce/register.c: the practitioners register in SQL: read people,
** save the team's entries (or a manual person).
**
** The import side (rpps) lives in import.c; the rules (counting, leaving
** year) in rules.c.  Pages and the API call these through actions.c.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "workforce/workforce.h"

#define WF_PERSON_COLS                                                      \
  "r.id, r.rpps, r.profession, r.last_name, r.first_name, r.commune,"      \
  " coalesce(c.name, ''), r.mode, r.site_name, r.origin, r.missing_since," \
  " r.birth_year, r.fte, r.acts, r.retire_on, r.commune2,"                 \
  " coalesce(c2.name, ''), r.is_new_liberal, r.is_centre, r.updated_at,"  \
  " r.new_patients"                                                        \
  " FROM practitioner_register r"                                          \
  " LEFT JOIN communes c ON c.code = r.commune"                            \
  " LEFT JOIN communes c2 ON c2.code = r.commune2"

/* A person's columns in WF_PERSON_COLS order, but for the last one
** (new_patients: 1, 0 or NULL, read as "oui", "non" or ""). */
static const StoreCol aPersonCol[] = {
  STORE_COL(WfPerson, id),
  STORE_COL(WfPerson, zRpps),
  STORE_COL(WfPerson, zProfession),
  STORE_COL(WfPerson, zLastName),
  STORE_COL(WfPerson, zFirstName),
  STORE_COL(WfPerson, zCommune),
  STORE_COL(WfPerson, zCommuneName),
  STORE_COL(WfPerson, zMode),
  STORE_COL(WfPerson, zSiteName),
  STORE_COL(WfPerson, zOrigin),
  STORE_COL(WfPerson, zMissingSince),
  STORE_COL(WfPerson, birthYear),
  STORE_COL_OR(WfPerson, fte, NAN),
  STORE_COL_OR(WfPerson, acts, NAN),
  STORE_COL(WfPerson, zRetireOn),
  STORE_COL(WfPerson, zCommune2),
  STORE_COL(WfPerson, zCommune2Name),
  STORE_COL(WfPerson, isNewLiberal),
  STORE_COL(WfPerson, isCentre),
  STORE_COL(WfPerson, zUpdatedAt),
};

static void wf_person_row(Arena *a, Stmt *q, void *pRec)
{
  WfPerson *p = pRec;
  memset(p, 0, sizeof *p);
  store_read_cols(a, q, aPersonCol, STORE_NCOL(aPersonCol), p);
  int i = STORE_NCOL(aPersonCol);
  p->zNewPatients = store_col_is_null(q, i) ? ""
                    : store_col_int(q, i) ? "oui" : "non";
}

/* Every row of q (WF_PERSON_COLS) into an arena array. */
static int wf_people_read(Stmt *q, Arena *a, WfPerson **paOut, int *pn,
                          Err *err)
{
  return store_rows(q, a, wf_person_row, sizeof **paOut, (void **)paOut, pn,
                    err);
}

int wf_people_list(Store *db, Arena *a, const char *zCommune,
                   const char *zProf, const char *zDep, int nMax,
                   WfPerson **paOut, int *pn, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT " WF_PERSON_COLS
      " WHERE (?1 IS NULL OR r.commune = ?1 OR r.commune2 = ?1)"
      " AND (?2 IS NULL OR r.profession = ?2)"
      " AND (?3 IS NULL OR c.dep = ?3)"
      " ORDER BY r.last_name, r.first_name, r.id LIMIT ?4");
  store_bind_text(q, 1, zCommune && zCommune[0] ? zCommune : NULL);
  store_bind_text(q, 2, zProf && zProf[0] ? zProf : NULL);
  store_bind_text(q, 3, zDep && zDep[0] ? zDep : NULL);
  store_bind_int(q, 4, nMax > 0 ? nMax : -1);
  return wf_people_read(q, a, paOut, pn, err);
}

int wf_people_leaving(Store *db, Arena *a, const char *zDep, int lastYear,
                      int retireAge, WfPerson **paOut, int *pn, Err *err)
{
  char zLast[16];
  snprintf(zLast, sizeof zLast, "%04d-12-31", lastYear);
  Stmt *q = store_stmt(db,
      "SELECT " WF_PERSON_COLS
      " WHERE r.profession = 'mg' AND r.missing_since IS NULL"
      " AND (?1 IS NULL OR c.dep = ?1)"
      " AND CASE WHEN r.retire_on IS NOT NULL THEN r.retire_on <= ?2"
      "   ELSE r.birth_year + ?3 <= ?4 END"
      " ORDER BY r.last_name, r.first_name, r.id");
  store_bind_text(q, 1, zDep && zDep[0] ? zDep : NULL);
  store_bind_text(q, 2, zLast);
  store_bind_int(q, 3, retireAge);
  store_bind_int(q, 4, lastYear);
  return wf_people_read(q, a, paOut, pn, err);
}

int wf_people_each(Store *db, const char *zDep, const char *zCommune,
                   void (*xEach)(void *, const char *, int, const char *),
                   void *pArg, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT r.profession, r.birth_year, r.retire_on"
      " FROM practitioner_register r LEFT JOIN communes c"
      " ON c.code = r.commune WHERE r.missing_since IS NULL"
      " AND (?1 IS NULL OR c.dep = ?1)"
      " AND (?2 IS NULL OR r.commune = ?2 OR r.commune2 = ?2)");
  store_bind_text(q, 1, zDep && zDep[0] ? zDep : NULL);
  store_bind_text(q, 2, zCommune && zCommune[0] ? zCommune : NULL);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    xEach(pArg, store_col_text(q, 0),
          store_col_is_null(q, 1) ? 0 : (int)store_col_int(q, 1),
          store_col_text(q, 2));
  }
  return rc;
}

int wf_person_get(Store *db, Arena *a, int64_t id, WfPerson *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " WF_PERSON_COLS " WHERE r.id = ?1");
  store_bind_int(q, 1, id);
  int rc = store_step(q, err);
  if (rc < 0) return rc;
  if (rc == 0) {
    return err_set(err, ERR_NOTFOUND, "praticien %lld introuvable",
                   (long long)id);
  }
  wf_person_row(a, q, p);
  store_reset(q);
  return 0;
}

static void bind_opt_text(Stmt *q, int i, const char *z)
{
  store_bind_text(q, i, z && z[0] ? z : NULL);
}

static void bind_opt_real(Stmt *q, int i, double v)
{
  if (isnan(v)) store_bind_null(q, i);
  else store_bind_double(q, i, v);
}

int wf_person_save(Store *db, WfPerson *p, Err *err)
{
  char zNow[32];
  int rc;
  clock_today_iso(zNow);
  Stmt *q;
  if (p->id == 0) {
    /* a manual entry: its row, then its identity as for an update */
    q = store_stmt(db,
        "INSERT INTO practitioner_register(profession, commune, origin,"
        " updated_at) VALUES (?1, ?2, 'manuel', ?3)");
    store_bind_text(q, 1, p->zProfession);
    store_bind_text(q, 2, p->zCommune);
    store_bind_text(q, 3, zNow);
    if ((rc = store_exec(q, err))) return rc;
    p->id = store_last_id(db);
  }
  /* identity columns are the extraction's for an RPPS person */
  q = store_stmt(db,
      "UPDATE practitioner_register SET profession = ?2, last_name = ?3,"
      " first_name = ?4, commune = ?5, mode = ?6, site_name = ?7"
      " WHERE id = ?1 AND origin = 'manuel'");
  store_bind_int(q, 1, p->id);
  store_bind_text(q, 2, p->zProfession);
  store_bind_text(q, 3, p->zLastName);
  store_bind_text(q, 4, p->zFirstName);
  store_bind_text(q, 5, p->zCommune);
  store_bind_text(q, 6, p->zMode ? p->zMode : "");
  store_bind_text(q, 7, p->zSiteName ? p->zSiteName : "");
  if ((rc = store_exec(q, err))) return rc;
  q = store_stmt(db,
      "UPDATE practitioner_register SET birth_year = ?2, fte = ?3,"
      " acts = ?4, retire_on = ?5, new_patients = ?6, commune2 = ?7,"
      " is_new_liberal = ?8, is_centre = ?9, updated_at = ?10 WHERE id = ?1");
  store_bind_int(q, 1, p->id);
  if (p->birthYear > 0) store_bind_int(q, 2, p->birthYear);
  else store_bind_null(q, 2);
  bind_opt_real(q, 3, p->fte);
  bind_opt_real(q, 4, p->acts);
  bind_opt_text(q, 5, p->zRetireOn);
  if (p->zNewPatients && p->zNewPatients[0]) {
    store_bind_int(q, 6, !strcmp(p->zNewPatients, "oui"));
  } else {
    store_bind_null(q, 6);
  }
  bind_opt_text(q, 7, p->zCommune2);
  store_bind_int(q, 8, p->isNewLiberal);
  store_bind_int(q, 9, p->isCentre);
  store_bind_text(q, 10, zNow);
  if ((rc = store_exec(q, err))) return rc;
  if (store_changes(db) == 0) {
    return err_set(err, ERR_NOTFOUND, "praticien %lld introuvable",
                   (long long)p->id);
  }
  return 0;
}

static WfEffectFn wf_xEffect;

void wf_set_effect_fn(WfEffectFn x) { wf_xEffect = x; }
WfEffectFn wf_effect_fn(void) { return wf_xEffect; }

int wf_commune_known(Store *db, const char *zCode)
{
  Stmt *q = store_stmt(db, "SELECT count(*) FROM communes WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  return store_one_int(q, 0) > 0;
}

/* A structure's columns, in the order wf_structures_list selects them. */
static const StoreCol aStructureCol[] = {
  STORE_COL(WfStructure, id),
  STORE_COL(WfStructure, zFiness),
  STORE_COL(WfStructure, zKind),
  STORE_COL(WfStructure, zName),
  STORE_COL(WfStructure, zCommune),
  STORE_COL(WfStructure, zCommuneName),
  STORE_COL_OR(WfStructure, fte, NAN),
  STORE_COL(WfStructure, zOpenedOn),
  STORE_COL(WfStructure, zOrigin),
  STORE_COL(WfStructure, zMissingSince),
  STORE_COL_OR(WfStructure, lat, NAN),
  STORE_COL_OR(WfStructure, lon, NAN),
};

int wf_structures_list(Store *db, Arena *a, const char *zCommune,
                       const char *zDep, WfStructure **paOut, int *pn,
                       Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT s.id, s.finess, s.kind, s.name, s.commune, coalesce(c.name,"
      " ''), s.fte, s.opened_on, s.origin, s.missing_since, c.lat, c.lon"
      " FROM health_structures s LEFT JOIN communes c ON c.code = s.commune"
      " WHERE (?1 IS NULL OR s.commune = ?1) AND (?2 IS NULL OR c.dep = ?2)"
      " ORDER BY s.kind, s.name, s.id");
  store_bind_text(q, 1, zCommune && zCommune[0] ? zCommune : NULL);
  store_bind_text(q, 2, zDep && zDep[0] ? zDep : NULL);
  return store_rows_cols(q, a, aStructureCol, STORE_NCOL(aStructureCol),
                         sizeof **paOut, (void **)paOut, pn, err);
}

int wf_no_gp_of_territory(Store *db, Arena *a, const char *zDepJson,
                          WfNoGpArea *p, Err *err)
{
  memset(p, 0, sizeof *p);
  p->share = NAN;
  Stmt *q = store_stmt(db,
      "WITH rec AS (SELECT g.* FROM patients_without_gp g"
      "  WHERE ?1 IS NULL"
      "  OR (g.level = 'commune' AND g.code IN (SELECT code FROM communes"
      "      WHERE dep IN (SELECT value FROM json_each(?1))))"
      "  OR (g.level = 'epci' AND g.code IN (SELECT epci FROM communes"
      "      WHERE dep IN (SELECT value FROM json_each(?1))))),"
      " last AS (SELECT max(year) AS year FROM rec)"
      " SELECT r.year, r.level, r.patients, r.share, r.origin,"
      " substr(r.updated_at, 1, 10) FROM rec r JOIN last l ON r.year = l.year"
      " WHERE r.level = 'epci' OR NOT EXISTS (SELECT 1 FROM rec e"
      "   JOIN communes c ON c.epci = e.code"
      "   WHERE e.level = 'epci' AND e.year = l.year AND c.code = r.code)");
  store_bind_text(q, 1, zDepJson && zDepJson[0] ? zDepJson : NULL);
  int rc, hasAllShares = 1, hasImport = 0, hasManual = 0;
  double people = 0;
  char zLatest[11] = "";
  while ((rc = store_step(q, err)) == 1) {
    long n = (long)store_col_int(q, 2);
    p->year = (int)store_col_int(q, 0);
    p->patients += n;
    if (!strcmp(store_col_text(q, 1), "epci")) p->nEpci++;
    else p->nCommune++;
    double share = store_col_is_null(q, 3) ? NAN : store_col_double(q, 3);
    /* the share's denominator: the people aged 17+ of that figure */
    if (share > 0) people += n / share;
    else hasAllShares = 0;
    if (!strcmp(store_col_text(q, 4), "manuel")) hasManual = 1;
    else hasImport = 1;
    if (strcmp(store_col_text(q, 5), zLatest) > 0) {
      snprintf(zLatest, sizeof zLatest, "%s", store_col_text(q, 5));
    }
  }
  if (rc < 0) return rc;
  if (p->year && hasAllShares && people > 0) p->share = p->patients / people;
  p->zOrigin = hasImport && hasManual ? "import et manuel"
               : hasManual            ? "manuel"
                                      : "import";
  p->zUpdatedOn = arena_strdup(a, zLatest);
  return 0;
}

int64_t wf_structures_import_id(Store *db)
{
  return store_one_int(store_stmt(db,
      "SELECT max(import_id) FROM health_structures WHERE origin = 'finess'"),
      0);
}

int wf_structure_save(Store *db, WfStructure *p, Err *err)
{
  char zToday[16];
  Stmt *q = store_stmt(db,
      "INSERT INTO health_structures(kind, name, commune, fte, opened_on,"
      " origin, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'manuel', ?6)");
  store_bind_text(q, 1, p->zKind);
  store_bind_text(q, 2, p->zName);
  store_bind_text(q, 3, p->zCommune);
  bind_opt_real(q, 4, p->fte);
  bind_opt_text(q, 5, p->zOpenedOn);
  store_bind_text(q, 6, clock_today_iso(zToday));
  int rc = store_exec(q, err);
  if (!rc) p->id = store_last_id(db);
  return rc;
}

int wf_no_gp_of_commune(Store *db, Arena *a, const char *zCode, WfNoGp *p,
                        Err *err)
{
  memset(p, 0, sizeof *p);
  Stmt *q = store_stmt(db,
      "SELECT level, code, year, patients, share, origin"
      " FROM patients_without_gp WHERE (level = 'commune' AND code = ?1)"
      " OR (level = 'epci' AND code IN (SELECT epci FROM communes"
      "     WHERE code = ?1))"
      " ORDER BY level = 'commune' DESC, year DESC LIMIT 1");
  store_bind_text(q, 1, zCode);
  int rc = store_step(q, err);
  if (rc <= 0) return rc;
  p->zLevel = store_col_dup(a, q, 0);
  p->zCode = store_col_dup(a, q, 1);
  p->year = (int)store_col_int(q, 2);
  p->patients = (long)store_col_int(q, 3);
  p->share = store_col_is_null(q, 4) ? NAN : store_col_double(q, 4);
  p->zOrigin = store_col_dup(a, q, 5);
  store_reset(q);
  return 0;
}
