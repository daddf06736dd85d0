/*
** access/access.h: the accessibility engine (E2SFCA / DREES APL).
**
** Pure C on arrays: no I/O, no SQL, nothing allocated per APL call (the
** caller supplies output and scratch arrays).  Graph construction does
** allocate, once.  Travel times reach the engine either as a callback
** listing, for one supply node, the demand nodes in reach with their
** minutes (geo/ provides one over a grid index), or as (origin,
** destination, minutes) pairs from a travel-time matrix.
**
** Vocabulary: a demand node i has standardised population P_i; a supply
** node j has supply S_j in yearly acts; t_ij is the time from i (origin,
** where people live) to j (destination, where doctors practise) and
** w(t_ij) the decay weight.  docs/apl.md explains the method and units.
*/
#ifndef OASIS_ACCESS_ACCESS_H
#define OASIS_ACCESS_ACCESS_H
#include <stddef.h>
#include <stdint.h>

typedef enum AccDecay {
  ACC_DECAY_DREES = 0,    /* 1, 2/3, 1/3, 0 at tMax/2, 3tMax/4, tMax */
  ACC_DECAY_STEP = 1,     /* 1 when t <= tMax, else 0 (plain 2SFCA) */
  ACC_DECAY_GAUSSIAN = 2, /* Dai's Gaussian, 0 from tMax on */
  ACC_DECAY_STEPS = 3     /* the bands of AccParams.aStep (--steps) */
} AccDecay;

/* Most bands a stepped decay may have. */
#define ACC_MAX_STEPS 32

/* One band of a stepped decay: weight w up to bound tMax minutes
** (t <= tMax when the decay is inclusive, t < tMax otherwise). */
typedef struct AccStep AccStep;
struct AccStep {
  double tMax;
  double w;
};

enum {
  ACC_ZONE_SOUS_DENSE = 0,      /* APL < zoneSousDense */
  ACC_ZONE_INTERMEDIAIRE = 1,   /* zoneSousDense <= APL < zoneBienDote */
  ACC_ZONE_NON_ZONE = 2         /* APL >= zoneBienDote */
};

typedef struct AccParams AccParams;
struct AccParams {
  AccDecay decay;
  double tMax;                 /* minutes; catchment cut-off (20) */
  double speedKmh;             /* crow-flies model: mean speed (50) */
  double detour;               /* crow-flies model: road/straight (1.3) */
  double zoneSousDense;        /* APL below this: sous-dense (2.5) */
  double zoneBienDote;         /* APL from this on: not zoned (4.0) */
  int exclude65plus;           /* drop practitioners aged 65 and over */
  double actsPerPractitioner;  /* acts of one average practitioner (4500) */
  double actsMin;              /* DREES: fewer acts count 0 (250) */
  double actsFloor;            /* DREES: actsMin..actsFloor count as (3600) */
  double actsCap;              /* DREES: cap (6000) */
  double actsNewLiberal;       /* DREES: liberal, no activity last year (5400) */
  /* ACC_DECAY_STEPS: bands in increasing tMax; tMax above is the last. */
  int nStep;
  AccStep aStep[ACC_MAX_STEPS];
  int isInclusive;             /* STEPS: a band holds t <= its bound (PySAL),
                               ** not t < bound (DREES, IPEA: the next band
                               ** starts at the threshold) */
  double bandwidth;            /* GAUSSIAN: minutes (0: tMax) */
  double selfMinutes;          /* a commune's trip to itself (0, DREES);
                               ** ACC_SELF_AS_GIVEN: only the self pairs a
                               ** matrix gives (PySAL, IPEA read it as is) */
};

/* AccParams.selfMinutes: no trip to itself is added to a matrix. */
#define ACC_SELF_AS_GIVEN (-1.0)

/* The DREES parameters and our travel-model defaults (docs/apl.md). */
AccParams acc_params_default(void);
/* Decay weight of a trip of t minutes, in [0, 1]; 0 = out of reach. */
double acc_weight(const AccParams *p, double t);
/* ACC_ZONE_* class of an APL value. */
int acc_zone(const AccParams *p, double apl);
/* "sous-dense", "intermédiaire", "non zoné". */
const char *acc_zone_name(int zone);
/* "drees", "step", "gaussian", "steps"; acc_decay_parse() returns -1 if
** unknown ("steps" is set by acc_steps_parse, not by name). */
const char *acc_decay_name(AccDecay d);
int acc_decay_parse(const char *z, AccDecay *pDecay);
/* Read a step table "10:1,15:0.6667,20:0.3333" (bounds increasing, weights
** in (0, 1]) into p: decay ACC_DECAY_STEPS, tMax the last bound.  0, or -1
** with a French reason in zErr[nErr]. */
int acc_steps_parse(const char *z, AccParams *p, char *zErr, int nErr);
/* Apply a named preset: "drees" (DREES APL: 10/15/20 min, 1, 2/3, 1/3,
** bands exclusive), "2sfca" (binary catchment t <= tMax); after the peers,
** reading a matrix as given (selfMinutes ACC_SELF_AS_GIVEN):
** "two_stage_fca" (PySAL, t <= tMax), "enhanced_two_stage_fca" (PySAL's
** default E2SFCA: 10:1, 20:0.68, 30:0.22, cost <= bound),
** "floating_catchment_area" (IPEA 2SFCA, decay_stepped: bands exclusive,
** the DREES shape unless --steps); "pysal-2sfca", "pysal-e2sfca",
** "ipea-2sfca" are the same.  0, or -1 when unknown. */
int acc_preset(const char *zName, AccParams *p);
/* Weights of the bands of a stepped decay: aW[0] = 0 (out of reach),
** aW[1..n]; returns n, or -1 for a continuous decay (gaussian). */
int acc_band_weights(const AccParams *p, double aW[ACC_MAX_STEPS + 1]);
/* Band of a trip of t minutes (0: out of reach) for a stepped decay. */
int acc_band(const AccParams *p, double t);

