/*
** observatory/pages_whatif.c: the what-if page (simulation), for agents.
**
** GET /observatoire/simulation shows a form of up to OBSP_ROWS changes
** (FTE added or removed in a commune, or an antenna of N FTE opened);
** POST computes it incrementally (obs_whatif_run) and shows the APL
** changes on a map and in tables, or saves it as a named scenario
** (obs_scenario_save: nothing is written when any change is refused).
** A refused form comes back with HTTP 400, the field named in French.
** The computed result can be exported without saving it: the result
** carries a form re-posting the changes with action=exporter and a
** format (CSV, XLSX, GeoJSON of the first change's département, APL
** before and after, the changes in the provenance; export.c writes it).
** obsp_whatif_result() is shared with the scenario pages.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "observatory/obs_api.h"
#include "observatory/pages.h"
#include "web/kit.h"
#include "workforce/workforce.h"

#define OBSP_ROWS 5

/* The form as typed, kept to show it again. */
typedef struct WhatIfForm WhatIfForm;
struct WhatIfForm {
  const char *azCode[OBSP_ROWS];
  const char *azFte[OBSP_ROWS];
  int aKind[OBSP_ROWS];     /* an index of azChangeKind */
  const char *zName;
};

/* The kinds of a change (the form's "type_N" values): doctors added or
** removed, an antenna, a structure opened with its GP FTE (its kind is the
** structures directory's word). */
static const char *const azChangeKind[] = {"etp", "antenne", "msp",
                                           "centre_sante"};
#define WHATIF_NKIND 4

/* "code_3" / "etp_3" of a 1-based row. */
static const char *field_name(Req *req, const char *zWhat, int iRow)
{
  return html_mprintf(req, "%s_%d", zWhat /*trusted*/, iRow);
}

/* May this account save scenarios (read-only accounts only simulate)? */
static int whatif_can_save(Req *req)
{
  return req_role(req) >= ROLE_AGENT;
}

