/*
** placements/api.c: /api/v1/stages, the JSON twin of the Stages pages.
**
** Same store calls, checks and audit as the pages; writes answer 201 with
** the created record, refusals {"error":{code, message, field}}.
*/
#include <string.h>

#include "aids/aids.h"
#include "base/caldate.h"
#include "cases/cases.h"
#include "placements/webutil.h"

static const char *js_str(json_t *o, const char *zKey)
{
  json_t *v = json_object_get(o, zKey);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static int64_t js_int(json_t *o, const char *zKey, int64_t dflt)
{
  json_t *v = json_object_get(o, zKey);
  return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

static json_t *body_or_400(Req *req)
{
  json_t *o = req_json(req);
  if (!json_is_object(o)) {
    reply_error(req, 400, "saisie_invalide", "Corps JSON (objet) attendu.",
                NULL);
    return NULL;
  }
  return o;
}

/* Answer a write: pJson (stolen) with status, or the error. */
static void answer(Req *req, int rc, const Err *err, int status,
                   json_t *pJson)
{
  if (rc) {
    json_decref(pJson);
    plw_reply_err(req, rc, err);
    return;
  }
  reply_json(req, status, pJson);
}

/* ---- places ------------------------------------------------------------- */

static int place_write(Req *req, void *pArg, Err *err)
{
  Place *p = pArg;
  int rc = place_save(req_db(req), p, err);
  if (!rc) rc = plw_audit(req, "place", p->id, "create", plw_json_place(p),
                          err);
  return rc;
}

void plw_api_place_create(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Place p = {.zStructure = js_str(o, "structure"),
             .zCommune = js_str(o, "commune"),
             .zAddress = js_str(o, "address"),
             .zSupervisor = js_str(o, "supervisor"),
             .zLevel = js_str(o, "level"),
             .capacity = (int)js_int(o, "capacity", 1),
             .zNote = js_str(o, "note")};
  Err err = {0};
  int rc = plw_write(req, place_write, &p, &err);
  answer(req, rc, &err, 201, rc ? NULL : plw_json_place(&p));
}

void plw_api_places(Req *req)
{
  Place *aP;
  PlaceOffer *aO;
  int nP, nO;
  Err err = {0};
  if (place_list(req_db(req), req_arena(req), &aP, &nP, &err) ||
      place_offer_list(req_db(req), req_arena(req), NULL, &aO, &nO, &err)) {
    plw_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nP; i++) {
    json_t *p = plw_json_place(&aP[i]), *s = json_array();
    for (int k = 0; k < nO; k++) {
      if (aO[k].placeId != aP[i].id) continue;
      json_array_append_new(s, json_pack("{s:s, s:i, s:i}", "semester",
                                         aO[k].zSemester, "capacity",
                                         aO[k].capacity, "assigned",
                                         aO[k].nAssigned));
    }
    json_object_set_new(p, "semesters", s);
    json_array_append_new(j, p);
  }
  reply_json(req, 200, json_pack("{s:o}", "places", j));
}

typedef struct SemArg SemArg;
struct SemArg {
  int64_t placeId;
  const char *zSem;
  int capacity;
};

static int semester_write(Req *req, void *pArg, Err *err)
{
  SemArg *s = pArg;
  int rc = place_open_semester(req_db(req), s->placeId, s->zSem, s->capacity,
                               err);
  if (!rc) rc = plw_audit(req, "place_semester", s->placeId, "open",
                          json_pack("{s:s, s:i}", "semester", s->zSem,
                                    "capacity", s->capacity), err);
  return rc;
}

void plw_api_place_semester(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (!id) return;
  json_t *o = body_or_400(req);
  if (!o) return;
  SemArg s = {id, js_str(o, "semester"), (int)js_int(o, "capacity", -1)};
  Err err = {0};
  int rc = plw_write(req, semester_write, &s, &err);
  answer(req, rc, &err, 201, rc ? NULL : json_pack(
      "{s:I, s:s, s:i}", "place_id", (json_int_t)id, "semester", s.zSem,
      "capacity", s.capacity));
}

/* ---- trainees and assignments ------------------------------------------- */

static int trainee_write(Req *req, void *pArg, Err *err)
{
  Trainee *t = pArg;
  int rc = place_trainee_save(req_db(req), t, err);
  if (!rc) rc = plw_audit(req, "trainee", t->id, "create",
                          plw_json_trainee(t), err);
  return rc;
}

void plw_api_trainee_create(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Trainee t = {.zFirstName = js_str(o, "first_name"),
               .zLastName = js_str(o, "last_name"),
               .zEmail = js_str(o, "email"), .zPhone = js_str(o, "phone"),
               .zSchool = js_str(o, "school"), .zLevel = js_str(o, "level")};
  Err err = {0};
  int rc = plw_write(req, trainee_write, &t, &err);
  answer(req, rc, &err, 201, rc ? NULL : plw_json_trainee(&t));
}

void plw_api_trainees(Req *req)
{
  Trainee *aT;
  int nT;
  Err err = {0};
  if (place_trainee_list(req_db(req), req_arena(req), &aT, &nT, &err)) {
    plw_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nT; i++) json_array_append_new(j, plw_json_trainee(&aT[i]));
  reply_json(req, 200, json_pack("{s:o}", "trainees", j));
}

void plw_api_trainee(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (!id) return;
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  Trainee t;
  Assignment *aA;
  int nA;
  int rc = place_trainee_get(db, a, id, &t, &err);
  if (!rc) rc = place_assignment_list(db, a, id, 0, &aA, &nA, &err);
  if (rc) {
    plw_reply_err(req, rc, &err);
    return;
  }
  json_t *o = plw_json_trainee(&t), *jA = json_array();
  for (int i = 0; i < nA; i++) {
    json_array_append_new(jA, plw_json_assignment(&aA[i]));
  }
  json_object_set_new(o, "assignments", jA);
  Outcome out;
  if (place_outcome_get(db, a, id, &out, &err) == 0) {
    json_t *jO = json_pack(
        "{s:b, s:s, s:s, s:s}", "settled", out.isSettled, "commune",
        out.zCommune, "settled_on", out.zSettledOn, "case_ref",
        out.zCaseRef);
    int64_t idCase = out.zCaseRef[0] ? case_dossier_find_ref(db, out.zCaseRef)
                                     : 0;
    json_object_set_new(jO, "case_url", idCase ? json_string(arena_printf(
        a, "/accompagnement/dossiers/%lld", (long long)idCase)) : json_null());
    AidCommitment c;
    Err e3 = {0};
    if (out.aidCommitmentId > 0 &&
        !aid_commit_get(db, out.aidCommitmentId, &c, &e3)) {
      json_object_set_new(jO, "aid_commitment", json_pack(
          "{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)c.id, "aid",
          c.zAid, "place", c.zPlace, "start_on", c.zStart, "end_on", c.zEnd,
          "status", aid_commit_status_label(c.status)));
    } else {
      json_object_set_new(jO, "aid_commitment", json_null());
    }
    json_object_set_new(o, "outcome", jO);
  } else {
    json_object_set_new(o, "outcome", json_null());
  }
  reply_json(req, 200, o);
}

void plw_api_assign(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Assignment x = {.traineeId = js_int(o, "trainee_id", 0),
                  .placeId = js_int(o, "place_id", 0),
                  .zStartOn = js_str(o, "start_on"),
                  .zEndOn = js_str(o, "end_on")};
  Err err = {0};
  int rc = plw_write(req, plw_assign_write, &x, &err);
  Assignment got;
  if (!rc) rc = place_assignment_get(req_db(req), req_arena(req), x.id, &got,
                                     &err);
  answer(req, rc, &err, 201, rc ? NULL : plw_json_assignment(&got));
}

/* ---- allowances --------------------------------------------------------- */

void plw_api_allowances(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (!id) return;
  AllowLine *aL;
  int nL;
  Err err = {0};
  int rc = place_allowance_lines(req_db(req), req_arena(req), id, &aL, &nL,
                                 &err);
  if (rc) {
    plw_reply_err(req, rc, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nL; i++) {
    const AllowLine *l = &aL[i];
    PlaceAllowMonth aM[16];
    int nM;
    place_allowance_owed(l->monthlyCents, l->iFrom, l->iTo, aM, 16, &nM);
    json_t *jM = json_array();
    for (int m = 0; m < nM && m < 16; m++) {
      json_array_append_new(jM, json_pack(
          "{s:i, s:i, s:i, s:i, s:I}", "year", aM[m].year, "month",
          aM[m].month, "days", aM[m].nDays, "days_in_month",
          aM[m].nDaysInMonth, "cents", (json_int_t)aM[m].cents));
    }
    json_array_append_new(j, json_pack(
        "{s:I, s:s, s:I, s:I, s:I, s:I, s:o}", "scheme_id",
        (json_int_t)l->schemeId, "scheme", l->zSchemeName, "monthly_cents",
        (json_int_t)l->monthlyCents, "owed_cents", (json_int_t)l->owedCents,
        "paid_cents", (json_int_t)l->paidCents, "due_cents",
        (json_int_t)(l->owedCents - l->paidCents), "months", jM));
  }
  reply_json(req, 200, json_pack("{s:I, s:o}", "assignment_id",
                                 (json_int_t)id, "allowances", j));
}

void plw_api_pay(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (!id) return;
  json_t *o = body_or_400(req);
  if (!o) return;
  PlwPay p = {id, js_int(o, "scheme_id", 0), js_int(o, "amount_cents", 0), 0,
              js_str(o, "paid_on"), js_str(o, "reference")};
  Err err = {0};
  int rc = plw_write(req, plw_pay_write, &p, &err);
  answer(req, rc, &err, 201, rc ? NULL : json_pack(
      "{s:I, s:I, s:I, s:I, s:s}", "id", (json_int_t)p.id, "assignment_id",
      (json_int_t)id, "scheme_id", (json_int_t)p.schemeId, "amount_cents",
      (json_int_t)p.cents, "paid_on", p.zPaidOn));
}

void plw_api_schemes(Req *req)
{
  AllowScheme *aS;
  int nS;
  Err err = {0};
  if (place_scheme_list(req_db(req), req_arena(req), &aS, &nS, &err)) {
    plw_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nS; i++) {
    json_array_append_new(j, json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)aS[i].id,
        "name", aS[i].zName, "funder", aS[i].zFunder, "dep", aS[i].zDep,
        "levels", aS[i].zLevels, "monthly_cents",
        (json_int_t)aS[i].monthlyCents));
  }
  reply_json(req, 200, json_pack("{s:o}", "schemes", j));
}

static int scheme_write(Req *req, void *pArg, Err *err)
{
  AllowScheme *s = pArg;
  int rc = place_scheme_save(req_db(req), s, err);
  if (!rc) rc = plw_audit(req, "allowance_scheme", s->id, "create",
                          json_pack("{s:s?, s:I}", "name", s->zName,
                                    "monthly_cents",
                                    (json_int_t)s->monthlyCents), err);
  return rc;
}

void plw_api_scheme_create(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  AllowScheme s = {.zName = js_str(o, "name"), .zFunder = js_str(o, "funder"),
                   .zDep = js_str(o, "dep"), .zLevels = js_str(o, "levels"),
                   .monthlyCents = js_int(o, "monthly_cents", 0),
                   .zValidFrom = js_str(o, "valid_from"),
                   .zValidTo = js_str(o, "valid_to"),
                   .zSource = js_str(o, "source")};
  Err err = {0};
  int rc = plw_write(req, scheme_write, &s, &err);
  answer(req, rc, &err, 201, rc ? NULL : json_pack(
      "{s:I, s:s}", "id", (json_int_t)s.id, "name", s.zName));
}

/* ---- housing, vehicles, bookings ---------------------------------------- */

typedef struct ResArg ResArg;
struct ResArg {
  json_t *o;
  int64_t id;
  int64_t parentId;
};

static int vehicle_write(Req *req, void *pArg, Err *err)
{
  ResArg *r = pArg;
  Vehicle v = {.zLabel = js_str(r->o, "label"),
               .zPlate = js_str(r->o, "plate"),
               .zCommune = js_str(r->o, "commune"),
               .zNote = js_str(r->o, "note")};
  int rc = place_vehicle_save(req_db(req), &v, err);
  r->id = v.id;
  if (!rc) rc = plw_audit(req, "vehicle", v.id, "create",
                          json_deep_copy(r->o), err);
  return rc;
}

static int housing_write(Req *req, void *pArg, Err *err)
{
  ResArg *r = pArg;
  int rc = place_housing_save(req_db(req), &r->id, js_str(r->o, "name"),
                              js_str(r->o, "commune"),
                              js_str(r->o, "address"), err);
  if (!rc) rc = plw_audit(req, "housing", r->id, "create",
                          json_deep_copy(r->o), err);
  return rc;
}

static int room_write(Req *req, void *pArg, Err *err)
{
  ResArg *r = pArg;
  Room room = {.housingId = r->parentId, .zLabel = js_str(r->o, "label"),
               .rentCents = js_int(r->o, "rent_cents", 0)};
  int rc = place_room_save(req_db(req), &room, err);
  r->id = room.id;
  if (!rc) rc = plw_audit(req, "housing_room", room.id, "create",
                          json_deep_copy(r->o), err);
  return rc;
}

/* POST of a resource through x; answers {"id": …}. */
static void resource_post(Req *req, int (*x)(Req *, void *, Err *),
                          int64_t parentId)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  ResArg r = {o, 0, parentId};
  Err err = {0};
  int rc = plw_write(req, x, &r, &err);
  answer(req, rc, &err, 201, rc ? NULL : json_pack("{s:I}", "id",
                                                   (json_int_t)r.id));
}

