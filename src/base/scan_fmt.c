/*
** base/scan_fmt.c: numbers written back as printf writes them, without
** printf in the common cases (base/scan.h: scan_fmt_shortest,
** scan_fmt_fixed) -- the output of `oasis apl` is hundreds of thousands of
** numbers.
**
** The digits come from the exact binary value times a power of ten in
** 128-bit integer arithmetic, rounded half to even as glibc does; any
** value outside that range goes to snprintf.  No reading here: the
** round-trip check of the shortest form is scan_double's.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/scan.h"

__extension__ typedef unsigned __int128 u128;

static const uint64_t aPow10U[20] = {
  1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
  10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
  100000000000ULL, 1000000000000ULL, 10000000000000ULL,
  100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
  100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL};

/*
** a * 10^k rounded to an integer, half to even, exactly, into *pN: 0, or
** -1 when not done here.  a = M * 2^-s with M < 2^53; for 0 < a < 2^52
** and k <= 22, M * 10^k < 2^127 is exact in 128 bits and s >= 1.
*/
static int dec_round(double a, int k, uint64_t *pN)
{
  if (!(a > 0 && a < 4503599627370496.0) || k < 0 || k > 22) return -1;
  int e;
  double f = frexp(a, &e);
  uint64_t m = (uint64_t)ldexp(f, 53);
  int sh = 53 - e;
  if (sh >= 127) return -1;
  u128 x = (u128)m * aPow10U[k < 19 ? k : 19];
  if (k > 19) x *= aPow10U[k - 19];
  u128 n = x >> sh, rem = x - (n << sh), half = (u128)1 << (sh - 1);
  if (rem > half || (rem == half && (n & 1))) n++;
  if (n >> 64) return -1;
  *pN = (uint64_t)n;
  return 0;
}

/* The nDigit digits of n (leading zeros kept) into z. */
static void put_digits(char *z, uint64_t n, int nDigit)
{
  for (int i = nDigit - 1; i >= 0; i--, n /= 10) z[i] = (char)('0' + n % 10);
}

/* "%.Pg" of a > 0 in [1e-4, 1e15) into z, or -1 when %g would use an
** exponent (or the value is not done here). */
static int fmt_g(double a, int nP, char *z)
{
  int x = (int)floor(log10(a));
  uint64_t n = 0;
  for (int tries = 0;; tries++) {
    if (tries > 3 || dec_round(a, nP - 1 - x, &n)) return -1;
    if (n < aPow10U[nP - 1]) x--;
    else if (n >= aPow10U[nP]) x++;
    else break;
  }
  if (x < -4 || x >= nP) return -1;
  char zD[20];
  put_digits(zD, n, nP);
  int nD = nP;
  int nInt = x >= 0 ? x + 1 : 0;                /* digits before the point */
  while (nD > nInt && zD[nD - 1] == '0') nD--;  /* %g drops these */
  int i = 0;
  if (x >= 0) {
    memcpy(z, zD, (size_t)nInt);
    i = nInt;
    if (nD > nInt) {
      z[i++] = '.';
      memcpy(z + i, zD + nInt, (size_t)(nD - nInt));
      i += nD - nInt;
    }
  } else {
    z[i++] = '0';
    z[i++] = '.';
    for (int k = 0; k < -x - 1; k++) z[i++] = '0';
    memcpy(z + i, zD, (size_t)nD);
    i += nD;
  }
  z[i] = 0;
  return i;
}

int scan_fmt_shortest(double v, char *z)
{
  if (v == (double)(long long)v && v > -1e15 && v < 1e15) {
    return snprintf(z, SCAN_FMT_MAX, "%lld", (long long)v);   /* what %.15g writes */
  }
  double a = fabs(v);
  int isNeg = v < 0;
  if (a >= 1e-4 && a < 1e15) {
    for (int nP = 15; nP <= 17; nP++) {
      double w;
      z[0] = '-';
      int n = fmt_g(a, nP, z + isNeg);
      if (n < 0) break;
      n += isNeg;
      if (nP == 17 || (scan_double(z, (size_t)n, &w) == 0 && w == v)) {
        return n;
      }
    }
  }
  int n = 0;
  for (int nP = 15; nP <= 17; nP++) {
    double w;
    n = snprintf(z, SCAN_FMT_MAX, "%.*g", nP, v);
    if (n > 0 && scan_double(z, (size_t)n, &w) == 0 && w == v) break;
  }
  return n;
}

int scan_fmt_fixed(double v, int nDec, char *z)
{
  double a = fabs(v);
  uint64_t n;
  if (nDec >= 0 && nDec <= 9 && a < 1e15 &&
      (a == 0 ? (n = 0, 1) : dec_round(a, nDec, &n) == 0)) {
    int i = 0;
    if (signbit(v)) z[i++] = '-';
    uint64_t q = n / aPow10U[nDec], r = n % aPow10U[nDec];
    int nInt = 1;
    while (nInt < 20 && q >= aPow10U[nInt]) nInt++;
    put_digits(z + i, q, nInt);
    i += nInt;
    if (nDec) {
      z[i++] = '.';
      put_digits(z + i, r, nDec);
      i += nDec;
    }
    z[i] = 0;
    return i;
  }
  return snprintf(z, SCAN_FMT_MAX, "%.*f", nDec, v);
}
