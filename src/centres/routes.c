/*
** centres/routes.c: the centres module's routes.  Literal paths come
** before {id} patterns (the first match wins).
*/
#include "centres/webutil.h"

void ctr_api_list(Req *req);
void ctr_api_network_create(Req *req);
void ctr_api_centre_create(Req *req);
void ctr_api_centre_update(Req *req);
void ctr_api_centre_get(Req *req);
void ctr_api_site_create(Req *req);
void ctr_api_site_update(Req *req);
void ctr_api_site_get(Req *req);
void ctr_api_staff_create(Req *req);
void ctr_api_staff_update(Req *req);
void ctr_api_staff_list(Req *req);
void ctr_api_jobs(Req *req);
void ctr_api_job_create(Req *req);
void ctr_api_activity_save(Req *req);
void ctr_api_activity_import(Req *req);
void ctr_api_activity_list(Req *req);
void ctr_api_finance_save(Req *req);
void ctr_api_stats(Req *req);
void ctr_api_published(Req *req);
void ctr_api_supply(Req *req);

const Route centre_routes[] = {
  {"GET", "/centres", ctr_page_home, ROLE_PUBLIC, 0},
  {"GET", "/centres/postes", ctr_page_jobs, ROLE_PUBLIC, 0},
  {"GET", "/centres/postes/nouveau", ctr_page_vacancy_new, ROLE_AGENT, 0},
  {"POST", "/centres/postes/nouveau", ctr_post_vacancy, ROLE_AGENT, 0},
  {"GET", "/centres/reseaux/nouveau", ctr_page_network_new, ROLE_AGENT, 0},
  {"POST", "/centres/reseaux/nouveau", ctr_post_network, ROLE_AGENT, 0},
  {"GET", "/centres/nouveau", ctr_page_centre_new, ROLE_AGENT, 0},
  {"POST", "/centres/nouveau", ctr_post_centre_new, ROLE_AGENT, 0},
  {"GET", "/centres/activite", ctr_page_activity, ROLE_AGENT, 0},
  {"POST", "/centres/activite", ctr_post_activity, ROLE_AGENT, 0},
  {"POST", "/centres/activite/import", ctr_post_import, ROLE_AGENT, 0},
  {"GET", "/centres/tableau-de-bord", ctr_page_dashboard, ROLE_LECTEUR, 0},
  {"GET", "/centres/export.csv", ctr_export_csv, ROLE_LECTEUR, 0},
  {"GET", "/centres/export.xlsx", ctr_export_xlsx, ROLE_LECTEUR, 0},
  {"GET", "/centres/personnel/nouveau", ctr_page_staff_new, ROLE_AGENT, 0},
  {"POST", "/centres/personnel/nouveau", ctr_post_staff_new, ROLE_AGENT, 0},
  {"GET", "/centres/personnel/{id}", ctr_page_staff, ROLE_AGENT, 0},
  {"POST", "/centres/personnel/{id}", ctr_post_staff, ROLE_AGENT, 0},
  {"GET", "/centres/sites/{id}", ctr_page_site, ROLE_PUBLIC, 0},
  {"POST", "/centres/sites/{id}", ctr_post_site, ROLE_AGENT, 0},
  {"GET", "/centres/{id}", ctr_page_centre, ROLE_PUBLIC, 0},
  {"POST", "/centres/{id}", ctr_post_centre, ROLE_AGENT, 0},
  {"GET", "/centres/{id}/sites/nouveau", ctr_page_site_new, ROLE_AGENT, 0},
  {"POST", "/centres/{id}/sites/nouveau", ctr_post_site_new, ROLE_AGENT, 0},
  {"GET", "/centres/{id}/finances", ctr_page_finance, ROLE_AGENT, 0},
  {"POST", "/centres/{id}/finances", ctr_post_finance, ROLE_AGENT, 0},

  {"GET", "/api/v1/centres", ctr_api_list, ROLE_PUBLIC, ROUTE_API},
  {"POST", "/api/v1/centres", ctr_api_centre_create, ROLE_AGENT, ROUTE_API},
  {"POST", "/api/v1/centres/reseaux", ctr_api_network_create, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/centres/postes", ctr_api_jobs, ROLE_PUBLIC, ROUTE_API},
  {"POST", "/api/v1/centres/postes", ctr_api_job_create, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/centres/personnel", ctr_api_staff_list, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/centres/personnel", ctr_api_staff_create, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/centres/personnel/{id}", ctr_api_staff_update,
   ROLE_AGENT, ROUTE_API},
  {"GET", "/api/v1/centres/activite", ctr_api_activity_list, ROLE_LECTEUR,
   ROUTE_API},
  {"POST", "/api/v1/centres/activite", ctr_api_activity_save, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/centres/activite/import", ctr_api_activity_import,
   ROLE_AGENT, ROUTE_API},
  {"GET", "/api/v1/centres/statistiques", ctr_api_stats, ROLE_LECTEUR,
   ROUTE_API},
  {"GET", "/api/v1/centres/publies", ctr_api_published, ROLE_PUBLIC,
   ROUTE_API},
  {"GET", "/api/v1/centres/offre", ctr_api_supply, ROLE_PUBLIC, ROUTE_API},
  {"GET", "/api/v1/centres/sites/{id}", ctr_api_site_get, ROLE_PUBLIC,
   ROUTE_API},
  {"POST", "/api/v1/centres/sites/{id}", ctr_api_site_update, ROLE_AGENT,
   ROUTE_API},
  {"GET", "/api/v1/centres/{id}", ctr_api_centre_get, ROLE_PUBLIC,
   ROUTE_API},
  {"POST", "/api/v1/centres/{id}", ctr_api_centre_update, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/centres/{id}/sites", ctr_api_site_create, ROLE_AGENT,
   ROUTE_API},
  {"POST", "/api/v1/centres/{id}/finances", ctr_api_finance_save,
   ROLE_AGENT, ROUTE_API},
  {0, 0, 0, 0, 0}
};
