/*
** territory/lookup.h: read-only questions the observatory pages ask of the
** territory tables: one place by code, the children of a place, names, and
** a search by commune name or postal code.
**
** Every result lives in the Arena the caller passes (the request arena in
** a handler): nothing to free one by one.  No figures are computed here
** beyond the census population imported with the communes; indicators
** come from the observatory model (observatory/obs.h).
*/
#ifndef OASIS_TERRITORY_LOOKUP_H
#define OASIS_TERRITORY_LOOKUP_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

typedef enum LkLevel {
  LK_FRANCE = 0,
  LK_REGION = 1,
  LK_DEPARTEMENT = 2,
  LK_EPCI = 3,
  LK_COMMUNE = 4
} LkLevel;

/* One territory.  Strings are never NULL ("" when unknown). */
typedef struct LkPlace LkPlace;
struct LkPlace {
  LkLevel level;
  const char *zCode;        /* INSEE code, or SIREN for an EPCI */
  const char *zName;
  const char *zType;        /* commune: COM/ARM; EPCI: CC, CA, CU, METRO… */
  const char *zParent;      /* ARM: its commune */
  const char *zDep;         /* commune: its département */
  const char *zReg;         /* commune, département: its région */
  const char *zEpci;        /* commune: its EPCI (SIREN) */
  const char *zPostal;      /* commune: space-separated postal codes */
  double lat, lon;          /* commune: WGS84 point, NaN when unknown */
  double areaKm2;           /* commune: NaN when unknown */
  int64_t population;       /* municipal population (sum for groups);
                            ** -1 when unknown */
  int nChild;               /* groups: communes (EPCI, département) or
                            ** départements (région) */
};

/* *pOut = the place of that level and code.  0, or ERR_NOTFOUND (err
** names the code), or ERR_DB. */
/* The name of commune zCode ("" for an empty code; the code itself when
** unknown), in arena a: the label pages show beside a code. */
const char *lookup_commune_name(Store *db, Arena *a, const char *zCode);
int lookup_place(Store *db, Arena *a, LkLevel level, const char *zCode,
                 LkPlace *pOut, Err *err);

/* The children shown below a place, sorted by name: régions of France,
** départements of a région, communes (COM) of a département or an EPCI,
** arrondissements of Paris, Lyon, Marseille (level LK_COMMUNE).  Returns
** the count (*paOut from a) or < 0 with err. */
int lookup_children(Store *db, Arena *a, LkLevel level, const char *zCode,
                    LkPlace **paOut, Err *err);

/* EPCIs with at least one member commune in département zDep, sorted by
** name; nChild counts their members in that département. */
int lookup_epcis_of_dep(Store *db, Arena *a, const char *zDep,
                        LkPlace **paOut, Err *err);

/* Communes (COM and ARM) whose name or postal code matches zQuery,
** best first: exact code or postal code, then names equal, starting with,
** then containing the query, ignoring case, accents, hyphens and
** apostrophes; ties by population.  At most nMax.  Returns the count. */
int lookup_search(Store *db, Arena *a, const char *zQuery, int nMax,
                  LkPlace **paOut, Err *err);

/* zIn folded for comparisons: lower case, accents of Latin letters
** removed, any run of spaces, hyphens or apostrophes as one space, trimmed.
** From a.  Pure (exported for tests). */
char *lookup_fold(Arena *a, const char *zIn);

/* Health equipment of a commune counted by the INSEE BPE (equipment
** table), for the latest vintage imported. */
typedef struct LkEquipment LkEquipment;
struct LkEquipment {
  const char *zKind;        /* BPE type, e.g. "D113" */
  const char *zLabel;       /* French, e.g. "maison de santé
                            ** pluridisciplinaire"; the type when unknown */
  int n;
  int vintage;
  const char *zFile;        /* imported file (provenance) */
};
/* The non-zero counts of commune zCode, in BPE type order; *pVintage is
** the BPE vintage consulted, 0 when none was imported.  Returns the count
** (*paOut from a) or < 0 with err. */
int lookup_equipment(Store *db, Arena *a, const char *zCode,
                     LkEquipment **paOut, int *pVintage, Err *err);

/* French label of a level: "région", "département", "EPCI", "commune". */
const char *lookup_level_label(LkLevel level);

#endif
