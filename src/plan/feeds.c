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
  int n, nCap;
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
  if (s->n == s->nCap) {
    int nNew = s->nCap ? 2 * s->nCap : 16;
    const char **azNew = arena_alloc(a, sizeof *azNew * (size_t)nNew);
    if (s->n) memcpy(azNew, s->az, sizeof *azNew * (size_t)s->n);
    s->az = azNew;
    s->nCap = nNew;
  }
  s->az[s->n++] = z;
  return 1;
}

/* Where one payment goes: an action, and the plan when first counted. */
typedef struct Sink Sink;
struct Sink {
  Arena *a;
  PlanSummary *p;
  PlanAction *pAct;
  int isPlan;                  /* count in the plan's totals too */
  int iSrc;                    /* PLAN_SRC_* */
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
                          const char *zDate, double amount)
{
  sink_add(pArg, zDate, (int64_t)llround(amount * 100));
  return 0;
}

/* Counts of commitments of one scheme, or of every scheme. */
typedef struct CommitCount CommitCount;
struct CommitCount {
  PlanFacts *pFacts;
  Arena *a;
  PlanSummary *pYears;         /* non-NULL: also by year of signature */
};

static int commit_cb(void *pArg, const AidCommitment *c)
{
  CommitCount *k = pArg;
  k->pFacts->nSigned++;
  if (c->status == AID_CS_HONOURED) k->pFacts->nHonoured++;
  int y = year_of(c->zSigned);
  if (k->pYears && y) plan_summary_year(k->a, k->pYears, y)->facts.nSigned++;
  return 0;
}

