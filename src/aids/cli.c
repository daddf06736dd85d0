/*
** aids/cli.c: `oasis aids …` — load, check and export the catalogue files,
** simulate a profile (JSON on stdout, for scripts and support), compute a
** repayment.  Messages to users are French, on stderr.  The benchmark
** command is in bench.c.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aids/aids.h"
#include "base/money.h"
#include "base/cmd.h"
#include "base/log.h"

int aid_cmd_bench(int argc, char **argv);   /* bench.c */

#define DEFAULT_DB "var/oasis.db"
#define DEFAULT_DIR "data/aids"

static const char zUsage[] =
  "usage: oasis aids COMMANDE [options]\n"
  "  load [--db BASE] [DOSSIER]     charger les fichiers d'aides (défaut "
  DEFAULT_DIR ")\n"
  "  check [DOSSIER]                vérifier les fichiers sans rien charger\n"
  "  export [--db BASE] DOSSIER     écrire un fichier par aide de la base\n"
  "  simulate --profession P --status S [--year N] [--pass-las]\n"
  "           --commune CODE [--placement CODE] [--mode M]\n"
  "           [--first-install oui|non] [--start AAAA-MM]\n"
  "           [--db BASE] [--catalog DOSSIER]\n"
  "                                 aides ouvertes à un profil, en JSON\n"
  "  repay --rule R --amount EUROS --months N --served N\n"
  "  repay --rule R --amount EUROS --start DATE --end DATE --breach DATE\n"
  "                                 montant à rembourser en cas de rupture\n"
  "                                 (période du --start au --end inclus)\n";

static int fail(const Err *err)
{
  char zBuf[1200];
  err_text(err, zBuf, sizeof zBuf);
  if (err->zField[0] && !err->zFile[0])
    fprintf(stderr, "oasis aids: %s (champ %s)\n", zBuf, err->zField);
  else
    fprintf(stderr, "oasis aids: %s\n", zBuf);
  return err->code == ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
}

static int usage_err(const char *zMsg, const char *zArg)
{
  fprintf(stderr, "oasis aids: %s%s%s\n\n%s", zMsg, zArg ? " " : "",
          zArg ? zArg : "", zUsage);
  return EXIT_USAGE;
}

/* Value of option argv[*pi] ("--x V"); NULL and a message when missing. */
static const char *opt_value(int argc, char **argv, int *pi)
{
  if (*pi + 1 >= argc) return NULL;
  return argv[++*pi];
}

static int cmd_load(int argc, char **argv, int isCheck)
{
  const char *zDb = DEFAULT_DB, *zDir = DEFAULT_DIR;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && !isCheck) {
      if (!(zDb = opt_value(argc, argv, &i))) return usage_err("--db sans", 0);
    } else if (argv[i][0] == '-') {
      return usage_err("option inconnue", argv[i]);
    } else {
      zDir = argv[i];
    }
  }
  Err err = {0};
  if (isCheck) {
    AidCatalog *pCat = aid_catalog_new();
    int rc = aid_read_dir(pCat, zDir, &err);
    if (!rc) fprintf(stderr, "%d aides valides dans %s\n", pCat->nScheme, zDir);
    aid_catalog_free(pCat);
    return rc ? fail(&err) : EXIT_OK;
  }
  Store *db = store_open(zDb, &err);
  if (!db) return fail(&err);
  int n = 0;
  int rc = aid_load_dir(db, zDir, &n, &err);
  store_close(db);
  if (rc) return fail(&err);
  fprintf(stderr, "%d aides chargées depuis %s\n", n, zDir);
  return EXIT_OK;
}

static int cmd_export(int argc, char **argv)
{
  const char *zDb = DEFAULT_DB, *zDir = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--db")) {
      if (!(zDb = opt_value(argc, argv, &i))) return usage_err("--db sans", 0);
    } else if (argv[i][0] == '-') {
      return usage_err("option inconnue", argv[i]);
    } else {
      zDir = argv[i];
    }
  }
  if (!zDir) return usage_err("dossier de destination manquant", 0);
  Err err = {0};
  Store *db = store_open(zDb, &err);
  if (!db) return fail(&err);
  int n = 0;
  int rc = aid_export_dir(db, zDir, &n, &err);
  store_close(db);
  if (rc) return fail(&err);
  fprintf(stderr, "%d aides écrites dans %s\n", n, zDir);
  return EXIT_OK;
}

static int field_fail(Err *err, const char *zField, const char *zMsg,
                      const char *zArg)
{
  err_set(err, ERR_INPUT, "%s « %s »", zMsg, zArg);
  err_field(err, zField);
  return ERR_INPUT;
}

