/*
** admin/account.c: one's own account (/compte: name and password) and
** the administrator's password reset of another account.
**
** A password change asks for the current password (a stolen session alone
** cannot change it), applies the rules of password.c, ends the user's
** other sessions (admin_user_set_password does) and keeps this one.
** Every change is audited, without the password.
*/
#include <string.h>

#include "admin/admin.h"
#include "web/kit.h"
#include "web/kit_form.h"

typedef struct PwChange PwChange;
struct PwChange {
  const char *zCurrent;
  const char *zNew;
  const char *zConfirm;
};

static const KitField aPwChange[] = {
  {"actuel", "Mot de passe actuel", KIT_TEXT, KIT_REQUIRED,
   offsetof(PwChange, zCurrent), 0, 1024, 0, 0},
  {"mot_de_passe", "Nouveau mot de passe", KIT_TEXT, KIT_REQUIRED,
   offsetof(PwChange, zNew), 0, 1024, 0, 0},
  {"confirmation", "Confirmation", KIT_TEXT, KIT_REQUIRED,
   offsetof(PwChange, zConfirm), 0, 1024, 0, 0},
  {0}
};

/* A password input (never refilled: the value is not echoed back). */
static void account_pw_input(Req *req, const KitErrors *e, const char *zName,
                             const char *zLabel, const char *zHint)
{
  kit_input(req, e, zName, zLabel, "password", "", zHint);
}

static void account_render(Req *req, const KitErrors *e, int isDone)
{
  const User *u = req_user(req);
  page_begin(req, "Mon compte");
  html_printf(req, "<h1>Mon compte</h1>\n"
              "<dl class=\"facts\"><dt>Identifiant</dt><dd>%h</dd>"
              "<dt>Nom affiché</dt><dd>%h</dd><dt>Rôle</dt><dd>%h</dd></dl>\n",
              u->zLogin, u->zName, admin_role_label(u->role));
  if (isDone) {
    html_printf(req, "<div class=\"alert alert-success\" role=\"status\">"
                     "<p>Mot de passe changé. Vos autres sessions sont "
                     "fermées.</p></div>\n");
  }
  html_printf(req, "<h2>Changer de mot de passe</h2>\n");
  kit_error_box(req, e);
  form_begin(req, "/compte/mot-de-passe");
  account_pw_input(req, e, "actuel", "Mot de passe actuel", NULL);
  account_pw_input(req, e, "mot_de_passe", "Nouveau mot de passe",
                   "12 caractères au moins, pas un mot de passe courant");
  account_pw_input(req, e, "confirmation", "Confirmez le nouveau mot de passe",
                   NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Changer le mot de passe</button></div>\n");
  form_end(req);
  admin_totp_section(req);
  page_end(req);
}

/* ROUTE: GET /compte lecteur */
void account_page(Req *req)
{
  account_render(req, NULL, kit_query(req, "fait")[0] != 0);
}

/* ROUTE: POST /compte/mot-de-passe lecteur */
void account_post_password(Req *req)
{
  const User *u = req_user(req);
  Store *db = req_db(req);
  PwChange c;
  KitErrors e = {0};
  Err err = {0};
  kit_read(req, aPwChange, &c, &e);
  if (!e.n && !admin_user_verify(db, u->zLogin, c.zCurrent, NULL)) {
    kit_error_add(req, &e, "actuel", "Mot de passe actuel : incorrect");
  }
  if (!e.n && strcmp(c.zNew, c.zConfirm) != 0) {
    kit_error_add(req, &e, "confirmation",
                  "Confirmation : les deux mots de passe diffèrent");
  }
  if (!e.n && admin_check_password(c.zNew, &err)) {
    kit_error_from(req, &e, &err);
  }
  if (!e.n) {
    int rc = store_begin(db, &err);
    if (!rc) rc = admin_user_set_password(db, u->id, c.zNew, &err);
    if (!rc) rc = web_session_start(req, u->id, &err);   /* keep this one */
    if (!rc) rc = audit_log(req, "user", u->id, "password", NULL, NULL, &err);
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
    if (rc == ERR_INPUT) {
      kit_error_from(req, &e, &err);
    } else if (rc) {
      reply_incident(req, &err);
      return;
    }
  }
  if (e.n) {
    reply_status(req, 400);
    account_render(req, &e, 0);
    return;
  }
  reply_redirect(req, "/compte?fait=1");
}

/* POST /admin/utilisateurs/{id}/mot-de-passe: the administrator sets a
** new password (the account's sessions end; its failed logins are
** forgotten).  Back to /admin, or the reason of a refusal.
** ROUTE: POST /admin/utilisateurs/{id}/mot-de-passe admin
*/
void account_post_reset(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  json_t *pUser = admin_user_json(db, id);
  if (!pUser) {
    reply_error(req, 404, "introuvable", "Compte introuvable.", NULL);
    return;
  }
  const char *zLogin = json_string_value(json_object_get(pUser, "login"));
  int rc = store_begin(db, &err);
  if (!rc) rc = admin_user_set_password(db, id, kit_value(req, "mot_de_passe"),
                                        &err);
  if (!rc) rc = admin_login_unlock(db, zLogin, NULL, &err);
  if (!rc) rc = audit_log(req, "user", id, "password_reset", NULL, NULL, &err);
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  json_decref(pUser);
  kit_redirect_or_err(req, rc, &err, "/admin");
}
