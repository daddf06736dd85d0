/*
** portal/communes.c: the candidate's pages per commune and per EPCI, and
** the embeddable simulator widget.
**
** A commune page exists when the team wrote a fiche for it (presentation,
** contact); the observatory's figures are added through feeds.c when that
** module is present, else the page says "pas encore calculé".
*/
#include <stdio.h>
#include <string.h>

#include "portal/web_int.h"

/* GET /portail/communes: the communes with a fiche, and a code search. */
void portal_page_communes(Req *req)
{
  Err err = {0};
  PortalSettings set;
  PortalCommune *a;
  int n;
  const char *zCode = req_query(req, "code");
  if (zCode && zCode[0]) {
    if (portal_check_insee(zCode, &err)) {
      reply_input_error(req, &err);
      return;
    }
    reply_redirect(req, html_mprintf(req, "/portail/communes/%u", zCode));
    return;
  }
  if (portal_commune_list(req_db(req), req_arena(req), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  if (!portal_frame_begin(req, "Les communes", &set)) return;
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/portail\">%h</a></li>"
                   "<li aria-current=\"page\">Communes</li></ol></nav>\n"
                   "<h1>Les communes qui vous attendent</h1>\n", set.zName);
  html_printf(req, "<form method=\"get\" action=\"/portail/communes\">\n"
                   "<div class=\"field\"><label for=\"f-code\">Code INSEE de "
                   "la commune<span class=\"hint\">5 caractères, par exemple "
                   "41018</span></label>\n<input type=\"text\" id=\"f-code\" "
                   "name=\"code\" inputmode=\"text\" maxlength=\"5\" "
                   "autocomplete=\"off\"></div>\n<div class=\"form-actions\">"
                   "<button type=\"submit\">Voir la commune</button></div>\n"
                   "</form>\n");
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucune donnée pour l'instant : "
                     "l'équipe n'a pas encore présenté de commune.</p>\n");
  } else {
    html_printf(req, "<ul class=\"cards\">\n");
    for (int i = 0; i < n; i++) {
      html_printf(req, "<li class=\"card card-link\"><h2 class=\"card-title\">"
                       "<a href=\"/portail/communes/%u\">%h</a></h2>"
                       "<p class=\"card-meta\">%h%s%h</p></li>\n",
                  a[i].zCode, a[i].zName, a[i].zCode,
                  a[i].zEpci[0] ? " · " /*trusted*/ : "" /*trusted*/,
                  a[i].zEpci);
    }
    html_printf(req, "</ul>\n");
  }
  portal_frame_end(req);
}

/* The "accès aux soins" section: zone and APL in plain French, or an
** honest "not computed yet". */
static void commune_access(Req *req, const PortalFacts *f)
{
  html_printf(req, "<section aria-labelledby=\"acces\">\n<h2 id=\"acces\">"
                   "L'accès aux médecins généralistes</h2>\n");
  if (!f->hasZone && !f->hasApl) {
    html_printf(req, "<p class=\"muted\">Indicateur pas encore calculé pour "
                     "cette commune : l'observatoire de l'accès aux soins "
                     "n'a pas encore été alimenté sur ce territoire.</p>\n");
  }
  if (f->hasZone) {
    html_printf(req, "<p>Cette commune est classée <span class=\"badge "
                     "badge-%h\">%h</span>.</p>\n", f->zZoneBadge, f->zZone);
  }
  if (f->hasApl) {
    html_printf(req, "<p>Un habitant y a accès en moyenne à <strong>%.1F"
                     "</strong> consultations de médecin généraliste par an "
                     "(indicateur APL de la DREES, %d) ; en dessous de 2,5, "
                     "la commune manque nettement de médecins.</p>\n",
                f->apl, f->aplVintage);
  }
  html_printf(req, "</section>\n");
}

