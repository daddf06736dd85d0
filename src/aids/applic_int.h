/*
** aids/applic_int.h: what the application files (applic_pages.c,
** applic_print.c) share.  Not a public contract: applic.h is.
*/
#ifndef OASIS_AIDS_APPLIC_INT_H
#define OASIS_AIDS_APPLIC_INT_H
#include <jansson.h>
#include <stdlib.h>

#include "aids/applic.h"
#include "aids/web_int.h"
#include "base/clock.h"

/* The signed-in user as the actor of a move. */
void applic_actor(Req *req, long long *pId, const char **pzName);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" (the one clock) into zOut. */
void applic_now(char zOut[24]);
/* The state as a badge (text, never colour alone). */
void applic_state_badge(Req *req, int state);
/* Application {id} of the path, or a 404 queued and -1. */
int applic_or_404(Req *req, AidApplic *a);
/* The profile stored as JSON back into the simulator's inputs (arena). */
void applic_profile_read(Req *req, const char *zJson, AidWebInput *in);
/* Simulate in against pCat; NULL with err (its field) when the profile is
** refused. */
AidSim *applic_simulate(Req *req, const AidCatalog *pCat, AidWebInput *in,
                        Err *err);
/* A table of applications, captioned. */
void applic_table(Req *req, const AidApplic *a, int n, const char *zCaption);
/* The payment schedule of commitment id, as a section. */
void applic_schedule_section(Req *req, long long commitmentId);


#endif
