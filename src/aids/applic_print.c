/*
** aids/applic_print.c: what an instruction prints and exports.
**
**   GET  /instruction                            applications by state
**   GET  /instruction/demandes/{id}/decision     the decision letter
**   GET  /instruction/demandes/{id}/convention   the convention, with the
**                                                scheme's commitment terms
**                                                and the payment schedule
**   GET  /instruction/commissions                sessions, and a new one
**   POST /instruction/commissions
**   GET  /instruction/commissions/{id}           agenda and decisions
**   GET  /instruction/commissions/{id}/proces-verbal?format=csv|xlsx
**                                                the minutes (exp_*)
**   GET  /api/v1/demandes-aide, /{id}            the same as JSON
**
** Letters are plain pages with the print style sheet (web/css/oasis.css,
** « print-doc »): the browser prints them, nothing else is needed.
*/
#include <stdio.h>
#include <string.h>

#include "aids/applic_int.h"

/* The scheme of a, from the catalogue in the database (all states), and
** its catalogue (the caller frees it); NULL with a 500 answered. */
static const AidScheme *applic_scheme(Req *req, const AidApplic *a,
                                      AidCatalog **ppCat)
{
  *ppCat = aid_web_catalog_or_reply(req, 1);
  if (!*ppCat) return NULL;
  aid_catalog_name_places(req_db(req), *ppCat);
  int i = aid_catalog_find(*ppCat, a->zAid);
  if (i < 0) {
    aid_catalog_free(*ppCat);
    *ppCat = NULL;
    reply_error(req, 404, "introuvable", "Cette aide n'est plus au "
                "catalogue.", NULL);
    return NULL;
  }
  return &(*ppCat)->aScheme[i];
}

/* Letterhead: who writes, to whom, when. */
static void print_head(Req *req, const AidScheme *s, const AidApplic *a,
                       const char *zDate, const char *zTitle)
{
  page_begin(req, zTitle);
  html_printf(req, "<p class=\"no-print\"><a href=\"/instruction/demandes/"
                   "%lld\">Retour à la demande</a> — imprimez cette page "
                   "depuis votre navigateur.</p>\n<article class=\"print-doc\">"
                   "\n<header class=\"print-head\"><p><strong>%h</strong></p>"
                   "<p>Le %h</p><p class=\"print-to\">%h</p></header>\n"
                   "<h1>%h</h1>\n<p>Objet : %h — demande n° %lld</p>\n",
              (long long)a->id, *s->zPorteurName ? s->zPorteurName : s->zName,
              kit_date_fr(req, zDate), a->zBeneficiary, zTitle, s->zName,
              (long long)a->id);
}

static void print_terms(Req *req, const AidScheme *s)
{
  const char *zTerms = aid_web_commit_text(req, s);
  html_printf(req, "<h2>Engagements du bénéficiaire</h2>\n<p>%h</p>\n",
              *zTerms ? zTerms : "Cette aide n'engage à aucune durée "
                                 "d'exercice.");
}

/* ROUTE: GET /instruction/demandes/{id}/decision agent */
void applic_page_decision(Req *req)
{
  AidApplic a;
  AidCatalog *pCat;
  const AidScheme *s;
  if (applic_or_404(req, &a)) return;
  if (a.state < AID_AS_GRANTED) {
    reply_error(req, 404, "introuvable", "Aucune décision n'est encore "
                "prise sur cette demande.", NULL);
    return;
  }
  if (!(s = applic_scheme(req, &a, &pCat))) return;
  print_head(req, s, &a, a.zDecidedOn, "Décision sur votre demande d'aide");
  html_printf(req, "<p>Madame, Monsieur,</p>\n");
  if (a.state == AID_AS_REFUSED) {
    html_printf(req, "<p>La commission réunie le %h a examiné votre demande. "
                     "Elle a décidé de <strong>ne pas vous accorder</strong> "
                     "l'aide « %h », pour les motifs suivants :</p>\n"
                     "<p class=\"pre-line\">%h</p>\n",
                kit_date_fr(req, a.zSessionDate), s->zName, a.zDecision);
  } else {
    html_printf(req, "<p>La commission réunie le %h a examiné votre demande. "
                     "Elle a décidé de vous accorder l'aide « %h » pour un "
                     "montant de <strong id=\"montant\">%h</strong>.</p>\n",
                kit_date_fr(req, a.zSessionDate), s->zName,
                kit_euros(req, a.grantedCents));
    print_terms(req, s);
    html_printf(req, "<p>Une convention précise ces engagements et le "
                     "calendrier des versements ; elle vous sera remise pour "
                     "signature.</p>\n");
  }
  html_printf(req, "<p>Pour toute question : %h.</p>\n<p class=\"print-sign\">"
                   "Le guichet unique</p>\n</article>\n",
              *s->zContact ? s->zContact : "le guichet unique");
  page_end(req);
  aid_catalog_free(pCat);
}

