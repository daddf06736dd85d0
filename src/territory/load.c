/*
** territory/load.c: the engine's inputs as contiguous arrays.
**
** Geography joins, honestly: the nodes are the current communes, with
** Paris, Lyon and Marseille replaced by their arrondissements (the DREES
** tables and SIRENE use 751xx, 6938x, 132xx).  A row on another code goes
** to the current commune when the code is a known alias (déléguée,
** associée, older COG); otherwise it is listed as unmatched, never
** silently dropped.  No computation here: see src/access.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/str.h"
#include "territory/territory.h"

typedef struct Loader Loader;
struct Loader {
  Store *db;
  TerrInputs *out;
  unsigned char *aSeen;     /* node got a population row */
};

static int load_cmp(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int terr_inputs_node(Store *db, TerrInputs *o, const char *zCode)
{
  char **p = bsearch(&zCode, o->azCode, (size_t)o->n, sizeof(char *),
                     load_cmp);
  if (p) return (int)(p - o->azCode);
  Stmt *q = store_stmt(db,
      "SELECT parent FROM commune_alias WHERE code = ?1"
      " ORDER BY origin = 'cog' DESC LIMIT 1");
  store_bind_text(q, 1, zCode);
  Err err = {0};
  int i = -1;
  if (store_step(q, &err) == 1) {
    const char *zParent = store_col_text(q, 0);
    p = bsearch(&zParent, o->azCode, (size_t)o->n, sizeof(char *), load_cmp);
    if (p) {
      i = (int)(p - o->azCode);
      o->nAliased++;
    }
    store_reset(q);
  }
  return i;
}

/* Node index of zCode (through an alias if needed); -1 when there is
** none, and the code is listed as unmatched under zWhat. */
static int load_find(Loader *l, const char *zWhat, const char *zCode)
{
  int i = terr_inputs_node(l->db, l->out, zCode);
  if (i < 0) terr_inputs_unmatched(l->out, zWhat, zCode);
  return i;
}

void terr_inputs_unmatched(TerrInputs *o, const char *zWhat,
                           const char *zCode)
{
  xgrow((void **)&o->azUnmatched, &o->nUnmatchedCap, (size_t)o->nUnmatched + 1,
        sizeof(char *));
  Str s = STR_INIT;
  str_appendf(&s, "%s %s", zWhat, zCode);
  o->azUnmatched[o->nUnmatched++] = str_finish(&s);
}

static int load_nodes(Loader *l, Err *err)
{
  TerrInputs *o = l->out;
  Stmt *q = store_stmt(l->db,
      "SELECT code, name, lat, lon, import_id FROM communes c"
      " WHERE NOT (type = 'COM' AND EXISTS"
      "   (SELECT 1 FROM communes a WHERE a.parent = c.code))"
      " ORDER BY code");
  size_t nCap = 0;
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    int i = o->n++;
    if ((size_t)o->n > nCap) {
      nCap = nCap ? 2 * nCap : 1024;
      o->azCode = xrealloc(o->azCode, nCap * sizeof(char *));
      o->azName = xrealloc(o->azName, nCap * sizeof(char *));
      o->aLat = xrealloc(o->aLat, nCap * sizeof(double));
      o->aLon = xrealloc(o->aLon, nCap * sizeof(double));
    }
    o->azCode[i] = xstrdup(store_col_text(q, 0));
    o->azName[i] = xstrdup(store_col_text(q, 1));
    o->aLat[i] = store_col_is_null(q, 2) ? NAN : store_col_double(q, 2);
    o->aLon[i] = store_col_is_null(q, 3) ? NAN : store_col_double(q, 3);
    if (isnan(o->aLat[i]) || isnan(o->aLon[i])) o->nNoPoint++;
    o->idCommunes = store_col_int(q, 4);
  }
  if (rc < 0) return rc;
  if (o->n == 0) {
    return err_set(err, ERR_NOTFOUND, "aucune commune en base : importez "
                   "d'abord les communes");
  }
  o->aPop = xcalloc((size_t)o->n, sizeof(double));
  o->aPopTotal = xcalloc((size_t)o->n, sizeof(double));
  o->aSupply = xcalloc((size_t)o->n, sizeof(double));
  o->aPract = xcalloc((size_t)o->n, sizeof(int));
  l->aSeen = xcalloc((size_t)o->n, 1);
  return 0;
}

