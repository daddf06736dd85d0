/*
** web/kit.c: the page kit (see kit.h): records read through a field table,
** every error at once, replies, form controls, breadcrumbs, write+audit,
** euros and French dates.
**
** The kit is part of the web layer (it sees struct Req to know whether an
** answer is JSON and which control ids a page has used); it knows no
** module.  Messages are French: they reach users.
*/
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/caldate.h"
#include "base/french.h"
#include "base/money.h"
#include "web/internal.h"
#include "web/kit.h"

/* ---- field errors ------------------------------------------------------- */

void kit_error_add(Req *req, KitErrors *e, const char *zField,
                   const char *zMsg)
{
  if (!e || e->n >= KIT_MAX_ERRORS) return;
  if (!zField) zField = "";
  if (zField[0] && kit_error_of(e, zField)) return;
  e->a[e->n].zField = arena_strdup(req_arena(req), zField);
  e->a[e->n].zMsg = arena_strdup(req_arena(req), zMsg ? zMsg : "");
  e->n++;
}

void kit_error_from(Req *req, KitErrors *e, const Err *err)
{
  char zBuf[1024];
  if (!err || !err->code) return;
  const char *zField = err->zField[0] ? err->zField
                       : err->zColName[0] ? err->zColName : "";
  kit_error_add(req, e, zField, err_text(err, zBuf, sizeof zBuf));
}

const char *kit_error_of(const KitErrors *e, const char *zName)
{
  if (!e || !zName) return NULL;
  for (int i = 0; i < e->n; i++) {
    if (strcmp(e->a[i].zField, zName) == 0) return e->a[i].zMsg;
  }
  return NULL;
}

/* ---- values ------------------------------------------------------------- */

/* z without surrounding ASCII blanks, in the arena ("" for NULL). */
static const char *kit_trim(Req *req, const char *z)
{
  if (!z) return "";
  while (*z && isspace((unsigned char)*z)) z++;
  size_t n = strlen(z);
  while (n > 0 && isspace((unsigned char)z[n - 1])) n--;
  return arena_strndup(req_arena(req), z, n);
}

/* The JSON body's value of zName as text, or NULL when absent or null. */
static const char *kit_json_text(Req *req, json_t *pBody, const char *zName)
{
  json_t *v = json_object_get(pBody, zName);
  if (!v || json_is_null(v)) return NULL;
  if (json_is_string(v)) return json_string_value(v);
  if (json_is_true(v)) return "1";
  if (json_is_false(v)) return "0";
  if (json_is_integer(v)) {
    return arena_printf(req_arena(req), "%lld",
                        (long long)json_integer_value(v));
  }
  if (json_is_real(v)) {
    return arena_printf(req_arena(req), "%.17g", json_real_value(v));
  }
  return "\x01";     /* an object or array: never a valid scalar */
}

/* The raw value of zName: JSON body, else form (or query); NULL if absent. */
static const char *kit_raw(Req *req, const char *zName, int isQuery)
{
  if (isQuery) return req_query(req, zName);
  json_t *pBody = req_json(req);
  if (json_is_object(pBody)) return kit_json_text(req, pBody, zName);
  return req_form(req, zName);
}

void kit_deprecated(Req *req)
{
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    if (strcasecmp(h->zName, "Deprecation") == 0) return;   /* once */
  }
  reply_header(req, "Deprecation", "true");
  reply_header(req, "Link", "</docs/conventions.md>; rel=\"deprecation\"");
}

const char *kit_value(Req *req, const char *zName)
{
  return kit_trim(req, kit_raw(req, zName, 0));
}

const char *kit_query(Req *req, const char *zName)
{
  return kit_trim(req, req_query(req, zName));
}

int64_t kit_query_int(Req *req, const char *zName, int64_t dflt)
{
  long v;
  const char *z = req_query(req, zName);
  if (!z || str_to_long(z, &v)) return dflt;
  return v;
}

int64_t kit_value_id(Req *req, const char *zName)
{
  long v;
  if (str_to_long(kit_value(req, zName), &v) || v <= 0) return 0;
  return v;
}

/* ---- reading a record --------------------------------------------------- */

