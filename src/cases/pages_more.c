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

static void partner_form(Req *req, const char *zAction, const Partner *p,
                         const KitErrors *e, const char *zButton)
{
  form_begin(req, zAction);
  kit_input(req, e, "nom", "Nom", "text", nz(p->zName), NULL);
  kit_select(req, e, "type", "Type", case_web_options(req, case_partner_kinds),
             p->zKind, "— choisir —");
  case_web_need_checks(req, "themes", "Thèmes (besoins traités)",
                       nz(p->zTopics));
  kit_input(req, e, "territoires", "Territoires couverts", "text",
            nz(p->zTerritories), "codes séparés par des virgules : "
            "département (15), commune (15014), EPCI ; vide = partout");
  kit_input(req, e, "email", "Courriel", "email", nz(p->zEmail), NULL);
  kit_input(req, e, "telephone", "Téléphone", "tel", nz(p->zPhone), NULL);
  kit_input(req, e, "site", "Site", "text", nz(p->zWebsite), NULL);
  kit_textarea(req, e, "notes", "Notes", nz(p->zNotes), NULL);
  kit_check(req, "publier", "Publier sur le portail public : nom, site, "
            "courriel et téléphone de l'organisme (jamais les personnes de "
            "contact)", p->isPublic);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">%h"
                   "</button></div>\n", zButton);
  form_end(req);
}

/* The directory, with the new-partner form (pNew as typed, e its
** errors). */
static void partners_render(Req *req, const Partner *pNew, const KitErrors *e)
{
  Err err = {0};
  Partner *a;
  int n;
  if (case_partner_list(req_db(req), req_arena(req), NULL, NULL, 1, &a, &n,
                        &err)) {
    reply_incident(req, &err);
    return;
  }
  case_web_page_begin(req, "Annuaire des partenaires", NULL, NULL,
                      "Partenaires");
  html_printf(req, "<h1>Annuaire des partenaires</h1>\n");
  kit_error_box(req, e);
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
  partner_form(req, "/accompagnement/partenaires", pNew, e, "Ajouter");
  page_end(req);
}

/* ROUTE: GET /accompagnement/partenaires agent */
void case_page_partners(Req *req)
{
  Partner p = {0};
  partners_render(req, &p, NULL);
}

/* ROUTE: POST /accompagnement/partenaires agent */
void case_post_partner_new(Req *req)
{
  Partner p;
  Err err = {0};
  KitErrors e = {0};
  int64_t id = 0;
  int rc = case_web_partner_read(req, &p, &e) ? ERR_INPUT
           : case_act_partner_save(req, &p, NULL, &id, &err);
  if (rc == ERR_INPUT) {
    kit_error_from(req, &e, &err);
    reply_status(req, 400);
    partners_render(req, &p, &e);
    return;
  }
  kit_redirect_or_err(req, rc, &err,
                      html_mprintf(req, "/accompagnement/partenaires/%lld",
                                   (long long)id));
}