void plw_api_vehicle_create(Req *req)
{
  resource_post(req, vehicle_write, 0);
}

void plw_api_housing_create(Req *req)
{
  resource_post(req, housing_write, 0);
}

void plw_api_room_create(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (id) resource_post(req, room_write, id);
}

void plw_api_book(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  const char *zKind = js_str(o, "kind");
  Err err = {0};
  if (!zKind || (strcmp(zKind, "vehicule") && strcmp(zKind, "chambre"))) {
    err_set(&err, ERR_INPUT, "kind : « vehicule » ou « chambre »");
    err_field(&err, "kind");
    plw_reply_err(req, ERR_INPUT, &err);
    return;
  }
  PlwBook p = {.isVehicle = !strcmp(zKind, "vehicule")};
  p.b.resourceId = js_int(o, "resource_id", 0);
  p.b.traineeId = js_int(o, "trainee_id", 0);
  p.b.zStartOn = js_str(o, "start_on");
  p.b.zEndOn = js_str(o, "end_on");
  int rc = plw_write(req, plw_book_write, &p, &err);
  answer(req, rc, &err, 201, rc ? NULL : plw_json_booking(&p.b));
}

void plw_api_bookings(Req *req)
{
  const char *zKind = req_query(req, "type");
  int isVehicle = !zKind || strcmp(zKind, "chambre");
  int s = 0, e = 200000;
  const char *zFrom = req_query(req, "du"), *zTo = req_query(req, "au");
  if (zFrom) caldate_parse(zFrom, &s);
  if (zTo) caldate_parse(zTo, &e);
  Booking *aB;
  int nB;
  Err err = {0};
  if (place_booking_list(req_db(req), req_arena(req), isVehicle, s, e, &aB,
                         &nB, &err)) {
    plw_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nB; i++) json_array_append_new(j, plw_json_booking(&aB[i]));
  reply_json(req, 200, json_pack("{s:o}", "bookings", j));
}

