/*
** tests/unit/test_workforce.c: the practitioners register: the DREES
** counting of one person at every boundary, for every profession; the
** public masking of small cells; the leaving year; the RPPS import into
** the register (five professions, the team's entries kept by a re-import,
** a person gone flagged and kept, all or nothing with the line named);
** and the engine's inputs completed by the team's birth years.
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

#include "access/access.h"
#include "base/arena.h"
#include "store/store.h"
#include "territory/territory.h"
#include "workforce/workforce.h"

#define FIX "tests/fixtures/"

static WfPerson person(double acts, int isNew, int isCentre)
{
  WfPerson p;
  memset(&p, 0, sizeof p);
  p.zProfession = "mg";
  p.acts = acts;
  p.fte = NAN;
  p.isNewLiberal = isNew;
  p.isCentre = isCentre;
  p.zRetireOn = "";
  return p;
}

static double counted(double acts, int isNew, int isCentre)
{
  WfPerson p = person(acts, isNew, isCentre);
  const char *zRule = NULL;
  double v = wf_counted_acts(&p, &zRule);
  assert_non_null(zRule);
  return v;
}

/* Under 250 acts: excluded; 250 to 3,600: 3,600; real to 6,000; capped. */
static void test_counting_boundaries(void **state)
{
  (void)state;
  assert_true(counted(0, 0, 0) == 0);
  assert_true(counted(249, 0, 0) == 0);
  assert_true(counted(249.5, 0, 0) == 0);
  assert_true(counted(250, 0, 0) == 3600);
  assert_true(counted(3600, 0, 0) == 3600);
  assert_true(counted(3601, 0, 0) == 3601);
  assert_true(counted(5999, 0, 0) == 5999);
  assert_true(counted(6000, 0, 0) == 6000);
  assert_true(counted(6001, 0, 0) == 6000);
  assert_true(counted(12000, 0, 0) == 6000);
}

/* A new liberal counts 5,400 whatever his acts; a salaried centre doctor
** his real activity, unbounded (8,000 stays 8,000; 200 stays 200). */
static void test_counting_new_liberal_and_centre(void **state)
{
  (void)state;
  assert_true(counted(0, 1, 0) == 5400);
  assert_true(counted(100, 1, 0) == 5400);
  assert_true(counted(9000, 1, 0) == 5400);
  assert_true(counted(NAN, 1, 0) == 5400);
  assert_true(counted(8000, 0, 1) == 8000);
  assert_true(counted(6001, 0, 1) == 6001);
  assert_true(counted(200, 0, 1) == 200);
  /* unknown activity: one average GP, or the declared FTE of one */
  assert_true(counted(NAN, 0, 0) == 4500);
  WfPerson p = person(NAN, 0, 0);
  p.fte = 0.5;
  assert_true(wf_counted_acts(&p, NULL) == 2250);
}

/* Every profession of the register is counted with the GP parameters,
** and says so. */
static void test_counting_every_profession(void **state)
{
  (void)state;
  for (int i = 0; i < WF_NPROF; i++) {
    WfPerson p = person(6001, 0, 0);
    p.zProfession = wf_professions[i].zCode;
    assert_true(wf_counted_acts(&p, NULL) == 6000);
    p.acts = 249;
    assert_true(wf_counted_acts(&p, NULL) == 0);
    assert_non_null(strstr(wf_professions[i].zParams, "généralistes"));
    assert_ptr_equal(wf_profession(wf_professions[i].zCode),
                     &wf_professions[i]);
  }
  assert_string_equal(wf_profession_of_rpps("60"), "infirmier");
  assert_string_equal(wf_profession_of_rpps("70"), "kine");
  assert_null(wf_profession_of_rpps("21"));
  assert_null(wf_profession("pharmacien"));
}

static void test_leaving_year_and_bands(void **state)
{
  (void)state;
  WfPerson p = person(NAN, 0, 0);
  assert_int_equal(wf_leaving_year(&p, 67), 0);
  p.birthYear = 1960;
  assert_int_equal(wf_leaving_year(&p, 65), 2025);
  assert_int_equal(wf_leaving_year(&p, 70), 2030);
  assert_int_equal(wf_leaving_year(&p, 0), 2027);     /* no date: 67 */
  p.zRetireOn = "2029-06-30";
  assert_int_equal(wf_leaving_year(&p, 0), 2029);
  assert_int_equal(wf_leaving_year(&p, 65), 2025);    /* the assumption */
  assert_int_equal(wf_band(29), 0);
  assert_int_equal(wf_band(30), 1);
  assert_int_equal(wf_band(59), 6);
  assert_int_equal(wf_band(60), 7);
  assert_int_equal(wf_band(69), 8);
  assert_int_equal(wf_band(70), WF_NBAND - 1);
  assert_int_equal(wf_band(95), WF_NBAND - 1);
}

