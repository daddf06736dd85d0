/*
** workforce/wf_int.h: what the workforce module's files share and other
** modules need not see: demography and radar results, the field table of
** a person, the pages' and the API's handlers.  For src/workforce/ alone.
*/
#ifndef OASIS_WORKFORCE_WF_INT_H
#define OASIS_WORKFORCE_WF_INT_H
#include "territory/lookup.h"
#include "web/kit.h"
#include "web/web.h"
#include "workforce/workforce.h"

/* Retirement assumptions: 65, 67, 70, and 0 = the declared date (else 67). */
#define WF_NASSUME 4
extern const int wf_retire_ages[WF_NASSUME];
/* The current year (base/clock.h: pinned by OASIS_NOW in tests). */
int wf_year_now(void);

/* A territory's demography (people the latest extraction lists, and manual
** entries; flagged departures left out). */
typedef struct WfDemo WfDemo;
struct WfDemo {
  int year;
  int nPeople, nAgeKnown;
  int aProf[WF_NPROF];                 /* people per profession */
  int aBand[WF_NPROF][WF_NBAND];       /* people of known age per band */
  int nGp, nGpAged, nGp60;             /* GPs, of known age, aged 60+ */
  int aKnown[WF_NASSUME];              /* GPs the assumption can place */
  int aLeave[WF_NASSUME][2];           /* GPs gone within 5 and 10 years */
};
/* Demography of département zDep or commune zCommune (NULL: all). */
int wf_demography(Store *db, const char *zDep, const char *zCommune,
                  WfDemo *d, Err *err);

/* An open dossier of the guichet unique that could take over. */
typedef struct WfCandidate WfCandidate;
struct WfCandidate {
  int64_t id;
  const char *zReference, *zStatus, *zProject, *zKind, *zPlace, *zWished;
};

typedef struct WfRadarRow WfRadarRow;
struct WfRadarRow {
  WfPerson p;
  int age;                  /* this year, 0 when unknown */
  int leaveYear;
  double fte;               /* counted acts / one average GP */
  WfEffect eff;
  WfCandidate *aCand;
  int nCand;
};
typedef struct WfRadar WfRadar;
struct WfRadar {
  int year, retireAge;
  int nNear;                /* GPs leaving within 5 years */
  double threshold;
  const char *zWhy;         /* why effects are missing, or NULL */
  int n;                    /* of them, departures that cross below */
  WfRadarRow *aRow;
};
/* GPs leaving within 5 years (declared date, else retireAge) whose
** departure pushes a commune of their catchment below the threshold. */
int wf_radar(Store *db, Arena *a, const char *zDep, int retireAge,
             WfRadar *r, Err *err);

/* ---- web side ---------------------------------------------------------- */
/* The person's field table (pages and API read the same record). */
extern const KitField wf_person_fields[];
/* Read a person from the form or JSON into *p (starting from its current
** values); checks the communes.  Number of errors. */
int wf_person_read(Req *req, WfPerson *p, KitErrors *e);
/* Save (create when p->id == 0) with its audit entry, one transaction. */
int wf_act_person_save(Req *req, WfPerson *p, Err *err);
/* Patients without a médecin traitant as entered. */
typedef struct WfNoGpInput WfNoGpInput;
struct WfNoGpInput {
  const char *zCode;        /* commune (5) or EPCI (9) */
  const char *zLevel;       /* set from the code */
  int64_t year, patients;
  double share;             /* NAN: unknown */
};
int wf_act_structure_save(Req *req, WfStructure *p, Err *err);
int wf_act_no_gp_save(Req *req, const WfNoGpInput *p, Err *err);

/* The person of the path's {id} into *p: 0, or -1 with a 404 (or 500)
** queued. */
int wf_person_or_404(Req *req, WfPerson *p);
/* May the requester see names (agents and admins)? */
int wf_sees_names(Req *req);
/* The longest list a page or an answer gives (the API's "limite"). */
#define WF_LIST_MAX 1000
/* Cells under this count are hidden from the public. */
#define WF_MIN_CELL 5
/* JSON of a person (agents). */
json_t *wf_person_json(const WfPerson *p);

/* Demography as JSON; isPublic masks the small cells. */
json_t *wf_demography_json(const WfDemo *d, int isPublic);
/* Query "age_retraite" (65, 67, 70; 67 when absent), or -1 with a 400. */
int wf_query_retire_age(Req *req);

/* The demography of commune zCode into *d; else a 404 (unknown commune)
** or a 500 is queued and -1 returned. */
int wf_commune_demography_or_404(Req *req, const char *zCode, WfDemo *d);
/* The demography block of a page (pyramid, 60+, departures). */
void wf_render_demography(Req *req, const WfDemo *d, int isPublic);

void wf_page_list(Req *req);
void wf_page_person(Req *req);
void wf_post_person(Req *req);
void wf_page_new(Req *req);
void wf_post_new(Req *req);
void wf_page_commune(Req *req);
void wf_page_demography(Req *req);
void wf_page_radar(Req *req);

/* The structures table of a page. */
void wf_render_structures(Req *req, const WfStructure *a, int n);

void wf_page_structures(Req *req);
void wf_post_structure(Req *req);
void wf_post_no_gp(Req *req);

void wf_api_structures(Req *req);
void wf_api_structures_map(Req *req);
void wf_api_structure_create(Req *req);
void wf_api_no_gp(Req *req);

void wf_api_list(Req *req);
void wf_api_get(Req *req);
void wf_api_create(Req *req);
void wf_api_update(Req *req);
void wf_api_commune(Req *req);
void wf_api_demography(Req *req);
void wf_api_radar(Req *req);

#endif