/* ---- follow-up and offers ----------------------------------------------- */

static int outcome_write(Req *req, void *pArg, Err *err)
{
  Outcome *o = pArg;
  int rc = place_outcome_save(req_db(req), o, err);
  if (!rc) rc = plw_audit(req, "trainee_outcome", o->traineeId, "save",
                          json_pack("{s:b, s:s?, s:s?, s:I}", "settled",
                                    o->isSettled, "commune", o->zCommune,
                                    "case_ref", o->zCaseRef,
                                    "aid_commitment_id",
                                    (json_int_t)o->aidCommitmentId), err);
  return rc;
}

void plw_api_outcome(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (!id) return;
  json_t *o = body_or_400(req);
  if (!o) return;
  Outcome out = {.traineeId = id,
                 .isSettled = json_is_true(json_object_get(o, "settled")),
                 .zCommune = js_str(o, "commune"),
                 .zSettledOn = js_str(o, "settled_on"),
                 .zCaseRef = js_str(o, "case_ref"),
                 .zNote = js_str(o, "note"),
                 .aidCommitmentId = js_int(o, "aid_commitment_id", 0)};
  json_t *pC = json_object_get(o, "aid_commitment_id");
  if (pC && !json_is_null(pC) && !json_is_integer(pC)) {
    out.aidCommitmentId = -1;             /* refused, field named */
  }
  Err err = {0};
  int rc = plw_write(req, outcome_write, &out, &err);
  answer(req, rc, &err, 200, rc ? NULL : json_pack(
      "{s:I, s:b, s:s?}", "trainee_id", (json_int_t)id, "settled",
      out.isSettled, "commune", out.zCommune));
}

