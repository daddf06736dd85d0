/*
** cases/pages_follow.c: the requester's own space, opened by the private
** link of the acknowledgment e-mail, no account needed (issue 14).
**
**   GET  /suivi/{token}            where the request stands, in plain
**                                  French; the messages; the documents
**   POST /suivi/{token}/messages   a reply and/or a document
**
**   GET  /avis/{token}             a partner's page for the sub-task
**   POST /avis/{token}             handed to them: their « avis »
**                                  (favorable, besoin d'informations,
**                                  défavorable), a text, a document
**
** A wrong, revoked or expired token, or an anonymised dossier, is the
** same plain 404 as any unknown page: nothing tells them apart.  The
** routes are ROUTE_SECRET: the token is never logged and never leaves as
** a Referer.  Documents go through the same checks as the agents'.
*/
#include <string.h>

#include "cases/web_int.h"

/* The dossier the path's token opens, or a 404 queued and -1. */
static int follow_dossier_or_404(Req *req, Dossier *d)
{
  Err err = {0};
  int64_t id = case_follow_find(req_db(req), req_arg(req, "jeton"),
                                case_clock_now());
  if (!id || case_dossier_get(req_db(req), req_arena(req), id, d, &err)) {
    reply_error(req, 404, "introuvable", "La page demandée n'existe pas.",
                NULL);
    return -1;
  }
  return 0;
}

/* What the state means for the requester, and what comes next. */
static const char *follow_state_text(const Dossier *d)
{
  static const struct { const char *zState, *zText; } a[] = {
    {"nouveau", "Votre demande est enregistrée. Un membre du guichet unique "
                "va l'étudier et vous contacter."},
    {"en_cours", "Votre demande est suivie par l'équipe du guichet unique, "
                 "qui avance sur chacun de vos besoins ci-dessous."},
    {"attente_demandeur", "L'équipe attend une réponse ou un document de "
                          "votre part : lisez ses messages et répondez "
                          "ci-dessous."},
    {"attente_partenaire", "Une partie de votre demande est entre les mains "
                           "d'un partenaire (logement, emploi, démarches…) "
                           "; l'équipe suit sa réponse."},
  };
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (!strcmp(d->zState, a[i].zState)) return a[i].zText;
  }
  return "Votre demande est close. Vous pouvez encore écrire à l'équipe "
         "ci-dessous.";
}

/* The text and document fields of both outside pages; e holds the errors
** of a refused post, zText what was typed. */
static void follow_fields(Req *req, const KitErrors *e, const char *zText,
                          const char *zTextLabel)
{
  kit_textarea(req, e, "texte", zTextLabel, zText,
               "facultatif si vous joignez un document");
  kit_input(req, e, "fichier", "Un document (facultatif)", "file", "",
            arena_printf(req_arena(req), "PDF, JPEG, PNG, ODT ou DOCX, %d Mo "
                         "au plus", CASE_ATTACH_MAX / (1024 * 1024)));
}

/* Check a post of the outside pages before any write: every error at once
** into e (when isNeeded, the text or a document is needed; the document
** passes the agents' checks).  *pf gets the file, or NULL. */
static void follow_check(Req *req, const char *zText, int isNeeded,
                         const ReqFile **pf, KitErrors *e)
{
  Err err = {0};
  const ReqFile *f = req_file(req, "fichier");
  *pf = f && f->nData > 0 ? f : NULL;
  if (isNeeded && !zText[0] && !*pf) {
    kit_error_add(req, e, "texte", "Écrivez un message ou joignez un "
                  "document.");
  }
  if (strlen(zText) > 8000) {
    kit_error_add(req, e, "texte", "Texte trop long : 8 000 caractères au "
                  "plus.");
  }
  if (*pf && case_attachment_check((*pf)->zName, (*pf)->zType, (*pf)->aData,
                                   (*pf)->nData, &err)) {
    kit_error_from(req, e, &err);
  }
}

