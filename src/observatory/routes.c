/*
** observatory/routes.c: the observatory's HTML pages (obs_routes[]),
** registered in web/registry.c.  Literal paths come before {code}
** patterns (the first match wins).  The JSON API is obs_api_routes[]
** (api.c); the pages link to its contours and export endpoints.
*/
#include "observatory/pages.h"

const Route obs_routes[] = {
  {"GET", "/observatoire", obs_page_home, ROLE_PUBLIC, 0},
  {"GET", "/observatoire/recherche", obs_page_search, ROLE_PUBLIC, 0},
  {"GET", "/observatoire/regions/{code}", obs_page_region, ROLE_PUBLIC, 0},
  {"GET", "/observatoire/departements/{code}", obs_page_departement,
   ROLE_PUBLIC, 0},
  {"GET", "/observatoire/epci/{code}", obs_page_epci, ROLE_PUBLIC, 0},
  {"GET", "/observatoire/communes/{code}", obs_page_commune, ROLE_PUBLIC, 0},
  /* read-only accounts run unsaved what-ifs; saving needs an agent */
  {"GET", "/observatoire/simulation", obs_page_whatif, ROLE_LECTEUR, 0},
  {"POST", "/observatoire/simulation", obs_post_whatif, ROLE_LECTEUR, 0},
  {"GET", "/observatoire/scenarios", obs_page_scenarios, ROLE_LECTEUR, 0},
  {"GET", "/observatoire/scenarios/comparaison", obs_page_compare,
   ROLE_LECTEUR, 0},
  {"GET", "/observatoire/scenarios/{id}", obs_page_scenario, ROLE_LECTEUR,
   0},
  {"POST", "/observatoire/scenarios/{id}/suppression",
   obs_post_scenario_delete, ROLE_AGENT, 0},
  {"GET", "/observatoire/implantation", obs_page_siting, ROLE_PUBLIC, 0},
  {0, 0, 0, 0, 0}
};
