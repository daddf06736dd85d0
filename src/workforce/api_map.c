/*
** workforce/api_map.c: GET /api/v1/structures/carte, the structures
** directory as GeoJSON points for the observatory's map layers
** (web/js/obs-map.js): MSP, centres de santé, CPTS, pharmacies and
** assisted-teleconsultation points.
**
** Public data only: an organisation's name, kind and commune, never a
** person.  A structure is placed at its commune's point (territory
** tables; FINESS coordinates are not read), so "position" says so.
** Structures the latest FINESS extraction no longer lists are left out.
** Written through the one export writer (provenance in "meta").
*/
#include <math.h>
#include <string.h>

#include "store/provenance.h"
#include "web/export.h"
#include "workforce/wf_int.h"

/* Is zKind a structure kind (wf_structure_kinds)? */
static int map_kind_known(const char *zKind)
{
  for (int i = 0; wf_structure_kinds[i]; i += 2) {
    if (!strcmp(zKind, wf_structure_kinds[i])) return 1;
  }
  return 0;
}

/* GET /api/v1/structures/carte?departement=&commune=&type= (public)
** ROUTE: GET /api/v1/structures/carte public api
*/
void wf_api_structures_map(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  const char *zKind = kit_query(req, "type");
  if (zKind && zKind[0] && !map_kind_known(zKind)) {
    reply_error(req, 400, "saisie_invalide", "type de structure inconnu "
                "(msp, centre_sante, cpts, pharmacie, teleconsultation)",
                "type");
    return;
  }
  WfStructure *a;
  int n;
  if (wf_structures_list(db, req_arena(req), kit_query(req, "commune"),
                         kit_query(req, "departement"), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  ExpTable *t = exp_new("Structures");
  exp_col(t, "id", "Identifiant", EXP_INTEGER);
  exp_col(t, "type", "Type", EXP_TEXT);
  exp_col(t, "libelle_type", "Type (libellé)", EXP_TEXT);
  exp_col(t, "nom", "Nom", EXP_TEXT);
  exp_col(t, "finess", "FINESS", EXP_TEXT);
  exp_col(t, "commune", "Commune", EXP_TEXT);
  exp_col(t, "commune_nom", "Nom de la commune", EXP_TEXT);
  exp_col(t, "etp", "Médecins généralistes (ETP)", EXP_NUMBER);
  exp_col(t, "position", "Position", EXP_TEXT);
  for (int i = 0; i < n; i++) {
    const WfStructure *s = &a[i];
    if (s->zMissingSince[0]) continue;
    if (zKind && zKind[0] && strcmp(zKind, s->zKind)) continue;
    if (isnan(s->lat) || isnan(s->lon)) continue;
    exp_row(t);
    exp_integer(t, s->id);
    exp_text(t, s->zKind);
    exp_text(t, wf_kind_label(s->zKind));
    exp_text(t, s->zName);
    exp_text(t, s->zFiness);
    exp_text(t, s->zCommune);
    exp_text(t, s->zCommuneName);
    exp_number(t, s->fte);
    exp_text(t, "commune");
    exp_geometry(t, json_pack("{s:s, s:[f, f]}", "type", "Point",
                              "coordinates", s->lon, s->lat));
  }
  Str sProv = STR_INIT;
  int64_t idImport = wf_structures_import_id(db);
  str_appendz(&sProv, "Structures : ");
  if (idImport) prov_describe(db, idImport, &sProv);
  else str_appendz(&sProv, "aucune extraction FINESS importée");
  str_appendz(&sProv, " ; et les saisies de l'équipe ; position : le point "
              "de la commune");
  exp_provenance(t, str_text(&sProv));
  str_free(&sProv);
  exp_reply(req, t, EXP_GEOJSON, "structures");
  exp_free(t);
}
