/*
** placements/actions.c: every write of the Stages module, each with its
** audit record.  The pages and the JSON API both call them, through
** kit_write() (one transaction: the write and its audit, or nothing).
*/
#include "base/caldate.h"
#include "placements/internal.h"
#include "web/kit_forget.h"

int place_write_place(Req *req, void *pArg, Err *err)
{
  Place *p = pArg;
  int isNew = p->id == 0;
  int rc = place_save(req_db(req), p, err);
  if (!rc) rc = kit_audit(req, "place", p->id, isNew ? "create" : "update",
                          NULL, place_json_place(p), err);
  return rc;
}

int place_write_semester(Req *req, void *pArg, Err *err)
{
  PlSemester *s = pArg;
  int rc = place_open_semester(req_db(req), s->placeId, s->zSem, s->capacity,
                               err);
  if (!rc) rc = kit_audit(req, "place_semester", s->placeId, "open", NULL,
                          json_pack("{s:s, s:i}", "semestre", s->zSem,
                                    "capacite", s->capacity), err);
  return rc;
}

int place_write_trainee(Req *req, void *pArg, Err *err)
{
  Trainee *t = pArg;
  /* Sent twice (a double click, a reload): the first sending stands. */
  if (!t->id && (t->id = place_trainee_find(req_db(req), t))) return 0;
  int rc = place_trainee_save(req_db(req), t, err);
  /* The trail holds the id and the field names, never the identity. */
  if (!rc) rc = kit_audit(req, "trainee", t->id, "create", NULL, json_pack(
      "{s:[s,s,s,s,s,s], s:s?}", "champs", "prenom", "nom", "courriel",
      "telephone", "ecole", "niveau", "niveau", t->zLevel), err);
  return rc;
}

int place_write_erase(Req *req, void *pId, Err *err)
{
  int64_t id = *(int64_t *)pId;
  char zDay[11];
  int rc = place_trainee_erase(req_db(req), id,
                               caldate_format(caldate_today(), zDay), err);
  if (!rc) rc = kit_audit_forget(req_db(req), "trainee", id, err);
  if (!rc) rc = kit_audit(req, "trainee", id, "erase", NULL, json_pack(
      "{s:[s,s,s,s,s]}", "champs_effaces", "prenom", "nom", "courriel",
      "telephone", "note"), err);
  return rc;
}

int place_write_assignment(Req *req, void *pArg, Err *err)
{
  Assignment *x = pArg;
  int rc = place_assign(req_db(req), x, err);
  if (!rc) rc = kit_audit(req, "assignment", x->id, "create", NULL,
                          place_json_assignment(x), err);
  return rc;
}

int place_write_payment(Req *req, void *pArg, Err *err)
{
  PlPay *p = pArg;
  int rc = place_allowance_pay(req_db(req), p->assignmentId, p->schemeId,
                               p->cents, p->zPaidOn, p->zRef, &p->id, err);
  if (!rc) rc = kit_audit(req, "allowance_payment", p->id, "create", NULL,
                          place_json_payment(p), err);
  return rc;
}

int place_write_booking(Req *req, void *pArg, Err *err)
{
  PlBook *p = pArg;
  int rc = place_book(req_db(req), p->isVehicle, &p->b, err);
  if (!rc) rc = kit_audit(req, p->isVehicle ? "vehicle_booking"
                                            : "room_booking",
                          p->b.id, "create", NULL, place_json_booking(&p->b),
                          err);
  return rc;
}

int place_write_vehicle(Req *req, void *pArg, Err *err)
{
  Vehicle *v = pArg;
  int rc = place_vehicle_save(req_db(req), v, err);
  if (!rc) rc = kit_audit(req, "vehicle", v->id, "create", NULL, json_pack(
      "{s:s?, s:s?, s:s?}", "libelle", v->zLabel, "immatriculation",
      v->zPlate, "commune", v->zCommune), err);
  return rc;
}

