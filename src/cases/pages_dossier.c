/*
** cases/pages_dossier.c: one dossier (/accompagnement/dossiers/{id}) and
** every action on it: state transitions, assignment, sub-tasks and their
** hand-off to a partner, private notes, messages, attachments, GDPR export
** and erasure.
**
** Every opening is logged (case_open_log); every write runs in one
** transaction with its audit record.  A refused action shows the dossier
** again with the French reason at the top (status 400).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "base/log.h"
#include "cases/web_int.h"
#include "zoning/zoning.h"

/* ---- the page --------------------------------------------------------------------- */

static CaseDossierPanel xPanel;    /* set once by app/compose.c */

void case_dossier_panel_set(CaseDossierPanel x)
{
  xPanel = x;
}

static const char *nz(const char *z)
{
  return z ? z : "";
}

/* The day of an ISO time as people write it (29/10/2026), or « — ». */
static const char *day(Req *req, const char *zIso)
{
  return zIso && *zIso
             ? kit_date_fr(req, arena_strndup(req_arena(req), zIso, 10))
             : "—";
}

static void dossier_facts(Req *req, const Dossier *d)
{
  html_printf(req, "<section aria-labelledby=\"t-demande\">\n"
                   "<h2 id=\"t-demande\">La demande</h2>\n<dl class=\"facts\">\n"
                   "<dt>Personne</dt><dd>%h %h</dd>\n"
                   "<dt>Courriel</dt><dd>%h</dd>\n<dt>Téléphone</dt><dd>%h</dd>\n"
                   "<dt>Profession</dt><dd>%h</dd>\n<dt>Situation</dt><dd>%h</dd>"
                   "\n<dt>Projet</dt><dd>%h</dd>\n<dt>Territoire visé</dt>"
                   "<dd>%h%h%h</dd>\n<dt>Date souhaitée</dt><dd>%h</dd>\n"
                   "<dt>Canal</dt><dd>%h</dd>\n<dt>Reçue le</dt><dd>%h</dd>\n"
                   "<dt>Premier contact</dt><dd>%h</dd>\n"
                   "<dt>Consentement</dt><dd>%h</dd>\n</dl>\n",
              d->zFirstName, d->zLastName, *d->zEmail ? d->zEmail : "—",
              *d->zPhone ? d->zPhone : "—",
              nz(case_label(case_professions, d->zProfession)),
              nz(case_label(case_statuses, d->zStatus)),
              nz(case_label(case_projects, d->zProject)),
              *d->zTerritoryLabel ? d->zTerritoryLabel
                                  : nz(case_label(case_territory_kinds,
                                                  d->zTerritoryKind)),
              *d->zTerritoryCode ? " — " : "", d->zTerritoryCode,
              *d->zWishedDate ? d->zWishedDate : "—",
              nz(case_label(case_channels, d->zChannel)),
              day(req, d->zCreatedAt), day(req, d->zFirstContactAt),
              day(req, d->zConsentAt));
  if (*d->zMessage) {
    html_printf(req, "<h3>Précisions</h3>\n<p class=\"prose\" "
                     "style=\"white-space: pre-line\">%h</p>\n", d->zMessage);
  }
  html_printf(req, "</section>\n");
}

/* The outcomes as select options; a student's or an intern's dossier
** lists first those of studies, which are not an installation. */
static const char *const *dossier_outcome_options(Req *req, const Dossier *d)
{
  static const char *const azStudy[] = {"stage", "engagement_signe",
                                        "poursuite_etudes", NULL};
  if (strcmp(d->zStatus, "etudiant") && strcmp(d->zStatus, "interne")) {
    return case_web_options(req, case_outcomes);
  }
  const char **az = arena_alloc(req_arena(req), sizeof *az * 32);
  int n = 0;
  for (int i = 0; azStudy[i]; i++) {
    az[n++] = azStudy[i];
    az[n++] = case_label(case_outcomes, azStudy[i]);
  }
  for (int i = 0; case_outcomes[i].zCode && n < 30; i++) {
    int isStudy = 0;
    for (int k = 0; azStudy[k]; k++) {
      if (!strcmp(azStudy[k], case_outcomes[i].zCode)) isStudy = 1;
    }
    if (isStudy) continue;
    az[n++] = case_outcomes[i].zCode;
    az[n++] = case_outcomes[i].zLabel;
  }
  az[n] = NULL;
  return az;
}

