/*
** tests/unit/test_kit.c: the page kit (web/kit.c), money (base/money.c)
** and the one clock (base/clock.c), on requests built without a
** connection.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/caldate.h"
#include "base/clock.h"
#include "base/money.h"
#include "web/internal.h"
#include "web/kit.h"
#include "web/kit_form.h"
#include "web/kit_table.h"

/* A POST request carrying the form fields azKV (name, value, …, NULL). */
static Req *form_req(const char *const *azKV)
{
  Req *req = req_new(NULL, "POST", "/essai");
  req->hasAuth = true;
  req->zCsrf = "0123abcd";
  for (int i = 0; azKV && azKV[i]; i += 2) {
    form_add(req->arena, &req->form, azKV[i], azKV[i + 1]);
  }
  return req;
}

/* An API request whose body is the JSON text zJson. */
static Req *json_req(const char *zJson)
{
  Req *req = req_new(NULL, "POST", "/api/v1/essai");
  req->hasAuth = true;
  req->isApi = true;
  req->pJson = json_loads(zJson, 0, NULL);
  assert_non_null(req->pJson);
  return req;
}

typedef struct Grant Grant;
struct Grant {
  const char *zName;
  const char *zKind;
  int64_t amount;
  int64_t years;
  const char *zStart;
  int isPublic;
  double fte;
  const char *zNote;
};

static const char *const azKind[] = {"bourse", "prime", NULL};

static const KitField aGrant[] = {
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(Grant, zName), 0, 200, 0,
   "name"},
  {"type", "Type", KIT_CHOICE, KIT_REQUIRED, offsetof(Grant, zKind), 0, 0,
   azKind, 0},
  {"montant", "Montant", KIT_CENTS, KIT_REQUIRED, offsetof(Grant, amount), 0,
   0, 0, 0},
  {"annees", "Durée (années)", KIT_INT, 0, offsetof(Grant, years), 1, 10, 0,
   0},
  {"debut", "Début", KIT_DATE, 0, offsetof(Grant, zStart), 0, 0, 0, 0},
  {"public", "Public", KIT_BOOL, 0, offsetof(Grant, isPublic), 0, 0, 0, 0},
  {"etp", "ETP", KIT_REAL, 0, offsetof(Grant, fte), 0, 1, 0, 0},
  {"note", "Note", KIT_LONGTEXT, 0, offsetof(Grant, zNote), 0, 0, 0, 0},
  {0}
};

static void test_form_record_read_trimmed_and_typed(void **state)
{
  (void)state;
  static const char *const az[] = {
    "nom", "  Bourse du Creusot ", "type", "bourse", "montant", "12 000,50 €",
    "annees", "3", "debut", "01/11/2023", "public", "1", "etp", "0,5",
    "note", "ligne 1\nligne 2", NULL};
  Req *req = form_req(az);
  Grant g;
  KitErrors e = {0};
  assert_int_equal(kit_read(req, aGrant, &g, &e), 0);
  assert_string_equal(g.zName, "Bourse du Creusot");
  assert_string_equal(g.zKind, "bourse");
  assert_int_equal(g.amount, 1200050);
  assert_int_equal(g.years, 3);
  assert_string_equal(g.zStart, "2023-11-01");
  assert_int_equal(g.isPublic, 1);
  assert_true(fabs(g.fte - 0.5) < 1e-12);
  assert_string_equal(g.zNote, "ligne 1\nligne 2");
  req_free(req);
}

