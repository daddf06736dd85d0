/*
** web/route.c: from a complete request to a handler call.
**
** web_dispatch() does, in this order, what no handler may forget: refuse
** an oversized body (413), check that the path and every query value are
** valid UTF-8 (400), find the route (404, or 405 with Allow), enforce the
** route's role (redirect to the login page, 401 JSON for the API, 403),
** parse the body (form, multipart or JSON: 400 when malformed), check the
** CSRF token of every POST (403), then call the handler and send.
*/
#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "web/internal.h"

/*
** Patterns are literal text with parameters: "{code}" matches one
** non-empty path segment, "{rest*}" (only at the end) the non-empty rest
** of the path, slashes included.  Matching is exact otherwise: "/a/" is
** not "/a".
*/
int route_match(const char *zPattern, const char *zPath, Arena *arena,
                Field *aArg, int nArgMax, int *pnArg)
{
  const char *p = zPattern, *s = zPath;
  int nArg = 0;
  while (*p) {
    if (*p != '{') {
      if (*p != *s) return 0;
      p++;
      s++;
      continue;
    }
    const char *zClose = strchr(p, '}');
    if (!zClose) return 0;                  /* a broken pattern never matches */
    size_t nName = (size_t)(zClose - p - 1);
    bool isRest = nName > 0 && p[nName] == '*';
    if (isRest) nName--;
    size_t nVal = isRest ? strlen(s) : strcspn(s, "/");
    if (nVal == 0 || nArg >= nArgMax) return 0;
    aArg[nArg].zName = arena_strndup(arena, p + 1, nName);
    aArg[nArg].zValue = arena_strndup(arena, s, nVal);
    nArg++;
    s += nVal;
    p = zClose + 1;
  }
  if (*s) return 0;
  *pnArg = nArg;
  return 1;
}

