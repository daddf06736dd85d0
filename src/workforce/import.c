/*
** workforce/import.c: practitioners from the RPPS extract or a simple CSV.
**
** One practitioner row per (vintage, identifier), one site row per
** activity line.  A line whose site commune is unknown is skipped and
** counted (it cannot be placed), or is an error with --strict.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "territory/importer.h"
#include "workforce/workforce.h"

static const char *const azWfTables[] = {
  "DELETE FROM practitioner_sites WHERE import_id = ?1",
  "DELETE FROM practitioners WHERE import_id = ?1",
  0};

int wf_is_gp(const char *zCode, const char *zLabel)
{
  static const char *const azLabel[] = {
    "Spécialiste en Médecine Générale", "Qualifié en Médecine Générale",
    "Médecine Générale", "Médecine générale", 0};
  if (zCode && !strcmp(zCode, "SM53")) return 1;
  for (int i = 0; zLabel && azLabel[i]; i++) {
    if (!strcmp(zLabel, azLabel[i])) return 1;
  }
  return 0;
}

/*
** What an import keeps from row to row (a national extraction has two
** million): its statements, fetched once from the connection's cache (it
** never evicts), the practitioner of the previous line (a person's lines
** follow one another), and the set of the database's commune codes, so
** that a known commune costs no query.
*/
typedef struct WfWriter WfWriter;
struct WfWriter {
  Stmt *qPract, *qSite, *qReg;
  char zLastId[32];         /* the practitioner of the previous GP line */
  int64_t idLast;
  int hasBirthLast;         /* ... and whether it carried a birth year */
  char (*aCode)[6];         /* open addressing, nSlot slots; "" empty */
  uint32_t nSlot;
};