static void test_every_bad_field_reported_at_once(void **state)
{
  (void)state;
  static const char *const az[] = {
    "nom", "", "type", "autre", "montant", "12,345", "annees", "99",
    "debut", "2026-02-30", "etp", "deux", NULL};
  Req *req = form_req(az);
  Grant g;
  KitErrors e = {0};
  assert_int_equal(kit_read(req, aGrant, &g, &e), 6);
  assert_non_null(strstr(kit_error_of(&e, "nom"), "obligatoire"));
  assert_non_null(strstr(kit_error_of(&e, "type"), "autre"));
  assert_non_null(strstr(kit_error_of(&e, "montant"), "deux décimales"));
  assert_non_null(strstr(kit_error_of(&e, "annees"), "entre 1 et 10"));
  assert_non_null(strstr(kit_error_of(&e, "debut"), "date invalide"));
  assert_non_null(strstr(kit_error_of(&e, "etp"), "nombre"));
  assert_null(kit_error_of(&e, "note"));
  /* a refused record still has every member set: texts as typed */
  assert_string_equal(g.zName, "");
  assert_string_equal(g.zKind, "autre");
  assert_string_equal(g.zStart, "2026-02-30");
  assert_true(g.amount == KIT_UNSET && g.years == KIT_UNSET);
  assert_true(isnan(g.fte));
  /* the page shows them all, each linked to its field, and the field
  ** itself carries its message */
  kit_error_box(req, &e);
  kit_input(req, &e, "montant", "Montant", "text", "12,345", NULL);
  const char *z = str_text(req_body(req));
  assert_non_null(strstr(z, "href=\"#f-nom\""));
  assert_non_null(strstr(z, "href=\"#f-debut\""));
  assert_non_null(strstr(z, "aria-invalid=\"true\""));
  assert_non_null(strstr(z, "<p class=\"field-msg\" id=\"f-montant-err\">"));
  req_free(req);
}

static void test_json_body_reads_the_same_record(void **state)
{
  (void)state;
  Req *req = json_req("{\"name\": \"Prime\", \"type\": \"prime\", \"note\": 1, "
                      "\"montant\": \"1 500\", \"annees\": 2, "
                      "\"public\": true, \"etp\": 0.8}");
  Grant g;
  KitErrors e = {0};
  assert_int_equal(kit_read(req, aGrant, &g, &e), 0);
  assert_string_equal(g.zName, "Prime");          /* former key "name" */
  assert_int_equal(g.amount, 150000);
  assert_int_equal(g.years, 2);
  assert_int_equal(g.isPublic, 1);
  assert_true(fabs(g.fte - 0.8) < 1e-12);
  assert_string_equal(g.zStart, "");               /* absent, optional */
  /* the former spelling marks the answer deprecated */
  int isDeprecated = 0;
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    if (!strcmp(h->zName, "Deprecation")) isDeprecated = 1;
  }
  assert_true(isDeprecated);
  int nDeprecation = 0;
  kit_deprecated(req);                              /* said once only */
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    if (!strcmp(h->zName, "Deprecation")) nDeprecation++;
  }
  assert_int_equal(nDeprecation, 1);
  req_free(req);
  /* a "_centimes" key takes integer cents */
  static const KitField aCents[] = {
    {"montant_centimes", "Montant", KIT_CENTS, 0, 0, 0, 0, 0, 0}, {0}};
  int64_t c;
  KitErrors e2 = {0};
  req = json_req("{\"montant_centimes\": 733333}");
  assert_int_equal(kit_read(req, aCents, &c, &e2), 0);
  assert_int_equal(c, 733333);
  req_free(req);
}

static void test_json_errors_listed_in_one_reply(void **state)
{
  (void)state;
  Req *req = json_req("{\"type\": [1], \"montant\": \"-5\"}");
  Grant g;
  KitErrors e = {0};
  assert_int_equal(kit_read(req, aGrant, &g, &e), 3);
  kit_reply_errors(req, &e);
  assert_int_equal(req->status, 400);
  json_t *p = json_loads(str_text(&req->out), 0, NULL);
  assert_non_null(p);
  json_t *pErr = json_object_get(p, "error");
  assert_string_equal(json_string_value(json_object_get(pErr, "code")),
                      "saisie_invalide");
  assert_string_equal(json_string_value(json_object_get(pErr, "field")),
                      "nom");
  assert_int_equal(json_array_size(json_object_get(pErr, "errors")), 3);
  json_decref(p);
  req_free(req);
}

