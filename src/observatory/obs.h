/*
** observatory/obs.h: the observatory's data side, the contract between
** the computations (model.c results.c scenario.c siting.c forecast.c
** export.c contours.c api.c) and the pages (pages_*.c).
**
** The central object is the ObsModel: one loaded, immutable, refcounted
** snapshot per key (population vintage, supply source, parameters):
** the loader's arrays (territory.h), the transposed catchment graph, the
** APL and indicators of every commune, population-weighted aggregates per
** EPCI / département / région / France, and the provenance of the inputs.
** It is built on first use, cached, shared by every thread; an import
** (a new import_log row) makes the next obs_model_get() build a new one
** and swap the pointer, while holders of the old one keep it until they
** release it.  Nothing here writes HTML.
**
** Everything a page shows comes from here, so pages and the JSON API show
** the same figures.  French texts (zone names, provenance) are ready to
** print; escaping is the caller's job.
*/
#ifndef OASIS_OBSERVATORY_OBS_H
#define OASIS_OBSERVATORY_OBS_H
#include <stddef.h>
#include <stdint.h>

#include "access/access.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/str.h"
#include "store/store.h"
#include "territory/territory.h"
#include "web/export.h"
#include "web/web.h"
#include "workforce/workforce.h"
#include "zoning/zoning.h"

/* ---- keys and levels -------------------------------------------------- */

/* Territory levels, largest first. */
typedef enum ObsLevel {
  OBS_FRANCE = 0,
  OBS_REGION = 1,
  OBS_DEPARTEMENT = 2,
  OBS_EPCI = 3,
  OBS_COMMUNE = 4
} ObsLevel;

/* "france", "region", "departement", "epci", "commune" (API words);
** obs_level_parse() returns -1 when unknown. */
const char *obs_level_name(ObsLevel lvl);
int obs_level_parse(const char *z, ObsLevel *pLevel);
/* French label: "France", "Région", "Département", "EPCI", "Commune". */
const char *obs_level_label(ObsLevel lvl);

/* Supply source meaning "the practitioners table" rather than a
** supply_count series. */
#define OBS_SUPPLY_PRACTITIONERS "praticiens"
/* The default supply source: the SIRENE 86.21Z proxy of the default
** database. */
#define OBS_SUPPLY_DEFAULT "generaliste"

/* What a snapshot is computed from. */
typedef struct ObsKey ObsKey;
struct ObsKey {
  int vintage;              /* population vintage (2022, 2023) */
  char zSupply[32];         /* supply_count source or OBS_SUPPLY_PRACTITIONERS */
  AccParams params;         /* engine parameters (access.h) */
};

/* Default key: vintage 2022, supply OBS_SUPPLY_DEFAULT,
** acc_params_default(). */
void obs_key_default(ObsKey *k);
/* Fill k from optional strings (NULL: keep k's value): vintage ("2022"),
** supply source, tMax minutes, decay word.  ERR_INPUT with err->zField
** naming "vintage", "supply", "tmax" or "decay" when one is bad. */
int obs_key_parse(ObsKey *k, const char *zVintage, const char *zSupply,
                  const char *zTmax, const char *zDecay, Err *err);
/* Same key (every field that changes a result)? */
int obs_key_equal(const ObsKey *a, const ObsKey *b);
/* Short stable text of the parameters: "drees, 20 min, 50 km/h, détour
** 1.3, seuils 2.5/4, 4500 actes" (appended to s). */
void obs_key_describe(const ObsKey *k, Str *s);

/* The key of the stored default run of vintage (0: the newest vintage
** with one) into k; ERR_NOTFOUND (k = obs_key_default, with vintage
** when given) when none was stored. */
int obs_key_stored_default(Store *db, int vintage, ObsKey *k);
/* Counts source: set k's actsPerPractitioner so that the national supply
** equals the DREES reference total sum(APL * pop) of refVintage (the
** SIRENE proxy counts establishments, not GPs: docs/apl.md section 5). */
int obs_key_calibrate(Store *db, ObsKey *k, int refVintage, Err *err);