/* The error summary and the form; err (may be NULL) names the field. */
static void whatif_form(Req *req, const WhatIfForm *f, const Err *err)
{
  const char *zBad = err && err->code ? err->zField : "";
  if (err && err->code) {
    html_printf(req, "<div class=\"alert alert-error\" role=\"alert\" "
                     "id=\"erreur\"><p class=\"alert-title\">Simulation "
                     "refusée, rien n'a été enregistré</p><p>%h</p></div>\n",
                err->zMsg);
  }
  form_begin(req, "/observatoire/simulation");
  html_printf(req,
      "<fieldset class=\"obs-changes\"><legend>Modifications</legend>\n"
      "<p class=\"hint\">Un ETP correspond à un médecin à temps plein. "
      "Un nombre négatif retire des ETP (par exemple « -1 » pour un départ "
      "en retraite) ; une antenne, une maison ou un centre de santé "
      "ouvert compte au moins un ETP (ses médecins généralistes). Les "
      "décimales s'écrivent avec une virgule ou un point.</p>\n"
      "<div class=\"table-wrap\"><table class=\"obs-change-table "
      "table-stack\">\n<caption class=\"visually-hidden\">Modifications à "
      "simuler</caption>\n<thead><tr><th scope=\"col\">Ligne</th>"
      "<th scope=\"col\">Code INSEE de la commune</th><th scope=\"col\">"
      "Type</th><th scope=\"col\">ETP</th></tr></thead>\n<tbody>\n");
  for (int r = 0; r < OBSP_ROWS; r++) {
    const char *zC = field_name(req, "code", r + 1);
    const char *zE = field_name(req, "etp", r + 1);
    const char *zT = field_name(req, "type", r + 1);
    int isBadC = strcmp(zBad, zC) == 0, isBadE = strcmp(zBad, zE) == 0;
    html_printf(req,
        "<tr><th scope=\"row\">%d</th>"
        "<td data-label=\"Code INSEE\"><label class=\"visually-hidden\" "
        "for=\"%h\">Ligne %d : code INSEE de la commune</label>"
        "<input type=\"text\" id=\"%h\" name=\"%h\" value=\"%h\" "
        "inputmode=\"numeric\" maxlength=\"5\" size=\"6\" "
        "autocomplete=\"off\"%s></td>"
        "<td data-label=\"Type\"><label class=\"visually-hidden\" "
        "for=\"%h\">Ligne %d : type de modification</label>"
        "<select id=\"%h\" name=\"%h\"><option value=\"etp\"%s>ETP ajoutés "
        "ou retirés</option><option value=\"antenne\"%s>Ouverture d'une "
        "antenne</option><option value=\"msp\"%s>Ouverture d'une maison "
        "de santé</option><option value=\"centre_sante\"%s>Ouverture d'un "
        "centre de santé</option></select></td>"
        "<td data-label=\"ETP\"><label class=\"visually-hidden\" "
        "for=\"%h\">Ligne %d : ETP</label>"
        "<input type=\"text\" id=\"%h\" name=\"%h\" value=\"%h\" "
        "inputmode=\"decimal\" size=\"6\" autocomplete=\"off\"%s></td></tr>\n",
        r + 1, zC, r + 1, zC, zC, f->azCode[r] ? f->azCode[r] : "",
        isBadC ? " aria-invalid=\"true\" aria-describedby=\"erreur\""
                 /*trusted*/
               : "" /*trusted*/,
        zT, r + 1, zT, zT,
        f->aKind[r] == 0 ? " selected" /*trusted*/ : "" /*trusted*/,
        f->aKind[r] == 1 ? " selected" /*trusted*/ : "" /*trusted*/,
        f->aKind[r] == 2 ? " selected" /*trusted*/ : "" /*trusted*/,
        f->aKind[r] == 3 ? " selected" /*trusted*/ : "" /*trusted*/,
        zE, r + 1, zE, zE, f->azFte[r] ? f->azFte[r] : "",
        isBadE ? " aria-invalid=\"true\" aria-describedby=\"erreur\""
                 /*trusted*/
               : "" /*trusted*/);
  }
  html_printf(req, "</tbody></table></div>\n</fieldset>\n");
  if (!whatif_can_save(req)) {
    html_printf(req,
        "<p class=\"muted small\">Votre compte est en lecture seule : vous "
        "pouvez calculer l'effet d'une décision, sans l'enregistrer.</p>\n"
        "<div class=\"form-actions\"><button type=\"submit\" "
        "name=\"action\" value=\"calculer\">Calculer l'effet</button>"
        "</div>\n");
    form_end(req);
    return;
  }
  KitErrors e = {0};
  if (strcmp(zBad, "nom") == 0) kit_error_from(req, &e, err);
  kit_input_ex(req, &e, "nom", "Nom du scénario", "text", f->zName,
               "Nécessaire seulement pour l'enregistrer, par exemple "
               "« Maison de santé de Belvès, 3 médecins »",
               "maxlength=\"200\"");
  html_printf(req,
      "<div class=\"form-actions\"><button type=\"submit\" name=\"action\" "
      "value=\"calculer\">Calculer l'effet</button>"
      "<button type=\"submit\" name=\"action\" value=\"enregistrer\" "
      "class=\"btn-secondary\">Enregistrer le scénario</button></div>\n");
  form_end(req);
}

/* Header of the page, shared by GET and POST. */
static void whatif_head(Req *req)
{
  page_begin(req, "Simuler une décision");
  obsp_assets(req, 1);
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Simulation", NULL,
                 NULL);
  html_printf(req,
      "<div class=\"page-header\"><div><p class=\"eyebrow\">Observatoire"
      "</p>\n<h1>Simuler une décision</h1></div>\n"
      "<a class=\"btn btn-secondary\" href=\"/observatoire/scenarios\">"
      "Scénarios enregistrés</a></div>\n"
      "<p class=\"lead\">Ajoutez ou retirez des médecins, ou ouvrez une "
      "antenne : le modèle d'oasis calcule l'effet de la décision sur les "
      "seules communes qu'elle peut atteindre, et cet effet s'ajoute à "
      "l'APL officielle publiée par la DREES (« APL officielle + effet "
      "simulé »). Les communes qui changent de classe sont listées.</p>\n");
}

