/*
** geo/geo.c: haversine distance, travel-time model and the grid index.
**
** The grid buckets points by cubic cells in Earth-centred coordinates
** (km).  Two points d km apart on the sphere are at most d km apart in
** space (the chord is shorter than the arc), so every point within r km of
** a query lies in the cells within ceil(r / cell) of the query's cell.
** The cells found are then filtered with the exact haversine distance, the
** same function the brute-force scan uses, so both return the same set.
** It does not know about communes, travel times or catchments.
*/
#include "geo/geo.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define DEG2RAD (3.14159265358979323846 / 180.0)
#define GRID_BIAS (1 << 20)      /* cell coordinates are shifted positive */

typedef struct GridCell GridCell;
struct GridCell {
  uint64_t key;                  /* packed cell coordinates; 0 = empty slot */
  int iStart;                    /* first entry in aOrder */
  int n;                         /* points in this cell */
};

struct GeoGrid {
  int n;                         /* points indexed */
  double cellKm;                 /* cell side */
  double *aLat, *aLon;           /* copies of the input, degrees */
  int *aOrder;                   /* point indexes sorted by cell key */
  double *aXyz;                  /* 3D position of each aOrder entry, km */
  double *aCos;                  /* cos(latitude) of each point */
  GridCell *aSlot;               /* open-addressing hash of occupied cells */
  uint64_t mask;                 /* number of slots - 1 (a power of two) */
};

/* The haversine with both cosines of latitude given: the grid computes
** them once per point.  Same operations in the same order as
** geo_distance_km(), so the same result to the last bit. */
static double haversine(double lat1, double lon1, double cos1, double lat2,
                        double lon2, double cos2)
{
  double dLat = (lat2 - lat1) * DEG2RAD;
  double dLon = (lon2 - lon1) * DEG2RAD;
  double s1 = sin(dLat * 0.5), s2 = sin(dLon * 0.5);
  double h = s1 * s1 + cos1 * cos2 * s2 * s2;
  if (h > 1.0) h = 1.0;          /* rounding near antipodes */
  return 2.0 * GEO_EARTH_RADIUS_KM * asin(sqrt(h));
}

double geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
  return haversine(lat1, lon1, cos(lat1 * DEG2RAD), lat2, lon2,
                   cos(lat2 * DEG2RAD));
}

double geo_minutes(const GeoTravel *m, double km)
{
  assert(m->speedKmh > 0);
  return km * m->detour / m->speedKmh * 60.0;
}

double geo_reach_km(const GeoTravel *m, double tMinutes)
{
  assert(m->detour > 0);
  return tMinutes * m->speedKmh / (60.0 * m->detour);
}

/* Cell coordinate (biased positive) of one Cartesian component. */
static int64_t grid_coord(double v, double cellKm)
{
  return (int64_t)floor(v / cellKm) + GRID_BIAS;
}

static uint64_t grid_key(int64_t cx, int64_t cy, int64_t cz)
{
  /* 21 bits each; +1 so that no real key is 0 (the empty-slot marker) */
  return (((uint64_t)cx << 42) | ((uint64_t)cy << 21) | (uint64_t)cz) + 1;
}

static uint64_t grid_hash(uint64_t k)
{
  k ^= k >> 33;                  /* a 64-bit finaliser (murmur-style mix) */
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}

static void grid_xyz(double lat, double lon, double *p)
{
  double cLat = cos(lat * DEG2RAD);
  p[0] = GEO_EARTH_RADIUS_KM * cLat * cos(lon * DEG2RAD);
  p[1] = GEO_EARTH_RADIUS_KM * cLat * sin(lon * DEG2RAD);
  p[2] = GEO_EARTH_RADIUS_KM * sin(lat * DEG2RAD);
}

static const GridCell *grid_find(const GeoGrid *g, uint64_t key)
{
  for (uint64_t h = grid_hash(key) & g->mask;; h = (h + 1) & g->mask) {
    if (g->aSlot[h].key == key) return &g->aSlot[h];
    if (g->aSlot[h].key == 0) return NULL;
  }
}

typedef struct KeyIdx KeyIdx;
struct KeyIdx { uint64_t key; int i; };

static int keyidx_cmp(const void *a, const void *b)
{
  const KeyIdx *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->i - y->i;
}

