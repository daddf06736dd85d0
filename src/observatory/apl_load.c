/*
** observatory/apl_load.c: read the files of a file-mode APL run --
** communes with coordinates, a travel-time matrix, values per commune.
**
** Every error names the file, line and column (csv_err_cell).  Codes not
** among the communes are counted and reported by the caller, never
** silently dropped.  No computation here.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/mem.h"
#include "base/str.h"
#include "observatory/apl_run.h"

static uint32_t code_hash(const char *z)
{
  uint32_t h = 2166136261u;                       /* FNV-1a */
  while (*z) h = (h ^ (unsigned char)*z++) * 16777619u;
  return h;
}

int apl_nodes_find(const AplNodes *p, const char *zCode)
{
  if (!p->nHash) return -1;
  for (uint32_t h = code_hash(zCode) & (p->nHash - 1);;
       h = (h + 1) & (p->nHash - 1)) {
    int k = p->aHash[h];
    if (!k) return -1;
    if (!strcmp(p->azCode[k - 1], zCode)) return k - 1;
  }
}

static void nodes_rehash(AplNodes *p, int nHash)
{
  free(p->aHash);
  p->nHash = nHash;
  p->aHash = xcalloc(nHash, sizeof(int));
  for (int i = 0; i < p->n; i++) {
    uint32_t h = code_hash(p->azCode[i]) & (nHash - 1);
    while (p->aHash[h]) h = (h + 1) & (nHash - 1);
    p->aHash[h] = i + 1;
  }
}

int apl_nodes_add(AplNodes *p, const char *zCode, const char *zName)
{
  int i = apl_nodes_find(p, zCode);
  if (i >= 0) {
    if (zName && *zName && !p->azName[i]) p->azName[i] = xstrdup(zName);
    return i;
  }
  if (p->n == p->nCap) {
    size_t nCap = p->nCap, nCap2 = p->nCap, nCap3 = p->nCap, nCap4 = p->nCap;
    xgrow((void **)&p->azCode, &nCap, p->n + 1, sizeof(char *));
    xgrow((void **)&p->azName, &nCap2, p->n + 1, sizeof(char *));
    xgrow((void **)&p->aLat, &nCap3, p->n + 1, sizeof(double));
    xgrow((void **)&p->aLon, &nCap4, p->n + 1, sizeof(double));
    p->nCap = (int)nCap;
  }
  i = p->n++;
  p->azCode[i] = xstrdup(zCode);
  p->azName[i] = zName && *zName ? xstrdup(zName) : NULL;
  p->aLat[i] = p->aLon[i] = 0;
  if (2 * p->n > p->nHash) nodes_rehash(p, p->nHash ? 2 * p->nHash : 1024);
  else {
    uint32_t h = code_hash(zCode) & (p->nHash - 1);
    while (p->aHash[h]) h = (h + 1) & (p->nHash - 1);
    p->aHash[h] = i + 1;
  }
  return i;
}

void apl_nodes_free(AplNodes *p)
{
  for (int i = 0; i < p->n; i++) {
    free(p->azCode[i]);
    free(p->azName[i]);
  }
  free(p->azCode);
  free(p->azName);
  free(p->aLat);
  free(p->aLon);
  free(p->aHash);
  memset(p, 0, sizeof *p);
}

/* Index of the first header among azName[] present in r, or -1. */
static int col_any(const CsvReader *r, const char *const *azName)
{
  for (int k = 0; azName[k]; k++) {
    int i = csv_col(r, azName[k]);
    if (i >= 0) return i;
  }
  return -1;
}

/* Column zWant (when given) or the first of azDefault; else an error
** naming the file and what was looked for. */
static int col_need(CsvReader *r, const char *zWant,
                    const char *const *azDefault, const char *zWhat,
                    Err *err)
{
  int i = zWant ? csv_col(r, zWant) : col_any(r, azDefault);
  if (i >= 0) return i;
  Str s = STR_INIT;
  if (zWant) str_appendz(&s, zWant);
  for (int k = 0; !zWant && azDefault[k]; k++) {
    str_appendf(&s, "%s%s", k ? ", " : "", azDefault[k]);
  }
  Str found = STR_INIT;
  for (int k = 0; k < csv_header_count(r); k++) {
    str_appendf(&found, "%s%s", k ? ", " : "", csv_col_name(r, k));
  }
  err_at(err, ERR_INPUT, csv_name(r), 1, 0, NULL,
         "colonne %s absente (attendu : %s ; trouvé : %s)", zWhat,
         str_text(&s), found.n ? str_text(&found) : "aucune");
  str_free(&s);
  str_free(&found);
  return ERR_INPUT;
}

