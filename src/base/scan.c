/*
** base/scan.c: the fast delimited-file reader and the exact number
** scanner of base/scan.h.
**
** Speed comes from reading the file once, in place: a row is split in one
** pass over its bytes (a quote sends it to the slower quoted path), and its
** cells point into the mapping.  The UTF-8 check runs once over the
** whole file, eight bytes at a time while they are ASCII.
*/
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/scan.h"
#include "base/str.h"

struct Scan {
  char *zName;
  char *zMap;             /* the file: mapped, or malloc'd when !isMapped */
  size_t nMap;
  int isMapped;
  char *z;                /* after the BOM */
  size_t n, i;            /* size, next byte */
  size_t nDropped;        /* bytes of the mapping given back to the kernel */
  int isHashing;          /* scan_open_hashed: hash while checking UTF-8 */
  int isHashed;           /* hash holds scan_hash() of the file */
  uint64_t hash;
  char cSep;
  long iLine;             /* line of the next byte (1-based) */
  long iRowLine;          /* line of the current row */
  ScanCell *aCell;
  int nCell, nCellCap;
  char **azHeader;
  int nHeader;
};

/* ---- numbers ----------------------------------------------------------- */

const double scan_aPow10[23] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
  1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* strtod on a NUL-terminated copy, with str_to_double's rules. */
static int slow_double(const char *z, size_t n, double *pV)
{
  char zBuf[128];
  char *zCopy = n < sizeof zBuf ? zBuf : xmalloc(n + 1);
  memcpy(zCopy, z, n);
  zCopy[n] = 0;
  int rc = str_to_double(zCopy, pV);
  if (zCopy != zBuf) free(zCopy);
  return rc;
}

int scan_double(const char *z, size_t n, double *pV)
{
  const char *p = z, *e = z + n;
  while (p < e && (*p == ' ' || *p == '\t')) p++;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t')) e--;
  const char *zStart = p;
  int isNeg = 0;
  if (p < e && (*p == '-' || *p == '+')) isNeg = *p++ == '-';
  uint64_t m = 0;
  int nSig = 0, nDigit = 0, e10 = 0;
  for (; p < e && *p >= '0' && *p <= '9'; p++, nDigit++) {
    if (nSig || *p != '0') {
      if (++nSig > 19) goto slow;
      m = m * 10 + (uint64_t)(*p - '0');
    }
  }
  if (p < e && *p == '.') {
    for (p++; p < e && *p >= '0' && *p <= '9'; p++, nDigit++) {
      if (nSig || *p != '0') {
        if (++nSig > 19) goto slow;
        m = m * 10 + (uint64_t)(*p - '0');
      }
      e10--;
    }
  }
  if (nDigit == 0) goto slow;           /* "inf", "0x1p3", "." or garbage */
  if (p < e && (*p == 'e' || *p == 'E')) {
    int isNegExp = 0, x = 0, nX = 0;
    p++;
    if (p < e && (*p == '-' || *p == '+')) isNegExp = *p++ == '-';
    for (; p < e && *p >= '0' && *p <= '9'; p++, nX++) {
      if (x > 100000) goto slow;
      x = x * 10 + (*p - '0');
    }
    if (nX == 0) goto slow;
    e10 += isNegExp ? -x : x;
  }
  if (p != e) goto slow;
  if (m == 0) {
    *pV = isNeg ? -0.0 : 0.0;
    return 0;
  }
  /* m and 10^|e10| are exact doubles: one operation rounds correctly */
  if (m <= (1ULL << 53) && e10 >= -22 && e10 <= 22) {
    double v = (double)m;
    v = e10 >= 0 ? v * scan_aPow10[e10] : v / scan_aPow10[-e10];
    *pV = isNeg ? -v : v;
    return 0;
  }
slow:
  return slow_double(zStart, (size_t)(e - zStart), pV);
}

uint64_t scan_key(const char *z, size_t n)
{
  if (n == 0 || n > 7) return 0;
  uint64_t k = (uint64_t)n << 56;
  for (size_t i = 0; i < n; i++) {
    if (z[i] == 0) return 0;
    k |= (uint64_t)(unsigned char)z[i] << (8 * i);
  }
  return k;
}

