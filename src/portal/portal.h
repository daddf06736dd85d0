/*
** portal/portal.h: the public welcome site for future doctors.
**
** Territory settings (name, logo, colours, texts), Markdown content pages
** (draft -> published), events with registration, commune pages for
** candidates and the embeddable simulator widget.
**
** Layers, one file each:
**   rules.c     pure checks and formats: e-mail, colours and contrast,
**               embedding origins, slugs, dates, labels
**   store.c     every SQL statement of the portal (tables portal_*)
**   feeds.c     what the portal reads from other modules, through their
**               headers only; honest "not available" until they exist
**   export.c    the registrants as an export table (web/export.h)
**   fields.c    each record read from a form or JSON (one KitField table)
**   actions.c   every write, with its audit entry (pages and API call it)
**   pages.c pages_admin.c pages_edit.c api.c   the web side
** Strings of records live in the Arena the caller passes.
*/
#ifndef OASIS_PORTAL_H
#define OASIS_PORTAL_H
#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/cmd.h"
#include "base/err.h"
#include "base/label.h"
#include "base/str.h"
#include "store/store.h"
#include "territory/scope.h"
#include "web/export.h"
#include "web/web.h"

/* ---- rules.c: pure checks ---------------------------------------------- */

/* Labels of the stored codes; each table ends with {0, 0}. */
typedef Label PortalLabel;   /* a code and its label (base/label.h) */
extern const PortalLabel portal_event_kinds[];   /* salon, congres, ... */
extern const PortalLabel portal_profiles[];      /* medecin, interne, ... */
/* Label of zCode in a, or NULL when zCode is not one of a's codes. */
const char *portal_label(const PortalLabel *a, const char *zCode);

/* Check an e-mail address (one @, a dotted domain, no spaces, at most 254
** bytes).  0 or ERR_INPUT with a French message, field zField. */
int portal_check_email(const char *z, const char *zField, Err *err);
/* "#rrggbb" into *pRgb (0xRRGGBB); 0 or -1. */
int portal_color_parse(const char *z, unsigned *pRgb);
/* WCAG 2 contrast ratio of two colours (1 to 21). */
double portal_contrast(unsigned rgb1, unsigned rgb2);
/* rgb with each channel times f (clamped) as "#rrggbb" into zOut (>= 8
** bytes): f < 1 darkens (hover states), f > 1 lightens. */
void portal_color_shade(unsigned rgb, double f, char *zOut);
/* A theme colour: "#rrggbb" with contrast >= 4.5 against white, since
** white text is written on it.  0 or ERR_INPUT (field zField). */
int portal_check_color(const char *z, const char *zField, Err *err);
/* A logo address: "" (none), a local path "/…" or an https:// URL, no
** quotes, spaces or control characters.  0 or ERR_INPUT. */
int portal_check_logo(const char *z, Err *err);
/* One embedding origin "https://host[:port]" (http only for localhost
** and 127.0.0.1): scheme, host and port, no path, no wildcard. */
int portal_check_origin(const char *z, Err *err);
/* Parse origins, one a line (blank lines ignored, trailing "/" dropped,
** lower-cased), into pOut as "a b c" (space-separated, as CSP wants).
** 0 or ERR_INPUT naming the first refused origin (field "widget_origins"). */
int portal_origins_normalize(const char *zText, Str *pOut, Err *err);
/* 1 when origin zOrigin is in the space-separated list zList. */
int portal_origin_allowed(const char *zList, const char *zOrigin);
/* A département code: two digits (not 00, not 20), 2A, 2B, or 971-976. */
int portal_is_dep_code(const char *z);
/* A page slug: 1-60 of [a-z0-9-], not starting or ending with "-". */
int portal_check_slug(const char *z, Err *err);
/* A calendar date "YYYY-MM-DD" that exists; 0 or ERR_INPUT (zField). */
int portal_check_date(const char *z, const char *zField, Err *err);
/* "HH:MM" (24 h) or ""; 0 or ERR_INPUT (zField). */
int portal_check_time(const char *z, const char *zField, Err *err);
/* True when z is no real contact to show the public: empty, or a
** placeholder left in data ("à compléter", "XX XX XX XX", "TODO",
** "lorem ipsum"…, any case).  Public pages leave such a text out. */
int portal_is_placeholder(const char *z);
/* Non-empty text of at most nMax bytes after trimming; 0 or ERR_INPUT. */
int portal_check_text(const char *z, int nMax, const char *zField,
                      const char *zWhat, Err *err);
