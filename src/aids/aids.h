/*
** aids/aids.h: the aids module's contract — the aid catalogue, the
** eligibility and cumulation simulator, and the commitments register.
**
** Layers (STYLE.md 2.1):
**   aidfile.c   the catalogue file format: parse and write (pure, no SQL)
**   catalog.c   catalogue in SQLite, places from `communes` and zoning_of()
**   simulate.c  eligibility, money, cumulation (pure: no SQL, no output)
**   money.c     month-by-month amounts and the best combination (pure)
**   commit.c    commitments: repayment arithmetic (pure) and register (SQL)
**   json.c      a simulation as JSON (Jansson), shared by CLI and API
**   cli.c       `oasis aids …`, `oasis test-bench-aids`
**
** A catalogue (AidCatalog) owns every string of its schemes in one arena;
** a simulation result (AidSim) lives in an arena the caller gives.
*/
#ifndef OASIS_AIDS_H
#define OASIS_AIDS_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/str.h"
#include "store/store.h"

/* ---- enumerations (bit masks where a scheme lists several) ------------- */

enum { AID_MG, AID_SPE, AID_DENT, AID_SF, AID_IDE, AID_MK, AID_PARA,
       AID_NPROF };                               /* professions */
enum { AID_ETUDIANT, AID_INTERNE, AID_DOCJR, AID_REMPLACANT, AID_LIBERAL,
       AID_SALARIE, AID_MIXTE, AID_NSTATUS };     /* statuses */
enum { AID_MODE_LIBERAL, AID_MODE_SALARIE, AID_MODE_MIXTE, AID_NMODE };
enum { AID_PORTEUR_COMMUNE, AID_PORTEUR_EPCI, AID_PORTEUR_DEP,
       AID_PORTEUR_REG, AID_PORTEUR_ETAT, AID_PORTEUR_ARS, AID_PORTEUR_AM,
       AID_PORTEUR_AUTRE, AID_NPORTEUR };
enum { AID_DRAFT, AID_PUBLISHED, AID_ARCHIVED, AID_NSTATE };
/* Zone classes of a commune (observatory, from APL).  0 means unknown. */
enum { AID_ZONE_UNKNOWN, AID_ZONE_ZIP, AID_ZONE_ZAC, AID_ZONE_HORS,
       AID_NZONE };
/* Territory levels of a territory code. */
enum { AID_TERR_COMMUNE, AID_TERR_EPCI, AID_TERR_DEP, AID_TERR_REG,
       AID_TERR_FRANCE, AID_NTERR };
enum { AID_COND_YEAR_MIN,       /* iValue: year of study >= */
       AID_COND_YEAR_MAX,       /* iValue: year of study <= */
       AID_COND_PASS_LAS,       /* PASS/LAS passed */
       AID_COND_TARGET_IN,      /* target commune inside the territory */
       AID_COND_PLACEMENT_IN,   /* current placement inside the territory */
       AID_COND_ZONE_TARGET,    /* mask: zone class of the target commune */
       AID_COND_ZONE_PLACEMENT, /* mask: zone class of the placement */
       AID_COND_APL_MAX,        /* rValue: APL of the target commune < */
       AID_COND_FIRST_INSTALL,  /* first installation */
       AID_COND_MODE,           /* mask: planned exercise mode */
       AID_COND_CHECK,          /* zText: only the team can check it */
       AID_NCOND };
enum { AID_BEN_MONEY, AID_BEN_VEHICLE, AID_BEN_HOUSING, AID_BEN_PREMISES,
       AID_BEN_LOAN_GUARANTEE, AID_BEN_ACCOMPANIMENT, AID_BEN_JOB,
       AID_NBEN };
enum { AID_PER_ONCE, AID_PER_MONTH, AID_PER_YEAR, AID_PER_UNKNOWN,
       AID_NPER };
enum { AID_DUR_UNKNOWN, AID_DUR_MONTHS, AID_DUR_END_STUDIES,
       AID_DUR_END_PLACEMENT, AID_NDUR };
