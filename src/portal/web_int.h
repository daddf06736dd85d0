/*
** portal/web_int.h: helpers shared by the portal's pages (web.c), not by
** other modules.
*/
#ifndef OASIS_PORTAL_WEB_INT_H
#define OASIS_PORTAL_WEB_INT_H
#include "portal/portal.h"
#include "web/export.h"
#include "web/kit.h"
#include "web/kit_table.h"
#include "web/kit_form.h"
#include "web/markdown.h"

/* Load the settings and open the page frame with the territory's colours
** applied to the portal's content.  On a database failure the incident
** page is already queued and 0 is returned; else 1. */
int portal_frame_begin(Req *req, const char *zTitle, PortalSettings *pSet);
/* The same with the page's own description (NULL: the territory's) for
** the <meta name="description"> and OpenGraph tags every portal page
** carries, so a shared link shows its title and what it is about. */
int portal_frame_begin_desc(Req *req, const char *zTitle, const char *zDesc,
                            PortalSettings *pSet);
void portal_frame_end(Req *req);

/* The commune of the path ({code}): the team's fiche when there is one
** (*pHasFiche 1), else one made from the territory tables' facts, which
** fill f either way.  0, or -1 with a French 404 (unknown code) or an
** incident page queued. */
int portal_commune_or_404(Req *req, PortalCommune *c, PortalFacts *f,
                          int *pHasFiche);
/* The {id} event of the path: a published one, or any for the team;
** 1, or 0 with a French 404 (or an incident) queued. */
int portal_event_or_404(Req *req, PortalEvent *e);
/* The published events of the territory from today (the calendar and its
** JSON twin).  0, or -1 with an incident page queued. */
int portal_upcoming_events(Req *req, PortalEvent **paEv, int *pnEv);
/* Those and the published pages, for the home page and its JSON twin.
** 0, or -1 with an incident page queued. */
int portal_home_lists(Req *req, PortalEvent **paEv, int *pnEv,
                      PortalPage **paPage, int *pnPage);

/* ---- fields.c: each record read through one KitField table, from a
** form or a JSON body, then checked; every refused field lands in e.
** Each returns the number of errors in e (0: the record is complete). */
/* Add the input error of a store call (err: its field, its message
** capitalised as every message beside a field). */
void portal_kit_error(Req *req, KitErrors *e, const Err *err);
/* A registration to event eventId. */
int portal_read_registration(Req *req, int64_t eventId, PortalRegistration *r,
                             KitErrors *e);
/* An event; pOld is the stored one (NULL: a new event).  A new event, or
** a changed date, cannot be in the past. */
int portal_read_event(Req *req, const PortalEvent *pOld, PortalEvent *pEv,
                      KitErrors *e);
/* A content page of id id (0: new). */
int portal_read_page(Req *req, int64_t id, PortalPage *p, KitErrors *e);
/* A commune fiche: zCode is the path's code (NULL: a new fiche, its code
** read from the form and refused when a fiche exists already). */
int portal_read_commune(Req *req, const char *zCode, PortalCommune *c,
                        KitErrors *e);
/* The territory settings; *pzOrigins gets the normalized origins. */
int portal_read_settings(Req *req, PortalSettings *s, const char **pzOrigins,
                         KitErrors *e);

/* ---- actions.c: every write, one transaction with its audit entry.
** 0, or the store's rc with err filled (ERR_INPUT naming the field). */
int portal_act_settings(Req *req, PortalSettings *s, Err *err);
/* pOld: the page before (NULL: a new page, p->id set on success). */
int portal_act_page_save(Req *req, const PortalPage *pOld, PortalPage *p,
                         Err *err);
int portal_act_page_delete(Req *req, const PortalPage *pOld, Err *err);
int portal_act_event_save(Req *req, const PortalEvent *pOld, PortalEvent *e,
                          Err *err);
/* The event and its registrations. */
int portal_act_event_delete(Req *req, const PortalEvent *pOld, Err *err);
/* Register r to e (r->id set); the audit keeps the event and profile only. */
int portal_act_register(Req *req, const PortalEvent *e,
                        PortalRegistration *r, Err *err);
/* Erase registration idReg of e (the person's right to erasure). */
int portal_act_registration_erase(Req *req, const PortalEvent *e,
                                  int64_t idReg, Err *err);
int portal_act_commune_save(Req *req, const PortalCommune *pOld,
                            PortalCommune *c, Err *err);
int portal_act_commune_delete(Req *req, const PortalCommune *pOld, Err *err);

/* Value pairs (code, label) of a PortalLabel table for kit_select, from
** the request arena. */
const char *const *portal_options(Req *req, const PortalLabel *a);

/* The "Demander un accompagnement" button to /demande, the form prefilled
** with the territory (zKind "commune" or "epci", its code and name) when
** zKind is non-NULL; or a French note while the guichet unique is not
** part of this build. */
void portal_cta_demande(Req *req, const char *zKind, const char *zCode,
                        const char *zName);

/* The route handlers are declared by the table tools/mkroutes generates
** from their ROUTE: comments, not here. */

#endif
