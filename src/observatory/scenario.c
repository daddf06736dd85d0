/*
** observatory/scenario.c: "what if" on a snapshot -- FTE added or
** removed in communes, antennas opened -- recomputed incrementally with
** acc_apl_update (only the communes the change can reach), and the
** incremental work state siting.c reuses.
**
** Pure: no SQL (scenario_db.c saves scenarios), no output.  The snapshot
** is never modified: the work state holds copies.
*/
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/progress.h"
#include "observatory/obs_int.h"

double obs_fte_acts(const ObsModel *m, double fte)
{
  return fte * m->key.params.actsPerPractitioner;
}

static double *dup_doubles(const double *a, int n)
{
  double *p = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
  memcpy(p, a, sizeof(double) * (size_t)n);
  return p;
}

void obs_work_init(ObsWork *w, const ObsModel *m)
{
  int n = m->n;
  memset(w, 0, sizeof *w);
  w->m = m;
  w->aCount = dup_doubles(m->aCount, n);
  w->aSupply = dup_doubles(m->aSupply, n);
  w->aApl = dup_doubles(m->aApl, n);
  w->aRatio = dup_doubles(m->aRatio, n);
  w->aDemandReach = dup_doubles(m->aDemandReach, n);
  w->aBase = dup_doubles(m->aApl, n);
  w->aMark = xcalloc((size_t)(2 * n + 1), 1);
  w->aList = xmalloc(sizeof(int) * (size_t)(2 * n + 1));
}

void obs_work_free(ObsWork *w)
{
  free(w->aCount);
  free(w->aSupply);
  free(w->aApl);
  free(w->aRatio);
  free(w->aDemandReach);
  free(w->aBase);
  free(w->aMark);
  free(w->aList);
  free(w->aLastJ);
  free(w->aOldCount);
  free(w->aOldSupply);
  free(w->aOldRatio);
  free(w->aOldReach);
  memset(w, 0, sizeof *w);
}

ObsWork *obs_work_take(const ObsModel *m)
{
  ObsPriv *pv = m->pPriv;
  ObsWork *w = NULL;
  pthread_mutex_lock(&pv->memoMutex);
  if (pv->nPool > 0) w = pv->apPool[--pv->nPool];
  pthread_mutex_unlock(&pv->memoMutex);
  if (!w) {
    w = xmalloc(sizeof *w);
    obs_work_init(w, m);
  }
  return w;
}

void obs_work_put(ObsWork *w)
{
  ObsPriv *pv = w->m->pPriv;
  pthread_mutex_lock(&pv->memoMutex);
  if (pv->nPool < (int)(sizeof pv->apPool / sizeof pv->apPool[0])) {
    pv->apPool[pv->nPool++] = w;
    w = NULL;
  }
  pthread_mutex_unlock(&pv->memoMutex);
  if (w) {
    obs_work_free(w);
    free(w);
  }
}

void obs_work_pool_free(ObsPriv *pv)
{
  for (int i = 0; i < pv->nPool; i++) {
    obs_work_free(pv->apPool[i]);
    free(pv->apPool[i]);
  }
  pv->nPool = 0;
}

/* Remember node j's supply-side values once per apply, for undo. */
static void work_save(ObsWork *w, int j)
{
  for (int k = 0; k < w->nLastJ; k++) {
    if (w->aLastJ[k] == j) return;
  }
  if (w->nLastJ == w->nLastCap) {
    int nCap = w->nLastCap ? 2 * w->nLastCap : 16;
    w->aLastJ = xrealloc(w->aLastJ, sizeof(int) * (size_t)nCap);
    w->aOldCount = xrealloc(w->aOldCount, sizeof(double) * (size_t)nCap);
    w->aOldSupply = xrealloc(w->aOldSupply, sizeof(double) * (size_t)nCap);
    w->aOldRatio = xrealloc(w->aOldRatio, sizeof(double) * (size_t)nCap);
    w->aOldReach = xrealloc(w->aOldReach, sizeof(double) * (size_t)nCap);
    w->nLastCap = nCap;
  }
  int k = w->nLastJ++;
  w->aLastJ[k] = j;
  w->aOldCount[k] = w->aCount[j];
  w->aOldSupply[k] = w->aSupply[j];
  w->aOldRatio[k] = w->aRatio[j];
  w->aOldReach[k] = w->aDemandReach[j];
}

