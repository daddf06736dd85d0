/*
** base/caldate.h: civil calendar dates as day numbers.
**
** A date is an int: days since 1970-01-01 (proleptic Gregorian), so date
** arithmetic (overlaps, durations, pro rata) is integer arithmetic.  Text
** form is strict ISO "YYYY-MM-DD"; months are "YYYY-MM".  No time zones:
** these are calendar dates (contracts, placements, bookings).
*/
#ifndef OASIS_BASE_CALDATE_H
#define OASIS_BASE_CALDATE_H

/* Day number of y-m-d; the caller has checked m in 1..12, d valid. */
int caldate_from_ymd(int y, int m, int d);
/* Split day number iDay into year, month (1..12), day (1..31). */
void caldate_ymd(int iDay, int *pY, int *pM, int *pD);
/* Days in month m (1..12) of year y. */
int caldate_days_in_month(int y, int m);
/* Parse strict "YYYY-MM-DD" (years 1900..2200) into *pDay: 0, or -1 when
** z is not such a date (2026-02-30 is refused). */
int caldate_parse(const char *z, int *pDay);
/* Parse strict "YYYY-MM" into *pY, *pM: 0 or -1. */
int caldate_parse_month(const char *z, int *pY, int *pM);
/* "YYYY-MM-DD" of iDay into zOut (at least 11 bytes); returns zOut. */
char *caldate_format(int iDay, char *zOut);
/* Today (UTC), from the one clock (base/clock.h: OASIS_NOW pins it). */
int caldate_today(void);

#endif