void applic_schedule_section(Req *req, long long commitmentId)
{
  Err err = {0};
  AidDue *aD;
  int n = 0;
  if (aid_schedule_list(req_db(req), req_arena(req), commitmentId, &aD, &n,
                        &err) || n == 0) {
    return;
  }
  int64_t total = 0;
  html_printf(req, "<section aria-labelledby=\"t-echeancier\">\n<h2 "
                   "id=\"t-echeancier\">Échéancier des versements</h2>\n"
                   "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"t-echeancier\"><table>\n<thead><tr><th "
                   "scope=\"col\">Date</th><th scope=\"col\">Montant</th></tr>"
                   "</thead><tbody>\n");
  for (int i = 0; i < n; i++) {
    total += aD[i].cents;
    html_printf(req, "<tr><td>%h</td><td>%h</td></tr>\n",
                kit_date_fr(req, aD[i].zDate), kit_euros(req, aD[i].cents));
  }
  html_printf(req, "</tbody><tfoot><tr><th scope=\"row\">Total (%d "
                   "versement%s)</th><td>%h</td></tr></tfoot></table></div>\n"
                   "</section>\n", n, n > 1 ? "s" : "" /*trusted*/,
              kit_euros(req, total));
}

/* ROUTE: GET /instruction/demandes/{id}/convention agent */
void applic_page_convention(Req *req)
{
  AidApplic a;
  AidCatalog *pCat;
  const AidScheme *s;
  char zToday[11];
  if (applic_or_404(req, &a)) return;
  if (a.state != AID_AS_GRANTED && a.state != AID_AS_SIGNED) {
    reply_error(req, 404, "introuvable", "Une convention suit une aide "
                "accordée.", NULL);
    return;
  }
  if (!(s = applic_scheme(req, &a, &pCat))) return;
  clock_today_iso(zToday);
  print_head(req, s, &a, zToday, "Convention d'attribution d'aide");
  html_printf(req, "<h2>Entre</h2>\n<p>%h, ci-après « le financeur »,</p>\n"
                   "<p>et %h, ci-après « le bénéficiaire ».</p>\n"
                   "<h2>Article 1 — Objet</h2>\n<p>Le financeur attribue au "
                   "bénéficiaire l'aide « %h », d'un montant total de "
                   "<strong>%h</strong>, par décision de la commission du %h."
                   "</p>\n<h2>Article 2 — Engagements</h2>\n",
              *s->zPorteurName ? s->zPorteurName : s->zName, a.zBeneficiary,
              s->zName, kit_euros(req, a.grantedCents),
              kit_date_fr(req, a.zSessionDate));
  const char *zTerms = aid_web_commit_text(req, s);
  html_printf(req, "<p>%h</p>\n",
              *zTerms ? zTerms : "Aucune durée d'exercice n'est exigée.");
  html_printf(req, "<h2>Article 3 — Versements</h2>\n");
  if (a.commitmentId) {
    applic_schedule_section(req, a.commitmentId);
  } else {
    html_printf(req, "<p>Le calendrier des versements est arrêté à la "
                     "signature, selon les mois d'aide de la simulation.</p>"
                     "\n");
  }
  html_printf(req, "<div class=\"print-signatures\"><p>Pour le financeur"
                   "</p><p>Le bénéficiaire</p></div>\n</article>\n");
  page_end(req);
  aid_catalog_free(pCat);
}

/* ---- commission sessions --------------------------------------------------- */

