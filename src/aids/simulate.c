/*
** aids/simulate.c: which aids a person may claim, and which can be combined.
**
** Pure rules: takes an AidCatalog and an AidProfile whose places the caller
** already resolved (AidPlace), and fills an AidSim with one French
** sentence per rule applied.  A condition that cannot be decided from the
** profile (unknown zone, free-text condition, unstated first installation)
** makes the scheme "à vérifier", never eligible by default.  No SQL, no
** HTML or JSON here: catalog.c reads the data, json.c and the pages present
** the result.  Money is in money.c.
*/
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "aids/aids.h"
#include "base/french.h"

/* Last year of the initial training (étudiant·e), by profession, counted
** from PASS/LAS (or the first year) = 1.  The end of all studies, including
** the internship, is aid_study_last_year() in money.c. */
static const int aStudyLast[AID_NPROF] = {6, 6, 6, 5, 3, 5, 5};

void aid_profile_init(AidProfile *p)
{
  memset(p, 0, sizeof *p);
  p->mode = -1;
  p->firstInstall = -1;
}

static int is_studying(int status)
{
  return status == AID_ETUDIANT || status == AID_INTERNE ||
         status == AID_DOCJR;
}

static int bad(Err *err, const char *zField, const char *zMsg)
{
  err_set(err, ERR_INPUT, "%s", zMsg);
  err_field(err, zField);
  return ERR_INPUT;
}

int aid_profile_check(const AidProfile *p, Err *err)
{
  char zMsg[256];
  if (p->profession < 0 || p->profession >= AID_NPROF)
    return bad(err, "profession", "profession inconnue");
  if (p->status < 0 || p->status >= AID_NSTATUS)
    return bad(err, "statut", "statut inconnu");
  int isMed = p->profession == AID_MG || p->profession == AID_SPE;
  if (p->status == AID_INTERNE && !isMed && p->profession != AID_DENT)
    return bad(err, "statut", "l'internat ne concerne que les études de "
               "médecine et d'odontologie");
  if (p->status == AID_DOCJR && !isMed)
    return bad(err, "statut", "le statut de docteur junior ne concerne que "
               "les études de médecine");
  if (p->year < 0) return bad(err, "annee", "année d'études négative");
  if (p->year && !is_studying(p->status)) {
    snprintf(zMsg, sizeof zMsg, "une année d'études est sans objet pour le "
             "statut « %s »", aid_label(AID_LABEL_STATUS, p->status));
    return bad(err, "annee", zMsg);
  }
  int lo = 1, hi = aStudyLast[p->profession];
  if (p->status == AID_INTERNE) lo = 7, hi = aid_study_last_year(p->profession) + 1;
  if (p->status == AID_INTERNE && p->profession == AID_DENT) hi = 9;
  if (p->status == AID_DOCJR) lo = 10, hi = aid_study_last_year(p->profession) + 1;
  if (p->year && (p->year < lo || p->year > hi)) {
    snprintf(zMsg, sizeof zMsg, "profil impossible : en %s, le statut « %s » "
             "va de la %d%s à la %de année d'études (année 1 = PASS/LAS), "
             "pas la %d%s", aid_label(AID_LABEL_PROF, p->profession),
             aid_label(AID_LABEL_STATUS, p->status), lo, lo == 1 ? "re" : "e",
             hi, p->year, p->year == 1 ? "re" : "e");
    return bad(err, "annee", zMsg);
  }
  if (p->year == 1 && p->hasPassLas)
    return bad(err, "pass_las", "profil impossible : en 1re année, le "
               "PASS/LAS n'est pas encore validé");
  if (p->mode < -1 || p->mode >= AID_NMODE)
    return bad(err, "mode", "mode d'exercice inconnu");
  if (p->firstInstall < -1 || p->firstInstall > 1)
    return bad(err, "premiere_installation", "valeur inconnue");
  if (p->startMonth < 0 || p->startMonth > 12 ||
      (p->startYear && (p->startYear < 2000 || p->startYear > 2100)) ||
      (!p->startYear != !p->startMonth))
    return bad(err, "debut", "date de début AAAA-MM invalide");
  return 0;
}

/* ---- territories -------------------------------------------------------- */

