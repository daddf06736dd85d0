/*
** tests/fuzz/fuzz_ics.c: libFuzzer target for the iCalendar file of an
** event (portal/rules.c portal_ics), whose title, place and text the team
** types.  The input is split at 0x1e into title, place, text and time (a
** time kept only in the HH:MM form the form checker lets through).
** Invariants beyond "no crash": every physical line ends in CRLF and holds
** at most 75 octets; no bare CR or LF can start a property of its own; the
** file has exactly one VEVENT.
*/
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "portal/portal.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  char *z = malloc(n + 1);
  memcpy(z, a, n);
  z[n] = 0;
  const char *az[4] = {"", "", "", ""};
  char *p = z;
  for (int i = 0; i < 4 && p; i++) {
    az[i] = p;
    p = strchr(p, 0x1e);
    if (p) *p++ = 0;
  }
  const char *zTime = strlen(az[3]) == 5 && isdigit((unsigned char)az[3][0]) &&
                      isdigit((unsigned char)az[3][1]) && az[3][2] == ':' &&
                      isdigit((unsigned char)az[3][3]) &&
                      isdigit((unsigned char)az[3][4]) ? az[3] : "";
  PortalEvent e = {.id = 7, .zKind = "salon", .zTitle = az[0],
                   .zDate = n % 2 ? "2026-12-31" : "2026-02-28",
                   .zTime = zTime, .zPlace = az[1], .zBodyMd = az[2]};
  Str out = STR_INIT;
  portal_ics(&out, &e, "20260302T090000Z", "sante.exemple.fr");
  const char *zIcs = str_text(&out);
  size_t nLine = 0, nEvent = 0;
  for (const char *c = zIcs; *c; c++) {
    if (*c == '\r') {
      assert(c[1] == '\n');
      assert(nLine <= 75);
      nLine = 0;
      c++;
      if (strncmp(c + 1, "BEGIN:VEVENT\r\n", 14) == 0) nEvent++;
      continue;
    }
    assert(*c != '\n');
    nLine++;
  }
  assert(nLine == 0);                    /* ends with CRLF */
  assert(nEvent == 1);
  str_free(&out);
  free(z);
  return 0;
}
