/*
** tests/unit/test_import.c: the importers and the engine loader, on small
** hand-written fixtures (tests/fixtures/) and on bad input written by the
** tests themselves.  Every bad-input test checks the database is exactly
** as it was before the failed import.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/str.h"
#include "store/provenance.h"
#include "store/store.h"
#include "territory/lookup.h"
#include "territory/territory.h"
#include "workforce/workforce.h"

#define FIX "tests/fixtures/"
#define assert_double_equal(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

typedef struct Fx Fx;
struct Fx {
  char zDir[64];
  char zDb[96];
  Store *db;
};

/* A fresh database in a temporary directory, communes already imported. */
static int fx_setup(void **state)
{
  Fx *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/oasis_imp_XXXXXX");
  if (!mkdtemp(f->zDir)) return -1;
  snprintf(f->zDb, sizeof f->zDb, "%s/t.db", f->zDir);
  Err err = {0};
  f->db = store_open(f->zDb, &err);
  if (!f->db) return -1;
  TerrImportOpts o = {.zPath = FIX "communes_small.csv"};
  if (terr_import_communes(f->db, &o, &err)) return -1;
  *state = f;
  return 0;
}

static int fx_teardown(void **state)
{
  Fx *f = *state;
  store_close(f->db);
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  int rc = system(zCmd);
  free(f);
  return rc;
}

/* Write z to DIR/zName; the path into zPath. */
static const char *fx_write(Fx *f, const char *zName, const char *z,
                            char *zPath, size_t nPath)
{
  snprintf(zPath, nPath, "%s/%s", f->zDir, zName);
  FILE *out = fopen(zPath, "wb");
  assert_non_null(out);
  fwrite(z, 1, strlen(z), out);
  fclose(out);
  return zPath;
}

static int64_t q_int(Store *db, const char *zSql)
{
  return store_one_int(store_stmt(db, zSql), -1);
}

static double q_dbl(Store *db, const char *zSql)
{
  return store_one_double(store_stmt(db, zSql), -1);
}

/* Everything an import could change, as one string. */
static char *fx_fingerprint(Store *db)
{
  static const char *const azSql[] = {
    "SELECT count(*) || '/' || max(id) || '/' || total(n_rows) FROM import_log",
    "SELECT count(*) || '/' || total(lat) || group_concat(code) FROM communes",
    "SELECT count(*) FROM commune_alias",
    "SELECT count(*) || '/' || total(standardised) FROM population",
    "SELECT count(*) || '/' || total(value) FROM supply_count",
    "SELECT count(*) || '/' || total(apl) FROM apl_reference",
    "SELECT count(*) || '/' || total(minutes) FROM travel_matrix",
    "SELECT count(*) FROM practitioners",
    "SELECT count(*) || group_concat(commune) FROM practitioner_sites",
    "SELECT count(*) FROM epci_member",
    "SELECT count(*) || '/' || total(n) FROM equipment_count", 0};
  Str s = STR_INIT;
  for (int i = 0; azSql[i]; i++) {
    Stmt *q = store_stmt(db, azSql[i]);
    Err err = {0};
    if (store_step(q, &err) == 1) {
      str_appendf(&s, "%s|", store_col_text(q, 0));
      store_reset(q);
    }
  }
  return str_finish(&s);
}

/* ---- good input ---------------------------------------------------------- */

static void test_communes_keep_com_arm_and_fall_back_to_centroid(void **state)
{
  Fx *f = *state;
  Store *db = f->db;
  assert_int_equal(q_int(db, "SELECT count(*) FROM communes"), 6);
  assert_int_equal(q_int(db, "SELECT count(*) FROM communes WHERE type='ARM'"
                         " AND parent='75056'"), 2);
  assert_int_equal(q_int(db, "SELECT count(*) FROM communes WHERE code="
                         "'27676' AND point_source='centroid' AND"
                         " abs(lat - 49.21686) < 1e-9"), 1);
  assert_int_equal(q_int(db, "SELECT count(*) FROM communes WHERE code="
                         "'01001' AND point_source='point' AND"
                         " abs(lat - 46.1517) < 1e-9"), 1);
  /* COMD: one with a distinct parent becomes an alias, one is left out. */
  assert_int_equal(q_int(db, "SELECT count(*) FROM commune_alias WHERE code="
                         "'01099' AND parent='01004'"), 1);
  assert_int_equal(q_int(db, "SELECT count(*) FROM commune_alias"), 1);
  assert_int_equal(q_int(db, "SELECT population FROM communes WHERE code="
                         "'01004'"), 14854);
}

