/*
** cases/cases.h: the guichet unique -- requests from doctors and students,
** followed until they settle, with partners and reminders.
**
** Three layers, one file each:
**   rules.c   pure rules: codes and French labels, form validation, the
**             state machine, references, reminders, statistics, retention.
**             No SQL, no HTTP; every time-dependent rule takes `now`.
**   store.c   every SQL statement of the module (dossiers, sub-tasks,
**             transitions, notes, messages, attachments, partners, saved
**             filters, open log, anonymisation).
**   pages_*.c / api.c   the web side (back-office, public form,
**             JSON API), built on the two layers above.
**
** Times are Unix seconds (int64_t) in C and ISO 8601 UTC text
** "YYYY-MM-DDTHH:MM:SSZ" in the database, so text order is time order.
*/
#ifndef OASIS_CASES_H
#define OASIS_CASES_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/cmd.h"
#include "base/err.h"
#include "base/label.h"
#include "store/store.h"

/* ---- codes and labels ---------------------------------------------------
** Every enumerated value is stored as a short ASCII code and shown with its
** French label.  Each table ends with {0, 0}. */
typedef Label CaseLabel;   /* a code and its label (base/label.h) */

extern const CaseLabel case_states[];       /* nouveau ... clos */
extern const CaseLabel case_outcomes[];     /* installe ... sans_suite */
extern const CaseLabel case_needs[];        /* demarches ... decouverte */
extern const CaseLabel case_professions[];
extern const CaseLabel case_statuses[];     /* étudiant, interne, ... */
extern const CaseLabel case_projects[];     /* installation, ... */
extern const CaseLabel case_channels[];     /* formulaire, telephone, ... */
extern const CaseLabel case_territory_kinds[];  /* commune, epci, indecis */
extern const CaseLabel case_task_states[];  /* a_faire ... fait */
extern const CaseLabel case_partner_kinds[];

/* Label of zCode in a, or NULL when zCode is not one of a's codes. */
const char *case_label(const CaseLabel *a, const char *zCode);
/* Index of zCode in a, or -1. */
int case_code_index(const CaseLabel *a, const char *zCode);

enum {
  CASE_NSTATE = 5,          /* entries of case_states[] */
  CASE_NNEED = 7,           /* entries of case_needs[] */
  CASE_IDLE_FIRST = 9,      /* days without activity: first reminder */
  CASE_IDLE_SECOND = 21,    /* days: second reminder */
  CASE_RETENTION_YEARS = 3, /* default retention after closure */
  CASE_UNASSIGNED_DAYS = 2, /* a request nobody took: reminded to the team */
  CASE_LINK_DAYS = 180,     /* life of a partner's answer link */
  CASE_ATTACH_MAX = 5 * 1024 * 1024   /* bytes per attachment */
};

/* ---- clock -------------------------------------------------------------- */
/* Now, in Unix seconds: $OASIS_NOW (ISO date or date-time, for tests and
** replays) when set and valid, the system clock otherwise. */
int64_t case_clock_now(void);
/* Parse "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][Z]" (UTC) into *pT; 0 or
** ERR_INPUT. */
int case_time_parse(const char *z, int64_t *pT);
/* True for NULL, "" or a valid date "YYYY-MM-DD" (an optional date). */
int case_date_ok(const char *z);
/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into zBuf (>= 21 bytes). */
const char *case_time_format(int64_t t, char *zBuf);
/* t plus nYear calendar years (29 February becomes 28 February). */
int64_t case_add_years(int64_t t, int nYear);
/* Retention in years after closure: $OASIS_CASES_RETENTION_YEARS (1..30)
** or CASE_RETENTION_YEARS. */
int case_retention_years(void);

/* ---- the request form --------------------------------------------------- */
typedef struct CaseRequest CaseRequest;
struct CaseRequest {
  const char *zFirstName, *zLastName, *zEmail, *zPhone;
  const char *zProfession, *zStatus, *zProject;
  const char *zTerritoryKind;   /* commune, epci, indecis */
  const char *zTerritoryCode;   /* INSEE commune code or EPCI SIREN */
  const char *zTerritoryLabel;  /* as typed: "Aurillac" */
  const char *zWishedDate;      /* "YYYY-MM" or empty */
  const char *azNeed[CASE_NNEED];
  int nNeed;
  const char *zMessage;
  int hasConsent;
  const char *zChannel;         /* formulaire for the public form */
  const char *zIdemToken;       /* one per form display: no double dossier */
};

