/*
** portal/rules.c: the portal's pure rules: input checks (e-mail, colours,
** embedding origins, slugs, dates), labels, French dates.
**
** No SQL, no HTTP: store.c and the pages call these, the unit tests too.
** Messages are French; they reach the form next to the field.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "portal/portal.h"

const PortalLabel portal_event_kinds[] = {
  {"salon", "Salon de l'emploi"},
  {"congres", "Congrès"},
  {"portes-ouvertes", "Journée portes ouvertes"},
  {"lycee", "Rencontre avec des lycéens"},
  {"autre", "Autre rencontre"},
  {0, 0}
};

const PortalLabel portal_profiles[] = {
  {"medecin", "Médecin"},
  {"interne", "Interne"},
  {"etudiant", "Étudiant·e en santé"},
  {"paramedical", "Professionnel·le paramédical·e"},
  {"lyceen", "Lycéen·ne ou parent"},
  {"autre", "Autre"},
  {0, 0}
};

const char *portal_label(const PortalLabel *a, const char *zCode)
{
  if (!zCode) return NULL;
  for (; a->zCode; a++) {
    if (strcmp(a->zCode, zCode) == 0) return a->zLabel;
  }
  return NULL;
}

/* Record an input error on zField and return ERR_INPUT. */
static int portal_refuse(Err *err, const char *zField, const char *zMsg)
{
  err_set(err, ERR_INPUT, "%s", zMsg);
  err_field(err, zField);
  return ERR_INPUT;
}

/*
** A pragmatic e-mail check, the same as the browsers' type="email": a local
** part of printable characters without spaces, one "@", a domain of at
** least two labels of [A-Za-z0-9-] (or UTF-8), not starting or ending with
** "-".  Not RFC 5322 in full: addresses that fail here are typos.
*/
int portal_check_email(const char *z, const char *zField, Err *err)
{
  static const char zMsg[] = "adresse électronique invalide : elle doit "
                             "ressembler à prenom.nom@exemple.fr";
  if (!z || !z[0]) {
    return portal_refuse(err, zField, "indiquez votre adresse électronique");
  }
  size_t n = strlen(z);
  const char *zAt = strchr(z, '@');
  if (n > 254 || !zAt || zAt == z || strchr(zAt + 1, '@')) {
    return portal_refuse(err, zField, zMsg);
  }
  for (const char *c = z; c < zAt; c++) {
    unsigned char u = (unsigned char)*c;
    if (u <= ' ' || u == 0x7f || strchr("\"(),:;<>[\\]", u)) {
      return portal_refuse(err, zField, zMsg);
    }
  }
  const char *zDom = zAt + 1;
  int nLabel = 0, nLen = 0;
  char cPrev = '.';
  for (const char *c = zDom;; c++) {
    unsigned char u = (unsigned char)*c;
    if (u == '.' || u == 0) {
      if (nLen == 0 || cPrev == '-') return portal_refuse(err, zField, zMsg);
      nLabel++;
      nLen = 0;
      if (u == 0) break;
    } else if (isalnum(u) || u >= 0x80 || (u == '-' && nLen > 0)) {
      nLen++;
    } else {
      return portal_refuse(err, zField, zMsg);
    }
    cPrev = (char)u;
  }
  if (nLabel < 2) return portal_refuse(err, zField, zMsg);
  return 0;
}

int portal_color_parse(const char *z, unsigned *pRgb)
{
  if (!z || strlen(z) != 7 || z[0] != '#') return -1;
  for (int i = 1; i < 7; i++) {
    if (!isxdigit((unsigned char)z[i])) return -1;
  }
  *pRgb = (unsigned)strtoul(z + 1, NULL, 16);
  return 0;
}

