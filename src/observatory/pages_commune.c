/*
** observatory/pages_commune.c: the commune sheet (fiche commune),
** GET /observatoire/communes/{code}.
**
** Population, APL and its rank, zone class and the threshold behind it,
** GPs in the commune and within reach, structures, evolution over the
** stored vintages, comparison with the EPCI, département, région and
** France, the projection at 5 and 10 years, and where every figure comes
** from.  Printable (obs.css hides the tools in print) and exportable
** through the JSON API.  Figures come from obs.h; centres de santé from
** the ObsSource installed at start (obs.h).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "observatory/pages.h"
#include "workforce/workforce.h"
#include "web/kit.h"
#include "territory/lookup.h"

/* One key figure. */
static void fiche_stat(Req *req, const char *zValue, const char *zLabel)
{
  html_printf(req, "<li class=\"stat\"><span class=\"stat-value\">%h</span>"
                   "<span class=\"stat-label\">%h</span></li>\n",
              zValue, zLabel);
}

/* The health equipment the INSEE BPE counts in the commune, as <dt>/<dd>
** pairs, or why there is none to show. */
static void fiche_equipment(Req *req, const char *zCode)
{
  LkEquipment *a = NULL;
  int vintage = 0;
  Err err = {0};
  int n = lookup_equipment(req_db(req), req_arena(req), zCode, &a, &vintage,
                           &err);
  html_printf(req, "<dt>Équipements de santé (INSEE, BPE");
  if (vintage) html_printf(req, " %d", vintage);
  html_printf(req, ")</dt><dd>");
  if (n < 0) {
    html_printf(req, "non disponibles (%h)", err.zMsg);
  } else if (!vintage) {
    html_printf(req, "non importés");
    if (req_role(req) >= ROLE_AGENT) {
      html_printf(req, " : chargez la base permanente des équipements avec "
                       "<code>oasis import equipment</code>");
    }
  } else if (n == 0) {
    html_printf(req, "aucun centre de santé, maison de santé, pharmacie ni "
                     "autre équipement de santé recensé");
  } else {
    for (int i = 0; i < n; i++) {
      html_printf(req, "%s%h : %d", i ? " ; " : "" /*trusted*/, a[i].zLabel,
                  a[i].n);
    }
    html_printf(req, "<br><small>Fichier : %h</small>", a[0].zFile);
  }
  html_printf(req, "</dd>\n");
}

/* The structures directory's entries in the commune (workforce: MSP,
** centres de santé, CPTS, pharmacies, teleconsultation points; those the
** latest FINESS extraction no longer lists are left out). */
static void fiche_directory(Req *req, const char *zCode)
{
  WfStructure *a;
  int n, nShown = 0;
  Err err = {0};
  html_printf(req, "<dt>Maisons de santé, CPTS, pharmacies, "
                   "téléconsultation</dt><dd>");
  if (wf_structures_list(req_db(req), req_arena(req), zCode, NULL, &a, &n,
                         &err)) {
    html_printf(req, "non disponibles (%h)</dd>\n", err.zMsg);
    return;
  }
  for (int k = 0; k < n; k++) {
    if (a[k].zMissingSince[0]) continue;
    if (nShown++ == 0) html_printf(req, "<ul class=\"obs-structure-list\">");
    html_printf(req, "<li>%h — %h</li>", a[k].zName,
                wf_kind_label(a[k].zKind));
  }
  if (nShown) html_printf(req, "</ul>");
  else html_printf(req, "aucune au répertoire des structures. ");
  html_printf(req, "<a href=\"/observatoire/structures?commune=%u\">"
                   "Répertoire des structures</a></dd>\n", zCode);
}

