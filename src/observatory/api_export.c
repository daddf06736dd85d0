/*
** observatory/api_export.c: exports of every view as CSV, XLSX or
** GeoJSON, each carrying its provenance (export.c lays the tables out,
** web/export.c writes them).
*/
#include <string.h>

#include "observatory/obs_api.h"
#include "web/kit.h"

int oapi_format_or_reply(Req *req, int isForm, ExpFormat *pFmt)
{
  const char *z = isForm ? req_form(req, "format") : req_query(req, "format");
  *pFmt = EXP_CSV;
  if (z && z[0] && obs_format_parse(z, pFmt)) {
    reply_error(req, 400, "saisie_invalide", "format : csv, xlsx ou geojson",
                "format");
    return -1;
  }
  return 0;
}

void oapi_reply_export(Req *req, int rc, ExpFormat fmt, ObsExport *x,
                       const Err *err)
{
  if (rc) {
    kit_reply_err(req, rc, err);
  } else {
    exp_reply(req, x->t, fmt, x->zBase);
  }
  obs_export_free(x);
}

/* GET /api/v1/export[/{niveau}/{code}]?format=csv|xlsx|geojson
** [&contenu=communes|territoires]: the communes of the area (default),
** or its child territories with their aggregates.
** ROUTE: GET /api/v1/export public api
** ROUTE: GET /api/v1/export/{niveau}/{code} public api
*/
void oapi_export(Req *req)
{
  const char *zWhat = req_query(req, "contenu");
  ExpFormat fmt;
  Err err = {0};
  ObsExport b = {0};
  int iArea, iNode;
  if (oapi_format_or_reply(req, 0, &fmt)) return;
  if (zWhat && strcmp(zWhat, "communes") && strcmp(zWhat, "territoires")) {
    reply_error(req, 400, "saisie_invalide", "contenu : communes ou "
                "territoires", "contenu");
    return;
  }
  ObsModel *m = oapi_model_or_reply(req);
  if (!m) return;
  const char *zLevel = req_arg(req, "niveau");
  if (oapi_area_or_reply(req, m, zLevel ? zLevel : "france",
                         req_arg(req, "code"), &iArea, &iNode)) {
    goto done;
  }
  if (iArea < 0) {
    reply_error(req, 400, "saisie_invalide", "exportez un territoire "
                "(france, region, departement, epci)", "niveau");
    goto done;
  }
  int rc = zWhat && !strcmp(zWhat, "territoires")
               ? obs_export_areas(m, iArea, &b, &err)
               : obs_export_communes(m, iArea, NULL, NULL, fmt, &b, &err);
  oapi_reply_export(req, rc, fmt, &b, &err);
done:
  obs_model_release(m);
}

/* GET /api/v1/scenarios/{id}/export?format=&territoire=departement:24:
** the communes of the area with their APL before and after.
** ROUTE: GET /api/v1/scenarios/{id}/export lecteur api
*/
void oapi_scenario_export(Req *req)
{
  ExpFormat fmt;
  Err err = {0};
  ObsExport b = {0};
  ObsScenario s;
  long id;
  const char *zId = req_arg(req, "id");
  if (oapi_format_or_reply(req, 0, &fmt)) return;
  if (!zId || str_to_long(zId, &id) || id <= 0 ||
      obs_scenario_load(req_db(req), id, &s, &err)) {
    char zMsg[120];
    snprintf(zMsg, sizeof zMsg, "scénario inconnu : « %.40s »",
             zId ? zId : "");
    reply_error(req, 404, "introuvable", zMsg, "id");
    return;
  }
  ObsModel *m = obs_model_get(req_db(req), &s.key, &err);
  ObsWhatIf w = {0};
  int iArea;
  if (!m) {
    reply_error(req, 409, "donnees_absentes", err.zMsg, "millesime");
    goto done;
  }
  if (oapi_territory_or_reply(req, m, &iArea)) goto done;
  if (obs_whatif_run(m, s.aChange, s.nChange, &w, &err)) {
    reply_error(req, 409, "conflit", err.zMsg, err.zField);
    goto done;
  }
  int rc = obs_export_communes(m, iArea, &w, NULL, fmt, &b, &err);
  oapi_reply_export(req, rc, fmt, &b, &err);
done:
  obs_whatif_free(&w);
  obs_model_release(m);
  obs_scenario_clear(&s);
}
