/*
** centres/pages_staff.c: staff forms (one FTE field per site of the
** network), vacancies (back-office form) and the public list of open
** salaried posts, linked to the guichet unique's request form (/demande).
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "centres/internal.h"
#include "web/kit_form.h"
#include "web/kit_json.h"
#include "web/kit_record.h"

/* ---- staff -------------------------------------------------------------- */

/* The form; aSite are the network's sites, one FTE input each. */
static void staff_form(Req *req, const char *zAction, const CentreStaff *p,
                       const CentreSite *aSite, int nSite,
                       const KitErrors *e)
{
  kit_error_box(req, e);
  form_begin(req, zAction);
  kit_input(req, e, "prenom", "Prénom", "text", p->zFirstName, NULL);
  kit_input(req, e, "nom", "Nom", "text", p->zLastName, NULL);
  kit_select(req, e, "categorie", "Catégorie",
             kit_label_options(req, centre_categories),
             p->zCategory, NULL);
  kit_input(req, e, "fonction", "Fonction", "text", p->zJob,
            "par exemple médecin généraliste, infirmière");
  kit_input(req, e, "debut_contrat", "Début du contrat", "date",
            p->zContractStart, NULL);
  kit_input(req, e, "fin_contrat", "Fin du contrat", "date",
            p->zContractEnd, "vide pour un contrat sans terme");
  int isFteBad = kit_error_of(e, "etp") || kit_error_of(e, "site_id");
  html_printf(req, "<fieldset id=\"f-etp\"%s><legend>Temps de travail par "
                   "site (ETP, par exemple 0,5 ; 1 au total au plus)"
                   "</legend>\n",
              isFteBad ? " class=\"field-error\"" : "" /*trusted*/);
  for (int i = 0; i < nSite; i++) {
    char zVal[32] = "";
    for (int k = 0; k < p->nSite; k++) {
      if (p->aSiteId[k] == aSite[i].id) {
        snprintf(zVal, sizeof zVal, "%g", p->aFte[k]);
      }
    }
    kit_input(req, NULL, arena_printf(req_arena(req), "etp_%lld",
                                      (long long)aSite[i].id),
              arena_printf(req_arena(req), "%s — %s", aSite[i].zCentreName,
                           aSite[i].zName),
              "text", zVal, NULL);
  }
  html_printf(req, "</fieldset>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Enregistrer</button></div>\n");
  form_end(req);
}

/* The sites a person of network networkId may work on. */
static int network_sites(Req *req, int64_t networkId, CentreSite **paS,
                         int *pnS, Err *err)
{
  CentreSite *aAll;
  int nAll, n = 0;
  int rc = centre_site_list(req_db(req), req_arena(req), 0, &aAll, &nAll,
                            err);
  if (rc) return rc;
  Centre *aC;
  int nC;
  rc = centre_list(req_db(req), req_arena(req), networkId, &aC, &nC, err);
  if (rc) return rc;
  CentreSite *aS = arena_alloc(req_arena(req), sizeof *aS * (nAll + 1));
  for (int i = 0; i < nAll; i++) {
    for (int j = 0; j < nC; j++) {
      if (aAll[i].centreId == aC[j].id) aS[n++] = aAll[i];
    }
  }
  *paS = aS;
  *pnS = n;
  return 0;
}

/* Show the staff page (new when p->id == 0) with an optional error. */
static void staff_page(Req *req, const CentreStaff *p, int64_t networkId,
                       const KitErrors *err)
{
  CentreSite *aS;
  int nS;
  Err e2 = {0};
  if (network_sites(req, networkId, &aS, &nS, &e2)) {
    kit_reply_err(req, ERR_DB, &e2);
    return;
  }
  page_begin(req, p->id ? "Fiche du personnel" : "Nouvelle personne");
  kit_breadcrumb(req, "Centres de santé", "/centres", "Personnel", NULL,
                 NULL);
  if (p->id) {
    html_printf(req, "<h1>%h %h</h1>\n", p->zFirstName, p->zLastName);
  } else {
    html_printf(req, "<h1>Nouvelle personne</h1>\n");
  }
  char zAction[64];
  if (p->id) {
    snprintf(zAction, sizeof zAction, "/centres/personnel/%lld",
             (long long)p->id);
  } else {
    snprintf(zAction, sizeof zAction, "/centres/personnel/nouveau?reseau="
             "%lld", (long long)networkId);
  }
  staff_form(req, zAction, p, aS, nS, err);
  page_end(req);
}

/* Network of the centre named by ?centre=, or by ?reseau=. */
static int64_t staff_network(Req *req)
{
  int64_t net = kit_query_int(req, "reseau", 0);
  int64_t centreId = kit_query_int(req, "centre", 0);
  if (!net && centreId) {
    Centre c;
    Err err = {0};
    if (!centre_get(req_db(req), req_arena(req), centreId, &c, &err)) {
      net = c.networkId;
    }
  }
  return net;
}

