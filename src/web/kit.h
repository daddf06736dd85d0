/*
** web/kit.h: the page kit every module builds its pages and API with.
**
** One way to do each of the jobs every module's web side repeats:
**   - read a record from a form or a JSON body through one field table, so
**     a page and the API read the same record the same way and report every
**     bad field at once (KitField, kit_read);
**   - answer "not found", "bad input" and "incident" (kit_reply_err,
**     kit_reply_errors), fetch a numeric path id or 404 (kit_arg_id_or_404);
**   - write form controls with one id scheme, the field's own error beside
**     it, and an error summary linking to each field (kit_input…);
**   - breadcrumbs (kit_breadcrumb), the write-plus-audit transaction
**     (kit_write, kit_audit), euros in integer cents (kit_euros), French
**     dates (kit_date_fr).
** Nothing here knows a module: modules pass their tables and callbacks.
*/
#ifndef OASIS_WEB_KIT_H
#define OASIS_WEB_KIT_H
#include <stddef.h>
#include <stdint.h>

#include "base/label.h"
#include "web/web.h"

/* ---- field errors: every error of a form at once ---------------------- */
#define KIT_MAX_ERRORS 32

typedef struct KitError KitError;
struct KitError {
  const char *zField;   /* form field / JSON key ("" for the whole form) */
  const char *zMsg;     /* French, without the field's label */
};

typedef struct KitErrors KitErrors;
struct KitErrors {
  int n;
  KitError a[KIT_MAX_ERRORS];
};

/* Add an error on zField (arena copy of the message).  A field keeps its
** first error only; past KIT_MAX_ERRORS further errors are dropped. */
void kit_error_add(Req *req, KitErrors *e, const char *zField,
                   const char *zMsg);
/* Add the input error held in err (its field, else the column name). */
void kit_error_from(Req *req, KitErrors *e, const Err *err);
/* The error of field zName, or NULL. */
const char *kit_error_of(const KitErrors *e, const char *zName);

/* ---- reading a record through a field table ---------------------------- */
typedef enum KitType {
  KIT_TEXT,      /* const char *: trimmed, "" when absent */
  KIT_LONGTEXT,  /* const char *: trimmed, line breaks kept */
  KIT_INT,       /* int64_t: KIT_UNSET when absent and optional */
  KIT_REAL,      /* double: NAN when absent and optional */
  KIT_CENTS,     /* int64_t: euros typed ("1 250,50"), cents stored; a key
                 ** ending in "_centimes" takes integer cents as such */
  KIT_DATE,      /* const char *: "YYYY-MM-DD" (also read "JJ/MM/AAAA") */
  KIT_BOOL,      /* int: 0/1 (checkbox "1"/"on", JSON true/false) */
  KIT_CHOICE,    /* const char *: one of azChoice ("" when absent) */
  KIT_ID         /* int64_t: a positive id, 0 when absent */
} KitType;

enum {
  KIT_REQUIRED = 1,   /* absent or empty is an error */
  KIT_SIGNED = 2      /* KIT_INT/KIT_CENTS/KIT_REAL may be negative */
};

#define KIT_UNSET INT64_MIN

typedef struct KitField KitField;
struct KitField {
  const char *zName;      /* form field and JSON key */
  const char *zLabel;     /* French label, used in messages */
  KitType type;
  unsigned flags;         /* KIT_REQUIRED, KIT_SIGNED */
  size_t offset;          /* offsetof(Record, member) */
  double min, max;        /* bounds of numbers (both 0: none); max length
                          ** in bytes of texts (0: 2,000; 20,000 long) */
  const char *const *azChoice;  /* KIT_CHOICE: NULL-ended allowed values */
  const char *zOld;       /* former spelling still read (answer marked
                          ** deprecated, see kit_deprecated), or NULL */
};

/*
** Read the fields of aField (ended by a zero zName) into the record at
** pRecord: from the JSON body when the request has one, else from the form
** (or the query string when isQuery).  Every bad field adds an error to e;
** returns the number of errors (0: the record is complete).  Strings live
** in the request arena.
*/
int kit_read(Req *req, const KitField *aField, void *pRecord, KitErrors *e);
int kit_read_query(Req *req, const KitField *aField, void *pRecord,
                   KitErrors *e);

/* Mark the answer as using a deprecated spelling (an old key, parameter or
** path): "Deprecation: true" and a Link to docs/conventions.md.  The
** request is served as usual. */
void kit_deprecated(Req *req);

/* A field's value, trimmed: from the JSON body when the request has one
** (numbers and booleans as text), else the form.  "" when absent. */
const char *kit_value(Req *req, const char *zName);
/* Query-string value trimmed, "" when absent. */
const char *kit_query(Req *req, const char *zName);
/* Integer query value, or dflt when absent or not an integer. */
int64_t kit_query_int(Req *req, const char *zName, int64_t dflt);
/* Positive integer form (or JSON) value zName, or 0. */
int64_t kit_value_id(Req *req, const char *zName);

