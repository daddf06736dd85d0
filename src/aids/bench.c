/*
** aids/bench.c: `oasis test-bench-aids` — the simulator's speed on a
** synthetic catalogue (default 1,000 schemes × 10,000 profiles).
**
** Prints profiles per second for the engine's verdicts (conditions parsed
** once, when the catalogue loads), for a naive evaluation that re-parses
** every scheme's condition lines for every profile, their ratio (measured
** in the same run), and the rate of full simulations (sentences, money
** month by month, best combination).  Both evaluations must agree on every
** verdict; the command says so.  Never fails on speed.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aids/aids.h"
#include "base/cmd.h"
#include "base/log.h"
#include "base/progress.h"

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (unsigned)(rng_state % n);
}

static const char *const azDep[] = {"41", "71", "54", "24", "19", "47"};
static const char *const azReg[] = {"24", "27", "44", "75"};

/* Text of synthetic scheme i; its condition lines also into pCond. */
static void scheme_text(Str *o, Str *pCond, int i, int nScheme)
{
  str_appendf(o, "id: s%d\nnom: Aide synthétique %d\nétat: publié\n"
              "porteur: département\nporteur-code: %s\n", i, i,
              azDep[i % 6]);
  switch (rnd(4)) {
    case 0: str_appendf(o, "territoire: département %s\n", azDep[rnd(6)]); break;
    case 1: str_appendf(o, "territoire: région %s\n", azReg[rnd(4)]); break;
    case 2: str_appendf(o, "territoire: commune %s%03u\n", azDep[rnd(6)],
                        rnd(20)); break;
    default: str_appendz(o, "territoire: France\n");
  }
  static const char *const azProfs[] = {
    "toutes", "médecin généraliste", "médecin généraliste, autre spécialité",
    "infirmier·e, masseur-kinésithérapeute, autre paramédical",
    "chirurgien-dentiste, sage-femme"};
  static const char *const azStats[] = {
    "tous", "étudiant·e, interne", "interne, docteur junior",
    "installé·e libéral, salarié·e, mixte", "étudiant·e"};
  str_appendf(o, "professions: %s\nstatuts: %s\n", azProfs[rnd(5)],
              azStats[rnd(5)]);
  str_reset(pCond);
  if (rnd(3) == 0) str_appendf(pCond, "année-min %u\n", 2 + rnd(4));
  if (rnd(4) == 0) str_appendz(pCond, "pass-las\n");
  if (rnd(2) == 0) str_appendz(pCond, "commune-dans-territoire\n");
  if (rnd(3) == 0) str_appendz(pCond, "zone-commune ZIP, ZAC\n");
  if (rnd(5) == 0) str_appendz(pCond, "apl-max 2.5\n");
  if (rnd(4) == 0) str_appendz(pCond, "mode libéral, mixte\n");
  if (rnd(6) == 0) str_appendz(pCond, "stage-dans-territoire\n");
  for (const char *z = str_text(pCond); *z;) {
    const char *zEnd = strchr(z, '\n');
    str_appendf(o, "condition: %.*s\n", (int)(zEnd - z), z);
    z = zEnd + 1;
  }
  if (rnd(5) == 0)
    str_appendf(o, "non-cumulable-avec: s%u\n", (unsigned)(i + 1) % nScheme);
  str_appendf(o, "\n[avantage]\ntype: argent\nmontant: %u\npériodicité: "
              "mensuelle\ndurée: %u mois\n", 100 + 50 * rnd(30), 6 + rnd(48));
  if (rnd(2) == 0)
    str_appendf(o, "\n[engagement]\ndurée: %u ans\nremboursement: prorata\n",
                2 + rnd(4));
}

static void random_place(AidPlace *pl)
{
  memset(pl, 0, sizeof *pl);
  const char *zDep = azDep[rnd(6)];
  snprintf(pl->zCommune, sizeof pl->zCommune, "%s%03u", zDep, rnd(20));
  snprintf(pl->zDep, sizeof pl->zDep, "%s", zDep);
  snprintf(pl->zReg, sizeof pl->zReg, "%s", azReg[rnd(4)]);
  pl->zone = 1 + rnd(3);
  /* as an imported arrêté gives it: ZIP priority, ZAC complementary */
  pl->isZoneOfficial = 1;
  pl->zoneLevel = pl->zone == AID_ZONE_ZIP ? 2 : pl->zone == AID_ZONE_ZAC ? 1
                                                                          : 0;
  pl->hasApl = 1;
  pl->apl = rnd(600) / 100.0;
}

static void random_profile(AidProfile *p)
{
  aid_profile_init(p);
  p->profession = rnd(AID_NPROF);
  p->status = rnd(AID_NSTATUS);
  if (p->status == AID_ETUDIANT) p->year = 1 + rnd(5);
  if (p->status == AID_INTERNE) p->year = 7 + rnd(3);
  p->hasPassLas = p->year > 1;
  p->mode = (int)rnd(4) - 1;
  p->firstInstall = (int)rnd(3) - 1;
  p->startYear = 2026;
  p->startMonth = 1 + rnd(12);
  random_place(&p->target);
  if (rnd(2)) random_place(&p->placement);
}

