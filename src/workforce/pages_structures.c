/*
** workforce/pages_structures.c: the structures directory (public list,
** agents add a structure such as an assisted-teleconsultation point) and
** the patients without a médecin traitant (agents enter a figure), pages
** and JSON alike: one field table each, one write each (actions.c).
*/
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "workforce/wf_int.h"

static const char *const azKind[] = {"msp", "centre_sante", "cpts",
                                     "pharmacie", "teleconsultation", 0};

static const KitField aStructField[] = {
  {"type", "Type de structure", KIT_CHOICE, KIT_REQUIRED,
   offsetof(WfStructure, zKind), 0, 0, azKind, 0},
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(WfStructure, zName), 0, 200,
   0, 0},
  {"commune", "Commune (code INSEE)", KIT_TEXT, KIT_REQUIRED,
   offsetof(WfStructure, zCommune), 0, 5, 0, 0},
  {"etp", "Médecins généralistes (ETP)", KIT_REAL, 0,
   offsetof(WfStructure, fte), 0, 100, 0, 0},
  {"date_ouverture", "Date d'ouverture", KIT_DATE, 0,
   offsetof(WfStructure, zOpenedOn), 0, 0, 0, 0},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

static const KitField aNoGpField[] = {
  {"code", "Commune ou EPCI (code)", KIT_TEXT, KIT_REQUIRED,
   offsetof(WfNoGpInput, zCode), 0, 9, 0, 0},
  {"annee", "Année", KIT_INT, KIT_REQUIRED, offsetof(WfNoGpInput, year),
   2000, 2100, 0, 0},
  {"patients", "Patients sans médecin traitant", KIT_INT, KIT_REQUIRED,
   offsetof(WfNoGpInput, patients), 0, 10000000, 0, 0},
  {"part", "Part des patients (de 0 à 1)", KIT_REAL, 0,
   offsetof(WfNoGpInput, share), 0, 1, 0, 0},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

const char *wf_kind_label(const char *zKind)
{
  for (int i = 0; wf_structure_kinds[i]; i += 2) {
    if (!strcmp(zKind, wf_structure_kinds[i])) {
      return wf_structure_kinds[i + 1];
    }
  }
  return zKind;
}

static int structure_read(Req *req, WfStructure *p, KitErrors *e)
{
  memset(p, 0, sizeof *p);
  kit_read(req, aStructField, p, e);
  if (p->zCommune[0] && !kit_error_of(e, "commune") &&
      !wf_commune_known(req_db(req), p->zCommune)) {
    kit_error_add(req, e, "commune", "commune inconnue (code INSEE à 5 "
                  "caractères attendu)");
  }
  return e->n;
}

static int no_gp_read(Req *req, WfNoGpInput *p, KitErrors *e)
{
  memset(p, 0, sizeof *p);
  kit_read(req, aNoGpField, p, e);
  size_t n = strlen(p->zCode);
  p->zLevel = n == 5 ? "commune" : n == 9 ? "epci" : NULL;
  if (p->zCode[0] && !kit_error_of(e, "code")) {
    if (!p->zLevel) {
      kit_error_add(req, e, "code", "code de commune (5 caractères) ou "
                    "d'EPCI (9 chiffres) attendu");
    } else if (n == 5 && !wf_commune_known(req_db(req), p->zCode)) {
      kit_error_add(req, e, "code", "commune inconnue");
    }
  }
  return e->n;
}

void wf_render_structures(Req *req, const WfStructure *a, int n)
{
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucune structure enregistrée : "
                     "importez une extraction FINESS (<code>oasis import "
                     "finess</code>) ou ajoutez-en une.</p>\n");
    return;
  }
  html_printf(req, "<table class=\"table-stack\">\n<caption>Structures"
                   "</caption>\n<thead><tr><th scope=\"col\">Nom</th><th "
                   "scope=\"col\">Type</th><th scope=\"col\">Commune</th>"
                   "<th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
  for (int i = 0; i < n; i++) {
    const WfStructure *s = &a[i];
    html_printf(req, "<tr><th scope=\"row\">%h</th><td data-label=\"Type\">"
                     "%h</td><td data-label=\"Commune\">%h (%h)</td><td "
                     "data-label=\"Source\">%h%h%h</td></tr>\n", s->zName,
                wf_kind_label(s->zKind), s->zCommuneName, s->zCommune,
                s->zOrigin[0] == 'f' ? "FINESS " : "saisie",
                s->zFiness, s->zMissingSince[0] ? " (absente de la "
                                                  "dernière extraction)"
                                                : "");
  }
  html_printf(req, "</tbody>\n</table>\n");
}