int scan_dec(const char *z, size_t n, uint32_t *pCode)
{
  uint64_t m = 0;
  size_t i = 0;
  int nDigit = 0, nDec = 0;
  for (; i < n && (unsigned)(z[i] - '0') < 10u && nDigit <= 15; i++) {
    m = m * 10 + (uint64_t)(z[i] - '0');
    nDigit++;
  }
  if (i < n && z[i] == '.') {
    for (i++; i < n && (unsigned)(z[i] - '0') < 10u && nDigit <= 15; i++) {
      m = m * 10 + (uint64_t)(z[i] - '0');
      nDigit++;
      nDec++;
    }
  }
  if (i != n || nDigit == 0 || nDigit > 15 || m >= (1u << 28) || nDec > 14) {
    return -1;
  }
  *pCode = (uint32_t)m << 4 | (uint32_t)nDec;
  return 0;
}

/* ---- writing numbers ---------------------------------------------------- */

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

/* ---- hashing ----------------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/* The 32-byte blocks of z into the four lanes a[]. */
static void hash_blocks(uint64_t *a, const char *z, size_t nBlock)
{
  for (size_t b = 0; b < nBlock; b++, z += 32) {
    for (int k = 0; k < 4; k++) {
      uint64_t w;
      memcpy(&w, z + 8 * k, 8);
      a[k] = (a[k] ^ w) * 0x100000001b3ULL;
      a[k] ^= a[k] >> 29;
    }
  }
}

static void hash_init(uint64_t *a)
{
  a[0] = 0x9e3779b97f4a7c15ULL;
  a[1] = 0xbf58476d1ce4e5b9ULL;
  a[2] = 0x94d049bb133111ebULL;
  a[3] = 0x2545f4914f6cdd1dULL;
}

/* The hash of n bytes whose whole blocks went through a[]; zTail holds
** the last n % 32 bytes. */
static uint64_t hash_end(const uint64_t *a, const char *zTail, size_t n)
{
  uint64_t h = mix64(a[0]) ^ mix64(a[1] + 1) ^ mix64(a[2] + 2) ^
               mix64(a[3] + 3) ^ n;
  for (size_t i = 0; i < n % 32; i++) {
    h = (h ^ (unsigned char)zTail[i]) * 0x100000001b3ULL;
  }
  return mix64(h);
}

uint64_t scan_hash(const char *z, size_t n)
{
  uint64_t a[4];
  hash_init(a);
  hash_blocks(a, z, n / 32);
  return hash_end(a, z + n / 32 * 32, n);
}

/*
** A mapped file is read once, front to back: the pages well behind the
** reader (up to byte iUpTo of s->z, less a 1 MB margin) go back to the
** kernel, so the resident memory of a large matrix stays a window, not
** the file.
*/
static void scan_drop(Scan *s, size_t iUpTo)
{
  size_t off = (size_t)(s->z - s->zMap) + iUpTo;
  if (!s->isMapped || off < s->nDropped + (16u << 20) + (1u << 20)) return;
  size_t nPage = (size_t)sysconf(_SC_PAGESIZE);
  off = (off - (1u << 20)) / nPage * nPage;
  madvise(s->zMap + s->nDropped, off - s->nDropped, MADV_DONTNEED);
  s->nDropped = off;
}

uint64_t scan_hash_data(Scan *s)
{
  if (s->isHashed) return s->hash;        /* done with the UTF-8 check */
  uint64_t a[4];
  size_t nChunk = 8u << 20, nBlock = s->n / 32;
  hash_init(a);
  for (size_t b = 0; b < nBlock; b += nChunk / 32) {
    size_t k = nBlock - b < nChunk / 32 ? nBlock - b : nChunk / 32;
    hash_blocks(a, s->z + b * 32, k);
    scan_drop(s, (b + k) * 32);
  }
  uint64_t h = hash_end(a, s->z + nBlock * 32, s->n);
  s->nDropped = 0;                      /* the reader starts again at 0 */
  return h;
}

/* ---- the reader -------------------------------------------------------- */

