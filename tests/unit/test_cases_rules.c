/*
** tests/unit/test_cases_rules.c: the guichet unique's pure rules -- form
** validation, state machine, references, clock, reminders, attachment
** checks, quantiles and statistics.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"

/* cmocka 1.1 compares floats only; the figures here need doubles. */
#define assert_double_equal(a, b, eps) \
  assert_true(fabs((double)(a) - (double)(b)) <= (eps))

static int64_t at(const char *z)
{
  int64_t t = 0;
  assert_int_equal(case_time_parse(z, &t), 0);
  return t;
}

static CaseRequest valid_request(void)
{
  CaseRequest r = {0};
  r.zFirstName = "Camille";
  r.zLastName = "Durand";
  r.zEmail = "camille.durand@exemple.fr";
  r.zPhone = "05 55 12 34 56";
  r.zProfession = "medecin_generaliste";
  r.zStatus = "interne";
  r.zProject = "installation";
  r.zTerritoryKind = "commune";
  r.zTerritoryCode = "15014";
  r.zTerritoryLabel = "Aurillac";
  r.zWishedDate = "2026-09";
  r.azNeed[0] = "logement";
  r.azNeed[1] = "emploi_conjoint";
  r.nNeed = 2;
  r.zMessage = "Installation en MSP avec ma conjointe.";
  r.hasConsent = 1;
  r.zChannel = "formulaire";
  return r;
}

static void test_valid_request_has_no_error(void **state)
{
  (void)state;
  CaseRequest r = valid_request();
  CaseFormErrors e = {0};
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e), 0);
}

/* Each invalid field gets its own French message, the others none. */
static void test_each_invalid_field_gets_its_message(void **state)
{
  (void)state;
  CaseRequest r = valid_request();
  r.zFirstName = "";
  r.zEmail = "camille@exemple";           /* no dot in the domain */
  r.zPhone = "12345";
  r.zProfession = "astronaute";
  r.zTerritoryCode = "1501";              /* 4 characters */
  r.zWishedDate = "2026-01";              /* before March 2026 */
  r.nNeed = 0;
  r.hasConsent = 0;
  CaseFormErrors e = {0};
  int n = case_request_validate(&r, at("2026-03-15"), &e);
  assert_int_equal(n, 8);
  assert_non_null(strstr(case_form_error(&e, "prenom"), "prénom"));
  assert_non_null(strstr(case_form_error(&e, "email"), "invalide"));
  assert_non_null(strstr(case_form_error(&e, "telephone"), "10 chiffres"));
  assert_non_null(case_form_error(&e, "profession"));
  assert_non_null(strstr(case_form_error(&e, "territoire_code"), "5"));
  assert_non_null(case_form_error(&e, "date_souhaitee"));
  assert_non_null(strstr(case_form_error(&e, "besoins"), "au moins"));
  assert_non_null(case_form_error(&e, "consentement"));
  assert_null(case_form_error(&e, "nom"));
  assert_null(case_form_error(&e, "statut"));
}

static void test_contact_needs_email_or_phone(void **state)
{
  (void)state;
  CaseRequest r = valid_request();
  CaseFormErrors e = {0};
  r.zEmail = "";
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e), 0);
  r.zPhone = "";
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e), 1);
  assert_non_null(case_form_error(&e, "email"));
  CaseFormErrors e2 = {0};
  r.zPhone = "+33 5 55 12 34 56";
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e2), 0);
}

static void test_undecided_territory_needs_no_name_and_corsica_codes(void **s)
{
  (void)s;
  CaseRequest r = valid_request();
  CaseFormErrors e = {0};
  r.zTerritoryKind = "indecis";
  r.zTerritoryLabel = "";
  r.zTerritoryCode = "";
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e), 0);
  r.zTerritoryKind = "commune";
  r.zTerritoryLabel = "Ajaccio";
  r.zTerritoryCode = "2A004";
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e), 0);
  r.zTerritoryKind = "epci";
  r.zTerritoryCode = "2A004";             /* an EPCI needs a SIREN */
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e), 1);
}

static void test_duplicate_or_unknown_needs_are_refused(void **state)
{
  (void)state;
  CaseRequest r = valid_request();
  CaseFormErrors e = {0};
  r.azNeed[1] = "logement";
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e), 1);
  CaseFormErrors e2 = {0};
  r.azNeed[1] = "piscine";
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e2), 1);
}

