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
#include "placements/internal.h"
#include "web/kit_json.h"
#include "web/kit_record.h"

/* ---- places ------------------------------------------------------------- */

/* ROUTE: POST /api/v1/stages/terrains agent api */
void place_api_place_create(Req *req)
{
  kit_api_save(req, &place_ops_place, 0, &(Place){0}, 201);
}

/* ROUTE: GET /api/v1/stages/terrains lecteur api */
void place_api_places(Req *req)
{
  Place *aP;
  PlaceOffer *aO;
  int nP, nO;
  Err err = {0};
  if (place_list(req_db(req), req_arena(req), &aP, &nP, &err) ||
      place_offer_list(req_db(req), req_arena(req), NULL, &aO, &nO, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nP; i++) {
    json_t *p = place_json_place(&aP[i]), *s = json_array();
    for (int k = 0; k < nO; k++) {
      if (aO[k].placeId != aP[i].id) continue;
      json_array_append_new(s, json_pack("{s:s, s:i, s:i}", "semestre",
                                         aO[k].zSemester, "capacite",
                                         aO[k].capacity, "affectes",
                                         aO[k].nAssigned));
    }
    json_object_set_new(p, "semestres", s);
    json_array_append_new(j, p);
  }
  reply_json(req, 200, json_pack("{s:o}", "terrains", j));
}

/* ROUTE: POST /api/v1/stages/terrains/{id}/semestres agent api */
void place_api_place_semester(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  PlSemester sem = {.placeId = id};
  if (id) kit_api_save(req, &place_ops_semester, 0, &sem, 201);
}

/* ---- trainees and assignments ------------------------------------------- */

/* ROUTE: POST /api/v1/stages/stagiaires agent api */
void place_api_trainee_create(Req *req)
{
  kit_api_save(req, &place_ops_trainee, 0, &(Trainee){0}, 201);
}

/* ROUTE: GET /api/v1/stages/stagiaires agent api */
void place_api_trainees(Req *req)
{
  Trainee *aT;
  int nT;
  Err err = {0};
  if (place_trainee_list(req_db(req), req_arena(req), &aT, &nT, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  kit_reply_list(req, "stagiaires", aT, nT, sizeof *aT, place_json_trainee);
}

/* ROUTE: POST /api/v1/stages/stagiaires/{id}/effacement agent api */
void place_api_erase(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  KitErrors e = {0};
  Trainee t;
  Err err = {0};
  if (kit_save_or_reply(req, 0, &e, place_write_erase, &id)) return;
  if (place_trainee_get(req_db(req), req_arena(req), id, &t, &err)) {
    kit_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  reply_json(req, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id,
                                 "efface_le", t.zErasedOn));
}

/* ROUTE: GET /api/v1/stages/stagiaires/{id} agent api */
void place_api_trainee(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
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
    kit_reply_err(req, rc, &err);
    return;
  }
  json_t *o = place_json_trainee(&t);
  json_object_set_new(o, "affectations", kit_json_array(
      aA, nA, sizeof *aA, place_json_assignment));
  Outcome out;
  if (place_outcome_get(db, a, id, &out, &err) == 0) {
    json_t *jO = json_pack(
        "{s:b, s:s, s:s, s:s}", "installe", out.isSettled, "commune",
        out.zCommune, "date_installation", out.zSettledOn, "ref_dossier",
        out.zCaseRef);
    int64_t idCase = out.zCaseRef[0] ? case_dossier_find_ref(db, out.zCaseRef)
                                     : 0;
    json_object_set_new(jO, "url_dossier", idCase ? json_string(arena_printf(
        a, "/accompagnement/dossiers/%lld", (long long)idCase)) : json_null());
    AidCommitment c;
    Err e3 = {0};
    if (out.aidCommitmentId > 0 &&
        !aid_commit_get(db, out.aidCommitmentId, &c, &e3)) {
      json_object_set_new(jO, "engagement_aide", json_pack(
          "{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)c.id, "aide",
          c.zAid, "lieu", c.zPlace, "date_debut", c.zStart, "date_fin", c.zEnd,
          "statut", aid_commit_status_label(c.status)));
    } else {
      json_object_set_new(jO, "engagement_aide", json_null());
    }
    json_object_set_new(o, "devenir", jO);
  } else {
    json_object_set_new(o, "devenir", json_null());
  }
  reply_json(req, 200, o);
}

/* ROUTE: POST /api/v1/stages/affectations agent api */
void place_api_assign(Req *req)
{
  Assignment x = {0}, got;
  KitErrors e = {0};
  Err err = {0};
  int nBad = place_read_assignment(req, &x, &e);
  if (!nBad && !x.traineeId) {
    kit_error_add(req, &e, "stagiaire_id", "Stagiaire : champ obligatoire");
    nBad = 1;
  }
  if (kit_save_or_reply(req, nBad, &e, place_write_assignment, &x)) return;
  if (place_assignment_get(req_db(req), req_arena(req), x.id, &got, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  reply_json(req, 201, place_json_assignment(&got));
}

/* ---- allowances --------------------------------------------------------- */

/* ROUTE: GET /api/v1/stages/affectations/{id}/indemnites agent api */
void place_api_allowances(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  AllowLine *aL;
  int nL;
  Err err = {0};
  int rc = place_allowance_lines(req_db(req), req_arena(req), id, &aL, &nL,
                                 &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
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
          "{s:i, s:i, s:i, s:i, s:I}", "annee", aM[m].year, "mois",
          aM[m].month, "jours", aM[m].nDays, "jours_du_mois",
          aM[m].nDaysInMonth, "montant_centimes", (json_int_t)aM[m].cents));
    }
    json_array_append_new(j, json_pack(
        "{s:I, s:s, s:I, s:I, s:I, s:I, s:o}", "dispositif_id",
        (json_int_t)l->schemeId, "dispositif", l->zSchemeName,
        "mensuel_centimes",
        (json_int_t)l->monthlyCents, "du_centimes", (json_int_t)l->owedCents,
        "paye_centimes", (json_int_t)l->paidCents, "reste_du_centimes",
        (json_int_t)(l->owedCents - l->paidCents), "mois", jM));
  }
  reply_json(req, 200, json_pack("{s:I, s:o}", "affectation_id",
                                 (json_int_t)id, "indemnites", j));
}

/* ROUTE: POST /api/v1/stages/affectations/{id}/paiements agent api */
void place_api_pay(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  PlPay p = {.assignmentId = id};
  kit_api_save(req, &place_ops_payment, 0, &p, 201);
}

/* ROUTE: GET /api/v1/stages/dispositifs public api */
void place_api_schemes(Req *req)
{
  AllowScheme *aS;
  int nS;
  Err err = {0};
  if (place_scheme_list(req_db(req), req_arena(req), &aS, &nS, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  kit_reply_list(req, "dispositifs", aS, nS, sizeof *aS, place_json_scheme);
}

/* ROUTE: POST /api/v1/stages/dispositifs agent api */
void place_api_scheme_create(Req *req)
{
  kit_api_save(req, &place_ops_scheme, 0, &(AllowScheme){0}, 201);
}

/* ---- housing, vehicles, bookings ---------------------------------------- */

/* ROUTE: POST /api/v1/stages/vehicules agent api */
void place_api_vehicle_create(Req *req)
{
  kit_api_save(req, &place_ops_vehicle, 0, &(Vehicle){0}, 201);
}

/* ROUTE: POST /api/v1/stages/logements agent api */
void place_api_housing_create(Req *req)
{
  PlHousing h = {0};
  if (kit_api_save(req, &place_ops_housing, 0, &h, 0)) return;
  reply_json(req, 201, json_pack("{s:I}", "id", (json_int_t)h.id));
}

/* ROUTE: POST /api/v1/stages/logements/{id}/chambres agent api */
void place_api_room_create(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  Room r = {.housingId = id};
  if (kit_api_save(req, &place_ops_room, 0, &r, 0)) return;
  reply_json(req, 201, json_pack("{s:I}", "id", (json_int_t)r.id));
}

/* ROUTE: POST /api/v1/stages/reservations agent api */
void place_api_book(Req *req)
{
  PlBook p;
  if (kit_api_save(req, &place_ops_booking, 0, &p, 0)) return;
  reply_json(req, 201, place_json_booking(&p.b));
}

/* ROUTE: GET /api/v1/stages/reservations agent api */
void place_api_bookings(Req *req)
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
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  kit_reply_list(req, "reservations", aB, nB, sizeof *aB,
                 place_json_booking);
}

/* ---- follow-up and offers ----------------------------------------------- */

/* ROUTE: POST /api/v1/stages/stagiaires/{id}/devenir agent api */
void place_api_outcome(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  Outcome o = {.traineeId = id};
  if (id) kit_api_save(req, &place_ops_outcome, 0, &o, 200);
}

/* ROUTE: GET /api/v1/stages/conversion lecteur api */
void place_api_conversion(Req *req)
{
  const char *zBy = req_query(req, "par");
  int bySemester = zBy && !strcmp(zBy, "semestre");
  Conversion *aC;
  int nC;
  Err err = {0};
  if (place_conversion(req_db(req), req_arena(req), bySemester,
                       caldate_today(), &aC, &nC, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nC; i++) {
    json_t *r = json_pack("{s:s, s:s, s:i, s:i, s:i}", "cle", aC[i].zKey,
                          "libelle", aC[i].zLabel, "anciens", aC[i].nFormer,
                          "connus", aC[i].nKnown, "installes", aC[i].nSettled);
    json_object_set_new(r, "taux_pct", aC[i].pct >= 0 ? json_real(aC[i].pct)
                                                      : json_null());
    json_array_append_new(j, r);
  }
  reply_json(req, 200, json_pack("{s:s, s:o}", "par",
                                 bySemester ? "semestre" : "terrain",
                                 "conversion", j));
}

/* ROUTE: GET /api/v1/stages/offres public api */
void place_api_offers(Req *req)
{
  PlOffers o;
  if (place_offers_or_reply(req, &o)) return;
  const char *zSem = o.zSem;
  PlaceOffer *aO = o.aO;
  Room *aR = o.aR;
  int nO = o.nO, nR = o.nR;
  json_t *jP = json_array(), *jR = json_array();
  for (int i = 0; i < nO; i++) {
    int nLeft = aO[i].capacity - aO[i].nAssigned;
    if (nLeft <= 0) continue;
    json_t *p = place_json_place(&aO[i].place);
    json_object_del(p, "note");
    json_object_set_new(p, "libres", json_integer(nLeft));
    PlExtras x;
    place_offer_extras(req, &o, &aO[i], &x);
    json_object_set_new(p, "indemnite_mensuelle_centimes",
                        json_integer(x.allowanceCents));
    json_object_set_new(p, "indemnites", json_string(x.zAllowance));
    json_object_set_new(p, "chambres_libres_departement",
                        json_integer(x.nRoom));
    json_object_set_new(p, "loyer_min_centimes",
                        x.nRoom ? json_integer(x.minRentCents) : json_null());
    json_object_set_new(p, "vehicules_departement",
                        json_integer(x.nVehicle));
    json_object_set_new(p, "url_aides", json_string(x.zAidsUrl));
    json_object_set_new(p, "url_demande", json_string(place_request_url(
        req, &aO[i].place, zSem)));
    json_array_append_new(jP, p);
  }
  for (int i = 0; i < nR; i++) {
    json_array_append_new(jR, json_pack(
        "{s:I, s:s, s:s, s:s, s:I}", "chambre_id", (json_int_t)aR[i].id,
        "logement", aR[i].zHousingName, "commune", aR[i].zCommune, "chambre",
        aR[i].zLabel, "loyer_centimes", (json_int_t)aR[i].rentCents));
  }
  reply_json(req, 200, json_pack("{s:s, s:o, s:o, s:s}", "semestre", zSem,
                                 "terrains", jP, "chambres", jR,
                                 "url_demande_logement",
                                 place_request_url(req, NULL, zSem)));
}
