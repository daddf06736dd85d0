/*
** cases/routes.h: the dossier panel hook that app/compose.c installs.
*/
#ifndef OASIS_CASES_ROUTES_H
#define OASIS_CASES_ROUTES_H
#include "web/web.h"

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
