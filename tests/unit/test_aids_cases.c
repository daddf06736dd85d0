/*
** tests/unit/test_aids_cases.c: runs the data-driven aid cases of
** tests/aids/NAME.case (format in tests/aids/README.md), one cmocka test per
** file, in the spirit of OpenFisca's YAML tests.
**
** The catalogue is the real seed catalogue (data/aids), loaded through the
** database as the server does; the communes come from tests/aids/
** communes.csv, written into a minimal `communes` table (the territory
** module's table is not on this branch) and the DREES APL into
** `apl_reference`.
** Every failed expectation is reported with file, line and case name.
*/
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aids/aids.h"
#include "zoning/zoning.h"
#include "base/csv.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/money.h"

#define CASE_DIR "tests/aids"

typedef struct Kv Kv;
struct Kv {
  char zKey[40];           /* normalised key */
  char *zVal;
  long iLine;
};

typedef struct Case Case;
struct Case {
  const char *zFile;
  long iLine;
  char zKind[40];          /* cas, erreur-profil, remboursement, catalogue */
  char zName[200];
  Kv aKv[64];
  int nKv;
};

static Store *g_db;
static AidCatalog *g_cat;
static int g_nCase;

/* ---- fixture: database with communes, zones and the seed catalogue ------ */

static int fixture_setup(void **state)
{
  (void)state;
  Err err = {0};
  char zPath[] = "/tmp/oasis-aids-cases-XXXXXX";
  int fd = mkstemp(zPath);
  if (fd < 0) return -1;
  close(fd);
  log_set_quiet(1);
  g_db = store_open(zPath, &err);
  unlink(zPath);
  if (!g_db) return -1;
  /* the fixture's communes come from one (fictitious) import */
  store_exec_sql(g_db, "INSERT INTO import_log(id, kind, file_name, sha256,"
                 " n_rows) VALUES (1, 'communes', 'communes.csv', '-', 0)",
                 &err);
  CsvReader *r = csv_open(CASE_DIR "/communes.csv", ',', &err);
  if (!r || csv_read_header(r, &err)) return -1;
  while (csv_next_row(r, &err) == CSV_ROW) {
    Stmt *q = store_stmt(g_db, "INSERT INTO communes(code, type, name, dep,"
                               " reg, epci, import_id) VALUES (?1, 'COM', ?2,"
                               " ?3, ?4, NULLIF(?5, ''), 1)");
    for (int i = 0; i < 5; i++) store_bind_text(q, i + 1, csv_cell(r, i));
    if (store_exec(q, &err)) return -1;
    if (!csv_cell(r, 5)[0]) continue;           /* no DREES APL */
    /* the official DREES APL, as `oasis import apl` stores it */
    q = store_stmt(g_db, "INSERT INTO apl_reference(vintage, commune, name,"
                         " apl, import_id) VALUES (?1, ?2, ?3, ?4, 1)");
    store_bind_int(q, 1, atoi(csv_cell(r, 6)));
    store_bind_text(q, 2, csv_cell(r, 0));
    store_bind_text(q, 3, csv_cell(r, 1));
    store_bind_double(q, 4, atof(csv_cell(r, 5)));
    if (store_exec(q, &err)) return -1;
  }
  csv_close(r);
  /* names of départements and régions, for the sentences */
  r = csv_open(CASE_DIR "/territoires.csv", ',', &err);
  if (!r || csv_read_header(r, &err)) return -1;
  while (csv_next_row(r, &err) == CSV_ROW) {
    int isReg = !strcmp(csv_cell(r, 0), "region");
    Stmt *q = isReg ? store_stmt(g_db, "INSERT INTO regions(code, name,"
                                 " import_id) VALUES (?1, ?2, 1)")
                    : store_stmt(g_db, "INSERT INTO departements(code, name,"
                                 " reg, import_id) VALUES (?1, ?2, ?3, 1)");
    store_bind_text(q, 1, csv_cell(r, 1));
    store_bind_text(q, 2, csv_cell(r, 2));
    if (!isReg) store_bind_text(q, 3, csv_cell(r, 3));
    if (store_exec(q, &err)) return -1;
  }
  csv_close(r);
  int n = 0;
  if (aid_load_dir(g_db, "data/aids", &n, &err)) {
    char zBuf[800];
    fprintf(stderr, "seed catalogue: %s\n", err_text(&err, zBuf, sizeof zBuf));
    return -1;
  }
  g_cat = aid_catalog_new();
  if (aid_store_load(g_db, g_cat, 1, &err)) return -1;
  aid_catalog_name_places(g_db, g_cat);   /* as the pages and the CLI do */
  return 0;
}

