/*
** tests/unit/test_cases_store.c: the guichet unique's store on a temporary
** database (store_open applies every migration): creation with references
** and idempotency, transitions and their log, sub-tasks and hand-offs,
** filters and counts, reminders, attachments on disk, statistics and
** anonymisation after the retention period.
*/
#include "cases_fixture.h"

static void test_references_are_numbered_per_year(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  Dossier d;
  int64_t a = create(f, "t1", "2026-03-01T10:00");
  int64_t b = create(f, "t2", "2026-05-01T10:00");
  int64_t c = create(f, "t3", "2027-01-02T10:00");
  assert_int_equal(case_dossier_get(f->db, f->arena, a, &d, &err), 0);
  assert_string_equal(d.zRef, "BD-2026-0001");
  assert_string_equal(d.zState, "nouveau");
  assert_int_equal(d.needMask, (1u << 0) | (1u << 3));
  assert_int_equal(case_dossier_get(f->db, f->arena, b, &d, &err), 0);
  assert_string_equal(d.zRef, "BD-2026-0002");
  assert_int_equal(case_dossier_get(f->db, f->arena, c, &d, &err), 0);
  assert_string_equal(d.zRef, "BD-2027-0001");
  assert_int_equal(case_dossier_find_ref(f->db, "BD-2026-0002"), b);
  assert_int_equal(case_dossier_get(f->db, f->arena, 999, &d, &err),
                   ERR_NOTFOUND);
}

static void test_same_token_creates_one_dossier(void **state)
{
  Fixture *f = *state;
  CaseRequest r = request("jeton-unique");
  CaseActor who = {0, ""};
  Err err = {0};
  int64_t id1 = 0, id2 = 0;
  int isNew1 = 0, isNew2 = 1;
  assert_int_equal(case_dossier_create(f->db, &r, &who, at("2026-03-01"), &id1,
                                       &isNew1, &err), 0);
  assert_int_equal(case_dossier_create(f->db, &r, &who, at("2026-03-01"), &id2,
                                       &isNew2, &err), 0);
  assert_int_equal(isNew1, 1);
  assert_int_equal(isNew2, 0);
  assert_int_equal(id1, id2);
  CaseFilter all = {0};
  Dossier *a;
  int n;
  assert_int_equal(case_dossier_list(f->db, f->arena, &all, 50, &a, &n, &err),
                   0);
  assert_int_equal(n, 1);
}

static void test_transitions_are_logged_and_checked(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  CaseActor agent = {7, "Claire Martin"};
  int64_t id = create(f, "t", "2026-03-01T10:00");
  assert_int_equal(case_dossier_transition(f->db, id, "en_cours", NULL,
                                           "Premier appel", &agent,
                                           at("2026-03-03T10:00"), &err), 0);
  CaseClose c = {"installe", "15014", "2026-09-01"};
  assert_int_equal(case_dossier_transition(f->db, id, "clos", &c, "", &agent,
                                           at("2026-08-01T10:00"), &err), 0);
  Dossier d;
  assert_int_equal(case_dossier_get(f->db, f->arena, id, &d, &err), 0);
  assert_string_equal(d.zState, "clos");
  assert_string_equal(d.zOutcome, "installe");
  assert_string_equal(d.zOutcomeCommune, "15014");
  assert_string_equal(d.zFirstContactAt, "2026-03-03T10:00:00Z");
  assert_string_equal(d.zClosedAt, "2026-08-01T10:00:00Z");
  /* a refused transition changes nothing */
  Err e2 = {0};
  assert_int_equal(case_dossier_transition(f->db, id, "attente_demandeur", NULL,
                                           "", &agent, at("2026-08-02"), &e2),
                   ERR_INPUT);
  /* reopening clears the outcome and keeps the first contact */
  assert_int_equal(case_dossier_transition(f->db, id, "en_cours", NULL,
                                           "Nouveau projet", &agent,
                                           at("2026-08-03"), &err), 0);
  assert_int_equal(case_dossier_get(f->db, f->arena, id, &d, &err), 0);
  assert_string_equal(d.zOutcome, "");
  assert_string_equal(d.zClosedAt, "");
  assert_string_equal(d.zFirstContactAt, "2026-03-03T10:00:00Z");
  CaseEvent *a;
  int n;
  assert_int_equal(case_event_list(f->db, f->arena, id, 't', &a, &n, &err), 0);
  assert_int_equal(n, 4);
  assert_string_equal(a[0].zFrom, "");
  assert_string_equal(a[0].zTo, "nouveau");
  assert_string_equal(a[1].zActor, "Claire Martin");
  assert_string_equal(a[1].zReason, "Premier appel");
  assert_string_equal(a[2].zOutcome, "installe");
  assert_string_equal(a[3].zFrom, "clos");
  assert_string_equal(a[3].zReason, "Nouveau projet");
}

