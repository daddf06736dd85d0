/*
** observatory/pages_common.c: the pieces every observatory page shares:
** the request's view (vintage, indicator, sort) and its model, the
** breadcrumb, zone badges, the indicator selector, legend classes, the
** map block with its sortable table, export links and provenance.
**
** No SQL and no computation of indicators here: values come from obs.h.
** The map is an enhancement: the table carries the same figures and the
** page is complete without JavaScript.
*/
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_api.h"
#include "observatory/pages.h"
#include "web/kit.h"
#include "web/web.h"

/* ---- the view ---------------------------------------------------------- */

/* Key parameters of the JSON API a view keeps in its links. */
static const char *const azKeyParam[] = {"offre", "tmax", "decroissance"};

static const char *const azSortKey[] = {
    "nom", "apl", "zone", "densite", "part60", "population", "evolution",
    "communes", NULL};

/* The vintage just older than v->key.vintage, else the next newer, else 0. */
static int obsp_other_vintage(const ObspView *v)
{
  int best = 0;
  for (int i = 0; i < v->nVintage; i++) {
    if (v->aVintage[i] < v->key.vintage && v->aVintage[i] > best) {
      best = v->aVintage[i];
    }
  }
  if (best) return best;
  for (int i = v->nVintage - 1; i >= 0; i--) {
    if (v->aVintage[i] > v->key.vintage) return v->aVintage[i];
  }
  return 0;
}

int obsp_view_or_reply(Req *req, ObspView *v)
{
  Store *db = req_db(req);
  Err err = {0};
  const char *zInd = req_query(req, "indicateur");
  const char *zSort = req_query(req, "tri");
  const char *zOrder = req_query(req, "ordre");
  int isDefault;
  memset(v, 0, sizeof *v);
  v->ind = OBS_IND_APL;
  v->zSort = "";
  v->nVintage = obs_vintages(db, v->aVintage, 8);
  if (v->nVintage > 8) v->nVintage = 8;
  /* the same key as the JSON API: the stored default run's */
  if (oapi_key_or_reply(req, &v->key, &isDefault)) return -1;
  if (zInd && zInd[0] && obs_indicator_parse(zInd, &v->ind) < 0) {
    reply_error(req, 400, "saisie_invalide",
                html_mprintf(req, "Indicateur inconnu : « %h ».", zInd),
                "indicateur");
    return -1;
  }
  if (zSort && zSort[0]) {
    for (int i = 0; azSortKey[i]; i++) {
      if (strcmp(zSort, azSortKey[i]) == 0) v->zSort = azSortKey[i];
    }
    if (!v->zSort[0]) {
      reply_error(req, 400, "saisie_invalide", "Colonne de tri inconnue.", "tri");
      return -1;
    }
  }
  v->isDesc = zOrder && strcmp(zOrder, "desc") == 0;
  if (v->nVintage == 0) return 1;
  v->m = obs_model_get(db, &v->key, &err);
  if (!v->m) {
    if (err.code == ERR_NOTFOUND && isDefault) return 1;
    if (err.code == ERR_NOTFOUND) {
      reply_error(req, 404, "introuvable", err.zMsg, "millesime");
    } else {
      reply_incident(req, &err);
    }
    return -1;
  }
  if (v->ind == OBS_IND_CHANGE) {
    int other = obsp_other_vintage(v);
    if (other) {
      ObsKey k;
      obs_key_stored_default(db, other, &k);
      k.vintage = other;
      err_clear(&err);
      v->pOther = obs_model_get(db, &k, &err);   /* NULL: shown as n.d. */
    }
  }
  return 0;
}

void obsp_view_release(ObspView *v)
{
  if (v->m) obs_model_release(v->m);
  if (v->pOther) obs_model_release(v->pOther);
  v->m = v->pOther = NULL;
}

const char *obsp_view_query(Req *req, const ObspView *v)
{
  const char *z = "";
  if (v->nVintage > 0 && v->key.vintage != v->aVintage[0]) {
    z = html_mprintf(req, "millesime=%d&", v->key.vintage);
  }
  if (v->ind != OBS_IND_APL) {
    z = html_mprintf(req, "%sindicateur=%u&", z /*trusted*/,
                     obs_indicator_name(v->ind));
  }
  /* the other key parameters, already validated by the view */
  return html_mprintf(req, "%s%s", z /*trusted*/,
                      obsp_key_query(req) /*trusted*/);
}

const char *obsp_key_query(Req *req)
{
  const char *z = "";
  for (size_t i = 0; i < sizeof azKeyParam / sizeof azKeyParam[0]; i++) {
    const char *zVal = req_query(req, azKeyParam[i]);
    if (zVal && zVal[0]) {
      z = html_mprintf(req, "%s%u=%u&", z /*trusted*/, azKeyParam[i], zVal);
    }
  }
  return z;
}

