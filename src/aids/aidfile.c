/*
** aids/aidfile.c: the catalogue file format, read and written.
**
** One file a scheme (data/aids/ID.aid, described in data/aids/README.md):
** "clé: valeur" lines for the scheme, then "[avantage]" sections (one a
** benefit), an optional "[engagement]" section, and a final
** "[description]" whose every following line is Markdown, kept as is.
** Lines starting with '#' outside the description are comments (not kept
** by the exporter).  Every error names file, line and field.
**
** aid_write() prints the canonical form, so that export and files stay the
** same text.  Pure: no SQL here (catalog.c), no directory walking except
** aid_read_dir().
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aids/aids.h"
#include "base/mem.h"
#include "base/money.h"

enum { SEC_HEAD, SEC_BEN, SEC_COMMIT, SEC_DESC };

/* Header keys, in the canonical order aid_write() follows. */
enum { K_ID, K_NAME, K_STATE, K_PORTEUR, K_PCODE, K_PNAME, K_TERR, K_PROF,
       K_STATUS, K_COND, K_WITH, K_WITHOUT, K_FROM, K_TO, K_SOURCE,
       K_CONTACT, K_BENEF, K_NEXT, K_URL, K_CHECKED, K_DOCS, K_NHEAD };
static const char *const azHeadKey[] = {
  "id", "nom", "état", "porteur", "porteur-code", "porteur-nom",
  "territoire", "professions", "statuts", "condition", "cumulable-avec",
  "non-cumulable-avec", "valide-du", "valide-au", "source", "contact",
  "bénéficiaires", "démarche", "lien", "vérifié-le", "pièces", 0};
enum { B_TYPE, B_LABEL, B_AMOUNT, B_PER, B_DUR, B_CEIL, B_N };
static const char *const azBenKey[] = {
  "type", "libellé", "montant", "périodicité", "durée", "plafond", 0};
enum { C_DUR, C_MIN, C_PLACE, C_ZONE, C_MODES, C_START, C_REPAY, C_N };
static const char *const azComKey[] = {
  "durée", "durée-minimum", "lieu", "zone", "modes", "début",
  "remboursement", 0};

typedef struct Parser Parser;
struct Parser {
  Arena *a;
  const char *zFile;
  long iLine;
  Err *err;
  AidScheme s;
  int section;
  unsigned seenHead, seenBen, seenCom;
  int nCondCap, nBenCap, nTerrCap, nWithCap, nWithoutCap, nPlaceCap;
  long aKeyLine[K_NHEAD];  /* line of each header key, for late errors */
  AidBenefit *pBen;        /* benefit being read */
  long iBenLine;           /* its "[avantage]" line, for errors */
};

static int perr(Parser *p, const char *zKey, const char *zFmt, ...)
    __attribute__((format(printf, 3, 4)));
static int perr(Parser *p, const char *zKey, const char *zFmt, ...)
{
  char zMsg[400];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof zMsg, zFmt, ap);
  va_end(ap);
  err_at(p->err, ERR_INPUT, p->zFile, p->iLine, 0, zKey, "%s", zMsg);
  if (zKey) err_field(p->err, zKey);
  return ERR_INPUT;
}

/* Make room for element n of an arena array of capacity *pnCap. */
static void *agrow(Arena *a, void *pOld, int n, int *pnCap, size_t nSize)
{
  if (n < *pnCap) return pOld;
  int nNew = *pnCap ? *pnCap * 2 : 4;
  void *pNew = arena_alloc(a, (size_t)nNew * nSize);
  if (n) memcpy(pNew, pOld, (size_t)n * nSize);
  *pnCap = nNew;
  return pNew;
}

static int key_find(const char *const *az, const char *zKey)
{
  char zA[64], zB[64];
  aid_normalize(zKey, zA, sizeof zA);
  for (int i = 0; az[i]; i++) {
    aid_normalize(az[i], zB, sizeof zB);
    if (strcmp(zA, zB) == 0) return i;
  }
  return -1;
}

