/*
** tests/unit/test_html.c: the escaping conversions of html_strf() and the
** French number format, against hostile input.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "web/web.h"

#define NNBSP "\xE2\x80\xAF"   /* narrow no-break space */

/* html_strf into a static buffer, for short assertions. */
static const char *fmt(const char *zFmt, ...)
{
  static char zOut[4096];
  Str s = STR_INIT;
  va_list ap;
  va_start(ap, zFmt);
  html_vstrf(&s, zFmt, ap);
  va_end(ap);
  assert_true(s.n < sizeof zOut);
  memcpy(zOut, str_text(&s), s.n + 1);
  str_free(&s);
  return zOut;
}

static void test_h_escapes_the_five_html_specials(void **state)
{
  (void)state;
  assert_string_equal(fmt("<p>%h</p>", "a & b < c > d \" e ' f"),
                      "<p>a &amp; b &lt; c &gt; d &quot; e &#39; f</p>");
  assert_string_equal(fmt("%h", "Saône-et-Loire"), "Saône-et-Loire");
  assert_string_equal(fmt("[%h]", (const char *)NULL), "[]");
  assert_string_equal(fmt("%h", "&amp;"), "&amp;amp;");  /* no double guess */
}

/* No payload from the usual XSS lists may leave a raw < > " or ' behind. */
static void test_h_neutralises_xss_payloads(void **state)
{
  static const char *azPayload[] = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)//<!--",
    "</title><script>alert(document.cookie)</script>",
    "<a href=\"javascript:alert(1)\">x</a>",
  };
  (void)state;
  for (size_t i = 0; i < sizeof azPayload / sizeof azPayload[0]; i++) {
    const char *z = fmt("<input value=\"%h\">", azPayload[i]);
    const char *zInner = z + strlen("<input value=\"");
    size_t nInner = strlen(zInner) - strlen("\">");
    for (size_t k = 0; k < nInner; k++) {
      assert_true(strchr("<>\"'", zInner[k]) == NULL);
    }
  }
  assert_string_equal(fmt("%h", "<script>alert(1)</script>"),
                      "&lt;script&gt;alert(1)&lt;/script&gt;");
}

static void test_u_encodes_a_component(void **state)
{
  (void)state;
  assert_string_equal(fmt("/communes/%u", "2A004"), "/communes/2A004");
  assert_string_equal(fmt("?q=%u", "a b&c=d/e?f#g"),
                      "?q=a%20b%26c%3Dd%2Fe%3Ff%23g");
  assert_string_equal(fmt("%u", "Saône"), "Sa%C3%B4ne");
  assert_string_equal(fmt("%u", "\"><script>"), "%22%3E%3Cscript%3E");
  assert_string_equal(fmt("%u", "-_.~"), "-_.~");
  assert_string_equal(fmt("[%u]", (const char *)NULL), "[]");
}

static void test_j_is_a_json_literal_safe_in_script(void **state)
{
  (void)state;
  assert_string_equal(fmt("%j", "Saint-Étienne"), "\"Saint-Étienne\"");
  assert_string_equal(fmt("%j", "a\"b\\c\nd\te"),
                      "\"a\\\"b\\\\c\\nd\\te\"");
  assert_string_equal(fmt("%j", "</script><script>alert(1)</script>"),
                      "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"
                      "\\u003c/script\\u003e\"");
  assert_string_equal(fmt("%j", "<!--"), "\"\\u003c!--\"");
  assert_string_equal(fmt("%j", "x\xE2\x80\xA8y\xE2\x80\xA9z"),
                      "\"x\\u2028y\\u2029z\"");
  assert_string_equal(fmt("%j", "\x01\x1f"), "\"\\u0001\\u001f\"");
  assert_string_equal(fmt("%j", (const char *)NULL), "null");
  assert_null(strstr(fmt("%j", "</SCRIPT>"), "</"));
}

static void test_s_and_integers_and_percent(void **state)
{
  (void)state;
  assert_string_equal(fmt("%s|%s", "<b>ok</b>" /*trusted*/,
                          (const char *)NULL /*trusted*/), "<b>ok</b>|");
  assert_string_equal(fmt("%d %ld %lld %zu", -12, 1234567890L,
                          -9000000000LL, (size_t)42),
                      "-12 1234567890 -9000000000 42");
  assert_string_equal(fmt("100 %% sûr"), "100 % sûr");
  assert_string_equal(fmt("%.2f|%f|%.0f", 3.14159, 0.5, 2.5), "3.14|0.500000|2");
}

static void test_F_writes_french_numbers(void **state)
{
  (void)state;
  assert_string_equal(fmt("%F", 3.24), "3,2");              /* default: 1 */
  assert_string_equal(fmt("%.2F", 3.14159), "3,14");
  assert_string_equal(fmt("%.0F", 1234567.0), "1" NNBSP "234" NNBSP "567");
  assert_string_equal(fmt("%.1F", 12345.67), "12" NNBSP "345,7");
  assert_string_equal(fmt("%.0F", 999.0), "999");
  assert_string_equal(fmt("%.0F", 1000.0), "1" NNBSP "000");
  assert_string_equal(fmt("%.2F", -4321.5), "-4" NNBSP "321,50");
  assert_string_equal(fmt("%.1F", -0.01), "0,0");           /* no "-0,0" */
  assert_string_equal(fmt("%F", NAN), "n.d.");
  assert_string_equal(fmt("%F", INFINITY), "n.d.");
  assert_string_equal(fmt("APL %F : %h", 2.5, "<x>"), "APL 2,5 : &lt;x&gt;");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_h_escapes_the_five_html_specials),
    cmocka_unit_test(test_h_neutralises_xss_payloads),
    cmocka_unit_test(test_u_encodes_a_component),
    cmocka_unit_test(test_j_is_a_json_literal_safe_in_script),
    cmocka_unit_test(test_s_and_integers_and_percent),
    cmocka_unit_test(test_F_writes_french_numbers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
