/*
** cases/pages_more.c: the partners directory (/accompagnement/partenaires)
** and the statistics of the guichet unique (/accompagnement/statistiques).
**
** Statistics are accessible tables (caption, header cells with scope), one
** per dimension, semesters as columns; no chart is needed to read them.
*/
#include <stdio.h>
#include <string.h>

#include "cases/web_int.h"

static const char *nz(const char *z)
{
  return z ? z : "";
}

/* ---- partners ---------------------------------------------------------------- */

static void partner_read(Req *req, Partner *p)
{
  memset(p, 0, sizeof *p);
  p->zName = case_web_field(req, "nom");
  p->zKind = case_web_field(req, "type");
  p->zEmail = case_web_field(req, "email");
  p->zPhone = case_web_field(req, "telephone");
  p->zWebsite = case_web_field(req, "site");
  p->zNotes = case_web_field(req, "notes");
  p->zTerritories = case_web_field(req, "territoires");
  Str s = STR_INIT;
  const char **az = NULL;
  int n = req_form_all(req, "themes", &az);
  for (int i = 0; i < n; i++) str_appendf(&s, "%s%s", i ? "," : "", az[i]);
  p->zTopics = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
}

static void partner_form(Req *req, const char *zAction, const Partner *p,
                         const char *zButton)
{
  form_begin(req, zAction);
  html_printf(req, "<div class=\"field\"><label for=\"p-nom\">Nom</label>"
                   "<input id=\"p-nom\" name=\"nom\" value=\"%h\" required>"
                   "</div>\n", nz(p->zName));
  case_web_select(req, "type", "Type", case_partner_kinds, p->zKind, NULL,
                  "— choisir —");
  html_printf(req, "<fieldset><legend>Thèmes (besoins traités)</legend>\n");
  for (int i = 0; case_needs[i].zCode; i++) {
    const char *zTopics = nz(p->zTopics);
    const char *zHit = strstr(zTopics, case_needs[i].zCode);
    html_printf(req, "<label class=\"check\"><input type=\"checkbox\" "
                     "name=\"themes\" value=\"%h\"%s> %h</label>\n",
                case_needs[i].zCode, zHit ? " checked" : "" /*trusted*/,
                case_needs[i].zLabel);
  }
  html_printf(req, "</fieldset>\n<div class=\"field\"><label for=\"p-terr\">"
                   "Territoires couverts <span class=\"hint\" "
                   "id=\"aide-terr\">codes séparés par des virgules : "
                   "département (15), commune (15014), EPCI ; vide = "
                   "partout</span></label><input id=\"p-terr\" "
                   "name=\"territoires\" value=\"%h\" aria-describedby="
                   "\"aide-terr\"></div>\n<div class=\"field\"><label "
                   "for=\"p-email\">Courriel</label><input type=\"email\" "
                   "id=\"p-email\" name=\"email\" value=\"%h\"></div>\n<div "
                   "class=\"field\"><label for=\"p-tel\">Téléphone</label>"
                   "<input type=\"tel\" id=\"p-tel\" name=\"telephone\" "
                   "value=\"%h\"></div>\n<div class=\"field\"><label "
                   "for=\"p-site\">Site</label><input id=\"p-site\" "
                   "name=\"site\" value=\"%h\"></div>\n<div class=\"field\">"
                   "<label for=\"p-notes\">Notes</label><textarea "
                   "id=\"p-notes\" name=\"notes\" rows=\"2\">%h</textarea></div>"
                   "\n<div class=\"form-actions\"><button type=\"submit\">%h"
                   "</button></div>\n",
              nz(p->zTerritories), nz(p->zEmail), nz(p->zPhone),
              nz(p->zWebsite), nz(p->zNotes), zButton);
  form_end(req);
}