/* Next item of comma list *pz into zItem (trimmed); 0 at the end. */
static int list_next(const char **pz, char *zItem, int nItem)
{
  const char *z = *pz;
  while (*z == ' ' || *z == ',') z++;
  if (!*z) return 0;
  const char *zEnd = strchr(z, ',');
  if (!zEnd) zEnd = z + strlen(z);
  int n = (int)(zEnd - z);
  while (n > 0 && z[n - 1] == ' ') n--;
  if (n >= nItem) n = nItem - 1;
  memcpy(zItem, z, (size_t)n);
  zItem[n] = 0;
  *pz = zEnd;
  return 1;
}

/* Mask of the labels of kind in comma list z; 0 with zBad set on error. */
static unsigned mask_parse(int kind, const char *z, char *zBad, int nBad)
{
  char zItem[80];
  unsigned m = 0;
  while (list_next(&z, zItem, sizeof zItem)) {
    int v = aid_label_find(kind, zItem);
    if (v < 0) {
      snprintf(zBad, nBad, "%s", zItem);
      return 0;
    }
    m |= 1u << v;
  }
  if (!m) snprintf(zBad, nBad, "(vide)");
  return m;
}

/* A decimal number as people write it: "2,5", "1 200"; 0 or -1. */
static int number_parse(const char *z, double *pv)
{
  char zBuf[64];
  int n = 0;
  for (; *z && n < (int)sizeof zBuf - 1; z++) {
    if (*z == ' ') continue;
    if ((unsigned char)z[0] == 0xE2 && (unsigned char)z[1] == 0x82 &&
        (unsigned char)z[2] == 0xAC) {           /* € */
      z += 2;
      continue;
    }
    zBuf[n++] = *z == ',' ? '.' : *z;
  }
  zBuf[n] = 0;
  return str_to_double(zBuf, pv);
}

/* "5 ans", "2", "2.5 ans" as years; 0 or -1. */
static int years_parse(const char *z, double *pv)
{
  char zBuf[64];
  snprintf(zBuf, sizeof zBuf, "%s", z);
  char *zUnit = strstr(zBuf, "an");
  if (zUnit && (!strcmp(zUnit, "ans") || !strcmp(zUnit, "an"))) *zUnit = 0;
  for (char *c = zBuf; *c; c++) if (*c == ',') *c = '.';
  return str_to_double(zBuf, pv) || *pv <= 0 ? -1 : 0;
}

static int code_ok(int level, const char *z)
{
  size_t n = strlen(z);
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (!((c >= '0' && c <= '9') || c == 'A' || c == 'B')) return 0;
  }
  switch (level) {
    case AID_TERR_COMMUNE: return n == 5;
    case AID_TERR_EPCI: return n == 9 && strspn(z, "0123456789") == 9;
    case AID_TERR_DEP: return n == 2 || (n == 3 && z[0] == '9' && z[1] == '7');
    case AID_TERR_REG: return n == 2 && strspn(z, "0123456789") == 2;
    default: return n == 0;
  }
}

/* Territory list "commune 71153, département 41, France" into an arena
** array; count, or -1 with zBad set. */
static int terr_parse(Arena *a, const char *z, AidTerr **paTerr, char *zBad,
                      int nBad)
{
  char zItem[80];
  int n = 0, nCap = 0;
  AidTerr *aT = NULL;
  while (list_next(&z, zItem, sizeof zItem)) {
    char *zSp = strrchr(zItem, ' ');
    const char *zCode = zSp ? zSp + 1 : "";
    if (zSp) *zSp = 0;
    int level = aid_label_find(AID_LABEL_TERR, zItem);
    if (level == AID_TERR_FRANCE && zSp) level = -1;
    if (level < 0 || !code_ok(level, zCode) || strlen(zCode) >= 10) {
      if (zSp) *zSp = ' ';
      snprintf(zBad, nBad, "%s", zItem);
      return -1;
    }
    aT = agrow(a, aT, n, &nCap, sizeof *aT);
    aT[n].level = level;
    snprintf(aT[n].zCode, sizeof aT[n].zCode, "%s", zCode);
    n++;
  }
  if (!n) snprintf(zBad, nBad, "(vide)");
  *paTerr = aT;
  return n ? n : -1;
}

