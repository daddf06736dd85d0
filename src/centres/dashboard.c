/*
** centres/dashboard.c: the dashboards (network, centre, site): key
** figures, a monthly chart drawn as inline SVG with the same figures in a
** table beside it and the published figures (exports: export.c).
**
** Published yearly totals are shown as yearly totals: the chart then has
** one bar per year, never an invented monthly split.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/caldate.h"
#include "centres/internal.h"
#include "territory/scope.h"

static const char *const azMonth[12] = {
  "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
  "oct.", "nov.", "déc."
};

/* Name of the scope's object ("Réseau …", "Centre …", "Site …"). */
const char *ctr_scope_title(Req *req, CentreScope scope, int64_t id,
                            int64_t *pNetworkId)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  if (scope == CENTRE_SCOPE_NETWORK) {
    CentreNetwork n;
    *pNetworkId = id;
    if (centre_network_get(db, a, id, &n, &err)) return NULL;
    return n.zName;
  }
  if (scope == CENTRE_SCOPE_CENTRE) {
    Centre c;
    if (centre_get(db, a, id, &c, &err)) return NULL;
    *pNetworkId = c.networkId;
    return c.zName;
  }
  CentreSite s;
  Centre c;
  if (centre_site_get(db, a, id, &s, &err)) return NULL;
  if (centre_get(db, a, s.centreId, &c, &err)) return NULL;
  *pNetworkId = c.networkId;
  return arena_printf(a, "%s — %s", c.zName, s.zName);
}

/* One key figure of st with its year-on-year change.  A period without
** any figure reads « pas de donnée » (never 0); a figure the published
** totals do not give reads « non publié »; published totals say so. */
static void stat_box(Req *req, const CentreStats *st, const char *zLabel,
                     long cur, long prev)
{
  double pct;
  int isKnown = st->hasCur && cur >= 0;
  html_printf(req, "<div class=\"stat\"><p class=\"stat-value\">%s</p>"
                   "<p class=\"stat-label\">%h%s",
              isKnown         ? ctr_num(req, cur, 0)
              : st->hasCur    ? "non publié"
                              : "pas de donnée" /*trusted*/,
              zLabel, st->isPublished ? " (total annuel publié)" : ""
              /*trusted*/);
  if (isKnown && st->hasPrev && prev >= 0 &&
      centre_yoy_pct(cur, prev, &pct) == 0) {
    html_printf(req, " <span class=\"small\">(%s%.1F %% sur un an)</span>",
                pct >= 0 ? "+" : "−" /*trusted*/, pct >= 0 ? pct : -pct);
  }
  html_printf(req, "</p></div>\n");
}

/* Bars of aCur (dark) and aPrev (light) labelled azLabel, as SVG. */
static void svg_bars(Req *req, const char *zId, const char *zTitle, int n,
                     const char *const *azLabel, const long *aCur,
                     const long *aPrev, int yCur)
{
  long max = 1;
  for (int i = 0; i < n; i++) {
    if (aCur[i] > max) max = aCur[i];
    if (aPrev[i] > max) max = aPrev[i];
  }
  const int w = 720, h = 220, left = 10, bottom = 30, top = 30;
  double slot = (double)(w - 2 * left) / n;
  html_printf(req, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" "
                   "width=\"100%%\" role=\"img\" aria-labelledby=\"%h-t\">"
                   "<title id=\"%h-t\">%h (détail dans le tableau)</title>\n",
              w, h, zId, zId, zTitle);
  for (int i = 0; i < n; i++) {
    double x = left + i * slot;
    double hP = (double)(h - top - bottom) * (aPrev[i] > 0 ? aPrev[i] : 0) /
                (double)max;
    double hC = (double)(h - top - bottom) * (aCur[i] > 0 ? aCur[i] : 0) /
                (double)max;
    html_printf(req, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                     "height=\"%.1f\" fill=\"#9fb8d6\"></rect>"
                     "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                     "height=\"%.1f\" fill=\"#1f4e8c\"></rect>"
                     "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" "
                     "text-anchor=\"middle\">%h</text>\n",
                x + slot * 0.1, h - bottom - hP, slot * 0.38, hP,
                x + slot * 0.5, h - bottom - hC, slot * 0.38, hC,
                x + slot * 0.5, h - bottom + 16, azLabel[i]);
  }
  html_printf(req, "<text x=\"%d\" y=\"18\" font-size=\"12\">"
                   "<tspan fill=\"#1f4e8c\">■ %d</tspan> "
                   "<tspan fill=\"#5d7fa8\">■ %d</tspan></text></svg>"
                   "</figure>\n", left, yCur, yCur - 1);
}

