/*
** territory/scope.c: the instance's territory (see scope.h) and
** `oasis territoire set|show`.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmd.h"
#include "base/str.h"
#include "base/mem.h"
#include "territory/scope.h"
#include "web/web.h"

#define SCOPE_KEY "instance.territoire"

/* Département codes of région zReg into p (appended); count added. */
static int scope_add_region(Store *db, Arena *a, TerrScope *p,
                            const char *zReg, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT code FROM departements WHERE reg = ?1"
                           " ORDER BY code");
  store_bind_text(q, 1, zReg);
  int rc, n = 0;
  while ((rc = store_step(q, err)) == 1) {
    if (p->nDep < TERR_SCOPE_MAX) {
      p->azDep[p->nDep++] = arena_strdup(a, store_col_text(q, 0));
    }
    n++;
  }
  return rc < 0 ? rc : n;
}

/* Name of département or région zCode ("R24"), or NULL when unknown. */
static const char *scope_name(Store *db, Arena *a, const char *zCode)
{
  Err err = {0};
  Stmt *q = zCode[0] == 'R'
      ? store_stmt(db, "SELECT name FROM regions WHERE code = ?1")
      : store_stmt(db, "SELECT name FROM departements WHERE code = ?1");
  store_bind_text(q, 1, zCode[0] == 'R' ? zCode + 1 : zCode);
  const char *z = NULL;
  if (store_step(q, &err) == 1) {
    z = arena_strdup(a, store_col_text(q, 0));
    store_reset(q);
  }
  return z;
}

int terr_scope_load(Store *db, Arena *a, TerrScope *p, Err *err)
{
  memset(p, 0, sizeof *p);
  p->zSpec = p->zName = "";
  p->zJson = "[]";
  Stmt *q = store_stmt(db, "SELECT value FROM settings WHERE key = ?1");
  store_bind_text(q, 1, SCOPE_KEY);
  int rc = store_step(q, err);
  if (rc <= 0) return rc;
  p->zSpec = arena_strdup(a, store_col_text(q, 0));
  store_reset(q);
  Str names = STR_INIT, json = STR_INIT;
  str_appendc(&json, '[');
  char *zCopy = arena_strdup(a, p->zSpec), *zSave = NULL;
  for (char *z = strtok_r(zCopy, " ,;", &zSave); z;
       z = strtok_r(NULL, " ,;", &zSave)) {
    const char *zName = scope_name(db, a, z);
    if (names.n) str_appendz(&names, ", ");
    str_appendz(&names, zName ? zName : z);
    if (z[0] == 'R') {
      if ((rc = scope_add_region(db, a, p, z + 1, err)) < 0) break;
      rc = 0;
    } else if (p->nDep < TERR_SCOPE_MAX) {
      p->azDep[p->nDep++] = z;
    }
  }
  for (int i = 0; i < p->nDep; i++) {
    str_appendf(&json, "%s\"%s\"", i ? "," : "", p->azDep[i]);
  }
  str_appendc(&json, ']');
  p->zName = arena_strdup(a, str_text(&names));
  p->zJson = arena_strdup(a, str_text(&json));
  str_free(&names);
  str_free(&json);
  return rc < 0 ? rc : 0;
}

int terr_scope_set(Store *db, const char *zSpec, Err *err)
{
  Arena *a = arena_new();
  Str norm = STR_INIT;
  int rc = 0;
  char *zCopy = arena_strdup(a, zSpec ? zSpec : ""), *zSave = NULL;
  for (char *z = strtok_r(zCopy, " ,;", &zSave); z;
       z = strtok_r(NULL, " ,;", &zSave)) {
    if (!scope_name(db, a, z)) {
      rc = err_set(err, ERR_INPUT, "territoire : « %s » n'est ni un "
                   "département connu (41, 2A…) ni une région (R24…)", z);
      err_field(err, "territoire");
      break;
    }
    if (norm.n) str_appendc(&norm, ' ');
    str_appendz(&norm, z);
  }
  if (!rc) {
    Stmt *q;
    if (norm.n) {
      q = store_stmt(db, "INSERT INTO settings(key, value) VALUES (?1, ?2)"
                         " ON CONFLICT(key) DO UPDATE SET value = ?2");
      store_bind_text(q, 2, str_text(&norm));
    } else {
      q = store_stmt(db, "DELETE FROM settings WHERE key = ?1");
    }
    store_bind_text(q, 1, SCOPE_KEY);
    rc = store_exec(q, err);
  }
  str_free(&norm);
  arena_free(a);
  return rc;
}