typedef struct CaseFieldError CaseFieldError;
struct CaseFieldError {
  const char *zField;   /* form field name: "email" */
  char zMsg[200];       /* French: "Adresse électronique invalide ..." */
};
typedef struct CaseFormErrors CaseFormErrors;
struct CaseFormErrors {
  int n;
  CaseFieldError a[24];
};

/* Check every field of r (trimmed by the caller); one French message per
** invalid field into pErr.  Returns the number of invalid fields. */
int case_request_validate(const CaseRequest *r, int64_t now,
                          CaseFormErrors *pErr);
/* Message for field zField, or NULL when the field is valid. */
const char *case_form_error(const CaseFormErrors *pErr, const char *zField);
/* Add an error (ignored when full). */
void case_form_error_add(CaseFormErrors *pErr, const char *zField,
                         const char *zMsg);

/* ---- the state machine -------------------------------------------------- */
typedef struct CaseClose CaseClose;
struct CaseClose {
  const char *zOutcome;     /* one of case_outcomes */
  const char *zCommune;     /* installe: INSEE code of the commune */
  const char *zDate;        /* installe: "YYYY-MM-DD" */
};

/* May a dossier go from zFrom to zTo?  Closing needs an outcome (and for
** "installe" a commune and a date); reopening a closed dossier needs a
** reason.  0, or ERR_INPUT with a French message and field in err. */
int case_transition_check(const char *zFrom, const char *zTo,
                          const CaseClose *pClose, const char *zReason,
                          Err *err);

/* True when the state machine has an edge zFrom -> zTo. */
int case_transition_allowed(const char *zFrom, const char *zTo);

/* "BD-2026-0042" into zBuf (>= 16 bytes). */
const char *case_ref_format(int year, int seq, char *zBuf);
/* Parse a reference; 0 and *pYear, *pSeq, or ERR_INPUT. */
int case_ref_parse(const char *z, int *pYear, int *pSeq);
/* Calendar year (UTC) of t. */
int case_year_of(int64_t t);

/* Reminder level of something last active at tLast: 0, CASE_IDLE_FIRST or
** CASE_IDLE_SECOND (whole days elapsed at now). */
int case_idle_level(int64_t tLast, int64_t now);

/* Check an attachment before storing it: size in (0, CASE_ATTACH_MAX],
** type among PDF, JPEG, PNG, ODT, DOCX (by content type and file name
** extension, and by the file's first bytes).  0 or ERR_INPUT. */
int case_attachment_check(const char *zName, const char *zType,
                          const unsigned char *a, size_t n, Err *err);

/* ---- statistics (pure) --------------------------------------------------- */
typedef struct CaseStatRow CaseStatRow;
struct CaseStatRow {          /* one dossier, personal fields left out */
  int64_t tCreated;
  int64_t tFirstContact;      /* 0 when not yet contacted */
  int64_t tClosed;            /* 0 while open */
  const char *zProfession, *zChannel, *zOutcome, *zOutcomeCommune;
  unsigned needMask;          /* bit i: case_needs[i] */
  int isOutside;              /* settled outside the instance's territory */
};

typedef struct CaseStatCount CaseStatCount;
struct CaseStatCount {
  char zSemester[8];          /* "2026-S1" */
  const char *zDim;           /* "profession", "canal", "besoin", "issue" */
  const char *zKey;           /* code within the dimension */
  int n;
};

typedef struct CaseDuration CaseDuration;
struct CaseDuration {
  int n;                      /* dossiers measured */
  double median, p90;         /* days; 0 when n == 0 */
};

