/*
** observatory/pages_centres.c: the centres de santé's sites on the
** commune-level pages (département, EPCI): the list of the sites open
** today in the page's communes, written under the map (works without
** JavaScript); obs-map.js draws the same sites as markers from the
** source's map URL.
**
** The sites come from the ObsSource installed at start (obs.h), which
** applies the opening rule of its own map endpoint, so that the list and
** the markers agree.  Without a source there is no list.
*/
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "observatory/pages.h"

int obsp_sites_of(Req *req, const ObspRow *aRow, int nRow, ObspSite **paSite)
{
  Err err = {0};
  ObsSite *aS = NULL;
  int nS = 0, n = 0;
  const ObsSource *pSrc = obs_source();
  *paSite = NULL;
  if (nRow <= 0 || !pSrc || !pSrc->xSites) return 0;
  if (pSrc->xSites(req_db(req), req_arena(req), clock_today(), &aS, &nS,
                   &err)) {
    log_warn("observatoire : sites des centres de santé illisibles : %s",
             err.zMsg);
    return -1;
  }
  ObspSite *a = arena_alloc(req_arena(req), sizeof *a * (size_t)(nS + 1));
  for (int i = 0; i < nS; i++) {
    const ObsSite *s = &aS[i];
    if (!s->zCommune) continue;
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

const char *obsp_sites_url(int nSite)
{
  const ObsSource *pSrc = obs_source();
  return nSite > 0 && pSrc && pSrc->zMapUrl ? pSrc->zMapUrl : "";
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
    const ObsSite *s = a[i].pSite;
    const char *zServ = s->zServices ? s->zServices : "";
    html_printf(req,
        "<tr><th scope=\"row\"><a href=\"%h\">%h</a>%s</th>"
        "<td data-label=\"Centre\">%h</td><td data-label=\"Type\">%h</td>"
        "<td data-label=\"Commune\"><a href=\"%h\">%h</a></td>"
        "<td class=\"num\" data-label=\"ETP médecins\">%.1F</td>"
        "<td data-label=\"Services\">%h</td></tr>\n",
        s->zHref ? s->zHref : "", s->zName,
        s->isIllustrative ? " <span class=\"muted small\">(emplacement "
                            "indicatif)</span>" /*trusted*/
                          : "" /*trusted*/,
        s->zOwner ? s->zOwner : "", s->zKind ? s->zKind : "",
        a[i].pRow->zHref, a[i].pRow->zName, s->fte,
        zServ[0] ? zServ : "non renseignés");
  }
  html_printf(req, "</tbody></table></div>\n</section>\n");
}
