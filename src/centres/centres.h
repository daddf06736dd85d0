/*
** centres/centres.h: the centres de santé of a network (usually run by a
** département): centres and their sites (main site and antennas), staff and
** their share of a full time on each site, vacancies, monthly activity and
** finance per site / centre, published yearly figures, and the aggregates
** the dashboards show.
**
** Layers: rules.c is pure (checks, parsing, derived figures); network.c,
** staff.c, activity.c, stats.c hold the SQL; fields.c reads a record
** from a form or JSON (one table each), actions.c writes it (pages and API
** alike), pages*.c, dashboard.c, api*.c, export.c present (internal.h);
** demo.c loads the catalogue in data/centres/.  Lists are allocated from
** the Arena the caller passes (a request's, in the server).  Dates are ISO
** "YYYY-MM-DD" (see base/caldate.h), months "YYYY-MM", money in cents.
** Input errors name the field by its French API key in err->zField.
*/
#ifndef OASIS_CENTRES_H
#define OASIS_CENTRES_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/label.h"
#include "observatory/obs.h"
#include "store/store.h"

/* ---- vocabulary --------------------------------------------------------- */
enum { CENTRE_CAT_MEDECIN, CENTRE_CAT_PARAMEDICAL, CENTRE_CAT_SECRETAIRE,
       CENTRE_CAT_ADMIN, CENTRE_NCAT };
/* The categories in enum order, as a closed list (zero-ended). */
extern const Label centre_categories[CENTRE_NCAT + 1];
/* Code stored in the database ("medecin"…) of category i. */
const char *centre_cat_code(int i);
/* French label ("Médecin", "Secrétaire médical·e"…) of category i. */
const char *centre_cat_label(int i);
/* Index of category code z, or -1. */
int centre_cat_parse(const char *z);
/* French label of a published metric code ("consultations"…); z if unknown. */
const char *centre_metric_label(const char *z);

/* ---- network, centres, sites ------------------------------------------ */
typedef struct CentreNetwork CentreNetwork;
struct CentreNetwork {
  int64_t id;
  const char *zCode, *zName, *zDep, *zSource, *zNote;
};

typedef struct Centre Centre;
struct Centre {
  int64_t id, networkId;
  const char *zCode, *zName, *zOpenedOn, *zNote;
  const char *zNetworkName;      /* filled by reads */
  int nSite;                     /* filled by reads */
};

/* Opening hours of one weekday: up to 4 ranges, in minutes from midnight. */
enum { CENTRE_MAX_RANGES = 4 };
typedef struct CentreDayHours CentreDayHours;
struct CentreDayHours {
  int n;
  int aOpen[CENTRE_MAX_RANGES], aClose[CENTRE_MAX_RANGES];
};

typedef struct CentreSite CentreSite;
struct CentreSite {
  int64_t id, centreId;
  const char *zCode;             /* unique; the CSV import names sites by it */
  const char *zKind;             /* "principal" or "antenne" */
  const char *zName, *zCommune, *zAddress, *zOpenedOn, *zClosedOn;
  const char *zLenderKind;       /* "commune", "epci", "departement", "autre", NULL */
  const char *zLenderName, *zConvStart, *zConvEnd;
  int hasConsult, hasHome, hasTelePoint, hasTeleAssist;
  int isIllustrative;            /* demonstration location, not published */
  const char *zNote;
  CentreDayHours aHours[7];      /* Monday .. Sunday */
  const char *zCentreName;       /* filled by reads */
  double fteDoctors;             /* filled by reads: doctors' FTE today */
};

/* Parse one weekday's hours "08:30-12:00, 14:00-18:00" ("" or "fermé":
** closed) into *p.  Ranges must be increasing and not overlap. */
int centre_hours_parse(const char *z, CentreDayHours *p, Err *err);
/* Text form of p ("08:30-12:00, 14:00-18:00", "" when closed) into zOut. */
char *centre_hours_format(const CentreDayHours *p, char *zOut, int nOut);
/* 1 when the site's opening hours are known (some day has a range); 0:
** none were entered, which says « horaires non communiqués », never that
** the site is closed every day. */
int centre_hours_known(const CentreDayHours aHours[7]);
/* French weekday name, 0 = lundi. */
const char *centre_weekday_label(int i);

/* Check a site before saving (field named on failure). */
int centre_site_check(const CentreSite *s, Err *err);
int centre_check(const Centre *c, Err *err);

int centre_network_list(Store *db, Arena *a, CentreNetwork **pa, int *pn,
                        Err *err);
int centre_network_get(Store *db, Arena *a, int64_t id, CentreNetwork *p,
                       Err *err);
/* Insert (p->id == 0) or update; p->id is set on insert. */
int centre_network_save(Store *db, CentreNetwork *p, Err *err);

/* Centres of network networkId (0: all). */
int centre_list(Store *db, Arena *a, int64_t networkId, Centre **pa, int *pn,
                Err *err);
