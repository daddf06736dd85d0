/*
** tests/unit/test_access.c: the E2SFCA engine -- hand-computed cases for
** every decay, the invariants of DESIGN.md, the brute-force reference,
** the incremental update and the DREES supply rules.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "geo/geo.h"

#define assert_double_equal(a, b, eps) assert_near((a), (b), (eps), __LINE__)
static void assert_near(double a, double b, double eps, int line)
{
  if (!(fabs(a - b) <= eps)) {
    print_error("line %d: %.17g != %.17g (eps %g)\n", line, a, b, eps);
    fail();
  }
}

static uint64_t rng_state;
static double rnd(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

/*
** The tiny case: communes A, B, C (P = 100, 200, 300), doctors in A
** (S = 1000) and C (S = 600).  Road times, both ways: A-B 12, B-C 8,
** A-C 18 minutes; each commune reaches itself in 0.
*/
static const double aTinyPop[3] = {100, 200, 300};
static const double aTinySupply[3] = {1000, 0, 600};

static AccGraph *tiny_graph(const AccParams *p)
{
  static const int aO[9] = {0, 1, 2, 0, 1, 1, 2, 0, 2};
  static const int aD[9] = {0, 1, 2, 1, 0, 2, 1, 2, 0};
  static const double aT[9] = {0, 0, 0, 12, 12, 8, 8, 18, 18};
  return acc_graph_from_pairs(p, 3, 3, 9, aO, aD, aT);
}

static void tiny_apl(const AccParams *p, double *aApl)
{
  double aR[3];
  AccGraph *g = tiny_graph(p);
  acc_apl(g, aTinySupply, aTinyPop, aApl, aR);
  acc_graph_free(g);
}

static void test_tiny_drees_decay_by_hand(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  double a[3];
  tiny_apl(&p, a);
  /* D_A = 100 + 2/3*200 + 1/3*300 = 333.3 -> R_A = 3;
  ** D_C = 1/3*100 + 200 + 300 = 533.3 -> R_C = 1.125 */
  assert_double_equal(a[0], 3 + 1.125 / 3, 1e-6);        /* 3.375 */
  assert_double_equal(a[1], 2.0 / 3 * 3 + 1.125, 1e-6);  /* 3.125 */
  assert_double_equal(a[2], 1 + 1.125, 1e-6);            /* 2.125 */
}

static void test_tiny_step_decay_by_hand(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  double a[3];
  p.decay = ACC_DECAY_STEP;
  tiny_apl(&p, a);                     /* all pairs in reach: 1600 / 600 */
  for (int i = 0; i < 3; i++) assert_double_equal(a[i], 1600.0 / 600, 1e-9);
  p.tMax = 15;                         /* A-C (18 min) now out of reach */
  tiny_apl(&p, a);                     /* R_A = 1000/300, R_C = 600/500 */
  assert_double_equal(a[0], 10.0 / 3, 1e-9);
  assert_double_equal(a[1], 10.0 / 3 + 1.2, 1e-9);
  assert_double_equal(a[2], 1.2, 1e-9);
  p.tMax = 12;                         /* t <= tMax is in: A-B stays */
  tiny_apl(&p, a);
  assert_double_equal(a[0], 10.0 / 3, 1e-9);
}

static void test_tiny_gaussian_decay_by_hand(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  double a[3];
  p.decay = ACC_DECAY_GAUSSIAN;
  double e = exp(-0.5);
#define W(t) ((exp(-0.5 * ((t) / 20.0) * ((t) / 20.0)) - e) / (1 - e))
  double w8 = W(8), w12 = W(12), w18 = W(18);
#undef W
  assert_double_equal(acc_weight(&p, 0), 1, 1e-15);
  assert_double_equal(acc_weight(&p, 20), 0, 0);
  double rA = 1000 / (100 + w12 * 200 + w18 * 300);
  double rC = 600 / (w18 * 100 + w8 * 200 + 300);
  tiny_apl(&p, a);
  assert_double_equal(a[0], rA + w18 * rC, 1e-6);
  assert_double_equal(a[1], w12 * rA + w8 * rC, 1e-6);
  assert_double_equal(a[2], w18 * rA + rC, 1e-6);
}

