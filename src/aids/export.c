/*
** aids/export.c: the tables the aids module exports — the catalogue, the
** commitments register and the portfolio dashboard — each built once as
** an ExpTable and written as CSV or XLSX by the one export writer
** (web/export.h: formula-like text made inert, money in cents shown as
** euros, provenance beside the data, never inside the CSV body).
*/
#include <math.h>
#include <string.h>

#include "aids/web_int.h"
#include "base/clock.h"
#include "base/money.h"

/* Labels of mask's bits, ", "-separated, as one text cell. */
static void exp_mask(ExpTable *t, int kind, unsigned m)
{
  Str s = STR_INIT;
  for (int i = 0; i < 32; i++) {
    if (m & 1u << i) str_appendf(&s, "%s%s", s.n ? ", " : "",
                                 aid_label(kind, i));
  }
  exp_text(t, str_text(&s));
  str_free(&s);
}

static void exp_ids(ExpTable *t, const char **az, int n)
{
  Str s = STR_INIT;
  for (int i = 0; i < n; i++) str_appendf(&s, "%s%s", i ? ", " : "", az[i]);
  exp_text(t, str_text(&s));
  str_free(&s);
}

/* A column of an export: JSON key, French header, kind. */
typedef struct ExpColumn ExpColumn;
struct ExpColumn {
  const char *zKey, *zHead;
  ExpKind kind;
};

/* A table titled zTitle with the n columns of aCol and one provenance
** line (zProv, then " au JJ/MM/AAAA" when zToday is given). */
static ExpTable *table_new(const char *zTitle, const ExpColumn *aCol,
                           size_t n, const char *zProv, const char *zToday)
{
  ExpTable *t = exp_new(zTitle);
  for (size_t k = 0; k < n; k++) {
    exp_col(t, aCol[k].zKey, aCol[k].zHead, aCol[k].kind);
  }
  Str p = STR_INIT;
  str_appendz(&p, zProv);
  if (zToday) {
    str_appendf(&p, ", au %.2s/%.2s/%.4s", zToday + 8, zToday + 5, zToday);
  }
  exp_provenance(t, str_text(&p));
  str_free(&p);
  return t;
}

/* ---- the catalogue ---------------------------------------------------------- */

