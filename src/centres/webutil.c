/*
** centres/webutil.c: small helpers of the centres pages and API: request
** arguments, error replies, form fields, JSON forms of the records, audit.
*/
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "base/url.h"
#include "centres/webutil.h"
#include "territory/lookup.h"

int64_t ctr_arg_id_or_404(Req *req, const char *zName)
{
  long v;
  const char *z = req_arg(req, zName);
  if (!z || str_to_long(z, &v) || v <= 0) {
    reply_error(req, 404, "introuvable", "Élément introuvable.", NULL);
    return 0;
  }
  return v;
}

const char *ctr_form(Req *req, const char *zName)
{
  const char *z = req_form(req, zName);
  return z ? z : "";
}

int64_t ctr_query_int(Req *req, const char *zName, int64_t dflt)
{
  long v;
  const char *z = req_query(req, zName);
  if (!z || str_to_long(z, &v)) return dflt;
  return v;
}

int ctr_reply_err(Req *req, int rc, const Err *err)
{
  if (rc == ERR_NOTFOUND) {
    return reply_error(req, 404, "introuvable", err->zMsg[0] ? err->zMsg :
                       "Élément introuvable.", NULL);
  }
  if (rc == ERR_INPUT) {
    char zBuf[1024];
    const char *zField = err->zField[0] ? err->zField :
                         err->zColName[0] ? err->zColName : NULL;
    return reply_error(req, 400, "saisie_invalide",
                       arena_strdup(req_arena(req),
                                    err_text(err, zBuf, sizeof zBuf)),
                       zField);
  }
  return reply_incident(req, err);
}

void ctr_form_error(Req *req, const Err *err)
{
  char zBuf[1024];
  if (!err || !err->code) return;
  html_printf(req, "<div class=\"alert alert-error\" role=\"alert\">"
                   "<p class=\"alert-title\">Enregistrement refusé</p>"
                   "<p>%h</p></div>\n", err_text(err, zBuf, sizeof zBuf));
}

void ctr_input(Req *req, const Err *err, const char *zName,
               const char *zLabel, const char *zType, const char *zValue,
               const char *zHint)
{
  int isBad = err && err->code && !strcmp(err->zField, zName);
  html_printf(req, "<div class=\"field%s\"><label for=\"f-%h\">%h",
              isBad ? " field-error" : "" /*trusted*/, zName, zLabel);
  if (zHint && zHint[0]) {
    html_printf(req, " <span class=\"hint\">%h</span>", zHint);
  }
  html_printf(req, "</label><input type=\"%h\" id=\"f-%h\" name=\"%h\" "
                   "value=\"%h\"%s%s></div>\n",
              zType, zName, zName, zValue ? zValue : "",
              !strcmp(zType, "number") ? " step=\"any\"" : "" /*trusted*/,
              isBad ? " aria-invalid=\"true\"" : "" /*trusted*/);
}

void ctr_check(Req *req, const char *zName, const char *zLabel, int isOn)
{
  html_printf(req, "<div class=\"check\"><input type=\"checkbox\" "
                   "id=\"f-%h\" name=\"%h\" value=\"1\"%s>"
                   "<label for=\"f-%h\">%h</label></div>\n",
              zName, zName, isOn ? " checked" : "" /*trusted*/, zName, zLabel);
}

const char *ctr_num(Req *req, double x, int nDec)
{
  if (x < 0) return "—";
  if (nDec == 0) return html_mprintf(req, "%.0F", x);
  if (nDec == 2) return html_mprintf(req, "%.2F", x);
  return html_mprintf(req, "%.1F", x);
}

/* ---- JSON --------------------------------------------------------------- */

json_t *ctr_json_network(const CentreNetwork *p)
{
  return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?}", "id",
                   (json_int_t)p->id, "code", p->zCode, "name", p->zName,
                   "dep", p->zDep, "source", p->zSource, "note", p->zNote);
}

