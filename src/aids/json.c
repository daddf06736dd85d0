/*
** aids/json.c: a simulation as JSON (Jansson), the one shape shared by
** `oasis aids simulate` and POST /api/v1/simulations.
**
** Keys are French snake_case ASCII (docs/conventions.md); every text meant
** for people (labels, sentences) is French.  Money is integer cents under
** keys ending in "_centimes".  No rules here.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aids/aids.h"
#include "base/french.h"
#include "base/money.h"
#include "zoning/zoning.h"

static json_t *money(int64_t cents)
{
  return json_integer((json_int_t)cents);
}

json_t *aid_place_zone_json(const AidPlace *pl)
{
  ZoneInfo zi;
  memset(&zi, 0, sizeof zi);
  zi.zClass = pl->zZoneClass[0] ? pl->zZoneClass : "inconnu";
  zi.isOfficial = pl->isZoneOfficial;
  zi.level = (ZoneLevel)pl->zoneLevel;
  zi.zLabel = pl->zZoneLabel;
  zi.zSource = pl->zZoneSource;
  zi.vintage = pl->zoneVintage;
  zi.apl = pl->hasApl ? pl->apl : NAN;
  zi.zDate = pl->zZoneDate;
  return zoning_json(&zi);
}

static json_t *place_json(const AidPlace *pl)
{
  if (!pl->zCommune[0]) return json_null();
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
                   "code", pl->zCommune, "nom", pl->zName, "dep", pl->zDep,
                   "dep_nom", pl->zDepName, "reg", pl->zReg,
                   "reg_nom", pl->zRegName, "epci", pl->zEpci,
                   "epci_nom", pl->zEpciName,
                   "zone", aid_place_zone_json(pl),
                   "apl", pl->hasApl ? json_real(pl->apl) : json_null(),
                   "apl_millesime", pl->aplVintage ? json_integer(pl->aplVintage)
                                                 : json_null());
}

/* What a person needs to act on scheme s: beneficiaries, next step,
** official page, date of the team's last check (null when unknown). */
static json_t *guide_json(json_t *o, const AidScheme *s)
{
  const char *az[] = {s->zBeneficiaries, s->zNext, s->zUrl, s->zChecked};
  static const char *const azKey[] = {"beneficiaires", "demarche", "lien",
                                      "verifie_le"};
  for (int i = 0; i < 4; i++)
    json_object_set_new(o, azKey[i], az[i] && az[i][0] ? json_string(az[i])
                                                       : json_null());
  return o;
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
                        "libelle", b->zLabel ? b->zLabel : "");
  if (b->kind == AID_BEN_MONEY) {
    json_object_set_new(o, "montant_centimes",
                        b->hasAmount ? money(b->amountCents) : json_null());
    json_object_set_new(o, "jusqu_a", json_boolean(b->isUpTo));
    json_object_set_new(o, "periodicite", json_string(aid_label(AID_LABEL_PER,
                                                                b->period)));
    if (b->ceilingCents > 0)
      json_object_set_new(o, "plafond_centimes", money(b->ceilingCents));
  }
  if (b->durKind == AID_DUR_MONTHS) {
    json_object_set_new(o, "duree_mois", json_integer(b->nMonths));
  }
  json_object_set_new(o, "duree", json_string(aid_label(AID_LABEL_DUR,
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
      "annees", r->commitYears > 0 ? json_real(r->commitYears) : json_null(),
      "tant_que_percue", c->isAsReceived,
      "annees_min", c->minYears > 0 ? json_real(c->minYears) : json_null(),
      "lieux", str_text(&places),
      "lieux_codes", c->nPlace ? terr_json(c->aPlace, c->nPlace)
                               : terr_json(s->aTerr, s->nTerr),
      "zones", mask_json(AID_LABEL_ZONE, c->zoneMask),
      "modes", mask_json(AID_LABEL_MODE, c->modeMask),
      "debut", c->zStart ? c->zStart : "",
      "remboursement", aid_label(AID_LABEL_REPAY, c->repay),
      "commune_convient", r->isPlaceOk < 0 ? json_null()
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
    json_array_append_new(aReason, json_pack("{s:s, s:s}", "resultat",
        azOutcome[r->aReason[i].outcome], "texte", r->aReason[i].zText));
  }
  json_t *aBen = json_array();
  for (int i = 0; i < s->nBen; i++)
    json_array_append_new(aBen, benefit_json(&s->aBen[i]));
  json_t *pMoney = json_pack("{s:o, s:b, s:b}", "total_centimes",
                             money(r->totalCents), "connu", r->isTotalKnown,
                             "jusqu_a", r->isUpTo);
  if (r->verdict != AID_NOT_ELIGIBLE) {
    json_t *aMonth = json_array();
    for (int m = 0; m < nHorizon; m++)
      json_array_append_new(aMonth, money(r->aMonth[m]));
    json_object_set_new(pMoney, "mois_centimes", aMonth);
  }
  return guide_json(json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:o,"
                   " s:o, s:o, s:s, s:s}",
      "id", s->zId, "nom", s->zName,
      "porteur", "niveau", aid_label(AID_LABEL_PORTEUR, s->porteur),
                 "code", s->zPorteurCode, "nom", s->zPorteurName,
      "verdict", aid_label(AID_LABEL_VERDICT, r->verdict),
      "raisons", aReason, "argent", pMoney, "avantages", aBen,
      "engagement", commit_json(s, r),
      "contact", s->zContact, "source", s->zSource), s);
}