int aid_place_in(const AidTerr *a, int n, const AidPlace *pl)
{
  int isUnknown = 0;
  for (int i = 0; i < n; i++) {
    const char *zHave = NULL;
    switch (a[i].level) {
      case AID_TERR_FRANCE: return 1;
      case AID_TERR_COMMUNE: zHave = pl->zCommune; break;
      case AID_TERR_EPCI: zHave = pl->zEpci; break;
      case AID_TERR_DEP: zHave = pl->zDep; break;
      case AID_TERR_REG: zHave = pl->zReg; break;
    }
    if (!zHave || !zHave[0]) {
      isUnknown = 1;
    } else if (strcmp(zHave, a[i].zCode) == 0) {
      return 1;
    }
  }
  return isUnknown ? -1 : 0;
}

void aid_terr_text(Str *o, const AidTerr *a, int n)
{
  for (int i = 0; i < n; i++) {
    str_appendf(o, "%s%s", i ? ", " : "", aid_label(AID_LABEL_TERR, a[i].level));
    if (a[i].zCode[0]) str_appendf(o, " %s", a[i].zCode);
  }
}

void aid_terr_say(Str *o, const AidTerr *a, int n)
{
  for (int i = 0; i < n; i++) {
    str_appendf(o, "%s%s", i ? ", " : "", aid_label(AID_LABEL_TERR, a[i].level));
    if (a[i].zName && a[i].zName[0])
      str_appendf(o, " %s (%s)", a[i].zName, a[i].zCode);
    else if (a[i].zCode[0])
      str_appendf(o, " %s", a[i].zCode);
  }
}

/* ---- sentences ---------------------------------------------------------- */

typedef struct Ctx Ctx;
struct Ctx {
  Arena *a;
  AidReason *aReason;
  int nReason, nCap;
};