static void test_control_ids_unique_within_a_page(void **state)
{
  (void)state;
  Req *req = form_req(NULL);
  kit_input(req, NULL, "commune", "Commune du terrain", "text", "", NULL);
  kit_input(req, NULL, "commune", "Commune du logement", "text", "<b>", NULL);
  const char *z = str_text(req_body(req));
  assert_non_null(strstr(z, "id=\"f-commune\""));
  assert_non_null(strstr(z, "id=\"f-commune-2\""));
  assert_non_null(strstr(z, "for=\"f-commune-2\""));
  assert_non_null(strstr(z, "value=\"&lt;b&gt;\""));
  req_free(req);
}

/* The error box links to "f-NAME": that id goes to the refused form's
** control even when another form of the page shows the same name first. */
static void test_error_box_links_land_on_the_refused_form(void **state)
{
  (void)state;
  Req *req = form_req(NULL);
  KitErrors e = {0};
  kit_error_add(req, &e, "annee", "Année : entre 2000 et 2100");
  kit_error_box(req, &e);
  kit_input(req, NULL, "annee", "Année du budget", "number", "", NULL);
  kit_input_ex(req, &e, "annee", "Année de l'indicateur", "number", "1999",
               NULL, "min=\"2000\" max=\"2100\" required");
  const char *z = str_text(req_body(req));
  assert_non_null(strstr(z, "href=\"#f-annee\""));
  assert_non_null(strstr(z, "id=\"f-annee-2\" name=\"annee\" value=\"\""));
  assert_non_null(strstr(z, "id=\"f-annee\" name=\"annee\" value=\"1999\" "
                            "step=\"any\" min=\"2000\" max=\"2100\" "
                            "required aria-invalid=\"true\""));
  req_free(req);
}

static void test_breadcrumb_marks_the_current_page(void **state)
{
  (void)state;
  Req *req = form_req(NULL);
  kit_breadcrumb(req, "Centres", "/centres", "Centre <Autun>", NULL, NULL);
  assert_string_equal(str_text(req_body(req)),
      "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><ol>"
      "<li><a href=\"/centres\">Centres</a></li>"
      "<li aria-current=\"page\">Centre &lt;Autun&gt;</li></ol></nav>\n");
  req_free(req);
}

/* A wide table: a focusable region named by its caption, escaped. */
static void test_table_scrolls_in_a_named_region(void **state)
{
  (void)state;
  Req *req = form_req(NULL);
  kit_table_begin(req, "occ", "small", "Chambres <occupées>");
  kit_table_end(req);
  assert_string_equal(str_text(req_body(req)),
      "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"occ\">\n<table class=\"small\">\n"
      "<caption id=\"occ\">Chambres &lt;occupées&gt;</caption>\n"
      "</table>\n</div>\n");
  req_free(req);
}

/* An empty list says so (or nothing); else its table opens with the
** caption and heads, number columns marked "num", all escaped. */
static void test_list_table_or_empty_line(void **state)
{
  (void)state;
  static const char *const azHead[] = {"Nom", "#Montant <€>", NULL};
  Req *req = form_req(NULL);
  assert_int_equal(kit_list_begin(req, 0, "Rien <encore>.", "table-stack",
                                  "Aides", azHead), 0);
  assert_int_equal(kit_list_begin(req, 0, NULL, "table-stack", "Aides",
                                  azHead), 0);
  assert_string_equal(str_text(req_body(req)),
                      "<p class=\"muted\">Rien &lt;encore&gt;.</p>\n");
  req_free(req);
  req = form_req(NULL);
  assert_int_equal(kit_list_begin(req, 2, "Rien.", "table-stack",
                                  "Aides & primes", azHead), 1);
  kit_list_end(req);
  assert_string_equal(str_text(req_body(req)),
      "<table class=\"table-stack\">\n<caption>Aides &amp; primes</caption>"
      "\n<thead><tr><th scope=\"col\">Nom</th><th scope=\"col\" "
      "class=\"num\">Montant &lt;€&gt;</th></tr></thead>\n<tbody>\n"
      "</tbody>\n</table>\n");
  req_free(req);
}