/* Population vintages present in the database, newest first, into
** a[0..nCap-1]; how many exist. */
int obs_vintages(Store *db, int *a, int nCap);

/* ---- the snapshot ----------------------------------------------------- */

/* One territory of any level with its population-weighted aggregates. */
typedef struct ObsArea ObsArea;
struct ObsArea {
  ObsLevel level;
  char zCode[16];           /* "84", "24", "200069052", "" for France */
  char *zName;              /* "Auvergne-Rhône-Alpes" */
  int iParent;              /* area index of the région of a département,
                            ** the département of an EPCI (its first
                            ** commune's), France for a région; -1 */
  int nCommune;             /* communes (nodes) in it */
  double pop;               /* standardised population */
  double popTotal;          /* total population (0 when unknown) */
  double apl;               /* estimation oasis: sum(P_i APL_i) / sum(P_i);
                            ** 0 when no pop */
  double aplRef;            /* official: the communes' DREES APL weighted by
                            ** the DREES standardised population; NaN */
  double popRef;            /* that weight's sum over communes with an APL */
  double count;             /* practitioners (or supply count) */
  double density;           /* 10,000 * count / popTotal (or pop) */
  int aZoneN[3];            /* communes per class of zoning_of(): [0]
                            ** priority (ZIP, sous-dense indicatif), [1]
                            ** complementary, [2] none (obs_zone_index) */
  double aZonePop[3];       /* standardised population per such class */
  double aplMin, aplMax;    /* over its communes with population */
};

/* How our estimate agrees with the DREES table (official.c). */
typedef struct ObsAgreement ObsAgreement;
struct ObsAgreement {
  int n;                    /* communes with both values and population */
  double pearson;           /* correlation of the two APL; NaN */
  double meanAbsDiff;       /* mean |estimate - DREES| */
  double sameClass;         /* share with the same indicative class */
};

typedef struct ObsModel ObsModel;
struct ObsModel {
  ObsKey key;
  TerrInputs in;            /* nodes: codes, names, points, pop, supply */
  int n;                    /* = in.n, communes (nodes) */
  AccGraph *pGraph;         /* transposed (acc_graph_transpose) */
  double *aCount;           /* [n] supply in practitioners / count units */
  double *aSupply;          /* [n] supply in acts, as computed */
  double *aApl;             /* [n] */
  double *aRatio;           /* [n] R_j of step 1 */
  double *aDemandReach;     /* [n] */
  AccCommune *aCommune;     /* [n] per-commune indicators */
  int *aRank;               /* [n] 1 = lowest APL among communes with pop */
  int nRanked;              /* communes with population (rank range) */
  /* Practitioners' ages, from the practitioners table (0 otherwise). */
  int hasAges;              /* some practitioner has a birth year */
  double *aPract60;         /* [n] GPs aged 60+ in the vintage year, or NULL */
  double *aPractAged;       /* [n] GPs with a known birth year, or NULL */
  /* The official layer (official.c): what pages show first.  aZone[i] is
  ** zoning_of() of commune i (official arrêté, else indicative class of
  ** the latest DREES APL, never our model), aAplRef[i] its official DREES
  ** APL (= aZone[i].apl, NaN when the DREES publishes none). */
  ZoneInfo *aZone;          /* [n] */
  double *aAplRef;          /* [n] */
  double *aPopRef;          /* [n] DREES standardised population (else
                            ** ours): the weight of official means */
  int refVintage;           /* newest DREES vintage, 0 when none */
  double refMean;           /* national DREES mean of refVintage, all ages,
                            ** weighted by its standardised population */
  double refMeanUnder65;    /* the same for the "moins de 65 ans" series */
  ObsAgreement agree;       /* aApl (estimation oasis) against aAplRef */
  /* Areas: [0] France, then régions, départements, EPCI, each block
  ** sorted by code; communes are not areas (use the node index). */
  int nArea;
  ObsArea *aArea;
  int *aNodeReg;            /* [n] area index, -1 when unknown */
  int *aNodeDep;            /* [n] */
  int *aNodeEpci;           /* [n] */
  /* Provenance: French lines "population : apl_mg_2022_communes.csv
  ** (sha256 5da18241…, 34964 lignes, 2026-…)", one per input, and the
  ** parameters; ready to print. */
  char *zProvenance;
  int64_t idLastImport;     /* max(import_log.id) when built */
  int64_t idRun;            /* stored apl_run id, 0 when not stored */
  double tLoad, tBuild, tApl; /* seconds: loader, graph, APL pass */
  /* private */
  int nRef;
  void *pPriv;
};

