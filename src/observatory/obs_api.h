/*
** observatory/obs_api.h: what the JSON API files (api.c,
** api_scenario.c, api_export.c) share.
*/
#ifndef OASIS_OBSERVATORY_OBS_API_H
#define OASIS_OBSERVATORY_OBS_API_H
#include <jansson.h>

#include "observatory/obs.h"
#include "web/web.h"

/* A JSON number, or null when v is NaN or infinite. */
json_t *oapi_num(double v);
/* The key asked for by ?millesime=&offre=&tmax=&decroissance= (from the
** stored default run's key); on failure a 400 naming the field is
** queued and -1 returned. */
int oapi_key_or_reply(Req *req, ObsKey *k, int *pIsDefault);
/* The snapshot of that key (release it); NULL when a 4xx/5xx is queued. */
ObsModel *oapi_model_or_reply(Req *req);
/* Area or commune (lvl word, code) of m into *piArea / *piNode (the other
** -1); -1 with a 404 naming the code queued. */
int oapi_area_or_reply(Req *req, const ObsModel *m, const char *zLevel,
                       const char *zCode, int *piArea, int *piNode);
/* millesime, offre, parametres, provenance, apl_officielle {source,
** millesime} of m into object o. */
void oapi_meta(const ObsModel *m, json_t *o);
json_t *oapi_area_json(const ObsModel *m, int iArea);
json_t *oapi_commune_json(const ObsModel *m, int i);
/* Projected APL of node i (5 and 10 years) or the reason it is unknown. */
json_t *oapi_forecast_json(Req *req, const ObsModel *m, int i);

/* ?territoire=departement:24 (default france) into an area of m; -1
** with a 4xx queued. */
int oapi_territory_or_reply(Req *req, const ObsModel *m, int *piArea);

/* Reply with export x in fmt (exp_reply: provenance in X-Provenance, the
** XLSX sheet or the GeoJSON meta), x freed; or answer rc. */
void oapi_reply_export(Req *req, int rc, ExpFormat fmt, ObsExport *x,
                       const Err *err);
/* ?format= (form field when isForm) into *pFmt, default csv; -1 with a
** 400 naming "format" queued. */
int oapi_format_or_reply(Req *req, int isForm, ExpFormat *pFmt);

/* ---- writes (actions.c), shared with the pages ------------------------- */
/* A scenario's head: {id, nom, auteur, cree, millesime, offre, parametres,
** nombre_changements} (new reference). */
json_t *oapi_scenario_head_json(const ObsScenario *s);
/* Save scenario zName (the changes validated against m) and its audit row
** in one transaction; *pId its id.  0, or the rc with err (ERR_INPUT
** naming the field: nothing written). */
int obs_act_scenario_create(Req *req, const ObsModel *m, const char *zName,
                            const ObsChange *aC, int n, int64_t *pId,
                            Err *err);
/* Delete scenario id and audit it in one transaction: 0, ERR_NOTFOUND. */
int obs_act_scenario_delete(Req *req, int64_t id, Err *err);

void oapi_simulate(Req *req);          /* api_scenario.c */
void oapi_scenario_list(Req *req);
void oapi_scenario_create(Req *req);
void oapi_scenario_get(Req *req);
void oapi_scenario_delete(Req *req);
void oapi_scenario_compare(Req *req);
void oapi_siting(Req *req);
void oapi_export(Req *req);            /* api_export.c */
void oapi_scenario_export(Req *req);

#endif
