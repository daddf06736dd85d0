/*
** admin/pages.c: /admin (accounts) and /admin/journal (audit log).
**
** Admin-only, by the route table.  Each change runs in one transaction
** with its audit entry; on an input error the page says why (400), on a
** database failure the change is rolled back and a 500 carries the
** incident id.
*/
#include <string.h>

#include "admin/admin.h"
#include "base/log.h"
#include "web/kit.h"

static void admin_role_options(Req *req, Role selected)
{
  static const Role aRole[] = {ROLE_LECTEUR, ROLE_AGENT, ROLE_ADMIN};
  for (size_t i = 0; i < 3; i++) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n",
                admin_role_name(aRole[i]),
                aRole[i] == selected ? " selected" /*trusted*/ : "" /*trusted*/,
                admin_role_label(aRole[i]));
  }
}

/* The accounts page; zError (or NULL) is shown on top, as an alert. */
static void admin_users_render(Req *req, const char *zError)
{
  Store *db = req_db(req);
  Err err = {0};
  page_begin(req, "Administration");
  html_printf(req, "<h1>Administration</h1>\n");
  if (zError) {
    html_printf(req, "<p class=\"error\" role=\"alert\">%h</p>\n", zError);
  }
  html_printf(req,
              "<p><a href=\"/admin/journal\">Journal des modifications</a> · "
              "<a href=\"/admin/instance\">Éditeur de l'instance (mentions "
              "légales)</a></p>\n"
              "<h2>Comptes</h2>\n"
              "<table>\n<caption>Comptes de la plateforme</caption>\n"
              "<thead><tr><th scope=\"col\">Identifiant</th>"
              "<th scope=\"col\">Nom</th><th scope=\"col\">Rôle</th>"
              "<th scope=\"col\">État</th><th scope=\"col\">Actions</th>"
              "</tr></thead>\n<tbody>\n");
  Stmt *q = store_stmt(db, "SELECT id, login, name, role, disabled FROM users "
                           "ORDER BY login");
  int rc;
  while ((rc = store_step(q, &err)) == 1) {
    long long id = (long long)store_col_int(q, 0);
    const char *zLogin = store_col_text(q, 1);
    Role role = admin_role_parse(store_col_text(q, 3));
    int isDisabled = (int)store_col_int(q, 4);
    html_printf(req, "<tr><td>%h</td><td>%h</td><td>%h</td><td>%h</td><td>\n",
                zLogin, store_col_text(q, 2), admin_role_label(role),
                isDisabled ? "désactivé" : "actif");
    form_begin(req, html_mprintf(req, "/admin/utilisateurs/%lld/role", id));
    html_printf(req, "<label for=\"role-%lld\">Rôle de %h</label>\n"
                "<select id=\"role-%lld\" name=\"role\">\n", id, zLogin, id);
    admin_role_options(req, role);
    html_printf(req, "</select>\n<button type=\"submit\">Changer le rôle"
                "</button>\n");
    form_end(req);
    form_begin(req, html_mprintf(req, "/admin/utilisateurs/%lld/etat", id));
    html_printf(req, "<input type=\"hidden\" name=\"desactive\" value=\"%d\">\n"
                "<button type=\"submit\">%h</button>\n", isDisabled ? 0 : 1,
                isDisabled ? "Réactiver" : "Désactiver");
    form_end(req);
    form_begin(req, html_mprintf(req, "/admin/utilisateurs/%lld/mot-de-passe",
                                 id));
    html_printf(req, "<label for=\"mdp-%lld\">Nouveau mot de passe de %h"
                "</label>\n<input id=\"mdp-%lld\" name=\"mot_de_passe\" "
                "type=\"password\" autocomplete=\"new-password\" "
                "minlength=\"12\" required>\n<button type=\"submit\">"
                "Réinitialiser</button>\n", id, zLogin, id);
    form_end(req);
    html_printf(req, "</td></tr>\n");
  }
  html_printf(req, "</tbody>\n</table>\n");
  if (rc) log_error("admin: users list failed (incident %s)", req_id(req));
  html_printf(req, "<h2>Nouveau compte</h2>\n");
  form_begin(req, "/admin/utilisateurs");
  html_printf(req,
      "<p><label for=\"identifiant\">Identifiant</label>\n"
      "<input id=\"identifiant\" name=\"identifiant\" required "
      "autocomplete=\"off\"></p>\n"
      "<p><label for=\"nom\">Nom affiché</label>\n"
      "<input id=\"nom\" name=\"nom\" autocomplete=\"off\"></p>\n"
      "<p><label for=\"role\">Rôle</label>\n<select id=\"role\" name=\"role\">\n");
  admin_role_options(req, ROLE_LECTEUR);
  html_printf(req,
      "</select></p>\n"
      "<p><label for=\"mot_de_passe\">Mot de passe (12 caractères au moins)"
      "</label>\n<input id=\"mot_de_passe\" name=\"mot_de_passe\" "
      "type=\"password\" autocomplete=\"new-password\" required></p>\n"
      "<p><button type=\"submit\">Créer le compte</button></p>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /admin admin */
void admin_page_users(Req *req)
{
  admin_users_render(req, NULL);
}

/* Finish a change: commit (or roll back on rc) and answer: back to the
** list, or the list again with the reason of a refusal (400/403). */
static void admin_finish(Req *req, Store *db, int rc, Err *err)
{
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (rc == ERR_INPUT || rc == ERR_DENIED) {
    /* The page again, saying what to fix. */
    reply_status(req, rc == ERR_DENIED ? 403 : 400);
    admin_users_render(req, err->zMsg);
  } else if (rc == ERR_NOTFOUND) {
    reply_error(req, 404, "introuvable", "Compte introuvable.", NULL);
  } else if (rc) {
    reply_incident(req, err);
  } else {
    reply_redirect(req, "/admin");
  }
}

/* ROUTE: POST /admin/utilisateurs admin */
void admin_post_create(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  int64_t id = 0;
  int rc = store_begin(db, &err);
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  rc = admin_user_create(db, req_form(req, "identifiant"),
                         req_form(req, "nom"),
                         admin_role_parse(req_form(req, "role")),
                         req_form(req, "mot_de_passe"), &id, &err);
  if (!rc) {
    json_t *pAfter = admin_user_json(db, id);
    rc = audit_log(req, "user", id, "create", NULL, pAfter, &err);
    json_decref(pAfter);
  }
  admin_finish(req, db, rc, &err);
}

/* The {id} of the path as an account id, or 0 (404 already queued). */
static int64_t admin_id_or_404(Req *req)
{
  long id = 0;
  if (str_to_long(req_arg(req, "id"), &id) || id <= 0) {
    reply_error(req, 404, "introuvable", "Compte introuvable.", NULL);
    return 0;
  }
  return id;
}

/* A change to the account of the path's {id}, for admin_post_change. */
typedef struct AdminChange AdminChange;
struct AdminChange {
  const char *zAction;    /* audit action: "role", "disable", "enable" */
  Role role;              /* "role": the new role */
  int isDisabled;         /* "disable"/"enable" */
};

/* Apply c to account id (the self-deactivation refused). */
static int admin_apply_change(Req *req, Store *db, int64_t id,
                              const AdminChange *c, Err *err)
{
  if (!strcmp(c->zAction, "role")) {
    return admin_user_set_role(db, id, c->role, err);
  }
  if (c->isDisabled && id == req_user(req)->id) {
    return err_set(err, ERR_DENIED, "vous ne pouvez pas désactiver votre "
                   "propre compte");
  }
  return admin_user_set_disabled(db, id, c->isDisabled, err);
}

/* Change the account of the path's {id} in one transaction: the change,
** the check that an active admin remains, the audit entry (before and
** after), then the page's answer (admin_finish). */
static void admin_post_change(Req *req, const AdminChange *c)
{
  Store *db = req_db(req);
  Err err = {0};
  int64_t id = admin_id_or_404(req);
  if (!id) return;
  json_t *pBefore = admin_user_json(db, id), *pAfter = NULL;
  int rc = store_begin(db, &err);
  if (rc) {
    json_decref(pBefore);
    reply_incident(req, &err);
    return;
  }
  rc = admin_apply_change(req, db, id, c, &err);
  if (!rc && admin_count_admins(db) == 0) {
    rc = err_set(&err, ERR_DENIED, "il doit rester au moins un "
                 "administrateur actif");
  }
  if (!rc) {
    pAfter = admin_user_json(db, id);
    rc = audit_log(req, "user", id, c->zAction, pBefore, pAfter, &err);
  }
  json_decref(pBefore);
  json_decref(pAfter);
  admin_finish(req, db, rc, &err);
}

/* ROUTE: POST /admin/utilisateurs/{id}/role admin */
void admin_post_role(Req *req)
{
  AdminChange c = {"role", admin_role_parse(req_form(req, "role")), 0};
  admin_post_change(req, &c);
}

/* ROUTE: POST /admin/utilisateurs/{id}/etat admin */
void admin_post_state(Req *req)
{
  const char *zState = req_form(req, "desactive");
  int isDisabled = zState && strcmp(zState, "1") == 0;
  AdminChange c = {isDisabled ? "disable" : "enable", ROLE_PUBLIC,
                   isDisabled};
  admin_post_change(req, &c);
}

/* A filter value: NULL when absent or empty. */
static const char *admin_filter(Req *req, const char *zName)
{
  const char *z = req_query(req, zName);
  return z && z[0] ? z : NULL;
}

/* A YYYY-MM-DD date filter; -1 with a 400 queued when malformed. */
static int admin_date_or_reply(Req *req, const char *zName, const char **pz)
{
  const char *z = admin_filter(req, zName);
  *pz = z;
  if (!z) return 0;
  if (strlen(z) == 10 && strspn(z, "0123456789-") == 10 && z[4] == '-' &&
      z[7] == '-') {
    return 0;
  }
  Err err = {0};
  err_set(&err, ERR_INPUT, "date invalide : format attendu AAAA-MM-JJ");
  err_field(&err, zName);
  return reply_input_error(req, &err);
}

/* ROUTE: GET /admin/journal admin */
void admin_page_journal(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  const char *zEntity = admin_filter(req, "entite");
  const char *zUser = admin_filter(req, "utilisateur");
  const char *zFrom, *zTo;
  if (admin_date_or_reply(req, "du", &zFrom) ||
      admin_date_or_reply(req, "au", &zTo)) {
    return;
  }
  page_begin(req, "Journal des modifications");
  html_printf(req, "<h1>Journal des modifications</h1>\n"
              "<form method=\"get\" action=\"/admin/journal\">\n"
              "<p><label for=\"entite\">Objet</label>\n"
              "<input id=\"entite\" name=\"entite\" value=\"%h\"></p>\n"
              "<p><label for=\"utilisateur\">Utilisateur</label>\n"
              "<input id=\"utilisateur\" name=\"utilisateur\" value=\"%h\"></p>\n"
              "<p><label for=\"du\">Du</label>\n"
              "<input id=\"du\" name=\"du\" type=\"date\" value=\"%h\"></p>\n"
              "<p><label for=\"au\">Au</label>\n"
              "<input id=\"au\" name=\"au\" type=\"date\" value=\"%h\"></p>\n"
              "<p><button type=\"submit\">Filtrer</button></p>\n</form>\n",
              zEntity ? zEntity : "", zUser ? zUser : "", zFrom ? zFrom : "",
              zTo ? zTo : "");
  kit_table_begin(req, "journal", "audit-log",
                  "Dernières modifications (200 au plus)");
  html_printf(req, "<thead><tr><th scope=\"col\">Date</th>"
              "<th scope=\"col\">Utilisateur</th><th scope=\"col\">Objet</th>"
              "<th scope=\"col\">Action</th><th scope=\"col\">Avant</th>"
              "<th scope=\"col\">Après</th></tr></thead>\n<tbody>\n");
  Stmt *q = store_stmt(db,
      "SELECT at, user_login, entity, entity_id, action, "
      "coalesce(before_json, ''), coalesce(after_json, '') FROM audit_log "
      "WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR user_login = ?2) "
      "AND (?3 IS NULL OR at >= ?3) "
      "AND (?4 IS NULL OR at < date(?4, '+1 day')) "
      "ORDER BY id DESC LIMIT 200");
  store_bind_list(q, STORE_V(zEntity), STORE_V(zUser), STORE_V(zFrom),
                  STORE_V(zTo));
  int rc, nRow = 0;
  while ((rc = store_step(q, &err)) == 1) {
    const char *zWho = store_col_text(q, 1);
    html_printf(req, "<tr><td>%h</td><td>%h</td><td>%h %h</td><td>%h</td>"
                "<td><code>%h</code></td><td><code>%h</code></td></tr>\n",
                kit_datetime_fr(req, store_col_text(q, 0)),
                zWho[0] ? zWho : "(ligne de commande)",
                store_col_text(q, 2), store_col_text(q, 3),
                store_col_text(q, 4), store_col_text(q, 5),
                store_col_text(q, 6));
    nRow++;
  }
  html_printf(req, "</tbody>\n");
  kit_table_end(req);
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  if (nRow == 0) html_printf(req, "<p>Aucune modification ne correspond.</p>\n");
  page_end(req);
}
