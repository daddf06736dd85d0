/*
** territory/import_communes.c: the geography: communes with their points
** (communes CSV) and the official COG groupings (npm package
** @etalab/decoupage-administratif, JSON files read as shipped).
**
** No lookup or loading here: see load.c.
*/
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/str_file.h"
#include "territory/importer.h"
#include "territory/territory.h"

static const char *const azCommuneTables[] = {
  "DELETE FROM commune_alias WHERE import_id = ?1",
  "DELETE FROM communes WHERE import_id = ?1",
  0};

/* communes.epci from epci_member: ARM take their parent's EPCI. */
static int terr_link_epci(Store *db, Err *err)
{
  return store_exec(store_stmt(db,
      "UPDATE communes SET epci = (SELECT m.epci FROM epci_member m"
      " WHERE m.commune = coalesce(communes.parent, communes.code)"
      " ORDER BY m.epci LIMIT 1)"), err);
}

/* One COM/ARM/COMD row of the communes CSV. */
typedef struct ComCols ComCols;
struct ComCols {
  int code, type, parent, dep, reg, name, lat, lon, latC, lonC, postal, area,
      pop;
};

static int com_row(Imp *p, const ComCols *c, Err *err)
{
  const char *zCode, *zType = csv_cell(p->r, c->type);
  int rc = imp_code(p, c->code, &zCode, err);
  if (rc) return rc;
  const char *zParent = c->parent >= 0 ? csv_cell(p->r, c->parent) : "";
  if (!strcmp(zType, "COMD")) {
    if (!zParent[0] || !strcmp(zParent, zCode)) {
      imp_skip(p, "commune déléguée sans commune parente distincte", zCode);
      return 0;
    }
    Stmt *q = store_stmt(p->db,
        "INSERT OR REPLACE INTO commune_alias(code, parent, name, origin,"
        " import_id) VALUES (?1, ?2, ?3, 'comd', ?4)");
    store_bind_list(q, STORE_V(zCode), STORE_V(zParent),
                    STORE_V(csv_cell(p->r, c->name)), STORE_V(p->id));
    rc = store_exec(q, err);
    if (!rc) imp_keep(p);
    return rc;
  }
  if (strcmp(zType, "COM") && strcmp(zType, "ARM")) {
    return csv_err_cell(p->r, err, c->type, "type « %.20s » inconnu "
                        "(COM, ARM ou COMD attendu)", zType);
  }
  if (!strcmp(zType, "ARM") && !zParent[0]) {
    return csv_err_cell(p->r, err, c->parent < 0 ? c->type : c->parent,
                        "arrondissement sans commune parente");
  }
  double lat, lon, area, pop;
  int isNoLat, isNoLon, isNoArea = 1, isNoPop = 1;
  if ((rc = imp_num(p, c->lat, 1, &lat, &isNoLat, err))) return rc;
  if ((rc = imp_num(p, c->lon, 1, &lon, &isNoLon, err))) return rc;
  const char *zSource = "point";
  if ((isNoLat || isNoLon) && c->latC >= 0 && c->lonC >= 0) {
    if ((rc = imp_num(p, c->latC, 1, &lat, &isNoLat, err))) return rc;
    if ((rc = imp_num(p, c->lonC, 1, &lon, &isNoLon, err))) return rc;
    zSource = "centroid";
  }
  if (isNoLat || isNoLon) {
    zSource = NULL;
    imp_report(p, "gardées sans coordonnées", zCode);
  } else if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    return csv_err_cell(p->r, err, c->lat, "coordonnées hors limites");
  }
  if (c->area >= 0 && (rc = imp_num(p, c->area, 1, &area, &isNoArea, err))) {
    return rc;
  }
  if (c->pop >= 0 && (rc = imp_num(p, c->pop, 1, &pop, &isNoPop, err))) {
    return rc;
  }
  Stmt *q = store_stmt(p->db,
      "INSERT OR IGNORE INTO communes(code, type, parent, name, dep, reg, lat,"
      " lon, point_source, postal_codes, area_km2, population, import_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  store_bind_list(q, STORE_V(zCode), STORE_V(zType),
                  STORE_V(zParent[0] ? zParent : NULL),
                  STORE_V(csv_cell(p->r, c->name)),
                  STORE_V(c->dep >= 0 ? csv_cell(p->r, c->dep) : NULL),
                  STORE_V(c->reg >= 0 ? csv_cell(p->r, c->reg) : NULL));
  if (zSource) {
    store_bind_double(q, 7, lat);
    store_bind_double(q, 8, lon);
  } else {
    store_bind_null(q, 7);
    store_bind_null(q, 8);
  }
  store_bind_text(q, 9, zSource);
  store_bind_text(q, 10, c->postal >= 0 ? csv_cell(p->r, c->postal) : NULL);
  if (isNoArea) store_bind_null(q, 11); else store_bind_double(q, 11, area);
  if (isNoPop) store_bind_null(q, 12); else store_bind_int(q, 12, (int64_t)pop);
  store_bind_int(q, 13, p->id);
  if ((rc = store_exec(q, err))) return rc;
  if (store_changes(p->db) == 0) {
    imp_skip(p, "code en double", zCode);
    return 0;
  }
  imp_keep(p);
  return 0;
}

