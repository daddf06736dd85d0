/*
** workforce/pages.c: the register's pages: the list and one person
** (agents), a manual entry, and the public pages of a commune and of a
** territory's demography (demography.c computes; this file shows).
** The radar has its own file (pages_radar.c).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "workforce/wf_int.h"

static const char *prof_label(const char *zCode)
{
  const WfProfession *p = wf_profession(zCode);
  return p ? p->zLabel : zCode;
}

/* The professions as kit_select's value/label pairs (arena). */
static const char *const *prof_options(Req *req)
{
  const char **az = arena_alloc(req_arena(req),
                                sizeof(char *) * (2 * WF_NPROF + 1));
  for (int i = 0; i < WF_NPROF; i++) {
    az[2 * i] = wf_professions[i].zCode;
    az[2 * i + 1] = wf_professions[i].zLabel;
  }
  az[2 * WF_NPROF] = NULL;
  return az;
}

int wf_commune_demography_or_404(Req *req, const char *zCode, WfDemo *d)
{
  Err err = {0};
  if (!wf_commune_known(req_db(req), zCode)) {
    err_set(&err, ERR_NOTFOUND, "commune inconnue : %s", zCode);
    err_field(&err, "code");
    return kit_reply_err(req, ERR_NOTFOUND, &err);
  }
  if (wf_demography(req_db(req), NULL, zCode, d, &err)) {
    reply_incident(req, &err);
    return -1;
  }
  return 0;
}

/* A count cell: "< 5" when masked. */
static void count_cell(Req *req, const char *zLabel, int n, int isMasked)
{
  if (isMasked) {
    html_printf(req, "<td class=\"num\" data-label=\"%h\"><span title=\""
                     "secret statistique\">&lt; 5</span></td>", zLabel);
  } else {
    html_printf(req, "<td class=\"num\" data-label=\"%h\">%d</td>", zLabel, n);
  }
}

