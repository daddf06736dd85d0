/*
** aids/commit.c: the commitments register — who owes years of practice
** where, in exchange for which aid, and what is due when they leave early.
**
** The repayment arithmetic (aid_repay_due) and the date helpers are pure;
** the register functions below them hold the SQL of aid_commitment,
** aid_payment and aid_proof.  Beneficiaries' names are personal data: they
** are stored, never logged.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aids/aids.h"
#include "base/caldate.h"
#include "base/clock.h"
#include "base/money.h"
#include "territory/scope.h"

static const char *const azStatus[AID_NCS] = {
  "en cours", "honoré", "rompu", "dispensé"};

const char *aid_commit_status_label(int status)
{
  return status >= 0 && status < AID_NCS ? azStatus[status] : "?";
}

static int status_find(const char *z)
{
  for (int i = 0; i < AID_NCS; i++) {
    if (!strcmp(z, azStatus[i])) return i;
  }
  return -1;
}

/* ---- pure arithmetic ---------------------------------------------------- */

static int field_err(Err *err, int code, const char *zField, const char *zMsg)
{
  err_set(err, code, "%s", zMsg);
  err_field(err, zField);
  return code;
}

/*
** Pro rata of unserved time, computed in whole cents and rounded half up,
** so that 12,000 € owed for 36 months and left after 14 gives exactly
** 1,200,000 × 22 / 36 = 733,333.33… → 733,333 cents = 7,333.33 €.
*/
int aid_repay_due(int rule, int64_t received, int nMonthsDue,
                  int nMonthsServed, int64_t *pDue, Err *err)
{
  *pDue = 0;
  if (received < 0)
    return field_err(err, ERR_INPUT, "montant", "montant négatif");
  if (nMonthsDue <= 0)
    return field_err(err, ERR_INPUT, "duree", "durée d'engagement nulle");
  if (nMonthsServed < 0)
    return field_err(err, ERR_INPUT, "mois_servis", "durée servie négative");
  if (nMonthsServed >= nMonthsDue) return 0;       /* honoured: nothing due */
  if (rule < 0 || rule >= AID_NREPAY || rule == AID_REPAY_UNKNOWN)
    return field_err(err, ERR_NOTFOUND, "remboursement", "règle de "
                     "remboursement non publiée : à déterminer par l'équipe");
  if (rule == AID_REPAY_NONE) return 0;
  if (rule == AID_REPAY_FULL) {
    *pDue = received;
    return 0;
  }
  int64_t nLeft = nMonthsDue - nMonthsServed;
  *pDue = (2 * received * nLeft + nMonthsDue) / (2 * (int64_t)nMonthsDue);
  return 0;
}