typedef struct CaseStats CaseStats;
struct CaseStats {
  int nDossier;
  CaseStatCount *aCount;      /* sorted by semester, dimension, key */
  int nCount;
  CaseDuration firstContact;  /* creation -> first contact */
  CaseDuration closure;       /* creation -> closure */
  CaseStatCount *aCommune;    /* installations by commune (zKey = code) */
  int nCommune;
  int nSettledOutside;        /* installations outside the territory: not
                              ** counted above (DESIGN.md, one territory) */
};

/* "2026-S1" (January-June) or "2026-S2" into zBuf (>= 8 bytes). */
const char *case_semester(int64_t t, char *zBuf);
/* Quantile q in [0,1] of a[0..n-1] (sorted in place), linear interpolation
** between closest ranks (R type 7); 0 when n == 0. */
double case_quantile(double *a, int n, double q);
/* Aggregate rows into *p (arrays from arena). */
void case_stats_compute(Arena *arena, const CaseStatRow *a, int n,
                        CaseStats *p);

/* ---- records ---------------------------------------------------------- */
typedef struct CaseActor CaseActor;
struct CaseActor {
  int64_t id;           /* user id; 0 for the requester or the system */
  const char *zName;    /* shown in the history: "Claire Martin" */
};

typedef struct Dossier Dossier;
struct Dossier {        /* strings from the arena given to the loader */
  int64_t id;
  const char *zRef;
  const char *zState, *zChannel;
  const char *zFirstName, *zLastName, *zEmail, *zPhone;
  const char *zProfession, *zStatus, *zProject;
  const char *zTerritoryKind, *zTerritoryCode, *zTerritoryLabel;
  const char *zWishedDate, *zMessage;
  const char *zOutcome, *zOutcomeCommune, *zOutcomeDate;
  int64_t agentId;      /* 0: not assigned */
  const char *zAgentName;
  const char *zCreatedAt, *zFirstContactAt, *zClosedAt, *zUpdatedAt;
  const char *zConsentAt, *zAnonymisedAt;   /* "" when not */
  unsigned needMask;
  int64_t groupId;      /* instructor group, 0: none */
  const char *zGroupName;
};

typedef struct CaseTask CaseTask;
struct CaseTask {
  int64_t id, dossierId;
  const char *zNeed, *zState, *zDue, *zNotes;
  int64_t partnerId;    /* 0: none */
  const char *zPartnerName, *zFollowUp, *zUpdatedAt;
};

typedef struct CaseEvent CaseEvent;   /* a transition, note or message */
struct CaseEvent {
  int64_t id;
  const char *zAt, *zActor;
  const char *zFrom, *zTo, *zReason;  /* transitions ("" from: creation) */
  const char *zOutcome;               /* transitions to "clos" */
  const char *zDirection;             /* messages: entrant, sortant */
  const char *zBody;                  /* notes and messages */
  int isEmailed;
};

typedef struct CaseAttachment CaseAttachment;
struct CaseAttachment {
  int64_t id, dossierId;
  const char *zName, *zType, *zSha256, *zAt, *zBy;
  int64_t nSize;
};

typedef struct CaseFilter CaseFilter;
struct CaseFilter {       /* NULL or "" fields do not filter */
  const char *zState, *zTerritory, *zNeed, *zProfession, *zChannel;
  int64_t agentId;        /* 0: any; -1: not assigned */
  const char *zFrom, *zTo;  /* creation dates "YYYY-MM-DD", inclusive */
  const char *zText;      /* reference, name or e-mail contains */
  int64_t groupId;        /* instructor group; 0: any */
};

typedef struct CaseReminder CaseReminder;
struct CaseReminder {
  int64_t dossierId;
  const char *zRef;
  int64_t taskId;         /* 0: the dossier itself */
  const char *zWhat;      /* state or need code */
  const char *zKind;      /* "inactif", "relance_partenaire", "non_attribue" */
  const char *zSince;     /* inactif, non_attribue: last activity;
                          ** relance_partenaire: the follow-up date */
  int level;              /* 0, CASE_IDLE_FIRST or CASE_IDLE_SECOND (idle
                          ** days reached; 0 for a follow-up date) */
};

typedef struct Partner Partner;
struct Partner {
  int64_t id;
  const char *zName, *zKind, *zEmail, *zPhone, *zWebsite, *zNotes;
  const char *zTopics;        /* need codes, comma-separated */
  const char *zTerritories;   /* codes, comma-separated ("" = everywhere) */
  int isPublic;               /* shown on the portal (organisation only) */
};

