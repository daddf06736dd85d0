/*
** tests/unit/test_portal.c: the portal's pure rules: e-mail, colours and
** contrast, embedding origins, slugs, dates, iCalendar files, form errors.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "portal/portal.h"

static int email_ok(const char *z)
{
  Err err = {0};
  return portal_check_email(z, "email", &err) == 0;
}

static void test_email_accepts_common_and_refuses_typos(void **state)
{
  (void)state;
  assert_true(email_ok("lea.martin@exemple.fr"));
  assert_true(email_ok("dr+41@chu-tours.fr"));
  assert_true(email_ok("élodie@mairie.bzh"));
  assert_false(email_ok(""));
  assert_false(email_ok("lea.martin@exemple"));     /* one label */
  assert_false(email_ok("lea martin@exemple.fr"));  /* space */
  assert_false(email_ok("@exemple.fr"));
  assert_false(email_ok("a@b@exemple.fr"));
  assert_false(email_ok("a@exemple..fr"));
  assert_false(email_ok("a@-exemple.fr"));
  assert_false(email_ok("a@exemple.fr."));
  assert_false(email_ok("<a>@exemple.fr"));
  Err err = {0};
  portal_check_email("x@y", "courriel", &err);
  assert_int_equal(err.code, ERR_INPUT);
  assert_string_equal(err.zField, "courriel");
  assert_non_null(strstr(err.zMsg, "adresse électronique invalide"));
}

static void test_departement_codes(void **state)
{
  const char *azOk[] = {"01", "41", "95", "2A", "2B", "971", "976"};
  const char *azBad[] = {"", "1", "00", "20", "2C", "2a", "975 ", "977",
                         "970", "041", "4A", "9"};
  for (size_t i = 0; i < sizeof azOk / sizeof azOk[0]; i++) {
    assert_true(portal_is_dep_code(azOk[i]));
  }
  for (size_t i = 0; i < sizeof azBad / sizeof azBad[0]; i++) {
    assert_false(portal_is_dep_code(azBad[i]));
  }
  assert_false(portal_is_dep_code(NULL));
}

static void test_contrast_matches_wcag_reference_values(void **state)
{
  (void)state;
  assert_float_equal(portal_contrast(0x000000, 0xffffff), 21.0, 1e-9);
  assert_float_equal(portal_contrast(0xffffff, 0xffffff), 1.0, 1e-9);
  /* symmetric; #767676 is the classic 4.54:1 grey on white */
  assert_float_equal(portal_contrast(0x767676, 0xffffff),
                     portal_contrast(0xffffff, 0x767676), 1e-12);
  assert_float_equal(portal_contrast(0x767676, 0xffffff), 4.54, 0.01);
}

static void test_theme_colour_needs_contrast_with_white(void **state)
{
  (void)state;
  Err err = {0};
  assert_int_equal(portal_check_color("#1f3f8f", "c", &err), 0);
  assert_int_equal(portal_check_color("#767676", "c", &err), 0);
  assert_int_equal(portal_check_color("#777777", "c", &err), ERR_INPUT);
  assert_non_null(strstr(err.zMsg, "4,5:1"));
  err_clear(&err);
  assert_int_equal(portal_check_color("1f3f8f", "c", &err), ERR_INPUT);
  err_clear(&err);
  assert_int_equal(portal_check_color("#1f3f8g", "c", &err), ERR_INPUT);
  err_clear(&err);
  assert_int_equal(portal_check_color("#1f3f8f\"", "c", &err), ERR_INPUT);
  char z[8];
  portal_color_shade(0x808080, 0.5, z);
  assert_string_equal(z, "#404040");
  portal_color_shade(0x808080, 3.0, z);
  assert_string_equal(z, "#ffffff");
}

static int origin_ok(const char *z)
{
  Err err = {0};
  return portal_check_origin(z, &err) == 0;
}

static void test_origins_name_one_site(void **state)
{
  (void)state;
  assert_true(origin_ok("https://www.mairie-exemple.fr"));
  assert_true(origin_ok("https://chu.example:8443"));
  assert_true(origin_ok("http://localhost:3000"));
  assert_true(origin_ok("http://127.0.0.1"));
  assert_false(origin_ok("http://mairie.example"));       /* not https */
  assert_false(origin_ok("https://mairie.example/page")); /* a path */
  assert_false(origin_ok("https://*.example.org"));       /* wildcard */
  assert_false(origin_ok("https://user@mairie.example"));
  assert_false(origin_ok("https://"));
  assert_false(origin_ok("https://a..b"));
  assert_false(origin_ok("https://a.example:0"));
  assert_false(origin_ok("https://a.example:70000"));
  assert_false(origin_ok("https://a.example; script-src *"));
  assert_false(origin_ok("javascript:alert(1)"));
  assert_false(origin_ok("'self'"));
}

