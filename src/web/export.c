/*
** web/export.c: the one export writer (see export.h): a table of typed
** cells written as CSV, XLSX, JSON or GeoJSON, and the HTTP answer that
** carries it.
**
** What the five former writers did well is kept here once: the BOM, ';'
** and decimal comma spreadsheets in France expect; formula-like text
** defused in CSV and always written as a string in XLSX; money as euros
** with a euro format in spreadsheets and integer cents in JSON; the
** XLSX written by libxlsxwriter to a private temporary file (mkstemp),
** read back and removed.  Provenance never goes into a CSV body: it
** travels in an HTTP header, an XLSX sheet or a JSON "meta" member.
** This file knows no module, holds no SQL and writes no HTML.
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/mem.h"
#include "base/money.h"
#include "web/export.h"

/* The kind of one stored cell; a cell may differ from its column (a text
** "inconnu" in a money column). */
typedef enum ExpCellKind {
  CELL_EMPTY = 0,
  CELL_TEXT,
  CELL_NUMBER,
  CELL_INTEGER,
  CELL_MONEY
} ExpCellKind;

typedef struct ExpCell ExpCell;
struct ExpCell {
  ExpCellKind kind;
  char *z;                  /* CELL_TEXT: owned copy */
  double v;                 /* CELL_NUMBER */
  int64_t i;                /* CELL_INTEGER, CELL_MONEY (cents) */
};

typedef struct ExpCol ExpCol;
struct ExpCol {
  char *zKey;               /* JSON / GeoJSON property name */
  char *zHead;              /* French header */
  ExpKind kind;
};

struct ExpTable {
  char *zTitle;
  ExpCol *aCol;
  int nCol;
  size_t nColCap;
  ExpCell *aCell;           /* row-major, nRow * nCol */
  size_t nCellCap;
  int nRow;
  int iNext;                /* next column of the current row */
  json_t **aGeom;           /* geometry of each row, or NULL */
  size_t nGeomCap;
  char **azProv;            /* provenance lines */
  int nProv;
  size_t nProvCap;
};

static const char *const azExpName[] = {"csv", "xlsx", "json", "geojson"};
static const char *const azExpMime[] = {
  "text/csv; charset=utf-8",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/json; charset=utf-8",
  "application/geo+json"};

/* ---- building a table --------------------------------------------------- */

/* A new table titled zTitle ("" when NULL); see export.h. */
ExpTable *exp_new(const char *zTitle)
{
  ExpTable *t = xcalloc(1, sizeof *t);
  t->zTitle = xstrdup(zTitle ? zTitle : "");
  return t;
}

/* Free t, its cells, geometries and provenance; NULL is a no-op. */
void exp_free(ExpTable *t)
{
  if (!t) return;
  for (size_t k = 0; k < (size_t)t->nRow * (size_t)t->nCol; k++) {
    free(t->aCell[k].z);
  }
  for (int r = 0; r < t->nRow; r++) json_decref(t->aGeom[r]);
  for (int c = 0; c < t->nCol; c++) {
    free(t->aCol[c].zKey);
    free(t->aCol[c].zHead);
  }
  for (int i = 0; i < t->nProv; i++) free(t->azProv[i]);
  free(t->aCell);
  free(t->aGeom);
  free(t->aCol);
  free(t->azProv);
  free(t->zTitle);
  free(t);
}

/* Add a column; columns must all come before the first row (a late column
** is ignored, since rows already laid out would lose their shape). */
void exp_col(ExpTable *t, const char *zKey, const char *zHead, ExpKind kind)
{
  assert(t->nRow == 0);
  if (t->nRow) return;
  xgrow((void **)&t->aCol, &t->nColCap, (size_t)t->nCol + 1, sizeof(ExpCol));
  ExpCol *c = &t->aCol[t->nCol++];
  c->zKey = xstrdup(zKey ? zKey : "");
  c->zHead = xstrdup(zHead ? zHead : c->zKey);
  c->kind = kind;
}

/* Start a row: every cell empty until set, no geometry. */
void exp_row(ExpTable *t)
{
  size_t n = (size_t)(t->nRow + 1) * (size_t)t->nCol;
  xgrow((void **)&t->aCell, &t->nCellCap, n ? n : 1, sizeof(ExpCell));
  xgrow((void **)&t->aGeom, &t->nGeomCap, (size_t)t->nRow + 1,
        sizeof(json_t *));
  memset(&t->aCell[(size_t)t->nRow * (size_t)t->nCol], 0,
         sizeof(ExpCell) * (size_t)t->nCol);
  t->aGeom[t->nRow] = NULL;
  t->nRow++;
  t->iNext = 0;
}

