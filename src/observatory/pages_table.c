/*
** observatory/pages_table.c: rows, legend classes, the sortable table and
** the map block the drill-down pages and the siting page share.
**
** Sorting is done here, on the server, through links in the column
** headers (aria-sort tells which one): the table sorts without
** JavaScript.  The map block is a hidden <div> plus a JSON island that
** web/js/obs-map.js reads; colours are decided here so that the legend,
** the table swatches and the map always agree.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/pages.h"
#include "web/web.h"

/* ---- rows -------------------------------------------------------------- */

/* The value of the view's indicator for a row (NaN when none). */
static double obsp_pick(const ObspView *v, const ObspRow *r)
{
  switch (v->ind) {
    case OBS_IND_APL: return r->apl;
    case OBS_IND_DENSITY: return r->density;
    case OBS_IND_SHARE60: return r->share60;
    case OBS_IND_ZONE: return r->zone >= 0 ? r->zone : NAN;
    case OBS_IND_POPULATION: return r->pop;
    case OBS_IND_CHANGE: return r->change;
    case OBS_IND_ESTIMATE: return r->estimate;
  }
  return NAN;
}

int obsp_area_rows(Req *req, const ObspView *v, int iArea, ObspRow **paRow)
{
  const ObsModel *m = v->m;
  int *aChild = NULL;
  int n = obs_area_children(m, iArea, &aChild);
  ObspRow *aRow = arena_alloc(req_arena(req), sizeof *aRow * (size_t)(n + 1));
  const char *zQ = obsp_view_query(req, v);
  for (int i = 0; i < n; i++) {
    const ObsArea *a = &m->aArea[aChild[i]];
    ObspRow *r = &aRow[i];
    r->zCode = a->zCode;
    r->zName = a->zName;
    r->zHref = obsp_area_href(req, m, aChild[i]);
    if (zQ[0]) {
      char *z = html_mprintf(req, "%s?%s", r->zHref /*trusted*/,
                             zQ /*trusted*/);
      z[strlen(z) - 1] = 0;                        /* the last '&' */
      r->zHref = z;
    }
    r->apl = obs_area_value(m, NULL, OBS_IND_APL, aChild[i]);
    r->estimate = obs_area_value(m, NULL, OBS_IND_ESTIMATE, aChild[i]);
    r->density = obs_area_value(m, NULL, OBS_IND_DENSITY, aChild[i]);
    r->share60 = obs_area_value(m, NULL, OBS_IND_SHARE60, aChild[i]);
    r->pop = obs_area_value(m, NULL, OBS_IND_POPULATION, aChild[i]);
    r->change = v->pOther ? obs_area_value(m, v->pOther, OBS_IND_CHANGE,
                                           aChild[i])
                          : NAN;
    double z = obs_area_value(m, NULL, OBS_IND_ZONE, aChild[i]);
    r->zone = isnan(z) ? -1 : (int)z;
    r->pZone = NULL;
    r->nCommune = a->nCommune;
    r->value = obsp_pick(v, r);
    r->iClass = -1;
  }
  free(aChild);
  *paRow = aRow;
  return n;
}

int obsp_node_rows(Req *req, const ObspView *v, const int *aNode, int nNode,
                   ObspRow **paRow)
{
  const ObsModel *m = v->m;
  ObspRow *aRow = arena_alloc(req_arena(req),
                              sizeof *aRow * (size_t)(nNode + 1));
  for (int k = 0; k < nNode; k++) {
    int i = aNode[k];
    ObspRow *r = &aRow[k];
    r->zCode = m->in.azCode[i];
    r->zName = m->in.azName[i];
    r->zHref = obsp_node_href(req, m, i);
    r->apl = obs_node_value(m, NULL, OBS_IND_APL, i);
    r->estimate = obs_node_value(m, NULL, OBS_IND_ESTIMATE, i);
    r->density = obs_node_value(m, NULL, OBS_IND_DENSITY, i);
    r->share60 = obs_node_value(m, NULL, OBS_IND_SHARE60, i);
    r->pop = obs_node_value(m, NULL, OBS_IND_POPULATION, i);
    r->change = v->pOther ? obs_node_value(m, v->pOther, OBS_IND_CHANGE, i)
                          : NAN;
    r->zone = obs_zone_index(&m->aZone[i]);
    r->pZone = &m->aZone[i];
    r->value = obsp_pick(v, r);
    r->iClass = -1;
  }
  *paRow = aRow;
  return nNode;
}