/* ---- supply --------------------------------------------------------- */
typedef struct AccPractitioner AccPractitioner;
struct AccPractitioner {
  int iNode;           /* supply node where this practitioner practises */
  double acts;         /* yearly acts; < 0 when unknown */
  int isNewLiberal;    /* liberal with no activity the previous year */
  int isCentre;        /* salaried in a centre de santé: real, no bounds */
  int age;             /* years; 0 when unknown */
};

/* Counted yearly acts of one practitioner under the DREES rules (0 when
** excluded by exclude65plus). */
double acc_practitioner_acts(const AccParams *p, const AccPractitioner *pr);
/* aSupply[j] = sum of counted acts, aCount[j] = practitioners counted (may
** be NULL), for j < nSupply; both zeroed first. */
void acc_supply_from_practitioners(const AccParams *p,
                                   const AccPractitioner *a, int n,
                                   int nSupply, double *aSupply,
                                   double *aCount);
/* aSupply[j] = aCount[j] * p->actsPerPractitioner (counts given). */
void acc_supply_from_counts(const AccParams *p, const double *aCount, int n,
                            double *aSupply);

/* ---- the catchment graph -------------------------------------------- */
/*
** Weights are full doubles.  A stepped decay (DREES, binary, --steps)
** stores one byte per edge, the band, whose weight is read from aBandW: the
** pass streams 5 bytes an edge and every weight is the exact double (2/3
** is 2.0/3.0, not a float's 0.66666669).  A continuous decay (gaussian)
** stores the double weight of each edge in aWeightD instead.
*/
typedef struct AccGraph AccGraph;
struct AccGraph {
  int nDemand;          /* communes where people live */
  int nSupply;          /* communes where doctors practise */
  int *aStart;          /* CSR: edges of supply j are aStart[j]..aStart[j+1]-1 */
  int *aDemand;         /* CSR: demand node of each edge */
  unsigned char *aBand; /* stepped decay: band of each edge, 1..nBand */
  double *aWeightD;     /* continuous decay: weight of each edge, (0, 1] */
  double aBandW[ACC_MAX_STEPS + 1];   /* weight of each band; [0] = 0 */
  int nBand;            /* bands of a stepped decay, 0 for continuous */
  /* The transpose, only after acc_graph_transpose() (incremental API). */
  int *aTStart;         /* edges of demand i: aTStart[i]..aTStart[i+1]-1 */
  int *aTSupply;        /* supply node of each, increasing per row */
  unsigned char *aTBand;
  double *aTWeightD;
};

/* Weight of edge e of g (of its transpose: acc_tedge_weight). */
static inline double acc_edge_weight(const AccGraph *g, long e)
{
  return g->aBand ? g->aBandW[g->aBand[e]] : g->aWeightD[e];
}
static inline double acc_tedge_weight(const AccGraph *g, long e)
{
  return g->aTBand ? g->aBandW[g->aTBand[e]] : g->aTWeightD[e];
}

/* Demand nodes in reach of supply node j, with their minutes, into
** aDemand/aMinutes[0..nCap-1]; returns how many exist (more than nCap:
** the builder grows its buffers and asks again). */
typedef int (*AccReachFn)(void *pCtx, int j, int *aDemand, double *aMinutes,
                          int nCap);

/* Graph from a reach callback; edges of weight 0 are dropped.  Free with
** acc_graph_free(). */
AccGraph *acc_graph_build(const AccParams *p, int nDemand, int nSupply,
                          AccReachFn xReach, void *pCtx);
/* Graph from nPair (origin demand node, destination supply node, minutes)
** triples in any order; a pair given twice keeps its smaller time; an
** absent pair is out of reach. */
AccGraph *acc_graph_from_pairs(const AccParams *p, int nDemand, int nSupply,
                               long nPair, const int *aOrigin,
                               const int *aDest, const double *aMinutes);
