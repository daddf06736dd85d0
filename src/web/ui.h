/*
** web/ui.h: the output side's own declarations, beyond web.h.
**
** web.h is what modules use; this header is for the web module itself
** and for tests.
*/
#ifndef OASIS_WEB_UI_H
#define OASIS_WEB_UI_H
#include "web/web.h"

/* GET /mentions-legales, /donnees-personnelles, /plan-du-site and
** /demonstration (legal.c). */

/* The platform name shown in the header and the title bar. */
#define UI_PLATFORM_NAME "oasis"
#define UI_PLATFORM_TAGLINE "santé des territoires"

/* Paths of the account pages, served by the request side (login.c). */
#define UI_LOGIN_PATH "/connexion"
#define UI_LOGOUT_PATH "/deconnexion"
#define UI_ACCOUNT_PATH "/compte"   /* one's own account (admin/account.c) */
/* What a demonstration instance is and how to start a real one (legal.c). */
#define UI_DEMO_PATH "/demonstration"
/* True when the setting instance.demonstration is "1": every page then
** carries the banner « Démonstration — données fictives » (layout.c). */
int web_is_demo(Req *req);
/* Name of the hidden form field that carries the CSRF token. */
#define UI_CSRF_FIELD "csrf_token"

/* One row of import_log, as the sources page lists it (imports.c). */
typedef struct UiImport UiImport;
struct UiImport {
  const char *zKind;        /* communes, population, rpps, ... */
  const char *zFile;        /* file name as imported */
  int64_t nRows;
  int vintage;              /* valid when hasVintage */
  int hasVintage;
  const char *zAt;          /* ISO 8601 UTC time of the import */
};
typedef void (*UiImportFn)(void *pArg, const UiImport *pRow);
/* Calls x for each of the nMax latest imports, newest first; returns the
** count or < 0 with err filled. */
int ui_imports_latest(Store *db, int nMax, UiImportFn x, void *pArg,
                      Err *err);

/* GET /static/... handler (assets.c). */
void assets_serve(Req *req);

#endif