/* 1 to 4 hidden; a lone hidden cell takes the smallest other with it. */
static void test_mask_small_cells(void **state)
{
  (void)state;
  unsigned char m[4];
  int a1[4] = {0, 5, 12, 7};
  wf_mask(a1, 4, 5, m);
  assert_int_equal(m[0] + m[1] + m[2] + m[3], 0);
  int a2[4] = {3, 5, 12, 7};
  wf_mask(a2, 4, 5, m);
  assert_true(m[0] && m[1] && !m[2] && !m[3]);
  int a3[4] = {1, 4, 12, 7};
  wf_mask(a3, 4, 5, m);
  assert_true(m[0] && m[1] && !m[2] && !m[3]);
  int a4[2] = {4, 0};
  wf_mask(a4, 2, 5, m);
  assert_true(m[0] && !m[1]);
  wf_mask(a2, 4, 0, m);                   /* agents: nothing hidden */
  assert_int_equal(m[0] + m[1] + m[2] + m[3], 0);
}

typedef struct Fx Fx;
struct Fx {
  char zDir[64];
  char zDb[96];
  Store *db;
  Arena *a;
};

static int fx_setup(void **state)
{
  Fx *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/oasis_wf_XXXXXX");
  if (!mkdtemp(f->zDir)) return -1;
  snprintf(f->zDb, sizeof f->zDb, "%s/t.db", f->zDir);
  Err err = {0};
  f->db = store_open(f->zDb, &err);
  if (!f->db) return -1;
  TerrImportOpts o = {.zPath = FIX "communes_small.csv"};
  if (terr_import_communes(f->db, &o, &err)) return -1;
  f->a = arena_new();
  *state = f;
  return 0;
}

static int fx_teardown(void **state)
{
  Fx *f = *state;
  store_close(f->db);
  arena_free(f->a);
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  int rc = system(zCmd);
  free(f);
  return rc;
}

static int64_t q_int(Store *db, const char *zSql)
{
  return store_one_int(store_stmt(db, zSql), -1);
}

static int import_rpps(Fx *f, const char *zPath, int vintage, Err *err)
{
  TerrImportOpts o = {.zPath = zPath, .vintage = vintage};
  return wf_import_rpps(f->db, &o, err);
}

static int64_t id_of(Fx *f, const char *zRpps)
{
  Stmt *q = store_stmt(f->db, "SELECT id FROM practitioner_register"
                       " WHERE rpps = ?1");
  store_bind_text(q, 1, zRpps);
  return store_one_int(q, 0);
}

/* Copy fixture zSrc to zDst, line iEdit passed through xEdit, and at most
** nMax lines (0: all). */
static void copy_lines(const char *zSrc, const char *zDst, int iEdit,
                       void (*xEdit)(char *), int nMax)
{
  FILE *in = fopen(zSrc, "rb");
  FILE *out = fopen(zDst, "wb");
  assert_non_null(in);
  assert_non_null(out);
  char zLine[4096];
  int iLine = 0;
  while (fgets(zLine, sizeof zLine, in)) {
    if (++iLine == iEdit) xEdit(zLine);
    fputs(zLine, out);
    if (iLine == nMax) break;
  }
  fclose(in);
  fclose(out);
}

/* An empty national identifier (third column). */
static void edit_empty_id(char *zLine)
{
  char *p1 = strchr(zLine, '|'), *p2 = strchr(p1 + 1, '|');
  char *p3 = strchr(p2 + 1, '|');
  memmove(p2 + 1, p3, strlen(p3) + 1);
}

/* DURAND's site in a commune nobody knows. */
static void edit_unknown_commune(char *zLine)
{
  char *p = strstr(zLine, "|01500|01004|");
  if (p) memcpy(p + 7, "99999", 5);
}

/* A line cut short. */
static void edit_cut(char *zLine)
{
  zLine[40] = 0;
}

