/*
** tests/unit/test_admin.c: the password rules (admin/password.c).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "admin/admin.h"

static int refused(const char *zPw, const char *zWhy)
{
  Err err = {0};
  int rc = admin_check_password(zPw, &err);
  if (rc != ERR_INPUT) return 0;
  assert_string_equal(err.zField, "mot_de_passe");
  return strstr(err.zMsg, zWhy) != NULL;
}

static void test_weak_passwords_refused(void **state)
{
  (void)state;
  /* the review's examples */
  assert_true(refused("12345678", "trop court"));
  assert_true(refused("aaaaaaaa", "trop court"));
  assert_true(refused("password", "trop court"));
  assert_true(refused("aaaaaaaaaaaaaaaa", "trop simple"));
  assert_true(refused("abababababab", "trop simple"));
  /* in the shipped list, whatever the case */
  assert_true(refused("password1234", "trop courant"));
  assert_true(refused("PassWord1234", "trop courant"));
  assert_true(refused("123456789012", "trop courant"));
  assert_true(admin_password_is_common("qwertyuiopasdfghjkl") ||
              admin_password_is_common("000000000000"));
  /* 12 characters, not bytes: "éééééééééééé" is 12 characters but simple */
  assert_true(refused("ééééé", "trop court"));
  assert_true(refused(NULL, "trop court"));
  char zLong[1100];
  memset(zLong, 'a', sizeof zLong - 1);
  zLong[sizeof zLong - 1] = 0;
  for (int i = 0; i < 26; i++) zLong[i] = (char)('a' + i);
  assert_true(refused(zLong, "trop long"));
}

static void test_good_passwords_accepted(void **state)
{
  (void)state;
  Err err = {0};
  assert_int_equal(admin_check_password("correct horse battery", &err), 0);
  assert_int_equal(admin_check_password("motdepasse-admin-1", &err), 0);
  assert_int_equal(admin_check_password("Été à Mâcon 2026", &err), 0);
  assert_int_equal(admin_password_is_common("correct horse battery"), 0);
  /* the file's comment lines are not passwords */
  assert_int_equal(admin_password_is_common("# Common passwords of 12 characters "
                                            "or more, one per line, lower case."),
                   0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_weak_passwords_refused),
    cmocka_unit_test(test_good_passwords_accepted),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
