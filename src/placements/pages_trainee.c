/*
** placements/pages_trainee.c: a trainee's file: identity, placements and
** the allowances each one is owed (computed month by month) and paid,
** bookings of rooms and vehicles, and what became of them afterwards.
**
** Every form on this page posts to its own route; a refused post shows
** the page again with the reason above the form concerned.
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "placements/webutil.h"

/* Which form of the trainee page an error belongs to. */
enum { FORM_NONE, FORM_ASSIGN, FORM_PAY, FORM_BOOK, FORM_OUTCOME };

static void trainee_form(Req *req, const Trainee *t, const Err *err)
{
  plw_form_error(req, err);
  form_begin(req, "/stages/stagiaires/nouveau");
  plw_input(req, err, "first_name", "Prénom", "text", t->zFirstName, NULL);
  plw_input(req, err, "last_name", "Nom", "text", t->zLastName, NULL);
  plw_input(req, err, "email", "Courriel", "email", t->zEmail, NULL);
  plw_input(req, err, "phone", "Téléphone", "tel", t->zPhone, NULL);
  plw_input(req, err, "school", "Faculté ou école", "text", t->zSchool, NULL);
  html_printf(req, "<div class=\"field\"><label for=\"level\">Niveau</label>"
                   "<select id=\"level\" name=\"level\">\n");
  for (int i = 0; i < PLACE_NLEVEL; i++) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n",
                place_level_code(i),
                t->zLevel && !strcmp(t->zLevel, place_level_code(i))
                    ? " selected" : "" /*trusted*/,
                place_level_label(i));
  }
  html_printf(req, "</select></div>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Enregistrer</button></div>\n");
  form_end(req);
}

void plw_page_trainee_new(Req *req)
{
  Trainee t = {.zLevel = "interne_mg"};
  page_begin(req, "Nouveau stagiaire");
  html_printf(req, "<h1>Nouveau stagiaire</h1>\n");
  trainee_form(req, &t, NULL);
  page_end(req);
}

static int trainee_write(Req *req, void *pArg, Err *err)
{
  Trainee *t = pArg;
  int rc = place_trainee_save(req_db(req), t, err);
  if (!rc) rc = plw_audit(req, "trainee", t->id, "create",
                          plw_json_trainee(t), err);
  return rc;
}

void plw_post_trainee_new(Req *req)
{
  Trainee t = {.zFirstName = plw_form(req, "first_name"),
               .zLastName = plw_form(req, "last_name"),
               .zEmail = plw_form(req, "email"),
               .zPhone = plw_form(req, "phone"),
               .zSchool = plw_form(req, "school"),
               .zLevel = plw_form(req, "level")};
  Err err = {0};
  int rc = plw_write(req, trainee_write, &t, &err);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    page_begin(req, "Nouveau stagiaire");
    html_printf(req, "<h1>Nouveau stagiaire</h1>\n");
    trainee_form(req, &t, &err);
    page_end(req);
    return;
  }
  if (rc) {
    plw_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/stages/stagiaires/%lld",
                                   (long long)t.id));
}

/* The allowances of one assignment: per scheme, months, owed, paid; a
** payment form for what remains. */
static void allowance_block(Req *req, const Assignment *x, int iForm,
                            const Err *err)
{
  AllowLine *aL;
  int nL;
  Err e2 = {0};
  if (place_allowance_lines(req_db(req), req_arena(req), x->id, &aL, &nL,
                            &e2)) {
    return;
  }
  if (nL == 0) {
    html_printf(req, "<p class=\"small\">Aucune indemnité applicable à ce "
                     "stage.</p>\n");
    return;
  }
  for (int i = 0; i < nL; i++) {
    const AllowLine *l = &aL[i];
    PlaceAllowMonth aM[16];
    int nM;
    place_allowance_owed(l->monthlyCents, l->iFrom, l->iTo, aM, 16, &nM);
    html_printf(req, "<table><caption>%h : %h par mois, au prorata des jours "
                     "de stage</caption><thead><tr><th scope=\"col\">Mois"
                     "</th><th scope=\"col\" class=\"num\">Jours</th><th "
                     "scope=\"col\" class=\"num\">Montant</th></tr></thead>"
                     "<tbody>\n", l->zSchemeName,
                plw_euros(req, l->monthlyCents));
    for (int m = 0; m < nM && m < 16; m++) {
      html_printf(req, "<tr><th scope=\"row\">%d-%s%d</th><td class=\"num\">"
                       "%d/%d</td><td class=\"num\">%h</td></tr>\n",
                  aM[m].year, aM[m].month < 10 ? "0" : "" /*trusted*/,
                  aM[m].month, aM[m].nDays, aM[m].nDaysInMonth,
                  plw_euros(req, aM[m].cents));
    }
    html_printf(req, "</tbody><tfoot><tr><th scope=\"row\">Dû</th><td></td>"
                     "<td class=\"num\" data-owed=\"%lld\">%h</td></tr><tr>"
                     "<th scope=\"row\">Payé</th><td></td><td class=\"num\" "
                     "data-paid=\"%lld\">%h</td></tr><tr><th scope=\"row\">"
                     "Reste dû</th><td></td><td class=\"num\">%h</td></tr>"
                     "</tfoot></table>\n", (long long)l->owedCents,
                plw_euros(req, l->owedCents), (long long)l->paidCents,
                plw_euros(req, l->paidCents),
                plw_euros(req, l->owedCents - l->paidCents));
    if (l->owedCents > l->paidCents) {
      const Err *e = iForm == FORM_PAY ? err : NULL;
      char zToday[11];
      plw_form_error(req, e);
      form_begin(req, html_mprintf(req, "/stages/affectations/%lld/paiement",
                                   (long long)x->id));
      html_printf(req, "<input type=\"hidden\" name=\"scheme_id\" "
                       "value=\"%lld\">\n", (long long)l->schemeId);
      plw_input(req, e, "amount", "Montant versé (€)", "text",
                html_mprintf(req, "%.2f", (l->owedCents - l->paidCents) /
                                              100.0), NULL);
      plw_input(req, e, "paid_on", "Versé le", "date",
                caldate_format(caldate_today(), zToday), NULL);
      plw_input(req, e, "reference", "Référence du mandat", "text", "", NULL);
      html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                       "Enregistrer le versement</button></div>\n");
      form_end(req);
    }
  }
}

