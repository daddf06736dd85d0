/*
** portal/pages.c: the public portal (no account): home, content pages,
** events calendar and registration, commune and EPCI pages for candidates.
**
** Figures come from the other modules through feeds.c; when a module is
** not there yet the page says so plainly rather than show a placeholder
** figure.  Links to other modules' pages are shown only when this build
** serves them.  The widget lives in widget.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/log.h"
#include "portal/web_int.h"
#include "territory/lookup.h"

/* A card leading to zHref. */
static void home_card(Req *req, const char *zHref, const char *zTitle,
                      const char *zText)
{
  html_printf(req, "<li class=\"card card-link\">\n<h3 class=\"card-title\">"
                   "<a href=\"%h\">%h</a></h3>\n<p>%h</p>\n</li>\n",
              zHref, zTitle, zText);
}

/* One event as a card: date, kind, title linking to its page, place. */
static void event_card(Req *req, const PortalEvent *e)
{
  char zDate[48];
  const char *zKind = portal_label(portal_event_kinds, e->zKind);
  portal_date_label(e->zDate, zDate, sizeof zDate);
  html_printf(req, "<li class=\"card card-link\">\n"
                   "<p class=\"card-meta\"><time datetime=\"%h\">%h</time>%s%h"
                   "</p>\n<h3 class=\"card-title\"><a href=\"/portail/"
                   "evenements/%lld\">%h</a></h3>\n",
              e->zDate, zDate, e->zTime[0] ? " à " /*trusted*/ : "" /*trusted*/,
              e->zTime, (long long)e->id, e->zTitle);
  html_printf(req, "<p>%h%s%h</p>\n</li>\n", zKind ? zKind : "",
              e->zPlace[0] ? " — " /*trusted*/ : "" /*trusted*/, e->zPlace);
}

/* The offers of the home page, in the order of a candidate's path. */
static const struct {
  const char *zHref, *zTitle, *zText;
} aCard[] = {
  {"/centres/postes", "Postes salariés", "Les postes de médecin ouverts "
   "dans les centres de santé du territoire."},
  {"/stages/offres", "Stages et logement", "Les terrains de stage pour les "
   "internes, avec l'hébergement proposé."},
  {"/aides/simulateur", "Simulateur des aides", "Les aides à l'installation "
   "auxquelles vous avez droit, et celles qui se cumulent."},
  {"/demande", "Demander un accompagnement", "Un chargé de mission vous "
   "aide : installation, logement, emploi du conjoint, écoles."},
  {"/portail/communes", "Les communes", "Chaque commune qui vous attend : "
   "accès aux soins, aides, contacts."},
  {"/portail/evenements", "Rencontres", "Salons, congrès, journées portes "
   "ouvertes : venez nous rencontrer."},
};