void plw_api_conversion(Req *req)
{
  const char *zBy = req_query(req, "par");
  int bySemester = zBy && !strcmp(zBy, "semestre");
  Conversion *aC;
  int nC;
  Err err = {0};
  if (place_conversion(req_db(req), req_arena(req), bySemester,
                       caldate_today(), &aC, &nC, &err)) {
    plw_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nC; i++) {
    json_t *r = json_pack("{s:s, s:s, s:i, s:i, s:i}", "key", aC[i].zKey,
                          "label", aC[i].zLabel, "former", aC[i].nFormer,
                          "known", aC[i].nKnown, "settled", aC[i].nSettled);
    json_object_set_new(r, "rate_pct", aC[i].pct >= 0 ? json_real(aC[i].pct)
                                                      : json_null());
    json_array_append_new(j, r);
  }
  reply_json(req, 200, json_pack("{s:s, s:o}", "by",
                                 bySemester ? "semester" : "place",
                                 "conversion", j));
}

void plw_api_offers(Req *req)
{
  char zNow[8], zSem[8];
  const char *zAsked = req_query(req, "semestre");
  int s, e;
  if (zAsked && !place_semester_bounds(zAsked, &s, &e)) {
    memcpy(zSem, zAsked, 8);
  } else {
    place_semester_next(place_semester_of(caldate_today(), zNow), zSem);
    place_semester_bounds(zSem, &s, &e);
  }
  PlaceOffer *aO;
  Room *aR;
  int nO, nR;
  Err err = {0};
  if (place_offer_list(req_db(req), req_arena(req), zSem, &aO, &nO, &err) ||
      place_room_free_list(req_db(req), req_arena(req), s, e, &aR, &nR,
                           &err)) {
    plw_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *jP = json_array(), *jR = json_array();
  for (int i = 0; i < nO; i++) {
    int nLeft = aO[i].capacity - aO[i].nAssigned;
    if (nLeft <= 0) continue;
    json_t *p = plw_json_place(&aO[i].place);
    json_object_del(p, "note");
    json_object_set_new(p, "free", json_integer(nLeft));
    json_object_set_new(p, "request_url", json_string(plw_request_url(
        req, &aO[i].place, zSem)));
    json_array_append_new(jP, p);
  }
  for (int i = 0; i < nR; i++) {
    json_array_append_new(jR, json_pack(
        "{s:I, s:s, s:s, s:s, s:I}", "room_id", (json_int_t)aR[i].id,
        "housing", aR[i].zHousingName, "commune", aR[i].zCommune, "room",
        aR[i].zLabel, "rent_cents", (json_int_t)aR[i].rentCents));
  }
  reply_json(req, 200, json_pack("{s:s, s:o, s:o, s:s}", "semester", zSem,
                                 "places", jP, "rooms", jR,
                                 "housing_request_url",
                                 plw_request_url(req, NULL, zSem)));
}