static void test_message_limit_counts_characters_not_bytes(void **state)
{
  (void)state;
  CaseRequest r = valid_request();
  size_t n = 4000;
  char *z = malloc(2 * n + 3);
  for (size_t i = 0; i < n; i++) memcpy(z + 2 * i, "é", 2);
  z[2 * n] = 0;
  r.zMessage = z;
  CaseFormErrors e = {0};
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e), 0);
  z[2 * n - 2] = 0;
  strcat(z, "éé");                        /* 4001 characters */
  CaseFormErrors e2 = {0};
  assert_int_equal(case_request_validate(&r, at("2026-03-15"), &e2), 1);
  assert_non_null(case_form_error(&e2, "message"));
  free(z);
}

static void test_state_machine_edges(void **state)
{
  (void)state;
  Err err = {0};
  CaseClose inst = {"installe", "15014", "2026-09-01"};
  CaseClose none = {"sans_suite", NULL, NULL};
  assert_int_equal(case_transition_check("nouveau", "en_cours", NULL, "", &err), 0);
  assert_int_equal(case_transition_check("en_cours", "attente_partenaire", NULL,
                                         "", &err), 0);
  assert_int_equal(case_transition_check("attente_partenaire", "en_cours", NULL,
                                         "", &err), 0);
  assert_int_equal(case_transition_check("en_cours", "clos", &inst, "", &err), 0);
  assert_int_equal(case_transition_check("nouveau", "clos", &none, "", &err), 0);
  /* nothing returns to "nouveau"; a state does not go to itself */
  Err e1 = {0};
  assert_int_equal(case_transition_check("en_cours", "nouveau", NULL, "", &e1),
                   ERR_INPUT);
  assert_non_null(strstr(e1.zMsg, "impossible"));
  Err e2 = {0};
  assert_int_equal(case_transition_check("en_cours", "en_cours", NULL, "", &e2),
                   ERR_INPUT);
  /* a closed dossier only reopens, with a reason */
  Err e3 = {0};
  assert_int_equal(case_transition_check("clos", "attente_demandeur", NULL,
                                         "raison", &e3), ERR_INPUT);
  Err e4 = {0};
  assert_int_equal(case_transition_check("clos", "en_cours", NULL, "", &e4),
                   ERR_INPUT);
  assert_string_equal(e4.zField, "raison");
  Err e5 = {0};
  assert_int_equal(case_transition_check("clos", "en_cours", NULL,
                                         "Nouveau projet", &e5), 0);
}

static void test_closing_needs_outcome_and_installation_details(void **state)
{
  (void)state;
  Err e1 = {0}, e2 = {0}, e3 = {0}, e4 = {0};
  CaseClose noOutcome = {NULL, NULL, NULL};
  CaseClose noCommune = {"installe", "", "2026-09-01"};
  CaseClose badDate = {"installe", "15014", "2026-02-30"};
  assert_int_equal(case_transition_check("en_cours", "clos", &noOutcome, "",
                                         &e1), ERR_INPUT);
  assert_string_equal(e1.zField, "issue");
  assert_int_equal(case_transition_check("en_cours", "clos", &noCommune, "",
                                         &e2), ERR_INPUT);
  assert_string_equal(e2.zField, "commune");
  assert_int_equal(case_transition_check("en_cours", "clos", &badDate, "",
                                         &e3), ERR_INPUT);
  assert_string_equal(e3.zField, "date_installation");
  CaseClose unknown = {"vacances", NULL, NULL};
  assert_int_equal(case_transition_check("en_cours", "clos", &unknown, "",
                                         &e4), ERR_INPUT);
}

static void test_reference_format_and_parse(void **state)
{
  (void)state;
  char z[16];
  int y, s;
  assert_string_equal(case_ref_format(2026, 42, z), "BD-2026-0042");
  assert_int_equal(case_ref_parse("BD-2026-0042", &y, &s), 0);
  assert_int_equal(y, 2026);
  assert_int_equal(s, 42);
  assert_string_equal(case_ref_format(2026, 12345, z), "BD-2026-12345");
  assert_int_equal(case_ref_parse("BD-2026-12345", &y, &s), 0);
  assert_int_equal(s, 12345);
  assert_int_equal(case_ref_parse("BD-2026-42", &y, &s), ERR_INPUT);
  assert_int_equal(case_ref_parse("XX-2026-0042", &y, &s), ERR_INPUT);
  assert_int_equal(case_ref_parse("BD-2026-0000", &y, &s), ERR_INPUT);
}