int aid_cmd_bench(int argc, char **argv)
{
  long nScheme = 1000, nProfile = 10000;
  if (argc == 2 || argc % 2 == 0) {
    fprintf(argc == 2 && !strcmp(argv[1], "--help") ? stdout : stderr,
            "usage: oasis test-bench-aids [--schemes N] [--profiles N]\n");
    return argc == 2 && !strcmp(argv[1], "--help") ? EXIT_OK : EXIT_USAGE;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    long *p = !strcmp(argv[i], "--schemes") ? &nScheme
              : !strcmp(argv[i], "--profiles") ? &nProfile : NULL;
    if (!p || str_to_long(argv[i + 1], p) || *p < 1) {
      fprintf(stderr, "usage: oasis test-bench-aids [--schemes N] "
              "[--profiles N]\n");
      return EXIT_USAGE;
    }
  }
  log_set_quiet(1);
  AidCatalog *pCat = aid_catalog_new();
  char **azCond = calloc(nScheme, sizeof *azCond);
  Err err = {0};
  int rc = 0;
  for (long i = 0; i < nScheme && !rc; i++) {
    Str text = STR_INIT, cond = STR_INIT;
    scheme_text(&text, &cond, (int)i, (int)nScheme);
    rc = aid_parse(pCat, "synthétique", str_text(&text), &err);
    azCond[i] = str_finish(&cond);
    str_free(&text);
  }
  if (!rc) rc = aid_catalog_link(pCat, &err);
  if (rc) {
    char zBuf[1024];
    fprintf(stderr, "test-bench-aids: %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  AidProfile *aProf = malloc(sizeof(AidProfile) * nProfile);
  for (long k = 0; k < nProfile; k++) random_profile(&aProf[k]);

  /* 1. the engine: every profile against every scheme */
  long nEligible = 0;
  unsigned long long sum = 0;
  double t0 = clock_seconds();
  for (long k = 0; k < nProfile; k++) {
    for (int i = 0; i < pCat->nScheme; i++) {
      int v = aid_verdict(&pCat->aScheme[i], &aProf[k]);
      nEligible += v == AID_ELIGIBLE;
      sum = sum * 31 + (unsigned)v;
    }
  }
  double tEngine = clock_seconds() - t0;
  double rateEngine = nProfile / tEngine;

  /* 2. naive: parse the conditions again for every (profile, scheme) */
  long nNaive = nProfile < 1000 ? nProfile : 1000;
  int isSame = 1;
  t0 = clock_seconds();
  for (long k = 0; k < nNaive; k++) {
    Arena *a = arena_new();
    for (int i = 0; i < pCat->nScheme; i++) {
      AidCond aCond[32];
      AidScheme s = pCat->aScheme[i];
      s.nCond = aid_parse_conditions(a, azCond[i], aCond, 32, &err);
      s.aCond = aCond;
      if (s.nCond < 0) isSame = 0;
      if (aid_verdict(&s, &aProf[k]) != aid_verdict(&pCat->aScheme[i],
                                                    &aProf[k]))
        isSame = 0;
    }
    arena_free(a);
  }
  double tNaive = clock_seconds() - t0;
  /* the naive loop also ran the engine once per pair to compare: remove
  ** that share, measured above */
  tNaive -= tEngine * nNaive / nProfile;
  double rateNaive = nNaive / (tNaive > 1e-9 ? tNaive : 1e-9);

  /* 3. full simulations: sentences, money by month, best combination */
  long nFull = nProfile < 200 ? nProfile : 200;
  t0 = clock_seconds();
  for (long k = 0; k < nFull; k++) {
    Arena *a = arena_new();
    aid_simulate(pCat, &aProf[k], a);
    arena_free(a);
  }
  double rateFull = nFull / (clock_seconds() - t0);

  printf("aids engine: %ld schemes x %ld profiles in %.2f s: %.0f profiles/s "
         "(%.1f M scheme checks/s, %.1f%% eligible, checksum %llx)\n",
         (long)pCat->nScheme, nProfile, tEngine, rateEngine,
         rateEngine * pCat->nScheme / 1e6,
         100.0 * nEligible / ((double)nProfile * pCat->nScheme), sum);
  printf("aids naive (conditions re-parsed each time): %.0f profiles/s on "
         "%ld profiles; engine/naive ratio %.1f; same verdicts: %s\n",
         rateNaive, nNaive, rateEngine / rateNaive, isSame ? "yes" : "NO");
  printf("aids full simulation (sentences, months, best combination): %.0f "
         "profiles/s on %ld profiles; ratio to engine verdicts %.3f\n",
         rateFull, nFull, rateFull / rateEngine);
  for (long i = 0; i < nScheme; i++) free(azCond[i]);
  free(azCond);
  free(aProf);
  aid_catalog_free(pCat);
  return isSame ? EXIT_OK : EXIT_INPUT;
}
