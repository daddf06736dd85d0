/*
** observatory/cli_apl.c: `oasis apl` and `oasis validate-apl` on plain
** files (no database): parse flags, call apl_run.h, print French
** messages.  Exit 0 ok, 1 bad input, 2 usage.
**
** The computation itself lives in apl_load.c / apl_run.c /
** apl_compare.c, so that a database mode can reuse it.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cmd.h"
#include "base/str.h"
#include "observatory/apl_run.h"

typedef struct AplOpts AplOpts;
struct AplOpts {
  const char *zPoints, *zMatrix, *zDemand, *zSupply, *zOut;
  const char *zIdCol, *zDemandCol, *zSupplyCol;
  const char *zDemandIdCol, *zSupplyIdCol;
  const char *zReference, *zRefCol, *zApl, *zAplCol;   /* validate-apl */
  const char *zExplain;    /* --explain CODE */
  const char *zCacheDir;   /* --cache DIR */
  AccParams params;
  int isCountSupply;
  int isSupplyUnitGiven;   /* --supply-unit said; else stated on stderr */
  int isQuiet;
  int nPrecision;          /* -1: full precision */
};

static const char zAplHelp[] =
  "usage : oasis apl (--points FICHIER | --matrix FICHIER) --demand FICHIER\n"
  "                  --supply FICHIER [options]\n"
  "\n"
  "Calcule l'APL (accessibilité potentielle localisée, méthode DREES) de\n"
  "chaque commune à partir de fichiers CSV, sans base de données.\n"
  "\n"
  "Entrées :\n"
  "  --points F          communes et coordonnées (id,lat,lon ; accepte aussi\n"
  "                      code_insee, nom, type, lat_centroide_contour…)\n"
  "  --matrix F          temps de trajet (origin,destination,minutes) ; une\n"
  "                      paire absente est hors d'atteinte ; origine = demande\n"
  "  --cache DIR         garder la matrice lue dans DIR (binaire, reconnue\n"
  "                      par l'empreinte du fichier) pour les calculs suivants\n"
  "  --demand F          population standardisée (id,population)\n"
  "  --supply F          offre par commune (id,supply)\n"
  "  --id-col C          colonne d'identifiant du fichier de points\n"
  "  --demand-col C      colonne de population (défaut : population, puis\n"
  "                      pop_standardisee_2021, pop_standardisee_2020)\n"
  "  --demand-id-col C   colonne de code du fichier de demande\n"
  "  --supply-col C      colonne d'offre (défaut : supply ; ex. generaliste)\n"
  "  --supply-id-col C   colonne de code du fichier d'offre\n"
  "  --supply-unit U     count (effectifs, défaut, dit sur la sortie\n"
  "                      d'erreur) ou acts (actes/an)\n"
  "  --acts-per-practitioner N  actes d'un praticien moyen (défaut 4500)\n"
  "Modèle :\n"
  "  --speed-kmh N       vitesse moyenne sur route (défaut 50)\n"
  "  --detour F          coefficient de détour route/vol d'oiseau (défaut 1,3)\n"
  "  --tmax MIN          temps maximal en minutes (défaut 20)\n"
  "  --decay D           drees (défaut), step (2SFCA) ou gaussian\n"
  "  --preset P          drees (défaut), 2sfca (t <= tmax) ; comme les pairs,\n"
  "                      matrice lue telle quelle : two_stage_fca (PySAL,\n"
  "                      t <= tmax), enhanced_two_stage_fca (PySAL,\n"
  "                      10:1,20:0.68,30:0.22, bornes incluses),\n"
  "                      floating_catchment_area (IPEA, decay_stepped :\n"
  "                      bornes exclues ; forme DREES sauf --steps)\n"
  "  --steps S           bandes « minutes:poids,… » (ex. 10:1,15:0.6667,20:0.3333)\n"
  "  --boundary B        exclusive (défaut : t < borne, DREES, IPEA) ou\n"
  "                      inclusive (t <= borne, PySAL) pour --steps\n"
  "  --bandwidth MIN     largeur de la gaussienne (défaut : tmax)\n"
  "  --self-minutes M    temps d'une commune à elle-même (défaut 0, DREES) ;\n"
  "                      « matrice » : seules les paires de la matrice\n"
  "  --exclude-65plus    exclure les praticiens de 65 ans et plus\n"
  "  --zone-low N        seuil sous-dense (défaut 2,5)\n"
  "  --zone-high N       seuil non zoné (défaut 4)\n"
  "Sortie :\n"
  "  --out F             fichier CSV (défaut : sortie standard)\n"
  "  --precision N       N décimales (défaut : pleine précision, le plus court\n"
  "                      décimal qui relit exactement le même double)\n"
  "  --quiet             pas de résumé sur la sortie d'erreur\n"
  "  --explain CODE      au lieu du tableau : les apports à l'APL de la commune\n"
  "                      CODE (chaque offre à portée, son temps, son poids,\n"
  "                      son ratio, sa contribution ; la somme est l'APL)\n"
  "Colonnes : code,nom,apl,zone,offre,demande,effectif,population,\n"
  "densite_10000,offre_commune,motif (voir docs/apl.md) ; une commune de la\n"
  "demande absente de la matrice ou des points figure avec une APL vide et\n"
  "son motif.\n"
  "Depuis la base : oasis apl --db BASE [--vintage A] [--explain CODE]\n"
  "reproduit le calcul enregistré par défaut (celui qu'affiche l'interface),\n"
  "avec ses paramètres ; oasis apl --db BASE --help pour un autre calcul.\n";