void obsp_key_hidden(Req *req)
{
  for (size_t i = 0; i < sizeof azKeyParam / sizeof azKeyParam[0]; i++) {
    const char *zVal = req_query(req, azKeyParam[i]);
    if (zVal && zVal[0]) {
      html_printf(req, "<input type=\"hidden\" name=\"%h\" value=\"%h\">",
                  azKeyParam[i], zVal);
    }
  }
}

/* z without its last '&' (for a whole query string). */
static const char *obsp_trim_amp(Req *req, const char *z)
{
  size_t n = strlen(z);
  if (n && z[n - 1] == '&') return arena_strndup(req_arena(req), z, n - 1);
  return z;
}

/* ---- links and fragments ----------------------------------------------- */

const char *obsp_area_href(Req *req, const ObsModel *m, int iArea)
{
  const ObsArea *a = &m->aArea[iArea];
  switch (a->level) {
    case OBS_FRANCE: return "/observatoire";
    case OBS_REGION:
      return html_mprintf(req, "/observatoire/regions/%u", a->zCode);
    case OBS_DEPARTEMENT:
      return html_mprintf(req, "/observatoire/departements/%u", a->zCode);
    case OBS_EPCI:
      return html_mprintf(req, "/observatoire/epci/%u", a->zCode);
    case OBS_COMMUNE: break;
  }
  return "/observatoire";
}

const char *obsp_node_href(Req *req, const ObsModel *m, int iNode)
{
  const char *zV = req_query(req, "millesime");
  const char *zQ = obsp_key_query(req);
  if (zV && zV[0]) {
    zQ = html_mprintf(req, "millesime=%u&%s", zV, zQ /*trusted*/);
  }
  if (!zQ[0]) {
    return html_mprintf(req, "/observatoire/communes/%u",
                        m->in.azCode[iNode]);
  }
  return html_mprintf(req, "/observatoire/communes/%u?%s",
                      m->in.azCode[iNode], obsp_trim_amp(req, zQ) /*trusted*/);
}

const char *obsp_zone_badge(Req *req, int zone)
{
  static const char *const azClass[] = {"badge-sous-dense",
                                        "badge-intermediaire",
                                        "badge-bien-dote"};
  if (zone < 0 || zone > 2) {
    return "<span class=\"badge badge-neutre\">pas de donnée</span>";
  }
  return html_mprintf(req, "<span class=\"badge %s\">%h (indicatif)</span>",
                      azClass[zone] /*trusted*/, acc_zone_name(zone));
}

const char *obsp_zone_info_badge(Req *req, const ZoneInfo *z)
{
  static const char *const azClass[] = {"badge-sous-dense",
                                        "badge-intermediaire",
                                        "badge-bien-dote"};
  int k = obs_zone_index(z);
  return html_mprintf(req, "<span class=\"badge %s\" title=\"%h\">%h</span>",
                      k < 0 ? "badge-neutre" /*trusted*/
                            : azClass[k] /*trusted*/,
                      z->zLabel ? z->zLabel : "", zoning_short(z));
}

void obsp_search_form(Req *req, const char *zQuery)
{
  html_printf(req,
      "<form class=\"obs-search\" method=\"get\" "
      "action=\"/observatoire/recherche\" role=\"search\">\n"
      "<div class=\"field\"><label for=\"q\">Rechercher une commune"
      "<span class=\"hint\">Nom ou code postal, par exemple « Périgueux » "
      "ou « 24000 »</span></label>\n"
      "<div class=\"obs-search-row\"><input type=\"search\" id=\"q\" "
      "name=\"q\" value=\"%h\" autocomplete=\"off\" required "
      "minlength=\"2\"><button type=\"submit\">Rechercher</button></div>"
      "</div>\n</form>\n", zQuery ? zQuery : "");
}

void obsp_not_found(Req *req, const char *zTitle, const char *zSentence,
                    const char *zCode)
{
  reply_status(req, 404);
  page_begin(req, zTitle);
  obsp_assets(req, 0);
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Introuvable", NULL,
                 NULL);
  html_printf(req,
      "<h1>%h</h1>\n<div class=\"alert alert-warning\" role=\"alert\">"
      "<p>%h « %h ».</p><p>Vérifiez le code (code INSEE de la commune, "
      "numéro SIREN de l'intercommunalité) ou cherchez par nom.</p></div>\n",
      zTitle, zSentence, zCode ? zCode : "");
  obsp_search_form(req, NULL);
  html_printf(req, "<p><a href=\"/observatoire\">Retour à l'observatoire"
                   "</a></p>\n");
  page_end(req);
}