static void dossier_follow(Req *req, const Dossier *d, const KitErrors *e)
{
  char zAction[96];
  html_printf(req, "<section aria-labelledby=\"t-suivi\">\n"
                   "<h2 id=\"t-suivi\">Suivi</h2>\n<p>Agent : <strong>%h"
                   "</strong></p>\n",
              *d->zAgentName ? d->zAgentName : "non attribué");
  if (*d->zGroupName) {
    html_printf(req, "<p>Groupe d'instruction : <a href=\"/accompagnement/"
                     "groupes\">%h</a></p>\n", d->zGroupName);
  }
  snprintf(zAction, sizeof zAction, "/accompagnement/dossiers/%lld/attribution",
           (long long)d->id);
  const User *u = req_user(req);
  form_begin(req, zAction);
  if (u && d->agentId == u->id) {
    html_printf(req, "<input type=\"hidden\" name=\"action\" value=\"liberer\">"
                     "<button type=\"submit\" class=\"btn-secondary\">Libérer "
                     "le dossier</button>\n");
  } else {
    html_printf(req, "<input type=\"hidden\" name=\"action\" value=\"prendre\">"
                     "<button type=\"submit\">Prendre le dossier</button>\n");
  }
  form_end(req);
  if (*d->zOutcome) {
    html_printf(req, "<p>Issue : <strong>%h</strong>%h%h%h%h</p>\n",
                nz(case_label(case_outcomes, d->zOutcome)),
                *d->zOutcomeCommune ? " — commune " : "", d->zOutcomeCommune,
                *d->zOutcomeDate ? ", le " : "", d->zOutcomeDate);
  }
  snprintf(zAction, sizeof zAction, "/accompagnement/dossiers/%lld/etat",
           (long long)d->id);
  html_printf(req, "<h3>Changer l'état</h3>\n");
  form_begin(req, zAction);
  /* The states reachable from here, as value/label pairs. */
  const char **azTo = arena_alloc(req_arena(req),
                                  (2 * CASE_NSTATE + 1) * sizeof *azTo);
  int nTo = 0;
  for (int i = 0; i < CASE_NSTATE; i++) {
    if (!case_transition_allowed(d->zState, case_states[i].zCode)) continue;
    azTo[nTo++] = case_states[i].zCode;
    azTo[nTo++] = !strcmp(d->zState, "clos")
                      ? arena_printf(req_arena(req), "%s (réouverture)",
                                     case_states[i].zLabel)
                      : case_states[i].zLabel;
  }
  azTo[nTo] = NULL;
  kit_select(req, e, "etat", "Nouvel état", azTo, NULL, NULL);
  if (strcmp(d->zState, "clos")) {
    kit_select(req, e, "issue", "Issue (pour clore)",
               dossier_outcome_options(req, d), "", "—");
    kit_input(req, e, "commune", "Commune d'installation", "text",
              !strcmp(d->zTerritoryKind, "commune") ? d->zTerritoryCode : "",
              "code INSEE, si installé·e");
    kit_input(req, e, "date_installation", "Date d'installation", "date", "",
              NULL);
  }
  kit_textarea(req, e, "raison", "Raison", "", "obligatoire pour rouvrir");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Changer l'état</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
}

/* The contact a hand-off mails its answer link to: one of the chosen
** partner's contacts (grouped by partner), or its general address. */
static void dossier_contacts(Req *req, const CaseTask *t, const Partner *aP,
                             int nP)
{
  Err err = {0};
  html_printf(req, "<div class=\"field\"><label for=\"t%lld-contact\">"
                   "Contact à qui envoyer le lien de réponse</label><select "
                   "id=\"t%lld-contact\" name=\"contact\">\n<option "
                   "value=\"\">Adresse générale du partenaire</option>\n",
              (long long)t->id, (long long)t->id);
  for (int i = 0; i < nP; i++) {
    PartnerContact *aC;
    int nC = 0;
    if (case_contact_list(req_db(req), req_arena(req), aP[i].id, &aC, &nC,
                          &err) || nC == 0) {
      continue;
    }
    html_printf(req, "<optgroup label=\"%h\">\n", aP[i].zName);
    for (int k = 0; k < nC; k++) {
      if (!*aC[k].zEmail) continue;
      html_printf(req, "<option value=\"%lld\">%h (%h)</option>\n",
                  (long long)aC[k].id, aC[k].zName, aC[k].zEmail);
    }
    html_printf(req, "</optgroup>\n");
  }
  html_printf(req, "</select></div>\n");
}

