/*
** portal/pages_admin.c: the portal's back-office: the hub, the territory
** settings (admins) and the Markdown content pages (agents).
**
** Every write runs in one transaction with its audit entry.  A refused
** form comes back with status 400, what was typed, and one message per
** field; nothing is saved.  Events and commune fiches: pages_edit.c.
*/
#include <string.h>

#include "portal/web_int.h"

static const char *const azState[] = {
  "brouillon", "Brouillon (visible de l'équipe seulement)",
  "publie", "Publiée",
  NULL
};

/* The breadcrumb of the back-office, ending on zHere. */
static void admin_crumbs(Req *req, const char *zHere)
{
  kit_breadcrumb(req, "Gestion du portail", "/portail/admin", zHere, NULL,
                 NULL);
}

/* The settings form with values p and errors pe. */
static void settings_form(Req *req, const PortalSettings *p,
                          const KitErrors *pe, const char *zOrigins)
{
  html_printf(req, "<h2 id=\"reglages\">Identité du territoire</h2>\n"
                   "<p>Ces réglages s'appliquent aussitôt, sans "
                   "réinstallation.</p>\n");
  kit_error_box(req, pe);
  form_begin(req, "/portail/admin/reglages");
  kit_input_ex(req, pe, "nom", "Nom du territoire", "text", p->zName,
               "Par exemple : Loir-et-Cher", "required");
  kit_input(req, pe, "accroche", "Accroche", "text", p->zTagline,
            "Le titre de la page d'accueil");
  kit_input(req, pe, "logo", "Adresse du logo", "text", p->zLogoUrl,
            "https://… ou un chemin commençant par / ; laisser vide pour "
            "aucun logo");
  kit_input_ex(req, pe, "couleur_principale", "Couleur principale", "text",
               p->zPrimary, "Format #rrvvbb ; le texte blanc doit y rester "
               "lisible (contraste 4,5:1)", "pattern=\"#[0-9a-fA-F]{6}\"");
  kit_input_ex(req, pe, "couleur_secondaire", "Couleur secondaire", "text",
               p->zAccent, "Format #rrvvbb, même exigence de contraste",
               "pattern=\"#[0-9a-fA-F]{6}\"");
  kit_input_ex(req, pe, "territoire", "Département du territoire", "text",
               p->zTerritory, "Code du département, par exemple 41 : les "
               "chiffres clés de l'observatoire et du plan portent sur lui ; "
               "vide pour aucun", "maxlength=\"3\"");
  kit_textarea(req, pe, "presentation", "Présentation", p->zIntro,
               "Le paragraphe sous le titre (texte simple)");
  kit_textarea(req, pe, "pourquoi_md", "Pourquoi venir exercer ici",
               p->zWhyMd, "En Markdown : **gras**, listes avec « - », liens "
               "[texte](adresse)");
  kit_textarea(req, pe, "contact", "Contact", p->zContact, "Texte simple");
  kit_textarea(req, pe, "origines_widget", "Sites autorisés à intégrer le "
               "simulateur", zOrigins, "Une origine par ligne, par exemple "
               "https://www.mairie-exemple.fr (sans chemin)");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer les réglages</button></div>\n");
  form_end(req);
  html_printf(req, "<p>Code d'intégration pour un site partenaire :</p>\n"
                   "<pre><code>&lt;iframe src=\"…/portail/widget\" "
                   "title=\"Simulateur des aides\" width=\"100%%\" "
                   "height=\"480\"&gt;&lt;/iframe&gt;</code></pre>\n");
}

/* One origin a line, for the textarea. */
static const char *origins_lines(Req *req, const char *zList)
{
  char *z = arena_strdup(req_arena(req), zList ? zList : "");
  for (char *c = z; *c; c++) {
    if (*c == ' ') *c = '\n';
  }
  return z;
}

