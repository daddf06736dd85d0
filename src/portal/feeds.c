/*
** portal/feeds.c: what the portal shows from the territory tables and the
** observatory: facts on a commune, the aggregates of a département or an
** EPCI over the stored vintages, and the home page's key figures.
**
** The portal never reads another module's tables: it goes through
** territory/lookup.h and observatory/obs.h.  When a module has no data
** (nothing imported, no run stored), the feed says so and the pages print
** that in French: never a placeholder figure.  feeds_near.c does the same
** for centres, placements, aids and the partners directory.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "access/access.h"
#include "observatory/obs.h"
#include "portal/portal.h"
#include "territory/lookup.h"
#include "web/web.h"

#define N_HISTORY 16            /* stored vintages read per commune */

void portal_zone_words(int zone, const char **pzName, const char **pzBadge,
                       const char **pzText)
{
  switch (zone) {
  case ACC_ZONE_SOUS_DENSE:
    *pzName = "zone sous-dense";
    *pzBadge = "sous-dense";
    *pzText = "Les médecins généralistes y manquent nettement : c'est là que "
              "les aides à l'installation sont les plus fortes et que vous "
              "êtes le plus attendu.";
    break;
  case ACC_ZONE_INTERMEDIAIRE:
    *pzName = "zone intermédiaire";
    *pzBadge = "intermediaire";
    *pzText = "L'offre de médecins généralistes y est fragile : une "
              "installation y est bienvenue et certaines aides s'y "
              "appliquent.";
    break;
  default:
    *pzName = "zone non sous-dotée";
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
  p->population = -1;
  p->lat = p->lon = NAN;
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
  ObsHistory aH[N_HISTORY];
  int n = obs_history(db, zCode, aH, N_HISTORY);
  if (n > N_HISTORY) n = N_HISTORY;
  /* a commune without population has no meaningful APL (the observatory
  ** leaves it out of its ranks): no value rather than "0,0, sous-dense" */
  if (n > 0 && aH[n - 1].pop > 0) {
    const ObsHistory *h = &aH[n - 1];       /* oldest first: newest last */
    p->hasZone = p->hasApl = 1;
    p->zone = h->zone;
    p->apl = h->apl;
    p->aplVintage = h->vintage;
    portal_zone_words(h->zone, &p->zZone, &p->zZoneBadge, &p->zZoneText);
  }
}

/* The vintage row of year v in *pa (added, kept sorted), growing it. */
static PortalVintage *vintage_row(Arena *pArena, PortalVintage **pa, int *pn,
                                  int v)
{
  int i = 0;
  while (i < *pn && (*pa)[i].vintage < v) i++;
  if (i < *pn && (*pa)[i].vintage == v) return &(*pa)[i];
  PortalVintage *aNew = arena_alloc(pArena, sizeof *aNew * (size_t)(*pn + 1));
  if (i > 0) memcpy(aNew, *pa, sizeof *aNew * (size_t)i);
  memset(&aNew[i], 0, sizeof aNew[i]);
  aNew[i].vintage = v;
  if (*pn > i) memcpy(&aNew[i + 1], &(*pa)[i], sizeof *aNew * (size_t)(*pn - i));
  *pa = aNew;
  (*pn)++;
  return &aNew[i];
}

int portal_feed_vintages(Store *db, Arena *pArena, int isEpci,
                         const char *zCode, PortalVintage **pa)
{
  Err err = {0};
  LkPlace *aC;
  PortalVintage *aV = NULL;
  int nV = 0;
  *pa = NULL;
  if (!zCode || !zCode[0]) return 0;
  int nC = lookup_children(db, pArena, isEpci ? LK_EPCI : LK_DEPARTEMENT,
                           zCode, &aC, &err);
  if (nC <= 0) return 0;
  /* sum(P_i APL_i) in apl until the end, divided by sum(P_i) */
  for (int i = 0; i < nC; i++) {
    ObsHistory aH[N_HISTORY];
    int n = obs_history(db, aC[i].zCode, aH, N_HISTORY);
    if (n > N_HISTORY) n = N_HISTORY;
    for (int k = 0; k < n; k++) {
      if (aH[k].pop <= 0) continue;         /* no population: no APL */
      PortalVintage *v = vintage_row(pArena, &aV, &nV, aH[k].vintage);
      v->nCommune++;
      v->popStd += aH[k].pop;
      v->apl += aH[k].pop * aH[k].apl;
      if (aH[k].zone == ACC_ZONE_SOUS_DENSE) {
        v->nSousDense++;
        v->popSousDense += aC[i].population >= 0
                               ? aC[i].population
                               : (int64_t)llround(aH[k].pop);
      } else if (aH[k].zone == ACC_ZONE_INTERMEDIAIRE) {
        v->nIntermediaire++;
      }
    }
  }
  for (int k = 0; k < nV; k++) {
    aV[k].apl = aV[k].popStd > 0 ? aV[k].apl / aV[k].popStd : 0;
  }
  *pa = aV;
  return nV;
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

int portal_feed_figures(Store *db, Arena *pArena, const char *zDep,
                        PortalFigure **pa, const char **pzWhy)
{
  Err err = {0};
  LkPlace d;
  PortalVintage *aV;
  *pa = NULL;
  *pzWhy = "";
  if (!zDep || !zDep[0]) {
    *pzWhy = "Aucune donnée pour l'instant : le département du territoire "
             "n'est pas encore réglé dans la gestion du portail.";
    return 0;
  }
  if (lookup_place(db, pArena, LK_DEPARTEMENT, zDep, &d, &err)) {
    *pzWhy = "Aucune donnée pour l'instant : les communes du département "
             "n'ont pas encore été importées.";
    return 0;
  }
  int nV = portal_feed_vintages(db, pArena, 0, zDep, &aV);
  if (nV == 0) {
    *pzWhy = "Aucune donnée pour l'instant : l'observatoire n'a pas encore "
             "calculé l'accès aux médecins généralistes sur ce territoire.";
    return 0;
  }
  const PortalVintage *v = &aV[nV - 1];
  PortalFigure *aF = arena_alloc(pArena, 3 * sizeof *aF);
  const char *zSrc = arena_printf(pArena, "Observatoire, indicateur APL %d, "
                                  "%s (%d communes)", v->vintage, d.zName,
                                  v->nCommune);
  aF[0].zValue = arena_printf(pArena, "%d sur %d", v->nSousDense,
                              v->nCommune);
  aF[0].zLabel = "communes en zone sous-dense";
  aF[0].zSource = zSrc;
  aF[1].zValue = fmt_int(pArena, v->popSousDense);
  aF[1].zLabel = "habitants vivent dans une commune sous-dense";
  aF[1].zSource = zSrc;
  aF[2].zValue = fmt_dec1(pArena, v->apl);
  aF[2].zLabel = "consultations de généraliste par habitant et par an "
                 "(APL moyen du territoire)";
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
