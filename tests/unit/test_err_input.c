/*
** tests/unit/test_err_input.c: err_input() refuses an input in one call
** exactly as err_set(ERR_INPUT) then err_field() did: the message and the
** field are recorded, the first message sticks, ERR_INPUT comes back.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/err_input.h"

/* A refusal records its code, message and field, and returns ERR_INPUT. */
static void test_err_input_records_message_and_field(void **state)
{
  (void)state;
  Err err = {0};
  assert_int_equal(err_input(&err, "nom", "%s : champ obligatoire", "Nom"),
                   ERR_INPUT);
  assert_int_equal(err.code, ERR_INPUT);
  assert_string_equal(err.zMsg, "Nom : champ obligatoire");
  assert_string_equal(err.zField, "nom");
}

/* As with err_set(), the first message sticks; as with err_field(), the
** field is the last one named: the same Err as the two calls made. */
static void test_err_input_first_message_sticks(void **state)
{
  (void)state;
  Err a = {0}, b = {0};
  err_set(&a, ERR_NOTFOUND, "introuvable");
  err_input(&a, "code", "code : déjà utilisé");
  err_set(&b, ERR_NOTFOUND, "introuvable");
  err_set(&b, ERR_INPUT, "code : déjà utilisé");
  err_field(&b, "code");
  assert_memory_equal(&a, &b, sizeof a);
  assert_int_equal(a.code, ERR_NOTFOUND);
  assert_string_equal(a.zField, "code");
}

/* No Err to fill: the code still comes back. */
static void test_err_input_without_err(void **state)
{
  (void)state;
  assert_int_equal(err_input(NULL, "nom", "nom : obligatoire"), ERR_INPUT);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_err_input_records_message_and_field),
    cmocka_unit_test(test_err_input_first_message_sticks),
    cmocka_unit_test(test_err_input_without_err),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
