/*
** tests/unit/test_aids.c: the aid catalogue format, the store, the
** cumulation rules and the commitments register (src/aids).  The
** simulator's behaviour per scheme is tested by the data-driven cases of
** tests/aids (test_aids_cases.c); here are the parts a case file cannot
** express: byte-exact round trips, all-or-nothing loads, non-combinable
** pairs, the register's SQL and the JSON shape.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "aids/aids.h"
#include "base/embed.h"
#include "base/log.h"
#include "base/mem.h"

static char *slurp(const char *zPath)
{
  FILE *f = fopen(zPath, "rb");
  if (!f) return NULL;
  Str s = STR_INIT;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&s, buf, n);
  fclose(f);
  return str_finish(&s);
}

static void spit(const char *zPath, const char *z)
{
  FILE *f = fopen(zPath, "wb");
  assert_non_null(f);
  fputs(z, f);
  fclose(f);
}

static Store *db_new(char *zPath)
{
  Err err = {0};
  int fd = mkstemp(zPath);
  assert_true(fd >= 0);
  close(fd);
  log_set_quiet(1);
  Store *db = store_open(zPath, &err);
  assert_non_null(db);
  return db;
}

/* A commitment record: scheme zAid, beneficiary, signature, start and end
** of the practice owed, commune, amount granted. */
static void commit_init(AidCommitment *c, const char *zAid, const char *zWho,
                        const char *zSigned, const char *zStart,
                        const char *zEnd, const char *zPlace, int64_t cents)
{
  memset(c, 0, sizeof *c);
  snprintf(c->zAid, sizeof c->zAid, "%s", zAid);
  snprintf(c->zBeneficiary, sizeof c->zBeneficiary, "%s", zWho);
  snprintf(c->zSigned, sizeof c->zSigned, "%s", zSigned);
  snprintf(c->zStart, sizeof c->zStart, "%s", zStart);
  snprintf(c->zEnd, sizeof c->zEnd, "%s", zEnd);
  snprintf(c->zPlace, sizeof c->zPlace, "%s", zPlace);
  c->amountCents = cents;
}

/* db_new() with the seed catalogue (data/aids) loaded. */
static Store *db_seeded(char *zPath)
{
  Store *db = db_new(zPath);
  Err err = {0};
  int n;
  assert_int_equal(aid_load_dir(db, "data/aids", &n, &err), 0);
  return db;
}

static void db_free(Store *db, const char *zPath)
{
  store_close(db);
  unlink(zPath);
}

/* A scheme text with an id, a benefit of `amount` once, and a cumulation
** line (may be ""). */
static char *scheme(const char *zId, int amount, const char *zCumul)
{
  Str s = STR_INIT;
  str_appendf(&s, "id: %s\nnom: Aide %s\nétat: publié\nporteur: région\n"
              "territoire: région 44\nprofessions: toutes\nstatuts: tous\n%s"
              "\n[avantage]\ntype: argent\nmontant: %d\npériodicité: unique\n",
              zId, zId, zCumul, amount);
  return str_finish(&s);
}

static AidCatalog *catalog_of(const char **az, int n)
{
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  for (int i = 0; i < n; i++) assert_int_equal(aid_parse(pCat, "t", az[i], &err), 0);
  assert_int_equal(aid_catalog_link(pCat, &err), 0);
  return pCat;
}

/* Every seed file is already in canonical form: parse then write gives back
** the same bytes, so an export never rewrites a file someone edited. */
static void test_seed_files_are_canonical(void **state)
{
  (void)state;
  DIR *d = opendir("data/aids");
  assert_non_null(d);
  struct dirent *e;
  int n = 0;
  while ((e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".aid")) continue;
    char zPath[300];
    snprintf(zPath, sizeof zPath, "data/aids/%s", e->d_name);
    char *z = slurp(zPath);
    AidCatalog *pCat = aid_catalog_new();
    Err err = {0};
    assert_int_equal(aid_parse(pCat, zPath, z, &err), 0);
    Str out = STR_INIT;
    aid_write(&out, &pCat->aScheme[0]);
    assert_string_equal(str_text(&out), z);
    str_free(&out);
    aid_catalog_free(pCat);
    free(z);
    n++;
  }
  closedir(d);
  assert_true(n >= 10);
}

/* Forgiving input, canonical output: accents, case, synonyms. */
static void test_labels_forgive_spelling(void **state)
{
  (void)state;
  assert_int_equal(aid_label_find(AID_LABEL_PROF, "Infirmière"), AID_IDE);
  assert_int_equal(aid_label_find(AID_LABEL_PROF, "infirmier·e"), AID_IDE);
  assert_int_equal(aid_label_find(AID_LABEL_PROF, "MEDECIN GENERALISTE"),
                   AID_MG);
  assert_int_equal(aid_label_find(AID_LABEL_PROF, "medecin-generaliste"),
                   AID_MG);
  assert_int_equal(aid_label_find(AID_LABEL_STATUS, "installé libéral"),
                   AID_LIBERAL);
  assert_int_equal(aid_label_find(AID_LABEL_BEN, "Garantie d’emprunt"),
                   AID_BEN_LOAN_GUARANTEE);
  assert_int_equal(aid_label_find(AID_LABEL_PROF, "pharmacien"), -1);
  assert_string_equal(aid_label(AID_LABEL_STATE, AID_PUBLISHED), "publié");
}

