/*
** tools/fmtcheck.c: checks every html_printf/html_mprintf/html_strf call.
**
**   build/tools/fmtcheck FILE.c...
**
** Our escaping conversions (%h %u %j %F) are invisible to gcc's -Wformat,
** so this checker takes its place, in the spirit of Fossil's codecheck1.
** For each call it verifies that:
**   - the format is a string literal (adjacent literals allowed);
**   - every conversion is one html.c knows;
**   - the number of arguments matches the number of conversions;
**   - every %s argument is a string literal or carries a trusted marker
**     comment, the author's promise that it is markup we built.
** Each violation prints "file:line: message"; the exit status is 1 when
** there is any, 2 when a file cannot be read.
**
** It is a lexer, not a C parser: comments, strings, character constants
** and preprocessor lines are recognised; declarations and definitions of
** the checked functions (a type name or '*' right before the name) are
** skipped.  Macros that expand to a call are not seen.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TK_IDENT, TK_STRING, TK_PUNCT, TK_TRUSTED, TK_OTHER };

typedef struct Token Token;
struct Token {
  int type;
  int line;
  const char *z;   /* start in the source */
  size_t n;        /* length in the source */
};

typedef struct Lexed Lexed;
struct Lexed {
  Token *a;
  int n, nCap;
};

static void lex_push(Lexed *p, int type, int line, const char *z, size_t n)
{
  if (p->n == p->nCap) {
    p->nCap = p->nCap ? 2 * p->nCap : 1024;
    p->a = realloc(p->a, (size_t)p->nCap * sizeof *p->a);
    if (!p->a) {
      fprintf(stderr, "fmtcheck: out of memory\n");
      abort();
    }
  }
  p->a[p->n].type = type;
  p->a[p->n].line = line;
  p->a[p->n].z = z;
  p->a[p->n].n = n;
  p->n++;
}

/* Split zSrc into tokens.  Comments vanish except those that mark an
** argument trusted; preprocessor lines vanish entirely. */
static void lex(const char *zSrc, Lexed *p)
{
  const char *z = zSrc;
  int line = 1;
  int atLineStart = 1;
  while (*z) {
    if (*z == '\n') {
      line++;
      atLineStart = 1;
      z++;
      continue;
    }
    if (isspace((unsigned char)*z)) {
      z++;
      continue;
    }
    if (*z == '#' && atLineStart) {          /* directive, with '\' lines */
      while (*z && *z != '\n') {
        if (*z == '\\' && z[1] == '\n') {
          line++;
          z++;
        }
        z++;
      }
      continue;
    }
    atLineStart = 0;
    if (z[0] == '/' && z[1] == '*') {
      const char *zEnd = strstr(z + 2, "*/");
      const char *zStop = zEnd ? zEnd + 2 : z + strlen(z);
      int lineStart = line;
      for (const char *q = z; q < zStop; q++) line += *q == '\n';
      if (zEnd) {
        char zBody[64];
        size_t n = (size_t)(zEnd - (z + 2));
        if (n < sizeof zBody) {
          memcpy(zBody, z + 2, n);
          zBody[n] = 0;
          char *zB = zBody;
          while (isspace((unsigned char)*zB)) zB++;
          char *zE = zB + strlen(zB);
          while (zE > zB && isspace((unsigned char)zE[-1])) *--zE = 0;
          if (strcmp(zB, "trusted") == 0) {
            lex_push(p, TK_TRUSTED, lineStart, z, (size_t)(zStop - z));
          }
        }
      }
      z = zStop;
      continue;
    }
    if (z[0] == '/' && z[1] == '/') {
      while (*z && *z != '\n') z++;
      continue;
    }
    if (*z == '"' || *z == '\'') {
      char cQuote = *z;
      const char *zStart = z++;
      while (*z && *z != cQuote && *z != '\n') {
        if (*z == '\\' && z[1]) z++;
        z++;
      }
      if (*z == cQuote) z++;
      lex_push(p, cQuote == '"' ? TK_STRING : TK_OTHER, line, zStart,
               (size_t)(z - zStart));
      continue;
    }
    if (isalpha((unsigned char)*z) || *z == '_') {
      const char *zStart = z;
      while (isalnum((unsigned char)*z) || *z == '_') z++;
      lex_push(p, TK_IDENT, line, zStart, (size_t)(z - zStart));
      continue;
    }
    if (isdigit((unsigned char)*z)) {
      const char *zStart = z;
      while (isalnum((unsigned char)*z) || *z == '.' || *z == '_') z++;
      lex_push(p, TK_OTHER, line, zStart, (size_t)(z - zStart));
      continue;
    }
    if (z[0] == '-' && z[1] == '>') {
      lex_push(p, TK_PUNCT, line, z, 2);
      z += 2;
      continue;
    }
    lex_push(p, TK_PUNCT, line, z, 1);
    z++;
  }
}