static void test_tasks_update_and_hand_off_to_partner(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  int64_t id = create(f, "t", "2026-03-01");
  Partner p = {0};
  p.zName = "Action Logement Cantal";
  p.zKind = "logement";
  p.zTopics = "logement, decouverte";
  p.zTerritories = "15";
  int64_t pid = 0;
  assert_int_equal(case_partner_save(f->db, &p, &pid, &err), 0);
  CaseTask *a;
  int n;
  assert_int_equal(case_task_list(f->db, f->arena, id, &a, &n, &err), 0);
  assert_int_equal(n, 2);
  assert_string_equal(a[1].zNeed, "logement");
  assert_int_equal(case_task_update(f->db, a[0].id, "fait", "2026-03-20",
                                    "Dossier ordinal transmis", at("2026-03-05"),
                                    &err), 0);
  Err e1 = {0};
  assert_int_equal(case_task_handoff(f->db, a[1].id, pid, "", at("2026-03-05"),
                                     &e1), ERR_INPUT);
  Err e2 = {0};
  assert_int_equal(case_task_handoff(f->db, a[1].id, pid + 100, "2026-03-19",
                                     at("2026-03-05"), &e2), ERR_INPUT);
  assert_int_equal(case_task_handoff(f->db, a[1].id, pid, "2026-03-19",
                                     at("2026-03-05"), &err), 0);
  CaseTask t;
  assert_int_equal(case_task_get(f->db, f->arena, a[1].id, &t, &err), 0);
  assert_string_equal(t.zState, "partenaire");
  assert_string_equal(t.zPartnerName, "Action Logement Cantal");
  assert_string_equal(t.zFollowUp, "2026-03-19");
  assert_int_equal(case_task_get(f->db, f->arena, a[0].id, &t, &err), 0);
  assert_string_equal(t.zState, "fait");
  assert_string_equal(t.zNotes, "Dossier ordinal transmis");
  Err e3 = {0};
  assert_int_equal(case_task_update(f->db, a[0].id, "termine", "", "",
                                    at("2026-03-05"), &e3), ERR_INPUT);
  /* the directory suggests the partner for housing in the Cantal only */
  Partner p2 = {0};
  p2.zName = "CPAM du Cantal";
  p2.zKind = "cpam";
  p2.zTopics = "demarches";
  int64_t pid2;
  assert_int_equal(case_partner_save(f->db, &p2, &pid2, &err), 0);
  Partner *ap;
  assert_int_equal(case_partner_list(f->db, f->arena, "logement", "15014", 0,
                                     &ap, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_string_equal(ap[0].zName, "Action Logement Cantal");
  assert_int_equal(case_partner_list(f->db, f->arena, "logement", "19031", 0,
                                     &ap, &n, &err), 0);
  assert_int_equal(n, 0);
  assert_int_equal(case_partner_list(f->db, f->arena, "logement", "15014", 1,
                                     &ap, &n, &err), 0);
  assert_int_equal(n, 2);
  assert_string_equal(ap[1].zName, "CPAM du Cantal");
  Err e4 = {0};
  p2.id = 0;
  assert_int_equal(case_partner_save(f->db, &p2, &pid2, &e4), ERR_INPUT);
  assert_string_equal(e4.zField, "nom");
}

static void test_list_filters_and_state_counts(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  CaseActor agent = {7, "Claire Martin"};
  int64_t a = create(f, "a", "2026-03-01");
  create(f, "b", "2026-03-10");
  CaseRequest r = request("c");
  r.zProfession = "infirmier";
  r.zChannel = "telephone";
  r.zEmail = "louis@exemple.fr";
  r.zLastName = "Bernard";
  r.azNeed[0] = "scolarisation";
  r.nNeed = 1;
  int64_t c;
  int isNew;
  assert_int_equal(case_dossier_create(f->db, &r, &agent, at("2026-04-01"), &c,
                                       &isNew, &err), 0);
  assert_int_equal(case_dossier_transition(f->db, a, "en_cours", NULL, "",
                                           &agent, at("2026-03-02"), &err), 0);
  assert_int_equal(case_dossier_assign(f->db, a, 7, "Claire Martin",
                                       at("2026-03-02"), &err), 0);
  Dossier *aD;
  int n;
  CaseFilter fl = {0};
  fl.zChannel = "telephone";
  assert_int_equal(case_dossier_list(f->db, f->arena, &fl, 50, &aD, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_string_equal(aD[0].zLastName, "Bernard");
  CaseFilter f2 = {0};
  f2.zNeed = "logement";
  f2.zFrom = "2026-03-05";
  f2.zTo = "2026-03-10";                 /* inclusive end date */
  assert_int_equal(case_dossier_list(f->db, f->arena, &f2, 50, &aD, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_string_equal(aD[0].zRef, "BD-2026-0002");
  CaseFilter f3 = {0};
  f3.agentId = 7;
  assert_int_equal(case_dossier_list(f->db, f->arena, &f3, 50, &aD, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(aD[0].id, a);
  f3.agentId = -1;
  assert_int_equal(case_dossier_list(f->db, f->arena, &f3, 50, &aD, &n, &err), 0);
  assert_int_equal(n, 2);
  CaseFilter f4 = {0};
  f4.zText = "bern";
  assert_int_equal(case_dossier_list(f->db, f->arena, &f4, 50, &aD, &n, &err), 0);
  assert_int_equal(n, 1);
  CaseFilter f5 = {0};
  f5.zState = "nouveau";                 /* ignored by the counts */
  int aCount[CASE_NSTATE];
  assert_int_equal(case_dossier_count_states(f->db, &f5, aCount, &err), 0);
  assert_int_equal(aCount[0], 2);
  assert_int_equal(aCount[1], 1);
  assert_int_equal(aCount[4], 0);
  assert_int_equal(case_dossier_list(f->db, f->arena, &f5, 50, &aD, &n, &err), 0);
  assert_int_equal(n, 2);
  /* saved filters per user */
  assert_int_equal(case_filter_save(f->db, 7, "Mes tél.", "canal=telephone",
                                    &err), 0);
  assert_int_equal(case_filter_save(f->db, 7, "Mes tél.", "canal=courriel",
                                    &err), 0);
  assert_int_equal(case_filter_save(f->db, 8, "Autre", "etat=clos", &err), 0);
  int64_t *aId;
  const char **azName, **azQuery;
  assert_int_equal(case_filter_list(f->db, f->arena, 7, &aId, &azName, &azQuery,
                                    &n, &err), 0);
  assert_int_equal(n, 1);
  assert_string_equal(azQuery[0], "canal=courriel");
  assert_int_equal(case_filter_delete(f->db, 8, aId[0], &err), 0);  /* not hers */
  assert_int_equal(case_filter_list(f->db, f->arena, 7, &aId, &azName, &azQuery,
                                    &n, &err), 0);
  assert_int_equal(n, 1);
}

static void test_reminders_after_9_and_21_idle_days(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  int64_t id = create(f, "t", "2026-03-01T10:00");
  CaseReminder *a;
  int n;
  /* taken by agent 7 at once (a request nobody takes is another basket) */
  assert_int_equal(case_dossier_assign(f->db, id, 7, "Claire Martin",
                                       at("2026-03-01T10:00"), &err), 0);
  assert_int_equal(case_reminder_list(f->db, f->arena, 0, at("2026-03-09"), &a,
                                      &n, &err), 0);
  assert_int_equal(n, 0);
  assert_int_equal(case_reminder_list(f->db, f->arena, 0, at("2026-03-10T10:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(n, 3);                /* the dossier and its 2 sub-tasks */
  assert_int_equal(a[0].level, CASE_IDLE_FIRST);
  /* activity on one sub-task: that task and the dossier leave the basket */
  CaseTask *aT;
  int nT;
  assert_int_equal(case_task_list(f->db, f->arena, id, &aT, &nT, &err), 0);
  assert_int_equal(case_task_update(f->db, aT[0].id, "en_cours", "", "",
                                    at("2026-03-12"), &err), 0);
  assert_int_equal(case_reminder_list(f->db, f->arena, 0, at("2026-03-20T10:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(a[0].taskId, aT[1].id);
  assert_int_equal(a[0].level, CASE_IDLE_FIRST);
  /* 21 days for the untouched sub-task, 10 for the rest, most idle first */
  assert_int_equal(case_reminder_list(f->db, f->arena, 0, at("2026-03-22T10:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(n, 3);
  assert_int_equal(a[0].taskId, aT[1].id);
  assert_int_equal(a[0].level, CASE_IDLE_SECOND);
  assert_int_equal(a[1].level, CASE_IDLE_FIRST);
  /* another agent's basket is empty (the dossier is agent 7's) */
  assert_int_equal(case_reminder_list(f->db, f->arena, 9, at("2026-03-22T10:00"),
                                      &a, &n, &err), 0);
  assert_int_equal(n, 0);
}

static int file_exists(const Fixture *f, const char *zSha)
{
  char zPath[300];
  struct stat st;
  snprintf(zPath, sizeof zPath, "%s/%s", f->zAttach, zSha);
  return stat(zPath, &st) == 0;
}

static void test_attachments_stored_outside_with_checksum(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  CaseActor agent = {7, "Claire Martin"};
  int64_t id = create(f, "t", "2026-03-01");
  const unsigned char aPdf[] = "%PDF-1.4 test";
  int64_t aid = 0;
  assert_int_equal(case_attachment_add(f->db, id, f->zAttach, "cv.pdf", "",
                                       aPdf, sizeof aPdf - 1, &agent,
                                       at("2026-03-02"), &aid, &err), 0);
  CaseAttachment x;
  assert_int_equal(case_attachment_get(f->db, f->arena, aid, &x, &err), 0);
  /* sha256("%PDF-1.4 test") computed independently with sha256sum */
  assert_string_equal(x.zSha256,
      "d663640088750cf16276d623c2588d7233f2b84b45f4b2e20832f47b16aa5618");
  assert_int_equal(x.nSize, 13);
  assert_string_equal(x.zType, "application/pdf");
  assert_true(file_exists(f, x.zSha256));
  Err e2 = {0};
  assert_int_equal(case_attachment_add(f->db, id, f->zAttach, "cv.exe", "",
                                       aPdf, sizeof aPdf - 1, &agent,
                                       at("2026-03-02"), &aid, &e2), ERR_INPUT);
  CaseAttachment *a;
  int n;
  assert_int_equal(case_attachment_list(f->db, f->arena, id, &a, &n, &err), 0);
  assert_int_equal(n, 1);
}

static void test_anonymise_after_retention_keeps_statistics(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  CaseActor agent = {7, "Claire Martin"};
  int64_t id = create(f, "t", "2026-03-01");
  int64_t other = create(f, "u", "2026-03-02");     /* stays open */
  const unsigned char aPdf[] = "%PDF-1.4 test";
  int64_t aid;
  assert_int_equal(case_attachment_add(f->db, id, f->zAttach, "cv.pdf", "",
                                       aPdf, sizeof aPdf - 1, &agent,
                                       at("2026-03-02"), &aid, &err), 0);
  CaseAttachment x;
  assert_int_equal(case_attachment_get(f->db, f->arena, aid, &x, &err), 0);
  assert_int_equal(case_note_add(f->db, id, &agent, "Conjoint infirmier",
                                 at("2026-03-02"), &err), 0);
  assert_int_equal(case_message_add(f->db, id, &agent, "sortant", "Bonjour",
                                    0, at("2026-03-04"), &err), 0);
  CaseClose c = {"installe", "15014", "2026-09-01"};
  assert_int_equal(case_dossier_transition(f->db, id, "clos", &c, "Installée",
                                           &agent, at("2026-06-30T12:00"),
                                           &err), 0);
  CaseStats before;
  assert_int_equal(case_stats_load(f->db, f->arena, "", "", &before, &err), 0);
  int nDone = -1;
  /* one second short of 3 years: nothing */
  assert_int_equal(case_anonymise_due(f->db, f->zAttach, 3,
                                      at("2029-06-30T11:59:59"), &nDone, &err),
                   0);
  assert_int_equal(nDone, 0);
  assert_int_equal(case_anonymise_due(f->db, f->zAttach, 3,
                                      at("2029-06-30T12:00"), &nDone, &err), 0);
  assert_int_equal(nDone, 1);
  Dossier d;
  assert_int_equal(case_dossier_get(f->db, f->arena, id, &d, &err), 0);
  assert_string_equal(d.zFirstName, "");
  assert_string_equal(d.zLastName, "");
  assert_string_equal(d.zEmail, "");
  assert_string_equal(d.zPhone, "");
  assert_string_equal(d.zMessage, "");
  assert_string_equal(d.zAnonymisedAt, "2029-06-30T12:00:00Z");
  assert_string_equal(d.zProfession, "medecin_generaliste");
  assert_string_equal(d.zOutcomeCommune, "15014");
  CaseEvent *aE;
  int n;
  assert_int_equal(case_event_list(f->db, f->arena, id, 'n', &aE, &n, &err), 0);
  assert_int_equal(n, 0);
  assert_int_equal(case_event_list(f->db, f->arena, id, 'm', &aE, &n, &err), 0);
  assert_int_equal(n, 0);
  assert_int_equal(case_event_list(f->db, f->arena, id, 't', &aE, &n, &err), 0);
  assert_int_equal(n, 2);
  assert_string_equal(aE[1].zReason, "");
  assert_false(file_exists(f, x.zSha256));
  /* the statistics are the same as before */
  CaseStats after;
  assert_int_equal(case_stats_load(f->db, f->arena, "", "", &after, &err), 0);
  assert_int_equal(after.nDossier, before.nDossier);
  assert_int_equal(after.nCount, before.nCount);
  for (int i = 0; i < after.nCount; i++) {
    assert_int_equal(after.aCount[i].n, before.aCount[i].n);
  }
  assert_int_equal(after.nCommune, 1);
  assert_true(after.closure.median == before.closure.median);
  assert_true(after.firstContact.median == before.firstContact.median);
  /* the open dossier kept its data; running again does nothing */
  assert_int_equal(case_dossier_get(f->db, f->arena, other, &d, &err), 0);
  assert_string_equal(d.zLastName, "Durand");
  assert_int_equal(case_anonymise_due(f->db, f->zAttach, 3, at("2030-01-01"),
                                      &nDone, &err), 0);
  assert_int_equal(nDone, 0);
  /* an anonymised dossier no longer changes state */
  Err e2 = {0};
  assert_int_equal(case_dossier_transition(f->db, id, "en_cours", NULL, "x",
                                           &agent, at("2030-01-01"), &e2),
                   ERR_INPUT);
}

static void test_person_lookup_and_open_log(void **state)
{
  Fixture *f = *state;
  Err err = {0};
  CaseActor agent = {7, "Claire Martin"};
  int64_t a = create(f, "a", "2026-03-01");
  int64_t b = create(f, "b", "2026-04-01");
  int64_t *aId;
  int n;
  assert_int_equal(case_person_dossiers(f->db, f->arena,
                                        "CAMILLE.DURAND@exemple.fr", &aId, &n,
                                        &err), 0);
  assert_int_equal(n, 2);
  assert_int_equal(aId[0], a);
  /* inside a caller's transaction it refuses (files go after its commit) */
  Err eNested = {0};
  assert_int_equal(store_begin(f->db, &err), 0);
  assert_int_equal(case_dossier_anonymise(f->db, b, f->zAttach,
                                          at("2026-05-01"), &eNested),
                   ERR_INTERNAL);
  assert_int_equal(store_rollback(f->db, 0), 0);
  assert_int_equal(case_dossier_anonymise(f->db, b, f->zAttach,
                                          at("2026-05-01"), &err), 0);
  assert_int_equal(case_person_dossiers(f->db, f->arena,
                                        "camille.durand@exemple.fr", &aId, &n,
                                        &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(case_dossier_open_count(f->db, a), 0);
  assert_int_equal(case_dossier_log_open(f->db, a, &agent, at("2026-05-01"),
                                         &err), 0);
  assert_int_equal(case_dossier_log_open(f->db, a, &agent, at("2026-05-02"),
                                         &err), 0);
  assert_int_equal(case_dossier_open_count(f->db, a), 2);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_references_are_numbered_per_year,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_same_token_creates_one_dossier, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_transitions_are_logged_and_checked,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_tasks_update_and_hand_off_to_partner,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_list_filters_and_state_counts, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_reminders_after_9_and_21_idle_days,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_attachments_stored_outside_with_checksum,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(
        test_anonymise_after_retention_keeps_statistics, setup, teardown),
    cmocka_unit_test_setup_teardown(test_person_lookup_and_open_log, setup,
                                    teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