/* ---- replies ------------------------------------------------------------ */
/* Positive integer path argument zName; else a 404 (page or JSON) is
** queued and 0 returned. */
int64_t kit_arg_id_or_404(Req *req, const char *zName);
/* Answer a failed call: ERR_NOTFOUND 404 "introuvable", ERR_INPUT 400
** "saisie_invalide" naming the field, ERR_DENIED 403 "interdit", anything
** else a 500 incident.  Returns -1. */
int kit_reply_err(Req *req, int rc, const Err *err);
/* 400 "saisie_invalide" for every error of e: the first as the usual
** {"error":{code,message,field}}, all of them in "errors":[{field,message}]
** (a page: the French error page listing them).  Returns -1. */
int kit_reply_errors(Req *req, const KitErrors *e);

/* ---- form controls ------------------------------------------------------
** Every control gets the id "f-NAME" (a second control of the same name in
** the page gets "f-NAME-2"…, but "f-NAME" stays for the control of the form
** whose KitErrors the error box listed, so the box's links land on it), its label, an optional hint, and when e holds
** an error for it: the class field-error, aria-invalid and the message
** beside it.  Values are escaped here. */
/* Summary of every error of e, each linking to its field; nothing when
** e is NULL or empty. */
void kit_error_box(Req *req, const KitErrors *e);
void kit_input(Req *req, const KitErrors *e, const char *zName,
               const char *zLabel, const char *zType, const char *zValue,
               const char *zHint);
/* kit_input with extra attributes zAttrs, a trusted literal such as
** "autocomplete=\"email\" required" or "min=\"2000\" max=\"2100\"". */
void kit_input_ex(Req *req, const KitErrors *e, const char *zName,
                  const char *zLabel, const char *zType, const char *zValue,
                  const char *zHint, const char *zAttrs);
void kit_textarea(Req *req, const KitErrors *e, const char *zName,
                  const char *zLabel, const char *zValue, const char *zHint);
/* <select>: azOpt holds value/label pairs, NULL-ended; zEmpty non-NULL adds
** a first empty option with that label. */
void kit_select(Req *req, const KitErrors *e, const char *zName,
                const char *zLabel, const char *const *azOpt,
                const char *zValue, const char *zEmpty);
void kit_check(Req *req, const char *zName, const char *zLabel, int isOn);
/* A closed list (base/label.h) as kit_select's value/label pairs (arena). */
const char *const *kit_label_options(Req *req, const Label *a);

/* <nav class="breadcrumb">: label/href pairs ended by NULL; the last label
** (its href NULL) is the current page.
**   kit_breadcrumb(req, "Centres", "/centres", zName, NULL, NULL); */
void kit_breadcrumb(Req *req, const char *zLabel, const char *zHref, ...);

/* A table that may be wider than the screen: it scrolls inside its own
** focusable box (a keyboard scrolls it too; CSS shows a shadow where more
** columns hide), named by its caption.  zId: the caption's id, unique in
** the page; zClass: the table's classes or NULL ("table-stack": rows as
** blocks on phones).  Then the <thead>/<tbody> rows, then kit_table_end. */
void kit_table_begin(Req *req, const char *zId, const char *zClass,
                     const char *zCaption);
void kit_table_end(Req *req);

/* ---- writes ------------------------------------------------------------- */
/* Run x(req, pArg, err) in one transaction: committed when it returns 0,
** rolled back otherwise (its rc returned, err filled). */
int kit_write(Req *req, int (*x)(Req *, void *, Err *), void *pArg,
              Err *err);
/* audit_log() that takes over both JSON references (NULL allowed). */
int kit_audit(Req *req, const char *zEntity, int64_t id, const char *zAction,
              json_t *pBefore, json_t *pAfter, Err *err);

/* ---- French formats (request arena) ------------------------------------- */
/* "12 000 €", "7 333,33 €" (base/money.c). */
const char *kit_euros(Req *req, int64_t cents);
/* Cents as typed in an input: "1250,50" ("" for KIT_UNSET). */
const char *kit_euros_input(Req *req, int64_t cents);
/* "2023-11-01" → "01/11/2023"; anything else as given ("" for NULL). */
const char *kit_date_fr(Req *req, const char *zIso);
/* "2026-11-23T09:05:00Z" → "23/11/2026 09:05 UTC" (a bare date: as
** kit_date_fr). */
const char *kit_datetime_fr(Req *req, const char *zIso);
/* "2026-12-03" → "3 décembre 2026" ("1er mars 2026"); anything else as
** given ("" for NULL). */
const char *kit_date_long(Req *req, const char *zIso);
/* "au Creusot", "à Blois", "aux Mureaux" (base/french.h). */
const char *kit_a(Req *req, const char *zPlace);
/* "du Creusot", "de Blois", "d'Autun". */
const char *kit_de(Req *req, const char *zPlace);

#endif