/* "JJ/MM/AAAA" → "AAAA-MM-JJ" in zOut[11]; 0, or -1 when z is not that. */
static int kit_date_from_fr(const char *z, char *zOut)
{
  unsigned d, m, y;
  int n = 0;
  if (sscanf(z, "%2u/%2u/%4u%n", &d, &m, &y, &n) != 3 || z[n]) return -1;
  snprintf(zOut, 11, "%04u-%02u-%02u", y % 10000u, m % 100u, d % 100u);
  return 0;
}

/* True when z holds a control character (line breaks allowed if isLong). */
static int kit_has_control(const char *z, int isLong)
{
  for (; *z; z++) {
    unsigned char c = (unsigned char)*z;
    if (c == 0x7f || (c < 0x20 && !(isLong && (c == '\n' || c == '\r' ||
                                                c == '\t')))) {
      return 1;
    }
  }
  return 0;
}

static int kit_in_bounds(const KitField *f, double x)
{
  if (f->min == 0 && f->max == 0) return 1;
  return x >= f->min && x <= f->max;
}

/* Read one field into its member; adds an error to e when refused. */
static void kit_read_field(Req *req, const KitField *f, char *pRec,
                           KitErrors *e, int isQuery)
{
  const char *zRaw = kit_raw(req, f->zName, isQuery);
  if (!zRaw && f->zOld && (zRaw = kit_raw(req, f->zOld, isQuery)) != NULL) {
    kit_deprecated(req);
  }
  const char *z = kit_trim(req, zRaw);
  void *p = pRec + f->offset;
  int isEmpty = z[0] == 0;
  const char *zLabel = f->zLabel ? f->zLabel : f->zName;
  Arena *a = req_arena(req);
#define KIT_REFUSE(...)                                                   \
  do {                                                                    \
    kit_error_add(req, e, f->zName,                                       \
                  arena_printf(a, "%s : %s", zLabel,                      \
                               arena_printf(a, __VA_ARGS__)));            \
    return;                                                               \
  } while (0)

  /* Every member gets a value, refused or not: texts keep what was typed
  ** (a refused form shows it again), numbers start unset. */
  switch (f->type) {
    case KIT_TEXT: case KIT_LONGTEXT: case KIT_CHOICE: case KIT_DATE:
      *(const char **)p = z;
      break;
    case KIT_BOOL:
      *(int *)p = 0;
      break;
    case KIT_ID:
      *(int64_t *)p = 0;
      break;
    case KIT_INT: case KIT_CENTS:
      *(int64_t *)p = KIT_UNSET;
      break;
    case KIT_REAL:
      *(double *)p = NAN;
      break;
  }
  if (isEmpty && (f->flags & KIT_REQUIRED) && f->type != KIT_BOOL) {
    KIT_REFUSE("champ obligatoire");
  }
  switch (f->type) {
    case KIT_TEXT:
    case KIT_LONGTEXT: {
      size_t nMax = f->max > 0 ? (size_t)f->max
                    : f->type == KIT_TEXT ? 2000 : 20000;
      if (kit_has_control(z, f->type == KIT_LONGTEXT)) {
        KIT_REFUSE("caractère de contrôle refusé");
      }
      if (strlen(z) > nMax) KIT_REFUSE("%zu caractères au plus", nMax);
      return;
    }
    case KIT_CHOICE: {
      if (isEmpty) return;
      for (const char *const *c = f->azChoice; c && *c; c++) {
        if (strcmp(*c, z) == 0) return;
      }
      KIT_REFUSE("valeur inconnue « %s »", z);
    }
    case KIT_DATE: {
      char zIso[11];
      int iDay;
      if (isEmpty) return;
      if (kit_date_from_fr(z, zIso) == 0) z = arena_strdup(a, zIso);
      if (caldate_parse(z, &iDay)) {
        KIT_REFUSE("date invalide « %s » (attendu : JJ/MM/AAAA)", z);
      }
      *(const char **)p = z;
      return;
    }
    case KIT_BOOL:
      *(int *)p = !isEmpty && strcmp(z, "0") != 0 && strcmp(z, "non") != 0 &&
                  strcmp(z, "false") != 0;
      return;
    case KIT_ID:
    case KIT_INT: {
      long v;
      if (isEmpty) return;
      if (str_to_long(z, &v)) KIT_REFUSE("nombre entier attendu");
      if (f->type == KIT_ID && v <= 0) KIT_REFUSE("identifiant invalide");
      if (v < 0 && !(f->flags & KIT_SIGNED)) KIT_REFUSE("nombre négatif refusé");
      if (!kit_in_bounds(f, (double)v)) {
        KIT_REFUSE("entre %.0f et %.0f", f->min, f->max);
      }
      *(int64_t *)p = v;
      return;
    }
    case KIT_REAL: {
      double v;
      char zNum[64];
      if (isEmpty) return;
      snprintf(zNum, sizeof zNum, "%s", z);
      for (char *c = zNum; *c; c++) {
        if (*c == ',') *c = '.';            /* French decimal comma */
      }
      if (str_to_double(zNum, &v) || !isfinite(v)) KIT_REFUSE("nombre attendu");
      if (v < 0 && !(f->flags & KIT_SIGNED)) KIT_REFUSE("nombre négatif refusé");
      if (!kit_in_bounds(f, v)) KIT_REFUSE("entre %g et %g", f->min, f->max);
      *(double *)p = v;
      return;
    }
    case KIT_CENTS: {
      int64_t c;
      const char *zWhy = NULL;
      size_t nName = strlen(f->zName);
      if (isEmpty) return;
      /* A key ending in "_centimes" (or the former "_cents") carries
      ** integer cents as such (docs/conventions.md). */
      if ((nName > 9 && strcmp(f->zName + nName - 9, "_centimes") == 0) ||
          (nName > 6 && strcmp(f->zName + nName - 6, "_cents") == 0)) {
        long v;
        if (str_to_long(z, &v)) KIT_REFUSE("nombre entier de centimes attendu");
        c = v;
        if (c < 0 && !(f->flags & KIT_SIGNED)) KIT_REFUSE("montant négatif refusé");
      } else if (money_parse(z, (f->flags & KIT_SIGNED) != 0, &c, &zWhy)) {
        KIT_REFUSE("%s", zWhy);
      }
      if (!kit_in_bounds(f, (double)c / 100.0)) {
        KIT_REFUSE("entre %.0f € et %.0f €", f->min, f->max);
      }
      *(int64_t *)p = c;
      return;
    }
  }
#undef KIT_REFUSE
}

