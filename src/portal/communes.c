/*
** portal/communes.c: the candidate's pages per commune and per EPCI.
**
** A commune page exists for every commune the territory tables know (and
** for any commune the team wrote a fiche for): access to GPs from the
** observatory's stored runs, health structures nearby, the aids a GP
** settling there could claim, the partners of the guichet unique for the
** family, the team's presentation and contact.  Figures come from
** feeds.c / feeds_near.c; a module without data is named, never replaced
** by an invented figure.  The widget is in widget.c.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal/web_int.h"
#include "territory/lookup.h"

/* "2,7" */
static const char *dec1(Req *req, double x)
{
  char *z = html_mprintf(req, "%.1F", x);
  for (char *c = z; *c; c++) {
    if (*c == '.') *c = ',';
  }
  return z;
}

/* GET /portail/communes: the presented communes, and a search by INSEE
** code or name.
** ROUTE: GET /portail/communes public
*/
void portal_page_communes(Req *req)
{
  Err err = {0};
  PortalSettings set;
  PortalCommune *a;
  int n;
  const char *zCode = req_query(req, "code");
  if (zCode && zCode[0]) {
    LkPlace *aHit;
    if (portal_check_insee(zCode, &err) == 0) {
      reply_redirect(req, html_mprintf(req, "/portail/communes/%u", zCode));
      return;
    }
    err_clear(&err);
    if (lookup_search(req_db(req), req_arena(req), zCode, 1, &aHit,
                      &err) == 1) {
      reply_redirect(req, html_mprintf(req, "/portail/communes/%u",
                                       aHit[0].zCode));
      return;
    }
    reply_error(req, 404, "introuvable", "Commune inconnue : aucune commune ne "
                "porte ce nom ou ce code.", NULL);
    return;
  }
  if (portal_commune_list(req_db(req), req_arena(req), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  if (!portal_frame_begin(req, "Les communes", &set)) return;
  kit_breadcrumb(req, set.zName, "/portail", "Communes", NULL, NULL);
  html_printf(req, "<h1>Les communes qui vous attendent</h1>\n");
  /* the example is one of the territory's own communes, when it has one */
  html_printf(req, "<form method=\"get\" action=\"/portail/communes\">\n"
                   "<div class=\"field\"><label for=\"f-code\">Nom ou code "
                   "INSEE de la commune<span class=\"hint\">%h%h%h%h</span>"
                   "</label>\n<input type=\"text\" "
                   "id=\"f-code\" name=\"code\" maxlength=\"80\" "
                   "autocomplete=\"off\"></div>\n<div class=\"form-actions\">"
                   "<button type=\"submit\">Voir la commune</button></div>\n"
                   "</form>\n",
              n ? "par exemple " : "son nom, ou son code à 5 chiffres",
              n ? a[0].zName : "", n ? " ou " : "", n ? a[0].zCode : "");
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">L'équipe n'a pas encore présenté de "
                     "commune en particulier : cherchez la vôtre ci-dessus."
                     "</p>\n");
  } else {
    html_printf(req, "<h2>Présentées par l'équipe</h2>\n<ul class=\"cards\">"
                     "\n");
    for (int i = 0; i < n; i++) {
      html_printf(req, "<li class=\"card card-link\"><h3 class=\"card-title\">"
                       "<a href=\"/portail/communes/%u\">%h</a></h3>"
                       "<p class=\"card-meta\">%h%s%h</p></li>\n",
                  a[i].zCode, a[i].zName, a[i].zCode,
                  a[i].zEpci[0] ? " · " /*trusted*/ : "" /*trusted*/,
                  a[i].zEpci);
    }
    html_printf(req, "</ul>\n");
  }
  portal_frame_end(req);
}

