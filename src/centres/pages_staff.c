/*
** centres/pages_staff.c: staff forms (one FTE field per site of the
** network), vacancies (back-office form) and the public list of open
** salaried posts, linked to the guichet unique's request form (/demande).
*/
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "centres/webutil.h"

/* ---- staff -------------------------------------------------------------- */

/* The form; aSite are the network's sites, one FTE input each. */
static void staff_form(Req *req, const char *zAction, const CentreStaff *p,
                       const CentreSite *aSite, int nSite, const Err *err)
{
  ctr_form_error(req, err);
  form_begin(req, zAction);
  ctr_input(req, err, "first_name", "Prénom", "text", p->zFirstName, NULL);
  ctr_input(req, err, "last_name", "Nom", "text", p->zLastName, NULL);
  int isBad = err && err->code && !strcmp(err->zField, "category");
  html_printf(req, "<div class=\"field%s\"><label for=\"f-category\">"
                   "Catégorie</label><select id=\"f-category\" "
                   "name=\"category\">\n", isBad ? " field-error"
                                                 : "" /*trusted*/);
  for (int i = 0; i < CENTRE_NCAT; i++) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n",
                centre_cat_code(i),
                p->zCategory && !strcmp(p->zCategory, centre_cat_code(i))
                    ? " selected" : "" /*trusted*/,
                centre_cat_label(i));
  }
  html_printf(req, "</select></div>\n");
  ctr_input(req, err, "job", "Fonction", "text", p->zJob,
            "par exemple médecin généraliste, infirmière");
  ctr_input(req, err, "contract_start", "Début du contrat", "date",
            p->zContractStart, NULL);
  ctr_input(req, err, "contract_end", "Fin du contrat", "date",
            p->zContractEnd, "vide pour un contrat sans terme");
  int isFteBad = err && err->code && (!strcmp(err->zField, "fte") ||
                                      !strcmp(err->zField, "site_id"));
  html_printf(req, "<fieldset%s><legend>Temps de travail par site (ETP, "
                   "par exemple 0,5 ; 1 au total au plus)</legend>\n",
              isFteBad ? " class=\"field-error\"" : "" /*trusted*/);
  for (int i = 0; i < nSite; i++) {
    char zName[32], zVal[32] = "";
    snprintf(zName, sizeof zName, "fte_%lld", (long long)aSite[i].id);
    for (int k = 0; k < p->nSite; k++) {
      if (p->aSiteId[k] == aSite[i].id) {
        snprintf(zVal, sizeof zVal, "%g", p->aFte[k]);
      }
    }
    ctr_input(req, NULL, zName,
              arena_printf(req_arena(req), "%s — %s", aSite[i].zCentreName,
                           aSite[i].zName),
              "text", zVal, NULL);
  }
  html_printf(req, "</fieldset>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Enregistrer</button></div>\n");
  form_end(req);
}

