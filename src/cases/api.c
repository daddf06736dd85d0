/*
** cases/api.c: the JSON API of the guichet unique, /api/v1/dossiers and
** /api/v1/partenaires.  Same calls as the pages (store.c, rules.c), other
** output; JSON built with Jansson only.  Field names are the pages' form
** names, so a client can post what the form posts.
*/
#include <string.h>

#include "cases/web_int.h"

/* ---- JSON of records ----------------------------------------------------------- */

static json_t *j_str_or_null(const char *z)
{
  return z && *z ? json_string(z) : json_null();
}

static json_t *j_needs(unsigned mask)
{
  json_t *a = json_array();
  for (int k = 0; k < CASE_NNEED; k++) {
    if (mask & (1u << k)) json_array_append_new(a, json_string(case_needs[k].zCode));
  }
  return a;
}

json_t *case_json_dossier(Req *req, const Dossier *d, int isFull)
{
  Store *db = req_db(req);
  Arena *arena = req_arena(req);
  Err err = {0};
  json_t *pAgent = d->agentId
      ? json_pack("{s:I,s:s}", "id", (json_int_t)d->agentId, "nom",
                  d->zAgentName)
      : json_null();
  json_t *pOutcome = *d->zOutcome
      ? json_pack("{s:s,s:o,s:o}", "code", d->zOutcome, "commune",
                  j_str_or_null(d->zOutcomeCommune), "date",
                  j_str_or_null(d->zOutcomeDate))
      : json_null();
  json_t *o = json_pack(
      "{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s,s:s},s:o,s:s,"
      "s:o,s:o,s:o,s:s,s:o,s:o,s:s,s:s,s:o}",
      "id", (json_int_t)d->id, "reference", d->zRef, "etat", d->zState,
      "canal", d->zChannel, "prenom", d->zFirstName, "nom", d->zLastName,
      "email", d->zEmail, "telephone", d->zPhone, "profession",
      d->zProfession, "statut", d->zStatus, "projet", d->zProject,
      "territoire", "type", d->zTerritoryKind, "code", d->zTerritoryCode,
      "nom", d->zTerritoryLabel, "date_souhaitee",
      j_str_or_null(d->zWishedDate), "message", d->zMessage, "besoins",
      j_needs(d->needMask), "agent", pAgent, "issue", pOutcome, "recu_le",
      d->zCreatedAt, "premier_contact_le", j_str_or_null(d->zFirstContactAt),
      "clos_le", j_str_or_null(d->zClosedAt), "derniere_activite",
      d->zUpdatedAt, "consentement_le", d->zConsentAt, "anonymise_le",
      j_str_or_null(d->zAnonymisedAt));
  if (!isFull) return o;

  CaseTask *aT;
  int n;
  json_t *a = json_array();
  if (!case_task_list(db, arena, d->id, &aT, &n, &err)) {
    for (int i = 0; i < n; i++) {
      json_array_append_new(a, json_pack(
          "{s:I,s:s,s:s,s:o,s:s,s:o,s:o}", "id", (json_int_t)aT[i].id,
          "besoin", aT[i].zNeed, "etat", aT[i].zState,
          "echeance", j_str_or_null(aT[i].zDue), "notes", aT[i].zNotes,
          "partenaire", aT[i].partnerId
              ? json_pack("{s:I,s:s}", "id", (json_int_t)aT[i].partnerId,
                          "nom", aT[i].zPartnerName)
              : json_null(),
          "relance", j_str_or_null(aT[i].zFollowUp)));
    }
  }
  json_object_set_new(o, "taches", a);
  CaseEvent *aE;
  a = json_array();
  if (!case_event_list(db, arena, d->id, 't', &aE, &n, &err)) {
    for (int i = 0; i < n; i++) {
      json_array_append_new(a, json_pack(
          "{s:s,s:o,s:s,s:o,s:s,s:s}", "le", aE[i].zAt,
          "de", j_str_or_null(aE[i].zFrom), "vers", aE[i].zTo,
          "issue", j_str_or_null(aE[i].zOutcome), "par", aE[i].zActor,
          "raison", aE[i].zReason));
    }
  }
  json_object_set_new(o, "historique", a);
  a = json_array();
  if (!case_event_list(db, arena, d->id, 'n', &aE, &n, &err)) {
    for (int i = 0; i < n; i++) {
      json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "le", aE[i].zAt,
                                         "par", aE[i].zActor,
                                         "texte", aE[i].zBody));
    }
  }
  json_object_set_new(o, "notes", a);
  a = json_array();
  if (!case_event_list(db, arena, d->id, 'm', &aE, &n, &err)) {
    for (int i = 0; i < n; i++) {
      json_array_append_new(a, json_pack(
          "{s:s,s:s,s:s,s:s,s:b}", "le", aE[i].zAt, "sens", aE[i].zDirection,
          "par", aE[i].zActor, "texte", aE[i].zBody,
          "courriel", aE[i].isEmailed));
    }
  }
  json_object_set_new(o, "messages", a);
  CaseAttachment *aA;
  a = json_array();
  if (!case_attachment_list(db, arena, d->id, &aA, &n, &err)) {
    for (int i = 0; i < n; i++) {
      json_array_append_new(a, json_pack(
          "{s:I,s:s,s:s,s:I,s:s,s:s}", "id", (json_int_t)aA[i].id,
          "nom", aA[i].zName, "type", aA[i].zType,
          "taille", (json_int_t)aA[i].nSize, "sha256", aA[i].zSha256,
          "le", aA[i].zAt));
    }
  }
  json_object_set_new(o, "pieces", a);
  return o;
}

