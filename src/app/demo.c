/*
** app/demo.c: `oasis demo load|clear` and `oasis init`.
**
** demo load: one transaction sets the instance's territory, marks the
** instance as a demonstration and builds the set of data/demo/ through
** the modules' functions (demo_data.c, demo_plan.c); every row it creates
** is listed in the manifest so that demo clear removes that and nothing
** else.  The modules offer no delete function for dossiers, partners,
** aid commitments, trainees, places, housing, vehicles, vacancies and
** activity or finance months: clear deletes
** those rows by the manifest's ids in their documented tables (the
** foreign keys cascade to sub-tasks, assignments, bookings, rooms…).
**
** init: a real instance, without demo: the imports of tools/initdb.sh
** and the territory, nothing fictitious.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/demo.h"
#include "base/clock.h"
#include "portal/portal.h"
#include "centres/centres.h"
#include "plan/plan.h"
#include "territory/scope.h"
#include "web/web.h"

void demo_note(Demo *d, const char *zTable, int64_t id)
{
  json_t *pArr = json_object_get(d->pMan, zTable);
  if (!pArr) {
    pArr = json_array();
    json_object_set_new(d->pMan, zTable, pArr);
  }
  json_array_append_new(pArr, json_integer(id));
}

/* Set settings row zKey to zValue (NULL: delete it). */
static int demo_setting(Store *db, const char *zKey, const char *zValue,
                        Err *err)
{
  Stmt *q = zValue
      ? store_stmt(db, "INSERT INTO settings(key, value) VALUES (?1, ?2)"
                       " ON CONFLICT(key) DO UPDATE SET value = ?2")
      : store_stmt(db, "DELETE FROM settings WHERE key = ?1");
  store_bind_text(q, 1, zKey);
  if (zValue) store_bind_text(q, 2, zValue);
  return store_exec(q, err);
}

/* The manifest of the demo in db, or NULL when there is none. */
static json_t *demo_manifest(Store *db)
{
  Err e = {0};
  json_t *p = NULL;
  Stmt *q = store_stmt(db, "SELECT value FROM settings WHERE key = ?1");
  store_bind_text(q, 1, DEMO_MANIFEST_KEY);
  if (store_step(q, &e) == 1) {
    p = json_loads(store_col_text(q, 0), 0, NULL);
    store_reset(q);
  }
  return p;
}

int demo_is_loaded(Store *db)
{
  json_t *p = demo_manifest(db);
  json_decref(p);
  return p != NULL;
}

/* ---- clear -------------------------------------------------------------- */

/* The ids of table zTable in manifest pMan, as JSON text (arena). */
static const char *demo_ids(Arena *a, json_t *pMan, const char *zTable)
{
  json_t *p = json_object_get(pMan, zTable);
  if (!p) return "[]";
  char *z = json_dumps(p, JSON_COMPACT);
  const char *zOut = arena_strdup(a, z ? z : "[]");
  free(z);
  return zOut;
}

/* Delete the rows listed for zTable by statement zSql (?1: the ids). */
static int demo_delete_ids(Store *db, Arena *a, json_t *pMan,
                           const char *zTable, const char *zSql, Err *err)
{
  Stmt *q = store_stmt(db, zSql);
  store_bind_text(q, 1, demo_ids(a, pMan, zTable));
  return store_exec(q, err);
}

/* The portal's settings as they were before the demo (JSON, public
** names: portal_settings_json()). */
static int demo_portal_restore(Store *db, json_t *pBefore, Err *err)
{
  PortalSettings s;
  const char **az[] = {&s.zName, &s.zTagline, &s.zLogoUrl, &s.zPrimary,
    &s.zAccent, &s.zIntro, &s.zWhyMd, &s.zContact, &s.zOrigins,
    &s.zTerritory};
  static const char *const azKey[] = {"nom", "accroche", "logo",
    "couleur_principale", "couleur_secondaire", "presentation",
    "pourquoi_md", "contact", "origines_widget", "territoire"};
  if (!pBefore) return 0;
  for (int i = 0; i < 10; i++) {
    const char *z = json_string_value(json_object_get(pBefore, azKey[i]));
    *az[i] = z ? z : "";
  }
  return portal_settings_save(db, &s, err);
}

