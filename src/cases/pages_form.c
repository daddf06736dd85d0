/*
** cases/pages_form.c: the request form "Demande d'accompagnement", public
** (/demande, no account) and for agents taking a phone call
** (/accompagnement/nouveau), plus the helpers every page of the module
** what every page and the API of the module share: the actor, options
** of a code list, list fields, lookups by path id, and the records read
** through one field table each (a request, a partner).
**
** The form keeps what was typed and shows one French message next to each
** invalid field, with a summary at the top linking to them.  A hidden
** one-time token makes a double submission land on the same dossier.
*/
#include <sodium.h>
#include <string.h>

#include "base/log.h"
#include "cases/web_int.h"

/* ---- shared helpers ---------------------------------------------------------- */

CaseActor case_web_actor(Req *req)
{
  const User *u = req_user(req);
  CaseActor a = {0, "demandeur"};
  if (u) {
    a.id = u->id;
    a.zName = u->zName && *u->zName ? u->zName : u->zLogin;
  }
  return a;
}

void case_web_page_begin(Req *req, const char *zTitle, const char *zParent,
                         const char *zParentHref, const char *zCrumb)
{
  page_begin(req, zTitle);
  if (zParent) {
    kit_breadcrumb(req, "Accompagnement", "/accompagnement", zParent,
                   zParentHref, zCrumb, NULL, NULL);
  } else {
    kit_breadcrumb(req, "Accompagnement", "/accompagnement", zCrumb, NULL,
                   NULL);
  }
}

const char *const *case_web_options(Req *req, const CaseLabel *a)
{
  return kit_label_options(req, a);
}

int case_web_list(Req *req, const char *zName, const char ***paz)
{
  json_t *pBody = req_json(req);
  if (!json_is_object(pBody)) return req_form_all(req, zName, paz);
  json_t *v = json_object_get(pBody, zName);
  *paz = NULL;
  if (!v || json_is_null(v)) return 0;
  if (json_is_string(v)) {
    const char **az = arena_alloc(req_arena(req), sizeof *az);
    az[0] = json_string_value(v);
    *paz = az;
    return 1;
  }
  if (!json_is_array(v)) return -1;
  size_t n = json_array_size(v);
  const char **az = arena_alloc(req_arena(req), (n + 1) * sizeof *az);
  for (size_t i = 0; i < n; i++) {
    if (!json_is_string(json_array_get(v, i))) return -1;
    az[i] = json_string_value(json_array_get(v, i));
  }
  *paz = az;
  return (int)n;
}

int case_web_dossier_or_404(Req *req, Dossier *p)
{
  Err err = {0};
  int64_t id = kit_arg_id_or_404(req, "id");
  if (!id) return -1;
  int rc = case_dossier_get(req_db(req), req_arena(req), id, p, &err);
  if (rc == ERR_NOTFOUND) {
    return reply_error(req, 404, "introuvable", "Ce dossier n'existe pas.",
                       NULL);
  }
  return rc ? kit_reply_err(req, rc, &err) : 0;
}

int case_web_dossier_open_or_404(Req *req, Dossier *p)
{
  Err err = {0};
  if (case_web_dossier_or_404(req, p)) return -1;
  int rc = case_act_log_open(req, p, &err);
  return rc ? kit_reply_err(req, rc, &err) : 0;
}

int case_web_task_or_404(Req *req, const Dossier *d, CaseTask *t)
{
  Err err = {0};
  int64_t tid = kit_arg_id_or_404(req, "tid");
  if (!tid) return -1;
  if (case_task_get(req_db(req), req_arena(req), tid, t, &err) ||
      t->dossierId != d->id) {
    return reply_error(req, 404, "introuvable", "Sous-tâche introuvable.",
                       NULL);
  }
  return 0;
}

/* ---- the request record ------------------------------------------------------- */

