/*
** workforce/commands.c: the command-line side of the workforce module:
** its kinds of `oasis import` (rpps, practitioners, finess,
** sans-medecin-traitant), which main.c adds to
** territory's importer with terr_import_add_kinds(), and the hidden
** test-terr-load (the engine's inputs, practitioners included).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/progress.h"
#include "workforce/workforce.h"

const TerrImportKind wf_import_kinds[] = {
  {"rpps", wf_import_rpps, "PS_LibreAcces_Personne_activite.txt (RPPS)"},
  {"practitioners", wf_import_practitioners,
   "CSV simple : id, commune, [année de naissance], [actes]"},
  {"finess", wf_import_finess,
   "etalab-cs1100507-stock-*.csv (FINESS) : MSP, centres de santé, CPTS, "
   "pharmacies"},
  {"sans-medecin-traitant", wf_import_no_gp,
   "CSV : code (commune ou EPCI), patients, [part] ; --vintage AAAA"},
  {0, 0, 0}
};

static int load_fail(const Err *err)
{
  char zBuf[1024];
  fprintf(stderr, "oasis test-terr-load : %s\n",
          err_text(err, zBuf, sizeof zBuf));
  return err->code == ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
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
  if (!db) return load_fail(&err);
  TerrInputs in;
  double t = clock_seconds();
  int rc = wf_load_inputs(db, &spec, &in, &err);
  t = clock_seconds() - t;
  if (rc) {
    store_close(db);
    return load_fail(&err);
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

const Command wf_commands[] = {
  {"test-terr-load", cmd_test_load, "test-terr-load --db B --vintage A", 1},
  {0, 0, 0, 0}
};