static int fixture_teardown(void **state)
{
  (void)state;
  aid_catalog_free(g_cat);
  store_close(g_db);
  print_message("%d cas exécutés\n", g_nCase);
  return 0;
}

/* ---- helpers ------------------------------------------------------------ */

static const Kv *kv_get(const Case *c, const char *zKey)
{
  for (int i = 0; i < c->nKv; i++) {
    if (!strcmp(c->aKv[i].zKey, zKey)) return &c->aKv[i];
  }
  return NULL;
}

static int failf(const Case *c, long iLine, const char *zFmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failf(const Case *c, long iLine, const char *zFmt, ...)
{
  char zMsg[1200];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof zMsg, zFmt, ap);
  va_end(ap);
  print_error("%s:%ld [%s] %s\n", c->zFile, iLine ? iLine : c->iLine,
              c->zName, zMsg);
  return 1;
}

/* First word of z into zWord; returns the rest (after blanks). */
static const char *word(const char *z, char *zWord, int nWord)
{
  int n = 0;
  while (*z && *z != ' ' && n < nWord - 1) zWord[n++] = *z++;
  zWord[n] = 0;
  while (*z == ' ') z++;
  return z;
}

static int num(const char *z, double *p)
{
  char zBuf[64];
  int n = 0;
  for (; *z && n < 63; z++) if (*z != ' ') zBuf[n++] = *z == ',' ? '.' : *z;
  zBuf[n] = 0;
  return str_to_double(zBuf, p);
}

static int yes_no(const char *z)
{
  return !strcmp(z, "oui") ? 1 : !strcmp(z, "non") ? 0 : -1;
}

/* Build the profile of case c; < 0 with err filled on refusal. */
static int case_profile(const Case *c, AidProfile *p, Err *err)
{
  aid_profile_init(p);
  p->profession = p->status = -1;
  for (int i = 0; i < c->nKv; i++) {
    const Kv *kv = &c->aKv[i];
    const char *k = kv->zKey, *v = kv->zVal;
    if (!strcmp(k, "profession")) {
      p->profession = aid_label_find(AID_LABEL_PROF, v);
    } else if (!strcmp(k, "statut")) {
      p->status = aid_label_find(AID_LABEL_STATUS, v);
    } else if (!strcmp(k, "annee")) {
      p->year = atoi(v);
    } else if (!strcmp(k, "pass-las")) {
      p->hasPassLas = yes_no(v) == 1;
    } else if (!strcmp(k, "mode")) {
      p->mode = aid_label_find(AID_LABEL_MODE, v);
    } else if (!strcmp(k, "premiere-installation")) {
      p->firstInstall = yes_no(v);
    } else if (!strcmp(k, "debut")) {
      sscanf(v, "%d-%d", &p->startYear, &p->startMonth);
    }
  }
  int rc = aid_profile_check(p, err);
  const Kv *kv = kv_get(c, "commune");
  if (!rc && kv) rc = aid_place_resolve(g_db, kv->zVal, &p->target, "commune",
                                        err);
  kv = kv_get(c, "stage");
  if (!rc && kv) rc = aid_place_resolve(g_db, kv->zVal, &p->placement,
                                        "stage", err);
  return rc;
}

static const AidResult *result_of(const Case *c, const Kv *kv,
                                  const AidSim *pSim, const char *zId)
{
  for (int i = 0; i < pSim->nRes; i++) {
    if (!strcmp(pSim->aRes[i].pScheme->zId, zId)) return &pSim->aRes[i];
  }
  failf(c, kv->iLine, "aide « %s » absente du catalogue", zId);
  return NULL;
}

static int in_best(const AidSim *pSim, int i)
{
  for (int k = 0; k < pSim->nBest; k++) if (pSim->aBest[k] == i) return 1;
  return 0;
}

