/*
** web/export.h: the one export writer: a table, written as CSV, XLSX, JSON
** or GeoJSON.
**
** A module fills an ExpTable (columns, then rows of typed cells, an
** optional geometry per row, provenance lines) and asks for a format.  The
** writer guarantees, for every format, what users rely on:
**   - CSV: UTF-8 with a BOM, ';' separators, decimal comma, CRLF; the first
**     line is the header row (no comment lines); a text cell starting with
**     '=', '+', '-', '@', TAB or CR is prefixed with "'" so a spreadsheet
**     never runs it as a formula (and the cell is quoted); numbers with at
**     most 4 decimals ("3,25"), money as euros with 2 decimals ("1234,50");
**   - XLSX: a sheet of the table (header in bold, numbers as numbers, money
**     as euros with a "# ##0,00 €" format) and a "Provenance" sheet; text
**     is always written as a string, never as a formula;
**   - JSON: {"meta": {"titre", "provenance": [..]}, "colonnes": [..],
**     "lignes": [{col: value}]} (money in integer cents);
**   - GeoJSON: a FeatureCollection, one Feature per row with a geometry,
**     its cells as properties, provenance in a top-level "meta" member.
** Provenance never goes into the CSV body: exp_reply() sends it in an
** "X-Provenance" header (percent-encoded UTF-8, lines joined by " | ").
*/
#ifndef OASIS_WEB_EXPORT_H
#define OASIS_WEB_EXPORT_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "base/str.h"
#include "web/web.h"

typedef enum ExpFormat {
  EXP_CSV = 0,
  EXP_XLSX,
  EXP_JSON,
  EXP_GEOJSON
} ExpFormat;

typedef enum ExpKind {
  EXP_TEXT = 0,     /* text; empty cell when NULL */
  EXP_NUMBER,       /* double; empty when NaN */
  EXP_INTEGER,      /* int64_t */
  EXP_MONEY         /* int64_t cents: euros in CSV/XLSX, cents in JSON */
} ExpKind;

typedef struct ExpTable ExpTable;

/* A new table titled zTitle (XLSX sheet name, JSON meta.titre; at most 31
** characters are used for the sheet, [ ] : * ? / \\ become spaces, and a
** title "Provenance" becomes "Données").  exp_free() releases it (NULL: a
** no-op). */
ExpTable *exp_new(const char *zTitle);
void exp_free(ExpTable *t);
/* Add a column: zKey is its JSON/GeoJSON property name, zHead its French
** header (CSV, XLSX).  All columns come before the first row. */
void exp_col(ExpTable *t, const char *zKey, const char *zHead, ExpKind kind);
/* Start a new row; its cells follow in column order.  A row left short
** has empty cells at the end; cells past the last column are dropped.
** exp_text(NULL) and exp_number(NaN) leave the cell empty. */
void exp_row(ExpTable *t);
void exp_text(ExpTable *t, const char *z);       /* copied */
void exp_number(ExpTable *t, double v);
void exp_integer(ExpTable *t, int64_t v);
void exp_money(ExpTable *t, int64_t cents);
void exp_empty(ExpTable *t);
/* Geometry of the current row (GeoJSON only; reference stolen). */
void exp_geometry(ExpTable *t, json_t *pGeometry);
/* One provenance line (source, vintage, file, import time…), copied. */
void exp_provenance(ExpTable *t, const char *zLine);

/* Write t in format f into out (appended).  0, or < 0 with err filled
** (XLSX: temporary file failure). */
int exp_write(const ExpTable *t, ExpFormat f, Str *out, Err *err);
/* Answer the request with t in format f as the attachment
** zBaseName.csv|xlsx|json|geojson; provenance in the X-Provenance header.
** An error is answered as an incident.  Frees nothing. */
void exp_reply(Req *req, const ExpTable *t, ExpFormat f,
               const char *zBaseName);

/* One XLSX workbook of nT tables, a sheet each (named by their titles),
** and one "Provenance" sheet holding every table's provenance lines. */
int exp_write_workbook(const ExpTable *const *aT, int nT, Str *out, Err *err);
/* Answer with that workbook as the attachment zBaseName.xlsx. */
void exp_reply_workbook(Req *req, const ExpTable *const *aT, int nT,
                        const char *zBaseName);

/* "csv", "xlsx", "json", "geojson" ↔ ExpFormat: 0, or -1 when unknown. */
int exp_format_parse(const char *z, ExpFormat *pF);
const char *exp_format_name(ExpFormat f);
const char *exp_format_mime(ExpFormat f);

/* One CSV cell into out: quoted when it holds ';', '"', CR or LF; a
** leading '=', '+', '-', '@', TAB or CR neutralised with "'". */
void exp_csv_cell(Str *out, const char *z);

#endif