static void structures_render(Req *req, const WfStructure *pIn,
                              const KitErrors *e, const WfNoGpInput *pNoGp,
                              const KitErrors *eNoGp)
{
  Err err = {0};
  const char *zCommune = kit_query(req, "commune");
  const char *zDep = kit_query(req, "departement");
  WfStructure *a;
  int n;
  if (wf_structures_list(req_db(req), req_arena(req), zCommune, zDep, &a, &n,
                         &err)) {
    reply_incident(req, &err);
    return;
  }
  if ((e && e->n) || (eNoGp && eNoGp->n)) reply_status(req, 400);
  page_begin(req, "Structures de soins de proximité");
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Structures", NULL,
                 NULL);
  html_printf(req, "<h1>Structures de soins de proximité</h1>\n<p>Maisons de "
                   "santé, centres de santé, CPTS, pharmacies et points de "
                   "téléconsultation assistée.</p>\n<form method=\"get\" "
                   "action=\"/observatoire/structures\" class=\"filters\">\n");
  kit_input(req, NULL, "commune", "Commune (code INSEE)", "text", zCommune,
            NULL);
  kit_input(req, NULL, "departement", "Département (code)", "text", zDep,
            NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Filtrer</button></div>\n</form>\n");
  wf_render_structures(req, a, n);
  if (!wf_sees_names(req)) {
    page_end(req);
    return;
  }
  html_printf(req, "<h2 id=\"ajouter\">Ajouter une structure</h2>\n");
  kit_error_box(req, e);
  form_begin(req, "/observatoire/structures");
  const char *azOpt[11];
  for (int i = 0; i < 10; i++) azOpt[i] = wf_structure_kinds[i];
  azOpt[10] = NULL;
  kit_select(req, e, "type", "Type de structure", azOpt,
             pIn ? pIn->zKind : "teleconsultation", NULL);
  kit_input(req, e, "nom", "Nom", "text", pIn ? pIn->zName : "", NULL);
  kit_input(req, e, "commune", "Commune (code INSEE)", "text",
            pIn ? pIn->zCommune : "", NULL);
  kit_input(req, e, "etp", "Médecins généralistes (ETP)", "text",
            pIn && !isnan(pIn->fte) ? html_mprintf(req, "%.2f", pIn->fte)
                                    : "", "facultatif");
  kit_input(req, e, "date_ouverture", "Date d'ouverture", "date",
            pIn ? pIn->zOpenedOn : "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter</button></div>\n");
  form_end(req);
  html_printf(req, "<h2 id=\"sans-medecin\">Patients sans médecin traitant"
                   "</h2>\n<p>Chiffre de l'Assurance Maladie pour une "
                   "commune ou un EPCI (ou <code>oasis import "
                   "sans-medecin-traitant</code>).</p>\n");
  kit_error_box(req, eNoGp);
  form_begin(req, "/observatoire/structures/sans-medecin-traitant");
  kit_input(req, eNoGp, "code", "Commune ou EPCI (code)", "text",
            pNoGp ? pNoGp->zCode : "", "5 caractères (commune) ou 9 "
            "chiffres (EPCI)");
  kit_input(req, eNoGp, "annee", "Année", "number",
            pNoGp && pNoGp->year != KIT_UNSET
                ? html_mprintf(req, "%lld", (long long)pNoGp->year) : "",
            NULL);
  kit_input(req, eNoGp, "patients", "Patients sans médecin traitant",
            "number", pNoGp && pNoGp->patients != KIT_UNSET
                          ? html_mprintf(req, "%lld",
                                         (long long)pNoGp->patients)
                          : "", NULL);
  kit_input(req, eNoGp, "part", "Part des patients (de 0 à 1)", "text",
            pNoGp && !isnan(pNoGp->share)
                ? html_mprintf(req, "%.3f", pNoGp->share) : "",
            "facultatif, par exemple 0,2");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
  page_end(req);
}

