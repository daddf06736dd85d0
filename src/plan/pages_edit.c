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

/* A refusal to show in section zSection of the page being rendered. */
typedef struct Refusal Refusal;
struct Refusal {
  const char *zSection;      /* "action", "budget", "lien", "depense", ... */
  const KitErrors *e;
};

/* The errors of form zSection, or NULL when it is not the refused one. */
static const KitErrors *errs(const Refusal *pRef, const char *zSection)
{
  return pRef && strcmp(pRef->zSection, zSection) == 0 ? pRef->e : NULL;
}

/* Value to show in field zName of form zSection: what was typed when that
** form was refused, else zDefault. */
static const char *typed(Req *req, const Refusal *pRef, const char *zSection,
                         const char *zName, const char *zDefault)
{
  return errs(pRef, zSection) ? kit_value(req, zName) : zDefault;
}

/* Input zName of form zSection: its error, and what was typed when that
** form was refused (else zDefault). */
static void field(Req *req, const Refusal *pRef, const char *zSection,
                  const char *zName, const char *zLabel, const char *zType,
                  const char *zDefault, const char *zHint)
{
  kit_input(req, errs(pRef, zSection), zName, zLabel, zType,
            typed(req, pRef, zSection, zName, zDefault), zHint);
}

/* The summary of the refused form's errors, right under the page's title:
** before any control, so that its links land on that form's fields even
** when another form of the page has a field of the same name (kit_id). */
static void refusal_alert(Req *req, const Refusal *pRef)
{
  if (pRef) kit_error_box(req, pRef->e);
}

