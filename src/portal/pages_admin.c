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

static const PortalLabel aStatus[] = {
  {"brouillon", "Brouillon (visible de l'équipe seulement)"},
  {"publie", "Publiée"},
  {0, 0}
};

/* The breadcrumb of the back-office, ending on zHere. */
static void admin_crumbs(Req *req, const char *zHere)
{
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/portail/admin\">Gestion du portail</a>"
                   "</li><li aria-current=\"page\">%h</li></ol></nav>\n",
              zHere);
}

/* The settings form with values p and errors pe. */
static void settings_form(Req *req, const PortalSettings *p,
                          const PortalErrors *pe, const char *zOrigins)
{
  html_printf(req, "<h2 id=\"reglages\">Identité du territoire</h2>\n"
                   "<p>Ces réglages s'appliquent aussitôt, sans "
                   "réinstallation.</p>\n");
  portal_error_summary(req, pe);
  form_begin(req, "/portail/admin/reglages");
  portal_input(req, "name", "Nom du territoire", "Par exemple : "
               "Loir-et-Cher", "text", p->zName, pe, "required");
  portal_input(req, "tagline", "Accroche", "Le titre de la page d'accueil",
               "text", p->zTagline, pe, NULL);
  portal_input(req, "logo_url", "Adresse du logo", "https://… ou un chemin "
               "commençant par / ; laisser vide pour aucun logo", "text",
               p->zLogoUrl, pe, NULL);
  portal_input(req, "color_primary", "Couleur principale", "Format #rrvvbb ; "
               "le texte blanc doit y rester lisible (contraste 4,5:1)",
               "text", p->zPrimary, pe, "pattern=\"#[0-9a-fA-F]{6}\"");
  portal_input(req, "color_accent", "Couleur secondaire", "Format #rrvvbb, "
               "même exigence de contraste", "text", p->zAccent, pe,
               "pattern=\"#[0-9a-fA-F]{6}\"");
  portal_input(req, "territory", "Département du territoire", "Code du "
               "département, par exemple 41 : les chiffres clés de "
               "l'observatoire et du plan portent sur lui ; vide pour aucun",
               "text", p->zTerritory, pe, "maxlength=\"3\"");
  portal_textarea(req, "intro", "Présentation", "Le paragraphe sous le "
                  "titre (texte simple)", p->zIntro, 3, pe);
  portal_textarea(req, "why_md", "Pourquoi venir exercer ici",
                  "En Markdown : **gras**, listes avec « - », liens "
                  "[texte](adresse)", p->zWhyMd, 6, pe);
  portal_textarea(req, "contact", "Contact", "Texte simple", p->zContact, 3,
                  pe);
  portal_textarea(req, "widget_origins", "Sites autorisés à intégrer le "
                  "simulateur", "Une origine par ligne, par exemple "
                  "https://www.mairie-exemple.fr (sans chemin)", zOrigins, 4,
                  pe);
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
                              const PortalErrors *pe)
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

void portal_admin_home(Req *req)
{
  admin_home_render(req, NULL, NULL);
}

/* POST /portail/admin/reglages (admins) */
void portal_admin_post_settings(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  PortalErrors pe = {0};
  PortalSettings old, s = {
    .zName = portal_form(req, "name"), .zTagline = portal_form(req, "tagline"),
    .zLogoUrl = portal_form(req, "logo_url"),
    .zPrimary = portal_form(req, "color_primary"),
    .zAccent = portal_form(req, "color_accent"),
    .zIntro = portal_form(req, "intro"), .zWhyMd = portal_form(req, "why_md"),
    .zContact = portal_form(req, "contact"),
    .zOrigins = portal_form(req, "widget_origins"),
    .zTerritory = portal_form(req, "territory"),
  };
  const char *zOrigins;
  if (portal_settings_check(a, &s, &zOrigins, &pe)) {
    reply_status(req, 400);
    admin_home_render(req, &s, &pe);
    return;
  }
  s.zOrigins = zOrigins;
  int rc = portal_settings_load(db, a, &old, &err);
  if (!rc) rc = store_begin(db, &err);
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  rc = portal_settings_save(db, &s, &err);
  if (!rc) {
    json_t *pBefore = portal_settings_json(&old);
    json_t *pAfter = portal_settings_json(&s);
    rc = audit_log(req, "portal_settings", 0, "update", pBefore, pAfter,
                   &err);
    json_decref(pBefore);
    json_decref(pAfter);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  reply_redirect(req, "/portail/admin?enregistre=1");
}

/* GET /portail/admin/pages */
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
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucune page pour l'instant.</p>\n");
  } else {
    html_printf(req, "<table class=\"table-stack\">\n<caption>Pages, "
                     "publiées et brouillons</caption>\n<thead><tr>"
                     "<th scope=\"col\">Titre</th><th scope=\"col\">Adresse"
                     "</th><th scope=\"col\">État</th><th scope=\"col\">"
                     "Modifiée le</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) {
      html_printf(req, "<tr><th scope=\"row\"><a href=\"/portail/admin/pages/"
                       "%lld\">%h</a></th><td data-label=\"Adresse\"><a href="
                       "\"/portail/pages/%u\">/portail/pages/%h</a></td>"
                       "<td data-label=\"État\">%h</td><td data-label=\""
                       "Modifiée le\">%h</td></tr>\n",
                  (long long)a[i].id, a[i].zTitle, a[i].zSlug, a[i].zSlug,
                  a[i].isPublished ? "Publiée" : "Brouillon",
                  a[i].zUpdatedAt);
    }
    html_printf(req, "</tbody>\n</table>\n");
  }
  portal_frame_end(req);
}

