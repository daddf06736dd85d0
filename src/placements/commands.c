/*
** placements/commands.c: command-line commands of the placements module.
**
**   oasis stages load [FILE | --aides] [--db FILE]
**                                          allowance schemes: a CSV, or the
**                                          ones the aid catalogue defines
**   oasis stages anonymise [--db FILE] [--now DATE] [--annees N]
**                                          retention: erase the identity of
**                                          trainees N years (default 5) after
**                                          their last placement
**   oasis stages effacer ID [--db FILE]    erase one trainee's identity
**
** The former spelling stages-load still runs (hidden from --help) after a
** one-line notice on stderr.
*/
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "base/caldate.h"
#include "base/cmd.h"
#include "base/cmd_verb.h"
#include "placements/placements.h"
#include "web/kit_forget.h"
#include "web/web.h"

/* Erase trainee id on day iDay with its audit trail (one transaction). */
static int erase_one(Store *db, int64_t id, int iDay, Err *err)
{
  char zDay[11];
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = place_trainee_erase(db, id, caldate_format(iDay, zDay), err);
  if (!rc) rc = kit_audit_forget(db, "trainee", id, err);
  if (!rc) {
    json_t *pAfter = json_pack("{s:[s,s,s,s,s]}", "champs_effaces", "prenom",
                               "nom", "courriel", "telephone", "note");
    rc = audit_write(db, 0, "", "trainee", id, "erase", NULL, pAfter, err);
    json_decref(pAfter);
  }
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

static const char zEraseUsage[] =
    "usage: oasis stages anonymise [--db FILE] [--now AAAA-MM-JJ] "
    "[--annees N]\n"
    "       oasis stages effacer ID [--db FILE]\n"
    "  anonymise : efface l'identité (nom, courriel, téléphone) des\n"
    "  stagiaires dont le dernier stage a pris fin depuis N ans (5 par\n"
    "  défaut) ; effacer : celle d'un stagiaire, à sa demande. Les stages,\n"
    "  indemnités et le devenir restent comptés, sans identité.\n";

/* oasis stages anonymise | effacer ID */
static int cmd_erase(int argc, char **argv)
{
  const char *zDb = "var/oasis.db";
  int isOne = !strcmp(argv[0], "effacer");
  int iDay = caldate_today(), nYear = PLACE_RETENTION_YEARS;
  int64_t id = 0;
  for (int i = 1; i < argc; i++) {
    long v;
    if (!strcmp(argv[i], "--help")) {
      fputs(zEraseUsage, stdout);
      return EXIT_OK;
    } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      zDb = argv[++i];
    } else if (!isOne && !strcmp(argv[i], "--now") && i + 1 < argc &&
               !caldate_parse(argv[i + 1], &iDay)) {
      i++;
    } else if (!isOne && !strcmp(argv[i], "--annees") && i + 1 < argc &&
               (v = strtol(argv[i + 1], NULL, 10)) > 0 && v < 100) {
      nYear = (int)v;
      i++;
    } else if (isOne && !id && strtoll(argv[i], NULL, 10) > 0) {
      id = strtoll(argv[i], NULL, 10);
    } else {
      fputs(zEraseUsage, stderr);
      return EXIT_USAGE;
    }
  }
  if (isOne && id <= 0) {
    fputs(zEraseUsage, stderr);
    return EXIT_USAGE;
  }
  Err err = {0};
  char zBuf[1024];
  int rc = ERR_DB, nDone = 0;
  Store *db = store_open(zDb, &err);
  Arena *a = arena_new();
  int64_t *aId = &id;
  int nId = 1;
  if (db && !isOne) {
    rc = place_trainee_erase_due(db, a, iDay, nYear, &aId, &nId, &err);
  } else if (db) {
    rc = 0;
  }
  for (int i = 0; !rc && i < nId; i++) {
    rc = erase_one(db, aId[i], iDay, &err);
    if (!rc) nDone++;
  }
  arena_free(a);
  store_close(db);          /* checkpoints: erased data leaves the WAL */
  if (rc) {
    fprintf(stderr, "oasis stages : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  printf("%d stagiaire(s) anonymisé(s)\n", nDone);
  return EXIT_OK;
}

#define LOAD_USAGE                                                          \
  "usage: oasis stages load [FICHIER.csv | --aides] [--db FILE]\n"           \
  "  --aides  les indemnités que définit le catalogue des aides (chargé\n"     \
  "           avec « oasis aids load ») : chaque montant défini une fois\n"

static int cmd_load(int argc, char **argv)
{
  const char *zDb = "var/oasis.db", *zPath = "data/placements/schemes.csv";
  int isAids = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help")) {
      printf(LOAD_USAGE);
      return EXIT_OK;
    } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      zDb = argv[++i];
    } else if (!strcmp(argv[i], "--aides")) {
      isAids = 1;
    } else if (argv[i][0] != '-') {
      zPath = argv[i];
    } else {
      fprintf(stderr, LOAD_USAGE);
      return EXIT_USAGE;
    }
  }
  Err err = {0};
  char zBuf[1024];
  int nRows = 0, rc = ERR_DB;
  Store *db = store_open(zDb, &err);
  if (db && isAids) rc = place_scheme_from_aids(db, &nRows, &err);
  else if (db) rc = place_scheme_load(db, zPath, &nRows, &err);
  store_close(db);
  if (rc) {
    fprintf(stderr, "oasis: %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  fprintf(stderr, "stages : %d dispositifs d'indemnité chargés\n", nRows);
  return EXIT_OK;
}

static int cmd_load_old(int argc, char **argv)
{
  fprintf(stderr, "oasis: « stages-load » est l'ancienne écriture de "
          "« oasis stages load », toujours acceptée\n");
  return cmd_load(argc, argv);
}

/* oasis stages VERB …: argv[1] names the verb. */
static int cmd_stages(int argc, char **argv)
{
  static const char zUsage[] =
      "usage: oasis stages load [FICHIER.csv | --aides] [--db FILE]\n"
      "       oasis stages anonymise [--db FILE] [--now AAAA-MM-JJ] "
      "[--annees N]\n"
      "       oasis stages effacer ID [--db FILE]\n";
  static const Command aVerb[] = {
    {"load", cmd_load, NULL, 0},
    {"anonymise", cmd_erase, NULL, 0},
    {"effacer", cmd_erase, NULL, 0},
    {0, 0, 0, 0}
  };
  return cmd_run_verb("stages", zUsage, aVerb, argc, argv);
}

const Command place_commands[] = {
  {"stages", cmd_stages, "stages load|anonymise|effacer [--db FILE] [...]",
   0},
  {"stages-load", cmd_load_old, "stages-load (ancienne écriture de "
   "« stages load »)", CMD_FORMER},
  {0, 0, 0, 0}
};