/* A lookup that found its record goes on; a missing one is a 404 saying
** the page's own words, unless the store already said why. */
static void test_found_or_reply(void **state)
{
  (void)state;
  Req *req = form_req(NULL);
  Err err = {0};
  assert_int_equal(kit_found_or_reply(req, 0, &err, "Page introuvable."), 1);
  assert_int_equal(kit_found_or_reply(req, ERR_NOTFOUND, &err,
                                      "Page introuvable."), 0);
  assert_int_equal(req->status, 404);
  assert_string_equal(err.zMsg, "Page introuvable.");
  req_free(req);
  req = form_req(NULL);
  Err err2 = {0};
  err_set(&err2, ERR_NOTFOUND, "commune inconnue");
  assert_int_equal(kit_found_or_reply(req, ERR_NOTFOUND, &err2, "Autre."),
                   0);
  assert_string_equal(err2.zMsg, "commune inconnue");
  req_free(req);
}

static void test_money_parse_and_format(void **state)
{
  (void)state;
  int64_t c;
  const char *zWhy;
  char z[48];
  assert_int_equal(money_parse("12 000", 0, &c, &zWhy), 0);
  assert_int_equal(c, 1200000);
  assert_int_equal(money_parse("1 234,5 €", 0, &c, &zWhy), 0);
  assert_int_equal(c, 123450);
  assert_int_equal(money_parse("1.234,56", 0, &c, &zWhy), 0);
  assert_int_equal(c, 123456);
  assert_int_equal(money_parse("7333.33", 0, &c, &zWhy), 0);
  assert_int_equal(c, 733333);
  assert_int_equal(money_parse("12\xE2\x80\xAF" "000\xC2\xA0€", 0, &c, &zWhy), 0);
  assert_int_equal(c, 1200000);
  assert_int_equal(money_parse("-5", 0, &c, &zWhy), -1);
  assert_non_null(strstr(zWhy, "négatif"));
  assert_int_equal(money_parse("-5", 1, &c, &zWhy), 0);
  assert_int_equal(c, -500);
  assert_int_equal(money_parse("1,234", 0, &c, &zWhy), -1);
  assert_int_equal(money_parse("abc", 0, &c, &zWhy), -1);
  assert_int_equal(money_parse("", 0, &c, &zWhy), -1);
  assert_int_equal(money_parse("1e9", 0, &c, &zWhy), -1);
  assert_int_equal(money_parse("999999999999999", 0, &c, &zWhy), -1);
  assert_string_equal(money_format(1200000, z, sizeof z),
                      "12\xE2\x80\xAF" "000\xC2\xA0€");
  assert_string_equal(money_format(733333, z, sizeof z),
                      "7\xE2\x80\xAF" "333,33\xC2\xA0€");
  assert_string_equal(money_format(-50, z, sizeof z), "-0,50\xC2\xA0€");
  assert_string_equal(money_format(0, z, sizeof z), "0\xC2\xA0€");
  /* format then parse gives the amount back */
  for (int64_t v = 0; v < 2000000; v += 12347) {
    assert_int_equal(money_parse(money_format(v, z, sizeof z), 0, &c, &zWhy),
                     0);
    assert_int_equal(c, v);
  }
}

static void test_one_clock_pinned_by_oasis_now(void **state)
{
  (void)state;
  char z[11];
  int64_t t;
  unsetenv("OASIS_TODAY");
  setenv("OASIS_NOW", "2026-03-02T09:00:00Z", 1);
  assert_int_equal(clock_now(), 1772442000);
  assert_string_equal(clock_today_iso(z), "2026-03-02");
  setenv("OASIS_NOW", "2026-11-23", 1);
  assert_string_equal(clock_today_iso(z), "2026-11-23");
  assert_int_equal(caldate_today(), clock_today());
  unsetenv("OASIS_NOW");
  setenv("OASIS_TODAY", "2031-07-14", 1);        /* the older spelling */
  assert_string_equal(clock_today_iso(z), "2031-07-14");
  setenv("OASIS_TODAY", "n'importe quoi", 1);    /* ignored: the real clock */
  assert_string_not_equal(clock_today_iso(z), "2031-07-14");
  unsetenv("OASIS_TODAY");
  assert_int_equal(clock_parse("2026-02-30", &t), -1);
  assert_int_equal(clock_parse("2026-02-28T25:00", &t), -1);
  assert_int_equal(clock_parse("2026-02-28T23:59", &t), 0);
}

