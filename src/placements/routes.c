/*
** placements/routes.c: the Stages routes.  Literal paths come before
** {id} patterns (the first match wins).
*/
#include "placements/webutil.h"

void plw_api_place_create(Req *req);
void plw_api_places(Req *req);
void plw_api_place_semester(Req *req);
void plw_api_trainee_create(Req *req);
void plw_api_trainees(Req *req);
void plw_api_trainee(Req *req);
void plw_api_assign(Req *req);
void plw_api_allowances(Req *req);
void plw_api_pay(Req *req);
void plw_api_schemes(Req *req);
void plw_api_scheme_create(Req *req);
void plw_api_vehicle_create(Req *req);
void plw_api_housing_create(Req *req);
void plw_api_room_create(Req *req);
void plw_api_book(Req *req);
void plw_api_bookings(Req *req);
void plw_api_outcome(Req *req);
void plw_api_conversion(Req *req);
void plw_api_offers(Req *req);

const Route place_routes[] = {
  {"GET", "/stages", plw_page_home, ROLE_PUBLIC, 0},
  {"GET", "/stages/offres", plw_page_offers, ROLE_PUBLIC, 0},
  {"GET", "/stages/terrains/nouveau", plw_page_place_new, ROLE_AGENT, 0},
  {"POST", "/stages/terrains/nouveau", plw_post_place_new, ROLE_AGENT, 0},
  {"GET", "/stages/terrains/{id}", plw_page_place, ROLE_AGENT, 0},
  {"POST", "/stages/terrains/{id}", plw_post_place, ROLE_AGENT, 0},
  {"POST", "/stages/terrains/{id}/semestre", plw_post_place_semester,
   ROLE_AGENT, 0},
  {"GET", "/stages/stagiaires/nouveau", plw_page_trainee_new, ROLE_AGENT, 0},
  {"POST", "/stages/stagiaires/nouveau", plw_post_trainee_new, ROLE_AGENT, 0},
  {"GET", "/stages/stagiaires/{id}", plw_page_trainee, ROLE_AGENT, 0},
  {"POST", "/stages/stagiaires/{id}/affectation", plw_post_assign,
   ROLE_AGENT, 0},
  {"POST", "/stages/stagiaires/{id}/devenir", plw_post_outcome, ROLE_AGENT,
   0},
  {"POST", "/stages/affectations/{id}/paiement", plw_post_payment,
   ROLE_AGENT, 0},
  {"POST", "/stages/reservations", plw_post_booking, ROLE_AGENT, 0},
  {"GET", "/stages/logistique", plw_page_logistics, ROLE_AGENT, 0},
  {"POST", "/stages/logements", plw_post_housing, ROLE_AGENT, 0},
  {"POST", "/stages/chambres", plw_post_room, ROLE_AGENT, 0},
  {"POST", "/stages/vehicules", plw_post_vehicle, ROLE_AGENT, 0},
  {"GET", "/stages/dispositifs", plw_page_schemes, ROLE_AGENT, 0},
  {"POST", "/stages/dispositifs", plw_post_scheme, ROLE_AGENT, 0},
  {"GET", "/stages/suivi", plw_page_followup, ROLE_LECTEUR, 0},

  {"GET", "/api/v1/stages/offres", plw_api_offers, ROLE_PUBLIC, ROUTE_API},
  {"GET", "/api/v1/stages/terrains", plw_api_places, ROLE_LECTEUR,
   ROUTE_API},
  {"POST", "/api/v1/stages/terrains", plw_api_place_create, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/stages/terrains/{id}/semestres", plw_api_place_semester,
   ROLE_AGENT, ROUTE_API},
  {"GET", "/api/v1/stages/stagiaires", plw_api_trainees, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/stages/stagiaires", plw_api_trainee_create, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/stages/stagiaires/{id}", plw_api_trainee, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/stages/stagiaires/{id}/devenir", plw_api_outcome,
   ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/stages/affectations", plw_api_assign, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/stages/affectations/{id}/indemnites", plw_api_allowances,
   ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/stages/affectations/{id}/paiements", plw_api_pay,
   ROLE_AGENT, ROUTE_API},
  {"GET", "/api/v1/stages/dispositifs", plw_api_schemes, ROLE_PUBLIC,
   ROUTE_API},
  {"POST", "/api/v1/stages/dispositifs", plw_api_scheme_create, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/stages/vehicules", plw_api_vehicle_create, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/stages/logements", plw_api_housing_create, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/stages/logements/{id}/chambres", plw_api_room_create,
   ROLE_AGENT, ROUTE_API},
  {"GET", "/api/v1/stages/reservations", plw_api_bookings, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/stages/reservations", plw_api_book, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/stages/conversion", plw_api_conversion, ROLE_LECTEUR,
   ROUTE_API},
  {0, 0, 0, 0, 0}
};
