/*
** tests/unit/test_obs.c: the observatory's snapshot, stored runs,
** the model's classes in apl_result, what-if and saved scenarios, on the small fixtures
** (tests/fixtures/) imported into a fresh database.
**
** Expected values are computed by hand from the fixture files:
** 01001 (pop 810.855, no supply, 37 km from 01004: alone), 01004 (pop
** 14002.685 + 100.5 of its déléguée 01099, supply 25 + 2), 27676 (pop
** 1500.25, no supply), 75101/75102 (0.9 km apart: weight 1 both ways,
** pops 15880.362 and 20012.5, supply 87 and 40); 4500 acts each.
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

#include "base/arena.h"
#include "observatory/obs.h"
#include "store/store.h"
#include "territory/territory.h"

#define FIX "tests/fixtures/"
#define near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

typedef struct Fx Fx;
struct Fx {
  char zDir[64];
  char zDb[96];
  Store *db;
  ObsModel *m;
};

static const double P01001 = 810.855, P01004 = 14002.685 + 100.5,
                    P27676 = 1500.25, P75101 = 15880.362, P75102 = 20012.5;

/* Fresh database with every small fixture imported, and its snapshot. */
static int fx_setup(void **state)
{
  Fx *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/oasis_obs_XXXXXX");
  if (!mkdtemp(f->zDir)) return -1;
  snprintf(f->zDb, sizeof f->zDb, "%s/t.db", f->zDir);
  Err err = {0};
  if (!(f->db = store_open(f->zDb, &err))) return -1;
  TerrImportOpts o = {.zPath = FIX "communes_small.csv"};
  if (terr_import_communes(f->db, &o, &err)) return -1;
  TerrImportOpts c = {.zPath = FIX "cog", .vintage = 2024};
  if (terr_import_cog(f->db, &c, &err)) return -1;
  TerrImportOpts p = {.zPath = FIX "apl_small_2022.csv", .vintage = 2022};
  if (terr_import_population(f->db, &p, &err)) return -1;
  if (terr_import_apl_reference(f->db, &p, &err)) return -1;
  TerrImportOpts s = {.zPath = FIX "supply_small.csv", .vintage = 2019,
                      .zColValue = "generaliste"};
  if (terr_import_supply(f->db, &s, &err)) return -1;
  if (!(f->m = obs_model_build(f->db, NULL, &err))) {
    fprintf(stderr, "%s\n", err.zMsg);
    return -1;
  }
  *state = f;
  return 0;
}

