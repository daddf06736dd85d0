/*
** placements/placements.h: welcoming students and interns on placement
** (stages): places and their capacity per semester, trainees and their
** assignments, allowances owed and paid, housing and vehicles lent to
** them, and where former trainees later settled.
**
** Layers: rules.c is pure (semesters, allowance arithmetic, overlaps);
** places.c, logistics.c, money.c, followup.c hold the SQL; fields.c reads
** a record from a form or JSON (one table each), actions.c writes it
** (pages and API alike), pages*.c and api.c present (internal.h).  Lists
** come from the caller's Arena.  Dates are ISO
** "YYYY-MM-DD" (base/caldate.h); a semester is named by its first month,
** "YYYY-05" (May to October) or "YYYY-11" (November to April).  Money in
** cents.  Input errors name the field by its French API key in
** err->zField.
*/
#ifndef OASIS_PLACEMENTS_H
#define OASIS_PLACEMENTS_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/label.h"
#include "store/store.h"

/* ---- vocabulary and pure rules ---------------------------------------- */
enum { PLACE_LEVEL_EXTERNE, PLACE_LEVEL_INTERNE_MG, PLACE_LEVEL_DOCTEUR_JUNIOR,
       PLACE_LEVEL_PARAMEDICAL, PLACE_NLEVEL };
/* The levels in enum order, as a closed list (zero-ended). */
extern const Label place_levels[PLACE_NLEVEL + 1];
const char *place_level_code(int i);
/* French label ("Interne de médecine générale"…). */
const char *place_level_label(int i);
/* Index of level code z, or -1. */
int place_level_parse(const char *z);

/* Semester containing day iDay: "YYYY-05" or "YYYY-11" into zOut (>= 8
** bytes).  January-April belong to the previous year's November semester. */
char *place_semester_of(int iDay, char *zOut);
/* First and last day of semester zSem; 0, or -1 when zSem is not one. */
int place_semester_bounds(const char *zSem, int *pStart, int *pEnd);
/* Plausible semester for day iToday: it starts from the year before
** today's up to three years after (PLACE_SEM_YEARS_*).  0, or -1 with the
** range in err (field zField): a 2019 semester typed in 2026 is a typo. */
#define PLACE_SEM_YEARS_BACK 1
#define PLACE_SEM_YEARS_AHEAD 3
int place_semester_plausible(const char *zSem, int iToday, const char *zField,
                             Err *err);
/* The semester after zSem into zOut. */
char *place_semester_next(const char *zSem, char *zOut);
/* "mai – octobre 2026", "novembre 2026 – avril 2027" into zOut. */
char *place_semester_label(const char *zSem, char *zOut, int nOut);

/* Inclusive day ranges [s1, e1] and [s2, e2] share at least one day. */
int place_overlaps(int s1, int e1, int s2, int e2);

/* Département of commune code zCommune ("41018" -> "41", "97411" -> "974",
** "2A004" -> "2A") into zOut (>= 4 bytes). */
char *place_commune_dep(const char *zCommune, char *zOut);

/* Allowance of one calendar month of a placement. */
typedef struct PlaceAllowMonth PlaceAllowMonth;
struct PlaceAllowMonth {
  int year, month;
  int nDays, nDaysInMonth;       /* days of the placement in the month */
  int64_t cents;                 /* monthly x nDays / nDaysInMonth, rounded */
};
/* The allowance rule: for each calendar month touched by [iStart, iEnd]
** (inclusive), monthlyCents x days covered / days in that month, rounded
** to the nearest cent (halves up); a full month gives exactly monthlyCents.
** Fills aMonth[0..nMax-1] (may be NULL) and returns the total in cents;
** *pnMonth gets the number of months touched.  iEnd < iStart: 0. */
int64_t place_allowance_owed(int64_t monthlyCents, int iStart, int iEnd,
                             PlaceAllowMonth *aMonth, int nMax, int *pnMonth);

/* Conversion rate: settled / former trainees, in percent; -1 when there is
** no former trainee (no rate rather than 0 %). */
double place_conversion_pct(int nSettled, int nFormer);

/* ---- places and semesters --------------------------------------------- */
typedef struct Place Place;
struct Place {
  int64_t id;
  const char *zStructure, *zCommune, *zAddress, *zSupervisor;
  const char *zLevel;            /* place_level_code() */
  int capacity;                  /* default per semester */
  const char *zNote;
};
int place_check(const Place *p, Err *err);
int place_list(Store *db, Arena *a, Place **pa, int *pn, Err *err);
int place_get(Store *db, Arena *a, int64_t id, Place *p, Err *err);
int place_save(Store *db, Place *p, Err *err);

/* A place opened for a semester, with what is left. */
typedef struct PlaceOffer PlaceOffer;
struct PlaceOffer {
  int64_t placeId;
  const char *zSemester;
  int capacity, nAssigned;
  Place place;                   /* filled by reads */
};
/* Open (or re-size) place placeId for semester zSem with capacity n; a
** capacity below the interns already assigned is refused. */
int place_open_semester(Store *db, int64_t placeId, const char *zSem, int n,
                        Err *err);
