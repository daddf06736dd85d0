/*
** territory/import_tables.c: per-commune tables: demand (population),
** supply counts, the DREES reference APL and travel-time matrices.
**
** Policy on commune codes (docs/data.md): rows that place supply on an
** unknown code are skipped and counted; demand, reference and matrix rows
** are kept (they may use an older COG) and reported; --strict makes any
** unknown code an error.
*/
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "territory/importer.h"
#include "territory/territory.h"

/* A vintage is required for this kind. */
static int need_vintage(const TerrImportOpts *o, const char *zKind, Err *err)
{
  if (o->vintage >= 1900 && o->vintage <= 2100) return 0;
  return err_set(err, ERR_USAGE, "import %s : --vintage AAAA obligatoire",
                 zKind);
}

/* imp_init() for an import of kind zKind as the options o say (file,
** vintage, strictness, summary); zSource names a supply source, or NULL. */
static void tables_init(Imp *p, Store *db, const char *zKind,
                        const char *zSource, const TerrImportOpts *o)
{
  ImpSpec spec = {zKind, o->zPath, o->vintage, zSource, o->isStrict, 0,
                  o->pSummary};
  imp_init(p, db, &spec);
}

/* Open o's CSV file (comma unless o names a separator), header read. */
static int tables_open(Imp *p, const TerrImportOpts *o, Err *err)
{
  return imp_open_csv(p, o->cSep ? o->cSep : ',', err);
}

/* Insert or report a duplicate; the statement is fully bound. */
static int insert_once(Imp *p, Stmt *q, const char *zCode, Err *err)
{
  int rc = store_exec(q, err);
  if (rc) return rc;
  if (store_changes(p->db) == 0) {
    char zEx[48];
    snprintf(zEx, sizeof zEx, "%s ligne %ld", zCode, csv_line(p->r));
    imp_skip(p, "code en double (première ligne gardée)", zEx);
  } else {
    imp_keep(p);
  }
  return 0;
}

static int pop_insert(Imp *p, const char *zCode, double std, double total,
                      int isNoTotal, Err *err)
{
  Stmt *q = store_stmt(p->db,
      "INSERT OR IGNORE INTO population(vintage, commune, standardised, total,"
      " import_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  store_bind_list(q, STORE_V(p->spec.vintage), STORE_V(zCode), STORE_V(std));
  if (isNoTotal) store_bind_null(q, 4); else store_bind_double(q, 4, total);
  store_bind_int(q, 5, p->id);
  return insert_once(p, q, zCode, err);
}

/* The 19 DREES five-year age bands, as columns of an age-band file. */
static const char *const azBand[19] = {
  "p00_04", "p05_09", "p10_14", "p15_19", "p20_24", "p25_29", "p30_34",
  "p35_39", "p40_44", "p45_49", "p50_54", "p55_59", "p60_64", "p65_69",
  "p70_74", "p75_79", "p80_84", "p85_89", "p90p"};

/* The 19 weights `poids_tranche_age` of the DREES parameters file, column
** valeur_<vintage>, in file order (youngest band first). */
static int pop_weights(const char *zPath, int vintage, double *aW, Err *err)
{
  char zCol[32];
  snprintf(zCol, sizeof zCol, "valeur_%d", vintage);
  CsvReader *r = csv_open(zPath, ',', err);
  if (!r) return ERR_IO;
  int n = 0, rc = csv_read_header(r, err);
  int iParam = csv_col(r, "parametre"), iVal = csv_col(r, zCol);
  if (!rc && (iParam < 0 || iVal < 0)) {
    const char *zMissing = iParam < 0 ? "parametre" : zCol;
    rc = err_at(err, ERR_INPUT, zPath, 1, 0, zMissing,
                "colonne « %s » absente de l'en-tête", zMissing);
  }
  while (!rc && (rc = csv_next_row(r, err)) == CSV_ROW) {
    rc = 0;
    if (strcmp(csv_cell(r, iParam), "poids_tranche_age")) continue;
    if (n == 19) {
      rc = csv_err_cell(r, err, iParam, "plus de 19 tranches d'âge");
    } else if (str_to_double(csv_cell(r, iVal), &aW[n]) || aW[n] < 0) {
      rc = csv_err_cell(r, err, iVal, "poids numérique positif attendu");
    }
    n++;
  }
  if (!rc && n != 19) {
    rc = err_at(err, ERR_INPUT, zPath, 0, 0, NULL,
                "%d poids « poids_tranche_age » trouvés, 19 attendus", n);
  }
  csv_close(r);
  return rc;
}

int terr_import_population(Store *db, const TerrImportOpts *o, Err *err)
{
  static const char *const azTable[] = {
    "DELETE FROM population WHERE import_id = ?1",
    0};
  int rc = need_vintage(o, "population", err);
  if (rc) return rc;
  Imp imp;
  tables_init(&imp, db, "population", NULL, o);
  double aW[19];
  int aBand[19], iStd = -1, iTotal = -1, iCode;
  char zStd[48], zTotal[48];
  if (o->zWeights && (rc = pop_weights(o->zWeights, o->vintage, aW, err))) {
    goto done;
  }
  if ((rc = tables_open(&imp, o, err))) goto done;
  iCode = imp_col(&imp, o->zColCode ? o->zColCode
                  : o->zWeights ? "code" : "code_commune", 1, err);
  if (o->zWeights) {
    for (int b = 0; b < 19; b++) aBand[b] = imp_col(&imp, azBand[b], 1, err);
  } else {
    /* DREES tables of vintage V carry the populations of V - 2. */
    snprintf(zStd, sizeof zStd, "pop_standardisee_%d", o->vintage - 2);
    snprintf(zTotal, sizeof zTotal, "pop_totale_%d", o->vintage - 2);
    iStd = imp_col(&imp, o->zColStd ? o->zColStd : zStd, 1, err);
    iTotal = imp_col(&imp, o->zColTotal ? o->zColTotal : zTotal, 0, err);
  }
  if (err->code) { rc = err->code; goto done; }
  if ((rc = imp_begin(&imp, azTable, err))) goto done;
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    const char *zCode;
    double std = 0, total = 0, v;
    int isNoTotal = 1;
    if ((rc = imp_code(&imp, iCode, &zCode, err))) break;
    if (o->zWeights) {
      for (int b = 0; b < 19 && !rc; b++) {
        rc = imp_num(&imp, aBand[b], 0, &v, NULL, err);
        if (!rc && v < 0) {
          rc = csv_err_cell(imp.r, err, aBand[b], "population négative");
        }
        total += v;
        std += v * aW[b];
      }
      isNoTotal = 0;
    } else {
      rc = imp_num(&imp, iStd, 0, &std, NULL, err);
      if (!rc && iTotal >= 0) rc = imp_num(&imp, iTotal, 1, &total, &isNoTotal,
                                           err);
      if (!rc && (std < 0 || total < 0)) {
        rc = csv_err_cell(imp.r, err, std < 0 ? iStd : iTotal,
                          "population négative");
      }
    }
    if (rc) break;
    if ((rc = imp_check_commune(&imp, iCode, zCode, 0, err)) < 0) break;
    if ((rc = pop_insert(&imp, zCode, std, total, isNoTotal, err))) break;
  }
done:
  return imp_end(&imp, rc, err);
}

