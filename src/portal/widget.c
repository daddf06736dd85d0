/*
** portal/widget.c: the embeddable simulator entry for partner sites
** (communes, hospitals, faculties), framed only by the allowed origins.
*/
#include <stdio.h>
#include <string.h>

#include "portal/web_int.h"

/*
** GET /portail/widget: the simulator entry for partner sites, in an
** iframe.  Framing is allowed only to this site and the origins the admin
** listed (CSP frame-ancestors; the platform's default DENY is replaced
** here).  The page is self-contained: no navigation, links open in a new
** tab of the candidate's browser.
** ROUTE: GET /portail/widget public unlisted
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
