/*
** observatory/api.c: the observatory's JSON API under /api/v1 --
** territories, communes, indicators, contours (docs/api.md) (scenarios, siting
** and exports are in api_scenario.c and api_export.c).
**
** Every answer names its vintage, parameters and provenance.  An
** unknown code is a 404 whose message names the code.  No SQL here: the
** figures come from the snapshot (obs.h).
*/
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "observatory/obs_api.h"
#include "observatory/obs_int.h"
#include "territory/scope.h"

/* ---- helpers shared with api_scenario.c, api_export.c ------------------ */

json_t *oapi_num(double v)
{
  return isfinite(v) ? json_real(v) : json_null();
}

int oapi_key_or_reply(Req *req, ObsKey *k, int *pIsDefault)
{
  const char *zV = req_query(req, "millesime");
  const char *zS = req_query(req, "offre");
  const char *zT = req_query(req, "tmax");
  const char *zD = req_query(req, "decroissance");
  Err err = {0};
  obs_key_stored_default(req_db(req), 0, k);
  *pIsDefault = !zV && !zS && !zT && !zD;
  if (zV && !zS && !zT && !zD) {
    /* another vintage: its own stored default key when there is one */
    long v;
    if (!str_to_long(zV, &v) && v > 1990 && v < 2100) {
      obs_key_stored_default(req_db(req), (int)v, k);
      k->vintage = (int)v;
    }
  }
  if (obs_key_parse(k, zV, zS, zT, zD, &err)) {
    static const struct { const char *zIn, *zOut; } aMap[] = {
      {"vintage", "millesime"}, {"supply", "offre"}, {"tmax", "tmax"},
      {"decay", "decroissance"}};
    for (size_t i = 0; i < sizeof aMap / sizeof aMap[0]; i++) {
      if (!strcmp(err.zField, aMap[i].zIn)) {
        snprintf(err.zField, sizeof err.zField, "%s", aMap[i].zOut);
      }
    }
    reply_input_error(req, &err);
    return -1;
  }
  return 0;
}

ObsModel *oapi_model_or_reply(Req *req)
{
  ObsKey k;
  int isDefault;
  Err err = {0};
  if (oapi_key_or_reply(req, &k, &isDefault)) return NULL;
  ObsModel *m = obs_model_get(req_db(req), &k, &err);
  if (!m) {
    if (err.code == ERR_NOTFOUND) {
      reply_error(req, 409, "donnees_absentes", err.zMsg, "millesime");
    } else {
      reply_incident(req, &err);
    }
  }
  return m;
}

int oapi_area_or_reply(Req *req, const ObsModel *m, const char *zLevel,
                       const char *zCode, int *piArea, int *piNode)
{
  ObsLevel lvl;
  *piArea = *piNode = -1;
  if (!zLevel || obs_level_parse(zLevel, &lvl)) {
    char zMsg[200];
    snprintf(zMsg, sizeof zMsg, "niveau inconnu : « %.40s » (france, region,"
             " departement, epci, commune)", zLevel ? zLevel : "");
    reply_error(req, 404, "introuvable", zMsg, "niveau");
    return -1;
  }
  if (lvl == OBS_COMMUNE) *piNode = obs_node_find(m, zCode);
  else *piArea = obs_area_find(m, lvl, zCode);
  if (*piArea < 0 && *piNode < 0) {
    char zMsg[200];
    snprintf(zMsg, sizeof zMsg, "%s inconnu(e) : « %.40s »",
             obs_level_label(lvl), zCode ? zCode : "");
    reply_error(req, 404, "introuvable", zMsg, "code");
    return -1;
  }
  return 0;
}

static json_t *official_source(const ObsModel *m);

/* {"millesime", "offre", "parametres", "provenance", "apl_officielle"} of
** m into o. */
void oapi_meta(const ObsModel *m, json_t *o)
{
  Str s = STR_INIT;
  obs_key_describe(&m->key, &s);
  json_object_set_new(o, "millesime", json_integer(m->key.vintage));
  json_object_set_new(o, "offre", json_string(m->key.zSupply));
  json_object_set_new(o, "parametres", json_string(str_text(&s)));
  json_object_set_new(o, "provenance", json_string(m->zProvenance));
  /* where every `apl` of the answer comes from (the model's values are
  ** apl_estimation*) */
  json_object_set_new(o, "apl_officielle", json_pack(
      "{s:o, s:o}", "source", official_source(m), "millesime",
      m->refVintage ? json_integer(m->refVintage) : json_null()));
  str_free(&s);
}