/* First invalid UTF-8 line of the file, 0 when all is valid.  ASCII is
** checked eight bytes at a time, 64 KB at a time, giving the pages back
** behind; when s->isHashing the same pass hashes the file (scan_hash), so
** that it is read once.  The first byte above 127 sends the whole file to
** utf8_valid(). */
static long utf8_bad_line(Scan *s)
{
  const char *z = s->z;
  size_t n = s->n, nWhole = n / 32 * 32;
  uint64_t a[4];
  int isAscii = 1;
  hash_init(a);
  for (size_t c0 = 0; c0 < nWhole && (isAscii || s->isHashing);
       c0 += 1u << 16) {
    size_t c1 = nWhole - c0 > (1u << 16) ? c0 + (1u << 16) : nWhole;
    if (s->isHashing) hash_blocks(a, z + c0, (c1 - c0) / 32);
    for (size_t i = c0; isAscii && i < c1; i += 8) {
      uint64_t w;
      memcpy(&w, z + i, 8);
      if (w & 0x8080808080808080ULL) isAscii = 0;
    }
    if ((c1 & ((4u << 20) - 1)) == 0) scan_drop(s, c1);
  }
  for (size_t i = nWhole; isAscii && i < n; i++) {
    if (z[i] & 0x80) isAscii = 0;
  }
  if (s->isHashing) {
    s->hash = hash_end(a, z + nWhole, n);
    s->isHashed = 1;
  }
  s->nDropped = 0;                        /* the reader starts again at 0 */
  if (isAscii) return 0;
  if (utf8_valid(z, n)) return 0;
  long iLine = 1;
  for (const char *p = z, *e = z + n; p < e;) {
    const char *q = memchr(p, '\n', (size_t)(e - p));
    if (!q) q = e;
    if (!utf8_valid(p, (size_t)(q - p))) return iLine;
    p = q + 1;
    iLine++;
  }
  return 1;
}

/* The whole of fd into s (mapped when possible); 0 or -1 (errno). */
static int scan_read(Scan *s, int fd)
{
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
      s->zMap = p;
      s->nMap = (size_t)st.st_size;
      s->isMapped = 1;
      return 0;
    }
  }
  size_t nCap = 1 << 16;
  s->zMap = xmalloc(nCap);
  for (;;) {
    if (s->nMap == nCap) s->zMap = xrealloc(s->zMap, nCap *= 2);
    ssize_t k = read(fd, s->zMap + s->nMap, nCap - s->nMap);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) return -1;
    if (k == 0) return 0;
    s->nMap += (size_t)k;
  }
}

/* The separator of the header line: ',' when it holds one, else ';' or a
** tab, else ',' (as csv_sniff_sep). */
static char sniff_sep(const char *z, size_t n)
{
  const char *e = memchr(z, '\n', n);
  size_t k = e ? (size_t)(e - z) : n;
  if (memchr(z, ',', k)) return ',';
  if (memchr(z, ';', k)) return ';';
  if (memchr(z, '\t', k)) return '\t';
  return ',';
}

/* After the bytes are in s: BOM, UTF-8 check, separator.  s or NULL. */
static Scan *scan_start(Scan *s, char cSep, Err *err)
{
  s->z = s->zMap;
  s->n = s->nMap;
  if (s->n >= 3 && !memcmp(s->z, "\xEF\xBB\xBF", 3)) s->z += 3, s->n -= 3;
  long iBad = utf8_bad_line(s);
  if (iBad) {
    err_at(err, ERR_INPUT, s->zName, iBad, 0, NULL,
           "texte qui n'est pas de l'UTF-8");
    scan_close(s);
    return NULL;
  }
  s->cSep = cSep ? cSep : sniff_sep(s->z, s->n);
  s->iLine = 1;
  return s;
}

/* scan_open(), and when isHashing the file's scan_hash() computed in the
** pass that checks UTF-8 (scan_hash_data() then returns it). */
static Scan *scan_open_file(const char *zPath, char cSep, int isHashing,
                            Err *err)
{
  int fd = open(zPath, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    err_at(err, ERR_IO, zPath, 0, 0, NULL, "lecture impossible (%s)",
           strerror(errno));
    return NULL;
  }
  Scan *s = xcalloc(1, sizeof *s);
  s->zName = xstrdup(zPath);
  int rc = scan_read(s, fd);
  int e = errno;
  close(fd);
  if (rc) {
    err_at(err, ERR_IO, zPath, 0, 0, NULL, "lecture impossible (%s)",
           strerror(e));
    scan_close(s);
    return NULL;
  }
  s->isHashing = isHashing;
  return scan_start(s, cSep, err);
}

