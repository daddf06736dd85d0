/*
** tests/unit/test_access_files.c: the file side of `oasis apl` --
** readers of points, matrices and values (one test per bad input, each
** checking file, line and column), the end-to-end run on a hand-computed
** matrix, the comparison statistics and the CLI exit statuses.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "observatory/apl_run.h"
#include "test_access_dir.h"

int obs_cmd_apl(int argc, char **argv);
int obs_cmd_validate_apl(int argc, char **argv);

#define assert_double_equal(a, b, eps) assert_near((a), (b), (eps), __LINE__)
static void assert_near(double a, double b, double eps, int line)
{
  if (!(fabs(a - b) <= eps)) {
    print_error("line %d: %.17g != %.17g (eps %g)\n", line, a, b, eps);
    fail();
  }
}


/* Write z to gaDir/zName; returns the path (static buffer per call site). */
static const char *fixture(const char *zName, const char *z, char *zPath)
{
  snprintf(zPath, 128, "%s/%s", gaDir, zName);
  FILE *f = fopen(zPath, "w");
  assert_non_null(f);
  fputs(z, f);
  fclose(f);
  return zPath;
}

static void assert_err_at(const Err *err, const char *zFile, long iLine,
                          int iCol, const char *zNeedle)
{
  char buf[1200];
  assert_int_equal(err->code, ERR_INPUT);
  assert_non_null(strstr(err->zFile, zFile));
  assert_int_equal(err->iLine, iLine);
  assert_int_equal(err->iCol, iCol);
  if (!strstr(err->zMsg, zNeedle)) {
    print_error("message « %s » lacks « %s »\n", err_text(err, buf, sizeof buf),
                zNeedle);
    fail();
  }
}

static const char zPoints[] =
  "code_insee,type,nom,lat,lon,lat_centroide_contour,lon_centroide_contour\n"
  "01001,COM,Alpha,45.0,5.0,45.01,5.01\n"
  "01001,COMD,Alpha déléguée,45.0,5.0,,\n"
  "75056,COM,Paris,,,48.85,2.34\n"
  "75101,ARM,Paris 1er,48.86,2.34,,\n";

static void test_points_keep_com_arm_and_fall_back_to_centroid(void **state)
{
  (void)state;
  char p[128];
  AplModel m;
  Err err = {0};
  apl_model_init(&m);
  assert_int_equal(apl_load_points(&m, fixture("p.csv", zPoints, p), NULL,
                                   &err), 0);
  assert_int_equal(m.nodes.n, 3);                 /* the COMD row is skipped */
  int i = apl_nodes_find(&m.nodes, "75056");
  assert_true(i >= 0);
  assert_double_equal(m.nodes.aLat[i], 48.85, 0);  /* contour centroid */
  assert_string_equal(m.nodes.azName[0], "Alpha");
  apl_model_free(&m);
}

static void test_points_missing_column_is_named(void **state)
{
  (void)state;
  char p[128];
  AplModel m;
  Err err = {0};
  apl_model_init(&m);
  assert_int_equal(apl_load_points(&m, fixture("nolat.csv", "id,lon\n1,2\n",
                                               p), NULL, &err), ERR_INPUT);
  assert_err_at(&err, "nolat.csv", 1, 0, "latitude");
  apl_model_free(&m);
}

static void test_points_non_numeric_and_duplicate(void **state)
{
  (void)state;
  char p[128];
  AplModel m;
  Err err = {0};
  apl_model_init(&m);
  fixture("bad.csv", "id,lat,lon\nA,45,5\nB,quarante,5\n", p);
  assert_int_equal(apl_load_points(&m, p, NULL, &err), ERR_INPUT);
  assert_err_at(&err, "bad.csv", 3, 2, "quarante");
  apl_model_free(&m);
  apl_model_init(&m);
  memset(&err, 0, sizeof err);
  fixture("dup.csv", "id,lat,lon\nA,45,5\nA,46,5\n", p);
  assert_int_equal(apl_load_points(&m, p, NULL, &err), ERR_INPUT);
  assert_err_at(&err, "dup.csv", 3, 1, "double");
  apl_model_free(&m);
}