static json_t *area_ref(const ObsModel *m, int iArea)
{
  if (iArea < 0) return json_null();
  const ObsArea *a = &m->aArea[iArea];
  return json_pack("{s:s, s:s, s:s}", "niveau", obs_level_name(a->level),
                   "code", a->zCode, "nom", a->zName);
}

/* "APL DREES 2023" of m ("" when no DREES table is imported). */
static json_t *official_source(const ObsModel *m)
{
  if (!m->refVintage) return json_null();
  char z[32];
  snprintf(z, sizeof z, "APL DREES %d", m->refVintage);
  return json_string(z);
}

/* The estimate's own name, value and validation figure into o. */
static void estimate_json(const ObsModel *m, double v, json_t *o)
{
  Str s = STR_INIT;
  obs_agreement_describe(m, &s);
  json_object_set_new(o, "apl_estimation", oapi_num(v));
  json_object_set_new(o, "estimation", json_pack(
      "{s:s, s:o, s:o, s:o, s:s}", "libelle", "estimation oasis",
      "correlation_drees", oapi_num(m->agree.pearson),
      "ecart_moyen_drees", oapi_num(m->agree.meanAbsDiff),
      "meme_classe_drees", oapi_num(m->agree.sameClass),
      "validation", str_text(&s)));
  str_free(&s);
}

json_t *oapi_area_json(const ObsModel *m, int iArea)
{
  const ObsArea *a = &m->aArea[iArea];
  json_t *z = json_object();
  static const char *const azZone[] = {"prioritaire", "complementaire",
                                       "hors_zonage"};
  for (int k = 0; k < 3; k++) {
    json_object_set_new(z, azZone[k], json_pack("{s:i, s:o}", "communes",
                        a->aZoneN[k], "population", oapi_num(a->aZonePop[k])));
  }
  json_t *o = json_pack(
      "{s:s, s:s, s:s, s:o, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
      "s:o}",
      "niveau", obs_level_name(a->level), "code", a->zCode, "nom", a->zName,
      "parent", area_ref(m, a->iParent), "communes", a->nCommune,
      "population", oapi_num(a->pop), "population_totale",
      oapi_num(a->popTotal), "apl", oapi_num(a->aplRef), "apl_source",
      official_source(m), "apl_millesime",
      m->refVintage ? json_integer(m->refVintage) : json_null(), "effectif",
      oapi_num(a->count), "densite_10000", oapi_num(a->density),
      "zones", z, "zones_source", json_string(
          "classe de chaque commune : zonage officiel de l'ARS quand il est "
          "importé, sinon classement indicatif d'après l'APL DREES"));
  estimate_json(m, a->apl, o);
  json_object_set_new(o, "apl_estimation_min", oapi_num(a->aplMin));
  json_object_set_new(o, "apl_estimation_max", oapi_num(a->aplMax));
  if (a->level == OBS_FRANCE) {
    json_object_set_new(o, "moyenne_nationale", json_pack(
        "{s:o, s:o, s:o, s:s}", "apl", oapi_num(m->refMean),
        "apl_moins_65_ans", oapi_num(m->refMeanUnder65), "millesime",
        m->refVintage ? json_integer(m->refVintage) : json_null(), "serie",
        "APL DREES tous âges, pondérée par la population standardisée"));
  }
  return o;
}

json_t *oapi_commune_json(const ObsModel *m, int i)
{
  const AccCommune *c = &m->aCommune[i];
  json_t *o = json_pack(
      "{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
      "s:o, s:o}",
      "niveau", "commune", "code", m->in.azCode[i], "nom",
      m->in.azName[i] ? m->in.azName[i] : "", "population",
      oapi_num(m->in.aPop[i]), "population_totale",
      oapi_num(m->in.aPopTotal[i]), "apl", oapi_num(m->aAplRef[i]),
      "apl_source", isnan(m->aAplRef[i]) ? json_null() : official_source(m),
      "apl_millesime", isnan(m->aAplRef[i]) || !m->refVintage
                           ? json_null() : json_integer(m->refVintage),
      "rang", m->aRank[i] ? json_integer(m->aRank[i]) : json_null(),
      "rang_sur", json_integer(m->nRanked), "zone", zoning_json(&m->aZone[i]),
      "offre_accessible", oapi_num(c->supplyReach), "demande",
      oapi_num(c->demandReach), "effectif", oapi_num(m->aCount[i]),
      "densite_10000", oapi_num(c->density));
  json_object_set_new(o, "part_60_ans",
                      oapi_num(obs_node_value(m, NULL, OBS_IND_SHARE60, i)));
  estimate_json(m, c->apl, o);
  int nReach;
  double reach = obs_node_count_in_reach(m, i, &nReach);
  json_object_set_new(o, "effectif_accessible", oapi_num(reach));
  json_object_set_new(o, "communes_accessibles_avec_offre",
                      json_integer(nReach));
  json_object_set_new(o, "epci", area_ref(m, m->aNodeEpci[i]));
  json_object_set_new(o, "departement", area_ref(m, m->aNodeDep[i]));
  json_object_set_new(o, "region", area_ref(m, m->aNodeReg[i]));
  return o;
}