/* Open salaried posts and placements with housing, from the centres and
** placements modules: what is open now, or plainly that nothing is. */
static void home_offers(Req *req)
{
  PortalJob *aJ;
  PortalStages st;
  int nJ = portal_feed_jobs(req_db(req), req_arena(req), &aJ);
  portal_feed_stages(req_db(req), req_arena(req), &st);
  html_printf(req, "<div class=\"grid-2\">\n<section aria-labelledby=\"postes\">"
                   "\n<h2 id=\"postes\">Postes salariés ouverts</h2>\n");
  if (nJ == 0) {
    html_printf(req, "<p class=\"muted\">Aucun poste salarié n'est ouvert "
                     "dans les centres de santé pour l'instant.</p>\n");
  } else {
    html_printf(req, "<p><strong>%d</strong> poste%s ouvert%s dans les centres "
                     "de santé :</p>\n<ul>\n", nJ, nJ > 1 ? "s" : "" /*trusted*/,
                nJ > 1 ? "s" : "" /*trusted*/);
    for (int i = 0; i < nJ && i < 4; i++) {
      html_printf(req, "<li><strong>%h</strong> — %h, %h (%h)</li>\n",
                  aJ[i].zTitle, aJ[i].zCentre, aJ[i].zWhere, aJ[i].zFte);
    }
    html_printf(req, "</ul>\n");
  }
  if (portal_feed_has_route("/centres/postes")) {
    html_printf(req, "<p><a href=\"/centres/postes\">Tous les postes et "
                     "comment candidater</a></p>\n");
  }
  html_printf(req, "</section>\n<section aria-labelledby=\"stages\">\n"
                   "<h2 id=\"stages\">Stages et logement</h2>\n");
  if (st.nPlace == 0) {
    html_printf(req, "<p class=\"muted\">Aucune place de stage n'est ouverte "
                     "pour ce semestre ni le suivant.</p>\n");
  } else {
    html_printf(req, "<p><strong>%d</strong> place%s de stage ouverte%s dans "
                     "%d structure%s (%h).</p>\n", st.nPlace,
                st.nPlace > 1 ? "s" : "" /*trusted*/, st.nPlace > 1 ? "s" : "" /*trusted*/,
                st.nStructure, st.nStructure > 1 ? "s" : "" /*trusted*/, st.zSemester);
  }
  if (st.nRoom == 0) {
    html_printf(req, "<p class=\"muted\">Aucun logement pour stagiaires "
                     "n'est enregistré.</p>\n");
  } else {
    html_printf(req, "<p><strong>%d</strong> chambre%s sur %d libre%s pour "
                     "les stagiaires le semestre prochain.</p>\n",
                st.nRoomFree, st.nRoomFree > 1 ? "s" : "" /*trusted*/, st.nRoom,
                st.nRoomFree > 1 ? "s" : "" /*trusted*/);
  }
  if (portal_feed_has_route("/stages/offres")) {
    html_printf(req, "<p><a href=\"/stages/offres\">Les terrains de stage et "
                     "l'hébergement</a></p>\n");
  }
  html_printf(req, "</section>\n</div>\n");
}

