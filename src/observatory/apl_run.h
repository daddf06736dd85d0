/*
** observatory/apl_run.h: the APL computation as the CLI runs it -- load
** communes (points or a travel-time matrix), demand and supply from
** files, build the catchment graph, compute, write, and compare with a
** reference table.
**
** Reusable from C: a database mode fills an AplModel's nodes, aPop and
** aCount from the store instead of files (apl_nodes_add, then the arrays),
** and calls the same apl_build / apl_compute / apl_write_csv.
*/
#ifndef OASIS_OBSERVATORY_APL_RUN_H
#define OASIS_OBSERVATORY_APL_RUN_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "access/access.h"
#include "base/err.h"

/* A slot of the code index: the code's scan_key() (0 for a code of more
** than 7 bytes, compared as a string), its node + 1 (0: empty slot). */
typedef struct AplSlot AplSlot;
struct AplSlot {
  uint64_t key;
  int iNode;
};

/* The communes of a run, addressed by INSEE code. */
typedef struct AplNodes AplNodes;
struct AplNodes {
  int n, nCap;
  char **azCode;          /* owned */
  char **azName;          /* owned; NULL when unknown */
  double *aLat, *aLon;    /* degrees, when loaded from points */
  AplSlot *aSlot;         /* open addressing by code, linear probing */
  int nSlot;              /* slots, a power of two, at least 2n */
};

/* Index of commune zCode (of the n bytes at z), or -1. */
int apl_nodes_find(const AplNodes *p, const char *zCode);
int apl_nodes_findn(const AplNodes *p, const char *z, size_t n);
/* Index of zCode, added (with zName, may be NULL) when new. */
int apl_nodes_add(AplNodes *p, const char *zCode, const char *zName);
void apl_nodes_free(AplNodes *p);

/* Rows of a values file whose code is not a known commune: counted,
** with the first one's position, so the CLI can report them. */
typedef struct AplUnknown AplUnknown;
struct AplUnknown {
  long nRow;              /* data rows read */
  long nUnknown;          /* rows with an unknown code */
  double lost;            /* sum of their values */
  long iFirstLine;        /* line of the first unknown code */
  char zFirstCode[32];
};

typedef struct AplModel AplModel;
struct AplModel {
  AccParams params;
  int isCountSupply;      /* supply file gives practitioners, not acts */
  AplNodes nodes;
  long nPair;             /* matrix mode: (origin, destination, minutes) */
  int *aOrigin, *aDest;
  /* The minutes of pair k: files give aTime[k], a short decimal
  ** (base/scan.h) or, when its low nibble is SCAN_DEC_NONE, an index into
  ** aTimeX -- 12 bytes a pair, exact (docs/apl.md); a caller holding
  ** doubles (the database) may fill aMinutes instead.  apl_minutes()
  ** reads either. */
  uint32_t *aTime;
  double *aTimeX;
  long nTimeX;
  void *pMap;             /* the cache file mapped, when aOrigin, aDest,
                          ** aTime and aTimeX point into it (apl_cache.c) */
  size_t nMap;
  double *aMinutes;
  double *aPop;           /* [n] standardised population */
  double *aCount;         /* [n] supply as given (count or acts) */
  double *aSupply;        /* [n] acts (apl_compute fills it) */
  AccGraph *pGraph;
  double tBuild;          /* seconds spent in apl_build */
  double *aApl, *aRatio, *aDemandReach;
  AccCommune *aOut;
  int nPrecision;         /* decimals of the CSV output; -1: full (the
                          ** shortest decimal that reads back exactly) */
  /* Demand rows on codes that are not communes of the run (absent from
  ** the matrix or the points): kept, so that every demand id appears in
  ** the output, with an empty APL and zGapReason. */
  AplNodes gap;
  double *aGapPop;        /* [gap.n] their population */
  const char *zGapReason; /* static French text */
  int *aReach;            /* [n] edges from each demand node (apl_compute):
                          ** 0 = it reaches no commune, APL undefined */
  const char *zCacheDir;  /* apl_load_matrix: binary cache folder, or NULL */
  int cacheState;         /* APL_CACHE_*: what the cache did */
};

enum {
  APL_CACHE_NONE = 0,     /* no cache asked */
  APL_CACHE_HIT = 1,      /* the matrix came from the cache */
  APL_CACHE_WRITTEN = 2,  /* parsed, and the cache written */
  APL_CACHE_FAILED = 3    /* parsed; the cache could not be written */
};

void apl_model_init(AplModel *m);
/* Minutes of pair k of a matrix run (exact: the double of the file). */
double apl_minutes(const AplModel *m, long k);
void apl_model_free(AplModel *m);

/*
** Communes with coordinates from a CSV: id column (zIdCol, or the first
** of id, code, code_insee, code_commune), lat/lon (or latitude/longitude,
** lng), falling back to lat_centroide_contour/lon_centroide_contour when
** empty; a name from nom/name/commune when present; when a `type` column
** exists only COM and ARM rows are kept.  Errors name file, line, column.
*/
int apl_load_points(AplModel *m, const char *zPath, const char *zIdCol,
                    Err *err);
