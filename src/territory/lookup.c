/*
** territory/lookup.c: read-only queries on the territory tables for the
** observatory pages (see lookup.h): a place by code, its children, the
** EPCIs of a département, and the commune search.
**
** SQL lives here and only here; nothing is written.  The search folds
** names in C (accents, case, hyphens) rather than in SQL: SQLite's LIKE
** only folds ASCII, and "saint etienne" must find "Saint-Étienne".
*/
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/str.h"
#include "territory/lookup.h"

/* Latin-1 supplement letters U+00C0..U+00FF without their accent, lower
** case; 0 for the two signs (× ÷) that are not letters. */
static const char azLatin1[64][3] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
    "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "",
    "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a",
    "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u",
    "u", "y", "th", "y"};

const char *lookup_level_label(LkLevel level)
{
  switch (level) {
    case LK_FRANCE: return "France";
    case LK_REGION: return "région";
    case LK_DEPARTEMENT: return "département";
    case LK_EPCI: return "EPCI";
    case LK_COMMUNE: return "commune";
  }
  return "";
}

/*
** Fold zIn for matching: lower case ASCII, Latin-1 accents and the
** ligatures œ/æ spelled out, and every run of separators (space, hyphen,
** apostrophes ' and ’, dot) made one space, without leading or trailing
** space.  Other bytes are copied as they are.
*/
char *lookup_fold(Arena *a, const char *zIn)
{
  size_t n = strlen(zIn);
  char *zOut = arena_alloc(a, 2 * n + 1);   /* "æ" (2 bytes) → "ae" */
  size_t j = 0;
  int isSep = 1;                            /* drop leading separators */
  const unsigned char *z = (const unsigned char *)zIn;
  for (size_t i = 0; i < n;) {
    unsigned c = z[i];
    const char *zRep = NULL;
    char zOne[2] = {0, 0};
    size_t nUsed = 1;
    if (c == ' ' || c == '-' || c == '\'' || c == '.' || c == '\t') {
      zRep = " ";
    } else if (c == 0xE2 && i + 2 < n && z[i + 1] == 0x80 &&
               (z[i + 2] == 0x99 || z[i + 2] == 0x93)) {
      zRep = " ";                           /* ’ or – */
      nUsed = 3;
    } else if (c == 0xC3 && i + 1 < n && z[i + 1] >= 0x80 &&
               z[i + 1] <= 0xBF) {
      zRep = azLatin1[z[i + 1] - 0x80];
      nUsed = 2;
    } else if (c == 0xC5 && i + 1 < n &&
               (z[i + 1] == 0x92 || z[i + 1] == 0x93)) {
      zRep = "oe";
      nUsed = 2;
    } else if (c == 0xC5 && i + 1 < n && z[i + 1] == 0xB8) {
      zRep = "y";                           /* Ÿ */
      nUsed = 2;
    } else {
      zOne[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      zRep = zOne;
    }
    i += nUsed;
    if (zRep[0] == ' ') {
      if (!isSep) zOut[j++] = ' ';
      isSep = 1;
      continue;
    }
    for (; *zRep; zRep++) zOut[j++] = *zRep;
    isSep = 0;
  }
  if (j > 0 && zOut[j - 1] == ' ') j--;
  zOut[j] = 0;
  return zOut;
}

/* A copy of column i of q in a ("" for NULL). */
static const char *lk_text(Arena *a, Stmt *q, int i)
{
  return arena_strdup(a, store_col_text(q, i));
}

static double lk_real(Stmt *q, int i)
{
  return store_col_is_null(q, i) ? NAN : store_col_double(q, i);
}

static int64_t lk_int_or_unknown(Stmt *q, int i)
{
  return store_col_is_null(q, i) ? -1 : store_col_int(q, i);
}

/* A place with every string "" and figures unknown. */
static void lk_blank(LkPlace *p, LkLevel level)
{
  memset(p, 0, sizeof *p);
  p->level = level;
  p->zCode = p->zName = p->zType = p->zParent = "";
  p->zDep = p->zReg = p->zEpci = p->zPostal = "";
  p->lat = p->lon = p->areaKm2 = NAN;
  p->population = -1;
}

/* The SELECT list every commune query shares (columns 0..11). */
#define LK_COMMUNE_COLS                                                     \
  "c.code, c.name, c.type, c.parent, c.dep, c.reg, c.epci, "               \
  "c.postal_codes, c.lat, c.lon, c.area_km2, c.population"

static void lk_commune_row(Arena *a, Stmt *q, LkPlace *p)
{
  lk_blank(p, LK_COMMUNE);
  p->zCode = lk_text(a, q, 0);
  p->zName = lk_text(a, q, 1);
  p->zType = lk_text(a, q, 2);
  p->zParent = lk_text(a, q, 3);
  p->zDep = lk_text(a, q, 4);
  p->zReg = lk_text(a, q, 5);
  p->zEpci = lk_text(a, q, 6);
  p->zPostal = lk_text(a, q, 7);
  p->lat = lk_real(q, 8);
  p->lon = lk_real(q, 9);
  p->areaKm2 = lk_real(q, 10);
  p->population = lk_int_or_unknown(q, 11);
}

/* Growable array of places in an arena (old blocks stay in the arena
** until it is freed: fine for request-sized lists). */
typedef struct LkList LkList;
struct LkList {
  LkPlace *a;
  int n, nCap;
};

static LkPlace *lk_push(Arena *a, LkList *l)
{
  if (l->n == l->nCap) {
    int nNew = l->nCap ? 2 * l->nCap : 32;
    LkPlace *aNew = arena_alloc(a, (size_t)nNew * sizeof *aNew);
    if (l->n) memcpy(aNew, l->a, (size_t)l->n * sizeof *aNew);
    l->a = aNew;
    l->nCap = nNew;
  }
  return &l->a[l->n++];
}

/* Run q, which selects LK_COMMUNE_COLS, into *paOut. */
static int lk_commune_list(Arena *a, Stmt *q, LkPlace **paOut, Err *err)
{
  LkList l = {0};
  int rc;
  while ((rc = store_step(q, err)) == 1) lk_commune_row(a, q, lk_push(a, &l));
  if (rc < 0) return rc;
  *paOut = l.a;
  return l.n;
}

/* Run q selecting (code, name, type, population, nChild, reg) groups. */
/* The columns code, name, type, population, children, région of q (a
** grouping: EPCI, département, région) into p. */
static void lk_group_row(Arena *a, Stmt *q, LkPlace *p)
{
  p->zCode = lk_text(a, q, 0);
  p->zName = lk_text(a, q, 1);
  p->zType = lk_text(a, q, 2);
  p->population = lk_int_or_unknown(q, 3);
  p->nChild = (int)store_col_int(q, 4);
  p->zReg = lk_text(a, q, 5);
}

static int lk_group_list(Arena *a, Stmt *q, LkLevel level, LkPlace **paOut,
                         Err *err)
{
  LkList l = {0};
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    LkPlace *p = lk_push(a, &l);
    lk_blank(p, level);
    lk_group_row(a, q, p);
  }
  if (rc < 0) return rc;
  *paOut = l.a;
  return l.n;
}

