/*
** portal/pages_edit.c: the back-office of events (with their registrants
** and CSV export) and of commune fiches.  Agents.  Records are read by
** fields.c and written by actions.c (each write audited in its
** transaction).
*/
#include <stdlib.h>
#include <string.h>

#include "portal/web_int.h"

static void edit_crumbs(Req *req, const char *zList, const char *zListHref,
                        const char *zHere)
{
  kit_breadcrumb(req, "Gestion du portail", "/portail/admin", zList,
                 zListHref, zHere, NULL, NULL);
}

/* GET /portail/admin/evenements: every event, past ones included.
** ROUTE: GET /portail/admin/evenements agent
*/
void portal_admin_events(Req *req)
{
  Err err = {0};
  PortalSettings set;
  PortalEvent *a;
  int n;
  if (portal_event_list(req_db(req), req_arena(req), NULL, 0, &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  if (!portal_frame_begin(req, "Rencontres — gestion", &set)) return;
  kit_breadcrumb(req, "Gestion du portail", "/portail/admin", "Rencontres",
                 NULL, NULL);
  html_printf(req, "<div class=\"page-header\"><h1>Rencontres</h1><a "
                   "class=\"btn\" href=\"/portail/admin/evenements/nouveau\">"
                   "Nouvelle rencontre</a></div>\n");
  static const char *const azHead[] = {"Date", "Rencontre", "Type",
                                       "#Inscrits", "Export", NULL};
  if (kit_list_begin(req, n, "Aucune rencontre pour l'instant.",
                     "table-stack", "Rencontres, par date", azHead)) {
    for (int i = 0; i < n; i++) {
      const char *zKind = portal_label(portal_event_kinds, a[i].zKind);
      html_printf(req, "<tr><td data-label=\"Date\">%h</td><th scope=\"row\">"
                       "<a href=\"/portail/admin/evenements/%lld\">%h</a>%s"
                       "</th><td data-label=\"Type\">%h</td><td class=\"num\" "
                       "data-label=\"Inscrits\">%d</td><td data-label=\""
                       "Export\"><a href=\"/portail/admin/evenements/%lld/"
                       "inscrits.csv\">CSV<span class=\"visually-hidden\"> des "
                       "inscrits à %h</span></a></td></tr>\n",
                  kit_date_fr(req, a[i].zDate), (long long)a[i].id,
                  a[i].zTitle,
                  a[i].isPublished ? "" /*trusted*/
                                   : " (non publiée)" /*trusted*/,
                  zKind ? zKind : "", a[i].nRegistered, (long long)a[i].id,
                  a[i].zTitle);
    }
    kit_list_end(req);
  }
  portal_frame_end(req);
}

/* The event editor (e->id 0: new), then for a saved event its
** registrants. */
static void event_form(Req *req, const PortalEvent *e, const KitErrors *pe)
{
  PortalSettings set;
  const char *zTitle = e->id ? "Modifier la rencontre" : "Nouvelle rencontre";
  if (!portal_frame_begin(req, zTitle, &set)) return;
  edit_crumbs(req, "Rencontres", "/portail/admin/evenements", zTitle);
  html_printf(req, "<h1>%h</h1>\n", zTitle);
  kit_error_box(req, pe);
  form_begin(req, e->id ? html_mprintf(req, "/portail/admin/evenements/%lld",
                                       (long long)e->id)
                        : "/portail/admin/evenements");
  kit_select(req, pe, "type", "Type", portal_options(req, portal_event_kinds),
             e->zKind, "— Choisissez —");
  kit_input_ex(req, pe, "titre", "Titre", "text", e->zTitle, NULL,
               "required");
  kit_input_ex(req, pe, "date", "Date", "date", e->zDate, "AAAA-MM-JJ",
               "required");
  kit_input_ex(req, pe, "heure", "Heure", "text", e->zTime,
               "HH:MM, par exemple 09:30 ; facultatif",
               "inputmode=\"numeric\" maxlength=\"5\"");
  kit_input(req, pe, "lieu", "Lieu", "text", e->zPlace, NULL);
  kit_input_ex(req, pe, "commune", "Commune (code INSEE)", "text",
               e->zCommune ? e->zCommune : "", "facultatif : la commune du "
               "territoire où elle a lieu, par exemple 41018",
               "inputmode=\"numeric\" maxlength=\"5\"");
  kit_input_ex(req, pe, "places", "Nombre de places", "number",
               html_mprintf(req, "%d", e->capacity), "0 pour illimité",
               "min=\"0\" step=\"1\"");
  kit_textarea(req, pe, "texte_md", "Présentation", e->zBodyMd,
               "En Markdown");
  kit_check(req, "publie", "Publiée sur le calendrier public",
            e->isPublished);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
  if (e->id) {
    PortalRegistration *a;
    int n;
    Err err = {0};
    if (portal_registration_list(req_db(req), req_arena(req), e->id, &a, &n,
                                 &err) == 0) {
      html_printf(req, "<h2 id=\"inscrits\">Inscrits (%d)</h2>\n", n);
      if (n == 0) {
        html_printf(req, "<p class=\"muted\">Aucun inscrit pour l'instant."
                         "</p>\n");
      } else {
        html_printf(req, "<p><a class=\"btn btn-secondary\" href=\"/portail/"
                         "admin/evenements/%lld/inscrits.csv\">Exporter les "
                         "inscrits (CSV)</a></p>\n<table class=\"table-stack\">"
                         "\n<caption>Inscrits à %h</caption>\n<thead><tr><th "
                         "scope=\"col\">Nom</th><th scope=\"col\">Adresse "
                         "électronique</th><th scope=\"col\">Profil</th><th "
                         "scope=\"col\">Inscrit le</th><th scope=\"col\">"
                         "Effacer</th></tr></thead>\n<tbody>"
                         "\n", (long long)e->id, e->zTitle);
        for (int i = 0; i < n; i++) {
          const char *zProfile = portal_label(portal_profiles, a[i].zProfile);
          html_printf(req, "<tr><th scope=\"row\">%h</th><td data-label=\""
                           "Adresse\">%h</td><td data-label=\"Profil\">%h"
                           "</td><td data-label=\"Inscrit le\">%h</td>"
                           "<td data-label=\"Effacer\">",
                      a[i].zName, a[i].zEmail, zProfile ? zProfile : "",
                      kit_date_fr(req, a[i].zCreatedAt));
          form_begin(req, html_mprintf(req, "/portail/admin/evenements/%lld/"
                                            "inscrits/%lld/supprimer",
                                       (long long)e->id, (long long)a[i].id));
          html_printf(req, "<button type=\"submit\" class=\"btn-small "
                           "btn-secondary\">Effacer<span class=\""
                           "visually-hidden\"> l'inscription de %h</span>"
                           "</button>\n", a[i].zName);
          form_end(req);
          html_printf(req, "</td></tr>\n");
        }
        html_printf(req, "</tbody>\n</table>\n");
      }
    }
    form_begin(req, html_mprintf(req, "/portail/admin/evenements/%lld/"
                                      "supprimer", (long long)e->id));
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\" "
                     "class=\"btn-danger\">Supprimer la rencontre et ses "
                     "inscriptions</button></div>\n");
    form_end(req);
  }
  portal_frame_end(req);
}

/* The editor of a new event (published by default), or of event {id}.
** ROUTE: GET /portail/admin/evenements/nouveau agent
** ROUTE: GET /portail/admin/evenements/{id} agent
*/
void portal_admin_event_edit(Req *req)
{
  PortalEvent e = {.zKind = "", .zTitle = "", .zDate = "", .zTime = "",
                   .zCommune = "", .zPlace = "", .zBodyMd = "",
                   .isPublished = 1};
  if (req_arg(req, "id") && !portal_event_or_404(req, &e)) return;
  event_form(req, &e, NULL);
}

/* POST /portail/admin/evenements (create) and …/{id} (update).  A new
** event, or a changed date, cannot be in the past.
** ROUTE: POST /portail/admin/evenements agent
** ROUTE: POST /portail/admin/evenements/{id} agent
*/
void portal_admin_post_event(Req *req)
{
  Err err = {0};
  KitErrors ke = {0};
  PortalEvent old = {0}, e;
  int hasOld = req_arg(req, "id") != NULL;
  if (hasOld && !portal_event_or_404(req, &old)) return;
  if (portal_read_event(req, hasOld ? &old : NULL, &e, &ke)) {
    reply_status(req, 400);
    event_form(req, &e, &ke);
    return;
  }
  int rc = portal_act_event_save(req, hasOld ? &old : NULL, &e, &err);
  kit_redirect_or_err(req, rc, &err, "/portail/admin/evenements");
}

/* ROUTE: POST /portail/admin/evenements/{id}/supprimer agent */
void portal_admin_post_event_delete(Req *req)
{
  Err err = {0};
  PortalEvent old;
  if (!portal_event_or_404(req, &old)) return;
  int rc = portal_act_event_delete(req, &old, &err);
  kit_redirect_or_err(req, rc, &err, "/portail/admin/evenements");
}

/* POST /portail/admin/evenements/{id}/inscrits/{rid}/supprimer: erase a
** registration (the person's right to erasure).
** ROUTE: POST /portail/admin/evenements/{id}/inscrits/{rid}/supprimer agent
*/
void portal_admin_post_registrant_delete(Req *req)
{
  Err err = {0};
  PortalEvent e;
  if (!portal_event_or_404(req, &e)) return;
  int64_t rid = kit_arg_id_or_404(req, "rid");
  if (!rid) return;
  int rc = portal_act_registration_erase(req, &e, rid, &err);
  if (!kit_found_or_reply(req, rc, &err, "Inscription introuvable.")) return;
  reply_redirect(req, html_mprintf(req, "/portail/admin/evenements/%lld"
                                        "#inscrits", (long long)e.id));
}

/* GET /portail/admin/evenements/{id}/inscrits.csv: through the one export
** writer (header first, formula-like names made inert, the event as
** provenance in the X-Provenance header).
** ROUTE: GET /portail/admin/evenements/{id}/inscrits.csv agent
*/
void portal_admin_registrants_csv(Req *req)
{
  Err err = {0};
  PortalEvent e;
  if (!portal_event_or_404(req, &e)) return;
  ExpTable *t = portal_registrants_table(req_db(req), req_arena(req), &e,
                                         &err);
  if (!t) {
    reply_incident(req, &err);
    return;
  }
  exp_reply(req, t, EXP_CSV, html_mprintf(req, "inscrits-evenement-%lld",
                                          (long long)e.id));
  exp_free(t);
}

/* ---- commune fiches ---------------------------------------------------- */

static void commune_form(Req *req, const PortalCommune *c, int isNew,
                         const KitErrors *pe)
{
  PortalSettings set;
  const char *zTitle = isNew ? "Nouvelle commune" : c->zName;
  if (!portal_frame_begin(req, zTitle, &set)) return;
  edit_crumbs(req, "Communes", "/portail/admin/communes", zTitle);
  html_printf(req, "<h1>%h</h1>\n", zTitle);
  kit_error_box(req, pe);
  form_begin(req, isNew ? "/portail/admin/communes"
                        : html_mprintf(req, "/portail/admin/communes/%u",
                                       c->zCode));
  if (isNew) {
    kit_input_ex(req, pe, "code", "Code INSEE", "text", c->zCode,
                 "5 caractères, par exemple 41018",
                 "required maxlength=\"5\"");
  }
  kit_input_ex(req, pe, "nom", "Nom", "text", c->zName, NULL, "required");
  kit_input(req, pe, "epci", "Intercommunalité (EPCI)", "text", c->zEpci,
            "Même écriture pour toutes ses communes");
  kit_textarea(req, pe, "texte_md", "Présentation pour les candidats",
               c->zBodyMd, "En Markdown : cadre de vie, écoles, équipe de "
               "soins…");
  kit_textarea(req, pe, "contact", "Contact", c->zContact, "Texte simple : "
               "personne, téléphone, adresse électronique");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
  if (!isNew) {
    html_printf(req, "<p><a href=\"/portail/communes/%u\">Voir la page "
                     "publique</a></p>\n", c->zCode);
    form_begin(req, html_mprintf(req, "/portail/admin/communes/%u/supprimer",
                                 c->zCode));
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\" "
                     "class=\"btn-danger\">Supprimer la fiche</button></div>\n");
    form_end(req);
  }
  portal_frame_end(req);
}

