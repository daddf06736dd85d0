/*
** aids/model.c: the catalogue in memory — create, link, check, write out,
** and read a directory of catalogue files.
**
** aid_write() is the one writer of the file format (aidfile.c reads it);
** the exporter and the back-office both go through it, so what is saved
** is always what a person would write.  No SQL here.
*/
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aids/aids.h"
#include "base/mem.h"

AidCatalog *aid_catalog_new(void)
{
  AidCatalog *pCat = xcalloc(1, sizeof *pCat);
  pCat->pArena = arena_new();
  return pCat;
}

void aid_catalog_free(AidCatalog *pCat)
{
  if (!pCat) return;
  arena_free(pCat->pArena);
  free(pCat->aCumul);
  free(pCat);
}

int aid_catalog_find(const AidCatalog *pCat, const char *zId)
{
  for (int i = 0; i < pCat->nScheme; i++) {
    if (strcmp(pCat->aScheme[i].zId, zId) == 0) return i;
  }
  return -1;
}

static int link_list(AidCatalog *pCat, int i, const char **az, int n,
                     unsigned char v, Err *err)
{
  const AidScheme *s = &pCat->aScheme[i];
  const char *zKey = v == 1 ? "cumulable-avec" : "non-cumulable-avec";
  char zFile[AID_ID_MAX + 8];
  snprintf(zFile, sizeof zFile, "%s.aid", s->zId);
  for (int k = 0; k < n; k++) {
    int j = aid_catalog_find(pCat, az[k]);
    if (j < 0 || j == i) {
      return err_at(err, ERR_INPUT, zFile, 0, 0, zKey, "%s « %s » %s",
                    j < 0 ? "aide" : "une aide ne se cumule pas avec",
                    az[k], j < 0 ? "inconnue du catalogue" : "elle-même");
    }
    unsigned char *a = pCat->aCumul;
    int nS = pCat->nScheme;
    if (a[i * nS + j] && a[i * nS + j] != v) {
      return err_at(err, ERR_INPUT, zFile, 0, 0, zKey,
                    "cumul contradictoire avec « %s » (déclaré cumulable et "
                    "non cumulable)", az[k]);
    }
    a[i * nS + j] = a[j * nS + i] = v;
  }
  return 0;
}

int aid_catalog_link(AidCatalog *pCat, Err *err)
{
  int n = pCat->nScheme;
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) {
      if (strcmp(pCat->aScheme[i].zId, pCat->aScheme[j].zId) == 0)
        return err_at(err, ERR_INPUT, pCat->aScheme[i].zId, 0, 0, "id",
                      "identifiant d'aide en double (fichier %s.aid)",
                      pCat->aScheme[i].zId);
    }
  }
  free(pCat->aCumul);
  pCat->aCumul = xcalloc((size_t)n * n + 1, 1);
  for (int i = 0; i < n; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    int rc = link_list(pCat, i, s->azWithout, s->nWithout, 2, err);
    if (!rc) rc = link_list(pCat, i, s->azWith, s->nWith, 1, err);
    if (rc) return rc;
  }
  return 0;
}

/* ---- writing ------------------------------------------------------------ */

/* A number as people write it in the files: "1200", "7333.33", "2.5". */
static void put_num(Str *o, double v)
{
  char z[64];
  if (v == floor(v) && fabs(v) < 1e15) {
    snprintf(z, sizeof z, "%.0f", v);
  } else {
    snprintf(z, sizeof z, "%.2f", v);
    size_t n = strlen(z);
    while (n > 0 && z[n - 1] == '0') z[--n] = 0;
  }
  str_appendz(o, z);
}

/* Cents as the files write euros: "1200", "7333.33", "12.5". */
static void put_cents(Str *o, int64_t v)
{
  if (v < 0) {
    str_appendc(o, '-');
    v = -v;
  }
  str_appendf(o, "%lld", (long long)(v / 100));
  if (v % 100 == 0) return;
  if (v % 10 == 0) str_appendf(o, ".%lld", (long long)(v % 100 / 10));
  else str_appendf(o, ".%02lld", (long long)(v % 100));
}

