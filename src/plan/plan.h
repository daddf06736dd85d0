/*
** plan/plan.h: steering the territory's health plan: actions with their
** yearly budgets, what each funds, spending and output indicators, and
** the dashboard for elected officials (page, SVG charts, XLSX).
**
** Layers, one file each:
**   rules.c   pure: labels, cost per doctor settled, the dashboard's
**             arithmetic (euros: base/money.h)
**   svg.c     pure: inline SVG bar charts (the same figures are always
**             given as a table beside the chart)
**   store.c   every SQL statement (tables plan_*)
**   xlsx.c    the workbook export (libxlsxwriter)
**   actions.c every write, for the pages and the API alike
**   pages.c pages_edit.c api.c   the web side
** Money is held in euro cents (int64_t): sums are exact.
*/
#ifndef OASIS_PLAN_H
#define OASIS_PLAN_H
#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/label.h"
#include "base/str.h"
#include "store/store.h"
#include "web/web.h"
#include "workforce/workforce.h"

/* ---- rules.c ------------------------------------------------------------ */
typedef Label PlanLabel;   /* a code and its label (base/label.h) */
extern const PlanLabel plan_link_kinds[];     /* aide, centre, stage, evenement */
extern const PlanLabel plan_output_codes[];   /* installes, engagements, ... */
#define PLAN_N_OUTPUT 5
/* Indexes of plan_output_codes (and of every aOutput array). */
enum { PLAN_OUT_INSTALLES, PLAN_OUT_ENGAGEMENTS, PLAN_OUT_ETUDIANTS,
       PLAN_OUT_CONSULTATIONS, PLAN_OUT_PATIENTS_MT };
/* Index of zCode in plan_output_codes, or -1. */
int plan_output_index(const char *zCode);

/* The JSON key of output i ("patients_mt" for the code "patients-mt"). */
const char *plan_output_key(int i);
/* Spending per doctor settled in euros, NaN when none settled. */
double plan_cost_per_doctor(int64_t spentCents, int64_t nSettled);
/* Share spent of the budget in percent, NaN when the budget is 0. */
double plan_execution_pct(int64_t spentCents, int64_t budgetCents);
/* Why zDate ("YYYY-MM-DD") cannot date a spending, one French sentence,
** or NULL when it can: from 01/01/PLAN_YEAR_FIRST to the
** 31 December of the year after iToday (caldate day number). */
#define PLAN_YEAR_FIRST 2000
const char *plan_spend_date_problem(const char *zDate, int iToday);
/* One refused field of a record: its form/JSON name and why (French). */
typedef struct PlanProblem PlanProblem;
struct PlanProblem {
  const char *zField, *zWhy;
};
struct PlanSpend;
/* Every problem of spending p at once, one per field (date, montant,
** libelle) into aOut (>= 3 slots); how many.  The form reports them all,
** the store refuses on the first. */
int plan_spend_problems(const struct PlanSpend *p, int iToday,
                        PlanProblem *aOut);

/* ---- records ------------------------------------------------------------ */
/* Where spending comes from: the payments the other modules log (read
** through their headers, never copied) and the team's manual entries. */
enum { PLAN_SRC_AIDES, PLAN_SRC_STAGES, PLAN_SRC_CENTRES, PLAN_SRC_MANUEL,
       PLAN_N_SRC };
extern const char *const plan_source_labels[PLAN_N_SRC];

/* Output figures the other modules measure (feeds.c). */
typedef struct PlanFacts PlanFacts;
struct PlanFacts {
  int64_t nSettled;            /* guichet unique: dossiers closed "installé" */
  int64_t nSigned;             /* aid commitments signed */
  int64_t nHonoured;           /* of them honoured (no date: totals only) */
  int64_t nTrainees;           /* placements: assignments started */
  int64_t nTraineesSettled;    /* trainees later settled (totals only) */
  int64_t nConsultations;      /* centres de santé */
  int64_t nPatientsMt;         /* centres: patients with a médecin traitant,
                               ** at the end of the year (a stock) */
  int64_t nRegistrants;        /* events: registrations (totals only) */
};