json_t *ctr_json_centre(const Centre *p)
{
  return json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:i}", "id",
                   (json_int_t)p->id, "network_id", (json_int_t)p->networkId,
                   "code", p->zCode, "name", p->zName, "opened_on",
                   p->zOpenedOn, "note", p->zNote, "network_name",
                   p->zNetworkName, "n_sites", p->nSite);
}

json_t *ctr_json_site(const CentreSite *p)
{
  json_t *pHours = json_object();
  for (int d = 0; d < 7; d++) {
    char z[128];
    centre_hours_format(&p->aHours[d], z, sizeof z);
    json_object_set_new(pHours, centre_weekday_label(d), json_string(z));
  }
  json_t *pSvc = json_pack("{s:b, s:b, s:b, s:b}", "consultations",
                           p->hasConsult, "home_visits", p->hasHome,
                           "teleconsultation_point", p->hasTelePoint,
                           "assisted_teleconsultation", p->hasTeleAssist);
  json_t *o = json_pack(
      "{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?,"
      " s:s?, s:s?, s:b, s:s?, s:f}",
      "id", (json_int_t)p->id, "centre_id", (json_int_t)p->centreId, "code",
      p->zCode, "kind", p->zKind, "name", p->zName, "commune", p->zCommune,
      "address", p->zAddress, "opened_on", p->zOpenedOn, "closed_on",
      p->zClosedOn, "lender_kind", p->zLenderKind, "lender_name",
      p->zLenderName, "convention_start", p->zConvStart, "convention_end",
      p->zConvEnd, "illustrative", p->isIllustrative, "note", p->zNote,
      "fte_doctors", p->fteDoctors);
  json_object_set_new(o, "services", pSvc);
  json_object_set_new(o, "hours", pHours);
  return o;
}

json_t *ctr_json_staff(const CentreStaff *p)
{
  json_t *aSite = json_array();
  for (int i = 0; i < p->nSite; i++) {
    json_array_append_new(aSite, json_pack("{s:I, s:f, s:s?}", "site_id",
                                           (json_int_t)p->aSiteId[i], "fte",
                                           p->aFte[i], "site_name",
                                           p->azSiteName[i]));
  }
  json_t *o = json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
                        "id", (json_int_t)p->id, "network_id",
                        (json_int_t)p->networkId, "first_name",
                        p->zFirstName, "last_name", p->zLastName, "category",
                        p->zCategory, "job", p->zJob, "contract_start",
                        p->zContractStart, "contract_end", p->zContractEnd);
  json_object_set_new(o, "sites", aSite);
  return o;
}

json_t *ctr_json_vacancy(const CentreVacancy *p)
{
  return json_pack("{s:I, s:I, s:s?, s:s?, s:f, s:s?, s:s?, s:s?, s:b, "
                   "s:s?, s:s?, s:s?}",
                   "id", (json_int_t)p->id, "site_id", (json_int_t)p->siteId,
                   "category", p->zCategory, "title", p->zTitle, "fte",
                   p->fte, "description", p->zDescription, "posted_on",
                   p->zPostedOn, "closed_on", p->zClosedOn, "public",
                   p->isPublic, "site_name", p->zSiteName, "commune",
                   p->zCommune, "centre_name", p->zCentreName);
}

json_t *ctr_json_activity(const CentreActivity *p)
{
  char zMonth[16];
  snprintf(zMonth, sizeof zMonth, "%04d-%02d", p->year % 10000,
           p->month % 100);
  json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I}", "site_id",
                        (json_int_t)p->siteId, "month", zMonth,
                        "consultations", (json_int_t)p->consultations,
                        "home_visits", (json_int_t)p->homeVisits,
                        "teleconsultations",
                        (json_int_t)p->teleconsultations, "new_mt_patients",
                        (json_int_t)p->newMtPatients, "cum_mt_patients",
                        (json_int_t)p->cumMtPatients);
  json_object_set_new(o, "unscheduled_pct", p->unscheduledPct >= 0
                                                ? json_real(p->unscheduledPct)
                                                : json_null());
  return o;
}

/* A count that may be unknown (-1) as JSON: the number or null. */
static json_t *json_count(long v)
{
  return v >= 0 ? json_integer(v) : json_null();
}