static void put_mask(Str *o, int kind, unsigned m)
{
  const char *zSep = "";
  for (int i = 0; i < 32; i++) {
    if (m & 1u << i) {
      str_appendf(o, "%s%s", zSep, aid_label(kind, i));
      zSep = ", ";
    }
  }
}

static void put_years(Str *o, double v)
{
  put_num(o, v);
  str_appendz(o, v < 2 ? " an" : " ans");
}

static void put_list(Str *o, const char *zKey, const char **az, int n)
{
  if (!n) return;
  str_appendf(o, "%s: ", zKey);
  for (int i = 0; i < n; i++) str_appendf(o, "%s%s", i ? ", " : "", az[i]);
  str_appendc(o, '\n');
}

static void put_opt(Str *o, const char *zKey, const char *zVal)
{
  if (zVal && zVal[0]) str_appendf(o, "%s: %s\n", zKey, zVal);
}

/* Condition c as written after "condition: ". */
void aid_cond_write(Str *o, const AidCond *c)
{
  str_appendz(o, aid_label(AID_LABEL_COND, c->kind));
  switch (c->kind) {
    case AID_COND_YEAR_MIN:
    case AID_COND_YEAR_MAX: str_appendf(o, " %d", c->iValue); break;
    case AID_COND_APL_MAX: str_appendc(o, ' '); put_num(o, c->rValue); break;
    case AID_COND_ZONE_TARGET:
    case AID_COND_ZONE_PLACEMENT:
      str_appendc(o, ' ');
      put_mask(o, AID_LABEL_ZONE, c->mask);
      break;
    case AID_COND_MODE:
      str_appendc(o, ' ');
      put_mask(o, AID_LABEL_MODE, c->mask);
      break;
    case AID_COND_CHECK: str_appendf(o, " %s", c->zText); break;
  }
}

static void put_benefit(Str *o, const AidBenefit *b)
{
  str_appendf(o, "\n[avantage]\ntype: %s\n", aid_label(AID_LABEL_BEN, b->kind));
  put_opt(o, "libellé", b->zLabel);
  if (b->kind == AID_BEN_MONEY) {
    str_appendz(o, "montant: ");
    if (!b->hasAmount) {
      str_appendz(o, "inconnu");
    } else {
      if (b->isUpTo) str_appendz(o, "jusqu'à ");
      put_cents(o, b->amountCents);
    }
    str_appendf(o, "\npériodicité: %s\n", aid_label(AID_LABEL_PER, b->period));
  }
  if (b->durKind == AID_DUR_MONTHS) {
    str_appendf(o, "durée: %d mois\n", b->nMonths);
  } else if (b->durKind != AID_DUR_UNKNOWN ||
             (b->kind == AID_BEN_MONEY && b->period != AID_PER_ONCE)) {
    str_appendf(o, "durée: %s\n", aid_label(AID_LABEL_DUR, b->durKind));
  }
  if (b->kind == AID_BEN_MONEY && b->ceilingCents > 0) {
    str_appendz(o, "plafond: ");
    put_cents(o, b->ceilingCents);
    str_appendc(o, '\n');
  }
}

