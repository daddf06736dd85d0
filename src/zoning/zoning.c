/*
** zoning/zoning.c: the one classification function (see zoning.h) and
** the parsing of the classes the ARS arrêtés write.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Fill p from an arrêté's row: class code zClass, date zDate (ISO or
** ""), reference zRef, vintage (0: none).  Strings in a. */
static void zoning_fill_arrete(Arena *a, const char *zClass,
                               const char *zDateIso, const char *zRef,
                               int vintage, ZoneInfo *p)
{
  const char *zName;
  p->zClass = arena_strdup(a, zClass);
  zoning_official(p->zClass, &zName, &p->level);
  p->isOfficial = 1;
  p->zDate = arena_strdup(a, zDateIso);
  p->vintage = vintage;
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
  zoning_fill_arrete(a, store_col_text(q, 0), store_col_text(q, 1),
                     store_col_text(q, 2), (int)store_col_int(q, 3), p);
  store_reset(q);
  return 1;
}

/* Fill p with the indicative class of DREES APL apl of vintage. */
static void zoning_fill_drees(Arena *a, double apl, int vintage,
                              ZoneInfo *p)
{
  AccParams par = acc_params_default();
  p->apl = apl;
  p->vintage = vintage;
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
  double apl = store_col_double(q, 0);
  int vintage = (int)store_col_int(q, 1);
  store_reset(q);
  zoning_fill_drees(a, apl, vintage, p);
  return 1;
}

/* What zoning_of() answers when neither source knows the commune. */
static void zoning_fill_unknown(ZoneInfo *p)
{
  p->zClass = "inconnu";
  p->level = ZONE_LEVEL_UNKNOWN;
  p->zLabel = "Aucune donnée officielle pour cette commune (ni zonage de "
              "l'ARS ni APL de la DREES importés)";
}

/* p blank: no class, no APL. */
static void zoning_blank(ZoneInfo *p)
{
  memset(p, 0, sizeof *p);
  p->apl = NAN;
  p->zDate = "";
  p->zSource = "";
}

int zoning_of(Store *db, Arena *a, const char *zCommune,
              const char *zProfession, ZoneInfo *p, Err *err)
{
  zoning_blank(p);
  const char *zProf = zProfession && zProfession[0] ? zProfession : "medecin";
  int rc = zoning_from_arrete(db, a, zCommune, zProf, p, err);
  if (rc < 0) return rc;
  /* The official APL is shown beside an official class too. */
  ZoneInfo d;
  zoning_blank(&d);
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
  zoning_fill_unknown(p);
  return 0;
}

/* Index of zCode in azCode[aIdx[0..n-1]] (aIdx sorted by code), or -1. */
static int zoning_find(const char *const *azCode, const int *aIdx, int n,
                       const char *zCode)
{
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2, c = strcmp(azCode[aIdx[mid]], zCode);
    if (c == 0) return aIdx[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/* qsort_r order of indexes into the code array pCtx. */
static int zoning_idx_cmp(const void *x, const void *y, void *pCtx)
{
  const char *const *az = pCtx;
  return strcmp(az[*(const int *)x], az[*(const int *)y]);
}

/*
** zoning_of() for every commune azCode[0..n-1] into aOut[0..n-1], with
** two queries instead of two per commune: the same rules and the same
** texts, since both go through zoning_fill_arrete/zoning_fill_drees.
*/
int zoning_of_each(Store *db, Arena *a, const char *const *azCode, int n,
                   const char *zProfession, ZoneInfo *aOut, Err *err)
{
  const char *zProf = zProfession && zProfession[0] ? zProfession : "medecin";
  int *aIdx = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
  double *aApl = arena_alloc(a, sizeof(double) * (size_t)(n + 1));
  int *aVintage = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
  int rc;
  for (int i = 0; i < n; i++) {
    aIdx[i] = i;
    zoning_blank(&aOut[i]);
  }
  qsort_r(aIdx, (size_t)n, sizeof(int), zoning_idx_cmp, (void *)azCode);
  Stmt *q = store_stmt(db, "SELECT commune, apl, vintage FROM apl_reference"
                           " ORDER BY commune, vintage");
  while ((rc = store_step(q, err)) == 1) {
    int i = zoning_find(azCode, aIdx, n, store_col_text(q, 0));
    if (i < 0) continue;
    aApl[i] = store_col_double(q, 1);          /* the latest vintage wins */
    aVintage[i] = (int)store_col_int(q, 2);
  }
  if (rc < 0) return rc;
  for (int i = 0; i < n; i++) {
    if (aVintage[i]) zoning_fill_drees(a, aApl[i], aVintage[i], &aOut[i]);
  }
  q = store_stmt(db,
      "SELECT commune, zone, coalesce(date_arrete, ''), coalesce(reference,"
      " ''), coalesce(vintage, 0) FROM zonage WHERE profession = ?1"
      " ORDER BY commune, coalesce(date_arrete, ''), id");
  store_bind_text(q, 1, zProf);
  while ((rc = store_step(q, err)) == 1) {
    int i = zoning_find(azCode, aIdx, n, store_col_text(q, 0));
    if (i < 0) continue;
    zoning_blank(&aOut[i]);                    /* the latest arrêté wins */
    zoning_fill_arrete(a, store_col_text(q, 1), store_col_text(q, 2),
                       store_col_text(q, 3), (int)store_col_int(q, 4),
                       &aOut[i]);
    aOut[i].apl = aVintage[i] ? aApl[i] : NAN;
    if (!aOut[i].vintage) aOut[i].vintage = aVintage[i];
  }
  if (rc < 0) return rc;
  for (int i = 0; i < n; i++) {
    if (!aOut[i].zClass) zoning_fill_unknown(&aOut[i]);
  }
  return 0;
}

const char *zoning_short(const ZoneInfo *p)
{
  static const struct { const char *zCode, *zShort; } a[] = {
    {"ZIP", "ZIP"}, {"ZAC", "ZAC"}, {"ZAR", "ZAR"}, {"HORS", "hors zonage"},
    {"TRES_SOUS_DOTEE", "très sous-dotée"}, {"SOUS_DOTEE", "sous-dotée"},
    {"INTERMEDIAIRE", "intermédiaire"}, {"TRES_DOTEE", "très dotée"},
    {"SUR_DOTEE", "sur-dotée"},
    {"sous_dense", "sous-dense (indicatif)"},
    {"intermediaire", "intermédiaire (indicatif)"},
    {"non_zone", "non zoné (indicatif)"},
  };
  if (!p->zClass) return "pas de donnée";
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (strcmp(p->zClass, a[i].zCode) == 0) return a[i].zShort;
  }
  return "pas de donnée";
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
