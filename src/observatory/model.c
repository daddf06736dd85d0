/*
** observatory/model.c: the loaded, immutable, refcounted snapshot of the
** observatory (ObsModel), its cache, and its lookups.
**
** A snapshot is built from the database with the territory loader
** (wf_load_inputs) and computed with the same AplModel code as the
** file-mode CLI (apl_build, apl_compute): there is one engine and one
** loader.  The per-level aggregates and ranks are computed here once.
** Nothing here writes to the database (results.c stores runs).
*/
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/progress.h"
#include "observatory/apl_run.h"
#include "observatory/obs.h"
#include "observatory/obs_int.h"
#include "store/provenance.h"
#include "workforce/workforce.h"

/* ---- keys and levels -------------------------------------------------- */

static const char *const azLevel[] = {"france", "region", "departement",
                                      "epci", "commune"};
static const char *const azLevelLabel[] = {"France", "Région", "Département",
                                           "EPCI", "Commune"};

const char *obs_level_name(ObsLevel lvl)
{
  return (unsigned)lvl <= OBS_COMMUNE ? azLevel[lvl] : "?";
}

const char *obs_level_label(ObsLevel lvl)
{
  return (unsigned)lvl <= OBS_COMMUNE ? azLevelLabel[lvl] : "?";
}

int obs_word_index(const char *const *az, int n, const char *z)
{
  for (int i = 0; z && i < n; i++) {
    if (!strcmp(z, az[i])) return i;
  }
  return -1;
}

int obs_level_parse(const char *z, ObsLevel *pLevel)
{
  int i = obs_word_index(azLevel, OBS_COMMUNE + 1, z);
  if (i < 0) return -1;
  *pLevel = (ObsLevel)i;
  return 0;
}

void obs_key_default(ObsKey *k)
{
  memset(k, 0, sizeof *k);
  k->vintage = 2022;
  snprintf(k->zSupply, sizeof k->zSupply, "%s", OBS_SUPPLY_DEFAULT);
  k->params = acc_params_default();
}

int obs_key_parse(ObsKey *k, const char *zVintage, const char *zSupply,
                  const char *zTmax, const char *zDecay, Err *err)
{
  long v;
  double t;
  if (zVintage) {
    if (str_to_long(zVintage, &v) || v < 1990 || v > 2100) {
      err_set(err, ERR_INPUT, "millésime invalide : « %.40s »", zVintage);
      err_field(err, "vintage");
      return ERR_INPUT;
    }
    k->vintage = (int)v;
  }
  if (zSupply) {
    size_t n = strlen(zSupply);
    int ok = n > 0 && n < sizeof k->zSupply;
    for (size_t i = 0; ok && i < n; i++) {
      unsigned char c = (unsigned char)zSupply[i];
      ok = c > ' ' && c < 0x7f;
    }
    if (!ok) {
      err_set(err, ERR_INPUT, "source d'offre invalide");
      err_field(err, "supply");
      return ERR_INPUT;
    }
    snprintf(k->zSupply, sizeof k->zSupply, "%s", zSupply);
  }
  if (zTmax) {
    if (str_to_double(zTmax, &t) || !isfinite(t) || t <= 0 || t > 180) {
      err_set(err, ERR_INPUT, "temps maximal invalide : « %.40s » "
              "(minutes, entre 0 et 180)", zTmax);
      err_field(err, "tmax");
      return ERR_INPUT;
    }
    k->params.tMax = t;
  }
  if (zDecay && acc_decay_parse(zDecay, &k->params.decay)) {
    err_set(err, ERR_INPUT, "décroissance inconnue : « %.40s » (drees, "
            "step ou gaussian)", zDecay);
    err_field(err, "decay");
    return ERR_INPUT;
  }
  return 0;
}

