/*
** observatory/pages_home.c: the drill-down France → région → département
** → EPCI, the commune search, the exports of those views and the contour
** files the maps draw.
**
** Each level is one page: key figures, the indicator selector, the map
** beside the sortable table of the level below, exports and provenance.
** The commune sheet is pages_commune.c.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "observatory/pages.h"
#include "territory/scope.h"
#include "web/kit.h"

/* Links to the tools that act on the figures. */
static void obs_tool_cards(Req *req)
{
  html_printf(req,
      "<h2 id=\"outils\">Agir</h2>\n"
      "<ul class=\"cards\" aria-labelledby=\"outils\">\n"
      "<li class=\"card card-link\"><h3 class=\"card-title\">"
      "<a href=\"/observatoire/simulation\">Simuler une décision</a></h3>"
      "<p>Ajouter ou retirer des médecins, ouvrir une antenne : l'effet "
      "simulé ajouté à l'APL officielle, et les communes qui changent de "
      "classe, par leur nom.</p>"
      "<p class=\"card-meta\">Comptes de la collectivité (les élus en "
      "lecture seule simulent sans enregistrer)</p></li>\n"
      "<li class=\"card card-link\"><h3 class=\"card-title\">"
      "<a href=\"/observatoire/implantation\">Où agir d'abord</a></h3>"
      "<p>Les communes où un médecin de plus, ou une antenne, sort le "
      "plus d'habitants de la zone sous-dense.</p>"
      "<p class=\"card-meta\">Ouvert à tous</p></li>\n"
      "</ul>\n");
}

/* Page header of a level: eyebrow, h1, and the lead sentence. */
static void obs_level_header(Req *req, const char *zEyebrow,
                             const char *zTitle, const char *zLead)
{
  html_printf(req,
      "<p class=\"eyebrow\">%h</p>\n<h1>%h</h1>\n<p class=\"lead\">%h</p>\n",
      zEyebrow, zTitle, zLead);
}

/* The view and the area of level lvl whose code is the path's: its index,
** or -1 with a reply queued (the 404 page names the code). */
static int obs_area_or_reply(Req *req, ObspView *v, ObsLevel lvl,
                             const char *zTitle, const char *zSentence)
{
  const char *zCode = req_arg(req, "code");
  int iArea = -1;
  int rc = obsp_view_or_reply(req, v);
  if (rc < 0) return -1;
  if (rc == 1 || (iArea = obs_area_find(v->m, lvl, zCode)) < 0) {
    obsp_view_release(v);
    obsp_not_found(req, zTitle, zSentence, zCode);
    return -1;
  }
  return iArea;
}

/* The head of the page of area iArea (title zTitle): breadcrumb, header,
** key figures and the indicator selector. */
static void obs_area_head(Req *req, const ObspView *v, int iArea,
                          const char *zTitle, const char *zEyebrow,
                          const char *zLead)
{
  const ObsArea *a = &v->m->aArea[iArea];
  page_begin(req, zTitle);
  obsp_assets(req, 1);
  obsp_breadcrumb(req, v, a->level, iArea);
  obs_level_header(req, zEyebrow, a->zName, zLead);
  obsp_area_stats(req, v, iArea);
  obsp_selector(req, v, obsp_area_href(req, v->m, iArea));
}

