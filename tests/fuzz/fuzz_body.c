/*
** tests/fuzz/fuzz_body.c: libFuzzer target for a request body as the
** router reads it (web/route.c web_parse_body): the input's first byte
** picks the Content-Type (JSON, urlencoded or multipart), the rest is the
** body.  A JSON body then goes where every API write takes it: a field
** table read whole (kit_read) and as an update of the members it names
** (kit_read_update), and back out as a data island inside a page
** (kit_json_island), where a value may be text a visitor typed.
** Invariants beyond "no crash":
**   - a JSON body is accepted exactly when Jansson parses it with duplicate
**     keys refused; a refused body is answered 400 "json_invalide";
**   - the record read holds only values inside the table's bounds, and
**     every error names a field of the table (or the whole body);
**   - an island holds no '<' between its tags: nothing in a value can
**     close the <script> element or open a comment.
*/
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "web/internal.h"
#include "web/kit.h"
#include "web/kit_json.h"
#include "web/kit_record.h"

typedef struct Rec Rec;
struct Rec {
  const char *zName, *zDate;
  int64_t n, cents;
  int isOn;
};

static const KitField aRec[] = {
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(Rec, zName), 0, 40, 0, 0},
  {"date", "Date", KIT_DATE, 0, offsetof(Rec, zDate), 0, 0, 0, 0},
  {"n", "N", KIT_INT, 0, offsetof(Rec, n), 1, 100, 0, 0},
  {"montant", "Montant", KIT_CENTS, 0, offsetof(Rec, cents), 0, 1e6, 0, 0},
  {"actif", "Actif", KIT_BOOL, 0, offsetof(Rec, isOn), 0, 0, 0, 0},
  {0}
};

static const char *const azType[] = {
  "application/json", "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=XyZ",
};

static void check_errors(const KitErrors *e)
{
  for (int i = 0; i < e->n; i++) {
    int isKnown = e->a[i].zField[0] == 0;
    for (const KitField *f = aRec; f->zName && !isKnown; f++) {
      isKnown = strcmp(f->zName, e->a[i].zField) == 0;
    }
    assert(isKnown);
  }
}

static void check_record(const Rec *r)
{
  assert(r->zName && r->zName[0] && strlen(r->zName) <= 40);
  assert(!r->zDate || !r->zDate[0] || strlen(r->zDate) == 10);
  assert(r->n == KIT_UNSET || (r->n >= 1 && r->n <= 100));
  assert(r->cents == KIT_UNSET || (r->cents >= 0 && r->cents <= 100000000));
  assert(r->isOn == 0 || r->isOn == 1);
}

/* The island's text between its opening and closing tags has no '<'. */
static void check_island(Req *req, json_t *p)
{
  size_t nBefore = req->out.n;
  kit_json_island(req, "application/ld+json", NULL, json_incref(p));
  const char *z = str_text(&req->out) + nBefore;
  const char *zOpen = strchr(z, '>');
  const char *zClose = strstr(z, "</script>");
  assert(zOpen && zClose && zOpen < zClose);
  assert(memchr(zOpen + 1, '<', (size_t)(zClose - zOpen - 1)) == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  if (n == 0) return 0;
  const char *zType = azType[a[0] % 3];
  Req *req = req_new(NULL, "POST", "/api/v1/essai");
  req->hasAuth = true;
  req->isApi = true;
  str_append(&req->body, (const char *)a + 1, n - 1);
  int rc = web_parse_body(req, zType);
  if (a[0] % 3 == 0 && n > 1) {
    json_t *pRef = json_loadb((const char *)a + 1, n - 1,
                              JSON_REJECT_DUPLICATES, NULL);
    assert((rc == 0) == (pRef != NULL));
    assert((req->pJson != NULL) == (pRef != NULL));
    assert(rc == 0 || req->status == 400);
    json_decref(pRef);
  }
  if (rc == 0 && req->pJson) {
    Rec r;
    KitErrors e = {0};
    int nErr = kit_read(req, aRec, &r, &e);
    assert(nErr == e.n);
    check_errors(&e);
    if (nErr == 0) check_record(&r);

    Rec u = {.zName = "Valeur d'avant", .n = 5, .cents = 100};
    KitErrors eu = {0};
    int nErrU = kit_read_update(req, aRec, &u, sizeof u, &eu);
    assert(nErrU == eu.n);
    check_errors(&eu);
    if (nErrU == 0) check_record(&u);

    check_island(req, req->pJson);
  }
  req_free(req);
  return 0;
}