/* Five professions in, pharmacists and specialists out; the team's
** entries survive the next extraction; a person it drops is flagged. */
static void test_register_reimport_keeps_team_entries(void **state)
{
  Fx *f = *state;
  Err err = {0};
  assert_int_equal(import_rpps(f, FIX "rpps_register_2026.txt", 2026, &err),
                   0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioner_register"),
                   10);
  assert_int_equal(q_int(f->db, "SELECT count(DISTINCT profession) FROM"
                         " practitioner_register"), 5);
  assert_int_equal(q_int(f->db, "SELECT is_centre FROM practitioner_register"
                         " WHERE rpps = '810000000104'"), 1);
  /* the GP of two sites keeps the first as his main one */
  assert_int_equal(q_int(f->db, "SELECT commune FROM practitioner_register"
                         " WHERE rpps = '810000000105'"), 75102);
  WfPerson p;
  assert_int_equal(wf_person_get(f->db, f->a, id_of(f, "810000000102"), &p,
                                 &err), 0);
  assert_string_equal(p.zLastName, "DURAND");
  p.birthYear = 1962;
  p.acts = 5200;
  p.zRetireOn = "2028-12-31";
  p.zNewPatients = "non";
  p.zCommune2 = "01001";
  assert_int_equal(wf_person_save(f->db, &p, &err), 0);

  assert_int_equal(import_rpps(f, FIX "rpps_register_2027.txt", 2027, &err),
                   0);
  assert_int_equal(wf_person_get(f->db, f->a, id_of(f, "810000000102"), &p,
                                 &err), 0);
  assert_string_equal(p.zCommune, "01001");          /* the extraction's */
  assert_int_equal(p.birthYear, 1962);               /* the team's, kept */
  assert_true(p.acts == 5200);
  assert_string_equal(p.zRetireOn, "2028-12-31");
  assert_string_equal(p.zNewPatients, "non");
  assert_string_equal(p.zCommune2, "01001");
  assert_string_equal(p.zMissingSince, "");
  assert_int_equal(wf_person_get(f->db, f->a, id_of(f, "810000000101"), &p,
                                 &err), 0);
  assert_string_equal(p.zLastName, "MARTIN");        /* kept, flagged */
  assert_true(p.zMissingSince[0] != 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioner_register"),
                   10);
  /* he comes back: the flag goes */
  assert_int_equal(import_rpps(f, FIX "rpps_register_2026.txt", 2028, &err),
                   0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioner_register"
                         " WHERE missing_since IS NOT NULL"), 0);
}

/* A bad line rolls the whole import back and is named. */
static void test_register_import_all_or_nothing(void **state)
{
  Fx *f = *state;
  Err err = {0};
  assert_int_equal(import_rpps(f, FIX "rpps_register_2026.txt", 2026, &err),
                   0);
  char zPath[128];
  snprintf(zPath, sizeof zPath, "%s/bad.txt", f->zDir);
  copy_lines(FIX "rpps_register_2027.txt", zPath, 4, edit_empty_id, 0);
  Err bad = {0};
  assert_true(import_rpps(f, zPath, 2027, &bad) < 0);
  char zMsg[512];
  err_text(&bad, zMsg, sizeof zMsg);
  assert_non_null(strstr(zMsg, "ligne 4"));
  assert_non_null(strstr(zMsg, "identifiant vide"));
  /* nothing changed: MARTIN still listed, DURAND still at 01004 */
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioner_register"
                         " WHERE missing_since IS NOT NULL"), 0);
  assert_int_equal(q_int(f->db, "SELECT commune FROM practitioner_register"
                         " WHERE rpps = '810000000102'"), 1004);
}

/* The importer's fast paths change nothing it says: a commune code the
** database lacks is still skipped (its person left out, the others kept),
** a person's second GP line still gives a second site, and the register's
** commune index, rebuilt at the end of an import, is there after a good
** import and after a failed one (rolled back with it). */
static void test_register_import_fast_paths(void **state)
{
  Fx *f = *state;
  Err err = {0};
  char zPath[128];
  snprintf(zPath, sizeof zPath, "%s/unknown.txt", f->zDir);
  copy_lines(FIX "rpps_register_2026.txt", zPath, 3, edit_unknown_commune, 0);
  assert_int_equal(import_rpps(f, zPath, 2026, &err), 0);
  assert_int_equal(id_of(f, "810000000102"), 0);
  assert_true(id_of(f, "810000000101") > 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioner_sites s"
                         " JOIN practitioners p ON p.id = s.practitioner_id"
                         " WHERE p.rpps = '810000000105'"), 2);
  const char *zIndex = "SELECT count(*) FROM sqlite_master WHERE name ="
                       " 'practitioner_register_commune'";
  assert_int_equal(q_int(f->db, zIndex), 1);
  /* a truncated extraction fails whole; the index stays */
  snprintf(zPath, sizeof zPath, "%s/cut.txt", f->zDir);
  copy_lines(FIX "rpps_register_2027.txt", zPath, 3, edit_cut, 3);
  Err bad = {0};
  assert_true(import_rpps(f, zPath, 2027, &bad) < 0);
  assert_int_equal(q_int(f->db, zIndex), 1);
  assert_true(id_of(f, "810000000101") > 0);
}