/* Today (UTC) as "YYYY-MM-DD" into zOut (>= 11 bytes): $OASIS_NOW's date
** part when set (tests and replays), else the system clock. */
const char *portal_today(char *zOut);
/* "samedi 14 mars 2026" for "2026-03-14" into zOut (>= 40 bytes); z itself
** when it is not a valid date. */
const char *portal_date_label(const char *z, char *zOut, int nOut);

struct PortalEvent;
#define PORTAL_ICS_TZID "Europe/Paris"
/* Event e as an iCalendar file (RFC 5545) into pOut: one VEVENT, all-day
** when it has no time, else at its hour in PORTAL_ICS_TZID (with its
** VTIMEZONE), TEXT escaped and lines folded at 75 octets.
** zStamp is DTSTAMP ("YYYYMMDDTHHMMSSZ"), zHost the UID's domain. */
void portal_ics(Str *pOut, const struct PortalEvent *e, const char *zStamp,
                const char *zHost);

/* Form errors, one French message per field. */
#define PORTAL_MAX_ERRORS 8
typedef struct PortalErrors PortalErrors;
struct PortalErrors {
  int n;
  const char *azField[PORTAL_MAX_ERRORS];
  char azMsg[PORTAL_MAX_ERRORS][160];
};
/* Message for field zField, or NULL. */
const char *portal_error(const PortalErrors *pe, const char *zField);
void portal_error_add(PortalErrors *pe, const char *zField, const char *zMsg);

/* ---- store.c: settings ---------------------------------------------------- */
typedef struct PortalSettings PortalSettings;
struct PortalSettings {
  const char *zName;          /* territory name ("Loir-et-Cher") */
  const char *zTagline;
  const char *zLogoUrl;       /* "" for none */
  const char *zPrimary;       /* "#rrggbb" */
  const char *zAccent;        /* "#rrggbb" */
  const char *zIntro;         /* plain text under the title */
  const char *zWhyMd;         /* Markdown: why come here */
  const char *zContact;       /* plain text */
  const char *zOrigins;       /* allowed embedding origins, space-separated */
  const char *zTerritory;     /* département code ("41") whose figures the
                              ** home page and the plan show; "" for none */
};
/* The name a new instance's portal starts with (071_portal_defaults.sql);
** the pages show the territory's name instead until the team sets one. */
#define PORTAL_DEFAULT_NAME "Votre territoire"
/* Read the settings (missing keys read ""). */
int portal_settings_load(Store *db, Arena *pArena, PortalSettings *p,
                         Err *err);
/* Check every field of p; one message per invalid field into pe.  Returns
** the number of invalid fields.  p->zOrigins may hold one origin a line:
** *pzOrigins gets the normalized list (from pArena). */
int portal_settings_check(Arena *pArena, const PortalSettings *p,
                          const char **pzOrigins, PortalErrors *pe);
/* Save every field of p (already checked).  No transaction of its own. */
int portal_settings_save(Store *db, const PortalSettings *p, Err *err);
json_t *portal_settings_json(const PortalSettings *p);

/* ---- store.c: content pages ----------------------------------------------- */
typedef struct PortalPage PortalPage;
struct PortalPage {
  int64_t id;                 /* 0: not saved yet */
  const char *zSlug;
  const char *zTitle;
  const char *zBodyMd;
  int isPublished;
  const char *zUpdatedAt;
};
/* Pages ordered by title; only published ones when isPublishedOnly. */
int portal_page_list(Store *db, Arena *pArena, int isPublishedOnly,
                     PortalPage **pa, int *pn, Err *err);
/* ERR_NOTFOUND when absent. */
int portal_page_get(Store *db, Arena *pArena, int64_t id, PortalPage *p,
                    Err *err);
