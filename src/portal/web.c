/*
** portal/web.c: what every portal page shares: the frame in the
** territory's colours, the "ask for help" button, label tables as select
** options.  Form controls, errors and replies come from the kit.
*/
#include <stdio.h>
#include <string.h>

#include "portal/web_int.h"

/*
** The territory's colours apply to the portal's content only (the
** platform header stays oasis's): the design tokens of oasis.css are
** custom properties, so redefining them on a wrapper recolours buttons,
** cards and figures inside it without any new CSS.  The colours were
** checked at save time (portal_check_color: contrast with white >= 4.5).
*/
/* Sharing metadata (description and OpenGraph) inside the <head> that
** page_begin() has just written: the layout has no hook for a module's
** head tags, so they go right before its "</head>".  Values escaped. */
static void frame_meta(Req *req, const char *zTitle, const char *zDesc,
                       const PortalSettings *pSet)
{
  Str *pBody = req_body(req);
  const char *zHead = pBody->z ? strstr(pBody->z, "</head>") : NULL;
  if (!zHead) return;
  const char *zBase = web_public_url();
  const char *zSite = pSet->zName[0] ? pSet->zName : "Portail santé";
  const char *zMeta = html_mprintf(req,
      "<meta name=\"description\" content=\"%h\">\n"
      "<meta property=\"og:type\" content=\"website\">\n"
      "<meta property=\"og:locale\" content=\"fr_FR\">\n"
      "<meta property=\"og:site_name\" content=\"%h\">\n"
      "<meta property=\"og:title\" content=\"%h\">\n"
      "<meta property=\"og:description\" content=\"%h\">\n"
      "<meta property=\"og:url\" content=\"%h%h\">\n",
      zDesc, zSite, zTitle, zDesc, zBase, req_path(req));
  if (pSet->zLogoUrl[0]) {
    zMeta = html_mprintf(req, "%s<meta property=\"og:image\" content=\"%h%h"
                              "\">\n", zMeta /*trusted*/,
                         pSet->zLogoUrl[0] == '/' ? zBase : "",
                         pSet->zLogoUrl);
  }
  size_t iAt = (size_t)(zHead - pBody->z), nMeta = strlen(zMeta);
  str_append(pBody, zMeta, nMeta);            /* room, then move into place */
  memmove(pBody->z + iAt + nMeta, pBody->z + iAt, pBody->n - nMeta - iAt);
  memcpy(pBody->z + iAt, zMeta, nMeta);
}

int portal_frame_begin(Req *req, const char *zTitle, PortalSettings *pSet)
{
  return portal_frame_begin_desc(req, zTitle, NULL, pSet);
}

int portal_frame_begin_desc(Req *req, const char *zTitle, const char *zDesc,
                            PortalSettings *pSet)
{
  Err err = {0};
  if (portal_settings_load(req_db(req), req_arena(req), pSet, &err)) {
    reply_incident(req, &err);
    return 0;
  }
  /* a portal not named yet (empty, or migration 071's default) takes the
  ** name of the instance's territory: one territory, one name */
  if (!pSet->zName[0] || strcmp(pSet->zName, PORTAL_DEFAULT_NAME) == 0) {
    TerrScope scope;
    portal_scope(req_db(req), req_arena(req), &scope);
    if (scope.nDep && scope.zName[0]) pSet->zName = scope.zName;
  }
  unsigned rgb = 0x1f3f8f, rgbAccent = 0x146346;
  portal_color_parse(pSet->zPrimary, &rgb);
  portal_color_parse(pSet->zAccent, &rgbAccent);
  char zDark[8], zSoft[8], zAccent[8], zPrimary[8];
  portal_color_shade(rgb, 1.0, zPrimary);
  portal_color_shade(rgb, 0.7, zDark);
  portal_color_shade(rgbAccent, 1.0, zAccent);
  /* the soft tint: 8 % of the colour on white */
  unsigned aSoft = 0;
  for (int i = 0; i < 3; i++) {
    unsigned c = (rgb >> (16 - 8 * i)) & 0xff;
    aSoft = (aSoft << 8) | (unsigned)(255 - (255 - c) * 0.08);
  }
  portal_color_shade(aSoft, 1.0, zSoft);
  page_begin(req, zTitle);
  if (!zDesc || !zDesc[0]) {
    zDesc = pSet->zIntro[0] ? pSet->zIntro
            : pSet->zTagline[0] ? pSet->zTagline
            : "S'installer, faire un stage ou exercer comme professionnel de "
              "santé sur le territoire : aides, accompagnement, rencontres.";
  }
  frame_meta(req, zTitle, zDesc, pSet);
  html_printf(req, "<div class=\"portal\" style=\"--blue:%h;--blue-dark:%h;"
                   "--blue-soft:%h;--green:%h\">\n",
              zPrimary, zDark, zSoft, zAccent);
  return 1;
}

