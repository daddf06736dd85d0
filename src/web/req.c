/*
** web/req.c: one request's life: inputs, the reply being built, and its
** hand-over to libmicrohttpd.
**
** A Req and everything it points to live in its arena, freed by
** req_free() from the completed callback.  The only malloc'd pieces are
** the request body and the response body: the latter is given to MHD with
** MHD_RESPMEM_MUST_FREE once MHD has accepted it.  Routing, role and CSRF
** checks are in route.c; error pages are built here.
*/
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "base/mem.h"
#include "base/progress.h"
#include "web/internal.h"

static atomic_long nInFlight;

long req_in_flight(void)
{
  return atomic_load(&nInFlight);
}

Req *req_new(struct MHD_Connection *conn, const char *zMethod,
             const char *zPath)
{
  Arena *arena = arena_new();
  Req *req = arena_alloc(arena, sizeof *req);
  req->arena = arena;
  req->conn = conn;
  req->zMethod = arena_strdup(arena, zMethod ? zMethod : "GET");
  req->zPath = arena_strdup(arena, zPath ? zPath : "/");
  req->tStart = clock_seconds();
  req->nBodyLimit = WEB_MAX_FORM;
  const char *zType = req_header(req, "Content-Type");
  if (zType && strncasecmp(zType, "multipart/form-data", 19) == 0) {
    req->nBodyLimit = WEB_MAX_MULTIPART;
  }
  unsigned char a[6];
  randombytes_buf(a, sizeof a);
  sodium_bin2hex(req->zId, sizeof req->zId, a, sizeof a);
  atomic_fetch_add(&nInFlight, 1);
  return req;
}

void req_free(Req *req)
{
  if (!req) return;
  str_free(&req->body);
  str_free(&req->out);
  if (req->pJson) json_decref(req->pJson);
  atomic_fetch_sub(&nInFlight, 1);
  arena_free(req->arena);
}

void req_body_append(Req *req, const char *z, size_t n)
{
  if (req->isTooLarge) return;
  if (req->body.n + n > req->nBodyLimit) {
    req->isTooLarge = true;   /* keep reading, drop the bytes: 413 at end */
    str_free(&req->body);
    return;
  }
  str_append(&req->body, z, n);
}

/* ---- inputs ----------------------------------------------------------- */
Arena *req_arena(Req *req) { return req->arena; }
Store *req_db(Req *req) { return web_thread_db(); }
const char *req_method(Req *req) { return req->zMethod; }
const char *req_path(Req *req) { return req->zPath; }
const char *req_id(Req *req) { return req->zId; }
Str *req_body(Req *req) { return &req->out; }

const char *req_arg(Req *req, const char *zName)
{
  for (int i = 0; i < req->nArg; i++) {
    if (strcmp(req->aArg[i].zName, zName) == 0) return req->aArg[i].zValue;
  }
  return NULL;
}

const char *req_query(Req *req, const char *zName)
{
  if (!req->conn) return NULL;
  return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, zName);
}

const char *req_form(Req *req, const char *zName)
{
  return form_get(&req->form, zName);
}

int req_form_all(Req *req, const char *zName, const char ***pazValue)
{
  int n = 0;
  const char **az = arena_alloc(req->arena,
                                (req->form.nField + 1) * sizeof(char *));
  for (int i = 0; i < req->form.nField; i++) {
    if (strcmp(req->form.aField[i].zName, zName) == 0) {
      az[n++] = req->form.aField[i].zValue;
    }
  }
  *pazValue = az;
  return n;
}

const ReqFile *req_file(Req *req, const char *zName)
{
  for (int i = 0; i < req->form.nFile; i++) {
    if (strcmp(req->form.azFileField[i], zName) == 0) return &req->form.aFile[i];
  }
  return NULL;
}

json_t *req_json(Req *req) { return req->pJson; }

const char *req_header(Req *req, const char *zName)
{
  if (!req->conn) return NULL;
  return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, zName);
}

const char *req_cookie(Req *req, const char *zName)
{
  if (!req->conn) {
    for (int i = 0; i < req->nTestCookie; i++) {
      if (strcmp(req->aTestCookie[i].zName, zName) == 0) {
        return req->aTestCookie[i].zValue;
      }
    }
    return NULL;
  }
  return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, zName);
}