/* GET /portail: the front door for candidates.
** ROUTE: GET /portail public
*/
void portal_page_home(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  PortalSettings set;
  PortalEvent *aEv;
  PortalPage *aPage;
  PortalFigure *aFig;
  int nEv, nPage, nFig;
  if (portal_home_lists(req, &aEv, &nEv, &aPage, &nPage)) return;
  if (!portal_frame_begin(req, "Portail des professionnels de santé", &set)) {
    return;
  }
  const char *zWhy;
  TerrScope scope;
  portal_scope(db, a, &scope);
  nFig = portal_feed_figures(db, a, &scope, &aFig, &zWhy);
  html_printf(req, "<div class=\"hero\">\n");
  if (set.zLogoUrl[0]) {
    html_printf(req, "<p><img src=\"%h\" alt=\"%h\" height=\"64\" "
                     "style=\"max-height:64px;width:auto\"></p>\n",
                set.zLogoUrl, set.zName);
  }
  html_printf(req,
      "<p class=\"eyebrow\">%h</p>\n<h1>%h</h1>\n<p class=\"lead\">%h</p>\n"
      "<p class=\"hero-actions\">",
      set.zName, set.zTagline[0] ? set.zTagline : set.zName, set.zIntro);
  if (portal_feed_has_route("/demande")) {
    html_printf(req, "<a class=\"btn\" href=\"/demande\">Demander un "
                     "accompagnement</a>");
  } else {
    html_printf(req, "<a class=\"btn\" href=\"#contact\">Nous contacter</a>");
  }
  if (portal_feed_has_route("/aides/simulateur")) {
    html_printf(req, "<a class=\"btn btn-secondary\" href=\"/aides/"
                     "simulateur\">Simuler mes aides</a>");
  } else {
    html_printf(req, "<a class=\"btn btn-secondary\" href=\"/portail/"
                     "evenements\">Nous rencontrer</a>");
  }
  html_printf(req, "</p>\n</div>\n");

  html_printf(req, "<div class=\"grid-2\">\n<section aria-labelledby=\"pq\">"
                   "\n<h2 id=\"pq\">Pourquoi venir exercer ici ?</h2>\n"
                   "<div class=\"prose\">%s</div>\n</section>\n",
              md_to_html(a, set.zWhyMd) /*trusted*/);
  html_printf(req, "<section aria-labelledby=\"chiffres\">\n"
                   "<h2 id=\"chiffres\">Chiffres clés</h2>\n");
  if (nFig == 0) {
    html_printf(req, "<p class=\"muted\">%h</p>\n", zWhy);
  } else {
    html_printf(req, "<ul class=\"cards\">\n");
    for (int i = 0; i < nFig; i++) {
      html_printf(req, "<li class=\"card stat\"><span class=\"stat-value\">"
                       "%h</span><span class=\"stat-label\">%h</span>"
                       "<span class=\"card-meta\">%h</span></li>\n",
                  aFig[i].zValue, aFig[i].zLabel, aFig[i].zSource);
    }
    html_printf(req, "</ul>\n");
  }
  html_printf(req, "</section>\n</div>\n");

  home_offers(req);
  html_printf(req, "<section aria-labelledby=\"offres\">\n"
                   "<h2 id=\"offres\">Ce que le territoire vous propose</h2>\n"
                   "<ul class=\"cards\">\n");
  /* what the candidate can use now as cards; what is announced in one
  ** line, so that a phone reaches the events without scrolling past it */
  int nSoon = 0;
  for (size_t i = 0; i < sizeof aCard / sizeof aCard[0]; i++) {
    if (portal_feed_has_route(aCard[i].zHref)) {
      home_card(req, aCard[i].zHref, aCard[i].zTitle, aCard[i].zText);
    } else {
      nSoon++;
    }
  }
  html_printf(req, "</ul>\n");
  for (size_t i = 0, k = 0; i < sizeof aCard / sizeof aCard[0]; i++) {
    if (portal_feed_has_route(aCard[i].zHref)) continue;
    int isFirst = k == 0, isLast = ++k == (size_t)nSoon;
    html_printf(req, "%s%h%s", isFirst ? "<p class=\"muted\">Bientôt sur ce "
                "portail : " /*trusted*/ : ", " /*trusted*/, aCard[i].zTitle,
                isLast ? ".</p>\n" /*trusted*/ : "" /*trusted*/);
  }
  html_printf(req, "</section>\n");

  html_printf(req, "<section aria-labelledby=\"agenda\">\n<h2 id=\"agenda\">"
                   "Prochaines rencontres</h2>\n");
  if (nEv == 0) {
    html_printf(req, "<p class=\"muted\">Aucune rencontre n'est prévue pour "
                     "l'instant.</p>\n");
  } else {
    html_printf(req, "<ul class=\"cards\">\n");
    for (int i = 0; i < nEv && i < 3; i++) event_card(req, &aEv[i]);
    html_printf(req, "</ul>\n<p><a href=\"/portail/evenements\">Tout le "
                     "calendrier</a></p>\n");
  }
  html_printf(req, "</section>\n");

  html_printf(req, "<div class=\"grid-2\">\n");
  if (nPage > 0) {
    html_printf(req, "<section aria-labelledby=\"lire\">\n<h2 id=\"lire\">"
                     "À lire</h2>\n<ul>\n");
    for (int i = 0; i < nPage; i++) {
      html_printf(req, "<li><a href=\"/portail/pages/%u\">%h</a></li>\n",
                  aPage[i].zSlug, aPage[i].zTitle);
    }
    html_printf(req, "</ul>\n</section>\n");
  }
  html_printf(req, "<section aria-labelledby=\"contact\">\n"
                   "<h2 id=\"contact\">Nous contacter</h2>\n");
  if (!portal_is_placeholder(set.zContact)) {
    html_printf(req, "<p>%h</p>\n", set.zContact);
  }
  portal_cta_demande(req, NULL, NULL, NULL);
  html_printf(req, "</section>\n</div>\n");
  portal_frame_end(req);
}