static void test_matrix_negative_minutes_rejected(void **state)
{
  (void)state;
  char p[128];
  AplModel m;
  Err err = {0};
  apl_model_init(&m);
  fixture("neg.csv", "origin,destination,minutes\nA,B,5\nB,A,-3\n", p);
  assert_int_equal(apl_load_matrix(&m, p, &err), ERR_INPUT);
  assert_err_at(&err, "neg.csv", 3, 3, "négative");
  apl_model_free(&m);
}

static void test_semicolon_files_are_read(void **state)
{
  (void)state;
  char p[128];
  AplModel m;
  Err err = {0};
  apl_model_init(&m);
  fixture("sc.csv", "origin;destination;minutes\nA;B;5,5\nB;A;7\n", p);
  assert_int_equal(apl_csv_sep(p), ';');
  /* "5,5" is not a number: decimal commas are refused, with the cell */
  assert_int_equal(apl_load_matrix(&m, p, &err), ERR_INPUT);
  assert_err_at(&err, "sc.csv", 2, 3, "5,5");
  apl_model_free(&m);
  apl_model_init(&m);
  memset(&err, 0, sizeof err);
  fixture("sc2.csv", "origin;destination;minutes\nA;B;5.5\n", p);
  assert_int_equal(apl_load_matrix(&m, p, &err), 0);
  assert_int_equal(m.nPair, 1);
  assert_double_equal(apl_minutes(&m, 0), 5.5, 0);
  apl_model_free(&m);
}

static void test_matrix_missing_column_and_non_numeric(void **state)
{
  (void)state;
  char p[128];
  AplModel m;
  Err err = {0};
  apl_model_init(&m);
  fixture("nocol.csv", "origin,minutes\nA,5\n", p);
  assert_int_equal(apl_load_matrix(&m, p, &err), ERR_INPUT);
  assert_err_at(&err, "nocol.csv", 1, 0, "destination");
  apl_model_free(&m);
  apl_model_init(&m);
  memset(&err, 0, sizeof err);
  fixture("nan.csv", "origin,destination,minutes\nA,B,12min\n", p);
  assert_int_equal(apl_load_matrix(&m, p, &err), ERR_INPUT);
  assert_err_at(&err, "nan.csv", 2, 3, "12min");
  apl_model_free(&m);
}

static void test_truncated_file_reports_position(void **state)
{
  (void)state;
  char p[128];
  AplModel m;
  Err err = {0};
  apl_model_init(&m);
  fixture("cut.csv", "origin,destination,minutes\nA,B,5\n\"C,D,4\n", p);
  assert_int_equal(apl_load_matrix(&m, p, &err), ERR_INPUT);
  assert_int_equal(err.iLine, 3);
  apl_model_free(&m);
}

/* Matrix + demand + supply files of the hand-computed case of
** test_access.c: the CLI path must give the same APL. */
static void load_tiny(AplModel *m, char *zM, char *zD, char *zS)
{
  static const char *const azPop[] = {"population", NULL};
  static const char *const azSup[] = {"supply", NULL};
  Err err = {0};
  AplUnknown u;
  fixture("m.csv", "origin,destination,minutes\nA,B,12\nB,A,12\nB,C,8\n"
                   "C,B,8\nA,C,18\nC,A,18\n", zM);
  fixture("d.csv", "id,population,commune\nA,100,Aville\nB,200,\nC,300,\n"
                   "Z,50,\n", zD);
  fixture("s.csv", "code,supply,generaliste\nA,1000,2\nC,600,1\n", zS);
  apl_model_init(m);
  m->isCountSupply = 0;
  assert_int_equal(apl_load_matrix(m, zM, &err), 0);
  apl_alloc_inputs(m);
  assert_int_equal(apl_load_values(m, zD, NULL, NULL, azPop, m->aPop, &u,
                                   &err), 0);
  assert_int_equal(u.nUnknown, 1);                /* Z: counted, reported */
  assert_int_equal(u.iFirstLine, 5);
  assert_string_equal(u.zFirstCode, "Z");
  assert_double_equal(u.lost, 50, 0);
  assert_int_equal(apl_load_values(m, zS, NULL, NULL, azSup, m->aCount, &u,
                                   &err), 0);
}

