/*
** centres/staff.c: staff (with their share of a full time on each site),
** vacancies, and the doctors' FTE per commune the engine counts as supply.
** SQL of those tables lives here and only here.
*/
#include <string.h>

#include "base/caldate.h"
#include "base/err_input.h"
#include "centres/centres.h"
#include "centres/internal.h"

/* ---- staff -------------------------------------------------------------- */

/* A person's columns in SELECT order; after the id, the ones a save binds
** (?1..?7). */
static const StoreCol aStaffCol[] = {
  STORE_COL(CentreStaff, id),
  STORE_COL(CentreStaff, networkId),
  STORE_COL(CentreStaff, zFirstName),
  STORE_COL(CentreStaff, zLastName),
  STORE_COL(CentreStaff, zCategory),
  STORE_COL_OPT(CentreStaff, zJob),
  STORE_COL(CentreStaff, zContractStart),
  STORE_COL_OPT(CentreStaff, zContractEnd),
};

/* A person row: its columns, and no sites yet (staff_sites_load). */
static void staff_row(Arena *a, Stmt *q, void *pRec)
{
  CentreStaff *p = pRec;
  memset(p, 0, sizeof *p);
  store_read_cols(a, q, aStaffCol, STORE_NCOL(aStaffCol), p);
}

/* Fill the sites of aStaff[0..n-1]. */
static int staff_sites_load(Store *db, Arena *a, CentreStaff *aStaff, int n,
                            Err *err)
{
  Stmt *q = store_stmt(db, "SELECT x.site_id, x.fte, s.name "
                           "FROM centre_staff_site x JOIN centre_site s "
                           "ON s.id = x.site_id WHERE x.staff_id = ?1 "
                           "ORDER BY x.fte DESC, s.name");
  for (int i = 0; i < n; i++) {
    int rc;
    store_bind_int(q, 1, aStaff[i].id);
    while ((rc = store_step(q, err)) == 1) {
      CentreStaff *p = &aStaff[i];
      if (p->nSite == CENTRE_MAX_STAFF_SITES) continue;
      p->aSiteId[p->nSite] = store_col_int(q, 0);
      p->aFte[p->nSite] = store_col_double(q, 1);
      p->azSiteName[p->nSite] = store_col_dup(a, q, 2);
      p->nSite++;
    }
    if (rc < 0) return rc;
  }
  return 0;
}

int centre_staff_list(Store *db, Arena *a, int64_t networkId, int64_t siteId,
                      CentreStaff **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT id, network_id, first_name, last_name, category, job, "
      "contract_start, contract_end FROM centre_staff p "
      "WHERE (?1 = 0 OR network_id = ?1) AND (?2 = 0 OR EXISTS "
      "(SELECT 1 FROM centre_staff_site x WHERE x.staff_id = p.id "
      "AND x.site_id = ?2)) ORDER BY category, last_name, first_name");
  store_bind_list(q, STORE_V(networkId), STORE_V(siteId));
  int rc = store_rows(q, a, staff_row, sizeof **pa, (void **)pa, pn, err);
  return rc ? rc : staff_sites_load(db, a, *pa, *pn, err);
}

int centre_staff_get(Store *db, Arena *a, int64_t id, CentreStaff *p, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT id, network_id, first_name, last_name, category, job, "
      "contract_start, contract_end FROM centre_staff WHERE id = ?1");
  store_bind_int(q, 1, id);
  int rc = store_row(q, a, staff_row, p, "personne introuvable", err);
  return rc ? rc : staff_sites_load(db, a, p, 1, err);
}

/* Network of site siteId, or 0 when the site does not exist. */
static int64_t site_network(Store *db, int64_t siteId)
{
  Stmt *q = store_stmt(db, "SELECT c.network_id FROM centre_site s "
                           "JOIN centre c ON c.id = s.centre_id "
                           "WHERE s.id = ?1");
  store_bind_int(q, 1, siteId);
  return store_one_int(q, 0);
}

