/*
** centres/internal.h: helpers shared by the centres module's files only.
*/
#ifndef OASIS_CENTRES_INTERNAL_H
#define OASIS_CENTRES_INTERNAL_H
#include <stddef.h>

#include "base/arena.h"
#include "store/store.h"

/* activity.c: a site-month read from the columns CTR_ACTIVITY_COLS of
** centre_activity (aliased "a"): a StoreRowFn that copies no text (a may
** be NULL). */
#define CTR_ACTIVITY_COLS                                                  \
  "a.site_id, a.consultations, a.home_visits, a.teleconsultations, "       \
  "a.unscheduled_pct, a.new_mt_patients, a.cum_mt_patients, a.month "
void ctr_activity_row(Arena *a, Stmt *q, void *pRec);

/* ---- the web side (pages*.c, api*.c, dashboard.c, actions.c, fields.c,
** json.c, links.c, apl_effect.c) ----------------------------------------- */
#include <jansson.h>

#include "centres/centres.h"
#include "web/kit.h"
#include "web/kit_handler.h"

/*
** fields.c: every record a page or the API writes is read by ONE KitField
** table, from a form or a JSON body alike, every bad field at once.  Keys
** are the French API vocabulary; the former English keys stay readable
** (KitField.zOld).  A JSON body that updates a record (p->id set) changes
** only the members it names; a form gives every member.  Those taking
** void * are web/kit_handler.h's KitRecordOps.xRead (the record's type in
** their parameter's name).
*/
/* Network: code, nom, departement, source, note. */
int ctr_read_network(Req *req, void *pNetwork, KitErrors *e);
/* Centre: reseau_id, code, nom, date_ouverture, note. */
int ctr_read_centre(Req *req, void *pCentre, KitErrors *e);
/* Site: code, type, nom, commune, adresse, date_ouverture, date_fermeture,
** type_preteur, nom_preteur, debut_convention, fin_convention, note; the
** services (JSON object "services", or the form's check boxes) and the
** opening hours (JSON object "horaires" by weekday, or the form's
** horaires_lundi…). */
int ctr_read_site(Req *req, void *pSite, KitErrors *e);
/* Staff: prenom, nom, categorie, fonction, debut_contrat, fin_contrat and
** the FTE per site: JSON "sites": [{site_id, etp}], or the form's
** etp_<site id> for each of aSite[0..nSite-1]. */
int ctr_read_staff(Req *req, CentreStaff *p, const CentreSite *aSite,
                   int nSite, KitErrors *e);
/* Vacancy: site_id, categorie, intitule, etp (1 when absent), description,
** date_publication (today when absent), date_cloture, public. */
int ctr_read_vacancy(Req *req, void *pVacancy, KitErrors *e);
/* One site-month: site_id (or site, its code), mois (AAAA-MM), the counts
** (0 when absent), part_non_programmee (-1 when absent). */
int ctr_read_activity(Req *req, void *pActivity, KitErrors *e);
/* One centre-month: mois, and salaires, charges, remboursements typed in
** euros (page) or *_centimes (API); centreId is the caller's. */
int ctr_read_finance(Req *req, void *pFinance, KitErrors *e);

/* actions.c: every write with its audit record, for kit_write().  pArg is
** the record; for updates its id is set and ctr_write_* audits the record
** as it was (read again inside the transaction). */
int ctr_write_network(Req *req, void *pNetwork, Err *err);
int ctr_write_centre(Req *req, void *pCentre, Err *err);
int ctr_write_site(Req *req, void *pSite, Err *err);
int ctr_write_staff(Req *req, void *pStaff, Err *err);
int ctr_write_vacancy(Req *req, void *pVacancy, Err *err);
int ctr_write_activity(Req *req, void *pActivity, Err *err);
int ctr_write_finance(Req *req, void *pFinance, Err *err);
/* An activity CSV file to import; nRows set. */
typedef struct CtrImport CtrImport;
struct CtrImport {
  const char *zName, *zData;
  size_t nData;
  int nRows;
};
int ctr_write_import(Req *req, void *pImport, Err *err);

/* actions.c: each record's operations (web/kit_handler.h) for the API and
** page handlers; ctr_ops_staff reads no FTE from a form (the API's). */
extern const KitRecordOps ctr_ops_network, ctr_ops_centre, ctr_ops_site,
    ctr_ops_staff, ctr_ops_vacancy, ctr_ops_activity, ctr_ops_finance;

/* json.c: the records as the API shows them (new references); those
** taking const void * are web/kit_json.h's KitJsonFn, for lists. */
json_t *ctr_json_network(const void *pRec);  /* CentreNetwork */
json_t *ctr_json_centre(const void *pRec);  /* Centre */
json_t *ctr_json_site(const void *pRec);  /* CentreSite */
json_t *ctr_json_staff(const void *pRec);  /* CentreStaff */
json_t *ctr_json_vacancy(const void *pRec);  /* CentreVacancy */
/* Vacancy p as schema.org JobPosting structured data (JSON-LD) for search
** engines: title, description, dates, contract, place, salary range. */
json_t *ctr_jsonld_job(const CentreVacancy *p, const char *zCommuneName);
json_t *ctr_json_activity(const void *pRec);  /* CentreActivity */
json_t *ctr_json_published(const void *pRec);  /* CentrePublished */
json_t *ctr_json_finance(const void *pRec);  /* CentreFinance */
json_t *ctr_json_stats(const CentreStats *p);
json_t *ctr_json_services(const CentreSite *p);

