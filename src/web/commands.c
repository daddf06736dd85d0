/*
** web/commands.c: `oasis serve`.
*/
#include <stdio.h>
#include <string.h>

#include "base/cmd.h"
#include "base/err.h"
#include "web/internal.h"

static int web_cmd_serve(int argc, char **argv)
{
  const char *zListen = "127.0.0.1:8080";
  const char *zDb = "var/oasis.db";
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
      zListen = argv[++i];
    } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      zDb = argv[++i];
    } else if (strcmp(argv[i], "--help") == 0) {
      printf("usage: oasis serve [--listen 127.0.0.1:8080] [--db var/oasis.db]\n"
             "Sert l'application web jusqu'à SIGINT ou SIGTERM.\n");
      return EXIT_OK;
    } else {
      fprintf(stderr, "oasis serve : option inconnue « %s »\n"
                      "usage: oasis serve [--listen HÔTE:PORT] [--db FICHIER]\n",
              argv[i]);
      return EXIT_USAGE;
    }
  }
  Err err = {0};
  int rc = web_serve(zListen, zDb, &err);
  if (rc) {
    char zBuf[768];
    fprintf(stderr, "oasis serve : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return rc == ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
  }
  return EXIT_OK;
}

const Command web_commands[] = {
  {"serve", web_cmd_serve, "serve [--listen 127.0.0.1:8080] [--db var/oasis.db]",
   0},
  {0, 0, 0, 0}
};