/*
** The snapshot for key k (NULL: the stored default run's key, else
** obs_key_default), built on first use and
** cached: the caller holds a reference until obs_model_release().  Built
** again when an import happened since (max import_log id changed).
** Thread-safe; db is the calling thread's connection.  NULL with err
** (ERR_NOTFOUND naming the vintage or source) when the inputs are absent.
*/
ObsModel *obs_model_get(Store *db, const ObsKey *k, Err *err);
void obs_model_release(ObsModel *m);
/* Build an uncached snapshot (CLI, tests); free with obs_model_release(). */
ObsModel *obs_model_build(Store *db, const ObsKey *k, Err *err);
/* Drop every cached snapshot (holders keep theirs). */
void obs_model_flush(void);

/* Node index of commune zCode (aliases followed: old and déléguée codes
** go to their commune), or -1. */
int obs_node_find(const ObsModel *m, const char *zCode);
/* Area index of (lvl, zCode) (OBS_FRANCE: zCode ignored), or -1.  For
** OBS_COMMUNE use obs_node_find. */
int obs_area_find(const ObsModel *m, ObsLevel lvl, const char *zCode);
/* Node indexes of the communes in area iArea, sorted by code, into a
** malloc'd array *paNode (caller frees); their count. */
int obs_area_nodes(const ObsModel *m, int iArea, int **paNode);
/* Area indexes of the children of area iArea (régions of France,
** départements of a région, EPCI with a commune in a département), sorted
** by code, malloc'd into *paArea; their count. */
int obs_area_children(const ObsModel *m, int iArea, int **paArea);

/* Indicators a map or a table can show, per commune or area. */
typedef enum ObsIndicator {
  OBS_IND_APL = 0,          /* official DREES APL (aAplRef) */
  OBS_IND_DENSITY = 1,      /* GPs per 10,000 inhabitants */
  OBS_IND_SHARE60 = 2,      /* share of GPs aged 60+ (NaN: ages unknown) */
  OBS_IND_ZONE = 3,         /* obs_zone_index of zoning_of() (areas: the
                            ** indicative class of their official APL) */
  OBS_IND_POPULATION = 4,   /* standardised population */
  OBS_IND_CHANGE = 5,       /* estimate's change from another vintage
                            ** (NaN: none) */
  OBS_IND_ESTIMATE = 6      /* APL, estimation oasis (aApl) */
} ObsIndicator;
/* "apl", "densite", "part60", "zone", "population", "evolution",
** "apl_estimation";
** obs_indicator_parse() returns -1 when unknown. */
const char *obs_indicator_name(ObsIndicator ind);
int obs_indicator_parse(const char *z, ObsIndicator *pInd);
/* French label with unit: "APL (consultations/hab./an)". */
const char *obs_indicator_label(ObsIndicator ind);
/* Value of an indicator for node i (pOther: the snapshot of the other
** vintage for OBS_IND_CHANGE, else NULL); NaN when not available. */
double obs_node_value(const ObsModel *m, const ObsModel *pOther,
                      ObsIndicator ind, int i);
double obs_area_value(const ObsModel *m, const ObsModel *pOther,
                      ObsIndicator ind, int iArea);

/* Practitioners (supply count units) practising in the communes that
** commune i reaches within tMax, itself included; *pnCommune (may be
** NULL) gets how many such communes have some. */
double obs_node_count_in_reach(const ObsModel *m, int i, int *pnCommune);

