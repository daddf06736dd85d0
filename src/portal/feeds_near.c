/*
** portal/feeds_near.c: what a candidate finds around a commune, read
** through the other modules' headers: health structures (centres de santé
** sites, placement structures), the aids open to a GP settling there (the
** aids module's simulator), the guichet unique's partners, open salaried
** posts and placements with housing.
**
** Only published things are shown: illustrative centre sites, draft aid
** schemes and non-public vacancies stay out.  No SQL here.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aids/aids.h"
#include "base/caldate.h"
#include "base/money.h"
#include "cases/cases.h"
#include "centres/centres.h"
#include "placements/placements.h"
#include "portal/portal.h"
#include "territory/lookup.h"

#define NEAR_KM 30.0            /* "nearby": as the crow flies */
#define NEAR_MAX 12

/* Great-circle distance in km between two WGS84 points. */
static double near_km(double lat1, double lon1, double lat2, double lon2)
{
  const double r = 6371.0, d = M_PI / 180.0;
  double dLat = (lat2 - lat1) * d, dLon = (lon2 - lon1) * d;
  double h = sin(dLat / 2) * sin(dLat / 2) +
             cos(lat1 * d) * cos(lat2 * d) * sin(dLon / 2) * sin(dLon / 2);
  return 2 * r * asin(sqrt(h));
}

/* Append structure (kind, name, detail, href) in commune zWhere when it is
** in the area or near (lat, lon); one outside the instance's territory
** pScope is kept (it is near) but says « hors territoire ». */
static void near_add(Store *db, Arena *a, const TerrScope *pScope,
                     PortalNear **pa, int *pn,
                     const char *zCommune, const char *zEpci, double lat,
                     double lon, const char *zWhere, const char *zKind,
                     const char *zName, const char *zHref,
                     const char *zDetail)
{
  Err err = {0};
  LkPlace c;
  if (!zWhere || !zWhere[0]) return;
  if (lookup_place(db, a, LK_COMMUNE, zWhere, &c, &err)) return;
  int isSameEpci = zEpci && c.zEpci[0] && strcmp(c.zEpci, zEpci) == 0;
  int isIn = zCommune ? strcmp(c.zCode, zCommune) == 0 : isSameEpci;
  double km = -1;
  if (!isnan(lat) && !isnan(c.lat)) km = near_km(lat, lon, c.lat, c.lon);
  if (!isIn && !isSameEpci && (km < 0 || km > NEAR_KM)) return;
  store_grow((void **)pa, *pn, sizeof **pa, a);
  PortalNear *p = &(*pa)[(*pn)++];
  p->zKind = zKind;
  p->zName = zName;
  p->zWhere = c.zName;
  p->zHref = zHref;
  p->zDetail = zDetail;
  p->km = isIn ? 0 : km;
  p->isInArea = isIn;
  p->isOutside = !portal_scope_has_commune(db, pScope, c.zCode);
}

static int near_cmp(const void *x, const void *y)
{
  const PortalNear *a = x, *b = y;
  if (a->isInArea != b->isInArea) return b->isInArea - a->isInArea;
  double ka = a->km < 0 ? 1e9 : a->km, kb = b->km < 0 ? 1e9 : b->km;
  if (ka != kb) return ka < kb ? -1 : 1;
  return strcmp(a->zName, b->zName);
}

int portal_feed_near(Store *db, Arena *pArena, const char *zCommune,
                     const char *zEpci, double lat, double lon,
                     PortalNear **pa)
{
  Err err = {0};
  PortalNear *aN = NULL;
  int n = 0;
  TerrScope scope;
  portal_scope(db, pArena, &scope);
  CentreSite *aS;
  CentreVacancy *aV;
  Place *aP;
  int nS = 0, nV = 0, nP = 0;
  if (centre_site_list(db, pArena, 0, &aS, &nS, &err)) nS = 0;
  err_clear(&err);
  if (centre_vacancy_list(db, pArena, 1, &aV, &nV, &err)) nV = 0;
  err_clear(&err);
  for (int i = 0; i < nS; i++) {
    const CentreSite *s = &aS[i];
    /* an illustrative site is a real centre whose exact place is not
    ** published: listed as /centres lists it, and said so */
    if (s->zClosedOn[0]) continue;
    int nOpen = 0;
    for (int k = 0; k < nV; k++) nOpen += aV[k].siteId == s->id;
    const char *zDetail = nOpen == 0 ? ""
        : arena_printf(pArena, "%d poste%s de médecin ou de soignant ouvert%s",
                       nOpen, nOpen > 1 ? "s" : "", nOpen > 1 ? "s" : "");
    if (s->isIllustrative) {
      zDetail = arena_printf(pArena, "%s%semplacement indicatif", zDetail,
                             zDetail[0] ? " ; " : "");
    }
    near_add(db, pArena, &scope, &aN, &n, zCommune, zEpci, lat, lon,
             s->zCommune, strcmp(s->zKind, "antenne") == 0
                              ? "Antenne de centre de santé"
                              : "Centre de santé",
             s->zCentreName && s->zCentreName[0] && strcmp(s->zCentreName,
                                                          s->zName)
                 ? arena_printf(pArena, "%s — %s", s->zCentreName, s->zName)
                 : s->zName,
             arena_printf(pArena, "/centres/sites/%lld", (long long)s->id),
             zDetail);
  }
  if (place_list(db, pArena, &aP, &nP, &err)) nP = 0;
  for (int i = 0; i < nP; i++) {
    int iLevel = place_level_parse(aP[i].zLevel);
    near_add(db, pArena, &scope, &aN, &n, zCommune, zEpci, lat, lon,
             aP[i].zCommune, "Terrain de stage", aP[i].zStructure, "",
             iLevel >= 0 ? place_level_label(iLevel) : "");
  }
  if (n > 1) qsort(aN, (size_t)n, sizeof *aN, near_cmp);
  *pa = aN;
  return n > NEAR_MAX ? NEAR_MAX : n;
}

