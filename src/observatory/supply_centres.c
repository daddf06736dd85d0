/*
** observatory/supply_centres.c: the salaried doctors of the centres de
** santé counted as supply by the engine, so that opening an antenna (or
** staffing one) moves APL.  They are read through the ObsSource that the
** composition root installs (obs_source_set, obs.h): the centres module
** sits above the observatory, so the observatory never includes it.
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
#include "base/french.h"
#include "base/clock.h"
#include "base/mem.h"
#include "observatory/obs_int.h"

static const ObsSource *pSource;    /* set once at start */

void obs_source_set(const ObsSource *p)
{
  pSource = p;
}

const ObsSource *obs_source(void)
{
  return pSource;
}

/* Today's extra supply per commune into *paS (arena a); none without a
** source. */
static int supply_read(Store *db, Arena *a, int iDay, ObsExtraSupply **paS,
                       int *pnS, Err *err)
{
  *paS = NULL;
  *pnS = 0;
  if (!pSource || !pSource->xSupply) return 0;
  return pSource->xSupply(db, a, iDay, paS, pnS, err);
}

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
static uint64_t stamp_of(int iDay, const ObsExtraSupply *aS, int nS)
{
  uint64_t h = stamp_add(14695981039346656037ull, &iDay, sizeof iDay);
  for (int k = 0; k < nS; k++) {
    h = stamp_add(h, aS[k].zCommune, strlen(aS[k].zCommune) + 1);
    h = stamp_add(h, &aS[k].fte, sizeof aS[k].fte);
    h = stamp_add(h, &aS[k].nSite, sizeof aS[k].nSite);
  }
  return h;
}

uint64_t obs_centres_stamp(Store *db)
{
  Arena *a = arena_new();
  Err err = {0};
  ObsExtraSupply *aS = NULL;
  int nS = 0, iDay = clock_today();
  uint64_t h = 0;
  if (!supply_read(db, a, iDay, &aS, &nS, &err)) {
    h = stamp_of(iDay, aS, nS);
  }
  arena_free(a);
  return h;
}

int obs_centres_read(Store *db, const ObsModel *m, ObsCentres *c, Err *err)
{
  Arena *a = arena_new();
  ObsExtraSupply *aS = NULL;
  int nS = 0;
  memset(c, 0, sizeof *c);
  c->iDay = clock_today();
  int rc = supply_read(db, a, c->iDay, &aS, &nS, err);
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
    c->aFte[c->n] = aS[k].fte;
    c->fte += aS[k].fte;
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
  char zDay[11], zFr[32], zFte[32];
  snprintf(zFte, sizeof zFte, "%.2f", c->fte);
  char *zDot = strchr(zFte, '.');
  if (zDot) *zDot = ',';                    /* French decimal comma */
  str_appendf(s, "centres de santé : %s ETP de médecins salariés, %d "
              "site(s) ouvert(s) dans %d commune(s), au %s", zFte,
              c->nSite, c->n,
              fr_date(caldate_format(c->iDay, zDay), 1, zFr, sizeof zFr));
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
