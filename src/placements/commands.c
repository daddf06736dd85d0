/*
** placements/commands.c: command-line commands of the placements module.
**
**   oasis stages load [FILE] [--db FILE]   allowance schemes catalogue
**
** The former spelling stages-load still runs (hidden from --help) after a
** one-line notice on stderr.
*/
#include <stdio.h>
#include <string.h>

#include "base/cmd.h"
#include "placements/placements.h"

static int cmd_load(int argc, char **argv)
{
  const char *zDb = "var/oasis.db", *zPath = "data/placements/schemes.csv";
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help")) {
      printf("usage: oasis stages load [FICHIER.csv] [--db FILE]\n");
      return EXIT_OK;
    } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      zDb = argv[++i];
    } else if (argv[i][0] != '-') {
      zPath = argv[i];
    } else {
      fprintf(stderr, "usage: oasis stages load [FICHIER.csv] [--db FILE]\n");
      return EXIT_USAGE;
    }
  }
  Err err = {0};
  char zBuf[1024];
  int nRows = 0, rc = ERR_DB;
  Store *db = store_open(zDb, &err);
  if (db) rc = place_scheme_load(db, zPath, &nRows, &err);
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
      "usage: oasis stages load [FICHIER.csv] [--db FILE]\n";
  if (argc < 2 || !strcmp(argv[1], "--help")) {
    fputs(zUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : EXIT_OK;
  }
  if (!strcmp(argv[1], "load")) return cmd_load(argc - 1, argv + 1);
  fprintf(stderr, "oasis stages : sous-commande inconnue « %s »\n%s",
          argv[1], zUsage);
  return EXIT_USAGE;
}

const Command place_commands[] = {
  {"stages", cmd_stages, "stages load [FICHIER.csv] [--db FILE]", 0},
  {"stages-load", cmd_load_old, "stages-load (ancienne écriture de "
   "« stages load »)", CMD_FORMER},
  {0, 0, 0, 0}
};