void aid_write(Str *o, const AidScheme *p)
{
  str_appendf(o, "id: %s\nnom: %s\nétat: %s\nporteur: %s\n", p->zId,
              p->zName, aid_label(AID_LABEL_STATE, p->state),
              aid_label(AID_LABEL_PORTEUR, p->porteur));
  put_opt(o, "porteur-code", p->zPorteurCode);
  put_opt(o, "porteur-nom", p->zPorteurName);
  str_appendz(o, "territoire: ");
  aid_terr_text(o, p->aTerr, p->nTerr);
  str_appendz(o, "\nprofessions: ");
  if (p->profMask == (1u << AID_NPROF) - 1) str_appendz(o, "toutes");
  else put_mask(o, AID_LABEL_PROF, p->profMask);
  str_appendz(o, "\nstatuts: ");
  if (p->statusMask == (1u << AID_NSTATUS) - 1) str_appendz(o, "tous");
  else put_mask(o, AID_LABEL_STATUS, p->statusMask);
  str_appendc(o, '\n');
  for (int i = 0; i < p->nCond; i++) {
    str_appendz(o, "condition: ");
    aid_cond_write(o, &p->aCond[i]);
    str_appendc(o, '\n');
  }
  put_list(o, "cumulable-avec", p->azWith, p->nWith);
  put_list(o, "non-cumulable-avec", p->azWithout, p->nWithout);
  put_opt(o, "valide-du", p->zFrom);
  put_opt(o, "valide-au", p->zTo);
  put_opt(o, "source", p->zSource);
  put_opt(o, "contact", p->zContact);
  put_opt(o, "bénéficiaires", p->zBeneficiaries);
  put_opt(o, "démarche", p->zNext);
  put_opt(o, "lien", p->zUrl);
  put_opt(o, "vérifié-le", p->zChecked);
  put_opt(o, "pièces", p->zDocs);
  for (int i = 0; i < p->nBen; i++) put_benefit(o, &p->aBen[i]);
  const AidCommit *c = &p->commit;
  if (c->hasCommit) {
    str_appendz(o, "\n[engagement]\ndurée: ");
    if (c->isAsReceived) str_appendz(o, "durée de l'aide");
    else put_years(o, c->years);
    str_appendc(o, '\n');
    if (c->minYears > 0) {
      str_appendz(o, "durée-minimum: ");
      put_years(o, c->minYears);
      str_appendc(o, '\n');
    }
    if (c->nPlace) {
      str_appendz(o, "lieu: ");
      aid_terr_text(o, c->aPlace, c->nPlace);
      str_appendc(o, '\n');
    }
    if (c->zoneMask) {
      str_appendz(o, "zone: ");
      put_mask(o, AID_LABEL_ZONE, c->zoneMask);
      str_appendc(o, '\n');
    }
    if (c->modeMask) {
      str_appendz(o, "modes: ");
      put_mask(o, AID_LABEL_MODE, c->modeMask);
      str_appendc(o, '\n');
    }
    put_opt(o, "début", c->zStart);
    str_appendf(o, "remboursement: %s\n", aid_label(AID_LABEL_REPAY, c->repay));
  }
  if (p->zDesc && p->zDesc[0])
    str_appendf(o, "\n[description]\n%s\n", p->zDesc);
}

/* A one-line text field: no line break, valid UTF-8. */
static int field_line_ok(const char *z, const char *zField, Err *err)
{
  if (!z) return 0;
  if (strchr(z, '\n') || strchr(z, '\r') || !utf8_valid(z, strlen(z))) {
    err_set(err, ERR_INPUT, "le champ « %s » doit tenir sur une ligne", zField);
    err_field(err, zField);
    return ERR_INPUT;
  }
  return 0;
}

int aid_scheme_check(const AidScheme *p, Err *err)
{
  const char *az[] = {p->zId, p->zName, p->zPorteurCode, p->zPorteurName,
                      p->zSource, p->zContact, p->zFrom, p->zTo,
                      p->commit.zStart, p->zBeneficiaries, p->zNext,
                      p->zUrl, p->zChecked, p->zDocs};
  const char *azName[] = {"id", "nom", "porteur-code", "porteur-nom", "source",
                          "contact", "valide-du", "valide-au", "début",
                          "bénéficiaires", "démarche", "lien", "vérifié-le",
                          "pièces"};
  for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
    if (field_line_ok(az[i], azName[i], err)) return ERR_INPUT;
  }
  for (int i = 0; i < p->nBen; i++) {
    if (field_line_ok(p->aBen[i].zLabel, "libellé", err)) return ERR_INPUT;
    if (p->aBen[i].amountCents < 0 || p->aBen[i].ceilingCents < 0) {
      err_set(err, ERR_INPUT, "montant négatif");
      err_field(err, "montant");
      return ERR_INPUT;
    }
  }
  for (int i = 0; i < p->nCond; i++) {
    if (p->aCond[i].kind == AID_COND_CHECK &&
        field_line_ok(p->aCond[i].zText, "condition", err))
      return ERR_INPUT;
  }
  if (!p->zId || !p->zName || !p->nTerr || !p->profMask || !p->statusMask) {
    const char *zF = !p->zId ? "id" : !p->zName ? "nom" : !p->nTerr
                     ? "territoire" : !p->profMask ? "professions" : "statuts";
    err_set(err, ERR_INPUT, "champ obligatoire manquant : %s", zF);
    err_field(err, zF);
    return ERR_INPUT;
  }
  /* Everything else is what the file reader checks: write, read back. */
  Str s = STR_INIT;
  aid_write(&s, p);
  AidCatalog *pTmp = aid_catalog_new();
  int rc = aid_parse(pTmp, p->zId, str_text(&s), err);
  aid_catalog_free(pTmp);
  str_free(&s);
  return rc;
}

