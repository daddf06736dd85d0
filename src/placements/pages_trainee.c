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
#include "placements/internal.h"
#include "web/kit_form.h"
#include "web/kit_record.h"

/* Which form of the trainee page an error belongs to. */
enum { FORM_NONE, FORM_ASSIGN, FORM_PAY, FORM_BOOK, FORM_OUTCOME,
       FORM_ERASE };

static void trainee_form(Req *req, const Trainee *t, const KitErrors *e)
{
  kit_error_box(req, e);
  form_begin(req, "/stages/stagiaires/nouveau");
  kit_input(req, e, "prenom", "Prénom", "text", t->zFirstName, NULL);
  kit_input(req, e, "nom", "Nom", "text", t->zLastName, NULL);
  kit_input(req, e, "courriel", "Courriel", "email", t->zEmail, NULL);
  kit_input(req, e, "telephone", "Téléphone", "tel", t->zPhone, NULL);
  kit_input(req, e, "ecole", "Faculté ou école", "text", t->zSchool, NULL);
  kit_select(req, e, "niveau", "Niveau",
             kit_label_options(req, place_levels), t->zLevel,
             NULL);
  html_printf(req, "<div class=\"form-actions\"><button "
                   "type=\"submit\">Enregistrer</button></div>\n");
  form_end(req);
}

/* ROUTE: GET /stages/stagiaires/nouveau agent */
void place_page_trainee_new(Req *req)
{
  Trainee t = {.zLevel = "interne_mg"};
  page_begin(req, "Nouveau stagiaire");
  html_printf(req, "<h1>Nouveau stagiaire</h1>\n");
  trainee_form(req, &t, NULL);
  page_end(req);
}

/* ROUTE: POST /stages/stagiaires/nouveau agent */
void place_post_trainee_new(Req *req)
{
  Trainee t = {0};
  KitErrors e = {0};
  if (!kit_form_post(req, &place_ops_trainee, &t, "/stages/stagiaires/",
                     &t.id, &e)) {
    return;
  }
  page_begin(req, "Nouveau stagiaire");
  html_printf(req, "<h1>Nouveau stagiaire</h1>\n");
  trainee_form(req, &t, &e);
  page_end(req);
}

/* The allowances of one assignment: per scheme, months, owed, paid; a
** payment form for what remains. */
static void allowance_block(Req *req, const Assignment *x, int iForm,
                            const KitErrors *err)
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
                kit_euros(req, l->monthlyCents));
    for (int m = 0; m < nM && m < 16; m++) {
      html_printf(req, "<tr><th scope=\"row\">%d-%s%d</th><td class=\"num\">"
                       "%d/%d</td><td class=\"num\">%h</td></tr>\n",
                  aM[m].year, aM[m].month < 10 ? "0" : "" /*trusted*/,
                  aM[m].month, aM[m].nDays, aM[m].nDaysInMonth,
                  kit_euros(req, aM[m].cents));
    }
    html_printf(req, "</tbody><tfoot><tr><th scope=\"row\">Dû</th><td></td>"
                     "<td class=\"num\" data-owed=\"%lld\">%h</td></tr><tr>"
                     "<th scope=\"row\">Payé</th><td></td><td class=\"num\" "
                     "data-paid=\"%lld\">%h</td></tr><tr><th scope=\"row\">"
                     "Reste dû</th><td></td><td class=\"num\">%h</td></tr>"
                     "</tfoot></table>\n", (long long)l->owedCents,
                kit_euros(req, l->owedCents), (long long)l->paidCents,
                kit_euros(req, l->paidCents),
                kit_euros(req, l->owedCents - l->paidCents));
    if (l->owedCents > l->paidCents) {
      const KitErrors *e = iForm == FORM_PAY ? err : NULL;
      char zToday[11];
      kit_error_box(req, e);
      form_begin(req, html_mprintf(req, "/stages/affectations/%lld/paiement",
                                   (long long)x->id));
      html_printf(req, "<input type=\"hidden\" name=\"dispositif_id\" "
                       "value=\"%lld\">\n", (long long)l->schemeId);
      kit_input(req, e, "montant", "Montant versé (€)", "text",
                kit_euros_input(req, l->owedCents - l->paidCents), NULL);
      kit_input(req, e, "date_paiement", "Versé le", "date",
                caldate_format(caldate_today(), zToday), NULL);
      kit_input(req, e, "reference", "Référence du mandat", "text", "", NULL);
      html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                       "Enregistrer le versement</button></div>\n");
      form_end(req);
    }
  }
}

