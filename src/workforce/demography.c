/*
** workforce/demography.c: who will be missing: age pyramids, the share of
** GPs aged 60 and over, departures at 5 and 10 years under stated
** assumptions, and the « radar des successions ».
**
** Counts come from the register (people the latest extraction still lists,
** and manual entries).  The radar asks the observatory, through the hook
** app/compose.c fills (wf_set_effect_fn), what each departure does to the
** APL; the candidates are the guichet unique's open dossiers, read here
** with SQL over its table (cases sits above: no header of it is included).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "workforce/wf_int.h"

const int wf_retire_ages[WF_NASSUME] = {65, 67, 70, 0};

int wf_year_now(void)
{
  char z[16];
  clock_today_iso(z);
  return atoi(z);
}

static int prof_index(const char *zCode)
{
  const WfProfession *p = wf_profession(zCode);
  return p ? (int)(p - wf_professions) : -1;
}

/* One person into the demography (wf_people_each). */
static void demo_add(void *pArg, const char *zProf, int birthYear,
                     const char *zRetireOn)
{
  WfDemo *d = pArg;
  int iProf = prof_index(zProf);
  if (iProf < 0) return;
  d->nPeople++;
  d->aProf[iProf]++;
  int isGp = iProf == 0;
  if (isGp) d->nGp++;
  if (birthYear > 0) {
    int age = d->year - birthYear;
    d->nAgeKnown++;
    d->aBand[iProf][wf_band(age)]++;
    if (isGp) {
      d->nGpAged++;
      if (age >= 60) d->nGp60++;
    }
  }
  if (!isGp) return;
  WfPerson p;
  memset(&p, 0, sizeof p);
  p.birthYear = birthYear;
  p.zRetireOn = zRetireOn;
  for (int s = 0; s < WF_NASSUME; s++) {
    /* the last assumption: the declared date, else 67 */
    int y = wf_leaving_year(&p, wf_retire_ages[s]);
    if (y == 0) continue;
    d->aKnown[s]++;
    if (y <= d->year + 5) d->aLeave[s][0]++;
    if (y <= d->year + 10) d->aLeave[s][1]++;
  }
}

int wf_demography(Store *db, const char *zDep, const char *zCommune,
                  WfDemo *d, Err *err)
{
  memset(d, 0, sizeof *d);
  d->year = wf_year_now();
  return wf_people_each(db, zDep, zCommune, demo_add, d, err);
}

/* Open dossiers of GP candidates for commune zCode (or its EPCI, or not
** decided yet), newest first, at most nMax. */
static int wf_candidates(Store *db, Arena *a, const char *zCode,
                         WfCandidate **paOut, int *pn, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT d.id, d.reference, d.status, d.project, d.territory_kind,"
      " d.territory_label, d.wished_date FROM case_dossiers d"
      " WHERE d.state <> 'clos' AND d.anonymised_at IS NULL"
      " AND d.profession = 'medecin_generaliste'"
      " AND ((d.territory_kind = 'commune' AND d.territory_code = ?1)"
      "   OR (d.territory_kind = 'epci' AND d.territory_code IN"
      "       (SELECT epci FROM communes WHERE code = ?1))"
      "   OR d.territory_kind = 'indecis')"
      " ORDER BY d.territory_kind = 'indecis', d.created_at DESC LIMIT 20");
  store_bind_text(q, 1, zCode);
  int n = 0, rc;
  WfCandidate *aC = arena_alloc(a, sizeof *aC * 20);
  while ((rc = store_step(q, err)) == 1) {
    WfCandidate *c = &aC[n++];
    c->id = store_col_int(q, 0);
    c->zReference = store_col_dup(a, q, 1);
    c->zStatus = store_col_dup(a, q, 2);
    c->zProject = store_col_dup(a, q, 3);
    c->zKind = store_col_dup(a, q, 4);
    c->zPlace = store_col_dup(a, q, 5);
    c->zWished = store_col_dup(a, q, 6);
  }
  *paOut = aC;
  *pn = n;
  return rc;
}

int wf_radar(Store *db, Arena *a, const char *zDep, int retireAge,
             WfRadar *r, Err *err)
{
  memset(r, 0, sizeof *r);
  r->year = wf_year_now();
  r->retireAge = retireAge;
  WfPerson *aP;
  int n, rc = wf_people_leaving(db, a, zDep, r->year + 5, retireAge, &aP, &n,
                                err);
  if (rc) return rc;
  WfEffectFn xEffect = wf_effect_fn();
  r->aRow = arena_alloc(a, sizeof *r->aRow * (size_t)(n ? n : 1));
  for (int k = 0; k < n; k++) {
    const WfPerson *p = &aP[k];
    int y = wf_leaving_year(p, p->zRetireOn[0] ? 0 : retireAge);
    r->nNear++;
    if (!xEffect) {
      r->zWhy = "effet sur l'APL indisponible (observatoire non relié)";
      continue;
    }
    WfRadarRow *row = &r->aRow[r->n];
    memset(row, 0, sizeof *row);
    row->p = *p;
    row->leaveYear = y;
    row->age = p->birthYear > 0 ? r->year - (int)p->birthYear : 0;
    row->fte = wf_counted_acts(p, NULL) / 4500.0;
    if ((rc = xEffect(db, p->zCommune, row->fte, &row->eff))) return rc;
    if (!row->eff.isAvailable) {
      r->zWhy = row->eff.zWhy;
      continue;
    }
    r->threshold = row->eff.threshold;
    if (!(row->eff.aplBase >= row->eff.threshold &&
          row->eff.aplAfter < row->eff.threshold)) {
      continue;
    }
    rc = wf_candidates(db, a, row->eff.zCode, &row->aCand, &row->nCand, err);
    if (rc) return rc;
    r->n++;
  }
  return 0;
}