static void test_drees_weights_at_thresholds(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  assert_double_equal(acc_weight(&p, 9.999), 1, 0);
  assert_double_equal(acc_weight(&p, 10), 2.0 / 3, 0);
  assert_double_equal(acc_weight(&p, 15), 1.0 / 3, 0);
  assert_double_equal(acc_weight(&p, 20), 0, 0);
  assert_double_equal(acc_weight(&p, -1), 0, 0);
  p.tMax = 30;                                   /* steps scale: 15, 22.5 */
  assert_double_equal(acc_weight(&p, 14.9), 1, 0);
  assert_double_equal(acc_weight(&p, 22.4), 2.0 / 3, 0);
  assert_double_equal(acc_weight(&p, 29.9), 1.0 / 3, 0);
}

/* Supply with nobody in reach: ratio 0, never NaN. */
static void test_supply_without_population_gives_zero_not_nan(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  int aO[2] = {0, 1}, aD[2] = {0, 1};
  double aT[2] = {0, 0}, aPop[2] = {0, 50}, aS[2] = {900, 0}, a[2], r[2];
  AccGraph *g = acc_graph_from_pairs(&p, 2, 2, 2, aO, aD, aT);
  acc_apl(g, aS, aPop, a, r);
  assert_double_equal(r[0], 0, 0);
  assert_double_equal(a[0], 0, 0);
  assert_double_equal(a[1], 0, 0);
  acc_graph_free(g);
}

/* A pair given only from A to B: A's people use B's doctor, not the
** other way round (origin = demand, destination = supply). */
static void test_matrix_direction_matters(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  int aO[3] = {0, 1, 0}, aD[3] = {0, 1, 1};
  double aT[3] = {0, 0, 5}, aPop[2] = {100, 100}, aS[2] = {0, 400}, a[2], r[2];
  AccGraph *g = acc_graph_from_pairs(&p, 2, 2, 3, aO, aD, aT);
  acc_apl(g, aS, aPop, a, r);
  assert_double_equal(a[0], 2, 1e-12);            /* 400 / 200 */
  assert_double_equal(a[1], 2, 1e-12);
  acc_graph_free(g);
  aO[2] = 1, aD[2] = 0;                           /* reversed: B -> A */
  g = acc_graph_from_pairs(&p, 2, 2, 3, aO, aD, aT);
  acc_apl(g, aS, aPop, a, r);
  assert_double_equal(a[0], 0, 0);                /* A reaches no doctor */
  assert_double_equal(a[1], 4, 1e-12);            /* 400 / 100 */
  acc_graph_free(g);
}

static void test_duplicate_pairs_keep_the_shorter_time(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  int aO[3] = {0, 0, 0}, aD[3] = {0, 0, 0};
  double aT[3] = {17, 3, 12};
  AccGraph *g = acc_graph_from_pairs(&p, 1, 1, 3, aO, aD, aT);
  assert_int_equal(acc_graph_edges(g), 1);
  assert_double_equal(acc_edge_weight(g, 0), 1, 0);
  acc_graph_free(g);
}

/* ---- random communes on points: properties --------------------------- */
typedef struct Rand Rand;
struct Rand {
  int n;
  double *aLat, *aLon, *aPop, *aS;
  GeoGrid *pGrid;
  GeoReach reach;
};

static void rand_init(Rand *f, int n, uint64_t seed, const AccParams *p)
{
  rng_state = seed;
  f->n = n;
  f->aLat = calloc(n + 1, sizeof(double));
  f->aLon = calloc(n + 1, sizeof(double));
  f->aPop = calloc(n + 1, sizeof(double));
  f->aS = calloc(n + 1, sizeof(double));
  for (int i = 0; i < n; i++) {
    f->aLat[i] = 45 + rnd() * 0.8;               /* ~90 x 60 km */
    f->aLon[i] = 4 + rnd() * 0.8;
    f->aPop[i] = 1 + floor(rnd() * 3000);
    f->aS[i] = rnd() < 0.3 ? floor(rnd() * 20000) : 0;
  }
  GeoTravel m = {p->speedKmh, p->detour};
  f->pGrid = geo_grid_new(f->aLat, f->aLon, n, geo_reach_km(&m, p->tMax));
  GeoReach r = {f->pGrid, f->aLat, f->aLon, n, m, p->tMax};
  f->reach = r;
}