/* Centres de santé open in the commune today (the ObsSource), and what
** is not imported. */
static void fiche_structures(Req *req, const char *zCode)
{
  ObsExtraSupply *a = NULL;
  int n = 0;
  Err err = {0};
  const ObsExtraSupply *pHit = NULL;
  const ObsSource *pSrc = obs_source();
  if (pSrc && pSrc->xSupply &&
      pSrc->xSupply(req_db(req), req_arena(req), clock_today(), &a, &n,
                    &err) == 0) {
    for (int i = 0; i < n; i++) {
      if (strcmp(a[i].zCommune, zCode) == 0) pHit = &a[i];
    }
  }
  html_printf(req, "<section aria-labelledby=\"structures\">\n"
                   "<h2 id=\"structures\">Structures de soins</h2>\n"
                   "<dl class=\"facts\">\n<dt>Centres de santé suivis dans "
                   "oasis</dt><dd>");
  if (err.code) {
    html_printf(req, "non disponibles (%h)", err.zMsg);
  } else if (pHit) {
    html_printf(req, "%d site%s ouvert%s aujourd'hui, %.1F ETP de médecins "
                     "salariés", pHit->nSite,
                pHit->nSite > 1 ? "s" : "" /*trusted*/,
                pHit->nSite > 1 ? "s" : "" /*trusted*/, pHit->fte);
  } else {
    html_printf(req, "aucun site ouvert dans la commune");
  }
  html_printf(req, "</dd>\n");
  fiche_equipment(req, zCode);
  html_printf(req, "<dt>Praticiens</dt><dd><a href=\"/observatoire/"
                   "praticiens/commune/%h\">Qui exerce dans la commune</a> "
                   "(répertoire des praticiens : âges par tranche ; les noms "
                   "pour les agents seulement)</dd>\n", zCode);
  fiche_directory(req, zCode);
  html_printf(req, "</dl>\n</section>\n");
}

/* The APL of the commune per vintage: the DREES value first, our stored
** estimate beside it, oldest first. */
static void fiche_history(Req *req, const ObsModel *m, int i)
{
  ObsHistory h[16];
  int n = obs_history(req_db(req), m->in.azCode[i], h, 16);
  html_printf(req, "<section aria-labelledby=\"evolution\">\n"
                   "<h2 id=\"evolution\">Évolution</h2>\n");
  if (n <= 0) {
    html_printf(req, "<p>Aucun calcul enregistré pour cette commune : "
                     "l'évolution apparaîtra après le prochain calcul de "
                     "l'APL enregistré");
    if (req_role(req) >= ROLE_AGENT) {
      html_printf(req, " (<code>oasis apl --db … --store</code>)");
    }
    html_printf(req, ".</p>\n");
  } else {
    if (n > 16) n = 16;
    html_printf(req,
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
        "aria-labelledby=\"evolution-titre\">\n<table class=\"table-stack\">\n"
        "<caption id=\"evolution-titre\">APL par millésime : valeur publiée "
        "par la DREES, et estimation oasis</caption>\n<thead><tr>"
        "<th scope=\"col\">Millésime</th><th scope=\"col\" class=\"num\">"
        "APL DREES</th><th scope=\"col\" class=\"num\">Variation</th>"
        "<th scope=\"col\" class=\"num\">Estimation oasis</th>"
        "<th scope=\"col\" class=\"num\">Population</th></tr></thead>"
        "\n<tbody>\n");
    double prev = NAN;   /* the DREES value of the previous vintage */
    for (int k = 0; k < n; k++) {
      double ref = NAN;
      if (obs_reference_apl(req_db(req), m->in.azCode[i], h[k].vintage,
                            &ref)) {
        ref = NAN;
      }
      double d = ref - prev;
      html_printf(req, "<tr><th scope=\"row\">%d</th><td class=\"num\" "
                       "data-label=\"APL DREES\">%s</td><td class=\"num\" "
                       "data-label=\"Variation\">%s</td><td class=\"num\" "
                       "data-label=\"Estimation oasis\">%.2F</td>"
                       "<td class=\"num\" data-label=\"Population\">%.0F"
                       "</td></tr>\n",
                  h[k].vintage,
                  obsp_apl_text(req, ref) /*trusted*/,
                  isnan(d) ? "—" /*trusted*/
                           : html_mprintf(req, "%s%.2F",
                                          d > 0 ? "+" /*trusted*/
                                                : "" /*trusted*/, d)
                                 /*trusted*/,
                  h[k].apl, h[k].pop);
      prev = ref;
    }
    html_printf(req, "</tbody></table></div>\n");
  }
  html_printf(req, "</section>\n");
}

