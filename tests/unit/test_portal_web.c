/*
** tests/unit/test_portal_web.c: how the portal reads its records
** (portal/fields.c): one field table for a form and a JSON body alike,
** every refused field reported at once, the former English keys still
** read and the answer marked deprecated.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "portal/web_int.h"
#include "web/internal.h"

static const char *header_of(Req *req, const char *zName)
{
  for (RespHeader *h = req->pHeaders; h; h = h->pNext) {
    if (strcmp(h->zName, zName) == 0) return h->zValue;
  }
  return NULL;
}

static void test_registration_form_reads_former_english_keys(void **state)
{
  (void)state;
  Req *req = req_new(NULL, "POST", "/portail/evenements/3/inscription");
  form_add(req->arena, &req->form, "name", " Dr Léa Martin ");
  form_add(req->arena, &req->form, "email", "lea.martin@exemple.fr");
  form_add(req->arena, &req->form, "profile", "medecin");
  form_add(req->arena, &req->form, "consent", "1");
  PortalRegistration r;
  KitErrors e = {0};
  assert_int_equal(portal_read_registration(req, 3, &r, &e), 0);
  assert_string_equal(r.zName, "Dr Léa Martin");
  assert_string_equal(r.zEmail, "lea.martin@exemple.fr");
  assert_string_equal(r.zProfile, "medecin");
  assert_true(r.hasConsent);
  assert_int_equal(r.eventId, 3);
  assert_string_equal(header_of(req, "Deprecation"), "true");
  req_free(req);
}

static void test_registration_json_reports_every_field_at_once(void **state)
{
  (void)state;
  Req *req = req_new(NULL, "POST",
                     "/api/v1/portail/evenements/3/inscriptions");
  req->isApi = true;
  req->pJson = json_pack("{s:s, s:s, s:s, s:b}", "nom", "Paul",
                         "courriel", "paul@", "profil", "pirate",
                         "consentement", 0);
  PortalRegistration r;
  KitErrors e = {0};
  assert_int_equal(portal_read_registration(req, 3, &r, &e), 3);
  assert_non_null(kit_error_of(&e, "courriel"));
  assert_non_null(kit_error_of(&e, "profil"));
  assert_non_null(kit_error_of(&e, "consentement"));
  assert_null(kit_error_of(&e, "nom"));
  /* messages beside a field start with a capital */
  assert_true(e.a[0].zMsg[0] >= 'A' && e.a[0].zMsg[0] <= 'Z');
  assert_null(header_of(req, "Deprecation"));
  req_free(req);
}

static void test_event_past_date_bad_places_and_kind_refused(void **state)
{
  (void)state;
  setenv("OASIS_NOW", "2026-03-02", 1);
  Req *req = req_new(NULL, "POST", "/portail/admin/evenements");
  form_add(req->arena, &req->form, "type", "bal");
  form_add(req->arena, &req->form, "titre", "Salon");
  form_add(req->arena, &req->form, "date", "2026-03-01");
  form_add(req->arena, &req->form, "places", "-1");
  form_add(req->arena, &req->form, "publie", "1");
  PortalEvent ev;
  KitErrors e = {0};
  assert_int_equal(portal_read_event(req, NULL, &ev, &e), 3);
  assert_non_null(kit_error_of(&e, "type"));
  assert_non_null(strstr(kit_error_of(&e, "date"), "passée"));
  assert_non_null(kit_error_of(&e, "places"));
  assert_true(ev.isPublished);
  /* the same past date is kept on an update that does not change it */
  PortalEvent old = {.id = 7, .zDate = "2026-03-01"};
  KitErrors e2 = {0};
  portal_read_event(req, &old, &ev, &e2);
  assert_null(kit_error_of(&e2, "date"));
  assert_int_equal(ev.id, 7);
  req_free(req);
  unsetenv("OASIS_NOW");
}

static void test_page_state_choice_and_old_keys(void **state)
{
  (void)state;
  Req *req = req_new(NULL, "POST", "/portail/admin/pages");
  form_add(req->arena, &req->form, "title", "Vivre ici");
  form_add(req->arena, &req->form, "slug", "vivre-ici");
  form_add(req->arena, &req->form, "body_md", "# Titre");
  form_add(req->arena, &req->form, "status", "publie");
  PortalPage p;
  KitErrors e = {0};
  assert_int_equal(portal_read_page(req, 0, &p, &e), 0);
  assert_string_equal(p.zTitle, "Vivre ici");
  assert_string_equal(p.zBodyMd, "# Titre");
  assert_true(p.isPublished);
  req_free(req);
  req = req_new(NULL, "POST", "/portail/admin/pages");
  form_add(req->arena, &req->form, "titre", "");
  form_add(req->arena, &req->form, "slug", "Mauvaise Adresse");
  form_add(req->arena, &req->form, "etat", "archive");
  KitErrors e2 = {0};
  assert_int_equal(portal_read_page(req, 0, &p, &e2), 3);
  assert_non_null(kit_error_of(&e2, "titre"));
  assert_non_null(kit_error_of(&e2, "slug"));
  assert_non_null(kit_error_of(&e2, "etat"));
  req_free(req);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_registration_form_reads_former_english_keys),
    cmocka_unit_test(test_registration_json_reports_every_field_at_once),
    cmocka_unit_test(test_event_past_date_bad_places_and_kind_refused),
    cmocka_unit_test(test_page_state_choice_and_old_keys),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
