/*
** placements/commands.c: command-line commands of the placements module.
**
**   oasis stages-load [FILE] [--db FILE]   allowance schemes catalogue
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
      printf("usage: oasis stages-load [FICHIER.csv] [--db FILE]\n");
      return EXIT_OK;
    } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      zDb = argv[++i];
    } else if (argv[i][0] != '-') {
      zPath = argv[i];
    } else {
      fprintf(stderr, "usage: oasis stages-load [FICHIER.csv] [--db FILE]\n");
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

const Command place_commands[] = {
  {"stages-load", cmd_load, "stages-load [FICHIER.csv] [--db FILE]", 0},
  {0, 0, 0, 0}
};
