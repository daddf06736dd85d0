/*
** portal/pages_edit.c: the back-office of events (with their registrants
** and CSV export) and of commune fiches.  Agents; every write audited in
** the write's transaction.
*/
#include <stdlib.h>
#include <string.h>

#include "portal/web_int.h"

static void edit_crumbs(Req *req, const char *zList, const char *zListHref,
                        const char *zHere)
{
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/portail/admin\">Gestion du portail</a>"
                   "</li><li><a href=\"%h\">%h</a></li><li aria-current="
                   "\"page\">%h</li></ol></nav>\n", zListHref, zList, zHere);
}

/* GET /portail/admin/evenements: every event, past ones included. */
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
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/portail/admin\">Gestion du portail</a>"
                   "</li><li aria-current=\"page\">Rencontres</li></ol></nav>"
                   "\n<div class=\"page-header\"><h1>Rencontres</h1><a "
                   "class=\"btn\" href=\"/portail/admin/evenements/nouveau\">"
                   "Nouvelle rencontre</a></div>\n");
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucune rencontre pour l'instant.</p>"
                     "\n");
  } else {
    html_printf(req, "<table class=\"table-stack\">\n<caption>Rencontres, par "
                     "date</caption>\n<thead><tr><th scope=\"col\">Date</th>"
                     "<th scope=\"col\">Rencontre</th><th scope=\"col\">Type"
                     "</th><th scope=\"col\" class=\"num\">Inscrits</th>"
                     "<th scope=\"col\">Export</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) {
      const char *zKind = portal_label(portal_event_kinds, a[i].zKind);
      html_printf(req, "<tr><td data-label=\"Date\">%h</td><th scope=\"row\">"
                       "<a href=\"/portail/admin/evenements/%lld\">%h</a>%s"
                       "</th><td data-label=\"Type\">%h</td><td class=\"num\" "
                       "data-label=\"Inscrits\">%d</td><td data-label=\""
                       "Export\"><a href=\"/portail/admin/evenements/%lld/"
                       "inscrits.csv\">CSV<span class=\"visually-hidden\"> des "
                       "inscrits à %h</span></a></td></tr>\n",
                  a[i].zDate, (long long)a[i].id, a[i].zTitle,
                  a[i].isPublished ? "" /*trusted*/
                                   : " (non publiée)" /*trusted*/,
                  zKind ? zKind : "", a[i].nRegistered, (long long)a[i].id,
                  a[i].zTitle);
    }
    html_printf(req, "</tbody>\n</table>\n");
  }
  portal_frame_end(req);
}

/* The event editor (e->id 0: new), then for a saved event its
** registrants. */
static void event_form(Req *req, const PortalEvent *e, const PortalErrors *pe)
{
  PortalSettings set;
  const char *zTitle = e->id ? "Modifier la rencontre" : "Nouvelle rencontre";
  if (!portal_frame_begin(req, zTitle, &set)) return;
  edit_crumbs(req, "Rencontres", "/portail/admin/evenements", zTitle);
  html_printf(req, "<h1>%h</h1>\n", zTitle);
  portal_error_summary(req, pe);
  form_begin(req, e->id ? html_mprintf(req, "/portail/admin/evenements/%lld",
                                       (long long)e->id)
                        : "/portail/admin/evenements");
  portal_select(req, "kind", "Type", portal_event_kinds, e->zKind,
                "— Choisissez —", pe);
  portal_input(req, "title", "Titre", NULL, "text", e->zTitle, pe,
               "required");
  portal_input(req, "date", "Date", "AAAA-MM-JJ", "date", e->zDate, pe,
               "required");
  portal_input(req, "time", "Heure", "HH:MM, par exemple 09:30 ; "
               "facultatif", "text", e->zTime, pe,
               "inputmode=\"numeric\" maxlength=\"5\"");
  portal_input(req, "place", "Lieu", NULL, "text", e->zPlace, pe, NULL);
  portal_input(req, "capacity", "Nombre de places", "0 pour illimité",
               "number", html_mprintf(req, "%d", e->capacity), pe,
               "min=\"0\" step=\"1\"");
  portal_textarea(req, "body_md", "Présentation", "En Markdown", e->zBodyMd,
                  8, pe);
  html_printf(req, "<div class=\"field\"><label class=\"check\" "
                   "for=\"f-published\"><input type=\"checkbox\" "
                   "id=\"f-published\" name=\"published\" value=\"1\"%s>"
                   "<span>Publiée sur le calendrier public</span></label>"
                   "</div>\n",
              e->isPublished ? " checked" /*trusted*/ : "" /*trusted*/);
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
                      a[i].zCreatedAt);
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

void portal_admin_event_new(Req *req)
{
  PortalEvent e = {.zKind = "", .zTitle = "", .zDate = "", .zTime = "",
                   .zPlace = "", .zBodyMd = "", .isPublished = 1};
  event_form(req, &e, NULL);
}