static void test_import_log_records_file_sha_rows_and_ids(void **state)
{
  Fx *f = *state;
  char zHex[65];
  Err err = {0};
  assert_int_equal(prov_sha256_file(FIX "communes_small.csv", zHex, &err), 0);
  Stmt *q = store_stmt(f->db, "SELECT file_name, sha256, n_rows, n_read,"
                       " n_skipped, id FROM import_log WHERE kind='communes'");
  assert_int_equal(store_step(q, &err), 1);
  assert_string_equal(store_col_text(q, 0), "communes_small.csv");
  assert_string_equal(store_col_text(q, 1), zHex);
  assert_int_equal(store_col_int(q, 2), 7);         /* 6 communes + 1 alias */
  assert_int_equal(store_col_int(q, 3), 8);
  assert_int_equal(store_col_int(q, 4), 1);
  int64_t id = store_col_int(q, 5);
  store_reset(q);
  q = store_stmt(f->db, "SELECT count(*) FROM communes WHERE import_id = ?1");
  store_bind_int(q, 1, id);
  assert_int_equal(store_one_int(q, 0), 6);
}

static void test_reimport_replaces_same_kind_and_vintage(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "apl_small_2022.csv", .vintage = 2022};
  assert_int_equal(terr_import_population(f->db, &o, &err), 0);
  assert_int_equal(terr_import_population(f->db, &o, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM population"), 7);
  assert_int_equal(q_int(f->db, "SELECT count(DISTINCT import_id) FROM"
                         " population"), 1);
  assert_int_equal(terr_import_communes(f->db, &(TerrImportOpts){
      .zPath = FIX "communes_small.csv"}, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM communes"), 6);
  /* The rows now belong to the new import, which logged all of them. */
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM communes WHERE"
                         " import_id = (SELECT max(id) FROM import_log WHERE"
                         " kind='communes')"), 6);
  assert_int_equal(q_int(f->db, "SELECT n_rows FROM import_log WHERE"
                         " kind='communes' ORDER BY id DESC"), 7);
  assert_int_equal(q_int(f->db, "SELECT n_rows FROM import_log WHERE"
                         " kind='population' ORDER BY id DESC"), 7);
  /* Another vintage is added, not replaced. */
  TerrImportOpts o2 = {.zPath = FIX "population_bands.csv", .vintage = 2023,
                       .zWeights = FIX "age_weights.csv"};
  assert_int_equal(terr_import_population(f->db, &o2, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM population"), 9);
}

static void test_population_picks_column_by_vintage(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "apl_small_2022.csv", .vintage = 2022};
  assert_int_equal(terr_import_population(f->db, &o, &err), 0);
  assert_true(q_dbl(f->db, "SELECT standardised FROM population WHERE"
                    " commune='01004'") == 14002.685);
  assert_true(q_dbl(f->db, "SELECT total FROM population WHERE"
                    " commune='01004'") == 14288);
  /* The unknown code 99999 is kept and reported, not dropped. */
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM population WHERE"
                         " commune='99999'"), 1);
  Stmt *q = store_stmt(f->db, "SELECT note FROM import_log WHERE"
                       " kind='population'");
  assert_int_equal(store_step(q, &err), 1);
  assert_non_null(strstr(store_col_text(q, 0), "code commune inconnu"));
  store_reset(q);
}