enum { AID_REPAY_UNKNOWN, AID_REPAY_NONE, AID_REPAY_FULL,
       AID_REPAY_PRORATA, AID_NREPAY };
/* Verdicts, and the outcome of one condition. */
enum { AID_ELIGIBLE, AID_NOT_ELIGIBLE, AID_TO_CHECK };
enum { AID_MET, AID_FAILED, AID_UNKNOWN };

#define AID_ID_MAX 64          /* scheme ids: [a-z0-9-], 1..63 chars */
#define AID_HORIZON_MAX 240    /* months simulated at most (20 years) */

/* French label of an enum value ("médecin généraliste", "publié"…);
** kind is one of the AID_LABEL_* below.  Static strings. */
enum { AID_LABEL_PROF, AID_LABEL_STATUS, AID_LABEL_MODE, AID_LABEL_PORTEUR,
       AID_LABEL_STATE, AID_LABEL_ZONE, AID_LABEL_TERR, AID_LABEL_COND,
       AID_LABEL_BEN, AID_LABEL_PER, AID_LABEL_DUR, AID_LABEL_REPAY,
       AID_LABEL_VERDICT, AID_NLABEL };
const char *aid_label(int kind, int value);
/* Value of label z (accents, case, spaces and "·e" forgiven), or -1. */
int aid_label_find(int kind, const char *z);
/* Comparison form of z (lower-case ASCII, accents and "·e" dropped,
** blanks and apostrophes as single dashes) into zOut of nOut bytes. */
void aid_normalize(const char *z, char *zOut, int nOut);

/* ---- the catalogue ------------------------------------------------------ */

typedef struct AidTerr AidTerr;
struct AidTerr {
  int level;               /* AID_TERR_* */
  char zCode[10];          /* INSEE code ("71153", "41", "44"), SIREN; "" for France */
  const char *zName;       /* display name ("Loir-et-Cher"), NULL unless
                           ** aid_catalog_name_places() found it */
};

typedef struct AidCond AidCond;
struct AidCond {
  int kind;                /* AID_COND_* */
  int iValue;              /* year for YEAR_MIN/MAX */
  double rValue;           /* APL threshold for APL_MAX */
  unsigned mask;           /* zones (1<<AID_ZONE_*) or modes (1<<AID_MODE_*) */
  const char *zText;       /* AID_COND_CHECK: what the team must check */
};

typedef struct AidBenefit AidBenefit;
struct AidBenefit {
  int kind;                /* AID_BEN_* */
  const char *zLabel;      /* "Allocation d'études", "" if none */
  int hasAmount;           /* 0: amount not published (unknown) */
  int64_t amountCents;     /* cents per period (per payment for ONCE) */
  int isUpTo;              /* the amount is a maximum ("jusqu'à") */
  int period;              /* AID_PER_* */
  int durKind;             /* AID_DUR_* */
  int nMonths;             /* for AID_DUR_MONTHS */
  int64_t ceilingCents;    /* total cap in cents, 0 when none */
};

typedef struct AidCommit AidCommit;
struct AidCommit {
  int hasCommit;           /* 0: the scheme binds to nothing */
  double years;            /* fixed length, 0 when isAsReceived */
  int isAsReceived;        /* as long as the money was received ... */
  double minYears;         /* ... and at least this long (0: no minimum) */
  AidTerr *aPlace;         /* where to practise; none: the scheme's territory */
  int nPlace;
  unsigned zoneMask;       /* the place must be in these zones (0: any) */
  unsigned modeMask;       /* exercise modes accepted (0: any) */
  const char *zStart;      /* start event, French ("installation …") */
  int repay;               /* AID_REPAY_* on breach */
};