Scan *scan_open(const char *zPath, char cSep, Err *err)
{
  return scan_open_file(zPath, cSep, 0, err);
}

Scan *scan_open_hashed(const char *zPath, char cSep, Err *err)
{
  return scan_open_file(zPath, cSep, 1, err);
}

Scan *scan_open_mem(const char *zName, const char *z, size_t n, char cSep,
                    Err *err)
{
  Scan *s = xcalloc(1, sizeof *s);
  s->zName = xstrdup(zName);
  s->zMap = xmalloc(n ? n : 1);
  memcpy(s->zMap, z, n);
  s->nMap = n;
  return scan_start(s, cSep, err);
}

void scan_close(Scan *s)
{
  if (!s) return;
  if (s->isMapped) munmap(s->zMap, s->nMap);
  else free(s->zMap);
  for (int i = 0; i < s->nHeader; i++) free(s->azHeader[i]);
  free(s->azHeader);
  free(s->aCell);
  free(s->zName);
  free(s);
}

const char *scan_data(const Scan *s, size_t *pn)
{
  *pn = s->n;
  return s->z;
}

static void cell_push(Scan *s, const char *z, size_t n)
{
  if (s->nCell == s->nCellCap) {
    size_t nCap = (size_t)s->nCellCap;
    xgrow((void **)&s->aCell, &nCap, (size_t)s->nCell + 1, sizeof(ScanCell));
    s->nCellCap = (int)nCap;
  }
  s->aCell[s->nCell].z = z;
  s->aCell[s->nCell++].n = (int)n;
}

/* A row holding a quote, byte by byte from s->i: quoted cells are
** unescaped in place and may span lines. */
static int row_quoted(Scan *s, Err *err)
{
  char *z = s->z;
  size_t i = s->i, n = s->n;
  for (;;) {
    char *w = z + i, *zCell = w;
    int isQuoted = i < n && z[i] == '"';
    if (isQuoted) {
      for (i++;; i++) {
        if (i >= n) {
          return err_at(err, ERR_INPUT, s->zName, s->iRowLine,
                        s->nCell + 1, NULL,
                        "fichier tronqué : guillemet ouvert jamais refermé");
        }
        if (z[i] == '"') {
          if (i + 1 < n && z[i + 1] == '"') i++;
          else {
            i++;
            break;
          }
        } else if (z[i] == '\n') {
          s->iLine++;
        }
        *w++ = z[i];
      }
    }
    while (i < n && z[i] != s->cSep && z[i] != '\n') *w++ = z[i++];
    if (w > zCell && w[-1] == '\r' && (i >= n || z[i] == '\n')) w--;
    cell_push(s, zCell, (size_t)(w - zCell));
    if (i >= n || z[i] == '\n') {
      if (i < n) s->iLine++;
      s->i = i < n ? i + 1 : n;
      return SCAN_ROW;
    }
    i++;                                   /* the separator */
  }
}