static int kit_read_from(Req *req, const KitField *aField, void *pRecord,
                         KitErrors *e, int isQuery)
{
  int n0 = e->n;
  json_t *pBody = isQuery ? NULL : req_json(req);
  if (!isQuery && req->isApi && pBody && !json_is_object(pBody)) {
    kit_error_add(req, e, "", "Le corps de la requête doit être un objet JSON.");
    return e->n - n0;
  }
  for (const KitField *f = aField; f->zName; f++) {
    kit_read_field(req, f, pRecord, e, isQuery);
  }
  return e->n - n0;
}

int kit_read(Req *req, const KitField *aField, void *pRecord, KitErrors *e)
{
  return kit_read_from(req, aField, pRecord, e, 0);
}

int kit_read_query(Req *req, const KitField *aField, void *pRecord,
                   KitErrors *e)
{
  return kit_read_from(req, aField, pRecord, e, 1);
}

/* ---- replies ------------------------------------------------------------ */

int64_t kit_arg_id_or_404(Req *req, const char *zName)
{
  long v;
  const char *z = req_arg(req, zName);
  if (!z || str_to_long(z, &v) || v <= 0) {
    reply_error(req, 404, "introuvable", "Élément introuvable.", NULL);
    return 0;
  }
  return v;
}

int kit_reply_err(Req *req, int rc, const Err *err)
{
  char zBuf[1024];
  if (rc == ERR_NOTFOUND) {
    return reply_error(req, 404, "introuvable",
                       err->zMsg[0] ? err->zMsg : "Élément introuvable.",
                       err->zField[0] ? err->zField : NULL);
  }
  if (rc == ERR_INPUT) {
    const char *zField = err->zField[0] ? err->zField
                         : err->zColName[0] ? err->zColName : NULL;
    return reply_error(req, 400, "saisie_invalide",
                       arena_strdup(req_arena(req),
                                    err_text(err, zBuf, sizeof zBuf)),
                       zField);
  }
  if (rc == ERR_DENIED) {
    return reply_error(req, 403, "interdit",
                       err->zMsg[0] ? err->zMsg : "Action non autorisée.",
                       NULL);
  }
  return reply_incident(req, err);
}

