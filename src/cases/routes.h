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

#endif
