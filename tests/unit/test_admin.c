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

/* RFC 6238 appendix B, SHA-256 column: the 32-byte seed "1234…9012",
** 8 digits, 30-second steps, at the listed Unix times (a fixed clock). */
static void test_totp_rfc6238_sha256_vectors(void **state)
{
  static const unsigned char aSeed[] = "12345678901234567890123456789012";
  static const struct { int64_t t; unsigned long code; } aVec[] = {
    {59, 46119246},         {1111111109, 68084774}, {1111111111, 67062674},
    {1234567890, 91819424}, {2000000000, 90698825}, {20000000000, 77737706},
  };
  for (size_t i = 0; i < sizeof aVec / sizeof aVec[0]; i++) {
    assert_int_equal(admin_totp_code(aSeed, 32, aVec[i].t / 30, 8),
                     aVec[i].code);
  }
  /* 6 digits are the last six of the same truncation */
  assert_int_equal(admin_totp_code(aSeed, 32, 59 / 30, 6), 119246);
}

/* Base32 as authenticator apps read it, both ways. */
static void test_base32_round_trip(void **state)
{
  char z[64];
  unsigned char a[40];
  admin_base32_encode((const unsigned char *)"foobar", 6, z);
  assert_string_equal(z, "MZXW6YTBOI");           /* RFC 4648 vector */
  assert_int_equal(admin_base32_decode("mzxw 6ytb-oi", a, sizeof a), 6);
  assert_memory_equal(a, "foobar", 6);
  assert_int_equal(admin_base32_decode("MZXW1", a, sizeof a), -1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_weak_passwords_refused),
    cmocka_unit_test(test_good_passwords_accepted),
    cmocka_unit_test(test_totp_rfc6238_sha256_vectors),
    cmocka_unit_test(test_base32_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
