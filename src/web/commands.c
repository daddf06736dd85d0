/*
** web/commands.c: the command-line commands of the web module.
*/
#include "base/cmd.h"

const Command web_commands[] = {
  {0, 0, 0, 0}
};
