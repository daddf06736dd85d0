/*
** centres/pages_activity.c: monthly activity entry (one site-month form,
** CSV import of many) and monthly finance per centre.
**
** The import is all or nothing (activity.c): a refused file shows the
** line, the column and the reason, and nothing of it is saved.
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/french.h"
#include "centres/internal.h"
#include "web/kit_form.h"
#include "web/kit_record.h"

static void activity_forms(Req *req, const CentreActivity *p,
                           const KitErrors *err, const KitErrors *importErr,
                           int nImported)
{
  CentreSite *aS;
  int nS = 0;
  Err e2 = {0};
  centre_site_list(req_db(req), req_arena(req), 0, &aS, &nS, &e2);
  page_begin(req, "Activité mensuelle des centres");
  kit_breadcrumb(req, "Centres de santé", "/centres", "Activité", NULL,
                 NULL);
  html_printf(req, "<h1>Activité mensuelle des centres</h1>\n");
  if (nImported > 0) {
    html_printf(req, "<div class=\"alert alert-success\" role=\"status\">"
                     "<p>%d lignes importées.</p></div>\n", nImported);
  }
  html_printf(req, "<section aria-labelledby=\"import\"><h2 id=\"import\">"
                   "Importer un fichier CSV</h2>\n<p>Une ligne par site et "
                   "par mois ; séparateur « ; » ou « , » ; colonnes : "
                   "<code>site;mois;consultations;visites_domicile;"
                   "teleconsultations;part_non_programmee;"
                   "nouveaux_patients_mt;patients_mt_cumul</code> (site = "
                   "code du site, mois = AAAA-MM, part non programmée en %% "
                   "facultative). Tout le fichier est refusé à la première "
                   "ligne fausse.</p>\n");
  kit_error_box(req, importErr);
  html_printf(req, "<form method=\"post\" action=\"/centres/activite/import\" "
                   "enctype=\"multipart/form-data\"><input type=\"hidden\" "
                   "name=\"csrf_token\" value=\"%h\"><div class=\"field\">"
                   "<label for=\"f-fichier\">Fichier CSV</label><input "
                   "type=\"file\" id=\"f-fichier\" name=\"fichier\" "
                   "accept=\".csv,text/csv\" required></div>"
                   "<div class=\"form-actions\"><button type=\"submit\">"
                   "Importer</button></div></form>\n</section>\n",
              req_csrf_token(req));

  html_printf(req, "<section aria-labelledby=\"one\"><h2 id=\"one\">Saisir "
                   "un mois</h2>\n");
  kit_error_box(req, err);
  form_begin(req, "/centres/activite");
  Arena *a = req_arena(req);
  const char **azSite = arena_alloc(a, sizeof *azSite * (2 * nS + 1));
  for (int i = 0; i < nS; i++) {
    azSite[2 * i] = arena_printf(a, "%lld", (long long)aS[i].id);
    azSite[2 * i + 1] = arena_printf(a, "%s — %s (%s)", aS[i].zCentreName,
                                     aS[i].zName, aS[i].zCode);
  }
  azSite[2 * nS] = NULL;
  kit_select(req, err, "site_id", "Site", azSite,
             arena_printf(a, "%lld", (long long)p->siteId), NULL);
  char zMonth[16] = "";
  if (p->year) {
    snprintf(zMonth, sizeof zMonth, "%04d-%02d", p->year % 10000,
             p->month % 100);
  }
  kit_input(req, err, "mois", "Mois", "month", zMonth, "AAAA-MM");
  static const char *const az[][2] = {
    {"consultations", "Consultations"},
    {"visites_domicile", "Visites à domicile"},
    {"teleconsultations", "Téléconsultations"},
    {"nouveaux_patients_mt", "Nouveaux patients déclarant un médecin "
                             "traitant du centre"},
    {"patients_mt_cumul", "Patients ayant un médecin traitant du centre "
                          "(cumul)"},
  };
  long aV[5] = {p->consultations, p->homeVisits, p->teleconsultations,
                p->newMtPatients, p->cumMtPatients};
  for (int i = 0; i < 5; i++) {
    kit_input(req, err, az[i][0], az[i][1], "number",
              p->year ? html_mprintf(req, "%ld", aV[i]) : "", NULL);
  }
  kit_input(req, err, "part_non_programmee", "Part de consultations non "
            "programmées (%)", "number",
            p->unscheduledPct >= 0 ? html_mprintf(req, "%f",
                                                  p->unscheduledPct) : "",
            "facultatif");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer le mois</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
  page_end(req);
}

/* ROUTE: GET /centres/activite agent */
void ctr_page_activity(Req *req)
{
  CentreActivity a = {.unscheduledPct = -1};
  activity_forms(req, &a, NULL, NULL, (int)kit_query_int(req, "importees",
                                                         0));
}

