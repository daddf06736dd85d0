/*
** centres/stats.c: the aggregates behind the dashboards (network, centre,
** site): year to date, same months a year earlier, month by month, doctors'
** FTE and consultations per FTE doctor, finance.
**
** Monthly rows are the truth when they exist.  A network (or centre) with
** no monthly rows for a whole year shows the yearly totals published for
** exactly that year instead, flagged isPublished; they are never spread
** into months (we do not know the split).
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "centres/centres.h"
#include "centres/internal.h"

/* The WHERE clause selecting the sites of a scope: ?1 scope, ?2 id. */
#define SCOPE_SITES                                                        \
  "((?1 = 0 AND c.network_id = ?2) OR (?1 = 1 AND s.centre_id = ?2) OR "   \
  "(?1 = 2 AND s.id = ?2))"

/* Literal zSql, whose ?1 and ?2 select the sites of p's scope
** (SCOPE_SITES), with them bound. */
static Stmt *scope_stmt(Store *db, const char *zSql, const CentreStats *p)
{
  Stmt *q = store_stmt(db, zSql);
  store_bind_list(q, STORE_V((int)p->scope), STORE_V(p->id));
  return q;
}

/* Add the activity rows of years y-1 and y (months <= monthTo for the
** year-to-date totals) into p. */
static int stats_activity(Store *db, CentreStats *p, Err *err)
{
  char zFrom[16], zTo[16];
  snprintf(zFrom, sizeof zFrom, "%04d-01", (p->year - 1) % 10000);
  snprintf(zTo, sizeof zTo, "%04d-12", p->year % 10000);
  Stmt *q = scope_stmt(db,
      "SELECT " CTR_ACTIVITY_COLS "FROM centre_activity a "
      "JOIN centre_site s ON s.id = a.site_id "
      "JOIN centre c ON c.id = s.centre_id "
      "WHERE " SCOPE_SITES " AND a.month BETWEEN ?3 AND ?4 "
      "ORDER BY a.site_id, a.month", p);
  store_bind_text(q, 3, zFrom);
  store_bind_text(q, 4, zTo);
  int rc;
  int64_t lastSite = 0;
  long aLastCum[2] = {0, 0};      /* the site's latest cumulative, per year */
  while ((rc = store_step(q, err)) == 1) {
    CentreActivity act = {0};
    ctr_activity_row(NULL, q, &act);
    if (act.month < 1) continue;           /* not a month: "AAAA-MM" */
    if (act.siteId != lastSite) {
      p->ytd.cumMtPatients += aLastCum[1];
      p->prevYtd.cumMtPatients += aLastCum[0];
      aLastCum[0] = aLastCum[1] = 0;
      lastSite = act.siteId;
    }
    int isCur = act.year == p->year;
    CentreTotals *aM = isCur ? p->aMonth : p->aPrevMonth;
    if (isCur && act.month > p->monthTo) continue;
    centre_totals_add(&aM[act.month - 1], &act);
    aM[act.month - 1].cumMtPatients += act.cumMtPatients;
    if (act.month <= p->monthTo) {
      centre_totals_add(isCur ? &p->ytd : &p->prevYtd, &act);
      aLastCum[isCur] = act.cumMtPatients;
    }
  }
  p->ytd.cumMtPatients += aLastCum[1];
  p->prevYtd.cumMtPatients += aLastCum[0];
  return rc;
}

/* Published yearly totals of exactly year y into *t (all-zero when none).
** Returns 1 when any figure was found. */
static int stats_published(Store *db, Arena *a, int64_t networkId,
                           int64_t centreId, int y, CentreTotals *t,
                           const char **pzSource, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT metric, value, source FROM centre_published "
      "WHERE network_id = ?1 AND coalesce(centre_id, 0) = ?2 "
      "AND year_from = ?3 AND year_to = ?3");
  store_bind_list(q, STORE_V(networkId), STORE_V(centreId), STORE_V(y));
  int rc, isFound = 0;
  while ((rc = store_step(q, err)) == 1) {
    /* Each figure goes where its published label says: home visits
    ** alone are not visits and teleconsultations together. */
    const char *zM = store_col_text(q, 0);
    long v = (long)(store_col_double(q, 1) + 0.5);
    long *pV = !strcmp(zM, "consultations")   ? &t->consultations
               : !strcmp(zM, "home_visits")   ? &t->homeVisits
               : !strcmp(zM, "home_and_tele") ? &t->homeAndTele
                                              : NULL;
    if (!pV) continue;
    if (!isFound) {
      memset(t, 0, sizeof *t);
      t->homeVisits = t->teleconsultations = -1;   /* unless published */
      t->homeAndTele = -1;
      t->newMtPatients = t->cumMtPatients = -1;
      t->unscheduledPct = -1;
      isFound = 1;
    }
    *pV = v;
    if (pzSource) *pzSource = store_col_dup(a, q, 2);
  }
  return rc < 0 ? rc : isFound;
}

