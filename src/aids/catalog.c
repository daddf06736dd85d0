/*
** aids/catalog.c: the aid catalogue in the database, and the places the
** simulator needs (a commune's EPCI, département, région, zone and APL).
**
** All SQL of the catalogue lives here.  A scheme is stored as its
** catalogue-file text (aid_scheme.text, the reference) plus index rows for
** search and filters, written together in one transaction; loading parses
** the text with the file reader, so files, database and exports cannot
** drift apart.  Commitments' SQL is in commit.c.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aids/aids.h"
#include "base/mem.h"
#include "zoning/zoning.h"

static int tag_insert(Store *db, const char *zId, const char *zKind,
                      const char *zValue, Err *err)
{
  Stmt *q = store_stmt(db, "INSERT OR IGNORE INTO aid_tag(aid, kind, value)"
                           " VALUES (?1, ?2, ?3)");
  store_bind_list(q, STORE_V(zId), STORE_V(zKind), STORE_V(zValue));
  return store_exec(q, err);
}

/* Insert or update one scheme and its index rows (inside a transaction). */
static int scheme_save(Store *db, const AidScheme *s, Err *err)
{
  Str text = STR_INIT;
  aid_write(&text, s);
  Stmt *q = store_stmt(db,
      "INSERT INTO aid_scheme(id, name, state, porteur, porteur_code,"
      " porteur_name, valid_from, valid_to, text)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
      " ON CONFLICT(id) DO UPDATE SET name = ?2, state = ?3, porteur = ?4,"
      " porteur_code = ?5, porteur_name = ?6, valid_from = ?7, valid_to = ?8,"
      " text = ?9, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
      " WHERE text IS NOT ?9");
  store_bind_list(q, STORE_V(s->zId), STORE_V(s->zName),
                  STORE_V(aid_label(AID_LABEL_STATE, s->state)),
                  STORE_V(aid_label(AID_LABEL_PORTEUR, s->porteur)),
                  STORE_V(s->zPorteurCode), STORE_V(s->zPorteurName),
                  STORE_V(s->zFrom), STORE_V(s->zTo), STORE_V(str_text(&text)));
  int rc = store_exec(q, err);
  str_free(&text);
  if (rc) return rc;
  q = store_stmt(db, "DELETE FROM aid_territory WHERE aid = ?1");
  store_bind_text(q, 1, s->zId);
  rc = store_exec(q, err);
  if (rc) return rc;
  q = store_stmt(db, "DELETE FROM aid_tag WHERE aid = ?1");
  store_bind_text(q, 1, s->zId);
  rc = store_exec(q, err);
  if (rc) return rc;
  for (int i = 0; i < s->nTerr && !rc; i++) {
    q = store_stmt(db, "INSERT OR IGNORE INTO aid_territory(aid, level, code)"
                       " VALUES (?1, ?2, ?3)");
    store_bind_list(q, STORE_V(s->zId),
                    STORE_V(aid_label(AID_LABEL_TERR, s->aTerr[i].level)),
                    STORE_V(s->aTerr[i].zCode));
    rc = store_exec(q, err);
  }
  for (int i = 0; i < AID_NPROF && !rc; i++) {
    if (s->profMask & 1u << i)
      rc = tag_insert(db, s->zId, "profession", aid_label(AID_LABEL_PROF, i),
                      err);
  }
  for (int i = 0; i < AID_NSTATUS && !rc; i++) {
    if (s->statusMask & 1u << i)
      rc = tag_insert(db, s->zId, "statut", aid_label(AID_LABEL_STATUS, i),
                      err);
  }
  for (int i = 0; i < s->nBen && !rc; i++) {
    rc = tag_insert(db, s->zId, "avantage",
                    aid_label(AID_LABEL_BEN, s->aBen[i].kind), err);
  }
  return rc;
}

