/*
** placements/fields.c: the one field table of each record the Stages
** pages and API write (see internal.h).  A page posts a form, the API a
** JSON body: both are read here, by the same table, every bad field
** reported at once.
*/
#include <stddef.h>
#include <string.h>

#include "placements/internal.h"

/* ---- places ------------------------------------------------------------- */

typedef struct PlaceIn PlaceIn;
struct PlaceIn {
  Place p;
  int64_t capacity;
};

static const KitField aPlaceField[] = {
  {"structure", "Structure", KIT_TEXT, KIT_REQUIRED,
   offsetof(PlaceIn, p.zStructure), 0, 0, NULL, NULL},
  {"commune", "Commune", KIT_TEXT, KIT_REQUIRED,
   offsetof(PlaceIn, p.zCommune), 0, 0, NULL, NULL},
  {"adresse", "Adresse", KIT_TEXT, 0, offsetof(PlaceIn, p.zAddress), 0, 0,
   NULL, "address"},
  {"maitre_de_stage", "Maître de stage", KIT_TEXT, KIT_REQUIRED,
   offsetof(PlaceIn, p.zSupervisor), 0, 0, NULL, "supervisor"},
  {"niveau", "Niveau", KIT_TEXT, 0, offsetof(PlaceIn, p.zLevel), 0, 0, NULL,
   "level"},
  {"capacite", "Capacité", KIT_INT, 0, offsetof(PlaceIn, capacity), 0, 0,
   NULL, "capacity"},
  {"note", "Remarque", KIT_LONGTEXT, 0, offsetof(PlaceIn, p.zNote), 0, 0,
   NULL, NULL},
  {0}
};

int place_read_place(Req *req, void *pPlace, KitErrors *e)
{
  Place *p = pPlace;
  PlaceIn in = {.p = *p};
  int n = kit_read(req, aPlaceField, &in, e);
  int64_t id = p->id;
  *p = in.p;
  p->id = id;
  p->capacity = in.capacity == KIT_UNSET ? 1
                : in.capacity > 1000 ? 1000 : (int)in.capacity;
  return n + place_commune_resolve(req, "commune", &p->zCommune, e);
}

/* ---- trainees ----------------------------------------------------------- */

static const KitField aTraineeField[] = {
  {"prenom", "Prénom", KIT_TEXT, KIT_REQUIRED,
   offsetof(Trainee, zFirstName), 0, 0, NULL, "first_name"},
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(Trainee, zLastName), 0, 0,
   NULL, "last_name"},
  {"courriel", "Courriel", KIT_TEXT, 0, offsetof(Trainee, zEmail), 0, 0,
   NULL, "email"},
  {"telephone", "Téléphone", KIT_TEXT, 0, offsetof(Trainee, zPhone), 0, 0,
   NULL, "phone"},
  {"ecole", "Faculté ou école", KIT_TEXT, KIT_REQUIRED,
   offsetof(Trainee, zSchool), 0, 0, NULL, "school"},
  {"niveau", "Niveau", KIT_TEXT, 0, offsetof(Trainee, zLevel), 0, 0, NULL,
   "level"},
  {0}
};

int place_read_trainee(Req *req, void *pTrainee, KitErrors *e)
{
  Trainee *t = pTrainee;
  return kit_read(req, aTraineeField, t, e);
}

/* ---- semesters and assignments ------------------------------------------ */

typedef struct SemesterIn SemesterIn;
struct SemesterIn {
  const char *zSem;
  int64_t capacity;
};

static const KitField aSemesterField[] = {
  {"semestre", "Semestre", KIT_TEXT, KIT_REQUIRED,
   offsetof(SemesterIn, zSem), 0, 0, NULL, "semester"},
  {"capacite", "Places ce semestre", KIT_INT, 0,
   offsetof(SemesterIn, capacity), 0, 0, NULL, "capacity"},
  {0}
};

int place_read_semester(Req *req, void *pSemester, KitErrors *e)
{
  PlSemester *s = pSemester;
  SemesterIn in = {0};
  int n = kit_read(req, aSemesterField, &in, e);
  s->zSem = in.zSem;
  s->capacity = in.capacity == KIT_UNSET ? -1
                : in.capacity > 1000 ? 1000 : (int)in.capacity;
  return n;
}

