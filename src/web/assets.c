/*
** web/assets.c: the files compiled into the binary, served under /static/.
**
** Every embedded asset gets a strong ETag (a 64-bit FNV-1a of its bytes),
** computed once on first use; a matching If-None-Match is answered 304
** without a body.  URLs carrying ?v= (layout.c appends assets_version())
** of the current build are cached for a year as immutable, other asset
** URLs for an hour and
** then revalidated.  Only names present in embedded_assets are served:
** the path is looked up, never opened, so there is no traversal to fear.
*/
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/embed.h"
#include "web/ui.h"

enum { ASSETS_MAX = 512 };

static pthread_once_t assetsOnce = PTHREAD_ONCE_INIT;
static char aazEtag[ASSETS_MAX][24];   /* "\"0123456789abcdef\"" */
static char zVersion[17];               /* hash of every asset, hex */
static int nAsset;

static uint64_t assets_fnv1a(uint64_t h, const unsigned char *p, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* Hash every asset once; runs under pthread_once, so worker threads may
** race to the first request safely. */
static void assets_init(void)
{
  uint64_t hAll = 0xcbf29ce484222325ULL;
  for (nAsset = 0; embedded_assets[nAsset].zName && nAsset < ASSETS_MAX;
       nAsset++) {
    const EmbeddedFile *f = &embedded_assets[nAsset];
    uint64_t h = assets_fnv1a(0xcbf29ce484222325ULL, f->aData, f->nData);
    snprintf(aazEtag[nAsset], sizeof aazEtag[nAsset], "\"%016llx\"",
             (unsigned long long)h);
    hAll = assets_fnv1a(hAll, (const unsigned char *)aazEtag[nAsset],
                        strlen(aazEtag[nAsset]));
  }
  snprintf(zVersion, sizeof zVersion, "%016llx", (unsigned long long)hAll);
}

const char *assets_version(void)
{
  pthread_once(&assetsOnce, assets_init);
  return zVersion;
}

/* Content type from the file name's extension. */
static const char *assets_type(const char *zName)
{
  static const struct { const char *zExt, *zType; } aType[] = {
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json"},
    {".geojson", "application/geo+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
  };
  const char *zDot = strrchr(zName, '.');
  if (zDot) {
    for (size_t i = 0; i < sizeof aType / sizeof aType[0]; i++) {
      if (strcmp(zDot, aType[i].zExt) == 0) return aType[i].zType;
    }
  }
  return "application/octet-stream";
}

/* True when the If-None-Match header zInm lists zEtag (or is "*").  Weak
** validators W/"…" match too, as RFC 9110 asks for If-None-Match. */
static int assets_etag_matches(const char *zInm, const char *zEtag)
{
  size_t n = strlen(zEtag);
  const char *z;
  if (!zInm) return 0;
  if (strcmp(zInm, "*") == 0) return 1;
  for (z = strstr(zInm, zEtag); z; z = strstr(z + 1, zEtag)) {
    char cAfter = z[n];
    if (cAfter == 0 || cAfter == ',' || cAfter == ' ') return 1;
  }
  return 0;
}

/*
** GET /static/NAME: the embedded file NAME with its ETag and caching
** headers, 304 when the client already holds this version, 404 otherwise.
** ROUTE: GET /static/css/{file} public
** ROUTE: GET /static/js/{file} public
** ROUTE: GET /static/img/{file} public
** ROUTE: GET /static/vendor/{file} public
*/
void assets_serve(Req *req)
{
  const char *zPath = req_path(req);
  const char *zName, *zVer;
  int i;

  pthread_once(&assetsOnce, assets_init);
  if (!str_starts(zPath, "/static/")) {
    reply_error(req, 404, "introuvable", "Fichier introuvable.", NULL);
    return;
  }
  zName = zPath + strlen("/static/");
  for (i = 0; i < nAsset; i++) {
    if (strcmp(embedded_assets[i].zName, zName) == 0) break;
  }
  if (i == nAsset) {
    reply_error(req, 404, "introuvable", "Fichier introuvable.", NULL);
    return;
  }
  reply_header(req, "ETag", aazEtag[i]);
  /* Immutable only under the current version: a stale ?v= from an old
  ** page must not pin today's bytes for a year. */
  zVer = req_query(req, "v");
  reply_header(req, "Cache-Control",
               zVer && strcmp(zVer, zVersion) == 0
                   ? "public, max-age=31536000, immutable"
                   : "public, max-age=3600");
  if (assets_etag_matches(req_header(req, "If-None-Match"), aazEtag[i])) {
    reply_status(req, 304);
    return;
  }
  reply_bytes(req, 200, assets_type(zName), embedded_assets[i].aData,
              embedded_assets[i].nData, NULL);
}
