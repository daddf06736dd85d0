#include "base/cmd.h"
int obs_cmd_bench_apl(int argc, char **argv);
int obs_cmd_bench_apl(int argc, char **argv) { return 0; }
