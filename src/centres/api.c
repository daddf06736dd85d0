/*
** centres/api.c: /api/v1/centres, the JSON twin of the pages.
**
** Records are read by the same field tables as the pages (fields.c) and
** written by the same actions (actions.c); refusals are
** {"error":{code, message, field, errors}}.  Writes answer 201 (created)
** or 200 with the saved record.
*/
#include <string.h>

#include "base/caldate.h"
#include "centres/internal.h"
#include "web/kit_json.h"
#include "web/kit_record.h"

/* ---- networks and centres ----------------------------------------------- */

/* ROUTE: GET /api/v1/centres public api */
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
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  reply_json(req, 200, json_pack(
      "{s:o, s:o}", "reseaux",
      kit_json_array(aN, nN, sizeof *aN, ctr_json_network), "centres",
      kit_json_array(aC, nC, sizeof *aC, ctr_json_centre)));
}

/* ROUTE: POST /api/v1/centres/reseaux agent api */
void ctr_api_network_create(Req *req)
{
  kit_api_save(req, &ctr_ops_network, 0, &(CentreNetwork){0}, 201);
}

/* ROUTE: POST /api/v1/centres agent api */
void ctr_api_centre_create(Req *req)
{
  kit_api_save(req, &ctr_ops_centre, 0, &(Centre){0}, 201);
}

/* ROUTE: POST /api/v1/centres/{id} agent api */
void ctr_api_centre_update(Req *req)
{
  kit_api_update(req, &ctr_ops_centre, &(Centre){0});
}

/* ROUTE: GET /api/v1/centres/{id} public api */
void ctr_api_centre_get(Req *req)
{
  Centre c;
  CentreSite *aS;
  int nS;
  if (!ctr_centre_sites_or_reply(req, &c, &aS, &nS)) return;
  json_t *o = ctr_json_centre(&c);
  json_object_set_new(o, "sites",
                      kit_json_array(aS, nS, sizeof *aS, ctr_json_site));
  if (req_role(req) >= ROLE_AGENT) {
    CentreStaff *aP;
    int nP = 0;
    Err err = {0};
    centre_staff_of_sites(req_db(req), req_arena(req), aS, nS, &aP, &nP,
                          &err);
    json_object_set_new(o, "personnel",
                        kit_json_array(aP, nP, sizeof *aP, ctr_json_staff));
  }
  reply_json(req, 200, o);
}

/* ---- sites -------------------------------------------------------------- */

/* ROUTE: POST /api/v1/centres/{id}/sites agent api */
void ctr_api_site_create(Req *req)
{
  int64_t centreId = kit_arg_id_or_404(req, "id");
  CentreSite s = {.centreId = centreId, .zKind = "antenne", .hasConsult = 1};
  if (centreId) kit_api_save(req, &ctr_ops_site, 0, &s, 201);
}

/* ROUTE: POST /api/v1/centres/sites/{id} agent api */
void ctr_api_site_update(Req *req)
{
  kit_api_update(req, &ctr_ops_site, &(CentreSite){0});
}

/* ROUTE: GET /api/v1/centres/sites/{id} public api */
void ctr_api_site_get(Req *req)
{
  CentreSite s;
  if (!kit_record_or_404(req, &ctr_ops_site, &s)) return;
  json_t *o = ctr_json_site(&s);
  CtrAplEffect eff;
  ctr_apl_effect(req, &s, &eff);
  json_object_set_new(o, "effet_apl", ctr_json_apl_effect(&eff));
  reply_json(req, 200, o);
}

/* ---- staff -------------------------------------------------------------- */

/* ROUTE: POST /api/v1/centres/personnel agent api */
void ctr_api_staff_create(Req *req)
{
  kit_api_save(req, &ctr_ops_staff, 0, &(CentreStaff){0}, 201);
}

/* ROUTE: POST /api/v1/centres/personnel/{id} agent api */
void ctr_api_staff_update(Req *req)
{
  kit_api_update(req, &ctr_ops_staff, &(CentreStaff){0});
}

