/*
** tools/mkroutes.c: build the application's route table from the ROUTE:
** comments of the sources (the way Fossil's mkindex builds its page index).
**
**     mkroutes OUT.c FILE.c...
**
** A handler declares its address in the comment just above its
** definition, one line a route:
**
**     ** ROUTE: GET /stages/terrains/{id} agent
**     ** ROUTE: POST /api/v1/demandes public api limited
**     void place_page_place(Req *req)
**
** that is METHOD PATH ROLE [FLAG...], ROLE one of public, lecteur, agent,
** admin and FLAGs among api, nocsrf, deprecated, secret, unlisted, limited
** (web/web.h).  The next function defined after the comment, `void
** NAME(Req *req)` at the start of a line, is the handler; it must not be
** static.
**
** OUT.c holds `app_routes[]`, in match order: paths compared segment by
** segment, a literal segment before a {name}, a {name} before a {rest*},
** so the first match is always the most specific one and the order of the
** sources does not matter.  Two routes with the same method and pattern,
** an unknown word or a ROUTE: line without a handler stop the build with
** the file and line.  OUT.c is rewritten only when its text changes.
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Route Route;
struct Route {
  char zMethod[8];
  char zPath[256];
  char zHandler[128];
  int role;               /* index into azRole */
  unsigned flags;         /* bit k: azFlag[k] */
  const char *zFile;      /* where it was declared, for messages */
  int iLine;
};

static const char *const azRole[] = {"public", "lecteur", "agent", "admin"};
static const char *const azRoleC[] = {"ROLE_PUBLIC", "ROLE_LECTEUR",
                                      "ROLE_AGENT", "ROLE_ADMIN"};
static const char *const azFlag[] = {"api", "nocsrf", "deprecated",
                                     "secret", "unlisted", "limited"};
static const char *const azFlagC[] = {"ROUTE_API", "ROUTE_NOCSRF",
                                      "ROUTE_DEPRECATED", "ROUTE_SECRET",
                                      "ROUTE_UNLISTED", "ROUTE_LIMITED"};
#define N_FLAG (int)(sizeof azFlag / sizeof azFlag[0])

static Route *aRoute;
static int nRoute, nAlloc;

static void die(const char *zFile, int iLine, const char *zFmt, ...)
{
  va_list ap;
  fprintf(stderr, "mkroutes: %s:%d: ", zFile, iLine);
  va_start(ap, zFmt);
  vfprintf(stderr, zFmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(1);
}

static int word_index(const char *zWord, const char *const *az, int n)
{
  for (int i = 0; i < n; i++) {
    if (strcmp(zWord, az[i]) == 0) return i;
  }
  return -1;
}

/* Parse "METHOD PATH ROLE [FLAG...]" (z points after "ROUTE:") into a new
** route without handler. */
static void parse_route(char *z, const char *zFile, int iLine)
{
  char *zEnd = strstr(z, "*/");
  if (zEnd) *zEnd = 0;
  if (nRoute == nAlloc) {
    nAlloc = nAlloc ? 2 * nAlloc : 256;
    aRoute = realloc(aRoute, nAlloc * sizeof *aRoute);
    if (!aRoute) die(zFile, iLine, "out of memory");
  }
  Route *r = &aRoute[nRoute++];
  memset(r, 0, sizeof *r);
  r->zFile = zFile;
  r->iLine = iLine;
  int nWord = 0;
  for (char *zW = strtok(z, " \t\r\n"); zW; zW = strtok(NULL, " \t\r\n")) {
    nWord++;
    if (nWord == 1) {
      if (strcmp(zW, "GET") && strcmp(zW, "POST")) {
        die(zFile, iLine, "method \"%s\": GET or POST", zW);
      }
      strcpy(r->zMethod, zW);
    } else if (nWord == 2) {
      if (zW[0] != '/' || strlen(zW) >= sizeof r->zPath) {
        die(zFile, iLine, "path \"%s\" must start with / (at most %d bytes)",
            zW, (int)sizeof r->zPath - 1);
      }
      strcpy(r->zPath, zW);
    } else if (nWord == 3) {
      r->role = word_index(zW, azRole, 4);
      if (r->role < 0) {
        die(zFile, iLine, "role \"%s\": public, lecteur, agent or admin", zW);
      }
    } else {
      int k = word_index(zW, azFlag, N_FLAG);
      if (k < 0) {
        die(zFile, iLine, "flag \"%s\": api, nocsrf, deprecated, secret, "
            "unlisted or limited", zW);
      }
      r->flags |= 1u << k;
    }
  }
  if (nWord < 3) die(zFile, iLine, "ROUTE: METHOD PATH ROLE [FLAG...]");
}

/* If zLine defines a function "void NAME(Req *...)", copy NAME to zName
** and return 1. */
static int handler_name(const char *zLine, char *zName, size_t nName)
{
  if (strncmp(zLine, "void ", 5)) return 0;
  const char *z = zLine + 5;
  size_t n = 0;
  while (isalnum((unsigned char)z[n]) || z[n] == '_') n++;
  if (n == 0 || n >= nName || strncmp(z + n, "(Req *", 6)) return 0;
  const char *zClose = strchr(z + n, ')');
  if (!zClose) return 0;
  zClose += strspn(zClose + 1, " \t") + 1;
  if (*zClose == ';') return 0;  /* a prototype */
  memcpy(zName, z, n);
  zName[n] = 0;
  return 1;
}

static void scan_file(const char *zFile)
{
  FILE *in = fopen(zFile, "r");
  if (!in) die(zFile, 0, "cannot read");
  char zLine[4096];
  int iLine = 0, iFirstPending = nRoute;
  while (fgets(zLine, sizeof zLine, in)) {
    iLine++;
    char *z = zLine;
    while (*z == ' ' || *z == '\t') z++;
    if (strncmp(z, "**", 2) == 0 || strncmp(z, "/*", 2) == 0) {
      z += 2;
      while (*z == ' ') z++;
      if (strncmp(z, "ROUTE:", 6) == 0) parse_route(z + 6, zFile, iLine);
      continue;
    }
    char zName[128];
    if (!handler_name(zLine, zName, sizeof zName)) {
      int isBlank = z[0] == 0 || z[0] == '\n' || z[0] == '*';
      if (!isBlank && iFirstPending < nRoute) {
        die(zFile, aRoute[iFirstPending].iLine,
            "ROUTE: not followed by a handler `void NAME(Req *req)` (a "
            "static one cannot be reached from the table)");
      }
      continue;
    }
    for (int i = iFirstPending; i < nRoute; i++) {
      strcpy(aRoute[i].zHandler, zName);
    }
    iFirstPending = nRoute;
  }
  if (iFirstPending < nRoute) {
    die(zFile, aRoute[iFirstPending].iLine, "ROUTE: without a handler");
  }
  fclose(in);
}

/* Rank of one path segment: literal 0, {name} 1, {rest*} 2. */
static int seg_rank(const char *z, size_t n)
{
  if (n == 0 || z[0] != '{') return 0;
  return z[n - 2] == '*' ? 2 : 1;
}

static int route_cmp(const void *pA, const void *pB)
{
  const Route *a = pA, *b = pB;
  const char *zA = a->zPath, *zB = b->zPath;
  while (*zA && *zB) {
    zA++, zB++;  /* the '/' */
    size_t nA = strcspn(zA, "/"), nB = strcspn(zB, "/");
    int rA = seg_rank(zA, nA), rB = seg_rank(zB, nB);
    if (rA != rB) return rA - rB;
    if (rA == 0) {
      int c = strncmp(zA, zB, nA < nB ? nA : nB);
      if (c) return c;
      if (nA != nB) return nA < nB ? -1 : 1;
    }
    zA += nA, zB += nB;
  }
  if (*zA || *zB) return *zA ? 1 : -1;  /* the shorter path first */
  return strcmp(a->zMethod, b->zMethod);
}

/* Same method, and patterns equal but for the names of their {params}. */
static int route_same(const Route *a, const Route *b)
{
  if (strcmp(a->zMethod, b->zMethod)) return 0;
  const char *zA = a->zPath, *zB = b->zPath;
  while (*zA && *zB) {
    if (*zA == '{' && *zB == '{') {
      zA = strchr(zA, '}') + 1;
      zB = strchr(zB, '}') + 1;
    } else if (*zA++ != *zB++) {
      return 0;
    }
  }
  return *zA == *zB;
}

int main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: mkroutes OUT.c FILE.c...\n");
    return 2;
  }
  for (int i = 2; i < argc; i++) scan_file(argv[i]);
  qsort(aRoute, nRoute, sizeof *aRoute, route_cmp);
  for (int i = 1; i < nRoute; i++) {
    if (route_same(&aRoute[i - 1], &aRoute[i])) {
      die(aRoute[i].zFile, aRoute[i].iLine, "%s %s is also declared at %s:%d",
          aRoute[i].zMethod, aRoute[i].zPath, aRoute[i - 1].zFile,
          aRoute[i - 1].iLine);
    }
  }

  size_t nOut = 0, nCap = 1 << 16;
  char *zOut = malloc(nCap);
