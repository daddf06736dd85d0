/*
** plan/pages.c: the dashboard for elected officials (/plan), printable on
** one page, with every chart beside the table of its figures, and its
** XLSX export.
**
** Spending is read from the payments the other modules log for what each
** action funds (feeds.c), plus the team's manual entries; outputs are the
** modules' figures plus the team's entries.  Each table names its
** sources; a module without data shows 0 with that source named, and the
** access section says when the observatory has nothing stored.
*/
#include <math.h>
#include <string.h>

#include "plan/web_int.h"
#include "portal/portal.h"
#include "territory/scope.h"

/* The territory's name from the portal settings ("" when unset). */
const char *plan_territory(Req *req)
{
  PortalSettings set;
  TerrScope scope;
  Err err = {0};
  /* the instance's territory, the one every figure counts inside */
  if (terr_scope_load(req_db(req), req_arena(req), &scope, &err) == 0 &&
      scope.nDep) {
    return scope.zName;
  }
  err_clear(&err);
  if (portal_settings_load(req_db(req), req_arena(req), &set, &err)) {
    return "";
  }
  return set.zName;
}

/* Short column headings of the outputs, in plan_output_codes order. */
static const char *const azShort[PLAN_N_OUTPUT] = {
  "Médecins installés", "Engagements", "Étudiants accueillis",
  "Consultations", "Patients avec médecin traitant",
};

/* One key figure. */
static void dash_stat(Req *req, const char *zValue, const char *zLabel)
{
  html_printf(req, "<li class=\"card stat\"><span class=\"stat-value\">%h"
                   "</span><span class=\"stat-label\">%h</span></li>\n",
              zValue, zLabel);
}

/* The cost per doctor settled as text ("n.d." when none settled). */
static const char *dash_cost(Req *req, int64_t spent, int64_t nSettled)
{
  double c = plan_cost_per_doctor(spent, nSettled);
  if (isnan(c)) return "—";
  return kit_euros(req, (int64_t)llround(c * 100));
}

/* What the modules hold outside the territory, named and not counted. */
static void dash_outside(Req *req, const PlanSummary *p, const char *zTerr)
{
  const PlanFacts *o = &p->outside;
  const struct { int64_t n; const char *zOne, *zMany; } a[] = {
    {o->nSettled, "installation", "installations"},
    {o->nSigned, "engagement d'aide", "engagements d'aide"},
    {o->nTrainees, "stage", "stages"},
    {o->nConsultations, "consultation en centre de santé",
     "consultations en centres de santé"},
  };
  const char *zList = "";
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (a[i].n <= 0) continue;
    zList = html_mprintf(req, "%s%s%.0F %s", zList /*trusted*/,
                         zList[0] ? ", " /*trusted*/ : "" /*trusted*/,
                         (double)a[i].n,
                         a[i].n > 1 ? a[i].zMany : a[i].zOne /*trusted*/);
  }
  if (zList[0]) {
    html_printf(req, "<p class=\"alert alert-warning\" id=\"hors-territoire\"><strong>"
                     "Hors territoire</strong> (%h), non comptés : %s.</p>\n",
                zTerr[0] ? zTerr : "territoire de l'instance",
                zList /*trusted*/);
  }
}

/* Access to GPs in the portal's département over the stored vintages. */
static void dash_access(Req *req, const PlanSummary *p)
{
  html_printf(req, "<section aria-labelledby=\"acces\">\n<h2 id=\"acces\">"
                   "Accès aux soins, millésime par millésime</h2>\n");
  if (!p->zTerritory[0]) {
    html_printf(req, "<p class=\"muted\">Aucune donnée : le territoire de "
                     "l'instance n'est pas réglé (administration, « Instance »)."
                     "</p>\n</section>\n");
    return;
  }
  if (p->nVintage == 0) {
    html_printf(req, "<p class=\"muted\">Aucune donnée : l'APL de la DREES "
                     "n'est pas importée pour %h.</p>\n</section>\n",
                p->zTerritory);
    return;
  }
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"t-acces\">\n<table>\n<caption id=\""
                   "t-acces\">APL et population des communes sous-denses, "
                   "%h</caption>\n<thead><tr><th scope=\"col\">"
                   "Millésime</th><th scope=\"col\" class=\"num\">APL moyen"
                   "</th><th scope=\"col\" class=\"num\">Communes sous-denses"
                   "</th><th scope=\"col\" class=\"num\">Habitants en zone "
                   "sous-dense</th></tr></thead>\n<tbody>\n", p->zTerritory);
  for (int k = 0; k < p->nVintage; k++) {
    const PortalVintage *v = &p->aVintage[k];
    html_printf(req, "<tr><th scope=\"row\">%d</th><td class=\"num\">%.2F"
                     "</td><td class=\"num\">%.0F sur %.0F</td><td "
                     "class=\"num\">%.0F</td></tr>\n", v->vintage, v->apl,
                (double)v->nSousDense, (double)v->nCommune,
                (double)v->popSousDense);
  }
  html_printf(req, "</tbody>\n</table>\n</div>\n<p class=\"small muted\">"
                   "Source : APL de la DREES telle que publiée (tous âges, "
                   "pondérée par la population standardisée) ; communes "
                   "sous-denses : APL inférieure à 2,5, classement "
                   "indicatif.</p>\n"
                   "</section>\n");
}