/* Offers of semester zSem (NULL: every semester). */
int place_offer_list(Store *db, Arena *a, const char *zSem, PlaceOffer **pa,
                     int *pn, Err *err);

/* ---- trainees and assignments ----------------------------------------- */
typedef struct Trainee Trainee;
struct Trainee {
  int64_t id;
  const char *zFirstName, *zLastName, *zEmail, *zPhone, *zSchool, *zLevel;
  const char *zErasedOn;         /* reads: day the identity was erased, "" */
};
int place_trainee_check(const Trainee *t, Err *err);
int place_trainee_list(Store *db, Arena *a, Trainee **pa, int *pn, Err *err);
int place_trainee_get(Store *db, Arena *a, int64_t id, Trainee *p, Err *err);
int place_trainee_save(Store *db, Trainee *t, Err *err);
/* Id of a trainee (not erased) with t's names, e-mail and school, or 0: a
** form sent twice finds the trainee its first sending created. */
int64_t place_trainee_find(Store *db, const Trainee *t);

/* Personal data of trainees (GDPR): a trainee's identity (names, e-mail,
** phone, the outcome's free note) is erased on request, or once
** PLACE_RETENTION_YEARS have passed since the end of the last placement
** (since the record's creation when there was none).  The row stays,
** without identity, so placements, allowances and conversion rates keep
** counting.  Erasing twice changes nothing. */
#define PLACE_RETENTION_YEARS 5
/* Erase trainee id's identity on day zDay (YYYY-MM-DD); ERR_NOTFOUND when
** there is no such trainee.  Inside the caller's transaction. */
int place_trainee_erase(Store *db, int64_t id, const char *zDay, Err *err);
/* Ids of the trainees not yet erased whose retention ends before iToday
** (nYears after their last placement): *paId from a, *pn. */
int place_trainee_erase_due(Store *db, Arena *a, int iToday, int nYears,
                            int64_t **paId, int *pn, Err *err);

typedef struct Assignment Assignment;
struct Assignment {
  int64_t id, traineeId, placeId;
  const char *zSemester;         /* computed from the start date */
  const char *zStartOn, *zEndOn;
  const char *zTraineeName, *zPlaceName, *zCommune;   /* filled by reads */
};
/* Assign: dates valid and within one semester, the trainee's level is the
** place's, the place has room that semester (its opened capacity, else its
** default), and the trainee has no other placement on those days. */
int place_assign(Store *db, Assignment *p, Err *err);
/* Assignments of trainee traineeId (> 0), or of place placeId (> 0), or
** all. */
int place_assignment_list(Store *db, Arena *a, int64_t traineeId,
                          int64_t placeId, Assignment **pa, int *pn, Err *err);
int place_assignment_get(Store *db, Arena *a, int64_t id, Assignment *p,
                         Err *err);

/* ---- allowances ------------------------------------------------------- */
typedef struct AllowScheme AllowScheme;
struct AllowScheme {
  int64_t id;
  const char *zName, *zFunder;
  const char *zDep;              /* "" : any département */
  const char *zLevels;           /* "*" or "externe,interne_mg" */
  int64_t monthlyCents;
  const char *zValidFrom, *zValidTo, *zSource;
};
int place_scheme_list(Store *db, Arena *a, AllowScheme **pa, int *pn,
                      Err *err);
int place_scheme_save(Store *db, AllowScheme *p, Err *err);
/* Load data/placements/schemes.csv (matched by name), all or nothing. */
int place_scheme_load(Store *db, const char *zPath, int *pnRows, Err *err);
/* The allowance schemes the aid catalogue defines (published aids with a
** « stage-dans-territoire » condition and a monthly money benefit for the
** placement's length), saved as allowance schemes matched by name, all or
** nothing: each amount is defined once, in its .aid file (issue 13). */
int place_scheme_from_aids(Store *db, int *pnRows, Err *err);
/* Scheme sc pays a placement in département zDep at level zLevel on some
** day of [*pFrom, *pTo]: 1 with the days cut to its validity, else 0. */
int place_scheme_applies(const AllowScheme *sc, const char *zDep,
                         const char *zLevel, int *pFrom, int *pTo);

/* What one scheme owes for one assignment. */
typedef struct AllowLine AllowLine;
struct AllowLine {
  int64_t assignmentId, schemeId;
  const char *zSchemeName;
  int64_t monthlyCents;          /* the scheme's amount per full month */
  int64_t owedCents, paidCents;
  int iFrom, iTo;                /* days the scheme covers (validity cut) */
};
/* Every applicable scheme for assignment id: same département as the
** place's commune (or any), the trainee's level, validity overlapping the
** dates; owed computed by place_allowance_owed() on the covered days. */
int place_allowance_lines(Store *db, Arena *a, int64_t assignmentId,
                          AllowLine **pa, int *pn, Err *err);