/* ---- territories ------------------------------------------------------- */

/* "territoire_instance": the instance's territory's official figures,
** counted over its own communes (null when none is set). */
static void scope_json(Req *req, const ObsModel *m, json_t *o)
{
  TerrScope sc;
  Err err = {0};
  if (terr_scope_load(req_db(req), req_arena(req), &sc, &err) || !sc.nDep) {
    json_object_set_new(o, "territoire_instance", json_null());
    return;
  }
  ObsScopeFigures f;
  obs_scope_figures(m, sc.azDep, sc.nDep, &f);
  json_t *aDep = json_array();
  for (int k = 0; k < f.nDep; k++) {
    json_array_append_new(aDep, json_string(m->aArea[f.aArea[k]].zCode));
  }
  json_object_set_new(o, "territoire_instance", json_pack(
      "{s:s, s:o, s:i, s:o, s:o, s:o}", "nom", sc.zName, "departements",
      aDep, "communes", f.nCommune, "population", oapi_num(f.pop), "apl",
      oapi_num(f.aplRef), "part_population_zone_prioritaire",
      oapi_num(f.sharePriority)));
}

/* GET /api/v1/territoires[/{niveau}/{code}]: an area with its aggregates
** and its children (régions, départements, EPCI) with theirs.
** ROUTE: GET /api/v1/territoires public api
** ROUTE: GET /api/v1/territoires/{niveau}/{code} public api
*/
void api_territory(Req *req)
{
  const char *zLevel = req_arg(req, "niveau"), *zCode = req_arg(req, "code");
  ObsModel *m = oapi_model_or_reply(req);
  int iArea, iNode;
  if (!m) return;
  if (oapi_area_or_reply(req, m, zLevel ? zLevel : "france", zCode, &iArea,
                         &iNode)) {
    goto done;
  }
  if (iNode >= 0) {
    char zPath[64];
    snprintf(zPath, sizeof zPath, "/api/v1/communes/%s", m->in.azCode[iNode]);
    reply_redirect(req, zPath);
    goto done;
  }
  json_t *o = oapi_area_json(m, iArea);
  json_t *aKid = json_array();
  int *a, n = obs_area_children(m, iArea, &a);
  for (int k = 0; k < n; k++) json_array_append_new(aKid, oapi_area_json(m, a[k]));
  free(a);
  json_object_set_new(o, "enfants", aKid);
  if (m->aArea[iArea].level == OBS_FRANCE) scope_json(req, m, o);
  oapi_meta(m, o);
  reply_json(req, 200, o);
done:
  obs_model_release(m);
}

/* GET /api/v1/communes/{code}: the commune sheet's figures.
** ROUTE: GET /api/v1/communes/{code} public api
*/
void api_commune(Req *req)
{
  ObsModel *m = oapi_model_or_reply(req);
  int iArea, i;
  if (!m) return;
  if (oapi_area_or_reply(req, m, "commune", req_arg(req, "code"), &iArea,
                         &i)) {
    goto done;
  }
  json_t *o = oapi_commune_json(m, i);
  json_t *cmp = json_object();
  int aCmp[4] = {m->aNodeEpci[i], m->aNodeDep[i], m->aNodeReg[i], 0};
  static const char *const azCmp[] = {"epci", "departement", "region",
                                      "france"};
  for (int k = 0; k < 4; k++) {
    json_object_set_new(cmp, azCmp[k], aCmp[k] >= 0
                                           ? oapi_num(m->aArea[aCmp[k]].aplRef)
                                           : json_null());
  }
  json_object_set_new(o, "comparaison_apl", cmp);
  ObsHistory h[16];
  int nH = obs_history(req_db(req), m->in.azCode[i], h, 16);
  json_t *aH = json_array();
  for (int k = 0; k < nH && k < 16; k++) {
    double ref;
    int hasRef = obs_reference_apl(req_db(req), m->in.azCode[i],
                                   h[k].vintage, &ref) == 0;
    json_array_append_new(aH, json_pack("{s:i, s:o, s:o}", "millesime",
                          h[k].vintage, "apl", hasRef ? oapi_num(ref)
                                                      : json_null(),
                          "apl_estimation", oapi_num(h[k].apl)));
  }
  json_object_set_new(o, "historique", aH);
  json_object_set_new(o, "projection", oapi_forecast_json(req, m, i));
  oapi_meta(m, o);
  reply_json(req, 200, o);
done:
  obs_model_release(m);
}

