/*
** aids/pages_sim.c: the public simulator "Quelles aides pour moi ?".
**
** GET /aides/simulateur shows the form; with profession and statut in the
** query it also shows the result, so a result's URL can be shared (the
** portal links to /aides/simulateur?commune=CODE, its widget sends
** profil=… and commune=…, which only prefill the form).  POST answers
** with a 303 to that same URL.  Results come from aid_simulate() and are
** grouped by porteur; no rule lives here.
*/
#include <stdio.h>
#include <string.h>

#include "aids/web_int.h"

/* The portal widget's "profil" codes, as a first guess for the form. */
static void widget_profile(const char *z, int *pProf, int *pStatus)
{
  if (!z) return;
  if (!strcmp(z, "medecin")) *pProf = AID_MG;
  else if (!strcmp(z, "interne")) *pProf = AID_MG, *pStatus = AID_INTERNE;
  else if (!strcmp(z, "etudiant")) *pProf = AID_MG, *pStatus = AID_ETUDIANT;
  else if (!strcmp(z, "paramedical")) *pProf = AID_IDE;
}

static const char *val(const char *z)
{
  return z ? z : "";
}

/* The simulator's URL for in, with field zField set to zValue. */
static const char *sim_url(Req *req, const AidWebInput *in,
                           const char *zField, const char *zValue)
{
  const char *azName[] = {"profession", "statut", "annee", "pass_las",
                          "commune", "stage", "mode", "premiere_installation",
                          "debut"};
  const char *azVal[] = {in->zProfession, in->zStatus, in->zYear,
                         in->zPassLas, in->zCommune, in->zPlacement,
                         in->zMode, in->zFirst, in->zStart};
  Str s = STR_INIT;
  str_appendz(&s, "/aides/simulateur");
  for (size_t i = 0; i < sizeof azName / sizeof azName[0]; i++) {
    const char *z = strcmp(azName[i], zField) ? azVal[i] : zValue;
    if (!z || !*z) continue;
    str_appendc(&s, s.n == 17 ? '?' : '&');
    html_strf(&s, "%u=%u", azName[i], z);
  }
  str_appendz(&s, "#resultat");
  const char *zUrl = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return zUrl;
}

/* Several communes matched field zField: one link per commune. */
static void choices(Req *req, const AidWebInput *in, const char *zField)
{
  if (!in->nChoice || strcmp(in->zChoiceField, zField)) return;
  html_printf(req, "<div class=\"field choices\" id=\"choix-%h\">\n<p>"
                   "Plusieurs communes correspondent : choisissez la "
                   "vôtre.</p>\n<ul>\n", zField);
  for (int i = 0; i < in->nChoice; i++) {
    const LkPlace *c = &in->aChoice[i];
    html_printf(req, "<li><a href=\"%h\">%h (%h)</a>", sim_url(req, in,
                zField, c->zCode), c->zName, c->zCode);
    if (c->zDep[0]) html_printf(req, " — département %h", c->zDep);
    if (c->zPostal[0]) html_printf(req, ", code postal %h", c->zPostal);
    html_printf(req, "</li>\n");
  }
  html_printf(req, "</ul>\n</div>\n");
}