int aid_store_save(Store *db, const AidCatalog *pCat, Err *err)
{
  int rc = store_begin(db, err);
  if (rc) return rc;
  for (int i = 0; i < pCat->nScheme && !rc; i++) {
    rc = scheme_save(db, &pCat->aScheme[i], err);
    if (rc && !err->zFile[0])
      snprintf(err->zFile, sizeof err->zFile, "%s.aid",
               pCat->aScheme[i].zId);
  }
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

int aid_store_put(Store *db, const AidScheme *s, Err *err)
{
  int rc = aid_scheme_check(s, err);
  if (rc) return rc;
  for (int pass = 0; pass < 2; pass++) {
    const char **az = pass ? s->azWithout : s->azWith;
    int n = pass ? s->nWithout : s->nWith;
    for (int i = 0; i < n; i++) {
      Stmt *q = store_stmt(db, "SELECT count(*) FROM aid_scheme WHERE id = ?1");
      store_bind_text(q, 1, az[i]);
      if (store_one_int(q, 0) == 0 || !strcmp(az[i], s->zId)) {
        const char *zField = pass ? "non-cumulable-avec" : "cumulable-avec";
        err_set(err, ERR_INPUT, "aide « %s » inconnue du catalogue", az[i]);
        err_field(err, zField);
        return ERR_INPUT;
      }
    }
  }
  rc = store_begin(db, err);
  if (rc) return rc;
  rc = scheme_save(db, s, err);
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

/* Drop cumulation ids that are not in pCat (a published scheme may name a
** draft one, which a published-only load leaves out). */
static void drop_unknown_ids(AidCatalog *pCat, const char **az, int *pn)
{
  int k = 0;
  for (int i = 0; i < *pn; i++) {
    if (aid_catalog_find(pCat, az[i]) >= 0) az[k++] = az[i];
  }
  *pn = k;
}

int aid_store_load(Store *db, AidCatalog *pCat, int isPublishedOnly, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, text FROM aid_scheme"
                           " WHERE ?1 = 0 OR state = 'publié' ORDER BY id");
  store_bind_int(q, 1, isPublishedOnly);
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    char zName[AID_ID_MAX + 8];
    snprintf(zName, sizeof zName, "%s.aid", store_col_text(q, 0));
    rc = aid_parse(pCat, zName, store_col_text(q, 1), err);
    if (rc) {
      store_reset(q);
      return rc;
    }
  }
  if (rc) return rc;
  if (isPublishedOnly) {
    for (int i = 0; i < pCat->nScheme; i++) {
      AidScheme *s = &pCat->aScheme[i];
      drop_unknown_ids(pCat, s->azWith, &s->nWith);
      drop_unknown_ids(pCat, s->azWithout, &s->nWithout);
    }
  }
  return aid_catalog_link(pCat, err);
}

int aid_load_dir(Store *db, const char *zDir, int *pnLoaded, Err *err)
{
  AidCatalog *pCat = aid_catalog_new();
  int rc = aid_read_dir(pCat, zDir, err);
  if (!rc) rc = aid_store_save(db, pCat, err);
  if (!rc && pnLoaded) *pnLoaded = pCat->nScheme;
  aid_catalog_free(pCat);
  return rc;
}

/* Write z to zPath through a temporary file renamed into place. */
static int file_write(const char *zPath, const char *z, Err *err)
{
  Str tmp = STR_INIT;
  str_appendf(&tmp, "%s.tmp", zPath);
  FILE *f = fopen(str_text(&tmp), "wb");
  int rc = 0;
  if (!f || fputs(z, f) == EOF) rc = ERR_IO;
  if (f && fclose(f) != 0) rc = ERR_IO;
  if (!rc && rename(str_text(&tmp), zPath) != 0) rc = ERR_IO;
  if (rc) {
    unlink(str_text(&tmp));
    err_at(err, ERR_IO, zPath, 0, 0, NULL, "écriture impossible : %s",
           strerror(errno));
  }
  str_free(&tmp);
  return rc;
}

