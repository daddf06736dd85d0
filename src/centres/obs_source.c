/*
** centres/obs_source.c: the centres de santé as a source of the
** observatory (observatory/obs.h, ObsSource): their salaried doctors'
** FTE counted as supply, and their open sites listed on the commune-level
** pages.  The observatory sits below this module and never includes it;
** the composition root installs ctr_obs_source with obs_source_set().
**
** Translation only: the figures come from centre_supply_fte() and
** centre_site_list(); a site is open on a day when its opening date is not
** after it and its closing date, if any, is after it (the rule of the map
** endpoint, api_map.c, so the list and the markers agree).
*/
#include <string.h>

#include "base/caldate.h"
#include "centres/centres.h"
#include "observatory/obs.h"

static int ctr_obs_supply(Store *db, Arena *a, int iDay, ObsExtraSupply **pa,
                          int *pn, Err *err)
{
  CentreSupply *aS = NULL;
  int nS = 0;
  *pa = NULL;
  *pn = 0;
  int rc = centre_supply_fte(db, a, iDay, &aS, &nS, err);
  if (rc) return rc;
  ObsExtraSupply *aOut = arena_alloc(a, sizeof *aOut * (size_t)(nS + 1));
  for (int i = 0; i < nS; i++) {
    aOut[i].zCommune = aS[i].zCommune;
    aOut[i].fte = aS[i].fteDoctors;
    aOut[i].nSite = aS[i].nSite;
  }
  *pa = aOut;
  *pn = nS;
  return 0;
}

/* Whether s is open on day zDay ("YYYY-MM-DD"). */
static int ctr_obs_open(const CentreSite *s, const char *zDay)
{
  const char *zOpen = s->zOpenedOn ? s->zOpenedOn : "";
  const char *zClose = s->zClosedOn ? s->zClosedOn : "";
  return (!zOpen[0] || strcmp(zOpen, zDay) <= 0) &&
         (!zClose[0] || strcmp(zClose, zDay) > 0);
}

/* "consultations, visites à domicile, …" of a site, "" when none. */
static const char *ctr_obs_services(Arena *a, const CentreSite *s)
{
  static const char *const azName[] = {"consultations", "visites à domicile",
                                       "point de téléconsultation",
                                       "téléconsultation assistée"};
  int aHas[] = {s->hasConsult, s->hasHome, s->hasTelePoint,
                s->hasTeleAssist};
  Str z = STR_INIT;
  for (int i = 0; i < 4; i++) {
    if (!aHas[i]) continue;
    str_appendf(&z, "%s%s", z.n ? ", " : "", azName[i]);
  }
  const char *zOut = arena_strdup(a, z.z ? z.z : "");
  str_free(&z);
  return zOut;
}

static int ctr_obs_sites(Store *db, Arena *a, int iDay, ObsSite **pa, int *pn,
                         Err *err)
{
  CentreSite *aS = NULL;
  int nS = 0, n = 0;
  char zDay[11];
  *pa = NULL;
  *pn = 0;
  int rc = centre_site_list(db, a, 0, &aS, &nS, err);
  if (rc) return rc;
  caldate_format(iDay, zDay);
  ObsSite *aOut = arena_alloc(a, sizeof *aOut * (size_t)(nS + 1));
  for (int i = 0; i < nS; i++) {
    const CentreSite *s = &aS[i];
    if (!s->zCommune || !ctr_obs_open(s, zDay)) continue;
    ObsSite *o = &aOut[n++];
    memset(o, 0, sizeof *o);
    o->zName = s->zName;
    o->zHref = arena_printf(a, "/centres/sites/%lld", (long long)s->id);
    o->zOwner = s->zCentreName ? s->zCentreName : "";
    o->zKind = s->zKind && strcmp(s->zKind, "principal") == 0
                   ? "site principal" : "antenne";
    o->zCommune = s->zCommune;
    o->fte = s->fteDoctors;
    o->isIllustrative = s->isIllustrative;
    o->zServices = ctr_obs_services(a, s);
  }
  *pa = aOut;
  *pn = n;
  return 0;
}

const ObsSource ctr_obs_source = {
  ctr_obs_supply,
  ctr_obs_sites,
  "/api/v1/centres/carte",
};