static const char zValidateHelp[] =
  "usage : oasis validate-apl --reference FICHIER [--ref-col C]\n"
  "                           (--apl NOTRE.csv [--apl-col C] | options de apl)\n"
  "\n"
  "Compare une APL à une table de référence (ex. apl_mg_2022_communes.csv de\n"
  "la DREES) : corrélations de Pearson et de Spearman et part des communes\n"
  "classées dans la même zone, pour la France et par département.\n"
  "  --reference F   table de référence (code_commune, apl_mg)\n"
  "  --ref-col C     colonne de référence (défaut apl_mg ; ex. apl_mg_moins65ans)\n"
  "  --apl F         notre résultat (sortie de oasis apl) ; sinon l'APL est\n"
  "                  calculée avec les options de « oasis apl »\n"
  "  --apl-col C     colonne de notre fichier (défaut apl)\n";

int apl_opt_number(const char *zFlag, const char *z, double lo, double hi,
                   double *pV)
{
  if (str_to_double(z, pV) || !isfinite(*pV) || *pV < lo || *pV > hi) {
    fprintf(stderr, "oasis : valeur invalide pour %s : « %s »\n", zFlag, z);
    return EXIT_USAGE;
  }
  return 0;
}

/*
** Parse the flags of `apl` and `validate-apl` into *o.  Returns 0, or an
** exit status (help printed: EXIT_OK; bad use: EXIT_USAGE).
*/
static int opts_parse(int argc, char **argv, AplOpts *o, const char *zHelp)
{
  memset(o, 0, sizeof *o);
  o->params = acc_params_default();
  o->isCountSupply = 1;
  o->nPrecision = -1;
  const char *zSteps = NULL, *zBoundary = NULL, *zPreset = NULL;
  const char *zSelf = NULL;
  double precision = -1;
  for (int i = 1; i < argc; i++) {
    const char *zF = argv[i], *zV = i + 1 < argc ? argv[i + 1] : NULL;
    const char **pz = NULL;
    double *pD = NULL, lo = 0, hi = 1e9;
    if (!strcmp(zF, "--help") || !strcmp(zF, "-h")) {
      fputs(zHelp, stdout);
      return EXIT_OK;
    } else if (!strcmp(zF, "--exclude-65plus")) {
      o->params.exclude65plus = 1;
      continue;
    } else if (!strcmp(zF, "--quiet")) {
      o->isQuiet = 1;
      continue;
    }
    if (!strcmp(zF, "--points")) pz = &o->zPoints;
    else if (!strcmp(zF, "--matrix")) pz = &o->zMatrix;
    else if (!strcmp(zF, "--demand")) pz = &o->zDemand;
    else if (!strcmp(zF, "--supply")) pz = &o->zSupply;
    else if (!strcmp(zF, "--out")) pz = &o->zOut;
    else if (!strcmp(zF, "--id-col")) pz = &o->zIdCol;
    else if (!strcmp(zF, "--demand-col")) pz = &o->zDemandCol;
    else if (!strcmp(zF, "--supply-col")) pz = &o->zSupplyCol;
    else if (!strcmp(zF, "--demand-id-col")) pz = &o->zDemandIdCol;
    else if (!strcmp(zF, "--supply-id-col")) pz = &o->zSupplyIdCol;
    else if (!strcmp(zF, "--reference")) pz = &o->zReference;
    else if (!strcmp(zF, "--ref-col")) pz = &o->zRefCol;
    else if (!strcmp(zF, "--apl")) pz = &o->zApl;
    else if (!strcmp(zF, "--apl-col")) pz = &o->zAplCol;
    else if (!strcmp(zF, "--steps")) pz = &zSteps;
    else if (!strcmp(zF, "--boundary")) pz = &zBoundary;
    else if (!strcmp(zF, "--preset")) pz = &zPreset;
    else if (!strcmp(zF, "--self-minutes")) pz = &zSelf;
    else if (!strcmp(zF, "--explain")) pz = &o->zExplain;
    else if (!strcmp(zF, "--cache")) pz = &o->zCacheDir;
    else if (!strcmp(zF, "--bandwidth")) pD = &o->params.bandwidth, lo = 1e-3;
    else if (!strcmp(zF, "--precision")) pD = &precision, hi = 17;
    else if (!strcmp(zF, "--speed-kmh")) pD = &o->params.speedKmh, lo = 1e-3;
    else if (!strcmp(zF, "--detour")) pD = &o->params.detour, lo = 1;
    else if (!strcmp(zF, "--tmax")) pD = &o->params.tMax, lo = 1e-3;
    else if (!strcmp(zF, "--zone-low")) pD = &o->params.zoneSousDense;
    else if (!strcmp(zF, "--zone-high")) pD = &o->params.zoneBienDote;
    else if (!strcmp(zF, "--acts-per-practitioner")) {
      pD = &o->params.actsPerPractitioner;
    } else if (!strcmp(zF, "--decay") || !strcmp(zF, "--supply-unit")) {
      /* handled below, they take a word */
    } else {
      fprintf(stderr, "oasis : option inconnue « %s »\n\n%s", zF, zHelp);
      return EXIT_USAGE;
    }
    if (!zV) {
      fprintf(stderr, "oasis : %s attend une valeur\n", zF);
      return EXIT_USAGE;
    }
    i++;
    if (pz) *pz = zV;
    else if (pD) {
      int rc = apl_opt_number(zF, zV, lo, hi, pD);
      if (rc) return rc;
    } else if (!strcmp(zF, "--decay")) {
      if (acc_decay_parse(zV, &o->params.decay)) {
        fprintf(stderr, "oasis : --decay attend drees, step ou gaussian\n");
        return EXIT_USAGE;
      }
    } else if (!strcmp(zV, "count") || !strcmp(zV, "acts")) {
      o->isCountSupply = !strcmp(zV, "count");
      o->isSupplyUnitGiven = 1;
    } else {
      fprintf(stderr, "oasis : --supply-unit attend count ou acts\n");
      return EXIT_USAGE;
    }
  }
  if (precision >= 0) o->nPrecision = (int)precision;
  /* A preset first, then explicit steps and boundary override it. */
  if (zPreset && acc_preset(zPreset, &o->params)) {
    fprintf(stderr, "oasis : --preset attend drees, 2sfca, two_stage_fca, "
                    "enhanced_two_stage_fca ou floating_catchment_area\n");
    return EXIT_USAGE;
  }
  if (zBoundary) {
    if (strcmp(zBoundary, "inclusive") && strcmp(zBoundary, "exclusive")) {
      fprintf(stderr, "oasis : --boundary attend inclusive ou exclusive\n");
      return EXIT_USAGE;
    }
    o->params.isInclusive = !strcmp(zBoundary, "inclusive");
  }
  if (zSteps) {
    char zErr[160];
    if (acc_steps_parse(zSteps, &o->params, zErr, sizeof zErr)) {
      fprintf(stderr, "oasis : --steps : %s\n", zErr);
      return EXIT_USAGE;
    }
  }
  if (zSelf && !strcmp(zSelf, "matrice")) {
    o->params.selfMinutes = ACC_SELF_AS_GIVEN;
  } else if (zSelf && apl_opt_number("--self-minutes", zSelf, 0, 1e6,
                                     &o->params.selfMinutes)) {
    return EXIT_USAGE;
  }
  if (o->params.zoneSousDense > o->params.zoneBienDote) {
    fprintf(stderr, "oasis : --zone-low doit être inférieur à --zone-high\n");
    return EXIT_USAGE;
  }
  return -1;                                   /* go on */
}