/* GET /portail/admin (or the refused settings form, pe non-NULL). */
static void admin_home_render(Req *req, const PortalSettings *pForm,
                              const KitErrors *pe)
{
  PortalSettings set;
  if (!portal_frame_begin(req, "Gestion du portail", &set)) return;
  html_printf(req, "<div class=\"page-header\"><h1>Gestion du portail</h1>"
                   "<a class=\"btn btn-secondary\" href=\"/portail\">Voir le "
                   "portail</a></div>\n<ul class=\"cards\">\n"
                   "<li class=\"card card-link\"><h2 class=\"card-title\"><a "
                   "href=\"/portail/admin/pages\">Pages</a></h2><p>Textes en "
                   "Markdown, brouillon puis publication.</p></li>\n"
                   "<li class=\"card card-link\"><h2 class=\"card-title\"><a "
                   "href=\"/portail/admin/evenements\">Rencontres</a></h2><p>"
                   "Salons, congrès, portes ouvertes ; inscrits et export."
                   "</p></li>\n<li class=\"card card-link\"><h2 class=\""
                   "card-title\"><a href=\"/portail/admin/communes\">Communes"
                   "</a></h2><p>Présentation et contact de chaque commune."
                   "</p></li>\n</ul>\n");
  if (req_role(req) >= ROLE_ADMIN) {
    const PortalSettings *p = pForm ? pForm : &set;
    if (!pForm && req_query(req, "enregistre")) {
      html_printf(req, "<div class=\"alert alert-success\" role=\"status\">"
                       "<p>Réglages enregistrés : le portail les affiche déjà."
                       "</p></div>\n");
    }
    settings_form(req, p, pe, pForm ? pForm->zOrigins
                                    : origins_lines(req, set.zOrigins));
  } else {
    html_printf(req, "<p class=\"muted\">L'identité du territoire (nom, "
                     "logo, couleurs) est réglée par un administrateur.</p>\n");
  }
  portal_frame_end(req);
}

/* ROUTE: GET /portail/admin agent */
void portal_admin_home(Req *req)
{
  admin_home_render(req, NULL, NULL);
}

/* POST /portail/admin/reglages (admins)
** ROUTE: POST /portail/admin/reglages admin
*/
void portal_admin_post_settings(Req *req)
{
  Err err = {0};
  KitErrors ke = {0};
  PortalSettings s;
  const char *zOrigins;
  if (portal_read_settings(req, &s, &zOrigins, &ke)) {
    reply_status(req, 400);
    admin_home_render(req, &s, &ke);
    return;
  }
  s.zOrigins = zOrigins;
  int rc = portal_act_settings(req, &s, &err);
  kit_redirect_or_err(req, rc, &err, "/portail/admin?enregistre=1");
}