/* The client's address; behind a local proxy, the forwarded one. */
const char *req_client_ip(Req *req)
{
  if (!req->conn) return "127.0.0.1";
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  char *z = arena_alloc(req->arena, INET6_ADDRSTRLEN + 1);
  if (!ci || !ci->client_addr) return "?";
  const struct sockaddr *sa = ci->client_addr;
  if (sa->sa_family == AF_INET) {
    inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, z,
              INET6_ADDRSTRLEN);
  } else if (sa->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, z,
              INET6_ADDRSTRLEN);
  } else {
    return "?";
  }
  /* Behind a local reverse proxy every client would share its address:
  ** then, and only then, trust the last X-Forwarded-For entry (the one
  ** the proxy added), when it is a well-formed address. */
  if (strcmp(z, "127.0.0.1") == 0 || strcmp(z, "::1") == 0) {
    const char *zFwd = req_header(req, "X-Forwarded-For");
    if (zFwd) {
      const char *zLast = strrchr(zFwd, ',');
      zLast = zLast ? zLast + 1 : zFwd;
      while (*zLast == ' ') zLast++;
      char *zIp = arena_strndup(req->arena, zLast, strcspn(zLast, " "));
      unsigned char aBuf[sizeof(struct in6_addr)];
      if (inet_pton(AF_INET, zIp, aBuf) == 1 ||
          inet_pton(AF_INET6, zIp, aBuf) == 1) {
        return zIp;
      }
    }
  }
  return z;
}

bool req_is_tls(Req *req)
{
  const char *z = req_header(req, "X-Forwarded-Proto");
  return z && strcasecmp(z, "https") == 0;
}

const char *req_log_path(Req *req)
{
  return req->pRoute && (req->pRoute->flags & ROUTE_SECRET)
             ? req->pRoute->zPattern : req->zPath;
}

/* The access log's settings, read once: OASIS_ACCESS_LOG ("0"/"off",
** "syslog", a file path, else stderr), OASIS_ACCESS_LOG_MAX_KB (size
** before a file rotates, default 10240) and OASIS_ACCESS_LOG_KEEP (old
** files kept, default 5). */
static pthread_once_t accessOnce = PTHREAD_ONCE_INIT;

static void req_access_setup(void)
{
  const char *zMax = getenv("OASIS_ACCESS_LOG_MAX_KB");
  const char *zKeep = getenv("OASIS_ACCESS_LOG_KEEP");
  long nMax = 0, nKeep = -1;
  if (zMax && (str_to_long(zMax, &nMax) || nMax < 1)) nMax = 0;
  if (zKeep && (str_to_long(zKeep, &nKeep) || nKeep < 0)) nKeep = -1;
  log_access_setup(getenv("OASIS_ACCESS_LOG"), (long long)nMax * 1024,
                   (int)nKeep);
}

/* Whether requests are logged. */
static bool req_access_log(void)
{
  pthread_once(&accessOnce, req_access_setup);
  return log_access_enabled();
}

/* Cookies carry Secure behind TLS, or always with OASIS_COOKIE_SECURE=1
** (a proxy that does not send X-Forwarded-Proto). */
static bool req_cookie_secure(Req *req)
{
  const char *z = getenv("OASIS_COOKIE_SECURE");
  return (z && strcmp(z, "1") == 0) || req_is_tls(req);
}

const User *req_user(Req *req)
{
  session_load(req);
  return req->hasUser ? &req->user : NULL;
}

Role req_role(Req *req)
{
  const User *u = req_user(req);
  return u ? u->role : ROLE_PUBLIC;
}

/* ---- replies ---------------------------------------------------------- */
void reply_status(Req *req, int status) { req->status = status; }

void reply_header(Req *req, const char *zName, const char *zValue)
{
  RespHeader *h = arena_alloc(req->arena, sizeof *h);
  h->zName = arena_strdup(req->arena, zName);
  h->zValue = arena_strdup(req->arena, zValue);
  RespHeader **pp = &req->pHeaders;
  while (*pp) pp = &(*pp)->pNext;    /* keep the order handlers chose */
  *pp = h;
}

