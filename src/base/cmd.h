/*
** base/cmd.h: the shape of a command-line command.
**
** Each module lists its commands in a table (e.g. terr_commands[] in
** src/territory/commands.c); src/main.c walks the tables.  A command
** returns the process exit status: 0 ok, 1 bad input, 2 usage.
*/
#ifndef OASIS_BASE_CMD_H
#define OASIS_BASE_CMD_H

typedef struct Command Command;
struct Command {
  const char *zName;                  /* "import", "apl", "serve" */
  int (*xRun)(int argc, char **argv); /* argv[0] is zName */
  const char *zUsage;                 /* one line: "import KIND FILE [...]" */
  int isHidden;                       /* CMD_HIDDEN: test-* commands, not
                                      ** in --help; CMD_FORMER: a former
                                      ** spelling, listed apart */
};

enum { CMD_SHOWN = 0, CMD_HIDDEN = 1, CMD_FORMER = 2 };

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

#endif
