/*
** app/firstrun.c: the first-run page of a real instance,
** /premiere-installation: the first administrator and the territory.
**
** `oasis serve` on a database without any administrator (a fresh
** `oasis init --territory CODE`, no OASIS_ADMIN_PASSWORD, no demo) serves
** these routes instead of the application's: every other page redirects
** to /premiere-installation.  The page asks for the one-time setup code
** printed on the server's stderr at start (never stored, never shown by
** the site), so that whoever reaches the site first cannot take it: the
** client address proves nothing behind a reverse proxy.  Once the account
** is created (with the same rules as every account) and the territory set,
** in one audited transaction, the application's routes are installed and
** the page answers 404 for ever: the next start finds an administrator.
**
** It does not replace `oasis user add` nor OASIS_ADMIN_PASSWORD (scripts,
** tests, the demo), which still make the account without this page.
*/
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "admin/admin.h"
#include "app/app.h"
#include "app/demo.h"
#include "territory/scope.h"
#include "web/kit.h"

#define FIRSTRUN_PATH "/premiere-installation"

static char zSetupCode[25];         /* 12 random bytes in hex, or "" */
static atomic_int isFirstRunDone;   /* the account exists: pages are gone */

/* What the form carries (kit_read fills it). */
typedef struct FirstRun FirstRun;
struct FirstRun {
  const char *zCode, *zLogin, *zName, *zEmail, *zPassword, *zConfirm;
  const char *zTerritory;
};

static const KitField aFirstRun[] = {
  {"code", "Code d'installation", KIT_TEXT, KIT_REQUIRED,
   offsetof(FirstRun, zCode), 0, 64, 0, 0},
  {"identifiant", "Identifiant", KIT_TEXT, KIT_REQUIRED,
   offsetof(FirstRun, zLogin), 0, 64, 0, 0},
  {"nom", "Nom affiché", KIT_TEXT, KIT_REQUIRED,
   offsetof(FirstRun, zName), 0, 200, 0, 0},
  {"courriel", "Adresse électronique", KIT_TEXT, KIT_REQUIRED,
   offsetof(FirstRun, zEmail), 0, 254, 0, 0},
  {"mot_de_passe", "Mot de passe", KIT_TEXT, KIT_REQUIRED,
   offsetof(FirstRun, zPassword), 0, 1024, 0, 0},
  {"confirmation", "Confirmation du mot de passe", KIT_TEXT, KIT_REQUIRED,
   offsetof(FirstRun, zConfirm), 0, 1024, 0, 0},
  {"territoire", "Territoire de l'instance", KIT_TEXT, KIT_REQUIRED,
   offsetof(FirstRun, zTerritory), 0, 200, 0, 0},
  {0}
};

int app_firstrun_needed(Store *db)
{
  const char *zEnv = getenv("OASIS_ADMIN_PASSWORD");
  return admin_count_admins(db) == 0 && !(zEnv && zEnv[0]) &&
         !demo_is_loaded(db);
}

void app_firstrun_start(const char *zListen)
{
  unsigned char a[12];
  randombytes_buf(a, sizeof a);
  sodium_bin2hex(zSetupCode, sizeof zSetupCode, a, sizeof a);
  atomic_store(&isFirstRunDone, 0);
  fprintf(stderr, "oasis : aucun compte administrateur. Première installation "
                  ":\n        http://%s" FIRSTRUN_PATH "?code=%s\n"
                  "        (code d'installation : %s ; valable jusqu'à "
                  "l'arrêt du serveur)\n", zListen, zSetupCode, zSetupCode);
}

/* A plausible e-mail address: one « @ », something before, a dot after,
** no space.  0 or ERR_INPUT on field courriel. */
static int firstrun_check_email(const char *z, Err *err)
{
  const char *zAt = strchr(z, '@');
  if (!zAt || zAt == z || strchr(zAt + 1, '@') || !strchr(zAt + 1, '.') ||
      z[strlen(z) - 1] == '.' || strpbrk(z, " \t\r\n<>\"")) {
    err_set(err, ERR_INPUT, "Adresse électronique invalide (par exemple "
            "prenom.nom@departement.fr).");
    err_field(err, "courriel");
    return ERR_INPUT;
  }
  return 0;
}

