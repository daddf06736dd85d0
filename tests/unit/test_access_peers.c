/*
** tests/unit/test_access_peers.c: `oasis apl` presets against the peers'
** published definitions, on generated inputs.
**
** The references below are written from the definitions, not from our
** engine: PySAL `access` two_stage_fca / enhanced_two_stage_fca (rows with
** cost <= max_cost, weight_fn; step_fn takes the first bound k with
** cost <= k) and IPEA `accessibility` floating_catchment_area, method
** "2sfca" (pop_served = sum over the matrix's rows of demand x weight per
** destination; ppr = opportunities / pop_served; access = sum of ppr x
** weight per origin), with decay_stepped(steps, weights) = the weight of the
** last step t >= step (0 and 1 prepended) and decay_binary(cutoff) = t <=
** cutoff.  Both read the matrix as given, rows one by one, like data
** frames.  The engine runs through the files path of the CLI (apl_load_*,
** apl_build, apl_compute) with the named preset; every origin must agree
** to 1e-9 relative.
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

#include "observatory/apl_run.h"
#include "test_access_dir.h"

#define N_NODE 70

typedef struct Row Row;
struct Row { int o, d; double t; };

typedef struct World World;
struct World {
  int nRow;
  Row aRow[N_NODE * N_NODE];
  double aPop[N_NODE], aSup[N_NODE];
};

static uint64_t gSeed = 0x5eed1234abcdULL;
static double rnd(void)                /* [0, 1), deterministic */
{
  gSeed ^= gSeed << 13;
  gSeed ^= gSeed >> 7;
  gSeed ^= gSeed << 17;
  return (double)(gSeed >> 11) / 9007199254740992.0;
}

/* Travel times meet the band bounds exactly, fall just beside them, or
** anywhere up to 40 minutes with decimals. */
static double gen_minutes(void)
{
  static const double aEdge[] = {0, 5, 10, 15, 20, 30, 9.75, 10.25, 14.5,
                                 19.999, 20.001, 29.5, 30.5, 0.1};
  double u = rnd();
  if (u < 0.35) return aEdge[(int)(rnd() * 14)];
  if (u < 0.7) return (double)(int)(rnd() * 41);
  return (double)(int)(rnd() * 4000) / 100.0;
}

/* A sparse matrix, each pair at most once, with or without self pairs;
** positive populations, supply in about a third of the communes. */
static void gen_world(World *w, int isSelf)
{
  w->nRow = 0;
  for (int i = 0; i < N_NODE; i++) {
    w->aPop[i] = 1 + (double)(int)(rnd() * 5000);
    w->aSup[i] = rnd() < 0.35 ? (double)(int)(rnd() * 30000) : 0;
    for (int j = 0; j < N_NODE; j++) {
      if (i == j ? !isSelf || rnd() < 0.1 : rnd() > 0.3) continue;
      Row *r = &w->aRow[w->nRow++];
      r->o = i;
      r->d = j;
      r->t = i == j ? (double)(int)(rnd() * 12) : gen_minutes();
    }
  }
}

/* ---- the peers' definitions ---------------------------------------- */

/* PySAL weights.step_fn(d): sorted keys, the first with cost <= key. */
static double pysal_step_fn(const double *aKey, const double *aVal, int n,
                            double cost)
{
  for (int k = 0; k < n; k++) {
    if (cost <= aKey[k]) return aVal[k];
  }
  return 0;
}

/* PySAL two_stage_fca: maxCost < 0 means None (no filter); weight_fn
** given by (aKey, aVal, nKey), or none (weight 1) when nKey == 0. */
static void pysal_2sfca(const World *w, double maxCost, const double *aKey,
                        const double *aVal, int nKey, double *aAccess,
                        int *aIsOrigin)
{
  double aDem[N_NODE] = {0}, aRatio[N_NODE] = {0};
  for (int k = 0; k < w->nRow; k++) {
    const Row *r = &w->aRow[k];
    if (maxCost >= 0 && !(r->t <= maxCost)) continue;
    double wt = nKey ? pysal_step_fn(aKey, aVal, nKey, r->t) : 1.0;
    aDem[r->d] += wt * w->aPop[r->o];
  }
  for (int j = 0; j < N_NODE; j++) {
    aRatio[j] = aDem[j] > 0 ? w->aSup[j] / aDem[j] : 0;
  }
  memset(aAccess, 0, sizeof(double) * N_NODE);
  memset(aIsOrigin, 0, sizeof(int) * N_NODE);
  for (int k = 0; k < w->nRow; k++) {
    const Row *r = &w->aRow[k];
    aIsOrigin[r->o] = 1;
    if (maxCost >= 0 && !(r->t <= maxCost)) continue;
    double wt = nKey ? pysal_step_fn(aKey, aVal, nKey, r->t) : 1.0;
    aAccess[r->o] += wt * aRatio[r->d];
  }
}

