/*
** observatory/contours.c: GeoJSON contours for the maps, from
** $OASIS_DATA_DIR/geo: the régions of France, the départements of a
** région, the communes of a département.
**
** The files are read once (the communes file through zlib: 11 MB
** gzipped, 39 MB of text) and split into features by a small scanner
** that follows brackets and strings; only each feature's "properties"
** object goes through Jansson, so memory stays near the text's size.
** A département belongs to the région whose polygon holds its first
** ring's mean point (the contour files carry no région code).  Each
** FeatureCollection asked for is assembled once and kept: the text
** returned is borrowed and lives until exit.
*/
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/mem.h"
#include "observatory/obs.h"

typedef struct Feat Feat;
struct Feat {
  char zCode[8];
  char zParent[8];          /* région (départements), département (communes) */
  size_t iStart, n;         /* the feature's text in its file */
};

typedef struct Layer Layer;
struct Layer {
  char *zText;              /* whole file */
  size_t nText;
  Feat *a;
  int n;
};

typedef struct Cached Cached;
struct Cached {
  ObsLevel lvl;
  char zCode[8];
  char *z;
  size_t n;
};

static pthread_mutex_t contourMutex = PTHREAD_MUTEX_INITIALIZER;
static int isLoaded;
static char zLoadErr[300];
static Layer aLayer[3];     /* 0 régions, 1 départements, 2 communes */
static Cached *aCached;
static int nCached;
static size_t nCachedCap;

/* Whole file zPath (gunzipped when it ends in .gz) into *pz; 0 or -1. */
static int read_file(const char *zPath, char **pz, size_t *pn)
{
  gzFile g = gzopen(zPath, "rb");
  if (!g) return -1;
  size_t n = 0, nCap = 1 << 20;
  char *z = xmalloc(nCap);
  for (;;) {
    if (nCap - n < (1 << 16)) z = xrealloc(z, nCap *= 2);
    int k = gzread(g, z + n, (unsigned)(nCap - n - 1));
    if (k < 0) {
      gzclose(g);
      free(z);
      return -1;
    }
    if (k == 0) break;
    n += (size_t)k;
  }
  gzclose(g);
  z[n] = 0;
  *pz = z;
  *pn = n;
  return 0;
}

