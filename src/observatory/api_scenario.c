/*
** observatory/api_scenario.c: the what-if, saved scenarios, siting and
** forecast parts of the JSON API (docs/api.md).
**
** Writes (POST) need the agent role and the CSRF header; every write is
** audited in its transaction.  A refused scenario names its field
** (changements[K].code, changements[K].etp, nom) and writes nothing.
*/
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_api.h"
#include "web/kit.h"
#include "workforce/workforce.h"

/* ---- changes from a JSON body ------------------------------------------ */

/* Member zKey of object o, else its former spelling zOld (the answer is
** then marked deprecated: docs/conventions.md, « Former spellings »). */
static json_t *json_get_or_old(Req *req, json_t *o, const char *zKey,
                               const char *zOld)
{
  json_t *p = json_object_get(o, zKey);
  if (!p && (p = json_object_get(o, zOld)) != NULL) kit_deprecated(req);
  return p;
}

/*
** body.changements: [{code, etp (number or "1,5"), antenne (bool),
** structure ("msp", "centre_sante": opened with etp GPs)}] into
** a malloc'd array ("changes" and "fte", the former spellings, still
** read).  On failure a 400 naming the field is queued and -1 returned.
*/
static int changes_or_reply(Req *req, json_t *pBody, ObsChange **paOut,
                            int *pn)
{
  json_t *a = json_get_or_old(req, pBody, "changements", "changes"), *c;
  Err err = {0};
  char zField[64];
  size_t k;
  *paOut = NULL;
  *pn = 0;
  if (!json_is_array(a) || json_array_size(a) == 0 ||
      json_array_size(a) > 1000) {
    reply_error(req, 400, "saisie_invalide", "« changements » doit être "
                "une liste de 1 à 1000 modifications", "changements");
    return -1;
  }
  ObsChange *aC = xcalloc(json_array_size(a), sizeof(ObsChange));
  json_array_foreach(a, k, c) {
    json_t *pCode = json_object_get(c, "code");
    json_t *pFte = json_get_or_old(req, c, "etp", "fte");
    json_t *pAnt = json_object_get(c, "antenne");
    snprintf(zField, sizeof zField, "changements[%zu].code", k);
    if (!json_is_string(pCode) ||
        json_string_length(pCode) >= sizeof aC[k].zCode) {
      reply_error(req, 400, "saisie_invalide", "code de commune manquant ou "
                  "invalide", zField);
      goto fail;
    }
    snprintf(aC[k].zCode, sizeof aC[k].zCode, "%s", json_string_value(pCode));
    snprintf(zField, sizeof zField, "changements[%zu].etp", k);
    if (json_is_number(pFte)) {
      aC[k].fte = json_number_value(pFte);
    } else if (!json_is_string(pFte) ||
               obs_fte_parse(json_string_value(pFte), zField, &aC[k].fte,
                             &err)) {
      char zMsg[160];
      snprintf(zMsg, sizeof zMsg, "nombre d'ETP non numérique : « %.40s »",
               json_is_string(pFte) ? json_string_value(pFte) : "");
      reply_error(req, 400, "saisie_invalide", zMsg, zField);
      goto fail;
    }
    aC[k].isAntenna = json_is_true(pAnt);
    /* a structure opened with its GP FTE (« une MSP de 3 ETP à Autun ») */
    json_t *pStruct = json_object_get(c, "structure");
    snprintf(zField, sizeof zField, "changements[%zu].structure", k);
    if (pStruct && !json_is_null(pStruct) &&
        (!json_is_string(pStruct) ||
         !obs_structure_known(json_string_value(pStruct)))) {
      reply_error(req, 400, "saisie_invalide", "structure inconnue : "
                  "« msp » (maison de santé) ou « centre_sante » attendu",
                  zField);
      goto fail;
    }
    if (json_is_string(pStruct)) {
      snprintf(aC[k].zStructure, sizeof aC[k].zStructure, "%s",
               json_string_value(pStruct));
    }
  }
  *paOut = aC;
  *pn = (int)json_array_size(a);
  return 0;
fail:
  free(aC);
  return -1;
}

