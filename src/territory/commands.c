/*
** territory/commands.c: the command-line commands of the territory module:
** `oasis import KIND FILE …` and `oasis data fetch …`.
**
** Argument parsing and messages only; the work is in import_*.c and
** fetch.c.  Modules above (workforce) add their kinds of import with
** terr_import_add_kinds(), called by main.c: territory never names them.
*/
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmd.h"
#include "base/log.h"
#include "territory/fetch.h"
#include "territory/territory.h"

const TerrImportKind terr_import_kinds[] = {
  {"communes", terr_import_communes,
   "communes_coordonnees_cog2024.csv (COM, ARM ; COMD en alias)"},
  {"cog", terr_import_cog,
   "dossier data/ de @etalab/decoupage-administratif (régions, "
   "départements, EPCI)"},
  {"population", terr_import_population,
   "table APL DREES (pop_standardisee_AAAA) ou, avec --age-weights, "
   "code + 19 tranches d'âge"},
  {"supply", terr_import_supply, "effectifs par commune (--column NOM)"},
  {"equipment", terr_import_equipment,
   "équipements de santé par commune (BPE, colonnes NB_…)"},
  {"apl-reference", terr_import_apl_reference,
   "table APL DREES apl_mg_AAAA_communes.csv"},
  {"matrix", terr_import_matrix,
   "distancier origin,destination,minutes"},
  {0, 0, 0}
};

/* The kind tables of `oasis import`: ours, then those added from above. */
#define IMPORT_MAX_TABLES 8
static const TerrImportKind *apKinds[IMPORT_MAX_TABLES] = {terr_import_kinds};
static int nKinds = 1;

void terr_import_add_kinds(const TerrImportKind *aKind)
{
  for (int t = 0; t < nKinds; t++) {
    if (apKinds[t] == aKind) return;                 /* already there */
  }
  if (nKinds < IMPORT_MAX_TABLES) apKinds[nKinds++] = aKind;
}

/* The importer of kind zKind, or NULL. */
static const TerrImportKind *import_kind(const char *zKind)
{
  for (int t = 0; t < nKinds; t++) {
    for (const TerrImportKind *k = apKinds[t]; k->zKind; k++) {
      if (!strcmp(zKind, k->zKind)) return k;
    }
  }
  return NULL;
}

/* String flags stored straight into TerrImportOpts. */
static const struct {
  const char *zFlag;
  size_t iOffset;
} aStrFlag[] = {
  {"--source", offsetof(TerrImportOpts, zSource)},
  {"--column", offsetof(TerrImportOpts, zColValue)},
  {"--age-weights", offsetof(TerrImportOpts, zWeights)},
  {"--col-code", offsetof(TerrImportOpts, zColCode)},
  {"--col-std", offsetof(TerrImportOpts, zColStd)},
  {"--col-total", offsetof(TerrImportOpts, zColTotal)},
  {"--col-id", offsetof(TerrImportOpts, zColId)},
  {"--col-commune", offsetof(TerrImportOpts, zColCommune)},
  {"--col-birth", offsetof(TerrImportOpts, zColBirth)},
  {"--col-activity", offsetof(TerrImportOpts, zColActivity)},
  {"--col-specialty", offsetof(TerrImportOpts, zColSpecialty)},
  {"--col-mode", offsetof(TerrImportOpts, zColMode)},
  {"--col-origin", offsetof(TerrImportOpts, zColOrigin)},
  {"--col-destination", offsetof(TerrImportOpts, zColDest)},
  {"--col-minutes", offsetof(TerrImportOpts, zColMinutes)},
};

static void import_usage(FILE *out)
{
  fprintf(out,
    "usage : oasis import KIND FICHIER [--vintage AAAA] [--db var/oasis.db]\n"
    "                     [--strict] [--sep C] [options du type]\n\n"
    "Importe un fichier dans la base, en une seule transaction (tout ou "
    "rien).\nTypes :\n");
  for (int t = 0; t < nKinds; t++) {
    for (const TerrImportKind *k = apKinds[t]; k->zKind; k++) {
      fprintf(out, "  %-14s %s\n", k->zKind, k->zHelp);
    }
  }
  fprintf(out,
    "\nOptions :\n"
    "  --vintage AAAA     millésime (obligatoire sauf communes, cog, matrix)\n"
    "  --db FICHIER       base SQLite (défaut var/oasis.db)\n"
    "  --strict           un code commune inconnu est une erreur\n"
    "  --sep C            séparateur CSV (défaut « , » ; « | » pour rpps)\n"
    "  --column NOM       supply : colonne des effectifs (ex. generaliste)\n"
    "  --source NOM       supply : nom de la source (défaut : la colonne)\n"
    "  --age-weights F    population : poids DREES par tranche d'âge\n"
    "  --col-code, --col-std, --col-total, --col-id, --col-commune,\n"
    "  --col-birth, --col-activity, --col-specialty, --col-mode,\n"
    "  --col-origin, --col-destination, --col-minutes NOM\n"
    "                     noms de colonnes à la place des noms par défaut\n"
    "Sortie : 0 importé, 1 fichier invalide (rien n'est enregistré), "
    "2 usage.\n");
}