static void rand_free(Rand *f)
{
  geo_grid_free(f->pGrid);
  free(f->aLat); free(f->aLon); free(f->aPop); free(f->aS);
}

static double dot(const double *a, const double *b, int n)
{
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

static double sum(const double *a, int n)
{
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i];
  return s;
}

static const AccDecay aDecays[3] = {ACC_DECAY_DREES, ACC_DECAY_STEP,
                                    ACC_DECAY_GAUSSIAN};

/* Grid graph == all-pairs brute force to 1e-12 relative, for every decay:
** the three named ones, PySAL's E2SFCA preset (inclusive bands), a custom
** exclusive step table and a Gaussian with its own bandwidth. */
static void test_apl_equals_brute_force_on_random_communes(void **state)
{
  (void)state;
  for (int d = 0; d < 6; d++) {
    AccParams p = acc_params_default();
    char zErr[128];
    if (d < 3) {
      p.decay = aDecays[d];
    } else if (d == 3) {
      assert_int_equal(acc_preset("pysal-e2sfca", &p), 0);
    } else if (d == 4) {
      assert_int_equal(acc_steps_parse("5:1,12.5:0.7,19:0.25", &p, zErr,
                                       sizeof zErr), 0);
    } else {
      p.decay = ACC_DECAY_GAUSSIAN;
      p.bandwidth = 14;
    }
    Rand f;
    rand_init(&f, 400, 0x1234 + d, &p);
    double *a = calloc(f.n, sizeof(double)), *b = calloc(f.n, sizeof(double));
    double *r = calloc(f.n, sizeof(double));
    AccGraph *g = acc_graph_build(&p, f.n, f.n, geo_reach_minutes, &f.reach);
    assert_true(acc_graph_edges(g) > 2 * f.n);  /* catchments overlap */
    acc_apl(g, f.aS, f.aPop, a, r);
    acc_apl_bruteforce(&p, f.n, f.n, geo_time_minutes, &f.reach, f.aS,
                       f.aPop, b, r);
    for (int i = 0; i < f.n; i++) {
      assert_double_equal(a[i], b[i], 1e-12 * b[i] + 1e-300);
    }
    acc_graph_free(g);
    free(a); free(b); free(r);
    rand_free(&f);
  }
}

/* Every commune reaches itself, so every supply reaches some demand:
** sum_i P_i APL_i = sum_j S_j for any decay. */
static void test_apl_conserves_supply(void **state)
{
  (void)state;
  for (int d = 0; d < 3; d++) {
    AccParams p = acc_params_default();
    p.decay = aDecays[d];
    Rand f;
    rand_init(&f, 300, 0x777 + d, &p);
    double *a = calloc(f.n, sizeof(double)), *r = calloc(f.n, sizeof(double));
    AccGraph *g = acc_graph_build(&p, f.n, f.n, geo_reach_minutes, &f.reach);
    acc_apl(g, f.aS, f.aPop, a, r);
    double s = sum(f.aS, f.n);
    assert_true(s > 0);
    assert_double_equal(dot(f.aPop, a, f.n), s, 1e-9 * s);
    acc_graph_free(g);
    free(a); free(r);
    rand_free(&f);
  }
}

/* No cut-off (a step catchment wider than the region): APL = sum S / sum P. */
static void test_no_cutoff_gives_uniform_apl(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  p.decay = ACC_DECAY_STEP;
  p.tMax = 1e6;
  Rand f;
  rand_init(&f, 150, 0x42, &p);
  double *a = calloc(f.n, sizeof(double)), *r = calloc(f.n, sizeof(double));
  AccGraph *g = acc_graph_build(&p, f.n, f.n, geo_reach_minutes, &f.reach);
  assert_int_equal(acc_graph_edges(g), (long)f.n * f.n);
  acc_apl(g, f.aS, f.aPop, a, r);
  double v = sum(f.aS, f.n) / sum(f.aPop, f.n);
  for (int i = 0; i < f.n; i++) assert_double_equal(a[i], v, 1e-9 * v);
  acc_graph_free(g);
  free(a); free(r);
  rand_free(&f);
}