int scan_next(Scan *s, Err *err)
{
  s->nCell = 0;
  scan_drop(s, s->i);
  for (;;) {                               /* blank lines */
    if (s->i >= s->n) return SCAN_END;
    if (s->z[s->i] == '\n') {
      s->i++;
      s->iLine++;
    } else if (s->z[s->i] == '\r' && s->i + 1 < s->n &&
               s->z[s->i + 1] == '\n') {
      s->i += 2;
      s->iLine++;
    } else {
      break;
    }
  }
  s->iRowLine = s->iLine;
  /* one pass over the bytes of the row, a word at a time (a matrix row
  ** is some 17 bytes: one pass beats several memchr calls) */
  const char *p = s->z + s->i, *e = s->z + s->n, *zCell = p;
  const char cSep = s->cSep;
  const uint64_t kOnes = 0x0101010101010101ULL;
  const uint64_t kSep = kOnes * (unsigned char)cSep, kNl = kOnes * '\n';
  const uint64_t kQuote = kOnes * '"';
  while (p < e) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at a time: skip those holding no separator, newline or
    ** quote; the lowest flagged byte is always a true one */
    if (e - p >= 8) {
      uint64_t w, m = 0;
      memcpy(&w, p, 8);
      for (int k = 0; k < 3; k++) {
        uint64_t t = w ^ (k == 0 ? kSep : k == 1 ? kNl : kQuote);
        m |= (t - kOnes) & ~t & 0x8080808080808080ULL;
      }
      if (!m) {
        p += 8;
        continue;
      }
      p += __builtin_ctzll(m) >> 3;
    }
#endif
    char c = *p;
    if (c == cSep) {
      cell_push(s, zCell, (size_t)(p - zCell));
      zCell = p + 1;
    } else if (c == '\n') {
      break;
    } else if (c == '"') {
      s->nCell = 0;
      return row_quoted(s, err);
    }
    p++;
  }
  const char *zEnd = p > zCell && p[-1] == '\r' ? p - 1 : p;
  cell_push(s, zCell, (size_t)(zEnd - zCell));
  if (p < e) s->iLine++;
  s->i = p < e ? (size_t)(p - s->z) + 1 : s->n;
  return SCAN_ROW;
}

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGH 0x8080808080808080ULL
/* High bit set in the bytes of w equal to the byte of kByte (a byte times
** SWAR_ONES); bytes above a true one may be flagged too, the lowest flagged
** byte is always a true one. */
static inline uint64_t swar_eq(uint64_t w, uint64_t kByte)
{
  uint64_t t = w ^ kByte;
  return (t - SWAR_ONES) & ~t & SWAR_HIGH;
}
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* A code cell at q ended by the separator (kSep: it times SWAR_ONES):
** its length 1..7 with its scan_key() in *pKey, or 0 when the cell is
** empty, longer, or holds a byte below '#' -- newline, CR, quote, NUL,
** and also blank, tab and '!', left to the general path: one comparison
** instead of five. */
static inline int fast_code(const char *q, uint64_t kSep, uint64_t *pKey)
{
  uint64_t w;
  memcpy(&w, q, 8);
  /* bytes below '#' (the lowest flagged byte is always a true one, as in
  ** swar_eq) */
  uint64_t low = (w - SWAR_ONES * '#') & ~w & SWAR_HIGH;
  uint64_t stop = swar_eq(w, kSep) | low;
  if (!stop) return 0;                         /* 8 bytes or more */
  int n = __builtin_ctzll(stop) >> 3;
  *pKey = (w & ((1ULL << (8 * n)) - 1)) | (uint64_t)n << 56;
  return n;
}

/* A short decimal at q of at most 9 digits: its length with the decimal
** in *pDec, or 0 (longer ones go to scan_dec(), which gives the same). */
static inline int fast_dec(const char *q, uint32_t *pDec)
{
  const char *q0 = q;
  uint32_t m = 0;
  int nDigit = 0, nDec = 0;
  for (; (unsigned)(*q - '0') < 10u && nDigit < 9; q++, nDigit++) {
    m = m * 10 + (uint32_t)(*q - '0');
  }
  if (*q == '.') {
    for (q++; (unsigned)(*q - '0') < 10u && nDigit < 9; q++, nDigit++) {
      m = m * 10 + (uint32_t)(*q - '0');
      nDec++;
    }
  }
  if (nDigit == 0 || (unsigned)(*q - '0') < 10u || m >= (1u << 28)) return 0;
  *pDec = m << 4 | (uint32_t)nDec;
  return (int)(q - q0);
}

/* The end of a row at q (LF or CRLF): the next row, or NULL. */
static inline const char *fast_eol(const char *q)
{
  if (*q == '\r') q++;
  return *q == '\n' ? q + 1 : NULL;
}
#endif