/* Accents-free, re-ordered, commented input is written back canonically,
** and the canonical text reads back to the same text. */
static void test_write_is_canonical_and_stable(void **state)
{
  (void)state;
  const char *z =
      "# commentaire\n"
      "nom: Aide test\nid: aide-test\netat: publie\nporteur: departement\n"
      "porteur-code: 41\nterritoire: departement 41, commune 71153\n"
      "statuts: interne, etudiante\nprofessions: generaliste\n"
      "condition: annee-min 2\ncondition: apl-max 2,5\n"
      "condition: a-verifier dossier complet\n"
      "[engagement]\nremboursement: pro rata\nduree: 3 ans\n"
      "[avantage]\ntype: argent\nperiodicite: par mois\nmontant: 1 200 €\n"
      "duree: 24 mois\nplafond: 20000\n";
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  assert_int_equal(aid_parse(pCat, "x", z, &err), 0);
  Str a = STR_INIT, b = STR_INIT;
  aid_write(&a, &pCat->aScheme[0]);
  assert_non_null(strstr(str_text(&a), "statuts: étudiant·e, interne\n"));
  assert_non_null(strstr(str_text(&a), "condition: apl-max 2.5\n"));
  assert_non_null(strstr(str_text(&a), "montant: 1200\n"));
  assert_non_null(strstr(str_text(&a), "remboursement: prorata\n"));
  assert_int_equal(aid_parse(pCat, "y", str_text(&a), &err), 0);
  aid_write(&b, &pCat->aScheme[1]);
  assert_string_equal(str_text(&a), str_text(&b));
  /* the ceiling caps the money: 1 200 x 24 would be 28 800 */
  AidProfile p;
  aid_profile_init(&p);
  int64_t aMonth[24] = {0};
  int nPaid;
  assert_int_equal(aid_benefit_months(&pCat->aScheme[0].aBen[0], &p, aMonth,
                                      24, &nPaid), 1);
  int64_t sum = 0;
  for (int i = 0; i < 24; i++) sum += aMonth[i];
  assert_true(sum == 2000000);
  assert_true(aMonth[16] == 80000 && aMonth[17] == 0);
  str_free(&a);
  str_free(&b);
  aid_catalog_free(pCat);
}

/* A non-combinable pair is listed, and the best combination keeps the
** richer side; a pair nobody declared is "à vérifier". */
static void test_best_combination_respects_incompatible_pairs(void **state)
{
  (void)state;
  char *a = scheme("a", 5000, "non-cumulable-avec: b\n");
  char *b = scheme("b", 3000, "cumulable-avec: c\n");
  char *c = scheme("c", 2500, "");
  const char *az[] = {a, b, c};
  AidCatalog *pCat = catalog_of(az, 3);
  AidProfile p;
  aid_profile_init(&p);
  p.profession = AID_MG;
  p.status = AID_SALARIE;
  Arena *ar = arena_new();
  AidSim *s = aid_simulate(pCat, &p, ar);
  assert_int_equal(s->aRes[0].verdict, AID_ELIGIBLE);
  /* a+c = 7 500 beats b+c = 5 500; a+b is forbidden */
  assert_int_equal(s->nBest, 2);
  assert_true(s->bestTotalCents == 750000);
  int nForbidden = 0, nUnknown = 0;
  for (int k = 0; k < s->nPair; k++) {
    if (s->aPair[k].kind == 2) {
      nForbidden++;
      assert_int_equal(s->aPair[k].i, 0);
      assert_int_equal(s->aPair[k].j, 1);
    } else {
      nUnknown++;                 /* a/c: nobody said */
    }
  }
  assert_int_equal(nForbidden, 1);
  assert_int_equal(nUnknown, 1);
  json_t *j = aid_sim_json(s);
  assert_int_equal(json_array_size(json_object_get(j, "paires")), 2);
  json_t *best = json_object_get(j, "meilleure");
  assert_int_equal(json_integer_value(json_object_get(best, "total_centimes")),
                   750000);
  assert_string_equal(json_string_value(json_object_get(best, "texte")),
                      "Meilleure combinaison : 2 aides, 7\u202f500\u00a0€.");
  assert_int_equal(json_array_size(json_object_get(best, "mois_centimes")), 1);
  json_t *first = json_array_get(json_object_get(j, "aides"), 0);
  assert_string_equal(json_string_value(json_object_get(first, "verdict")),
                      "éligible");
  json_decref(j);
  arena_free(ar);
  aid_catalog_free(pCat);
  free(a);
  free(b);
  free(c);
}

static void test_link_rejects_contradictions_and_duplicates(void **state)
{
  (void)state;
  char *a = scheme("a", 1, "non-cumulable-avec: b\n");
  char *b = scheme("b", 1, "cumulable-avec: a\n");
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  aid_parse(pCat, "a", a, &err);
  aid_parse(pCat, "b", b, &err);
  assert_int_equal(aid_catalog_link(pCat, &err), ERR_INPUT);
  assert_non_null(strstr(err.zMsg, "contradictoire"));
  aid_catalog_free(pCat);
  pCat = aid_catalog_new();
  err_clear(&err);
  char *a2 = scheme("a", 2, "");
  aid_parse(pCat, "a", a2, &err);
  aid_parse(pCat, "a", a2, &err);
  assert_int_equal(aid_catalog_link(pCat, &err), ERR_INPUT);
  assert_non_null(strstr(err.zMsg, "double"));
  aid_catalog_free(pCat);
  free(a);
  free(b);
  free(a2);
}

/* People read names with the code in parentheses; the file keeps codes. */
static void test_territory_names(void **state)
{
  (void)state;
  AidTerr t[3] = {{AID_TERR_DEP, "41", "Loir-et-Cher"},
                  {AID_TERR_COMMUNE, "71153", NULL},
                  {AID_TERR_FRANCE, "", NULL}};
  Str s = STR_INIT;
  aid_terr_say(&s, t, 3);
  assert_string_equal(str_text(&s), "département Loir-et-Cher (41), commune "
                      "71153, France");
  str_reset(&s);
  aid_terr_text(&s, t, 3);
  assert_string_equal(str_text(&s), "département 41, commune 71153, France");
  str_free(&s);
}

/* Territory by EPCI: known EPCI decides, missing EPCI is "unknown". */
static void test_territory_levels(void **state)
{
  (void)state;
  AidTerr t[2] = {{AID_TERR_EPCI, "200000001", NULL},
                  {AID_TERR_REG, "44", NULL}};
  AidPlace pl;
  memset(&pl, 0, sizeof pl);
  strcpy(pl.zCommune, "71153");
  strcpy(pl.zDep, "71");
  strcpy(pl.zReg, "27");
  assert_int_equal(aid_place_in(t, 2, &pl), -1);     /* EPCI not known */
  strcpy(pl.zEpci, "200000001");
  assert_int_equal(aid_place_in(t, 2, &pl), 1);
  strcpy(pl.zEpci, "200000002");
  assert_int_equal(aid_place_in(t, 2, &pl), 0);
  strcpy(pl.zReg, "44");
  assert_int_equal(aid_place_in(t, 2, &pl), 1);
}

