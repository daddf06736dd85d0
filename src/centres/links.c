/*
** centres/links.c: links from the centres pages to the guichet unique
** (/demande, prefilled for a vacancy), commune names, figures for
** display, and the dashboards' scope read from the query.
*/
#include <string.h>

#include "base/caldate.h"
#include "base/str.h"
#include "base/url.h"
#include "centres/internal.h"
#include "territory/lookup.h"

const char *ctr_commune_name(Req *req, const char *zCode)
{
  return lookup_commune_name(req_db(req), req_arena(req), zCode);
}

const char *ctr_apply_url(Req *req, const CentreVacancy *v)
{
  Str s = STR_INIT;
  str_appendz(&s, "/demande");
  url_add_param(&s, "projet", "salarie_centre");
  if (v->zCategory && !strcmp(v->zCategory, "medecin")) {
    url_add_param(&s, "profession", "medecin_generaliste");
  }
  url_add_param(&s, "territoire_type", "commune");
  url_add_param(&s, "territoire_code", v->zCommune);
  url_add_param(&s, "territoire_nom", ctr_commune_name(req, v->zCommune));
  url_add_param(&s, "besoins", "lieu_exercice");
  url_add_param(&s, "message", arena_printf(req_arena(req),
      "Candidature au poste « %s » (%s, %s), poste n° %lld.", v->zTitle,
      v->zCentreName ? v->zCentreName : "", v->zSiteName ? v->zSiteName : "",
      (long long)v->id));
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return z;
}

const char *ctr_num(Req *req, double x, int nDec)
{
  if (x < 0) return "—";
  if (nDec == 0) return html_mprintf(req, "%.0F", x);
  if (nDec == 2) return html_mprintf(req, "%.2F", x);
  return html_mprintf(req, "%.1F", x);
}

int ctr_scope_from_query(Req *req, CentreScope *pScope, int64_t *pId,
                         int *pYear, int *pMonthTo)
{
  int y, m, d;
  caldate_ymd(caldate_today(), &y, &m, &d);
  int64_t id;
  if ((id = kit_query_int(req, "site", 0)) > 0) {
    *pScope = CENTRE_SCOPE_SITE;
  } else if ((id = kit_query_int(req, "centre", 0)) > 0) {
    *pScope = CENTRE_SCOPE_CENTRE;
  } else if ((id = kit_query_int(req, "reseau", 0)) > 0) {
    *pScope = CENTRE_SCOPE_NETWORK;
  } else {
    return -1;
  }
  *pId = id;
  *pYear = (int)kit_query_int(req, "annee", y - 1);
  if (*pYear < 2000 || *pYear > 2100) *pYear = y - 1;
  /* Default: the whole year, or up to this month for the current year. */
  int mDefault = *pYear == y ? m : 12;
  *pMonthTo = (int)kit_query_int(req, "mois", mDefault);
  if (*pMonthTo < 1 || *pMonthTo > 12) *pMonthTo = mDefault;
  return 0;
}

int64_t ctr_centre_sites_or_reply(Req *req, Centre *c, CentreSite **paS,
                                  int *pnS)
{
  Err err = {0};
  int64_t id = kit_record_or_404(req, &ctr_ops_centre, c);
  if (!id) return 0;
  int rc = centre_site_list(req_db(req), req_arena(req), id, paS, pnS, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return 0;
  }
  return id;
}