static void test_population_from_age_bands_times_drees_weights(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "population_bands.csv", .vintage = 2022,
                      .zWeights = FIX "age_weights.csv"};
  assert_int_equal(terr_import_population(f->db, &o, &err), 0);
  /* 10 people in each band: 10 x (sum of the 19 weights 2022 = 21.46). */
  assert_double_equal(q_dbl(f->db, "SELECT standardised FROM population"
                            " WHERE commune='01001'"), 214.6, 1e-9);
  assert_double_equal(q_dbl(f->db, "SELECT total FROM population"
                            " WHERE commune='01001'"), 190, 1e-9);
  /* 100 under 5 (0.93) and 50 aged 90+ (2.39). */
  assert_double_equal(q_dbl(f->db, "SELECT standardised FROM population"
                            " WHERE commune='01004'"), 212.5, 1e-9);
}

static void test_rpps_both_layouts_keep_gps_by_header_name(void **state)
{
  Fx *f = *state;
  const char *azFile[] = {FIX "PS_LibreAcces_Personne_activite_56col.txt",
                          FIX "PS_LibreAcces_Personne_activite_52col.txt"};
  for (int i = 0; i < 2; i++) {
    Err err = {0};
    TerrImportOpts o = {.zPath = azFile[i], .vintage = 2026};
    assert_int_equal(wf_import_rpps(f->db, &o, &err), 0);
    /* 7 lines: 2 sites of one GP, 1 qualified GP, 1 GP without commune,
    ** 1 more GP; a paediatrician and a nurse are left out. */
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioners"), 3);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioner_sites"),
                     4);
    assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioner_sites s"
                           " JOIN practitioners p ON p.id = s.practitioner_id"
                           " WHERE p.rpps='810001234567' AND ((s.commune="
                           "'01004' AND s.mode='L') OR (s.commune='75101'"
                           " AND s.mode='S'))"), 2);
    assert_int_equal(q_int(f->db, "SELECT n_skipped FROM import_log WHERE"
                           " kind='rpps' ORDER BY id DESC"), 3);
  }
}