typedef struct AidScheme AidScheme;
struct AidScheme {
  const char *zId;         /* stable id, also the file name (zId.aid) */
  const char *zName;
  int state;               /* AID_DRAFT, AID_PUBLISHED, AID_ARCHIVED */
  int porteur;             /* AID_PORTEUR_* */
  const char *zPorteurCode;/* INSEE code / SIREN of the porteur's territory */
  const char *zPorteurName;
  AidTerr *aTerr;          /* territory of application (any match) */
  int nTerr;
  unsigned profMask;       /* 1<<AID_MG | …; never 0 once loaded */
  unsigned statusMask;     /* 1<<AID_ETUDIANT | …; never 0 once loaded */
  AidCond *aCond;
  int nCond;
  AidBenefit *aBen;
  int nBen;
  AidCommit commit;
  const char **azWith;     /* ids explicitly combinable with this one */
  int nWith;
  const char **azWithout;  /* ids explicitly not combinable */
  int nWithout;
  const char *zFrom;       /* validity "YYYY-MM-DD", "" when open */
  const char *zTo;
  const char *zSource;     /* where the figures come from */
  const char *zContact;
  const char *zDesc;       /* Markdown, may be "" */
  /* What a person needs to act (issue 18), "" when not known: */
  const char *zBeneficiaries; /* who receives it when not the person
                              ** ("collectivités : communes, EPCI…") */
  const char *zNext;       /* what to do next, one French sentence */
  const char *zUrl;        /* the official page (https://…) */
  const char *zChecked;    /* YYYY-MM-DD the team last checked the scheme */
  /* Supporting documents an application must bring (issue 14), one line,
  ** separated by " ; "; "" when the scheme lists none (aid_scheme_docs). */
  const char *zDocs;
};

/* The supporting documents of scheme s as a NULL-ended array in arena a
** (split on ";", trimmed), or NULL when the scheme lists none. */
const char **aid_scheme_docs(const AidScheme *s, Arena *a);

typedef struct AidCatalog AidCatalog;
struct AidCatalog {
  AidScheme *aScheme;
  int nScheme;
  int nCap;
  Arena *pArena;           /* owns every string and array of the schemes */
  unsigned char *aCumul;   /* nScheme*nScheme: 0 unknown, 1 yes, 2 no; by aid_catalog_link */
};

AidCatalog *aid_catalog_new(void);
void aid_catalog_free(AidCatalog *pCat);          /* NULL: no-op */
/* Index of scheme zId, or -1. */
int aid_catalog_find(const AidCatalog *pCat, const char *zId);
/* Check ids are unique and cumulation lists name known schemes, and build
** aCumul.  On error err names the file (zId.aid) and field. */
int aid_catalog_link(AidCatalog *pCat, Err *err);

/* Parse one catalogue file's text z (named zFile in errors) and append the
** scheme to pCat.  ERR_INPUT with file, line and field on any error; pCat
** is then unchanged. */
int aid_parse(AidCatalog *pCat, const char *zFile, const char *z, Err *err);
/* Parse only a list of condition lines ("année-min 2\npass-las\n…") into
** aCond[0..nMax-1]; returns the count or < 0.  Used by the naive bench. */
int aid_parse_conditions(Arena *pArena, const char *z, AidCond *aCond,
                         int nMax, Err *err);
/* Append scheme p in the catalogue file format (the canonical form:
** parse(write(p)) == p, write(parse(write(p))) == write(p)). */
void aid_write(Str *pOut, const AidScheme *p);
/* Condition c as written after "condition: " ("année-min 2"). */
void aid_cond_write(Str *pOut, const AidCond *c);
/* Validate a scheme built in memory (the back-office form): ERR_INPUT and
** err_field() set to the field at fault. */
int aid_scheme_check(const AidScheme *p, Err *err);
/* Read every *.aid file of zDir (sorted by name) into pCat and link it.
** All or nothing: on error pCat may hold part of them; free it. */
int aid_read_dir(AidCatalog *pCat, const char *zDir, Err *err);

/* ---- the catalogue in the database (catalog.c) ------------------------- */

