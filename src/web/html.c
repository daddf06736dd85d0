/*
** web/html.c: the one formatter every page writes through.
**
** A printf whose conversions say how each value is escaped: %h for HTML
** text and attributes, %u for a URL component, %j for a JSON string
** literal that is safe inside <script type="application/json">, %F for a
** number written the French way ("12 345,6").  %s copies trusted markup as
** is; tools/fmtcheck makes sure every %s argument is a literal or marked
** trusted.  There is no width, flag or '*' support: pages do not need them,
** and a smaller grammar is easier for the checker to verify.
**
** This file does not know the page layout (layout.c) nor how the body is
** sent (server.c): html_printf() only appends to req_body().
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "web/web.h"

/* U+202F NARROW NO-BREAK SPACE: the French thousands separator, which
** also keeps "12 345" on one line. */
#define HTML_THIN_SPACE "\xE2\x80\xAF"

/* Append z HTML-escaped: safe in text and in double- or single-quoted
** attribute values.  NULL prints nothing. */
static void html_escape(Str *out, const char *z)
{
  const char *zRun = z;
  if (!z) return;
  for (; *z; z++) {
    const char *zRep;
    switch (*z) {
      case '&': zRep = "&amp;"; break;
      case '<': zRep = "&lt;"; break;
      case '>': zRep = "&gt;"; break;
      case '"': zRep = "&quot;"; break;
      case '\'': zRep = "&#39;"; break;
      default: continue;
    }
    str_append(out, zRun, (size_t)(z - zRun));
    str_appendz(out, zRep);
    zRun = z + 1;
  }
  str_append(out, zRun, (size_t)(z - zRun));
}

/* Append z percent-encoded as one URL component (path segment or query
** value): everything but RFC 3986 unreserved characters is encoded, so
** '/', '?', '&', '=' and '#' can never change the URL's structure. */
static void html_urlencode(Str *out, const char *z)
{
  static const char aHex[] = "0123456789ABCDEF";
  if (!z) return;
  for (; *z; z++) {
    unsigned char c = (unsigned char)*z;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      str_appendc(out, (char)c);
    } else {
      str_appendc(out, '%');
      str_appendc(out, aHex[c >> 4]);
      str_appendc(out, aHex[c & 15]);
    }
  }
}

/* Append z as a JSON string literal, quotes included; NULL gives null.
** '<', '>' and '&' become \u escapes so that neither "</script>" nor
** "<!--" can end or confuse the enclosing script element, and U+2028/9
** are escaped for old JavaScript parsers. */
static void html_json(Str *out, const char *z)
{
  if (!z) {
    str_appendz(out, "null");
    return;
  }
  str_appendc(out, '"');
  for (; *z; z++) {
    unsigned char c = (unsigned char)*z;
    switch (c) {
      case '"': str_appendz(out, "\\\""); continue;
      case '\\': str_appendz(out, "\\\\"); continue;
      case '\n': str_appendz(out, "\\n"); continue;
      case '\r': str_appendz(out, "\\r"); continue;
      case '\t': str_appendz(out, "\\t"); continue;
      case '<': str_appendz(out, "\\u003c"); continue;
      case '>': str_appendz(out, "\\u003e"); continue;
      case '&': str_appendz(out, "\\u0026"); continue;
      default: break;
    }
    if (c < 0x20) {
      str_appendf(out, "\\u%04x", c);
    } else if (c == 0xE2 && (unsigned char)z[1] == 0x80 &&
               ((unsigned char)z[2] == 0xA8 || (unsigned char)z[2] == 0xA9)) {
      str_appendz(out, (unsigned char)z[2] == 0xA8 ? "\\u2028" : "\\u2029");
      z += 2;
    } else {
      str_appendc(out, (char)c);
    }
  }
  str_appendc(out, '"');
}

