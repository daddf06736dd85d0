/*
** web/kit_handler.c: a record's read → write → answer for the API and for
** page forms (see kit_handler.h).
*/
#include "web/kit_handler.h"

#include "web/internal.h"
#include "web/kit_record.h"

int kit_api_save(Req *req, const KitRecordOps *op, int64_t id, void *pRec,
                 int iStatus)
{
  Err err = {0};
  int rc = id ? op->xGet(req, id, pRec, &err) : 0;
  if (rc) return kit_reply_err(req, rc, &err);
  KitErrors e = {0};
  int nBad = op->xRead(req, pRec, &e);
  if (kit_save_or_reply(req, nBad, &e, op->xWrite, pRec)) return -1;
  if (iStatus) reply_json(req, iStatus, op->xJson(pRec));
  return 0;
}

int kit_api_update(Req *req, const KitRecordOps *op, void *pRec)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  return id ? kit_api_save(req, op, id, pRec, 200) : -1;
}

int64_t kit_record_or_404(Req *req, const KitRecordOps *op, void *pRec)
{
  Err err = {0};
  int64_t id = kit_arg_id_or_404(req, "id");
  int rc = id ? op->xGet(req, id, pRec, &err) : 0;
  if (rc) {
    kit_reply_err(req, rc, &err);     /* 404 when absent, else an incident */
    return 0;
  }
  return id;
}

int kit_form_save(Req *req, const KitRecordOps *op, void *pRec, KitErrors *e,
                  Err *err)
{
  int nBad = op->xRead(req, pRec, e);
  return kit_save(req, nBad, e, op->xWrite, pRec, err);
}

int kit_form_post(Req *req, const KitRecordOps *op, void *pRec,
                  const char *zNext, const int64_t *pId, KitErrors *e)
{
  Err err = {0};
  int rc = kit_form_save(req, op, pRec, e, &err);
  if (!rc && pId) {
    zNext = arena_printf(req_arena(req), "%s%lld", zNext, (long long)*pId);
  }
  return kit_refused_or_reply(req, rc, &err, zNext);
}