int terr_import_supply(Store *db, const TerrImportOpts *o, Err *err)
{
  static const char *const azTable[] = {
    "DELETE FROM supply_count WHERE import_id = ?1",
    0};
  int rc = need_vintage(o, "supply", err);
  if (rc) return rc;
  if (!o->zColValue) {
    return err_set(err, ERR_USAGE, "import supply : --column NOM obligatoire "
                   "(colonne des effectifs, ex. generaliste)");
  }
  Imp imp;
  tables_init(&imp, db, "supply", o->zSource ? o->zSource : o->zColValue, o);
  int iCode, iVal;
  if ((rc = tables_open(&imp, o, err))) goto done;
  iCode = imp_col(&imp, o->zColCode ? o->zColCode : "code_commune", 1, err);
  iVal = imp_col(&imp, o->zColValue, 1, err);
  if (err->code) { rc = err->code; goto done; }
  if ((rc = imp_begin(&imp, azTable, err))) goto done;
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    const char *zCode;
    double v;
    if ((rc = imp_code(&imp, iCode, &zCode, err))) break;
    if ((rc = imp_num(&imp, iVal, 0, &v, NULL, err))) break;
    if (v < 0) {
      rc = csv_err_cell(imp.r, err, iVal, "effectif négatif");
      break;
    }
    rc = imp_check_commune(&imp, iCode, zCode, 1, err);
    if (rc < 0) break;
    if (rc == 1) { rc = 0; continue; }
    Stmt *q = store_stmt(db,
        "INSERT OR IGNORE INTO supply_count(source, vintage, commune, value,"
        " import_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    store_bind_list(q, STORE_V(imp.spec.zSource), STORE_V(o->vintage),
                    STORE_V(zCode), STORE_V(v), STORE_V(imp.id));
    if ((rc = insert_once(&imp, q, zCode, err))) break;
  }
done:
  return imp_end(&imp, rc, err);
}