int terr_import_communes(Store *db, const TerrImportOpts *o, Err *err)
{
  ImpSpec spec = {"communes", o->zPath, o->vintage, NULL, o->isStrict, 1,
                  o->pSummary};
  Imp imp;
  imp_init(&imp, db, &spec);
  ComCols c;
  int rc = imp_open_csv(&imp, o->cSep ? o->cSep : ',', err);
  if (rc) goto done;
  c.code = imp_col(&imp, o->zColCode ? o->zColCode : "code_insee", 1, err);
  c.type = imp_col(&imp, "type", 1, err);
  c.name = imp_col(&imp, "nom", 1, err);
  c.lat = imp_col(&imp, "lat", 1, err);
  c.lon = imp_col(&imp, "lon", 1, err);
  if (err->code) { rc = err->code; goto done; }
  c.parent = imp_col(&imp, "code_parent", 0, err);
  c.dep = imp_col(&imp, "dep", 0, err);
  c.reg = imp_col(&imp, "reg", 0, err);
  c.latC = imp_col(&imp, "lat_centroide_contour", 0, err);
  c.lonC = imp_col(&imp, "lon_centroide_contour", 0, err);
  c.postal = imp_col(&imp, "codes_postaux", 0, err);
  c.area = imp_col(&imp, "superficie_km2", 0, err);
  c.pop = imp_col(&imp, o->zColTotal ? o->zColTotal : "population_2021", 0,
                  err);
  if ((rc = imp_begin(&imp, azCommuneTables, err))) goto done;
  while ((rc = imp_next(&imp, err)) == CSV_ROW) {
    if ((rc = com_row(&imp, &c, err))) break;
  }
  if (rc == CSV_END) rc = terr_link_epci(db, err);
done:
  return imp_end(&imp, rc, err);
}

/* ---- the COG from @etalab/decoupage-administratif ----------------------- */

/* Parse zDir/zFile as a JSON array, hashing its bytes into st. */
static json_t *cog_load(const char *zDir, const char *zFile,
                        crypto_hash_sha256_state *st, Err *err)
{
  char zPath[1024];
  snprintf(zPath, sizeof zPath, "%s/%s", zDir, zFile);
  FILE *in = fopen(zPath, "rb");
  if (!in) {
    err_at(err, ERR_IO, zPath, 0, 0, NULL, "fichier illisible");
    return NULL;
  }
  Str s = STR_INIT;
  str_append_file(&s, in);
  fclose(in);
  crypto_hash_sha256_update(st, (const unsigned char *)s.z, s.n);
  json_error_t je;
  json_t *a = json_loadb(s.z ? s.z : "", s.n, 0, &je);
  str_free(&s);
  if (!a || !json_is_array(a)) {
    err_at(err, ERR_INPUT, zPath, a ? 1 : je.line, a ? 0 : je.column, NULL,
           "JSON invalide : %s", a ? "tableau attendu" : je.text);
    json_decref(a);
    return NULL;
  }
  return a;
}

