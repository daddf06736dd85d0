/*
** tests/unit/cases_fixture.h: the fixture of the guichet unique's store
** tests (test_cases_store.c, test_cases_links.c): a temporary database
** with every migration applied and an attachments folder, a valid request,
** and a dossier created from it at a given time.
*/
#ifndef OASIS_TESTS_CASES_FIXTURE_H
#define OASIS_TESTS_CASES_FIXTURE_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "cases/cases.h"

typedef struct Fixture Fixture;
struct Fixture {
  char zDir[64];      /* temporary directory: database and attachments */
  char zAttach[128];
  Store *db;
  Arena *arena;
};

static int64_t at(const char *z)
{
  int64_t t = 0;
  assert_int_equal(case_time_parse(z, &t), 0);
  return t;
}

static int setup(void **state)
{
  Fixture *f = calloc(1, sizeof *f);
  char zPath[128];
  Err err = {0};
  log_set_quiet(1);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/oasis-cases-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  snprintf(zPath, sizeof zPath, "%s/t.db", f->zDir);
  snprintf(f->zAttach, sizeof f->zAttach, "%s/attachments", f->zDir);
  f->db = store_open(zPath, &err);
  assert_non_null(f->db);
  f->arena = arena_new();
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  char zCmd[200];
  store_close(f->db);
  arena_free(f->arena);
  snprintf(zCmd, sizeof zCmd, "rm -rf '%s'", f->zDir);
  assert_int_equal(system(zCmd), 0);
  free(f);
  return 0;
}

static CaseRequest request(const char *zToken)
{
  CaseRequest r = {0};
  r.zFirstName = "Camille";
  r.zLastName = "Durand";
  r.zEmail = "camille.durand@exemple.fr";
  r.zPhone = "0555123456";
  r.zProfession = "medecin_generaliste";
  r.zStatus = "interne";
  r.zProject = "installation";
  r.zTerritoryKind = "commune";
  r.zTerritoryCode = "15014";
  r.zTerritoryLabel = "Aurillac";
  r.azNeed[0] = "demarches";
  r.azNeed[1] = "logement";
  r.nNeed = 2;
  r.zMessage = "Je cherche un cabinet.";
  r.hasConsent = 1;
  r.zChannel = "formulaire";
  r.zIdemToken = zToken;
  return r;
}

static int64_t create(Fixture *f, const char *zToken, const char *zNow)
{
  CaseRequest r = request(zToken);
  CaseActor who = {0, "Camille Durand"};
  Err err = {0};
  int64_t id = 0;
  int isNew = 0;
  assert_int_equal(case_dossier_create(f->db, &r, &who, at(zNow), &id,
                                       &isNew, &err), 0);
  return id;
}

#endif
