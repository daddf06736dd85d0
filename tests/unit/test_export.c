/*
** tests/unit/test_export.c: the one export writer (web/export.c) in every
** format: CSV header first and formula-like cells made inert, quoting,
** decimal comma and euros; the XLSX zip opened and its sheets read (no
** formula element, a Provenance sheet, money in euros); JSON and GeoJSON
** parsed back with their meta and values; the HTTP answer's headers.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "base/mem.h"
#include "web/export.h"
#include "web/internal.h"

/* The texts every export path must make inert in a spreadsheet. */
static const char *const azFormula[] = {
  "=1+1", "+33 6 12 34 56 78", "-2", "@SUM(A1)", "\tcaché", NULL};

/* A table of every cell kind: the formula-like texts, a number, an
** integer, money, an empty cell; two provenance lines. */
static ExpTable *sample(void)
{
  ExpTable *t = exp_new("Communes: test [1/2]");
  exp_col(t, "nom", "Nom", EXP_TEXT);
  exp_col(t, "apl", "APL", EXP_NUMBER);
  exp_col(t, "population", "Population", EXP_INTEGER);
  exp_col(t, "montant_centimes", "Montant (€)", EXP_MONEY);
  exp_col(t, "note", "Note", EXP_TEXT);
  for (int i = 0; azFormula[i]; i++) {
    exp_row(t);
    exp_text(t, azFormula[i]);
    exp_number(t, 3.25);
    exp_integer(t, 1200 + i);
    exp_money(t, 123450);
    exp_empty(t);
  }
  exp_row(t);
  exp_text(t, "Blois; « centre »");
  exp_number(t, 2.0);
  exp_integer(t, -5);
  exp_money(t, -5);
  exp_text(t, "dit \"oui\"\nsur deux lignes");
  exp_row(t);                    /* a short row: empty cells at the end */
  exp_text(t, "Vendôme");
  exp_provenance(t, "INSEE, populations légales 2021");
  exp_provenance(t, "DREES, APL 2023 (100 %)");
  return t;
}

static char *write_or_fail(const ExpTable *t, ExpFormat f, size_t *pn)
{
  Str s = STR_INIT;
  Err err = {0};
  assert_int_equal(exp_write(t, f, &s, &err), 0);
  *pn = s.n;
  return str_finish(&s);
}

/* ---- CSV ---------------------------------------------------------------- */

static void test_csv_starts_with_bom_and_header_no_comment_lines(void **state)
{
  (void)state;
  ExpTable *t = sample();
  size_t n;
  char *z = write_or_fail(t, EXP_CSV, &n);
  assert_memory_equal(z, "\xEF\xBB\xBF", 3);
  assert_true(str_starts(z + 3,
                         "Nom;APL;Population;Montant (€);Note\r\n"));
  assert_null(strstr(z, "\r\n#"));
  assert_int_not_equal(z[3], '#');
  free(z);
  exp_free(t);
}

static void test_csv_formula_cells_come_out_inert(void **state)
{
  (void)state;
  ExpTable *t = sample();
  size_t n;
  char *z = write_or_fail(t, EXP_CSV, &n);
  assert_non_null(strstr(z, "\r\n\"'=1+1\";3,25;1200;1234,50;\r\n"));
  assert_non_null(strstr(z, "\r\n\"'+33 6 12 34 56 78\";"));
  assert_non_null(strstr(z, "\r\n\"'-2\";"));
  assert_non_null(strstr(z, "\r\n\"'@SUM(A1)\";"));
  assert_non_null(strstr(z, "\r\n\"'\tcaché\";"));
  /* no line (cell) starts with a formula character */
  for (const char *p = strstr(z, "\r\n"); p; p = strstr(p + 2, "\r\n")) {
    if (p[2]) assert_null(strchr("=+-@\t", p[2]));
  }
  free(z);
  exp_free(t);
}

static void test_csv_quotes_decimal_comma_and_money(void **state)
{
  (void)state;
  ExpTable *t = sample();
  size_t n;
  char *z = write_or_fail(t, EXP_CSV, &n);
  /* ';' and '"' and a newline quoted; negative integer and money as
  ** numbers (not neutralised: they are numbers, not text) */
  assert_non_null(strstr(z, "\r\n\"Blois; « centre »\";2;-5;-0,05;"
                            "\"dit \"\"oui\"\"\nsur deux lignes\"\r\n"));
  assert_non_null(strstr(z, "\r\nVendôme;;;;\r\n"));
  size_t nz = strlen(z);
  assert_true(nz >= 2 && strcmp(z + nz - 2, "\r\n") == 0);
  free(z);
  exp_free(t);
}