/* The "accès aux soins" section of a commune: zone and APL in plain
** French, or why there is none. */
static void section_access(Req *req, const PortalFacts *f)
{
  html_printf(req, "<section aria-labelledby=\"acces\">\n<h2 id=\"acces\">"
                   "L'accès aux médecins généralistes</h2>\n");
  if (!f->hasZone) {
    html_printf(req, "<p class=\"muted\">Aucune donnée pour l'instant : ni "
                     "le zonage de l'ARS ni l'APL de la DREES ne sont "
                     "importés pour cette commune.</p>\n</section>\n");
    return;
  }
  html_printf(req, "<p>Cette commune est classée <span class=\"badge "
                   "badge-%h\">%h</span>. %h</p>\n<p class=\"small muted\">"
                   "%h.</p>\n", f->zZoneBadge, f->zZone, f->zZoneText,
              f->zZoneLabel);
  if (f->hasApl) {
    int vNat;
    double aplNat;
    html_printf(req, "<p>Un habitant y a accès en moyenne à <strong>%h"
                     "</strong> consultations de médecin généraliste par an "
                     "(APL de la DREES, tous âges, millésime %d). En dessous "
                     "de 2,5, une commune manque nettement de médecins",
                dec1(req, f->apl), f->aplVintage);
    if (portal_national_apl(req_db(req), &vNat, &aplNat) == 0) {
      html_printf(req, " ; la moyenne nationale est de %h (même série, "
                       "pondérée par la population standardisée, %d)",
                  dec1(req, aplNat), vNat);
    }
    html_printf(req, ".</p>\n");
  }
  html_printf(req, "</section>\n");
}

/* Health structures near a commune (zCommune) or in an EPCI. */
static void section_near(Req *req, const char *zCommune, const char *zEpci,
                         double lat, double lon)
{
  PortalNear *a;
  int n = portal_feed_near(req_db(req), req_arena(req), zCommune, zEpci, lat,
                           lon, &a);
  html_printf(req, "<section aria-labelledby=\"structures\">\n<h2 id=\""
                   "structures\">Les structures de santé à proximité</h2>\n");
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucune donnée pour l'instant : aucun "
                     "centre de santé ni terrain de stage n'est enregistré à "
                     "moins de 30 km ou dans l'intercommunalité.</p>\n</section>\n");
    return;
  }
  html_printf(req, "<ul>\n");
  for (int i = 0; i < n; i++) {
    const PortalNear *p = &a[i];
    const char *zDist = p->isInArea ? (zCommune ? "dans la commune"
                                                : "dans l'intercommunalité")
                        : p->km >= 0 ? html_mprintf(req, "à %.0F km", p->km)
                                     : "";
    if (p->zHref[0]) {
      html_printf(req, "<li><strong><a href=\"%h\">%h</a></strong>",
                  p->zHref, p->zName);
    } else {
      html_printf(req, "<li><strong>%h</strong>", p->zName);
    }
    html_printf(req, " — %h, %h (%h)%s%h%s</li>\n", p->zKind, p->zWhere,
                zDist, p->zDetail[0] ? " : " /*trusted*/ : "" /*trusted*/,
                p->zDetail, p->isOutside ? " <span class=\"badge "
                "badge-neutre\">hors territoire</span>" /*trusted*/
                : "" /*trusted*/);
  }
  html_printf(req, "</ul>\n<p class=\"small muted\">Source : centres de "
                   "santé et terrains de stage enregistrés sur ce portail ; "
                   "distances à vol d'oiseau.</p>\n</section>\n");
}

/* The aids open to a GP settling in azCode[0..nCode-1]. */
static void section_aids(Req *req, const char *const *azCode, int nCode,
                         const char *zCommune, const char *zWhere)
{
  PortalAid *a;
  const char *zWhy;
  int n = portal_feed_aids(req_db(req), req_arena(req), azCode, nCode, &a,
                           &zWhy);
  html_printf(req, "<section aria-labelledby=\"aides\">\n<h2 id=\"aides\">"
                   "Les aides pour s'installer ici</h2>\n");
  if (n < 0 || (n == 0 && zWhy[0])) {
    html_printf(req, "<p class=\"muted\">%h</p>\n", zWhy);
  } else if (n == 0) {
    html_printf(req, "<p>Aucune aide publiée du catalogue ne s'applique à un "
                     "médecin généraliste qui s'installe en libéral %h. "
                     "D'autres situations (interne, salarié, étudiant) ont "
                     "leurs propres aides.</p>\n", zWhere);
  } else {
    html_printf(req, "<p>Pour un <strong>médecin généraliste</strong> qui "
                     "s'installe pour la première fois en libéral %h, le "
                     "simulateur des aides trouve :</p>\n<ul>\n", zWhere);
    for (int i = 0; i < n; i++) {
      html_printf(req, "<li><strong>%h</strong> (%h) : %h", a[i].zName,
                  a[i].zPorteur, a[i].zMoney);
      if (a[i].commitYears > 0) {
        double y = a[i].commitYears;
        html_printf(req, ", contre un engagement d'exercer %h an%s",
                    y == floor(y) ? html_mprintf(req, "%.0F", y)
                                  : dec1(req, y),
                    y >= 2 ? "s" /*trusted*/ : "" /*trusted*/);
      }
      if (a[i].isToCheck) {
        html_printf(req, " <span class=\"badge badge-neutre\">à vérifier avec "
                         "l'équipe</span>");
      }
      if (nCode > 1 && a[i].nCommune < nCode) {
        html_printf(req, " — dans %d des %d communes", a[i].nCommune, nCode);
      }
      html_printf(req, "</li>\n");
    }
    html_printf(req, "</ul>\n");
  }
  if (portal_feed_has_route("/aides/simulateur")) {
    html_printf(req, "<p><a class=\"btn btn-secondary\" href=\"/aides/"
                     "simulateur%s%u\">Simuler mes aides selon ma situation"
                     "</a></p>\n",
                zCommune ? "?commune=" /*trusted*/ : "" /*trusted*/,
                zCommune ? zCommune : "");
  } else {
    html_printf(req, "<p class=\"small muted\">Le simulateur détaillé (selon "
                     "votre profession et votre situation) arrive bientôt "
                     "sur ce portail ; un chargé de mission peut le faire "
                     "avec vous.</p>\n");
  }
  html_printf(req, "</section>\n");
}

