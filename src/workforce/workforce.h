/*
** workforce/workforce.h: practitioners (GPs) and their practice sites.
**
** Importers only for now; the territory loader (territory/load.c) counts
** practitioners per commune through wf_count_by_commune().
*/
#ifndef OASIS_WORKFORCE_H
#define OASIS_WORKFORCE_H

#include <stdint.h>

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
/* True when a savoir-faire code or label designates general medicine. */
int wf_is_gp(const char *zCode, const char *zLabel);

#endif
