/*
** observatory/pages_scenario.c: saved what-if scenarios -- the list,
** one scenario recomputed on the snapshot of its own key (map, tables,
** exports through the JSON API), two scenarios side by side, deletion.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "observatory/obs_api.h"
#include "observatory/pages.h"
#include "web/kit.h"
#include "workforce/workforce.h"

/* ?{zName}= as a positive id, else 0. */
static int64_t scen_id(const char *z)
{
  long id;
  if (!z || str_to_long(z, &id) || id <= 0) return 0;
  return id;
}

/* "2026-11-23T11:01:00Z" as "23/11/2026 à 11:01 UTC" (as is otherwise). */
static const char *scen_when(Req *req, const char *z)
{
  if (!z || strlen(z) < 16 || z[4] != '-' || z[10] != 'T') return z ? z : "";
  return arena_printf(req_arena(req), "%.2s/%.2s/%.4s à %.5s UTC", z + 8,
                      z + 5, z, z + 11);
}

static void scen_crumbs(Req *req, const char *zLast)
{
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Scénarios",
                 "/observatoire/scenarios", zLast, NULL, NULL);
}

/* The changes of s as a list. */
static void scen_changes(Req *req, const ObsModel *m, const ObsScenario *s)
{
  html_printf(req, "<ul class=\"obs-change-list\">\n");
  for (int k = 0; k < s->nChange; k++) {
    const ObsChange *c = &s->aChange[k];
    int i = m ? obs_node_find(m, c->zCode) : -1;
    const char *zName = i >= 0 ? m->in.azName[i] : c->zCode;
    if (c->zStructure[0]) {
      html_printf(req, "<li>%h de %.1F ETP à <strong>%h</strong> <span "
                       "class=\"muted small\">%h</span> (effet : estimation "
                       "oasis)</li>\n", wf_kind_label(c->zStructure), c->fte,
                  zName, c->zCode);
    } else if (c->isAntenna) {
      html_printf(req, "<li>Antenne de %.1F ETP à <strong>%h</strong> "
                       "<span class=\"muted small\">%h</span></li>\n",
                  c->fte, zName, c->zCode);
    } else {
      html_printf(req, "<li>%s%.1F ETP à <strong>%h</strong> <span "
                       "class=\"muted small\">%h</span></li>\n",
                  c->fte > 0 ? "+" /*trusted*/ : "" /*trusted*/, c->fte,
                  zName, c->zCode);
    }
  }
  html_printf(req, "</ul>\n");
}

/* Select of saved scenarios named zName, with id selected. */
static void scen_select(Req *req, const char *zName, const char *zLabel,
                        const ObsScenario *a, int n, int64_t idSel)
{
  html_printf(req, "<div class=\"field\"><label for=\"%h\">%h</label>"
                   "<select id=\"%h\" name=\"%h\">\n", zName, zLabel, zName,
              zName);
  for (int i = 0; i < n; i++) {
    html_printf(req, "<option value=\"%lld\"%s>%h (n° %lld)</option>\n",
                (long long)a[i].id,
                a[i].id == idSel ? " selected" /*trusted*/ : "" /*trusted*/,
                a[i].zName, (long long)a[i].id);
  }
  html_printf(req, "</select></div>\n");
}