/* One expectation of a simulation case; 1 when it fails. */
static int check_sim(const Case *c, const Kv *kv, const AidSim *s)
{
  char zId[AID_ID_MAX], zId2[AID_ID_MAX], zMonth[16];
  const char *k = kv->zKey, *zRest;
  const AidResult *r;
  double v;
  if (!strcmp(k, "attendu")) {
    zRest = word(kv->zVal, zId, sizeof zId);
    if (!(r = result_of(c, kv, s, zId))) return 1;
    int want = aid_label_find(AID_LABEL_VERDICT, zRest);
    if (want < 0) return failf(c, kv->iLine, "verdict « %s » inconnu", zRest);
    if (r->verdict == want) return 0;
    Str why = STR_INIT;
    for (int i = 0; i < r->nReason; i++)
      str_appendf(&why, "\n    - %s", r->aReason[i].zText);
    failf(c, kv->iLine, "%s : attendu « %s », obtenu « %s »%s", zId,
          zRest, aid_label(AID_LABEL_VERDICT, r->verdict), str_text(&why));
    str_free(&why);
    return 1;
  }
  if (!strcmp(k, "phrase")) {
    zRest = word(kv->zVal, zId, sizeof zId);
    if (!(r = result_of(c, kv, s, zId))) return 1;
    for (int i = 0; i < r->nReason; i++)
      if (!strcmp(r->aReason[i].zText, zRest)) return 0;
    Str why = STR_INIT;
    for (int i = 0; i < r->nReason; i++)
      str_appendf(&why, "\n    - %s", r->aReason[i].zText);
    failf(c, kv->iLine, "%s : phrase absente « %s » ; phrases :%s", zId,
          zRest, str_text(&why));
    str_free(&why);
    return 1;
  }
  if (!strcmp(k, "total") || !strcmp(k, "engagement") || !strcmp(k, "mois")) {
    zRest = word(kv->zVal, zId, sizeof zId);
    if (!(r = result_of(c, kv, s, zId))) return 1;
    double got = !strcmp(k, "engagement") ? r->commitYears
                                          : money_euros(r->totalCents);
    if (!strcmp(k, "mois")) {
      zRest = word(zRest, zMonth, sizeof zMonth);
      int m = atoi(zMonth);
      if (m < 1) return failf(c, kv->iLine, "mois numérotés à partir de 1");
      got = m <= s->nHorizon && r->aMonth ? money_euros(r->aMonth[m - 1]) : 0;
    }
    if (!strcmp(zRest, "inconnu")) {
      if (!r->isTotalKnown) return 0;
      return failf(c, kv->iLine, "%s : total attendu inconnu, obtenu %.2f",
                   zId, money_euros(r->totalCents));
    }
    if (num(zRest, &v)) return failf(c, kv->iLine, "nombre attendu : %s", zRest);
    if (!strcmp(k, "total") && !r->isTotalKnown)
      return failf(c, kv->iLine, "%s : total inconnu, attendu %.2f", zId, v);
    if (fabs(got - v) < 0.005) return 0;
    return failf(c, kv->iLine, "%s : %s attendu %.2f, obtenu %.2f", zId, k, v,
                 got);
  }
  if (!strcmp(k, "lieu-engagement")) {
    zRest = word(kv->zVal, zId, sizeof zId);
    if (!(r = result_of(c, kv, s, zId))) return 1;
    int want = !strcmp(zRest, "inconnu") ? -1 : yes_no(zRest);
    if (r->isPlaceOk == want) return 0;
    return failf(c, kv->iLine, "%s : lieu d'engagement attendu %s, obtenu %d",
                 zId, zRest, r->isPlaceOk);
  }
  if (!strcmp(k, "cumul")) {
    zRest = word(word(kv->zVal, zId, sizeof zId), zId2, sizeof zId2);
    int i = aid_catalog_find(g_cat, zId), j = aid_catalog_find(g_cat, zId2);
    if (i < 0 || j < 0) return failf(c, kv->iLine, "aide inconnue");
    int got = 1;                  /* combinable unless a pair says otherwise */
    for (int p = 0; p < s->nPair; p++) {
      const AidPair *pp = &s->aPair[p];
      if ((pp->i == i && pp->j == j) || (pp->i == j && pp->j == i))
        got = pp->kind;
    }
    char zWant[40];
    aid_normalize(zRest, zWant, sizeof zWant);
    int want = !strcmp(zWant, "cumulable") ? 1
               : !strcmp(zWant, "non-cumulable") ? 2
               : !strcmp(zWant, "a-verifier") ? 0 : -1;
    if (want == got) return 0;
    return failf(c, kv->iLine, "cumul %s / %s : attendu « %s », obtenu %d",
                 zId, zId2, zRest, got);
  }
  if (!strcmp(k, "meilleure")) {
    char zItem[AID_ID_MAX];
    const char *z = kv->zVal;
    int nWant = 0;
    while (*z) {
      int n = (int)strcspn(z, ",");
      snprintf(zItem, sizeof zItem, "%.*s", n, z);
      z += n;
      while (*z == ',' || *z == ' ') z++;
      int i = aid_catalog_find(g_cat, zItem);
      if (i < 0 || !in_best(s, i))
        return failf(c, kv->iLine, "« %s » absente de la meilleure "
                     "combinaison", zItem);
      nWant++;
    }
    if (nWant == s->nBest) return 0;
    return failf(c, kv->iLine, "meilleure combinaison : %d aides attendues, "
                 "%d obtenues", nWant, s->nBest);
  }
  if (!strcmp(k, "meilleur-total") || !strcmp(k, "engagement-total")) {
    if (num(kv->zVal, &v)) return failf(c, kv->iLine, "nombre attendu");
    double got = k[0] == 'm' ? money_euros(s->bestTotalCents)
                             : s->commitYearsTotal;
    if (fabs(got - v) < 0.005) return 0;
    return failf(c, kv->iLine, "%s attendu %.2f, obtenu %.2f", k, v, got);
  }
  if (!strcmp(k, "engagements-ensemble")) {
    if (s->isCommitOverlap == yes_no(kv->zVal)) return 0;
    return failf(c, kv->iLine, "engagements tenus ensemble : attendu %s",
                 kv->zVal);
  }
  if (!strcmp(k, "zone")) {
    /* the class code of zoning_of(): "ZIP"… official, "sous_dense"…
    ** indicative, "inconnu" */
    if (!strcmp(kv->zVal, s->profile.target.zZoneClass)) return 0;
    return failf(c, kv->iLine, "zone attendue %s, obtenue %s (%s)", kv->zVal,
                 s->profile.target.zZoneClass, s->profile.target.zZoneLabel);
  }
  if (!strcmp(k, "zone-libelle")) {
    if (strstr(s->profile.target.zZoneLabel, kv->zVal)) return 0;
    return failf(c, kv->iLine, "libellé de zone sans « %s » : %s", kv->zVal,
                 s->profile.target.zZoneLabel);
  }
  return 0;                                    /* a profile field */
}

