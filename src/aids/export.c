/*
** aids/export.c: the catalogue and the commitments register as CSV (";",
** UTF-8 with BOM, cells that start like a formula are quoted with ') and
** as XLSX (libxlsxwriter; money as numbers in euros so officials can sum).
**
** Both formats come from one in-memory table, so their columns agree.
** libxlsxwriter writes to a file only: a private temporary file (mkstemp)
** is read back and removed.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "aids/web_int.h"
#include "base/mem.h"
#include "web/export.h"

typedef struct Cell Cell;
struct Cell {
  char *z;                 /* text, or NULL for a number */
  double v;
  int isMoney;
};

typedef struct Table Table;
struct Table {
  const char *const *azHead;
  int nCol;
  Cell *a;                 /* nRow * nCol */
  int nRow, nCap;
};

static Cell *tbl_row(Table *t)
{
  if (t->nRow == t->nCap) {
    t->nCap = t->nCap ? 2 * t->nCap : 32;
    t->a = xrealloc(t->a, sizeof(Cell) * (size_t)t->nCap * (size_t)t->nCol);
  }
  Cell *r = &t->a[(size_t)t->nRow++ * (size_t)t->nCol];
  memset(r, 0, sizeof(Cell) * (size_t)t->nCol);
  return r;
}

static void cell_text(Cell *c, const char *z)
{
  c->z = xstrdup(z ? z : "");
}

static void cell_num(Cell *c, double v, int isMoney)
{
  c->v = v;
  c->isMoney = isMoney;
}

static void tbl_free(Table *t)
{
  for (int i = 0; i < t->nRow * t->nCol; i++) free(t->a[i].z);
  free(t->a);
}

static void tbl_csv(Str *o, const Table *t)
{
  str_appendz(o, "\xEF\xBB\xBF");
  for (int j = 0; j < t->nCol; j++) {
    if (j) str_appendc(o, ';');
    exp_csv_cell(o, t->azHead[j]);
  }
  str_appendz(o, "\r\n");
  for (int i = 0; i < t->nRow; i++) {
    for (int j = 0; j < t->nCol; j++) {
      const Cell *c = &t->a[i * t->nCol + j];
      if (j) str_appendc(o, ';');
      if (c->z) {
        exp_csv_cell(o, c->z);
      } else {
        char z[48];
        snprintf(z, sizeof z, c->isMoney ? "%.2f" : "%g", c->v);
        char *zDot = strchr(z, '.');
        if (zDot) *zDot = ',';                 /* French spreadsheets */
        str_appendz(o, z);
      }
    }
    str_appendz(o, "\r\n");
  }
}

static int tbl_xlsx(Str *pOut, const Table *t, const char *zSheet, Err *err)
{
  const char *zDir = getenv("TMPDIR");
  char zPath[512];
  snprintf(zPath, sizeof zPath, "%s/oasis-aids-XXXXXX",
           zDir && zDir[0] ? zDir : "/tmp");
  int fd = mkstemp(zPath);
  if (fd < 0) return err_set(err, ERR_IO, "fichier temporaire impossible");
  close(fd);
  int rc = 0;
  lxw_workbook *wb = workbook_new(zPath);
  if (!wb) {
    rc = err_set(err, ERR_IO, "écriture du classeur impossible");
    goto done;
  }
  lxw_format *fBold = workbook_add_format(wb);
  format_set_bold(fBold);
  lxw_format *fEur = workbook_add_format(wb);
  format_set_num_format(fEur, "#,##0.00 \"€\"");
  lxw_worksheet *ws = workbook_add_worksheet(wb, zSheet);
  worksheet_set_column(ws, 0, (lxw_col_t)(t->nCol - 1), 22, NULL);
  for (int j = 0; j < t->nCol; j++)
    worksheet_write_string(ws, 0, (lxw_col_t)j, t->azHead[j], fBold);
  for (int i = 0; i < t->nRow; i++) {
    for (int j = 0; j < t->nCol; j++) {
      const Cell *c = &t->a[i * t->nCol + j];
      if (c->z) worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)j,
                                       c->z, NULL);
      else worksheet_write_number(ws, (lxw_row_t)(i + 1), (lxw_col_t)j, c->v,
                                  c->isMoney ? fEur : NULL);
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) {
    rc = err_set(err, ERR_IO, "écriture du classeur impossible");
    goto done;
  }
  FILE *f = fopen(zPath, "rb");
  if (!f) {
    rc = err_set(err, ERR_IO, "lecture du classeur impossible");
    goto done;
  }
  char aBuf[8192];
  size_t n;
  while ((n = fread(aBuf, 1, sizeof aBuf, f)) > 0) str_append(pOut, aBuf, n);
  if (ferror(f)) rc = err_set(err, ERR_IO, "lecture du classeur impossible");
  fclose(f);
done:
  unlink(zPath);
  return rc;
}

/* ---- the catalogue ---------------------------------------------------------- */