/* GET /observatoire/structures?commune=&departement= (public)
** ROUTE: GET /observatoire/structures public
*/
void wf_page_structures(Req *req)
{
  structures_render(req, NULL, NULL, NULL, NULL);
}

/* POST /observatoire/structures (agents)
** ROUTE: POST /observatoire/structures agent
*/
void wf_post_structure(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  WfStructure s;
  if (structure_read(req, &s, &e)) {
    structures_render(req, &s, &e, NULL, NULL);
    return;
  }
  int rc = wf_act_structure_save(req, &s, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/observatoire/structures?commune=%u",
                                   s.zCommune));
}

/* POST /observatoire/structures/sans-medecin-traitant (agents)
** ROUTE: POST /observatoire/structures/sans-medecin-traitant agent
*/
void wf_post_no_gp(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  WfNoGpInput in;
  if (no_gp_read(req, &in, &e)) {
    structures_render(req, NULL, NULL, &in, &e);
    return;
  }
  int rc = wf_act_no_gp_save(req, &in, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, "/observatoire/structures");
}

static json_t *structure_json(const WfStructure *s)
{
  return json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:o}",
                   "id", (json_int_t)s->id, "finess",
                   s->zFiness[0] ? json_string(s->zFiness) : json_null(),
                   "type", s->zKind, "nom", s->zName, "commune", s->zCommune,
                   "commune_nom", s->zCommuneName, "etp",
                   isnan(s->fte) ? json_null() : json_real(s->fte),
                   "date_ouverture", s->zOpenedOn[0]
                                         ? json_string(s->zOpenedOn)
                                         : json_null(),
                   "origine", s->zOrigin, "absente_depuis",
                   s->zMissingSince[0] ? json_string(s->zMissingSince)
                                       : json_null());
}

/* GET /api/v1/structures?commune=&departement= (public)
** ROUTE: GET /api/v1/structures public api
*/
void wf_api_structures(Req *req)
{
  Err err = {0};
  WfStructure *a;
  int n;
  if (wf_structures_list(req_db(req), req_arena(req),
                         kit_query(req, "commune"),
                         kit_query(req, "departement"), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *aOut = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(aOut, structure_json(&a[i]));
  reply_json(req, 200, json_pack("{s:o, s:i}", "structures", aOut, "total",
                                 n));
}

/* POST /api/v1/structures (agents)
** ROUTE: POST /api/v1/structures agent api
*/
void wf_api_structure_create(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  WfStructure s;
  if (structure_read(req, &s, &e)) {
    kit_reply_errors(req, &e);
    return;
  }
  int rc = wf_act_structure_save(req, &s, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  s.zFiness = s.zMissingSince = "";
  s.zOrigin = "manuel";
  s.zCommuneName = lookup_commune_name(req_db(req), req_arena(req),
                                       s.zCommune);
  reply_json(req, 201, structure_json(&s));
}

/* POST /api/v1/praticiens/sans-medecin-traitant (agents)
** ROUTE: POST /api/v1/praticiens/sans-medecin-traitant agent api
*/
void wf_api_no_gp(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  WfNoGpInput in;
  if (no_gp_read(req, &in, &e)) {
    kit_reply_errors(req, &e);
    return;
  }
  int rc = wf_act_no_gp_save(req, &in, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, 200, json_pack("{s:s, s:s, s:I, s:I, s:o}", "niveau",
                                 in.zLevel, "code", in.zCode, "annee",
                                 (json_int_t)in.year, "patients",
                                 (json_int_t)in.patients, "part",
                                 isnan(in.share) ? json_null()
                                                 : json_real(in.share)));
}