/* The fields of a request, as the public form, the hotline form and
** POST /api/v1/dossiers name them.  The kit reads and types them; the
** domain checks (required fields, codes, formats) are rules.c's, so their
** messages stay the guichet's own. */
#define RQ(m) offsetof(CaseRequest, m)
static const KitField aRequestField[] = {
  {"prenom", "Prénom", KIT_TEXT, 0, RQ(zFirstName), 0, 0, NULL, NULL},
  {"nom", "Nom", KIT_TEXT, 0, RQ(zLastName), 0, 0, NULL, NULL},
  {"email", "Adresse électronique", KIT_TEXT, 0, RQ(zEmail), 0, 0, NULL,
   NULL},
  {"telephone", "Téléphone", KIT_TEXT, 0, RQ(zPhone), 0, 0, NULL, NULL},
  {"profession", "Profession", KIT_TEXT, 0, RQ(zProfession), 0, 0, NULL,
   NULL},
  {"statut", "Situation actuelle", KIT_TEXT, 0, RQ(zStatus), 0, 0, NULL,
   NULL},
  {"projet", "Projet", KIT_TEXT, 0, RQ(zProject), 0, 0, NULL, NULL},
  {"territoire_type", "Territoire visé", KIT_TEXT, 0, RQ(zTerritoryKind), 0,
   0, NULL, NULL},
  {"territoire_code", "Code du territoire", KIT_TEXT, 0, RQ(zTerritoryCode),
   0, 0, NULL, NULL},
  {"territoire_nom", "Nom du territoire", KIT_TEXT, 0, RQ(zTerritoryLabel),
   0, 0, NULL, NULL},
  {"date_souhaitee", "Date souhaitée", KIT_TEXT, 0, RQ(zWishedDate), 0, 0,
   NULL, NULL},
  {"message", "Précisions", KIT_LONGTEXT, 0, RQ(zMessage), 0, 0, NULL, NULL},
  {"consentement", "Consentement", KIT_BOOL, 0, RQ(hasConsent), 0, 0, NULL,
   NULL},
  {"canal", "Canal", KIT_TEXT, 0, RQ(zChannel), 0, 0, NULL, NULL},
  {"jeton", "Jeton du formulaire", KIT_TEXT, 0, RQ(zIdemToken), 0, 0, NULL,
   NULL},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};
#undef RQ

int case_web_request_read(Req *req, const char *zChannel, CaseRequest *r,
                          KitErrors *e)
{
  memset(r, 0, sizeof *r);
  kit_read(req, aRequestField, r, e);
  const char **az = NULL;
  int n = case_web_list(req, "besoins", &az);
  if (n < 0 || n > CASE_NNEED) {
    kit_error_add(req, e, "besoins", "Besoins : une liste de codes.");
    n = 0;
  }
  for (int i = 0; i < n; i++) r->azNeed[r->nNeed++] = az[i];
  if (zChannel) r->zChannel = zChannel;
  CaseFormErrors fe = {0};
  case_request_validate(r, case_clock_now(), &fe);
  for (int i = 0; i < fe.n; i++) {
    kit_error_add(req, e, fe.a[i].zField, fe.a[i].zMsg);
  }
  return e->n;
}

int case_web_create_or_reply(Req *req, const char *zChannel,
                             CaseFormPage xPage, int64_t *pId, int *pIsNew,
                             char zFollow[65])
{
  CaseRequest r;
  KitErrors e = {0};
  Err err = {0};
  if (case_web_request_read(req, zChannel, &r, &e)) {
    if (!xPage) return kit_reply_errors(req, &e);
    reply_status(req, 400);
    xPage(req, &r, &e);
    return -1;
  }
  int rc = case_act_create(req, &r, pId, pIsNew, zFollow, &err);
  return rc ? kit_reply_err(req, rc, &err) : 0;
}

/* The error of field zName beside a group of controls (fieldset). */
static void web_group_error(Req *req, const KitErrors *e, const char *zName)
{
  const char *zErr = kit_error_of(e, zName);
  if (zErr) {
    html_printf(req, "<p class=\"field-msg\" id=\"f-%h-err\">%h</p>\n", zName,
                zErr);
  }
}