/* Class index of a zoning_of() answer for badges and shares: 0 priority,
** 1 complementary, 2 none, -1 unknown (official.c). */
int obs_zone_index(const ZoneInfo *z);
/* « APL officielle + effet simulé » of commune i: its official DREES APL
** plus (aplEstimate - aApl[i]), the effect our engine computes, floored at
** 0; NaN when the DREES publishes no value for i. */
double obs_anchored(const ObsModel *m, int i, double aplEstimate);
/* "sous-dense (indicatif)"… of an APL value against p's thresholds; ""
** for NaN.  Static. */
const char *obs_zone_indicative(const AccParams *p, double apl);
/* The official figures of a set of départements (the instance's
** territory, territory/scope.h), counted over their communes only. */
typedef struct ObsScopeFigures ObsScopeFigures;
struct ObsScopeFigures {
  int nDep;                 /* départements of the set found in m */
  int aArea[32];            /* their area indexes */
  int nCommune;
  double pop;               /* standardised population */
  double aplRef;            /* DREES APL weighted as the areas'; NaN */
  double sharePriority;     /* share of pop in a priority class; NaN */
};
/* Fill f for azDep[0..nDep-1] (unknown codes skipped). */
void obs_scope_figures(const ObsModel *m, const char *const *azDep, int nDep,
                       ObsScopeFigures *f);
/* French sentence of m->agree, the estimate's validation figure. */
void obs_agreement_describe(const ObsModel *m, Str *s);

/* ---- stored runs (results.c) ------------------------------------------ */

/*
** Store m as a run: one apl_run row (key, parameters, provenance, import
** ids, time) and one apl_result row per commune; when isDefault, the run
** becomes the default of its vintage.  One transaction.  Sets m->idRun
** and *pId.  (No zone class is stored under an official name: classes
** come from zoning_of() alone, migration 036 dropped commune_zone.)
*/
int obs_run_store(Store *db, ObsModel *m, int isDefault, int64_t *pId,
                  Err *err);

/* Recompute every stored default run with its own key from the current
** data and store it again: what to run after an
** import.  *pnRun gets how many were refreshed. */
int obs_runs_refresh(Store *db, int *pnRun, Err *err);

/* APL of one commune in the default run of each stored vintage. */
typedef struct ObsHistory ObsHistory;
struct ObsHistory {
  int vintage;
  double apl;
  int zone;
  double pop;
  int64_t idRun;
};
/* Default runs' values for commune zCode, oldest first, into
** a[0..nCap-1]; how many exist. */
int obs_history(Store *db, const char *zCode, ObsHistory *a, int nCap);
/* The DREES reference APL of zCode for vintage (apl_reference), in *pApl;
** 0, or ERR_NOTFOUND. */
int obs_reference_apl(Store *db, const char *zCode, int vintage,
                      double *pApl);

/* ---- what if (scenario.c) --------------------------------------------- */

/* One change: FTE added (fte > 0) or removed (fte < 0) in a commune, or
** an antenna opened there with fte FTE (fte > 0). */
typedef struct ObsChange ObsChange;
struct ObsChange {
  char zCode[16];           /* INSEE code */
  double fte;
  int isAntenna;
  char zStructure[16];      /* "msp", "centre_sante": a structure opened
                            ** with fte GPs; "": a plain change */
};
/* Is zKind a structure a what-if can open ("msp", "centre_sante")? */
int obs_structure_known(const char *zKind);

/* A commune whose APL changed. */
typedef struct ObsDelta ObsDelta;
struct ObsDelta {
  int iNode;
  double aplBefore, aplAfter; /* estimation oasis, before and after */
  double refBefore, refAfter; /* « APL officielle + effet simulé »: the
                            ** official DREES APL, and it plus the effect
                            ** (aplAfter - aplBefore); NaN when the DREES
                            ** publishes no value for the commune */
  int zoneBefore, zoneAfter; /* indicative ACC_ZONE_* of refBefore and
                            ** refAfter, -1 when NaN */
};

