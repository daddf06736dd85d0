/*
** portal/api.c: /api/v1/portail, the JSON mirror of the public portal.
**
** Same store calls, field tables (fields.c) and writes (actions.c) as the
** pages; keys in French snake_case (docs/conventions.md); errors take the
** common shape {"error":{"code","message","field","errors"}}.
*/
#include <stdio.h>
#include <string.h>

#include "portal/web_int.h"
#include "zoning/zoning.h"

/* GET /api/v1/portail: the territory's public settings, upcoming events
** and published pages.
** ROUTE: GET /api/v1/portail public api
*/
void portal_api_home(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  PortalSettings set;
  PortalEvent *aEv;
  PortalPage *aPg;
  int nEv, nPg;
  if (portal_home_lists(req, &aEv, &nEv, &aPg, &nPg)) return;
  if (portal_settings_load(db, a, &set, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *pSet = portal_settings_json(&set);
  json_t *pEv = json_array(), *pPg = json_array();
  for (int i = 0; i < nEv; i++) {
    json_array_append_new(pEv, portal_event_json(&aEv[i]));
  }
  for (int i = 0; i < nPg; i++) {
    json_array_append_new(pPg, json_pack("{s:s, s:s}", "slug", aPg[i].zSlug,
                                         "titre", aPg[i].zTitle));
  }
  PortalFigure *aFig;
  const char *zWhy;
  TerrScope scope;
  portal_scope(db, a, &scope);
  int nFig = portal_feed_figures(db, a, &scope, &aFig, &zWhy);
  json_t *pFig = json_array();
  for (int i = 0; i < nFig; i++) {
    json_array_append_new(pFig, json_pack("{s:s, s:s, s:s}", "valeur",
                                          aFig[i].zValue, "libelle",
                                          aFig[i].zLabel, "source",
                                          aFig[i].zSource));
  }
  reply_json(req, 200, json_pack("{s:o, s:o, s:o, s:o, s:s}", "territoire",
                                 pSet, "evenements", pEv, "pages", pPg,
                                 "chiffres", pFig, "chiffres_note", zWhy));
}

/* GET /api/v1/portail/evenements: upcoming published events.
** ROUTE: GET /api/v1/portail/evenements public api
*/
void portal_api_events(Req *req)
{
  PortalEvent *a;
  int n;
  if (portal_upcoming_events(req, &a, &n)) return;
  json_t *pArr = json_array();
  for (int i = 0; i < n; i++) {
    json_array_append_new(pArr, portal_event_json(&a[i]));
  }
  reply_json(req, 200, json_pack("{s:o}", "evenements", pArr));
}

/* POST /api/v1/portail/evenements/{id}/inscriptions
** {"nom","courriel","profil","consentement":true} -> 201 {"id",
** "evenement_id"}.  The same field table and the same write as the page
** (fields.c, actions.c); every refused field in "errors".
** ROUTE: POST /api/v1/portail/evenements/{id}/inscriptions public api limited
*/
void portal_api_register(Req *req)
{
  Err err = {0};
  PortalEvent e;
  PortalRegistration r;
  KitErrors ke = {0};
  if (!portal_event_or_404(req, &e)) return;
  int64_t id = e.id;
  if (portal_read_registration(req, id, &r, &ke)) {
    kit_reply_errors(req, &ke);
    return;
  }
  int rc = portal_act_register(req, &e, &r, &err);
  if (rc == ERR_INPUT) {
    portal_kit_error(req, &ke, &err);
    kit_reply_errors(req, &ke);
    return;
  }
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  /* the same answer for a new and a known address: no oracle */
  reply_json(req, 201, json_pack("{s:I, s:s}", "evenement_id", (json_int_t)id,
                                 "statut", "inscription_enregistree"));
}

/* GET /api/v1/portail/pages/{slug}: a published page, Markdown and HTML.
** ROUTE: GET /api/v1/portail/pages/{slug} public api
*/
void portal_api_page(Req *req)
{
  Err err = {0};
  PortalPage pg;
  int rc = portal_page_by_slug(req_db(req), req_arena(req),
                               req_arg(req, "slug"), &pg, &err);
  if (rc == 0 && !pg.isPublished) rc = ERR_NOTFOUND;
  if (rc == ERR_NOTFOUND) err_set(&err, ERR_NOTFOUND, "Page introuvable.");
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  json_t *o = portal_page_json(&pg);
  json_object_set_new(o, "html", json_string(md_to_html(req_arena(req),
                                                             pg.zBodyMd)));
  reply_json(req, 200, o);
}

/* GET /api/v1/portail/communes/{code}: the fiche and the observatory's
** facts (null when not computed).
** ROUTE: GET /api/v1/portail/communes/{code} public api
*/
void portal_api_commune(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  PortalCommune c;
  PortalFacts f;
  int hasFiche;
  if (portal_commune_or_404(req, &c, &f, &hasFiche)) return;
  const char *zCode = c.zCode;
  json_t *o = portal_commune_json(&c);
  json_object_set_new(o, "a_une_fiche", json_boolean(hasFiche));
  json_object_set_new(o, "code_epci", json_string(f.zEpci));
  ZoneInfo z;
  Err errZ = {0};
  json_object_set_new(o, "zone", zoning_of(db, a, zCode, NULL, &z, &errZ) == 0
                                     ? zoning_json(&z) : json_null());
  json_object_set_new(o, "hors_territoire", json_boolean(!f.isInside));
  json_object_set_new(o, "apl", f.hasApl ? json_real(f.apl) : json_null());
  json_object_set_new(o, "millesime_apl", f.hasApl
                                            ? json_integer(f.aplVintage)
                                            : json_null());
  PortalAid *aA;
  const char *zWhy;
  const char *azCode[1] = {zCode};
  int nA = portal_feed_aids(db, a, azCode, 1, &aA, &zWhy);
  json_t *pAids = json_array();
  for (int i = 0; i < nA; i++) {
    json_array_append_new(pAids, json_pack("{s:s, s:s, s:s, s:b}",
        "id", aA[i].zId, "nom", aA[i].zName, "montant", aA[i].zMoney,
        "a_verifier", aA[i].isToCheck));
  }
  json_object_set_new(o, "aides", pAids);
  PortalNear *aN;
  int nN = portal_feed_near(db, a, zCode, f.zEpci[0] ? f.zEpci : NULL,
                            f.lat, f.lon, &aN);
  json_t *pNear = json_array();
  for (int i = 0; i < nN; i++) {
    json_array_append_new(pNear, json_pack("{s:s, s:s, s:s, s:f, s:b}",
        "type", aN[i].zKind, "nom", aN[i].zName, "commune", aN[i].zWhere,
        "km", aN[i].km, "hors_territoire", aN[i].isOutside));
  }
  json_object_set_new(o, "structures", pNear);
  PortalPartner *aP;
  int nP = portal_feed_partners(db, a, zCode, f.zEpci[0] ? f.zEpci : NULL,
                                &aP);
  json_t *pPart = json_array();
  for (int i = 0; i < nP; i++) {
    json_array_append_new(pPart, json_pack("{s:s, s:s, s:s, s:s}",
        "besoin", aP[i].zNeed, "nom", aP[i].zName, "courriel", aP[i].zEmail,
        "telephone", aP[i].zPhone));
  }
  json_object_set_new(o, "partenaires", pPart);
  reply_json(req, 200, o);
}
