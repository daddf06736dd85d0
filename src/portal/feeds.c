/*
** portal/feeds.c: what the portal shows from the territory tables and the
** observatory: facts on a commune, the aggregates of a département or an
** EPCI over the stored vintages, and the home page's key figures.
**
** The portal never computes a class: a commune's comes from zoning_of()
** (zoning/zoning.h), an area's figures from the DREES table as published
** (store.c), and what lies outside the instance's territory is named so.  When a module has no data
** (nothing imported, no run stored), the feed says so and the pages print
** that in French: never a placeholder figure.  feeds_near.c does the same
** for centres, placements, aids and the partners directory.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "access/access.h"
#include "portal/portal.h"
#include "territory/lookup.h"
#include "web/web.h"
#include "zoning/zoning.h"

int portal_scope(Store *db, Arena *pArena, TerrScope *p)
{
  Err err = {0};
  if (terr_scope_load(db, pArena, p, &err) == 0 && p->nDep) return 0;
  /* no instance territory: the portal's own département setting, kept
  ** for instances set up before the territory was set once */
  PortalSettings set;
  memset(p, 0, sizeof *p);
  p->zSpec = p->zName = "";
  p->zJson = "[]";
  err_clear(&err);
  if (portal_settings_load(db, pArena, &set, &err) || !set.zTerritory[0]) {
    return 0;
  }
  LkPlace d;
  p->nDep = 1;
  p->azDep[0] = set.zTerritory;
  p->zSpec = set.zTerritory;
  p->zName = lookup_place(db, pArena, LK_DEPARTEMENT, set.zTerritory, &d,
                          &err) == 0 ? d.zName : set.zTerritory;
  p->zJson = arena_printf(pArena, "[\"%s\"]", set.zTerritory);
  return 0;
}

int portal_scope_has_commune(Store *db, const TerrScope *p,
                             const char *zCode)
{
  if (!p->nDep) return 1;
  return zCode && zCode[0] && terr_scope_has_commune(db, p, zCode);
}

/* Badge modifier and plain sentence of a zone level. */
static void zone_words(ZoneLevel level, const char **pzBadge,
                       const char **pzText)
{
  switch (level) {
  case ZONE_LEVEL_PRIORITY:
    *pzBadge = "sous-dense";
    *pzText = "Les médecins généralistes y manquent nettement : c'est là que "
              "les aides à l'installation sont les plus fortes et que vous "
              "êtes le plus attendu.";
    break;
  case ZONE_LEVEL_COMPLEMENT:
    *pzBadge = "intermediaire";
    *pzText = "L'offre de médecins généralistes y est fragile : une "
              "installation y est bienvenue et certaines aides s'y "
              "appliquent.";
    break;
  default:
    *pzBadge = "bien-dote";
    *pzText = "L'offre de médecins généralistes y est plus fournie "
              "qu'ailleurs ; les communes voisines en manquent peut-être.";
    break;
  }
}

void portal_feed_facts(Store *db, Arena *pArena, const char *zCode,
                       PortalFacts *p)
{
  Err err = {0};
  LkPlace c;
  memset(p, 0, sizeof *p);
  p->zName = p->zDep = p->zEpci = p->zEpciName = "";
  p->zZone = p->zZoneBadge = p->zZoneText = p->zZoneLabel = "";
  p->population = -1;
  p->lat = p->lon = p->apl = NAN;
  if (lookup_place(db, pArena, LK_COMMUNE, zCode, &c, &err) == 0) {
    p->hasPlace = 1;
    p->zName = c.zName;
    p->zDep = c.zDep;
    p->zEpci = c.zEpci;
    p->population = c.population;
    p->lat = c.lat;
    p->lon = c.lon;
    LkPlace e;
    err_clear(&err);
    if (c.zEpci[0] &&
        lookup_place(db, pArena, LK_EPCI, c.zEpci, &e, &err) == 0) {
      p->zEpciName = e.zName;
    }
  }
  TerrScope scope;
  portal_scope(db, pArena, &scope);
  p->isInside = portal_scope_has_commune(db, &scope, zCode);
  /* the one classification (zoning/zoning.h): the arrêté when imported,
  ** else the DREES APL labelled indicative; never our model's estimate */
  ZoneInfo z;
  err_clear(&err);
  if (zoning_of(db, pArena, zCode, NULL, &z, &err) ||
      z.level == ZONE_LEVEL_UNKNOWN) {
    return;
  }
  p->hasZone = 1;
  p->isOfficial = z.isOfficial;
  p->zZoneLabel = z.zLabel;
  /* the class's own words: the label up to its source */
  const char *zDash = strstr(z.zLabel, " — ");
  p->zZone = zDash ? arena_strndup(pArena, z.zLabel,
                                   (size_t)(zDash - z.zLabel))
                   : z.zLabel;
  zone_words(z.level, &p->zZoneBadge, &p->zZoneText);
  if (!isnan(z.apl)) {
    p->hasApl = 1;
    p->apl = z.apl;
    p->aplVintage = z.vintage;
  }
}