static int fx_teardown(void **state)
{
  Fx *f = *state;
  obs_model_release(f->m);
  obs_model_flush();
  store_close(f->db);
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

static double apl_of(const ObsModel *m, const char *zCode)
{
  int i = obs_node_find(m, zCode);
  assert_true(i >= 0);
  return m->aApl[i];
}

/* The snapshot's APL are the hand-computed E2SFCA values. */
static void test_model_apl_by_hand(void **state)
{
  Fx *f = *state;
  ObsModel *m = f->m;
  assert_int_equal(m->n, 5);
  near(apl_of(m, "01001"), 0, 1e-12);
  near(apl_of(m, "01004"), 27 * 4500 / P01004, 1e-9);
  near(apl_of(m, "27676"), 0, 1e-12);
  near(apl_of(m, "75101"), 127 * 4500 / (P75101 + P75102), 1e-9);
  near(apl_of(m, "75102"), 127 * 4500 / (P75101 + P75102), 1e-9);
  /* aliases: the déléguée 01099 is found as 01004 */
  assert_int_equal(obs_node_find(m, "01099"), obs_node_find(m, "01004"));
  assert_int_equal(obs_node_find(m, "99999"), -1);
  /* rank 1 = lowest APL (01001 before 27676 on equal APL, by code) */
  assert_int_equal(m->aRank[obs_node_find(m, "01001")], 1);
  assert_int_equal(m->aRank[obs_node_find(m, "27676")], 2);
  assert_int_equal(m->nRanked, 5);
  assert_non_null(strstr(m->zProvenance, "apl_small_2022.csv"));
  assert_non_null(strstr(m->zProvenance, "supply_small.csv"));
}

/* France's APL is population-weighted: sum P*APL / sum P = sum S / sum P
** (every supply reaches population); départements and régions too. */
static void test_model_aggregates(void **state)
{
  Fx *f = *state;
  ObsModel *m = f->m;
  double pAll = P01001 + P01004 + P27676 + P75101 + P75102;
  near(m->aArea[0].apl, 154 * 4500 / pAll, 1e-9);
  near(m->aArea[0].pop, pAll, 1e-6);
  assert_int_equal(m->aArea[0].nCommune, 5);
  int iDep = obs_area_find(m, OBS_DEPARTEMENT, "01");
  assert_true(iDep > 0);
  near(m->aArea[iDep].apl, 27 * 4500 / (P01001 + P01004), 1e-9);
  assert_string_equal(m->aArea[iDep].zName, "Ain");
  int iReg = obs_area_find(m, OBS_REGION, "84");
  assert_int_equal(m->aArea[iDep].iParent, iReg);
  assert_int_equal(m->aArea[iDep].aZoneN[ACC_ZONE_SOUS_DENSE], 1);
  assert_int_equal(obs_area_find(m, OBS_DEPARTEMENT, "99"), -1);
  int *a, n = obs_area_children(m, 0, &a);
  assert_int_equal(n, 3);                 /* 11, 28, 84 */
  assert_string_equal(m->aArea[a[0]].zCode, "11");
  free(a);
  n = obs_area_nodes(m, obs_area_find(m, OBS_DEPARTEMENT, "75"), &a);
  assert_int_equal(n, 2);
  free(a);
  int iEpci = obs_area_find(m, OBS_EPCI, "200029999");
  assert_true(iEpci > 0);
  assert_int_equal(m->aArea[iEpci].nCommune, 2);
  near(obs_area_value(m, NULL, OBS_IND_ESTIMATE, iEpci), m->aArea[iDep].apl,
       1e-12);
  /* the official layer: DREES APL weighted by the DREES population */
  near(m->aArea[iDep].aplRef, (1.89 * 810.855 + 3.646 * 14002.685) /
                                  (810.855 + 14002.685), 1e-9);
  near(obs_area_value(m, NULL, OBS_IND_APL, iDep), m->aArea[iDep].aplRef,
       1e-12);
  int i01001 = obs_node_find(m, "01001");
  near(obs_node_value(m, NULL, OBS_IND_APL, i01001), 1.89, 1e-12);
  assert_string_equal(m->aZone[i01001].zClass, "sous_dense");
  assert_false(m->aZone[i01001].isOfficial);
  assert_true(isnan(obs_node_value(m, NULL, OBS_IND_SHARE60, 0)));
}

/* Storing the default run fills apl_run and apl_result (the model's class
** in apl_result.zone, never under an official name: no commune_zone); a
** second store of the same key replaces the first. */
static void test_run_store_and_zones(void **state)
{
  Fx *f = *state;
  Err err = {0};
  int64_t id1, id2;
  assert_int_equal(obs_run_store(f->db, f->m, 1, &id1, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_result"), 5);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_result WHERE"
                                " commune = '01001' AND zone = 0"), 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_result WHERE"
                                " commune = '75101' AND zone = 2"), 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM sqlite_schema WHERE"
                                " name = 'commune_zone'"), 0);
  assert_int_equal(obs_run_store(f->db, f->m, 1, &id2, &err), 0);
  (void)id1; (void)id2;
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_run"), 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_result"), 5);
  ObsHistory h[4];
  assert_int_equal(obs_history(f->db, "01004", h, 4), 1);
  assert_int_equal(h[0].vintage, 2022);
  near(h[0].apl, apl_of(f->m, "01004"), 1e-12);
  ObsKey k;
  assert_int_equal(obs_key_stored_default(f->db, 0, &k), 0);
  assert_true(obs_key_equal(&k, &f->m->key));
  double ref;
  assert_int_equal(obs_reference_apl(f->db, "01004", 2022, &ref), 0);
  near(ref, 3.646, 1e-12);
}

