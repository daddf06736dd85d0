/*
** web/internal.h: the request side's private declarations.
**
** struct Req and the pieces server.c, route.c, req.c, form.c, session.c,
** and csrf.c share.  Modules never include this: they see web.h.
** The pure parts (route_match, form_parse_*) are unit-tested directly.
*/
#ifndef OASIS_WEB_INTERNAL_H
#define OASIS_WEB_INTERNAL_H
#include <stdbool.h>
#include <stdint.h>

#include "web/web.h"

struct MHD_Connection;

/* Size limits of request bodies (bytes). */
#define WEB_MAX_FORM (1u << 20)        /* urlencoded and JSON */
#define WEB_MAX_MULTIPART (16u << 20)  /* multipart uploads */
#define WEB_MAX_FIELDS 500             /* fields of one form */

/* Names of our cookies and of the CSRF form field and header. */
#define WEB_SESSION_COOKIE "oasis_session"
#define WEB_ANON_COOKIE "oasis_csrf"
#define WEB_CSRF_FIELD "csrf_token"    /* what form_begin() writes */
#define WEB_CSRF_FIELD_SHORT "csrf"    /* also accepted */
#define WEB_CSRF_HEADER "X-CSRF-Token"

/* The Content-Security-Policy of every page that does not set its own. */
#define WEB_CSP "default-src 'self'; script-src 'self'; " \
                "style-src 'self' 'unsafe-inline'; img-src 'self' data:; " \
                "object-src 'none'; base-uri 'self'; form-action 'self'; " \
                "frame-ancestors 'none'"

/* Session timeouts (seconds): idle from web_session_idle()
** (OASIS_SESSION_IDLE_MINUTES, default 30), absolute 12 hours. */
#define WEB_SESSION_IDLE_DEFAULT (30 * 60)
#define WEB_SESSION_MAX (12 * 3600)
long web_session_idle(void);

/* One name=value pair of a form or a path pattern. */
typedef struct Field Field;
struct Field {
  const char *zName;
  const char *zValue;
};

/* A parsed form: fields and uploaded files (all in the request arena). */
typedef struct Form Form;
struct Form {
  Field *aField;
  int nField, nFieldCap;
  ReqFile *aFile;
  const char **azFileField;   /* form field name of each file */
  int nFile, nFileCap;
};

typedef struct RespHeader RespHeader;
struct RespHeader {
  const char *zName, *zValue;
  RespHeader *pNext;
};

struct Req {
  Arena *arena;
  struct MHD_Connection *conn;
  const char *zMethod;        /* as sent ("HEAD" stays "HEAD") */
  const char *zPath;          /* decoded path, checked UTF-8 before routing */
  char zId[13];               /* incident id: 12 hex digits */
  double tStart;              /* clock_seconds() at the first call */
  /* body */
  Str body;                   /* raw request body (up to the limit) */
  size_t nBodyLimit;
  bool isTooLarge;            /* body over the limit: answered 413 */
  /* routing */
  const Route *pRoute;
  Field aArg[8];              /* path parameters */
  int nArg;
  bool isApi;                 /* errors as JSON */
  Form form;
  json_t *pJson;              /* parsed JSON body, owned */
  /* identity */
  bool hasAuth;               /* session looked up */
  User user;                  /* valid when hasUser */
  bool hasUser;
  char zSessionHash[65];      /* hex SHA-256 of the session id, "" if none */
  const char *zAnonNonce;     /* anonymous CSRF cookie value, or NULL */
  bool setAnonCookie;         /* zAnonNonce is new: send the cookie */
  const char *zCsrf;          /* token for forms, computed on demand */
  /* response */
  int status;                 /* 0 until a reply_* sets it */
  Str out;                    /* body being built */
  const void *pRaw;           /* reply_bytes data, borrowed or arena */
  size_t nRaw;
  bool hasRaw;
  const char *zContentType;
  RespHeader *pHeaders;
  bool isQueued;
  struct KitId *pKitIds;      /* control ids used by the kit (kit.c) */
  const char *zCacheKey;      /* cacheable public GET: its key (cache.c) */
  int64_t iCacheVersion;      /* data version read before rendering */
  /* requests made without a connection (unit tests) */
  Field aTestCookie[4];
  int nTestCookie;
};

/* ---- server.c --------------------------------------------------------- */
/* The Store of the calling thread, opened on first use (NULL on failure,
** logged). */
Store *web_thread_db(void);
/* The database path the server was started with. */
const char *web_db_path(void);
/* Set it (web_serve does; tests too); worker threads open it lazily. */
void web_set_db_path(const char *zPath);
/* Close the calling thread's connection now. */
void web_thread_db_close(void);

/* ---- req.c ------------------------------------------------------------ */
/* Requests begun and not yet freed (graceful stop waits for 0). */
long req_in_flight(void);
Req *req_new(struct MHD_Connection *conn, const char *zMethod,
             const char *zPath);
