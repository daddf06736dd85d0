/*
** observatory/export.c: the observatory's views as export tables
** (web/export.h): the communes of an area (with a what-if's APL before
** and after), its child territories, a siting ranking.  The one export
** writer turns a table into CSV, XLSX or GeoJSON: the CSV starts with its
** header row, and the provenance travels in the X-Provenance header, the
** XLSX "Provenance" sheet or the GeoJSON "meta" member.
**
** Column keys are the CSV/XLSX headers too (code;nom;apl;…, documented
** in docs/api.md).  Geometries (the commune contours, else its point) are
** looked up only for GeoJSON.  No SQL, no HTTP.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "observatory/obs_int.h"

int obs_format_parse(const char *z, ExpFormat *pFmt)
{
  ExpFormat f;
  /* the observatory exports tables and maps: csv, xlsx, geojson */
  if (exp_format_parse(z, &f) || f == EXP_JSON) return -1;
  *pFmt = f;
  return 0;
}

void obs_export_free(ObsExport *x)
{
  if (!x) return;
  exp_free(x->t);
  x->t = NULL;
}

/* A new table with columns azKey (keys and headers; zKinds[c] 'T' text,
** 'N' number) and the provenance: zNote's lines, then zProv's. */
static ExpTable *table_new(const char *zTitle, const char *const *azKey,
                           const char *zKinds, const char *zNote,
                           const char *zProv)
{
  ExpTable *t = exp_new(zTitle);
  for (int c = 0; zKinds[c]; c++) {
    exp_col(t, azKey[c], azKey[c], zKinds[c] == 'T' ? EXP_TEXT : EXP_NUMBER);
  }
  const char *az[2] = {zNote, zProv};
  for (int k = 0; k < 2; k++) {
    const char *z = az[k];
    while (z && *z) {
      const char *e = strchr(z, '\n');
      size_t n = e ? (size_t)(e - z) : strlen(z);
      if (n) {
        char *zLine = xstrndup(z, n);
        exp_provenance(t, zLine);
        free(zLine);
      }
      z += n + (e ? 1 : 0);
    }
  }
  return t;
}

/* Geometries by commune code from the contours of département zDep. */
static json_t *contours_by_code(const char *zDep)
{
  size_t n;
  Err err = {0};
  const char *z = zDep ? obs_contours(OBS_DEPARTEMENT, zDep, &n, &err) : NULL;
  if (!z) return NULL;
  json_error_t e;
  json_t *fc = json_loadb(z, n, 0, &e), *map = json_object();
  json_t *aF = json_object_get(fc, "features"), *f;
  size_t k;
  json_array_foreach(aF, k, f) {
    const char *zCode = json_string_value(
        json_object_get(json_object_get(f, "properties"), "code"));
    if (zCode) json_object_set(map, zCode, json_object_get(f, "geometry"));
  }
  json_decref(fc);
  return map;
}

/* The geometry of node i for the current row of t: its contour from map,
** else its point, else none. */
static void row_geometry(ExpTable *t, const ObsModel *m, json_t *map, int i)
{
  json_t *geom = NULL;
  if (map) geom = json_incref(json_object_get(map, m->in.azCode[i]));
  if (!geom && isfinite(m->in.aLat[i])) {
    geom = json_pack("{s:s, s:[f, f]}", "type", "Point", "coordinates",
                     m->in.aLon[i], m->in.aLat[i]);
  }
  if (geom) exp_geometry(t, geom);
}

/* ---- views ------------------------------------------------------------- */

/* Hand t to out with the file's base name "zWhat-departement-24[-scenario]
** -2022" ("france" for France). */
static int export_done(ObsExport *out, ExpTable *t, const ObsModel *m,
                       int iArea, const char *zWhat, const char *zSuffix)
{
  const ObsArea *a = &m->aArea[iArea];
  if (a->level == OBS_FRANCE) {
    snprintf(out->zBase, sizeof out->zBase, "%s-france%s-%d", zWhat, zSuffix,
             m->key.vintage);
  } else {
    snprintf(out->zBase, sizeof out->zBase, "%s-%s-%s%s-%d", zWhat,
             obs_level_name(a->level), a->zCode, zSuffix, m->key.vintage);
  }
  out->t = t;
  return 0;
}

/* 0 when iArea is an area of m, else ERR_NOTFOUND (out emptied). */
static int export_area_check(const ObsModel *m, int iArea, ObsExport *out,
                             Err *err)
{
  memset(out, 0, sizeof *out);
  if (iArea < 0 || iArea >= m->nArea) {
    return err_set(err, ERR_NOTFOUND, "territoire inconnu");
  }
  return 0;
}

/* Département code to fetch contours for (a département's own, an
** EPCI's first commune's); NULL otherwise. */
static const char *area_dep(const ObsModel *m, int iArea)
{
  const ObsArea *a = &m->aArea[iArea];
  if (a->level == OBS_DEPARTEMENT) return a->zCode;
  if (a->level == OBS_EPCI && a->iParent >= 0) {
    return m->aArea[a->iParent].zCode;
  }
  return NULL;
}