typedef struct PlanAction PlanAction;
struct PlanAction {
  int64_t id;
  const char *zName;
  const char *zObjective;
  int64_t budgetCents;         /* all years (read only) */
  int64_t spentCents;          /* every source (read only) */
  int64_t aSpent[PLAN_N_SRC];  /* by source (read only, summary only) */
  int64_t receiptsCents;       /* centres' reimbursements (summary only) */
  int64_t aOutput[PLAN_N_OUTPUT]; /* manual entries, sums over years; in a
                               ** summary, plus the modules' figures */
  PlanFacts facts;             /* through its links (summary only) */
};
typedef struct PlanBudget PlanBudget;
struct PlanBudget {
  int64_t actionId;
  int year;
  int64_t cents;
};
typedef struct PlanLink PlanLink;
struct PlanLink {
  int64_t id, actionId;
  const char *zKind;           /* plan_link_kinds code */
  const char *zTarget;         /* id in the owning module */
  const char *zLabel;
};
typedef struct PlanSpend PlanSpend;
struct PlanSpend {
  int64_t id, actionId;
  const char *zDate;           /* YYYY-MM-DD */
  int64_t cents;               /* > 0 */
  const char *zLabel;
};
typedef struct PlanOutput PlanOutput;
struct PlanOutput {
  int64_t id;
  int64_t actionId;            /* 0: the whole plan, no action */
  const char *zCode;           /* plan_output_codes code */
  int year;
  int64_t value;
};

/* Year-by-year totals of the plan (dashboard, charts, XLSX). */
typedef struct PlanYear PlanYear;
struct PlanYear {
  int year;
  int64_t budgetCents;
  int64_t spentCents;
  int64_t aSpent[PLAN_N_SRC];
  int64_t receiptsCents;
  int64_t aOutput[PLAN_N_OUTPUT];
  unsigned hasOutput;          /* bit i: output i has a figure that year
                               ** (a module's record or a team entry); else
                               ** the pages say « pas de donnée », not 0 */
  PlanFacts facts;             /* the whole territory's, that year */
};
typedef struct PlanSummary PlanSummary;
struct PlanSummary {
  int nAction;
  PlanAction *aAction;
  int nYear;
  PlanYear *aYear;             /* ascending years with a budget, spending
                               ** or an output */
  int64_t budgetCents, spentCents;
  int64_t aSpent[PLAN_N_SRC];
  int64_t receiptsCents;
  int64_t unlinkedCents;       /* module payments no action is linked to */
  int64_t aOutput[PLAN_N_OUTPUT];   /* actions' and plan-level entries */
  unsigned hasOutput;          /* bit i: some year has a figure of output i
                               ** (else the totals say « pas de donnée ») */
  PlanFacts facts;             /* the whole territory's, every year */
  PlanFacts outside;           /* what the modules hold outside the
                               ** instance's territory: never counted,
                               ** shown as « hors territoire » */
  int nVintage;                /* access to GPs over the stored vintages */
  struct PortalVintage *aVintage;   /* of the portal's département */
  const char *zTerritory;      /* its code, "" when not set */
  WfNoGpArea noGp;             /* patients without a médecin traitant in
                               ** the territory (workforce) */
};
/* Doctors settled: guichet unique outcomes plus the team's entries (once
** plan_feeds_add folded the modules' figures into aOutput). */
int64_t plan_settled(const PlanFacts *f, const int64_t *aOutput);

/* ---- store.c ------------------------------------------------------------ */
int plan_action_list(Store *db, Arena *a, PlanAction **pa, int *pn, Err *err);
int plan_action_get(Store *db, Arena *a, int64_t id, PlanAction *p, Err *err);
/* Name 1-200 bytes, objective at most 2000.  ERR_INPUT with the field. */
int plan_action_check(const PlanAction *p, Err *err);
/* Insert (p->id 0; id set) or update name and objective. */
int plan_action_save(Store *db, PlanAction *p, Err *err);
int plan_action_delete(Store *db, int64_t id, Err *err);
json_t *plan_action_json(const PlanAction *p);