/* The next cell of the current row, or NULL when the row is full (or no
** row was started): the extra value is dropped. */
static ExpCell *exp_next(ExpTable *t)
{
  assert(t->nRow > 0);
  if (t->nRow == 0 || t->iNext >= t->nCol) return NULL;
  return &t->aCell[(size_t)(t->nRow - 1) * (size_t)t->nCol +
                   (size_t)t->iNext++];
}

void exp_text(ExpTable *t, const char *z)
{
  ExpCell *c = exp_next(t);
  if (!c || !z) return;
  c->kind = CELL_TEXT;
  c->z = xstrdup(z);
}

void exp_number(ExpTable *t, double v)
{
  ExpCell *c = exp_next(t);
  if (!c || !isfinite(v)) return;
  c->kind = CELL_NUMBER;
  c->v = v;
}

void exp_integer(ExpTable *t, int64_t v)
{
  ExpCell *c = exp_next(t);
  if (!c) return;
  c->kind = CELL_INTEGER;
  c->i = v;
}

void exp_money(ExpTable *t, int64_t cents)
{
  ExpCell *c = exp_next(t);
  if (!c) return;
  c->kind = CELL_MONEY;
  c->i = cents;
}

void exp_empty(ExpTable *t)
{
  (void)exp_next(t);
}

/* Geometry of the current row (reference stolen, even when dropped). */
void exp_geometry(ExpTable *t, json_t *pGeometry)
{
  if (t->nRow == 0) {
    json_decref(pGeometry);
    return;
  }
  json_decref(t->aGeom[t->nRow - 1]);
  t->aGeom[t->nRow - 1] = pGeometry;
}

void exp_provenance(ExpTable *t, const char *zLine)
{
  if (!zLine) return;
  xgrow((void **)&t->azProv, &t->nProvCap, (size_t)t->nProv + 1,
        sizeof(char *));
  t->azProv[t->nProv++] = xstrdup(zLine);
}

/* Cell (r, c): borrowed. */
static const ExpCell *exp_cell(const ExpTable *t, int r, int c)
{
  return &t->aCell[(size_t)r * (size_t)t->nCol + (size_t)c];
}

/* ---- CSV ---------------------------------------------------------------- */

/*
** One CSV cell.  A text a spreadsheet would run as a formula (starting
** with '=', '+', '-', '@', TAB or CR) gets a leading "'" and is quoted,
** as is any cell holding ';', '"', CR or LF; '"' is doubled inside quotes.
*/
void exp_csv_cell(Str *out, const char *z)
{
  if (!z) z = "";
  int isFormula = z[0] && strchr("=+-@\t\r", z[0]) != NULL;
  int isQuoted = isFormula || strpbrk(z, ";\"\r\n") != NULL;
  if (!isQuoted) {
    str_appendz(out, z);
    return;
  }
  str_appendc(out, '"');
  if (isFormula) str_appendc(out, '\'');
  for (; *z; z++) {
    if (*z == '"') str_appendc(out, '"');
    str_appendc(out, *z);
  }
  str_appendc(out, '"');
}

/* A number with a decimal comma, at most 4 decimals, no trailing zeros
** ("3,25", "12", never "-0"). */
static void exp_csv_number(Str *out, double v)
{
  char z[64];
  snprintf(z, sizeof z, "%.4f", v);
  char *p = strchr(z, '.');
  if (p) {
    char *e = z + strlen(z) - 1;
    while (e > p && *e == '0') *e-- = 0;
    if (e == p) *e = 0;
    else *p = ',';
  }
  str_appendz(out, strcmp(z, "-0") == 0 ? "0" : z);
}

/* Cents as euros with two decimals and a decimal comma: "1234,50",
** "-0,05" (no group separator: spreadsheets read it as a number). */
static void exp_csv_money(Str *out, int64_t cents)
{
  uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
  str_appendf(out, "%s%llu,%02u", cents < 0 ? "-" : "",
              (unsigned long long)(u / 100), (unsigned)(u % 100));
}