static uint32_t wf_code_hash(const char *z)
{
  uint32_t h = 2166136261u;
  for (int i = 0; i < 5 && z[i]; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* Slot of code z in w's set: where it is, or the empty slot it would go. */
static uint32_t wf_code_slot(const WfWriter *w, const char *z)
{
  uint32_t m = w->nSlot - 1, i = wf_code_hash(z) & m;
  while (w->aCode[i][0] && strcmp(w->aCode[i], z)) i = (i + 1) & m;
  return i;
}

/* The statements and the commune codes (at most a quarter of the slots
** filled: probes stay short). */
static void wf_writer_init(WfWriter *w, Store *db)
{
  memset(w, 0, sizeof *w);
  w->qPract = store_stmt(db,
      "INSERT INTO practitioners(vintage, rpps, birth_year, import_id)"
      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(vintage, rpps) DO UPDATE"
      " SET birth_year = coalesce(excluded.birth_year, birth_year)"
      " RETURNING id");
  w->qSite = store_stmt(db,
      "INSERT INTO practitioner_sites(practitioner_id, commune, mode, acts,"
      " import_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  int64_t n = store_one_int(store_stmt(db, "SELECT count(*) FROM communes"),
                            0);
  w->nSlot = 1024;
  while (w->nSlot < 4 * (uint64_t)n) w->nSlot *= 2;
  w->aCode = xcalloc(w->nSlot, sizeof *w->aCode);
  Stmt *q = store_stmt(db, "SELECT code FROM communes");
  Err err = {0};
  while (store_step(q, &err) == 1) {
    const char *z = store_col_text(q, 0);
    if (strlen(z) != 5) continue;
    memcpy(w->aCode[wf_code_slot(w, z)], z, 6);
  }
}

static void wf_writer_free(WfWriter *w)
{
  free(w->aCode);
  w->aCode = NULL;
}

/* Insert (or find) the practitioner, then one site.  Counts the row. */
static int wf_insert(Imp *p, WfWriter *w, const char *zId, int hasBirth,
                     long birth, const char *zCommune, const char *zMode,
                     int hasActs, double acts, Err *err)
{
  int rc;
  Stmt *q = w->qPract;
  /* the same person as the line before: his row is there already (a birth
  ** year given again is written again) */
  if (hasBirth || w->hasBirthLast || !w->idLast || strcmp(zId, w->zLastId)) {
    store_bind_int(q, 1, p->spec.vintage);
    store_bind_text(q, 2, zId);
    if (hasBirth) store_bind_int(q, 3, birth); else store_bind_null(q, 3);
    store_bind_int(q, 4, p->id);
    rc = store_step(q, err);
    if (rc < 0) return rc;
    w->idLast = store_col_int(q, 0);
    w->hasBirthLast = hasBirth;
    snprintf(w->zLastId, sizeof w->zLastId, "%s", zId);
    store_reset(q);
  }
  q = w->qSite;
  store_bind_int(q, 1, w->idLast);
  store_bind_text(q, 2, zCommune);
  store_bind_text(q, 3, zMode && zMode[0] ? zMode : NULL);
  if (hasActs) store_bind_double(q, 4, acts); else store_bind_null(q, 4);
  store_bind_int(q, 5, p->id);
  if ((rc = store_exec(q, err))) return rc;
  imp_keep(p);
  return 0;
}

static int need_vintage(const TerrImportOpts *o, const char *zKind, Err *err)
{
  if (o->vintage >= 1900 && o->vintage <= 2100) return 0;
  return err_set(err, ERR_USAGE, "import %s : --vintage AAAA obligatoire "
                 "(année de l'extraction)", zKind);
}

/* Commune of column iCol: 0 and *pzCode, 1 to skip the row, < 0 error.
** A code of w's set is known without a query. */
static int wf_commune(Imp *p, const WfWriter *w, int iCol,
                      const char **pzCode, Err *err)
{
  const char *z = csv_cell(p->r, iCol);
  if (!z[0]) {
    char zEx[32];
    snprintf(zEx, sizeof zEx, "ligne %ld", csv_line(p->r));
    imp_skip(p, "site sans code commune", zEx);
    return 1;
  }
  int rc = imp_code(p, iCol, pzCode, err);
  if (rc) return rc;
  if (w->aCode[wf_code_slot(w, *pzCode)][0]) return 0;
  return imp_check_commune(p, iCol, *pzCode, 1, err);
}

/* Columns of the RPPS extraction the importer reads (-1: absent). */
typedef struct WfRppsCols WfRppsCols;
struct WfRppsCols {
  int iId, iProf, iSfCode, iSfLabel, iMode, iCommune;
  int iLast, iFirst, iSite;
  char zToday[16];          /* the import's day, read once */
  char zLastId[32];         /* the person of the previous line */
};

/*
** The person into the register: identity from the extraction, the team's
** columns untouched.  A person's first activity line of an import gives
** his main site; later lines of the same import keep it.  A salaried
** activity at a site named "centre de santé" marks him as such, once, at
** his first appearance (the team may correct it).
*/
static int wf_register_row(Imp *p, WfWriter *w, const WfRppsCols *c,
                           const char *zProf, const char *zId,
                           const char *zCommune, Err *err)
{
  const char *zMode = csv_cell(p->r, c->iMode);
  const char *zSite = c->iSite >= 0 ? csv_cell(p->r, c->iSite) : "";
  int isCentre = !strcmp(zMode, "S") &&
                 (strstr(zSite, "CENTRE DE SANTE") ||
                  strstr(zSite, "Centre de santé") ||
                  strstr(zSite, "CENTRE DE SANTÉ"));
  Stmt *q = w->qReg ? w->qReg : (w->qReg = store_stmt(p->db,
      "INSERT INTO practitioner_register(rpps, profession, last_name,"
      " first_name, commune, mode, site_name, origin, import_id, is_centre,"
      " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'rpps', ?8, ?9, ?10)"
      " ON CONFLICT(rpps) DO UPDATE SET profession = excluded.profession,"
      " last_name = excluded.last_name, first_name = excluded.first_name,"
      " commune = CASE WHEN import_id IS excluded.import_id THEN commune"
      "   ELSE excluded.commune END,"
      " mode = CASE WHEN import_id IS excluded.import_id THEN mode"
      "   ELSE excluded.mode END,"
      " site_name = CASE WHEN import_id IS excluded.import_id THEN site_name"
      "   ELSE excluded.site_name END,"
      " import_id = excluded.import_id, missing_since = NULL"));
  store_bind_text(q, 1, zId);
  store_bind_text(q, 2, zProf);
  store_bind_text(q, 3, c->iLast >= 0 ? csv_cell(p->r, c->iLast) : "");
  store_bind_text(q, 4, c->iFirst >= 0 ? csv_cell(p->r, c->iFirst) : "");
  store_bind_text(q, 5, zCommune);
  store_bind_text(q, 6, zMode);
  store_bind_text(q, 7, zSite);
  store_bind_int(q, 8, p->id);
  store_bind_int(q, 9, isCentre ? 1 : 0);
  store_bind_text(q, 10, c->zToday);
  return store_exec(q, err);
}

/* Flag (never delete) the RPPS people this import no longer lists. */
static int wf_register_flag_missing(Imp *p, Err *err)
{
  char zToday[16];
  Stmt *q = store_stmt(p->db,
      "UPDATE practitioner_register SET missing_since = ?2"
      " WHERE origin = 'rpps' AND import_id IS NOT ?1"
      " AND missing_since IS NULL");
  store_bind_int(q, 1, p->id);
  store_bind_text(q, 2, clock_today_iso(zToday));
  return store_exec(q, err);
}

int wf_import_rpps(Store *db, const TerrImportOpts *o, Err *err)
{
  int rc = need_vintage(o, "rpps", err);
  if (rc) return rc;
  ImpSpec spec = {"rpps", o->zPath, o->vintage, NULL, o->isStrict, 0,
                  o->pSummary};
  Imp imp;
  imp_init(&imp, db, &spec);
  WfRppsCols c;
  WfWriter w = {0};
  clock_today_iso(c.zToday);
  c.zLastId[0] = 0;
  if ((rc = imp_open_csv(&imp, o->cSep ? o->cSep : '|', err))) goto done;
  c.iId = imp_col(&imp, "Identification nationale PP", 0, err);
  if (c.iId < 0) c.iId = imp_col(&imp, "Identifiant PP", 1, err);
  c.iProf = imp_col(&imp, "Code profession", 1, err);
  c.iSfCode = imp_col(&imp, "Code savoir-faire", 1, err);
  c.iSfLabel = imp_col(&imp, "Libellé savoir-faire", 1, err);
  c.iMode = imp_col(&imp, "Code mode exercice", 1, err);
  c.iCommune = imp_col(&imp, "Code commune (coord. structure)", 1, err);
  c.iLast = imp_col(&imp, "Nom d'exercice", 0, err);
  c.iFirst = imp_col(&imp, "Prénom d'exercice", 0, err);
  c.iSite = imp_col(&imp, "Raison sociale site", 0, err);
  if (err->code) { rc = err->code; goto done; }
  if ((rc = imp_begin(&imp, azWfTables, err))) goto done;
  /* the register's commune index is rebuilt once at the end (one sort)
  ** rather than kept up to date row by row in random order; inside the
  ** import's transaction, so a failed import leaves it as it was */
  rc = store_exec_sql(db, "DROP INDEX IF EXISTS"
                      " practitioner_register_commune", err);
  if (rc) goto done;
  wf_writer_init(&w, db);
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    const char *zProf = wf_profession_of_rpps(csv_cell(imp.r, c.iProf));
    if (!zProf) {
      imp_skip(&imp, "profession hors du registre", csv_cell(imp.r, c.iProf));
      continue;
    }
    int isGp = !strcmp(zProf, "mg");
    if (isGp &&
        !wf_is_gp(csv_cell(imp.r, c.iSfCode), csv_cell(imp.r, c.iSfLabel))) {
      imp_skip(&imp, "médecin non généraliste", csv_cell(imp.r, c.iSfLabel));
      continue;
    }
    const char *zId = csv_cell(imp.r, c.iId), *zCommune;
    if (!zId[0]) {
      rc = csv_err_cell(imp.r, err, c.iId, "identifiant vide");
      break;
    }
    rc = wf_commune(&imp, &w, c.iCommune, &zCommune, err);
    if (rc < 0) break;
    if (rc == 1) { rc = 0; continue; }
    /* a person's lines follow one another and his first gives his main
    ** site: the next ones need no register write */
    if (strcmp(zId, c.zLastId)) {
      rc = wf_register_row(&imp, &w, &c, zProf, zId, zCommune, err);
      if (rc) break;
      snprintf(c.zLastId, sizeof c.zLastId, "%s", zId);
    }
    if (!isGp) {
      /* counted as ignored by the GP model; the register keeps him */
      imp_skip(&imp, "autre profession : au registre, hors APL généralistes",
               zProf);
      continue;
    }
    /* GPs also feed the engine's practitioners of this vintage */
    rc = wf_insert(&imp, &w, zId, 0, 0, zCommune, csv_cell(imp.r, c.iMode),
                   0, 0, err);
    if (rc) break;
  }
  if (rc == CSV_END) rc = wf_register_flag_missing(&imp, err);
  if (!rc) {
    rc = store_exec_sql(db, "CREATE INDEX IF NOT EXISTS"
                        " practitioner_register_commune"
                        " ON practitioner_register(commune)", err);
  }
done:
  wf_writer_free(&w);
  return imp_end(&imp, rc, err);
}

/* Column zFlag if given (required), else the first default present. */
static int wf_col(Imp *p, const char *zFlag, const char *zDflt1,
                  const char *zDflt2, int isRequired, Err *err)
{
  if (zFlag) return imp_col(p, zFlag, 1, err);
  int i = imp_col(p, zDflt1, 0, err);
  if (i < 0 && zDflt2) i = imp_col(p, zDflt2, isRequired, err);
  else if (i < 0 && isRequired) i = imp_col(p, zDflt1, 1, err);
  return i;
}

int wf_import_practitioners(Store *db, const TerrImportOpts *o, Err *err)
{
  int rc = need_vintage(o, "practitioners", err);
  if (rc) return rc;
  ImpSpec spec = {"practitioners", o->zPath, o->vintage, NULL, o->isStrict, 0,
                  o->pSummary};
  Imp imp;
  imp_init(&imp, db, &spec);
  int iId, iCommune, iBirth, iActs, iSpec, iMode;
  WfWriter w = {0};
  if ((rc = imp_open_csv(&imp, o->cSep ? o->cSep : ',', err))) goto done;
  iId = wf_col(&imp, o->zColId, "identification_nationale_pp", "id", 1, err);
  iCommune = wf_col(&imp, o->zColCommune, "code_commune", "commune", 1, err);
  iBirth = wf_col(&imp, o->zColBirth, "annee_naissance", NULL, 0, err);
  iActs = wf_col(&imp, o->zColActivity, "actes", NULL, 0, err);
  iSpec = wf_col(&imp, o->zColSpecialty, "libelle_savoir_faire", NULL, 0, err);
  iMode = wf_col(&imp, o->zColMode, "mode_exercice", NULL, 0, err);
  if (err->code) { rc = err->code; goto done; }
  if ((rc = imp_begin(&imp, azWfTables, err))) goto done;
  wf_writer_init(&w, db);
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    if (iSpec >= 0 && !wf_is_gp(NULL, csv_cell(imp.r, iSpec))) {
      imp_skip(&imp, "médecin non généraliste", csv_cell(imp.r, iSpec));
      continue;
    }
    const char *zId = csv_cell(imp.r, iId), *zCommune;
    double birth = 0, acts = 0;
    int isNoBirth = 1, isNoActs = 1;
    if (!zId[0]) {
      rc = csv_err_cell(imp.r, err, iId, "identifiant vide");
      break;
    }
    if (iBirth >= 0 && (rc = imp_num(&imp, iBirth, 1, &birth, &isNoBirth,
                                     err))) {
      break;
    }
    if (!isNoBirth && (birth < 1900 || birth > 2100 || birth != (long)birth)) {
      rc = csv_err_cell(imp.r, err, iBirth, "année de naissance invalide");
      break;
    }
    if (iActs >= 0 && (rc = imp_num(&imp, iActs, 1, &acts, &isNoActs, err))) {
      break;
    }
    if (!isNoActs && acts < 0) {
      rc = csv_err_cell(imp.r, err, iActs, "nombre d'actes négatif");
      break;
    }
    rc = wf_commune(&imp, &w, iCommune, &zCommune, err);
    if (rc < 0) break;
    if (rc == 1) { rc = 0; continue; }
    rc = wf_insert(&imp, &w, zId, !isNoBirth, (long)birth, zCommune,
                   iMode >= 0 ? csv_cell(imp.r, iMode) : NULL, !isNoActs, acts,
                   err);
    if (rc) break;
  }
done:
  wf_writer_free(&w);
  return imp_end(&imp, rc, err);
}