int terr_import_apl_reference(Store *db, const TerrImportOpts *o, Err *err)
{
  static const char *const azTable[] = {
    "DELETE FROM apl_reference WHERE import_id = ?1",
    0};
  int rc = need_vintage(o, "apl-reference", err);
  if (rc) return rc;
  Imp imp;
  tables_init(&imp, db, "apl-reference", NULL, o);
  char zStd[48], zTotal[48];
  snprintf(zStd, sizeof zStd, "pop_standardisee_%d", o->vintage - 2);
  snprintf(zTotal, sizeof zTotal, "pop_totale_%d", o->vintage - 2);
  int iCode, iName, iApl, iApl65, iStd, iTotal;
  if ((rc = tables_open(&imp, o, err))) goto done;
  iCode = imp_col(&imp, o->zColCode ? o->zColCode : "code_commune", 1, err);
  iApl = imp_col(&imp, "apl_mg", 1, err);
  iName = imp_col(&imp, "commune", 0, err);
  iApl65 = imp_col(&imp, "apl_mg_moins65ans", 0, err);
  iStd = imp_col(&imp, o->zColStd ? o->zColStd : zStd, 1, err);
  iTotal = imp_col(&imp, o->zColTotal ? o->zColTotal : zTotal, 1, err);
  if (err->code) { rc = err->code; goto done; }
  if ((rc = imp_begin(&imp, azTable, err))) goto done;
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    const char *zCode;
    double apl, apl65 = 0, std, total;
    int isNo65 = 1;
    if ((rc = imp_code(&imp, iCode, &zCode, err))) break;
    if ((rc = imp_num(&imp, iApl, 0, &apl, NULL, err))) break;
    if (iApl65 >= 0 && (rc = imp_num(&imp, iApl65, 1, &apl65, &isNo65, err))) {
      break;
    }
    if ((rc = imp_num(&imp, iStd, 0, &std, NULL, err))) break;
    if ((rc = imp_num(&imp, iTotal, 0, &total, NULL, err))) break;
    if (apl < 0 || apl65 < 0 || std < 0 || total < 0) {
      rc = csv_err_cell(imp.r, err, apl < 0 ? iApl : apl65 < 0 ? iApl65
                        : std < 0 ? iStd : iTotal, "valeur négative");
      break;
    }
    if ((rc = imp_check_commune(&imp, iCode, zCode, 0, err)) < 0) break;
    Stmt *q = store_stmt(db,
        "INSERT OR IGNORE INTO apl_reference(vintage, commune, name, apl,"
        " apl_under65, pop_std, pop_total, import_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    store_bind_list(q, STORE_V(o->vintage), STORE_V(zCode),
                    STORE_V(iName >= 0 ? csv_cell(imp.r, iName) : NULL),
                    STORE_V(apl));
    if (isNo65) store_bind_null(q, 5); else store_bind_double(q, 5, apl65);
    store_bind_double(q, 6, std);
    store_bind_double(q, 7, total);
    store_bind_int(q, 8, imp.id);
    if ((rc = insert_once(&imp, q, zCode, err))) break;
  }
done:
  return imp_end(&imp, rc, err);
}

int terr_import_matrix(Store *db, const TerrImportOpts *o, Err *err)
{
  static const char *const azTable[] = {
    "DELETE FROM travel_matrix WHERE import_id = ?1",
    0};
  Imp imp;
  tables_init(&imp, db, "matrix", NULL, o);
  int iOrig, iDest, iMin;
  int rc = tables_open(&imp, o, err);
  if (rc) goto done;
  iOrig = imp_col(&imp, o->zColOrigin ? o->zColOrigin : "origin", 1, err);
  iDest = imp_col(&imp, o->zColDest ? o->zColDest : "destination", 1, err);
  iMin = imp_col(&imp, o->zColMinutes ? o->zColMinutes : "minutes", 1, err);
  if (err->code) { rc = err->code; goto done; }
  if ((rc = imp_begin(&imp, azTable, err))) goto done;
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    const char *zOrig, *zDest;
    double m;
    if ((rc = imp_code(&imp, iOrig, &zOrig, err))) break;
    if ((rc = imp_code(&imp, iDest, &zDest, err))) break;
    if ((rc = imp_num(&imp, iMin, 0, &m, NULL, err))) break;
    if (m < 0) {
      rc = csv_err_cell(imp.r, err, iMin, "durée négative (%g minutes)", m);
      break;
    }
    if ((rc = imp_check_commune(&imp, iOrig, zOrig, 0, err)) < 0) break;
    if ((rc = imp_check_commune(&imp, iDest, zDest, 0, err)) < 0) break;
    Stmt *q = store_stmt(db,
        "INSERT OR IGNORE INTO travel_matrix(vintage, origin, destination,"
        " minutes, import_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    store_bind_list(q, STORE_V(o->vintage), STORE_V(zOrig), STORE_V(zDest),
                    STORE_V(m), STORE_V(imp.id));
    if ((rc = insert_once(&imp, q, zOrig, err))) break;
  }
done:
  return imp_end(&imp, rc, err);
}