static void exp_write_csv(const ExpTable *t, Str *out)
{
  str_appendz(out, "\xEF\xBB\xBF");
  for (int c = 0; c < t->nCol; c++) {
    if (c) str_appendc(out, ';');
    exp_csv_cell(out, t->aCol[c].zHead);
  }
  str_appendz(out, "\r\n");
  for (int r = 0; r < t->nRow; r++) {
    for (int c = 0; c < t->nCol; c++) {
      const ExpCell *x = exp_cell(t, r, c);
      if (c) str_appendc(out, ';');
      switch (x->kind) {
        case CELL_EMPTY: break;
        case CELL_TEXT: exp_csv_cell(out, x->z); break;
        case CELL_NUMBER: exp_csv_number(out, x->v); break;
        case CELL_INTEGER: str_appendf(out, "%lld", (long long)x->i); break;
        case CELL_MONEY: exp_csv_money(out, x->i); break;
      }
    }
    str_appendz(out, "\r\n");
  }
}

/* ---- XLSX --------------------------------------------------------------- */

/*
** The sheet name of zTitle into zOut (at least 128 bytes): characters
** Excel refuses ([ ] : * ? / \) become spaces, at most 31 characters
** (UTF-8 sequences kept whole), no apostrophe at either end, "Données"
** when nothing is left or when it would clash with "Provenance".
*/
static void exp_sheet_name(const char *zTitle, char *zOut, size_t nOut)
{
  size_t n = 0;
  int nChar = 0;
  for (const unsigned char *p = (const unsigned char *)zTitle;
       *p && nChar < 31 && n + 5 < nOut; nChar++) {
    size_t nSeq = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
    if (*p < 0x20 || strchr("[]:*?/\\", *p)) {
      zOut[n++] = ' ';
      p++;
      continue;
    }
    for (size_t k = 0; k < nSeq && *p; k++) zOut[n++] = (char)*p++;
  }
  zOut[n] = 0;
  while (n > 0 && (zOut[n - 1] == ' ' || zOut[n - 1] == '\'')) zOut[--n] = 0;
  size_t i = 0;
  while (zOut[i] == ' ' || zOut[i] == '\'') i++;
  memmove(zOut, zOut + i, n - i + 1);
  if (!zOut[0] || strcasecmp(zOut, "Provenance") == 0) {
    snprintf(zOut, nOut, "Données");
  }
}

/* One sheet of the workbook: table t. */
static void exp_xlsx_sheet(lxw_workbook *wb, const ExpTable *t, int iSheet,
                           lxw_format *fBold, lxw_format *fEur)
{
  char zSheet[128];
  exp_sheet_name(t->zTitle, zSheet, sizeof zSheet);
  lxw_worksheet *ws = workbook_add_worksheet(wb, zSheet);
  if (!ws) {
    /* a name used twice, or refused: number it */
    snprintf(zSheet, sizeof zSheet, "Feuille %d", iSheet + 1);
    ws = workbook_add_worksheet(wb, zSheet);
  }
  if (t->nCol > 0) {
    worksheet_set_column(ws, 0, (lxw_col_t)(t->nCol - 1), 18, NULL);
  }
  for (int c = 0; c < t->nCol; c++) {
    worksheet_write_string(ws, 0, (lxw_col_t)c, t->aCol[c].zHead, fBold);
  }
  for (int r = 0; r < t->nRow; r++) {
    lxw_row_t row = (lxw_row_t)(r + 1);
    for (int c = 0; c < t->nCol; c++) {
      const ExpCell *x = exp_cell(t, r, c);
      lxw_col_t col = (lxw_col_t)c;
      switch (x->kind) {
        case CELL_EMPTY: break;
        case CELL_TEXT:     /* a string, never a formula, whatever it holds */
          worksheet_write_string(ws, row, col, x->z, NULL);
          break;
        case CELL_NUMBER:
          worksheet_write_number(ws, row, col, x->v, NULL);
          break;
        case CELL_INTEGER:
          worksheet_write_number(ws, row, col, (double)x->i, NULL);
          break;
        case CELL_MONEY:
          worksheet_write_number(ws, row, col, money_euros(x->i),
                                 fEur);
          break;
      }
    }
  }
}