int apl_report_err(const Err *err)
{
  char buf[1200];
  fprintf(stderr, "oasis : %s\n", err_text(err, buf, sizeof buf));
  return err->code == ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
}

int apl_write_out(const AplModel *m, const char *zOut)
{
  return apl_write_to(m, -1, zOut);
}

int apl_write_to(const AplModel *m, int iExplain, const char *zOut)
{
  Err err = {0};
  int rc = 0;
  FILE *out = zOut ? fopen(zOut, "w") : stdout;
  if (!out) {
    fprintf(stderr, "oasis : %s : écriture impossible (%s)\n", zOut,
            strerror(errno));
    return EXIT_INPUT;
  }
  if (iExplain >= 0 ? apl_explain(m, iExplain, out, &err)
                    : apl_write_csv(m, out, &err)) {
    rc = apl_report_err(&err);
  }
  if (out != stdout && fclose(out) && !rc) {
    fprintf(stderr, "oasis : %s : écriture impossible\n", zOut);
    rc = EXIT_INPUT;
  }
  return rc;
}

int apl_explain_node(const AplModel *m, const char *zCode, int isQuiet)
{
  int i = apl_nodes_find(&m->nodes, zCode);
  if (i < 0) {
    int isGap = apl_nodes_find(&m->gap, zCode) >= 0;
    fprintf(stderr, "oasis : --explain : commune « %s » %s\n", zCode,
            isGap ? m->zGapReason : "inconnue de ce calcul");
    return -1;
  }
  if (!isQuiet) {
    char z[40];
    int isUndef = m->aReach && m->aReach[i] == 0;
    snprintf(z, sizeof z, "%.17g", m->aApl[i]);
    fprintf(stderr, "oasis : APL de %s%s%s%s = %s : somme des contributions "
                    "w × S/D de chaque offre à portée (ci-dessous)\n",
            zCode, m->nodes.azName[i] ? " (" : "",
            m->nodes.azName[i] ? m->nodes.azName[i] : "",
            m->nodes.azName[i] ? ")" : "", isUndef ? "indéfinie" : z);
  }
  return i;
}

