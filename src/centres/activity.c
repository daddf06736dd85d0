/*
** centres/activity.c: monthly activity per site (form and CSV import),
** monthly finance per centre, and the published figures, in the store.
**
** The CSV import is all or nothing: rows are checked and written inside
** one transaction, and the first bad row rolls everything back with the
** file, line and column named.
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/csv.h"
#include "base/err_input.h"
#include "base/str.h"
#include "centres/centres.h"
#include "centres/internal.h"

static void month_text(int y, int m, char *z)
{
  snprintf(z, 16, "%04d-%02d", y % 10000, m % 100);
}

/* Write one month of a record: literal zSql (an INSERT OR REPLACE) takes
** the members aCol[0..nCol-1] names in p, then the month as "AAAA-MM". */
static int month_save(Store *db, const char *zSql, const StoreCol *aCol,
                      int nCol, const void *p, int y, int m, Err *err)
{
  char zMonth[16];
  month_text(y, m, zMonth);
  Stmt *q = store_stmt(db, zSql);
  store_bind_cols(q, aCol, nCol, p, 1);
  store_bind_text(q, nCol + 1, zMonth);
  return store_exec(q, err);
}

/* The rows of year y of one site or centre: literal zSql has ?1 = id and
** the months ?2..?3. */
static int month_rows(Store *db, Arena *a, const char *zSql, int64_t id,
                      int y, StoreRowFn xRow, size_t nSize, void **pa,
                      int *pn, Err *err)
{
  char zFrom[16], zTo[16];
  month_text(y, 1, zFrom);
  month_text(y, 12, zTo);
  Stmt *q = store_stmt(db, zSql);
  store_bind_list(q, STORE_V(id), STORE_V(zFrom), STORE_V(zTo));
  return store_rows(q, a, xRow, nSize, pa, pn, err);
}

/* A site-month's columns, in SELECT and INSERT order (CTR_ACTIVITY_COLS);
** its month (year and month members) comes after them, as text "AAAA-MM".
** An unknown share of unscheduled consultations is -1 here and NULL in the
** table. */
static const StoreCol aActivityCol[] = {
  STORE_COL(CentreActivity, siteId),
  STORE_COL(CentreActivity, consultations),
  STORE_COL(CentreActivity, homeVisits),
  STORE_COL(CentreActivity, teleconsultations),
  STORE_COL_OR(CentreActivity, unscheduledPct, -1),
  STORE_COL(CentreActivity, newMtPatients),
  STORE_COL(CentreActivity, cumMtPatients),
};

int centre_activity_save(Store *db, const CentreActivity *p, int iToday,
                         Err *err)
{
  if (centre_activity_check(p, iToday, err)) return ERR_INPUT;
  if (store_ref_check(db, "SELECT count(*) FROM centre_site WHERE id = ?1",
                      p->siteId, "site_id", "site inconnu", err)) {
    return ERR_INPUT;
  }
  return month_save(db, "INSERT OR REPLACE INTO centre_activity(site_id, "
                    "consultations, home_visits, teleconsultations, "
                    "unscheduled_pct, new_mt_patients, cum_mt_patients, "
                    "month) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    aActivityCol, STORE_NCOL(aActivityCol), p, p->year,
                    p->month, err);
}

void ctr_activity_row(Arena *a, Stmt *q, void *pRec)
{
  CentreActivity *p = pRec;
  store_read_cols(a, q, aActivityCol, STORE_NCOL(aActivityCol), p);
  caldate_parse_month(store_col_text(q, 7), &p->year, &p->month);
}

int centre_activity_list(Store *db, Arena *a, int64_t siteId, int year,
                         CentreActivity **pa, int *pn, Err *err)
{
  return month_rows(db, a, "SELECT " CTR_ACTIVITY_COLS "FROM centre_activity a "
                    "WHERE site_id = ?1 AND month BETWEEN ?2 AND ?3 "
                    "ORDER BY month", siteId, year, ctr_activity_row,
                    sizeof **pa, (void **)pa, pn, err);
}

/* ---- CSV import --------------------------------------------------------- */

/* Column indexes of the import file, by header name. */
typedef struct ImportCols ImportCols;
struct ImportCols {
  int site, month, consult, home, tele, unsched, newMt, cumMt;
};

/* Integer cell iCol into *pv: a whole number (spaces as thousands
** separators allowed), negative refused. */
static int cell_count(CsvReader *r, int iCol, long *pv, Err *err)
{
  const char *z = csv_cell(r, iCol);
  char zBuf[32];
  int n = 0;
  for (; *z && n < (int)sizeof zBuf - 1; z++) {
    if (*z != ' ') zBuf[n++] = *z;
  }
  zBuf[n] = 0;
  if (n == 0 || str_to_long(zBuf, pv)) {
    return csv_err_cell(r, err, iCol, "nombre entier attendu, lu « %.30s »",
                        csv_cell(r, iCol));
  }
  if (*pv < 0) {
    return csv_err_cell(r, err, iCol, "nombre négatif refusé (%ld)", *pv);
  }
  return 0;
}