/* The page editor for p (id 0: a new page), with errors pe. */
static void page_form(Req *req, const PortalPage *p, const PortalErrors *pe)
{
  PortalSettings set;
  const char *zTitle = p->id ? "Modifier la page" : "Nouvelle page";
  if (!portal_frame_begin(req, zTitle, &set)) return;
  admin_crumbs(req, zTitle);
  html_printf(req, "<h1>%h</h1>\n", zTitle);
  portal_error_summary(req, pe);
  form_begin(req, p->id ? html_mprintf(req, "/portail/admin/pages/%lld",
                                       (long long)p->id)
                        : "/portail/admin/pages");
  portal_input(req, "title", "Titre", NULL, "text", p->zTitle, pe,
               "required");
  portal_input(req, "slug", "Adresse", "Minuscules, chiffres et tirets : la "
               "page sera à /portail/pages/adresse", "text", p->zSlug, pe,
               "required pattern=\"[a-z0-9\\-]+\"");
  portal_textarea(req, "body_md", "Texte", "En Markdown. Le HTML n'est pas "
                  "interprété : il s'affiche tel quel.", p->zBodyMd, 14, pe);
  portal_select(req, "status", "État", aStatus,
                p->isPublished ? "publie" : "brouillon", NULL, pe);
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

void portal_admin_page_new(Req *req)
{
  PortalPage p = {.zSlug = "", .zTitle = "", .zBodyMd = ""};
  page_form(req, &p, NULL);
}

void portal_admin_page_edit(Req *req)
{
  Err err = {0};
  PortalPage p;
  int64_t id = portal_id_or_404(req, "id", "Page introuvable.");
  if (!id) return;
  int rc = portal_page_get(req_db(req), req_arena(req), id, &p, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  page_form(req, &p, NULL);
}

/* POST /portail/admin/pages (create) and /portail/admin/pages/{id}. */
void portal_admin_post_page(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  PortalErrors pe = {0};
  PortalPage old = {0};
  int64_t id = 0;
  if (req_arg(req, "id")) {
    if (!(id = portal_id_or_404(req, "id", "Page introuvable."))) return;
    int rc = portal_page_get(db, req_arena(req), id, &old, &err);
    if (rc) {
      portal_reply_failure(req, rc, &err);
      return;
    }
  }
  PortalPage p = {
    .id = id, .zTitle = portal_form(req, "title"),
    .zSlug = portal_form(req, "slug"), .zBodyMd = req_form(req, "body_md"),
    .isPublished = strcmp(portal_form(req, "status"), "publie") == 0,
  };
  if (!p.zBodyMd) p.zBodyMd = "";
  if (portal_page_check(&p, &pe)) {
    reply_status(req, 400);
    page_form(req, &p, &pe);
    return;
  }
  int rc = store_begin(db, &err);
  if (!rc) rc = portal_page_save(db, &p, &err);
  if (!rc) {
    json_t *pBefore = id ? portal_page_json(&old) : NULL;
    json_t *pAfter = portal_page_json(&p);
    const char *zAction = !id ? "create"
                        : p.isPublished && !old.isPublished ? "publish"
                        : !p.isPublished && old.isPublished ? "unpublish"
                        : "update";
    rc = audit_log(req, "portal_page", p.id, zAction, pBefore, pAfter, &err);
    json_decref(pBefore);
    json_decref(pAfter);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    p.id = id;
    portal_error_add(&pe, err.zField[0] ? err.zField : "title", err.zMsg);
    page_form(req, &p, &pe);
    return;
  }
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  reply_redirect(req, "/portail/admin/pages");
}

/* POST /portail/admin/pages/{id}/supprimer */
void portal_admin_post_page_delete(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  PortalPage old;
  int64_t id = portal_id_or_404(req, "id", "Page introuvable.");
  if (!id) return;
  int rc = portal_page_get(db, req_arena(req), id, &old, &err);
  if (!rc) rc = store_begin(db, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  rc = portal_page_delete(db, id, &err);
  if (!rc) {
    json_t *pBefore = portal_page_json(&old);
    rc = audit_log(req, "portal_page", id, "delete", pBefore, NULL, &err);
    json_decref(pBefore);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  reply_redirect(req, "/portail/admin/pages");
}