static void sessions_render(Req *req, const KitErrors *e)
{
  Err err = {0};
  AidSession *a;
  int n = 0;
  if (aid_session_list(req_db(req), req_arena(req), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Séances de la commission");
  kit_breadcrumb(req, "Instruction des aides", "/instruction",
                 "Commission", NULL, NULL);
  html_printf(req, "<h1>Séances de la commission</h1>\n<ul>\n");
  for (int i = 0; i < n; i++) {
    html_printf(req, "<li><a href=\"/instruction/commissions/%lld\">%h — %h"
                     "</a> (%d demande%s)</li>\n", (long long)a[i].id,
                kit_date_fr(req, a[i].zDate), a[i].zTitle, a[i].nApplic,
                a[i].nApplic > 1 ? "s" : "" /*trusted*/);
  }
  if (n == 0) html_printf(req, "<li>Aucune séance.</li>\n");
  html_printf(req, "</ul>\n<h2>Nouvelle séance</h2>\n");
  kit_error_box(req, e);
  form_begin(req, "/instruction/commissions");
  kit_input(req, e, "date", "Date de la séance", "date",
            e ? kit_value(req, "date") : "", NULL);
  kit_input(req, e, "titre", "Titre", "text", e ? kit_value(req, "titre") : "",
            "exemple : Commission des aides à l'installation");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Créer la séance</button></div>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /instruction/commissions agent */
void applic_page_sessions(Req *req)
{
  sessions_render(req, NULL);
}

typedef struct SessionNew SessionNew;
struct SessionNew {
  const char *zDate, *zTitle;
  long long id;
};

static const KitField aSessionField[] = {
  {"date", "Date de la séance", KIT_DATE, KIT_REQUIRED,
   offsetof(SessionNew, zDate), 0, 0, NULL, NULL},
  {"titre", "Titre", KIT_TEXT, KIT_REQUIRED, offsetof(SessionNew, zTitle), 0,
   200, NULL, NULL},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

static int session_create(Req *req, void *pArg, Err *err)
{
  SessionNew *x = pArg;
  char zNow[24];
  applic_now(zNow);
  int rc = aid_session_create(req_db(req), x->zDate, x->zTitle, zNow, &x->id,
                              err);
  return rc ? rc : kit_audit(req, "commission", x->id, "create", NULL,
                             json_pack("{s:s}", "date", x->zDate), err);
}

/* ROUTE: POST /instruction/commissions agent */
void applic_post_session(Req *req)
{
  SessionNew x;
  KitErrors e = {0};
  Err err = {0};
  memset(&x, 0, sizeof x);
  int rc = kit_read(req, aSessionField, &x, &e) ? ERR_INPUT
                                                : kit_write(req, session_create,
                                                            &x, &err);
  if (rc == ERR_INPUT) {
    if (!e.n) kit_error_from(req, &e, &err);
    reply_status(req, 400);
    sessions_render(req, &e);
    return;
  }
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/instruction/commissions/%lld",
                                   x.id));
}

/* Session {id} and its agenda, or an answer queued and -1. */
static int session_or_reply(Req *req, AidSession *s, AidApplic **paA, int *pn)
{
  Err err = {0};
  long long id = kit_arg_id_or_404(req, "id");
  if (!id) return -1;
  int rc = aid_session_get(req_db(req), req_arena(req), id, s, &err);
  if (!rc) {
    rc = aid_applic_list(req_db(req), req_arena(req), 0, -1, id, paA, pn,
                         &err);
  }
  if (rc) {
    kit_reply_err(req, rc, &err);
    return -1;
  }
  return 0;
}

/* ROUTE: GET /instruction/commissions/{id} agent */
void applic_page_session(Req *req)
{
  AidSession s;
  AidApplic *a;
  int n = 0;
  if (session_or_reply(req, &s, &a, &n)) return;
  page_begin(req, html_mprintf(req, "Commission du %h",
                               kit_date_fr(req, s.zDate)));
  kit_breadcrumb(req, "Instruction des aides", "/instruction", "Commission",
                 "/instruction/commissions", kit_date_fr(req, s.zDate), NULL,
                 NULL);
  html_printf(req, "<h1>%h — séance du %h</h1>\n<p>Procès-verbal : <a "
                   "href=\"/instruction/commissions/%lld/proces-verbal?"
                   "format=csv\">CSV</a> · <a href=\"/instruction/commissions/"
                   "%lld/proces-verbal?format=xlsx\">XLSX</a></p>\n",
              s.zTitle, kit_date_fr(req, s.zDate), (long long)s.id,
              (long long)s.id);
  if (n == 0) {
    html_printf(req, "<p>Aucune demande à l'ordre du jour : on y inscrit une "
                     "demande complète depuis sa page.</p>\n");
  } else {
    applic_table(req, a, n, "Ordre du jour et décisions");
  }
  page_end(req);
}

/* ROUTE: GET /instruction/commissions/{id}/proces-verbal agent */
void applic_session_minutes(Req *req)
{
  AidSession s;
  AidApplic *a;
  int n = 0;
  ExpFormat f;
  if (exp_format_parse(kit_query(req, "format"), &f) ||
      (f != EXP_CSV && f != EXP_XLSX)) {
    reply_error(req, 400, "saisie_invalide", "Format csv ou xlsx attendu.",
                "format");
    return;
  }
  if (session_or_reply(req, &s, &a, &n)) return;
  ExpTable *t = exp_new("Procès-verbal");
  exp_col(t, "demande", "Demande", EXP_INTEGER);
  exp_col(t, "aide", "Aide", EXP_TEXT);
  exp_col(t, "beneficiaire", "Bénéficiaire", EXP_TEXT);
  exp_col(t, "decision", "Décision", EXP_TEXT);
  exp_col(t, "montant_centimes", "Montant accordé", EXP_MONEY);
  exp_col(t, "motifs", "Motifs", EXP_TEXT);
  for (int i = 0; i < n; i++) {
    exp_row(t);
    exp_integer(t, a[i].id);
    exp_text(t, *a[i].zAidName ? a[i].zAidName : a[i].zAid);
    exp_text(t, a[i].zBeneficiary);
    exp_text(t, a[i].state == AID_AS_COMMISSION
                    ? "à examiner" : aid_applic_state_label(a[i].state));
    if (a[i].grantedCents > 0) {
      exp_money(t, a[i].grantedCents);
    } else {
      exp_empty(t);
    }
    exp_text(t, a[i].zDecision);
  }
  exp_provenance(t, arena_printf(req_arena(req), "Commission « %s » du %s",
                                 s.zTitle, kit_date_fr(req, s.zDate)));
  exp_reply(req, t, f, arena_printf(req_arena(req), "proces-verbal-%s",
                                    s.zDate));
  exp_free(t);
}

/* ---- the list ------------------------------------------------------------------ */

void applic_table(Req *req, const AidApplic *a, int n, const char *zCaption)
{
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-label=\"%h\"><table>\n<caption>%h (%d)</caption>\n"
                   "<thead><tr><th scope=\"col\">Demande</th><th scope=\"col\">"
                   "Aide</th><th scope=\"col\">Bénéficiaire</th><th "
                   "scope=\"col\">État</th><th scope=\"col\">Montant accordé"
                   "</th></tr></thead><tbody>\n", zCaption, zCaption, n);
  for (int i = 0; i < n; i++) {
    html_printf(req, "<tr><th scope=\"row\"><a href=\"/instruction/demandes/"
                     "%lld\">n° %lld</a></th><td>%h</td><td>%h</td><td>",
                (long long)a[i].id, (long long)a[i].id,
                *a[i].zAidName ? a[i].zAidName : a[i].zAid,
                a[i].zBeneficiary);
    applic_state_badge(req, a[i].state);
    html_printf(req, "</td><td>%h</td></tr>\n", a[i].grantedCents
                    ? kit_euros(req, a[i].grantedCents) : "—");
  }
  html_printf(req, "</tbody></table></div>\n");
}

/* ROUTE: GET /instruction agent */
void applic_page_list(Req *req)
{
  Err err = {0};
  AidApplic *a;
  int n = 0;
  int state = aid_applic_state_find(kit_query(req, "etat"));
  if (aid_applic_list(req_db(req), req_arena(req), 0, state, 0, &a, &n,
                      &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Instruction des aides");
  html_printf(req, "<h1>Instruction des aides</h1>\n<p><a href=\""
                   "/instruction/demandes/nouvelle\">Nouvelle demande</a> · "
                   "<a href=\"/instruction/commissions\">Séances de la "
                   "commission</a></p>\n<nav aria-label=\"Filtrer par état\">"
                   "<ul class=\"inline-list\">\n<li><a href=\"/instruction\">"
                   "Toutes</a></li>\n");
  for (int s = 0; s < AID_NAS; s++) {
    html_printf(req, "<li><a href=\"/instruction?etat=%u\"%s>%h</a></li>\n",
                aid_applic_state_code(s),
                s == state ? " aria-current=\"page\"" : "" /*trusted*/,
                aid_applic_state_label(s));
  }
  html_printf(req, "</ul></nav>\n");
  if (n == 0) {
    html_printf(req, "<p>Aucune demande.</p>\n");
  } else {
    applic_table(req, a, n, "Demandes d'aide");
  }
  page_end(req);
}

/* ---- the JSON API: what the pages show ---------------------------------- */

static json_t *applic_json(Req *req, const AidApplic *a, int isFull)
{
  json_t *o = json_pack(
      "{s:I,s:s,s:s,s:o,s:s,s:s,s:o,s:o,s:o,s:s,s:s,s:o,s:i}",
      "id", (json_int_t)a->id, "aide", a->zAid, "aide_nom", a->zAidName,
      "dossier", a->dossierId ? json_integer(a->dossierId) : json_null(),
      "beneficiaire", a->zBeneficiary, "etat", aid_applic_state_code(a->state),
      "commission", a->sessionId ? json_integer(a->sessionId) : json_null(),
      "montant_accorde_centimes",
      a->grantedCents ? json_integer(a->grantedCents) : json_null(),
      "engagement", a->commitmentId ? json_integer(a->commitmentId)
                                    : json_null(),
      "commune", a->zPlace, "deposee_le", a->zCreatedAt,
      "decision_le", *a->zDecidedOn ? json_string(a->zDecidedOn) : json_null(),
      "pieces_manquantes", a->nDocMissing);
  if (!isFull) return o;
  Err err = {0};
  AidApplicDoc *aD;
  AidApplicEvent *aE;
  AidDue *aS = NULL;
  int nD = 0, nE = 0, nS = 0;
  aid_applic_docs(req_db(req), req_arena(req), a->id, &aD, &nD, &err);
  aid_applic_log(req_db(req), req_arena(req), a->id, &aE, &nE, &err);
  if (a->commitmentId) {
    aid_schedule_list(req_db(req), req_arena(req), a->commitmentId, &aS, &nS,
                      &err);
  }
  json_t *pDocs = json_array(), *pLog = json_array(), *pDue = json_array();
  for (int i = 0; i < nD; i++) {
    json_array_append_new(pDocs, json_pack("{s:s,s:o}", "piece", aD[i].zLabel,
        "recue_le", *aD[i].zReceived ? json_string(aD[i].zReceived)
                                     : json_null()));
  }
  for (int i = 0; i < nE; i++) {
    json_array_append_new(pLog, json_pack("{s:s,s:s,s:o,s:s,s:s}", "le",
        aE[i].zAt, "par", aE[i].zActor, "de",
        *aE[i].zFrom ? json_string(aE[i].zFrom) : json_null(), "vers",
        aE[i].zTo, "note", aE[i].zNote));
  }
  for (int i = 0; i < nS; i++) {
    json_array_append_new(pDue, json_pack("{s:s,s:I}", "date", aS[i].zDate,
        "montant_centimes", (json_int_t)aS[i].cents));
  }
  json_object_set_new(o, "pieces", pDocs);
  json_object_set_new(o, "historique", pLog);
  json_object_set_new(o, "echeancier", pDue);
  json_object_set_new(o, "profil", json_loads(a->zProfile, 0, NULL));
  return o;
}

/* GET /api/v1/demandes-aide?dossier=&etat=&commission=
** ROUTE: GET /api/v1/demandes-aide agent api
*/
void applic_api_list(Req *req)
{
  Err err = {0};
  AidApplic *a;
  int n = 0;
  const char *zState = kit_query(req, "etat");
  int state = aid_applic_state_find(zState);
  if (*zState && state < 0) {
    reply_error(req, 400, "saisie_invalide", "État inconnu.", "etat");
    return;
  }
  if (aid_applic_list(req_db(req), req_arena(req),
                      kit_query_int(req, "dossier", 0), state,
                      kit_query_int(req, "commission", 0), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *pList = json_array();
  for (int i = 0; i < n; i++) {
    json_array_append_new(pList, applic_json(req, &a[i], 0));
  }
  reply_json(req, 200, json_pack("{s:i,s:o}", "nombre", n, "demandes", pList));
}

/* ROUTE: GET /api/v1/demandes-aide/{id} agent api */
void applic_api_get(Req *req)
{
  AidApplic a;
  if (applic_or_404(req, &a)) return;
  reply_json(req, 200, applic_json(req, &a, 1));
}
