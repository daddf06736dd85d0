/*
** base/clock.h: the one clock of the application.
**
** Everything that asks "what time is it" or "what day is it" asks here, so
** a test pins both with one variable: OASIS_NOW=2026-03-02T09:00:00Z (or a
** bare date 2026-03-02, read as that day at 00:00 UTC).  OASIS_TODAY is the
** older spelling of the same thing, still read when OASIS_NOW is unset.
** A value that does not parse is ignored: the real clock is used.
*/
#ifndef OASIS_BASE_CLOCK_H
#define OASIS_BASE_CLOCK_H
#include <stdint.h>

/* Seconds since the epoch (UTC), pinned by OASIS_NOW when set. */
int64_t clock_now(void);
/* Today as a day number since 1970-01-01 (UTC), from clock_now(). */
int clock_today(void);
/* Today as "YYYY-MM-DD" into zOut (at least 11 bytes); returns zOut. */
char *clock_today_iso(char *zOut);
/* Parse "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][Z]" (UTC) into *pT: 0, or
** -1 when z is neither. */
int clock_parse(const char *z, int64_t *pT);

#endif