ExpTable *aid_exp_catalog(const AidCatalog *pCat, const AidFilter *f,
                          const AidPlace *pl)
{
  static const ExpColumn aCol[] = {
    {"id", "Identifiant", EXP_TEXT}, {"nom", "Nom", EXP_TEXT},
    {"etat", "État", EXP_TEXT}, {"porteur", "Porteur", EXP_TEXT},
    {"porteur_code", "Code du porteur", EXP_TEXT},
    {"porteur_nom", "Nom du porteur", EXP_TEXT},
    {"territoire", "Territoire", EXP_TEXT},
    {"professions", "Professions", EXP_TEXT},
    {"statuts", "Situations", EXP_TEXT},
    {"conditions", "Conditions", EXP_TEXT},
    {"avantages", "Avantages", EXP_TEXT},
    {"montant_fixe_centimes", "Montant fixe (€)", EXP_MONEY},
    {"engagement_annees", "Engagement (années)", EXP_NUMBER},
    {"engagement_lieu", "Lieu de l'engagement", EXP_TEXT},
    {"remboursement", "Remboursement", EXP_TEXT},
    {"cumulable_avec", "Cumulable avec", EXP_TEXT},
    {"non_cumulable_avec", "Non cumulable avec", EXP_TEXT},
    {"valide_du", "Valide du", EXP_TEXT}, {"valide_au", "Valide au", EXP_TEXT},
    {"source", "Source", EXP_TEXT}, {"contact", "Contact", EXP_TEXT},
    {"beneficiaires", "Bénéficiaires", EXP_TEXT},
    {"demarche", "Démarche", EXP_TEXT},
    {"lien", "Page officielle", EXP_TEXT},
    {"verifie_le", "Vérifiée le", EXP_TEXT}};
  ExpTable *t = table_new("Aides", aCol, sizeof aCol / sizeof aCol[0],
                          "Catalogue des aides d'oasis (fichiers data/aids "
                          "et saisies de l'équipe)", NULL);
  for (int i = 0; i < pCat->nScheme; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    const AidCommit *c = &s->commit;
    char zEuros[48];
    if (!aid_web_filter_match(f, s, pl)) continue;
    Str x = STR_INIT;
    exp_row(t);
    exp_text(t, s->zId);
    exp_text(t, s->zName);
    exp_text(t, aid_label(AID_LABEL_STATE, s->state));
    exp_text(t, aid_label(AID_LABEL_PORTEUR, s->porteur));
    exp_text(t, s->zPorteurCode);
    exp_text(t, s->zPorteurName);
    aid_terr_text(&x, s->aTerr, s->nTerr);
    exp_text(t, str_text(&x));
    exp_mask(t, AID_LABEL_PROF, s->profMask);
    exp_mask(t, AID_LABEL_STATUS, s->statusMask);
    str_reset(&x);
    for (int k = 0; k < s->nCond; k++) {
      if (k) str_appendz(&x, " ; ");
      aid_cond_write(&x, &s->aCond[k]);
    }
    exp_text(t, str_text(&x));
    str_reset(&x);
    for (int k = 0; k < s->nBen; k++) {
      const AidBenefit *b = &s->aBen[k];
      str_appendf(&x, "%s%s", k ? " ; " : "", aid_label(AID_LABEL_BEN,
                                                        b->kind));
      if (b->zLabel && *b->zLabel) str_appendf(&x, " (%s)", b->zLabel);
      if (b->kind != AID_BEN_MONEY) continue;
      if (b->hasAmount) {
        str_appendf(&x, " %s%s %s", b->isUpTo ? "jusqu'à " : "",
                    money_format(b->amountCents, zEuros, sizeof zEuros),
                    aid_label(AID_LABEL_PER, b->period));
      } else {
        str_appendz(&x, " montant inconnu");
      }
    }
    exp_text(t, str_text(&x));
    int isKnown;
    int64_t v = aid_scheme_amount(s, &isKnown);
    if (isKnown) exp_money(t, v);
    else exp_text(t, "inconnu");
    if (c->hasCommit && !c->isAsReceived) exp_number(t, c->years);
    else exp_text(t, c->hasCommit ? "durée de l'aide" : "");
    str_reset(&x);
    if (c->hasCommit) {
      if (c->nPlace) aid_terr_text(&x, c->aPlace, c->nPlace);
      else aid_terr_text(&x, s->aTerr, s->nTerr);
    }
    exp_text(t, str_text(&x));
    exp_text(t, c->hasCommit ? aid_label(AID_LABEL_REPAY, c->repay) : "");
    exp_ids(t, s->azWith, s->nWith);
    exp_ids(t, s->azWithout, s->nWithout);
    exp_text(t, s->zFrom);
    exp_text(t, s->zTo);
    exp_text(t, s->zSource);
    exp_text(t, s->zContact);
    exp_text(t, s->zBeneficiaries ? s->zBeneficiaries : "");
    exp_text(t, s->zNext ? s->zNext : "");
    exp_text(t, s->zUrl ? s->zUrl : "");
    exp_text(t, s->zChecked ? s->zChecked : "");
    str_free(&x);
  }
  return t;
}

/* ---- the register ------------------------------------------------------------ */

typedef struct RegCtx RegCtx;
struct RegCtx {
  Store *db;
  ExpTable *t;
};

static int reg_row(void *pArg, const AidCommitment *c)
{
  RegCtx *x = pArg;
  ExpTable *t = x->t;
  exp_row(t);
  exp_integer(t, c->id);
  exp_text(t, c->zAid);
  exp_text(t, c->zBeneficiary);
  exp_text(t, c->zSigned);
  exp_text(t, c->zStart);
  exp_text(t, c->zEnd);
  exp_text(t, c->zPlace);
  exp_money(t, c->amountCents);
  exp_money(t, aid_commit_paid(x->db, c->id));
  exp_text(t, aid_label(AID_LABEL_REPAY, c->repay));
  exp_text(t, aid_commit_status_label(c->status));
  exp_text(t, c->zBroken);
  if (c->dueCents >= 0) exp_money(t, c->dueCents);
  else exp_text(t, c->status == AID_CS_BROKEN ? "à déterminer" : "");
  exp_text(t, c->zLastProof);
  return 0;
}