/* Unknown codes are not an error (vintages of the COG differ) but are
** always said, with the first one's line. */
static void report_unknown(const char *zPath, const char *zWhat,
                           const AplUnknown *u)
{
  if (!u->nUnknown) return;
  fprintf(stderr,
          "oasis : %s : %ld ligne(s) sur %ld avec un code de commune inconnu "
          "(premier : « %s », ligne %ld) ; %s ignorée : %.1f\n",
          zPath, u->nUnknown, u->nRow, u->zFirstCode, u->iFirstLine, zWhat,
          u->lost);
}

/*
** Load every input named by o into m, build and compute.  Returns 0 or an
** exit status (message printed).
*/
static int run_model(const AplOpts *o, AplModel *m)
{
  static const char *const azPop[] = {"population", "pop_standardisee_2021",
                                      "pop_standardisee_2020", NULL};
  static const char *const azSupply[] = {"supply", "offre", NULL};
  Err err = {0};
  AplUnknown u;
  if (!!o->zPoints == !!o->zMatrix || !o->zDemand || !o->zSupply) {
    fprintf(stderr, "oasis : il faut --points ou --matrix (un seul), "
                    "--demand et --supply (oasis apl --help)\n");
    return EXIT_USAGE;
  }
  m->params = o->params;
  m->isCountSupply = o->isCountSupply;
  m->nPrecision = o->nPrecision;
  m->zCacheDir = o->zCacheDir;
  if (o->zCacheDir && o->zPoints && !o->isQuiet) {
    fprintf(stderr, "oasis : --cache sans effet avec --points (il garde une "
                    "matrice lue)\n");
  }
  int rc = o->zPoints ? apl_load_points(m, o->zPoints, o->zIdCol, &err)
                      : apl_load_matrix(m, o->zMatrix, &err);
  if (rc) return apl_report_err(&err);
  if (m->cacheState == APL_CACHE_FAILED) {
    fprintf(stderr, "oasis : --cache : écriture impossible dans %s (la "
                    "matrice sera relue la prochaine fois)\n", o->zCacheDir);
  } else if (m->cacheState && !o->isQuiet) {
    fprintf(stderr, "oasis : matrice %s le cache %s\n",
            m->cacheState == APL_CACHE_HIT ? "lue depuis" : "gardée dans",
            o->zCacheDir);
  }
  apl_alloc_inputs(m);
  rc = apl_load_demand(m, o->zDemand, o->zDemandIdCol, o->zDemandCol, azPop,
                       &u, &err);
  if (rc) return apl_report_err(&err);
  if (m->gap.n) {
    fprintf(stderr, "oasis : %s : %d commune(s) de la demande %s (première : "
                    "« %s », ligne %ld ; population %.1f) : en sortie avec "
                    "une APL vide et ce motif\n",
            o->zDemand, m->gap.n, m->zGapReason, u.zFirstCode, u.iFirstLine,
            u.lost);
  }
  rc = apl_load_values(m, o->zSupply, o->zSupplyIdCol, o->zSupplyCol,
                       azSupply, m->aCount, &u, &err);
  if (rc) return apl_report_err(&err);
  report_unknown(o->zSupply, "offre", &u);
  if (!o->isSupplyUnitGiven && !o->isQuiet) {
    fprintf(stderr, "oasis : offre lue comme des effectifs (--supply-unit "
                    "count, par défaut) : 1 = %g actes par an ; "
                    "--supply-unit acts si la colonne donne des actes\n",
            o->params.actsPerPractitioner);
  }
  if (o->params.exclude65plus && !o->isQuiet) {
    fprintf(stderr, "oasis : --exclude-65plus sans effet : une offre par "
                    "commune ne donne pas l'âge des praticiens\n");
  }
  apl_build(m);
  apl_compute(m);
  /* supply that reaches nobody adds to no APL: say how much */
  long nAlone = 0;
  double alone = 0;
  for (int j = 0; j < m->nodes.n; j++) {
    if (m->aSupply[j] > 0 && m->aDemandReach[j] == 0) {
      nAlone++;
      alone += m->aCount[j];
    }
  }
  if (nAlone) {
    fprintf(stderr, "oasis : %ld commune(s) avec une offre (%.1f au total) "
                    "n'atteignent aucune population : offre sans effet\n",
            nAlone, alone);
  }
  if (!o->isQuiet) {
    Str bands = STR_INIT;
    for (int k = 0; k < m->params.nStep && m->params.decay == ACC_DECAY_STEPS;
         k++) {
      str_appendf(&bands, "%s%g:%g", k ? "," : " ", m->params.aStep[k].tMax,
                  m->params.aStep[k].w);
    }
    char zSelf[48] = "paires de la matrice";
    if (m->params.selfMinutes >= 0) {
      snprintf(zSelf, sizeof zSelf, "%g min", m->params.selfMinutes);
    }
    fprintf(stderr, "oasis : %d communes, %ld liens, décroissance %s%s%s, "
                    "%g min, %g km/h, détour %g, trajet interne %s, offre "
                    "en %s\n",
            m->nodes.n, acc_graph_edges(m->pGraph),
            acc_decay_name(m->params.decay), str_text(&bands),
            m->params.decay == ACC_DECAY_STEPS
                ? (m->params.isInclusive ? " (bornes incluses)"
                                         : " (bornes exclues)") : "",
            m->params.tMax, m->params.speedKmh, m->params.detour, zSelf,
            m->isCountSupply ? "effectifs" : "actes");
    str_free(&bands);
  }
  return 0;
}

