/*
** observatory/scenario_db.c: saved what-if scenarios (obs_scenario,
** obs_scenario_change).  A scenario is checked against its snapshot
** before anything is written, and written in one transaction: nothing
** is saved half-way.
*/
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_int.h"

int obs_scenario_save(Store *db, const ObsModel *m, const char *zName,
                      const char *zAuthor, const ObsChange *aChange,
                      int nChange, int64_t *pId, Err *err)
{
  size_t nName = zName ? strlen(zName) : 0;
  while (nName && (zName[nName - 1] == ' ')) nName--;
  if (nName == 0 || nName > 200 || !utf8_valid(zName, nName)) {
    err_set(err, ERR_INPUT, "le scénario doit avoir un nom (200 caractères "
            "au plus)");
    err_field(err, "name");
    return ERR_INPUT;
  }
  if (nChange <= 0) {
    err_set(err, ERR_INPUT, "le scénario ne contient aucune modification");
    err_field(err, "changements");
    return ERR_INPUT;
  }
  /* the same checks as a run: unknown commune, bad or negative FTE */
  ObsWhatIf w;
  int rc = obs_whatif_run(m, aChange, nChange, &w, err);
  obs_whatif_free(&w);
  if (rc) return rc;
  char *zParams = obs_params_json(&m->key.params);
  char *zNameCopy = xstrndup(zName, nName);
  int64_t id = 0;
  rc = store_begin(db, err);
  if (rc) goto done;
  Stmt *q = store_stmt(db, "INSERT INTO obs_scenario(name, author, vintage,"
                           " supply, params) VALUES (?1, ?2, ?3, ?4, ?5)");
  store_bind_text(q, 1, zNameCopy);
  store_bind_text(q, 2, zAuthor);
  store_bind_int(q, 3, m->key.vintage);
  store_bind_text(q, 4, m->key.zSupply);
  store_bind_text(q, 5, zParams);
  rc = store_exec(q, err);
  id = store_last_id(db);
  q = store_stmt(db, "INSERT INTO obs_scenario_change(scenario_id, seq,"
                     " commune, fte, is_antenna) VALUES (?1, ?2, ?3, ?4, ?5)");
  Stmt *qS = store_stmt(db, "INSERT INTO obs_scenario_structure(scenario_id,"
                            " seq, kind) VALUES (?1, ?2, ?3)");
  for (int k = 0; !rc && k < nChange; k++) {
    int i = obs_node_find(m, aChange[k].zCode);
    store_bind_int(q, 1, id);
    store_bind_int(q, 2, k);
    store_bind_text(q, 3, m->in.azCode[i]);     /* current code */
    store_bind_double(q, 4, aChange[k].fte);
    store_bind_int(q, 5, aChange[k].isAntenna ? 1 : 0);
    rc = store_exec(q, err);
    if (!rc && aChange[k].zStructure[0]) {
      store_bind_int(qS, 1, id);
      store_bind_int(qS, 2, k);
      store_bind_text(qS, 3, aChange[k].zStructure);
      rc = store_exec(qS, err);
    }
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (!rc && pId) *pId = id;
done:
  free(zParams);
  free(zNameCopy);
  return rc;
}

/* Fill s's header fields from the current row of q (id, name, author,
** created, vintage, supply, params, nChange). */
static void scenario_row(Stmt *q, ObsScenario *s)
{
  memset(s, 0, sizeof *s);
  s->id = store_col_int(q, 0);
  s->zName = xstrdup(store_col_text(q, 1));
  s->zAuthor = store_col_is_null(q, 2) ? NULL : xstrdup(store_col_text(q, 2));
  s->zCreated = xstrdup(store_col_text(q, 3));
  obs_key_default(&s->key);
  s->key.vintage = (int)store_col_int(q, 4);
  snprintf(s->key.zSupply, sizeof s->key.zSupply, "%s", store_col_text(q, 5));
  obs_params_parse(store_col_text(q, 6), &s->key.params);
  s->nChange = (int)store_col_int(q, 7);
}

#define SCENARIO_COLS                                                       \
  "SELECT s.id, s.name, s.author, s.created, s.vintage, s.supply,"         \
  " s.params, (SELECT count(*) FROM obs_scenario_change c"                 \
  " WHERE c.scenario_id = s.id) FROM obs_scenario s"

int obs_scenario_load(Store *db, int64_t id, ObsScenario *out, Err *err)
{
  Stmt *q = store_stmt(db, SCENARIO_COLS " WHERE s.id = ?1");
  store_bind_int(q, 1, id);
  int rc = store_step(q, err);
  if (rc != 1) {
    memset(out, 0, sizeof *out);
    if (rc < 0) return rc;
    return err_set(err, ERR_NOTFOUND, "scénario inconnu : %lld",
                   (long long)id);
  }
  scenario_row(q, out);
  store_reset(q);
  out->aChange = xcalloc((size_t)out->nChange + 1, sizeof(ObsChange));
  q = store_stmt(db, "SELECT c.commune, c.fte, c.is_antenna, s.kind"
                     " FROM obs_scenario_change c"
                     " LEFT JOIN obs_scenario_structure s"
                     " ON s.scenario_id = c.scenario_id AND s.seq = c.seq"
                     " WHERE c.scenario_id = ?1 ORDER BY c.seq");
  store_bind_int(q, 1, id);
  int n = 0;
  while ((rc = store_step(q, err)) == 1) {
    if (n >= out->nChange) continue;
    ObsChange *c = &out->aChange[n++];
    snprintf(c->zCode, sizeof c->zCode, "%s", store_col_text(q, 0));
    c->fte = store_col_double(q, 1);
    c->isAntenna = (int)store_col_int(q, 2);
    if (!store_col_is_null(q, 3)) {
      snprintf(c->zStructure, sizeof c->zStructure, "%s",
               store_col_text(q, 3));
    }
  }
  out->nChange = n;
  return rc < 0 ? rc : 0;
}

void obs_scenario_clear(ObsScenario *s)
{
  if (!s) return;
  free(s->zName);
  free(s->zAuthor);
  free(s->zCreated);
  free(s->aChange);
  memset(s, 0, sizeof *s);
}

int obs_scenario_list(Store *db, ObsScenario **pa)
{
  Stmt *q = store_stmt(db, SCENARIO_COLS " ORDER BY s.id DESC");
  Err err = {0};
  ObsScenario *a = NULL;
  size_t nCap = 0;
  int n = 0;
  while (store_step(q, &err) == 1) {
    xgrow((void **)&a, &nCap, (size_t)n + 1, sizeof(ObsScenario));
    scenario_row(q, &a[n++]);
  }
  *pa = a;
  return n;
}

void obs_scenario_list_free(ObsScenario *a, int n)
{
  for (int i = 0; i < n; i++) obs_scenario_clear(&a[i]);
  free(a);
}

int obs_scenario_delete(Store *db, int64_t id, Err *err)
{
  Stmt *q = store_stmt(db, "DELETE FROM obs_scenario WHERE id = ?1");
  store_bind_int(q, 1, id);
  int rc = store_exec(q, err);
  if (rc) return rc;
  if (store_changes(db) == 0) {
    return err_set(err, ERR_NOTFOUND, "scénario inconnu : %lld",
                   (long long)id);
  }
  return 0;
}