/* links.c: name of commune zCode from the territory tables, or zCode. */
const char *ctr_commune_name(Req *req, const char *zCode);
/* Link to the guichet unique's request form prefilled for vacancy v;
** raw URL, escape it in HTML. */
const char *ctr_apply_url(Req *req, const CentreVacancy *v);
/* "1 234,5" of x into the arena; "—" for negative (unknown) values. */
const char *ctr_num(Req *req, double x, int nDec);
/* The centre named by the path argument "id" into *c, and its sites: its
** id, or 0 when a 404 or an incident is already answered. */
int64_t ctr_centre_sites_or_reply(Req *req, Centre *c, CentreSite **paS,
                                  int *pnS);
/* The dashboard scope of the query (?reseau= | ?centre= | ?site=, with
** ?annee= and ?mois=); -1 when none is given. */
int ctr_scope_from_query(Req *req, CentreScope *pScope, int64_t *pId,
                         int *pYear, int *pMonthTo);

/* dashboard.c: name of the scope's object ("Réseau …", "Centre — site");
** *pNetworkId set; NULL when it does not exist. */
const char *ctr_scope_title(Req *req, CentreScope scope, int64_t id,
                            int64_t *pNetworkId);

/* export.c: the activity export of a dashboard scope (one row per month
** with figures, then the year to date; or the published yearly total),
** titled zTitle, as one export table (web/export.h).  The caller frees it
** with exp_free(). */
struct ExpTable *ctr_export_table(Arena *a, const CentreStats *st,
                                  const char *zTitle);

/* apl_effect.c: what one site brings to its commune's APL. */
typedef struct CtrAplEffect CtrAplEffect;
struct CtrAplEffect {
  int isAvailable;               /* 0: not computed, zWhy says why */
  const char *zWhy;
  int isOpen;                    /* the site is open today */
  double fte;                    /* doctors' FTE counted (0 when closed) */
  int vintage;                   /* population vintage of the snapshot */
  const char *zCode, *zCommuneName;
  double aplWith, aplWithout;    /* the commune's APL with / without it */
  int nCommunes;                 /* communes whose APL the site moves */
};
/* Fill *p from the observatory's default snapshot; 0 (never fails: an
** unavailable figure is said in p). */
int ctr_apl_effect(Req *req, const CentreSite *s, CtrAplEffect *p);
json_t *ctr_json_apl_effect(const CtrAplEffect *p);
/* The "Effet sur l'accessibilité" section of the site page. */
void ctr_html_apl_effect(Req *req, const CtrAplEffect *p);

/* ---- handlers (each with its ROUTE: comment) --------------------------- */
void ctr_page_home(Req *req);
void ctr_page_network_new(Req *req);
void ctr_post_network(Req *req);
void ctr_page_centre_new(Req *req);
void ctr_post_centre_new(Req *req);
void ctr_page_centre(Req *req);
void ctr_post_centre(Req *req);
void ctr_page_site_new(Req *req);
void ctr_post_site_new(Req *req);
void ctr_page_site(Req *req);
void ctr_post_site(Req *req);
void ctr_page_staff_new(Req *req);
void ctr_post_staff_new(Req *req);
void ctr_page_staff(Req *req);
void ctr_post_staff(Req *req);
void ctr_page_vacancy_new(Req *req);
void ctr_post_vacancy(Req *req);
void ctr_page_jobs(Req *req);
void ctr_page_activity(Req *req);
void ctr_post_activity(Req *req);
void ctr_post_import(Req *req);
void ctr_page_finance(Req *req);
void ctr_post_finance(Req *req);
void ctr_page_dashboard(Req *req);
void ctr_export_csv(Req *req);
void ctr_export_xlsx(Req *req);
void ctr_api_list(Req *req);
void ctr_api_network_create(Req *req);
void ctr_api_centre_create(Req *req);
void ctr_api_centre_update(Req *req);
void ctr_api_centre_get(Req *req);
void ctr_api_site_create(Req *req);
void ctr_api_site_update(Req *req);
void ctr_api_site_get(Req *req);
void ctr_api_staff_create(Req *req);
void ctr_api_staff_update(Req *req);
void ctr_api_staff_list(Req *req);
void ctr_api_jobs(Req *req);
void ctr_api_job_create(Req *req);
void ctr_api_activity_save(Req *req);
void ctr_api_activity_import(Req *req);
void ctr_api_activity_list(Req *req);
void ctr_api_finance_save(Req *req);
void ctr_api_stats(Req *req);
void ctr_api_published(Req *req);
void ctr_api_supply(Req *req);
void ctr_api_map(Req *req);

#endif
