/*
** centres/commands.c: command-line commands of the centres module.
**
**   oasis centres load [DIR] [--db FILE]       catalogue data/centres/
**   oasis centres import FILE [--db FILE]      monthly activity CSV
**   oasis centres supply [--date D] [--db F]   doctors' FTE per commune
**
** The former spellings centres-load, centres-import and centres-supply
** still run (hidden from --help) after a one-line notice on stderr.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/caldate.h"
#include "base/cmd.h"
#include "base/cmd_verb.h"
#include "base/log.h"
#include "base/str.h"
#include "centres/centres.h"

/* Options shared by the commands: --db FILE, --date D, one positional. */
typedef struct CtrOpts CtrOpts;
struct CtrOpts {
  const char *zDb, *zDate, *zArg;
};

static int ctr_opts(int argc, char **argv, const char *zUsage, CtrOpts *o)
{
  o->zDb = "var/oasis.db";
  o->zDate = NULL;
  o->zArg = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help")) {
      printf("usage: oasis %s\n", zUsage);
      return -1;
    } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      o->zDb = argv[++i];
    } else if (!strcmp(argv[i], "--date") && i + 1 < argc) {
      o->zDate = argv[++i];
    } else if (argv[i][0] != '-' && !o->zArg) {
      o->zArg = argv[i];
    } else {
      fprintf(stderr, "usage: oasis %s\n", zUsage);
      return EXIT_USAGE;
    }
  }
  return 0;
}

/* Print err and return EXIT_INPUT. */
static int ctr_fail(const Err *err)
{
  char zBuf[1024];
  fprintf(stderr, "oasis: %s\n", err_text(err, zBuf, sizeof zBuf));
  return EXIT_INPUT;
}

static int cmd_load(int argc, char **argv)
{
  CtrOpts o;
  int rc = ctr_opts(argc, argv, "centres load [DIR] [--db FILE]", &o);
  if (rc) return rc < 0 ? EXIT_OK : rc;
  Err err = {0};
  Store *db = store_open(o.zDb, &err);
  if (!db) return ctr_fail(&err);
  int nRows = 0;
  rc = centre_demo_load(db, o.zArg ? o.zArg : "data/centres", &nRows, &err);
  store_close(db);
  if (rc) return ctr_fail(&err);
  fprintf(stderr, "centres : %d lignes de catalogue chargées\n", nRows);
  return EXIT_OK;
}

static int cmd_import(int argc, char **argv)
{
  CtrOpts o;
  int rc = ctr_opts(argc, argv, "centres import FICHIER.csv [--db FILE]", &o);
  if (rc) return rc < 0 ? EXIT_OK : rc;
  if (!o.zArg) {
    fprintf(stderr, "usage: oasis centres import FICHIER.csv [--db FILE]\n");
    return EXIT_USAGE;
  }
  FILE *f = fopen(o.zArg, "rb");
  if (!f) {
    fprintf(stderr, "oasis: impossible de lire %s\n", o.zArg);
    return EXIT_INPUT;
  }
  Str data = STR_INIT;
  char aBuf[8192];
  size_t n;
  while ((n = fread(aBuf, 1, sizeof aBuf, f)) > 0) str_append(&data, aBuf, n);
  fclose(f);
  Err err = {0};
  Store *db = store_open(o.zDb, &err);
  int nRows = 0;
  if (db) {
    rc = centre_activity_import(db, o.zArg, str_text(&data), data.n,
                                caldate_today(), &nRows, &err);
  }
  store_close(db);
  str_free(&data);
  if (!db || rc) return ctr_fail(&err);
  fprintf(stderr, "activité : %d lignes importées\n", nRows);
  return EXIT_OK;
}

static int cmd_supply(int argc, char **argv)
{
  CtrOpts o;
  int rc = ctr_opts(argc, argv, "centres supply [--date AAAA-MM-JJ] [--db "
                    "FILE]", &o);
  if (rc) return rc < 0 ? EXIT_OK : rc;
  int iDay = caldate_today();
  if (o.zDate && caldate_parse(o.zDate, &iDay)) {
    fprintf(stderr, "oasis: date invalide « %s »\n", o.zDate);
    return EXIT_USAGE;
  }
  Err err = {0};
  Store *db = store_open(o.zDb, &err);
  if (!db) return ctr_fail(&err);
  Arena *a = arena_new();
  CentreSupply *aS;
  int nS;
  rc = centre_supply_fte(db, a, iDay, &aS, &nS, &err);
  if (!rc) {
    printf("commune;etp_medecins;sites\n");
    for (int i = 0; i < nS; i++) {
      printf("%s;%.2f;%d\n", aS[i].zCommune, aS[i].fteDoctors, aS[i].nSite);
    }
  }
  arena_free(a);
  store_close(db);
  return rc ? ctr_fail(&err) : EXIT_OK;
}

/* A former spelling: say so on stderr, then run the command. */
static void ctr_former(const char *zOld, const char *zNew)
{
  fprintf(stderr, "oasis: « %s » est l'ancienne écriture de « oasis %s », "
          "toujours acceptée\n", zOld, zNew);
}

static int cmd_load_old(int argc, char **argv)
{
  ctr_former("centres-load", "centres load");
  return cmd_load(argc, argv);
}

static int cmd_import_old(int argc, char **argv)
{
  ctr_former("centres-import", "centres import");
  return cmd_import(argc, argv);
}

static int cmd_supply_old(int argc, char **argv)
{
  ctr_former("centres-supply", "centres supply");
  return cmd_supply(argc, argv);
}

/* oasis centres VERB …: argv[1] names the verb. */
static int cmd_centres(int argc, char **argv)
{
  static const char zUsage[] =
      "usage: oasis centres load [DIR] [--db FILE]\n"
      "       oasis centres import FICHIER.csv [--db FILE]\n"
      "       oasis centres supply [--date AAAA-MM-JJ] [--db FILE]\n";
  static const Command aVerb[] = {
    {"load", cmd_load, NULL, 0},
    {"import", cmd_import, NULL, 0},
    {"supply", cmd_supply, NULL, 0},
    {0, 0, 0, 0}
  };
  return cmd_run_verb("centres", zUsage, aVerb, argc, argv);
}

const Command centre_commands[] = {
  {"centres", cmd_centres,
   "centres load [DIR] | import FICHIER.csv | supply [--date AAAA-MM-JJ] "
   "[--db FILE]", 0},
  {"centres-load", cmd_load_old, "centres-load (ancienne écriture de "
   "« centres load »)", CMD_FORMER},
  {"centres-import", cmd_import_old, "centres-import (ancienne écriture de "
   "« centres import »)", CMD_FORMER},
  {"centres-supply", cmd_supply_old, "centres-supply (ancienne écriture de "
   "« centres supply »)", CMD_FORMER},
  {0, 0, 0, 0}
};
