/*
** placements/pages_logistics.c: housing (rooms, rents, an occupancy
** calendar by month), the vehicle pool and its bookings, the allowance
** schemes, and the follow-up of former trainees (conversion rates).
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "placements/webutil.h"

/* GET /stages/logistique?mois=AAAA-MM */
static void logistics_page(Req *req, const Err *err, const char *zForm)
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
    plw_reply_err(req, ERR_DB, &e2);
    return;
  }
  page_begin(req, "Logements et véhicules");
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/stages\">Stages</a></li><li>Logements "
                   "et véhicules</li></ol></nav>\n<h1>Logements et véhicules"
                   "</h1>\n<form method=\"get\" action=\"/stages/logistique\">"
                   "<div class=\"field\"><label for=\"mois\">Mois</label>"
                   "<input type=\"month\" id=\"mois\" name=\"mois\" "
                   "value=\"%d-%s%d\"></div><button type=\"submit\" class=\""
                   "btn-secondary\">Afficher</button></form>\n",
              y, m < 10 ? "0" : "" /*trusted*/, m);

  /* Occupancy calendar: one row per room, one cell per day. */
  html_printf(req, "<h2>Occupation des chambres</h2>\n<div class=\"table-wrap"
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
        html_printf(req, "<td title=\"%h\">●<span class=\"visually-hidden\">"
                         " %h</span></td>", zWho, zWho);
      } else {
        html_printf(req, "<td></td>");
      }
    }
    html_printf(req, "<td class=\"num\">%h</td></tr>\n",
                plw_euros(req, aR[r].rentCents));
  }
  html_printf(req, "</tbody></table></div>\n");

  html_printf(req, "<h2>Réservations de véhicules ce mois</h2>\n<ul>\n");
  for (int b = 0; b < nVB; b++) {
    html_printf(req, "<li>%h : %h, du %h au %h</li>\n", aVB[b].zResource,
                aVB[b].zTraineeName, aVB[b].zStartOn, aVB[b].zEndOn);
  }
  html_printf(req, "</ul>\n<h2>Parc de véhicules</h2>\n<ul>\n");
  for (int i = 0; i < nV; i++) {
    html_printf(req, "<li>%h (%h) — %h</li>\n", aV[i].zLabel, aV[i].zPlate,
                aV[i].zCommune);
  }
  html_printf(req, "</ul>\n");

  const Err *eV = zForm && !strcmp(zForm, "vehicle") ? err : NULL;
  html_printf(req, "<h3>Ajouter un véhicule</h3>\n");
  plw_form_error(req, eV);
  form_begin(req, "/stages/vehicules");
  plw_input(req, eV, "label", "Véhicule", "text", "", "par exemple Clio 5");
  plw_input(req, eV, "plate", "Immatriculation", "text", "", NULL);
  plw_input(req, eV, "commune", "Commune de rattachement (code INSEE)",
            "text", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter</button></div>\n");
  form_end(req);

  const Err *eH = zForm && !strcmp(zForm, "housing") ? err : NULL;
  html_printf(req, "<h3>Ajouter un logement</h3>\n");
  plw_form_error(req, eH);
  form_begin(req, "/stages/logements");
  plw_input(req, eH, "name", "Nom du logement", "text", "", NULL);
  plw_input(req, eH, "commune", "Commune (code INSEE)", "text", "", NULL);
  plw_input(req, eH, "address", "Adresse", "text", "", NULL);
  plw_input(req, eH, "rooms", "Nombre de chambres", "number", "1", NULL);
  plw_input(req, eH, "rent", "Loyer mensuel par chambre (€)", "text", "0",
            NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter</button></div>\n");
  form_end(req);
  page_end(req);
}

void plw_page_logistics(Req *req)
{
  logistics_page(req, NULL, NULL);
}

static void logistics_after(Req *req, const char *zForm, int rc,
                            const Err *err)
{
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    logistics_page(req, err, zForm);
    return;
  }
  if (rc) {
    plw_reply_err(req, rc, err);
    return;
  }
  reply_redirect(req, "/stages/logistique");
}

static int vehicle_write(Req *req, void *pArg, Err *err)
{
  Vehicle *v = pArg;
  int rc = place_vehicle_save(req_db(req), v, err);
  if (!rc) rc = plw_audit(req, "vehicle", v->id, "create", json_pack(
      "{s:s, s:s, s:s?}", "label", v->zLabel, "plate", v->zPlate, "commune",
      v->zCommune), err);
  return rc;
}

void plw_post_vehicle(Req *req)
{
  Vehicle v = {.zLabel = plw_form(req, "label"),
               .zPlate = plw_form(req, "plate"),
               .zCommune = plw_form(req, "commune")};
  Err err = {0};
  logistics_after(req, "vehicle", plw_write(req, vehicle_write, &v, &err),
                  &err);
}

typedef struct HousingArg HousingArg;
struct HousingArg {
  const char *zName, *zCommune, *zAddress;
  long nRoom;
  int64_t rentCents, id;
};