/* Fill the workbook at zPath with the nT tables of aT, one sheet each, and
** a "Provenance" sheet with all their provenance lines; returns
** workbook_close()'s status. */
static lxw_error exp_xlsx_fill(const ExpTable *const *aT, int nT,
                               const char *zPath, const char *zTmpDir)
{
  lxw_workbook_options opt = {0};
  opt.tmpdir = (char *)zTmpDir;
  lxw_workbook *wb = workbook_new_opt(zPath, &opt);
  if (!wb) return LXW_ERROR_CREATING_XLSX_FILE;
  lxw_format *fBold = workbook_add_format(wb);
  format_set_bold(fBold);
  lxw_format *fEur = workbook_add_format(wb);
  format_set_num_format(fEur, "#,##0.00 \"€\"");
  for (int k = 0; k < nT; k++) exp_xlsx_sheet(wb, aT[k], k, fBold, fEur);
  lxw_worksheet *wp = workbook_add_worksheet(wb, "Provenance");
  worksheet_set_column(wp, 0, 0, 100, NULL);
  worksheet_write_string(wp, 0, 0, "Provenance", fBold);
  lxw_row_t row = 1;
  for (int k = 0; k < nT; k++) {
    for (int i = 0; i < aT[k]->nProv; i++) {
      worksheet_write_string(wp, row++, 0, aT[k]->azProv[i], NULL);
    }
  }
  return workbook_close(wb);
}

int exp_write_workbook(const ExpTable *const *aT, int nT, Str *out, Err *err)
{
  const char *zDir = getenv("TMPDIR");
  if (!zDir || !zDir[0]) zDir = "/tmp";
  char zPath[512];
  FILE *f = NULL;
  int rc = 0;
  snprintf(zPath, sizeof zPath, "%s/oasis-export-XXXXXX", zDir);
  int fd = mkstemp(zPath);
  if (fd < 0) return err_set(err, ERR_IO, "fichier temporaire impossible");
  close(fd);
  if (exp_xlsx_fill(aT, nT, zPath, zDir) != LXW_NO_ERROR) {
    rc = err_set(err, ERR_IO, "écriture du classeur XLSX impossible");
    goto done;
  }
  if (!(f = fopen(zPath, "rb"))) {
    rc = err_set(err, ERR_IO, "lecture du classeur XLSX impossible");
    goto done;
  }
  char aBuf[16384];
  size_t n;
  while ((n = fread(aBuf, 1, sizeof aBuf, f)) > 0) str_append(out, aBuf, n);
  if (ferror(f)) rc = err_set(err, ERR_IO, "lecture du classeur XLSX impossible");
done:
  if (f) fclose(f);
  unlink(zPath);
  return rc;
}

static int exp_write_xlsx(const ExpTable *t, Str *out, Err *err)
{
  return exp_write_workbook(&t, 1, out, err);
}

/* ---- JSON and GeoJSON --------------------------------------------------- */

/* The JSON value of a cell: money in integer cents, empty as null. */
static json_t *exp_cell_json(const ExpCell *x)
{
  switch (x->kind) {
    case CELL_TEXT: return json_string(x->z);
    case CELL_NUMBER: return json_real(x->v);
    case CELL_INTEGER:
    case CELL_MONEY: return json_integer((json_int_t)x->i);
    case CELL_EMPTY: break;
  }
  return json_null();
}

/* {"titre", "provenance": [..]} */
static json_t *exp_meta(const ExpTable *t)
{
  json_t *aProv = json_array();
  for (int i = 0; i < t->nProv; i++) {
    json_array_append_new(aProv, json_string(t->azProv[i]));
  }
  return json_pack("{s:s, s:o}", "titre", t->zTitle, "provenance", aProv);
}

/* Row r as an object keyed by the columns' keys. */
static json_t *exp_row_json(const ExpTable *t, int r)
{
  json_t *o = json_object();
  for (int c = 0; c < t->nCol; c++) {
    json_object_set_new(o, t->aCol[c].zKey, exp_cell_json(exp_cell(t, r, c)));
  }
  return o;
}

/* Dump p (reference stolen) into out. */
static int exp_dump(json_t *p, Str *out, Err *err)
{
  char *z = json_dumps(p, JSON_COMPACT | JSON_REAL_PRECISION(15));
  json_decref(p);
  if (!z) return err_set(err, ERR_INTERNAL, "export JSON impossible");
  str_appendz(out, z);
  free(z);
  return 0;
}

static int exp_write_json(const ExpTable *t, Str *out, Err *err)
{
  json_t *aCol = json_array(), *aRow = json_array();
  for (int c = 0; c < t->nCol; c++) {
    json_array_append_new(aCol, json_pack("{s:s, s:s}", "cle", t->aCol[c].zKey,
                                          "entete", t->aCol[c].zHead));
  }
  for (int r = 0; r < t->nRow; r++) {
    json_array_append_new(aRow, exp_row_json(t, r));
  }
  return exp_dump(json_pack("{s:o, s:o, s:o}", "meta", exp_meta(t),
                            "colonnes", aCol, "lignes", aRow),
                  out, err);
}

