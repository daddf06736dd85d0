/*
** tests/unit/test_centres.c: the centres module's pure rules and its store
** on a temporary database (store_open applies every migration).
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

#include "base/caldate.h"
#include "base/log.h"
#include "base/url.h"
#include "centres/centres.h"
#include "centres/internal.h"
#include "web/export.h"

/* ---- pure rules --------------------------------------------------------- */

static void test_caldate_round_trips_and_refuses_bad_dates(void **state)
{
  (void)state;
  int d;
  char z[11];
  assert_int_equal(caldate_parse("1970-01-01", &d), 0);
  assert_int_equal(d, 0);
  assert_int_equal(caldate_parse("2024-02-29", &d), 0);
  assert_string_equal(caldate_format(d, z), "2024-02-29");
  assert_int_equal(caldate_parse("2023-02-29", &d), -1);
  assert_int_equal(caldate_parse("2023-13-01", &d), -1);
  assert_int_equal(caldate_parse("2023-1-01", &d), -1);
  assert_int_equal(caldate_parse("2023-01-01x", &d), -1);
  assert_int_equal(caldate_days_in_month(2100, 2), 28);
  assert_int_equal(caldate_days_in_month(2000, 2), 29);
  for (int i = -1000; i < 100000; i += 37) {
    int y, m, dd;
    caldate_ymd(i, &y, &m, &dd);
    assert_int_equal(caldate_from_ymd(y, m, dd), i);
  }
}

static void test_hours_parse_ranges_and_refuse_overlaps(void **state)
{
  (void)state;
  CentreDayHours h;
  Err err = {0};
  char z[80];
  assert_int_equal(centre_hours_parse("08:30-12:00, 14h-18h30", &h, &err), 0);
  assert_int_equal(h.n, 2);
  assert_int_equal(h.aOpen[0], 8 * 60 + 30);
  assert_int_equal(h.aClose[1], 18 * 60 + 30);
  assert_string_equal(centre_hours_format(&h, z, sizeof z),
                      "08:30-12:00, 14:00-18:30");
  assert_int_equal(centre_hours_parse("fermé", &h, &err), 0);
  assert_int_equal(h.n, 0);
  assert_int_equal(centre_hours_parse("08:00-12:00, 11:00-13:00", &h, &err),
                   ERR_INPUT);
  err_clear(&err);
  assert_int_equal(centre_hours_parse("12:00-08:00", &h, &err), ERR_INPUT);
  err_clear(&err);
  assert_int_equal(centre_hours_parse("matin", &h, &err), ERR_INPUT);
}

static void test_staff_fte_over_one_across_sites_is_refused(void **state)
{
  (void)state;
  CentreStaff s = {.zFirstName = "Anne", .zLastName = "Martin",
                   .zCategory = "medecin", .zContractStart = "2024-01-01",
                   .nSite = 2, .aSiteId = {1, 2}, .aFte = {0.6, 0.4}};
  Err err = {0};
  assert_int_equal(centre_staff_check(&s, &err), 0);
  s.aFte[1] = 0.5;
  assert_int_equal(centre_staff_check(&s, &err), ERR_INPUT);
  assert_string_equal(err.zField, "etp");
  err_clear(&err);
  s.aFte[1] = 0.4;
  s.aSiteId[1] = 1;
  assert_int_equal(centre_staff_check(&s, &err), ERR_INPUT);
  assert_string_equal(err.zField, "site_id");
  err_clear(&err);
  s.aSiteId[1] = 2;
  s.zContractEnd = "2023-12-31";
  assert_int_equal(centre_staff_check(&s, &err), ERR_INPUT);
  assert_string_equal(err.zField, "fin_contrat");
  err_clear(&err);
  s.zContractEnd = NULL;
  s.zCategory = "chirurgien";
  assert_int_equal(centre_staff_check(&s, &err), ERR_INPUT);
  assert_string_equal(err.zField, "categorie");
}