static void test_apl_is_linear_in_supply(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  Rand f;
  rand_init(&f, 300, 0x99, &p);
  double *a = calloc(f.n, sizeof(double)), *b = calloc(f.n, sizeof(double));
  double *r = calloc(f.n, sizeof(double)), *s2 = calloc(f.n, sizeof(double));
  AccGraph *g = acc_graph_build(&p, f.n, f.n, geo_reach_minutes, &f.reach);
  acc_apl(g, f.aS, f.aPop, a, r);
  for (int j = 0; j < f.n; j++) s2[j] = 2 * f.aS[j];
  acc_apl(g, s2, f.aPop, b, r);
  int nPositive = 0;
  for (int i = 0; i < f.n; i++) {
    assert_double_equal(b[i], 2 * a[i], 1e-12 * a[i]);
    nPositive += a[i] > 0;
  }
  assert_true(nPositive > f.n / 2);
  acc_graph_free(g);
  free(a); free(b); free(r); free(s2);
  rand_free(&f);
}

/* A commune 500 km away, with people and no doctor, changes nothing. */
static void test_population_beyond_every_catchment_changes_nothing(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  Rand f;
  rand_init(&f, 200, 0x5150, &p);
  double *a = calloc(f.n + 1, sizeof(double)), *b = calloc(f.n + 1, sizeof(double));
  double *r = calloc(f.n + 1, sizeof(double));
  AccGraph *g = acc_graph_build(&p, f.n, f.n, geo_reach_minutes, &f.reach);
  acc_apl(g, f.aS, f.aPop, a, r);
  acc_graph_free(g);
  geo_grid_free(f.pGrid);
  f.aLat[f.n] = 49.5, f.aLon[f.n] = 0.5, f.aPop[f.n] = 1e6, f.aS[f.n] = 0;
  f.n++;
  GeoTravel m = {p.speedKmh, p.detour};
  f.pGrid = geo_grid_new(f.aLat, f.aLon, f.n, geo_reach_km(&m, p.tMax));
  f.reach.pGrid = f.pGrid;
  f.reach.n = f.n;
  g = acc_graph_build(&p, f.n, f.n, geo_reach_minutes, &f.reach);
  acc_apl(g, f.aS, f.aPop, b, r);
  for (int i = 0; i < f.n - 1; i++) assert_double_equal(b[i], a[i], 0);
  assert_double_equal(b[f.n - 1], 0, 0);
  acc_graph_free(g);
  free(a); free(b); free(r);
  rand_free(&f);
}

/* What if: change supply in 3 communes and population in 2; the update
** touches fewer communes than a full run and gives its very numbers. */
static void test_incremental_update_equals_full_recompute(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  Rand f;
  rand_init(&f, 600, 0xABCD, &p);
  int n = f.n;
  double *aD = calloc(n, sizeof(double)), *aR = calloc(n, sizeof(double));
  double *aA = calloc(n, sizeof(double));
  double *bD = calloc(n, sizeof(double)), *bR = calloc(n, sizeof(double));
  double *bA = calloc(n, sizeof(double));
  unsigned char *aMark = calloc(2 * n, 1);
  int *aList = calloc(2 * n, sizeof(int));
  AccGraph *g = acc_graph_build(&p, n, n, geo_reach_minutes, &f.reach);
  acc_graph_transpose(g);
  acc_step1(g, f.aS, f.aPop, aD, aR);
  acc_step2(g, aR, aA);

  int aSC[3] = {5, 17, 300}, aPC[2] = {17, 450};
  f.aS[5] += 4500;
  f.aS[17] = 0;
  f.aS[300] += 9000;
  f.aPop[17] *= 2;
  f.aPop[450] += 700;
  int nDone = acc_apl_update(g, f.aS, f.aPop, aSC, 3, aPC, 2, aD, aR, aA,
                             aMark, aList);
  assert_true(nDone > 0 && nDone < n);
  acc_step1(g, f.aS, f.aPop, bD, bR);
  acc_step2(g, bR, bA);
  for (int i = 0; i < n; i++) {
    assert_true(aD[i] == bD[i]);
    assert_true(aR[i] == bR[i]);
    assert_true(aA[i] == bA[i]);
    assert_int_equal(aMark[i] + aMark[n + i], 0);
  }
  acc_graph_free(g);
  free(aD); free(aR); free(aA); free(bD); free(bR); free(bA);
  free(aMark); free(aList);
  rand_free(&f);
}