/* ROUTE: GET /api/v1/centres/personnel agent api */
void ctr_api_staff_list(Req *req)
{
  CentreStaff *aP;
  int nP;
  Err err = {0};
  if (centre_staff_list(req_db(req), req_arena(req),
                        kit_query_int(req, "reseau", 0),
                        kit_query_int(req, "site", 0), &aP, &nP, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  kit_reply_list(req, "personnel", aP, nP, sizeof *aP, ctr_json_staff);
}

/* ---- vacancies ---------------------------------------------------------- */

/* ROUTE: GET /api/v1/centres/postes public api */
void ctr_api_jobs(Req *req)
{
  CentreVacancy *aV;
  int nV;
  Err err = {0};
  int isAll = req_role(req) >= ROLE_AGENT && req_query(req, "tous");
  if (centre_vacancy_list(req_db(req), req_arena(req), !isAll, &aV, &nV,
                          &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nV; i++) {
    json_t *v = ctr_json_vacancy(&aV[i]);
    json_object_set_new(v, "url_candidature",
                        json_string(ctr_apply_url(req, &aV[i])));
    json_array_append_new(j, v);
  }
  reply_json(req, 200, json_pack("{s:o}", "postes", j));
}

/* ROUTE: POST /api/v1/centres/postes agent api */
void ctr_api_job_create(Req *req)
{
  kit_api_save(req, &ctr_ops_vacancy, 0, &(CentreVacancy){0}, 201);
}

/* ---- activity, finance, statistics -------------------------------------- */

/* ROUTE: POST /api/v1/centres/activite agent api */
void ctr_api_activity_save(Req *req)
{
  CentreActivity a = {.unscheduledPct = -1};
  kit_api_save(req, &ctr_ops_activity, 0, &a, 200);
}

static const KitField aImportField[] = {
  {"csv", "Contenu du fichier CSV", KIT_LONGTEXT, KIT_REQUIRED,
   offsetof(CtrImport, zData), 0, 10000000, NULL, NULL},
  {"nom", "Nom du fichier", KIT_TEXT, 0, offsetof(CtrImport, zName), 0, 0,
   NULL, "name"},
  {0}
};

/* ROUTE: POST /api/v1/centres/activite/import agent api */
void ctr_api_activity_import(Req *req)
{
  CtrImport imp = {0};
  KitErrors e = {0};
  int nBad = kit_read(req, aImportField, &imp, &e);
  if (!imp.zName || !imp.zName[0]) imp.zName = "import.csv";
  imp.nData = imp.zData ? strlen(imp.zData) : 0;
  if (kit_save_or_reply(req, nBad, &e, ctr_write_import, &imp)) return;
  reply_json(req, 200, json_pack("{s:i}", "lignes", imp.nRows));
}

/* ROUTE: GET /api/v1/centres/activite lecteur api */
void ctr_api_activity_list(Req *req)
{
  int64_t site = kit_query_int(req, "site", 0);
  int y, m, d;
  caldate_ymd(caldate_today(), &y, &m, &d);
  y = (int)kit_query_int(req, "annee", y);
  CentreActivity *aA;
  int nA;
  Err err = {0};
  if (centre_activity_list(req_db(req), req_arena(req), site, y, &aA, &nA,
                           &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  kit_reply_list(req, "activite", aA, nA, sizeof *aA, ctr_json_activity);
}

/* ROUTE: POST /api/v1/centres/{id}/finances agent api */
void ctr_api_finance_save(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return;
  CentreFinance f = {.centreId = id};
  kit_api_save(req, &ctr_ops_finance, 0, &f, 200);
}

/* ROUTE: GET /api/v1/centres/statistiques lecteur api */
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
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, 200, ctr_json_stats(&st));
}

/* ROUTE: GET /api/v1/centres/publies public api */
void ctr_api_published(Req *req)
{
  CentrePublished *aP;
  int nP;
  Err err = {0};
  if (centre_published_list(req_db(req), req_arena(req),
                            kit_query_int(req, "reseau", 0), &aP, &nP,
                            &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  kit_reply_list(req, "publies", aP, nP, sizeof *aP, ctr_json_published);
}

/* ROUTE: GET /api/v1/centres/offre public api */
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
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  json_t *j = json_array();
  for (int i = 0; i < nS; i++) {
    json_array_append_new(j, json_pack("{s:s, s:f, s:i}", "commune",
                                       aS[i].zCommune, "etp_medecins",
                                       aS[i].fteDoctors, "sites",
                                       aS[i].nSite));
  }
  char zDay[11];
  reply_json(req, 200, json_pack("{s:s, s:o}", "date",
                                 caldate_format(iDay, zDay), "communes", j));
}