/* Partners for the family: housing, spouse, schooling, leisure. */
static void section_partners(Req *req, const char *zCommune,
                             const char *zEpci)
{
  PortalPartner *a;
  int n = portal_feed_partners(req_db(req), req_arena(req), zCommune, zEpci,
                               &a);
  html_printf(req, "<section aria-labelledby=\"partenaires\">\n<h2 id=\""
                   "partenaires\">Logement, emploi du conjoint, écoles, "
                   "loisirs</h2>\n");
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucune donnée pour l'instant : "
                     "l'annuaire des partenaires ne compte encore personne "
                     "pour ce secteur. Le chargé de mission vous met en "
                     "relation.</p>\n</section>\n");
    return;
  }
  const char *zNeed = "";
  for (int i = 0; i < n; i++) {
    const PortalPartner *p = &a[i];
    if (strcmp(zNeed, p->zNeed)) {
      html_printf(req, "%s<h3>%h</h3>\n<ul>\n",
                  zNeed[0] ? "</ul>\n" /*trusted*/ : "" /*trusted*/,
                  p->zNeed);
      zNeed = p->zNeed;
    }
    html_printf(req, "<li><strong>%h</strong>", p->zName);
    if (p->zContact[0]) html_printf(req, " — %h", p->zContact);
    if (p->zPhone[0]) {
      html_printf(req, " — <a href=\"tel:%h\">%h</a>", p->zPhone, p->zPhone);
    }
    if (p->zEmail[0]) {
      html_printf(req, " — <a href=\"mailto:%h\">%h</a>", p->zEmail,
                  p->zEmail);
    }
    if (p->zWebsite[0] && (strncmp(p->zWebsite, "https://", 8) == 0 ||
                           strncmp(p->zWebsite, "http://", 7) == 0)) {
      html_printf(req, " — <a href=\"%h\" rel=\"noopener\">site</a>",
                  p->zWebsite);
    }
    html_printf(req, "</li>\n");
  }
  html_printf(req, "</ul>\n<p class=\"small muted\">Source : annuaire des "
                   "partenaires du guichet unique.</p>\n</section>\n");
}

