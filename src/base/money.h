/*
** base/money.h: money is integer cents, everywhere (DESIGN.md).
**
** One parser for what people type ("12 000", "1 234,50 €", "1250.5") and
** one French formatter ("12 000 €", "7 333,33 €", narrow no-break space
** between thousands).  Pages, the API, the CLI and the catalogue files all
** go through these two, so a sum never shows two ways.
*/
#ifndef OASIS_BASE_MONEY_H
#define OASIS_BASE_MONEY_H
#include <stdint.h>

/* Largest amount accepted: 100 billion euros, in cents. */
#define MONEY_MAX_CENTS 10000000000000LL

/*
** Parse an amount in euros into *pCents.  Accepts group separators (space,
** U+00A0, U+202F, or "." when a decimal comma follows), a decimal comma or
** point with at most two decimals, and a trailing "€".  Negative amounts
** only when isSigned.  0, or -1 with *pzWhy set to a French reason
** ("deux décimales au plus"…) naming what is wrong.
*/
int money_parse(const char *z, int isSigned, int64_t *pCents,
                const char **pzWhy);

/* "12 000 €" (whole euros) or "7 333,33 €" into zOut; returns zOut.
** nOut of 48 bytes is always enough. */
char *money_format(int64_t cents, char *zOut, int nOut);

/* Euros as a double (for charts and ratios only; never for sums). */
double money_euros(int64_t cents);
/* Cents of a double amount in euros, rounded half away from zero. */
int64_t money_from_euros(double euros);

#endif