/* IPEA decay_stepped(steps, weights): steps <- c(0, steps), weights <-
** c(1, weights); weights[max(which(t >= steps))]. */
static double ipea_decay_stepped(const double *aStep, const double *aW,
                                 int n, double t)
{
  double w = 1;
  for (int k = 0; k < n; k++) {
    if (t >= aStep[k]) w = aW[k];
  }
  return w;
}

/* IPEA floating_catchment_area(method = "2sfca"); decay_stepped when
** nStep > 0, else decay_binary(cutoff): t <= cutoff. */
static void ipea_2sfca(const World *w, const double *aStep, const double *aW,
                       int nStep, double cutoff, double *aAccess,
                       int *aIsOrigin)
{
  double aServed[N_NODE] = {0};
  double aOppW[N_NODE * N_NODE];
  for (int k = 0; k < w->nRow; k++) {
    const Row *r = &w->aRow[k];
    aOppW[k] = nStep ? ipea_decay_stepped(aStep, aW, nStep, r->t)
                     : (r->t <= cutoff ? 1.0 : 0.0);
    aServed[r->d] += w->aPop[r->o] * aOppW[k];
  }
  memset(aAccess, 0, sizeof(double) * N_NODE);
  memset(aIsOrigin, 0, sizeof(int) * N_NODE);
  for (int k = 0; k < w->nRow; k++) {
    const Row *r = &w->aRow[k];
    aIsOrigin[r->o] = 1;
    double ppr = w->aSup[r->d] / aServed[r->d];
    double x = ppr * aOppW[k];
    if (!isnan(x)) aAccess[r->o] += x;        /* sum(..., na.rm = TRUE) */
  }
}

/* ---- the engine, as `oasis apl --matrix` runs it --------------------- */


/* Write w as the three CSV files and run the engine with preset zPreset
** (and zSteps, may be NULL) into aApl (by node code "c<i>"). */
static void engine_run(const World *w, const char *zPreset,
                       const char *zSteps, double tMax, double *aApl)
{
  char zM[128], zD[128], zS[128];
  snprintf(zM, sizeof zM, "%s/m.csv", gaDir);
  snprintf(zD, sizeof zD, "%s/d.csv", gaDir);
  snprintf(zS, sizeof zS, "%s/s.csv", gaDir);
  FILE *f = fopen(zM, "w");
  fputs("from_id,to_id,travel_time\n", f);
  for (int k = 0; k < w->nRow; k++) {
    fprintf(f, "c%d,c%d,%.17g\n", w->aRow[k].o, w->aRow[k].d, w->aRow[k].t);
  }
  fclose(f);
  FILE *fd = fopen(zD, "w"), *fs = fopen(zS, "w");
  fputs("id,population\n", fd);
  fputs("id,supply\n", fs);
  for (int i = 0; i < N_NODE; i++) {
    fprintf(fd, "c%d,%.17g\n", i, w->aPop[i]);
    fprintf(fs, "c%d,%.17g\n", i, w->aSup[i]);
  }
  fclose(fd);
  fclose(fs);

  AplModel m;
  AplUnknown u;
  Err err = {0};
  char zErr[128];
  apl_model_init(&m);
  m.isCountSupply = 0;
  if (tMax > 0) m.params.tMax = tMax;
  assert_int_equal(acc_preset(zPreset, &m.params), 0);
  if (zSteps) {
    assert_int_equal(acc_steps_parse(zSteps, &m.params, zErr, sizeof zErr),
                     0);
  }
  assert_int_equal(apl_load_matrix(&m, zM, &err), 0);
  apl_alloc_inputs(&m);
  assert_int_equal(apl_load_demand(&m, zD, NULL, NULL,
                                   (const char *const[]){"population", NULL},
                                   &u, &err), 0);
  assert_int_equal(apl_load_values(&m, zS, NULL, NULL,
                                   (const char *const[]){"supply", NULL},
                                   m.aCount, &u, &err), 0);
  apl_build(&m);
  apl_compute(&m);
  for (int i = 0; i < N_NODE; i++) {
    char z[16];
    snprintf(z, sizeof z, "c%d", i);
    int k = apl_nodes_find(&m.nodes, z);
    aApl[i] = k >= 0 ? m.aApl[k] : NAN;
  }
  apl_model_free(&m);
}

/* Every origin of the reference agrees with the engine to 1e-9 relative;
** returns how many origins have a positive access (so a test cannot pass
** on zeros alone). */
static int assert_agree(const double *aRef, const int *aIsOrigin,
                        const double *aApl, const char *zWhat)
{
  int nPos = 0;
  for (int i = 0; i < N_NODE; i++) {
    if (!aIsOrigin[i]) continue;
    double d = fabs(aApl[i] - aRef[i]);
    if (!(d <= 1e-9 * fmax(fabs(aRef[i]), 1e-300))) {
      print_error("%s: c%d engine %.17g, definition %.17g\n", zWhat, i,
                  aApl[i], aRef[i]);
      fail();
    }
    nPos += aRef[i] > 0;
  }
  return nPos;
}