static const char *const azProfileKey[] = {
  "profession", "statut", "annee", "pass-las", "commune", "stage", "mode",
  "premiere-installation", "debut", "zonage", 0};
static const char *const azSimKey[] = {
  "attendu", "phrase", "total", "mois", "engagement", "lieu-engagement",
  "cumul", "meilleure", "meilleur-total", "engagement-total",
  "engagements-ensemble", "zone", "zone-libelle", 0};

static int key_known(const char *const *az, const char *z)
{
  for (int i = 0; az[i]; i++) if (!strcmp(az[i], z)) return 1;
  return 0;
}

static int run_sim(const Case *c)
{
  AidProfile prof;
  Err err = {0};
  char zBuf[800];
  int nFail = 0, nCheck = 0;
  for (int i = 0; i < c->nKv; i++) {
    const char *k = c->aKv[i].zKey;
    if (!key_known(azProfileKey, k) && !key_known(azSimKey, k))
      nFail += failf(c, c->aKv[i].iLine, "clé inconnue « %s »", k);
    nCheck += key_known(azSimKey, k);
  }
  if (!nCheck) nFail += failf(c, 0, "cas sans aucune attente");
  /* « zonage: CODE CLASSE [AAAA-MM-JJ [référence]] »: an ARS arrêté for
  ** this case only, rolled back after it */
  if (store_begin(g_db, &err)) return nFail + failf(c, 0, "transaction");
  for (int i = 0; i < c->nKv; i++) {
    if (strcmp(c->aKv[i].zKey, "zonage")) continue;
    char zCode[8], zClass[24], zDate[16];
    const char *zRef = word(word(word(c->aKv[i].zVal, zCode, sizeof zCode),
                                 zClass, sizeof zClass), zDate, sizeof zDate);
    Stmt *q = store_stmt(g_db, "INSERT INTO zonage(commune, profession, zone,"
                               " label, date_arrete, reference, import_id)"
                               " VALUES (?1, 'medecin', ?2, ?5, nullif(?3,"
                               " ''), nullif(?4, ''), 1)");
    const char *zCls = zoning_parse_class(zClass);
    store_bind_text(q, 1, zCode);
    store_bind_text(q, 2, zCls ? zCls : "?");
    store_bind_text(q, 5, zClass);
    store_bind_text(q, 3, zDate);
    store_bind_text(q, 4, zRef);
    if (store_exec(q, &err))
      nFail += failf(c, c->aKv[i].iLine, "zonage : %s",
                     err_text(&err, zBuf, sizeof zBuf));
  }
  if (case_profile(c, &prof, &err)) {
    store_rollback(g_db, 0);
    return nFail + failf(c, 0, "profil refusé : %s",
                         err_text(&err, zBuf, sizeof zBuf));
  }
  store_rollback(g_db, 0);
  Arena *a = arena_new();
  AidSim *s = aid_simulate(g_cat, &prof, a);
  for (int i = 0; i < c->nKv; i++) nFail += check_sim(c, &c->aKv[i], s);
  arena_free(a);
  return nFail;
}

