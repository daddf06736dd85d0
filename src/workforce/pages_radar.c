/*
** workforce/pages_radar.c: the « radar des successions » (agents): GPs
** leaving within five years whose departure pushes a commune of their
** catchment below the sous-dense threshold, each with the open dossiers
** of the guichet unique that could take over.  demography.c computes.
*/
#include <string.h>

#include "workforce/wf_int.h"

/* GET /observatoire/radar?departement=&age_retraite= (agents)
** ROUTE: GET /observatoire/radar agent
*/
void wf_page_radar(Req *req)
{
  Err err = {0};
  const char *zDep = kit_query(req, "departement");
  if (strlen(zDep) > 3) zDep = "";
  int age = (int)kit_query_int(req, "age_retraite", 67);
  if (age != 65 && age != 70) age = 67;
  WfRadar r;
  if (wf_radar(req_db(req), req_arena(req), zDep, age, &r, &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Radar des successions");
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Praticiens",
                 "/observatoire/praticiens", "Radar des successions", NULL,
                 NULL);
  html_printf(req, "<h1>Radar des successions</h1>\n<p>Médecins généralistes "
                   "qui partent d'ici %d (date déclarée, sinon départ à %d "
                   "ans) et dont le départ ferait passer une commune sous "
                   "le seuil de %.1F : APL officielle DREES plus l'effet "
                   "simulé du départ.</p>\n", r.year + 5, age,
              r.threshold > 0 ? r.threshold : 2.5);
  html_printf(req, "<form method=\"get\" action=\"/observatoire/radar\" "
                   "class=\"filters\">\n");
  kit_input(req, NULL, "departement", "Département (code)", "text", zDep,
            NULL);
  static const char *const azAge[] = {"65", "65 ans", "67", "67 ans", "70",
                                      "70 ans", NULL};
  kit_select(req, NULL, "age_retraite", "Âge de départ supposé", azAge,
             html_mprintf(req, "%d", age), NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Afficher</button></div>\n</form>\n");
  html_printf(req, "<p>%d généraliste(s) partent d'ici %d ; %d départ(s) "
                   "font passer une commune sous le seuil.</p>\n", r.nNear,
              r.year + 5, r.n);
  if (r.zWhy) html_printf(req, "<p class=\"muted\">%h</p>\n", r.zWhy);
  for (int i = 0; i < r.n; i++) {
    const WfRadarRow *w = &r.aRow[i];
    const char *zTouched = lookup_commune_name(req_db(req), req_arena(req),
                                               w->eff.zCode);
    html_printf(req, "<article class=\"card\">\n<h2><a href=\"/observatoire/"
                     "praticiens/%lld\">%h %h</a></h2>\n<p>%h (%h)",
                (long long)w->p.id, w->p.zLastName, w->p.zFirstName,
                w->p.zCommuneName, w->p.zCommune);
    if (w->age) html_printf(req, ", %d ans", w->age);
    html_printf(req, ", départ en %d (%.2F ETP comptés).</p>\n<p>%h : APL "
                     "%.2F → <strong>%.2F</strong> (%h).</p>\n",
                w->leaveYear, w->fte, zTouched, w->eff.aplBase,
                w->eff.aplAfter,
                w->eff.isOfficial ? "APL officielle DREES plus l'effet simulé"
                                  : "estimation oasis, APL officielle "
                                    "absente");
    if (w->nCand == 0) {
      html_printf(req, "<p class=\"muted\">Aucun dossier ouvert de "
                       "généraliste pour cette commune, son EPCI ou sans "
                       "territoire décidé.</p>\n");
    } else {
      html_printf(req, "<p>Dossiers ouverts qui pourraient reprendre :</p>\n"
                       "<ul>\n");
      for (int k = 0; k < w->nCand; k++) {
        const WfCandidate *c = &w->aCand[k];
        html_printf(req, "<li><a href=\"/accompagnement/dossiers/%lld\">%h"
                         "</a> — %h, %h%s%h</li>\n", (long long)c->id,
                    c->zReference, c->zProject, c->zStatus,
                    c->zPlace[0] ? ", " : "" /*trusted*/, c->zPlace);
      }
      html_printf(req, "</ul>\n");
    }
    html_printf(req, "</article>\n");
  }
  page_end(req);
}