/* A directory with one bad file loads nothing, and leaves what was there. */
static void test_load_dir_is_all_or_nothing(void **state)
{
  (void)state;
  char zDb[] = "/tmp/oasis-aids-db-XXXXXX";
  Store *db = db_new(zDb);
  char zDir[] = "/tmp/oasis-aids-dir-XXXXXX";
  assert_non_null(mkdtemp(zDir));
  char zPath[300];
  char *a = scheme("a", 100, "");
  snprintf(zPath, sizeof zPath, "%s/a.aid", zDir);
  spit(zPath, a);
  Err err = {0};
  int n = 0;
  assert_int_equal(aid_load_dir(db, zDir, &n, &err), 0);
  assert_int_equal(n, 1);
  /* now a changed a.aid and a broken z.aid: neither may land */
  char *a2 = scheme("a", 999, "");
  spit(zPath, a2);
  char zBad[300];
  snprintf(zBad, sizeof zBad, "%s/z.aid", zDir);
  spit(zBad, "id: z\nnom: Z\nétat: publié\nporteur: région\n"
             "territoire: région 44\nprofessions: toutes\nstatuts: tous\n"
             "\n[avantage]\ntype: argent\nmontant: -5\npériodicité: unique\n");
  assert_int_equal(aid_load_dir(db, zDir, &n, &err), ERR_INPUT);
  char zBuf[600];
  err_text(&err, zBuf, sizeof zBuf);
  assert_non_null(strstr(zBuf, "z.aid, ligne 11 (montant) : montant négatif"));
  AidCatalog *pCat = aid_catalog_new();
  err_clear(&err);
  assert_int_equal(aid_store_load(db, pCat, 0, &err), 0);
  assert_int_equal(pCat->nScheme, 1);
  assert_true(pCat->aScheme[0].aBen[0].amountCents == 10000);
  aid_catalog_free(pCat);
  unlink(zPath);
  unlink(zBad);
  rmdir(zDir);
  free(a);
  free(a2);
  db_free(db, zDb);
}

/* Files → database → export gives the seed files back, byte for byte; a
** published-only load leaves drafts out and drops links to them. */
static void test_store_round_trip_and_published_filter(void **state)
{
  (void)state;
  char zDb[] = "/tmp/oasis-aids-db-XXXXXX";
  Store *db = db_new(zDb);
  Err err = {0};
  int n = 0;
  assert_int_equal(aid_load_dir(db, "data/aids", &n, &err), 0);
  char zDir[] = "/tmp/oasis-aids-out-XXXXXX";
  assert_non_null(mkdtemp(zDir));
  int nOut = 0;
  assert_int_equal(aid_export_dir(db, zDir, &nOut, &err), 0);
  assert_int_equal(n, nOut);
  AidCatalog *pCat = aid_catalog_new();
  assert_int_equal(aid_read_dir(pCat, "data/aids", &err), 0);
  for (int i = 0; i < pCat->nScheme; i++) {
    char zA[300], zB[300];
    snprintf(zA, sizeof zA, "data/aids/%s.aid", pCat->aScheme[i].zId);
    snprintf(zB, sizeof zB, "%s/%s.aid", zDir, pCat->aScheme[i].zId);
    char *a = slurp(zA), *b = slurp(zB);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(a);
    free(b);
    unlink(zB);
  }
  rmdir(zDir);
  /* turn the CESP into a draft: Le Creusot's link to it must go */
  int iCesp = aid_catalog_find(pCat, "cesp");
  assert_true(iCesp >= 0);
  pCat->aScheme[iCesp].state = AID_DRAFT;
  AidCatalog one = *pCat;
  one.aScheme = &pCat->aScheme[iCesp];
  one.nScheme = 1;
  assert_int_equal(aid_store_save(db, &one, &err), 0);
  AidCatalog *pPub = aid_catalog_new();
  assert_int_equal(aid_store_load(db, pPub, 1, &err), 0);
  assert_int_equal(pPub->nScheme, n - 1);
  assert_int_equal(aid_catalog_find(pPub, "cesp"), -1);
  int iCreusot = aid_catalog_find(pPub, "creusot-etudiants");
  assert_int_equal(pPub->aScheme[iCreusot].nWith, 0);
  Stmt *q = store_stmt(db, "SELECT count(*) FROM aid_tag WHERE kind ="
                           " 'profession' AND value = 'chirurgien-dentiste'");
  assert_true(store_one_int(q, 0) >= 1);
  aid_catalog_free(pPub);
  aid_catalog_free(pCat);
  db_free(db, zDb);
}

static void test_scheme_check_names_the_field(void **state)
{
  (void)state;
  char *a = scheme("a", 100, "");
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  assert_int_equal(aid_parse(pCat, "a", a, &err), 0);
  AidScheme s = pCat->aScheme[0];
  assert_int_equal(aid_scheme_check(&s, &err), 0);
  s.zName = "deux\nlignes";
  assert_int_equal(aid_scheme_check(&s, &err), ERR_INPUT);
  assert_string_equal(err.zField, "nom");
  err_clear(&err);
  s = pCat->aScheme[0];
  AidBenefit b = s.aBen[0];
  b.amountCents = -300;
  s.aBen = &b;
  assert_int_equal(aid_scheme_check(&s, &err), ERR_INPUT);
  assert_string_equal(err.zField, "montant");
  aid_catalog_free(pCat);
  free(a);
}

