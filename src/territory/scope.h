/*
** territory/scope.h: the instance's territory, set once, read by every
** module (DESIGN.md: "one territory").
**
** A territory is one or several départements, or a région (expanded to its
** départements).  It is stored in the settings table ("instance.territoire":
** the codes as entered, e.g. "41" or "41 37" or "R24") and set with
** `oasis territoire set CODE…` or on /admin/instance.  Counts, totals, lists
** and ratios are computed inside it; anything outside is refused or shown
** as « hors territoire ».  An instance without a territory (a national
** observatory) counts everything: terr_scope_*() then answer "inside".
*/
#ifndef OASIS_TERRITORY_SCOPE_H
#define OASIS_TERRITORY_SCOPE_H
#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

#define TERR_SCOPE_MAX 32         /* départements in one territory */

typedef struct TerrScope TerrScope;
struct TerrScope {
  int nDep;                       /* 0: no territory set, everything counts */
  const char *azDep[TERR_SCOPE_MAX];
  const char *zSpec;              /* the codes as set ("41 37", "R24") */
  const char *zName;              /* "Loir-et-Cher", "Centre-Val de Loire",
                                  ** "Loir-et-Cher, Indre-et-Loire"; "" */
  const char *zJson;              /* ["41","37"]: bind it and filter with
                                  ** "dep IN (SELECT value FROM json_each(?))" */
};

/* Load the instance's territory (strings in arena).  0 or < 0. */
int terr_scope_load(Store *db, Arena *a, TerrScope *p, Err *err);
/* Set it from zSpec ("41 37", "R24", "" to clear): every code must be a
** known département or région ("R" + région code).  ERR_INPUT naming the
** unknown code.  No transaction of its own. */
int terr_scope_set(Store *db, const char *zSpec, Err *err);
/* True when département zDep lies inside (always true with no territory). */
int terr_scope_has_dep(const TerrScope *p, const char *zDep);
/* True when commune zCode lies inside (its département from the communes
** table; an unknown commune is outside when a territory is set). */
int terr_scope_has_commune(Store *db, const TerrScope *p, const char *zCode);

#endif