int plan_budget_list(Store *db, Arena *a, int64_t actionId, PlanBudget **pa,
                     int *pn, Err *err);
/* Set the budget of action/year (cents >= 0; 0 removes the line). */
int plan_budget_set(Store *db, const PlanBudget *p, Err *err);
int plan_link_list(Store *db, Arena *a, int64_t actionId, PlanLink **pa,
                   int *pn, Err *err);
int plan_link_add(Store *db, PlanLink *p, Err *err);
int plan_link_delete(Store *db, int64_t actionId, int64_t id, Err *err);
int plan_spend_list(Store *db, Arena *a, int64_t actionId, PlanSpend **pa,
                    int *pn, Err *err);
int plan_spend_add(Store *db, PlanSpend *p, Err *err);
int plan_spend_delete(Store *db, int64_t actionId, int64_t id, Err *err);
/* Outputs of action actionId (0: the plan-level entries). */
int plan_output_list(Store *db, Arena *a, int64_t actionId, PlanOutput **pa,
                     int *pn, Err *err);
/* Set (replace) the value of action/code/year. */
int plan_output_set(Store *db, const PlanOutput *p, Err *err);
/* Every figure of the dashboard: manual entries (store.c), then the other
** modules' payments and figures (feeds.c). */
int plan_summary_load(Store *db, Arena *a, PlanSummary *p, Err *err);
/* The year row y of p (inserted in order, zeroed, when absent). */
PlanYear *plan_summary_year(Arena *a, PlanSummary *p, int y);

/* ---- feeds.c: the other modules ---------------------------------------- */
/* Add to p (manual sums loaded) the payments of what each action funds:
** aid payments of linked schemes, allowances paid on linked placements,
** salaries and charges of linked centres (reimbursements as receipts);
** each module payment counted once in the plan's totals however many
** actions link it.  Then the figures of the whole territory by year. */
int plan_feeds_add(Store *db, Arena *a, PlanSummary *p, Err *err);

/* Something an action can fund, in its owning module. */
typedef struct PlanTarget PlanTarget;
struct PlanTarget {
  const char *zKind;           /* plan_link_kinds code */
  const char *zTarget;         /* id in the module */
  const char *zLabel;
};
/* Every aid scheme, centre, placement structure and event, by kind;
** centres and placements outside the instance's territory left out. */
int plan_targets(Store *db, Arena *a, PlanTarget **pa, int *pn, Err *err);
/* The label of (zKind, zTarget), or ERR_INPUT (field "objet") when the
** module has no such object or it lies outside the territory. */
int plan_target_check(Store *db, Arena *a, const char *zKind,
                      const char *zTarget, const char **pzLabel, Err *err);
json_t *plan_summary_json(const PlanSummary *p);

/* ---- svg.c -------------------------------------------------------------- */
/* A grouped bar chart of two series (a, b) over n categories, as inline
** SVG into pOut: role="img" with zTitle as its accessible name, values
** in euros (cents) on a rounded axis.  Decorative detail only: the page
** shows the same figures in a table. */
void plan_svg_bars(Str *pOut, const char *zId, const char *zTitle,
                   const char *const *azCat, const int64_t *aA,
                   const int64_t *aB, int n, const char *zLegendA,
                   const char *zLegendB);
/* The smallest "nice" axis maximum (1, 2, 2.5, 5 × 10^k) >= x. */
double plan_nice_max(double x);

/* ---- xlsx.c ------------------------------------------------------------- */
/* The dashboard as an XLSX workbook (sheets "Synthèse", "Actions",
** "Années") into pOut.  ERR_IO when the temporary file fails. */
int plan_xlsx(const PlanSummary *p, const char *zTerritory, Str *pOut,
              Err *err);

#endif