/* The form, with v's values (the passwords never echoed) and errors e. */
static void firstrun_render(Req *req, const FirstRun *v, const KitErrors *e)
{
  page_begin(req, "Première installation");
  html_printf(req,
      "<h1>Première installation</h1>\n"
      "<p class=\"lead\">Cette instance n'a pas encore d'administrateur. "
      "Créez le premier compte et choisissez le territoire : cette page "
      "disparaît ensuite.</p>\n");
  kit_error_box(req, e);
  form_begin(req, FIRSTRUN_PATH);
  kit_input_ex(req, e, "code", "Code d'installation", "text", v->zCode,
               "affiché par le serveur au démarrage (journal de oasis serve)",
               "autocomplete=\"off\" spellcheck=\"false\" required");
  html_printf(req, "<fieldset><legend>Le compte administrateur</legend>\n");
  kit_input_ex(req, e, "identifiant", "Identifiant", "text", v->zLogin,
               "lettres minuscules, chiffres, point, tiret", "autocomplete="
               "\"username\" autocapitalize=\"none\" required");
  kit_input_ex(req, e, "nom", "Nom affiché", "text", v->zName,
               "par exemple Claire Martin, direction de la santé",
               "autocomplete=\"name\" required");
  kit_input_ex(req, e, "courriel", "Adresse électronique", "email",
               v->zEmail, NULL, "autocomplete=\"email\" required");
  kit_input_ex(req, e, "mot_de_passe", "Mot de passe", "password", "",
               "12 caractères au moins, pas un mot de passe courant",
               "autocomplete=\"new-password\" minlength=\"12\" required");
  kit_input_ex(req, e, "confirmation", "Confirmation du mot de passe",
               "password", "", NULL,
               "autocomplete=\"new-password\" minlength=\"12\" required");
  html_printf(req, "</fieldset>\n");
  kit_input_ex(req, e, "territoire", "Territoire de l'instance", "text",
               v->zTerritory, "code du département (« 71 »), de plusieurs "
               "(« 71 58 ») ou de la région (« R27 ») : tous les chiffres, "
               "listes et totaux s'y limitent", "required");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Créer le compte et terminer</button></div>\n");
  form_end(req);
  page_end(req);
}

/* GET /premiere-installation (the code may come in the query string). */
static void firstrun_page(Req *req)
{
  if (atomic_load(&isFirstRunDone)) {
    reply_error(req, 404, "introuvable", "La page demandée n'existe pas ou "
                "a été déplacée.", NULL);
    return;
  }
  FirstRun v = {0};
  TerrScope sc;
  Err err = {0};
  v.zCode = kit_query(req, "code");
  v.zLogin = v.zName = v.zEmail = "";
  v.zTerritory = terr_scope_load(req_db(req), req_arena(req), &sc, &err)
                     ? "" : sc.zSpec;
  firstrun_render(req, &v, NULL);
}

/* The account, its e-mail, the territory and the audit, in one
** transaction; none of it when an administrator appeared meanwhile. */
static int firstrun_write(Req *req, void *pArg, Err *err)
{
  const FirstRun *v = pArg;
  Store *db = req_db(req);
  int64_t id = 0;
  if (admin_count_admins(db) > 0) {
    return err_set(err, ERR_DENIED, "un administrateur existe déjà");
  }
  int rc = admin_user_create(db, v->zLogin, v->zName, ROLE_ADMIN,
                             v->zPassword, &id, err);
  if (!rc) {
    rc = admin_setting_put(db, "instance.courriel_admin", v->zEmail, err);
  }
  if (!rc) rc = terr_scope_set(db, v->zTerritory, err);
  if (!rc) {
    json_t *pAfter = admin_user_json(db, id);
    json_object_set_new(pAfter, "territoire", json_string(v->zTerritory));
    rc = kit_audit(req, "user", id, "first_run", NULL, pAfter, err);
  }
  if (!rc) rc = web_session_start(req, id, err);
  return rc;
}