typedef struct ObsWhatIf ObsWhatIf;
struct ObsWhatIf {
  int nRecomputed;          /* demand nodes the engine recomputed */
  double seconds;           /* engine time of the incremental update */
  int nDelta;               /* communes whose APL changed, by |change| desc */
  ObsDelta *aDelta;
  int nZoneChanged;         /* of them, communes whose indicative class
                            ** (official APL + effect) changed */
  double popLifted;         /* standardised population leaving sous-dense */
  double popLowered;        /* population entering sous-dense */
};

/*
** Apply aChange[0..nChange-1] to m's supply (summed per commune) and
** recompute incrementally (acc_apl_update); m is not modified.  Refused
** with ERR_INPUT and err->zField "changes[K].code" (unknown commune),
** "changes[K].structure" (unknown kind) or "changes[K].fte" (non-finite,
** zero antenna or structure, or a resulting FTE below 0 in that
** commune).  Free out with obs_whatif_free().
*/
int obs_whatif_run(const ObsModel *m, const ObsChange *aChange, int nChange,
                   ObsWhatIf *out, Err *err);
void obs_whatif_free(ObsWhatIf *w);
/* Parse a change's number as written by a user ("1", "-0,5", "2.5"):
** 0, or ERR_INPUT with err->zField = zField. */
int obs_fte_parse(const char *z, const char *zField, double *pFte, Err *err);

/* A saved, named scenario. */
typedef struct ObsScenario ObsScenario;
struct ObsScenario {
  int64_t id;
  char *zName;
  char *zAuthor;            /* login, or NULL */
  char *zCreated;           /* ISO 8601 UTC */
  ObsKey key;
  int nChange;
  ObsChange *aChange;
};
/*
** Validate (as obs_whatif_run against m) and save a scenario in one
** transaction: nothing is written when any change is refused.  zName
** non-empty (err->zField "name").  *pId gets its id.
*/
int obs_scenario_save(Store *db, const ObsModel *m, const char *zName,
                      const char *zAuthor, const ObsChange *aChange,
                      int nChange, int64_t *pId, Err *err);
/* Load scenario id into *out (free with obs_scenario_clear); 0 or
** ERR_NOTFOUND. */
int obs_scenario_load(Store *db, int64_t id, ObsScenario *out, Err *err);
void obs_scenario_clear(ObsScenario *s);
/* Every saved scenario (changes not loaded: nChange counts them), newest
** first, into a malloc'd array; free with obs_scenario_list_free. */
int obs_scenario_list(Store *db, ObsScenario **pa);
void obs_scenario_list_free(ObsScenario *a, int n);
/* Delete scenario id; 0 or ERR_NOTFOUND. */
int obs_scenario_delete(Store *db, int64_t id, Err *err);

/* ---- where to act first (siting.c) ------------------------------------ */

/* Communes named in a pick's reasons. */
#define OBS_SITE_NAMED 4
/* The smallest catchment a candidate site may have: standardised
** inhabitants within reach, weighted by the decay (sum w(t) P), about
** what four GPs serve at the national mean APL (docs/observatoire.md). */
#define OBS_SITING_MIN_CATCHMENT 5000.0

/* What siting optimises, in French, for pages and answers. */
#define OBS_SITING_OBJECTIVE                                                 \
  "classer les communes par la population standardisée de leur bassin "     \
  "(communes du territoire à portée) que le site fait passer au-dessus du "  \
  "seuil "                                                                   \
  "sous-dense, sur l'APL officielle DREES + l'effet simulé par oasis ; "     \
  "à égalité, par la baisse du déficit d'accès ; seules les communes dont "  \
  "le bassin compte au moins 5 000 habitants (population standardisée "      \
  "pondérée par le temps de trajet) sont candidates"

typedef struct ObsSitePick ObsSitePick;
struct ObsSitePick {
  int iNode;                /* commune chosen */
  double popLifted;         /* standardised population of the catchment
                            ** lifted above the sous-dense threshold by
                            ** this pick (official APL + simulated effect) */
  double shortfallCut;      /* reduction of sum P_i max(0, seuil - APL_i) */
  double aplBefore, aplAfter; /* official APL + effect, of the commune */
  double catchment;         /* its catchment population (sum w(t) P) */
  int nZoneChanged;         /* communes leaving sous-dense with this pick */
  int aLifted[OBS_SITE_NAMED]; /* the first of them (nodes) */
};

