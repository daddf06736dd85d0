/*
** workforce/structures.c: the structures directory (MSP, centres de
** santé, CPTS, pharmacies, assisted-teleconsultation points) from a FINESS
** extraction or entered, and patients without a médecin traitant per
** commune or EPCI.
**
** The FINESS stock file is Latin-1, ';'-separated, with a file header on
** line 1 and two kinds of lines (structureet: 32 fields; geolocalisation:
** 6), so it is read from memory after conversion to UTF-8, not through
** imp_open_csv (one header, one width).  A re-import updates the
** structures it lists, keeps what the team entered (FTE) and flags the
** ones it no longer lists.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/str.h"
#include "store/provenance.h"
#include "territory/importer.h"
#include "workforce/workforce.h"

const char *const wf_structure_kinds[] = {
  "msp", "Maison de santé pluriprofessionnelle",
  "centre_sante", "Centre de santé",
  "cpts", "Communauté professionnelle territoriale de santé",
  "pharmacie", "Pharmacie",
  "teleconsultation", "Point de téléconsultation assistée",
  NULL};

/* Kind of a FINESS category (by code, else by label), or NULL. */
static const char *finess_kind(const char *zCode, const char *zLabel)
{
  static const char *const azMap[] = {"124", "centre_sante", "603", "msp",
                                      "604", "cpts", "620", "pharmacie",
                                      "627", "pharmacie", NULL};
  for (int i = 0; azMap[i]; i += 2) {
    if (!strcmp(zCode, azMap[i])) return azMap[i + 1];
  }
  if (strcasestr(zLabel, "centre de sant")) return "centre_sante";
  if (strcasestr(zLabel, "maison de sant")) return "msp";
  if (strcasestr(zLabel, "territoriales de sant")) return "cpts";
  if (strcasestr(zLabel, "pharmacie")) return "pharmacie";
  return NULL;
}

/* The file as UTF-8 (converted from Latin-1 unless it already is one);
** malloc'd, *pn bytes.  NULL with err when unreadable. */
static char *read_utf8(const char *zPath, size_t *pn, Err *err)
{
  FILE *in = fopen(zPath, "rb");
  if (!in) {
    err_set(err, ERR_IO, "%s : fichier illisible", zPath);
    return NULL;
  }
  Str raw = STR_INIT;
  char aBuf[65536];
  size_t n;
  while ((n = fread(aBuf, 1, sizeof aBuf, in)) > 0) str_append(&raw, aBuf, n);
  fclose(in);
  if (utf8_valid(str_text(&raw), raw.n)) {
    *pn = raw.n;
    return str_finish(&raw);
  }
  Str out = STR_INIT;
  const unsigned char *z = (const unsigned char *)str_text(&raw);
  for (size_t i = 0; i < raw.n; i++) {
    if (z[i] < 0x80) {
      str_append(&out, (const char *)&z[i], 1);
    } else {
      char a[2] = {(char)(0xC0 | (z[i] >> 6)), (char)(0x80 | (z[i] & 0x3F))};
      str_append(&out, a, 2);
    }
  }
  str_free(&raw);
  *pn = out.n;
  return str_finish(&out);
}

/* INSEE code of a FINESS (departement, 3-digit commune): "01" + "004";
** Corsica "2A" + "004"; overseas "9A" (971) + "101" gives "97101". */
static void finess_commune(const char *zDep, const char *zCom, char z[8])
{
  if (zDep[0] == '9' && isalpha((unsigned char)zDep[1])) {
    snprintf(z, 8, "97%.3s", zCom);
  } else {
    snprintf(z, 8, "%.2s%.3s", zDep, zCom);
  }
}