/* The monthly table beside the chart (the chart's accessible twin). */
static void month_table(Req *req, const CentreStats *st)
{
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"months-cap\"><table><caption id=\""
                   "months-cap\">Activité mois par mois, %d (et %d) : "
                   "visites à domicile, téléconsultations, part non "
                   "programmée, nouveaux patients médecin traitant (MT), "
                   "patients MT cumulés</caption><thead><tr><th scope=\"col\">Mois</th>"
                   "<th scope=\"col\" class=\"num\">Consultations %d</th>"
                   "<th scope=\"col\" class=\"num\">Consultations %d</th>"
                   "<th scope=\"col\" class=\"num\">Visites</th>"
                   "<th scope=\"col\" class=\"num\">Télécons.</th>"
                   "<th scope=\"col\" class=\"num\">Non progr. (%%)</th>"
                   "<th scope=\"col\" class=\"num\">Nouveaux MT</th>"
                   "<th scope=\"col\" class=\"num\">MT (cumul)</th>"
                   "</tr></thead><tbody>\n",
              st->year, st->year - 1, st->year, st->year - 1);
  for (int m = 0; m < 12; m++) {
    const CentreTotals *t = &st->aMonth[m];
    int hasCur = m < st->monthTo && t->nMonths > 0;
    html_printf(req, "<tr><th scope=\"row\">%h</th><td class=\"num\">%s</td>"
                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                     "</tr>\n", azMonth[m],
                hasCur ? ctr_num(req, t->consultations, 0) : "—" /*trusted*/,
                st->aPrevMonth[m].nMonths
                    ? ctr_num(req, st->aPrevMonth[m].consultations, 0)
                    : "—" /*trusted*/,
                hasCur ? ctr_num(req, t->homeVisits, 0) : "—" /*trusted*/,
                hasCur ? ctr_num(req, t->teleconsultations, 0)
                       : "—" /*trusted*/,
                hasCur ? ctr_num(req, t->unscheduledPct, 1) : "—" /*trusted*/,
                hasCur ? ctr_num(req, t->newMtPatients, 0) : "—" /*trusted*/,
                hasCur ? ctr_num(req, t->cumMtPatients, 0) : "—" /*trusted*/);
  }
  html_printf(req, "</tbody></table></div>\n");
}

/* Published figures of network networkId. */
static void published_table(Req *req, int64_t networkId)
{
  CentrePublished *aP;
  int nP;
  Err err = {0};
  if (centre_published_list(req_db(req), req_arena(req), networkId, &aP, &nP,
                            &err) || nP == 0) {
    return;
  }
  html_printf(req, "<section aria-labelledby=\"pub\"><h2 id=\"pub\">Chiffres "
                   "publiés par le département</h2>\n<div class=\"table-wrap"
                   "\" tabindex=\"0\" role=\"region\" aria-labelledby=\""
                   "pub-cap\"><table><caption id=\"pub-cap\">Totaux annuels "
                   "ou pluriannuels, tels que publiés (jamais répartis par "
                   "mois)</caption><thead><tr><th scope=\"col\">Indicateur"
                   "</th><th scope=\"col\">Période</th><th scope=\"col\" "
                   "class=\"num\">Valeur</th><th scope=\"col\">Source et "
                   "remarque</th></tr></thead><tbody>\n");
  for (int i = 0; i < nP; i++) {
    const CentrePublished *p = &aP[i];
    html_printf(req, "<tr><th scope=\"row\">%h</th><td>%s</td>"
                     "<td class=\"num\">%.0F</td><td>%h%s%h</td></tr>\n",
                centre_metric_label(p->zMetric),
                p->yearFrom == p->yearTo
                    ? html_mprintf(req, "%d", p->yearTo)
                    : html_mprintf(req, "%d – %d (cumul)", p->yearFrom,
                                   p->yearTo) /*trusted*/,
                p->value, p->zSource, p->zNote[0] ? " — " : "" /*trusted*/,
                p->zNote);
  }
  html_printf(req, "</tbody></table></div></section>\n");
}

