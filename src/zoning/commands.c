/*
** zoning/commands.c: `oasis zonage import FILE` (an ARS arrêté's
** per-commune table, all or nothing, provenance logged) and
** `oasis zonage show CODE` (the one classification, with its source).
**
** The file: CSV (',' or ';'), a header with `code_commune` and `zone`,
** optionally `profession`, `date_arrete` (AAAA-MM-JJ or JJ/MM/AAAA) and
** `reference`.  Zones as the ARS write them (zoning_parse_class).  Rows of
** several regions add up; a later arrêté supersedes an earlier one for the
** same commune and profession, and the earlier stays as history.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmd.h"
#include "base/csv.h"
#include "territory/importer.h"
#include "zoning/zoning.h"

/* "12/03/2024" or "2024-03-12" → "2024-03-12" in zOut[11]; "" for empty;
** -1 when neither. */
static int zonage_date(const char *z, char *zOut)
{
  unsigned d, m, y;
  int n = 0;
  zOut[0] = 0;
  if (!z[0]) return 0;
  if (sscanf(z, "%4u-%2u-%2u%n", &y, &m, &d, &n) == 3 && !z[n] && n == 10) {
  } else if (sscanf(z, "%2u/%2u/%4u%n", &d, &m, &y, &n) == 3 && !z[n]) {
  } else {
    return -1;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return -1;
  snprintf(zOut, 11, "%04u-%02u-%02u", y % 10000u, m % 100u, d % 100u);
  return 0;
}

int zoning_import(Store *db, const char *zPath, int vintage,
                  const char *zDefaultProf, long *pnRows, Err *err)
{
  ImpSpec spec = {"zonage", zPath, vintage, NULL, 0, 0, stderr};
  static const char *const azNone[] = {0};
  Imp imp;
  int rc;
  imp_init(&imp, db, &spec);
  int iCode, iZone, iProf, iDate, iRef;
  if ((rc = imp_open_csv(&imp, csv_sniff_sep(zPath), err))) goto done;
  iCode = imp_col(&imp, "code_commune", 1, err);
  iZone = imp_col(&imp, "zone", 1, err);
  iProf = imp_col(&imp, "profession", 0, err);
  iDate = imp_col(&imp, "date_arrete", 0, err);
  iRef = imp_col(&imp, "reference", 0, err);
  if (err->code) {
    rc = err->code;
    goto done;
  }
  if ((rc = imp_begin(&imp, azNone, err))) goto done;
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    const char *zCode;
    char zDate[11];
    if ((rc = imp_code(&imp, iCode, &zCode, err))) break;
    const char *zLabel = csv_cell(imp.r, iZone);
    const char *zClass = zoning_parse_class(zLabel);
    if (!zClass) {
      rc = csv_err_cell(imp.r, err, iZone, "zone inconnue « %s » (attendu : "
                        "ZIP, ZAC, ZAR, hors zonage, très sous-dotée…)",
                        zLabel);
      break;
    }
    if (iDate >= 0 && zonage_date(csv_cell(imp.r, iDate), zDate)) {
      rc = csv_err_cell(imp.r, err, iDate, "date invalide « %s » (attendu : "
                        "JJ/MM/AAAA)", csv_cell(imp.r, iDate));
      break;
    }
    if (iDate < 0) zDate[0] = 0;
    const char *zProf = iProf >= 0 && csv_cell(imp.r, iProf)[0]
                            ? csv_cell(imp.r, iProf) : zDefaultProf;
    if ((rc = imp_check_commune(&imp, iCode, zCode, 0, err)) < 0) break;
    Stmt *q = store_stmt(db,
        "INSERT OR IGNORE INTO zonage(commune, profession, zone, label,"
        " date_arrete, reference, vintage, import_id)"
        " VALUES (?1, ?2, ?3, ?4, nullif(?5, ''), nullif(?6, ''),"
        " nullif(?7, 0), ?8)");
    store_bind_list(q, STORE_V(zCode), STORE_V(zProf), STORE_V(zClass),
                    STORE_V(zLabel), STORE_V(zDate),
                    STORE_V(iRef >= 0 ? csv_cell(imp.r, iRef) : ""),
                    STORE_V(vintage), STORE_V(imp.id));
    if ((rc = store_exec(q, err))) break;
    if (store_changes(db)) {
      imp_keep(&imp);
    } else {
      imp_skip(&imp, "ligne déjà importée", zCode);
    }
  }
done:
  rc = imp_end(&imp, rc, err);
  if (pnRows) *pnRows = rc ? 0 : imp.nKept;
  return rc;
}

static int zonage_usage(void)
{
  fprintf(stderr,
      "usage: oasis zonage import FICHIER [--vintage AAAA] [--profession P] "
      "[--db FICHIER]\n"
      "       oasis zonage show CODE_COMMUNE [--profession P] [--db FICHIER]\n"
      "Le fichier : code_commune,zone[,profession,date_arrete,reference] "
      "(séparateur , ou ;), tel que l'ARS le publie.\n");
  return EXIT_USAGE;
}

static int zonage_cmd(int argc, char **argv)
{
  const char *zDb = "var/oasis.db", *zProf = "medecin", *zArg = NULL;
  int vintage = 0;
  if (argc < 3) return zonage_usage();
  const char *zVerb = argv[1];
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      zDb = argv[++i];
    } else if (!strcmp(argv[i], "--profession") && i + 1 < argc) {
      zProf = argv[++i];
    } else if (!strcmp(argv[i], "--vintage") && i + 1 < argc) {
      vintage = atoi(argv[++i]);
    } else if (argv[i][0] == '-' || zArg) {
      return zonage_usage();
    } else {
      zArg = argv[i];
    }
  }
  if (!zArg || (strcmp(zVerb, "import") && strcmp(zVerb, "show"))) {
    return zonage_usage();
  }
  Err err = {0};
  char zBuf[768];
  Store *db = store_open(zDb, &err);
  int rc = db ? 0 : ERR_IO;
  if (!rc && !strcmp(zVerb, "import")) {
    rc = zoning_import(db, zArg, vintage, zProf, NULL, &err);
  } else if (!rc) {
    Arena *a = arena_new();
    ZoneInfo z;
    rc = zoning_of(db, a, zArg, zProf, &z, &err);
    if (!rc) {
      json_t *pJson = zoning_json(&z);
      char *zJson = json_dumps(pJson, JSON_COMPACT | JSON_SORT_KEYS);
      printf("%s\n%s\n", z.zLabel, zJson);
      free(zJson);
      json_decref(pJson);
    }
    arena_free(a);
  }
  store_close(db);
  if (rc) {
    fprintf(stderr, "oasis zonage %s : %s\n", zVerb,
            err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  return EXIT_OK;
}

const Command zoning_commands[] = {
  {"zonage", zonage_cmd,
   "zonage import FICHIER [--vintage AAAA] [--profession P] | zonage show CODE",
   0},
  {0, 0, 0, 0}
};
