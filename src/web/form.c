/*
** web/form.c: parse request bodies into fields (urlencoded and multipart).
**
** Pure: bytes in, fields out, all memory from the caller's arena.  Every
** name and value is checked to be valid UTF-8 without NUL bytes, so a
** handler never sees malformed text.  Size limits on the whole body are
** applied earlier (req.c); here we cap the number of fields.
*/
#include <string.h>
#include <strings.h>

#include "base/mem.h"
#include "web/internal.h"

static int form_hex(char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/*
** Decode z[0..n-1]: "+" is a space, "%XX" a byte.  A "%" not followed by
** two hex digits is malformed (-1): we refuse rather than guess.
*/
int form_decode(Arena *arena, const char *z, size_t n, char **pzOut,
                size_t *pnOut)
{
  char *zOut = arena_alloc(arena, n + 1);
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    if (z[i] == '+') {
      zOut[j++] = ' ';
    } else if (z[i] == '%') {
      int hi = i + 1 < n ? form_hex(z[i + 1]) : -1;
      int lo = i + 2 < n ? form_hex(z[i + 2]) : -1;
      if (hi < 0 || lo < 0) return -1;
      zOut[j++] = (char)(hi * 16 + lo);
      i += 2;
    } else {
      zOut[j++] = z[i];
    }
  }
  zOut[j] = 0;
  *pzOut = zOut;
  *pnOut = j;
  return 0;
}

void form_add(Arena *arena, Form *f, const char *zName, const char *zValue)
{
  if (f->nField == f->nFieldCap) {
    int nNew = f->nFieldCap ? f->nFieldCap * 2 : 16;
    Field *a = arena_alloc(arena, nNew * sizeof(Field));
    if (f->nField) memcpy(a, f->aField, f->nField * sizeof(Field));
    f->aField = a;
    f->nFieldCap = nNew;
  }
  f->aField[f->nField].zName = zName;
  f->aField[f->nField].zValue = zValue;
  f->nField++;
}

const char *form_get(const Form *f, const char *zName)
{
  for (int i = 0; i < f->nField; i++) {
    if (strcmp(f->aField[i].zName, zName) == 0) return f->aField[i].zValue;
  }
  return NULL;
}

/* Text is acceptable: valid UTF-8 and no NUL byte inside. */
static bool form_text_ok(const char *z, size_t n)
{
  return memchr(z, 0, n) == NULL && utf8_valid(z, n);
}

int form_parse_urlencoded(Arena *arena, const char *z, size_t n, Form *f,
                          Err *err)
{
  size_t i = 0;
  while (i < n) {
    size_t iEnd = i;
    while (iEnd < n && z[iEnd] != '&') iEnd++;
    if (iEnd > i) {
      const char *zEq = memchr(z + i, '=', iEnd - i);
      size_t nName = zEq ? (size_t)(zEq - (z + i)) : iEnd - i;
      char *zName, *zValue;
      size_t nN, nV;
      if (form_decode(arena, z + i, nName, &zName, &nN) ||
          !form_text_ok(zName, nN)) {
        return err_set(err, ERR_INPUT, "nom de champ mal encodé");
      }
      if (zEq) {
        if (form_decode(arena, zEq + 1, iEnd - i - nName - 1, &zValue,
                        &nV) ||
            !form_text_ok(zValue, nV)) {
          err_set(err, ERR_INPUT,
                  "le champ « %.40s » n'est pas du texte UTF-8 valide",
                  utf8_valid(zName, nN) ? zName : "?");
          err_field(err, zName);
          return ERR_INPUT;
        }
      } else {
        zValue = arena_strdup(arena, "");
      }
      if (f->nField >= WEB_MAX_FIELDS) {
        return err_set(err, ERR_INPUT, "formulaire trop long (%d champs "
                       "au plus)", WEB_MAX_FIELDS);
      }
      form_add(arena, f, zName, zValue);
    }
    i = iEnd + 1;
  }
  return 0;
}

/* Find needle[0..nNeedle-1] in z[0..n-1]; NULL when absent. */
static const char *form_memmem(const char *z, size_t n, const char *zNeedle,
                               size_t nNeedle)
{
  return memmem(z, n, zNeedle, nNeedle);
}

/*
** Value of parameter zParam (e.g. "boundary", "name") in a header value
** like `form-data; name="x"; filename="a.pdf"`, copied into the arena, or
** NULL.  Quoted values may hold ';'.
*/
static char *form_header_param(Arena *arena, const char *z, size_t n,
                               const char *zParam)
{
  size_t nParam = strlen(zParam);
  size_t i = 0;
  while (i < n) {
    while (i < n && z[i] != ';') {
      if (z[i] == '"') {      /* skip a quoted string */
        i++;
        while (i < n && z[i] != '"') i++;
      }
      i++;
    }
    if (i >= n) break;
    i++;
    while (i < n && (z[i] == ' ' || z[i] == '\t')) i++;
    if (i + nParam < n && strncasecmp(z + i, zParam, nParam) == 0 &&
        z[i + nParam] == '=') {
      i += nParam + 1;
      size_t iStart, iEnd;
      if (i < n && z[i] == '"') {
        iStart = ++i;
        while (i < n && z[i] != '"') i++;
        iEnd = i;
      } else {
        iStart = i;
        while (i < n && z[i] != ';' && z[i] != ' ') i++;
        iEnd = i;
      }
      return arena_strndup(arena, z + iStart, iEnd - iStart);
    }
  }
  return NULL;
}