/* The commune beside its EPCI, département, région and France. */
static void fiche_compare(Req *req, const ObsModel *m, int i)
{
  int aIdx[4] = {m->aNodeEpci[i], m->aNodeDep[i], m->aNodeReg[i], 0};
  html_printf(req,
      "<section aria-labelledby=\"comparaison\">\n"
      "<h2 id=\"comparaison\">Comparaison</h2>\n"
      "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"comparaison-titre\">\n<table class=\"table-stack\">\n"
      "<caption id=\"comparaison-titre\">La commune et ses territoires "
      "(APL DREES %d, tous âges, moyenne pondérée par la population "
      "standardisée)</caption>\n"
      "<thead><tr><th scope=\"col\">Territoire</th><th scope=\"col\" "
      "class=\"num\">APL DREES</th><th scope=\"col\">Zone</th>"
      "<th scope=\"col\" class=\"num\">Médecins / 10 000 hab.</th>"
      "<th scope=\"col\" class=\"num\">Part de la population en zone "
      "prioritaire</th></tr></thead>\n<tbody>\n", m->refVintage);
  html_printf(req, "<tr class=\"obs-row-self\"><th scope=\"row\">%h "
                   "<span class=\"muted small\">commune</span></th>"
                   "<td class=\"num\" data-label=\"APL DREES\">%s</td>"
                   "<td data-label=\"Zone\">%s</td><td class=\"num\" "
                   "data-label=\"Médecins / 10 000 hab.\">%.1F</td>"
                   "<td class=\"num\" data-label=\"Part en zone "
                   "prioritaire\">—</td></tr>\n",
              m->in.azName[i], obsp_apl_text(req, m->aAplRef[i]) /*trusted*/,
              obsp_zone_info_badge(req, &m->aZone[i]) /*trusted*/,
              m->aCommune[i].density);
  for (int k = 0; k < 4; k++) {
    const ObsArea *a;
    double popAll;
    if (aIdx[k] < 0) continue;
    a = &m->aArea[aIdx[k]];
    popAll = a->aZonePop[0] + a->aZonePop[1] + a->aZonePop[2];
    html_printf(req, "<tr><th scope=\"row\"><a href=\"%h\">%h</a> "
                     "<span class=\"muted small\">%h</span></th>"
                     "<td class=\"num\" data-label=\"APL DREES\">%s</td>"
                     "<td data-label=\"Zone\">%s</td><td class=\"num\" "
                     "data-label=\"Médecins / 10 000 hab.\">%.1F</td>"
                     "<td class=\"num\" data-label=\"Part en zone "
                     "prioritaire\">%s</td></tr>\n",
                obsp_area_href(req, m, aIdx[k]),
                a->level == OBS_FRANCE ? "France" : a->zName,
                lookup_level_label((LkLevel)a->level),
                obsp_apl_text(req, a->aplRef) /*trusted*/,
                obsp_zone_badge(req, isnan(a->aplRef)
                                         ? -1
                                         : acc_zone(&m->key.params,
                                                    a->aplRef)) /*trusted*/,
                a->density,
                popAll > 0 ? html_mprintf(req, "%.0F %%",
                                          100 * a->aZonePop[0] / popAll)
                                 /*trusted*/
                           : "pas de donnée" /*trusted*/);
  }
  html_printf(req, "</tbody></table></div>\n</section>\n");
}