/* "15 000 €" (whole euros, base/money.c's format) into an arena string. */
static const char *aid_euros(Arena *a, int64_t cents)
{
  char zOut[64];
  int64_t whole = (cents + 50) / 100 * 100;      /* rounded to the euro */
  return arena_strdup(a, money_format(whole, zOut, sizeof zOut));
}

int portal_feed_aids(Store *db, Arena *pArena, const char *const *azCode,
                     int nCode, PortalAid **pa, const char **pzWhy)
{
  Err err = {0};
  PortalAid *aA = NULL;
  int n = 0;
  *pa = NULL;
  *pzWhy = "";
  AidCatalog *pCat = aid_catalog_new();
  if (aid_store_load(db, pCat, 1, &err)) {
    aid_catalog_free(pCat);
    *pzWhy = "Le catalogue des aides n'a pas pu être lu.";
    return -1;
  }
  if (pCat->nScheme == 0) {
    aid_catalog_free(pCat);
    *pzWhy = "Aucune donnée pour l'instant : le catalogue des aides n'a pas "
             "encore été publié.";
    return 0;
  }
  aA = arena_alloc(pArena, sizeof *aA * (size_t)pCat->nScheme);
  int y, m, d;
  caldate_ymd(caldate_today(), &y, &m, &d);
  for (int c = 0; c < nCode; c++) {
    AidProfile prof;
    aid_profile_init(&prof);
    prof.profession = AID_MG;
    prof.status = AID_LIBERAL;
    prof.mode = AID_MODE_LIBERAL;
    prof.firstInstall = 1;
    prof.startYear = y;
    prof.startMonth = m;
    err_clear(&err);
    if (aid_place_resolve(db, azCode[c], &prof.target, "commune", &err)) {
      continue;
    }
    AidSim *pSim = aid_simulate(pCat, &prof, pArena);
    for (int i = 0; i < pSim->nRes; i++) {
      const AidResult *r = &pSim->aRes[i];
      if (r->verdict == AID_NOT_ELIGIBLE) continue;
      int k = 0;
      while (k < n && strcmp(aA[k].zId, r->pScheme->zId)) k++;
      if (k == n) {
        const AidScheme *s = r->pScheme;
        PortalAid *p = &aA[n++];
        memset(p, 0, sizeof *p);
        p->zId = arena_strdup(pArena, s->zId);
        p->zName = arena_strdup(pArena, s->zName);
        p->zPorteur = arena_strdup(pArena, s->zPorteurName);
        p->isToCheck = r->verdict == AID_TO_CHECK;
        p->commitYears = r->commitYears;
        if (r->totalCents > 0 && r->isTotalKnown) {
          p->zMoney = arena_printf(pArena, "%s%s", r->isUpTo ? "jusqu'à " : "",
                                   aid_euros(pArena, r->totalCents));
        } else if (r->totalCents > 0) {
          p->zMoney = arena_printf(pArena, "au moins %s (une partie du "
                                   "montant n'est pas publiée)",
                                   aid_euros(pArena, r->totalCents));
        } else {
          p->zMoney = "montant non publié ou avantage en nature";
        }
      } else if (r->verdict == AID_ELIGIBLE) {
        aA[k].isToCheck = 0;
      }
      aA[k].nCommune++;
    }
  }
  aid_catalog_free(pCat);
  *pa = aA;
  return n;
}

/* The needs a candidate's family asks about, in page order. */
static const char *const azNeed[] = {
  "logement", "emploi_conjoint", "scolarisation", "decouverte",
};