static void dossier_task(Req *req, const Dossier *d, const CaseTask *t)
{
  Err err = {0};
  char zAction[128];
  const char *zNeed = nz(case_label(case_needs, t->zNeed));
  html_printf(req, "<li class=\"card\" id=\"tache-%lld\">\n<h3 class=\"card-"
                   "title\">%h</h3>\n<p class=\"card-meta\">%h%h%h%h%h</p>\n",
              (long long)t->id, zNeed,
              nz(case_label(case_task_states, t->zState)),
              *t->zPartnerName ? " — " : "", t->zPartnerName,
              *t->zFollowUp ? ", relance le " : "",
              *t->zFollowUp ? kit_date_fr(req, t->zFollowUp) : "");
  snprintf(zAction, sizeof zAction, "/accompagnement/dossiers/%lld/taches/%lld",
           (long long)d->id, (long long)t->id);
  form_begin(req, zAction);
  html_printf(req, "<div class=\"field\"><label for=\"t%lld-etat\">État"
                   "<span class=\"visually-hidden\"> de la sous-tâche %h</span>"
                   "</label><select id=\"t%lld-etat\" name=\"etat\">\n",
              (long long)t->id, zNeed, (long long)t->id);
  for (int i = 0; case_task_states[i].zCode; i++) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n",
                case_task_states[i].zCode,
                !strcmp(t->zState, case_task_states[i].zCode)
                    ? " selected" : "" /*trusted*/,
                case_task_states[i].zLabel);
  }
  html_printf(req, "</select></div>\n<div class=\"field\"><label "
                   "for=\"t%lld-echeance\">Échéance</label><input type=\"date\" "
                   "id=\"t%lld-echeance\" name=\"echeance\" value=\"%h\"></div>"
                   "\n<div class=\"field\"><label for=\"t%lld-notes\">Notes"
                   "</label><textarea id=\"t%lld-notes\" name=\"notes\" "
                   "rows=\"2\">%h</textarea></div>\n<div class=\"form-actions\">"
                   "<button type=\"submit\" class=\"btn-small\">Enregistrer"
                   "<span class=\"visually-hidden\"> la sous-tâche %h</span>"
                   "</button></div>\n",
              (long long)t->id, (long long)t->id, t->zDue, (long long)t->id,
              (long long)t->id, t->zNotes, zNeed);
  form_end(req);
  /* Hand-off: the partners covering this need and territory first. */
  Partner *aFit, *aAll;
  int nFit = 0, nAll = 0;
  const char *zTerr = *d->zTerritoryCode ? d->zTerritoryCode : NULL;
  if (case_partner_list(req_db(req), req_arena(req), t->zNeed, zTerr, 0, &aFit,
                        &nFit, &err) ||
      case_partner_list(req_db(req), req_arena(req), NULL, NULL, 1, &aAll,
                        &nAll, &err)) {
    return;
  }
  if (nAll == 0) {
    html_printf(req, "<p class=\"muted\">Aucun partenaire dans l'annuaire : "
                     "<a href=\"/accompagnement/partenaires\">en ajouter</a>."
                     "</p>\n</li>\n");
    return;
  }
  snprintf(zAction, sizeof zAction,
           "/accompagnement/dossiers/%lld/taches/%lld/partenaire",
           (long long)d->id, (long long)t->id);
  form_begin(req, zAction);
  html_printf(req, "<div class=\"field\"><label for=\"t%lld-partenaire\">"
                   "Confier à un partenaire<span class=\"visually-hidden\"> "
                   "(%h)</span></label><select id=\"t%lld-partenaire\" "
                   "name=\"partenaire\">\n",
              (long long)t->id, zNeed, (long long)t->id);
  if (nFit) html_printf(req, "<optgroup label=\"Suggérés\">\n");
  for (int i = 0; i < nFit; i++) {
    html_printf(req, "<option value=\"%lld\">%h</option>\n",
                (long long)aFit[i].id, aFit[i].zName);
  }
  if (nFit) html_printf(req, "</optgroup><optgroup label=\"Tous\">\n");
  for (int i = 0; i < nAll; i++) {
    html_printf(req, "<option value=\"%lld\">%h</option>\n",
                (long long)aAll[i].id, aAll[i].zName);
  }
  if (nFit) html_printf(req, "</optgroup>\n");
  html_printf(req, "</select></div>\n");
  dossier_contacts(req, t, aAll, nAll);
  html_printf(req, "<div class=\"field\"><label "
                   "for=\"t%lld-relance\">Date de relance</label><input "
                   "type=\"date\" id=\"t%lld-relance\" name=\"relance\" "
                   "required></div>\n<div class=\"form-actions\"><button "
                   "type=\"submit\" class=\"btn-small btn-secondary\">Confier"
                   "<span class=\"visually-hidden\"> la sous-tâche %h</span>"
                   "</button></div>\n",
              (long long)t->id, (long long)t->id, zNeed);
  form_end(req);
  html_printf(req, "</li>\n");
}