/* Opening of a fieldset grouping the controls of field zName. */
static void web_group_open(Req *req, const KitErrors *e, const char *zName,
                           const char *zLegend)
{
  int isBad = kit_error_of(e, zName) != NULL;
  html_printf(req, "<fieldset class=\"field%s\" id=\"f-%h\"%s>\n"
                   "<legend>%h</legend>\n",
              isBad ? " field-error" : "" /*trusted*/, zName,
              isBad ? html_mprintf(req, " aria-describedby=\"f-%h-err\"",
                                   zName) : "" /*trusted*/,
              zLegend);
  web_group_error(req, e, zName);
}

void case_web_need_checks(Req *req, const char *zName, const char *zLegend,
                          const char *zChecked)
{
  html_printf(req, "<fieldset><legend>%h</legend>\n", zLegend);
  for (int i = 0; case_needs[i].zCode; i++) {
    size_t n = strlen(case_needs[i].zCode);
    int isOn = 0;
    for (const char *z = zChecked; z && *z && !isOn;) {
      z += strspn(z, ", ");
      size_t k = strcspn(z, ", ");
      isOn = k == n && !strncmp(z, case_needs[i].zCode, n);
      z += k;
    }
    html_printf(req, "<label class=\"check\"><input type=\"checkbox\" "
                     "name=\"%h\" value=\"%h\"%s> %h</label>\n", zName,
                case_needs[i].zCode, isOn ? " checked" : "" /*trusted*/,
                case_needs[i].zLabel);
  }
  html_printf(req, "</fieldset>\n");
}

static int web_has_need(const CaseRequest *r, const char *zCode)
{
  for (int i = 0; i < r->nNeed; i++) {
    if (r->azNeed[i] && !strcmp(r->azNeed[i], zCode)) return 1;
  }
  return 0;
}