int portal_page_by_slug(Store *db, Arena *pArena, const char *zSlug,
                        PortalPage *p, Err *err);
/* Check p (slug, title, body size); one message per field into pe. */
int portal_page_check(const PortalPage *p, PortalErrors *pe);
/* Insert (p->id == 0, id set) or update; ERR_INPUT (field "slug") when the
** slug is taken.  No transaction of its own. */
int portal_page_save(Store *db, PortalPage *p, Err *err);
int portal_page_delete(Store *db, int64_t id, Err *err);
json_t *portal_page_json(const PortalPage *p);

/* ---- store.c: events and registrations ------------------------------------ */
typedef struct PortalEvent PortalEvent;
struct PortalEvent {
  int64_t id;
  const char *zKind;          /* portal_event_kinds code */
  const char *zTitle;
  const char *zDate;          /* YYYY-MM-DD */
  const char *zTime;          /* HH:MM or "" */
  const char *zPlace;
  const char *zBodyMd;
  int capacity;               /* 0: no limit */
  int isPublished;
  int nRegistered;            /* read only */
  const char *zCommune;       /* INSEE code of where it is held, "" (or
                              ** NULL) when not said */
};
/* Events by date; zFrom non-NULL: only those on or after that date;
** isPublishedOnly: only published ones, and of them only those held
** inside the portal's territory (or in no commune said). */
int portal_event_list(Store *db, Arena *pArena, const char *zFrom,
                      int isPublishedOnly, PortalEvent **pa, int *pn,
                      Err *err);
int portal_event_get(Store *db, Arena *pArena, int64_t id, PortalEvent *p,
                     Err *err);
/* Check the fields of p; with zToday non-NULL a date before it is refused
** (a new event cannot be in the past). */
int portal_event_check(const PortalEvent *p, const char *zToday,
                       PortalErrors *pe);
int portal_event_save(Store *db, PortalEvent *p, Err *err);
int portal_event_delete(Store *db, int64_t id, Err *err);
json_t *portal_event_json(const PortalEvent *p);

typedef struct PortalRegistration PortalRegistration;
struct PortalRegistration {
  int64_t id;
  int64_t eventId;
  const char *zName;
  const char *zEmail;
  const char *zProfile;       /* portal_profiles code */
  int hasConsent;             /* the GDPR box was ticked */
  const char *zCreatedAt;     /* read only */
};
/* Check name, e-mail, profile and consent; one message per field. */
int portal_registration_check(const PortalRegistration *r, PortalErrors *pe);
/* Register r to event ev (checked first): ERR_INPUT when the event is
** before zToday or full (field "evenement").  Sets r->id; an address
** already registered adds nothing and sets r->id to 0, with the same
** success (the answer is no oracle of who registered).  No transaction of
** its own. */
int portal_register(Store *db, const PortalEvent *ev, PortalRegistration *r,
                    const char *zToday, Err *err);
/* Erase registration id of event eventId (the person asked): ERR_NOTFOUND
** when there is none. */
int portal_registration_delete(Store *db, int64_t eventId, int64_t id,
                               Err *err);
int portal_registration_list(Store *db, Arena *pArena, int64_t eventId,
                             PortalRegistration **pa, int *pn, Err *err);
/* Retention: erase the registrations of the events held before zBefore
** ("YYYY-MM-DD"); *pn gets how many.  No transaction of its own. */
#define PORTAL_RETENTION_MONTHS 12   /* after the event */
int portal_registrations_purge(Store *db, const char *zBefore, int *pn,
                               Err *err);
/* The registrants of ev as an export table (name, address, profile,
** registration time, event, its date; provenance: the event), for
** exp_write() or exp_reply() (export.c).  The caller frees it with
** exp_free(); NULL with err filled when the list cannot be read. */
ExpTable *portal_registrants_table(Store *db, Arena *pArena,
                                   const PortalEvent *ev, Err *err);

/* ---- store.c: commune fiches ---------------------------------------------- */
typedef struct PortalCommune PortalCommune;
struct PortalCommune {
  const char *zCode;          /* INSEE code, 5 characters */
  const char *zName;
  const char *zEpci;
  const char *zBodyMd;
  const char *zContact;
};
int portal_commune_list(Store *db, Arena *pArena, PortalCommune **pa, int *pn,
                        Err *err);