GeoGrid *geo_grid_new(const double *aLat, const double *aLon, int n,
                      double cellKm)
{
  assert(n >= 0 && cellKm > 0);
  GeoGrid *g = xcalloc(1, sizeof *g);
  g->n = n;
  g->cellKm = cellKm;
  g->aLat = xmalloc(sizeof(double) * (n ? n : 1));
  g->aLon = xmalloc(sizeof(double) * (n ? n : 1));
  if (n) memcpy(g->aLat, aLat, sizeof(double) * n);
  if (n) memcpy(g->aLon, aLon, sizeof(double) * n);
  g->aOrder = xmalloc(sizeof(int) * (n ? n : 1));

  KeyIdx *a = xmalloc(sizeof *a * (n ? n : 1));
  for (int i = 0; i < n; i++) {
    double p[3];
    grid_xyz(aLat[i], aLon[i], p);
    a[i].key = grid_key(grid_coord(p[0], cellKm), grid_coord(p[1], cellKm),
                        grid_coord(p[2], cellKm));
    a[i].i = i;
  }
  qsort(a, n, sizeof *a, keyidx_cmp);
  g->aXyz = xmalloc(sizeof(double) * 3 * (n ? n : 1));
  g->aCos = xmalloc(sizeof(double) * (n ? n : 1));
  for (int i = 0; i < n; i++) g->aCos[i] = cos(aLat[i] * DEG2RAD);
  for (int k = 0; k < n; k++) {
    grid_xyz(aLat[a[k].i], aLon[a[k].i], g->aXyz + 3 * k);
  }

  uint64_t nSlot = 16;
  while (nSlot < 2 * (uint64_t)n) nSlot <<= 1;   /* load factor <= 1/2 */
  g->mask = nSlot - 1;
  g->aSlot = xcalloc(nSlot, sizeof(GridCell));
  for (int k = 0; k < n;) {
    int e = k;
    while (e < n && a[e].key == a[k].key) g->aOrder[e] = a[e].i, e++;
    uint64_t h = grid_hash(a[k].key) & g->mask;
    while (g->aSlot[h].key) h = (h + 1) & g->mask;
    g->aSlot[h].key = a[k].key;
    g->aSlot[h].iStart = k;
    g->aSlot[h].n = e - k;
    k = e;
  }
  free(a);
  return g;
}

void geo_grid_free(GeoGrid *p)
{
  if (!p) return;
  free(p->aLat);
  free(p->aLon);
  free(p->aOrder);
  free(p->aXyz);
  free(p->aCos);
  free(p->aSlot);
  free(p);
}

int geo_grid_count(const GeoGrid *p) { return p->n; }

/* Count hit i at d km; record it in aOut (and aKm when not NULL) while
** there is room: a query reports every hit, stores the first nCap. */
static void geo_hit(int *aOut, double *aKm, int nCap, int *pnFound, int i,
                    double d)
{
  if (*pnFound < nCap) {
    aOut[*pnFound] = i;
    if (aKm) aKm[*pnFound] = d;
  }
  (*pnFound)++;
}

/*
** Candidates come cell by cell.  The chord (3 multiplications) discards
** most of them first: a point within r km along the sphere is within r km
** in space, so only points whose chord exceeds r (plus a rounding margin)
** are dropped unseen; the others are decided by the exact haversine, the
** function the brute-force scan uses.  Hits come cell by cell, in no
** particular order: sorting them cost more than the rest of the query,
** and no caller needs it (the engine's sums do not depend on it).
*/
int geo_grid_query(const GeoGrid *g, double lat, double lon, double radiusKm,
                   int *aOut, double *aKm, int nCap)
{
  double p[3];
  int nFound = 0;
  int r = (int)ceil(radiusKm / g->cellKm);
  double chordMax = radiusKm * (1 + 1e-9) + 1e-6;
  double chord2 = chordMax * chordMax, cosLat = cos(lat * DEG2RAD);
  grid_xyz(lat, lon, p);
  int64_t c0 = grid_coord(p[0], g->cellKm), c1 = grid_coord(p[1], g->cellKm);
  int64_t c2 = grid_coord(p[2], g->cellKm);
  for (int64_t x = c0 - r; x <= c0 + r; x++) {
    for (int64_t y = c1 - r; y <= c1 + r; y++) {
      for (int64_t z = c2 - r; z <= c2 + r; z++) {
        const GridCell *c = grid_find(g, grid_key(x, y, z));
        if (!c) continue;
        const double *q = g->aXyz + 3 * (size_t)c->iStart;
        for (int k = 0; k < c->n; k++, q += 3) {
          double dx = q[0] - p[0], dy = q[1] - p[1], dz = q[2] - p[2];
          if (dx * dx + dy * dy + dz * dz > chord2) continue;
          int i = g->aOrder[c->iStart + k];
          double d = haversine(lat, lon, cosLat, g->aLat[i], g->aLon[i],
                               g->aCos[i]);
          if (d > radiusKm) continue;
          geo_hit(aOut, aKm, nCap, &nFound, i, d);
        }
      }
    }
  }
  return nFound;
}

int geo_brute_query(const double *aLat, const double *aLon, int n, double lat,
                    double lon, double radiusKm, int *aOut, double *aKm,
                    int nCap)
{
  int nFound = 0;
  for (int i = 0; i < n; i++) {
    double d = geo_distance_km(lat, lon, aLat[i], aLon[i]);
    if (d > radiusKm) continue;
    geo_hit(aOut, aKm, nCap, &nFound, i, d);
  }
  return nFound;
}

/*
** The radius is widened by a hair so that rounding in km -> minutes never
** drops a pair the brute force keeps; the decay weight decides the rest.
*/
int geo_reach_minutes(void *pReach, int j, int *aIdx, double *aMinutes,
                      int nCap)
{
  const GeoReach *r = pReach;
  double km = geo_reach_km(&r->travel, r->tMax) * (1 + 1e-9) + 1e-9;
  int n = geo_grid_query(r->pGrid, r->aLat[j], r->aLon[j], km, aIdx,
                         aMinutes, nCap);
  if (n > nCap) return n;
  for (int k = 0; k < n; k++) {
    aMinutes[k] = geo_minutes(&r->travel, aMinutes[k]);
  }
  return n;
}

double geo_time_minutes(void *pReach, int i, int j)
{
  const GeoReach *r = pReach;
  double km = geo_distance_km(r->aLat[j], r->aLon[j], r->aLat[i], r->aLon[i]);
  return geo_minutes(&r->travel, km);
}