/* GET /portail/pages/{slug}: a published page; agents also see drafts,
** with a banner, to review them before publishing.
** ROUTE: GET /portail/pages/{slug} public
*/
void portal_page_content(Req *req)
{
  Err err = {0};
  PortalPage pg;
  PortalSettings set;
  int rc = portal_page_by_slug(req_db(req), req_arena(req),
                               req_arg(req, "slug"), &pg, &err);
  int isAgent = req_role(req) >= ROLE_AGENT;
  if (rc == 0 && !pg.isPublished && !isAgent) rc = ERR_NOTFOUND;
  if (!kit_found_or_reply(req, rc, &err, "Page introuvable.")) return;
  if (!portal_frame_begin(req, pg.zTitle, &set)) return;
  kit_breadcrumb(req, set.zName, "/portail", pg.zTitle, NULL, NULL);
  if (!pg.isPublished) {
    html_printf(req, "<div class=\"alert alert-warning\" role=\"note\"><p>"
                     "Brouillon : cette page n'est visible que de l'équipe. "
                     "<a href=\"/portail/admin/pages/%lld\">Modifier</a></p>"
                     "</div>\n", (long long)pg.id);
  }
  html_printf(req, "<article class=\"prose\">\n<h1>%h</h1>\n%s</article>\n",
              pg.zTitle, md_to_html(req_arena(req), pg.zBodyMd)
              /*trusted*/);
  portal_frame_end(req);
}

/* GET /portail/evenements: the public calendar, by month.
** ROUTE: GET /portail/evenements public
*/
void portal_page_events(Req *req)
{
  PortalSettings set;
  PortalEvent *aEv;
  int nEv;
  if (portal_upcoming_events(req, &aEv, &nEv)) return;
  if (!portal_frame_begin(req, "Rencontres", &set)) return;
  kit_breadcrumb(req, set.zName, "/portail", "Rencontres", NULL, NULL);
  html_printf(req, "<h1>Rencontres</h1>\n<p class=\"lead\">Salons de "
                   "l'emploi, congrès, journées portes ouvertes et rencontres "
                   "avec les lycéens : venez nous voir, inscrivez-vous en "
                   "ligne.</p>\n");
  if (nEv == 0) {
    html_printf(req, "<p class=\"muted\">Aucune rencontre n'est prévue pour "
                     "l'instant. Revenez bientôt, ou <a href=\"/demande\">"
                     "demandez un accompagnement</a>.</p>\n");
  }
  char zMonth[8] = "";
  for (int i = 0; i < nEv; i++) {
    if (strncmp(zMonth, aEv[i].zDate, 7) != 0) {
      static const char *const azMonth[] = {"janvier", "février", "mars",
          "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"};
      int m = (aEv[i].zDate[5] - '0') * 10 + (aEv[i].zDate[6] - '0');
      if (zMonth[0]) html_printf(req, "</ul>\n</section>\n");
      snprintf(zMonth, sizeof zMonth, "%.7s", aEv[i].zDate);
      html_printf(req, "<section aria-labelledby=\"m-%h\">\n<h2 id=\"m-%h\">"
                       "%h %d</h2>\n<ul class=\"cards\">\n", zMonth, zMonth,
                  m >= 1 && m <= 12 ? azMonth[m - 1] : "?",
                  atoi(aEv[i].zDate));
    }
    event_card(req, &aEv[i]);
  }
  if (zMonth[0]) html_printf(req, "</ul>\n</section>\n");
  portal_frame_end(req);
}