/* ERR_NOTFOUND when the team wrote no fiche for zCode. */
int portal_commune_get(Store *db, Arena *pArena, const char *zCode,
                       PortalCommune *p, Err *err);
/* Fiches of the communes whose EPCI is zEpci (same text). */
int portal_commune_by_epci(Store *db, Arena *pArena, const char *zEpci,
                           PortalCommune **pa, int *pn, Err *err);
/* INSEE code: 5 of [0-9AB] with 2A/2B for Corsica. */
int portal_check_insee(const char *z, Err *err);
int portal_commune_check(const PortalCommune *p, PortalErrors *pe);
/* Insert or replace the fiche of p->zCode. */
int portal_commune_save(Store *db, const PortalCommune *p, Err *err);
int portal_commune_delete(Store *db, const char *zCode, Err *err);
json_t *portal_commune_json(const PortalCommune *p);

/* ---- feeds.c, feeds_near.c: what the other modules know --------------- */
/* The territory the portal shows: the instance's (territory/scope.h), or,
** when none is set, the département of the portal's former "territoire"
** setting.  Strings in pArena; nDep 0 when neither is set.  Always 0. */
int portal_scope(Store *db, Arena *pArena, TerrScope *p);
/* True when commune zCode lies inside p (always with no territory). */
int portal_scope_has_commune(Store *db, const TerrScope *p,
                             const char *zCode);

/* Facts on a commune: the territory tables (territory/lookup.h) and its
** one classification (zoning/zoning.h: the ARS arrêté when imported, else
** the DREES APL, labelled indicative).  Each has* is 0 when there is no
** value for it. */
typedef struct PortalFacts PortalFacts;
struct PortalFacts {
  int hasPlace;               /* the territory tables know the commune */
  const char *zName;          /* "" when unknown */
  const char *zDep;           /* département code */
  const char *zEpci;          /* EPCI SIREN, "" when unknown */
  const char *zEpciName;
  int64_t population;         /* municipal population, -1 unknown */
  double lat, lon;            /* NaN when unknown */
  int isInside;               /* inside the instance's territory */
  int hasZone;
  int isOfficial;             /* the class is the ARS arrêté's */
  const char *zZone;          /* the class's words ("Sous-dense") */
  const char *zZoneLabel;     /* complete, with its source (zoning_of) */
  const char *zZoneBadge;     /* CSS modifier: sous-dense, intermediaire… */
  const char *zZoneText;      /* one sentence in plain French */
  int hasApl;
  double apl;                 /* the DREES APL (all ages), as published */
  int aplVintage;
};
void portal_feed_facts(Store *db, Arena *pArena, const char *zCode,
                       PortalFacts *p);

/* One vintage of the DREES APL over an area. */
typedef struct PortalVintage PortalVintage;
struct PortalVintage {
  int vintage;
  int nCommune;               /* communes of the area in the DREES table */
  int nSousDense, nIntermediaire;   /* against the 2017 thresholds */
  double popStd;              /* their standardised population */
  double apl;                 /* APL weighted by standardised population */
  int64_t popSousDense;       /* inhabitants of the sous-dense communes */
};
/* Per vintage of the DREES table (oldest first) the aggregates of the
** communes whose code starts with one of zCodes (a JSON array of
** départements or communes), from pArena; count, 0 when none. */
int portal_feed_vintages(Store *db, Arena *pArena, const char *zCodes,
                         PortalVintage **pa);
/* store.c: the same from the table, communes under lo sous-dense, under
** hi intermédiaire.  Count or < 0. */
int portal_drees_vintages(Store *db, Arena *pArena, const char *zCodes,
                          double lo, double hi, PortalVintage **pa, Err *err);
/* store.c: the national mean of the DREES APL, all ages (the series the
** observatoire shows), of its latest vintage, weighted by standardised
** population.  0 or ERR_NOTFOUND when the table is empty. */
int portal_national_apl(Store *db, int *pVintage, double *pApl);