/* The statement that finds one place of a level, code bound as ?1. */
static Stmt *lk_place_stmt(Store *db, LkLevel level)
{
  switch (level) {
    case LK_REGION:
      return store_stmt(db,
          "SELECT r.code, r.name, '', "
          " (SELECT sum(population) FROM communes WHERE reg = r.code "
          "  AND type = 'COM'),"
          " (SELECT count(*) FROM departements WHERE reg = r.code), '' "
          "FROM regions r WHERE r.code = ?1");
    case LK_DEPARTEMENT:
      return store_stmt(db,
          "SELECT d.code, d.name, '', "
          " (SELECT sum(population) FROM communes WHERE dep = d.code "
          "  AND type = 'COM'),"
          " (SELECT count(*) FROM communes WHERE dep = d.code "
          "  AND type = 'COM'), coalesce(d.reg, '') "
          "FROM departements d WHERE d.code = ?1");
    case LK_EPCI:
      return store_stmt(db,
          "SELECT e.code, e.name, coalesce(e.type, ''), "
          " (SELECT sum(c.population) FROM epci_member m "
          "  JOIN communes c ON c.code = m.commune WHERE m.epci = e.code),"
          " (SELECT count(*) FROM epci_member m WHERE m.epci = e.code), '' "
          "FROM epci e WHERE e.code = ?1");
    case LK_COMMUNE:
      return store_stmt(db, "SELECT " LK_COMMUNE_COLS
                            " FROM communes c WHERE c.code = ?1");
    case LK_FRANCE:
      break;
  }
  return NULL;
}