/* The event page, with the registration form (r: what was typed, pe: its
** errors, zRefusal: why the event refused it) or, after a registration,
** the confirmation. */
static void event_render(Req *req, const PortalEvent *e,
                         const PortalRegistration *r, const KitErrors *pe,
                         const char *zRefusal)
{
  PortalSettings set;
  char zDate[48], zToday[11];
  const char *zKind = portal_label(portal_event_kinds, e->zKind);
  int isPast = strcmp(e->zDate, portal_today(zToday)) < 0;
  int isFull = e->capacity > 0 && e->nRegistered >= e->capacity;
  int isDone = req_query(req, "inscription") != NULL;
  portal_date_label(e->zDate, zDate, sizeof zDate);
  if (!portal_frame_begin(req, e->zTitle, &set)) return;
  kit_breadcrumb(req, set.zName, "/portail", "Rencontres",
                 "/portail/evenements", e->zTitle, NULL, NULL);
  html_printf(req, "<p class=\"eyebrow\">%h</p>\n<h1>%h</h1>\n",
              zKind ? zKind : "", e->zTitle);
  html_printf(req, "<dl class=\"facts\">\n<dt>Date</dt><dd><time datetime="
                   "\"%h\">%h</time>%s%h</dd>\n", e->zDate, zDate,
              e->zTime[0] ? " à " /*trusted*/ : "" /*trusted*/, e->zTime);
  if (e->zPlace[0]) html_printf(req, "<dt>Lieu</dt><dd>%h</dd>\n", e->zPlace);
  if (e->zCommune && e->zCommune[0]) {
    LkPlace c;
    Err errC = {0};
    int isKnown = lookup_place(req_db(req), req_arena(req), LK_COMMUNE,
                               e->zCommune, &c, &errC) == 0;
    TerrScope scope;
    portal_scope(req_db(req), req_arena(req), &scope);
    int isOutside = !portal_scope_has_commune(req_db(req), &scope,
                                              e->zCommune);
    html_printf(req, "<dt>Commune</dt><dd><a href=\"/portail/communes/%u\">"
                     "%h</a>%s</dd>\n", e->zCommune,
                isKnown ? c.zName : e->zCommune,
                isOutside ? " <span class=\"badge badge-neutre\">hors "
                            "territoire</span>" /*trusted*/ : "" /*trusted*/);
  }
  if (e->capacity > 0) {
    html_printf(req, "<dt>Places</dt><dd>%d sur %d encore libres</dd>\n",
                isFull ? 0 : e->capacity - e->nRegistered, e->capacity);
  }
  html_printf(req, "</dl>\n<div class=\"prose\">%s</div>\n",
              md_to_html(req_arena(req), e->zBodyMd) /*trusted*/);
  if (!isPast) {
    html_printf(req, "<p><a href=\"/portail/evenements/%lld/agenda.ics\">"
                     "Ajouter à mon agenda<span class=\"visually-hidden\"> : "
                     "%h</span></a> <span class=\"small muted\">(fichier "
                     ".ics)</span></p>\n", (long long)e->id, e->zTitle);
  }
  html_printf(req, "<section aria-labelledby=\"inscription\">\n"
                   "<h2 id=\"inscription\">Inscription</h2>\n");
  if (isDone && !pe) {
    html_printf(req, "<div class=\"alert alert-success\" role=\"status\">\n"
                     "<p class=\"alert-title\">Votre inscription est "
                     "enregistrée.</p>\n<p>Nous vous attendons. Vous "
                     "envisagez de vous installer ? Un chargé de mission peut "
                     "vous accompagner dès maintenant.</p>\n");
    portal_cta_demande(req, NULL, NULL, NULL);
    html_printf(req, "</div>\n");
  } else if (isPast) {
    html_printf(req, "<p class=\"alert alert-info\">Cet événement est passé : "
                     "les inscriptions sont closes.</p>\n");
  } else if (isFull) {
    html_printf(req, "<p class=\"alert alert-info\">Cet événement est "
                     "complet.</p>\n");
  } else {
    if (zRefusal) {
      html_printf(req, "<div class=\"alert alert-error\" role=\"alert\">"
                       "<p>%h</p></div>\n", zRefusal);
    }
    kit_error_box(req, pe);
    form_begin(req, html_mprintf(req, "/portail/evenements/%lld/inscription",
                                 (long long)e->id));
    kit_input_ex(req, pe, "nom", "Prénom et nom", "text",
                 r ? r->zName : "", NULL, "autocomplete=\"name\" required");
    kit_input_ex(req, pe, "courriel", "Adresse électronique", "email",
                 r ? r->zEmail : "", "Pour vous confirmer l'inscription, par "
                 "exemple prenom.nom@exemple.fr",
                 "autocomplete=\"email\" required");
    kit_select(req, pe, "profil", "Vous êtes",
               portal_options(req, portal_profiles), r ? r->zProfile : "",
               "— Choisissez —");
    /* the consent box: the kit's checkbox has no error beside it */
    const char *zConsentErr = kit_error_of(pe, "consentement");
    html_printf(req, "<div class=\"field%s\">\n<label class=\"check\" "
                     "for=\"f-consentement\"><input type=\"checkbox\" "
                     "id=\"f-consentement\" name=\"consentement\" "
                     "value=\"1\"%s%s>\n"
                     "<span>J'accepte que l'équipe du portail conserve ces "
                     "informations pour organiser cette rencontre et me "
                     "recontacter à son sujet. Elles ne sont transmises à "
                     "personne d'autre ; je peux demander leur suppression à "
                     "tout moment, et elles sont effacées %d mois après la "
                     "rencontre.</span></label>\n",
                zConsentErr ? " field-error" /*trusted*/ : "" /*trusted*/,
                r && r->hasConsent ? " checked" /*trusted*/ : "" /*trusted*/,
                zConsentErr ? " aria-invalid=\"true\" aria-describedby="
                              "\"f-consentement-err\"" /*trusted*/
                            : "" /*trusted*/,
                PORTAL_RETENTION_MONTHS);
    if (zConsentErr) {
      html_printf(req, "<p class=\"field-msg\" id=\"f-consentement-err\">"
                       "%h</p>\n", zConsentErr);
    }
    html_printf(req, "</div>\n<div class=\"form-actions\"><button "
                     "type=\"submit\">S'inscrire</button></div>\n");
    form_end(req);
  }
  html_printf(req, "</section>\n");
  portal_frame_end(req);
}