static void test_origins_normalized_deduplicated_and_matched(void **state)
{
  (void)state;
  Str s = STR_INIT;
  Err err = {0};
  assert_int_equal(portal_origins_normalize(
      " https://A.example/\r\n\nhttps://b.example:8443\nhttps://a.example\n",
      &s, &err), 0);
  assert_string_equal(str_text(&s), "https://a.example https://b.example:8443");
  assert_true(portal_origin_allowed(str_text(&s), "https://b.example:8443"));
  assert_false(portal_origin_allowed(str_text(&s), "https://b.example"));
  assert_false(portal_origin_allowed(str_text(&s), "https://a.exampl"));
  assert_false(portal_origin_allowed(str_text(&s), ""));
  str_free(&s);
  assert_int_equal(portal_origins_normalize("https://ok.example\nhttp://x.fr",
                                            &s, &err), ERR_INPUT);
  assert_string_equal(err.zField, "origines_widget");
  assert_non_null(strstr(err.zMsg, "http://x.fr"));
  str_free(&s);
}

static void test_slug_date_time_and_insee_checks(void **state)
{
  (void)state;
  Err err = {0};
  assert_int_equal(portal_check_slug("vivre-ici-2", &err), 0);
  assert_int_equal(portal_check_slug("Vivre", &err), ERR_INPUT);
  assert_int_equal(portal_check_slug("-x", &err), ERR_INPUT);
  assert_int_equal(portal_check_slug("x-", &err), ERR_INPUT);
  assert_int_equal(portal_check_slug("vivre/ici", &err), ERR_INPUT);
  assert_int_equal(portal_check_slug("", &err), ERR_INPUT);
  assert_int_equal(portal_check_date("2028-02-29", "d", &err), 0);
  assert_int_equal(portal_check_date("2027-02-29", "d", &err), ERR_INPUT);
  assert_int_equal(portal_check_date("2100-02-29", "d", &err), ERR_INPUT);
  assert_int_equal(portal_check_date("2026-13-01", "d", &err), ERR_INPUT);
  assert_int_equal(portal_check_date("26-01-01", "d", &err), ERR_INPUT);
  assert_int_equal(portal_check_time("", "t", &err), 0);
  assert_int_equal(portal_check_time("23:59", "t", &err), 0);
  assert_int_equal(portal_check_time("24:00", "t", &err), ERR_INPUT);
  assert_int_equal(portal_check_time("9:30", "t", &err), ERR_INPUT);
  assert_int_equal(portal_check_insee("41018", &err), 0);
  assert_int_equal(portal_check_insee("2A004", &err), 0);
  assert_int_equal(portal_check_insee("2C004", &err), ERR_INPUT);
  assert_int_equal(portal_check_insee("4101", &err), ERR_INPUT);
}

static void test_french_date_labels(void **state)
{
  (void)state;
  char z[48];
  assert_string_equal(portal_date_label("2026-03-14", z, sizeof z),
                      "samedi 14 mars 2026");
  assert_string_equal(portal_date_label("2026-11-01", z, sizeof z),
                      "dimanche 1er novembre 2026");
  assert_string_equal(portal_date_label("2028-02-29", z, sizeof z),
                      "mardi 29 février 2028");
  assert_string_equal(portal_date_label("bientôt", z, sizeof z), "bientôt");
}

static void test_today_follows_oasis_now(void **state)
{
  (void)state;
  char z[11];
  setenv("OASIS_NOW", "2031-07-14T10:00:00Z", 1);
  assert_string_equal(portal_today(z), "2031-07-14");
  setenv("OASIS_NOW", "n'importe quoi", 1);
  assert_int_equal(strlen(portal_today(z)), 10);
  assert_string_not_equal(z, "2031-07-14");
  unsetenv("OASIS_NOW");
}

/* Every line of z ends with CRLF and is at most 75 octets long. */
static void assert_ics_lines_folded(const char *z)
{
  while (*z) {
    const char *zEnd = strstr(z, "\r\n");
    assert_non_null(zEnd);
    assert_true(zEnd - z <= 75);
    z = zEnd + 2;
  }
}