/* GET /plan: the one-page dashboard.
** ROUTE: GET /plan lecteur
*/
void plan_page_dashboard(Req *req)
{
  Arena *a = req_arena(req);
  Err err = {0};
  PlanSummary s;
  if (plan_summary_load(req_db(req), a, &s, &err)) {
    reply_incident(req, &err);
    return;
  }
  const char *zTerr = plan_territory(req);
  page_begin(req, "Plan santé — tableau de bord");
  html_printf(req, "<div class=\"page-header\"><div><p class=\"eyebrow\">%h"
                   "</p><h1>Plan santé : tableau de bord</h1></div>\n"
                   "<p class=\"hero-actions\"><a class=\"btn btn-secondary\" "
                   "href=\"/plan/export.xlsx\">Exporter (XLSX)</a>",
              zTerr);
  if (req_role(req) >= ROLE_AGENT) {
    html_printf(req, "<a class=\"btn\" href=\"/plan/actions\">Gérer les "
                     "actions</a>");
  }
  html_printf(req, "</p></div>\n");
  if (s.nAction == 0) {
    html_printf(req, "<p class=\"muted\">Aucune donnée pour l'instant : "
                     "aucune action n'a encore été saisie.</p>\n");
  }
  double pct = plan_execution_pct(s.spentCents, s.budgetCents);
  int64_t nSettled = plan_settled(&s.facts, s.aOutput);
  html_printf(req, "<ul class=\"cards\" aria-label=\"Chiffres clés\">\n");
  dash_stat(req, kit_euros(req, s.budgetCents), "budget total du plan");
  dash_stat(req, kit_euros(req, s.spentCents),
            isnan(pct) ? "dépensés"
                       : html_mprintf(req, "dépensés, soit %.0F %% du budget",
                                      pct));
  dash_stat(req, html_mprintf(req, "%.0F", (double)nSettled),
            nSettled > 1 ? "médecins installés" : "médecin installé");
  dash_stat(req, dash_cost(req, s.spentCents, nSettled),
            nSettled > 0 ? "dépensés par médecin installé"
                         : "par médecin installé : aucun pour l'instant");
  dash_stat(req, html_mprintf(req, "%.0F dont %.0F honoré%s",
                              (double)s.facts.nSigned,
                              (double)s.facts.nHonoured,
                              s.facts.nHonoured > 1 ? "s" : "" /*trusted*/),
            s.facts.nSigned > 1 ? "engagements d'aide signés"
                                : "engagement d'aide signé");
  dash_stat(req, html_mprintf(req, "%.0F dont %.0F installé%s",
                              (double)s.facts.nTrainees,
                              (double)s.facts.nTraineesSettled,
                              s.facts.nTraineesSettled > 1 ? "s" : "" /*trusted*/),
            s.facts.nTrainees > 1
                ? "stages d'étudiants et d'internes accueillis"
                : "stage d'étudiant ou d'interne accueilli");
  const WfNoGpArea *g = &s.noGp;   /* workforce's register, or a CSV */
  dash_stat(req, !g->year ? "non renseigné"
                 : isnan(g->share) ? html_mprintf(req, "%ld", g->patients)
                 : html_mprintf(req, "%ld (%.1F %%)", g->patients,
                                100 * g->share),
            !g->year ? "patients sans médecin traitant : ni import ni saisie"
                     : html_mprintf(req, "patients sans médecin traitant en "
                                    "%d (source : %s, %d commune(s), %d EPCI ;"
                                    " mis à jour le %s)", g->year,
                                    strcmp(g->zOrigin, "manuel")
                                        ? "fichier importé, Assurance "
                                          "Maladie" /*trusted*/
                                        : "saisie de l'équipe" /*trusted*/,
                                    g->nCommune, g->nEpci,
                                    kit_date_fr(req, g->zUpdatedOn)
                                        /*trusted*/));
  html_printf(req, "</ul>\n");
  dash_outside(req, &s, zTerr);

  /* spending by source */
  html_printf(req, "<section aria-labelledby=\"sources\">\n<h2 id=\"sources\">"
                   "D'où viennent les dépenses</h2>\n<div class=\"table-wrap\" "
                   "tabindex=\"0\" role=\"region\" aria-labelledby=\"t-src\">"
                   "\n<table>\n<caption id=\"t-src\">Dépenses du plan par "
                   "source</caption>\n<thead><tr><th scope=\"col\">Source</th>"
                   "<th scope=\"col\" class=\"num\">Montant</th></tr></thead>"
                   "\n<tbody>\n");
  for (int i = 0; i < PLAN_N_SRC; i++) {
    html_printf(req, "<tr><th scope=\"row\">%h</th><td class=\"num\">%h</td>"
                     "</tr>\n", plan_source_labels[i],
                kit_euros(req, s.aSpent[i]));
  }
  html_printf(req, "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th><td "
                   "class=\"num\">%h</td></tr></tfoot>\n</table>\n</div>\n"
                   "<p class=\"small muted\">Les paiements sont lus dans les "
                   "modules pour ce que chaque action finance (aides, centres, "
                   "terrains de stage) ; un paiement rattaché à deux actions "
                   "compte une fois. Remboursements perçus par les centres "
                   "(recettes, non déduites) : %h. Paiements enregistrés mais "
                   "rattachés à aucune action : %h.</p>\n</section>\n",
              kit_euros(req, s.spentCents), kit_euros(req, s.receiptsCents),
              kit_euros(req, s.unlinkedCents));

  /* budget and spending per year: chart, then the same figures */
  const char **azYear = arena_alloc(a, (size_t)(s.nYear + s.nAction + 1) *
                                         sizeof *azYear);
  int64_t *aB = arena_alloc(a, (size_t)(s.nYear + s.nAction + 1) * 8);
  int64_t *aS = arena_alloc(a, (size_t)(s.nYear + s.nAction + 1) * 8);
  for (int y = 0; y < s.nYear; y++) {
    azYear[y] = html_mprintf(req, "%d", s.aYear[y].year);
    aB[y] = s.aYear[y].budgetCents;
    aS[y] = s.aYear[y].spentCents;
  }
  /* both charts side by side (one printed page), their tables below */
  if (s.nYear > 0) {
    Str svg = STR_INIT;
    html_printf(req, "<div class=\"grid-2\">\n<figure>\n");
    plan_svg_bars(&svg, "g-annees", "Budget et dépenses par année (les "
                  "chiffres sont dans le tableau « Par année »)", azYear, aB,
                  aS, s.nYear, "Budget", "Dépensé");
    html_printf(req, "%s<figcaption class=\"small muted\">Par année"
                     "</figcaption>\n</figure>\n<figure>\n",
                str_text(&svg) /*trusted*/);
    str_reset(&svg);
    for (int k = 0; k < s.nAction; k++) {
      aB[k] = s.aAction[k].budgetCents;
      aS[k] = s.aAction[k].spentCents;
      azYear[k] = html_mprintf(req, "%d", k + 1);
    }
    plan_svg_bars(&svg, "g-actions", "Budget et dépenses par action, "
                  "numérotées comme dans le tableau « Par action »", azYear,
                  aB, aS, s.nAction, "Budget", "Dépensé");
    html_printf(req, "%s<figcaption class=\"small muted\">Par action (n° du "
                     "tableau)</figcaption>\n</figure>\n</div>\n",
                str_text(&svg) /*trusted*/);
    str_free(&svg);
    for (int y = 0; y < s.nYear; y++) {
      aB[y] = s.aYear[y].budgetCents;
      aS[y] = s.aYear[y].spentCents;
    }
  }
  html_printf(req, "<section aria-labelledby=\"annees\">\n<h2 id=\"annees\">"
                   "Par année</h2>\n");
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" "
                   "role=\"region\" aria-labelledby=\"t-annees\">\n<table "
                   "class=\"table-stack\">\n"
                   "<caption id=\"t-annees\">Budget, dépenses et résultats "
                   "par année</caption>\n<thead><tr>"
                   "<th scope=\"col\">Année</th><th scope=\"col\" class=\"num\">"
                   "Budget</th><th scope=\"col\" class=\"num\">Dépensé</th>");
  for (int i = 0; i < PLAN_N_OUTPUT; i++) {
    html_printf(req, "<th scope=\"col\" class=\"num\">%h</th>",
                azShort[i]);
  }
  html_printf(req, "</tr></thead>\n<tbody>\n");
  for (int y = 0; y < s.nYear; y++) {
    html_printf(req, "<tr><th scope=\"row\">%d</th><td class=\"num\" "
                     "data-label=\"Budget\">%h</td><td class=\"num\" "
                     "data-label=\"Dépensé\">%h</td>", s.aYear[y].year,
                kit_euros(req, aB[y]), kit_euros(req, aS[y]));
    for (int i = 0; i < PLAN_N_OUTPUT; i++) {
      if (s.aYear[y].hasOutput & (1u << i)) {
        html_printf(req, "<td class=\"num\" data-label=\"%h\">%.0F</td>",
                    azShort[i], (double)s.aYear[y].aOutput[i]);
      } else {
        html_printf(req, "<td class=\"num muted\" data-label=\"%h\">pas "
                         "de donnée</td>", azShort[i]);
      }
    }
    html_printf(req, "</tr>\n");
  }
  html_printf(req, "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>"
                   "<td class=\"num\" data-label=\"Budget\">%h</td><td "
                   "class=\"num\" data-label=\"Dépensé\">%h</td>",
              kit_euros(req, s.budgetCents), kit_euros(req, s.spentCents));
  for (int i = 0; i < PLAN_N_OUTPUT; i++) {
    if (s.hasOutput & (1u << i)) {
      html_printf(req, "<td class=\"num\" data-label=\"%h\">%.0F</td>",
                  azShort[i], (double)s.aOutput[i]);
    } else {
      html_printf(req, "<td class=\"num muted\" data-label=\"%h\">pas de "
                       "donnée</td>", azShort[i]);
    }
  }
  html_printf(req, "</tr></tfoot>\n</table>\n</div>\n</section>\n");

  /* per action */
  html_printf(req, "<section aria-labelledby=\"actions\">\n<h2 id=\"actions\">"
                   "Par action</h2>\n");
  if (s.nAction > 0) {
    html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                     "aria-labelledby=\"t-actions\">\n<table class=\""
                     "table-stack\">\n<caption "
                     "id=\"t-actions\">Actions du plan</caption>\n<thead><tr>"
                     "<th scope=\"col\">N°</th><th scope=\"col\">Action</th>"
                     "<th scope=\"col\" class=\"num\">Budget</th><th scope="
                     "\"col\" class=\"num\">Dépensé</th><th scope=\"col\" "
                     "class=\"num\">Installés</th><th scope=\"col\" "
                     "class=\"num\">Engagements</th><th scope=\"col\" "
                     "class=\"num\">Étudiants</th><th scope=\"col\" "
                     "class=\"num\">Consultations</th><th scope=\"col\" "
                     "class=\"num\">Patients avec médecin traitant</th><th "
                     "scope=\"col\" class=\"num\">Par médecin installé</th>"
                     "</tr></thead>\n<tbody>\n");
    for (int k = 0; k < s.nAction; k++) {
      const PlanAction *p = &s.aAction[k];
      html_printf(req, "<tr><td data-label=\"N°\">%d</td><th scope=\"row\">"
                       "%h</th><td class=\"num\" data-label=\"Budget\">%h"
                       "</td><td class=\"num\" data-label=\"Dépensé\">%h</td>"
                       "<td class=\"num\" data-label=\"Installés\">%.0F</td>"
                       "<td class=\"num\" data-label=\"Engagements\">%.0F"
                       "</td><td class=\"num\" data-label=\"Étudiants\">%.0F"
                       "</td><td class=\"num\" data-label=\"Consultations\">"
                       "%.0F</td><td class=\"num\" data-label=\"Patients "
                       "avec médecin traitant\">%.0F</td><td class=\"num\" "
                       "data-label=\"Par médecin installé\">%h</td></tr>\n",
                  k + 1, p->zName, kit_euros(req, p->budgetCents),
                  kit_euros(req, p->spentCents), (double)p->aOutput[0],
                  (double)p->aOutput[1], (double)p->aOutput[2],
                  (double)p->aOutput[3], (double)p->aOutput[4],
                  dash_cost(req, p->spentCents,
                            plan_settled(&p->facts, p->aOutput)));
    }
    html_printf(req, "</tbody>\n</table>\n</div>\n<p class=\"small muted\">"
                     "« Par médecin installé » : dépenses de l'action divisées "
                     "par les médecins installés grâce à elle ; « — » quand "
                     "aucun ne l'est encore. Engagements et étudiants : ceux "
                     "des aides et terrains de stage que l'action finance, "
                     "plus les saisies de l'équipe.</p>\n");
  }
  html_printf(req, "</section>\n");
  dash_access(req, &s);
  page_end(req);
}

/* ROUTE: GET /plan/export.xlsx lecteur */
void plan_export_xlsx(Req *req)
{
  Err err = {0};
  PlanSummary s;
  Str out = STR_INIT;
  if (plan_summary_load(req_db(req), req_arena(req), &s, &err) ||
      plan_xlsx(&s, plan_territory(req), &out, &err)) {
    str_free(&out);
    reply_incident(req, &err);
    return;
  }
  size_t n = out.n;
  char *z = arena_alloc(req_arena(req), n ? n : 1);
  memcpy(z, out.z, n);
  str_free(&out);
  reply_bytes(req, 200, "application/vnd.openxmlformats-officedocument."
              "spreadsheetml.sheet", z, n, "plan-sante.xlsx");
}
