/*
** aids/web_int.h: what the aids module's web files share (not a public
** contract: other modules use aids.h).
**
**   webutil.c    profile from a query or a JSON body, money and labels
**   pages_sim.c  the public simulator "Quelles aides pour moi ?"
**   pages_cat.c  catalogue list, detail, CSV/XLSX export
**   pages_edit.c back-office: create and edit a scheme, change its state
**   pages_reg.c  commitments register, alerts, dashboard
**   export.c     CSV and XLSX builders of the catalogue and the register
**   api.c        /api/v1/simulations, /api/v1/aides…, /api/v1/engagements…
**   routes.c     the route table
*/
#ifndef OASIS_AIDS_WEB_INT_H
#define OASIS_AIDS_WEB_INT_H
#include <jansson.h>

#include "aids/aids.h"
#include "territory/lookup.h"
#include "web/web.h"

/* The simulator's inputs as typed (query, form or JSON), NULL when absent.
** Field names, also the names errors give: profession, statut, annee,
** pass_las, commune, stage, mode, premiere_installation, debut. */
typedef struct AidWebInput AidWebInput;
struct AidWebInput {
  const char *zProfession, *zStatus, *zYear, *zPassLas, *zCommune;
  const char *zPlacement, *zMode, *zFirst, *zStart;
  /* set by aid_web_profile() when a commune field matched several */
  LkPlace *aChoice;
  int nChoice;
  const char *zChoiceField;    /* "commune" or "stage" */
};
/* Fill in from the query string (the shareable URL). */
void aid_web_input_query(Req *req, AidWebInput *in);
/* Fill in from a JSON object; numbers and booleans become strings. */
void aid_web_input_json(Req *req, json_t *pObj, AidWebInput *in);
/* Member zKey of JSON object o as text (numbers, booleans "oui"/"non"),
** NULL when absent or null. */
const char *aid_web_json_text(Req *req, json_t *o, const char *zKey);
/* Parse, resolve communes (INSEE code, "Nom (code)", postal code or name
** through lookup_search()) and check the profile.  ERR_INPUT /
** ERR_NOTFOUND with err's field set; several communes matching: ERR_INPUT
** and in->aChoice. */
int aid_web_profile(Req *req, AidWebInput *in, AidProfile *pProf,
                    Err *err);

/* "7 333,33 €" / "1 200 €" in the request arena. */
const char *aid_web_euros(Req *req, double v);
/* reply_bytes() of pOut's bytes, copied into the request arena (pOut is
** still the caller's to free). */
void aid_web_reply_str(Req *req, const char *zType, Str *pOut,
                       const char *zFileName);
/* "10/01/2024" for "2024-01-10"; z itself when not a date. */
const char *aid_web_date(Req *req, const char *z);
/* Today "YYYY-MM-DD" ($OASIS_NOW's date part when set) into z[11]. */
const char *aid_web_today(char *z);
/* Form value trimmed ("" when absent), from the request arena. */
const char *aid_web_form(Req *req, const char *zName);
const char *aid_web_query(Req *req, const char *zName);
/* Option value of an enum label: its normalised form ("medecin-generaliste"). */
const char *aid_web_code(Req *req, int kind, int value);
/* <select> of the labels of kind, value selected (-1 none); zEmpty adds a
** first empty option.  zError marks the field. */
void aid_web_select(Req *req, const char *zName, const char *zLabel,
                    int kind, int value, const char *zEmpty,
                    const char *zError);
/* z with its first letter upper-cased (ASCII), for messages shown alone. */
const char *aid_web_sentence(Req *req, const char *z);
/* An error summary at the top of a form (role="alert"), linking to the
** field's row id "champ-NAME". */
void aid_web_error_box(Req *req, const Err *err);
/* Badge of a verdict / a zone class (text, never colour alone). */
void aid_web_verdict_badge(Req *req, int verdict);
void aid_web_zone_badge(Req *req, int zone);
/* Condition c in French words ("à partir de la 2e année d'études"). */
const char *aid_web_cond_text(Req *req, const AidCond *c);
/* Benefit b in French ("Allocation d'études : jusqu'à 1 200 € par mois,
** jusqu'à la fin des études"). */
const char *aid_web_benefit_text(Req *req, const AidBenefit *b);
/* Commitment of scheme p in French, "" when none. */
const char *aid_web_commit_text(Req *req, const AidScheme *p);
/* "Blois (41018)" for a commune code, the code itself when unknown. */
const char *aid_web_place_label(Req *req, const char *zCode);
/* Territory list in French with commune names ("Le Creusot (71153),
** département 41"). */
void aid_web_terr_text(Req *req, Str *pOut, const AidTerr *a, int n);
/* Load the catalogue (published only unless isAll) or reply 500 (NULL). */
AidCatalog *aid_web_catalog_or_reply(Req *req, int isAll);
/* Audit a write of entity zEntity without personal data. */
int aid_web_audit(Req *req, const char *zEntity, long long id,
                  const char *zAction, json_t *pDetail, Err *err);