int terr_scope_has_dep(const TerrScope *p, const char *zDep)
{
  if (p->nDep == 0) return 1;
  for (int i = 0; zDep && i < p->nDep; i++) {
    if (strcmp(p->azDep[i], zDep) == 0) return 1;
  }
  return 0;
}

int terr_scope_has_commune(Store *db, const TerrScope *p, const char *zCode)
{
  if (p->nDep == 0) return 1;
  Err err = {0};
  Stmt *q = store_stmt(db, "SELECT dep FROM communes WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  int isIn = 0;
  if (store_step(q, &err) == 1) {
    isIn = terr_scope_has_dep(p, store_col_text(q, 0));
    store_reset(q);
  }
  return isIn;
}

/* ---- oasis territoire set|show -------------------------------------------- */

static int scope_cmd(int argc, char **argv)
{
  const char *zDb = "var/oasis.db";
  Str spec = STR_INIT;
  if (argc < 2 || (strcmp(argv[1], "set") && strcmp(argv[1], "show"))) {
    fprintf(stderr, "usage: oasis territoire set CODE… [--db FICHIER]   "
                    "(départements 41 37, ou région R24 ; \"\" pour aucun)\n"
                    "       oasis territoire show [--db FICHIER]\n");
    return EXIT_USAGE;
  }
  int isSet = !strcmp(argv[1], "set");
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      zDb = argv[++i];
    } else if (isSet) {
      if (spec.n) str_appendc(&spec, ' ');
      str_appendz(&spec, argv[i]);
    } else {
      fprintf(stderr, "oasis territoire show : argument inattendu « %s »\n",
              argv[i]);
      return EXIT_USAGE;
    }
  }
  Err err = {0};
  char zBuf[768];
  Store *db = store_open(zDb, &err);
  int rc = db ? 0 : ERR_IO;
  if (!rc && isSet) {
    rc = store_begin(db, &err);
    if (!rc) rc = terr_scope_set(db, str_text(&spec), &err);
    if (!rc) {
      json_t *pAfter = json_pack("{s:s}", "territoire", str_text(&spec));
      rc = audit_write(db, 0, "", "instance", 0, "territoire", NULL, pAfter,
                       &err);
      json_decref(pAfter);
    }
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  }
  if (!rc) {
    Arena *a = arena_new();
    TerrScope s;
    rc = terr_scope_load(db, a, &s, &err);
    if (!rc) {
      if (s.nDep) {
        printf("%s\t%s\t%s\n", s.zSpec, s.zName, s.zJson);
      } else {
        printf("(aucun territoire : toute la France compte)\n");
      }
    }
    arena_free(a);
  }
  store_close(db);
  str_free(&spec);
  if (rc) {
    fprintf(stderr, "oasis territoire : %s\n", err_text(&err, zBuf,
                                                        sizeof zBuf));
    return EXIT_INPUT;
  }
  return EXIT_OK;
}

/* `oasis settings territory CODE… [--db F]`: the same as `oasis territoire
** set CODE…`; without a code, `territoire show`. */
static int settings_cmd(int argc, char **argv)
{
  if (argc < 2 || strcmp(argv[1], "territory")) {
    fprintf(stderr, "usage: oasis settings territory CODE… [--db FICHIER]   "
                    "(départements 41 37, ou région R24 ; \"\" pour aucun ;"
                    " sans code : le territoire actuel)\n");
    return EXIT_USAGE;
  }
  int hasCode = 0;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) i++;
    else hasCode = 1;
  }
  char **av = xmalloc(sizeof(char *) * (size_t)(argc + 1));
  av[0] = "territoire";
  av[1] = hasCode ? "set" : "show";
  for (int i = 2; i < argc; i++) av[i] = argv[i];
  av[argc] = NULL;
  int rc = scope_cmd(argc, av);
  free(av);
  return rc;
}

const Command terr_scope_commands[] = {
  {"territoire", scope_cmd, "territoire set CODE…|show [--db FICHIER]", 0},
  {"settings", settings_cmd, "settings territory CODE… [--db FICHIER]", 0},
  {0, 0, 0, 0}
};