/* The share cell: empty (unknown) or a percentage, "12,5" or "12.5". */
static int cell_share(CsvReader *r, int iCol, double *pv, Err *err)
{
  const char *z = iCol >= 0 ? csv_cell(r, iCol) : "";
  char zBuf[32];
  snprintf(zBuf, sizeof zBuf, "%s", z);
  for (char *c = zBuf; *c; c++) {
    if (*c == ',') *c = '.';
  }
  if (!zBuf[0]) {
    *pv = -1;
    return 0;
  }
  char *zPct = strchr(zBuf, '%');
  if (zPct) *zPct = 0;
  if (str_to_double(zBuf, pv) || *pv < 0 || *pv > 100) {
    return csv_err_cell(r, err, iCol, "part entre 0 et 100 attendue, lu "
                        "« %.30s »", z);
  }
  return 0;
}

/* Read, check and write the current row of r. */
static int import_row(Store *db, CsvReader *r, const ImportCols *c,
                      int iToday, Err *err)
{
  CentreActivity act = {0};
  const char *zSite = csv_cell(r, c->site);
  act.siteId = centre_site_by_code(db, zSite);
  if (!act.siteId) {
    return csv_err_cell(r, err, c->site, "site inconnu « %.40s »", zSite);
  }
  if (caldate_parse_month(csv_cell(r, c->month), &act.year, &act.month)) {
    return csv_err_cell(r, err, c->month, "mois attendu sous la forme "
                        "AAAA-MM, lu « %.30s »", csv_cell(r, c->month));
  }
  int ty, tm, td;
  caldate_ymd(iToday, &ty, &tm, &td);
  if (act.year * 12 + act.month > ty * 12 + tm) {
    return csv_err_cell(r, err, c->month, "mois %s dans le futur",
                        csv_cell(r, c->month));
  }
  if (cell_count(r, c->consult, &act.consultations, err) ||
      cell_count(r, c->home, &act.homeVisits, err) ||
      cell_count(r, c->tele, &act.teleconsultations, err) ||
      cell_share(r, c->unsched, &act.unscheduledPct, err) ||
      cell_count(r, c->newMt, &act.newMtPatients, err) ||
      cell_count(r, c->cumMt, &act.cumMtPatients, err)) {
    return ERR_INPUT;
  }
  /* One row per site and month: a second one in the same file is a
  ** mistake (which one is right?), not an update. */
  char zMonth[16];
  month_text(act.year, act.month, zMonth);
  Stmt *qDup = store_stmt(db, "SELECT count(*) FROM temp.centre_import_seen "
                              "WHERE site_id = ?1 AND month = ?2");
  store_bind_list(qDup, STORE_V(act.siteId), STORE_V(zMonth));
  if (store_one_int(qDup, 0)) {
    return csv_err_cell(r, err, c->month, "le site %s a déjà une ligne pour "
                        "%s dans ce fichier", zSite, zMonth);
  }
  Stmt *qSeen = store_stmt(db, "INSERT INTO temp.centre_import_seen"
                               "(site_id, month) VALUES (?1, ?2)");
  store_bind_list(qSeen, STORE_V(act.siteId), STORE_V(zMonth));
  int rc = store_exec(qSeen, err);
  if (!rc) rc = centre_activity_save(db, &act, iToday, err);
  return rc;
}

/* Find every required column (the share is optional). */
static int import_header(CsvReader *r, ImportCols *c, Err *err)
{
  static const char *const azName[] = {
    "site", "mois", "consultations", "visites_domicile", "teleconsultations",
    "nouveaux_patients_mt", "patients_mt_cumul"
  };
  int *apCol[] = {&c->site, &c->month, &c->consult, &c->home, &c->tele,
                  &c->newMt, &c->cumMt};
  for (size_t i = 0; i < sizeof azName / sizeof azName[0]; i++) {
    *apCol[i] = csv_col(r, azName[i]);
    if (*apCol[i] < 0) {
      return err_at(err, ERR_INPUT, csv_name(r), 1, 0, azName[i],
                    "colonne « %s » absente de l'en-tête", azName[i]);
    }
  }
  c->unsched = csv_col(r, "part_non_programmee");
  return 0;
}

int centre_activity_import(Store *db, const char *zName, const char *zData,
                           size_t nData, int iToday, int *pnRows, Err *err)
{
  /* The separator is the first of ';' or ',' found in the header line. */
  char cSep = ';';
  for (size_t i = 0; i < nData && zData[i] != '\n'; i++) {
    if (zData[i] == ';' || zData[i] == ',') {
      cSep = zData[i];
      break;
    }
  }
  int rc, nRows = 0;
  ImportCols cols;
  CsvReader *r = csv_open_mem(zName, zData, nData, cSep);
  *pnRows = 0;
  rc = csv_read_header(r, err);
  if (!rc) rc = import_header(r, &cols, err);
  if (rc) goto done;
  rc = store_exec_sql(db, "CREATE TEMP TABLE IF NOT EXISTS centre_import_seen"
                          "(site_id INTEGER, month TEXT);"
                          "DELETE FROM temp.centre_import_seen;", err);
  if (rc) goto done;
  rc = store_begin(db, err);
  if (rc) goto done;
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    rc = import_row(db, r, &cols, iToday, err);
    if (rc) break;
    nRows++;
  }
  if (rc == CSV_END && nRows == 0) {
    rc = err_at(err, ERR_INPUT, zName, 2, 0, NULL, "fichier sans ligne de "
                "données");
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (!rc) *pnRows = nRows;
done:
  csv_close(r);
  return rc;
}

