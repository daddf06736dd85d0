/*
** plan/pages_edit.c: the team's side of the plan: actions, their yearly
** budget lines, what they fund, spending entries and output indicators.
**
** Each form posts to its own route; each write runs in one transaction
** with its audit entry.  A refused entry (a negative amount, a bad year)
** shows the action page again with status 400, the French reason next to
** the form that was sent and what was typed; nothing is saved.
*/
#include <stdio.h>
#include <string.h>

#include "plan/web_int.h"
#include "portal/portal.h"

/* A refusal to show in section zSection of the page being rendered. */
typedef struct Refusal Refusal;
struct Refusal {
  const char *zSection;      /* "action", "budget", "lien", "depense", ... */
  const char *zField;
  const char *zMsg;
};

/* Value to show in field zName of form zSection: what was typed when that
** form was refused, else zDefault. */
static const char *typed(Req *req, const Refusal *pRef, const char *zSection,
                         const char *zName, const char *zDefault)
{
  if (pRef && strcmp(pRef->zSection, zSection) == 0) {
    const char *z = req_form(req, zName);
    return z ? z : "";
  }
  return zDefault;
}

/* The refusal message at the top of form zSection, if it is the one. */
static void refusal_alert(Req *req, const Refusal *pRef, const char *zSection)
{
  if (pRef && strcmp(pRef->zSection, zSection) == 0) {
    html_printf(req, "<div class=\"alert alert-error\" role=\"alert\"><p>"
                     "%h</p></div>\n", pRef->zMsg);
  }
}

/* A labelled input row; the refused field gets aria-invalid. */
static void row(Req *req, const Refusal *pRef, const char *zSection,
                const char *zName, const char *zLabel, const char *zType,
                const char *zValue, const char *zExtra)
{
  int isBad = pRef && strcmp(pRef->zSection, zSection) == 0 &&
              pRef->zField && strcmp(pRef->zField, zName) == 0;
  html_printf(req, "<div class=\"field%s\"><label for=\"%h-%h\">%h</label>\n"
                   "<input type=\"%h\" id=\"%h-%h\" name=\"%h\" value=\"%h\"%s"
                   " %s></div>\n",
              isBad ? " field-error" /*trusted*/ : "" /*trusted*/, zSection,
              zName, zLabel, zType, zSection, zName, zName, zValue,
              isBad ? " aria-invalid=\"true\"" /*trusted*/ : "" /*trusted*/,
              zExtra ? zExtra : "" /*trusted*/);
}

/* A <select> of labels a. */
static void choice(Req *req, const char *zSection, const char *zName,
                   const char *zLabel, const PlanLabel *a, const char *zValue)
{
  html_printf(req, "<div class=\"field\"><label for=\"%h-%h\">%h</label>\n"
                   "<select id=\"%h-%h\" name=\"%h\">\n", zSection, zName,
              zLabel, zSection, zName, zName);
  for (; a->zCode; a++) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n", a->zCode,
                zValue && strcmp(zValue, a->zCode) == 0
                    ? " selected" /*trusted*/ : "" /*trusted*/,
                a->zLabel);
  }
  html_printf(req, "</select></div>\n");
}

/* The page of what link l funds in its module, or NULL when that module
** has no page for it. */
static const char *link_href(Req *req, const PlanLink *l)
{
  if (strcmp(l->zKind, "centre") == 0) {
    return html_mprintf(req, "/centres/%u", l->zTarget);
  }
  if (strcmp(l->zKind, "stage") == 0) {
    return html_mprintf(req, "/stages/terrains/%u", l->zTarget);
  }
  if (strcmp(l->zKind, "evenement") == 0) {
    return html_mprintf(req, "/portail/evenements/%u", l->zTarget);
  }
  return NULL;
}

