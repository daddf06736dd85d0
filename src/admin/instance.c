/*
** admin/instance.c: who publishes this instance (/admin/instance): the
** collectivité, its address, the director of publication, a contact, the
** host and the data-protection officer.  The legal pages (web/legal.c)
** show them; until they are entered those pages say so.  Kept in the
** settings table as "instance.KEY"; every change audited.
*/
#include <string.h>

#include "admin/admin.h"
#include "territory/scope.h"
#include "web/kit.h"
#include "web/kit_form.h"

typedef struct Instance Instance;
struct Instance {
  const char *azValue[7];
};

static const KitField aInstance[] = {
  {"editeur", "Collectivité éditrice", KIT_TEXT, 0,
   offsetof(Instance, azValue[0]), 0, 200, 0, 0},
  {"adresse", "Adresse", KIT_TEXT, 0, offsetof(Instance, azValue[1]), 0, 300,
   0, 0},
  {"directeur_publication", "Directeur ou directrice de la publication",
   KIT_TEXT, 0, offsetof(Instance, azValue[2]), 0, 200, 0, 0},
  {"contact", "Contact (adresse électronique ou téléphone)", KIT_TEXT, 0,
   offsetof(Instance, azValue[3]), 0, 200, 0, 0},
  {"hebergeur", "Hébergeur", KIT_TEXT, 0, offsetof(Instance, azValue[4]), 0,
   300, 0, 0},
  {"dpo", "Délégué à la protection des données (contact)", KIT_TEXT, 0,
   offsetof(Instance, azValue[5]), 0, 200, 0, 0},
  /* last: checked and stored by territory/scope.c */
  {"territoire", "Territoire de l'instance", KIT_TEXT, 0,
   offsetof(Instance, azValue[6]), 0, 200, 0, 0},
  {0}
};

static void instance_render(Req *req, const Instance *v, const KitErrors *e,
                            int isSaved)
{
  page_begin(req, "Éditeur de l'instance");
  kit_breadcrumb(req, "Administration", "/admin", "Éditeur de l'instance",
                 NULL, NULL);
  html_printf(req, "<h1>Éditeur de l'instance</h1>\n<p>Ces informations "
                   "paraissent sur les pages <a href=\"/mentions-legales\">"
                   "Mentions légales</a> et <a href=\"/donnees-personnelles\">"
                   "Données personnelles</a>.</p>\n");
  if (isSaved) {
    html_printf(req, "<div class=\"alert alert-success\" role=\"status\">"
                     "<p>Enregistré.</p></div>\n");
  }
  kit_error_box(req, e);
  form_begin(req, "/admin/instance");
  for (int k = 0; aInstance[k].zName; k++) {
    int isScope = !strcmp(aInstance[k].zName, "territoire");
    kit_input(req, e, aInstance[k].zName, aInstance[k].zLabel, "text",
              v->azValue[k], isScope ? "départements (« 41 » ou « 41 37 ») ou "
              "région (« R24 ») : tous les chiffres, listes et totaux s'y "
              "limitent ; vide pour la France entière" : NULL);
  }
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /admin/instance admin */
void instance_page(Req *req)
{
  Instance v;
  for (int k = 0; aInstance[k].zName; k++) {
    v.azValue[k] = web_instance_get(req, aInstance[k].zName);
  }
  instance_render(req, &v, NULL, kit_query(req, "fait")[0] != 0);
}

int admin_setting_put(Store *db, const char *zKey, const char *zValue,
                      Err *err)
{
  Stmt *q;
  if (zValue && zValue[0]) {
    q = store_stmt(db, "INSERT INTO settings(key, value) VALUES (?1, ?2) "
                       "ON CONFLICT(key) DO UPDATE SET value = ?2");
    store_bind_text(q, 2, zValue);
  } else {
    q = store_stmt(db, "DELETE FROM settings WHERE key = ?1");
  }
  store_bind_text(q, 1, zKey);
  return store_exec(q, err);
}

/* Store every field of v (an empty one removes its row), audited. */
static int instance_write(Req *req, void *pArg, Err *err)
{
  const Instance *v = pArg;
  Store *db = req_db(req);
  json_t *pAfter = json_object();
  int rc = 0;
  for (int k = 0; !rc && aInstance[k].zName; k++) {
    if (!strcmp(aInstance[k].zName, "territoire")) {
      rc = terr_scope_set(db, v->azValue[k], err);
      json_object_set_new(pAfter, "territoire", json_string(v->azValue[k]));
      continue;
    }
    const char *zKey = arena_printf(req_arena(req), "instance.%s",
                                    aInstance[k].zName);
    rc = admin_setting_put(db, zKey, v->azValue[k], err);
    json_object_set_new(pAfter, aInstance[k].zName,
                        json_string(v->azValue[k]));
  }
  if (!rc) rc = kit_audit(req, "instance", 0, "update", NULL, pAfter, err);
  else json_decref(pAfter);
  return rc;
}

/* ROUTE: POST /admin/instance admin */
void instance_post(Req *req)
{
  Instance v;
  KitErrors e = {0};
  Err err = {0};
  if (kit_read(req, aInstance, &v, &e)) {
    reply_status(req, 400);
    instance_render(req, &v, &e, 0);
    return;
  }
  int rc = kit_write(req, instance_write, &v, &err);
  if (rc == ERR_INPUT) {
    kit_error_from(req, &e, &err);
    reply_status(req, 400);
    instance_render(req, &v, &e, 0);
    return;
  }
  kit_redirect_or_err(req, rc, &err, "/admin/instance?fait=1");
}
