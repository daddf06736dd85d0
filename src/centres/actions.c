/*
** centres/actions.c: every write of the centres module, each with its
** audit record (before and after for an update).  The pages and the JSON
** API both call them, through kit_write() (one transaction: the write and
** its audit, or nothing).
*/
#include "base/caldate.h"
#include "centres/internal.h"

int ctr_write_network(Req *req, void *pArg, Err *err)
{
  CentreNetwork *p = pArg, before;
  json_t *pBefore = NULL;
  int isNew = p->id == 0;
  if (!isNew) {
    int rc = centre_network_get(req_db(req), req_arena(req), p->id, &before,
                                err);
    if (rc) return rc;
    pBefore = ctr_json_network(&before);
  }
  int rc = centre_network_save(req_db(req), p, err);
  if (rc) {
    json_decref(pBefore);
    return rc;
  }
  return kit_audit(req, "centre_network", p->id, isNew ? "create" : "update",
                   pBefore, ctr_json_network(p), err);
}

int ctr_write_centre(Req *req, void *pArg, Err *err)
{
  Centre *p = pArg, before;
  json_t *pBefore = NULL;
  int isNew = p->id == 0;
  if (!isNew) {
    int rc = centre_get(req_db(req), req_arena(req), p->id, &before, err);
    if (rc) return rc;
    pBefore = ctr_json_centre(&before);
  }
  int rc = centre_save(req_db(req), p, err);
  if (rc) {
    json_decref(pBefore);
    return rc;
  }
  return kit_audit(req, "centre", p->id, isNew ? "create" : "update",
                   pBefore, ctr_json_centre(p), err);
}

int ctr_write_site(Req *req, void *pArg, Err *err)
{
  CentreSite *p = pArg, before;
  json_t *pBefore = NULL;
  int isNew = p->id == 0;
  if (!isNew) {
    int rc = centre_site_get(req_db(req), req_arena(req), p->id, &before,
                             err);
    if (rc) return rc;
    pBefore = ctr_json_site(&before);
    p->centreId = before.centreId;
    p->isIllustrative = 0;           /* edited by an agent: a real place */
  }
  int rc = centre_site_save(req_db(req), p, err);
  if (rc) {
    json_decref(pBefore);
    return rc;
  }
  return kit_audit(req, "centre_site", p->id, isNew ? "create" : "update",
                   pBefore, ctr_json_site(p), err);
}

int ctr_write_staff(Req *req, void *pArg, Err *err)
{
  CentreStaff *p = pArg, before;
  json_t *pBefore = NULL;
  int isNew = p->id == 0;
  if (!isNew) {
    int rc = centre_staff_get(req_db(req), req_arena(req), p->id, &before,
                              err);
    if (rc) return rc;
    pBefore = ctr_json_staff(&before);
  }
  int rc = centre_staff_save(req_db(req), p, err);
  if (rc) {
    json_decref(pBefore);
    return rc;
  }
  return kit_audit(req, "centre_staff", p->id, isNew ? "create" : "update",
                   pBefore, ctr_json_staff(p), err);
}

int ctr_write_vacancy(Req *req, void *pArg, Err *err)
{
  CentreVacancy *p = pArg;
  int rc = centre_vacancy_save(req_db(req), p, err);
  if (rc) return rc;
  return kit_audit(req, "centre_vacancy", p->id, "create", NULL,
                   ctr_json_vacancy(p), err);
}

int ctr_write_activity(Req *req, void *pArg, Err *err)
{
  CentreActivity *p = pArg;
  int rc = centre_activity_save(req_db(req), p, caldate_today(), err);
  if (rc) return rc;
  return kit_audit(req, "centre_activity", p->siteId, "save", NULL,
                   ctr_json_activity(p), err);
}

int ctr_write_finance(Req *req, void *pArg, Err *err)
{
  CentreFinance *p = pArg;
  int rc = centre_finance_save(req_db(req), p, caldate_today(), err);
  if (rc) return rc;
  return kit_audit(req, "centre_finance", p->centreId, "save", NULL,
                   ctr_json_finance(p), err);
}

int ctr_write_import(Req *req, void *pArg, Err *err)
{
  CtrImport *p = pArg;
  int rc = centre_activity_import(req_db(req), p->zName, p->zData, p->nData,
                                  caldate_today(), &p->nRows, err);
  if (rc) return rc;
  return kit_audit(req, "centre_activity_import", 0, "import", NULL,
                   json_pack("{s:s?, s:i}", "fichier", p->zName, "lignes",
                             p->nRows), err);
}
