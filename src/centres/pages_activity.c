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
#include "centres/webutil.h"

/* Euros "1 234,56" / "1234.56" into cents; -1 when not a number. */
static int64_t euros_to_cents(const char *z)
{
  char zNum[48];
  int n = 0;
  double v;
  for (; *z && n < (int)sizeof zNum - 1; z++) {
    if (*z == ' ') continue;
    zNum[n++] = *z == ',' ? '.' : *z;
  }
  zNum[n] = 0;
  if (!n || str_to_double(zNum, &v)) return -1;
  return (int64_t)(v * 100 + (v < 0 ? -0.5 : 0.5));
}

/* A form count: "" is 0; not a number: -1e9 so the check names it. */
static long form_count(Req *req, const char *zName)
{
  long v;
  const char *z = ctr_form(req, zName);
  if (!z[0]) return 0;
  return str_to_long(z, &v) ? -1000000000L : v;
}

static void activity_forms(Req *req, const CentreActivity *p, const Err *err,
                           const Err *importErr, int nImported)
{
  CentreSite *aS;
  int nS = 0;
  Err e2 = {0};
  centre_site_list(req_db(req), req_arena(req), 0, &aS, &nS, &e2);
  page_begin(req, "Activité mensuelle des centres");
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/centres\">Centres de santé</a></li>"
                   "<li>Activité</li></ol></nav>\n"
                   "<h1>Activité mensuelle des centres</h1>\n");
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
  ctr_form_error(req, importErr);
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
  ctr_form_error(req, err);
  form_begin(req, "/centres/activite");
  html_printf(req, "<div class=\"field\"><label for=\"f-site_id\">Site"
                   "</label><select id=\"f-site_id\" name=\"site_id\">\n");
  for (int i = 0; i < nS; i++) {
    html_printf(req, "<option value=\"%lld\"%s>%h — %h (%h)</option>\n",
                (long long)aS[i].id,
                aS[i].id == p->siteId ? " selected" : "" /*trusted*/,
                aS[i].zCentreName, aS[i].zName, aS[i].zCode);
  }
  html_printf(req, "</select></div>\n");
  char zMonth[16] = "";
  if (p->year) {
    snprintf(zMonth, sizeof zMonth, "%04d-%02d", p->year % 10000,
             p->month % 100);
  }
  ctr_input(req, err, "month", "Mois", "month", zMonth, "AAAA-MM");
  static const char *const az[][2] = {
    {"consultations", "Consultations"},
    {"home_visits", "Visites à domicile"},
    {"teleconsultations", "Téléconsultations"},
    {"new_mt_patients", "Nouveaux patients déclarant un médecin traitant du "
                        "centre"},
    {"cum_mt_patients", "Patients ayant un médecin traitant du centre "
                        "(cumul)"},
  };
  long aV[5] = {p->consultations, p->homeVisits, p->teleconsultations,
                p->newMtPatients, p->cumMtPatients};
  for (int i = 0; i < 5; i++) {
    ctr_input(req, err, az[i][0], az[i][1], "number",
              p->year ? html_mprintf(req, "%ld", aV[i]) : "", NULL);
  }
  ctr_input(req, err, "unscheduled_pct", "Part de consultations non "
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

void ctr_page_activity(Req *req)
{
  CentreActivity a = {.unscheduledPct = -1};
  activity_forms(req, &a, NULL, NULL, (int)ctr_query_int(req, "importees",
                                                         0));
}

void ctr_post_activity(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  long site = 0;
  str_to_long(ctr_form(req, "site_id"), &site);
  CentreActivity a = {.siteId = site,
                      .consultations = form_count(req, "consultations"),
                      .homeVisits = form_count(req, "home_visits"),
                      .teleconsultations = form_count(req,
                                                      "teleconsultations"),
                      .newMtPatients = form_count(req, "new_mt_patients"),
                      .cumMtPatients = form_count(req, "cum_mt_patients"),
                      .unscheduledPct = -1};
  const char *zPct = ctr_form(req, "unscheduled_pct");
  int rc = 0;
  if (zPct[0]) {
    char z[32];
    snprintf(z, sizeof z, "%s", zPct);
    for (char *c = z; *c; c++) {
      if (*c == ',') *c = '.';
    }
    if (str_to_double(z, &a.unscheduledPct)) a.unscheduledPct = 1000;
  }
  if (caldate_parse_month(ctr_form(req, "month"), &a.year, &a.month)) {
    rc = err_set(&err, ERR_INPUT, "mois invalide (attendu AAAA-MM)");
    err_field(&err, "month");
  }
  if (!rc) rc = store_begin(db, &err);
  if (!rc) {
    rc = centre_activity_save(db, &a, caldate_today(), &err);
    if (!rc) rc = ctr_audit(req, "centre_activity", a.siteId, "save", NULL,
                            ctr_json_activity(&a), &err);
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  }
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    activity_forms(req, &a, &err, NULL, 0);
    return;
  }
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/centres/tableau-de-bord?site=%lld"
                                   "&annee=%d", (long long)a.siteId, a.year));
}

