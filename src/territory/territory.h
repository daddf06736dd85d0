/*
** territory/territory.h: communes, their groupings, demand, supply counts,
** reference APL tables and travel times: importers and the loader that
** hands an engine contiguous arrays.
**
** Every importer runs in one transaction (all rows or none), logs itself
** in import_log and stores that id with its rows; errors name the file,
** line, column and header.  docs/data.md describes every kind.
*/
#ifndef OASIS_TERRITORY_H
#define OASIS_TERRITORY_H
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "store/store.h"

/* Options of one import; unset (0/NULL) fields take the kind's defaults. */
typedef struct TerrImportOpts TerrImportOpts;
struct TerrImportOpts {
  const char *zPath;        /* file (cog: the package's data/ directory) */
  int vintage;              /* 0: the kind's default or none */
  int isStrict;             /* unknown commune codes are errors */
  FILE *pSummary;           /* summary line (stderr in the CLI), or NULL */
  char cSep;                /* CSV separator, 0: ',' ('|' for rpps) */
  const char *zSource;      /* supply: source name (default: the column) */
  const char *zWeights;     /* population: DREES age weights file */
  /* Column names, by flag --col-NAME; NULL: the kind's default. */
  const char *zColCode;     /* commune code (population, supply, apl-ref) */
  const char *zColValue;    /* supply: the count column (--column) */
  const char *zColStd;      /* population: standardised population */
  const char *zColTotal;    /* population: total population */
  const char *zColId;       /* practitioners: identifier */
  const char *zColCommune;  /* practitioners: site commune */
  const char *zColBirth;    /* practitioners: birth year (optional) */
  const char *zColActivity; /* practitioners: yearly acts (optional) */
  const char *zColSpecialty;/* practitioners: savoir-faire (GP filter) */
  const char *zColMode;     /* practitioners: mode of exercise */
  const char *zColOrigin;   /* matrix */
  const char *zColDest;     /* matrix */
  const char *zColMinutes;  /* matrix */
};

/* communes_coordonnees_cog2024.csv: COM and ARM into communes, COMD into
** commune_alias.  Replaces the previous communes import. */
int terr_import_communes(Store *db, const TerrImportOpts *o, Err *err);
/* @etalab/decoupage-administratif data/ directory: régions, départements,
** EPCI and their members, old codes (déléguées, associées) as aliases. */
int terr_import_cog(Store *db, const TerrImportOpts *o, Err *err);
/* Standardised and total population for vintage o->vintage (required):
** the DREES table, or code + 19 age bands when o->zWeights is given. */
int terr_import_population(Store *db, const TerrImportOpts *o, Err *err);
/* Counts per commune, column o->zColValue (required). */
int terr_import_supply(Store *db, const TerrImportOpts *o, Err *err);
/* INSEE BPE health equipment counts per commune (import_equipment.c). */
int terr_import_equipment(Store *db, const TerrImportOpts *o, Err *err);
/* A DREES APL table (vintage required). */
int terr_import_apl_reference(Store *db, const TerrImportOpts *o, Err *err);
/* Travel-time matrix origin,destination,minutes (minutes >= 0). */
int terr_import_matrix(Store *db, const TerrImportOpts *o, Err *err);

/* One kind of `oasis import KIND FILE`: the importer and its help line. */
typedef struct TerrImportKind TerrImportKind;
struct TerrImportKind {
  const char *zKind;        /* "communes", "rpps", ... */
  int (*xImport)(Store *db, const TerrImportOpts *o, Err *err);
  const char *zHelp;        /* one line of French for --help */
};
/* The territory's own kinds, ended by a zero zKind. */
extern const TerrImportKind terr_import_kinds[];
/* Add the kinds of a module above (a table ended by a zero zKind) to
** `oasis import`: the composition (main.c) calls it at start, so that
** territory never names the modules that import through it. */
void terr_import_add_kinds(const TerrImportKind *aKind);

/* What an engine needs, for one demand vintage and one supply source. */
typedef struct TerrInputSpec TerrInputSpec;
struct TerrInputSpec {
  int vintage;              /* population vintage (e.g. 2022) */
  const char *zSupply;      /* supply_count source, NULL: none */
  int supplyVintage;        /* 0: the latest of that source */
  int practVintage;         /* practitioners vintage, 0: latest, -1: none;
                            ** read by wf_load_inputs (workforce), which
                            ** adds them: terr_load_inputs leaves them */
};

/* Contiguous arrays, one slot per node.  Nodes are the COG communes, with
** Paris, Lyon and Marseille replaced by their arrondissements (as the
** DREES tables are), sorted by code.  Rows on codes that are no node are
** moved to the current commune when the code is an alias (old or
** déléguée commune), else listed in azUnmatched. */
typedef struct TerrInputs TerrInputs;
struct TerrInputs {
  int n;                    /* nodes */
  char **azCode;            /* INSEE codes */
  char **azName;
  double *aLat, *aLon;      /* WGS84; NaN when the commune has no point */
  double *aPop;             /* standardised population (0 when none) */
  double *aPopTotal;
  double *aSupply;          /* supply count (0 when none) */
  int *aPract;              /* distinct GPs practising there */
  /* One entry per practice site (a GP with two sites has two), for
  ** activity caps and age filters; sites on unmatched codes are left out
  ** (and listed in azUnmatched). */
  int nSite;
  int *aSiteNode;           /* node index of the site */
  int64_t *aSitePract;      /* practitioner id (same id = same person) */
  int *aSiteBirth;          /* birth year, 0 when unknown */
  double *aSiteActs;        /* yearly acts, NaN when unknown */
  unsigned char *aSiteFlags;/* TERR_SITE_* of the site's practitioner */
  int64_t idCommunes;       /* import ids behind the arrays (0: none) */
  int64_t idPopulation;
  int64_t idSupply;
  int64_t idPract;
  int nNoPoint;             /* nodes without coordinates */
  int nNoPop;               /* nodes without a population row */
  int nAliased;             /* rows moved through an alias */
  int nUnmatched;           /* rows on codes matching no node */
  char **azUnmatched;       /* "population 75056", "supply 01330", ... */
  size_t nUnmatchedCap;     /* allocated slots (terr_inputs_unmatched) */
  size_t nSiteCap;          /* allocated slots (terr_inputs_add_site) */
};

/* Fill *out for spec: nodes, population, supply (aPract zeroed, no site:
** wf_load_inputs adds the practitioners); 0 or < 0 with err (ERR_NOTFOUND
** when the vintage or source was never imported).  Free with
** terr_inputs_free(). */
int terr_load_inputs(Store *db, const TerrInputSpec *spec, TerrInputs *out,
                     Err *err);
void terr_inputs_free(TerrInputs *p);
/* Node index of zCode in p, directly or through a commune alias (counted
** in p->nAliased), or -1. */
int terr_inputs_node(Store *db, TerrInputs *p, const char *zCode);
/* List "zWhat zCode" in p->azUnmatched. */
void terr_inputs_unmatched(TerrInputs *p, const char *zWhat,
                           const char *zCode);
/* DREES supply rules that depend on how a practitioner works. */
enum {
  TERR_SITE_NEW_LIBERAL = 1, /* liberal with no activity last year: 5,400 */
  TERR_SITE_CENTRE = 2       /* salaried in a centre de santé: real acts */
};
/* Add one practice site on node iNode (birth 0 and acts NaN: unknown;
** flags TERR_SITE_*). */
void terr_inputs_add_site(TerrInputs *p, int iNode, int64_t idPract,
                          int birth, double acts, unsigned flags);

#endif