static void test_drees_activity_caps(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  AccPractitioner a = {0, 249, 0, 0, 50};
  assert_double_equal(acc_practitioner_acts(&p, &a), 0, 0);
  a.acts = 250;
  assert_double_equal(acc_practitioner_acts(&p, &a), 3600, 0);
  a.acts = 3600;
  assert_double_equal(acc_practitioner_acts(&p, &a), 3600, 0);
  a.acts = 4200;
  assert_double_equal(acc_practitioner_acts(&p, &a), 4200, 0);
  a.acts = 9000;
  assert_double_equal(acc_practitioner_acts(&p, &a), 6000, 0);
  a.isCentre = 1;                                 /* centre: real, no bounds */
  assert_double_equal(acc_practitioner_acts(&p, &a), 9000, 0);
  a.acts = 100;
  assert_double_equal(acc_practitioner_acts(&p, &a), 100, 0);
  a.isCentre = 0, a.isNewLiberal = 1;             /* new liberal: imputed */
  assert_double_equal(acc_practitioner_acts(&p, &a), 5400, 0);
  a.isNewLiberal = 0, a.acts = -1;                /* unknown: one average */
  assert_double_equal(acc_practitioner_acts(&p, &a), p.actsPerPractitioner, 0);
}

static void test_supply_from_practitioners_and_65plus(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  AccPractitioner a[3] = {{1, 5000, 0, 0, 40}, {1, 7000, 0, 0, 67},
                          {0, -1, 0, 0, 0}};
  double s[2], c[2];
  acc_supply_from_practitioners(&p, a, 3, 2, s, c);
  assert_double_equal(s[1], 11000, 0);
  assert_double_equal(c[1], 2, 0);
  assert_double_equal(s[0], p.actsPerPractitioner, 0);
  p.exclude65plus = 1;
  acc_supply_from_practitioners(&p, a, 3, 2, s, c);
  assert_double_equal(s[1], 5000, 0);
  assert_double_equal(c[1], 1, 0);
  double aCount[2] = {2, 0.5};
  acc_supply_from_counts(&p, aCount, 2, s);
  assert_double_equal(s[0], 2 * p.actsPerPractitioner, 0);
}

static void test_zones_and_commune_indicators(void **state)
{
  (void)state;
  AccParams p = acc_params_default();
  assert_int_equal(acc_zone(&p, 2.49), ACC_ZONE_SOUS_DENSE);
  assert_int_equal(acc_zone(&p, 2.5), ACC_ZONE_INTERMEDIAIRE);
  assert_int_equal(acc_zone(&p, 4.0), ACC_ZONE_NON_ZONE);
  AccGraph *g = tiny_graph(&p);
  double a[3], d[3], r[3], aCount[3] = {2, 0, 1};
  acc_step1(g, aTinySupply, aTinyPop, d, r);
  acc_step2(g, r, a);
  AccCommune c[3];
  acc_communes(&p, g, aTinySupply, aTinyPop, aCount, a, d, c);
  assert_double_equal(c[0].demandReach, 100 + 200 * 2.0 / 3 + 100, 1e-4);
  assert_double_equal(c[1].supplyReach, 1000 * 2.0 / 3 + 600, 1e-4);
  assert_double_equal(c[0].density, 200, 1e-12);   /* 2 per 100 people */
  assert_int_equal(c[2].zone, ACC_ZONE_SOUS_DENSE);  /* 2.125 */
  assert_int_equal(c[1].zone, ACC_ZONE_INTERMEDIAIRE);
  acc_graph_free(g);
}