int obs_key_equal(const ObsKey *a, const ObsKey *b)
{
  const AccParams *p = &a->params, *q = &b->params;
  return a->vintage == b->vintage && !strcmp(a->zSupply, b->zSupply) &&
         p->decay == q->decay && p->tMax == q->tMax &&
         p->speedKmh == q->speedKmh && p->detour == q->detour &&
         p->zoneSousDense == q->zoneSousDense &&
         p->zoneBienDote == q->zoneBienDote &&
         p->exclude65plus == q->exclude65plus &&
         p->actsPerPractitioner == q->actsPerPractitioner &&
         p->actsMin == q->actsMin && p->actsFloor == q->actsFloor &&
         p->actsCap == q->actsCap && p->actsNewLiberal == q->actsNewLiberal;
}

void obs_key_describe(const ObsKey *k, Str *s)
{
  const AccParams *p = &k->params;
  str_appendf(s, "%s, %g min, %g km/h, détour %g, seuils %g/%g, %g actes "
              "par praticien%s", acc_decay_name(p->decay), p->tMax,
              p->speedKmh, p->detour, p->zoneSousDense, p->zoneBienDote,
              p->actsPerPractitioner,
              p->exclude65plus ? ", sans les 65 ans et plus" : "");
}

int obs_vintages(Store *db, int *a, int nCap)
{
  Stmt *q = store_stmt(db, "SELECT DISTINCT vintage FROM population"
                           " ORDER BY vintage DESC");
  Err err = {0};
  int n = 0;
  while (store_step(q, &err) == 1) {
    if (n < nCap) a[n] = (int)store_col_int(q, 0);
    n++;
  }
  return n;
}

/* ---- building a snapshot ---------------------------------------------- */

static int64_t model_last_import(Store *db)
{
  return store_one_int(store_stmt(db, "SELECT max(id) FROM import_log"), 0);
}

static int area_cmp(const void *a, const void *b)
{
  const ObsArea *x = a, *y = b;
  if (x->level != y->level) return (int)x->level - (int)y->level;
  return strcmp(x->zCode, y->zCode);
}

/* Add (lvl, zCode) to the area list being built (duplicates removed by
** model_areas after sorting). */
static void area_push(ObsArea **pa, int *pn, size_t *pnCap, ObsLevel lvl,
                      const char *zCode)
{
  if (!zCode || !zCode[0] || strlen(zCode) >= sizeof((*pa)->zCode)) return;
  xgrow((void **)pa, pnCap, (size_t)*pn + 1, sizeof(ObsArea));
  ObsArea *a = &(*pa)[(*pn)++];
  memset(a, 0, sizeof *a);
  a->level = lvl;
  snprintf(a->zCode, sizeof a->zCode, "%s", zCode);
  a->iParent = -1;
}

/* Name of an area from its table. */
static char *area_name(Store *db, ObsLevel lvl, const char *zCode)
{
  static const char *const azSql[] = {
    NULL, "SELECT name FROM regions WHERE code = ?1",
    "SELECT name FROM departements WHERE code = ?1",
    "SELECT name FROM epci WHERE code = ?1"};
  if (lvl == OBS_FRANCE) return xstrdup("France");
  Stmt *q = store_stmt(db, azSql[lvl]);
  store_bind_text(q, 1, zCode);
  Err err = {0};
  char *z = NULL;
  if (store_step(q, &err) == 1) {
    z = xstrdup(store_col_text(q, 0));
    store_reset(q);
  }
  return z ? z : xstrdup(zCode);
}

