/*
** access/params.c: parameters, decay functions, zones and the DREES
** supply rules (acts counted per practitioner).
**
** No I/O.  The numbers and their sources are in docs/apl.md.
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/access.h"

AccParams acc_params_default(void)
{
  AccParams p;
  memset(&p, 0, sizeof p);
  p.decay = ACC_DECAY_DREES;
  p.tMax = 20.0;                 /* DREES: nothing beyond 20 minutes */
  p.speedKmh = 50.0;             /* see docs/apl.md, "Travel times" */
  p.detour = 1.3;
  p.zoneSousDense = 2.5;         /* 2017 zoning method (ZIP below 2.5) */
  p.zoneBienDote = 4.0;
  p.exclude65plus = 0;
  p.actsPerPractitioner = 4500.0;
  p.actsMin = 250.0;
  p.actsFloor = 3600.0;
  p.actsCap = 6000.0;
  p.actsNewLiberal = 5400.0;
  return p;
}

/*
** The DREES steps are 10, 15 and 20 minutes for tMax = 20; for another
** tMax they scale with it (tMax/2, 3tMax/4, tMax), so a "30-minute DREES
** catchment" keeps the shape; a band ends before its bound (t < 10 is the
** first).  The binary catchment holds t <= tMax (PySAL, IPEA).  A --steps
** table says which convention it follows (isInclusive).
*/
/* Bands of a stepped decay (0 for the continuous Gaussian). */
static int band_count(const AccParams *p)
{
  switch (p->decay) {
  case ACC_DECAY_GAUSSIAN: return 0;
  case ACC_DECAY_STEP: return 1;
  case ACC_DECAY_STEPS: return p->nStep;
  default: return 3;                             /* DREES */
  }
}

/* Weight of band 1..band_count(p) of a stepped decay. */
static double band_weight(const AccParams *p, int band)
{
  switch (p->decay) {
  case ACC_DECAY_STEP: return 1.0;
  case ACC_DECAY_STEPS: return p->aStep[band - 1].w;
  default:                                       /* DREES */
    return band == 1 ? 1.0 : band == 2 ? 2.0 / 3.0 : 1.0 / 3.0;
  }
}

int acc_band_weights(const AccParams *p, double aW[ACC_MAX_STEPS + 1])
{
  int n = band_count(p);
  aW[0] = 0.0;
  for (int k = 1; k <= n; k++) aW[k] = band_weight(p, k);
  return n > 0 ? n : -1;
}

int acc_band(const AccParams *p, double t)
{
  if (!(t >= 0)) return 0;                       /* negative or NaN */
  switch (p->decay) {
  case ACC_DECAY_STEP:
    return t <= p->tMax ? 1 : 0;
  case ACC_DECAY_STEPS:
    for (int k = 0; k < p->nStep; k++) {
      double b = p->aStep[k].tMax;
      if (p->isInclusive ? t <= b : t < b) return k + 1;
    }
    return 0;
  case ACC_DECAY_GAUSSIAN:
    return t < p->tMax ? 1 : 0;                  /* reach only */
  case ACC_DECAY_DREES:
  default:
    if (t < 0.5 * p->tMax) return 1;
    if (t < 0.75 * p->tMax) return 2;
    if (t < p->tMax) return 3;
    return 0;
  }
}

/* The Gaussian is Dai's (2010) form, which falls continuously from 1 at
** t = 0 to 0 at t = bandwidth (tMax unless set); nothing beyond tMax. */
double acc_weight(const AccParams *p, double t)
{
  if (p->decay == ACC_DECAY_GAUSSIAN) {
    double b = p->bandwidth > 0 ? p->bandwidth : p->tMax;
    if (!(t >= 0) || !(t < p->tMax) || !(t < b)) return 0.0;
    double u = t / b, e = exp(-0.5);
    return (exp(-0.5 * u * u) - e) / (1.0 - e);
  }
  int band = acc_band(p, t);
  return band ? band_weight(p, band) : 0.0;
}

int acc_steps_parse(const char *z, AccParams *p, char *zErr, int nErr)
{
  int n = 0;
  double tLast = 0;
  const char *c = z ? z : "";
  while (*c) {
    char *e;
    double t = strtod(c, &e);
    if (e == c || *e != ':') {
      snprintf(zErr, (size_t)nErr, "bande %d : « minutes:poids » attendu",
               n + 1);
      return -1;
    }
    c = e + 1;
    double w = strtod(c, &e);
    if (e == c || (*e && *e != ',')) {
      snprintf(zErr, (size_t)nErr, "bande %d : poids illisible", n + 1);
      return -1;
    }
    c = *e ? e + 1 : e;
    if (!(t > tLast) || !isfinite(t)) {
      snprintf(zErr, (size_t)nErr, "bande %d : les bornes doivent croître "
               "(%g après %g)", n + 1, t, tLast);
      return -1;
    }
    if (!(w > 0 && w <= 1)) {
      snprintf(zErr, (size_t)nErr, "bande %d : poids %g hors de ]0, 1]",
               n + 1, w);
      return -1;
    }
    if (n == ACC_MAX_STEPS) {
      snprintf(zErr, (size_t)nErr, "%d bandes au plus", ACC_MAX_STEPS);
      return -1;
    }
    p->aStep[n].tMax = t;
    p->aStep[n].w = w;
    tLast = t;
    n++;
  }
  if (n == 0) {
    snprintf(zErr, (size_t)nErr, "aucune bande (ex. 10:1,20:0.68,30:0.22)");
    return -1;
  }
  p->nStep = n;
  p->decay = ACC_DECAY_STEPS;
  p->tMax = tLast;
  return 0;
}