static const KitField aAssignmentField[] = {
  {"stagiaire_id", "Stagiaire", KIT_ID, 0, offsetof(Assignment, traineeId),
   0, 0, NULL, "trainee_id"},
  {"terrain_id", "Terrain", KIT_ID, KIT_REQUIRED,
   offsetof(Assignment, placeId), 0, 0, NULL, "place_id"},
  {"date_debut", "Début", KIT_DATE, KIT_REQUIRED,
   offsetof(Assignment, zStartOn), 0, 0, NULL, "start_on"},
  {"date_fin", "Fin", KIT_DATE, KIT_REQUIRED, offsetof(Assignment, zEndOn),
   0, 0, NULL, "end_on"},
  {0}
};

int place_read_assignment(Req *req, void *pAssignment, KitErrors *e)
{
  Assignment *x = pAssignment;
  int64_t traineeId = x->traineeId;
  int n = kit_read(req, aAssignmentField, x, e);
  if (traineeId) x->traineeId = traineeId;       /* the path wins */
  return n;
}

/* ---- money -------------------------------------------------------------- */

/* An amount typed in euros (page) or sent in cents (API): one of the two
** members read, the other KIT_UNSET. */
static int64_t place_cents_of(int64_t euros, int64_t cents)
{
  if (cents != KIT_UNSET) return cents;
  return euros;
}

typedef struct PayIn PayIn;
struct PayIn {
  int64_t schemeId, euros, cents;
  const char *zPaidOn, *zRef;
};

static const KitField aPayField[] = {
  {"dispositif_id", "Dispositif", KIT_ID, KIT_REQUIRED,
   offsetof(PayIn, schemeId), 0, 0, NULL, "scheme_id"},
  {"montant", "Montant versé", KIT_CENTS, 0, offsetof(PayIn, euros), 0, 0,
   NULL, "amount"},
  {"montant_centimes", "Montant versé (centimes)", KIT_INT, 0,
   offsetof(PayIn, cents), 0, 0, NULL, "amount_cents"},
  {"date_paiement", "Versé le", KIT_DATE, KIT_REQUIRED,
   offsetof(PayIn, zPaidOn), 0, 0, NULL, "paid_on"},
  {"reference", "Référence du mandat", KIT_TEXT, 0, offsetof(PayIn, zRef), 0,
   0, NULL, NULL},
  {0}
};

int place_read_payment(Req *req, void *pPay, KitErrors *e)
{
  PlPay *p = pPay;
  PayIn in = {0};
  int n = kit_read(req, aPayField, &in, e);
  p->schemeId = in.schemeId;
  p->cents = place_cents_of(in.euros, in.cents);
  if (p->cents == KIT_UNSET) p->cents = 0;       /* refused as "montant" */
  p->zPaidOn = in.zPaidOn;
  p->zRef = in.zRef;
  return n;
}

typedef struct SchemeIn SchemeIn;
struct SchemeIn {
  AllowScheme s;
  int64_t euros, cents;
};

static const KitField aSchemeField[] = {
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(SchemeIn, s.zName), 0, 0,
   NULL, "name"},
  {"financeur", "Financeur", KIT_TEXT, KIT_REQUIRED,
   offsetof(SchemeIn, s.zFunder), 0, 0, NULL, "funder"},
  {"departement", "Département", KIT_TEXT, 0, offsetof(SchemeIn, s.zDep), 0,
   0, NULL, "dep"},
  {"niveaux", "Niveaux", KIT_TEXT, 0, offsetof(SchemeIn, s.zLevels), 0, 0,
   NULL, "levels"},
  {"mensuel", "Montant par mois", KIT_CENTS, 0, offsetof(SchemeIn, euros), 0,
   0, NULL, "monthly"},
  {"mensuel_centimes", "Montant par mois (centimes)", KIT_INT, 0,
   offsetof(SchemeIn, cents), 0, 0, NULL, "monthly_cents"},
  {"debut_validite", "Début de validité", KIT_DATE, 0,
   offsetof(SchemeIn, s.zValidFrom), 0, 0, NULL, "valid_from"},
  {"fin_validite", "Fin de validité", KIT_DATE, 0,
   offsetof(SchemeIn, s.zValidTo), 0, 0, NULL, "valid_to"},
  {"source", "Source", KIT_TEXT, 0, offsetof(SchemeIn, s.zSource), 0, 0,
   NULL, NULL},
  {0}
};

