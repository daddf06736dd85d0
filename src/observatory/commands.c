/*
** observatory/commands.c: the command-line commands of the observatory module.
*/
#include "base/cmd.h"

const Command obs_commands[] = {
  {0, 0, 0, 0}
};
