/*
** web/kit_handler.h: the read → write → answer steps of a handler that
** saves one record, given the record's operations (KitRecordOps): the API
** handler (read the JSON body, write, answer the record as JSON or every
** error) and the page form (read the form, write; the caller answers with
** kit_refused_or_reply).  The pages and the API of a module then differ
** only in what they answer.
**
** Generic: no module here; a module fills one KitRecordOps per record.
*/
#ifndef OASIS_WEB_KIT_HANDLER_H
#define OASIS_WEB_KIT_HANDLER_H
#include <stdint.h>

#include "web/kit.h"
#include "web/kit_form.h"
#include "web/kit_json.h"

typedef struct KitRecordOps KitRecordOps;
struct KitRecordOps {
  /* The stored record id into pRec (the starting point of an update), or
  ** NULL when a record is only ever created. */
  int (*xGet)(Req *req, int64_t id, void *pRec, Err *err);
  /* The record's fields from the form or JSON body into pRec: the number
  ** of bad fields, each added to e (a module's field table reader). */
  int (*xRead)(Req *req, void *pRec, KitErrors *e);
  /* The record's write with its audit record, for kit_write(). */
  int (*xWrite)(Req *req, void *pRec, Err *err);
  /* The record as the API shows it, or NULL. */
  KitJsonFn xJson;
};

/*
** API: save the record at pRec (its defaults set by the caller).  For an
** update (id > 0) pRec first becomes the stored record (a 404 when there
** is none, a 500 for an incident), so that a JSON body changes only the
** members it names.  Written: when iStatus is not 0, answers iStatus with
** xJson(pRec), and returns 0; refused or failed: answered (400 with every
** error, or kit_reply_err), returns -1.
*/
int kit_api_save(Req *req, const KitRecordOps *op, int64_t id, void *pRec,
                 int iStatus);

/* kit_api_save() of an update: the record named by the path argument "id"
** (a 404 when it is no positive integer), answered 200. */
int kit_api_update(Req *req, const KitRecordOps *op, void *pRec);

/* The record named by the path argument "id" into pRec (op->xGet): its id,
** or 0 when a 404 (page or JSON; a 500 for an incident) is already
** queued. */
int64_t kit_record_or_404(Req *req, const KitRecordOps *op, void *pRec);

/* Page form: read the record into pRec and write it; returns kit_save()'s
** code (ERR_INPUT: every reason in e; another: err filled), for
** kit_refused_or_reply(). */
int kit_form_save(Req *req, const KitRecordOps *op, void *pRec, KitErrors *e,
                  Err *err);

/*
** Page form: kit_form_save(), then the answer (kit_refused_or_reply):
** saved, the redirect to zNext followed by *pId as it is after the save
** (the record's id, or the id of the page to show; pId NULL: zNext
** alone); an incident, its error page.  Returns 1 when the record was
** refused (status 400, every reason in e): the caller draws the form
** again; 0 when answered.
*/
int kit_form_post(Req *req, const KitRecordOps *op, void *pRec,
                  const char *zNext, const int64_t *pId, KitErrors *e);

#endif