/* The structures the changes open, each with its effect's label. */
static json_t *structures_json(const ObsModel *m, const ObsChange *aC, int n)
{
  json_t *a = json_array();
  for (int k = 0; k < n; k++) {
    if (!aC[k].zStructure[0]) continue;
    int i = obs_node_find(m, aC[k].zCode);
    json_array_append_new(a, json_pack(
        "{s:s, s:s, s:s, s:s, s:f, s:s}", "type", aC[k].zStructure,
        "libelle_type", wf_kind_label(aC[k].zStructure), "commune",
        i >= 0 ? m->in.azCode[i] : aC[k].zCode, "nom_commune",
        i >= 0 && m->in.azName[i] ? m->in.azName[i] : "", "etp", aC[k].fte,
        "effet", "estimation oasis"));
  }
  return a;
}

static json_t *whatif_json(const ObsModel *m, const ObsWhatIf *w,
                           const ObsChange *aC, int nC)
{
  json_t *a = json_array(), *aZ = json_array();
  const AccParams *p = &m->key.params;
  for (int k = 0; k < w->nDelta; k++) {
    const ObsDelta *d = &w->aDelta[k];
    int i = d->iNode;
    /* apl_*: « APL officielle + effet simulé »; the model's own values
    ** under apl_estimation_* */
    json_t *o = json_pack(
        "{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:o}", "code",
        m->in.azCode[i], "nom", m->in.azName[i] ? m->in.azName[i] : "",
        "apl_avant", oapi_num(d->refBefore), "apl_apres",
        oapi_num(d->refAfter), "effet_simule",
        oapi_num(d->aplAfter - d->aplBefore), "apl_estimation_avant",
        oapi_num(d->aplBefore), "apl_estimation_apres", oapi_num(d->aplAfter),
        "zone_avant", obs_zone_indicative(p, d->refBefore), "zone_apres",
        obs_zone_indicative(p, d->refAfter), "population",
        oapi_num(m->in.aPop[i]));
    if (d->zoneBefore != d->zoneAfter) json_array_append(aZ, o);
    json_array_append_new(a, o);
  }
  char zBase[64] = "APL officielle";
  if (m->refVintage) {
    snprintf(zBase, sizeof zBase, "APL DREES %d", m->refVintage);
  }
  json_t *o = json_pack(
      "{s:i, s:f, s:i, s:o, s:o, s:o, s:o}", "communes_recalculees",
      w->nRecomputed, "secondes", w->seconds, "changements_de_zone",
      w->nZoneChanged, "population_sortie_sous_dense",
      oapi_num(w->popLifted), "population_entree_sous_dense",
      oapi_num(w->popLowered), "communes", a, "communes_changeant_de_zone",
      aZ);
  json_object_set_new(o, "methode", json_pack(
      "{s:s, s:s}", "base", zBase, "libelle",
      "APL officielle + effet simulé : la valeur publiée par la DREES plus "
      "la différence que le modèle d'oasis calcule entre le scénario et "
      "la situation actuelle ; classes indicatives"));
  json_object_set_new(o, "structures_ajoutees", structures_json(m, aC, nC));
  return o;
}

/* Reply to a what-if refusal (400 naming the field). */
static void whatif_refused(Req *req, const Err *err)
{
  if (err->code == ERR_INPUT || err->code == ERR_NOTFOUND) {
    reply_error(req, 400, "saisie_invalide", err->zMsg, err->zField);
  } else {
    reply_incident(req, err);
  }
}

/* POST /api/v1/scenarios/simulation {changes}: run without saving.
** ROUTE: POST /api/v1/scenarios/simulation lecteur api
*/
void oapi_simulate(Req *req)
{
  ObsChange *aC;
  int n;
  ObsWhatIf w;
  Err err = {0};
  if (changes_or_reply(req, req_json(req), &aC, &n)) return;
  ObsModel *m = oapi_model_or_reply(req);
  if (!m) goto done;
  if (obs_whatif_run(m, aC, n, &w, &err)) {
    whatif_refused(req, &err);
  } else {
    json_t *o = whatif_json(m, &w, aC, n);
    oapi_meta(m, o);
    reply_json(req, 200, o);
    obs_whatif_free(&w);
  }
done:
  obs_model_release(m);
  free(aC);
}

/* ROUTE: GET /api/v1/scenarios lecteur api */
void oapi_scenario_list(Req *req)
{
  ObsScenario *a;
  int n = obs_scenario_list(req_db(req), &a);
  json_t *aJ = json_array();
  for (int k = 0; k < n; k++) json_array_append_new(aJ, oapi_scenario_head_json(&a[k]));
  obs_scenario_list_free(a, n);
  reply_json(req, 200, json_pack("{s:o}", "scenarios", aJ));
}

