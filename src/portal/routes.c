/*
** portal/routes.c: every route of the portal, public first, then the
** back-office (agents; settings for admins), then the JSON API.
*/
#include "portal/web_int.h"

const Route portal_routes[] = {
  {"GET", "/portail", portal_page_home, ROLE_PUBLIC, 0},
  {"GET", "/portail/pages/{slug}", portal_page_content, ROLE_PUBLIC, 0},
  {"GET", "/portail/evenements", portal_page_events, ROLE_PUBLIC, 0},
  {"GET", "/portail/evenements/{id}", portal_page_event, ROLE_PUBLIC, 0},
  {"POST", "/portail/evenements/{id}/inscription", portal_post_register,
   ROLE_PUBLIC, 0},
  {"GET", "/portail/communes", portal_page_communes, ROLE_PUBLIC, 0},
  {"GET", "/portail/communes/{code}", portal_page_commune, ROLE_PUBLIC, 0},
  {"GET", "/portail/epci", portal_page_epci, ROLE_PUBLIC, 0},
  {"GET", "/portail/widget", portal_page_widget, ROLE_PUBLIC, 0},
  {0, 0, 0, 0, 0}
};
