/*
** tests/unit/test_obs_tools.c: siting, forecasts and exports of the
** observatory.  Siting and what-if are checked against full recomputes
** on a generated territory of 400 communes; forecasts by hand on the
** practitioners fixture (birth years 1961 and 1990, one unknown); the
** CSV export byte by byte for its BOM, header row, separator and decimal
** comma, and every export's formula-like text made inert.
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
#include "observatory/obs.h"
#include "store/store.h"
#include "territory/territory.h"
#include "workforce/workforce.h"

#define FIX "tests/fixtures/"
#define near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

typedef struct Fx Fx;
struct Fx {
  char zDir[64];
  char zDb[96];
  Store *db;
};

static const double P01004 = 14002.685 + 100.5, P75101 = 15880.362,
                    P75102 = 20012.5;

static Fx *fx_new(void)
{
  Fx *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/oasis_obst_XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  snprintf(f->zDb, sizeof f->zDb, "%s/t.db", f->zDir);
  Err err = {0};
  f->db = store_open(f->zDb, &err);
  assert_non_null(f->db);
  return f;
}

static int fx_teardown(void **state)
{
  Fx *f = *state;
  obs_model_flush();
  store_close(f->db);
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  int rc = system(zCmd);
  free(f);
  return rc;
}

/* The small fixtures plus the practitioners file (vintage 2024). */
static int fx_small(void **state)
{
  Fx *f = fx_new();
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "communes_small.csv"};
  TerrImportOpts c = {.zPath = FIX "cog", .vintage = 2024};
  TerrImportOpts p = {.zPath = FIX "apl_small_2022.csv", .vintage = 2022};
  TerrImportOpts s = {.zPath = FIX "supply_small.csv", .vintage = 2019,
                      .zColValue = "generaliste"};
  TerrImportOpts w = {.zPath = FIX "practitioners_small.csv", .vintage = 2024,
                      .zColId = "rpps", .zColCommune = "insee",
                      .zColBirth = "naissance", .zColActivity = "actes",
                      .zColSpecialty = "specialite"};
  if (terr_import_communes(f->db, &o, &err) ||
      terr_import_cog(f->db, &c, &err) ||
      terr_import_population(f->db, &p, &err) ||
      terr_import_supply(f->db, &s, &err) ||
      wf_import_practitioners(f->db, &w, &err)) {
    fprintf(stderr, "%s\n", err.zMsg);
    return -1;
  }
  *state = f;
  return 0;
}

/* 400 communes in département 99 scattered over ~80 x 80 km, pseudo-
** random populations, supply and official DREES APL (a fixed LCG: same
** data every run). */
static int fx_generated(void **state)
{
  Fx *f = fx_new();
  char zC[128], zP[128], zS[128];
  snprintf(zC, sizeof zC, "%s/c.csv", f->zDir);
  snprintf(zP, sizeof zP, "%s/p.csv", f->zDir);
  snprintf(zS, sizeof zS, "%s/s.csv", f->zDir);
  FILE *c = fopen(zC, "w"), *p = fopen(zP, "w"), *s = fopen(zS, "w");
  fprintf(c, "code_insee,type,code_parent,dep,reg,nom,lat,lon,"
             "lat_centroide_contour,lon_centroide_contour,codes_postaux,"
             "superficie_km2,population_2021\n");
  fprintf(p, "code_commune,commune,apl_mg,apl_mg_moins65ans,"
             "pop_standardisee_2020,pop_totale_2020\n");
  fprintf(s, "code_commune,generaliste\n");
  unsigned x = 12345;
  for (int i = 0; i < 400; i++) {
    double r[4];
    for (int k = 0; k < 4; k++) {
      x = x * 1103515245u + 12345u;
      r[k] = ((x >> 8) & 0xffff) / 65536.0;
    }
    fprintf(c, "99%03d,COM,,99,99,Commune %d,%.5f,%.5f,,,,,\n", i, i,
            45 + 0.7 * r[0], 2 + 1.0 * r[1]);
    fprintf(p, "99%03d,Commune %d,%.3f,%.3f,%.1f,%.0f\n", i, i,
            1.2 + 2.6 * r[0] * r[1], 1.0 + 2.0 * r[0] * r[1],
            100 + 3000 * r[2] * r[2], 100 + 3000 * r[2] * r[2]);
    fprintf(s, "99%03d,%d\n", i, r[3] < 0.7 ? 0 : (int)(r[3] * 6));
  }
  fclose(c);
  fclose(p);
  fclose(s);
  Err err = {0};
  TerrImportOpts oc = {.zPath = zC};
  TerrImportOpts op = {.zPath = zP, .vintage = 2022};
  TerrImportOpts os = {.zPath = zS, .vintage = 2019, .zColValue = "generaliste"};
  if (terr_import_communes(f->db, &oc, &err) ||
      terr_import_population(f->db, &op, &err) ||
      terr_import_apl_reference(f->db, &op, &err) ||
      terr_import_supply(f->db, &os, &err)) {
    fprintf(stderr, "%s\n", err.zMsg);
    return -1;
  }
  *state = f;
  return 0;
}

