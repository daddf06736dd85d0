/*
** centres/api.c: /api/v1/centres, the JSON twin of the pages.
**
** Same store calls, same checks, same audit as the pages; input is a JSON
** body, errors are {"error":{code, message, field}}.  Writes answer 201
** (created) or 200 with the saved record.
*/
#include <string.h>

#include "base/caldate.h"
#include "centres/webutil.h"

/* ---- JSON input --------------------------------------------------------- */

/* String member zKey of o (numbers are not strings), or NULL. */
static const char *js_str(json_t *o, const char *zKey)
{
  json_t *v = json_object_get(o, zKey);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Number member zKey into *p: 0, or -1 when absent or not a number. */
static int js_num(json_t *o, const char *zKey, double *p)
{
  json_t *v = json_object_get(o, zKey);
  if (!json_is_number(v)) return -1;
  *p = json_number_value(v);
  return 0;
}

static int64_t js_id(json_t *o, const char *zKey)
{
  json_t *v = json_object_get(o, zKey);
  return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/* The JSON object body, or NULL with a 400 queued. */
static json_t *body_or_400(Req *req)
{
  json_t *o = req_json(req);
  if (!json_is_object(o)) {
    reply_error(req, 400, "saisie_invalide", "Corps JSON (objet) attendu.",
                NULL);
    return NULL;
  }
  return o;
}

/* Commit or roll back, then answer pJson (stolen) or the error. */
static void finish(Req *req, Store *db, int rc, Err *err, int status,
                   json_t *pJson)
{
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (rc) {
    json_decref(pJson);
    ctr_reply_err(req, rc, err);
    return;
  }
  reply_json(req, status, pJson);
}

/* ---- networks and centres ----------------------------------------------- */

void ctr_api_list(Req *req)
{
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  CentreNetwork *aN;
  Centre *aC;
  int nN, nC;
  if (centre_network_list(db, a, &aN, &nN, &err) ||
      centre_list(db, a, 0, &aC, &nC, &err)) {
    ctr_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *jN = json_array(), *jC = json_array();
  for (int i = 0; i < nN; i++) json_array_append_new(jN, ctr_json_network(&aN[i]));
  for (int i = 0; i < nC; i++) json_array_append_new(jC, ctr_json_centre(&aC[i]));
  reply_json(req, 200, json_pack("{s:o, s:o}", "networks", jN, "centres", jC));
}

void ctr_api_network_create(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Store *db = req_db(req);
  Err err = {0};
  CentreNetwork n = {.zCode = js_str(o, "code"), .zName = js_str(o, "name"),
                     .zDep = js_str(o, "dep"),
                     .zSource = js_str(o, "source"),
                     .zNote = js_str(o, "note")};
  int rc = store_begin(db, &err);
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  rc = centre_network_save(db, &n, &err);
  if (!rc) rc = ctr_audit(req, "centre_network", n.id, "create", NULL,
                          ctr_json_network(&n), &err);
  finish(req, db, rc, &err, 201, rc ? NULL : ctr_json_network(&n));
}

/* Centre id (0: create) from the JSON body. */
static void centre_api_save(Req *req, int64_t id)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  Centre before, c = {.id = id};
  json_t *pBefore = NULL;
  if (id) {
    if (centre_get(db, a, id, &before, &err)) {
      ctr_reply_err(req, ERR_NOTFOUND, &err);
      return;
    }
    c = before;
    pBefore = ctr_json_centre(&before);
  }
  if (json_object_get(o, "network_id")) c.networkId = js_id(o, "network_id");
  if (js_str(o, "code")) c.zCode = js_str(o, "code");
  if (js_str(o, "name")) c.zName = js_str(o, "name");
  if (js_str(o, "opened_on")) c.zOpenedOn = js_str(o, "opened_on");
  if (js_str(o, "note")) c.zNote = js_str(o, "note");
  int rc = store_begin(db, &err);
  if (rc) {
    json_decref(pBefore);
    ctr_reply_err(req, rc, &err);
    return;
  }
  rc = centre_save(db, &c, &err);
  if (!rc) {
    rc = ctr_audit(req, "centre", c.id, id ? "update" : "create", pBefore,
                   ctr_json_centre(&c), &err);
  } else {
    json_decref(pBefore);
  }
  finish(req, db, rc, &err, id ? 200 : 201, rc ? NULL : ctr_json_centre(&c));
}

void ctr_api_centre_create(Req *req)
{
  centre_api_save(req, 0);
}

void ctr_api_centre_update(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (id) centre_api_save(req, id);
}

void ctr_api_centre_get(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (!id) return;
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  Centre c;
  CentreSite *aS;
  int nS, rc = centre_get(db, a, id, &c, &err);
  if (!rc) rc = centre_site_list(db, a, id, &aS, &nS, &err);
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  json_t *o = ctr_json_centre(&c), *jS = json_array();
  for (int i = 0; i < nS; i++) json_array_append_new(jS, ctr_json_site(&aS[i]));
  json_object_set_new(o, "sites", jS);
  if (req_role(req) >= ROLE_AGENT) {
    json_t *jP = json_array();
    CentreStaff *aP;
    int nP;
    for (int i = 0; i < nS; i++) {
      if (centre_staff_list(db, a, 0, aS[i].id, &aP, &nP, &err)) break;
      for (int j = 0; j < nP; j++) {
        if (aP[j].aSiteId[0] == aS[i].id || nS == 1) {
          json_array_append_new(jP, ctr_json_staff(&aP[j]));
        }
      }
    }
    json_object_set_new(o, "staff", jP);
  }
  reply_json(req, 200, o);
}

/* ---- sites -------------------------------------------------------------- */

/* Fill s from the JSON body (members absent keep s's values). */
static int site_from_json(json_t *o, CentreSite *s, Err *err)
{
  static const char *const azK[] = {"code", "kind", "name", "commune",
                                    "address", "opened_on", "closed_on",
                                    "lender_kind", "lender_name",
                                    "convention_start", "convention_end",
                                    "note"};
  const char **apz[] = {&s->zCode, &s->zKind, &s->zName, &s->zCommune,
                        &s->zAddress, &s->zOpenedOn, &s->zClosedOn,
                        &s->zLenderKind, &s->zLenderName, &s->zConvStart,
                        &s->zConvEnd, &s->zNote};
  for (size_t i = 0; i < sizeof azK / sizeof azK[0]; i++) {
    if (js_str(o, azK[i])) *apz[i] = js_str(o, azK[i]);
  }
  json_t *pSvc = json_object_get(o, "services");
  if (json_is_object(pSvc)) {
    s->hasConsult = json_is_true(json_object_get(pSvc, "consultations"));
    s->hasHome = json_is_true(json_object_get(pSvc, "home_visits"));
    s->hasTelePoint = json_is_true(json_object_get(pSvc,
                                                   "teleconsultation_point"));
    s->hasTeleAssist = json_is_true(
        json_object_get(pSvc, "assisted_teleconsultation"));
  }
  json_t *pHours = json_object_get(o, "hours");
  if (json_is_object(pHours)) {
    for (int d = 0; d < 7; d++) {
      json_t *v = json_object_get(pHours, centre_weekday_label(d));
      if (!v) continue;
      if (centre_hours_parse(json_string_value(v), &s->aHours[d], err)) {
        err_field(err, "hours");
        return ERR_INPUT;
      }
    }
  }
  return 0;
}

static void site_api_save(Req *req, int64_t id, int64_t centreId)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  CentreSite before, s = {.centreId = centreId, .zKind = "antenne",
                          .hasConsult = 1};
  json_t *pBefore = NULL;
  if (id) {
    if (centre_site_get(db, a, id, &before, &err)) {
      ctr_reply_err(req, ERR_NOTFOUND, &err);
      return;
    }
    s = before;
    s.isIllustrative = 0;
    pBefore = ctr_json_site(&before);
  }
  int rc = site_from_json(o, &s, &err);
  if (!rc) rc = store_begin(db, &err);
  if (rc) {
    json_decref(pBefore);
    ctr_reply_err(req, rc, &err);
    return;
  }
  rc = centre_site_save(db, &s, &err);
  if (!rc) {
    rc = ctr_audit(req, "centre_site", s.id, id ? "update" : "create",
                   pBefore, ctr_json_site(&s), &err);
  } else {
    json_decref(pBefore);
  }
  finish(req, db, rc, &err, id ? 200 : 201, rc ? NULL : ctr_json_site(&s));
}

void ctr_api_site_create(Req *req)
{
  int64_t centreId = ctr_arg_id_or_404(req, "id");
  if (centreId) site_api_save(req, 0, centreId);
}

void ctr_api_site_update(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (id) site_api_save(req, id, 0);
}

void ctr_api_site_get(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (!id) return;
  CentreSite s;
  Err err = {0};
  if (centre_site_get(req_db(req), req_arena(req), id, &s, &err)) {
    ctr_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  json_t *o = ctr_json_site(&s);
  CtrAplEffect eff;
  ctr_apl_effect(req, &s, &eff);
  json_object_set_new(o, "apl_effect", ctr_json_apl_effect(&eff));
  reply_json(req, 200, o);
}

/* ---- staff -------------------------------------------------------------- */

static void staff_api_save(Req *req, int64_t id)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  CentreStaff before, s = {0};
  json_t *pBefore = NULL;
  if (id) {
    if (centre_staff_get(db, a, id, &before, &err)) {
      ctr_reply_err(req, ERR_NOTFOUND, &err);
      return;
    }
    s = before;
    pBefore = ctr_json_staff(&before);
  }
  static const char *const azK[] = {"first_name", "last_name", "category",
                                    "job", "contract_start", "contract_end"};
  const char **apz[] = {&s.zFirstName, &s.zLastName, &s.zCategory, &s.zJob,
                        &s.zContractStart, &s.zContractEnd};
  for (int i = 0; i < 6; i++) {
    if (js_str(o, azK[i])) *apz[i] = js_str(o, azK[i]);
  }
  json_t *aSite = json_object_get(o, "sites");
  int rc = 0;
  if (json_is_array(aSite)) {
    s.nSite = 0;
    size_t i;
    json_t *v;
    json_array_foreach(aSite, i, v) {
      double fte = 0;
      if (s.nSite == CENTRE_MAX_STAFF_SITES || js_num(v, "fte", &fte)) {
        rc = err_set(&err, ERR_INPUT, "sites : au plus %d, chacun avec "
                     "site_id et fte", CENTRE_MAX_STAFF_SITES);
        err_field(&err, "sites");
        break;
      }
      s.aSiteId[s.nSite] = js_id(v, "site_id");
      s.aFte[s.nSite++] = fte;
    }
  }
  if (!rc) rc = store_begin(db, &err);
  if (rc) {
    json_decref(pBefore);
    ctr_reply_err(req, rc, &err);
    return;
  }
  rc = centre_staff_save(db, &s, &err);
  if (!rc) {
    rc = ctr_audit(req, "centre_staff", s.id, id ? "update" : "create",
                   pBefore, ctr_json_staff(&s), &err);
  } else {
    json_decref(pBefore);
  }
  finish(req, db, rc, &err, id ? 200 : 201, rc ? NULL : ctr_json_staff(&s));
}

void ctr_api_staff_create(Req *req)
{
  staff_api_save(req, 0);
}

void ctr_api_staff_update(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (id) staff_api_save(req, id);
}

void ctr_api_staff_list(Req *req)
{
  CentreStaff *aP;
  int nP;
  Err err = {0};
  if (centre_staff_list(req_db(req), req_arena(req),
                        ctr_query_int(req, "reseau", 0),
                        ctr_query_int(req, "site", 0), &aP, &nP, &err)) {
    ctr_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nP; i++) json_array_append_new(j, ctr_json_staff(&aP[i]));
  reply_json(req, 200, json_pack("{s:o}", "staff", j));
}

/* ---- vacancies ---------------------------------------------------------- */

void ctr_api_jobs(Req *req)
{
  CentreVacancy *aV;
  int nV;
  Err err = {0};
  int isAll = req_role(req) >= ROLE_AGENT && req_query(req, "tous");
  if (centre_vacancy_list(req_db(req), req_arena(req), !isAll, &aV, &nV,
                          &err)) {
    ctr_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nV; i++) {
    json_t *v = ctr_json_vacancy(&aV[i]);
    json_object_set_new(v, "apply_url",
                        json_string(ctr_apply_url(req, &aV[i])));
    json_array_append_new(j, v);
  }
  reply_json(req, 200, json_pack("{s:o}", "vacancies", j));
}

void ctr_api_job_create(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Store *db = req_db(req);
  Err err = {0};
  char zToday[11];
  double fte = 1;
  js_num(o, "fte", &fte);
  json_t *pPublic = json_object_get(o, "public");
  CentreVacancy v = {.siteId = js_id(o, "site_id"),
                     .zCategory = js_str(o, "category"),
                     .zTitle = js_str(o, "title"), .fte = fte,
                     .zDescription = js_str(o, "description"),
                     .zPostedOn = js_str(o, "posted_on"),
                     .zClosedOn = js_str(o, "closed_on"),
                     .isPublic = pPublic ? json_is_true(pPublic) : 1};
  if (!v.zPostedOn) v.zPostedOn = caldate_format(caldate_today(), zToday);
  int rc = store_begin(db, &err);
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  rc = centre_vacancy_save(db, &v, &err);
  if (!rc) rc = ctr_audit(req, "centre_vacancy", v.id, "create", NULL,
                          ctr_json_vacancy(&v), &err);
  finish(req, db, rc, &err, 201, rc ? NULL : ctr_json_vacancy(&v));
}

/* ---- activity, finance, statistics -------------------------------------- */

void ctr_api_activity_save(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Store *db = req_db(req);
  Err err = {0};
  CentreActivity a = {.siteId = js_id(o, "site_id"), .unscheduledPct = -1};
  if (!a.siteId && js_str(o, "site")) {
    a.siteId = centre_site_by_code(db, js_str(o, "site"));
  }
  double v = 0;
  int rc = 0;
  static const char *const azK[] = {"consultations", "home_visits",
                                    "teleconsultations", "new_mt_patients",
                                    "cum_mt_patients"};
  long *apv[] = {&a.consultations, &a.homeVisits, &a.teleconsultations,
                 &a.newMtPatients, &a.cumMtPatients};
  for (int i = 0; !rc && i < 5; i++) {
    if (js_num(o, azK[i], &v)) {
      rc = err_set(&err, ERR_INPUT, "%s : nombre attendu", azK[i]);
      err_field(&err, azK[i]);
    }
    *apv[i] = (long)v;
  }
  if (!js_num(o, "unscheduled_pct", &v)) a.unscheduledPct = v;
  if (!rc && caldate_parse_month(js_str(o, "month"), &a.year, &a.month)) {
    rc = err_set(&err, ERR_INPUT, "mois invalide (attendu AAAA-MM)");
    err_field(&err, "month");
  }
  if (!rc) rc = store_begin(db, &err);
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  rc = centre_activity_save(db, &a, caldate_today(), &err);
  if (!rc) rc = ctr_audit(req, "centre_activity", a.siteId, "save", NULL,
                          ctr_json_activity(&a), &err);
  finish(req, db, rc, &err, 200, rc ? NULL : ctr_json_activity(&a));
}

void ctr_api_activity_import(Req *req)
{
  json_t *o = body_or_400(req);
  if (!o) return;
  Store *db = req_db(req);
  Err err = {0};
  const char *zCsv = js_str(o, "csv");
  const char *zName = js_str(o, "name");
  int nRows = 0;
  if (!zCsv) {
    err_set(&err, ERR_INPUT, "csv : contenu du fichier attendu");
    err_field(&err, "csv");
    ctr_reply_err(req, ERR_INPUT, &err);
    return;
  }
  int rc = store_begin(db, &err);
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  rc = centre_activity_import(db, zName ? zName : "import.csv", zCsv,
                              strlen(zCsv), caldate_today(), &nRows, &err);
  if (!rc) rc = ctr_audit(req, "centre_activity_import", 0, "import", NULL,
                          json_pack("{s:s?, s:i}", "file", zName, "rows",
                                    nRows), &err);
  finish(req, db, rc, &err, 200, rc ? NULL : json_pack("{s:i}", "rows",
                                                       nRows));
}

void ctr_api_activity_list(Req *req)
{
  int64_t site = ctr_query_int(req, "site", 0);
  int y, m, d;
  caldate_ymd(caldate_today(), &y, &m, &d);
  y = (int)ctr_query_int(req, "annee", y);
  CentreActivity *aA;
  int nA;
  Err err = {0};
  if (centre_activity_list(req_db(req), req_arena(req), site, y, &aA, &nA,
                           &err)) {
    ctr_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nA; i++) {
    json_array_append_new(j, ctr_json_activity(&aA[i]));
  }
  reply_json(req, 200, json_pack("{s:o}", "activity", j));
}

void ctr_api_finance_save(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (!id) return;
  json_t *o = body_or_400(req);
  if (!o) return;
  Store *db = req_db(req);
  Err err = {0};
  CentreFinance f = {.centreId = id};
  double v = 0;
  int rc = 0;
  static const char *const azK[] = {"salaries_cents", "charges_cents",
                                    "reimbursements_cents"};
  int64_t *apv[] = {&f.salariesCents, &f.chargesCents,
                    &f.reimbursementsCents};
  for (int i = 0; !rc && i < 3; i++) {
    if (js_num(o, azK[i], &v)) {
      rc = err_set(&err, ERR_INPUT, "%s : nombre attendu", azK[i]);
      err_field(&err, azK[i]);
    }
    *apv[i] = (int64_t)v;
  }
  if (!rc && caldate_parse_month(js_str(o, "month"), &f.year, &f.month)) {
    rc = err_set(&err, ERR_INPUT, "mois invalide (attendu AAAA-MM)");
    err_field(&err, "month");
  }
  if (!rc) rc = store_begin(db, &err);
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  rc = centre_finance_save(db, &f, caldate_today(), &err);
  if (rc == ERR_INPUT && (!strcmp(err.zField, "salaries") ||
                          !strcmp(err.zField, "charges") ||
                          !strcmp(err.zField, "reimbursements"))) {
    char zField[sizeof err.zField + 8];
    snprintf(zField, sizeof zField, "%s_cents", err.zField);   /* JSON name */
    err_field(&err, zField);
  }
  if (!rc) rc = ctr_audit(req, "centre_finance", id, "save", NULL,
                          json_deep_copy(o), &err);
  finish(req, db, rc, &err, 200, rc ? NULL : json_deep_copy(o));
}

void ctr_api_stats(Req *req)
{
  CentreScope scope;
  int64_t id;
  int y, m;
  if (ctr_scope_from_query(req, &scope, &id, &y, &m)) {
    reply_error(req, 400, "saisie_invalide", "Préciser reseau, centre ou "
                "site.", "reseau");
    return;
  }
  CentreStats st;
  Err err = {0};
  int rc = centre_stats(req_db(req), req_arena(req), scope, id, y, m, &st,
                        &err);
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, 200, ctr_json_stats(&st));
}