static const char *const azCatHead[] = {
  "Identifiant", "Nom", "État", "Porteur", "Code du porteur", "Nom du porteur",
  "Territoire", "Professions", "Situations", "Conditions", "Avantages",
  "Montant fixe (€)", "Engagement (années)", "Lieu de l'engagement",
  "Remboursement", "Cumulable avec", "Non cumulable avec", "Valide du",
  "Valide au", "Source", "Contact"};
#define CAT_NCOL ((int)(sizeof azCatHead / sizeof azCatHead[0]))

static void mask_cell(Cell *c, int kind, unsigned m)
{
  Str s = STR_INIT;
  for (int i = 0; i < 32; i++) {
    if (m & 1u << i) str_appendf(&s, "%s%s", s.n ? ", " : "",
                                 aid_label(kind, i));
  }
  cell_text(c, str_text(&s));
  str_free(&s);
}

static void ids_cell(Cell *c, const char **az, int n)
{
  Str s = STR_INIT;
  for (int i = 0; i < n; i++) str_appendf(&s, "%s%s", i ? ", " : "", az[i]);
  cell_text(c, str_text(&s));
  str_free(&s);
}

static void catalog_table(Table *t, const AidCatalog *pCat, const AidFilter *f,
                          const AidPlace *pl)
{
  memset(t, 0, sizeof *t);
  t->azHead = azCatHead;
  t->nCol = CAT_NCOL;
  for (int i = 0; i < pCat->nScheme; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    if (!aid_web_filter_match(f, s, pl)) continue;
    Cell *r = tbl_row(t);
    Str x = STR_INIT;
    cell_text(&r[0], s->zId);
    cell_text(&r[1], s->zName);
    cell_text(&r[2], aid_label(AID_LABEL_STATE, s->state));
    cell_text(&r[3], aid_label(AID_LABEL_PORTEUR, s->porteur));
    cell_text(&r[4], s->zPorteurCode);
    cell_text(&r[5], s->zPorteurName);
    aid_terr_text(&x, s->aTerr, s->nTerr);
    cell_text(&r[6], str_text(&x));
    mask_cell(&r[7], AID_LABEL_PROF, s->profMask);
    mask_cell(&r[8], AID_LABEL_STATUS, s->statusMask);
    str_reset(&x);
    for (int k = 0; k < s->nCond; k++) {
      if (k) str_appendz(&x, " ; ");
      aid_cond_write(&x, &s->aCond[k]);
    }
    cell_text(&r[9], str_text(&x));
    str_reset(&x);
    for (int k = 0; k < s->nBen; k++) {
      const AidBenefit *b = &s->aBen[k];
      str_appendf(&x, "%s%s", k ? " ; " : "", aid_label(AID_LABEL_BEN,
                                                        b->kind));
      if (b->zLabel && *b->zLabel) str_appendf(&x, " (%s)", b->zLabel);
      if (b->kind == AID_BEN_MONEY) {
        if (b->hasAmount)
          str_appendf(&x, " %s%.2f € %s", b->isUpTo ? "jusqu'à " : "",
                      b->amount, aid_label(AID_LABEL_PER, b->period));
        else
          str_appendz(&x, " montant inconnu");
      }
    }
    cell_text(&r[10], str_text(&x));
    int isKnown;
    double v = aid_scheme_amount(s, &isKnown);
    if (isKnown) cell_num(&r[11], v, 1);
    else cell_text(&r[11], "inconnu");
    const AidCommit *c = &s->commit;
    if (c->hasCommit && !c->isAsReceived) cell_num(&r[12], c->years, 0);
    else cell_text(&r[12], c->hasCommit ? "durée de l'aide" : "");
    str_reset(&x);
    if (c->hasCommit) {
      if (c->nPlace) aid_terr_text(&x, c->aPlace, c->nPlace);
      else aid_terr_text(&x, s->aTerr, s->nTerr);
    }
    cell_text(&r[13], str_text(&x));
    cell_text(&r[14], c->hasCommit ? aid_label(AID_LABEL_REPAY, c->repay) : "");
    ids_cell(&r[15], s->azWith, s->nWith);
    ids_cell(&r[16], s->azWithout, s->nWithout);
    cell_text(&r[17], s->zFrom);
    cell_text(&r[18], s->zTo);
    cell_text(&r[19], s->zSource);
    cell_text(&r[20], s->zContact);
    str_free(&x);
  }
}

void aid_csv_catalog(Str *pOut, const AidCatalog *pCat, const AidFilter *f,
                     const AidPlace *pl)
{
  Table t;
  catalog_table(&t, pCat, f, pl);
  tbl_csv(pOut, &t);
  tbl_free(&t);
}

int aid_xlsx_catalog(Str *pOut, const AidCatalog *pCat, const AidFilter *f,
                     const AidPlace *pl, Err *err)
{
  Table t;
  catalog_table(&t, pCat, f, pl);
  int rc = tbl_xlsx(pOut, &t, "Aides", err);
  tbl_free(&t);
  return rc;
}

/* ---- the register ------------------------------------------------------------ */

static const char *const azRegHead[] = {
  "N°", "Aide", "Bénéficiaire", "Signature", "Début", "Fin",
  "Commune d'exercice", "Montant accordé (€)", "Versé (€)", "Remboursement",
  "Statut", "Date de rupture", "Montant dû (€)", "Dernière attestation"};