static int date_parse(const char *z, int *pY, int *pM, int *pD)
{
  if (!z || strlen(z) != 10 || z[4] != '-' || z[7] != '-') return -1;
  for (int i = 0; i < 10; i++) {
    if (i != 4 && i != 7 && (z[i] < '0' || z[i] > '9')) return -1;
  }
  int y = atoi(z), m = atoi(z + 5), d = atoi(z + 8);
  static const int aDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return -1;
  int nDays = aDays[m - 1] +
              (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  if (d > nDays) return -1;
  *pY = y, *pM = m, *pD = d;
  return 0;
}

int aid_date_check(const char *z)
{
  int y, m, d;
  return date_parse(z, &y, &m, &d);
}

int aid_months_between(const char *zFrom, const char *zTo)
{
  int y1, m1, d1, y2, m2, d2;
  if (date_parse(zFrom, &y1, &m1, &d1) || date_parse(zTo, &y2, &m2, &d2))
    return -1;
  int n = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return n < 0 ? -1 : n;
}

/*
** A period « du 01/11/2023 au 31/10/2026 » includes both written days
** (docs/conventions.md): it runs to the start of the day after its end,
** 36 months, where aid_months_between() of the two dates would say 35.
*/
int aid_months_period(const char *zFrom, const char *zTo)
{
  char zAfter[16];
  int iDay;
  if (caldate_parse(zTo, &iDay)) return -1;
  return aid_months_between(zFrom, caldate_format(iDay + 1, zAfter));
}

/* ---- the register ------------------------------------------------------- */

/* 10 M€: above any aid a territory grants; a larger figure is a typing
** error (an extra zero, cents typed as euros). */
#define AID_AMOUNT_MAX_CENTS ((int64_t)1000000000)

/* zDate is after today (base/clock.h, pinned by OASIS_NOW in tests). */
static int date_is_future(const char *zDate)
{
  char zToday[11];
  clock_today_iso(zToday);
  return strcmp(zDate, zToday) > 0;
}

/* The date of something that happened on commitment c (an attestation
** received, a breach): a real date, not in the future, not before the
** signature.  ERR_INPUT on field "date", zWhat naming the event. */
static int event_date_check(const AidCommitment *c, const char *zDate,
                            const char *zWhat, Err *err)
{
  if (aid_date_check(zDate))
    return field_err(err, ERR_INPUT, "date", "date AAAA-MM-JJ invalide");
  if (date_is_future(zDate)) {
    err_set(err, ERR_INPUT, "%s datée dans le futur : enregistrez-la une fois "
            "le fait constaté", zWhat);
  } else if (strcmp(zDate, c->zSigned) < 0) {
    err_set(err, ERR_INPUT, "%s antérieure à la signature de l'engagement",
            zWhat);
  } else {
    return 0;
  }
  err_field(err, "date");
  return ERR_INPUT;
}

static int amount_check(int64_t cents, Err *err)
{
  if (cents < 0) return field_err(err, ERR_INPUT, "montant", "montant négatif");
  if (cents > AID_AMOUNT_MAX_CENTS)
    return field_err(err, ERR_INPUT, "montant", "montant supérieur à "
                     "10 000 000 € : vérifiez la saisie (euros, pas "
                     "centimes)");
  return 0;
}

/* One territory (DESIGN.md): the instance's register holds commitments to
** practise inside its territory.  1 with err filled on field "lieu" when
** place pl lies outside it, else 0. */
static int place_outside_instance(Store *db, const AidPlace *pl, Err *err)
{
  Arena *a = arena_new();
  TerrScope scope;
  Err e = {0};
  int isOut = !terr_scope_load(db, a, &scope, &e) && scope.nDep > 0 &&
              !terr_scope_has_dep(&scope, pl->zDep);
  if (isOut) {
    err_set(err, ERR_INPUT, "%s (%s) est hors du territoire de l'instance "
            "(%s)", pl->zName, pl->zCommune, scope.zName);
    err_field(err, "lieu");
  }
  arena_free(a);
  return isOut;
}

/* Repayment rule of scheme zAid, read from its catalogue text; and, when
** commune zPlace is known, whether it lies where the scheme binds
** (ERR_INPUT on field "lieu" when it does not). */
static int scheme_repay(Store *db, const char *zAid, const char *zPlace,
                        Err *err)
{
  Stmt *q = store_stmt(db, "SELECT text FROM aid_scheme WHERE id = ?1");
  store_bind_text(q, 1, zAid);
  int rc = store_step(q, err);
  if (rc <= 0) {
    return rc ? rc : field_err(err, ERR_INPUT, "aide", "aide inconnue du "
                               "catalogue");
  }
  AidCatalog *pCat = aid_catalog_new();
  rc = aid_parse(pCat, zAid, store_col_text(q, 0), err);
  store_reset(q);
  int repay = rc ? rc : pCat->aScheme[0].commit.repay;
  AidPlace pl;
  Err e2 = {0};
  if (!rc && zPlace && !aid_place_resolve(db, zPlace, &pl, "lieu", &e2)) {
    const AidScheme *s = &pCat->aScheme[0];
    const AidTerr *aT = s->commit.nPlace ? s->commit.aPlace : s->aTerr;
    int nT = s->commit.nPlace ? s->commit.nPlace : s->nTerr;
    if (aid_place_in(aT, nT, &pl) == 0) {
      aid_catalog_name_places(db, pCat);
      Str w = STR_INIT;
      aid_terr_say(&w, aT, nT);
      err_set(err, ERR_INPUT, "%s (%s) est hors du territoire de l'aide : %s",
              pl.zName, pl.zCommune, str_text(&w));
      err_field(err, "lieu");
      str_free(&w);
      repay = ERR_INPUT;
    } else if (repay >= 0 && place_outside_instance(db, &pl, err)) {
      repay = ERR_INPUT;
    }
  }
  aid_catalog_free(pCat);
  return repay;
}

int aid_commit_create(Store *db, AidCommitment *c, long long *pId, Err *err)
{
  if (!c->zBeneficiary[0])
    return field_err(err, ERR_INPUT, "beneficiaire", "bénéficiaire manquant");
  const char *azDate[] = {c->zSigned, c->zStart, c->zEnd};
  const char *azField[] = {"signature", "debut", "fin"};
  for (int i = 0; i < 3; i++) {
    if (aid_date_check(azDate[i]))
      return field_err(err, ERR_INPUT, azField[i], "date AAAA-MM-JJ invalide");
  }
  if (strcmp(c->zEnd, c->zStart) <= 0)
    return field_err(err, ERR_INPUT, "fin", "la fin doit suivre le début");
  if (strlen(c->zPlace) != 5)
    return field_err(err, ERR_INPUT, "lieu", "code INSEE de commune attendu");
  if (amount_check(c->amountCents, err)) return ERR_INPUT;
  int repay = scheme_repay(db, c->zAid, c->zPlace, err);
  if (repay < 0) return repay;
  c->repay = repay;
  c->status = AID_CS_ONGOING;
  Stmt *q = store_stmt(db,
      "INSERT INTO aid_commitment(aid, beneficiary, signed_on, start_on,"
      " end_on, place, amount_cents, repay) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  store_bind_list(q, STORE_V(c->zAid), STORE_V(c->zBeneficiary),
                  STORE_V(c->zSigned), STORE_V(c->zStart), STORE_V(c->zEnd),
                  STORE_V(c->zPlace), STORE_V(c->amountCents),
                  STORE_V(aid_label(AID_LABEL_REPAY, repay)));
  int rc = store_exec(q, err);
  if (rc) return rc;
  c->id = store_last_id(db);
  if (pId) *pId = c->id;
  return 0;
}

#define COMMIT_COLS \
  "c.id, c.aid, c.beneficiary, c.signed_on, c.start_on, c.end_on, c.place," \
  " c.amount_cents, c.repay, c.status, coalesce(c.broken_on, ''),"  \
  " c.due_cents," \
  " (SELECT coalesce(max(received_on), '') FROM aid_proof p" \
  "   WHERE p.commitment = c.id)"

static void commit_row(Stmt *q, AidCommitment *c)
{
  memset(c, 0, sizeof *c);
  c->id = store_col_int(q, 0);
  snprintf(c->zAid, sizeof c->zAid, "%s", store_col_text(q, 1));
  snprintf(c->zBeneficiary, sizeof c->zBeneficiary, "%s", store_col_text(q, 2));
  snprintf(c->zSigned, sizeof c->zSigned, "%s", store_col_text(q, 3));
  snprintf(c->zStart, sizeof c->zStart, "%s", store_col_text(q, 4));
  snprintf(c->zEnd, sizeof c->zEnd, "%s", store_col_text(q, 5));
  snprintf(c->zPlace, sizeof c->zPlace, "%s", store_col_text(q, 6));
  c->amountCents = store_col_int(q, 7);
  c->repay = aid_label_find(AID_LABEL_REPAY, store_col_text(q, 8));
  c->status = status_find(store_col_text(q, 9));
  snprintf(c->zBroken, sizeof c->zBroken, "%s", store_col_text(q, 10));
  c->dueCents = store_col_is_null(q, 11) ? -1 : store_col_int(q, 11);
  snprintf(c->zLastProof, sizeof c->zLastProof, "%s", store_col_text(q, 12));
}

int aid_commit_get(Store *db, long long id, AidCommitment *c, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " COMMIT_COLS
                           " FROM aid_commitment c WHERE c.id = ?1");
  store_bind_int(q, 1, id);
  int rc = store_step(q, err);
  if (rc < 0) return rc;
  if (rc == 0)
    return field_err(err, ERR_NOTFOUND, "id", "engagement introuvable");
  commit_row(q, c);
  store_reset(q);
  return 0;
}