/* GET /portail/communes/{code} */
void portal_page_commune(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  PortalCommune c;
  PortalFacts f;
  PortalSettings set;
  const char *zCode = req_arg(req, "code");
  int rc = portal_check_insee(zCode, &err);
  if (!rc) rc = portal_commune_get(db, a, zCode, &c, &err);
  if (rc) {
    if (rc == ERR_INPUT) rc = ERR_NOTFOUND;
    reply_error(req, rc == ERR_NOTFOUND ? 404 : 500, "not_found",
                "Commune inconnue : aucune page n'existe pour ce code.", NULL);
    return;
  }
  portal_feed_facts(db, a, zCode, &f);
  if (!portal_frame_begin(req, c.zName, &set)) return;
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/portail\">%h</a></li>"
                   "<li><a href=\"/portail/communes\">Communes</a></li>"
                   "<li aria-current=\"page\">%h</li></ol></nav>\n"
                   "<p class=\"eyebrow\">Commune %h</p>\n<h1>S'installer à "
                   "%h</h1>\n", set.zName, c.zName, c.zCode, c.zName);
  if (c.zEpci[0]) {
    html_printf(req, "<p class=\"lead\">Membre de <a href=\"/portail/epci?"
                     "nom=%u\">%h</a>.</p>\n", c.zEpci, c.zEpci);
  }
  if (c.zBodyMd[0]) {
    html_printf(req, "<div class=\"prose\">%s</div>\n",
                portal_markdown(a, c.zBodyMd) /*trusted*/);
  }
  html_printf(req, "<div class=\"grid-2\">\n");
  commune_access(req, &f);
  html_printf(req, "<section aria-labelledby=\"aides\">\n<h2 id=\"aides\">"
                   "Les aides pour s'installer ici</h2>\n");
  if (portal_feed_has_route("/aides/simulateur")) {
    html_printf(req, "<p>Les aides dépendent de votre situation et du zonage "
                     "de la commune : le simulateur les calcule pour vous.</p>"
                     "\n<p><a class=\"btn\" href=\"/aides/simulateur?commune="
                     "%u\">Simuler mes aides à %h</a></p>\n", c.zCode,
                c.zName);
  } else {
    html_printf(req, "<p class=\"muted\">Aucune donnée pour l'instant : le "
                     "catalogue des aides n'est pas encore publié sur ce "
                     "portail. Un chargé de mission peut vous les présenter."
                     "</p>\n");
  }
  html_printf(req, "</section>\n</div>\n<div class=\"grid-2\">\n"
                   "<section aria-labelledby=\"structures\">\n<h2 id=\""
                   "structures\">Les structures de santé à proximité</h2>\n"
                   "<p class=\"muted\">Aucune donnée pour l'instant.</p>\n"
                   "</section>\n<section aria-labelledby=\"partenaires\">\n"
                   "<h2 id=\"partenaires\">Logement, emploi du conjoint, "
                   "écoles, loisirs</h2>\n<p class=\"muted\">Aucune donnée "
                   "pour l'instant : l'annuaire des partenaires n'est pas "
                   "encore publié. Le chargé de mission vous met en relation."
                   "</p>\n</section>\n</div>\n");
  html_printf(req, "<section aria-labelledby=\"contact\">\n<h2 id=\"contact\">"
                   "Contact</h2>\n<p>%h</p>\n",
              c.zContact[0] ? c.zContact : set.zContact);
  portal_cta_demande(req, c.zCode);
  html_printf(req, "</section>\n");
  portal_frame_end(req);
}

/* GET /portail/epci?nom=…: the communes of one EPCI. */
void portal_page_epci(Req *req)
{
  Err err = {0};
  PortalSettings set;
  PortalCommune *a;
  int n;
  const char *zName = req_query(req, "nom");
  if (!zName || !zName[0]) {
    reply_error(req, 404, "not_found", "EPCI inconnu.", NULL);
    return;
  }
  if (portal_commune_by_epci(req_db(req), req_arena(req), zName, &a, &n,
                             &err)) {
    reply_incident(req, &err);
    return;
  }
  if (n == 0) {
    reply_error(req, 404, "not_found", "EPCI inconnu : aucune commune "
                "présentée n'en fait partie.", NULL);
    return;
  }
  if (!portal_frame_begin(req, zName, &set)) return;
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/portail\">%h</a></li>"
                   "<li><a href=\"/portail/communes\">Communes</a></li>"
                   "<li aria-current=\"page\">%h</li></ol></nav>\n"
                   "<p class=\"eyebrow\">Intercommunalité</p>\n<h1>%h</h1>\n"
                   "<h2>Les communes présentées</h2>\n<ul class=\"cards\">\n",
              set.zName, zName, zName);
  for (int i = 0; i < n; i++) {
    html_printf(req, "<li class=\"card card-link\"><h3 class=\"card-title\">"
                     "<a href=\"/portail/communes/%u\">%h</a></h3></li>\n",
                a[i].zCode, a[i].zName);
  }
  html_printf(req, "</ul>\n");
  portal_cta_demande(req, NULL);
  portal_frame_end(req);
}

