/*
** tests/unit/test_cases_web.c: the request record of the guichet unique is
** read by one field table, so the public form, the hotline form and
** POST /api/v1/dossiers read the same record the same way and report
** every refused field at once.  Requests are built without a connection.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "cases/web_int.h"
#include "web/internal.h"

/* A POST form carrying the fields azKV (name, value, …, NULL). */
static Req *form_req(const char *const *azKV)
{
  Req *req = req_new(NULL, "POST", "/demande");
  for (int i = 0; azKV && azKV[i]; i += 2) {
    form_add(req->arena, &req->form, azKV[i], azKV[i + 1]);
  }
  return req;
}

/* An API request whose body is the JSON text zJson. */
static Req *json_req(const char *zJson)
{
  Req *req = req_new(NULL, "POST", "/api/v1/dossiers");
  req->isApi = true;
  req->pJson = json_loads(zJson, 0, NULL);
  assert_non_null(req->pJson);
  return req;
}

static const char *const azForm[] = {
  "prenom", " Camille ", "nom", "Durand", "email", "camille@exemple.fr",
  "telephone", "05 55 12 34 56", "profession", "medecin_generaliste",
  "statut", "interne", "projet", "installation",
  "territoire_type", "commune", "territoire_nom", "Aurillac",
  "territoire_code", "15014", "date_souhaitee", "2026-09",
  "message", "Installation\nen MSP.", "consentement", "1",
  "besoins", "aides", "besoins", "logement", "jeton", "abc123",
  "canal", "telephone", NULL
};

static const char zJson[] =
  "{\"prenom\": \"Camille\", \"nom\": \"Durand\","
  " \"email\": \"camille@exemple.fr\", \"telephone\": \"05 55 12 34 56\","
  " \"profession\": \"medecin_generaliste\", \"statut\": \"interne\","
  " \"projet\": \"installation\", \"territoire_type\": \"commune\","
  " \"territoire_nom\": \"Aurillac\", \"territoire_code\": \"15014\","
  " \"date_souhaitee\": \"2026-09\", \"message\": \"Installation\\nen MSP.\","
  " \"consentement\": true, \"besoins\": [\"aides\", \"logement\"],"
  " \"jeton\": \"abc123\", \"canal\": \"telephone\"}";

static void assert_same_request(const CaseRequest *a, const CaseRequest *b)
{
  assert_string_equal(a->zFirstName, b->zFirstName);
  assert_string_equal(a->zLastName, b->zLastName);
  assert_string_equal(a->zEmail, b->zEmail);
  assert_string_equal(a->zPhone, b->zPhone);
  assert_string_equal(a->zProfession, b->zProfession);
  assert_string_equal(a->zStatus, b->zStatus);
  assert_string_equal(a->zProject, b->zProject);
  assert_string_equal(a->zTerritoryKind, b->zTerritoryKind);
  assert_string_equal(a->zTerritoryCode, b->zTerritoryCode);
  assert_string_equal(a->zTerritoryLabel, b->zTerritoryLabel);
  assert_string_equal(a->zWishedDate, b->zWishedDate);
  assert_string_equal(a->zMessage, b->zMessage);
  assert_int_equal(a->hasConsent, b->hasConsent);
  assert_string_equal(a->zChannel, b->zChannel);
  assert_string_equal(a->zIdemToken, b->zIdemToken);
  assert_int_equal(a->nNeed, b->nNeed);
  for (int i = 0; i < a->nNeed; i++) {
    assert_string_equal(a->azNeed[i], b->azNeed[i]);
  }
}

static void test_form_and_json_read_the_same_request(void **state)
{
  (void)state;
  Req *pForm = form_req(azForm);
  Req *pJson = json_req(zJson);
  CaseRequest a, b;
  KitErrors ea = {0}, eb = {0};
  assert_int_equal(case_web_request_read(pForm, NULL, &a, &ea), 0);
  assert_int_equal(case_web_request_read(pJson, NULL, &b, &eb), 0);
  assert_string_equal(a.zFirstName, "Camille");       /* trimmed */
  assert_int_equal(a.nNeed, 2);
  assert_int_equal(a.hasConsent, 1);
  assert_same_request(&a, &b);
  req_free(pForm);
  req_free(pJson);
}

static void test_the_public_channel_is_forced(void **state)
{
  (void)state;
  Req *req = form_req(azForm);
  CaseRequest r;
  KitErrors e = {0};
  assert_int_equal(case_web_request_read(req, "formulaire", &r, &e), 0);
  assert_string_equal(r.zChannel, "formulaire");
  req_free(req);
}

static void test_every_refused_field_at_once_from_json(void **state)
{
  (void)state;
  Req *req = json_req("{\"prenom\": \"\", \"email\": \"camille@exemple\","
                      " \"telephone\": \"123\", \"besoins\": [\"aides\", 3],"
                      " \"consentement\": false, \"canal\": \"formulaire\"}");
  CaseRequest r;
  KitErrors e = {0};
  assert_true(case_web_request_read(req, NULL, &r, &e) >= 6);
  assert_non_null(strstr(kit_error_of(&e, "prenom"), "prénom"));
  assert_non_null(strstr(kit_error_of(&e, "email"), "invalide"));
  assert_non_null(strstr(kit_error_of(&e, "telephone"), "10 chiffres"));
  assert_non_null(strstr(kit_error_of(&e, "besoins"), "liste de codes"));
  assert_non_null(kit_error_of(&e, "profession"));
  assert_non_null(kit_error_of(&e, "consentement"));
  /* the API answers them all: the first as "field", each in "errors" */
  kit_reply_errors(req, &e);
  assert_int_equal(req->status, 400);
  json_t *p = json_loads(str_text(&req->out), 0, NULL);
  json_t *pErr = json_object_get(p, "error");
  assert_string_equal(json_string_value(json_object_get(pErr, "code")),
                      "saisie_invalide");
  assert_int_equal((int)json_array_size(json_object_get(pErr, "errors")),
                   e.n);
  json_decref(p);
  req_free(req);
}

int main(void)
{
  setenv("OASIS_NOW", "2026-03-02T09:00:00Z", 1);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_form_and_json_read_the_same_request),
    cmocka_unit_test(test_the_public_channel_is_forced),
    cmocka_unit_test(test_every_refused_field_at_once_from_json),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
