/*
** observatory/supply_centres.c: the salaried doctors of the centres de
** santé (centres/centres.h) counted as supply by the engine, so that
** opening an antenna (or staffing one) moves APL.
**
** Read once per snapshot, on the day it is built: per commune, the FTE of
** doctors under contract on the sites open that day.  One FTE counts as
** one average practitioner (obs_fte_acts), the unit the what-if already
** uses for "open an antenna with N FTE".  A snapshot remembers a stamp of
** what it read, so that obs_model_get() builds a new one when a site or
** a contract changes, or on the next day.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/caldate.h"
#include "base/mem.h"
#include "centres/centres.h"
#include "observatory/obs_int.h"

/* FNV-1a over n bytes, continuing from h. */
static uint64_t stamp_add(uint64_t h, const void *p, size_t n)
{
  const unsigned char *z = p;
  for (size_t i = 0; i < n; i++) {
    h ^= z[i];
    h *= 1099511628211ull;
  }
  return h;
}

/* Stamp of the day and of the supply list aS[0..nS-1]. */
static uint64_t stamp_of(int iDay, const CentreSupply *aS, int nS)
{
  uint64_t h = stamp_add(14695981039346656037ull, &iDay, sizeof iDay);
  for (int k = 0; k < nS; k++) {
    h = stamp_add(h, aS[k].zCommune, strlen(aS[k].zCommune) + 1);
    h = stamp_add(h, &aS[k].fteDoctors, sizeof aS[k].fteDoctors);
    h = stamp_add(h, &aS[k].nSite, sizeof aS[k].nSite);
  }
  return h;
}

uint64_t obs_centres_stamp(Store *db)
{
  Arena *a = arena_new();
  Err err = {0};
  CentreSupply *aS = NULL;
  int nS = 0, iDay = caldate_today();
  uint64_t h = 0;
  if (!centre_supply_fte(db, a, iDay, &aS, &nS, &err)) {
    h = stamp_of(iDay, aS, nS);
  }
  arena_free(a);
  return h;
}

int obs_centres_read(Store *db, const ObsModel *m, ObsCentres *c, Err *err)
{
  Arena *a = arena_new();
  CentreSupply *aS = NULL;
  int nS = 0;
  memset(c, 0, sizeof *c);
  c->iDay = caldate_today();
  int rc = centre_supply_fte(db, a, c->iDay, &aS, &nS, err);
  if (rc) goto done;
  c->stamp = stamp_of(c->iDay, aS, nS);
  c->aNode = xmalloc(sizeof(int) * (size_t)(nS + 1));
  c->aFte = xmalloc(sizeof(double) * (size_t)(nS + 1));
  for (int k = 0; k < nS; k++) {
    int i = obs_node_find(m, aS[k].zCommune);
    c->nSite += aS[k].nSite;
    if (i < 0) {
      c->nUnknown++;
      continue;
    }
    c->aNode[c->n] = i;
    c->aFte[c->n] = aS[k].fteDoctors;
    c->fte += aS[k].fteDoctors;
    c->n++;
  }
done:
  arena_free(a);
  return rc;
}

void obs_centres_add(const ObsCentres *c, double perFte, double *a)
{
  for (int k = 0; k < c->n; k++) a[c->aNode[k]] += c->aFte[k] * perFte;
}

void obs_centres_describe(const ObsCentres *c, Str *s)
{
  if (c->nSite == 0) return;
  char zDay[11], zFte[32];
  snprintf(zFte, sizeof zFte, "%.2f", c->fte);
  char *zDot = strchr(zFte, '.');
  if (zDot) *zDot = ',';                    /* French decimal comma */
  str_appendf(s, "centres de santé : %s ETP de médecins salariés, %d "
              "site(s) ouvert(s) dans %d commune(s), au %s", zFte,
              c->nSite, c->n, caldate_format(c->iDay, zDay));
  if (c->nUnknown) {
    str_appendf(s, " ; %d commune(s) inconnue(s) ignorée(s)", c->nUnknown);
  }
  str_appendz(s, "\n");
}

void obs_centres_free(ObsCentres *c)
{
  free(c->aNode);
  free(c->aFte);
  memset(c, 0, sizeof *c);
}
