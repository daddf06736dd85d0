/*
** observatory/cli_db.c: `oasis apl --db` and `oasis validate-apl --db`:
** the same computation as on files, with inputs from the database
** (wf_load_inputs through an ObsModel), results optionally stored as
** a run (apl_run, apl_result).
** Without --db both commands run on files (cli_apl.c).
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmd.h"
#include "base/str.h"
#include "observatory/obs_int.h"

int obs_cmd_apl_files(int argc, char **argv);            /* cli_apl.c */
int obs_cmd_validate_apl_files(int argc, char **argv);   /* cli_apl.c */

typedef struct DbOpts DbOpts;
struct DbOpts {
  const char *zDb, *zOut, *zRefCol;
  ObsKey key;
  int calibrateRef;       /* reference vintage to calibrate acts on, 0 */
  int refVintage;         /* validate-apl */
  int isStore, isQuiet, isRefresh;
};

static const char zDbHelp[] =
  "usage : oasis apl --db BASE [--vintage 2022] [--supply generaliste]\n"
  "                  [--store] [--out F.csv] [options du modèle]\n"
  "        oasis validate-apl --db BASE --reference-vintage 2022\n"
  "                  [--ref-col apl_mg|apl_mg_moins65ans] [options]\n"
  "\n"
  "Calcule l'APL de chaque commune à partir de la base (communes,\n"
  "population du millésime, offre importées) ; --store enregistre le\n"
  "calcul avec sa provenance comme calcul par défaut du millésime\n"
  "(estimation oasis ; le classement des communes vient du zonage\n"
  "officiel ou de l'APL DREES, jamais de ce calcul).\n"
  "  --vintage A        millésime de population (défaut 2022)\n"
  "  --supply S         source d'offre (défaut generaliste ; praticiens :\n"
  "                     la table des praticiens)\n"
  "  --calibrate-acts A actes par unité d'offre calés pour que l'offre\n"
  "                     nationale égale le total de la référence DREES A\n"
  "  --acts-per-practitioner N, --tmax MIN, --decay D, --speed-kmh N,\n"
  "  --detour F, --zone-low N, --zone-high N, --exclude-65plus\n"
  "                     comme oasis apl sur fichiers (docs/apl.md)\n"
  "  --store            enregistrer le calcul (apl_run, apl_result)\n"
  "  --refresh          recalculer et réenregistrer chaque calcul par\n"
  "                     défaut avec ses propres paramètres (après un import)\n"
  "  --out F            CSV des résultats (défaut : sortie standard ;\n"
  "                     avec --store, rien n'est écrit sans --out)\n"
  "  --reference-vintage A  validate-apl : table DREES importée à comparer\n"
  "  --ref-col C        apl_mg (défaut) ou apl_mg_moins65ans\n";

static int has_db(int argc, char **argv)
{
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--db")) return 1;
  }
  return 0;
}

static int db_usage(const char *zMsg, const char *zArg)
{
  fprintf(stderr, "oasis : %s%s%s%s\n", zMsg, zArg ? " « " : "",
          zArg ? zArg : "", zArg ? " »" : "");
  return EXIT_USAGE;
}