/* A housing and its n rooms "Chambre 1".."Chambre n", in one go. */
static int housing_write(Req *req, void *pArg, Err *err)
{
  HousingArg *h = pArg;
  if (h->nRoom < 1 || h->nRoom > 50) {
    err_set(err, ERR_INPUT, "nombre de chambres : entre 1 et 50");
    err_field(err, "rooms");
    return ERR_INPUT;
  }
  if (h->rentCents < 0) {
    err_set(err, ERR_INPUT, "loyer : montant en euros attendu");
    err_field(err, "rent");
    return ERR_INPUT;
  }
  int rc = place_housing_save(req_db(req), &h->id, h->zName, h->zCommune,
                              h->zAddress, err);
  for (long i = 1; !rc && i <= h->nRoom; i++) {
    Room r = {.housingId = h->id, .rentCents = h->rentCents,
              .zLabel = arena_printf(req_arena(req), "Chambre %ld", i)};
    rc = place_room_save(req_db(req), &r, err);
  }
  if (!rc) rc = plw_audit(req, "housing", h->id, "create", json_pack(
      "{s:s, s:s, s:i, s:I}", "name", h->zName, "commune", h->zCommune,
      "rooms", (int)h->nRoom, "rent_cents", (json_int_t)h->rentCents), err);
  return rc;
}

void plw_post_housing(Req *req)
{
  HousingArg h = {plw_form(req, "name"), plw_form(req, "commune"),
                  plw_form(req, "address"), 0,
                  plw_cents(plw_form(req, "rent")), 0};
  if (str_to_long(plw_form(req, "rooms"), &h.nRoom)) h.nRoom = 0;
  Err err = {0};
  logistics_after(req, "housing", plw_write(req, housing_write, &h, &err),
                  &err);
}

static int room_write(Req *req, void *pArg, Err *err)
{
  Room *r = pArg;
  int rc = place_room_save(req_db(req), r, err);
  if (!rc) rc = plw_audit(req, "housing_room", r->id, "create", json_pack(
      "{s:I, s:s, s:I}", "housing_id", (json_int_t)r->housingId, "label",
      r->zLabel, "rent_cents", (json_int_t)r->rentCents), err);
  return rc;
}

void plw_post_room(Req *req)
{
  Room r = {.housingId = plw_form_id(req, "housing_id"),
            .zLabel = plw_form(req, "label"),
            .rentCents = plw_cents(plw_form(req, "rent"))};
  Err err = {0};
  logistics_after(req, "room", plw_write(req, room_write, &r, &err), &err);
}

/* ---- allowance schemes -------------------------------------------------- */

static void schemes_page(Req *req, const Err *err)
{
  AllowScheme *aS;
  int nS;
  Err e2 = {0};
  if (place_scheme_list(req_db(req), req_arena(req), &aS, &nS, &e2)) {
    plw_reply_err(req, ERR_DB, &e2);
    return;
  }
  page_begin(req, "Indemnités de stage");
  html_printf(req, "<h1>Indemnités de stage</h1>\n<p>Chaque dispositif verse "
                   "un montant par mois de stage, au prorata des jours pour "
                   "un mois incomplet (jours de stage dans le mois / jours "
                   "du mois, arrondi au centime).</p>\n<table><caption>"
                   "Dispositifs</caption><thead><tr><th scope=\"col\">"
                   "Dispositif</th><th scope=\"col\">Financeur</th><th scope="
                   "\"col\">Département</th><th scope=\"col\">Niveaux</th>"
                   "<th scope=\"col\" class=\"num\">Par mois</th></tr>"
                   "</thead><tbody>\n");
  for (int i = 0; i < nS; i++) {
    html_printf(req, "<tr><th scope=\"row\">%h</th><td>%h</td><td>%h</td>"
                     "<td>%h</td><td class=\"num\">%h</td></tr>\n",
                aS[i].zName, aS[i].zFunder,
                aS[i].zDep[0] ? aS[i].zDep : "tous",
                strcmp(aS[i].zLevels, "*") ? aS[i].zLevels : "tous",
                plw_euros(req, aS[i].monthlyCents));
  }
  html_printf(req, "</tbody></table>\n<h2>Nouveau dispositif</h2>\n");
  plw_form_error(req, err);
  form_begin(req, "/stages/dispositifs");
  plw_input(req, err, "name", "Nom", "text", "", NULL);
  plw_input(req, err, "funder", "Financeur", "text", "", NULL);
  plw_input(req, err, "dep", "Département (code, vide : tous)", "text", "",
            NULL);
  plw_input(req, err, "monthly", "Montant par mois (€)", "text", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter</button></div>\n");
  form_end(req);
  page_end(req);
}

void plw_page_schemes(Req *req)
{
  schemes_page(req, NULL);
}

static int scheme_write(Req *req, void *pArg, Err *err)
{
  AllowScheme *s = pArg;
  int rc = place_scheme_save(req_db(req), s, err);
  if (!rc) rc = plw_audit(req, "allowance_scheme", s->id, "create",
                          json_pack("{s:s, s:s, s:s?, s:I}", "name", s->zName,
                                    "funder", s->zFunder, "dep", s->zDep,
                                    "monthly_cents",
                                    (json_int_t)s->monthlyCents), err);
  return rc;
}

void plw_post_scheme(Req *req)
{
  AllowScheme s = {.zName = plw_form(req, "name"),
                   .zFunder = plw_form(req, "funder"),
                   .zDep = plw_form(req, "dep"), .zLevels = "*",
                   .monthlyCents = plw_cents(plw_form(req, "monthly"))};
  Err err = {0};
  int rc = plw_write(req, scheme_write, &s, &err);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    schemes_page(req, &err);
    return;
  }
  if (rc) {
    plw_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, "/stages/dispositifs");
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

void plw_page_followup(Req *req)
{
  Conversion *aP, *aS;
  int nP, nS;
  Err err = {0};
  int today = caldate_today();
  if (place_conversion(req_db(req), req_arena(req), 0, today, &aP, &nP,
                       &err) ||
      place_conversion(req_db(req), req_arena(req), 1, today, &aS, &nS,
                       &err)) {
    plw_reply_err(req, ERR_DB, &err);
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
  page_end(req);
}