static void test_activity_refuses_future_month_and_negative_counts(void **state)
{
  (void)state;
  int today;
  caldate_parse("2026-11-23", &today);
  CentreActivity a = {.siteId = 1, .year = 2026, .month = 11,
                      .consultations = 10, .unscheduledPct = -1};
  Err err = {0};
  assert_int_equal(centre_activity_check(&a, today, &err), 0);
  a.month = 12;
  assert_int_equal(centre_activity_check(&a, today, &err), ERR_INPUT);
  assert_string_equal(err.zField, "mois");
  err_clear(&err);
  a.month = 10;
  a.homeVisits = -1;
  assert_int_equal(centre_activity_check(&a, today, &err), ERR_INPUT);
  assert_string_equal(err.zField, "visites_domicile");
  err_clear(&err);
  a.homeVisits = 0;
  a.unscheduledPct = 120;
  assert_int_equal(centre_activity_check(&a, today, &err), ERR_INPUT);
  assert_string_equal(err.zField, "part_non_programmee");
}

static void test_totals_weight_unscheduled_share_by_consultations(void **state)
{
  (void)state;
  CentreTotals t = {0};
  CentreActivity a1 = {.consultations = 100, .homeVisits = 5,
                       .teleconsultations = 2, .unscheduledPct = 10};
  CentreActivity a2 = {.consultations = 300, .unscheduledPct = 30};
  CentreActivity a3 = {.consultations = 50, .unscheduledPct = -1};
  centre_totals_add(&t, &a1);
  centre_totals_add(&t, &a2);
  centre_totals_add(&t, &a3);
  assert_int_equal(t.consultations, 450);
  assert_int_equal(t.homeAndTele, 7);
  assert_int_equal(t.nMonths, 3);
  assert_float_equal(t.unscheduledPct, 25.0, 1e-9);   /* (1000+9000)/400 */
  double pct;
  assert_int_equal(centre_yoy_pct(110, 100, &pct), 0);
  assert_float_equal(pct, 10.0, 1e-9);
  assert_int_equal(centre_yoy_pct(5, 0, &pct), -1);
}

/* ---- store on a temporary database ------------------------------------- */

typedef struct Fx Fx;
struct Fx {
  char zPath[64];
  Store *db;
  Arena *a;
  int64_t netId, centreId, siteA, siteB;
  int today;
};

static int fx_setup(void **state)
{
  Fx *f = calloc(1, sizeof *f);
  Err err = {0};
  log_set_quiet(1);
  snprintf(f->zPath, sizeof f->zPath, "/tmp/oasis-test-centres-XXXXXX");
  int fd = mkstemp(f->zPath);
  if (fd < 0) return -1;
  close(fd);
  f->db = store_open(f->zPath, &err);
  if (!f->db) return -1;
  f->a = arena_new();
  caldate_parse("2026-11-23", &f->today);
  CentreNetwork n = {.zCode = "NET", .zName = "Réseau test", .zDep = "71"};
  if (centre_network_save(f->db, &n, &err)) return -1;
  f->netId = n.id;
  Centre c = {.networkId = n.id, .zCode = "C1", .zName = "Centre un"};
  if (centre_save(f->db, &c, &err)) return -1;
  f->centreId = c.id;
  CentreSite sA = {.centreId = c.id, .zCode = "A", .zKind = "principal",
                   .zName = "Site A", .zCommune = "71270", .hasConsult = 1};
  CentreSite sB = {.centreId = c.id, .zCode = "B", .zKind = "antenne",
                   .zName = "Antenne B", .zCommune = "71543",
                   .zOpenedOn = "2024-01-01"};
  centre_hours_parse("08:30-12:00, 14:00-18:00", &sA.aHours[0], &err);
  if (centre_site_save(f->db, &sA, &err) || centre_site_save(f->db, &sB, &err))
    return -1;
  f->siteA = sA.id;
  f->siteB = sB.id;
  *state = f;
  return 0;
}

static int fx_teardown(void **state)
{
  Fx *f = *state;
  arena_free(f->a);
  store_close(f->db);
  char z[96];
  unlink(f->zPath);
  snprintf(z, sizeof z, "%s-wal", f->zPath);
  unlink(z);
  snprintf(z, sizeof z, "%s-shm", f->zPath);
  unlink(z);
  free(f);
  return 0;
}

static void test_sites_keep_hours_and_refuse_duplicate_code(void **state)
{
  Fx *f = *state;
  Err err = {0};
  CentreSite *aS;
  int n;
  assert_int_equal(centre_site_list(f->db, f->a, f->centreId, &aS, &n, &err),
                   0);
  assert_int_equal(n, 2);
  assert_string_equal(aS[0].zKind, "principal");
  assert_int_equal(aS[0].aHours[0].n, 2);
  assert_int_equal(aS[0].aHours[0].aClose[1], 18 * 60);
  CentreSite dup = {.centreId = f->centreId, .zCode = "A", .zKind = "antenne",
                    .zName = "Doublon", .zCommune = "71270"};
  assert_int_equal(centre_site_save(f->db, &dup, &err), ERR_INPUT);
  assert_string_equal(err.zField, "code");
  err_clear(&err);
  dup.zCode = "Z";
  dup.zCommune = "7127";
  assert_int_equal(centre_site_save(f->db, &dup, &err), ERR_INPUT);
  assert_string_equal(err.zField, "commune");
}