void req_free(Req *req);
/* Parse req's body by its content type zType (urlencoded and multipart
** into the form fields, JSON into req->pJson): -1 when answered (400),
** 0 otherwise (an unknown or missing type leaves the body unread). */
int web_parse_body(Req *req, const char *zType);

/* Append a body chunk, or mark the request too large. */
void req_body_append(Req *req, const char *z, size_t n);
/* Queue the response built so far with MHD; returns an MHD_Result. */
int req_send(Req *req);
/* The path as logs may show it: the route's pattern when the path
** carries a secret (ROUTE_SECRET), else the path. */
const char *req_log_path(Req *req);
/* Cookie value, or NULL. */
const char *req_cookie(Req *req, const char *zName);
/* True when the client came through TLS (X-Forwarded-Proto: https). */
bool req_is_tls(Req *req);
/* Add a Set-Cookie header (HttpOnly, SameSite=Lax, Path=/, Secure behind
** TLS); nMaxAge < 0: session cookie, 0: delete it. */
void req_set_cookie(Req *req, const char *zName, const char *zValue,
                    long nMaxAge);

/* ---- route.c ---------------------------------------------------------- */
/* Match zPath against zPattern ("/a/{x}/b", "/static/{rest*}"): 1 and
** the parameters in aArg (values point into a copy made in arena), or 0. */
int route_match(const char *zPattern, const char *zPath, Arena *arena,
                Field *aArg, int nArgMax, int *pnArg);
/* Route, check role and CSRF, parse inputs, call the handler, send. */
int web_dispatch(Req *req);

/* ---- form.c ----------------------------------------------------------- */
/* Decode %XX and '+' of z[0..n-1] into a new arena string; *pnOut gets the
** length.  -1 on a malformed escape. */
int form_decode(Arena *arena, const char *z, size_t n, char **pzOut,
                size_t *pnOut);
/* Parse an application/x-www-form-urlencoded body into f.  0, or
** ERR_INPUT with err naming the field (bad escape, bad UTF-8, NUL byte,
** too many fields). */
int form_parse_urlencoded(Arena *arena, const char *z, size_t n, Form *f,
                          Err *err);
/* Parse a multipart/form-data body; zContentType carries the boundary. */
int form_parse_multipart(Arena *arena, const char *zContentType,
                         const char *z, size_t n, Form *f, Err *err);
const char *form_get(const Form *f, const char *zName);
void form_add(Arena *arena, Form *f, const char *zName, const char *zValue);

/* ---- cache.c ---------------------------------------------------------- */
/* Answer req from the cache of public pages when it can (1), or note its
** key so that req_send() keeps the rendered page (0). */
int web_cache_serve(Req *req);
/* Keep the rendered 200 of a cacheable request, unless it carries a
** per-visitor token or cookie; adds its ETag header. */
void web_cache_store(Req *req, const char *zType, const void *pBody,
                     size_t nBody);

/* ---- audit.c ---------------------------------------------------------- */
/* 1 (once) when this thread audited an erasure since the last call. */
int web_audit_take_checkpoint(void);

/* ---- limit.c ---------------------------------------------------------- */
/* Limits of a ROUTE_LIMITED route, checked before its handler: 0 to go
** on, -1 when a 429 (challenge page, or JSON with Retry-After) is queued. */
int limit_check(Req *req);
/* Count one hit of zKey in a window of nSec seconds (monotonic clock now);
** the hits in the window, this one included; *pnLeft: seconds left. */
long limit_take(const char *zKey, long nSec, int64_t now, long *pnLeft);
/* Forget every counter (tests). */
void limit_reset(void);
/* French words for n in [20, 69] ("quarante-sept", "soixante et un"). */
void limit_number_words(int n, char *zOut, size_t nOut);
/* 1 when zToken is a live, unused challenge of ours and zAnswer its
** number in digits (the token is then used up). */
int limit_challenge_ok(Req *req, const char *zToken, const char *zAnswer);

/* ---- session.c -------------------------------------------------------- */
/* Look up the session cookie and fill req->user (once per request). */
void session_load(Req *req);
/* Hex SHA-256 of z into zOut[65]. */
void session_hash(const char *z, char zOut[65]);

/* ---- csrf.c ----------------------------------------------------------- */
/* The server's signing key (32 bytes), loaded or made on first use. */
const unsigned char *csrf_key(void);
/* Set the key explicitly (tests). */
void csrf_set_key(const unsigned char aKey[32]);
/* Token for a binding string (hex HMAC-SHA-256 of zBind under the key). */
void csrf_token_for(const char *zBind, char zOut[65]);
/* True when zToken is the token of zBind (constant-time compare). */
bool csrf_token_ok(const char *zBind, const char *zToken);
/* Check the CSRF token of this POST; 0 ok, -1 refused. */
int csrf_check(Req *req);


#endif
