/*
** cases/pages_form.c: the request form "Demande d'accompagnement", public
** (/demande, no account) and for agents taking a phone call
** (/accompagnement/nouveau), plus the helpers every page of the module
** shares (actor, trimmed fields, dossier lookup, audit record).
**
** The form keeps what was typed and shows one French message next to each
** invalid field, with a summary at the top linking to them.  A hidden
** one-time token makes a double submission land on the same dossier.
*/
#include <ctype.h>
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

static const char *web_trim(Req *req, const char *z)
{
  if (!z) return "";
  while (*z && isspace((unsigned char)*z)) z++;
  size_t n = strlen(z);
  while (n > 0 && isspace((unsigned char)z[n - 1])) n--;
  return arena_strndup(req_arena(req), z, n);
}

const char *case_web_field(Req *req, const char *zName)
{
  return web_trim(req, req_form(req, zName));
}

const char *case_web_query(Req *req, const char *zName)
{
  return web_trim(req, req_query(req, zName));
}

int64_t case_web_arg_id(Req *req, const char *zName)
{
  const char *z = req_arg(req, zName);
  long n;
  if (!z || str_to_long(z, &n) || n <= 0) return 0;
  return n;
}

int case_web_dossier_or_404(Req *req, Dossier *p)
{
  Err err = {0};
  int64_t id = case_web_arg_id(req, "id");
  int rc = id ? case_dossier_get(req_db(req), req_arena(req), id, p, &err)
              : ERR_NOTFOUND;
  if (rc == ERR_NOTFOUND) {
    return reply_error(req, 404, "introuvable", "Ce dossier n'existe pas.", NULL);
  }
  if (rc) return reply_incident(req, &err);
  return 0;
}

int case_web_audit(Req *req, int64_t id, const char *zAction,
                   const char *zDetail, Err *err)
{
  json_t *pAfter = json_pack("{s:s}", "detail", zDetail ? zDetail : "");
  int rc = audit_log(req, "dossier", id, zAction, NULL, pAfter, err);
  json_decref(pAfter);
  return rc;
}

/* ---- the form ----------------------------------------------------------------- */

void case_web_request_read(Req *req, CaseRequest *r)
{
  memset(r, 0, sizeof *r);
  r->zFirstName = case_web_field(req, "prenom");
  r->zLastName = case_web_field(req, "nom");
  r->zEmail = case_web_field(req, "email");
  r->zPhone = case_web_field(req, "telephone");
  r->zProfession = case_web_field(req, "profession");
  r->zStatus = case_web_field(req, "statut");
  r->zProject = case_web_field(req, "projet");
  r->zTerritoryKind = case_web_field(req, "territoire_type");
  r->zTerritoryCode = case_web_field(req, "territoire_code");
  r->zTerritoryLabel = case_web_field(req, "territoire_nom");
  r->zWishedDate = case_web_field(req, "date_souhaitee");
  r->zMessage = case_web_field(req, "message");
  r->hasConsent = *case_web_field(req, "consentement") != 0;
  r->zChannel = case_web_field(req, "canal");
  r->zIdemToken = case_web_field(req, "jeton");
  const char **az = NULL;
  int n = req_form_all(req, "besoins", &az);
  for (int i = 0; i < n && r->nNeed < CASE_NNEED; i++) {
    r->azNeed[r->nNeed++] = az[i];
  }
}

/* Open a field row; with an error, the row is marked and the message
** follows the label (linked by aria-describedby). */
static void web_field_open(Req *req, const char *zName, const char *zError)
{
  html_printf(req, "<div class=\"field%s\" id=\"champ-%h\">\n",
              zError ? " field-error" : "" /*trusted*/, zName);
}

static void web_error_text(Req *req, const char *zName, const char *zError)
{
  if (zError) {
    html_printf(req, "<p class=\"error-text\" id=\"err-%h\">%h</p>\n", zName,
                zError);
  }
}

/* aria attributes of an input, as trusted markup from the arena. */
static const char *web_aria(Req *req, const char *zName, const char *zError,
                            const char *zHintId)
{
  if (zError) {
    return html_mprintf(req, " aria-invalid=\"true\" aria-describedby=\"err-%h%s%h\"",
                        zName, zHintId ? " " : "" /*trusted*/,
                        zHintId ? zHintId : "");
  }
  if (zHintId) return html_mprintf(req, " aria-describedby=\"%h\"", zHintId);
  return "";
}