/*
** Areas: France, and every région, département, EPCI met in the
** communes table for a node (arrondissements carry their own dep, reg
** and epci).  Node -> area maps filled on the way.
*/
static void model_areas(Store *db, ObsModel *m, ObsPriv *pv)
{
  ObsArea *a = NULL;
  int n = 0;
  size_t nCap = 0;
  char **azDep = xcalloc((size_t)m->n, sizeof(char *));
  char **azReg = xcalloc((size_t)m->n, sizeof(char *));
  char **azEpci = xcalloc((size_t)m->n, sizeof(char *));
  Err err = {0};
  Stmt *q = store_stmt(db, "SELECT code, dep, reg, epci FROM communes");
  area_push(&a, &n, &nCap, OBS_FRANCE, "FR");
  a[0].zCode[0] = 0;
  while (store_step(q, &err) == 1) {
    int i = apl_nodes_find(&pv->apl.nodes, store_col_text(q, 0));
    if (i < 0) continue;
    azDep[i] = xstrdup(store_col_text(q, 1));
    azReg[i] = xstrdup(store_col_text(q, 2));
    azEpci[i] = xstrdup(store_col_text(q, 3));
    area_push(&a, &n, &nCap, OBS_DEPARTEMENT, azDep[i]);
    area_push(&a, &n, &nCap, OBS_REGION, azReg[i]);
    area_push(&a, &n, &nCap, OBS_EPCI, azEpci[i]);
  }
  qsort(a, (size_t)n, sizeof *a, area_cmp);
  int k = 0;
  for (int i = 0; i < n; i++) {
    if (k && area_cmp(&a[k - 1], &a[i]) == 0) continue;
    a[k++] = a[i];
  }
  m->nArea = k;
  m->aArea = a;
  for (int i = 0; i < k; i++) a[i].zName = area_name(db, a[i].level, a[i].zCode);
  m->aNodeReg = xmalloc(sizeof(int) * (size_t)m->n);
  m->aNodeDep = xmalloc(sizeof(int) * (size_t)m->n);
  m->aNodeEpci = xmalloc(sizeof(int) * (size_t)m->n);
  for (int i = 0; i < m->n; i++) {
    m->aNodeReg[i] = obs_area_find(m, OBS_REGION, azReg[i] ? azReg[i] : "");
    m->aNodeDep[i] = obs_area_find(m, OBS_DEPARTEMENT, azDep[i] ? azDep[i] : "");
    m->aNodeEpci[i] = obs_area_find(m, OBS_EPCI, azEpci[i] ? azEpci[i] : "");
    /* parents: région of a département, département of an EPCI (first
    ** commune met), France of a région */
    if (m->aNodeDep[i] >= 0 && a[m->aNodeDep[i]].iParent < 0) {
      a[m->aNodeDep[i]].iParent = m->aNodeReg[i];
    }
    if (m->aNodeEpci[i] >= 0 && a[m->aNodeEpci[i]].iParent < 0) {
      a[m->aNodeEpci[i]].iParent = m->aNodeDep[i];
    }
    free(azDep[i]);
    free(azReg[i]);
    free(azEpci[i]);
  }
  for (int i = 1; i < k; i++) {
    if (a[i].level == OBS_REGION) a[i].iParent = 0;
  }
  free(azDep);
  free(azReg);
  free(azEpci);
}

/* Add node i's figures to area iArea (indexes may be -1). */
static void area_add(ObsModel *m, int iArea, int i)
{
  if (iArea < 0) return;
  ObsArea *a = &m->aArea[iArea];
  const AccCommune *c = &m->aCommune[i];
  double p = m->in.aPop[i];
  if (p > 0) {
    if (a->pop == 0 || c->apl < a->aplMin) a->aplMin = c->apl;
    if (a->pop == 0 || c->apl > a->aplMax) a->aplMax = c->apl;
  }
  a->nCommune++;
  a->pop += p;
  a->popTotal += m->in.aPopTotal[i];
  a->apl += p * c->apl;                 /* divided by pop at the end */
  a->count += m->aCount[i];
  if (!isnan(m->aAplRef[i]) && m->aPopRef[i] > 0) {
    a->aplRef += m->aPopRef[i] * m->aAplRef[i];
    a->popRef += m->aPopRef[i];
  }
  int z = obs_zone_index(&m->aZone[i]);   /* the one classification */
  if (z >= 0) {
    a->aZoneN[z]++;
    a->aZonePop[z] += p;
  }
}

static void model_aggregate(ObsModel *m)
{
  for (int i = 0; i < m->n; i++) {
    area_add(m, 0, i);
    area_add(m, m->aNodeReg[i], i);
    area_add(m, m->aNodeDep[i], i);
    area_add(m, m->aNodeEpci[i], i);
  }
  for (int k = 0; k < m->nArea; k++) {
    ObsArea *a = &m->aArea[k];
    double base = a->popTotal > 0 ? a->popTotal : a->pop;
    a->apl = a->pop > 0 ? a->apl / a->pop : 0;
    a->aplRef = a->popRef > 0 ? a->aplRef / a->popRef : NAN;
    a->density = base > 0 ? 1e4 * a->count / base : 0;
  }
}

