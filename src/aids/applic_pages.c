/*
** aids/applic_pages.c: instructing aid applications (agents).
**
**   GET  /instruction/demandes/nouvelle        the filing form, prefilled
**                                              from the simulator's query
**   POST /instruction/demandes                 file one (from a dossier
**                                              or the form above)
**   GET  /instruction/demandes/{id}            one application: profile,
**                                              simulation, documents, the
**                                              next step, history
**   POST /instruction/demandes/{id}/pieces/{did}  a document received
**   POST /instruction/demandes/{id}/etat       the next step
**
** Every write runs in one transaction with its audit record (codes and
** ids, never the beneficiary).  A refused form comes back with every error
** at its field and what was typed.
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "aids/applic_int.h"

/* ---- helpers shared with applic_print.c ---------------------------------- */

void applic_actor(Req *req, long long *pId, const char **pzName)
{
  const User *u = req_user(req);
  *pId = u ? u->id : 0;
  *pzName = !u ? "" : u->zName && *u->zName ? u->zName : u->zLogin;
}

void applic_now(char zOut[24])
{
  time_t t = (time_t)clock_now();
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(zOut, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void applic_state_badge(Req *req, int state)
{
  static const char *const azClass[] = {
    "badge-neutre", "badge-neutre", "badge-neutre", "badge-bien-dote",
    "badge-sous-dote", "badge-bien-dote"
  };
  html_printf(req, "<span class=\"badge %s\">%h</span>",
              azClass[state >= 0 && state < AID_NAS ? state : 0] /*trusted*/,
              aid_applic_state_label(state));
}

int applic_or_404(Req *req, AidApplic *a)
{
  Err err = {0};
  long long id = kit_arg_id_or_404(req, "id");
  if (!id) return -1;
  int rc = aid_applic_get(req_db(req), req_arena(req), id, a, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return -1;
  }
  return 0;
}

/* ---- filing ---------------------------------------------------------------- */

typedef struct ApplicIn ApplicIn;
struct ApplicIn {
  const char *zAid, *zBeneficiary;
  int64_t dossierId;
};

static const KitField aApplicField[] = {
  {"aide", "Aide demandée", KIT_TEXT, KIT_REQUIRED, offsetof(ApplicIn, zAid),
   0, AID_ID_MAX - 1, NULL, NULL},
  {"beneficiaire", "Bénéficiaire", KIT_TEXT, KIT_REQUIRED,
   offsetof(ApplicIn, zBeneficiary), 0, 127, NULL, NULL},
  {"dossier", "Dossier du guichet unique", KIT_ID, 0,
   offsetof(ApplicIn, dossierId), 0, 0, NULL, NULL},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

static void applic_form(Req *req, const KitErrors *e, const AidCatalog *pCat,
                 const ApplicIn *a, const AidWebInput *in)
{
  const char **azOpt = arena_alloc(req_arena(req), sizeof *azOpt *
                                   (size_t)(2 * pCat->nScheme + 1));
  int n = 0;
  for (int i = 0; i < pCat->nScheme; i++) {
    azOpt[n++] = pCat->aScheme[i].zId;
    azOpt[n++] = pCat->aScheme[i].zName;
  }
  azOpt[n] = NULL;
  form_begin(req, "/instruction/demandes");
  if (a->dossierId > 0) {
    html_printf(req, "<input type=\"hidden\" name=\"dossier\" value=\"%lld\">"
                     "\n", (long long)a->dossierId);
  }
  kit_select(req, e, "aide", "Aide demandée", azOpt, a->zAid, "Choisissez…");
  kit_input(req, e, "beneficiaire", "Bénéficiaire (nom et prénom)", "text",
            a->zBeneficiary, NULL);
  aid_web_select(req, e, "profession", "Profession", AID_LABEL_PROF,
                 aid_label_find(AID_LABEL_PROF, in->zProfession), "");
  aid_web_select(req, e, "statut", "Situation", AID_LABEL_STATUS,
                 aid_label_find(AID_LABEL_STATUS, in->zStatus), "");
  kit_input_ex(req, e, "annee", "Année d'études (facultatif)", "number",
               in->zYear, "comptée depuis le PASS/L.AS = 1",
               "min=\"1\" max=\"14\" inputmode=\"numeric\"");
  kit_check(req, "pass_las", "PASS ou L.AS validé",
            !strcmp(in->zPassLas, "oui") || !strcmp(in->zPassLas, "1") ||
            !strcmp(in->zPassLas, "on"));
  kit_input(req, e, "commune", "Commune d'exercice visée", "text",
            in->zCommune, "code INSEE ou nom");
  kit_input(req, e, "stage", "Commune du stage actuel (facultatif)", "text",
            in->zPlacement, NULL);
  kit_input(req, e, "debut", "Début envisagé (facultatif)", "month",
            in->zStart, NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Déposer la demande</button></div>\n");
  form_end(req);
}

static void applic_new_render(Req *req, const KitErrors *e,
                              const ApplicIn *a, const AidWebInput *in)
{
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 0);
  if (!pCat) return;
  page_begin(req, "Nouvelle demande d'aide");
  kit_breadcrumb(req, "Instruction des aides", "/instruction",
                 "Nouvelle demande", NULL, NULL);
  html_printf(req, "<h1>Nouvelle demande d'aide</h1>\n<p>La demande garde le "
                   "profil et la simulation de ce jour ; les pièces "
                   "justificatives sont ensuite suivies une à une.</p>\n");
  kit_error_box(req, e);
  applic_form(req, e, pCat, a, in);
  page_end(req);
  aid_catalog_free(pCat);
}

/* GET /instruction/demandes/nouvelle?aide=…&profession=…: the simulator's
** result (its shareable query) or a dossier leads here.
** ROUTE: GET /instruction/demandes/nouvelle agent
*/
void applic_page_new(Req *req)
{
  AidWebInput in;
  KitErrors e = {0};
  ApplicIn a = {kit_query(req, "aide"), "", kit_query_int(req, "dossier", 0)};
  aid_web_input_read(req, 1, &in, &e);
  applic_new_render(req, NULL, &a, &in);
}

/* The profile as the simulator's inputs (JSON text, arena). */
static const char *applic_profile_json(Req *req, const AidWebInput *in)
{
  json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
                        "profession", in->zProfession, "statut", in->zStatus,
                        "annee", in->zYear, "pass_las", in->zPassLas,
                        "commune", in->zCommune, "stage", in->zPlacement,
                        "mode", in->zMode, "premiere_installation",
                        in->zFirst, "debut", in->zStart);
  char *z = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
  const char *zOut = arena_strdup(req_arena(req), z ? z : "{}");
  free(z);
  json_decref(o);
  return zOut;
}

void applic_profile_read(Req *req, const char *zJson, AidWebInput *in)
{
  json_t *o = json_loads(zJson ? zJson : "{}", 0, NULL);
  const char **apz[] = {&in->zProfession, &in->zStatus, &in->zYear,
                        &in->zPassLas, &in->zCommune, &in->zPlacement,
                        &in->zMode, &in->zFirst, &in->zStart};
  const char *azKey[] = {"profession", "statut", "annee", "pass_las",
                         "commune", "stage", "mode", "premiere_installation",
                         "debut"};
  memset(in, 0, sizeof *in);
  for (size_t i = 0; i < sizeof azKey / sizeof *azKey; i++) {
    const char *z = json_string_value(json_object_get(o, azKey[i]));
    *apz[i] = arena_strdup(req_arena(req), z ? z : "");
  }
  json_decref(o);
}

AidSim *applic_simulate(Req *req, const AidCatalog *pCat, AidWebInput *in,
                        Err *err)
{
  AidProfile prof;
  if (aid_web_profile(req, in, &prof, err)) return NULL;
  return aid_simulate(pCat, &prof, req_arena(req));
}

typedef struct ApplicNew ApplicNew;
struct ApplicNew {
  AidApplic a;
  const char **azDoc;        /* the scheme's documents; NULL: the defaults */
  long long id;
};

static int applic_create(Req *req, void *pArg, Err *err)
{
  ApplicNew *x = pArg;
  long long actorId;
  const char *zActor;
  char zNow[24];
  applic_actor(req, &actorId, &zActor);
  applic_now(zNow);
  const char *const *azDoc = x->azDoc ? x->azDoc : aid_applic_default_docs;
  int rc = aid_applic_create(req_db(req), &x->a, azDoc,
                             actorId, zActor, zNow, &x->id, err);
  if (rc) return rc;
  return kit_audit(req, "demande_aide", x->id, "create", NULL,
                   json_pack("{s:s,s:I}", "aide", x->a.zAid, "dossier",
                             (json_int_t)x->a.dossierId), err);
}

/* ROUTE: POST /instruction/demandes agent */
void applic_post_new(Req *req)
{
  AidWebInput in;
  KitErrors e = {0};
  ApplicIn a;
  Err err = {0};
  memset(&a, 0, sizeof a);
  kit_read(req, aApplicField, &a, &e);
  aid_web_input_read(req, 0, &in, &e);
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 0);
  if (!pCat) return;
  int iAid = a.zAid && *a.zAid ? aid_catalog_find(pCat, a.zAid) : -1;
  if (a.zAid && *a.zAid && iAid < 0) {
    kit_error_add(req, &e, "aide", "Aide inconnue ou non publiée.");
  }
  AidSim *pSim = NULL;
  if (!e.n && !(pSim = applic_simulate(req, pCat, &in, &err))) {
    kit_error_from(req, &e, &err);
  }
  if (pSim && pSim->aRes[iAid].verdict == AID_NOT_ELIGIBLE) {
    const AidResult *r = &pSim->aRes[iAid];
    const char *zWhy = "une condition n'est pas remplie";
    for (int i = 0; i < r->nReason; i++) {
      if (r->aReason[i].outcome == AID_FAILED) {
        zWhy = r->aReason[i].zText;
        break;
      }
    }
    kit_error_add(req, &e, "aide", arena_printf(req_arena(req),
                  "D'après la simulation, ce profil n'y a pas droit : %s",
                  zWhy));
  }
  if (e.n) {
    aid_catalog_free(pCat);
    reply_status(req, 400);
    applic_new_render(req, &e, &a, &in);
    return;
  }
  ApplicNew x;
  memset(&x, 0, sizeof x);
  json_t *pJson = aid_sim_json(pSim);
  char *zSim = json_dumps(pJson, JSON_COMPACT);
  json_decref(pJson);
  x.a.zAid = pCat->aScheme[iAid].zId;
  x.azDoc = aid_scheme_docs(&pCat->aScheme[iAid], req_arena(req));
  x.a.dossierId = a.dossierId;
  x.a.zBeneficiary = a.zBeneficiary;
  x.a.zProfile = applic_profile_json(req, &in);
  x.a.zSimulation = arena_strdup(req_arena(req), zSim ? zSim : "{}");
  x.a.zPlace = pSim->profile.target.zCommune;
  free(zSim);
  int rc = kit_write(req, applic_create, &x, &err);
  aid_catalog_free(pCat);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/instruction/demandes/%lld", x.id));
}

/* ---- one application --------------------------------------------------------- */

/* The simulation stored at filing: this scheme's verdict and money. */
static void applic_sim_summary(Req *req, const AidApplic *a)
{
  json_t *o = json_loads(a->zSimulation, 0, NULL);
  json_t *aRes = json_object_get(o, "aides"), *r = NULL, *v;
  size_t i;
  json_array_foreach(aRes, i, v) {
    const char *zId = json_string_value(json_object_get(v, "id"));
    if (zId && !strcmp(zId, a->zAid)) r = v;
  }
  if (r) {
    json_t *pMoney = json_object_get(r, "argent");
    json_t *pTotal = json_object_get(pMoney, "total_centimes");
    html_printf(req, "<p>Simulation du dépôt : <strong>%h</strong>%h%h%h.</p>"
                     "\n",
                json_string_value(json_object_get(r, "verdict")),
                json_is_integer(pTotal) ? ", " : "",
                json_is_true(json_object_get(pMoney, "jusqu_a"))
                    ? "jusqu'à " : "",
                json_is_integer(pTotal)
                    ? kit_euros(req, json_integer_value(pTotal)) : "");
  }
  json_decref(o);
}

static void applic_docs_section(Req *req, const AidApplic *a)
{
  Err err = {0};
  AidApplicDoc *aD;
  int nD = 0;
  char zToday[11];
  clock_today_iso(zToday);
  if (aid_applic_docs(req_db(req), req_arena(req), a->id, &aD, &nD, &err)) {
    return;
  }
  html_printf(req, "<section aria-labelledby=\"t-pieces\">\n<h2 id=\"t-pieces\">"
                   "Pièces justificatives (%d manquante%s)</h2>\n<ul "
                   "class=\"cards\">\n", a->nDocMissing,
              a->nDocMissing > 1 ? "s" : "" /*trusted*/);
  for (int i = 0; i < nD; i++) {
    html_printf(req, "<li class=\"card\"><p><strong>%h</strong> — %h</p>\n",
                aD[i].zLabel, *aD[i].zReceived
                    ? arena_printf(req_arena(req), "reçue le %s",
                                   kit_date_fr(req, aD[i].zReceived))
                    : "attendue");
    if (a->state == AID_AS_FILED) {
      form_begin(req, html_mprintf(req, "/instruction/demandes/%lld/pieces/"
                                        "%lld", (long long)a->id,
                                   (long long)aD[i].id));
      html_printf(req, "<input type=\"hidden\" name=\"recu_le\" value=\"%h\">"
                       "<button type=\"submit\" class=\"btn-small%s\">%h"
                       "<span class=\"visually-hidden\"> : %h</span></button>"
                       "\n", *aD[i].zReceived ? "" : zToday,
                  *aD[i].zReceived ? " btn-secondary" : "" /*trusted*/,
                  *aD[i].zReceived ? "Remettre en attente" : "Reçue ce jour",
                  aD[i].zLabel);
      form_end(req);
    }
    html_printf(req, "</li>\n");
  }
  html_printf(req, "</ul>\n</section>\n");
}

/* The form of the next step, by state. */
static void applic_next_step(Req *req, const AidApplic *a, const KitErrors *e)
{
  Err err = {0};
  const char *zAction = html_mprintf(req, "/instruction/demandes/%lld/etat",
                                     (long long)a->id);
  html_printf(req, "<section aria-labelledby=\"t-etape\" class=\"card\">\n"
                   "<h2 id=\"t-etape\">Étape suivante</h2>\n");
  kit_error_box(req, e);
  switch (a->state) {
  case AID_AS_FILED:
    form_begin(req, zAction);
    html_printf(req, "<input type=\"hidden\" name=\"etat\" value=\"complete\">"
                     "<p>Quand toutes les pièces sont arrivées :</p><button "
                     "type=\"submit\">Déclarer la demande complète</button>\n");
    form_end(req);
    break;
  case AID_AS_COMPLETE: {
    AidSession *aS;
    int nS = 0;
    if (aid_session_list(req_db(req), req_arena(req), &aS, &nS, &err)) break;
    if (nS == 0) {
      html_printf(req, "<p>Aucune séance de commission : <a href=\""
                       "/instruction/commissions\">en créer une</a>.</p>\n");
      break;
    }
    const char **azOpt = arena_alloc(req_arena(req),
                                     sizeof *azOpt * (size_t)(2 * nS + 1));
    for (int i = 0; i < nS; i++) {
      azOpt[2 * i] = arena_printf(req_arena(req), "%lld", (long long)aS[i].id);
      azOpt[2 * i + 1] = arena_printf(req_arena(req), "%s — %s",
                                      kit_date_fr(req, aS[i].zDate),
                                      aS[i].zTitle);
    }
    azOpt[2 * nS] = NULL;
    form_begin(req, zAction);
    html_printf(req, "<input type=\"hidden\" name=\"etat\" "
                     "value=\"en_commission\">\n");
    kit_select(req, e, "commission", "Séance de la commission", azOpt,
               kit_value(req, "commission"), "Choisissez…");
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                     "Inscrire à l'ordre du jour</button></div>\n");
    form_end(req);
    break;
  }
  case AID_AS_COMMISSION:
    form_begin(req, zAction);
    html_printf(req, "<input type=\"hidden\" name=\"etat\" value=\"accordee\">"
                     "\n");
    kit_input_ex(req, e, "montant", "Montant accordé (€)", "text",
                 kit_value(req, "montant"), "exemple : 43 200",
                 "inputmode=\"decimal\"");
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                     "Accorder</button></div>\n");
    form_end(req);
    form_begin(req, zAction);
    html_printf(req, "<input type=\"hidden\" name=\"etat\" value=\"refusee\">"
                     "\n");
    kit_textarea(req, e, "motif", "Motifs du refus", kit_value(req, "motif"),
                 "ils figurent dans la lettre de décision");
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\" "
                     "class=\"btn-secondary\">Refuser</button></div>\n");
    form_end(req);
    break;
  case AID_AS_GRANTED: {
    const char *zPlace = *kit_value(req, "lieu") ? kit_value(req, "lieu")
                                                 : a->zPlace;
    form_begin(req, zAction);
    html_printf(req, "<input type=\"hidden\" name=\"etat\" "
                     "value=\"convention_signee\">\n");
    kit_input(req, e, "signature", "Convention signée le", "date",
              kit_value(req, "signature"), NULL);
    kit_input(req, e, "debut", "Début de l'engagement d'exercice", "date",
              kit_value(req, "debut"), NULL);
    kit_input(req, e, "fin", "Fin de l'engagement d'exercice", "date",
              kit_value(req, "fin"), "incluse");
    kit_input(req, e, "lieu", "Commune d'exercice (code INSEE)", "text",
              zPlace, NULL);
    html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                     "Enregistrer la convention signée</button></div>\n");
    form_end(req);
    break;
  }
  default:
    html_printf(req, "<p>Instruction terminée.</p>\n");
  }
  html_printf(req, "</section>\n");
}