/* GET /portail/evenements/{id}/agenda.ics: the event for the candidate's
** calendar.
** ROUTE: GET /portail/evenements/{id}/agenda.ics public
*/
void portal_page_event_ics(Req *req)
{
  PortalEvent e;
  Str out = STR_INIT;
  char zStamp[20];
  time_t t = (time_t)clock_now();       /* the one clock (OASIS_NOW) */
  struct tm tm;
  if (!portal_event_or_404(req, &e)) return;
  gmtime_r(&t, &tm);
  strftime(zStamp, sizeof zStamp, "%Y%m%dT%H%M%SZ", &tm);
  portal_ics(&out, &e, zStamp, NULL);
  char *z = arena_strndup(req_arena(req), str_text(&out), out.n);
  size_t n = out.n;
  str_free(&out);
  reply_bytes(req, 200, "text/calendar; charset=utf-8", z, n,
              html_mprintf(req, "rencontre-%lld.ics", (long long)e.id));
}

/* ROUTE: GET /portail/evenements/{id} public */
void portal_page_event(Req *req)
{
  PortalEvent e;
  if (!portal_event_or_404(req, &e)) return;
  event_render(req, &e, NULL, NULL, NULL);
}

/* POST /portail/evenements/{id}/inscription, and its API twin: register
** (actions.c; the same field table, fields.c).  The page goes back to the
** event with the confirmation, or comes back with status 400, what was
** typed and every error at once.  The API answers every refused field in
** "errors", or 201 {"evenement_id", "statut"}: the same answer for a new
** and a known address, so that it tells no one who registered.
** ROUTE: POST /portail/evenements/{id}/inscription public limited
** ROUTE: POST /api/v1/portail/evenements/{id}/inscriptions public api limited
*/
void portal_post_register(Req *req)
{
  Err err = {0};
  PortalEvent e;
  PortalRegistration r;
  KitErrors ke = {0};
  int isApi = req_is_api(req);
  if (!portal_event_or_404(req, &e)) return;
  int rc = portal_read_registration(req, e.id, &r, &ke)
               ? ERR_INPUT
               : portal_act_register(req, &e, &r, &err);
  /* a refusal of the event itself (past, full) is the page's banner */
  int isEventErr = err.code && strcmp(err.zField, "evenement") == 0;
  if (rc == ERR_INPUT && err.code && (isApi || !isEventErr)) {
    portal_kit_error(req, &ke, &err);
  }
  if (rc == ERR_INPUT && isApi) {
    kit_reply_errors(req, &ke);
  } else if (rc == ERR_INPUT) {
    reply_status(req, 400);
    event_render(req, &e, &r, isEventErr ? NULL : &ke,
                 isEventErr ? err.zMsg : NULL);
  } else if (rc) {
    kit_reply_err(req, rc, &err);
  } else if (isApi) {
    reply_json(req, 201, json_pack("{s:I, s:s}", "evenement_id",
                                   (json_int_t)e.id, "statut",
                                   "inscription_enregistree"));
  } else {
    reply_redirect(req, html_mprintf(req, "/portail/evenements/%lld?"
                                          "inscription=ok#inscription",
                                     (long long)e.id));
  }
}