static void follow_render(Req *req, const Dossier *d, const KitErrors *e,
                          const char *zText)
{
  Err err = {0};
  Store *db = req_db(req);
  const char *zToken = req_arg(req, "jeton");
  CaseTask *aT = NULL;
  CaseEvent *aM = NULL;
  CaseAttachment *aA = NULL;
  int nT = 0, nM = 0, nA = 0;
  if (case_task_list(db, req_arena(req), d->id, &aT, &nT, &err) ||
      case_event_list(db, req_arena(req), d->id, 'm', &aM, &nM, &err) ||
      case_attachment_list(db, req_arena(req), d->id, &aA, &nA, &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Suivi de votre demande");
  html_printf(req, "<h1>Suivi de votre demande <span class=\"nowrap\">%h"
                   "</span></h1>\n", d->zRef);
  kit_error_box(req, e);
  if (!e && kit_query(req, "envoye")[0]) {
    html_printf(req, "<div class=\"alert alert-success\" role=\"status\">"
                     "<p>Merci : votre message est transmis à l'équipe."
                     "</p></div>\n");
  }
  html_printf(req, "<section aria-labelledby=\"t-etat\" class=\"card\">\n"
                   "<h2 id=\"t-etat\">Où en est votre demande</h2>\n"
                   "<p><strong>%h</strong></p>\n<p>%h</p>\n",
              case_label(case_states, d->zState), follow_state_text(d));
  if (nT > 0) {
    html_printf(req, "<ul class=\"follow-needs\">\n");
    for (int i = 0; i < nT; i++) {
      html_printf(req, "<li>%h : <strong>%h</strong></li>\n",
                  case_label(case_needs, aT[i].zNeed),
                  case_label(case_task_states, aT[i].zState));
    }
    html_printf(req, "</ul>\n");
  }
  html_printf(req, "</section>\n<section aria-labelledby=\"t-messages\">\n"
                   "<h2 id=\"t-messages\">Vos échanges avec l'équipe</h2>\n");
  if (nM == 0) html_printf(req, "<p>Aucun message pour le moment.</p>\n");
  for (int i = 0; i < nM; i++) {
    int isMine = !strcmp(aM[i].zDirection, "entrant");
    html_printf(req, "<article class=\"message%s\"><p class=\"message-meta\">"
                     "%h, le %h</p><p class=\"pre-line\">%h</p></article>\n",
                isMine ? " message-mine" : "" /*trusted*/,
                isMine ? "Vous" : "Le guichet unique",
                kit_date_fr(req, aM[i].zAt), aM[i].zBody);
  }
  if (nA > 0) {
    html_printf(req, "<h3>Documents du dossier</h3>\n<ul>\n");
    for (int i = 0; i < nA; i++) {
      html_printf(req, "<li>%h (%h)</li>\n", aA[i].zName,
                  kit_date_fr(req, aA[i].zAt));
    }
    html_printf(req, "</ul>\n");
  }
  html_printf(req, "<h3>Écrire à l'équipe</h3>\n"
                   "<form method=\"post\" action=\"/suivi/%h/messages\" "
                   "enctype=\"multipart/form-data\">\n"
                   "<input type=\"hidden\" name=\"csrf_token\" value=\"%h\">\n",
              zToken, req_csrf_token(req));
  follow_fields(req, e, zText, "Votre message");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Envoyer</button></div>\n</form>\n</section>\n"
                   "<p class=\"muted\">Ce lien est personnel : ne le "
                   "transmettez pas. Il reste valable un an ; l'équipe peut "
                   "vous en envoyer un nouveau.</p>\n");
  page_end(req);
}

/* ROUTE: GET /suivi/{jeton} public secret */
void follow_page(Req *req)
{
  Dossier d;
  if (follow_dossier_or_404(req, &d)) return;
  follow_render(req, &d, NULL, "");
}

/* ROUTE: POST /suivi/{jeton}/messages public secret limited */
void follow_post(Req *req)
{
  Dossier d;
  Err err = {0};
  KitErrors e = {0};
  const ReqFile *f;
  if (follow_dossier_or_404(req, &d)) return;
  const char *zText = kit_value(req, "texte");
  follow_check(req, zText, 1, &f, &e);
  int rc = e.n ? ERR_INPUT : case_act_reply(req, &d, zText, f, &err);
  if (rc == ERR_INPUT) {
    if (!e.n) kit_error_from(req, &e, &err);
    reply_status(req, 400);
    follow_render(req, &d, &e, zText);
    return;
  }
  kit_redirect_or_err(req, rc, &err,
                      arena_printf(req_arena(req), "/suivi/%s?envoye=1",
                                   req_arg(req, "jeton")));
}

/* ---- the partner's page: /avis/{jeton} ------------------------------------ */

/* The sub-task and dossier the path's partner token opens, or a 404
** queued and -1. */
static int avis_task_or_404(Req *req, Dossier *d, CaseTask *t)
{
  Err err = {0};
  int64_t id = case_task_link_find(req_db(req), req_arg(req, "jeton"),
                                   case_clock_now());
  if (!id || case_task_get(req_db(req), req_arena(req), id, t, &err) ||
      case_dossier_get(req_db(req), req_arena(req), t->dossierId, d, &err)) {
    reply_error(req, 404, "introuvable", "La page demandée n'existe pas.",
                NULL);
    return -1;
  }
  return 0;
}

static const char *avis_label(const CaseLabel *a, const char *zCode)
{
  const char *z = case_label(a, zCode);
  return z ? z : "—";
}

/* What the partner sees: the sub-task and the coded facts of the request
** (no name, no contact: the team puts people in touch), their earlier
** answers, and the form. */
static void avis_render(Req *req, const Dossier *d, const CaseTask *t,
                        const KitErrors *e, const char *zVerdict,
                        const char *zText)
{
  Err err = {0};
  CaseOpinion *aO = NULL;
  int nO = 0;
  if (case_opinion_list(req_db(req), req_arena(req), 0, t->id, &aO, &nO,
                        &err)) {
    reply_incident(req, &err);
    return;
  }
  const char *zNeed = case_label(case_needs, t->zNeed);
  page_begin(req, "Avis d'un partenaire");
  html_printf(req, "<h1>Demande confiée à %h</h1>\n", t->zPartnerName);
  kit_error_box(req, e);
  if (!e && kit_query(req, "envoye")[0]) {
    html_printf(req, "<div class=\"alert alert-success\" role=\"status\">"
                     "<p>Merci : votre avis est transmis au guichet unique."
                     "</p></div>\n");
  }
  html_printf(req, "<section aria-labelledby=\"t-demande\" class=\"card\">\n"
                   "<h2 id=\"t-demande\">%h — dossier <span class=\"nowrap\">"
                   "%h</span></h2>\n<dl class=\"facts\">\n"
                   "<dt>Profession</dt><dd>%h</dd>\n<dt>Situation</dt><dd>%h</dd>"
                   "\n<dt>Projet</dt><dd>%h</dd>\n<dt>Territoire visé</dt>"
                   "<dd>%h</dd>\n<dt>Date souhaitée</dt><dd>%h</dd>\n"
                   "<dt>Réponse attendue le</dt><dd>%h</dd>\n</dl>\n</section>\n",
              zNeed ? zNeed : t->zNeed, d->zRef,
              avis_label(case_professions, d->zProfession),
              avis_label(case_statuses, d->zStatus),
              avis_label(case_projects, d->zProject),
              *d->zTerritoryLabel ? d->zTerritoryLabel : "non précisé",
              *d->zWishedDate ? d->zWishedDate : "—",
              kit_date_fr(req, t->zFollowUp));
  if (nO > 0) {
    html_printf(req, "<h2>Vos avis déjà rendus</h2>\n<ul>\n");
    for (int i = 0; i < nO; i++) {
      html_printf(req, "<li>%h, le %h%h%h</li>\n",
                  case_label(case_verdicts, aO[i].zVerdict),
                  kit_date_fr(req, arena_strndup(req_arena(req), aO[i].zAt,
                                                 10)),
                  *aO[i].zBody ? " : " : "", aO[i].zBody);
    }
    html_printf(req, "</ul>\n");
  }
  html_printf(req, "<h2>Votre avis</h2>\n"
                   "<form method=\"post\" action=\"/avis/%h\" "
                   "enctype=\"multipart/form-data\">\n"
                   "<input type=\"hidden\" name=\"csrf_token\" value=\"%h\">\n",
              req_arg(req, "jeton"), req_csrf_token(req));
  kit_select(req, e, "avis", "Votre avis", kit_label_options(req, case_verdicts),
             zVerdict, "Choisissez…");
  follow_fields(req, e, zText, "Votre réponse");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Envoyer l'avis</button></div>\n</form>\n"
                   "<p class=\"muted\">Ce lien est personnel : ne le "
                   "transmettez pas. Il ne sert qu'à cette demande.</p>\n");
  page_end(req);
}

