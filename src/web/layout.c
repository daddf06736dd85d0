/*
** web/layout.c: the frame around every page.
**
** page_begin() writes what a page must never forget: the doctype, the
** French language, the viewport, the skip link, the header with the
** platform name and the account control, and the main navigation with
** aria-current on the section being shown.  page_end() closes <main> and
** writes the footer (data sources, accessibility statement).  form_begin()
** adds the CSRF field.  Pages write only their own content in between.
**
** The navigation is in the page twice: a <details> menu for narrow screens
** and a plain list for wide ones, one of them hidden by CSS (display:none
** also hides it from assistive technologies).  That keeps the menu
** collapsible on a phone without any JavaScript.
*/
#include <string.h>

#include "web/ui.h"

typedef struct NavEntry NavEntry;
struct NavEntry {
  const char *zLabel;
  const char *zPath;      /* section root; also matches zPath + "/..." */
  Role role;              /* least role that sees the entry */
};

static const NavEntry aNav[] = {
  {"Mon espace", "/mon-espace", ROLE_AGENT},
  {"Observatoire", "/observatoire", ROLE_PUBLIC},
  {"Aides", "/aides", ROLE_PUBLIC},
  {"Accompagnement", "/accompagnement", ROLE_PUBLIC},
  {"Centres de santé", "/centres", ROLE_PUBLIC},
  {"Stages", "/stages", ROLE_PUBLIC},
  {"Portail", "/portail", ROLE_PUBLIC},
  {"Pilotage", "/plan", ROLE_LECTEUR},
  {"Administration", "/admin", ROLE_ADMIN},
};

/* True when zPath is the section zRoot or a page below it. */
static int layout_in_section(const char *zPath, const char *zRoot)
{
  size_t n = strlen(zRoot);
  if (!zPath || strncmp(zPath, zRoot, n) != 0) return 0;
  return zPath[n] == 0 || zPath[n] == '/';
}

/* One <ul> of the main navigation; zClass tells the two copies apart. */
static void layout_nav_list(Req *req, const char *zClass)
{
  const char *zPath = req_path(req);
  Role role = req_role(req);
  html_printf(req, "<ul class=\"%h\">\n", zClass);
  for (size_t i = 0; i < sizeof aNav / sizeof aNav[0]; i++) {
    if (role < aNav[i].role) continue;
    html_printf(req, "<li><a href=\"%h\"%s>%h</a></li>\n", aNav[i].zPath,
                layout_in_section(zPath, aNav[i].zPath)
                    ? " aria-current=\"page\"" /*trusted*/
                    : "" /*trusted*/,
                aNav[i].zLabel);
  }
  html_printf(req, "</ul>\n");
}

/* The account control: the user's name and a POST logout form (a link
** would let any page log the user out), or the login link. */
static void layout_account(Req *req)
{
  const User *pUser = req_user(req);
  html_printf(req, "<div class=\"account\">\n");
  if (pUser) {
    const char *zName = pUser->zName && pUser->zName[0] ? pUser->zName
                                                        : pUser->zLogin;
    html_printf(req,
                "<a class=\"account-name\" href=\"%h\" title=\"Mon compte\">"
                "<span class=\"visually-hidden\">Connecté·e : </span>%h"
                "</a>\n",
                UI_ACCOUNT_PATH, zName);
    form_begin(req, UI_LOGOUT_PATH);
    html_printf(req, "<button type=\"submit\" class=\"btn btn-small "
                     "btn-secondary\">Se déconnecter</button>\n");
    form_end(req);
  } else if (!layout_in_section(req_path(req), UI_LOGIN_PATH)) {
    /* (not on the login page itself: a link to where we are is noise) */
    html_printf(req, "<a class=\"btn btn-small btn-secondary\" "
                     "href=\"%h\">Se connecter</a>\n", UI_LOGIN_PATH);
  }
  html_printf(req, "</div>\n");
}

/* True when this instance is a demonstration (setting
** instance.demonstration = "1", set by `oasis demo load` or by hand with
** `oasis instance set demonstration 1`). */
int web_is_demo(Req *req)
{
  return strcmp(web_instance_get(req, "demonstration"), "1") == 0;
}