/* The trainee's file; iForm/err: a refused form to show again. */
/* The "Données personnelles" section: how long the identity is kept, and
** its erasure on request (a confirmation box to tick). */
static void erase_section(Req *req, int64_t id, const KitErrors *e)
{
  html_printf(req, "<section aria-labelledby=\"rgpd\"><h2 id=\"rgpd\">"
                   "Données personnelles</h2>\n<p>L'identité du stagiaire "
                   "(nom, courriel, téléphone) est effacée %d ans après la fin "
                   "de son dernier stage, ou plus tôt à sa demande. Les "
                   "stages, indemnités et le devenir restent comptés, sans "
                   "identité.</p>\n", PLACE_RETENTION_YEARS);
  kit_error_box(req, e);
  form_begin(req, html_mprintf(req, "/stages/stagiaires/%lld/effacement",
                               (long long)id));
  kit_check(req, "confirmer", "Je confirme l'effacement définitif de "
                              "l'identité de ce stagiaire", 0);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\" "
                   "class=\"btn-danger\">Effacer les données "
                   "personnelles</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
}

/* The end of a trainee page's form for a period (an assignment, a
** booking): its dates date_debut and date_fin labelled zFrom and zTo, its
** button zButton; then the end of the form and of its section. */
static void period_form_end(Req *req, const KitErrors *e, const char *zFrom,
                            const char *zTo, const char *zButton)
{
  kit_input(req, e, "date_debut", zFrom, "date", "", NULL);
  kit_input(req, e, "date_fin", zTo, "date", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "%h</button></div>\n", zButton);
  form_end(req);
  html_printf(req, "</section>\n");
}

static void trainee_page(Req *req, int64_t id, int iForm,
                         const KitErrors *err)
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
    kit_reply_err(req, rc, &e2);
    return;
  }
  char zLabel[64];
  page_begin(req, "Stagiaire");
  kit_breadcrumb(req, "Stages", "/stages", "Stagiaire", NULL, NULL);
  html_printf(req, "<h1>%h %h</h1>\n<p>%h — %h</p>\n", t.zFirstName,
              t.zLastName,
              place_level_label(place_level_parse(t.zLevel)), t.zSchool);
  if (t.zErasedOn[0]) {
    html_printf(req, "<div class=\"alert alert-info\"><p>Données "
                     "personnelles effacées le %h : les stages, indemnités et "
                     "le devenir restent comptés, sans identité.</p></div>\n",
                kit_date_fr(req, t.zErasedOn));
    page_end(req);
    return;
  }

  html_printf(req, "<section aria-labelledby=\"stages\"><h2 id=\"stages\">"
                   "Stages et indemnités</h2>\n");
  for (int i = 0; i < nA; i++) {
    html_printf(req, "<h3>%h (%h) — du %h au %h, %h</h3>\n",
                aA[i].zPlaceName, aA[i].zCommune,
                kit_date_fr(req, aA[i].zStartOn),
                kit_date_fr(req, aA[i].zEndOn), place_semester_label(aA[i].zSemester, zLabel,
                                                   sizeof zLabel));
    allowance_block(req, &aA[i], iForm, err);
  }
  const KitErrors *eA = iForm == FORM_ASSIGN ? err : NULL;
  html_printf(req, "<h3>Affecter à un terrain</h3>\n");
  kit_error_box(req, eA);
  form_begin(req, html_mprintf(req, "/stages/stagiaires/%lld/affectation",
                               (long long)id));
  const char **azPlace = arena_alloc(a, sizeof *azPlace * (2 * nP + 1));
  for (int i = 0; i < nP; i++) {
    azPlace[2 * i] = arena_printf(a, "%lld", (long long)aP[i].id);
    azPlace[2 * i + 1] = arena_printf(
        a, "%s (%s) — %s", aP[i].zStructure, aP[i].zCommune,
        place_level_label(place_level_parse(aP[i].zLevel)));
  }
  azPlace[2 * nP] = NULL;
  kit_select(req, eA, "terrain_id", "Terrain", azPlace, NULL, NULL);
  period_form_end(req, eA, "Début", "Fin", "Affecter");

  /* Bookings of this trainee (any date). */
  html_printf(req, "<section aria-labelledby=\"resa\"><h2 id=\"resa\">"
                   "Logement et véhicule</h2>\n<ul>\n");
  for (int k = 0; k < 2; k++) {
    if (place_booking_list(db, a, k, 0, 200000, &aB, &nB, &e2)) break;
    for (int i = 0; i < nB; i++) {
      if (aB[i].traineeId != id) continue;
      html_printf(req, "<li>%s %h : du %h au %h</li>\n",
                  k ? "Véhicule" : "Chambre" /*trusted*/, aB[i].zResource,
                  kit_date_fr(req, aB[i].zStartOn),
                  kit_date_fr(req, aB[i].zEndOn));
    }
  }
  html_printf(req, "</ul>\n");
  const KitErrors *eB = iForm == FORM_BOOK ? err : NULL;
  kit_error_box(req, eB);
  form_begin(req, "/stages/reservations");
  html_printf(req, "<input type=\"hidden\" name=\"stagiaire_id\" "
                   "value=\"%lld\">\n", (long long)id);
  const char **azRes = arena_alloc(a, sizeof *azRes * (2 * (nV + nR) + 1));
  int n = 0;
  for (int i = 0; i < nV; i++) {
    azRes[n++] = arena_printf(a, "vehicule-%lld", (long long)aV[i].id);
    azRes[n++] = arena_printf(a, "Véhicule %s (%s)", aV[i].zLabel,
                              aV[i].zPlate);
  }
  for (int i = 0; i < nR; i++) {
    azRes[n++] = arena_printf(a, "chambre-%lld", (long long)aR[i].id);
    azRes[n++] = arena_printf(a, "Chambre %s — %s", aR[i].zHousingName,
                              aR[i].zLabel);
  }
  azRes[n] = NULL;
  kit_select(req, eB, "ressource", "Véhicule ou chambre", azRes, NULL, NULL);
  period_form_end(req, eB, "Du", "Au", "Réserver");

  place_outcome_section(req, &t, iForm == FORM_OUTCOME ? err : NULL);
  erase_section(req, id, iForm == FORM_ERASE ? err : NULL);
  page_end(req);
}

