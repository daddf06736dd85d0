/*
** web/cache.c: public pages served from memory while the data has not
** changed.
**
** An anonymous GET (no session cookie) of a path under one of the prefixes
** the composition root declared cacheable (web_cache_set_prefixes) is
** looked up by its path and query string.  An entry is good while the
** database's data version is the one it was rendered at, and for at most
** a minute (pages that show "today").  The version is read on one watch
** connection that never writes, so every commit of every worker, or of
** another process (an import), changes it (PRAGMA data_version).  A hit
** is answered from memory, with an ETag; If-None-Match answers 304.
**
** Only a 200 that set no cookie and used no CSRF token is kept: a page
** that carries a per-visitor token or a cookie is never shared.  Signed-in
** users are never served from the cache (their pages name them).
**
** The table is direct-mapped (a colliding key replaces the older entry)
** and holds at most WEB_CACHE_SLOTS entries of WEB_CACHE_MAX_BODY bytes.
*/
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/mem.h"
#include "web/internal.h"

#define WEB_CACHE_SLOTS 1024
#define WEB_CACHE_MAX_BODY (2u << 20)
#define WEB_CACHE_TTL 60            /* seconds */

typedef struct CacheEntry CacheEntry;
struct CacheEntry {
  char *zKey;               /* path?query, NULL when the slot is empty */
  int64_t iVersion;         /* data version it was rendered at */
  time_t tAt;
  char *zType;              /* Content-Type */
  char *zHeaders;           /* the handler's own headers, "Name: value\n"… */
  char *aBody;
  size_t nBody;
  char zEtag[40];
};

static CacheEntry aSlot[WEB_CACHE_SLOTS];
static pthread_rwlock_t cacheLock = PTHREAD_RWLOCK_INITIALIZER;
static const char *const *azPrefix;   /* set once before serving */
static Store *pWatch;                 /* the watch connection (never writes) */
static pthread_mutex_t watchLock = PTHREAD_MUTEX_INITIALIZER;

/* The data version of the database, or -1 when it cannot be read. */
static int64_t cache_data_version(void)
{
  int64_t v = -1;
  pthread_mutex_lock(&watchLock);
  if (!pWatch && web_db_path()) {
    Err err = {0};
    pWatch = store_open(web_db_path(), &err);
  }
  if (pWatch) v = store_data_version(pWatch);
  pthread_mutex_unlock(&watchLock);
  return v;
}

void web_cache_set_prefixes(const char *const *az)
{
  azPrefix = az;
}

/* FNV-1a of z. */
static uint64_t cache_hash(const char *z)
{
  uint64_t h = 1469598103934665603ULL;
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ULL;
  return h;
}

static enum MHD_Result cache_add_arg(void *cls, enum MHD_ValueKind kind,
                                     const char *zKey, const char *zValue)
{
  Str *s = cls;
  str_appendc(s, s->n && strchr(s->z, '?') ? '&' : '?');
  str_appendz(s, zKey);
  if (zValue) {
    str_appendc(s, '=');
    str_appendz(s, zValue);
  }
  return MHD_YES;
}

/* The cache key of req when it may be served from the cache, else NULL. */
static const char *cache_key(Req *req)
{
  if (!azPrefix || !req->conn) return NULL;
  if (strcmp(req->zMethod, "GET") && strcmp(req->zMethod, "HEAD")) return NULL;
  if (req_cookie(req, WEB_SESSION_COOKIE)) return NULL;
  const char *zPath = req->zPath;
  int isIn = 0;
  for (const char *const *p = azPrefix; *p && !isIn; p++) {
    size_t n = strlen(*p);
    isIn = strncmp(zPath, *p, n) == 0 && (zPath[n] == 0 || zPath[n] == '/');
  }
  if (!isIn) return NULL;
  Str s = STR_INIT;
  str_appendz(&s, zPath);
  MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, cache_add_arg,
                            &s);
  const char *zKey = arena_strdup(req->arena, str_text(&s));
  str_free(&s);
  return zKey;
}

