/*
** cases/web_int.h: what the module's web files (pages_*.c, api.c,
** mail.c) share.  Not for other modules: they use cases.h.
*/
#ifndef OASIS_CASES_WEB_INT_H
#define OASIS_CASES_WEB_INT_H
#include <jansson.h>

#include "cases/cases.h"
#include "cases/routes.h"
#include "web/kit.h"
#include "web/kit_form.h"
#include "web/web.h"

/* ---- pages_form.c: what every page and the API share ------------------------ */
/* The signed-in user as an actor (id 0 and "demandeur" when anonymous). */
CaseActor case_web_actor(Req *req);
/* page_begin(zTitle) under the breadcrumb Accompagnement › zCrumb, or
** Accompagnement › zParent (a link to zParentHref) › zCrumb. */
void case_web_page_begin(Req *req, const char *zTitle, const char *zParent,
                         const char *zParentHref, const char *zCrumb);
/* The codes and labels of a as value/label pairs for kit_select (arena). */
const char *const *case_web_options(Req *req, const CaseLabel *a);
/* Every value of list field zName: a JSON array of strings (or a single
** string) when the request has a JSON body, else every value of the
** repeated form field.  Returns the count, or -1 when the JSON value is
** neither.  Strings live in the request arena. */
int case_web_list(Req *req, const char *zName, const char ***paz);
/* Load the dossier of path argument {id}; on failure a 404 (page or JSON)
** is already queued and -1 returned. */
int case_web_dossier_or_404(Req *req, Dossier *p);
/* The same, and the opening logged (who read the dossier). */
int case_web_dossier_open_or_404(Req *req, Dossier *p);
/* Sub-task {tid} of dossier d, or a 404 queued (page or JSON) and -1. */
int case_web_task_or_404(Req *req, const Dossier *d, CaseTask *t);
/* Read the request record from the form or the JSON body (one field table
** for the public form, the hotline form and POST /api/v1/dossiers) and
** check it with the rules (case_request_validate); every refusal goes
** into e.  zChannel non-NULL sets the channel whatever was sent.  Returns
** the number of errors. */
int case_web_request_read(Req *req, const char *zChannel, CaseRequest *r,
                          KitErrors *e);
/* A page showing the request form r again with its errors e. */
typedef void (*CaseFormPage)(Req *req, const CaseRequest *r,
                             const KitErrors *e);
/* Read, check and create the dossier of a request (case_web_request_read,
** case_act_create): 0 and *pId, *pIsNew; or -1 with the answer queued:
** xPage again with status 400 (or, xPage NULL, kit_reply_errors) for a
** refused record, the error for a failed write. */
int case_web_create_or_reply(Req *req, const char *zChannel,
                             CaseFormPage xPage, int64_t *pId, int *pIsNew,
                             char zFollow[65]);
/* Write the request form; isHotline adds the channel and agent wording. */
void case_web_request_form(Req *req, const char *zAction, const CaseRequest *r,
                           const KitErrors *e, int isHotline);
/* Checkboxes named zName, one per need, those of the comma-separated codes
** zChecked ticked, in a fieldset titled zLegend. */
void case_web_need_checks(Req *req, const char *zName, const char *zLegend,
                          const char *zChecked);
/* Read a partner record (form or JSON, one field table); kit errors in e. */
int case_web_partner_read(Req *req, Partner *p, KitErrors *e);

/* ---- actions.c: every write of the pages and the API -------------------------- */
/* Each runs in one transaction with its audit record: all or nothing.
** Fields come as received ("" when absent); a refusal is ERR_INPUT with
** the field named in err.  0 on success.  The audit record holds coded
** fields only, never personal data (the audit log outlives
** anonymisation). */
/* Create the dossier of r (validated); *pId, *pIsNew (0 when the form's
** token already made one).  A new dossier with an e-mail gets its
** follow-up link (the token into zFollow, "" otherwise; zFollow may be
** NULL) and its acknowledgment queued in the outbox. */
int case_act_create(Req *req, const CaseRequest *r, int64_t *pId,
                    int *pIsNew, char zFollow[65], Err *err);
/* Revoke the requester's follow-up link, or (isNew) mail a new one. */
int case_act_follow(Req *req, const Dossier *d, int isNew, Err *err);
int case_act_transition(Req *req, const Dossier *d, const char *zTo,
                        const CaseClose *c, const char *zReason, Err *err);
/* Take the dossier (isTake) or give it back to the team. */
int case_act_assign(Req *req, const Dossier *d, int isTake, Err *err);
int case_act_task(Req *req, const Dossier *d, const CaseTask *t,
                  const char *zState, const char *zDue, const char *zNotes,
                  Err *err);
/* Hand sub-task t to partner partnerId until zReminder; its contact
** contactId (0: the partner's general address) is mailed a private link
** to answer. */
int case_act_handoff(Req *req, const Dossier *d, const CaseTask *t,
                     int64_t partnerId, int64_t contactId,
                     const char *zReminder, Err *err);
/* The requester's reply from their link: text (may be "") and/or file f
** (may be NULL), one transaction; the team's mailbox is told. */
int case_act_reply(Req *req, const Dossier *d, const char *zText,
                   const ReqFile *f, Err *err);
