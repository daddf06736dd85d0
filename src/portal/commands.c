/*
** portal/commands.c: the command-line side of the portal.
**
**   oasis portail purger [--db FICHIER] [--now DATE] [--mois N]
**
** purger is the retention job of the events' registrations: it erases the
** registrants (name, address, profile) of every event held more than N
** months ago (default PORTAL_RETENTION_MONTHS), counts stay in the audit
** trail without identities.  Meant for a daily cron; running it twice is
** harmless.
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/clock.h"
#include "base/cmd.h"
#include "base/str.h"
#include "portal/portal.h"

static int portal_usage(FILE *out)
{
  fprintf(out,
          "usage : oasis portail purger [--db FICHIER] [--now DATE]"
          " [--mois N]\n"
          "  Efface les inscrits (nom, adresse, profil) des rencontres\n"
          "  tenues il y a plus de N mois (défaut %d).\n"
          "  --db FICHIER  base (défaut var/oasis.db)\n"
          "  --now DATE    date de référence AAAA-MM-JJ (tests)\n",
          PORTAL_RETENTION_MONTHS);
  return out == stdout ? EXIT_OK : EXIT_USAGE;
}

/* The day N months before iDay (the month's last day when shorter). */
static void months_before(int iDay, int nMonth, char *zOut)
{
  int y, m, d;
  caldate_ymd(iDay, &y, &m, &d);
  int k = y * 12 + (m - 1) - nMonth;
  y = k / 12;
  m = k % 12 + 1;
  int nDays = caldate_days_in_month(y, m);
  caldate_format(caldate_from_ymd(y, m, d > nDays ? nDays : d), zOut);
}

static int portal_purge(int argc, char **argv)
{
  const char *zDb = "var/oasis.db";
  int iToday = clock_today(), nMonth = PORTAL_RETENTION_MONTHS;
  for (int i = 1; i < argc; i++) {
    const char *zVal = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(argv[i], "--help")) return portal_usage(stdout);
    if (!zVal) return portal_usage(stderr);
    if (!strcmp(argv[i], "--db")) {
      zDb = zVal;
    } else if (!strcmp(argv[i], "--now")) {
      if (caldate_parse(zVal, &iToday)) {
        fprintf(stderr, "oasis portail : date invalide « %s » (attendu "
                        "AAAA-MM-JJ)\n", zVal);
        return EXIT_USAGE;
      }
    } else if (!strcmp(argv[i], "--mois")) {
      long n;
      if (str_to_long(zVal, &n) || n < 1 || n > 120) {
        fprintf(stderr, "oasis portail : durée invalide « %s » (1 à 120 "
                        "mois)\n", zVal);
        return EXIT_USAGE;
      }
      nMonth = (int)n;
    } else {
      return portal_usage(stderr);
    }
    i++;
  }
  Err err = {0};
  char zBuf[700], zBefore[16];
  months_before(iToday, nMonth, zBefore);
  Store *db = store_open(zDb, &err);
  if (!db) {
    fprintf(stderr, "oasis portail : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  int n = 0;
  int rc = store_begin(db, &err);
  if (!rc) {
    rc = portal_registrations_purge(db, zBefore, &n, &err);
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  }
  store_close(db);
  if (rc) {
    fprintf(stderr, "oasis portail : %s\n", err_text(&err, zBuf, sizeof zBuf));
    return EXIT_INPUT;
  }
  printf("%d inscription(s) effacée(s) : rencontres tenues avant le %s\n", n,
         zBefore);
  return EXIT_OK;
}

static int portal_run(int argc, char **argv)
{
  if (argc >= 2 && !strcmp(argv[1], "purger")) {
    return portal_purge(argc - 1, argv + 1);
  }
  return portal_usage(argc >= 2 && !strcmp(argv[1], "--help") ? stdout
                                                               : stderr);
}

const Command portal_commands[] = {
  {"portail", portal_run, "portail purger [--db FICHIER] [--now DATE] "
                          "[--mois N]", 0},
  {0, 0, 0, 0}
};