/* Fill pProf from the options; the communes are resolved later. */
static int sim_options(int argc, char **argv, AidProfile *p,
                       const char **pzCommune, const char **pzPlacement,
                       const char **pzDb, const char **pzCatalog, Err *err)
{
  int hasProf = 0, hasStatus = 0;
  for (int i = 1; i < argc; i++) {
    const char *z = argv[i], *v = NULL;
    if (!strcmp(z, "--pass-las")) {
      p->hasPassLas = 1;
      continue;
    }
    if (z[0] != '-' || !(v = opt_value(argc, argv, &i))) {
      err_set(err, ERR_USAGE, "option inconnue ou sans valeur : %s", z);
      return ERR_USAGE;
    }
    if (!strcmp(z, "--profession")) {
      p->profession = aid_label_find(AID_LABEL_PROF, v);
      if (p->profession < 0)
        return field_fail(err, "profession", "profession inconnue", v);
      hasProf = 1;
    } else if (!strcmp(z, "--status")) {
      p->status = aid_label_find(AID_LABEL_STATUS, v);
      if (p->status < 0)
        return field_fail(err, "statut", "statut inconnu", v);
      hasStatus = 1;
    } else if (!strcmp(z, "--year")) {
      long l;
      if (str_to_long(v, &l) || l < 0 || l > 20)
        return field_fail(err, "annee", "année d'études invalide", v);
      p->year = (int)l;
    } else if (!strcmp(z, "--mode")) {
      p->mode = aid_label_find(AID_LABEL_MODE, v);
      if (p->mode < 0)
        return field_fail(err, "mode", "mode d'exercice inconnu", v);
    } else if (!strcmp(z, "--first-install")) {
      if (!strcmp(v, "oui")) p->firstInstall = 1;
      else if (!strcmp(v, "non")) p->firstInstall = 0;
      else return field_fail(err, "premiere_installation", "oui ou non, pas",
                             v);
    } else if (!strcmp(z, "--start")) {
      if (strlen(v) != 7 || v[4] != '-' ||
          sscanf(v, "%4d-%2d", &p->startYear, &p->startMonth) != 2)
        return field_fail(err, "debut", "date AAAA-MM attendue, pas", v);
    } else if (!strcmp(z, "--commune")) {
      *pzCommune = v;
    } else if (!strcmp(z, "--placement")) {
      *pzPlacement = v;
    } else if (!strcmp(z, "--db")) {
      *pzDb = v;
    } else if (!strcmp(z, "--catalog")) {
      *pzCatalog = v;
    } else {
      err_set(err, ERR_USAGE, "option inconnue : %s", z);
      return ERR_USAGE;
    }
  }
  if (!hasProf || !hasStatus || !*pzCommune) {
    err_set(err, ERR_USAGE, "--profession, --status et --commune sont "
            "obligatoires");
    return ERR_USAGE;
  }
  return aid_profile_check(p, err);
}

static int cmd_simulate(int argc, char **argv)
{
  AidProfile prof;
  aid_profile_init(&prof);
  const char *zCommune = NULL, *zPlacement = NULL, *zDb = DEFAULT_DB;
  const char *zCatalog = NULL;
  Err err = {0};
  int rc = sim_options(argc, argv, &prof, &zCommune, &zPlacement, &zDb,
                       &zCatalog, &err);
  if (rc == ERR_USAGE) return usage_err(err.zMsg, 0);
  if (rc) return fail(&err);
  Store *db = store_open(zDb, &err);
  if (!db) return fail(&err);
  AidCatalog *pCat = aid_catalog_new();
  Arena *a = arena_new();
  rc = aid_place_resolve(db, zCommune, &prof.target, "commune", &err);
  if (!rc && zPlacement)
    rc = aid_place_resolve(db, zPlacement, &prof.placement, "stage", &err);
  if (!rc) rc = zCatalog ? aid_read_dir(pCat, zCatalog, &err)
                         : aid_store_load(db, pCat, 1, &err);
  if (!rc) {
    aid_catalog_name_places(db, pCat);
    AidSim *pSim = aid_simulate(pCat, &prof, a);
    json_t *j = aid_sim_json(pSim);
    char *z = json_dumps(j, JSON_INDENT(2));
    fputs(z, stdout);
    fputc('\n', stdout);
    free(z);
    json_decref(j);
  }
  arena_free(a);
  aid_catalog_free(pCat);
  store_close(db);
  return rc ? fail(&err) : EXIT_OK;
}

