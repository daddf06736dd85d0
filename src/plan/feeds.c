/*
** plan/feeds.c: what the plan reads from the other modules, through their
** headers only: the payments they log (aid payments in the commitments
** register, placement allowances paid, centre salaries and charges with
** their reimbursements) and the outputs they measure (doctors settled in
** the guichet unique, commitments, trainees, consultations, patients with
** a médecin traitant, event registrations), plus the observatory's
** vintages for the portal's département.
**
** Money follows the action's links: an action funding aid scheme X gets
** the payments on X's commitments.  A payment linked by two actions shows
** in both actions but once in the plan's totals.  Nothing is copied into
** the plan's tables: the dashboard always shows what the modules hold.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aids/aids.h"
#include "base/caldate.h"
#include "cases/cases.h"
#include "centres/centres.h"
#include "placements/placements.h"
#include "plan/plan.h"
#include "portal/portal.h"
#include "territory/scope.h"

#define FEED_YEAR_FIRST 2015    /* first year the centres' figures are read */

const char *const plan_source_labels[PLAN_N_SRC] = {
  "Aides versées (registre des engagements)",
  "Indemnités de stage versées",
  "Centres de santé : salaires et charges",
  "Saisies de l'équipe",
};

int64_t plan_settled(const PlanFacts *f, const int64_t *aOutput)
{
  return aOutput[0];
}

/* Fold the modules' figures into the outputs (in plan_output_codes
** order): installes, engagements, etudiants, consultations, patients-mt. */
static void facts_fold(const PlanFacts *f, int64_t *aOutput)
{
  aOutput[0] += f->nSettled;
  aOutput[1] += f->nSigned;
  aOutput[2] += f->nTrainees;
  aOutput[3] += f->nConsultations;
  aOutput[4] += f->nPatientsMt;
}

/* Year of "YYYY-…", or 0. */
static int year_of(const char *z)
{
  if (!z || strlen(z) < 4) return 0;
  int y = atoi(z);
  return y >= 2000 && y <= 2100 ? y : 0;
}

/* The link keys already counted in the plan's totals. */
typedef struct Seen Seen;
struct Seen {
  int n;
  const char **az;
};

/* 1 when "kind:target" was not seen yet (and remember it). */
static int seen_first(Arena *a, Seen *s, const char *zKind,
                      const char *zTarget)
{
  char *z = arena_printf(a, "%s:%s", zKind, zTarget);
  for (int i = 0; i < s->n; i++) {
    if (strcmp(s->az[i], z) == 0) return 0;
  }
  store_grow((void **)&s->az, s->n, sizeof *s->az, a);
  s->az[s->n++] = z;
  return 1;
}

/* A sorted list of ids (the records that lie outside the territory). */
typedef struct IdSet IdSet;
struct IdSet {
  int n;
  int64_t *a;
};

static void idset_add(Arena *a, IdSet *s, int64_t id)
{
  store_grow((void **)&s->a, s->n, sizeof *s->a, a);
  int i = s->n;
  while (i > 0 && s->a[i - 1] > id) {
    s->a[i] = s->a[i - 1];
    i--;
  }
  s->a[i] = id;
  s->n++;
}