static int run_profile_error(const Case *c)
{
  AidProfile prof;
  Err err = {0};
  char zBuf[800];
  const Kv *pWant = kv_get(c, "erreur"), *pField = kv_get(c, "champ");
  if (!pWant) return failf(c, 0, "« erreur: » manquant");
  if (!case_profile(c, &prof, &err))
    return failf(c, pWant->iLine, "profil accepté, erreur attendue");
  err_text(&err, zBuf, sizeof zBuf);
  if (!strstr(zBuf, pWant->zVal))
    return failf(c, pWant->iLine, "erreur « %s », attendu « %s »", zBuf,
                 pWant->zVal);
  if (pField && strcmp(err.zField, pField->zVal))
    return failf(c, pField->iLine, "champ « %s », attendu « %s »", err.zField,
                 pField->zVal);
  return 0;
}

static int run_repay(const Case *c)
{
  const char *az[] = {"regle", "montant", "mois-dus", "mois-servis"};
  const Kv *aKv[4];
  for (int i = 0; i < 4; i++) {
    if (!(aKv[i] = kv_get(c, az[i]))) return failf(c, 0, "« %s » manquant", az[i]);
  }
  int rule = aid_label_find(AID_LABEL_REPAY, aKv[0]->zVal);
  double amount;
  int64_t due;
  if (num(aKv[1]->zVal, &amount)) return failf(c, aKv[1]->iLine, "montant ?");
  Err err = {0};
  int rc = aid_repay_due(rule, money_from_euros(amount), atoi(aKv[2]->zVal), atoi(aKv[3]->zVal),
                         &due, &err);
  const Kv *pDue = kv_get(c, "du"), *pErr = kv_get(c, "erreur");
  if (pErr) {
    if (rc && strstr(err.zMsg, pErr->zVal)) return 0;
    return failf(c, pErr->iLine, "erreur attendue « %s », obtenu rc %d « %s »",
                 pErr->zVal, rc, err.zMsg);
  }
  double want;
  if (!pDue || num(pDue->zVal, &want)) return failf(c, 0, "« dû » manquant");
  if (rc) return failf(c, pDue->iLine, "erreur : %s", err.zMsg);
  if (due == money_from_euros(want)) return 0;       /* exact, in cents */
  return failf(c, pDue->iLine, "dû attendu %.2f, obtenu %.2f", want,
               money_euros(due));
}

static int run_catalogue(const Case *c)
{
  const Kv *pFile = kv_get(c, "fichier"), *pWant = kv_get(c, "erreur");
  if (!pFile || !pWant) return failf(c, 0, "« fichier » et « erreur » requis");
  char zPath[300], zBuf[1000];
  snprintf(zPath, sizeof zPath, CASE_DIR "/%s", pFile->zVal);
  FILE *f = fopen(zPath, "rb");
  if (!f) return failf(c, pFile->iLine, "fichier %s illisible", zPath);
  Str s = STR_INIT;
  int ch;
  while ((ch = fgetc(f)) != EOF) str_appendc(&s, (char)ch);
  fclose(f);
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  int rc = aid_parse(pCat, pFile->zVal, str_text(&s), &err);
  if (!rc) rc = aid_catalog_link(pCat, &err);
  int nScheme = pCat->nScheme;
  aid_catalog_free(pCat);
  str_free(&s);
  if (!rc) return failf(c, pWant->iLine, "fichier accepté, erreur attendue");
  if (nScheme && !err.zColName[0] && !strstr(pWant->zVal, "cumul"))
    return failf(c, pWant->iLine, "catalogue à moitié chargé");
  err_text(&err, zBuf, sizeof zBuf);
  if (strstr(zBuf, pWant->zVal)) return 0;
  return failf(c, pWant->iLine, "erreur « %s », attendu « %s »", zBuf,
               pWant->zVal);
}