static void wf_add(void *pArg, const char *zCode, int64_t id, int birth,
                   double acts, unsigned flags)
{
  (void)flags;
  (void)zCode;
  (void)id;
  (void)acts;
  int *pMax = pArg;
  if (birth > *pMax) *pMax = birth;
}

/* The RPPS file has no birth year: the one the team enters reaches the
** engine's inputs, so the forecast knows the ages. */
static void test_team_birth_year_reaches_the_engine(void **state)
{
  Fx *f = *state;
  Err err = {0};
  assert_int_equal(import_rpps(f, FIX "rpps_register_2026.txt", 2026, &err),
                   0);
  int maxBirth = 0;
  assert_int_equal(wf_each_site(f->db, 2026, wf_add, &maxBirth, &err), 0);
  assert_int_equal(maxBirth, 0);
  WfPerson p;
  assert_int_equal(wf_person_get(f->db, f->a, id_of(f, "810000000101"), &p,
                                 &err), 0);
  p.birthYear = 1960;
  assert_int_equal(wf_person_save(f->db, &p, &err), 0);
  assert_int_equal(wf_each_site(f->db, 2026, wf_add, &maxBirth, &err), 0);
  assert_int_equal(maxBirth, 1960);
}


/* The register's « centre de santé » and « nouveau libéral » reach the
** engine's inputs, so the observatory's APL applies the DREES rules: a
** salaried centre doctor with 8,000 acts counts 8,000 (not the 6,000 cap),
** a new liberal counts 5,400 whatever his acts. */
typedef struct SiteSeen SiteSeen;
struct SiteSeen { int64_t id; double acts; unsigned flags; };
static void wf_seen(void *pArg, const char *zCode, int64_t id, int birth,
                    double acts, unsigned flags)
{
  (void)zCode;
  (void)birth;
  SiteSeen *p = pArg;
  if (id != p->id) return;
  p->acts = acts;
  p->flags = flags;
}

static void test_centre_and_new_liberal_reach_the_engine(void **state)
{
  Fx *f = *state;
  Err err = {0};
  assert_int_equal(import_rpps(f, FIX "rpps_register_2026.txt", 2026, &err),
                   0);
  int64_t id = id_of(f, "810000000101");
  WfPerson p;
  assert_int_equal(wf_person_get(f->db, f->a, id, &p, &err), 0);
  p.acts = 8000;
  p.isCentre = 1;
  assert_int_equal(wf_person_save(f->db, &p, &err), 0);
  SiteSeen seen = {id, 0, 0};
  assert_int_equal(wf_each_site(f->db, 2026, wf_seen, &seen, &err), 0);
  assert_true(seen.flags & TERR_SITE_CENTRE);
  AccParams prm = acc_params_default();
  AccPractitioner pr = {.acts = seen.acts,
                        .isCentre = (seen.flags & TERR_SITE_CENTRE) != 0};
  assert_true(fabs(acc_practitioner_acts(&prm, &pr) - 8000) < 1e-9);
  pr.isCentre = 0;                  /* as the engine counted him before */
  assert_true(fabs(acc_practitioner_acts(&prm, &pr) - 6000) < 1e-9);

  p.isCentre = 0;
  p.isNewLiberal = 1;
  assert_int_equal(wf_person_save(f->db, &p, &err), 0);
  assert_int_equal(wf_each_site(f->db, 2026, wf_seen, &seen, &err), 0);
  assert_int_equal(seen.flags, TERR_SITE_NEW_LIBERAL);
  AccPractitioner nl = {.acts = seen.acts, .isNewLiberal = 1};
  assert_true(fabs(acc_practitioner_acts(&prm, &nl) - 5400) < 1e-9);
}