/* ---- legend ------------------------------------------------------------ */

/* Colour-blind-safe palettes (ColorBrewer PuOr, Blues, Oranges). */
static const char *const azDiverge6[] = {"#b35806", "#f1a340", "#fee0b6",
                                         "#d8daeb", "#998ec3", "#542788"};
static const char *const azDiverge7[] = {"#b35806", "#f1a340", "#fee0b6",
                                         "#f2f2f2", "#d8daeb", "#998ec3",
                                         "#542788"};
static const char *const azBlues[] = {"#eff3ff", "#bdd7e7", "#6baed6",
                                      "#3182bd", "#08519c"};
static const char *const azOranges[] = {"#feedde", "#fdbe85", "#fd8d3c",
                                        "#e6550d", "#a63603"};
static const char *const azZone[] = {"#b35806", "#fdb863", "#8073ac"};

static int obsp_cmp_double(const void *pA, const void *pB)
{
  double a = *(const double *)pA, b = *(const double *)pB;
  return a < b ? -1 : a > b ? 1 : 0;
}

/* Labels "< b0", "b0 – b1", …, "≥ bLast" with nDec decimals. */
static void obsp_legend_labels(Req *req, ObspLegend *g, int nDec)
{
  for (int c = 0; c < g->nClass; c++) {
    double lo = c > 0 ? g->aBreak[c - 1] : NAN;
    double hi = c < g->nClass - 1 ? g->aBreak[c] : NAN;
    if (c == 0) {
      g->azLabel[c] = nDec == 0 ? html_mprintf(req, "moins de %.0F", hi)
                    : nDec == 1 ? html_mprintf(req, "moins de %.1F", hi)
                                : html_mprintf(req, "moins de %.2F", hi);
    } else if (c == g->nClass - 1) {
      g->azLabel[c] = nDec == 0 ? html_mprintf(req, "%.0F et plus", lo)
                    : nDec == 1 ? html_mprintf(req, "%.1F et plus", lo)
                                : html_mprintf(req, "%.2F et plus", lo);
    } else {
      g->azLabel[c] = nDec == 0 ? html_mprintf(req, "%.0F à %.0F", lo, hi)
                    : nDec == 1 ? html_mprintf(req, "%.1F à %.1F", lo, hi)
                                : html_mprintf(req, "%.2F à %.2F", lo, hi);
    }
  }
}

void obsp_legend_build(Req *req, const ObspView *v, ObspRow *aRow, int nRow,
                       ObspLegend *g)
{
  const AccParams *p = &v->m->key.params;
  memset(g, 0, sizeof *g);
  if (v->ind == OBS_IND_ZONE) {
    /* the one classification's levels: official words when an arrêté is
    ** imported for some row, else the indicative DREES classes */
    static const char *const azOff[] = {
      "prioritaire (ZIP, très sous-dotée…)", "complémentaire (ZAC, ZAR…)",
      "hors zonage"};
    static const char *const azInd[] = {
      "sous-dense (indicatif, APL DREES)", "intermédiaire (indicatif, APL "
      "DREES)", "non zoné (indicatif, APL DREES)"};
    int isOff = 0;
    for (int i = 0; i < nRow; i++) {
      if (aRow[i].pZone && aRow[i].pZone->isOfficial) isOff = 1;
    }
    g->nClass = 3;
    for (int c = 0; c < 3; c++) {
      g->azColor[c] = azZone[c];
      g->azLabel[c] = isOff ? azOff[c] : azInd[c];
    }
  } else if (v->ind == OBS_IND_APL || v->ind == OBS_IND_ESTIMATE) {
    double sd = p->zoneSousDense, bd = p->zoneBienDote;
    double aB[5] = {sd - 1, sd, (sd + bd) / 2, bd, bd + 1};
    g->nClass = 6;
    for (int c = 0; c < 6; c++) g->azColor[c] = azDiverge6[c];
    memcpy(g->aBreak, aB, sizeof aB);
    obsp_legend_labels(req, g, 1);
  } else if (v->ind == OBS_IND_CHANGE) {
    double aB[6] = {-0.5, -0.1, -0.01, 0.01, 0.1, 0.5};
    g->nClass = 7;
    for (int c = 0; c < 7; c++) g->azColor[c] = azDiverge7[c];
    memcpy(g->aBreak, aB, sizeof aB);
    obsp_legend_labels(req, g, 2);
  } else {
    /* quantiles of the values present; equal breaks merge classes */
    double *a = xmalloc(sizeof *a * (size_t)(nRow + 1));
    int n = 0, nDec = v->ind == OBS_IND_DENSITY ? 1 : 0;
    const char *const *azPal =
        v->ind == OBS_IND_SHARE60 ? azOranges : azBlues;
    for (int i = 0; i < nRow; i++) {
      if (!isnan(aRow[i].value)) a[n++] = aRow[i].value;
    }
    qsort(a, (size_t)n, sizeof *a, obsp_cmp_double);
    g->nClass = 1;
    for (int q = 1; q < 5 && n > 0; q++) {
      double b = a[(size_t)n * (size_t)q / 5];
      if (g->nClass == 1 || b > g->aBreak[g->nClass - 2]) {
        if (b > a[0]) g->aBreak[g->nClass++ - 1] = b;
      }
    }
    free(a);
    for (int c = 0; c < g->nClass; c++) {
      g->azColor[c] = azPal[g->nClass == 1 ? 2 : c * 4 / (g->nClass - 1)];
    }
    if (g->nClass == 1) {
      g->azLabel[0] = "toutes les valeurs";
    } else {
      obsp_legend_labels(req, g, nDec);
    }
  }
  for (int i = 0; i < nRow; i++) {
    double x = aRow[i].value;
    int c = 0;
    if (isnan(x)) {
      aRow[i].iClass = -1;
      continue;
    }
    if (v->ind == OBS_IND_ZONE) {
      aRow[i].iClass = (int)x;
      continue;
    }
    while (c < g->nClass - 1 && x >= g->aBreak[c]) c++;
    aRow[i].iClass = c;
  }
}

