/*
** aids/applic.h: aid applications, instructed up to a signed commitment
** (issue 14, item 3).
**
** An application is filed for one scheme, from a dossier of the guichet
** unique or from the simulator's result, with the applicant's profile and
** the simulation of that day stored with it.  Its supporting documents are
** tracked.  It moves déposée → complète → en commission → accordée /
** refusée → convention signée, each move logged (who, when) and audited.
** Commission sessions hold an agenda of applications, their decisions and
** minutes (exported through web/export.h).  A decision letter and a
** convention print from the browser.  On signature the commitment and its
** payment schedule are created in the register (aids.h), linked both ways.
**
**   applic.c        rules (pure) and every SQL statement of applications
**   applic_pages.c  the instruction pages and their writes
**   applic_print.c  decision letter, convention, sessions and minutes, the
**                   dossier page's panel
**
** The dossier is a plain integer here: cases and aids are one layer and
** never include each other.  The dossier page shows the applications
** through the hook cases offers (case_dossier_panel_set), which
** app/compose.c fills with aid_applic_dossier_panel.
*/
#ifndef OASIS_AIDS_APPLIC_H
#define OASIS_AIDS_APPLIC_H
#include <stdint.h>

#include "aids/aids.h"
#include "web/web.h"

enum { AID_AS_FILED, AID_AS_COMPLETE, AID_AS_COMMISSION, AID_AS_GRANTED,
       AID_AS_REFUSED, AID_AS_SIGNED, AID_NAS };
/* "deposee" … "convention_signee" / "déposée" … "convention signée". */
const char *aid_applic_state_code(int state);
const char *aid_applic_state_label(int state);
/* State of code z, or -1. */
int aid_applic_state_find(const char *z);

/* The supporting documents every application tracks, NULL-ended (the .aid
** format does not list any yet). */
extern const char *const aid_applic_default_docs[];

typedef struct AidApplic AidApplic;
struct AidApplic {           /* strings in the arena given to the loader */
  int64_t id;
  const char *zAid;          /* scheme id */
  const char *zAidName;      /* scheme name ("" when the scheme is gone) */
  int64_t dossierId;         /* 0: none */
  const char *zBeneficiary;  /* personal data */
  const char *zProfile;      /* JSON: the simulator's inputs */
  const char *zSimulation;   /* JSON: the simulation at filing */
  int state;                 /* AID_AS_* */
  int64_t sessionId;         /* 0: none */
  const char *zSessionDate;  /* "" when none */
  int64_t grantedCents;      /* 0 until granted */
  const char *zDecision, *zDecidedOn, *zPlace, *zCreatedAt;
  int64_t commitmentId;      /* 0 until signed */
  int nDocMissing;           /* documents not received yet */
};

typedef struct AidApplicDoc AidApplicDoc;
struct AidApplicDoc {
  int64_t id;
  const char *zLabel;
  const char *zReceived;     /* "" when awaited */
};

typedef struct AidApplicEvent AidApplicEvent;
struct AidApplicEvent {
  const char *zAt, *zActor, *zFrom, *zTo, *zNote;   /* zFrom "": filing */
};

typedef struct AidSession AidSession;
struct AidSession {
  int64_t id;
  const char *zDate, *zTitle;
  int nApplic;               /* applications on its agenda */
};

/* A move and what it needs (fields unused by the move are ignored). */
typedef struct AidApplicMove AidApplicMove;
struct AidApplicMove {
  int to;                    /* AID_AS_* */
  long long sessionId;       /* en commission: the session */
  int64_t grantedCents;      /* accordée: the amount granted */
  const char *zNote;         /* refusée: the reasons (required) */
  const char *zSigned, *zStart, *zEnd, *zPlace;   /* convention signée */
};

/* May a move from a's state to m->to happen?  Pure: complete needs every
** document, en commission a session, accordée an amount in (0, 10 M€],
** refusée its reasons, convention signée the dates and place.  0, or
** ERR_INPUT with a French message and the form field in err. */
int aid_applic_check(const AidApplic *a, const AidApplicMove *m, Err *err);

