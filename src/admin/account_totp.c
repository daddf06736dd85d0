/*
** admin/account_totp.c: turning one's second factor on and off (/compte).
**
**   POST /compte/double-authentification             a new secret, shown
**        as text and as an otpauth:// URI, with the code field;
**   POST /compte/double-authentification/activer     the first code
**        confirms it: on, ten recovery codes shown once;
**   POST /compte/double-authentification/desactiver  with the password.
** Every change is audited, without the secret or the codes.  The codes
** themselves are computed in totp.c; login.c asks them at login.
*/
#include <string.h>
#include <time.h>

#include "admin/admin.h"
#include "web/kit.h"

/* The section of /compte. */
void admin_totp_section(Req *req)
{
  const User *u = req_user(req);
  int state = admin_totp_state(req_db(req), u->id);
  html_printf(req, "<h2 id=\"double-authentification\">Double "
              "authentification</h2>\n");
  if (state == TOTP_ON) {
    html_printf(req, "<p>La double authentification est <strong>activée"
                "</strong> : à chaque connexion, un code de votre application "
                "est demandé après le mot de passe.</p>\n");
    form_begin(req, "/compte/double-authentification/desactiver");
    kit_input(req, NULL, "mot_de_passe_2fa", "Mot de passe actuel",
              "password", "", "pour désactiver la double authentification");
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                "Désactiver</button></div>\n");
    form_end(req);
    return;
  }
  html_printf(req, "<p>Protégez votre compte par un code à 6 chiffres que "
              "donne une application d'authentification (TOTP) sur votre "
              "téléphone, demandé après le mot de passe.</p>\n");
  form_begin(req, "/compte/double-authentification");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
              "Activer la double authentification</button></div>\n");
  form_end(req);
}

/* The enrolment page: the pending secret and the field for a first code. */
static void totp_enrol_page(Req *req, const char *zSecret, const KitErrors *e)
{
  const User *u = req_user(req);
  Str grouped = STR_INIT;
  for (size_t i = 0; zSecret[i]; i++) {
    if (i && i % 4 == 0) str_appendc(&grouped, ' ');
    str_appendc(&grouped, zSecret[i]);
  }
  page_begin(req, "Activer la double authentification");
  kit_breadcrumb(req, "Mon compte", "/compte",
                 "Activer la double authentification", NULL, NULL);
  html_printf(req, "<h1>Activer la double authentification</h1>\n");
  kit_error_box(req, e);
  html_printf(req, "<ol>\n<li>Dans votre application d'authentification, "
              "ajoutez un compte en saisissant cette clé (type « basé sur "
              "le temps », algorithme SHA-256, 6 chiffres, 30 secondes) :"
              "<p><code class=\"secret\">%h</code></p></li>\n"
              "<li>ou, si votre application accepte une adresse, "
              "celle-ci :<p><code class=\"secret\">otpauth://totp/oasis:%u"
              "?secret=%u&amp;issuer=oasis&amp;algorithm=SHA256&amp;"
              "digits=6&amp;period=30</code></p></li>\n"
              "<li>puis saisissez le code qu'elle affiche.</li>\n</ol>\n",
              str_text(&grouped), u->zLogin, zSecret);
  str_free(&grouped);
  form_begin(req, "/compte/double-authentification/activer");
  kit_input_ex(req, e, "code", "Code à 6 chiffres", "text", "", NULL,
               "inputmode=\"numeric\" autocomplete=\"one-time-code\" "
               "required");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
              "Activer</button></div>\n");
  form_end(req);
  page_end(req);
}

/* POST /compte/double-authentification: a new pending secret.
** ROUTE: POST /compte/double-authentification lecteur
*/
void totp_post_begin(Req *req)
{
  const User *u = req_user(req);
  Store *db = req_db(req);
  Err err = {0};
  char zSecret[60];
  if (admin_totp_state(db, u->id) == TOTP_ON) {
    reply_error(req, 409, "conflit", "La double authentification est déjà "
                "activée : désactivez-la d'abord pour changer de clé.", NULL);
    return;
  }
  if (admin_totp_begin(db, u->id, zSecret, &err)) {
    reply_incident(req, &err);
    return;
  }
  totp_enrol_page(req, zSecret, NULL);
}

/* End the transaction of a change of user id's TOTP: audited as zAction
** and committed when rc is 0, else rolled back.  Returns the final rc; on
** failure the incident page is already queued. */
static int totp_end(Req *req, int rc, int64_t id, const char *zAction,
                    Err *err)
{
  Store *db = req_db(req);
  if (!rc) rc = audit_log(req, "user", id, zAction, NULL, NULL, err);
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (rc) reply_incident(req, err);
  return rc;
}

/* POST /compte/double-authentification/activer: the first code.
** ROUTE: POST /compte/double-authentification/activer lecteur
*/
void totp_post_enable(Req *req)
{
  const User *u = req_user(req);
  Store *db = req_db(req);
  Err err = {0};
  KitErrors e = {0};
  char azCode[10][12];
  if (admin_totp_state(db, u->id) != TOTP_PENDING) {
    reply_error(req, 409, "conflit", "Aucune activation en cours : "
                "recommencez depuis votre compte.", NULL);
    return;
  }
  const char *zSecret = admin_totp_secret(db, u->id, req_arena(req));
  int rc = store_begin(db, &err);
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  if (!admin_totp_verify(db, u->id, kit_value(req, "code"),
                         (int64_t)time(NULL))) {
    store_rollback(db, 0);
    kit_error_add(req, &e, "code", "Code à 6 chiffres : incorrect (vérifiez "
                  "la clé saisie et l'heure du téléphone)");
    reply_status(req, 400);
    totp_enrol_page(req, zSecret, &e);
    return;
  }
  rc = admin_totp_enable(db, u->id, azCode, &err);
  if (totp_end(req, rc, u->id, "totp_on", &err)) return;
  page_begin(req, "Double authentification activée");
  html_printf(req, "<h1>Double authentification activée</h1>\n"
              "<p>Voici vos <strong>codes de secours</strong>, chacun "
              "utilisable une fois à la place d'un code si vous perdez votre "
              "téléphone. Notez-les maintenant : ils ne seront plus "
              "affichés.</p>\n<ul class=\"recovery-codes\">\n");
  for (int i = 0; i < 10; i++) {
    html_printf(req, "<li><code>%h</code></li>\n", azCode[i]);
  }
  html_printf(req, "</ul>\n<p><a href=\"/compte\">Retour à mon compte</a>"
              "</p>\n");
  page_end(req);
}

/* POST /compte/double-authentification/desactiver: with the password.
** ROUTE: POST /compte/double-authentification/desactiver lecteur
*/
void totp_post_disable(Req *req)
{
  const User *u = req_user(req);
  Store *db = req_db(req);
  Err err = {0};
  if (!admin_user_verify(db, u->zLogin, kit_value(req, "mot_de_passe_2fa"),
                         NULL)) {
    reply_error(req, 400, "saisie_invalide", "Mot de passe actuel : "
                "incorrect. La double authentification reste activée.",
                "mot_de_passe_2fa");
    return;
  }
  int rc = store_begin(db, &err);
  if (!rc) rc = admin_totp_disable(db, u->id, &err);
  if (totp_end(req, rc, u->id, "totp_off", &err)) return;
  reply_redirect(req, "/compte#double-authentification");
}
