/*
** portal/web.c: what every portal page shares: the frame in the
** territory's colours, labelled form rows with their errors, id parsing.
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

/* The opening of a form row: the wrapper and the label with its hint. */
static void portal_row_begin(Req *req, const char *zName, const char *zLabel,
                             const char *zHint, const char *zError)
{
  html_printf(req, "<div class=\"field%s\">\n<label for=\"f-%h\">%h",
              zError ? " field-error" /*trusted*/ : "" /*trusted*/, zName,
              zLabel);
  if (zHint) html_printf(req, "<span class=\"hint\">%h</span>", zHint);
  html_printf(req, "</label>\n");
}

/* The error under a field, and the row's end. */
static void portal_row_end(Req *req, const char *zName, const char *zError)
{
  if (zError) {
    html_printf(req, "<p class=\"error-text\" id=\"f-%h-err\">%h</p>\n",
                zName, zError);
  }
  html_printf(req, "</div>\n");
}

void portal_input(Req *req, const char *zName, const char *zLabel,
                  const char *zHint, const char *zType, const char *zValue,
                  const PortalErrors *pe, const char *zExtra)
{
  const char *zError = pe ? portal_error(pe, zName) : NULL;
  portal_row_begin(req, zName, zLabel, zHint, zError);
  html_printf(req, "<input type=\"%h\" id=\"f-%h\" name=\"%h\" value=\"%h\"",
              zType, zName, zName, zValue ? zValue : "");
  if (zError) {
    html_printf(req, " aria-invalid=\"true\" aria-describedby=\"f-%h-err\"",
                zName);
  }
  if (zExtra) html_printf(req, " %s", zExtra /*trusted*/);
  html_printf(req, ">\n");
  portal_row_end(req, zName, zError);
}

void portal_textarea(Req *req, const char *zName, const char *zLabel,
                     const char *zHint, const char *zValue, int nRows,
                     const PortalErrors *pe)
{
  const char *zError = pe ? portal_error(pe, zName) : NULL;
  portal_row_begin(req, zName, zLabel, zHint, zError);
  html_printf(req, "<textarea id=\"f-%h\" name=\"%h\" rows=\"%d\"", zName,
              zName, nRows);
  if (zError) {
    html_printf(req, " aria-invalid=\"true\" aria-describedby=\"f-%h-err\"",
                zName);
  }
  html_printf(req, ">%h</textarea>\n", zValue ? zValue : "");
  portal_row_end(req, zName, zError);
}

void portal_select(Req *req, const char *zName, const char *zLabel,
                   const PortalLabel *a, const char *zValue,
                   const char *zEmpty, const PortalErrors *pe)
{
  const char *zError = pe ? portal_error(pe, zName) : NULL;
  portal_row_begin(req, zName, zLabel, NULL, zError);
  html_printf(req, "<select id=\"f-%h\" name=\"%h\"", zName, zName);
  if (zError) {
    html_printf(req, " aria-invalid=\"true\" aria-describedby=\"f-%h-err\"",
                zName);
  }
  html_printf(req, ">\n");
  if (zEmpty) html_printf(req, "<option value=\"\">%h</option>\n", zEmpty);
  for (; a->zCode; a++) {
    int isSel = zValue && strcmp(zValue, a->zCode) == 0;
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n", a->zCode,
                isSel ? " selected" /*trusted*/ : "" /*trusted*/, a->zLabel);
  }
  html_printf(req, "</select>\n");
  portal_row_end(req, zName, zError);
}

void portal_error_summary(Req *req, const PortalErrors *pe)
{
  if (!pe || pe->n == 0) return;
  html_printf(req, "<div class=\"alert alert-error\" role=\"alert\" "
                   "tabindex=\"-1\" id=\"erreurs\">\n<p class=\"alert-title\">"
                   "%s</p>\n<ul>\n",
              pe->n == 1 ? "Le formulaire contient une erreur" /*trusted*/
                         : "Le formulaire contient des erreurs" /*trusted*/);
  for (int i = 0; i < pe->n; i++) {
    html_printf(req, "<li><a href=\"#f-%h\">%h</a></li>\n", pe->azField[i],
                pe->azMsg[i]);
  }
  html_printf(req, "</ul>\n</div>\n");
}

int64_t portal_id_or_404(Req *req, const char *zArg, const char *zWhat)
{
  long id = 0;
  const char *z = req_arg(req, zArg);
  if (!z || str_to_long(z, &id) || id <= 0) {
    reply_error(req, 404, "introuvable", zWhat, NULL);
    return 0;
  }
  return id;
}

const char *portal_form(Req *req, const char *zName)
{
  const char *z = req_form(req, zName);
  if (!z) return "";
  while (*z == ' ' || *z == '\t') z++;
  size_t n = strlen(z);
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  return arena_strndup(req_arena(req), z, n);
}

void portal_reply_failure(Req *req, int rc, const Err *err)
{
  if (rc == ERR_NOTFOUND) {
    char zMsg[600];
    snprintf(zMsg, sizeof zMsg, "%s.", err->zMsg);
    if (zMsg[0] >= 'a' && zMsg[0] <= 'z') zMsg[0] = (char)(zMsg[0] - 32);
    reply_error(req, 404, "introuvable", zMsg, NULL);
  } else {
    reply_incident(req, err);
  }
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
