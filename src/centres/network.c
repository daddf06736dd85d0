/*
** centres/network.c: networks, centres and sites (with opening hours) in
** the store.  SQL of those tables lives here and only here.
**
** Reads copy text into the caller's Arena (NULL columns read as "");
** writes check their input with the pure rules first, then run in one
** transaction.
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/err_input.h"
#include "centres/centres.h"
#include "centres/internal.h"

/* ---- networks ----------------------------------------------------------- */

/* A network's columns in SELECT order; after the id, the ones a save binds
** (?1..?5). */
static const StoreCol aNetworkCol[] = {
  STORE_COL(CentreNetwork, id),
  STORE_COL(CentreNetwork, zCode),
  STORE_COL(CentreNetwork, zName),
  STORE_COL_OPT(CentreNetwork, zDep),
  STORE_COL_OPT(CentreNetwork, zSource),
  STORE_COL_OPT(CentreNetwork, zNote),
};

int centre_network_list(Store *db, Arena *a, CentreNetwork **pa, int *pn,
                        Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, code, name, dep, source, note "
                           "FROM centre_network ORDER BY name");
  return store_rows_cols(q, a, aNetworkCol, STORE_NCOL(aNetworkCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int centre_network_get(Store *db, Arena *a, int64_t id, CentreNetwork *p,
                       Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, code, name, dep, source, note "
                           "FROM centre_network WHERE id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, a, aNetworkCol, STORE_NCOL(aNetworkCol), p,
                        "réseau introuvable", err);
}

int centre_network_save(Store *db, CentreNetwork *p, Err *err)
{
  if (!p->zCode || !p->zCode[0] || !p->zName || !p->zName[0]) {
    return err_input(err, p->zCode && p->zCode[0] ? "nom" : "code",
                     "réseau : code et nom obligatoires");
  }
  Stmt *q = store_upsert(db, p->id,
      "UPDATE centre_network SET code = ?1, name = ?2, dep = ?3, "
      "source = ?4, note = ?5 WHERE id = ?6",
      "INSERT INTO centre_network(code, name, dep, source, note) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  store_bind_cols(q, aNetworkCol + 1, 5, p, 1);
  return store_save(db, q, &p->id, NULL, err);
}

/* ---- centres ------------------------------------------------------------ */

#define CENTRE_COLS                                                        \
  "c.id, c.network_id, c.code, c.name, c.opened_on, c.note, n.name, "      \
  "(SELECT count(*) FROM centre_site s WHERE s.centre_id = c.id) "

/* A centre's columns in CENTRE_COLS order; after the id, the ones a save
** binds (?1..?5), then those only reads fill. */
static const StoreCol aCentreCol[] = {
  STORE_COL(Centre, id),
  STORE_COL(Centre, networkId),
  STORE_COL(Centre, zCode),
  STORE_COL(Centre, zName),
  STORE_COL_OPT(Centre, zOpenedOn),
  STORE_COL_OPT(Centre, zNote),
  STORE_COL(Centre, zNetworkName),
  STORE_COL(Centre, nSite),
};

int centre_list(Store *db, Arena *a, int64_t networkId, Centre **pa, int *pn,
                Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " CENTRE_COLS
                           "FROM centre c JOIN centre_network n "
                           "ON n.id = c.network_id "
                           "WHERE ?1 = 0 OR c.network_id = ?1 "
                           "ORDER BY n.name, c.name");
  store_bind_int(q, 1, networkId);
  return store_rows_cols(q, a, aCentreCol, STORE_NCOL(aCentreCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int centre_get(Store *db, Arena *a, int64_t id, Centre *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " CENTRE_COLS
                           "FROM centre c JOIN centre_network n "
                           "ON n.id = c.network_id WHERE c.id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, a, aCentreCol, STORE_NCOL(aCentreCol), p,
                        "centre introuvable", err);
}

int centre_save(Store *db, Centre *p, Err *err)
{
  if (centre_check(p, err)) return ERR_INPUT;
  if (store_ref_check(db, "SELECT count(*) FROM centre_network WHERE id = ?1",
                      p->networkId, "reseau_id", "réseau inconnu", err)) {
    return ERR_INPUT;
  }
  Stmt *qDup = store_stmt(db, "SELECT count(*) FROM centre "
                              "WHERE code = ?1 AND id <> ?2");
  store_bind_list(qDup, STORE_V(p->zCode), STORE_V(p->id));
  if (store_one_int(qDup, 0)) {
    return err_input(err, "code", "code « %.40s » déjà utilisé par un autre "
                     "centre", p->zCode);
  }
  Stmt *q = store_upsert(db, p->id,
      "UPDATE centre SET network_id = ?1, code = ?2, name = ?3, "
      "opened_on = ?4, note = ?5 WHERE id = ?6",
      "INSERT INTO centre(network_id, code, name, opened_on, note) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  store_bind_cols(q, aCentreCol + 1, 5, p, 1);
  return store_save(db, q, &p->id, NULL, err);
}

int centre_delete(Store *db, int64_t id, Err *err)
{
  return store_delete(db, "DELETE FROM centre WHERE id = ?1", id,
                      "centre introuvable", err);
}

/* ---- sites -------------------------------------------------------------- */

#define SITE_COLS                                                          \
  "s.id, s.centre_id, s.code, s.kind, s.name, s.commune, s.address, "      \
  "s.opened_on, s.closed_on, s.lender_kind, s.lender_name, "               \
  "s.convention_start, s.convention_end, s.svc_consult, s.svc_home, "      \
  "s.svc_telepoint, s.svc_teleassist, s.illustrative, s.note, c.name, "    \
  "(SELECT coalesce(sum(x.fte), 0) FROM centre_staff_site x "              \
  " JOIN centre_staff p ON p.id = x.staff_id "                             \
  " WHERE x.site_id = s.id AND p.category = 'medecin' "                    \
  " AND p.contract_start <= ?9 "                                           \
  " AND (p.contract_end IS NULL OR p.contract_end >= ?9)) "

/* A site's columns in SITE_COLS order; after the id, the ones a save binds
** (?1..?18), then those only reads fill. */
static const StoreCol aSiteCol[] = {
  STORE_COL(CentreSite, id),
  STORE_COL(CentreSite, centreId),
  STORE_COL(CentreSite, zCode),
  STORE_COL(CentreSite, zKind),
  STORE_COL(CentreSite, zName),
  STORE_COL(CentreSite, zCommune),
  STORE_COL_OPT(CentreSite, zAddress),
  STORE_COL_OPT(CentreSite, zOpenedOn),
  STORE_COL_OPT(CentreSite, zClosedOn),
  STORE_COL_OPT(CentreSite, zLenderKind),
  STORE_COL_OPT(CentreSite, zLenderName),
  STORE_COL_OPT(CentreSite, zConvStart),
  STORE_COL_OPT(CentreSite, zConvEnd),
  STORE_COL(CentreSite, hasConsult),
  STORE_COL(CentreSite, hasHome),
  STORE_COL(CentreSite, hasTelePoint),
  STORE_COL(CentreSite, hasTeleAssist),
  STORE_COL(CentreSite, isIllustrative),
  STORE_COL_OPT(CentreSite, zNote),
  STORE_COL(CentreSite, zCentreName),
  STORE_COL(CentreSite, fteDoctors),
};

/* A site row: its columns, and no opening hours yet (site_hours_load). */
static void site_row(Arena *a, Stmt *q, void *pRec)
{
  CentreSite *p = pRec;
  memset(p, 0, sizeof *p);
  store_read_cols(a, q, aSiteCol, STORE_NCOL(aSiteCol), p);
}

/* Fill the opening hours of sites aSite[0..n-1]. */
static int site_hours_load(Store *db, CentreSite *aSite, int n, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT weekday, opens, closes FROM "
                           "centre_site_hours WHERE site_id = ?1 "
                           "ORDER BY weekday, opens");
  for (int i = 0; i < n; i++) {
    int rc;
    store_bind_int(q, 1, aSite[i].id);
    while ((rc = store_step(q, err)) == 1) {
      int d = (int)store_col_int(q, 0) - 1;
      const char *zO = store_col_text(q, 1), *zC = store_col_text(q, 2);
      CentreDayHours *h = &aSite[i].aHours[d];
      if (d < 0 || d > 6 || h->n == CENTRE_MAX_RANGES) continue;
      h->aOpen[h->n] = ((zO[0] - '0') * 10 + zO[1] - '0') * 60 +
                       (zO[3] - '0') * 10 + zO[4] - '0';
      h->aClose[h->n] = ((zC[0] - '0') * 10 + zC[1] - '0') * 60 +
                        (zC[3] - '0') * 10 + zC[4] - '0';
      h->n++;
    }
    if (rc < 0) return rc;
  }
  return 0;
}

int centre_site_list(Store *db, Arena *a, int64_t centreId, CentreSite **pa,
                     int *pn, Err *err)
{
  char zToday[11];
  Stmt *q = store_stmt(db, "SELECT " SITE_COLS
                           "FROM centre_site s JOIN centre c "
                           "ON c.id = s.centre_id "
                           "WHERE ?1 = 0 OR s.centre_id = ?1 "
                           "ORDER BY c.name, s.kind <> 'principal', s.name");
  store_bind_int(q, 1, centreId);
  store_bind_text(q, 9, caldate_format(caldate_today(), zToday));
  int rc = store_rows(q, a, site_row, sizeof **pa, (void **)pa, pn, err);
  return rc ? rc : site_hours_load(db, *pa, *pn, err);
}

int centre_site_get(Store *db, Arena *a, int64_t id, CentreSite *p, Err *err)
{
  char zToday[11];
  Stmt *q = store_stmt(db, "SELECT " SITE_COLS
                           "FROM centre_site s JOIN centre c "
                           "ON c.id = s.centre_id WHERE s.id = ?1");
  store_bind_int(q, 1, id);
  store_bind_text(q, 9, caldate_format(caldate_today(), zToday));
  int rc = store_row(q, a, site_row, p, "site introuvable", err);
  return rc ? rc : site_hours_load(db, p, 1, err);
}

int64_t centre_site_by_code(Store *db, const char *zCode)
{
  Stmt *q = store_stmt(db, "SELECT id FROM centre_site WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  return store_one_int(q, 0);
}

/* Replace the hours of site p->id (inside the caller's transaction). */
static int site_hours_save(Store *db, const CentreSite *p, Err *err)
{
  Stmt *q = store_stmt(db, "DELETE FROM centre_site_hours WHERE site_id = ?1");
  store_bind_int(q, 1, p->id);
  int rc = store_exec(q, err);
  q = store_stmt(db, "INSERT INTO centre_site_hours(site_id, weekday, opens, "
                     "closes) VALUES (?1, ?2, ?3, ?4)");
  for (int d = 0; !rc && d < 7; d++) {
    for (int i = 0; !rc && i < p->aHours[d].n; i++) {
      char zO[32], zC[32];
      snprintf(zO, sizeof zO, "%02d:%02d", p->aHours[d].aOpen[i] / 60,
               p->aHours[d].aOpen[i] % 60);
      snprintf(zC, sizeof zC, "%02d:%02d", p->aHours[d].aClose[i] / 60,
               p->aHours[d].aClose[i] % 60);
      store_bind_list(q, STORE_V(p->id), STORE_V(d + 1), STORE_V(zO),
                      STORE_V(zC));
      rc = store_exec(q, err);
    }
  }
  return rc;
}

int centre_site_save(Store *db, CentreSite *p, Err *err)
{
  if (centre_site_check(p, err)) return ERR_INPUT;
  if (store_ref_check(db, "SELECT count(*) FROM centre WHERE id = ?1",
                      p->centreId, "centre_id", "centre inconnu", err)) {
    return ERR_INPUT;
  }
  int64_t other = centre_site_by_code(db, p->zCode);
  if (other && other != p->id) {
    return err_input(err, "code",
                     "code « %.40s » déjà utilisé par un autre site",
                     p->zCode);
  }
  int rc = store_begin(db, err);
  if (rc) return rc;
  Stmt *q = store_upsert(db, p->id,
      "UPDATE centre_site SET centre_id = ?1, code = ?2, kind = ?3, "
      "name = ?4, commune = ?5, address = ?6, opened_on = ?7, "
      "closed_on = ?8, lender_kind = ?9, lender_name = ?10, "
      "convention_start = ?11, convention_end = ?12, svc_consult = ?13, "
      "svc_home = ?14, svc_telepoint = ?15, svc_teleassist = ?16, "
      "illustrative = ?17, note = ?18 WHERE id = ?19",
      "INSERT INTO centre_site(centre_id, code, kind, name, commune, "
      "address, opened_on, closed_on, lender_kind, lender_name, "
      "convention_start, convention_end, svc_consult, svc_home, "
      "svc_telepoint, svc_teleassist, illustrative, note) VALUES (?1, ?2, "
      "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18)");
  store_bind_cols(q, aSiteCol + 1, 18, p, 1);
  rc = store_save(db, q, &p->id, NULL, err);
  if (!rc) rc = site_hours_save(db, p, err);
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

int centre_site_delete(Store *db, int64_t id, Err *err)
{
  return store_delete(db, "DELETE FROM centre_site WHERE id = ?1", id,
                      "site introuvable", err);
}
