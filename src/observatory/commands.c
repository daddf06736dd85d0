/*
** observatory/commands.c: the command-line commands of the observatory module.
*/
#include "base/cmd.h"

int apl_cmd(int argc, char **argv);                /* cli_apl_stored.c */
int obs_cmd_validate_apl(int argc, char **argv);   /* cli_db.c */
int obs_cmd_bench_apl(int argc, char **argv);      /* cli_bench.c */
int obs_cmd_bench_obs(int argc, char **argv);      /* cli_bench_obs.c */

const Command obs_commands[] = {
  {"apl", apl_cmd,
   "apl (--points F | --matrix F) --demand F --supply F [--tmax MIN] "
   "[--decay drees|step|gaussian] [--out F] ... | apl --db B [--vintage A] "
   "[--supply S] [--store]", 0},
  {"validate-apl", obs_cmd_validate_apl,
   "validate-apl --reference F [--apl F | options de apl] | validate-apl "
   "--db B --reference-vintage A", 0},
  {"test-bench-apl", obs_cmd_bench_apl, "test-bench-apl [--data DIR]", 1},
  {"test-bench-obs", obs_cmd_bench_obs,
   "test-bench-obs --db B [--dep 24] [--k 10]", 1},
  {0, 0, 0, 0}
};
