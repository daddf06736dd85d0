/*
** tests/unit/test_cases_links.c: partners answer inside, and what the team
** must chase (cases/store_links.c), on a temporary database: a follow-up
** date set for the 10th comes back on the 10th, labelled as such, and not
** as "idle" before; a partner's answer takes it out and measures the
** partner's delay; a request nobody took is in every agent's basket; the
** partner's link dies when the sub-task goes to someone else.
*/
#include "cases_fixture.h"

static int64_t partner(Fixture *f, const char *zName)
{
  Partner p = {0};
  Err err = {0};
  int64_t pid = 0;
  p.zName = zName;
  p.zKind = "logement";
  p.zTopics = "logement";
  p.zTerritories = "";
  assert_int_equal(case_partner_save(f->db, &p, &pid, &err), 0);
  return pid;
}

/* Index of the reminder of task taskId (0: the dossier) in a, or -1. */
static int find(const CaseReminder *a, int n, int64_t taskId)
{
  for (int i = 0; i < n; i++) {
    if (a[i].taskId == taskId) return i;
  }
  return -1;
}

static void test_follow_up_date_comes_back_on_its_day(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  int64_t id = create(f, "t", "2026-03-01T10:00");
  assert_int_equal(case_dossier_assign(f->db, id, 7, "Claire Martin",
                                       at("2026-03-01T10:00"), &err), 0);
  int64_t pid = partner(f, "Action Logement");
  CaseTask *aT;
  int nT;
  assert_int_equal(case_task_list(f->db, f->arena, id, &aT, &nT, &err), 0);
  int64_t tid = aT[1].id;                          /* logement */
  assert_int_equal(case_task_handoff(f->db, tid, pid, "2026-03-10",
                                     at("2026-03-02T09:00"), &err), 0);
  CaseReminder *a;
  int n;
  /* the 9th: not yet */
  assert_int_equal(case_reminder_list(f->db, f->arena, 7, at("2026-03-09T18:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(find(a, n, tid), -1);
  /* the 10th: there, as a partner follow-up, labelled with its date */
  assert_int_equal(case_reminder_list(f->db, f->arena, 7, at("2026-03-10T08:00"),
                                      &a, &n, &err), 0);
  int i = find(a, n, tid);
  assert_true(i >= 0);
  assert_string_equal(a[i].zKind, "relance_partenaire");
  assert_string_equal(a[i].zSince, "2026-03-10");
  assert_string_equal(case_reminder_text(f->arena, &a[i]),
                      "Relance du partenaire prévue le 10/03/2026");
  /* the partner answers the 11th: out of the basket, delay measured */
  CaseOpinion o = {.taskId = tid, .zVerdict = "favorable",
                   .zBody = "Un T2 est libre à partir d'avril."};
  int64_t oid = 0;
  assert_int_equal(case_opinion_add(f->db, &o, at("2026-03-11T09:00"), &oid,
                                    &err), 0);
  assert_int_equal(case_reminder_list(f->db, f->arena, 7, at("2026-03-12T08:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(find(a, n, tid), -1);
  CaseOpinion *aO;
  int nO;
  assert_int_equal(case_opinion_list(f->db, f->arena, id, 0, &aO, &nO, &err),
                   0);
  assert_int_equal(nO, 1);
  assert_string_equal(aO[0].zPartnerName, "Action Logement");
  assert_string_equal(aO[0].zNeed, "logement");
  assert_float_equal(aO[0].delayDays, 9.0, 1e-6);
  assert_int_equal(case_opinion_unseen_count(f->db, 7), 1);
  assert_int_equal(case_opinion_seen(f->db, id, at("2026-03-12"), &err), 0);
  assert_int_equal(case_opinion_unseen_count(f->db, 7), 0);
  /* a bad verdict is refused at its field */
  CaseOpinion bad = {.taskId = tid, .zVerdict = "peut-etre"};
  Err e2 = {0};
  assert_int_equal(case_opinion_add(f->db, &bad, at("2026-03-12"), &oid, &e2),
                   ERR_INPUT);
  assert_string_equal(e2.zField, "avis");
}

static void test_partner_delays_for_the_statistics(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  int64_t pa = partner(f, "A logement"), pb = partner(f, "B emploi");
  int64_t tid[3];
  for (int k = 0; k < 3; k++) {
    char zTok[16];
    snprintf(zTok, sizeof zTok, "t%d", k);
    int64_t id = create(f, zTok, "2026-03-01");
    CaseTask *aT;
    int nT;
    assert_int_equal(case_task_list(f->db, f->arena, id, &aT, &nT, &err), 0);
    tid[k] = aT[1].id;
    assert_int_equal(case_task_handoff(f->db, tid[k], k < 2 ? pa : pb,
                                       "2026-03-20", at("2026-03-02"), &err),
                     0);
  }
  int64_t oid;
  CaseOpinion o1 = {.taskId = tid[0], .zVerdict = "favorable"};
  CaseOpinion o2 = {.taskId = tid[1], .zVerdict = "defavorable"};
  assert_int_equal(case_opinion_add(f->db, &o1, at("2026-03-04"), &oid, &err), 0);
  assert_int_equal(case_opinion_add(f->db, &o2, at("2026-03-08"), &oid, &err), 0);
  CasePartnerDelay *a;
  int n;
  assert_int_equal(case_partner_delays(f->db, f->arena, &a, &n, &err), 0);
  assert_int_equal(n, 2);
  assert_string_equal(a[0].zName, "A logement");
  assert_int_equal(a[0].nHanded, 2);
  assert_int_equal(a[0].nAnswered, 2);
  assert_float_equal(a[0].median, 4.0, 1e-6);     /* 2 and 6 days */
  assert_string_equal(a[1].zName, "B emploi");
  assert_int_equal(a[1].nHanded, 1);
  assert_int_equal(a[1].nAnswered, 0);
}

static void test_unassigned_requests_reach_every_agent(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  int64_t id = create(f, "t", "2026-03-01T10:00");
  CaseReminder *a;
  int n;
  assert_int_equal(case_reminder_list(f->db, f->arena, 9, at("2026-03-02T10:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(n, 0);                         /* one day: not yet */
  assert_int_equal(case_reminder_list(f->db, f->arena, 9, at("2026-03-03T10:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(a[0].dossierId, id);
  assert_string_equal(a[0].zKind, "non_attribue");
  assert_string_equal(case_reminder_text(f->arena, &a[0]),
                      "Reçue le 01/03/2026, prise par personne");
  /* taken: no longer everyone's */
  assert_int_equal(case_dossier_assign(f->db, id, 7, "Claire Martin",
                                       at("2026-03-03T11:00"), &err), 0);
  assert_int_equal(case_reminder_list(f->db, f->arena, 9, at("2026-03-03T12:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(n, 0);
}

static void test_partner_link_follows_the_hand_off(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  int64_t id = create(f, "t", "2026-03-01");
  int64_t pa = partner(f, "A"), pb = partner(f, "B");
  CaseTask *aT;
  int nT;
  assert_int_equal(case_task_list(f->db, f->arena, id, &aT, &nT, &err), 0);
  int64_t tid = aT[1].id;
  char zTok[65];
  assert_int_equal(case_task_handoff(f->db, tid, pa, "2026-03-20",
                                     at("2026-03-02"), &err), 0);
  assert_int_equal(case_task_link_issue(f->db, tid, pa, 0, at("2026-03-02"),
                                        zTok, &err), 0);
  assert_int_equal(strlen(zTok), 64);
  assert_int_equal(case_task_link_find(f->db, zTok, at("2026-03-03")), tid);
  assert_int_equal(case_task_link_find(f->db, "abc", at("2026-03-03")), 0);
  /* expired after CASE_LINK_DAYS */
  assert_int_equal(case_task_link_find(f->db, zTok, at("2027-03-03")), 0);
  /* handed to B: A's link is dead */
  assert_int_equal(case_task_handoff(f->db, tid, pb, "2026-03-20",
                                     at("2026-03-04"), &err), 0);
  assert_int_equal(case_task_link_find(f->db, zTok, at("2026-03-04")), 0);
  /* revoked */
  assert_int_equal(case_task_link_issue(f->db, tid, pb, 0, at("2026-03-04"),
                                        zTok, &err), 0);
  assert_int_equal(case_task_link_find(f->db, zTok, at("2026-03-04")), tid);
  assert_int_equal(case_task_link_revoke(f->db, tid, at("2026-03-05"), &err), 0);
  assert_int_equal(case_task_link_find(f->db, zTok, at("2026-03-05")), 0);
  /* only the hash is stored */
  Stmt *q = store_stmt(f->db, "SELECT count(*) FROM case_task_links"
                              " WHERE token_hash = ?1");
  store_bind_text(q, 1, zTok);
  assert_int_equal(store_one_int(q, 0), 0);
  q = store_stmt(f->db, "SELECT count(*) FROM case_task_links");
  assert_int_equal(store_one_int(q, 0), 1);
}

static void test_group_score_prefers_the_most_specific(void **state)
{
  unsigned housing = 1u << case_code_index(case_needs, "logement");
  unsigned aids = 1u << case_code_index(case_needs, "aides");
  /* everywhere, every need: fits, least */
  int any = case_group_score("", "", "commune", "71153", housing);
  assert_true(any > 0);
  int dep = case_group_score("71, 58", "", "commune", "71153", housing);
  int commune = case_group_score("71153", "", "commune", "71153", housing);
  int depNeed = case_group_score("71", "logement", "commune", "71153", housing);
  assert_true(dep > any);
  assert_true(commune > dep);
  assert_true(depNeed > dep);
  /* elsewhere, or another need: does not fit */
  assert_int_equal(case_group_score("41", "", "commune", "71153", housing), 0);
  assert_int_equal(case_group_score("71", "logement", "commune", "71153", aids),
                   0);
  /* "7" is no prefix match; an overseas commune has a 3-digit département */
  assert_int_equal(case_group_score("7", "", "commune", "71153", housing), 0);
  assert_true(case_group_score("974", "", "commune", "97411", housing) > 0);
  /* an EPCI by its SIREN; an undecided territory fits "everywhere" only */
  assert_true(case_group_score("200070381", "", "epci", "200070381", aids) > 0);
  assert_int_equal(case_group_score("71", "", "indecis", "", aids), 0);
  assert_true(case_group_score("", "", "indecis", "", aids) > 0);
}

static void test_new_requests_go_to_their_group(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  CaseGroup all = {0, "Toute l'équipe", "", "", "", 0};
  CaseGroup cantal = {0, "Cantal logement", "15", "logement", "", 0};
  int64_t aUser[] = {7}, aUser2[] = {9};
  const char *azName[] = {"claire"}, *azName2[] = {"hugo"};
  int64_t idAll = 0, idCantal = 0;
  assert_int_equal(case_group_save(f->db, &all, aUser2, azName2, 1,
                                   at("2026-03-01"), &idAll, &err), 0);
  assert_int_equal(case_group_save(f->db, &cantal, aUser, azName, 1,
                                   at("2026-03-01"), &idCantal, &err), 0);
  Err e2 = {0};
  int64_t idBad = 0;
  CaseGroup bad = {0, "Cantal logement", "", "", "", 0};
  assert_int_equal(case_group_save(f->db, &bad, NULL, NULL, 0, at("2026-03-01"),
                                   &idBad, &e2), ERR_INPUT);
  assert_string_equal(e2.zField, "nom");
  /* the request is for Aurillac (15014), housing and paperwork */
  int64_t id = create(f, "t", "2026-03-01T10:00");
  int64_t g = 0;
  assert_int_equal(case_group_route(f->db, id, &g, &err), 0);
  assert_int_equal(g, idCantal);
  Dossier d;
  assert_int_equal(case_dossier_get(f->db, f->arena, id, &d, &err), 0);
  assert_string_equal(d.zGroupName, "Cantal logement");
  /* reminded, untaken, to the group's members only */
  CaseReminder *a;
  int n;
  assert_int_equal(case_reminder_list(f->db, f->arena, 7, at("2026-03-04"), &a,
                                      &n, &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(case_reminder_list(f->db, f->arena, 9, at("2026-03-04"), &a,
                                      &n, &err), 0);
  assert_int_equal(n, 0);
  CaseGroup *aG;
  int nG;
  assert_int_equal(case_group_list(f->db, f->arena, &aG, &nG, &err), 0);
  assert_int_equal(nG, 2);
  assert_string_equal(aG[0].zName, "Cantal logement");
  assert_int_equal(aG[0].nNew, 1);
  assert_string_equal(aG[0].zMembers, "claire");
  /* the list filters on the group */
  CaseFilter flt = {0};
  flt.groupId = idAll;
  Dossier *aD;
  int nD;
  assert_int_equal(case_dossier_list(f->db, f->arena, &flt, 10, &aD, &nD, &err),
                   0);
  assert_int_equal(nD, 0);
  flt.groupId = idCantal;
  assert_int_equal(case_dossier_list(f->db, f->arena, &flt, 10, &aD, &nD, &err),
                   0);
  assert_int_equal(nD, 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_follow_up_date_comes_back_on_its_day,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_partner_delays_for_the_statistics,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_unassigned_requests_reach_every_agent,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_partner_link_follows_the_hand_off,
                                    setup, teardown),
    cmocka_unit_test(test_group_score_prefers_the_most_specific),
    cmocka_unit_test_setup_teardown(test_new_requests_go_to_their_group,
                                    setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