static void partners_render(Req *req, const Partner *pNew, const char *zAlert)
{
  Err err = {0};
  Partner *a;
  int n;
  if (case_partner_list(req_db(req), req_arena(req), NULL, NULL, 1, &a, &n,
                        &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Annuaire des partenaires");
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><ol>"
                   "<li><a href=\"/accompagnement\">Accompagnement</a></li>"
                   "<li>Partenaires</li></ol></nav>\n<h1>Annuaire des "
                   "partenaires</h1>\n");
  if (zAlert) {
    html_printf(req, "<div class=\"alert alert-error\" role=\"alert\"><p>%h"
                     "</p></div>\n", zAlert);
  }
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"t-partenaires\"><table>\n<caption "
                   "id=\"t-partenaires\">%d partenaire%s</caption>\n<thead><tr>"
                   "<th scope=\"col\">Nom</th><th scope=\"col\">Type</th>"
                   "<th scope=\"col\">Thèmes</th><th scope=\"col\">Territoires"
                   "</th><th scope=\"col\">Contact</th></tr></thead><tbody>\n",
              n, n > 1 ? "s" : "" /*trusted*/);
  for (int i = 0; i < n; i++) {
    Str s = STR_INIT;
    for (int k = 0; case_needs[k].zCode; k++) {
      if (strstr(a[i].zTopics, case_needs[k].zCode)) {
        str_appendf(&s, "%s%s", s.n ? ", " : "", case_needs[k].zLabel);
      }
    }
    html_printf(req, "<tr><th scope=\"row\"><a href=\"/accompagnement/"
                     "partenaires/%lld\">%h</a></th><td>%h</td><td>%h</td>"
                     "<td>%h</td><td>%h %h</td></tr>\n",
                (long long)a[i].id, a[i].zName,
                nz(case_label(case_partner_kinds, a[i].zKind)), str_text(&s),
                *a[i].zTerritories ? a[i].zTerritories : "partout",
                a[i].zEmail, a[i].zPhone);
    str_free(&s);
  }
  html_printf(req, "</tbody></table></div>\n<h2>Ajouter un partenaire</h2>\n");
  partner_form(req, "/accompagnement/partenaires", pNew, "Ajouter");
  page_end(req);
}

void case_page_partners(Req *req)
{
  Partner p = {0};
  partners_render(req, &p, NULL);
}

void case_post_partner_new(Req *req)
{
  Partner p;
  Err err = {0};
  int64_t id = 0;
  partner_read(req, &p);
  Store *db = req_db(req);
  int rc = store_begin(db, &err);
  if (!rc) rc = case_partner_save(db, &p, &id, &err);
  if (!rc) {
    json_t *pAfter = json_pack("{s:s,s:s}", "nom", p.zName, "type", p.zKind);
    rc = audit_log(req, "partenaire", id, "create", NULL, pAfter, &err);
    json_decref(pAfter);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    partners_render(req, &p, err.zMsg);
    return;
  }
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/accompagnement/partenaires/%lld",
                                   (long long)id));
}

static void partner_render(Req *req, const Partner *p, const char *zAlert)
{
  Err err = {0};
  PartnerContact *a;
  int n = 0;
  char zAction[96];
  case_contact_list(req_db(req), req_arena(req), p->id, &a, &n, &err);
  page_begin(req, html_mprintf(req, "Partenaire %h", p->zName));
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><ol>"
                   "<li><a href=\"/accompagnement\">Accompagnement</a></li>"
                   "<li><a href=\"/accompagnement/partenaires\">Partenaires"
                   "</a></li><li>%h</li></ol></nav>\n<h1>%h</h1>\n",
              p->zName, p->zName);
  if (zAlert) {
    html_printf(req, "<div class=\"alert alert-error\" role=\"alert\"><p>%h"
                     "</p></div>\n", zAlert);
  }
  html_printf(req, "<h2>Contacts</h2>\n");
  if (n) html_printf(req, "<ul>\n");
  for (int i = 0; i < n; i++) {
    html_printf(req, "<li>%h%h%h — %h %h</li>\n", a[i].zName,
                *a[i].zRole ? ", " : "", a[i].zRole, a[i].zEmail, a[i].zPhone);
  }
  if (n) html_printf(req, "</ul>\n");
  snprintf(zAction, sizeof zAction, "/accompagnement/partenaires/%lld/contacts",
           (long long)p->id);
  form_begin(req, zAction);
  html_printf(req, "<div class=\"field\"><label for=\"c-nom\">Nom du contact"
                   "</label><input id=\"c-nom\" name=\"contact_nom\" "
                   "required></div>\n<div class=\"field\"><label "
                   "for=\"c-role\">Fonction</label><input id=\"c-role\" "
                   "name=\"contact_role\"></div>\n<div class=\"field\"><label "
                   "for=\"c-email\">Courriel</label><input type=\"email\" "
                   "id=\"c-email\" name=\"contact_email\"></div>\n<div "
                   "class=\"field\"><label for=\"c-tel\">Téléphone</label>"
                   "<input type=\"tel\" id=\"c-tel\" name=\"contact_telephone\">"
                   "</div>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Ajouter le contact</button></div>\n");
  form_end(req);
  html_printf(req, "<h2>Modifier</h2>\n");
  snprintf(zAction, sizeof zAction, "/accompagnement/partenaires/%lld",
           (long long)p->id);
  partner_form(req, zAction, p, "Enregistrer");
  page_end(req);
}