/* The partners' avis; those the team had not read yet are marked, then
** read (this page is how the team reads them). */
static void dossier_opinions(Req *req, const Dossier *d)
{
  Err err = {0};
  CaseOpinion *aO;
  int nO = 0;
  if (case_opinion_list(req_db(req), req_arena(req), d->id, 0, &aO, &nO,
                        &err) || nO == 0) {
    return;
  }
  html_printf(req, "<section aria-labelledby=\"t-avis\">\n<h2 id=\"t-avis\">"
                   "Avis des partenaires (%d)</h2>\n<ul class=\"cards\">\n",
              nO);
  for (int i = 0; i < nO; i++) {
    const CaseOpinion *o = &aO[i];
    html_printf(req, "<li class=\"card\"><p class=\"card-meta\">%h — %h, "
                     "le %h%s</p>\n<p><strong>%h</strong></p>\n",
                o->zPartnerName, case_label(case_needs, o->zNeed),
                kit_date_fr(req, arena_strndup(req_arena(req), o->zAt, 10)),
                *o->zSeenAt ? "" : " <span class=\"badge\">nouveau</span>"
                                   /*trusted*/,
                case_label(case_verdicts, o->zVerdict));
    if (*o->zBody) {
      html_printf(req, "<p class=\"pre-line\">%h</p>\n", o->zBody);
    }
    if (o->attachmentId) {
      html_printf(req, "<p><a href=\"/accompagnement/dossiers/%lld/pieces/"
                       "%lld\">Document joint</a></p>\n",
                  (long long)d->id, (long long)o->attachmentId);
    }
    if (o->delayDays >= 0) {
      html_printf(req, "<p class=\"muted\">Réponse en %.1F jour(s).</p>\n",
                  o->delayDays);
    }
    html_printf(req, "</li>\n");
  }
  html_printf(req, "</ul>\n</section>\n");
  case_opinion_seen(req_db(req), d->id, case_clock_now(), &err);
}

