/*
** app/demo.h: the living demonstration territory (`oasis demo load|clear`)
** and the start of a real instance (`oasis init`).
**
** The demo is built from the files of data/demo/ (data/demo/README.md)
** through each module's public functions, in one transaction, inside the
** instance's territory.  What it created is listed in the settings row
** "demo.manifest" (a JSON object of ids by table) so that `demo clear`
** removes exactly that; the row "instance.demonstration" = "1" tells the
** pages to show the banner « Démonstration — données fictives ».
*/
#ifndef OASIS_APP_DEMO_H
#define OASIS_APP_DEMO_H
#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/cmd.h"
#include "base/csv.h"
#include "base/err.h"
#include "store/store.h"
#include "territory/scope.h"

#define DEMO_FLAG_KEY "instance.demonstration"
#define DEMO_MANIFEST_KEY "demo.manifest"
#define DEMO_DEFAULT_TERRITORY "71"
#define DEMO_DEFAULT_DIR "data/demo"

/* One load in progress (demo_data.c fills it, demo.c drives it). */
typedef struct Demo Demo;
struct Demo {
  Store *db;
  Arena *a;
  const char *zDir;            /* data/demo */
  const char *zDep;            /* the territory's département */
  int iToday;                  /* caldate day number (base/clock.h) */
  int64_t now;                 /* Unix seconds */
  json_t *pMan;                /* manifest: {"table": [ids…], …} */
  TerrScope scope;             /* the territory being set */
  int nRow;                    /* data rows read */
};

/* Record id of a row created in zTable into the manifest. */
void demo_note(Demo *d, const char *zTable, int64_t id);

/* One file of zDir being read, its columns found by name. */
typedef struct DemoCsv DemoCsv;
struct DemoCsv {
  CsvReader *r;
  int nCol;
  int aCol[16];
};
/* Open zDir/zFile (";"), read its header, find columns azCol[0..n-1]
** (n <= 16): ERR_INPUT naming a missing one.  Count the rows in d. */
int demo_csv_open(Demo *d, const char *zFile, const char *const *azCol,
                  int n, DemoCsv *c, Err *err);
/* Next row: CSV_ROW, CSV_END or < 0. */
int demo_csv_next(Demo *d, DemoCsv *c, Err *err);
/* Cell of column i (the order of azCol). */
const char *demo_csv_cell(DemoCsv *c, int i);
/* Integer cell i into *pv, or ERR_INPUT naming line and column. */
int demo_csv_int(DemoCsv *c, int i, int64_t *pv, Err *err);
/* The error e of a module's function, relocated to the current row. */
int demo_csv_fail(DemoCsv *c, const Err *e, Err *err);
void demo_csv_close(DemoCsv *c);
/* One row of a file: 0, or < 0 with e filled (located or not). */
typedef int (*DemoRowFn)(Demo *d, DemoCsv *c, void *pArg, Err *e);
/* Open zFile (columns azCol), call xRow on every row, close; the first
** failing row stops the file, its error relocated to its line. */
int demo_csv_each(Demo *d, const char *zFile, const char *const *azCol,
                  int n, DemoRowFn xRow, void *pArg, Err *err);
/* 0 when commune zCode lies inside the demo's territory, else ERR_INPUT
** in e at column i of c's row: the files describe one territory. */
int demo_inside(Demo *d, DemoCsv *c, int i, const char *zCode, Err *e);
/* Day iToday + nDay as "YYYY-MM-DD" (arena string). */
const char *demo_day(Demo *d, int nDay);

/* Id of the centre de santé of code zCode, or 0. */
int64_t demo_centre_id(Demo *d, const char *zCode);
/* Id of the newest place of placement named zStructure, or 0. */
int64_t demo_place_id(Demo *d, const char *zStructure);

/* demo_data.c, demo_plan.c: each part of the set, in dependency order;
** 0 or < 0 with err naming the file, line and field. */
int demo_partners(Demo *d, Err *err);
int demo_centres(Demo *d, Err *err);
int demo_placements(Demo *d, Err *err);
int demo_events(Demo *d, Err *err);
int demo_dossiers(Demo *d, Err *err);
int demo_commitments(Demo *d, Err *err);
int demo_plan(Demo *d, Err *err);
int demo_portal(Demo *d, Err *err);

/* Load the demonstration into db (its own transaction, all or nothing):
** territory zDep, every file of zDir; a demo already there is cleared
** first, so loading twice gives one demo.  *pnRow: rows read. */
int demo_load(Store *db, const char *zDir, const char *zDep, int *pnRow,
              Err *err);
/* Remove what the manifest lists, restore the territory and portal
** settings found before the load, drop the flag.  No demo: 0, nothing. */
int demo_clear(Store *db, Err *err);
/* 1 when db holds the demonstration. */
int demo_is_loaded(Store *db);

/* demo, init. */
extern const Command app_demo_commands[];

#endif
