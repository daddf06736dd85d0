/*
** cases/pages_follow.c: the requester's own space, opened by the private
** link of the acknowledgment e-mail, no account needed (issue 14).
**
**   GET  /suivi/{token}            where the request stands, in plain
**                                  French; the messages; the documents
**   POST /suivi/{token}/messages   a reply and/or a document
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
  if (!strcmp(d->zState, "nouveau")) {
    return "Votre demande est enregistrée. Un membre du guichet unique va "
           "l'étudier et vous contacter.";
  }
  if (!strcmp(d->zState, "en_cours")) {
    return "Votre demande est suivie par l'équipe du guichet unique, qui "
           "avance sur chacun de vos besoins ci-dessous.";
  }
  if (!strcmp(d->zState, "attente_demandeur")) {
    return "L'équipe attend une réponse ou un document de votre part : "
           "lisez ses messages et répondez ci-dessous.";
  }
  if (!strcmp(d->zState, "attente_partenaire")) {
    return "Une partie de votre demande est entre les mains d'un partenaire "
           "(logement, emploi, démarches…) ; l'équipe suit sa réponse.";
  }
  return "Votre demande est close. Vous pouvez encore écrire à l'équipe "
         "ci-dessous.";
}

static void follow_page(Req *req)
{
  Dossier d;
  Err err = {0};
  if (follow_dossier_or_404(req, &d)) return;
  Store *db = req_db(req);
  const char *zToken = req_arg(req, "jeton");
  CaseTask *aT = NULL;
  CaseEvent *aM = NULL;
  CaseAttachment *aA = NULL;
  int nT = 0, nM = 0, nA = 0;
  if (case_task_list(db, req_arena(req), d.id, &aT, &nT, &err) ||
      case_event_list(db, req_arena(req), d.id, 'm', &aM, &nM, &err) ||
      case_attachment_list(db, req_arena(req), d.id, &aA, &nA, &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Suivi de votre demande");
  html_printf(req, "<h1>Suivi de votre demande <span class=\"nowrap\">%h"
                   "</span></h1>\n", d.zRef);
  if (kit_query(req, "envoye")[0]) {
    html_printf(req, "<div class=\"alert alert-success\" role=\"status\">"
                     "<p>Merci : votre message est transmis à l'équipe."
                     "</p></div>\n");
  }
  html_printf(req, "<section aria-labelledby=\"t-etat\" class=\"card\">\n"
                   "<h2 id=\"t-etat\">Où en est votre demande</h2>\n"
                   "<p><strong>%h</strong></p>\n<p>%h</p>\n",
              case_label(case_states, d.zState), follow_state_text(&d));
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
  kit_textarea(req, NULL, "texte", "Votre message", "",
               "facultatif si vous joignez un document");
  html_printf(req, "<div class=\"field\"><label for=\"f-fichier\">Un document "
                   "<span class=\"hint\">PDF, image ou texte bureautique, "
                   "10 Mo au plus</span></label><input type=\"file\" "
                   "id=\"f-fichier\" name=\"fichier\"></div>\n"
                   "<div class=\"form-actions\"><button type=\"submit\">"
                   "Envoyer</button></div>\n</form>\n</section>\n"
                   "<p class=\"muted\">Ce lien est personnel : ne le "
                   "transmettez pas. Il reste valable un an ; l'équipe peut "
                   "vous en envoyer un nouveau.</p>\n");
  page_end(req);
}

static void follow_post(Req *req)
{
  Dossier d;
  Err err = {0};
  if (follow_dossier_or_404(req, &d)) return;
  const char *zText = kit_value(req, "texte");
  const ReqFile *f = req_file(req, "fichier");
  int hasFile = f && f->nData > 0;
  if (!zText[0] && !hasFile) {
    reply_error(req, 400, "saisie_invalide", "Écrivez un message ou joignez "
                "un document.", "texte");
    return;
  }
  int rc = 0;
  if (zText[0]) rc = case_act_message(req, &d, "entrant", zText, 0, &err);
  if (!rc && hasFile) rc = case_act_attachment(req, &d, f, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, arena_printf(req_arena(req), "/suivi/%s?envoye=1",
                                   req_arg(req, "jeton")));
}

const Route case_follow_routes[] = {
  {"GET", "/suivi/{jeton}", follow_page, ROLE_PUBLIC, ROUTE_SECRET},
  {"POST", "/suivi/{jeton}/messages", follow_post, ROLE_PUBLIC, ROUTE_SECRET},
  {0, 0, 0, 0, 0}
};