/* POST /api/v1/scenarios {nom, changes}: save (201 with its id).
** ROUTE: POST /api/v1/scenarios agent api
*/
void oapi_scenario_create(Req *req)
{
  json_t *pBody = req_json(req);
  ObsChange *aC;
  int n;
  Err err = {0};
  int64_t id = 0;
  const char *zName = json_string_value(json_object_get(pBody, "nom"));
  if (changes_or_reply(req, pBody, &aC, &n)) return;
  ObsModel *m = oapi_model_or_reply(req);
  if (!m) goto done;
  int rc = obs_act_scenario_create(req, m, zName, aC, n, &id, &err);
  if (rc) {
    if (!strcmp(err.zField, "name")) snprintf(err.zField, 64, "nom");
    whatif_refused(req, &err);
  } else {
    char zLoc[64];
    snprintf(zLoc, sizeof zLoc, "/api/v1/scenarios/%lld", (long long)id);
    reply_header(req, "Location", zLoc);
    reply_json(req, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id,
                                   "url", zLoc));
  }
done:
  obs_model_release(m);
  free(aC);
}

/* The id path argument; -1 with a 404 queued when not a scenario id. */
static int64_t id_or_reply(Req *req, const char *zId)
{
  long v;
  if (!zId || str_to_long(zId, &v) || v <= 0) {
    char zMsg[120];
    snprintf(zMsg, sizeof zMsg, "scénario inconnu : « %.40s »",
             zId ? zId : "");
    reply_error(req, 404, "introuvable", zMsg, "id");
    return -1;
  }
  return v;
}

/*
** Scenario id loaded and run on the snapshot of its own key.  On success
** *pm holds a reference (release it) and *pw the result; else a reply
** is queued and -1 returned.
*/
static int scenario_run_or_reply(Req *req, int64_t id, ObsScenario *s,
                                 ObsModel **pm, ObsWhatIf *pw)
{
  Err err = {0};
  *pm = NULL;
  if (obs_scenario_load(req_db(req), id, s, &err)) {
    char zMsg[120];
    snprintf(zMsg, sizeof zMsg, "scénario inconnu : « %lld »", (long long)id);
    reply_error(req, 404, "introuvable", zMsg, "id");
    return -1;
  }
  if (!(*pm = obs_model_get(req_db(req), &s->key, &err))) {
    reply_error(req, 409, "donnees_absentes", err.zMsg, "millesime");
    obs_scenario_clear(s);
    return -1;
  }
  if (obs_whatif_run(*pm, s->aChange, s->nChange, pw, &err)) {
    /* data changed since it was saved (e.g. fewer GPs): say so */
    reply_error(req, 409, "conflit", err.zMsg, err.zField);
    obs_model_release(*pm);
    obs_scenario_clear(s);
    return -1;
  }
  return 0;
}

static json_t *scenario_full_json(const ObsModel *m, const ObsScenario *s,
                                  const ObsWhatIf *w)
{
  json_t *o = oapi_scenario_head_json(s), *aC = json_array();
  for (int k = 0; k < s->nChange; k++) {
    const ObsChange *c = &s->aChange[k];
    json_array_append_new(aC, json_pack("{s:s, s:f, s:b, s:o}", "code",
                          c->zCode, "etp", c->fte, "antenne", c->isAntenna,
                          "structure", c->zStructure[0]
                                           ? json_string(c->zStructure)
                                           : json_null()));
  }
  json_object_set_new(o, "changements", aC);
  json_object_set_new(o, "resultat",
                      whatif_json(m, w, s->aChange, s->nChange));
  json_object_set_new(o, "provenance", json_string(m->zProvenance));
  return o;
}

/* GET /api/v1/scenarios/{id}: the scenario and its result.
** ROUTE: GET /api/v1/scenarios/{id} lecteur api
*/
void oapi_scenario_get(Req *req)
{
  int64_t id = id_or_reply(req, req_arg(req, "id"));
  ObsScenario s;
  ObsModel *m;
  ObsWhatIf w;
  if (id < 0 || scenario_run_or_reply(req, id, &s, &m, &w)) return;
  reply_json(req, 200, scenario_full_json(m, &s, &w));
  obs_whatif_free(&w);
  obs_scenario_clear(&s);
  obs_model_release(m);
}