static void dossier_events(Req *req, const Dossier *d)
{
  Err err = {0};
  CaseEvent *a;
  int n;
  char zAction[96];
  /* Notes */
  html_printf(req, "<section aria-labelledby=\"t-notes\">\n<h2 id=\"t-notes\">"
                   "Notes privées</h2>\n<p class=\"muted\">Visibles de l'équipe"
                   " seulement.</p>\n");
  if (!case_event_list(req_db(req), req_arena(req), d->id, 'n', &a, &n, &err)) {
    for (int i = 0; i < n; i++) {
      html_printf(req, "<blockquote><p style=\"white-space: pre-line\">%h</p>"
                       "<footer class=\"muted\">%h, le %h</footer></blockquote>"
                       "\n", a[i].zBody, a[i].zActor, day(req, a[i].zAt));
    }
  }
  snprintf(zAction, sizeof zAction, "/accompagnement/dossiers/%lld/notes",
           (long long)d->id);
  form_begin(req, zAction);
  kit_textarea(req, NULL, "texte", "Nouvelle note", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter la note</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
  /* Messages */
  html_printf(req, "<section aria-labelledby=\"t-messages\">\n<h2 "
                   "id=\"t-messages\">Échanges avec la personne</h2>\n");
  if (!case_event_list(req_db(req), req_arena(req), d->id, 'm', &a, &n, &err)) {
    for (int i = 0; i < n; i++) {
      html_printf(req, "<blockquote><p style=\"white-space: pre-line\">%h</p>"
                       "<footer class=\"muted\">%h — %h, le %h%s</footer>"
                       "</blockquote>\n", a[i].zBody,
                  !strcmp(a[i].zDirection, "sortant") ? "envoyé" : "reçu",
                  a[i].zActor, day(req, a[i].zAt),
                  a[i].isEmailed ? " (par courriel)" : "" /*trusted*/);
    }
  }
  snprintf(zAction, sizeof zAction, "/accompagnement/dossiers/%lld/messages",
           (long long)d->id);
  form_begin(req, zAction);
  html_printf(req, "<fieldset><legend>Sens</legend><label class=\"check\">"
                   "<input type=\"radio\" name=\"sens\" value=\"sortant\" "
                   "checked> Message à la personne</label><label "
                   "class=\"check\"><input type=\"radio\" name=\"sens\" "
                   "value=\"entrant\"> Message reçu de la personne</label>"
                   "</fieldset>\n");
  kit_textarea(req, NULL, "texte", "Message", "", NULL);
  if (case_mail_configured() && *d->zEmail) {
    html_printf(req, "<label class=\"check\"><input type=\"checkbox\" "
                     "name=\"courriel\" value=\"1\" checked> Envoyer aussi par "
                     "courriel à %h</label>\n", d->zEmail);
  } else {
    html_printf(req, "<p class=\"muted\">Envoi par courriel indisponible "
                     "(serveur de messagerie non configuré ou pas d'adresse) : "
                     "le message est consigné au dossier.</p>\n");
  }
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Consigner le message</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
}

static void dossier_attachments(Req *req, const Dossier *d)
{
  Err err = {0};
  CaseAttachment *a;
  int n;
  html_printf(req, "<section aria-labelledby=\"t-pieces\">\n<h2 "
                   "id=\"t-pieces\">Pièces jointes</h2>\n");
  if (!case_attachment_list(req_db(req), req_arena(req), d->id, &a, &n, &err) &&
      n) {
    html_printf(req, "<ul>\n");
    for (int i = 0; i < n; i++) {
      html_printf(req, "<li><a href=\"/accompagnement/dossiers/%lld/pieces/"
                       "%lld\">%h</a> — %.1F Ko, %h, ajoutée le %h par %h "
                       "<small class=\"muted hash\">SHA-256 %h</small></li>\n",
                  (long long)d->id, (long long)a[i].id, a[i].zName,
                  a[i].nSize / 1024.0, a[i].zType, day(req, a[i].zAt),
                  a[i].zBy, a[i].zSha256);
    }
    html_printf(req, "</ul>\n");
  }
  html_printf(req, "<form method=\"post\" action=\"/accompagnement/dossiers/"
                   "%lld/pieces\" enctype=\"multipart/form-data\">\n<input "
                   "type=\"hidden\" name=\"csrf_token\" value=\"%h\">\n<div "
                   "class=\"field\"><label for=\"f-fichier\">Ajouter une pièce"
                   " <span class=\"hint\" id=\"aide-fichier\">PDF, JPEG, PNG, "
                   "ODT ou DOCX, %d Mo au plus</span></label><input "
                   "type=\"file\" id=\"f-fichier\" name=\"fichier\" "
                   "accept=\".pdf,.jpg,.jpeg,.png,.odt,.docx\"></div>\n<div "
                   "class=\"form-actions\"><button type=\"submit\">Joindre"
                   "</button></div>\n</form>\n</section>\n",
              (long long)d->id, req_csrf_token(req),
              CASE_ATTACH_MAX / (1024 * 1024));
}

static void dossier_history(Req *req, const Dossier *d)
{
  Err err = {0};
  CaseEvent *a;
  int n;
  if (case_event_list(req_db(req), req_arena(req), d->id, 't', &a, &n, &err)) {
    return;
  }
  html_printf(req, "<section aria-labelledby=\"t-historique\">\n<h2 "
                   "id=\"t-historique\">Historique des états</h2>\n<div "
                   "class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"t-historique\"><table>\n<caption>"
                   "Transitions du dossier</caption>\n<thead><tr><th "
                   "scope=\"col\">Date</th><th scope=\"col\">De</th><th "
                   "scope=\"col\">Vers</th><th scope=\"col\">Par</th><th "
                   "scope=\"col\">Raison</th></tr></thead><tbody>\n");
  for (int i = 0; i < n; i++) {
    html_printf(req, "<tr><td>%h</td><td>%h</td><td>%h%h%h</td><td>%h</td>"
                     "<td>%h</td></tr>\n",
                kit_datetime_fr(req, a[i].zAt),
                *a[i].zFrom ? nz(case_label(case_states, a[i].zFrom)) : "—",
                nz(case_label(case_states, a[i].zTo)),
                *a[i].zOutcome ? " : " : "",
                nz(case_label(case_outcomes, a[i].zOutcome)), a[i].zActor,
                a[i].zReason);
  }
  html_printf(req, "</tbody></table></div>\n</section>\n");
}

static void dossier_side(Req *req, const Dossier *d)
{
  const char *zCode = *d->zOutcomeCommune ? d->zOutcomeCommune
                      : !strcmp(d->zTerritoryKind, "commune")
                          ? d->zTerritoryCode : "";
  html_printf(req, "<aside aria-labelledby=\"t-territoire\" class=\"card\">\n"
                   "<h2 id=\"t-territoire\">Le territoire visé</h2>\n");
  if (!*zCode) {
    html_printf(req, "<p>Pas de commune précise : indicateur non disponible."
                     "</p>\n</aside>\n");
    return;
  }
  CaseCommuneInfo ci;
  case_commune_info(req_db(req), req_arena(req), zCode, &ci);
  html_printf(req, "<dl class=\"facts\">\n<dt>Commune</dt><dd>%h%h%h%h</dd>\n",
              ci.hasCommune ? ci.zName : zCode, ci.hasCommune ? " (" : "",
              ci.hasCommune ? ci.zDep : "", ci.hasCommune ? ")" : "");
  /* The one classification (zoning/zoning.h): the ARS arrêté when
  ** imported, else the DREES APL labelled indicative. */
  ZoneInfo z;
  Err errZ = {0};
  if (ci.hasApl) {
    html_printf(req, "<dt>APL médecins généralistes (DREES %d)</dt><dd>%.2F "
                     "consultations par habitant standardisé et par an</dd>\n",
                ci.aplVintage, ci.apl);
  } else {
    html_printf(req, "<dt>APL</dt><dd>pas de donnée</dd>\n");
  }
  if (zoning_of(req_db(req), req_arena(req), zCode, NULL, &z, &errZ) == 0) {
    html_printf(req, "<dt>Zonage</dt><dd>%h</dd>\n", z.zLabel);
  } else {
    html_printf(req, "<dt>Zonage</dt><dd>pas de donnée</dd>\n");
  }
  if (ci.nCentre >= 0) {
    html_printf(req, "<dt>Centres de santé dans la commune</dt><dd>%d</dd>\n",
                ci.nCentre);
  } else {
    html_printf(req, "<dt>Structures proches</dt><dd>indicateur non "
                     "disponible</dd>\n");
  }
  html_printf(req, "</dl>\n<p><a href=\"/aides\">Aides mobilisables : "
                   "catalogue des aides</a></p>\n</aside>\n");
}

static void dossier_gdpr(Req *req, const Dossier *d)
{
  char zAction[96];
  html_printf(req, "<section aria-labelledby=\"t-rgpd\">\n<h2 id=\"t-rgpd\">"
                   "Données personnelles</h2>\n<p>Ce dossier a été ouvert %d "
                   "fois. Conservation : %d ans après la clôture, puis "
                   "anonymisation automatique.</p>\n<p><a href=\"/"
                   "accompagnement/dossiers/%lld/rgpd.json\">Exporter les "
                   "données de la personne (JSON)</a></p>\n",
              case_dossier_open_count(req_db(req), d->id),
              case_retention_years(), (long long)d->id);
  if (*d->zAnonymisedAt) {
    html_printf(req, "</section>\n");
    return;
  }
  snprintf(zAction, sizeof zAction, "/accompagnement/dossiers/%lld/effacement",
           (long long)d->id);
  form_begin(req, zAction);
  kit_input(req, NULL, "confirmation",
            arena_printf(req_arena(req), "Effacer les données de la personne "
                         "(tous ses dossiers) : tapez la référence %s pour "
                         "confirmer", d->zRef), "text", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\" "
                   "class=\"btn-danger\">Effacer les données personnelles"
                   "</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
}

/* The requester's follow-up link and the dossier's e-mails, with their
** state (« non envoyé » while SMTP is not configured or failing). */
static void dossier_mail(Req *req, const Dossier *d)
{
  static const char *const azLink[] = {
    "aucun lien (pas d'adresse électronique)", "actif", "révoqué", "expiré"};
  Err err = {0};
  CaseMail *aM;
  int nM;
  int st = case_follow_state(req_db(req), d->id, case_clock_now());
  html_printf(req, "<section aria-labelledby=\"t-courriels\">\n<h2 "
                   "id=\"t-courriels\">Espace du demandeur et courriels</h2>\n"
                   "<p>Lien de suivi du demandeur : <strong>%h</strong>.</p>\n",
              azLink[st >= 0 && st <= 3 ? st : 0]);
  if (*d->zEmail) {
    form_begin(req, html_mprintf(req, "/accompagnement/dossiers/%lld/suivi",
                                 (long long)d->id));
    html_printf(req, "<div class=\"form-actions\">"
                     "<button type=\"submit\" name=\"action\" "
                     "value=\"nouveau\">Envoyer un nouveau lien</button>%s"
                     "</div>\n",
                st == 1 ? "<button type=\"submit\" name=\"action\" "
                          "value=\"revoquer\" class=\"btn-secondary\">"
                          "Révoquer le lien</button>" /*trusted*/
                        : "" /*trusted*/);
    form_end(req);
  }
  if (case_outbox_list(req_db(req), req_arena(req), d->id, &aM, &nM, &err) ||
      nM == 0) {
    html_printf(req, "<p>Aucun courriel.</p>\n</section>\n");
    return;
  }
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"c-courriels\"><table>\n<caption "
                   "id=\"c-courriels\">Courriels du dossier</caption>\n"
                   "<thead><tr><th scope=\"col\">Objet</th><th scope=\"col\">"
                   "État</th></tr></thead><tbody>\n");
  for (int i = 0; i < nM; i++) {
    const char *zState = !strcmp(aM[i].zState, "envoye") ? "envoyé"
                         : !strcmp(aM[i].zState, "echec") ? "échec"
                         : case_mail_configured() ? "en cours d'envoi"
                                                  : "non envoyé (pas de "
                                                    "serveur de courriel)";
    html_printf(req, "<tr><td>%h</td><td>%h%h%h</td></tr>\n",
                aM[i].zSubject, zState, aM[i].zError[0] ? " : " : "",
                aM[i].zError);
  }
  html_printf(req, "</tbody></table></div>\n</section>\n");
}

static void dossier_render(Req *req, const Dossier *d, const KitErrors *e)
{
  Err err = {0};
  case_web_page_begin(req, html_mprintf(req, "Dossier %h", d->zRef),
                      "Dossiers", "/accompagnement/dossiers", d->zRef);
  html_printf(req, "<h1>Dossier %h <span class=\"badge badge-neutre\" "
                   "id=\"etat\">%h</span></h1>\n",
              d->zRef, nz(case_label(case_states, d->zState)));
  kit_error_box(req, e);
  if (*d->zAnonymisedAt) {
    html_printf(req, "<div class=\"alert alert-info\"><p>Dossier anonymisé le "
                     "%h : seules les données statistiques sont conservées."
                     "</p></div>\n", day(req, d->zAnonymisedAt));
  }
  html_printf(req, "<div class=\"grid-2\">\n<div>\n");
  dossier_facts(req, d);
  html_printf(req, "</div>\n<div>\n");
  dossier_side(req, d);
  html_printf(req, "</div>\n</div>\n");
  if (!*d->zAnonymisedAt) dossier_follow(req, d, e);
  CaseTask *aT;
  int nT;
  if (!case_task_list(req_db(req), req_arena(req), d->id, &aT, &nT, &err)) {
    html_printf(req, "<section aria-labelledby=\"t-taches\">\n<h2 "
                     "id=\"t-taches\">Sous-tâches (une par besoin)</h2>\n"
                     "<ul class=\"cards\">\n");
    for (int i = 0; i < nT; i++) dossier_task(req, d, &aT[i]);
    html_printf(req, "</ul>\n</section>\n");
  }
  if (xPanel && !*d->zAnonymisedAt) {
    xPanel(req, d->id, d->zRef,
           arena_printf(req_arena(req), "%s %s", d->zFirstName, d->zLastName),
           d->zProfession, d->zStatus,
           !strcmp(d->zTerritoryKind, "commune") ? d->zTerritoryCode : "",
           strcmp(d->zState, "clos") != 0);
  }
  if (!*d->zAnonymisedAt) {
    dossier_opinions(req, d);
    dossier_events(req, d);
    dossier_attachments(req, d);
    dossier_mail(req, d);
  }
  dossier_history(req, d);
  dossier_gdpr(req, d);
  page_end(req);
}

/* ROUTE: GET /accompagnement/dossiers/{id} agent */
void case_page_dossier(Req *req)
{
  Dossier d;
  if (case_web_dossier_open_or_404(req, &d)) return;
  dossier_render(req, &d, NULL);
}

/* ---- actions ------------------------------------------------------------------- */

/* After an action: back to the dossier (303), or the page again with the
** reason of an input error (400), or the incident page. */
static void dossier_after(Req *req, const Dossier *d, int rc, const Err *err,
                          const char *zAnchor)
{
  if (!rc) {
    reply_redirect(req, html_mprintf(req, "/accompagnement/dossiers/%lld#%h",
                                     (long long)d->id, zAnchor));
    return;
  }
  if (rc == ERR_INPUT || rc == ERR_NOTFOUND) {
    Dossier again;
    Err e2 = {0};
    KitErrors e = {0};
    kit_error_from(req, &e, err);
    reply_status(req, 400);
    if (case_dossier_get(req_db(req), req_arena(req), d->id, &again, &e2)) {
      again = *d;
    }
    dossier_render(req, &again, &e);
    return;
  }
  kit_reply_err(req, rc, err);
}

/* An action posted from the dossier page on dossier {id} (and sub-task
** {tid} when isTask): back to zAnchor (the sub-task's card), or the page
** with the error. */
static void page_act(Req *req, int isTask, CaseReqAct x, const char *zAnchor)
{
  Dossier d;
  CaseTask t;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d) ||
      (isTask && case_web_task_or_404(req, &d, &t))) {
    return;
  }
  int rc = x(req, &d, isTask ? &t : NULL, &err);
  dossier_after(req, &d, rc, &err, isTask ? arena_printf(req_arena(req),
                "tache-%lld", (long long)t.id) : zAnchor);
}