static void test_practitioners_csv_with_column_flags(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "practitioners_small.csv", .vintage = 2024,
                      .zColId = "rpps", .zColCommune = "insee",
                      .zColBirth = "naissance", .zColActivity = "actes",
                      .zColSpecialty = "specialite"};
  assert_int_equal(wf_import_practitioners(f->db, &o, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM practitioners"), 3);
  assert_int_equal(q_int(f->db, "SELECT birth_year FROM practitioners WHERE"
                         " rpps='810000000011'"), 1961);
  assert_true(q_dbl(f->db, "SELECT total(acts) FROM practitioner_sites")
              == 4200 + 300 + 7000);
  TerrImportOpts pop = {.zPath = FIX "apl_small_2022.csv", .vintage = 2022};
  assert_int_equal(terr_import_population(f->db, &pop, &err), 0);
  TerrInputs in;
  TerrInputSpec spec = {2022, NULL, 0, 2024};
  assert_int_equal(wf_load_inputs(f->db, &spec, &in, &err), 0);
  assert_int_equal(in.nSite, 4);
  double sActs = 0;
  for (int i = 0; i < in.nSite; i++) {
    if (!isnan(in.aSiteActs[i])) sActs += in.aSiteActs[i];
    if (in.aSiteBirth[i] == 1990) assert_string_equal(
        in.azCode[in.aSiteNode[i]], "75102");
  }
  assert_true(sActs == 4200 + 300 + 7000);
  terr_inputs_free(&in);
  /* The row on unknown commune 98765 is skipped and counted. */
  Stmt *q = store_stmt(f->db, "SELECT n_skipped, note FROM import_log WHERE"
                       " kind='practitioners'");
  assert_int_equal(store_step(q, &err), 1);
  assert_int_equal(store_col_int(q, 0), 2);
  assert_non_null(strstr(store_col_text(q, 1), "98765"));
  store_reset(q);
}

static void test_supply_column_by_flag_and_summary_line(void **state)
{
  Fx *f = *state;
  Err err = {0};
  FILE *out = tmpfile();
  TerrImportOpts o = {.zPath = FIX "supply_small.csv", .vintage = 2019,
                      .zColValue = "generaliste", .pSummary = out};
  assert_int_equal(terr_import_supply(f->db, &o, &err), 0);
  assert_true(q_dbl(f->db, "SELECT total(value) FROM supply_count WHERE"
                    " source='generaliste'") == 0 + 25 + 2 + 87 + 40);
  char zLine[512] = "";
  rewind(out);
  assert_non_null(fgets(zLine, sizeof zLine, out));
  fclose(out);
  assert_non_null(strstr(zLine, "6 lignes lues, 5 gardées, 1 ignorées"));
  char zHex[65];
  prov_sha256_file(FIX "supply_small.csv", zHex, &err);
  zHex[16] = 0;
  assert_non_null(strstr(zLine, zHex));
}

static void test_blank_lines_are_no_rows(void **state)
{
  Fx *f = *state;
  char zPath[160];
  Err err = {0};
  TerrImportOpts o = {.vintage = 2019, .zColValue = "n",
                      .zPath = fx_write(f, "blank.csv",
                                        "code_commune,n\r\n01001,2\r\n\r\n"
                                        "01004,3\r\n\r\n", zPath,
                                        sizeof zPath)};
  assert_int_equal(terr_import_supply(f->db, &o, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT n_read FROM import_log WHERE"
                         " kind='supply'"), 2);
  assert_true(q_dbl(f->db, "SELECT total(value) FROM supply_count") == 5);
}

static void test_apl_reference_and_matrix(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "apl_small_2022.csv", .vintage = 2022};
  assert_int_equal(terr_import_apl_reference(f->db, &o, &err), 0);
  assert_true(q_dbl(f->db, "SELECT apl FROM apl_reference WHERE commune="
                    "'75101'") == 6.18);
  assert_true(q_dbl(f->db, "SELECT apl_under65 FROM apl_reference WHERE"
                    " commune='75101'") == 4.968);
  TerrImportOpts m = {.zPath = FIX "matrix_small.csv"};
  assert_int_equal(terr_import_matrix(f->db, &m, &err), 0);
  assert_true(q_dbl(f->db, "SELECT minutes FROM travel_matrix WHERE origin="
                    "'01001' AND destination='01004'") == 17.5);
}

static void test_cog_gives_names_and_epci_membership(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "cog"};
  assert_int_equal(terr_import_cog(f->db, &o, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM departements d JOIN"
                         " regions r ON r.code = d.reg WHERE d.name='Ain' AND"
                         " r.name='Auvergne-Rhône-Alpes'"), 1);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM communes WHERE"
                         " epci='200029999'"), 2);
  /* Arrondissements belong to their commune's EPCI. */
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM communes WHERE"
                         " epci='200054781'"), 3);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM commune_alias WHERE"
                         " code='01120' AND parent='01004'"), 1);
  /* 97501 is not in the communes table: reported as skipped. */
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM import_log WHERE"
                         " kind='cog' AND note LIKE '%97501%'"), 1);
  /* EPCI survive a later communes re-import. */
  assert_int_equal(terr_import_communes(f->db, &(TerrImportOpts){
      .zPath = FIX "communes_small.csv"}, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM communes WHERE"
                         " epci IS NOT NULL"), 5);
}