int place_read_scheme(Req *req, void *pScheme, KitErrors *e)
{
  AllowScheme *s = pScheme;
  SchemeIn in = {0};
  int n = kit_read(req, aSchemeField, &in, e);
  *s = in.s;
  s->monthlyCents = place_cents_of(in.euros, in.cents);
  if (s->monthlyCents == KIT_UNSET) s->monthlyCents = 0;
  if (!s->zLevels[0]) s->zLevels = "*";
  return n;
}

/* ---- housing, vehicles, bookings ---------------------------------------- */

static const KitField aVehicleField[] = {
  {"libelle", "Véhicule", KIT_TEXT, KIT_REQUIRED, offsetof(Vehicle, zLabel),
   0, 0, NULL, "label"},
  {"immatriculation", "Immatriculation", KIT_TEXT, KIT_REQUIRED,
   offsetof(Vehicle, zPlate), 0, 0, NULL, "plate"},
  {"commune", "Commune de rattachement", KIT_TEXT, 0,
   offsetof(Vehicle, zCommune), 0, 0, NULL, NULL},
  {"note", "Remarque", KIT_LONGTEXT, 0, offsetof(Vehicle, zNote), 0, 0, NULL,
   NULL},
  {0}
};

int place_read_vehicle(Req *req, void *pVehicle, KitErrors *e)
{
  Vehicle *v = pVehicle;
  int n = kit_read(req, aVehicleField, v, e);
  return n + place_commune_resolve(req, "commune", &v->zCommune, e);
}

typedef struct HousingIn HousingIn;
struct HousingIn {
  const char *zName, *zCommune, *zAddress;
  int64_t nRoom, rent;
};

static const KitField aHousingField[] = {
  {"nom", "Nom du logement", KIT_TEXT, KIT_REQUIRED,
   offsetof(HousingIn, zName), 0, 0, NULL, "name"},
  {"commune", "Commune", KIT_TEXT, KIT_REQUIRED,
   offsetof(HousingIn, zCommune), 0, 0, NULL, NULL},
  {"adresse", "Adresse", KIT_TEXT, 0, offsetof(HousingIn, zAddress), 0, 0,
   NULL, "address"},
  {"chambres", "Nombre de chambres", KIT_INT, 0, offsetof(HousingIn, nRoom),
   1, 50, NULL, "rooms"},
  {"loyer", "Loyer mensuel par chambre", KIT_CENTS, 0,
   offsetof(HousingIn, rent), 0, 0, NULL, "rent"},
  {0}
};

int place_read_housing(Req *req, void *pHousing, KitErrors *e)
{
  PlHousing *h = pHousing;
  HousingIn in = {0};
  int n = kit_read(req, aHousingField, &in, e);
  h->zName = in.zName;
  h->zCommune = in.zCommune;
  h->zAddress = in.zAddress;
  h->nRoom = in.nRoom == KIT_UNSET ? 0 : (int)in.nRoom;
  h->rentCents = in.rent == KIT_UNSET ? 0 : in.rent;
  return n + place_commune_resolve(req, "commune", &h->zCommune, e);
}

typedef struct RoomIn RoomIn;
struct RoomIn {
  int64_t housingId;
  const char *zLabel;
  int64_t euros, cents;
};

static const KitField aRoomField[] = {
  {"logement_id", "Logement", KIT_ID, 0, offsetof(RoomIn, housingId), 0, 0,
   NULL, "housing_id"},
  {"libelle", "Chambre", KIT_TEXT, KIT_REQUIRED, offsetof(RoomIn, zLabel), 0,
   0, NULL, "label"},
  {"loyer", "Loyer mensuel", KIT_CENTS, 0, offsetof(RoomIn, euros), 0, 0,
   NULL, "rent"},
  {"loyer_centimes", "Loyer mensuel (centimes)", KIT_INT, 0,
   offsetof(RoomIn, cents), 0, 0, NULL, "rent_cents"},
  {0}
};