static int rank_cmp(const void *a, const void *b, void *pCtx)
{
  const ObsModel *m = pCtx;
  int i = *(const int *)a, j = *(const int *)b;
  double x = m->aAplRef[i], y = m->aAplRef[j];
  if (x != y) return x < y ? -1 : 1;
  return strcmp(m->in.azCode[i], m->in.azCode[j]);
}

/* Rank 1 = lowest official DREES APL among the communes with one (the
** rank a sheet shows beside that figure); 0 for none. */
static void model_ranks(ObsModel *m)
{
  int *a = xmalloc(sizeof(int) * (size_t)(m->n ? m->n : 1)), k = 0;
  m->aRank = xcalloc((size_t)(m->n ? m->n : 1), sizeof(int));
  for (int i = 0; i < m->n; i++) {
    if (!isnan(m->aAplRef[i])) a[k++] = i;
  }
  qsort_r(a, (size_t)k, sizeof(int), rank_cmp, m);
  for (int r = 0; r < k; r++) m->aRank[a[r]] = r + 1;
  m->nRanked = k;
  free(a);
}

/* Practitioners' ages per node (sites with a birth year). */
static void model_ages(ObsModel *m)
{
  const TerrInputs *in = &m->in;
  for (int s = 0; s < in->nSite; s++) {
    if (in->aSiteBirth[s] > 0) m->hasAges = 1;
  }
  if (!m->hasAges) return;
  m->aPract60 = xcalloc((size_t)m->n, sizeof(double));
  m->aPractAged = xcalloc((size_t)m->n, sizeof(double));
  for (int s = 0; s < in->nSite; s++) {
    int b = in->aSiteBirth[s], i = in->aSiteNode[s];
    if (b <= 0 || i < 0 || i >= m->n) continue;
    m->aPractAged[i] += 1;
    if (m->key.vintage - b >= 60) m->aPract60[i] += 1;
  }
}

/* The practitioners of the snapshot as the engine sees them. */
void obs_practitioners(const ObsModel *m, int yearsAhead, int retireAge,
                       AccPractitioner *a)
{
  const TerrInputs *in = &m->in;
  for (int s = 0; s < in->nSite; s++) {
    double acts = in->aSiteActs[s];
    a[s].iNode = in->aSiteNode[s];
    a[s].acts = isnan(acts) ? -1 : acts;
    a[s].isNewLiberal = (in->aSiteFlags[s] & TERR_SITE_NEW_LIBERAL) != 0;
    a[s].isCentre = (in->aSiteFlags[s] & TERR_SITE_CENTRE) != 0;
    a[s].age = in->aSiteBirth[s] > 0
                   ? m->key.vintage + yearsAhead - in->aSiteBirth[s] : 0;
    if (retireAge > 0 && a[s].age >= retireAge) a[s].iNode = -1;
  }
}

/* Supply in the model's count units ("FTE") and in acts, for given
** counts: acts = count * actsPerPractitioner (counts source) or the
** DREES rules over the practitioners (practitioners source). */
static void model_supply(ObsModel *m, ObsPriv *pv)
{
  AplModel *am = &pv->apl;
  if (!pv->isPract) {
    memcpy(am->aCount, m->in.aSupply, sizeof(double) * (size_t)m->n);
    am->isCountSupply = 1;
    return;
  }
  /* practitioners: acts by the DREES rules; FTE unit = one average GP */
  AccPractitioner *a = xmalloc(sizeof *a * (size_t)(m->in.nSite + 1));
  obs_practitioners(m, 0, 0, a);
  int nKept = 0;
  for (int s = 0; s < m->in.nSite; s++) {
    if (a[s].iNode >= 0) a[nKept++] = a[s];
  }
  acc_supply_from_practitioners(&m->key.params, a, nKept, m->n, am->aCount,
                                NULL);
  am->isCountSupply = 0;
  free(a);
}

