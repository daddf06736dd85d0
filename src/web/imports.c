/*
** web/imports.c: the import log as the sources page shows it.
**
** SQL only: the latest rows of import_log (001_core.sql), handed one by
** one to a callback.  pages.c formats them; nothing here writes HTML.
*/
#include "web/ui.h"

/*
** Call x(pArg, row) for each of the nMax most recent imports, newest
** first.  Strings in row are borrowed for the duration of the call only.
** Returns the number of rows, or < 0 with err filled.
*/
int ui_imports_latest(Store *db, int nMax, UiImportFn x, void *pArg,
                      Err *err)
{
  int n = 0, rc;
  Stmt *q = store_stmt(db,
      "SELECT kind, file_name, n_rows, vintage, imported_at"
      "  FROM import_log ORDER BY imported_at DESC, id DESC LIMIT ?1");
  store_bind_int(q, 1, nMax);
  while ((rc = store_step(q, err)) == 1) {
    UiImport row;
    row.zKind = store_col_text(q, 0);
    row.zFile = store_col_text(q, 1);
    row.nRows = store_col_int(q, 2);
    row.hasVintage = !store_col_is_null(q, 3);
    row.vintage = (int)store_col_int(q, 3);
    row.zAt = store_col_text(q, 4);
    x(pArg, &row);
    n++;
  }
  return rc < 0 ? rc : n;
}