int obs_work_apply(ObsWork *w, const int *aNode, const double *aFte, int n)
{
  const ObsModel *m = w->m;
  w->nLastJ = 0;
  for (int k = 0; k < n; k++) {
    int j = aNode[k];
    work_save(w, j);
    w->aCount[j] += aFte[k];
    w->aSupply[j] += obs_fte_acts(m, aFte[k]);
    if (w->aCount[j] < 1e-9 && w->aCount[j] > -1e-9) w->aCount[j] = 0;
    if (w->aSupply[j] < 0) w->aSupply[j] = 0;   /* rounding only */
  }
  /* only supply changes: population is that of the snapshot */
  w->nLastI = acc_apl_update(m->pGraph, w->aSupply, m->in.aPop, w->aLastJ,
                             w->nLastJ, NULL, 0, w->aDemandReach, w->aRatio,
                             w->aApl, w->aMark, w->aList);
  return w->nLastI;
}

void obs_work_commit(ObsWork *w)
{
  const int *aI = w->aList + w->m->n;
  for (int k = 0; k < w->nLastI; k++) w->aBase[aI[k]] = w->aApl[aI[k]];
  w->nLastI = w->nLastJ = 0;
}

void obs_work_undo(ObsWork *w)
{
  const int *aI = w->aList + w->m->n;
  for (int k = 0; k < w->nLastI; k++) w->aApl[aI[k]] = w->aBase[aI[k]];
  for (int k = w->nLastJ - 1; k >= 0; k--) {
    int j = w->aLastJ[k];
    w->aCount[j] = w->aOldCount[k];
    w->aSupply[j] = w->aOldSupply[k];
    w->aRatio[j] = w->aOldRatio[k];
    w->aDemandReach[j] = w->aOldReach[k];
  }
  w->nLastI = w->nLastJ = 0;
}

/* ---- what if ---------------------------------------------------------- */

int obs_fte_parse(const char *z, const char *zField, double *pFte, Err *err)
{
  char buf[64];
  size_t n = z ? strlen(z) : 0;
  if (n == 0 || n >= sizeof buf) goto bad;
  memcpy(buf, z, n + 1);
  for (size_t i = 0; i < n; i++) {
    if (buf[i] == ',') buf[i] = '.';      /* French decimal comma */
  }
  if (str_to_double(buf, pFte) || !isfinite(*pFte) || fabs(*pFte) > 1e4) {
    goto bad;
  }
  return 0;
bad:
  err_set(err, ERR_INPUT, "« %.40s » n'est pas un nombre d'ETP valide",
          z ? z : "");
  err_field(err, zField);
  return ERR_INPUT;
}

int obs_structure_known(const char *zKind)
{
  return zKind && (!strcmp(zKind, "msp") || !strcmp(zKind, "centre_sante"));
}

static int delta_cmp(const void *a, const void *b)
{
  const ObsDelta *x = a, *y = b;
  double dx = fabs(x->aplAfter - x->aplBefore);
  double dy = fabs(y->aplAfter - y->aplBefore);
  if (dx != dy) return dx > dy ? -1 : 1;
  return x->iNode - y->iNode;
}

