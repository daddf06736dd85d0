/*
** aids/json.c: a simulation as JSON (Jansson), the one shape shared by
** `oasis aids simulate` and POST /api/v1/simulations.
**
** Keys are English identifiers; every text meant for people (labels,
** sentences) is French.  Money is rounded to the cent.  No rules here.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aids/aids.h"

static json_t *money(double v)
{
  return json_real(round(v * 100.0) / 100.0);
}

static json_t *place_json(const AidPlace *pl)
{
  if (!pl->zCommune[0]) return json_null();
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
                   "code", pl->zCommune, "name", pl->zName, "dep", pl->zDep,
                   "dep_name", pl->zDepName, "reg", pl->zReg,
                   "reg_name", pl->zRegName, "epci", pl->zEpci,
                   "epci_name", pl->zEpciName,
                   "zone", pl->zone ? json_string(aid_label(AID_LABEL_ZONE,
                                                            pl->zone))
                                    : json_null(),
                   "apl", pl->hasApl ? json_real(pl->apl) : json_null(),
                   "apl_vintage", pl->aplVintage ? json_integer(pl->aplVintage)
                                                 : json_null());
}

static json_t *mask_json(int kind, unsigned m)
{
  json_t *a = json_array();
  for (int i = 0; i < 32; i++) {
    if (m & 1u << i) json_array_append_new(a, json_string(aid_label(kind, i)));
  }
  return a;
}

static json_t *benefit_json(const AidBenefit *b)
{
  json_t *o = json_pack("{s:s, s:s}", "type", aid_label(AID_LABEL_BEN, b->kind),
                        "label", b->zLabel ? b->zLabel : "");
  if (b->kind == AID_BEN_MONEY) {
    json_object_set_new(o, "amount", b->hasAmount ? money(b->amount)
                                                  : json_null());
    json_object_set_new(o, "up_to", json_boolean(b->isUpTo));
    json_object_set_new(o, "period", json_string(aid_label(AID_LABEL_PER,
                                                           b->period)));
    if (b->ceiling > 0) json_object_set_new(o, "ceiling", money(b->ceiling));
  }
  if (b->durKind == AID_DUR_MONTHS) {
    json_object_set_new(o, "duration_months", json_integer(b->nMonths));
  }
  json_object_set_new(o, "duration", json_string(aid_label(AID_LABEL_DUR,
                                                           b->durKind)));
  return o;
}

static json_t *terr_json(const AidTerr *a, int n);

static json_t *commit_json(const AidScheme *s, const AidResult *r)
{
  const AidCommit *c = &s->commit;
  if (!c->hasCommit) return json_null();
  Str places = STR_INIT;
  if (c->nPlace) aid_terr_say(&places, c->aPlace, c->nPlace);
  else aid_terr_say(&places, s->aTerr, s->nTerr);
  json_t *o = json_pack("{s:o, s:b, s:o, s:s, s:o, s:o, s:o, s:s, s:s, s:o}",
      "years", r->commitYears > 0 ? json_real(r->commitYears) : json_null(),
      "as_long_as_received", c->isAsReceived,
      "min_years", c->minYears > 0 ? json_real(c->minYears) : json_null(),
      "places", str_text(&places),
      "place_codes", c->nPlace ? terr_json(c->aPlace, c->nPlace)
                               : terr_json(s->aTerr, s->nTerr),
      "zones", mask_json(AID_LABEL_ZONE, c->zoneMask),
      "modes", mask_json(AID_LABEL_MODE, c->modeMask),
      "start", c->zStart ? c->zStart : "",
      "repayment", aid_label(AID_LABEL_REPAY, c->repay),
      "target_commune_fits", r->isPlaceOk < 0 ? json_null()
                                              : json_boolean(r->isPlaceOk));
  str_free(&places);
  return o;
}

static json_t *result_json(const AidResult *r, int nHorizon)
{
  static const char *const azOutcome[] = {"rempli", "non rempli",
                                          "à vérifier"};
  const AidScheme *s = r->pScheme;
  json_t *aReason = json_array();
  for (int i = 0; i < r->nReason; i++) {
    json_array_append_new(aReason, json_pack("{s:s, s:s}", "outcome",
        azOutcome[r->aReason[i].outcome], "text", r->aReason[i].zText));
  }
  json_t *aBen = json_array();
  for (int i = 0; i < s->nBen; i++)
    json_array_append_new(aBen, benefit_json(&s->aBen[i]));
  json_t *pMoney = json_pack("{s:o, s:b, s:b}", "total", money(r->total),
                             "known", r->isTotalKnown, "up_to", r->isUpTo);
  if (r->verdict != AID_NOT_ELIGIBLE) {
    json_t *aMonth = json_array();
    for (int m = 0; m < nHorizon; m++)
      json_array_append_new(aMonth, money(r->aMonth[m]));
    json_object_set_new(pMoney, "months", aMonth);
  }
  return json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:o, s:o, s:o,"
                   " s:s, s:s}",
      "id", s->zId, "name", s->zName,
      "porteur", "level", aid_label(AID_LABEL_PORTEUR, s->porteur),
                 "code", s->zPorteurCode, "name", s->zPorteurName,
      "verdict", aid_label(AID_LABEL_VERDICT, r->verdict),
      "reasons", aReason, "money", pMoney, "benefits", aBen,
      "commitment", commit_json(s, r),
      "contact", s->zContact, "source", s->zSource);
}

/* Euros the French way: "260 700 €", "7 333,33 €". */
static void euros_fr(Str *o, double v)
{
  char z[48];
  long long n = llround(v * 100.0);
  snprintf(z, sizeof z, "%lld", n / 100);
  size_t len = strlen(z);
  for (size_t i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0) str_appendc(o, ' ');
    str_appendc(o, z[i]);
  }
  if (n % 100) str_appendf(o, ",%02lld", n % 100);
  str_appendz(o, " €");
}