/* ---- indicators -------------------------------------------------------- */

/* GET /api/v1/indicateurs[/{niveau}/{code}]?indicateur=apl[&depuis=A]:
** one value per child of the area -- régions of France, départements of
** a région, communes of a département or an EPCI (?enfants=epci: the
** EPCI of a département) -- for maps and tables.
** ROUTE: GET /api/v1/indicateurs public api
** ROUTE: GET /api/v1/indicateurs/{niveau}/{code} public api
*/
void api_indicators(Req *req)
{
  const char *zLevel = req_arg(req, "niveau"), *zCode = req_arg(req, "code");
  const char *zInd = req_query(req, "indicateur");
  const char *zKids = req_query(req, "enfants");
  ObsIndicator ind = OBS_IND_APL;
  ObsModel *m = NULL, *pOther = NULL;
  int iArea, iNode;
  if (zInd && obs_indicator_parse(zInd, &ind)) {
    reply_error(req, 400, "saisie_invalide", "indicateur inconnu (apl, "
                "apl_estimation, densite, part60, zone, population, "
                "evolution)",
                "indicateur");
    return;
  }
  if (!(m = oapi_model_or_reply(req))) return;
  if (oapi_area_or_reply(req, m, zLevel ? zLevel : "france", zCode, &iArea,
                         &iNode)) {
    goto done;
  }
  if (iArea < 0) {
    reply_error(req, 400, "saisie_invalide", "une commune n'a pas de "
                "subdivisions : voir /api/v1/communes/{code}", "niveau");
    goto done;
  }
  if (ind == OBS_IND_CHANGE) {
    const char *zFrom = req_query(req, "depuis");
    long v;
    Err err = {0};
    if (!zFrom || str_to_long(zFrom, &v) || v < 1990 || v > 2100) {
      reply_error(req, 400, "saisie_invalide", "l'évolution demande "
                  "« depuis » : un millésime (ex. 2022)", "depuis");
      goto done;
    }
    ObsKey k;
    obs_key_stored_default(req_db(req), (int)v, &k);
    k.vintage = (int)v;
    if (!(pOther = obs_model_get(req_db(req), &k, &err))) {
      char zMsg[120];
      snprintf(zMsg, sizeof zMsg, "millésime %ld absent", v);
      reply_error(req, 409, "donnees_absentes", zMsg, "depuis");
      goto done;
    }
  }
  const ObsArea *a = &m->aArea[iArea];
  int isCommunes = (a->level == OBS_DEPARTEMENT || a->level == OBS_EPCI) &&
                   !(zKids && !strcmp(zKids, "epci"));
  /* the snapshot is immutable: a map's JSON is built once per snapshot */
  char zMemo[96];
  size_t nMemo;
  snprintf(zMemo, sizeof zMemo, "ind|%d|%s|%d|%d|%d", (int)a->level, a->zCode,
           (int)ind, isCommunes, pOther ? pOther->key.vintage : 0);
  const char *zHit = pOther ? NULL : obs_memo_get(m, zMemo, &nMemo);
  if (zHit) {
    /* copied: the snapshot may be released before the answer is sent */
    char *zCopy = arena_alloc(req_arena(req), nMemo + 1);
    memcpy(zCopy, zHit, nMemo);
    reply_bytes(req, 200, "application/json; charset=utf-8", zCopy, nMemo,
                NULL);
    goto done;
  }
  json_t *aVal = json_array();
  int *aIdx, n;
  n = isCommunes ? obs_area_nodes(m, iArea, &aIdx)
                 : obs_area_children(m, iArea, &aIdx);
  for (int k = 0; k < n; k++) {
    int j = aIdx[k];
    double v = isCommunes ? obs_node_value(m, pOther, ind, j)
                          : obs_area_value(m, pOther, ind, j);
    double pop = isCommunes ? m->in.aPop[j] : m->aArea[j].pop;
    json_t *pVal = json_pack(
        "{s:s, s:s, s:o, s:o}",
        "code", isCommunes ? m->in.azCode[j] : m->aArea[j].zCode,
        "nom", isCommunes ? (m->in.azName[j] ? m->in.azName[j] : "")
                          : m->aArea[j].zName,
        "valeur", oapi_num(v), "population", oapi_num(pop));
    /* communes: the one classification; areas have none of their own */
    if (isCommunes) {
      json_object_set_new(pVal, "zone", zoning_json(&m->aZone[j]));
    }
    json_array_append_new(aVal, pVal);
  }
  free(aIdx);
  json_t *o = json_pack(
      "{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "niveau",
      obs_level_name(a->level), "code", a->zCode, "nom", a->zName,
      "indicateur", obs_indicator_name(ind), "libelle",
      obs_indicator_label(ind), "niveau_valeurs",
      isCommunes ? "commune" : obs_level_name(a->level + 1), "valeurs", aVal);
  if (ind == OBS_IND_SHARE60 && !m->hasAges) {
    json_object_set_new(o, "note", json_string("âges des praticiens inconnus "
                        "pour cette source d'offre"));
  }
  if (pOther) json_object_set_new(o, "depuis", json_integer(pOther->key.vintage));
  oapi_meta(m, o);
  if (pOther) {
    reply_json(req, 200, o);
  } else {
    char *z = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    size_t n = strlen(z);
    char *zCopy = arena_strdup(req_arena(req), z);
    json_decref(o);
    obs_memo_put(m, zMemo, z, n);
    reply_bytes(req, 200, "application/json; charset=utf-8", zCopy, n, NULL);
  }
done:
  obs_model_release(pOther);
  obs_model_release(m);
}

