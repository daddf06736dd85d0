/*
** cases/routes.c: the guichet unique's routes.  The router enforces the
** role of each line and the CSRF token of every POST before a handler
** runs; the first matching line wins, so fixed paths come before {id}.
**
**   /demande                public request form (no account)
**   /accompagnement/...     back-office of the agents
**   /api/v1/dossiers/...    JSON API (agents; creation is public)
*/
#include "cases/web_int.h"

const Route case_routes[] = {
  /* public */
  {"GET", "/demande", case_page_request, ROLE_PUBLIC, 0},
  {"POST", "/demande", case_post_request, ROLE_PUBLIC, ROUTE_LIMITED},
  {"GET", "/demande/merci", case_page_thanks, ROLE_PUBLIC, ROUTE_UNLISTED},
  {"GET", "/accompagnement", case_page_home, ROLE_PUBLIC, 0},
  /* back-office */
  {"GET", "/accompagnement/statistiques", case_page_stats, ROLE_LECTEUR, 0},
  {"GET", "/accompagnement/nouveau", case_page_hotline, ROLE_AGENT, 0},
  {"POST", "/accompagnement/nouveau", case_post_hotline, ROLE_AGENT, 0},
  {"GET", "/accompagnement/dossiers", case_page_list, ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/export", case_post_export, ROLE_AGENT, 0},
  {"POST", "/accompagnement/filtres", case_post_filter_save, ROLE_AGENT, 0},
  {"POST", "/accompagnement/filtres/{id}/supprimer", case_post_filter_delete,
   ROLE_AGENT, 0},
  {"GET", "/accompagnement/dossiers/{id}", case_page_dossier, ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/{id}/etat", case_post_transition,
   ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/{id}/attribution", case_post_assign,
   ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/{id}/taches/{tid}", case_post_task,
   ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/{id}/taches/{tid}/partenaire",
   case_post_handoff, ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/{id}/notes", case_post_note, ROLE_AGENT,
   0},
  {"POST", "/accompagnement/dossiers/{id}/suivi", case_post_follow,
   ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/{id}/messages", case_post_message,
   ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/{id}/pieces", case_post_attachment,
   ROLE_AGENT, 0},
  {"GET", "/accompagnement/dossiers/{id}/pieces/{pid}", case_get_attachment,
   ROLE_AGENT, 0},
  {"GET", "/accompagnement/dossiers/{id}/rgpd.json", case_get_gdpr_export,
   ROLE_AGENT, 0},
  {"POST", "/accompagnement/dossiers/{id}/effacement", case_post_erase,
   ROLE_AGENT, 0},
  {"GET", "/accompagnement/groupes", case_page_groups, ROLE_AGENT, 0},
  {"POST", "/accompagnement/groupes", case_post_group, ROLE_AGENT, 0},
  {"GET", "/accompagnement/partenaires", case_page_partners, ROLE_AGENT, 0},
  {"POST", "/accompagnement/partenaires", case_post_partner_new, ROLE_AGENT,
   0},
  {"GET", "/accompagnement/partenaires/{id}", case_page_partner, ROLE_AGENT,
   0},
  {"POST", "/accompagnement/partenaires/{id}", case_post_partner_edit,
   ROLE_AGENT, 0},
  {"POST", "/accompagnement/partenaires/{id}/contacts", case_post_contact,
   ROLE_AGENT, 0},
  /* API */
  {"GET", "/api/v1/dossiers", case_api_list, ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/dossiers", case_api_create, ROLE_PUBLIC,
   ROUTE_API | ROUTE_LIMITED},
  {"GET", "/api/v1/dossiers/statistiques", case_api_stats, ROLE_LECTEUR,
   ROUTE_API},
  {"GET", "/api/v1/dossiers/relances", case_api_reminders, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/dossiers/{id}", case_api_get, ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/dossiers/{id}/etat", case_api_transition, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/dossiers/{id}/attribution", case_api_assign, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/dossiers/{id}/taches/{tid}", case_api_task, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/dossiers/{id}/taches/{tid}/partenaire", case_api_handoff,
   ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/dossiers/{id}/notes", case_api_note, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/dossiers/{id}/effacement", case_api_erase, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/partenaires", case_api_partners, ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/partenaires", case_api_partner_create, ROLE_AGENT,
   ROUTE_API},
  {0, 0, 0, 0, 0}
};