static void applic_history(Req *req, const AidApplic *a)
{
  Err err = {0};
  AidApplicEvent *aE;
  int nE = 0;
  if (aid_applic_log(req_db(req), req_arena(req), a->id, &aE, &nE, &err)) {
    return;
  }
  html_printf(req, "<section aria-labelledby=\"t-historique\">\n<h2 "
                   "id=\"t-historique\">Historique</h2>\n<ol>\n");
  for (int i = 0; i < nE; i++) {
    html_printf(req, "<li>%h à %h — %h%h%h%h%h</li>\n",
                kit_date_fr(req, arena_strndup(req_arena(req), aE[i].zAt, 10)),
                arena_strndup(req_arena(req), aE[i].zAt +
                              (strlen(aE[i].zAt) >= 16 ? 11 : 0), 5),
                aid_applic_state_label(aid_applic_state_find(aE[i].zTo)),
                *aE[i].zActor ? ", par " : "", aE[i].zActor,
                *aE[i].zNote ? " : " : "", aE[i].zNote);
  }
  html_printf(req, "</ol>\n</section>\n");
}

static void applic_render(Req *req, const AidApplic *a, const KitErrors *e)
{
  page_begin(req, html_mprintf(req, "Demande d'aide n° %lld",
                               (long long)a->id));
  kit_breadcrumb(req, "Instruction des aides", "/instruction",
                 html_mprintf(req, "Demande n° %lld", (long long)a->id),
                 NULL, NULL);
  html_printf(req, "<h1>Demande d'aide n° %lld ", (long long)a->id);
  applic_state_badge(req, a->state);
  html_printf(req, "</h1>\n<div class=\"grid-2\">\n<div>\n<dl class=\"facts\">"
                   "\n<dt>Aide</dt><dd><a href=\"/aides/%u\">%h</a></dd>\n"
                   "<dt>Bénéficiaire</dt><dd>%h</dd>\n<dt>Déposée le</dt>"
                   "<dd>%h</dd>\n<dt>Commune visée</dt><dd>%h</dd>\n",
              a->zAid, *a->zAidName ? a->zAidName : a->zAid, a->zBeneficiary,
              kit_date_fr(req, arena_strndup(req_arena(req), a->zCreatedAt,
                                             10)),
              *a->zPlace ? aid_web_place_label(req, a->zPlace) : "—");
  if (a->dossierId) {
    html_printf(req, "<dt>Dossier</dt><dd><a id=\"lien-dossier\" href=\""
                     "/accompagnement/dossiers/%lld\">dossier du guichet "
                     "unique</a></dd>\n", (long long)a->dossierId);
  }
  if (a->sessionId) {
    html_printf(req, "<dt>Commission</dt><dd><a href=\"/instruction/"
                     "commissions/%lld\">séance du %h</a></dd>\n",
                (long long)a->sessionId, kit_date_fr(req, a->zSessionDate));
  }
  if (a->grantedCents > 0) {
    html_printf(req, "<dt>Montant accordé</dt><dd>%h</dd>\n",
                kit_euros(req, a->grantedCents));
  }
  if (*a->zDecision) {
    html_printf(req, "<dt>Motifs</dt><dd class=\"pre-line\">%h</dd>\n",
                a->zDecision);
  }
  if (a->commitmentId) {
    html_printf(req, "<dt>Engagement</dt><dd><a id=\"lien-engagement\" "
                     "href=\"/aides/engagements/%lld\">engagement n° %lld "
                     "au registre</a></dd>\n", (long long)a->commitmentId,
                (long long)a->commitmentId);
  }
  html_printf(req, "</dl>\n");
  applic_sim_summary(req, a);
  if (a->state >= AID_AS_GRANTED) {
    html_printf(req, "<p><a href=\"/instruction/demandes/%lld/decision\">"
                     "Lettre de décision (imprimable)</a></p>\n",
                (long long)a->id);
  }
  if (a->state == AID_AS_GRANTED || a->state == AID_AS_SIGNED) {
    html_printf(req, "<p><a href=\"/instruction/demandes/%lld/convention\">"
                     "Convention (imprimable)</a></p>\n", (long long)a->id);
  }
  html_printf(req, "</div>\n<div>\n");
  applic_next_step(req, a, e);
  html_printf(req, "</div>\n</div>\n");
  applic_docs_section(req, a);
  if (a->commitmentId) applic_schedule_section(req, a->commitmentId);
  applic_history(req, a);
  page_end(req);
}

