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
#include "workforce/workforce.h"

void app_compose(void)
{
  terr_import_add_kinds(wf_import_kinds);
  obs_source_set(&ctr_obs_source);
  case_dossier_panel_set(aid_applic_dossier_panel);
  case_erase_hook_set(aid_applic_erase_dossier);
}