/*
** Choose k communes among the candidates of area iArea (a département,
** EPCI or région of m) for fte more FTE each (1: one more GP; N: an
** antenna of N FTE), greedily: each pick maximises popLifted (then
** shortfallCut, then the lower code), gains recomputed incrementally
** after each pick.  aOut[0..k-1]; returns picks made (fewer when no
** candidate helps any more) or < 0 with err.
*/
int obs_siting_run(const ObsModel *m, int iArea, double fte, int k,
                   ObsSitePick *aOut, Err *err);
/* Why pick p is there, in French (catchment, communes lifted by name,
** the commune's official APL before and after), appended to s. */
void obs_site_reason(const ObsModel *m, const ObsSitePick *p, Str *s);
/* May commune j be a candidate (catchment of OBS_SITING_MIN_CATCHMENT)? */
int obs_siting_candidate(const ObsModel *m, int j);
/* Every candidate of area iArea ranked for one pick of fte FTE (best
** first), malloc'd into *paOut (caller frees); their count or < 0. */
int obs_siting_rank(const ObsModel *m, int iArea, double fte,
                    ObsSitePick **paOut, Err *err);
/* The same ranking by the naive method (full recompute per candidate);
** for tests and bench.  Same results. */
int obs_siting_naive(const ObsModel *m, int iArea, double fte, int k,
                     ObsSitePick *aOut, Err *err);

/* ---- forecasts (forecast.c) ------------------------------------------- */

typedef struct ObsForecast ObsForecast;
struct ObsForecast {
  int hasAges;              /* 0: ages unknown (e.g. the SIRENE proxy) */
  int retireAge;            /* practitioners leave at this age */
  int aYears[2];            /* 5, 10 */
  int aYear[2];             /* vintage + 5, vintage + 10 */
  double *aApl[2];          /* [n] projected APL, NULL when !hasAges */
  double aLeaving[2];       /* practitioners gone by then (national) */
  int nAgeKnown, nAgeUnknown; /* practitioners (sites) */
  int nDeclared;            /* practitioners with a declared date */
  int aGoneDeclared[2];     /* practitioners gone by then: on their date */
  int aGoneAssumed[2];      /* ... at retireAge (no date declared) */
  char *zNote;              /* French sentence saying what was assumed, or
                            ** "âges des praticiens inconnus : ..." */
};
/* Project m's APL 5 and 10 years ahead: a practitioner leaves the year of
** the retirement date the team declared in the register (read from db;
** NULL: none), else at retireAge (practitioners with neither birth year
** nor date are kept).  Free with obs_forecast_free. */
int obs_forecast_run(Store *db, const ObsModel *m, int retireAge,
                     ObsForecast *out, Err *err);
void obs_forecast_free(ObsForecast *f);
/* Default retirement age (67), overridable by setting
** "obs.retire_age". */
#define OBS_RETIRE_AGE_DEFAULT 67

/* ---- exports (export.c) ----------------------------------------------- */

/* "csv", "xlsx", "geojson" (web/export.h's names; "json" is refused
** here): 0, or -1 when unknown. */
int obs_format_parse(const char *z, ExpFormat *pFmt);

/* A view as an export table (web/export.h) and its file's base name. */
typedef struct ObsExport ObsExport;
struct ObsExport {
  ExpTable *t;              /* owned: obs_export_free() */
  char zBase[96];           /* "apl-departement-24-2022" (exp_reply adds
                            ** the format's extension) */
};
void obs_export_free(ObsExport *x);