/* POST /premiere-installation */
static void firstrun_post(Req *req)
{
  FirstRun v;
  KitErrors e = {0};
  Err err = {0};
  if (atomic_load(&isFirstRunDone)) {
    reply_error(req, 404, "introuvable", "La page demandée n'existe pas ou "
                "a été déplacée.", NULL);
    return;
  }
  kit_read(req, aFirstRun, &v, &e);
  /* every field checked now, so that all the errors show at once */
  if (v.zCode[0] && (strlen(v.zCode) != strlen(zSetupCode) ||
                     sodium_memcmp(v.zCode, zSetupCode, strlen(zSetupCode)))) {
    err_set(&err, ERR_INPUT, "Code d'installation incorrect : recopiez celui "
            "que le serveur a affiché à son démarrage.");
    err_field(&err, "code");
    kit_error_from(req, &e, &err);
  }
  Err ek = {0};
  if (v.zLogin[0] && admin_check_login(v.zLogin, &ek)) {
    err_field(&ek, "identifiant");
    kit_error_from(req, &e, &ek);
  }
  Err en = {0};
  if (v.zName[0] && admin_check_name(v.zName, &en)) {
    err_field(&en, "nom");
    kit_error_from(req, &e, &en);
  }
  Err em = {0};
  if (v.zEmail[0] && firstrun_check_email(v.zEmail, &em)) {
    kit_error_from(req, &e, &em);
  }
  Err ep = {0};
  if (v.zPassword[0] && admin_check_password(v.zPassword, &ep)) {
    err_field(&ep, "mot_de_passe");
    kit_error_from(req, &e, &ep);
  }
  if (v.zConfirm[0] && strcmp(v.zPassword, v.zConfirm)) {
    Err ec = {0};
    err_set(&ec, ERR_INPUT, "Les deux mots de passe diffèrent.");
    err_field(&ec, "confirmation");
    kit_error_from(req, &e, &ec);
  }
  if (e.n == 0) {
    int rc = kit_write(req, firstrun_write, &v, &err);
    if (rc == ERR_DENIED) {
      reply_error(req, 404, "introuvable", "La page demandée n'existe pas "
                  "ou a été déplacée.", NULL);
      return;
    }
    if (rc == ERR_INPUT) {
      /* the territory (or a login taken): named at its field */
      if (!err.zField[0]) err_field(&err, "territoire");
      kit_error_from(req, &e, &err);
    } else if (rc) {
      kit_reply_err(req, rc, &err);
      return;
    }
  }
  if (e.n) {
    reply_status(req, 400);
    firstrun_render(req, &v, &e);
    return;
  }
  /* done: this page is gone, the application takes over.  Each install
  ** is one pointer store in the web layer; a request routed a moment ago
  ** on the first-run tables ends there (a redirect, or the 404 above). */
  atomic_store(&isFirstRunDone, 1);
  sodium_memzero(zSetupCode, sizeof zSetupCode);
  web_cache_set_prefixes(app_cache_prefixes);
  web_set_routes(app_route_tables);
  reply_redirect(req, "/admin");
}

/* Any other page while there is no administrator: to the first-run page. */
static void firstrun_redirect(Req *req)
{
  reply_redirect(req, FIRSTRUN_PATH);
}

static const Route firstrun_routes[] = {
  {"GET", FIRSTRUN_PATH, firstrun_page, ROLE_PUBLIC, 0},
  {"POST", FIRSTRUN_PATH, firstrun_post, ROLE_PUBLIC, ROUTE_LIMITED},
  {"GET", "/", firstrun_redirect, ROLE_PUBLIC, 0},
  {0, 0, 0, 0, 0}
};

static const Route firstrun_catchall_routes[] = {
  {"GET", "/{rest*}", firstrun_redirect, ROLE_PUBLIC, 0},
  {"POST", "/{rest*}", firstrun_redirect, ROLE_PUBLIC, ROUTE_NOCSRF},
  {0, 0, 0, 0, 0}
};

/* The frame's own routes kept during the first run, taken from the
** application's table: health checks, static files, and the two public
** notices any visitor may read. */
#define FIRSTRUN_MAX_FRAME 16
static Route aFrameRoutes[FIRSTRUN_MAX_FRAME + 1];

static int firstrun_is_frame(const char *zPattern)
{
  static const char *const azKeep[] = {"/healthz", "/readyz",
    "/accessibilite", "/sources", NULL};
  for (int i = 0; azKeep[i]; i++) {
    if (!strcmp(zPattern, azKeep[i])) return 1;
  }
  return !strncmp(zPattern, "/static/", 8);
}

static const Route *aFirstRunTables[] = {
  firstrun_routes, aFrameRoutes, firstrun_catchall_routes, NULL
};

const Route *const *app_firstrun_tables(void)
{
  int n = 0;
  for (const Route *r = app_routes; r->zMethod; r++) {
    if (!strcmp(r->zMethod, "GET") && firstrun_is_frame(r->zPattern) &&
        n < FIRSTRUN_MAX_FRAME) {
      aFrameRoutes[n++] = *r;
    }
  }
  memset(&aFrameRoutes[n], 0, sizeof aFrameRoutes[n]);
  return aFirstRunTables;
}