static int tok_is(const Token *t, const char *z)
{
  return t->n == strlen(z) && memcmp(t->z, z, t->n) == 0;
}

/* One argument of a call: tokens [iFirst, iEnd). */
typedef struct Arg Arg;
struct Arg {
  int iFirst, iEnd;
};

/* True when the argument is only adjacent string literals. */
static int arg_is_literal(const Lexed *p, const Arg *a)
{
  int nString = 0;
  for (int i = a->iFirst; i < a->iEnd; i++) {
    if (p->a[i].type == TK_TRUSTED) continue;
    if (p->a[i].type != TK_STRING) return 0;
    nString++;
  }
  return nString > 0;
}

static int arg_is_trusted(const Lexed *p, const Arg *a)
{
  for (int i = a->iFirst; i < a->iEnd; i++) {
    if (p->a[i].type == TK_TRUSTED) return 1;
  }
  return 0;
}

/*
** The conversions of a format made of the literals of arg a, in order, as
** a string of letters ('s', 'h', 'd'…; 'L' for ld/lld/zu, '?' unknown).
** Returns the count, or -1 when the buffer is too small.
*/
static int fmt_conversions(const Lexed *p, const Arg *a, char *zOut,
                           int nOut)
{
  int n = 0;
  int inPct = 0;            /* saw '%' (and maybe a precision) */
  int nLen = 0;             /* length modifier chars seen: l, ll, z */
  char cLen = 0;
  for (int i = a->iFirst; i < a->iEnd; i++) {
    const Token *t = &p->a[i];
    if (t->type != TK_STRING) continue;
    for (size_t k = 1; k + 1 < t->n; k++) {
      char c = t->z[k];
      if (c == '\\') {
        k++;                /* an escape never produces a bare '%' here */
        if (inPct) goto unknown;
        continue;
      }
      if (!inPct) {
        if (c == '%') inPct = 1;
        continue;
      }
      if (nLen == 0 && (c == '.' || isdigit((unsigned char)c)) &&
          !(c == '.' && inPct == 2)) {
        if (c == '.') inPct = 2;
        else if (inPct != 2) goto unknown;   /* no width */
        continue;
      }
      if (c == '%' && nLen == 0 && inPct == 1) {
        inPct = 0;
        continue;
      }
      if (c == 'l' && (nLen == 0 || (nLen == 1 && cLen == 'l'))) {
        nLen++;
        cLen = 'l';
        continue;
      }
      if (c == 'z' && nLen == 0) {
        nLen = 1;
        cLen = 'z';
        continue;
      }
      if (n >= nOut - 1) return -1;
      if (nLen == 0 && strchr("shujdfF", c)) {
        if ((c == 's' || c == 'h' || c == 'u' || c == 'j' || c == 'd') &&
            inPct == 2) {
          goto unknown;     /* precision only for numbers written %f/%F */
        }
        zOut[n++] = c;
      } else if ((cLen == 'l' && c == 'd') || (cLen == 'z' && c == 'u')) {
        zOut[n++] = 'L';
      } else {
        goto unknown;
      }
      inPct = 0;
      nLen = 0;
      cLen = 0;
      continue;
    unknown:
      if (n >= nOut - 1) return -1;
      zOut[n++] = '?';
      inPct = 0;
      nLen = 0;
      cLen = 0;
    }
  }
  if (inPct) {
    if (n >= nOut - 1) return -1;
    zOut[n++] = '?';        /* format ends inside a conversion */
  }
  zOut[n] = 0;
  return n;
}

