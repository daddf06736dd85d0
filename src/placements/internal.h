/*
** placements/internal.h: helpers shared by the placements module's files.
*/
#ifndef OASIS_PLACEMENTS_INTERNAL_H
#define OASIS_PLACEMENTS_INTERNAL_H
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

/* A trainee's name in SQL (t: the trainee table's alias): "stagiaire n° 12
** (données effacées)" once erased. */
#define PLACE_ERASED_NAME "'stagiaire n° ' || t.id || ' (données effacées)'"
#define PLACE_TRAINEE_NAME                                                  \
  "CASE WHEN t.erased_on IS NULL THEN t.first_name || ' ' || t.last_name "  \
  "ELSE " PLACE_ERASED_NAME " END "
/* 0 when literal zSql (?1 the resource or trainee id, ?2 zStart, ?3 zEnd;
** selecting start_on, end_on of a row sharing a day) finds nothing; else
** ERR_INPUT at "date_debut": "zWhat du START au END zHint". */
int place_overlap_check(Store *db, const char *zSql, int64_t id,
                        const char *zStart, const char *zEnd,
                        const char *zWhat, const char *zHint, Err *err);
/* Parse required dates zStart/zEnd (fields "start_on"/"end_on") into day
** numbers; end before start refused on "end_on". */
int place_dates(const char *zStart, const char *zEnd, int *pStart, int *pEnd,
             Err *err);

/* ---- the web side (pages*.c, api.c, actions.c, fields.c, json.c) ------ */
#include <jansson.h>

#include "placements/placements.h"
#include "web/kit.h"
#include "web/kit_handler.h"

/*
** fields.c: every record a page or the API writes is read by ONE KitField
** table, from a form or a JSON body alike.  Keys are the French API
** vocabulary; the former English keys stay readable (KitField.zOld).
** A record that the kit cannot hold as such (int members, a money amount
** typed in euros on a page and sent in cents by the API) is read into a
** small wrapper, then turned into the domain record.
*/
/* Place: structure, commune, adresse, maitre_de_stage, niveau, capacite,
** note.  capacite defaults to 1. */
int place_read_place(Req *req, void *pPlace, KitErrors *e);
/* Trainee: prenom, nom, courriel, telephone, ecole, niveau. */
int place_read_trainee(Req *req, void *pTrainee, KitErrors *e);
/* Semester opening: semestre, capacite (-1 when absent). */
typedef struct PlSemester PlSemester;
struct PlSemester {
  int64_t placeId;
  const char *zSem;
  int capacity;
};
int place_read_semester(Req *req, void *pSemester, KitErrors *e);
/* Assignment: terrain_id, date_debut, date_fin (stagiaire_id when the
** caller's path does not give it). */
int place_read_assignment(Req *req, void *pAssignment, KitErrors *e);
/* Allowance payment: dispositif_id, montant (euros) or montant_centimes,
** date_paiement, reference. */
typedef struct PlPay PlPay;
struct PlPay {
  int64_t assignmentId, schemeId, cents, id;   /* id: the payment's, set */
  const char *zPaidOn, *zRef;
};
int place_read_payment(Req *req, void *pPay, KitErrors *e);
/* Booking: type ("vehicule" | "chambre") and ressource_id, or the page's
** ressource ("vehicule-3"); stagiaire_id, date_debut, date_fin. */
typedef struct PlBook PlBook;
struct PlBook {
  int isVehicle;                /* else a room */
  Booking b;
};
int place_read_booking(Req *req, void *pBook, KitErrors *e);
/* Vehicle: libelle, immatriculation, commune, note. */
int place_read_vehicle(Req *req, void *pVehicle, KitErrors *e);
/* Housing: nom, commune, adresse; a page also gives chambres (1..50) and
** loyer (euros) to create its rooms at once. */
typedef struct PlHousing PlHousing;
struct PlHousing {
  const char *zName, *zCommune, *zAddress;
  int nRoom;                    /* 0: no room created */
  int64_t rentCents, id;
};
int place_read_housing(Req *req, void *pHousing, KitErrors *e);
/* Room: logement_id (unless the path gives it), libelle, loyer (euros) or
** loyer_centimes. */
int place_read_room(Req *req, void *pRoom, KitErrors *e);
/* Allowance scheme: nom, financeur, departement, niveaux ("*" when
** empty), mensuel (euros) or mensuel_centimes, debut_validite,
** fin_validite, source. */
int place_read_scheme(Req *req, void *pScheme, KitErrors *e);
/* Outcome: installe, commune, date_installation, ref_dossier,
** engagement_aide_id, note. */
int place_read_outcome(Req *req, void *pOutcome, KitErrors *e);

/* actions.c: every write, with its audit record; pages and the API call
** them through kit_write(req, place_write_x, &record, &err). */
int place_write_place(Req *req, void *pPlace, Err *err);
int place_write_semester(Req *req, void *pSemester, Err *err);
int place_write_trainee(Req *req, void *pTrainee, Err *err);
/* Erase the identity of the trainee whose id pId points to (GDPR), and
** its copies in the audit trail. */
int place_write_erase(Req *req, void *pId, Err *err);
int place_write_assignment(Req *req, void *pAssignment, Err *err);
int place_write_payment(Req *req, void *pPay, Err *err);
int place_write_booking(Req *req, void *pBook, Err *err);
int place_write_vehicle(Req *req, void *pVehicle, Err *err);
int place_write_housing(Req *req, void *pHousing, Err *err);
int place_write_room(Req *req, void *pRoom, Err *err);
int place_write_scheme(Req *req, void *pScheme, Err *err);
int place_write_outcome(Req *req, void *pOutcome, Err *err);