/* Staff fields of the posted form; FTE from the fte_<site id> inputs. */
static int staff_from_form(Req *req, CentreStaff *p, const CentreSite *aSite,
                           int nSite, Err *err)
{
  p->zFirstName = ctr_form(req, "first_name");
  p->zLastName = ctr_form(req, "last_name");
  p->zCategory = ctr_form(req, "category");
  p->zJob = ctr_form(req, "job");
  p->zContractStart = ctr_form(req, "contract_start");
  p->zContractEnd = ctr_form(req, "contract_end");
  p->nSite = 0;
  for (int i = 0; i < nSite; i++) {
    char zName[32];
    double v;
    snprintf(zName, sizeof zName, "fte_%lld", (long long)aSite[i].id);
    const char *z = ctr_form(req, zName);
    if (!z[0]) continue;
    char zNum[32];
    snprintf(zNum, sizeof zNum, "%s", z);
    for (char *c = zNum; *c; c++) {
      if (*c == ',') *c = '.';
    }
    if (str_to_double(zNum, &v)) {
      err_set(err, ERR_INPUT, "ETP illisible pour %s", aSite[i].zName);
      err_field(err, "fte");
      return ERR_INPUT;
    }
    if (v == 0) continue;
    if (p->nSite == CENTRE_MAX_STAFF_SITES) break;
    p->aSiteId[p->nSite] = aSite[i].id;
    p->aFte[p->nSite] = v;
    p->nSite++;
  }
  return 0;
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
                       const Err *err)
{
  CentreSite *aS;
  int nS;
  Err e2 = {0};
  if (network_sites(req, networkId, &aS, &nS, &e2)) {
    ctr_reply_err(req, ERR_DB, &e2);
    return;
  }
  page_begin(req, p->id ? "Fiche du personnel" : "Nouvelle personne");
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">"
                   "<ol><li><a href=\"/centres\">Centres de santé</a></li>"
                   "<li>Personnel</li></ol></nav>\n");
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
  int64_t net = ctr_query_int(req, "reseau", 0);
  int64_t centreId = ctr_query_int(req, "centre", 0);
  if (!net && centreId) {
    Centre c;
    Err err = {0};
    if (!centre_get(req_db(req), req_arena(req), centreId, &c, &err)) {
      net = c.networkId;
    }
  }
  return net;
}

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
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  CentreStaff s = {.id = id}, before;
  json_t *pBefore = NULL;
  if (id) {
    if (centre_staff_get(db, a, id, &before, &err)) {
      ctr_reply_err(req, ERR_NOTFOUND, &err);
      return;
    }
    net = before.networkId;
    pBefore = ctr_json_staff(&before);
  }
  CentreSite *aS;
  int nS;
  int rc = network_sites(req, net, &aS, &nS, &err);
  if (!rc) rc = staff_from_form(req, &s, aS, nS, &err);
  if (!rc) rc = store_begin(db, &err);
  if (!rc) {
    rc = centre_staff_save(db, &s, &err);
    if (!rc) {
      rc = ctr_audit(req, "centre_staff", s.id, id ? "update" : "create",
                     pBefore, ctr_json_staff(&s), &err);
      pBefore = NULL;
    }
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  }
  json_decref(pBefore);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    staff_page(req, &s, net, &err);
    return;
  }
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/centres/personnel/%lld",
                                   (long long)s.id));
}

void ctr_post_staff_new(Req *req)
{
  int64_t net = staff_network(req);
  if (!net) {
    reply_error(req, 404, "introuvable", "Centre ou réseau introuvable.", NULL);
    return;
  }
  staff_post(req, 0, net);
}

void ctr_page_staff(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (!id) return;
  CentreStaff s;
  Err err = {0};
  if (centre_staff_get(req_db(req), req_arena(req), id, &s, &err)) {
    ctr_reply_err(req, ERR_NOTFOUND, &err);
    return;
  }
  staff_page(req, &s, s.networkId, NULL);
}

void ctr_post_staff(Req *req)
{
  int64_t id = ctr_arg_id_or_404(req, "id");
  if (id) staff_post(req, id, 0);
}

/* ---- vacancies ---------------------------------------------------------- */

static void vacancy_form(Req *req, const CentreVacancy *v, const Err *err)
{
  CentreSite *aS;
  int nS = 0;
  Err e2 = {0};
  centre_site_list(req_db(req), req_arena(req), 0, &aS, &nS, &e2);
  ctr_form_error(req, err);
  form_begin(req, "/centres/postes/nouveau");
  html_printf(req, "<div class=\"field\"><label for=\"f-site_id\">Site"
                   "</label><select id=\"f-site_id\" name=\"site_id\">\n");
  for (int i = 0; i < nS; i++) {
    html_printf(req, "<option value=\"%lld\"%s>%h — %h</option>\n",
                (long long)aS[i].id,
                aS[i].id == v->siteId ? " selected" : "" /*trusted*/,
                aS[i].zCentreName, aS[i].zName);
  }
  html_printf(req, "</select></div>\n<div class=\"field\"><label for=\""
                   "f-category\">Catégorie</label><select id=\"f-category\" "
                   "name=\"category\">\n");
  for (int i = 0; i < CENTRE_NCAT; i++) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n",
                centre_cat_code(i),
                v->zCategory && !strcmp(v->zCategory, centre_cat_code(i))
                    ? " selected" : "" /*trusted*/,
                centre_cat_label(i));
  }
  html_printf(req, "</select></div>\n");
  ctr_input(req, err, "title", "Intitulé du poste", "text", v->zTitle, NULL);
  ctr_input(req, err, "fte", "Temps de travail (ETP)", "number",
            v->fte > 0 ? html_mprintf(req, "%f", v->fte) : "1", NULL);
  ctr_input(req, err, "description", "Description", "text", v->zDescription,
            NULL);
  ctr_input(req, err, "posted_on", "Publié le", "date", v->zPostedOn, NULL);
  ctr_input(req, err, "closed_on", "Pourvu ou clos le", "date", v->zClosedOn,
            "vide tant que le poste est ouvert");
  ctr_check(req, "is_public", "Publier sur le portail", v->isPublic);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Publier le poste</button></div>\n");
  form_end(req);
}