/* A partner's avis on sub-task t from their link (verdict, text, file f
** or NULL); the team's mailbox is told. */
int case_act_opinion(Req *req, const Dossier *d, const CaseTask *t,
                     const char *zVerdict, const char *zText,
                     const ReqFile *f, Err *err);
int case_act_note(Req *req, const Dossier *d, const char *zText, Err *err);
/* Log a message (zDir "entrant" or "sortant"); isEmailed when it went
** out by e-mail. */
int case_act_message(Req *req, const Dossier *d, const char *zDir,
                     const char *zBody, int isEmailed, Err *err);
/* Store an uploaded file as an attachment of d. */
int case_act_attachment(Req *req, const Dossier *d, const ReqFile *f,
                        Err *err);
/* Audit an export: of dossier d's personal data (zAction "gdpr_export"),
** or of the list filtered by zDetail (d NULL, zAction "export"). */
int case_act_export(Req *req, const Dossier *d, const char *zAction,
                    const char *zDetail, Err *err);
/* Anonymise dossier d and every other dossier of the same e-mail address
** (right to erasure), each audited; *pnDone counts them. */
int case_act_erase(Req *req, const Dossier *d, int *pnDone, Err *err);
/* Insert (p->id 0) or update partner p (pOld: its record before, or
** NULL); *pId gets its id. */
int case_act_partner_save(Req *req, const Partner *p, const Partner *pOld,
                          int64_t *pId, Err *err);
int case_act_contact(Req *req, const PartnerContact *c, Err *err);
/* Insert or update instructor group g with the accounts of the
** comma-separated logins zMembers (ERR_INPUT at "membres" naming an
** unknown one); *pId gets its id. */
int case_act_group_save(Req *req, const CaseGroup *g, const char *zMembers,
                        int64_t *pId, Err *err);
/* Save (or replace) a named filter of the signed-in user; delete one. */
int case_act_filter_save(Req *req, const char *zName, const char *zQuery,
                         Err *err);
int case_act_filter_delete(Req *req, int64_t id, Err *err);
/* Record that the signed-in user opened dossier d (GDPR: who read what). */
int case_act_log_open(Req *req, const Dossier *d, Err *err);

/* ---- actions.c: an action's fields read from the request ---------------------
** The pages post forms and the API posts JSON with the same field names,
** and kit_value() reads either: one reader per action serves both.  Each
** runs the action on dossier d (and its sub-task t when the route has one,
** else NULL): 0, or the failure in err. */
typedef int (*CaseReqAct)(Req *req, const Dossier *d, const CaseTask *t,
                          Err *err);
int case_req_transition(Req *req, const Dossier *d, const CaseTask *t,
                        Err *err);
/* "action": "prendre" (form) or "agent": "moi" (JSON) takes the dossier. */
int case_req_assign(Req *req, const Dossier *d, const CaseTask *t, Err *err);
int case_req_task(Req *req, const Dossier *d, const CaseTask *t, Err *err);
int case_req_handoff(Req *req, const Dossier *d, const CaseTask *t, Err *err);
int case_req_note(Req *req, const Dossier *d, const CaseTask *t, Err *err);

/* ---- pages_list.c ------------------------------------------------------------ */
/* Filter from the query string (isForm 0) or the posted form (isForm 1). */
void case_web_filter_read(Req *req, int isForm, CaseFilter *f);
/* Canonical query string of f ("etat=clos&canal=telephone"), arena. */
const char *case_web_filter_query(Req *req, const CaseFilter *f);

/* ---- api.c ------------------------------------------------------------------ */
/* JSON of a dossier; isFull adds sub-tasks, history, notes, messages and
** attachments (the GDPR export and GET /api/v1/dossiers/{id}). */
json_t *case_json_dossier(Req *req, const Dossier *d, int isFull);

/* ---- the pages --------------------------------------------------------------- */
void case_page_request(Req *req);
void case_post_request(Req *req);
void case_page_thanks(Req *req);
void case_page_hotline(Req *req);
void case_post_hotline(Req *req);
void case_page_home(Req *req);
void case_page_list(Req *req);
void case_post_export(Req *req);
void case_post_filter_save(Req *req);
void case_post_filter_delete(Req *req);
void case_page_dossier(Req *req);
void case_post_transition(Req *req);
void case_post_assign(Req *req);
void case_post_task(Req *req);
void case_post_handoff(Req *req);
void case_post_note(Req *req);
void case_post_message(Req *req);
void case_post_follow(Req *req);
void case_post_attachment(Req *req);
void case_get_attachment(Req *req);
void case_get_gdpr_export(Req *req);
void case_post_erase(Req *req);
void case_page_partners(Req *req);
void case_post_partner_new(Req *req);
void case_page_partner(Req *req);
void case_post_partner_edit(Req *req);
void case_post_contact(Req *req);
void case_page_stats(Req *req);
void case_page_groups(Req *req);
void case_post_group(Req *req);

void case_api_list(Req *req);
void case_api_create(Req *req);
void case_api_get(Req *req);
void case_api_transition(Req *req);
void case_api_assign(Req *req);
void case_api_task(Req *req);
void case_api_handoff(Req *req);
void case_api_note(Req *req);
void case_api_stats(Req *req);
void case_api_reminders(Req *req);
void case_api_erase(Req *req);
void case_api_partners(Req *req);
void case_api_partner_create(Req *req);

#endif