/* A housing and, from a page, its n rooms "Chambre 1".."Chambre n". */
int place_write_housing(Req *req, void *pArg, Err *err)
{
  PlHousing *h = pArg;
  /* Sent twice (a double click, a reload): the first sending stands. */
  if (!h->id && (h->id = place_housing_find(req_db(req), h->zName,
                                            h->zCommune))) {
    return 0;
  }
  int rc = place_housing_save(req_db(req), &h->id, h->zName, h->zCommune,
                              h->zAddress, err);
  for (int i = 1; !rc && i <= h->nRoom; i++) {
    Room r = {.housingId = h->id, .rentCents = h->rentCents,
              .zLabel = arena_printf(req_arena(req), "Chambre %d", i)};
    rc = place_room_save(req_db(req), &r, err);
  }
  if (!rc) rc = kit_audit(req, "housing", h->id, "create", NULL, json_pack(
      "{s:s?, s:s?, s:i, s:I}", "nom", h->zName, "commune", h->zCommune,
      "chambres", h->nRoom, "loyer_centimes", (json_int_t)h->rentCents), err);
  return rc;
}

int place_write_room(Req *req, void *pArg, Err *err)
{
  Room *r = pArg;
  int rc = place_room_save(req_db(req), r, err);
  if (!rc) rc = kit_audit(req, "housing_room", r->id, "create", NULL,
                          json_pack("{s:I, s:s?, s:I}", "logement_id",
                                    (json_int_t)r->housingId, "libelle",
                                    r->zLabel, "loyer_centimes",
                                    (json_int_t)r->rentCents), err);
  return rc;
}

int place_write_scheme(Req *req, void *pArg, Err *err)
{
  AllowScheme *s = pArg;
  int rc = place_scheme_save(req_db(req), s, err);
  if (!rc) rc = kit_audit(req, "allowance_scheme", s->id, "create", NULL,
                          place_json_scheme(s), err);
  return rc;
}

int place_write_outcome(Req *req, void *pArg, Err *err)
{
  Outcome *o = pArg;
  int rc = place_outcome_save(req_db(req), o, err);
  if (!rc) rc = kit_audit(req, "trainee_outcome", o->traineeId, "save", NULL,
                          json_pack("{s:b, s:s?, s:s?, s:s?, s:I}",
                                    "installe", o->isSettled, "commune",
                                    o->zCommune, "date_installation",
                                    o->zSettledOn, "ref_dossier",
                                    o->zCaseRef, "engagement_aide_id",
                                    (json_int_t)o->aidCommitmentId), err);
  return rc;
}

const KitRecordOps place_ops_place = {NULL, place_read_place,
                                      place_write_place, place_json_place};
const KitRecordOps place_ops_trainee = {NULL, place_read_trainee,
                                        place_write_trainee,
                                        place_json_trainee};
const KitRecordOps place_ops_semester = {NULL, place_read_semester,
                                         place_write_semester,
                                         place_json_semester};
const KitRecordOps place_ops_assignment = {NULL, place_read_assignment,
                                           place_write_assignment,
                                           place_json_assignment};
const KitRecordOps place_ops_payment = {NULL, place_read_payment,
                                        place_write_payment,
                                        place_json_payment};
const KitRecordOps place_ops_scheme = {NULL, place_read_scheme,
                                       place_write_scheme, place_json_scheme};
const KitRecordOps place_ops_vehicle = {NULL, place_read_vehicle,
                                        place_write_vehicle,
                                        place_json_vehicle};
const KitRecordOps place_ops_housing = {NULL, place_read_housing,
                                        place_write_housing, NULL};
const KitRecordOps place_ops_room = {NULL, place_read_room, place_write_room,
                                     NULL};
const KitRecordOps place_ops_booking = {NULL, place_read_booking,
                                        place_write_booking, NULL};
const KitRecordOps place_ops_outcome = {NULL, place_read_outcome,
                                        place_write_outcome,
                                        place_json_outcome};