/* ROUTE: GET /instruction/demandes/{id} agent */
void applic_page(Req *req)
{
  AidApplic a;
  if (applic_or_404(req, &a)) return;
  applic_render(req, &a, NULL);
}

/* After a write: the application again (303), or with the error at its
** field (400). */
static void applic_after(Req *req, const AidApplic *a, int rc, const Err *err,
                         KitErrors *e)
{
  if (!rc && (!e || !e->n)) {
    reply_redirect(req, html_mprintf(req, "/instruction/demandes/%lld",
                                     (long long)a->id));
    return;
  }
  if (rc && rc != ERR_INPUT && rc != ERR_NOTFOUND) {
    kit_reply_err(req, rc, err);
    return;
  }
  KitErrors eAgain = {0};
  if (!e) e = &eAgain;
  if (rc) kit_error_from(req, e, err);
  AidApplic again;
  Err e2 = {0};
  if (aid_applic_get(req_db(req), req_arena(req), a->id, &again, &e2)) {
    again = *a;
  }
  reply_status(req, 400);
  applic_render(req, &again, e);
}

typedef struct ApplicDoc ApplicDoc;
struct ApplicDoc {
  const AidApplic *a;
  long long docId;
  const char *zDate;
};

static int applic_doc(Req *req, void *pArg, Err *err)
{
  ApplicDoc *x = pArg;
  int rc = aid_applic_doc_set(req_db(req), x->a->id, x->docId, x->zDate, err);
  return rc ? rc : kit_audit(req, "demande_aide", x->a->id, "document",
                             NULL, json_pack("{s:I,s:b}", "piece",
                             (json_int_t)x->docId, "recue", *x->zDate != 0),
                             err);
}