/* The instance's territory (territory/scope.h), when one is set: its
** figures counted over its own communes, and its départements. */
static void obs_scope_section(Req *req, const ObspView *v)
{
  TerrScope sc;
  Err err = {0};
  if (terr_scope_load(req_db(req), req_arena(req), &sc, &err) || !sc.nDep) {
    return;
  }
  ObsScopeFigures f;
  obs_scope_figures(v->m, sc.azDep, sc.nDep, &f);
  if (!f.nDep) return;
  html_printf(req,
      "<section class=\"card obs-scope\" aria-labelledby=\"territoire\">\n"
      "<h2 id=\"territoire\" class=\"card-title\">Votre territoire : %h</h2>\n"
      "<ul class=\"obs-stats\">\n"
      "<li class=\"stat\"><span class=\"stat-value\">%s</span><span "
      "class=\"stat-label\">APL publiée par la DREES %d, moyenne pondérée "
      "sur ses seules communes</span></li>\n"
      "<li class=\"stat\"><span class=\"stat-value\">%s</span><span "
      "class=\"stat-label\">de sa population en zone prioritaire</span></li>"
      "\n<li class=\"stat\"><span class=\"stat-value\">%d</span><span "
      "class=\"stat-label\">communes</span></li>\n</ul>\n<p>",
      sc.zName,
      obsp_apl_text(req, f.aplRef) /*trusted*/,
      v->m->refVintage,
      isnan(f.sharePriority)
          ? "pas de donnée" /*trusted*/
          : html_mprintf(req, "%.0F %%", 100 * f.sharePriority) /*trusted*/,
      f.nCommune);
  for (int k = 0; k < f.nDep; k++) {
    const ObsArea *a = &v->m->aArea[f.aArea[k]];
    html_printf(req, "%s<a href=\"%h\">%h (%h)</a> — <a href=\"/observatoire"
                     "/implantation?territoire=departement:%u\">où agir "
                     "d'abord</a>",
                k ? " ; " /*trusted*/ : "" /*trusted*/,
                obsp_area_href(req, v->m, f.aArea[k]), a->zName, a->zCode,
                a->zCode);
  }
  html_printf(req, "</p>\n</section>\n");
}

/* GET /observatoire: France and its régions.
** ROUTE: GET /observatoire public
*/
void obs_page_home(Req *req)
{
  ObspView v;
  ObspRow *aRow;
  int rc = obsp_view_or_reply(req, &v), n;
  if (rc < 0) return;
  page_begin(req, "Observatoire de l'accès aux soins");
  obsp_assets(req, rc == 0);
  obs_level_header(req, "Observatoire", "L'accès aux médecins généralistes",
                   "L'accessibilité potentielle localisée (APL) mesure, "
                   "pour chaque commune, les consultations de médecine "
                   "générale accessibles par habitant et par an. Choisissez "
                   "une région, puis un département, jusqu'à la commune.");
  obsp_search_form(req, NULL);
  if (rc == 1) {
    obsp_no_data(req);
    page_end(req);
    return;
  }
  obs_scope_section(req, &v);
  html_printf(req, "<h2 id=\"france\">France, millésime %d</h2>\n",
              v.key.vintage);
  obsp_area_stats(req, &v, 0);
  obsp_selector(req, &v, "/observatoire");
  n = obsp_area_rows(req, &v, 0, &aRow);
  obsp_map_and_table(req, &v, "Régions", "Région", aRow, n,
                     "/api/v1/contours", "/observatoire");
  obsp_export_links(req, html_mprintf(req, "/api/v1/export?contenu="
                                       "territoires&millesime=%d",
                                       v.key.vintage), "les régions");
  obs_tool_cards(req);
  obsp_provenance(req, v.m);
  obsp_view_release(&v);
  page_end(req);
}

/* GET /observatoire/regions/{code}: a région and its départements.
** ROUTE: GET /observatoire/regions/{code} public
*/
void obs_page_region(Req *req)
{
  ObspView v;
  ObspRow *aRow;
  int iArea = obs_area_or_reply(req, &v, OBS_REGION, "Région introuvable",
                                "Aucune région ne porte le code");
  if (iArea < 0) return;
  const ObsArea *a = &v.m->aArea[iArea];
  const char *zBase = obsp_area_href(req, v.m, iArea);
  obs_area_head(req, &v, iArea, a->zName,
                arena_printf(req_arena(req), "Région %s", a->zCode),
                "L'accès aux médecins généralistes dans la région, "
                "département par département.");
  int n = obsp_area_rows(req, &v, iArea, &aRow);
  obsp_map_and_table(req, &v,
                     arena_printf(req_arena(req), "Départements de %s",
                                  a->zName),
                     "Département", aRow, n,
                     html_mprintf(req, "/api/v1/contours/region/%u", a->zCode),
                     zBase);
  obsp_export_links(req, html_mprintf(req, "/api/v1/export/region/%u?"
                                       "contenu=territoires&millesime=%d",
                                       a->zCode, v.key.vintage),
                    "les départements");
  obsp_provenance(req, v.m);
  obsp_view_release(&v);
  page_end(req);
}

