/*
** workforce/routes.c: the register's routes (app/registry.c lists this
** table before the observatory's).  Literal paths come before {id}
** patterns: the first match wins.  Names are for agents; the public pages
** and answers carry counts.
*/
#include "workforce/wf_int.h"

const Route wf_routes[] = {
  {"GET", "/observatoire/praticiens", wf_page_list, ROLE_AGENT, 0},
  {"GET", "/observatoire/praticiens/nouveau", wf_page_new, ROLE_AGENT, 0},
  {"POST", "/observatoire/praticiens/nouveau", wf_post_new, ROLE_AGENT, 0},
  {"GET", "/observatoire/praticiens/commune/{code}", wf_page_commune,
   ROLE_PUBLIC, 0},
  {"GET", "/observatoire/praticiens/{id}", wf_page_person, ROLE_AGENT, 0},
  {"POST", "/observatoire/praticiens/{id}", wf_post_person, ROLE_AGENT, 0},
  {"GET", "/observatoire/demographie", wf_page_demography, ROLE_PUBLIC, 0},
  {"GET", "/observatoire/radar", wf_page_radar, ROLE_AGENT, 0},
  {"GET", "/observatoire/structures", wf_page_structures, ROLE_PUBLIC, 0},
  {"POST", "/observatoire/structures", wf_post_structure, ROLE_AGENT, 0},
  {"POST", "/observatoire/structures/sans-medecin-traitant", wf_post_no_gp,
   ROLE_AGENT, 0},

  {"GET", "/api/v1/praticiens", wf_api_list, ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/praticiens", wf_api_create, ROLE_AGENT, ROUTE_API},
  {"GET", "/api/v1/praticiens/demographie", wf_api_demography, ROLE_PUBLIC,
   ROUTE_API},
  {"GET", "/api/v1/praticiens/radar", wf_api_radar, ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/praticiens/sans-medecin-traitant", wf_api_no_gp,
   ROLE_AGENT, ROUTE_API},
  {"GET", "/api/v1/structures", wf_api_structures, ROLE_PUBLIC, ROUTE_API},
  {"GET", "/api/v1/structures/carte", wf_api_structures_map, ROLE_PUBLIC,
   ROUTE_API},
  {"POST", "/api/v1/structures", wf_api_structure_create, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/praticiens/communes/{code}", wf_api_commune, ROLE_PUBLIC,
   ROUTE_API},
  {"GET", "/api/v1/praticiens/{id}", wf_api_get, ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/praticiens/{id}", wf_api_update, ROLE_AGENT, ROUTE_API},
  {0, 0, 0, 0, 0}
};