/* ROUTE: POST /instruction/demandes/{id}/pieces/{did} agent */
void applic_post_doc(Req *req)
{
  AidApplic a;
  Err err = {0};
  if (applic_or_404(req, &a)) return;
  long long docId = kit_arg_id_or_404(req, "did");
  if (!docId) return;
  ApplicDoc x = {&a, docId, kit_value(req, "recu_le")};
  if (a.state != AID_AS_FILED) {
    err_set(&err, ERR_INPUT, "Les pièces se suivent tant que la demande est "
            "déposée.");
    err_field(&err, "etat");
    applic_after(req, &a, ERR_INPUT, &err, NULL);
    return;
  }
  applic_after(req, &a, kit_write(req, applic_doc, &x, &err), &err, NULL);
}

/* ---- the next step ------------------------------------------------------------- */

typedef struct MoveIn MoveIn;
struct MoveIn {
  const char *zState, *zNote, *zSigned, *zStart, *zEnd, *zPlace;
  int64_t sessionId, cents;
};

static const KitField aMoveField[] = {
  {"etat", "Étape", KIT_TEXT, KIT_REQUIRED, offsetof(MoveIn, zState), 0, 40,
   NULL, NULL},
  {"commission", "Séance de la commission", KIT_ID, 0,
   offsetof(MoveIn, sessionId), 0, 0, NULL, NULL},
  {"montant", "Montant accordé", KIT_CENTS, 0, offsetof(MoveIn, cents), 0,
   0, NULL, NULL},
  {"motif", "Motifs", KIT_LONGTEXT, 0, offsetof(MoveIn, zNote), 0, 4000,
   NULL, NULL},
  {"signature", "Date de signature", KIT_DATE, 0, offsetof(MoveIn, zSigned),
   0, 0, NULL, NULL},
  {"debut", "Début de l'engagement", KIT_DATE, 0, offsetof(MoveIn, zStart), 0,
   0, NULL, NULL},
  {"fin", "Fin de l'engagement", KIT_DATE, 0, offsetof(MoveIn, zEnd), 0, 0,
   NULL, NULL},
  {"lieu", "Commune d'exercice", KIT_TEXT, 0, offsetof(MoveIn, zPlace), 0, 5,
   NULL, NULL},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

typedef struct ApplicMove ApplicMove;
struct ApplicMove {
  AidApplic *a;
  AidApplicMove m;
  AidDue *aDue;
  int nDue;
};

static int applic_move(Req *req, void *pArg, Err *err)
{
  ApplicMove *x = pArg;
  long long actorId;
  const char *zActor;
  char zNow[24];
  const char *zFrom = aid_applic_state_code(x->a->state);
  applic_actor(req, &actorId, &zActor);
  applic_now(zNow);
  int rc = aid_applic_move(req_db(req), x->a, &x->m, x->aDue, x->nDue,
                           actorId, zActor, zNow, err);
  if (rc) return rc;
  return kit_audit(req, "demande_aide", x->a->id, "transition",
                   json_pack("{s:s}", "etat", zFrom),
                   json_pack("{s:s,s:I}", "etat",
                             aid_applic_state_code(x->m.to), "engagement",
                             (json_int_t)x->a->commitmentId), err);
}

/* The schedule of a signature: the money months of the simulation the
** profile gives today (one payment of the whole grant when it gives
** none). */
static int applic_due(Req *req, const AidApplic *a, const char *zSigned,
                      AidDue **paDue)
{
  Err err = {0};
  AidWebInput in;
  const int64_t *aMonth = NULL;
  int nMonth = 0;
  AidCatalog *pCat = aid_catalog_new();
  applic_profile_read(req, a->zProfile, &in);
  if (!aid_store_load(req_db(req), pCat, 0, &err)) {
    int i = aid_catalog_find(pCat, a->zAid);
    AidSim *pSim = i >= 0 ? applic_simulate(req, pCat, &in, &err) : NULL;
    if (pSim && pSim->aRes[i].aMonth) {
      aMonth = pSim->aRes[i].aMonth;
      nMonth = pSim->nHorizon;
    }
  }
  *paDue = arena_alloc(req_arena(req), sizeof **paDue * AID_HORIZON_MAX);
  int n = aid_applic_schedule(aMonth, nMonth, a->grantedCents, zSigned,
                              *paDue, AID_HORIZON_MAX);
  aid_catalog_free(pCat);
  return n;
}

/* ROUTE: POST /instruction/demandes/{id}/etat agent */
void applic_post_move(Req *req)
{
  AidApplic a;
  Err err = {0};
  KitErrors e = {0};
  MoveIn in;
  memset(&in, 0, sizeof in);
  if (applic_or_404(req, &a)) return;
  kit_read(req, aMoveField, &in, &e);
  if (e.n) {
    applic_after(req, &a, 0, &err, &e);
    return;
  }
  ApplicMove x = {.a = &a};
  x.m.to = aid_applic_state_find(in.zState);
  x.m.sessionId = in.sessionId;
  x.m.grantedCents = in.cents == KIT_UNSET ? 0 : in.cents;
  x.m.zNote = in.zNote;
  x.m.zSigned = in.zSigned;
  x.m.zStart = in.zStart;
  x.m.zEnd = in.zEnd;
  x.m.zPlace = in.zPlace;
  int rc = aid_applic_check(&a, &x.m, &err);
  if (!rc && x.m.to == AID_AS_SIGNED) {
    x.nDue = applic_due(req, &a, in.zSigned, &x.aDue);
  }
  if (!rc) rc = kit_write(req, applic_move, &x, &err);
  applic_after(req, &a, rc, &err, NULL);
}

/* ---- the dossier page's panel -------------------------------------------- */

/* The request form's codes (cases/rules.c) as the simulator's enums. */
static int applic_case_code(const char *z, int isStatus)
{
  static const struct { const char *zCode; int v; } aProf[] = {
    {"medecin_generaliste", AID_MG}, {"medecin_specialiste", AID_SPE},
    {"chirurgien_dentiste", AID_DENT}, {"sage_femme", AID_SF},
    {"infirmier", AID_IDE}, {"kinesitherapeute", AID_MK},
    {"autre", AID_PARA},
  }, aStatus[] = {
    {"etudiant", AID_ETUDIANT}, {"interne", AID_INTERNE},
    {"remplacant", AID_REMPLACANT}, {"liberal", AID_LIBERAL},
    {"salarie", AID_SALARIE},
  };
  size_t n = isStatus ? sizeof aStatus / sizeof *aStatus
                      : sizeof aProf / sizeof *aProf;
  for (size_t i = 0; z && i < n; i++) {
    if (!strcmp(z, isStatus ? aStatus[i].zCode : aProf[i].zCode)) {
      return isStatus ? aStatus[i].v : aProf[i].v;
    }
  }
  return -1;
}

void aid_applic_dossier_panel(Req *req, long long dossierId, const char *zRef,
                              const char *zName, const char *zProfession,
                              const char *zStatus, const char *zCommune,
                              int isOpen)
{
  Err err = {0};
  AidApplic *a;
  int n = 0;
  if (aid_applic_list(req_db(req), req_arena(req), dossierId, -1, 0, &a, &n,
                      &err)) {
    return;
  }
  html_printf(req, "<section aria-labelledby=\"t-demandes-aide\">\n<h2 "
                   "id=\"t-demandes-aide\">Demandes d'aide (%d)</h2>\n", n);
  if (n > 0) {
    applic_table(req, a, n, html_mprintf(req, "Demandes d'aide du dossier %h",
                                         zRef));
    for (int i = 0; i < n; i++) {
      if (!a[i].commitmentId) continue;
      html_printf(req, "<p>Demande n° %lld : <a href=\"/aides/engagements/"
                       "%lld\">engagement n° %lld au registre</a></p>\n",
                  (long long)a[i].id, (long long)a[i].commitmentId,
                  (long long)a[i].commitmentId);
    }
  }
  AidCatalog *pCat = isOpen ? aid_catalog_new() : NULL;
  if (pCat && !aid_store_load(req_db(req), pCat, 1, &err) &&
      pCat->nScheme > 0) {
    int prof = applic_case_code(zProfession, 0);
    int status = applic_case_code(zStatus, 1);
    AidWebInput in;
    memset(&in, 0, sizeof in);
    in.zProfession = prof >= 0 ? aid_web_code(req, AID_LABEL_PROF, prof) : "";
    in.zStatus = status >= 0 ? aid_web_code(req, AID_LABEL_STATUS, status)
                             : "";
    in.zYear = in.zPassLas = in.zPlacement = in.zStart = "";
    in.zMode = in.zFirst = "";
    in.zCommune = zCommune ? zCommune : "";
    ApplicIn x = {"", zName ? zName : "", dossierId};
    html_printf(req, "<details class=\"card\"><summary>Ouvrir une demande "
                     "d'aide avec le profil du dossier</summary>\n");
    applic_form(req, NULL, pCat, &x, &in);
    html_printf(req, "</details>\n");
  }
  aid_catalog_free(pCat);
  html_printf(req, "</section>\n");
}