/* ROUTE: POST /centres/activite agent */
void ctr_post_activity(Req *req)
{
  Err err = {0};
  CentreActivity a = {.unscheduledPct = -1};
  KitErrors e = {0};
  int rc = kit_form_save(req, &ctr_ops_activity, &a, &e, &err);
  const char *zNext = html_mprintf(req, "/centres/tableau-de-bord?site=%lld"
                                   "&annee=%d", (long long)a.siteId, a.year);
  if (!kit_refused_or_reply(req, rc, &err, zNext)) return;
  activity_forms(req, &a, &e, NULL, 0);
}

/* ROUTE: POST /centres/activite/import agent */
void ctr_post_import(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  const ReqFile *f = req_file(req, "fichier");
  CentreActivity blank = {.unscheduledPct = -1};
  int rc;
  CtrImport imp = {0};
  if (!f || f->nData == 0) {
    kit_error_add(req, &e, "fichier", "choisir un fichier CSV non vide");
    rc = ERR_INPUT;
  } else {
    imp.zName = f->zName[0] ? f->zName : "import.csv";
    imp.zData = (const char *)f->aData;
    imp.nData = f->nData;
    rc = kit_save(req, 0, &e, ctr_write_import, &imp, &err);
  }
  const char *zNext =
      html_mprintf(req, "/centres/activite?importees=%d", imp.nRows);
  if (!kit_refused_or_reply(req, rc, &err, zNext)) return;
  activity_forms(req, &blank, NULL, &e, 0);
}

/* ---- finance ------------------------------------------------------------ */

static void finance_page(Req *req, const Centre *c, const KitErrors *err,
                         const char *zMonth)
{
  CentreFinance *aF;
  int nF = 0, y, m, d;
  Err e2 = {0};
  caldate_ymd(caldate_today(), &y, &m, &d);
  y = (int)kit_query_int(req, "annee", y);
  centre_finance_list(req_db(req), req_arena(req), c->id, y, &aF, &nF, &e2);
  page_begin(req, "Finances du centre");
  kit_breadcrumb(req, "Centres de santé", "/centres", c->zName,
                 html_mprintf(req, "/centres/%lld", (long long)c->id),
                 "Finances", NULL, NULL);
  html_printf(req, "<h1>Finances mensuelles — %h</h1>\n<p>Salaires et "
                   "charges payés par le département, remboursements reçus "
                   "de l'Assurance maladie.</p>\n", c->zName);
  kit_table_begin(req, "finances-annee",
                  NULL, html_mprintf(req, "Année %d", y));
  html_printf(req, "<thead><tr><th scope=\"col\">Mois</th><th scope=\"col\" "
                   "class=\"num\">Salaires</th><th scope=\"col\" "
                   "class=\"num\">Charges</th><th scope=\"col\" "
                   "class=\"num\">Remboursements</th><th scope=\"col\" "
                   "class=\"num\">Solde</th></tr></thead><tbody>\n");
  for (int i = 0; i < nF; i++) {
    const CentreFinance *f = &aF[i];
    int64_t bal = f->reimbursementsCents - f->salariesCents - f->chargesCents;
    html_printf(req, "<tr><th scope=\"row\">%h %d</th><td class=\"num\">"
                     "%h</td><td class=\"num\">%h</td><td class=\"num\">"
                     "%h</td><td class=\"num\">%h</td></tr>\n",
                fr_month(f->month) ? fr_month(f->month) : "?", f->year,
                kit_euros(req, f->salariesCents),
                kit_euros(req, f->chargesCents),
                kit_euros(req, f->reimbursementsCents), kit_euros(req, bal));
  }
  if (nF == 0) {
    html_printf(req, "<tr><td colspan=\"5\">Aucun mois saisi.</td></tr>\n");
  }
  html_printf(req, "</tbody>\n");
  kit_table_end(req);
  html_printf(req, "<h2>Saisir un mois</h2>\n");
  kit_error_box(req, err);
  form_begin(req, html_mprintf(req, "/centres/%lld/finances",
                               (long long)c->id));
  kit_input(req, err, "mois", "Mois", "month", zMonth, "AAAA-MM");
  kit_input(req, err, "salaires", "Salaires (€)", "text", "", NULL);
  kit_input(req, err, "charges", "Charges (€)", "text", "", NULL);
  kit_input(req, err, "remboursements", "Remboursements reçus (€)", "text",
            "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /centres/{id}/finances agent */
void ctr_page_finance(Req *req)
{
  Centre c;
  if (kit_record_or_404(req, &ctr_ops_centre, &c)) {
    finance_page(req, &c, NULL, "");
  }
}

/* ROUTE: POST /centres/{id}/finances agent */
void ctr_post_finance(Req *req)
{
  Centre c;
  Err err = {0};
  int64_t id = kit_record_or_404(req, &ctr_ops_centre, &c);
  if (!id) return;
  CentreFinance f = {.centreId = id};
  KitErrors e = {0};
  int rc = kit_form_save(req, &ctr_ops_finance, &f, &e, &err);
  const char *zNext = html_mprintf(req, "/centres/%lld/finances?annee=%d",
                                   (long long)id, f.year);
  if (!kit_refused_or_reply(req, rc, &err, zNext)) return;
  finance_page(req, &c, &e, kit_value(req, "mois"));
}