/* String member zKey of object x, or NULL. */
static const char *cog_str(json_t *x, const char *zKey)
{
  return json_string_value(json_object_get(x, zKey));
}

static int cog_missing(const char *zDir, const char *zFile, size_t i,
                       const char *zKey, Err *err)
{
  char zPath[1024];
  snprintf(zPath, sizeof zPath, "%s/%s", zDir, zFile);
  return err_at(err, ERR_INPUT, zPath, 0, 0, zKey,
                "élément %zu : champ « %s » absent", i + 1, zKey);
}

/* The "code" and zOther members of element i of zFile into *pzCode and
** *pzOther; the cog_missing() error when either is absent. */
static int cog_pair(Imp *p, json_t *x, size_t i, const char *zFile,
                    const char *zOther, const char **pzCode,
                    const char **pzOther, Err *err)
{
  *pzCode = cog_str(x, "code");
  *pzOther = cog_str(x, zOther);
  if (*pzCode && *pzOther) return 0;
  return cog_missing(p->spec.zPath, zFile, i, *pzCode ? zOther : "code", err);
}

/* Run q, the insert of one element read, and count it kept. */
static int cog_insert(Imp *p, Stmt *q, Err *err)
{
  int rc = store_exec(q, err);
  if (rc) return rc;
  p->nRead++;
  imp_keep(p);
  return 0;
}

static int cog_regions_deps(Imp *p, json_t *aReg, json_t *aDep, Err *err)
{
  int rc = 0;
  size_t i;
  json_t *x;
  json_array_foreach(aReg, i, x) {
    const char *zCode, *zName;
    if ((rc = cog_pair(p, x, i, "regions.json", "nom", &zCode, &zName, err))) {
      return rc;
    }
    Stmt *q = store_stmt(p->db, "INSERT OR REPLACE INTO regions(code, name,"
                         " import_id) VALUES (?1, ?2, ?3)");
    store_bind_list(q, STORE_V(zCode), STORE_V(zName), STORE_V(p->id));
    if ((rc = cog_insert(p, q, err))) return rc;
  }
  json_array_foreach(aDep, i, x) {
    const char *zCode, *zName;
    if ((rc = cog_pair(p, x, i, "departements.json", "nom", &zCode, &zName,
                       err))) {
      return rc;
    }
    Stmt *q = store_stmt(p->db, "INSERT OR REPLACE INTO departements(code,"
                         " name, reg, import_id) VALUES (?1, ?2, ?3, ?4)");
    store_bind_list(q, STORE_V(zCode), STORE_V(zName),
                    STORE_V(cog_str(x, "region")), STORE_V(p->id));
    if ((rc = cog_insert(p, q, err))) return rc;
  }
  return 0;
}

static int cog_epci(Imp *p, json_t *aEpci, Err *err)
{
  int rc = 0;
  size_t i, j;
  json_t *x, *m;
  json_array_foreach(aEpci, i, x) {
    const char *zCode, *zName;
    if ((rc = cog_pair(p, x, i, "epci.json", "nom", &zCode, &zName, err))) {
      return rc;
    }
    Stmt *q = store_stmt(p->db, "INSERT OR REPLACE INTO epci(code, name, type,"
                         " population, import_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    store_bind_list(q, STORE_V(zCode), STORE_V(zName),
                    STORE_V(cog_str(x, "type")));
    json_t *pop = json_object_get(x, "populationMunicipale");
    if (json_is_integer(pop)) {
      store_bind_int(q, 4, json_integer_value(pop));
    } else {
      store_bind_null(q, 4);
    }
    store_bind_int(q, 5, p->id);
    if ((rc = cog_insert(p, q, err))) return rc;
    json_array_foreach(json_object_get(x, "membres"), j, m) {
      const char *zMember = cog_str(m, "code");
      if (!zMember) return cog_missing(p->spec.zPath, "epci.json", i,
                                       "membres.code", err);
      q = store_stmt(p->db, "INSERT OR REPLACE INTO epci_member(epci, commune,"
                     " import_id) VALUES (?1, ?2, ?3)");
      store_bind_list(q, STORE_V(zCode), STORE_V(zMember), STORE_V(p->id));
      if ((rc = store_exec(q, err))) return rc;
    }
  }
  return 0;
}

