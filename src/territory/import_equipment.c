/*
** territory/import_equipment.c: health equipment per commune from the
** INSEE BPE "services santé" table (NIVGEO, CODGEO, LIBGEO, REG, DEP,
** NB_D101 … NB_D307), as published.
**
** Every NB_<type> column becomes one count per commune and equipment type
** (D108 centre de santé, D113 maison de santé pluridisciplinaire, …); a
** zero is not stored.  Rows on an unknown commune code are skipped and
** counted, as for supply counts (docs/data.md).  Paris, Lyon and Marseille
** stand in the file both whole (COM) and by arrondissement (ARM), and so
** they do here: a sum over every row counts them twice.
*/
#include <stdlib.h>
#include <string.h>

#include "territory/importer.h"
#include "territory/territory.h"

enum { EQ_MAX_COL = 64 };

int terr_import_equipment(Store *db, const TerrImportOpts *o, Err *err)
{
  static const char *const azTable[] = {
    "DELETE FROM equipment_count WHERE import_id = ?1",
    0};
  if (o->vintage < 1900 || o->vintage > 2100) {
    return err_set(err, ERR_USAGE, "import equipment : --vintage AAAA "
                   "obligatoire (millésime de la BPE)");
  }
  ImpSpec spec = {"equipment", o->zPath, o->vintage, NULL, o->isStrict, 0,
                  o->pSummary};
  Imp imp;
  imp_init(&imp, db, &spec);
  int aCol[EQ_MAX_COL], nCol = 0, iCode, rc;
  if ((rc = imp_open_csv(&imp, o->cSep ? o->cSep : ',', err))) goto done;
  iCode = imp_col(&imp, o->zColCode ? o->zColCode : "CODGEO", 1, err);
  if (err->code) { rc = err->code; goto done; }
  for (int i = 0; i < csv_header_count(imp.r) && nCol < EQ_MAX_COL; i++) {
    if (!strncmp(csv_col_name(imp.r, i), "NB_", 3)) aCol[nCol++] = i;
  }
  if (nCol == 0) {
    rc = err_at(err, ERR_INPUT, csv_name(imp.r), 1, 0, "NB_",
                "aucune colonne NB_<équipement> dans l'en-tête : ce n'est "
                "pas une table de la BPE");
    goto done;
  }
  if ((rc = imp_begin(&imp, azTable, err))) goto done;
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    const char *zCode;
    if ((rc = imp_code(&imp, iCode, &zCode, err))) break;
    double aN[EQ_MAX_COL];
    for (int k = 0; !rc && k < nCol; k++) {
      rc = imp_num(&imp, aCol[k], 0, &aN[k], NULL, err);
      if (!rc && (aN[k] < 0 || aN[k] != (long)aN[k])) {
        rc = csv_err_cell(imp.r, err, aCol[k], "nombre d'équipements "
                          "invalide (entier positif attendu)");
      }
    }
    if (rc) break;
    rc = imp_check_commune(&imp, iCode, zCode, 1, err);
    if (rc < 0) break;
    if (rc == 1) { rc = 0; continue; }
    for (int k = 0; !rc && k < nCol; k++) {
      if (aN[k] == 0) continue;
      Stmt *q = store_stmt(db,
          "INSERT OR REPLACE INTO equipment_count(vintage, commune, kind, n,"
          " import_id) VALUES (?1, ?2, ?3, ?4, ?5)");
      store_bind_list(q, STORE_V(o->vintage), STORE_V(zCode),
                      STORE_V(csv_col_name(imp.r, aCol[k]) + 3),
                      STORE_V((long)aN[k]), STORE_V(imp.id));
      rc = store_exec(q, err);
    }
    if (!rc) imp_keep(&imp);
  }
done:
  return imp_end(&imp, rc, err);
}
