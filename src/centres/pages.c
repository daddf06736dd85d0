/*
** centres/pages.c: the directory of centres and sites, and the back-office
** forms for networks, centres and sites.
**
** Public visitors see where the centres and antennas are, what they offer
** and when they open; agents also get the forms.  Every write runs in one
** transaction with its audit record.  No SQL here: network.c does it.
*/
#include <string.h>

#include "base/caldate.h"
#include "centres/internal.h"
#include "territory/scope.h"
#include "web/kit_form.h"
#include "web/kit_record.h"

static const char *site_services(Req *req, const CentreSite *s)
{
  Str out = STR_INIT;
  const char *az[4] = {s->hasConsult ? "consultations" : NULL,
                       s->hasHome ? "visites à domicile" : NULL,
                       s->hasTelePoint ? "point de téléconsultation" : NULL,
                       s->hasTeleAssist ? "téléconsultation assistée "
                                          "(infirmier·e ou pharmacien·ne)"
                                        : NULL};
  for (int i = 0; i < 4; i++) {
    if (!az[i]) continue;
    if (out.n) str_appendz(&out, ", ");
    str_appendz(&out, az[i]);
  }
  char *z = arena_strdup(req_arena(req), out.n ? str_text(&out) : "—");
  str_free(&out);
  return z;
}

/* One row of a sites table. */
static void site_row(Req *req, const CentreSite *s)
{
  html_printf(req, "<tr><th scope=\"row\"><a href=\"/centres/sites/%lld\">"
                   "%h</a>%s</th><td>%h</td><td>%h (%h)</td><td>%h</td>"
                   "<td class=\"num\">%s</td></tr>\n",
              (long long)s->id, s->zName,
              s->isIllustrative ? " <span class=\"badge badge-neutre\">"
                                  "emplacement indicatif</span>"
                                : "" /*trusted*/,
              !strcmp(s->zKind, "principal") ? "site principal" : "antenne",
              ctr_commune_name(req, s->zCommune), s->zCommune,
              site_services(req, s),
              ctr_num(req, s->fteDoctors, 1) /*trusted*/);
}

static void sites_table(Req *req, const char *zId, const char *zCaption,
                        CentreSite *aS, int nS)
{
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"%h\"><table><caption id=\"%h\">%h"
                   "</caption><thead><tr><th scope=\"col\">Site</th>"
                   "<th scope=\"col\">Type</th><th scope=\"col\">Commune</th>"
                   "<th scope=\"col\">Services</th>"
                   "<th scope=\"col\" class=\"num\">ETP médecins</th></tr>"
                   "</thead><tbody>\n", zId, zId, zCaption);
  for (int i = 0; i < nS; i++) site_row(req, &aS[i]);
  html_printf(req, "</tbody></table></div>\n");
}

