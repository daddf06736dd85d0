/*
** base/csv.c: streaming CSV reader.
**
** The file is read in 64 KiB chunks; cells are unquoted into one buffer
** per row and addressed by offsets, so a row costs no allocation once the
** buffers have grown to the widest row.
*/
#include "base/csv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mem.h"
#include "base/str.h"

struct CsvReader {
  char *zName;              /* file name, for messages */
  FILE *in;                 /* NULL when reading memory */
  const char *zMem;         /* memory source */
  size_t nMem;
  char aBuf[65536];         /* read buffer */
  size_t iBuf, nBuf;        /* next byte, bytes in aBuf */
  size_t nOffset;           /* bytes consumed before aBuf */
  size_t nSize;             /* total size, 0 when unknown */
  char cSep;
  long iLine;               /* line of the next byte to read, 1-based */
  long iRowLine;            /* line where the current row started */
  Str row;                  /* unquoted cells, each NUL-terminated */
  size_t *aStart;           /* offset of each cell in row.z */
  size_t nCell, nCellCap;
  char **azHeader;          /* header names */
  int nHeader;
  int isBomChecked;
};

static CsvReader *csv_new(const char *zName, char cSep)
{
  CsvReader *r = xcalloc(1, sizeof *r);
  r->zName = xstrdup(zName);
  r->cSep = cSep;
  r->iLine = 1;
  return r;
}

CsvReader *csv_open(const char *zPath, char cSep, Err *err)
{
  FILE *in = fopen(zPath, "rb");
  if (!in) {
    err_at(err, ERR_IO, zPath, 0, 0, NULL, "fichier illisible");
    return NULL;
  }
  CsvReader *r = csv_new(zPath, cSep);
  struct stat st;
  if (fstat(fileno(in), &st) == 0) r->nSize = (size_t)st.st_size;
  r->in = in;
  return r;
}

CsvReader *csv_open_mem(const char *zName, const char *z, size_t n, char cSep)
{
  CsvReader *r = csv_new(zName, cSep);
  r->zMem = z;
  r->nMem = r->nSize = n;
  return r;
}

void csv_close(CsvReader *r)
{
  if (!r) return;
  if (r->in) fclose(r->in);
  for (int i = 0; i < r->nHeader; i++) free(r->azHeader[i]);
  free(r->azHeader);
  free(r->aStart);
  str_free(&r->row);
  free(r->zName);
  free(r);
}

/* Next byte, or -1 at the end of input. */
static int csv_getc(CsvReader *r)
{
  if (r->iBuf == r->nBuf) {
    r->nOffset += r->nBuf;
    r->iBuf = 0;
    if (r->in) {
      r->nBuf = fread(r->aBuf, 1, sizeof r->aBuf, r->in);
    } else {
      size_t nLeft = r->nMem - r->nOffset;
      r->nBuf = nLeft < sizeof r->aBuf ? nLeft : sizeof r->aBuf;
      memcpy(r->aBuf, r->zMem + r->nOffset, r->nBuf);
    }
    if (r->nBuf == 0) return -1;
  }
  return (unsigned char)r->aBuf[r->iBuf++];
}

static int csv_peekc(CsvReader *r)
{
  int c = csv_getc(r);
  if (c >= 0) r->iBuf--;
  return c;
}

static void csv_end_cell(CsvReader *r, size_t iStart)
{
  xgrow((void **)&r->aStart, &r->nCellCap, r->nCell + 1, sizeof(size_t));
  r->aStart[r->nCell++] = iStart;
  str_appendc(&r->row, 0);
}

