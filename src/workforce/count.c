/*
** workforce/count.c: practitioners counted per commune, for the loader.
*/
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
