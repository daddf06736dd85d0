/*
** workforce/api.c: /api/v1/praticiens…, the register as JSON: the same
** reads, the same record (fields.c) and the same writes (actions.c) as the
** pages.  Names are for agents; the public answers carry counts only,
** cells under 5 people hidden (wf_mask).
*/
#include <math.h>
#include <string.h>

#include "workforce/wf_int.h"

/* A count, or null when masked. */
static json_t *count_json(int n, int isMasked)
{
  return isMasked ? json_null() : json_integer(n);
}

/* Query parameter zName as a known commune or département code, "" when
** absent; NULL when refused (a 400 is queued). */
static const char *wf_query_code(Req *req, const char *zName, int isDep)
{
  const char *z = kit_query(req, zName);
  size_t n = strlen(z);
  if (!z[0]) return z;
  int isOk = isDep ? n >= 2 && n <= 3 : wf_commune_known(req_db(req), z);
  if (isOk) return z;
  Err err = {0};
  err_set(&err, ERR_INPUT, isDep ? "code de département invalide"
                                 : "commune inconnue");
  err_field(&err, zName);
  kit_reply_err(req, ERR_INPUT, &err);
  return NULL;
}

json_t *wf_demography_json(const WfDemo *d, int isPublic)
{
  unsigned char aMask[WF_NBAND > WF_NPROF ? WF_NBAND : WF_NPROF];
  int nMin = isPublic ? WF_MIN_CELL : 0;
  json_t *aProf = json_array();
  wf_mask(d->aProf, WF_NPROF, nMin, aMask);
  for (int i = 0; i < WF_NPROF; i++) {
    unsigned char aBandMask[WF_NBAND];
    wf_mask(d->aBand[i], WF_NBAND, nMin, aBandMask);
    json_t *aBand = json_array();
    for (int b = 0; b < WF_NBAND; b++) {
      json_array_append_new(aBand, json_pack(
          "{s:s, s:o, s:b}", "tranche", wf_band_labels[b], "effectif",
          count_json(d->aBand[i][b], aBandMask[b] ||
                                         (aMask[i] && d->aBand[i][b] > 0)),
          "masque", aBandMask[b] || (aMask[i] && d->aBand[i][b] > 0)));
    }
    json_array_append_new(aProf, json_pack(
        "{s:s, s:s, s:o, s:b, s:o, s:s}", "code", wf_professions[i].zCode,
        "libelle", wf_professions[i].zLabel, "effectif",
        count_json(d->aProf[i], aMask[i]), "masque", aMask[i], "tranches",
        aBand, "parametres_apl", wf_professions[i].zParams));
  }
  int isShareMasked = isPublic && d->nGpAged < WF_MIN_CELL;
  json_t *pShare = isShareMasked || d->nGpAged == 0
                       ? json_null()
                       : json_real((double)d->nGp60 / d->nGpAged);
  json_t *aProj = json_array();
  for (int s = 0; s < WF_NASSUME; s++) {
    int isKnownMasked = nMin && d->aKnown[s] > 0 && d->aKnown[s] < nMin;
    json_t *o = json_pack("{s:s, s:o, s:o}", "hypothese",
                          wf_retire_ages[s] ? "âge de départ"
                                            : "date déclarée, sinon 67 ans",
                          "age", wf_retire_ages[s]
                                     ? json_integer(wf_retire_ages[s])
                                     : json_null(),
                          "generalistes_places",
                          count_json(d->aKnown[s], isKnownMasked));
    for (int k = 0; k < 2; k++) {
      int a[2] = {d->aLeave[s][k], d->aKnown[s] - d->aLeave[s][k]};
      unsigned char m[2];
      wf_mask(a, 2, nMin, m);
      json_object_set_new(o, k ? "departs_10_ans" : "departs_5_ans",
                          count_json(a[0], m[0]));
    }
    json_array_append_new(aProj, o);
  }
  return json_pack(
      "{s:i, s:o, s:{s:o, s:o, s:o}, s:o, s:s, s:s}", "annee", d->year,
      "professions", aProf, "generalistes", "effectif",
      count_json(d->nGp, nMin && d->nGp > 0 && d->nGp < nMin), "age_connu",
      count_json(d->nGpAged, nMin && d->nGpAged > 0 && d->nGpAged < nMin),
      "part_60_ans_et_plus", pShare, "projection",
      aProj, "hypotheses",
      "départ l'année où l'âge est atteint (ou l'année de la date "
      "déclarée) ; personne ne s'installe ; sans année de naissance ni "
      "date, le praticien n'est pas compté dans la projection",
      "secret", isPublic ? "effectifs de 1 à 4 masqués (et une seconde "
                           "case quand une seule le serait)"
                         : "aucun (agent)");
}