/* One payment of a schedule. */
typedef struct AidDue AidDue;
struct AidDue {
  char zDate[11];            /* YYYY-MM-DD */
  int64_t cents;
};
/* The payment schedule of a grant of `granted` cents signed on zSigned:
** one payment a month, on the 1st, from the month after signature, as the
** simulation's months aMonth[0..nMonth-1] pay (months without money are
** skipped), cut when the grant is reached; what the simulation leaves
** unpaid goes with the last payment; a simulation without money gives one
** payment of the whole grant on the signature date.  The payments always
** add up to `granted`.  Pure; returns the count (<= nMax). */
int aid_applic_schedule(const int64_t *aMonth, int nMonth, int64_t granted,
                        const char *zSigned, AidDue *aOut, int nMax);

/* ---- applic.c: the store ------------------------------------------------ */
/* File application a (zAid, dossierId, zBeneficiary, zProfile,
** zSimulation, zPlace) with the documents azDoc (NULL-ended), logged as
** filed by zActor.  *pId gets its id. */
int aid_applic_create(Store *db, const AidApplic *a, const char *const *azDoc,
                      long long actorId, const char *zActor,
                      const char *zNow, long long *pId, Err *err);
int aid_applic_get(Store *db, Arena *arena, long long id, AidApplic *a,
                   Err *err);
/* Applications of dossier dossierId (0: any), in state (-1: any), on the
** agenda of session sessionId (0: any); newest first, at most 500. */
int aid_applic_list(Store *db, Arena *arena, long long dossierId, int state,
                    long long sessionId, AidApplic **paOut, int *pnOut,
                    Err *err);
int aid_applic_docs(Store *db, Arena *arena, long long id,
                    AidApplicDoc **paOut, int *pnOut, Err *err);
/* Document docId of application id received on zDate ("": awaited again). */
int aid_applic_doc_set(Store *db, long long id, long long docId,
                       const char *zDate, Err *err);
int aid_applic_log(Store *db, Arena *arena, long long id,
                   AidApplicEvent **paOut, int *pnOut, Err *err);
/* Move a (checked with aid_applic_check) and log it.  Signing creates the
** commitment (aid_commit_create: beneficiary, amount granted, place,
** dates) and its schedule aDue[0..nDue-1], and links it: a->commitmentId.
** Runs inside the caller's transaction. */
int aid_applic_move(Store *db, AidApplic *a, const AidApplicMove *m,
                    const AidDue *aDue, int nDue, long long actorId,
                    const char *zActor, const char *zNow, Err *err);
int aid_session_create(Store *db, const char *zDate, const char *zTitle,
                       const char *zNow, long long *pId, Err *err);
/* Sessions, latest first. */
int aid_session_list(Store *db, Arena *arena, AidSession **paOut, int *pnOut,
                     Err *err);
int aid_session_get(Store *db, Arena *arena, long long id, AidSession *p,
                    Err *err);
/* The schedule of commitment id, by date. */
int aid_schedule_list(Store *db, Arena *arena, long long commitmentId,
                      AidDue **paOut, int *pnOut, Err *err);
/* Erase what the applications of dossier dossierId hold about the person
** (the dossier is anonymised): their profile and simulation, and the
** beneficiary's name unless a commitment was signed (the register keeps
** it under its own retention).  The hook cases offers (case_erase_hook_set). */
int aid_applic_erase_dossier(Store *db, long long dossierId, Err *err);
/* The application a commitment was signed from, or 0. */
long long aid_applic_of_commitment(Store *db, long long commitmentId);

/* ---- the web side ------------------------------------------------------- */
/* The dossier page's panel: its applications and a form to file one with
** the dossier's profile (profession and status codes of the request form,
** the target commune); isOpen 0 for a closed or anonymised dossier. */
void aid_applic_dossier_panel(Req *req, long long dossierId, const char *zRef,
                              const char *zName, const char *zProfession,
                              const char *zStatus, const char *zCommune,
                              int isOpen);

#endif
