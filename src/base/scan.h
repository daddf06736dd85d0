/*
** base/scan.h: the fast reader of delimited files (matrices and tables of
** `oasis apl`) and an exact decimal number scanner.
**
** The file is mapped (or read once into one buffer when it cannot be
** mapped: a pipe); rows are split in place, cells are (pointer, length)
** slices of that buffer, valid until scan_close(): nothing is allocated
** per row or per field.  RFC 4180 quotes are understood (a quoted cell is
** unescaped in place, in the private copy-on-write mapping), a UTF-8 BOM is
** skipped, the whole file is checked to be UTF-8 once, CRLF ends a line as
** LF does, blank lines are skipped.  Errors name file, line and column as
** base/csv.h does; this reader does not replace csv.c, whose other users
** keep it.
*/
#ifndef OASIS_BASE_SCAN_H
#define OASIS_BASE_SCAN_H
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum { SCAN_END = 0, SCAN_ROW = 1 };

/* One cell: n bytes at z, not NUL-terminated. */
typedef struct ScanCell ScanCell;
struct ScanCell {
  const char *z;
  int n;
};

typedef struct Scan Scan;

/* Open zPath with separator cSep (0: guessed from the header line as
** csv_sniff_sep does); NULL with err set when it cannot be read or is not
** UTF-8. */
Scan *scan_open(const char *zPath, char cSep, Err *err);
/* The same, hashing the file (scan_hash) in the pass that checks it is
** UTF-8, so that scan_hash_data() reads nothing more. */
Scan *scan_open_hashed(const char *zPath, char cSep, Err *err);
/* The same on a copy of z[0..n-1] (tests, fuzzing). */
Scan *scan_open_mem(const char *zName, const char *z, size_t n, char cSep,
                    Err *err);
void scan_close(Scan *s);
/* The whole file as read (after the BOM), its size: for hashing. */
const char *scan_data(const Scan *s, size_t *pn);

/* Read the header row (ERR_INPUT when the file is empty). */
int scan_header(Scan *s, Err *err);
int scan_header_count(const Scan *s);
const char *scan_col_name(const Scan *s, int i);   /* "" out of range */
int scan_col(const Scan *s, const char *zName);      /* exact, or -1 */

/* Next row: SCAN_ROW, SCAN_END, or a negative ERR_* (err filled). */
int scan_next(Scan *s, Err *err);
/* Cell i of the current row; an empty cell when the row is shorter. */
ScanCell scan_cell(const Scan *s, int i);
/* Cell i copied NUL-terminated into zBuf[nBuf] (cut if longer). */
const char *scan_cell_str(const Scan *s, int i, char *zBuf, size_t nBuf);
long scan_line(const Scan *s);                       /* of the current row */
const char *scan_name(const Scan *s);
/* Report a bad cell of the current row (file, line, column, header
** name); returns ERR_INPUT. */
int scan_err_cell(const Scan *s, Err *err, int iCol, const char *zFmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
** The number in z[0..n-1] (blanks around allowed) into *pV: 0, or -1 when
** it is not one (as str_to_double: whole text, no NaN, no overflow).
** Exact: the correctly rounded double, as strtod gives.  Decimals of up to
** 19 significant digits and a power of ten within 10^±22 take the fast
** path (one exact integer and one IEEE operation, correctly rounded);
** anything else goes to strtod.
*/
int scan_double(const char *z, size_t n, double *pV);

/* ---- the fast path of matrix rows ------------------------------------ */
/*
** A travel-time matrix is millions of rows shaped like `01001,01002,12.3`.
** scan_next_fast() reads such rows without the general path: each code
** becomes a 64-bit key, the minutes a short decimal, and nothing else is
** done per row.  Any row it does not recognise is left to scan_next(), the
** exact general path, so both read every file alike (tested, fuzzed).
*/

/* A code of 1..7 bytes (no NUL) packed in 64 bits: its bytes, then its
** length in the top byte; 0 for an empty, longer or NUL-holding code.
** Two such codes are equal exactly when their keys are. */
uint64_t scan_key(const char *z, size_t n);

/*
** A short decimal in 32 bits: the digits as an integer m < 2^28 in the
** high 28 bits, the number of decimals d (0..14) in the low 4; the value
** is m / 10^d.  m and 10^d are exact doubles, so that one IEEE division is
** correctly rounded: the value is bit for bit the double scan_double()
** (and strtod) read from the text.  A low nibble of SCAN_DEC_NONE is never
** a short decimal (callers use it to point elsewhere).
*/
#define SCAN_DEC_NONE 15u
extern const double scan_aPow10[23];
static inline double scan_dec_value(uint32_t c)
{
  return (double)(c >> 4) / scan_aPow10[c & 15];
}
/* z[0..n-1] as a short decimal: digits with at most one '.', at least one
** digit, no sign, no blank, no exponent, within the limits above.  0 with
** *pCode set, or -1 (then read it with scan_double). */
int scan_dec(const char *z, size_t n, uint32_t *pCode);

/*
** Up to nMax rows from the current position, each of exactly
** scan_header_count(s) cells (at most 6), unquoted, ended by LF or CRLF,
** with codes of 1..7 bytes in cells iA and iB (keys into aKeyA, aKeyB) and
** a short decimal in cell iV (into aDec).  Returns the number of rows
** read (the reader moves past them, lines counted); it stops before the
** first row of another shape, and in the last 256 bytes of the file:
** read that row with scan_next(), then call again.
*/
int scan_next_fast(Scan *s, int iA, int iB, int iV, uint64_t *aKeyA,
                   uint64_t *aKeyB, uint32_t *aDec, int nMax);

/* ---- writing numbers back ---------------------------------------------- */
/*
** What printf writes, without printf for the common cases (a table of
** results is hundreds of thousands of numbers).  Both write into z (at
** least SCAN_FMT_MAX bytes: "%.9f" of the largest double) and return the
** length; the digits are exact (the
** binary value rounded half to even, as glibc does), and any case not done
** here goes to snprintf, so the text is always printf's (tested).
*/
#define SCAN_FMT_MAX 336
/* The shortest of "%.15g", "%.16g", "%.17g" that reads back as v. */
int scan_fmt_shortest(double v, char *z);
/* "%.*f" with nDec decimals (0..9). */
int scan_fmt_fixed(double v, int nDec, char *z);

/* A 64-bit hash of n bytes (not cryptographic: a cache key). */
uint64_t scan_hash(const char *z, size_t n);
/* scan_hash() of the whole file, read in chunks (the pages behind are
** given back); call before the first row. */
uint64_t scan_hash_data(Scan *s);

#endif
