/*
** territory/importer.c: the machinery shared by every importer.
**
** One import is one SQLite transaction: rows are inserted as they are
** read and the first bad cell rolls everything back, so the database is
** never left half-updated.  Parsing of each kind lives in its own file.
*/
#include "territory/importer.h"

#include <ctype.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "store/provenance.h"

void imp_init(Imp *p, Store *db, const ImpSpec *pSpec)
{
  memset(p, 0, sizeof *p);
  p->db = db;
  p->spec = *pSpec;
  p->tStart = clock_seconds();
  progress_start(&p->prog, pSpec->zKind);
}

int imp_open_csv(Imp *p, char cSep, Err *err)
{
  int rc = prov_sha256_file(p->spec.zPath, p->zSha, err);
  if (rc) return rc;
  p->r = csv_open(p->spec.zPath, cSep, err);
  if (!p->r) return ERR_IO;
  rc = csv_read_header(p->r, err);
  if (rc) return rc;
  p->nCol = csv_header_count(p->r);
  return 0;
}

void imp_set_sha(Imp *p, const char *zHex)
{
  snprintf(p->zSha, sizeof p->zSha, "%s", zHex);
}

int imp_col(Imp *p, const char *zName, int isRequired, Err *err)
{
  int i = csv_col(p->r, zName);
  if (i < 0 && isRequired) {
    err_at(err, ERR_INPUT, csv_name(p->r), 1, 0, zName,
           "colonne « %s » absente de l'en-tête", zName);
  }
  return i;
}

int imp_begin(Imp *p, const char *const *azDelete, Err *err)
{
  /* A big import is one transaction: with SQLite's default 2 MB page
  ** cache it would spill dirty pages to the WAL over and over.  And glibc
  ** would give the heap top back to the kernel and take it again tens of
  ** thousands of times (brk): keep 64 MB of slack instead. */
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  int rc = store_exec_sql(p->db, "PRAGMA cache_size = -65536", err);
  if (rc) return rc;
  rc = store_begin(p->db, err);
  if (rc) return rc;
  p->isBegun = 1;
  ProvInfo info = {p->spec.zKind, p->spec.zPath, p->zSha, p->spec.vintage,
                   p->spec.zSource};
  int64_t id = prov_log_begin(p->db, &info, err);
  if (id < 0) return (int)id;
  p->id = id;
  p->nCommune = (int)store_one_int(store_stmt(p->db,
      "SELECT count(*) FROM communes"), 0);
  int64_t *aOld = NULL;
  int nOld = prov_previous(p->db, &info, id, p->spec.isAnyVintage, &aOld);
  for (int i = 0; i < nOld && !rc; i++) {
    for (int t = 0; azDelete[t] && !rc; t++) {
      Stmt *q = store_stmt(p->db, azDelete[t]);
      store_bind_int(q, 1, aOld[i]);
      rc = store_exec(q, err);
    }
  }
  free(aOld);
  return rc;
}

int imp_next(Imp *p, Err *err)
{
  int rc;
  /* Blank lines (often one at the end of a file) are no rows. */
  while ((rc = csv_next_row(p->r, err)) == CSV_ROW &&
         csv_ncell(p->r) == 1 && !csv_cell(p->r, 0)[0] && p->nCol > 1) {
  }
  if (rc != CSV_ROW) return rc;
  p->nRead++;
  if ((p->nRead & 1023) == 0) {
    progress_update(&p->prog, csv_offset(p->r), csv_size(p->r));
  }
  /* A short row is how a file cut in the middle of a line shows. */
  int n = csv_ncell(p->r);
  if (n != p->nCol) {
    return err_at(err, ERR_INPUT, csv_name(p->r), csv_line(p->r),
                  n < p->nCol ? n : p->nCol + 1, NULL,
                  "ligne incomplète ou fichier tronqué : %d champs au lieu "
                  "de %d", n, p->nCol);
  }
  return CSV_ROW;
}

int imp_num(Imp *p, int iCol, int isOptional, double *pV, int *pIsNull,
            Err *err)
{
  const char *z = csv_cell(p->r, iCol);
  if (pIsNull) *pIsNull = 0;
  if (!z[0] || (z[0] == ' ' && !z[strspn(z, " ")])) {
    if (isOptional) {
      if (pIsNull) *pIsNull = 1;
      *pV = 0;
      return 0;
    }
    return csv_err_cell(p->r, err, iCol, "valeur numérique attendue, "
                        "cellule vide");
  }
  if (str_to_double(z, pV) || *pV != *pV) {
    return csv_err_cell(p->r, err, iCol, "valeur numérique attendue, "
                        "trouvé « %.40s »", z);
  }
  return 0;
}

int imp_code(Imp *p, int iCol, const char **pzCode, Err *err)
{
  const char *z = csv_cell(p->r, iCol);
  int isOk = strlen(z) == 5;
  for (int i = 0; isOk && i < 5; i++) {
    int c = (unsigned char)z[i];
    isOk = isdigit(c) || (i == 1 && (c == 'A' || c == 'B') && z[0] == '2');
  }
  if (!isOk) {
    return csv_err_cell(p->r, err, iCol, "code commune INSEE invalide "
                        "« %.20s » (5 caractères attendus)", z);
  }
  *pzCode = z;
  return 0;
}