/* Greedy siting with incremental updates picks exactly what the naive
** full recompute per candidate picks, with the same gains. */
static void test_siting_matches_naive(void **state)
{
  Fx *f = *state;
  Err err = {0};
  ObsModel *m = obs_model_build(f->db, NULL, &err);
  assert_non_null(m);
  assert_int_equal(m->n, 400);
  int iDep = obs_area_find(m, OBS_DEPARTEMENT, "99");
  assert_true(iDep >= 0);
  for (int round = 0; round < 2; round++) {
    double fte = round ? 3 : 1;
    ObsSitePick a[6], b[6];
    int na = obs_siting_run(m, iDep, fte, 6, a, &err);
    int nb = obs_siting_naive(m, iDep, fte, 6, b, &err);
    assert_true(na > 0);
    assert_int_equal(na, nb);
    for (int k = 0; k < na; k++) {
      assert_int_equal(a[k].iNode, b[k].iNode);
      assert_true(a[k].popLifted == b[k].popLifted);
      near(a[k].shortfallCut, b[k].shortfallCut, 1e-9);
      assert_true(a[k].aplAfter == b[k].aplAfter);
    }
    /* the first pick is the top of the one-round ranking */
    ObsSitePick *aRank;
    int nRank = obs_siting_rank(m, iDep, fte, &aRank, &err), nCand = 0;
    for (int i = 0; i < m->n; i++) nCand += obs_siting_candidate(m, i);
    assert_true(nCand > 0);
    assert_int_equal(nRank, nCand);
    assert_int_equal(aRank[0].iNode, a[0].iNode);
    for (int k = 0; k < nRank; k++) {
      if (k) assert_true(aRank[k - 1].popLifted >= aRank[k].popLifted);
      assert_true(aRank[k].catchment >= OBS_SITING_MIN_CATCHMENT);
      /* judged on the official APL plus the effect */
      int j = aRank[k].iNode;
      near(aRank[k].aplBefore, m->aAplRef[j], 1e-12);
    }
    for (int k = 0; k < na; k++) {
      assert_true(obs_siting_candidate(m, a[k].iNode));
      assert_true(a[k].nZoneChanged > 0 || a[k].shortfallCut > 0);
    }
    free(aRank);
  }
  ObsSitePick z[1];
  assert_int_equal(obs_siting_run(m, iDep, -1, 1, z, &err), ERR_INPUT);
  assert_string_equal(err.zField, "etp");
  obs_model_release(m);
}

/* A what-if equals a full recompute with the changed supply, on every
** commune, bit for bit. */
static void test_whatif_equals_full_recompute(void **state)
{
  Fx *f = *state;
  Err err = {0};
  ObsModel *m = obs_model_build(f->db, NULL, &err);
  ObsChange c[3] = {{"99007", 2, 0, ""}, {"99200", 1.5, 1, ""}, {"99399", 0.5, 0, ""}};
  ObsWhatIf w;
  assert_int_equal(obs_whatif_run(m, c, 3, &w, &err), 0);
  assert_true(w.nRecomputed > 3 && w.nRecomputed < m->n);
  double *aS = malloc(sizeof(double) * m->n), *aA = malloc(sizeof(double) * m->n);
  double *aR = malloc(sizeof(double) * m->n);
  memcpy(aS, m->aSupply, sizeof(double) * m->n);
  for (int k = 0; k < 3; k++) {
    aS[obs_node_find(m, c[k].zCode)] += c[k].fte * 4500;
  }
  acc_apl(m->pGraph, aS, m->in.aPop, aA, aR);
  int nChanged = 0;
  for (int i = 0; i < m->n; i++) {
    double after = m->aApl[i];
    for (int k = 0; k < w.nDelta; k++) {
      if (w.aDelta[k].iNode == i) after = w.aDelta[k].aplAfter;
    }
    assert_true(after == aA[i]);
    nChanged += aA[i] != m->aApl[i];
  }
  assert_int_equal(nChanged, w.nDelta);
  /* work states are pooled: another what-if, then the first again,
  ** gives exactly the first result */
  ObsWhatIf w2, w3;
  ObsChange d = {"99007", -0.0, 0, ""};
  d.fte = m->aCount[obs_node_find(m, "99007")] > 0 ? -1 : 3;
  assert_int_equal(obs_whatif_run(m, &d, 1, &w2, &err), 0);
  assert_int_equal(obs_whatif_run(m, c, 3, &w3, &err), 0);
  assert_int_equal(w3.nDelta, w.nDelta);
  for (int k = 0; k < w.nDelta; k++) {
    assert_int_equal(w3.aDelta[k].iNode, w.aDelta[k].iNode);
    assert_true(w3.aDelta[k].aplAfter == w.aDelta[k].aplAfter);
  }
  obs_whatif_free(&w2);
  obs_whatif_free(&w3);
  free(aS);
  free(aA);
  free(aR);
  obs_whatif_free(&w);
  obs_model_release(m);
}