static void test_csv_cell_alone(void **state)
{
  (void)state;
  Str s = STR_INIT;
  exp_csv_cell(&s, "Léa");
  str_appendc(&s, '|');
  exp_csv_cell(&s, "a;b");
  str_appendc(&s, '|');
  exp_csv_cell(&s, "dit \"oui\"");
  str_appendc(&s, '|');
  exp_csv_cell(&s, "=HYPERLINK(\"x\")");
  str_appendc(&s, '|');
  exp_csv_cell(&s, "-2");
  str_appendc(&s, '|');
  exp_csv_cell(&s, "\rx");
  str_appendc(&s, '|');
  exp_csv_cell(&s, NULL);
  assert_string_equal(str_text(&s), "Léa|\"a;b\"|\"dit \"\"oui\"\"\"|"
                      "\"'=HYPERLINK(\"\"x\"\")\"|\"'-2\"|\"'\rx\"|");
  str_free(&s);
}

/* ---- XLSX: a small zip reader (central directory + inflate) ------------- */

static unsigned rd16(const unsigned char *p)
{
  return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long rd32(const unsigned char *p)
{
  return (unsigned long)rd16(p) | (unsigned long)rd16(p + 2) << 16;
}

/* The entry zName of the zip a[0..n-1], inflated, NUL-ended (free()), or
** NULL when absent. */
static char *zip_entry(const unsigned char *a, size_t n, const char *zName)
{
  size_t iEnd = n >= 22 ? n - 22 : 0;
  while (iEnd > 0 && rd32(a + iEnd) != 0x06054b50UL) iEnd--;
  assert_int_equal(rd32(a + iEnd), 0x06054b50UL);
  unsigned nEntry = rd16(a + iEnd + 10);
  size_t p = rd32(a + iEnd + 16);
  for (unsigned k = 0; k < nEntry; k++) {
    assert_int_equal(rd32(a + p), 0x02014b50UL);
    unsigned method = rd16(a + p + 10);
    unsigned long nComp = rd32(a + p + 20), nFull = rd32(a + p + 24);
    unsigned nN = rd16(a + p + 28), nX = rd16(a + p + 30), nC = rd16(a + p + 32);
    size_t iLocal = rd32(a + p + 42);
    if (nN == strlen(zName) && memcmp(a + p + 46, zName, nN) == 0) {
      assert_int_equal(rd32(a + iLocal), 0x04034b50UL);   /* local header */
      const unsigned char *pData = a + iLocal + 30 + rd16(a + iLocal + 26) +
                                   rd16(a + iLocal + 28);
      char *zOut = xmalloc(nFull + 1);
      if (method == 0) {
        memcpy(zOut, pData, nFull);
      } else {
        assert_int_equal(method, 8);
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        assert_int_equal(inflateInit2(&zs, -MAX_WBITS), Z_OK);
        zs.next_in = (unsigned char *)pData;
        zs.avail_in = (uInt)nComp;
        zs.next_out = (unsigned char *)zOut;
        zs.avail_out = (uInt)nFull;
        assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
        assert_int_equal(zs.total_out, nFull);
        inflateEnd(&zs);
      }
      zOut[nFull] = 0;
      return zOut;
    }
    p += 46 + nN + nX + nC;
  }
  return NULL;
}

static void test_xlsx_strings_never_formulas_and_provenance_sheet(void **st)
{
  (void)st;
  ExpTable *t = sample();
  size_t n;
  char *z = write_or_fail(t, EXP_XLSX, &n);
  const unsigned char *a = (const unsigned char *)z;
  assert_true(n > 100);
  assert_memory_equal(z, "PK\x03\x04", 4);
  char *zBook = zip_entry(a, n, "xl/workbook.xml");
  char *zSheet = zip_entry(a, n, "xl/worksheets/sheet1.xml");
  char *zProv = zip_entry(a, n, "xl/worksheets/sheet2.xml");
  char *zStr = zip_entry(a, n, "xl/sharedStrings.xml");
  char *zStyle = zip_entry(a, n, "xl/styles.xml");
  assert_non_null(zBook);
  assert_non_null(zSheet);
  assert_non_null(zProv);
  assert_non_null(zStr);
  assert_non_null(zStyle);
  /* the data sheet (name cleaned of ':' '[' '/' ']'), then Provenance */
  assert_non_null(strstr(zBook, "<sheet name=\"Communes  test  1 2\""));
  assert_non_null(strstr(zBook, "<sheet name=\"Provenance\""));
  /* no formula anywhere: every text is a shared string */
  assert_null(strstr(zSheet, "<f>"));
  assert_null(strstr(zSheet, "<f "));
  assert_null(strstr(zProv, "<f>"));
  for (int i = 0; azFormula[i]; i++) {
    Str x = STR_INIT;
    str_appendf(&x, "<t>%s</t>", azFormula[i]);
    if (azFormula[i][0] == '\t') {
      str_reset(&x);
      str_appendz(&x, "<t xml:space=\"preserve\">\tcaché</t>");
    }
    assert_non_null(strstr(zStr, str_text(&x)));
    str_free(&x);
  }
  assert_non_null(strstr(zStr, "INSEE, populations légales 2021"));
  /* header bold, money in euros with a euro number format */
  assert_non_null(strstr(zStyle, "<b/>"));
  assert_non_null(strstr(zStyle, "€"));
  assert_non_null(strstr(zSheet, "<v>1234.5</v>"));
  assert_non_null(strstr(zSheet, "<v>3.25</v>"));
  free(zBook);
  free(zSheet);
  free(zProv);
  free(zStr);
  free(zStyle);
  free(z);
  exp_free(t);
}

static void test_xlsx_sheet_named_provenance_is_renamed(void **state)
{
  (void)state;
  ExpTable *t = exp_new("Provenance");
  exp_col(t, "a", "A", EXP_TEXT);
  exp_row(t);
  exp_text(t, "x");
  size_t n;
  char *z = write_or_fail(t, EXP_XLSX, &n);
  char *zBook = zip_entry((const unsigned char *)z, n, "xl/workbook.xml");
  assert_non_null(strstr(zBook, "<sheet name=\"Données\""));
  assert_non_null(strstr(zBook, "<sheet name=\"Provenance\""));
  free(zBook);
  free(z);
  exp_free(t);
}

/* ---- JSON and GeoJSON --------------------------------------------------- */

static void test_json_meta_columns_rows_money_in_cents(void **state)
{
  (void)state;
  ExpTable *t = sample();
  size_t n;
  char *z = write_or_fail(t, EXP_JSON, &n);
  json_error_t e;
  json_t *p = json_loads(z, 0, &e);
  assert_non_null(p);
  json_t *pMeta = json_object_get(p, "meta");
  assert_string_equal(json_string_value(json_object_get(pMeta, "titre")),
                      "Communes: test [1/2]");
  json_t *aProv = json_object_get(pMeta, "provenance");
  assert_int_equal(json_array_size(aProv), 2);
  assert_string_equal(json_string_value(json_array_get(aProv, 1)),
                      "DREES, APL 2023 (100 %)");
  json_t *aCol = json_object_get(p, "colonnes");
  assert_int_equal(json_array_size(aCol), 5);
  assert_string_equal(json_string_value(json_object_get(
                          json_array_get(aCol, 3), "cle")), "montant_centimes");
  assert_string_equal(json_string_value(json_object_get(
                          json_array_get(aCol, 3), "entete")), "Montant (€)");
  json_t *aRow = json_object_get(p, "lignes");
  assert_int_equal(json_array_size(aRow), 7);
  json_t *r0 = json_array_get(aRow, 0);
  assert_string_equal(json_string_value(json_object_get(r0, "nom")), "=1+1");
  assert_true(json_is_real(json_object_get(r0, "apl")));
  assert_true(json_real_value(json_object_get(r0, "apl")) == 3.25);
  assert_int_equal(json_integer_value(json_object_get(r0, "population")),
                   1200);
  assert_true(json_is_integer(json_object_get(r0, "montant_centimes")));
  assert_int_equal(json_integer_value(json_object_get(r0, "montant_centimes")),
                   123450);
  assert_true(json_is_null(json_object_get(r0, "note")));
  json_t *r6 = json_array_get(aRow, 6);
  assert_string_equal(json_string_value(json_object_get(r6, "nom")),
                      "Vendôme");
  assert_true(json_is_null(json_object_get(r6, "montant_centimes")));
  json_decref(p);
  free(z);
  exp_free(t);
}

static void test_geojson_features_geometry_and_meta(void **state)
{
  (void)state;
  ExpTable *t = exp_new("Communes");
  exp_col(t, "code", "Code", EXP_TEXT);
  exp_col(t, "apl", "APL", EXP_NUMBER);
  exp_row(t);
  exp_text(t, "41018");
  exp_number(t, 2.5);
  exp_geometry(t, json_pack("{s:s, s:[f, f]}", "type", "Point",
                            "coordinates", 1.33, 47.59));
  exp_row(t);
  exp_text(t, "41269");
  exp_number(t, NAN);
  exp_provenance(t, "IGN, contours 2024");
  size_t n;
  char *z = write_or_fail(t, EXP_GEOJSON, &n);
  json_error_t e;
  json_t *p = json_loads(z, 0, &e);
  assert_non_null(p);
  assert_string_equal(json_string_value(json_object_get(p, "type")),
                      "FeatureCollection");
  json_t *pMeta = json_object_get(p, "meta");
  assert_string_equal(json_string_value(json_array_get(
                          json_object_get(pMeta, "provenance"), 0)),
                      "IGN, contours 2024");
  json_t *aF = json_object_get(p, "features");
  assert_int_equal(json_array_size(aF), 2);
  json_t *f0 = json_array_get(aF, 0);
  assert_string_equal(json_string_value(json_object_get(f0, "type")),
                      "Feature");
  json_t *g = json_object_get(f0, "geometry");
  assert_string_equal(json_string_value(json_object_get(g, "type")), "Point");
  json_t *pr = json_object_get(f0, "properties");
  assert_string_equal(json_string_value(json_object_get(pr, "code")), "41018");
  assert_true(json_real_value(json_object_get(pr, "apl")) == 2.5);
  json_t *f1 = json_array_get(aF, 1);
  assert_true(json_is_null(json_object_get(f1, "geometry")));
  assert_true(json_is_null(json_object_get(json_object_get(f1, "properties"),
                                           "apl")));
  json_decref(p);
  free(z);
  exp_free(t);
}

/* ---- formats and the HTTP answer ---------------------------------------- */

static void test_format_names_parse_and_mime(void **state)
{
  (void)state;
  ExpFormat f;
  assert_int_equal(exp_format_parse("xlsx", &f), 0);
  assert_int_equal(f, EXP_XLSX);
  assert_int_equal(exp_format_parse("geojson", &f), 0);
  assert_int_equal(f, EXP_GEOJSON);
  assert_int_equal(exp_format_parse("pdf", &f), -1);
  assert_int_equal(exp_format_parse(NULL, &f), -1);
  assert_string_equal(exp_format_name(EXP_CSV), "csv");
  assert_string_equal(exp_format_mime(EXP_JSON),
                      "application/json; charset=utf-8");
}

static const char *header_of(Req *req, const char *zName)
{
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    if (strcmp(h->zName, zName) == 0) return h->zValue;
  }
  return NULL;
}