static void sim_form(Req *req, const AidWebInput *in, const KitErrors *e)
{
  static const char *const azYesNo[] = {"oui", "oui", "non", "non", NULL};
  int prof = aid_label_find(AID_LABEL_PROF, val(in->zProfession));
  int status = aid_label_find(AID_LABEL_STATUS, val(in->zStatus));
  widget_profile(req_query(req, "profil"), prof < 0 ? &prof : &(int){0},
                 status < 0 ? &status : &(int){0});
  int mode = aid_label_find(AID_LABEL_MODE, val(in->zMode));
  /* "#resultat": the browser lands on the answer, not 1,500 px above it */
  html_printf(req, "<form method=\"get\" action=\"/aides/simulateur#resultat\" "
                   "class=\"card\" aria-labelledby=\"titre-form\">\n"
                   "<h2 id=\"titre-form\">Votre situation</h2>\n"
                   "<p class=\"muted\">Aucun compte n'est nécessaire et rien "
                   "n'est enregistré.</p>\n<div class=\"grid-2\">\n<div>\n");
  aid_web_select(req, e, "profession", "Profession", AID_LABEL_PROF, prof,
                 "— choisir —");
  aid_web_select(req, e, "statut", "Situation actuelle", AID_LABEL_STATUS,
                 status, "— choisir —");
  kit_input_ex(req, e, "annee", "Année d'études (facultatif)", "number",
               in->zYear,
               "PASS ou L.AS = 1re année ; internat : 7e année et suivantes",
               "min=\"1\" max=\"14\" inputmode=\"numeric\"");
  int isPass = !strcmp(val(in->zPassLas), "oui") ||
               !strcmp(val(in->zPassLas), "1");
  if (kit_error_of(e, "pass_las")) {
    html_printf(req, "<p class=\"field-msg\" id=\"f-pass_las-err\">%h</p>\n",
                kit_error_of(e, "pass_las"));
  }
  kit_check(req, "pass_las", "PASS ou L.AS validé", isPass);
  html_printf(req, "</div>\n<div>\n");
  kit_input_ex(req, e, "commune", "Commune où vous pensez exercer", "text",
               in->zCommune,
               "nom, code postal ou code INSEE (ex. Le Creusot, 71200, 71153)",
               "autocomplete=\"off\" required data-communes=\"/api/v1/aides/"
               "communes\"");
  choices(req, in, "commune");
  kit_input(req, e, "debut", "Début envisagé (facultatif)", "month",
            in->zStart, "mois, AAAA-MM");
  aid_web_select(req, e, "mode", "Mode d'exercice envisagé", AID_LABEL_MODE,
                 mode, "je ne sais pas encore");
  kit_select(req, e, "premiere_installation", "Première installation ?",
             azYesNo, val(in->zFirst), "je ne sais pas");
  kit_input_ex(req, e, "stage", "Commune de votre stage actuel (facultatif)",
               "text", in->zPlacement, "pour les aides liées au lieu de stage",
               "autocomplete=\"off\" data-communes=\"/api/v1/aides/communes\"");
  choices(req, in, "stage");
  html_printf(req, "</div>\n</div>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Voir mes aides</button></div>\n</form>\n");
}

/* ---- the result ------------------------------------------------------------ */

static const char *const azMonth[] = {"janv.", "févr.", "mars", "avr.", "mai",
                                      "juin", "juil.", "août", "sept.", "oct.",
                                      "nov.", "déc."};

static const char *month_label(Req *req, const AidProfile *p, int m)
{
  if (!p->startYear) return html_mprintf(req, "mois %d", m + 1);
  int k = p->startMonth - 1 + m;
  return html_mprintf(req, "%s %d", azMonth[k % 12] /*trusted*/,
                      p->startYear + k / 12);
}

/* Month-by-month money as runs of equal amounts. */
static void months_table(Req *req, const AidSim *pSim, const AidResult *r,
                         int idx)
{
  if (!r->aMonth || r->totalCents <= 0) return;
  html_printf(req, "<details>\n<summary>Montant mois par mois</summary>\n"
                   "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"mois-%d\">\n<table class=\"table-stack\">"
                   "\n<caption "
                   "id=\"mois-%d\">Versements de « %h »%s</caption>\n"
                   "<thead><tr><th scope=\"col\">Période</th><th scope=\"col\" "
                   "class=\"num\">Par mois</th><th scope=\"col\" "
                   "class=\"num\">Mois</th><th scope=\"col\" "
                   "class=\"num\">Sous-total</th></tr></thead>\n<tbody>\n",
              idx, idx, r->pScheme->zName,
              r->isUpTo ? " (montants maximaux)" /*trusted*/ : "" /*trusted*/);
  for (int m = 0; m < pSim->nHorizon;) {
    int64_t v = r->aMonth[m];
    int j = m + 1;
    while (j < pSim->nHorizon && r->aMonth[j] == v) j++;
    if (v > 0) {
      const char *zFrom = month_label(req, &pSim->profile, m);
      const char *zTo = month_label(req, &pSim->profile, j - 1);
      html_printf(req, "<tr><th scope=\"row\">%h%s%h</th><td class=\"num\" "
                       "data-label=\"Par mois\">%h</td><td class=\"num\" "
                       "data-label=\"Mois\">%d</td><td class=\"num\" "
                       "data-label=\"Sous-total\">%h</td></tr>\n", zFrom,
                  j - 1 > m ? " – " /*trusted*/ : "" /*trusted*/,
                  j - 1 > m ? zTo : "", kit_euros(req, v), j - m,
                  kit_euros(req, v * (j - m)));
    }
    m = j;
  }
  html_printf(req, "</tbody>\n</table>\n</div>\n</details>\n");
}