/* Text fit for our handlers: valid UTF-8, no control characters other
** than tab and newlines. */
static bool route_text_ok(const char *z, size_t n)
{
  if (!utf8_valid(z, n)) return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

static enum MHD_Result route_check_arg(void *cls, enum MHD_ValueKind kind,
                                       const char *zKey, size_t nKey,
                                       const char *zValue, size_t nValue)
{
  bool *pOk = cls;
  if (!route_text_ok(zKey, nKey) || (zValue && !route_text_ok(zValue, nValue))) {
    *pOk = false;
    return MHD_NO;
  }
  return MHD_YES;
}

static bool route_method_ok(const Route *r, const char *zMethod)
{
  if (strcmp(r->zMethod, zMethod) == 0) return true;
  return strcmp(zMethod, "HEAD") == 0 && strcmp(r->zMethod, "GET") == 0;
}

/* The application's route tables: set by the composition root before the
** server starts, and swapped once while it runs when the first-run page
** has made the first admin (app/firstrun.c).  One pointer, stored with
** release and read with acquire ordering: a worker sees either list whole. */
static const Route *const aNoRoutes[] = {NULL};
static const Route *const *aRouteTables = aNoRoutes;

void web_set_routes(const Route *const *aTables)
{
  __atomic_store_n(&aRouteTables, aTables ? aTables : aNoRoutes,
                   __ATOMIC_RELEASE);
}

const Route *const *web_routes(void)
{
  return __atomic_load_n(&aRouteTables, __ATOMIC_ACQUIRE);
}

/* Find the route for req; sets req->pRoute and the path arguments, or
** answers 404/405 and returns -1. */
static int route_find(Req *req)
{
  Str allow = STR_INIT;
  const Route *const *aTables = web_routes();
  for (int t = 0; aTables[t]; t++) {
    for (const Route *r = aTables[t]; r->zMethod; r++) {
      Field aArg[8];
      int nArg = 0;
      if (!route_match(r->zPattern, req->zPath, req->arena, aArg, 8, &nArg)) {
        continue;
      }
      if (!route_method_ok(r, req->zMethod)) {
        if (!strstr(str_text(&allow), r->zMethod)) {
          if (allow.n) str_appendz(&allow, ", ");
          str_appendz(&allow, r->zMethod);
          if (strcmp(r->zMethod, "GET") == 0) str_appendz(&allow, ", HEAD");
        }
        if (r->flags & ROUTE_API) req->isApi = true;
        continue;
      }
      req->pRoute = r;
      memcpy(req->aArg, aArg, sizeof aArg);
      req->nArg = nArg;
      req->isApi = (r->flags & ROUTE_API) != 0;
      str_free(&allow);
      return 0;
    }
  }
  if (allow.n) {
    reply_header(req, "Allow", str_text(&allow));
    str_free(&allow);
    return reply_error(req, 405, "methode_non_autorisee",
                       "Cette adresse n'accepte pas cette méthode.", NULL);
  }
  return reply_error(req, 404, "introuvable",
                     "La page demandée n'existe pas ou a été déplacée.", NULL);
}

/* Enforce the route's role: -1 when already answered. */
static int route_check_role(Req *req)
{
  Role need = req->pRoute->role;
  if (need == ROLE_PUBLIC) return 0;
  Role have = req_role(req);
  if (have >= need) return 0;
  if (have == ROLE_PUBLIC) {
    if (req->isApi || str_starts(req->zPath, "/api/")) {
      return reply_error(req, 401, "non_authentifie",
                         "Connexion requise.", NULL);
    }
    reply_redirect(req, html_mprintf(req, "/connexion?suite=%u", req->zPath));
    return -1;
  }
  return reply_error(req, 403, "interdit",
                     "Votre rôle ne permet pas d'accéder à cette page.", NULL);
}

/* Read the body as its content type says (internal.h). */
int web_parse_body(Req *req, const char *zType)
{
  if (req->body.n == 0) return 0;
  Err err = {0};
  if (!zType) return 0;
  if (strncasecmp(zType, "application/x-www-form-urlencoded", 33) == 0) {
    if (form_parse_urlencoded(req->arena, req->body.z, req->body.n, &req->form,
                              &err)) {
      return reply_input_error(req, &err);
    }
  } else if (strncasecmp(zType, "multipart/form-data", 19) == 0) {
    if (form_parse_multipart(req->arena, zType, req->body.z, req->body.n,
                             &req->form, &err)) {
      return reply_input_error(req, &err);
    }
  } else if (strncasecmp(zType, "application/json", 16) == 0) {
    json_error_t jerr;
    req->pJson = json_loadb(req->body.z, req->body.n, JSON_REJECT_DUPLICATES,
                            &jerr);
    if (!req->pJson) {
      return reply_error(req, 400, "json_invalide",
                         arena_printf(req->arena, "corps JSON invalide "
                                      "(ligne %d, colonne %d)", jerr.line,
                                      jerr.column), NULL);
    }
  }
  return 0;
}

/* Run the matched handler on a checked request. */
static void route_call(Req *req)
{
  if (req->pRoute->flags & ROUTE_DEPRECATED) {
    reply_header(req, "Deprecation", "true");
    reply_header(req, "Link", "</docs/conventions.md>; rel=\"deprecation\"");
  }
  req->pRoute->xHandler(req);
  Store *db = web_thread_db();
  if (db && store_depth(db) > 0) {
    /* A handler left a transaction open: a bug.  Undo it, say where. */
    log_error("request %s %s left %d transaction(s) open", req->zMethod,
              req_log_path(req), store_depth(db));
    while (store_depth(db) > 0) store_rollback(db, 0);
    Err err = {0};
    err_set(&err, ERR_INTERNAL, "transaction laissée ouverte");
    reply_incident(req, &err);
  }
  if (web_audit_take_checkpoint() && db) {
    /* personal data erased: copy the WAL into the main file (where
    ** secure_delete zeroed the freed pages) and truncate it */
    Err err = {0};
    if (store_exec_sql(db, "PRAGMA wal_checkpoint(TRUNCATE)", &err)) {
      log_warn("checkpoint after erasure failed");
    }
  }
}

int web_dispatch(Req *req)
{
  if (str_starts(req->zPath, "/api/")) req->isApi = true;
  bool isOk = route_text_ok(req->zPath, strlen(req->zPath));
  if (!isOk) req->zPath = "/(invalide)";   /* never echo or log bad bytes */
  if (req->isTooLarge) {
    reply_header(req, "Connection", "close");
    reply_error(req, 413, "trop_volumineux", "La requête dépasse la taille "
                "autorisée.", NULL);
    return req_send(req);
  }
  if (isOk && req->conn) {
    MHD_get_connection_values_n(req->conn, MHD_GET_ARGUMENT_KIND,
                                route_check_arg, &isOk);
  }
  if (!isOk) {
    req->zPath = "/(invalide)";
    reply_error(req, 400, "saisie_invalide", "L'adresse demandée contient des "
                "caractères invalides (UTF-8 attendu).", NULL);
    return req_send(req);
  }
  if (web_cache_serve(req)) {
    req->zCacheKey = NULL;               /* served: nothing to keep */
    return req_send(req);
  }
  if (route_find(req) == 0 && route_check_role(req) == 0 &&
      web_parse_body(req, req_header(req, "Content-Type")) == 0) {
    if (strcmp(req->zMethod, "POST") == 0 &&
        !(req->pRoute->flags & ROUTE_NOCSRF) && csrf_check(req)) {
      reply_error(req, 403, "csrf", "Jeton de sécurité (CSRF) absent ou "
                  "invalide : rechargez la page puis recommencez.", NULL);
    } else if (limit_check(req) == 0) {
      route_call(req);
    }
  }
  return req_send(req);
}
