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
#include "centres/webutil.h"

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
                   "%h</a>%s</th><td>%h</td><td>%h</td><td>%h</td>"
                   "<td class=\"num\">%s</td></tr>\n",
              (long long)s->id, s->zName,
              s->isIllustrative ? " <span class=\"badge badge-neutre\">"
                                  "emplacement indicatif</span>"
                                : "" /*trusted*/,
              !strcmp(s->zKind, "principal") ? "site principal" : "antenne",
              s->zCommune, site_services(req, s),
              ctr_num(req, s->fteDoctors, 1) /*trusted*/);
}

static void sites_table(Req *req, const char *zId, const char *zCaption,
                        CentreSite *aS, int nS)
{
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"%h\"><table><caption id=\"%h\">%h"
                   "</caption><thead><tr><th scope=\"col\">Site</th>"
                   "<th scope=\"col\">Type</th><th scope=\"col\">Commune "
                   "(code INSEE)</th><th scope=\"col\">Services</th>"
                   "<th scope=\"col\" class=\"num\">ETP médecins</th></tr>"
                   "</thead><tbody>\n", zId, zId, zCaption);
  for (int i = 0; i < nS; i++) site_row(req, &aS[i]);
  html_printf(req, "</tbody></table></div>\n");
}

/* GET /centres: networks, their centres and sites. */
void ctr_page_home(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  CentreNetwork *aN;
  int nN, isAgent = req_role(req) >= ROLE_AGENT;
  if (centre_network_list(db, a, &aN, &nN, &err)) {
    ctr_reply_err(req, ERR_DB, &err);
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
  html_printf(req, "</p>\n");
  if (nN == 0) {
    html_printf(req, "<p>Aucun réseau de centres enregistré.</p>\n");
  }
  for (int i = 0; i < nN; i++) {
    Centre *aC;
    int nC;
    if (centre_list(db, a, aN[i].id, &aC, &nC, &err)) break;
    html_printf(req, "<section aria-labelledby=\"net-%lld\"><h2 id=\"net-%lld"
                     "\">%h</h2>\n", (long long)aN[i].id,
                (long long)aN[i].id, aN[i].zName);
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

static void network_form(Req *req, const CentreNetwork *p, const Err *err)
{
  page_begin(req, "Nouveau réseau de centres");
  html_printf(req, "<h1>Nouveau réseau de centres</h1>\n");
  ctr_form_error(req, err);
  form_begin(req, "/centres/reseaux/nouveau");
  ctr_input(req, err, "code", "Code court", "text", p->zCode,
            "unique, par exemple CSD71");
  ctr_input(req, err, "name", "Nom", "text", p->zName, NULL);
  ctr_input(req, err, "dep", "Département (code)", "text", p->zDep, NULL);
  ctr_input(req, err, "source", "Source des informations", "text",
            p->zSource, NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Créer le réseau</button></div>\n");
  form_end(req);
  page_end(req);
}

void ctr_page_network_new(Req *req)
{
  CentreNetwork n = {0};
  network_form(req, &n, NULL);
}

void ctr_post_network(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  CentreNetwork n = {.zCode = ctr_form(req, "code"),
                     .zName = ctr_form(req, "name"),
                     .zDep = ctr_form(req, "dep"),
                     .zSource = ctr_form(req, "source")};
  int rc = store_begin(db, &err);
  if (!rc) rc = centre_network_save(db, &n, &err);
  if (!rc) rc = ctr_audit(req, "centre_network", n.id, "create", NULL,
                          ctr_json_network(&n), &err);
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    network_form(req, &n, &err);
    return;
  }
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, "/centres");
}

/* ---- centre form and page ----------------------------------------------- */

static void centre_form(Req *req, const char *zAction, const Centre *p,
                        const Err *err)
{
  Err e2 = {0};
  CentreNetwork *aN;
  int nN = 0;
  centre_network_list(req_db(req), req_arena(req), &aN, &nN, &e2);
  ctr_form_error(req, err);
  form_begin(req, zAction);
  int isBad = err && err->code && !strcmp(err->zField, "network_id");
  html_printf(req, "<div class=\"field%s\"><label for=\"f-network_id\">Réseau"
                   "</label><select id=\"f-network_id\" name=\"network_id\">"
                   "\n", isBad ? " field-error" : "" /*trusted*/);
  for (int i = 0; i < nN; i++) {
    html_printf(req, "<option value=\"%lld\"%s>%h</option>\n",
                (long long)aN[i].id,
                aN[i].id == p->networkId ? " selected" : "" /*trusted*/,
                aN[i].zName);
  }
  html_printf(req, "</select></div>\n");
  ctr_input(req, err, "code", "Code court", "text", p->zCode,
            "unique, par exemple CSD71-MACON");
  ctr_input(req, err, "name", "Nom du centre", "text", p->zName, NULL);
  ctr_input(req, err, "opened_on", "Date d'ouverture", "date", p->zOpenedOn,
            NULL);
  ctr_input(req, err, "note", "Remarque", "text", p->zNote, NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
}

void ctr_page_centre_new(Req *req)
{
  Centre c = {.networkId = ctr_query_int(req, "reseau", 0)};
  page_begin(req, "Nouveau centre");
  html_printf(req, "<h1>Nouveau centre de santé</h1>\n");
  centre_form(req, "/centres/nouveau", &c, NULL);
  page_end(req);
}

/* Centre fields of the posted form into *c. */
static void centre_from_form(Req *req, Centre *c)
{
  long v = 0;
  str_to_long(ctr_form(req, "network_id"), &v);
  c->networkId = v;
  c->zCode = ctr_form(req, "code");
  c->zName = ctr_form(req, "name");
  c->zOpenedOn = ctr_form(req, "opened_on");
  c->zNote = ctr_form(req, "note");
}

/* Save the posted centre (id 0: create) and audit it. */
static void centre_post(Req *req, int64_t id)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  Centre c = {.id = id}, before = {0};
  json_t *pBefore = NULL;
  if (id) {
    if (centre_get(db, a, id, &before, &err)) {
      ctr_reply_err(req, ERR_NOTFOUND, &err);
      return;
    }
    pBefore = ctr_json_centre(&before);
  }
  centre_from_form(req, &c);
  int rc = store_begin(db, &err);
  if (!rc) rc = centre_save(db, &c, &err);
  if (!rc) {
    rc = ctr_audit(req, "centre", c.id, id ? "update" : "create", pBefore,
                   ctr_json_centre(&c), &err);
    pBefore = NULL;
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  json_decref(pBefore);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    page_begin(req, id ? "Modifier le centre" : "Nouveau centre");
    html_printf(req, "<h1>%s</h1>\n", id ? "Modifier le centre"
                                         : "Nouveau centre de santé"
                                         /*trusted*/);
    centre_form(req, id ? html_mprintf(req, "/centres/%lld", (long long)id)
                        : "/centres/nouveau" /*trusted*/, &c, &err);
    page_end(req);
    return;
  }
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/centres/%lld", (long long)c.id));
}

void ctr_post_centre_new(Req *req)
{
  centre_post(req, 0);
}

void ctr_post_centre(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
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
  for (int i = 0; i < nS; i++) {
    CentreStaff *aP;
    int nP;
    if (centre_staff_list(db, a, 0, aS[i].id, &aP, &nP, &err)) break;
    for (int j = 0; j < nP; j++) {
      /* A person on two sites of the centre is listed under the first. */
      if (aP[j].aSiteId[0] != aS[i].id) {
        int isShownBefore = 0;
        for (int k = 0; k < aP[j].nSite; k++) {
          for (int m = 0; m < i; m++) {
            if (aP[j].aSiteId[k] == aS[m].id) isShownBefore = 1;
          }
        }
        if (isShownBefore) continue;
      }
      Str sites = STR_INIT;
      for (int k = 0; k < aP[j].nSite; k++) {
        html_strf(&sites, "%s%h (%.2F)", k ? ", " : "" /*trusted*/,
                  aP[j].azSiteName[k], aP[j].aFte[k]);
      }
      html_printf(req, "<tr><th scope=\"row\"><a href=\"/centres/personnel/"
                       "%lld\">%h %h</a></th><td>%h</td><td>%h → %h</td>"
                       "<td>%s</td></tr>\n",
                  (long long)aP[j].id, aP[j].zFirstName, aP[j].zLastName,
                  centre_cat_label(centre_cat_parse(aP[j].zCategory)),
                  aP[j].zContractStart,
                  aP[j].zContractEnd[0] ? aP[j].zContractEnd : "…",
                  str_text(&sites) /*trusted*/);
      str_free(&sites);
    }
  }
  html_printf(req, "</tbody></table></div></section>\n");
}

/* GET /centres/{id}: the centre, its sites, and for agents its staff. */
void ctr_page_centre(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (!id) return;
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  Centre c;
  CentreSite *aS;
  int nS, rc = centre_get(db, a, id, &c, &err);
  if (!rc) rc = centre_site_list(db, a, id, &aS, &nS, &err);
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  int isAgent = req_role(req) >= ROLE_AGENT;
  page_begin(req, c.zName);
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/centres\">Centres de santé</a></li>"
                   "<li>%h</li></ol></nav>\n<h1>%h</h1>\n<p>%h</p>\n",
              c.zNetworkName, c.zName, c.zNote);
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
                      const Err *err)
{
  ctr_form_error(req, err);
  form_begin(req, zAction);
  html_printf(req, "<div class=\"field\"><label for=\"f-kind\">Type de site"
                   "</label><select id=\"f-kind\" name=\"kind\">"
                   "<option value=\"principal\"%s>Site principal</option>"
                   "<option value=\"antenne\"%s>Antenne</option></select>"
                   "</div>\n",
              s->zKind && !strcmp(s->zKind, "principal") ? " selected"
                                                         : "" /*trusted*/,
              !s->zKind || strcmp(s->zKind, "principal") ? " selected"
                                                         : "" /*trusted*/);
  ctr_input(req, err, "code", "Code du site", "text", s->zCode,
            "unique ; c'est lui qui identifie le site dans l'import CSV");
  ctr_input(req, err, "name", "Nom", "text", s->zName, NULL);
  ctr_input(req, err, "commune", "Commune (code INSEE)", "text", s->zCommune,
            "5 caractères, par exemple 71270");
  ctr_input(req, err, "address", "Adresse", "text", s->zAddress, NULL);
  ctr_input(req, err, "opened_on", "Date d'ouverture", "date", s->zOpenedOn,
            NULL);
  ctr_input(req, err, "closed_on", "Date de fermeture", "date", s->zClosedOn,
            "vide si le site est ouvert");
  html_printf(req, "<fieldset><legend>Locaux</legend>\n<div class=\"field\">"
                   "<label for=\"f-lender_kind\">Locaux prêtés par</label>"
                   "<select id=\"f-lender_kind\" name=\"lender_kind\">");
  static const char *const azK[][2] = {{"", "—"}, {"commune", "une commune"},
                                       {"epci", "un EPCI"},
                                       {"departement", "le département"},
                                       {"autre", "autre"}};
  for (int i = 0; i < 5; i++) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>", azK[i][0],
                s->zLenderKind && !strcmp(s->zLenderKind, azK[i][0])
                    ? " selected" : "" /*trusted*/, azK[i][1]);
  }
  html_printf(req, "</select></div>\n");
  ctr_input(req, err, "lender_name", "Nom du prêteur", "text",
            s->zLenderName, NULL);
  ctr_input(req, err, "convention_start", "Début de la convention", "date",
            s->zConvStart, NULL);
  ctr_input(req, err, "convention_end", "Fin de la convention", "date",
            s->zConvEnd, NULL);
  html_printf(req, "</fieldset>\n<fieldset><legend>Services</legend>\n");
  ctr_check(req, "svc_consult", "Consultations", s->hasConsult);
  ctr_check(req, "svc_home", "Visites à domicile", s->hasHome);
  ctr_check(req, "svc_telepoint", "Point de téléconsultation",
            s->hasTelePoint);
  ctr_check(req, "svc_teleassist", "Téléconsultation assistée (infirmier·e "
            "ou pharmacien·ne)", s->hasTeleAssist);
  html_printf(req, "</fieldset>\n<fieldset><legend>Horaires d'ouverture"
                   "</legend>\n");
  for (int d = 0; d < 7; d++) {
    char zName[32], zHours[128];
    snprintf(zName, sizeof zName, "hours_%d", d + 1);
    centre_hours_format(&s->aHours[d], zHours, sizeof zHours);
    const char *zDay = centre_weekday_label(d);
    ctr_input(req, err, zName, zDay, "text", zHours,
              d == 0 ? "par exemple 08:30-12:00, 14:00-18:00 ; vide si fermé"
                     : NULL);
  }
  html_printf(req, "</fieldset>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Enregistrer le site</button></div>\n");
  form_end(req);
}