int aid_commit_pay(Store *db, long long id, const char *zDate, int64_t cents,
                   Err *err)
{
  AidCommitment c;
  int rc = aid_commit_get(db, id, &c, err);
  if (rc) return rc;
  if (aid_date_check(zDate))
    return field_err(err, ERR_INPUT, "date", "date AAAA-MM-JJ invalide");
  if (cents <= 0)
    return field_err(err, ERR_INPUT, "montant", cents < 0 ? "montant négatif"
                     : "montant nul");
  if (amount_check(cents, err)) return ERR_INPUT;
  if (strcmp(zDate, c.zSigned) < 0) {
    err_set(err, ERR_INPUT, "paiement daté du %.2s/%.2s/%.4s, avant la "
            "signature de l'engagement (%.2s/%.2s/%.4s)", zDate + 8, zDate + 5,
            zDate, c.zSigned + 8, c.zSigned + 5, c.zSigned);
    err_field(err, "date");
    return ERR_INPUT;
  }
  int64_t paid = aid_commit_paid(db, id);
  if (paid + cents > c.amountCents) {
    char zA[32], zB[32], zC[32];
    err_set(err, ERR_INPUT, "le total versé (%s déjà versés + %s) dépasserait "
            "le montant accordé (%s)", money_format(paid, zA, sizeof zA),
            money_format(cents, zB, sizeof zB),
            money_format(c.amountCents, zC, sizeof zC));
    err_field(err, "montant");
    return ERR_INPUT;
  }
  Stmt *q = store_stmt(db, "INSERT INTO aid_payment(commitment, paid_on,"
                           " amount_cents) VALUES (?1, ?2, ?3)");
  store_bind_list(q, STORE_V((int64_t)id), STORE_V(zDate), STORE_V(cents));
  return store_exec(q, err);
}