/* Practitioners as supply: DREES rules, share of 60+, and the 10-year
** projection losing the GP born in 1961 (retirement at 67). */
static void test_forecast_by_hand(void **state)
{
  Fx *f = *state;
  Err err = {0};
  ObsKey k;
  obs_key_default(&k);
  snprintf(k.zSupply, sizeof k.zSupply, "%s", OBS_SUPPLY_PRACTITIONERS);
  ObsModel *m = obs_model_build(f->db, &k, &err);
  assert_non_null(m);
  int i4 = obs_node_find(m, "01004"), i1 = obs_node_find(m, "75101");
  near(m->aApl[i4], (4200 + 4500) / P01004, 1e-9);        /* 4200 + avg */
  near(m->aApl[i1], (3600 + 6000) / (P75101 + P75102), 1e-9);
  assert_true(m->hasAges);
  near(obs_node_value(m, NULL, OBS_IND_SHARE60, i4), 100, 1e-12);
  near(obs_node_value(m, NULL, OBS_IND_SHARE60, obs_node_find(m, "75102")), 0,
       1e-12);
  ObsForecast fc;
  assert_int_equal(obs_forecast_run(f->db, m, 67, &fc, &err), 0);
  assert_true(fc.hasAges);
  assert_int_equal(fc.aYear[1], 2032);
  near(fc.aApl[0][i4], m->aApl[i4], 1e-12);               /* 66 in 2027 */
  near(fc.aApl[1][i4], 4500 / P01004, 1e-9);              /* gone by 2032 */
  near(fc.aApl[1][i1], 6000 / (P75101 + P75102), 1e-9);
  near(fc.aLeaving[1], 2, 0);                             /* two sites */
  assert_int_equal(fc.nAgeUnknown, 1);
  obs_forecast_free(&fc);
  assert_int_equal(obs_forecast_run(f->db, m, 30, &fc, &err), ERR_INPUT);
  obs_model_release(m);

  /* counts (SIRENE) source: scaled by the share of known GPs who stay */
  err_clear(&err);
  m = obs_model_build(f->db, NULL, &err);
  assert_int_equal(obs_forecast_run(f->db, m, 67, &fc, &err), 0);
  near(fc.aApl[1][i4], 0.5 * m->aApl[i4], 1e-9);
  obs_forecast_free(&fc);
  obs_model_release(m);
}

/* Without any practitioner the forecast says ages are unknown. */
static void test_forecast_ages_unknown(void **state)
{
  Fx *f = *state;
  Err err = {0};
  ObsModel *m = obs_model_build(f->db, NULL, &err);
  ObsForecast fc;
  assert_int_equal(obs_forecast_run(f->db, m, 67, &fc, &err), 0);
  assert_false(fc.hasAges);
  assert_null(fc.aApl[0]);
  assert_non_null(strstr(fc.zNote, "âges des praticiens inconnus"));
  obs_forecast_free(&fc);
  obs_model_release(m);
}

/* The CSV of x, NUL-terminated (free it). */
static char *csv_of(const ObsExport *x)
{
  Str o = STR_INIT;
  Err err = {0};
  assert_int_equal(exp_write(x->t, EXP_CSV, &o, &err), 0);
  return str_finish(&o);
}

