/*
** web/kit_record.c: save, answer and update records read by a field
** table (see kit_record.h).
*/
#include <string.h>

#include "web/internal.h"
#include "web/kit_record.h"

int kit_has(Req *req, const KitField *f)
{
  json_t *pBody = req_json(req);
  if (json_is_object(pBody)) {
    return json_object_get(pBody, f->zName) != NULL ||
           (f->zOld && json_object_get(pBody, f->zOld) != NULL);
  }
  return req_form(req, f->zName) || (f->zOld && req_form(req, f->zOld));
}

/* Size of the member a field of type t fills. */
static size_t kit_member_size(KitType t)
{
  switch (t) {
    case KIT_INT:
    case KIT_CENTS:
    case KIT_ID:
      return sizeof(int64_t);
    case KIT_REAL:
      return sizeof(double);
    case KIT_BOOL:
      return sizeof(int);
    default:
      return sizeof(const char *);
  }
}

int kit_read_update(Req *req, const KitField *aField, void *pRec,
                    size_t nRec, KitErrors *e)
{
  if (!json_is_object(req_json(req))) return kit_read(req, aField, pRec, e);
  char *pNew = arena_alloc(req_arena(req), nRec);
  KitErrors *pAll = arena_alloc(req_arena(req), sizeof *pAll);
  int n = 0;
  memcpy(pNew, pRec, nRec);
  pAll->n = 0;
  kit_read(req, aField, pNew, pAll);
  for (const KitField *f = aField; f->zName; f++) {
    if (!kit_has(req, f)) continue;
    memcpy((char *)pRec + f->offset, pNew + f->offset,
           kit_member_size(f->type));
  }
  for (int i = 0; i < pAll->n; i++) {
    const KitField *f = aField;
    while (f->zName && strcmp(f->zName, pAll->a[i].zField)) f++;
    if (f->zName && !kit_has(req, f)) continue;
    kit_error_add(req, e, pAll->a[i].zField, pAll->a[i].zMsg);
    n++;
  }
  return n;
}

void kit_error_add_err(Req *req, KitErrors *e, const Err *err)
{
  json_t *pBody = req_json(req);
  if (err && err->code && err->zField[0] && json_is_object(pBody)) {
    const char *zCents = arena_printf(req_arena(req), "%s_centimes",
                                      err->zField);
    if (json_object_get(pBody, zCents)) {
      Err e2 = *err;
      err_field(&e2, zCents);
      kit_error_from(req, e, &e2);
      return;
    }
  }
  kit_error_from(req, e, err);
}

int kit_save(Req *req, int nBad, KitErrors *e,
             int (*x)(Req *, void *, Err *), void *pArg, Err *err)
{
  if (nBad) return ERR_INPUT;
  int rc = kit_write(req, x, pArg, err);
  if (rc == ERR_INPUT) kit_error_add_err(req, e, err);
  return rc;
}

int kit_save_or_reply(Req *req, int nBad, KitErrors *e,
                      int (*x)(Req *, void *, Err *), void *pArg)
{
  Err err = {0};
  int rc = kit_save(req, nBad, e, x, pArg, &err);
  if (rc == ERR_INPUT) return kit_reply_errors(req, e);
  if (rc) return kit_reply_err(req, rc, &err);
  return 0;
}
