/*
** tests/fuzz/fuzz_record.c: libFuzzer target for reading a record from a
** JSON body through a field table (web/kit.c kit_read), the path every
** API write takes.  Every field type is in the table.
** Invariants beyond "no crash": a record read without error holds values
** inside the table's bounds; texts are valid UTF-8 without control
** characters; an error names a field of the table (or the whole body).
*/
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "web/internal.h"
#include "web/kit.h"

typedef struct Rec Rec;
struct Rec {
  const char *zName, *zNote, *zDate, *zKind;
  int64_t n, cents, id;
  double x;
  int isOn;
};

static const char *const azKind[] = {"a", "b", NULL};

static const KitField aRec[] = {
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(Rec, zName), 0, 40, 0, "name"},
  {"note", "Note", KIT_LONGTEXT, 0, offsetof(Rec, zNote), 0, 0, 0, 0},
  {"date", "Date", KIT_DATE, 0, offsetof(Rec, zDate), 0, 0, 0, 0},
  {"type", "Type", KIT_CHOICE, 0, offsetof(Rec, zKind), 0, 0, azKind, 0},
  {"n", "N", KIT_INT, 0, offsetof(Rec, n), 1, 100, 0, 0},
  {"montant", "Montant", KIT_CENTS, 0, offsetof(Rec, cents), 0, 1e6, 0, 0},
  {"id", "Id", KIT_ID, 0, offsetof(Rec, id), 0, 0, 0, 0},
  {"x", "X", KIT_REAL, KIT_SIGNED, offsetof(Rec, x), -1, 1, 0, 0},
  {"actif", "Actif", KIT_BOOL, 0, offsetof(Rec, isOn), 0, 0, 0, 0},
  {0}
};

static void check_text(const char *z, int isLong)
{
  assert(z);
  assert(utf8_valid(z, strlen(z)));
  for (const unsigned char *c = (const unsigned char *)z; *c; c++) {
    assert(*c >= 0x20 || (isLong && (*c == '\n' || *c == '\r' || *c == '\t')));
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  json_t *p = json_loadb((const char *)a, n, JSON_REJECT_DUPLICATES, NULL);
  if (!p) return 0;
  Req *req = req_new(NULL, "POST", "/api/v1/essai");
  req->hasAuth = true;
  req->isApi = true;
  req->pJson = p;                       /* owned by req from here */
  Rec r;
  KitErrors e = {0};
  int nErr = kit_read(req, aRec, &r, &e);
  assert(nErr == e.n);
  for (int i = 0; i < e.n; i++) {
    int isKnown = e.a[i].zField[0] == 0;
    for (const KitField *f = aRec; f->zName && !isKnown; f++) {
      isKnown = strcmp(f->zName, e.a[i].zField) == 0;
    }
    assert(isKnown);
  }
  if (nErr == 0) {
    check_text(r.zName, 0);
    assert(r.zName[0] && strlen(r.zName) <= 40);
    check_text(r.zNote, 1);
    assert(!r.zDate[0] || strlen(r.zDate) == 10);
    assert(!r.zKind[0] || !strcmp(r.zKind, "a") || !strcmp(r.zKind, "b"));
    assert(r.n == KIT_UNSET || (r.n >= 1 && r.n <= 100));
    assert(r.cents == KIT_UNSET || (r.cents >= 0 && r.cents <= 100000000));
    assert(r.id >= 0);
    assert(isnan(r.x) || (r.x >= -1 && r.x <= 1));
    assert(r.isOn == 0 || r.isOn == 1);
  }
  req_free(req);
  return 0;
}