static int idset_has(const IdSet *s, int64_t id)
{
  int lo = 0, hi = s->n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (s->a[mid] == id) return 1;
    if (s->a[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/* The instance's territory (territory/scope.h) and what the modules hold
** outside it: the plan counts none of it (DESIGN.md, "one territory"). */
typedef struct Scope Scope;
struct Scope {
  Store *db;
  TerrScope terr;
  IdSet commitOut;             /* aid commitments placed outside */
  IdSet centreOut;             /* centres of a network outside */
  IdSet placeOut;              /* placement structures outside */
};

/* True when commune zCode lies outside the territory; a record with no
** commune is not known to be outside. */
static int scope_out_commune(const Scope *sc, const char *zCode)
{
  if (!sc->terr.nDep || !zCode || !zCode[0]) return 0;
  return !terr_scope_has_commune(sc->db, &sc->terr, zCode);
}

static int scope_commit_cb(void *pArg, const AidCommitment *c)
{
  void **ap = pArg;
  Scope *sc = ap[0];
  if (scope_out_commune(sc, c->zPlace)) idset_add(ap[1], &sc->commitOut, c->id);
  return 0;
}

/* Load the territory and the ids of what lies outside it. */
static int scope_load(Store *db, Arena *a, Scope *sc, Err *err)
{
  memset(sc, 0, sizeof *sc);
  sc->db = db;
  int rc = terr_scope_load(db, a, &sc->terr, err);
  if (rc || !sc->terr.nDep) return rc;
  void *ap[2] = {sc, a};
  rc = aid_commit_each(db, NULL, scope_commit_cb, ap, err);
  CentreNetwork *aN;
  Centre *aC;
  int nN = 0, nC = 0;
  if (!rc) rc = centre_network_list(db, a, &aN, &nN, err);
  if (!rc) rc = centre_list(db, a, 0, &aC, &nC, err);
  for (int i = 0; !rc && i < nC; i++) {
    for (int k = 0; k < nN; k++) {
      if (aN[k].id == aC[i].networkId &&
          !terr_scope_has_dep(&sc->terr, aN[k].zDep)) {
        idset_add(a, &sc->centreOut, aC[i].id);
      }
    }
  }
  Place *aP;
  int nP = 0;
  if (!rc) rc = place_list(db, a, &aP, &nP, err);
  for (int i = 0; !rc && i < nP; i++) {
    if (scope_out_commune(sc, aP[i].zCommune)) {
      idset_add(a, &sc->placeOut, aP[i].id);
    }
  }
  return rc;
}

/* Where one payment goes: an action, and the plan when first counted. */
typedef struct Sink Sink;
struct Sink {
  Arena *a;
  PlanSummary *p;
  PlanAction *pAct;
  int isPlan;                  /* count in the plan's totals too */
  int iSrc;                    /* PLAN_SRC_* */
  const Scope *pScope;
};

static void sink_add(Sink *k, const char *zDate, int64_t cents)
{
  k->pAct->aSpent[k->iSrc] += cents;
  k->pAct->spentCents += cents;
  if (!k->isPlan) return;
  int y = year_of(zDate);
  if (y) {
    PlanYear *py = plan_summary_year(k->a, k->p, y);
    py->aSpent[k->iSrc] += cents;
    py->spentCents += cents;
  }
  k->p->aSpent[k->iSrc] += cents;
  k->p->spentCents += cents;
}

static int aid_payment_cb(void *pArg, long long idCommit, const char *zAid,
                          const char *zDate, int64_t cents)
{
  Sink *k = pArg;
  if (!idset_has(&k->pScope->commitOut, idCommit)) sink_add(k, zDate, cents);
  return 0;
}

/* Allowances paid on placements inside the territory. */
static void sink_allowances(Sink *k, const AllowPayment *aP, int nP)
{
  for (int i = 0; i < nP; i++) {
    if (!idset_has(&k->pScope->placeOut, aP[i].placeId)) {
      sink_add(k, aP[i].zPaidOn, aP[i].cents);
    }
  }
}

/* Counts of commitments of one scheme, or of every scheme. */
typedef struct CommitCount CommitCount;
struct CommitCount {
  PlanFacts *pFacts;
  Arena *a;
  PlanSummary *pYears;         /* non-NULL: also by year of signature */
  const Scope *pScope;
  PlanFacts *pOut;             /* non-NULL: count those outside there */
};

static int commit_cb(void *pArg, const AidCommitment *c)
{
  CommitCount *k = pArg;
  if (idset_has(&k->pScope->commitOut, c->id)) {
    if (k->pOut) k->pOut->nSigned++;
    return 0;
  }
  k->pFacts->nSigned++;
  if (c->status == AID_CS_HONOURED) k->pFacts->nHonoured++;
  int y = year_of(c->zSigned);
  if (k->pYears && y) plan_summary_year(k->a, k->pYears, y)->facts.nSigned++;
  return 0;
}

/* Trainees of place placeId (0: all) inside the territory: assignments,
** and distinct trainees later settled.  With pYears, assignments also by
** year of start, and those outside counted in pYears->outside. */
static int trainees_count(Store *db, Arena *a, const Scope *sc,
                          int64_t placeId, PlanFacts *f, PlanSummary *pYears,
                          Err *err)
{
  Assignment *aX;
  int nX;
  int rc = place_assignment_list(db, a, 0, placeId, &aX, &nX, err);
  if (rc) return rc;
  int64_t *aSeen = arena_alloc(a, sizeof *aSeen * (size_t)(nX + 1));
  int nSeen = 0;
  for (int i = 0; i < nX; i++) {
    if (idset_has(&sc->placeOut, aX[i].placeId)) {
      if (pYears) pYears->outside.nTrainees++;
      continue;
    }
    f->nTrainees++;
    int y = year_of(aX[i].zStartOn);
    if (pYears && y) plan_summary_year(a, pYears, y)->facts.nTrainees++;
    int isSeen = 0;
    for (int j = 0; j < nSeen; j++) isSeen |= aSeen[j] == aX[i].traineeId;
    if (isSeen) continue;
    aSeen[nSeen++] = aX[i].traineeId;
    Outcome o;
    Err e2 = {0};
    if (place_outcome_get(db, a, aX[i].traineeId, &o, &e2) == 0 &&
        o.isSettled) {
      f->nTraineesSettled++;
    }
  }
  return 0;
}

/* Activity of a centre (scope CENTRE) or a network (NETWORK) year by
** year: consultations add up, patients with a médecin traitant are the
** last year's stock.  With pYears, also by year. */
static int centre_count(Store *db, Arena *a, CentreScope scope, int64_t id,
                        int yTo, PlanFacts *f, PlanSummary *pYears, Err *err)
{
  int64_t last = 0;
  for (int y = FEED_YEAR_FIRST; y <= yTo; y++) {
    CentreStats st;
    int rc = centre_stats(db, a, scope, id, y, 12, &st, err);
    if (rc) return rc;
    /* a published yearly total gives consultations but no patients
    ** (centres/stats.c says -1: not published); nothing is not 0 */
    int hasCons = st.ytd.consultations > 0 || st.isPublished;
    int hasMt = st.ytd.cumMtPatients > 0;
    if (!hasCons && !hasMt) continue;
    f->nConsultations += st.ytd.consultations > 0 ? st.ytd.consultations : 0;
    if (hasMt) last = st.ytd.cumMtPatients;
    if (pYears) {
      PlanYear *py = plan_summary_year(a, pYears, y);
      if (hasCons) {
        py->facts.nConsultations += st.ytd.consultations;
        py->hasOutput |= 1u << PLAN_OUT_CONSULTATIONS;
      }
      if (hasMt) {
        py->facts.nPatientsMt += st.ytd.cumMtPatients;
        py->hasOutput |= 1u << PLAN_OUT_PATIENTS_MT;
      }
    }
  }
  f->nPatientsMt += last;
  return 0;
}

/* Salaries and charges of centre id (spending) and its reimbursements
** (receipts), month by month. */
static int centre_money(Store *db, Arena *a, int64_t id, int yTo, Sink *k,
                        Err *err)
{
  for (int y = FEED_YEAR_FIRST; y <= yTo; y++) {
    CentreFinance *aF;
    int nF;
    int rc = centre_finance_list(db, a, id, y, &aF, &nF, err);
    if (rc) return rc;
    for (int i = 0; i < nF; i++) {
      char zDate[16];
      snprintf(zDate, sizeof zDate, "%04d-%02d", aF[i].year, aF[i].month);
      sink_add(k, zDate, aF[i].salariesCents + aF[i].chargesCents);
      k->pAct->receiptsCents += aF[i].reimbursementsCents;
      if (k->isPlan) {
        plan_summary_year(a, k->p, aF[i].year)->receiptsCents +=
            aF[i].reimbursementsCents;
        k->p->receiptsCents += aF[i].reimbursementsCents;
      }
    }
  }
  return 0;
}

/* Money and figures of one link of action pAct. */
static int link_add(Store *db, Arena *a, const Scope *sc, PlanSummary *p,
                    PlanAction *pAct, const PlanLink *l, Seen *pSeen, int yTo,
                    Err *err)
{
  Sink k = {a, p, pAct, seen_first(a, pSeen, l->zKind, l->zTarget), 0, sc};
  int64_t id = atoll(l->zTarget);
  int rc = 0;
  if (strcmp(l->zKind, "aide") == 0) {
    k.iSrc = PLAN_SRC_AIDES;
    rc = aid_payment_each_cents(db, l->zTarget, aid_payment_cb, &k, err);
    AidCommitFilter f = {0, l->zTarget, NULL, NULL, NULL};
    CommitCount cc = {&pAct->facts, a, NULL, sc, NULL};
    if (!rc) rc = aid_commit_each(db, &f, commit_cb, &cc, err);
  } else if (strcmp(l->zKind, "stage") == 0 && id > 0) {
    AllowPayment *aP;
    int nP;
    k.iSrc = PLAN_SRC_STAGES;
    rc = place_allowance_payments(db, a, id, &aP, &nP, err);
    if (!rc) sink_allowances(&k, aP, nP);
    if (!rc) rc = trainees_count(db, a, sc, id, &pAct->facts, NULL, err);
  } else if (strcmp(l->zKind, "centre") == 0 && idset_has(&sc->centreOut, id)) {
    return 0;                   /* another territory's centre */
  } else if (strcmp(l->zKind, "centre") == 0 && id > 0) {
    k.iSrc = PLAN_SRC_CENTRES;
    rc = centre_money(db, a, id, yTo, &k, err);
    if (!rc) {
      rc = centre_count(db, a, CENTRE_SCOPE_CENTRE, id, yTo, &pAct->facts,
                        NULL, err);
    }
  } else if (strcmp(l->zKind, "evenement") == 0 && id > 0) {
    PortalRegistration *aR;
    int nR;
    rc = portal_registration_list(db, a, id, &aR, &nR, err);
    if (!rc) pAct->facts.nRegistrants += nR;
  }
  return rc;
}

/* Sum of every payment the modules logged (linked or not), in cents. */
static int64_t all_payments(Store *db, Arena *a, const Scope *sc, int yTo)
{
  Err err = {0};
  PlanSummary dummy;
  PlanAction act;
  memset(&dummy, 0, sizeof dummy);
  memset(&act, 0, sizeof act);
  Sink k = {a, &dummy, &act, 0, PLAN_SRC_AIDES, sc};
  aid_payment_each_cents(db, NULL, aid_payment_cb, &k, &err);
  AllowPayment *aP;
  int nP;
  if (place_allowance_payments(db, a, 0, &aP, &nP, &err) == 0) {
    sink_allowances(&k, aP, nP);
  }
  Centre *aC;
  int nC;
  err_clear(&err);
  if (centre_list(db, a, 0, &aC, &nC, &err) == 0) {
    for (int i = 0; i < nC; i++) {
      if (idset_has(&sc->centreOut, aC[i].id)) continue;
      err_clear(&err);
      centre_money(db, a, aC[i].id, yTo, &k, &err);
    }
  }
  return act.spentCents;
}

/* The whole territory's figures, by year (guichet unique, commitments,
** placements, centres, events).  Only what lies inside the instance's
** territory counts (territory/scope.h): an installation in another
** département, another département's centres are not the plan's. */
static int territory_facts(Store *db, Arena *a, const Scope *sc,
                           PlanSummary *p, int yTo, Err *err)
{
  CaseFilter cf = {0};
  cf.zState = "clos";
  Dossier *aD;
  int nD;
  int rc = case_dossier_list(db, a, &cf, 1000000, &aD, &nD, err);
  for (int i = 0; !rc && i < nD; i++) {
    /* only an installation is one: a student's « stage effectué », an
    ** intern's « remplaçant·e » or a dossier without follow-up are not */
    if (!aD[i].zOutcome || strcmp(aD[i].zOutcome, "installe")) continue;
    if (!terr_scope_has_commune(db, &sc->terr, aD[i].zOutcomeCommune)) {
      p->outside.nSettled++;
      continue;
    }
    p->facts.nSettled++;
    int y = year_of(aD[i].zOutcomeDate);
    if (y) plan_summary_year(a, p, y)->facts.nSettled++;
  }
  CommitCount cc = {&p->facts, a, p, sc, &p->outside};
  if (!rc) rc = aid_commit_each(db, NULL, commit_cb, &cc, err);
  if (!rc) rc = trainees_count(db, a, sc, 0, &p->facts, p, err);
  CentreNetwork *aN;
  int nN;
  if (!rc) rc = centre_network_list(db, a, &aN, &nN, err);
  for (int i = 0; !rc && i < nN; i++) {
    if (!terr_scope_has_dep(&sc->terr, aN[i].zDep)) {
      rc = centre_count(db, a, CENTRE_SCOPE_NETWORK, aN[i].id, yTo,
                        &p->outside, NULL, err);
      continue;
    }
    rc = centre_count(db, a, CENTRE_SCOPE_NETWORK, aN[i].id, yTo, &p->facts,
                      p, err);
  }
  PortalEvent *aE;
  int nE;
  if (!rc) rc = portal_event_list(db, a, NULL, 0, &aE, &nE, err);
  for (int i = 0; !rc && i < nE; i++) {
    if (scope_out_commune(sc, aE[i].zCommune)) continue;   /* elsewhere */
    p->facts.nRegistrants += aE[i].nRegistered;
  }
  return rc;
}

int plan_feeds_add(Store *db, Arena *a, PlanSummary *p, Err *err)
{
  int yTo, m, d;
  caldate_ymd(caldate_today(), &yTo, &m, &d);
  Seen seen = {0};
  int64_t linked = 0;
  Scope sc;
  int rc = scope_load(db, a, &sc, err);
  if (rc) return rc;
  for (int k = 0; k < p->nAction; k++) {
    PlanAction *pAct = &p->aAction[k];
    PlanLink *aL;
    int nL;
    rc = plan_link_list(db, a, pAct->id, &aL, &nL, err);
    for (int i = 0; !rc && i < nL; i++) {
      rc = link_add(db, a, &sc, p, pAct, &aL[i], &seen, yTo, err);
    }
    if (rc) return rc;
  }
  for (int i = 0; i < PLAN_SRC_MANUEL; i++) linked += p->aSpent[i];
  p->unlinkedCents = all_payments(db, a, &sc, yTo) - linked;
  if (p->unlinkedCents < 0) p->unlinkedCents = 0;
  rc = territory_facts(db, a, &sc, p, yTo, err);
  if (rc) return rc;
  for (int k = 0; k < p->nAction; k++) {
    facts_fold(&p->aAction[k].facts, p->aAction[k].aOutput);
  }
  for (int y = 0; y < p->nYear; y++) {
    PlanYear *py = &p->aYear[y];
    facts_fold(&py->facts, py->aOutput);
    /* records counted by the modules: a year without one is a true 0 */
    py->hasOutput |= (1u << PLAN_OUT_INSTALLES) | (1u << PLAN_OUT_ENGAGEMENTS)
                     | (1u << PLAN_OUT_ETUDIANTS);
  }
  facts_fold(&p->facts, p->aOutput);
  for (int y = 0; y < p->nYear; y++) p->hasOutput |= p->aYear[y].hasOutput;
  p->hasOutput |= (1u << PLAN_OUT_INSTALLES) | (1u << PLAN_OUT_ENGAGEMENTS)
                  | (1u << PLAN_OUT_ETUDIANTS);
  TerrScope terr;
  portal_scope(db, a, &terr);
  p->zTerritory = terr.zName;
  rc = wf_no_gp_of_territory(db, a, terr.nDep ? terr.zJson : NULL, &p->noGp,
                             err);
  if (rc) return rc;
  p->nVintage = portal_feed_vintages(db, a, terr.zJson, &p->aVintage);
  return 0;
}

/* ---- link targets --------------------------------------------------- */

typedef struct TargetList TargetList;
struct TargetList {
  Arena *a;
  PlanTarget *aT;
  int n;
};

static void target_add(TargetList *t, const char *zKind, const char *zTarget,
                       const char *zLabel)
{
  store_grow((void **)&t->aT, t->n, sizeof *t->aT, t->a);
  PlanTarget *p = &t->aT[t->n++];
  p->zKind = zKind;
  p->zTarget = arena_strdup(t->a, zTarget);
  p->zLabel = arena_strdup(t->a, zLabel);
}

int plan_targets(Store *db, Arena *a, PlanTarget **pa, int *pn, Err *err)
{
  TargetList t = {a, NULL, 0};
  Scope sc;
  int rc = scope_load(db, a, &sc, err);
  if (rc) return rc;
  AidCatalog *pCat = aid_catalog_new();
  rc = aid_store_load(db, pCat, 0, err);
  for (int i = 0; !rc && i < pCat->nScheme; i++) {
    target_add(&t, "aide", pCat->aScheme[i].zId, pCat->aScheme[i].zName);
  }
  aid_catalog_free(pCat);
  Centre *aC;
  int nC;
  if (!rc) rc = centre_list(db, a, 0, &aC, &nC, err);
  for (int i = 0; !rc && i < nC; i++) {
    char z[24];
    if (idset_has(&sc.centreOut, aC[i].id)) continue;   /* not ours */
    snprintf(z, sizeof z, "%lld", (long long)aC[i].id);
    target_add(&t, "centre", z, aC[i].zName);
  }
  Place *aP;
  int nP;
  if (!rc) rc = place_list(db, a, &aP, &nP, err);
  for (int i = 0; !rc && i < nP; i++) {
    char z[24];
    if (idset_has(&sc.placeOut, aP[i].id)) continue;    /* not ours */
    snprintf(z, sizeof z, "%lld", (long long)aP[i].id);
    target_add(&t, "stage", z, aP[i].zStructure);
  }
  PortalEvent *aE;
  int nE;
  if (!rc) rc = portal_event_list(db, a, NULL, 0, &aE, &nE, err);
  for (int i = 0; !rc && i < nE; i++) {
    char z[24];
    if (scope_out_commune(&sc, aE[i].zCommune)) continue;  /* not ours */
    snprintf(z, sizeof z, "%lld", (long long)aE[i].id);
    target_add(&t, "evenement", z, arena_printf(a, "%s (%s)", aE[i].zTitle,
                                                aE[i].zDate));
  }
  *pa = t.aT;
  *pn = t.n;
  return rc;
}

int plan_target_check(Store *db, Arena *a, const char *zKind,
                      const char *zTarget, const char **pzLabel, Err *err)
{
  PlanTarget *aT;
  int nT;
  int rc = plan_targets(db, a, &aT, &nT, err);
  if (rc) return rc;
  for (int i = 0; i < nT; i++) {
    if (strcmp(aT[i].zKind, zKind) == 0 &&
        strcmp(aT[i].zTarget, zTarget) == 0) {
      *pzLabel = aT[i].zLabel;
      return 0;
    }
  }
  err_set(err, ERR_INPUT, "Objet inconnu ou hors territoire : choisissez "
          "une aide, un centre, un terrain de stage ou une rencontre de la "
          "liste");
  err_field(err, "objet");
  return ERR_INPUT;
}
