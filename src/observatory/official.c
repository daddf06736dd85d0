/*
** observatory/official.c: the official layer of a snapshot -- what every
** page, map, export and API answer shows first (DESIGN.md, "official
** first").
**
** Per commune: its class and the official DREES APL beside it, both from
** zoning_of_each() (the one classification: the ARS arrêté when
** imported, else the latest DREES APL against the thresholds, labelled
** indicative), and the DREES standardised population that weights the
** official aggregates.  Per snapshot: the national DREES mean (all ages,
** the series the DREES headlines) and how far our estimate agrees with
** the DREES table (its honest validation figure).  Our engine's values
** stay in aApl, named « estimation oasis » wherever shown.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_int.h"

/* The DREES standardised population of the latest vintage per node into
** aPop (NaN where the table has no row), and the national mean of that
** vintage into m->refMean. */
static int official_pop(Store *db, ObsModel *m, double *aPop, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT max(vintage) FROM apl_reference");
  m->refVintage = (int)store_one_int(q, 0);
  m->refMean = NAN;
  m->refMeanUnder65 = NAN;
  for (int i = 0; i < m->n; i++) aPop[i] = NAN;
  if (!m->refVintage) return 0;
  q = store_stmt(db, "SELECT sum(apl * pop_std) / sum(pop_std),"
                     " sum(apl_under65 * pop_std) / sum(pop_std)"
                     " FROM apl_reference WHERE vintage = ?1"
                     " AND pop_std > 0");
  store_bind_int(q, 1, m->refVintage);
  int rc = store_step(q, err);
  if (rc < 0) return rc;
  if (rc == 1) {
    if (!store_col_is_null(q, 0)) m->refMean = store_col_double(q, 0);
    if (!store_col_is_null(q, 1)) m->refMeanUnder65 = store_col_double(q, 1);
    store_reset(q);
  }
  q = store_stmt(db, "SELECT commune, pop_std FROM apl_reference"
                     " WHERE vintage = ?1 AND pop_std IS NOT NULL");
  store_bind_int(q, 1, m->refVintage);
  while ((rc = store_step(q, err)) == 1) {
    int i = obs_node_find(m, store_col_text(q, 0));
    if (i >= 0 && !strcmp(m->in.azCode[i], store_col_text(q, 0))) {
      aPop[i] = store_col_double(q, 1);
    }
  }
  return rc;
}

/* How our estimate agrees with the DREES table over the communes with
** both values and some population. */
static void official_agreement(ObsModel *m)
{
  ObsAgreement *g = &m->agree;
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sad = 0;
  int n = 0, nSame = 0;
  memset(g, 0, sizeof *g);
  for (int i = 0; i < m->n; i++) {
    double x = m->aApl[i], y = m->aAplRef[i];
    if (isnan(y) || !(m->in.aPop[i] > 0)) continue;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
    sad += fabs(x - y);
    nSame += acc_zone(&m->key.params, x) == acc_zone(&m->key.params, y);
  }
  g->n = n;
  g->pearson = NAN;
  g->meanAbsDiff = n ? sad / n : NAN;
  g->sameClass = n ? (double)nSame / n : NAN;
  double vx = n * sxx - sx * sx, vy = n * syy - sy * sy;
  if (n > 1 && vx > 0 && vy > 0) g->pearson = (n * sxy - sx * sy) / sqrt(vx * vy);
}

int obs_official_load(Store *db, ObsModel *m, Err *err)
{
  ObsPriv *pv = m->pPriv;
  pv->pArena = arena_new();
  size_t n = (size_t)(m->n ? m->n : 1);
  m->aZone = xcalloc(n, sizeof(ZoneInfo));
  m->aAplRef = xmalloc(sizeof(double) * n);
  m->aPopRef = xmalloc(sizeof(double) * n);
  int rc = zoning_of_each(db, pv->pArena, (const char *const *)m->in.azCode,
                          m->n, "medecin", m->aZone, err);
  if (rc) return rc;
  if ((rc = official_pop(db, m, m->aPopRef, err)) < 0) return rc;
  for (int i = 0; i < m->n; i++) {
    m->aAplRef[i] = m->aZone[i].apl;
    if (isnan(m->aPopRef[i])) m->aPopRef[i] = m->in.aPop[i];
  }
  official_agreement(m);
  return 0;
}

void obs_official_free(ObsModel *m)
{
  ObsPriv *pv = m->pPriv;
  if (pv) arena_free(pv->pArena);
  free(m->aZone);
  free(m->aAplRef);
  free(m->aPopRef);
}

int obs_zone_index(const ZoneInfo *z)
{
  switch (z->level) {
  case ZONE_LEVEL_PRIORITY: return 0;
  case ZONE_LEVEL_COMPLEMENT: return 1;
  case ZONE_LEVEL_NONE: return 2;
  default: return -1;
  }
}

double obs_anchored(const ObsModel *m, int i, double aplEstimate)
{
  double ref = m->aAplRef[i];
  if (isnan(ref)) return NAN;
  double v = ref + (aplEstimate - m->aApl[i]);
  return v > 0 ? v : 0;
}

void obs_agreement_describe(const ObsModel *m, Str *s)
{
  const ObsAgreement *g = &m->agree;
  if (g->n == 0) {
    str_appendz(s, "estimation oasis : non comparée (aucune APL DREES "
                   "importée)");
    return;
  }
  char zR[16], zD[16];
  snprintf(zR, sizeof zR, "%.2f", g->pearson);
  snprintf(zD, sizeof zD, "%.2f", g->meanAbsDiff);
  for (char *c = zR; *c; c++) if (*c == '.') *c = ',';
  for (char *c = zD; *c; c++) if (*c == '.') *c = ',';
  str_appendf(s, "estimation oasis comparée à l'APL DREES %d sur %d "
                 "communes : corrélation %s, écart moyen %s consultation "
                 "par habitant et par an, même classe indicative pour "
                 "%.0f %% des communes", m->refVintage, g->n, zR, zD,
              100 * g->sameClass);
}

const char *obs_zone_indicative(const AccParams *p, double apl)
{
  static const char *const az[] = {"sous-dense (indicatif)",
                                   "intermédiaire (indicatif)",
                                   "non zoné (indicatif)"};
  return isnan(apl) ? "" : az[acc_zone(p, apl)];
}

void obs_scope_figures(const ObsModel *m, const char *const *azDep, int nDep,
                       ObsScopeFigures *f)
{
  double sApl = 0, sPopRef = 0, sPri = 0, sZoned = 0;
  memset(f, 0, sizeof *f);
  for (int k = 0; k < nDep && f->nDep < 32; k++) {
    int iArea = obs_area_find(m, OBS_DEPARTEMENT, azDep[k]);
    if (iArea < 0) continue;
    const ObsArea *a = &m->aArea[iArea];
    f->aArea[f->nDep++] = iArea;
    f->nCommune += a->nCommune;
    f->pop += a->pop;
    if (a->popRef > 0) {
      sApl += a->aplRef * a->popRef;
      sPopRef += a->popRef;
    }
    sPri += a->aZonePop[0];
    sZoned += a->aZonePop[0] + a->aZonePop[1] + a->aZonePop[2];
  }
  f->aplRef = sPopRef > 0 ? sApl / sPopRef : NAN;
  f->sharePriority = sZoned > 0 ? sPri / sZoned : NAN;
}
