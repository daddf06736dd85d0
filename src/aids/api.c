/*
** aids/api.c: the aids JSON API.
**
**   POST /api/v1/simulations            public; same JSON as `oasis aids
**                                       simulate`; no CSRF (it writes nothing)
**   GET  /api/v1/aides[?filters]        the catalogue (published; agents: all)
**   GET  /api/v1/aides/{id}             one scheme, with its catalogue file
**   POST /api/v1/aides {"fichier": …}   agents: create or replace a scheme
**   GET/POST /api/v1/engagements…       agents: the commitments register
**
** Inputs use the form's French field names; errors are
** {"error":{"code","message","field"}} with that name (docs/aids.md).
*/
#include <string.h>

#include "aids/web_int.h"
#include "base/clock.h"

static json_t *body_or_reply(Req *req)
{
  json_t *j = req_json(req);
  if (!json_is_object(j)) {
    reply_error(req, 400, "saisie_invalide",
                "Le corps de la requête doit être un objet JSON.", NULL);
    return NULL;
  }
  return j;
}

/* Answer rc of a write: ERR_INPUT as every field error (e plus err's). */
static void reply_rc(Req *req, int rc, KitErrors *e, const Err *err)
{
  if (rc == ERR_INPUT) {
    if (err && err->code) kit_error_from(req, e, err);
    kit_reply_errors(req, e);
  } else {
    kit_reply_err(req, rc, err);
  }
}

/* One commune offered to pick from (several matched, or a suggestion):
** code, nom, dep, codes_postaux, and libelle "Le Creusot (71153)" — the
** text the simulator's commune field takes back. */
static json_t *commune_choice_json(Req *req, const LkPlace *c)
{
  return json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", c->zCode,
                   "nom", c->zName, "dep", c->zDep,
                   "codes_postaux", c->zPostal,
                   "libelle", arena_printf(req_arena(req), "%s (%s)",
                                           c->zName, c->zCode));
}

/*
** GET /api/v1/aides/communes?q=TEXTE: up to 10 communes for the
** simulator's commune field, by name (case, accents, hyphens and
** apostrophes ignored), postal code or INSEE code, best first
** (territory/lookup.h).  Fewer than 2 characters: an empty list.
** ROUTE: GET /api/v1/aides/communes public api
*/
void aid_api_communes(Req *req)
{
  const char *zQ = req_query(req, "q");
  json_t *a = json_array();
  if (zQ && strlen(zQ) >= 2 && strlen(zQ) <= 100) {
    LkPlace *aHit = NULL;
    Err err = {0};
    int n = lookup_search(req_db(req), req_arena(req), zQ, 10, &aHit, &err);
    if (n < 0) {
      json_decref(a);
      kit_reply_err(req, n, &err);
      return;
    }
    for (int i = 0; i < n; i++)
      json_array_append_new(a, commune_choice_json(req, &aHit[i]));
  }
  reply_json(req, 200, json_pack("{s:o}", "communes", a));
}

/* ROUTE: POST /api/v1/simulations public api nocsrf */
void aid_api_simulate(Req *req)
{
  if (!body_or_reply(req)) return;
  AidWebInput in;
  AidProfile prof;
  Err err = {0};
  KitErrors e = {0};
  if (aid_web_input_read(req, 0, &in, &e)) {
    kit_reply_errors(req, &e);
    return;
  }
  int rc = aid_web_profile(req, &in, &prof, &err);
  if (rc == ERR_INPUT && in.nChoice) {
    /* several communes match: the error lists them to pick from */
    json_t *aChoice = json_array();
    for (int i = 0; i < in.nChoice; i++)
      json_array_append_new(aChoice, commune_choice_json(req, &in.aChoice[i]));
    reply_json(req, 400, json_pack("{s:{s:s, s:s, s:s, s:o}}", "error",
        "code", "saisie_invalide", "message", err.zMsg, "field", err.zField,
        "choix", aChoice));
    return;
  }
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 0);
  if (!pCat) return;
  AidSim *pSim = aid_simulate(pCat, &prof, req_arena(req));
  reply_json(req, 200, aid_sim_json(pSim));
  aid_catalog_free(pCat);
}

/* ---- catalogue ------------------------------------------------------------ */

/* ROUTE: GET /api/v1/aides public api */
void aid_api_list(Req *req)
{
  AidFilter f;
  AidPlace place;
  const AidPlace *pl;
  AidCatalog *pCat = aid_web_filtered_or_reply(req, &f, &place, &pl);
  if (!pCat) return;
  json_t *a = json_array();
  for (int i = 0; i < pCat->nScheme; i++) {
    if (aid_web_filter_match(&f, &pCat->aScheme[i], pl))
      json_array_append_new(a, aid_scheme_json(&pCat->aScheme[i]));
  }
  reply_json(req, 200, json_pack("{s:I, s:o}", "nombre",
                                 (json_int_t)json_array_size(a), "aides", a));
  aid_catalog_free(pCat);
}

