/*
** base/money.c: parse and format amounts in integer cents.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/money.h"

#define MONEY_NBSP "\xC2\xA0"      /* U+00A0 before the euro sign */
#define MONEY_NNBSP "\xE2\x80\xAF" /* U+202F between thousands */

/* Length of z once a trailing "€" and the blanks around it are dropped. */
static size_t money_trim_end(const char *z, size_t n)
{
  for (;;) {
    if (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) {
      n--;
    } else if (n >= 3 && memcmp(z + n - 3, "\xE2\x82\xAC", 3) == 0) {
      n -= 3;
    } else if (n >= 3 && memcmp(z + n - 3, MONEY_NNBSP, 3) == 0) {
      n -= 3;
    } else if (n >= 2 && memcmp(z + n - 2, MONEY_NBSP, 2) == 0) {
      n -= 2;
    } else {
      return n;
    }
  }
}

int money_parse(const char *z, int isSigned, int64_t *pCents,
                const char **pzWhy)
{
  static const char zBad[] = "montant invalide : un nombre d'euros, par "
                             "exemple 12 000 ou 1 234,50";
  const char *zWhy = zBad;
  if (!z) goto bad;
  size_t n = money_trim_end(z, strlen(z)), i = 0;
  while (i < n && (z[i] == ' ' || z[i] == '\t')) i++;
  int isNeg = 0;
  if (i < n && (z[i] == '-' || z[i] == '+')) isNeg = z[i++] == '-';
  /* A "." is a decimal point unless a comma comes later ("1.234,50"). */
  const char *zComma = memchr(z + i, ',', n - i);
  int64_t euros = 0, cents = 0;
  int nDigit = 0, nDec = -1;
  for (; i < n; i++) {
    unsigned char u = (unsigned char)z[i];
    if (isdigit(u)) {
      if (nDec >= 0) {
        if (++nDec > 2) {
          zWhy = "montant invalide : deux décimales au plus";
          goto bad;
        }
        cents = cents * 10 + (u - '0');
      } else {
        if (euros > MONEY_MAX_CENTS / 100) {
          zWhy = "montant trop élevé";
          goto bad;
        }
        euros = euros * 10 + (u - '0');
        nDigit++;
      }
    } else if ((u == ',' || (u == '.' && !zComma)) && nDec < 0) {
      nDec = 0;
    } else if ((u == ' ' || u == '.') && nDec < 0 && nDigit > 0) {
      /* group separator */
    } else if (i + 1 < n && !memcmp(z + i, MONEY_NBSP, 2) && nDec < 0) {
      i += 1;
    } else if (i + 2 < n && !memcmp(z + i, MONEY_NNBSP, 3) && nDec < 0) {
      i += 2;
    } else {
      goto bad;
    }
  }
  if (nDigit == 0) goto bad;
  if (nDec == 1) cents *= 10;
  int64_t total = euros * 100 + cents;
  if (total > MONEY_MAX_CENTS) {
    zWhy = "montant trop élevé";
    goto bad;
  }
  if (isNeg && total > 0) {
    if (!isSigned) {
      zWhy = "montant négatif refusé";
      goto bad;
    }
    total = -total;
  }
  *pCents = total;
  return 0;
bad:
  if (pzWhy) *pzWhy = zWhy;
  return -1;
}

char *money_format(int64_t cents, char *zOut, int nOut)
{
  char zDigits[32], zBuf[96];
  int isNeg = cents < 0, k = 0;
  uint64_t u = isNeg ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
  snprintf(zDigits, sizeof zDigits, "%llu", (unsigned long long)(u / 100));
  size_t nd = strlen(zDigits);
  if (isNeg) zBuf[k++] = '-';
  for (size_t i = 0; i < nd; i++) {
    if (i > 0 && (nd - i) % 3 == 0) {
      memcpy(zBuf + k, MONEY_NNBSP, 3);
      k += 3;
    }
    zBuf[k++] = zDigits[i];
  }
  if (u % 100) k += snprintf(zBuf + k, sizeof zBuf - k, ",%02u",
                             (unsigned)(u % 100));
  snprintf(zBuf + k, sizeof zBuf - k, MONEY_NBSP "€");
  snprintf(zOut, (size_t)nOut, "%s", zBuf);
  return zOut;
}

double money_euros(int64_t cents)
{
  return (double)cents / 100.0;
}

int64_t money_from_euros(double euros)
{
  return (int64_t)llround(euros * 100.0);
}
