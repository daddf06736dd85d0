/*
** cases/pages_list.c: the agents' home (/accompagnement: the "à relancer"
** basket and the counts), the filtered list of dossiers with filters saved
** per user, and its CSV/XLSX export with chosen columns.
*/
#include <stdio.h>
#include <string.h>

#include "cases/web_int.h"
#include "web/export.h"

enum { LIST_MAX = 500, EXPORT_MAX = 100000 };

/* ---- filters ------------------------------------------------------------------ */

void case_web_filter_read(Req *req, int isForm, CaseFilter *f)
{
  const char *(*get)(Req *, const char *) = isForm ? kit_value : kit_query;
  memset(f, 0, sizeof *f);
  f->zState = get(req, "etat");
  f->zTerritory = get(req, "territoire");
  f->zNeed = get(req, "besoin");
  f->zProfession = get(req, "profession");
  f->zChannel = get(req, "canal");
  f->zFrom = get(req, "du");
  f->zTo = get(req, "au");
  f->zText = get(req, "q");
  const char *zAgent = get(req, "agent");
  const User *u = req_user(req);
  long nAgent;
  if (!strcmp(zAgent, "moi") && u) f->agentId = u->id;
  if (!strcmp(zAgent, "aucun")) f->agentId = -1;
  if (str_to_long(zAgent, &nAgent) == 0 && nAgent > 0) f->agentId = nAgent;
  long nGroup;
  if (str_to_long(get(req, "groupe"), &nGroup) == 0 && nGroup > 0) {
    f->groupId = nGroup;
  }
  /* Unknown codes and malformed dates filter nothing rather than all. */
  if (case_code_index(case_states, f->zState) < 0) f->zState = "";
  if (case_code_index(case_needs, f->zNeed) < 0) f->zNeed = "";
  if (case_code_index(case_professions, f->zProfession) < 0) f->zProfession = "";
  if (case_code_index(case_channels, f->zChannel) < 0) f->zChannel = "";
  int64_t t;
  if (strlen(f->zFrom) != 10 || case_time_parse(f->zFrom, &t)) f->zFrom = "";
  if (strlen(f->zTo) != 10 || case_time_parse(f->zTo, &t)) f->zTo = "";
}

const char *case_web_filter_query(Req *req, const CaseFilter *f)
{
  Str s = STR_INIT;
  const char *azName[] = {"etat", "territoire", "besoin", "profession",
                          "canal", "du", "au", "q"};
  const char *azValue[] = {f->zState, f->zTerritory, f->zNeed, f->zProfession,
                           f->zChannel, f->zFrom, f->zTo, f->zText};
  for (int i = 0; i < 8; i++) {
    if (!azValue[i] || !*azValue[i]) continue;
    html_strf(&s, "%s%s=%u", s.n ? "&" : "" /*trusted*/, azName[i] /*trusted*/,
              azValue[i]);
  }
  const User *u = req_user(req);
  if (f->agentId < 0 || (u && f->agentId == u->id)) {
    html_strf(&s, "%sagent=%s", s.n ? "&" : "" /*trusted*/,
              f->agentId < 0 ? "aucun" : "moi" /*trusted*/);
  } else if (f->agentId > 0) {
    html_strf(&s, "%sagent=%lld", s.n ? "&" : "" /*trusted*/,
              (long long)f->agentId);
  }
  if (f->groupId > 0) {
    html_strf(&s, "%sgroupe=%lld", s.n ? "&" : "" /*trusted*/,
              (long long)f->groupId);
  }
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return z;
}

/* ---- home ------------------------------------------------------------------------ */

/* What came in for the team: the partners' avis not read yet, and the
** new requests each instructor group has to take.  -1 with a 500 queued. */
static int home_to_read(Req *req)
{
  Err err = {0};
  const User *u = req_user(req);
  CaseGroup *aG;
  int nG = 0;
  if (case_group_list(req_db(req), req_arena(req), &aG, &nG, &err)) {
    reply_incident(req, &err);
    return -1;
  }
  html_printf(req, "<h2>À lire, à prendre</h2>\n<ul class=\"cards\">\n"
                   "<li class=\"card stat\"><span class=\"stat-value\" "
                   "id=\"nb-avis\">%d</span> <span class=\"stat-label\">avis "
                   "de partenaires non lus (vos dossiers et ceux de personne)"
                   "</span></li>\n",
              case_opinion_unseen_count(req_db(req), u ? u->id : 0));
  for (int i = 0; i < nG; i++) {
    html_printf(req, "<li class=\"card stat\"><a class=\"stat-value\" "
                     "href=\"/accompagnement/dossiers?etat=nouveau&amp;"
                     "agent=aucun&amp;groupe=%lld\">%d</a> <span "
                     "class=\"stat-label\">nouvelles demandes du groupe %h"
                     "</span></li>\n", (long long)aG[i].id, aG[i].nNew,
                aG[i].zName);
  }
  html_printf(req, "</ul>\n");
  return 0;
}