static void web_input(Req *req, const char *zName, const char *zLabel,
                      const char *zType, const char *zValue,
                      const char *zAuto, const char *zHint,
                      const CaseFormErrors *e)
{
  const char *zErr = case_form_error(e, zName);
  const char *zHintId = zHint ? html_mprintf(req, "aide-%h", zName) : NULL;
  web_field_open(req, zName, zErr);
  html_printf(req, "<label for=\"f-%h\">%h", zName, zLabel);
  if (zHint) {
    html_printf(req, " <span class=\"hint\" id=\"%h\">%h</span>", zHintId,
                zHint);
  }
  html_printf(req, "</label>\n");
  web_error_text(req, zName, zErr);
  html_printf(req, "<input type=\"%h\" id=\"f-%h\" name=\"%h\" value=\"%h\""
                   " autocomplete=\"%h\"%s>\n</div>\n",
              zType, zName, zName, zValue, zAuto ? zAuto : "off",
              web_aria(req, zName, zErr, zHintId) /*trusted*/);
}

void case_web_select(Req *req, const char *zName, const char *zLabel,
                     const CaseLabel *a, const char *zValue,
                     const char *zError, const char *zEmpty)
{
  web_field_open(req, zName, zError);
  html_printf(req, "<label for=\"f-%h\">%h</label>\n", zName, zLabel);
  web_error_text(req, zName, zError);
  html_printf(req, "<select id=\"f-%h\" name=\"%h\"%s>\n", zName, zName,
              web_aria(req, zName, zError, NULL) /*trusted*/);
  if (zEmpty) html_printf(req, "<option value=\"\">%h</option>\n", zEmpty);
  for (int i = 0; a[i].zCode; i++) {
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n", a[i].zCode,
                zValue && !strcmp(zValue, a[i].zCode)
                    ? " selected" /*trusted*/ : "" /*trusted*/,
                a[i].zLabel);
  }
  html_printf(req, "</select>\n</div>\n");
}

/* The error summary: role="alert" so it is announced after the POST. */
static void web_error_summary(Req *req, const CaseFormErrors *e)
{
  if (!e || e->n == 0) return;
  html_printf(req, "<div class=\"alert alert-error\" role=\"alert\">\n"
                   "<p class=\"alert-title\">Le formulaire contient %d "
                   "erreur%s : corrigez %s et renvoyez-le.</p>\n<ul>\n",
              e->n, e->n > 1 ? "s" : "" /*trusted*/,
              e->n > 1 ? "les champs signalés" : "le champ signalé" /*trusted*/);
  for (int i = 0; i < e->n; i++) {
    html_printf(req, "<li><a href=\"#champ-%h\">%h</a></li>\n",
                e->a[i].zField, e->a[i].zMsg);
  }
  html_printf(req, "</ul>\n</div>\n");
}

static int web_has_need(const CaseRequest *r, const char *zCode)
{
  for (int i = 0; i < r->nNeed; i++) {
    if (r->azNeed[i] && !strcmp(r->azNeed[i], zCode)) return 1;
  }
  return 0;
}