/* ROUTE: GET /centres/personnel/nouveau agent */
void ctr_page_staff_new(Req *req)
{
  int64_t net = staff_network(req);
  if (!net) {
    reply_error(req, 404, "introuvable", "Centre ou réseau introuvable.", NULL);
    return;
  }
  CentreStaff s = {.zCategory = "medecin"};
  staff_page(req, &s, net, NULL);
}

/* Save the posted person (id 0: new, in network net). */
static void staff_post(Req *req, int64_t id, int64_t net)
{
  Err err = {0};
  CentreStaff s = {.id = id}, before;
  KitErrors e = {0};
  if (id) {
    if (centre_staff_get(req_db(req), req_arena(req), id, &before, &err)) {
      kit_reply_err(req, ERR_NOTFOUND, &err);
      return;
    }
    net = before.networkId;
  }
  CentreSite *aS;
  int nS;
  int rc = network_sites(req, net, &aS, &nS, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  int nBad = ctr_read_staff(req, &s, aS, nS, &e);
  rc = kit_save(req, nBad, &e, ctr_write_staff, &s, &err);
  const char *zNext =
      html_mprintf(req, "/centres/personnel/%lld", (long long)s.id);
  if (!kit_refused_or_reply(req, rc, &err, zNext)) return;
  staff_page(req, &s, net, &e);
}

/* ROUTE: POST /centres/personnel/nouveau agent */
void ctr_post_staff_new(Req *req)
{
  int64_t net = staff_network(req);
  if (!net) {
    reply_error(req, 404, "introuvable", "Centre ou réseau introuvable.", NULL);
    return;
  }
  staff_post(req, 0, net);
}

/* ROUTE: GET /centres/personnel/{id} agent */
void ctr_page_staff(Req *req)
{
  CentreStaff s;
  if (kit_record_or_404(req, &ctr_ops_staff, &s)) {
    staff_page(req, &s, s.networkId, NULL);
  }
}

/* ROUTE: POST /centres/personnel/{id} agent */
void ctr_post_staff(Req *req)
{
  int64_t id = kit_arg_id_or_404(req, "id");
  if (id) staff_post(req, id, 0);
}

/* ---- vacancies ---------------------------------------------------------- */

static void vacancy_form(Req *req, const CentreVacancy *v, const KitErrors *e)
{
  CentreSite *aS;
  int nS = 0;
  Err e2 = {0};
  Arena *a = req_arena(req);
  centre_site_list(req_db(req), a, 0, &aS, &nS, &e2);
  const char **azSite = arena_alloc(a, sizeof *azSite * (2 * nS + 1));
  for (int i = 0; i < nS; i++) {
    azSite[2 * i] = arena_printf(a, "%lld", (long long)aS[i].id);
    azSite[2 * i + 1] = arena_printf(a, "%s — %s", aS[i].zCentreName,
                                     aS[i].zName);
  }
  azSite[2 * nS] = NULL;
  kit_error_box(req, e);
  form_begin(req, "/centres/postes/nouveau");
  kit_select(req, e, "site_id", "Site", azSite,
             arena_printf(a, "%lld", (long long)v->siteId), NULL);
  kit_select(req, e, "categorie", "Catégorie",
             kit_label_options(req, centre_categories),
             v->zCategory, NULL);
  kit_input(req, e, "intitule", "Intitulé du poste", "text", v->zTitle,
            NULL);
  kit_input(req, e, "etp", "Temps de travail (ETP)", "number",
            v->fte > 0 ? arena_printf(req_arena(req), "%g", v->fte) : "1",
            NULL);
  kit_input(req, e, "description", "Description", "text", v->zDescription,
            NULL);
  kit_input(req, e, "date_publication", "Publié le", "date", v->zPostedOn,
            NULL);
  kit_input(req, e, "date_cloture", "Pourvu ou clos le", "date",
            v->zClosedOn, "vide tant que le poste est ouvert");
  kit_select(req, e, "contrat", "Contrat",
             kit_label_options(req, centre_contracts), v->zContract,
             "non précisé");
  kit_input(req, e, "salaire_min", "Salaire brut annuel minimum (€)", "text",
            v->salaryMinCents > 0 ? kit_euros_input(req, v->salaryMinCents)
                                  : "", "par exemple 60 000");
  kit_input(req, e, "salaire_max", "Salaire brut annuel maximum (€)", "text",
            v->salaryMaxCents > 0 ? kit_euros_input(req, v->salaryMaxCents)
                                  : "", NULL);
  kit_input(req, e, "date_prise_de_poste", "Prise de poste", "date",
            v->zStartOn, NULL);
  kit_textarea(req, e, "avantages", "Avantages", v->zBenefits,
               "logement, véhicule, temps de travail, formation…");
  kit_check(req, "public", "Publier sur le portail", v->isPublic);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Publier le poste</button></div>\n");
  form_end(req);
}

/* ROUTE: GET /centres/postes/nouveau agent */
void ctr_page_vacancy_new(Req *req)
{
  char zToday[11];
  CentreVacancy v = {.zCategory = "medecin", .isPublic = 1,
                     .zPostedOn = caldate_format(caldate_today(), zToday)};
  page_begin(req, "Nouveau poste à pourvoir");
  kit_breadcrumb(req, "Centres de santé", "/centres", "Postes à pourvoir",
                 "/centres/postes", "Nouveau poste", NULL, NULL);
  html_printf(req, "<h1>Nouveau poste à pourvoir</h1>\n");
  vacancy_form(req, &v, NULL);
  page_end(req);
}

/* ROUTE: POST /centres/postes/nouveau agent */
void ctr_post_vacancy(Req *req)
{
  CentreVacancy v = {0};
  KitErrors e = {0};
  if (!kit_form_post(req, &ctr_ops_vacancy, &v, "/centres/postes", NULL, &e)) {
    return;
  }
  page_begin(req, "Nouveau poste à pourvoir");
  html_printf(req, "<h1>Nouveau poste à pourvoir</h1>\n");
  vacancy_form(req, &v, &e);
  page_end(req);
}

/* "60 000 € à 75 000 €", "à partir de 60 000 €", "jusqu'à …", or "non
** précisé": the gross yearly salary range of v. */
static const char *vacancy_salary(Req *req, const CentreVacancy *v)
{
  Arena *a = req_arena(req);
  int64_t lo = v->salaryMinCents, hi = v->salaryMaxCents;
  if (lo > 0 && hi > 0 && lo != hi) {
    return arena_printf(a, "%s à %s", kit_euros(req, lo), kit_euros(req, hi));
  }
  if (lo > 0 && hi > 0) return kit_euros(req, lo);
  if (lo > 0) return arena_printf(a, "à partir de %s", kit_euros(req, lo));
  if (hi > 0) return arena_printf(a, "jusqu'à %s", kit_euros(req, hi));
  return "non précisé";
}

/* GET /centres/postes: open salaried posts (public).
** ROUTE: GET /centres/postes public
*/
void ctr_page_jobs(Req *req)
{
  CentreVacancy *aV;
  int nV;
  Err err = {0};
  if (centre_vacancy_list(req_db(req), req_arena(req), 1, &aV, &nV, &err)) {
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  page_begin(req, "Postes à pourvoir dans les centres de santé");
  html_printf(req, "<div class=\"page-header\"><h1>Postes à pourvoir dans "
                   "les centres de santé</h1>");
  if (req_role(req) >= ROLE_AGENT) {
    html_printf(req, "<p><a class=\"btn\" href=\"/centres/postes/nouveau\">"
                     "Nouveau poste</a></p>");
  }
  html_printf(req, "</div>\n<p class=\"lead\">Postes salariés ouverts dans "
                   "les centres de santé départementaux. Pour candidater ou "
                   "poser une question, passez par le guichet unique : une "
                   "seule demande, suivie par une personne.</p>\n");
  if (nV == 0) {
    html_printf(req, "<p>Aucun poste ouvert pour le moment.</p>\n");
  } else {
    html_printf(req, "<h2>Postes ouverts</h2>\n<ul class=\"cards\">\n");
  }
  json_t *pLd = json_array();
  for (int i = 0; i < nV; i++) {
    const CentreVacancy *v = &aV[i];
    const char *zCommune = ctr_commune_name(req, v->zCommune);
    html_printf(req, "<li class=\"card\"><h3 class=\"card-title\">%h</h3>"
                     "<p class=\"card-meta\">%h · %h, %h (%h) · %.1F ETP · "
                     "publié le %h</p><p>%h</p><dl class=\"facts\">"
                     "<dt>Contrat</dt><dd>%h</dd>",
                v->zTitle, centre_cat_label(centre_cat_parse(v->zCategory)),
                v->zCentreName, v->zSiteName, zCommune, v->fte,
                kit_date_fr(req, v->zPostedOn), v->zDescription,
                v->zContract[0] ? centre_contract_label(v->zContract)
                                : "non précisé");
    html_printf(req, "<dt>Salaire brut annuel</dt><dd>%h</dd>"
                     "<dt>Prise de poste</dt><dd>%h</dd>",
                vacancy_salary(req, v),
                v->zStartOn[0] ? kit_date_fr(req, v->zStartOn)
                               : "à convenir");
    if (v->zBenefits[0]) {
      html_printf(req, "<dt>Avantages</dt><dd>%h</dd>", v->zBenefits);
    }
    html_printf(req, "</dl><p><a class=\"btn btn-small\" href=\"%h\">"
                     "Candidater via le guichet unique</a></p></li>\n",
                ctr_apply_url(req, v));
    json_array_append_new(pLd, ctr_jsonld_job(v, zCommune));
  }
  if (nV) html_printf(req, "</ul>\n");
  if (nV) kit_json_island(req, "application/ld+json", NULL, pLd);
  else json_decref(pLd);
  page_end(req);
}