void wf_render_demography(Req *req, const WfDemo *d, int isPublic)
{
  int nMin = isPublic ? WF_MIN_CELL : 0;
  unsigned char aMask[WF_NPROF];
  wf_mask(d->aProf, WF_NPROF, nMin, aMask);
  html_printf(req, "<section aria-labelledby=\"pyramide\">\n<h2 id=\"pyramide"
                   "\">Âges des professionnels en %d</h2>\n", d->year);
  if (d->nPeople == 0) {
    html_printf(req, "<p class=\"muted\">Aucun praticien au registre sur ce "
                     "territoire : importez l'extraction RPPS "
                     "(<code>oasis import rpps</code>).</p>\n</section>\n");
    return;
  }
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-label=\"Pyramide des âges\">\n<table class=\"table-"
                   "stack\">\n<caption>Praticiens par tranche d'âge (âge "
                   "renseigné par l'équipe)</caption>\n<thead><tr><th scope="
                   "\"col\">Tranche</th>");
  for (int i = 0; i < WF_NPROF; i++) {
    html_printf(req, "<th scope=\"col\" class=\"num\">%h</th>",
                wf_professions[i].zLabel);
  }
  html_printf(req, "</tr></thead>\n<tbody>\n");
  unsigned char aBandMask[WF_NPROF][WF_NBAND];
  for (int i = 0; i < WF_NPROF; i++) {
    wf_mask(d->aBand[i], WF_NBAND, nMin, aBandMask[i]);
  }
  for (int b = WF_NBAND - 1; b >= 0; b--) {
    html_printf(req, "<tr><th scope=\"row\">%h</th>", wf_band_labels[b]);
    for (int i = 0; i < WF_NPROF; i++) {
      /* a hidden total hides its non-empty bands; a zero stays a zero */
      count_cell(req, wf_professions[i].zLabel, d->aBand[i][b],
                 aBandMask[i][b] || (aMask[i] && d->aBand[i][b] > 0));
    }
    html_printf(req, "</tr>\n");
  }
  html_printf(req, "</tbody>\n<tfoot><tr><th scope=\"row\">Total (âge connu "
                   "ou non)</th>");
  for (int i = 0; i < WF_NPROF; i++) {
    count_cell(req, wf_professions[i].zLabel, d->aProf[i], aMask[i]);
  }
  html_printf(req, "</tr></tfoot>\n</table>\n</div>\n");
  if (isPublic) {
    html_printf(req, "<p class=\"small muted\">Secret statistique : les "
                     "effectifs de 1 à 4 personnes sont masqués (« &lt; 5 »)."
                     "</p>\n");
  }
  html_printf(req, "<h2>Médecins généralistes de 60 ans et plus</h2>\n");
  if (d->nGpAged == 0 || (isPublic && d->nGpAged < WF_MIN_CELL)) {
    html_printf(req, "<p class=\"muted\">Part non calculable : âge connu "
                     "pour moins de 5 généralistes.</p>\n");
  } else {
    html_printf(req, "<p><strong>%.1F %%</strong> des généralistes d'âge "
                     "connu ont 60 ans ou plus.</p>\n",
                100.0 * d->nGp60 / d->nGpAged);
  }
  html_printf(req, "<h2>Départs projetés de médecins généralistes</h2>\n"
                   "<table class=\"table-stack\">\n<caption>Généralistes "
                   "partis dans 5 et 10 ans</caption>\n<thead><tr><th scope="
                   "\"col\">Hypothèse</th><th scope=\"col\" class=\"num\">"
                   "D'ici %d</th><th scope=\"col\" class=\"num\">D'ici %d</th>"
                   "<th scope=\"col\" class=\"num\">Généralistes placés</th>"
                   "</tr></thead>\n<tbody>\n", d->year + 5, d->year + 10);
  for (int s = 0; s < WF_NASSUME; s++) {
    if (wf_retire_ages[s]) {
      html_printf(req, "<tr><th scope=\"row\">Départ à %d ans</th>",
                  wf_retire_ages[s]);
    } else {
      html_printf(req, "<tr><th scope=\"row\">Date déclarée (sinon 67 ans)"
                       "</th>");
    }
    for (int k = 0; k < 2; k++) {
      int a[2] = {d->aLeave[s][k], d->aKnown[s] - d->aLeave[s][k]};
      unsigned char m[2];
      wf_mask(a, 2, nMin, m);
      count_cell(req, k ? "D'ici 10 ans" : "D'ici 5 ans", a[0], m[0]);
    }
    count_cell(req, "Généralistes placés", d->aKnown[s],
               isPublic && d->aKnown[s] > 0 && d->aKnown[s] < WF_MIN_CELL);
    html_printf(req, "</tr>\n");
  }
  html_printf(req, "</tbody>\n</table>\n<p class=\"small muted\">Hypothèses "
                   ": départ l'année où l'âge est atteint, ou l'année de la "
                   "date déclarée au registre ; personne ne s'installe ; un "
                   "généraliste sans année de naissance ni date n'est pas "
                   "placé. Effet sur l'APL : voir la projection de "
                   "l'observatoire (APL officielle DREES plus l'effet "
                   "simulé).</p>\n</section>\n");
}