/* ---- catalogue filters (pages_cat.c, api.c, export.c) ------------------- */
typedef struct AidFilter AidFilter;
struct AidFilter {
  const char *zText;       /* words in name or description */
  const char *zTerr;       /* INSEE code: commune, département or région */
  int profession, status, benefit, porteur, state;   /* -1: any */
};
void aid_web_filter_read(Req *req, AidFilter *f, int isAgent);
/* 1 when scheme p passes f (pPlace: f->zTerr resolved as a commune, or
** NULL). */
int aid_web_filter_match(const AidFilter *f, const AidScheme *p,
                         const AidPlace *pPlace);
/* The filter as a query string "?a=b&…" ("" when none), for export links. */
const char *aid_web_filter_query(Req *req, const AidFilter *f);

/* ---- exports (export.c) -------------------------------------------------- */
/* CSV (";" separated, UTF-8 BOM) of the schemes of pCat matching f. */
void aid_csv_catalog(Str *pOut, const AidCatalog *pCat, const AidFilter *f,
                     const AidPlace *pPlace);
int aid_xlsx_catalog(Str *pOut, const AidCatalog *pCat, const AidFilter *f,
                     const AidPlace *pPlace, Err *err);
int aid_csv_commitments(Store *db, const AidCommitFilter *f, Str *pOut,
                        Err *err);
int aid_xlsx_commitments(Store *db, const AidCommitFilter *f,
                         const char *zToday, Str *pOut, Err *err);
/* The portfolio dashboard at zToday: by porteur, EPCI, département and
** région of practice, one table (column "Regroupement"). */
int aid_csv_portfolio(Store *db, const char *zToday, Str *pOut, Err *err);
int aid_xlsx_portfolio(Store *db, const char *zToday, Str *pOut, Err *err);
/* Read the register filters from the query (statut, aide, lieu, du, au). */
void aid_web_commit_filter(Req *req, AidCommitFilter *f);

/* Record a commitment from fields read by get (form or JSON): aide,
** beneficiaire, signature, debut, fin, lieu, montant; audited without the
** beneficiary's name.  pages_reg.c */
int aid_web_commit_record(Req *req, const char *(*get)(Req *, const char *),
                          long long *pId, Err *err);
/* One action on commitment id, with its audit record: kind 0 payment
** (zAmount), 1 proof, 2 breach (*pDue: amount due, -1 undetermined),
** 3 close (zStatus honore|dispense). */
int aid_web_commit_act(Req *req, long long id, int kind, const char *zDate,
                       const char *zAmount, const char *zStatus, double *pDue,
                       Err *err);

/* The route table (routes.c), listed in web/registry.c. */
extern const Route aid_routes[];

/* ---- handlers ------------------------------------------------------------- */
void aid_page_sim(Req *req);
void aid_post_sim(Req *req);
void aid_page_list(Req *req);
void aid_page_detail(Req *req);
void aid_page_file(Req *req);
void aid_export_csv(Req *req);
void aid_export_xlsx(Req *req);
void aid_page_new(Req *req);
void aid_post_new(Req *req);
void aid_page_edit(Req *req);
void aid_post_edit(Req *req);
void aid_post_state(Req *req);
void aid_page_register(Req *req);
void aid_page_commit_new(Req *req);
void aid_post_commit_new(Req *req);
void aid_page_commit(Req *req);
void aid_post_commit_pay(Req *req);
void aid_post_commit_proof(Req *req);
void aid_post_commit_break(Req *req);
void aid_post_commit_close(Req *req);
void aid_page_dashboard(Req *req);
void aid_register_csv(Req *req);
void aid_portfolio_csv(Req *req);
void aid_portfolio_xlsx(Req *req);
void aid_register_xlsx(Req *req);
void aid_api_simulate(Req *req);
void aid_api_list(Req *req);
void aid_api_get(Req *req);
void aid_api_put(Req *req);
void aid_api_commit_list(Req *req);
void aid_api_commit_create(Req *req);
void aid_api_commit_get(Req *req);
void aid_api_commit_pay(Req *req);
void aid_api_commit_proof(Req *req);
void aid_api_commit_break(Req *req);
void aid_api_commit_close(Req *req);
void aid_api_alerts(Req *req);
void aid_api_portfolio(Req *req);
/* A commitment as JSON (with the scheme name when known), personal data
** included: agents only. */
json_t *aid_web_commit_json(Store *db, const AidCommitment *c);

#endif