/* ---- finance ------------------------------------------------------------ */

/* A centre-month's columns, in SELECT and INSERT order; its month comes
** after them, as text "AAAA-MM". */
static const StoreCol aFinanceCol[] = {
  STORE_COL(CentreFinance, centreId),
  STORE_COL(CentreFinance, salariesCents),
  STORE_COL(CentreFinance, chargesCents),
  STORE_COL(CentreFinance, reimbursementsCents),
};

int centre_finance_save(Store *db, const CentreFinance *p, int iToday,
                        Err *err)
{
  if (centre_finance_check(p, iToday, err)) return ERR_INPUT;
  if (store_ref_check(db, "SELECT count(*) FROM centre WHERE id = ?1",
                      p->centreId, "centre_id", "centre inconnu", err)) {
    return ERR_INPUT;
  }
  return month_save(db, "INSERT OR REPLACE INTO centre_finance(centre_id, "
                    "salaries_cents, charges_cents, reimbursements_cents, "
                    "month) VALUES (?1, ?2, ?3, ?4, ?5)",
                    aFinanceCol, STORE_NCOL(aFinanceCol), p, p->year,
                    p->month, err);
}

static void finance_row(Arena *a, Stmt *q, void *pRec)
{
  CentreFinance *p = pRec;
  store_read_cols(a, q, aFinanceCol, STORE_NCOL(aFinanceCol), p);
  caldate_parse_month(store_col_text(q, 4), &p->year, &p->month);
}

int centre_finance_list(Store *db, Arena *a, int64_t centreId, int year,
                        CentreFinance **pa, int *pn, Err *err)
{
  return month_rows(db, a, "SELECT centre_id, salaries_cents, charges_cents, "
                    "reimbursements_cents, month FROM centre_finance "
                    "WHERE centre_id = ?1 AND month BETWEEN ?2 AND ?3 "
                    "ORDER BY month", centreId, year, finance_row,
                    sizeof **pa, (void **)pa, pn, err);
}

/* ---- published figures -------------------------------------------------- */

/* A published figure's columns in SELECT order; after the id, the ones
** an insert binds (?1..?8).  A figure of the whole network has centre 0
** here and NULL in the table. */
static const StoreCol aPublishedCol[] = {
  STORE_COL(CentrePublished, id),
  STORE_COL(CentrePublished, networkId),
  STORE_COL_OR(CentrePublished, centreId, 0),
  STORE_COL(CentrePublished, zMetric),
  STORE_COL(CentrePublished, yearFrom),
  STORE_COL(CentrePublished, yearTo),
  STORE_COL(CentrePublished, value),
  STORE_COL(CentrePublished, zSource),
  STORE_COL_OPT(CentrePublished, zNote),
};

int centre_published_list(Store *db, Arena *a, int64_t networkId,
                          CentrePublished **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT id, network_id, centre_id, metric, year_from, "
      "year_to, value, source, note FROM centre_published "
      "WHERE ?1 = 0 OR network_id = ?1 ORDER BY network_id, year_to, id");
  store_bind_int(q, 1, networkId);
  return store_rows_cols(q, a, aPublishedCol, STORE_NCOL(aPublishedCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int centre_published_save(Store *db, CentrePublished *p, Err *err)
{
  if (!p->zMetric || !p->zMetric[0] || !p->zSource || !p->zSource[0]) {
    return err_input(err, p->zMetric && p->zMetric[0] ? "source" : "indicateur",
                     "chiffre publié : indicateur et source "
                     "obligatoires");
  }
  if (p->yearFrom < 1990 || p->yearTo < p->yearFrom || p->yearTo > 2100 ||
      p->value < 0) {
    return err_input(err, "annee_debut",
                     "chiffre publié : années ou valeur invalides");
  }
  /* Same network, centre, metric and years: the new figure replaces it. */
  Stmt *q = store_stmt(db,
      "DELETE FROM centre_published WHERE network_id = ?1 AND "
      "coalesce(centre_id, 0) = ?2 AND metric = ?3 AND year_from = ?4 AND "
      "year_to = ?5");
  store_bind_list(q, STORE_V(p->networkId), STORE_V(p->centreId),
                  STORE_V(p->zMetric), STORE_V(p->yearFrom),
                  STORE_V(p->yearTo));
  int rc = store_exec(q, err);
  if (rc) return rc;
  q = store_stmt(db,
      "INSERT INTO centre_published(network_id, centre_id, metric, "
      "year_from, year_to, value, source, note) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6, ?7, ?8)");
  store_bind_cols(q, aPublishedCol + 1, 8, p, 1);
  rc = store_exec(q, err);
  if (!rc) p->id = store_last_id(db);
  return rc;
}