int kit_reply_errors(Req *req, const KitErrors *e)
{
  if (!e || e->n == 0) {
    return reply_error(req, 400, "saisie_invalide", "Donnée invalide.", NULL);
  }
  if (!req->isApi) {
    Str s = STR_INIT;
    for (int i = 0; i < e->n; i++) {
      if (i) str_appendz(&s, " ; ");
      str_appendz(&s, e->a[i].zMsg);
    }
    const char *zMsg = arena_strdup(req_arena(req), str_text(&s));
    str_free(&s);
    return reply_error(req, 400, "saisie_invalide", zMsg,
                       e->a[0].zField[0] ? e->a[0].zField : NULL);
  }
  json_t *aAll = json_array();
  for (int i = 0; i < e->n; i++) {
    json_t *o = json_pack("{s:s}", "message", e->a[i].zMsg);
    json_object_set_new(o, "field", e->a[i].zField[0]
                                        ? json_string(e->a[i].zField)
                                        : json_null());
    json_array_append_new(aAll, o);
  }
  json_t *pErr = json_pack("{s:s, s:s}", "code", "saisie_invalide", "message",
                           e->a[0].zMsg);
  json_object_set_new(pErr, "field", e->a[0].zField[0]
                                         ? json_string(e->a[0].zField)
                                         : json_null());
  json_object_set_new(pErr, "errors", aAll);
  reply_json(req, 400, json_pack("{s:o}", "error", pErr));
  return -1;
}

/* ---- form controls ------------------------------------------------------ */

/*
** Control ids handed out in this request: the first control of a name gets
** "f-NAME", the next ones "f-NAME-2", "-3"…  Except that the error box
** links its errors to "f-NAME": those names are reserved for the controls
** shown with that same KitErrors (the form that was refused), whichever
** comes first in the page.
*/
typedef struct KitId KitId;
struct KitId {
  const char *zName;
  int n;                   /* ids handed out under this name */
  const KitErrors *pBox;   /* "f-NAME" reserved for this form's control */
  int isTaken;             /* "f-NAME" itself handed out */
  KitId *pNext;
};

static KitId *kit_id_entry(Req *req, const char *zName)
{
  KitId *p;
  for (p = req->pKitIds; p; p = p->pNext) {
    if (strcmp(p->zName, zName) == 0) return p;
  }
  p = arena_alloc(req_arena(req), sizeof *p);
  memset(p, 0, sizeof *p);
  p->zName = arena_strdup(req_arena(req), zName);
  p->pNext = req->pKitIds;
  req->pKitIds = p;
  return p;
}

static const char *kit_id(Req *req, const char *zName, const KitErrors *e)
{
  KitId *p = kit_id_entry(req, zName);
  p->n++;
  int isOwner = p->pBox ? p->pBox == e : 1;
  if (!p->isTaken && isOwner) {
    p->isTaken = 1;
    return html_mprintf(req, "f-%h", zName);
  }
  return html_mprintf(req, "f-%h-%d", zName, p->n + (p->isTaken ? 0 : 1));
}

void kit_error_box(Req *req, const KitErrors *e)
{
  if (!e || e->n == 0) return;
  for (int i = 0; i < e->n; i++) {
    if (e->a[i].zField[0]) kit_id_entry(req, e->a[i].zField)->pBox = e;
  }
  html_printf(req, "<div class=\"alert alert-error\" role=\"alert\" "
                   "id=\"erreurs\" tabindex=\"-1\">"
                   "<p class=\"alert-title\">%s</p><ul>",
              e->n == 1 ? "Enregistrement refusé : une erreur" /*trusted*/
                        : "Enregistrement refusé : plusieurs erreurs"
                          /*trusted*/);
  for (int i = 0; i < e->n; i++) {
    if (e->a[i].zField[0]) {
      html_printf(req, "<li><a href=\"#f-%h\">%h</a></li>", e->a[i].zField,
                  e->a[i].zMsg);
    } else {
      html_printf(req, "<li>%h</li>", e->a[i].zMsg);
    }
  }
  html_printf(req, "</ul></div>\n");
}

