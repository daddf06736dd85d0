/*
** centres/api_map.c: GET /api/v1/centres/carte, the sites of every centre
** as GeoJSON points for maps (the observatory's map draws them over its
** choropleth; docs/centres.md).
**
** A site is placed at its commune's point (territory tables): the
** addresses are not geocoded.  Sites open today only, unless ?tous=1.
** Demonstration sites ("illustrative": their commune is indicative) are
** flagged so that a map can draw them differently.
*/
#include <math.h>
#include <string.h>

#include "base/caldate.h"
#include "centres/internal.h"
#include "territory/lookup.h"

/* ROUTE: GET /api/v1/centres/carte public api */
void ctr_api_map(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  CentreSite *aS;
  int nS;
  int isAll = req_query(req, "tous") != NULL;
  if (centre_site_list(db, a, 0, &aS, &nS, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  char zToday[11];
  caldate_format(caldate_today(), zToday);
  json_t *jF = json_array();
  for (int i = 0; i < nS; i++) {
    const CentreSite *s = &aS[i];
    int isOpen = (!s->zOpenedOn[0] || strcmp(s->zOpenedOn, zToday) <= 0) &&
                 (!s->zClosedOn[0] || strcmp(s->zClosedOn, zToday) > 0);
    if (!isOpen && !isAll) continue;
    LkPlace p;
    Err e2 = {0};
    json_t *geom = json_null();
    const char *zName = s->zCommune;
    if (!lookup_place(db, a, LK_COMMUNE, s->zCommune, &p, &e2)) {
      zName = p.zName;
      if (!isnan(p.lat) && !isnan(p.lon)) {
        geom = json_pack("{s:s, s:[f, f]}", "type", "Point", "coordinates",
                         p.lon, p.lat);
      }
    }
    json_t *props = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:f, s:b, s:b, s:s}", "site_id",
        (json_int_t)s->id, "nom", s->zName, "centre", s->zCentreName,
        "type", s->zKind, "commune", s->zCommune, "nom_commune", zName,
        "etp_medecins", s->fteDoctors, "ouvert", isOpen, "indicatif",
        s->isIllustrative, "url",
        arena_printf(a, "/centres/sites/%lld", (long long)s->id));
    json_object_set_new(props, "services", ctr_json_services(s));
    json_array_append_new(jF, json_pack("{s:s, s:o, s:o}", "type", "Feature",
                                        "geometry", geom, "properties",
                                        props));
  }
  reply_json(req, 200, json_pack("{s:s, s:o}", "type", "FeatureCollection",
                                 "features", jF));
}
