/*
** web/web.h: everything a module needs to serve pages and JSON.
**
** A handler declares its route in a ROUTE: comment above its definition
** (tools/mkroutes builds the table, see Route); the router matches method
** and path, checks the role and, for every POST, the CSRF token, then calls
** the handler with a Req.  The handler reads its inputs through req_*(),
** writes HTML through html_printf() (escaping chosen by format letter) or
** answers with reply_*().  All request memory comes from req_arena() and is
** freed in one place when the request completes.
**
** Written by: server.c route.c req.c form.c session.c csrf.c (request side),
** html.c layout.c assets.c (output side).
*/
#ifndef OASIS_WEB_H
#define OASIS_WEB_H
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/str.h"
#include "store/store.h"

/* Roles, in increasing power: a route open to ROLE_AGENT is open to admins. */
typedef enum Role {
  ROLE_PUBLIC = 0,     /* no account needed */
  ROLE_LECTEUR = 1,    /* read-only dashboards */
  ROLE_AGENT = 2,      /* back-office */
  ROLE_ADMIN = 3
} Role;

typedef struct Req Req;
typedef void (*Handler)(Req *req);

enum {
  ROUTE_API = 1,       /* errors answered as JSON {"error":{…}} */
  ROUTE_NOCSRF = 2,    /* POST without CSRF check (login form: it has its own) */
  ROUTE_DEPRECATED = 4,/* a former spelling of a path: served, and marked
                       ** "Deprecation: true" (docs/conventions.md) */
  ROUTE_SECRET = 8,    /* the path carries a secret (a follow-up token):
                       ** logged as its pattern, never sent as Referer */
  ROUTE_UNLISTED = 16, /* a public page that makes sense only after an
                       ** action or inside another site: not in the site map */
  ROUTE_LIMITED = 32   /* an anonymous public write: rate-limited per
                       ** address, per target and per e-mail address, a
                       ** challenge past the limit (web/limit.c) */
};

typedef struct Route Route;
struct Route {
  const char *zMethod;   /* "GET" or "POST"; HEAD is served by GET routes */
  const char *zPattern;  /* "/communes/{code}": {name} matches one non-empty
                         ** segment; "/static/{rest*}" (last only) the rest */
  Handler xHandler;
  Role role;             /* least role allowed, enforced by the router */
  unsigned flags;        /* ROUTE_* */
};

/* An uploaded file of a multipart form (bytes live in the request arena). */
typedef struct ReqFile ReqFile;
struct ReqFile {
  const char *zName;         /* client file name, checked UTF-8 */
  const char *zType;         /* content type as sent */
  const unsigned char *aData;
  size_t nData;
};

/* The signed-in user, or NULL for an anonymous request.  Strings live in
** the request arena. */
typedef struct User User;
struct User {
  int64_t id;
  const char *zLogin;
  const char *zName;     /* display name */
  Role role;
};

/* ---- request ---------------------------------------------------------- */
Arena *req_arena(Req *req);
/* This worker thread's database connection. */
Store *req_db(Req *req);
const char *req_method(Req *req);
const char *req_path(Req *req);
/* Path parameter {zName} of the matched pattern, or NULL. */
const char *req_arg(Req *req, const char *zName);
/* Query-string value, or NULL when absent (first one if repeated). */
const char *req_query(Req *req, const char *zName);
/* Form field (urlencoded or multipart), or NULL when absent. */
const char *req_form(Req *req, const char *zName);
/* Every value of a repeated field (checkboxes); count returned. */
int req_form_all(Req *req, const char *zName, const char ***pazValue);
/* True when the request is answered in JSON: its route is an API route
** (or its path is under /api/).  A handler serving a page route and an API
** route picks its answer by it. */
int req_is_api(Req *req);
const ReqFile *req_file(Req *req, const char *zName);
/* The JSON body of an API call, or NULL (an invalid body was already
** answered with a 400 before the handler ran). Borrowed. */
json_t *req_json(Req *req);
const char *req_header(Req *req, const char *zName);
const char *req_client_ip(Req *req);
const User *req_user(Req *req);
Role req_role(Req *req);
/* The CSRF token to embed in forms (field "csrf_token", or "csrf") and
** send in X-CSRF-Token.  Bound to the session, or for anonymous visitors
** to a nonce cookie it sets on first use: public forms work too. */
const char *req_csrf_token(Req *req);
/* Incident id of this request (for logs and 500 pages). */
const char *req_id(Req *req);

/* ---- response --------------------------------------------------------- */
/* The body being built (html_printf appends here). */
Str *req_body(Req *req);
void reply_status(Req *req, int status);
void reply_header(Req *req, const char *zName, const char *zValue);
/* 1 when z is a local path safe to redirect to: "/…", not "//…", no
** control character, space or backslash anywhere (browsers strip TAB and
** read "\\" as "/"). */
int web_local_path(const char *z);
/* 303 See Other to a local path (anything else goes to "/"). */
void reply_redirect(Req *req, const char *zPath);
/* Answer with JSON (reference stolen). */
void reply_json(Req *req, int status, json_t *pJson);
/* Raw bytes (CSV, XLSX, GeoJSON…); zFileName non-NULL: an attachment. */
void reply_bytes(Req *req, int status, const char *zContentType,
                 const void *p, size_t n, const char *zFileName);
