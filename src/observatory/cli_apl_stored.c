/*
** observatory/cli_apl_stored.c: `oasis apl --db B` without model flags --
** the stored default run, the one the UI shows, computed again with its
** own key (vintage, supply source, parameters) and printed, its
** parameters on stderr, and `--explain CODE` on that run.
**
** The entry point of `oasis apl`: files go to cli_apl.c; --db with model
** flags (or --store, --refresh) to cli_db.c, unchanged.  The snapshot is
** built by obs_model_build() with the key obs_model_get() uses for the
** UI, so the figures are the same computation; they are also compared
** with the stored apl_result rows, and a difference (data imported since)
** is said, never hidden.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmd.h"
#include "observatory/obs_int.h"

int obs_cmd_apl_files(int argc, char **argv);            /* cli_apl.c */
int obs_cmd_apl(int argc, char **argv);                  /* cli_db.c */

/* What a reproduction of the stored run may be asked (nothing that
** changes the computation). */
typedef struct StoredOpts StoredOpts;
struct StoredOpts {
  const char *zDb, *zOut, *zExplain;
  int vintage;              /* 0: the newest stored */
  int nPrecision;           /* -1: full */
  int isQuiet;
};

/* 1 when argv holds only the flags of StoredOpts (with --db), then *o is
** filled; 0 otherwise (another run: cli_db.c).  A bad value: usage
** printed, *pRc set. */
static int stored_parse(int argc, char **argv, StoredOpts *o, int *pRc)
{
  memset(o, 0, sizeof *o);
  o->nPrecision = -1;
  *pRc = 0;
  for (int i = 1; i < argc; i++) {
    const char *zF = argv[i], *zV = i + 1 < argc ? argv[i + 1] : NULL;
    double v;
    if (!strcmp(zF, "--quiet")) {
      o->isQuiet = 1;
      continue;
    }
    if (strcmp(zF, "--db") && strcmp(zF, "--out") && strcmp(zF, "--explain")
        && strcmp(zF, "--vintage") && strcmp(zF, "--precision")) {
      return 0;
    }
    if (!zV) return 0;                 /* cli_db.c says what is missing */
    i++;
    if (!strcmp(zF, "--db")) o->zDb = zV;
    else if (!strcmp(zF, "--out")) o->zOut = zV;
    else if (!strcmp(zF, "--explain")) o->zExplain = zV;
    else if (!strcmp(zF, "--vintage")) {
      if ((*pRc = apl_opt_number(zF, zV, 1990, 2100, &v))) return 1;
      o->vintage = (int)v;
    } else {
      if ((*pRc = apl_opt_number(zF, zV, 0, 17, &v))) return 1;
      o->nPrecision = (int)v;
    }
  }
  return o->zDb != NULL;
}

/* The stored default run of vintage (0: newest): its id and date, or 0. */
static int64_t stored_run(Store *db, int vintage, char *zWhen, size_t nWhen)
{
  Err err = {0};
  Stmt *q = store_stmt(db, "SELECT id, created FROM apl_run"
                           " WHERE is_default = 1 AND (?1 = 0 OR vintage = ?1)"
                           " ORDER BY vintage DESC LIMIT 1");
  store_bind_int(q, 1, vintage);
  int64_t id = 0;
  if (store_step(q, &err) == 1) {
    id = store_col_int(q, 0);
    snprintf(zWhen, nWhen, "%s", store_col_text(q, 1));
    store_reset(q);
  }
  return id;
}