static void test_staff_saved_across_sites_feeds_supply_per_commune(void **state)
{
  Fx *f = *state;
  Err err = {0};
  CentreStaff s = {.zFirstName = "Luc", .zLastName = "Bernard",
                   .zCategory = "medecin", .zContractStart = "2025-01-01",
                   .nSite = 2, .aSiteId = {f->siteA, f->siteB},
                   .aFte = {0.5, 0.3}};
  assert_int_equal(centre_staff_save(f->db, &s, &err), 0);
  CentreStaff sec = {.zFirstName = "Eva", .zLastName = "Roux",
                     .zCategory = "secretaire", .zContractStart = "2025-01-01",
                     .nSite = 1, .aSiteId = {f->siteA}, .aFte = {1}};
  assert_int_equal(centre_staff_save(f->db, &sec, &err), 0);
  /* Over one FTE: refused, and nothing of it saved. */
  CentreStaff over = s;
  over.id = 0;
  over.zFirstName = "Trop";
  over.aFte[1] = 0.6;
  assert_int_equal(centre_staff_save(f->db, &over, &err), ERR_INPUT);
  err_clear(&err);
  CentreStaff *aS;
  int n;
  assert_int_equal(centre_staff_list(f->db, f->a, f->netId, 0, &aS, &n, &err),
                   0);
  assert_int_equal(n, 2);
  /* The centre's staff: Luc works on both sites, listed once. */
  CentreSite aSite[2] = {{.id = f->siteA}, {.id = f->siteB}};
  assert_int_equal(centre_staff_of_sites(f->db, f->a, aSite, 2, &aS, &n,
                                         &err), 0);
  assert_int_equal(n, 2);
  assert_int_not_equal(aS[0].id, aS[1].id);
  assert_int_equal(centre_staff_of_sites(f->db, f->a, &aSite[1], 1, &aS, &n,
                                         &err), 0);
  assert_int_equal(n, 1);
  assert_string_equal(aS[0].zFirstName, "Luc");

  CentreSupply *aSup;
  int day;
  caldate_parse("2025-06-01", &day);
  assert_int_equal(centre_supply_fte(f->db, f->a, day, &aSup, &n, &err), 0);
  assert_int_equal(n, 2);
  assert_string_equal(aSup[0].zCommune, "71270");
  assert_float_equal(aSup[0].fteDoctors, 0.5, 1e-9);  /* secretary not counted */
  assert_string_equal(aSup[1].zCommune, "71543");
  assert_float_equal(aSup[1].fteDoctors, 0.3, 1e-9);
  /* Before the antenna opened and before the contract: no doctor, one site. */
  caldate_parse("2023-06-01", &day);
  assert_int_equal(centre_supply_fte(f->db, f->a, day, &aSup, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_float_equal(aSup[0].fteDoctors, 0, 1e-9);
}

static const char zGoodCsv[] =
    "site;mois;consultations;visites_domicile;teleconsultations;"
    "part_non_programmee;nouveaux_patients_mt;patients_mt_cumul\n"
    "A;2025-01;1000;20;10;12,5;30;300\n"
    "A;2025-02;1100;25;5;;35;335\n"
    "B;2025-01;400;5;0;20;10;100\n"
    "A;2026-01;1200;10;10;10;40;500\n";

static void test_activity_import_is_all_or_nothing(void **state)
{
  Fx *f = *state;
  Err err = {0};
  int nRows = -1;
  /* Line 4 has a negative count: the whole file is refused. */
  const char zBad[] =
      "site;mois;consultations;visites_domicile;teleconsultations;"
      "nouveaux_patients_mt;patients_mt_cumul\n"
      "A;2025-01;1000;20;10;30;300\n"
      "A;2025-02;1100;25;5;35;335\n"
      "B;2025-01;400;-5;0;10;100\n";
  assert_int_equal(centre_activity_import(f->db, "bad.csv", zBad,
                                          strlen(zBad), f->today, &nRows,
                                          &err), ERR_INPUT);
  assert_int_equal(err.iLine, 4);
  assert_int_equal(err.iCol, 4);
  assert_string_equal(err.zColName, "visites_domicile");
  CentreActivity *aA;
  int n;
  err_clear(&err);
  assert_int_equal(centre_activity_list(f->db, f->a, f->siteA, 2025, &aA, &n,
                                        &err), 0);
  assert_int_equal(n, 0);

  /* A month in the future, and a site-month twice, are refused too. */
  const char zFuture[] =
      "site,mois,consultations,visites_domicile,teleconsultations,"
      "nouveaux_patients_mt,patients_mt_cumul\n"
      "A,2026-12,1,0,0,0,0\n";
  assert_int_equal(centre_activity_import(f->db, "f.csv", zFuture,
                                          strlen(zFuture), f->today, &nRows,
                                          &err), ERR_INPUT);
  assert_int_equal(err.iLine, 2);
  assert_string_equal(err.zColName, "mois");
  err_clear(&err);
  const char zDup[] =
      "site;mois;consultations;visites_domicile;teleconsultations;"
      "nouveaux_patients_mt;patients_mt_cumul\n"
      "A;2025-01;1;0;0;0;0\nA;2025-01;2;0;0;0;0\n";
  assert_int_equal(centre_activity_import(f->db, "d.csv", zDup, strlen(zDup),
                                          f->today, &nRows, &err), ERR_INPUT);
  assert_int_equal(err.iLine, 3);
  err_clear(&err);

  assert_int_equal(centre_activity_import(f->db, "ok.csv", zGoodCsv,
                                          strlen(zGoodCsv), f->today, &nRows,
                                          &err), 0);
  assert_int_equal(nRows, 4);
  assert_int_equal(centre_activity_list(f->db, f->a, f->siteA, 2025, &aA, &n,
                                        &err), 0);
  assert_int_equal(n, 2);
  assert_float_equal(aA[0].unscheduledPct, 12.5, 1e-9);
  assert_float_equal(aA[1].unscheduledPct, -1, 1e-9);
}

static void test_stats_sum_year_to_date_and_year_on_year(void **state)
{
  Fx *f = *state;
  Err err = {0};
  int nRows;
  assert_int_equal(centre_activity_import(f->db, "ok.csv", zGoodCsv,
                                          strlen(zGoodCsv), f->today, &nRows,
                                          &err), 0);
  CentreStats st;
  assert_int_equal(centre_stats(f->db, f->a, CENTRE_SCOPE_NETWORK, f->netId,
                                2025, 12, &st, &err), 0);
  assert_int_equal(st.ytd.consultations, 2500);
  assert_int_equal(st.ytd.homeAndTele, 65);
  assert_int_equal(st.ytd.cumMtPatients, 435);   /* A's Feb + B's Jan */
  assert_int_equal(st.aMonth[0].consultations, 1400);
  assert_false(st.isPublished);
  assert_int_equal(centre_stats(f->db, f->a, CENTRE_SCOPE_SITE, f->siteA,
                                2026, 1, &st, &err), 0);
  assert_int_equal(st.ytd.consultations, 1200);
  assert_int_equal(st.prevYtd.consultations, 1000);   /* January 2025 only */
}

static void test_published_yearly_totals_stand_in_for_a_year(void **state)
{
  Fx *f = *state;
  Err err = {0};
  CentrePublished p = {.networkId = f->netId, .zMetric = "consultations",
                       .yearFrom = 2022, .yearTo = 2022, .value = 120000,
                       .zSource = "bilan 2022"};
  assert_int_equal(centre_published_save(f->db, &p, &err), 0);
  /* Saved twice: replaced, not duplicated. */
  p.id = 0;
  assert_int_equal(centre_published_save(f->db, &p, &err), 0);
  CentrePublished span = {.networkId = f->netId, .zMetric = "consultations",
                          .yearFrom = 2019, .yearTo = 2023, .value = 90000,
                          .zSource = "cumul"};
  assert_int_equal(centre_published_save(f->db, &span, &err), 0);
  CentrePublished *aP;
  int n;
  assert_int_equal(centre_published_list(f->db, f->a, f->netId, &aP, &n, &err),
                   0);
  assert_int_equal(n, 2);
  CentreStats st;
  assert_int_equal(centre_stats(f->db, f->a, CENTRE_SCOPE_NETWORK, f->netId,
                                2022, 12, &st, &err), 0);
  assert_true(st.isPublished);
  assert_int_equal(st.ytd.consultations, 120000);
  assert_int_equal(st.aMonth[5].consultations, 0);    /* never spread */
  /* A partial year is not a yearly total: nothing stands in. */
  assert_int_equal(centre_stats(f->db, f->a, CENTRE_SCOPE_NETWORK, f->netId,
                                2022, 6, &st, &err), 0);
  assert_false(st.isPublished);
  assert_false(st.hasCur);                /* « pas de donnée », not 0 */
  assert_true(st.consultPerFte < 0);
  /* 2023 has no figure; the year before is the published 2022 */
  assert_int_equal(centre_stats(f->db, f->a, CENTRE_SCOPE_NETWORK, f->netId,
                                2023, 12, &st, &err), 0);
  assert_false(st.hasCur);
  assert_true(st.hasPrev);
  assert_int_equal(st.prevYtd.consultations, 120000);
}

/* A site whose hours were never entered has unknown hours: it is not
** closed every day.  One day entered: the others are closed. */
static void test_hours_unknown_until_one_day_is_entered(void **state)
{
  (void)state;
  CentreDayHours aH[7];
  memset(aH, 0, sizeof aH);
  assert_false(centre_hours_known(aH));
  Err err = {0};
  assert_int_equal(centre_hours_parse("09:00-12:00", &aH[2], &err), 0);
  assert_true(centre_hours_known(aH));
}

static void test_demo_catalogue_loads_and_reproduces_2022(void **state)
{
  Fx *f = *state;
  Err err = {0};
  int nRows;
  char zBuf[600];
  int rc = centre_demo_load(f->db, "data/centres", &nRows, &err);
  if (rc) fprintf(stderr, "%s\n", err_text(&err, zBuf, sizeof zBuf));
  assert_int_equal(rc, 0);
  assert_int_equal(centre_demo_load(f->db, "data/centres", &nRows, &err), 0);
  CentreNetwork *aN;
  int n;
  assert_int_equal(centre_network_list(f->db, f->a, &aN, &n, &err), 0);
  assert_int_equal(n, 3);                   /* the fixture's + 2 */
  int64_t sl = 0;
  for (int i = 0; i < n; i++) {
    if (!strcmp(aN[i].zCode, "CSD71")) sl = aN[i].id;
  }
  Centre *aC;
  assert_int_equal(centre_list(f->db, f->a, sl, &aC, &n, &err), 0);
  assert_int_equal(n, 7);
  CentreStats st;
  assert_int_equal(centre_stats(f->db, f->a, CENTRE_SCOPE_NETWORK, sl, 2022,
                                12, &st, &err), 0);
  assert_true(st.isPublished);
  assert_int_equal(st.ytd.consultations, 120000);
  /* published as home visits alone, not with teleconsultations */
  assert_int_equal(st.ytd.homeVisits, 5000);
  assert_int_equal(st.ytd.homeAndTele, -1);
  assert_string_equal(centre_metric_label("home_visits"),
                      "Visites à domicile");
  /* Corrèze's 90 000 since 2019 count every kind of contact */
  int64_t cz = 0;
  for (int i = 0; i < 3; i++) {
    if (!strcmp(aN[i].zCode, "CDS19")) cz = aN[i].id;
  }
  CentrePublished *aP;
  assert_int_equal(centre_published_list(f->db, f->a, cz, &aP, &n, &err), 0);
  int isSeen = 0;
  for (int i = 0; i < n; i++) {
    if (aP[i].value != 90000) continue;
    assert_string_equal(aP[i].zMetric, "all_contacts");
    assert_string_equal(centre_metric_label(aP[i].zMetric),
                        "Consultations, visites et téléconsultations "
                        "(ensemble)");
    isSeen = 1;
  }
  assert_true(isSeen);
}

/* Links to the guichet unique's form: parameters percent-encoded (UTF-8
** bytes included), "?" then "&", empty values left out. */
static void test_url_params_are_percent_encoded(void **state)
{
  (void)state;
  Str s = STR_INIT;
  str_appendz(&s, "/demande");
  url_add_param(&s, "projet", "stage");
  url_add_param(&s, "vide", "");
  url_add_param(&s, "vide2", NULL);
  url_add_param(&s, "message", "Vendôme & co, 1/2 ~ok_-.");
  assert_string_equal(str_text(&s), "/demande?projet=stage&message="
                      "Vend%C3%B4me%20%26%20co%2C%201%2F2%20~ok_-.");
  str_free(&s);
}

/* True when some cell of CSV text z (after the BOM) starts with one of
** = + - @ unquoted: a spreadsheet would run it. */
static int csv_has_live_formula(const char *z)
{
  int isCellStart = 1;
  for (; *z; z++) {
    if (isCellStart && strchr("=+-@", *z)) return 1;
    isCellStart = *z == ';' || *z == '\n' ||
                  (*z == '"' && z[-1] != '"' && (z[-1] == ';' || z[-1] == '\n'));
  }
  return 0;
}

/* The activity export: header row first, figures as numbers, and scope
** names (typed by agents) that look like formulas stay inert in CSV and
** XLSX (they travel as provenance, never as a cell that runs). */
static void test_activity_export_keeps_formula_like_text_inert(void **state)
{
  (void)state;
  static const char *const azName[] = {"=HYPERLINK(\"http://x\")",
                                       "+33 6 12 34 56 78", "-2+3",
                                       "@SUM(A1:A2)"};
  for (size_t k = 0; k < sizeof azName / sizeof azName[0]; k++) {
    Arena *a = arena_new();
    CentreStats st;
    memset(&st, 0, sizeof st);
    st.year = 2025;
    st.monthTo = 2;
    st.aMonth[0] = (CentreTotals){.consultations = 10, .homeVisits = 1,
                                  .teleconsultations = 2, .homeAndTele = 3,
                                  .newMtPatients = 1, .cumMtPatients = 5,
                                  .unscheduledPct = 10.5, .nMonths = 1};
    st.ytd = st.aMonth[0];
    st.ytd.unscheduledPct = -1;
    ExpTable *t = ctr_export_table(a, &st, azName[k]);
    Str out = STR_INIT;
    Err err = {0};
    assert_int_equal(exp_write(t, EXP_CSV, &out, &err), 0);
    const char *z = str_text(&out);
    assert_true(str_starts(z + 3, "periode;consultations;visites_domicile;"));
    assert_non_null(strstr(z, "\r\n2025-01;10;1;2;3;10,5;1;5\r\n"));
    assert_non_null(strstr(z, "\r\n2025 (cumul);10;1;2;3;;1;5\r\n"));
    assert_false(csv_has_live_formula(z + 3));
    assert_null(strstr(z, azName[k]));   /* provenance: never in the body */
    str_free(&out);
    Str x = STR_INIT;
    assert_int_equal(exp_write(t, EXP_XLSX, &x, &err), 0);
    assert_memory_equal(x.z, "PK", 2);
    str_free(&x);
    /* The same names in the period cell: exp_text() neutralises them. */
    ExpTable *t2 = exp_new("Activité");
    exp_col(t2, "periode", "periode", EXP_TEXT);
    exp_row(t2);
    exp_text(t2, azName[k]);
    Str y = STR_INIT;
    assert_int_equal(exp_write(t2, EXP_CSV, &y, &err), 0);
    assert_false(csv_has_live_formula(str_text(&y) + 3));
    str_free(&y);
    exp_free(t2);
    exp_free(t);
    arena_free(a);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_caldate_round_trips_and_refuses_bad_dates),
    cmocka_unit_test(test_url_params_are_percent_encoded),
    cmocka_unit_test(test_hours_parse_ranges_and_refuse_overlaps),
    cmocka_unit_test(test_staff_fte_over_one_across_sites_is_refused),
    cmocka_unit_test(test_activity_refuses_future_month_and_negative_counts),
    cmocka_unit_test(test_totals_weight_unscheduled_share_by_consultations),
    cmocka_unit_test(test_activity_export_keeps_formula_like_text_inert),
    cmocka_unit_test_setup_teardown(
        test_sites_keep_hours_and_refuse_duplicate_code, fx_setup,
        fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_staff_saved_across_sites_feeds_supply_per_commune, fx_setup,
        fx_teardown),
    cmocka_unit_test_setup_teardown(test_activity_import_is_all_or_nothing,
                                    fx_setup, fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_stats_sum_year_to_date_and_year_on_year, fx_setup, fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_published_yearly_totals_stand_in_for_a_year, fx_setup,
        fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_hours_unknown_until_one_day_is_entered, fx_setup,
        fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_demo_catalogue_loads_and_reproduces_2022, fx_setup, fx_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
