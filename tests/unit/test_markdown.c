/*
** tests/unit/test_markdown.c: Markdown to HTML (web/markdown.c): raw HTML
** shown escaped, unsafe links dropped, headings one level down.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "web/markdown.h"

static void test_markdown_shows_raw_html_escaped(void **state)
{
  (void)state;
  Arena *a = arena_new();
  const char *z = md_to_html(a, "# Titre\n\nDu **gras**.\n\n"
                                 "<script>alert(1)</script>\n\n"
                                 "Texte <b onclick=x()>et</b> "
                                 "[lien](javascript:alert(2)) "
                                 "[ok](https://exemple.fr).\n");
  assert_non_null(strstr(z, "<h2>Titre</h2>"));
  assert_non_null(strstr(z, "<strong>gras</strong>"));
  assert_non_null(strstr(z, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert_non_null(strstr(z, "&lt;b onclick=x()&gt;et&lt;/b&gt;"));
  assert_null(strstr(z, "<script"));
  assert_null(strstr(z, "<b "));
  assert_null(strstr(z, "javascript:"));
  assert_non_null(strstr(z, "<a href=\"https://exemple.fr\">ok</a>"));
  assert_string_equal(md_to_html(a, NULL), "");
  assert_non_null(strstr(md_to_html(a, "###### six"), "<h6>six</h6>"));
  arena_free(a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_markdown_shows_raw_html_escaped),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
