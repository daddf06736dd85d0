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

#include "aids/aids.h"
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
                   "", 2, 1, 0, ""};
  PortalErrors pe = {0};
  assert_int_equal(portal_event_check(&e, "2030-05-03", &pe), 1);
  assert_non_null(portal_error(&pe, "date"));
  assert_int_equal(portal_event_save(f->db, &e, &err), 0);
  PortalRegistration r1 = {0, 0, "=Léa", "lea@exemple.fr", "medecin", 1, 0};
  PortalRegistration r2 = {0, 0, "Paul", "LEA@exemple.fr", "interne", 1, 0};
  assert_int_equal(portal_register(f->db, &e, &r1, "2030-05-01", &err), 0);
  /* the same address, any case: nothing added, and the same success as a
  ** new one (r2.id 0 tells the caller; the visitor sees no difference) */
  assert_int_equal(portal_register(f->db, &e, &r2, "2030-05-01", &err), 0);
  assert_int_equal(r2.id, 0);
  assert_true(r1.id > 0);
  assert_int_equal(portal_event_get(f->db, f->a, e.id, &e, &err), 0);
  assert_int_equal(e.nRegistered, 1);
  r2.zEmail = "paul@exemple.fr";
  assert_int_equal(portal_register(f->db, &e, &r2, "2030-05-03", &err),
                   ERR_INPUT);                    /* the event is past */
  assert_string_equal(err.zField, "evenement");
  err_clear(&err);
  assert_int_equal(portal_register(f->db, &e, &r2, "2030-05-02", &err), 0);
  assert_int_equal(portal_event_get(f->db, f->a, e.id, &e, &err), 0);
  PortalRegistration r3 = {0, 0, "Zoé", "zoe@exemple.fr", "autre", 1, 0};
  assert_int_equal(portal_register(f->db, &e, &r3, "2030-05-01", &err),
                   ERR_INPUT);                    /* full: capacity 2 */
  assert_non_null(strstr(err.zMsg, "complet"));

  Str csv = STR_INIT;
  ExpTable *t = portal_registrants_table(f->db, f->a, &e, &err);
  assert_non_null(t);
  assert_int_equal(exp_write(t, EXP_CSV, &csv, &err), 0);
  exp_free(t);
  const char *z = str_text(&csv);
  assert_true(str_starts(z, "\xEF\xBB\xBFNom;Adresse électronique;Profil;"
                            "Inscrit le;Événement;Date de l'événement\r\n"));
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
  PlanAction a1 = {.zName = "Bourses", .zObjective = ""};
  PlanAction a2 = {.zName = "Centres", .zObjective = ""};
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

/* Aid payments recorded through aids.h reach the plan through the
** action's link to their scheme, once however many actions link it; a
** link to a scheme the catalogue does not hold is refused. */
static void test_plan_reads_aid_payments(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  int n;
  assert_int_equal(aid_load_dir(f->db, "data/aids", &n, &err), 0);
  const char *zAid = "loir-et-cher-bourse-internes";
  AidCommitment c = {0};
  snprintf(c.zAid, sizeof c.zAid, "%s", zAid);
  snprintf(c.zBeneficiary, sizeof c.zBeneficiary, "Interne Test");
  snprintf(c.zSigned, sizeof c.zSigned, "2025-10-01");
  snprintf(c.zStart, sizeof c.zStart, "2026-11-01");
  snprintf(c.zEnd, sizeof c.zEnd, "2031-11-01");
  snprintf(c.zPlace, sizeof c.zPlace, "41018");
  c.amountCents = 360000;
  long long id;
  assert_int_equal(aid_commit_create(f->db, &c, &id, &err), 0);
  assert_int_equal(aid_commit_pay(f->db, id, "2025-11-05", 30010, &err), 0);
  assert_int_equal(aid_commit_pay(f->db, id, "2026-01-05", 30025, &err), 0);
  assert_int_equal(aid_commit_close(f->db, id, AID_CS_HONOURED, &err), 0);

  PlanAction a1 = {.zName = "Bourses", .zObjective = ""};
  PlanAction a2 = {.zName = "Autre", .zObjective = ""};
  assert_int_equal(plan_action_save(f->db, &a1, &err), 0);
  assert_int_equal(plan_action_save(f->db, &a2, &err), 0);
  const char *zLabel;
  assert_int_equal(plan_target_check(f->db, f->a, "aide", "inconnue", &zLabel,
                                     &err), ERR_INPUT);
  assert_string_equal(err.zField, "objet");
  err_clear(&err);
  assert_int_equal(plan_target_check(f->db, f->a, "aide", zAid, &zLabel,
                                     &err), 0);
  PlanLink l1 = {.actionId = a1.id, .zKind = "aide", .zTarget = zAid,
                 .zLabel = zLabel};
  PlanLink l2 = {.actionId = a2.id, .zKind = "aide", .zTarget = zAid,
                 .zLabel = ""};
  assert_int_equal(plan_link_add(f->db, &l1, &err), 0);
  assert_int_equal(plan_link_add(f->db, &l2, &err), 0);

  PlanSummary s;
  assert_int_equal(plan_summary_load(f->db, f->a, &s, &err), 0);
  assert_int_equal(s.aSpent[PLAN_SRC_AIDES], 30010 + 30025);
  assert_int_equal(s.spentCents, 60035);          /* counted once */
  assert_int_equal(s.aAction[0].spentCents, 60035);
  assert_int_equal(s.aAction[1].spentCents, 60035);
  assert_int_equal(s.unlinkedCents, 0);
  assert_int_equal(s.nYear, 2);
  assert_int_equal(s.aYear[0].year, 2025);
  assert_int_equal(s.aYear[0].spentCents, 30010);
  assert_int_equal(s.aYear[0].facts.nSigned, 1);
  assert_int_equal(s.aYear[1].spentCents, 30025);
  assert_int_equal(s.facts.nSigned, 1);
  assert_int_equal(s.facts.nHonoured, 1);
  assert_int_equal(s.aAction[0].facts.nSigned, 1);
  assert_int_equal(s.aOutput[1], 1);              /* engagements */
  /* unlinking leaves the payment visible as not attached to any action */
  PlanLink *aL;
  int nL;
  assert_int_equal(plan_link_list(f->db, f->a, a1.id, &aL, &nL, &err), 0);
  assert_int_equal(plan_link_delete(f->db, a1.id, aL[0].id, &err), 0);
  assert_int_equal(plan_link_list(f->db, f->a, a2.id, &aL, &nL, &err), 0);
  assert_int_equal(plan_link_delete(f->db, a2.id, aL[0].id, &err), 0);
  assert_int_equal(plan_summary_load(f->db, f->a, &s, &err), 0);
  assert_int_equal(s.spentCents, 0);
  assert_int_equal(s.unlinkedCents, 60035);
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
    cmocka_unit_test_setup_teardown(
        test_plan_reads_aid_payments, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