/* The back-office save validates, checks cumulation ids, and writes the
** same text a file would hold. */
static void test_store_put_validates(void **state)
{
  (void)state;
  char zDb[] = "/tmp/oasis-aids-db-XXXXXX";
  Store *db = db_new(zDb);
  Err err = {0};
  char *a = scheme("a", 100, "cumulable-avec: b\n");
  char *b = scheme("b", 200, "");
  AidCatalog *pCat = aid_catalog_new();
  assert_int_equal(aid_parse(pCat, "a", a, &err), 0);
  assert_int_equal(aid_parse(pCat, "b", b, &err), 0);
  assert_int_equal(aid_store_put(db, &pCat->aScheme[0], &err), ERR_INPUT);
  assert_string_equal(err.zField, "cumulable-avec");
  err_clear(&err);
  assert_int_equal(aid_store_put(db, &pCat->aScheme[1], &err), 0);
  assert_int_equal(aid_store_put(db, &pCat->aScheme[0], &err), 0);
  Stmt *q = store_stmt(db, "SELECT text FROM aid_scheme WHERE id = 'a'");
  assert_int_equal(store_step(q, &err), 1);
  assert_string_equal(store_col_text(q, 0), a);
  store_reset(q);
  AidScheme bad = pCat->aScheme[1];
  bad.zContact = "ligne 1\nligne 2";
  assert_int_equal(aid_store_put(db, &bad, &err), ERR_INPUT);
  assert_string_equal(err.zField, "contact");
  aid_catalog_free(pCat);
  free(a);
  free(b);
  db_free(db, zDb);
}

static void test_months_between(void **state)
{
  (void)state;
  assert_int_equal(aid_months_between("2024-01-15", "2025-03-15"), 14);
  assert_int_equal(aid_months_between("2024-01-15", "2025-03-14"), 13);
  assert_int_equal(aid_months_between("2024-01-31", "2024-02-29"), 0);
  assert_int_equal(aid_months_between("2025-01-01", "2024-01-01"), -1);
  assert_int_equal(aid_date_check("2024-02-29"), 0);
  assert_int_equal(aid_date_check("2025-02-29"), -1);
  assert_int_equal(aid_date_check("2025-2-01"), -1);
}

/* Record a commitment, log payments, break it after 14 months of 36. */
static void test_commitment_breach_prorata(void **state)
{
  (void)state;
  char zDb[] = "/tmp/oasis-aids-db-XXXXXX";
  Store *db = db_new(zDb);
  Err err = {0};
  AidCatalog *pCat = aid_catalog_new();
  const char *zText =
      "id: bourse-test\nnom: Bourse\nétat: publié\nporteur: département\n"
      "territoire: département 41\nprofessions: toutes\nstatuts: interne\n"
      "\n[avantage]\ntype: argent\nmontant: 12000\npériodicité: unique\n"
      "\n[engagement]\ndurée: 3 ans\nremboursement: prorata\n";
  assert_int_equal(aid_parse(pCat, "t", zText, &err), 0);
  assert_int_equal(aid_catalog_link(pCat, &err), 0);
  assert_int_equal(aid_store_save(db, pCat, &err), 0);
  AidCommitment c;
  commit_init(&c, "bourse-test", "Dr Exemple",
              "2023-10-01", "2024-01-01", "2027-01-01", "41018",
              1200000);
  long long id = 0;
  assert_int_equal(aid_commit_create(db, &c, &id, &err), 0);
  assert_true(id > 0);
  assert_int_equal(aid_commit_pay(db, id, "2023-10-15", -5, &err), ERR_INPUT);
  assert_string_equal(err.zField, "montant");
  err_clear(&err);
  assert_int_equal(aid_commit_pay(db, id, "2023-10-15", 600000, &err), 0);
  assert_int_equal(aid_commit_pay(db, id, "2024-01-15", 600000, &err), 0);
  assert_true(aid_commit_paid(db, id) == 1200000);
  int64_t due = 0;
  assert_int_equal(aid_commit_break(db, id, "2025-03-01", &due, &err), 0);
  assert_true(due == 733333);                 /* 7 333,33 € */
  AidCommitment got;
  assert_int_equal(aid_commit_get(db, id, &got, &err), 0);
  assert_int_equal(got.status, AID_CS_BROKEN);
  assert_int_equal(got.repay, AID_REPAY_PRORATA);
  assert_true(got.dueCents == 733333);
  assert_string_equal(got.zBroken, "2025-03-01");
  /* a broken commitment cannot be broken again */
  assert_int_equal(aid_commit_break(db, id, "2025-04-01", &due, &err),
                   ERR_INPUT);
  err_clear(&err);
  /* bad input names the field */
  c.amountCents = -1;
  assert_int_equal(aid_commit_create(db, &c, &id, &err), ERR_INPUT);
  assert_string_equal(err.zField, "montant");
  err_clear(&err);
  c.amountCents = 100;
  strcpy(c.zAid, "inconnue");
  assert_int_equal(aid_commit_create(db, &c, &id, &err), ERR_INPUT);
  assert_string_equal(err.zField, "aide");
  aid_catalog_free(pCat);
  db_free(db, zDb);
}

typedef struct Seen Seen;
struct Seen {
  int nEnding, nNoProof, nUnknownDue;
};

static int on_alert(void *p, const AidCommitment *c, const char *zWhy)
{
  Seen *s = p;
  if (strstr(zWhy, "fin de l'engagement")) s->nEnding++;
  if (strstr(zWhy, "attestation")) s->nNoProof++;
  (void)c;
  return 0;
}

static int count_one(void *p, const AidCommitment *c)
{
  (void)c;
  (*(int *)p)++;
  return 0;
}

static int keep_row(void *p, const AidPortfolio *r)
{
  *(AidPortfolio *)p = *r;
  return 0;
}

