/*
** centres/export.c: the dashboards' activity export, CSV or XLSX, through
** the one export writer (web/export.h): header row first, formula-like
** text neutralised, provenance (the scope, the year, the source) in the
** XLSX "Provenance" sheet or the X-Provenance header, never in the body.
*/
#include "centres/internal.h"
#include "web/export.h"

/* The columns: JSON key and header (the keys, as the CSV always had). */
static const char *const azCol[] = {
  "periode", "consultations", "visites_domicile", "teleconsultations",
  "visites_et_teleconsultations", "part_non_programmee",
  "nouveaux_patients_mt", "patients_mt_cumul"
};

/* One row: the period, then the figures of t (unknown counts empty). */
static void export_row(ExpTable *t, const char *zPeriod,
                       const CentreTotals *x)
{
  long av[6] = {x->consultations, x->homeVisits, x->teleconsultations,
                x->homeAndTele, x->newMtPatients, x->cumMtPatients};
  exp_row(t);
  exp_text(t, zPeriod);
  for (int i = 0; i < 6; i++) {
    if (i == 4) {
      if (x->unscheduledPct >= 0) exp_number(t, x->unscheduledPct);
      else exp_empty(t);
    }
    if (av[i] >= 0) exp_integer(t, av[i]);
    else exp_empty(t);
  }
}

ExpTable *ctr_export_table(Arena *a, const CentreStats *st,
                           const char *zTitle)
{
  ExpTable *t = exp_new("Activité");
  for (int i = 0; i < 8; i++) {
    exp_col(t, azCol[i], azCol[i],
            i == 0 ? EXP_TEXT : i == 5 ? EXP_NUMBER : EXP_INTEGER);
  }
  exp_provenance(t, arena_printf(a, "Activité des centres de santé : %s, "
                                 "%d (mois 1 à %d)", zTitle, st->year,
                                 st->monthTo));
  if (st->isPublished) {
    exp_provenance(t, arena_printf(a, "Total annuel publié : %s",
                                   st->zPublishedSource
                                       ? st->zPublishedSource : ""));
    export_row(t, arena_printf(a, "%d (total annuel publié)", st->year),
               &st->ytd);
    return t;
  }
  exp_provenance(t, "Saisie mensuelle des centres (oasis)");
  for (int i = 0; i < st->monthTo; i++) {
    if (!st->aMonth[i].nMonths) continue;
    export_row(t, arena_printf(a, "%04d-%02d", st->year % 10000, i + 1),
               &st->aMonth[i]);
  }
  export_row(t, arena_printf(a, "%d (cumul)", st->year), &st->ytd);
  return t;
}

/* GET /centres/export.{csv,xlsx}?reseau=|centre=|site=&annee=&mois= */
static void export_reply(Req *req, ExpFormat f)
{
  CentreScope scope;
  int64_t id, net;
  int y, m;
  Err err = {0};
  CentreStats st;
  const char *zTitle;
  if (ctr_scope_from_query(req, &scope, &id, &y, &m)) {
    reply_error(req, 400, "saisie_invalide", "Préciser reseau, centre ou "
                "site.", "reseau");
    return;
  }
  if (!(zTitle = ctr_scope_title(req, scope, id, &net))) {
    reply_error(req, 404, "introuvable", "Périmètre introuvable.", NULL);
    return;
  }
  if (centre_stats(req_db(req), req_arena(req), scope, id, y, m, &st, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  ExpTable *t = ctr_export_table(req_arena(req), &st, zTitle);
  exp_reply(req, t, f, "activite-centres");
  exp_free(t);
}

/* ROUTE: GET /centres/export.csv lecteur */
void ctr_export_csv(Req *req)
{
  export_reply(req, EXP_CSV);
}

/* ROUTE: GET /centres/export.xlsx lecteur */
void ctr_export_xlsx(Req *req)
{
  export_reply(req, EXP_XLSX);
}