/* ROUTE: GET /portail/communes/{code} public */
void portal_page_commune(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  PortalCommune c;
  PortalFacts f;
  PortalSettings set;
  int hasFiche;
  if (portal_commune_or_404(req, &c, &f, &hasFiche)) return;
  if (!portal_frame_begin_desc(req, c.zName, arena_printf(a, "S'installer "
                               "%s comme médecin : accès aux soins, aides, "
                               "structures de santé et accompagnement.",
                               kit_a(req, c.zName)), &set)) {
    return;
  }
  kit_breadcrumb(req, set.zName, "/portail", "Communes", "/portail/communes",
                 c.zName, NULL, NULL);
  html_printf(req, "<p class=\"eyebrow\">Commune %h</p>\n<h1>S'installer "
                   "%h</h1>\n", c.zCode, kit_a(req, c.zName));
  if (!f.isInside) {
    TerrScope scope;
    portal_scope(db, a, &scope);
    html_printf(req, "<p class=\"alert alert-warning\" id=\"hors-territoire\"><strong>"
                     "Hors territoire</strong> : cette commune n'est pas dans "
                     "le territoire de ce portail (%h). Les aides et "
                     "l'accompagnement présentés ici sont ceux de ce "
                     "territoire ; adressez-vous à celui de la commune.</p>"
                     "\n", scope.zName);
  }
  if (f.zEpci[0]) {
    html_printf(req, "<p class=\"lead\">Membre de <a href=\"/portail/epci/"
                     "%u\">%h</a>%s%h.</p>\n", f.zEpci,
                f.zEpciName[0] ? f.zEpciName : f.zEpci,
                f.population >= 0 ? " ; " /*trusted*/ : "" /*trusted*/,
                f.population >= 0
                    ? html_mprintf(req, "%lld habitants",
                                   (long long)f.population)
                    : "");
  } else if (c.zEpci[0]) {
    html_printf(req, "<p class=\"lead\">Membre de <a href=\"/portail/epci?"
                     "nom=%u\">%h</a>.</p>\n", c.zEpci, c.zEpci);
  }
  if (c.zBodyMd[0]) {
    html_printf(req, "<div class=\"prose\">%s</div>\n",
                md_to_html(a, c.zBodyMd) /*trusted*/);
  }
  const char *azCode[1] = {c.zCode};
  html_printf(req, "<div class=\"grid-2\">\n");
  section_access(req, &f);
  section_aids(req, azCode, 1, c.zCode,
               kit_a(req, c.zName));
  html_printf(req, "</div>\n<div class=\"grid-2\">\n");
  section_near(req, c.zCode, f.zEpci[0] ? f.zEpci : NULL, f.lat, f.lon);
  section_partners(req, c.zCode, f.zEpci[0] ? f.zEpci : NULL);
  html_printf(req, "</div>\n");
  const char *zContact = !portal_is_placeholder(c.zContact) ? c.zContact
                         : !portal_is_placeholder(set.zContact) ? set.zContact
                         : "";
  html_printf(req, "<section aria-labelledby=\"contact\">\n<h2 id=\"contact\">"
                   "Contact</h2>\n");
  if (zContact[0]) html_printf(req, "<p>%h</p>\n", zContact);
  portal_cta_demande(req, "commune", c.zCode, c.zName);
  html_printf(req, "</section>\n");
  portal_frame_end(req);
}

/* The EPCI page's access section: its communes over the newest vintage. */
static void epci_access(Req *req, const LkPlace *aC, int nC)
{
  PortalVintage *aV;
  json_t *pCodes = json_array();
  for (int i = 0; i < nC; i++) {
    json_array_append_new(pCodes, json_string(aC[i].zCode));
  }
  char *zCodes = json_dumps(pCodes, JSON_COMPACT);
  json_decref(pCodes);
  int nV = portal_feed_vintages(req_db(req), req_arena(req), zCodes, &aV);
  free(zCodes);
  html_printf(req, "<section aria-labelledby=\"acces\">\n<h2 id=\"acces\">"
                   "L'accès aux médecins généralistes</h2>\n");
  if (nV == 0) {
    html_printf(req, "<p class=\"muted\">Aucune donnée pour l'instant : "
                     "l'APL de la DREES n'est pas importée pour ces communes."
                     "</p>\n</section>\n");
    return;
  }
  const PortalVintage *v = &aV[nV - 1];
  html_printf(req, "<p>D'après l'APL de la DREES (classement indicatif), "
                   "sur %d communes : <strong>%d</strong> sous-dense%s, %d "
                   "intermédiaire%s ; %.0F habitants vivent dans une commune "
                   "sous-dense.</p>\n"
                   "<p>Un habitant a accès en moyenne à <strong>%h</strong> "
                   "consultations de médecin généraliste par an (APL de la "
                   "DREES, tous âges, pondérée par la population, %d).</p>\n"
                   "</section>\n",
              v->nCommune, v->nSousDense,
              v->nSousDense > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              v->nIntermediaire,
              v->nIntermediaire > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              (double)v->popSousDense, dec1(req, v->apl), v->vintage);
}