/* ROUTE: GET /observatoire/scenarios lecteur */
void obs_page_scenarios(Req *req)
{
  ObsScenario *a = NULL;
  int n = obs_scenario_list(req_db(req), &a);
  page_begin(req, "Scénarios enregistrés");
  obsp_assets(req, 0);
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Scénarios", NULL,
                 NULL);
  html_printf(req,
      "<div class=\"page-header\"><h1>Scénarios enregistrés</h1>\n"
      "<a class=\"btn\" href=\"/observatoire/simulation\">Nouvelle "
      "simulation</a></div>\n");
  if (n <= 0) {
    html_printf(req, "<p>Aucun scénario n'est encore enregistré. Une "
                     "simulation peut être enregistrée sous un nom depuis "
                     "la page <a href=\"/observatoire/simulation\">Simuler "
                     "une décision</a>.</p>\n");
    page_end(req);
    obs_scenario_list_free(a, n > 0 ? n : 0);
    return;
  }
  html_printf(req,
      "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"liste-titre\">\n<table class=\"table-stack\">\n"
      "<caption id=\"liste-titre\">%d scénarios, les plus récents d'abord"
      "</caption>\n<thead><tr><th scope=\"col\">Scénario</th><th "
      "scope=\"col\" class=\"num\">Modifications</th><th scope=\"col\">"
      "Millésime</th><th scope=\"col\">Auteur</th><th scope=\"col\">Créé le"
      "</th></tr></thead>\n<tbody>\n", n);
  for (int i = 0; i < n; i++) {
    html_printf(req,
        "<tr><th scope=\"row\"><a href=\"/observatoire/scenarios/%lld\">%h"
        "</a></th><td class=\"num\" data-label=\"Modifications\">%d</td>"
        "<td data-label=\"Millésime\">%d</td><td data-label=\"Auteur\">%h"
        "</td><td data-label=\"Créé le\">%h</td></tr>\n",
        (long long)a[i].id, a[i].zName, a[i].nChange, a[i].key.vintage,
        a[i].zAuthor ? a[i].zAuthor : "—", scen_when(req, a[i].zCreated));
  }
  html_printf(req, "</tbody></table></div>\n");
  if (n >= 2) {
    html_printf(req, "<h2 id=\"comparer\">Comparer deux scénarios</h2>\n"
                     "<form class=\"obs-selector\" method=\"get\" "
                     "action=\"/observatoire/scenarios/comparaison\">\n");
    scen_select(req, "a", "Scénario A", a, n, a[0].id);
    scen_select(req, "b", "Scénario B", a, n, a[1].id);
    html_printf(req, "<div class=\"obs-selector-go\"><button type=\"submit\">"
                     "Comparer</button></div>\n</form>\n");
  }
  obs_scenario_list_free(a, n);
  page_end(req);
}

/* The scenario id's model and what-if; 0, or a reply was queued. */
static int scen_load(Req *req, int64_t id, const char *zId, ObsScenario *s,
                     ObsModel **pm, ObsWhatIf *w)
{
  Err err = {0};
  memset(w, 0, sizeof *w);
  *pm = NULL;
  if (!id || obs_scenario_load(req_db(req), id, s, &err)) {
    obsp_not_found(req, "Scénario introuvable",
                   "Aucun scénario enregistré ne porte le numéro", zId);
    return -1;
  }
  *pm = obs_model_get(req_db(req), &s->key, &err);
  if (!*pm) {
    reply_error(req, 404, "introuvable", err.zMsg, "millesime");
    obs_scenario_clear(s);
    return -1;
  }
  if (obs_whatif_run(*pm, s->aChange, s->nChange, w, &err)) {
    reply_error(req, 409, "conflit",
                html_mprintf(req, "Ce scénario ne s'applique plus aux "
                                  "données actuelles : %h", err.zMsg),
                err.zField);
    obs_model_release(*pm);
    obs_scenario_clear(s);
    return -1;
  }
  return 0;
}