/* Trainees of place placeId (0: all): assignments, and distinct trainees
** later settled.  With pYears, assignments also by year of start. */
static int trainees_count(Store *db, Arena *a, int64_t placeId, PlanFacts *f,
                          PlanSummary *pYears, Err *err)
{
  Assignment *aX;
  int nX;
  int rc = place_assignment_list(db, a, 0, placeId, &aX, &nX, err);
  if (rc) return rc;
  int64_t *aSeen = arena_alloc(a, sizeof *aSeen * (size_t)(nX + 1));
  int nSeen = 0;
  for (int i = 0; i < nX; i++) {
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
    if (st.ytd.consultations == 0 && st.ytd.cumMtPatients == 0) continue;
    f->nConsultations += st.ytd.consultations;
    if (st.ytd.cumMtPatients > 0) last = st.ytd.cumMtPatients;
    if (pYears) {
      PlanYear *py = plan_summary_year(a, pYears, y);
      py->facts.nConsultations += st.ytd.consultations;
      py->facts.nPatientsMt += st.ytd.cumMtPatients;
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
static int link_add(Store *db, Arena *a, PlanSummary *p, PlanAction *pAct,
                    const PlanLink *l, Seen *pSeen, int yTo, Err *err)
{
  Sink k = {a, p, pAct, seen_first(a, pSeen, l->zKind, l->zTarget), 0};
  int64_t id = atoll(l->zTarget);
  int rc = 0;
  if (strcmp(l->zKind, "aide") == 0) {
    k.iSrc = PLAN_SRC_AIDES;
    rc = aid_payment_each(db, l->zTarget, aid_payment_cb, &k, err);
    AidCommitFilter f = {0, l->zTarget, NULL, NULL, NULL};
    CommitCount cc = {&pAct->facts, a, NULL};
    if (!rc) rc = aid_commit_each(db, &f, commit_cb, &cc, err);
  } else if (strcmp(l->zKind, "stage") == 0 && id > 0) {
    AllowPayment *aP;
    int nP;
    k.iSrc = PLAN_SRC_STAGES;
    rc = place_allowance_payments(db, a, id, &aP, &nP, err);
    for (int i = 0; !rc && i < nP; i++) sink_add(&k, aP[i].zPaidOn, aP[i].cents);
    if (!rc) rc = trainees_count(db, a, id, &pAct->facts, NULL, err);
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
static int64_t all_payments(Store *db, Arena *a, int yTo)
{
  Err err = {0};
  PlanSummary dummy;
  PlanAction act;
  memset(&dummy, 0, sizeof dummy);
  memset(&act, 0, sizeof act);
  Sink k = {a, &dummy, &act, 0, PLAN_SRC_AIDES};
  aid_payment_each(db, NULL, aid_payment_cb, &k, &err);
  AllowPayment *aP;
  int nP;
  if (place_allowance_payments(db, a, 0, &aP, &nP, &err) == 0) {
    for (int i = 0; i < nP; i++) act.spentCents += aP[i].cents;
  }
  Centre *aC;
  int nC;
  err_clear(&err);
  if (centre_list(db, a, 0, &aC, &nC, &err) == 0) {
    for (int i = 0; i < nC; i++) {
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
static int territory_facts(Store *db, Arena *a, PlanSummary *p, int yTo,
                           Err *err)
{
  CaseFilter cf = {0};
  cf.zState = "clos";
  Dossier *aD;
  int nD;
  TerrScope scope;
  int rc = terr_scope_load(db, a, &scope, err);
  if (!rc) rc = case_dossier_list(db, a, &cf, 1000000, &aD, &nD, err);
  for (int i = 0; !rc && i < nD; i++) {
    if (!aD[i].zOutcome || strcmp(aD[i].zOutcome, "installe")) continue;
    if (!terr_scope_has_commune(db, &scope, aD[i].zOutcomeCommune)) continue;
    p->facts.nSettled++;
    int y = year_of(aD[i].zOutcomeDate);
    if (y) plan_summary_year(a, p, y)->facts.nSettled++;
  }
  CommitCount cc = {&p->facts, a, p};
  if (!rc) rc = aid_commit_each(db, NULL, commit_cb, &cc, err);
  if (!rc) rc = trainees_count(db, a, 0, &p->facts, p, err);
  CentreNetwork *aN;
  int nN;
  if (!rc) rc = centre_network_list(db, a, &aN, &nN, err);
  for (int i = 0; !rc && i < nN; i++) {
    if (!terr_scope_has_dep(&scope, aN[i].zDep)) continue;
    rc = centre_count(db, a, CENTRE_SCOPE_NETWORK, aN[i].id, yTo, &p->facts,
                      p, err);
  }
  PortalEvent *aE;
  int nE;
  if (!rc) rc = portal_event_list(db, a, NULL, 0, &aE, &nE, err);
  for (int i = 0; !rc && i < nE; i++) p->facts.nRegistrants += aE[i].nRegistered;
  return rc;
}

int plan_feeds_add(Store *db, Arena *a, PlanSummary *p, Err *err)
{
  int yTo, m, d;
  caldate_ymd(caldate_today(), &yTo, &m, &d);
  Seen seen = {0};
  int64_t linked = 0;
  for (int k = 0; k < p->nAction; k++) {
    PlanAction *pAct = &p->aAction[k];
    PlanLink *aL;
    int nL;
    int rc = plan_link_list(db, a, pAct->id, &aL, &nL, err);
    for (int i = 0; !rc && i < nL; i++) {
      rc = link_add(db, a, p, pAct, &aL[i], &seen, yTo, err);
    }
    if (rc) return rc;
  }
  for (int i = 0; i < PLAN_SRC_MANUEL; i++) linked += p->aSpent[i];
  p->unlinkedCents = all_payments(db, a, yTo) - linked;
  if (p->unlinkedCents < 0) p->unlinkedCents = 0;
  int rc = territory_facts(db, a, p, yTo, err);
  if (rc) return rc;
  for (int k = 0; k < p->nAction; k++) {
    facts_fold(&p->aAction[k].facts, p->aAction[k].aOutput);
  }
  for (int y = 0; y < p->nYear; y++) {
    facts_fold(&p->aYear[y].facts, p->aYear[y].aOutput);
  }
  facts_fold(&p->facts, p->aOutput);
  PortalSettings set;
  Err e2 = {0};
  p->zTerritory = "";
  if (portal_settings_load(db, a, &set, &e2) == 0) {
    p->zTerritory = set.zTerritory;
    p->nVintage = portal_feed_vintages(db, a, 0, set.zTerritory,
                                       &p->aVintage);
  }
  return 0;
}

/* ---- link targets --------------------------------------------------- */

typedef struct TargetList TargetList;
struct TargetList {
  Arena *a;
  PlanTarget *aT;
  int n, nCap;
};

static void target_add(TargetList *t, const char *zKind, const char *zTarget,
                       const char *zLabel)
{
  if (t->n == t->nCap) {
    int nNew = t->nCap ? 2 * t->nCap : 32;
    PlanTarget *aNew = arena_alloc(t->a, sizeof *aNew * (size_t)nNew);
    if (t->n) memcpy(aNew, t->aT, sizeof *aNew * (size_t)t->n);
    t->aT = aNew;
    t->nCap = nNew;
  }
  PlanTarget *p = &t->aT[t->n++];
  p->zKind = zKind;
  p->zTarget = arena_strdup(t->a, zTarget);
  p->zLabel = arena_strdup(t->a, zLabel);
}

int plan_targets(Store *db, Arena *a, PlanTarget **pa, int *pn, Err *err)
{
  TargetList t = {a, NULL, 0, 0};
  AidCatalog *pCat = aid_catalog_new();
  int rc = aid_store_load(db, pCat, 0, err);
  for (int i = 0; !rc && i < pCat->nScheme; i++) {
    target_add(&t, "aide", pCat->aScheme[i].zId, pCat->aScheme[i].zName);
  }
  aid_catalog_free(pCat);
  Centre *aC;
  int nC;
  if (!rc) rc = centre_list(db, a, 0, &aC, &nC, err);
  for (int i = 0; !rc && i < nC; i++) {
    char z[24];
    snprintf(z, sizeof z, "%lld", (long long)aC[i].id);
    target_add(&t, "centre", z, aC[i].zName);
  }
  Place *aP;
  int nP;
  if (!rc) rc = place_list(db, a, &aP, &nP, err);
  for (int i = 0; !rc && i < nP; i++) {
    char z[24];
    snprintf(z, sizeof z, "%lld", (long long)aP[i].id);
    target_add(&t, "stage", z, aP[i].zStructure);
  }
  PortalEvent *aE;
  int nE;
  if (!rc) rc = portal_event_list(db, a, NULL, 0, &aE, &nE, err);
  for (int i = 0; !rc && i < nE; i++) {
    char z[24];
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
  err_set(err, ERR_INPUT, "Objet inconnu : choisissez une aide, un centre, "
          "un terrain de stage ou une rencontre de la liste");
  err_field(err, "objet");
  return ERR_INPUT;
}
