/*
** zoning/zoning.c: the one classification function (see zoning.h) and
** the parsing of the classes the ARS arrêtés write.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "access/access.h"
#include "zoning/zoning.h"

/* z lower-cased, accents of French letters folded, blanks collapsed and
** apostrophes dropped, into zOut. */
static void zoning_fold(const char *z, char *zOut, size_t nOut)
{
  static const char *const azFrom[] = {"é", "è", "ê", "à", "â", "î", "ô", "û",
                                       "ç", "É", "È", "À", "’", NULL};
  static const char azTo[] = "eeeaaiouceea'";
  size_t n = 0;
  int isSpace = 1;
  while (*z && n + 1 < nOut) {
    int k;
    for (k = 0; azFrom[k]; k++) {
      size_t m = strlen(azFrom[k]);
      if (strncmp(z, azFrom[k], m) == 0) break;
    }
    char c;
    if (azFrom[k]) {
      c = azTo[k];
      z += strlen(azFrom[k]);
    } else {
      c = (char)tolower((unsigned char)*z++);
    }
    if (c == '\'' || c == '-' || c == '_') c = ' ';
    if (c == ' ' || c == '\t') {
      if (isSpace) continue;
      isSpace = 1;
      c = ' ';
    } else {
      isSpace = 0;
    }
    zOut[n++] = c;
  }
  while (n > 0 && zOut[n - 1] == ' ') n--;
  zOut[n] = 0;
}

const char *zoning_parse_class(const char *z)
{
  static const struct { const char *zFolded, *zCode; } a[] = {
    {"zip", "ZIP"}, {"zone d intervention prioritaire", "ZIP"},
    {"zac", "ZAC"}, {"zone d action complementaire", "ZAC"},
    {"zar", "ZAR"}, {"zone d accompagnement regional", "ZAR"},
    {"zone d action regionale", "ZAR"},
    {"hors zonage", "HORS"}, {"hors zone", "HORS"}, {"hz", "HORS"},
    {"non zone", "HORS"}, {"zone de vigilance", "HORS"},
    {"tres sous dotee", "TRES_SOUS_DOTEE"}, {"sous dotee", "SOUS_DOTEE"},
    {"intermediaire", "INTERMEDIAIRE"}, {"zone intermediaire", "INTERMEDIAIRE"},
    {"tres dotee", "TRES_DOTEE"}, {"sur dotee", "SUR_DOTEE"},
  };
  char zF[128];
  if (!z) return NULL;
  zoning_fold(z, zF, sizeof zF);
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (strcmp(zF, a[i].zFolded) == 0) return a[i].zCode;
  }
  return NULL;
}

/* French name and level of an official class code. */
static void zoning_official(const char *zCode, const char **pzName,
                            ZoneLevel *pLevel)
{
  static const struct { const char *zCode, *zName; ZoneLevel level; } a[] = {
    {"ZIP", "zone d'intervention prioritaire (ZIP)", ZONE_LEVEL_PRIORITY},
    {"ZAC", "zone d'action complémentaire (ZAC)", ZONE_LEVEL_COMPLEMENT},
    {"ZAR", "zone d'accompagnement régional (ZAR)", ZONE_LEVEL_COMPLEMENT},
    {"HORS", "hors zonage", ZONE_LEVEL_NONE},
    {"TRES_SOUS_DOTEE", "zone très sous-dotée", ZONE_LEVEL_PRIORITY},
    {"SOUS_DOTEE", "zone sous-dotée", ZONE_LEVEL_PRIORITY},
    {"INTERMEDIAIRE", "zone intermédiaire", ZONE_LEVEL_COMPLEMENT},
    {"TRES_DOTEE", "zone très dotée", ZONE_LEVEL_NONE},
    {"SUR_DOTEE", "zone sur-dotée", ZONE_LEVEL_NONE},
  };
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (strcmp(zCode, a[i].zCode) == 0) {
      *pzName = a[i].zName;
      *pLevel = a[i].level;
      return;
    }
  }
  *pzName = zCode;
  *pLevel = ZONE_LEVEL_UNKNOWN;
}

/* "3,47" (two decimals, decimal comma) into zOut. */
static const char *zoning_num(double v, char *zOut, size_t nOut)
{
  snprintf(zOut, nOut, "%.2f", v);
  char *c = strchr(zOut, '.');
  if (c) *c = ',';
  return zOut;
}