/* "Meilleure combinaison : 2 aides, 259 200 € (montants maximaux) ;
** engagements : 9 ans, tenus ensemble à Le Creusot (71153)." */
static void best_summary(Str *o, const AidSim *pSim)
{
  char zNum[32];
  if (!pSim->nBest) {
    str_appendz(o, "Aucune aide au montant connu ne s'applique.");
    return;
  }
  str_appendf(o, "Meilleure combinaison : %d aide%s, ", pSim->nBest,
              pSim->nBest > 1 ? "s" : "");
  euros_fr(o, pSim->bestTotal);
  str_appendz(o, pSim->isBestKnown ? "" : " (montants maximaux)");
  char *zDot;
  if (pSim->commitYearsTotal > 0) {
    snprintf(zNum, sizeof zNum, "%.1f", pSim->commitYearsTotal);
    size_t n = strlen(zNum);
    if (n > 2 && !strcmp(zNum + n - 2, ".0")) zNum[n - 2] = 0;
    zDot = strchr(zNum, '.');
    if (zDot) *zDot = ',';
    const AidPlace *pl = &pSim->profile.target;
    if (pSim->isCommitOverlap)
      str_appendf(o, " ; engagements : %s ans, tenus ensemble à %s (%s)",
                  zNum, pl->zName, pl->zCommune);
    else
      str_appendf(o, " ; engagements : %s ans au total, l'un après l'autre",
                  zNum);
  }
  str_appendc(o, '.');
}

json_t *aid_sim_json(const AidSim *pSim)
{
  const AidProfile *p = &pSim->profile;
  char zStart[16] = "";
  if (p->startYear)
    snprintf(zStart, sizeof zStart, "%04d-%02d", p->startYear, p->startMonth);
  json_t *pProf = json_pack("{s:s, s:s, s:o, s:b, s:o, s:o, s:o}",
      "profession", aid_label(AID_LABEL_PROF, p->profession),
      "status", aid_label(AID_LABEL_STATUS, p->status),
      "year", p->year ? json_integer(p->year) : json_null(),
      "pass_las", p->hasPassLas,
      "mode", p->mode >= 0 ? json_string(aid_label(AID_LABEL_MODE, p->mode))
                           : json_null(),
      "first_install", p->firstInstall >= 0 ? json_boolean(p->firstInstall)
                                            : json_null(),
      "start", zStart[0] ? json_string(zStart) : json_null());
  json_t *aRes = json_array();
  for (int i = 0; i < pSim->nRes; i++)
    json_array_append_new(aRes, result_json(&pSim->aRes[i], pSim->nHorizon));
  json_t *aPair = json_array();
  for (int k = 0; k < pSim->nPair; k++) {
    const AidPair *pp = &pSim->aPair[k];
    const AidScheme *a = pSim->aRes[pp->i].pScheme;
    const AidScheme *b = pSim->aRes[pp->j].pScheme;
    Str t = STR_INIT;
    if (pp->kind == 2)
      str_appendf(&t, "« %s » et « %s » ne se cumulent pas.", a->zName,
                  b->zName);
    else
      str_appendf(&t, "Cumul de « %s » et « %s » non précisé : à vérifier "
                  "par l'équipe.", a->zName, b->zName);
    json_array_append_new(aPair, json_pack("{s:[s,s], s:o, s:s}",
        "schemes", a->zId, b->zId,
        "combinable", pp->kind == 2 ? json_false() : json_null(),
        "text", str_text(&t)));
    str_free(&t);
  }
  json_t *aBest = json_array(), *aCheck = json_array();
  json_t *aMonths = json_array();
  for (int m = 0; m < pSim->nHorizon; m++) {
    double v = 0;
    for (int k = 0; k < pSim->nBest; k++)
      v += pSim->aRes[pSim->aBest[k]].aMonth[m];
    json_array_append_new(aMonths, money(v));
  }
  json_t *aCommit = json_array();
  for (int k = 0; k < pSim->nBest; k++) {
    const AidResult *r = &pSim->aRes[pSim->aBest[k]];
    json_array_append_new(aBest, json_string(r->pScheme->zId));
    if (r->verdict == AID_TO_CHECK)
      json_array_append_new(aCheck, json_string(r->pScheme->zId));
    if (r->commitYears > 0)
      json_array_append_new(aCommit, json_pack("{s:s, s:o}", "scheme",
                            r->pScheme->zId, "commitment",
                            commit_json(r->pScheme, r)));
  }
  Str summary = STR_INIT;
  best_summary(&summary, pSim);
  json_t *j = json_pack("{s:o, s:o, s:o, s:i, s:o, s:o, s:{s:o, s:o, s:o,"
                   " s:o, s:b, s:o, s:b, s:o, s:s}}",
      "profile", pProf, "commune", place_json(&p->target),
      "placement", place_json(&p->placement),
      "horizon_months", pSim->nHorizon, "schemes", aRes, "pairs", aPair,
      "best", "schemes", aBest, "to_check", aCheck,
              "total", money(pSim->bestTotal), "months", aMonths,
              "exact", pSim->isBestKnown,
              "commitment_years", json_real(pSim->commitYearsTotal),
              "commitments_overlap", pSim->isCommitOverlap,
              "commitments", aCommit, "text", str_text(&summary));
  str_free(&summary);
  return j;
}

