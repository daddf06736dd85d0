/*
** centres/webutil.h: helpers shared by the centres module's pages and API
** (pages*.c, dashboard.c, api.c); not for other modules.
*/
#ifndef OASIS_CENTRES_WEBUTIL_H
#define OASIS_CENTRES_WEBUTIL_H
#include <jansson.h>

#include "centres/centres.h"
#include "web/web.h"

/* Path argument zName as a positive id, or 0 (then a 404 is queued). */
int64_t ctr_arg_id_or_404(Req *req, const char *zName);
/* Form field or "" (never NULL). */
const char *ctr_form(Req *req, const char *zName);
/* Query value as a positive integer, or dflt. */
int64_t ctr_query_int(Req *req, const char *zName, int64_t dflt);
/* Answer a failed call: 400 (text with file/line/column when any, field),
** 404, or a 500 incident.  Always returns -1. */
int ctr_reply_err(Req *req, int rc, const Err *err);

/* The error box above a form re-shown after a refused POST (nothing when
** err holds no error). */
void ctr_form_error(Req *req, const Err *err);
/* <div class="field"> with label and input; marked invalid when the
** error's field is zName.  zType: "text", "date", "number"… */
void ctr_input(Req *req, const Err *err, const char *zName,
               const char *zLabel, const char *zType, const char *zValue,
               const char *zHint);
/* Checkbox row. */
void ctr_check(Req *req, const char *zName, const char *zLabel, int isOn);
/* "1 234,5" of x into the arena; "—" for negative (unknown) values. */
const char *ctr_num(Req *req, double x, int nDec);

/* JSON forms of the module's records (new references). */
json_t *ctr_json_network(const CentreNetwork *p);
json_t *ctr_json_centre(const Centre *p);
json_t *ctr_json_site(const CentreSite *p);
json_t *ctr_json_staff(const CentreStaff *p);
json_t *ctr_json_vacancy(const CentreVacancy *p);
json_t *ctr_json_activity(const CentreActivity *p);
json_t *ctr_json_stats(const CentreStats *p);

/* Audit a write inside the caller's open transaction; the after/before
** references are stolen (NULL allowed). */
int ctr_audit(Req *req, const char *zEntity, int64_t id, const char *zAction,
              json_t *pBefore, json_t *pAfter, Err *err);

/* The dashboard scope of the query (?reseau= | ?centre= | ?site=, with
** ?annee= and ?mois=); -1 when none is given. */
int ctr_scope_from_query(Req *req, CentreScope *pScope, int64_t *pId,
                         int *pYear, int *pMonthTo);

/* ---- handlers (routes.c lists them) ------------------------------------ */
void ctr_page_home(Req *req);
void ctr_page_network_new(Req *req);
void ctr_post_network(Req *req);
void ctr_page_centre_new(Req *req);
void ctr_post_centre_new(Req *req);
void ctr_page_centre(Req *req);
void ctr_post_centre(Req *req);
void ctr_page_site_new(Req *req);
void ctr_post_site_new(Req *req);
void ctr_page_site(Req *req);
void ctr_post_site(Req *req);
void ctr_page_staff_new(Req *req);
void ctr_post_staff_new(Req *req);
void ctr_page_staff(Req *req);
void ctr_post_staff(Req *req);
void ctr_page_vacancy_new(Req *req);
void ctr_post_vacancy(Req *req);
void ctr_page_jobs(Req *req);
void ctr_page_activity(Req *req);
void ctr_post_activity(Req *req);
void ctr_post_import(Req *req);
void ctr_page_finance(Req *req);
void ctr_post_finance(Req *req);
void ctr_page_dashboard(Req *req);
void ctr_export_csv(Req *req);
void ctr_export_xlsx(Req *req);

#endif