/* The EPCIs of a département, as a compact list of links. */
static void obs_epci_list(Req *req, const ObspView *v, int iArea)
{
  int *aChild = NULL;
  int n = obs_area_children(v->m, iArea, &aChild);
  const char *zQ = obsp_view_query(req, v);
  if (n > 0) {
    html_printf(req,
        "<h2 id=\"epci\">Intercommunalités (EPCI)</h2>\n"
        "<div class=\"table-wrap obs-epci-list\" tabindex=\"0\" "
        "role=\"region\" aria-labelledby=\"epci-titre\">\n"
        "<table class=\"table-stack\">\n<caption id=\"epci-titre\">%d "
        "intercommunalités ayant des communes dans le département</caption>\n"
        "<thead><tr><th scope=\"col\">Intercommunalité</th><th scope=\"col\" "
        "class=\"num\">APL DREES</th><th scope=\"col\">Zone</th><th scope=\"col\" "
        "class=\"num\">Communes</th><th scope=\"col\" class=\"num\">"
        "Population</th></tr></thead>\n<tbody>\n", n);
    for (int i = 0; i < n; i++) {
      const ObsArea *e = &v->m->aArea[aChild[i]];
      html_printf(req,
          "<tr><th scope=\"row\"><a href=\"%h%s%s\">%h</a></th>"
          "<td class=\"num\" data-label=\"APL DREES\">%s</td>"
          "<td data-label=\"Zone\">%s</td>"
          "<td class=\"num\" data-label=\"Communes\">%d</td>"
          "<td class=\"num\" data-label=\"Population\">%.0F</td></tr>\n",
          obsp_area_href(req, v->m, aChild[i]),
          zQ[0] ? "?" /*trusted*/ : "" /*trusted*/, zQ /*trusted*/,
          e->zName, obsp_apl_text(req, e->aplRef) /*trusted*/,
          obsp_zone_badge(req, isnan(e->aplRef)
                                   ? -1
                                   : acc_zone(&v->m->key.params, e->aplRef))
              /*trusted*/,
          e->nCommune, e->popTotal > 0 ? e->popTotal : e->pop);
    }
    html_printf(req, "</tbody></table></div>\n");
  }
  free(aChild);
}

/* The communes of area iArea, its nodes aNode[0..n-1] (freed here): map
** (contours at zContours, or the nodes' own when NULL) and table, then
** the export links of /api/v1/export/zLevel/{code}. */
static void obs_area_communes(Req *req, const ObspView *v, int iArea,
                              int *aNode, int n, const char *zContours,
                              const char *zLevel)
{
  const ObsArea *a = &v->m->aArea[iArea];
  ObspRow *aRow;
  if (!zContours) zContours = obsp_contours_of(req, v->m, aNode, n);
  n = obsp_node_rows(req, v, aNode, n, &aRow);
  free(aNode);
  obsp_map_and_table(req, v,
                     arena_printf(req_arena(req), "Communes de %s", a->zName),
                     "Commune", aRow, n, zContours,
                     obsp_area_href(req, v->m, iArea));
  obsp_export_links(req, html_mprintf(req, "/api/v1/export/%u/%u?"
                                       "millesime=%d", zLevel, a->zCode,
                                       v->key.vintage), "les communes");
}

/* GET /observatoire/departements/{code}: a département, its communes.
** ROUTE: GET /observatoire/departements/{code} public
*/
void obs_page_departement(Req *req)
{
  ObspView v;
  int *aNode = NULL;
  int iArea = obs_area_or_reply(req, &v, OBS_DEPARTEMENT,
                                "Département introuvable",
                                "Aucun département ne porte le code");
  if (iArea < 0) return;
  const ObsArea *a = &v.m->aArea[iArea];
  Arena *pA = req_arena(req);
  obs_area_head(req, &v, iArea,
                arena_printf(pA, "%s (%s)", a->zName, a->zCode),
                arena_printf(pA, "Département %s", a->zCode),
                "L'accès aux médecins généralistes commune par commune. "
                "Cliquez une commune pour sa fiche.");
  int n = obs_area_nodes(v.m, iArea, &aNode);
  obs_area_communes(req, &v, iArea, aNode, n,
                    html_mprintf(req, "/api/v1/contours/departement/%u",
                                 a->zCode),
                    "departement");
  obs_epci_list(req, &v, iArea);
  html_printf(req, "<p><a class=\"btn btn-secondary\" href=\"/observatoire/"
                   "implantation?%hterritoire=departement:%u\">Où agir d'abord "
                   "dans ce département</a></p>\n", obsp_key_query(req),
              a->zCode);
  obsp_provenance(req, v.m);
  obsp_view_release(&v);
  page_end(req);
}