int aid_export_dir(Store *db, const char *zDir, int *pnWritten, Err *err)
{
  if (mkdir(zDir, 0777) != 0 && errno != EEXIST)
    return err_at(err, ERR_IO, zDir, 0, 0, NULL, "dossier impossible à créer");
  AidCatalog *pCat = aid_catalog_new();
  int rc = aid_store_load(db, pCat, 0, err);
  for (int i = 0; i < pCat->nScheme && !rc; i++) {
    Str path = STR_INIT, text = STR_INIT;
    str_appendf(&path, "%s/%s.aid", zDir, pCat->aScheme[i].zId);
    aid_write(&text, &pCat->aScheme[i]);
    rc = file_write(str_text(&path), str_text(&text), err);
    str_free(&path);
    str_free(&text);
  }
  if (!rc && pnWritten) *pnWritten = pCat->nScheme;
  aid_catalog_free(pCat);
  return rc;
}

/* ---- places --------------------------------------------------------------- */

/* Does table zTable exist with columns code and name? */
static int has_name_table(Store *db, const char *zTable)
{
  Stmt *q = store_stmt(db, "SELECT count(*) FROM pragma_table_info(?1)"
                           " WHERE name IN ('code','name')");
  store_bind_text(q, 1, zTable);
  return store_one_int(q, 0) == 2;
}

/* Name of the territory (level, zCode) into zOut, "" when unknown. */
static void terr_name_copy(Store *db, int level, const char *zCode,
                           char *zOut, size_t nOut)
{
  static const char *const azTable[] = {
    [AID_TERR_COMMUNE] = "communes", [AID_TERR_EPCI] = "epci",
    [AID_TERR_DEP] = "departements", [AID_TERR_REG] = "regions"};
  zOut[0] = 0;
  if (!zCode[0] || level == AID_TERR_FRANCE || !has_name_table(db, azTable[level]))
    return;
  Stmt *q;
  switch (level) {
    case AID_TERR_COMMUNE:
      q = store_stmt(db, "SELECT name FROM communes WHERE code = ?1");
      break;
    case AID_TERR_EPCI:
      q = store_stmt(db, "SELECT name FROM epci WHERE code = ?1");
      break;
    case AID_TERR_DEP:
      q = store_stmt(db, "SELECT name FROM departements WHERE code = ?1");
      break;
    default:
      q = store_stmt(db, "SELECT name FROM regions WHERE code = ?1");
      break;
  }
  store_bind_text(q, 1, zCode);
  Err err = {0};
  if (store_step(q, &err) == 1) {
    snprintf(zOut, nOut, "%s", store_col_text(q, 0));
    store_reset(q);
  }
}

static void terr_name_all(Store *db, Arena *a, AidTerr *aT, int n)
{
  char zName[160];
  for (int i = 0; i < n; i++) {
    terr_name_copy(db, aT[i].level, aT[i].zCode, zName, sizeof zName);
    aT[i].zName = zName[0] ? arena_strdup(a, zName) : NULL;
  }
}

void aid_catalog_name_places(Store *db, AidCatalog *pCat)
{
  for (int i = 0; i < pCat->nScheme; i++) {
    AidScheme *s = &pCat->aScheme[i];
    terr_name_all(db, pCat->pArena, s->aTerr, s->nTerr);
    terr_name_all(db, pCat->pArena, s->commit.aPlace, s->commit.nPlace);
  }
}