int obs_export_communes(const ObsModel *m, int iArea,
                        const ObsWhatIf *pWhatIf, const char *zNote,
                        ExpFormat fmt, ObsExport *out, Err *err)
{
  static const char *const azHead[] = {
    "code", "nom", "apl", "apl_source", "zone", "zone_officielle",
    "zone_libelle", "rang", "population", "effectif", "densite_10000",
    "apl_estimation", "offre", "demande", "apl_avant", "apl_apres",
    "effet_simule", "zone_avant", "zone_apres"};
  int rc = export_area_check(m, iArea, out, err);
  if (rc) return rc;
  char zSource[32] = "";
  if (m->refVintage) {
    snprintf(zSource, sizeof zSource, "APL DREES %d", m->refVintage);
  }
  ExpTable *t = table_new("Communes", azHead,
                          pWhatIf ? "TTNTTTTNNNNNNNNNNTT" : "TTNTTTTNNNNNNN",
                          zNote, m->zProvenance);
  json_t *map = fmt == EXP_GEOJSON ? contours_by_code(area_dep(m, iArea))
                                   : NULL;
  int *aNode, n = obs_area_nodes(m, iArea, &aNode);
  int *aDelta = NULL;
  if (pWhatIf) {
    aDelta = xmalloc(sizeof(int) * (size_t)(m->n ? m->n : 1));
    for (int i = 0; i < m->n; i++) aDelta[i] = -1;
    for (int k = 0; k < pWhatIf->nDelta; k++) {
      aDelta[pWhatIf->aDelta[k].iNode] = k;
    }
  }
  for (int k = 0; k < n; k++) {
    int i = aNode[k];
    const AccCommune *c = &m->aCommune[i];
    exp_row(t);
    exp_text(t, m->in.azCode[i]);
    exp_text(t, m->in.azName[i] ? m->in.azName[i] : "");
    const ZoneInfo *z = &m->aZone[i];
    exp_number(t, m->aAplRef[i]);
    exp_text(t, isnan(m->aAplRef[i]) ? "" : zSource);
    exp_text(t, z->zClass);
    exp_text(t, z->isOfficial ? "oui" : "non");
    exp_text(t, z->zLabel);
    exp_number(t, m->aRank[i] ? m->aRank[i] : NAN);
    exp_number(t, m->in.aPop[i]);
    exp_number(t, m->aCount[i]);
    exp_number(t, c->density);
    exp_number(t, c->apl);
    exp_number(t, c->supplyReach);
    exp_number(t, c->demandReach);
    if (pWhatIf) {
      /* « APL officielle + effet simulé », classes indicative */
      const ObsDelta *d = aDelta[i] >= 0 ? &pWhatIf->aDelta[aDelta[i]] : NULL;
      double before = m->aAplRef[i];
      double after = d ? d->refAfter : before;
      exp_number(t, before);
      exp_number(t, after);
      exp_number(t, d ? d->aplAfter - d->aplBefore : 0);
      exp_text(t, obs_zone_indicative(&m->key.params, before));
      exp_text(t, obs_zone_indicative(&m->key.params, after));
    }
    if (fmt == EXP_GEOJSON) row_geometry(t, m, map, i);
  }
  json_decref(map);
  free(aNode);
  free(aDelta);
  return export_done(out, t, m, iArea, "apl", pWhatIf ? "-scenario" : "");
}

int obs_export_areas(const ObsModel *m, int iArea, ObsExport *out, Err *err)
{
  static const char *const azHead[] = {
    "niveau", "code", "nom", "communes", "population", "apl",
    "apl_estimation", "effectif", "densite_10000",
    "communes_zone_prioritaire", "population_zone_prioritaire"};
  int rc = export_area_check(m, iArea, out, err);
  if (rc) return rc;
  ExpTable *t = table_new("Territoires", azHead, "TTTNNNNNNNN", NULL,
                          m->zProvenance);
  int *aKid, n = obs_area_children(m, iArea, &aKid);
  for (int k = -1; k < n; k++) {
    const ObsArea *a = &m->aArea[k < 0 ? iArea : aKid[k]];
    exp_row(t);
    exp_text(t, obs_level_name(a->level));
    exp_text(t, a->zCode);
    exp_text(t, a->zName);
    exp_number(t, a->nCommune);
    exp_number(t, a->pop);
    exp_number(t, a->aplRef);
    exp_number(t, a->apl);
    exp_number(t, a->count);
    exp_number(t, a->density);
    exp_number(t, a->aZoneN[0]);
    exp_number(t, a->aZonePop[0]);
  }
  free(aKid);
  return export_done(out, t, m, iArea, "territoires", "");
}

int obs_export_siting(const ObsModel *m, int iArea, double fte,
                      const ObsSitePick *a, int n, ExpFormat fmt,
                      ObsExport *out, Err *err)
{
  static const char *const azHead[] = {
    "rang", "code", "nom", "etp", "population_sortie_sous_dense",
    "deficit_reduit", "communes_sorties", "apl_avant", "apl_apres",
    "bassin_population", "raison"};
  int rc = export_area_check(m, iArea, out, err);
  if (rc) return rc;
  ExpTable *t = table_new("Implantation", azHead, "NTTNNNNNNNT",
                          "objectif : " OBS_SITING_OBJECTIVE
                          "\napl_avant, apl_apres : APL officielle DREES + "
                          "effet simulé par oasis", m->zProvenance);
  json_t *map = fmt == EXP_GEOJSON ? contours_by_code(area_dep(m, iArea))
                                   : NULL;
  for (int k = 0; k < n; k++) {
    int i = a[k].iNode;
    exp_row(t);
    exp_number(t, k + 1);
    exp_text(t, m->in.azCode[i]);
    exp_text(t, m->in.azName[i] ? m->in.azName[i] : "");
    exp_number(t, fte);
    exp_number(t, a[k].popLifted);
    exp_number(t, a[k].shortfallCut);
    exp_number(t, a[k].nZoneChanged);
    exp_number(t, a[k].aplBefore);
    exp_number(t, a[k].aplAfter);
    exp_number(t, a[k].catchment);
    Str sWhy = STR_INIT;
    obs_site_reason(m, &a[k], &sWhy);
    exp_text(t, str_text(&sWhy));
    str_free(&sWhy);
    if (fmt == EXP_GEOJSON) row_geometry(t, m, map, i);
  }
  json_decref(map);
  return export_done(out, t, m, iArea, "implantation", "");
}