/* The partner of path argument {id}, or a 404 queued and -1. */
static int partner_or_404(Req *req, Partner *p)
{
  Err err = {0};
  int64_t id = case_web_arg_id(req, "id");
  if (!id || case_partner_get(req_db(req), req_arena(req), id, p, &err)) {
    return reply_error(req, 404, "introuvable", "Partenaire introuvable.", NULL);
  }
  return 0;
}

void case_page_partner(Req *req)
{
  Partner p;
  if (partner_or_404(req, &p)) return;
  partner_render(req, &p, NULL);
}

void case_post_partner_edit(Req *req)
{
  Partner old, p;
  Err err = {0};
  int64_t id = 0;
  if (partner_or_404(req, &old)) return;
  partner_read(req, &p);
  p.id = old.id;
  Store *db = req_db(req);
  int rc = store_begin(db, &err);
  if (!rc) rc = case_partner_save(db, &p, &id, &err);
  if (!rc) {
    json_t *pBefore = json_pack("{s:s,s:s}", "nom", old.zName, "type",
                                old.zKind);
    json_t *pAfter = json_pack("{s:s,s:s}", "nom", p.zName, "type", p.zKind);
    rc = audit_log(req, "partenaire", id, "update", pBefore, pAfter, &err);
    json_decref(pBefore);
    json_decref(pAfter);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    partner_render(req, &old, err.zMsg);
    return;
  }
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/accompagnement/partenaires/%lld",
                                   (long long)id));
}

void case_post_contact(Req *req)
{
  Partner p;
  Err err = {0};
  if (partner_or_404(req, &p)) return;
  PartnerContact c = {0, p.id, case_web_field(req, "contact_nom"),
                      case_web_field(req, "contact_role"),
                      case_web_field(req, "contact_email"),
                      case_web_field(req, "contact_telephone")};
  Store *db = req_db(req);
  int rc = store_begin(db, &err);
  if (!rc) rc = case_contact_add(db, &c, &err);
  if (!rc) rc = audit_log(req, "partenaire", p.id, "contact", NULL, NULL, &err);
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    partner_render(req, &p, err.zMsg);
    return;
  }
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/accompagnement/partenaires/%lld",
                                   (long long)p.id));
}

/* ---- statistics -------------------------------------------------------------- */

/* One table: rows = codes of a (or the keys found), columns = semesters. */
static void stats_table(Req *req, const CaseStats *s, const char *zDim,
                        const char *zCaption, const CaseLabel *a,
                        const char **azSem, int nSem)
{
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"stat-%h\"><table>\n<caption "
                   "id=\"stat-%h\">%h</caption>\n<thead><tr><th scope=\"col\">"
                   "</th>", zDim, zDim, zCaption);
  for (int j = 0; j < nSem; j++) {
    html_printf(req, "<th scope=\"col\" class=\"num\">%h</th>", azSem[j]);
  }
  html_printf(req, "<th scope=\"col\" class=\"num\">Total</th></tr></thead>\n"
                   "<tbody>\n");
  for (int k = 0; a[k].zCode; k++) {
    int total = 0;
    int aN[64] = {0};
    for (int i = 0; i < s->nCount; i++) {
      const CaseStatCount *c = &s->aCount[i];
      if (strcmp(c->zDim, zDim) || strcmp(c->zKey, a[k].zCode)) continue;
      for (int j = 0; j < nSem; j++) {
        if (!strcmp(c->zSemester, azSem[j])) aN[j] += c->n;
      }
      total += c->n;
    }
    if (total == 0) continue;
    html_printf(req, "<tr><th scope=\"row\">%h</th>", a[k].zLabel);
    for (int j = 0; j < nSem; j++) {
      html_printf(req, "<td class=\"num\">%d</td>", aN[j]);
    }
    html_printf(req, "<td class=\"num\">%d</td></tr>\n", total);
  }
  html_printf(req, "</tbody></table></div>\n");
}