void obsp_no_data(Req *req)
{
  html_printf(req,
      "<div class=\"alert alert-info\">\n"
      "<p class=\"alert-title\">Aucune donnée n'est encore importée</p>\n"
      "<p>L'observatoire s'affiche dès que les communes, la population et "
      "l'offre de soins sont importées, puis l'APL calculée : "
      "<code>tools/initdb.sh</code> le fait à partir des fichiers publics "
      "(voir <a href=\"/sources\">les sources</a>).</p>\n"
      "</div>\n");
}

void obsp_assets(Req *req, int hasMap)
{
  const char *zVer = assets_version();
  if (hasMap) {
    html_printf(req, "<link rel=\"stylesheet\" "
                     "href=\"/static/vendor/leaflet.css?v=%u\">\n", zVer);
  }
  html_printf(req, "<link rel=\"stylesheet\" href=\"/static/css/obs.css?v=%u\">\n",
              zVer);
}

void obsp_breadcrumb(Req *req, const ObspView *v, ObsLevel level, int idx)
{
  const ObsModel *m = v->m;
  int aChain[6], nChain = 0;
  int iArea = -1;
  const char *zQ = obsp_trim_amp(req, obsp_view_query(req, v));
  if (level == OBS_COMMUNE) {
    iArea = m->aNodeEpci[idx] >= 0 ? m->aNodeEpci[idx] : m->aNodeDep[idx];
  } else {
    iArea = idx;
  }
  while (iArea >= 0 && nChain < 6) {
    aChain[nChain++] = iArea;
    iArea = m->aArea[iArea].iParent;
  }
  /* label/href pairs for kit_breadcrumb, the rest NULL (its end) */
  const char *az[2 * 8] = {0};
  int n = 0;
  for (int i = nChain - 1; i >= 0; i--) {
    const ObsArea *a = &m->aArea[aChain[i]];
    const char *zHref = obsp_area_href(req, m, aChain[i]);
    if (zQ[0]) zHref = html_mprintf(req, "%s?%s", zHref /*trusted*/,
                                    zQ /*trusted*/);
    az[n++] = a->level == OBS_FRANCE ? "France" : a->zName;
    az[n++] = level != OBS_COMMUNE && i == 0 ? NULL : zHref;
  }
  if (level == OBS_COMMUNE) {
    az[n++] = m->in.azName[idx];
    az[n++] = NULL;
  }
  assert(n <= 14);
  kit_breadcrumb(req, az[0], az[1], az[2], az[3], az[4], az[5], az[6], az[7],
                 az[8], az[9], az[10], az[11], az[12], az[13], NULL);
}

void obsp_selector(Req *req, const ObspView *v, const char *zAction)
{
  static const ObsIndicator aInd[] = {OBS_IND_APL, OBS_IND_DENSITY,
                                      OBS_IND_SHARE60, OBS_IND_ZONE,
                                      OBS_IND_POPULATION, OBS_IND_CHANGE};
  html_printf(req,
      "<form class=\"obs-selector\" method=\"get\" action=\"%h\">\n"
      "<div class=\"field\"><label for=\"indicateur\">Indicateur</label>"
      "<select id=\"indicateur\" name=\"indicateur\">\n", zAction);
  for (size_t i = 0; i < sizeof aInd / sizeof aInd[0]; i++) {
    const char *zNote = "";
    if (aInd[i] == OBS_IND_SHARE60 && !v->m->hasAges) {
      zNote = " — âges inconnus";
    }
    if (aInd[i] == OBS_IND_CHANGE && v->nVintage < 2) {
      zNote = " — un seul millésime";
    }
    html_printf(req, "<option value=\"%h\"%s>%h%h</option>\n",
                obs_indicator_name(aInd[i]),
                aInd[i] == v->ind ? " selected" /*trusted*/ : "" /*trusted*/,
                obs_indicator_label(aInd[i]), zNote);
  }
  html_printf(req, "</select></div>\n");
  if (v->nVintage > 0) {
    html_printf(req, "<div class=\"field\"><label for=\"millesime\">"
                     "Millésime</label><select id=\"millesime\" "
                     "name=\"millesime\">\n");
    for (int i = 0; i < v->nVintage; i++) {
      html_printf(req, "<option value=\"%d\"%s>%d</option>\n", v->aVintage[i],
                  v->aVintage[i] == v->key.vintage ? " selected" /*trusted*/
                                                   : "" /*trusted*/,
                  v->aVintage[i]);
    }
    html_printf(req, "</select></div>\n");
  }
  obsp_key_hidden(req);
  if (v->zSort[0]) {
    html_printf(req, "<input type=\"hidden\" name=\"tri\" value=\"%h\">",
                v->zSort);
    if (v->isDesc) {
      html_printf(req, "<input type=\"hidden\" name=\"ordre\" "
                       "value=\"desc\">");
    }
  }
  html_printf(req, "<div class=\"obs-selector-go\"><button type=\"submit\" "
                   "class=\"btn-secondary\">Afficher</button></div>\n"
                   "</form>\n");
}