/* A table of deltas (every one when !isZoneOnly, else the class
** changes), at most nMax rows. */
static void whatif_table(Req *req, const ObsModel *m, const ObsWhatIf *w,
                         int isZoneOnly, int nMax, const char *zId,
                         const char *zCaption)
{
  int nShown = 0;
  html_printf(req,
      "<div class=\"table-wrap obs-table\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"%h\">\n<table class=\"table-stack\">\n"
      "<caption id=\"%h\">%h</caption>\n<thead><tr><th scope=\"col\">Commune"
      "</th><th scope=\"col\" class=\"num\">APL officielle (DREES %d)</th>"
      "<th scope=\"col\" class=\"num\">Effet simulé</th><th scope=\"col\" "
      "class=\"num\">APL officielle + effet simulé</th><th scope=\"col\">"
      "Classe avant</th><th scope=\"col\">Classe après</th>"
      "<th scope=\"col\" class=\"num\">Population</th></tr></thead>\n"
      "<tbody>\n", zId, zId, zCaption, m->refVintage);
  for (int k = 0; k < w->nDelta && nShown < nMax; k++) {
    const ObsDelta *d = &w->aDelta[k];
    int i = d->iNode;
    double eff = d->aplAfter - d->aplBefore;
    if (isZoneOnly && d->zoneBefore == d->zoneAfter) continue;
    nShown++;
    html_printf(req,
        "<tr><th scope=\"row\"><a href=\"%h\">%h</a> <span class=\"muted "
        "small\">%h</span></th><td class=\"num\" data-label=\"APL "
        "officielle\">%s</td><td class=\"num\" data-label=\"Effet simulé\">"
        "%s%.2F</td><td class=\"num\" data-label=\"APL officielle + effet "
        "simulé\">%s</td><td data-label=\"Classe avant\">%s</td>"
        "<td data-label=\"Classe après\">%s</td><td class=\"num\" "
        "data-label=\"Population\">%.0F</td></tr>\n",
        obsp_node_href(req, m, i), m->in.azName[i], m->in.azCode[i],
        obsp_apl_text(req, d->refBefore) /*trusted*/,
        eff > 0 ? "+" /*trusted*/ : "" /*trusted*/, eff,
        obsp_apl_text(req, d->refAfter) /*trusted*/,
        obsp_zone_badge(req, d->zoneBefore) /*trusted*/,
        obsp_zone_badge(req, d->zoneAfter) /*trusted*/, m->in.aPop[i]);
  }
  if (nShown == 0) {
    html_printf(req, "<tr><td colspan=\"7\">%s</td></tr>\n",
                isZoneOnly ? "Aucune commune ne change de zone." /*trusted*/
                           : "Aucune APL ne change." /*trusted*/);
  }
  html_printf(req, "</tbody></table></div>\n");
  if (!isZoneOnly && w->nDelta > nMax) {
    html_printf(req, "<p class=\"muted small\">Les %d plus fortes variations "
                     "sur %d ; l'export contient toutes les communes.</p>\n",
                nMax, w->nDelta);
  }
}