/* Alerts: ending within 90 days; no proof of practice for 12 months.  A
** breach under an unpublished rule leaves the amount due to the team. */
static void test_commitment_alerts_and_unknown_rule(void **state)
{
  (void)state;
  char zDb[] = "/tmp/oasis-aids-db-XXXXXX";
  Store *db = db_seeded(zDb);
  Err err = {0};
  AidCommitment c;
  /* rule: inconnu */
  commit_init(&c, "loir-et-cher-bourse-internes", "Dr A",
              "2022-01-01", "2023-01-10", "2026-01-10", "41018",
              1200000);
  long long id1, id2;
  assert_int_equal(aid_commit_create(db, &c, &id1, &err), 0);
  strcpy(c.zBeneficiary, "Dr B");
  strcpy(c.zEnd, "2028-01-10");
  assert_int_equal(aid_commit_create(db, &c, &id2, &err), 0);
  assert_int_equal(aid_commit_proof(db, id2, "2025-06-01", &err), 0);
  Seen s = {0, 0, 0};
  assert_int_equal(aid_commit_alerts(db, "2025-11-21", 90, on_alert, &s, &err),
                   0);
  assert_int_equal(s.nEnding, 1);        /* Dr A only */
  assert_int_equal(s.nNoProof, 1);       /* Dr A: never sent a proof */
  int64_t due = 0;
  assert_int_equal(aid_commit_break(db, id2, "2025-12-01", &due, &err), 0);
  assert_true(due < 0);                  /* rule not published */
  AidCommitment got;
  assert_int_equal(aid_commit_get(db, id2, &got, &err), 0);
  assert_int_equal(got.status, AID_CS_BROKEN);
  assert_true(got.dueCents < 0);
  /* register filter and portfolio before closing */
  int nSeen = 0;
  AidCommitFilter f = {1u << AID_CS_BROKEN, "loir-et-cher-bourse-internes",
                       "41018", NULL, NULL};
  assert_int_equal(aid_commit_each(db, &f, count_one, &nSeen, &err), 0);
  assert_int_equal(nSeen, 1);
  f.zPlace = "71153";
  nSeen = 0;
  assert_int_equal(aid_commit_each(db, &f, count_one, &nSeen, &err), 0);
  assert_int_equal(nSeen, 0);
  assert_int_equal(aid_commit_pay(db, id1, "2022-02-01", 400000, &err), 0);
  AidPortfolio pf;
  memset(&pf, 0, sizeof pf);
  assert_int_equal(aid_commit_portfolio(db, "2025-11-21", keep_row, &pf, &err),
                   0);
  assert_string_equal(pf.zPorteurCode, "41");
  assert_int_equal(pf.nOngoing, 1);          /* Dr A; Dr B is broken */
  assert_int_equal(pf.nBound, 1);
  assert_true(pf.committedCents == 1200000);
  assert_true(pf.paidCents == 400000);
  assert_int_equal(pf.nBroken, 1);
  /* 50 days left for Dr A */
  assert_true(pf.yearsLeft > 49 / 365.25 && pf.yearsLeft < 51 / 365.25);
  assert_int_equal(aid_commit_close(db, id1, AID_CS_HONOURED, &err), 0);
  memset(&s, 0, sizeof s);
  assert_int_equal(aid_commit_alerts(db, "2025-11-21", 90, on_alert, &s, &err),
                   0);
  assert_int_equal(s.nEnding + s.nNoProof, 0);
  db_free(db, zDb);
}

/* Issue 13: a period « du 01/11/2023 au 31/10/2026 » is 36 months (the
** written end day included), so leaving after 14 months of 12,000 € owes
** 7,333.33 €, not 7,200 €; a 5-year commitment is 60 months, not 59. */
static void test_commitment_period_includes_end_day(void **state)
{
  (void)state;
  assert_int_equal(aid_months_period("2023-11-01", "2026-10-31"), 36);
  assert_int_equal(aid_months_period("2024-01-01", "2028-12-31"), 60);
  assert_int_equal(aid_months_period("2024-02-01", "2027-02-01"), 36);
  assert_int_equal(aid_months_period("2024-01-01", "2024-12-31"), 12);
  assert_int_equal(aid_months_period("2024-01-01", "2023-12-30"), -1);
  assert_int_equal(aid_months_period("2024-01-01", "2024-13-01"), -1);
  char zDb[] = "/tmp/oasis-aids-db-XXXXXX";
  Store *db = db_seeded(zDb);
  Err err = {0};
  AidCatalog *pCat = aid_catalog_new();
  const char *zText =
      "id: bourse-prorata\nnom: Bourse\nétat: publié\nporteur: département\n"
      "territoire: département 41\nprofessions: toutes\nstatuts: interne\n"
      "\n[avantage]\ntype: argent\nmontant: 12000\npériodicité: unique\n"
      "\n[engagement]\ndurée: 3 ans\nremboursement: prorata\n";
  assert_int_equal(aid_parse(pCat, "t", zText, &err), 0);
  assert_int_equal(aid_catalog_link(pCat, &err), 0);
  assert_int_equal(aid_store_save(db, pCat, &err), 0);
  aid_catalog_free(pCat);
  AidCommitment c;
  commit_init(&c, "bourse-prorata", "Dr Exemple",
              "2023-10-01", "2023-11-01", "2026-10-31", "41018",
              1200000);
  long long id;
  assert_int_equal(aid_commit_create(db, &c, &id, &err), 0);
  int64_t due = 0;
  assert_int_equal(aid_commit_break(db, id, "2025-01-01", &due, &err), 0);
  assert_true(due == 733333);
  db_free(db, zDb);
}

static int on_expired(void *p, const AidCommitment *c, const char *zWhy)
{
  (void)c;
  if (strstr(zWhy, "échu le 31/12/2025")) (*(int *)p)++;
  return 0;
}

