/*
** aids/web_int.h: what the aids module's web files share (not a public
** contract: other modules use aids.h).
**
**   fields.c     the field tables: simulator profile, commitment, actions
**   actions.c    every write (scheme, commitment, payment, proof, breach…)
**   present.c    labels, badges, condition and benefit texts, filters
**   pages_sim.c  the public simulator "Quelles aides pour moi ?"
**   pages_cat.c  catalogue list, detail, CSV/XLSX export
**   pages_edit.c back-office: create and edit a scheme, change its state
**   pages_reg.c  commitments register, alerts, dashboard
**   export.c     the exported tables (catalogue, register, portfolio)
**   api.c        /api/v1/simulations, /api/v1/aides…, /api/v1/engagements…
*/
#ifndef OASIS_AIDS_WEB_INT_H
#define OASIS_AIDS_WEB_INT_H
#include <jansson.h>

#include "aids/aids.h"
#include "territory/lookup.h"
#include "web/export.h"
#include "web/kit.h"
#include "web/kit_form.h"
#include "web/web.h"

/* The simulator's inputs as typed (query, form or JSON), "" when absent.
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
/* Read in through the simulator's field table from the query string (the
** shareable URL) when isQuery, else from the JSON body or the form.
** fields.c */
int aid_web_input_read(Req *req, int isQuery, AidWebInput *in, KitErrors *e);
/* Parse, resolve communes (INSEE code, "Nom (code)", postal code or name
** through lookup_search()) and check the profile.  ERR_INPUT /
** ERR_NOTFOUND with err's field set; several communes matching: ERR_INPUT
** and in->aChoice. */
int aid_web_profile(Req *req, AidWebInput *in, AidProfile *pProf,
                    Err *err);

/* ---- records read by pages and API alike, and their writes ---------------- */
/* A new commitment (fields.c aCommitField). */
typedef struct AidCommitIn AidCommitIn;
struct AidCommitIn {
  const char *zAid, *zBeneficiary, *zSigned, *zStart, *zEnd, *zPlace;
  int64_t euros;          /* "montant": euros as typed (form, former key) */
  int64_t cents;          /* "montant_centimes"; after the read: the amount */
};
/* Read a commitment; every bad field into e (also an unknown commune).
** Returns the number of errors added. */
int aid_commit_read(Req *req, AidCommitIn *in, KitErrors *e);

enum { AID_ACT_PAY, AID_ACT_PROOF, AID_ACT_BREAK, AID_ACT_CLOSE };
/* An action on a commitment: date (payment, proof, breach), amount
** (payment: montant or montant_centimes), statut honore|dispense (close). */
typedef struct AidActIn AidActIn;
struct AidActIn {
  const char *zDate;
  int64_t euros, cents;
  const char *zStatus;
  int status;             /* AID_CS_HONOURED / AID_CS_WAIVED for a close */
};
int aid_act_read(Req *req, int kind, AidActIn *in, KitErrors *e);

/* actions.c: the writes, each in one transaction with its audit record.
** Save scheme s (audit action zAction, detail pDetail stolen, NULL: id and
** state). */
int aid_act_scheme_put(Req *req, const AidScheme *s, const char *zAction,
                       json_t *pDetail, Err *err);
/* Record commitment in; *pId gets its id. */
int aid_act_commit_create(Req *req, const AidCommitIn *in, long long *pId,
                          Err *err);
/* Action kind (AID_ACT_*) on commitment id. */
int aid_act_commit(Req *req, long long id, int kind, const AidActIn *in,
                   Err *err);

/* ---- how aids things are shown (present.c) --------------------------------- */
/* Option value of an enum label: its normalised form ("medecin-generaliste"). */
const char *aid_web_code(Req *req, int kind, int value);
/* kit_select() of the labels of kind, value selected (-1 none); zEmpty adds
** a first empty option. */
void aid_web_select(Req *req, const KitErrors *e, const char *zName,
                    const char *zLabel, int kind, int value,
                    const char *zEmpty);