/* ---- the table --------------------------------------------------------- */

typedef struct SortCtx SortCtx;
struct SortCtx {
  const char *zKey;
  int isDesc;
};

static int obsp_row_cmp(const void *pA, const void *pB, void *pCtx)
{
  const ObspRow *x = pA, *y = pB;
  const SortCtx *s = pCtx;
  double a = NAN, b = NAN;
  int c = 0;
  if (strcmp(s->zKey, "apl") == 0) a = x->apl, b = y->apl;
  else if (strcmp(s->zKey, "estimation") == 0) {
    a = x->estimate, b = y->estimate;
  }
  else if (strcmp(s->zKey, "zone") == 0) a = x->zone, b = y->zone;
  else if (strcmp(s->zKey, "densite") == 0) a = x->density, b = y->density;
  else if (strcmp(s->zKey, "part60") == 0) a = x->share60, b = y->share60;
  else if (strcmp(s->zKey, "population") == 0) a = x->pop, b = y->pop;
  else if (strcmp(s->zKey, "evolution") == 0) a = x->change, b = y->change;
  else if (strcmp(s->zKey, "communes") == 0) {
    a = x->nCommune, b = y->nCommune;
  }
  if (strcmp(s->zKey, "zone") == 0) {     /* no population: last */
    if (x->zone < 0) a = NAN;
    if (y->zone < 0) b = NAN;
  }
  if (isnan(a) != isnan(b) && strcmp(s->zKey, "nom") != 0) {
    return isnan(a) ? 1 : -1;             /* n.d. last either way */
  }
  if (!isnan(a) && !isnan(b)) c = a < b ? -1 : a > b ? 1 : 0;
  if (c == 0) c = strcoll(x->zName, y->zName);
  if (c == 0) c = strcmp(x->zCode, y->zCode);
  return s->isDesc ? -c : c;
}

/* A column header: a link that sorts by zKey (the other way round when
** already sorted by it), with aria-sort on the current one. */
static void obsp_th(Req *req, const ObspView *v, const char *zBase,
                    const char *zKey, const char *zLabel, int isNum)
{
  int isCur = strcmp(v->zSort[0] ? v->zSort : "nom", zKey) == 0;
  int isNextDesc = isCur && !v->isDesc;
  const char *zQ = obsp_view_query(req, v);
  html_printf(req, "<th scope=\"col\"%s%s><a href=\"%h?%stri=%u%s#tableau\">"
                   "%h<span class=\"obs-sort\" aria-hidden=\"true\">%s"
                   "</span></a></th>",
              isNum ? " class=\"num\"" /*trusted*/ : "" /*trusted*/,
              !isCur       ? "" /*trusted*/
              : v->isDesc  ? " aria-sort=\"descending\"" /*trusted*/
                           : " aria-sort=\"ascending\"" /*trusted*/,
              zBase, zQ /*trusted*/, zKey,
              isNextDesc ? "&amp;ordre=desc" /*trusted*/ : "" /*trusted*/,
              zLabel,
              !isCur ? "↕" /*trusted*/ : v->isDesc ? "▼" /*trusted*/
                                                   : "▲" /*trusted*/);
}

