/*
** app/compose.c: the hooks lower modules offer, filled from above, once,
** before any command runs (see app.h).
*/
#include "app/app.h"
#include "centres/centres.h"
#include "observatory/obs.h"
#include "territory/territory.h"
#include "workforce/workforce.h"

/* observatory/forecast.c: a departure's effect for the register's radar */
int obs_departure_effect(Store *db, const char *zCommune, double fte,
                         WfEffect *out);

void app_compose(void)
{
  terr_import_add_kinds(wf_import_kinds);
  obs_source_set(&ctr_obs_source);
  wf_set_effect_fn(obs_departure_effect);
  wf_set_changed_fn(obs_model_flush);
}
