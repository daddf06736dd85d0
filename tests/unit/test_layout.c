/*
** tests/unit/test_layout.c: the page frame, the CSRF field and the
** Req-bound formatters, on requests built without a connection.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "web/internal.h"
#include "web/ui.h"

/* A GET request for zPath, signed in as zName with role (or anonymous
** when zName is NULL). */
static Req *fake_req(const char *zPath, const char *zName, Role role)
{
  Req *req = req_new(NULL, "GET", zPath);
  req->hasAuth = true;                /* no session lookup: no cookie */
  if (zName) {
    req->hasUser = true;
    req->user.id = 1;
    req->user.zLogin = "camille";
    req->user.zName = zName;
    req->user.role = role;
  }
  req->zCsrf = "0123abcd";
  return req;
}

static int count(const char *z, const char *zNeedle)
{
  int n = 0;
  for (; (z = strstr(z, zNeedle)); z++) n++;
  return n;
}

static void test_frame_is_french_with_skip_link_and_title(void **state)
{
  (void)state;
  Req *req = fake_req("/", NULL, ROLE_PUBLIC);
  page_begin(req, "Titre <i>");
  html_printf(req, "<h1>%h</h1>\n", "Bonjour");
  page_end(req);
  const char *z = str_text(req_body(req));
  assert_true(str_starts(z, "<!doctype html>\n<html lang=\"fr\">"));
  assert_non_null(strstr(z, "<meta name=\"viewport\""));
  assert_non_null(strstr(z, "<title>Titre &lt;i&gt; — oasis</title>"));
  assert_non_null(strstr(z, "<a class=\"skip-link\" href=\"#contenu\">"
                            "Aller au contenu</a>"));
  assert_non_null(strstr(z, "<main id=\"contenu\""));
  /* the skip link comes before the header */
  assert_true(strstr(z, "skip-link") < strstr(z, "<header"));
  assert_non_null(strstr(z, "href=\"/sources\""));
  assert_non_null(strstr(z, "href=\"/accessibilite\""));
  assert_true(strstr(z, "</main>") < strstr(z, "<footer"));
  assert_int_equal(count(z, "</html>"), 1);
  assert_non_null(strstr(z, "<h1>Bonjour</h1>\n</main>"));
  req_free(req);
}

static void test_anonymous_sees_login_link_and_no_admin_entry(void **state)
{
  (void)state;
  Req *req = fake_req("/", NULL, ROLE_PUBLIC);
  page_begin(req, "Accueil");
  const char *z = str_text(req_body(req));
  assert_non_null(strstr(z, "href=\"/connexion\">Se connecter</a>"));
  assert_null(strstr(z, "Administration"));
  assert_null(strstr(z, "/deconnexion"));
  assert_null(strstr(z, "aria-current"));       /* home: no section */
  /* both copies of the menu (narrow and wide) list the five sections */
  assert_int_equal(count(z, "href=\"/observatoire\">Observatoire</a>"), 2);
  assert_int_equal(count(z, "href=\"/centres\">Centres de santé</a>"), 2);
  req_free(req);
}

static void test_admin_gets_current_section_and_post_logout(void **state)
{
  (void)state;
  Req *req = fake_req("/admin/journal", "<script>x</script>", ROLE_ADMIN);
  page_begin(req, "Journal");
  const char *z = str_text(req_body(req));
  assert_int_equal(count(z, "<a href=\"/admin\" aria-current=\"page\">"
                            "Administration</a>"), 2);
  assert_int_equal(count(z, "aria-current"), 2);
  assert_non_null(strstr(z, "&lt;script&gt;x&lt;/script&gt;"));
  assert_null(strstr(z, "<script>"));
  assert_non_null(strstr(z, "<form method=\"post\" action=\"/deconnexion\">\n"
                            "<input type=\"hidden\" name=\"csrf_token\" "
                            "value=\"0123abcd\">"));
  assert_null(strstr(z, "Se connecter"));
  req_free(req);
}

static void test_section_prefix_does_not_match_longer_names(void **state)
{
  (void)state;
  Req *req = fake_req("/aidesXYZ", "A", ROLE_AGENT);
  page_begin(req, "x");
  const char *z = str_text(req_body(req));
  assert_null(strstr(z, "aria-current"));
  assert_null(strstr(z, "Administration"));     /* agent is not admin */
  req_free(req);
  req = fake_req("/aides/simulateur", "A", ROLE_AGENT);
  page_begin(req, "x");
  assert_non_null(strstr(str_text(req_body(req)),
                         "<a href=\"/aides\" aria-current=\"page\">"));
  req_free(req);
}

static void test_form_begin_carries_csrf_and_escapes_action(void **state)
{
  (void)state;
  Req *req = fake_req("/", NULL, ROLE_PUBLIC);
  form_begin(req, "/aides?x=\"y\"");
  form_end(req);
  assert_string_equal(str_text(req_body(req)),
      "<form method=\"post\" action=\"/aides?x=&quot;y&quot;\">\n"
      "<input type=\"hidden\" name=\"csrf_token\" value=\"0123abcd\">\n"
      "</form>\n");
  req_free(req);
}

static void test_mprintf_uses_the_request_arena(void **state)
{
  (void)state;
  Req *req = fake_req("/", NULL, ROLE_PUBLIC);
  char *z = html_mprintf(req, "<b>%h</b> %.1F", "a&b", 1234.56);
  assert_string_equal(z, "<b>a&amp;b</b> 1\xE2\x80\xAF" "234,6");
  assert_int_equal(req_body(req)->n, 0);        /* body untouched */
  req_free(req);                                /* frees z: ASan checks */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_frame_is_french_with_skip_link_and_title),
    cmocka_unit_test(test_anonymous_sees_login_link_and_no_admin_entry),
    cmocka_unit_test(test_admin_gets_current_section_and_post_logout),
    cmocka_unit_test(test_section_prefix_does_not_match_longer_names),
    cmocka_unit_test(test_form_begin_carries_csrf_and_escapes_action),
    cmocka_unit_test(test_mprintf_uses_the_request_arena),
  };
  if (sodium_init() < 0) return 1;
  return cmocka_run_group_tests(tests, NULL, NULL);
}
