/*
** base/clock.c: the application's clock, pinned in tests by OASIS_NOW.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/caldate.h"
#include "base/clock.h"

int clock_parse(const char *z, int64_t *pT)
{
  int iDay, h = 0, m = 0, s = 0, n = 0;
  char zDay[11];
  if (!z || strlen(z) < 10) return -1;
  memcpy(zDay, z, 10);
  zDay[10] = 0;
  if (caldate_parse(zDay, &iDay)) return -1;
  z += 10;
  if (*z == 'T' || *z == ' ') {
    if (sscanf(z + 1, "%2d:%2d%n", &h, &m, &n) != 2) return -1;
    z += 1 + n;
    if (*z == ':') {
      if (sscanf(z + 1, "%2d%n", &s, &n) != 1) return -1;
      z += 1 + n;
    }
    if (*z == 'Z') z++;
    if (h > 23 || m > 59 || s > 60) return -1;
  }
  if (*z) return -1;
  *pT = (int64_t)iDay * 86400 + h * 3600 + m * 60 + s;
  return 0;
}

int64_t clock_now(void)
{
  int64_t t;
  const char *z = getenv("OASIS_NOW");
  if (!z || !*z) z = getenv("OASIS_TODAY");
  if (z && *z && clock_parse(z, &t) == 0) return t;
  return (int64_t)time(NULL);
}

int clock_today(void)
{
  int64_t t = clock_now();
  return (int)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

char *clock_today_iso(char *zOut)
{
  return caldate_format(clock_today(), zOut);
}