/* ROUTE: GET /api/v1/aides/{id} public api */
void aid_api_get(Req *req)
{
  AidCatalog *pCat = aid_web_catalog_or_reply(req, req_role(req) >= ROLE_AGENT);
  if (!pCat) return;
  int i = aid_catalog_find(pCat, req_arg(req, "id"));
  if (i < 0) {
    reply_error(req, 404, "introuvable", "Aide inconnue ou non publiée.",
                "id");
  } else {
    Str t = STR_INIT;
    aid_write(&t, &pCat->aScheme[i]);
    json_t *j = aid_scheme_json(&pCat->aScheme[i]);
    json_object_set_new(j, "fichier", json_string(str_text(&t)));
    str_free(&t);
    reply_json(req, 200, j);
  }
  aid_catalog_free(pCat);
}

/* POST /api/v1/aides {"fichier": "id: …"}: insert or replace one scheme.
** ROUTE: POST /api/v1/aides agent api
*/
void aid_api_put(Req *req)
{
  static const KitField aField[] = {
    {"fichier", "Texte du fichier de l'aide", KIT_LONGTEXT, KIT_REQUIRED, 0,
     0, 200000, NULL, NULL},
    {0}};
  const char *zText;
  Err err = {0};
  KitErrors e = {0};
  if (!body_or_reply(req)) return;
  if (kit_read(req, aField, &zText, &e)) {
    kit_reply_errors(req, &e);
    return;
  }
  AidCatalog *pCat = aid_catalog_new();
  int rc = aid_parse(pCat, "fichier", zText, &err);
  if (rc) {
    if (!err.zField[0]) err_field(&err, err.zColName[0] ? err.zColName
                                                        : "fichier");
    goto done;
  }
  const AidScheme *s = &pCat->aScheme[0];
  rc = aid_act_scheme_put(req, s, "put", NULL, &err);
done:
  if (rc) kit_reply_err(req, rc, &err);
  else reply_json(req, 200, aid_scheme_json(&pCat->aScheme[0]));
  aid_catalog_free(pCat);
}

/* ---- commitments ------------------------------------------------------------ */

json_t *aid_web_commit_json(Store *db, const AidCommitment *c)
{
  return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s,"
                   " s:o, s:o, s:o}",
      "id", (json_int_t)c->id, "aide", c->zAid,
      "beneficiaire", c->zBeneficiary, "signature", c->zSigned,
      "debut", c->zStart, "fin", c->zEnd, "lieu", c->zPlace,
      "montant_centimes", (json_int_t)c->amountCents,
      "verse_centimes", (json_int_t)aid_commit_paid(db, c->id),
      "remboursement", aid_label(AID_LABEL_REPAY, c->repay),
      "statut", aid_commit_status_label(c->status),
      "rupture", c->zBroken[0] ? json_string(c->zBroken) : json_null(),
      "du_centimes", c->dueCents >= 0 ? json_integer(c->dueCents)
                                      : json_null(),
      "derniere_attestation", c->zLastProof[0] ? json_string(c->zLastProof)
                                               : json_null());
}

typedef struct ApiCtx ApiCtx;
struct ApiCtx {
  Store *db;
  json_t *a;
};

static int api_row(void *pArg, const AidCommitment *c)
{
  ApiCtx *x = pArg;
  json_array_append_new(x->a, aid_web_commit_json(x->db, c));
  return 0;
}

/* ROUTE: GET /api/v1/engagements agent api */
void aid_api_commit_list(Req *req)
{
  Err err = {0};
  AidCommitFilter f;
  aid_web_commit_filter(req, &f);
  ApiCtx x = {req_db(req), json_array()};
  if (aid_commit_each(x.db, &f, api_row, &x, &err)) {
    json_decref(x.a);
    kit_reply_err(req, ERR_DB, &err);
    return;
  }
  reply_json(req, 200, json_pack("{s:I, s:o}", "nombre",
                                 (json_int_t)json_array_size(x.a),
                                 "engagements", x.a));
}

static void reply_commit(Req *req, long long id, int status)
{
  Err err = {0};
  AidCommitment c;
  if (aid_commit_get(req_db(req), id, &c, &err)) {
    reply_incident(req, &err);
    return;
  }
  reply_json(req, status, aid_web_commit_json(req_db(req), &c));
}

/* ROUTE: POST /api/v1/engagements agent api */
void aid_api_commit_create(Req *req)
{
  if (!body_or_reply(req)) return;
  Err err = {0};
  KitErrors e = {0};
  AidCommitIn in;
  long long id = 0;
  int rc = aid_commit_read(req, &in, &e) ? ERR_INPUT
           : aid_act_commit_create(req, &in, &id, &err);
  if (rc) reply_rc(req, rc, &e, &err);
  else reply_commit(req, id, 201);
}