/* Site fields of the posted form into *s; hours errors go to err. */
static int site_from_form(Req *req, CentreSite *s, Err *err)
{
  s->zKind = ctr_form(req, "kind");
  s->zCode = ctr_form(req, "code");
  s->zName = ctr_form(req, "name");
  s->zCommune = ctr_form(req, "commune");
  s->zAddress = ctr_form(req, "address");
  s->zOpenedOn = ctr_form(req, "opened_on");
  s->zClosedOn = ctr_form(req, "closed_on");
  s->zLenderKind = ctr_form(req, "lender_kind");
  s->zLenderName = ctr_form(req, "lender_name");
  s->zConvStart = ctr_form(req, "convention_start");
  s->zConvEnd = ctr_form(req, "convention_end");
  s->hasConsult = req_form(req, "svc_consult") != NULL;
  s->hasHome = req_form(req, "svc_home") != NULL;
  s->hasTelePoint = req_form(req, "svc_telepoint") != NULL;
  s->hasTeleAssist = req_form(req, "svc_teleassist") != NULL;
  for (int d = 0; d < 7; d++) {
    char zName[32];
    snprintf(zName, sizeof zName, "hours_%d", d + 1);
    if (centre_hours_parse(ctr_form(req, zName), &s->aHours[d], err)) {
      err_field(err, arena_strdup(req_arena(req), zName));
      return ERR_INPUT;
    }
  }
  return 0;
}