/* Projected APL at 5 and 10 years, or why it cannot be projected. */
static void fiche_forecast(Req *req, const ObsModel *m, int i, int age)
{
  ObsForecast f;
  Err err = {0};
  html_printf(req, "<section aria-labelledby=\"projection\">\n"
                   "<h2 id=\"projection\">Projection à 5 et 10 ans</h2>\n");
  html_printf(req, "<form class=\"obs-inline-form\" method=\"get\" "
                   "action=\"%h#projection\">", req_path(req));
  kit_input_ex(req, NULL, "age_retraite", "Âge de départ à la retraite",
               "number", arena_printf(req_arena(req), "%d", age),
               "entre 50 et 90 ans", "min=\"50\" max=\"90\" step=\"1\"");
  html_printf(req, "<button type=\"submit\" class=\"btn-secondary\">"
                   "Recalculer</button></form>\n");
  if (obs_forecast_run(req_db(req), m, age, &f, &err)) {
    html_printf(req, "<p>Projection indisponible : %h</p>\n</section>\n",
                err.zMsg);
    return;
  }
  if (!f.hasAges) {
    html_printf(req, "<div class=\"alert alert-info\"><p class=\"alert-title\">"
                     "Âges des médecins inconnus</p><p>Sans l'âge des "
                     "médecins, on ne peut pas dire combien partiront à la "
                     "retraite d'ici 5 ou 10 ans.</p><p class=\"small\">%h"
                     "</p></div>\n", f.zNote ? f.zNote : "");
  } else {
    html_printf(req,
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
        "aria-labelledby=\"projection-titre\">\n<table class=\"table-stack\">\n"
        "<caption id=\"projection-titre\">APL projetée si les médecins "
        "partent à %d ans (ou à la date de retraite déclarée au registre) "
        "et que personne ne s'installe : APL officielle DREES + effet "
        "simulé par oasis</caption>\n"
        "<thead><tr><th scope=\"col\">Horizon</th><th scope=\"col\" "
        "class=\"num\">APL officielle + effet simulé</th><th scope=\"col\" "
        "class=\"num\">Effet simulé</th><th scope=\"col\">Classe "
        "indicative</th></tr></thead>\n<tbody>\n<tr><th scope=\"row\">"
        "APL DREES %d</th><td class=\"num\" data-label=\"APL\">%s</td>"
        "<td class=\"num\" data-label=\"Effet simulé\">—</td>"
        "<td data-label=\"Classe\">%s</td></tr>\n",
        f.retireAge, m->refVintage,
        obsp_apl_text(req, m->aAplRef[i]) /*trusted*/,
        obsp_zone_info_badge(req, &m->aZone[i]) /*trusted*/);
    for (int k = 0; k < 2; k++) {
      double apl = obs_anchored(m, i, f.aApl[k][i]);
      html_printf(req, "<tr><th scope=\"row\">%d (dans %d ans)</th>"
                       "<td class=\"num\" data-label=\"APL\">%s</td>"
                       "<td class=\"num\" data-label=\"Effet simulé\">%.2F"
                       "</td><td data-label=\"Classe\">%s</td></tr>\n",
                  f.aYear[k], f.aYears[k], obsp_apl_text(req, apl) /*trusted*/,
                  f.aApl[k][i] - m->aApl[i],
                  obsp_zone_badge(req, isnan(apl)
                                           ? -1
                                           : acc_zone(&m->key.params, apl))
                      /*trusted*/);
    }
    html_printf(req, "</tbody></table></div>\n<p>Départs de médecins "
                     "(tout le territoire) : d'ici %d, <strong>%d</strong> à "
                     "la date déclarée et <strong>%d</strong> à %d ans "
                     "(hypothèse) ; d'ici %d, <strong>%d</strong> et "
                     "<strong>%d</strong>.</p>\n<p class=\"muted small\">%h"
                     "</p>\n", f.aYear[0], f.aGoneDeclared[0],
                f.aGoneAssumed[0], f.retireAge, f.aYear[1],
                f.aGoneDeclared[1], f.aGoneAssumed[1],
                f.zNote ? f.zNote : "");
  }
  obs_forecast_free(&f);
  html_printf(req, "</section>\n");
}

