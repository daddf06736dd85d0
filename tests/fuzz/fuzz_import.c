/*
** tests/fuzz/fuzz_import.c: libFuzzer target for the importers' row
** parsers, through the real entry points (territory/import_tables.c): the
** input is written to a file and imported as a population table, a
** supply count, a DREES APL table, a travel-time matrix, the communes
** file, health equipment counts (territory) and a practitioners' list and
** an RPPS extract (workforce), each into one database opened once.
** Invariant beyond "no crash": an import is all rows or none: when it
** fails (with a message naming the file), its table holds exactly the rows
** it held before.
*/
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "territory/territory.h"
#include "workforce/workforce.h"

static Store *db;
static char zDir[] = "/tmp/oasis-fuzz-import-XXXXXX";
static char zFile[64];

static int64_t count(const char *zSql)
{
  return store_one_int(store_stmt(db, zSql), -1);
}

static void one(int (*x)(Store *, const TerrImportOpts *, Err *),
                const TerrImportOpts *o, const char *zCount)
{
  Err err = {0};
  int64_t nBefore = count(zCount);
  if (x(db, o, &err) != 0) {
    assert(err.zMsg[0]);
    assert(count(zCount) == nBefore);
  }
  assert(store_depth(db) == 0);
}

/* The database and the input file go when the run ends. */
static void cleanup(void)
{
  char z[96];
  store_close(db);
  snprintf(z, sizeof z, "%s/in.csv", zDir);
  unlink(z);
  for (const char *zExt = ""; zExt; zExt = *zExt ? NULL : "-wal") {
    snprintf(z, sizeof z, "%s/f.db%s", zDir, zExt);
    unlink(z);
  }
  snprintf(z, sizeof z, "%s/f.db-shm", zDir);
  unlink(z);
  rmdir(zDir);
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n)
{
  if (!db) {
    Err err = {0};
    char zDb[64];
    log_set_quiet(1);
    assert(mkdtemp(zDir));
    snprintf(zDb, sizeof zDb, "%s/f.db", zDir);
    snprintf(zFile, sizeof zFile, "%s/in.csv", zDir);
    db = store_open(zDb, &err);
    assert(db);
    store_exec_sql(db, "PRAGMA synchronous=OFF", &err);
    atexit(cleanup);
  }
  FILE *f = fopen(zFile, "wb");
  assert(f);
  fwrite(a, 1, n, f);
  fclose(f);
  TerrImportOpts o = {.zPath = zFile, .vintage = 2022};
  one(terr_import_population, &o, "SELECT count(*) FROM population");
  TerrImportOpts s = {.zPath = zFile, .zColValue = "generaliste", .zSource = "fuzz"};
  one(terr_import_supply, &s, "SELECT count(*) FROM supply_count");
  one(terr_import_apl_reference, &o, "SELECT count(*) FROM apl_reference");
  TerrImportOpts m = {.zPath = zFile};
  one(terr_import_matrix, &m, "SELECT count(*) FROM travel_matrix");
  one(terr_import_communes, &m, "SELECT count(*) FROM communes");
  one(terr_import_equipment, &o, "SELECT count(*) FROM equipment_count");
  one(wf_import_practitioners, &o, "SELECT count(*) FROM practitioners");
  TerrImportOpts r = {.zPath = zFile, .vintage = 2022, .cSep = '|'};
  one(wf_import_rpps, &r, "SELECT count(*) FROM practitioners");
  return 0;
}
