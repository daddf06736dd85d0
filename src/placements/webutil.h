/*
** placements/webutil.h: helpers shared by the placements pages and API
** (pages*.c, api.c); not for other modules.
*/
#ifndef OASIS_PLACEMENTS_WEBUTIL_H
#define OASIS_PLACEMENTS_WEBUTIL_H
#include <jansson.h>

#include "placements/placements.h"
#include "web/web.h"

/* Path argument zName as a positive id, or 0 (a 404 is then queued). */
int64_t plw_arg_id_or_404(Req *req, const char *zName);
/* Form field or "" (never NULL). */
const char *plw_form(Req *req, const char *zName);
/* Form field as a positive id, or 0. */
int64_t plw_form_id(Req *req, const char *zName);
/* Answer a failed call: 400 with the field, 404, or a 500 incident. */
int plw_reply_err(Req *req, int rc, const Err *err);
/* Error box of a refused form (nothing when err holds no error). */
void plw_form_error(Req *req, const Err *err);
/* Labelled input, marked invalid when err's field is zName. */
void plw_input(Req *req, const Err *err, const char *zName,
               const char *zLabel, const char *zType, const char *zValue,
               const char *zHint);
/* "250,00 €" of cents, from the arena. */
const char *plw_euros(Req *req, int64_t cents);
/* Euros typed by a person ("250", "177,42") into cents; -1 if unreadable. */
int64_t plw_cents(const char *z);
/* Audit inside the caller's transaction; references stolen. */
int plw_audit(Req *req, const char *zEntity, int64_t id, const char *zAction,
              json_t *pAfter, Err *err);
/* Run the write x(req, pArg, err) and its audit in one transaction:
** returns the first error's code, 0 on success. */
int plw_write(Req *req, int (*x)(Req *, void *, Err *), void *pArg,
              Err *err);

/* ---- actions.c: the writes the pages and the JSON API share ------------- */
/* Callbacks for plw_write: the write and its audit record. */
/* pArg: the Assignment to create (its id is set). */
int plw_assign_write(Req *req, void *pArg, Err *err);
typedef struct PlwPay PlwPay;
struct PlwPay {
  int64_t assignmentId, schemeId, cents, id;   /* id: the payment's, set */
  const char *zPaidOn, *zRef;
};
/* pArg: a PlwPay, an allowance payment to record. */
int plw_pay_write(Req *req, void *pArg, Err *err);
typedef struct PlwBook PlwBook;
struct PlwBook {
  int isVehicle;                /* else a room */
  Booking b;
};
/* pArg: a PlwBook, a vehicle or room booking to record. */
int plw_book_write(Req *req, void *pArg, Err *err);

/* Name of commune zCode from the territory tables, or zCode. */
const char *plw_commune_name(Req *req, const char *zCode);
/* Link to the guichet unique's request form prefilled to ask for place p
** (NULL: for housing) during semester zSem; raw URL (escape in HTML). */
const char *plw_request_url(Req *req, const Place *p, const char *zSem);

/* The "Devenir" section of trainee t's file (pages_outcome.c); eO: the
** refusal of the outcome form, or NULL. */
void plw_outcome_section(Req *req, const Trainee *t, const Err *eO);

json_t *plw_json_place(const Place *p);
json_t *plw_json_trainee(const Trainee *t);
json_t *plw_json_assignment(const Assignment *a);
json_t *plw_json_booking(const Booking *b);

/* ---- handlers (routes.c lists them) ------------------------------------ */
void plw_page_home(Req *req);
void plw_page_offers(Req *req);
void plw_page_place_new(Req *req);
void plw_post_place_new(Req *req);
void plw_page_place(Req *req);
void plw_post_place(Req *req);
void plw_post_place_semester(Req *req);
void plw_page_trainee_new(Req *req);
void plw_post_trainee_new(Req *req);
void plw_page_trainee(Req *req);
void plw_post_assign(Req *req);
void plw_post_payment(Req *req);
void plw_post_outcome(Req *req);
void plw_page_logistics(Req *req);
void plw_post_housing(Req *req);
void plw_post_room(Req *req);
void plw_post_vehicle(Req *req);
void plw_post_booking(Req *req);
void plw_page_schemes(Req *req);
void plw_post_scheme(Req *req);
void plw_page_followup(Req *req);

#endif
