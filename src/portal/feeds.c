/*
** portal/feeds.c: what the portal shows from the other modules.
**
** The portal never reads another module's tables directly: it goes
** through that module's header.  While a module is not part of the build,
** its feed answers "not available" and the pages say so in French
** ("indicateur pas encore calculé"), never with an invented figure.
** This file is the one place to change when a module lands.
*/
#include <string.h>

#include "portal/portal.h"
#include "web/internal.h"

/* The observatory (zone class, APL per commune) is not in this build yet:
** every fact is unknown. */
void portal_feed_facts(Store *db, Arena *pArena, const char *zCode,
                       PortalFacts *p)
{
  memset(p, 0, sizeof *p);
}

/* Key figures need the territory and observatory modules: none yet. */
int portal_feed_figures(Store *db, Arena *pArena, PortalFigure **pa)
{
  *pa = NULL;
  return 0;
}

/* True when some route table serves GET zPath as a literal pattern. */
int portal_feed_has_route(const char *zPath)
{
  for (int t = 0; web_route_tables[t]; t++) {
    for (const Route *r = web_route_tables[t]; r->zMethod; r++) {
      if (strcmp(r->zMethod, "GET") == 0 && strcmp(r->zPattern, zPath) == 0) {
        return 1;
      }
    }
  }
  return 0;
}