/* ROUTE: POST /accompagnement/dossiers/{id}/etat agent */
void case_post_transition(Req *req)
{
  page_act(req, 0, case_req_transition, "t-suivi");
}

/* ROUTE: POST /accompagnement/dossiers/{id}/attribution agent */
void case_post_assign(Req *req)
{
  page_act(req, 0, case_req_assign, "t-suivi");
}

/* ROUTE: POST /accompagnement/dossiers/{id}/taches/{tid} agent */
void case_post_task(Req *req)
{
  page_act(req, 1, case_req_task, NULL);
}

/* ROUTE: POST /accompagnement/dossiers/{id}/taches/{tid}/partenaire agent */
void case_post_handoff(Req *req)
{
  page_act(req, 1, case_req_handoff, NULL);
}

/* ROUTE: POST /accompagnement/dossiers/{id}/notes agent */
void case_post_note(Req *req)
{
  page_act(req, 0, case_req_note, "t-notes");
}

/* ROUTE: POST /accompagnement/dossiers/{id}/messages agent */
void case_post_message(Req *req)
{
  Dossier d;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d)) return;
  const char *zDir = kit_value(req, "sens");
  const char *zBody = kit_value(req, "texte");
  /* An outgoing message can notify the requester: queued with it, sent by
  ** the outbox thread (the dossier shows whether it left). */
  int isEmailed = !strcmp(zDir, "sortant") && *zBody && *d.zEmail &&
                  *kit_value(req, "courriel");
  int rc = case_act_message(req, &d, zDir, zBody, isEmailed, &err);
  dossier_after(req, &d, rc, &err, "t-messages");
}