int centre_get(Store *db, Arena *a, int64_t id, Centre *p, Err *err);
int centre_save(Store *db, Centre *p, Err *err);
int centre_delete(Store *db, int64_t id, Err *err);

/* Sites of centre centreId (0: every site), main site first. */
int centre_site_list(Store *db, Arena *a, int64_t centreId, CentreSite **pa,
                     int *pn, Err *err);
int centre_site_get(Store *db, Arena *a, int64_t id, CentreSite *p, Err *err);
/* Insert or update, hours included, in one transaction. */
int centre_site_save(Store *db, CentreSite *p, Err *err);
int centre_site_delete(Store *db, int64_t id, Err *err);
/* Site id of code zCode, or 0. */
int64_t centre_site_by_code(Store *db, const char *zCode);

/* ---- staff and vacancies ---------------------------------------------- */
enum { CENTRE_MAX_STAFF_SITES = 8 };
typedef struct CentreStaff CentreStaff;
struct CentreStaff {
  int64_t id, networkId;
  const char *zFirstName, *zLastName;
  const char *zCategory;         /* centre_cat_code() */
  const char *zJob, *zContractStart, *zContractEnd;
  int nSite;
  int64_t aSiteId[CENTRE_MAX_STAFF_SITES];
  double aFte[CENTRE_MAX_STAFF_SITES];
  const char *azSiteName[CENTRE_MAX_STAFF_SITES];   /* filled by reads */
};
/* Pure checks: names, category, dates (end >= start), each FTE in (0, 1],
** no site twice, and the person's total FTE across sites <= 1 (field
** "fte").  */
int centre_staff_check(const CentreStaff *s, Err *err);

/* Staff of network networkId (0: all), or working on site siteId when
** siteId > 0. */
int centre_staff_list(Store *db, Arena *a, int64_t networkId, int64_t siteId,
                      CentreStaff **pa, int *pn, Err *err);
int centre_staff_get(Store *db, Arena *a, int64_t id, CentreStaff *p, Err *err);
/* The people working on any of sites aS[0..nS-1] (a centre's), each once,
** in the order of the sites. */
int centre_staff_of_sites(Store *db, Arena *a, const CentreSite *aS, int nS,
                          CentreStaff **pa, int *pn, Err *err);
/* Insert or update with its sites, in one transaction; the network is the
** one of the first site's centre. */
int centre_staff_save(Store *db, CentreStaff *p, Err *err);
int centre_staff_delete(Store *db, int64_t id, Err *err);

typedef struct CentreVacancy CentreVacancy;
struct CentreVacancy {
  int64_t id, siteId;
  const char *zCategory, *zTitle;
  double fte;
  const char *zDescription, *zPostedOn, *zClosedOn;
  int isPublic;
  const char *zContract;         /* "cdi", "cdd", "vacations"; "": not said */
  int64_t salaryMinCents;        /* gross per year; -1: not said */
  int64_t salaryMaxCents;
  const char *zStartOn;          /* start date; "": not said */
  const char *zBenefits;         /* housing, car, hours… ("": none said) */
  const char *zSiteName, *zCommune, *zCentreName;   /* filled by reads */
};
/* The contracts a vacancy offers, and the label of code z ("" unknown). */
extern const Label centre_contracts[];
const char *centre_contract_label(const char *z);
int centre_vacancy_check(const CentreVacancy *v, Err *err);
/* Vacancies; onlyOpenPublic: the public ones not closed (for the portal). */
int centre_vacancy_list(Store *db, Arena *a, int onlyOpenPublic,
                        CentreVacancy **pa, int *pn, Err *err);
int centre_vacancy_get(Store *db, Arena *a, int64_t id, CentreVacancy *p,
                       Err *err);
int centre_vacancy_save(Store *db, CentreVacancy *p, Err *err);

/* ---- supply for the engine -------------------------------------------- */
typedef struct CentreSupply CentreSupply;
struct CentreSupply {
  const char *zCommune;          /* INSEE code */
  double fteDoctors;             /* doctors' FTE working there on the day */
  int nSite;                     /* open sites in the commune */
};
/* Per commune, the FTE of salaried doctors in centres on day iDay (contract
** covering the day, site open that day), communes sorted by code.  The
** engine adds them to the supply so that opening an antenna moves APL. */
int centre_supply_fte(Store *db, Arena *a, int iDay, CentreSupply **pa,
                      int *pn, Err *err);

/* ---- monthly activity and finance ------------------------------------- */
typedef struct CentreActivity CentreActivity;
struct CentreActivity {
  int64_t siteId;
  int year, month;
  long consultations, homeVisits, teleconsultations;
  double unscheduledPct;         /* 0..100, or -1 when not given */
  long newMtPatients;            /* new patients declaring a médecin traitant */
  long cumMtPatients;            /* patients with a médecin traitant, cumulative */
};
/* Pure: month not after the month of iToday, counts >= 0, share 0..100. */
int centre_activity_check(const CentreActivity *p, int iToday, Err *err);
/* Insert or replace one site-month. */
int centre_activity_save(Store *db, const CentreActivity *p, int iToday,
                         Err *err);