int aid_commit_proof(Store *db, long long id, const char *zDate, Err *err)
{
  AidCommitment c;
  int rc = aid_commit_get(db, id, &c, err);
  if (rc) return rc;
  if ((rc = event_date_check(&c, zDate, "attestation", err))) return rc;
  Stmt *q = store_stmt(db, "INSERT INTO aid_proof(commitment, received_on)"
                           " VALUES (?1, ?2)");
  store_bind_list(q, STORE_V((int64_t)id), STORE_V(zDate));
  return store_exec(q, err);
}

int64_t aid_commit_paid(Store *db, long long id)
{
  Stmt *q = store_stmt(db, "SELECT coalesce(sum(amount_cents), 0) FROM"
                           " aid_payment WHERE commitment = ?1");
  store_bind_int(q, 1, id);
  return store_one_int(q, 0);
}

/*
** The months served run from the start of practice to the breach (none if
** the breach comes first); the base is what was paid, or the amount granted
** when no payment was logged.  An unpublished rule leaves due NULL
** (*pDue = -1): the team decides.
*/
int aid_commit_break(Store *db, long long id, const char *zDate,
                     int64_t *pDue, Err *err)
{
  AidCommitment c;
  int rc = aid_commit_get(db, id, &c, err);
  if (rc) return rc;
  if (c.status != AID_CS_ONGOING)
    return field_err(err, ERR_INPUT, "statut", "seul un engagement en cours "
                     "peut être rompu");
  if ((rc = event_date_check(&c, zDate, "rupture", err))) return rc;
  int nDue = aid_months_period(c.zStart, c.zEnd);
  int nServed = strcmp(zDate, c.zStart) <= 0
                    ? 0 : aid_months_between(c.zStart, zDate);
  int64_t base = aid_commit_paid(db, id);
  if (base <= 0) base = c.amountCents;
  int64_t due = -1;
  Err e2 = {0};
  rc = aid_repay_due(c.repay, base, nDue, nServed, &due, &e2);
  if (rc == ERR_NOTFOUND) {
    due = -1;
  } else if (rc) {
    if (!err->code) *err = e2;
    return rc;
  }
  Stmt *q = store_stmt(db, "UPDATE aid_commitment SET status = 'rompu',"
                           " broken_on = ?2, due_cents = ?3 WHERE id = ?1");
  store_bind_list(q, STORE_V((int64_t)id), STORE_V(zDate));
  if (due < 0) store_bind_null(q, 3);
  else store_bind_int(q, 3, due);
  rc = store_exec(q, err);
  if (!rc && pDue) *pDue = due;
  return rc;
}

