/*
** placements/json.c: the Stages records as the API shows them, in the
** French API vocabulary (docs/conventions.md); money in *_centimes.
*/
#include "placements/internal.h"

json_t *place_json_place(const void *pRec)
{
  const Place *p = pRec;
  return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:i, s:s?}", "id",
                   (json_int_t)p->id, "structure", p->zStructure, "commune",
                   p->zCommune, "adresse", p->zAddress, "maitre_de_stage",
                   p->zSupervisor, "niveau", p->zLevel, "capacite",
                   p->capacity, "note", p->zNote);
}

json_t *place_json_trainee(const void *pRec)
{
  const Trainee *t = pRec;
  return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "id",
                   (json_int_t)t->id, "prenom", t->zFirstName, "nom",
                   t->zLastName, "courriel", t->zEmail, "telephone",
                   t->zPhone, "ecole", t->zSchool, "niveau", t->zLevel);
}

json_t *place_json_assignment(const void *pRec)
{
  const Assignment *a = pRec;
  return json_pack("{s:I, s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
                   "id", (json_int_t)a->id, "stagiaire_id",
                   (json_int_t)a->traineeId, "terrain_id",
                   (json_int_t)a->placeId, "semestre", a->zSemester,
                   "date_debut", a->zStartOn, "date_fin", a->zEndOn,
                   "nom_stagiaire", a->zTraineeName, "nom_terrain",
                   a->zPlaceName, "commune", a->zCommune);
}

json_t *place_json_vehicle(const void *pRec)
{
  const Vehicle *v = pRec;
  return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?}", "id", (json_int_t)v->id,
                   "libelle", v->zLabel, "immatriculation", v->zPlate,
                   "commune", v->zCommune, "note", v->zNote);
}

json_t *place_json_booking(const void *pRec)
{
  const Booking *b = pRec;
  return json_pack("{s:I, s:I, s:I, s:s?, s:s?, s:s?, s:s?}", "id",
                   (json_int_t)b->id, "ressource_id",
                   (json_int_t)b->resourceId, "stagiaire_id",
                   (json_int_t)b->traineeId, "date_debut", b->zStartOn,
                   "date_fin", b->zEndOn, "ressource", b->zResource,
                   "nom_stagiaire", b->zTraineeName);
}

json_t *place_json_payment(const void *pRec)
{
  const PlPay *p = pRec;
  return json_pack("{s:I, s:I, s:I, s:I, s:s?, s:s?}", "id",
                   (json_int_t)p->id, "affectation_id",
                   (json_int_t)p->assignmentId, "dispositif_id",
                   (json_int_t)p->schemeId, "montant_centimes",
                   (json_int_t)p->cents, "date_paiement", p->zPaidOn,
                   "reference", p->zRef);
}

json_t *place_json_scheme(const void *pRec)
{
  const AllowScheme *s = pRec;
  return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:I}", "id",
                   (json_int_t)s->id, "nom", s->zName, "financeur",
                   s->zFunder, "departement", s->zDep, "niveaux", s->zLevels,
                   "mensuel_centimes", (json_int_t)s->monthlyCents);
}

json_t *place_json_semester(const void *pRec)
{
  const PlSemester *s = pRec;
  return json_pack("{s:I, s:s, s:i}", "terrain_id", (json_int_t)s->placeId,
                   "semestre", s->zSem, "capacite", s->capacity);
}

json_t *place_json_outcome(const void *pRec)
{
  const Outcome *o = pRec;
  return json_pack("{s:I, s:b, s:s?}", "stagiaire_id",
                   (json_int_t)o->traineeId, "installe", o->isSettled,
                   "commune", o->zCommune);
}