/* Record a payment; refused (field "amount") when it exceeds what is
** still owed by that scheme for that assignment. */
int place_allowance_pay(Store *db, int64_t assignmentId, int64_t schemeId,
                        int64_t cents, const char *zPaidOn,
                        const char *zReference, int64_t *pId, Err *err);

/* One allowance payment, with the place of its assignment. */
typedef struct AllowPayment AllowPayment;
struct AllowPayment {
  int64_t id, assignmentId, schemeId, placeId;
  int64_t cents;
  const char *zPaidOn;           /* YYYY-MM-DD */
};
/* Payments on assignments to place placeId (0: every place), by date
** then id.  (Read by the plan's dashboard.) */
int place_allowance_payments(Store *db, Arena *a, int64_t placeId,
                             AllowPayment **pa, int *pn, Err *err);

/* ---- housing and vehicles --------------------------------------------- */
typedef struct Room Room;
struct Room {
  int64_t id, housingId;
  const char *zHousingName, *zCommune, *zLabel;
  int64_t rentCents;             /* per month */
};
/* Id of the housing named zName in commune zCode, or 0: a form sent twice
** finds the housing its first sending created. */
int64_t place_housing_find(Store *db, const char *zName, const char *zCode);
int place_housing_save(Store *db, int64_t *pId, const char *zName,
                       const char *zCommune, const char *zAddress, Err *err);
int place_room_save(Store *db, Room *p, Err *err);
int place_room_list(Store *db, Arena *a, Room **pa, int *pn, Err *err);
/* Rooms with no booking on any day of [iStart, iEnd]. */
int place_room_free_list(Store *db, Arena *a, int iStart, int iEnd,
                         Room **pa, int *pn, Err *err);

typedef struct Vehicle Vehicle;
struct Vehicle {
  int64_t id;
  const char *zLabel, *zPlate, *zCommune, *zNote;
};
int place_vehicle_save(Store *db, Vehicle *p, Err *err);
int place_vehicle_list(Store *db, Arena *a, Vehicle **pa, int *pn, Err *err);

/* A booking of a room or a vehicle by a trainee. */
typedef struct Booking Booking;
struct Booking {
  int64_t id, resourceId, traineeId;
  const char *zStartOn, *zEndOn;
  const char *zResource, *zTraineeName;   /* filled by reads */
};
/* Book a room (isVehicle 0) or a vehicle (1): dates valid, end >= start,
** and no other booking of that resource sharing a day: refused with the
** field "start_on" and the conflicting dates in the message. */
int place_book(Store *db, int isVehicle, Booking *p, Err *err);
/* Bookings of resources of one kind overlapping [iStart, iEnd]. */
int place_booking_list(Store *db, Arena *a, int isVehicle, int iStart,
                       int iEnd, Booking **pa, int *pn, Err *err);

/* ---- follow-up -------------------------------------------------------- */
typedef struct Outcome Outcome;
struct Outcome {
  int64_t traineeId;
  int isSettled;
  const char *zCommune, *zSettledOn, *zNote;
  const char *zCaseRef;          /* guichet unique reference (cases.h) or "" */
  int64_t aidCommitmentId;       /* aids commitment (aids.h), 0: none */
};
/* Record (replace) what became of a trainee.  A settled trainee needs a
** commune; a case reference must name a dossier of the guichet unique
** (field "case_ref") and a commitment must exist in the aids register
** (field "aid_commitment_id"). */
int place_outcome_save(Store *db, const Outcome *p, Err *err);
int place_outcome_get(Store *db, Arena *a, int64_t traineeId, Outcome *p,
                      Err *err);

/* Conversion per place or per semester: former trainees (an assignment
** ended before iToday), how many have a known outcome, how many settled. */
typedef struct Conversion Conversion;
struct Conversion {
  const char *zKey;              /* place id as text, or the semester */
  const char *zLabel;            /* structure and commune, or semester label */
  int nFormer, nKnown, nSettled;
  double pct;                    /* place_conversion_pct() */
};
int place_conversion(Store *db, Arena *a, int bySemester, int iToday,
                     Conversion **pa, int *pn, Err *err);

/* One former trainee (an assignment ended before iToday) with the last
** such placement and what is known of them. */
typedef struct FormerTrainee FormerTrainee;
struct FormerTrainee {
  int64_t traineeId;
  const char *zName;             /* "Léa Durand" */
  const char *zPlaceName;        /* structure of the last ended placement */
  const char *zSemester;         /* its semester */
  int isKnown;                   /* an outcome was recorded */
  Outcome outcome;               /* when isKnown */
};
/* Every former trainee, last placement first (newest end date), then by
** name. */
int place_former_list(Store *db, Arena *a, int iToday, FormerTrainee **pa,
                      int *pn, Err *err);

#endif