/*
** Travel times (origin, destination, minutes) from a CSV; every code met
** becomes a commune.  apl_build() adds each commune's trip to itself at 0
** minutes (DREES).  Negative or non-numeric minutes are errors.
*/
int apl_load_matrix(AplModel *m, const char *zPath, Err *err);
/*
** Values per commune (demand or supply) from a CSV: code column zIdCol
** (NULL: id, code, code_commune, code_insee, codgeo), value column zCol
** (NULL: the first of azDefault).  Adds into aOut[node]; codes not among
** the communes are counted in *pUnknown.  Empty cells count as 0;
** non-numeric or negative ones are errors.  When aName is set, names of
** a `commune`/`nom` column fill missing node names.
*/
int apl_load_values(AplModel *m, const char *zPath, const char *zIdCol,
                    const char *zCol, const char *const *azDefault,
                    double *aOut, AplUnknown *pUnknown, Err *err);
/*
** Demand (population) as apl_load_values() into m->aPop, except that rows
** on codes the run does not know are kept in m->gap with their population
** (apl_write_csv lists them, APL empty, with the reason); they are still
** counted in *pUnknown.
*/
int apl_load_demand(AplModel *m, const char *zPath, const char *zIdCol,
                    const char *zCol, const char *const *azDefault,
                    AplUnknown *pUnknown, Err *err);
/*
** The binary cache of a parsed matrix (apl_cache.c): one file per matrix
** content in zDir, named and checked by the 64-bit hash h of the file's
** bytes and its size n, so that a changed file is parsed again.  Read:
** nodes and pairs into an empty m, 0, or -1 on a miss (m untouched).
** Write: 0, or -1 (nothing left behind).
*/
int apl_cache_read(AplModel *m, const char *zDir, uint64_t h, size_t n);
int apl_cache_write(const AplModel *m, const char *zDir, uint64_t h,
                    size_t n);
/* Separator of a CSV file guessed from its header: ',', ';' or tab. */
char apl_csv_sep(const char *zPath);
/* Allocate aPop and aCount (zeroed) once the communes are known. */
void apl_alloc_inputs(AplModel *m);

/* Catchment graph from points (grid index) or from the matrix pairs. */
void apl_build(AplModel *m);
/* Supply in acts, E2SFCA, per-commune indicators (aOut). */
void apl_compute(AplModel *m);
/* One row per commune: code,nom,apl,zone,offre,demande,effectif,...,motif
** to out, then one per demand gap (apl empty); 0 or ERR_IO.  motif says why
** an APL is empty or 0. */
int apl_write_csv(const AplModel *m, FILE *out, Err *err);

/*
** Why commune i has its APL, as CSV to out: one row per commune with supply
** that i reaches (code, name, minutes, weight w_ij, S_j in acts, weighted
** demand D_j, ratio R_j = S_j / D_j, contribution w_ij R_j), nearest first,
** then a row "total" with APL_i (their sum).  After apl_compute(); 0 or
** ERR_IO.
*/
int apl_explain(const AplModel *m, int i, FILE *out, Err *err);

/* ---- comparison with a reference table ------------------------------- */
typedef struct AplTable AplTable;
struct AplTable {
  AplNodes codes;         /* the rows' codes */
  double *aVal;           /* value per row */
};
/* Read code + value columns (zCol NULL: apl_mg, then apl).  Empty value
** cells are skipped. */
int apl_table_load(AplTable *t, const char *zPath, const char *zCol,
                   Err *err);
/* The APL of a computed model as a table (codes copied). */
void apl_table_from_model(AplTable *t, const AplModel *m);
void apl_table_free(AplTable *t);

typedef struct AplAgreement AplAgreement;
struct AplAgreement {
  char zArea[8];          /* "France" or a département code */
  long n;                 /* communes in both tables */
  double pearson, spearman;
  double zoneAgree;       /* share of communes in the same zone class */
};
/*
** Join ours and ref by code; aOut[0] is France, then one entry per
** département in code order; returns the number of entries written (at
** most nCap).  *pnOnlyOurs and *pnOnlyRef: codes on one side only.
*/
int apl_compare(const AccParams *p, const AplTable *ours,
                const AplTable *ref, AplAgreement *aOut, int nCap,
                long *pnOnlyOurs, long *pnOnlyRef);
/* Département of an INSEE commune code ("01", "2A", "974"). */
void apl_departement(const char *zCode, char *zDep);
/* Number value z of command-line flag zFlag into *pV within [lo, hi]: 0,
** or EXIT_USAGE with the French message printed (cli_apl.c). */
int apl_opt_number(const char *zFlag, const char *z, double lo, double hi,
                   double *pV);
/* Print err on stderr; the exit status it means (cli_apl.c). */
int apl_report_err(const Err *err);
/* The APL of m as CSV into file zOut (NULL: stdout); an exit status, the
** failure printed (cli_apl.c). */
int apl_write_out(const AplModel *m, const char *zOut);
/* The same, or with iExplain >= 0 the explanation of that node. */
int apl_write_to(const AplModel *m, int iExplain, const char *zOut);
/* Node of commune zCode for --explain, its APL said on stderr (unless
** isQuiet); -1 with the reason printed when the run has no such node. */
int apl_explain_node(const AplModel *m, const char *zCode, int isQuiet);

#endif