/* Check one call whose name is token iName; returns the violations. */
static int check_call(const char *zFile, const Lexed *p, int iName)
{
  enum { MAX_ARGS = 64 };
  Arg aArg[MAX_ARGS];
  int nArg = 0, depth = 0, nBad = 0;
  int i = iName + 2;                         /* after '(' */
  const char *zName = p->a[iName].z;
  int nameLen = (int)p->a[iName].n;
  int line = p->a[iName].line;

  aArg[0].iFirst = i;
  for (; i < p->n; i++) {
    const Token *t = &p->a[i];
    if (t->type == TK_PUNCT && strchr("([{", t->z[0])) depth++;
    if (t->type == TK_PUNCT && strchr(")]}", t->z[0])) {
      if (depth == 0) break;
      depth--;
    }
    if (depth == 0 && t->type == TK_PUNCT && t->z[0] == ',') {
      aArg[nArg].iEnd = i;
      if (++nArg == MAX_ARGS) break;
      aArg[nArg].iFirst = i + 1;
    }
  }
  if (i >= p->n || nArg == MAX_ARGS) {
    printf("%s:%d: %.*s: call not closed\n", zFile, line, nameLen, zName);
    return 1;
  }
  aArg[nArg].iEnd = i;
  nArg++;
  if (nArg < 2) {
    printf("%s:%d: %.*s: no format argument\n", zFile, line, nameLen,
           zName);
    return 1;
  }
  if (!arg_is_literal(p, &aArg[1])) {
    printf("%s:%d: %.*s: the format must be a string literal\n", zFile,
           line, nameLen, zName);
    return 1;
  }
  char zConv[256];
  int nConv = fmt_conversions(p, &aArg[1], zConv, (int)sizeof zConv);
  if (nConv < 0) {
    printf("%s:%d: %.*s: too many conversions\n", zFile, line, nameLen,
           zName);
    return 1;
  }
  if (strchr(zConv, '?')) {
    printf("%s:%d: %.*s: unknown conversion (allowed: %%h %%u %%j %%s "
           "%%d %%ld %%lld %%zu %%f %%.Nf %%F %%.NF %%%%)\n",
           zFile, line, nameLen, zName);
    return 1;
  }
  if (nConv != nArg - 2) {
    printf("%s:%d: %.*s: %d conversion(s) but %d argument(s)\n", zFile,
           line, nameLen, zName, nConv, nArg - 2);
    return 1;
  }
  for (int k = 0; k < nConv; k++) {
    const Arg *a = &aArg[k + 2];
    if (zConv[k] != 's') continue;
    if (arg_is_literal(p, a) || arg_is_trusted(p, a)) continue;
    printf("%s:%d: %.*s: %%s argument %d is neither a literal nor marked "
           "/*trusted*/ (use %%h to escape it)\n",
           zFile, p->a[a->iFirst].line, nameLen, zName, k + 1);
    nBad++;
  }
  return nBad;
}

/* True when token i names a checked function in a declaration or a
** definition rather than in a call. */
static int is_declaration(const Lexed *p, int i)
{
  if (i == 0) return 1;
  const Token *t = &p->a[i - 1];
  if (t->type == TK_IDENT) {
    return !tok_is(t, "return") && !tok_is(t, "else") &&
           !tok_is(t, "do");
  }
  return t->type == TK_PUNCT && t->z[0] == '*';
}

/*
** Check every call in file zPath; print violations to stdout.  Returns the
** number of violations, or -1 when the file cannot be read.
*/
int fmtcheck_file(const char *zPath)
{
  static const char *azFunc[] = {"html_printf", "html_mprintf", "html_strf"};
  FILE *in = fopen(zPath, "rb");
  Lexed lx = {0, 0, 0};
  char *zSrc;
  long nSrc;
  int nBad = 0;

  if (!in) {
    fprintf(stderr, "fmtcheck: cannot read %s\n", zPath);
    return -1;
  }
  fseek(in, 0, SEEK_END);
  nSrc = ftell(in);
  fseek(in, 0, SEEK_SET);
  zSrc = malloc((size_t)nSrc + 1);
  if (!zSrc || fread(zSrc, 1, (size_t)nSrc, in) != (size_t)nSrc) {
    fprintf(stderr, "fmtcheck: cannot read %s\n", zPath);
    fclose(in);
    free(zSrc);
    return -1;
  }
  fclose(in);
  zSrc[nSrc] = 0;
  lex(zSrc, &lx);
  for (int i = 0; i + 1 < lx.n; i++) {
    const Token *t = &lx.a[i];
    int isChecked = 0;
    if (t->type != TK_IDENT) continue;
    for (size_t k = 0; k < sizeof azFunc / sizeof azFunc[0]; k++) {
      isChecked |= tok_is(t, azFunc[k]);
    }
    if (!isChecked || !tok_is(&lx.a[i + 1], "(")) continue;
    if (is_declaration(&lx, i)) continue;
    nBad += check_call(zPath, &lx, i);
  }
  free(lx.a);
  free(zSrc);
  return nBad;
}

#ifndef FMTCHECK_NO_MAIN
int main(int argc, char **argv)
{
  int nBad = 0, isIoError = 0;
  for (int i = 1; i < argc; i++) {
    int n = fmtcheck_file(argv[i]);
    if (n < 0) isIoError = 1;
    else nBad += n;
  }
  if (nBad) fprintf(stderr, "fmtcheck: %d violation(s)\n", nBad);
  return isIoError ? 2 : nBad ? 1 : 0;
}
#endif