int web_cache_serve(Req *req)
{
  const char *zKey = cache_key(req);
  if (!zKey) return 0;
  int64_t iVersion = cache_data_version();
  if (iVersion < 0) return 0;
  req->zCacheKey = zKey;
  req->iCacheVersion = iVersion;
  CacheEntry *e = &aSlot[cache_hash(zKey) % WEB_CACHE_SLOTS];
  int isHit = 0;
  pthread_rwlock_rdlock(&cacheLock);
  if (e->zKey && strcmp(e->zKey, zKey) == 0 && e->iVersion == iVersion &&
      time(NULL) - e->tAt < WEB_CACHE_TTL) {
    isHit = 1;
    const char *zMatch = req_header(req, "If-None-Match");
    /* the handler's own headers first (a page's CSP, Cache-Control…) */
    for (const char *z = e->zHeaders; z && *z;) {
      const char *zColon = strchr(z, ':'), *zEnd = strchr(z, '\n');
      if (!zColon || !zEnd || zColon > zEnd) break;
      reply_header(req, arena_strndup(req->arena, z, (size_t)(zColon - z)),
                   arena_strndup(req->arena, zColon + 2,
                                 (size_t)(zEnd - zColon - 2)));
      z = zEnd + 1;
    }
    reply_header(req, "ETag", e->zEtag);
    if (!strstr(e->zHeaders ? e->zHeaders : "", "Cache-Control:")) {
      reply_header(req, "Cache-Control", "no-cache");
    }
    reply_header(req, "X-Cache", "hit");
    if (zMatch && strcmp(zMatch, e->zEtag) == 0) {
      reply_bytes(req, 304, e->zType, "", 0, NULL);
    } else {
      char *a = arena_alloc(req->arena, e->nBody + 1);
      memcpy(a, e->aBody, e->nBody);
      reply_bytes(req, 200, e->zType, a, e->nBody, NULL);
    }
  }
  pthread_rwlock_unlock(&cacheLock);
  return isHit;
}

void web_cache_store(Req *req, const char *zType, const void *pBody,
                     size_t nBody)
{
  if (!req->zCacheKey || req->status != 200 || nBody > WEB_CACHE_MAX_BODY) {
    return;
  }
  /* A per-visitor token or cookie must never reach another visitor. */
  if (req->zCsrf || req->setAnonCookie) return;
  if (!pBody) pBody = "";
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    if (strcasecmp(h->zName, "Set-Cookie") == 0) return;
    if (strcasecmp(h->zName, "Cache-Control") == 0 &&
        strstr(h->zValue, "no-store") && !strstr(h->zValue, "public")) {
      /* a handler asked explicitly that its answer not be kept */
      return;
    }
  }
  Str hdr = STR_INIT;
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    if (strchr(h->zName, '\n') || strchr(h->zValue, '\n')) continue;
    str_appendf(&hdr, "%s: %s\n", h->zName, h->zValue);
  }
  char zEtag[40];
  snprintf(zEtag, sizeof zEtag, "\"%llx-%llx\"",
           (unsigned long long)req->iCacheVersion,
           (unsigned long long)(cache_hash(req->zCacheKey) ^ nBody));
  CacheEntry *e = &aSlot[cache_hash(req->zCacheKey) % WEB_CACHE_SLOTS];
  pthread_rwlock_wrlock(&cacheLock);
  free(e->zKey);
  free(e->zType);
  free(e->zHeaders);
  free(e->aBody);
  e->zKey = xstrdup(req->zCacheKey);
  e->iVersion = req->iCacheVersion;
  e->tAt = time(NULL);
  e->zType = xstrdup(zType ? zType : "text/html; charset=utf-8");
  e->zHeaders = str_finish(&hdr);
  e->aBody = xmalloc(nBody + 1);
  memcpy(e->aBody, pBody, nBody);
  e->nBody = nBody;
  memcpy(e->zEtag, zEtag, sizeof zEtag);
  pthread_rwlock_unlock(&cacheLock);
  reply_header(req, "ETag", zEtag);
}
