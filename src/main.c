/*
** main.c: command dispatch.  `oasis COMMAND [options]`.
**
** Every module owns a command table; this file only finds the command and
** runs it, after app_compose() has filled the hooks lower modules offer
** (app/compose.c).  Exit status: 0 ok, 1 bad input, 2 usage (DESIGN.md).
*/
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "base/cmd.h"

extern const Command terr_commands[];   /* import, data fetch */
extern const Command wf_commands[];     /* test-terr-load */
extern const Command obs_commands[];    /* apl, validate-apl */
extern const Command app_commands[];    /* serve */
extern const Command admin_commands[];  /* user */
extern const Command app_backup_commands[]; /* backup, restore */
extern const Command zoning_commands[]; /* zonage import|show */
extern const Command terr_scope_commands[]; /* territoire set|show */
extern const Command case_commands[];   /* cases anonymise */
extern const Command aid_commands[];    /* aids, test-bench-aids */
extern const Command centre_commands[]; /* centres-load, centres-import */
extern const Command place_commands[];  /* stages-load */
extern const Command portal_commands[]; /* portail purger */
extern const Command app_demo_commands[]; /* demo load|clear, init */


static const Command *const aTables[] = {
  terr_commands, wf_commands, obs_commands, app_commands, admin_commands,
  case_commands, aid_commands, centre_commands, place_commands,
  app_backup_commands, zoning_commands, terr_scope_commands,
  portal_commands, app_demo_commands,
};

static void usage(FILE *out)
{
  fprintf(out, "usage: oasis COMMAND [options]   (oasis COMMAND --help)\n\n");
  for (size_t t = 0; t < sizeof aTables / sizeof aTables[0]; t++) {
    for (const Command *c = aTables[t]; c->zName; c++) {
      if (c->isHidden == CMD_SHOWN) fprintf(out, "  oasis %s\n", c->zUsage);
    }
  }
  fprintf(out, "\nFormer spellings (still accepted, with a notice):\n");
  for (size_t t = 0; t < sizeof aTables / sizeof aTables[0]; t++) {
    for (const Command *c = aTables[t]; c->zName; c++) {
      if (c->isHidden == CMD_FORMER) fprintf(out, "  oasis %s\n", c->zUsage);
    }
  }
}

int main(int argc, char **argv)
{
  app_compose();
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : EXIT_OK;
  }
  for (size_t t = 0; t < sizeof aTables / sizeof aTables[0]; t++) {
    for (const Command *c = aTables[t]; c->zName; c++) {
      if (!strcmp(c->zName, argv[1])) return c->xRun(argc - 1, argv + 1);
    }
  }
  fprintf(stderr, "oasis: commande inconnue « %s »\n\n", argv[1]);
  usage(stderr);
  return EXIT_USAGE;
}