int aid_commit_log(Store *db, long long id,
                   int (*x)(void *, const char *, const char *, int64_t),
                   void *pArg, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT 'paiement', paid_on, amount_cents, id FROM aid_payment"
      " WHERE commitment = ?1 UNION ALL"
      " SELECT 'attestation', received_on, 0, id FROM aid_proof"
      " WHERE commitment = ?1 ORDER BY 2, 1, 4");
  store_bind_int(q, 1, id);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    rc = x(pArg, store_col_text(q, 0), store_col_text(q, 1),
           store_col_int(q, 2));
    if (rc) {
      store_reset(q);
      return rc;
    }
  }
  return rc;
}

int aid_commit_close(Store *db, long long id, int status, Err *err)
{
  if (status != AID_CS_HONOURED && status != AID_CS_WAIVED)
    return field_err(err, ERR_INPUT, "statut", "statut de clôture invalide");
  AidCommitment c;
  int rc = aid_commit_get(db, id, &c, err);
  if (rc) return rc;
  Stmt *q = store_stmt(db, "UPDATE aid_commitment SET status = ?2"
                           " WHERE id = ?1");
  store_bind_list(q, STORE_V((int64_t)id), STORE_V(azStatus[status]));
  return store_exec(q, err);
}

int aid_commit_each(Store *db, const AidCommitFilter *f,
                    int (*x)(void *, const AidCommitment *), void *pArg,
                    Err *err)
{
  AidCommitFilter none = {0, NULL, NULL, NULL, NULL};
  if (!f) f = &none;
  Stmt *q = store_stmt(db, "SELECT " COMMIT_COLS
      " FROM aid_commitment c WHERE (?1 IS NULL OR c.aid = ?1)"
      " AND (?2 IS NULL OR c.place = ?2) AND (?3 IS NULL OR c.signed_on >= ?3)"
      " AND (?4 IS NULL OR c.signed_on <= ?4) ORDER BY c.id");
  store_bind_list(q, STORE_V(f->zAid), STORE_V(f->zPlace),
                  STORE_V(f->zSignedFrom), STORE_V(f->zSignedTo));
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    AidCommitment c;
    commit_row(q, &c);
    if (f->statusMask && !(f->statusMask & 1u << c.status)) continue;
    rc = x(pArg, &c);
    if (rc != 0) {
      store_reset(q);
      return rc;
    }
  }
  return rc;
}