/* Issue 13: the register refuses incoherent entries at their field (paid
** more than granted, payment before signature, breach or proof in the
** future, a place outside the aid's territory, over 10 M€) and alerts on
** commitments past their end still open. */
static void test_commitment_register_refuses_incoherent(void **state)
{
  (void)state;
  char zDb[] = "/tmp/oasis-aids-db-XXXXXX";
  Store *db = db_seeded(zDb);
  Err err = {0};
  setenv("OASIS_NOW", "2026-03-02", 1);
  assert_int_equal(store_exec_sql(db,
      "INSERT INTO import_log(id, kind, file_name, sha256, n_rows)"
      " VALUES (1, 'communes', 'c.csv', '-', 0);"
      "INSERT INTO communes(code, type, name, dep, reg, import_id) VALUES"
      " ('41018', 'COM', 'Blois', '41', '24', 1),"
      " ('75056', 'COM', 'Paris', '75', '11', 1)", &err), 0);
  AidCommitment c;
  commit_init(&c, "loir-et-cher-bourse-internes", "Dr C",
              "2024-01-10", "2024-02-01", "2027-01-31", "75056",
              12960000);
  long long id;
  /* Paris for a Loir-et-Cher grant */
  assert_int_equal(aid_commit_create(db, &c, &id, &err), ERR_INPUT);
  assert_string_equal(err.zField, "lieu");
  assert_non_null(strstr(err.zMsg, "Paris (75056) est hors du territoire"));
  err_clear(&err);
  /* 1,000,000,000 € */
  strcpy(c.zPlace, "41018");
  c.amountCents = (int64_t)100000000000;
  assert_int_equal(aid_commit_create(db, &c, &id, &err), ERR_INPUT);
  assert_string_equal(err.zField, "montant");
  err_clear(&err);
  c.amountCents = 12960000;                        /* 129,600 € */
  assert_int_equal(aid_commit_create(db, &c, &id, &err), 0);
  /* 500,000 € paid on 129,600 € granted */
  assert_int_equal(aid_commit_pay(db, id, "2024-03-01", 50000000, &err),
                   ERR_INPUT);
  assert_string_equal(err.zField, "montant");
  assert_non_null(strstr(err.zMsg, "dépasserait le montant accordé"));
  err_clear(&err);
  /* a payment six years before signature */
  assert_int_equal(aid_commit_pay(db, id, "2018-01-10", 100000, &err),
                   ERR_INPUT);
  assert_string_equal(err.zField, "date");
  assert_non_null(strstr(err.zMsg, "avant la signature"));
  err_clear(&err);
  assert_int_equal(aid_commit_pay(db, id, "2024-03-01", 12960000, &err), 0);
  assert_int_equal(aid_commit_pay(db, id, "2024-04-01", 1, &err), ERR_INPUT);
  err_clear(&err);
  /* an attestation or a breach in the future */
  assert_int_equal(aid_commit_proof(db, id, "2026-06-01", &err), ERR_INPUT);
  assert_string_equal(err.zField, "date");
  err_clear(&err);
  int64_t due;
  assert_int_equal(aid_commit_break(db, id, "2027-01-01", &due, &err),
                   ERR_INPUT);
  assert_string_equal(err.zField, "date");
  assert_non_null(strstr(err.zMsg, "futur"));
  err_clear(&err);
  assert_int_equal(aid_commit_proof(db, id, "2026-03-02", &err), 0);
  /* an open commitment past its end is an alert */
  strcpy(c.zBeneficiary, "Dr D");
  strcpy(c.zStart, "2023-01-01");
  strcpy(c.zEnd, "2025-12-31");
  assert_int_equal(aid_commit_create(db, &c, &id, &err), 0);
  int nExpired = 0;
  assert_int_equal(aid_commit_alerts(db, "2026-03-02", 90, on_expired,
                                     &nExpired, &err), 0);
  assert_int_equal(nExpired, 1);
  unsetenv("OASIS_NOW");
  db_free(db, zDb);
}

/* Sentences contract « de » before a commune's article (base/french.h):
** « APL du Creusot », never « APL de Le Creusot ». */
static void test_sentences_contract_de(void **state)
{
  (void)state;
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  const char *zText =
      "id: apl-test\nnom: Aide APL\nétat: publié\nporteur: commune\n"
      "territoire: France\nprofessions: toutes\nstatuts: tous\n"
      "condition: apl-max 2.5\n"
      "\n[avantage]\ntype: argent\nmontant: 100\npériodicité: unique\n";
  assert_int_equal(aid_parse(pCat, "t", zText, &err), 0);
  assert_int_equal(aid_catalog_link(pCat, &err), 0);
  AidProfile prof;
  aid_profile_init(&prof);
  prof.profession = AID_MG;
  prof.status = AID_LIBERAL;
  strcpy(prof.target.zCommune, "71153");
  strcpy(prof.target.zName, "Le Creusot");
  prof.target.hasApl = 1;
  prof.target.apl = 2.1;
  prof.target.aplVintage = 2023;
  Arena *a = arena_new();
  AidSim *pSim = aid_simulate(pCat, &prof, a);
  const AidResult *r = &pSim->aRes[0];
  int isFound = 0;
  for (int i = 0; i < r->nReason; i++) {
    if (!strcmp(r->aReason[i].zText, "APL du Creusot (71153) (DREES 2023) : "
                "2,1, en dessous du seuil de 2,5 fixé par l'aide."))
      isFound = 1;
    assert_null(strstr(r->aReason[i].zText, "de Le Creusot"));
  }
  assert_true(isFound);
  assert_int_equal(r->verdict, AID_ELIGIBLE);
  arena_free(a);
  aid_catalog_free(pCat);
}

/* Validity dates read as people write them in the sentences (« le
** 31/12/2025 »), not the catalogue's ISO form. */
static void test_validity_dates_in_french(void **state)
{
  (void)state;
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  const char *zText =
      "id: fin-test\nnom: Aide close\nétat: publié\nporteur: commune\n"
      "territoire: France\nprofessions: toutes\nstatuts: tous\n"
      "valide-au: 2025-12-31\n"
      "\n[avantage]\ntype: argent\nmontant: 100\npériodicité: unique\n";
  assert_int_equal(aid_parse(pCat, "t", zText, &err), 0);
  assert_int_equal(aid_catalog_link(pCat, &err), 0);
  AidProfile prof;
  aid_profile_init(&prof);
  prof.profession = AID_MG;
  prof.status = AID_LIBERAL;
  prof.startYear = 2026;
  prof.startMonth = 9;
  Arena *a = arena_new();
  AidSim *pSim = aid_simulate(pCat, &prof, a);
  const AidResult *r = &pSim->aRes[0];
  int isFound = 0;
  for (int i = 0; i < r->nReason; i++) {
    isFound |= !strcmp(r->aReason[i].zText, "Cette aide a pris fin le "
                       "31/12/2025, avant votre début prévu (09/2026).");
  }
  assert_true(isFound);
  assert_int_equal(r->verdict, AID_NOT_ELIGIBLE);
  arena_free(a);
  aid_catalog_free(pCat);
}