/* CSV: BOM, then the header row (no "# " lines), ';', decimal comma,
** CRLF; the provenance is in the table, for the X-Provenance header. */
static void test_export_csv_layout(void **state)
{
  Fx *f = *state;
  Err err = {0};
  ObsModel *m = obs_model_build(f->db, NULL, &err);
  ObsExport x = {0};
  int iDep = obs_area_find(m, OBS_DEPARTEMENT, "75");
  assert_int_equal(obs_export_communes(m, iDep, NULL, NULL, EXP_CSV, &x,
                                       &err), 0);
  char *z = csv_of(&x);
  static const char zHead[] = "\xEF\xBB\xBF" "code;nom;apl;apl_source;zone;"
                              "zone_officielle;zone_libelle;rang;";
  assert_memory_equal(z, zHead, sizeof zHead - 1);
  assert_null(strstr(z, "# "));
  /* apl is the DREES value, empty (never 0) when this world has no
  ** DREES table; the model's own value is apl_estimation */
  assert_non_null(strstr(z, "\r\n75101;Paris 1er Arrondissement;;;inconnu;"
                            "non;Aucune donnée officielle"));
  char zRow[64];
  double apl = 127 * 4500 / (P75101 + P75102);
  snprintf(zRow, sizeof zRow, ";%.4f;", apl);
  *strchr(zRow, '.') = ',';
  assert_non_null(strstr(z, zRow));
  assert_string_equal(x.zBase, "apl-departement-75-2022");
  free(z);
  /* the provenance travels beside the CSV: GeoJSON's meta shows it */
  Str o = STR_INIT;
  assert_int_equal(exp_write(x.t, EXP_GEOJSON, &o, &err), 0);
  assert_non_null(strstr(str_text(&o), "\"meta\""));
  assert_non_null(strstr(str_text(&o), "APL 2022"));
  str_free(&o);
  obs_export_free(&x);
  assert_int_equal(obs_export_areas(m, 0, &x, &err), 0);
  assert_int_equal(exp_write(x.t, EXP_XLSX, &o, &err), 0);
  assert_memory_equal(o.z, "PK", 2);
  str_free(&o);
  obs_export_free(&x);
  obs_model_release(m);
}

/* A commune, a territory or a what-if note whose text starts with '=',
** '+', '-' or '@' comes out of every observatory CSV inert: quoted and
** prefixed with "'", never as a formula. */
static void test_export_formula_inert(void **state)
{
  Fx *f = *state;
  Err err = {0};
  ObsModel *m = obs_model_build(f->db, NULL, &err);
  static const char *const azEvil[] = {"=HYPERLINK(\"http://x\")",
                                       "+33 1 23", "-1+2", "@SUM(A1)"};
  int iDep = obs_area_find(m, OBS_DEPARTEMENT, "75");
  int i = obs_node_find(m, "75101");
  char *zName = m->in.azName[i], *zDep = m->aArea[iDep].zName;
  for (int k = 0; k < 4; k++) {
    char zWant[64];
    snprintf(zWant, sizeof zWant, ";\"'%s", azEvil[k]);
    if (strchr(azEvil[k], '"')) snprintf(zWant, sizeof zWant, ";\"'=HYPER");
    m->in.azName[i] = (char *)azEvil[k];
    m->aArea[iDep].zName = (char *)azEvil[k];
    ObsExport x = {0};
    /* the communes, with and without a what-if (scenario export) */
    ObsWhatIf w = {0};
    for (int isWhatIf = 0; isWhatIf < 2; isWhatIf++) {
      assert_int_equal(obs_export_communes(m, iDep, isWhatIf ? &w : NULL,
                                           azEvil[k], EXP_CSV, &x, &err), 0);
      char *z = csv_of(&x);
      assert_non_null(strstr(z, zWant));
      assert_null(strstr(z, "\r\n75101;="));
      assert_null(strstr(z, ";+33"));
      free(z);
      obs_export_free(&x);
    }
    /* the territories (the département is a row of its région's table) */
    assert_int_equal(obs_export_areas(m, m->aArea[iDep].iParent, &x, &err), 0);
    char *z = csv_of(&x);
    assert_non_null(strstr(z, zWant));
    free(z);
    obs_export_free(&x);
    /* a siting ranking */
    ObsSitePick pick = {.iNode = i};
    assert_int_equal(obs_export_siting(m, iDep, 1, &pick, 1, EXP_CSV, &x,
                                       &err), 0);
    z = csv_of(&x);
    assert_non_null(strstr(z, zWant));
    free(z);
    obs_export_free(&x);
  }
  m->in.azName[i] = zName;
  m->aArea[iDep].zName = zDep;
  obs_model_release(m);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_siting_matches_naive, fx_generated,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_whatif_equals_full_recompute,
                                    fx_generated, fx_teardown),
    cmocka_unit_test_setup_teardown(test_forecast_by_hand, fx_small,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_forecast_ages_unknown, fx_generated,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_export_formula_inert, fx_small,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_export_csv_layout, fx_small,
                                    fx_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
