/*
** observatory/pages_centres.c: the centres de santé's sites on the
** commune-level pages (département, EPCI): the list of the sites open
** today in the page's communes, written under the map (works without
** JavaScript); obs-map.js draws the same sites as markers from
** GET /api/v1/centres/carte.
**
** The sites are read through centres/centres.h (no SQL here).  A site is
** open today when its opening date is not after today and its closing
** date, if any, is after today: the rule of the map endpoint
** (centres/api_map.c), so that the list and the markers agree.
*/
#include <stdlib.h>
#include <string.h>

#include "base/caldate.h"
#include "base/log.h"
#include "centres/centres.h"
#include "observatory/pages.h"

/* Whether s is open on day zToday ("YYYY-MM-DD"). */
static int obsp_site_open(const CentreSite *s, const char *zToday)
{
  const char *zOpen = s->zOpenedOn ? s->zOpenedOn : "";
  const char *zClose = s->zClosedOn ? s->zClosedOn : "";
  return (!zOpen[0] || strcmp(zOpen, zToday) <= 0) &&
         (!zClose[0] || strcmp(zClose, zToday) > 0);
}

int obsp_sites_of(Req *req, const ObspRow *aRow, int nRow, ObspSite **paSite)
{
  Err err = {0};
  CentreSite *aS = NULL;
  int nS = 0, n = 0;
  char zToday[11];
  *paSite = NULL;
  if (nRow <= 0) return 0;
  if (centre_site_list(req_db(req), req_arena(req), 0, &aS, &nS, &err)) {
    log_warn("observatoire : sites des centres de santé illisibles : %s",
             err.zMsg);
    return -1;
  }
  caldate_format(caldate_today(), zToday);
  ObspSite *a = arena_alloc(req_arena(req), sizeof *a * (size_t)(nS + 1));
  for (int i = 0; i < nS; i++) {
    const CentreSite *s = &aS[i];
    if (!s->zCommune || !obsp_site_open(s, zToday)) continue;
    for (int k = 0; k < nRow; k++) {
      if (strcmp(aRow[k].zCode, s->zCommune) == 0) {
        a[n].pSite = s;
        a[n].pRow = &aRow[k];
        n++;
        break;
      }
    }
  }
  *paSite = a;
  return n;
}

/* "consultations, visites à domicile, …" of a site, "" when none. */
static const char *obsp_site_services(Req *req, const CentreSite *s)
{
  const char *z = "";
  const char *azName[] = {"consultations", "visites à domicile",
                          "point de téléconsultation",
                          "téléconsultation assistée"};
  int aHas[] = {s->hasConsult, s->hasHome, s->hasTelePoint,
                s->hasTeleAssist};
  for (int i = 0; i < 4; i++) {
    if (!aHas[i]) continue;
    z = html_mprintf(req, "%s%s%h", z /*trusted*/,
                     z[0] ? ", " /*trusted*/ : "" /*trusted*/, azName[i]);
  }
  return z;
}

void obsp_sites_table(Req *req, const ObspSite *a, int n, int nErr,
                      const char *zWhere)
{
  html_printf(req, "<section class=\"obs-sites\" aria-labelledby=\"sites-titre"
                   "\">\n<h2 id=\"sites-titre\">Centres de santé</h2>\n");
  if (nErr < 0) {
    html_printf(req, "<p class=\"muted\">La liste des centres de santé est "
                     "momentanément indisponible.</p>\n</section>\n");
    return;
  }
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucun site de centre de santé suivi "
                     "dans oasis n'est ouvert dans %h.</p>\n</section>\n",
                zWhere);
    return;
  }
  html_printf(req,
      "<p class=\"muted small\">Les sites ouverts aujourd'hui, placés sur la "
      "carte au centre de leur commune. Leurs médecins salariés comptent "
      "dans l'offre de soins.</p>\n"
      "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"sites-caption\">\n<table class=\"table-stack\" "
      "id=\"obs-sites\">\n<caption id=\"sites-caption\">Sites des centres de "
      "santé dans %h (%d)</caption>\n<thead><tr><th scope=\"col\">Site</th>"
      "<th scope=\"col\">Centre</th><th scope=\"col\">Type</th>"
      "<th scope=\"col\">Commune</th><th scope=\"col\" class=\"num\">ETP "
      "médecins</th><th scope=\"col\">Services</th></tr></thead>\n<tbody>\n",
      zWhere, n);
  for (int i = 0; i < n; i++) {
    const CentreSite *s = a[i].pSite;
    const char *zServ = obsp_site_services(req, s);
    int isMain = s->zKind && strcmp(s->zKind, "principal") == 0;
    html_printf(req,
        "<tr><th scope=\"row\"><a href=\"/centres/sites/%lld\">%h</a>%s</th>"
        "<td data-label=\"Centre\">%h</td><td data-label=\"Type\">%s</td>"
        "<td data-label=\"Commune\"><a href=\"%h\">%h</a></td>"
        "<td class=\"num\" data-label=\"ETP médecins\">%.1F</td>"
        "<td data-label=\"Services\">%h</td></tr>\n",
        (long long)s->id, s->zName,
        s->isIllustrative ? " <span class=\"muted small\">(emplacement "
                            "indicatif)</span>" /*trusted*/
                          : "" /*trusted*/,
        s->zCentreName ? s->zCentreName : "",
        isMain ? "site principal" /*trusted*/ : "antenne" /*trusted*/,
        a[i].pRow->zHref, a[i].pRow->zName, s->fteDoctors,
        zServ[0] ? zServ : "non renseignés");
  }
  html_printf(req, "</tbody></table></div>\n</section>\n");
}