/* Replace or insert every scheme of pCat, in one transaction. */
int aid_store_save(Store *db, const AidCatalog *pCat, Err *err);
/* Back-office save of one scheme: validated (aid_scheme_check), its
** cumulation ids must exist; insert or replace in one transaction.
** ERR_INPUT with err_field() naming the form field at fault. */
int aid_store_put(Store *db, const AidScheme *p, Err *err);
/* Load schemes into pCat (linked); only published ones when isPublishedOnly. */
int aid_store_load(Store *db, AidCatalog *pCat, int isPublishedOnly, Err *err);
/* Load the files of zDir into the database: parse all, then one
** transaction.  *pnLoaded gets the count.  Nothing is written on error. */
int aid_load_dir(Store *db, const char *zDir, int *pnLoaded, Err *err);
/* Fill zName of every territory of pCat (application, commitment places)
** from the territory tables (communes, epci, departements, regions).
** Best effort: a code or a
** table that is missing leaves the code alone.  For the pages and the CLI,
** before aid_simulate(), which stays pure. */
void aid_catalog_name_places(Store *db, AidCatalog *pCat);
/* Write one zId.aid file per scheme of the database into zDir. */
int aid_export_dir(Store *db, const char *zDir, int *pnWritten, Err *err);

/* ---- places and profiles ----------------------------------------------- */

/* A commune with what the rules need to know of it, resolved by the caller
** (aid_place_resolve() reads it from the database). */
typedef struct AidPlace AidPlace;
struct AidPlace {
  char zCommune[8];        /* INSEE code; "" when no place given */
  char zName[96];
  char zEpci[12];          /* SIREN, "" when unknown */
  char zDep[4];
  char zReg[4];
  char zEpciName[128];     /* names of the above, "" when unknown */
  char zDepName[64];
  char zRegName[64];
  int zone;                /* AID_ZONE_*; AID_ZONE_UNKNOWN when not computed */
  int hasApl;
  double apl;              /* consultations / standardised inhabitant / year */
  int aplVintage;          /* year of the APL, 0 when unknown */
  /* The commune's class from zoning_of() (zoning/zoning.h), the only
  ** classification the rules read (DESIGN.md, truth rules): `zone` is
  ** AID_ZONE_ZIP/ZAC/HORS only for an imported arrêté; an indicative class
  ** from the DREES APL leaves it AID_ZONE_UNKNOWN and sets zoneLevel.
  ** hasApl/apl/aplVintage are the official DREES APL. */
  int isZoneOfficial;      /* from an imported ARS arrêté */
  int zoneLevel;           /* ZoneLevel: -1 unknown, 0 none, 1 ZAC-like,
                           ** 2 ZIP-like */
  char zZoneClass[24];     /* "ZIP", "HORS", "sous_dense", "inconnu"… */
  char zZoneLabel[320];    /* complete French label, source included */
  char zZoneSource[200];   /* "arrêté de l'ARS du …", "APL DREES 2023", "" */
  int zoneVintage;
  char zZoneDate[11];      /* date of the arrêté, "" */
};

/* Fill *pPlace for commune zCode from tables `communes` (code, name, dep,
** reg, epci); the names of its EPCI, département and région when the
** territory tables have them; its class from zoning_of() for doctors.
** ERR_NOTFOUND "commune inconnue" (field zField) when the code is not
** there or the communes table is missing. */
int aid_place_resolve(Store *db, const char *zCode, AidPlace *pPlace,
                      const char *zField, Err *err);
struct json_t;
/* The zone object of JSON answers (zoning_json()) for a resolved place;
** the caller decrefs. */
struct json_t *aid_place_zone_json(const AidPlace *pPlace);
/* Does the class of pl fall in zone mask m (1 << AID_ZONE_*)?  1 yes, 0
** no: only for an official class; -1 when the class is only indicative or
** unknown (the team checks it against the arrêté). */
int aid_place_zone_in(const AidPlace *pl, unsigned m);
/* 1 when the indicative class of pl (DREES APL) falls in mask m. */
int aid_place_zone_likely(const AidPlace *pl, unsigned m);

typedef struct AidProfile AidProfile;
struct AidProfile {
  int profession;          /* AID_MG … */
  int status;              /* AID_ETUDIANT … */
  int year;                /* year of study counted from PASS/LAS = 1; 0: none */
  int hasPassLas;          /* passed PASS/LAS */
  int mode;                /* AID_MODE_* planned, or -1 unknown */
  int firstInstall;        /* 1 yes, 0 no, -1 unknown */
  AidPlace target;         /* commune where they plan to practise */
  AidPlace placement;      /* current placement (stage), zCommune "" if none */
  int startYear;           /* planned start, e.g. 2026 / 9 */
  int startMonth;
};

