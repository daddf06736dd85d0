/*
** workforce/count.c: practitioners counted per commune, and added to the
** engine's inputs that territory/load.c loaded (wf_load_inputs).  What the
** team entered in the register (birth year, yearly acts) completes what
** the imported file lacks, so the forecast knows the ages.
*/
#include <math.h>

#include "workforce/workforce.h"

typedef struct WfLoad WfLoad;
struct WfLoad {
  Store *db;
  TerrInputs *out;
};

/* vintage, or the latest imported when 0 (0 when none). */
static int wf_vintage(Store *db, int vintage)
{
  if (vintage) return vintage;
  return (int)store_one_int(store_stmt(db,
      "SELECT max(vintage) FROM practitioners"), 0);
}

int wf_count_by_commune(Store *db, int vintage,
                        void (*xAdd)(void *, const char *, int), void *pArg,
                        int *pVintage, int64_t *pImportId, Err *err)
{
  vintage = wf_vintage(db, vintage);
  *pVintage = vintage;
  Stmt *q = store_stmt(db, "SELECT max(import_id) FROM practitioners"
                       " WHERE vintage = ?1");
  store_bind_int(q, 1, vintage);
  *pImportId = store_one_int(q, 0);
  q = store_stmt(db,
      "SELECT s.commune, count(DISTINCT s.practitioner_id)"
      " FROM practitioner_sites s JOIN practitioners p"
      " ON p.id = s.practitioner_id WHERE p.vintage = ?1 GROUP BY s.commune");
  store_bind_int(q, 1, vintage);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    xAdd(pArg, store_col_text(q, 0), (int)store_col_int(q, 1));
  }
  return rc;
}

int wf_each_site(Store *db, int vintage,
                 void (*xSite)(void *, const char *, int64_t, int, double,
                               unsigned),
                 void *pArg, Err *err)
{
  vintage = wf_vintage(db, vintage);
  Stmt *q = store_stmt(db,
      "SELECT s.commune, p.id, coalesce(p.birth_year, r.birth_year),"
      " coalesce(s.acts, r.acts), coalesce(r.is_new_liberal, 0),"
      " coalesce(r.is_centre, 0)"
      " FROM practitioner_sites s JOIN practitioners p"
      " ON p.id = s.practitioner_id"
      " LEFT JOIN practitioner_register r ON r.rpps = p.rpps"
      " WHERE p.vintage = ?1 ORDER BY s.id");
  store_bind_int(q, 1, vintage);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    xSite(pArg, store_col_text(q, 0), store_col_int(q, 1),
          store_col_is_null(q, 2) ? 0 : (int)store_col_int(q, 2),
          store_col_is_null(q, 3) ? NAN : store_col_double(q, 3),
          (store_col_int(q, 4) ? TERR_SITE_NEW_LIBERAL : 0u) |
          (store_col_int(q, 5) ? TERR_SITE_CENTRE : 0u));
  }
  return rc;
}

/* From the few register rows with a date (their partial index, migration
** 018) to the vintage's practitioner row (UNIQUE (vintage, rpps)): never a
** scan of a national register. */
int wf_each_declared_retirement(Store *db, int64_t idImport,
                                void (*xEach)(void *, int64_t, int),
                                void *pArg, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT p.id, CAST(substr(r.retire_on, 1, 4) AS INTEGER)"
      " FROM practitioner_register r CROSS JOIN practitioners p"
      " ON p.rpps = r.rpps AND p.vintage = (SELECT vintage FROM practitioners"
      "                                      WHERE import_id = ?1 LIMIT 1)"
      " WHERE r.retire_on IS NOT NULL AND r.retire_on <> ''");
  store_bind_int(q, 1, idImport);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    int year = (int)store_col_int(q, 1);
    if (year > 0) xEach(pArg, store_col_int(q, 0), year);
  }
  return rc;
}

/* Practitioners of a commune into the inputs (an unknown code listed). */
static void wf_load_add_pract(void *pArg, const char *zCode, int n)
{
  WfLoad *l = pArg;
  int i = terr_inputs_node(l->db, l->out, zCode);
  if (i < 0) {
    terr_inputs_unmatched(l->out, "practitioners", zCode);
  } else {
    l->out->aPract[i] += n;
  }
}

/* One practice site into the inputs (unknown codes are listed already). */
static void wf_load_add_site(void *pArg, const char *zCode, int64_t idPract,
                             int birth, double acts, unsigned flags)
{
  WfLoad *l = pArg;
  int i = terr_inputs_node(l->db, l->out, zCode);
  if (i >= 0) terr_inputs_add_site(l->out, i, idPract, birth, acts, flags);
}

int wf_load_inputs(Store *db, const TerrInputSpec *spec, TerrInputs *out,
                   Err *err)
{
  int rc = terr_load_inputs(db, spec, out, err);
  if (rc || spec->practVintage < 0) return rc;
  WfLoad l = {db, out};
  int vintage;
  rc = wf_count_by_commune(db, spec->practVintage, wf_load_add_pract, &l,
                           &vintage, &out->idPract, err);
  if (!rc) rc = wf_each_site(db, vintage, wf_load_add_site, &l, err);
  if (!rc && spec->practVintage > 0 && out->idPract == 0) {
    rc = err_set(err, ERR_NOTFOUND, "aucun praticien importé pour le "
                 "millésime %d", spec->practVintage);
  }
  if (rc) terr_inputs_free(out);
  return rc;
}
