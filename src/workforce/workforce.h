/*
** workforce/workforce.h: practitioners (GPs) and their practice sites.
**
** Importers (registered with `oasis import` from above: wf_import_kinds,
** commands.c) and wf_load_inputs(), which adds the practitioners to the
** engine's inputs that territory/load.c loads.  Territory sits below and
** never includes this header.
*/
#ifndef OASIS_WORKFORCE_H
#define OASIS_WORKFORCE_H

#include <stdint.h>

#include "base/cmd.h"
#include "base/err.h"
#include "store/store.h"
#include "territory/territory.h"

/* The official RPPS extract PS_LibreAcces_Personne_activite.txt ('|',
** trailing '|', columns found by header name: 52- and 56-column layouts).
** Keeps GPs (profession 10 with savoir-faire SM53 or a general-medicine
** label) with the site's commune and mode of exercise.  Vintage required. */
int wf_import_rpps(Store *db, const TerrImportOpts *o, Err *err);
/* A simple CSV: id, commune, optional birth year, activity, specialty
** (when a specialty column is present only GP rows are kept). */
int wf_import_practitioners(Store *db, const TerrImportOpts *o, Err *err);
/* For each site commune of vintage's practitioners (vintage 0: the latest
** imported), call xAdd(pArg, zCode, nDistinctPractitioners).  *pVintage
** and *pImportId get what was used (0 when nothing was imported).  A
** practitioner with sites in two communes counts in both. */
int wf_count_by_commune(Store *db, int vintage,
                        void (*xAdd)(void *, const char *, int), void *pArg,
                        int *pVintage, int64_t *pImportId, Err *err);
/* For each practice site of vintage's practitioners (0: the latest), call
** xSite(pArg, zCommune, idPractitioner, birthYear or 0, acts or NAN). */
int wf_each_site(Store *db, int vintage,
                 void (*xSite)(void *, const char *, int64_t, int, double),
                 void *pArg, Err *err);
/* terr_load_inputs(), then, unless spec->practVintage < 0, practitioners
** per commune (aPract, idPract) and practice sites: the engine's inputs.
** 0, or < 0 with err (ERR_NOTFOUND: no practitioner for that vintage) and
** *out freed.  Free with terr_inputs_free(). */
int wf_load_inputs(Store *db, const TerrInputSpec *spec, TerrInputs *out,
                   Err *err);
/* The `oasis import` kinds of this module (rpps, practitioners), ended by a
** zero zKind: main.c adds them with terr_import_add_kinds(). */
extern const TerrImportKind wf_import_kinds[];
/* Hidden commands (test-terr-load: the inputs with practitioners). */
extern const Command wf_commands[];

/* True when a savoir-faire code or label designates general medicine. */
int wf_is_gp(const char *zCode, const char *zLabel);

#endif
