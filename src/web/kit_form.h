/*
** web/kit_form.h: the answer to a page form once kit_save() ran — the
** three endings every form handler of a module repeats, in one place.
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

#endif