/* ROUTE: GET /observatoire/scenarios/{id} lecteur */
void obs_page_scenario(Req *req)
{
  const char *zId = req_arg(req, "id");
  int64_t id = kit_arg_id_or_404(req, "id");
  ObsScenario s;
  ObsModel *m;
  ObsWhatIf w;
  if (!id || scen_load(req, id, zId, &s, &m, &w)) return;
  int iFirst = s.nChange > 0 ? obs_node_find(m, s.aChange[0].zCode) : -1;
  int iDep = iFirst >= 0 ? m->aNodeDep[iFirst] : -1;
  page_begin(req, arena_printf(req_arena(req), "Scénario « %s »",
                                s.zName));
  obsp_assets(req, 1);
  scen_crumbs(req, s.zName);
  html_printf(req, "<p class=\"eyebrow\">Scénario n° %lld</p>\n<h1>%h</h1>\n"
                   "<p class=\"muted\">Enregistré le %h%s%h, millésime %d, "
                   "offre « %h ».</p>\n<h2 id=\"changements\">Décision "
                   "simulée</h2>\n",
              (long long)s.id, s.zName, scen_when(req, s.zCreated),
              s.zAuthor ? " par " /*trusted*/ : "" /*trusted*/,
              s.zAuthor ? s.zAuthor : "", s.key.vintage, s.key.zSupply);
  scen_changes(req, m, &s);
  obsp_whatif_result(req, m, &w, 1);
  if (iDep >= 0) {
    obsp_export_links(req, html_mprintf(req, "/api/v1/scenarios/%lld/export?"
                                             "territoire=departement:%u",
                                        (long long)s.id,
                                        m->aArea[iDep].zCode),
                      html_mprintf(req, "les communes du département (%h), "
                                        "APL avant et après",
                                   m->aArea[iDep].zName));
  }
  obsp_provenance(req, m);
  if (req_role(req) >= ROLE_AGENT) {
    form_begin(req, html_mprintf(req, "/observatoire/scenarios/%lld/"
                                      "suppression", (long long)s.id));
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\" "
                     "class=\"btn-danger\">Supprimer ce scénario</button>"
                     "</div>\n");
    form_end(req);
  }
  obs_whatif_free(&w);
  obs_model_release(m);
  obs_scenario_clear(&s);
  page_end(req);
}

/* « APL officielle + effet simulé » after scenario w for node i (the
** official APL when unchanged), and its indicative class. */
static double scen_after(const ObsModel *m, const ObsWhatIf *w, int i,
                         int *pZone)
{
  for (int k = 0; k < w->nDelta; k++) {
    if (w->aDelta[k].iNode == i) {
      *pZone = w->aDelta[k].zoneAfter;
      return w->aDelta[k].refAfter;
    }
  }
  double v = m->aAplRef[i];
  *pZone = isnan(v) ? -1 : acc_zone(&m->key.params, v);
  return v;
}