static void test_loader_uses_arrondissements_and_aliases(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts p = {.zPath = FIX "apl_small_2022.csv", .vintage = 2022};
  TerrImportOpts s = {.zPath = FIX "supply_small.csv", .vintage = 2019,
                      .zColValue = "generaliste"};
  TerrImportOpts r = {.zPath = FIX "PS_LibreAcces_Personne_activite_56col.txt",
                      .vintage = 2026};
  assert_int_equal(terr_import_population(f->db, &p, &err), 0);
  assert_int_equal(terr_import_supply(f->db, &s, &err), 0);
  assert_int_equal(wf_import_rpps(f->db, &r, &err), 0);
  TerrInputs in;
  TerrInputSpec spec = {2022, "generaliste", 0, 0};
  /* Territory alone loads no practitioner: workforce adds them. */
  assert_int_equal(terr_load_inputs(f->db, &spec, &in, &err), 0);
  assert_int_equal(in.nSite, 0);
  assert_true(in.idPract == 0);
  for (int i = 0; i < in.n; i++) assert_int_equal(in.aPract[i], 0);
  terr_inputs_free(&in);
  assert_int_equal(wf_load_inputs(f->db, &spec, &in, &err), 0);
  /* 01001 01004 27676 75101 75102: Paris itself is no node. */
  assert_int_equal(in.n, 5);
  assert_string_equal(in.azCode[3], "75101");
  assert_string_equal(in.azCode[1], "01004");
  /* 01099 (déléguée of 01004) lands on 01004, for demand and supply. */
  assert_double_equal(in.aPop[1], 14002.685 + 100.5, 1e-9);
  assert_double_equal(in.aSupply[1], 25 + 2, 1e-9);
  assert_int_equal(in.nAliased, 2);
  assert_int_equal(in.nUnmatched, 1);
  assert_string_equal(in.azUnmatched[0], "population 99999");
  assert_int_equal(in.aPract[1], 1);
  assert_int_equal(in.aPract[3], 1);
  assert_int_equal(in.aPract[4], 1);
  assert_true(in.idPopulation > 0 && in.idSupply > 0 && in.idPract > 0);
  /* Sites, one per GP line placed on a node, in file order: 01004, 75101,
  ** 01001, 75102. */
  assert_int_equal(in.nSite, 4);
  assert_int_equal(in.aSiteNode[0], 1);
  assert_int_equal(in.aSiteNode[1], 3);
  assert_int_equal(in.aSiteNode[2], 0);
  assert_int_equal(in.aSiteNode[3], 4);
  assert_int_equal(in.aPract[0], 1);
  assert_true(in.aSitePract[0] == in.aSitePract[1]);
  assert_int_equal(in.aSiteBirth[0], 0);
  assert_true(isnan(in.aSiteActs[0]));
  assert_true(in.idCommunes > 0);
  assert_double_equal(in.aLat[2], 49.21686, 1e-9);
  terr_inputs_free(&in);
  /* A vintage never imported is an error, not zeros. */
  spec.vintage = 2030;
  assert_int_equal(terr_load_inputs(f->db, &spec, &in, &err), ERR_NOTFOUND);
}

/* ---- bad input: error with position, database unchanged ------------------ */

/* Run xImport on content z and check it fails at iLine/iCol (column
** zColName when given) with nothing changed in the database. */
static void expect_bad(Fx *f, int (*xImport)(Store *, const TerrImportOpts *,
                                            Err *),
                       TerrImportOpts o, const char *z, long iLine, int iCol,
                       const char *zColName, const char *zWord)
{
  char zPath[160];
  o.zPath = fx_write(f, "bad.csv", z, zPath, sizeof zPath);
  char *zBefore = fx_fingerprint(f->db);
  Err err = {0};
  int rc = xImport(f->db, &o, &err);
  assert_int_equal(rc, ERR_INPUT);
  assert_string_equal(err.zFile, zPath);
  assert_int_equal(err.iLine, iLine);
  assert_int_equal(err.iCol, iCol);
  if (zColName) assert_string_equal(err.zColName, zColName);
  assert_non_null(strstr(err.zMsg, zWord));
  char *zAfter = fx_fingerprint(f->db);
  assert_string_equal(zBefore, zAfter);
  assert_int_equal(store_depth(f->db), 0);
  free(zBefore);
  free(zAfter);
}

static void test_bad_missing_column(void **state)
{
  TerrImportOpts o = {.vintage = 2022};
  expect_bad(*state, terr_import_population, o,
             "code_commune,commune,pop_standardisee_2021\n01001,X,12\n",
             1, 0, "pop_standardisee_2020", "absente");
}

