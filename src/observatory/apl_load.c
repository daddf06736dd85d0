/*
** observatory/apl_load.c: read the files of a file-mode APL run --
** communes with coordinates, a travel-time matrix, values per commune.
**
** Every file goes through one reader, base/scan.h (mapped, split in
** place, numbers by scan_double): no allocation per row or field; codes
** are looked up by (pointer, length).  Every error names the file, line
** and column.  Codes not among the communes are counted and reported by
** the caller, never silently dropped.  A parsed matrix may be kept in a
** binary cache (apl_cache.c).  No computation here.
*/
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/scan.h"
#include "base/mem.h"
#include "base/str.h"
#include "observatory/apl_run.h"

/* Slot hash of a code: of its key when it has one (Fibonacci hashing, the
** high bits of one product), else of its bytes (FNV-1a). */
static uint32_t code_hash(uint64_t key, const char *z, size_t n)
{
  if (key) return (uint32_t)((key * 0x9e3779b97f4a7c15ULL) >> 32);
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

static inline int nodes_find_key(const AplNodes *p, uint64_t key)
{
  uint32_t mask = (uint32_t)p->nSlot - 1;
  for (uint32_t h = code_hash(key, NULL, 0) & mask;; h = (h + 1) & mask) {
    const AplSlot *q = &p->aSlot[h];
    if (q->key == key || !q->iNode) return q->iNode - 1;
  }
}

int apl_nodes_findn(const AplNodes *p, const char *z, size_t n)
{
  if (!p->nSlot) return -1;
  uint64_t key = scan_key(z, n);
  if (key) return nodes_find_key(p, key);
  uint32_t mask = (uint32_t)p->nSlot - 1;
  for (uint32_t h = code_hash(0, z, n) & mask;; h = (h + 1) & mask) {
    const AplSlot *q = &p->aSlot[h];
    if (!q->iNode) return -1;
    if (q->key) continue;
    const char *zCode = p->azCode[q->iNode - 1];
    if (strlen(zCode) == n && !memcmp(zCode, z, n)) return q->iNode - 1;
  }
}

int apl_nodes_find(const AplNodes *p, const char *zCode)
{
  return apl_nodes_findn(p, zCode, strlen(zCode));
}

/* Put node i (code zCode) in its slot. */
static void nodes_slot(AplNodes *p, int i, const char *zCode)
{
  size_t n = strlen(zCode);
  uint64_t key = scan_key(zCode, n);
  uint32_t mask = (uint32_t)p->nSlot - 1;
  uint32_t h = code_hash(key, zCode, n) & mask;
  while (p->aSlot[h].iNode) h = (h + 1) & mask;
  p->aSlot[h].key = key;
  p->aSlot[h].iNode = i + 1;
}

static void nodes_rehash(AplNodes *p, int nSlot)
{
  free(p->aSlot);
  p->nSlot = nSlot;
  p->aSlot = xcalloc((size_t)nSlot, sizeof(AplSlot));
  for (int i = 0; i < p->n; i++) nodes_slot(p, i, p->azCode[i]);
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
  if (2 * p->n > p->nSlot) nodes_rehash(p, p->nSlot ? 2 * p->nSlot : 1024);
  else nodes_slot(p, i, zCode);
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
  free(p->aSlot);
  memset(p, 0, sizeof *p);
}

/* Index of the first header among azName[] present in s, or -1. */
static int col_any(const Scan *s, const char *const *azName)
{
  for (int k = 0; azName[k]; k++) {
    int i = scan_col(s, azName[k]);
    if (i >= 0) return i;
  }
  return -1;
}

/* Column zWant (when given) or the first of azDefault; else an error
** naming the file, what was looked for and the columns found. */
static int col_need(Scan *s, const char *zWant, const char *const *azDefault,
                    const char *zWhat, Err *err)
{
  int i = zWant ? scan_col(s, zWant) : col_any(s, azDefault);
  if (i >= 0) return i;
  Str want = STR_INIT, found = STR_INIT;
  if (zWant) str_appendz(&want, zWant);
  for (int k = 0; !zWant && azDefault[k]; k++) {
    str_appendf(&want, "%s%s", k ? ", " : "", azDefault[k]);
  }
  for (int k = 0; k < scan_header_count(s); k++) {
    str_appendf(&found, "%s%s", k ? ", " : "", scan_col_name(s, k));
  }
  err_at(err, ERR_INPUT, scan_name(s), 1, 0, NULL,
         "colonne %s absente (attendu : %s ; trouvé : %s)", zWhat,
         str_text(&want), found.n ? str_text(&found) : "aucune");
  str_free(&want);
  str_free(&found);
  return ERR_INPUT;
}

/* Cell i as a finite number into *pV; an error naming the cell if not. */
static int cell_number(Scan *s, int i, double *pV, Err *err)
{
  ScanCell c = scan_cell(s, i);
  if (scan_double(c.z, (size_t)c.n, pV) || !isfinite(*pV)) {
    return scan_err_cell(s, err, i, "« %.*s » n'est pas un nombre",
                         c.n > 60 ? 60 : c.n, c.z);
  }
  return 0;
}

/* The node of the code in cell i, added when new and isAdd (else -1 when
** unknown); an empty or overlong code is an error (-2, err set). */
static int cell_node(Scan *s, int i, AplNodes *p, int isAdd, Err *err)
{
  ScanCell c = scan_cell(s, i);
  if (c.n == 0) {
    scan_err_cell(s, err, i, "code de commune vide");
    return -2;
  }
  int k = apl_nodes_findn(p, c.z, (size_t)c.n);
  if (k >= 0 || !isAdd) return k;
  char zCode[256];
  if ((size_t)c.n >= sizeof zCode) {
    scan_err_cell(s, err, i, "code de plus de %d caractères",
                  (int)sizeof zCode - 1);
    return -2;
  }
  return apl_nodes_add(p, scan_cell_str(s, i, zCode, sizeof zCode), NULL);
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
  Scan *s = scan_open(zPath, 0, err);
  if (!s) return err->code;
  if ((rc = scan_header(s, err))) goto done;
  int iId = col_need(s, zIdCol, azIdCols, "d'identifiant", err);
  int iLat = col_need(s, NULL, azLat, "de latitude", err);
  int iLon = col_need(s, NULL, azLon, "de longitude", err);
  if ((rc = err->code)) goto done;
  int iLat2 = scan_col(s, "lat_centroide_contour");
  int iLon2 = scan_col(s, "lon_centroide_contour");
  int iType = scan_col(s, "type"), iName = col_any(s, azName);
  while ((rc = scan_next(s, err)) == SCAN_ROW) {
    if (iType >= 0) {
      ScanCell t = scan_cell(s, iType);
      if (t.n != 3 || (memcmp(t.z, "COM", 3) && memcmp(t.z, "ARM", 3))) {
        continue;                               /* COMD, COMA */
      }
    }
    ScanCell id = scan_cell(s, iId);
    if (id.n == 0) {
      rc = scan_err_cell(s, err, iId, "identifiant vide");
      goto done;
    }
    if (apl_nodes_findn(&m->nodes, id.z, (size_t)id.n) >= 0) {
      rc = scan_err_cell(s, err, iId, "commune « %.*s » en double", id.n,
                         id.z);
      goto done;
    }
    int iA = iLat, iB = iLon;
    if (scan_cell(s, iLat).n == 0 && iLat2 >= 0 && scan_cell(s, iLat2).n) {
      iA = iLat2, iB = iLon2;                   /* contour centroid */
    }
    double lat, lon;
    if ((rc = cell_number(s, iA, &lat, err))) goto done;
    if ((rc = cell_number(s, iB, &lon, err))) goto done;
    if (lat < -90 || lat > 90 || lon < -180 || lon > 360) {
      rc = scan_err_cell(s, err, iA, "coordonnées hors limites");
      goto done;
    }
    int i = cell_node(s, iId, &m->nodes, 1, err);
    if (i < 0) {
      rc = err->code;
      goto done;
    }
    if (iName >= 0 && scan_cell(s, iName).n && !m->nodes.azName[i]) {
      char zName[512];
      m->nodes.azName[i] = xstrdup(scan_cell_str(s, iName, zName,
                                                 sizeof zName));
    }
    m->nodes.aLat[i] = lat;
    m->nodes.aLon[i] = lon;
  }
  if (rc == SCAN_END) rc = 0;
  if (!rc && m->nodes.n == 0) {
    rc = err_at(err, ERR_INPUT, zPath, 0, 0, NULL, "aucune commune");
  }
done:
  scan_close(s);
  return rc;
}

/* Rows a file of n bytes may hold, from the mean length of the first
** 64 KB after byte i (to reserve the pair arrays once). */
static long rows_guess(const char *z, size_t n, size_t i)
{
  size_t nSample = n - i < 65536 ? n - i : 65536;
  long nLine = 0;
  for (const char *p = z + i, *e = p + nSample;
       (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) {
    nLine++;
  }
  if (nLine == 0) return 16;
  return (long)((double)(n - i) / (double)nSample * (double)nLine * 1.02) +
         16;
}

/* Room for k more pairs in m's arrays of *pnCap. */
static void pairs_reserve(AplModel *m, size_t *pnCap, int k)
{
  if ((size_t)m->nPair + (size_t)k <= *pnCap) return;
  size_t nCap = *pnCap + *pnCap / 2 + (size_t)k + 16;
  assert(nCap < (1u << 31));
  m->aOrigin = xrealloc(m->aOrigin, nCap * sizeof(int));
  m->aDest = xrealloc(m->aDest, nCap * sizeof(int));
  m->aTime = xrealloc(m->aTime, nCap * sizeof(uint32_t));
  *pnCap = nCap;
}

/* The node of the code of key k (scan_key), added when new. */
static int node_of_key(AplModel *m, uint64_t k)
{
  int i = m->nodes.nSlot ? nodes_find_key(&m->nodes, k) : -1;
  if (i >= 0) return i;
  char zCode[8];
  int n = (int)(k >> 56);
  for (int b = 0; b < n; b++) zCode[b] = (char)(k >> (8 * b));
  zCode[n] = 0;
  return apl_nodes_add(&m->nodes, zCode, NULL);
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
  AplSlot *aNear = NULL;            /* see below */
  Scan *s = m->zCacheDir ? scan_open_hashed(zPath, 0, err)
                         : scan_open(zPath, 0, err);
  if (!s) return err->code;
  size_t nData;
  const char *zData = scan_data(s, &nData);
  uint64_t hash = 0;
  if (m->zCacheDir) {
    hash = scan_hash_data(s);
    if (apl_cache_read(m, m->zCacheDir, hash, nData) == 0) {
      m->cacheState = APL_CACHE_HIT;
      rc = 0;
      goto done;
    }
  }
  if ((rc = scan_header(s, err))) goto done;
  int iO = col_need(s, NULL, azO, "d'origine", err);
  int iD = col_need(s, NULL, azD, "de destination", err);
  int iT = col_need(s, NULL, azT, "de durée", err);
  if ((rc = err->code)) goto done;
  size_t nCap = (size_t)rows_guess(zData, nData, 0);
  size_t nCapX = 0;
  m->aOrigin = acc_alloc_big(nCap * sizeof(int));
  m->aDest = acc_alloc_big(nCap * sizeof(int));
  m->aTime = acc_alloc_big(nCap * sizeof(uint32_t));
  enum { BATCH = 1024 };
  uint64_t aKeyO[BATCH], aKeyD[BATCH], keyLast = 0;
  uint32_t aDec[BATCH];
  int iLast = -1;
  /* the destinations of neighbouring origins are much the same communes:
  ** a small direct-mapped memory of recent codes (64 KB, in the cache)
  ** answers most lookups before the full index (megabytes) does */
  enum { NEAR_BITS = 12 };
  aNear = xcalloc(1u << NEAR_BITS, sizeof(AplSlot));
  for (;;) {
    /* rows of the common shape, a batch at a time */
    int nFast = scan_next_fast(s, iO, iD, iT, aKeyO, aKeyD, aDec, BATCH);
    if (nFast) {
      pairs_reserve(m, &nCap, nFast);
      for (int q = 0; q < nFast; q++) {
        /* matrices come grouped by origin: the last one is reused */
        int i = aKeyO[q] == keyLast ? iLast : node_of_key(m, aKeyO[q]);
        keyLast = aKeyO[q];
        iLast = i;
        m->aOrigin[m->nPair] = i;
        AplSlot *pNear = &aNear[(aKeyD[q] * 0x9e3779b97f4a7c15ULL) >>
                                (64 - NEAR_BITS)];
        if (pNear->key != aKeyD[q]) {
          pNear->key = aKeyD[q];
          pNear->iNode = node_of_key(m, aKeyD[q]);
        }
        m->aDest[m->nPair] = pNear->iNode;
        m->aTime[m->nPair++] = aDec[q];
      }
      continue;
    }
    /* any other row: the general path, exact */
    if ((rc = scan_next(s, err)) != SCAN_ROW) break;
    double t;
    if ((rc = cell_number(s, iT, &t, err))) goto done;
    if (t < 0) {
      rc = scan_err_cell(s, err, iT, "durée négative (%g minutes)", t);
      goto done;
    }
    int i = cell_node(s, iO, &m->nodes, 1, err);
    int j = cell_node(s, iD, &m->nodes, 1, err);
    if (i < 0 || j < 0) {
      rc = err->code;
      goto done;
    }
    keyLast = 0;
    pairs_reserve(m, &nCap, 1);
    ScanCell c = scan_cell(s, iT);
    uint32_t dec;
    if (scan_dec(c.z, (size_t)c.n, &dec)) {
      if (m->nTimeX >= (1L << 28)) {     /* the index must fit in 28 bits */
        rc = scan_err_cell(s, err, iT, "plus de %ld durées qui ne sont pas "
                           "des décimaux courts (ex. « %.*s ») : écrivez-les "
                           "en décimal, sans exposant", 1L << 28,
                           c.n > 30 ? 30 : c.n, c.z);
        goto done;
      }
      xgrow((void **)&m->aTimeX, &nCapX, (size_t)m->nTimeX + 1,
            sizeof(double));
      m->aTimeX[m->nTimeX] = t;
      dec = (uint32_t)m->nTimeX++ << 4 | SCAN_DEC_NONE;
    }
    m->aOrigin[m->nPair] = i;
    m->aDest[m->nPair] = j;
    m->aTime[m->nPair++] = dec;
  }
  if (rc == SCAN_END) rc = 0;
  if (!rc && m->nPair == 0) {
    rc = err_at(err, ERR_INPUT, zPath, 0, 0, NULL, "matrice vide");
  }
  if (!rc && m->zCacheDir) {
    m->cacheState = apl_cache_write(m, m->zCacheDir, hash, nData)
                        ? APL_CACHE_FAILED : APL_CACHE_WRITTEN;
  }
done:
  free(aNear);
  scan_close(s);
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
  char zName[512], zCode[256];
  memset(pUnknown, 0, sizeof *pUnknown);
  Scan *s = scan_open(zPath, 0, err);
  if (!s) return err->code;
  if ((rc = scan_header(s, err))) goto done;
  int iId = col_need(s, zIdCol, azIdCols, "d'identifiant", err);
  int iVal = col_need(s, zCol, azDefault, "de valeurs", err);
  if ((rc = err->code)) goto done;
  int iName = col_any(s, azName);
  while ((rc = scan_next(s, err)) == SCAN_ROW) {
    double v = 0;
    pUnknown->nRow++;
    if (scan_cell(s, iVal).n && (rc = cell_number(s, iVal, &v, err))) {
      goto done;
    }
    if (v < 0) {
      rc = scan_err_cell(s, err, iVal, "valeur négative (%g)", v);
      goto done;
    }
    const char *zN = iName >= 0 && scan_cell(s, iName).n
                         ? scan_cell_str(s, iName, zName, sizeof zName)
                         : NULL;
    ScanCell id = scan_cell(s, iId);
    int i = apl_nodes_findn(&m->nodes, id.z, (size_t)id.n);
    if (i < 0) {
      scan_cell_str(s, iId, zCode, sizeof zCode);
      if (pUnknown->nUnknown++ == 0) {
        pUnknown->iFirstLine = scan_line(s);
        snprintf(pUnknown->zFirstCode, sizeof pUnknown->zFirstCode, "%.31s",
                 zCode);
      }
      pUnknown->lost += v;
      if (isKeepGaps && id.n) {
        int k = apl_nodes_add(&m->gap, zCode, zN);
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
    if (zN && !m->nodes.azName[i]) m->nodes.azName[i] = xstrdup(zN);
  }
  if (rc == SCAN_END) rc = 0;
done:
  scan_close(s);
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
