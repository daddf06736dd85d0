/*
** tests/unit/test_placements.c: semesters, the allowance rule, overlaps,
** and the placements store on a temporary database.
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
#include "base/caldate.h"
#include "base/log.h"
#include "placements/placements.h"

static int day(const char *z)
{
  int d = 0;
  if (caldate_parse(z, &d)) fail_msg("bad date in test: %s", z);
  return d;
}

/* ---- pure rules --------------------------------------------------------- */

static void test_semester_follows_may_october_and_november_april(void **state)
{
  (void)state;
  char z[8], zL[64];
  assert_string_equal(place_semester_of(day("2026-05-01"), z), "2026-05");
  assert_string_equal(place_semester_of(day("2026-10-31"), z), "2026-05");
  assert_string_equal(place_semester_of(day("2026-11-01"), z), "2026-11");
  assert_string_equal(place_semester_of(day("2027-04-30"), z), "2026-11");
  assert_string_equal(place_semester_of(day("2027-01-15"), z), "2026-11");
  int s, e;
  assert_int_equal(place_semester_bounds("2026-11", &s, &e), 0);
  assert_int_equal(s, day("2026-11-01"));
  assert_int_equal(e, day("2027-04-30"));
  assert_int_equal(place_semester_bounds("2026-06", &s, &e), -1);
  assert_string_equal(place_semester_next("2026-11", z), "2027-05");
  assert_string_equal(place_semester_next("2027-05", z), "2027-11");
  assert_string_equal(place_semester_label("2026-11", zL, sizeof zL),
                      "novembre 2026 – avril 2027");
}

/* A semester far from today is a typo: 2019 typed in 2026 is refused at
** the field named, with the accepted range. */
static void test_semester_in_plausible_range(void **state)
{
  (void)state;
  Err err = {0};
  int iToday = caldate_from_ymd(2026, 11, 23);
  assert_int_equal(place_semester_plausible("2027-05", iToday, "semestre",
                                            &err), 0);
  assert_int_equal(place_semester_plausible("2025-11", iToday, "semestre",
                                            &err), 0);
  assert_int_equal(place_semester_plausible("2029-11", iToday, "semestre",
                                            &err), 0);
  assert_int_equal(place_semester_plausible("2019-05", iToday, "semestre",
                                            &err), -1);
  assert_string_equal(err.zField, "semestre");
  assert_string_equal(err.zMsg, "semestre 2019 : attendu entre 2025 et 2029");
  err_clear(&err);
  assert_int_equal(place_semester_plausible("2030-05", iToday, "date_debut",
                                            &err), -1);
  assert_string_equal(err.zField, "date_debut");
}

static void test_allowance_is_pro_rata_of_calendar_days(void **state)
{
  (void)state;
  PlaceAllowMonth a[8];
  int n;
  /* Six full months: exactly 6 x 250 EUR. */
  assert_int_equal(place_allowance_owed(25000, day("2026-05-01"),
                                        day("2026-10-31"), a, 8, &n), 150000);
  assert_int_equal(n, 6);
  assert_int_equal(a[0].cents, 25000);
  /* 10 to 31 May: 22/31 of 250 EUR = 177.419… -> 177.42 EUR. */
  assert_int_equal(place_allowance_owed(25000, day("2026-05-10"),
                                        day("2026-05-31"), a, 8, &n), 17742);
  assert_int_equal(a[0].nDays, 22);
  assert_int_equal(a[0].nDaysInMonth, 31);
  /* 15 Feb to 14 Mar 2028 (leap): 15/29 + 14/31 of 250. */
  int64_t t = place_allowance_owed(25000, day("2028-02-15"),
                                   day("2028-03-14"), a, 8, &n);
  assert_int_equal(n, 2);
  assert_int_equal(a[0].cents, 12931);   /* 129.3103 */
  assert_int_equal(a[1].cents, 11290);   /* 112.9032 */
  assert_int_equal(t, 12931 + 11290);
  /* Crossing a year end. */
  assert_int_equal(place_allowance_owed(25000, day("2026-12-01"),
                                        day("2027-01-31"), NULL, 0, &n), 50000);
  assert_int_equal(n, 2);
  assert_int_equal(place_allowance_owed(25000, day("2026-12-02"),
                                        day("2026-12-01"), NULL, 0, &n), 0);
}