/* +1 FTE in 01001 lifts it out of sous-dense, recomputing only what the
** change reaches, with the same values as a full recompute. */
static void test_whatif_lifts_commune(void **state)
{
  Fx *f = *state;
  ObsWhatIf w;
  Err err = {0};
  ObsChange c = {"01001", 1, 0, ""};
  assert_int_equal(obs_whatif_run(f->m, &c, 1, &w, &err), 0);
  assert_int_equal(w.nRecomputed, 1);     /* 01001 reaches only itself */
  assert_int_equal(w.nDelta, 1);
  near(w.aDelta[0].aplAfter, 4500 / P01001, 1e-9);
  /* anchored: the DREES APL (1.89) plus the engine's effect */
  near(w.aDelta[0].refBefore, 1.89, 1e-12);
  near(w.aDelta[0].refAfter, 1.89 + 4500 / P01001, 1e-9);
  assert_int_equal(w.aDelta[0].zoneBefore, ACC_ZONE_SOUS_DENSE);
  assert_int_equal(w.aDelta[0].zoneAfter, ACC_ZONE_NON_ZONE);
  assert_int_equal(w.nZoneChanged, 1);
  near(w.popLifted, P01001, 1e-9);
  obs_whatif_free(&w);
  /* removing 30 of Paris 1er's 87 reaches both arrondissements */
  ObsChange d[2] = {{"75101", -30, 0, ""}, {"75102", 5, 0, ""}};
  assert_int_equal(obs_whatif_run(f->m, d, 2, &w, &err), 0);
  assert_int_equal(w.nRecomputed, 2);
  near(w.aDelta[0].aplAfter, 102 * 4500 / (P75101 + P75102), 1e-9);
  /* the classes follow the official APL (6.18, 5.90) plus the effect,
  ** not the model's own values: both fall below 4 */
  for (int k = 0; k < 2; k++) {
    const ObsDelta *d = &w.aDelta[k];
    near(d->refAfter, d->refBefore + d->aplAfter - d->aplBefore, 1e-12);
    assert_int_equal(d->zoneBefore, ACC_ZONE_NON_ZONE);
    assert_int_equal(d->zoneAfter, ACC_ZONE_INTERMEDIAIRE);
  }
  assert_int_equal(w.nZoneChanged, 2);
  obs_whatif_free(&w);
  /* the snapshot itself is unchanged */
  near(apl_of(f->m, "01001"), 0, 1e-12);
}

/* Bad input is refused with the field named. */
static void test_whatif_refusals(void **state)
{
  Fx *f = *state;
  ObsWhatIf w;
  Err err = {0};
  ObsChange neg[2] = {{"01004", -20, 0, ""}, {"01099", -8, 0, ""}};  /* 27 - 28 */
  assert_int_equal(obs_whatif_run(f->m, neg, 2, &w, &err), ERR_INPUT);
  assert_string_equal(err.zField, "changements[0].etp");
  assert_non_null(strstr(err.zMsg, "négatif"));
  err_clear(&err);
  ObsChange unk = {"12345", 1, 0, ""};
  assert_int_equal(obs_whatif_run(f->m, &unk, 1, &w, &err), ERR_INPUT);
  assert_string_equal(err.zField, "changements[0].code");
  assert_non_null(strstr(err.zMsg, "12345"));
  err_clear(&err);
  ObsChange ant[2] = {{"01001", 1, 0, ""}, {"27676", 0, 1, ""}};
  assert_int_equal(obs_whatif_run(f->m, ant, 2, &w, &err), ERR_INPUT);
  assert_string_equal(err.zField, "changements[1].etp");
  err_clear(&err);
  double v;
  assert_int_equal(obs_fte_parse("1,5", "fte", &v, &err), 0);
  near(v, 1.5, 0);
  assert_int_equal(obs_fte_parse("deux", "changements[3].etp", &v, &err),
                   ERR_INPUT);
  assert_string_equal(err.zField, "changements[3].etp");
  err_clear(&err);
  assert_int_equal(obs_fte_parse("nan", "x", &v, &err), ERR_INPUT);
}