/* French error page or, on an API route, {"error":{code,message,field}}.
** Always returns -1 so handlers can `return reply_error(...)`. */
int reply_error(Req *req, int status, const char *zCode, const char *zMsg,
                const char *zField);
/* A 400 for the input error in err (its field and message). */
int reply_input_error(Req *req, const Err *err);
/* 500 with the incident id, logged with err's detail. */
int reply_incident(Req *req, const Err *err);

/* ---- HTML output -------------------------------------------------------
** Conversions: %h HTML-escaped text, %u URL-encoded component, %j JSON
** string literal (quotes included), %s trusted markup only (a literal or
** our own builders' output, marked with a trusted comment), %d %ld %lld
** %zu integers, %f/%.Nf numbers, %F French decimal comma ("3,2").
** tools/fmtcheck verifies every call in `make test`. */
void html_printf(Req *req, const char *zFmt, ...);
void html_vprintf(Req *req, const char *zFmt, va_list ap);
/* Same conversions, into a new string from the request arena. */
char *html_mprintf(Req *req, const char *zFmt, ...);
/* Same conversions, into any Str (pure; used by tests and builders). */
void html_strf(Str *out, const char *zFmt, ...);
void html_vstrf(Str *out, const char *zFmt, va_list ap);

/* Page frame: doctype, lang="fr", skip link, header, navigation, <main>. */
void page_begin(Req *req, const char *zTitle);
void page_end(Req *req);
/* <form method="post" action="zAction"> with the CSRF field. */
void form_begin(Req *req, const char *zAction);
void form_end(Req *req);

/* ---- audit -------------------------------------------------------------
** Record a write: who (req's user), when, entity, id, action and a JSON
** before/after (references borrowed; NULL allowed).  Call inside the
** write's transaction so both land or neither. */
int audit_log(Req *req, const char *zEntity, int64_t id, const char *zAction,
              json_t *pBefore, json_t *pAfter, Err *err);
/* Entities whose records are about a person ("dossier", "trainee"…,
** NULL-ended; set once by the composition root): their audit entries keep
** ids, numbers and field names, never a text value (identities). */
void web_audit_set_personal(const char *const *azEntity);
/* Record an audit entry without a request (command line: user 0, ""). */
int audit_write(Store *db, int64_t idUser, const char *zUserLogin,
                const char *zEntity, int64_t id, const char *zAction,
                json_t *pBefore, json_t *pAfter, Err *err);

/* ---- sessions and routes ----------------------------------------------
** The login page (admin/login.c) checks the password, then opens the
** session here: a new id (renewal at login), the cookie set, the
** previous session of this request dropped. */
int web_session_start(Req *req, int64_t idUser, Err *err);
/* End this request's session and clear the cookie. */
void web_session_end(Req *req);
/* Install the application's route tables (NULL-ended, in match order:
** the first route whose pattern and method match wins).  The composition
** root (app/) calls it before serving, and may swap the list while serving
** (an atomic store: a request sees one list whole); the web layer knows no
** module. */
void web_set_routes(const Route *const *aTables);
/* Hex SHA-256 of n bytes at p into zOut (64 digits and a NUL): tokens
** and files are kept by their hash. */
void web_sha256_hex(const void *p, size_t n, char zOut[65]);
/* The site's public address for links in e-mails ("https://sante.exemple.fr",
** no trailing slash): OASIS_PUBLIC_URL, else http:// and the address the
** server listens on.  Never taken from a request's Host header (a link
** poisoned by a forged Host would reach a requester's mailbox). */
const char *web_public_url(void);
/* The instance's own setting zKey ("editeur", "contact", "dpo"…: the
** settings row "instance.zKey", entered on /admin/instance), or "". */
const char *web_instance_get(Req *req, const char *zKey);
/* Path prefixes ("/observatoire", NULL-ended) whose anonymous GETs may be
** served from the in-memory cache of public pages (web/cache.c); set once
** by the composition root before serving. */
void web_cache_set_prefixes(const char *const *azPrefix);
/* The installed route tables, NULL-ended (an empty list before set). */
const Route *const *web_routes(void);
/* Serve on zListen until SIGINT or SIGTERM, the database at zDb opened
** (and migrated) first.  0 after a clean stop, < 0 with err filled. */
int web_serve(const char *zListen, const char *zDb, Err *err);
/* A short hash of every embedded asset, appended as ?v= to asset URLs so
** a new build is fetched at once.  Never NULL. */
const char *assets_version(void);

#endif
