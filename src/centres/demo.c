/*
** centres/demo.c: load the catalogue files of data/centres/ (networks,
** centres, sites, published figures) into the store.
**
** All four files in one transaction: a bad row anywhere refuses the lot,
** naming file, line and column.  Rows are matched by code, so loading twice
** updates rather than duplicates.
*/
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"
#include "centres/centres.h"

/* The columns azName[0..n-1] of r's header into aCol, or an error naming
** the file and the first one missing. */
static int demo_cols(CsvReader *r, const char *const *azName, int n,
                     int *aCol, Err *err)
{
  for (int i = 0; i < n; i++) {
    aCol[i] = csv_col(r, azName[i]);
    if (aCol[i] < 0) {
      return err_at(err, ERR_INPUT, csv_name(r), 1, 0, azName[i],
                    "colonne « %s » absente", azName[i]);
    }
  }
  return 0;
}

/* Id of the row with code zCode in the network / centre tables, or 0. */
static int64_t demo_id(Store *db, int isCentre, const char *zCode)
{
  Stmt *q = store_stmt(db, isCentre
                               ? "SELECT id FROM centre WHERE code = ?1"
                               : "SELECT id FROM centre_network WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  return store_one_int(q, 0);
}

/* The network (isCentre 0) or the centre whose code is in cell iCol of
** r's row: its id into *pId, or an error naming the cell. */
static int demo_ref(Store *db, CsvReader *r, int isCentre, int iCol,
                    int64_t *pId, Err *err)
{
  const char *zCode = csv_cell(r, iCol);
  *pId = demo_id(db, isCentre, zCode);
  if (*pId) return 0;
  return csv_err_cell(r, err, iCol, "%s inconnu « %.40s »",
                      isCentre ? "centre" : "réseau", zCode);
}

/* An Err from a save, relocated to the current row of r. */
static int demo_row_err(CsvReader *r, Err *rowErr, Err *err)
{
  int iCol = -1;
  for (int i = 0; rowErr->zField[0] && i < csv_header_count(r); i++) {
    if (!strcmp(csv_col_name(r, i), rowErr->zField)) iCol = i;
  }
  if (iCol >= 0) return csv_err_cell(r, err, iCol, "%s", rowErr->zMsg);
  return err_at(err, ERR_INPUT, csv_name(r), csv_line(r), 0, NULL, "%s",
                rowErr->zMsg);
}

static int demo_networks(Store *db, CsvReader *r, int *pn, Err *err)
{
  static const char *const az[] = {"code", "name", "dep", "source", "note"};
  int c[5], rc = demo_cols(r, az, 5, c, err);
  if (rc) return rc;
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    CentreNetwork n = {0};
    Err e = {0};
    n.zCode = csv_cell(r, c[0]);
    n.id = demo_id(db, 0, n.zCode);
    n.zName = csv_cell(r, c[1]);
    n.zDep = csv_cell(r, c[2]);
    n.zSource = csv_cell(r, c[3]);
    n.zNote = csv_cell(r, c[4]);
    if (centre_network_save(db, &n, &e)) return demo_row_err(r, &e, err);
    (*pn)++;
  }
  return rc;
}

static int demo_centres(Store *db, CsvReader *r, int *pn, Err *err)
{
  static const char *const az[] = {"code", "network", "name", "opened_on",
                                   "note"};
  int c[5], rc = demo_cols(r, az, 5, c, err);
  if (rc) return rc;
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    Centre x = {0};
    Err e = {0};
    x.zCode = csv_cell(r, c[0]);
    x.id = demo_id(db, 1, x.zCode);
    if ((rc = demo_ref(db, r, 0, c[1], &x.networkId, err))) return rc;
    x.zName = csv_cell(r, c[2]);
    x.zOpenedOn = csv_cell(r, c[3]);
    x.zNote = csv_cell(r, c[4]);
    if (centre_save(db, &x, &e)) return demo_row_err(r, &e, err);
    (*pn)++;
  }
  return rc;
}