int place_read_room(Req *req, void *pRoom, KitErrors *e)
{
  Room *r = pRoom;
  RoomIn in = {0};
  int n = kit_read(req, aRoomField, &in, e);
  if (!r->housingId) r->housingId = in.housingId;   /* the path wins */
  r->zLabel = in.zLabel;
  r->rentCents = place_cents_of(in.euros, in.cents);
  if (r->rentCents == KIT_UNSET) r->rentCents = 0;
  return n;
}

static const char *const azKind[] = {"vehicule", "chambre", NULL};

typedef struct BookIn BookIn;
struct BookIn {
  const char *zKind, *zResource;
  int64_t resourceId, traineeId;
  const char *zStartOn, *zEndOn;
};

static const KitField aBookField[] = {
  {"type", "Type de ressource", KIT_CHOICE, 0, offsetof(BookIn, zKind), 0, 0,
   azKind, "kind"},
  {"ressource_id", "Ressource", KIT_ID, 0, offsetof(BookIn, resourceId), 0,
   0, NULL, "resource_id"},
  {"ressource", "Véhicule ou chambre", KIT_TEXT, 0,
   offsetof(BookIn, zResource), 0, 0, NULL, "resource"},
  {"stagiaire_id", "Stagiaire", KIT_ID, KIT_REQUIRED,
   offsetof(BookIn, traineeId), 0, 0, NULL, "trainee_id"},
  {"date_debut", "Du", KIT_DATE, KIT_REQUIRED, offsetof(BookIn, zStartOn), 0,
   0, NULL, "start_on"},
  {"date_fin", "Au", KIT_DATE, KIT_REQUIRED, offsetof(BookIn, zEndOn), 0, 0,
   NULL, "end_on"},
  {0}
};

int place_read_booking(Req *req, void *pBook, KitErrors *e)
{
  PlBook *p = pBook;
  BookIn in = {0};
  int n = kit_read(req, aBookField, &in, e);
  long rid = 0;
  memset(p, 0, sizeof *p);
  if (in.zResource[0]) {              /* the page's "vehicule-3" */
    if (str_starts(in.zResource, "vehicule-")) {
      p->isVehicle = 1;
      str_to_long(in.zResource + 9, &rid);
    } else if (str_starts(in.zResource, "chambre-")) {
      str_to_long(in.zResource + 8, &rid);
    }
    p->b.resourceId = rid;
  } else if (!in.zKind[0]) {
    kit_error_add(req, e, "type", "type : « vehicule » ou « chambre »");
    n++;
  } else {
    p->isVehicle = !strcmp(in.zKind, "vehicule");
    p->b.resourceId = in.resourceId;
  }
  p->b.traineeId = in.traineeId;
  p->b.zStartOn = in.zStartOn;
  p->b.zEndOn = in.zEndOn;
  return n;
}

/* ---- follow-up ---------------------------------------------------------- */

typedef struct OutcomeIn OutcomeIn;
struct OutcomeIn {
  Outcome o;
  int isSettled;
};

static const KitField aOutcomeField[] = {
  {"installe", "S'est installé·e", KIT_BOOL, 0,
   offsetof(OutcomeIn, isSettled), 0, 0, NULL, "settled"},
  {"commune", "Commune d'installation", KIT_TEXT, 0,
   offsetof(OutcomeIn, o.zCommune), 0, 0, NULL, NULL},
  {"date_installation", "Date d'installation", KIT_DATE, 0,
   offsetof(OutcomeIn, o.zSettledOn), 0, 0, NULL, "settled_on"},
  {"ref_dossier", "Référence de la demande au guichet unique", KIT_TEXT, 0,
   offsetof(OutcomeIn, o.zCaseRef), 0, 0, NULL, "case_ref"},
  {"engagement_aide_id", "N° d'engagement", KIT_ID, 0,
   offsetof(OutcomeIn, o.aidCommitmentId), 0, 0, NULL, "aid_commitment_id"},
  {"note", "Remarque", KIT_LONGTEXT, 0, offsetof(OutcomeIn, o.zNote), 0, 0,
   NULL, NULL},
  {0}
};

int place_read_outcome(Req *req, void *pOutcome, KitErrors *e)
{
  Outcome *o = pOutcome;
  OutcomeIn in = {0};
  int n = kit_read(req, aOutcomeField, &in, e);
  int64_t traineeId = o->traineeId;
  *o = in.o;
  o->traineeId = traineeId;
  o->isSettled = in.isSettled;
  return n;
}
