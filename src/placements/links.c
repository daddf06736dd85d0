/*
** placements/links.c: links from the Stages pages to the guichet unique's
** request form (/demande), prefilled for a place or for housing, commune
** names for display, and the offers of a semester (page and API alike).
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/str.h"
#include "base/url.h"
#include "placements/internal.h"
#include "territory/lookup.h"
#include "territory/scope.h"

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
                           &p->aR, &p->nR, &err) ||
      place_scheme_list(req_db(req), req_arena(req), &p->aS, &p->nS, &err) ||
      place_vehicle_list(req_db(req), req_arena(req), &p->aV, &p->nV, &err)) {
    return kit_reply_err(req, ERR_DB, &err);
  }
  return 0;
}

void place_offer_extras(Req *req, const PlOffers *o, const PlaceOffer *x,
                        PlExtras *p)
{
  Arena *a = req_arena(req);
  char zDep[8], zD[8];
  Str s = STR_INIT;
  memset(p, 0, sizeof *p);
  place_commune_dep(x->place.zCommune, zDep);
  for (int i = 0; i < o->nS; i++) {
    int from = o->iStart, to = o->iEnd;
    const AllowScheme *sc = &o->aS[i];
    if (!place_scheme_applies(sc, zDep, x->place.zLevel, &from, &to)) continue;
    p->allowanceCents += sc->monthlyCents;
    str_appendf(&s, "%s%s (%s)", s.n ? ", " : "", sc->zName, sc->zFunder);
  }
  p->zAllowance = arena_strdup(a, s.n ? str_text(&s) : "");
  str_free(&s);
  for (int i = 0; i < o->nR; i++) {
    if (strcmp(place_commune_dep(o->aR[i].zCommune, zD), zDep)) continue;
    if (!p->nRoom++ || o->aR[i].rentCents < p->minRentCents) {
      p->minRentCents = o->aR[i].rentCents;
    }
  }
  for (int i = 0; i < o->nV; i++) {
    if (!strcmp(place_commune_dep(o->aV[i].zCommune, zD), zDep)) p->nVehicle++;
  }
  int lvl = place_level_parse(x->place.zLevel);
  Str u = STR_INIT;
  str_appendz(&u, "/aides/simulateur");
  url_add_param(&u, "profession", lvl == PLACE_LEVEL_PARAMEDICAL
                                      ? "paramedical" : "generaliste");
  url_add_param(&u, "statut", lvl == PLACE_LEVEL_INTERNE_MG ? "interne"
                              : lvl == PLACE_LEVEL_DOCTEUR_JUNIOR
                                  ? "docteure-junior" : "etudiante");
  url_add_param(&u, "stage", x->place.zCommune);
  url_add_param(&u, "commune", x->place.zCommune);
  p->zAidsUrl = arena_strdup(a, str_text(&u));
  str_free(&u);
}

/* 1 when z looks like an INSEE or postal code: 5 digits, or 2A/2B and 3
** digits. */
static int is_code_shaped(const char *z)
{
  if (strlen(z) != 5) return 0;
  for (int i = 0; i < 5; i++) {
    int isDigit = z[i] >= '0' && z[i] <= '9';
    if (!isDigit && !(i == 1 && z[0] == '2' && (z[i] == 'A' || z[i] == 'B'))) {
      return 0;
    }
  }
  return 1;
}

/* " : Saint-Denis (93066), Saint-Denis (97411)" for aP[0..nP-1]. */
static const char *place_choices(Arena *a, const LkPlace *aP, int nP)
{
  Str s = STR_INIT;
  for (int i = 0; i < nP; i++) {
    str_appendf(&s, "%s%s (%s)", i ? ", " : " : ", aP[i].zName, aP[i].zCode);
  }
  const char *z = arena_strdup(a, str_text(&s));
  str_free(&s);
  return z;
}

static int commune_resolve(Req *req, const char *zField, const char **pz,
                           KitErrors *e)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  const char *z = *pz;
  LkPlace p, *aP;
  Err err = {0};
  if (!z || !z[0]) return 0;
  if (!lookup_place(db, a, LK_COMMUNE, z, &p, &err)) {
    *pz = p.zCode;
    return 0;
  }
  /* A name, or a postal code: the communes it names exactly. */
  int nS = lookup_search(db, a, z, 20, &aP, &err);
  const char *zFold = lookup_fold(a, z);
  LkPlace *aM = arena_alloc(a, sizeof *aM * (size_t)(nS > 0 ? nS : 1));
  int nM = 0;
  for (int i = 0; i < nS; i++) {
    int isPostal = is_code_shaped(z) && strstr(aP[i].zPostal, z);
    if (isPostal || !strcmp(lookup_fold(a, aP[i].zName), zFold)) {
      aM[nM++] = aP[i];
    }
  }
  if (nM == 1) {
    *pz = aM[0].zCode;
    return 0;
  }
  if (nM > 1) {
    kit_error_add(req, e, zField, arena_printf(a,
        "Commune : plusieurs communes répondent à « %s » ; choisir par son "
        "code INSEE%s", z, place_choices(a, aM, nM)));
    return 1;
  }
  if (is_code_shaped(z)) {
    /* A code the communes table does not hold: refused when no such
    ** département exists (99999); kept when its département exists, as
    ** an import may hold only some of its communes, and while no
    ** territory is imported at all (nothing to check against). */
    LkPlace *aR;
    char zDep[8];
    place_commune_dep(z, zDep);
    if (lookup_children(db, a, LK_FRANCE, "", &aR, &err) <= 0 ||
        !lookup_place(db, a, LK_DEPARTEMENT, zDep, &p, &err) ||
        lookup_children(db, a, LK_DEPARTEMENT, zDep, &aR, &err) > 0) {
      return 0;
    }
    kit_error_add(req, e, zField, arena_printf(a,
        "Commune inconnue : « %s » n'est pas un code INSEE de commune", z));
    return 1;
  }
  kit_error_add(req, e, zField, arena_printf(a,
      "Commune inconnue : « %s » ; saisir son nom exact ou son code INSEE%s",
      z, nS > 0 ? place_choices(a, aP, nS > 5 ? 5 : nS) : ""));
  return 1;
}

int place_commune_resolve(Req *req, const char *zField, const char **pz,
                          KitErrors *e)
{
  int n = commune_resolve(req, zField, pz, e);
  if (n || !*pz || !**pz) return n;
  /* one territory (DESIGN.md): a place, a room or a car of this instance
  ** lies inside it */
  TerrScope scope;
  Err err = {0};
  char zDep[8];
  if (terr_scope_load(req_db(req), req_arena(req), &scope, &err)) return 0;
  place_commune_dep(*pz, zDep);
  if (terr_scope_has_dep(&scope, zDep)) return 0;
  kit_error_add(req, e, zField, arena_printf(req_arena(req),
      "Commune hors du territoire de l'instance (%s) : « %s »", scope.zName,
      *pz));
  return 1;
}
