/*
** placements/money.c: allowance schemes, what each assignment is owed by
** each applicable scheme, and the payments logged against it.
**
** The amount owed is computed, never stored: place_allowance_owed() (the
** pro rata rule, rules.c) applied to the days the scheme covers.  Only
** payments are stored, and a payment above what remains owed is refused.
*/
#include <stdio.h>
#include <string.h>

#include "aids/aids.h"
#include "base/caldate.h"
#include "base/csv.h"
#include "base/err_input.h"
#include "base/money.h"
#include "base/str.h"
#include "placements/internal.h"
#include "placements/placements.h"

/* A scheme's columns in SELECT order; after the id, the ones a save binds
** (?1..?8). */
static const StoreCol aSchemeCol[] = {
  STORE_COL(AllowScheme, id),
  STORE_COL(AllowScheme, zName),
  STORE_COL(AllowScheme, zFunder),
  STORE_COL_OPT(AllowScheme, zDep),
  STORE_COL(AllowScheme, zLevels),
  STORE_COL(AllowScheme, monthlyCents),
  STORE_COL_OPT(AllowScheme, zValidFrom),
  STORE_COL_OPT(AllowScheme, zValidTo),
  STORE_COL_OPT(AllowScheme, zSource),
};

int place_scheme_list(Store *db, Arena *a, AllowScheme **pa, int *pn,
                      Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, name, funder, dep, levels, "
                           "monthly_cents, valid_from, valid_to, source "
                           "FROM allowance_scheme ORDER BY name");
  return store_rows_cols(q, a, aSchemeCol, STORE_NCOL(aSchemeCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int place_scheme_save(Store *db, AllowScheme *p, Err *err)
{
  int d;
  if (!p->zName || !p->zName[0] || !p->zFunder || !p->zFunder[0]) {
    return err_input(err, p->zName && p->zName[0] ? "financeur" : "nom",
                     "dispositif : nom et financeur obligatoires");
  }
  if (p->monthlyCents <= 0) {
    return err_input(err, "mensuel", "montant mensuel : positif");
  }
  if ((p->zValidFrom && p->zValidFrom[0] && caldate_parse(p->zValidFrom, &d)) ||
      (p->zValidTo && p->zValidTo[0] && caldate_parse(p->zValidTo, &d))) {
    return err_input(err, "debut_validite", "validité : dates AAAA-MM-JJ");
  }
  Stmt *q = store_upsert(db, p->id,
      "UPDATE allowance_scheme SET name = ?1, funder = ?2, dep = ?3, "
      "levels = ?4, monthly_cents = ?5, valid_from = ?6, valid_to = ?7, "
      "source = ?8 WHERE id = ?9",
      "INSERT INTO allowance_scheme(name, funder, dep, levels, "
      "monthly_cents, valid_from, valid_to, source) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  AllowScheme row = *p;
  if (!row.zLevels || !row.zLevels[0]) row.zLevels = "*";   /* every level */
  store_bind_cols(q, aSchemeCol + 1, 8, &row, 1);
  return store_save(db, q, &p->id, NULL, err);
}

int place_scheme_load(Store *db, const char *zPath, int *pnRows, Err *err)
{
  static const char *const az[] = {"name", "funder", "dep", "levels",
                                   "monthly_eur", "valid_from", "valid_to",
                                   "source"};
  int c[8], rc;
  *pnRows = 0;
  CsvReader *r = csv_open(zPath, ';', err);
  if (!r) return ERR_IO;
  rc = csv_read_header(r, err);
  for (int i = 0; !rc && i < 8; i++) {
    c[i] = csv_col(r, az[i]);
    if (c[i] < 0) {
      rc = err_at(err, ERR_INPUT, zPath, 1, 0, az[i], "colonne absente");
    }
  }
  if (!rc) rc = store_begin(db, err);
  if (rc) goto done;
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    AllowScheme s = {0};
    Err e = {0};
    s.zName = csv_cell(r, c[0]);
    Stmt *qId = store_stmt(db, "SELECT id FROM allowance_scheme "
                               "WHERE name = ?1");
    store_bind_text(qId, 1, s.zName);
    s.id = store_one_int(qId, 0);
    s.zFunder = csv_cell(r, c[1]);
    s.zDep = csv_cell(r, c[2]);
    s.zLevels = csv_cell(r, c[3]);
    const char *zWhy = NULL;
    if (money_parse(csv_cell(r, c[4]), 0, &s.monthlyCents, &zWhy) ||
        s.monthlyCents <= 0) {
      rc = csv_err_cell(r, err, c[4], "montant mensuel en euros attendu%s%s",
                        zWhy ? " : " : "", zWhy ? zWhy : "");
      break;
    }
    s.zValidFrom = csv_cell(r, c[5]);
    s.zValidTo = csv_cell(r, c[6]);
    s.zSource = csv_cell(r, c[7]);
    if (place_scheme_save(db, &s, &e)) {
      rc = err_at(err, ERR_INPUT, zPath, csv_line(r), 0, e.zField, "%s",
                  e.zMsg);
      break;
    }
    (*pnRows)++;
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
done:
  csv_close(r);
  return rc;
}

/* The monthly allowance aid s pays during a placement in its territory, in
** cents, or 0 when s is no such scheme. */
static int64_t aid_placement_allowance(const AidScheme *s)
{
  int isPlacement = 0;
  for (int i = 0; i < s->nCond; i++) {
    isPlacement |= s->aCond[i].kind == AID_COND_PLACEMENT_IN;
  }
  for (int i = 0; isPlacement && i < s->nBen; i++) {
    const AidBenefit *b = &s->aBen[i];
    if (b->kind == AID_BEN_MONEY && b->period == AID_PER_MONTH &&
        b->durKind == AID_DUR_END_PLACEMENT && b->hasAmount &&
        b->amountCents > 0) {
      return b->amountCents;
    }
  }
  return 0;
}

int place_scheme_from_aids(Store *db, int *pnRows, Err *err)
{
  *pnRows = 0;
  AidCatalog *pCat = aid_catalog_new();
  int rc = aid_store_load(db, pCat, 1, err);
  if (!rc) rc = store_begin(db, err);
  if (rc) {
    aid_catalog_free(pCat);
    return rc;
  }
  Arena *a = arena_new();
  for (int i = 0; !rc && i < pCat->nScheme; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    AllowScheme x = {0};
    if ((x.monthlyCents = aid_placement_allowance(s)) == 0) continue;
    Stmt *qId = store_stmt(db, "SELECT id FROM allowance_scheme "
                               "WHERE name = ?1");
    store_bind_text(qId, 1, s->zName);
    x.id = store_one_int(qId, 0);
    x.zName = s->zName;
    x.zFunder = s->zPorteurName && *s->zPorteurName ? s->zPorteurName
                                                     : s->zName;
    x.zDep = s->porteur == AID_PORTEUR_DEP && s->zPorteurCode
                 ? s->zPorteurCode : "";
    x.zLevels = "*";
    x.zValidFrom = s->zFrom ? s->zFrom : "";
    x.zValidTo = s->zTo ? s->zTo : "";
    x.zSource = arena_printf(a, "catalogue des aides (%s)%s%s", s->zId,
                             s->zSource && *s->zSource ? " : " : "",
                             s->zSource ? s->zSource : "");
    Err e = {0};
    if (place_scheme_save(db, &x, &e)) {
      rc = err_set(err, ERR_INPUT, "aide « %s » : %s", s->zId, e.zMsg);
      break;
    }
    (*pnRows)++;
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  arena_free(a);
  aid_catalog_free(pCat);
  return rc;
}

/* Scheme levels zLevels ("*" or a comma list) include zLevel. */
static int scheme_has_level(const char *zLevels, const char *zLevel)
{
  if (!strcmp(zLevels, "*")) return 1;
  size_t n = strlen(zLevel);
  for (const char *z = zLevels; (z = strstr(z, zLevel)) != NULL; z += n) {
    int isStart = z == zLevels || z[-1] == ',';
    int isEnd = z[n] == 0 || z[n] == ',';
    if (isStart && isEnd) return 1;
  }
  return 0;
}

int place_scheme_applies(const AllowScheme *sc, const char *zDep,
                         const char *zLevel, int *pFrom, int *pTo)
{
  int from = *pFrom, to = *pTo, d;
  if (sc->zDep[0] && strcmp(sc->zDep, zDep)) return 0;
  if (!scheme_has_level(sc->zLevels, zLevel)) return 0;
  if (sc->zValidFrom[0] && !caldate_parse(sc->zValidFrom, &d) && d > from)
    from = d;
  if (sc->zValidTo[0] && !caldate_parse(sc->zValidTo, &d) && d < to) to = d;
  if (to < from) return 0;
  *pFrom = from;
  *pTo = to;
  return 1;
}

int place_allowance_lines(Store *db, Arena *a, int64_t assignmentId,
                          AllowLine **pa, int *pn, Err *err)
{
  Stmt *qA = store_stmt(db, "SELECT x.start_on, x.end_on, p.commune, t.level "
                            "FROM assignment x JOIN place p "
                            "ON p.id = x.place_id JOIN trainee t "
                            "ON t.id = x.trainee_id WHERE x.id = ?1");
  store_bind_int(qA, 1, assignmentId);
  int rc = store_step(qA, err);
  if (rc < 0) return rc;
  if (rc == 0) return err_set(err, ERR_NOTFOUND, "affectation introuvable");
  int s = 0, e = -1;
  char zDep[8], zLevel[32];
  caldate_parse(store_col_text(qA, 0), &s);
  caldate_parse(store_col_text(qA, 1), &e);
  place_commune_dep(store_col_text(qA, 2), zDep);
  snprintf(zLevel, sizeof zLevel, "%s", store_col_text(qA, 3));
  store_reset(qA);

  AllowScheme *aS;
  int nS, n = 0;
  AllowLine *aL = NULL;
  if ((rc = place_scheme_list(db, a, &aS, &nS, err))) return rc;
  Stmt *qPaid = store_stmt(db, "SELECT coalesce(sum(amount_cents), 0) FROM "
                               "allowance_payment WHERE assignment_id = ?1 "
                               "AND scheme_id = ?2");
  for (int i = 0; i < nS; i++) {
    const AllowScheme *sc = &aS[i];
    int from = s, to = e;
    if (!place_scheme_applies(sc, zDep, zLevel, &from, &to)) continue;
    store_grow((void **)&aL, n, sizeof *aL, a);
    AllowLine *l = &aL[n++];
    l->assignmentId = assignmentId;
    l->schemeId = sc->id;
    l->zSchemeName = sc->zName;
    l->monthlyCents = sc->monthlyCents;
    l->iFrom = from;
    l->iTo = to;
    l->owedCents = place_allowance_owed(sc->monthlyCents, from, to, NULL, 0,
                                        NULL);
    store_bind_list(qPaid, STORE_V(assignmentId), STORE_V(sc->id));
    l->paidCents = store_one_int(qPaid, 0);
  }
  *pa = aL;
  *pn = n;
  return 0;
}

int place_allowance_pay(Store *db, int64_t assignmentId, int64_t schemeId,
                        int64_t cents, const char *zPaidOn,
                        const char *zReference, int64_t *pId, Err *err)
{
  int d;
  if (cents <= 0) {
    return err_input(err, "montant", "montant : positif");
  }
  if (caldate_parse(zPaidOn, &d)) {
    return err_input(err, "date_paiement",
                     "date de paiement invalide (attendu AAAA-MM-JJ)");
  }
  Arena *a = arena_new();
  AllowLine *aL;
  int nL;
  int rc = store_begin(db, err);
  if (rc) {
    arena_free(a);
    return rc;
  }
  rc = place_allowance_lines(db, a, assignmentId, &aL, &nL, err);
  const AllowLine *l = NULL;
  for (int i = 0; !rc && i < nL; i++) {
    if (aL[i].schemeId == schemeId) l = &aL[i];
  }
  if (!rc && !l) {
    rc = err_input(err, "dispositif_id",
                   "ce dispositif ne s'applique pas à ce stage");
  }
  if (!rc && cents > l->owedCents - l->paidCents) {
    int64_t left = l->owedCents - l->paidCents;
    rc = err_input(err, "montant", "montant : dépasse le reste dû (%lld,%02lld "
                   "€)", (long long)(left / 100), (long long)(left % 100));
  }
  if (!rc) {
    Stmt *q = store_stmt(db, "INSERT INTO allowance_payment(assignment_id, "
                             "scheme_id, amount_cents, paid_on, reference) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)");
    store_bind_list(q, STORE_V(assignmentId), STORE_V(schemeId), STORE_V(cents),
                    STORE_V(zPaidOn), store_v_opt(zReference));
    rc = store_exec(q, err);
    if (!rc && pId) *pId = store_last_id(db);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  arena_free(a);
  return rc;
}

static const StoreCol aPaymentCol[] = {
  STORE_COL(AllowPayment, id),
  STORE_COL(AllowPayment, assignmentId),
  STORE_COL(AllowPayment, schemeId),
  STORE_COL(AllowPayment, placeId),
  STORE_COL(AllowPayment, cents),
  STORE_COL(AllowPayment, zPaidOn),
};

int place_allowance_payments(Store *db, Arena *a, int64_t placeId,
                             AllowPayment **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT p.id, p.assignment_id, p.scheme_id, "
                           "x.place_id, p.amount_cents, p.paid_on FROM "
                           "allowance_payment p JOIN assignment x ON x.id = "
                           "p.assignment_id WHERE ?1 = 0 OR x.place_id = ?1 "
                           "ORDER BY p.paid_on, p.id");
  store_bind_int(q, 1, placeId);
  return store_rows_cols(q, a, aPaymentCol, STORE_NCOL(aPaymentCol),
                         sizeof **pa, (void **)pa, pn, err);
}
