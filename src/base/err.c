/*
** base/err.c: the sticky error record.
*/
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void err_vset(Err *err, int code, const char *zFmt, va_list ap)
{
  err->code = code;
  vsnprintf(err->zMsg, sizeof err->zMsg, zFmt, ap);
}

int err_set(Err *err, int code, const char *zFmt, ...)
{
  if (!err || err->code) return code;
  va_list ap;
  va_start(ap, zFmt);
  err_vset(err, code, zFmt, ap);
  va_end(ap);
  return code;
}

int err_at(Err *err, int code, const char *zFile, long iLine, int iCol,
           const char *zColName, const char *zFmt, ...)
{
  if (!err || err->code) return code;
  va_list ap;
  va_start(ap, zFmt);
  err_vset(err, code, zFmt, ap);
  va_end(ap);
  snprintf(err->zFile, sizeof err->zFile, "%s", zFile ? zFile : "");
  snprintf(err->zColName, sizeof err->zColName, "%s", zColName ? zColName : "");
  err->iLine = iLine;
  err->iCol = iCol;
  return code;
}

void err_field(Err *err, const char *zField)
{
  if (err) snprintf(err->zField, sizeof err->zField, "%s", zField);
}

void err_clear(Err *err)
{
  memset(err, 0, sizeof *err);
}

const char *err_text(const Err *err, char *zBuf, int nBuf)
{
  int n = 0;
  zBuf[0] = 0;
  if (err->zFile[0]) {
    n += snprintf(zBuf + n, nBuf - n, "%s", err->zFile);
    if (err->iLine && n < nBuf)
      n += snprintf(zBuf + n, nBuf - n, ", ligne %ld", err->iLine);
    if (err->iCol && n < nBuf)
      n += snprintf(zBuf + n, nBuf - n, ", colonne %d", err->iCol);
    if (err->zColName[0] && n < nBuf)
      n += snprintf(zBuf + n, nBuf - n, " (%s)", err->zColName);
    if (n < nBuf) n += snprintf(zBuf + n, nBuf - n, " : ");
  }
  if (n < nBuf) snprintf(zBuf + n, nBuf - n, "%s", err->zMsg);
  return zBuf;
}