static json_t *terr_json(const AidTerr *a, int n)
{
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) {
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "level",
                          aid_label(AID_LABEL_TERR, a[i].level), "code",
                          a[i].zCode, "name", a[i].zName ? a[i].zName : ""));
  }
  return arr;
}

static json_t *ids_json(const char **az, int n)
{
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(arr, json_string(az[i]));
  return arr;
}

double aid_scheme_amount(const AidScheme *p, int *pIsKnown)
{
  double total = 0;
  int isKnown = 1;
  for (int i = 0; i < p->nBen; i++) {
    const AidBenefit *b = &p->aBen[i];
    if (b->kind != AID_BEN_MONEY) continue;
    if (!b->hasAmount) {
      isKnown = 0;
      continue;
    }
    double v = 0;
    if (b->period == AID_PER_ONCE) {
      v = b->amount;
    } else if (b->durKind == AID_DUR_MONTHS &&
               (b->period == AID_PER_MONTH || b->period == AID_PER_YEAR)) {
      v = b->period == AID_PER_MONTH ? b->amount * b->nMonths
                                     : b->amount * (b->nMonths / 12);
    } else {
      isKnown = 0;
      continue;
    }
    if (b->ceiling > 0 && v > b->ceiling) v = b->ceiling;
    total += v;
  }
  *pIsKnown = isKnown;
  return total;
}

json_t *aid_scheme_json(const AidScheme *p)
{
  json_t *aCond = json_array();
  for (int i = 0; i < p->nCond; i++) {
    Str t = STR_INIT;
    aid_cond_write(&t, &p->aCond[i]);
    json_array_append_new(aCond, json_string(str_text(&t)));
    str_free(&t);
  }
  json_t *aBen = json_array();
  for (int i = 0; i < p->nBen; i++)
    json_array_append_new(aBen, benefit_json(&p->aBen[i]));
  json_t *pCommit = json_null();
  const AidCommit *c = &p->commit;
  if (c->hasCommit) {
    pCommit = json_pack("{s:o, s:b, s:o, s:o, s:o, s:o, s:s, s:s}",
        "years", c->years > 0 ? json_real(c->years) : json_null(),
        "as_long_as_received", c->isAsReceived,
        "min_years", c->minYears > 0 ? json_real(c->minYears) : json_null(),
        "places", c->nPlace ? terr_json(c->aPlace, c->nPlace)
                            : terr_json(p->aTerr, p->nTerr),
        "zones", mask_json(AID_LABEL_ZONE, c->zoneMask),
        "modes", mask_json(AID_LABEL_MODE, c->modeMask),
        "start", c->zStart ? c->zStart : "",
        "repayment", aid_label(AID_LABEL_REPAY, c->repay));
  }
  int isKnown;
  double amount = aid_scheme_amount(p, &isKnown);
  return json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:o,"
                   " s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:s, s:s}",
      "id", p->zId, "name", p->zName,
      "state", aid_label(AID_LABEL_STATE, p->state),
      "porteur", "level", aid_label(AID_LABEL_PORTEUR, p->porteur),
                 "code", p->zPorteurCode ? p->zPorteurCode : "",
                 "name", p->zPorteurName ? p->zPorteurName : "",
      "territories", terr_json(p->aTerr, p->nTerr),
      "professions", mask_json(AID_LABEL_PROF, p->profMask),
      "statuses", mask_json(AID_LABEL_STATUS, p->statusMask),
      "conditions", aCond, "benefits", aBen, "commitment", pCommit,
      "combinable_with", ids_json(p->azWith, p->nWith),
      "not_combinable_with", ids_json(p->azWithout, p->nWithout),
      "fixed_amount", isKnown ? money(amount) : json_null(),
      "valid_from", p->zFrom ? p->zFrom : "", "valid_to", p->zTo ? p->zTo : "",
      "source", p->zSource ? p->zSource : "",
      "contact", p->zContact ? p->zContact : "",
      "description", p->zDesc ? p->zDesc : "");
}