int csv_next_row(CsvReader *r, Err *err)
{
  str_reset(&r->row);
  r->nCell = 0;
  if (!r->isBomChecked) {
    r->isBomChecked = 1;
    if (csv_peekc(r) == 0xEF) {
      int a = csv_getc(r), b = csv_getc(r), c = csv_getc(r);
      if (a != 0xEF || b != 0xBB || c != 0xBF) {
        return err_at(err, ERR_INPUT, r->zName, 1, 1, NULL,
                      "octets invalides en début de fichier");
      }
    }
  }
  int c = csv_getc(r);
  if (c < 0) return CSV_END;
  r->iRowLine = r->iLine;
  size_t iCell = 0;
  int isQuoted = 0, wasQuoted = 0;
  for (;; c = csv_getc(r)) {
    if (isQuoted) {
      if (c < 0) {
        return err_at(err, ERR_INPUT, r->zName, r->iRowLine,
                      (int)r->nCell + 1, NULL,
                      "fichier tronqué : guillemet ouvert jamais refermé");
      }
      if (c == '"') {
        if (csv_peekc(r) == '"') {
          csv_getc(r);
          str_appendc(&r->row, '"');
        } else {
          isQuoted = 0;
        }
        continue;
      }
      if (c == '\n') r->iLine++;
      str_appendc(&r->row, (char)c);
      continue;
    }
    if (c < 0 || c == '\n' || (c == '\r' && csv_peekc(r) == '\n')) {
      if (c == '\r') csv_getc(r);
      if (c >= 0) r->iLine++;
      csv_end_cell(r, iCell);
      break;
    }
    if (c == r->cSep) {
      csv_end_cell(r, iCell);
      iCell = r->row.n;
      wasQuoted = 0;
      continue;
    }
    if (c == '"' && r->row.n == iCell && !wasQuoted) {
      isQuoted = wasQuoted = 1;
      continue;
    }
    str_appendc(&r->row, (char)c);
  }
  if (!utf8_valid(r->row.z, r->row.n)) {
    for (size_t i = 0; i < r->nCell; i++) {
      const char *z = r->row.z + r->aStart[i];
      if (!utf8_valid(z, strlen(z))) {
        return csv_err_cell(r, err, (int)i, "texte qui n'est pas de l'UTF-8");
      }
    }
  }
  return CSV_ROW;
}

int csv_read_header(CsvReader *r, Err *err)
{
  int rc = csv_next_row(r, err);
  if (rc == CSV_END) {
    return err_at(err, ERR_INPUT, r->zName, 1, 0, NULL,
                  "fichier vide : ligne d'en-tête absente");
  }
  if (rc < 0) return rc;
  r->nHeader = (int)r->nCell;
  r->azHeader = xcalloc((size_t)r->nHeader, sizeof(char *));
  for (int i = 0; i < r->nHeader; i++) r->azHeader[i] = xstrdup(csv_cell(r, i));
  return 0;
}

int csv_col(const CsvReader *r, const char *zName)
{
  for (int i = 0; i < r->nHeader; i++) {
    if (strcmp(r->azHeader[i], zName) == 0) return i;
  }
  return -1;
}

const char *csv_col_name(const CsvReader *r, int i)
{
  return i >= 0 && i < r->nHeader ? r->azHeader[i] : "";
}

int csv_header_count(const CsvReader *r)
{
  return r->nHeader;
}

int csv_ncell(const CsvReader *r)
{
  return (int)r->nCell;
}

const char *csv_cell(const CsvReader *r, int i)
{
  if (i < 0 || (size_t)i >= r->nCell) return "";
  return r->row.z + r->aStart[i];
}

long csv_line(const CsvReader *r)
{
  return r->iRowLine;
}

const char *csv_name(const CsvReader *r)
{
  return r->zName;
}

size_t csv_offset(const CsvReader *r)
{
  return r->nOffset + r->iBuf;
}

size_t csv_size(const CsvReader *r)
{
  return r->nSize;
}

int csv_err_cell(const CsvReader *r, Err *err, int iCol, const char *zFmt, ...)
{
  char zMsg[400];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof zMsg, zFmt, ap);
  va_end(ap);
  return err_at(err, ERR_INPUT, r->zName, r->iRowLine, iCol + 1,
                csv_col_name(r, iCol), "%s", zMsg);
}

char csv_sniff_sep(const char *zPath)
{
  char zLine[4096];
  FILE *in = fopen(zPath, "rb");
  if (!in) return ',';
  size_t n = fread(zLine, 1, sizeof zLine - 1, in);
  fclose(in);
  zLine[n] = 0;
  char *zEnd = strchr(zLine, '\n');
  if (zEnd) *zEnd = 0;
  if (strchr(zLine, ',')) return ',';
  if (strchr(zLine, ';')) return ';';
  if (strchr(zLine, '\t')) return '\t';
  return ',';
}