/* Parse flags into *o; 0, or an exit status (-1: help printed). */
static int db_parse(int argc, char **argv, DbOpts *o)
{
  memset(o, 0, sizeof *o);
  obs_key_default(&o->key);
  AccParams *p = &o->key.params;
  for (int i = 1; i < argc; i++) {
    const char *zF = argv[i], *zV = i + 1 < argc ? argv[i + 1] : NULL;
    double v, *pD = NULL, lo = 0, hi = 1e9;
    if (!strcmp(zF, "--help") || !strcmp(zF, "-h")) {
      fputs(zDbHelp, stdout);
      return -1;
    }
    if (!strcmp(zF, "--store")) { o->isStore = 1; continue; }
    if (!strcmp(zF, "--refresh")) { o->isRefresh = 1; continue; }
    if (!strcmp(zF, "--quiet")) { o->isQuiet = 1; continue; }
    if (!strcmp(zF, "--exclude-65plus")) { p->exclude65plus = 1; continue; }
    if (!zV) return db_usage("valeur manquante pour", zF);
    i++;
    if (!strcmp(zF, "--db")) o->zDb = zV;
    else if (!strcmp(zF, "--out")) o->zOut = zV;
    else if (!strcmp(zF, "--ref-col")) o->zRefCol = zV;
    else if (!strcmp(zF, "--supply")) {
      Err err = {0};
      if (obs_key_parse(&o->key, NULL, zV, NULL, NULL, &err)) {
        return db_usage("source d'offre invalide", zV);
      }
    } else if (!strcmp(zF, "--decay")) {
      if (acc_decay_parse(zV, &p->decay)) {
        return db_usage("--decay attend drees, step ou gaussian, pas", zV);
      }
    } else if (!strcmp(zF, "--vintage") || !strcmp(zF, "--calibrate-acts") ||
               !strcmp(zF, "--reference-vintage")) {
      if (apl_opt_number(zF, zV, 1990, 2100, &v)) return EXIT_USAGE;
      if (!strcmp(zF, "--vintage")) o->key.vintage = (int)v;
      else if (!strcmp(zF, "--calibrate-acts")) o->calibrateRef = (int)v;
      else o->refVintage = (int)v;
    } else {
      if (!strcmp(zF, "--tmax")) pD = &p->tMax, lo = 1e-3, hi = 600;
      else if (!strcmp(zF, "--speed-kmh")) pD = &p->speedKmh, lo = 1e-3;
      else if (!strcmp(zF, "--detour")) pD = &p->detour, lo = 1;
      else if (!strcmp(zF, "--zone-low")) pD = &p->zoneSousDense;
      else if (!strcmp(zF, "--zone-high")) pD = &p->zoneBienDote;
      else if (!strcmp(zF, "--acts-per-practitioner")) {
        pD = &p->actsPerPractitioner;
      } else {
        fprintf(stderr, "oasis : option inconnue « %s »\n\n%s", zF, zDbHelp);
        return EXIT_USAGE;
      }
      if (apl_opt_number(zF, zV, lo, hi, pD)) return EXIT_USAGE;
    }
  }
  if (p->zoneSousDense > p->zoneBienDote) {
    return db_usage("--zone-low doit être inférieur à --zone-high", NULL);
  }
  return 0;
}

/* Open the database and build the snapshot of o->key; exit status. */
static int db_model(DbOpts *o, Store **pDb, ObsModel **pm)
{
  Err err = {0};
  *pm = NULL;
  if (!(*pDb = store_open(o->zDb, &err))) return apl_report_err(&err);
  if (o->calibrateRef &&
      obs_key_calibrate(*pDb, &o->key, o->calibrateRef, &err)) {
    return apl_report_err(&err);
  }
  if (!(*pm = obs_model_build(*pDb, &o->key, &err))) return apl_report_err(&err);
  ObsModel *m = *pm;
  if (!o->isQuiet) {
    fprintf(stderr, "oasis : %d communes, %ld liens, millésime %d, offre "
                    "« %s », %.0f actes par unité ; chargement %.2f s, graphe "
                    "%.2f s, APL %.1f ms\n",
            m->n, acc_graph_edges(m->pGraph), m->key.vintage, m->key.zSupply,
            m->key.params.actsPerPractitioner, m->tLoad, m->tBuild,
            1e3 * m->tApl);
    if (m->in.nUnmatched) {
      fprintf(stderr, "oasis : %d ligne(s) sur des codes inconnus (ex. %s)\n",
              m->in.nUnmatched, m->in.azUnmatched[0]);
    }
    if (m->in.nNoPop) {
      fprintf(stderr, "oasis : %d commune(s) sans population pour %d\n",
              m->in.nNoPop, m->key.vintage);
    }
  }
  return 0;
}

