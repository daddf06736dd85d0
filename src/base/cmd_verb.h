/*
** base/cmd_verb.h: `oasis MODULE VERB …` — a module's command whose first
** argument names a verb, dispatched through a table of verbs instead of a
** chain of strcmp, with the usage and the unknown-verb message said the
** same way by every module.
*/
#ifndef OASIS_BASE_CMD_VERB_H
#define OASIS_BASE_CMD_VERB_H
#include "base/cmd.h"

/*
** Run the verb argv[1] of aVerb (ended by a zero zName; each xRun gets
** argv from the verb on, argv[0] being the verb; zUsage and isHidden are
** not used).  No verb: zUsage on stderr, EXIT_USAGE; "--help": zUsage on
** stdout, EXIT_OK; an unknown verb: "oasis zModule : sous-commande
** inconnue « … »" and zUsage on stderr, EXIT_USAGE.
*/
int cmd_run_verb(const char *zModule, const char *zUsage,
                 const Command *aVerb, int argc, char **argv);

#endif