static void test_bad_non_numeric_population(void **state)
{
  TerrImportOpts o = {.vintage = 2022};
  expect_bad(*state, terr_import_population, o,
             "code_commune,pop_standardisee_2020,pop_totale_2020\n"
             "01001,810.8,806\n01004,douze,14288\n",
             3, 2, "pop_standardisee_2020", "numérique");
}

static void test_bad_unknown_commune_strict(void **state)
{
  TerrImportOpts o = {.vintage = 2024, .isStrict = 1};
  expect_bad(*state, wf_import_practitioners, o,
             "id,commune\n81,01004\n82,98765\n", 3, 2, "commune", "inconnu");
  TerrImportOpts s = {.vintage = 2019, .isStrict = 1, .zColValue = "n"};
  expect_bad(*state, terr_import_supply, s,
             "code_commune,n\n01004,3\n98765,1\n", 3, 1, "code_commune",
             "inconnu");
}

static void test_bad_truncated_file(void **state)
{
  TerrImportOpts o = {.vintage = 2019, .zColValue = "generaliste"};
  /* Cut in the middle of the last line: too few fields. */
  expect_bad(*state, terr_import_supply, o,
             "code_commune,ambulance,generaliste\n01001,0,1\n01004,1",
             3, 2, NULL, "tronqué");
  /* Cut inside a quoted field. */
  TerrImportOpts c = {0};
  expect_bad(*state, terr_import_communes, c,
             "code_insee,type,nom,lat,lon\n01001,COM,\"L'Abergement",
             2, 3, NULL, "tronqué");
}

static void test_bad_negative_minutes(void **state)
{
  TerrImportOpts o = {0};
  expect_bad(*state, terr_import_matrix, o,
             "origin,destination,minutes\n01001,01004,12\n01004,01001,-3\n",
             3, 3, "minutes", "négative");
  expect_bad(*state, terr_import_matrix, o,
             "origin,destination,minutes\n01001,01004,vingt\n",
             2, 3, "minutes", "numérique");
}

/* BPE counts: one row per non-zero NB_ column; unknown codes skipped;
** the lookup answers per commune with labels and the file's name. */
static void test_equipment_counts_and_lookup(void **state)
{
  Fx *f = *state;
  Err err = {0};
  char zPath[160];
  TerrImportOpts o = {.vintage = 2020};
  o.zPath = fx_write(f, "bpe.csv",
      "NIVGEO,CODGEO,LIBGEO,REG,DEP,NB_D108,NB_D113,NB_D307\n"
      "COM,01001,L'Abergement-Clémenciat,84,01,0,0,0\n"
      "COM,01004,Ambérieu-en-Bugey,84,01,1,2,5\n"
      "COM,99999,Nulle part,84,01,1,1,1\n", zPath, sizeof zPath);
  assert_int_equal(terr_import_equipment(f->db, &o, &err), 0);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM equipment_count"), 3);
  Arena *a = arena_new();
  LkEquipment *e = NULL;
  int vintage = 0;
  assert_int_equal(lookup_equipment(f->db, a, "01004", &e, &vintage, &err), 3);
  assert_int_equal(vintage, 2020);
  assert_string_equal(e[0].zKind, "D108");
  assert_string_equal(e[0].zLabel, "centre de santé");
  assert_int_equal(e[1].n, 2);
  assert_string_equal(e[1].zLabel, "maison de santé pluridisciplinaire");
  assert_non_null(strstr(e[2].zFile, "bpe.csv"));
  assert_int_equal(lookup_equipment(f->db, a, "01001", &e, &vintage, &err), 0);
  assert_int_equal(vintage, 2020);
  arena_free(a);
}