void obsp_whatif_result(Req *req, const ObsModel *m, const ObsWhatIf *w,
                        int hasMap)
{
  ObspView v;
  ObspLegend g;
  ObspRow *aRow;
  int *aNode;
  html_printf(req,
      "<h2 id=\"resultat\">Effet de la décision</h2>\n<ul class=\"obs-stats\">"
      "\n<li class=\"stat\"><span class=\"stat-value\">%d</span><span "
      "class=\"stat-label\">communes dont l'APL change (%d recalculées)"
      "</span></li>\n<li class=\"stat\"><span class=\"stat-value\">%d</span>"
      "<span class=\"stat-label\">%s de classe "
      "indicative</span></li>\n"
      "<li class=\"stat\"><span class=\"stat-value\">%.0F</span><span "
      "class=\"stat-label\">habitants sortent de la zone sous-dense</span>"
      "</li>\n<li class=\"stat\"><span class=\"stat-value\">%.0F</span>"
      "<span class=\"stat-label\">habitants y entrent</span></li>\n</ul>\n",
      w->nDelta, w->nRecomputed, w->nZoneChanged,
      w->nZoneChanged > 1 ? "communes changent" /*trusted*/
                          : "commune change" /*trusted*/,
      w->popLifted, w->popLowered);
  if (w->nDelta > 0) {
    /* the communes that change, by name, before any table */
    int nName = w->nDelta < 12 ? w->nDelta : 12;
    html_printf(req, "<p class=\"obs-whatif-names\">Communes concernées : ");
    for (int k = 0; k < nName; k++) {
      int i = w->aDelta[k].iNode;
      html_printf(req, "%s<a href=\"%h\">%h</a>",
                  k ? ", " /*trusted*/ : "" /*trusted*/,
                  obsp_node_href(req, m, i),
                  m->in.azName[i] ? m->in.azName[i] : m->in.azCode[i]);
    }
    if (w->nDelta > nName) {
      html_printf(req, " et %d autre%s", w->nDelta - nName,
                  w->nDelta - nName > 1 ? "s" /*trusted*/ : "" /*trusted*/);
    }
    html_printf(req, ".</p>\n");
  }
  whatif_table(req, m, w, 1, w->nDelta, "zones-titre",
               "Communes qui changent de classe indicative (APL officielle "
               "+ effet simulé)");
  /* the map of APL changes, same classes as the "évolution" indicator */
  memset(&v, 0, sizeof v);
  v.m = (ObsModel *)m;
  v.key = m->key;
  v.ind = OBS_IND_CHANGE;
  aRow = arena_alloc(req_arena(req), sizeof *aRow * (size_t)(w->nDelta + 1));
  aNode = arena_alloc(req_arena(req), sizeof *aNode * (size_t)(w->nDelta + 1));
  for (int k = 0; k < w->nDelta; k++) {
    const ObsDelta *d = &w->aDelta[k];
    ObspRow *r = &aRow[k];
    memset(r, 0, sizeof *r);
    aNode[k] = d->iNode;
    r->zCode = m->in.azCode[d->iNode];
    r->zName = m->in.azName[d->iNode];
    r->zHref = obsp_node_href(req, m, d->iNode);
    r->value = d->aplAfter - d->aplBefore;
    r->zTip = html_mprintf(req, "%.2F → %.2F (APL officielle + effet "
                                "simulé)", d->refBefore, d->refAfter);
  }
  if (hasMap && w->nDelta > 0) {
    obsp_legend_build(req, &v, aRow, w->nDelta, &g);
    html_printf(req, "<h2 id=\"carte\">Effet simulé sur l'APL</h2>\n");
    obsp_map(req, "effet simulé sur l'APL par commune",
             "Effet simulé (consultations/hab./an)", &g, aRow,
             w->nDelta, obsp_contours_of(req, m, aNode, w->nDelta), 0);
    obsp_map_scripts(req);
  }
  whatif_table(req, m, w, 0, 200, "variations-titre",
               "Communes dont l'APL change, les plus forts effets d'abord");
}

/* GET /observatoire/simulation[?commune=24001]
** ROUTE: GET /observatoire/simulation lecteur
*/
void obs_page_whatif(Req *req)
{
  WhatIfForm f;
  const char *zCommune = req_query(req, "commune");
  memset(&f, 0, sizeof f);
  if (zCommune && strlen(zCommune) <= 10) {
    f.azCode[0] = zCommune;
    f.azFte[0] = "1";
  }
  whatif_head(req);
  whatif_form(req, &f, NULL);
  page_end(req);
}