void case_web_request_form(Req *req, const char *zAction, const CaseRequest *r,
                           const KitErrors *e, int isHotline)
{
  char zToken[33];
  /* A fresh token for each display of an empty form; a form sent back with
  ** errors keeps its token, so its eventual dossier is still one. */
  if (r->zIdemToken && *r->zIdemToken) {
    snprintf(zToken, sizeof zToken, "%s", r->zIdemToken);
  } else {
    unsigned char aRand[16];
    randombytes_buf(aRand, sizeof aRand);
    sodium_bin2hex(zToken, sizeof zToken, aRand, sizeof aRand);
  }
  kit_error_box(req, e);
  form_begin(req, zAction);
  html_printf(req, "<input type=\"hidden\" name=\"jeton\" value=\"%h\">\n"
                   "<p class=\"muted\">Tous les champs sont obligatoires, sauf"
                   " mention « facultatif ».</p>\n", zToken);
  if (isHotline) {
    kit_select(req, e, "canal", "Canal de la demande",
               case_web_options(req, case_channels),
               *r->zChannel ? r->zChannel : "telephone", NULL);
  }
  html_printf(req, "<fieldset>\n<legend>%s</legend>\n",
              isHotline ? "La personne" /*trusted*/ : "Vous" /*trusted*/);
  /* autocomplete only on the requester's own form (RGAA 11.13): on the
  ** hotline an agent types someone else's details */
  kit_input_ex(req, e, "prenom", "Prénom", "text", r->zFirstName, NULL,
               isHotline ? "autocomplete=\"off\"" /*trusted*/
                         : "autocomplete=\"given-name\"" /*trusted*/);
  kit_input_ex(req, e, "nom", "Nom", "text", r->zLastName, NULL,
               isHotline ? "autocomplete=\"off\"" /*trusted*/
                         : "autocomplete=\"family-name\"" /*trusted*/);
  kit_input_ex(req, e, "email", "Adresse électronique", "email", r->zEmail,
               "facultatif si un téléphone est indiqué ; exemple : "
               "prenom.nom@exemple.fr",
               isHotline ? "autocomplete=\"off\"" /*trusted*/
                         : "autocomplete=\"email\"" /*trusted*/);
  kit_input_ex(req, e, "telephone", "Téléphone (facultatif)", "tel",
               r->zPhone, "exemple : 05 55 12 34 56",
               isHotline ? "autocomplete=\"off\"" /*trusted*/
                         : "autocomplete=\"tel\"" /*trusted*/);
  kit_select(req, e, "profession", "Profession",
             case_web_options(req, case_professions), r->zProfession,
             "— choisir —");
  kit_select(req, e, "statut", "Situation actuelle",
             case_web_options(req, case_statuses), r->zStatus, "— choisir —");
  html_printf(req, "</fieldset>\n<fieldset>\n<legend>Le projet</legend>\n");
  kit_select(req, e, "projet", "Projet", case_web_options(req, case_projects),
             r->zProject, "— choisir —");
  web_group_open(req, e, "territoire_type", "Territoire visé");
  for (int i = 0; case_territory_kinds[i].zCode; i++) {
    html_printf(req, "<label class=\"check\"><input type=\"radio\" "
                     "name=\"territoire_type\" value=\"%h\"%s> %h</label>\n",
                case_territory_kinds[i].zCode,
                !strcmp(r->zTerritoryKind, case_territory_kinds[i].zCode)
                    ? " checked" /*trusted*/ : "" /*trusted*/,
                case_territory_kinds[i].zLabel);
  }
  html_printf(req, "</fieldset>\n");
  kit_input(req, e, "territoire_nom", "Nom de la commune ou de "
            "l'intercommunalité (sauf « pas encore décidé »)", "text",
            r->zTerritoryLabel, NULL);
  kit_input(req, e, "territoire_code", "Code INSEE de la commune ou SIREN de "
            "l'intercommunalité (facultatif)", "text", r->zTerritoryCode,
            "exemple : 15014 pour Aurillac");
  kit_input(req, e, "date_souhaitee", "Date souhaitée (facultatif)", "month",
            r->zWishedDate, "mois au format AAAA-MM");
  web_group_open(req, e, "besoins", "Vos besoins (un ou plusieurs)");
  for (int i = 0; case_needs[i].zCode; i++) {
    html_printf(req, "<label class=\"check\"><input type=\"checkbox\" "
                     "name=\"besoins\" value=\"%h\"%s> %h</label>\n",
                case_needs[i].zCode,
                web_has_need(r, case_needs[i].zCode) ? " checked" /*trusted*/
                                                     : "" /*trusted*/,
                case_needs[i].zLabel);
  }
  html_printf(req, "</fieldset>\n");
  kit_textarea(req, e, "message", "Précisions (facultatif)", r->zMessage,
               "4 000 caractères au plus");
  html_printf(req, "</fieldset>\n");
  const char *zErr = kit_error_of(e, "consentement");
  html_printf(req, "<div class=\"field%s\">\n",
              zErr ? " field-error" : "" /*trusted*/);
  web_group_error(req, e, "consentement");
  html_printf(req, "<label class=\"check\"><input type=\"checkbox\" "
                   "id=\"f-consentement\" name=\"consentement\" value=\"1\"%s%s>"
                   " <span>%s les informations de ce formulaire pour "
                   "l'accompagnement de %s projet. Elles sont conservées "
                   "<strong>%d ans après la clôture du dossier</strong>, puis "
                   "anonymisées ; %s droit d'accès, de rectification et "
                   "d'effacement s'exerce auprès du guichet unique.</span>"
                   "</label>\n</div>\n",
              r->hasConsent ? " checked" /*trusted*/ : "" /*trusted*/,
              zErr ? " aria-invalid=\"true\" aria-describedby=\"f-"
                     "consentement-err\"" /*trusted*/ : "" /*trusted*/,
              isHotline ? "La personne accepte que le guichet unique traite"
                          /*trusted*/
                        : "J'accepte que le guichet unique traite" /*trusted*/,
              isHotline ? "son" /*trusted*/ : "mon" /*trusted*/,
              case_retention_years(),
              isHotline ? "son" /*trusted*/ : "mon" /*trusted*/);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">%s"
                   "</button></div>\n",
              isHotline ? "Enregistrer la demande" /*trusted*/
                        : "Envoyer ma demande" /*trusted*/);
  form_end(req);
}