static void model_provenance(Store *db, ObsModel *m)
{
  Str s = STR_INIT;
  struct { const char *zWhat; int64_t id; } a[] = {
    {"communes", m->in.idCommunes}, {"population", m->in.idPopulation},
    {"offre", m->in.idSupply}, {"praticiens", m->in.idPract}};
  str_appendf(&s, "APL %d, offre « %s » ; paramètres : ", m->key.vintage,
              m->key.zSupply);
  obs_key_describe(&m->key, &s);
  str_appendz(&s, "\n");
  for (size_t k = 0; k < sizeof a / sizeof a[0]; k++) {
    if (!a[k].id) continue;
    str_appendf(&s, "%s : ", a[k].zWhat);
    prov_describe(db, a[k].id, &s);
    str_appendz(&s, "\n");
  }
  const ObsPriv *pv = m->pPriv;
  if (pv->idMatrix) {
    str_appendz(&s, "temps de trajet : ");
    prov_describe(db, pv->idMatrix, &s);
    if (pv->nMatrixUnknown) {
      str_appendf(&s, " ; %ld paire(s) sur des codes inconnus ignorées",
                  pv->nMatrixUnknown);
    }
    str_appendz(&s, "\n");
  } else {
    str_appendz(&s, "temps de trajet : modèle à vol d'oiseau (distance × "
                "détour ÷ vitesse)\n");
  }
  obs_centres_describe(&pv->centres, &s);
  if (m->in.nUnmatched) {
    str_appendf(&s, "%d ligne(s) sur des codes de commune inconnus "
                "(ex. %s)\n", m->in.nUnmatched, m->in.azUnmatched[0]);
  }
  m->zProvenance = str_finish(&s);
}

/* Aliases (old and déléguée codes) -> node, for obs_node_find. */
static void model_aliases(Store *db, ObsModel *m, ObsPriv *pv)
{
  Err err = {0};
  Stmt *q = store_stmt(db, "SELECT code, parent FROM commune_alias"
                           " ORDER BY origin = 'cog'");
  size_t nCap = 0;
  while (store_step(q, &err) == 1) {
    int i = apl_nodes_find(&pv->apl.nodes, store_col_text(q, 1));
    if (i < 0 || apl_nodes_find(&pv->apl.nodes, store_col_text(q, 0)) >= 0) {
      continue;
    }
    int k = apl_nodes_add(&pv->alias, store_col_text(q, 0), NULL);
    xgrow((void **)&pv->aAliasNode, &nCap, (size_t)k + 1, sizeof(int));
    pv->aAliasNode[k] = i;              /* 'cog' rows come last and win */
  }
}

/*
** Travel times from the latest travel_matrix import, when there is one:
** they replace the crow-flies model (docs/apl.md section 4).  Rows on
** codes matching no node (nor alias) are counted, not used.
*/
static void model_matrix(Store *db, ObsModel *m, ObsPriv *pv)
{
  AplModel *am = &pv->apl;
  Err err = {0};
  pv->idMatrix = store_one_int(store_stmt(db,
      "SELECT max(import_id) FROM travel_matrix"), 0);
  if (!pv->idMatrix) return;
  Stmt *q = store_stmt(db, "SELECT origin, destination, minutes"
                           " FROM travel_matrix WHERE import_id = ?1");
  store_bind_int(q, 1, pv->idMatrix);
  size_t nCapO = 0, nCapD = 0, nCapT = 0;
  while (store_step(q, &err) == 1) {
    int i = obs_node_find(m, store_col_text(q, 0));
    int j = obs_node_find(m, store_col_text(q, 1));
    if (i < 0 || j < 0) {
      pv->nMatrixUnknown++;
      continue;
    }
    long k = am->nPair++;
    xgrow((void **)&am->aOrigin, &nCapO, (size_t)k + 1, sizeof(int));
    xgrow((void **)&am->aDest, &nCapD, (size_t)k + 1, sizeof(int));
    xgrow((void **)&am->aMinutes, &nCapT, (size_t)k + 1, sizeof(double));
    am->aOrigin[k] = i;
    am->aDest[k] = j;
    am->aMinutes[k] = store_col_double(q, 2);
  }
  if (am->nPair == 0) pv->idMatrix = 0;   /* nothing usable: crow-flies */
}