int aid_payment_each_cents(Store *db, const char *zAid,
                           int (*x)(void *, long long, const char *,
                                    const char *, int64_t),
                           void *pArg, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT p.commitment, c.aid, p.paid_on,"
      " p.amount_cents"
      " FROM aid_payment p JOIN aid_commitment c ON c.id = p.commitment"
      " WHERE (?1 IS NULL OR c.aid = ?1) ORDER BY p.paid_on, p.id");
  store_bind_text(q, 1, zAid);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    rc = x(pArg, (long long)store_col_int(q, 0), store_col_text(q, 1),
           store_col_text(q, 2), store_col_int(q, 3));
    if (rc != 0) {
      store_reset(q);
      return rc;
    }
  }
  return rc;
}

/* The figures of a group of commitments c (bound ?1 = today). */
#define PORTFOLIO_COLS \
  " count(*) FILTER (WHERE c.status = 'en cours')," \
  " count(DISTINCT c.beneficiary) FILTER (WHERE c.status = 'en cours')," \
  " coalesce(sum(c.amount_cents) FILTER (WHERE c.status = 'en cours'), 0)," \
  " coalesce(sum((SELECT sum(p.amount_cents) FROM aid_payment p" \
  "   WHERE p.commitment = c.id)) FILTER (WHERE c.status = 'en cours'), 0)," \
  " coalesce(sum(max(0, julianday(c.end_on) - julianday(?1)))" \
  "   FILTER (WHERE c.status = 'en cours'), 0) / 365.25," \
  " count(*) FILTER (WHERE c.status = 'honoré')," \
  " count(*) FILTER (WHERE c.status = 'rompu')," \
  " count(*) FILTER (WHERE c.status = 'dispensé')," \
  " coalesce(sum(c.due_cents), 0)"

/* Rows of q: the porteur's level, code and name (zLevel non-NULL: the
** level is zLevel and the row starts at the code), then PORTFOLIO_COLS. */
static int portfolio_rows(Stmt *q, const char *zLevel,
                          int (*x)(void *, const AidPortfolio *), void *pArg,
                          Err *err)
{
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    AidPortfolio r;
    int k = 0;
    memset(&r, 0, sizeof r);
    snprintf(r.zPorteur, sizeof r.zPorteur, "%s",
             zLevel ? zLevel : store_col_text(q, k++));
    snprintf(r.zPorteurCode, sizeof r.zPorteurCode, "%s",
             store_col_text(q, k++));
    snprintf(r.zPorteurName, sizeof r.zPorteurName, "%s",
             store_col_text(q, k++));
    r.nOngoing = (int)store_col_int(q, k++);
    r.nBound = (int)store_col_int(q, k++);
    r.committedCents = store_col_int(q, k++);
    r.paidCents = store_col_int(q, k++);
    r.yearsLeft = store_col_double(q, k++);
    r.nHonoured = (int)store_col_int(q, k++);
    r.nBroken = (int)store_col_int(q, k++);
    r.nWaived = (int)store_col_int(q, k++);
    r.dueCents = store_col_int(q, k++);
    rc = x(pArg, &r);
    if (rc != 0) {
      store_reset(q);
      return rc;
    }
  }
  return rc;
}

int aid_commit_portfolio(Store *db, const char *zToday,
                         int (*x)(void *, const AidPortfolio *), void *pArg,
                         Err *err)
{
  if (aid_date_check(zToday))
    return field_err(err, ERR_INPUT, "date", "date AAAA-MM-JJ invalide");
  Stmt *q = store_stmt(db,
      "SELECT s.porteur, s.porteur_code, s.porteur_name," PORTFOLIO_COLS
      " FROM aid_commitment c JOIN aid_scheme s ON s.id = c.aid"
      " GROUP BY s.porteur, s.porteur_code, s.porteur_name"
      " ORDER BY 6 DESC, 3");
  store_bind_text(q, 1, zToday);
  return portfolio_rows(q, NULL, x, pArg, err);
}

