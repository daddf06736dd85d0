/*
** aids/money.c: the money of a simulation — month by month, totals, the
** years of practice owed, and the best combination of schemes.
**
** Pure arithmetic on the catalogue and the profile: no SQL, no output.
** Amounts that are not published stay unknown (isTotalKnown = 0): they are
** never counted as zero in a total that claims to be known.
*/
#include <string.h>

#include "aids/aids.h"
#include "base/money.h"

/* A placement (stage d'internat) lasts one semester. */
#define AID_PLACEMENT_MONTHS 6

/*
** Last year of study by profession, counted from PASS/LAS (or the first year
** of training) = 1.  Médecine générale: 6 + DES of 4 years (since 2023);
** other specialties: 6 + 5 (typical; 4 to 6 by specialty); odontology 6;
** maïeutique 5; IFSI 3; masso-kinésithérapie 1 + 4; other paramedical 3.
*/
static const int aLastYear[AID_NPROF] = {10, 11, 6, 5, 3, 5, 3};

int aid_study_last_year(int profession)
{
  return profession >= 0 && profession < AID_NPROF ? aLastYear[profession] : 0;
}

int aid_months_to_end_of_studies(const AidProfile *p)
{
  if (p->status != AID_ETUDIANT && p->status != AID_INTERNE &&
      p->status != AID_DOCJR)
    return 0;
  if (!p->year) return -1;
  int n = (aLastYear[p->profession] - p->year + 1) * 12;
  return n > 0 ? n : 0;
}

/* Months benefit b lasts for p, -1 when unknown. */
static int benefit_length(const AidBenefit *b, const AidProfile *p)
{
  switch (b->durKind) {
    case AID_DUR_MONTHS: return b->nMonths;
    case AID_DUR_END_STUDIES: return aid_months_to_end_of_studies(p);
    case AID_DUR_END_PLACEMENT: return AID_PLACEMENT_MONTHS;
    default: return -1;
  }
}

int aid_scheme_months(const AidScheme *s, const AidProfile *p)
{
  int nMax = 0;
  for (int i = 0; i < s->nBen; i++) {
    const AidBenefit *b = &s->aBen[i];
    if (b->kind != AID_BEN_MONEY) continue;
    int n = b->period == AID_PER_ONCE ? 1 : benefit_length(b, p);
    if (n > nMax) nMax = n;
  }
  return nMax;
}

int aid_benefit_months(const AidBenefit *b, const AidProfile *p,
                       int64_t *aMonth, int nHorizon, int *pnMonths)
{
  *pnMonths = 0;
  if (b->kind != AID_BEN_MONEY || !b->hasAmount) return 0;
  int nLen = b->period == AID_PER_ONCE ? 1 : benefit_length(b, p);
  int nStep = b->period == AID_PER_YEAR ? 12 : 1;
  if (nLen < 0 || b->period == AID_PER_UNKNOWN) return 0;
  int64_t sum = 0;
  for (int m = 0; m < nLen && m < nHorizon; m += nStep) {
    int64_t v = b->amountCents;
    if (b->ceilingCents > 0 && sum + v > b->ceilingCents)
      v = b->ceilingCents - sum;
    if (v <= 0) break;
    aMonth[m] += v;
    sum += v;
    if (b->period == AID_PER_MONTH) (*pnMonths)++;
  }
  return 1;
}

void aid_result_money(const AidScheme *s, const AidProfile *p, AidResult *r,
                      int64_t *aMonth, int nHorizon)
{
  r->aMonth = aMonth;
  r->isTotalKnown = 1;
  r->totalCents = 0;
  r->nMonthPaid = 0;
  for (int i = 0; i < s->nBen; i++) {
    const AidBenefit *b = &s->aBen[i];
    if (b->kind != AID_BEN_MONEY) continue;
    int nPaid;
    if (!aid_benefit_months(b, p, r->aMonth, nHorizon, &nPaid))
      r->isTotalKnown = 0;
    if (b->isUpTo) r->isUpTo = 1;
    if (nPaid > r->nMonthPaid) r->nMonthPaid = nPaid;
  }
  for (int m = 0; m < nHorizon; m++) r->totalCents += r->aMonth[m];
  const AidCommit *c = &s->commit;
  if (!c->hasCommit) {
    r->commitYears = 0;
  } else if (c->isAsReceived) {
    double y = r->nMonthPaid / 12.0;
    r->commitYears = y > c->minYears ? y : c->minYears;
  } else {
    r->commitYears = c->years;
  }
}

/* ---- best combination --------------------------------------------------- */