/* GET /observatoire/scenarios/comparaison?a=&b=
** ROUTE: GET /observatoire/scenarios/comparaison lecteur
*/
void obs_page_compare(Req *req)
{
  const char *azId[2] = {req_query(req, "a"), req_query(req, "b")};
  ObsScenario s[2];
  ObsModel *m[2];
  ObsWhatIf w[2];
  for (int j = 0; j < 2; j++) {
    if (scen_load(req, scen_id(azId[j]), azId[j] ? azId[j] : "", &s[j],
                  &m[j], &w[j])) {
      if (j == 1) {
        obs_whatif_free(&w[0]);
        obs_model_release(m[0]);
        obs_scenario_clear(&s[0]);
      }
      return;
    }
  }
  page_begin(req, "Comparer deux scénarios");
  obsp_assets(req, 0);
  scen_crumbs(req, "Comparaison");
  html_printf(req, "<h1>Comparer deux scénarios</h1>\n<div class=\"grid-2 "
                   "obs-compare\">\n");
  for (int j = 0; j < 2; j++) {
    html_printf(req,
        "<section class=\"card\" aria-labelledby=\"sc-%d\"><h2 id=\"sc-%d\" "
        "class=\"card-title\"><a href=\"/observatoire/scenarios/%lld\">%h</a>"
        "</h2>\n", j, j, (long long)s[j].id, s[j].zName);
    scen_changes(req, m[j], &s[j]);
    html_printf(req,
        "<dl class=\"facts\"><dt>Communes dont l'APL change</dt><dd>%d</dd>"
        "<dt>Communes qui changent de classe indicative</dt><dd>%d</dd><dt>Habitants "
        "sortis de la zone sous-dense</dt><dd>%.0F</dd><dt>Habitants entrés "
        "en zone sous-dense</dt><dd>%.0F</dd><dt>Millésime</dt><dd>%d</dd>"
        "</dl>\n",
        w[j].nDelta, w[j].nZoneChanged, w[j].popLifted, w[j].popLowered,
        s[j].key.vintage);
    int iFirst = s[j].nChange > 0 ? obs_node_find(m[j], s[j].aChange[0].zCode)
                                  : -1;
    int iDep = iFirst >= 0 ? m[j]->aNodeDep[iFirst] : -1;
    if (iDep >= 0) {
      obsp_export_links(req, html_mprintf(req, "/api/v1/scenarios/%lld/"
                                               "export?territoire="
                                               "departement:%u",
                                          (long long)s[j].id,
                                          m[j]->aArea[iDep].zCode),
                        "ce scénario");
    }
    html_printf(req, "</section>\n");
  }
  html_printf(req, "</div>\n");
  /* the communes either scenario changes, on scenario A's snapshot */
  int isSame = obs_key_equal(&s[0].key, &s[1].key);
  if (!isSame) {
    html_printf(req, "<p class=\"alert alert-info\">Les deux scénarios "
                     "portent sur des millésimes ou des paramètres "
                     "différents : seuls les chiffres clés se comparent."
                     "</p>\n");
  } else {
    const ObsModel *pm = m[0];
    char *aSeen = arena_alloc(req_arena(req), (size_t)pm->n + 1);
    int nRow = 0;
    memset(aSeen, 0, (size_t)pm->n + 1);
    html_printf(req,
        "<div class=\"table-wrap obs-table\" tabindex=\"0\" role=\"region\" "
        "aria-labelledby=\"cmp-titre\">\n<table class=\"table-stack\">\n"
        "<caption id=\"cmp-titre\">Communes dont la classe indicative change "
        "dans l'un des scénarios (APL officielle + effet simulé)</caption>\n"
        "<thead><tr><th scope=\"col\">Commune</th>"
        "<th scope=\"col\" class=\"num\">APL officielle</th><th scope=\"col\" "
        "class=\"num\">APL avec A</th><th scope=\"col\">Zone avec A</th>"
        "<th scope=\"col\" class=\"num\">APL avec B</th><th scope=\"col\">"
        "Zone avec B</th></tr></thead>\n<tbody>\n");
    for (int j = 0; j < 2; j++) {
      for (int k = 0; k < w[j].nDelta; k++) {
        const ObsDelta *d = &w[j].aDelta[k];
        int i = d->iNode, zA, zB;
        double aA, aB;
        if (aSeen[i] || d->zoneBefore == d->zoneAfter) continue;
        aSeen[i] = 1;
        nRow++;
        aA = scen_after(pm, &w[0], i, &zA);
        aB = scen_after(pm, &w[1], i, &zB);
        html_printf(req,
            "<tr><th scope=\"row\"><a href=\"%h\">%h</a> <span class=\"muted "
            "small\">%h</span></th><td class=\"num\" data-label=\"APL "
            "actuelle\">%s</td><td class=\"num\" data-label=\"APL avec A\">"
            "%s</td><td data-label=\"Zone avec A\">%s</td><td class=\"num\" "
            "data-label=\"APL avec B\">%s</td><td data-label=\"Zone avec "
            "B\">%s</td></tr>\n",
            obsp_node_href(req, pm, i), pm->in.azName[i], pm->in.azCode[i],
            obsp_apl_text(req, pm->aAplRef[i]) /*trusted*/,
            obsp_apl_text(req, aA) /*trusted*/,
            obsp_zone_badge(req, zA) /*trusted*/,
            obsp_apl_text(req, aB) /*trusted*/,
            obsp_zone_badge(req, zB) /*trusted*/);
      }
    }
    if (nRow == 0) {
      html_printf(req, "<tr><td colspan=\"6\">Aucune commune ne change de "
                       "zone dans ces scénarios.</td></tr>\n");
    }
    html_printf(req, "</tbody></table></div>\n");
  }
  for (int j = 0; j < 2; j++) {
    obs_whatif_free(&w[j]);
    obs_model_release(m[j]);
    obs_scenario_clear(&s[j]);
  }
  page_end(req);
}

/* ROUTE: POST /observatoire/scenarios/{id}/suppression agent */
void obs_post_scenario_delete(Req *req)
{
  const char *zId = req_arg(req, "id");
  int64_t id = kit_arg_id_or_404(req, "id");
  Err err = {0};
  if (!id) return;
  int rc = obs_act_scenario_delete(req, id, &err);
  if (rc == ERR_NOTFOUND) {
    obsp_not_found(req, "Scénario introuvable",
                   "Aucun scénario enregistré ne porte le numéro", zId);
    return;
  }
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  reply_redirect(req, "/observatoire/scenarios");
}
