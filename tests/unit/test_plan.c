/*
** tests/unit/test_plan.c: the plan's pure parts: euro amounts typed by
** people and their French format (base/money, which the plan now uses:
** what the plan accepted before is still accepted), cost per doctor,
** chart axes and SVG output.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "base/caldate.h"
#include "base/money.h"
#include "plan/plan.h"

static int64_t cents_of(const char *z)
{
  const char *zWhy = NULL;
  int64_t c = -12345;
  if (money_parse(z, 0, &c, &zWhy)) return -1;
  return c;
}

static void test_euros_parse_as_people_type_them(void **state)
{
  (void)state;
  assert_int_equal(cents_of("12000"), 1200000);
  assert_int_equal(cents_of("12 000"), 1200000);
  assert_int_equal(cents_of("1 234,56 €"), 123456);
  assert_int_equal(cents_of("1.234,5"), 123450);
  assert_int_equal(cents_of("2500.5"), 250050);
  assert_int_equal(cents_of("1\xE2\x80\xAF" "000\xC2\xA0€"), 100000);
  assert_int_equal(cents_of("0,1"), 10);
  assert_int_equal(cents_of("0"), 0);
  assert_int_equal(cents_of("-0"), 0);
  assert_int_equal(cents_of(""), -1);
  assert_int_equal(cents_of("€"), -1);
  assert_int_equal(cents_of("12,345"), -1);
  assert_int_equal(cents_of("1e6"), -1);
  assert_int_equal(cents_of("12 € 50"), -1);
  assert_int_equal(cents_of("10000000000000"), -1);
}

static void test_negative_amount_refused_with_reason(void **state)
{
  (void)state;
  const char *zWhy = NULL;
  int64_t c = 7;
  assert_int_not_equal(money_parse("-5 000", 0, &c, &zWhy), 0);
  assert_int_equal(c, 7);                       /* untouched */
  assert_non_null(strstr(zWhy, "négatif"));
}

static void test_euros_formatted_in_french(void **state)
{
  (void)state;
  char z[64];
  assert_string_equal(money_format(650000075, z, sizeof z),
                      "6\xE2\x80\xAF" "500\xE2\x80\xAF" "000,75\xC2\xA0€");
  assert_string_equal(money_format(100, z, sizeof z), "1\xC2\xA0€");
  assert_string_equal(money_format(0, z, sizeof z), "0\xC2\xA0€");
  assert_string_equal(money_format(-150, z, sizeof z), "-1,50\xC2\xA0€");
  assert_string_equal(money_format(INT64_MIN, z, sizeof z),
                      "-92\xE2\x80\xAF" "233\xE2\x80\xAF" "720\xE2\x80\xAF"
                      "368\xE2\x80\xAF" "547\xE2\x80\xAF" "758,08\xC2\xA0€");
}

static void test_cost_execution_and_keys(void **state)
{
  (void)state;
  assert_true(isnan(plan_cost_per_doctor(100000, 0)));
  assert_float_equal(plan_cost_per_doctor(137509999, 7), 196442.857142857,
                     1e-6);
  assert_true(isnan(plan_execution_pct(5, 0)));
  assert_float_equal(plan_execution_pct(50, 200), 25.0, 1e-12);
  assert_int_equal(plan_output_index("installes"), 0);
  assert_int_equal(plan_output_index("patients-mt"), PLAN_N_OUTPUT - 1);
  assert_int_equal(plan_output_index("inconnu"), -1);
  /* JSON keys are snake_case even where the stored code is not */
  assert_string_equal(plan_output_key(PLAN_N_OUTPUT - 1), "patients_mt");
  assert_string_equal(plan_output_key(0), "installes");
}

static void test_axis_maximum_is_nice_and_covers(void **state)
{
  (void)state;
  assert_float_equal(plan_nice_max(0), 1, 0);
  assert_float_equal(plan_nice_max(1), 1, 0);
  assert_float_equal(plan_nice_max(1.01), 2, 1e-12);
  assert_float_equal(plan_nice_max(2.2), 2.5, 1e-12);
  assert_float_equal(plan_nice_max(3700000), 5000000, 1e-6);
  assert_float_equal(plan_nice_max(7e6), 1e7, 1e-3);
  for (double x = 0.37; x < 1e9; x *= 3.7) {
    double m = plan_nice_max(x);
    assert_true(m >= x && m < 2.5 * x);
  }
}

static void test_svg_chart_is_labelled_and_escaped(void **state)
{
  (void)state;
  Str s = STR_INIT;
  const char *const azCat[] = {"2026", "<b>&"};
  const int64_t aA[] = {370000000, 0}, aB[] = {137500050, 9949};
  plan_svg_bars(&s, "g", "Budget \"et\" dépenses", azCat, aA, aB, 2,
                "Budget", "Dépensé");
  const char *z = str_text(&s);
  assert_non_null(strstr(z, "role=\"img\" aria-labelledby=\"g-t\""));
  assert_non_null(strstr(z, "<title id=\"g-t\">Budget &quot;et&quot; "
                            "dépenses</title>"));
  assert_non_null(strstr(z, "&lt;b&gt;&amp;"));
  assert_null(strstr(z, "<b>"));
  assert_non_null(strstr(z, ">5 M€</text>"));       /* axis top: 3.7 M -> 5 M */
  assert_non_null(strstr(z, ">2,5 M€</text>"));
  assert_non_null(strstr(z, ">3,75 M€</text>"));
  assert_non_null(strstr(z, ">0 €</text>"));
  /* the tallest bar fills 3.7/5 of the plot height (218 px) */
  assert_non_null(strstr(z, "height=\"161.3\""));
  assert_int_equal(strncmp(z + s.n - 7, "</svg>\n", 7), 0);
  str_free(&s);
}

/* A spending dated 2099 (or before 2000) is refused with its reason; up
** to the end of next year is plausible (issue 18). */
static void test_spending_date_in_a_plausible_range(void **state)
{
  (void)state;
  int today = caldate_from_ymd(2026, 12, 3);
  assert_null(plan_spend_date_problem("2026-12-03", today));
  assert_null(plan_spend_date_problem("2000-01-01", today));
  assert_null(plan_spend_date_problem("2027-12-31", today));
  assert_non_null(strstr(plan_spend_date_problem("2099-01-15", today),
                         "trop lointaine"));
  assert_non_null(strstr(plan_spend_date_problem("2028-01-01", today),
                         "trop lointaine"));
  assert_non_null(strstr(plan_spend_date_problem("1999-12-31", today),
                         "trop ancienne"));
  assert_non_null(plan_spend_date_problem("2026-02-30", today));
  assert_non_null(plan_spend_date_problem(NULL, today));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_euros_parse_as_people_type_them),
    cmocka_unit_test(test_negative_amount_refused_with_reason),
    cmocka_unit_test(test_euros_formatted_in_french),
    cmocka_unit_test(test_cost_execution_and_keys),
    cmocka_unit_test(test_axis_maximum_is_nice_and_covers),
    cmocka_unit_test(test_svg_chart_is_labelled_and_escaped),
    cmocka_unit_test(test_spending_date_in_a_plausible_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