/* Relative luminance of an sRGB colour (WCAG 2.x definition). */
static double portal_luminance(unsigned rgb)
{
  double a[3];
  for (int i = 0; i < 3; i++) {
    double c = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
    a[i] = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
}

double portal_contrast(unsigned rgb1, unsigned rgb2)
{
  double l1 = portal_luminance(rgb1), l2 = portal_luminance(rgb2);
  if (l1 < l2) {
    double t = l1;
    l1 = l2;
    l2 = t;
  }
  return (l1 + 0.05) / (l2 + 0.05);
}

/* White text and links are drawn on the theme colours, so they must
** reach the AA ratio for normal text (4.5:1) against white. */
int portal_check_color(const char *z, const char *zField, Err *err)
{
  unsigned rgb;
  if (portal_color_parse(z, &rgb)) {
    return portal_refuse(err, zField, "couleur invalide : format attendu "
                         "#rrvvbb, par exemple #1f3f8f");
  }
  double r = portal_contrast(rgb, 0xffffff);
  if (r < 4.5) {
    char zMsg[200];
    snprintf(zMsg, sizeof zMsg, "couleur trop claire : contraste de %.1f:1 "
             "avec le blanc, il faut au moins 4,5:1 pour que le texte reste "
             "lisible", r);
    for (char *c = zMsg; *c; c++) {
      if (*c == '.' && c[1] != ' ' && c[1]) *c = ',';
    }
    return portal_refuse(err, zField, zMsg);
  }
  return 0;
}

/* True when z has a character that could break out of an attribute or a
** header, or a space. */
static int portal_has_unsafe(const char *z)
{
  for (; *z; z++) {
    unsigned char u = (unsigned char)*z;
    if (u <= ' ' || u == 0x7f || u == '"' || u == '\'' || u == '<' ||
        u == '>' || u == '\\' || u == '`') {
      return 1;
    }
  }
  return 0;
}

int portal_check_logo(const char *z, Err *err)
{
  if (!z || !z[0]) return 0;
  if (strlen(z) > 500 || portal_has_unsafe(z) ||
      !((z[0] == '/' && z[1] != '/') || str_starts(z, "https://"))) {
    return portal_refuse(err, "logo_url", "adresse du logo invalide : "
                         "indiquez une adresse https://… ou un chemin "
                         "commençant par /");
  }
  return 0;
}

/*
** An origin as browsers send it and CSP frame-ancestors matches it:
** scheme "https://" (or "http://" for a local test host), a host of
** [a-z0-9.-] labels and an optional ":port".  Paths, queries, wildcards
** and user info are refused: an allowed origin must name one site.
*/
int portal_check_origin(const char *z, Err *err)
{
  char zMsg[480];
  const char *zHost;
  if (!z || !z[0]) return portal_refuse(err, "origines_widget",
                                        "origine vide");
  if (str_starts(z, "https://")) {
    zHost = z + 8;
  } else if (str_starts(z, "http://")) {
    zHost = z + 7;
  } else {
    snprintf(zMsg, sizeof zMsg, "origine refusée « %.200s » : elle doit "
             "commencer par https://", z);
    return portal_refuse(err, "origines_widget", zMsg);
  }
  size_t nHost = strcspn(zHost, ":");
  int isOk = nHost > 0 && nHost <= 253 && zHost[0] != '.' && zHost[0] != '-'
             && zHost[nHost - 1] != '.' && zHost[nHost - 1] != '-';
  for (size_t i = 0; isOk && i < nHost; i++) {
    unsigned char u = (unsigned char)zHost[i];
    isOk = islower(u) || isdigit(u) || u == '-' ||
           (u == '.' && zHost[i + 1] != '.');
  }
  if (isOk && zHost[nHost] == ':') {
    const char *zPort = zHost + nHost + 1;
    size_t nPort = strspn(zPort, "0123456789");
    isOk = nPort >= 1 && nPort <= 5 && zPort[nPort] == 0 &&
           atol(zPort) >= 1 && atol(zPort) <= 65535;
  }
  if (!isOk) {
    snprintf(zMsg, sizeof zMsg, "origine refusée « %.200s » : indiquez "
             "seulement le protocole et le nom du site, par exemple "
             "https://www.mairie-exemple.fr (sans chemin ni *)", z);
    return portal_refuse(err, "origines_widget", zMsg);
  }
  if (zHost == z + 7) {
    int isLocal = (nHost == 9 && strncmp(zHost, "localhost", 9) == 0) ||
                  (nHost == 9 && strncmp(zHost, "127.0.0.1", 9) == 0);
    if (!isLocal) {
      snprintf(zMsg, sizeof zMsg, "origine refusée « %.200s » : seul un "
               "site en https:// peut intégrer le simulateur", z);
      return portal_refuse(err, "origines_widget", zMsg);
    }
  }
  return 0;
}

int portal_origins_normalize(const char *zText, Str *pOut, Err *err)
{
  const char *z = zText ? zText : "";
  int nOrigin = 0;
  while (*z) {
    size_t n = strcspn(z, "\r\n");
    char zLine[300];
    /* trim spaces and commas around the origin */
    const char *a = z, *b = z + n;
    while (a < b && strchr(" \t,", *a)) a++;
    while (b > a && strchr(" \t,", b[-1])) b--;
    if (b > a && b[-1] == '/') b--;
    if ((size_t)(b - a) >= sizeof zLine) {
      return portal_refuse(err, "origines_widget", "origine trop longue");
    }
    if (b > a) {
      size_t m = (size_t)(b - a);
      for (size_t i = 0; i < m; i++) {
        zLine[i] = (char)tolower((unsigned char)a[i]);
      }
      zLine[m] = 0;
      int rc = portal_check_origin(zLine, err);
      if (rc) return rc;
      if (!portal_origin_allowed(str_text(pOut), zLine)) {
        if (nOrigin++) str_appendc(pOut, ' ');
        str_appendz(pOut, zLine);
      }
    }
    z += n;
    while (*z == '\r' || *z == '\n') z++;
  }
  if (nOrigin > 20) {
    return portal_refuse(err, "origines_widget", "20 origines au plus");
  }
  return 0;
}

int portal_origin_allowed(const char *zList, const char *zOrigin)
{
  size_t n = zOrigin ? strlen(zOrigin) : 0;
  if (!zList || n == 0) return 0;
  for (const char *z = zList; *z;) {
    size_t m = strcspn(z, " ");
    if (m == n && strncmp(z, zOrigin, n) == 0) return 1;
    z += m;
    while (*z == ' ') z++;
  }
  return 0;
}

int portal_check_slug(const char *z, Err *err)
{
  size_t n = z ? strlen(z) : 0;
  if (n == 0 || n > 60 || strspn(z, "abcdefghijklmnopqrstuvwxyz0123456789-")
      != n || z[0] == '-' || z[n - 1] == '-') {
    return portal_refuse(err, "slug", "adresse invalide : de 1 à 60 "
                         "lettres minuscules sans accent, chiffres ou "
                         "tirets, par exemple « vivre-ici »");
  }
  return 0;
}

/* 1 when y-m-d is a day of the Gregorian calendar. */
static int portal_day_exists(int y, int m, int d)
{
  static const int aDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return 0;
  int nMax = aDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) nMax = 29;
  return d <= nMax;
}