/* The calm banner every page of a demonstration instance carries, so that
** nobody takes its dossiers, people or figures for real ones. */
static void layout_demo_banner(Req *req)
{
  if (!web_is_demo(req)) return;
  html_printf(req,
      "<div class=\"demo-banner\" role=\"note\" "
      "aria-label=\"Instance de démonstration\">\n"
      "<div class=\"container\"><p><strong>Démonstration — données "
      "fictives</strong> <span class=\"demo-banner-more\">Les personnes, "
      "dossiers et chiffres de gestion de cette instance sont inventés."
      "</span> <a href=\"%h\">Démarrer une instance réelle</a></p></div>\n"
      "</div>\n", UI_DEMO_PATH);
}

/*
** Open the page: everything up to and including <main>.  zTitle is the
** page's own title (plain text, escaped here); it becomes the <title>
** prefix so that tabs and screen-reader announcements differ per page.
*/
void page_begin(Req *req, const char *zTitle)
{
  const char *zVer = assets_version();
  html_printf(req,
      "<!doctype html>\n"
      "<html lang=\"fr\">\n"
      "<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n"
      "<title>%h — %h</title>\n"
      "<link rel=\"stylesheet\" href=\"/static/css/oasis.css?v=%u\">\n"
      "<link rel=\"icon\" href=\"/static/img/logo.svg?v=%u\" "
      "type=\"image/svg+xml\">\n"
      "</head>\n"
      "<body>\n"
      "<a class=\"skip-link\" href=\"#contenu\">Aller au contenu</a>\n",
      zTitle ? zTitle : "Accueil", UI_PLATFORM_NAME, zVer, zVer);
  layout_demo_banner(req);
  html_printf(req,
      "<header class=\"site-header\">\n"
      "<div class=\"container header-inner\">\n"
      "<a class=\"brand\" href=\"/\">"
      "<img src=\"/static/img/logo.svg?v=%u\" alt=\"\" width=\"44\" "
      "height=\"44\">"
      "<span class=\"brand-text\"><span class=\"brand-name\">%h</span>"
      "<span class=\"brand-tagline\">%h</span></span></a>\n",
      zVer, UI_PLATFORM_NAME, UI_PLATFORM_TAGLINE);
  layout_account(req);
  html_printf(req,
      "</div>\n"
      "<nav class=\"site-nav\" aria-label=\"Navigation principale\">\n"
      "<div class=\"container\">\n"
      "<details class=\"nav-menu\">\n"
      "<summary>Menu</summary>\n");
  layout_nav_list(req, "nav-list nav-list-narrow");
  html_printf(req, "</details>\n");
  layout_nav_list(req, "nav-list nav-list-wide");
  html_printf(req,
      "</div>\n"
      "</nav>\n"
      "</header>\n"
      "<main id=\"contenu\" class=\"container main\" tabindex=\"-1\">\n");
}

/* Close <main>, write the footer and end the document. */
void page_end(Req *req)
{
  html_printf(req,
      "</main>\n"
      "<footer class=\"site-footer\">\n"
      "<div class=\"container footer-inner\">\n"
      "<div class=\"footer-brand\">\n"
      "<p class=\"footer-name\">%h — %h</p>\n"
      "<p>Logiciel libre au service des collectivités pour l'accès "
      "aux soins.</p>\n"
      "</div>\n"
      "<ul class=\"footer-links\">\n"
      "<li><a href=\"/sources\">Sources : INSEE, DREES, RPPS, "
      "SIRENE…</a></li>\n"
      "<li><a href=\"/accessibilite\">Accessibilité : partiellement "
      "conforme</a></li>\n"
      "<li><a href=\"/mentions-legales\">Mentions légales</a></li>\n"
      "<li><a href=\"/donnees-personnelles\">Données personnelles</a></li>\n"
      "<li><a href=\"/plan-du-site\">Plan du site</a></li>\n"
      "</ul>\n"
      "</div>\n"
      "</footer>\n"
      "</body>\n"
      "</html>\n",
      UI_PLATFORM_NAME, UI_PLATFORM_TAGLINE);
}

/* <form method="post"> to zAction (a local path), with the CSRF token in
** a hidden field that the router checks before any POST handler runs. */
void form_begin(Req *req, const char *zAction)
{
  html_printf(req,
      "<form method=\"post\" action=\"%h\">\n"
      "<input type=\"hidden\" name=\"%h\" value=\"%h\">\n",
      zAction, UI_CSRF_FIELD, req_csrf_token(req));
}

void form_end(Req *req)
{
  html_printf(req, "</form>\n");
}