/*
** The communes of area iArea (0: France) with their indicators (code,
** nom, apl, zone, rang, population, effectif, densite_10000, offre,
** demande, + apl_avant/apl_apres/zone_avant/zone_apres when pWhatIf).
** Provenance lines: zNote's (the changes of an unsaved what-if, one per
** line; NULL: none), then the model's.  Geometries (the contours, else
** the commune's point) only when fmt is EXP_GEOJSON.  0, or
** ERR_NOTFOUND when iArea is no area.
*/
int obs_export_communes(const ObsModel *m, int iArea,
                        const ObsWhatIf *pWhatIf, const char *zNote,
                        ExpFormat fmt, ObsExport *out, Err *err);
/* The child areas of iArea (régions of France, départements of a région,
** EPCI of a département) with their aggregates (no geometry). */
int obs_export_areas(const ObsModel *m, int iArea, ObsExport *out, Err *err);
/* A siting ranking (communes, gains, APL before/after). */
int obs_export_siting(const ObsModel *m, int iArea, double fte,
                      const ObsSitePick *a, int n, ExpFormat fmt,
                      ObsExport *out, Err *err);

/* ---- contours (contours.c) -------------------------------------------- */

/*
** GeoJSON FeatureCollection text of: the régions of France (OBS_FRANCE,
** zCode ignored), the départements of région zCode (OBS_REGION), or the
** communes of département zCode (OBS_DEPARTEMENT).  Features carry
** properties {code, nom}.  Read once from $OASIS_DATA_DIR/geo (zlib +
** Jansson), indexed by code, cached for the process; borrowed, valid
** until exit.  NULL with ERR_NOTFOUND when the code is unknown, or
** ERR_IO with a French message ("contours indisponibles : …") when the
** files are missing; never crashes.  Thread-safe.
*/
const char *obs_contours(ObsLevel lvl, const char *zCode, size_t *pn,
                         Err *err);

/* ---- sources from the modules above (the centres de santé) ------------
** The observatory sits below the modules that run care sites (centres/,
** layer 6), yet counts their salaried doctors as supply and shows their
** sites on its commune-level pages.  The arrow stays down: such a module
** fills an ObsSource and the composition root installs it at start
** (obs_source_set); without one the observatory counts no extra supply
** and shows no site. */

/* Supply a source adds in one commune on a day. */
typedef struct ObsExtraSupply ObsExtraSupply;
struct ObsExtraSupply {
  const char *zCommune;     /* INSEE code */
  double fte;               /* doctors' FTE working there on the day */
  int nSite;                /* open sites in the commune */
};

/* A site open on a day, shown under the maps (texts ready to escape). */
typedef struct ObsSite ObsSite;
struct ObsSite {
  const char *zName;
  const char *zHref;        /* its page, e.g. "/centres/sites/12" */
  const char *zOwner;       /* the structure running it, "" when none */
  const char *zKind;        /* "site principal", "antenne" */
  const char *zCommune;     /* INSEE code */
  double fte;               /* doctors' FTE */
  int isIllustrative;       /* placed at an indicative address */
  const char *zServices;    /* "consultations, visites à domicile", "" */
};

typedef struct ObsSource ObsSource;
struct ObsSource {
  /* Per commune, what is open on day iDay (days since 1970-01-01) into
  ** *pa (arena a): 0, or < 0 with err. */
  int (*xSupply)(Store *db, Arena *a, int iDay, ObsExtraSupply **pa,
                 int *pn, Err *err);
  /* The sites open on day iDay into *pa (arena a): 0, or < 0 with err. */
  int (*xSites)(Store *db, Arena *a, int iDay, ObsSite **pa, int *pn,
                Err *err);
  const char *zMapUrl;      /* GeoJSON of the sites for obs-map.js */
};

/* Install the source (NULL: none).  Call once at start, before serving
** or computing: it is read without a lock. */
void obs_source_set(const ObsSource *p);
/* The source installed, or NULL. */
const ObsSource *obs_source(void);

/* ---- JSON API (api.c) -------------------------------------------------- */

/* forecast.c: what removing fte average GPs in commune zCommune does to
** its catchment (official DREES APL plus the simulated effect), for the
** workforce register's radar; app/compose.c hands it to wf_set_effect_fn. */
int obs_departure_effect(Store *db, const char *zCommune, double fte,
                         WfEffect *out);

#endif