/*
** One place by level and code.  France is answered without a query
** beyond the population total.  An unknown code is ERR_NOTFOUND with a
** French message naming it, so a page can show it as is in its 404.
*/
int lookup_place(Store *db, Arena *a, LkLevel level, const char *zCode,
                 LkPlace *pOut, Err *err)
{
  Stmt *q;
  int rc;
  lk_blank(pOut, level);
  if (level == LK_FRANCE) {
    q = store_stmt(db, "SELECT sum(population), "
                       "(SELECT count(*) FROM regions) FROM communes "
                       "WHERE type = 'COM'");
    rc = store_step(q, err);
    if (rc < 0) return rc;
    pOut->zCode = "FR";
    pOut->zName = "France";
    if (rc == 1) {
      pOut->population = lk_int_or_unknown(q, 0);
      pOut->nChild = (int)store_col_int(q, 1);
      store_reset(q);
    }
    return 0;
  }
  q = lk_place_stmt(db, level);
  store_bind_text(q, 1, zCode);
  rc = store_step(q, err);
  if (rc < 0) return rc;
  if (rc == 0) {
    return err_set(err, ERR_NOTFOUND, "%s inconnu : « %s »",
                   level == LK_COMMUNE  ? "Code commune"
                   : level == LK_EPCI   ? "Code EPCI"
                   : level == LK_REGION ? "Code région"
                                        : "Code département",
                   zCode);
  }
  if (level == LK_COMMUNE) {
    lk_commune_row(a, q, pOut);
  } else {
    lk_group_row(a, q, pOut);
  }
  store_reset(q);
  return 0;
}

int lookup_children(Store *db, Arena *a, LkLevel level, const char *zCode,
                    LkPlace **paOut, Err *err)
{
  Stmt *q = NULL;
  *paOut = NULL;
  switch (level) {
    case LK_FRANCE:
      q = store_stmt(db,
          "SELECT r.code, r.name, '', "
          " (SELECT sum(population) FROM communes WHERE reg = r.code "
          "  AND type = 'COM'),"
          " (SELECT count(*) FROM departements WHERE reg = r.code), '' "
          "FROM regions r ORDER BY r.name");
      return lk_group_list(a, q, LK_REGION, paOut, err);
    case LK_REGION:
      q = store_stmt(db,
          "SELECT d.code, d.name, '', "
          " (SELECT sum(population) FROM communes WHERE dep = d.code "
          "  AND type = 'COM'),"
          " (SELECT count(*) FROM communes WHERE dep = d.code "
          "  AND type = 'COM'), coalesce(d.reg, '') "
          "FROM departements d WHERE d.reg = ?1 ORDER BY d.code");
      store_bind_text(q, 1, zCode);
      return lk_group_list(a, q, LK_DEPARTEMENT, paOut, err);
    case LK_DEPARTEMENT:
      q = store_stmt(db, "SELECT " LK_COMMUNE_COLS " FROM communes c "
                         "WHERE c.dep = ?1 AND c.type = 'COM' "
                         "ORDER BY c.name, c.code");
      break;
    case LK_EPCI:
      q = store_stmt(db, "SELECT " LK_COMMUNE_COLS " FROM epci_member m "
                         "JOIN communes c ON c.code = m.commune "
                         "WHERE m.epci = ?1 AND c.type = 'COM' "
                         "ORDER BY c.name, c.code");
      break;
    case LK_COMMUNE:
      q = store_stmt(db, "SELECT " LK_COMMUNE_COLS " FROM communes c "
                         "WHERE c.parent = ?1 AND c.type = 'ARM' "
                         "ORDER BY c.code");
      break;
  }
  store_bind_text(q, 1, zCode);
  return lk_commune_list(a, q, paOut, err);
}

