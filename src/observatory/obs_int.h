/*
** observatory/obs_int.h: what the observatory's data files share and the
** pages need not see (the private part of an ObsModel).
*/
#ifndef OASIS_OBSERVATORY_OBS_INT_H
#define OASIS_OBSERVATORY_OBS_INT_H
#include "observatory/apl_run.h"
#include "observatory/obs.h"

#include <pthread.h>

/* A serialised answer kept with its snapshot (immutable, so valid as
** long as the snapshot). */
typedef struct ObsMemo ObsMemo;
struct ObsMemo {
  char *zKey;
  char *z;
  size_t n;
};
#define OBS_MEMO_MAX 512

/* The centres de santé's salaried doctors counted as supply
** (supply_centres.c, from centres/centres.h), read when a snapshot is
** built. */
typedef struct ObsCentres ObsCentres;
struct ObsCentres {
  int iDay;                 /* day the contracts and sites were read */
  int n;                    /* communes (nodes) with an open site */
  int *aNode;               /* [n] */
  double *aFte;             /* [n] doctors' FTE there */
  int nSite;                /* open sites, unknown communes included */
  int nUnknown;             /* communes matching no node (ignored) */
  double fte;               /* FTE counted */
  uint64_t stamp;           /* what was read, as obs_centres_stamp() */
};
/* Stamp of today's centres supply (0 when it cannot be read): a snapshot
** whose stamp differs is rebuilt. */
uint64_t obs_centres_stamp(Store *db);
/* Read today's centres supply for m (nodes and aliases known); free with
** obs_centres_free. */
int obs_centres_read(Store *db, const ObsModel *m, ObsCentres *c, Err *err);
/* a[node] += FTE x perFte for every commune with a centre site. */
void obs_centres_add(const ObsCentres *c, double perFte, double *a);
/* One French provenance line (nothing when no site is open). */
void obs_centres_describe(const ObsCentres *c, Str *s);
void obs_centres_free(ObsCentres *c);

typedef struct ObsPriv ObsPriv;
struct ObsPriv {
  pthread_mutex_t memoMutex;
  ObsMemo aMemo[OBS_MEMO_MAX];
  int nMemo;
  struct ObsWork *apPool[4];  /* clean work states (what-if reuses them) */
  int nPool;
  AplModel apl;             /* the computation, as the file-mode CLI runs it */
  int isPract;              /* supply from the practitioners table */
  int64_t idMatrix;         /* travel_matrix import used, 0: crow-flies */
  long nMatrixUnknown;      /* matrix rows on codes matching no node */
  AplNodes alias;           /* old / déléguée codes ... */
  int *aAliasNode;          /* ... and their node */
  ObsCentres centres;       /* centres de santé counted as supply */
  Arena *pArena;            /* strings of the official layer (aZone) */
};

/* Fill m's official layer (official.c) once its nodes are loaded;
** obs_official_free() in model_free.  0, or < 0 with err. */
int obs_official_load(Store *db, ObsModel *m, Err *err);
void obs_official_free(ObsModel *m);

/* Index of z in az[0..n-1] (a word of the API: level, indicator), or -1
** (model.c). */
int obs_word_index(const char *const *az, int n, const char *z);

/* The memo zKey of m, borrowed for as long as m is held, or NULL. */
const char *obs_memo_get(const ObsModel *m, const char *zKey, size_t *pn);
/* Keep z (malloc'd, ownership taken; freed at once when the memo is
** full or zKey already there). */
void obs_memo_put(const ObsModel *m, const char *zKey, char *z, size_t n);

/* Is node i inside area iArea? */
int obs_node_in(const ObsModel *m, int i, int iArea);
/* m's practitioners for the engine, yearsAhead years on; those aged
** retireAge or more then (retireAge > 0) get iNode -1.  a: in.nSite. */
void obs_practitioners(const ObsModel *m, int yearsAhead, int retireAge,
                       AccPractitioner *a);

/*
** Incremental recompute state over a snapshot (scenario.c): copies of its
** arrays that what-if and siting runs change, with one level of undo.
** obs_work_apply() changes supply and updates incrementally; then either
** obs_work_commit() (aBase follows) or obs_work_undo() (back to aBase).
*/
typedef struct ObsWork ObsWork;
struct ObsWork {
  const ObsModel *m;
  double *aCount;           /* [n] supply in count units (FTE) */
  double *aSupply, *aApl, *aRatio, *aDemandReach;   /* [n] current */
  double *aBase;            /* [n] APL before the pending apply */
  unsigned char *aMark;     /* [2n] zeros */
  int *aList;               /* [2n]; demand nodes of the last apply at +n */
  int nLastI;               /* demand nodes recomputed by the last apply */
  int nLastJ;               /* supply nodes changed by the last apply */
  int *aLastJ;
  double *aOldCount, *aOldSupply, *aOldRatio, *aOldReach;
  int nLastCap;
};
void obs_work_init(ObsWork *w, const ObsModel *m);
/* A clean work state of m from its pool (or a new one); give it back
** clean (after obs_work_undo) with obs_work_put, or free it if dirty. */
ObsWork *obs_work_take(const ObsModel *m);
void obs_work_put(ObsWork *w);
/* Free the pool of m (model.c, when the snapshot goes). */
void obs_work_pool_free(ObsPriv *pv);
void obs_work_free(ObsWork *w);
/* Add aFte[k] count units at node aNode[k] (k < n; a node may repeat)
** and update incrementally; returns the demand nodes recomputed, listed
** in w->aList[w->m->n ...]. */
int obs_work_apply(ObsWork *w, const int *aNode, const double *aFte, int n);
void obs_work_commit(ObsWork *w);
void obs_work_undo(ObsWork *w);
/* Acts of fte count units (one unit: one average practitioner). */
double obs_fte_acts(const ObsModel *m, double fte);

/* JSON text of p (malloc'd, free()); parse back: 0 or -1. */
char *obs_params_json(const AccParams *p);
int obs_params_parse(const char *zJson, AccParams *p);
/* The DREES reference of vintage as a table (apl, or apl_under65). */
int obs_reference_table(Store *db, int vintage, int isUnder65, AplTable *t,
                        Err *err);

#endif
