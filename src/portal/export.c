/*
** portal/export.c: the portal's exports as tables for the one export
** writer (web/export.h): the registrants of an event.  The writer owns the
** format (CSV header first, formula-like cells made inert…); this file
** only says which columns and rows.
*/
#include <stdio.h>

#include "portal/portal.h"

ExpTable *portal_registrants_table(Store *db, Arena *pArena,
                                   const PortalEvent *ev, Err *err)
{
  PortalRegistration *a;
  int n;
  if (portal_registration_list(db, pArena, ev->id, &a, &n, err)) return NULL;
  ExpTable *t = exp_new("Inscrits");
  exp_col(t, "nom", "Nom", EXP_TEXT);
  exp_col(t, "courriel", "Adresse électronique", EXP_TEXT);
  exp_col(t, "profil", "Profil", EXP_TEXT);
  exp_col(t, "inscrit_le", "Inscrit le", EXP_TEXT);
  exp_col(t, "evenement", "Événement", EXP_TEXT);
  exp_col(t, "date_evenement", "Date de l'événement", EXP_TEXT);
  for (int i = 0; i < n; i++) {
    const char *zProfile = portal_label(portal_profiles, a[i].zProfile);
    exp_row(t);
    exp_text(t, a[i].zName);
    exp_text(t, a[i].zEmail);
    exp_text(t, zProfile ? zProfile : a[i].zProfile);
    exp_text(t, a[i].zCreatedAt);
    exp_text(t, ev->zTitle);
    exp_text(t, ev->zDate);
  }
  char zLine[600];
  snprintf(zLine, sizeof zLine, "Portail, inscriptions à « %s » du %s",
           ev->zTitle, ev->zDate);
  exp_provenance(t, zLine);
  return t;
}