/*
** The peers' presets read a matrix as given (no trip to itself added) and
** use their own boundary conventions (docs/apl.md, "Presets"):
** PySAL `access`: two_stage_fca keeps cost <= max_cost, weight 1;
** enhanced_two_stage_fca's default weight is step_fn({10: 1, 20: 0.68,
** 30: 0.22}), the first k with cost <= k.  IPEA `accessibility`:
** floating_catchment_area(method "2sfca") with decay_stepped(steps,
** weights), which takes weights[k] from steps[k] on (the next band starts
** at the threshold: bounds exclusive here); its default here is the DREES
** shape, decay_stepped(c(10, 15, 20), c(2/3, 1/3, 0)).
*/
int acc_preset(const char *zName, AccParams *p)
{
  char zErr[128];
  if (!strcmp(zName, "drees")) {
    p->decay = ACC_DECAY_DREES;
    p->tMax = 20.0;
    return 0;
  }
  if (!strcmp(zName, "2sfca")) {
    p->decay = ACC_DECAY_STEP;
    return 0;
  }
  if (!strcmp(zName, "two_stage_fca") || !strcmp(zName, "pysal-2sfca")) {
    p->decay = ACC_DECAY_STEP;
    p->selfMinutes = ACC_SELF_AS_GIVEN;
    return 0;
  }
  if (!strcmp(zName, "enhanced_two_stage_fca") ||
      !strcmp(zName, "pysal-e2sfca")) {
    p->isInclusive = 1;
    p->selfMinutes = ACC_SELF_AS_GIVEN;
    return acc_steps_parse("10:1,20:0.68,30:0.22", p, zErr, sizeof zErr);
  }
  if (!strcmp(zName, "floating_catchment_area") ||
      !strcmp(zName, "ipea-2sfca")) {
    int rc = acc_steps_parse("10:1,15:0.6666666666666666,"
                             "20:0.3333333333333333", p, zErr, sizeof zErr);
    p->aStep[1].w = 2.0 / 3.0;            /* exactly the DREES doubles */
    p->aStep[2].w = 1.0 / 3.0;
    p->isInclusive = 0;
    p->selfMinutes = ACC_SELF_AS_GIVEN;
    return rc;
  }
  return -1;
}

int acc_zone(const AccParams *p, double apl)
{
  if (apl < p->zoneSousDense) return ACC_ZONE_SOUS_DENSE;
  if (apl < p->zoneBienDote) return ACC_ZONE_INTERMEDIAIRE;
  return ACC_ZONE_NON_ZONE;
}

const char *acc_zone_name(int zone)
{
  switch (zone) {
  case ACC_ZONE_SOUS_DENSE: return "sous-dense";
  case ACC_ZONE_INTERMEDIAIRE: return "intermédiaire";
  default: return "non zoné";
  }
}

const char *acc_decay_name(AccDecay d)
{
  switch (d) {
  case ACC_DECAY_STEP: return "step";
  case ACC_DECAY_GAUSSIAN: return "gaussian";
  case ACC_DECAY_STEPS: return "steps";
  default: return "drees";
  }
}

int acc_decay_parse(const char *z, AccDecay *pDecay)
{
  if (!strcmp(z, "drees")) *pDecay = ACC_DECAY_DREES;
  else if (!strcmp(z, "step")) *pDecay = ACC_DECAY_STEP;
  else if (!strcmp(z, "gaussian")) *pDecay = ACC_DECAY_GAUSSIAN;
  else return -1;
  return 0;
}

/*
** DREES counting: under actsMin acts a practitioner counts 0 (marginal
** activity); from actsMin to actsFloor he counts actsFloor (a minimal
** full-time equivalent); then real activity up to actsCap.  A liberal
** practitioner with no activity the previous year (a new install) is
** imputed actsNewLiberal.  Salaried practitioners of centres de santé
** count their real activity, unbounded.  Unknown activity: one average
** practitioner.
*/
double acc_practitioner_acts(const AccParams *p, const AccPractitioner *pr)
{
  if (p->exclude65plus && pr->age >= 65) return 0.0;
  if (pr->isNewLiberal) return p->actsNewLiberal;
  if (pr->acts < 0) return p->actsPerPractitioner;
  if (pr->isCentre) return pr->acts;
  if (pr->acts < p->actsMin) return 0.0;
  if (pr->acts <= p->actsFloor) return p->actsFloor;
  if (pr->acts > p->actsCap) return p->actsCap;
  return pr->acts;
}

void acc_supply_from_practitioners(const AccParams *p,
                                   const AccPractitioner *a, int n,
                                   int nSupply, double *aSupply,
                                   double *aCount)
{
  memset(aSupply, 0, sizeof(double) * nSupply);
  if (aCount) memset(aCount, 0, sizeof(double) * nSupply);
  for (int k = 0; k < n; k++) {
    assert(a[k].iNode >= 0 && a[k].iNode < nSupply);
    if (p->exclude65plus && a[k].age >= 65) continue;
    aSupply[a[k].iNode] += acc_practitioner_acts(p, &a[k]);
    if (aCount) aCount[a[k].iNode] += 1.0;
  }
}

void acc_supply_from_counts(const AccParams *p, const double *aCount, int n,
                            double *aSupply)
{
  for (int j = 0; j < n; j++) aSupply[j] = aCount[j] * p->actsPerPractitioner;
}
