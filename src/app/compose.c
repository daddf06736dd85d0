/*
** app/compose.c: the hooks lower modules offer, filled from above, once,
** before any command runs (see app.h).
*/
#include "aids/applic.h"
#include "app/app.h"
#include "cases/cases.h"
#include "cases/routes.h"
#include "centres/centres.h"
#include "observatory/obs.h"
#include "territory/territory.h"
#include "web/web.h"
#include "workforce/workforce.h"

/* Records about a person: the audit log keeps their ids and field names,
** never an identity (web/audit.c). */
static const char *const azPersonalEntities[] = {
  "dossier", "trainee", "trainee_outcome", "assignment", "allowance_payment",
  "portal_registration", "centre_staff", "vehicle_booking", "room_booking",
  NULL};

void app_compose(void)
{
  web_audit_set_personal(azPersonalEntities);
  terr_import_add_kinds(wf_import_kinds);
  obs_source_set(&ctr_obs_source);
  wf_set_effect_fn(obs_departure_effect);
  wf_set_changed_fn(obs_model_flush);
  case_dossier_panel_set(aid_applic_dossier_panel);
  case_erase_hook_set(aid_applic_erase_dossier);
}