static bool req_has_header(Req *req, const char *zName)
{
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    if (strcasecmp(h->zName, zName) == 0) return true;
  }
  return false;
}

void req_set_cookie(Req *req, const char *zName, const char *zValue,
                    long nMaxAge)
{
  char *z = arena_printf(req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
                         zName, zValue, req_cookie_secure(req) ? "; Secure" : "");
  if (nMaxAge >= 0) z = arena_printf(req->arena, "%s; Max-Age=%ld", z, nMaxAge);
  reply_header(req, "Set-Cookie", z);
}

/*
** Only local paths: "/x", never "//host" or "/\host" (open redirect).
** Browsers drop TAB, CR and LF anywhere in a URL and read "\" as "/", so
** "/<TAB>/evil.example" would become "//evil.example": any control
** character, space or backslash anywhere refuses the path.
*/
int web_local_path(const char *z)
{
  if (!z || z[0] != '/' || z[1] == '/') return 0;
  for (const unsigned char *c = (const unsigned char *)z; *c; c++) {
    if (*c <= 0x20 || *c == 0x7f || *c == '\\') return 0;
  }
  return 1;
}

void reply_redirect(Req *req, const char *zPath)
{
  req->status = 303;
  reply_header(req, "Location", web_local_path(zPath) ? zPath : "/");
}

void reply_json(Req *req, int status, json_t *pJson)
{
  char *z = json_dumps(pJson, JSON_COMPACT | JSON_ENSURE_ASCII);
  json_decref(pJson);
  str_reset(&req->out);
  str_appendz(&req->out, z ? z : "null");
  free(z);
  req->hasRaw = false;
  req->status = status;
  req->zContentType = "application/json";
}

void reply_bytes(Req *req, int status, const char *zContentType,
                 const void *p, size_t n, const char *zFileName)
{
  req->status = status;
  req->zContentType = arena_strdup(req->arena, zContentType);
  req->pRaw = p;
  req->nRaw = n;
  req->hasRaw = true;
  if (zFileName) {
    /* The name is ours (an export name), but keep the header sane. */
    Str s = STR_INIT;
    for (const char *c = zFileName; *c; c++) {
      str_appendc(&s, (*c == '"' || *c == '\\' || (unsigned char)*c < 32)
                          ? '_' : *c);
    }
    reply_header(req, "Content-Disposition",
                 arena_printf(req->arena, "attachment; filename=\"%s\"",
                              str_text(&s)));
    str_free(&s);
  }
}

static bool req_wants_json(Req *req)
{
  return req->isApi || str_starts(req->zPath, "/api/");
}

int req_is_api(Req *req)
{
  return req_wants_json(req);
}

static const char *req_status_title(int status)
{
  switch (status) {
  case 400: return "Requête invalide";
  case 401: return "Connexion requise";
  case 403: return "Accès refusé";
  case 404: return "Page introuvable";
  case 405: return "Méthode non autorisée";
  case 413: return "Requête trop volumineuse";
  case 429: return "Trop de tentatives";
  case 500: return "Erreur interne";
  default: return "Erreur";
  }
}

int reply_error(Req *req, int status, const char *zCode, const char *zMsg,
                const char *zField)
{
  req->hasRaw = false;
  str_reset(&req->out);
  if (req_wants_json(req)) {
    json_t *e = json_pack("{s:s, s:s}", "code", zCode ? zCode : "error",
                          "message", zMsg ? zMsg : req_status_title(status));
    json_object_set_new(e, "field", zField ? json_string(zField) : json_null());
    reply_json(req, status, json_pack("{s:o}", "error", e));
    return -1;
  }
  req->status = status;
  req->zContentType = NULL;
  page_begin(req, req_status_title(status));
  html_printf(req, "<h1>%h</h1>\n<p>%h</p>\n", req_status_title(status),
              zMsg ? zMsg : "");
  if (status == 500) {
    html_printf(req, "<p>Référence de l'incident : <code>%h</code>.</p>\n",
                req->zId);
  }
  html_printf(req, "<p><a href=\"/\">Retour à l'accueil</a></p>\n");
  page_end(req);
  req->status = status;
  return -1;
}