void case_page_stats(Req *req)
{
  Err err = {0};
  CaseStats s;
  const char *zFrom = case_web_query(req, "du");
  const char *zTo = case_web_query(req, "au");
  int64_t t;
  if (strlen(zFrom) != 10 || case_time_parse(zFrom, &t)) zFrom = "";
  if (strlen(zTo) != 10 || case_time_parse(zTo, &t)) zTo = "";
  if (case_stats_load(req_db(req), req_arena(req), zFrom, zTo, &s, &err)) {
    reply_incident(req, &err);
    return;
  }
  /* The semesters present, in order (aCount is sorted by semester). */
  const char *azSem[64];
  int nSem = 0;
  for (int i = 0; i < s.nCount && nSem < 64; i++) {
    if (nSem == 0 || strcmp(azSem[nSem - 1], s.aCount[i].zSemester)) {
      int isSeen = 0;
      for (int j = 0; j < nSem; j++) {
        isSeen |= !strcmp(azSem[j], s.aCount[i].zSemester);
      }
      if (!isSeen) azSem[nSem++] = s.aCount[i].zSemester;
    }
  }
  for (int i = 1; i < nSem; i++) {      /* insertion sort: few semesters */
    for (int j = i; j > 0 && strcmp(azSem[j - 1], azSem[j]) > 0; j--) {
      const char *z = azSem[j];
      azSem[j] = azSem[j - 1];
      azSem[j - 1] = z;
    }
  }
  page_begin(req, "Statistiques du guichet unique");
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><ol>"
                   "<li><a href=\"/accompagnement\">Accompagnement</a></li>"
                   "<li>Statistiques</li></ol></nav>\n<h1>Statistiques du "
                   "guichet unique</h1>\n<form method=\"get\" action=\"/"
                   "accompagnement/statistiques\"><div class=\"grid-2\"><div "
                   "class=\"field\"><label for=\"s-du\">Demandes reçues du"
                   "</label><input type=\"date\" id=\"s-du\" name=\"du\" "
                   "value=\"%h\"></div><div class=\"field\"><label "
                   "for=\"s-au\">au</label><input type=\"date\" id=\"s-au\" "
                   "name=\"au\" value=\"%h\"></div></div><div class=\"form-"
                   "actions\"><button type=\"submit\">Afficher</button></div>"
                   "</form>\n<ul class=\"cards\">\n<li class=\"card stat\">"
                   "<span class=\"stat-value\" id=\"nb-demandes\">%d</span> "
                   "<span class=\"stat-label\">demandes</span></li>\n",
              zFrom, zTo, s.nDossier);
  html_printf(req, "<li class=\"card stat\"><span class=\"stat-value\">%.1F j"
                   "</span> <span class=\"stat-label\">délai médian jusqu'au "
                   "premier contact (90<sup>e</sup> centile : %.1F j, %d "
                   "dossiers)</span></li>\n<li class=\"card stat\"><span "
                   "class=\"stat-value\">%.1F j</span> <span "
                   "class=\"stat-label\">délai médian jusqu'à la clôture "
                   "(90<sup>e</sup> centile : %.1F j, %d dossiers)</span></li>"
                   "\n</ul>\n",
              s.firstContact.median, s.firstContact.p90, s.firstContact.n,
              s.closure.median, s.closure.p90, s.closure.n);
  if (s.nDossier == 0) {
    html_printf(req, "<p>Aucune demande sur la période.</p>\n");
    page_end(req);
    return;
  }
  html_printf(req, "<p class=\"muted\">Demandes comptées au semestre de leur "
                   "arrivée ; issues au semestre de la clôture.</p>\n");
  html_printf(req, "<h2>Demandes par profession</h2>\n");
  stats_table(req, &s, "profession", "Demandes par profession et semestre",
              case_professions, azSem, nSem);
  html_printf(req, "<h2>Demandes par canal</h2>\n");
  stats_table(req, &s, "canal", "Demandes par canal et semestre",
              case_channels, azSem, nSem);
  html_printf(req, "<h2>Besoins exprimés</h2>\n");
  stats_table(req, &s, "besoin", "Besoins par semestre", case_needs, azSem,
              nSem);
  html_printf(req, "<h2>Issues des dossiers clos</h2>\n");
  stats_table(req, &s, "issue", "Issues par semestre de clôture",
              case_outcomes, azSem, nSem);
  html_printf(req, "<h2>Installations par commune</h2>\n");
  if (s.nCommune == 0) {
    html_printf(req, "<p>Aucune installation enregistrée.</p>\n");
  } else {
    html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\""
                     " aria-labelledby=\"stat-communes\"><table>\n<caption "
                     "id=\"stat-communes\">Installations par commune</caption>"
                     "\n<thead><tr><th scope=\"col\">Commune</th><th "
                     "scope=\"col\" class=\"num\">Installations</th></tr>"
                     "</thead><tbody>\n");
    for (int i = 0; i < s.nCommune; i++) {
      CaseCommuneInfo ci;
      case_commune_info(req_db(req), req_arena(req), s.aCommune[i].zKey, &ci);
      html_printf(req, "<tr><th scope=\"row\">%h%h%h%h</th><td class=\"num\">"
                       "%d</td></tr>\n",
                  ci.hasCommune ? ci.zName : "", ci.hasCommune ? " (" : "",
                  s.aCommune[i].zKey, ci.hasCommune ? ")" : "",
                  s.aCommune[i].n);
    }
    html_printf(req, "</tbody></table></div>\n");
  }
  page_end(req);
}