ObsModel *obs_model_build(Store *db, const ObsKey *k, Err *err)
{
  ObsKey key;
  if (!k) obs_key_default(&key), k = &key;
  ObsModel *m = xcalloc(1, sizeof *m);
  ObsPriv *pv = xcalloc(1, sizeof *pv);
  pthread_mutex_init(&pv->memoMutex, NULL);
  m->pPriv = pv;
  m->nRef = 1;
  m->key = *k;
  m->idLastImport = model_last_import(db);
  pv->isPract = !strcmp(k->zSupply, OBS_SUPPLY_PRACTITIONERS);
  TerrInputSpec spec = {k->vintage, pv->isPract ? NULL : k->zSupply, 0, 0};
  double t0 = clock_seconds();
  int rc = wf_load_inputs(db, &spec, &m->in, err);
  if (rc) {
    obs_model_release(m);
    return NULL;
  }
  if (pv->isPract && m->in.idPract == 0) {
    err_set(err, ERR_NOTFOUND, "aucun praticien importé");
    obs_model_release(m);
    return NULL;
  }
  m->n = m->in.n;
  m->tLoad = clock_seconds() - t0;
  AplModel *am = &pv->apl;
  apl_model_init(am);
  am->params = k->params;
  int nFar = 0;
  for (int i = 0; i < m->n; i++) {
    int j = apl_nodes_add(&am->nodes, m->in.azCode[i], m->in.azName[i]);
    double lat = m->in.aLat[i], lon = m->in.aLon[i];
    if (isnan(lat) || isnan(lon)) {
      /* no point: alone on the equator, 1 degree apart (reaches itself) */
      lat = 0;
      lon = -179.5 + (nFar++ % 359);
    }
    am->nodes.aLat[j] = lat;
    am->nodes.aLon[j] = lon;
  }
  apl_alloc_inputs(am);
  memcpy(am->aPop, m->in.aPop, sizeof(double) * (size_t)m->n);
  model_supply(m, pv);
  model_aliases(db, m, pv);
  if (obs_centres_read(db, m, &pv->centres, err)) {
    obs_model_release(m);
    return NULL;
  }
  obs_centres_add(&pv->centres,
                  pv->isPract ? k->params.actsPerPractitioner : 1.0,
                  am->aCount);
  model_matrix(db, m, pv);
  apl_build(am);
  t0 = clock_seconds();
  apl_compute(am);
  m->tApl = clock_seconds() - t0;
  m->tBuild = am->tBuild;
  acc_graph_transpose(am->pGraph);
  m->pGraph = am->pGraph;
  m->aSupply = am->aSupply;
  m->aApl = am->aApl;
  m->aRatio = am->aRatio;
  m->aDemandReach = am->aDemandReach;
  m->aCommune = am->aOut;
  if (pv->isPract) {
    /* counts = distinct GPs; FTE unit for what-if = supply / average */
    m->aCount = xmalloc(sizeof(double) * (size_t)m->n);
    for (int i = 0; i < m->n; i++) m->aCount[i] = m->in.aPract[i];
    obs_centres_add(&pv->centres, 1.0, m->aCount);
    acc_communes(&k->params, m->pGraph, m->aSupply, am->aPop, m->aCount,
                 m->aApl, m->aDemandReach, m->aCommune);
  } else {
    m->aCount = am->aCount;
  }
  model_ages(m);
  model_areas(db, m, pv);
  if (obs_official_load(db, m, err)) {
    obs_model_release(m);
    return NULL;
  }
  model_ranks(m);
  model_aggregate(m);
  model_provenance(db, m);
  return m;
}

static void model_free(ObsModel *m)
{
  ObsPriv *pv = m->pPriv;
  if (pv) {
    if (pv->isPract) free(m->aCount);
    apl_model_free(&pv->apl);
    apl_nodes_free(&pv->alias);
    free(pv->aAliasNode);
    obs_centres_free(&pv->centres);
    obs_official_free(m);
    obs_work_pool_free(pv);
    for (int i = 0; i < pv->nMemo; i++) {
      free(pv->aMemo[i].zKey);
      free(pv->aMemo[i].z);
    }
    pthread_mutex_destroy(&pv->memoMutex);
    free(pv);
  }
  terr_inputs_free(&m->in);
  for (int i = 0; i < m->nArea; i++) free(m->aArea[i].zName);
  free(m->aArea);
  free(m->aNodeReg);
  free(m->aNodeDep);
  free(m->aNodeEpci);
  free(m->aRank);
  free(m->aPract60);
  free(m->aPractAged);
  free(m->zProvenance);
  free(m);
}

