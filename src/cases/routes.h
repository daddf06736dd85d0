/*
** cases/routes.h: the guichet unique's route tables, for app/registry.c.
*/
#ifndef OASIS_CASES_ROUTES_H
#define OASIS_CASES_ROUTES_H
#include "web/web.h"

/* /demande, /accompagnement/..., /api/v1/dossiers/..., /api/v1/partenaires */
extern const Route case_routes[];
/* /suivi/{jeton}: the requester's own space (pages_follow.c). */
extern const Route case_follow_routes[];

/* A panel of the dossier page written by another module of the same
** layer (the aids module's applications), which cases may not include:
** app/compose.c installs it.  It gets the dossier's id, reference, the
** person's name, the request's profession and status codes, the target
** commune code, and whether the dossier is open. */
typedef void (*CaseDossierPanel)(Req *req, long long dossierId,
                                 const char *zRef, const char *zName,
                                 const char *zProfession, const char *zStatus,
                                 const char *zCommune, int isOpen);
/* Install x (NULL: no panel). */
void case_dossier_panel_set(CaseDossierPanel x);

#endif