int scan_next_fast(Scan *s, int iA, int iB, int iV, uint64_t *aKeyA,
                   uint64_t *aKeyB, uint32_t *aDec, int nMax)
{
  int nRow = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const int nCol = s->nHeader;
  if (nCol < 3 || nCol > 6 || iA == iB || iA == iV || iB == iV || iA < 0 ||
      iB < 0 || iV < 0 || iA >= nCol || iB >= nCol || iV >= nCol) {
    return 0;
  }
  scan_drop(s, s->i);
  const char *p = s->z + s->i;
  const char *const e = s->z + s->n;
  const char cSep = s->cSep;
  const uint64_t kSep = SWAR_ONES * (unsigned char)cSep;
  /* a row read here takes at most 6 cells of 36 bytes: 256 bytes left
  ** mean no read past the end */
  if (nCol == 3 && iA == 0 && iB == 1) {
    /* origin, destination, minutes: the usual layout, straight */
    while (nRow < nMax && e - p >= 256) {
      const char *q = p;
      int n = fast_code(q, kSep, &aKeyA[nRow]);
      if (!n || q[n] != cSep) break;
      q += n + 1;
      n = fast_code(q, kSep, &aKeyB[nRow]);
      if (!n || q[n] != cSep) break;
      q += n + 1;
      if (!(n = fast_dec(q, &aDec[nRow])) || !(q = fast_eol(q + n))) break;
      p = q;
      nRow++;
    }
    goto done;
  }
  while (nRow < nMax && e - p >= 256) {
    const char *q = p;
    uint64_t keyA = 0, keyB = 0;
    uint32_t dec = 0;
    for (int c = 0; c < nCol; c++) {
      int n;
      if (c == iV) {
        if (!(n = fast_dec(q, &dec))) goto done;
      } else if (c == iA || c == iB) {
        if (!(n = fast_code(q, kSep, c == iA ? &keyA : &keyB))) goto done;
      } else {
        for (n = 0; q[n] != cSep && q[n] != '\n' && q[n] != '\r' &&
                    q[n] != '"' && n < 32;
             n++) {
        }
      }
      q += n;
      if (c + 1 < nCol) {
        if (*q++ != cSep) goto done;
      } else if (!(q = fast_eol(q))) {
        goto done;
      }
    }
    aKeyA[nRow] = keyA;
    aKeyB[nRow] = keyB;
    aDec[nRow++] = dec;
    p = q;
  }
done:
  if (nRow) {
    s->i = (size_t)(p - s->z);
    s->iLine += nRow;
    s->iRowLine = s->iLine - 1;
  }
#else
  (void)s, (void)iA, (void)iB, (void)iV, (void)aKeyA, (void)aKeyB,
      (void)aDec, (void)nMax;
#endif
  return nRow;
}

int scan_header(Scan *s, Err *err)
{
  int rc = scan_next(s, err);
  if (rc == SCAN_END) {
    return err_at(err, ERR_INPUT, s->zName, 1, 0, NULL,
                  "fichier vide : ligne d'en-tête absente");
  }
  if (rc < 0) return rc;
  s->nHeader = s->nCell;
  s->azHeader = xcalloc((size_t)s->nHeader, sizeof(char *));
  for (int i = 0; i < s->nHeader; i++) {
    s->azHeader[i] = xmalloc((size_t)s->aCell[i].n + 1);
    memcpy(s->azHeader[i], s->aCell[i].z, (size_t)s->aCell[i].n);
    s->azHeader[i][s->aCell[i].n] = 0;
  }
  return 0;
}

int scan_header_count(const Scan *s) { return s->nHeader; }

const char *scan_col_name(const Scan *s, int i)
{
  return i >= 0 && i < s->nHeader ? s->azHeader[i] : "";
}

int scan_col(const Scan *s, const char *zName)
{
  for (int i = 0; i < s->nHeader; i++) {
    if (!strcmp(s->azHeader[i], zName)) return i;
  }
  return -1;
}

ScanCell scan_cell(const Scan *s, int i)
{
  if (i >= 0 && i < s->nCell) return s->aCell[i];
  ScanCell c = {"", 0};
  return c;
}

const char *scan_cell_str(const Scan *s, int i, char *zBuf, size_t nBuf)
{
  ScanCell c = scan_cell(s, i);
  size_t k = (size_t)c.n < nBuf - 1 ? (size_t)c.n : nBuf - 1;
  memcpy(zBuf, c.z, k);
  zBuf[k] = 0;
  return zBuf;
}

long scan_line(const Scan *s) { return s->iRowLine; }

const char *scan_name(const Scan *s) { return s->zName; }

int scan_err_cell(const Scan *s, Err *err, int iCol, const char *zFmt, ...)
{
  char zMsg[400];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof zMsg, zFmt, ap);
  va_end(ap);
  return err_at(err, ERR_INPUT, s->zName, s->iRowLine, iCol + 1,
                scan_col_name(s, iCol), "%s", zMsg);
}