/* POST /accompagnement/dossiers/{id}/suivi: action=revoquer|nouveau.
** ROUTE: POST /accompagnement/dossiers/{id}/suivi agent
*/
void case_post_follow(Req *req)
{
  Dossier d;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d)) return;
  const char *zAction = kit_value(req, "action");
  if (strcmp(zAction, "revoquer") && strcmp(zAction, "nouveau")) {
    reply_error(req, 400, "saisie_invalide", "Action inconnue.", "action");
    return;
  }
  int rc = case_act_follow(req, &d, !strcmp(zAction, "nouveau"), &err);
  dossier_after(req, &d, rc, &err, "t-courriels");
}

/* ROUTE: POST /accompagnement/dossiers/{id}/pieces agent */
void case_post_attachment(Req *req)
{
  Dossier d;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d)) return;
  const ReqFile *f = req_file(req, "fichier");
  if (!f || f->nData == 0) {
    err_set(&err, ERR_INPUT, "Choisissez un fichier à joindre.");
    dossier_after(req, &d, ERR_INPUT, &err, "t-pieces");
    return;
  }
  int rc = case_act_attachment(req, &d, f, &err);
  dossier_after(req, &d, rc, &err, "t-pieces");
}

/* ROUTE: GET /accompagnement/dossiers/{id}/pieces/{pid} agent */
void case_get_attachment(Req *req)
{
  Dossier d;
  CaseAttachment x;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d)) return;
  int64_t pid = kit_arg_id_or_404(req, "pid");
  if (!pid) return;
  if (case_attachment_get(req_db(req), req_arena(req), pid, &x, &err) ||
      x.dossierId != d.id) {
    reply_error(req, 404, "introuvable", "Pièce jointe introuvable.", NULL);
    return;
  }
  const char *zPath = arena_printf(req_arena(req), "%s/%s",
                                   case_attach_dir(req_db(req), req_arena(req)),
                                   x.zSha256);
  FILE *f = fopen(zPath, "rb");
  unsigned char *a = arena_alloc(req_arena(req), (size_t)x.nSize + 1);
  size_t n = f ? fread(a, 1, (size_t)x.nSize + 1, f) : 0;
  if (f) fclose(f);
  /* The checksum is verified on every read: a damaged or swapped file is
  ** never served as the requester's document. */
  unsigned char aHash[crypto_hash_sha256_BYTES];
  char zHex[65];
  crypto_hash_sha256(aHash, a, n);
  sodium_bin2hex(zHex, sizeof zHex, aHash, sizeof aHash);
  if (n != (size_t)x.nSize || strcmp(zHex, x.zSha256)) {
    err_set(&err, ERR_IO, "pièce jointe %lld illisible ou altérée",
            (long long)x.id);
    reply_incident(req, &err);
    return;
  }
  reply_bytes(req, 200, x.zType, a, n, x.zName);
}