static void test_time_parse_rejects_impossible_dates(void **state)
{
  (void)state;
  int64_t t;
  char z[24];
  assert_int_equal(case_time_parse("2024-02-29", &t), 0);
  assert_string_equal(case_time_format(t, z), "2024-02-29T00:00:00Z");
  assert_int_equal(case_time_parse("2025-02-29", &t), ERR_INPUT);
  assert_int_equal(case_time_parse("2026-13-01", &t), ERR_INPUT);
  assert_int_equal(case_time_parse("2026-03-15T25:00", &t), ERR_INPUT);
  assert_int_equal(case_time_parse("2026-03-15T10:20:30Z", &t), 0);
  assert_string_equal(case_time_format(t, z), "2026-03-15T10:20:30Z");
  assert_int_equal(case_time_parse("15/03/2026", &t), ERR_INPUT);
}

static void test_add_years_handles_leap_day(void **state)
{
  (void)state;
  char z[24];
  assert_string_equal(case_time_format(case_add_years(at("2024-02-29"), 3), z),
                      "2027-02-28T00:00:00Z");
  assert_string_equal(case_time_format(case_add_years(at("2026-06-30T12:00"),
                                                      -3), z),
                      "2023-06-30T12:00:00Z");
}

static void test_clock_follows_oasis_now(void **state)
{
  (void)state;
  setenv("OASIS_NOW", "2031-01-02T03:04:05Z", 1);
  assert_int_equal(case_clock_now(), at("2031-01-02T03:04:05Z"));
  setenv("OASIS_NOW", "n'importe quoi", 1);
  assert_true(case_clock_now() != at("2031-01-02T03:04:05Z"));
  unsetenv("OASIS_NOW");
  setenv("OASIS_CASES_RETENTION_YEARS", "5", 1);
  assert_int_equal(case_retention_years(), 5);
  setenv("OASIS_CASES_RETENTION_YEARS", "0", 1);
  assert_int_equal(case_retention_years(), CASE_RETENTION_YEARS);
  unsetenv("OASIS_CASES_RETENTION_YEARS");
}

static void test_idle_levels_at_9_and_21_days(void **state)
{
  (void)state;
  int64_t t0 = at("2026-03-01T10:00");
  assert_int_equal(case_idle_level(t0, at("2026-03-10T09:59")), 0);
  assert_int_equal(case_idle_level(t0, at("2026-03-10T10:00")), 9);
  assert_int_equal(case_idle_level(t0, at("2026-03-22T09:00")), 9);
  assert_int_equal(case_idle_level(t0, at("2026-03-22T10:00")), 21);
  assert_int_equal(case_idle_level(t0, at("2026-09-01")), 21);
}

static void test_attachment_checks_size_type_and_content(void **state)
{
  (void)state;
  const unsigned char aPdf[] = "%PDF-1.7 ...";
  const unsigned char aPng[] = "\x89PNG\r\n";
  Err e = {0};
  assert_int_equal(case_attachment_check("diplome.pdf", "application/pdf",
                                         aPdf, sizeof aPdf, &e), 0);
  assert_int_equal(case_attachment_check("photo.PNG", "application/octet-stream",
                                         aPng, sizeof aPng, &e), 0);
  Err e1 = {0};
  assert_int_equal(case_attachment_check("script.exe", "", aPdf, sizeof aPdf,
                                         &e1), ERR_INPUT);
  assert_non_null(strstr(e1.zMsg, "refusé"));
  Err e2 = {0};                          /* a PNG named .pdf */
  assert_int_equal(case_attachment_check("faux.pdf", "", aPng, sizeof aPng,
                                         &e2), ERR_INPUT);
  assert_non_null(strstr(e2.zMsg, "contenu"));
  Err e3 = {0};
  assert_int_equal(case_attachment_check("gros.pdf", "application/pdf", aPdf,
                                         CASE_ATTACH_MAX + 1, &e3), ERR_INPUT);
  assert_non_null(strstr(e3.zMsg, "volumineux"));
  Err e4 = {0};
  assert_int_equal(case_attachment_check("../x.pdf", "", aPdf, sizeof aPdf,
                                         &e4), ERR_INPUT);
  Err e5 = {0};
  assert_int_equal(case_attachment_check("d.pdf", "image/png", aPdf,
                                         sizeof aPdf, &e5), ERR_INPUT);
}