/* ---- the partner record -------------------------------------------------------- */

#define PA(m) offsetof(Partner, m)
static const KitField aPartnerField[] = {
  {"nom", "Nom", KIT_TEXT, 0, PA(zName), 0, 0, NULL, NULL},
  {"type", "Type", KIT_TEXT, 0, PA(zKind), 0, 0, NULL, NULL},
  {"email", "Courriel", KIT_TEXT, 0, PA(zEmail), 0, 0, NULL, NULL},
  {"telephone", "Téléphone", KIT_TEXT, 0, PA(zPhone), 0, 0, NULL, NULL},
  {"site", "Site", KIT_TEXT, 0, PA(zWebsite), 0, 0, NULL, NULL},
  {"notes", "Notes", KIT_LONGTEXT, 0, PA(zNotes), 0, 0, NULL, NULL},
  {"territoires", "Territoires couverts", KIT_TEXT, 0, PA(zTerritories), 0, 0,
   NULL, NULL},
  {"publier", "Publier sur le portail", KIT_BOOL, 0, PA(isPublic), 0, 0, NULL,
   NULL},
  {0, 0, 0, 0, 0, 0, 0, NULL, NULL}
};
#undef PA

int case_web_partner_read(Req *req, Partner *p, KitErrors *e)
{
  memset(p, 0, sizeof *p);
  kit_read(req, aPartnerField, p, e);
  const char **az = NULL;
  int n = case_web_list(req, "themes", &az);
  if (n < 0) {
    kit_error_add(req, e, "themes", "Thèmes : une liste de codes.");
    n = 0;
  }
  Str s = STR_INIT;
  for (int i = 0; i < n; i++) str_appendf(&s, "%s%s", i ? "," : "", az[i]);
  p->zTopics = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return e->n;
}

/* ---- public pages --------------------------------------------------------------- */

/* An empty request (every text "") of channel zChannel. */
static void request_blank(CaseRequest *r, const char *zChannel)
{
  memset(r, 0, sizeof *r);
  r->zFirstName = r->zLastName = r->zEmail = r->zPhone = "";
  r->zProfession = r->zStatus = r->zProject = r->zTerritoryKind = "";
  r->zTerritoryCode = r->zTerritoryLabel = r->zWishedDate = r->zMessage = "";
  r->zIdemToken = "";
  r->zChannel = zChannel;
}

static void request_page(Req *req, const CaseRequest *r, const KitErrors *e)
{
  page_begin(req, e && e->n ? "Erreurs — Demande d'accompagnement"
                            : "Demande d'accompagnement");
  html_printf(req,
      "<h1>Demande d'accompagnement</h1>\n"
      "<p class=\"lead\">Médecin, interne, étudiant·e ou professionnel·le de "
      "santé : vous pensez venir exercer chez nous ? Le guichet unique vous "
      "accompagne dans les démarches, les aides, la recherche d'un lieu "
      "d'exercice, et aussi pour le logement, l'emploi de votre conjoint·e, "
      "l'école des enfants et la découverte du territoire.</p>\n");
  case_web_request_form(req, "/demande", r, e, 0);
  page_end(req);
}