/* ROUTE: GET /accompagnement public */
void case_page_home(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  page_begin(req, "Accompagnement");
  html_printf(req, "<h1>Accompagnement des professionnels de santé</h1>\n");
  if (req_role(req) < ROLE_AGENT) {
    html_printf(req,
        "<p class=\"lead\">Le guichet unique accompagne les médecins, internes "
        "et étudiants qui souhaitent s'installer, remplacer, faire un stage ou "
        "rejoindre un centre de santé sur notre territoire.</p>\n"
        "<p><a class=\"btn\" href=\"/demande\">Faire une demande "
        "d'accompagnement</a></p>\n");
    if (req_role(req) >= ROLE_LECTEUR) {
      html_printf(req, "<p><a href=\"/accompagnement/statistiques\">"
                       "Statistiques du guichet unique</a></p>\n");
    }
    page_end(req);
    return;
  }
  const User *u = req_user(req);
  CaseFilter all = {0};
  int aCount[CASE_NSTATE];
  if (case_dossier_count_states(db, &all, aCount, &err)) {
    reply_incident(req, &err);
    return;
  }
  html_printf(req, "<div class=\"page-header\"><p class=\"lead\">Le guichet "
                   "unique : demandes, suivi, partenaires.</p>"
                   "<p><a class=\"btn\" href=\"/accompagnement/nouveau\">"
                   "Saisir une demande</a></p></div>\n"
                   "<h2>Dossiers par état</h2>\n<ul class=\"cards\">\n");
  for (int i = 0; i < CASE_NSTATE; i++) {
    html_printf(req, "<li class=\"card stat\"><a class=\"stat-value\" "
                     "href=\"/accompagnement/dossiers?etat=%u\">%d</a> "
                     "<span class=\"stat-label\">%h</span></li>\n",
                case_states[i].zCode, aCount[i], case_states[i].zLabel);
  }
  html_printf(req, "</ul>\n");
  if (home_to_read(req)) return;
  CaseReminder *a;
  int n;
  if (case_reminder_list(db, req_arena(req), u ? u->id : 0, case_clock_now(),
                         &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  html_printf(req, "<h2 id=\"a-relancer\">À relancer</h2>\n"
                   "<p class=\"muted\">Vos dossiers et sous-tâches sans "
                   "activité depuis %d jours ou plus (2<sup>e</sup> relance "
                   "à %d jours), les partenaires à relancer à la date "
                   "prévue, et les demandes que personne n'a prises depuis "
                   "%d jours.</p>\n", CASE_IDLE_FIRST, CASE_IDLE_SECOND,
              CASE_UNASSIGNED_DAYS);
  if (n == 0) {
    html_printf(req, "<p>Rien à relancer.</p>\n");
  } else {
    html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\""
                     " aria-labelledby=\"a-relancer\"><table>\n"
                     "<caption>À relancer (%d)</caption>\n<thead><tr>"
                     "<th scope=\"col\">Dossier</th><th scope=\"col\">Quoi"
                     "</th><th scope=\"col\">Pourquoi</th>"
                     "<th scope=\"col\">Relance</th></tr></thead><tbody>\n", n);
    for (int i = 0; i < n; i++) {
      const char *zWhat = a[i].taskId
          ? case_label(case_needs, a[i].zWhat)
          : case_label(case_states, a[i].zWhat);
      const char *zLevel = a[i].level >= CASE_IDLE_SECOND
          ? "<strong>2<sup>e</sup> relance (21 j)</strong>"
          : a[i].level >= CASE_IDLE_FIRST ? "1<sup>re</sup> relance (9 j)"
                                          : "à faire aujourd'hui";
      html_printf(req, "<tr><th scope=\"row\"><a href=\"/accompagnement/"
                       "dossiers/%lld\">%h</a></th><td>%h%h</td><td>%h</td>"
                       "<td>%s</td></tr>\n",
                  (long long)a[i].dossierId, a[i].zRef,
                  a[i].taskId ? "Sous-tâche : " : "Dossier ", zWhat,
                  case_reminder_text(req_arena(req), &a[i]),
                  zLevel /*trusted*/);
    }
    html_printf(req, "</tbody></table></div>\n");
  }
  html_printf(req, "<h2>Aller à</h2>\n<ul>\n"
                   "<li><a href=\"/accompagnement/dossiers?agent=moi\">Mes "
                   "dossiers</a></li>\n"
                   "<li><a href=\"/accompagnement/dossiers\">Tous les "
                   "dossiers</a></li>\n"
                   "<li><a href=\"/accompagnement/partenaires\">Annuaire des "
                   "partenaires</a></li>\n"
                   "<li><a href=\"/accompagnement/groupes\">Groupes "
                   "d'instruction</a></li>\n"
                   "<li><a href=\"/instruction\">Instruction des demandes "
                   "d'aide et commission</a></li>\n"
                   "<li><a href=\"/accompagnement/statistiques\">Statistiques"
                   "</a></li>\n</ul>\n");
  page_end(req);
}

/* ---- list ------------------------------------------------------------------------ */

static void list_filter_form(Req *req, const CaseFilter *f, const char *zAgent)
{
  html_printf(req, "<form method=\"get\" action=\"/accompagnement/dossiers\" "
                   "class=\"filters\" aria-labelledby=\"titre-filtres\">\n"
                   "<h2 id=\"titre-filtres\">Filtres</h2>\n<div class=\"grid-2\">"
                   "\n<div>\n");
  kit_select(req, NULL, "etat", "État", case_web_options(req, case_states),
             f->zState, "Tous");
  /* Agents: "Moi", "Non attribué", then every other agent holding one. */
  Err err = {0};
  int64_t *aId;
  const char **azName;
  int nAgent = 0;
  const User *u = req_user(req);
  if (case_agent_list(req_db(req), req_arena(req), &aId, &azName, &nAgent,
                      &err)) {
    nAgent = 0;
  }
  const char **azOpt = arena_alloc(req_arena(req),
                                   (size_t)(2 * nAgent + 5) * sizeof *azOpt);
  int n = 0;
  azOpt[n++] = "moi";
  azOpt[n++] = "Moi";
  azOpt[n++] = "aucun";
  azOpt[n++] = "Non attribué";
  for (int i = 0; i < nAgent; i++) {
    if (u && aId[i] == u->id) continue;     /* that is "Moi" */
    azOpt[n++] = arena_printf(req_arena(req), "%lld", (long long)aId[i]);
    azOpt[n++] = azName[i];
  }
  azOpt[n] = NULL;
  kit_select(req, NULL, "agent", "Agent", azOpt, zAgent, "Tous");
  kit_input(req, NULL, "territoire", "Territoire", "text", f->zTerritory,
            "code ou nom");
  kit_select(req, NULL, "besoin", "Besoin", case_web_options(req, case_needs),
             f->zNeed, "Tous");
  html_printf(req, "</div>\n<div>\n");
  kit_select(req, NULL, "profession", "Profession",
             case_web_options(req, case_professions), f->zProfession,
             "Toutes");
  kit_select(req, NULL, "canal", "Canal", case_web_options(req, case_channels),
             f->zChannel, "Tous");
  kit_input(req, NULL, "du", "Reçu du", "date", f->zFrom, NULL);
  kit_input(req, NULL, "au", "au", "date", f->zTo, NULL);
  kit_input(req, NULL, "q", "Référence, nom ou courriel", "text", f->zText,
            NULL);
  html_printf(req, "</div>\n</div>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Filtrer</button> <a class=\"btn "
                   "btn-secondary\" href=\"/accompagnement/dossiers\">Effacer "
                   "les filtres</a></div>\n</form>\n");
}

/* The current filter as hidden fields of a POST form. */
static void list_hidden_filter(Req *req, const CaseFilter *f,
                               const char *zAgent)
{
  const char *azName[] = {"etat", "territoire", "besoin", "profession",
                          "canal", "du", "au", "q", "agent"};
  const char *azValue[] = {f->zState, f->zTerritory, f->zNeed, f->zProfession,
                           f->zChannel, f->zFrom, f->zTo, f->zText, zAgent};
  for (int i = 0; i < 9; i++) {
    html_printf(req, "<input type=\"hidden\" name=\"%h\" value=\"%h\">\n",
                azName[i], azValue[i]);
  }
}

typedef struct Column Column;
struct Column {
  const char *zCode, *zLabel;
};

static const Column aColumn[] = {
  {"reference", "Référence"}, {"etat", "État"}, {"canal", "Canal"},
  {"recu_le", "Reçu le"}, {"prenom", "Prénom"}, {"nom", "Nom"},
  {"email", "Courriel"}, {"telephone", "Téléphone"},
  {"profession", "Profession"}, {"statut", "Situation"}, {"projet", "Projet"},
  {"territoire", "Territoire"}, {"territoire_code", "Code territoire"},
  {"besoins", "Besoins"}, {"agent", "Agent"}, {"premier_contact", "Premier "
  "contact"}, {"clos_le", "Clos le"}, {"issue", "Issue"},
  {"commune_installation", "Commune d'installation"},
  {"date_installation", "Date d'installation"},
};
enum { NCOLUMN = sizeof aColumn / sizeof aColumn[0] };

/* Value of column iCol for dossier d (NULL for an unknown code). */
static const char *list_cell_raw(Req *req, const Dossier *d, int iCol)
{
  const char *z;
  switch (iCol) {
    case 0: return d->zRef;
    case 1: return case_label(case_states, d->zState);
    case 2: return case_label(case_channels, d->zChannel);
    case 3: return arena_strndup(req_arena(req), d->zCreatedAt, 10);
    case 4: return d->zFirstName;
    case 5: return d->zLastName;
    case 6: return d->zEmail;
    case 7: return d->zPhone;
    case 8: return case_label(case_professions, d->zProfession);
    case 9: return case_label(case_statuses, d->zStatus);
    case 10: return case_label(case_projects, d->zProject);
    case 11:
      return *d->zTerritoryLabel ? d->zTerritoryLabel
                                 : case_label(case_territory_kinds,
                                              d->zTerritoryKind);
    case 12: return d->zTerritoryCode;
    case 13: {
      Str s = STR_INIT;
      for (int k = 0; k < CASE_NNEED; k++) {
        if (d->needMask & (1u << k)) {
          str_appendf(&s, "%s%s", s.n ? ", " : "", case_needs[k].zLabel);
        }
      }
      z = arena_strdup(req_arena(req), str_text(&s));
      str_free(&s);
      return z;
    }
    case 14: return d->zAgentName;
    case 15: return arena_strndup(req_arena(req), d->zFirstContactAt, 10);
    case 16: return arena_strndup(req_arena(req), d->zClosedAt, 10);
    case 17: z = case_label(case_outcomes, d->zOutcome); return z ? z : "";
    case 18: return d->zOutcomeCommune;
    case 19: return d->zOutcomeDate;
  }
  return "";
}

/* Value of column iCol for dossier d (never NULL). */
static const char *list_cell(Req *req, const Dossier *d, int iCol)
{
  const char *z = list_cell_raw(req, d, iCol);
  return z ? z : "";
}

static void list_saved_filters(Req *req, const CaseFilter *f,
                               const char *zAgent)
{
  Err err = {0};
  const User *u = req_user(req);
  int64_t *aId;
  const char **azName, **azQuery;
  int n = 0;
  if (!u || case_filter_list(req_db(req), req_arena(req), u->id, &aId, &azName,
                             &azQuery, &n, &err)) {
    return;
  }
  html_printf(req, "<section aria-labelledby=\"titre-enregistres\">\n"
                   "<h2 id=\"titre-enregistres\">Mes filtres enregistrés</h2>"
                   "\n");
  if (n) html_printf(req, "<ul>\n");
  for (int i = 0; i < n; i++) {
    html_printf(req, "<li><a href=\"/accompagnement/dossiers?%h\">%h</a> ",
                azQuery[i], azName[i]);
    form_begin(req, html_mprintf(req, "/accompagnement/filtres/%lld/supprimer",
                                 (long long)aId[i]));
    html_printf(req, "<button type=\"submit\" class=\"btn-small "
                     "btn-secondary\">Supprimer<span class=\"visually-hidden\">"
                     " le filtre %h</span></button>\n", azName[i]);
    form_end(req);
    html_printf(req, "</li>\n");
  }
  if (n) html_printf(req, "</ul>\n");
  form_begin(req, "/accompagnement/filtres");
  list_hidden_filter(req, f, zAgent);
  kit_input(req, NULL, "nom_filtre", "Enregistrer le filtre actuel sous le nom",
            "text", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer le filtre</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
}

static void list_export_form(Req *req, const CaseFilter *f,
                             const char *zAgent)
{
  html_printf(req, "<section aria-labelledby=\"titre-export\">\n"
                   "<h2 id=\"titre-export\">Exporter la liste filtrée</h2>\n");
  form_begin(req, "/accompagnement/dossiers/export");
  list_hidden_filter(req, f, zAgent);
  html_printf(req, "<fieldset><legend>Colonnes</legend>\n");
  for (int i = 0; i < NCOLUMN; i++) {
    html_printf(req, "<label class=\"check\"><input type=\"checkbox\" "
                     "name=\"colonnes\" value=\"%h\"%s> %h</label>\n",
                aColumn[i].zCode,
                i < 4 || i == 8 || i == 13 ? " checked" : "" /*trusted*/,
                aColumn[i].zLabel);
  }
  html_printf(req, "</fieldset>\n<fieldset><legend>Format</legend>\n"
                   "<label class=\"check\"><input type=\"radio\" "
                   "name=\"format\" value=\"csv\" checked> CSV (point-virgule,"
                   " UTF-8)</label>\n<label class=\"check\"><input "
                   "type=\"radio\" name=\"format\" value=\"xlsx\"> Classeur "
                   "XLSX</label>\n</fieldset>\n<div class=\"form-actions\">"
                   "<button type=\"submit\">Exporter</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
}

/* ROUTE: GET /accompagnement/dossiers agent */
void case_page_list(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  CaseFilter f;
  case_web_filter_read(req, 0, &f);
  /* The agent as the forms carry it: "moi", "aucun" or an id. */
  const char *zAgent = kit_query(req, "agent");
  if (strcmp(zAgent, "moi") && strcmp(zAgent, "aucun")) {
    zAgent = f.agentId > 0 ? arena_printf(req_arena(req), "%lld",
                                          (long long)f.agentId) : "";
  }
  Dossier *a;
  int n, aCount[CASE_NSTATE];
  if (case_dossier_list(db, req_arena(req), &f, LIST_MAX, &a, &n, &err) ||
      case_dossier_count_states(db, &f, aCount, &err)) {
    reply_incident(req, &err);
    return;
  }
  case_web_page_begin(req, "Dossiers", NULL, NULL, "Dossiers");
  html_printf(req, "<div class=\"page-header\">"
                   "<h1>Dossiers</h1><p><a class=\"btn\" href=\"/"
                   "accompagnement/nouveau\">Saisir une demande</a></p></div>"
                   "\n");
  /* Counts per state of the same filter, each a link to that state. */
  html_printf(req, "<p id=\"compteurs\">Par état :");
  for (int i = 0; i < CASE_NSTATE; i++) {
    CaseFilter g = f;
    g.zState = case_states[i].zCode;
    html_printf(req, " <a href=\"/accompagnement/dossiers?%h\">%h : "
                     "<strong>%d</strong></a>%s",
                case_web_filter_query(req, &g), case_states[i].zLabel,
                aCount[i], i + 1 < CASE_NSTATE ? " ·" : "" /*trusted*/);
  }
  html_printf(req, "</p>\n");
  list_filter_form(req, &f, zAgent);
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"titre-liste\"><table>\n<caption "
                   "id=\"titre-liste\">%d dossier%s%s</caption>\n<thead><tr>"
                   "<th scope=\"col\">Référence</th><th scope=\"col\">Reçu le"
                   "</th><th scope=\"col\">Personne</th><th scope=\"col\">"
                   "Profession</th><th scope=\"col\">Territoire</th>"
                   "<th scope=\"col\">Canal</th><th scope=\"col\">État</th>"
                   "<th scope=\"col\">Agent</th></tr></thead>\n<tbody>\n",
              n, n > 1 ? "s" : "" /*trusted*/,
              n >= LIST_MAX ? " (les plus récents)" : "" /*trusted*/);
  for (int i = 0; i < n; i++) {
    const Dossier *d = &a[i];
    html_printf(req, "<tr><th scope=\"row\"><a href=\"/accompagnement/"
                     "dossiers/%lld\">%h</a></th><td>%h</td><td>%h %h%s</td>"
                     "<td>%h</td><td>%h</td><td>%h</td><td>%h</td><td>%h</td>"
                     "</tr>\n",
                (long long)d->id, d->zRef,
                kit_date_fr(req, list_cell(req, d, 3)),
                d->zFirstName, d->zLastName,
                *d->zAnonymisedAt ? "<em>anonymisé</em>" : "" /*trusted*/,
                list_cell(req, d, 8), list_cell(req, d, 11),
                list_cell(req, d, 2), list_cell(req, d, 1),
                *d->zAgentName ? d->zAgentName : "—");
  }
  html_printf(req, "</tbody></table></div>\n");
  list_saved_filters(req, &f, zAgent);
  list_export_form(req, &f, zAgent);
  page_end(req);
}

/* ROUTE: POST /accompagnement/filtres agent */
void case_post_filter_save(Req *req)
{
  Err err = {0};
  CaseFilter f;
  case_web_filter_read(req, 1, &f);
  const char *zQuery = case_web_filter_query(req, &f);
  int rc = case_act_filter_save(req, kit_value(req, "nom_filtre"), zQuery,
                                &err);
  kit_redirect_or_err(req, rc, &err,
                      html_mprintf(req, "/accompagnement/dossiers?%s",
                                   zQuery /*trusted*/));
}

/* ROUTE: POST /accompagnement/filtres/{id}/supprimer agent */
void case_post_filter_delete(Req *req)
{
  Err err = {0};
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  if (case_act_filter_delete(req, id, &err)) {
    reply_error(req, 404, "introuvable", "Filtre introuvable.", NULL);
    return;
  }
  reply_redirect(req, "/accompagnement/dossiers");
}

/* ---- export ---------------------------------------------------------------------- */

/* POST /accompagnement/dossiers/export: the filtered list with the chosen
** columns, as CSV or XLSX through the one export writer (web/export.h):
** header row first, formula-like cells neutralised, provenance in the
** X-Provenance header and the workbook's "Provenance" sheet.
** ROUTE: POST /accompagnement/dossiers/export agent
*/
void case_post_export(Req *req)
{
  Err err = {0};
  CaseFilter f;
  case_web_filter_read(req, 1, &f);
  const char **azCol = NULL;
  int nAsked = req_form_all(req, "colonnes", &azCol);
  int aiCol[NCOLUMN], nCol = 0;
  for (int j = 0; j < NCOLUMN; j++) {       /* in the table's order, once */
    for (int k = 0; k < nAsked; k++) {
      if (!strcmp(azCol[k], aColumn[j].zCode)) {
        aiCol[nCol++] = j;
        break;
      }
    }
  }
  if (nCol == 0) {
    err_set(&err, ERR_INPUT, "Choisissez au moins une colonne à exporter.");
    err_field(&err, "colonnes");
    kit_reply_err(req, ERR_INPUT, &err);
    return;
  }
  ExpFormat fmt = EXP_CSV;
  if (!strcmp(kit_value(req, "format"), "xlsx")) fmt = EXP_XLSX;
  Dossier *a;
  int n;
  const char *zQuery = case_web_filter_query(req, &f);
  int rc = case_dossier_list(req_db(req), req_arena(req), &f, EXPORT_MAX, &a,
                             &n, &err);
  if (!rc) rc = case_act_export(req, NULL, "export", zQuery, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  ExpTable *t = exp_new("Dossiers");
  for (int j = 0; j < nCol; j++) {
    exp_col(t, aColumn[aiCol[j]].zCode, aColumn[aiCol[j]].zLabel, EXP_TEXT);
  }
  for (int i = 0; i < n; i++) {
    exp_row(t);
    for (int j = 0; j < nCol; j++) exp_text(t, list_cell(req, &a[i], aiCol[j]));
  }
  char zNow[24];
  exp_provenance(t, arena_printf(req_arena(req), "Guichet unique : dossiers "
                                 "du filtre « %s », exportés le %s",
                                 *zQuery ? zQuery : "tous",
                                 case_time_format(case_clock_now(), zNow)));
  exp_reply(req, t, fmt, "dossiers");
  exp_free(t);
}