static void test_quantile_interpolates_between_ranks(void **state)
{
  (void)state;
  double a[] = {10, 1, 4, 2, 3};
  assert_double_equal(case_quantile(a, 5, 0.5), 3.0, 1e-12);
  double b[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  assert_double_equal(case_quantile(b, 10, 0.5), 5.5, 1e-12);
  assert_double_equal(case_quantile(b, 10, 0.9), 9.1, 1e-12);
  double c[] = {7};
  assert_double_equal(case_quantile(c, 1, 0.9), 7.0, 1e-12);
  assert_double_equal(case_quantile(NULL, 0, 0.5), 0.0, 1e-12);
}

static int find_count(const CaseStats *p, const char *zSem, const char *zDim,
                      const char *zKey)
{
  for (int i = 0; i < p->nCount; i++) {
    if (!strcmp(p->aCount[i].zSemester, zSem) &&
        !strcmp(p->aCount[i].zDim, zDim) && !strcmp(p->aCount[i].zKey, zKey)) {
      return p->aCount[i].n;
    }
  }
  return 0;
}

static void test_stats_by_semester_and_durations(void **state)
{
  (void)state;
  char z[8];
  assert_string_equal(case_semester(at("2026-06-30T23:59"), z), "2026-S1");
  assert_string_equal(case_semester(at("2026-07-01"), z), "2026-S2");
  CaseStatRow a[3] = {
    {at("2026-01-10"), at("2026-01-12"), at("2026-08-10"),
     "medecin_generaliste", "formulaire", "installe", "15014", 1u << 3, 0},
    {at("2026-02-01"), at("2026-02-11"), 0, "interne", "telephone", "", "",
     (1u << 3) | (1u << 0), 0},
    {at("2026-07-05"), 0, 0, "medecin_generaliste", "formulaire", "", "", 0,
     0},
  };
  Arena *arena = arena_new();
  CaseStats s;
  case_stats_compute(arena, a, 3, &s);
  assert_int_equal(s.nDossier, 3);
  assert_int_equal(find_count(&s, "2026-S1", "profession",
                              "medecin_generaliste"), 1);
  assert_int_equal(find_count(&s, "2026-S2", "profession",
                              "medecin_generaliste"), 1);
  assert_int_equal(find_count(&s, "2026-S1", "canal", "formulaire"), 1);
  assert_int_equal(find_count(&s, "2026-S1", "besoin", "logement"), 2);
  assert_int_equal(find_count(&s, "2026-S1", "besoin", "demarches"), 1);
  /* the outcome counts in the semester of closure */
  assert_int_equal(find_count(&s, "2026-S2", "issue", "installe"), 1);
  assert_int_equal(find_count(&s, "2026-S1", "issue", "installe"), 0);
  assert_int_equal(s.firstContact.n, 2);
  assert_double_equal(s.firstContact.median, 6.0, 1e-9);   /* (2 + 10) / 2 */
  assert_double_equal(s.firstContact.p90, 9.2, 1e-9);
  assert_int_equal(s.closure.n, 1);
  assert_double_equal(s.closure.median, 212.0, 1e-9);
  assert_int_equal(s.nCommune, 1);
  assert_string_equal(s.aCommune[0].zKey, "15014");
  assert_int_equal(s.aCommune[0].n, 1);
  assert_int_equal(s.nSettledOutside, 0);

  /* one territory: an installation outside it is said apart, counted in
  ** neither the outcomes nor the communes */
  CaseStatRow b[2] = {a[0], a[0]};
  b[1].zOutcomeCommune = "47323";
  b[1].isOutside = 1;
  case_stats_compute(arena, b, 2, &s);
  assert_int_equal(s.nSettledOutside, 1);
  assert_int_equal(find_count(&s, "2026-S2", "issue", "installe"), 1);
  assert_int_equal(s.nCommune, 1);
  assert_string_equal(s.aCommune[0].zKey, "15014");
  arena_free(arena);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_valid_request_has_no_error),
    cmocka_unit_test(test_each_invalid_field_gets_its_message),
    cmocka_unit_test(test_contact_needs_email_or_phone),
    cmocka_unit_test(test_undecided_territory_needs_no_name_and_corsica_codes),
    cmocka_unit_test(test_duplicate_or_unknown_needs_are_refused),
    cmocka_unit_test(test_message_limit_counts_characters_not_bytes),
    cmocka_unit_test(test_state_machine_edges),
    cmocka_unit_test(test_closing_needs_outcome_and_installation_details),
    cmocka_unit_test(test_reference_format_and_parse),
    cmocka_unit_test(test_time_parse_rejects_impossible_dates),
    cmocka_unit_test(test_add_years_handles_leap_day),
    cmocka_unit_test(test_clock_follows_oasis_now),
    cmocka_unit_test(test_idle_levels_at_9_and_21_days),
    cmocka_unit_test(test_attachment_checks_size_type_and_content),
    cmocka_unit_test(test_quantile_interpolates_between_ranks),
    cmocka_unit_test(test_stats_by_semester_and_durations),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