/* The opening of a field: wrapper, label, hint; returns the control id and
** the error message (or NULL) through *pzErr. */
static const char *kit_field_open(Req *req, const KitErrors *e,
                                  const char *zName, const char *zLabel,
                                  const char *zHint, const char **pzErr)
{
  const char *zId = kit_id(req, zName, e);
  const char *zErr = kit_error_of(e, zName);
  html_printf(req, "<div class=\"field%s\"><label for=\"%h\">%h",
              zErr ? " field-error" : "" /*trusted*/, zId, zLabel);
  if (zHint && zHint[0]) {
    html_printf(req, " <span class=\"hint\">%h</span>", zHint);
  }
  html_printf(req, "</label>");
  if (zErr) {
    html_printf(req, "<p class=\"field-msg\" id=\"%h-err\">%h</p>", zId,
                zErr);
  }
  *pzErr = zErr;
  return zId;
}

/* aria attributes of a control whose field has an error. */
static const char *kit_aria(Req *req, const char *zId, const char *zErr)
{
  if (!zErr) return "";
  return html_mprintf(req, " aria-invalid=\"true\" aria-describedby=\"%h-err\"",
                      zId);
}

void kit_input(Req *req, const KitErrors *e, const char *zName,
               const char *zLabel, const char *zType, const char *zValue,
               const char *zHint)
{
  kit_input_ex(req, e, zName, zLabel, zType, zValue, zHint, NULL);
}

void kit_input_ex(Req *req, const KitErrors *e, const char *zName,
                  const char *zLabel, const char *zType, const char *zValue,
                  const char *zHint, const char *zAttrs)
{
  const char *zErr;
  const char *zId = kit_field_open(req, e, zName, zLabel, zHint, &zErr);
  int hasStep = zAttrs && strstr(zAttrs, "step=");
  html_printf(req, "<input type=\"%h\" id=\"%h\" name=\"%h\" value=\"%h\""
                   "%s%s%s%s></div>\n",
              zType, zId, zName, zValue ? zValue : "",
              !strcmp(zType, "number") && !hasStep ? " step=\"any\""
                                                   : "" /*trusted*/,
              zAttrs ? " " : "" /*trusted*/,
              zAttrs ? zAttrs : "" /*trusted*/,
              kit_aria(req, zId, zErr) /*trusted*/);
}

void kit_textarea(Req *req, const KitErrors *e, const char *zName,
                  const char *zLabel, const char *zValue, const char *zHint)
{
  const char *zErr;
  const char *zId = kit_field_open(req, e, zName, zLabel, zHint, &zErr);
  html_printf(req, "<textarea id=\"%h\" name=\"%h\" rows=\"4\"%s>%h"
                   "</textarea></div>\n",
              zId, zName, kit_aria(req, zId, zErr) /*trusted*/,
              zValue ? zValue : "");
}

void kit_select(Req *req, const KitErrors *e, const char *zName,
                const char *zLabel, const char *const *azOpt,
                const char *zValue, const char *zEmpty)
{
  const char *zErr;
  const char *zId = kit_field_open(req, e, zName, zLabel, NULL, &zErr);
  html_printf(req, "<select id=\"%h\" name=\"%h\"%s>", zId, zName,
              kit_aria(req, zId, zErr) /*trusted*/);
  if (zEmpty) html_printf(req, "<option value=\"\">%h</option>", zEmpty);
  for (int i = 0; azOpt && azOpt[i] && azOpt[i + 1]; i += 2) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>", azOpt[i],
                zValue && !strcmp(zValue, azOpt[i]) ? " selected" /*trusted*/
                                                    : "" /*trusted*/,
                azOpt[i + 1]);
  }
  html_printf(req, "</select></div>\n");
}

void kit_check(Req *req, const char *zName, const char *zLabel, int isOn)
{
  const char *zId = kit_id(req, zName, NULL);
  html_printf(req, "<div class=\"check\"><input type=\"checkbox\" "
                   "id=\"%h\" name=\"%h\" value=\"1\"%s>"
                   "<label for=\"%h\">%h</label></div>\n",
              zId, zName, isOn ? " checked" : "" /*trusted*/, zId, zLabel);
}