/* GET /api/v1/scenarios/comparaison?ids=1,2[,…]: side by side.
** ROUTE: GET /api/v1/scenarios/comparaison lecteur api
*/
void oapi_scenario_compare(Req *req)
{
  const char *zIds = req_query(req, "ids");
  json_t *a = json_array();
  int n = 0;
  while (zIds && *zIds && n < 10) {
    char zOne[24];
    size_t k = strcspn(zIds, ",");
    snprintf(zOne, sizeof zOne, "%.*s", (int)(k < 23 ? k : 23), zIds);
    int64_t id = id_or_reply(req, zOne);
    ObsScenario s;
    ObsModel *m;
    ObsWhatIf w;
    if (id < 0 || scenario_run_or_reply(req, id, &s, &m, &w)) {
      json_decref(a);
      return;
    }
    json_t *o = scenario_full_json(m, &s, &w);
    json_array_append_new(a, o);
    obs_whatif_free(&w);
    obs_scenario_clear(&s);
    obs_model_release(m);
    n++;
    zIds += k + (zIds[k] == ',');
  }
  if (n < 2) {
    json_decref(a);
    reply_error(req, 400, "saisie_invalide", "indiquez au moins deux scénarios "
                "(ids=1,2)", "ids");
    return;
  }
  reply_json(req, 200, json_pack("{s:o}", "scenarios", a));
}

/* ROUTE: POST /api/v1/scenarios/{id}/suppression agent api */
void oapi_scenario_delete(Req *req)
{
  int64_t id = id_or_reply(req, req_arg(req, "id"));
  Err err = {0};
  if (id < 0) return;
  int rc = obs_act_scenario_delete(req, id, &err);
  if (rc == ERR_NOTFOUND) {
    char zMsg[120];
    snprintf(zMsg, sizeof zMsg, "scénario inconnu : « %lld »", (long long)id);
    reply_error(req, 404, "introuvable", zMsg, "id");
  } else if (rc) {
    reply_incident(req, &err);
  } else {
    reply_json(req, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id,
                                   "supprime", 1));
  }
}

/* ---- siting -------------------------------------------------------------- */

/* Parse "departement:24" (or niveau= & code=) into an area of m. */
int oapi_territory_or_reply(Req *req, const ObsModel *m, int *piArea)
{
  const char *zT = req_query(req, "territoire");
  char zLevel[24] = "france";
  const char *zCode = NULL;
  int iNode;
  if (zT) {
    const char *p = strchr(zT, ':');
    size_t n = p ? (size_t)(p - zT) : strlen(zT);
    snprintf(zLevel, sizeof zLevel, "%.*s", (int)(n < 23 ? n : 23), zT);
    zCode = p ? p + 1 : NULL;
  }
  if (oapi_area_or_reply(req, m, zLevel, zCode, piArea, &iNode)) return -1;
  if (*piArea < 0) {
    reply_error(req, 400, "saisie_invalide", "choisissez un territoire "
                "(departement:CODE, epci:SIREN, region:CODE)", "territoire");
    return -1;
  }
  return 0;
}