int centre_activity_list(Store *db, Arena *a, int64_t siteId, int year,
                         CentreActivity **pa, int *pn, Err *err);
/* Import a CSV (";" or ","; header by name: site, mois, consultations,
** visites_domicile, teleconsultations, part_non_programmee,
** nouveaux_patients_mt, patients_mt_cumul).  One row per site and month;
** all rows or none: the first bad row refuses the whole file, err naming
** line and column.  Rows replace existing site-months.  *pnRows set. */
int centre_activity_import(Store *db, const char *zName, const char *zData,
                           size_t nData, int iToday, int *pnRows, Err *err);

typedef struct CentreFinance CentreFinance;
struct CentreFinance {
  int64_t centreId;
  int year, month;
  int64_t salariesCents, chargesCents, reimbursementsCents;
};
int centre_finance_check(const CentreFinance *p, int iToday, Err *err);
int centre_finance_save(Store *db, const CentreFinance *p, int iToday,
                        Err *err);
int centre_finance_list(Store *db, Arena *a, int64_t centreId, int year,
                        CentreFinance **pa, int *pn, Err *err);

/* ---- published figures ------------------------------------------------ */
typedef struct CentrePublished CentrePublished;
struct CentrePublished {
  int64_t id, networkId, centreId;   /* centreId 0: the whole network */
  const char *zMetric;               /* consultations, home_and_tele, … */
  int yearFrom, yearTo;              /* one year, or a span ("since 2019") */
  double value;
  const char *zSource, *zNote;
};
int centre_published_list(Store *db, Arena *a, int64_t networkId,
                          CentrePublished **pa, int *pn, Err *err);
int centre_published_save(Store *db, CentrePublished *p, Err *err);

/* ---- dashboards ------------------------------------------------------- */
typedef enum CentreScope {
  CENTRE_SCOPE_NETWORK, CENTRE_SCOPE_CENTRE, CENTRE_SCOPE_SITE
} CentreScope;

typedef struct CentreTotals CentreTotals;
struct CentreTotals {
  long consultations, homeVisits, teleconsultations;
  long homeAndTele;              /* visits + teleconsultations */
  long newMtPatients;
  long cumMtPatients;            /* sum over sites of each site's last month */
  double unscheduledPct;         /* weighted by consultations; -1 unknown */
  double unscheduledSum;         /* sum of pct x consultations (internal) */
  long unscheduledBase;          /* consultations with a known share */
  int nMonths;                   /* site-months counted */
};

typedef struct CentreStats CentreStats;
struct CentreStats {
  CentreScope scope;
  int64_t id;
  int year, monthTo;             /* year to date = months 1..monthTo */
  CentreTotals ytd, prevYtd;     /* this year and last year, same months */
  CentreTotals aMonth[12];       /* months of the year (beyond monthTo: 0) */
  CentreTotals aPrevMonth[12];
  int hasCur, hasPrev;           /* ytd / prevYtd rest on some figure
                                 ** (monthly rows or published totals);
                                 ** 0: « pas de donnée », never 0 */
  int isPublished;               /* ytd comes from published yearly totals */
  const char *zPublishedSource;  /* its source, when isPublished */
  double fteDoctors;             /* doctors' FTE at the end of the period */
  double consultPerFte;          /* ytd consultations / fteDoctors; -1 */
  int64_t salariesCents, chargesCents, reimbursementsCents;   /* ytd */
};

/* Aggregate activity and finance for a scope over year y up to month
** monthTo (12: the whole year).  With no monthly rows for a network (or
** centre) and that year, the published yearly totals of exactly that
** year stand in, flagged isPublished: never spread into months. */
int centre_stats(Store *db, Arena *a, CentreScope scope, int64_t id, int y,
                 int monthTo, CentreStats *p, Err *err);
/* Pure: year-on-year change in percent into *pPct: 0, or -1 (undefined)
** when prev is 0. */
int centre_yoy_pct(long cur, long prev, double *pPct);
/* Pure: add one month's figures into *t (unscheduledPct weighted). */
void centre_totals_add(CentreTotals *t, const CentreActivity *p);

/* ---- catalogue -------------------------------------------------------- */
/* Load the demonstration catalogue in directory zDir (networks.csv,
** centres.csv, sites.csv, published.csv), all or nothing; codes already
** present are updated.  *pnRows: rows read. */
int centre_demo_load(Store *db, const char *zDir, int *pnRows, Err *err);

/* The centres as the observatory's source of extra supply and of sites to
** show (obs_source.c); app/compose.c installs it. */
extern const ObsSource ctr_obs_source;

#endif