/* Déléguées and associées become aliases of their chef-lieu; current
** communes absent from the communes table are reported. */
static int cog_communes(Imp *p, json_t *aCom, Err *err)
{
  int rc = 0;
  int hasCommunes = (int)store_one_int(store_stmt(p->db,
      "SELECT count(*) FROM communes"), 0) > 0;
  size_t i;
  json_t *x;
  json_array_foreach(aCom, i, x) {
    const char *zCode, *zType;
    if ((rc = cog_pair(p, x, i, "communes.json", "type", &zCode, &zType,
                       err))) {
      return rc;
    }
    p->nRead++;
    const char *zChef = cog_str(x, "chefLieu");
    if (!strcmp(zType, "commune-actuelle") ||
        !strcmp(zType, "arrondissement-municipal")) {
      if (hasCommunes && !imp_commune_known(p, zCode)) {
        imp_skip(p, "commune du COG absente de la table des communes", zCode);
      } else {
        imp_keep(p);
      }
      continue;
    }
    if (!zChef || !strcmp(zChef, zCode)) {
      imp_skip(p, "commune déléguée ou associée de même code", zCode);
      continue;
    }
    Stmt *q = store_stmt(p->db,
        "INSERT OR REPLACE INTO commune_alias(code, parent, name, origin,"
        " import_id) VALUES (?1, ?2, ?3, 'cog', ?4)");
    store_bind_list(q, STORE_V(zCode), STORE_V(zChef),
                    STORE_V(cog_str(x, "nom")), STORE_V(p->id));
    if ((rc = store_exec(q, err))) return rc;
    imp_keep(p);
  }
  return 0;
}

int terr_import_cog(Store *db, const TerrImportOpts *o, Err *err)
{
  static const char *const azTable[] = {
    "DELETE FROM epci_member WHERE import_id = ?1",
    "DELETE FROM epci WHERE import_id = ?1",
    "DELETE FROM departements WHERE import_id = ?1",
    "DELETE FROM regions WHERE import_id = ?1",
    "DELETE FROM commune_alias WHERE import_id = ?1",
    0};
  ImpSpec spec = {"cog", o->zPath, o->vintage, NULL, 0, 1, o->pSummary};
  Imp imp;
  imp_init(&imp, db, &spec);
  json_t *aReg = NULL, *aDep = NULL, *aEpci = NULL, *aCom = NULL;
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  int rc = ERR_INPUT;
  if (!(aReg = cog_load(o->zPath, "regions.json", &st, err))) goto done;
  if (!(aDep = cog_load(o->zPath, "departements.json", &st, err))) goto done;
  if (!(aEpci = cog_load(o->zPath, "epci.json", &st, err))) goto done;
  if (!(aCom = cog_load(o->zPath, "communes.json", &st, err))) goto done;
  unsigned char aHash[32];
  char zHex[65];
  crypto_hash_sha256_final(&st, aHash);
  for (int i = 0; i < 32; i++) snprintf(zHex + 2 * i, 3, "%02x", aHash[i]);
  imp_set_sha(&imp, zHex);
  if ((rc = imp_begin(&imp, azTable, err))) goto done;
  if ((rc = cog_regions_deps(&imp, aReg, aDep, err))) goto done;
  if ((rc = cog_epci(&imp, aEpci, err))) goto done;
  if ((rc = cog_communes(&imp, aCom, err))) goto done;
  rc = terr_link_epci(db, err);
done:
  json_decref(aReg);
  json_decref(aDep);
  json_decref(aEpci);
  json_decref(aCom);
  return imp_end(&imp, rc, err);
}