static void say(Ctx *x, int outcome, const char *zFmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(Ctx *x, int outcome, const char *zFmt, ...)
{
  if (!x) return;
  if (x->nReason == x->nCap) {
    int nNew = x->nCap ? 2 * x->nCap : 8;
    AidReason *aNew = arena_alloc(x->a, (size_t)nNew * sizeof *aNew);
    if (x->nReason) memcpy(aNew, x->aReason, x->nReason * sizeof *aNew);
    x->aReason = aNew;
    x->nCap = nNew;
  }
  Str s = STR_INIT;
  va_list ap;
  va_start(ap, zFmt);
  str_vappendf(&s, zFmt, ap);
  va_end(ap);
  x->aReason[x->nReason].outcome = outcome;
  x->aReason[x->nReason].zText = arena_strdup(x->a, str_text(&s));
  x->nReason++;
  str_free(&s);
}

/* "1re", "2e": into z. */
static const char *ordinal(char *z, int n)
{
  snprintf(z, 8, "%d%s", n, n == 1 ? "re" : "e");
  return z;
}

/* A decimal with a French comma, at most 2 decimals: "2,1". */
static const char *num_fr(char *z, double v)
{
  snprintf(z, 32, "%.2f", v);
  size_t n = strlen(z);
  while (n > 0 && z[n - 1] == '0') z[--n] = 0;
  if (n > 0 && z[n - 1] == '.') z[--n] = 0;
  char *zDot = strchr(z, '.');
  if (zDot) *zDot = ',';
  return z;
}

/* Labels of mask's bits joined by ", " and a final " ou "; arena text. */
static const char *mask_text(Arena *a, int kind, unsigned m)
{
  Str s = STR_INIT;
  int nBits = __builtin_popcount(m), k = 0;
  for (int i = 0; i < 32; i++) {
    if (!(m & 1u << i)) continue;
    k++;
    str_appendf(&s, "%s%s", k == 1 ? "" : k == nBits ? " ou " : ", ",
                aid_label(kind, i));
  }
  const char *z = arena_strdup(a, str_text(&s));
  str_free(&s);
  return z;
}

static const char *place_text(Arena *a, const AidPlace *pl)
{
  if (pl->zName[0]) return arena_printf(a, "%s (%s)", pl->zName, pl->zCommune);
  return arena_strdup(a, pl->zCommune);
}

/* "au Creusot (71153)", "à Blois (41018)": the place after « à »,
** contracted as French wants (base/french.h). */
static const char *place_at_text(Arena *a, const AidPlace *pl)
{
  if (!pl->zName[0]) return arena_printf(a, "à %s", pl->zCommune);
  size_t n = strlen(pl->zName) + 8;
  char *z = arena_alloc(a, n);
  return arena_printf(a, "%s (%s)", fr_a(pl->zName, z, n), pl->zCommune);
}

/* "du Creusot (71153)", "de Blois (41018)", "d'Autun (71014)": the place
** after « de », contracted (base/french.h). */
static const char *place_of_text(Arena *a, const AidPlace *pl)
{
  if (!pl->zName[0]) return arena_printf(a, "de %s", pl->zCommune);
  size_t n = strlen(pl->zName) + 8;
  char *z = arena_alloc(a, n);
  return arena_printf(a, "%s (%s)", fr_de(pl->zName, z, n), pl->zCommune);
}

static const char *terr_text(Arena *a, const AidTerr *aT, int n)
{
  Str s = STR_INIT;
  aid_terr_say(&s, aT, n);
  const char *z = arena_strdup(a, str_text(&s));
  str_free(&s);
  return z;
}

/* "Blois (41018) : intermédiaire — classement indicatif d'après l'APL
** DREES 2023 (…) — zonage officiel non importé": the place and its class
** as zoning_of() labelled it, source included. */
static const char *zone_text(Arena *a, const AidPlace *pl, int isStage)
{
  const char *zPl = isStage ? place_at_text(a, pl) : place_text(a, pl);
  if (!pl->zZoneLabel[0])
    return arena_printf(a, "%s%s : zonage inconnu",
                        isStage ? "Votre stage " : "", zPl);
  return arena_printf(a, "%s%s : %s", isStage ? "Votre stage " : "", zPl,
                      pl->zZoneLabel);
}

/* The mask bit (1 << AID_ZONE_*) a zone level answers to: the official
** ZIP and the priority classes for ZIP, ZAC/ZAR and the complementary
** ones for ZAC, the rest for "hors zone". */
static unsigned zone_level_bit(int level)
{
  switch (level) {
    case 2: return 1u << AID_ZONE_ZIP;
    case 1: return 1u << AID_ZONE_ZAC;
    case 0: return 1u << AID_ZONE_HORS;
  }
  return 0;
}

int aid_place_zone_in(const AidPlace *pl, unsigned m)
{
  if (!pl->zCommune[0] || !pl->isZoneOfficial || pl->zoneLevel < 0) return -1;
  return (m & zone_level_bit(pl->zoneLevel)) != 0;
}

int aid_place_zone_likely(const AidPlace *pl, unsigned m)
{
  return pl->zCommune[0] && (m & zone_level_bit(pl->zoneLevel)) != 0;
}

/* ---- conditions --------------------------------------------------------- */

static int cond_place(const AidScheme *s, const AidPlace *pl, int isStage,
                      Ctx *x)
{
  const char *zWhat = isStage ? "Votre stage" : "La commune";
  if (!pl->zCommune[0]) {
    if (x)
      say(x, AID_UNKNOWN, "%s non précisé%s : cette aide vaut pour %s.",
          isStage ? "Lieu de stage" : "Commune d'exercice", isStage ? "" : "e",
          terr_text(x->a, s->aTerr, s->nTerr));
    return AID_UNKNOWN;
  }
  int in = aid_place_in(s->aTerr, s->nTerr, pl);
  if (!x) return in > 0 ? AID_MET : in == 0 ? AID_FAILED : AID_UNKNOWN;
  const char *zPl = isStage ? place_at_text(x->a, pl) : place_text(x->a, pl);
  const char *zT = terr_text(x->a, s->aTerr, s->nTerr);
  if (in > 0) {
    say(x, AID_MET, "%s %s est dans le territoire de l'aide : %s.", zWhat,
        zPl, zT);
    return AID_MET;
  }
  if (in == 0) {
    say(x, AID_FAILED, "%s %s est hors du territoire de l'aide : %s.", zWhat,
        zPl, zT);
    return AID_FAILED;
  }
  say(x, AID_UNKNOWN, "Rattachement %s au territoire de l'aide inconnu "
      "(à vérifier par l'équipe) : %s.", place_of_text(x->a, pl), zT);
  return AID_UNKNOWN;
}

/* A zone condition is decided only by the official zonage (the arrêté);
** without it the indicative DREES class is cited and the team checks. */
static int cond_zone(const AidCond *c, const AidPlace *pl, int isStage, Ctx *x)
{
  int in = aid_place_zone_in(pl, c->mask);
  if (!x) return in > 0 ? AID_MET : in == 0 ? AID_FAILED : AID_UNKNOWN;
  const char *zM = mask_text(x->a, AID_LABEL_ZONE, c->mask);
  if (!pl->zCommune[0]) {
    say(x, AID_UNKNOWN, "%s non précisé%s : cette aide vise une commune "
        "en %s.", isStage ? "Lieu de stage" : "Commune d'exercice",
        isStage ? "" : "e", zM);
    return AID_UNKNOWN;
  }
  const char *zZ = zone_text(x->a, pl, isStage);
  if (in > 0) {
    say(x, AID_MET, "%s ; zone visée par l'aide (%s).", zZ, zM);
    return AID_MET;
  }
  if (in == 0) {
    say(x, AID_FAILED, "%s ; cette aide vise %s.", zZ, zM);
    return AID_FAILED;
  }
  if (pl->zoneLevel < 0) {
    say(x, AID_UNKNOWN, "%s : à vérifier par l'équipe (cette aide vise %s).",
        zZ, zM);
  } else {
    say(x, AID_UNKNOWN, "%s. Cette aide vise %s du zonage de l'ARS : %s ; "
        "à vérifier par l'équipe sur l'arrêté.", zZ, zM,
        aid_place_zone_likely(pl, c->mask)
            ? "commune probablement concernée"
            : "commune probablement non concernée");
  }
  return AID_UNKNOWN;
}

static int cond_eval(const AidScheme *s, const AidCond *c,
                     const AidProfile *p, Ctx *x)
{
  char zA[8], zB[8], zN1[32], zN2[32];
  switch (c->kind) {
    case AID_COND_YEAR_MIN:
    case AID_COND_YEAR_MAX: {
      int isMin = c->kind == AID_COND_YEAR_MIN;
      const char *zVerb = isMin ? "commence en" : "s'arrête après la";
      if (!p->year) {
        int o = is_studying(p->status) ? AID_UNKNOWN : AID_FAILED;
        if (o == AID_UNKNOWN)
          say(x, o, "Année d'études non précisée : cette aide %s %s année.",
              zVerb, ordinal(zB, c->iValue));
        else
          say(x, o, "Cette aide %s %s année d'études : vous n'êtes plus en "
              "études.", zVerb, ordinal(zB, c->iValue));
        return o;
      }
      int ok = isMin ? p->year >= c->iValue : p->year <= c->iValue;
      say(x, ok ? AID_MET : AID_FAILED, "Vous êtes en %s année : cette aide "
          "%s %s année.", ordinal(zA, p->year), zVerb, ordinal(zB, c->iValue));
      return ok ? AID_MET : AID_FAILED;
    }
    case AID_COND_PASS_LAS:
      if (p->hasPassLas) {
        say(x, AID_MET, "Vous avez validé le PASS/LAS.");
        return AID_MET;
      }
      if (p->status == AID_INTERNE || p->status == AID_DOCJR) {
        say(x, AID_UNKNOWN, "PASS/LAS non indiqué (les internes actuels ont "
            "souvent passé la PACES) : à vérifier par l'équipe.");
        return AID_UNKNOWN;
      }
      say(x, AID_FAILED, "Cette aide demande d'avoir validé le PASS ou une "
          "L.AS.");
      return AID_FAILED;
    case AID_COND_TARGET_IN: return cond_place(s, &p->target, 0, x);
    case AID_COND_PLACEMENT_IN: return cond_place(s, &p->placement, 1, x);
    case AID_COND_ZONE_TARGET: return cond_zone(c, &p->target, 0, x);
    case AID_COND_ZONE_PLACEMENT: return cond_zone(c, &p->placement, 1, x);
    case AID_COND_APL_MAX: {
      const AidPlace *pl = &p->target;
      if (!pl->zCommune[0] || !pl->hasApl) {
        if (x)
          say(x, AID_UNKNOWN, "APL %s inconnue : cette aide vise une APL "
              "inférieure à %s (à vérifier par l'équipe).",
              pl->zCommune[0] ? place_of_text(x->a, pl) : "de la commune",
              num_fr(zN2, c->rValue));
        return AID_UNKNOWN;
      }
      int ok = pl->apl < c->rValue;
      if (x)
        say(x, ok ? AID_MET : AID_FAILED, "APL %s (DREES%s%.0d) : %s, "
            "%s du seuil de %s fixé par l'aide.", place_of_text(x->a, pl),
            pl->aplVintage ? " " : "", pl->aplVintage, num_fr(zN1, pl->apl),
            ok ? "en dessous" : "au-dessus", num_fr(zN2, c->rValue));
      return ok ? AID_MET : AID_FAILED;
    }
    case AID_COND_FIRST_INSTALL:
      if (p->firstInstall < 0) {
        say(x, AID_UNKNOWN, "Première installation non précisée : à vérifier "
            "par l'équipe.");
        return AID_UNKNOWN;
      }
      say(x, p->firstInstall ? AID_MET : AID_FAILED, "%s",
          p->firstInstall ? "Il s'agit de votre première installation."
                          : "Cette aide est réservée à une première "
                            "installation.");
      return p->firstInstall ? AID_MET : AID_FAILED;
    case AID_COND_MODE: {
      if (p->mode < 0) {
        if (x)
          say(x, AID_UNKNOWN, "Mode d'exercice non précisé : cette aide vise "
              "l'exercice %s.", mask_text(x->a, AID_LABEL_MODE, c->mask));
        return AID_UNKNOWN;
      }
      int ok = (c->mask & 1u << p->mode) != 0;
      if (x)
        say(x, ok ? AID_MET : AID_FAILED, "Exercice %s : %s%s.",
            aid_label(AID_LABEL_MODE, p->mode),
            ok ? "mode accepté" : "cette aide vise l'exercice ",
            ok ? "" : mask_text(x->a, AID_LABEL_MODE, c->mask));
      return ok ? AID_MET : AID_FAILED;
    }
    case AID_COND_CHECK:
      say(x, AID_UNKNOWN, "À vérifier par l'équipe : %s.", c->zText);
      return AID_UNKNOWN;
  }
  assert(0);
  return AID_UNKNOWN;
}

/* "31/12/2026" for "2026-12-31" (pages show dates as people write them;
** the catalogue keeps ISO), in arena a; "" stays "". */
static const char *date_fr(Arena *a, const char *zIso)
{
  if (strlen(zIso) != 10) return zIso;
  return arena_printf(a, "%.2s/%.2s/%.4s", zIso + 8, zIso + 5, zIso);
}

/* Validity of the scheme at the planned start. */
static int cond_dates(const AidScheme *s, const AidProfile *p, Ctx *x)
{
  if (!s->zFrom[0] && !s->zTo[0]) return AID_MET;
  if (!p->startYear) {
    if (x)
      say(x, AID_UNKNOWN, "Date de début non précisée : cette aide est "
          "ouverte %s%s%s%s.", s->zFrom[0] ? "à partir du " : "",
          date_fr(x->a, s->zFrom), s->zTo[0] ? " jusqu'au " : "",
          date_fr(x->a, s->zTo));
    return AID_UNKNOWN;
  }
  char zStart[16];
  snprintf(zStart, sizeof zStart, "%04d-%02d-01", p->startYear, p->startMonth);
  if (s->zTo[0] && strcmp(zStart, s->zTo) > 0) {
    if (x)
      say(x, AID_FAILED, "Cette aide a pris fin le %s, avant votre début "
          "prévu (%02d/%04d).", date_fr(x->a, s->zTo), p->startMonth,
          p->startYear);
    return AID_FAILED;
  }
  if (s->zFrom[0] && strncmp(zStart, s->zFrom, 7) < 0) {
    if (x)
      say(x, AID_FAILED, "Cette aide n'ouvre que le %s, après votre début "
          "prévu (%02d/%04d).", date_fr(x->a, s->zFrom), p->startMonth,
          p->startYear);
    return AID_FAILED;
  }
  say(x, AID_MET, "Aide ouverte à votre date de début prévue (%02d/%04d).",
      p->startMonth, p->startYear);
  return AID_MET;
}

/* Does the target commune satisfy s's commitment?  1, 0, -1 unknown. */
static int commit_place_ok(const AidScheme *s, const AidProfile *p)
{
  const AidCommit *c = &s->commit;
  if (!c->hasCommit || !p->target.zCommune[0]) return -1;
  int in = c->nPlace ? aid_place_in(c->aPlace, c->nPlace, &p->target)
                     : aid_place_in(s->aTerr, s->nTerr, &p->target);
  if (in == 0) return 0;
  if (c->modeMask && p->mode >= 0 && !(c->modeMask & 1u << p->mode)) return 0;
  if (c->zoneMask) {
    int inZone = aid_place_zone_in(&p->target, c->zoneMask);
    if (inZone == 0) return 0;
    if (inZone < 0) return -1;
  }
  return in;
}

/* The commitment binds to a place: does the target commune fit it? */
static int cond_commit(const AidScheme *s, const AidProfile *p, Ctx *x)
{
  int ok = commit_place_ok(s, p);
  if (!x) return ok > 0 ? AID_MET : ok == 0 ? AID_FAILED : AID_UNKNOWN;
  const AidCommit *c = &s->commit;
  Str w = STR_INIT;
  if (c->nPlace) aid_terr_say(&w, c->aPlace, c->nPlace);
  else aid_terr_say(&w, s->aTerr, s->nTerr);
  if (c->zoneMask)
    str_appendf(&w, ", en %s", mask_text(x->a, AID_LABEL_ZONE, c->zoneMask));
  if (c->modeMask)
    str_appendf(&w, ", exercice %s", mask_text(x->a, AID_LABEL_MODE,
                                               c->modeMask));
  if (!p->target.zCommune[0]) {
    say(x, AID_UNKNOWN, "Commune d'exercice non précisée : l'engagement se "
        "tient ici : %s.", str_text(&w));
  } else if (ok > 0) {
    say(x, AID_MET, "%s permet de tenir l'engagement : %s.",
        place_text(x->a, &p->target), str_text(&w));
  } else if (ok == 0 && c->zoneMask &&
             aid_place_zone_in(&p->target, c->zoneMask) == 0) {
    say(x, AID_FAILED, "L'engagement se tient ici : %s ; %s ne convient pas "
        "(%s).", str_text(&w), place_text(x->a, &p->target),
        p->target.zZoneLabel);
  } else if (ok == 0) {
    say(x, AID_FAILED, "L'engagement se tient ici : %s ; %s ne convient pas.",
        str_text(&w), place_text(x->a, &p->target));
  } else if (c->zoneMask && p->target.zoneLevel >= 0 &&
             !p->target.isZoneOfficial) {
    say(x, AID_UNKNOWN, "L'engagement se tient ici : %s. %s ; %s, à "
        "vérifier par l'équipe sur l'arrêté de l'ARS.", str_text(&w),
        zone_text(x->a, &p->target, 0),
        aid_place_zone_likely(&p->target, c->zoneMask)
            ? "commune probablement concernée"
            : "commune probablement non concernée");
  } else {
    say(x, AID_UNKNOWN, "L'engagement se tient ici : %s ; pour %s, à vérifier "
        "par l'équipe.", str_text(&w), place_text(x->a, &p->target));
  }
  str_free(&w);
  return ok > 0 ? AID_MET : ok == 0 ? AID_FAILED : AID_UNKNOWN;
}

/*
** Verdict of s for p.  With x, every rule adds its sentence; without, the
** first failed rule ends the evaluation (the bench's inner loop).
*/
static int scheme_eval(const AidScheme *s, const AidProfile *p, Ctx *x)
{
  int nFailed = 0, nUnknown = 0, o;
  if (s->state != AID_PUBLISHED) {
    say(x, AID_FAILED, "Cette aide n'est pas publiée (%s).",
        aid_label(AID_LABEL_STATE, s->state));
    if (!x) return AID_NOT_ELIGIBLE;
    nFailed++;
  }
  if (s->profMask & 1u << p->profession) {
    say(x, AID_MET, "Vous êtes %s : profession concernée.",
        aid_label(AID_LABEL_PROF, p->profession));
  } else {
    if (!x) return AID_NOT_ELIGIBLE;
    say(x, AID_FAILED, "Vous êtes %s : cette aide vise %s.",
        aid_label(AID_LABEL_PROF, p->profession),
        mask_text(x->a, AID_LABEL_PROF, s->profMask));
    nFailed++;
  }
  if (s->statusMask & 1u << p->status) {
    say(x, AID_MET, "Statut « %s » : concerné.",
        aid_label(AID_LABEL_STATUS, p->status));
  } else {
    if (!x) return AID_NOT_ELIGIBLE;
    say(x, AID_FAILED, "Statut « %s » : cette aide vise %s.",
        aid_label(AID_LABEL_STATUS, p->status),
        mask_text(x->a, AID_LABEL_STATUS, s->statusMask));
    nFailed++;
  }
  for (int i = -1; i < s->nCond; i++) {
    o = i < 0 ? cond_dates(s, p, x) : cond_eval(s, &s->aCond[i], p, x);
    if (o == AID_FAILED) {
      if (!x) return AID_NOT_ELIGIBLE;
      nFailed++;
    }
    if (o == AID_UNKNOWN) nUnknown++;
  }
  if (s->commit.hasCommit) {
    o = cond_commit(s, p, x);
    if (o == AID_FAILED) nFailed++;
    if (o == AID_UNKNOWN) nUnknown++;
  }
  return nFailed ? AID_NOT_ELIGIBLE : nUnknown ? AID_TO_CHECK : AID_ELIGIBLE;
}

int aid_verdict(const AidScheme *s, const AidProfile *p)
{
  return scheme_eval(s, p, NULL);
}

AidSim *aid_simulate(const AidCatalog *pCat, const AidProfile *pProf,
                     Arena *a)
{
  AidSim *pSim = arena_alloc(a, sizeof *pSim);
  pSim->profile = *pProf;
  pSim->nRes = pCat->nScheme;
  pSim->aRes = arena_alloc(a, sizeof(AidResult) * (pCat->nScheme + 1));
  int nHorizon = 1;
  for (int i = 0; i < pCat->nScheme; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    AidResult *r = &pSim->aRes[i];
    Ctx x = {a, NULL, 0, 0};
    r->pScheme = s;
    r->verdict = scheme_eval(s, pProf, &x);
    r->aReason = x.aReason;
    r->nReason = x.nReason;
    if (r->verdict != AID_NOT_ELIGIBLE) {
      int n = aid_scheme_months(s, pProf);
      if (n > nHorizon) nHorizon = n;
    }
  }
  if (nHorizon > AID_HORIZON_MAX) nHorizon = AID_HORIZON_MAX;
  pSim->nHorizon = nHorizon;
  int nCand = 0;
  int64_t *aScratch = arena_alloc(a, sizeof(int64_t) * nHorizon);
  for (int i = 0; i < pCat->nScheme; i++) {
    AidResult *r = &pSim->aRes[i];
    if (r->verdict == AID_NOT_ELIGIBLE) {
      /* its total is still shown; its months are not kept */
      memset(aScratch, 0, sizeof(int64_t) * nHorizon);
      aid_result_money(r->pScheme, pProf, r, aScratch, nHorizon);
      r->aMonth = NULL;
    } else {
      aid_result_money(r->pScheme, pProf, r,
                       arena_alloc(a, sizeof(int64_t) * nHorizon), nHorizon);
    }
    r->isPlaceOk = commit_place_ok(r->pScheme, pProf);
    if (r->verdict != AID_NOT_ELIGIBLE) nCand++;
  }
  /* Pairs among the candidates that cannot, or may not, be combined:
  ** counted first, so the array is the size of the answer. */
  int *aCand = arena_alloc(a, sizeof(int) * (nCand + 1));
  int nPair = 0, k = 0;
  for (int i = 0; i < pCat->nScheme; i++) {
    if (pSim->aRes[i].verdict != AID_NOT_ELIGIBLE) aCand[k++] = i;
  }
  for (int pass = 0; pass < 2; pass++) {
    if (pass) pSim->aPair = arena_alloc(a, sizeof(AidPair) * (nPair + 1));
    for (int x = 0; x < nCand; x++) {
      for (int y = x + 1; y < nCand; y++) {
        int v = pCat->aCumul[aCand[x] * pCat->nScheme + aCand[y]];
        if (v == 1) continue;
        if (pass) {
          AidPair *pp = &pSim->aPair[pSim->nPair++];
          pp->i = aCand[x];
          pp->j = aCand[y];
          pp->kind = v;
        } else {
          nPair++;
        }
      }
    }
  }
  aid_best_combination(pCat, pSim, a);
  return pSim;
}