/* "Meilleure combinaison : 2 aides, 259 200 € (montants maximaux) ;
** engagements : 9 ans, tenus ensemble au Creusot (71153)." */
static void best_summary(Str *o, const AidSim *pSim)
{
  char zNum[32], zEuros[48];
  if (!pSim->nBest) {
    str_appendz(o, "Aucune aide au montant connu ne s'applique.");
    return;
  }
  str_appendf(o, "Meilleure combinaison : %d aide%s, ", pSim->nBest,
              pSim->nBest > 1 ? "s" : "");
  str_appendz(o, money_format(pSim->bestTotalCents, zEuros, sizeof zEuros));
  str_appendz(o, pSim->isBestKnown ? "" : " (montants maximaux)");
  char *zDot;
  if (pSim->commitYearsTotal > 0) {
    snprintf(zNum, sizeof zNum, "%.1f", pSim->commitYearsTotal);
    size_t n = strlen(zNum);
    if (n > 2 && !strcmp(zNum + n - 2, ".0")) zNum[n - 2] = 0;
    zDot = strchr(zNum, '.');
    if (zDot) *zDot = ',';
    const AidPlace *pl = &pSim->profile.target;
    if (pSim->isCommitOverlap) {
      char zAt[300];
      str_appendf(o, " ; engagements : %s ans, tenus ensemble %s (%s)",
                  zNum, fr_a(pl->zName, zAt, sizeof zAt), pl->zCommune);
    }
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
      "statut", aid_label(AID_LABEL_STATUS, p->status),
      "annee", p->year ? json_integer(p->year) : json_null(),
      "pass_las", p->hasPassLas,
      "mode", p->mode >= 0 ? json_string(aid_label(AID_LABEL_MODE, p->mode))
                           : json_null(),
      "premiere_installation", p->firstInstall >= 0
                                   ? json_boolean(p->firstInstall)
                                   : json_null(),
      "debut", zStart[0] ? json_string(zStart) : json_null());
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
        "aides", a->zId, b->zId,
        "cumulable", pp->kind == 2 ? json_false() : json_null(),
        "texte", str_text(&t)));
    str_free(&t);
  }
  json_t *aBest = json_array(), *aCheck = json_array();
  json_t *aMonths = json_array();
  for (int m = 0; m < pSim->nHorizon; m++) {
    int64_t v = 0;
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
      json_array_append_new(aCommit, json_pack("{s:s, s:o}", "aide",
                            r->pScheme->zId, "engagement",
                            commit_json(r->pScheme, r)));
  }
  Str summary = STR_INIT;
  best_summary(&summary, pSim);
  json_t *j = json_pack("{s:o, s:o, s:o, s:i, s:o, s:o, s:{s:o, s:o, s:o,"
                   " s:o, s:b, s:o, s:b, s:o, s:s}}",
      "profil", pProf, "commune", place_json(&p->target),
      "stage", place_json(&p->placement),
      "horizon_mois", pSim->nHorizon, "aides", aRes, "paires", aPair,
      "meilleure", "aides", aBest, "a_verifier", aCheck,
              "total_centimes", money(pSim->bestTotalCents),
              "mois_centimes", aMonths,
              "exact", pSim->isBestKnown,
              "annees_engagement", json_real(pSim->commitYearsTotal),
              "engagements_simultanes", pSim->isCommitOverlap,
              "engagements", aCommit, "texte", str_text(&summary));
  str_free(&summary);
  return j;
}

