/*
** tests/unit/test_aids_web.c: what the aids pages and API build on without
** a server — the catalogue JSON of every seed scheme, the fixed amount of
** a scheme (known only when it does not depend on the person), and the
** payments/proofs log of a commitment.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aids/aids.h"
#include "base/log.h"

static AidCatalog *seed(void)
{
  Err err = {0};
  AidCatalog *pCat = aid_catalog_new();
  assert_int_equal(aid_read_dir(pCat, "data/aids", &err), 0);
  return pCat;
}

static const AidScheme *find(const AidCatalog *pCat, const char *zId)
{
  int i = aid_catalog_find(pCat, zId);
  assert_true(i >= 0);
  return &pCat->aScheme[i];
}

/* One-off 12,000 € is known; "up to 1,200 € a month until the end of
** studies" depends on the person; an unpublished amount is unknown. */
static void test_scheme_amount_known_only_without_person(void **state)
{
  AidCatalog *pCat = seed();
  int isKnown = -1;
  int64_t v = aid_scheme_amount(find(pCat, "loir-et-cher-bourse-internes"),
                                &isKnown);
  assert_int_equal(isKnown, 1);
  assert_int_equal(v, 1200000);
  aid_scheme_amount(find(pCat, "creusot-etudiants"), &isKnown);
  assert_int_equal(isKnown, 0);
  aid_scheme_amount(find(pCat, "loir-et-cher-aide-equipement"), &isKnown);
  assert_int_equal(isKnown, 0);
  aid_catalog_free(pCat);
}

/* Every seed scheme's JSON carries its id, conditions as written in the
** file, and a fixed amount that is null exactly when it is not known. */
static void test_scheme_json_of_every_seed_scheme(void **state)
{
  AidCatalog *pCat = seed();
  for (int i = 0; i < pCat->nScheme; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    json_t *j = aid_scheme_json(s);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "id")), s->zId);
    assert_int_equal(json_array_size(json_object_get(j, "conditions")),
                     s->nCond);
    assert_int_equal(json_array_size(json_object_get(j, "avantages")), s->nBen);
    int isKnown;
    aid_scheme_amount(s, &isKnown);
    assert_int_equal(json_is_null(json_object_get(j, "montant_fixe_centimes")),
                     !isKnown);
    assert_int_equal(json_is_null(json_object_get(j, "engagement")),
                     !s->commit.hasCommit);
    json_decref(j);
  }
  json_t *j = aid_scheme_json(find(pCat, "creusot-etudiants"));
  assert_string_equal(json_string_value(json_array_get(
                          json_object_get(j, "conditions"), 0)),
                      "année-min 2");
  assert_string_equal(json_string_value(json_array_get(
                          json_object_get(j, "cumulable_avec"), 0)),
                      "cesp");
  json_decref(j);
  aid_catalog_free(pCat);
}

typedef struct Log Log;
struct Log {
  char z[256];
};

static int log_add(void *pArg, const char *zKind, const char *zDate,
                   int64_t cents)
{
  Log *l = pArg;
  size_t n = strlen(l->z);
  snprintf(l->z + n, sizeof l->z - n, "%s %s %lld;", zKind, zDate,
           (long long)cents);
  return 0;
}

/* Payments and proofs come back in date order, in one list. */
static void test_commit_log_in_date_order(void **state)
{
  char zPath[] = "/tmp/oasis-aids-web-XXXXXX";
  int fd = mkstemp(zPath);
  assert_true(fd >= 0);
  close(fd);
  Err err = {0};
  log_set_quiet(1);
  Store *db = store_open(zPath, &err);
  unlink(zPath);
  assert_non_null(db);
  AidCatalog *pCat = seed();
  assert_int_equal(aid_store_save(db, pCat, &err), 0);
  AidCommitment c;
  memset(&c, 0, sizeof c);
  snprintf(c.zAid, sizeof c.zAid, "loir-et-cher-bourse-internes");
  snprintf(c.zBeneficiary, sizeof c.zBeneficiary, "X");
  snprintf(c.zSigned, sizeof c.zSigned, "2024-01-10");
  snprintf(c.zStart, sizeof c.zStart, "2024-02-01");
  snprintf(c.zEnd, sizeof c.zEnd, "2027-02-01");
  snprintf(c.zPlace, sizeof c.zPlace, "41018");
  c.amountCents = 1200000;
  long long id = 0;
  assert_int_equal(aid_commit_create(db, &c, &id, &err), 0);
  assert_int_equal(aid_commit_proof(db, id, "2025-02-03", &err), 0);
  assert_int_equal(aid_commit_pay(db, id, "2024-02-01", 600000, &err), 0);
  assert_int_equal(aid_commit_pay(db, id, "2024-08-01", 600000, &err), 0);
  Log l = {""};
  assert_int_equal(aid_commit_log(db, id, log_add, &l, &err), 0);
  assert_string_equal(l.z, "paiement 2024-02-01 600000;paiement 2024-08-01 "
                           "600000;attestation 2025-02-03 0;");
  aid_catalog_free(pCat);
  store_close(db);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_scheme_amount_known_only_without_person),
    cmocka_unit_test(test_scheme_json_of_every_seed_scheme),
    cmocka_unit_test(test_commit_log_in_date_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