/* Key figures of the home page: value, label and provenance. */
typedef struct PortalFigure PortalFigure;
struct PortalFigure {
  const char *zValue;         /* already formatted in French */
  const char *zLabel;
  const char *zSource;        /* provenance line */
};
/* The DREES figures of the territory (newest vintage); 0 and *pzWhy a
** French reason when there are none. */
int portal_feed_figures(Store *db, Arena *pArena, const TerrScope *pScope,
                        PortalFigure **pa, const char **pzWhy);
/* Which modules the portal links to are in this build (their routes
** exist): used to say "bientôt" rather than link to a 404. */
int portal_feed_has_route(const char *zPath);

/* A health structure or an offer near a commune (feeds_near.c). */
typedef struct PortalNear PortalNear;
struct PortalNear {
  const char *zKind;          /* "Centre de santé", "Terrain de stage"… */
  const char *zName;
  const char *zWhere;         /* commune name */
  const char *zHref;          /* its public page, or "" */
  const char *zDetail;        /* hours, open posts… or "" */
  double km;                  /* as the crow flies, -1 when unknown */
  int isInArea;               /* in the commune (or EPCI) itself */
  int isOutside;              /* outside the instance's territory */
};
/* Centres de santé sites (not illustrative) and placement structures in
** the commune zCommune (isInArea), in the EPCI zEpci (isInArea when
** zCommune is NULL) or within 30 km of (lat, lon); nearest first.  Count,
** from pArena. */
int portal_feed_near(Store *db, Arena *pArena, const char *zCommune,
                     const char *zEpci, double lat, double lon,
                     PortalNear **pa);

/* An aid open to a GP settling in a commune (aids/aids.h simulator). */
typedef struct PortalAid PortalAid;
struct PortalAid {
  const char *zId, *zName, *zPorteur;
  int isToCheck;              /* verdict "à vérifier" rather than eligible */
  const char *zMoney;         /* "jusqu'à 15 000 €", "montant non publié" */
  double commitYears;         /* 0: no commitment */
  int nCommune;               /* EPCI pages: member communes where open */
};
/* The published aids a general practitioner settling in liberal practice
** (first installation) could claim in each of the communes azCode[0..n-1]
** (merged: nCommune counts where each is open).  Count (from pArena), or
** < 0 with *pzWhy when the catalogue cannot be read. */
int portal_feed_aids(Store *db, Arena *pArena, const char *const *azCode,
                     int nCode, PortalAid **pa, const char **pzWhy);

/* A partner of the guichet unique's directory (cases/cases.h) for one of
** a candidate's needs, with its first contact person. */
typedef struct PortalPartner PortalPartner;
struct PortalPartner {
  const char *zNeed;          /* case_needs label */
  const char *zName, *zEmail, *zPhone, *zWebsite;
  const char *zContact;       /* "Claire Martin, chargée d'accueil" or "" */
};
/* Partners the team chose to publish, covering housing, spouse
** employment, schooling and discovery of the territory in commune zCommune
** and/or EPCI zEpci (either may be NULL); by need then name; the
** organisation's own details only, never a contact person.  Count, from
** pArena. */
int portal_feed_partners(Store *db, Arena *pArena, const char *zCommune,
                         const char *zEpci, PortalPartner **pa);

/* Open public salaried posts in centres de santé (centres/centres.h). */
typedef struct PortalJob PortalJob;
struct PortalJob {
  const char *zTitle, *zCentre, *zWhere, *zFte;
};
int portal_feed_jobs(Store *db, Arena *pArena, PortalJob **pa);
/* Placements with room left in the current and next semesters, and rooms
** free for the whole of the next semester (placements/placements.h). */
typedef struct PortalStages PortalStages;
struct PortalStages {
  int nPlace;                 /* places (seats) left */
  int nStructure;             /* structures offering them */
  const char *zSemester;      /* label of the first semester with room */
  int nRoomFree;              /* rooms free */
  int nRoom;                  /* rooms in the housing stock */
};
void portal_feed_stages(Store *db, Arena *pArena, PortalStages *p);

/* ---- commands.c: oasis portail purger ------------------------------------ */
extern const Command portal_commands[];

#endif