static json_t *terr_json(const AidTerr *a, int n)
{
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) {
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "niveau",
                          aid_label(AID_LABEL_TERR, a[i].level), "code",
                          a[i].zCode, "nom", a[i].zName ? a[i].zName : ""));
  }
  return arr;
}

static json_t *ids_json(const char **az, int n)
{
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(arr, json_string(az[i]));
  return arr;
}

int64_t aid_scheme_amount(const AidScheme *p, int *pIsKnown)
{
  int64_t total = 0;
  int isKnown = 1;
  for (int i = 0; i < p->nBen; i++) {
    const AidBenefit *b = &p->aBen[i];
    if (b->kind != AID_BEN_MONEY) continue;
    if (!b->hasAmount) {
      isKnown = 0;
      continue;
    }
    int64_t v = 0;
    if (b->period == AID_PER_ONCE) {
      v = b->amountCents;
    } else if (b->durKind == AID_DUR_MONTHS &&
               (b->period == AID_PER_MONTH || b->period == AID_PER_YEAR)) {
      v = b->period == AID_PER_MONTH ? b->amountCents * b->nMonths
                                     : b->amountCents * (b->nMonths / 12);
    } else {
      isKnown = 0;
      continue;
    }
    if (b->ceilingCents > 0 && v > b->ceilingCents) v = b->ceilingCents;
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
        "annees", c->years > 0 ? json_real(c->years) : json_null(),
        "tant_que_percue", c->isAsReceived,
        "annees_min", c->minYears > 0 ? json_real(c->minYears) : json_null(),
        "lieux", c->nPlace ? terr_json(c->aPlace, c->nPlace)
                            : terr_json(p->aTerr, p->nTerr),
        "zones", mask_json(AID_LABEL_ZONE, c->zoneMask),
        "modes", mask_json(AID_LABEL_MODE, c->modeMask),
        "debut", c->zStart ? c->zStart : "",
        "remboursement", aid_label(AID_LABEL_REPAY, c->repay));
  }
  int isKnown;
  int64_t amount = aid_scheme_amount(p, &isKnown);
  return guide_json(json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:o,"
                   " s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:s,"
                   " s:s}",
      "id", p->zId, "nom", p->zName,
      "etat", aid_label(AID_LABEL_STATE, p->state),
      "porteur", "niveau", aid_label(AID_LABEL_PORTEUR, p->porteur),
                 "code", p->zPorteurCode ? p->zPorteurCode : "",
                 "nom", p->zPorteurName ? p->zPorteurName : "",
      "territoires", terr_json(p->aTerr, p->nTerr),
      "professions", mask_json(AID_LABEL_PROF, p->profMask),
      "statuts", mask_json(AID_LABEL_STATUS, p->statusMask),
      "conditions", aCond, "avantages", aBen, "engagement", pCommit,
      "cumulable_avec", ids_json(p->azWith, p->nWith),
      "non_cumulable_avec", ids_json(p->azWithout, p->nWithout),
      "montant_fixe_centimes", isKnown ? money(amount) : json_null(),
      "valide_du", p->zFrom ? p->zFrom : "", "valide_au", p->zTo ? p->zTo : "",
      "source", p->zSource ? p->zSource : "",
      "contact", p->zContact ? p->zContact : "",
      "description", p->zDesc ? p->zDesc : ""), p);
}
