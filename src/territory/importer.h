/*
** territory/importer.h: what every importer shares (territory, workforce):
** one transaction, the provenance log, replacing an earlier import of the
** same kind and vintage, strict cell parsing with file/line/column errors,
** counted skips, the progress bar and the summary line.
**
** The life of an import:
**   Imp imp; imp_init(&imp, db, &spec);
**   rc = imp_open_csv(&imp, ',', err);        header read, file hashed
**   rc = imp_begin(&imp, aTable, err);        BEGIN, log row, old rows gone
**   while ((rc = imp_next(&imp, err)) == CSV_ROW) ... imp_keep / imp_skip
**   rc = imp_end(&imp, rc, err);              COMMIT or ROLLBACK, summary
*/
#ifndef OASIS_TERRITORY_IMPORTER_H
#define OASIS_TERRITORY_IMPORTER_H
#include <stdint.h>
#include <stdio.h>

#include "base/csv.h"
#include "base/err.h"
#include "base/progress.h"
#include "base/str.h"
#include "store/store.h"

#define IMP_MAX_REASON 8

typedef struct ImpSpec ImpSpec;
struct ImpSpec {
  const char *zKind;        /* "communes", "population", ... */
  const char *zPath;        /* file or directory imported */
  int vintage;              /* 0 when none */
  const char *zSource;      /* supply source, else NULL */
  int isStrict;             /* unknown commune codes abort the import */
  int isAnyVintage;         /* a re-import replaces every vintage (communes) */
  FILE *pSummary;           /* summary line goes here (stderr); NULL: none */
};

typedef struct ImpSkip ImpSkip;
struct ImpSkip {
  const char *zReason;      /* literal, French */
  int isKept;               /* rows kept but worth reporting */
  long n;
  char zExample[48];        /* first value seen, e.g. "01330 (ligne 45)" */
};

typedef struct Imp Imp;
struct Imp {
  Store *db;
  ImpSpec spec;
  CsvReader *r;             /* NULL for non-CSV kinds (cog) */
  int nCol;                 /* header cells the rows must have */
  char zSha[65];
  int64_t id;               /* import_log id, 0 before imp_begin */
  double tStart;
  Progress prog;
  long nRead, nKept;
  ImpSkip aSkip[IMP_MAX_REASON];
  int nSkipKind;
  int isBegun;
  int nCommune;             /* communes in the database at imp_begin */
};

void imp_init(Imp *p, Store *db, const ImpSpec *pSpec);
/* Hash zPath and open it as CSV with separator cSep, header read. */
int imp_open_csv(Imp *p, char cSep, Err *err);
/* Hash a non-CSV input (cog: several JSON files are hashed together). */
void imp_set_sha(Imp *p, const char *zHex);
/* Column zName of the header; -1 with err set (line 1, header) when it is
** required and absent, -1 silently when optional. */
int imp_col(Imp *p, const char *zName, int isRequired, Err *err);
/* Open the transaction, write the log row, and run each statement of the
** NULL-terminated azDelete (literals "DELETE FROM t WHERE import_id = ?1")
** for every earlier import of the same kind+vintage+source. */
int imp_begin(Imp *p, const char *const *azDelete, Err *err);
/* Next data row (CSV_ROW / CSV_END / < 0); checks the row is complete. */
int imp_next(Imp *p, Err *err);
/* Cell iCol as a number; error with position when not numeric (or when
** empty and !isOptional).  *pIsNull set for empty optional cells. */
int imp_num(Imp *p, int iCol, int isOptional, double *pV, int *pIsNull,
            Err *err);
/* Cell iCol as a commune code (5 chars, digits or 2A/2B); error otherwise. */
int imp_code(Imp *p, int iCol, const char **pzCode, Err *err);
/* True when zCode is a commune or arrondissement in the communes table. */
int imp_commune_known(Imp *p, const char *zCode);
/* Check the commune code of column iCol against the communes table: 0
** when known (an alias is reported), 1 when unknown and the row must be
** skipped (isSkip), 0 when unknown and kept (reported), < 0 in strict
** mode.  Without any commune in the database: ERR_INPUT when isSkip
** (rows could not be placed), else 0 (nothing to check against). */
int imp_check_commune(Imp *p, int iCol, const char *zCode, int isSkip,
                      Err *err);
void imp_keep(Imp *p);
void imp_skip(Imp *p, const char *zReason, const char *zExample);
/* A row kept, but reported in the summary under zReason. */
void imp_report(Imp *p, const char *zReason, const char *zExample);
/* Commit (rc == 0) or roll back, log counts, print the summary; returns
** the final rc.  Closes the reader. */
int imp_end(Imp *p, int rc, Err *err);

#endif
