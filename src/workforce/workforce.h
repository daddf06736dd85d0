/*
** workforce/workforce.h: practitioners (GPs) and their practice sites.
**
** Importers (registered with `oasis import` from above: wf_import_kinds,
** commands.c) and wf_load_inputs(), which adds the practitioners to the
** engine's inputs that territory/load.c loads.  Territory sits below and
** never includes this header.
*/
#ifndef OASIS_WORKFORCE_H
#define OASIS_WORKFORCE_H

#include <stdint.h>

#include "base/arena.h"
#include "base/cmd.h"
#include "base/err.h"
#include "store/store.h"
#include "territory/territory.h"

/* The official RPPS extract PS_LibreAcces_Personne_activite.txt ('|',
** trailing '|', columns found by header name: 52- and 56-column layouts).
** Keeps GPs (profession 10 with savoir-faire SM53 or a general-medicine
** label) with the site's commune and mode of exercise.  Vintage required. */
int wf_import_rpps(Store *db, const TerrImportOpts *o, Err *err);
/* A simple CSV: id, commune, optional birth year, activity, specialty
** (when a specialty column is present only GP rows are kept). */
int wf_import_practitioners(Store *db, const TerrImportOpts *o, Err *err);
/* For each site commune of vintage's practitioners (vintage 0: the latest
** imported), call xAdd(pArg, zCode, nDistinctPractitioners).  *pVintage
** and *pImportId get what was used (0 when nothing was imported).  A
** practitioner with sites in two communes counts in both. */
int wf_count_by_commune(Store *db, int vintage,
                        void (*xAdd)(void *, const char *, int), void *pArg,
                        int *pVintage, int64_t *pImportId, Err *err);
/* For each practice site of vintage's practitioners (0: the latest), call
** xSite(pArg, zCommune, idPractitioner, birthYear or 0, acts or NAN,
** TERR_SITE_* flags from the register). */
int wf_each_site(Store *db, int vintage,
                 void (*xSite)(void *, const char *, int64_t, int, double,
                               unsigned),
                 void *pArg, Err *err);
/* For each practitioner of the vintage of import idImport (the engine's
** TerrInputs.idPract) whose register entry holds an intended retirement
** date: xEach(pArg, id, year of the date). */
int wf_each_declared_retirement(Store *db, int64_t idImport,
                                void (*xEach)(void *, int64_t, int),
                                void *pArg, Err *err);
/* terr_load_inputs(), then, unless spec->practVintage < 0, practitioners
** per commune (aPract, idPract) and practice sites: the engine's inputs.
** 0, or < 0 with err (ERR_NOTFOUND: no practitioner for that vintage) and
** *out freed.  Free with terr_inputs_free(). */
int wf_load_inputs(Store *db, const TerrInputSpec *spec, TerrInputs *out,
                   Err *err);
/* The `oasis import` kinds of this module (rpps, practitioners), ended by a
** zero zKind: main.c adds them with terr_import_add_kinds(). */
extern const TerrImportKind wf_import_kinds[];
/* Hidden commands (test-terr-load: the inputs with practitioners). */
extern const Command wf_commands[];

/* True when a savoir-faire code or label designates general medicine. */
int wf_is_gp(const char *zCode, const char *zLabel);

/* ---- the register (register.c, rules.c) ------------------------------ */
/* The professions of the register.  zCode is the register's (and the API's)
** word, zRpps the RPPS "Code profession".  DREES publishes APL series for
** each, but its documented counting parameters (../shared/data/apl) are
** the GPs' only: every profession is counted with them (zParams says so). */
typedef struct WfProfession WfProfession;
struct WfProfession {
  const char *zCode;        /* "mg", "dentiste", ... */
  const char *zRpps;        /* "10", "40", "50", "60", "70" */
  const char *zLabel;       /* "Médecins généralistes" */
  const char *zParams;      /* French: which APL parameters apply */
};
#define WF_NPROF 5
extern const WfProfession wf_professions[WF_NPROF];
/* Profession by register code, or NULL. */
const WfProfession *wf_profession(const char *zCode);
/* Register code of an RPPS profession code, or NULL (not in the register). */
const char *wf_profession_of_rpps(const char *zRpps);