/* FINESS: Latin-1 converted, Corsica and overseas communes placed
** (2A + 004, 9A + 101 gives 97101), other categories and geolocation
** lines counted out; a re-import flags what it no longer lists. */
static void test_finess_communes_and_flags(void **state)
{
  Fx *f = *state;
  Err err = {0};
  assert_int_equal(store_exec_sql(f->db,
      "INSERT INTO communes(code, type, name, dep, import_id) VALUES"
      " ('2A004', 'COM', 'Ajaccio', '2A', 1),"
      " ('97101', 'COM', 'Les Abymes', '971', 1)", &err), 0);
  const char *zHead = "finess;etalab;100;2026-01-15\r\n";
  const char *zTail = ";;;12;R;RUE;;;%s;%s;DEP;ACH;;;%s;%s;1100;x;;;;;;;"
                      "2020-01-01;2020-01-01;2025-11-03;\r\n";
  char zFile[2048], zPath[128];
  int n = snprintf(zFile, sizeof zFile, "%s", zHead);
  n += snprintf(zFile + n, sizeof zFile - (size_t)n,
                "structureet;2A0000001;2A0000000;MSP;MAISON DE SANT\xc9 "
                "D'AJACCIO");
  n += snprintf(zFile + n, sizeof zFile - (size_t)n, zTail, "004", "2A",
                "603", "Maison de sant\xe9 (L.6223-3)");
  n += snprintf(zFile + n, sizeof zFile - (size_t)n,
                "structureet;970000002;970000000;PHIE;PHARMACIE DES ABYMES");
  n += snprintf(zFile + n, sizeof zFile - (size_t)n, zTail, "101", "9A",
                "620", "Pharmacie d'Officine");
  n += snprintf(zFile + n, sizeof zFile - (size_t)n,
                "structureet;970000003;970000000;CH;CENTRE HOSPITALIER");
  n += snprintf(zFile + n, sizeof zFile - (size_t)n, zTail, "101", "9A",
                "355", "Centre Hospitalier (C.H.)");
  n += snprintf(zFile + n, sizeof zFile - (size_t)n,
                "geolocalisation;970000002;1.0;2.0;1,IGN,UTM_N20;2025-11-03"
                "\r\n");
  snprintf(zPath, sizeof zPath, "%s/finess.csv", f->zDir);
  FILE *out = fopen(zPath, "wb");
  assert_non_null(out);
  fwrite(zFile, 1, (size_t)n, out);
  fclose(out);
  TerrImportOpts o = {.zPath = zPath};
  int rc = wf_import_finess(f->db, &o, &err);
  if (rc) fprintf(stderr, "finess: %s\n", err.zMsg);
  assert_int_equal(rc, 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM health_structures"), 2);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM health_structures"
                         " WHERE commune = '2A004' AND kind = 'msp' AND name"
                         " = 'MAISON DE SANTÉ D''AJACCIO'"), 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM health_structures"
                         " WHERE commune = '97101' AND kind = 'pharmacie'"),
                   1);
  /* the pharmacy leaves the next extraction: flagged, kept */
  char *zCut = strstr(zFile, "structureet;970000002");
  char *zEnd = strstr(zCut, "\r\n") + 2;
  memmove(zCut, zEnd, strlen(zEnd) + 1);
  out = fopen(zPath, "wb");
  fwrite(zFile, 1, strlen(zFile), out);
  fclose(out);
  assert_int_equal(wf_import_finess(f->db, &o, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM health_structures"
                         " WHERE missing_since IS NOT NULL"), 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM health_structures"), 2);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_counting_boundaries),
    cmocka_unit_test(test_counting_new_liberal_and_centre),
    cmocka_unit_test(test_counting_every_profession),
    cmocka_unit_test(test_leaving_year_and_bands),
    cmocka_unit_test(test_mask_small_cells),
    cmocka_unit_test_setup_teardown(test_register_reimport_keeps_team_entries,
                                    fx_setup, fx_teardown),
    cmocka_unit_test_setup_teardown(test_register_import_fast_paths, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_register_import_all_or_nothing,
                                    fx_setup, fx_teardown),
    cmocka_unit_test_setup_teardown(test_team_birth_year_reaches_the_engine,
                                    fx_setup, fx_teardown),
    cmocka_unit_test_setup_teardown(
        test_centre_and_new_liberal_reach_the_engine, fx_setup, fx_teardown),
    cmocka_unit_test_setup_teardown(test_finess_communes_and_flags,
                                    fx_setup, fx_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
