/*
** web/kit_form.c: the answer to a page form once saved (see kit_form.h).
*/
#include "web/kit_form.h"

#include "web/kit.h"

int kit_refused_or_reply(Req *req, int rc, const Err *err, const char *zNext)
{
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    return 1;
  }
  if (rc) kit_reply_err(req, rc, err);
  else reply_redirect(req, zNext);
  return 0;
}

void kit_redirect_or_err(Req *req, int rc, const Err *err, const char *zNext)
{
  if (rc) kit_reply_err(req, rc, err);
  else reply_redirect(req, zNext);
}

int kit_found_or_reply(Req *req, int rc, Err *err, const char *zNotFound)
{
  if (rc == ERR_NOTFOUND) err_set(err, ERR_NOTFOUND, "%s", zNotFound);
  if (rc) kit_reply_err(req, rc, err);
  return rc == 0;
}