/* The form's rows into aChange (non-empty rows only); aRowOf[k] is the
** 1-based row of change k.  0, or ERR_INPUT naming the field. */
static int whatif_parse(Req *req, WhatIfForm *f, ObsChange *aChange,
                        int *aRowOf, int *pn, Err *err)
{
  int n = 0;
  for (int r = 0; r < OBSP_ROWS; r++) {
    const char *zType = req_form(req, field_name(req, "type", r + 1));
    f->azCode[r] = req_form(req, field_name(req, "code", r + 1));
    f->azFte[r] = req_form(req, field_name(req, "etp", r + 1));
    f->aKind[r] = 0;
    for (int t = 1; zType && t < WHATIF_NKIND; t++) {
      if (strcmp(zType, azChangeKind[t]) == 0) f->aKind[r] = t;
    }
  }
  f->zName = req_form(req, "nom");
  for (int r = 0; r < OBSP_ROWS; r++) {
    const char *zC = f->azCode[r] ? f->azCode[r] : "";
    const char *zE = f->azFte[r] ? f->azFte[r] : "";
    ObsChange *c = &aChange[n];
    if (!zC[0] && !zE[0]) continue;
    if (!zC[0] || strlen(zC) >= sizeof c->zCode) {
      err_set(err, ERR_INPUT, "Ligne %d : indiquez le code INSEE de la "
              "commune (5 caractères, par exemple 24322).", r + 1);
      err_field(err, field_name(req, "code", r + 1));
      return ERR_INPUT;
    }
    if (!zE[0]) {
      err_set(err, ERR_INPUT, "Ligne %d : indiquez le nombre d'ETP.", r + 1);
      err_field(err, field_name(req, "etp", r + 1));
      return ERR_INPUT;
    }
    memset(c, 0, sizeof *c);
    snprintf(c->zCode, sizeof c->zCode, "%s", zC);
    c->isAntenna = f->aKind[r] == 1;
    if (f->aKind[r] >= 2) {
      snprintf(c->zStructure, sizeof c->zStructure, "%s",
               azChangeKind[f->aKind[r]]);
    }
    if (obs_fte_parse(zE, field_name(req, "etp", r + 1), &c->fte, err)) {
      char zMsg[sizeof err->zMsg];
      snprintf(zMsg, sizeof zMsg, "Ligne %d, ETP : %.400s.", r + 1, err->zMsg);
      snprintf(err->zMsg, sizeof err->zMsg, "%s", zMsg);
      return ERR_INPUT;
    }
    aRowOf[n++] = r + 1;
  }
  if (n == 0) {
    err_set(err, ERR_INPUT, "Indiquez au moins une modification : un code "
            "de commune et un nombre d'ETP.");
    err_field(err, "code_1");
    return ERR_INPUT;
  }
  *pn = n;
  return 0;
}

/* An engine refusal "changements[K].code|etp" renamed to the form's field,
** its message prefixed with the row. */
static void whatif_rename(Req *req, Err *err, const int *aRowOf, int n)
{
  int k;
  char zWhat[8], zMsg[sizeof err->zMsg];
  if (strcmp(err->zField, "name") == 0) {
    err_field(err, "nom");
    snprintf(zMsg, sizeof zMsg, "Nom du scénario : %.400s.", err->zMsg);
    snprintf(err->zMsg, sizeof err->zMsg, "%s", zMsg);
    return;
  }
  if (sscanf(err->zField, "changements[%d].%7s", &k, zWhat) != 2 || k < 0 ||
      k >= n) {
    return;
  }
  int isCode = strcmp(zWhat, "code") == 0;
  snprintf(zMsg, sizeof zMsg, "Ligne %d, %s : %.400s.", aRowOf[k],
           isCode ? "code INSEE" : "ETP", err->zMsg);
  snprintf(err->zMsg, sizeof err->zMsg, "%s", zMsg);
  err_field(err, field_name(req, isCode ? "code" : "etp", aRowOf[k]));
}

/* The area an unsaved what-if is exported for: the département of its
** first change, else France (0). */
static int whatif_export_area(const ObsModel *m, const ObsChange *aChange)
{
  int iNode = obs_node_find(m, aChange[0].zCode);
  int iDep = iNode >= 0 ? m->aNodeDep[iNode] : -1;
  return iDep >= 0 ? iDep : 0;
}