/* The {id} event for the back-office, or 0 with a 404 queued. */
static int admin_event_or_404(Req *req, PortalEvent *e)
{
  Err err = {0};
  int64_t id = portal_id_or_404(req, "id", "Événement introuvable.");
  if (!id) return 0;
  int rc = portal_event_get(req_db(req), req_arena(req), id, e, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return 0;
  }
  return 1;
}

void portal_admin_event_edit(Req *req)
{
  PortalEvent e;
  if (!admin_event_or_404(req, &e)) return;
  event_form(req, &e, NULL);
}

/* POST /portail/admin/evenements (create) and …/{id} (update).  A new
** event, or a changed date, cannot be in the past. */
void portal_admin_post_event(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  PortalErrors pe = {0};
  PortalEvent old = {0};
  char zToday[11];
  long nCap = 0;
  if (req_arg(req, "id") && !admin_event_or_404(req, &old)) return;
  PortalEvent e = {
    .id = old.id, .zKind = portal_form(req, "kind"),
    .zTitle = portal_form(req, "title"), .zDate = portal_form(req, "date"),
    .zTime = portal_form(req, "time"), .zPlace = portal_form(req, "place"),
    .zBodyMd = req_form(req, "body_md"),
    .isPublished = strcmp(portal_form(req, "published"), "1") == 0,
  };
  if (!e.zBodyMd) e.zBodyMd = "";
  const char *zCap = portal_form(req, "capacity");
  if (zCap[0] && (str_to_long(zCap, &nCap) || nCap < 0 || nCap > 100000)) {
    portal_error_add(&pe, "capacity", "nombre de places invalide : un "
                     "entier positif, 0 pour illimité");
  }
  e.capacity = (int)nCap;
  int isDateChanged = !old.id || strcmp(old.zDate, e.zDate) != 0;
  portal_event_check(&e, isDateChanged ? portal_today(zToday) : NULL, &pe);
  if (pe.n) {
    reply_status(req, 400);
    event_form(req, &e, &pe);
    return;
  }
  int rc = store_begin(db, &err);
  if (!rc) rc = portal_event_save(db, &e, &err);
  if (!rc) {
    json_t *pBefore = old.id ? portal_event_json(&old) : NULL;
    json_t *pAfter = portal_event_json(&e);
    rc = audit_log(req, "portal_event", e.id, old.id ? "update" : "create",
                   pBefore, pAfter, &err);
    json_decref(pBefore);
    json_decref(pAfter);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  reply_redirect(req, "/portail/admin/evenements");
}

void portal_admin_post_event_delete(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  PortalEvent old;
  if (!admin_event_or_404(req, &old)) return;
  int rc = store_begin(db, &err);
  if (!rc) rc = portal_event_delete(db, old.id, &err);
  if (!rc) {
    json_t *pBefore = portal_event_json(&old);
    rc = audit_log(req, "portal_event", old.id, "delete", pBefore, NULL, &err);
    json_decref(pBefore);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  reply_redirect(req, "/portail/admin/evenements");
}

/* POST /portail/admin/evenements/{id}/inscrits/{rid}/supprimer: erase a
** registration (the person's right to erasure).  The audit entry keeps
** the ids only, never the erased name or address. */
void portal_admin_post_registrant_delete(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  PortalEvent e;
  long rid = 0;
  if (!admin_event_or_404(req, &e)) return;
  if (str_to_long(req_arg(req, "rid"), &rid) || rid <= 0) {
    reply_error(req, 404, "introuvable", "Inscription introuvable.", NULL);
    return;
  }
  int rc = store_begin(db, &err);
  if (!rc) rc = portal_registration_delete(db, e.id, rid, &err);
  if (!rc) {
    json_t *pBefore = json_pack("{s:I}", "event_id", (json_int_t)e.id);
    rc = audit_log(req, "portal_registration", rid, "erase", pBefore, NULL,
                   &err);
    json_decref(pBefore);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/portail/admin/evenements/%lld"
                                        "#inscrits", (long long)e.id));
}

/* GET /portail/admin/evenements/{id}/inscrits.csv: ';', UTF-8 with BOM,
** as French spreadsheets expect.  The bytes live in the request arena. */
void portal_admin_registrants_csv(Req *req)
{
  Err err = {0};
  PortalEvent e;
  Str out = STR_INIT;
  if (!admin_event_or_404(req, &e)) return;
  if (portal_registrations_csv(req_db(req), req_arena(req), &e, &out, &err)) {
    str_free(&out);
    reply_incident(req, &err);
    return;
  }
  char *z = arena_strndup(req_arena(req), str_text(&out), out.n);
  size_t n = out.n;
  str_free(&out);
  reply_bytes(req, 200, "text/csv; charset=utf-8", z, n,
              html_mprintf(req, "inscrits-evenement-%lld.csv",
                           (long long)e.id));
}

/* ---- commune fiches ---------------------------------------------------- */

/* The audit entry's id of a fiche: the INSEE code when it is all digits
** (Corsica's 2A/2B codes get 0; the code is in the JSON either way). */
static int64_t commune_audit_id(const char *zCode)
{
  return strspn(zCode, "0123456789") == 5 ? atoll(zCode) : 0;
}

static void commune_form(Req *req, const PortalCommune *c, int isNew,
                         const PortalErrors *pe)
{
  PortalSettings set;
  const char *zTitle = isNew ? "Nouvelle commune" : c->zName;
  if (!portal_frame_begin(req, zTitle, &set)) return;
  edit_crumbs(req, "Communes", "/portail/admin/communes", zTitle);
  html_printf(req, "<h1>%h</h1>\n", zTitle);
  portal_error_summary(req, pe);
  form_begin(req, isNew ? "/portail/admin/communes"
                        : html_mprintf(req, "/portail/admin/communes/%u",
                                       c->zCode));
  if (isNew) {
    portal_input(req, "code", "Code INSEE", "5 caractères, par exemple 41018",
                 "text", c->zCode, pe, "required maxlength=\"5\"");
  }
  portal_input(req, "name", "Nom", NULL, "text", c->zName, pe, "required");
  portal_input(req, "epci", "Intercommunalité (EPCI)", "Même écriture pour "
               "toutes ses communes", "text", c->zEpci, pe, NULL);
  portal_textarea(req, "body_md", "Présentation pour les candidats",
                  "En Markdown : cadre de vie, écoles, équipe de soins…",
                  c->zBodyMd, 8, pe);
  portal_textarea(req, "contact", "Contact", "Texte simple : personne, "
                  "téléphone, adresse électronique", c->zContact, 3, pe);
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

/* GET /portail/admin/communes: the fiches and the form for a new one. */
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
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/portail/admin\">Gestion du portail</a>"
                   "</li><li aria-current=\"page\">Communes</li></ol></nav>\n"
                   "<div class=\"page-header\"><h1>Communes présentées</h1>"
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

void portal_admin_commune_edit(Req *req)
{
  Err err = {0};
  PortalCommune c;
  int rc = portal_commune_get(req_db(req), req_arena(req),
                              req_arg(req, "code"), &c, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  commune_form(req, &c, 0, NULL);
}

/* POST /portail/admin/communes (create) and …/{code} (update). */
void portal_admin_post_commune(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  PortalErrors pe = {0};
  PortalCommune old = {0};
  const char *zArg = req_arg(req, "code");
  int isNew = zArg == NULL;
  if (!isNew) {
    int rc = portal_commune_get(db, req_arena(req), zArg, &old, &err);
    if (rc) {
      portal_reply_failure(req, rc, &err);
      return;
    }
  }
  PortalCommune c = {
    .zCode = isNew ? portal_form(req, "code") : zArg,
    .zName = portal_form(req, "name"), .zEpci = portal_form(req, "epci"),
    .zBodyMd = portal_form(req, "body_md"),
    .zContact = portal_form(req, "contact"),
  };
  if (isNew && portal_check_insee(c.zCode, &err) == 0) {
    PortalCommune dup;
    if (portal_commune_get(db, req_arena(req), c.zCode, &dup, &err) == 0) {
      portal_error_add(&pe, "code", "cette commune a déjà une fiche");
    }
    err_clear(&err);
  }
  if (portal_commune_check(&c, &pe)) {
    reply_status(req, 400);
    commune_form(req, &c, isNew, &pe);
    return;
  }
  int rc = store_begin(db, &err);
  if (!rc) rc = portal_commune_save(db, &c, &err);
  if (!rc) {
    json_t *pBefore = isNew ? NULL : portal_commune_json(&old);
    json_t *pAfter = portal_commune_json(&c);
    rc = audit_log(req, "portal_commune", commune_audit_id(c.zCode), isNew ? "create"
                   : "update", pBefore, pAfter, &err);
    json_decref(pBefore);
    json_decref(pAfter);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  reply_redirect(req, "/portail/admin/communes");
}

void portal_admin_post_commune_delete(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  PortalCommune old;
  int rc = portal_commune_get(db, req_arena(req), req_arg(req, "code"), &old,
                              &err);
  if (!rc) rc = store_begin(db, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  rc = portal_commune_delete(db, old.zCode, &err);
  if (!rc) {
    json_t *pBefore = portal_commune_json(&old);
    rc = audit_log(req, "portal_commune", commune_audit_id(old.zCode), "delete", pBefore,
                   NULL, &err);
    json_decref(pBefore);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) {
    portal_reply_failure(req, rc, &err);
    return;
  }
  reply_redirect(req, "/portail/admin/communes");
}
