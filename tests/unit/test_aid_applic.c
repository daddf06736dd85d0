/*
** tests/unit/test_aid_applic.c: the pure rules of aid applications
** (aids/applic.c): the one edge into each state and what each move needs;
** the payment schedule always adds up to the grant.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "aids/applic.h"

static int check(int from, int nMissing, const AidApplicMove *m, Err *err)
{
  AidApplic a;
  memset(&a, 0, sizeof a);
  a.state = from;
  a.nDocMissing = nMissing;
  memset(err, 0, sizeof *err);
  return aid_applic_check(&a, m, err);
}

static void test_each_state_has_one_way_in(void **state)
{
  Err err;
  AidApplicMove m = {.to = AID_AS_COMPLETE};
  assert_int_equal(check(AID_AS_FILED, 0, &m, &err), 0);
  assert_int_equal(check(AID_AS_FILED, 2, &m, &err), ERR_INPUT);
  assert_string_equal(err.zField, "etat");
  assert_non_null(strstr(err.zMsg, "Il manque 2 pièces justificatives"));
  m = (AidApplicMove){.to = AID_AS_COMMISSION};
  assert_int_equal(check(AID_AS_COMPLETE, 0, &m, &err), ERR_INPUT);
  assert_string_equal(err.zField, "commission");
  m.sessionId = 3;
  assert_int_equal(check(AID_AS_COMPLETE, 0, &m, &err), 0);
  assert_int_equal(check(AID_AS_FILED, 0, &m, &err), ERR_INPUT);
  m = (AidApplicMove){.to = AID_AS_GRANTED, .grantedCents = 0};
  assert_int_equal(check(AID_AS_COMMISSION, 0, &m, &err), ERR_INPUT);
  assert_string_equal(err.zField, "montant");
  m.grantedCents = 1000000001LL;                   /* over 10 M€ */
  assert_int_equal(check(AID_AS_COMMISSION, 0, &m, &err), ERR_INPUT);
  m.grantedCents = 1080000;
  assert_int_equal(check(AID_AS_COMMISSION, 0, &m, &err), 0);
  m = (AidApplicMove){.to = AID_AS_REFUSED, .zNote = ""};
  assert_int_equal(check(AID_AS_COMMISSION, 0, &m, &err), ERR_INPUT);
  assert_string_equal(err.zField, "motif");
  m = (AidApplicMove){.to = AID_AS_SIGNED, .zSigned = "2026-03-20",
                      .zStart = "2029-11-01", .zEnd = "2034-10-31",
                      .zPlace = "71153"};
  assert_int_equal(check(AID_AS_GRANTED, 0, &m, &err), 0);
  assert_int_equal(check(AID_AS_REFUSED, 0, &m, &err), ERR_INPUT);
  m.zEnd = "2029-11-01";
  assert_int_equal(check(AID_AS_GRANTED, 0, &m, &err), ERR_INPUT);
  assert_string_equal(err.zField, "fin");
  m.zEnd = "2034-10-31";
  m.zPlace = "712";
  assert_int_equal(check(AID_AS_GRANTED, 0, &m, &err), ERR_INPUT);
  assert_string_equal(err.zField, "lieu");
  m = (AidApplicMove){.to = AID_AS_FILED};
  assert_int_equal(check(AID_AS_COMPLETE, 0, &m, &err), ERR_INPUT);
}

static int64_t sum(const AidDue *a, int n)
{
  int64_t s = 0;
  for (int i = 0; i < n; i++) s += a[i].cents;
  return s;
}

static void test_schedule_adds_up_to_the_grant(void **state)
{
  AidDue a[AID_HORIZON_MAX];
  int64_t aMonth[24] = {0};
  for (int i = 2; i < 24; i++) aMonth[i] = 120000;    /* 1,200 € a month */
  /* cut at the grant: 9 payments from the month after signature */
  int n = aid_applic_schedule(aMonth, 24, 1080000, "2026-03-20", a,
                              AID_HORIZON_MAX);
  assert_int_equal(n, 9);
  assert_string_equal(a[0].zDate, "2026-04-01");
  assert_string_equal(a[8].zDate, "2026-12-01");
  assert_int_equal(sum(a, n), 1080000);
  /* a grant above the simulation: the rest with the last payment */
  n = aid_applic_schedule(aMonth, 4, 300000, "2026-11-02", a, AID_HORIZON_MAX);
  assert_int_equal(n, 2);
  assert_string_equal(a[1].zDate, "2027-01-01");
  assert_int_equal(a[1].cents, 180000);
  assert_int_equal(sum(a, n), 300000);
  /* no money in the simulation: one payment on the signature date */
  n = aid_applic_schedule(NULL, 0, 500000, "2026-03-20", a, AID_HORIZON_MAX);
  assert_int_equal(n, 1);
  assert_string_equal(a[0].zDate, "2026-03-20");
  assert_int_equal(a[0].cents, 500000);
  /* a partial month */
  aMonth[2] = 50;
  n = aid_applic_schedule(aMonth, 24, 120025, "2026-03-20", a,
                          AID_HORIZON_MAX);
  assert_int_equal(sum(a, n), 120025);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_each_state_has_one_way_in),
    cmocka_unit_test(test_schedule_adds_up_to_the_grant),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
