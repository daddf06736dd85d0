/*
** observatory/pages_siting.c: where to act first,
** GET /observatoire/implantation?territoire=departement:24&etp=1&k=5.
**
** The k communes of a territory chosen greedily for fte more FTE each
** (obs_siting_run: the gains recomputed after each pick), on a map and in
** a table with the expected APL change, then the ranking of every
** candidate for one pick (obs_siting_rank).  A GET form: bookmarkable,
** works without JavaScript.  Exports through /api/v1/implantation.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "observatory/pages.h"
#include "web/kit.h"

#define SITING_K_MAX 20
#define SITING_K_MAX_TEXT "20"      /* the same, for attributes */
#define SITING_RANK_SHOWN 20

static const char *const azSitingColor[] = {"#542788", "#f1a340",
                                            "#e9e6f2"};

/* The form, filled with the request's values; a refused value is shown
** beside its control (kit). */
static void siting_form(Req *req, const char *zLevel, const char *zCode,
                        const char *zFte, const char *zK, const Err *err)
{
  static const char *const azLevel[] = {"departement", "Département",
                                        "epci", "Intercommunalité (EPCI)",
                                        "region", "Région", NULL};
  KitErrors e = {0};
  kit_error_from(req, &e, err);
  if (err && err->code) {
    html_printf(req, "<div class=\"alert alert-error\" role=\"alert\" "
                     "id=\"erreur\"><p>%h</p></div>\n", err->zMsg);
  }
  html_printf(req, "<form class=\"obs-selector obs-siting-form\" "
                   "method=\"get\" action=\"/observatoire/implantation\">\n");
  kit_select(req, &e, "niveau", "Territoire", azLevel, zLevel, NULL);
  kit_input_ex(req, &e, "code", "Code", "text", zCode,
               "24, 2A, ou SIREN de l'EPCI", "size=\"10\" required");
  kit_input_ex(req, &e, "etp", "ETP par site", "text", zFte,
               "1 = un médecin ; plus = une antenne",
               "size=\"5\" inputmode=\"decimal\"");
  kit_input_ex(req, &e, "k", "Nombre de sites", "number", zK,
               "de 1 à " SITING_K_MAX_TEXT,
               "min=\"1\" max=\"" SITING_K_MAX_TEXT "\" step=\"1\"");
  html_printf(req, "<div class=\"obs-selector-go\"><button type=\"submit\">"
                   "Classer les communes</button></div>\n");
  obsp_key_hidden(req);
  html_printf(req, "</form>\n");
}

static void siting_head(Req *req)
{
  page_begin(req, "Où agir d'abord");
  obsp_assets(req, 1);
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Où agir d'abord",
                 NULL, NULL);
  html_printf(req,
      "<p class=\"eyebrow\">Observatoire</p>\n<h1>Où agir d'abord</h1>\n"
      "<p class=\"lead\">Les communes où un médecin de plus, ou une antenne, "
      "sort le plus d'habitants de la zone sous-dense. Les sites sont "
      "choisis l'un après l'autre : après chaque choix, les gains des "
      "autres communes sont recalculés.</p>\n"
      "<p class=\"obs-objective\"><strong>Ce que le classement optimise "
      ":</strong> %h.</p>\n", OBS_SITING_OBJECTIVE);
}

/* One row of the picks or of the ranking. */
static void siting_row(Req *req, const ObsModel *m, const ObsSitePick *p,
                       int iRank)
{
  int i = p->iNode;
  Str sWhy = STR_INIT;
  obs_site_reason(m, p, &sWhy);
  html_printf(req,
      "<tr><td class=\"num\" data-label=\"Rang\">%d</td><th scope=\"row\">"
      "<a href=\"%h\">%h</a> <span class=\"muted small\">%h</span></th>"
      "<td class=\"num\" data-label=\"Habitants sortis\">%.0F</td>"
      "<td class=\"num\" data-label=\"Communes "
      "sorties\">%d</td><td class=\"num\" data-label=\"APL avant\">%s</td>"
      "<td class=\"num\" data-label=\"APL après\">%s</td><td class=\"num\" "
      "data-label=\"Déficit réduit\">%.0F</td><td class=\"obs-why\" "
      "data-label=\"Pourquoi\">%h</td></tr>\n",
      iRank, obsp_node_href(req, m, i), m->in.azName[i], m->in.azCode[i],
      p->popLifted, p->nZoneChanged,
      obsp_apl_text(req, p->aplBefore) /*trusted*/,
      obsp_apl_text(req, p->aplAfter) /*trusted*/, p->shortfallCut,
      str_text(&sWhy));
  str_free(&sWhy);
}