/* A <select> of every object an action can fund, grouped by kind, as
** "kind:target" values. */
static void target_choice(Req *req, const Refusal *pRef)
{
  Err err = {0};
  PlanTarget *aT;
  int nT;
  if (plan_targets(req_db(req), req_arena(req), &aT, &nT, &err)) nT = 0;
  const char *zTyped = typed(req, pRef, "lien", "objet", "");
  int isBad = pRef && strcmp(pRef->zSection, "lien") == 0 && pRef->zField &&
              strcmp(pRef->zField, "target") == 0;
  html_printf(req, "<div class=\"field%s\"><label for=\"lien-objet\">Ce que "
                   "l'action finance</label>\n<select id=\"lien-objet\" "
                   "name=\"objet\" required%s>\n<option value=\"\">— choisir "
                   "—</option>\n",
              isBad ? " field-error" /*trusted*/ : "" /*trusted*/,
              isBad ? " aria-invalid=\"true\"" /*trusted*/ : "" /*trusted*/);
  for (const PlanLabel *k = plan_link_kinds; k->zCode; k++) {
    int nKind = 0;
    for (int i = 0; i < nT; i++) nKind += strcmp(aT[i].zKind, k->zCode) == 0;
    if (nKind == 0) continue;
    html_printf(req, "<optgroup label=\"%h\">\n", k->zLabel);
    for (int i = 0; i < nT; i++) {
      if (strcmp(aT[i].zKind, k->zCode)) continue;
      const char *zVal = arena_printf(req_arena(req), "%s:%s", aT[i].zKind,
                                      aT[i].zTarget);
      html_printf(req, "<option value=\"%h\"%s>%h</option>\n", zVal,
                  strcmp(zVal, zTyped) == 0 ? " selected" /*trusted*/
                                            : "" /*trusted*/,
                  aT[i].zLabel);
    }
    html_printf(req, "</optgroup>\n");
  }
  html_printf(req, "</select></div>\n");
  if (nT == 0) {
    html_printf(req, "<p class=\"muted\">Aucune aide, aucun centre, aucun "
                     "terrain de stage ni aucune rencontre n'est encore "
                     "enregistré dans les modules.</p>\n");
  }
}

/* The plan-level indicators form and table (actions list page). */
static void outputs_block(Req *req, int64_t actionId, const char *zAction,
                          const Refusal *pRef)
{
  Err err = {0};
  PlanOutput *a;
  int n;
  if (plan_output_list(req_db(req), req_arena(req), actionId, &a, &n, &err)) {
    return;
  }
  if (n > 0) {
    html_printf(req, "<table class=\"table-stack\">\n<caption>Indicateurs "
                     "saisis</caption>\n<thead><tr><th scope=\"col\">Année"
                     "</th><th scope=\"col\">Indicateur</th><th scope=\"col\" "
                     "class=\"num\">Valeur</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) {
      const char *z = plan_label(plan_output_codes, a[i].zCode);
      html_printf(req, "<tr><td data-label=\"Année\">%d</td><th scope=\"row\">"
                       "%h</th><td class=\"num\" data-label=\"Valeur\">%lld"
                       "</td></tr>\n", a[i].year, z ? z : a[i].zCode,
                  (long long)a[i].value);
    }
    html_printf(req, "</tbody>\n</table>\n");
  }
  refusal_alert(req, pRef, "indicateur");
  form_begin(req, zAction);
  choice(req, "indicateur", "code", "Indicateur", plan_output_codes,
         typed(req, pRef, "indicateur", "code", "installes"));
  row(req, pRef, "indicateur", "year", "Année", "number",
      typed(req, pRef, "indicateur", "year", ""), "min=\"2000\" max=\"2100\" "
      "required");
  row(req, pRef, "indicateur", "value", "Valeur", "number",
      typed(req, pRef, "indicateur", "value", ""), "min=\"0\" required");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer l'indicateur</button></div>\n");
  form_end(req);
}