/* The same for a matrix over n communes (demand = supply nodes): every
** commune's trip to itself takes p->selfMinutes, replacing the matrix's
** own self pairs, unless selfMinutes is ACC_SELF_AS_GIVEN. */
AccGraph *acc_graph_from_matrix(const AccParams *p, int n, long nPair,
                                const int *aOrigin, const int *aDest,
                                const double *aMinutes);
/* The same with the minutes of each pair as a short decimal (base/scan.h:
** 12 bytes a pair with the two nodes); a decimal marked SCAN_DEC_NONE
** reads its minutes in aX[aDec[k] >> 4].  Bands and weights are those of
** the doubles the decimals stand for, bit for bit. */
AccGraph *acc_graph_from_decimals(const AccParams *p, int n, long nPair,
                                  const int *aOrigin, const int *aDest,
                                  const uint32_t *aDec, const double *aX);
void acc_graph_free(AccGraph *g);
/* An array of n bytes for per-pair or per-edge data: from 4 MB on aligned
** on 2 MB and marked for huge pages, so that filling it takes a few dozen
** page faults instead of tens of thousands.  Released by free(). */
void *acc_alloc_big(size_t n);
long acc_graph_edges(const AccGraph *g);
/* Bytes held by g (CSR and transpose). */
long acc_graph_bytes(const AccGraph *g);
/* Build the demand-major transpose (idempotent). */
void acc_graph_transpose(AccGraph *g);
/* One streaming pass over the CSR arrays (the memory floor the APL pass is
** measured against); returns a checksum so it cannot be optimised away. */
double acc_graph_stream(const AccGraph *g);

/* ---- E2SFCA --------------------------------------------------------- */
/*
** Step 1: aDemandReach[j] = sum_i w_ij P_i (may be NULL) and aRatio[j] =
** S_j / that sum, 0 when no population is reached (never NaN).
*/
void acc_step1(const AccGraph *g, const double *aSupply, const double *aPop,
               double *aDemandReach, double *aRatio);
/* Step 2: aApl[i] = sum_j w_ij aRatio[j]. */
void acc_step2(const AccGraph *g, const double *aRatio, double *aApl);
/* APL of every demand node into aApl[0..nDemand-1]; aScratch holds
** nSupply doubles (left holding the ratios R_j).  Pure, thread-safe. */
void acc_apl(const AccGraph *g, const double *aSupply, const double *aPop,
             double *aApl, double *aScratch);

/*
** What if: supply changed at aSupplyChanged[] and/or population at
** aPopChanged[]; aSupply/aPop hold the new values, aDemandReach/aRatio/
** aApl the old results (from acc_step1/acc_step2 or an earlier update).
** Recomputes only the supply nodes whose ratio can change (the changed
** ones and those reaching a changed population), then only the demand
** nodes they reach, with the same arithmetic as a full run (same
** results).  Needs acc_graph_transpose(g).  aMark: nDemand + nSupply
** bytes, all 0 (left 0); aList: nDemand + nSupply ints.  Returns the
** number of demand nodes recomputed.
*/
int acc_apl_update(const AccGraph *g, const double *aSupply,
                   const double *aPop, const int *aSupplyChanged,
                   int nSupplyChanged, const int *aPopChanged,
                   int nPopChanged, double *aDemandReach, double *aRatio,
                   double *aApl, unsigned char *aMark, int *aList);

/* Minutes from demand i to supply j; negative when out of reach. */
typedef double (*AccTimeFn)(void *pCtx, int i, int j);
/* The reference: every (i, j) pair, twice, weights in double.  aScratch
** holds nSupply doubles.  O(nDemand * nSupply): tests and bench only. */
void acc_apl_bruteforce(const AccParams *p, int nDemand, int nSupply,
                        AccTimeFn xTime, void *pCtx, const double *aSupply,
                        const double *aPop, double *aApl, double *aScratch);

/* ---- per-commune output --------------------------------------------- */
typedef struct AccCommune AccCommune;
struct AccCommune {
  double apl;           /* acts per standardised inhabitant per year */
  double supplyReach;   /* sum_j w_ij S_j: weighted acts in reach of i */
  double demandReach;   /* sum_k w_ki P_k: weighted people reaching i */
  double count;         /* practitioners practising in i */
  double density;       /* 10,000 * count / P_i (0 when P_i = 0) */
  int zone;             /* ACC_ZONE_* of apl */
};
/* Fill aOut[0..n-1] for a graph whose demand and supply nodes are the
** same n communes; aApl/aDemandReach as from acc_step1/2, aCount may be
** NULL. */
void acc_communes(const AccParams *p, const AccGraph *g,
                  const double *aSupply, const double *aPop,
                  const double *aCount, const double *aApl,
                  const double *aDemandReach, AccCommune *aOut);

#endif