static int load_population(Loader *l, int vintage, Err *err)
{
  TerrInputs *o = l->out;
  Stmt *q = store_stmt(l->db, "SELECT commune, standardised, total, import_id"
                       " FROM population WHERE vintage = ?1");
  store_bind_int(q, 1, vintage);
  int rc, nRow = 0;
  while ((rc = store_step(q, err)) == 1) {
    nRow++;
    o->idPopulation = store_col_int(q, 3);
    int i = load_find(l, "population", store_col_text(q, 0));
    if (i < 0) continue;
    o->aPop[i] += store_col_double(q, 1);
    o->aPopTotal[i] += store_col_double(q, 2);
    l->aSeen[i] = 1;
  }
  if (rc < 0) return rc;
  if (nRow == 0) {
    return err_set(err, ERR_NOTFOUND, "aucune population importée pour le "
                   "millésime %d", vintage);
  }
  for (int i = 0; i < o->n; i++) o->nNoPop += !l->aSeen[i];
  return 0;
}

static int load_supply(Loader *l, const char *zSource, int vintage, Err *err)
{
  TerrInputs *o = l->out;
  if (vintage == 0) {
    Stmt *q = store_stmt(l->db, "SELECT max(vintage) FROM supply_count"
                         " WHERE source = ?1");
    store_bind_text(q, 1, zSource);
    vintage = (int)store_one_int(q, 0);
  }
  Stmt *q = store_stmt(l->db, "SELECT commune, value, import_id"
                       " FROM supply_count WHERE source = ?1 AND vintage = ?2");
  store_bind_text(q, 1, zSource);
  store_bind_int(q, 2, vintage);
  int rc, nRow = 0;
  while ((rc = store_step(q, err)) == 1) {
    nRow++;
    o->idSupply = store_col_int(q, 2);
    int i = load_find(l, "supply", store_col_text(q, 0));
    if (i < 0) continue;
    o->aSupply[i] += store_col_double(q, 1);
  }
  if (rc < 0) return rc;
  if (nRow == 0) {
    return err_set(err, ERR_NOTFOUND, "aucune offre « %s » importée%s",
                   zSource, vintage ? " pour ce millésime" : "");
  }
  return 0;
}

void terr_inputs_add_site(TerrInputs *o, int iNode, int64_t idPract,
                          int birth, double acts, unsigned flags)
{
  if ((size_t)o->nSite == o->nSiteCap) {
    o->nSiteCap = o->nSiteCap ? 2 * o->nSiteCap : 256;
    o->aSiteNode = xrealloc(o->aSiteNode, o->nSiteCap * sizeof(int));
    o->aSitePract = xrealloc(o->aSitePract, o->nSiteCap * sizeof(int64_t));
    o->aSiteBirth = xrealloc(o->aSiteBirth, o->nSiteCap * sizeof(int));
    o->aSiteActs = xrealloc(o->aSiteActs, o->nSiteCap * sizeof(double));
    o->aSiteFlags = xrealloc(o->aSiteFlags, o->nSiteCap);
  }
  o->aSiteNode[o->nSite] = iNode;
  o->aSitePract[o->nSite] = idPract;
  o->aSiteBirth[o->nSite] = birth;
  o->aSiteActs[o->nSite] = acts;
  o->aSiteFlags[o->nSite] = (unsigned char)flags;
  o->nSite++;
}

int terr_load_inputs(Store *db, const TerrInputSpec *spec, TerrInputs *out,
                     Err *err)
{
  memset(out, 0, sizeof *out);
  Loader l = {db, out, NULL};
  int rc = load_nodes(&l, err);
  if (!rc) rc = load_population(&l, spec->vintage, err);
  if (!rc && spec->zSupply) {
    rc = load_supply(&l, spec->zSupply, spec->supplyVintage, err);
  }
  free(l.aSeen);
  if (rc) terr_inputs_free(out);
  return rc;
}

void terr_inputs_free(TerrInputs *p)
{
  if (!p) return;
  for (int i = 0; i < p->n; i++) {
    free(p->azCode[i]);
    free(p->azName[i]);
  }
  for (int i = 0; i < p->nUnmatched; i++) free(p->azUnmatched[i]);
  free(p->azCode);
  free(p->azName);
  free(p->aLat);
  free(p->aLon);
  free(p->aPop);
  free(p->aPopTotal);
  free(p->aSupply);
  free(p->aPract);
  free(p->azUnmatched);
  free(p->aSiteNode);
  free(p->aSitePract);
  free(p->aSiteBirth);
  free(p->aSiteActs);
  free(p->aSiteFlags);
  memset(p, 0, sizeof *p);
}