int portal_feed_partners(Store *db, Arena *pArena, const char *zCommune,
                         const char *zEpci, PortalPartner **pa)
{
  Err err = {0};
  PortalPartner *aOut = NULL;
  int n = 0;
  for (size_t k = 0; k < sizeof azNeed / sizeof azNeed[0]; k++) {
    const char *azTerr[2] = {zCommune, zEpci};
    int64_t aSeen[64];
    int nSeen = 0;
    for (int t = 0; t < 2; t++) {
      Partner *aP;
      int nP;
      if (!azTerr[t] || !azTerr[t][0]) continue;
      err_clear(&err);
      if (case_partner_list(db, pArena, azNeed[k], azTerr[t], 0, &aP, &nP,
                            &err)) {
        continue;
      }
      for (int i = 0; i < nP; i++) {
        int isSeen = !aP[i].isPublic;      /* published by choice only */
        for (int j = 0; j < nSeen; j++) isSeen |= aSeen[j] == aP[i].id;
        if (isSeen || nSeen == 64) continue;
        aSeen[nSeen++] = aP[i].id;
        store_grow((void **)&aOut, n, sizeof *aOut, pArena);
        PortalPartner *p = &aOut[n++];
        p->zNeed = case_label(case_needs, azNeed[k]);
        p->zName = aP[i].zName;
        /* a placeholder left in the directory is not published */
        p->zEmail = portal_is_placeholder(aP[i].zEmail) ? "" : aP[i].zEmail;
        p->zPhone = portal_is_placeholder(aP[i].zPhone) ? "" : aP[i].zPhone;
        p->zWebsite = portal_is_placeholder(aP[i].zWebsite) ? ""
                                                            : aP[i].zWebsite;
        /* the organisation only: contact persons are personal data and
        ** never published (issue 17) */
        p->zContact = "";
      }
    }
  }
  *pa = aOut;
  return n;
}

int portal_feed_jobs(Store *db, Arena *pArena, PortalJob **pa)
{
  Err err = {0};
  CentreVacancy *aV;
  int nV;
  *pa = NULL;
  if (centre_vacancy_list(db, pArena, 1, &aV, &nV, &err) || nV == 0) return 0;
  TerrScope scope;
  portal_scope(db, pArena, &scope);
  PortalJob *aJ = arena_alloc(pArena, sizeof *aJ * (size_t)nV);
  int n = 0;
  for (int i = 0; i < nV; i++) {
    LkPlace c;
    err_clear(&err);
    /* another territory's post is not this portal's to advertise */
    if (!portal_scope_has_commune(db, &scope, aV[i].zCommune)) continue;
    PortalJob *pJ = &aJ[n++];
    pJ->zTitle = aV[i].zTitle;
    pJ->zCentre = aV[i].zCentreName ? aV[i].zCentreName : "";
    pJ->zWhere = lookup_place(db, pArena, LK_COMMUNE, aV[i].zCommune, &c,
                              &err) == 0 ? c.zName : aV[i].zCommune;
    char z[32];
    snprintf(z, sizeof z, "%.1f", aV[i].fte);
    for (char *q = z; *q; q++) if (*q == '.') *q = ',';
    pJ->zFte = strcmp(z, "1,0") == 0 ? "temps plein"
               : arena_printf(pArena, "%s ETP", z);
  }
  *pa = aJ;
  return n;
}

/* How many of the rooms a[0..n-1] are in housing inside the territory. */
static int rooms_inside(Store *db, const TerrScope *pScope, const Room *a,
                        int n)
{
  int k = 0;
  for (int i = 0; i < n; i++) {
    k += portal_scope_has_commune(db, pScope, a[i].zCommune);
  }
  return k;
}

void portal_feed_stages(Store *db, Arena *pArena, PortalStages *p)
{
  Err err = {0};
  char zSem[8], zNext[8], zLabel[64];
  memset(p, 0, sizeof *p);
  p->zSemester = "";
  TerrScope scope;
  portal_scope(db, pArena, &scope);
  place_semester_of(caldate_today(), zSem);
  place_semester_next(zSem, zNext);
  const char *azSem[2] = {zSem, zNext};
  for (int k = 0; k < 2 && p->nPlace == 0; k++) {
    PlaceOffer *aO;
    int nO;
    err_clear(&err);
    if (place_offer_list(db, pArena, azSem[k], &aO, &nO, &err)) continue;
    for (int i = 0; i < nO; i++) {
      int nLeft = aO[i].capacity - aO[i].nAssigned;
      if (nLeft <= 0) continue;
      if (!portal_scope_has_commune(db, &scope, aO[i].place.zCommune)) {
        continue;                 /* another territory's placement */
      }
      p->nPlace += nLeft;
      p->nStructure++;
    }
    if (p->nPlace > 0) {
      p->zSemester = arena_strdup(pArena, place_semester_label(
                                              azSem[k], zLabel, sizeof zLabel));
    }
  }
  Room *aR;
  int nR, s, e;
  err_clear(&err);
  if (place_room_list(db, pArena, &aR, &nR, &err) == 0) {
    p->nRoom = rooms_inside(db, &scope, aR, nR);
  }
  err_clear(&err);
  if (p->nRoom > 0 && place_semester_bounds(zNext, &s, &e) == 0 &&
      place_room_free_list(db, pArena, s, e, &aR, &nR, &err) == 0) {
    p->nRoomFree = rooms_inside(db, &scope, aR, nR);
  }
}