static int finess_row(Imp *p, Err *err)
{
  CsvReader *r = p->r;
  if (csv_ncell(r) != 32) {
    return err_at(err, ERR_INPUT, csv_name(r), csv_line(r), 1, NULL,
                  "ligne structureet de %d champs au lieu de 32",
                  csv_ncell(r));
  }
  const char *zId = csv_cell(r, 1);
  if (strlen(zId) != 9) {
    return csv_err_cell(r, err, 1, "numéro FINESS invalide : « %s » (9 "
                        "caractères attendus)", zId);
  }
  const char *zKind = finess_kind(csv_cell(r, 18), csv_cell(r, 19));
  if (!zKind) {
    imp_skip(p, "autre catégorie d'établissement", csv_cell(r, 19));
    return 0;
  }
  char zCode[8];
  finess_commune(csv_cell(r, 13), csv_cell(r, 12), zCode);
  if (!imp_commune_known(p, zCode)) {
    imp_skip(p, "commune inconnue", zCode);
    return 0;
  }
  const char *zName = csv_cell(r, 4)[0] ? csv_cell(r, 4) : csv_cell(r, 3);
  char zToday[16];
  Stmt *q = store_stmt(p->db,
      "INSERT INTO health_structures(finess, kind, name, commune, opened_on,"
      " origin, import_id, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'finess',"
      " ?6, ?7) ON CONFLICT(finess) DO UPDATE SET kind = excluded.kind,"
      " name = excluded.name, commune = excluded.commune,"
      " opened_on = excluded.opened_on, import_id = excluded.import_id,"
      " missing_since = NULL");
  store_bind_text(q, 1, zId);
  store_bind_text(q, 2, zKind);
  store_bind_text(q, 3, zName);
  store_bind_text(q, 4, zCode);
  store_bind_text(q, 5, csv_cell(r, 28)[0] ? csv_cell(r, 28) : NULL);
  store_bind_int(q, 6, p->id);
  store_bind_text(q, 7, clock_today_iso(zToday));
  int rc = store_exec(q, err);
  if (!rc) imp_keep(p);
  return rc;
}

int wf_import_finess(Store *db, const TerrImportOpts *o, Err *err)
{
  static const char *const azNone[] = {0};
  ImpSpec spec = {"finess", o->zPath, o->vintage, NULL, o->isStrict, 0,
                  o->pSummary};
  Imp imp;
  imp_init(&imp, db, &spec);
  char zSha[65];
  size_t n = 0;
  char *zData = NULL;
  int rc = prov_sha256_file(o->zPath, zSha, err);
  if (rc) goto done;
  imp_set_sha(&imp, zSha);
  if (!(zData = read_utf8(o->zPath, &n, err))) {
    rc = ERR_IO;
    goto done;
  }
  const char *zBase = strrchr(o->zPath, '/');
  imp.r = csv_open_mem(zBase ? zBase + 1 : o->zPath, zData, n, ';');
  rc = csv_next_row(imp.r, err);             /* line 1: the file header */
  if (rc == CSV_ROW && strcmp(csv_cell(imp.r, 0), "finess")) {
    rc = err_at(err, ERR_INPUT, csv_name(imp.r), 1, 1, NULL, "en-tête "
                "FINESS attendu (« finess;etalab;… ») : ce n'est pas une "
                "extraction FINESS");
  }
  if (rc != CSV_ROW) {
    if (rc == CSV_END) rc = err_set(err, ERR_INPUT, "fichier FINESS vide");
    goto done;
  }
  if ((rc = imp_begin(&imp, azNone, err))) goto done;
  while ((rc = csv_next_row(imp.r, err)) == CSV_ROW) {
    const char *zType = csv_cell(imp.r, 0);
    if (csv_ncell(imp.r) == 1 && !zType[0]) continue;
    imp.nRead++;
    if (!strcmp(zType, "structureet")) {
      if ((rc = finess_row(&imp, err))) break;
    } else if (!strcmp(zType, "geolocalisation")) {
      imp_skip(&imp, "ligne de géolocalisation", csv_cell(imp.r, 1));
    } else {
      rc = csv_err_cell(imp.r, err, 0, "type de ligne inconnu : « %s »",
                        zType);
      break;
    }
  }
  if (rc == CSV_END) {
    char zToday[16];
    Stmt *q = store_stmt(db,
        "UPDATE health_structures SET missing_since = ?2 WHERE origin ="
        " 'finess' AND import_id IS NOT ?1 AND missing_since IS NULL");
    store_bind_int(q, 1, imp.id);
    store_bind_text(q, 2, clock_today_iso(zToday));
    rc = store_exec(q, err);
  }
done:
  rc = imp_end(&imp, rc, err);
  free(zData);
  return rc;
}