static void test_overlap_dep_and_conversion_rules(void **state)
{
  (void)state;
  char z[8];
  assert_true(place_overlaps(10, 20, 20, 30));     /* one shared day */
  assert_false(place_overlaps(10, 19, 20, 30));
  assert_true(place_overlaps(10, 40, 20, 30));
  assert_string_equal(place_commune_dep("41018", z), "41");
  assert_string_equal(place_commune_dep("97411", z), "974");
  assert_string_equal(place_commune_dep("2A004", z), "2A");
  assert_float_equal(place_conversion_pct(1, 4), 25.0, 1e-9);
  assert_float_equal(place_conversion_pct(0, 0), -1, 1e-9);
}

/* ---- store on a temporary database ------------------------------------- */

typedef struct Fx Fx;
struct Fx {
  char zPath[64];
  Store *db;
  Arena *a;
  Place place;                   /* interne_mg in Blois (41), capacity 2 */
  Trainee t1, t2, t3;
};

static int fx_setup(void **state)
{
  Fx *f = calloc(1, sizeof *f);
  Err err = {0};
  log_set_quiet(1);
  snprintf(f->zPath, sizeof f->zPath, "/tmp/oasis-test-place-XXXXXX");
  int fd = mkstemp(f->zPath);
  if (fd < 0) return -1;
  close(fd);
  f->db = store_open(f->zPath, &err);
  if (!f->db) return -1;
  f->a = arena_new();
  f->place = (Place){.zStructure = "MSP de Blois", .zCommune = "41018",
                     .zSupervisor = "Dr Petit", .zLevel = "interne_mg",
                     .capacity = 2};
  if (place_save(f->db, &f->place, &err)) return -1;
  Trainee t = {.zFirstName = "Léa", .zLastName = "Moreau",
               .zSchool = "Faculté de Tours", .zLevel = "interne_mg"};
  f->t1 = f->t2 = f->t3 = t;
  f->t2.zFirstName = "Hugo";
  f->t3.zFirstName = "Inès";
  if (place_trainee_save(f->db, &f->t1, &err) ||
      place_trainee_save(f->db, &f->t2, &err) ||
      place_trainee_save(f->db, &f->t3, &err)) {
    return -1;
  }
  *state = f;
  return 0;
}

static int fx_teardown(void **state)
{
  Fx *f = *state;
  char z[96];
  arena_free(f->a);
  store_close(f->db);
  unlink(f->zPath);
  snprintf(z, sizeof z, "%s-wal", f->zPath);
  unlink(z);
  snprintf(z, sizeof z, "%s-shm", f->zPath);
  unlink(z);
  free(f);
  return 0;
}