/* GET /observatoire/praticiens?commune=&profession= (agents)
** ROUTE: GET /observatoire/praticiens agent
*/
void wf_page_list(Req *req)
{
  Err err = {0};
  const char *zCommune = kit_query(req, "commune");
  const char *zProf = kit_query(req, "profession");
  if (zProf[0] && !wf_profession(zProf)) zProf = "";
  WfPerson *a;
  int n;
  if (wf_people_list(req_db(req), req_arena(req), zCommune, zProf, NULL,
                     WF_LIST_MAX + 1, &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  int isCut = n > WF_LIST_MAX;
  if (isCut) n = WF_LIST_MAX;
  page_begin(req, "Registre des praticiens");
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Praticiens", NULL,
                 NULL);
  html_printf(req, "<h1>Registre des praticiens</h1>\n<p>L'extraction "
                   "publique RPPS, complétée par l'équipe (âge, activité, "
                   "départ envisagé, nouveaux patients). <a class=\"btn\" "
                   "href=\"/observatoire/praticiens/nouveau\">Ajouter un "
                   "praticien</a> <a href=\"/observatoire/demographie\">"
                   "Démographie</a> · <a href=\"/observatoire/radar\">Radar "
                   "des successions</a></p>\n");
  html_printf(req, "<form method=\"get\" action=\"/observatoire/praticiens\" "
                   "class=\"filters\">\n");
  kit_input(req, NULL, "commune", "Commune (code INSEE)", "text", zCommune,
            NULL);
  kit_select(req, NULL, "profession", "Profession", prof_options(req), zProf,
             "Toutes");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Filtrer</button></div>\n</form>\n");
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucun praticien.</p>\n");
    page_end(req);
    return;
  }
  int year = wf_year_now();
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-label=\"Praticiens\">\n<table class=\"table-stack\">"
                   "\n<caption>%d praticien(s)</caption>\n<thead><tr><th "
                   "scope=\"col\">Nom</th><th scope=\"col\">Profession</th>"
                   "<th scope=\"col\">Commune</th><th scope=\"col\" class=\""
                   "num\">Âge</th><th scope=\"col\" class=\"num\">Actes "
                   "comptés</th><th scope=\"col\">Statut</th></tr></thead>\n"
                   "<tbody>\n", n);
  for (int i = 0; i < n; i++) {
    const WfPerson *p = &a[i];
    html_printf(req, "<tr><th scope=\"row\"><a href=\"/observatoire/"
                     "praticiens/%lld\">%h %h</a></th><td data-label=\""
                     "Profession\">%h</td><td data-label=\"Commune\">%h (%h)"
                     "</td>", (long long)p->id, p->zLastName, p->zFirstName,
                prof_label(p->zProfession), p->zCommuneName, p->zCommune);
    if (p->birthYear > 0) {
      html_printf(req, "<td class=\"num\" data-label=\"Âge\">%d</td>",
                  year - (int)p->birthYear);
    } else {
      html_printf(req, "<td class=\"num\" data-label=\"Âge\">—</td>");
    }
    html_printf(req, "<td class=\"num\" data-label=\"Actes comptés\">%.0F"
                     "</td><td data-label=\"Statut\">%h</td></tr>\n",
                wf_counted_acts(p, NULL),
                p->zMissingSince[0] ? "absent de la dernière extraction"
                                    : p->zOrigin[0] == 'm' ? "saisie manuelle"
                                                           : "RPPS");
  }
  html_printf(req, "</tbody>\n</table>\n</div>\n");
  if (isCut) {
    html_printf(req, "<p class=\"muted\">Les %d premiers seulement : "
                     "choisissez une commune ou une profession.</p>\n", n);
  }
  page_end(req);
}

static const char *num_value(Req *req, double v)
{
  char z[32];
  if (isnan(v)) return "";
  snprintf(z, sizeof z, "%g", v);
  return arena_strdup(req_arena(req), z);
}

/* The form of a person: identity (manual entries) and the team's fields. */
static void person_form(Req *req, const WfPerson *p, const KitErrors *e,
                        const char *zAction)
{
  kit_error_box(req, e);
  form_begin(req, zAction);
  if (p->id == 0 || !strcmp(p->zOrigin, "manuel")) {
    static const char *const azMode[] = {"L", "Libéral", "S", "Salarié", "B",
                                         "Bénévole", NULL};
    kit_select(req, e, "profession", "Profession", prof_options(req),
               p->zProfession, NULL);
    kit_input(req, e, "nom", "Nom", "text", p->zLastName, NULL);
    kit_input(req, e, "prenom", "Prénom", "text", p->zFirstName, NULL);
    kit_input(req, e, "commune", "Commune d'exercice (code INSEE)", "text",
              p->zCommune, "5 caractères, par exemple 01004");
    kit_select(req, e, "mode_exercice", "Mode d'exercice", azMode, p->zMode,
               "Non renseigné");
    kit_input(req, e, "site", "Lieu d'exercice", "text", p->zSiteName, NULL);
  }
  kit_input_ex(req, e, "annee_naissance", "Année de naissance", "number",
               p->birthYear > 0 ? html_mprintf(req, "%lld",
                                               (long long)p->birthYear)
                                : "",
               NULL, "min=\"1920\" max=\"2010\" step=\"1\"" /*trusted*/);
  kit_input(req, e, "etp", "Équivalent temps plein", "text",
            num_value(req, p->fte), "de 0 à 1,5");
  kit_input(req, e, "actes", "Actes par an", "text", num_value(req, p->acts),
            "consultations et visites de l'année");
  kit_input(req, e, "date_retraite", "Date de départ en retraite envisagée",
            "date", p->zRetireOn, NULL);
  static const char *const azYes[] = {"oui", "Oui", "non", "Non", NULL};
  kit_select(req, e, "nouveaux_patients",
             "Accepte de nouveaux patients comme médecin traitant", azYes,
             p->zNewPatients, "Ne sait pas");
  kit_input(req, e, "commune_2", "Second lieu d'exercice (code INSEE)",
            "text", p->zCommune2, NULL);
  kit_check(req, "nouvel_installe",
            "Nouvel installé libéral (pas d'activité l'an dernier)",
            p->isNewLiberal);
  kit_check(req, "centre_sante", "Salarié d'un centre de santé",
            p->isCentre);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
}

