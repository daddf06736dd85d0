/*
** centres/apl_effect.c: what one site brings to the APL of its commune,
** read from the observatory (observatory/obs.h).
**
** The observatory counts the doctors of every open site as supply
** (observatory/supply_centres.c).  The effect of one site is its
** commune's APL as computed (with the site) against the same snapshot
** with the site's doctors' FTE taken out (obs_whatif_run, incremental):
** the figures the observatory's own what-if would give.  Both are our
** model's estimate (« estimation oasis »), never an official figure, so no
** zone class is derived from them (DESIGN.md: classes come from
** zoning_of() alone, which the commune sheet linked below shows).
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "centres/internal.h"
#include "observatory/obs.h"

/* Is site s open on day iDay? */
static int site_open_on(const CentreSite *s, int iDay)
{
  int iOpen, iClose;
  if (s->zOpenedOn && s->zOpenedOn[0] &&
      (caldate_parse(s->zOpenedOn, &iOpen) || iOpen > iDay)) {
    return 0;
  }
  if (s->zClosedOn && s->zClosedOn[0] &&
      (caldate_parse(s->zClosedOn, &iClose) || iClose <= iDay)) {
    return 0;
  }
  return 1;
}

int ctr_apl_effect(Req *req, const CentreSite *s, CtrAplEffect *p)
{
  Arena *a = req_arena(req);
  Err err = {0};
  memset(p, 0, sizeof *p);
  p->isOpen = site_open_on(s, caldate_today());
  p->fte = p->isOpen ? s->fteDoctors : 0;
  ObsModel *m = obs_model_get(req_db(req), NULL, &err);
  if (!m) {
    p->zWhy = "indicateurs de l'observatoire indisponibles (population ou "
              "offre non importée)";
    return 0;
  }
  int i = obs_node_find(m, s->zCommune);
  if (i < 0) {
    p->zWhy = "commune absente des données de l'observatoire";
    goto done;
  }
  p->isAvailable = 1;
  p->vintage = m->key.vintage;
  p->zCommuneName = arena_strdup(a, m->in.azName[i]);
  p->zCode = arena_strdup(a, m->in.azCode[i]);
  p->aplWith = p->aplWithout = m->aApl[i];
  if (p->fte > 0) {
    ObsChange c = {.fte = -p->fte};
    snprintf(c.zCode, sizeof c.zCode, "%s", m->in.azCode[i]);
    ObsWhatIf w;
    if (obs_whatif_run(m, &c, 1, &w, &err)) {
      p->isAvailable = 0;
      p->zWhy = arena_strdup(a, err.zMsg);
      goto done;
    }
    p->nCommunes = w.nDelta;
    for (int k = 0; k < w.nDelta; k++) {
      if (w.aDelta[k].iNode != i) continue;
      p->aplWithout = w.aDelta[k].aplAfter;
    }
    obs_whatif_free(&w);
  }
done:
  obs_model_release(m);
  return 0;
}

json_t *ctr_json_apl_effect(const CtrAplEffect *p)
{
  if (!p->isAvailable) {
    return json_pack("{s:b, s:s}", "disponible", 0, "raison",
                     p->zWhy ? p->zWhy : "");
  }
  return json_pack("{s:b, s:i, s:s, s:b, s:f, s:f, s:f, s:s, s:i}",
                   "disponible", 1, "millesime", p->vintage, "nom_commune",
                   p->zCommuneName, "compte", p->isOpen, "etp_medecins",
                   p->fte, "apl_avec_site", p->aplWith, "apl_sans_site",
                   p->aplWithout, "libelle", "estimation oasis",
                   "communes_touchees", p->nCommunes);
}

void ctr_html_apl_effect(Req *req, const CtrAplEffect *p)
{
  html_printf(req, "<section aria-labelledby=\"apl-effet\"><h2 id=\""
                   "apl-effet\">Effet sur l'accessibilité (APL)</h2>\n");
  if (!p->isAvailable) {
    html_printf(req, "<p>Non calculé : %h.</p>\n</section>\n", p->zWhy);
    return;
  }
  if (p->fte <= 0) {
    html_printf(req, "<p>%s : l'observatoire ne compte pas ce site dans "
                     "l'offre de soins aujourd'hui. APL de %h (%d, "
                     "estimation oasis) : <strong data-apl-with>%s</strong>"
                     ".</p>\n",
                p->isOpen ? "Aucun médecin sous contrat sur ce site"
                          : "Site pas encore ouvert ou fermé" /*trusted*/,
                p->zCommuneName, p->vintage,
                ctr_num(req, p->aplWith, 2) /*trusted*/);
    html_printf(req, "</section>\n");
    return;
  }
  html_printf(req, "<p>Les %s ETP de médecins salariés du site comptent "
                   "dans l'offre de soins de l'observatoire (calcul sur la "
                   "population %d ; estimation oasis, l'APL officielle "
                   "est sur la fiche de la commune).</p>\n<dl class=\"facts\">"
                   "<dt>APL de %h avec le site</dt><dd data-apl-with>%s</dd>"
                   "<dt>Sans le site</dt><dd data-apl-without>%s</dd><dt>Communes "
                   "dont l'APL dépend du site</dt><dd>%d</dd></dl>\n",
              ctr_num(req, p->fte, 1) /*trusted*/, p->vintage,
              p->zCommuneName, ctr_num(req, p->aplWith, 2) /*trusted*/,
              ctr_num(req, p->aplWithout, 2) /*trusted*/, p->nCommunes);
  html_printf(req, "<p><a href=\"/observatoire/communes/%h\">Fiche de %h "
                   "dans l'observatoire</a></p>\n</section>\n", p->zCode,
              p->zCommuneName);
}