/* ---- the cache -------------------------------------------------------- */

#define OBS_CACHE_N 8
static pthread_mutex_t cacheMutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t buildMutex = PTHREAD_MUTEX_INITIALIZER;
static ObsModel *aCache[OBS_CACHE_N];    /* each holds one reference */
static unsigned iCacheNext;

void obs_model_release(ObsModel *m)
{
  if (!m) return;
  pthread_mutex_lock(&cacheMutex);
  int isLast = --m->nRef == 0;
  pthread_mutex_unlock(&cacheMutex);
  if (isLast) model_free(m);
}

/* A cached snapshot for k built after import idImport, with a reference
** taken, or NULL.  Stale entries for k are dropped.  Under cacheMutex. */
static ObsModel *cache_take(const ObsKey *k, int64_t idImport,
                            uint64_t centres, ObsModel **ppStale)
{
  for (int i = 0; i < OBS_CACHE_N; i++) {
    ObsModel *m = aCache[i];
    if (!m || !obs_key_equal(&m->key, k)) continue;
    const ObsPriv *pv = m->pPriv;
    if (m->idLastImport == idImport && pv->centres.stamp == centres) {
      m->nRef++;
      return m;
    }
    aCache[i] = NULL;                     /* an import happened: swap */
    *ppStale = m;
  }
  return NULL;
}

ObsModel *obs_model_get(Store *db, const ObsKey *k, Err *err)
{
  ObsKey key;
  if (!k) obs_key_stored_default(db, 0, &key), k = &key;
  int64_t idImport = model_last_import(db);
  uint64_t centres = obs_centres_stamp(db);  /* a site or contract changed */
  ObsModel *pStale = NULL, *m;
  pthread_mutex_lock(&cacheMutex);
  m = cache_take(k, idImport, centres, &pStale);
  pthread_mutex_unlock(&cacheMutex);
  obs_model_release(pStale);
  if (m) return m;
  /* one build at a time: a second thread asking for the same key waits
  ** and then finds it in the cache */
  pthread_mutex_lock(&buildMutex);
  pthread_mutex_lock(&cacheMutex);
  pStale = NULL;
  m = cache_take(k, idImport, centres, &pStale);
  pthread_mutex_unlock(&cacheMutex);
  obs_model_release(pStale);
  if (!m) {
    m = obs_model_build(db, k, err);
    if (m) {
      pthread_mutex_lock(&cacheMutex);
      ObsModel *pOld = aCache[iCacheNext % OBS_CACHE_N];
      aCache[iCacheNext++ % OBS_CACHE_N] = m;
      m->nRef++;                          /* the cache's reference */
      pthread_mutex_unlock(&cacheMutex);
      obs_model_release(pOld);
    }
  }
  pthread_mutex_unlock(&buildMutex);
  return m;
}

void obs_model_flush(void)
{
  ObsModel *a[OBS_CACHE_N];
  pthread_mutex_lock(&cacheMutex);
  memcpy(a, aCache, sizeof a);
  memset(aCache, 0, sizeof aCache);
  pthread_mutex_unlock(&cacheMutex);
  for (int i = 0; i < OBS_CACHE_N; i++) obs_model_release(a[i]);
}

/* ---- lookups ---------------------------------------------------------- */

int obs_node_find(const ObsModel *m, const char *zCode)
{
  const ObsPriv *pv = m->pPriv;
  if (!zCode) return -1;
  int i = apl_nodes_find(&pv->apl.nodes, zCode);
  if (i >= 0) return i;
  i = apl_nodes_find(&pv->alias, zCode);
  return i >= 0 ? pv->aAliasNode[i] : -1;
}