/* Initialise a profile: unknown mode / first installation, no places. */
void aid_profile_init(AidProfile *p);
/* Reject impossible profiles (interne in year 1, year given to an installed
** doctor, PASS/LAS in year 1…): ERR_INPUT, field set, message in French. */
int aid_profile_check(const AidProfile *p, Err *err);

/* ---- simulation (simulate.c, money.c) ---------------------------------- */

typedef struct AidReason AidReason;
struct AidReason {
  int outcome;             /* AID_MET, AID_FAILED, AID_UNKNOWN */
  const char *zText;       /* French sentence */
};

typedef struct AidResult AidResult;
struct AidResult {
  const AidScheme *pScheme;
  int verdict;             /* AID_ELIGIBLE, AID_NOT_ELIGIBLE, AID_TO_CHECK */
  AidReason *aReason;
  int nReason;
  int64_t *aMonth;         /* cents paid in month m of the horizon (max
                           ** values for "jusqu'à"); NULL when not eligible */
  int nMonthPaid;          /* months with money, for "as long as received" */
  int64_t totalCents;      /* sum of aMonth */
  int isTotalKnown;        /* 0: some money amount or duration is unknown */
  int isUpTo;              /* some amount is a maximum */
  double commitYears;      /* years of practice owed, 0 when none */
  int isPlaceOk;           /* target commune satisfies the commitment place: 1/0/-1 unknown */
};

typedef struct AidPair AidPair;
struct AidPair {
  int i, j;                /* indexes into AidSim.aRes */
  int kind;                /* 2: not combinable, 0: not stated (à vérifier) */
};

typedef struct AidSim AidSim;
struct AidSim {
  AidProfile profile;
  AidResult *aRes;         /* one per scheme, catalogue order */
  int nRes;
  int nHorizon;            /* months in every aMonth */
  AidPair *aPair;          /* pairs among eligible/à vérifier schemes */
  int nPair;
  int *aBest;              /* indexes of the best combination */
  int nBest;
  int64_t bestTotalCents;
  int isBestKnown;         /* 0 when some amount is a maximum (jusqu'à) */
  double commitYearsTotal; /* years owed by the best combination, served
                           ** together where the places overlap */
  int isCommitOverlap;     /* the best combination's commitments overlap */
};

/* Verdict of scheme p for profile pProf without sentences nor money: the
** engine's inner loop (bench).  Pure, thread-safe. */
int aid_verdict(const AidScheme *p, const AidProfile *pProf);
/* Full simulation of every scheme of pCat for pProf; the result and its
** arrays live in pArena.  Pure, thread-safe. */
AidSim *aid_simulate(const AidCatalog *pCat, const AidProfile *pProf,
                     Arena *pArena);
/* Money of one benefit for pProf into aMonth[0..nHorizon-1] (added);
** returns 0 when its amount or duration is unknown, else 1. */
int aid_benefit_months(const AidBenefit *b, const AidProfile *pProf,
                       int64_t *aMonth, int nHorizon, int *pnMonths);
/* Last year of study (internship included) of a profession, year 1 =
** PASS/LAS: 10 for médecine générale… (money.c documents the table). */
int aid_study_last_year(int profession);
/* Months of an "until the end of studies" benefit for pProf, -1 unknown. */
int aid_months_to_end_of_studies(const AidProfile *pProf);
/* Best combination of aRes (eligible or à vérifier, known money) that
** has no non-combinable pair; fills pSim->aBest/bestTotalCents.  money.c */
void aid_best_combination(const AidCatalog *pCat, AidSim *pSim,
                          Arena *pArena);
/* Months of money needed by scheme p for pProf (horizon), 0 if none. */
int aid_scheme_months(const AidScheme *p, const AidProfile *pProf);
/* Fill pRes's money (total, isTotalKnown, isUpTo, nMonthPaid), its months
** into aMonth[0..nHorizon-1] (zeroed by the caller; pRes->aMonth points to
** it) and commitYears.  money.c */
void aid_result_money(const AidScheme *p, const AidProfile *pProf,
                      AidResult *pRes, int64_t *aMonth, int nHorizon);