static int import_fail(const Err *err)
{
  char zBuf[1024];
  fprintf(stderr, "oasis import : %s\n", err_text(err, zBuf, sizeof zBuf));
  return err->code == ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
}

static int cmd_import(int argc, char **argv)
{
  TerrImportOpts o = {0};
  const char *zDb = "var/oasis.db", *zKind = NULL;
  o.pSummary = stderr;
  for (int i = 1; i < argc; i++) {
    const char *z = argv[i];
    if (!strcmp(z, "--help") || !strcmp(z, "-h")) {
      import_usage(stdout);
      return EXIT_OK;
    }
    if (!strcmp(z, "--strict")) { o.isStrict = 1; continue; }
    if (z[0] == '-' && z[1] == '-') {
      if (i + 1 >= argc) {
        fprintf(stderr, "oasis import : valeur manquante après %s\n", z);
        return EXIT_USAGE;
      }
      const char *zVal = argv[++i];
      if (!strcmp(z, "--vintage")) {
        char *zEnd;
        o.vintage = (int)strtol(zVal, &zEnd, 10);
        if (*zEnd || o.vintage < 1900 || o.vintage > 2100) {
          fprintf(stderr, "oasis import : --vintage attend une année, pas "
                  "« %s »\n", zVal);
          return EXIT_USAGE;
        }
        continue;
      }
      if (!strcmp(z, "--db")) { zDb = zVal; continue; }
      if (!strcmp(z, "--sep")) {
        if (strlen(zVal) != 1) {
          fprintf(stderr, "oasis import : --sep attend un caractère\n");
          return EXIT_USAGE;
        }
        o.cSep = zVal[0];
        continue;
      }
      size_t k;
      for (k = 0; k < sizeof aStrFlag / sizeof aStrFlag[0]; k++) {
        if (!strcmp(z, aStrFlag[k].zFlag)) break;
      }
      if (k == sizeof aStrFlag / sizeof aStrFlag[0]) {
        fprintf(stderr, "oasis import : option inconnue %s\n", z);
        return EXIT_USAGE;
      }
      *(const char **)((char *)&o + aStrFlag[k].iOffset) = zVal;
      continue;
    }
    if (!zKind) {
      zKind = z;
    } else if (!o.zPath) {
      o.zPath = z;
    } else {
      fprintf(stderr, "oasis import : argument en trop « %s »\n", z);
      return EXIT_USAGE;
    }
  }
  if (!zKind || !o.zPath) {
    import_usage(stderr);
    return EXIT_USAGE;
  }
  const TerrImportKind *pKind = import_kind(zKind);
  if (!pKind) {
    fprintf(stderr, "oasis import : type inconnu « %s » (oasis import --help)"
            "\n", zKind);
    return EXIT_USAGE;
  }
  Err err = {0};
  log_set_quiet(1);
  Store *db = store_open(zDb, &err);
  if (!db) return import_fail(&err);
  int rc = pKind->xImport(db, &o, &err);
  store_close(db);
  return rc ? import_fail(&err) : EXIT_OK;
}

static int cmd_data(int argc, char **argv)
{
  if (argc < 2 || strcmp(argv[1], "fetch")) {
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
      fetch_usage(stdout);
      return EXIT_OK;
    }
    fetch_usage(stderr);
    return EXIT_USAGE;
  }
  return fetch_main(argc - 1, argv + 1);
}

const Command terr_commands[] = {
  {"import", cmd_import, "import KIND FICHIER [--vintage AAAA] [--db BASE]", 0},
  {"data", cmd_data, "data fetch [--dest DOSSIER] [--base-url URL]", 0},
  {0, 0, 0, 0}
};