/* The chooser shown when no scope is given. */
static void dashboard_chooser(Req *req)
{
  CentreNetwork *aN;
  Centre *aC;
  int nN = 0, nC = 0;
  Err err = {0};
  centre_network_list(req_db(req), req_arena(req), &aN, &nN, &err);
  centre_list(req_db(req), req_arena(req), 0, &aC, &nC, &err);
  page_begin(req, "Tableaux de bord des centres de santé");
  html_printf(req, "<h1>Tableaux de bord des centres de santé</h1>\n"
                   "<h2>Réseaux</h2><ul>\n");
  for (int i = 0; i < nN; i++) {
    html_printf(req, "<li><a href=\"/centres/tableau-de-bord?reseau=%lld\">"
                     "%h</a></li>\n", (long long)aN[i].id, aN[i].zName);
  }
  html_printf(req, "</ul><h2>Centres</h2><ul>\n");
  for (int i = 0; i < nC; i++) {
    html_printf(req, "<li><a href=\"/centres/tableau-de-bord?centre=%lld\">"
                     "%h</a></li>\n", (long long)aC[i].id, aC[i].zName);
  }
  html_printf(req, "</ul>\n");
  page_end(req);
}

/* One territory (DESIGN.md): a network of another département is a
** reference; its figures are said to count in none of the instance's. */
static void dashboard_outside_note(Req *req, int64_t networkId)
{
  TerrScope scope;
  CentreNetwork n;
  Err err = {0};
  if (networkId <= 0 ||
      terr_scope_load(req_db(req), req_arena(req), &scope, &err) ||
      centre_network_get(req_db(req), req_arena(req), networkId, &n, &err) ||
      scope.nDep == 0 || !n.zDep[0] || terr_scope_has_dep(&scope, n.zDep)) {
    return;
  }
  html_printf(req, "<p class=\"alert alert-info\"><span class=\"badge\">hors "
                   "territoire</span> Réseau d'un autre département (%h), "
                   "montré pour référence : ses chiffres n'entrent dans aucun "
                   "chiffre de %h.</p>\n", n.zDep, scope.zName);
}

