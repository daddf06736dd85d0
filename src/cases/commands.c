/*
** cases/commands.c: the command-line side of the guichet unique.
**
**   oasis cases anonymise [--db FICHIER] [--now DATE] [--annees N]
**   oasis cases relances [--db FICHIER] [--now DATE] [--courriel ADRESSE]
**
** anonymise is the retention job: it anonymises every dossier closed for N
** years (default case_retention_years(), 3) at DATE (default: now, or
** $OASIS_NOW).  relances prints the "à relancer" basket of every agent and,
** with --courriel and SMTP configured, sends it as the daily digest.  Both
** are meant for a daily cron; running them twice is harmless.
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
          "  --now DATE    date de référence AAAA-MM-JJ[THH:MM:SS] (tests)\n"
          "usage : oasis cases relances [--db FICHIER] [--now DATE]"
          " [--courriel ADRESSE]\n"
          "  Dossiers et sous-tâches sans activité depuis 9 et 21 jours ;\n"
          "  avec --courriel (et OASIS_SMTP_URL, OASIS_SMTP_FROM), envoie\n"
          "  la liste par courriel.\n",
          case_retention_years());
  return out == stdout ? EXIT_OK : EXIT_USAGE;
}

typedef struct CasesOpts CasesOpts;
struct CasesOpts {
  const char *zDb;
  int64_t now;
  int nYear;
  const char *zMailTo;
};

/* Parse the options shared by the sub-commands; -1 when the caller must
** return *pExit. */
static int cases_opts(int argc, char **argv, CasesOpts *o, int *pExit)
{
  o->zDb = "var/oasis.db";
  o->now = case_clock_now();
  o->nYear = case_retention_years();
  o->zMailTo = NULL;
  for (int i = 1; i < argc; i++) {
    const char *zVal = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(argv[i], "--help")) {
      *pExit = cases_usage(stdout);
      return -1;
    }
    if (!zVal) {
      *pExit = cases_usage(stderr);
      return -1;
    }
    if (!strcmp(argv[i], "--db")) {
      o->zDb = zVal;
    } else if (!strcmp(argv[i], "--now")) {
      if (case_time_parse(zVal, &o->now)) {
        fprintf(stderr, "oasis cases : date invalide « %s » (attendu "
                        "AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SS)\n", zVal);
        *pExit = EXIT_USAGE;
        return -1;
      }
    } else if (!strcmp(argv[i], "--annees")) {
      long n;
      if (str_to_long(zVal, &n) || n < 1 || n > 30) {
        fprintf(stderr, "oasis cases : durée invalide « %s » (1 à 30 ans)\n",
                zVal);
        *pExit = EXIT_USAGE;
        return -1;
      }
      o->nYear = (int)n;
    } else if (!strcmp(argv[i], "--courriel")) {
      o->zMailTo = zVal;
    } else {
      *pExit = cases_usage(stderr);
      return -1;
    }
    i++;
  }
  return 0;
}

static int cases_anonymise(int argc, char **argv)
{
  CasesOpts o;
  int rcExit;
  if (cases_opts(argc, argv, &o, &rcExit)) return rcExit;
  const char *zDb = o.zDb;
  int64_t now = o.now;
  int nYear = o.nYear;
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

static int cases_reminders(int argc, char **argv)
{
  CasesOpts o;
  int rcExit;
  if (cases_opts(argc, argv, &o, &rcExit)) return rcExit;
  Err err = {0};
  char zBuf[700], zNow[24];
  Store *db = store_open(o.zDb, &err);
  if (!db) {
    fprintf(stderr, "oasis cases : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  Arena *arena = arena_new();
  CaseReminder *a;
  int n = 0;
  int rc = case_reminder_list(db, arena, 0, o.now, &a, &n, &err);
  Str s = STR_INIT;
  str_appendf(&s, "À relancer au %.10s : %d\n", case_time_format(o.now, zNow),
              n);
  for (int i = 0; !rc && i < n; i++) {
    const char *zWhat = a[i].taskId ? case_label(case_needs, a[i].zWhat)
                                    : case_label(case_states, a[i].zWhat);
    if (!strcmp(a[i].zKind, "inactif")) {
      str_appendf(&s, "%s\t%s %s\tdepuis le %.10s\t%s relance (%d j)\n",
                  a[i].zRef, a[i].taskId ? "sous-tâche" : "dossier",
                  zWhat ? zWhat : a[i].zWhat, a[i].zSince,
                  a[i].level >= CASE_IDLE_SECOND ? "2e" : "1re", a[i].level);
    } else {
      str_appendf(&s, "%s\t%s %s\t%s\n", a[i].zRef,
                  a[i].taskId ? "sous-tâche" : "dossier",
                  zWhat ? zWhat : a[i].zWhat,
                  case_reminder_text(arena, &a[i]));
    }
  }
  if (!rc) fputs(str_text(&s), stdout);
  /* The digest names references and needs only, never people. */
  if (!rc && o.zMailTo && n > 0) {
    int rcMail = case_mail_send(o.zMailTo, "Guichet unique : dossiers à "
                                "relancer", str_text(&s), &err);
    if (rcMail == 1) {
      fprintf(stderr, "oasis cases : SMTP non configuré, rien envoyé\n");
    } else if (rcMail < 0) {
      rc = rcMail;
    }
  }
  str_free(&s);
  arena_free(arena);
  store_close(db);
  if (rc) {
    fprintf(stderr, "oasis cases : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  return EXIT_OK;
}

static int cases_run(int argc, char **argv)
{
  if (argc < 2 || !strcmp(argv[1], "--help")) {
    return cases_usage(argc < 2 ? stderr : stdout);
  }
  if (!strcmp(argv[1], "anonymise")) return cases_anonymise(argc - 1, argv + 1);
  if (!strcmp(argv[1], "relances")) return cases_reminders(argc - 1, argv + 1);
  fprintf(stderr, "oasis cases : sous-commande inconnue « %s »\n", argv[1]);
  return cases_usage(stderr);
}

const Command case_commands[] = {
  {"cases", cases_run,
   "cases anonymise|relances [--db FICHIER] [--now DATE] [...]", 0},
  {0, 0, 0, 0}
};
