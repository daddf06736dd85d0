/*
** territory/commands.c: the command-line commands of the territory module.
*/
#include "base/cmd.h"

const Command terr_commands[] = {
  {0, 0, 0, 0}
};