int aid_place_resolve(Store *db, const char *zCode, AidPlace *pl,
                      const char *zField, Err *err)
{
  memset(pl, 0, sizeof *pl);
  size_t n = strlen(zCode);
  if (n != 5 || strspn(zCode, "0123456789AB") != 5) {
    err_set(err, ERR_INPUT, "code de commune « %s » invalide : 5 caractères "
            "(code INSEE, ex. 71153)", zCode);
    err_field(err, zField);
    return ERR_INPUT;
  }
  /* The territory module owns `communes`; read only the columns of its
  ** contract, and say so plainly when it is not there yet. */
  Stmt *q = store_stmt(db, "SELECT count(*) FROM pragma_table_info('communes')"
                           " WHERE name IN ('code','name','dep','reg','epci')");
  if (store_one_int(q, 0) != 5) {
    err_set(err, ERR_NOTFOUND, "référentiel des communes absent de la base : "
            "importez d'abord les communes");
    err_field(err, zField);
    return ERR_NOTFOUND;
  }
  q = store_stmt(db, "SELECT name, dep, reg, epci FROM communes"
                     " WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  int rc = store_step(q, err);
  if (rc < 0) return rc;
  if (rc == 0) {
    err_set(err, ERR_NOTFOUND, "commune inconnue : « %s » n'est pas un code "
            "INSEE de commune", zCode);
    err_field(err, zField);
    return ERR_NOTFOUND;
  }
  snprintf(pl->zCommune, sizeof pl->zCommune, "%s", zCode);
  snprintf(pl->zName, sizeof pl->zName, "%s", store_col_text(q, 0));
  snprintf(pl->zDep, sizeof pl->zDep, "%s", store_col_text(q, 1));
  snprintf(pl->zReg, sizeof pl->zReg, "%s", store_col_text(q, 2));
  snprintf(pl->zEpci, sizeof pl->zEpci, "%s", store_col_text(q, 3));
  store_reset(q);
  terr_name_copy(db, AID_TERR_EPCI, pl->zEpci, pl->zEpciName,
                 sizeof pl->zEpciName);
  terr_name_copy(db, AID_TERR_DEP, pl->zDep, pl->zDepName,
                 sizeof pl->zDepName);
  terr_name_copy(db, AID_TERR_REG, pl->zReg, pl->zRegName,
                 sizeof pl->zRegName);
  /* The one classification (zoning/zoning.h): the arrêté when imported,
  ** else the DREES APL, labelled indicative; never our model. */
  Arena *a = arena_new();
  ZoneInfo zi;
  rc = zoning_of(db, a, zCode, "medecin", &zi, err);
  if (!rc) {
    pl->isZoneOfficial = zi.isOfficial;
    pl->zoneLevel = (int)zi.level;
    snprintf(pl->zZoneClass, sizeof pl->zZoneClass, "%s", zi.zClass);
    snprintf(pl->zZoneLabel, sizeof pl->zZoneLabel, "%s", zi.zLabel);
    snprintf(pl->zZoneSource, sizeof pl->zZoneSource, "%s", zi.zSource);
    snprintf(pl->zZoneDate, sizeof pl->zZoneDate, "%s", zi.zDate);
    pl->zoneVintage = zi.vintage;
    pl->zone = AID_ZONE_UNKNOWN;
    if (zi.isOfficial) {
      if (!strcmp(zi.zClass, "ZIP")) pl->zone = AID_ZONE_ZIP;
      else if (!strcmp(zi.zClass, "ZAC")) pl->zone = AID_ZONE_ZAC;
      else if (!strcmp(zi.zClass, "HORS")) pl->zone = AID_ZONE_HORS;
    }
    pl->hasApl = !isnan(zi.apl);
    pl->apl = pl->hasApl ? zi.apl : 0;
    /* the APL's own vintage is the DREES one; an arrêté may carry its
    ** own year, so read it back only for the indicative class */
    pl->aplVintage = pl->hasApl && !zi.isOfficial ? zi.vintage : 0;
  }
  arena_free(a);
  if (!rc && pl->hasApl && pl->isZoneOfficial) {
    Stmt *qv = store_stmt(db, "SELECT max(vintage) FROM apl_reference"
                              " WHERE commune = ?1");
    store_bind_text(qv, 1, zCode);
    pl->aplVintage = store_one_int(qv, 0);
  }
  return rc;
}
