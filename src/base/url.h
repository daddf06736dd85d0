/*
** base/url.h: building query strings (links between modules, e.g. to the
** guichet unique's prefilled request form).
*/
#ifndef OASIS_BASE_URL_H
#define OASIS_BASE_URL_H
#include "base/str.h"

/* Append "&name=value" ("?" instead of "&" when s holds no '?' yet) with
** value percent-encoded (UTF-8 bytes kept as %XX; unreserved characters
** A-Z a-z 0-9 - . _ ~ as is).  Nothing when zValue is NULL or "". */
void url_add_param(Str *s, const char *zName, const char *zValue);

#endif