static void test_reply_sets_type_attachment_and_provenance(void **state)
{
  (void)state;
  ExpTable *t = sample();
  Req *req = req_new(NULL, "GET", "/export");
  exp_reply(req, t, EXP_CSV, "communes-41");
  assert_int_equal(req->status, 200);
  assert_string_equal(req->zContentType, "text/csv; charset=utf-8");
  assert_true(req->hasRaw);
  assert_memory_equal(req->pRaw, "\xEF\xBB\xBF" "Nom;", 7);
  assert_string_equal(header_of(req, "Content-Disposition"),
                      "attachment; filename=\"communes-41.csv\"");
  assert_string_equal(header_of(req, "X-Provenance"),
                      "INSEE, populations l%C3%A9gales 2021 | "
                      "DREES, APL 2023 (100 %25)");
  req_free(req);
  exp_free(t);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_csv_starts_with_bom_and_header_no_comment_lines),
    cmocka_unit_test(test_csv_formula_cells_come_out_inert),
    cmocka_unit_test(test_csv_quotes_decimal_comma_and_money),
    cmocka_unit_test(test_csv_cell_alone),
    cmocka_unit_test(test_xlsx_strings_never_formulas_and_provenance_sheet),
    cmocka_unit_test(test_xlsx_sheet_named_provenance_is_renamed),
    cmocka_unit_test(test_json_meta_columns_rows_money_in_cents),
    cmocka_unit_test(test_geojson_features_geometry_and_meta),
    cmocka_unit_test(test_format_names_parse_and_mime),
    cmocka_unit_test(test_reply_sets_type_attachment_and_provenance),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