/* One condition "kind [arguments]" into *c; 0, or -1 with zWhy. */
static int cond_parse(Arena *a, const char *z, AidCond *c, char *zWhy,
                      int nWhy)
{
  char zKind[64], zBad[80];
  const char *zArg = strchr(z, ' ');
  int n = zArg ? (int)(zArg - z) : (int)strlen(z);
  snprintf(zKind, sizeof zKind, "%.*s", n, z);
  zArg = zArg ? zArg + 1 : "";
  while (*zArg == ' ') zArg++;
  memset(c, 0, sizeof *c);
  c->kind = aid_label_find(AID_LABEL_COND, zKind);
  long l;
  switch (c->kind) {
    case AID_COND_YEAR_MIN:
    case AID_COND_YEAR_MAX:
      if (str_to_long(zArg, &l) || l < 1 || l > 15) {
        snprintf(zWhy, nWhy, "année d'études attendue entre 1 et 15, pas « %s »",
                 zArg);
        return -1;
      }
      c->iValue = (int)l;
      return 0;
    case AID_COND_APL_MAX:
      if (number_parse(zArg, &c->rValue) || c->rValue <= 0) {
        snprintf(zWhy, nWhy, "seuil d'APL positif attendu, pas « %s »", zArg);
        return -1;
      }
      return 0;
    case AID_COND_ZONE_TARGET:
    case AID_COND_ZONE_PLACEMENT:
    case AID_COND_MODE:
      c->mask = mask_parse(c->kind == AID_COND_MODE ? AID_LABEL_MODE
                                                   : AID_LABEL_ZONE,
                           zArg, zBad, sizeof zBad);
      if (!c->mask || (c->mask & 1u << AID_ZONE_UNKNOWN &&
                       c->kind != AID_COND_MODE)) {
        snprintf(zWhy, nWhy, "%s inconnu : « %s »",
                 c->kind == AID_COND_MODE ? "mode d'exercice" : "zonage", zBad);
        return -1;
      }
      return 0;
    case AID_COND_CHECK:
      if (!*zArg) {
        snprintf(zWhy, nWhy, "dites ce que l'équipe doit vérifier");
        return -1;
      }
      c->zText = arena_strdup(a, zArg);
      return 0;
    case AID_COND_PASS_LAS:
    case AID_COND_TARGET_IN:
    case AID_COND_PLACEMENT_IN:
    case AID_COND_FIRST_INSTALL:
      if (*zArg) {
        snprintf(zWhy, nWhy, "« %s » ne prend pas de valeur", zKind);
        return -1;
      }
      return 0;
    default:
      snprintf(zWhy, nWhy, "condition inconnue « %s »", zKind);
      return -1;
  }
}