typedef struct PartnerContact PartnerContact;
struct PartnerContact {
  int64_t id, partnerId;
  const char *zName, *zRole, *zEmail, *zPhone;
};

/* ---- store.c: dossiers --------------------------------------------------- */
/* Create a dossier from a validated request, with one sub-task per need,
** its reference (BD-YYYY-NNNN, next number of now's year) and its first
** transition.  A second call with the same zIdemToken creates nothing and
** returns the first dossier's id with *pIsNew = 0. */
int case_dossier_create(Store *db, const CaseRequest *r, const CaseActor *pBy,
                        int64_t now, int64_t *pId, int *pIsNew, Err *err);
/* Load dossier id (ERR_NOTFOUND when absent). */
int case_dossier_get(Store *db, Arena *arena, int64_t id, Dossier *p,
                     Err *err);
/* Id of the dossier with reference zRef, or 0. */
int64_t case_dossier_find_ref(Store *db, const char *zRef);
/* Id of the dossier with reference zRef that the form display zIdemToken
** created, or 0 (a reference alone proves nothing: the thanks page). */
int64_t case_dossier_find_form(Store *db, const char *zRef,
                               const char *zIdemToken);
/* Change state (rules checked), log the transition with actor and reason;
** first leaving "nouveau" sets the first-contact time; closing records the
** outcome; reopening clears it. */
int case_dossier_transition(Store *db, int64_t id, const char *zTo,
                            const CaseClose *pClose, const char *zReason,
                            const CaseActor *pBy, int64_t now, Err *err);
/* Assign to agent (agentId 0: nobody); logged as a note-less event. */
int case_dossier_assign(Store *db, int64_t id, int64_t agentId,
                        const char *zAgentName, int64_t now, Err *err);
/* Record that pBy opened dossier id. */
int case_dossier_log_open(Store *db, int64_t id, const CaseActor *pBy,
                          int64_t now, Err *err);
/* Number of recorded openings of dossier id. */
int case_dossier_open_count(Store *db, int64_t id);

/* Filtered list (newest first, at most nMax), strings from arena. */
int case_dossier_list(Store *db, Arena *arena, const CaseFilter *f, int nMax,
                      Dossier **paOut, int *pnOut, Err *err);
/* aCount[i] = dossiers of f (ignoring f->zState) in case_states[i]. */
int case_dossier_count_states(Store *db, const CaseFilter *f,
                              int aCount[CASE_NSTATE], Err *err);

/* Agents who hold at least one dossier: parallel arrays of ids and names,
** by name. */
int case_agent_list(Store *db, Arena *arena, int64_t **paId,
                    const char ***pazName, int *pn, Err *err);

/* ---- store.c: sub-tasks, notes, messages, history ------------------------ */
int case_task_list(Store *db, Arena *arena, int64_t dossierId,
                   CaseTask **paOut, int *pnOut, Err *err);
int case_task_get(Store *db, Arena *arena, int64_t taskId, CaseTask *p,
                  Err *err);
/* Update state, due date ("YYYY-MM-DD" or "") and notes of a sub-task. */
int case_task_update(Store *db, int64_t taskId, const char *zState,
                     const char *zDue, const char *zNotes, int64_t now,
                     Err *err);
/* Hand a sub-task to partner partnerId with a follow-up date
** ("YYYY-MM-DD"); the sub-task goes to state "partenaire". */
int case_task_handoff(Store *db, int64_t taskId, int64_t partnerId,
                      const char *zFollowUp, int64_t now, Err *err);
int case_note_add(Store *db, int64_t dossierId, const CaseActor *pBy,
                  const char *zBody, int64_t now, Err *err);
int case_message_add(Store *db, int64_t dossierId, const CaseActor *pBy,
                     const char *zDirection, const char *zBody,
                     int isEmailed, int64_t now, Err *err);
/* Transitions (kind 't'), notes ('n') or messages ('m'), oldest first. */
int case_event_list(Store *db, Arena *arena, int64_t dossierId, char kind,
                    CaseEvent **paOut, int *pnOut, Err *err);