int portal_check_date(const char *z, const char *zField, Err *err)
{
  if (!z || strlen(z) != 10 || z[4] != '-' || z[7] != '-' ||
      strspn(z, "0123456789-") != 10 ||
      !portal_day_exists(atoi(z), atoi(z + 5), atoi(z + 8))) {
    return portal_refuse(err, zField, "date invalide : format attendu "
                         "AAAA-MM-JJ");
  }
  return 0;
}

int portal_check_time(const char *z, const char *zField, Err *err)
{
  if (!z || !z[0]) return 0;
  if (strlen(z) != 5 || z[2] != ':' || !isdigit((unsigned char)z[0]) ||
      !isdigit((unsigned char)z[1]) || !isdigit((unsigned char)z[3]) ||
      !isdigit((unsigned char)z[4]) || atoi(z) > 23 || atoi(z + 3) > 59) {
    return portal_refuse(err, zField, "heure invalide : format attendu "
                         "HH:MM");
  }
  return 0;
}

int portal_check_text(const char *z, int nMax, const char *zField,
                      const char *zWhat, Err *err)
{
  char zMsg[160];
  const char *a = z ? z : "";
  while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r') a++;
  if (!*a) {
    snprintf(zMsg, sizeof zMsg, "indiquez %s", zWhat);
    return portal_refuse(err, zField, zMsg);
  }
  if ((int)strlen(z) > nMax) {
    snprintf(zMsg, sizeof zMsg, "%s : %d caractères au plus", zWhat, nMax);
    return portal_refuse(err, zField, zMsg);
  }
  return 0;
}