int demo_clear(Store *db, Err *err)
{
  json_t *pMan = demo_manifest(db);
  if (!pMan) return 0;
  Arena *a = arena_new();
  int rc = store_begin(db, err);
  size_t i;
  json_t *pId;
  /* Through the modules' delete functions where they exist. */
  static const struct {
    const char *zTable;
    int (*xDelete)(Store *, int64_t, Err *);
  } aDel[] = {
    {"centre_staff", centre_staff_delete},
    {"plan_actions", plan_action_delete},
    {"portal_events", portal_event_delete},
  };
  for (size_t k = 0; k < sizeof aDel / sizeof aDel[0]; k++) {
    json_array_foreach(json_object_get(pMan, aDel[k].zTable), i, pId) {
      if (!rc) rc = aDel[k].xDelete(db, json_integer_value(pId), err);
    }
  }
  json_array_foreach(json_object_get(pMan, "portal_communes"), i, pId) {
    if (!rc) rc = portal_commune_delete(db, json_string_value(pId), err);
  }
  for (int k = 0; k < 2; k++) {
    json_array_foreach(json_object_get(pMan, k ? "centre_finance"
                                               : "centre_activity"), i, pId) {
      Stmt *q = store_stmt(db, k
          ? "DELETE FROM centre_finance WHERE centre_id = ?1"
            " AND month = printf('%04d-%02d', ?2, ?3)"
          : "DELETE FROM centre_activity WHERE site_id = ?1"
            " AND month = printf('%04d-%02d', ?2, ?3)");
      store_bind_int(q, 1, json_integer_value(json_array_get(pId, 0)));
      store_bind_int(q, 2, json_integer_value(json_array_get(pId, 1)));
      store_bind_int(q, 3, json_integer_value(json_array_get(pId, 2)));
      if (!rc) rc = store_exec(q, err);
    }
  }
  /* The others by id, in this order: trainees before places (their
  ** assignments restrict the places' deletion). */
  static const struct { const char *zTable, *zSql, *zWhat; } aById[] = {
    {"case_dossiers", "DELETE FROM case_dossiers"
                      " WHERE id IN (SELECT value FROM json_each(?1))",
     "dossiers"},
    {"centre_vacancy", "DELETE FROM centre_vacancy"
                       " WHERE id IN (SELECT value FROM json_each(?1))",
     "postes ouverts"},
    {"aid_commitment", "DELETE FROM aid_commitment"
                       " WHERE id IN (SELECT value FROM json_each(?1))",
     "engagements d'aide"},
    {"case_partners", "DELETE FROM case_partners"
                      " WHERE id IN (SELECT value FROM json_each(?1))",
     "partenaires"},
    {"trainee", "DELETE FROM trainee"
                " WHERE id IN (SELECT value FROM json_each(?1))",
     "stagiaires"},
    {"place", "DELETE FROM place"
              " WHERE id IN (SELECT value FROM json_each(?1))",
     "terrains de stage"},
    {"allowance_scheme", "DELETE FROM allowance_scheme"
                         " WHERE id IN (SELECT value FROM json_each(?1))",
     "indemnités de stage"},
    {"housing", "DELETE FROM housing"
                " WHERE id IN (SELECT value FROM json_each(?1))",
     "logements"},
    {"vehicle", "DELETE FROM vehicle"
                " WHERE id IN (SELECT value FROM json_each(?1))",
     "véhicules"},
  };
  for (size_t k = 0; !rc && k < sizeof aById / sizeof aById[0]; k++) {
    Err e = {0};
    rc = demo_delete_ids(db, a, pMan, aById[k].zTable, aById[k].zSql, &e);
    if (rc) {
      /* a record entered since refers to one of the demo's (a trainee
      ** assigned to a demo place…): say which, never SQLite's words */
      rc = err_set(err, ERR_INPUT, "démonstration non retirée : des "
                   "données saisies depuis dépendent de ses %s ; "
                   "supprimez-les d'abord", aById[k].zWhat);
    }
  }
  if (!rc) {
    rc = demo_portal_restore(db, json_object_get(pMan, "portal_before"), err);
  }
  if (!rc) {
    const char *z = json_string_value(json_object_get(pMan,
                                                      "territory_before"));
    rc = terr_scope_set(db, z ? z : "", err);
  }
  if (!rc) rc = demo_setting(db, DEMO_FLAG_KEY, NULL, err);
  if (!rc) rc = demo_setting(db, DEMO_MANIFEST_KEY, NULL, err);
  if (!rc) {
    rc = audit_write(db, 0, "", "instance", 0, "demo_clear", NULL, NULL, err);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  json_decref(pMan);
  arena_free(a);
  return rc;
}

/* ---- load --------------------------------------------------------------- */

int demo_load(Store *db, const char *zDir, const char *zDep, int *pnRow,
              Err *err)
{
  Demo d = {0};
  TerrScope before;
  d.db = db;
  d.a = arena_new();
  d.zDir = zDir;
  d.zDep = zDep;
  d.iToday = clock_today();
  d.now = clock_now();
  d.pMan = json_object();
  int rc = store_begin(db, err);
  if (!rc) rc = demo_clear(db, err);
  if (!rc) rc = terr_scope_load(db, d.a, &before, err);
  if (!rc) {
    json_object_set_new(d.pMan, "territory_before",
                        json_string(before.zSpec));
    rc = terr_scope_set(db, zDep, err);
  }
  if (!rc) rc = terr_scope_load(db, d.a, &d.scope, err);
  if (!rc) rc = demo_partners(&d, err);
  if (!rc) rc = demo_centres(&d, err);
  if (!rc) rc = demo_placements(&d, err);
  if (!rc) rc = demo_events(&d, err);
  if (!rc) rc = demo_dossiers(&d, err);
  if (!rc) rc = demo_commitments(&d, err);
  if (!rc) rc = demo_plan(&d, err);
  if (!rc) rc = demo_portal(&d, err);
  if (!rc) rc = demo_setting(db, DEMO_FLAG_KEY, "1", err);
  if (!rc) {
    char *z = json_dumps(d.pMan, JSON_COMPACT);
    rc = demo_setting(db, DEMO_MANIFEST_KEY, z, err);
    free(z);
  }
  if (!rc) {
    json_t *pAfter = json_pack("{s:s,s:i}", "territoire", zDep, "lignes",
                               d.nRow);
    rc = audit_write(db, 0, "", "instance", 0, "demo_load", NULL, pAfter,
                     err);
    json_decref(pAfter);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  *pnRow = d.nRow;
  json_decref(d.pMan);
  arena_free(d.a);
  return rc;
}

/* ---- commands ----------------------------------------------------------- */

/* The usage, on stdout with exit 0 when asked (--help), else on stderr. */
static int demo_usage(int isHelp)
{
  fprintf(isHelp ? stdout : stderr,
      "usage: oasis demo load [--territory CODE] [--data DOSSIER] "
      "[--db FICHIER]\n"
      "       oasis demo clear [--db FICHIER]\n"
      "       oasis demo show [--db FICHIER]\n"
      "  load : territoire de démonstration (par défaut %s, données "
      "fictives de %s)\n"
      "  clear : retire la démonstration, rétablit le territoire d'avant\n"
      "  show : « demonstration » et son territoire, ou « (pas de "
      "démonstration) »\n",
      DEMO_DEFAULT_TERRITORY, DEMO_DEFAULT_DIR);
  return isHelp ? EXIT_OK : EXIT_USAGE;
}

static int demo_cmd(int argc, char **argv)
{
  const char *zDb = "var/oasis.db", *zDep = DEMO_DEFAULT_TERRITORY;
  const char *zDir = DEMO_DEFAULT_DIR;
  if (argc < 2 || (strcmp(argv[1], "load") && strcmp(argv[1], "clear") &&
                    strcmp(argv[1], "show"))) {
    return demo_usage(argc >= 2 && !strcmp(argv[1], "--help"));
  }
  int isLoad = !strcmp(argv[1], "load");
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      zDb = argv[++i];
    } else if (isLoad && !strcmp(argv[i], "--territory") && i + 1 < argc) {
      zDep = argv[++i];
    } else if (isLoad && !strcmp(argv[i], "--data") && i + 1 < argc) {
      zDir = argv[++i];
    } else {
      int isHelp = !strcmp(argv[i], "--help");
      if (!isHelp) {
        fprintf(stderr, "oasis demo : option inattendue « %s »\n", argv[i]);
      }
      return demo_usage(isHelp);
    }
  }
  Err err = {0};
  char zBuf[1024];
  int nRow = 0;
  Store *db = store_open(zDb, &err);
  int rc = db ? 0 : ERR_IO;
  int isShow = !strcmp(argv[1], "show");
  int hadDemo = db && demo_is_loaded(db);
  if (!rc && isShow) {
    Arena *a = arena_new();
    TerrScope sc;
    if (!(rc = terr_scope_load(db, a, &sc, &err))) {
      if (demo_is_loaded(db)) printf("demonstration\t%s\n", sc.zSpec);
      else printf("(pas de démonstration)\n");
    }
    arena_free(a);
  } else if (!rc && isLoad) {
    rc = demo_load(db, zDir, zDep, &nRow, &err);
  } else if (!rc) {
    rc = demo_clear(db, &err);
  }
  store_close(db);
  if (rc) {
    fprintf(stderr, "oasis demo : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  if (isShow) {
    /* said on stdout */
  } else if (isLoad) {
    fprintf(stderr, "oasis demo : démonstration chargée (territoire %s, "
            "%d lignes de %s)\n", zDep, nRow, zDir);
  } else {
    fprintf(stderr, "oasis demo : %s\n", hadDemo ? "démonstration retirée"
                                                 : "pas de démonstration");
  }
  return EXIT_OK;
}

/*
** oasis init --territory CODE [--db F]: a real instance.  The imports are
** those of the default database (tools/initdb.sh, run with this binary),
** then the territory is set; no demonstration data.  The script is found
** under $OASIS_HOME (the source tree) or the current directory.
*/
static int init_cmd(int argc, char **argv)
{
  const char *zDb = "var/oasis.db", *zTerr = NULL;
  int isHelp = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      zDb = argv[++i];
    } else if (!strcmp(argv[i], "--territory") && i + 1 < argc) {
      zTerr = argv[++i];
    } else {
      isHelp = !strcmp(argv[i], "--help");
      if (!isHelp) {
        fprintf(stderr, "oasis init : option inattendue « %s »\n", argv[i]);
      }
      zTerr = NULL;
      break;
    }
  }
  if (!zTerr || !zTerr[0]) {
    fprintf(isHelp ? stdout : stderr,
            "usage: oasis init --territory CODE [--db FICHIER]   "
            "(département 41, plusieurs « 41 37 », ou région R24 ;"
            " sans données de démonstration)\n"
            "Puis oasis serve : sa page /premiere-installation (adresse et "
            "code affichés au démarrage) crée le premier administrateur.\n");
    return isHelp ? EXIT_OK : EXIT_USAGE;
  }
  const char *zHome = getenv("OASIS_HOME");
  char zScript[1024], zSelf[1024];
  snprintf(zScript, sizeof zScript, "%s/tools/initdb.sh",
           zHome && zHome[0] ? zHome : ".");
  ssize_t n = readlink("/proc/self/exe", zSelf, sizeof zSelf - 1);
  if (n <= 0 || access(zScript, R_OK) != 0) {
    fprintf(stderr, "oasis init : %s introuvable (lancez la commande depuis "
            "le dossier des sources, ou indiquez-le dans OASIS_HOME)\n",
            zScript);
    return EXIT_INPUT;
  }
  zSelf[n] = 0;
  /* The script works from the source tree: a relative path is the
  ** caller's, made absolute here. */
  char zCwd[1024], zAbs[2048];
  if (zDb[0] != '/' && getcwd(zCwd, sizeof zCwd)) {
    snprintf(zAbs, sizeof zAbs, "%s/%s", zCwd, zDb);
    zDb = zAbs;
  }
  char *av[] = {"bash", zScript, zSelf, (char *)zDb, "--territory",
                (char *)zTerr, NULL};
  execv("/bin/bash", av);
  perror("oasis init : bash");
  return EXIT_INPUT;
}

const Command app_demo_commands[] = {
  {"demo", demo_cmd,
   "demo load [--territory CODE] [--db FICHIER] | clear | show", 0},
  {"init", init_cmd, "init --territory CODE [--db FICHIER]", 0},
  {0, 0, 0, 0}
};
