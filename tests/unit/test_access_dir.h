/*
** tests/unit/test_access_dir.h: the temporary folder of the file tests of
** `oasis apl` (test_access_files.c, test_access_peers.c,
** test_access_scan.c): made before the group, removed after it.
*/
#ifndef OASIS_TEST_ACCESS_DIR_H
#define OASIS_TEST_ACCESS_DIR_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char gaDir[64];

static int dir_setup(void **state)
{
  (void)state;
  snprintf(gaDir, sizeof gaDir, "/tmp/oasis-apl-XXXXXX");
  return mkdtemp(gaDir) ? 0 : -1;
}

static int dir_teardown(void **state)
{
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", gaDir);
  return system(cmd) == 0 ? 0 : -1;
}

#endif
