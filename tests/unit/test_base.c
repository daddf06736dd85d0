/*
** tests/unit/test_base.c: strings, UTF-8, errors and the CSV reader.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"

static void test_utf8_rejects_overlong_and_truncated(void **state)
{
  (void)state;
  assert_true(utf8_valid("Saône-et-Loire", strlen("Saône-et-Loire")));
  assert_false(utf8_valid("\xC0\xAF", 2));          /* overlong '/' */
  assert_false(utf8_valid("\xE2\x82", 2));          /* truncated */
  assert_false(utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
  assert_false(utf8_valid("\xFF", 1));
}

static void test_csv_reads_quotes_separators_and_lines(void **state)
{
  (void)state;
  const char *z = "code;nom\n01001;\"L'Abergement; \"\"Clémenciat\"\"\"\r\n"
                  "01002;\"multi\nligne\"\n01004;Ambérieu\n";
  Err err = {0};
  CsvReader *r = csv_open_mem("t.csv", z, strlen(z), ';');
  assert_int_equal(csv_read_header(r, &err), 0);
  assert_int_equal(csv_col(r, "nom"), 1);
  assert_int_equal(csv_next_row(r, &err), CSV_ROW);
  assert_string_equal(csv_cell(r, 1), "L'Abergement; \"Clémenciat\"");
  assert_int_equal(csv_line(r), 2);
  assert_int_equal(csv_next_row(r, &err), CSV_ROW);
  assert_string_equal(csv_cell(r, 1), "multi\nligne");
  assert_int_equal(csv_next_row(r, &err), CSV_ROW);
  assert_int_equal(csv_line(r), 5);
  assert_string_equal(csv_cell(r, 0), "01004");
  assert_string_equal(csv_cell(r, 7), "");
  assert_int_equal(csv_next_row(r, &err), CSV_END);
  csv_close(r);
}

static void test_csv_reports_truncated_quote_with_position(void **state)
{
  (void)state;
  const char *z = "a,b\n1,\"open\n";
  Err err = {0};
  char buf[600];
  CsvReader *r = csv_open_mem("cut.csv", z, strlen(z), ',');
  assert_int_equal(csv_read_header(r, &err), 0);
  assert_int_equal(csv_next_row(r, &err), ERR_INPUT);
  assert_int_equal(err.iLine, 2);
  assert_int_equal(err.iCol, 2);
  assert_non_null(strstr(err_text(&err, buf, sizeof buf), "cut.csv, ligne 2"));
  csv_close(r);
}

static void test_strict_numbers(void **state)
{
  (void)state;
  double d;
  long l;
  assert_int_equal(str_to_double("3.25", &d), 0);
  assert_true(d == 3.25);
  assert_int_equal(str_to_double("3,25", &d), -1);
  assert_int_equal(str_to_double("", &d), -1);
  assert_int_equal(str_to_double("nan", &d), -1);
  assert_int_equal(str_to_long("12x", &l), -1);
  assert_int_equal(str_to_long(" 42 ", &l), 0);    /* blanks around: fine */
  assert_int_equal(l, 42);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_utf8_rejects_overlong_and_truncated),
    cmocka_unit_test(test_csv_reads_quotes_separators_and_lines),
    cmocka_unit_test(test_csv_reports_truncated_quote_with_position),
    cmocka_unit_test(test_strict_numbers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