/* GET /portail/admin/communes: the fiches and the form for a new one.
** ROUTE: GET /portail/admin/communes agent
*/
void portal_admin_communes(Req *req)
{
  Err err = {0};
  PortalSettings set;
  PortalCommune *a;
  int n;
  if (req_query(req, "nouvelle")) {
    PortalCommune c = {"", "", "", "", ""};
    commune_form(req, &c, 1, NULL);
    return;
  }
  if (portal_commune_list(req_db(req), req_arena(req), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  if (!portal_frame_begin(req, "Communes — gestion", &set)) return;
  kit_breadcrumb(req, "Gestion du portail", "/portail/admin", "Communes",
                 NULL, NULL);
  html_printf(req, "<div class=\"page-header\"><h1>Communes présentées</h1>"
                   "<a class=\"btn\" href=\"/portail/admin/communes?nouvelle="
                   "1\">Nouvelle commune</a></div>\n");
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucune commune présentée pour "
                     "l'instant.</p>\n");
  }
  html_printf(req, "<ul>\n");
  for (int i = 0; i < n; i++) {
    html_printf(req, "<li><a href=\"/portail/admin/communes/%u\">%h (%h)</a>"
                     "</li>\n", a[i].zCode, a[i].zName, a[i].zCode);
  }
  html_printf(req, "</ul>\n");
  portal_frame_end(req);
}