static void test_pysal_two_stage_fca(void **state)
{
  (void)state;
  static World w;
  double aRef[N_NODE], aApl[N_NODE];
  int aIs[N_NODE];
  for (int round = 0; round < 6; round++) {
    gen_world(&w, round % 2);
    double maxCost = round < 3 ? 20 : 30;
    pysal_2sfca(&w, maxCost, NULL, NULL, 0, aRef, aIs);
    engine_run(&w, "two_stage_fca", NULL, maxCost, aApl);
    assert_true(assert_agree(aRef, aIs, aApl, "two_stage_fca") > 10);
  }
}

static void test_pysal_enhanced_two_stage_fca(void **state)
{
  (void)state;
  static World w;
  static const double aKey[] = {10, 20, 30}, aVal[] = {1, 0.68, 0.22};
  double aRef[N_NODE], aApl[N_NODE];
  int aIs[N_NODE];
  for (int round = 0; round < 6; round++) {
    gen_world(&w, round % 2);
    pysal_2sfca(&w, -1, aKey, aVal, 3, aRef, aIs);   /* max_cost None */
    engine_run(&w, "enhanced_two_stage_fca", NULL, 0, aApl);
    assert_true(assert_agree(aRef, aIs, aApl, "enhanced_two_stage_fca") > 10);
    /* a custom step_fn keeps PySAL's inclusive bounds */
    static const double aKey2[] = {7.5, 15, 25}, aVal2[] = {1, 0.6, 0.1};
    pysal_2sfca(&w, -1, aKey2, aVal2, 3, aRef, aIs);
    engine_run(&w, "enhanced_two_stage_fca", "7.5:1,15:0.6,25:0.1", 0, aApl);
    assert_agree(aRef, aIs, aApl, "enhanced_two_stage_fca custom");
  }
}

static void test_ipea_floating_catchment_area(void **state)
{
  (void)state;
  static World w;
  /* decay_stepped(c(10, 15, 20), c(2/3, 1/3, 0)), the preset's default */
  static const double aStep[] = {10, 15, 20}, aW[] = {2.0 / 3, 1.0 / 3, 0};
  static const double aStep2[] = {5, 10, 20, 30}, aW2[] = {0.8, 0.5, 0.25, 0};
  double aRef[N_NODE], aApl[N_NODE];
  int aIs[N_NODE];
  for (int round = 0; round < 6; round++) {
    gen_world(&w, round % 2);
    ipea_2sfca(&w, aStep, aW, 3, 0, aRef, aIs);
    engine_run(&w, "floating_catchment_area", NULL, 0, aApl);
    assert_true(assert_agree(aRef, aIs, aApl, "fca stepped") > 10);
    /* any decay_stepped: the band of weight w_k ends at step k+1 */
    ipea_2sfca(&w, aStep2, aW2, 4, 0, aRef, aIs);
    engine_run(&w, "floating_catchment_area", "5:1,10:0.8,20:0.5,30:0.25",
               0, aApl);
    assert_agree(aRef, aIs, aApl, "fca stepped custom");
    /* decay_binary(cutoff): t <= cutoff, as the two_stage_fca preset */
    ipea_2sfca(&w, NULL, NULL, 0, 15, aRef, aIs);
    engine_run(&w, "two_stage_fca", NULL, 15, aApl);
    assert_agree(aRef, aIs, aApl, "fca binary");
  }
}

/* The conventions differ exactly on the bounds: a trip of exactly 10
** minutes weighs 1 for PySAL (cost <= 10) and 2/3 for IPEA/DREES. */
static void test_boundary_conventions_differ_on_the_bound(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  assert_int_equal(acc_preset("enhanced_two_stage_fca", &p), 0);
  assert_true(acc_weight(&p, 10) == 1.0);
  assert_true(acc_weight(&p, 10.000001) == 0.68);
  assert_true(acc_weight(&p, 30) == 0.22);
  assert_true(acc_weight(&p, 30.000001) == 0);
  assert_true(p.selfMinutes == ACC_SELF_AS_GIVEN);
  p = acc_params_default();
  assert_int_equal(acc_preset("floating_catchment_area", &p), 0);
  assert_true(acc_weight(&p, 9.999999) == 1.0);
  assert_true(acc_weight(&p, 10) == 2.0 / 3.0);
  assert_true(acc_weight(&p, 15) == 1.0 / 3.0);
  assert_true(acc_weight(&p, 20) == 0);
  p = acc_params_default();
  assert_int_equal(acc_preset("two_stage_fca", &p), 0);
  assert_true(acc_weight(&p, 20) == 1.0);
  assert_true(acc_weight(&p, 20.000001) == 0);
  assert_int_equal(acc_preset("unknown", &p), -1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_pysal_two_stage_fca),
    cmocka_unit_test(test_pysal_enhanced_two_stage_fca),
    cmocka_unit_test(test_ipea_floating_catchment_area),
    cmocka_unit_test(test_boundary_conventions_differ_on_the_bound),
  };
  return cmocka_run_group_tests(tests, dir_setup, dir_teardown);
}