int aid_commit_by_terr(Store *db, int level, const char *zToday,
                       int (*x)(void *, const AidPortfolio *), void *pArg,
                       Err *err)
{
  if (aid_date_check(zToday))
    return field_err(err, ERR_INPUT, "date", "date AAAA-MM-JJ invalide");
  /* k: the territory of the commune of practice; n: its name */
#define BY_TERR_COLS PORTFOLIO_COLS \
  " FROM aid_commitment c LEFT JOIN communes m ON m.code = c.place"
  Stmt *q;
  switch (level) {
    case AID_TERR_EPCI:
      q = store_stmt(db, "SELECT coalesce(m.epci, ''), coalesce((SELECT name"
                         " FROM epci WHERE code = m.epci), ''),"
                         BY_TERR_COLS " GROUP BY 1 ORDER BY 2 = '', 2, 1");
      break;
    case AID_TERR_REG:
      q = store_stmt(db, "SELECT coalesce(m.reg, ''), coalesce((SELECT name"
                         " FROM regions WHERE code = m.reg), ''),"
                         BY_TERR_COLS " GROUP BY 1 ORDER BY 1");
      break;
    case AID_TERR_DEP:
      q = store_stmt(db, "SELECT coalesce(m.dep, substr(c.place, 1, 2)),"
                         " coalesce((SELECT name FROM departements WHERE code ="
                         " coalesce(m.dep, substr(c.place, 1, 2))), ''),"
                         BY_TERR_COLS " GROUP BY 1 ORDER BY 1");
      break;
    default:
      return field_err(err, ERR_INPUT, "par", "regroupement inconnu");
  }
#undef BY_TERR_COLS
  store_bind_text(q, 1, zToday);
  return portfolio_rows(q, aid_label(AID_LABEL_TERR, level), x, pArg, err);
}

int aid_commit_by_dep(Store *db, const char *zToday,
                      int (*x)(void *, const AidPortfolio *), void *pArg,
                      Err *err)
{
  return aid_commit_by_terr(db, AID_TERR_DEP, zToday, x, pArg, err);
}

int aid_commit_alerts(Store *db, const char *zToday, int nDays,
                      int (*x)(void *, const AidCommitment *, const char *),
                      void *pArg, Err *err)
{
  if (aid_date_check(zToday))
    return field_err(err, ERR_INPUT, "date", "date AAAA-MM-JJ invalide");
  Stmt *q = store_stmt(db, "SELECT " COMMIT_COLS ","
      " julianday(c.end_on) - julianday(?1),"
      " c.start_on <= date(?1, '-12 months') AND NOT EXISTS (SELECT 1"
      "   FROM aid_proof p WHERE p.commitment = c.id"
      "   AND p.received_on > date(?1, '-12 months'))"
      " FROM aid_commitment c WHERE c.status = 'en cours' ORDER BY c.end_on");
  store_bind_text(q, 1, zToday);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    AidCommitment c;
    char zWhy[160];
    commit_row(q, &c);
    double nLeft = store_col_double(q, 13);
    int isNoProof = (int)store_col_int(q, 14);
    rc = 0;
    if (nLeft >= 0 && nLeft <= nDays) {
      snprintf(zWhy, sizeof zWhy, "fin de l'engagement le %.2s/%.2s/%.4s "
               "(dans %d jours)", c.zEnd + 8, c.zEnd + 5, c.zEnd, (int)nLeft);
      rc = x(pArg, &c, zWhy);
    } else if (nLeft < 0) {
      snprintf(zWhy, sizeof zWhy, "engagement échu le %.2s/%.2s/%.4s et "
               "toujours en cours : à clôturer (honoré, dispensé) ou à "
               "rompre", c.zEnd + 8, c.zEnd + 5, c.zEnd);
      rc = x(pArg, &c, zWhy);
    }
    if (!rc && isNoProof)
      rc = x(pArg, &c, "aucune attestation d'exercice reçue depuis 12 mois");
    if (rc) {
      store_reset(q);
      return rc;
    }
  }
  return rc;
}

