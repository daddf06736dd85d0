/*
** base/caldate.c: civil dates as day numbers (see caldate.h).
**
** The conversions are Howard Hinnant's days_from_civil / civil_from_days
** algorithms, exact over the whole proleptic Gregorian calendar.
*/
#include "base/caldate.h"
#include "base/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int caldate_from_ymd(int y, int m, int d)
{
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void caldate_ymd(int iDay, int *pY, int *pM, int *pD)
{
  int z = iDay + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp + (mp < 10 ? 3 : -9);
  *pY = yoe + era * 400 + (m <= 2);
  *pM = m;
  *pD = d;
}

int caldate_days_in_month(int y, int m)
{
  static const int aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int isLeap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && isLeap ? 29 : aDays[m - 1];
}

/* n decimal digits at z into *pV; -1 if any is not a digit. */
static int caldate_digits(const char *z, int n, int *pV)
{
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return -1;
    v = v * 10 + (z[i] - '0');
  }
  *pV = v;
  return 0;
}

int caldate_parse_month(const char *z, int *pY, int *pM)
{
  int y, m;
  if (!z || caldate_digits(z, 4, &y) || z[4] != '-' ||
      caldate_digits(z + 5, 2, &m) || z[7] != 0) {
    return -1;
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12) return -1;
  *pY = y;
  *pM = m;
  return 0;
}

int caldate_parse(const char *z, int *pDay)
{
  int y, m, d;
  if (!z || caldate_digits(z, 4, &y) || z[4] != '-' ||
      caldate_digits(z + 5, 2, &m) || z[7] != '-' ||
      caldate_digits(z + 8, 2, &d) || z[10] != 0) {
    return -1;
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12) return -1;
  if (d < 1 || d > caldate_days_in_month(y, m)) return -1;
  *pDay = caldate_from_ymd(y, m, d);
  return 0;
}

char *caldate_format(int iDay, char *zOut)
{
  int y, m, d;
  caldate_ymd(iDay, &y, &m, &d);
  char zTmp[40];
  snprintf(zTmp, sizeof zTmp, "%04d-%02d-%02d", y, m, d);
  memcpy(zOut, zTmp, 10);
  zOut[10] = 0;
  return zOut;
}

int caldate_today(void)
{
  return clock_today();
}