typedef struct Search Search;
struct Search {
  const unsigned char *aCumul;   /* catalogue's n x n matrix */
  int nScheme;
  int *aIdx;                     /* candidates, by total descending */
  int64_t *aTotal;
  int64_t *aRest;                 /* aRest[k] = sum of aTotal[k..] */
  int nCand;
  int *aCur, nCur;
  int *aBest, nBest;
  int64_t best;
};

static int fits(const Search *s, int iScheme)
{
  for (int k = 0; k < s->nCur; k++) {
    if (s->aCumul[s->aCur[k] * s->nScheme + iScheme] == 2) return 0;
  }
  return 1;
}

/* Branch and bound over the candidates from k on, with `sum` taken. */
static void search(Search *s, int k, int64_t sum)
{
  if (sum > s->best) {
    s->best = sum;
    s->nBest = s->nCur;
    memcpy(s->aBest, s->aCur, sizeof(int) * s->nCur);
  }
  if (k >= s->nCand || sum + s->aRest[k] <= s->best) return;
  if (fits(s, s->aIdx[k])) {
    s->aCur[s->nCur++] = s->aIdx[k];
    search(s, k + 1, sum + s->aTotal[k]);
    s->nCur--;
  }
  search(s, k + 1, sum);
}

/*
** The candidates are the eligible or à-vérifier schemes with a known,
** positive money total.  Up to 30 of them (far more than any real profile
** meets) the search is exact; beyond, the first 30 by amount are searched.
*/
/* A scheme paid during a placement (a condition on the placement's place
** or zone) counts in the best combination only once a placement is given:
** a blank optional field must not add its money (issue 13).  It stays
** listed as « à vérifier » with its reasons. */
static int needs_placement(const AidScheme *p, const AidProfile *pProf)
{
  if (pProf->placement.zCommune[0]) return 0;
  for (int i = 0; i < p->nCond; i++) {
    if (p->aCond[i].kind == AID_COND_PLACEMENT_IN ||
        p->aCond[i].kind == AID_COND_ZONE_PLACEMENT)
      return 1;
  }
  return 0;
}

void aid_best_combination(const AidCatalog *pCat, AidSim *pSim, Arena *a)
{
  enum { MAXC = 30 };
  int n = pSim->nRes;
  Search s;
  memset(&s, 0, sizeof s);
  s.aCumul = pCat->aCumul;
  s.nScheme = pCat->nScheme;
  s.aIdx = arena_alloc(a, sizeof(int) * (n + 1));
  s.aTotal = arena_alloc(a, sizeof(int64_t) * (n + 1));
  s.aRest = arena_alloc(a, sizeof(int64_t) * (n + 2));
  s.aCur = arena_alloc(a, sizeof(int) * (n + 1));
  s.aBest = arena_alloc(a, sizeof(int) * (n + 1));
  for (int i = 0; i < n; i++) {
    const AidResult *r = &pSim->aRes[i];
    if (r->verdict == AID_NOT_ELIGIBLE || !r->isTotalKnown ||
        r->totalCents <= 0 || needs_placement(r->pScheme, &pSim->profile))
      continue;
    /* insertion by total, descending; ties keep catalogue order */
    int k = s.nCand++;
    while (k > 0 && s.aTotal[k - 1] < r->totalCents) {
      s.aIdx[k] = s.aIdx[k - 1];
      s.aTotal[k] = s.aTotal[k - 1];
      k--;
    }
    s.aIdx[k] = i;
    s.aTotal[k] = r->totalCents;
  }
  if (s.nCand > MAXC) s.nCand = MAXC;
  for (int k = s.nCand - 1; k >= 0; k--) s.aRest[k] = s.aRest[k + 1] + s.aTotal[k];
  search(&s, 0, 0);
  pSim->aBest = s.aBest;
  pSim->nBest = s.nBest;
  pSim->bestTotalCents = s.best;
  pSim->isBestKnown = 1;
  /* Commitments of the combination: served at once when the target
  ** commune satisfies every one of them, one after another otherwise. */
  double maxYears = 0, sumYears = 0;
  int nBound = 0, isAllHere = 1;
  for (int k = 0; k < s.nBest; k++) {
    const AidResult *r = &pSim->aRes[s.aBest[k]];
    if (r->isUpTo) pSim->isBestKnown = 0;
    if (r->commitYears <= 0) continue;
    nBound++;
    sumYears += r->commitYears;
    if (r->commitYears > maxYears) maxYears = r->commitYears;
    if (r->isPlaceOk != 1) isAllHere = 0;
  }
  pSim->isCommitOverlap = nBound > 1 && isAllHere;
  pSim->commitYearsTotal = pSim->isCommitOverlap ? maxYears : sumYears;
}