/* GET /api/v1/praticiens?commune=&profession=&departement= (agents)
** ROUTE: GET /api/v1/praticiens agent api
*/
void wf_api_list(Req *req)
{
  Err err = {0};
  const char *zCommune = wf_query_code(req, "commune", 0);
  if (!zCommune) return;
  const char *zDep = wf_query_code(req, "departement", 1);
  if (!zDep) return;
  const char *zProf = kit_query(req, "profession");
  if (zProf[0] && !wf_profession(zProf)) {
    err_set(&err, ERR_INPUT, "profession inconnue (mg, dentiste, sage_femme, "
            "infirmier, kine)");
    err_field(&err, "profession");
    kit_reply_err(req, ERR_INPUT, &err);
    return;
  }
  int64_t nLimit = kit_query_int(req, "limite", WF_LIST_MAX);
  if (nLimit < 1 || nLimit > 10 * WF_LIST_MAX) {
    err_set(&err, ERR_INPUT, "limite entre 1 et %d", 10 * WF_LIST_MAX);
    err_field(&err, "limite");
    kit_reply_err(req, ERR_INPUT, &err);
    return;
  }
  WfPerson *a;
  int n;
  if (wf_people_list(req_db(req), req_arena(req), zCommune, zProf, zDep,
                     (int)nLimit + 1, &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  int isCut = n > nLimit;
  if (isCut) n = (int)nLimit;
  json_t *aOut = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(aOut, wf_person_json(&a[i]));
  reply_json(req, 200, json_pack("{s:o, s:i, s:b}", "praticiens", aOut,
                                 "total", n, "tronque", isCut));
}

/* GET /api/v1/praticiens/{id} (agents)
** ROUTE: GET /api/v1/praticiens/{id} agent api
*/
void wf_api_get(Req *req)
{
  WfPerson p;
  if (wf_person_or_404(req, &p)) return;
  reply_json(req, 200, wf_person_json(&p));
}

/* Read, save and answer the person (201 for a creation). */
static void wf_api_save(Req *req, WfPerson *p)
{
  Err err = {0};
  KitErrors e = {0};
  int isNew = p->id == 0;
  if (wf_person_read(req, p, &e)) {
    kit_reply_errors(req, &e);
    return;
  }
  int rc = wf_act_person_save(req, p, &err);
  if (!rc) rc = wf_person_get(req_db(req), req_arena(req), p->id, p, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, isNew ? 201 : 200, wf_person_json(p));
}

/* POST /api/v1/praticiens: a manual entry (agents)
** ROUTE: POST /api/v1/praticiens agent api
*/
void wf_api_create(Req *req)
{
  WfPerson p;
  memset(&p, 0, sizeof p);
  p.zOrigin = "manuel";
  p.fte = p.acts = NAN;
  wf_api_save(req, &p);
}

/* POST /api/v1/praticiens/{id}: the team's entries (agents); a JSON body
** changes the keys it holds.
** ROUTE: POST /api/v1/praticiens/{id} agent api
*/
void wf_api_update(Req *req)
{
  WfPerson p;
  if (wf_person_or_404(req, &p)) return;
  wf_api_save(req, &p);
}

/* GET /api/v1/praticiens/communes/{code}: counts and age bands (public),
** plus the people (agents).
** ROUTE: GET /api/v1/praticiens/communes/{code} public api
*/
void wf_api_commune(Req *req)
{
  Err err = {0};
  const char *zCode = req_arg(req, "code");
  WfDemo d;
  if (wf_commune_demography_or_404(req, zCode, &d)) return;
  int isAgent = wf_sees_names(req);
  json_t *o = wf_demography_json(&d, !isAgent);
  json_object_set_new(o, "commune", json_string(zCode));
  WfNoGp ng;
  if (wf_no_gp_of_commune(req_db(req), req_arena(req), zCode, &ng, &err)) {
    json_decref(o);
    reply_incident(req, &err);
    return;
  }
  json_object_set_new(o, "sans_medecin_traitant", !ng.zLevel ? json_null()
      : json_pack("{s:s, s:s, s:i, s:i, s:o, s:s}", "niveau", ng.zLevel,
                  "code", ng.zCode, "annee", ng.year, "patients",
                  (int)ng.patients, "part", isnan(ng.share) ? json_null()
                                                     : json_real(ng.share),
                  "origine", ng.zOrigin));
  if (isAgent) {
    WfPerson *a;
    int n;
    if (wf_people_list(req_db(req), req_arena(req), zCode, NULL, NULL, 0, &a,
                       &n, &err)) {
      json_decref(o);
      reply_incident(req, &err);
      return;
    }
    json_t *aOut = json_array();
    for (int i = 0; i < n; i++) {
      json_array_append_new(aOut, wf_person_json(&a[i]));
    }
    json_object_set_new(o, "praticiens", aOut);
  }
  reply_json(req, 200, o);
}

/* GET /api/v1/praticiens/demographie?departement= (public: masked)
** ROUTE: GET /api/v1/praticiens/demographie public api
*/
void wf_api_demography(Req *req)
{
  Err err = {0};
  const char *zDep = wf_query_code(req, "departement", 1);
  if (!zDep) return;
  WfDemo d;
  if (wf_demography(req_db(req), zDep, NULL, &d, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *o = wf_demography_json(&d, !wf_sees_names(req));
  json_object_set_new(o, "departement", zDep[0] ? json_string(zDep)
                                                : json_null());
  reply_json(req, 200, o);
}

/* Retirement age of the query ("age_retraite", 67 by default), or -1 with
** a 400 queued. */
int wf_query_retire_age(Req *req)
{
  int64_t age = kit_query_int(req, "age_retraite", 67);
  const char *z = kit_query(req, "age_retraite");
  if (age == 65 || age == 67 || age == 70) return (int)age;
  Err err = {0};
  err_set(&err, ERR_INPUT, "âge de départ invalide : %s (65, 67 ou 70)", z);
  err_field(&err, "age_retraite");
  kit_reply_err(req, ERR_INPUT, &err);
  return -1;
}

/* GET /api/v1/praticiens/radar?departement=&age_retraite= (agents)
** ROUTE: GET /api/v1/praticiens/radar agent api
*/
void wf_api_radar(Req *req)
{
  Err err = {0};
  const char *zDep = wf_query_code(req, "departement", 1);
  if (!zDep) return;
  int age = wf_query_retire_age(req);
  if (age < 0) return;
  WfRadar r;
  if (wf_radar(req_db(req), req_arena(req), zDep, age, &r, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *a = json_array();
  for (int i = 0; i < r.n; i++) {
    const WfRadarRow *w = &r.aRow[i];
    json_t *aCand = json_array();
    for (int k = 0; k < w->nCand; k++) {
      const WfCandidate *c = &w->aCand[k];
      json_array_append_new(aCand, json_pack(
          "{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id,
          "reference", c->zReference, "statut", c->zStatus, "projet",
          c->zProject, "territoire", c->zPlace, "date_souhaitee",
          c->zWished));
    }
    json_array_append_new(a, json_pack(
        "{s:o, s:o, s:i, s:f, s:s, s:f, s:f, s:b, s:o}", "praticien",
        wf_person_json(&w->p), "age", w->age ? json_integer(w->age)
                                             : json_null(),
        "annee_depart", w->leaveYear, "etp_retire", w->fte,
        "commune_touchee", w->eff.zCode, "apl_avant", w->eff.aplBase,
        "apl_apres", w->eff.aplAfter, "apl_officielle", w->eff.isOfficial,
        "dossiers_candidats", aCand));
  }
  reply_json(req, 200, json_pack(
      "{s:i, s:i, s:i, s:f, s:o, s:o}", "annee", r.year, "age_retraite",
      r.retireAge, "departs_proches", r.nNear, "seuil", r.threshold,
      "indisponible", r.zWhy ? json_string(r.zWhy) : json_null(), "radar",
      a));
}
