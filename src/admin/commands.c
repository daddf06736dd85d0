/*
** admin/commands.c: the command-line commands of the admin module.
*/
#include "base/cmd.h"

const Command admin_commands[] = {
  {0, 0, 0, 0}
};