/* ROUTE: GET /avis/{jeton} public secret */
void avis_page(Req *req)
{
  Dossier d;
  CaseTask t;
  if (avis_task_or_404(req, &d, &t)) return;
  avis_render(req, &d, &t, NULL, "", "");
}

/* ROUTE: POST /avis/{jeton} public secret limited */
void avis_post(Req *req)
{
  Dossier d;
  CaseTask t;
  Err err = {0};
  KitErrors e = {0};
  const ReqFile *f;
  if (avis_task_or_404(req, &d, &t)) return;
  const char *zVerdict = kit_value(req, "avis");
  const char *zText = kit_value(req, "texte");
  if (case_code_index(case_verdicts, zVerdict) < 0) {
    kit_error_add(req, &e, "avis", "Choisissez votre avis : favorable, "
                  "besoin d'informations ou défavorable.");
  }
  /* the verdict alone is an answer: the text and document are optional */
  follow_check(req, zText, 0, &f, &e);
  int rc = e.n ? ERR_INPUT
               : case_act_opinion(req, &d, &t, zVerdict, zText, f, &err);
  if (rc == ERR_INPUT) {
    if (!e.n) kit_error_from(req, &e, &err);
    reply_status(req, 400);
    avis_render(req, &d, &t, &e, zVerdict, zText);
    return;
  }
  kit_redirect_or_err(req, rc, &err,
                      arena_printf(req_arena(req), "/avis/%s?envoye=1",
                                   req_arg(req, "jeton")));
}