/* ---- store.c: attachments ------------------------------------------------ */
/* Check (case_attachment_check), write the bytes to zDir/<sha256> (outside
** the database) and record name, type, size and checksum. */
int case_attachment_add(Store *db, int64_t dossierId, const char *zDir,
                        const char *zName, const char *zType,
                        const unsigned char *a, size_t n,
                        const CaseActor *pBy, int64_t now, int64_t *pId,
                        Err *err);
int case_attachment_list(Store *db, Arena *arena, int64_t dossierId,
                         CaseAttachment **paOut, int *pnOut, Err *err);
int case_attachment_get(Store *db, Arena *arena, int64_t id,
                        CaseAttachment *p, Err *err);
/* Directory of attachment files: $OASIS_ATTACH_DIR, or var/attachments
** next to the database file.  Arena string. */
const char *case_attach_dir(Store *db, Arena *arena);
/* The same for the database at path zDb (not opened: a restore). */
const char *case_attach_dir_for(const char *zDb, Arena *arena);

/* ---- store.c: partners --------------------------------------------------- */
/* Insert (p->id == 0) or update a partner; *pId gets its id. */
int case_partner_save(Store *db, const Partner *p, int64_t *pId, Err *err);
int case_partner_get(Store *db, Arena *arena, int64_t id, Partner *p,
                     Err *err);
/* All partners by name; zNeed/zTerritory non-empty: those covering the
** need and the territory (or every territory) first, the others after
** only when isAll. */
int case_partner_list(Store *db, Arena *arena, const char *zNeed,
                      const char *zTerritory, int isAll, Partner **paOut,
                      int *pnOut, Err *err);
int case_contact_add(Store *db, const PartnerContact *c, Err *err);
int case_contact_list(Store *db, Arena *arena, int64_t partnerId,
                      PartnerContact **paOut, int *pnOut, Err *err);

/* ---- store.c: saved filters ---------------------------------------------- */
/* Save (replacing one of the same name) query string zQuery for userId. */
int case_filter_save(Store *db, int64_t userId, const char *zName,
                     const char *zQuery, Err *err);
int case_filter_delete(Store *db, int64_t userId, int64_t id, Err *err);
/* Saved filters of userId: parallel arrays of ids, names and queries. */
int case_filter_list(Store *db, Arena *arena, int64_t userId,
                     int64_t **paId, const char ***pazName,
                     const char ***pazQuery, int *pn, Err *err);

/* ---- store_links.c: reminders ------------------------------------------- */
/* What to follow up at now for agent agentId (0: the whole team), oldest
** first: open dossiers and sub-tasks idle for CASE_IDLE_FIRST days or more
** ("inactif"); sub-tasks handed to a partner who has not answered, from
** their follow-up date on ("relance_partenaire", and never as idle before
** that date); requests nobody took for CASE_UNASSIGNED_DAYS days
** ("non_attribue", in the lists of their instructor group's members, of
** everyone when they have no group). */
int case_reminder_list(Store *db, Arena *arena, int64_t agentId, int64_t now,
                       CaseReminder **paOut, int *pnOut, Err *err);
/* French wording of a reminder ("Relance du partenaire prévue le
** 10/03/2026"), arena. */
const char *case_reminder_text(Arena *arena, const CaseReminder *r);

/* ---- store_links.c: partners answer inside ----------------------------- */
extern const CaseLabel case_verdicts[];  /* favorable, besoin_informations,
                                         ** defavorable */
typedef struct CaseOpinion CaseOpinion;
struct CaseOpinion {      /* a partner's « avis » on a sub-task */
  int64_t id, dossierId, taskId, partnerId, attachmentId;
  const char *zPartnerName, *zAt, *zVerdict, *zBody, *zNeed, *zSeenAt;
  double delayDays;       /* from the hand-off, -1 unknown */
};
/* A new answer link for sub-task taskId handed to partnerId (contactId 0:
** the partner's general address), replacing any earlier one: the token
** into zToken, only its hash stored. */
int case_task_link_issue(Store *db, int64_t taskId, int64_t partnerId,
                         int64_t contactId, int64_t now, char zToken[65],
                         Err *err);