static void test_bad_equipment_count(void **state)
{
  TerrImportOpts o = {.vintage = 2020};
  expect_bad(*state, terr_import_equipment, o,
             "NIVGEO,CODGEO,NB_D108,NB_D113\nCOM,01001,0,1\nCOM,01004,-1,0\n",
             3, 3, "NB_D108", "entier positif");
  expect_bad(*state, terr_import_equipment, o,
             "NIVGEO,CODGEO,LIBGEO\nCOM,01001,X\n", 1, 0, "NB_", "en-tête");
}

static void test_bad_invalid_utf8(void **state)
{
  TerrImportOpts o = {0};
  /* Latin-1 "é" (0xE9) in a name. */
  expect_bad(*state, terr_import_communes, o,
             "code_insee,type,nom,lat,lon\n01001,COM,Cl\xE9menciat,46.1,4.9\n",
             2, 3, "nom", "UTF-8");
}

static void test_bad_rpps_missing_header_column(void **state)
{
  TerrImportOpts o = {.vintage = 2026};
  expect_bad(*state, wf_import_rpps, o,
             "Identification nationale PP|Code profession|Code savoir-faire|"
             "Libellé savoir-faire|Code mode exercice|\n810001|10|SM53|x|L|\n",
             1, 0, "Code commune (coord. structure)", "absente");
}

static void test_bad_cog_invalid_json(void **state)
{
  Fx *f = *state;
  char zPath[160], zDir[128];
  static const char *const azFile[] = {"regions.json", "departements.json",
                                       "epci.json"};
  snprintf(zDir, sizeof zDir, "%s/cog", f->zDir);
  assert_int_equal(mkdir(zDir, 0755), 0);
  for (int i = 0; i < 3; i++) {
    char zName[64];
    snprintf(zName, sizeof zName, "cog/%s", azFile[i]);
    fx_write(f, zName, "[]", zPath, sizeof zPath);
  }
  fx_write(f, "cog/communes.json", "[{\"code\": \"01001\",\n  \"type\": }]",
           zPath, sizeof zPath);
  char *zBefore = fx_fingerprint(f->db);
  Err err = {0};
  TerrImportOpts o = {.zPath = zDir};
  assert_int_equal(terr_import_cog(f->db, &o, &err), ERR_INPUT);
  assert_string_equal(err.zFile, zPath);
  assert_int_equal(err.iLine, 2);
  char *zAfter = fx_fingerprint(f->db);
  assert_string_equal(zBefore, zAfter);
  free(zBefore);
  free(zAfter);
}

static void test_bad_usage_missing_vintage(void **state)
{
  Fx *f = *state;
  Err err = {0};
  TerrImportOpts o = {.zPath = FIX "apl_small_2022.csv"};
  assert_int_equal(terr_import_population(f->db, &o, &err), ERR_USAGE);
  assert_int_equal(q_int(f->db, "SELECT count(*) FROM import_log"), 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
#define T(x) cmocka_unit_test_setup_teardown(x, fx_setup, fx_teardown)
    T(test_communes_keep_com_arm_and_fall_back_to_centroid),
    T(test_import_log_records_file_sha_rows_and_ids),
    T(test_reimport_replaces_same_kind_and_vintage),
    T(test_population_picks_column_by_vintage),
    T(test_population_from_age_bands_times_drees_weights),
    T(test_rpps_both_layouts_keep_gps_by_header_name),
    T(test_practitioners_csv_with_column_flags),
    T(test_supply_column_by_flag_and_summary_line),
    T(test_blank_lines_are_no_rows),
    T(test_apl_reference_and_matrix),
    T(test_cog_gives_names_and_epci_membership),
    T(test_loader_uses_arrondissements_and_aliases),
    T(test_bad_missing_column),
    T(test_bad_non_numeric_population),
    T(test_bad_unknown_commune_strict),
    T(test_bad_truncated_file),
    T(test_bad_negative_minutes),
    T(test_equipment_counts_and_lookup),
    T(test_bad_equipment_count),
    T(test_bad_invalid_utf8),
    T(test_bad_rpps_missing_header_column),
    T(test_bad_cog_invalid_json),
    T(test_bad_usage_missing_vintage),
#undef T
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