/* ROUTE: GET /stages/stagiaires/{id} agent */
void place_page_trainee(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (id) trainee_page(req, id, FORM_NONE, NULL);
}

/* After a write of form iForm for trainee id (rc, and the read errors in
** e, the store's refusal in err): back to the file, or the file again with
** every refusal beside its field. */
static void trainee_after(Req *req, int64_t id, int iForm, int rc,
                          KitErrors *e, const Err *err)
{
  const char *zNext =
      html_mprintf(req, "/stages/stagiaires/%lld", (long long)id);
  if (!kit_refused_or_reply(req, rc, err, zNext)) return;
  trainee_page(req, id, iForm, e);
}

/* Save the record pRec posted by form iForm of trainee id's page through
** op: the redirect to the page, or the page again with the form's
** errors. */
static void trainee_post(Req *req, int64_t id, int iForm,
                         const KitRecordOps *op, void *pRec)
{
  KitErrors e = {0};
  Err err = {0};
  int rc = kit_form_save(req, op, pRec, &e, &err);
  trainee_after(req, id, iForm, rc, &e, &err);
}

/* POST /stages/stagiaires/{id}/effacement: only with the box ticked.
** ROUTE: POST /stages/stagiaires/{id}/effacement agent
*/
void place_post_erase(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  KitErrors e = {0};
  Err err = {0};
  int nBad = 0;
  if (!kit_value(req, "confirmer")[0]) {
    kit_error_add(req, &e, "confirmer", "cocher la case pour confirmer "
                                        "l'effacement");
    nBad = 1;
  }
  int rc = kit_save(req, nBad, &e, place_write_erase, &id, &err);
  trainee_after(req, id, FORM_ERASE, rc, &e, &err);
}

/* ROUTE: POST /stages/stagiaires/{id}/affectation agent */
void place_post_assign(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  Assignment x = {.traineeId = id};
  if (id) trainee_post(req, id, FORM_ASSIGN, &place_ops_assignment, &x);
}

/* ROUTE: POST /stages/affectations/{id}/paiement agent */
void place_post_payment(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  Assignment x;
  Err err = {0};
  if (place_assignment_get(req_db(req), req_arena(req), id, &x, &err)) {
    kit_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  PlPay p = {.assignmentId = id};
  trainee_post(req, x.traineeId, FORM_PAY, &place_ops_payment, &p);
}

/* ROUTE: POST /stages/reservations agent */
void place_post_booking(Req *req)
{
  PlBook p;
  KitErrors e = {0};
  Err err = {0};
  int rc = kit_form_save(req, &place_ops_booking, &p, &e, &err);
  if (!p.b.traineeId) {
    kit_reply_errors(req, &e);
    return;
  }
  trainee_after(req, p.b.traineeId, FORM_BOOK, rc, &e, &err);
}

/* ROUTE: POST /stages/stagiaires/{id}/devenir agent */
void place_post_outcome(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  Outcome o = {.traineeId = id};
  if (id) trainee_post(req, id, FORM_OUTCOME, &place_ops_outcome, &o);
}