/* Revoke sub-task taskId's partner link (handed to nobody reachable). */
int case_task_link_revoke(Store *db, int64_t taskId, int64_t now, Err *err);
/* The sub-task a live partner token opens, or 0 (unknown, revoked,
** expired, dossier anonymised or closed: indistinguishable). */
int64_t case_task_link_find(Store *db, const char *zToken, int64_t now);
/* Record partner's avis o (verdict, body, optional attachment id) on its
** sub-task; the delay since the hand-off is computed; the dossier and the
** sub-task become active.  *pId gets its id. */
int case_opinion_add(Store *db, const CaseOpinion *o, int64_t now,
                     int64_t *pId, Err *err);
/* The avis of dossier id (dossierId > 0) or of sub-task taskId, oldest
** first. */
int case_opinion_list(Store *db, Arena *arena, int64_t dossierId,
                      int64_t taskId, CaseOpinion **paOut, int *pnOut,
                      Err *err);
/* Mark dossier id's avis as read by the team. */
int case_opinion_seen(Store *db, int64_t dossierId, int64_t now, Err *err);
/* Avis not yet read on the open dossiers of agent agentId (0: all). */
int case_opinion_unseen_count(Store *db, int64_t agentId);

typedef struct CasePartnerDelay CasePartnerDelay;
struct CasePartnerDelay {  /* one partner's answers, for the statistics */
  const char *zName;
  int nHanded;             /* sub-tasks handed to it */
  int nAnswered;           /* of which answered */
  double median, p90;      /* days from hand-off to first answer */
};
/* Delays per partner (those handed at least one sub-task), by name. */
int case_partner_delays(Store *db, Arena *arena, CasePartnerDelay **paOut,
                        int *pnOut, Err *err);

/* ---- store_groups.c: instructor groups ----------------------------------- */
typedef struct CaseGroup CaseGroup;
struct CaseGroup {
  int64_t id;
  const char *zName;
  const char *zTerritories;  /* codes, comma-separated ("" = everywhere) */
  const char *zNeeds;        /* need codes, comma-separated ("" = all) */
  const char *zMembers;      /* members' names, comma-separated (listing) */
  int nNew;                  /* its new requests nobody has taken */
};
/* How well a group covering zTerritories and zNeeds fits a request about
** territory zCode of kind zKind (commune, epci, indecis) with needs
** needMask: 0 when it does not; else the more specific, the higher (a
** commune beats an EPCI, a département, everywhere; a listed need beats
** every need).  Pure. */
int case_group_score(const char *zTerritories, const char *zNeeds,
                     const char *zKind, const char *zCode, unsigned needMask);
/* Insert (g->id 0) or update group g with members aUser[0..nUser-1]
** named azName[]; *pId gets its id.  ERR_INPUT at the field for a name
** taken or empty, an unknown need. */
int case_group_save(Store *db, const CaseGroup *g, const int64_t *aUser,
                    const char *const *azName, int nUser, int64_t now,
                    int64_t *pId, Err *err);
/* Every group, by name, with its members and its untaken new requests. */
int case_group_list(Store *db, Arena *arena, CaseGroup **paOut, int *pnOut,
                    Err *err);
/* Route dossier id to the group that fits it best (none: left to the
** whole team); *pGroupId gets it (0: none). */
int case_group_route(Store *db, int64_t id, int64_t *pGroupId, Err *err);

/* ---- store.c: statistics, GDPR ------------------------------------------ */
/* Statistics of the dossiers created in [zFrom, zTo] ("" = unbounded). */
int case_stats_load(Store *db, Arena *arena, const char *zFrom,
                    const char *zTo, CaseStats *p, Err *err);
/* Erase the personal fields of dossier id (names, contact, free text,
** notes, messages, reasons, attachments and their files), keeping what the
** statistics use.  Idempotent.  Call outside any transaction (the files
** go after its own commit). */
int case_dossier_anonymise(Store *db, int64_t id, const char *zAttachDir,
                           int64_t now, Err *err);