void ctr_api_published(Req *req)
{
  CentrePublished *aP;
  int nP;
  Err err = {0};
  if (centre_published_list(req_db(req), req_arena(req),
                            ctr_query_int(req, "reseau", 0), &aP, &nP,
                            &err)) {
    ctr_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nP; i++) {
    const CentrePublished *p = &aP[i];
    json_array_append_new(j, json_pack(
        "{s:I, s:s, s:s, s:i, s:i, s:f, s:s, s:s}", "network_id",
        (json_int_t)p->networkId, "metric", p->zMetric, "label",
        centre_metric_label(p->zMetric), "year_from", p->yearFrom, "year_to",
        p->yearTo, "value", p->value, "source", p->zSource, "note",
        p->zNote));
  }
  reply_json(req, 200, json_pack("{s:o}", "published", j));
}

void ctr_api_supply(Req *req)
{
  int iDay = caldate_today();
  const char *zDate = req_query(req, "date");
  if (zDate && caldate_parse(zDate, &iDay)) {
    reply_error(req, 400, "saisie_invalide", "date invalide (AAAA-MM-JJ).",
                "date");
    return;
  }
  CentreSupply *aS;
  int nS;
  Err err = {0};
  if (centre_supply_fte(req_db(req), req_arena(req), iDay, &aS, &nS, &err)) {
    ctr_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nS; i++) {
    json_array_append_new(j, json_pack("{s:s, s:f, s:i}", "commune",
                                       aS[i].zCommune, "fte_doctors",
                                       aS[i].fteDoctors, "sites",
                                       aS[i].nSite));
  }
  char zDay[11];
  reply_json(req, 200, json_pack("{s:s, s:o}", "date",
                                 caldate_format(iDay, zDay), "communes", j));
}