static int demo_sites(Store *db, CsvReader *r, int *pn, Err *err)
{
  enum { CODE, CENTRE, KIND, NAME, COMMUNE, ADDRESS, OPENED, LKIND, LNAME,
         SERVICES, ILLUS, NOTE, NCOL };
  static const char *const az[NCOL] = {
    "code", "centre", "kind", "name", "commune", "address", "opened_on",
    "lender_kind", "lender_name", "services", "illustrative", "note"
  };
  int c[NCOL], rc = demo_cols(r, az, NCOL, c, err);
  if (rc) return rc;
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    CentreSite s = {0};
    Err e = {0};
    s.zCode = csv_cell(r, c[CODE]);
    s.id = centre_site_by_code(db, s.zCode);
    if ((rc = demo_ref(db, r, 1, c[CENTRE], &s.centreId, err))) return rc;
    s.zKind = csv_cell(r, c[KIND]);
    s.zName = csv_cell(r, c[NAME]);
    s.zCommune = csv_cell(r, c[COMMUNE]);
    s.zAddress = csv_cell(r, c[ADDRESS]);
    s.zOpenedOn = csv_cell(r, c[OPENED]);
    s.zLenderKind = csv_cell(r, c[LKIND]);
    s.zLenderName = csv_cell(r, c[LNAME]);
    const char *zSvc = csv_cell(r, c[SERVICES]);
    s.hasConsult = strstr(zSvc, "consultations") != NULL;
    s.hasHome = strstr(zSvc, "visites") != NULL;
    s.hasTelePoint = strstr(zSvc, "telepoint") != NULL;
    s.hasTeleAssist = strstr(zSvc, "teleassist") != NULL;
    s.isIllustrative = !strcmp(csv_cell(r, c[ILLUS]), "1");
    s.zNote = csv_cell(r, c[NOTE]);
    if (centre_site_save(db, &s, &e)) return demo_row_err(r, &e, err);
    (*pn)++;
  }
  return rc;
}

static int demo_published(Store *db, CsvReader *r, int *pn, Err *err)
{
  enum { NET, CENTRE, METRIC, FROM, TO, VALUE, SOURCE, NOTE, NCOL };
  static const char *const az[NCOL] = {
    "network", "centre", "metric", "year_from", "year_to", "value", "source",
    "note"
  };
  int c[NCOL], rc = demo_cols(r, az, NCOL, c, err);
  if (rc) return rc;
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    CentrePublished p = {0};
    Err e = {0};
    long yFrom, yTo;
    if ((rc = demo_ref(db, r, 0, c[NET], &p.networkId, err)) ||
        (csv_cell(r, c[CENTRE])[0] &&
         (rc = demo_ref(db, r, 1, c[CENTRE], &p.centreId, err)))) {
      return rc;
    }
    p.zMetric = csv_cell(r, c[METRIC]);
    if (str_to_long(csv_cell(r, c[FROM]), &yFrom)) {
      return csv_err_cell(r, err, c[FROM], "année attendue");
    }
    if (str_to_long(csv_cell(r, c[TO]), &yTo)) {
      return csv_err_cell(r, err, c[TO], "année attendue");
    }
    if (str_to_double(csv_cell(r, c[VALUE]), &p.value)) {
      return csv_err_cell(r, err, c[VALUE], "nombre attendu");
    }
    p.yearFrom = (int)yFrom;
    p.yearTo = (int)yTo;
    p.zSource = csv_cell(r, c[SOURCE]);
    p.zNote = csv_cell(r, c[NOTE]);
    if (centre_published_save(db, &p, &e)) return demo_row_err(r, &e, err);
    (*pn)++;
  }
  return rc;
}

int centre_demo_load(Store *db, const char *zDir, int *pnRows, Err *err)
{
  static const char *const azFile[] = {
    "networks.csv", "centres.csv", "sites.csv", "published.csv"
  };
  int (*const axLoad[])(Store *, CsvReader *, int *, Err *) = {
    demo_networks, demo_centres, demo_sites, demo_published
  };
  int rc = store_begin(db, err);
  *pnRows = 0;
  for (int i = 0; !rc && i < 4; i++) {
    char zPath[1024];
    snprintf(zPath, sizeof zPath, "%s/%s", zDir, azFile[i]);
    CsvReader *r = csv_open(zPath, ';', err);
    if (!r) {
      rc = ERR_IO;
      break;
    }
    rc = csv_read_header(r, err);
    if (!rc) rc = axLoad[i](db, r, pnRows, err);
    csv_close(r);
  }
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}