#define REG_NCOL ((int)(sizeof azRegHead / sizeof azRegHead[0]))

typedef struct RegCtx RegCtx;
struct RegCtx {
  Store *db;
  Table t;
};

static int reg_row(void *pArg, const AidCommitment *c)
{
  RegCtx *x = pArg;
  Cell *r = tbl_row(&x->t);
  cell_num(&r[0], (double)c->id, 0);
  cell_text(&r[1], c->zAid);
  cell_text(&r[2], c->zBeneficiary);
  cell_text(&r[3], c->zSigned);
  cell_text(&r[4], c->zStart);
  cell_text(&r[5], c->zEnd);
  cell_text(&r[6], c->zPlace);
  cell_num(&r[7], c->amount, 1);
  cell_num(&r[8], aid_commit_paid(x->db, c->id), 1);
  cell_text(&r[9], aid_label(AID_LABEL_REPAY, c->repay));
  cell_text(&r[10], aid_commit_status_label(c->status));
  cell_text(&r[11], c->zBroken);
  if (c->due >= 0) cell_num(&r[12], c->due, 1);
  else cell_text(&r[12], c->status == AID_CS_BROKEN ? "à déterminer" : "");
  cell_text(&r[13], c->zLastProof);
  return 0;
}

static int reg_table(Store *db, const AidCommitFilter *f, RegCtx *x, Err *err)
{
  memset(x, 0, sizeof *x);
  x->db = db;
  x->t.azHead = azRegHead;
  x->t.nCol = REG_NCOL;
  return aid_commit_each(db, f, reg_row, x, err);
}

int aid_csv_commitments(Store *db, const AidCommitFilter *f, Str *pOut,
                        Err *err)
{
  RegCtx x;
  int rc = reg_table(db, f, &x, err);
  if (!rc) tbl_csv(pOut, &x.t);
  tbl_free(&x.t);
  return rc;
}

int aid_xlsx_commitments(Store *db, const AidCommitFilter *f,
                         const char *zToday, Str *pOut, Err *err)
{
  RegCtx x;
  (void)zToday;
  int rc = reg_table(db, f, &x, err);
  if (!rc) rc = tbl_xlsx(pOut, &x.t, "Engagements", err);
  tbl_free(&x.t);
  return rc;
}

/* ---- the portfolio dashboard ------------------------------------------------- */

static const char *const azPfHead[] = {
  "Regroupement", "Code", "Nom", "En cours", "Professionnels engagés",
  "Engagé (€)", "Versé (€)", "Années restantes", "Honorés", "Rompus",
  "Dispensés", "Dû (€)"};
#define PF_NCOL ((int)(sizeof azPfHead / sizeof azPfHead[0]))

typedef struct PfCtx PfCtx;
struct PfCtx {
  const char *zBy;         /* "porteur", "EPCI"… */
  Table t;
};

static int pf_row(void *pArg, const AidPortfolio *p)
{
  PfCtx *x = pArg;
  Cell *r = tbl_row(&x->t);
  cell_text(&r[0], x->zBy);
  cell_text(&r[1], p->zPorteurCode);
  cell_text(&r[2], p->zPorteurName[0] ? p->zPorteurName : p->zPorteur);
  cell_num(&r[3], p->nOngoing, 0);
  cell_num(&r[4], p->nBound, 0);
  cell_num(&r[5], p->committed, 1);
  cell_num(&r[6], p->paid, 1);
  cell_num(&r[7], round(p->yearsLeft * 10) / 10, 0);
  cell_num(&r[8], p->nHonoured, 0);
  cell_num(&r[9], p->nBroken, 0);
  cell_num(&r[10], p->nWaived, 0);
  cell_num(&r[11], p->due, 1);
  return 0;
}

/* Every grouping of the dashboard, one after the other. */
static int pf_table(Store *db, const char *zToday, PfCtx *x, Err *err)
{
  static const int aLevel[] = {AID_TERR_EPCI, AID_TERR_DEP, AID_TERR_REG};
  memset(x, 0, sizeof *x);
  x->t.azHead = azPfHead;
  x->t.nCol = PF_NCOL;
  x->zBy = "porteur";
  int rc = aid_commit_portfolio(db, zToday, pf_row, x, err);
  for (int i = 0; i < 3 && !rc; i++) {
    x->zBy = aid_label(AID_LABEL_TERR, aLevel[i]);
    rc = aid_commit_by_terr(db, aLevel[i], zToday, pf_row, x, err);
  }
  return rc;
}

int aid_csv_portfolio(Store *db, const char *zToday, Str *pOut, Err *err)
{
  PfCtx x;
  int rc = pf_table(db, zToday, &x, err);
  if (!rc) tbl_csv(pOut, &x.t);
  tbl_free(&x.t);
  return rc;
}

int aid_xlsx_portfolio(Store *db, const char *zToday, Str *pOut, Err *err)
{
  PfCtx x;
  int rc = pf_table(db, zToday, &x, err);
  if (!rc) rc = tbl_xlsx(pOut, &x.t, "Portefeuille", err);
  tbl_free(&x.t);
  return rc;
}
