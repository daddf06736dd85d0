/*
** tests/unit/test_kit_record.c: web/kit_record.c on requests built
** without a connection: a JSON update changes only the members it names,
** a form reads them all, and a money refusal keeps the API's key.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "web/internal.h"
#include "web/kit_record.h"

static Req *form_req(const char *const *azKV)
{
  Req *req = req_new(NULL, "POST", "/essai");
  req->hasAuth = true;
  for (int i = 0; azKV && azKV[i]; i += 2) {
    form_add(req->arena, &req->form, azKV[i], azKV[i + 1]);
  }
  return req;
}

static Req *json_req(const char *zJson)
{
  Req *req = req_new(NULL, "POST", "/api/v1/essai");
  req->hasAuth = true;
  req->isApi = true;
  req->pJson = json_loads(zJson, 0, NULL);
  assert_non_null(req->pJson);
  return req;
}

typedef struct Site Site;
struct Site {
  const char *zCode, *zName, *zClosedOn;
  int64_t capacity;
  int isOpen;
};

static const KitField aSite[] = {
  {"code", "Code", KIT_TEXT, KIT_REQUIRED, offsetof(Site, zCode), 0, 0, 0, 0},
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(Site, zName), 0, 0, 0,
   "name"},
  {"date_fermeture", "Fermeture", KIT_DATE, 0, offsetof(Site, zClosedOn), 0,
   0, 0, "closed_on"},
  {"capacite", "Capacité", KIT_INT, 0, offsetof(Site, capacity), 0, 0, 0, 0},
  {"ouvert", "Ouvert", KIT_BOOL, 0, offsetof(Site, isOpen), 0, 0, 0, 0},
  {0}
};

static void test_json_update_changes_only_the_members_named(void **state)
{
  (void)state;
  Req *req = json_req("{\"closed_on\": \"2026-06-30\", \"capacite\": 3}");
  Site s = {"TA", "Antenne", "", 1, 1};
  KitErrors e = {0};
  assert_int_equal(kit_read_update(req, aSite, &s, sizeof s, &e), 0);
  assert_int_equal(e.n, 0);                 /* code, nom required: kept */
  assert_string_equal(s.zCode, "TA");
  assert_string_equal(s.zName, "Antenne");
  assert_string_equal(s.zClosedOn, "2026-06-30");
  assert_int_equal(s.capacity, 3);
  assert_int_equal(s.isOpen, 1);
  assert_true(kit_has(req, &aSite[2]));     /* by its former spelling */
  assert_false(kit_has(req, &aSite[0]));
  req_free(req);

  req = json_req("{\"nom\": \"\", \"capacite\": \"x\"}");
  assert_int_equal(kit_read_update(req, aSite, &s, sizeof s, &e), 2);
  assert_non_null(kit_error_of(&e, "nom"));
  assert_non_null(kit_error_of(&e, "capacite"));
  assert_null(kit_error_of(&e, "code"));
  req_free(req);
}

static void test_form_update_reads_every_member(void **state)
{
  (void)state;
  static const char *const az[] = {"code", "TB", "nom", "Cuisery", NULL};
  Req *req = form_req(az);
  Site s = {"TA", "Antenne", "2026-01-01", 1, 1};
  KitErrors e = {0};
  assert_int_equal(kit_read_update(req, aSite, &s, sizeof s, &e), 0);
  assert_string_equal(s.zCode, "TB");
  assert_string_equal(s.zClosedOn, "");     /* a form gives every member */
  assert_int_equal(s.capacity, KIT_UNSET);
  assert_int_equal(s.isOpen, 0);            /* an unchecked box */
  req_free(req);
}

static void test_money_refusal_keeps_the_key_the_api_sent(void **state)
{
  (void)state;
  Req *req = json_req("{\"montant_centimes\": 50000}");
  KitErrors e = {0};
  Err err = {0};
  err_set(&err, ERR_INPUT, "montant : dépasse le reste dû");
  err_field(&err, "montant");
  kit_error_add_err(req, &e, &err);
  assert_int_equal(e.n, 1);
  assert_string_equal(e.a[0].zField, "montant_centimes");
  req_free(req);

  static const char *const az[] = {"montant", "500", NULL};
  req = form_req(az);
  KitErrors e2 = {0};
  kit_error_add_err(req, &e2, &err);
  assert_string_equal(e2.a[0].zField, "montant");
  req_free(req);
}

/* A record refused before any write: ERR_INPUT, nothing run. */
static int never(Req *req, void *pArg, Err *err)
{
  (void)req;
  (void)err;
  *(int *)pArg = 1;
  return 0;
}

static void test_save_refuses_a_record_with_read_errors(void **state)
{
  (void)state;
  Req *req = json_req("{}");
  KitErrors e = {0};
  Err err = {0};
  int isRun = 0;
  kit_error_add(req, &e, "nom", "Nom : champ obligatoire");
  assert_int_equal(kit_save(req, 1, &e, never, &isRun, &err), ERR_INPUT);
  assert_int_equal(isRun, 0);
  req_free(req);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_json_update_changes_only_the_members_named),
    cmocka_unit_test(test_form_update_reads_every_member),
    cmocka_unit_test(test_money_refusal_keeps_the_key_the_api_sent),
    cmocka_unit_test(test_save_refuses_a_record_with_read_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