/* The labels a as value/label pairs for kit_select (arena). */
static const char *const *options(Req *req, const PlanLabel *a)
{
  return kit_label_options(req, a);
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
  const char *zErr = kit_error_of(errs(pRef, "lien"), "objet");
  html_printf(req, "<div class=\"field%s\"><label for=\"f-objet\">Ce que "
                   "l'action finance</label>\n",
              zErr ? " field-error" /*trusted*/ : "" /*trusted*/);
  if (zErr) {
    html_printf(req, "<p class=\"field-msg\" id=\"f-objet-err\">%h</p>",
                zErr);
  }
  html_printf(req, "<select id=\"f-objet\" name=\"objet\" required%s>\n"
                   "<option value=\"\">— choisir —</option>\n",
              zErr ? " aria-invalid=\"true\" aria-describedby=\"f-objet-err\""
                     /*trusted*/ : "" /*trusted*/);
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
  static const char *const azHead[] = {"Année", "Indicateur", "#Valeur",
                                       NULL};
  if (kit_list_begin(req, n, NULL, "table-stack", "Indicateurs saisis",
                     azHead)) {
    for (int i = 0; i < n; i++) {
      const char *z = portal_label(plan_output_codes, a[i].zCode);
      html_printf(req, "<tr><td data-label=\"Année\">%d</td><th scope=\"row\">"
                       "%h</th><td class=\"num\" data-label=\"Valeur\">%lld"
                       "</td></tr>\n", a[i].year, z ? z : a[i].zCode,
                  (long long)a[i].value);
    }
    kit_list_end(req);
  }
  form_begin(req, zAction);
  const KitErrors *e = errs(pRef, "indicateur");
  kit_select(req, e, "code", "Indicateur", options(req, plan_output_codes),
             typed(req, pRef, "indicateur", "code", "installes"), NULL);
  kit_input_ex(req, e, "annee", "Année", "number",
               typed(req, pRef, "indicateur", "annee", ""), NULL,
               "min=\"2000\" max=\"2100\" step=\"1\" required" /*trusted*/);
  kit_input(req, e, "valeur", "Valeur", "number",
            typed(req, pRef, "indicateur", "valeur", ""), NULL);
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
  kit_breadcrumb(req, "Plan santé", "/plan", "Actions", NULL, NULL);
  html_printf(req, "<h1>Actions du plan santé</h1>\n");
  refusal_alert(req, pRef);
  static const char *const azHead[] = {"Action", "#Budget", "#Dépensé",
                                       NULL};
  if (kit_list_begin(req, n, "Aucune action pour l'instant.", "table-stack",
                     "Actions", azHead)) {
    for (int i = 0; i < n; i++) {
      html_printf(req, "<tr><th scope=\"row\"><a href=\"/plan/actions/%lld\">"
                       "%h</a></th><td class=\"num\" data-label=\"Budget\">%h"
                       "</td><td class=\"num\" data-label=\"Dépensé\">%h</td>"
                       "</tr>\n", (long long)a[i].id, a[i].zName,
                  kit_euros(req, a[i].budgetCents),
                  kit_euros(req, a[i].spentCents));
    }
    kit_list_end(req);
  }
  html_printf(req, "<div class=\"grid-2\">\n<section aria-labelledby=\"new\">"
                   "\n<h2 id=\"new\">Nouvelle action</h2>\n");
  form_begin(req, "/plan/actions");
  field(req, pRef, "action", "nom", "Nom", "text", "", NULL);
  field(req, pRef, "action", "objectif", "Objectif", "text", "", NULL);
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

/* ROUTE: GET /plan/actions agent */
void plan_page_actions(Req *req)
{
  actions_render(req, NULL);
}

/* The action page, sections in order: identity, budget, links, spending,
** indicators. */
/* The « Retirer » button of entry id of list zList ("liens", "depenses")
** of the action at zBase; zWhat (HTML, escaped by the caller) names it
** for screen readers. */
static void remove_button(Req *req, const char *zBase, const char *zList,
                          int64_t id, const char *zWhat)
{
  form_begin(req, html_mprintf(req, "%s/%s/%lld/supprimer", zBase /*trusted*/,
                               zList /*trusted*/, (long long)id));
  html_printf(req, "<button type=\"submit\" class=\"btn-small "
                   "btn-secondary\">Retirer<span class=\"visually-hidden\"> "
                   "%s</span></button>\n", zWhat /*trusted*/);
  form_end(req);
}

/* An action with its lines, as its page and the deletion question show it. */
typedef struct ActionLines ActionLines;
struct ActionLines {
  PlanAction p;
  PlanBudget *aB;
  PlanLink *aL;
  PlanSpend *aS;
  int nB, nL, nS;
};

/* Read action id and its lines into x; 0, or -1 with a 404 or an
** incident page queued. */
static int action_load(Req *req, int64_t id, ActionLines *x)
{
  Store *db = req_db(req);
  Arena *ar = req_arena(req);
  Err err = {0};
  int rc = plan_action_get(db, ar, id, &x->p, &err);
  if (!rc) rc = plan_budget_list(db, ar, id, &x->aB, &x->nB, &err);
  if (!rc) rc = plan_link_list(db, ar, id, &x->aL, &x->nL, &err);
  if (!rc) rc = plan_spend_list(db, ar, id, &x->aS, &x->nS, &err);
  if (rc == ERR_NOTFOUND) {
    reply_error(req, 404, "introuvable", "Action introuvable.", NULL);
  } else if (rc) {
    reply_incident(req, &err);
  }
  return rc ? -1 : 0;
}

static void action_render(Req *req, int64_t id, const Refusal *pRef)
{
  Store *db = req_db(req);
  Arena *ar = req_arena(req);
  ActionLines x;
  if (action_load(req, id, &x)) return;
  PlanAction p = x.p;
  PlanBudget *aB = x.aB;
  PlanLink *aL = x.aL;
  PlanSpend *aS = x.aS;
  int nB = x.nB, nL = x.nL, nS = x.nS;
  const char *zBase = html_mprintf(req, "/plan/actions/%lld", (long long)id);
  page_begin(req, p.zName);
  kit_breadcrumb(req, "Plan santé", "/plan", "Actions", "/plan/actions",
                 p.zName, NULL, NULL);
  html_printf(req, "<h1>%h</h1>\n<p class=\"lead\">%h</p>\n", p.zName,
              p.zObjective);
  refusal_alert(req, pRef);
  html_printf(req, "<dl class=\"facts\"><dt>Budget</dt><dd>%h</dd><dt>Dépensé"
                   "</dt><dd>%h</dd></dl>\n", kit_euros(req, p.budgetCents),
              kit_euros(req, p.spentCents));

  html_printf(req, "<section aria-labelledby=\"s-budget\">\n<h2 id=\""
                   "s-budget\">Budget par année</h2>\n");
  if (nB > 0) {
    html_printf(req, "<table>\n<caption>Lignes de budget</caption>\n<thead>"
                     "<tr><th scope=\"col\">Année</th><th scope=\"col\" class="
                     "\"num\">Montant</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < nB; i++) {
      html_printf(req, "<tr><th scope=\"row\">%d</th><td class=\"num\">%h"
                       "</td></tr>\n", aB[i].year, kit_euros(req, aB[i].cents));
    }
    html_printf(req, "</tbody>\n</table>\n");
  }
  form_begin(req, html_mprintf(req, "%s/budget", zBase /*trusted*/));
  kit_input_ex(req, errs(pRef, "budget"), "annee", "Année", "number",
               typed(req, pRef, "budget", "annee", ""), NULL,
               "min=\"2000\" max=\"2100\" step=\"1\" required" /*trusted*/);
  field(req, pRef, "budget", "montant", "Montant en euros", "text", "",
        "0 pour retirer la ligne");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer la ligne de budget</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");

  html_printf(req, "<section aria-labelledby=\"s-liens\">\n<h2 id=\"s-liens\">"
                   "Ce que l'action finance</h2>\n");
  PlanTarget *aT = NULL;
  int nT = 0;
  Err errT = {0};
  int hasT = nL > 0 && plan_targets(db, ar, &aT, &nT, &errT) == 0;
  if (nL == 0) {
    html_printf(req, "<p class=\"muted\">Aucun lien pour l'instant.</p>\n");
  } else {
    html_printf(req, "<ul>\n");
    for (int i = 0; i < nL; i++) {
      const char *zKind = portal_label(plan_link_kinds, aL[i].zKind);
      const char *zHref = link_href(req, &aL[i]);
      html_printf(req, "<li>%h n° %h — ", zKind ? zKind : aL[i].zKind,
                  aL[i].zTarget);
      if (zHref) {
        html_printf(req, "<a href=\"%h\">%h</a> ", zHref,
                    aL[i].zLabel[0] ? aL[i].zLabel : aL[i].zTarget);
      } else {
        html_printf(req, "%h ", aL[i].zLabel);
      }
      /* linked before the territory was set (or moved): shown, not counted */
      int isOurs = 0;
      for (int k = 0; k < nT && !isOurs; k++) {
        isOurs = strcmp(aT[k].zKind, aL[i].zKind) == 0 &&
                 strcmp(aT[k].zTarget, aL[i].zTarget) == 0;
      }
      if (!isOurs && hasT && strcmp(aL[i].zKind, "aide") &&
          strcmp(aL[i].zKind, "evenement")) {
        html_printf(req, "<span class=\"badge badge-neutre\">hors territoire, "
                         "non compté</span> ");
      }
      remove_button(req, zBase, "liens", aL[i].id,
                    html_mprintf(req, "le lien %h", aL[i].zTarget));
      html_printf(req, "</li>\n");
    }
    html_printf(req, "</ul>\n");
  }
  form_begin(req, html_mprintf(req, "%s/liens", zBase /*trusted*/));
  target_choice(req, pRef);
  field(req, pRef, "lien", "libelle", "Libellé", "text", "",
        "facultatif : le nom de l'objet par défaut");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Ajouter le lien</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");

  html_printf(req, "<section aria-labelledby=\"s-dep\">\n<h2 id=\"s-dep\">"
                   "Dépenses</h2>\n<p class=\"small muted\">Saisies de "
                   "l'équipe. Les paiements que les modules enregistrent pour "
                   "ce que l'action finance (aides, centres, terrains de "
                   "stage) s'y ajoutent sur le tableau de bord.</p>\n");
  static const char *const azSpendHead[] = {"Date", "Objet", "#Montant",
                                            "Retirer", NULL};
  if (kit_list_begin(req, nS, NULL, "table-stack", "Dépenses enregistrées",
                     azSpendHead)) {
    for (int i = 0; i < nS; i++) {
      html_printf(req, "<tr><td data-label=\"Date\">%h</td><th scope=\"row\">"
                       "%h</th><td class=\"num\" data-label=\"Montant\">%h"
                       "</td><td data-label=\"Retirer\">",
                  kit_date_fr(req, aS[i].zDate),
                  aS[i].zLabel, kit_euros(req, aS[i].cents));
      remove_button(req, zBase, "depenses", aS[i].id,
                    html_mprintf(req, "la dépense %h", aS[i].zLabel));
      html_printf(req, "</td></tr>\n");
    }
    kit_list_end(req);
  }
  form_begin(req, html_mprintf(req, "%s/depenses", zBase /*trusted*/));
  field(req, pRef, "depense", "date", "Date", "date", "", NULL);
  field(req, pRef, "depense", "montant", "Montant en euros", "text", "", NULL);
  field(req, pRef, "depense", "libelle", "Objet", "text", "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer la dépense</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n<section aria-labelledby=\"s-ind\">\n<h2 "
                   "id=\"s-ind\">Indicateurs de résultat</h2>\n");
  outputs_block(req, id, html_mprintf(req, "%s/indicateurs", zBase
                                      /*trusted*/), pRef);
  html_printf(req, "</section>\n<section aria-labelledby=\"s-edit\">\n<h2 "
                   "id=\"s-edit\">Modifier l'action</h2>\n");
  form_begin(req, zBase);
  field(req, pRef, "action", "nom", "Nom", "text", p.zName, NULL);
  field(req, pRef, "action", "objectif", "Objectif", "text", p.zObjective,
        NULL);
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

/* ROUTE: GET /plan/actions/{id} agent */
void plan_page_action(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (id) action_render(req, id, NULL);
}

/* ---- writes ------------------------------------------------------------- */

/* Answer a write (rc): the page again with the refusals of form zSection
** (400), a 404, a 500, or a redirect (zNext, else the section). */
static void finish(Req *req, int rc, const Err *err, KitErrors *e,
                   int64_t id, const char *zSection, const char *zNext)
{
  if (rc == ERR_INPUT) {
    kit_error_from(req, e, err);
    Refusal ref = {zSection, e};
    reply_status(req, 400);
    if (id > 0) {
      action_render(req, id, &ref);
    } else {
      actions_render(req, &ref);
    }
  } else if (rc) {
    kit_reply_err(req, rc, err);
  } else if (zNext) {
    reply_redirect(req, zNext);
  } else if (id > 0) {
    reply_redirect(req, html_mprintf(req, "/plan/actions/%lld#s-%h",
                                     (long long)id, zSection));
  } else {
    reply_redirect(req, "/plan/actions");
  }
}

/* ROUTE: POST /plan/actions agent */
void plan_post_action_new(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  PlanAction p = {0};
  int rc = plan_read_action(req, &p, &e) ? ERR_INPUT
           : plan_act_action_save(req, &p, &err);
  finish(req, rc, &err, &e, 0, "action",
         html_mprintf(req, "/plan/actions/%lld", (long long)p.id));
}

/* ROUTE: POST /plan/actions/{id} agent */
void plan_post_action(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  int64_t id = plan_action_arg(req);
  if (id <= 0) return;
  PlanAction p = {.id = id};
  int rc = plan_read_action(req, &p, &e) ? ERR_INPUT
           : plan_act_action_save(req, &p, &err);
  finish(req, rc, &err, &e, id, "action", NULL);
}

/* The question asked before an action is deleted: what goes with it, a
** button that confirms and a way back.  Nothing is deleted yet. */
static void delete_confirm(Req *req, int64_t id)
{
  ActionLines x;
  if (action_load(req, id, &x)) return;
  const PlanAction p = x.p;
  int nB = x.nB, nL = x.nL, nS = x.nS;
  const char *zBase = html_mprintf(req, "/plan/actions/%lld", (long long)id);
  page_begin(req, "Supprimer une action");
  kit_breadcrumb(req, "Plan santé", "/plan", "Actions", "/plan/actions",
                 p.zName, zBase, "Supprimer", NULL, NULL);
  html_printf(req, "<h1>Supprimer l'action «\u00a0%h\u00a0»\u00a0?</h1>\n<div class=\""
                   "alert alert-error\" role=\"alert\"><p>La suppression "
                   "est définitive : elle retire aussi %d ligne%s de budget "
                   "(%h), %d lien%s et %d dépense%s saisie%s (%h).</p></div>\n",
              p.zName, nB, nB > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              kit_euros(req, p.budgetCents), nL,
              nL > 1 ? "s" /*trusted*/ : "" /*trusted*/, nS,
              nS > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              nS > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              kit_euros(req, p.spentCents));
  form_begin(req, html_mprintf(req, "%s/supprimer", zBase /*trusted*/));
  html_printf(req, "<input type=\"hidden\" name=\"confirmer\" value=\"oui\">"
                   "\n<div class=\"form-actions\"><button type=\"submit\" "
                   "class=\"btn-danger\">Oui, supprimer l'action</button> "
                   "<a class=\"btn btn-secondary\" href=\"%h\">Non, revenir "
                   "à l'action</a></div>\n", zBase);
  form_end(req);
  page_end(req);
}

/* POST /plan/actions/{id}/supprimer: asks first (confirmer absent), then
** deletes when the confirmation form is sent (confirmer=oui).
** ROUTE: POST /plan/actions/{id}/supprimer agent
*/
void plan_post_action_delete(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  int64_t id = plan_action_arg(req);
  if (id <= 0) return;
  if (strcmp(kit_value(req, "confirmer"), "oui") != 0) {
    delete_confirm(req, id);
    return;
  }
  int rc = plan_act_action_delete(req, id, &err);
  finish(req, rc, &err, &e, 0, "action", NULL);
}

/* A new entry on the action of the path (or the plan itself, for an
** output on /plan/indicateurs): read through its field table (forms.c),
** written by its action (actions.c).  kind: 'b'udget line, 'l'ink,
** 's'pending, 'o'utput. */
static void post_entry(Req *req, char kind)
{
  Err err = {0};
  KitErrors e = {0};
  int64_t id = plan_action_arg(req);
  if (id < 0) return;
  PlanBudget b = {.actionId = id};
  PlanLink l = {.actionId = id};
  PlanSpend s = {.actionId = id};
  PlanOutput o = {.actionId = id};
  const char *zSection;
  int rc;
  switch (kind) {
    case 'b':
      zSection = "budget";
      rc = plan_read_budget(req, &b, &e) ? ERR_INPUT
           : plan_act_budget(req, &b, &err);
      break;
    case 'l':
      zSection = "lien";
      rc = plan_read_link(req, &l, &e) ? ERR_INPUT
           : plan_act_link_add(req, &l, &err);
      break;
    case 's':
      zSection = "depense";
      rc = plan_read_spend(req, &s, &e) ? ERR_INPUT
           : plan_act_spend_add(req, &s, &err);
      break;
    default:
      zSection = "indicateur";
      rc = plan_read_output(req, &o, &e) ? ERR_INPUT
           : plan_act_output(req, &o, &err);
      break;
  }
  finish(req, rc, &err, &e, id, zSection, NULL);
}

/* Remove entry {zArg} of the action of the path with xDelete. */
static void post_delete(Req *req, const char *zArg, const char *zSection,
                        int (*xDelete)(Req *, int64_t, int64_t, Err *))
{
  Err err = {0};
  KitErrors e = {0};
  int64_t id = plan_action_arg(req);
  if (id <= 0) return;
  int64_t eid = kit_arg_id_or_404(req, zArg);
  if (!eid) return;
  int rc = xDelete(req, id, eid, &err);
  finish(req, rc, &err, &e, id, zSection, NULL);
}

/* ROUTE: POST /plan/actions/{id}/budget agent */
void plan_post_budget(Req *req)
{
  post_entry(req, 'b');
}

/* ROUTE: POST /plan/actions/{id}/liens agent */
void plan_post_link(Req *req)
{
  post_entry(req, 'l');
}

/* ROUTE: POST /plan/actions/{id}/depenses agent */
void plan_post_spend(Req *req)
{
  post_entry(req, 's');
}

/* POST /plan/actions/{id}/indicateurs and /plan/indicateurs (plan-level).
** ROUTE: POST /plan/indicateurs agent
** ROUTE: POST /plan/actions/{id}/indicateurs agent
*/
void plan_post_output(Req *req)
{
  post_entry(req, 'o');
}

/* ROUTE: POST /plan/actions/{id}/liens/{lid}/supprimer agent */
void plan_post_link_delete(Req *req)
{
  post_delete(req, "lid", "lien", plan_act_link_delete);
}

/* ROUTE: POST /plan/actions/{id}/depenses/{sid}/supprimer agent */
void plan_post_spend_delete(Req *req)
{
  post_delete(req, "sid", "depense", plan_act_spend_delete);
}