/* Regression: a last line with trailing blanks and no newline once made
** the reader loop for ever. */
static void test_last_line_with_trailing_blanks(void **state)
{
  (void)state;
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  assert_int_equal(aid_parse(pCat, "t", "id: t\nnom: T\nétat: publié\n"
                             "porteur: État\nterritoire: France\n"
                             "professions: toutes\nstatuts: tous  \t ", &err),
                   0);
  assert_int_equal(pCat->aScheme[0].statusMask, (1u << AID_NSTATUS) - 1);
  aid_catalog_free(pCat);
  /* "jusqu'à" glued to what follows (found by fuzz_aid): refused, named */
  pCat = aid_catalog_new();
  assert_int_not_equal(aid_parse(pCat, "t", "id: t\nnom: T\nétat: publié\n"
                                 "porteur: État\nterritoire: France\n"
                                 "professions: toutes\nstatuts: tous\n"
                                 "\n[avantage]\ntype: argent\n"
                                 "montant: jusqu'à-06\n", &err), 0);
  assert_non_null(strstr(err.zMsg, "après « jusqu'à »"));
  aid_catalog_free(pCat);
}

/* A scheme lists its supporting documents on one line, split on « ; »;
** an empty item is refused with the key named. */
static void test_supporting_documents(void **state)
{
  (void)state;
  static const char zHead[] = "id: t\nnom: T\nétat: publié\nporteur: État\n"
                              "territoire: France\nprofessions: toutes\n"
                              "statuts: tous\n";
  AidCatalog *pCat = aid_catalog_new();
  Err err = {0};
  Str s = STR_INIT;
  str_appendz(&s, zHead);
  str_appendz(&s, "pièces: Pièce d'identité ;  RIB;Lettre de motivation \n");
  assert_int_equal(aid_parse(pCat, "t", str_text(&s), &err), 0);
  Arena *a = arena_new();
  const char **az = aid_scheme_docs(&pCat->aScheme[0], a);
  assert_non_null(az);
  assert_string_equal(az[0], "Pièce d'identité");
  assert_string_equal(az[1], "RIB");
  assert_string_equal(az[2], "Lettre de motivation");
  assert_null(az[3]);
  Str w = STR_INIT;                 /* written back, read back the same */
  aid_write(&w, &pCat->aScheme[0]);
  assert_non_null(strstr(str_text(&w), "pièces: Pièce d'identité ;  RIB;"));
  str_free(&w);
  aid_catalog_free(pCat);

  pCat = aid_catalog_new();
  str_free(&s);
  str_appendz(&s, zHead);
  str_appendz(&s, "pièces: RIB ; ; Lettre\n");
  assert_int_not_equal(aid_parse(pCat, "t", str_text(&s), &err), 0);
  assert_non_null(strstr(err.zMsg, "pièces"));
  aid_catalog_free(pCat);
  pCat = aid_catalog_new();         /* none listed: NULL, the defaults apply */
  assert_int_equal(aid_parse(pCat, "t", zHead, &err), 0);
  assert_null(aid_scheme_docs(&pCat->aScheme[0], a));
  aid_catalog_free(pCat);
  arena_free(a);
  str_free(&s);
}

/* The hand-written reader never crashes on damaged files: each of 3,000
** mutated seed files (bytes flipped, lines cut, lines repeated) is either
** refused with a file-named error, or read and then written back stably. */
static void test_parser_survives_mutations(void **state)
{
  (void)state;
  const char *azSeed[] = {"data/aids/cesp.aid", "data/aids/creusot-etudiants.aid",
                          "data/aids/loir-et-cher-indemnite-stage.aid"};
  unsigned long long x = 0x9E3779B97F4A7C15ULL;
  int nOk = 0, nRefused = 0;
  for (int k = 0; k < 3000; k++) {
    char *z = slurp(azSeed[k % 3]);
    size_t n = strlen(z);
    for (int m = 0; m < 1 + k % 4; m++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      size_t at = x % n;
      switch ((x >> 32) % 4) {
        case 0: z[at] = (char)(x >> 40); if (!z[at]) z[at] = '['; break;
        case 1: z[at] = 0; n = at ? at : 1; break;            /* truncate */
        case 2: z[at] = '\n'; break;
        default: z[at] = ':'; break;
      }
    }
    AidCatalog *pCat = aid_catalog_new();
    Err err = {0};
    int rc = aid_parse(pCat, "mutant", z, &err);
    if (rc) {
      assert_int_equal(rc, ERR_INPUT);
      assert_string_equal(err.zFile, "mutant");
      assert_true(err.zMsg[0] != 0);
      nRefused++;
    } else {
      Str a = STR_INIT, b = STR_INIT;
      aid_write(&a, &pCat->aScheme[0]);
      assert_int_equal(aid_parse(pCat, "again", str_text(&a), &err), 0);
      aid_write(&b, &pCat->aScheme[1]);
      assert_string_equal(str_text(&a), str_text(&b));
      str_free(&a);
      str_free(&b);
      nOk++;
    }
    aid_catalog_free(pCat);
    free(z);
  }
  assert_true(nRefused > 0 && nOk > 0);
}

/* The text of embedded migration zName. */
static const char *schema_text(const char *zName)
{
  for (const EmbeddedFile *f = embedded_schema; f->zName; f++) {
    if (!strcmp(f->zName, zName)) return (const char *)f->aData;
  }
  fail_msg("migration %s not embedded", zName);
  return NULL;
}