/* Level of a code: a commune (5 characters) or an EPCI (9 digits). */
static const char *no_gp_level(const char *z)
{
  size_t n = strlen(z);
  if (n == 5) return "commune";
  if (n == 9) return "epci";
  return NULL;
}

int wf_import_no_gp(Store *db, const TerrImportOpts *o, Err *err)
{
  static const char *const azDelete[] = {
    "DELETE FROM patients_without_gp WHERE origin = 'import' AND year IN"
    " (SELECT vintage FROM import_log WHERE id = ?1)", 0};
  if (o->vintage < 2000 || o->vintage > 2100) {
    return err_set(err, ERR_USAGE, "import sans-medecin-traitant : --vintage "
                   "AAAA obligatoire (année des données)");
  }
  ImpSpec spec = {"sans-medecin-traitant", o->zPath, o->vintage, NULL,
                  o->isStrict, 0, o->pSummary};
  Imp imp;
  imp_init(&imp, db, &spec);
  int rc, iCode, iN, iShare;
  if ((rc = imp_open_csv(&imp, o->cSep ? o->cSep : csv_sniff_sep(o->zPath),
                         err))) {
    goto done;
  }
  iCode = imp_col(&imp, o->zColCode ? o->zColCode : "code", 1, err);
  iN = imp_col(&imp, o->zColValue ? o->zColValue : "patients", 1, err);
  iShare = imp_col(&imp, "part", 0, err);
  if (err->code) { rc = err->code; goto done; }
  if ((rc = imp_begin(&imp, azDelete, err))) goto done;
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    const char *zCode = csv_cell(imp.r, iCode);
    const char *zLevel = no_gp_level(zCode);
    if (!zLevel) {
      rc = csv_err_cell(imp.r, err, iCode, "code de commune (5 caractères) "
                        "ou d'EPCI (9 chiffres) attendu : « %s »", zCode);
      break;
    }
    double v, share = 0;
    int isNull, isNoShare = 1;
    if ((rc = imp_num(&imp, iN, 0, &v, &isNull, err))) break;
    if (v < 0 || v != (long)v) {
      rc = csv_err_cell(imp.r, err, iN, "nombre de patients invalide");
      break;
    }
    if (iShare >= 0 &&
        (rc = imp_num(&imp, iShare, 1, &share, &isNoShare, err))) {
      break;
    }
    if (!isNoShare && (share < 0 || share > 1)) {
      rc = csv_err_cell(imp.r, err, iShare, "part entre 0 et 1 attendue");
      break;
    }
    if ((rc = wf_no_gp_save(db, zLevel, zCode, o->vintage, (long)v,
                            isNoShare ? -1 : share, "import", err))) {
      break;
    }
    imp_keep(&imp);
  }
done:
  return imp_end(&imp, rc, err);
}

int wf_no_gp_save(Store *db, const char *zLevel, const char *zCode, int year,
                  long nPatients, double share, const char *zOrigin, Err *err)
{
  char zToday[16];
  Stmt *q = store_stmt(db,
      "INSERT INTO patients_without_gp(level, code, year, patients, share,"
      " origin, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT(level, code, year) DO UPDATE SET"
      " patients = excluded.patients, share = excluded.share,"
      " origin = excluded.origin, updated_at = excluded.updated_at");
  store_bind_text(q, 1, zLevel);
  store_bind_text(q, 2, zCode);
  store_bind_int(q, 3, year);
  store_bind_int(q, 4, nPatients);
  if (share < 0) store_bind_null(q, 5); else store_bind_double(q, 5, share);
  store_bind_text(q, 6, zOrigin);
  store_bind_text(q, 7, clock_today_iso(zToday));
  return store_exec(q, err);
}