static void test_french_formats(void **state)
{
  (void)state;
  Req *req = form_req(NULL);
  assert_string_equal(kit_date_fr(req, "2023-11-01"), "01/11/2023");
  assert_string_equal(kit_date_fr(req, "2023-11-01T10:00:00Z"), "01/11/2023");
  assert_string_equal(kit_date_fr(req, "bientôt"), "bientôt");
  assert_string_equal(kit_date_fr(req, "2026-02-30"), "2026-02-30");
  assert_string_equal(kit_date_fr(req, NULL), "");
  /* the long form, as written in a letter */
  assert_string_equal(kit_date_long(req, "2026-12-03"), "3 décembre 2026");
  assert_string_equal(kit_date_long(req, "2026-03-01"), "1er mars 2026");
  assert_string_equal(kit_date_long(req, "2026-08-15T10:00:00Z"),
                      "15 août 2026");
  assert_string_equal(kit_date_long(req, "2026-13-01"), "2026-13-01");
  assert_string_equal(kit_date_long(req, ""), "");
  assert_string_equal(kit_datetime_fr(req, "2026-11-23T09:05:00Z"),
                      "23/11/2026 09:05 UTC");
  assert_string_equal(kit_datetime_fr(req, "2026-11-23"), "23/11/2026");
  assert_string_equal(kit_datetime_fr(req, "hier"), "hier");
  assert_string_equal(kit_euros_input(req, 123450), "1234,50");
  assert_string_equal(kit_euros_input(req, 1200000), "12000");
  assert_string_equal(kit_euros_input(req, KIT_UNSET), "");
  /* « à Le Creusot » is not French */
  assert_string_equal(kit_a(req, "Le Creusot"), "au Creusot");
  assert_string_equal(kit_a(req, "Les Mureaux"), "aux Mureaux");
  assert_string_equal(kit_a(req, "La Rochelle"), "à La Rochelle");
  assert_string_equal(kit_a(req, "Blois"), "à Blois");
  assert_string_equal(kit_de(req, "Le Creusot"), "du Creusot");
  assert_string_equal(kit_de(req, "Les Mureaux"), "des Mureaux");
  assert_string_equal(kit_de(req, "Autun"), "d'Autun");
  assert_string_equal(kit_de(req, "Épinal"), "d'Épinal");
  assert_string_equal(kit_de(req, "L'Isle-Adam"), "de L'Isle-Adam");
  assert_string_equal(kit_de(req, "Blois"), "de Blois");
  assert_string_equal(kit_de(req, "Lens"), "de Lens");
  assert_string_equal(kit_a(req, "Levallois-Perret"), "à Levallois-Perret");
  req_free(req);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_form_record_read_trimmed_and_typed),
    cmocka_unit_test(test_every_bad_field_reported_at_once),
    cmocka_unit_test(test_json_body_reads_the_same_record),
    cmocka_unit_test(test_json_errors_listed_in_one_reply),
    cmocka_unit_test(test_control_ids_unique_within_a_page),
    cmocka_unit_test(test_error_box_links_land_on_the_refused_form),
    cmocka_unit_test(test_breadcrumb_marks_the_current_page),
    cmocka_unit_test(test_table_scrolls_in_a_named_region),
    cmocka_unit_test(test_list_table_or_empty_line),
    cmocka_unit_test(test_found_or_reply),
    cmocka_unit_test(test_money_parse_and_format),
    cmocka_unit_test(test_one_clock_pinned_by_oasis_now),
    cmocka_unit_test(test_french_formats),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