/* The changes as provenance lines ("modification 1 : +1,50 ETP à 01001
** (Nom)"), from the request arena. */
static const char *whatif_note(Req *req, const ObsModel *m,
                               const ObsChange *aChange, int n)
{
  char zToday[11];
  clock_today_iso(zToday);
  Arena *a = req_arena(req);
  const char *z = arena_printf(a, "simulation non enregistrée, calculée le "
                                  "%s (%d modification%s)", zToday, n,
                               n > 1 ? "s" : "");
  for (int k = 0; k < n; k++) {
    int iNode = obs_node_find(m, aChange[k].zCode);
    const char *zName = iNode >= 0 && m->in.azName[iNode]
                            ? m->in.azName[iNode] : "";
    char zFte[32];
    snprintf(zFte, sizeof zFte, "%+.2f", aChange[k].fte);
    for (char *p = zFte; *p; p++) {
      if (*p == '.') *p = ',';
    }
    int isOpening = aChange[k].isAntenna || aChange[k].zStructure[0];
    const char *zWhat = aChange[k].isAntenna ? "antenne de " : "";
    if (aChange[k].zStructure[0]) {
      zWhat = arena_printf(a, "%s de ", wf_kind_label(aChange[k].zStructure));
    }
    z = arena_printf(a, "%s\nmodification %d : %s%s ETP à %s (%s)", z,
                     k + 1, zWhat, isOpening ? zFte + (zFte[0] == '+') : zFte,
                     aChange[k].zCode, zName);
  }
  return z;
}

/* The structures the changes open, each with the label of its effect:
** the model's, added to the official APL (« estimation oasis »). */
static void whatif_structures(Req *req, const ObsModel *m,
                              const ObsChange *aChange, int n)
{
  int nShown = 0;
  for (int k = 0; k < n; k++) {
    const ObsChange *c = &aChange[k];
    if (!c->zStructure[0]) continue;
    int i = obs_node_find(m, c->zCode);
    if (nShown++ == 0) {
      html_printf(req, "<h2 id=\"structures-ajoutees\">Structures "
                       "simulées</h2>\n<ul class=\"obs-change-list\">\n");
    }
    html_printf(req, "<li>%h de <strong>%.1F ETP</strong> de médecins à "
                     "<strong>%h</strong> <span class=\"muted small\">%h"
                     "</span> : effet calculé par le modèle d'oasis "
                     "(« estimation oasis »), ajouté à l'APL officielle."
                     "</li>\n", wf_kind_label(c->zStructure), c->fte,
                i >= 0 && m->in.azName[i] ? m->in.azName[i] : c->zCode,
                c->zCode);
  }
  if (nShown) html_printf(req, "</ul>\n");
}

/* The form exporting the result shown (the changes re-posted). */
static void whatif_export_form(Req *req, const ObsModel *m,
                               const WhatIfForm *f, const ObsChange *aChange)
{
  static const char *const azFmt[] = {"csv", "xlsx", "geojson"};
  static const char *const azLabel[] = {"CSV", "Excel (XLSX)", "GeoJSON"};
  int iArea = whatif_export_area(m, aChange);
  form_begin(req, "/observatoire/simulation");
  for (int r = 0; r < OBSP_ROWS; r++) {
    if (!f->azCode[r] && !f->azFte[r]) continue;
    html_printf(req,
        "<input type=\"hidden\" name=\"code_%d\" value=\"%h\">"
        "<input type=\"hidden\" name=\"type_%d\" value=\"%s\">"
        "<input type=\"hidden\" name=\"etp_%d\" value=\"%h\">\n",
        r + 1, f->azCode[r] ? f->azCode[r] : "", r + 1,
        azChangeKind[f->aKind[r]] /*trusted*/, r + 1,
        f->azFte[r] ? f->azFte[r] : "");
  }
  html_printf(req, "<input type=\"hidden\" name=\"action\" "
                   "value=\"exporter\">\n<p class=\"muted small "
                   "obs-export-note\">Sans l'enregistrer : les communes %s%h "
                   "avec l'APL avant et après ; la décision simulée figure "
                   "dans la provenance du fichier.</p>\n"
                   "<div class=\"obs-exports\"><span class=\"obs-exports-"
                   "title\">Télécharger ce résultat</span>",
              iArea > 0 ? "du département " /*trusted*/ : "de " /*trusted*/,
              iArea > 0 ? m->aArea[iArea].zName : "France");
  for (int i = 0; i < 3; i++) {
    html_printf(req, "<button type=\"submit\" name=\"format\" value=\"%s\" "
                     "class=\"btn-small btn-secondary\">%h</button>",
                azFmt[i] /*trusted*/, azLabel[i]);
  }
  html_printf(req, "</div>\n");
  form_end(req);
}