/* End (one past) of the JSON value starting at z[i] ('{' or '['), or 0. */
static size_t value_end(const char *z, size_t n, size_t i)
{
  int depth = 0;
  for (; i < n; i++) {
    char c = z[i];
    if (c == '"') {
      for (i++; i < n && z[i] != '"'; i++) {
        if (z[i] == '\\') i++;
      }
    } else if (c == '{' || c == '[') {
      depth++;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return 0;
}

/* code and nom of a feature from its "properties" object. */
static int feat_code(const char *z, size_t n, char *zCode, size_t nCode)
{
  const char *p = memmem(z, n, "\"properties\"", 12);
  if (!p) return -1;
  const char *q = memchr(p, '{', n - (size_t)(p - z));
  if (!q) return -1;
  size_t e = value_end(z, n, (size_t)(q - z));
  if (!e) return -1;
  json_error_t err;
  json_t *o = json_loadb(q, e - (size_t)(q - z), 0, &err);
  const char *zC = NULL;
  json_unpack(o, "{s:s}", "code", &zC);
  int rc = zC && strlen(zC) < nCode ? 0 : -1;
  if (!rc) snprintf(zCode, nCode, "%s", zC);
  json_decref(o);
  return rc;
}

/* Split the "features" array of a FeatureCollection text. */
static int layer_split(Layer *l)
{
  const char *p = strstr(l->zText, "\"features\"");
  if (!p) return -1;
  const char *q = strchr(p, '[');
  if (!q) return -1;
  size_t i = (size_t)(q - l->zText) + 1, nCap = 0;
  for (;;) {
    while (i < l->nText && l->zText[i] != '{' && l->zText[i] != ']') i++;
    if (i >= l->nText || l->zText[i] == ']') break;
    size_t e = value_end(l->zText, l->nText, i);
    if (!e) return -1;
    Feat f = {{0}, {0}, i, e - i};
    if (!feat_code(l->zText + i, e - i, f.zCode, sizeof f.zCode)) {
      xgrow((void **)&l->a, &nCap, (size_t)l->n + 1, sizeof(Feat));
      l->a[l->n++] = f;
    }
    i = e;
  }
  return 0;
}

/* "[x,y" at p into *pX, *pY (strtod: sscanf would measure the whole
** remaining text at every call); 0 or -1. */
static int parse_point(const char *p, double *pX, double *pY)
{
  char *e;
  if (*p != '[') return -1;
  *pX = strtod(p + 1, &e);
  if (e == p + 1 || *e != ',') return -1;
  const char *q = e + 1;
  *pY = strtod(q, &e);
  return e == q ? -1 : 0;
}

/* Mean of the first ring's points of a feature's geometry. */
static int feat_point(const Layer *l, const Feat *f, double *pX, double *pY)
{
  const char *z = l->zText + f->iStart;
  const char *p = memmem(z, f->n, "\"coordinates\"", 13);
  if (!p) return -1;
  const char *e = z + f->n;
  while (p < e && !(p[0] == '[' && p[1] != '[' && p[-1] == '[')) p++;
  double sx = 0, sy = 0;
  int k = 0;
  /* points "[x,y]" of the first ring, up to its closing "]]" */
  while (p < e && *p == '[') {
    double x, y;
    if (parse_point(p, &x, &y)) break;
    sx += x, sy += y, k++;
    p = memchr(p, ']', (size_t)(e - p));
    if (!p || p + 1 >= e || p[1] != ',') break;
    p += 2;
  }
  if (!k) return -1;
  *pX = sx / k;
  *pY = sy / k;
  return 0;
}

/* Is (x, y) inside any ring of feature f (even-odd over all rings)? */
static int feat_contains(const Layer *l, const Feat *f, double x, double y)
{
  const char *z = l->zText + f->iStart, *e = z + f->n;
  const char *p = memmem(z, f->n, "\"coordinates\"", 13);
  int inside = 0;
  if (!p) return 0;
  while (p < e) {
    /* find the start of a ring: "[[" followed by a number */
    const char *r = memmem(p, (size_t)(e - p), "[[", 2);
    if (!r) break;
    while (r + 2 < e && r[2] == '[') r++;
    p = r + 1;
    double x0 = 0, y0 = 0, xp = 0, yp = 0;
    int k = 0;
    while (p < e && *p == '[') {
      double xa, ya;
      if (parse_point(p, &xa, &ya)) break;
      if (k == 0) x0 = xa, y0 = ya;
      else if ((ya > y) != (yp > y) &&
               x < (xp - xa) * (y - ya) / (yp - ya) + xa) {
        inside = !inside;
      }
      xp = xa, yp = ya, k++;
      p = memchr(p, ']', (size_t)(e - p));
      if (!p || p + 1 >= e || p[1] != ',') break;
      p += 2;
    }
    (void)x0, (void)y0;
    if (!p) break;
  }
  return inside;
}

static void contours_load(void)
{
  const char *zDir = getenv("OASIS_DATA_DIR");
  static const char *const azFile[] = {
    "geo/regions-avec-outre-mer.geojson",
    "geo/departements-avec-outre-mer.geojson",
    "geo/communes_france_cog2024_simplifie.geojson.gz"};
  isLoaded = 1;
  for (int k = 0; k < 3; k++) {
    char zPath[1024];
    snprintf(zPath, sizeof zPath, "%s/%s", zDir ? zDir : "data", azFile[k]);
    Layer *l = &aLayer[k];
    if (read_file(zPath, &l->zText, &l->nText) || layer_split(l)) {
      snprintf(zLoadErr, sizeof zLoadErr, "contours indisponibles : %.200s "
               "illisible ou absent", azFile[k]);
      return;
    }
  }
  /* département -> région by point in polygon */
  for (int d = 0; d < aLayer[1].n; d++) {
    double x, y;
    Feat *f = &aLayer[1].a[d];
    if (feat_point(&aLayer[1], f, &x, &y)) continue;
    for (int r = 0; r < aLayer[0].n; r++) {
      if (feat_contains(&aLayer[0], &aLayer[0].a[r], x, y)) {
        snprintf(f->zParent, sizeof f->zParent, "%s", aLayer[0].a[r].zCode);
        break;
      }
    }
  }
  /* commune -> département by code: 97x for the DROM, else 2 chars */
  for (int c = 0; c < aLayer[2].n; c++) {
    Feat *f = &aLayer[2].a[c];
    size_t n = strncmp(f->zCode, "97", 2) ? 2 : 3;
    memcpy(f->zParent, f->zCode, n);
    f->zParent[n] = 0;
  }
}

/* Assemble the collection of the features of layer l whose parent is
** zParent (NULL: all); NULL when none. */
static char *collect(const Layer *l, const char *zParent, size_t *pn)
{
  Str s = STR_INIT;
  int n = 0;
  str_appendz(&s, "{\"type\":\"FeatureCollection\",\"features\":[");
  for (int k = 0; k < l->n; k++) {
    if (zParent && strcmp(l->a[k].zParent, zParent)) continue;
    if (n++) str_appendc(&s, ',');
    str_append(&s, l->zText + l->a[k].iStart, l->a[k].n);
  }
  str_appendz(&s, "]}");
  if (!n) {
    str_free(&s);
    return NULL;
  }
  *pn = s.n;
  return str_finish(&s);
}

const char *obs_contours(ObsLevel lvl, const char *zCode, size_t *pn,
                         Err *err)
{
  const char *zOut = NULL;
  if (lvl == OBS_FRANCE) zCode = "";
  if (lvl > OBS_DEPARTEMENT || !zCode || strlen(zCode) >= 8) {
    err_set(err, ERR_NOTFOUND, "pas de contours pour « %.20s »",
            zCode ? zCode : "");
    return NULL;
  }
  pthread_mutex_lock(&contourMutex);
  if (!isLoaded) contours_load();
  if (zLoadErr[0]) {
    err_set(err, ERR_IO, "%s", zLoadErr);
    goto done;
  }
  for (int k = 0; k < nCached; k++) {
    if (aCached[k].lvl == lvl && !strcmp(aCached[k].zCode, zCode)) {
      zOut = aCached[k].z;
      *pn = aCached[k].n;
      goto done;
    }
  }
  size_t n = 0;
  char *z = lvl == OBS_FRANCE ? collect(&aLayer[0], NULL, &n)
                              : collect(&aLayer[lvl], zCode, &n);
  if (!z) {
    err_set(err, ERR_NOTFOUND, "%s inconnu(e) : « %s »",
            obs_level_label(lvl), zCode);
    goto done;
  }
  xgrow((void **)&aCached, &nCachedCap, (size_t)nCached + 1, sizeof(Cached));
  Cached *c = &aCached[nCached++];
  c->lvl = lvl;
  snprintf(c->zCode, sizeof c->zCode, "%s", zCode);
  c->z = z;
  c->n = n;
  zOut = z;
  *pn = n;
done:
  pthread_mutex_unlock(&contourMutex);
  return zOut;
}