static void actions_render(Req *req, const Refusal *pRef)
{
  Err err = {0};
  PlanAction *a;
  int n;
  if (plan_action_list(req_db(req), req_arena(req), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Actions du plan santé");
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/plan\">Plan santé</a></li><li "
                   "aria-current=\"page\">Actions</li></ol></nav>\n"
                   "<h1>Actions du plan santé</h1>\n");
  if (n == 0) {
    html_printf(req, "<p class=\"muted\">Aucune action pour l'instant.</p>\n");
  } else {
    html_printf(req, "<table class=\"table-stack\">\n<caption>Actions"
                     "</caption>\n<thead><tr><th scope=\"col\">Action</th>"
                     "<th scope=\"col\" class=\"num\">Budget</th><th scope="
                     "\"col\" class=\"num\">Dépensé</th></tr></thead>\n<tbody>"
                     "\n");
    for (int i = 0; i < n; i++) {
      html_printf(req, "<tr><th scope=\"row\"><a href=\"/plan/actions/%lld\">"
                       "%h</a></th><td class=\"num\" data-label=\"Budget\">%h"
                       "</td><td class=\"num\" data-label=\"Dépensé\">%h</td>"
                       "</tr>\n", (long long)a[i].id, a[i].zName,
                  plan_eur(req, a[i].budgetCents),
                  plan_eur(req, a[i].spentCents));
    }
    html_printf(req, "</tbody>\n</table>\n");
  }
  html_printf(req, "<div class=\"grid-2\">\n<section aria-labelledby=\"new\">"
                   "\n<h2 id=\"new\">Nouvelle action</h2>\n");
  refusal_alert(req, pRef, "action");
  form_begin(req, "/plan/actions");
  row(req, pRef, "action", "name", "Nom", "text",
      typed(req, pRef, "action", "name", ""), "required");
  row(req, pRef, "action", "objective", "Objectif", "text",
      typed(req, pRef, "action", "objective", ""), NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Créer l'action</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n<section aria-labelledby=\"plan-ind\">\n"
                   "<h2 id=\"plan-ind\">Indicateurs du plan hors action</h2>\n"
                   "<p class=\"small muted\">Résultats qui ne relèvent d'aucune "
                   "action ; ils s'ajoutent à ceux des actions.</p>\n");
  outputs_block(req, 0, "/plan/indicateurs", pRef);
  html_printf(req, "</section>\n</div>\n");
  page_end(req);
}

void plan_page_actions(Req *req)
{
  actions_render(req, NULL);
}

/* The action page, sections in order: identity, budget, links, spending,
** indicators. */
static void action_render(Req *req, int64_t id, const Refusal *pRef)
{
  Store *db = req_db(req);
  Arena *ar = req_arena(req);
  Err err = {0};
  PlanAction p;
  PlanBudget *aB;
  PlanLink *aL;
  PlanSpend *aS;
  int nB, nL, nS;
  int rc = plan_action_get(db, ar, id, &p, &err);
  if (!rc) rc = plan_budget_list(db, ar, id, &aB, &nB, &err);
  if (!rc) rc = plan_link_list(db, ar, id, &aL, &nL, &err);
  if (!rc) rc = plan_spend_list(db, ar, id, &aS, &nS, &err);
  if (rc) {
    if (rc == ERR_NOTFOUND) {
      reply_error(req, 404, "introuvable", "Action introuvable.", NULL);
    } else {
      reply_incident(req, &err);
    }
    return;
  }
  const char *zBase = html_mprintf(req, "/plan/actions/%lld", (long long)id);
  page_begin(req, p.zName);
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/plan\">Plan santé</a></li><li><a "
                   "href=\"/plan/actions\">Actions</a></li><li aria-current="
                   "\"page\">%h</li></ol></nav>\n<h1>%h</h1>\n<p class=\"lead\">"
                   "%h</p>\n", p.zName, p.zName, p.zObjective);
  html_printf(req, "<dl class=\"facts\"><dt>Budget</dt><dd>%h</dd><dt>Dépensé"
                   "</dt><dd>%h</dd></dl>\n", plan_eur(req, p.budgetCents),
              plan_eur(req, p.spentCents));

  html_printf(req, "<section aria-labelledby=\"s-budget\">\n<h2 id=\""
                   "s-budget\">Budget par année</h2>\n");
  if (nB > 0) {
    html_printf(req, "<table>\n<caption>Lignes de budget</caption>\n<thead>"
                     "<tr><th scope=\"col\">Année</th><th scope=\"col\" class="
                     "\"num\">Montant</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < nB; i++) {
      html_printf(req, "<tr><th scope=\"row\">%d</th><td class=\"num\">%h"
                       "</td></tr>\n", aB[i].year, plan_eur(req, aB[i].cents));
    }
    html_printf(req, "</tbody>\n</table>\n");
  }
  refusal_alert(req, pRef, "budget");
  form_begin(req, html_mprintf(req, "%s/budget", zBase /*trusted*/));
  row(req, pRef, "budget", "year", "Année", "number",
      typed(req, pRef, "budget", "year", ""), "min=\"2000\" max=\"2100\" "
      "required");
  row(req, pRef, "budget", "amount", "Montant en euros (0 pour retirer la "
      "ligne)", "text", typed(req, pRef, "budget", "amount", ""),
      "inputmode=\"decimal\" required");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer la ligne de budget</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");

  html_printf(req, "<section aria-labelledby=\"s-liens\">\n<h2 id=\"s-liens\">"
                   "Ce que l'action finance</h2>\n");
  if (nL == 0) {
    html_printf(req, "<p class=\"muted\">Aucun lien pour l'instant.</p>\n");
  } else {
    html_printf(req, "<ul>\n");
    for (int i = 0; i < nL; i++) {
      const char *zKind = plan_label(plan_link_kinds, aL[i].zKind);
      const char *zHref = link_href(req, &aL[i]);
      html_printf(req, "<li>%h n° %h — ", zKind ? zKind : aL[i].zKind,
                  aL[i].zTarget);
      if (zHref) {
        html_printf(req, "<a href=\"%h\">%h</a> ", zHref,
                    aL[i].zLabel[0] ? aL[i].zLabel : aL[i].zTarget);
      } else {
        html_printf(req, "%h ", aL[i].zLabel);
      }
      form_begin(req, html_mprintf(req, "%s/liens/%lld/supprimer",
                                   zBase /*trusted*/, (long long)aL[i].id));
      html_printf(req, "<button type=\"submit\" class=\"btn-small "
                       "btn-secondary\">Retirer<span class=\"visually-hidden\">"
                       " le lien %h</span></button>\n", aL[i].zTarget);
      form_end(req);
      html_printf(req, "</li>\n");
    }
    html_printf(req, "</ul>\n");
  }
  refusal_alert(req, pRef, "lien");
  form_begin(req, html_mprintf(req, "%s/liens", zBase /*trusted*/));
  target_choice(req, pRef);
  row(req, pRef, "lien", "label", "Libellé (facultatif : le nom de l'objet "
      "par défaut)", "text", typed(req, pRef, "lien", "label", ""), NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter le lien</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");

  html_printf(req, "<section aria-labelledby=\"s-dep\">\n<h2 id=\"s-dep\">"
                   "Dépenses</h2>\n<p class=\"small muted\">Saisie manuelle. "
                   "Les paiements des modules aides, centres et stages ne sont "
                   "pas encore repris automatiquement.</p>\n");
  if (nS > 0) {
    html_printf(req, "<table class=\"table-stack\">\n<caption>Dépenses "
                     "enregistrées</caption>\n<thead><tr><th scope=\"col\">"
                     "Date</th><th scope=\"col\">Objet</th><th scope=\"col\" "
                     "class=\"num\">Montant</th><th scope=\"col\">Retirer</th>"
                     "</tr></thead>\n<tbody>\n");
    for (int i = 0; i < nS; i++) {
      html_printf(req, "<tr><td data-label=\"Date\">%h</td><th scope=\"row\">"
                       "%h</th><td class=\"num\" data-label=\"Montant\">%h"
                       "</td><td data-label=\"Retirer\">", aS[i].zDate,
                  aS[i].zLabel, plan_eur(req, aS[i].cents));
      form_begin(req, html_mprintf(req, "%s/depenses/%lld/supprimer",
                                   zBase /*trusted*/, (long long)aS[i].id));
      html_printf(req, "<button type=\"submit\" class=\"btn-small "
                       "btn-secondary\">Retirer<span class=\"visually-hidden\">"
                       " la dépense %h</span></button>\n", aS[i].zLabel);
      form_end(req);
      html_printf(req, "</td></tr>\n");
    }
    html_printf(req, "</tbody>\n</table>\n");
  }
  refusal_alert(req, pRef, "depense");
  form_begin(req, html_mprintf(req, "%s/depenses", zBase /*trusted*/));
  row(req, pRef, "depense", "date", "Date", "date",
      typed(req, pRef, "depense", "date", ""), "required");
  row(req, pRef, "depense", "amount", "Montant en euros", "text",
      typed(req, pRef, "depense", "amount", ""), "inputmode=\"decimal\" "
      "required");
  row(req, pRef, "depense", "label", "Objet", "text",
      typed(req, pRef, "depense", "label", ""), "required");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer la dépense</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n<section aria-labelledby=\"s-ind\">\n<h2 "
                   "id=\"s-ind\">Indicateurs de résultat</h2>\n");
  outputs_block(req, id, html_mprintf(req, "%s/indicateurs", zBase
                                      /*trusted*/), pRef);
  html_printf(req, "</section>\n<section aria-labelledby=\"s-edit\">\n<h2 "
                   "id=\"s-edit\">Modifier l'action</h2>\n");
  refusal_alert(req, pRef, "action");
  form_begin(req, zBase);
  row(req, pRef, "action", "name", "Nom", "text",
      typed(req, pRef, "action", "name", p.zName), "required");
  row(req, pRef, "action", "objective", "Objectif", "text",
      typed(req, pRef, "action", "objective", p.zObjective), NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
  form_begin(req, html_mprintf(req, "%s/supprimer", zBase /*trusted*/));
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\" "
                   "class=\"btn-danger\">Supprimer l'action et ses lignes"
                   "</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
  page_end(req);
}

void plan_page_action(Req *req)
{
  int64_t id = 0;
  long v;
  if (!str_to_long(req_arg(req, "id"), &v) && v > 0) id = v;
  if (!id) {
    reply_error(req, 404, "introuvable", "Action introuvable.", NULL);
    return;
  }
  action_render(req, id, NULL);
}

/* ---- writes ------------------------------------------------------------- */

/* Form value without surrounding spaces ("" when absent). */
static const char *plan_form(Req *req, const char *zName)
{
  const char *z = req_form(req, zName);
  if (!z) return "";
  while (*z == ' ' || *z == '\t') z++;
  size_t n = strlen(z);
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  return arena_strndup(req_arena(req), z, n);
}

/* The action id of the path (0 for the plan-level routes), -1 with a 404
** queued when it is malformed or unknown. */
static int64_t action_arg(Req *req)
{
  const char *z = req_arg(req, "id");
  long v;
  Err err = {0};
  PlanAction p;
  if (!z) return 0;
  if (str_to_long(z, &v) || v <= 0 ||
      plan_action_get(req_db(req), req_arena(req), v, &p, &err)) {
    reply_error(req, 404, "introuvable", "Action introuvable.", NULL);
    return -1;
  }
  return v;
}

/* Commit or roll back the write (rc), audited by the caller; answer: the
** page again with the refusal (400), a 404, a 500, or a redirect. */
static void finish(Req *req, int rc, Err *err, int64_t id,
                   const char *zSection, const char *zNext)
{
  Store *db = req_db(req);
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (rc == ERR_INPUT) {
    char zMsg[520];
    snprintf(zMsg, sizeof zMsg, "%s", err->zMsg);
    if (zMsg[0] >= 'a' && zMsg[0] <= 'z') zMsg[0] = (char)(zMsg[0] - 32);
    Refusal ref = {zSection, err->zField, arena_strdup(req_arena(req), zMsg)};
    reply_status(req, 400);
    if (id > 0) {
      action_render(req, id, &ref);
    } else {
      actions_render(req, &ref);
    }
  } else if (rc == ERR_NOTFOUND) {
    reply_error(req, 404, "introuvable", "Élément introuvable.", NULL);
  } else if (rc) {
    reply_incident(req, err);
  } else if (zNext) {
    reply_redirect(req, zNext);
  } else if (id > 0) {
    reply_redirect(req, html_mprintf(req, "/plan/actions/%lld#s-%h",
                                     (long long)id, zSection));
  } else {
    reply_redirect(req, "/plan/actions");
  }
}

/* Audit with the action's JSON before (pBefore, stolen) and after. */
static int audit_action(Req *req, int64_t id, const char *zWhat,
                        json_t *pBefore, json_t *pDetail, Err *err)
{
  PlanAction p;
  json_t *pAfter = NULL;
  if (plan_action_get(req_db(req), req_arena(req), id, &p, err) == 0) {
    pAfter = plan_action_json(&p);
    if (pDetail) json_object_set(pAfter, "change", pDetail);
  }
  int rc = audit_log(req, "plan_action", id, zWhat, pBefore, pAfter, err);
  json_decref(pBefore);
  json_decref(pAfter);
  json_decref(pDetail);
  return rc;
}

/* The action's JSON now (NULL when absent). */
static json_t *action_json_now(Req *req, int64_t id)
{
  PlanAction p;
  Err err = {0};
  if (plan_action_get(req_db(req), req_arena(req), id, &p, &err)) return NULL;
  return plan_action_json(&p);
}

void plan_post_action_new(Req *req)
{
  Err err = {0};
  PlanAction p = {.zName = plan_form(req, "name"),
                  .zObjective = plan_form(req, "objective")};
  int rc = store_begin(req_db(req), &err);
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  rc = plan_action_check(&p, &err);
  if (!rc) rc = plan_action_save(req_db(req), &p, &err);
  if (!rc) rc = audit_action(req, p.id, "create", NULL, NULL, &err);
  finish(req, rc, &err, 0, "action",
         html_mprintf(req, "/plan/actions/%lld", (long long)p.id));
}

void plan_post_action(Req *req)
{
  Err err = {0};
  int64_t id = action_arg(req);
  if (id <= 0) return;
  PlanAction p = {.id = id, .zName = plan_form(req, "name"),
                  .zObjective = plan_form(req, "objective")};
  json_t *pBefore = action_json_now(req, id);
  int rc = store_begin(req_db(req), &err);
  if (!rc) rc = plan_action_check(&p, &err);
  if (!rc) rc = plan_action_save(req_db(req), &p, &err);
  if (!rc) {
    rc = audit_action(req, id, "update", pBefore, NULL, &err);
  } else {
    json_decref(pBefore);
  }
  finish(req, rc, &err, id, "action", NULL);
}

void plan_post_action_delete(Req *req)
{
  Err err = {0};
  int64_t id = action_arg(req);
  if (id <= 0) return;
  json_t *pBefore = action_json_now(req, id);
  int rc = store_begin(req_db(req), &err);
  if (!rc) rc = plan_action_delete(req_db(req), id, &err);
  if (!rc) rc = audit_log(req, "plan_action", id, "delete", pBefore, NULL,
                          &err);
  json_decref(pBefore);
  finish(req, rc, &err, 0, "action", NULL);
}

void plan_post_budget(Req *req)
{
  Err err = {0};
  int64_t id = action_arg(req);
  if (id <= 0) return;
  PlanBudget b = {.actionId = id};
  json_t *pBefore = action_json_now(req, id);
  int rc = store_begin(req_db(req), &err);
  if (!rc) rc = plan_parse_year(plan_form(req, "year"), "year", &b.year,
                                &err);
  if (!rc) rc = plan_parse_euros(plan_form(req, "amount"), "amount",
                                 &b.cents, &err);
  if (!rc) rc = plan_budget_set(req_db(req), &b, &err);
  if (!rc) {
    rc = audit_action(req, id, "budget", pBefore,
                      json_pack("{s:i, s:I}", "year", b.year, "cents",
                                (json_int_t)b.cents), &err);
  } else {
    json_decref(pBefore);
  }
  finish(req, rc, &err, id, "budget", NULL);
}

void plan_post_link(Req *req)
{
  Err err = {0};
  int64_t id = action_arg(req);
  if (id <= 0) return;
  PlanLink l = {.actionId = id, .zKind = plan_form(req, "kind"),
                .zTarget = plan_form(req, "target"),
                .zLabel = plan_form(req, "label")};
  /* the form sends "kind:target" as objet; kind and target also accepted */
  const char *zObj = plan_form(req, "objet");
  const char *zColon = strchr(zObj, ':');
  if (zColon) {
    l.zKind = arena_strndup(req_arena(req), zObj, (size_t)(zColon - zObj));
    l.zTarget = zColon + 1;
  }
  const char *zName = NULL;
  int rc = store_begin(req_db(req), &err);
  if (!rc && !plan_label(plan_link_kinds, l.zKind)) {
    rc = err_set(&err, ERR_INPUT, "choisissez ce que l'action finance");
    err_field(&err, "target");
  }
  if (!rc) rc = plan_target_check(req_db(req), req_arena(req), l.zKind,
                                  l.zTarget, &zName, &err);
  if (!rc && !l.zLabel[0]) l.zLabel = zName;
  if (!rc && strlen(l.zLabel) > 200) {
    rc = err_set(&err, ERR_INPUT, "libellé : 200 caractères au plus");
    err_field(&err, "label");
  }
  if (!rc) rc = plan_link_add(req_db(req), &l, &err);
  if (!rc) {
    rc = audit_action(req, id, "link", NULL,
                      json_pack("{s:s, s:s}", "kind", l.zKind, "target",
                                l.zTarget), &err);
  }
  finish(req, rc, &err, id, "lien", NULL);
}

void plan_post_link_delete(Req *req)
{
  Err err = {0};
  long lid = 0;
  int64_t id = action_arg(req);
  if (id <= 0) return;
  str_to_long(req_arg(req, "lid"), &lid);
  int rc = store_begin(req_db(req), &err);
  if (!rc) rc = plan_link_delete(req_db(req), id, lid, &err);
  if (!rc) {
    rc = audit_action(req, id, "unlink", NULL,
                      json_pack("{s:I}", "link_id", (json_int_t)lid), &err);
  }
  finish(req, rc, &err, id, "lien", NULL);
}

void plan_post_spend(Req *req)
{
  Err err = {0};
  int64_t id = action_arg(req);
  if (id <= 0) return;
  PlanSpend s = {.actionId = id, .zDate = plan_form(req, "date"),
                 .zLabel = plan_form(req, "label")};
  int rc = store_begin(req_db(req), &err);
  if (!rc) rc = portal_check_date(s.zDate, "date", &err);
  if (!rc) rc = plan_parse_euros(plan_form(req, "amount"), "amount",
                                 &s.cents, &err);
  if (!rc) rc = plan_spend_add(req_db(req), &s, &err);
  if (!rc) {
    rc = audit_action(req, id, "spend", NULL,
                      json_pack("{s:I, s:s, s:I, s:s}", "spend_id",
                                (json_int_t)s.id, "date", s.zDate, "cents",
                                (json_int_t)s.cents, "label", s.zLabel),
                      &err);
  }
  finish(req, rc, &err, id, "depense", NULL);
}

void plan_post_spend_delete(Req *req)
{
  Err err = {0};
  long sid = 0;
  int64_t id = action_arg(req);
  if (id <= 0) return;
  str_to_long(req_arg(req, "sid"), &sid);
  int rc = store_begin(req_db(req), &err);
  if (!rc) rc = plan_spend_delete(req_db(req), id, sid, &err);
  if (!rc) {
    rc = audit_action(req, id, "unspend", NULL,
                      json_pack("{s:I}", "spend_id", (json_int_t)sid), &err);
  }
  finish(req, rc, &err, id, "depense", NULL);
}

/* POST /plan/actions/{id}/indicateurs and /plan/indicateurs (plan-level). */
void plan_post_output(Req *req)
{
  Err err = {0};
  long v = -1;
  int64_t id = action_arg(req);
  if (id < 0) return;
  PlanOutput o = {.actionId = id, .zCode = plan_form(req, "code")};
  int rc = store_begin(req_db(req), &err);
  if (!rc) rc = plan_parse_year(plan_form(req, "year"), "year", &o.year,
                                &err);
  if (!rc && (str_to_long(plan_form(req, "value"), &v) || v < 0)) {
    rc = err_set(&err, ERR_INPUT, "valeur invalide : un nombre entier "
                 "positif ou nul");
    err_field(&err, "value");
  }
  o.value = v;
  if (!rc) rc = plan_output_set(req_db(req), &o, &err);
  if (!rc) {
    json_t *pAfter = json_pack("{s:I, s:s, s:i, s:I}", "action_id",
                               (json_int_t)id, "code", o.zCode, "year",
                               o.year, "value", (json_int_t)o.value);
    rc = audit_log(req, "plan_output", id, "set", NULL, pAfter, &err);
    json_decref(pAfter);
  }
  finish(req, rc, &err, id, "indicateur", NULL);
}
