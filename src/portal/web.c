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
int portal_frame_begin(Req *req, const char *zTitle, PortalSettings *pSet)
{
  Err err = {0};
  if (portal_settings_load(req_db(req), req_arena(req), pSet, &err)) {
    reply_incident(req, &err);
    return 0;
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
  html_printf(req, "<div class=\"portal\" style=\"--blue:%h;--blue-dark:%h;"
                   "--blue-soft:%h;--green:%h\">\n",
              zPrimary, zDark, zSoft, zAccent);
  return 1;
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