static void test_files_end_to_end_match_hand_computed_apl(void **state)
{
  (void)state;
  char zM[128], zD[128], zS[128];
  AplModel m;
  load_tiny(&m, zM, zD, zS);
  apl_build(&m);
  apl_compute(&m);
  int a = apl_nodes_find(&m.nodes, "A"), b = apl_nodes_find(&m.nodes, "B");
  int c = apl_nodes_find(&m.nodes, "C");
  assert_double_equal(m.aApl[a], 3.375, 1e-6);
  assert_double_equal(m.aApl[b], 3.125, 1e-6);
  assert_double_equal(m.aApl[c], 2.125, 1e-6);
  assert_string_equal(m.nodes.azName[a], "Aville");
  apl_model_free(&m);
}

/* A commune name a spreadsheet would run as a formula comes out of
** `oasis apl`'s CSV inert: quoted, with a leading "'". */
static void test_csv_names_starting_like_formulas_are_inert(void **state)
{
  (void)state;
  static const char *const azEvil[] = {"=1+2", "+33", "-A1", "@SUM(A1)"};
  char zM[128], zD[128], zS[128];
  AplModel m;
  load_tiny(&m, zM, zD, zS);
  apl_build(&m);
  apl_compute(&m);
  int b = apl_nodes_find(&m.nodes, "B");
  char *zSaved = m.nodes.azName[b];
  for (int k = 0; k < 4; k++) {
    char *z = NULL, zWant[32];
    size_t n = 0;
    FILE *f = open_memstream(&z, &n);
    m.nodes.azName[b] = (char *)azEvil[k];
    Err err = {0};
    assert_int_equal(apl_write_csv(&m, f, &err), 0);
    fclose(f);
    snprintf(zWant, sizeof zWant, "\nB,\"'%s\",", azEvil[k]);
    if (!strstr(z, zWant)) {
      print_error("%s not in:\n%s\n", zWant, z);
      fail();
    }
    free(z);
  }
  m.nodes.azName[b] = zSaved;
  apl_model_free(&m);
}

static void test_supply_column_chosen_by_flag(void **state)
{
  (void)state;
  static const char *const azSup[] = {"supply", NULL};
  char zM[128], zD[128], zS[128];
  AplModel m;
  Err err = {0};
  AplUnknown u;
  load_tiny(&m, zM, zD, zS);
  memset(m.aCount, 0, sizeof(double) * m.nodes.n);
  assert_int_equal(apl_load_values(&m, zS, NULL, "generaliste", azSup,
                                   m.aCount, &u, &err), 0);
  assert_double_equal(m.aCount[apl_nodes_find(&m.nodes, "A")], 2, 0);
  assert_int_equal(apl_load_values(&m, zS, NULL, "absente", azSup, m.aCount,
                                   &u, &err), ERR_INPUT);
  assert_err_at(&err, "s.csv", 1, 0, "absente");
  apl_model_free(&m);
}

static void test_values_non_numeric_and_negative(void **state)
{
  (void)state;
  static const char *const azPop[] = {"population", NULL};
  char zM[128], zD[128], zS[128], p[128];
  AplModel m;
  Err err = {0};
  AplUnknown u;
  load_tiny(&m, zM, zD, zS);
  fixture("dn.csv", "id,population\nA,12\nB,douze\n", p);
  assert_int_equal(apl_load_values(&m, p, NULL, NULL, azPop, m.aPop, &u,
                                   &err), ERR_INPUT);
  assert_err_at(&err, "dn.csv", 3, 2, "douze");
  memset(&err, 0, sizeof err);
  fixture("dneg.csv", "id,population\nA,-4\n", p);
  assert_int_equal(apl_load_values(&m, p, NULL, NULL, azPop, m.aPop, &u,
                                   &err), ERR_INPUT);
  assert_err_at(&err, "dneg.csv", 2, 2, "négative");
  apl_model_free(&m);
}

