/*
** base/url.c: query strings (see url.h).
*/
#include <string.h>

#include "base/url.h"

void url_add_param(Str *s, const char *zName, const char *zValue)
{
  static const char azHex[] = "0123456789ABCDEF";
  if (!zValue || !zValue[0]) return;
  const char *zSoFar = str_text(s);
  str_appendc(s, zSoFar && strchr(zSoFar, '?') ? '&' : '?');
  str_appendz(s, zName);
  str_appendc(s, '=');
  for (const unsigned char *z = (const unsigned char *)zValue; *z; z++) {
    int isPlain = (*z >= 'A' && *z <= 'Z') || (*z >= 'a' && *z <= 'z') ||
                  (*z >= '0' && *z <= '9') || strchr("-._~", *z);
    if (isPlain) {
      str_appendc(s, (char)*z);
    } else {
      str_appendc(s, '%');
      str_appendc(s, azHex[*z >> 4]);
      str_appendc(s, azHex[*z & 15]);
    }
  }
}