int centre_staff_save(Store *db, CentreStaff *p, Err *err)
{
  if (centre_staff_check(p, err)) return ERR_INPUT;
  int64_t net = 0;
  for (int i = 0; i < p->nSite; i++) {
    int64_t n = site_network(db, p->aSiteId[i]);
    if (!n || (net && n != net)) {
      return err_input(err, "site_id",
                       n ? "site : tous les sites d'une personne "
                       "doivent appartenir au même réseau" : "site inconnu");
    }
    net = n;
  }
  p->networkId = net;
  int rc = store_begin(db, err);
  if (rc) return rc;
  Stmt *q = store_upsert(db, p->id,
      "UPDATE centre_staff SET network_id = ?1, first_name = ?2, "
      "last_name = ?3, category = ?4, job = ?5, contract_start = ?6, "
      "contract_end = ?7 WHERE id = ?8",
      "INSERT INTO centre_staff(network_id, first_name, last_name, "
      "category, job, contract_start, contract_end) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  store_bind_cols(q, aStaffCol + 1, 7, p, 1);
  rc = store_save(db, q, &p->id, "personne introuvable", err);
  if (!rc) {
    q = store_stmt(db, "DELETE FROM centre_staff_site WHERE staff_id = ?1");
    store_bind_int(q, 1, p->id);
    rc = store_exec(q, err);
  }
  q = store_stmt(db, "INSERT INTO centre_staff_site(staff_id, site_id, fte) "
                     "VALUES (?1, ?2, ?3)");
  for (int i = 0; !rc && i < p->nSite; i++) {
    store_bind_list(q, STORE_V(p->id), STORE_V(p->aSiteId[i]),
                    STORE_V(p->aFte[i]));
    rc = store_exec(q, err);
  }
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

int centre_staff_delete(Store *db, int64_t id, Err *err)
{
  return store_delete(db, "DELETE FROM centre_staff WHERE id = ?1", id,
                      "personne introuvable", err);
}

/* ---- vacancies ---------------------------------------------------------- */

/* A vacancy's columns in VACANCY_SELECT order; after the id, the ones a
** save binds (?1..?13), then those only reads fill.  A salary not said is
** -1 here and NULL in the table. */
static const StoreCol aVacancyCol[] = {
  STORE_COL(CentreVacancy, id),
  STORE_COL(CentreVacancy, siteId),
  STORE_COL(CentreVacancy, zCategory),
  STORE_COL(CentreVacancy, zTitle),
  STORE_COL(CentreVacancy, fte),
  STORE_COL_OPT(CentreVacancy, zDescription),
  STORE_COL(CentreVacancy, zPostedOn),
  STORE_COL_OPT(CentreVacancy, zClosedOn),
  STORE_COL(CentreVacancy, isPublic),
  STORE_COL_OPT(CentreVacancy, zContract),
  STORE_COL_OR(CentreVacancy, salaryMinCents, -1),
  STORE_COL_OR(CentreVacancy, salaryMaxCents, -1),
  STORE_COL_OPT(CentreVacancy, zStartOn),
  STORE_COL_OPT(CentreVacancy, zBenefits),
  STORE_COL(CentreVacancy, zSiteName),
  STORE_COL(CentreVacancy, zCommune),
  STORE_COL(CentreVacancy, zCentreName),
};

#define VACANCY_SELECT                                                     \
  "SELECT v.id, v.site_id, v.category, v.title, v.fte, v.description, "    \
  "v.posted_on, v.closed_on, v.is_public, v.contract, v.salary_min_cents, " \
  "v.salary_max_cents, v.start_on, v.benefits, s.name, s.commune, c.name " \
  "FROM centre_vacancy v JOIN centre_site s ON s.id = v.site_id "          \
  "JOIN centre c ON c.id = s.centre_id "

int centre_vacancy_list(Store *db, Arena *a, int onlyOpenPublic,
                        CentreVacancy **pa, int *pn, Err *err)
{
  char zToday[11];
  Stmt *q = store_stmt(db, VACANCY_SELECT
                       "WHERE ?1 = 0 OR (v.is_public = 1 AND "
                       "(v.closed_on IS NULL OR v.closed_on > ?2) AND "
                       "v.posted_on <= ?2) "
                       "ORDER BY v.closed_on IS NOT NULL, v.posted_on DESC");
  store_bind_list(q, STORE_V(onlyOpenPublic),
                  STORE_V(caldate_format(caldate_today(), zToday)));
  return store_rows_cols(q, a, aVacancyCol, STORE_NCOL(aVacancyCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int centre_vacancy_get(Store *db, Arena *a, int64_t id, CentreVacancy *p,
                       Err *err)
{
  Stmt *q = store_stmt(db, VACANCY_SELECT "WHERE v.id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, a, aVacancyCol, STORE_NCOL(aVacancyCol), p,
                        "poste introuvable", err);
}

int centre_vacancy_save(Store *db, CentreVacancy *p, Err *err)
{
  if (centre_vacancy_check(p, err)) return ERR_INPUT;
  if (!site_network(db, p->siteId)) {
    return err_input(err, "site_id", "site inconnu");
  }
  Stmt *q = store_upsert(db, p->id,
      "UPDATE centre_vacancy SET site_id = ?1, category = ?2, title = ?3, "
      "fte = ?4, description = ?5, posted_on = ?6, closed_on = ?7, "
      "is_public = ?8, contract = ?9, salary_min_cents = ?10, "
      "salary_max_cents = ?11, start_on = ?12, benefits = ?13 WHERE id = ?14",
      "INSERT INTO centre_vacancy(site_id, category, title, fte, "
      "description, posted_on, closed_on, is_public, contract, "
      "salary_min_cents, salary_max_cents, start_on, benefits) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  /* A salary of 0 is not said either: NULL in the table. */
  CentreVacancy row = *p;
  if (row.salaryMinCents <= 0) row.salaryMinCents = -1;
  if (row.salaryMaxCents <= 0) row.salaryMaxCents = -1;
  store_bind_cols(q, aVacancyCol + 1, 13, &row, 1);
  return store_save(db, q, &p->id, "poste introuvable", err);
}

/* ---- supply ------------------------------------------------------------- */

static const StoreCol aSupplyCol[] = {
  STORE_COL(CentreSupply, zCommune),
  STORE_COL(CentreSupply, nSite),
  STORE_COL(CentreSupply, fteDoctors),
};

int centre_supply_fte(Store *db, Arena *a, int iDay, CentreSupply **pa,
                      int *pn, Err *err)
{
  char zDay[11];
  /* Sites open on the day; their doctors under contract on the day.  A
  ** site with no doctor still appears (FTE 0): it is open supply-less. */
  Stmt *q = store_stmt(db,
      "SELECT s.commune, count(DISTINCT s.id), coalesce(sum(CASE WHEN "
      "p.category = 'medecin' AND p.contract_start <= ?1 AND "
      "(p.contract_end IS NULL OR p.contract_end >= ?1) THEN x.fte END), 0) "
      "FROM centre_site s "
      "LEFT JOIN centre_staff_site x ON x.site_id = s.id "
      "LEFT JOIN centre_staff p ON p.id = x.staff_id "
      "WHERE (s.opened_on IS NULL OR s.opened_on <= ?1) "
      "AND (s.closed_on IS NULL OR s.closed_on > ?1) "
      "GROUP BY s.commune ORDER BY s.commune");
  store_bind_text(q, 1, caldate_format(iDay, zDay));
  return store_rows_cols(q, a, aSupplyCol, STORE_NCOL(aSupplyCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int centre_staff_of_sites(Store *db, Arena *a, const CentreSite *aS, int nS,
                          CentreStaff **pa, int *pn, Err *err)
{
  CentreStaff *aOut = NULL;
  int n = 0;
  for (int i = 0; i < nS; i++) {
    CentreStaff *aP;
    int nP;
    int rc = centre_staff_list(db, a, 0, aS[i].id, &aP, &nP, err);
    if (rc) return rc;
    for (int j = 0; j < nP; j++) {
      int isListed = 0;
      for (int k = 0; k < n && !isListed; k++) {
        isListed = aOut[k].id == aP[j].id;
      }
      if (isListed) continue;
      store_grow((void **)&aOut, n, sizeof *aOut, a);
      aOut[n++] = aP[j];
    }
  }
  *pa = aOut;
  *pn = n;
  return 0;
}
