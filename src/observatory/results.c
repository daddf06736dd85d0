/*
** observatory/results.c: stored runs (apl_run, apl_result), history per
** commune, and
** the JSON form of an ObsKey's parameters.  All the observatory's SQL
** on runs lives here.
*/
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_int.h"

/* ---- parameters as JSON ----------------------------------------------- */

char *obs_params_json(const AccParams *p)
{
  json_t *o = json_pack(
      "{s:s, s:f, s:f, s:f, s:f, s:f, s:b, s:f, s:f, s:f, s:f, s:f}",
      "decay", acc_decay_name(p->decay), "tmax", p->tMax, "speed_kmh",
      p->speedKmh, "detour", p->detour, "zone_low", p->zoneSousDense,
      "zone_high", p->zoneBienDote, "exclude_65plus", p->exclude65plus,
      "acts_per_practitioner", p->actsPerPractitioner, "acts_min",
      p->actsMin, "acts_floor", p->actsFloor, "acts_cap", p->actsCap,
      "acts_new_liberal", p->actsNewLiberal);
  char *z = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(o);
  return z;
}

int obs_params_parse(const char *zJson, AccParams *p)
{
  json_error_t e;
  json_t *o = json_loads(zJson, 0, &e);
  const char *zDecay = NULL;
  int ex = 0;
  *p = acc_params_default();
  if (!o || json_unpack(o, "{s?s, s?F, s?F, s?F, s?F, s?F, s?b, s?F, s?F, "
                           "s?F, s?F, s?F}",
                        "decay", &zDecay, "tmax", &p->tMax, "speed_kmh",
                        &p->speedKmh, "detour", &p->detour, "zone_low",
                        &p->zoneSousDense, "zone_high", &p->zoneBienDote,
                        "exclude_65plus", &ex, "acts_per_practitioner",
                        &p->actsPerPractitioner, "acts_min", &p->actsMin,
                        "acts_floor", &p->actsFloor, "acts_cap",
                        &p->actsCap, "acts_new_liberal",
                        &p->actsNewLiberal)) {
    json_decref(o);
    return -1;
  }
  p->exclude65plus = ex;
  int rc = zDecay && acc_decay_parse(zDecay, &p->decay) ? -1 : 0;
  json_decref(o);
  return rc;
}

/* ---- runs --------------------------------------------------------------- */

int obs_run_store(Store *db, ObsModel *m, int isDefault, int64_t *pId,
                  Err *err)
{
  char *zParams = obs_params_json(&m->key.params);
  Str sText = STR_INIT;
  obs_key_describe(&m->key, &sText);
  int64_t id = 0;
  int rc = store_begin(db, err);
  if (rc) goto done;
  /* a run with the same key replaces the earlier ones (results cascade) */
  Stmt *q = store_stmt(db, "DELETE FROM apl_run WHERE vintage = ?1"
                           " AND supply = ?2 AND params = ?3");
  store_bind_int(q, 1, m->key.vintage);
  store_bind_text(q, 2, m->key.zSupply);
  store_bind_text(q, 3, zParams);
  rc = store_exec(q, err);
  if (!rc && isDefault) {
    q = store_stmt(db, "UPDATE apl_run SET is_default = 0"
                       " WHERE vintage = ?1");
    store_bind_int(q, 1, m->key.vintage);
    rc = store_exec(q, err);
  }
  if (!rc) {
    q = store_stmt(db,
        "INSERT INTO apl_run(vintage, supply, params, params_text,"
        " is_default, id_communes, id_population, id_supply, id_pract,"
        " provenance, n_communes, apl_mean, seconds)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    store_bind_int(q, 1, m->key.vintage);
    store_bind_text(q, 2, m->key.zSupply);
    store_bind_text(q, 3, zParams);
    store_bind_text(q, 4, str_text(&sText));
    store_bind_int(q, 5, isDefault ? 1 : 0);
    int64_t aId[4] = {m->in.idCommunes, m->in.idPopulation, m->in.idSupply,
                      m->in.idPract};
    for (int k = 0; k < 4; k++) {
      if (aId[k]) store_bind_int(q, 6 + k, aId[k]);
      else store_bind_null(q, 6 + k);
    }
    store_bind_text(q, 10, m->zProvenance);
    store_bind_int(q, 11, m->n);
    store_bind_double(q, 12, m->nArea ? m->aArea[0].apl : 0);
    store_bind_double(q, 13, m->tLoad + m->tBuild + m->tApl);
    rc = store_exec(q, err);
    id = store_last_id(db);
  }
  q = store_stmt(db,
      "INSERT INTO apl_result(run_id, commune, apl, zone, supply_reach,"
      " demand_reach, count, pop, density)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  for (int i = 0; !rc && i < m->n; i++) {
    const AccCommune *c = &m->aCommune[i];
    store_bind_int(q, 1, id);
    store_bind_text(q, 2, m->in.azCode[i]);
    store_bind_double(q, 3, c->apl);
    store_bind_int(q, 4, c->zone);
    store_bind_double(q, 5, c->supplyReach);
    store_bind_double(q, 6, c->demandReach);
    store_bind_double(q, 7, m->aCount[i]);
    store_bind_double(q, 8, m->in.aPop[i]);
    store_bind_double(q, 9, c->density);
    rc = store_exec(q, err);
  }
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  if (!rc) {
    m->idRun = id;
    if (pId) *pId = id;
  }
done:
  free(zParams);
  str_free(&sText);
  return rc;
}

int obs_history(Store *db, const char *zCode, ObsHistory *a, int nCap)
{
  Stmt *q = store_stmt(db,
      "SELECT r.vintage, x.apl, x.zone, x.pop, r.id FROM apl_run r"
      " JOIN apl_result x ON x.run_id = r.id AND x.commune = ?1"
      " WHERE r.is_default = 1 ORDER BY r.vintage");
  store_bind_text(q, 1, zCode);
  Err err = {0};
  int n = 0;
  while (store_step(q, &err) == 1) {
    if (n < nCap) {
      a[n].vintage = (int)store_col_int(q, 0);
      a[n].apl = store_col_double(q, 1);
      a[n].zone = (int)store_col_int(q, 2);
      a[n].pop = store_col_double(q, 3);
      a[n].idRun = store_col_int(q, 4);
    }
    n++;
  }
  return n;
}

int obs_reference_apl(Store *db, const char *zCode, int vintage,
                      double *pApl)
{
  Stmt *q = store_stmt(db, "SELECT apl FROM apl_reference"
                           " WHERE vintage = ?1 AND commune = ?2");
  store_bind_int(q, 1, vintage);
  store_bind_text(q, 2, zCode);
  Err err = {0};
  if (store_step(q, &err) != 1) return ERR_NOTFOUND;
  *pApl = store_col_double(q, 0);
  store_reset(q);
  return 0;
}

/* Every reference row of vintage into t (codes and apl); 0 or
** ERR_NOTFOUND. */
int obs_reference_table(Store *db, int vintage, int isUnder65, AplTable *t,
                        Err *err)
{
  memset(t, 0, sizeof *t);
  Stmt *q = store_stmt(db, "SELECT commune, apl, apl_under65"
                           " FROM apl_reference WHERE vintage = ?1");
  store_bind_int(q, 1, vintage);
  size_t nCap = 0;
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    if (isUnder65 && store_col_is_null(q, 2)) continue;
    int i = apl_nodes_add(&t->codes, store_col_text(q, 0), NULL);
    xgrow((void **)&t->aVal, &nCap, (size_t)i + 1, sizeof(double));
    t->aVal[i] = store_col_double(q, isUnder65 ? 2 : 1);
  }
  if (rc < 0) return rc;
  if (t->codes.n == 0) {
    return err_set(err, ERR_NOTFOUND, "aucune APL de référence importée "
                   "pour le millésime %d (oasis import apl-reference)",
                   vintage);
  }
  return 0;
}