int reply_input_error(Req *req, const Err *err)
{
  return reply_error(req, 400, "saisie_invalide",
                     err->zMsg[0] ? err->zMsg : "Donnée invalide.",
                     err->zField[0] ? err->zField : NULL);
}

int reply_incident(Req *req, const Err *err)
{
  char zBuf[768];
  log_error("incident %s: %s %s: %s", req->zId, req->zMethod, req_log_path(req),
            err ? err_text(err, zBuf, sizeof zBuf) : "?");
  reply_header(req, "X-Incident-Id", req->zId);
  return reply_error(req, 500, "erreur_interne",
                     arena_printf(req->arena, "Une erreur interne est "
                                  "survenue (incident %s).", req->zId),
                     NULL);
}

/* ---- hand-over to MHD ------------------------------------------------- */
int req_send(Req *req)
{
  struct MHD_Response *r;
  size_t nBytes;
  if (req->status == 0) req->status = 200;
  if (req->zCacheKey && req->status == 200) {
    /* A public page rendered for an anonymous visitor: keep it (cache.c
    ** decides whether it may be shared) and let browsers revalidate. */
    web_cache_store(req, req->zContentType,
                    req->hasRaw ? req->pRaw : req->out.z,
                    req->hasRaw ? req->nRaw : req->out.n);
    if (!req_has_header(req, "Cache-Control")) {
      reply_header(req, "Cache-Control", "no-cache");
    }
  }
  if (req->hasRaw) {
    void *p = xmalloc(req->nRaw ? req->nRaw : 1);
    if (req->nRaw) memcpy(p, req->pRaw, req->nRaw);
    nBytes = req->nRaw;
    r = MHD_create_response_from_buffer(nBytes, p, MHD_RESPMEM_MUST_FREE);
    if (!r) free(p);
  } else {
    nBytes = req->out.n;
    char *z = str_finish(&req->out);
    if (z) {
      r = MHD_create_response_from_buffer(nBytes, z, MHD_RESPMEM_MUST_FREE);
      if (!r) free(z);     /* MHD did not take it: still ours */
    } else {
      r = MHD_create_response_from_buffer(0, (void *)"",
                                          MHD_RESPMEM_PERSISTENT);
    }
  }
  if (!r) return MHD_NO;
  if (nBytes || req->status == 200) {
    MHD_add_response_header(r, "Content-Type",
                            req->zContentType ? req->zContentType
                                              : "text/html; charset=utf-8");
  }
  if (!req_has_header(req, "Cache-Control")) {
    MHD_add_response_header(r, "Cache-Control", "no-store");
  }
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  /* A page meant to be embedded (the portal's widget) sets its own CSP
  ** with frame-ancestors; every other page gets ours and refuses framing.
  ** Scripts only from our own files (no inline script, no eval); inline
  ** style attributes stay allowed (portal colours, map swatches). */
  if (!req_has_header(req, "Content-Security-Policy")) {
    MHD_add_response_header(r, "Content-Security-Policy", WEB_CSP);
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
  }
  MHD_add_response_header(r, "Referrer-Policy",
                          req->pRoute && (req->pRoute->flags & ROUTE_SECRET)
                              ? "no-referrer" : "same-origin");
  MHD_add_response_header(r, "Permissions-Policy",
                          "camera=(), microphone=(), geolocation=(), "
                          "payment=(), usb=(), interest-cohort=()");
  if (req_is_tls(req)) {
    MHD_add_response_header(r, "Strict-Transport-Security",
                            "max-age=31536000");
  }
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    MHD_add_response_header(r, h->zName, h->zValue);
  }
  enum MHD_Result rc = MHD_queue_response(req->conn, req->status, r);
  MHD_destroy_response(r);
  req->isQueued = true;
  /* The access log: never the query string, never a body.  On stderr
  ** (journald rotates it under systemd), syslog or a file rotated by size;
  ** OASIS_ACCESS_LOG=0 turns it off. */
  if (req_access_log()) log_access("%s %s %d %zu %.0fus%s%s", req->zMethod,
           req_log_path(req), req->status,
           nBytes, (clock_seconds() - req->tStart) * 1e6,
           req->status >= 500 ? " incident=" : "",
           req->status >= 500 ? req->zId : "");
  return rc;
}