static const char **ids_parse(Parser *p, const char *zKey, const char *z,
                              int *pn, int *pnCap)
{
  char zItem[AID_ID_MAX + 8];
  const char **az = NULL;
  while (list_next(&z, zItem, sizeof zItem)) {
    if (strspn(zItem, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
        strlen(zItem)) {
      perr(p, zKey, "identifiant d'aide invalide « %s »", zItem);
      return NULL;
    }
    az = agrow(p->a, az, *pn, pnCap, sizeof *az);
    az[(*pn)++] = arena_strdup(p->a, zItem);
  }
  return az;
}

static int head_line(Parser *p, int k, const char *zKey, const char *zVal)
{
  AidScheme *s = &p->s;
  char zBad[128], zWhy[300];
  p->aKeyLine[k] = p->iLine;
  if (k != K_COND) {
    if (p->seenHead & 1u << k) return perr(p, zKey, "champ en double");
    p->seenHead |= 1u << k;
  }
  switch (k) {
    case K_ID:
      if (!*zVal || strlen(zVal) >= AID_ID_MAX ||
          strspn(zVal, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
              strlen(zVal))
        return perr(p, zKey, "identifiant attendu en minuscules, chiffres et "
                    "tirets (63 caractères au plus), pas « %s »", zVal);
      s->zId = arena_strdup(p->a, zVal);
      return 0;
    case K_NAME: s->zName = arena_strdup(p->a, zVal); return 0;
    case K_PCODE: s->zPorteurCode = arena_strdup(p->a, zVal); return 0;
    case K_PNAME: s->zPorteurName = arena_strdup(p->a, zVal); return 0;
    case K_SOURCE: s->zSource = arena_strdup(p->a, zVal); return 0;
    case K_CONTACT: s->zContact = arena_strdup(p->a, zVal); return 0;
    case K_BENEF: s->zBeneficiaries = arena_strdup(p->a, zVal); return 0;
    case K_NEXT: s->zNext = arena_strdup(p->a, zVal); return 0;
    case K_URL:
      /* an official page, never a guess: a full https address */
      if (strncmp(zVal, "https://", 8) || strlen(zVal) < 12 ||
          strpbrk(zVal, " \"<>"))
        return perr(p, zKey, "adresse https://… complète attendue, pas « %s »",
                    zVal);
      s->zUrl = arena_strdup(p->a, zVal);
      return 0;
    case K_CHECKED:
      if (aid_date_check(zVal))
        return perr(p, zKey, "date AAAA-MM-JJ attendue, pas « %s »", zVal);
      s->zChecked = arena_strdup(p->a, zVal);
      return 0;
    case K_DOCS:
      /* "Pièce d'identité ; RIB ; …": no empty item */
      for (const char *z = zVal;;) {
        const char *zEnd = strchr(z, ';');
        size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
        size_t nBlank = 0;
        while (nBlank < n && isspace((unsigned char)z[nBlank])) nBlank++;
        if (nBlank == n)
          return perr(p, zKey, "liste de pièces séparées par « ; » attendue, "
                      "sans élément vide, pas « %s »", zVal);
        if (!zEnd) break;
        z = zEnd + 1;
      }
      s->zDocs = arena_strdup(p->a, zVal);
      return 0;
    case K_STATE:
      s->state = aid_label_find(AID_LABEL_STATE, zVal);
      if (s->state < 0)
        return perr(p, zKey, "état « %s » inconnu (brouillon, publié ou "
                    "archivé)", zVal);
      return 0;
    case K_PORTEUR:
      s->porteur = aid_label_find(AID_LABEL_PORTEUR, zVal);
      if (s->porteur < 0)
        return perr(p, zKey, "porteur « %s » inconnu (commune, EPCI, "
                    "département, région, État, ARS, Assurance Maladie, autre)",
                    zVal);
      return 0;
    case K_TERR:
      s->nTerr = terr_parse(p->a, zVal, &s->aTerr, zBad, sizeof zBad);
      if (s->nTerr < 0)
        return perr(p, zKey, "territoire « %s » invalide (ex. « commune 71153 »,"
                    " « département 41 », « région 44 », « EPCI 200000000 », "
                    "« France »)", zBad);
      return 0;
    case K_PROF:
      s->profMask = !strcmp(zVal, "toutes")
                        ? (1u << AID_NPROF) - 1
                        : mask_parse(AID_LABEL_PROF, zVal, zBad, sizeof zBad);
      if (!s->profMask)
        return perr(p, zKey, "profession « %s » inconnue", zBad);
      return 0;
    case K_STATUS:
      s->statusMask = !strcmp(zVal, "tous")
                          ? (1u << AID_NSTATUS) - 1
                          : mask_parse(AID_LABEL_STATUS, zVal, zBad,
                                       sizeof zBad);
      if (!s->statusMask)
        return perr(p, zKey, "statut « %s » inconnu", zBad);
      return 0;
    case K_COND:
      s->aCond = agrow(p->a, s->aCond, s->nCond, &p->nCondCap, sizeof(AidCond));
      if (cond_parse(p->a, zVal, &s->aCond[s->nCond], zWhy, sizeof zWhy))
        return perr(p, zKey, "%s", zWhy);
      s->nCond++;
      return 0;
    case K_WITH:
      s->azWith = ids_parse(p, zKey, zVal, &s->nWith, &p->nWithCap);
      return p->err->code;
    case K_WITHOUT:
      s->azWithout = ids_parse(p, zKey, zVal, &s->nWithout, &p->nWithoutCap);
      return p->err->code;
    case K_FROM:
    case K_TO:
      if (*zVal && aid_date_check(zVal))
        return perr(p, zKey, "date AAAA-MM-JJ attendue, pas « %s »", zVal);
      if (k == K_FROM) s->zFrom = arena_strdup(p->a, zVal);
      else s->zTo = arena_strdup(p->a, zVal);
      return 0;
  }
  return perr(p, zKey, "champ inconnu");
}

static int ben_line(Parser *p, int k, const char *zKey, const char *zVal)
{
  AidBenefit *b = p->pBen;
  char zNorm[80];
  const char *zWhy = "";
  if (p->seenBen & 1u << k) return perr(p, zKey, "champ en double");
  p->seenBen |= 1u << k;
  switch (k) {
    case B_TYPE:
      b->kind = aid_label_find(AID_LABEL_BEN, zVal);
      if (b->kind < 0)
        return perr(p, zKey, "type d'avantage « %s » inconnu (argent, véhicule, "
                    "logement, locaux, garantie d'emprunt, accompagnement, "
                    "poste)", zVal);
      return 0;
    case B_LABEL: b->zLabel = arena_strdup(p->a, zVal); return 0;
    case B_AMOUNT:
      aid_normalize(zVal, zNorm, sizeof zNorm);
      if (!strcmp(zNorm, "inconnu")) return 0;
      if (str_starts(zNorm, "jusqu-a-")) {
        const char *zSpace = strchr(zVal, ' ');   /* after "jusqu'à" */
        if (!zSpace)
          return perr(p, zKey, "montant en euros attendu après « jusqu'à », "
                      "pas « %s »", zVal);
        b->isUpTo = 1;
        zVal = zSpace + 1;
      }
      if (money_parse(zVal, 1, &b->amountCents, &zWhy))
        return perr(p, zKey, "montant en euros ou « inconnu » attendu, pas "
                    "« %s » (%s)", zVal, zWhy);
      if (b->amountCents < 0)
        return perr(p, zKey, "montant négatif (%s)", zVal);
      b->hasAmount = 1;
      return 0;
    case B_PER:
      b->period = aid_label_find(AID_LABEL_PER, zVal);
      if (b->period < 0)
        return perr(p, zKey, "périodicité « %s » inconnue (unique, mensuelle, "
                    "annuelle, inconnue)", zVal);
      return 0;
    case B_DUR: {
      long n;
      char *zSp = strchr(zVal, ' ');
      if (zSp && !strcmp(zSp, " mois")) {
        char zNum[16];
        snprintf(zNum, sizeof zNum, "%.*s", (int)(zSp - zVal), zVal);
        if (str_to_long(zNum, &n) || n < 1 || n > AID_HORIZON_MAX)
          return perr(p, zKey, "durée entre 1 et %d mois attendue, pas « %s »",
                      AID_HORIZON_MAX, zVal);
        b->durKind = AID_DUR_MONTHS;
        b->nMonths = (int)n;
      } else {
        b->durKind = aid_label_find(AID_LABEL_DUR, zVal);
      }
      if (b->durKind < 0 || (b->durKind == AID_DUR_MONTHS && !b->nMonths)) {
        return perr(p, zKey, "durée « %s » inconnue (« 12 mois », « fin des "
                    "études », « fin du stage », « inconnue »)", zVal);
      }
      return 0;
    }
    case B_CEIL:
      if (money_parse(zVal, 0, &b->ceilingCents, &zWhy) ||
          b->ceilingCents <= 0)
        return perr(p, zKey, "plafond en euros positif attendu, pas « %s »",
                    zVal);
      return 0;
  }
  return perr(p, zKey, "champ inconnu");
}

static int com_line(Parser *p, int k, const char *zKey, const char *zVal)
{
  AidCommit *c = &p->s.commit;
  char zNorm[80], zBad[80];
  if (p->seenCom & 1u << k) return perr(p, zKey, "champ en double");
  p->seenCom |= 1u << k;
  switch (k) {
    case C_DUR:
      aid_normalize(zVal, zNorm, sizeof zNorm);
      if (!strcmp(zNorm, "duree-de-l-aide")) {
        c->isAsReceived = 1;
      } else if (years_parse(zVal, &c->years)) {
        return perr(p, zKey, "durée en années (« 5 ans ») ou « durée de "
                    "l'aide » attendue, pas « %s »", zVal);
      }
      return 0;
    case C_MIN:
      if (years_parse(zVal, &c->minYears))
        return perr(p, zKey, "durée en années attendue, pas « %s »", zVal);
      return 0;
    case C_PLACE:
      c->nPlace = terr_parse(p->a, zVal, &c->aPlace, zBad, sizeof zBad);
      if (c->nPlace < 0)
        return perr(p, zKey, "lieu « %s » invalide (ex. « commune 71153 »)",
                    zBad);
      return 0;
    case C_ZONE:
      c->zoneMask = mask_parse(AID_LABEL_ZONE, zVal, zBad, sizeof zBad);
      if (!c->zoneMask || c->zoneMask & 1u << AID_ZONE_UNKNOWN)
        return perr(p, zKey, "zonage « %s » inconnu (ZIP, ZAC, hors zone)",
                    zBad);
      return 0;
    case C_MODES:
      c->modeMask = mask_parse(AID_LABEL_MODE, zVal, zBad, sizeof zBad);
      if (!c->modeMask)
        return perr(p, zKey, "mode d'exercice « %s » inconnu (libéral, "
                    "salarié, mixte)", zBad);
      return 0;
    case C_START: c->zStart = arena_strdup(p->a, zVal); return 0;
    case C_REPAY:
      c->repay = aid_label_find(AID_LABEL_REPAY, zVal);
      if (c->repay < 0)
        return perr(p, zKey, "remboursement « %s » inconnu (aucun, total, "
                    "prorata, inconnu)", zVal);
      return 0;
  }
  return perr(p, zKey, "champ inconnu");
}

/* Close the benefit being read: check it is whole. */
static int ben_end(Parser *p)
{
  AidBenefit *b = p->pBen;
  if (!b) return 0;
  long iLine = p->iLine;
  p->iLine = p->iBenLine;
  int rc = 0;
  if (!(p->seenBen & 1u << B_TYPE)) {
    rc = perr(p, "type", "avantage sans type");
  } else if (b->kind == AID_BEN_MONEY) {
    if (!(p->seenBen & 1u << B_AMOUNT))
      rc = perr(p, "montant", "montant manquant (écrire « inconnu » s'il "
                "n'est pas publié)");
    else if (!(p->seenBen & 1u << B_PER))
      rc = perr(p, "périodicité", "périodicité manquante");
    else if (b->period != AID_PER_ONCE && !(p->seenBen & 1u << B_DUR))
      rc = perr(p, "durée", "durée manquante (« inconnue » si non publiée)");
  } else if (p->seenBen & (1u << B_AMOUNT | 1u << B_PER | 1u << B_CEIL)) {
    rc = perr(p, "montant", "un avantage en nature n'a ni montant, ni "
              "périodicité, ni plafond");
  }
  p->iLine = iLine;
  p->pBen = NULL;
  return rc;
}

static int parse_line(Parser *p, char *zLine)
{
  if (zLine[0] == '[') {
    char *zEnd = strchr(zLine, ']');
    if (!zEnd || zEnd[1]) return perr(p, NULL, "section mal fermée « %s »", zLine);
    *zEnd = 0;
    int rc = ben_end(p);
    if (rc) return rc;
    char zSec[40];
    aid_normalize(zLine + 1, zSec, sizeof zSec);
    if (!strcmp(zSec, "avantage")) {
      AidScheme *s = &p->s;
      s->aBen = agrow(p->a, s->aBen, s->nBen, &p->nBenCap, sizeof(AidBenefit));
      p->pBen = &s->aBen[s->nBen++];
      memset(p->pBen, 0, sizeof *p->pBen);
      p->pBen->period = AID_PER_UNKNOWN;
      p->pBen->zLabel = "";
      p->iBenLine = p->iLine;
      p->seenBen = 0;
      p->section = SEC_BEN;
    } else if (!strcmp(zSec, "engagement")) {
      if (p->s.commit.hasCommit) return perr(p, NULL, "engagement en double");
      p->s.commit.hasCommit = 1;
      p->section = SEC_COMMIT;
    } else if (!strcmp(zSec, "description")) {
      p->section = SEC_DESC;
    } else {
      return perr(p, NULL, "section « %s » inconnue (avantage, engagement, "
                  "description)", zLine + 1);
    }
    return 0;
  }
  char *zColon = strchr(zLine, ':');
  if (!zColon) return perr(p, NULL, "« clé: valeur » attendu, pas « %s »", zLine);
  *zColon = 0;
  char *zKey = zLine, *zVal = zColon + 1;
  while (*zVal == ' ' || *zVal == '\t') zVal++;
  int n = (int)strlen(zKey);
  while (n > 0 && zKey[n - 1] == ' ') zKey[--n] = 0;
  const char *const *az = p->section == SEC_HEAD ? azHeadKey
                          : p->section == SEC_BEN ? azBenKey : azComKey;
  int k = key_find(az, zKey);
  if (k < 0) return perr(p, zKey, "champ inconnu dans cette section");
  if (!*zVal && p->section == SEC_HEAD && k != K_FROM && k != K_TO &&
      k != K_PCODE && k != K_SOURCE && k != K_CONTACT && k != K_PNAME)
    return perr(p, az[k], "valeur manquante");
  if (p->section == SEC_HEAD) return head_line(p, k, az[k], zVal);
  if (!*zVal) return perr(p, az[k], "valeur manquante");
  if (p->section == SEC_BEN) return ben_line(p, k, az[k], zVal);
  return com_line(p, k, az[k], zVal);
}

/* Final checks of a whole scheme (line 0: the file as a whole). */
static int parse_end(Parser *p)
{
  static const int aNeed[] = {K_ID, K_NAME, K_STATE, K_PORTEUR, K_TERR,
                              K_PROF, K_STATUS};
  for (size_t i = 0; i < sizeof aNeed / sizeof aNeed[0]; i++) {
    if (!(p->seenHead & 1u << aNeed[i]))
      return perr(p, azHeadKey[aNeed[i]], "champ obligatoire manquant");
  }
  const char *zBase = strrchr(p->zFile, '/');
  zBase = zBase ? zBase + 1 : p->zFile;
  size_t nBase = strlen(zBase);
  if (nBase > 4 && !strcmp(zBase + nBase - 4, ".aid") &&
      (strlen(p->s.zId) != nBase - 4 || strncmp(zBase, p->s.zId, nBase - 4))) {
    p->iLine = p->aKeyLine[K_ID];
    return perr(p, "id", "l'identifiant « %s » doit être le nom du fichier",
                p->s.zId);
  }
  AidCommit *c = &p->s.commit;
  if (c->hasCommit && !(p->seenCom & 1u << C_DUR))
    return perr(p, "durée", "engagement sans durée");
  if (c->hasCommit && !(p->seenCom & 1u << C_REPAY))
    return perr(p, "remboursement", "engagement sans règle de remboursement "
                "(« inconnu » si non publiée)");
  if (c->minYears > 0 && !c->isAsReceived)
    return perr(p, "durée-minimum", "une durée minimum ne va qu'avec « durée "
                "de l'aide »");
  return 0;
}

int aid_parse(AidCatalog *pCat, const char *zFile, const char *z, Err *err)
{
  Parser p;
  memset(&p, 0, sizeof p);
  p.a = pCat->pArena;
  p.zFile = zFile;
  p.err = err;
  p.s.zPorteurCode = p.s.zPorteurName = p.s.zSource = p.s.zContact = "";
  p.s.zFrom = p.s.zTo = p.s.zDesc = "";
  p.s.zBeneficiaries = p.s.zNext = p.s.zUrl = p.s.zChecked = p.s.zDocs = "";
  Str desc = STR_INIT;
  int rc = 0;
  const char *zDescStart = NULL;
  while (*z && !rc) {
    const char *zEnd = strchr(z, '\n');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    p.iLine++;
    if (!utf8_valid(z, n)) {
      rc = perr(&p, NULL, "texte qui n'est pas en UTF-8");
      break;
    }
    if (p.section == SEC_DESC) {
      zDescStart = z;
      break;
    }
    char *zLine = xstrndup(z, n);
    size_t nTrim = n;                  /* n still walks the input below */
    while (nTrim > 0 && (zLine[nTrim - 1] == '\r' || zLine[nTrim - 1] == ' ' ||
                         zLine[nTrim - 1] == '\t'))
      zLine[--nTrim] = 0;
    char *zStart = zLine;
    while (*zStart == ' ' || *zStart == '\t') zStart++;
    if (*zStart && *zStart != '#') rc = parse_line(&p, zStart);
    free(zLine);
    z = zEnd ? zEnd + 1 : z + n;
  }
  if (!rc) {
    p.iLine = 0;
    rc = ben_end(&p);
  }
  if (!rc) rc = parse_end(&p);
  if (!rc && zDescStart) {
    if (!utf8_valid(zDescStart, strlen(zDescStart))) {
      rc = perr(&p, "description", "texte qui n'est pas en UTF-8");
    }
    /* Kept verbatim except: no blank lines around, "\r\n" as "\n". */
    while (*zDescStart == '\n' || *zDescStart == '\r') zDescStart++;
    for (const char *zc = zDescStart; *zc; zc++) {
      if (*zc != '\r') str_appendc(&desc, *zc);
    }
    while (desc.n > 0 && (desc.z[desc.n - 1] == '\n' ||
                          desc.z[desc.n - 1] == ' '))
      desc.z[--desc.n] = 0;
    p.s.zDesc = arena_strdup(p.a, str_text(&desc));
  }
  str_free(&desc);
  if (rc) return rc;
  if (p.s.nBen == 0) p.s.aBen = NULL;
  pCat->aScheme = agrow(pCat->pArena, pCat->aScheme, pCat->nScheme,
                        &pCat->nCap, sizeof(AidScheme));
  pCat->aScheme[pCat->nScheme++] = p.s;
  return 0;
}

int aid_parse_conditions(Arena *pArena, const char *z, AidCond *aCond,
                         int nMax, Err *err)
{
  char zLine[256], zWhy[300];
  int n = 0;
  long iLine = 0;
  while (*z) {
    const char *zEnd = strchr(z, '\n');
    size_t nLen = zEnd ? (size_t)(zEnd - z) : strlen(z);
    iLine++;
    snprintf(zLine, sizeof zLine, "%.*s", (int)nLen, z);
    z = zEnd ? zEnd + 1 : z + nLen;
    if (!zLine[0]) continue;
    if (n >= nMax || cond_parse(pArena, zLine, &aCond[n], zWhy, sizeof zWhy)) {
      return err_at(err, ERR_INPUT, "conditions", iLine, 0, "condition", "%s",
                    n >= nMax ? "trop de conditions" : zWhy);
    }
    n++;
  }
  return n;
}
