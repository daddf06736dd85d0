/*
** cases/web_int.h: what the module's web files (pages_*.c, api.c,
** routes.c, mail.c) share.  Not for other modules: they use cases.h.
*/
#ifndef OASIS_CASES_WEB_INT_H
#define OASIS_CASES_WEB_INT_H
#include <jansson.h>

#include "cases/cases.h"
#include "cases/routes.h"
#include "web/web.h"

/* ---- pages_form.c: helpers --------------------------------------------------- */
/* The signed-in user as an actor (id 0 and "demandeur" when anonymous). */
CaseActor case_web_actor(Req *req);
/* Form field zName with surrounding blanks removed; "" when absent. */
const char *case_web_field(Req *req, const char *zName);
/* Query value trimmed; "" when absent. */
const char *case_web_query(Req *req, const char *zName);
/* Positive integer path argument zName, or 0. */
int64_t case_web_arg_id(Req *req, const char *zName);
/* Load the dossier of path argument {id}; on failure a 404 (page or JSON)
** is already queued and -1 returned. */
int case_web_dossier_or_404(Req *req, Dossier *p);
/* Read the request form (public and hotline) from the posted fields. */
void case_web_request_read(Req *req, CaseRequest *r);
/* Write the request form; isHotline adds the channel and agent wording. */
void case_web_request_form(Req *req, const char *zAction, const CaseRequest *r,
                           const CaseFormErrors *e, int isHotline);
/* <select> row with label, options from a, current value, optional error. */
void case_web_select(Req *req, const char *zName, const char *zLabel,
                     const CaseLabel *a, const char *zValue,
                     const char *zError, const char *zEmpty);
/* Create the dossier of r (validated) with its audit record; *pId. */
int case_web_create(Req *req, const CaseRequest *r, int64_t *pId,
                    int *pIsNew, Err *err);
/* Send the acknowledgment of a new dossier when SMTP is configured. */
void case_web_acknowledge(Req *req, int64_t id);
/* Audit record of a write on a dossier: coded fields only, never
** personal data (the audit log outlives anonymisation). */
int case_web_audit(Req *req, int64_t id, const char *zAction,
                   const char *zDetail, Err *err);

/* ---- actions.c: the writes a dossier page and the API share ------------------ */
/* Each runs in one transaction with its audit record: all or nothing.
** Fields come as received ("" when absent); a refusal is ERR_INPUT with
** the field named in err.  0 on success. */
int case_act_transition(Req *req, const Dossier *d, const char *zTo,
                        const CaseClose *c, const char *zReason, Err *err);
/* Take the dossier (isTake) or give it back to the team. */
int case_act_assign(Req *req, const Dossier *d, int isTake, Err *err);
int case_act_task(Req *req, const Dossier *d, const CaseTask *t,
                  const char *zState, const char *zDue, const char *zNotes,
                  Err *err);
int case_act_handoff(Req *req, const Dossier *d, const CaseTask *t,
                     int64_t partnerId, const char *zReminder, Err *err);
int case_act_note(Req *req, const Dossier *d, const char *zText, Err *err);
/* Anonymise dossier d and every other dossier of the same e-mail address
** (right to erasure), each audited; *pnDone counts them. */
int case_act_erase(Req *req, const Dossier *d, int *pnDone, Err *err);
/* Sub-task {tid} of dossier d, or a 404 queued (page or JSON) and -1. */
int case_web_task_or_404(Req *req, const Dossier *d, CaseTask *t);

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