/* GET /portail/epci/{code}: an EPCI (SIREN) from the territory tables.
** ROUTE: GET /portail/epci/{code} public
*/
void portal_page_epci_code(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  LkPlace e, *aC;
  PortalSettings set;
  const char *zCode = req_arg(req, "code");
  if (lookup_place(db, a, LK_EPCI, zCode, &e, &err)) {
    reply_error(req, 404, "introuvable", "Intercommunalité inconnue : aucune "
                "page n'existe pour ce code.", NULL);
    return;
  }
  int nC = lookup_children(db, a, LK_EPCI, zCode, &aC, &err);
  if (nC < 0) {
    reply_incident(req, &err);
    return;
  }
  if (!portal_frame_begin(req, e.zName, &set)) return;
  kit_breadcrumb(req, set.zName, "/portail", "Communes", "/portail/communes",
                 e.zName, NULL, NULL);
  html_printf(req, "<p class=\"eyebrow\">Intercommunalité</p>\n<h1>S'installer "
                   "dans %h</h1>\n", e.zName);
  const char **azCode = arena_alloc(a, sizeof *azCode * (size_t)(nC + 1));
  for (int i = 0; i < nC; i++) azCode[i] = aC[i].zCode;
  html_printf(req, "<div class=\"grid-2\">\n");
  epci_access(req, aC, nC);
  section_aids(req, azCode, nC, NULL, "dans l'une de ses communes");
  html_printf(req, "</div>\n<div class=\"grid-2\">\n");
  section_near(req, NULL, zCode, NAN, NAN);
  /* partners cover communes or départements (codes are prefixes) and
  ** the EPCI by its SIREN */
  section_partners(req, nC > 0 ? aC[0].zDep : NULL, zCode);
  html_printf(req, "</div>\n<section aria-labelledby=\"communes\">\n<h2 id=\""
                   "communes\">Ses %d communes</h2>\n<ul class=\"cards\">\n",
              nC);
  for (int i = 0; i < nC; i++) {
    PortalFacts f;
    portal_feed_facts(db, a, aC[i].zCode, &f);
    html_printf(req, "<li class=\"card card-link\"><h3 class=\"card-title\">"
                     "<a href=\"/portail/communes/%u\">%h</a></h3>",
                aC[i].zCode, aC[i].zName);
    if (f.hasZone) {
      html_printf(req, "<p><span class=\"badge badge-%h\" title=\"%h\">%h"
                       "</span>", f.zZoneBadge, f.zZoneLabel, f.zZone);
      if (f.hasApl) {
        html_printf(req, " APL DREES %h", dec1(req, f.apl));
      }
      html_printf(req, "</p>");
    }
    html_printf(req, "</li>\n");
  }
  html_printf(req, "</ul>\n</section>\n");
  portal_cta_demande(req, "epci", zCode, e.zName);
  portal_frame_end(req);
}

/* GET /portail/epci?nom=…: the presented communes of an EPCI named in the
** team's fiches (kept for links written before EPCI pages had codes).
** ROUTE: GET /portail/epci public
*/
void portal_page_epci(Req *req)
{
  Err err = {0};
  PortalSettings set;
  PortalCommune *a;
  int n;
  const char *zName = req_query(req, "nom");
  if (!zName || !zName[0]) {
    reply_error(req, 404, "introuvable", "Intercommunalité inconnue.", NULL);
    return;
  }
  if (portal_commune_by_epci(req_db(req), req_arena(req), zName, &a, &n,
                             &err)) {
    reply_incident(req, &err);
    return;
  }
  if (n == 0) {
    reply_error(req, 404, "introuvable", "Intercommunalité inconnue : aucune "
                "commune présentée n'en fait partie.", NULL);
    return;
  }
  if (!portal_frame_begin(req, zName, &set)) return;
  kit_breadcrumb(req, set.zName, "/portail", "Communes", "/portail/communes",
                 zName, NULL, NULL);
  html_printf(req, "<p class=\"eyebrow\">Intercommunalité</p>\n<h1>%h</h1>\n"
                   "<h2>Les communes présentées</h2>\n<ul class=\"cards\">\n",
              zName);
  for (int i = 0; i < n; i++) {
    html_printf(req, "<li class=\"card card-link\"><h3 class=\"card-title\">"
                     "<a href=\"/portail/communes/%u\">%h</a></h3></li>\n",
                a[i].zCode, a[i].zName);
  }
  html_printf(req, "</ul>\n");
  portal_cta_demande(req, NULL, NULL, NULL);
  portal_frame_end(req);
}