static int run_case(Case *c)
{
  g_nCase++;
  if (!strcmp(c->zKind, "cas")) return run_sim(c);
  if (!strcmp(c->zKind, "erreur-profil")) return run_profile_error(c);
  if (!strcmp(c->zKind, "remboursement")) return run_repay(c);
  if (!strcmp(c->zKind, "catalogue")) return run_catalogue(c);
  return failf(c, 0, "type de cas inconnu « %s »", c->zKind);
}

static void case_clear(Case *c)
{
  for (int i = 0; i < c->nKv; i++) free(c->aKv[i].zVal);
  c->nKv = 0;
  c->zKind[0] = 0;
}

/* Run every case of one file. */
static void test_case_file(void **state)
{
  const char *zPath = *state;
  FILE *f = fopen(zPath, "r");
  assert_non_null(f);
  Case *c = xcalloc(1, sizeof *c);
  c->zFile = zPath;
  char zLine[2000];
  long iLine = 0;
  int nFail = 0, nInFile = 0;
  for (;;) {
    char *z = fgets(zLine, sizeof zLine, f);
    if (z) {
      iLine++;
      size_t n = strlen(z);
      while (n > 0 && (z[n - 1] == '\n' || z[n - 1] == '\r' || z[n - 1] == ' '))
        z[--n] = 0;
      while (*z == ' ') z++;
      if (!*z || *z == '#') continue;
    }
    if (!z || *z == '[') {
      if (c->zKind[0]) {
        nFail += run_case(c);
        nInFile++;
      }
      case_clear(c);
      if (!z) break;
      char *zEnd = strchr(z, ']');
      if (!zEnd) {
        print_error("%s:%ld: « [type] nom » attendu\n", zPath, iLine);
        nFail++;
        continue;
      }
      snprintf(c->zKind, sizeof c->zKind, "%.*s", (int)(zEnd - z - 1), z + 1);
      char *zName = zEnd + 1;
      while (*zName == ' ') zName++;
      snprintf(c->zName, sizeof c->zName, "%s", zName);
      c->iLine = iLine;
      continue;
    }
    char *zColon = strchr(z, ':');
    if (!zColon || !c->zKind[0] || c->nKv == 64) {
      print_error("%s:%ld: « clé: valeur » attendu dans un cas\n", zPath,
                  iLine);
      nFail++;
      continue;
    }
    *zColon = 0;
    Kv *kv = &c->aKv[c->nKv++];
    aid_normalize(z, kv->zKey, sizeof kv->zKey);
    char *zVal = zColon + 1;
    while (*zVal == ' ') zVal++;
    kv->zVal = xstrdup(zVal);
    kv->iLine = iLine;
  }
  fclose(f);
  free(c);
  print_message("%s : %d cas, %d échec(s)\n", zPath, nInFile, nFail);
  assert_true(nInFile > 0);
  assert_int_equal(nFail, 0);
}

static int name_cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
  DIR *d = opendir(CASE_DIR);
  if (!d) {
    fprintf(stderr, "%s introuvable : lancez depuis la racine du dépôt\n",
            CASE_DIR);
    return 1;
  }
  char *azPath[256];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 256) {
    size_t len = strlen(e->d_name);
    if (len > 5 && !strcmp(e->d_name + len - 5, ".case")) {
      char zBuf[300];
      snprintf(zBuf, sizeof zBuf, CASE_DIR "/%s", e->d_name);
      azPath[n++] = xstrdup(zBuf);
    }
  }
  closedir(d);
  qsort(azPath, n, sizeof *azPath, name_cmp);
  struct CMUnitTest *aTest = xcalloc(n + 1, sizeof *aTest);
  for (int i = 0; i < n; i++) {
    aTest[i].name = azPath[i];
    aTest[i].test_func = test_case_file;
    aTest[i].initial_state = azPath[i];
  }
  int rc = _cmocka_run_group_tests("aids cases", aTest, n, fixture_setup,
                                   fixture_teardown);
  for (int i = 0; i < n; i++) free(azPath[i]);
  free(aTest);
  return n ? rc : 1;
}
