/*
** placements/rules.c: the pure rules of placements: levels, semesters,
** overlaps, the allowance arithmetic, conversion rates and the checks run
** before saving.  No SQL, no HTML here.
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/err_input.h"
#include "placements/placements.h"

const Label place_levels[PLACE_NLEVEL + 1] = {
  {"externe", "Externe"}, {"interne_mg", "Interne de médecine générale"},
  {"docteur_junior", "Docteur junior"},
  {"paramedical", "Étudiant·e paramédical·e"}, {0, 0}
};

const char *place_level_code(int i)
{
  return i >= 0 && i < PLACE_NLEVEL ? place_levels[i].zCode : "";
}

const char *place_level_label(int i)
{
  return i >= 0 && i < PLACE_NLEVEL ? place_levels[i].zLabel : "";
}

int place_level_parse(const char *z)
{
  for (int i = 0; z && i < PLACE_NLEVEL; i++) {
    if (!strcmp(z, place_levels[i].zCode)) return i;
  }
  return -1;
}

/* ---- semesters ---------------------------------------------------------- */

char *place_semester_of(int iDay, char *zOut)
{
  int y, m, d;
  char zTmp[32];
  caldate_ymd(iDay, &y, &m, &d);
  if (m >= 5 && m <= 10) snprintf(zTmp, sizeof zTmp, "%04d-05", y);
  else snprintf(zTmp, sizeof zTmp, "%04d-11", m <= 4 ? y - 1 : y);
  memcpy(zOut, zTmp, 7);
  zOut[7] = 0;
  return zOut;
}

int place_semester_bounds(const char *zSem, int *pStart, int *pEnd)
{
  int y, m;
  if (caldate_parse_month(zSem, &y, &m) || (m != 5 && m != 11)) return -1;
  *pStart = caldate_from_ymd(y, m, 1);
  *pEnd = m == 5 ? caldate_from_ymd(y, 10, 31) : caldate_from_ymd(y + 1, 4, 30);
  return 0;
}

int place_semester_plausible(const char *zSem, int iToday, const char *zField,
                             Err *err)
{
  int y, m, yToday, mToday, dToday;
  caldate_ymd(iToday, &yToday, &mToday, &dToday);
  if (caldate_parse_month(zSem, &y, &m)) return -1;
  if (y >= yToday - PLACE_SEM_YEARS_BACK &&
      y <= yToday + PLACE_SEM_YEARS_AHEAD) {
    return 0;
  }
  err_set(err, ERR_INPUT, "semestre %04d : attendu entre %d et %d", y % 10000,
          yToday - PLACE_SEM_YEARS_BACK, yToday + PLACE_SEM_YEARS_AHEAD);
  err_field(err, zField);
  return -1;
}

char *place_semester_next(const char *zSem, char *zOut)
{
  int s, e;
  if (place_semester_bounds(zSem, &s, &e)) {
    zOut[0] = 0;
    return zOut;
  }
  return place_semester_of(e + 1, zOut);
}

char *place_semester_label(const char *zSem, char *zOut, int nOut)
{
  int y, m;
  if (caldate_parse_month(zSem, &y, &m) || (m != 5 && m != 11)) {
    snprintf(zOut, nOut, "%s", zSem ? zSem : "");
  } else if (m == 5) {
    snprintf(zOut, nOut, "mai – octobre %d", y);
  } else {
    snprintf(zOut, nOut, "novembre %d – avril %d", y, y + 1);
  }
  return zOut;
}

int place_overlaps(int s1, int e1, int s2, int e2)
{
  return s1 <= e2 && s2 <= e1;
}

char *place_commune_dep(const char *zCommune, char *zOut)
{
  size_t n = zCommune ? strlen(zCommune) : 0;
  int nDep = n >= 3 && zCommune[0] == '9' && zCommune[1] == '7' ? 3 : 2;
  if (n < (size_t)nDep) nDep = (int)n;
  memcpy(zOut, zCommune ? zCommune : "", (size_t)nDep);
  zOut[nDep] = 0;
  return zOut;
}

/* ---- allowances --------------------------------------------------------- */

int64_t place_allowance_owed(int64_t monthlyCents, int iStart, int iEnd,
                             PlaceAllowMonth *aMonth, int nMax, int *pnMonth)
{
  int64_t total = 0;
  int n = 0;
  int iDay = iStart;
  while (iDay <= iEnd) {
    int y, m, d;
    caldate_ymd(iDay, &y, &m, &d);
    int nIn = caldate_days_in_month(y, m);
    int iMonthEnd = iDay + (nIn - d);
    int iLast = iMonthEnd < iEnd ? iMonthEnd : iEnd;
    int nDays = iLast - iDay + 1;
    /* Rounded to the nearest cent, halves up, in integers. */
    int64_t cents = (monthlyCents * nDays * 2 + nIn) / (2 * (int64_t)nIn);
    if (aMonth && n < nMax) {
      aMonth[n].year = y;
      aMonth[n].month = m;
      aMonth[n].nDays = nDays;
      aMonth[n].nDaysInMonth = nIn;
      aMonth[n].cents = cents;
    }
    total += cents;
    n++;
    iDay = iLast + 1;
  }
  if (pnMonth) *pnMonth = n;
  return total;
}

double place_conversion_pct(int nSettled, int nFormer)
{
  if (nFormer <= 0) return -1;
  return 100.0 * nSettled / nFormer;
}

/* ---- checks ------------------------------------------------------------- */

static int need(const char *z, const char *zField, const char *zLabel,
                Err *err)
{
  if (z && z[0]) return 0;
  return err_input(err, zField, "%s : champ obligatoire", zLabel);
}

static int need_level(const char *z, Err *err)
{
  if (place_level_parse(z) >= 0) return 0;
  return err_input(err, "niveau",
                   "niveau : externe, interne de médecine générale, "
                   "docteur junior ou étudiant·e paramédical·e");
}

int place_check(const Place *p, Err *err)
{
  if (need(p->zStructure, "structure", "structure", err) ||
      need(p->zSupervisor, "maitre_de_stage", "maître de stage", err) ||
      need(p->zCommune, "commune", "commune", err) ||
      need_level(p->zLevel, err)) {
    return ERR_INPUT;
  }
  if (strlen(p->zCommune) != 5) {
    return err_input(err, "commune",
                     "commune : code INSEE à 5 caractères attendu");
  }
  if (p->capacity < 1 || p->capacity > 50) {
    return err_input(err, "capacite", "capacité : entre 1 et 50 par semestre");
  }
  return 0;
}

int place_trainee_check(const Trainee *t, Err *err)
{
  if (need(t->zFirstName, "prenom", "prénom", err) ||
      need(t->zLastName, "nom", "nom", err) ||
      need(t->zSchool, "ecole", "faculté ou école", err) ||
      need_level(t->zLevel, err)) {
    return ERR_INPUT;
  }
  if (t->zEmail && t->zEmail[0] && !strchr(t->zEmail, '@')) {
    return err_input(err, "courriel", "courriel : adresse invalide");
  }
  return 0;
}