int obs_key_stored_default(Store *db, int vintage, ObsKey *k)
{
  Stmt *q = store_stmt(db,
      "SELECT vintage, supply, params FROM apl_run WHERE is_default = 1"
      " AND (?1 = 0 OR vintage = ?1) ORDER BY vintage DESC LIMIT 1");
  store_bind_int(q, 1, vintage);
  Err err = {0};
  obs_key_default(k);
  if (vintage) k->vintage = vintage;
  if (store_step(q, &err) != 1) return ERR_NOTFOUND;
  k->vintage = (int)store_col_int(q, 0);
  snprintf(k->zSupply, sizeof k->zSupply, "%s", store_col_text(q, 1));
  int rc = obs_params_parse(store_col_text(q, 2), &k->params);
  store_reset(q);
  if (rc) obs_key_default(k);
  return rc ? ERR_NOTFOUND : 0;
}

int obs_key_calibrate(Store *db, ObsKey *k, int refVintage, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT sum(apl * pop_std) FROM apl_reference"
                           " WHERE vintage = ?1");
  store_bind_int(q, 1, refVintage);
  double acts = store_one_double(q, 0);
  q = store_stmt(db,
      "SELECT sum(value) FROM supply_count WHERE source = ?1 AND vintage ="
      " (SELECT max(vintage) FROM supply_count WHERE source = ?1)");
  store_bind_text(q, 1, k->zSupply);
  double count = store_one_double(q, 0);
  if (!(acts > 0) || !(count > 0)) {
    return err_set(err, ERR_NOTFOUND, "calage impossible : référence %d ou "
                   "offre « %s » absente", refVintage, k->zSupply);
  }
  k->params.actsPerPractitioner = acts / count;
  return 0;
}

int obs_runs_refresh(Store *db, int *pnRun, Err *err)
{
  ObsKey a[32];
  int n = 0, rc = 0;
  Stmt *q = store_stmt(db, "SELECT vintage, supply, params FROM apl_run"
                           " WHERE is_default = 1 ORDER BY vintage");
  while (store_step(q, err) == 1) {
    if (n == 32) continue;
    obs_key_default(&a[n]);
    a[n].vintage = (int)store_col_int(q, 0);
    snprintf(a[n].zSupply, sizeof a[n].zSupply, "%s", store_col_text(q, 1));
    if (obs_params_parse(store_col_text(q, 2), &a[n].params) == 0) n++;
  }
  *pnRun = 0;
  for (int k = 0; !rc && k < n; k++) {
    ObsModel *m = obs_model_build(db, &a[k], err);
    if (!m) {
      rc = err->code ? err->code : ERR_INTERNAL;
      break;
    }
    rc = obs_run_store(db, m, 1, NULL, err);
    obs_model_release(m);
    if (!rc) (*pnRun)++;
  }
  return rc;
}