/* actions.c: each record's operations (web/kit_handler.h: read, write,
** JSON) for the API and page handlers; records are only ever created. */
extern const KitRecordOps place_ops_place, place_ops_trainee,
    place_ops_semester, place_ops_assignment, place_ops_payment,
    place_ops_scheme, place_ops_vehicle, place_ops_housing, place_ops_room,
    place_ops_booking, place_ops_outcome;

/* json.c: the records as the API shows them (new references); those
** taking const void * are web/kit_json.h's KitJsonFn, for lists. */
json_t *place_json_place(const void *pRec);  /* Place */
json_t *place_json_trainee(const void *pRec);  /* Trainee */
json_t *place_json_assignment(const void *pRec);  /* Assignment */
json_t *place_json_booking(const void *pRec);  /* Booking */
json_t *place_json_vehicle(const void *pRec);  /* Vehicle */
json_t *place_json_payment(const void *pRec);  /* PlPay */
json_t *place_json_scheme(const void *pRec);  /* AllowScheme */
/* The answers to opening a semester, and to recording an outcome. */
json_t *place_json_semester(const void *pRec);  /* PlSemester */
json_t *place_json_outcome(const void *pRec);  /* Outcome */

/* links.c: name of commune zCode from the territory tables, or zCode. */
const char *place_commune_name(Req *req, const char *zCode);
/* The commune typed in field zField (*pz: an INSEE code, a name or a
** postal code) as its INSEE code in *pz, checked against the territory
** tables: one commune of that name or postal code is taken; several
** (homonyms) are refused, listing them to choose by code; an unknown name,
** or a code of no département, is refused, and so is a commune outside the
** instance's territory when one is set.  Empty: left as it is.  Returns
** the errors added to e (0 or 1). */
int place_commune_resolve(Req *req, const char *zField, const char **pz,
                          KitErrors *e);
/* Link to the guichet unique's request form prefilled to ask for place p
** (NULL: for housing) during semester zSem; raw URL (escape in HTML). */
const char *place_request_url(Req *req, const Place *p, const char *zSem);

/* The open places and the rooms free for the whole of the semester asked
** by ?semestre= (else the next one): 0, or -1 with an incident answered. */
typedef struct PlOffers PlOffers;
struct PlOffers {
  char zSem[8];
  int iStart, iEnd;             /* the semester's first and last day */
  PlaceOffer *aO;
  int nO;
  Room *aR;
  int nR;
  AllowScheme *aS;              /* the allowance schemes */
  int nS;
  Vehicle *aV;                  /* the vehicle pool */
  int nV;
};
int place_offers_or_reply(Req *req, PlOffers *p);

/* What goes with an offer (page and API alike): the allowances that pay a
** placement there (département, level, the semester), the rooms free all
** the semester and the pool vehicles in its département, and the aids
** simulator prefilled for that placement. */
typedef struct PlExtras PlExtras;
struct PlExtras {
  int64_t allowanceCents;       /* per month, the schemes added; 0: none */
  const char *zAllowance;       /* "name (funder)", ", "-joined; "" */
  int nRoom;                    /* free rooms in the département */
  int64_t minRentCents;         /* the lowest of their rents */
  int nVehicle;                 /* vehicles based in the département */
  const char *zAidsUrl;         /* raw URL (escape it in HTML) */
};
void place_offer_extras(Req *req, const PlOffers *o, const PlaceOffer *x,
                        PlExtras *p);

/* The "Devenir" section of trainee t's file (pages_outcome.c); eO: the
** refusal of the outcome form, or NULL. */
void place_outcome_section(Req *req, const Trainee *t, const KitErrors *eO);

/* ---- handlers (each with its ROUTE: comment) --------------------------- */
void place_page_home(Req *req);
void place_page_offers(Req *req);
void place_page_place_new(Req *req);
void place_post_place_new(Req *req);
void place_page_place(Req *req);
void place_post_place(Req *req);
void place_post_place_semester(Req *req);
void place_page_trainee_new(Req *req);
void place_post_trainee_new(Req *req);
void place_page_trainee(Req *req);
void place_post_assign(Req *req);
void place_post_payment(Req *req);
void place_post_outcome(Req *req);
void place_post_erase(Req *req);
void place_page_logistics(Req *req);
void place_post_housing(Req *req);
void place_post_room(Req *req);
void place_post_vehicle(Req *req);
void place_post_booking(Req *req);
void place_page_schemes(Req *req);
void place_post_scheme(Req *req);
void place_page_followup(Req *req);
void place_api_place_create(Req *req);
void place_api_places(Req *req);
void place_api_place_semester(Req *req);
void place_api_trainee_create(Req *req);
void place_api_trainees(Req *req);
void place_api_trainee(Req *req);
void place_api_assign(Req *req);
void place_api_allowances(Req *req);
void place_api_pay(Req *req);
void place_api_schemes(Req *req);
void place_api_scheme_create(Req *req);
void place_api_vehicle_create(Req *req);
void place_api_housing_create(Req *req);
void place_api_room_create(Req *req);
void place_api_book(Req *req);
void place_api_bookings(Req *req);
void place_api_outcome(Req *req);
void place_api_erase(Req *req);
void place_api_conversion(Req *req);
void place_api_offers(Req *req);

#endif