int lookup_epcis_of_dep(Store *db, Arena *a, const char *zDep,
                        LkPlace **paOut, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT e.code, e.name, coalesce(e.type, ''), sum(c.population), "
      " count(*), '' "
      "FROM communes c JOIN epci_member m ON m.commune = c.code "
      "JOIN epci e ON e.code = m.epci "
      "WHERE c.dep = ?1 AND c.type = 'COM' "
      "GROUP BY e.code ORDER BY e.name");
  store_bind_text(q, 1, zDep);
  *paOut = NULL;
  return lk_group_list(a, q, LK_EPCI, paOut, err);
}

/* A candidate of the search and how well it matched (lower is better). */
typedef struct LkHit LkHit;
struct LkHit {
  LkPlace place;
  int rank;
};

static int lk_hit_cmp(const void *pA, const void *pB)
{
  const LkHit *x = pA, *y = pB;
  if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
  if (x->place.population != y->place.population) {
    return x->place.population > y->place.population ? -1 : 1;
  }
  return strcmp(x->place.zCode, y->place.zCode);
}

/* True when the space-separated list zList holds the word zWord. */
static int lk_has_word(const char *zList, const char *zWord)
{
  size_t n = strlen(zWord);
  for (const char *z = zList; (z = strstr(z, zWord)) != NULL; z += n) {
    if ((z == zList || z[-1] == ' ') && (z[n] == 0 || z[n] == ' ')) return 1;
  }
  return 0;
}

/*
** Search communes by name or postal code.  One pass over the communes
** (35,000 rows, a few milliseconds): a query of digits matches codes and
** postal codes (a prefix of 2 to 4 digits matches postal codes starting
** with it), anything else matches folded names.
*/
int lookup_search(Store *db, Arena *a, const char *zQuery, int nMax,
                  LkPlace **paOut, Err *err)
{
  Arena *pTmp = arena_new();
  const char *zFold = lookup_fold(pTmp, zQuery);
  size_t nFold = strlen(zFold);
  int isDigits = nFold > 0, rc = 0, nHit = 0, nCap = 64;
  LkHit *aHit = xmalloc(sizeof *aHit * (size_t)nCap);
  Stmt *q;
  *paOut = NULL;
  for (size_t i = 0; i < nFold; i++) {
    if (!(zFold[i] >= '0' && zFold[i] <= '9') && zFold[i] != 'a' &&
        zFold[i] != 'b') {
      isDigits = 0;
    }
  }
  if (isDigits && !(zFold[0] >= '0' && zFold[0] <= '9')) isDigits = 0;
  if (nFold < 2) goto done;                 /* one letter finds everything */
  q = store_stmt(db, "SELECT " LK_COMMUNE_COLS " FROM communes c");
  while ((rc = store_step(q, err)) == 1) {
    int rank = -1;
    const char *zCode = store_col_text(q, 0);
    if (isDigits) {
      const char *zPostal = store_col_text(q, 7);
      if (strcmp(zCode, zFold) == 0) rank = 0;
      else if (lk_has_word(zPostal, zFold)) rank = 1;
      else if (nFold < 5 && strstr(zPostal, zFold) &&
               (str_starts(zPostal, zFold) || strstr(zPostal, zFold)[-1] == ' ')) {
        rank = 3;
      }
    } else {
      const char *zName = lookup_fold(pTmp, store_col_text(q, 1));
      const char *zAt = strstr(zName, zFold);
      if (!zAt) continue;
      if (strcmp(zName, zFold) == 0) rank = 0;
      else if (zAt == zName) rank = 2;
      else if (zAt[-1] == ' ') rank = 3;
      else rank = 4;
    }
    if (rank < 0) continue;
    if (nHit == nCap) {
      nCap *= 2;
      aHit = xrealloc(aHit, sizeof *aHit * (size_t)nCap);
    }
    lk_commune_row(a, q, &aHit[nHit].place);
    if (strcmp(aHit[nHit].place.zType, "ARM") == 0) rank++;   /* after COM */
    aHit[nHit++].rank = rank;
  }
  if (rc < 0) goto done;
  qsort(aHit, (size_t)nHit, sizeof *aHit, lk_hit_cmp);
  if (nHit > nMax) nHit = nMax;
  *paOut = arena_alloc(a, sizeof **paOut * (size_t)(nHit ? nHit : 1));
  for (int i = 0; i < nHit; i++) (*paOut)[i] = aHit[i].place;
  rc = nHit;

done:
  free(aHit);
  arena_free(pTmp);
  return rc;
}