int portal_commune_or_404(Req *req, PortalCommune *c, PortalFacts *f,
                          int *pHasFiche)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  const char *zCode = req_arg(req, "code");
  if (portal_check_insee(zCode, &err)) {
    reply_error(req, 404, "introuvable", "Commune inconnue : aucune page "
                "n'existe pour ce code.", NULL);
    return -1;
  }
  int rc = portal_commune_get(db, a, zCode, c, &err);
  if (rc && rc != ERR_NOTFOUND) {
    reply_incident(req, &err);
    return -1;
  }
  *pHasFiche = rc == 0;
  portal_feed_facts(db, a, zCode, f);
  if (!*pHasFiche && !f->hasPlace) {
    reply_error(req, 404, "introuvable", "Commune inconnue : aucune page "
                "n'existe pour ce code.", NULL);
    return -1;
  }
  if (!*pHasFiche) {
    memset(c, 0, sizeof *c);
    c->zCode = zCode;
    c->zName = f->zName;
    c->zEpci = c->zBodyMd = c->zContact = "";
  }
  return 0;
}

int portal_event_or_404(Req *req, PortalEvent *e)
{
  Err err = {0};
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return 0;
  int rc = portal_event_get(req_db(req), req_arena(req), id, e, &err);
  if (rc == 0 && !e->isPublished && req_role(req) < ROLE_AGENT) {
    rc = ERR_NOTFOUND;
  }
  return kit_found_or_reply(req, rc, &err, "Événement introuvable.");
}

int portal_upcoming_events(Req *req, PortalEvent **paEv, int *pnEv)
{
  Err err = {0};
  char zToday[11];
  if (portal_event_list(req_db(req), req_arena(req), portal_today(zToday), 1,
                        paEv, pnEv, &err)) {
    reply_incident(req, &err);
    return -1;
  }
  return 0;
}

int portal_home_lists(Req *req, PortalEvent **paEv, int *pnEv,
                      PortalPage **paPage, int *pnPage)
{
  Err err = {0};
  if (portal_upcoming_events(req, paEv, pnEv)) return -1;
  if (portal_page_list(req_db(req), req_arena(req), 1, paPage, pnPage,
                       &err)) {
    reply_incident(req, &err);
    return -1;
  }
  return 0;
}

void portal_frame_end(Req *req)
{
  html_printf(req, "</div>\n");
  page_end(req);
}

const char *const *portal_options(Req *req, const PortalLabel *a)
{
  int n = 0;
  while (a[n].zCode) n++;
  const char **az = arena_alloc(req_arena(req), sizeof(char *) *
                                                    (size_t)(2 * n + 1));
  for (int i = 0; i < n; i++) {
    az[2 * i] = a[i].zCode;
    az[2 * i + 1] = a[i].zLabel;
  }
  az[2 * n] = NULL;
  return az;
}

void portal_cta_demande(Req *req, const char *zKind, const char *zCode,
                        const char *zName)
{
  if (!portal_feed_has_route("/demande")) {
    html_printf(req, "<p class=\"muted\">Le formulaire de demande en ligne "
                     "arrive bientôt sur ce portail.</p>\n");
  } else if (zKind) {
    html_printf(req, "<p><a class=\"btn\" href=\"/demande?territoire_type=%u"
                     "&amp;territoire_code=%u&amp;territoire_nom=%u\">"
                     "Demander un accompagnement</a></p>\n", zKind, zCode,
                zName);
  } else {
    html_printf(req, "<p><a class=\"btn\" href=\"/demande\">Demander un "
                     "accompagnement</a></p>\n");
  }
}
