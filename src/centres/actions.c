/*
** centres/actions.c: every write of the centres module, each with its
** audit record (before and after for an update).  The pages and the JSON
** API both call them, through kit_write() (one transaction: the write and
** its audit, or nothing), and name them by each record's operations
** (KitRecordOps).
*/
#include "base/caldate.h"
#include "centres/internal.h"

/* ---- records read again by id (updates, and pages named by an id) ------ */

static int get_network(Req *req, int64_t id, void *p, Err *err)
{
  return centre_network_get(req_db(req), req_arena(req), id, p, err);
}

static int get_centre(Req *req, int64_t id, void *p, Err *err)
{
  return centre_get(req_db(req), req_arena(req), id, p, err);
}

static int get_site(Req *req, int64_t id, void *p, Err *err)
{
  return centre_site_get(req_db(req), req_arena(req), id, p, err);
}

static int get_staff(Req *req, int64_t id, void *p, Err *err)
{
  return centre_staff_get(req_db(req), req_arena(req), id, p, err);
}

/* The API names a person's sites as JSON; it has no list of FTE fields. */
static int read_staff(Req *req, void *p, KitErrors *e)
{
  return ctr_read_staff(req, p, NULL, 0, e);
}

const KitRecordOps ctr_ops_network = {get_network, ctr_read_network,
                                      ctr_write_network, ctr_json_network};
const KitRecordOps ctr_ops_centre = {get_centre, ctr_read_centre,
                                     ctr_write_centre, ctr_json_centre};
const KitRecordOps ctr_ops_site = {get_site, ctr_read_site, ctr_write_site,
                                   ctr_json_site};
const KitRecordOps ctr_ops_staff = {get_staff, read_staff, ctr_write_staff,
                                    ctr_json_staff};

/* ---- the writes --------------------------------------------------------- */

/*
** Save record p (*pId its id, 0: a creation) by xSave, with its audit
** record on zEntity: for an update, the record as it was (read by op->xGet
** into pBefore, the caller's scratch record, and handed to xSave too) and
** as it is; for a creation, as it is.
*/
static int write_audited(Req *req, const KitRecordOps *op,
                         const char *zEntity, int64_t *pId, void *p,
                         void *pBefore,
                         int (*xSave)(Req *, void *, const void *, Err *),
                         Err *err)
{
  json_t *pJsonBefore = NULL;
  if (*pId) {
    int rc = op->xGet(req, *pId, pBefore, err);
    if (rc) return rc;
    pJsonBefore = op->xJson(pBefore);
  }
  int rc = xSave(req, p, *pId ? pBefore : NULL, err);
  if (rc) {
    json_decref(pJsonBefore);
    return rc;
  }
  return kit_audit(req, zEntity, *pId, pJsonBefore ? "update" : "create",
                   pJsonBefore, op->xJson(p), err);
}

static int save_network(Req *req, void *p, const void *pBefore, Err *err)
{
  return centre_network_save(req_db(req), p, err);
}

int ctr_write_network(Req *req, void *pArg, Err *err)
{
  CentreNetwork *p = pArg, before;
  return write_audited(req, &ctr_ops_network, "centre_network", &p->id, p,
                       &before, save_network, err);
}

static int save_centre(Req *req, void *p, const void *pBefore, Err *err)
{
  return centre_save(req_db(req), p, err);
}

int ctr_write_centre(Req *req, void *pArg, Err *err)
{
  Centre *p = pArg, before;
  return write_audited(req, &ctr_ops_centre, "centre", &p->id, p, &before,
                       save_centre, err);
}

/* An edited site stays in its centre, and is a real place from now on. */
static int save_site(Req *req, void *pArg, const void *pBefore, Err *err)
{
  CentreSite *p = pArg;
  const CentreSite *pWas = pBefore;
  if (pWas) {
    p->centreId = pWas->centreId;
    p->isIllustrative = 0;           /* edited by an agent: a real place */
  }
  return centre_site_save(req_db(req), p, err);
}

int ctr_write_site(Req *req, void *pArg, Err *err)
{
  CentreSite *p = pArg, before;
  return write_audited(req, &ctr_ops_site, "centre_site", &p->id, p, &before,
                       save_site, err);
}

static int save_staff(Req *req, void *p, const void *pBefore, Err *err)
{
  return centre_staff_save(req_db(req), p, err);
}

int ctr_write_staff(Req *req, void *pArg, Err *err)
{
  CentreStaff *p = pArg, before;
  return write_audited(req, &ctr_ops_staff, "centre_staff", &p->id, p,
                       &before, save_staff, err);
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

const KitRecordOps ctr_ops_vacancy = {NULL, ctr_read_vacancy,
                                      ctr_write_vacancy, ctr_json_vacancy};
const KitRecordOps ctr_ops_activity = {NULL, ctr_read_activity,
                                       ctr_write_activity, ctr_json_activity};
const KitRecordOps ctr_ops_finance = {NULL, ctr_read_finance,
                                      ctr_write_finance, ctr_json_finance};