/*
** GET /demande: the empty form, or one prefilled from the query string
** when another page sends a candidate here (the aids simulator, a vacant
** post, a placement offer): profession, statut, projet, territoire_type,
** territoire_code, territoire_nom, message, and besoins as comma-separated
** codes.  Nothing is checked before the form is posted.
** ROUTE: GET /demande public
*/
void case_page_request(Req *req)
{
  CaseRequest r;
  request_blank(&r, "formulaire");
  r.zProfession = kit_query(req, "profession");
  r.zStatus = kit_query(req, "statut");
  r.zProject = kit_query(req, "projet");
  r.zTerritoryKind = kit_query(req, "territoire_type");
  r.zTerritoryCode = kit_query(req, "territoire_code");
  r.zTerritoryLabel = kit_query(req, "territoire_nom");
  r.zMessage = kit_query(req, "message");
  char *zNeeds = arena_strdup(req_arena(req), kit_query(req, "besoins"));
  char *zSave = NULL;
  for (char *zTok = strtok_r(zNeeds, ",", &zSave);
       zTok && r.nNeed < CASE_NNEED; zTok = strtok_r(NULL, ",", &zSave)) {
    r.azNeed[r.nNeed++] = zTok;
  }
  request_page(req, &r, NULL);
}

/* ROUTE: POST /demande public limited */
void case_post_request(Req *req)
{
  Dossier d;
  Err err = {0};
  int64_t id = 0;
  int isNew = 0;
  /* The public form is the web channel, whoever sends it. */
  if (case_web_create_or_reply(req, "formulaire", request_page, &id, &isNew,
                               NULL)) {
    return;
  }
  int rc = case_dossier_get(req_db(req), req_arena(req), id, &d, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  /* The thanks page needs the form's own token beside the reference, so
  ** it tells nobody else whether a reference exists (issue 17). */
  reply_redirect(req, html_mprintf(req, "/demande/merci?ref=%u&jeton=%u",
                                   d.zRef, kit_value(req, "jeton")));
}

/* ROUTE: GET /demande/merci public unlisted */
void case_page_thanks(Req *req)
{
  const char *zRef = kit_query(req, "ref");
  int y, s;
  if (case_ref_parse(zRef, &y, &s) ||
      !case_dossier_find_form(req_db(req), zRef, kit_query(req, "jeton"))) {
    reply_error(req, 404, "introuvable", "Cette demande est introuvable.", NULL);
    return;
  }
  page_begin(req, "Demande enregistrée");
  html_printf(req,
      "<h1>Votre demande est enregistrée</h1>\n"
      "<div class=\"alert alert-success\">\n"
      "<p>Référence de votre dossier : <strong id=\"reference\">%h</strong>"
      "</p>\n<p>Notez-la : elle vous sera demandée lors de nos échanges.</p>\n"
      "</div>\n<p>Un membre du guichet unique vous contacte prochainement.%s"
      "</p>\n<p><a href=\"/\">Retour à l'accueil</a></p>\n",
      zRef,
      case_mail_configured()
          ? " Un accusé de réception vous a été envoyé par courriel "
            "si vous avez indiqué une adresse : il contient le lien de "
            "votre espace de suivi, pour suivre votre demande et écrire "
            "à l'équipe." /*trusted*/
          : "" /*trusted*/);
  page_end(req);
}

/* ---- hotline -------------------------------------------------------------------- */

static void hotline_page(Req *req, const CaseRequest *r, const KitErrors *e)
{
  case_web_page_begin(req, "Nouvelle demande (permanence)", NULL, NULL,
                      "Nouvelle demande");
  html_printf(req,
      "<h1>Nouvelle demande reçue par la permanence</h1>\n"
      "<p class=\"lead\">Saisissez la demande d'un appel, d'un courriel ou "
      "d'une rencontre ; le canal est enregistré avec le dossier.</p>\n");
  case_web_request_form(req, "/accompagnement/nouveau", r, e, 1);
  page_end(req);
}

/* ROUTE: GET /accompagnement/nouveau agent */
void case_page_hotline(Req *req)
{
  CaseRequest r;
  request_blank(&r, "telephone");
  hotline_page(req, &r, NULL);
}

/* ROUTE: POST /accompagnement/nouveau agent */
void case_post_hotline(Req *req)
{
  int64_t id = 0;
  int isNew = 0;
  if (case_web_create_or_reply(req, NULL, hotline_page, &id, &isNew, NULL)) {
    return;
  }
  reply_redirect(req, html_mprintf(req, "/accompagnement/dossiers/%lld",
                                   (long long)id));
}