/*
** GET /portail/widget: the simulator entry for partner sites, in an
** iframe.  Framing is allowed only to this site and the origins the admin
** listed (CSP frame-ancestors; the platform's default DENY is replaced
** here).  The page is self-contained: no navigation, links open in a new
** tab of the candidate's browser.
*/
void portal_page_widget(Req *req)
{
  Err err = {0};
  PortalSettings set;
  if (portal_settings_load(req_db(req), req_arena(req), &set, &err)) {
    reply_incident(req, &err);
    return;
  }
  reply_header(req, "Content-Security-Policy",
               html_mprintf(req, "frame-ancestors 'self'%s%s",
                            set.zOrigins[0] ? " " /*trusted*/ : ""/*trusted*/,
                            /* origins were checked at save time */
                            set.zOrigins /*trusted*/));
  unsigned rgb = 0x1f3f8f;
  portal_color_parse(set.zPrimary, &rgb);
  char zPrimary[8], zDark[8];
  portal_color_shade(rgb, 1.0, zPrimary);
  portal_color_shade(rgb, 0.7, zDark);
  int hasSim = portal_feed_has_route("/aides/simulateur");
  html_printf(req,
      "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<title>Simulateur des aides — %h</title>\n"
      "<link rel=\"stylesheet\" href=\"/static/css/oasis.css\">\n"
      "<link rel=\"icon\" href=\"/static/img/logo.svg\" "
      "type=\"image/svg+xml\">\n</head>\n"
      "<body>\n<main class=\"container main\" style=\"--blue:%h;"
      "--blue-dark:%h;padding:1rem\">\n"
      "<p class=\"eyebrow\">%h</p>\n<h1 style=\"font-size:1.4rem\">Les "
      "aides pour vous installer chez nous</h1>\n", set.zName, zPrimary,
      zDark, set.zName);
  if (hasSim) {
    html_printf(req,
        "<form method=\"get\" action=\"/aides/simulateur\" "
        "target=\"_blank\">\n<div class=\"field\"><label for=\"w-profil\">"
        "Vous êtes</label>\n<select id=\"w-profil\" name=\"profil\">\n");
    for (const PortalLabel *p = portal_profiles; p->zCode; p++) {
      html_printf(req, "<option value=\"%h\">%h</option>\n", p->zCode,
                  p->zLabel);
    }
    html_printf(req,
        "</select></div>\n<div class=\"field\"><label for=\"w-commune\">"
        "Commune d'installation envisagée<span class=\"hint\">code INSEE, "
        "facultatif</span></label>\n<input id=\"w-commune\" name=\"commune\" "
        "maxlength=\"5\"></div>\n<button type=\"submit\">Simuler mes aides "
        "<span class=\"visually-hidden\">(nouvel onglet)</span></button>\n"
        "</form>\n");
  } else {
    html_printf(req, "<p>Le simulateur des aides n'est pas encore disponible. "
                     "Un chargé de mission vous présente les aides auxquelles "
                     "vous avez droit.</p>\n");
  }
  html_printf(req, "<p class=\"hero-actions\">");
  if (portal_feed_has_route("/demande")) {
    html_printf(req, "<a class=\"btn btn-secondary\" href=\"/demande\" "
                     "target=\"_blank\" rel=\"noopener\">Demander un "
                     "accompagnement<span class=\"visually-hidden\"> (nouvel "
                     "onglet)</span></a>");
  }
  html_printf(req, "<a class=\"btn btn-secondary\" href=\"/portail\" "
                   "target=\"_blank\" rel=\"noopener\">Découvrir le "
                   "territoire<span class=\"visually-hidden\"> (nouvel "
                   "onglet)</span></a></p>\n</main>\n</body>\n</html>\n");
}