/* Where each figure of the sheet comes from. */
static void fiche_provenance(Req *req, const ObsModel *m)
{
  html_printf(req,
      "<section aria-labelledby=\"provenance\" class=\"obs-provenance-full\">\n"
      "<h2 id=\"provenance\">Provenance des chiffres</h2>\n"
      "<dl class=\"facts\">\n"
      "<dt>Population</dt><dd>population standardisée par âge du millésime "
      "%d (fichier « population » ci-dessous)</dd>\n"
      "<dt>Médecins</dt><dd>offre « %h » (fichier « offre » ou "
      "« praticiens » ci-dessous)</dd>\n"
      "<dt>APL, rang</dt><dd>APL publiée par la DREES (millésime %d, tous "
      "âges), telle que publiée</dd>\n"
      "<dt>Zone</dt><dd>zonage officiel de l'ARS quand il est importé, "
      "sinon classement indicatif d'après l'APL DREES et les seuils de "
      "2017</dd>\n"
      "<dt>Estimation oasis, simulations, projection</dt><dd>calculées par "
      "oasis avec les paramètres : %h</dd>\n"
      "<dt>Évolution</dt><dd>calculs par défaut enregistrés de chaque "
      "millésime</dd>\n"
      "</dl>\n<pre class=\"obs-pre\">%h</pre>\n</section>\n",
      m->key.vintage, m->key.zSupply, m->refVintage, obsp_key_text(req, m),
      m->zProvenance ? m->zProvenance : "");
}