/* GET /api/v1/implantation?territoire=departement:24&etp=1&k=10
** ROUTE: GET /api/v1/implantation public api
*/
void oapi_siting(Req *req)
{
  const char *zFte = req_query(req, "etp"), *zK = req_query(req, "k");
  const char *zFmt = req_query(req, "format");
  double fte = 1;
  long k = 10;
  Err err = {0};
  ExpFormat fmt = EXP_CSV;
  if (zFte && obs_fte_parse(zFte, "etp", &fte, &err)) {
    reply_input_error(req, &err);
    return;
  }
  if (zK && (str_to_long(zK, &k) || k < 1 || k > 100)) {
    reply_error(req, 400, "saisie_invalide", "k : nombre de sites entre 1 et 100",
                "k");
    return;
  }
  if (zFmt && obs_format_parse(zFmt, &fmt)) {
    reply_error(req, 400, "saisie_invalide", "format : csv, xlsx ou geojson",
                "format");
    return;
  }
  ObsModel *m = oapi_model_or_reply(req);
  int iArea;
  if (!m) return;
  if (oapi_territory_or_reply(req, m, &iArea)) goto done;
  if (m->aArea[iArea].level == OBS_FRANCE) {
    reply_error(req, 400, "saisie_invalide", "l'implantation se "
                "calcule par région, département ou EPCI", "territoire");
    goto done;
  }
  ObsSitePick *aPick = xmalloc(sizeof *aPick * (size_t)k), *aRank = NULL;
  int nPick = obs_siting_run(m, iArea, fte, (int)k, aPick, &err);
  int nRank = nPick < 0 ? -1 : obs_siting_rank(m, iArea, fte, &aRank, &err);
  if (nPick < 0 || nRank < 0) {
    if (err.code == ERR_INPUT) reply_input_error(req, &err);
    else reply_incident(req, &err);
  } else if (zFmt) {
    ObsExport b = {0};
    int rc = obs_export_siting(m, iArea, fte, aPick, nPick, fmt, &b, &err);
    oapi_reply_export(req, rc, fmt, &b, &err);
  } else {
    json_t *aP = json_array(), *aR = json_array();
    for (int j = 0; j < nPick + nRank; j++) {
      const ObsSitePick *p = j < nPick ? &aPick[j] : &aRank[j - nPick];
      if (j >= nPick && j - nPick >= 50) break;      /* top 50 */
      Str sWhy = STR_INIT;
      obs_site_reason(m, p, &sWhy);
      json_t *aNames = json_array();
      for (int q = 0; q < p->nZoneChanged && q < OBS_SITE_NAMED; q++) {
        int i = p->aLifted[q];
        json_array_append_new(aNames, json_pack("{s:s, s:s}", "code",
                              m->in.azCode[i], "nom",
                              m->in.azName[i] ? m->in.azName[i] : ""));
      }
      json_array_append_new(j < nPick ? aP : aR, json_pack(
          "{s:s, s:s, s:o, s:o, s:i, s:o, s:o, s:o, s:o, s:s}", "code",
          m->in.azCode[p->iNode], "nom",
          m->in.azName[p->iNode] ? m->in.azName[p->iNode] : "",
          "population_sortie_sous_dense", oapi_num(p->popLifted),
          "deficit_reduit", oapi_num(p->shortfallCut), "communes_sorties",
          p->nZoneChanged, "communes_sorties_noms", aNames, "apl_avant",
          oapi_num(p->aplBefore), "apl_apres", oapi_num(p->aplAfter),
          "bassin_population", oapi_num(p->catchment), "raison",
          str_text(&sWhy)));
      str_free(&sWhy);
    }
    json_t *o = json_pack("{s:o, s:f, s:i, s:o, s:o}", "territoire",
                          oapi_area_json(m, iArea), "etp", fte, "k", (int)k,
                          "choix", aP, "classement", aR);
    json_object_set_new(o, "objectif", json_pack(
        "{s:s, s:f, s:f}", "libelle", OBS_SITING_OBJECTIVE,
        "bassin_minimum", OBS_SITING_MIN_CATCHMENT, "seuil",
        m->key.params.zoneSousDense));
    oapi_meta(m, o);
    reply_json(req, 200, o);
  }
  free(aPick);
  free(aRank);
done:
  obs_model_release(m);
}

/* ---- forecast (commune sheet) -------------------------------------------- */

json_t *oapi_forecast_json(Req *req, const ObsModel *m, int i)
{
  const char *zAge = req_query(req, "age_retraite");
  long age = OBS_RETIRE_AGE_DEFAULT;
  ObsForecast f;
  Err err = {0};
  if (zAge && (str_to_long(zAge, &age) || age < 50 || age > 90)) {
    age = OBS_RETIRE_AGE_DEFAULT;
  }
  if (obs_forecast_run(req_db(req), m, (int)age, &f, &err)) {
    return json_null();
  }
  json_t *aY = json_array();
  for (int k = 0; f.hasAges && k < 2; k++) {
    /* « APL officielle + effet simulé », its class indicative */
    double apl = obs_anchored(m, i, f.aApl[k][i]);
    json_t *o = json_pack("{s:i, s:i, s:o, s:o, s:o, s:s}", "dans_ans",
                          f.aYears[k], "annee", f.aYear[k], "apl",
                          oapi_num(apl), "effet_simule",
                          oapi_num(f.aApl[k][i] - m->aApl[i]),
                          "apl_estimation", oapi_num(f.aApl[k][i]), "zone",
                          obs_zone_indicative(&m->key.params, apl));
    /* the departures (national), by where their year comes from */
    json_object_set_new(o, "departs", json_pack("{s:i, s:i, s:i}", "total",
                        f.aGoneDeclared[k] + f.aGoneAssumed[k],
                        "date_declaree", f.aGoneDeclared[k], "hypothese_age",
                        f.aGoneAssumed[k]));
    json_array_append_new(aY, o);
  }
  json_t *o = json_pack("{s:b, s:i, s:i, s:s, s:o}", "ages_connus",
                        f.hasAges, "age_retraite", f.retireAge,
                        "dates_declarees", f.nDeclared, "note", f.zNote,
                        "projections", aY);
  obs_forecast_free(&f);
  return o;
}
