/*
** web/kit_form.h: the answer to a page form once kit_save() ran — the
** three endings every form handler of a module repeats, in one place;
** and the two shorter endings of a record lookup and of a plain action.
*/
#ifndef OASIS_WEB_KIT_FORM_H
#define OASIS_WEB_KIT_FORM_H
#include "base/err.h"
#include "web/web.h"

/* After a page form's kit_save() returned rc: 1 when the record was
** refused (ERR_INPUT) — the status is set to 400 and the caller draws the
** form again with its errors; 0 when already answered: the error page of
** an incident (err), or, saved, the redirect to zNext. */
int kit_refused_or_reply(Req *req, int rc, const Err *err, const char *zNext);

/* After a write whose page answer is a redirect (a delete, an action
** button): rc 0 redirects to zNext, anything else is answered by
** kit_reply_err(). */
void kit_redirect_or_err(Req *req, int rc, const Err *err, const char *zNext);

/* After loading the record a path names: 1 when rc is 0; else 0 with the
** answer queued by kit_reply_err(), an ERR_NOTFOUND saying zNotFound
** (French, e.g. "Page introuvable.") instead of the store's words. */
int kit_found_or_reply(Req *req, int rc, Err *err, const char *zNotFound);

#endif