/* The export of an unsaved what-if w in the format of the form. */
static void whatif_export(Req *req, const ObsModel *m, const ObsWhatIf *w,
                          const ObsChange *aChange, int n)
{
  ExpFormat fmt;
  ObsExport b = {0};
  Err err = {0};
  if (oapi_format_or_reply(req, 1, &fmt)) return;
  int rc = obs_export_communes(m, whatif_export_area(m, aChange), w,
                               whatif_note(req, m, aChange, n), fmt, &b,
                               &err);
  oapi_reply_export(req, rc, fmt, &b, &err);
}

/* POST /observatoire/simulation: compute, export the result, or save and
** go to the scenario's page.
** ROUTE: POST /observatoire/simulation lecteur
*/
void obs_post_whatif(Req *req)
{
  WhatIfForm f;
  ObsChange aChange[OBSP_ROWS];
  int aRowOf[OBSP_ROWS], n = 0, rc;
  Err err = {0};
  ObsWhatIf w;
  ObspView v;
  const char *zAction = req_form(req, "action");
  int isSave = zAction && strcmp(zAction, "enregistrer") == 0;
  int isExport = zAction && strcmp(zAction, "exporter") == 0;
  memset(&f, 0, sizeof f);
  memset(&w, 0, sizeof w);
  rc = whatif_parse(req, &f, aChange, aRowOf, &n, &err);
  if (isSave && !whatif_can_save(req)) {
    reply_error(req, 403, "interdit", "Votre compte est en lecture seule : "
                "il peut simuler une décision, pas l'enregistrer.", NULL);
    return;
  }
  if (!rc && isSave && (!f.zName || !f.zName[0])) {
    err_clear(&err);
    err_set(&err, ERR_INPUT, "Nom du scénario : donnez un nom "
            "pour l'enregistrer.");
    err_field(&err, "nom");
    rc = ERR_INPUT;
  }
  if (rc) {
    reply_status(req, 400);
    whatif_head(req);
    whatif_form(req, &f, &err);
    page_end(req);
    return;
  }
  if ((rc = obsp_view_or_reply(req, &v)) != 0) {
    if (rc == 1) {
      whatif_head(req);
      obsp_no_data(req);
      page_end(req);
    }
    return;
  }
  if (isSave) {
    int64_t id = 0;
    rc = obs_act_scenario_create(req, v.m, f.zName, aChange, n, &id, &err);
    if (!rc) {
      obsp_view_release(&v);
      reply_redirect(req, html_mprintf(req, "/observatoire/scenarios/%lld",
                                       (long long)id));
      return;
    }
  } else {
    rc = obs_whatif_run(v.m, aChange, n, &w, &err);
  }
  if (rc && err.code != ERR_INPUT) {
    obsp_view_release(&v);
    reply_incident(req, &err);
    return;
  }
  if (rc) {
    whatif_rename(req, &err, aRowOf, n);
    reply_status(req, 400);
  } else if (isExport) {
    whatif_export(req, v.m, &w, aChange, n);
    obs_whatif_free(&w);
    obsp_view_release(&v);
    return;
  }
  whatif_head(req);
  whatif_form(req, &f, rc ? &err : NULL);
  if (!rc) {
    whatif_structures(req, v.m, aChange, n);
    obsp_whatif_result(req, v.m, &w, 1);
    whatif_export_form(req, v.m, &f, aChange);
    /* the invitation to save only for an account that may save */
    html_printf(req, "<p class=\"muted\">Calculé sur le millésime %d en "
                     "%.1F ms.%s</p>\n",
                v.key.vintage, 1000 * w.seconds,
                whatif_can_save(req)
                    ? " Enregistrez le scénario pour le retrouver et le "
                      "comparer à d'autres." /*trusted*/
                    : "" /*trusted*/);
    obsp_provenance(req, v.m);
  }
  obs_whatif_free(&w);
  obsp_view_release(&v);
  page_end(req);
}
