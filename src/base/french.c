/*
** base/french.c: "à"/"de" before a place name, contracted and elided;
** dates as French readers write them ("3 décembre 2026", "03/12/2026").
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/french.h"

/* True when zName starts with article zArt followed by a space. */
static int fr_starts(const char *zName, const char *zArt)
{
  size_t n = strlen(zArt);
  return strncmp(zName, zArt, n) == 0 && zName[n] == ' ';
}

/* True when z starts with a vowel or a mute h, accented ones included. */
static int fr_vowel(const char *z)
{
  static const char *const az[] = {
    "A", "E", "I", "O", "U", "Y", "H", "a", "e", "i", "o", "u", "y", "h",
    "É", "È", "Ê", "Â", "Î", "Ô", "Û", "é", "è", "ê", "â", "î", "ô", "û",
    NULL};
  for (int k = 0; az[k]; k++) {
    if (strncmp(z, az[k], strlen(az[k])) == 0) return 1;
  }
  return 0;
}

/* zPrep before zName, contracted with the articles "Le" (zLe) and "Les"
** (zLes), elided before a vowel when zElided is not NULL ("d'"). */
static char *fr_contract(const char *zName, const char *zPrep,
                         const char *zLe, const char *zLes,
                         const char *zElided, char *zOut, size_t nOut)
{
  if (!zName) zName = "";
  if (fr_starts(zName, "Le")) {
    snprintf(zOut, nOut, "%s %s", zLe, zName + 3);
  } else if (fr_starts(zName, "Les")) {
    snprintf(zOut, nOut, "%s %s", zLes, zName + 4);
  } else if (zElided && fr_vowel(zName)) {
    /* (not "La …" nor "L'…": they start with L, and keep "de") */
    snprintf(zOut, nOut, "%s%s", zElided, zName);
  } else {
    snprintf(zOut, nOut, "%s %s", zPrep, zName);
  }
  return zOut;
}

char *fr_a(const char *zName, char *zOut, size_t nOut)
{
  return fr_contract(zName, "à", "au", "aux", NULL, zOut, nOut);
}

char *fr_de(const char *zName, char *zOut, size_t nOut)
{
  return fr_contract(zName, "de", "du", "des", "d'", zOut, nOut);
}

const char *fr_month(int m)
{
  static const char *const azMonth[] = {"janvier", "février", "mars",
      "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
      "novembre", "décembre"};
  return m >= 1 && m <= 12 ? azMonth[m - 1] : NULL;
}

char *fr_date(const char *zIso, int isLong, char *zOut, size_t nOut)
{
  char zDay[11];
  int iDay, y, m, d;
  if (!zIso) zIso = "";
  snprintf(zDay, sizeof zDay, "%.10s", zIso);
  if (strlen(zIso) < 10 || caldate_parse(zDay, &iDay)) {
    snprintf(zOut, nOut, "%s", zIso);
    return zOut;
  }
  caldate_ymd(iDay, &y, &m, &d);
  if (isLong) {
    snprintf(zOut, nOut, "%d%s %s %d", d, d == 1 ? "er" : "", fr_month(m), y);
  } else {
    snprintf(zOut, nOut, "%02d/%02d/%04d", d, m, y);
  }
  return zOut;
}

char *fr_datetime(const char *zIso, char *zOut, size_t nOut)
{
  char zDay[16];
  fr_date(zIso, 0, zDay, sizeof zDay);
  if (!zIso || strcmp(zDay, zIso) == 0 || strlen(zIso) < 16 ||
      zIso[10] != 'T' || zIso[13] != ':') {
    snprintf(zOut, nOut, "%s", zDay);
  } else {
    snprintf(zOut, nOut, "%s %.5s UTC", zDay, zIso + 11);
  }
  return zOut;
}