/* GET /centres: networks, their centres and sites.
** ROUTE: GET /centres public
*/
void ctr_page_home(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  CentreNetwork *aN;
  int nN, isAgent = req_role(req) >= ROLE_AGENT;
  if (centre_network_list(db, a, &aN, &nN, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  TerrScope scope;
  if (terr_scope_load(db, a, &scope, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  page_begin(req, "Centres de santé");
  html_printf(req, "<div class=\"page-header\"><h1>Centres de santé</h1>");
  if (isAgent) {
    html_printf(req, "<p><a class=\"btn\" href=\"/centres/nouveau\">Nouveau "
                     "centre</a> <a class=\"btn btn-secondary\" "
                     "href=\"/centres/reseaux/nouveau\">Nouveau réseau</a> "
                     "<a class=\"btn btn-secondary\" href=\"/centres/activite"
                     "\">Saisir ou importer l'activité</a></p>");
  }
  html_printf(req, "</div>\n<p class=\"lead\">Les centres de santé des "
                   "départements et leurs antennes : médecins salariés, "
                   "locaux prêtés par les communes et intercommunalités."
                   "</p>\n<p><a href=\"/centres/postes\">Postes à pourvoir"
                   "</a>");
  if (req_role(req) >= ROLE_LECTEUR) {
    html_printf(req, " · <a href=\"/centres/tableau-de-bord\">Tableaux de "
                     "bord</a>");
  }
  html_printf(req, "</p>\n<p>Les médecins salariés des sites ouverts sont "
                   "comptés dans l'offre de soins de l'<a href=\"/observatoire"
                   "\">observatoire</a> : ouvrir une antenne y change l'APL "
                   "des communes voisines. Les sites sont aussi publiés pour "
                   "les cartes (<a href=\"/api/v1/centres/carte\">données "
                   "GeoJSON</a>).</p>\n");
  if (nN == 0) {
    html_printf(req, "<p>Aucun réseau de centres enregistré.</p>\n");
  }
  for (int i = 0; i < nN; i++) {
    Centre *aC;
    int nC;
    if (centre_list(db, a, aN[i].id, &aC, &nC, &err)) break;
    /* one territory (DESIGN.md): a network elsewhere is a reference, said
    ** so, and counts in none of the instance's figures */
    int isOutside = scope.nDep > 0 && aN[i].zDep[0] &&
                    !terr_scope_has_dep(&scope, aN[i].zDep);
    html_printf(req, "<section aria-labelledby=\"net-%lld\"><h2 id=\"net-%lld"
                     "\">%h%s</h2>\n", (long long)aN[i].id,
                (long long)aN[i].id, aN[i].zName,
                isOutside ? " <span class=\"badge\">hors territoire</span>"
                          : "" /*trusted*/);
    if (isOutside) {
      html_printf(req, "<p class=\"small muted\">Réseau d'un autre "
                       "département (%h), montré pour référence : il n'entre "
                       "dans aucun chiffre de %h.</p>\n", aN[i].zDep,
                  scope.zName);
    }
    if (aN[i].zNote[0]) html_printf(req, "<p>%h</p>\n", aN[i].zNote);
    if (aN[i].zSource[0]) {
      html_printf(req, "<p class=\"small muted\">Source : %h</p>\n",
                  aN[i].zSource);
    }
    if (req_role(req) >= ROLE_LECTEUR) {
      html_printf(req, "<p><a href=\"/centres/tableau-de-bord?reseau=%lld\">"
                       "Tableau de bord du réseau</a></p>\n",
                  (long long)aN[i].id);
    }
    html_printf(req, "<ul class=\"cards\">\n");
    for (int j = 0; j < nC; j++) {
      html_printf(req, "<li class=\"card card-link\"><h3 class=\"card-title\">"
                       "<a href=\"/centres/%lld\">%h</a></h3><p class=\""
                       "card-meta\">%d site%s</p></li>\n",
                  (long long)aC[j].id, aC[j].zName, aC[j].nSite,
                  aC[j].nSite > 1 ? "s" : "" /*trusted*/);
    }
    html_printf(req, "</ul></section>\n");
  }
  page_end(req);
}

/* ---- network form ------------------------------------------------------- */

static void network_form(Req *req, const CentreNetwork *p, const KitErrors *e)
{
  page_begin(req, "Nouveau réseau de centres");
  kit_breadcrumb(req, "Centres de santé", "/centres", "Nouveau réseau", NULL,
                 NULL);
  html_printf(req, "<h1>Nouveau réseau de centres</h1>\n");
  kit_error_box(req, e);
  form_begin(req, "/centres/reseaux/nouveau");
  kit_input(req, e, "code", "Code court", "text", p->zCode,
            "unique, par exemple CSD71");
  kit_input(req, e, "nom", "Nom", "text", p->zName, NULL);
  kit_input(req, e, "departement", "Département (code)", "text", p->zDep,
            NULL);
  kit_input(req, e, "source", "Source des informations", "text", p->zSource,
            NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Créer le réseau</button></div>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /centres/reseaux/nouveau agent */
void ctr_page_network_new(Req *req)
{
  CentreNetwork n = {0};
  network_form(req, &n, NULL);
}

/* ROUTE: POST /centres/reseaux/nouveau agent */
void ctr_post_network(Req *req)
{
  CentreNetwork n = {0};
  KitErrors e = {0};
  if (kit_form_post(req, &ctr_ops_network, &n, "/centres", NULL, &e)) {
    network_form(req, &n, &e);
  }
}

/* ---- centre form and page ----------------------------------------------- */

static void centre_form(Req *req, const char *zAction, const Centre *p,
                        const KitErrors *e)
{
  Err e2 = {0};
  CentreNetwork *aN;
  int nN = 0;
  Arena *a = req_arena(req);
  centre_network_list(req_db(req), a, &aN, &nN, &e2);
  const char **azNet = arena_alloc(a, sizeof *azNet * (2 * nN + 1));
  for (int i = 0; i < nN; i++) {
    azNet[2 * i] = arena_printf(a, "%lld", (long long)aN[i].id);
    azNet[2 * i + 1] = aN[i].zName;
  }
  azNet[2 * nN] = NULL;
  kit_error_box(req, e);
  form_begin(req, zAction);
  kit_select(req, e, "reseau_id", "Réseau", azNet,
             arena_printf(a, "%lld", (long long)p->networkId), NULL);
  kit_input(req, e, "code", "Code court", "text", p->zCode,
            "unique, par exemple CSD71-MACON");
  kit_input(req, e, "nom", "Nom du centre", "text", p->zName, NULL);
  kit_input(req, e, "date_ouverture", "Date d'ouverture", "date",
            p->zOpenedOn, NULL);
  kit_input(req, e, "note", "Remarque", "text", p->zNote, NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
}

/* ROUTE: GET /centres/nouveau agent */
void ctr_page_centre_new(Req *req)
{
  Centre c = {.networkId = kit_query_int(req, "reseau", 0)};
  page_begin(req, "Nouveau centre");
  kit_breadcrumb(req, "Centres de santé", "/centres", "Nouveau centre", NULL,
                 NULL);
  html_printf(req, "<h1>Nouveau centre de santé</h1>\n");
  centre_form(req, "/centres/nouveau", &c, NULL);
  page_end(req);
}

/* Save the posted centre (id 0: create). */
static void centre_post(Req *req, int64_t id)
{
  Centre c = {.id = id};
  KitErrors e = {0};
  if (!kit_form_post(req, &ctr_ops_centre, &c, "/centres/", &c.id, &e)) return;
  page_begin(req, id ? "Modifier le centre" : "Nouveau centre");
  html_printf(req, "<h1>%s</h1>\n", id ? "Modifier le centre"
                                       : "Nouveau centre de santé"
                                       /*trusted*/);
  centre_form(req, id ? html_mprintf(req, "/centres/%lld", (long long)id)
                      : "/centres/nouveau" /*trusted*/, &c, &e);
  page_end(req);
}

/* ROUTE: POST /centres/nouveau agent */
void ctr_post_centre_new(Req *req)
{
  centre_post(req, 0);
}

/* ROUTE: POST /centres/{id} agent */
void ctr_post_centre(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (id) centre_post(req, id);
}

/* The staff of a centre's sites (agents only: personal data). */
static void centre_staff_section(Req *req, const Centre *c, CentreSite *aS,
                                 int nS)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  html_printf(req, "<section aria-labelledby=\"staff\"><h2 id=\"staff\">"
                   "Personnel</h2>\n<p><a class=\"btn btn-small\" href=\""
                   "/centres/personnel/nouveau?centre=%lld\">Ajouter une "
                   "personne</a></p>\n", (long long)c->id);
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"staff-cap\"><table><caption id=\""
                   "staff-cap\">Personnes travaillant sur les sites du centre"
                   "</caption><thead><tr><th scope=\"col\">Nom</th>"
                   "<th scope=\"col\">Catégorie</th><th scope=\"col\">"
                   "Contrat</th><th scope=\"col\">Sites (ETP)</th></tr>"
                   "</thead><tbody>\n");
  CentreStaff *aP;
  int nP = 0;
  centre_staff_of_sites(db, a, aS, nS, &aP, &nP, &err);
  for (int j = 0; j < nP; j++) {
    Str sites = STR_INIT;
    for (int k = 0; k < aP[j].nSite; k++) {
      html_strf(&sites, "%s%h (%.2F)", k ? ", " : "" /*trusted*/,
                aP[j].azSiteName[k], aP[j].aFte[k]);
    }
    html_printf(req, "<tr><th scope=\"row\"><a href=\"/centres/personnel/"
                     "%lld\">%h %h</a></th><td>%h</td><td>%h%h%h%h</td>"
                     "<td>%s</td></tr>\n",
                (long long)aP[j].id, aP[j].zFirstName, aP[j].zLastName,
                centre_cat_label(centre_cat_parse(aP[j].zCategory)),
                aP[j].zContractEnd[0] ? "du " : "depuis le ",
                kit_date_fr(req, aP[j].zContractStart),
                aP[j].zContractEnd[0] ? " au " : "",
                kit_date_fr(req, aP[j].zContractEnd),
                str_text(&sites) /*trusted*/);
    str_free(&sites);
  }
  if (nP == 0) {
    html_printf(req, "<tr><td colspan=\"4\">Aucune personne enregistrée sur "
                     "les sites de ce centre.</td></tr>\n");
  }
  html_printf(req, "</tbody></table></div></section>\n");
}

/* GET /centres/{id}: the centre, its sites, and for agents its staff.
** ROUTE: GET /centres/{id} public
*/
void ctr_page_centre(Req *req)
{
  Centre c;
  CentreSite *aS;
  int nS;
  int64_t id = ctr_centre_sites_or_reply(req, &c, &aS, &nS);
  if (!id) return;
  int isAgent = req_role(req) >= ROLE_AGENT;
  page_begin(req, c.zName);
  kit_breadcrumb(req, "Centres de santé", "/centres", c.zName, NULL, NULL);
  html_printf(req, "<h1>%h</h1>\n<p>%h</p>\n", c.zName, c.zNote);
  if (req_role(req) >= ROLE_LECTEUR) {
    html_printf(req, "<p><a href=\"/centres/tableau-de-bord?centre=%lld\">"
                     "Tableau de bord du centre</a></p>\n", (long long)id);
  }
  sites_table(req, "sites-cap", "Sites du centre", aS, nS);
  if (isAgent) {
    html_printf(req, "<p><a class=\"btn btn-small\" href=\"/centres/%lld/"
                     "sites/nouveau\">Ajouter un site ou une antenne</a> "
                     "<a class=\"btn btn-small btn-secondary\" href=\""
                     "/centres/%lld/finances\">Finances mensuelles</a></p>\n",
                (long long)id, (long long)id);
    centre_staff_section(req, &c, aS, nS);
    html_printf(req, "<section aria-labelledby=\"edit\"><h2 id=\"edit\">"
                     "Modifier le centre</h2>\n");
    centre_form(req, html_mprintf(req, "/centres/%lld", (long long)id), &c,
                NULL);
    html_printf(req, "</section>\n");
  }
  page_end(req);
}

/* ---- sites -------------------------------------------------------------- */

static void site_form(Req *req, const char *zAction, const CentreSite *s,
                      const KitErrors *e)
{
  static const char *const azKind[] = {"principal", "Site principal",
                                       "antenne", "Antenne", NULL};
  static const char *const azLender[] = {
    "commune", "une commune", "epci", "un EPCI", "departement",
    "le département", "autre", "autre", NULL};
  kit_error_box(req, e);
  form_begin(req, zAction);
  kit_select(req, e, "type", "Type de site", azKind,
             s->zKind && !strcmp(s->zKind, "principal") ? "principal"
                                                        : "antenne", NULL);
  kit_input(req, e, "code", "Code du site", "text", s->zCode,
            "unique ; c'est lui qui identifie le site dans l'import CSV");
  kit_input(req, e, "nom", "Nom", "text", s->zName, NULL);
  kit_input(req, e, "commune", "Commune (code INSEE)", "text", s->zCommune,
            "5 caractères, par exemple 71270");
  kit_input(req, e, "adresse", "Adresse", "text", s->zAddress, NULL);
  kit_input(req, e, "date_ouverture", "Date d'ouverture", "date",
            s->zOpenedOn, NULL);
  kit_input(req, e, "date_fermeture", "Date de fermeture", "date",
            s->zClosedOn, "vide si le site est ouvert");
  html_printf(req, "<fieldset><legend>Locaux</legend>\n");
  kit_select(req, e, "type_preteur", "Locaux prêtés par", azLender,
             s->zLenderKind, "—");
  kit_input(req, e, "nom_preteur", "Nom du prêteur", "text", s->zLenderName,
            NULL);
  kit_input(req, e, "debut_convention", "Début de la convention", "date",
            s->zConvStart, NULL);
  kit_input(req, e, "fin_convention", "Fin de la convention", "date",
            s->zConvEnd, NULL);
  html_printf(req, "</fieldset>\n<fieldset><legend>Services</legend>\n");
  kit_check(req, "consultations", "Consultations", s->hasConsult);
  kit_check(req, "visites_domicile", "Visites à domicile", s->hasHome);
  kit_check(req, "point_teleconsultation", "Point de téléconsultation",
            s->hasTelePoint);
  kit_check(req, "teleconsultation_assistee", "Téléconsultation assistée "
            "(infirmier·e ou pharmacien·ne)", s->hasTeleAssist);
  html_printf(req, "</fieldset>\n<fieldset><legend>Horaires d'ouverture"
                   "</legend>\n");
  for (int d = 0; d < 7; d++) {
    char zHours[128];
    const char *zDay = centre_weekday_label(d);
    centre_hours_format(&s->aHours[d], zHours, sizeof zHours);
    kit_input(req, e, arena_printf(req_arena(req), "horaires_%s", zDay),
              zDay, "text", zHours,
              d == 0 ? "par exemple 08:30-12:00, 14:00-18:00 ; vide si fermé"
                     : NULL);
  }
  html_printf(req, "</fieldset>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Enregistrer le site</button></div>\n");
  form_end(req);
}

/* Save the posted site (id 0: new site of centre centreId). */
static void site_post(Req *req, int64_t id, int64_t centreId)
{
  CentreSite s = {.id = id, .centreId = centreId};
  KitErrors e = {0};
  if (!kit_form_post(req, &ctr_ops_site, &s, "/centres/", &s.centreId, &e)) {
    return;
  }
  page_begin(req, "Site du centre");
  html_printf(req, "<h1>%s</h1>\n", id ? "Modifier le site"
                                       : "Nouveau site ou antenne"
                                       /*trusted*/);
  site_form(req, id ? html_mprintf(req, "/centres/sites/%lld",
                                   (long long)id)
                    : html_mprintf(req, "/centres/%lld/sites/nouveau",
                                   (long long)centreId), &s, &e);
  page_end(req);
}

/* ROUTE: GET /centres/{id}/sites/nouveau agent */
void ctr_page_site_new(Req *req)
{
  Centre c;
  int64_t centreId = kit_record_or_404(req, &ctr_ops_centre, &c);
  if (!centreId) return;
  CentreSite s = {.centreId = centreId, .zKind = "antenne", .hasConsult = 1};
  page_begin(req, "Nouveau site");
  kit_breadcrumb(req, "Centres de santé", "/centres", c.zName,
                 html_mprintf(req, "/centres/%lld", (long long)centreId),
                 "Nouveau site", NULL, NULL);
  html_printf(req, "<h1>Nouveau site ou antenne — %h</h1>\n", c.zName);
  site_form(req, html_mprintf(req, "/centres/%lld/sites/nouveau",
                              (long long)centreId), &s, NULL);
  page_end(req);
}

/* ROUTE: POST /centres/{id}/sites/nouveau agent */
void ctr_post_site_new(Req *req)
{
  int64_t centreId = kit_arg_id_or_404(req, "id");
  if (centreId) site_post(req, 0, centreId);
}

/* ROUTE: POST /centres/sites/{id} agent */
void ctr_post_site(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (id) site_post(req, id, 0);
}

/* GET /centres/sites/{id}: public facts of a site; agents can edit.
** ROUTE: GET /centres/sites/{id} public
*/
void ctr_page_site(Req *req)
{
  CentreSite s;
  int64_t id = kit_record_or_404(req, &ctr_ops_site, &s);
  if (!id) return;
  page_begin(req, s.zName);
  kit_breadcrumb(req, "Centres de santé", "/centres", s.zCentreName,
                 html_mprintf(req, "/centres/%lld", (long long)s.centreId),
                 s.zName, NULL, NULL);
  html_printf(req, "<h1>%h</h1>\n", s.zName);
  if (s.isIllustrative) {
    html_printf(req, "<div class=\"alert alert-warning\"><p>Emplacement "
                     "indicatif (données de démonstration) : à vérifier "
                     "auprès du département.</p></div>\n");
  }
  html_printf(req, "<dl class=\"facts\"><dt>Type</dt><dd>%h</dd>"
                   "<dt>Commune</dt><dd>%h (%h)</dd>"
                   "<dt>Adresse</dt><dd>%h</dd><dt>Ouverture</dt><dd>%h</dd>"
                   "<dt>Services</dt><dd>%h</dd>",
              !strcmp(s.zKind, "principal") ? "site principal" : "antenne",
              ctr_commune_name(req, s.zCommune), s.zCommune,
              s.zAddress[0] ? s.zAddress : "—",
              s.zOpenedOn[0] ? kit_date_fr(req, s.zOpenedOn) : "—",
              site_services(req, &s));
  if (s.zLenderName[0]) {
    html_printf(req, "<dt>Locaux prêtés par</dt><dd>%h (convention %h → %h)"
                     "</dd>", s.zLenderName,
                s.zConvStart[0] ? kit_date_fr(req, s.zConvStart) : "…",
                s.zConvEnd[0] ? kit_date_fr(req, s.zConvEnd) : "…");
  }
  html_printf(req, "</dl>\n<h2>Horaires</h2>\n");
  if (!centre_hours_known(s.aHours)) {
    html_printf(req, "<p>Horaires non communiqués.</p>\n");
  } else {
    html_printf(req, "<table><caption>Horaires d'ouverture</caption>"
                     "<tbody>\n");
    for (int d = 0; d < 7; d++) {
      char z[128];
      centre_hours_format(&s.aHours[d], z, sizeof z);
      html_printf(req, "<tr><th scope=\"row\">%h</th><td>%h</td></tr>\n",
                  centre_weekday_label(d), z[0] ? z : "fermé");
    }
    html_printf(req, "</tbody></table>\n");
  }
  CtrAplEffect eff;
  ctr_apl_effect(req, &s, &eff);
  ctr_html_apl_effect(req, &eff);
  if (req_role(req) >= ROLE_LECTEUR) {
    html_printf(req, "<p><a href=\"/centres/tableau-de-bord?site=%lld\">"
                     "Tableau de bord du site</a></p>\n", (long long)id);
  }
  if (req_role(req) >= ROLE_AGENT) {
    html_printf(req, "<h2>Modifier le site</h2>\n");
    site_form(req, html_mprintf(req, "/centres/sites/%lld", (long long)id),
              &s, NULL);
  }
  page_end(req);
}