/*
** Append x the French way with nDec decimals: decimal comma, groups of
** three digits separated by a narrow no-break space ("1 234 567,89").
** NaN and infinities print "n.d." (non disponible) rather than garbage.
*/
static void html_french_number(Str *out, double x, int nDec)
{
  char zBuf[64];
  char *zDot;
  size_t nInt, i;
  const char *zDigits = zBuf;

  if (!isfinite(x)) {
    str_appendz(out, "n.d.");
    return;
  }
  if (nDec < 0) nDec = 0;
  if (nDec > 15) nDec = 15;
  snprintf(zBuf, sizeof zBuf, "%.*f", nDec, x);
  if (zBuf[0] == '-') {
    /* "-0,0" is not a number anyone wants to read */
    if (strspn(zBuf + 1, "0.") == strlen(zBuf + 1)) {
      zDigits++;
    } else {
      str_appendc(out, '-');
      zDigits++;
    }
  }
  zDot = strchr(zDigits, '.');
  nInt = zDot ? (size_t)(zDot - zDigits) : strlen(zDigits);
  for (i = 0; i < nInt; i++) {
    if (i > 0 && (nInt - i) % 3 == 0) str_appendz(out, HTML_THIN_SPACE);
    str_appendc(out, zDigits[i]);
  }
  if (zDot) {
    str_appendc(out, ',');
    str_appendz(out, zDot + 1);
  }
}

/*
** The formatter behind every html_*printf.  Grammar of a conversion:
** '%' ['.' digits] ('l' | 'll' | 'z')? letter.  An unknown conversion is a
** programming error that fmtcheck reports; at run time it asserts in debug
** builds and prints "%?" in release builds, never reading an argument it
** cannot type.
*/
void html_vstrf(Str *out, const char *zFmt, va_list ap)
{
  const char *z = zFmt;
  assert(zFmt);
  while (*z) {
    const char *zPct = strchr(z, '%');
    int nPrec = -1;
    if (!zPct) {
      str_appendz(out, z);
      break;
    }
    str_append(out, z, (size_t)(zPct - z));
    z = zPct + 1;
    if (*z == '.') {
      nPrec = 0;
      for (z++; *z >= '0' && *z <= '9'; z++) nPrec = nPrec * 10 + (*z - '0');
    }
    switch (*z) {
      case '%': str_appendc(out, '%'); break;
      case 'h': html_escape(out, va_arg(ap, const char *)); break;
      case 'u': html_urlencode(out, va_arg(ap, const char *)); break;
      case 'j': html_json(out, va_arg(ap, const char *)); break;
      case 's': {
        const char *zArg = va_arg(ap, const char *);
        if (zArg) str_appendz(out, zArg);
        break;
      }
      case 'd': str_appendf(out, "%d", va_arg(ap, int)); break;
      case 'f':
        str_appendf(out, "%.*f", nPrec < 0 ? 6 : nPrec, va_arg(ap, double));
        break;
      case 'F':
        html_french_number(out, va_arg(ap, double), nPrec < 0 ? 1 : nPrec);
        break;
      case 'l':
        if (z[1] == 'd') {
          z++;
          str_appendf(out, "%ld", va_arg(ap, long));
          break;
        }
        if (z[1] == 'l' && z[2] == 'd') {
          z += 2;
          str_appendf(out, "%lld", va_arg(ap, long long));
          break;
        }
        goto unknown;
      case 'z':
        if (z[1] == 'u') {
          z++;
          str_appendf(out, "%zu", va_arg(ap, size_t));
          break;
        }
        goto unknown;
      default:
      unknown:
        assert(!"html format: unknown conversion (run make fmtcheck)");
        str_appendz(out, "%?");
        if (!*z) return;
        break;
    }
    z++;
  }
}

void html_strf(Str *out, const char *zFmt, ...)
{
  va_list ap;
  va_start(ap, zFmt);
  html_vstrf(out, zFmt, ap);
  va_end(ap);
}

void html_vprintf(Req *req, const char *zFmt, va_list ap)
{
  html_vstrf(req_body(req), zFmt, ap);
}

void html_printf(Req *req, const char *zFmt, ...)
{
  va_list ap;
  va_start(ap, zFmt);
  html_vstrf(req_body(req), zFmt, ap);
  va_end(ap);
}

/* New string from the request arena: no free, it dies with the request. */
char *html_mprintf(Req *req, const char *zFmt, ...)
{
  Str s = STR_INIT;
  char *zOut;
  va_list ap;
  va_start(ap, zFmt);
  html_vstrf(&s, zFmt, ap);
  va_end(ap);
  zOut = arena_strndup(req_arena(req), str_text(&s), s.n);
  str_free(&s);
  return zOut;
}