/* GET /observatoire/communes/{code}[?age_retraite=67]
** ROUTE: GET /observatoire/communes/{code} public
*/
void obs_page_commune(Req *req)
{
  ObspView v;
  const char *zCode = req_arg(req, "code");
  const char *zAge = req_query(req, "age_retraite");
  long age = OBS_RETIRE_AGE_DEFAULT;
  int rc, i;
  if (zAge && zAge[0] && (str_to_long(zAge, &age) || age < 50 || age > 90)) {
    reply_error(req, 400, "saisie_invalide", "L'âge de départ à la retraite doit "
                "être un nombre entier entre 50 et 90.", "age_retraite");
    return;
  }
  rc = obsp_view_or_reply(req, &v);
  if (rc < 0) return;
  if (rc == 1 || (i = obs_node_find(v.m, zCode)) < 0) {
    obsp_view_release(&v);
    obsp_not_found(req, "Commune introuvable",
                   "Aucune commune ne porte le code", zCode);
    return;
  }
  const ObsModel *m = v.m;
  const char *zName = m->in.azName[i] ? m->in.azName[i] : m->in.azCode[i];
  int iDep = m->aNodeDep[i];
  int nReach = 0;
  double reach = obs_node_count_in_reach(m, i, &nReach);

  page_begin(req, arena_printf(req_arena(req), "%s (%s)", zName,
                                m->in.azCode[i]));
  obsp_assets(req, 0);
  obsp_breadcrumb(req, &v, OBS_COMMUNE, i);
  html_printf(req, "<div class=\"page-header\"><div>\n"
                   "<p class=\"eyebrow\">Commune %h%s%h</p>\n<h1>%h</h1>\n"
                   "</div>\n<p class=\"obs-zone-head\">%s</p></div>\n",
              m->in.azCode[i], iDep >= 0 ? " — " /*trusted*/ : "" /*trusted*/,
              iDep >= 0 ? m->aArea[iDep].zName : "", zName,
              obsp_zone_info_badge(req, &m->aZone[i]) /*trusted*/);
  if (strcmp(zCode, m->in.azCode[i]) != 0) {
    html_printf(req, "<p class=\"alert alert-info\">Le code « %h » désigne "
                     "une ancienne commune ou une commune déléguée : voici "
                     "la commune dont elle fait partie.</p>\n", zCode);
  }
  html_printf(req, "<ul class=\"obs-stats\">\n");
  fiche_stat(req, obsp_apl_text(req, m->aAplRef[i]),
             m->refVintage
                 ? html_mprintf(req, "APL publiée par la DREES (%d) : "
                                     "consultations de médecine générale "
                                     "accessibles par habitant et par an",
                                m->refVintage)
                 : "APL publiée par la DREES : non importée");
  fiche_stat(req, m->aRank[i] > 0
                      ? html_mprintf(req, "%.0F / %.0F", (double)m->aRank[i],
                                     (double)m->nRanked)
                      : "—",
             "rang en France selon l'APL DREES (1 = la plus faible)");
  fiche_stat(req, html_mprintf(req, "%.0F", m->in.aPopTotal[i] > 0
                                               ? m->in.aPopTotal[i]
                                               : m->in.aPop[i]),
             html_mprintf(req, "habitants (population standardisée : %.0F)",
                          m->in.aPop[i]));
  /* the SIRENE proxy counts establishments, not doctors: say so */
  const char *zUnit = strcmp(m->key.zSupply, OBS_SUPPLY_PRACTITIONERS) == 0
                          ? "médecins généralistes"
                          : "cabinets de médecine générale (SIRENE)";
  fiche_stat(req, html_mprintf(req, "%.0F", m->aCount[i]),
             html_mprintf(req, "%h dans la commune", zUnit));
  fiche_stat(req, html_mprintf(req, "%.0F", reach),
             html_mprintf(req, "%h à moins de %.0F minutes (%d communes "
                               "avec une offre)",
                          zUnit, m->key.params.tMax, nReach));
  html_printf(req, "</ul>\n");
  const ZoneInfo *z = &m->aZone[i];
  html_printf(req,
      "<section aria-labelledby=\"zonage\">\n<h2 id=\"zonage\">Zonage</h2>\n"
      "<p class=\"obs-zone-line\">%s <strong>%h</strong></p>\n",
      obsp_zone_info_badge(req, z) /*trusted*/, z->zLabel);
  if (!z->isOfficial) {
    html_printf(req, "<p class=\"muted\">Le zonage qui ouvre droit aux aides "
                     "est celui de l'arrêté de l'ARS : tant qu'il n'est pas "
                     "importé");
    if (req_role(req) >= ROLE_ADMIN) {
      html_printf(req, " (page <a href=\"/admin/zonage\">Zonage officiel</a> "
                       "de l'administration, ou <code>oasis zonage "
                       "import</code>)");
    }
    html_printf(req, ", ce classement d'après l'APL DREES n'est "
                     "qu'indicatif.</p>\n");
  }
  Str sAgree = STR_INIT;
  obs_agreement_describe(m, &sAgree);
  html_printf(req,
      "<h3 id=\"estimation\">Estimation oasis</h3>\n"
      "<p>Le modèle d'oasis estime l'APL de la commune à <strong>%.2F</strong> "
      "(« estimation oasis », avec l'offre « %h » et les temps de trajet "
      "d'oasis). Ce n'est pas une valeur officielle : elle sert seulement à "
      "simuler l'effet d'un changement (simulation, projection, "
      "implantation), ajouté à l'APL officielle.</p>\n"
      "<p class=\"muted small\">Validation : %h.</p>\n</section>\n",
      m->aApl[i], m->key.zSupply, str_text(&sAgree));
  str_free(&sAgree);
  fiche_structures(req, m->in.azCode[i]);
  fiche_history(req, m, i);
  fiche_compare(req, m, i);
  fiche_forecast(req, m, i, (int)age);
  html_printf(req, "<section aria-labelledby=\"exports\" class=\"obs-tools\">"
                   "\n<h2 id=\"exports\">Exporter et agir</h2>\n");
  if (iDep >= 0) {
    obsp_export_links(req, html_mprintf(req, "/api/v1/export/departement/%u?"
                                             "millesime=%d",
                                        m->aArea[iDep].zCode, m->key.vintage),
                      html_mprintf(req, "les communes du département (%h)",
                                   m->aArea[iDep].zName));
  }
  const char *zKey = obsp_key_query(req);
  html_printf(req,
      "<p><a href=\"/api/v1/communes/%u?%hmillesime=%d\">Les chiffres de la "
      "fiche en JSON</a></p>\n<p class=\"obs-actions\">"
      "<a class=\"btn btn-secondary\" href=\"/observatoire/simulation?"
      "commune=%u\">Simuler l'arrivée d'un médecin ici</a> ",
      m->in.azCode[i], zKey, m->key.vintage, m->in.azCode[i]);
  if (iDep >= 0) {
    html_printf(req, "<a class=\"btn btn-secondary\" href=\"/observatoire/"
                     "implantation?%hterritoire=departement:%u\">Où agir "
                     "d'abord dans le département</a>",
                zKey, m->aArea[iDep].zCode);
  }
  html_printf(req, "</p>\n</section>\n");
  fiche_provenance(req, m);
  obsp_view_release(&v);
  page_end(req);
}