/* oasis apl --db: see zDbHelp. */
static int cmd_apl_db(int argc, char **argv)
{
  DbOpts o;
  Store *db = NULL;
  ObsModel *m = NULL;
  Err err = {0};
  int rc = db_parse(argc, argv, &o);
  if (rc) return rc < 0 ? EXIT_OK : rc;
  if (o.isRefresh) {
    int n = 0;
    if (!(db = store_open(o.zDb, &err)) || obs_runs_refresh(db, &n, &err)) {
      rc = apl_report_err(&err);
    } else if (!o.isQuiet) {
      fprintf(stderr, "oasis : %d calcul(s) par défaut recalculé(s) et "
                      "enregistré(s)\n", n);
    }
    goto done;
  }
  if ((rc = db_model(&o, &db, &m))) goto done;
  if (o.isStore) {
    int64_t id;
    if (obs_run_store(db, m, 1, &id, &err)) {
      rc = apl_report_err(&err);
      goto done;
    }
    if (!o.isQuiet) {
      const ObsArea *f = &m->aArea[0];
      /* the classes are zoning_of()'s (arrêté, else indicative DREES):
      ** levels, never the arrêté's words for a class it did not give */
      fprintf(stderr, "oasis : calcul n° %lld enregistré (défaut du millésime "
                      "%d) ; classes : %d prioritaires, %d complémentaires, "
                      "%d hors zonage ; APL moyenne (estimation) %.3f\n",
              (long long)id, m->key.vintage, f->aZoneN[0], f->aZoneN[1],
              f->aZoneN[2], f->apl);
    }
  }
  if (o.zOut || !o.isStore) {
    const ObsPriv *pv = m->pPriv;
    rc = apl_write_out(&pv->apl, o.zOut);
  }
done:
  obs_model_release(m);
  store_close(db);
  return rc;
}

/* Print the agreement table (same layout as on files). */
static void print_agreement(const AplAgreement *a, int n, long nOurs,
                            long nRef, int refVintage, const char *zCol)
{
  printf("Référence : DREES %d en base (colonne %s) ; %ld communes "
         "comparées, %ld absentes de la référence, %ld absentes de notre "
         "table\n", refVintage, zCol, a[0].n, nOurs, nRef);
  printf("%-10s %9s %9s %9s %8s\n", "territoire", "communes", "pearson",
         "spearman", "zones");
  for (int k = 0; k < n; k++) {
    char zP[16] = "-", zS[16] = "-";
    if (!isnan(a[k].pearson)) snprintf(zP, sizeof zP, "%.4f", a[k].pearson);
    if (!isnan(a[k].spearman)) snprintf(zS, sizeof zS, "%.4f", a[k].spearman);
    printf("%-10s %9ld %9s %9s %7.1f%%\n", a[k].zArea, a[k].n, zP, zS,
           100 * a[k].zoneAgree);
  }
}

/* oasis validate-apl --db: see zDbHelp. */
static int cmd_validate_db(int argc, char **argv)
{
  DbOpts o;
  Store *db = NULL;
  ObsModel *m = NULL;
  AplTable ours = {0}, ref = {0};
  Err err = {0};
  int rc = db_parse(argc, argv, &o);
  if (rc) return rc < 0 ? EXIT_OK : rc;
  if (!o.refVintage) {
    return db_usage("--reference-vintage est obligatoire avec --db", NULL);
  }
  const char *zCol = o.zRefCol ? o.zRefCol : "apl_mg";
  if (strcmp(zCol, "apl_mg") && strcmp(zCol, "apl_mg_moins65ans")) {
    return db_usage("--ref-col attend apl_mg ou apl_mg_moins65ans, pas",
                    zCol);
  }
  if ((rc = db_model(&o, &db, &m))) goto done;
  if (obs_reference_table(db, o.refVintage, !!strcmp(zCol, "apl_mg"), &ref,
                          &err)) {
    rc = apl_report_err(&err);
    goto done;
  }
  const ObsPriv *pv = m->pPriv;
  apl_table_from_model(&ours, &pv->apl);
  AplAgreement a[200];
  long nOurs, nRef;
  int n = apl_compare(&m->key.params, &ours, &ref, a, 200, &nOurs, &nRef);
  print_agreement(a, n, nOurs, nRef, o.refVintage, zCol);
done:
  apl_table_free(&ours);
  apl_table_free(&ref);
  obs_model_release(m);
  store_close(db);
  return rc;
}

/* oasis apl: database mode with --db, else files. */
int obs_cmd_apl(int argc, char **argv)
{
  return has_db(argc, argv) ? cmd_apl_db(argc, argv)
                            : obs_cmd_apl_files(argc, argv);
}

int obs_cmd_validate_apl(int argc, char **argv)
{
  return has_db(argc, argv) ? cmd_validate_db(argc, argv)
                            : obs_cmd_validate_apl_files(argc, argv);
}