/* Step tables: parsing, refusals, presets and the boundary conventions
** (PySAL: cost <= bound; DREES and IPEA: the next band starts at it). */
static void test_step_tables_presets_and_boundaries(void **state)
{
  (void)state;
  char zErr[128];
  AccParams p = acc_params_default();
  assert_int_equal(acc_steps_parse("10:1,15:0.6667,20:0.3333", &p, zErr,
                                   sizeof zErr), 0);
  assert_int_equal(p.decay, ACC_DECAY_STEPS);
  assert_int_equal(p.nStep, 3);
  assert_double_equal(p.tMax, 20, 0);
  assert_double_equal(acc_weight(&p, 9.99), 1, 0);
  assert_double_equal(acc_weight(&p, 10), 0.6667, 0);     /* exclusive */
  assert_double_equal(acc_weight(&p, 19.99), 0.3333, 0);
  assert_double_equal(acc_weight(&p, 20), 0, 0);
  p.isInclusive = 1;
  assert_double_equal(acc_weight(&p, 10), 1, 0);           /* inclusive */
  assert_double_equal(acc_weight(&p, 20), 0.3333, 0);
  assert_double_equal(acc_weight(&p, 20.001), 0, 0);
  /* refusals say why */
  assert_int_equal(acc_steps_parse("10:1,5:0.5", &p, zErr, sizeof zErr), -1);
  assert_non_null(strstr(zErr, "croître"));
  assert_int_equal(acc_steps_parse("10:1.5", &p, zErr, sizeof zErr), -1);
  assert_non_null(strstr(zErr, "hors de"));
  assert_int_equal(acc_steps_parse("10-1", &p, zErr, sizeof zErr), -1);
  assert_int_equal(acc_steps_parse("", &p, zErr, sizeof zErr), -1);
  /* PySAL's default E2SFCA: 10:1, 20:0.68, 30:0.22, cost <= bound */
  AccParams q = acc_params_default();
  assert_int_equal(acc_preset("pysal-e2sfca", &q), 0);
  assert_double_equal(acc_weight(&q, 10), 1, 0);
  assert_double_equal(acc_weight(&q, 20), 0.68, 0);
  assert_double_equal(acc_weight(&q, 30), 0.22, 0);
  assert_double_equal(acc_weight(&q, 30.5), 0, 0);
  /* the DREES weights are exact doubles now */
  AccParams r = acc_params_default();
  assert_int_equal(acc_preset("drees", &r), 0);
  assert_true(acc_weight(&r, 12) == 2.0 / 3.0);
  assert_true(acc_weight(&r, 17) == 1.0 / 3.0);
  assert_int_equal(acc_preset("2sfca", &r), 0);
  assert_double_equal(acc_weight(&r, 20), 1, 0);           /* t <= tMax */
  assert_int_equal(acc_preset("inconnu", &r), -1);
  /* a Gaussian's bandwidth bounds its reach below tMax */
  AccParams gq = acc_params_default();
  gq.decay = ACC_DECAY_GAUSSIAN;
  gq.bandwidth = 10;
  assert_double_equal(acc_weight(&gq, 0), 1, 1e-15);
  assert_double_equal(acc_weight(&gq, 10), 0, 0);
  assert_true(acc_weight(&gq, 5) > 0 && acc_weight(&gq, 5) < 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_tiny_drees_decay_by_hand),
    cmocka_unit_test(test_tiny_step_decay_by_hand),
    cmocka_unit_test(test_tiny_gaussian_decay_by_hand),
    cmocka_unit_test(test_drees_weights_at_thresholds),
    cmocka_unit_test(test_supply_without_population_gives_zero_not_nan),
    cmocka_unit_test(test_matrix_direction_matters),
    cmocka_unit_test(test_duplicate_pairs_keep_the_shorter_time),
    cmocka_unit_test(test_apl_equals_brute_force_on_random_communes),
    cmocka_unit_test(test_apl_conserves_supply),
    cmocka_unit_test(test_no_cutoff_gives_uniform_apl),
    cmocka_unit_test(test_apl_is_linear_in_supply),
    cmocka_unit_test(test_population_beyond_every_catchment_changes_nothing),
    cmocka_unit_test(test_incremental_update_equals_full_recompute),
    cmocka_unit_test(test_drees_activity_caps),
    cmocka_unit_test(test_supply_from_practitioners_and_65plus),
    cmocka_unit_test(test_zones_and_commune_indicators),
    cmocka_unit_test(test_step_tables_presets_and_boundaries),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
