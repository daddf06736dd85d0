/*
** territory/commands.c: the command-line commands of the territory module:
** `oasis import KIND FILE …` and `oasis data fetch …`.
**
** Argument parsing and messages only; the work is in import_*.c,
** workforce/import.c and fetch.c.
*/
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmd.h"
#include "base/log.h"
#include "base/progress.h"
#include "territory/fetch.h"
#include "territory/territory.h"
#include "workforce/workforce.h"

typedef int (*ImportFn)(Store *, const TerrImportOpts *, Err *);

static const struct {
  const char *zKind;
  ImportFn xImport;
  const char *zHelp;
} aKind[] = {
  {"communes", terr_import_communes,
   "communes_coordonnees_cog2024.csv (COM, ARM ; COMD en alias)"},
  {"cog", terr_import_cog,
   "dossier data/ de @etalab/decoupage-administratif (régions, "
   "départements, EPCI)"},
  {"population", terr_import_population,
   "table APL DREES (pop_standardisee_AAAA) ou, avec --age-weights, "
   "code + 19 tranches d'âge"},
  {"rpps", wf_import_rpps, "PS_LibreAcces_Personne_activite.txt (RPPS)"},
  {"practitioners", wf_import_practitioners,
   "CSV simple : id, commune, [année de naissance], [actes]"},
  {"supply", terr_import_supply, "effectifs par commune (--column NOM)"},
  {"equipment", terr_import_equipment,
   "équipements de santé par commune (BPE, colonnes NB_…)"},
  {"apl-reference", terr_import_apl_reference,
   "table APL DREES apl_mg_AAAA_communes.csv"},
  {"matrix", terr_import_matrix,
   "distancier origin,destination,minutes"},
};

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
  for (size_t i = 0; i < sizeof aKind / sizeof aKind[0]; i++) {
    fprintf(out, "  %-14s %s\n", aKind[i].zKind, aKind[i].zHelp);
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
  ImportFn xImport = NULL;
  for (size_t i = 0; i < sizeof aKind / sizeof aKind[0]; i++) {
    if (!strcmp(zKind, aKind[i].zKind)) xImport = aKind[i].xImport;
  }
  if (!xImport) {
    fprintf(stderr, "oasis import : type inconnu « %s » (oasis import --help)"
            "\n", zKind);
    return EXIT_USAGE;
  }
  Err err = {0};
  log_set_quiet(1);
  Store *db = store_open(zDb, &err);
  if (!db) return import_fail(&err);
  int rc = xImport(db, &o, &err);
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

/* Hidden: load the engine inputs and print what the loader saw. */
static int cmd_test_load(int argc, char **argv)
{
  TerrInputSpec spec = {0, NULL, 0, -1};
  const char *zDb = "var/oasis.db";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--db")) zDb = argv[i + 1];
    else if (!strcmp(argv[i], "--vintage")) spec.vintage = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--supply")) spec.zSupply = argv[i + 1];
    else if (!strcmp(argv[i], "--practitioners")) {
      spec.practVintage = atoi(argv[i + 1]);
    } else {
      return EXIT_USAGE;
    }
  }
  Err err = {0};
  log_set_quiet(1);
  Store *db = store_open(zDb, &err);
  if (!db) return import_fail(&err);
  TerrInputs in;
  double t = clock_seconds();
  int rc = terr_load_inputs(db, &spec, &in, &err);
  t = clock_seconds() - t;
  if (rc) {
    store_close(db);
    return import_fail(&err);
  }
  double sPop = 0, sSupply = 0;
  long nPract = 0;
  for (int i = 0; i < in.n; i++) {
    sPop += in.aPop[i];
    sSupply += in.aSupply[i];
    nPract += in.aPract[i];
  }
  printf("nodes %d\npop_std %.3f\nsupply %.3f\npractitioners %ld\nsites %d\n"
         "no_point %d\nno_pop %d\naliased %d\nunmatched %d\n"
         "imports %lld %lld %lld %lld\nseconds %.3f\n", in.n, sPop, sSupply,
         nPract, in.nSite, in.nNoPoint, in.nNoPop, in.nAliased, in.nUnmatched,
         (long long)in.idCommunes, (long long)in.idPopulation,
         (long long)in.idSupply, (long long)in.idPract, t);
  for (int i = 0; i < in.nUnmatched; i++) printf("  %s\n", in.azUnmatched[i]);
  terr_inputs_free(&in);
  store_close(db);
  return EXIT_OK;
}

const Command terr_commands[] = {
  {"import", cmd_import, "import KIND FICHIER [--vintage AAAA] [--db BASE]", 0},
  {"data", cmd_data, "data fetch [--dest DOSSIER] [--base-url URL]", 0},
  {"test-terr-load", cmd_test_load, "test-terr-load --db B --vintage A", 1},
  {0, 0, 0, 0}
};