int portal_feed_vintages(Store *db, Arena *pArena, const char *zCodes,
                         PortalVintage **pa)
{
  Err err = {0};
  *pa = NULL;
  if (!zCodes || strcmp(zCodes, "[]") == 0) return 0;
  AccParams par = acc_params_default();
  int n = portal_drees_vintages(db, pArena, zCodes, par.zoneSousDense,
                                par.zoneBienDote, pa, &err);
  return n < 0 ? 0 : n;
}

/* n with a narrow no-break space every three digits ("12 345"). */
static const char *fmt_int(Arena *pArena, int64_t n)
{
  char zDigits[32], zOut[64];
  snprintf(zDigits, sizeof zDigits, "%lld", (long long)(n < 0 ? -n : n));
  int nD = (int)strlen(zDigits), j = 0;
  if (n < 0) zOut[j++] = '-';
  for (int i = 0; i < nD; i++) {
    if (i > 0 && (nD - i) % 3 == 0) {
      memcpy(&zOut[j], "\xe2\x80\xaf", 3);    /* U+202F */
      j += 3;
    }
    zOut[j++] = zDigits[i];
  }
  zOut[j] = 0;
  return arena_strdup(pArena, zOut);
}

/* x with one decimal and a decimal comma ("2,7"). */
static const char *fmt_dec1(Arena *pArena, double x)
{
  char z[32];
  snprintf(z, sizeof z, "%.1f", x);
  char *c = strchr(z, '.');
  if (c) *c = ',';
  return arena_strdup(pArena, z);
}

int portal_feed_figures(Store *db, Arena *pArena, const TerrScope *pScope,
                        PortalFigure **pa, const char **pzWhy)
{
  PortalVintage *aV;
  *pa = NULL;
  *pzWhy = "";
  if (!pScope->nDep) {
    *pzWhy = "Aucune donnée pour l'instant : le territoire de l'instance "
             "n'est pas encore réglé (administration, « Instance »).";
    return 0;
  }
  int nV = portal_feed_vintages(db, pArena, pScope->zJson, &aV);
  if (nV == 0) {
    *pzWhy = "Aucune donnée pour l'instant : l'APL de la DREES n'a pas "
             "encore été importée pour ce territoire.";
    return 0;
  }
  const PortalVintage *v = &aV[nV - 1];
  PortalFigure *aF = arena_alloc(pArena, 3 * sizeof *aF);
  const char *zSrc = arena_printf(pArena, "APL de la DREES %d, %s (%d "
                                  "communes) ; classement indicatif, zonage "
                                  "officiel de l'ARS non repris ici",
                                  v->vintage, pScope->zName, v->nCommune);
  aF[0].zValue = arena_printf(pArena, "%d sur %d", v->nSousDense,
                              v->nCommune);
  aF[0].zLabel = "communes sous-denses (APL inférieure à 2,5)";
  aF[0].zSource = zSrc;
  aF[1].zValue = fmt_int(pArena, v->popSousDense);
  aF[1].zLabel = "habitants vivent dans une commune sous-dense";
  aF[1].zSource = zSrc;
  aF[2].zValue = fmt_dec1(pArena, v->apl);
  aF[2].zLabel = "consultations de généraliste par habitant et par an "
                 "(APL moyenne du territoire, tous âges)";
  aF[2].zSource = zSrc;
  *pa = aF;
  return 3;
}

/* True when some route table serves GET zPath as a literal pattern. */
int portal_feed_has_route(const char *zPath)
{
  const Route *const *aTables = web_routes();
  for (int t = 0; aTables[t]; t++) {
    for (const Route *r = aTables[t]; r->zMethod; r++) {
      if (strcmp(r->zMethod, "GET") == 0 && strcmp(r->zPattern, zPath) == 0) {
        return 1;
      }
    }
  }
  return 0;
}