static int exp_write_geojson(const ExpTable *t, Str *out, Err *err)
{
  json_t *aF = json_array();
  for (int r = 0; r < t->nRow; r++) {
    json_t *pGeom = t->aGeom[r] ? json_incref(t->aGeom[r]) : json_null();
    json_array_append_new(aF, json_pack("{s:s, s:o, s:o}", "type", "Feature",
                                        "geometry", pGeom, "properties",
                                        exp_row_json(t, r)));
  }
  return exp_dump(json_pack("{s:s, s:o, s:o}", "type", "FeatureCollection",
                            "meta", exp_meta(t), "features", aF),
                  out, err);
}

/* ---- entry points ------------------------------------------------------- */

int exp_write(const ExpTable *t, ExpFormat f, Str *out, Err *err)
{
  switch (f) {
    case EXP_CSV: exp_write_csv(t, out); return 0;
    case EXP_XLSX: return exp_write_xlsx(t, out, err);
    case EXP_JSON: return exp_write_json(t, out, err);
    case EXP_GEOJSON: return exp_write_geojson(t, out, err);
  }
  return err_set(err, ERR_INPUT, "format d'export inconnu");
}

/*
** The provenance lines joined by " | ", percent-encoded so the header
** stays ASCII: '%', controls and every byte of a non-ASCII character are
** written %XX (decodeURIComponent gives the UTF-8 text back).  Capped at
** about 4,000 bytes (proxies refuse long headers): later lines dropped.
*/
static const char *exp_provenance_header(Req *req, const ExpTable *t)
{
  Str s = STR_INIT;
  for (int i = 0; i < t->nProv; i++) {
    size_t n0 = s.n;
    if (i) str_appendz(&s, " | ");
    for (const unsigned char *p = (const unsigned char *)t->azProv[i]; *p;
         p++) {
      if (*p < 0x20 || *p >= 0x7f || *p == '%') {
        str_appendf(&s, "%%%02X", *p);
      } else {
        str_appendc(&s, (char)*p);
      }
    }
    if (s.n > 4000) {
      s.n = n0;
      s.z[n0] = 0;
      break;
    }
  }
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return z;
}

/* Answer what a writer produced into out (rc its result): a 500 incident
** when it failed, else out as file zBaseName.<format f> ("export" when no
** name), with the provenance header of t when t has one.  Frees out. */
static void exp_reply_out(Req *req, int rc, Str *out, const Err *err,
                          ExpFormat f, const char *zBaseName,
                          const ExpTable *t)
{
  if (rc) {
    str_free(out);
    reply_incident(req, err);
    return;
  }
  /* reply_bytes() borrows until the answer is sent: the arena keeps it. */
  void *p = arena_alloc(req_arena(req), out->n ? out->n : 1);
  if (out->n) memcpy(p, out->z, out->n);
  const char *zFile = arena_printf(req_arena(req), "%s.%s",
                                   zBaseName && zBaseName[0] ? zBaseName
                                                             : "export",
                                   exp_format_name(f));
  reply_bytes(req, 200, exp_format_mime(f), p, out->n, zFile);
  if (t && t->nProv) {
    reply_header(req, "X-Provenance", exp_provenance_header(req, t));
  }
  str_free(out);
}

void exp_reply_workbook(Req *req, const ExpTable *const *aT, int nT,
                        const char *zBaseName)
{
  Str out = STR_INIT;
  Err err = {0};
  int rc = exp_write_workbook(aT, nT, &out, &err);
  exp_reply_out(req, rc, &out, &err, EXP_XLSX, zBaseName, NULL);
}

void exp_reply(Req *req, const ExpTable *t, ExpFormat f,
               const char *zBaseName)
{
  Str out = STR_INIT;
  Err err = {0};
  int rc = exp_write(t, f, &out, &err);
  exp_reply_out(req, rc, &out, &err, f, zBaseName, t);
}

int exp_format_parse(const char *z, ExpFormat *pF)
{
  for (int i = 0; z && i <= EXP_GEOJSON; i++) {
    if (strcmp(z, azExpName[i]) == 0) {
      *pF = (ExpFormat)i;
      return 0;
    }
  }
  return -1;
}

const char *exp_format_name(ExpFormat f)
{
  return (unsigned)f <= EXP_GEOJSON ? azExpName[f] : "bin";
}

const char *exp_format_mime(ExpFormat f)
{
  return (unsigned)f <= EXP_GEOJSON ? azExpMime[f]
                                    : "application/octet-stream";
}