/* Network of the scope's object (for published figures), or 0. */
static int64_t scope_network(Store *db, CentreScope scope, int64_t id)
{
  if (scope == CENTRE_SCOPE_NETWORK) return id;
  Stmt *q = store_stmt(db, scope == CENTRE_SCOPE_CENTRE
                               ? "SELECT network_id FROM centre WHERE id = ?1"
                               : "SELECT c.network_id FROM centre_site s "
                                 "JOIN centre c ON c.id = s.centre_id "
                                 "WHERE s.id = ?1");
  store_bind_int(q, 1, id);
  return store_one_int(q, 0);
}

int centre_stats(Store *db, Arena *a, CentreScope scope, int64_t id, int y,
                 int monthTo, CentreStats *p, Err *err)
{
  memset(p, 0, sizeof *p);
  p->scope = scope;
  p->id = id;
  p->year = y;
  p->monthTo = monthTo < 1 ? 1 : monthTo > 12 ? 12 : monthTo;
  p->ytd.unscheduledPct = p->prevYtd.unscheduledPct = -1;
  p->consultPerFte = -1;
  int64_t networkId = scope_network(db, scope, id);
  if (!networkId) return err_set(err, ERR_NOTFOUND, "périmètre introuvable");
  int rc = stats_activity(db, p, err);
  if (rc < 0) return rc;

  /* A whole year without monthly rows: the published totals stand in. */
  if (scope != CENTRE_SCOPE_SITE && p->monthTo == 12) {
    int64_t centreId = scope == CENTRE_SCOPE_CENTRE ? id : 0;
    if (p->ytd.nMonths == 0) {
      rc = stats_published(db, a, networkId, centreId, y, &p->ytd,
                           &p->zPublishedSource, err);
      if (rc < 0) return rc;
      p->isPublished = rc;
    }
    if (p->prevYtd.nMonths == 0) {
      rc = stats_published(db, a, networkId, centreId, y - 1, &p->prevYtd,
                           NULL, err);
      if (rc < 0) return rc;
      p->hasPrev = rc;
    }
  }
  p->hasCur = p->isPublished || p->ytd.nMonths > 0;
  p->hasPrev = p->hasPrev || p->prevYtd.nMonths > 0;

  /* Doctors' FTE on the last day of the period. */
  char zEnd[11];
  caldate_format(caldate_from_ymd(y, p->monthTo, caldate_days_in_month(
                     y, p->monthTo)), zEnd);
  Stmt *q = scope_stmt(db,
      "SELECT coalesce(sum(x.fte), 0) FROM centre_staff_site x "
      "JOIN centre_staff m ON m.id = x.staff_id "
      "JOIN centre_site s ON s.id = x.site_id "
      "JOIN centre c ON c.id = s.centre_id "
      "WHERE " SCOPE_SITES " AND m.category = 'medecin' "
      "AND m.contract_start <= ?3 "
      "AND (m.contract_end IS NULL OR m.contract_end >= ?3)", p);
  store_bind_text(q, 3, zEnd);
  p->fteDoctors = store_one_double(q, 0);
  if (p->hasCur && p->fteDoctors > 0 && p->ytd.consultations >= 0) {
    p->consultPerFte = (double)p->ytd.consultations / p->fteDoctors;
  }

  /* Finance is kept per centre: none at site level. */
  if (scope != CENTRE_SCOPE_SITE) {
    char zFrom[16], zTo[16];
    snprintf(zFrom, sizeof zFrom, "%04d-01", y % 10000);
    snprintf(zTo, sizeof zTo, "%04d-%02d", y % 10000, p->monthTo);
    q = scope_stmt(db,
        "SELECT coalesce(sum(f.salaries_cents), 0), "
        "coalesce(sum(f.charges_cents), 0), "
        "coalesce(sum(f.reimbursements_cents), 0) FROM centre_finance f "
        "JOIN centre c ON c.id = f.centre_id "
        "WHERE ((?1 = 0 AND c.network_id = ?2) OR (?1 = 1 AND c.id = ?2)) "
        "AND f.month BETWEEN ?3 AND ?4", p);
    store_bind_text(q, 3, zFrom);
    store_bind_text(q, 4, zTo);
    rc = store_step(q, err);
    if (rc < 0) return rc;
    if (rc == 1) {
      p->salariesCents = store_col_int(q, 0);
      p->chargesCents = store_col_int(q, 1);
      p->reimbursementsCents = store_col_int(q, 2);
      store_reset(q);
    }
  }
  return 0;
}