int imp_commune_known(Imp *p, const char *zCode)
{
  Stmt *q = store_stmt(p->db, "SELECT 1 FROM communes WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  return (int)store_one_int(q, 0);
}

int imp_check_commune(Imp *p, int iCol, const char *zCode, int isSkip,
                      Err *err)
{
  if (p->nCommune == 0) {
    if (!isSkip) return 0;
    return err_at(err, ERR_INPUT, p->spec.zPath, 0, 0, NULL,
                  "aucune commune en base : importez d'abord les communes "
                  "(oasis import communes …)");
  }
  if (imp_commune_known(p, zCode)) return 0;
  Stmt *q = store_stmt(p->db, "SELECT 1 FROM commune_alias WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  if (store_one_int(q, 0)) {
    imp_report(p, "code ancien ou délégué, rattaché à sa commune", zCode);
    return 0;
  }
  if (p->spec.isStrict) {
    return csv_err_cell(p->r, err, iCol, "code commune inconnu « %s » "
                        "(absent de la table des communes)", zCode);
  }
  char zEx[48];
  snprintf(zEx, sizeof zEx, "%s ligne %ld", zCode, csv_line(p->r));
  if (isSkip) {
    imp_skip(p, "code commune inconnu", zEx);
    return 1;
  }
  imp_report(p, "gardées avec un code commune inconnu", zEx);
  return 0;
}

void imp_keep(Imp *p)
{
  p->nKept++;
}

static void imp_count(Imp *p, const char *zReason, const char *zExample,
                      int isKept)
{
  int i;
  for (i = 0; i < p->nSkipKind; i++) {
    if (!strcmp(p->aSkip[i].zReason, zReason)) break;
  }
  if (i == p->nSkipKind) {
    if (i == IMP_MAX_REASON) i--;       /* last slot gathers the rest */
    else p->nSkipKind++;
    p->aSkip[i].zReason = zReason;
    p->aSkip[i].isKept = isKept;
    snprintf(p->aSkip[i].zExample, sizeof p->aSkip[i].zExample, "%s",
             zExample ? zExample : "");
  }
  p->aSkip[i].n++;
}

void imp_skip(Imp *p, const char *zReason, const char *zExample)
{
  imp_count(p, zReason, zExample, 0);
}

void imp_report(Imp *p, const char *zReason, const char *zExample)
{
  imp_count(p, zReason, zExample, 1);
}

/* Reasons of one kind (skipped or kept), "12 raison (ex. 01330), …". */
static void imp_reasons(const Imp *p, int isKept, Str *s)
{
  for (int i = 0; i < p->nSkipKind; i++) {
    const ImpSkip *k = &p->aSkip[i];
    if (k->isKept != isKept) continue;
    str_appendf(s, "%s%ld %s", s->n ? ", " : "", k->n, k->zReason);
    if (k->zExample[0]) str_appendf(s, " (ex. %s)", k->zExample);
  }
}

/* "ignorées : …; signalées : …" for the log and the summary. */
static void imp_note(const Imp *p, Str *s)
{
  Str skip = STR_INIT, kept = STR_INIT;
  imp_reasons(p, 0, &skip);
  imp_reasons(p, 1, &kept);
  if (skip.n) str_appendf(s, "ignorées : %s", str_text(&skip));
  if (kept.n) str_appendf(s, "%ssignalées : %s", s->n ? " ; " : "",
                          str_text(&kept));
  str_free(&skip);
  str_free(&kept);
}

int imp_end(Imp *p, int rc, Err *err)
{
  long nSkipped = 0;
  for (int i = 0; i < p->nSkipKind; i++) {
    if (!p->aSkip[i].isKept) nSkipped += p->aSkip[i].n;
  }
  Str note = STR_INIT;
  imp_note(p, &note);
  double t = clock_seconds() - p->tStart;
  if (rc == CSV_END) rc = 0;
  if (!rc && p->isBegun) {
    rc = prov_log_finish(p->db, p->id, p->nRead, p->nKept, nSkipped, t,
                         str_text(&note), err);
  }
  if (p->isBegun) rc = rc ? store_rollback(p->db, rc) : store_commit(p->db, err);
  progress_end(&p->prog);
  if (p->spec.pSummary) {
    if (!rc) {
      fprintf(p->spec.pSummary, "import %s : %ld lignes lues, %ld gardées, "
              "%ld ignorées, %.2f s, sha256 %.16s, import n° %lld%s%s\n",
              p->spec.zKind, p->nRead, p->nKept, nSkipped, t,
              p->zSha, (long long)p->id, note.n ? "\n  " : "",
              str_text(&note));
    } else {
      fprintf(p->spec.pSummary, "import %s : échec après %ld lignes lues, "
              "rien n'a été enregistré\n", p->spec.zKind, p->nRead);
    }
  }
  str_free(&note);
  csv_close(p->r);
  p->r = NULL;
  return rc;
}