void case_web_request_form(Req *req, const char *zAction, const CaseRequest *r,
                           const CaseFormErrors *e, int isHotline)
{
  const char *zErr;
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
  web_error_summary(req, e);
  form_begin(req, zAction);
  html_printf(req, "<input type=\"hidden\" name=\"jeton\" value=\"%h\">\n"
                   "<p class=\"muted\">Tous les champs sont obligatoires, sauf"
                   " mention « facultatif ».</p>\n", zToken);
  if (isHotline) {
    case_web_select(req, "canal", "Canal de la demande", case_channels,
                    *r->zChannel ? r->zChannel : "telephone",
                    case_form_error(e, "canal"), NULL);
  }
  html_printf(req, "<fieldset>\n<legend>%s</legend>\n",
              isHotline ? "La personne" /*trusted*/ : "Vous" /*trusted*/);
  web_input(req, "prenom", "Prénom", "text", r->zFirstName, "given-name", NULL,
            e);
  web_input(req, "nom", "Nom", "text", r->zLastName, "family-name", NULL, e);
  web_input(req, "email", "Adresse électronique", "email", r->zEmail, "email",
            "facultatif si un téléphone est indiqué ; exemple : "
            "prenom.nom@exemple.fr", e);
  web_input(req, "telephone", "Téléphone (facultatif)", "tel", r->zPhone,
            "tel", "exemple : 05 55 12 34 56", e);
  case_web_select(req, "profession", "Profession", case_professions,
                  r->zProfession, case_form_error(e, "profession"),
                  "— choisir —");
  case_web_select(req, "statut", "Situation actuelle", case_statuses,
                  r->zStatus, case_form_error(e, "statut"), "— choisir —");
  html_printf(req, "</fieldset>\n<fieldset>\n<legend>Le projet</legend>\n");
  case_web_select(req, "projet", "Projet", case_projects, r->zProject,
                  case_form_error(e, "projet"), "— choisir —");
  zErr = case_form_error(e, "territoire_type");
  html_printf(req, "<fieldset class=\"field%s\" id=\"champ-territoire_type\"%s>"
                   "\n<legend>Territoire visé</legend>\n",
              zErr ? " field-error" : "" /*trusted*/,
              zErr ? " aria-describedby=\"err-territoire_type\"" /*trusted*/
                   : "" /*trusted*/);
  web_error_text(req, "territoire_type", zErr);
  for (int i = 0; case_territory_kinds[i].zCode; i++) {
    html_printf(req, "<label class=\"check\"><input type=\"radio\" "
                     "name=\"territoire_type\" value=\"%h\"%s> %h</label>\n",
                case_territory_kinds[i].zCode,
                !strcmp(r->zTerritoryKind, case_territory_kinds[i].zCode)
                    ? " checked" /*trusted*/ : "" /*trusted*/,
                case_territory_kinds[i].zLabel);
  }
  html_printf(req, "</fieldset>\n");
  web_input(req, "territoire_nom", "Nom de la commune ou de "
            "l'intercommunalité (sauf « pas encore décidé »)", "text",
            r->zTerritoryLabel, NULL, NULL, e);
  web_input(req, "territoire_code", "Code INSEE de la commune ou SIREN de "
            "l'intercommunalité (facultatif)", "text", r->zTerritoryCode, NULL,
            "exemple : 15014 pour Aurillac", e);
  web_input(req, "date_souhaitee", "Date souhaitée (facultatif)", "month",
            r->zWishedDate, NULL, "mois au format AAAA-MM", e);
  zErr = case_form_error(e, "besoins");
  html_printf(req, "<fieldset class=\"field%s\" id=\"champ-besoins\"%s>\n"
                   "<legend>Vos besoins (un ou plusieurs)</legend>\n",
              zErr ? " field-error" : "" /*trusted*/,
              zErr ? " aria-describedby=\"err-besoins\"" /*trusted*/
                   : "" /*trusted*/);
  web_error_text(req, "besoins", zErr);
  for (int i = 0; case_needs[i].zCode; i++) {
    html_printf(req, "<label class=\"check\"><input type=\"checkbox\" "
                     "name=\"besoins\" value=\"%h\"%s> %h</label>\n",
                case_needs[i].zCode,
                web_has_need(r, case_needs[i].zCode) ? " checked" /*trusted*/
                                                     : "" /*trusted*/,
                case_needs[i].zLabel);
  }
  html_printf(req, "</fieldset>\n");
  zErr = case_form_error(e, "message");
  web_field_open(req, "message", zErr);
  html_printf(req, "<label for=\"f-message\">Précisions (facultatif) <span "
                   "class=\"hint\" id=\"aide-message\">4 000 caractères au "
                   "plus</span></label>\n");
  web_error_text(req, "message", zErr);
  html_printf(req, "<textarea id=\"f-message\" name=\"message\" rows=\"6\"%s>"
                   "%h</textarea>\n</div>\n",
              web_aria(req, "message", zErr, "aide-message") /*trusted*/,
              r->zMessage);
  html_printf(req, "</fieldset>\n");
  zErr = case_form_error(e, "consentement");
  web_field_open(req, "consentement", zErr);
  web_error_text(req, "consentement", zErr);
  html_printf(req, "<label class=\"check\"><input type=\"checkbox\" "
                   "id=\"f-consentement\" name=\"consentement\" value=\"1\"%s%s>"
                   " <span>%s les informations de ce formulaire pour "
                   "l'accompagnement de %s projet. Elles sont conservées "
                   "<strong>%d ans après la clôture du dossier</strong>, puis "
                   "anonymisées ; %s droit d'accès, de rectification et "
                   "d'effacement s'exerce auprès du guichet unique.</span>"
                   "</label>\n</div>\n",
              r->hasConsent ? " checked" /*trusted*/ : "" /*trusted*/,
              zErr ? " aria-invalid=\"true\" aria-describedby=\"err-"
                     "consentement\"" /*trusted*/ : "" /*trusted*/,
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

/* ---- creation ------------------------------------------------------------------- */

int case_web_create(Req *req, const CaseRequest *r, int64_t *pId,
                    int *pIsNew, Err *err)
{
  Store *db = req_db(req);
  CaseActor who = case_web_actor(req);
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = case_dossier_create(db, r, &who, case_clock_now(), pId, pIsNew, err);
  if (!rc && *pIsNew) {
    rc = case_web_audit(req, *pId, "create", r->zChannel, err);
  }
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

void case_web_acknowledge(Req *req, int64_t id)
{
  Dossier d;
  Err err = {0};
  if (!case_mail_configured()) return;
  if (case_dossier_get(req_db(req), req_arena(req), id, &d, &err)) return;
  if (!*d.zEmail) return;
  const char *zBody = arena_printf(req_arena(req),
      "Bonjour %s %s,\n\n"
      "Votre demande d'accompagnement est bien enregistrée sous la référence "
      "%s.\nUn membre du guichet unique vous contactera prochainement.\n\n"
      "Vos informations sont conservées %d ans après la clôture du dossier, "
      "puis anonymisées.\n\nLe guichet unique\n",
      d.zFirstName, d.zLastName, d.zRef, case_retention_years());
  const char *zSubject = arena_printf(req_arena(req),
      "Votre demande d'accompagnement %s", d.zRef);
  if (case_mail_send(d.zEmail, zSubject, zBody, &err) < 0) {
    log_warn("cases: acknowledgment of dossier %lld not sent", (long long)id);
  }
}

/* ---- public pages --------------------------------------------------------------- */

static void request_page(Req *req, const CaseRequest *r,
                         const CaseFormErrors *e)
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
*/
void case_page_request(Req *req)
{
  CaseRequest r = {0};
  r.zFirstName = r.zLastName = r.zEmail = r.zPhone = r.zWishedDate = "";
  r.zProfession = case_web_query(req, "profession");
  r.zStatus = case_web_query(req, "statut");
  r.zProject = case_web_query(req, "projet");
  r.zTerritoryKind = case_web_query(req, "territoire_type");
  r.zTerritoryCode = case_web_query(req, "territoire_code");
  r.zTerritoryLabel = case_web_query(req, "territoire_nom");
  r.zMessage = case_web_query(req, "message");
  char *zNeeds = arena_strdup(req_arena(req), case_web_query(req, "besoins"));
  char *zSave = NULL;
  for (char *zTok = strtok_r(zNeeds, ",", &zSave);
       zTok && r.nNeed < CASE_NNEED; zTok = strtok_r(NULL, ",", &zSave)) {
    r.azNeed[r.nNeed++] = zTok;
  }
  r.zChannel = "formulaire";
  CaseFormErrors e = {0};
  request_page(req, &r, &e);
}

void case_post_request(Req *req)
{
  CaseRequest r;
  CaseFormErrors e = {0};
  Err err = {0};
  case_web_request_read(req, &r);
  r.zChannel = "formulaire";          /* the public form is the web channel */
  if (case_request_validate(&r, case_clock_now(), &e)) {
    reply_status(req, 400);
    request_page(req, &r, &e);
    return;
  }
  int64_t id = 0;
  int isNew = 0;
  if (case_web_create(req, &r, &id, &isNew, &err)) {
    reply_incident(req, &err);
    return;
  }
  if (isNew) case_web_acknowledge(req, id);
  Dossier d;
  if (case_dossier_get(req_db(req), req_arena(req), id, &d, &err)) {
    reply_incident(req, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/demande/merci?ref=%u", d.zRef));
}

void case_page_thanks(Req *req)
{
  const char *zRef = case_web_query(req, "ref");
  int y, s;
  if (case_ref_parse(zRef, &y, &s) ||
      !case_dossier_find_ref(req_db(req), zRef)) {
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
            "si vous avez indiqué une adresse." /*trusted*/
          : "" /*trusted*/);
  page_end(req);
}

/* ---- hotline -------------------------------------------------------------------- */

static void hotline_page(Req *req, const CaseRequest *r,
                         const CaseFormErrors *e)
{
  page_begin(req, "Nouvelle demande (permanence)");
  html_printf(req,
      "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><ol>"
      "<li><a href=\"/accompagnement\">Accompagnement</a></li>"
      "<li>Nouvelle demande</li></ol></nav>\n"
      "<h1>Nouvelle demande reçue par la permanence</h1>\n"
      "<p class=\"lead\">Saisissez la demande d'un appel, d'un courriel ou "
      "d'une rencontre ; le canal est enregistré avec le dossier.</p>\n");
  case_web_request_form(req, "/accompagnement/nouveau", r, e, 1);
  page_end(req);
}

void case_page_hotline(Req *req)
{
  CaseRequest r = {0};
  r.zFirstName = r.zLastName = r.zEmail = r.zPhone = "";
  r.zProfession = r.zStatus = r.zProject = r.zTerritoryKind = "";
  r.zTerritoryCode = r.zTerritoryLabel = r.zWishedDate = r.zMessage = "";
  r.zChannel = "telephone";
  CaseFormErrors e = {0};
  hotline_page(req, &r, &e);
}

void case_post_hotline(Req *req)
{
  CaseRequest r;
  CaseFormErrors e = {0};
  Err err = {0};
  case_web_request_read(req, &r);
  if (case_request_validate(&r, case_clock_now(), &e)) {
    reply_status(req, 400);
    hotline_page(req, &r, &e);
    return;
  }
  int64_t id = 0;
  int isNew = 0;
  if (case_web_create(req, &r, &id, &isNew, &err)) {
    reply_incident(req, &err);
    return;
  }
  if (isNew) case_web_acknowledge(req, id);
  reply_redirect(req, html_mprintf(req, "/accompagnement/dossiers/%lld",
                                   (long long)id));
}