/* GET /observatoire/epci/{code}: an EPCI and its communes.
** ROUTE: GET /observatoire/epci/{code} public
*/
void obs_page_epci(Req *req)
{
  ObspView v;
  int *aNode = NULL;
  int iArea = obs_area_or_reply(req, &v, OBS_EPCI,
                                "Intercommunalité introuvable",
                                "Aucune intercommunalité (EPCI) ne porte le "
                                "numéro SIREN");
  if (iArea < 0) return;
  const ObsArea *a = &v.m->aArea[iArea];
  obs_area_head(req, &v, iArea, a->zName,
                arena_printf(req_arena(req), "Intercommunalité — SIREN %s",
                             a->zCode),
                "L'accès aux médecins généralistes dans les communes "
                "membres.");
  int n = obs_area_nodes(v.m, iArea, &aNode);
  obs_area_communes(req, &v, iArea, aNode, n, NULL, "epci");
  obsp_provenance(req, v.m);
  obsp_view_release(&v);
  page_end(req);
}

/* GET /observatoire/recherche?q=: communes by name or postal code; a
** single match goes straight to its sheet.
** ROUTE: GET /observatoire/recherche public
*/
void obs_page_search(Req *req)
{
  const char *zQ = req_query(req, "q");
  LkPlace *a = NULL;
  Err err = {0};
  int n = 0;
  if (zQ && strlen(zQ) > 200) {
    reply_error(req, 400, "saisie_invalide", "Recherche trop longue.", "q");
    return;
  }
  if (zQ && zQ[0]) {
    n = lookup_search(req_db(req), req_arena(req), zQ, 50, &a, &err);
    if (n < 0) {
      reply_incident(req, &err);
      return;
    }
    if (n == 1) {
      reply_redirect(req, html_mprintf(req, "/observatoire/communes/%u",
                                       a[0].zCode));
      return;
    }
  }
  page_begin(req, zQ && zQ[0] ? arena_printf(req_arena(req), "Recherche « %s »", zQ)
                              : "Rechercher une commune");
  obsp_assets(req, 0);
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Recherche", NULL,
                 NULL);
  html_printf(req, "<h1>Rechercher une commune</h1>\n");
  obsp_search_form(req, zQ);
  if (zQ && zQ[0]) {
    if (n == 0) {
      html_printf(req, "<div class=\"alert alert-info\" role=\"status\">"
                       "<p>Aucune commune ne correspond à « %h ». Vérifiez "
                       "l'orthographe ou essayez le code postal.</p></div>\n",
                  zQ);
    } else {
      html_printf(req,
          "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
          "aria-labelledby=\"resultats\">\n<table class=\"table-stack\">\n"
          "<caption id=\"resultats\">%d communes pour « %h »%s</caption>\n"
          "<thead><tr><th scope=\"col\">Commune</th><th scope=\"col\">"
          "Codes postaux</th><th scope=\"col\">Département</th>"
          "<th scope=\"col\" class=\"num\">Population</th></tr></thead>\n"
          "<tbody>\n", n, zQ,
          n == 50 ? " (les 50 premières)" /*trusted*/ : "" /*trusted*/);
      for (int i = 0; i < n; i++) {
        html_printf(req,
            "<tr><th scope=\"row\"><a href=\"/observatoire/communes/%u\">"
            "%h</a> <span class=\"muted small\">%h</span></th>"
            "<td data-label=\"Codes postaux\">%h</td>"
            "<td data-label=\"Département\">%h</td>"
            "<td class=\"num\" data-label=\"Population\">%.0F</td></tr>\n",
            a[i].zCode, a[i].zName, a[i].zCode, a[i].zPostal, a[i].zDep,
            a[i].population >= 0 ? (double)a[i].population : NAN);
      }
      html_printf(req, "</tbody></table></div>\n");
    }
  }
  page_end(req);
}