/*
** multipart/form-data (RFC 7578): parts between "--boundary" lines, each
** with headers, a blank line, then bytes up to "\r\n--boundary".  Parts
** with a filename become ReqFiles (bytes kept as sent); the others become
** fields and must be text.
*/
int form_parse_multipart(Arena *arena, const char *zContentType,
                         const char *z, size_t n, Form *f, Err *err)
{
  char *zBoundary = form_header_param(arena, zContentType,
                                      strlen(zContentType), "boundary");
  if (!zBoundary || !zBoundary[0] || strlen(zBoundary) > 70) {
    return err_set(err, ERR_INPUT, "formulaire multipart sans délimiteur");
  }
  char *zDelim = arena_printf(arena, "\r\n--%s", zBoundary);
  size_t nDelim = strlen(zDelim);
  /* The body starts with the delimiter without its leading CRLF. */
  if (n < nDelim - 2 || memcmp(z, zDelim + 2, nDelim - 2) != 0) {
    return err_set(err, ERR_INPUT, "formulaire multipart mal formé");
  }
  size_t i = nDelim - 2;
  for (;;) {
    if (i + 2 <= n && z[i] == '-' && z[i + 1] == '-') return 0;  /* end */
    if (i + 2 > n || z[i] != '\r' || z[i + 1] != '\n') break;
    i += 2;
    const char *zHeadEnd = form_memmem(z + i, n - i, "\r\n\r\n", 4);
    if (!zHeadEnd) break;
    size_t iHeadEnd = (size_t)(zHeadEnd - z);
    char *zName = NULL, *zFile = NULL, *zType = NULL;
    /* Headers of the part, one per line. */
    while (i < iHeadEnd) {
      const char *zEol = form_memmem(z + i, iHeadEnd + 2 - i, "\r\n", 2);
      size_t iEol = zEol ? (size_t)(zEol - z) : iHeadEnd;
      size_t nLine = iEol - i;
      static const char zCd[] = "Content-Disposition:";
      static const char zCt[] = "Content-Type:";
      if (nLine > sizeof zCd - 1 &&
          strncasecmp(z + i, zCd, sizeof zCd - 1) == 0) {
        zName = form_header_param(arena, z + i, nLine, "name");
        zFile = form_header_param(arena, z + i, nLine, "filename");
      } else if (nLine > sizeof zCt - 1 &&
                 strncasecmp(z + i, zCt, sizeof zCt - 1) == 0) {
        size_t k = i + sizeof zCt - 1;
        while (k < iEol && z[k] == ' ') k++;
        zType = arena_strndup(arena, z + k, iEol - k);
      }
      i = iEol + 2;
    }
    i = iHeadEnd + 4;
    const char *zEnd = form_memmem(z + i, n - i, zDelim, nDelim);
    if (!zEnd) break;
    size_t nData = (size_t)(zEnd - (z + i));
    if (!zName || !form_text_ok(zName, strlen(zName))) {
      return err_set(err, ERR_INPUT, "partie de formulaire sans nom valide");
    }
    if (f->nField + f->nFile >= WEB_MAX_FIELDS) {
      return err_set(err, ERR_INPUT, "formulaire trop long (%d champs "
                     "au plus)", WEB_MAX_FIELDS);
    }
    if (zFile) {
      if (!form_text_ok(zFile, strlen(zFile)) ||
          (zType && !utf8_valid(zType, strlen(zType)))) {
        err_set(err, ERR_INPUT, "nom de fichier mal encodé");
        err_field(err, zName);
        return ERR_INPUT;
      }
      if (f->nFile == f->nFileCap) {
        int nNew = f->nFileCap ? f->nFileCap * 2 : 4;
        ReqFile *a = arena_alloc(arena, nNew * sizeof(ReqFile));
        const char **az = arena_alloc(arena, nNew * sizeof(char *));
        if (f->nFile) {
          memcpy(a, f->aFile, f->nFile * sizeof(ReqFile));
          memcpy(az, f->azFileField, f->nFile * sizeof(char *));
        }
        f->aFile = a;
        f->azFileField = az;
        f->nFileCap = nNew;
      }
      unsigned char *aData = arena_alloc(arena, nData + 1);
      memcpy(aData, z + i, nData);
      f->aFile[f->nFile].zName = zFile;
      f->aFile[f->nFile].zType = zType ? zType : "application/octet-stream";
      f->aFile[f->nFile].aData = aData;
      f->aFile[f->nFile].nData = nData;
      f->azFileField[f->nFile] = zName;
      f->nFile++;
    } else {
      if (!form_text_ok(z + i, nData)) {
        err_set(err, ERR_INPUT,
                "le champ « %.40s » n'est pas du texte UTF-8 valide", zName);
        err_field(err, zName);
        return ERR_INPUT;
      }
      form_add(arena, f, zName, arena_strndup(arena, z + i, nData));
    }
    i += nData + nDelim;
  }
  return err_set(err, ERR_INPUT, "formulaire multipart tronqué ou mal formé");
}
