/*
** tests/unit/test_geo.c: haversine distance, travel model, and the grid
** index against a brute-force neighbour scan.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "geo/geo.h"

/* |a - b| <= eps, printing both values when not (cmocka's float compare
** works in single precision). */
#define assert_double_equal(a, b, eps) assert_near((a), (b), (eps), __LINE__)
static void assert_near(double a, double b, double eps, int line)
{
  if (!(fabs(a - b) <= eps)) {
    print_error("line %d: %.17g != %.17g (eps %g)\n", line, a, b, eps);
    fail();
  }
}

/* Deterministic generator (xorshift), so failures reproduce. */
static uint64_t rng_state;
static double rnd(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

static void test_distance_known_pairs(void **state)
{
  (void)state;
  /* Paris (48.8566, 2.3522) - Lyon (45.7640, 4.8357): ~392 km */
  double d = geo_distance_km(48.8566, 2.3522, 45.7640, 4.8357);
  assert_true(d > 390 && d < 394);
  /* one degree of latitude = R * pi / 180 */
  assert_double_equal(geo_distance_km(10, 20, 11, 20),
                      GEO_EARTH_RADIUS_KM * 3.14159265358979323846 / 180,
                      1e-9);
  assert_double_equal(geo_distance_km(45, 5, 45, 5), 0, 0);
  /* symmetric, and across the antimeridian the short way */
  assert_double_equal(geo_distance_km(1, 2, 3, 4), geo_distance_km(3, 4, 1, 2),
                      1e-12);
  assert_true(geo_distance_km(0, 179.9, 0, -179.9) < 23);
}

static void test_travel_model_minutes_and_reach(void **state)
{
  (void)state;
  GeoTravel m = {60.0, 1.5};
  assert_double_equal(geo_minutes(&m, 10), 15.0, 1e-12);   /* 15 km at 60 */
  assert_double_equal(geo_minutes(&m, 0), 0.0, 0);
  assert_double_equal(geo_reach_km(&m, 15.0), 10.0, 1e-12);
}

/* Sort (index, km) pairs by index (insertion sort: small arrays). */
static void sort_hits(int *aIdx, double *aKm, int n)
{
  for (int k = 1; k < n; k++) {
    int i = aIdx[k];
    double d = aKm[k];
    int q = k;
    for (; q > 0 && aIdx[q - 1] > i; q--) {
      aIdx[q] = aIdx[q - 1];
      aKm[q] = aKm[q - 1];
    }
    aIdx[q] = i;
    aKm[q] = d;
  }
}

static void check_grid_matches_brute(int n, double lat0, double lon0,
                                     double spanDeg, double radiusKm,
                                     double cellKm)
{
  double *aLat = calloc(n, sizeof(double)), *aLon = calloc(n, sizeof(double));
  int *aG = malloc(sizeof(int) * n), *aB = malloc(sizeof(int) * n);
  double *aKmG = malloc(sizeof(double) * n), *aKmB = malloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) {
    aLat[i] = lat0 + (rnd() - 0.5) * spanDeg;
    aLon[i] = lon0 + (rnd() - 0.5) * spanDeg;
    if (aLon[i] > 180) aLon[i] -= 360;
  }
  GeoGrid *g = geo_grid_new(aLat, aLon, n, cellKm);
  assert_int_equal(geo_grid_count(g), n);
  long nTotal = 0;
  for (int q = 0; q < n; q += 7) {
    int nG = geo_grid_query(g, aLat[q], aLon[q], radiusKm, aG, aKmG, n);
    int nB = geo_brute_query(aLat, aLon, n, aLat[q], aLon[q], radiusKm, aB,
                             aKmB, n);
    assert_int_equal(nG, nB);
    sort_hits(aG, aKmG, nG);           /* the grid gives no order */
    for (int k = 0; k < nG; k++) {
      assert_int_equal(aG[k], aB[k]);
      assert_double_equal(aKmG[k], aKmB[k], 0);
    }
    nTotal += nG;
  }
  assert_true(nTotal > n / 7);      /* not a vacuous comparison */
  geo_grid_free(g);
  free(aLat); free(aLon); free(aG); free(aB); free(aKmG); free(aKmB);
}

static void test_grid_query_equals_brute_force(void **state)
{
  (void)state;
  rng_state = 0x9E3779B97F4A7C15ULL;
  check_grid_matches_brute(2000, 46.5, 2.5, 4.0, 17.0, 17.0);   /* metropole */
  check_grid_matches_brute(1000, 4.0, -53.0, 2.0, 25.0, 10.0);  /* small cells */
  check_grid_matches_brute(800, 0.0, 179.5, 2.0, 30.0, 30.0);   /* antimeridian */
  check_grid_matches_brute(300, 89.0, 0.0, 1.5, 40.0, 40.0);    /* near a pole */
}

static void test_grid_reports_overflow_count(void **state)
{
  (void)state;
  double aLat[5] = {45, 45.001, 45.002, 45.003, 46};
  double aLon[5] = {5, 5, 5, 5, 5};
  int aOut[2];
  GeoGrid *g = geo_grid_new(aLat, aLon, 5, 10);
  assert_int_equal(geo_grid_query(g, 45, 5, 1.0, aOut, NULL, 2), 4);
  geo_grid_free(g);
}

static void test_reach_callback_lists_points_with_minutes(void **state)
{
  (void)state;
  /* three points on a meridian, 0, ~11.1 and ~22.2 km north */
  double aLat[3] = {45.0, 45.1, 45.2}, aLon[3] = {5, 5, 5};
  GeoGrid *g = geo_grid_new(aLat, aLon, 3, 20);
  GeoReach r = {g, aLat, aLon, 3, {60.0, 1.0}, 15.0};   /* 15 km */
  int aIdx[3];
  double aMin[3];
  assert_int_equal(geo_reach_minutes(&r, 0, aIdx, aMin, 3), 2);
  sort_hits(aIdx, aMin, 2);
  assert_int_equal(aIdx[0], 0);
  assert_double_equal(aMin[0], 0.0, 0);                 /* own commune */
  assert_int_equal(aIdx[1], 1);
  assert_double_equal(aMin[1], geo_time_minutes(&r, 1, 0), 0);
  assert_true(aMin[1] > 11 && aMin[1] < 11.2);
  geo_grid_free(g);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_distance_known_pairs),
    cmocka_unit_test(test_travel_model_minutes_and_reach),
    cmocka_unit_test(test_grid_query_equals_brute_force),
    cmocka_unit_test(test_grid_reports_overflow_count),
    cmocka_unit_test(test_reach_callback_lists_points_with_minutes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