/* Date z as "AAAA-MM-JJ" or "JJ/MM/AAAA" into zOut[11] (ISO); -1 if
** neither. */
static int cli_date(const char *z, char *zOut)
{
  if (strlen(z) == 10 && z[2] == '/' && z[5] == '/')
    snprintf(zOut, 11, "%.4s-%.2s-%.2s", z + 6, z + 3, z);
  else
    snprintf(zOut, 11, "%s", z);
  return aid_date_check(zOut);
}

/* `oasis aids repay`: the months as numbers (--months, --served) or the
** dates of the register (--start, --end: the period, both days included;
** --breach: the day of departure). */
static int cmd_repay(int argc, char **argv)
{
  int rule = -1;
  int64_t amount = 0;
  const char *zWhy = "";
  long nMonths = -1, nServed = -1;
  char azDate[3][11] = {"", "", ""};
  static const char *const azOpt[] = {"--start", "--end", "--breach"};
  int hasRule = 0, hasAmount = 0;
  for (int i = 1; i < argc; i++) {
    const char *z = argv[i], *v = opt_value(argc, argv, &i);
    int k;
    if (!v) return usage_err("option sans valeur :", z);
    for (k = 0; k < 3 && strcmp(z, azOpt[k]); k++) {}
    if (!strcmp(z, "--rule")) {
      rule = aid_label_find(AID_LABEL_REPAY, v);
      if (rule < 0) return usage_err("règle inconnue (aucun, total, prorata) :", v);
      hasRule = 1;
    } else if (!strcmp(z, "--amount")) {
      if (money_parse(v, 0, &amount, &zWhy))
        return usage_err("montant invalide :", v);
      hasAmount = 1;
    } else if (!strcmp(z, "--months")) {
      if (str_to_long(v, &nMonths) || nMonths < 0)
        return usage_err("durée invalide :", v);
    } else if (!strcmp(z, "--served")) {
      if (str_to_long(v, &nServed) || nServed < 0)
        return usage_err("durée invalide :", v);
    } else if (k < 3) {
      if (cli_date(v, azDate[k]))
        return usage_err("date invalide (AAAA-MM-JJ ou JJ/MM/AAAA) :", v);
    } else {
      return usage_err("option inconnue", z);
    }
  }
  if (azDate[0][0] && azDate[1][0]) {
    if (nMonths >= 0) return usage_err("--months ou --start/--end, pas les "
                                       "deux", 0);
    if ((nMonths = aid_months_period(azDate[0], azDate[1])) <= 0)
      return usage_err("la fin (--end) doit suivre le début (--start)", 0);
  }
  if (azDate[2][0]) {
    if (nServed >= 0 || !azDate[0][0])
      return usage_err("--breach demande --start (et remplace --served)", 0);
    nServed = strcmp(azDate[2], azDate[0]) <= 0
                  ? 0 : aid_months_between(azDate[0], azDate[2]);
  }
  if (!hasRule || !hasAmount || nMonths < 0 || nServed < 0)
    return usage_err("--rule, --amount, la durée (--months, ou --start et "
                     "--end) et le temps servi (--served ou --breach) sont "
                     "obligatoires", 0);
  Err err = {0};
  int64_t due;
  if (aid_repay_due(rule, amount, (int)nMonths, (int)nServed, &due, &err))
    return fail(&err);
  printf("%lld.%02lld\n", (long long)(due / 100), (long long)(due % 100));
  return EXIT_OK;
}

static int cmd_aids(int argc, char **argv)
{
  log_set_quiet(1);
  if (argc < 2 || !strcmp(argv[1], "--help")) {
    fputs(zUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : EXIT_OK;
  }
  const char *zSub = argv[1];
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--help")) {
      fputs(zUsage, stdout);
      return EXIT_OK;
    }
  }
  if (!strcmp(zSub, "load")) return cmd_load(argc - 1, argv + 1, 0);
  if (!strcmp(zSub, "check")) return cmd_load(argc - 1, argv + 1, 1);
  if (!strcmp(zSub, "export")) return cmd_export(argc - 1, argv + 1);
  if (!strcmp(zSub, "simulate")) return cmd_simulate(argc - 1, argv + 1);
  if (!strcmp(zSub, "repay")) return cmd_repay(argc - 1, argv + 1);
  return usage_err("sous-commande inconnue", zSub);
}

const Command aid_commands[] = {
  {"aids", cmd_aids, "aids load|check|export|simulate|repay …", 0},
  {"test-bench-aids", aid_cmd_bench,
   "test-bench-aids [--schemes N] [--profiles N]", 1},
  {0, 0, 0, 0}
};