/* One partner's page: contacts, the contact form, the edit form (pEdit as
** typed when refused, e its errors). */
static void partner_render(Req *req, const Partner *p, const Partner *pEdit,
                           const KitErrors *e)
{
  Err err = {0};
  PartnerContact *a;
  int n = 0;
  char zAction[96];
  case_contact_list(req_db(req), req_arena(req), p->id, &a, &n, &err);
  case_web_page_begin(req, html_mprintf(req, "Partenaire %h", p->zName),
                      "Partenaires", "/accompagnement/partenaires",
                      p->zName);
  html_printf(req, "<h1>%h</h1>\n", p->zName);
  kit_error_box(req, e);
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
  kit_input(req, e, "contact_nom", "Nom du contact", "text", "", NULL);
  kit_input(req, e, "contact_role", "Fonction", "text", "", NULL);
  kit_input(req, e, "contact_email", "Courriel", "email", "", NULL);
  kit_input(req, e, "contact_telephone", "Téléphone", "tel", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter le contact</button></div>\n");
  form_end(req);
  html_printf(req, "<h2>Modifier</h2>\n");
  snprintf(zAction, sizeof zAction, "/accompagnement/partenaires/%lld",
           (long long)p->id);
  partner_form(req, zAction, pEdit ? pEdit : p, e, "Enregistrer");
  page_end(req);
}

/* The partner of path argument {id}, or a 404 queued and -1. */
static int partner_or_404(Req *req, Partner *p)
{
  Err err = {0};
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return -1;
  if (case_partner_get(req_db(req), req_arena(req), id, p, &err)) {
    return reply_error(req, 404, "introuvable", "Partenaire introuvable.", NULL);
  }
  return 0;
}

/* ROUTE: GET /accompagnement/partenaires/{id} agent */
void case_page_partner(Req *req)
{
  Partner p;
  if (partner_or_404(req, &p)) return;
  partner_render(req, &p, NULL, NULL);
}

/* After a write on partner p: its page again with the refusal (400), the
** error, or back to its page. */
static void partner_after(Req *req, const Partner *p, const Partner *pEdit,
                          int rc, const Err *err, KitErrors *e)
{
  if (rc == ERR_INPUT) {
    kit_error_from(req, e, err);
    reply_status(req, 400);
    partner_render(req, p, pEdit, e);
  } else if (rc) {
    kit_reply_err(req, rc, err);
  } else {
    reply_redirect(req, html_mprintf(req, "/accompagnement/partenaires/%lld",
                                     (long long)p->id));
  }
}

/* ROUTE: POST /accompagnement/partenaires/{id} agent */
void case_post_partner_edit(Req *req)
{
  Partner old, p;
  Err err = {0};
  KitErrors e = {0};
  int64_t id = 0;
  if (partner_or_404(req, &old)) return;
  int rc = case_web_partner_read(req, &p, &e);
  p.id = old.id;
  rc = rc ? ERR_INPUT : case_act_partner_save(req, &p, &old, &id, &err);
  partner_after(req, &old, &p, rc, &err, &e);
}

/* ROUTE: POST /accompagnement/partenaires/{id}/contacts agent */
void case_post_contact(Req *req)
{
  Partner p;
  Err err = {0};
  KitErrors e = {0};
  if (partner_or_404(req, &p)) return;
  PartnerContact c = {0, p.id, kit_value(req, "contact_nom"),
                      kit_value(req, "contact_role"),
                      kit_value(req, "contact_email"),
                      kit_value(req, "contact_telephone")};
  int rc = case_act_contact(req, &c, &err);
  partner_after(req, &p, NULL, rc, &err, &e);
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

/* How fast each partner answers the sub-tasks handed to it (all periods). */
static void stats_partner_delays(Req *req)
{
  Err err = {0};
  CasePartnerDelay *a;
  int n = 0;
  if (case_partner_delays(req_db(req), req_arena(req), &a, &n, &err) ||
      n == 0) {
    return;
  }
  html_printf(req, "<h2 id=\"t-delais-partenaires\">Délais des partenaires"
                   "</h2>\n<div class=\"table-wrap\" tabindex=\"0\" "
                   "role=\"region\" aria-labelledby=\"t-delais-partenaires\">"
                   "<table>\n<caption>Du passage de relais au premier avis "
                   "(toutes périodes)</caption>\n<thead><tr><th scope=\"col\">"
                   "Partenaire</th><th scope=\"col\">Sous-tâches confiées</th>"
                   "<th scope=\"col\">Avis rendus</th><th scope=\"col\">Délai "
                   "médian</th><th scope=\"col\">90<sup>e</sup> centile</th>"
                   "</tr></thead><tbody>\n");
  for (int i = 0; i < n; i++) {
    if (a[i].nAnswered == 0) {
      html_printf(req, "<tr><th scope=\"row\">%h</th><td>%d</td><td>0</td>"
                       "<td>—</td><td>—</td></tr>\n",
                  a[i].zName, a[i].nHanded);
      continue;
    }
    html_printf(req, "<tr><th scope=\"row\">%h</th><td>%d</td><td>%d</td>"
                     "<td>%.1F j</td><td>%.1F j</td></tr>\n",
                a[i].zName, a[i].nHanded, a[i].nAnswered, a[i].median,
                a[i].p90);
  }
  html_printf(req, "</tbody></table></div>\n");
}

/* ROUTE: GET /accompagnement/statistiques lecteur */
void case_page_stats(Req *req)
{
  Err err = {0};
  CaseStats s;
  const char *zFrom = kit_query(req, "du");
  const char *zTo = kit_query(req, "au");
  if (!case_date_ok(zFrom)) zFrom = "";
  if (!case_date_ok(zTo)) zTo = "";
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
  case_web_page_begin(req, "Statistiques du guichet unique", NULL, NULL,
                      "Statistiques");
  html_printf(req, "<h1>Statistiques du guichet unique</h1>\n<form "
                   "method=\"get\" action=\"/accompagnement/statistiques\">"
                   "<div class=\"grid-2\">");
  kit_input(req, NULL, "du", "Demandes reçues du", "date", zFrom, NULL);
  kit_input(req, NULL, "au", "au", "date", zTo, NULL);
  html_printf(req, "</div><div class=\"form-actions\"><button type=\"submit\">"
                   "Afficher</button></div></form>\n<ul class=\"cards\">\n"
                   "<li class=\"card stat\"><span class=\"stat-value\" "
                   "id=\"nb-demandes\">%d</span> <span class=\"stat-label\">"
                   "demandes</span></li>\n", s.nDossier);
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
  stats_partner_delays(req);
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
  if (s.nSettledOutside > 0) {
    html_printf(req, "<p class=\"muted\">Hors territoire, non comptées : "
                     "%d installation%s dans une commune extérieure au "
                     "territoire de l'instance.</p>\n", s.nSettledOutside,
                s.nSettledOutside > 1 ? "s" : "" /*trusted*/);
  }
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