/* Territory list as the catalogue file writes it: "commune 71153,
** département 41" (codes only, whatever zName holds). */
void aid_terr_text(Str *pOut, const AidTerr *a, int n);
/* The same list for people: "commune Le Creusot (71153), département
** Loir-et-Cher (41)" where zName is known, the code alone otherwise. */
void aid_terr_say(Str *pOut, const AidTerr *a, int n);
/* Does place pl lie in territory list a?  1 yes, 0 no, -1 unknown (its
** EPCI, département or région is not known). */
int aid_place_in(const AidTerr *a, int n, const AidPlace *pl);

/* The simulation as a JSON object (a json_t *, borrowed: caller decrefs). */
struct json_t;
struct json_t *aid_sim_json(const AidSim *pSim);
/* One scheme of the catalogue as JSON (the caller decrefs): id, name,
** state, porteur, territories, professions, statuses, conditions (as
** written in the file), benefits, commitment, cumulation, validity,
** source, contact, description (Markdown). */
struct json_t *aid_scheme_json(const AidScheme *p);
/* Total cents of a scheme's money benefits as far as it is known without
** a profile: one-off amounts plus monthly/yearly amounts over a fixed
** duration; 0 with *pIsKnown = 0 when any part depends on the person. */
int64_t aid_scheme_amount(const AidScheme *p, int *pIsKnown);


/* ---- commitments (commit.c) -------------------------------------------- */

enum { AID_CS_ONGOING, AID_CS_HONOURED, AID_CS_BROKEN, AID_CS_WAIVED,
       AID_NCS };
const char *aid_commit_status_label(int status);   /* "en cours"… */

/* Amount to repay, in cents (pro rata rounded half up), when a commitment
** of nMonthsDue months, for which `received` cents were paid, is broken after
** nMonthsServed months, under rule AID_REPAY_*: none → 0, full →
** received, pro rata → received × unserved / due.  ERR_INPUT for a
** negative amount or month count; ERR_NOTFOUND when the rule is unknown. */
int aid_repay_due(int rule, int64_t received, int nMonthsDue,
                  int nMonthsServed, int64_t *pDue, Err *err);
/* Whole months from date zFrom to zTo ("YYYY-MM-DD"), or -1 if malformed
** or zTo is before zFrom. */
int aid_months_between(const char *zFrom, const char *zTo);
/* Months of the period « du zFrom au zTo », both days included
** (36 for 2023-11-01 .. 2026-10-31), or -1 as above. */
int aid_months_period(const char *zFrom, const char *zTo);
/* 0 when z is a real "YYYY-MM-DD" date. */
int aid_date_check(const char *z);

typedef struct AidCommitment AidCommitment;
struct AidCommitment {
  long long id;
  char zAid[AID_ID_MAX];
  char zBeneficiary[128];  /* personal data: database only, never logged */
  char zSigned[11];        /* YYYY-MM-DD */
  char zStart[11];         /* start of the practice owed */
  char zEnd[11];           /* end of the practice owed */
  char zPlace[8];          /* INSEE code of the commune of practice */
  int64_t amountCents;     /* granted */
  int repay;               /* AID_REPAY_*, copied from the scheme at signature */
  int status;              /* AID_CS_* */
  char zBroken[11];        /* date of breach, "" */
  int64_t dueCents;        /* due after a breach, -1 undetermined */
  char zLastProof[11];     /* last yearly proof of practice, "" */
};

/* Record a new commitment (status en cours); repay is taken from the
** scheme.  *pId gets its id.  ERR_INPUT with field for bad values. */
int aid_commit_create(Store *db, AidCommitment *c, long long *pId, Err *err);
int aid_commit_get(Store *db, long long id, AidCommitment *c, Err *err);
/* Log a payment of `cents` on zDate. */
int aid_commit_pay(Store *db, long long id, const char *zDate, int64_t cents,
                   Err *err);