/* Cell i as a finite number into *pV; an error naming the cell if not. */
static int cell_number(CsvReader *r, int i, double *pV, Err *err)
{
  const char *z = csv_cell(r, i);
  if (str_to_double(z, pV) || !isfinite(*pV)) {
    return csv_err_cell(r, err, i, "« %s » n'est pas un nombre", z);
  }
  return 0;
}

/* The separator of a CSV file (base/csv.c decides). */
char apl_csv_sep(const char *zPath)
{
  return csv_sniff_sep(zPath);
}

static const char *const azIdCols[] = {"id", "code", "code_insee",
                                       "code_commune", "codgeo", "CODGEO",
                                       NULL};

int apl_load_points(AplModel *m, const char *zPath, const char *zIdCol,
                    Err *err)
{
  static const char *const azLat[] = {"lat", "latitude", NULL};
  static const char *const azLon[] = {"lon", "lng", "longitude", NULL};
  static const char *const azName[] = {"nom", "name", "commune", NULL};
  int rc;
  CsvReader *r = csv_open(zPath, apl_csv_sep(zPath), err);
  if (!r) return ERR_IO;
  if ((rc = csv_read_header(r, err))) goto done;
  int iId = col_need(r, zIdCol, azIdCols, "d'identifiant", err);
  int iLat = col_need(r, NULL, azLat, "de latitude", err);
  int iLon = col_need(r, NULL, azLon, "de longitude", err);
  if ((rc = err->code)) goto done;
  int iLat2 = csv_col(r, "lat_centroide_contour");
  int iLon2 = csv_col(r, "lon_centroide_contour");
  int iType = csv_col(r, "type"), iName = col_any(r, azName);
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    const char *zType = iType >= 0 ? csv_cell(r, iType) : "COM";
    if (strcmp(zType, "COM") && strcmp(zType, "ARM")) continue;  /* COMD */
    const char *zId = csv_cell(r, iId);
    if (!*zId) {
      rc = csv_err_cell(r, err, iId, "identifiant vide");
      goto done;
    }
    if (apl_nodes_find(&m->nodes, zId) >= 0) {
      rc = csv_err_cell(r, err, iId, "commune « %s » en double", zId);
      goto done;
    }
    int iA = iLat, iB = iLon;
    if (!*csv_cell(r, iLat) && iLat2 >= 0 && *csv_cell(r, iLat2)) {
      iA = iLat2, iB = iLon2;                   /* contour centroid */
    }
    double lat, lon;
    if ((rc = cell_number(r, iA, &lat, err))) goto done;
    if ((rc = cell_number(r, iB, &lon, err))) goto done;
    if (lat < -90 || lat > 90 || lon < -180 || lon > 360) {
      rc = csv_err_cell(r, err, iA, "coordonnées hors limites");
      goto done;
    }
    int i = apl_nodes_add(&m->nodes, zId, iName >= 0 ? csv_cell(r, iName)
                                                     : NULL);
    m->nodes.aLat[i] = lat;
    m->nodes.aLon[i] = lon;
  }
  if (rc == CSV_END) rc = 0;
  if (!rc && m->nodes.n == 0) {
    rc = err_at(err, ERR_INPUT, zPath, 0, 0, NULL, "aucune commune");
  }
done:
  csv_close(r);
  return rc;
}

int apl_load_matrix(AplModel *m, const char *zPath, Err *err)
{
  /* the names peers and routers write (PySAL, r5r/IPEA, OSRM tables) */
  static const char *const azO[] = {"origin", "origine", "idsrc", "from",
                                    "o", "from_id", NULL};
  static const char *const azD[] = {"destination", "iddst", "dest", "to",
                                    "d", "to_id", NULL};
  static const char *const azT[] = {"minutes", "duree", "time", "cost",
                                    "duration", "travel_time", NULL};
  int rc;
  size_t nCapO = 0, nCapD = 0, nCapT = 0;
  CsvReader *r = csv_open(zPath, apl_csv_sep(zPath), err);
  if (!r) return ERR_IO;
  if ((rc = csv_read_header(r, err))) goto done;
  int iO = col_need(r, NULL, azO, "d'origine", err);
  int iD = col_need(r, NULL, azD, "de destination", err);
  int iT = col_need(r, NULL, azT, "de durée", err);
  if ((rc = err->code)) goto done;
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    double t;
    if (!*csv_cell(r, iO) || !*csv_cell(r, iD)) {
      rc = csv_err_cell(r, err, *csv_cell(r, iO) ? iD : iO,
                        "code de commune vide");
      goto done;
    }
    if ((rc = cell_number(r, iT, &t, err))) goto done;
    if (t < 0) {
      rc = csv_err_cell(r, err, iT, "durée négative (%g minutes)", t);
      goto done;
    }
    long k = m->nPair++;
    xgrow((void **)&m->aOrigin, &nCapO, k + 1, sizeof(int));
    xgrow((void **)&m->aDest, &nCapD, k + 1, sizeof(int));
    xgrow((void **)&m->aMinutes, &nCapT, k + 1, sizeof(double));
    m->aOrigin[k] = apl_nodes_add(&m->nodes, csv_cell(r, iO), NULL);
    m->aDest[k] = apl_nodes_add(&m->nodes, csv_cell(r, iD), NULL);
    m->aMinutes[k] = t;
  }
  if (rc == CSV_END) rc = 0;
  if (!rc && m->nPair == 0) {
    rc = err_at(err, ERR_INPUT, zPath, 0, 0, NULL, "matrice vide");
  }
