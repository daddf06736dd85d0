/*
** tests/unit/test_portal_store.c: the portal's and the plan's store
** functions against a real SQLite database made by the migrations:
** default settings, slugs, registrations (capacity, duplicates, past
** events), the CSV bytes, and the plan's summary sums.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/plan.h"
#include "portal/portal.h"

typedef struct Fixture Fixture;
struct Fixture {
  char zPath[64];
  Store *db;
  Arena *a;
};

static int setup(void **state)
{
  Fixture *f = calloc(1, sizeof *f);
  Err err = {0};
  snprintf(f->zPath, sizeof f->zPath, "/tmp/oasis-portal-XXXXXX");
  int fd = mkstemp(f->zPath);
  if (fd < 0) return -1;
  close(fd);
  unlink(f->zPath);
  f->db = store_open(f->zPath, &err);
  f->a = arena_new();
  *state = f;
  return f->db ? 0 : -1;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  char z[80];
  store_close(f->db);
  arena_free(f->a);
  unlink(f->zPath);
  snprintf(z, sizeof z, "%s-wal", f->zPath);
  unlink(z);
  snprintf(z, sizeof z, "%s-shm", f->zPath);
  unlink(z);
  free(f);
  return 0;
}

static void test_default_settings_pass_their_own_checks(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  PortalSettings s;
  PortalErrors pe = {0};
  const char *zOrigins;
  assert_int_equal(portal_settings_load(f->db, f->a, &s, &err), 0);
  assert_string_equal(s.zName, "Votre territoire");
  assert_string_equal(s.zOrigins, "");
  assert_int_equal(portal_settings_check(f->a, &s, &zOrigins, &pe), 0);
  s.zName = "Loir-et-Cher";
  s.zOrigins = "https://b.example\nhttps://a.example/";
  assert_int_equal(portal_settings_check(f->a, &s, &zOrigins, &pe), 0);
  s.zOrigins = zOrigins;
  assert_int_equal(portal_settings_save(f->db, &s, &err), 0);
  PortalSettings t;
  assert_int_equal(portal_settings_load(f->db, f->a, &t, &err), 0);
  assert_string_equal(t.zName, "Loir-et-Cher");
  assert_string_equal(t.zOrigins, "https://b.example https://a.example");
}

static void test_page_slug_is_unique_and_drafts_are_hidden(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  PortalPage p = {0, "vivre-ici", "Vivre ici", "**oui**", 0, NULL};
  assert_int_equal(portal_page_save(f->db, &p, &err), 0);
  assert_true(p.id > 0);
  PortalPage q = {0, "vivre-ici", "Autre", "", 1, NULL};
  assert_int_equal(portal_page_save(f->db, &q, &err), ERR_INPUT);
  assert_string_equal(err.zField, "slug");
  PortalPage *a;
  int n, nAll;
  assert_int_equal(portal_page_list(f->db, f->a, 1, &a, &n, &err), 0);
  assert_int_equal(portal_page_list(f->db, f->a, 0, &a, &nAll, &err), 0);
  assert_int_equal(nAll, n + 1);            /* the draft, on top of defaults */
  p.isPublished = 1;
  err_clear(&err);
  assert_int_equal(portal_page_save(f->db, &p, &err), 0);
  assert_int_equal(portal_page_list(f->db, f->a, 1, &a, &n, &err), 0);
  assert_int_equal(n, nAll);
  assert_int_equal(portal_page_delete(f->db, p.id, &err), 0);
  assert_int_equal(portal_page_delete(f->db, p.id, &err), ERR_NOTFOUND);
}