/* A numeric cell: swatch of the legend class when it is the mapped one. */
static void obsp_td_num(Req *req, const char *zLabel, double x, int nDec,
                        const char *zSwatch)
{
  html_printf(req, "<td class=\"num\" data-label=\"%h\">", zLabel);
  if (isnan(x)) {
    html_printf(req, "<span class=\"muted\">pas de donnée</span></td>");
    return;
  }
  if (zSwatch) {
    html_printf(req, "<span class=\"obs-swatch\" style=\"background:%h\" "
                     "aria-hidden=\"true\"></span>", zSwatch);
  }
  if (nDec == 0) html_printf(req, "%.0F</td>", x);
  else if (nDec == 1) html_printf(req, "%.1F</td>", x);
  else html_printf(req, "%.2F</td>", x);
}

static void obsp_legend_html(Req *req, const char *zTitle,
                             const ObspLegend *g)
{
  html_printf(req, "<div class=\"obs-legend\"><p class=\"obs-legend-title\">"
                   "%h</p><ul>", zTitle);
  for (int c = 0; c < g->nClass; c++) {
    html_printf(req, "<li><span class=\"obs-swatch\" style=\"background:%h\">"
                     "</span>%h</li>", g->azColor[c], g->azLabel[c]);
  }
  html_printf(req, "<li><span class=\"obs-swatch obs-swatch-none\"></span>"
                   "pas de donnée</li></ul></div>\n");
}

/* Tooltip text of a row's value when it has none of its own. */
static const char *obsp_tip(Req *req, ObsIndicator ind, const ObspRow *r)
{
  if (r->zTip) return r->zTip;
  if (isnan(r->value)) return "pas de donnée";
  switch (ind) {
    case OBS_IND_ZONE:
      return r->pZone ? zoning_short(r->pZone)
                      : html_mprintf(req, "%h (indicatif)",
                                     acc_zone_name(r->zone));
    case OBS_IND_POPULATION: return html_mprintf(req, "%.0F hab.", r->value);
    case OBS_IND_SHARE60:
      return html_mprintf(req, "%.0F %%", 100 * r->value);
    case OBS_IND_DENSITY: return html_mprintf(req, "%.1F", r->value);
    case OBS_IND_CHANGE:
      return html_mprintf(req, "%s%.2F", r->value > 0 ? "+" : "" /*trusted*/,
                          r->value);
    case OBS_IND_APL: case OBS_IND_ESTIMATE: break;
  }
  return html_mprintf(req, "%.2F", r->value);
}

/* The contour URLs of zContours (space-separated) as a JSON array. */
static json_t *obsp_url_array(const char *zContours)
{
  json_t *pUrls = json_array();
  const char *z = zContours;
  while (z && *z) {
    const char *zEnd = strchr(z, ' ');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    json_array_append_new(pUrls, json_stringn(z, n));
    z += n;
    while (*z == ' ') z++;
  }
  return pUrls;
}