/* Saved scenarios round-trip; a refused one writes nothing. */
static void test_scenarios_saved(void **state)
{
  Fx *f = *state;
  Err err = {0};
  int64_t id;
  ObsChange c[2] = {{"01001", 1, 1, ""}, {"01099", -2, 0, ""}};
  assert_int_equal(obs_scenario_save(f->db, f->m, "Antenne Clémenciat",
                                     "agent1", c, 2, &id, &err), 0);
  ObsScenario s;
  assert_int_equal(obs_scenario_load(f->db, id, &s, &err), 0);
  assert_string_equal(s.zName, "Antenne Clémenciat");
  assert_int_equal(s.nChange, 2);
  assert_string_equal(s.aChange[1].zCode, "01004");   /* current code */
  assert_int_equal(s.aChange[0].isAntenna, 1);
  assert_true(obs_key_equal(&s.key, &f->m->key));
  obs_scenario_clear(&s);
  int64_t nBefore = q_int(f->db, "SELECT count(*) FROM obs_scenario_change");
  ObsChange bad[2] = {{"01001", 2, 0, ""}, {"75102", -41, 0, ""}};
  assert_int_equal(obs_scenario_save(f->db, f->m, "Trop", NULL, bad, 2, &id,
                                     &err), ERR_INPUT);
  assert_string_equal(err.zField, "changements[1].etp");
  err_clear(&err);
  assert_int_equal(obs_scenario_save(f->db, f->m, "  ", NULL, c, 2, &id,
                                     &err), ERR_INPUT);
  assert_string_equal(err.zField, "name");
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM obs_scenario"), 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM obs_scenario_change"),
                   nBefore);
  ObsScenario *a;
  int n = obs_scenario_list(f->db, &a);
  assert_int_equal(n, 1);
  assert_int_equal(a[0].nChange, 2);
  int64_t idFirst = a[0].id;
  obs_scenario_list_free(a, n);
  err_clear(&err);
  assert_int_equal(obs_scenario_delete(f->db, idFirst, &err), 0);
  assert_int_equal(obs_scenario_delete(f->db, idFirst, &err), ERR_NOTFOUND);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM obs_scenario_change"),
                   0);
}

/* The cache returns the same snapshot until an import happens. */
/* The snapshot's classes are zoning_of()'s, commune by commune (one
** classification), and an arrêté imported afterwards is what the next
** snapshot shows; a commune whose catchment is a hamlet is no site. */
static void test_official_layer_is_zoning_of(void **state)
{
  Fx *f = *state;
  ObsModel *m = f->m;
  Arena *a = arena_new();
  Err err = {0};
  for (int i = 0; i < m->n; i++) {
    ZoneInfo z;
    assert_int_equal(zoning_of(f->db, a, m->in.azCode[i], NULL, &z, &err), 0);
    assert_string_equal(z.zClass, m->aZone[i].zClass);
    assert_string_equal(z.zLabel, m->aZone[i].zLabel);
    if (isnan(z.apl)) assert_true(isnan(m->aAplRef[i]));
    else near(z.apl, m->aAplRef[i], 0);
  }
  assert_int_equal(m->refVintage, 2022);
  near(m->refMean, (1.89 * 810.855 + 3.646 * 14002.685 + 2.5 * 100.5 +
                    2.2 * 1500.25 + 6.18 * 15880.362 + 5.9 * 20012.5 +
                    1 * 10) / (810.855 + 14002.685 + 100.5 + 1500.25 +
                               15880.362 + 20012.5 + 10), 1e-9);
  assert_true(m->agree.n > 0);
  assert_false(obs_siting_candidate(m, obs_node_find(m, "01001")));
  assert_true(obs_siting_candidate(m, obs_node_find(m, "75101")));
  arena_free(a);
  assert_int_equal(store_exec_sql(f->db, "INSERT INTO import_log(kind, file_name,"
      " sha256, n_rows, vintage) VALUES ('zonage', 'z.csv', 'x', 1, 2024);"
      " INSERT INTO zonage(commune, profession, zone, label, date_arrete,"
      " reference, vintage, import_id) VALUES ('01001', 'medecin', 'ZAC',"
      " 'ZAC', '2024-03-12', 'ARS 1', 2024,"
      " (SELECT max(id) FROM import_log))", &err), 0);
  ObsModel *m2 = obs_model_get(f->db, &m->key, &err);
  assert_non_null(m2);
  int i = obs_node_find(m2, "01001");
  assert_string_equal(m2->aZone[i].zClass, "ZAC");
  assert_true(m2->aZone[i].isOfficial);
  near(m2->aAplRef[i], 1.89, 0);
  obs_model_release(m2);
}

static void test_cache_swaps_on_import(void **state)
{
  Fx *f = *state;
  Err err = {0};
  ObsModel *a = obs_model_get(f->db, &f->m->key, &err);
  ObsModel *b = obs_model_get(f->db, &f->m->key, &err);
  assert_non_null(a);
  assert_ptr_equal(a, b);
  TerrImportOpts s = {.zPath = FIX "supply_small.csv", .vintage = 2019,
                      .zColValue = "generaliste"};
  assert_int_equal(terr_import_supply(f->db, &s, &err), 0);
  ObsModel *c = obs_model_get(f->db, &f->m->key, &err);
  assert_non_null(c);
  assert_ptr_not_equal(a, c);
  near(apl_of(a, "01004"), apl_of(c, "01004"), 1e-12);  /* a still valid */
  obs_model_release(a);
  obs_model_release(b);
  obs_model_release(c);
  ObsKey k = f->m->key;
  k.vintage = 2031;
  assert_null(obs_model_get(f->db, &k, &err));
  assert_int_equal(err.code, ERR_NOTFOUND);
}