/* One person of the register.  Unknown numbers are KIT_UNSET-like: birth
** year 0, fte/acts NAN; unknown texts "".  Strings borrowed (arena). */
typedef struct WfPerson WfPerson;
struct WfPerson {
  int64_t id;
  const char *zRpps;
  const char *zProfession;  /* register code */
  const char *zLastName, *zFirstName;
  const char *zCommune, *zCommuneName;
  const char *zMode;        /* "L", "S", "B" or "" */
  const char *zSiteName;
  const char *zOrigin;      /* "rpps", "manuel" */
  const char *zMissingSince;/* "" while the extraction lists him */
  int64_t birthYear;        /* 0: unknown */
  double fte, acts;         /* NAN: unknown */
  const char *zRetireOn;    /* intended retirement YYYY-MM-DD, or "" */
  const char *zNewPatients; /* "oui", "non" or "" */
  const char *zCommune2, *zCommune2Name;
  int isNewLiberal, isCentre;
  const char *zUpdatedAt;
};

/* Yearly acts one person counts for the APL under the DREES rules (under
** 250 acts: 0; 250-3,600: 3,600; real up to 6,000; a new liberal: 5,400;
** salaried in a centre de santé: real, unbounded); activity unknown: the
** declared FTE times one average GP, else one average GP.  *pzRule gets
** the French rule applied (a literal).  Pure. */
double wf_counted_acts(const WfPerson *p, const char **pzRule);
/* Year the person leaves under retirement at retireAge (0: the declared
** date, else 67), 0 when nothing says (no birth year nor date). */
int wf_leaving_year(const WfPerson *p, int retireAge);

/* Read the register: every person of commune zCommune (main or second
** site; NULL: all), profession zProf (NULL: all), dep zDep (NULL: all),
** sorted by name, at most nMax (0: all), into an arena array.  *pn
** people. */
int wf_people_list(Store *db, Arena *a, const char *zCommune,
                   const char *zProf, const char *zDep, int nMax,
                   WfPerson **paOut, int *pn, Err *err);
/* The GPs still listed (of dep zDep, NULL: all) who leave by the end of
** lastYear: their declared date, else birth year + retireAge. */
int wf_people_leaving(Store *db, Arena *a, const char *zDep, int lastYear,
                      int retireAge, WfPerson **paOut, int *pn, Err *err);
/* For each person (of dep zDep or commune zCommune; NULL: all) the
** extraction still lists: xEach(pArg, profession, birth year or 0, declared
** retirement date or "").  Nothing is kept: a national register streams. */
int wf_people_each(Store *db, const char *zDep, const char *zCommune,
                   void (*xEach)(void *, const char *, int, const char *),
                   void *pArg, Err *err);
/* Person id into *p (arena strings): 0, ERR_NOTFOUND. */
int wf_person_get(Store *db, Arena *a, int64_t id, WfPerson *p, Err *err);
/* Insert a manual entry (p->id set) or update the team's columns of
** p->id (and the identity columns of a manual entry). */
int wf_person_save(Store *db, WfPerson *p, Err *err);
/* True when zCode is a commune (or arrondissement) of the database. */
int wf_commune_known(Store *db, const char *zCode);

/* Age bands of the pyramids: "moins de 30 ans", "30-34 ans" ... "70 ans et
** plus". */
#define WF_NBAND 10
extern const char *const wf_band_labels[WF_NBAND];
/* Band of an age. */
int wf_band(int age);
/* aMask[i] = 1 for the cells of a[0..n-1] the public must not see: counts
** from 1 to nMin - 1, and a second cell when one alone would be hidden
** (recoverable from the total).  Pure. */
void wf_mask(const int *a, int n, int nMin, unsigned char *aMask);