const char *portal_today(char *zOut)
{
  return clock_today_iso(zOut);
}

const char *portal_date_label(const char *z, char *zOut, int nOut)
{
  static const char *const azDay[] = {"dimanche", "lundi", "mardi",
                                      "mercredi", "jeudi", "vendredi",
                                      "samedi"};
  static const char *const azMonth[] = {"janvier", "février", "mars",
      "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
      "novembre", "décembre"};
  Err err = {0};
  if (portal_check_date(z, "date", &err)) {
    snprintf(zOut, (size_t)nOut, "%s", z ? z : "");
    return zOut;
  }
  int y = atoi(z), m = atoi(z + 5), d = atoi(z + 8);
  /* Sakamoto's day of the week: 0 = Sunday */
  static const int aT[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int yy = m < 3 ? y - 1 : y;
  int w = (yy + yy / 4 - yy / 100 + yy / 400 + aT[m - 1] + d) % 7;
  snprintf(zOut, (size_t)nOut, "%s %d%s %s %d", azDay[w], d,
           d == 1 ? "er" : "", azMonth[m - 1], y);
  return zOut;
}

const char *portal_error(const PortalErrors *pe, const char *zField)
{
  for (int i = 0; i < pe->n; i++) {
    if (strcmp(pe->azField[i], zField) == 0) return pe->azMsg[i];
  }
  return NULL;
}

void portal_error_add(PortalErrors *pe, const char *zField, const char *zMsg)
{
  if (pe->n >= PORTAL_MAX_ERRORS || portal_error(pe, zField)) return;
  pe->azField[pe->n] = zField;
  snprintf(pe->azMsg[pe->n], sizeof pe->azMsg[0], "%s", zMsg);
  /* French messages start with a capital letter next to a field */
  char *c = pe->azMsg[pe->n];
  if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
  pe->n++;
}

void portal_color_shade(unsigned rgb, double f, char *zOut)
{
  unsigned a[3];
  for (int i = 0; i < 3; i++) {
    double c = ((rgb >> (16 - 8 * i)) & 0xff) * f;
    a[i] = c > 255 ? 255u : (unsigned)(c + 0.5);
  }
  snprintf(zOut, 8, "#%02x%02x%02x", a[0], a[1], a[2]);
}

/* Append one content line "zName:value" with value escaped as iCalendar
** TEXT and folded at 75 octets without splitting a UTF-8 sequence. */
static void ics_line(Str *pOut, const char *zName, const char *zValue,
                     int isText)
{
  Str line = STR_INIT;
  str_appendz(&line, zName);
  str_appendc(&line, ':');
  for (const char *c = zValue ? zValue : ""; *c; c++) {
    if (isText && (*c == '\\' || *c == ';' || *c == ',')) {
      str_appendc(&line, '\\');
      str_appendc(&line, *c);
    } else if (isText && *c == '\n') {
      str_appendz(&line, "\\n");
    } else if (*c != '\r') {
      str_appendc(&line, *c);
    }
  }
  const char *z = str_text(&line);
  size_t n = line.n, nCol = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char u = (unsigned char)z[i];
    size_t nSeq = u < 0x80 ? 1 : u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : 2;
    if (nCol + nSeq > 75) {
      str_appendz(pOut, "\r\n ");
      nCol = 1;
    }
    str_append(pOut, z + i, nSeq <= n - i ? nSeq : n - i);
    nCol += nSeq;
    i += nSeq - 1;
  }
  str_appendz(pOut, "\r\n");
  str_free(&line);
}