/* oasis apl on files (cli_db.c dispatches): see zAplHelp. */
int obs_cmd_apl_files(int argc, char **argv)
{
  AplOpts o;
  AplModel m;
  int rc = opts_parse(argc, argv, &o, zAplHelp);
  if (rc >= 0) return rc;
  apl_model_init(&m);
  rc = run_model(&o, &m);
  if (rc) goto done;
  int iExplain = -1;
  if (o.zExplain && (iExplain = apl_explain_node(&m, o.zExplain,
                                                 o.isQuiet)) < 0) {
    rc = EXIT_INPUT;
    goto done;
  }
  rc = apl_write_to(&m, iExplain, o.zOut);
done:
  apl_model_free(&m);
  return rc;
}

/* oasis validate-apl: see zValidateHelp. */
int obs_cmd_validate_apl_files(int argc, char **argv)
{
  AplOpts o;
  AplModel m;
  AplTable ours = {0}, ref = {0};
  Err err = {0};
  int rc = opts_parse(argc, argv, &o, zValidateHelp);
  if (rc >= 0) return rc;
  rc = 0;
  apl_model_init(&m);
  if (!o.zReference) {
    fprintf(stderr, "oasis : --reference est obligatoire "
                    "(oasis validate-apl --help)\n");
    rc = EXIT_USAGE;
    goto done;
  }
  if (apl_table_load(&ref, o.zReference, o.zRefCol, &err)) {
    rc = apl_report_err(&err);
    goto done;
  }
  if (o.zApl) {
    if (apl_table_load(&ours, o.zApl, o.zAplCol ? o.zAplCol : "apl", &err)) {
      rc = apl_report_err(&err);
      goto done;
    }
  } else {
    if ((rc = run_model(&o, &m))) goto done;
    apl_table_from_model(&ours, &m);
  }
  AplAgreement a[200];
  long nOurs, nRef;
  int n = apl_compare(&o.params, &ours, &ref, a, 200, &nOurs, &nRef);
  printf("Référence : %s (colonne %s) ; %ld communes comparées, %ld "
         "absentes de la référence, %ld absentes de notre table\n",
         o.zReference, o.zRefCol ? o.zRefCol : "apl_mg", a[0].n, nOurs, nRef);
  printf("%-10s %9s %9s %9s %8s\n", "territoire", "communes", "pearson",
         "spearman", "zones");
  for (int k = 0; k < n; k++) {
    char zP[16] = "-", zS[16] = "-";        /* undefined for one commune */
    if (!isnan(a[k].pearson)) snprintf(zP, sizeof zP, "%.4f", a[k].pearson);
    if (!isnan(a[k].spearman)) snprintf(zS, sizeof zS, "%.4f", a[k].spearman);
    printf("%-10s %9ld %9s %9s %7.1f%%\n", a[k].zArea, a[k].n, zP, zS,
           100 * a[k].zoneAgree);
  }
done:
  apl_table_free(&ours);
  apl_table_free(&ref);
  apl_model_free(&m);
  return rc;
}