void ctr_page_vacancy_new(Req *req)
{
  char zToday[11];
  CentreVacancy v = {.zCategory = "medecin", .isPublic = 1,
                     .zPostedOn = caldate_format(caldate_today(), zToday)};
  page_begin(req, "Nouveau poste à pourvoir");
  html_printf(req, "<h1>Nouveau poste à pourvoir</h1>\n");
  vacancy_form(req, &v, NULL);
  page_end(req);
}

void ctr_post_vacancy(Req *req)
{
  Store *db = req_db(req);
  Err err = {0};
  long site = 0;
  double fte = 0;
  char zFte[32];
  str_to_long(ctr_form(req, "site_id"), &site);
  snprintf(zFte, sizeof zFte, "%s", ctr_form(req, "fte"));
  for (char *c = zFte; *c; c++) {
    if (*c == ',') *c = '.';
  }
  if (str_to_double(zFte, &fte)) fte = -1;
  CentreVacancy v = {.siteId = site, .zCategory = ctr_form(req, "category"),
                     .zTitle = ctr_form(req, "title"), .fte = fte,
                     .zDescription = ctr_form(req, "description"),
                     .zPostedOn = ctr_form(req, "posted_on"),
                     .zClosedOn = ctr_form(req, "closed_on"),
                     .isPublic = req_form(req, "is_public") != NULL};
  int rc = store_begin(db, &err);
  if (!rc) {
    rc = centre_vacancy_save(db, &v, &err);
    if (!rc) rc = ctr_audit(req, "centre_vacancy", v.id, "create", NULL,
                            ctr_json_vacancy(&v), &err);
    rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  }
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    page_begin(req, "Nouveau poste à pourvoir");
    html_printf(req, "<h1>Nouveau poste à pourvoir</h1>\n");
    vacancy_form(req, &v, &err);
    page_end(req);
    return;
  }
  if (rc) {
    ctr_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, "/centres/postes");
}

/* GET /centres/postes: open salaried posts (public). */
void ctr_page_jobs(Req *req)
{
  CentreVacancy *aV;
  int nV;
  Err err = {0};
  if (centre_vacancy_list(req_db(req), req_arena(req), 1, &aV, &nV, &err)) {
    ctr_reply_err(req, ERR_DB, &err);
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
  for (int i = 0; i < nV; i++) {
    const CentreVacancy *v = &aV[i];
    html_printf(req, "<li class=\"card\"><h3 class=\"card-title\">%h</h3>"
                     "<p class=\"card-meta\">%h · %h, %h (%h) · %.1F ETP · "
                     "publié le %h</p><p>%h</p><p><a class=\"btn btn-small\" "
                     "href=\"%h\">Candidater via le guichet unique</a>"
                     "</p></li>\n",
                v->zTitle, centre_cat_label(centre_cat_parse(v->zCategory)),
                v->zCentreName, v->zSiteName,
                ctr_commune_name(req, v->zCommune), v->fte, v->zPostedOn,
                v->zDescription, ctr_apply_url(req, v));
  }
  if (nV) html_printf(req, "</ul>\n");
  page_end(req);
}