/* ---- a directory of files ---------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whole file zPath into a new NUL-terminated buffer, or NULL. */
static char *file_read(const char *zPath, Err *err)
{
  FILE *f = fopen(zPath, "rb");
  if (!f) {
    err_at(err, ERR_IO, zPath, 0, 0, NULL, "fichier illisible");
    return NULL;
  }
  Str s = STR_INIT;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&s, buf, n);
  int isErr = ferror(f);
  fclose(f);
  if (isErr) {
    str_free(&s);
    err_at(err, ERR_IO, zPath, 0, 0, NULL, "erreur de lecture");
    return NULL;
  }
  if (strlen(str_text(&s)) != s.n) {
    str_free(&s);
    err_at(err, ERR_INPUT, zPath, 0, 0, NULL, "octet nul : fichier binaire ?");
    return NULL;
  }
  return str_finish(&s);
}

int aid_read_dir(AidCatalog *pCat, const char *zDir, Err *err)
{
  DIR *d = opendir(zDir);
  if (!d) return err_at(err, ERR_IO, zDir, 0, 0, NULL, "dossier illisible");
  char **azName = NULL;
  size_t nName = 0, nCap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    size_t n = strlen(e->d_name);
    if (n > 4 && !strcmp(e->d_name + n - 4, ".aid") && e->d_name[0] != '.') {
      xgrow((void **)&azName, &nCap, nName + 1, sizeof *azName);
      azName[nName++] = xstrdup(e->d_name);
    }
  }
  closedir(d);
  qsort(azName, nName, sizeof *azName, name_cmp);
  int rc = 0;
  for (size_t i = 0; i < nName && !rc; i++) {
    Str path = STR_INIT;
    str_appendf(&path, "%s/%s", zDir, azName[i]);
    char *z = file_read(str_text(&path), err);
    rc = z ? aid_parse(pCat, str_text(&path), z, err) : ERR_IO;
    free(z);
    str_free(&path);
  }
  for (size_t i = 0; i < nName; i++) free(azName[i]);
  free(azName);
  if (!rc) rc = aid_catalog_link(pCat, err);
  return rc;
}

const char **aid_scheme_docs(const AidScheme *s, Arena *a)
{
  if (!s->zDocs || !*s->zDocs) return NULL;
  int n = 1;
  for (const char *z = s->zDocs; *z; z++) n += *z == ';';
  const char **az = arena_alloc(a, (size_t)(n + 1) * sizeof *az);
  int i = 0;
  for (const char *z = s->zDocs;;) {
    const char *zEnd = strchr(z, ';');
    size_t len = zEnd ? (size_t)(zEnd - z) : strlen(z);
    while (len && isspace((unsigned char)*z)) z++, len--;
    while (len && isspace((unsigned char)z[len - 1])) len--;
    if (len) az[i++] = arena_strndup(a, z, len);
    if (!zEnd) break;
    z = zEnd + 1;
  }
  az[i] = NULL;
  return az;
}
