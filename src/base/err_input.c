/*
** base/err_input.c: an input refused, with its field (see err_input.h).
*/
#include "base/err_input.h"

#include <stdarg.h>
#include <stdio.h>

int err_input(Err *err, const char *zField, const char *zFmt, ...)
{
  if (!err) return ERR_INPUT;
  if (!err->code) {
    va_list ap;
    va_start(ap, zFmt);
    err->code = ERR_INPUT;
    vsnprintf(err->zMsg, sizeof err->zMsg, zFmt, ap);
    va_end(ap);
  }
  err_field(err, zField);
  return ERR_INPUT;
}