/* The trainee's file; iForm/err: a refused form to show again. */
static void trainee_page(Req *req, int64_t id, int iForm, const Err *err)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err e2 = {0};
  Trainee t;
  Assignment *aA;
  Place *aP;
  Vehicle *aV;
  Room *aR;
  Booking *aB;
  int nA, nP, nV, nR, nB;
  int rc = place_trainee_get(db, a, id, &t, &e2);
  if (!rc) rc = place_assignment_list(db, a, id, 0, &aA, &nA, &e2);
  if (!rc) rc = place_list(db, a, &aP, &nP, &e2);
  if (!rc) rc = place_vehicle_list(db, a, &aV, &nV, &e2);
  if (!rc) rc = place_room_list(db, a, &aR, &nR, &e2);
  if (rc) {
    plw_reply_err(req, rc, &e2);
    return;
  }
  char zLabel[64];
  page_begin(req, "Stagiaire");
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/stages\">Stages</a></li><li>"
                   "Stagiaire</li></ol></nav>\n<h1>%h %h</h1>\n<p>%h — %h"
                   "</p>\n", t.zFirstName, t.zLastName,
              place_level_label(place_level_parse(t.zLevel)), t.zSchool);

  html_printf(req, "<section aria-labelledby=\"stages\"><h2 id=\"stages\">"
                   "Stages et indemnités</h2>\n");
  for (int i = 0; i < nA; i++) {
    html_printf(req, "<h3>%h (%h) — du %h au %h, %h</h3>\n",
                aA[i].zPlaceName, aA[i].zCommune, aA[i].zStartOn,
                aA[i].zEndOn, place_semester_label(aA[i].zSemester, zLabel,
                                                   sizeof zLabel));
    allowance_block(req, &aA[i], iForm, err);
  }
  const Err *eA = iForm == FORM_ASSIGN ? err : NULL;
  html_printf(req, "<h3>Affecter à un terrain</h3>\n");
  plw_form_error(req, eA);
  form_begin(req, html_mprintf(req, "/stages/stagiaires/%lld/affectation",
                               (long long)id));
  html_printf(req, "<div class=\"field\"><label for=\"place_id\">Terrain"
                   "</label><select id=\"place_id\" name=\"place_id\">\n");
  for (int i = 0; i < nP; i++) {
    html_printf(req, "<option value=\"%lld\">%h (%h) — %h</option>\n",
                (long long)aP[i].id, aP[i].zStructure, aP[i].zCommune,
                place_level_label(place_level_parse(aP[i].zLevel)));
  }
  html_printf(req, "</select></div>\n");
  plw_input(req, eA, "start_on", "Début", "date", "", NULL);
  plw_input(req, eA, "end_on", "Fin", "date", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Affecter</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");

  /* Bookings of this trainee (any date). */
  html_printf(req, "<section aria-labelledby=\"resa\"><h2 id=\"resa\">"
                   "Logement et véhicule</h2>\n<ul>\n");
  for (int k = 0; k < 2; k++) {
    if (place_booking_list(db, a, k, 0, 200000, &aB, &nB, &e2)) break;
    for (int i = 0; i < nB; i++) {
      if (aB[i].traineeId != id) continue;
      html_printf(req, "<li>%s %h : du %h au %h</li>\n",
                  k ? "Véhicule" : "Chambre" /*trusted*/, aB[i].zResource,
                  aB[i].zStartOn, aB[i].zEndOn);
    }
  }
  html_printf(req, "</ul>\n");
  const Err *eB = iForm == FORM_BOOK ? err : NULL;
  plw_form_error(req, eB);
  form_begin(req, "/stages/reservations");
  html_printf(req, "<input type=\"hidden\" name=\"trainee_id\" value=\"%lld\">"
                   "\n<div class=\"field\"><label for=\"resource\">Véhicule "
                   "ou chambre</label><select id=\"resource\" name=\"resource"
                   "\">\n", (long long)id);
  for (int i = 0; i < nV; i++) {
    html_printf(req, "<option value=\"vehicule-%lld\">Véhicule %h (%h)"
                     "</option>\n", (long long)aV[i].id, aV[i].zLabel,
                aV[i].zPlate);
  }
  for (int i = 0; i < nR; i++) {
    html_printf(req, "<option value=\"chambre-%lld\">Chambre %h — %h</option>"
                     "\n", (long long)aR[i].id, aR[i].zHousingName,
                aR[i].zLabel);
  }
  html_printf(req, "</select></div>\n");
  plw_input(req, eB, "start_on", "Du", "date", "", NULL);
  plw_input(req, eB, "end_on", "Au", "date", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Réserver</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");

  plw_outcome_section(req, &t, iForm == FORM_OUTCOME ? err : NULL);
  page_end(req);
}

void plw_page_trainee(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (id) trainee_page(req, id, FORM_NONE, NULL);
}

/* After a write of form iForm for trainee id: back to the file, or the
** file again with the refusal. */
static void trainee_after(Req *req, int64_t id, int iForm, int rc,
                          const Err *err)
{
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    trainee_page(req, id, iForm, err);
    return;
  }
  if (rc) {
    plw_reply_err(req, rc, err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/stages/stagiaires/%lld",
                                   (long long)id));
}

