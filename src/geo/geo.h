/*
** geo/geo.h: great-circle distance, a spatial grid index over points on
** the sphere, and the crow-flies travel-time model.
**
** Pure computation on arrays: no I/O.  Coordinates are WGS84 degrees.
*/
#ifndef OASIS_GEO_GEO_H
#define OASIS_GEO_GEO_H
#include <stddef.h>

#define GEO_EARTH_RADIUS_KM 6371.0088   /* IUGG mean radius */

/* Great-circle (haversine) distance in km between two points. */
double geo_distance_km(double lat1, double lon1, double lat2, double lon2);

/* The crow-flies travel model: minutes = km * detour / speedKmh * 60. */
typedef struct GeoTravel GeoTravel;
struct GeoTravel {
  double speedKmh;      /* mean door-to-door road speed, km/h (> 0) */
  double detour;        /* road length / crow-flies length (>= 1) */
};

/* Minutes to travel km kilometres under model m. */
double geo_minutes(const GeoTravel *m, double km);
/* Largest crow-flies distance (km) travelled in tMinutes under model m. */
double geo_reach_km(const GeoTravel *m, double tMinutes);

/*
** A grid index: points bucketed by cubic cells of side cellKm in Earth-
** centred 3D coordinates, so it works the same in the Alps, in Guyane and
** across the antimeridian.  Immutable once built; queries are thread-safe.
*/
typedef struct GeoGrid GeoGrid;

/* Index the n points (aLat[i], aLon[i]); the arrays are copied.  cellKm
** should be about the largest query radius (one ring of cells is then
** enough).  Free with geo_grid_free(). */
GeoGrid *geo_grid_new(const double *aLat, const double *aLon, int n,
                      double cellKm);
void geo_grid_free(GeoGrid *p);
int geo_grid_count(const GeoGrid *p);

/*
** Indexes of the points within radiusKm (great circle, inclusive) of
** (lat, lon), in no particular order, into aOut[0..nCap-1]; their
** distances in km into aKm (may be NULL), equal to the last bit to
** geo_distance_km(lat, lon, point).  Returns how many points are in range;
** when that exceeds nCap only the first nCap were written: grow, call again.
*/
int geo_grid_query(const GeoGrid *p, double lat, double lon, double radiusKm,
                   int *aOut, double *aKm, int nCap);

/*
** The same, by scanning every point (the brute-force reference the tests
** compare the grid with).
*/
int geo_brute_query(const double *aLat, const double *aLon, int n, double lat,
                    double lon, double radiusKm, int *aOut, double *aKm,
                    int nCap);

/*
** Travel times between the points of one set (communes), for the engine:
** geo_reach_minutes() has the shape of access.h's AccReachFn (the points
** within reach of point j, with their minutes), geo_time_minutes() that of
** AccTimeFn (minutes between points i and j).  geo/ does not include
** access/: the caller passes a GeoReach as the context.
*/
typedef struct GeoReach GeoReach;
struct GeoReach {
  const GeoGrid *pGrid;     /* built on aLat/aLon */
  const double *aLat, *aLon;
  int n;
  GeoTravel travel;
  double tMax;              /* minutes: the reach searched */
};
int geo_reach_minutes(void *pReach, int j, int *aIdx, double *aMinutes,
                      int nCap);
double geo_time_minutes(void *pReach, int i, int j);

#endif