static void reasons(Req *req, const AidResult *r)
{
  static const char *const azOut[] = {"Condition remplie", "Condition non "
                                      "remplie", "À vérifier par l'équipe"};
  static const char *const azMark[] = {"✓", "✗", "?"};
  html_printf(req, "<details%s>\n<summary>Pourquoi ?</summary>\n<ul>\n",
              r->verdict != AID_ELIGIBLE ? " open" /*trusted*/ : "" /*trusted*/);
  for (int i = 0; i < r->nReason; i++) {
    int o = r->aReason[i].outcome;
    html_printf(req, "<li><span aria-hidden=\"true\">%s</span> <strong>%s"
                     "</strong> : %h</li>\n", azMark[o] /*trusted*/,
                azOut[o] /*trusted*/, r->aReason[i].zText);
  }
  html_printf(req, "</ul>\n</details>\n");
}

/* Codes of the guichet unique's request form (cases/rules.c). */
static const char *case_profession(int prof)
{
  static const char *const az[] = {"medecin_generaliste", "medecin_specialiste",
                                   "chirurgien_dentiste", "sage_femme",
                                   "infirmier", "kinesitherapeute", "autre"};
  return prof >= 0 && prof < AID_NPROF ? az[prof] : "";
}

static const char *case_status(int status)
{
  static const char *const az[] = {"etudiant", "interne", "interne",
                                   "remplacant", "liberal", "salarie",
                                   "autre"};
  return status >= 0 && status < AID_NSTATUS ? az[status] : "";
}

static const char *request_link(Req *req, const AidProfile *p,
                                const AidScheme *s)
{
  const char *zMsg = arena_printf(req_arena(req), "Je souhaite être "
                                  "accompagné·e pour l'aide « %s ».", s->zName);
  return html_mprintf(req, "/demande?profession=%u&statut=%u&projet="
                           "installation&territoire_type=commune&"
                           "territoire_code=%u&territoire_nom=%u&besoins=aides"
                           "&message=%u",
                      case_profession(p->profession), case_status(p->status),
                      p->target.zCommune, p->target.zName, zMsg);
}

/* For agents: file an application for scheme zId with this simulation's
** profile (aids/applic_pages.c reads the same query names). */
static const char *applic_link(Req *req, const char *zId)
{
  static const char *const azName[] = {"profession", "statut", "annee",
                                       "pass_las", "commune", "stage", "mode",
                                       "premiere_installation", "debut"};
  Str s = STR_INIT;
  html_strf(&s, "/instruction/demandes/nouvelle?aide=%u", zId);
  for (size_t i = 0; i < sizeof azName / sizeof azName[0]; i++) {
    const char *z = req_query(req, azName[i]);
    if (z && *z) html_strf(&s, "&%u=%u", azName[i], z);
  }
  const char *zUrl = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return zUrl;
}

