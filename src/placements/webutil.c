/*
** placements/webutil.c: small helpers of the placements pages and API.
*/
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "base/url.h"
#include "placements/webutil.h"
#include "territory/lookup.h"

int64_t plw_arg_id_or_404(Req *req, const char *zName)
{
  long v;
  const char *z = req_arg(req, zName);
  if (!z || str_to_long(z, &v) || v <= 0) {
    reply_error(req, 404, "introuvable", "Élément introuvable.", NULL);
    return 0;
  }
  return v;
}

const char *plw_form(Req *req, const char *zName)
{
  const char *z = req_form(req, zName);
  return z ? z : "";
}

int64_t plw_form_id(Req *req, const char *zName)
{
  long v;
  if (str_to_long(plw_form(req, zName), &v) || v <= 0) return 0;
  return v;
}

int plw_reply_err(Req *req, int rc, const Err *err)
{
  if (rc == ERR_NOTFOUND) {
    return reply_error(req, 404, "introuvable", err->zMsg[0] ? err->zMsg
                       : "Élément introuvable.", NULL);
  }
  if (rc == ERR_INPUT) return reply_input_error(req, err);
  return reply_incident(req, err);
}

void plw_form_error(Req *req, const Err *err)
{
  if (!err || !err->code) return;
  html_printf(req, "<div class=\"alert alert-error\" role=\"alert\">"
                   "<p class=\"alert-title\">Enregistrement refusé</p>"
                   "<p>%h</p></div>\n", err->zMsg);
}

void plw_input(Req *req, const Err *err, const char *zName,
               const char *zLabel, const char *zType, const char *zValue,
               const char *zHint)
{
  int isBad = err && err->code && !strcmp(err->zField, zName);
  /* Two forms of a page may share a field name ("commune"): the label
  ** text tells them apart, so it goes into the id. */
  unsigned h = 5381;
  for (const char *c = zLabel; *c; c++) h = h * 33 + (unsigned char)*c;
  const char *zId = html_mprintf(req, "f-%h-%d", zName, (int)(h % 100000));
  html_printf(req, "<div class=\"field%s\"><label for=\"%h\">%h",
              isBad ? " field-error" : "" /*trusted*/, zId, zLabel);
  if (zHint && zHint[0]) {
    html_printf(req, " <span class=\"hint\">%h</span>", zHint);
  }
  html_printf(req, "</label><input type=\"%h\" id=\"%h\" name=\"%h\" "
                   "value=\"%h\"%s></div>\n", zType, zId, zName,
              zValue ? zValue : "",
              isBad ? " aria-invalid=\"true\"" : "" /*trusted*/);
}

const char *plw_euros(Req *req, int64_t cents)
{
  return html_mprintf(req, "%.2F €", (double)cents / 100.0);
}

int64_t plw_cents(const char *z)
{
  char zNum[48];
  int n = 0;
  double v;
  for (; z && *z && n < (int)sizeof zNum - 1; z++) {
    if (*z == ' ') continue;          /* "1 250" */
    if ((unsigned char)*z >= 0x80) break;   /* "250 €": stop at the sign */
    zNum[n++] = *z == ',' ? '.' : *z;
  }
  zNum[n] = 0;
  if (!n || str_to_double(zNum, &v) || v < 0) return -1;
  return (int64_t)(v * 100 + 0.5);
}

int plw_audit(Req *req, const char *zEntity, int64_t id, const char *zAction,
              json_t *pAfter, Err *err)
{
  int rc = audit_log(req, zEntity, id, zAction, NULL, pAfter, err);
  json_decref(pAfter);
  return rc;
}

int plw_write(Req *req, int (*x)(Req *, void *, Err *), void *pArg,
              Err *err)
{
  Store *db = req_db(req);
  int rc = store_begin(db, err);
  if (rc) return rc;
  rc = x(req, pArg, err);
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

json_t *plw_json_place(const Place *p)
{
  return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:i, s:s?}", "id",
                   (json_int_t)p->id, "structure", p->zStructure, "commune",
                   p->zCommune, "address", p->zAddress, "supervisor",
                   p->zSupervisor, "level", p->zLevel, "capacity",
                   p->capacity, "note", p->zNote);
}

json_t *plw_json_trainee(const Trainee *t)
{
  return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "id",
                   (json_int_t)t->id, "first_name", t->zFirstName,
                   "last_name", t->zLastName, "email", t->zEmail, "phone",
                   t->zPhone, "school", t->zSchool, "level", t->zLevel);
}

json_t *plw_json_assignment(const Assignment *a)
{
  return json_pack("{s:I, s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
                   "id", (json_int_t)a->id, "trainee_id",
                   (json_int_t)a->traineeId, "place_id",
                   (json_int_t)a->placeId, "semester", a->zSemester,
                   "start_on", a->zStartOn, "end_on", a->zEndOn,
                   "trainee_name", a->zTraineeName, "place_name",
                   a->zPlaceName, "commune", a->zCommune);
}

json_t *plw_json_booking(const Booking *b)
{
  return json_pack("{s:I, s:I, s:I, s:s?, s:s?, s:s?, s:s?}", "id",
                   (json_int_t)b->id, "resource_id", (json_int_t)b->resourceId,
                   "trainee_id", (json_int_t)b->traineeId, "start_on",
                   b->zStartOn, "end_on", b->zEndOn, "resource", b->zResource,
                   "trainee_name", b->zTraineeName);
}

/* ---- links to the guichet unique ---------------------------------------- */

const char *plw_commune_name(Req *req, const char *zCode)
{
  LkPlace p;
  Err err = {0};
  if (!zCode || !zCode[0]) return "";
  if (lookup_place(req_db(req), req_arena(req), LK_COMMUNE, zCode, &p, &err)
      || !p.zName[0]) {
    return zCode;
  }
  return p.zName;
}

const char *plw_request_url(Req *req, const Place *p, const char *zSem)
{
  Arena *a = req_arena(req);
  char zLabel[64];
  place_semester_label(zSem, zLabel, sizeof zLabel);
  Str s = STR_INIT;
  str_appendz(&s, "/demande");
  url_add_param(&s, "projet", "stage");
  if (p) {
    int lvl = place_level_parse(p->zLevel);
    url_add_param(&s, "statut", lvl == PLACE_LEVEL_INTERNE_MG ||
                                lvl == PLACE_LEVEL_DOCTEUR_JUNIOR
                                    ? "interne" : "etudiant");
    if (lvl != PLACE_LEVEL_PARAMEDICAL) {
      url_add_param(&s, "profession", "medecin_generaliste");
    }
    url_add_param(&s, "territoire_type", "commune");
    url_add_param(&s, "territoire_code", p->zCommune);
    url_add_param(&s, "territoire_nom", plw_commune_name(req, p->zCommune));
    url_add_param(&s, "besoins", "lieu_exercice");
    url_add_param(&s, "message", arena_printf(a,
        "Demande de place de stage : %s (%s), semestre %s, terrain n° %lld.",
        p->zStructure, place_level_label(lvl), zLabel, (long long)p->id));
  } else {
    url_add_param(&s, "besoins", "logement");
    url_add_param(&s, "message", arena_printf(a,
        "Demande de logement pour le stage du semestre %s.", zLabel));
  }
  const char *z = arena_strdup(a, str_text(&s));
  str_free(&s);
  return z;
}
