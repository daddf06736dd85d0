/*
** portal/web_int.h: helpers shared by the portal's pages (web.c), not by
** other modules.
*/
#ifndef OASIS_PORTAL_WEB_INT_H
#define OASIS_PORTAL_WEB_INT_H
#include "portal/portal.h"
#include "web/export.h"
#include "web/kit.h"
#include "web/markdown.h"

/* Load the settings and open the page frame with the territory's colours
** applied to the portal's content.  On a database failure the incident
** page is already queued and 0 is returned; else 1. */
int portal_frame_begin(Req *req, const char *zTitle, PortalSettings *pSet);
void portal_frame_end(Req *req);

/* One labelled form row: <input> of type zType (text, email, date…), with
** zHint (or NULL) inside the label and the field's error from pe (or
** NULL) below, tied with aria-describedby and aria-invalid. */
void portal_input(Req *req, const char *zName, const char *zLabel,
                  const char *zHint, const char *zType, const char *zValue,
                  const PortalErrors *pe, const char *zExtra);
/* Same for a <textarea> of nRows rows. */
void portal_textarea(Req *req, const char *zName, const char *zLabel,
                     const char *zHint, const char *zValue, int nRows,
                     const PortalErrors *pe);
/* A <select> of the codes of a (zValue selected, a first empty choice
** when zEmpty is non-NULL). */
void portal_select(Req *req, const char *zName, const char *zLabel,
                   const PortalLabel *a, const char *zValue,
                   const char *zEmpty, const PortalErrors *pe);
/* The error summary at the top of a refused form (role="alert"). */
void portal_error_summary(Req *req, const PortalErrors *pe);
/* {zArg} of the path as a positive id, or 0 with a 404 queued. */
int64_t portal_id_or_404(Req *req, const char *zArg, const char *zWhat);
/* Form value with surrounding spaces removed ("" when absent). */
const char *portal_form(Req *req, const char *zName);
/* Reply for an rc from a store call that is not an input error: 404 for
** ERR_NOTFOUND, else 500 with the incident id. */
void portal_reply_failure(Req *req, int rc, const Err *err);

/* The "Demander un accompagnement" button to /demande, the form prefilled
** with the territory (zKind "commune" or "epci", its code and name) when
** zKind is non-NULL; or a French note while the guichet unique is not
** part of this build. */
void portal_cta_demande(Req *req, const char *zKind, const char *zCode,
                        const char *zName);

/* Handlers, listed in routes.c.  Public pages (pages.c): */
void portal_page_home(Req *req);
void portal_page_content(Req *req);
void portal_page_events(Req *req);
void portal_page_event(Req *req);
void portal_page_event_ics(Req *req);
void portal_post_register(Req *req);
void portal_page_communes(Req *req);
void portal_page_commune(Req *req);
void portal_page_epci(Req *req);
void portal_page_epci_code(Req *req);
void portal_page_widget(Req *req);
/* Back-office (pages_admin.c, pages_edit.c): */
void portal_admin_home(Req *req);
void portal_admin_post_settings(Req *req);
void portal_admin_pages(Req *req);
void portal_admin_page_new(Req *req);
void portal_admin_page_edit(Req *req);
void portal_admin_post_page(Req *req);
void portal_admin_post_page_delete(Req *req);
void portal_admin_events(Req *req);
void portal_admin_event_new(Req *req);
void portal_admin_event_edit(Req *req);
void portal_admin_post_event(Req *req);
void portal_admin_post_event_delete(Req *req);
void portal_admin_registrants_csv(Req *req);
void portal_admin_post_registrant_delete(Req *req);
void portal_admin_communes(Req *req);
void portal_admin_commune_edit(Req *req);
void portal_admin_post_commune(Req *req);
void portal_admin_post_commune_delete(Req *req);
/* JSON API (api.c): */
void portal_api_home(Req *req);
void portal_api_events(Req *req);
void portal_api_register(Req *req);
void portal_api_page(Req *req);
void portal_api_commune(Req *req);

#endif