/* Save the posted site (id 0: new site of centre centreId). */
static void site_post(Req *req, int64_t id, int64_t centreId)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  CentreSite s = {.id = id, .centreId = centreId}, before;
  json_t *pBefore = NULL;
  if (id) {
    if (centre_site_get(db, a, id, &before, &err)) {
      ctr_reply_err(req, ERR_NOTFOUND, &err);
      return;
    }
    s.centreId = before.centreId;
    s.isIllustrative = 0;        /* edited by an agent: a real location */
    pBefore = ctr_json_site(&before);
  }
  int rc = site_from_form(req, &s, &err);
  if (!rc) rc = store_begin(db, &err);
  if (!rc) {
    rc = centre_site_save(db, &s, &err);
    if (!rc) {
      rc = ctr_audit(req, "centre_site", s.id, id ? "update" : "create",
                     pBefore, ctr_json_site(&s), &err);
      pBefore = NULL;
    }
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  }
  json_decref(pBefore);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    page_begin(req, "Site du centre");
    html_printf(req, "<h1>%s</h1>\n", id ? "Modifier le site"
                                         : "Nouveau site ou antenne"
                                         /*trusted*/);
    site_form(req, id ? html_mprintf(req, "/centres/sites/%lld",
                                     (long long)id)
                      : html_mprintf(req, "/centres/%lld/sites/nouveau",
                                     (long long)centreId), &s, &err);
    page_end(req);
    return;
  }
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/centres/%lld",
                                   (long long)s.centreId));
}