ExpTable *aid_exp_commitments(Store *db, const AidCommitFilter *f,
                              const char *zToday, Err *err)
{
  static const ExpColumn aCol[] = {
    {"id", "N°", EXP_INTEGER}, {"aide", "Aide", EXP_TEXT},
    {"beneficiaire", "Bénéficiaire", EXP_TEXT},
    {"signature", "Signature", EXP_TEXT}, {"debut", "Début", EXP_TEXT},
    {"fin", "Fin", EXP_TEXT}, {"lieu", "Commune d'exercice", EXP_TEXT},
    {"montant_centimes", "Montant accordé (€)", EXP_MONEY},
    {"verse_centimes", "Versé (€)", EXP_MONEY},
    {"remboursement", "Remboursement", EXP_TEXT},
    {"statut", "Statut", EXP_TEXT}, {"rupture", "Date de rupture", EXP_TEXT},
    {"du_centimes", "Montant dû (€)", EXP_MONEY},
    {"derniere_attestation", "Dernière attestation", EXP_TEXT}};
  RegCtx x = {db, table_new("Engagements", aCol, sizeof aCol / sizeof aCol[0],
                            "Registre des engagements d'oasis", zToday)};
  if (aid_commit_each(db, f, reg_row, &x, err)) {
    exp_free(x.t);
    return NULL;
  }
  return x.t;
}

/* ---- the portfolio dashboard ------------------------------------------------- */

typedef struct PfCtx PfCtx;
struct PfCtx {
  const char *zBy;         /* "porteur", "EPCI"… */
  ExpTable *t;
};

static int pf_row(void *pArg, const AidPortfolio *p)
{
  PfCtx *x = pArg;
  ExpTable *t = x->t;
  exp_row(t);
  exp_text(t, x->zBy);
  exp_text(t, p->zPorteurCode);
  exp_text(t, p->zPorteurName[0] ? p->zPorteurName : p->zPorteur);
  exp_integer(t, p->nOngoing);
  exp_integer(t, p->nBound);
  exp_money(t, p->committedCents);
  exp_money(t, p->paidCents);
  exp_number(t, round(p->yearsLeft * 10) / 10);
  exp_integer(t, p->nHonoured);
  exp_integer(t, p->nBroken);
  exp_integer(t, p->nWaived);
  exp_money(t, p->dueCents);
  return 0;
}

ExpTable *aid_exp_portfolio(Store *db, const char *zToday, Err *err)
{
  static const ExpColumn aCol[] = {
    {"regroupement", "Regroupement", EXP_TEXT}, {"code", "Code", EXP_TEXT},
    {"nom", "Nom", EXP_TEXT}, {"en_cours", "En cours", EXP_INTEGER},
    {"professionnels_engages", "Professionnels engagés", EXP_INTEGER},
    {"engage_centimes", "Engagé (€)", EXP_MONEY},
    {"verse_centimes", "Versé (€)", EXP_MONEY},
    {"annees_restantes", "Années restantes", EXP_NUMBER},
    {"honores", "Honorés", EXP_INTEGER}, {"rompus", "Rompus", EXP_INTEGER},
    {"dispenses", "Dispensés", EXP_INTEGER},
    {"du_centimes", "Dû (€)", EXP_MONEY}};
  static const int aLevel[] = {AID_TERR_EPCI, AID_TERR_DEP, AID_TERR_REG};
  PfCtx x = {"porteur", table_new("Portefeuille", aCol,
                                  sizeof aCol / sizeof aCol[0],
                                  "Registre des engagements d'oasis, "
                                  "portefeuille", zToday)};
  int rc = aid_commit_portfolio(db, zToday, pf_row, &x, err);
  for (int i = 0; i < 3 && !rc; i++) {
    x.zBy = aid_label(AID_LABEL_TERR, aLevel[i]);
    rc = aid_commit_by_terr(db, aLevel[i], zToday, pf_row, &x, err);
  }
  if (rc) {
    exp_free(x.t);
    return NULL;
  }
  return x.t;
}

/* ---- the answers ------------------------------------------------------------- */

void aid_exp_reply(Req *req, ExpTable *t, ExpFormat f, const char *zBase,
                   const Err *err)
{
  if (!t) {
    kit_reply_err(req, err->code ? err->code : ERR_DB, err);
    return;
  }
  exp_reply(req, t, f, zBase);
  exp_free(t);
}
