/*
** centres/staff.c: staff (with their share of a full time on each site),
** vacancies, and the doctors' FTE per commune the engine counts as supply.
** SQL of those tables lives here and only here.
*/
#include <string.h>

#include "base/caldate.h"
#include "centres/centres.h"
#include "centres/internal.h"

/* ---- staff -------------------------------------------------------------- */

static void staff_row(Arena *a, Stmt *q, void *pRec)
{
  CentreStaff *p = pRec;
  memset(p, 0, sizeof *p);
  p->id = store_col_int(q, 0);
  p->networkId = store_col_int(q, 1);
  p->zFirstName = store_col_dup(a, q, 2);
  p->zLastName = store_col_dup(a, q, 3);
  p->zCategory = store_col_dup(a, q, 4);
  p->zJob = store_col_dup(a, q, 5);
  p->zContractStart = store_col_dup(a, q, 6);
  p->zContractEnd = store_col_dup(a, q, 7);
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
  store_bind_int(q, 1, networkId);
  store_bind_int(q, 2, siteId);
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
      err_set(err, ERR_INPUT, n ? "site : tous les sites d'une personne "
              "doivent appartenir au même réseau" : "site inconnu");
      err_field(err, "site_id");
      return ERR_INPUT;
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
  store_bind_int(q, 1, p->networkId);
  store_bind_text(q, 2, p->zFirstName);
  store_bind_text(q, 3, p->zLastName);
  store_bind_text(q, 4, p->zCategory);
  store_bind_opt(q, 5, p->zJob);
  store_bind_text(q, 6, p->zContractStart);
  store_bind_opt(q, 7, p->zContractEnd);
  rc = store_save(db, q, &p->id, "personne introuvable", err);
  if (!rc) {
    q = store_stmt(db, "DELETE FROM centre_staff_site WHERE staff_id = ?1");
    store_bind_int(q, 1, p->id);
    rc = store_exec(q, err);
  }
  q = store_stmt(db, "INSERT INTO centre_staff_site(staff_id, site_id, fte) "
                     "VALUES (?1, ?2, ?3)");
  for (int i = 0; !rc && i < p->nSite; i++) {
    store_bind_int(q, 1, p->id);
    store_bind_int(q, 2, p->aSiteId[i]);
    store_bind_double(q, 3, p->aFte[i]);
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

static void vacancy_row(Arena *a, Stmt *q, void *pRec)
{
  CentreVacancy *p = pRec;
  p->id = store_col_int(q, 0);
  p->siteId = store_col_int(q, 1);
  p->zCategory = store_col_dup(a, q, 2);
  p->zTitle = store_col_dup(a, q, 3);
  p->fte = store_col_double(q, 4);
  p->zDescription = store_col_dup(a, q, 5);
  p->zPostedOn = store_col_dup(a, q, 6);
  p->zClosedOn = store_col_dup(a, q, 7);
  p->isPublic = (int)store_col_int(q, 8);
  p->zSiteName = store_col_dup(a, q, 9);
  p->zCommune = store_col_dup(a, q, 10);
  p->zCentreName = store_col_dup(a, q, 11);
  p->zContract = store_col_dup(a, q, 12);
  p->salaryMinCents = store_col_is_null(q, 13) ? -1 : store_col_int(q, 13);
  p->salaryMaxCents = store_col_is_null(q, 14) ? -1 : store_col_int(q, 14);
  p->zStartOn = store_col_dup(a, q, 15);
  p->zBenefits = store_col_dup(a, q, 16);
}

#define VACANCY_SELECT                                                     \
  "SELECT v.id, v.site_id, v.category, v.title, v.fte, v.description, "    \
  "v.posted_on, v.closed_on, v.is_public, s.name, s.commune, c.name, "     \
  "v.contract, v.salary_min_cents, v.salary_max_cents, v.start_on, "       \
  "v.benefits "                                                            \
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
  store_bind_int(q, 1, onlyOpenPublic);
  store_bind_text(q, 2, caldate_format(caldate_today(), zToday));
  return store_rows(q, a, vacancy_row, sizeof **pa, (void **)pa, pn, err);
}

int centre_vacancy_get(Store *db, Arena *a, int64_t id, CentreVacancy *p,
                       Err *err)
{
  Stmt *q = store_stmt(db, VACANCY_SELECT "WHERE v.id = ?1");
  store_bind_int(q, 1, id);
  return store_row(q, a, vacancy_row, p, "poste introuvable", err);
}

int centre_vacancy_save(Store *db, CentreVacancy *p, Err *err)
{
  if (centre_vacancy_check(p, err)) return ERR_INPUT;
  if (!site_network(db, p->siteId)) {
    err_set(err, ERR_INPUT, "site inconnu");
    err_field(err, "site_id");
    return ERR_INPUT;
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
  store_bind_int(q, 1, p->siteId);
  store_bind_text(q, 2, p->zCategory);
  store_bind_text(q, 3, p->zTitle);
  store_bind_double(q, 4, p->fte);
  store_bind_opt(q, 5, p->zDescription);
  store_bind_text(q, 6, p->zPostedOn);
  store_bind_opt(q, 7, p->zClosedOn);
  store_bind_int(q, 8, p->isPublic != 0);
  store_bind_opt(q, 9, p->zContract);
  if (p->salaryMinCents > 0) store_bind_int(q, 10, p->salaryMinCents);
  else store_bind_null(q, 10);
  if (p->salaryMaxCents > 0) store_bind_int(q, 11, p->salaryMaxCents);
  else store_bind_null(q, 11);
  store_bind_opt(q, 12, p->zStartOn);
  store_bind_opt(q, 13, p->zBenefits);
  return store_save(db, q, &p->id, "poste introuvable", err);
}

/* ---- supply ------------------------------------------------------------- */

static void supply_row(Arena *a, Stmt *q, void *pRec)
{
  CentreSupply *p = pRec;
  p->zCommune = store_col_dup(a, q, 0);
  p->nSite = (int)store_col_int(q, 1);
  p->fteDoctors = store_col_double(q, 2);
}

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
  return store_rows(q, a, supply_row, sizeof **pa, (void **)pa, pn, err);
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