void ctr_page_site_new(Req *req)
{
  int64_t centreId = ctr_arg_id_or_404(req, "id");
  if (!centreId) return;
  Centre c;
  Err err = {0};
  if (centre_get(req_db(req), req_arena(req), centreId, &c, &err)) {
    ctr_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  CentreSite s = {.centreId = centreId, .zKind = "antenne", .hasConsult = 1};
  page_begin(req, "Nouveau site");
  html_printf(req, "<h1>Nouveau site ou antenne — %h</h1>\n", c.zName);
  site_form(req, html_mprintf(req, "/centres/%lld/sites/nouveau",
                              (long long)centreId), &s, NULL);
  page_end(req);
}

void ctr_post_site_new(Req *req)
{
  int64_t centreId = ctr_arg_id_or_404(req, "id");
  if (centreId) site_post(req, 0, centreId);
}

void ctr_post_site(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (id) site_post(req, id, 0);
}

/* GET /centres/sites/{id}: public facts of a site; agents can edit. */
void ctr_page_site(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (!id) return;
  CentreSite s;
  Err err = {0};
  if (centre_site_get(req_db(req), req_arena(req), id, &s, &err)) {
    ctr_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  page_begin(req, s.zName);
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/centres\">Centres de santé</a></li>"
                   "<li><a href=\"/centres/%lld\">%h</a></li><li>%h</li></ol>"
                   "</nav>\n<h1>%h</h1>\n", (long long)s.centreId,
              s.zCentreName, s.zName, s.zName);
  if (s.isIllustrative) {
    html_printf(req, "<div class=\"alert alert-warning\"><p>Emplacement "
                     "indicatif (données de démonstration) : à vérifier "
                     "auprès du département.</p></div>\n");
  }
  html_printf(req, "<dl class=\"facts\"><dt>Type</dt><dd>%h</dd>"
                   "<dt>Commune (code INSEE)</dt><dd>%h</dd>"
                   "<dt>Adresse</dt><dd>%h</dd><dt>Ouverture</dt><dd>%h</dd>"
                   "<dt>Services</dt><dd>%h</dd>",
              !strcmp(s.zKind, "principal") ? "site principal" : "antenne",
              s.zCommune, s.zAddress[0] ? s.zAddress : "—",
              s.zOpenedOn[0] ? s.zOpenedOn : "—", site_services(req, &s));
  if (s.zLenderName[0]) {
    html_printf(req, "<dt>Locaux prêtés par</dt><dd>%h (convention %h → %h)"
                     "</dd>", s.zLenderName,
                s.zConvStart[0] ? s.zConvStart : "…",
                s.zConvEnd[0] ? s.zConvEnd : "…");
  }
  html_printf(req, "</dl>\n<h2>Horaires</h2>\n<table><caption>Horaires "
                   "d'ouverture</caption><tbody>\n");
  for (int d = 0; d < 7; d++) {
    char z[128];
    centre_hours_format(&s.aHours[d], z, sizeof z);
    html_printf(req, "<tr><th scope=\"row\">%h</th><td>%h</td></tr>\n",
                centre_weekday_label(d), z[0] ? z : "fermé");
  }
  html_printf(req, "</tbody></table>\n");
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
