/*
** cases/commands.c: the command-line side of the guichet unique.
**
**   oasis cases anonymise [--db FICHIER] [--now DATE] [--annees N]
**
** The retention job: anonymises every dossier closed for N years (default
** case_retention_years(), 3) at DATE (default: now, or $OASIS_NOW).  Meant
** for a daily cron; running it twice changes nothing the second time.
*/
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "base/str.h"
#include "cases/cases.h"

static int cases_usage(FILE *out)
{
  fprintf(out,
          "usage : oasis cases anonymise [--db FICHIER] [--now DATE]"
          " [--annees N]\n"
          "  Anonymise les dossiers clos depuis N ans (défaut %d) :\n"
          "  identité, coordonnées, textes libres, notes, messages et pièces\n"
          "  jointes sont effacés ; les statistiques sont conservées.\n"
          "  --db FICHIER  base (défaut var/oasis.db)\n"
          "  --now DATE    date de référence AAAA-MM-JJ[THH:MM:SS] (tests)\n",
          case_retention_years());
  return out == stdout ? EXIT_OK : EXIT_USAGE;
}

static int cases_anonymise(int argc, char **argv)
{
  const char *zDb = "var/oasis.db";
  int64_t now = case_clock_now();
  int nYear = case_retention_years();
  for (int i = 1; i < argc; i++) {
    const char *zVal = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(argv[i], "--help")) return cases_usage(stdout);
    if (!zVal) return cases_usage(stderr);
    if (!strcmp(argv[i], "--db")) {
      zDb = zVal;
    } else if (!strcmp(argv[i], "--now")) {
      if (case_time_parse(zVal, &now)) {
        fprintf(stderr, "oasis cases : date invalide « %s » (attendu "
                        "AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SS)\n", zVal);
        return EXIT_USAGE;
      }
    } else if (!strcmp(argv[i], "--annees")) {
      long n;
      if (str_to_long(zVal, &n) || n < 1 || n > 30) {
        fprintf(stderr, "oasis cases : durée invalide « %s » (1 à 30 ans)\n",
                zVal);
        return EXIT_USAGE;
      }
      nYear = (int)n;
    } else {
      return cases_usage(stderr);
    }
    i++;
  }
  Err err = {0};
  char zBuf[700];
  int nDone = 0;
  Store *db = store_open(zDb, &err);
  if (!db) {
    fprintf(stderr, "oasis cases : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  Arena *arena = arena_new();
  int rc = case_anonymise_due(db, case_attach_dir(db, arena), nYear, now,
                              &nDone, &err);
  arena_free(arena);
  store_close(db);
  if (rc) {
    fprintf(stderr, "oasis cases : %s (%d dossier(s) anonymisé(s) avant "
                    "l'erreur)\n", err_text(&err, zBuf, sizeof zBuf), nDone);
    return EXIT_INPUT;
  }
  char zNow[24];
  printf("%d dossier(s) anonymisé(s) (clos depuis %d an(s) au %s)\n", nDone,
         nYear, case_time_format(now, zNow));
  return EXIT_OK;
}

static int cases_run(int argc, char **argv)
{
  if (argc < 2 || !strcmp(argv[1], "--help")) {
    return cases_usage(argc < 2 ? stderr : stdout);
  }
  if (!strcmp(argv[1], "anonymise")) return cases_anonymise(argc - 1, argv + 1);
  fprintf(stderr, "oasis cases : sous-commande inconnue « %s »\n", argv[1]);
  return cases_usage(stderr);
}

const Command case_commands[] = {
  {"cases", cases_run,
   "cases anonymise [--db FICHIER] [--now DATE] [--annees N]", 0},
  {0, 0, 0, 0}
};