void obsp_area_stats(Req *req, const ObspView *v, int iArea)
{
  const ObsModel *m = v->m;
  const ObsArea *a = &m->aArea[iArea];
  double popAll = a->aZonePop[0] + a->aZonePop[1] + a->aZonePop[2];
  double share = popAll > 0 ? 100.0 * a->aZonePop[0] / popAll : NAN;
  int isOff = 0;
  for (int i = 0; i < m->n && !isOff; i++) isOff = m->aZone[i].isOfficial;
  html_printf(req,
      "<ul class=\"obs-stats\">\n"
      "<li class=\"stat\"><span class=\"stat-value\">%s</span>"
      "<span class=\"stat-label\">APL publiée par la DREES%s, moyenne "
      "pondérée</span></li>\n"
      "<li class=\"stat\"><span class=\"stat-value\">%.1F</span>"
      "<span class=\"stat-label\">médecins généralistes pour 10 000 "
      "habitants</span></li>\n"
      "<li class=\"stat\"><span class=\"stat-value\">%s</span>"
      "<span class=\"stat-label\">de la population en zone %s "
      "(%.0F commune%s sur %.0F)</span></li>\n"
      "<li class=\"stat\"><span class=\"stat-value\">%.0F</span>"
      "<span class=\"stat-label\">habitants (population standardisée "
      "%d)</span></li>\n"
      "</ul>\n",
      obsp_apl_text(req, a->aplRef) /*trusted*/,
      m->refVintage ? html_mprintf(req, " %d", m->refVintage) /*trusted*/
                    : "" /*trusted*/,
      a->density,
      isnan(share) ? "pas de donnée" /*trusted*/
                   : html_mprintf(req, "%.0F %%", share) /*trusted*/,
      isOff ? "prioritaire (zonage de l'ARS)" /*trusted*/
            : "sous-dense (indicatif, APL DREES)" /*trusted*/,
      (double)a->aZoneN[0],
      a->aZoneN[0] > 1 ? "s" /*trusted*/ : "" /*trusted*/,
      (double)a->nCommune,
      a->popTotal > 0 ? a->popTotal : a->pop, v->key.vintage);
  if (a->level == OBS_FRANCE && !isnan(m->refMean)) {
    html_printf(req, "<p class=\"muted small\">Moyenne nationale : APL DREES "
                     "%d tous âges <strong>%.2F</strong> (série sans les médecins "
                     "de 65 ans et plus : %.2F). L'estimation oasis, un modèle, vaut %.2F "
                     "en moyenne.</p>\n",
                m->refVintage, m->refMean, m->refMeanUnder65, a->apl);
  }
}

const char *obsp_apl_text(Req *req, double v)
{
  return isnan(v) ? "pas de donnée" : html_mprintf(req, "%.2F", v);
}

const char *obsp_key_text(Req *req, const ObsModel *m)
{
  Str s = STR_INIT;
  obs_key_describe(&m->key, &s);
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return z;
}

void obsp_provenance(Req *req, const ObsModel *m)
{
  html_printf(req,
      "<details class=\"obs-provenance\">\n"
      "<summary>Provenance des chiffres</summary>\n"
      "<p>Millésime %d, offre « %h », paramètres : %h.</p>\n"
      "<pre>%h</pre>\n"
      "</details>\n",
      m->key.vintage, m->key.zSupply, obsp_key_text(req, m),
      m->zProvenance ? m->zProvenance : "");
}

void obsp_export_links(Req *req, const char *zPath, const char *zWhat)
{
  static const char *const azFmt[] = {"csv", "xlsx", "geojson"};
  static const char *const azLabel[] = {"CSV", "Excel (XLSX)", "GeoJSON"};
  /* the request's key parameters (offre, tmax, decroissance): the file
  ** holds the figures of the page */
  const char *zKey = obsp_key_query(req);
  if (zKey[0] && strncmp(zPath, "/api/v1/scenarios/", 18) != 0) {
    zPath = html_mprintf(req, "%s%s%s", zPath /*trusted*/,
                         strchr(zPath, '?') ? "&" /*trusted*/ : "?" /*trusted*/,
                         obsp_trim_amp(req, zKey) /*trusted*/);
  }
  const char *zSep = strchr(zPath, '?') ? "&amp;" : "?";
  html_printf(req, "<div class=\"obs-exports\"><span class=\"obs-exports-title\">"
                   "Télécharger %h</span>", zWhat);
  for (int i = 0; i < 3; i++) {
    html_printf(req,
        "<a class=\"btn btn-small btn-secondary\" href=\"%h%sformat=%u\" "
        "download>%h</a>", zPath, zSep /*trusted*/, azFmt[i], azLabel[i]);
  }
  html_printf(req, "</div>\n");
}