static void siting_table_head(Req *req, const char *zId,
                              const char *zCaption)
{
  html_printf(req,
      "<div class=\"table-wrap obs-table\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"%h\">\n<table class=\"table-stack\">\n"
      "<caption id=\"%h\">%h</caption>\n<thead><tr><th scope=\"col\" "
      "class=\"num\">Rang</th><th scope=\"col\">Commune</th><th "
      "scope=\"col\" class=\"num\">Habitants sortis du sous-dense</th>"
      "<th scope=\"col\" class=\"num\">Communes sorties</th><th "
      "scope=\"col\" class=\"num\">APL officielle avant</th><th "
      "scope=\"col\" class=\"num\">APL officielle + effet simulé</th>"
      "<th scope=\"col\" class=\"num\">Déficit réduit</th><th "
      "scope=\"col\">Pourquoi</th></tr></thead>\n"
      "<tbody>\n", zId, zId, zCaption);
}

/* ROUTE: GET /observatoire/implantation public */
void obs_page_siting(Req *req)
{
  const char *zTerr = req_query(req, "territoire");
  const char *zLevel = req_query(req, "niveau");
  const char *zCode = req_query(req, "code");
  const char *zFte = req_query(req, "etp");
  const char *zK = req_query(req, "k");
  ObsLevel level = OBS_DEPARTEMENT;
  ObspView v;
  Err err = {0};
  double fte = 1;
  long k = 5;
  int rc, iArea, nPick = 0, nRank = 0;
  ObsSitePick aPick[SITING_K_MAX], *aRank = NULL;

  if (zTerr && strchr(zTerr, ':')) {       /* "departement:24" from links */
    const char *zColon = strchr(zTerr, ':');
    zLevel = arena_strndup(req_arena(req), zTerr, (size_t)(zColon - zTerr));
    zCode = zColon + 1;
  }
  if (!zLevel || !zLevel[0]) zLevel = "departement";
  if (!zFte || !zFte[0]) zFte = "1";
  if (!zK || !zK[0]) zK = "5";
  if (obs_level_parse(zLevel, &level) < 0 ||
      (level != OBS_DEPARTEMENT && level != OBS_EPCI &&
       level != OBS_REGION)) {
    err_set(&err, ERR_INPUT, "Territoire : choisissez un département, une "
            "intercommunalité ou une région.");
    err_field(&err, "niveau");
    zLevel = "departement";
  } else if (obs_fte_parse(zFte, "etp", &fte, &err) == 0 &&
             !(fte > 0 && fte <= 100)) {
    err_set(&err, ERR_INPUT, "ETP par site : un nombre positif, au plus "
            "100 (par exemple 1 ou 2,5).");
    err_field(&err, "etp");
  } else if (err.code) {
    char zMsg[sizeof err.zMsg];
    snprintf(zMsg, sizeof zMsg, "ETP par site : %.400s.", err.zMsg);
    snprintf(err.zMsg, sizeof err.zMsg, "%s", zMsg);
  } else if (str_to_long(zK, &k) || k < 1 || k > SITING_K_MAX) {
    err_set(&err, ERR_INPUT, "Nombre de sites : un nombre entier de 1 à %d.",
            SITING_K_MAX);
    err_field(&err, "k");
  }
  if (err.code) {
    reply_status(req, 400);
    siting_head(req);
    siting_form(req, zLevel, zCode ? zCode : "", zFte, zK, &err);
    page_end(req);
    return;
  }
  if (!zCode || !zCode[0]) {
    siting_head(req);
    siting_form(req, zLevel, "", zFte, zK, NULL);
    html_printf(req, "<p class=\"muted\">Choisissez un territoire : ses "
                     "communes sont les candidates.</p>\n");
    page_end(req);
    return;
  }
  if ((rc = obsp_view_or_reply(req, &v)) != 0) {
    if (rc == 1) {
      siting_head(req);
      obsp_no_data(req);
      page_end(req);
    }
    return;
  }
  if ((iArea = obs_area_find(v.m, level, zCode)) < 0) {
    obsp_view_release(&v);
    obsp_not_found(req, "Territoire introuvable", html_mprintf(
                       req, "Aucun territoire de niveau « %h » ne porte le "
                            "code", obs_level_label(level)),
                   zCode);
    return;
  }
  nPick = obs_siting_run(v.m, iArea, fte, (int)k, aPick, &err);
  if (nPick >= 0) nRank = obs_siting_rank(v.m, iArea, fte, &aRank, &err);
  if (nPick < 0 || nRank < 0) {
    obsp_view_release(&v);
    free(aRank);
    reply_incident(req, &err);
    return;
  }
  const ObsModel *m = v.m;
  const ObsArea *a = &m->aArea[iArea];
  siting_head(req);
  siting_form(req, zLevel, zCode, zFte, zK, NULL);
  html_printf(req, "<h2 id=\"choix\">%h : %d site%s retenu%s, %.1F ETP "
                   "chacun</h2>\n",
              a->zName, nPick, nPick > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              nPick > 1 ? "s" /*trusted*/ : "" /*trusted*/, fte);
  if (nPick < k) {
    html_printf(req, "<p class=\"alert alert-info\">%s</p>\n",
                nPick == 0
                    ? "Aucune commune candidate ne fait sortir d'habitants "
                      "de la zone sous-dense ni ne réduit le déficit."
                      /*trusted*/
                    : "Au-delà de ces choix, aucun site supplémentaire "
                      "n'améliore plus l'accès." /*trusted*/);
  }
  /* map: the picks, the communes still sous-dense, the others */
  {
    int *aNode = NULL, n = obs_area_nodes(m, iArea, &aNode);
    ObspRow *aRow = arena_alloc(req_arena(req), sizeof *aRow * (size_t)(n + 1));
    ObspLegend g;
    memset(&g, 0, sizeof g);
    g.nClass = 3;
    g.azLabel[0] = "site choisi";
    g.azLabel[1] = "commune en zone prioritaire aujourd'hui (zonage "
                   "officiel, sinon classement indicatif DREES)";
    g.azLabel[2] = "autre commune";
    for (int c = 0; c < 3; c++) g.azColor[c] = azSitingColor[c];
    for (int j = 0; j < n; j++) {
      int i = aNode[j], iPick = -1;
      ObspRow *r = &aRow[j];
      memset(r, 0, sizeof *r);
      for (int p = 0; p < nPick; p++) {
        if (aPick[p].iNode == i) iPick = p;
      }
      r->zCode = m->in.azCode[i];
      r->zName = m->in.azName[i];
      r->zHref = obsp_node_href(req, m, i);
      r->iClass = iPick >= 0 ? 0 : obs_zone_index(&m->aZone[i]) == 0 ? 1 : 2;
      r->zTip = iPick >= 0
                    ? html_mprintf(req, "choix n° %d, APL officielle %h → "
                                        "%h avec l'effet simulé",
                                   iPick + 1,
                                   obsp_apl_text(req, aPick[iPick].aplBefore),
                                   obsp_apl_text(req, aPick[iPick].aplAfter))
                    : html_mprintf(req, "APL DREES %h",
                                   obsp_apl_text(req, m->aAplRef[i]));
    }
    if (a->level == OBS_DEPARTEMENT || a->level == OBS_EPCI) {
      obsp_map(req, html_mprintf(req, "sites choisis en %h", a->zName),
               "Sites choisis", &g, aRow, n,
               obsp_contours_of(req, m, aNode, n), 1);
      obsp_map_scripts(req);
    }
    free(aNode);
  }
  siting_table_head(req, "choix-titre", "Sites choisis, dans l'ordre");
  for (int p = 0; p < nPick; p++) siting_row(req, m, &aPick[p], p + 1);
  if (nPick == 0) {
    html_printf(req, "<tr><td colspan=\"8\">Aucun site.</td></tr>\n");
  }
  html_printf(req, "</tbody></table></div>\n");
  html_printf(req, "<p class=\"muted small\">« Habitants sortis » : la "
                   "population (standardisée) des communes du bassin dont "
                   "l'APL officielle, augmentée de l'effet simulé, passe "
                   "au-dessus du seuil de %.1F grâce à ce site, une fois les "
                   "sites précédents ouverts. « Déficit réduit » : la baisse "
                   "de la somme, sur les communes, de la population "
                   "multipliée par ce qui lui manque pour atteindre le "
                   "seuil. Seules les communes dont le bassin compte au "
                   "moins %.0F habitants sont candidates.</p>\n",
              m->key.params.zoneSousDense, OBS_SITING_MIN_CATCHMENT);
  obsp_export_links(req, html_mprintf(req, "/api/v1/implantation?territoire="
                                           "%u:%u&etp=%.2f&k=%ld&millesime=%d",
                                      obs_level_name(level), a->zCode, fte,
                                      k, m->key.vintage),
                    "le classement");
  html_printf(req, "<h2 id=\"classement\">Classement des communes pour un "
                   "seul site</h2>\n");
  siting_table_head(req, "classement-titre",
                    html_mprintf(req, "Les %d meilleures candidates sur %d",
                                 nRank < SITING_RANK_SHOWN ? nRank
                                                           : SITING_RANK_SHOWN,
                                 nRank));
  for (int p = 0; p < nRank && p < SITING_RANK_SHOWN; p++) {
    siting_row(req, m, &aRank[p], p + 1);
  }
  html_printf(req, "</tbody></table></div>\n");
  obsp_provenance(req, m);
  free(aRank);
  obsp_view_release(&v);
  page_end(req);
}