static void test_compare_statistics(void **state)
{
  (void)state;
  char p1[128], p2[128];
  AplTable ours, ref;
  Err err = {0};
  AplAgreement a[4];
  long nOurs, nRef;
  AccParams prm = acc_params_default();
  /* ours = ref^2 in 01 (monotone: Spearman 1, Pearson < 1); 02 equal */
  fixture("ref.csv", "code_commune,apl_mg\n01001,1\n01002,2\n01003,3\n"
                     "02001,5\n02002,1\n02003,3\n97101,2\n", p1);
  fixture("ours.csv", "code,apl\n01001,1\n01002,4\n01003,9\n02001,5\n"
                      "02002,1\n02003,3\n99999,1\n", p2);
  assert_int_equal(apl_table_load(&ref, p1, NULL, &err), 0);
  assert_int_equal(apl_table_load(&ours, p2, "apl", &err), 0);
  int n = apl_compare(&prm, &ours, &ref, a, 4, &nOurs, &nRef);
  assert_int_equal(n, 3);                         /* France, 01, 02 */
  assert_int_equal(nOurs, 1);                     /* 99999 */
  assert_int_equal(nRef, 1);                      /* 97101 */
  assert_string_equal(a[0].zArea, "France");
  assert_int_equal(a[0].n, 6);
  assert_string_equal(a[1].zArea, "01");
  assert_double_equal(a[1].spearman, 1, 1e-12);
  assert_true(a[1].pearson < 0.999 && a[1].pearson > 0.9);
  assert_double_equal(a[1].zoneAgree, 1.0 / 3, 1e-12);  /* 2->4, 3->9 move */
  assert_double_equal(a[2].pearson, 1, 1e-12);
  assert_double_equal(a[2].zoneAgree, 1, 0);
  char zDep[4];
  apl_departement("97411", zDep);
  assert_string_equal(zDep, "974");
  apl_departement("2A004", zDep);
  assert_string_equal(zDep, "2A");
  apl_table_free(&ours);
  apl_table_free(&ref);
}

static int run_cli(int (*x)(int, char **), int argc, const char **argv)
{
  return x(argc, (char **)argv);
}

static void test_cli_exit_statuses(void **state)
{
  (void)state;
  char zM[128], zD[128], zS[128], zOut[128], zBad[128];
  AplModel m;
  load_tiny(&m, zM, zD, zS);
  apl_model_free(&m);
  snprintf(zOut, sizeof zOut, "%s/out.csv", gaDir);
  const char *aOk[] = {"apl", "--matrix", zM, "--demand", zD, "--supply", zS,
                       "--supply-unit", "acts", "--quiet", "--out", zOut};
  assert_int_equal(run_cli(obs_cmd_apl, 12, aOk), 0);
  FILE *f = fopen(zOut, "r");
  char line[256];
  assert_non_null(fgets(line, sizeof line, f));
  assert_true(str_starts(line, "code,nom,apl,zone"));
  assert_non_null(fgets(line, sizeof line, f));
  assert_true(str_starts(line, "A,Aville,3.375,intermédiaire"));   /* full precision */
  fclose(f);
  const char *aUsage[] = {"apl", "--demand", zD};
  assert_int_equal(run_cli(obs_cmd_apl, 3, aUsage), 2);
  const char *aBadFlag[] = {"apl", "--tmax", "vingt"};
  assert_int_equal(run_cli(obs_cmd_apl, 3, aBadFlag), 2);
  fixture("badm.csv", "origin,destination,minutes\nA,B,-1\n", zBad);
  const char *aBad[] = {"apl", "--matrix", zBad, "--demand", zD, "--supply",
                        zS, "--quiet", "--out", zOut};
  assert_int_equal(run_cli(obs_cmd_apl, 10, aBad), 1);
  const char *aVal[] = {"validate-apl", "--reference", zOut, "--apl", zOut,
                        "--ref-col", "apl"};
  assert_int_equal(run_cli(obs_cmd_validate_apl, 7, aVal), 0);
  const char *aNoRef[] = {"validate-apl", "--apl", zOut};
  assert_int_equal(run_cli(obs_cmd_validate_apl, 3, aNoRef), 2);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_points_keep_com_arm_and_fall_back_to_centroid),
    cmocka_unit_test(test_points_missing_column_is_named),
    cmocka_unit_test(test_points_non_numeric_and_duplicate),
    cmocka_unit_test(test_matrix_negative_minutes_rejected),
    cmocka_unit_test(test_matrix_missing_column_and_non_numeric),
    cmocka_unit_test(test_semicolon_files_are_read),
    cmocka_unit_test(test_truncated_file_reports_position),
    cmocka_unit_test(test_files_end_to_end_match_hand_computed_apl),
    cmocka_unit_test(test_csv_names_starting_like_formulas_are_inert),
    cmocka_unit_test(test_supply_column_chosen_by_flag),
    cmocka_unit_test(test_values_non_numeric_and_negative),
    cmocka_unit_test(test_compare_statistics),
    cmocka_unit_test(test_cli_exit_statuses),
  };
  return cmocka_run_group_tests(tests, dir_setup, dir_teardown);
}