done:
  csv_close(r);
  return rc;
}

void apl_alloc_inputs(AplModel *m)
{
  int n = m->nodes.n ? m->nodes.n : 1;
  free(m->aPop);
  free(m->aCount);
  m->aPop = xcalloc(n, sizeof(double));
  m->aCount = xcalloc(n, sizeof(double));
}

/*
** The reader of apl_load_values() and apl_load_demand(): rows on unknown
** codes are counted in *pUnknown and, when isKeepGaps, kept in m->gap.
*/
static int values_read(AplModel *m, const char *zPath, const char *zIdCol,
                       const char *zCol, const char *const *azDefault,
                       double *aOut, AplUnknown *pUnknown, int isKeepGaps,
                       Err *err)
{
  static const char *const azName[] = {"commune", "nom", "libelle", NULL};
  int rc;
  size_t nCapGap = (size_t)m->gap.n;
  memset(pUnknown, 0, sizeof *pUnknown);
  CsvReader *r = csv_open(zPath, apl_csv_sep(zPath), err);
  if (!r) return ERR_IO;
  if ((rc = csv_read_header(r, err))) goto done;
  int iId = col_need(r, zIdCol, azIdCols, "d'identifiant", err);
  int iVal = col_need(r, zCol, azDefault, "de valeurs", err);
  if ((rc = err->code)) goto done;
  int iName = col_any(r, azName);
  while ((rc = csv_next_row(r, err)) == CSV_ROW) {
    double v = 0;
    pUnknown->nRow++;
    if (*csv_cell(r, iVal) && (rc = cell_number(r, iVal, &v, err))) goto done;
    if (v < 0) {
      rc = csv_err_cell(r, err, iVal, "valeur négative (%g)", v);
      goto done;
    }
    const char *zName = iName >= 0 ? csv_cell(r, iName) : NULL;
    int i = apl_nodes_find(&m->nodes, csv_cell(r, iId));
    if (i < 0) {
      if (pUnknown->nUnknown++ == 0) {
        pUnknown->iFirstLine = csv_line(r);
        snprintf(pUnknown->zFirstCode, sizeof pUnknown->zFirstCode, "%s",
                 csv_cell(r, iId));
      }
      pUnknown->lost += v;
      if (isKeepGaps && *csv_cell(r, iId)) {
        int k = apl_nodes_add(&m->gap, csv_cell(r, iId), zName);
        if ((size_t)k >= nCapGap) {
          size_t nOld = nCapGap;
          xgrow((void **)&m->aGapPop, &nCapGap, (size_t)k + 1,
                sizeof(double));
          memset(m->aGapPop + nOld, 0, (nCapGap - nOld) * sizeof(double));
        }
        m->aGapPop[k] += v;
      }
      continue;
    }
    aOut[i] += v;
    if (zName && !m->nodes.azName[i] && *zName) {
      m->nodes.azName[i] = xstrdup(zName);
    }
  }
  if (rc == CSV_END) rc = 0;
done:
  csv_close(r);
  return rc;
}

int apl_load_values(AplModel *m, const char *zPath, const char *zIdCol,
                    const char *zCol, const char *const *azDefault,
                    double *aOut, AplUnknown *pUnknown, Err *err)
{
  return values_read(m, zPath, zIdCol, zCol, azDefault, aOut, pUnknown, 0,
                     err);
}

int apl_load_demand(AplModel *m, const char *zPath, const char *zIdCol,
                    const char *zCol, const char *const *azDefault,
                    AplUnknown *pUnknown, Err *err)
{
  m->zGapReason = m->nPair ? "absente de la matrice de temps"
                           : "absente du fichier de points";
  return values_read(m, zPath, zIdCol, zCol, azDefault, m->aPop, pUnknown, 1,
                     err);
}
