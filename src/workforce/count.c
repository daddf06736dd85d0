/*
** workforce/count.c: practitioners counted per commune, for the loader.
*/
#include <math.h>

#include "workforce/workforce.h"

int wf_count_by_commune(Store *db, int vintage,
                        void (*xAdd)(void *, const char *, int), void *pArg,
                        int *pVintage, int64_t *pImportId, Err *err)
{
  if (vintage == 0) {
    vintage = (int)store_one_int(store_stmt(db,
        "SELECT max(vintage) FROM practitioners"), 0);
  }
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
                 void (*xSite)(void *, const char *, int64_t, int, double),
                 void *pArg, Err *err)
{
  if (vintage == 0) {
    vintage = (int)store_one_int(store_stmt(db,
        "SELECT max(vintage) FROM practitioners"), 0);
  }
  Stmt *q = store_stmt(db,
      "SELECT s.commune, p.id, p.birth_year, s.acts"
      " FROM practitioner_sites s JOIN practitioners p"
      " ON p.id = s.practitioner_id WHERE p.vintage = ?1 ORDER BY s.id");
  store_bind_int(q, 1, vintage);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    xSite(pArg, store_col_text(q, 0), store_col_int(q, 1),
          store_col_is_null(q, 2) ? 0 : (int)store_col_int(q, 2),
          store_col_is_null(q, 3) ? NAN : store_col_double(q, 3));
  }
  return rc;
}
