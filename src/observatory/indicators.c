/*
** observatory/indicators.c: the indicators a map or a table shows, per
** commune (node) or area, read from a snapshot.  Pure.
*/
#include <math.h>
#include <string.h>

#include "observatory/obs_int.h"

static const char *const azInd[] = {"apl", "densite", "part60", "zone",
                                    "population", "evolution",
                                    "apl_estimation"};
static const char *const azIndLabel[] = {
  "APL officielle DREES (consultations par habitant standardisé et par an)",
  "Médecins généralistes pour 10 000 habitants",
  "Part des généralistes de 60 ans et plus (%)",
  "Zonage (zonage officiel de l'ARS, sinon classement indicatif d'après "
  "l'APL DREES)",
  "Population standardisée",
  "Évolution de l'estimation oasis entre deux millésimes",
  "APL — estimation oasis (modèle, non officielle)"};

const char *obs_indicator_name(ObsIndicator ind)
{
  return (unsigned)ind <= OBS_IND_ESTIMATE ? azInd[ind] : "?";
}

const char *obs_indicator_label(ObsIndicator ind)
{
  return (unsigned)ind <= OBS_IND_ESTIMATE ? azIndLabel[ind] : "?";
}

int obs_indicator_parse(const char *z, ObsIndicator *pInd)
{
  int i = obs_word_index(azInd, OBS_IND_ESTIMATE + 1, z);
  if (i < 0) return -1;
  *pInd = (ObsIndicator)i;
  return 0;
}

double obs_node_value(const ObsModel *m, const ObsModel *pOther,
                      ObsIndicator ind, int i)
{
  if (i < 0 || i >= m->n) return NAN;
  switch (ind) {
  case OBS_IND_APL: return m->aAplRef[i];
  case OBS_IND_ESTIMATE: return m->aApl[i];
  case OBS_IND_DENSITY: return m->aCommune[i].density;
  case OBS_IND_SHARE60:
    if (!m->hasAges || m->aPractAged[i] == 0) return NAN;
    return 100 * m->aPract60[i] / m->aPractAged[i];
  case OBS_IND_ZONE: {
    int z = obs_zone_index(&m->aZone[i]);
    return z < 0 ? NAN : z;
  }
  case OBS_IND_POPULATION: return m->in.aPop[i];
  case OBS_IND_CHANGE: {
    if (!pOther) return NAN;
    int j = obs_node_find(pOther, m->in.azCode[i]);
    return j < 0 ? NAN : m->aApl[i] - pOther->aApl[j];
  }
  }
  return NAN;
}

double obs_area_value(const ObsModel *m, const ObsModel *pOther,
                      ObsIndicator ind, int iArea)
{
  if (iArea < 0 || iArea >= m->nArea) return NAN;
  const ObsArea *a = &m->aArea[iArea];
  switch (ind) {
  case OBS_IND_APL: return a->aplRef;
  case OBS_IND_ESTIMATE: return a->apl;
  case OBS_IND_DENSITY: return a->density;
  case OBS_IND_SHARE60: {
    if (!m->hasAges) return NAN;
    double n60 = 0, nAged = 0;
    for (int i = 0; i < m->n; i++) {
      if (!obs_node_in(m, i, iArea)) continue;
      n60 += m->aPract60[i];
      nAged += m->aPractAged[i];
    }
    return nAged > 0 ? 100 * n60 / nAged : NAN;
  }
  case OBS_IND_ZONE:    /* indicative class of the official mean */
    return isnan(a->aplRef) ? NAN : acc_zone(&m->key.params, a->aplRef);
  case OBS_IND_POPULATION: return a->pop;
  case OBS_IND_CHANGE: {
    if (!pOther) return NAN;
    int k = obs_area_find(pOther, a->level, a->zCode);
    return k < 0 ? NAN : a->apl - pOther->aArea[k].apl;
  }
  }
  return NAN;
}

double obs_node_count_in_reach(const ObsModel *m, int i, int *pnCommune)
{
  const AccGraph *g = m->pGraph;
  double n = 0;
  int nC = 0;
  if (i < 0 || i >= m->n) {
    if (pnCommune) *pnCommune = 0;
    return 0;
  }
  /* the transpose lists the supply nodes commune i reaches */
  for (int e = g->aTStart[i]; e < g->aTStart[i + 1]; e++) {
    int j = g->aTSupply[e];
    if (m->aCount[j] > 0) {
      n += m->aCount[j];
      nC++;
    }
  }
  if (pnCommune) *pnCommune = nC;
  return n;
}