void ctr_post_import(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  const ReqFile *f = req_file(req, "fichier");
  CentreActivity blank = {.unscheduledPct = -1};
  int nRows = 0, rc;
  if (!f || f->nData == 0) {
    rc = err_set(&err, ERR_INPUT, "choisir un fichier CSV non vide");
    err_field(&err, "fichier");
  } else {
    rc = store_begin(db, &err);
    if (!rc) {
      rc = centre_activity_import(db, f->zName[0] ? f->zName : "import.csv",
                                  (const char *)f->aData, f->nData,
                                  caldate_today(), &nRows, &err);
      if (!rc) {
        rc = ctr_audit(req, "centre_activity_import", 0, "import", NULL,
                       json_pack("{s:s, s:i}", "file", f->zName, "rows",
                                 nRows), &err);
      }
      rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
    }
  }
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    activity_forms(req, &blank, NULL, &err, 0);
    return;
  }
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/centres/activite?importees=%d",
                                   nRows));
}

/* ---- finance ------------------------------------------------------------ */

static void finance_page(Req *req, const Centre *c, const Err *err,
                         const char *zMonth)
{
  CentreFinance *aF;
  int nF = 0, y, m, d;
  Err e2 = {0};
  caldate_ymd(caldate_today(), &y, &m, &d);
  y = (int)ctr_query_int(req, "annee", y);
  centre_finance_list(req_db(req), req_arena(req), c->id, y, &aF, &nF, &e2);
  page_begin(req, "Finances du centre");
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/centres\">Centres de santé</a></li>"
                   "<li><a href=\"/centres/%lld\">%h</a></li><li>Finances"
                   "</li></ol></nav>\n<h1>Finances mensuelles — %h</h1>\n"
                   "<p>Salaires et charges payés par le département, "
                   "remboursements reçus de l'Assurance maladie.</p>\n",
              (long long)c->id, c->zName, c->zName);
  html_printf(req, "<table><caption>Année %d</caption><thead><tr>"
                   "<th scope=\"col\">Mois</th><th scope=\"col\" "
                   "class=\"num\">Salaires (€)</th><th scope=\"col\" "
                   "class=\"num\">Charges (€)</th><th scope=\"col\" "
                   "class=\"num\">Remboursements (€)</th><th scope=\"col\" "
                   "class=\"num\">Solde (€)</th></tr></thead><tbody>\n", y);
  for (int i = 0; i < nF; i++) {
    const CentreFinance *f = &aF[i];
    double bal = (double)(f->reimbursementsCents - f->salariesCents -
                          f->chargesCents) / 100.0;
    html_printf(req, "<tr><th scope=\"row\">%d-%s%d</th><td class=\"num\">"
                     "%.2F</td><td class=\"num\">%.2F</td><td class=\"num\">"
                     "%.2F</td><td class=\"num\">%s%.2F</td></tr>\n",
                f->year, f->month < 10 ? "0" : "" /*trusted*/, f->month,
                f->salariesCents / 100.0, f->chargesCents / 100.0,
                f->reimbursementsCents / 100.0,
                bal < 0 ? "−" : "" /*trusted*/, bal < 0 ? -bal : bal);
  }
  if (nF == 0) {
    html_printf(req, "<tr><td colspan=\"5\">Aucun mois saisi.</td></tr>\n");
  }
  html_printf(req, "</tbody></table>\n<h2>Saisir un mois</h2>\n");
  ctr_form_error(req, err);
  form_begin(req, html_mprintf(req, "/centres/%lld/finances",
                               (long long)c->id));
  ctr_input(req, err, "month", "Mois", "month", zMonth, "AAAA-MM");
  ctr_input(req, err, "salaries", "Salaires (€)", "text", "", NULL);
  ctr_input(req, err, "charges", "Charges (€)", "text", "", NULL);
  ctr_input(req, err, "reimbursements", "Remboursements reçus (€)", "text",
            "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
  page_end(req);
}

void ctr_page_finance(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (!id) return;
  Centre c;
  Err err = {0};
  if (centre_get(req_db(req), req_arena(req), id, &c, &err)) {
    ctr_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  finance_page(req, &c, NULL, "");
}

void ctr_post_finance(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (!id) return;
  Store *db = req_db(req);
  Centre c;
  Err err = {0};
  if (centre_get(db, req_arena(req), id, &c, &err)) {
    ctr_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  CentreFinance f = {.centreId = id,
                     .salariesCents = euros_to_cents(ctr_form(req,
                                                              "salaries")),
                     .chargesCents = euros_to_cents(ctr_form(req, "charges")),
                     .reimbursementsCents = euros_to_cents(
                         ctr_form(req, "reimbursements"))};
  int rc = 0;
  if (caldate_parse_month(ctr_form(req, "month"), &f.year, &f.month)) {
    rc = err_set(&err, ERR_INPUT, "mois invalide (attendu AAAA-MM)");
    err_field(&err, "month");
  }
  if (!rc) rc = store_begin(db, &err);
  if (!rc) {
    rc = centre_finance_save(db, &f, caldate_today(), &err);
    if (!rc) {
      rc = ctr_audit(req, "centre_finance", id, "save", NULL, json_pack(
          "{s:s, s:I, s:I, s:I}", "month", ctr_form(req, "month"),
          "salaries_cents", (json_int_t)f.salariesCents, "charges_cents",
          (json_int_t)f.chargesCents, "reimbursements_cents",
          (json_int_t)f.reimbursementsCents), &err);
    }
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  }
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    finance_page(req, &c, &err, ctr_form(req, "month"));
    return;
  }
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/centres/%lld/finances?annee=%d",
                                   (long long)id, f.year));
}