/* ---- helpers ------------------------------------------------------------------- */

/* The body, or a 400 queued and NULL. */
static json_t *api_body_or_400(Req *req)
{
  json_t *p = req_json(req);
  if (!json_is_object(p)) {
    reply_error(req, 400, "json_invalide", "Corps JSON attendu (un objet).",
                NULL);
    return NULL;
  }
  return p;
}

/* Reply with the dossier as it is now. */
static void api_reply_dossier(Req *req, int64_t id, int status)
{
  Dossier d;
  Err err = {0};
  int rc = case_dossier_get(req_db(req), req_arena(req), id, &d, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, status, case_json_dossier(req, &d, 1));
}

/* After a write on dossier id: the error, or the dossier. */
static void api_after(Req *req, int64_t id, int rc, const Err *err,
                      int status)
{
  if (rc) {
    kit_reply_err(req, rc, err);
  } else {
    api_reply_dossier(req, id, status);
  }
}

/* ---- dossiers ------------------------------------------------------------------- */

/* ROUTE: GET /api/v1/dossiers agent api */
void case_api_list(Req *req)
{
  Err err = {0};
  CaseFilter f;
  case_web_filter_read(req, 0, &f);
  long nMax = 200;
  const char *zMax = kit_query(req, "limite");
  if (*zMax && (str_to_long(zMax, &nMax) || nMax < 1 || nMax > 5000)) {
    reply_error(req, 400, "saisie_invalide", "limite : entier de 1 à 5000.",
                "limite");
    return;
  }
  Dossier *a;
  int n, aCount[CASE_NSTATE];
  if (case_dossier_list(req_db(req), req_arena(req), &f, (int)nMax, &a, &n,
                        &err) ||
      case_dossier_count_states(req_db(req), &f, aCount, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *pList = json_array();
  for (int i = 0; i < n; i++) {
    json_array_append_new(pList, case_json_dossier(req, &a[i], 0));
  }
  json_t *pCount = json_object();
  for (int i = 0; i < CASE_NSTATE; i++) {
    json_object_set_new(pCount, case_states[i].zCode, json_integer(aCount[i]));
  }
  reply_json(req, 200, json_pack("{s:i,s:o,s:o}", "nombre", n, "par_etat",
                                 pCount, "dossiers", pList));
}

/* ROUTE: POST /api/v1/dossiers public api limited */
void case_api_create(Req *req)
{
  if (!api_body_or_400(req)) return;
  Err err = {0};
  int64_t id = 0;
  int isNew = 0;
  Dossier d;
  /* Only agents record another channel than the public form. */
  int isAgentChannel = req_role(req) >= ROLE_AGENT &&
                       *kit_value(req, "canal");
  char zFollow[65];
  if (case_web_create_or_reply(req, isAgentChannel ? NULL : "formulaire",
                               NULL, &id, &isNew, zFollow)) {
    return;
  }
  /* The follow-up link, shown once: to whoever made the request. */
  json_t *pFollow = zFollow[0]
      ? json_string(arena_printf(req_arena(req), "%s/suivi/%s",
                                 web_public_url(), zFollow))
      : json_null();
  int rc = case_dossier_get(req_db(req), req_arena(req), id, &d, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  /* The public only learns the reference; agents get the dossier. */
  if (req_role(req) >= ROLE_AGENT) {
    json_t *o = case_json_dossier(req, &d, 0);
    json_object_set_new(o, "cree", json_boolean(isNew));
    json_object_set_new(o, "suivi_url", pFollow);
    reply_json(req, isNew ? 201 : 200, o);
  } else {
    reply_json(req, isNew ? 201 : 200,
               json_pack("{s:s,s:b,s:o}", "reference", d.zRef, "cree", isNew,
                         "suivi_url", pFollow));
  }
}

/* ROUTE: GET /api/v1/dossiers/{id} agent api */
void case_api_get(Req *req)
{
  Dossier d;
  if (case_web_dossier_open_or_404(req, &d)) return;
  json_t *o = case_json_dossier(req, &d, 1);
  json_object_set_new(o, "ouvertures",
                      json_integer(case_dossier_open_count(req_db(req), d.id)));
  reply_json(req, 200, o);
}

/* An action on dossier {id} (and sub-task {tid} when isTask) with a JSON
** body: the dossier as it is after it, with status, or the error. */
static void api_act(Req *req, int isTask, CaseReqAct x, int status)
{
  Dossier d;
  CaseTask t;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d) ||
      (isTask && case_web_task_or_404(req, &d, &t)) || !api_body_or_400(req)) {
    return;
  }
  api_after(req, d.id, x(req, &d, isTask ? &t : NULL, &err), &err, status);
}

/* ROUTE: POST /api/v1/dossiers/{id}/etat agent api */
void case_api_transition(Req *req)
{
  api_act(req, 0, case_req_transition, 200);
}

/* ROUTE: POST /api/v1/dossiers/{id}/attribution agent api */
void case_api_assign(Req *req)
{
  api_act(req, 0, case_req_assign, 200);
}

/* ROUTE: POST /api/v1/dossiers/{id}/taches/{tid} agent api */
void case_api_task(Req *req)
{
  api_act(req, 1, case_req_task, 200);
}

/* ROUTE: POST /api/v1/dossiers/{id}/taches/{tid}/partenaire agent api */
void case_api_handoff(Req *req)
{
  api_act(req, 1, case_req_handoff, 200);
}

/* ROUTE: POST /api/v1/dossiers/{id}/notes agent api */
void case_api_note(Req *req)
{
  api_act(req, 0, case_req_note, 201);
}

/* ROUTE: POST /api/v1/dossiers/{id}/effacement agent api */
void case_api_erase(Req *req)
{
  Dossier d;
  Err err = {0};
  if (case_web_dossier_or_404(req, &d) || !api_body_or_400(req)) return;
  if (strcmp(kit_value(req, "confirmation"), d.zRef)) {
    reply_error(req, 400, "saisie_invalide", "Pour effacer, envoyez la référence"
                " du dossier dans « confirmation ».", "confirmation");
    return;
  }
  int nDone = 0;
  int rc = case_act_erase(req, &d, &nDone, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, 200, json_pack("{s:i}", "dossiers_anonymises", nDone));
}

/* ROUTE: GET /api/v1/dossiers/statistiques lecteur api */
void case_api_stats(Req *req)
{
  Err err = {0};
  CaseStats s;
  const char *zFrom = kit_query(req, "du");
  const char *zTo = kit_query(req, "au");
  if (!case_date_ok(zFrom) || !case_date_ok(zTo)) {
    reply_error(req, 400, "saisie_invalide", "Dates au format AAAA-MM-JJ.",
                *zFrom ? "du" : "au");
    return;
  }
  if (case_stats_load(req_db(req), req_arena(req), zFrom, zTo, &s, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *pCounts = json_array();
  for (int i = 0; i < s.nCount; i++) {
    json_array_append_new(pCounts, json_pack(
        "{s:s,s:s,s:s,s:i}", "semestre", s.aCount[i].zSemester,
        "dimension", s.aCount[i].zDim, "code", s.aCount[i].zKey,
        "nombre", s.aCount[i].n));
  }
  json_t *pCommunes = json_array();
  for (int i = 0; i < s.nCommune; i++) {
    json_array_append_new(pCommunes, json_pack(
        "{s:s,s:i}", "commune", s.aCommune[i].zKey, "installations",
        s.aCommune[i].n));
  }
  CasePartnerDelay *aD;
  int nD = 0;
  if (case_partner_delays(req_db(req), req_arena(req), &aD, &nD, &err)) {
    json_decref(pCounts);
    json_decref(pCommunes);
    reply_incident(req, &err);
    return;
  }
  json_t *pDelays = json_array();
  for (int i = 0; i < nD; i++) {
    json_array_append_new(pDelays, json_pack(
        "{s:s,s:i,s:i,s:o,s:o}", "partenaire", aD[i].zName, "confiees",
        aD[i].nHanded, "avis", aD[i].nAnswered, "mediane_jours",
        aD[i].nAnswered ? json_real(aD[i].median) : json_null(), "p90_jours",
        aD[i].nAnswered ? json_real(aD[i].p90) : json_null()));
  }
  reply_json(req, 200, json_pack(
      "{s:i,s:o,s:{s:i,s:f,s:f},s:{s:i,s:f,s:f},s:o,s:i,s:o}",
      "demandes", s.nDossier, "comptes", pCounts,
      "delai_premier_contact_jours", "n", s.firstContact.n,
      "mediane", s.firstContact.median, "p90", s.firstContact.p90,
      "delai_cloture_jours", "n", s.closure.n, "mediane", s.closure.median,
      "p90", s.closure.p90, "installations_par_commune", pCommunes,
      "installations_hors_territoire", s.nSettledOutside,
      "delais_partenaires", pDelays));
}

/* ROUTE: GET /api/v1/dossiers/relances agent api */
void case_api_reminders(Req *req)
{
  Err err = {0};
  const User *u = req_user(req);
  int isAll = !strcmp(kit_query(req, "tous"), "1");
  CaseReminder *a;
  int n;
  if (case_reminder_list(req_db(req), req_arena(req), isAll || !u ? 0 : u->id,
                         case_clock_now(), &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *pList = json_array();
  for (int i = 0; i < n; i++) {
    json_array_append_new(pList, json_pack(
        "{s:I,s:s,s:o,s:s,s:s,s:s,s:s,s:i}", "dossier",
        (json_int_t)a[i].dossierId, "reference", a[i].zRef,
        "tache", a[i].taskId ? json_integer(a[i].taskId) : json_null(),
        "quoi", a[i].zWhat, "type", a[i].zKind, "libelle",
        case_reminder_text(req_arena(req), &a[i]), "depuis", a[i].zSince,
        "relance_jours", a[i].level));
  }
  reply_json(req, 200, json_pack("{s:o}", "a_relancer", pList));
}

/* ---- partners ------------------------------------------------------------------- */

static json_t *api_partner(const Partner *p)
{
  return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id",
                   (json_int_t)p->id, "nom", p->zName, "type", p->zKind,
                   "email", p->zEmail, "telephone", p->zPhone, "site",
                   p->zWebsite, "themes", p->zTopics, "territoires",
                   p->zTerritories, "publier", p->isPublic);
}

/* ROUTE: GET /api/v1/partenaires agent api */
void case_api_partners(Req *req)
{
  Err err = {0};
  Partner *a;
  int n;
  const char *zNeed = kit_query(req, "besoin");
  const char *zTerr = kit_query(req, "territoire");
  int isFilter = *zNeed || *zTerr;
  if (case_partner_list(req_db(req), req_arena(req), zNeed, zTerr, !isFilter,
                        &a, &n, &err)) {
    reply_incident(req, &err);
    return;
  }
  json_t *pList = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(pList, api_partner(&a[i]));
  reply_json(req, 200, json_pack("{s:o}", "partenaires", pList));
}

/* ROUTE: POST /api/v1/partenaires agent api */
void case_api_partner_create(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  if (!api_body_or_400(req)) return;
  Partner p;
  if (case_web_partner_read(req, &p, &e)) {
    kit_reply_errors(req, &e);
    return;
  }
  int64_t id = 0;
  Partner out;
  int rc = case_act_partner_save(req, &p, NULL, &id, &err);
  if (!rc) rc = case_partner_get(req_db(req), req_arena(req), id, &out, &err);
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, 201, api_partner(&out));
}