int obs_area_find(const ObsModel *m, ObsLevel lvl, const char *zCode)
{
  if (lvl == OBS_FRANCE) return m->nArea > 0 ? 0 : -1;
  if (lvl == OBS_COMMUNE || !zCode) return -1;
  ObsArea probe;
  probe.level = lvl;
  if (strlen(zCode) >= sizeof probe.zCode) return -1;
  snprintf(probe.zCode, sizeof probe.zCode, "%s", zCode);
  const ObsArea *p = bsearch(&probe, m->aArea, (size_t)m->nArea,
                             sizeof(ObsArea), area_cmp);
  return p ? (int)(p - m->aArea) : -1;
}

/* Is node i inside area iArea? */
int obs_node_in(const ObsModel *m, int i, int iArea)
{
  switch (m->aArea[iArea].level) {
  case OBS_FRANCE: return 1;
  case OBS_REGION: return m->aNodeReg[i] == iArea;
  case OBS_DEPARTEMENT: return m->aNodeDep[i] == iArea;
  case OBS_EPCI: return m->aNodeEpci[i] == iArea;
  default: return 0;
  }
}

int obs_area_nodes(const ObsModel *m, int iArea, int **paNode)
{
  int *a = xmalloc(sizeof(int) * (size_t)(m->n ? m->n : 1)), n = 0;
  if (iArea >= 0 && iArea < m->nArea) {
    for (int i = 0; i < m->n; i++) {
      if (obs_node_in(m, i, iArea)) a[n++] = i;   /* nodes are code-sorted */
    }
  }
  *paNode = a;
  return n;
}

int obs_area_children(const ObsModel *m, int iArea, int **paArea)
{
  int *a = xmalloc(sizeof(int) * (size_t)(m->nArea + 1)), n = 0;
  ObsLevel lvl = iArea >= 0 && iArea < m->nArea ? m->aArea[iArea].level
                                                 : OBS_COMMUNE;
  if (lvl == OBS_FRANCE || lvl == OBS_REGION) {
    for (int k = 0; k < m->nArea; k++) {
      if (m->aArea[k].level == lvl + 1 && m->aArea[k].iParent == iArea) {
        a[n++] = k;
      }
    }
  } else if (lvl == OBS_DEPARTEMENT) {
    unsigned char *aSeen = xcalloc((size_t)m->nArea + 1, 1);
    for (int i = 0; i < m->n; i++) {
      if (m->aNodeDep[i] == iArea && m->aNodeEpci[i] >= 0) {
        aSeen[m->aNodeEpci[i]] = 1;
      }
    }
    for (int k = 0; k < m->nArea; k++) {
      if (aSeen[k]) a[n++] = k;           /* areas are code-sorted */
    }
    free(aSeen);
  }
  *paArea = a;
  return n;
}

/* ---- memo of serialised answers ----------------------------------------- */

const char *obs_memo_get(const ObsModel *m, const char *zKey, size_t *pn)
{
  ObsPriv *pv = m->pPriv;
  const char *z = NULL;
  pthread_mutex_lock(&pv->memoMutex);
  for (int i = 0; i < pv->nMemo; i++) {
    if (!strcmp(pv->aMemo[i].zKey, zKey)) {
      z = pv->aMemo[i].z;
      *pn = pv->aMemo[i].n;
      break;
    }
  }
  pthread_mutex_unlock(&pv->memoMutex);
  return z;
}

void obs_memo_put(const ObsModel *m, const char *zKey, char *z, size_t n)
{
  ObsPriv *pv = m->pPriv;
  size_t nDummy;
  pthread_mutex_lock(&pv->memoMutex);
  int isFull = pv->nMemo >= OBS_MEMO_MAX;
  pthread_mutex_unlock(&pv->memoMutex);
  if (isFull || obs_memo_get(m, zKey, &nDummy)) {
    free(z);
    return;
  }
  pthread_mutex_lock(&pv->memoMutex);
  if (pv->nMemo < OBS_MEMO_MAX) {
    pv->aMemo[pv->nMemo++] = (ObsMemo){xstrdup(zKey), z, n};
    z = NULL;
  }
  pthread_mutex_unlock(&pv->memoMutex);
  free(z);
}