/* ROUTE: GET /portail/admin/pages agent */
void portal_admin_pages(Req *req)
{
  Err err = {0};
  PortalSettings set;
  PortalPage *a;
  int n;
  if (portal_page_list(req_db(req), req_arena(req), 0, &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  if (!portal_frame_begin(req, "Pages du portail", &set)) return;
  admin_crumbs(req, "Pages");
  html_printf(req, "<div class=\"page-header\"><h1>Pages du portail</h1>"
                   "<a class=\"btn\" href=\"/portail/admin/pages/nouvelle\">"
                   "Nouvelle page</a></div>\n");
  static const char *const azHead[] = {"Titre", "Adresse", "État",
                                       "Modifiée le", NULL};
  if (kit_list_begin(req, n, "Aucune page pour l'instant.", "table-stack",
                     "Pages, publiées et brouillons", azHead)) {
    for (int i = 0; i < n; i++) {
      html_printf(req, "<tr><th scope=\"row\"><a href=\"/portail/admin/pages/"
                       "%lld\">%h</a></th><td data-label=\"Adresse\"><a href="
                       "\"/portail/pages/%u\">/portail/pages/%h</a></td>"
                       "<td data-label=\"État\">%h</td><td data-label=\""
                       "Modifiée le\">%h</td></tr>\n",
                  (long long)a[i].id, a[i].zTitle, a[i].zSlug, a[i].zSlug,
                  a[i].isPublished ? "Publiée" : "Brouillon",
                  kit_date_fr(req, a[i].zUpdatedAt));
    }
    kit_list_end(req);
  }
  portal_frame_end(req);
}

/* The page editor for p (id 0: a new page), with errors pe. */
static void page_form(Req *req, const PortalPage *p, const KitErrors *pe)
{
  PortalSettings set;
  const char *zTitle = p->id ? "Modifier la page" : "Nouvelle page";
  if (!portal_frame_begin(req, zTitle, &set)) return;
  admin_crumbs(req, zTitle);
  html_printf(req, "<h1>%h</h1>\n", zTitle);
  kit_error_box(req, pe);
  form_begin(req, p->id ? html_mprintf(req, "/portail/admin/pages/%lld",
                                       (long long)p->id)
                        : "/portail/admin/pages");
  kit_input_ex(req, pe, "titre", "Titre", "text", p->zTitle, NULL,
               "required");
  kit_input_ex(req, pe, "slug", "Adresse", "text", p->zSlug, "Minuscules, "
               "chiffres et tirets : la page sera à /portail/pages/adresse",
               "required pattern=\"[a-z0-9\\-]+\"");
  kit_textarea(req, pe, "texte_md", "Texte", p->zBodyMd, "En Markdown. Le "
               "HTML n'est pas interprété : il s'affiche tel quel.");
  kit_select(req, pe, "etat", "État", azState,
             p->isPublished ? "publie" : "brouillon", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button>");
  html_printf(req, "<a class=\"btn btn-secondary\" href=\"/portail/admin/"
                   "pages\">Annuler</a></div>\n");
  form_end(req);
  if (p->id) {
    html_printf(req, "<h2>Aperçu</h2>\n<div class=\"card prose\">%s</div>\n",
                md_to_html(req_arena(req), p->zBodyMd) /*trusted*/);
    form_begin(req, html_mprintf(req, "/portail/admin/pages/%lld/supprimer",
                                 (long long)p->id));
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\" "
                     "class=\"btn-danger\">Supprimer la page</button></div>\n");
    form_end(req);
  }
  portal_frame_end(req);
}

/* The {id} page, or 0 with a 404 queued. */
static int admin_page_or_404(Req *req, PortalPage *p)
{
  Err err = {0};
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return 0;
  int rc = portal_page_get(req_db(req), req_arena(req), id, p, &err);
  return kit_found_or_reply(req, rc, &err, "Page introuvable.");
}

/* The editor of a new page, or of page {id}.
** ROUTE: GET /portail/admin/pages/nouvelle agent
** ROUTE: GET /portail/admin/pages/{id} agent
*/
void portal_admin_page_edit(Req *req)
{
  PortalPage p = {.zSlug = "", .zTitle = "", .zBodyMd = ""};
  if (req_arg(req, "id") && !admin_page_or_404(req, &p)) return;
  page_form(req, &p, NULL);
}

/* POST /portail/admin/pages (create) and /portail/admin/pages/{id}.
** ROUTE: POST /portail/admin/pages agent
** ROUTE: POST /portail/admin/pages/{id} agent
*/
void portal_admin_post_page(Req *req)
{
  Err err = {0};
  KitErrors ke = {0};
  PortalPage old = {0}, p;
  int hasOld = req_arg(req, "id") != NULL;
  if (hasOld && !admin_page_or_404(req, &old)) return;
  if (portal_read_page(req, old.id, &p, &ke)) {
    reply_status(req, 400);
    page_form(req, &p, &ke);
    return;
  }
  int rc = portal_act_page_save(req, hasOld ? &old : NULL, &p, &err);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    p.id = old.id;
    portal_kit_error(req, &ke, &err);
    page_form(req, &p, &ke);
    return;
  }
  kit_redirect_or_err(req, rc, &err, "/portail/admin/pages");
}

/* ROUTE: POST /portail/admin/pages/{id}/supprimer agent */
void portal_admin_post_page_delete(Req *req)
{
  Err err = {0};
  PortalPage old;
  if (!admin_page_or_404(req, &old)) return;
  int rc = portal_act_page_delete(req, &old, &err);
  kit_redirect_or_err(req, rc, &err, "/portail/admin/pages");
}