/* Record a yearly proof of practice received on zDate. */
int aid_commit_proof(Store *db, long long id, const char *zDate, Err *err);
/* Total cents paid so far on commitment id. */
int64_t aid_commit_paid(Store *db, long long id);
/* Breach on zDate: status rompu, due computed by the scheme's rule from the
** payments (or the amount granted when none is logged). */
int aid_commit_break(Store *db, long long id, const char *zDate,
                     int64_t *pDue, Err *err);
/* Call x for each payment (zKind "paiement", cents) and proof
** (zKind "attestation", 0) of commitment id, by date. */
int aid_commit_log(Store *db, long long id,
                   int (*x)(void *, const char *zKind, const char *zDate,
                            int64_t cents),
                   void *pArg, Err *err);
/* Status honoré or dispensé (AID_CS_HONOURED / AID_CS_WAIVED). */
int aid_commit_close(Store *db, long long id, int status, Err *err);
/* Register filters; zero / NULL fields do not filter. */
typedef struct AidCommitFilter AidCommitFilter;
struct AidCommitFilter {
  unsigned statusMask;     /* 1 << AID_CS_* */
  const char *zAid;        /* scheme id */
  const char *zPlace;      /* INSEE code of the commune of practice */
  const char *zSignedFrom; /* signature date range, YYYY-MM-DD */
  const char *zSignedTo;
};
/* Call x for each commitment (by id) passing pFilter (NULL: all); stop at
** the first non-zero return, which is returned. */
int aid_commit_each(Store *db, const AidCommitFilter *pFilter,
                    int (*x)(void *, const AidCommitment *), void *pArg,
                    Err *err);

/* Call x for each payment logged on a commitment of scheme zAid (NULL:
** every scheme), by date then id: the commitment's id and scheme, the
** date "YYYY-MM-DD" and the cents paid.  Stops at the first non-zero
** return of x, which is returned.  (Read by the plan's dashboard.) */
int aid_payment_each_cents(Store *db, const char *zAid,
                           int (*x)(void *, long long, const char *,
                                    const char *, int64_t),
                           void *pArg, Err *err);

/* One line of the portfolio dashboard: the commitments of one porteur. */
typedef struct AidPortfolio AidPortfolio;
struct AidPortfolio {
  char zPorteur[32];       /* level label: "département"… */
  char zPorteurCode[16];
  char zPorteurName[128];
  int nOngoing;            /* commitments en cours */
  int nBound;              /* distinct beneficiaries en cours */
  int64_t committedCents; /* granted, en cours */
  int64_t paidCents;       /* paid, en cours */
  double yearsLeft;        /* years of practice still owed at zToday */
  int nHonoured, nBroken, nWaived;
  int64_t dueCents;        /* due after breaches */
};
/* Portfolio by porteur at zToday, largest amount committed first. */
int aid_commit_portfolio(Store *db, const char *zToday,
                         int (*x)(void *, const AidPortfolio *), void *pArg,
                         Err *err);
/* The same figures by territory of the commune of practice: level
** AID_TERR_EPCI, AID_TERR_DEP or AID_TERR_REG (from `communes`; a
** département not found there is the code's first two characters).
** zPorteur is the level's label, zPorteurCode the territory's code ("" when
** the commune has none), zPorteurName its name ("" when unknown).  By code
** (EPCI: by name, unknown last). */
int aid_commit_by_terr(Store *db, int level, const char *zToday,
                       int (*x)(void *, const AidPortfolio *), void *pArg,
                       Err *err);
/* aid_commit_by_terr(AID_TERR_DEP). */
int aid_commit_by_dep(Store *db, const char *zToday,
                      int (*x)(void *, const AidPortfolio *), void *pArg,
                      Err *err);
/* Alerts on zToday: ongoing commitments ending within nDays or already
** past their end (to close or break), or with no proof of practice in the
** last 12 months once practice has started.
** x gets the commitment and a French reason. */
int aid_commit_alerts(Store *db, const char *zToday, int nDays,
                      int (*x)(void *, const AidCommitment *, const char *),
                      void *pArg, Err *err);

#endif