/*
** Check every change against m (fields named changements[K].code/.etp) and
** resolve codes to nodes into aNode.  The resulting FTE of a commune is
** checked after summing all the changes on it.
*/
static int whatif_check(const ObsModel *m, const ObsChange *a, int n,
                        int *aNode, double *aFte, Err *err)
{
  char zField[64];
  for (int k = 0; k < n; k++) {
    aNode[k] = obs_node_find(m, a[k].zCode);
    if (aNode[k] < 0) {
      snprintf(zField, sizeof zField, "changements[%d].code", k);
      err_set(err, ERR_INPUT, "commune inconnue : « %.20s »", a[k].zCode);
      err_field(err, zField);
      return ERR_INPUT;
    }
    aFte[k] = a[k].fte;
    snprintf(zField, sizeof zField, "changements[%d].etp", k);
    if (!isfinite(a[k].fte) || fabs(a[k].fte) > 1e4) {
      err_set(err, ERR_INPUT, "nombre d'ETP invalide");
      err_field(err, zField);
      return ERR_INPUT;
    }
    if (a[k].zStructure[0] && !obs_structure_known(a[k].zStructure)) {
      snprintf(zField, sizeof zField, "changements[%d].structure", k);
      err_set(err, ERR_INPUT, "structure inconnue : « %.20s » (msp ou "
              "centre_sante)", a[k].zStructure);
      err_field(err, zField);
      return ERR_INPUT;
    }
    if (a[k].zStructure[0] && !(a[k].fte > 0)) {
      err_set(err, ERR_INPUT, "une maison ou un centre de santé ouvert "
              "compte au moins un ETP de médecin positif (commune %s)",
              m->in.azCode[aNode[k]]);
      err_field(err, zField);
      return ERR_INPUT;
    }
    if (a[k].isAntenna && !(a[k].fte > 0)) {
      err_set(err, ERR_INPUT, "une antenne doit compter au moins un "
              "ETP positif (commune %s)", m->in.azCode[aNode[k]]);
      err_field(err, zField);
      return ERR_INPUT;
    }
  }
  for (int k = 0; k < n; k++) {
    double sum = m->aCount[aNode[k]];
    for (int q = 0; q < n; q++) {
      if (aNode[q] == aNode[k]) sum += aFte[q];
    }
    if (sum < -1e-9) {
      snprintf(zField, sizeof zField, "changements[%d].etp", k);
      err_set(err, ERR_INPUT, "ETP négatif : %s (%s) compte %g ETP, le "
              "scénario en retirerait %g", m->in.azName[aNode[k]],
              m->in.azCode[aNode[k]], m->aCount[aNode[k]],
              m->aCount[aNode[k]] - sum);
      err_field(err, zField);
      return ERR_INPUT;
    }
  }
  return 0;
}

int obs_whatif_run(const ObsModel *m, const ObsChange *aChange, int nChange,
                   ObsWhatIf *out, Err *err)
{
  memset(out, 0, sizeof *out);
  int *aNode = xmalloc(sizeof(int) * (size_t)(nChange + 1));
  double *aFte = xmalloc(sizeof(double) * (size_t)(nChange + 1));
  int rc = whatif_check(m, aChange, nChange, aNode, aFte, err);
  if (rc) goto done;
  /* a clean work state from the snapshot's pool: only what the change
  ** reaches is touched, then undone, so nothing is copied per what-if */
  ObsWork *pw = obs_work_take(m);
  double t0 = clock_seconds();
  int nI = obs_work_apply(pw, aNode, aFte, nChange);
  out->seconds = clock_seconds() - t0;
  out->nRecomputed = nI;
  out->aDelta = xmalloc(sizeof(ObsDelta) * (size_t)(nI + 1));
  const int *aI = pw->aList + m->n;
  const AccParams *p = &m->key.params;
  for (int k = 0; k < nI; k++) {
    int i = aI[k];
    if (pw->aApl[i] == m->aApl[i]) continue;
    ObsDelta *d = &out->aDelta[out->nDelta++];
    d->iNode = i;
    d->aplBefore = m->aApl[i];
    d->aplAfter = pw->aApl[i];
    /* anchored on the official value: the engine gives the effect only */
    d->refBefore = m->aAplRef[i];
    d->refAfter = obs_anchored(m, i, d->aplAfter);
    d->zoneBefore = isnan(d->refBefore) ? -1 : acc_zone(p, d->refBefore);
    d->zoneAfter = isnan(d->refAfter) ? -1 : acc_zone(p, d->refAfter);
    if (d->zoneBefore != d->zoneAfter) out->nZoneChanged++;
    if (d->zoneBefore == ACC_ZONE_SOUS_DENSE &&
        d->zoneAfter > ACC_ZONE_SOUS_DENSE) {
      out->popLifted += m->in.aPop[i];
    }
    if (d->zoneBefore > ACC_ZONE_SOUS_DENSE &&
        d->zoneAfter == ACC_ZONE_SOUS_DENSE) {
      out->popLowered += m->in.aPop[i];
    }
  }
  qsort(out->aDelta, (size_t)out->nDelta, sizeof(ObsDelta), delta_cmp);
  obs_work_undo(pw);
  obs_work_put(pw);
done:
  free(aNode);
  free(aFte);
  return rc;
}

void obs_whatif_free(ObsWhatIf *w)
{
  if (!w) return;
  free(w->aDelta);
  memset(w, 0, sizeof *w);
}
