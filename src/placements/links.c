/*
** placements/links.c: links from the Stages pages to the guichet unique's
** request form (/demande), prefilled for a place or for housing, commune
** names for display, and the offers of a semester (page and API alike).
*/
#include <stdio.h>

#include "base/caldate.h"
#include "base/str.h"
#include "base/url.h"
#include "placements/internal.h"
#include "territory/lookup.h"

const char *place_commune_name(Req *req, const char *zCode)
{
  return lookup_commune_name(req_db(req), req_arena(req), zCode);
}

const char *place_request_url(Req *req, const Place *p, const char *zSem)
{
  Arena *a = req_arena(req);
  char zLabel[64];
  place_semester_label(zSem, zLabel, sizeof zLabel);
  Str s = STR_INIT;
  str_appendz(&s, "/demande");
  url_add_param(&s, "projet", "stage");
  if (p) {
    int lvl = place_level_parse(p->zLevel);
    url_add_param(&s, "statut", lvl == PLACE_LEVEL_INTERNE_MG ||
                                lvl == PLACE_LEVEL_DOCTEUR_JUNIOR
                                    ? "interne" : "etudiant");
    if (lvl != PLACE_LEVEL_PARAMEDICAL) {
      url_add_param(&s, "profession", "medecin_generaliste");
    }
    url_add_param(&s, "territoire_type", "commune");
    url_add_param(&s, "territoire_code", p->zCommune);
    url_add_param(&s, "territoire_nom", place_commune_name(req, p->zCommune));
    url_add_param(&s, "besoins", "lieu_exercice");
    url_add_param(&s, "message", arena_printf(a,
        "Demande de place de stage : %s (%s), semestre %s, terrain n° %lld.",
        p->zStructure, place_level_label(lvl), zLabel, (long long)p->id));
  } else {
    url_add_param(&s, "besoins", "logement");
    url_add_param(&s, "message", arena_printf(a,
        "Demande de logement pour le stage du semestre %s.", zLabel));
  }
  const char *z = arena_strdup(a, str_text(&s));
  str_free(&s);
  return z;
}

int place_offers_or_reply(Req *req, PlOffers *p)
{
  Err err = {0};
  char zNow[8];
  const char *zAsked = req_query(req, "semestre");
  if (zAsked && !place_semester_bounds(zAsked, &p->iStart, &p->iEnd)) {
    snprintf(p->zSem, sizeof p->zSem, "%s", zAsked);
  } else {
    place_semester_next(place_semester_of(caldate_today(), zNow), p->zSem);
    place_semester_bounds(p->zSem, &p->iStart, &p->iEnd);
  }
  if (place_offer_list(req_db(req), req_arena(req), p->zSem, &p->aO, &p->nO,
                       &err) ||
      place_room_free_list(req_db(req), req_arena(req), p->iStart, p->iEnd,
                           &p->aR, &p->nR, &err)) {
    return kit_reply_err(req, ERR_DB, &err);
  }
  return 0;
}