/* What another module of the same layer keeps about a dossier (the aids
** module's applications) is erased with it, through this hook, inside the
** anonymisation's transaction: app/compose.c installs it (NULL: none). */
typedef int (*CaseEraseHook)(Store *db, long long dossierId, Err *err);
void case_erase_hook_set(CaseEraseHook x);
/* Anonymise every dossier closed for nYear years or more at now; *pnDone
** gets how many were anonymised. */
int case_anonymise_due(Store *db, const char *zAttachDir, int nYear,
                       int64_t now, int *pnDone, Err *err);
/* Ids of the not yet anonymised dossiers of the person with e-mail zEmail
** (case-insensitive). */
int case_person_dossiers(Store *db, Arena *arena, const char *zEmail,
                         int64_t **paId, int *pn, Err *err);

/* ---- store_more.c: side panel of a dossier ------------------------------------ */
typedef struct CaseCommuneInfo CaseCommuneInfo;
struct CaseCommuneInfo {
  int hasCommune;           /* the territory tables know the code */
  const char *zName, *zDep;
  int hasApl;
  double apl;
  int aplVintage;
  int nCentre;              /* centres de santé in the commune, -1 unknown */
};
/* What the observatory tables say about commune zCode, when they exist
** (never fails: missing tables or columns leave the flags at 0). */
void case_commune_info(Store *db, Arena *arena, const char *zCode,
                       CaseCommuneInfo *p);

/* ---- mail.c: e-mail through SMTP (libcurl), optional -------------------------- */
/* True when OASIS_SMTP_URL and OASIS_SMTP_FROM are set. */
int case_mail_configured(void);
/* The team's mailbox ($OASIS_GUICHET_EMAIL, else $OASIS_SMTP_FROM), "" when
** none: told when a partner answers or a requester replies. */
const char *case_team_address(void);
/* Send a plain-text UTF-8 e-mail.  1 when SMTP is not configured (nothing
** sent, not an error), 0 when sent, < 0 with err filled on failure. */
int case_mail_send(const char *zTo, const char *zSubject, const char *zBody,
                   Err *err);

/* ---- outbox.c: queued e-mails and follow-up links --------------------------- */
/* Queue an e-mail (inside the caller's transaction); the sender thread
** sends it.  dossierId 0 for none. */
int case_outbox_add(Store *db, int64_t dossierId, const char *zKind,
                    const char *zTo, const char *zSubject, const char *zBody,
                    int64_t now, Err *err);
/* Send what is due now (at most a batch); *pnSent gets how many went.
** Nothing is sent, and 0 returned, when SMTP is not configured. */
int case_outbox_run(Store *db, int64_t now, int *pnSent, Err *err);
/* One queued e-mail, as the dossier page lists it (no address, no body). */
typedef struct CaseMail CaseMail;
struct CaseMail {
  int64_t id, tCreated, tSent;
  const char *zKind, *zSubject, *zState, *zError;
  int nAttempt;
};
/* The dossier's e-mails, oldest first. */
int case_outbox_list(Store *db, Arena *a, int64_t dossierId, CaseMail **paOut,
                     int *pnOut, Err *err);
/* Start the sender thread on database zDbPath (`oasis serve`); 0 or -1. */
int case_outbox_start(const char *zDbPath);
/* Wake the sender thread now (after a commit that queued mail). */
void case_outbox_wake(void);
/* A new follow-up link for the dossier (replacing any earlier one): the
** 64-hex-digit token into zToken, only its hash stored. */
int case_follow_issue(Store *db, int64_t dossierId, int64_t now,
                      char zToken[65], Err *err);
/* The dossier a live token opens, or 0 (unknown, revoked, expired,
** anonymised: indistinguishable). */
int64_t case_follow_find(Store *db, const char *zToken, int64_t now);
/* Revoke the dossier's link. */
int case_follow_revoke(Store *db, int64_t dossierId, int64_t now, Err *err);
/* 0 none, 1 live, 2 revoked, 3 expired. */
int case_follow_state(Store *db, int64_t dossierId, int64_t now);

/* ---- commands.c ------------------------------------------------------------ */
extern const Command case_commands[];  /* cases anonymise */

#endif