static void test_ics_escapes_folds_and_ends_all_day_events(void **state)
{
  (void)state;
  Str s = STR_INIT;
  PortalEvent e = {7, "salon", "Salon; médecins, internes", "2026-12-31", "",
                   "Blois", "", 0, 1, 0, "41018"};
  portal_ics(&s, &e, "20261123T100000Z", "exemple.fr");
  const char *z = str_text(&s);
  assert_non_null(strstr(z, "UID:evenement-7@exemple.fr\r\n"));
  assert_non_null(strstr(z, "SUMMARY:Salon\\; médecins\\, internes\r\n"));
  assert_non_null(strstr(z, "DTSTART;VALUE=DATE:20261231\r\n"));
  assert_non_null(strstr(z, "DTEND;VALUE=DATE:20270101\r\n"));
  assert_ics_lines_folded(z);
  str_reset(&s);
  PortalEvent f = {8, "lycee", "Forum", "2027-02-28", "09:30", "", "", 0, 1,
                   0, ""};
  char zLong[400];
  snprintf(zLong, sizeof zLong, "%s", "Une présentation très détaillée des "
           "métiers de la santé, avec des médecins, des internes, des "
           "infirmières et des élus du département.\nDeuxième ligne éè.");
  f.zBodyMd = zLong;
  portal_ics(&s, &f, "20261123T100000Z", NULL);
  z = str_text(&s);
  assert_non_null(strstr(z, "DTSTART;TZID=Europe/Paris:20270228T093000\r\n"));
  /* the zone it names is defined in the file, before the event */
  const char *zTz = strstr(z, "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n");
  assert_non_null(zTz);
  assert_true(zTz < strstr(z, "BEGIN:VEVENT"));
  assert_non_null(strstr(z, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"));
  assert_non_null(strstr(z, "TZOFFSETTO:+0100\r\n"));
  assert_null(strstr(z, "DTEND"));
  assert_non_null(strstr(z, "UID:evenement-8@oasis\r\n"));
  assert_non_null(strstr(z, "\r\n "));              /* folded */
  assert_ics_lines_folded(z);
  assert_true(utf8_valid(z, s.n));
  /* unfolding gives back the escaped text, newline as \n */
  Str u = STR_INIT;
  for (const char *c = z; *c; c++) {
    if (c[0] == '\r' && c[1] == '\n' && c[2] == ' ') {
      c += 2;
      continue;
    }
    str_appendc(&u, *c);
  }
  assert_non_null(strstr(str_text(&u), "élus du département.\\nDeuxième"));
  str_free(&u);
  str_reset(&s);
  PortalEvent g = {9, "autre", "x", "2027-02-28", "", "", "", 0, 1, 0, ""};
  portal_ics(&s, &g, "20261123T100000Z", NULL);
  assert_non_null(strstr(str_text(&s), "DTEND;VALUE=DATE:20270301\r\n"));
  str_free(&s);
}

static void test_form_errors_one_per_field_capitalised(void **state)
{
  (void)state;
  PortalErrors pe = {0};
  portal_error_add(&pe, "email", "adresse invalide");
  portal_error_add(&pe, "email", "autre message");
  portal_error_add(&pe, "name", "Indiquez votre nom");
  assert_int_equal(pe.n, 2);
  assert_string_equal(portal_error(&pe, "email"), "Adresse invalide");
  assert_null(portal_error(&pe, "profile"));
  PortalRegistration r = {.zName = " ", .zEmail = "x", .zProfile = "pirate"};
  PortalErrors pe2 = {0};
  assert_int_equal(portal_registration_check(&r, &pe2), 4);
  assert_non_null(portal_error(&pe2, "consentement"));
  assert_non_null(portal_error(&pe2, "courriel"));
}

/* Placeholders left in data never reach a public page (issue 18). */
static void test_placeholder_contacts_are_recognised(void **state)
{
  (void)state;
  assert_true(portal_is_placeholder(NULL));
  assert_true(portal_is_placeholder("  "));
  assert_true(portal_is_placeholder("Ville du Creusot (coordonnées du "
                                    "service à compléter)"));
  assert_true(portal_is_placeholder("03 85 XX XX XX"));
  assert_true(portal_is_placeholder("TODO"));
  assert_false(portal_is_placeholder("Écrivez-nous par le formulaire."));
  assert_false(portal_is_placeholder("04 74 00 00 00"));
  assert_false(portal_is_placeholder("contact@ain-habitat.fr"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_placeholder_contacts_are_recognised),
    cmocka_unit_test(test_email_accepts_common_and_refuses_typos),
    cmocka_unit_test(test_contrast_matches_wcag_reference_values),
    cmocka_unit_test(test_departement_codes),
    cmocka_unit_test(test_theme_colour_needs_contrast_with_white),
    cmocka_unit_test(test_origins_name_one_site),
    cmocka_unit_test(test_origins_normalized_deduplicated_and_matched),
    cmocka_unit_test(test_slug_date_time_and_insee_checks),
    cmocka_unit_test(test_french_date_labels),
    cmocka_unit_test(test_today_follows_oasis_now),
    cmocka_unit_test(test_ics_escapes_folds_and_ends_all_day_events),
    cmocka_unit_test(test_form_errors_one_per_field_capitalised),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