void plw_post_assign(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (!id) return;
  Assignment x = {.traineeId = id, .placeId = plw_form_id(req, "place_id"),
                  .zStartOn = plw_form(req, "start_on"),
                  .zEndOn = plw_form(req, "end_on")};
  Err err = {0};
  int rc = plw_write(req, plw_assign_write, &x, &err);
  trainee_after(req, id, FORM_ASSIGN, rc, &err);
}

void plw_post_payment(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (!id) return;
  Assignment x;
  Err err = {0};
  if (place_assignment_get(req_db(req), req_arena(req), id, &x, &err)) {
    plw_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  PlwPay p = {id, plw_form_id(req, "scheme_id"),
              plw_cents(plw_form(req, "amount")), 0,
              plw_form(req, "paid_on"), plw_form(req, "reference")};
  int rc = plw_write(req, plw_pay_write, &p, &err);
  trainee_after(req, x.traineeId, FORM_PAY, rc, &err);
}

void plw_post_booking(Req *req)
{
  const char *zRes = plw_form(req, "resource");
  long rid = 0;
  PlwBook p = {0};
  if (str_starts(zRes, "vehicule-")) {
    p.isVehicle = 1;
    str_to_long(zRes + 9, &rid);
  } else if (str_starts(zRes, "chambre-")) {
    str_to_long(zRes + 8, &rid);
  }
  p.b.resourceId = rid;
  p.b.traineeId = plw_form_id(req, "trainee_id");
  p.b.zStartOn = plw_form(req, "start_on");
  p.b.zEndOn = plw_form(req, "end_on");
  Err err = {0};
  int rc = plw_write(req, plw_book_write, &p, &err);
  if (!p.b.traineeId) {
    plw_reply_err(req, rc ? rc : ERR_INPUT, &err);
    return;
  }
  trainee_after(req, p.b.traineeId, FORM_BOOK, rc, &err);
}

static int outcome_write(Req *req, void *pArg, Err *err)
{
  Outcome *o = pArg;
  int rc = place_outcome_save(req_db(req), o, err);
  if (!rc) rc = plw_audit(req, "trainee_outcome", o->traineeId, "save",
                          json_pack("{s:b, s:s?, s:s?, s:s?, s:I}",
                                    "settled", o->isSettled, "commune",
                                    o->zCommune, "settled_on", o->zSettledOn,
                                    "case_ref", o->zCaseRef,
                                    "aid_commitment_id",
                                    (json_int_t)o->aidCommitmentId), err);
  return rc;
}

void plw_post_outcome(Req *req)
{
  int64_t id = plw_arg_id_or_404(req, "id");
  if (!id) return;
  Outcome o = {.traineeId = id,
               .isSettled = !strcmp(plw_form(req, "settled"), "1"),
               .zCommune = plw_form(req, "commune"),
               .zSettledOn = plw_form(req, "settled_on"),
               .zCaseRef = plw_form(req, "case_ref")};
  const char *zC = plw_form(req, "aid_commitment_id");
  long nC = 0;
  if (zC[0] && (str_to_long(zC, &nC) || nC <= 0)) nC = -1;
  o.aidCommitmentId = nC;
  Err err = {0};
  int rc = plw_write(req, outcome_write, &o, &err);
  trainee_after(req, id, FORM_OUTCOME, rc, &err);
}