/* ---- health equipment (INSEE BPE) ---------------------------------------- */

/* The BPE's health types (domain D1 and the D3 services it ships with). */
static const struct {
  const char *zKind, *zLabel;
} aEquipLabel[] = {
  {"D101", "établissement de soins de courte durée"},
  {"D102", "établissement de soins de suite et de réadaptation"},
  {"D103", "établissement de soins de longue durée"},
  {"D104", "établissement psychiatrique"},
  {"D105", "centre de lutte contre le cancer"},
  {"D106", "service d'urgences"},
  {"D107", "maternité"},
  {"D108", "centre de santé"},
  {"D109", "structure psychiatrique en ambulatoire"},
  {"D110", "centre de médecine préventive"},
  {"D111", "dialyse"},
  {"D112", "hospitalisation à domicile"},
  {"D113", "maison de santé pluridisciplinaire"},
  {"D302", "laboratoire d'analyses médicales"},
  {"D303", "ambulance"},
  {"D304", "établissement de transfusion sanguine"},
  {"D305", "établissement thermal"},
  {"D307", "pharmacie"},
};

static const char *equipment_label(const char *zKind)
{
  for (size_t i = 0; i < sizeof aEquipLabel / sizeof aEquipLabel[0]; i++) {
    if (!strcmp(aEquipLabel[i].zKind, zKind)) return aEquipLabel[i].zLabel;
  }
  return zKind;
}

int lookup_equipment(Store *db, Arena *a, const char *zCode,
                     LkEquipment **paOut, int *pVintage, Err *err)
{
  *paOut = NULL;
  *pVintage = (int)store_one_int(store_stmt(db,
      "SELECT max(vintage) FROM import_log WHERE kind = 'equipment'"), 0);
  if (*pVintage == 0) return 0;
  Stmt *q = store_stmt(db,
      "SELECT e.kind, e.n, l.file_name FROM equipment_count e"
      " JOIN import_log l ON l.id = e.import_id"
      " WHERE e.vintage = ?1 AND e.commune = ?2 ORDER BY e.kind");
  store_bind_int(q, 1, *pVintage);
  store_bind_text(q, 2, zCode);
  int n = 0, nCap = 0, rc;
  LkEquipment *aOut = NULL;
  while ((rc = store_step(q, err)) == 1) {
    if (n == nCap) {
      nCap = nCap ? 2 * nCap : 8;
      LkEquipment *aNew = arena_alloc(a, nCap * sizeof *aNew);
      if (n) memcpy(aNew, aOut, n * sizeof *aNew);
      aOut = aNew;
    }
    LkEquipment *e = &aOut[n++];
    e->zKind = arena_strdup(a, store_col_text(q, 0));
    e->zLabel = equipment_label(e->zKind);
    e->n = (int)store_col_int(q, 1);
    e->vintage = *pVintage;
    e->zFile = arena_strdup(a, store_col_text(q, 2));
  }
  if (rc < 0) return rc;
  *paOut = aOut;
  return n;
}

const char *lookup_commune_name(Store *db, Arena *a, const char *zCode)
{
  LkPlace p;
  Err err = {0};
  if (!zCode || !zCode[0]) return "";
  if (lookup_place(db, a, LK_COMMUNE, zCode, &p, &err) || !p.zName[0]) {
    return zCode;
  }
  return p.zName;
}