/* z with its first letter upper-cased (ASCII), for messages shown alone. */
const char *aid_web_sentence(Req *req, const char *z);
/* Badge of a verdict (text, never colour alone). */
void aid_web_verdict_badge(Req *req, int verdict);
/* Badge of a place's class as zoning_of() gave it, its source beside. */
void aid_web_zone_badge(Req *req, const AidPlace *pl);
/* What to do next, the official page, the team's last check, the contact
** of scheme s (simulator result and catalogue page alike). */
void aid_web_guide(Req *req, const AidScheme *s);
/* Condition c in French words ("à partir de la 2e année d'études"). */
const char *aid_web_cond_text(Req *req, const AidCond *c);
/* Benefit b in French ("Allocation d'études : jusqu'à 1 200 € par mois,
** jusqu'à la fin des études"). */
const char *aid_web_benefit_text(Req *req, const AidBenefit *b);
/* Commitment of scheme p in French, "" when none. */
const char *aid_web_commit_text(Req *req, const AidScheme *p);
/* "Blois (41018)" for a commune code, the code itself when unknown. */
const char *aid_web_place_label(Req *req, const char *zCode);
/* Load the catalogue (published only unless isAll) or reply 500 (NULL). */
AidCatalog *aid_web_catalog_or_reply(Req *req, int isAll);

/* ---- catalogue filters (pages_cat.c, api.c, export.c) ------------------- */
typedef struct AidFilter AidFilter;
struct AidFilter {
  const char *zText;       /* words in name or description */
  const char *zTerr;       /* INSEE code: commune, département or région */
  int profession, status, benefit, porteur, state;   /* -1: any */
};
void aid_web_filter_read(Req *req, AidFilter *f, int isAgent);
/* The catalogue as the request's role sees it (agents: every state) and
** the query's filter into *f; *ppPlace: its territory resolved as a
** commune into *pPlace, or NULL.  NULL when a 500 was answered. */
AidCatalog *aid_web_filtered_or_reply(Req *req, AidFilter *f,
                                      AidPlace *pPlace,
                                      const AidPlace **ppPlace);
/* 1 when scheme p passes f (pPlace: f->zTerr resolved as a commune, or
** NULL). */
int aid_web_filter_match(const AidFilter *f, const AidScheme *p,
                         const AidPlace *pPlace);
/* The filter as a query string "?a=b&…" ("" when none), for export links. */
const char *aid_web_filter_query(Req *req, const AidFilter *f);

/* ---- exports (export.c): one table each, CSV or XLSX by web/export.h ---- */
/* The schemes of pCat matching f (pPlace: f's territory as a commune). */
ExpTable *aid_exp_catalog(const AidCatalog *pCat, const AidFilter *f,
                          const AidPlace *pPlace);
/* The register rows passing f, or NULL with err filled. */
ExpTable *aid_exp_commitments(Store *db, const AidCommitFilter *f,
                              const char *zToday, Err *err);
/* The portfolio dashboard at zToday: by porteur, EPCI, département and
** région of practice, one table (column "Regroupement"); NULL on error. */
ExpTable *aid_exp_portfolio(Store *db, const char *zToday, Err *err);
/* Answer t in format f as zBase.csv|xlsx and free it; t NULL: answer err. */
void aid_exp_reply(Req *req, ExpTable *t, ExpFormat f, const char *zBase,
                   const Err *err);
/* The commitment of the path's id into *c, its id returned; else a 404
** (page or JSON) or an incident is queued and 0 returned. */
long long aid_web_commit_or_reply(Req *req, AidCommitment *c);
/* The API's answer to action kind (AID_ACT_*) on the commitment of the
** path (api.c): read, act, reply JSON. */
void aid_api_act(Req *req, int kind);
/* Read the register filters from the query (statut, aide, lieu, du, au). */
void aid_web_commit_filter(Req *req, AidCommitFilter *f);

/* The route handlers are declared by the table tools/mkroutes generates
** from their ROUTE: comments, not here. */

/* A commitment as JSON (with the scheme name when known), personal data
** included: agents only. */
json_t *aid_web_commit_json(Store *db, const AidCommitment *c);

#endif