static void scheme_block(Req *req, const AidSim *pSim, int i)
{
  const AidResult *r = &pSim->aRes[i];
  const AidScheme *s = r->pScheme;
  html_printf(req, "<section class=\"card\" id=\"aide-%h\" aria-labelledby="
                   "\"titre-%h\">\n<h4 class=\"card-title\" id=\"titre-%h\">%h"
                   "</h4>\n<p>", s->zId, s->zId, s->zId, s->zName);
  aid_web_verdict_badge(req, r->verdict);
  html_printf(req, "</p>\n");
  if (r->verdict != AID_NOT_ELIGIBLE) {
    int hasMoney = 0;
    for (int k = 0; k < s->nBen; k++) hasMoney |= s->aBen[k].kind == AID_BEN_MONEY;
    if (hasMoney && r->isTotalKnown)
      html_printf(req, "<p>Montant total pour vous : <strong>%s%h</strong>"
                       "</p>\n", r->isUpTo ? "jusqu'à " /*trusted*/
                                           : "" /*trusted*/,
                  kit_euros(req, r->totalCents));
    else if (hasMoney)
      html_printf(req, "<p>Montant total : <strong>non connu</strong> (une "
                       "partie du montant ou de la durée n'est pas publiée)%s"
                       "%h</p>\n",
                  r->totalCents > 0 ? " ; connu à ce jour : " /*trusted*/
                               : "" /*trusted*/,
                  r->totalCents > 0 ? kit_euros(req, r->totalCents) : "");
  }
  html_printf(req, "<ul>\n");
  for (int k = 0; k < s->nBen; k++)
    html_printf(req, "<li>%h</li>\n", aid_web_benefit_text(req, &s->aBen[k]));
  html_printf(req, "</ul>\n");
  if (s->commit.hasCommit) {
    html_printf(req, "<p><strong>Engagement :</strong> %h", aid_web_commit_text(req, s));
    if (r->verdict != AID_NOT_ELIGIBLE && r->commitYears > 0)
      html_printf(req, " Pour vous : %.1F an%s.", r->commitYears,
                  r->commitYears >= 2 ? "s" /*trusted*/ : "" /*trusted*/);
    html_printf(req, "</p>\n");
  }
  reasons(req, r);
  months_table(req, pSim, r, i);
  if (r->verdict != AID_NOT_ELIGIBLE) aid_web_guide(req, s);
  html_printf(req, "<p><a href=\"/aides/%u\">Fiche complète<span class="
                   "\"visually-hidden\"> : %h</span></a>", s->zId, s->zName);
  if (r->verdict != AID_NOT_ELIGIBLE)
    html_printf(req, " · <a href=\"%h\">Demander un accompagnement pour "
                     "cette aide<span class=\"visually-hidden\"> (%h)</span>"
                     "</a>", request_link(req, &pSim->profile, s), s->zName);
  if (r->verdict != AID_NOT_ELIGIBLE && req_role(req) >= ROLE_AGENT)
    html_printf(req, " · <a href=\"%h\">Ouvrir une demande d'aide<span "
                     "class=\"visually-hidden\"> (%h)</span></a>",
                applic_link(req, s->zId), s->zName);
  html_printf(req, "</p>\n</section>\n");
}

static int porteur_cmp(const AidScheme *a, const AidScheme *b)
{
  if (a->porteur != b->porteur) return a->porteur - b->porteur;
  int c = strcmp(a->zPorteurCode ? a->zPorteurCode : "",
                 b->zPorteurCode ? b->zPorteurCode : "");
  if (c) return c;
  return strcmp(a->zPorteurName ? a->zPorteurName : "",
                b->zPorteurName ? b->zPorteurName : "");
}