static json_t *json_totals(const CentreTotals *t)
{
  json_t *o = json_object();
  json_object_set_new(o, "consultations", json_count(t->consultations));
  json_object_set_new(o, "home_visits", json_count(t->homeVisits));
  json_object_set_new(o, "teleconsultations",
                      json_count(t->teleconsultations));
  json_object_set_new(o, "home_and_tele", json_count(t->homeAndTele));
  json_object_set_new(o, "new_mt_patients", json_count(t->newMtPatients));
  json_object_set_new(o, "cum_mt_patients", json_count(t->cumMtPatients));
  json_object_set_new(o, "unscheduled_pct", t->unscheduledPct >= 0
                                                ? json_real(t->unscheduledPct)
                                                : json_null());
  json_object_set_new(o, "site_months", json_integer(t->nMonths));
  return o;
}

json_t *ctr_json_stats(const CentreStats *p)
{
  static const char *const azScope[] = {"network", "centre", "site"};
  json_t *aM = json_array();
  for (int m = 0; m < 12; m++) {
    json_t *o = json_totals(&p->aMonth[m]);
    json_object_set_new(o, "month", json_integer(m + 1));
    json_object_set_new(o, "previous", json_totals(&p->aPrevMonth[m]));
    json_array_append_new(aM, o);
  }
  json_t *o = json_pack("{s:s, s:I, s:i, s:i, s:b, s:f}", "scope",
                        azScope[p->scope], "id", (json_int_t)p->id, "year",
                        p->year, "month_to", p->monthTo, "published_totals",
                        p->isPublished, "fte_doctors", p->fteDoctors);
  json_object_set_new(o, "source", p->zPublishedSource
                                       ? json_string(p->zPublishedSource)
                                       : json_null());
  json_object_set_new(o, "year_to_date", json_totals(&p->ytd));
  json_object_set_new(o, "previous_year_to_date", json_totals(&p->prevYtd));
  json_object_set_new(o, "consultations_per_fte_doctor",
                      p->consultPerFte >= 0 ? json_real(p->consultPerFte)
                                            : json_null());
  json_object_set_new(o, "months", aM);
  json_object_set_new(o, "finance", json_pack(
      "{s:I, s:I, s:I}", "salaries_cents", (json_int_t)p->salariesCents,
      "charges_cents", (json_int_t)p->chargesCents, "reimbursements_cents",
      (json_int_t)p->reimbursementsCents));
  return o;
}

int ctr_audit(Req *req, const char *zEntity, int64_t id, const char *zAction,
              json_t *pBefore, json_t *pAfter, Err *err)
{
  int rc = audit_log(req, zEntity, id, zAction, pBefore, pAfter, err);
  json_decref(pBefore);
  json_decref(pAfter);
  return rc;
}

/* ---- links -------------------------------------------------------------- */

const char *ctr_commune_name(Req *req, const char *zCode)
{
  LkPlace p;
  Err err = {0};
  if (!zCode || !zCode[0]) return "";
  if (lookup_place(req_db(req), req_arena(req), LK_COMMUNE, zCode, &p, &err)
      || !p.zName[0]) {
    return zCode;
  }
  return p.zName;
}

const char *ctr_apply_url(Req *req, const CentreVacancy *v)
{
  Str s = STR_INIT;
  str_appendz(&s, "/demande");
  url_add_param(&s, "projet", "salarie_centre");
  if (v->zCategory && !strcmp(v->zCategory, "medecin")) {
    url_add_param(&s, "profession", "medecin_generaliste");
  }
  url_add_param(&s, "territoire_type", "commune");
  url_add_param(&s, "territoire_code", v->zCommune);
  url_add_param(&s, "territoire_nom", ctr_commune_name(req, v->zCommune));
  url_add_param(&s, "besoins", "lieu_exercice");
  url_add_param(&s, "message", arena_printf(req_arena(req),
      "Candidature au poste « %s » (%s, %s), poste n° %lld.", v->zTitle,
      v->zCentreName ? v->zCentreName : "", v->zSiteName ? v->zSiteName : "",
      (long long)v->id));
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return z;
}