/* (a) the latest arrêté for the commune and profession, when imported. */
static int zoning_from_arrete(Store *db, Arena *a, const char *zCommune,
                              const char *zProf, ZoneInfo *p, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT zone, coalesce(date_arrete, ''), coalesce(reference, ''),"
      " coalesce(vintage, 0) FROM zonage WHERE commune = ?1 AND profession = ?2"
      " ORDER BY coalesce(date_arrete, '') DESC, id DESC LIMIT 1");
  store_bind_text(q, 1, zCommune);
  store_bind_text(q, 2, zProf);
  int rc = store_step(q, err);
  if (rc != 1) return rc;                         /* 0: none, < 0: error */
  const char *zName;
  p->zClass = arena_strdup(a, store_col_text(q, 0));
  zoning_official(p->zClass, &zName, &p->level);
  p->isOfficial = 1;
  p->zDate = arena_strdup(a, store_col_text(q, 1));
  const char *zRef = store_col_text(q, 2);
  p->vintage = (int)store_col_int(q, 3);
  char zDate[16] = "";
  if (strlen(p->zDate) == 10) {
    snprintf(zDate, sizeof zDate, "%.2s/%.2s/%.4s", p->zDate + 8,
             p->zDate + 5, p->zDate);
  }
  p->zSource = arena_printf(a, "arrêté de l'ARS%s%s%s%s%s",
                            zDate[0] ? " du " : "", zDate,
                            zRef[0] ? " (" : "", zRef, zRef[0] ? ")" : "");
  p->zLabel = arena_printf(a, "%c%s — zonage officiel, %s",
                           toupper((unsigned char)zName[0]), zName + 1,
                           p->zSource);
  store_reset(q);
  return 1;
}

/* (b) indicative class from the latest DREES APL of the commune. */
static int zoning_from_drees(Store *db, Arena *a, const char *zCommune,
                             ZoneInfo *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT apl, vintage FROM apl_reference"
                           " WHERE commune = ?1 ORDER BY vintage DESC LIMIT 1");
  store_bind_text(q, 1, zCommune);
  int rc = store_step(q, err);
  if (rc != 1) return rc;
  AccParams par = acc_params_default();
  p->apl = store_col_double(q, 0);
  p->vintage = (int)store_col_int(q, 1);
  store_reset(q);
  int zone = acc_zone(&par, p->apl);
  static const char *const azCode[] = {"sous_dense", "intermediaire",
                                       "non_zone"};
  static const ZoneLevel aLevel[] = {ZONE_LEVEL_PRIORITY,
                                     ZONE_LEVEL_COMPLEMENT, ZONE_LEVEL_NONE};
  char zApl[32], zLo[16], zHi[16];
  p->zClass = azCode[zone];
  p->level = aLevel[zone];
  p->isOfficial = 0;
  p->zSource = arena_printf(a, "APL DREES %d", p->vintage);
  zoning_num(p->apl, zApl, sizeof zApl);
  zoning_num(par.zoneSousDense, zLo, sizeof zLo);
  zoning_num(par.zoneBienDote, zHi, sizeof zHi);
  p->zLabel = arena_printf(a,
      "%s — classement indicatif d'après l'APL DREES %d (%s ; seuils %s et "
      "%s) — zonage officiel non importé",
      zone == 0 ? "Sous-dense" : zone == 1 ? "Intermédiaire" : "Non zoné",
      p->vintage, zApl, zLo, zHi);
  return 1;
}

int zoning_of(Store *db, Arena *a, const char *zCommune,
              const char *zProfession, ZoneInfo *p, Err *err)
{
  memset(p, 0, sizeof *p);
  p->apl = NAN;
  p->zDate = "";
  p->zSource = "";
  const char *zProf = zProfession && zProfession[0] ? zProfession : "medecin";
  int rc = zoning_from_arrete(db, a, zCommune, zProf, p, err);
  if (rc < 0) return rc;
  /* The official APL is shown beside an official class too. */
  ZoneInfo d;
  memset(&d, 0, sizeof d);
  d.apl = NAN;
  int rcD = zoning_from_drees(db, a, zCommune, &d, err);
  if (rcD < 0) return rcD;
  if (rc == 1) {
    p->apl = d.apl;
    if (!p->vintage) p->vintage = d.vintage;
    return 0;
  }
  if (rcD == 1) {
    *p = d;
    p->zDate = "";
    return 0;
  }
  p->zClass = "inconnu";
  p->level = ZONE_LEVEL_UNKNOWN;
  p->zLabel = "Aucune donnée officielle pour cette commune (ni zonage de "
              "l'ARS ni APL de la DREES importés)";
  return 0;
}

json_t *zoning_json(const ZoneInfo *p)
{
  json_t *o = json_pack("{s:s, s:b, s:i, s:s, s:s}", "classe", p->zClass,
                        "officiel", p->isOfficial, "niveau", (int)p->level,
                        "libelle", p->zLabel, "source", p->zSource);
  json_object_set_new(o, "millesime", p->vintage ? json_integer(p->vintage)
                                                 : json_null());
  json_object_set_new(o, "apl", isnan(p->apl) ? json_null()
                                              : json_real(p->apl));
  return o;
}