static void best_block(Req *req, const AidSim *pSim, json_t *pJson)
{
  json_t *pBest = json_object_get(pJson, "meilleure");
  const char *zText = json_string_value(json_object_get(pBest, "texte"));
  html_printf(req, "<section class=\"alert alert-info\" aria-labelledby="
                   "\"titre-best\">\n<h2 class=\"alert-title\" id=\"titre-best\">"
                   "La meilleure combinaison</h2>\n<p>%h</p>\n", zText);
  if (pSim->nBest) {
    html_printf(req, "<ul>\n");
    for (int k = 0; k < pSim->nBest; k++) {
      const AidResult *r = &pSim->aRes[pSim->aBest[k]];
      html_printf(req, "<li><a href=\"#aide-%h\">%h</a> : %s%h%s</li>\n",
                  r->pScheme->zId, r->pScheme->zName,
                  r->isUpTo ? "jusqu'à " /*trusted*/ : "" /*trusted*/,
                  kit_euros(req, r->totalCents),
                  r->verdict == AID_TO_CHECK ? " (à vérifier par l'équipe)"
                                               /*trusted*/ : "" /*trusted*/);
    }
    html_printf(req, "</ul>\n");
  }
  json_t *aPair = json_object_get(pJson, "paires");
  if (json_array_size(aPair)) {
    html_printf(req, "<p><strong>Cumul :</strong></p>\n<ul>\n");
    size_t k;
    json_t *v;
    json_array_foreach(aPair, k, v) {
      html_printf(req, "<li>%h</li>\n",
                  json_string_value(json_object_get(v, "texte")));
    }
    html_printf(req, "</ul>\n");
  }
  html_printf(req, "</section>\n");
}

static void sim_result(Req *req, const AidSim *pSim)
{
  const AidPlace *pl = &pSim->profile.target;
  json_t *pJson = aid_sim_json(pSim);
  int nOpen = 0;
  for (int i = 0; i < pSim->nRes; i++)
    nOpen += pSim->aRes[i].verdict != AID_NOT_ELIGIBLE;
  /* The heading takes the focus (aids-sim.js) and the summary is a status
  ** region, so a screen reader hears the answer the moment it comes. */
  html_printf(req, "<section aria-labelledby=\"titre-res\" id=\"resultat\">\n"
                   "<h2 id=\"titre-res\" tabindex=\"-1\">Vos aides pour %h (%h)"
                   "</h2>\n<p id=\"resultat-resume\" role=\"status\" "
                   "class=\"lead\">%d aide%s possible%s pour vous. %h</p>\n<p>",
              pl->zName, pl->zCommune, nOpen,
              nOpen > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              nOpen > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              json_string_value(json_object_get(
                  json_object_get(pJson, "meilleure"), "texte")));
  aid_web_zone_badge(req, pl);
  html_printf(req, "</p>\n<p>");
  if (pl->hasApl)
    html_printf(req, "APL officielle (DREES %d) : <strong>%.2F</strong> "
                     "consultations par habitant et par an", pl->aplVintage,
                pl->apl);
  else
    html_printf(req, "APL officielle : pas de donnée pour cette commune");
  html_printf(req, "</p>\n");
  best_block(req, pSim, pJson);
  json_decref(pJson);
  /* schemes open to the person, grouped by porteur */
  int aOrder[512], n = 0, nOut = 0;
  for (int i = 0; i < pSim->nRes && n < 512; i++) {
    if (pSim->aRes[i].verdict == AID_NOT_ELIGIBLE) {
      nOut++;
      continue;
    }
    int j = n++;
    while (j > 0 && porteur_cmp(pSim->aRes[aOrder[j - 1]].pScheme,
                                pSim->aRes[i].pScheme) > 0) {
      aOrder[j] = aOrder[j - 1];
      j--;
    }
    aOrder[j] = i;
  }
  if (!n)
    html_printf(req, "<p>Aucune aide du catalogue ne correspond à ce profil "
                     "pour cette commune. Le guichet unique peut vous "
                     "renseigner sur d'autres soutiens.</p>\n");
  else
    html_printf(req, "<h3>%d aide%s pour vous, par porteur</h3>\n", n,
                n > 1 ? "s" /*trusted*/ : "" /*trusted*/);
  for (int k = 0; k < n; k++) {
    const AidScheme *s = pSim->aRes[aOrder[k]].pScheme;
    if (k == 0 || porteur_cmp(pSim->aRes[aOrder[k - 1]].pScheme, s)) {
      html_printf(req, "<h3 class=\"eyebrow\">%h%s%h</h3>\n",
                  s->zPorteurName && *s->zPorteurName
                      ? s->zPorteurName
                      : aid_label(AID_LABEL_PORTEUR, s->porteur),
                  " — " /*trusted*/, aid_label(AID_LABEL_PORTEUR, s->porteur));
    }
    html_printf(req, "<div class=\"stack\">\n");
    scheme_block(req, pSim, aOrder[k]);
    html_printf(req, "</div>\n");
  }
  if (nOut) {
    html_printf(req, "<details>\n<summary>%d aide%s non accessible%s avec ce "
                     "profil, et pourquoi</summary>\n<div class=\"stack\">\n",
                nOut, nOut > 1 ? "s" /*trusted*/ : "" /*trusted*/,
                nOut > 1 ? "s" /*trusted*/ : "" /*trusted*/);
    for (int i = 0; i < pSim->nRes; i++) {
      if (pSim->aRes[i].verdict == AID_NOT_ELIGIBLE) scheme_block(req, pSim, i);
    }
    html_printf(req, "</div>\n</details>\n");
  }
  html_printf(req, "<p class=\"muted small\">Montants indicatifs calculés à "
                   "partir du catalogue publié ; seul le porteur de chaque "
                   "aide décide de son attribution.</p>\n</section>\n");
}

