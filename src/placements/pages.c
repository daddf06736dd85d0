/*
** placements/pages.c: the Stages section: its home (public intro, and the
** back-office overview for agents), the public offers of the next
** semester, and the place forms (create, edit, open for a semester).
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "placements/internal.h"
#include "web/kit_form.h"
#include "web/kit_record.h"

/* The semester after today's, into zOut (>= 8 bytes). */
static char *next_semester(char *zOut)
{
  char zNow[8];
  place_semester_of(caldate_today(), zNow);
  return place_semester_next(zNow, zOut);
}

/* ROUTE: GET /stages public */
void place_page_home(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  char zNext[8], zNow[8], zLabel[64];
  place_semester_of(caldate_today(), zNow);
  next_semester(zNext);
  page_begin(req, "Stages");
  html_printf(req, "<h1>Stages : accueillir étudiants et internes</h1>\n"
                   "<p class=\"lead\">Terrains de stage, indemnités, "
                   "logement et véhicule : le territoire accueille les "
                   "étudiants en santé et les internes pendant leurs "
                   "stages.</p>\n<p><a class=\"btn\" href=\"/stages/offres\">"
                   "Places et logements du semestre prochain (%h)</a></p>\n",
              place_semester_label(zNext, zLabel, sizeof zLabel));
  if (req_role(req) < ROLE_AGENT) {
    page_end(req);
    return;
  }
  html_printf(req, "<p><a class=\"btn btn-secondary\" href=\"/stages/"
                   "terrains/nouveau\">Nouveau terrain</a> <a class=\"btn "
                   "btn-secondary\" href=\"/stages/stagiaires/nouveau\">"
                   "Nouveau stagiaire</a> <a href=\"/stages/logistique\">"
                   "Logements et véhicules</a> · <a href=\"/stages/"
                   "dispositifs\">Indemnités</a> · <a href=\"/stages/suivi\">"
                   "Devenir des anciens stagiaires</a></p>\n");
  Place *aP;
  PlaceOffer *aO;
  Trainee *aT;
  int nP, nO, nT;
  if (place_list(db, a, &aP, &nP, &err) ||
      place_offer_list(db, a, NULL, &aO, &nO, &err) ||
      place_trainee_list(db, a, &aT, &nT, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  html_printf(req, "<h2>Terrains de stage</h2>\n<div class=\"table-wrap\" "
                   "tabindex=\"0\" role=\"region\" aria-labelledby=\"places-"
                   "cap\"><table><caption id=\"places-cap\">Terrains et "
                   "places par semestre (affectés / capacité)</caption>"
                   "<thead><tr><th scope=\"col\">Structure</th><th scope=\""
                   "col\">Commune</th><th scope=\"col\">Maître de stage</th>"
                   "<th scope=\"col\">Niveau</th><th scope=\"col\">Semestres"
                   "</th></tr></thead><tbody>\n");
  for (int i = 0; i < nP; i++) {
    Str sem = STR_INIT;
    for (int j = 0; j < nO; j++) {
      if (aO[j].placeId != aP[i].id) continue;
      str_appendf(&sem, "%s%s : %d/%d", sem.n ? ", " : "",
                place_semester_label(aO[j].zSemester, zLabel, sizeof zLabel),
                aO[j].nAssigned, aO[j].capacity);
    }
    html_printf(req, "<tr><th scope=\"row\"><a href=\"/stages/terrains/%lld\">"
                     "%h</a></th><td>%h</td><td>%h</td><td>%h</td><td>%h</td>"
                     "</tr>\n", (long long)aP[i].id, aP[i].zStructure,
                aP[i].zCommune, aP[i].zSupervisor,
                place_level_label(place_level_parse(aP[i].zLevel)),
                sem.n ? str_text(&sem) : "non ouvert");
    str_free(&sem);
  }
  if (nP == 0) {
    html_printf(req, "<tr><td colspan=\"5\">Aucun terrain de stage "
                     "enregistré.</td></tr>\n");
  }
  html_printf(req, "</tbody></table></div>\n<h2>Stagiaires</h2>\n");
  if (nT == 0) html_printf(req, "<p>Aucun stagiaire enregistré.</p>\n");
  html_printf(req, "<ul>\n");
  for (int i = 0; i < nT; i++) {
    html_printf(req, "<li><a href=\"/stages/stagiaires/%lld\">%h %h</a> — %h, "
                     "%h</li>\n", (long long)aT[i].id, aT[i].zFirstName,
                aT[i].zLastName,
                place_level_label(place_level_parse(aT[i].zLevel)),
                aT[i].zSchool);
  }
  html_printf(req, "</ul>\n");
  page_end(req);
}

/* GET /stages/offres: the next semester's open places and free rooms.
** ROUTE: GET /stages/offres public
*/
void place_page_offers(Req *req)
{
  Arena *a = req_arena(req);
  char zLabel[64];
  PlOffers o;
  if (place_offers_or_reply(req, &o)) return;
  const char *zSem = o.zSem;
  PlaceOffer *aO = o.aO;
  Room *aR = o.aR;
  int nO = o.nO, nR = o.nR, s = o.iStart, e = o.iEnd;
  page_begin(req, "Places de stage et logements");
  html_printf(req, "<h1>Places de stage et logements — %h</h1>\n<p class=\""
                   "lead\">Les terrains ouverts pour le semestre et les "
                   "chambres libres pour toute sa durée. Une demande passe "
                   "par le guichet unique : une seule démarche, une personne "
                   "pour vous répondre.</p>\n",
              place_semester_label(zSem, zLabel, sizeof zLabel));
  html_printf(req, "<h2>Terrains de stage</h2>\n");
  int nShown = 0;
  for (int i = 0; i < nO; i++) {
    int nLeft = aO[i].capacity - aO[i].nAssigned;
    if (nLeft <= 0) continue;
    if (!nShown++) html_printf(req, "<ul class=\"cards\">\n");
    const Place *p = &aO[i].place;
    PlExtras x;
    place_offer_extras(req, &o, &aO[i], &x);
    html_printf(req, "<li class=\"card\"><h3 class=\"card-title\">%h</h3>"
                     "<p class=\"card-meta\">%h · %h · maître de "
                     "stage : %h</p><p>%d place%s libre%s</p>"
                     "<ul class=\"offer-extras\">", p->zStructure,
                place_level_label(place_level_parse(p->zLevel)),
                place_commune_name(req, p->zCommune),
                p->zSupervisor, nLeft, nLeft > 1 ? "s" : "" /*trusted*/,
                nLeft > 1 ? "s" : "" /*trusted*/);
    if (x.allowanceCents > 0) {
      html_printf(req, "<li><strong>Indemnité de stage :</strong> %h par "
                       "mois — %h</li>", kit_euros(req, x.allowanceCents),
                  x.zAllowance);
    } else {
      html_printf(req, "<li><strong>Indemnité de stage :</strong> aucune "
                       "indemnité locale enregistrée</li>");
    }
    if (x.nRoom > 0) {
      /* a free room reads « gratuit », never « dès 0 € par mois » */
      html_printf(req, "<li><strong>Logement :</strong> %d chambre%s libre%s "
                       "dans le département tout le semestre, %h%h%h</li>",
                  x.nRoom, x.nRoom > 1 ? "s" : "" /*trusted*/,
                  x.nRoom > 1 ? "s" : "" /*trusted*/,
                  x.minRentCents > 0 ? "dès " : "",
                  x.minRentCents > 0 ? kit_euros(req, x.minRentCents)
                      : x.nRoom > 1 ? "dont une au moins gratuite"
                                    : "gratuite",
                  x.minRentCents > 0 ? " par mois" : "");
    } else {
      html_printf(req, "<li><strong>Logement :</strong> pas de chambre libre "
                       "dans le département ce semestre</li>");
    }
    if (x.nVehicle > 0) {
      html_printf(req, "<li><strong>Véhicule :</strong> %d véhicule%s de "
                       "prêt dans le département</li>", x.nVehicle,
                  x.nVehicle > 1 ? "s" : "" /*trusted*/);
    } else {
      html_printf(req, "<li><strong>Véhicule :</strong> pas de véhicule de "
                       "prêt dans le département</li>");
    }
    html_printf(req, "<li><strong>Aides :</strong> <a href=\"%h\">les aides "
                     "possibles pour un stage ici (simulateur)</a></li></ul>"
                     "<p><a class=\"btn btn-small\" href=\"%h\">Demander "
                     "cette place</a></p></li>\n", x.zAidsUrl,
                place_request_url(req, p, zSem));
  }
  if (nShown) html_printf(req, "</ul>\n");
  else html_printf(req, "<p>Aucune place ouverte pour ce semestre.</p>\n");
  html_printf(req, "<h2>Logements</h2>\n");
  if (nR == 0) {
    html_printf(req, "<p>Aucune chambre libre sur tout le semestre.</p>\n");
  } else {
    html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\""
                     "region\" aria-labelledby=\"rooms-cap\"><table>"
                     "<caption id=\"rooms-cap\">Chambres libres du %h au %h"
                     "</caption>"
                     "<thead><tr><th scope=\"col\">Logement</th><th scope=\""
                     "col\">Commune</th><th scope=\"col\">Chambre</th><th "
                     "scope=\"col\" class=\"num\">Loyer mensuel</th></tr>"
                     "</thead><tbody>\n",
                kit_date_fr(req, caldate_format(s, arena_alloc(a, 11))),
                kit_date_fr(req, caldate_format(e, arena_alloc(a, 11))));
    for (int i = 0; i < nR; i++) {
      html_printf(req, "<tr><th scope=\"row\">%h</th><td>%h</td><td>%h</td>"
                       "<td class=\"num\">%h</td></tr>\n", aR[i].zHousingName,
                  place_commune_name(req, aR[i].zCommune), aR[i].zLabel,
                  kit_euros(req, aR[i].rentCents));
    }
    html_printf(req, "</tbody></table></div>\n<p><a class=\"btn btn-small\" "
                     "href=\"%h\">Demander un logement</a></p>\n",
                place_request_url(req, NULL, zSem));
  }
  page_end(req);
}

/* ---- places ------------------------------------------------------------- */

static void place_form(Req *req, const char *zAction, const Place *p,
                       const KitErrors *e)
{
  kit_error_box(req, e);
  form_begin(req, zAction);
  kit_input(req, e, "structure", "Structure", "text", p->zStructure,
            "cabinet, maison de santé, centre, hôpital");
  kit_input(req, e, "commune", "Commune (code INSEE)", "text", p->zCommune,
            NULL);
  kit_input(req, e, "adresse", "Adresse", "text", p->zAddress, NULL);
  kit_input(req, e, "maitre_de_stage", "Maître de stage universitaire",
            "text", p->zSupervisor, NULL);
  kit_select(req, e, "niveau", "Niveau",
             kit_label_options(req, place_levels), p->zLevel,
             NULL);
  kit_input(req, e, "capacite", "Capacité par semestre", "number",
            html_mprintf(req, "%d", p->capacity), NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
}

/* ROUTE: GET /stages/terrains/nouveau agent */
void place_page_place_new(Req *req)
{
  Place p = {.zLevel = "interne_mg", .capacity = 1};
  page_begin(req, "Nouveau terrain de stage");
  html_printf(req, "<h1>Nouveau terrain de stage</h1>\n");
  place_form(req, "/stages/terrains/nouveau", &p, NULL);
  page_end(req);
}

static void place_post(Req *req, int64_t id)
{
  Place p = {.id = id};
  KitErrors e = {0};
  if (!kit_form_post(req, &place_ops_place, &p, "/stages/terrains/", &p.id,
                     &e)) {
    return;
  }
  page_begin(req, "Terrain de stage");
  html_printf(req, "<h1>Terrain de stage</h1>\n");
  place_form(req, id ? html_mprintf(req, "/stages/terrains/%lld",
                                    (long long)id)
                     : "/stages/terrains/nouveau" /*trusted*/, &p, &e);
  page_end(req);
}

/* ROUTE: POST /stages/terrains/nouveau agent */
void place_post_place_new(Req *req)
{
  place_post(req, 0);
}

/* ROUTE: POST /stages/terrains/{id} agent */
void place_post_place(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (id) place_post(req, id);
}

/* The place page, with the refusal of its semester form (or NULL). */
static void place_page(Req *req, int64_t id, const KitErrors *eSem)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  Place p;
  PlaceOffer *aO;
  Assignment *aA;
  int nO, nA;
  int rc = place_get(db, a, id, &p, &err);
  if (!rc) rc = place_offer_list(db, a, NULL, &aO, &nO, &err);
  if (!rc) rc = place_assignment_list(db, a, 0, id, &aA, &nA, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  char zLabel[64], zNext[8];
  page_begin(req, p.zStructure);
  kit_breadcrumb(req, "Stages", "/stages", p.zStructure, NULL, NULL);
  html_printf(req, "<h1>%h</h1>\n<h2>Semestres ouverts</h2>\n<ul>\n",
              p.zStructure);
  for (int i = 0; i < nO; i++) {
    if (aO[i].placeId != id) continue;
    html_printf(req, "<li>%h : %d stagiaire%s affecté%s sur %d place%s</li>\n",
                place_semester_label(aO[i].zSemester, zLabel, sizeof zLabel),
                aO[i].nAssigned, aO[i].nAssigned > 1 ? "s" : "" /*trusted*/,
                aO[i].nAssigned > 1 ? "s" : "" /*trusted*/, aO[i].capacity,
                aO[i].capacity > 1 ? "s" : "" /*trusted*/);
  }
  html_printf(req, "</ul>\n<h3>Ouvrir pour un semestre</h3>\n");
  kit_error_box(req, eSem);
  form_begin(req, html_mprintf(req, "/stages/terrains/%lld/semestre",
                               (long long)id));
  kit_input(req, eSem, "semestre", "Semestre", "text", next_semester(zNext),
            "AAAA-05 (mai–octobre) ou AAAA-11 (novembre–avril)");
  kit_input(req, eSem, "capacite", "Places ce semestre", "number",
            html_mprintf(req, "%d", p.capacity), NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ouvrir</button></div>\n");
  form_end(req);
  html_printf(req, "<h2>Stagiaires accueillis</h2>\n<ul>\n");
  for (int i = 0; i < nA; i++) {
    html_printf(req, "<li><a href=\"/stages/stagiaires/%lld\">%h</a> — du %h "
                     "au %h</li>\n", (long long)aA[i].traineeId,
                aA[i].zTraineeName, aA[i].zStartOn, aA[i].zEndOn);
  }
  html_printf(req, "</ul>\n<h2>Modifier le terrain</h2>\n");
  place_form(req, html_mprintf(req, "/stages/terrains/%lld", (long long)id),
             &p, NULL);
  page_end(req);
}

/* ROUTE: GET /stages/terrains/{id} agent */
void place_page_place(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (id) place_page(req, id, NULL);
}

/* ROUTE: POST /stages/terrains/{id}/semestre agent */
void place_post_place_semester(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  PlSemester sem = {.placeId = id};
  KitErrors e = {0};
  if (id && kit_form_post(req, &place_ops_semester, &sem, "/stages/terrains/",
                          &sem.placeId, &e)) {
    place_page(req, id, &e);
  }
}
