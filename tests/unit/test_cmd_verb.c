/*
** tests/unit/test_cmd_verb.c: cmd_run_verb() runs the verb argv[1] names
** with argv shifted to it, and answers no verb, --help and an unknown verb
** with the usage and the exit codes of base/cmd.h.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/cmd_verb.h"

static int nRun;
static char zSeen[64];

/* A verb that records what it was given; returns 1 + its argc. */
static int verb_record(int argc, char **argv)
{
  nRun++;
  snprintf(zSeen, sizeof zSeen, "%s/%d", argv[0], argc);
  return 1 + argc;
}

static const Command aVerb[] = {
  {"load", verb_record, NULL, 0},
  {"supply", verb_record, NULL, 0},
  {0, 0, 0, 0}
};

/* The verb named runs with argv from the verb on; its status comes back. */
static void test_cmd_verb_runs_the_named_verb(void **state)
{
  (void)state;
  char *argv[] = {"centres", "supply", "--date", "2026-03-02", NULL};
  nRun = 0;
  assert_int_equal(cmd_run_verb("centres", "usage\n", aVerb, 4, argv), 4);
  assert_int_equal(nRun, 1);
  assert_string_equal(zSeen, "supply/3");
}

/* No verb is a usage error; --help is not; neither runs a verb. */
static void test_cmd_verb_usage_and_help(void **state)
{
  (void)state;
  char *argv0[] = {"centres", NULL};
  char *argvHelp[] = {"centres", "--help", NULL};
  nRun = 0;
  assert_int_equal(cmd_run_verb("centres", "usage\n", aVerb, 1, argv0),
                   EXIT_USAGE);
  assert_int_equal(cmd_run_verb("centres", "usage\n", aVerb, 2, argvHelp),
                   EXIT_OK);
  assert_int_equal(nRun, 0);
}

/* An unknown verb (even a prefix of a known one) is a usage error. */
static void test_cmd_verb_unknown(void **state)
{
  (void)state;
  char *argv[] = {"centres", "loa", NULL};
  nRun = 0;
  assert_int_equal(cmd_run_verb("centres", "usage\n", aVerb, 2, argv),
                   EXIT_USAGE);
  assert_int_equal(nRun, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_cmd_verb_runs_the_named_verb),
    cmocka_unit_test(test_cmd_verb_usage_and_help),
    cmocka_unit_test(test_cmd_verb_unknown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