/* ROUTE: GET /aides/simulateur public */
void aid_page_sim(Req *req)
{
  AidWebInput in;
  Err err = {0};
  KitErrors e = {0};
  int nBad = aid_web_input_read(req, 1, &in, &e);
  int isAsked = req_query(req, "profession") && req_query(req, "statut");
  AidSim *pSim = NULL;
  AidCatalog *pCat = NULL;
  if (isAsked) {
    AidProfile prof;
    int rc = nBad ? ERR_INPUT : aid_web_profile(req, &in, &prof, &err);
    if (!rc) {
      if (!(pCat = aid_web_catalog_or_reply(req, 0))) return;
      pSim = aid_simulate(pCat, &prof, req_arena(req));
    } else if (rc != ERR_INPUT) {
      kit_reply_err(req, rc, &err);
      return;
    } else {
      if (err.code) {
        kit_error_add(req, &e, err.zField, aid_web_sentence(req, err.zMsg));
      }
      reply_status(req, 400);
    }
  } else {
    e.n = 0;
  }
  page_begin(req, e.n ? "Erreur — Quelles aides pour moi ?"
                      : "Quelles aides pour moi ?");
  kit_breadcrumb(req, "Aides", "/aides", "Simulateur", NULL, NULL);
  html_printf(req, "<h1>Quelles aides pour moi ?</h1>\n<p class=\"lead\">"
                   "Étudiant·e, interne, médecin ou professionnel·le de santé "
                   ": indiquez votre situation et la commune où vous pensez "
                   "exercer. Le simulateur liste les aides du catalogue, ce "
                   "qu'elles vous apportent, ce qu'elles vous engagent à "
                   "faire, et lesquelles se cumulent.</p>\n");
  kit_error_box(req, &e);
  sim_form(req, &in, &e);
  if (pSim) sim_result(req, pSim);
  html_printf(req, "<script src=\"/static/js/aids-sim.js?v=%u\" defer>"
                   "</script>\n", assets_version());
  page_end(req);
  aid_catalog_free(pCat);
}

/* POST /aides/simulateur: same fields; answers with the shareable URL.
** ROUTE: POST /aides/simulateur public
*/
void aid_post_sim(Req *req)
{
  static const char *const azName[] = {
      "profession", "statut", "annee", "pass_las", "commune", "stage", "mode",
      "premiere_installation", "debut"};
  Str s = STR_INIT;
  str_appendz(&s, "/aides/simulateur");
  for (size_t i = 0; i < sizeof azName / sizeof azName[0]; i++) {
    const char *z = kit_value(req, azName[i]);
    if (!*z) continue;
    str_appendc(&s, s.n == 17 ? '?' : '&');
    html_strf(&s, "%u=%u", azName[i], z);
  }
  if (s.n > 17) str_appendz(&s, "#resultat");
  reply_redirect(req, arena_strdup(req_arena(req), str_text(&s)));
  str_free(&s);
}