/* The {code} fiche, or 0 with a 404 queued. */
static int admin_commune_or_404(Req *req, PortalCommune *c)
{
  Err err = {0};
  int rc = portal_commune_get(req_db(req), req_arena(req),
                              req_arg(req, "code"), c, &err);
  return kit_found_or_reply(req, rc, &err, "Commune inconnue.");
}

/* ROUTE: GET /portail/admin/communes/{code} agent */
void portal_admin_commune_edit(Req *req)
{
  PortalCommune c;
  if (!admin_commune_or_404(req, &c)) return;
  commune_form(req, &c, 0, NULL);
}

/* POST /portail/admin/communes (create) and …/{code} (update).
** ROUTE: POST /portail/admin/communes agent
** ROUTE: POST /portail/admin/communes/{code} agent
*/
void portal_admin_post_commune(Req *req)
{
  Err err = {0};
  KitErrors ke = {0};
  PortalCommune old = {0}, c;
  const char *zArg = req_arg(req, "code");
  int isNew = zArg == NULL;
  if (!isNew && !admin_commune_or_404(req, &old)) return;
  if (portal_read_commune(req, isNew ? NULL : old.zCode, &c, &ke)) {
    reply_status(req, 400);
    commune_form(req, &c, isNew, &ke);
    return;
  }
  int rc = portal_act_commune_save(req, isNew ? NULL : &old, &c, &err);
  kit_redirect_or_err(req, rc, &err, "/portail/admin/communes");
}

/* ROUTE: POST /portail/admin/communes/{code}/supprimer agent */
void portal_admin_post_commune_delete(Req *req)
{
  Err err = {0};
  PortalCommune old;
  if (!admin_commune_or_404(req, &old)) return;
  int rc = portal_act_commune_delete(req, &old, &err);
  kit_redirect_or_err(req, rc, &err, "/portail/admin/communes");
}