void portal_ics(Str *pOut, const PortalEvent *e, const char *zStamp,
                const char *zHost)
{
  char zStart[16], zEnd[16];
  int isTimed = e->zTime && e->zTime[0];
  str_appendz(pOut, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                    "PRODID:-//oasis//portail//FR\r\nCALSCALE:GREGORIAN\r\n");
  if (isTimed) {
    /* the territory's time zone, with the EU summer-time rules, so that a
    ** calendar elsewhere (or after a change of rules) shows the right hour */
    str_appendz(pOut, "BEGIN:VTIMEZONE\r\nTZID:" PORTAL_ICS_TZID "\r\n"
                      "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n"
                      "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
                      "DTSTART:19810329T020000\r\n"
                      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                      "END:DAYLIGHT\r\nBEGIN:STANDARD\r\n"
                      "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
                      "TZNAME:CET\r\nDTSTART:19961027T030000\r\n"
                      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                      "END:STANDARD\r\nEND:VTIMEZONE\r\n");
  }
  str_appendz(pOut, "BEGIN:VEVENT\r\n");
  str_appendf(pOut, "UID:evenement-%lld@%s\r\n", (long long)e->id,
              zHost && zHost[0] ? zHost : "oasis");
  ics_line(pOut, "DTSTAMP", zStamp, 0);
  snprintf(zStart, sizeof zStart, "%.4s%.2s%.2s", e->zDate, e->zDate + 5,
           e->zDate + 8);
  if (isTimed) {
    /* the hour the page shows, in the territory's time zone */
    char zLocal[48];
    snprintf(zLocal, sizeof zLocal, "%sT%.2s%.2s00", zStart, e->zTime,
             e->zTime + 3);
    ics_line(pOut, "DTSTART;TZID=" PORTAL_ICS_TZID, zLocal, 0);
  } else {
    /* an all-day event ends the next day (exclusive) */
    int y = atoi(e->zDate), m = atoi(e->zDate + 5), d = atoi(e->zDate + 8);
    if (portal_day_exists(y, m, d + 1)) {
      d++;
    } else if (m < 12) {
      m++;
      d = 1;
    } else {
      y++;
      m = 1;
      d = 1;
    }
    snprintf(zEnd, sizeof zEnd, "%04d%02d%02d", y % 10000, m % 100, d % 100);
    ics_line(pOut, "DTSTART;VALUE=DATE", zStart, 0);
    ics_line(pOut, "DTEND;VALUE=DATE", zEnd, 0);
  }
  ics_line(pOut, "SUMMARY", e->zTitle, 1);
  if (e->zPlace && e->zPlace[0]) ics_line(pOut, "LOCATION", e->zPlace, 1);
  if (e->zBodyMd && e->zBodyMd[0]) {
    ics_line(pOut, "DESCRIPTION", e->zBodyMd, 1);
  }
  str_appendz(pOut, "END:VEVENT\r\nEND:VCALENDAR\r\n");
}

int portal_is_dep_code(const char *z)
{
  if (!z) return 0;
  size_t n = strlen(z);
  if (n == 2 && (strcmp(z, "2A") == 0 || strcmp(z, "2B") == 0)) return 1;
  if (n == 2 && isdigit((unsigned char)z[0]) && isdigit((unsigned char)z[1])) {
    return strcmp(z, "00") != 0 && strcmp(z, "20") != 0;
  }
  return n == 3 && z[0] == '9' && z[1] == '7' && z[2] >= '1' && z[2] <= '6';
}

int portal_is_placeholder(const char *z)
{
  static const char *const azMark[] = {
    "à compléter", "a completer", "à completer", "à préciser", "xx xx",
    "todo", "lorem ipsum", "tbd", "0x xx", "@@",
  };
  char zLow[512];
  size_t n = 0;
  if (!z) return 1;
  while (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r') z++;
  if (!*z) return 1;
  /* ASCII lower case is enough: the marks' accents are compared as is */
  for (; *z && n + 1 < sizeof zLow; z++) {
    zLow[n++] = (char)tolower((unsigned char)*z);
  }
  zLow[n] = 0;
  for (size_t i = 0; i < sizeof azMark / sizeof azMark[0]; i++) {
    if (strstr(zLow, azMark[i])) return 1;
  }
  return 0;
}