/* Communes whose stored APL or zone differs from m's (codes missing on
** either side count too); the first one's code into zFirst. */
static long stored_diff(Store *db, int64_t idRun, const ObsModel *m,
                        char *zFirst, size_t nFirst)
{
  Err err = {0};
  const ObsPriv *pv = m->pPriv;
  Stmt *q = store_stmt(db, "SELECT commune, apl, zone FROM apl_result"
                           " WHERE run_id = ?1");
  store_bind_int(q, 1, idRun);
  long nDiff = 0, nSeen = 0;
  while (store_step(q, &err) == 1) {
    int i = apl_nodes_find(&pv->apl.nodes, store_col_text(q, 0));
    nSeen++;
    if (i >= 0 && m->aCommune[i].apl == store_col_double(q, 1) &&
        m->aCommune[i].zone == (int)store_col_int(q, 2)) {
      continue;
    }
    if (nDiff++ == 0) snprintf(zFirst, nFirst, "%s", store_col_text(q, 0));
  }
  if (nSeen != m->n && nDiff == 0) snprintf(zFirst, nFirst, "-");
  return nDiff + labs(m->n - nSeen);
}

/* oasis apl --db B [--vintage A] [--explain CODE] [--out F]: see above. */
static int cmd_apl_stored(const StoredOpts *o)
{
  Err err = {0};
  ObsModel *m = NULL;
  ObsKey key;
  char zWhen[32] = "";
  int rc = 0;
  Store *db = store_open(o->zDb, &err);
  if (!db) return apl_report_err(&err);
  int64_t idRun = 0;
  if (obs_key_stored_default(db, o->vintage, &key) == 0) {
    idRun = stored_run(db, key.vintage, zWhen, sizeof zWhen);
  }
  char *zJson = obs_params_json(&key.params);
  Str s = STR_INIT;
  obs_key_describe(&key, &s);
  if (!o->isQuiet) {
    if (idRun) {
      fprintf(stderr, "oasis : calcul enregistré n° %lld (défaut du "
                      "millésime %d, %s), celui de l'interface, recalculé "
                      "avec ses paramètres : offre « %s », %s ; %s\n",
              (long long)idRun, key.vintage, zWhen, key.zSupply,
              str_text(&s), zJson);
    } else {
      fprintf(stderr, "oasis : aucun calcul enregistré%s : paramètres par "
                      "défaut (millésime %d, offre « %s », %s ; %s)\n",
              o->vintage ? " pour ce millésime" : "", key.vintage,
              key.zSupply, str_text(&s), zJson);
    }
  }
  free(zJson);
  str_free(&s);
  if (!(m = obs_model_build(db, &key, &err))) {
    rc = apl_report_err(&err);
    goto done;
  }
  if (idRun) {
    char zFirst[32] = "";
    long nDiff = stored_diff(db, idRun, m, zFirst, sizeof zFirst);
    if (nDiff) {
      fprintf(stderr, "oasis : %ld commune(s) diffèrent du calcul "
                      "enregistré n° %lld (première : %s) : les données ont "
                      "changé depuis ; oasis apl --db %s --refresh le "
                      "met à jour\n", nDiff, (long long)idRun, zFirst,
              o->zDb);
    } else if (!o->isQuiet) {
      fprintf(stderr, "oasis : %d communes, identiques au calcul "
                      "enregistré\n", m->n);
    }
  }
  ObsPriv *pv = m->pPriv;
  pv->apl.nPrecision = o->nPrecision;
  int iExplain = -1;
  if (o->zExplain &&
      (iExplain = apl_explain_node(&pv->apl, o->zExplain, o->isQuiet)) < 0) {
    rc = EXIT_INPUT;
    goto done;
  }
  rc = apl_write_to(&pv->apl, iExplain, o->zOut);
done:
  obs_model_release(m);
  store_close(db);
  return rc;
}

/* oasis apl: files, the stored run, or a database run with its flags. */
int apl_cmd(int argc, char **argv)
{
  StoredOpts o;
  int rc;
  int isDb = 0;
  for (int i = 1; i < argc; i++) isDb |= !strcmp(argv[i], "--db");
  if (!isDb) return obs_cmd_apl_files(argc, argv);
  if (stored_parse(argc, argv, &o, &rc)) return rc ? rc : cmd_apl_stored(&o);
  return obs_cmd_apl(argc, argv);
}
