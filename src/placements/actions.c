/*
** placements/actions.c: the writes that both a page and the JSON API
** offer (assignments, allowance payments, bookings), each with its audit
** record; plw_write runs them in one transaction.
*/
#include "placements/webutil.h"

int plw_assign_write(Req *req, void *pArg, Err *err)
{
  Assignment *x = pArg;
  int rc = place_assign(req_db(req), x, err);
  if (!rc) rc = plw_audit(req, "assignment", x->id, "create",
                          plw_json_assignment(x), err);
  return rc;
}

int plw_pay_write(Req *req, void *pArg, Err *err)
{
  PlwPay *p = pArg;
  int rc = place_allowance_pay(req_db(req), p->assignmentId, p->schemeId,
                               p->cents, p->zPaidOn, p->zRef, &p->id, err);
  if (!rc) rc = plw_audit(req, "allowance_payment", p->id, "create",
                          json_pack("{s:I, s:I, s:I, s:s}", "assignment_id",
                                    (json_int_t)p->assignmentId, "scheme_id",
                                    (json_int_t)p->schemeId, "amount_cents",
                                    (json_int_t)p->cents, "paid_on",
                                    p->zPaidOn), err);
  return rc;
}

int plw_book_write(Req *req, void *pArg, Err *err)
{
  PlwBook *p = pArg;
  int rc = place_book(req_db(req), p->isVehicle, &p->b, err);
  if (!rc) rc = plw_audit(req, p->isVehicle ? "vehicle_booking"
                                            : "room_booking",
                          p->b.id, "create", plw_json_booking(&p->b), err);
  return rc;
}