/* GET /api/v1/millesimes: vintages with population, and stored runs.
** ROUTE: GET /api/v1/millesimes public api
*/
void api_vintages(Req *req)
{
  int a[32], n = obs_vintages(req_db(req), a, 32);
  json_t *aV = json_array();
  for (int k = 0; k < n && k < 32; k++) {
    ObsKey key;
    json_t *o = json_pack("{s:i}", "millesime", a[k]);
    if (!obs_key_stored_default(req_db(req), a[k], &key)) {
      Str s = STR_INIT;
      obs_key_describe(&key, &s);
      json_object_set_new(o, "calcul_par_defaut", json_pack(
          "{s:s, s:s}", "offre", key.zSupply, "parametres", str_text(&s)));
      str_free(&s);
    } else {
      json_object_set_new(o, "calcul_par_defaut", json_null());
    }
    json_array_append_new(aV, o);
  }
  reply_json(req, 200, json_pack("{s:o}", "millesimes", aV));
}

/* ---- contours ---------------------------------------------------------- */

/* GET /api/v1/contours[/{niveau}/{code}]: GeoJSON of the régions of
** France, the départements of a région, the communes of a département.
** ROUTE: GET /api/v1/contours public api
** ROUTE: GET /api/v1/contours/{niveau}/{code} public api
*/
void api_contours(Req *req)
{
  const char *zLevel = req_arg(req, "niveau"), *zCode = req_arg(req, "code");
  ObsLevel lvl = OBS_FRANCE;
  Err err = {0};
  size_t n;
  if (zLevel && (obs_level_parse(zLevel, &lvl) || lvl == OBS_FRANCE ||
                 lvl > OBS_DEPARTEMENT)) {
    reply_error(req, 404, "introuvable", "contours par région "
                "(départements) ou par département (communes)", "niveau");
    return;
  }
  const char *z = obs_contours(lvl, zCode, &n, &err);
  if (!z) {
    if (err.code == ERR_NOTFOUND) {
      reply_error(req, 404, "introuvable", err.zMsg, "code");
    } else {
      reply_error(req, 409, "donnees_absentes", err.zMsg, NULL);
    }
    return;
  }
  reply_header(req, "Cache-Control", "public, max-age=3600");
  reply_bytes(req, 200, "application/geo+json", z, n, NULL);
}