/* The map block for indicator ind (tooltips formatted for it). */
static void obsp_map_ind(Req *req, ObsIndicator ind, const char *zTitle,
                         const char *zLegendTitle, const ObspLegend *g,
                         const ObspRow *aRow, int nRow,
                         const char *zContours, int isOnlyListed, int nSite)
{
  json_t *pCodes = json_object(), *pColors = json_array();
  char *zJson;
  Str s = STR_INIT;
  html_printf(req,
      "<figure class=\"obs-figure\" id=\"obs-figure\" hidden>\n"
      "<div id=\"obs-map\" class=\"obs-map\" role=\"region\" "
      "aria-label=\"Carte : %h (les mêmes valeurs figurent dans le "
      "tableau)\"></div>\n<figcaption>\n", zTitle);
  obsp_legend_html(req, zLegendTitle, g);
  if (nSite > 0) {
    html_printf(req, "<div class=\"obs-legend obs-legend-sites\"><ul><li>"
                     "<span class=\"obs-site-marker obs-site-swatch\">"
                     "</span>site d'un centre de santé (cliquez pour sa "
                     "fiche)</li></ul></div>\n");
  }
  html_printf(req, "<p class=\"obs-map-status muted small\" "
                   "id=\"obs-map-status\" role=\"status\"></p>\n"
                   "</figcaption>\n</figure>\n");
  for (int c = 0; c < g->nClass; c++) {
    json_array_append_new(pColors, json_string(g->azColor[c]));
  }
  for (int i = 0; i < nRow; i++) {
    const ObspRow *r = &aRow[i];
    json_object_set_new(pCodes, r->zCode,
                        json_pack("{s:s, s:s, s:s, s:i}", "n", r->zName,
                                  "v", obsp_tip(req, ind, r), "h",
                                  r->zHref ? r->zHref : "", "c", r->iClass));
  }
  const char *zTiles = getenv("OASIS_MAP_TILES");
  const char *zAttrib = getenv("OASIS_MAP_ATTRIBUTION");
  json_t *pAll = json_pack("{s:o, s:o, s:o, s:s, s:b, s:s, s:s, s:s}",
                           "contours", obsp_url_array(zContours),
                           "colors", pColors, "codes", pCodes,
                           "label", zLegendTitle, "only", isOnlyListed,
                           "tiles", zTiles ? zTiles : "",
                           "attribution", zAttrib ? zAttrib : "",
                           "sites", obsp_sites_url(nSite));
  zJson = json_dumps(pAll, JSON_COMPACT | JSON_ESCAPE_SLASH);
  json_decref(pAll);
  /* '<' cannot close the island once escaped */
  for (const char *p = zJson; *p; p++) {
    if (*p == '<') str_appendz(&s, "\\u003c");
    else str_appendc(&s, *p);
  }
  html_printf(req, "<script type=\"application/json\" id=\"obs-map-data\">"
                   "%s</script>\n", str_text(&s) /*trusted*/);
  str_free(&s);
  free(zJson);
}

void obsp_map(Req *req, const char *zTitle, const char *zLegendTitle,
              const ObspLegend *g, const ObspRow *aRow, int nRow,
              const char *zContours, int isOnlyListed)
{
  obsp_map_ind(req, OBS_IND_APL, zTitle, zLegendTitle, g, aRow, nRow,
               zContours, isOnlyListed, 0);
}

void obsp_map_scripts(Req *req)
{
  html_printf(req, "<script src=\"/static/vendor/leaflet.js?v=%u\" defer>"
                   "</script>\n<script src=\"/static/js/obs-map.js?v=%u\" "
                   "defer></script>\n",
              assets_version(), assets_version());
}

const char *obsp_contours_of(Req *req, const ObsModel *m, const int *aNode,
                             int nNode)
{
  Str s = STR_INIT;
  const char *zOut = NULL;
  for (int i = 0; i < nNode; i++) {
    int iDep = m->aNodeDep[aNode[i]];
    const char *zUrl;
    if (iDep < 0) continue;
    zUrl = html_mprintf(req, "/api/v1/contours/departement/%u",
                        m->aArea[iDep].zCode);
    if (!strstr(str_text(&s), zUrl)) {
      if (s.n) str_appendc(&s, ' ');
      str_appendz(&s, zUrl);
    }
  }
  if (s.n) zOut = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return zOut;
}