static void person_render(Req *req, const WfPerson *p, const KitErrors *e)
{
  const char *zRule;
  double acts = wf_counted_acts(p, &zRule);
  const char *zTitle = html_mprintf(req, "%h %h", p->zLastName,
                                    p->zFirstName);
  if (e && e->n) reply_status(req, 400);
  page_begin(req, zTitle /*trusted*/);
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Praticiens",
                 "/observatoire/praticiens", zTitle, NULL, NULL);
  html_printf(req, "<h1>%h %h</h1>\n<dl class=\"facts\">\n<dt>Profession"
                   "</dt><dd>%h</dd>\n<dt>Commune</dt><dd><a href=\"/"
                   "observatoire/praticiens/commune/%u\">%h (%h)</a></dd>\n"
                   "<dt>RPPS</dt><dd>%h</dd>\n<dt>Source</dt><dd>%h</dd>\n",
              p->zLastName, p->zFirstName, prof_label(p->zProfession),
              p->zCommune, p->zCommuneName, p->zCommune,
              p->zRpps[0] ? p->zRpps : "—",
              p->zOrigin[0] == 'm' ? "saisie manuelle"
                                   : "extraction RPPS");
  if (p->zMissingSince[0]) {
    html_printf(req, "<dt>Statut</dt><dd><strong>absent de l'extraction "
                     "depuis le %h</strong> (gardé au registre)</dd>\n",
                kit_date_fr(req, p->zMissingSince));
  }
  html_printf(req, "<dt>Actes comptés (APL)</dt><dd>%.0F — %h</dd>\n</dl>\n"
                   "<h2>Compléments de l'équipe</h2>\n", acts, zRule);
  person_form(req, p, e, html_mprintf(req, "/observatoire/praticiens/%lld",
                                      (long long)p->id));
  page_end(req);
}

/* GET /observatoire/praticiens/{id} (agents)
** ROUTE: GET /observatoire/praticiens/{id} agent
*/
void wf_page_person(Req *req)
{
  WfPerson p;
  if (wf_person_or_404(req, &p)) return;
  person_render(req, &p, NULL);
}

/* POST /observatoire/praticiens/{id} (agents)
** ROUTE: POST /observatoire/praticiens/{id} agent
*/
void wf_post_person(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  WfPerson p;
  int rc;
  if (wf_person_or_404(req, &p)) return;
  if (wf_person_read(req, &p, &e)) {
    person_render(req, &p, &e);
    return;
  }
  if ((rc = wf_act_person_save(req, &p, &err))) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/observatoire/praticiens/%lld",
                                   (long long)p.id));
}

static void new_render(Req *req, const WfPerson *p, const KitErrors *e)
{
  if (e && e->n) reply_status(req, 400);
  page_begin(req, "Ajouter un praticien");
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Praticiens",
                 "/observatoire/praticiens", "Ajouter", NULL, NULL);
  html_printf(req, "<h1>Ajouter un praticien</h1>\n<p>Pour une personne que "
                   "l'extraction RPPS ne donne pas encore (installation "
                   "récente, remplaçant…).</p>\n");
  person_form(req, p, e, "/observatoire/praticiens/nouveau");
  page_end(req);
}

static void person_blank(WfPerson *p)
{
  memset(p, 0, sizeof *p);
  p->zRpps = p->zProfession = p->zLastName = p->zFirstName = "";
  p->zCommune = p->zCommuneName = p->zMode = p->zSiteName = "";
  p->zMissingSince = p->zRetireOn = p->zNewPatients = "";
  p->zCommune2 = p->zCommune2Name = p->zUpdatedAt = "";
  p->zOrigin = "manuel";
  p->fte = p->acts = NAN;
}

/* GET /observatoire/praticiens/nouveau (agents)
** ROUTE: GET /observatoire/praticiens/nouveau agent
*/
void wf_page_new(Req *req)
{
  WfPerson p;
  person_blank(&p);
  p.zProfession = "mg";
  new_render(req, &p, NULL);
}