static int log_json(void *pArg, const char *zKind, const char *zDate,
                    int64_t amount)
{
  json_t *a = pArg;
  json_array_append_new(a, json_pack("{s:s, s:s, s:o}", "type", zKind,
                                     "date", zDate, "montant_centimes",
                                     amount > 0 ? json_integer(amount)
                                                : json_null()));
  return 0;
}

/* ROUTE: GET /api/v1/engagements/{id} agent api */
void aid_api_commit_get(Req *req)
{
  AidCommitment c;
  Err err = {0};
  long long id = aid_web_commit_or_reply(req, &c);
  if (!id) return;
  json_t *j = aid_web_commit_json(req_db(req), &c);
  json_t *a = json_array();
  aid_commit_log(req_db(req), id, log_json, a, &err);
  json_object_set_new(j, "journal", a);
  reply_json(req, 200, j);
}

void aid_api_act(Req *req, int kind)
{
  AidCommitment c;
  AidActIn in;
  Err err = {0};
  KitErrors e = {0};
  if (!body_or_reply(req)) return;
  long long id = aid_web_commit_or_reply(req, &c);
  if (!id) return;
  int rc = aid_act_read(req, kind, &in, &e) ? ERR_INPUT
           : aid_act_commit(req, id, kind, &in, &err);
  if (rc) reply_rc(req, rc, &e, &err);
  else reply_commit(req, id, 200);
}

typedef struct AlertCtx AlertCtx;
struct AlertCtx {
  Store *db;
  json_t *a;
};

static int alert_json(void *pArg, const AidCommitment *c, const char *zWhy)
{
  AlertCtx *x = pArg;
  json_array_append_new(x->a, json_pack("{s:I, s:s, s:s, s:s}", "id",
                                        (json_int_t)c->id, "aide", c->zAid,
                                        "fin", c->zEnd, "raison", zWhy));
  return 0;
}

/* The query's date, today when absent (zToday: 11 bytes). */
static const char *query_date(Req *req, char *zToday)
{
  const char *zDate = kit_query(req, "date");
  return *zDate ? zDate : clock_today_iso(zToday);
}

/* ROUTE: GET /api/v1/engagements/alertes agent api */
void aid_api_alerts(Req *req)
{
  Err err = {0};
  char zToday[11];
  const char *zDate = query_date(req, zToday);
  AlertCtx x = {req_db(req), json_array()};
  int rc = aid_commit_alerts(x.db, zDate, 90, alert_json, &x, &err);
  if (rc) {
    json_decref(x.a);
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_json(req, 200, json_pack("{s:s, s:o}", "date", zDate, "alertes", x.a));
}

static int portfolio_json(void *pArg, const AidPortfolio *p)
{
  json_array_append_new(pArg, json_pack(
      "{s:s, s:s, s:s, s:i, s:i, s:I, s:I, s:f, s:i, s:i, s:i, s:I}",
      "porteur", p->zPorteur, "code", p->zPorteurCode, "nom", p->zPorteurName,
      "en_cours", p->nOngoing, "professionnels_engages", p->nBound,
      "engage_centimes", (json_int_t)p->committedCents, "verse_centimes",
      (json_int_t)p->paidCents, "annees_restantes",
      p->yearsLeft, "honores", p->nHonoured, "rompus", p->nBroken,
      "dispenses", p->nWaived, "du_centimes", (json_int_t)p->dueCents));
  return 0;
}

/* ROUTE: GET /api/v1/engagements/portefeuille lecteur api */
void aid_api_portfolio(Req *req)
{
  Err err = {0};
  char zToday[11];
  const char *zDate = query_date(req, zToday);
  json_t *a = json_array();
  int rc = aid_commit_portfolio(req_db(req), zDate, portfolio_json, a, &err);
  if (rc) {
    json_decref(a);
    kit_reply_err(req, rc, &err);
    return;
  }
  static const struct { int level; const char *zKey; } aBy[] = {
    {AID_TERR_EPCI, "epci"}, {AID_TERR_DEP, "departements"},
    {AID_TERR_REG, "regions"}};
  json_t *o = json_pack("{s:s, s:o}", "date", zDate, "porteurs", a);
  for (size_t i = 0; i < sizeof aBy / sizeof aBy[0]; i++) {
    json_t *aT = json_array();
    json_object_set_new(o, aBy[i].zKey, aT);
    if (aid_commit_by_terr(req_db(req), aBy[i].level, zDate, portfolio_json,
                           aT, &err)) {
      json_decref(o);
      kit_reply_err(req, ERR_DB, &err);
      return;
    }
  }
  reply_json(req, 200, o);
}
