/*
** cases/pages_groups.c: instructor groups (issue 14, item 4).
**
**   GET  /accompagnement/groupes    the groups, what they cover, who is in
**                                   them, their untaken new requests
**   POST /accompagnement/groupes    a new group (or, with id, an update)
**
** A new request goes to the group that fits its territory and needs best
** (store_groups.c); its members find it in their reminders until one of
** them takes it.
*/
#include <string.h>

#include "cases/web_int.h"

typedef struct GroupIn GroupIn;
struct GroupIn {
  int64_t id;
  const char *zName, *zTerritories, *zMembers;
};

static const KitField aGroupField[] = {
  {"id", "Groupe", KIT_ID, 0, offsetof(GroupIn, id), 0, 0, NULL, NULL},
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(GroupIn, zName), 0, 120,
   NULL, NULL},
  {"territoires", "Territoires", KIT_TEXT, 0, offsetof(GroupIn, zTerritories),
   0, 1000, NULL, NULL},
  {"membres", "Membres", KIT_TEXT, 0, offsetof(GroupIn, zMembers), 0, 2000,
   NULL, NULL},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

static void groups_render(Req *req, const KitErrors *e, const GroupIn *in,
                          const char *zNeeds)
{
  Err err = {0};
  CaseGroup *a;
  int n = 0;
  if (case_group_list(req_db(req), req_arena(req), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  case_web_page_begin(req, "Groupes d'instruction", NULL, NULL,
                      "Groupes");
  html_printf(req, "<h1>Groupes d'instruction</h1>\n<p>Une nouvelle demande "
                   "va au groupe qui couvre le mieux son territoire et ses "
                   "besoins ; ses membres la voient dans leurs relances tant "
                   "que personne ne l'a prise.</p>\n");
  if (n > 0) {
    html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\""
                     " aria-labelledby=\"t-groupes\"><table>\n<caption "
                     "id=\"t-groupes\">Groupes (%d)</caption>\n<thead><tr><th "
                     "scope=\"col\">Groupe</th><th scope=\"col\">Territoires"
                     "</th><th scope=\"col\">Besoins</th><th scope=\"col\">"
                     "Membres</th><th scope=\"col\">Nouvelles demandes</th>"
                     "</tr></thead><tbody>\n", n);
    for (int i = 0; i < n; i++) {
      html_printf(req, "<tr><th scope=\"row\">%h</th><td>%h</td><td>%h</td>"
                       "<td>%h</td><td><a href=\"/accompagnement/dossiers?"
                       "etat=nouveau&amp;agent=aucun&amp;groupe=%lld\">%d</a>"
                       "</td></tr>\n", a[i].zName,
                  *a[i].zTerritories ? a[i].zTerritories : "partout",
                  *a[i].zNeeds ? a[i].zNeeds : "tous",
                  *a[i].zMembers ? a[i].zMembers : "—", (long long)a[i].id,
                  a[i].nNew);
    }
    html_printf(req, "</tbody></table></div>\n");
  }
  html_printf(req, "<h2>Nouveau groupe</h2>\n");
  kit_error_box(req, e);
  form_begin(req, "/accompagnement/groupes");
  kit_input(req, e, "nom", "Nom", "text", in->zName, NULL);
  kit_input(req, e, "territoires", "Territoires couverts", "text",
            in->zTerritories, "codes séparés par des virgules : département "
            "(71), commune (71153), EPCI ; vide = partout");
  case_web_need_checks(req, "besoins", "Besoins traités (aucun coché = tous)",
                       zNeeds);
  if (kit_error_of(e, "besoins")) {
    html_printf(req, "<p class=\"field-msg\" id=\"f-besoins-err\">%h</p>\n",
                kit_error_of(e, "besoins"));
  }
  kit_input(req, e, "membres", "Membres", "text", in->zMembers,
            "identifiants de connexion séparés par des virgules");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Créer le groupe</button></div>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /accompagnement/groupes agent */
void case_page_groups(Req *req)
{
  GroupIn in = {0, "", "", ""};
  groups_render(req, NULL, &in, "");
}

/* ROUTE: POST /accompagnement/groupes agent */
void case_post_group(Req *req)
{
  GroupIn in;
  KitErrors e = {0};
  Err err = {0};
  const char **azNeed = NULL;
  memset(&in, 0, sizeof in);
  kit_read(req, aGroupField, &in, &e);
  int nNeed = case_web_list(req, "besoins", &azNeed);
  Str s = STR_INIT;
  for (int i = 0; i < nNeed; i++) {
    str_appendf(&s, "%s%s", i ? "," : "", azNeed[i]);
  }
  const char *zNeeds = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  CaseGroup g = {in.id, in.zName, in.zTerritories, zNeeds, "", 0};
  int64_t id = 0;
  int rc = e.n ? ERR_INPUT : case_act_group_save(req, &g, in.zMembers, &id,
                                                 &err);
  if (rc == ERR_INPUT) {
    if (!e.n) kit_error_from(req, &e, &err);
    reply_status(req, 400);
    groups_render(req, &e, &in, zNeeds);
    return;
  }
  kit_redirect_or_err(req, rc, &err, "/accompagnement/groupes");
}