static void test_assign_checks_semester_level_capacity_overlap(void **state)
{
  Fx *f = *state;
  Err err = {0};
  assert_int_equal(place_open_semester(f->db, f->place.id, "2026-05", 1,
                                       &err), 0);
  Assignment x = {.traineeId = f->t1.id, .placeId = f->place.id,
                  .zStartOn = "2026-05-04", .zEndOn = "2026-10-30"};
  assert_int_equal(place_assign(f->db, &x, &err), 0);
  /* Opened with capacity 1: the second intern is refused. */
  Assignment y = {.traineeId = f->t2.id, .placeId = f->place.id,
                  .zStartOn = "2026-05-04", .zEndOn = "2026-10-30"};
  assert_int_equal(place_assign(f->db, &y, &err), ERR_INPUT);
  assert_string_equal(err.zField, "terrain_id");
  err_clear(&err);
  /* Reducing below those assigned is refused; raising lets the intern in. */
  assert_int_equal(place_open_semester(f->db, f->place.id, "2026-05", 0,
                                       &err), ERR_INPUT);
  err_clear(&err);
  assert_int_equal(place_open_semester(f->db, f->place.id, "2026-05", 2,
                                       &err), 0);
  assert_int_equal(place_assign(f->db, &y, &err), 0);
  /* Crossing into the next semester is refused on end_on. */
  Assignment z = {.traineeId = f->t3.id, .placeId = f->place.id,
                  .zStartOn = "2026-10-01", .zEndOn = "2026-11-30"};
  assert_int_equal(place_assign(f->db, &z, &err), ERR_INPUT);
  assert_string_equal(err.zField, "date_fin");
  err_clear(&err);
  /* The same trainee twice on the same days is refused. */
  Place other = {.zStructure = "Cabinet", .zCommune = "41269",
                 .zSupervisor = "Dr Roy", .zLevel = "interne_mg",
                 .capacity = 1};
  assert_int_equal(place_save(f->db, &other, &err), 0);
  Assignment w = {.traineeId = f->t1.id, .placeId = other.id,
                  .zStartOn = "2026-06-01", .zEndOn = "2026-06-30"};
  assert_int_equal(place_assign(f->db, &w, &err), ERR_INPUT);
  assert_string_equal(err.zField, "date_debut");
  err_clear(&err);
  /* A level the place does not take is refused. */
  Trainee ext = {.zFirstName = "Paul", .zLastName = "Durand",
                 .zSchool = "Faculté de Tours", .zLevel = "externe"};
  assert_int_equal(place_trainee_save(f->db, &ext, &err), 0);
  Assignment v = {.traineeId = ext.id, .placeId = other.id,
                  .zStartOn = "2026-06-01", .zEndOn = "2026-06-30"};
  assert_int_equal(place_assign(f->db, &v, &err), ERR_INPUT);
  assert_string_equal(err.zField, "terrain_id");
  err_clear(&err);

  PlaceOffer *aO;
  int n;
  assert_int_equal(place_offer_list(f->db, f->a, "2026-05", &aO, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(aO[0].capacity, 2);
  assert_int_equal(aO[0].nAssigned, 2);
  Assignment got;
  assert_int_equal(place_assignment_get(f->db, f->a, x.id, &got, &err), 0);
  assert_string_equal(got.zSemester, "2026-05");   /* computed from dates */
}

static void test_allowance_owed_paid_and_overpayment_refused(void **state)
{
  Fx *f = *state;
  Err err = {0};
  int nRows;
  /* the Loir-et-Cher allowance is defined once, in its .aid file */
  int nAids;
  assert_int_equal(aid_load_dir(f->db, "data/aids", &nAids, &err), 0);
  assert_int_equal(place_scheme_from_aids(f->db, &nRows, &err), 0);
  assert_int_equal(nRows, 1);
  AllowScheme *aS;
  int nS;
  assert_int_equal(place_scheme_list(f->db, f->a, &aS, &nS, &err), 0);
  assert_int_equal(nS, 1);
  assert_string_equal(aS[0].zDep, "41");
  assert_int_equal(aS[0].monthlyCents, 25000);
  assert_non_null(strstr(aS[0].zSource, "loir-et-cher-indemnite-stage"));
  /* a second load updates, never duplicates; the CSV adds nothing now */
  assert_int_equal(place_scheme_from_aids(f->db, &nRows, &err), 0);
  assert_int_equal(place_scheme_load(f->db, "data/placements/schemes.csv",
                                     &nS, &err), 0);
  assert_int_equal(nS, 0);
  assert_int_equal(place_scheme_list(f->db, f->a, &aS, &nS, &err), 0);
  assert_int_equal(nS, 1);
  /* A national scheme for docteurs juniors only does not apply here. */
  AllowScheme dj = {.zName = "Autre", .zFunder = "État", .zLevels =
                    "docteur_junior", .monthlyCents = 10000};
  assert_int_equal(place_scheme_save(f->db, &dj, &err), 0);
  Assignment x = {.traineeId = f->t1.id, .placeId = f->place.id,
                  .zStartOn = "2026-05-10", .zEndOn = "2026-07-31"};
  assert_int_equal(place_assign(f->db, &x, &err), 0);
  AllowLine *aL;
  int n;
  assert_int_equal(place_allowance_lines(f->db, f->a, x.id, &aL, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(aL[0].owedCents, 17742 + 25000 + 25000);
  assert_int_equal(aL[0].paidCents, 0);
  int64_t id;
  assert_int_equal(place_allowance_pay(f->db, x.id, aL[0].schemeId, 42742,
                                       "2026-06-05", "V-1", &id, &err), 0);
  assert_int_equal(place_allowance_pay(f->db, x.id, aL[0].schemeId, 25001,
                                       "2026-08-05", "V-2", &id, &err),
                   ERR_INPUT);
  assert_string_equal(err.zField, "montant");
  err_clear(&err);
  assert_int_equal(place_allowance_pay(f->db, x.id, dj.id, 100, "2026-08-05",
                                       NULL, &id, &err), ERR_INPUT);
  assert_string_equal(err.zField, "dispositif_id");
  err_clear(&err);
  assert_int_equal(place_allowance_lines(f->db, f->a, x.id, &aL, &n, &err), 0);
  assert_int_equal(aL[0].paidCents, 42742);
  /* Outside Loir-et-Cher the scheme does not apply. */
  Place far = {.zStructure = "MSP", .zCommune = "71270", .zSupervisor = "Dr A",
               .zLevel = "interne_mg", .capacity = 1};
  assert_int_equal(place_save(f->db, &far, &err), 0);
  Assignment y = {.traineeId = f->t2.id, .placeId = far.id,
                  .zStartOn = "2026-05-10", .zEndOn = "2026-07-31"};
  assert_int_equal(place_assign(f->db, &y, &err), 0);
  assert_int_equal(place_allowance_lines(f->db, f->a, y.id, &aL, &n, &err), 0);
  assert_int_equal(n, 0);
}

static void test_vehicle_and_room_bookings_never_overlap(void **state)
{
  Fx *f = *state;
  Err err = {0};
  Vehicle v = {.zLabel = "Clio", .zPlate = "AB-123-CD", .zCommune = "41018"};
  assert_int_equal(place_vehicle_save(f->db, &v, &err), 0);
  Booking b1 = {.resourceId = v.id, .traineeId = f->t1.id,
                .zStartOn = "2026-05-04", .zEndOn = "2026-05-29"};
  assert_int_equal(place_book(f->db, 1, &b1, &err), 0);
  Booking b2 = {.resourceId = v.id, .traineeId = f->t2.id,
                .zStartOn = "2026-05-29", .zEndOn = "2026-06-10"};
  assert_int_equal(place_book(f->db, 1, &b2, &err), ERR_INPUT);
  assert_string_equal(err.zField, "date_debut");
  assert_non_null(strstr(err.zMsg, "2026-05-04"));
  err_clear(&err);
  b2.zStartOn = "2026-05-30";
  assert_int_equal(place_book(f->db, 1, &b2, &err), 0);
  b2.zEndOn = "2026-05-01";
  assert_int_equal(place_book(f->db, 1, &b2, &err), ERR_INPUT);
  assert_string_equal(err.zField, "date_fin");
  err_clear(&err);

  int64_t hId = 0;
  assert_int_equal(place_housing_save(f->db, &hId, "Maison des internes",
                                      "41018", "2 rue X", &err), 0);
  Room r = {.housingId = hId, .zLabel = "Chambre 1", .rentCents = 15000};
  assert_int_equal(place_room_save(f->db, &r, &err), 0);
  Room r2 = {.housingId = hId, .zLabel = "Chambre 2", .rentCents = 15000};
  assert_int_equal(place_room_save(f->db, &r2, &err), 0);
  Booking rb = {.resourceId = r.id, .traineeId = f->t1.id,
                .zStartOn = "2026-05-01", .zEndOn = "2026-10-31"};
  assert_int_equal(place_book(f->db, 0, &rb, &err), 0);
  rb.traineeId = f->t2.id;
  rb.zStartOn = "2026-10-31";
  rb.zEndOn = "2026-11-30";
  assert_int_equal(place_book(f->db, 0, &rb, &err), ERR_INPUT);
  err_clear(&err);
  Room *aR;
  int n;
  assert_int_equal(place_room_free_list(f->db, f->a, day("2026-06-01"),
                                        day("2026-06-30"), &aR, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_string_equal(aR[0].zLabel, "Chambre 2");
  Booking *aB;
  assert_int_equal(place_booking_list(f->db, f->a, 1, day("2026-05-01"),
                                      day("2026-06-30"), &aB, &n, &err), 0);
  assert_int_equal(n, 2);
}

static void test_conversion_counts_former_trainees_who_settled(void **state)
{
  Fx *f = *state;
  Err err = {0};
  Assignment a1 = {.traineeId = f->t1.id, .placeId = f->place.id,
                   .zStartOn = "2025-11-03", .zEndOn = "2026-04-30"};
  Assignment a2 = {.traineeId = f->t2.id, .placeId = f->place.id,
                   .zStartOn = "2025-11-03", .zEndOn = "2026-04-30"};
  Assignment a3 = {.traineeId = f->t3.id, .placeId = f->place.id,
                   .zStartOn = "2026-11-02", .zEndOn = "2027-04-30"};
  assert_int_equal(place_assign(f->db, &a1, &err), 0);
  assert_int_equal(place_assign(f->db, &a2, &err), 0);
  assert_int_equal(place_assign(f->db, &a3, &err), 0);
  Outcome o = {.traineeId = f->t1.id, .isSettled = 1, .zCommune = "41269",
               .zSettledOn = "2026-09-01"};
  assert_int_equal(place_outcome_save(f->db, &o, &err), 0);
  Outcome bad = {.traineeId = f->t2.id, .isSettled = 1, .zCommune = ""};
  assert_int_equal(place_outcome_save(f->db, &bad, &err), ERR_INPUT);
  assert_string_equal(err.zField, "commune");
  err_clear(&err);
  Conversion *aC;
  int n;
  int today = day("2026-11-23");
  assert_int_equal(place_conversion(f->db, f->a, 0, today, &aC, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(aC[0].nFormer, 2);      /* the current intern not counted */
  assert_int_equal(aC[0].nKnown, 1);
  assert_int_equal(aC[0].nSettled, 1);
  assert_float_equal(aC[0].pct, 50.0, 1e-9);
  assert_int_equal(place_conversion(f->db, f->a, 1, today, &aC, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_string_equal(aC[0].zKey, "2025-11");
  Outcome got;
  assert_int_equal(place_outcome_get(f->db, f->a, f->t1.id, &got, &err), 0);
  assert_true(got.isSettled);
  assert_string_equal(got.zCommune, "41269");
  FormerTrainee *aF;
  assert_int_equal(place_former_list(f->db, f->a, today, &aF, &n, &err), 0);
  assert_int_equal(n, 2);                  /* Inès is still on placement */
  assert_string_equal(aF[0].zName, "Hugo Moreau");    /* same end: by name */
  assert_false(aF[0].isKnown);
  assert_string_equal(aF[1].zName, "Léa Moreau");
  assert_true(aF[1].isKnown && aF[1].outcome.isSettled);
  assert_string_equal(aF[1].zSemester, "2025-11");
}

/* An outcome may name an aids commitment: an unknown one (or a bad
** number) is refused with the field named and the outcome already saved
** is kept; a real one is stored and read back. */
static void test_outcome_links_an_aids_commitment(void **state)
{
  Fx *f = *state;
  Err err = {0};
  int n;
  Outcome o = {.traineeId = f->t1.id, .isSettled = 1, .zCommune = "41269",
               .zSettledOn = "2026-09-01"};
  assert_int_equal(place_outcome_save(f->db, &o, &err), 0);
  Outcome bad = o;
  bad.zCommune = "41018";
  bad.aidCommitmentId = 42;
  assert_int_equal(place_outcome_save(f->db, &bad, &err), ERR_INPUT);
  assert_string_equal(err.zField, "engagement_aide_id");
  err_clear(&err);
  bad.aidCommitmentId = -1;
  assert_int_equal(place_outcome_save(f->db, &bad, &err), ERR_INPUT);
  assert_string_equal(err.zField, "engagement_aide_id");
  err_clear(&err);
  bad.aidCommitmentId = 0;
  bad.zCaseRef = "BD-2026-0001";           /* no such dossier */
  assert_int_equal(place_outcome_save(f->db, &bad, &err), ERR_INPUT);
  assert_string_equal(err.zField, "ref_dossier");
  err_clear(&err);
  Outcome got;
  assert_int_equal(place_outcome_get(f->db, f->a, f->t1.id, &got, &err), 0);
  assert_string_equal(got.zCommune, "41269");     /* nothing half-saved */
  assert_int_equal(got.aidCommitmentId, 0);

  assert_int_equal(aid_load_dir(f->db, "data/aids", &n, &err), 0);
  AidCommitment c;
  memset(&c, 0, sizeof c);
  strcpy(c.zAid, "loir-et-cher-bourse-internes");
  strcpy(c.zBeneficiary, "Léa Moreau");
  strcpy(c.zSigned, "2025-10-01");
  strcpy(c.zStart, "2026-09-01");
  strcpy(c.zEnd, "2029-09-01");
  strcpy(c.zPlace, "41269");
  c.amountCents = 1200000;
  long long idC;
  assert_int_equal(aid_commit_create(f->db, &c, &idC, &err), 0);
  o.aidCommitmentId = idC;
  assert_int_equal(place_outcome_save(f->db, &o, &err), 0);
  assert_int_equal(place_outcome_get(f->db, f->a, f->t1.id, &got, &err), 0);
  assert_int_equal(got.aidCommitmentId, idC);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_semester_follows_may_october_and_november_april),
    cmocka_unit_test(test_semester_in_plausible_range),
    cmocka_unit_test(test_allowance_is_pro_rata_of_calendar_days),
    cmocka_unit_test(test_overlap_dep_and_conversion_rules),
    cmocka_unit_test_setup_teardown(
        test_assign_checks_semester_level_capacity_overlap, fx_setup,
        fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_allowance_owed_paid_and_overpayment_refused, fx_setup,
        fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_vehicle_and_room_bookings_never_overlap, fx_setup, fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_conversion_counts_former_trainees_who_settled, fx_setup,
        fx_teardown),
    cmocka_unit_test_setup_teardown(test_outcome_links_an_aids_commitment,
                                    fx_setup, fx_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