static void test_registrations_capacity_duplicates_past_and_csv(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  PortalEvent e = {0, "salon", "Salon; \"jeunes\"", "2030-05-02", "", "",
                   "", 2, 1, 0};
  PortalErrors pe = {0};
  assert_int_equal(portal_event_check(&e, "2030-05-03", &pe), 1);
  assert_non_null(portal_error(&pe, "date"));
  assert_int_equal(portal_event_save(f->db, &e, &err), 0);
  PortalRegistration r1 = {0, 0, "=Léa", "lea@exemple.fr", "medecin", 1, 0};
  PortalRegistration r2 = {0, 0, "Paul", "LEA@exemple.fr", "interne", 1, 0};
  assert_int_equal(portal_register(f->db, &e, &r1, "2030-05-01", &err), 0);
  assert_int_equal(portal_register(f->db, &e, &r2, "2030-05-01", &err),
                   ERR_INPUT);
  assert_string_equal(err.zField, "email");      /* same address, any case */
  err_clear(&err);
  assert_int_equal(portal_event_get(f->db, f->a, e.id, &e, &err), 0);
  assert_int_equal(e.nRegistered, 1);
  r2.zEmail = "paul@exemple.fr";
  assert_int_equal(portal_register(f->db, &e, &r2, "2030-05-03", &err),
                   ERR_INPUT);                    /* the event is past */
  assert_string_equal(err.zField, "event");
  err_clear(&err);
  assert_int_equal(portal_register(f->db, &e, &r2, "2030-05-02", &err), 0);
  assert_int_equal(portal_event_get(f->db, f->a, e.id, &e, &err), 0);
  PortalRegistration r3 = {0, 0, "Zoé", "zoe@exemple.fr", "autre", 1, 0};
  assert_int_equal(portal_register(f->db, &e, &r3, "2030-05-01", &err),
                   ERR_INPUT);                    /* full: capacity 2 */
  assert_non_null(strstr(err.zMsg, "complet"));

  Str csv = STR_INIT;
  assert_int_equal(portal_registrations_csv(f->db, f->a, &e, &csv, &err), 0);
  const char *z = str_text(&csv);
  assert_memory_equal(z, "\xEF\xBB\xBFNom;", 7);
  assert_non_null(strstr(z, "\r\n\"'=Léa\";lea@exemple.fr;Médecin;"));
  assert_non_null(strstr(z, ";\"Salon; \"\"jeunes\"\"\";2030-05-02\r\n"));
  assert_non_null(strstr(z, "\r\nPaul;paul@exemple.fr;Interne;"));
  str_free(&csv);

  assert_int_equal(portal_registration_delete(f->db, e.id, r2.id, &err), 0);
  assert_int_equal(portal_registration_delete(f->db, e.id, r2.id, &err),
                   ERR_NOTFOUND);
}

static void test_plan_summary_sums_entries_exactly(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  PlanAction a1 = {0, "Bourses", "", 0, 0, {0}};
  PlanAction a2 = {0, "Centres", "", 0, 0, {0}};
  assert_int_equal(plan_action_save(f->db, &a1, &err), 0);
  assert_int_equal(plan_action_save(f->db, &a2, &err), 0);
  PlanBudget b[] = {{a1.id, 2026, 10}, {a1.id, 2027, 20}, {a2.id, 2026, 1}};
  for (int i = 0; i < 3; i++) {
    assert_int_equal(plan_budget_set(f->db, &b[i], &err), 0);
  }
  PlanBudget bad = {a1.id, 2026, -1};
  assert_int_equal(plan_budget_set(f->db, &bad, &err), ERR_INPUT);
  err_clear(&err);
  /* 10 entries of 0,10 € each: exactly 1 €, no floating drift */
  for (int i = 0; i < 10; i++) {
    PlanSpend s = {0, a2.id, "2027-01-15", 10, "café", };
    assert_int_equal(plan_spend_add(f->db, &s, &err), 0);
  }
  PlanOutput o1 = {0, a1.id, "installes", 2026, 3};
  PlanOutput o2 = {0, 0, "installes", 2027, 1};
  PlanOutput o3 = {0, 0, "installes", 2027, 2};   /* replaces o2 */
  assert_int_equal(plan_output_set(f->db, &o1, &err), 0);
  assert_int_equal(plan_output_set(f->db, &o2, &err), 0);
  assert_int_equal(plan_output_set(f->db, &o3, &err), 0);
  PlanSummary s;
  assert_int_equal(plan_summary_load(f->db, f->a, &s, &err), 0);
  assert_int_equal(s.nAction, 2);
  assert_int_equal(s.budgetCents, 31);
  assert_int_equal(s.spentCents, 100);
  assert_int_equal(s.aOutput[0], 5);
  assert_int_equal(s.nYear, 2);
  assert_int_equal(s.aYear[0].year, 2026);
  assert_int_equal(s.aYear[0].budgetCents, 11);
  assert_int_equal(s.aYear[1].spentCents, 100);
  assert_int_equal(s.aYear[1].aOutput[0], 2);
  assert_int_equal(s.aAction[1].spentCents, 100);
  /* deleting an action removes its lines (foreign keys) */
  assert_int_equal(plan_action_delete(f->db, a2.id, &err), 0);
  assert_int_equal(plan_summary_load(f->db, f->a, &s, &err), 0);
  assert_int_equal(s.spentCents, 0);
  assert_int_equal(s.budgetCents, 30);
  Str x = STR_INIT;
  assert_int_equal(plan_xlsx(&s, "Test", &x, &err), 0);
  assert_true(x.n > 1000);
  assert_memory_equal(x.z, "PK", 2);
  str_free(&x);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(
        test_default_settings_pass_their_own_checks, setup, teardown),
    cmocka_unit_test_setup_teardown(
        test_page_slug_is_unique_and_drafts_are_hidden, setup, teardown),
    cmocka_unit_test_setup_teardown(
        test_registrations_capacity_duplicates_past_and_csv, setup, teardown),
    cmocka_unit_test_setup_teardown(
        test_plan_summary_sums_entries_exactly, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
