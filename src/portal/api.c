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
#include "web/kit_json.h"
#include "zoning/zoning.h"

/* ---- one record as JSON (kit_json_array) ------------------------------- */

static json_t *event_json(const void *p)
{
  return portal_event_json(p);
}

/* A published page as the home lists it: its address and title. */
static json_t *page_link_json(const void *p)
{
  const PortalPage *pg = p;
  return json_pack("{s:s, s:s}", "slug", pg->zSlug, "titre", pg->zTitle);
}

static json_t *figure_json(const void *p)
{
  const PortalFigure *f = p;
  return json_pack("{s:s, s:s, s:s}", "valeur", f->zValue, "libelle",
                   f->zLabel, "source", f->zSource);
}

static json_t *aid_json(const void *p)
{
  const PortalAid *x = p;
  return json_pack("{s:s, s:s, s:s, s:b}", "id", x->zId, "nom", x->zName,
                   "montant", x->zMoney, "a_verifier", x->isToCheck);
}

static json_t *near_json(const void *p)
{
  const PortalNear *x = p;
  return json_pack("{s:s, s:s, s:s, s:f, s:b}", "type", x->zKind, "nom",
                   x->zName, "commune", x->zWhere, "km", x->km,
                   "hors_territoire", x->isOutside);
}

static json_t *partner_json(const void *p)
{
  const PortalPartner *x = p;
  return json_pack("{s:s, s:s, s:s, s:s}", "besoin", x->zNeed, "nom",
                   x->zName, "courriel", x->zEmail, "telephone", x->zPhone);
}

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
  json_t *pEv = kit_json_array(aEv, nEv, sizeof *aEv, event_json);
  json_t *pPg = kit_json_array(aPg, nPg, sizeof *aPg, page_link_json);
  PortalFigure *aFig;
  const char *zWhy;
  TerrScope scope;
  portal_scope(db, a, &scope);
  int nFig = portal_feed_figures(db, a, &scope, &aFig, &zWhy);
  json_t *pFig = kit_json_array(aFig, nFig, sizeof *aFig, figure_json);
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
  kit_reply_list(req, "evenements", a, n, sizeof *a, event_json);
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
  json_object_set_new(o, "aides", kit_json_array(aA, nA, sizeof *aA,
                                                  aid_json));
  PortalNear *aN;
  int nN = portal_feed_near(db, a, zCode, f.zEpci[0] ? f.zEpci : NULL,
                            f.lat, f.lon, &aN);
  json_object_set_new(o, "structures", kit_json_array(aN, nN, sizeof *aN,
                                                      near_json));
  PortalPartner *aP;
  int nP = portal_feed_partners(db, a, zCode, f.zEpci[0] ? f.zEpci : NULL,
                                &aP);
  json_object_set_new(o, "partenaires", kit_json_array(aP, nP, sizeof *aP,
                                                       partner_json));
  reply_json(req, 200, o);
}