/* A source from above (the centres de santé, installed at start) adds
** its doctors' FTE as supply: two FTE in 01001, which is alone. */
static int fake_supply(Store *db, Arena *a, int iDay, ObsExtraSupply **pa,
                       int *pn, Err *err)
{
  ObsExtraSupply *p = arena_alloc(a, sizeof *p);
  p->zCommune = "01001";
  p->fte = 2;
  p->nSite = 1;
  *pa = p;
  *pn = 1;
  return 0;
}

static void test_source_adds_supply(void **state)
{
  Fx *f = *state;
  Err err = {0};
  static const ObsSource src = {fake_supply, NULL, "/carte"};
  near(apl_of(f->m, "01001"), 0, 1e-12);
  obs_source_set(&src);
  ObsModel *m = obs_model_build(f->db, NULL, &err);
  obs_source_set(NULL);
  assert_non_null(m);
  near(apl_of(m, "01001"), 2 * 4500 / P01001, 1e-9);
  near(apl_of(m, "01004"), 27 * 4500 / P01004, 1e-9);     /* unchanged */
  assert_non_null(strstr(m->zProvenance, "centres de santé"));
  obs_model_release(m);
}

/* After a re-import, refreshing the default runs updates the stored run. */
static void test_refresh_after_import(void **state)
{
  Fx *f = *state;
  Err err = {0};
  int n;
  assert_int_equal(obs_run_store(f->db, f->m, 1, NULL, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_result WHERE"
                                " commune = '01001' AND zone = 0"), 1);
  char zPath[128];
  snprintf(zPath, sizeof zPath, "%s/s.csv", f->zDir);
  FILE *out = fopen(zPath, "w");
  fputs("code_commune,generaliste\n01001,1\n01004,27\n", out);
  fclose(out);
  TerrImportOpts s = {.zPath = zPath, .vintage = 2019,
                      .zColValue = "generaliste"};
  assert_int_equal(terr_import_supply(f->db, &s, &err), 0);
  assert_int_equal(obs_runs_refresh(f->db, &n, &err), 0);
  assert_int_equal(n, 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_run"), 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_result WHERE"
                                " commune = '01001' AND zone = 2"), 1);
  /* Paris lost its supply: sous-dense now */
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM apl_result WHERE"
                                " commune = '75101' AND zone = 0"), 1);
}

/* An imported travel-time matrix replaces the crow-flies model: the
** direction matters and an absent pair is out of reach. */
static void test_matrix_replaces_crow_flies(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "matrix_small.csv"};
  assert_int_equal(terr_import_matrix(f->db, &o, &err), 0);
  ObsModel *m = obs_model_build(f->db, NULL, &err);
  assert_non_null(m);
  double r4 = 27 * 4500 / (P01004 + P01001 / 3);    /* 01001 at 18 min */
  double r1 = 87 * 4500 / P75101;                   /* 75102 -> 75101 absent */
  double r2 = 40 * 4500 / (P75102 + P75101);        /* 75101 -> 75102: 6 min */
  /* weights 1/3 are floats in the graph: 3e-8 relative */
  near(apl_of(m, "01001"), r4 / 3, 1e-6);
  near(apl_of(m, "01004"), r4, 1e-6);
  near(apl_of(m, "75101"), r1 + r2, 1e-9);
  near(apl_of(m, "75102"), r2, 1e-9);
  assert_non_null(strstr(m->zProvenance, "temps de trajet : matrix_small.csv"));
  obs_model_release(m);
  assert_non_null(strstr(f->m->zProvenance, "vol d'oiseau"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_model_apl_by_hand, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_model_aggregates, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_run_store_and_zones, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_whatif_lifts_commune, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_whatif_refusals, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_scenarios_saved, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_official_layer_is_zoning_of,
                                    fx_setup, fx_teardown),
    cmocka_unit_test_setup_teardown(test_cache_swaps_on_import, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_matrix_replaces_crow_flies, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_source_adds_supply, fx_setup,
                                    fx_teardown),
    cmocka_unit_test_setup_teardown(test_refresh_after_import, fx_setup,
                                    fx_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
