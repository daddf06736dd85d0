/*
** admin/commands.c: `oasis user add|passwd|list|disable|unlock` and
** `oasis instance list|get|set|unset` (the instance.* settings; `oasis
** settings territory` is territory/scope.c's).
** (`oasis backup` and `restore` are app/backup.c's: they span modules.)
**
** Every account change is audited (user "" = the command line) in the
** same transaction as the change.  Passwords come from OASIS_PASSWORD or
** are read from the terminal without echo; they never appear in argv.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "admin/admin.h"
#include "base/cmd.h"

#define ADMIN_DEFAULT_DB "var/oasis.db"

static int admin_fail(const char *zCmd, const Err *err)
{
  char zBuf[768];
  fprintf(stderr, "oasis %s : %s\n", zCmd, err_text(err, zBuf, sizeof zBuf));
  return err->code == ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
}

/* Read a password: OASIS_PASSWORD, else a prompt without echo.  0 or -1. */
static int admin_read_password(char *zBuf, size_t nBuf)
{
  const char *zEnv = getenv("OASIS_PASSWORD");
  if (zEnv) {
    snprintf(zBuf, nBuf, "%s", zEnv);
    return 0;
  }
  struct termios old, quiet;
  bool isTty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
  fprintf(stderr, "Mot de passe : ");
  if (isTty) {
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  char *z = fgets(zBuf, (int)nBuf, stdin);
  if (isTty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fprintf(stderr, "\n");
  }
  if (!z) return -1;
  zBuf[strcspn(zBuf, "\r\n")] = 0;
  return 0;
}

/* Options common to the commands: --db FILE, --role R, --name N. */
typedef struct AdminOpts AdminOpts;
struct AdminOpts {
  const char *zDb;
  const char *zRole;
  const char *zName;
  const char *zArg;       /* the one positional argument */
};

static int admin_parse(int argc, char **argv, int iStart, AdminOpts *o)
{
  o->zDb = ADMIN_DEFAULT_DB;
  for (int i = iStart; i < argc; i++) {
    if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      o->zDb = argv[++i];
    } else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
      o->zRole = argv[++i];
    } else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
      o->zName = argv[++i];
    } else if (argv[i][0] == '-' || o->zArg) {
      fprintf(stderr, "option ou argument inattendu « %s »\n", argv[i]);
      return -1;
    } else {
      o->zArg = argv[i];
    }
  }
  return 0;
}

static int admin_user_usage(void)
{
  fprintf(stderr,
      "usage: oasis user add IDENTIFIANT --role admin|agent|lecteur "
      "[--name NOM] [--db FICHIER]\n"
      "       oasis user passwd IDENTIFIANT [--db FICHIER]\n"
      "       oasis user list [--db FICHIER]\n"
      "       oasis user disable IDENTIFIANT [--db FICHIER]\n"
      "       oasis user unlock IDENTIFIANT [--db FICHIER]\n"
      "Le mot de passe est lu dans OASIS_PASSWORD ou demandé.\n");
  return EXIT_USAGE;
}

static int admin_user_list(Store *db)
{
  Err err = {0};
  Stmt *q = store_stmt(db, "SELECT login, role, disabled, name FROM users "
                           "ORDER BY login");
  int rc;
  while ((rc = store_step(q, &err)) == 1) {
    printf("%s\t%s\t%s\t%s\n", store_col_text(q, 0), store_col_text(q, 1),
           store_col_int(q, 2) ? "désactivé" : "actif", store_col_text(q, 3));
  }
  return rc ? admin_fail("user list", &err) : EXIT_OK;
}

/* `oasis user unlock LOGIN`: forget the account's failed logins (its own
** delays and the locks of its (login, address) pairs), audited. */
static int admin_user_unlock(Store *db, const char *zLogin)
{
  Err err = {0};
  int nCleared = 0;
  int64_t id = admin_user_id(db, zLogin);
  int rc = store_begin(db, &err);
  if (!rc) rc = admin_login_unlock(db, zLogin, &nCleared, &err);
  if (!rc) {
    rc = audit_write(db, 0, "", "user", id, "unlock", NULL, NULL, &err);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc) return admin_fail("user unlock", &err);
  fprintf(stderr, "oasis user unlock : « %s » débloqué (%d compteur(s) "
                  "d'échecs effacé(s))\n", zLogin, nCleared);
  return EXIT_OK;
}

