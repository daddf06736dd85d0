/*
** placements/pages_logistics.c: housing (rooms, rents, an occupancy
** calendar by month), the vehicle pool and its bookings, the allowance
** schemes, and the follow-up of former trainees (conversion rates).
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "placements/internal.h"
#include "web/kit_form.h"
#include "web/kit_record.h"

/* What field zName shows: the value just posted when the form e refused
** (the input is kept), else zDflt. */
static const char *kept(Req *req, const KitErrors *e, const char *zName,
                        const char *zDflt)
{
  return e ? kit_value(req, zName) : zDflt;
}

/* GET /stages/logistique?mois=AAAA-MM */
static void logistics_page(Req *req, const KitErrors *err,
                           const char *zForm)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err e2 = {0};
  int y, m, d;
  caldate_ymd(caldate_today(), &y, &m, &d);
  const char *zMonth = req_query(req, "mois");
  if (zMonth) caldate_parse_month(zMonth, &y, &m);
  int s = caldate_from_ymd(y, m, 1);
  int nDays = caldate_days_in_month(y, m);
  int e = s + nDays - 1;
  Room *aR;
  Vehicle *aV;
  Booking *aRB, *aVB;
  int nR, nV, nRB, nVB;
  if (place_room_list(db, a, &aR, &nR, &e2) ||
      place_vehicle_list(db, a, &aV, &nV, &e2) ||
      place_booking_list(db, a, 0, s, e, &aRB, &nRB, &e2) ||
      place_booking_list(db, a, 1, s, e, &aVB, &nVB, &e2)) {
    kit_reply_err(req, ERR_DB, &e2);
    return;
  }
  page_begin(req, "Logements et véhicules");
  kit_breadcrumb(req, "Stages", "/stages", "Logements et véhicules", NULL,
                 NULL);
  html_printf(req, "<h1>Logements et véhicules</h1>\n<form method=\"get\" action=\"/stages/logistique\">"
                   "<div class=\"field\"><label for=\"mois\">Mois</label>"
                   "<input type=\"month\" id=\"mois\" name=\"mois\" "
                   "value=\"%d-%s%d\"></div><button type=\"submit\" class=\""
                   "btn-secondary\">Afficher</button></form>\n",
              y, m < 10 ? "0" : "" /*trusted*/, m);

  /* Occupancy calendar: one row per room, one cell per day. */
  html_printf(req, "<h2>Occupation des chambres</h2>\n");
  if (nR == 0) {
    html_printf(req, "<p>Aucune chambre enregistrée : ajoutez un logement "
                     "ci-dessous.</p>\n");
  } else {
    html_printf(req, "<div class=\"table-wrap"
                     "\" tabindex=\"0\" role=\"region\" aria-labelledby=\"occ-"
                     "cap\"><table class=\"small\"><caption id=\"occ-cap\">"
                     "Chambres occupées jour par jour (● occupée)</caption>"
                     "<thead><tr><th scope=\"col\">Chambre</th>");
    for (int i = 1; i <= nDays; i++) {
      html_printf(req, "<th scope=\"col\">%d</th>", i);
    }
    html_printf(req, "<th scope=\"col\">Loyer</th></tr></thead><tbody>\n");
    for (int r = 0; r < nR; r++) {
      html_printf(req, "<tr><th scope=\"row\">%h — %h</th>",
                  aR[r].zHousingName, aR[r].zLabel);
      for (int day = s; day <= e; day++) {
        const char *zWho = NULL;
        for (int b = 0; b < nRB; b++) {
          int bs, be;
          if (aRB[b].resourceId != aR[r].id) continue;
          if (caldate_parse(aRB[b].zStartOn, &bs) ||
              caldate_parse(aRB[b].zEndOn, &be)) {
            continue;
          }
          if (place_overlaps(bs, be, day, day)) zWho = aRB[b].zTraineeName;
        }
        if (zWho) {
          html_printf(req, "<td title=\"%h\">●<span class=\""
                           "visually-hidden\"> %h</span></td>", zWho, zWho);
        } else {
          html_printf(req, "<td></td>");
        }
      }
      html_printf(req, "<td class=\"num\">%h</td></tr>\n",
                  kit_euros(req, aR[r].rentCents));
    }
    html_printf(req, "</tbody></table></div>\n");
  }

  html_printf(req, "<h2>Réservations de véhicules ce mois</h2>\n");
  if (nVB == 0) html_printf(req, "<p>Aucune réservation ce mois-ci.</p>\n");
  html_printf(req, "<ul>\n");
  for (int b = 0; b < nVB; b++) {
    html_printf(req, "<li>%h : %h, du %h au %h</li>\n", aVB[b].zResource,
                aVB[b].zTraineeName, kit_date_fr(req, aVB[b].zStartOn),
                kit_date_fr(req, aVB[b].zEndOn));
  }
  html_printf(req, "</ul>\n<h2>Parc de véhicules</h2>\n<ul>\n");
  for (int i = 0; i < nV; i++) {
    html_printf(req, "<li>%h (%h)%s%h</li>\n", aV[i].zLabel, aV[i].zPlate,
                aV[i].zCommune[0] ? ", rattaché à " : "" /*trusted*/,
                aV[i].zCommune[0] ? place_commune_name(req, aV[i].zCommune)
                                  : "");
  }
  html_printf(req, "</ul>\n");

  const KitErrors *eV = zForm && !strcmp(zForm, "vehicle") ? err : NULL;
  if (nV == 0) html_printf(req, "<p>Aucun véhicule.</p>\n");
  html_printf(req, "<h3>Ajouter un véhicule</h3>\n");
  kit_error_box(req, eV);
  form_begin(req, "/stages/vehicules");
  kit_input(req, eV, "libelle", "Véhicule", "text",
            kept(req, eV, "libelle", ""), "par exemple Clio 5");
  kit_input(req, eV, "immatriculation", "Immatriculation", "text",
            kept(req, eV, "immatriculation", ""), NULL);
  kit_input(req, eV, "commune", "Commune de rattachement", "text",
            kept(req, eV, "commune", ""),
            "nom ou code INSEE, par exemple Blois ou 41018");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter</button></div>\n");
  form_end(req);

  const KitErrors *eH = zForm && !strcmp(zForm, "housing") ? err : NULL;
  html_printf(req, "<h2>Ajouter un logement</h2>\n");
  kit_error_box(req, eH);
  form_begin(req, "/stages/logements");
  kit_input(req, eH, "nom", "Nom du logement", "text",
            kept(req, eH, "nom", ""), NULL);
  kit_input(req, eH, "commune", "Commune", "text",
            kept(req, eH, "commune", ""),
            "nom ou code INSEE, par exemple Blois ou 41018");
  kit_input(req, eH, "adresse", "Adresse", "text",
            kept(req, eH, "adresse", ""), NULL);
  kit_input(req, eH, "chambres", "Nombre de chambres", "number",
            kept(req, eH, "chambres", "1"), NULL);
  kit_input(req, eH, "loyer", "Loyer mensuel par chambre (€)", "text",
            kept(req, eH, "loyer", "0"), NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter</button></div>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /stages/logistique agent */
void place_page_logistics(Req *req)
{
  logistics_page(req, NULL, NULL);
}

/* Save the record pRec posted by the logistics form zForm through op: the
** redirect to the page, or the page again with the form's errors. */
static void logistics_post(Req *req, const char *zForm,
                           const KitRecordOps *op, void *pRec)
{
  KitErrors e = {0};
  if (kit_form_post(req, op, pRec, "/stages/logistique", NULL, &e)) {
    logistics_page(req, &e, zForm);
  }
}

/* ROUTE: POST /stages/vehicules agent */
void place_post_vehicle(Req *req)
{
  logistics_post(req, "vehicle", &place_ops_vehicle, &(Vehicle){0});
}

/* The page's housing form creates its rooms too: at least one. */
static int read_housing_rooms(Req *req, void *pHousing, KitErrors *e)
{
  const PlHousing *h = pHousing;
  int n = place_read_housing(req, pHousing, e);
  if (h->nRoom < 1 && !kit_error_of(e, "chambres")) {
    kit_error_add(req, e, "chambres", "Nombre de chambres : entre 1 et 50");
    n++;
  }
  return n;
}

/* ROUTE: POST /stages/logements agent */
void place_post_housing(Req *req)
{
  static const KitRecordOps opsHousingRooms = {NULL, read_housing_rooms,
                                               place_write_housing, NULL};
  logistics_post(req, "housing", &opsHousingRooms, &(PlHousing){0});
}

/* ROUTE: POST /stages/chambres agent */
void place_post_room(Req *req)
{
  logistics_post(req, "room", &place_ops_room, &(Room){0});
}

/* ---- allowance schemes -------------------------------------------------- */

static void schemes_page(Req *req, const KitErrors *err)
{
  AllowScheme *aS;
  int nS;
  Err e2 = {0};
  if (place_scheme_list(req_db(req), req_arena(req), &aS, &nS, &e2)) {
    kit_reply_err(req, ERR_DB, &e2);
    return;
  }
  page_begin(req, "Indemnités de stage");
  html_printf(req, "<h1>Indemnités de stage</h1>\n<p>Chaque dispositif verse "
                   "un montant par mois de stage, au prorata des jours pour "
                   "un mois incomplet (jours de stage dans le mois / jours "
                   "du mois, arrondi au centime).</p>\n");
  kit_table_begin(req, "dispositifs", NULL, "Dispositifs");
  html_printf(req, "<thead><tr><th scope=\"col\">Dispositif</th><th scope=\"col\">Financeur</th><th scope="
                   "\"col\">Département</th><th scope=\"col\">Niveaux</th>"
                   "<th scope=\"col\" class=\"num\">Par mois</th></tr>"
                   "</thead><tbody>\n");
  for (int i = 0; i < nS; i++) {
    html_printf(req, "<tr><th scope=\"row\">%h</th><td>%h</td><td>%h</td>"
                     "<td>%h</td><td class=\"num\">%h</td></tr>\n",
                aS[i].zName, aS[i].zFunder,
                aS[i].zDep[0] ? aS[i].zDep : "tous",
                strcmp(aS[i].zLevels, "*") ? aS[i].zLevels : "tous",
                kit_euros(req, aS[i].monthlyCents));
  }
  html_printf(req, "</tbody>\n");
  kit_table_end(req);
  html_printf(req, "<h2>Nouveau dispositif</h2>\n");
  kit_error_box(req, err);
  form_begin(req, "/stages/dispositifs");
  kit_input(req, err, "nom", "Nom", "text", "", NULL);
  kit_input(req, err, "financeur", "Financeur", "text", "", NULL);
  kit_input(req, err, "departement", "Département (code, vide : tous)",
            "text", "", NULL);
  kit_input(req, err, "mensuel", "Montant par mois (€)", "text", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter</button></div>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /stages/dispositifs agent */
void place_page_schemes(Req *req)
{
  schemes_page(req, NULL);
}

/* ROUTE: POST /stages/dispositifs agent */
void place_post_scheme(Req *req)
{
  AllowScheme sc = {0};
  KitErrors e = {0};
  if (kit_form_post(req, &place_ops_scheme, &sc, "/stages/dispositifs", NULL,
                    &e)) {
    schemes_page(req, &e);
  }
}

/* ---- follow-up ---------------------------------------------------------- */

static void conversion_table(Req *req, const char *zId, const char *zCaption,
                             const char *zKeyLabel, const Conversion *aC,
                             int nC)
{
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"%h\"><table><caption id=\"%h\">%h"
                   "</caption><thead><tr><th scope=\"col\">%h</th><th scope="
                   "\"col\" class=\"num\">Anciens stagiaires</th><th scope=\""
                   "col\" class=\"num\">Devenir connu</th><th scope=\"col\" "
                   "class=\"num\">Installés</th><th scope=\"col\" class=\"num"
                   "\">Taux de conversion</th></tr></thead><tbody>\n",
              zId, zId, zCaption, zKeyLabel);
  for (int i = 0; i < nC; i++) {
    html_printf(req, "<tr><th scope=\"row\">%h</th><td class=\"num\">%d</td>"
                     "<td class=\"num\">%d</td><td class=\"num\">%d</td>"
                     "<td class=\"num\">%s</td></tr>\n", aC[i].zLabel,
                aC[i].nFormer, aC[i].nKnown, aC[i].nSettled,
                aC[i].pct >= 0 ? html_mprintf(req, "%.0F %%", aC[i].pct)
                               : "—" /*trusted*/);
  }
  if (nC == 0) {
    html_printf(req, "<tr><td colspan=\"5\">Aucun ancien stagiaire.</td>"
                     "</tr>\n");
  }
  html_printf(req, "</tbody></table></div>\n");
}

/* Each former trainee and what became of them. */
static void former_table(Req *req, int iToday)
{
  FormerTrainee *aF;
  int nF;
  Err err = {0};
  if (place_former_list(req_db(req), req_arena(req), iToday, &aF, &nF,
                        &err) || nF == 0) {
    return;
  }
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\""
                   " aria-labelledby=\"former-cap\"><table><caption id=\""
                   "former-cap\">Anciens stagiaires</caption><thead><tr><th "
                   "scope=\"col\">Stagiaire</th><th scope=\"col\">Dernier "
                   "stage</th><th scope=\"col\">Devenir</th><th scope=\"col"
                   "\">Guichet unique</th></tr></thead><tbody>\n");
  for (int i = 0; i < nF; i++) {
    const FormerTrainee *f = &aF[i];
    char zLabel[64];
    const char *zOut = !f->isKnown ? "inconnu"
                       : !f->outcome.isSettled
                           ? "pas installé·e"
                           : html_mprintf(req, "installé·e à %h",
                                          place_commune_name(req,
                                                    f->outcome.zCommune));
    html_printf(req, "<tr><th scope=\"row\"><a href=\"/stages/stagiaires/"
                     "%lld\">%h</a></th><td>%h, %h</td><td>%s</td><td>%h</td>"
                     "</tr>\n", (long long)f->traineeId, f->zName,
                f->zPlaceName, place_semester_label(f->zSemester, zLabel,
                                                    sizeof zLabel),
                zOut /*trusted*/,
                f->isKnown && f->outcome.zCaseRef[0] ? f->outcome.zCaseRef
                                                      : "—");
  }
  html_printf(req, "</tbody></table></div>\n");
}

/* ROUTE: GET /stages/suivi lecteur */
void place_page_followup(Req *req)
{
  Conversion *aP, *aS;
  int nP, nS;
  Err err = {0};
  int today = caldate_today();
  if (place_conversion(req_db(req), req_arena(req), 0, today, &aP, &nP,
                       &err) ||
      place_conversion(req_db(req), req_arena(req), 1, today, &aS, &nS,
                       &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  page_begin(req, "Devenir des anciens stagiaires");
  html_printf(req, "<h1>Devenir des anciens stagiaires</h1>\n<p>Taux de "
                   "conversion = stagiaires installés sur le territoire / "
                   "anciens stagiaires (stage terminé). Un devenir inconnu "
                   "compte comme non installé ; la colonne « devenir connu » "
                   "montre ce que le suivi couvre.</p>\n");
  conversion_table(req, "conv-place", "Par terrain de stage", "Terrain", aP,
                   nP);
  conversion_table(req, "conv-sem", "Par semestre", "Semestre", aS, nS);
  /* the read-only role sees the rates, not the trainees' names */
  if (req_role(req) >= ROLE_AGENT) former_table(req, today);
  page_end(req);
}
