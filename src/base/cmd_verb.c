/*
** base/cmd_verb.c: a module command's verbs (see cmd_verb.h).
*/
#include "base/cmd_verb.h"

#include <stdio.h>
#include <string.h>

int cmd_run_verb(const char *zModule, const char *zUsage,
                 const Command *aVerb, int argc, char **argv)
{
  if (argc < 2 || !strcmp(argv[1], "--help")) {
    fputs(zUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : EXIT_OK;
  }
  for (const Command *c = aVerb; c->zName; c++) {
    if (!strcmp(argv[1], c->zName)) return c->xRun(argc - 1, argv + 1);
  }
  fprintf(stderr, "oasis %s : sous-commande inconnue « %s »\n%s", zModule,
          argv[1], zUsage);
  return EXIT_USAGE;
}