/* Run one account change (zVerb) in a transaction with its audit entry. */
static int admin_user_change(Store *db, const char *zVerb, AdminOpts *o)
{
  Err err = {0};
  char zPw[1100];
  int64_t id = strcmp(zVerb, "add") ? admin_user_id(db, o->zArg) : 0;
  if (strcmp(zVerb, "add") && !id) {
    fprintf(stderr, "oasis user %s : compte « %s » introuvable\n", zVerb,
            o->zArg);
    return EXIT_INPUT;
  }
  if (strcmp(zVerb, "disable") && admin_read_password(zPw, sizeof zPw)) {
    fprintf(stderr, "oasis user %s : mot de passe non lu\n", zVerb);
    return EXIT_INPUT;
  }
  json_t *pBefore = id ? admin_user_json(db, id) : NULL, *pAfter = NULL;
  int rc = store_begin(db, &err);
  if (rc) goto done;
  if (strcmp(zVerb, "add") == 0) {
    Role role = admin_role_parse(o->zRole);
    if (!o->zRole || role == ROLE_PUBLIC) {
      err_set(&err, ERR_USAGE, "--role admin|agent|lecteur est requis");
      rc = ERR_USAGE;
    } else {
      rc = admin_user_create(db, o->zArg, o->zName ? o->zName : "", role, zPw,
                             &id, &err);
    }
  } else if (strcmp(zVerb, "passwd") == 0) {
    rc = admin_user_set_password(db, id, zPw, &err);
  } else {
    rc = admin_user_set_disabled(db, id, 1, &err);
  }
  if (!rc) {
    pAfter = admin_user_json(db, id);
    rc = audit_write(db, 0, "", "user", id,
                     strcmp(zVerb, "add") == 0      ? "create"
                     : strcmp(zVerb, "passwd") == 0 ? "password"
                                                    : "disable",
                     pBefore, pAfter, &err);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
done:
  memset(zPw, 0, sizeof zPw);
  json_decref(pBefore);
  json_decref(pAfter);
  if (rc) return admin_fail("user", &err);
  fprintf(stderr, "oasis user %s : compte « %s » %s\n", zVerb, o->zArg,
          strcmp(zVerb, "add") == 0      ? "créé"
          : strcmp(zVerb, "passwd") == 0 ? "mis à jour"
                                         : "désactivé");
  return EXIT_OK;
}

static int admin_cmd_user(int argc, char **argv)
{
  AdminOpts o = {0};
  if (argc < 2 || strcmp(argv[1], "--help") == 0) return admin_user_usage();
  const char *zVerb = argv[1];
  bool isList = strcmp(zVerb, "list") == 0;
  bool isUnlock = strcmp(zVerb, "unlock") == 0;
  if (!isList && !isUnlock && strcmp(zVerb, "add") &&
      strcmp(zVerb, "passwd") && strcmp(zVerb, "disable")) {
    return admin_user_usage();
  }
  if (admin_parse(argc, argv, 2, &o) || (!isList && !o.zArg) ||
      (isList && o.zArg)) {
    return admin_user_usage();
  }
  Err err = {0};
  Store *db = store_open(o.zDb, &err);
  if (!db) return admin_fail("user", &err);
  int rc = isList     ? admin_user_list(db)
           : isUnlock ? admin_user_unlock(db, o.zArg)
                      : admin_user_change(db, zVerb, &o);
  store_close(db);
  return rc;
}

static int admin_instance_usage(void)
{
  fprintf(stderr,
      "usage: oasis instance list [--db FICHIER]\n"
      "       oasis instance get NOM [--db FICHIER]\n"
      "       oasis instance set NOM VALEUR [--db FICHIER]\n"
      "       oasis instance unset NOM [--db FICHIER]\n"
      "Les réglages de l'instance (table settings, clés instance.NOM) : "
      "editeur, contact, dpo…,\n"
      "demonstration (« 1 » : bandeau « Démonstration — données fictives » "
      "sur chaque page).\n");
  return EXIT_USAGE;
}

/* The settings key of zName ("demonstration" or "instance.demonstration"
** alike): "instance." and lower-case letters or "_", in zOut; or NULL with
** the refusal said on stderr. */
static const char *admin_instance_key(const char *zName, char *zOut,
                                      size_t nOut)
{
  const char *z = strncmp(zName, "instance.", 9) == 0 ? zName + 9 : zName;
  size_t n = strlen(z);
  if (n == 0 || n > 40 || strspn(z, "abcdefghijklmnopqrstuvwxyz_") != n) {
    fprintf(stderr, "oasis instance : nom « %s » refusé (attendu : lettres "
                    "minuscules et _, comme demonstration)\n", zName);
    return NULL;
  }
  snprintf(zOut, nOut, "instance.%s", z);
  return zOut;
}

/* `oasis instance get KEY` (the value, nothing when unset), or `list`
** (zKey NULL: every instance.* key and value). */
static int admin_instance_get(Store *db, const char *zKey)
{
  Err err = {0};
  Stmt *q = store_stmt(db, "SELECT key, value FROM settings WHERE "
                           "key = ?1 OR (?1 = '' AND key LIKE 'instance.%') "
                           "ORDER BY key");
  store_bind_text(q, 1, zKey ? zKey : "");
  int rc;
  while ((rc = store_step(q, &err)) == 1) {
    if (zKey) printf("%s\n", store_col_text(q, 1));
    else printf("%s\t%s\n", store_col_text(q, 0), store_col_text(q, 1));
  }
  return rc ? admin_fail("instance", &err) : EXIT_OK;
}

/* `oasis instance set|unset KEY [VALUE]` (zValue NULL: unset), audited.
** Only the instance's own keys: the modules' settings have their own
** pages, which check them. */
static int admin_instance_put(Store *db, const char *zKey,
                              const char *zValue)
{
  Err err = {0};
  json_t *pAfter = json_pack("{s:s?}", zKey, zValue);
  int rc = store_begin(db, &err);
  if (!rc) rc = admin_setting_put(db, zKey, zValue, &err);
  if (!rc) {
    rc = audit_write(db, 0, "", "instance", 0, zValue ? "set" : "unset",
                     NULL, pAfter, &err);
  }
  json_decref(pAfter);
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  return rc ? admin_fail("instance", &err) : EXIT_OK;
}

static int admin_cmd_instance(int argc, char **argv)
{
  const char *zDb = ADMIN_DEFAULT_DB;
  const char *azArg[3] = {0};
  int nArg = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      zDb = argv[++i];
    } else if (argv[i][0] == '-' || nArg == 3) {
      return admin_instance_usage();
    } else {
      azArg[nArg++] = argv[i];
    }
  }
  const char *zVerb = nArg ? azArg[0] : "";
  int isList = !strcmp(zVerb, "list") && nArg == 1;
  int isGet = !strcmp(zVerb, "get") && nArg == 2;
  int isSet = !strcmp(zVerb, "set") && nArg == 3;
  int isUnset = !strcmp(zVerb, "unset") && nArg == 2;
  if (!isList && !isGet && !isSet && !isUnset) return admin_instance_usage();
  char zKey[64];
  if (!isList && !admin_instance_key(azArg[1], zKey, sizeof zKey)) {
    return EXIT_INPUT;
  }
  Err err = {0};
  Store *db = store_open(zDb, &err);
  if (!db) return admin_fail("instance", &err);
  int rc = isList ? admin_instance_get(db, NULL)
           : isGet ? admin_instance_get(db, zKey)
                   : admin_instance_put(db, zKey, isSet ? azArg[2] : NULL);
  store_close(db);
  return rc;
}

const Command admin_commands[] = {
  {"instance", admin_cmd_instance,
   "instance list|get|set|unset [NOM [VALEUR]] [--db FICHIER]", 0},
  {"user", admin_cmd_user,
   "user add|passwd|list|disable|unlock IDENTIFIANT [--role R] [--name N]",
   0},
  {0, 0, 0, 0}
};