#define EMIT(...)                                                       \
  do {                                                                  \
    int n_ = snprintf(NULL, 0, __VA_ARGS__);                            \
    while (nOut + n_ + 1 > nCap) zOut = realloc(zOut, nCap *= 2);       \
    if (!zOut) die(argv[1], 0, "out of memory");                        \
    nOut += sprintf(zOut + nOut, __VA_ARGS__);                          \
  } while (0)
  EMIT("/* Generated by tools/mkroutes from the ROUTE: comments of src/:"
       " do not edit. */\n#include \"web/web.h\"\n\n");
  for (int i = 0; i < nRoute; i++) {
    int isNew = 1;
    for (int j = 0; j < i && isNew; j++) {
      isNew = strcmp(aRoute[j].zHandler, aRoute[i].zHandler) != 0;
    }
    if (isNew) EMIT("void %s(Req *req);\n", aRoute[i].zHandler);
  }
  EMIT("\nconst Route app_routes[] = {\n");
  for (int i = 0; i < nRoute; i++) {
    const Route *r = &aRoute[i];
    EMIT("  {\"%s\", \"%s\", %s, %s, ", r->zMethod, r->zPath, r->zHandler,
         azRoleC[r->role]);
    if (!r->flags) EMIT("0");
    const char *zSep = "";
    for (int k = 0; k < N_FLAG; k++) {
      if (!(r->flags & (1u << k))) continue;
      EMIT("%s%s", zSep, azFlagC[k]);  /* EMIT evaluates twice: no n++ */
      zSep = " | ";
    }
    EMIT("},  /* %s:%d */\n", r->zFile, r->iLine);
  }
  EMIT("  {0}\n};\n");

  FILE *old = fopen(argv[1], "r");
  if (old) {
    char *zOld = malloc(nOut + 2);
    size_t nOld = fread(zOld, 1, nOut + 1, old);
    fclose(old);
    int isSame = nOld == nOut && memcmp(zOld, zOut, nOut) == 0;
    free(zOld);
    if (isSame) return 0;
  }
  FILE *out = fopen(argv[1], "w");
  if (!out || fwrite(zOut, 1, nOut, out) != nOut || fclose(out)) {
    die(argv[1], 0, "cannot write");
  }
  return 0;
}
