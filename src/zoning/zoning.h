/*
** zoning/zoning.h: one classification of a commune, and where it comes from.
**
** DESIGN.md's truth rule: a commune's class comes from one function that
** every page, export and API answer calls.  zoning_of() answers, for a
** commune and a profession:
**   (a) the official zonage of the ARS arrêté when imported (the words
**       ZIP / ZAC / ZAR belong to it alone), else
**   (b) an indicative class from the official DREES APL of the latest
**       vintage in the database against the 2017 thresholds, labelled as
**       such (« classement indicatif… — zonage officiel non importé »),
**   never our own model's estimate.
** import.c reads the arrêtés' per-commune files into the zonage table.
*/
#ifndef OASIS_ZONING_H
#define OASIS_ZONING_H
#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

/* How strongly a class calls for action, for rules that depend on it
** (aid eligibility): the official ZIP or an indicative « sous-dense »
** is priority; ZAC or « intermédiaire » is complementary. */
typedef enum ZoneLevel {
  ZONE_LEVEL_UNKNOWN = -1,   /* no official figure for this commune */
  ZONE_LEVEL_NONE = 0,       /* hors zonage / non zoné */
  ZONE_LEVEL_COMPLEMENT = 1, /* ZAC, ZAR, intermédiaire */
  ZONE_LEVEL_PRIORITY = 2    /* ZIP, sous-dense, (très) sous-dotée */
} ZoneLevel;

typedef struct ZoneInfo ZoneInfo;
struct ZoneInfo {
  const char *zClass;      /* "ZIP", "ZAC", "ZAR", "HORS", "TRES_SOUS_DOTEE"…
                           ** (official), "sous_dense", "intermediaire",
                           ** "non_zone" (indicative), "inconnu" */
  int isOfficial;          /* (a): from an imported arrêté */
  ZoneLevel level;
  const char *zLabel;      /* French, complete: what a page shows */
  const char *zSource;     /* "arrêté ARS du 12/03/2024 (réf.)" or
                           ** "APL DREES 2023" or "" */
  int vintage;             /* DREES vintage, or the zonage's; 0 if none */
  double apl;              /* official DREES APL of that vintage, NaN if none */
  const char *zDate;       /* date of the arrêté, "" if none */
};

/* Classify commune zCommune for profession zProfession ("medecin" when
** NULL).  Strings in the arena.  0, or < 0 with err filled (database). */
int zoning_of(Store *db, Arena *a, const char *zCommune,
              const char *zProfession, ZoneInfo *p, Err *err);
/* zoning_of() for each commune azCode[0..n-1] into aOut[0..n-1], in two
** queries: the same rules and the same texts.  Strings in the arena.  0, or < 0 with err (database). */
int zoning_of_each(Store *db, Arena *a, const char *const *azCode, int n,
                   const char *zProfession, ZoneInfo *aOut, Err *err);
/* {"classe", "officiel", "niveau", "libelle", "source", "millesime",
** "apl"}: the zone object of every JSON answer.  New reference. */
json_t *zoning_json(const ZoneInfo *p);

/* A badge's words for p: "ZIP", "hors zonage" (official), "sous-dense
** (indicatif)" (indicative), "pas de donnée".  Static. */
const char *zoning_short(const ZoneInfo *p);

/* Import an arrêté's per-commune CSV at zPath (commands.c; the CLI and
** /admin/zonage): all rows or none, logged in import_log; zDefaultProf
** for rows without a profession.  *pnRows (may be NULL) gets the rows
** kept.  0, or < 0 with err naming the line and column. */
int zoning_import(Store *db, const char *zPath, int vintage,
                  const char *zDefaultProf, long *pnRows, Err *err);

/* Parse a class as the ARS files write it ("Zone d'intervention
** prioritaire", "ZIP", "hors zonage", "très sous-dotée"…) into its code
** ("ZIP", "HORS", "TRES_SOUS_DOTEE"…); NULL when not recognised. */
const char *zoning_parse_class(const char *z);

#endif
