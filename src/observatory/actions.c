/*
** observatory/actions.c: the observatory's writes, shared by its pages
** (pages_whatif.c, pages_scenario.c) and its JSON API (api_scenario.c):
** saving and deleting a scenario, each in one transaction with its audit
** row (kit_write, kit_audit).  No HTML and no JSON answer here: callers
** present the result.
*/
#include <string.h>

#include "observatory/obs_api.h"
#include "web/kit.h"

json_t *oapi_scenario_head_json(const ObsScenario *s)
{
  Str p = STR_INIT;
  obs_key_describe(&s->key, &p);
  json_t *o = json_pack("{s:I, s:s, s:o, s:s, s:i, s:s, s:s, s:i}", "id",
                        (json_int_t)s->id, "nom", s->zName, "auteur",
                        s->zAuthor ? json_string(s->zAuthor) : json_null(),
                        "cree", s->zCreated, "millesime", s->key.vintage,
                        "offre", s->key.zSupply, "parametres", str_text(&p),
                        "nombre_changements", s->nChange);
  str_free(&p);
  return o;
}

typedef struct ActCreate ActCreate;
struct ActCreate {
  const ObsModel *m;
  const char *zName;
  const ObsChange *aC;
  int n;
  int64_t id;
};

static int act_create(Req *req, void *pArg, Err *err)
{
  ActCreate *p = pArg;
  Store *db = req_db(req);
  const User *u = req_user(req);
  int rc = obs_scenario_save(db, p->m, p->zName, u ? u->zLogin : NULL,
                             p->aC, p->n, &p->id, err);
  if (rc) return rc;
  ObsScenario s;
  rc = obs_scenario_load(db, p->id, &s, err);
  if (rc) return rc;
  rc = kit_audit(req, "scenario", p->id, "create", NULL,
                 oapi_scenario_head_json(&s), err);
  obs_scenario_clear(&s);
  return rc;
}

int obs_act_scenario_create(Req *req, const ObsModel *m, const char *zName,
                            const ObsChange *aC, int n, int64_t *pId,
                            Err *err)
{
  ActCreate c = {m, zName, aC, n, 0};
  int rc = kit_write(req, act_create, &c, err);
  *pId = rc ? 0 : c.id;
  return rc;
}

static int act_delete(Req *req, void *pArg, Err *err)
{
  int64_t id = *(const int64_t *)pArg;
  int rc = obs_scenario_delete(req_db(req), id, err);
  if (!rc) rc = kit_audit(req, "scenario", id, "delete", NULL, NULL, err);
  return rc;
}

int obs_act_scenario_delete(Req *req, int64_t id, Err *err)
{
  return kit_write(req, act_delete, &id, err);
}