/* ---- the structures directory and patients without a GP (structures.c) */
extern const char *const wf_structure_kinds[];  /* code, label pairs, NULL */
/* French label of a structure kind (zKind itself when unknown). */
const char *wf_kind_label(const char *zKind);
/* FINESS extraction etalab-cs1100507-stock (Latin-1, ';', structureet and
** geolocalisation lines): keeps MSP, centres de santé, CPTS, pharmacies. */
int wf_import_finess(Store *db, const TerrImportOpts *o, Err *err);
/* Assurance Maladie-style CSV of patients without a médecin traitant:
** code commune or EPCI, patients, optional share; --vintage the year. */
int wf_import_no_gp(Store *db, const TerrImportOpts *o, Err *err);
/* Record (replace) the patients without a médecin traitant of a commune or
** EPCI (zLevel "commune" / "epci") for a year; share < 0: unknown. */
int wf_no_gp_save(Store *db, const char *zLevel, const char *zCode, int year,
                  long nPatients, double share, const char *zOrigin,
                  Err *err);

typedef struct WfStructure WfStructure;
struct WfStructure {
  int64_t id;
  const char *zFiness;      /* "" for a manual entry */
  const char *zKind;        /* wf_structure_kinds code */
  const char *zName;
  const char *zCommune, *zCommuneName;
  double fte;               /* GP FTE, NAN when unknown */
  const char *zOpenedOn;
  const char *zOrigin;      /* "finess", "manuel" */
  const char *zMissingSince;
  double lat, lon;          /* its commune's point (WGS84), NAN: none */
};
/* Structures of commune zCommune or département zDep (NULL: all). */
int wf_structures_list(Store *db, Arena *a, const char *zCommune,
                       const char *zDep, WfStructure **paOut, int *pn,
                       Err *err);
/* The FINESS import behind the directory (import_log id), 0: none. */
int64_t wf_structures_import_id(Store *db);
/* Insert a manual structure (p->id set). */
int wf_structure_save(Store *db, WfStructure *p, Err *err);

/* Latest patients without a médecin traitant of commune zCode, or of its
** EPCI: *pLevel "commune"/"epci", or 0 when none recorded. */
typedef struct WfNoGp WfNoGp;
struct WfNoGp {
  const char *zLevel;       /* NULL when nothing is recorded */
  const char *zCode;
  int year;
  long patients;
  double share;             /* NAN when unknown */
  const char *zOrigin;
};
int wf_no_gp_of_commune(Store *db, Arena *a, const char *zCode, WfNoGp *p,
                        Err *err);

/* Patients without a médecin traitant of a whole territory, for the plan's
** indicators: the latest year with a figure there, summed over its EPCI's
** figures and the figures of its communes whose EPCI has none that year. */
typedef struct WfNoGpArea WfNoGpArea;
struct WfNoGpArea {
  int year;                 /* 0: nothing recorded (« non renseigné ») */
  long patients;
  double share;             /* of the people aged 17+; NAN unless every
                            ** figure summed gives its share */
  int nCommune, nEpci;      /* figures summed */
  const char *zOrigin;      /* "import", "manuel", "import et manuel" */
  const char *zUpdatedOn;   /* latest change, YYYY-MM-DD */
};
/* Over the départements of zDepJson (TerrScope.zJson: ["41","37"]; NULL:
** every one).  An EPCI is counted whole when one of its communes lies
** inside. */
int wf_no_gp_of_territory(Store *db, Arena *a, const char *zDepJson,
                          WfNoGpArea *p, Err *err);

/* ---- the departure effect, filled from above (app/compose.c) --------- */
/* What removing fte average GPs in commune zCommune does to the commune
** of its catchment that suffers most: official DREES APL (when imported)
** plus the simulated effect. */
typedef struct WfEffect WfEffect;
struct WfEffect {
  int isAvailable;          /* 0: the model is not built (zWhy says) */
  const char *zWhy;
  char zCode[16];           /* the commune that drops most / below */
  double aplBase;           /* official APL, else the estimate */
  int isOfficial;           /* aplBase is the DREES figure */
  double aplAfter;          /* aplBase + simulated effect */
  double threshold;         /* sous-dense threshold (2.5) */
  int vintage;
};
typedef int (*WfEffectFn)(Store *db, const char *zCommune, double fte,
                          WfEffect *out);
void wf_set_effect_fn(WfEffectFn x);
WfEffectFn wf_effect_fn(void);
/* Called after every write of the register (the observatory drops its
** snapshots, which read birth years and acts). */
void wf_set_changed_fn(void (*x)(void));

#endif