static int64_t one_int(sqlite3 *db, const char *zSql)
{
  sqlite3_stmt *q;
  assert_int_equal(sqlite3_prepare_v2(db, zSql, -1, &q, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(q), SQLITE_ROW);
  int64_t v = sqlite3_column_type(q, 0) == SQLITE_NULL
                  ? -1 : sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  return v;
}

/* Migration 031 turns the REAL euros of the register into integer cents
** exactly (round(x * 100)), keeps an undetermined due NULL, and drops the
** euro columns. */
static void test_migration_031_euros_to_cents_exactly(void **state)
{
  (void)state;
  sqlite3 *db;
  assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, schema_text("030_aids.sql"), 0, 0, 0),
                   SQLITE_OK);
  assert_int_equal(sqlite3_exec(db,
      "INSERT INTO aid_scheme(id, name, state, porteur, text)"
      " VALUES ('a', 'A', 'publié', 'département', '');"
      "INSERT INTO aid_commitment(id, aid, beneficiary, signed_on, start_on,"
      " end_on, place, amount, repay, status, broken_on, due) VALUES"
      " (1, 'a', 'X', '2024-01-01', '2024-01-01', '2027-01-01', '41018',"
      "  12000, 'prorata', 'rompu', '2025-03-01', 7333.33),"
      " (2, 'a', 'Y', '2024-01-01', '2024-01-01', '2027-01-01', '41018',"
      "  0.29, 'inconnu', 'rompu', '2025-03-01', NULL);"
      "INSERT INTO aid_payment(commitment, paid_on, amount) VALUES"
      " (1, '2024-02-01', 1234.56), (1, '2024-03-01', 0.1);",
      0, 0, 0), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, schema_text("031_aids_cents.sql"), 0, 0,
                                0), SQLITE_OK);
  assert_int_equal(one_int(db, "SELECT amount_cents FROM aid_commitment"
                               " WHERE id = 1"), 1200000);
  assert_int_equal(one_int(db, "SELECT due_cents FROM aid_commitment"
                               " WHERE id = 1"), 733333);
  assert_int_equal(one_int(db, "SELECT amount_cents FROM aid_commitment"
                               " WHERE id = 2"), 29);
  assert_int_equal(one_int(db, "SELECT due_cents FROM aid_commitment"
                               " WHERE id = 2"), -1);
  assert_int_equal(one_int(db, "SELECT sum(amount_cents) FROM aid_payment"),
                   123466);
  assert_int_equal(one_int(db, "SELECT count(*) FROM pragma_table_info("
                               "'aid_commitment') WHERE name IN ('amount',"
                               " 'due')"), 0);
  sqlite3_close(db);
}

/* z with zOld replaced by zNew (malloc'd). */
static char *str_replace_all_test(const char *z, const char *zOld,
                                  const char *zNew)
{
  Str s = STR_INIT;
  const char *p;
  while ((p = strstr(z, zOld)) != NULL) {
    str_append(&s, z, (size_t)(p - z));
    str_appendz(&s, zNew);
    z = p + strlen(zOld);
  }
  str_appendz(&s, z);
  return str_finish(&s);
}

/* Amounts in the files are euros as people write them, kept in cents and
** written back in the canonical form; more than two decimals is refused. */
static void test_file_amounts_are_cents(void **state)
{
  (void)state;
  static const struct { const char *zIn, *zOut; int64_t cents; } a[] = {
    {"7 333,33 €", "7333.33", 733333}, {"1 200", "1200", 120000},
    {"12.5", "12.5", 1250}, {"jusqu'à 1\u202f200,05", "jusqu'à 1200.05",
                            120005}};
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    Err err = {0};
    Str in = STR_INIT, out = STR_INIT;
    str_appendf(&in, "id: x\nnom: X\nétat: publié\nporteur: région\n"
                "territoire: région 44\nprofessions: toutes\nstatuts: tous\n"
                "\n[avantage]\ntype: argent\nmontant: %s\n"
                "périodicité: unique\nplafond: 8 000\n", a[i].zIn);
    AidCatalog *pCat = aid_catalog_new();
    assert_int_equal(aid_parse(pCat, "x.aid", str_text(&in), &err), 0);
    assert_true(pCat->aScheme[0].aBen[0].amountCents == a[i].cents);
    assert_true(pCat->aScheme[0].aBen[0].ceilingCents == 800000);
    aid_write(&out, &pCat->aScheme[0]);
    char zWant[80];
    snprintf(zWant, sizeof zWant, "montant: %s\n", a[i].zOut);
    assert_non_null(strstr(str_text(&out), zWant));
    aid_catalog_free(pCat);
    str_free(&in);
    str_free(&out);
  }
  Err err = {0};
  AidCatalog *pCat = aid_catalog_new();
  char *z = scheme("y", 1, "");
  char *zBad = str_replace_all_test(z, "montant: 1\n", "montant: 1,234\n");
  assert_int_equal(aid_parse(pCat, "y.aid", zBad, &err), ERR_INPUT);
  assert_string_equal(err.zColName, "montant");
  free(z);
  free(zBad);
  aid_catalog_free(pCat);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_seed_files_are_canonical),
    cmocka_unit_test(test_labels_forgive_spelling),
    cmocka_unit_test(test_write_is_canonical_and_stable),
    cmocka_unit_test(test_best_combination_respects_incompatible_pairs),
    cmocka_unit_test(test_link_rejects_contradictions_and_duplicates),
    cmocka_unit_test(test_territory_levels),
    cmocka_unit_test(test_territory_names),
    cmocka_unit_test(test_load_dir_is_all_or_nothing),
    cmocka_unit_test(test_store_round_trip_and_published_filter),
    cmocka_unit_test(test_scheme_check_names_the_field),
    cmocka_unit_test(test_store_put_validates),
    cmocka_unit_test(test_months_between),
    cmocka_unit_test(test_commitment_breach_prorata),
    cmocka_unit_test(test_commitment_period_includes_end_day),
    cmocka_unit_test(test_sentences_contract_de),
    cmocka_unit_test(test_validity_dates_in_french),
    cmocka_unit_test(test_commitment_register_refuses_incoherent),
    cmocka_unit_test(test_migration_031_euros_to_cents_exactly),
    cmocka_unit_test(test_file_amounts_are_cents),
    cmocka_unit_test(test_commitment_alerts_and_unknown_rule),
    cmocka_unit_test(test_last_line_with_trailing_blanks),
    cmocka_unit_test(test_supporting_documents),
    cmocka_unit_test(test_parser_survives_mutations),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