/* ROUTE: GET /centres/tableau-de-bord lecteur */
void ctr_page_dashboard(Req *req)
{
  CentreScope scope;
  int64_t id, networkId = 0;
  int y, monthTo;
  if (ctr_scope_from_query(req, &scope, &id, &y, &monthTo)) {
    dashboard_chooser(req);
    return;
  }
  const char *zTitle = ctr_scope_title(req, scope, id, &networkId);
  if (!zTitle) {
    reply_error(req, 404, "introuvable", "Périmètre introuvable.", NULL);
    return;
  }
  CentreStats st;
  Err err = {0};
  if (centre_stats(req_db(req), req_arena(req), scope, id, y, monthTo, &st,
                   &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  static const char *const azKey[] = {"reseau", "centre", "site"};
  const char *zKey = azKey[scope];
  page_begin(req, zTitle);
  kit_breadcrumb(req, "Centres de santé", "/centres", "Tableaux de bord",
                 "/centres/tableau-de-bord", zTitle, NULL, NULL);
  html_printf(req, "<h1>%h — %d</h1>\n", zTitle, y);
  dashboard_outside_note(req, networkId);
  html_printf(req, "<form method=\"get\" action=\"/centres/tableau-de-bord\">"
                   "<input type=\"hidden\" name=\"%h\" value=\"%lld\">"
                   "<div class=\"field\"><label for=\"f-annee\">Année</label>"
                   "<input type=\"number\" id=\"f-annee\" name=\"annee\" "
                   "value=\"%d\"></div><div class=\"field\"><label for=\""
                   "f-mois\">Jusqu'au mois (cumul depuis janvier)</label>"
                   "<input type=\"number\" id=\"f-mois\" name=\"mois\" "
                   "min=\"1\" max=\"12\" value=\"%d\"></div><button "
                   "type=\"submit\" class=\"btn-secondary\">Afficher</button>"
                   "</form>\n", zKey, (long long)id, y, monthTo);
  if (st.isPublished) {
    html_printf(req, "<div class=\"alert alert-info\"><p class=\"alert-title"
                     "\">Total annuel publié</p><p>Pas de données mensuelles "
                     "pour %d : les chiffres ci-dessous sont les totaux "
                     "annuels publiés (%h). Ils ne sont pas répartis par "
                     "mois.</p></div>\n", y, st.zPublishedSource);
  }
  html_printf(req, "<h2>%s %d</h2>\n<div class=\"grid-2\">\n",
              st.monthTo == 12 ? "Année" : "Depuis janvier" /*trusted*/, y);
  stat_box(req, &st, "consultations", st.ytd.consultations,
           st.prevYtd.consultations);
  if (st.ytd.homeAndTele < 0 && st.ytd.homeVisits >= 0) {
    /* published alone: home visits are not visits and teleconsultations */
    stat_box(req, &st, "visites à domicile", st.ytd.homeVisits,
             st.prevYtd.homeVisits);
  } else {
    stat_box(req, &st, "visites à domicile et téléconsultations",
             st.ytd.homeAndTele, st.prevYtd.homeAndTele);
  }
  stat_box(req, &st, "nouveaux patients déclarant un médecin traitant",
           st.ytd.newMtPatients, st.prevYtd.newMtPatients);
  stat_box(req, &st, "patients ayant un médecin traitant du centre (cumul)",
           st.ytd.cumMtPatients, st.prevYtd.cumMtPatients);
  html_printf(req, "<div class=\"stat\"><p class=\"stat-value\">%s</p>"
                   "<p class=\"stat-label\">consultations par ETP de médecin "
                   "(%s ETP)</p></div>\n",
              st.consultPerFte >= 0 ? ctr_num(req, st.consultPerFte, 0)
                                    : "pas de donnée" /*trusted*/,
              ctr_num(req, st.fteDoctors, 1) /*trusted*/);
  html_printf(req, "</div>\n");

  if (st.isPublished) {
    const char *azY[2] = {html_mprintf(req, "%d", y - 1),
                          html_mprintf(req, "%d", y)};
    long aCur[2] = {0, st.ytd.consultations};
    long aPrev[2] = {st.prevYtd.consultations > 0 ? st.prevYtd.consultations
                                                  : 0, 0};
    svg_bars(req, "chart-y", "Consultations par an (totaux publiés)", 2, azY,
             aCur, aPrev, y);
    html_printf(req, "<table><caption>Consultations par an (totaux publiés)"
                     "</caption><tbody><tr><th scope=\"row\">%d</th>"
                     "<td class=\"num\">%s</td></tr><tr><th scope=\"row\">%d"
                     "</th><td class=\"num\">%s</td></tr></tbody></table>\n",
                y - 1, st.prevYtd.consultations > 0
                           ? ctr_num(req, st.prevYtd.consultations, 0)
                           : "— (non publié)" /*trusted*/,
                y, ctr_num(req, st.ytd.consultations, 0) /*trusted*/);
  } else {
    long aCur[12], aPrev[12];
    for (int m = 0; m < 12; m++) {
      aCur[m] = m < st.monthTo ? st.aMonth[m].consultations : 0;
      aPrev[m] = st.aPrevMonth[m].consultations;
    }
    /* chart first, its table below: side by side, the seven columns of
    ** the table would not fit */
    svg_bars(req, "chart-m", "Consultations par mois", 12, azMonth, aCur,
             aPrev, y);
    month_table(req, &st);
  }
  if (scope != CENTRE_SCOPE_SITE && st.isPublished) {
    html_printf(req, "<h2>Finances</h2>\n<p>Pas de données financières "
                     "mensuelles pour %d.</p>\n", y);
  } else if (scope != CENTRE_SCOPE_SITE) {
    html_printf(req, "<h2>Finances (depuis janvier)</h2>\n<dl class=\"facts"
                     "\"><dt>Salaires</dt><dd>%h</dd><dt>Charges</dt>"
                     "<dd>%h</dd><dt>Remboursements reçus</dt><dd>%h</dd>"
                     "</dl>\n", kit_euros(req, st.salariesCents),
                kit_euros(req, st.chargesCents),
                kit_euros(req, st.reimbursementsCents));
  }
  html_printf(req, "<p><a href=\"/centres/export.csv?%h=%lld&amp;annee=%d&amp;"
                   "mois=%d\">Exporter en CSV</a> · <a href=\"/centres/"
                   "export.xlsx?%h=%lld&amp;annee=%d&amp;mois=%d\">Exporter "
                   "en XLSX</a></p>\n", zKey, (long long)id, y, monthTo,
              zKey, (long long)id, y, monthTo);
  if (scope == CENTRE_SCOPE_NETWORK) published_table(req, networkId);
  page_end(req);
}