/* ROUTE: GET /accompagnement/dossiers/{id}/rgpd.json agent */
void case_get_gdpr_export(Req *req)
{
  Dossier d;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d)) return;
  Store *db = req_db(req);
  json_t *pOut = json_object();
  json_t *pList = json_array();
  int64_t *aId = NULL;
  int n = 0;
  if (*d.zEmail) {
    case_person_dossiers(db, req_arena(req), d.zEmail, &aId, &n, &err);
  }
  for (int i = 0; i < n; i++) {
    Dossier o;
    if (!case_dossier_get(db, req_arena(req), aId[i], &o, &err)) {
      json_array_append_new(pList, case_json_dossier(req, &o, 1));
    }
  }
  if (n == 0) json_array_append_new(pList, case_json_dossier(req, &d, 1));
  char zNow[24];
  json_object_set_new(pOut, "exporte_le",
                      json_string(case_time_format(case_clock_now(), zNow)));
  json_object_set_new(pOut, "dossiers", pList);
  int rc = case_act_export(req, &d, "gdpr_export", "", &err);
  char *z = rc ? NULL : json_dumps(pOut, JSON_INDENT(2));
  json_decref(pOut);
  if (!z) {
    reply_incident(req, &err);
    return;
  }
  size_t nz2 = strlen(z);
  void *p = arena_alloc(req_arena(req), nz2);
  memcpy(p, z, nz2);
  free(z);
  reply_bytes(req, 200, "application/json; charset=utf-8", p, nz2,
              arena_printf(req_arena(req), "donnees-%s.json", d.zRef));
}

/* ROUTE: POST /accompagnement/dossiers/{id}/effacement agent */
void case_post_erase(Req *req)
{
  Dossier d;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d)) return;
  if (strcmp(kit_value(req, "confirmation"), d.zRef)) {
    err_set(&err, ERR_INPUT, "Pour effacer, tapez exactement la référence du "
            "dossier.");
    dossier_after(req, &d, ERR_INPUT, &err, "t-rgpd");
    return;
  }
  int nDone = 0;
  int rc = case_act_erase(req, &d, &nDone, &err);
  dossier_after(req, &d, rc, &err, "t-rgpd");
}