/* POST /observatoire/praticiens/nouveau (agents)
** ROUTE: POST /observatoire/praticiens/nouveau agent
*/
void wf_post_new(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  WfPerson p;
  person_blank(&p);
  if (wf_person_read(req, &p, &e)) {
    new_render(req, &p, &e);
    return;
  }
  int rc = wf_act_person_save(req, &p, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/observatoire/praticiens/%lld",
                                   (long long)p.id));
}

/* GET /observatoire/praticiens/commune/{code}: age bands for everyone, the
** people for agents.
** ROUTE: GET /observatoire/praticiens/commune/{code} public
*/
void wf_page_commune(Req *req)
{
  Err err = {0};
  const char *zCode = req_arg(req, "code");
  WfDemo d;
  if (wf_commune_demography_or_404(req, zCode, &d)) return;
  WfPerson *a = NULL;
  int n = 0, isAgent = wf_sees_names(req);
  if (isAgent && wf_people_list(req_db(req), req_arena(req), zCode, NULL,
                                NULL, 0, &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  const char *zName = lookup_commune_name(req_db(req), req_arena(req), zCode);
  const char *zTitle = html_mprintf(req, "Praticiens — %h", zName);
  page_begin(req, zTitle /*trusted*/);
  kit_breadcrumb(req, "Observatoire", "/observatoire", zName,
                 html_mprintf(req, "/observatoire/communes/%u", zCode),
                 "Praticiens", NULL, NULL);
  html_printf(req, "<h1>Qui exerce à %h <small>(%h)</small></h1>\n", zName,
              zCode);
  wf_render_demography(req, &d, !isAgent);
  WfStructure *aS;
  int nS;
  WfNoGp ng;
  if (wf_structures_list(req_db(req), req_arena(req), zCode, NULL, &aS, &nS,
                         &err) ||
      wf_no_gp_of_commune(req_db(req), req_arena(req), zCode, &ng, &err)) {
    nS = 0;
    ng.zLevel = NULL;
  }
  html_printf(req, "<h2>Structures</h2>\n");
  wf_render_structures(req, aS, nS);
  html_printf(req, "<h2>Patients sans médecin traitant</h2>\n");
  if (!ng.zLevel) {
    html_printf(req, "<p class=\"muted\">Non renseigné.</p>\n");
  } else {
    html_printf(req, "<p><strong>%ld</strong> patients sans médecin traitant"
                     " en %d (%h %h)", ng.patients, ng.year,
                !strcmp(ng.zLevel, "epci") ? "EPCI" : "commune", ng.zCode);
    if (!isnan(ng.share)) {
      html_printf(req, ", soit %.1F %% des patients", 100 * ng.share);
    }
    html_printf(req, ".</p>\n");
  }
  if (isAgent) {
    html_printf(req, "<h2>Praticiens (agents seulement)</h2>\n");
    if (n == 0) html_printf(req, "<p class=\"muted\">Aucun.</p>\n");
    else html_printf(req, "<ul>\n");
    for (int i = 0; i < n; i++) {
      html_printf(req, "<li><a href=\"/observatoire/praticiens/%lld\">%h %h"
                       "</a> — %h%s</li>\n", (long long)a[i].id,
                  a[i].zLastName, a[i].zFirstName,
                  prof_label(a[i].zProfession),
                  a[i].zMissingSince[0] ? " (absent de la dernière "
                                          "extraction)" : "" /*trusted*/);
    }
    if (n) html_printf(req, "</ul>\n");
  }
  page_end(req);
}

/* GET /observatoire/demographie?departement= (public: masked cells)
** ROUTE: GET /observatoire/demographie public
*/
void wf_page_demography(Req *req)
{
  Err err = {0};
  const char *zDep = kit_query(req, "departement");
  if (strlen(zDep) > 3) zDep = "";
  WfDemo d;
  if (wf_demography(req_db(req), zDep, NULL, &d, &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Démographie des professionnels de santé");
  kit_breadcrumb(req, "Observatoire", "/observatoire", "Démographie", NULL,
                 NULL);
  html_printf(req, "<h1>Démographie des professionnels de santé</h1>\n"
                   "<form method=\"get\" action=\"/observatoire/demographie\""
                   " class=\"filters\">\n");
  kit_input(req, NULL, "departement", "Département (code)", "text", zDep,
            "vide : tout le registre");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Afficher</button></div>\n</form>\n");
  wf_render_demography(req, &d, !wf_sees_names(req));
  page_end(req);
}