void obsp_map_and_table(Req *req, const ObspView *v, const char *zTitle,
                        const char *zFirstCol, ObspRow *aRow, int nRow,
                        const char *zContours, const char *zBase)
{
  ObspLegend g;
  SortCtx ctx = {v->zSort[0] ? v->zSort : "nom", v->isDesc};
  int isArea = nRow > 0 && aRow[0].nCommune > 0;
  int hasAges = v->m->hasAges, hasChange = v->ind == OBS_IND_CHANGE;
  ObspSite *aSite = NULL;
  int nSite;
  obsp_legend_build(req, v, aRow, nRow, &g);
  qsort_r(aRow, (size_t)nRow, sizeof *aRow, obsp_row_cmp, &ctx);
  /* after sorting: the sites point at their commune's row */
  nSite = isArea ? 0 : obsp_sites_of(req, aRow, nRow, &aSite);

  if (v->ind == OBS_IND_SHARE60 && !v->m->hasAges) {
    html_printf(req, "<p class=\"alert alert-info\">La part des médecins de "
                     "60 ans et plus demande leur âge, inconnu avec l'offre "
                     "« %h » : la carte reste grise. Importez le répertoire "
                     "des praticiens avec leur année de naissance.</p>\n",
                v->m->key.zSupply);
  } else if (v->ind == OBS_IND_CHANGE && !v->pOther) {
    html_printf(req, "<p class=\"alert alert-info\">Un seul millésime est "
                     "calculé : l'évolution apparaîtra avec le suivant.</p>\n");
  }
  html_printf(req, "<div class=\"obs-layout%s\">\n",
              zContours ? "" /*trusted*/ : " obs-layout-nomap" /*trusted*/);
  if (zContours) {
    obsp_map_ind(req, v->ind, zTitle, obs_indicator_label(v->ind), &g, aRow,
                 nRow, zContours, 1, nSite);
  }
  html_printf(req,
      "<div class=\"table-wrap obs-table\" id=\"tableau\" tabindex=\"0\" "
      "role=\"region\" aria-labelledby=\"tableau-titre\">\n"
      "<table class=\"table-stack\">\n"
      "<caption id=\"tableau-titre\">%h <span class=\"muted small\">"
      "(%d, millésime %d ; cliquez un en-tête pour trier)</span></caption>\n"
      "<thead><tr>", zTitle, nRow, v->key.vintage);
  obsp_th(req, v, zBase, "nom", zFirstCol, 0);
  if (hasChange) {
    obsp_th(req, v, zBase, "evolution",
            v->pOther ? html_mprintf(req, "Évolution depuis %d",
                                     v->pOther->key.vintage)
                      : "Évolution", 1);
  }
  obsp_th(req, v, zBase, "apl",
          v->m->refVintage ? html_mprintf(req, "APL DREES %d",
                                          v->m->refVintage)
                           : "APL DREES", 1);
  obsp_th(req, v, zBase, "zone", "Zone", 0);
  obsp_th(req, v, zBase, "estimation", "Estimation oasis", 1);
  obsp_th(req, v, zBase, "densite", "Méd. / 10 000 hab.", 1);
  if (hasAges) obsp_th(req, v, zBase, "part60", "60 ans et +", 1);
  obsp_th(req, v, zBase, "population", "Population", 1);
  if (isArea) obsp_th(req, v, zBase, "communes", "Communes", 1);
  html_printf(req, "</tr></thead>\n<tbody>\n");
  for (int i = 0; i < nRow; i++) {
    const ObspRow *r = &aRow[i];
    const char *zSw = r->iClass >= 0 ? g.azColor[r->iClass] : NULL;
    if (isArea) {
      html_printf(req, "<tr><th scope=\"row\"><a href=\"%h\">%h</a></th>",
                  r->zHref, r->zName);
    } else {
      html_printf(req, "<tr><th scope=\"row\"><a href=\"%h\">%h</a> "
                       "<span class=\"muted small\">%h</span></th>",
                  r->zHref, r->zName, r->zCode);
    }
    if (hasChange) {
      obsp_td_num(req, "Évolution de l'APL", r->change, 2, zSw);
    }
    obsp_td_num(req, "APL DREES", r->apl, 2,
                v->ind == OBS_IND_APL ? zSw : NULL);
    html_printf(req, "<td data-label=\"Zone\">%s</td>",
                r->pZone ? obsp_zone_info_badge(req, r->pZone) /*trusted*/
                         : obsp_zone_badge(req, r->zone) /*trusted*/);
    obsp_td_num(req, "Estimation oasis", r->estimate, 2,
                v->ind == OBS_IND_ESTIMATE ? zSw : NULL);
    obsp_td_num(req, "Médecins / 10 000 hab.", r->density, 1,
                v->ind == OBS_IND_DENSITY ? zSw : NULL);
    if (hasAges) {
      obsp_td_num(req, "Part des 60 ans et +", 100 * r->share60, 0,
                  v->ind == OBS_IND_SHARE60 ? zSw : NULL);
    }
    obsp_td_num(req, "Population", r->pop, 0,
                v->ind == OBS_IND_POPULATION ? zSw : NULL);
    if (isArea) {
      html_printf(req, "<td class=\"num\" data-label=\"Communes\">%d</td>",
                  r->nCommune);
    }
    html_printf(req, "</tr>\n");
  }
  html_printf(req, "</tbody>\n</table>\n</div>\n</div>\n");
  if (!isArea) obsp_sites_table(req, aSite, nSite, nSite, "ces communes");
  if (zContours) obsp_map_scripts(req);
}
