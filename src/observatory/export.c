/*
** observatory/export.c: exports of the observatory's views as CSV
** (';', UTF-8 with BOM, decimal comma: spreadsheets open it right),
** XLSX (libxlsxwriter) and GeoJSON, each carrying its provenance.
**
** A view is first laid out as a Sheet (header + rows of text or number
** cells, and a commune per row for GeoJSON), then written in the format
** asked for.  No SQL, no HTTP.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/mem.h"
#include "observatory/obs_int.h"

typedef struct Cell Cell;
struct Cell {
  const char *z;            /* text (borrowed), or NULL for a number */
  double v;                 /* NaN: empty */
};

typedef struct Sheet Sheet;
struct Sheet {
  const char *zTitle;       /* XLSX sheet name */
  int nCol;
  const char *const *azHead;
  Cell *a;                  /* row-major */
  int nRow;
  size_t nCap;
  int *aNode;               /* commune of each row, -1 (GeoJSON) */
  size_t nNodeCap;
  const char *zProvenance;
};

static const char *const azFmt[] = {"csv", "xlsx", "geojson"};
static const char *const azMime[] = {
  "text/csv; charset=utf-8",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/geo+json"};

const char *obs_format_name(ObsFormat f)
{
  return (unsigned)f <= OBS_FMT_GEOJSON ? azFmt[f] : "?";
}

const char *obs_format_mime(ObsFormat f)
{
  return (unsigned)f <= OBS_FMT_GEOJSON ? azMime[f] : "text/plain";
}

int obs_format_parse(const char *z, ObsFormat *pFmt)
{
  for (int i = 0; z && i < 3; i++) {
    if (!strcmp(z, azFmt[i])) {
      *pFmt = (ObsFormat)i;
      return 0;
    }
  }
  return -1;
}

void obs_bytes_free(ObsBytes *b)
{
  if (!b) return;
  free(b->a);
  b->a = NULL;
  b->n = 0;
}

/* Start row r (node i or -1); cells follow with sheet_text/sheet_num. */
static void sheet_row(Sheet *s, int iNode)
{
  xgrow((void **)&s->a, &s->nCap, (size_t)(s->nRow + 1) * (size_t)s->nCol,
        sizeof(Cell));
  xgrow((void **)&s->aNode, &s->nNodeCap, (size_t)s->nRow + 1, sizeof(int));
  s->aNode[s->nRow++] = iNode;
}

static void sheet_set(Sheet *s, int iCol, const char *z, double v)
{
  Cell *c = &s->a[(size_t)(s->nRow - 1) * (size_t)s->nCol + (size_t)iCol];
  c->z = z;
  c->v = v;
}

static void sheet_free(Sheet *s)
{
  free(s->a);
  free(s->aNode);
}

/* ---- writers ----------------------------------------------------------- */

static void csv_text(Str *o, const char *z)
{
  if (!strpbrk(z, ";\"\n\r")) {
    str_appendz(o, z);
    return;
  }
  str_appendc(o, '"');
  for (; *z; z++) {
    if (*z == '"') str_appendc(o, '"');
    str_appendc(o, *z);
  }
  str_appendc(o, '"');
}

/* A number with a decimal comma, up to 4 decimals, no trailing zeros. */
static void csv_num(Str *o, double v)
{
  char z[64];
  if (!isfinite(v)) return;
  snprintf(z, sizeof z, "%.4f", v);
  char *p = strchr(z, '.');
  if (p) {
    char *e = z + strlen(z) - 1;
    while (e > p && *e == '0') *e-- = 0;
    if (e == p) *e = 0;
    else *p = ',';
  }
  str_appendz(o, z);
}

static int write_csv(const Sheet *s, ObsBytes *out)
{
  Str o = STR_INIT;
  str_appendz(&o, "\xEF\xBB\xBF");               /* BOM */
  /* provenance: "# " lines before the header */
  const char *z = s->zProvenance;
  while (z && *z) {
    const char *e = strchr(z, '\n');
    size_t n = e ? (size_t)(e - z) : strlen(z);
    str_appendz(&o, "# ");
    str_append(&o, z, n);
    str_appendz(&o, "\r\n");
    z += n + (e ? 1 : 0);
  }
  for (int c = 0; c < s->nCol; c++) {
    if (c) str_appendc(&o, ';');
    csv_text(&o, s->azHead[c]);
  }
  str_appendz(&o, "\r\n");
  for (int r = 0; r < s->nRow; r++) {
    for (int c = 0; c < s->nCol; c++) {
      const Cell *x = &s->a[(size_t)r * (size_t)s->nCol + (size_t)c];
      if (c) str_appendc(&o, ';');
      if (x->z) csv_text(&o, x->z);
      else csv_num(&o, x->v);
    }
    str_appendz(&o, "\r\n");
  }
  out->n = o.n;
  out->a = (unsigned char *)str_finish(&o);
  return 0;
}

static int write_xlsx(const Sheet *s, ObsBytes *out, Err *err)
{
  char zPath[] = "/tmp/oasis_xlsx_XXXXXX";
  int fd = mkstemp(zPath);
  if (fd < 0) return err_set(err, ERR_IO, "fichier temporaire impossible");
  close(fd);
  lxw_workbook *wb = workbook_new(zPath);
  int rc = 0;
  if (!wb) {
    unlink(zPath);
    return err_set(err, ERR_IO, "classeur XLSX impossible");
  }
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_worksheet *ws = workbook_add_worksheet(wb, s->zTitle);
  for (int c = 0; c < s->nCol; c++) {
    worksheet_write_string(ws, 0, (lxw_col_t)c, s->azHead[c], bold);
  }
  for (int r = 0; r < s->nRow; r++) {
    for (int c = 0; c < s->nCol; c++) {
      const Cell *x = &s->a[(size_t)r * (size_t)s->nCol + (size_t)c];
      if (x->z) {
        worksheet_write_string(ws, (lxw_row_t)r + 1, (lxw_col_t)c, x->z, NULL);
      } else if (isfinite(x->v)) {
        worksheet_write_number(ws, (lxw_row_t)r + 1, (lxw_col_t)c, x->v, NULL);
      }
    }
  }
  lxw_worksheet *wp = workbook_add_worksheet(wb, "Provenance");
  const char *z = s->zProvenance;
  for (int r = 0; z && *z; r++) {
    const char *e = strchr(z, '\n');
    size_t n = e ? (size_t)(e - z) : strlen(z);
    char *zLine = xstrndup(z, n);
    worksheet_write_string(wp, (lxw_row_t)r, 0, zLine, NULL);
    free(zLine);
    z += n + (e ? 1 : 0);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) {
    rc = err_set(err, ERR_IO, "écriture du classeur XLSX impossible");
  }
  if (!rc) {
    FILE *f = fopen(zPath, "rb");
    Str o = STR_INIT;
    char buf[65536];
    size_t n;
    while (f && (n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&o, buf, n);
    if (f) fclose(f);
    else rc = err_set(err, ERR_IO, "lecture du classeur XLSX impossible");
    out->n = o.n;
    out->a = (unsigned char *)str_finish(&o);
  }
  unlink(zPath);
  return rc;
}

/* Geometries by commune code from the contours of département zDep. */
static json_t *contours_by_code(const char *zDep)
{
  size_t n;
  Err err = {0};
  const char *z = zDep ? obs_contours(OBS_DEPARTEMENT, zDep, &n, &err) : NULL;
  if (!z) return NULL;
  json_error_t e;
  json_t *fc = json_loadb(z, n, 0, &e), *map = json_object();
  json_t *aF = json_object_get(fc, "features"), *f;
  size_t k;
  json_array_foreach(aF, k, f) {
    const char *zCode = json_string_value(
        json_object_get(json_object_get(f, "properties"), "code"));
    if (zCode) json_object_set(map, zCode, json_object_get(f, "geometry"));
  }
  json_decref(fc);
  return map;
}

static int write_geojson(const ObsModel *m, const Sheet *s, const char *zDep,
                         ObsBytes *out)
{
  json_t *map = contours_by_code(zDep), *aF = json_array();
  for (int r = 0; r < s->nRow; r++) {
    json_t *props = json_object(), *geom = NULL;
    for (int c = 0; c < s->nCol; c++) {
      const Cell *x = &s->a[(size_t)r * (size_t)s->nCol + (size_t)c];
      json_object_set_new(props, s->azHead[c],
                          x->z ? json_string(x->z)
                               : isfinite(x->v) ? json_real(x->v)
                                                : json_null());
    }
    int i = s->aNode[r];
    if (i >= 0 && map) geom = json_incref(json_object_get(map, m->in.azCode[i]));
    if (!geom && i >= 0 && isfinite(m->in.aLat[i])) {
      geom = json_pack("{s:s, s:[f, f]}", "type", "Point", "coordinates",
                       m->in.aLon[i], m->in.aLat[i]);
    }
    json_array_append_new(aF, json_pack("{s:s, s:o, s:o}", "type", "Feature",
                          "properties", props, "geometry",
                          geom ? geom : json_null()));
  }
  json_t *fc = json_pack("{s:s, s:s, s:o}", "type", "FeatureCollection",
                         "provenance", s->zProvenance ? s->zProvenance : "",
                         "features", aF);
  char *z = json_dumps(fc, JSON_COMPACT);
  out->a = (unsigned char *)z;
  out->n = strlen(z);
  json_decref(fc);
  json_decref(map);
  return 0;
}

static int sheet_write(const ObsModel *m, const Sheet *s, ObsFormat fmt,
                       const char *zDep, ObsBytes *out, Err *err)
{
  switch (fmt) {
  case OBS_FMT_CSV: return write_csv(s, out);
  case OBS_FMT_XLSX: return write_xlsx(s, out, err);
  case OBS_FMT_GEOJSON: return write_geojson(m, s, zDep, out);
  }
  return err_set(err, ERR_INPUT, "format inconnu");
}

/* ---- views ------------------------------------------------------------- */

/* "departement-24" or "france" for file names. */
static void area_slug(const ObsModel *m, int iArea, char *z, size_t n)
{
  const ObsArea *a = &m->aArea[iArea];
  if (a->level == OBS_FRANCE) snprintf(z, n, "france");
  else snprintf(z, n, "%s-%s", obs_level_name(a->level), a->zCode);
}

/* Département code to fetch contours for (a département's own, an
** EPCI's first commune's); NULL otherwise. */
static const char *area_dep(const ObsModel *m, int iArea)
{
  const ObsArea *a = &m->aArea[iArea];
  if (a->level == OBS_DEPARTEMENT) return a->zCode;
  if (a->level == OBS_EPCI && a->iParent >= 0) {
    return m->aArea[a->iParent].zCode;
  }
  return NULL;
}

/* The communes of iArea (with pWhatIf's APL before/after when given);
** zNote, when not NULL, comes before the model's provenance. */
static int export_communes(const ObsModel *m, int iArea,
                           const ObsWhatIf *pWhatIf, const char *zNote,
                           ObsFormat fmt, ObsBytes *out, Err *err)
{
  static const char *const azHead[] = {
    "code", "nom", "apl", "zone", "rang", "population", "effectif",
    "densite_10000", "offre", "demande", "apl_avant", "apl_apres",
    "zone_avant", "zone_apres"};
  memset(out, 0, sizeof *out);
  if (iArea < 0 || iArea >= m->nArea) {
    return err_set(err, ERR_NOTFOUND, "territoire inconnu");
  }
  Sheet s = {"Communes", pWhatIf ? 14 : 10, azHead, NULL, 0, 0, NULL, 0,
             m->zProvenance};
  char *zProv = NULL;
  if (zNote && zNote[0]) {
    zProv = xmalloc(strlen(zNote) + strlen(m->zProvenance ? m->zProvenance
                                                          : "") + 2);
    sprintf(zProv, "%s\n%s", zNote, m->zProvenance ? m->zProvenance : "");
    s.zProvenance = zProv;
  }
  int *aNode, n = obs_area_nodes(m, iArea, &aNode);
  int *aDelta = NULL;
  if (pWhatIf) {
    aDelta = xmalloc(sizeof(int) * (size_t)(m->n ? m->n : 1));
    for (int i = 0; i < m->n; i++) aDelta[i] = -1;
    for (int k = 0; k < pWhatIf->nDelta; k++) {
      aDelta[pWhatIf->aDelta[k].iNode] = k;
    }
  }
  for (int k = 0; k < n; k++) {
    int i = aNode[k];
    const AccCommune *c = &m->aCommune[i];
    sheet_row(&s, i);
    sheet_set(&s, 0, m->in.azCode[i], 0);
    sheet_set(&s, 1, m->in.azName[i] ? m->in.azName[i] : "", 0);
    sheet_set(&s, 2, NULL, c->apl);
    sheet_set(&s, 3, acc_zone_name(c->zone), 0);
    sheet_set(&s, 4, NULL, m->aRank[i] ? m->aRank[i] : NAN);
    sheet_set(&s, 5, NULL, m->in.aPop[i]);
    sheet_set(&s, 6, NULL, m->aCount[i]);
    sheet_set(&s, 7, NULL, c->density);
    sheet_set(&s, 8, NULL, c->supplyReach);
    sheet_set(&s, 9, NULL, c->demandReach);
    if (pWhatIf) {
      const ObsDelta *d = aDelta[i] >= 0 ? &pWhatIf->aDelta[aDelta[i]] : NULL;
      double after = d ? d->aplAfter : c->apl;
      sheet_set(&s, 10, NULL, c->apl);
      sheet_set(&s, 11, NULL, after);
      sheet_set(&s, 12, acc_zone_name(c->zone), 0);
      sheet_set(&s, 13, acc_zone_name(acc_zone(&m->key.params, after)), 0);
    }
  }
  char zSlug[64];
  area_slug(m, iArea, zSlug, sizeof zSlug);
  snprintf(out->zFileName, sizeof out->zFileName, "apl-%s%s-%d.%s", zSlug,
           pWhatIf ? "-scenario" : "", m->key.vintage, obs_format_name(fmt));
  int rc = sheet_write(m, &s, fmt, area_dep(m, iArea), out, err);
  sheet_free(&s);
  free(aNode);
  free(aDelta);
  free(zProv);
  return rc;
}

int obs_export_communes(const ObsModel *m, int iArea,
                        const ObsWhatIf *pWhatIf, ObsFormat fmt,
                        ObsBytes *out, Err *err)
{
  return export_communes(m, iArea, pWhatIf, NULL, fmt, out, err);
}

int obs_export_whatif(const ObsModel *m, int iArea, const ObsWhatIf *w,
                      const char *zNote, ObsFormat fmt, ObsBytes *out,
                      Err *err)
{
  return export_communes(m, iArea, w, zNote, fmt, out, err);
}

int obs_export_areas(const ObsModel *m, int iArea, ObsFormat fmt,
                     ObsBytes *out, Err *err)
{
  static const char *const azHead[] = {
    "niveau", "code", "nom", "communes", "population", "apl", "zone",
    "effectif", "densite_10000", "communes_sous_denses",
    "population_sous_dense"};
  memset(out, 0, sizeof *out);
  if (iArea < 0 || iArea >= m->nArea) {
    return err_set(err, ERR_NOTFOUND, "territoire inconnu");
  }
  Sheet s = {"Territoires", 11, azHead, NULL, 0, 0, NULL, 0, m->zProvenance};
  int *aKid, n = obs_area_children(m, iArea, &aKid);
  for (int k = -1; k < n; k++) {
    const ObsArea *a = &m->aArea[k < 0 ? iArea : aKid[k]];
    sheet_row(&s, -1);
    sheet_set(&s, 0, obs_level_name(a->level), 0);
    sheet_set(&s, 1, a->zCode, 0);
    sheet_set(&s, 2, a->zName, 0);
    sheet_set(&s, 3, NULL, a->nCommune);
    sheet_set(&s, 4, NULL, a->pop);
    sheet_set(&s, 5, NULL, a->apl);
    sheet_set(&s, 6, acc_zone_name(acc_zone(&m->key.params, a->apl)), 0);
    sheet_set(&s, 7, NULL, a->count);
    sheet_set(&s, 8, NULL, a->density);
    sheet_set(&s, 9, NULL, a->aZoneN[ACC_ZONE_SOUS_DENSE]);
    sheet_set(&s, 10, NULL, a->aZonePop[ACC_ZONE_SOUS_DENSE]);
  }
  char zSlug[64];
  area_slug(m, iArea, zSlug, sizeof zSlug);
  snprintf(out->zFileName, sizeof out->zFileName, "territoires-%s-%d.%s",
           zSlug, m->key.vintage, obs_format_name(fmt));
  int rc = sheet_write(m, &s, fmt == OBS_FMT_GEOJSON ? OBS_FMT_GEOJSON : fmt,
                       NULL, out, err);
  sheet_free(&s);
  free(aKid);
  return rc;
}

int obs_export_siting(const ObsModel *m, int iArea, double fte,
                      const ObsSitePick *a, int n, ObsFormat fmt,
                      ObsBytes *out, Err *err)
{
  static const char *const azHead[] = {
    "rang", "code", "nom", "etp", "population_sortie_sous_dense",
    "deficit_reduit", "communes_sorties", "apl_avant", "apl_apres"};
  memset(out, 0, sizeof *out);
  if (iArea < 0 || iArea >= m->nArea) {
    return err_set(err, ERR_NOTFOUND, "territoire inconnu");
  }
  Sheet s = {"Implantation", 9, azHead, NULL, 0, 0, NULL, 0, m->zProvenance};
  for (int k = 0; k < n; k++) {
    int i = a[k].iNode;
    sheet_row(&s, i);
    sheet_set(&s, 0, NULL, k + 1);
    sheet_set(&s, 1, m->in.azCode[i], 0);
    sheet_set(&s, 2, m->in.azName[i] ? m->in.azName[i] : "", 0);
    sheet_set(&s, 3, NULL, fte);
    sheet_set(&s, 4, NULL, a[k].popLifted);
    sheet_set(&s, 5, NULL, a[k].shortfallCut);
    sheet_set(&s, 6, NULL, a[k].nZoneChanged);
    sheet_set(&s, 7, NULL, a[k].aplBefore);
    sheet_set(&s, 8, NULL, a[k].aplAfter);
  }
  char zSlug[64];
  area_slug(m, iArea, zSlug, sizeof zSlug);
  snprintf(out->zFileName, sizeof out->zFileName, "implantation-%s-%d.%s",
           zSlug, m->key.vintage, obs_format_name(fmt));
  int rc = sheet_write(m, &s, fmt, area_dep(m, iArea), out, err);
  sheet_free(&s);
  return rc;
}