const char *const *kit_label_options(Req *req, const Label *a)
{
  int n = 0;
  while (a[n].zCode) n++;
  const char **az = arena_alloc(req_arena(req), (size_t)(2 * n + 1) *
                                                    sizeof *az);
  for (int i = 0; i < n; i++) {
    az[2 * i] = a[i].zCode;
    az[2 * i + 1] = a[i].zLabel;
  }
  az[2 * n] = NULL;
  return az;
}

void kit_breadcrumb(Req *req, const char *zLabel, const char *zHref, ...)
{
  va_list ap;
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol>");
  va_start(ap, zHref);
  while (zLabel) {
    if (zHref) {
      html_printf(req, "<li><a href=\"%h\">%h</a></li>", zHref, zLabel);
    } else {
      html_printf(req, "<li aria-current=\"page\">%h</li>", zLabel);
    }
    zLabel = va_arg(ap, const char *);
    if (zLabel) zHref = va_arg(ap, const char *);
  }
  va_end(ap);
  html_printf(req, "</ol></nav>\n");
}

void kit_table_begin(Req *req, const char *zId, const char *zClass,
                     const char *zCaption)
{
  html_printf(req,
      "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"%h\">\n<table class=\"%h\">\n"
      "<caption id=\"%h\">%h</caption>\n", zId, zClass ? zClass : "", zId,
      zCaption);
}

void kit_table_end(Req *req)
{
  html_printf(req, "</table>\n</div>\n");
}

/* ---- writes ------------------------------------------------------------- */

int kit_write(Req *req, int (*x)(Req *, void *, Err *), void *pArg,
              Err *err)
{
  Store *db = req_db(req);
  if (!db) return err_set(err, ERR_DB, "base de données indisponible");
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = x(req, pArg, err);
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

int kit_audit(Req *req, const char *zEntity, int64_t id, const char *zAction,
              json_t *pBefore, json_t *pAfter, Err *err)
{
  int rc = audit_log(req, zEntity, id, zAction, pBefore, pAfter, err);
  json_decref(pBefore);
  json_decref(pAfter);
  return rc;
}

/* ---- French formats ----------------------------------------------------- */

const char *kit_euros(Req *req, int64_t cents)
{
  char z[64];
  if (cents == KIT_UNSET) return "—";
  return arena_strdup(req_arena(req), money_format(cents, z, sizeof z));
}

const char *kit_euros_input(Req *req, int64_t cents)
{
  if (cents == KIT_UNSET) return "";
  int64_t u = cents < 0 ? -cents : cents;
  if (u % 100 == 0) {
    return arena_printf(req_arena(req), "%s%lld", cents < 0 ? "-" : "",
                        (long long)(u / 100));
  }
  return arena_printf(req_arena(req), "%s%lld,%02d", cents < 0 ? "-" : "",
                      (long long)(u / 100), (int)(u % 100));
}

/* The French forms of base/french.h, written into the request arena. */
typedef enum KitFr { KIT_FR_DATE, KIT_FR_DATETIME, KIT_FR_DATE_LONG,
                     KIT_FR_A, KIT_FR_DE } KitFr;

static const char *kit_french(Req *req, const char *z, KitFr kind)
{
  size_t n = (z ? strlen(z) : 0) + 24;   /* the longest growth: a month */
  char *zOut = arena_alloc(req_arena(req), n);
  switch (kind) {
    case KIT_FR_DATE: return fr_date(z, 0, zOut, n);
    case KIT_FR_DATETIME: return fr_datetime(z, zOut, n);
    case KIT_FR_DATE_LONG: return fr_date(z, 1, zOut, n);
    case KIT_FR_A: return fr_a(z, zOut, n);
    case KIT_FR_DE: return fr_de(z, zOut, n);
  }
  return "";
}

const char *kit_date_fr(Req *req, const char *zIso)
{
  return kit_french(req, zIso, KIT_FR_DATE);
}

const char *kit_datetime_fr(Req *req, const char *zIso)
{
  return kit_french(req, zIso, KIT_FR_DATETIME);
}

const char *kit_date_long(Req *req, const char *zIso)
{
  return kit_french(req, zIso, KIT_FR_DATE_LONG);
}

const char *kit_a(Req *req, const char *zPlace)
{
  return kit_french(req, zPlace, KIT_FR_A);
}

const char *kit_de(Req *req, const char *zPlace)
{
  return kit_french(req, zPlace, KIT_FR_DE);
}
