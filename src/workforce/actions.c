/*
** workforce/actions.c: every write of the register, for its pages and its
** JSON API alike: the change and its audit entry in one transaction.
**
** The audit entry names the person by id and lists the fields written,
** never the name nor the values (personal data stays in the register).
*/
#include <math.h>
#include <string.h>

#include "workforce/wf_int.h"

static void (*wf_xChanged)(void);

void wf_set_changed_fn(void (*x)(void)) { wf_xChanged = x; }

static int act_person_save(Req *req, void *pArg, Err *err)
{
  WfPerson *p = pArg;
  int isNew = p->id == 0;
  int rc = wf_person_save(req_db(req), p, err);
  if (rc) return rc;
  json_t *pFields = json_array();
  for (int i = 0; wf_person_fields[i].zName; i++) {
    json_array_append_new(pFields, json_string(wf_person_fields[i].zName));
  }
  return kit_audit(req, "praticien", p->id, isNew ? "create" : "update",
                   NULL, json_pack("{s:o}", "champs", pFields), err);
}

int wf_act_person_save(Req *req, WfPerson *p, Err *err)
{
  int rc = kit_write(req, act_person_save, p, err);
  /* the observatory's snapshots read birth years and acts: rebuild them */
  if (!rc && wf_xChanged) wf_xChanged();
  return rc;
}

static int act_structure_save(Req *req, void *pArg, Err *err)
{
  WfStructure *p = pArg;
  int rc = wf_structure_save(req_db(req), p, err);
  if (rc) return rc;
  return kit_audit(req, "structure", p->id, "create", NULL,
                   json_pack("{s:s, s:s}", "type", p->zKind, "commune",
                             p->zCommune), err);
}

int wf_act_structure_save(Req *req, WfStructure *p, Err *err)
{
  return kit_write(req, act_structure_save, p, err);
}

static int act_no_gp_save(Req *req, void *pArg, Err *err)
{
  const WfNoGpInput *p = pArg;
  int rc = wf_no_gp_save(req_db(req), p->zLevel, p->zCode, (int)p->year,
                         (long)p->patients, isnan(p->share) ? -1 : p->share,
                         "manuel", err);
  if (rc) return rc;
  return kit_audit(req, "sans_medecin_traitant", 0, "update", NULL,
                   json_pack("{s:s, s:s, s:I}", "niveau", p->zLevel, "code",
                             p->zCode, "annee", (json_int_t)p->year), err);
}

int wf_act_no_gp_save(Req *req, const WfNoGpInput *p, Err *err)
{
  return kit_write(req, act_no_gp_save, (void *)p, err);
}
