/*
** web/kit_record.h: the steps around a record read by a field table
** (web/kit.h) that every module's pages and API repeat: save it (read
** errors, then the write in one transaction, a refusal added to the same
** error list), answer the API, update only the members a JSON body names.
**
** Generic: no module here.  (A candidate for kit.h itself; kept apart so
** that this file has one editor while kit.c has many.)
*/
#ifndef OASIS_WEB_KIT_RECORD_H
#define OASIS_WEB_KIT_RECORD_H
#include <stddef.h>

#include "web/kit.h"

/* True when the request names field f: a JSON body member, or a form
** field, under its name or its former spelling. */
int kit_has(Req *req, const KitField *f);

/*
** Read aField into pRec (nRec bytes) like kit_read(), except that a JSON
** body changes only the members it names (an update through the API):
** the others keep pRec's values, and a required member it leaves out is
** no error.  A form reads every member.  Returns the errors added to e.
*/
int kit_read_update(Req *req, const KitField *aField, void *pRec,
                    size_t nRec, KitErrors *e);

/* Add the refusal in err to e like kit_error_from(); a money field named
** in a JSON body as "<field>_centimes" is named so (the store names the
** amount "montant", the API client sent "montant_centimes"). */
void kit_error_add_err(Req *req, KitErrors *e, const Err *err);

/*
** Save a record already read (nBad: its read errors, in e): when nBad is
** 0, x(req, pArg, err) runs in one transaction (kit_write).  Returns 0
** when written; ERR_INPUT when refused, every reason in e; another code
** (err filled) for an incident.
*/
int kit_save(Req *req, int nBad, KitErrors *e,
             int (*x)(Req *, void *, Err *), void *pArg, Err *err);

/* kit_save() for the API: a refusal or an incident is answered (400 with
** every error, or kit_reply_err).  0 when written, -1 when answered. */
int kit_save_or_reply(Req *req, int nBad, KitErrors *e,
                      int (*x)(Req *, void *, Err *), void *pArg);

#endif
