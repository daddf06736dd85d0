/*
** workforce/fields.c: one person as a record: the field tables pages and
** the API read it through (kit_read), and its JSON.
**
** Two tables: the identity (a manual entry only: the extraction owns an
** RPPS person's) and the team's entries.  A JSON body updates the keys it
** holds and keeps the others; a form sends every field.
*/
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "workforce/wf_int.h"

static const char *const azProf[] = {"mg", "dentiste", "sage_femme",
                                     "infirmier", "kine", 0};
static const char *const azMode[] = {"L", "S", "B", 0};
static const char *const azYesNo[] = {"oui", "non", 0};

static const KitField aIdentity[] = {
  {"profession", "Profession", KIT_CHOICE, KIT_REQUIRED,
   offsetof(WfPerson, zProfession), 0, 0, azProf, 0},
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(WfPerson, zLastName), 0,
   120, 0, 0},
  {"prenom", "Prénom", KIT_TEXT, 0, offsetof(WfPerson, zFirstName), 0, 120,
   0, 0},
  {"commune", "Commune d'exercice (code INSEE)", KIT_TEXT, KIT_REQUIRED,
   offsetof(WfPerson, zCommune), 0, 5, 0, 0},
  {"mode_exercice", "Mode d'exercice", KIT_CHOICE, 0,
   offsetof(WfPerson, zMode), 0, 0, azMode, 0},
  {"site", "Lieu d'exercice", KIT_TEXT, 0, offsetof(WfPerson, zSiteName), 0,
   200, 0, 0},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

typedef struct WfTeam WfTeam;
struct WfTeam {
  int64_t birthYear;
  double fte, acts;
  const char *zRetireOn, *zNewPatients, *zCommune2;
  int isNewLiberal, isCentre;
};

const KitField wf_person_fields[] = {
  {"annee_naissance", "Année de naissance", KIT_INT, 0,
   offsetof(WfTeam, birthYear), 1920, 2010, 0, 0},
  {"etp", "Équivalent temps plein", KIT_REAL, 0, offsetof(WfTeam, fte), 0,
   1.5, 0, 0},
  {"actes", "Actes par an", KIT_REAL, 0, offsetof(WfTeam, acts), 0, 30000,
   0, 0},
  {"date_retraite", "Date de départ en retraite envisagée", KIT_DATE, 0,
   offsetof(WfTeam, zRetireOn), 0, 0, 0, 0},
  {"nouveaux_patients", "Accepte de nouveaux patients comme médecin traitant",
   KIT_CHOICE, 0, offsetof(WfTeam, zNewPatients), 0, 0, azYesNo, 0},
  {"commune_2", "Second lieu d'exercice (code INSEE)", KIT_TEXT, 0,
   offsetof(WfTeam, zCommune2), 0, 5, 0, 0},
  {"nouvel_installe", "Nouvel installé libéral (pas d'activité l'an dernier)",
   KIT_BOOL, 0, offsetof(WfTeam, isNewLiberal), 0, 0, 0, 0},
  {"centre_sante", "Salarié d'un centre de santé", KIT_BOOL, 0,
   offsetof(WfTeam, isCentre), 0, 0, 0, 0},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

/* Is key zName to be taken: always from a form, from JSON when present. */
static int wf_has(json_t *pBody, const char *zName)
{
  return !pBody || json_object_get(pBody, zName) != NULL;
}

int wf_person_read(Req *req, WfPerson *p, KitErrors *e)
{
  json_t *pBody = req_json(req);
  int isManual = p->id == 0 || !strcmp(p->zOrigin, "manuel");
  if (isManual) {
    WfPerson id = *p;
    int nBad = kit_read(req, aIdentity, &id, e);
    for (int i = 0; aIdentity[i].zName; i++) {
      if (!wf_has(pBody, aIdentity[i].zName) && p->id) continue;
      const char **pz = (const char **)((char *)p + aIdentity[i].offset);
      *pz = *(const char **)((char *)&id + aIdentity[i].offset);
    }
    /* a JSON update may leave required keys out: those errors do not hold */
    if (nBad && p->id && pBody) {
      KitErrors keep = {0};
      for (int i = 0; i < e->n; i++) {
        if (wf_has(pBody, e->a[i].zField)) keep.a[keep.n++] = e->a[i];
      }
      *e = keep;
    }
    if (p->zCommune[0] && !kit_error_of(e, "commune") &&
        !wf_commune_known(req_db(req), p->zCommune)) {
      kit_error_add(req, e, "commune", "commune inconnue (code INSEE à "
                    "5 caractères attendu)");
    }
  }
  WfTeam t;
  kit_read(req, wf_person_fields, &t, e);
  if (wf_has(pBody, "annee_naissance")) {
    p->birthYear = t.birthYear == KIT_UNSET ? 0 : t.birthYear;
  }
  if (wf_has(pBody, "etp")) p->fte = t.fte;
  if (wf_has(pBody, "actes")) p->acts = t.acts;
  if (wf_has(pBody, "date_retraite")) p->zRetireOn = t.zRetireOn;
  if (wf_has(pBody, "nouveaux_patients")) p->zNewPatients = t.zNewPatients;
  if (wf_has(pBody, "commune_2")) p->zCommune2 = t.zCommune2;
  if (wf_has(pBody, "nouvel_installe")) p->isNewLiberal = t.isNewLiberal;
  if (wf_has(pBody, "centre_sante")) p->isCentre = t.isCentre;
  if (p->zCommune2 && p->zCommune2[0] && !kit_error_of(e, "commune_2") &&
      !wf_commune_known(req_db(req), p->zCommune2)) {
    kit_error_add(req, e, "commune_2", "commune inconnue (code INSEE à "
                  "5 caractères attendu)");
  }
  if (p->isNewLiberal && p->isCentre && !kit_error_of(e, "nouvel_installe")) {
    kit_error_add(req, e, "nouvel_installe", "un nouvel installé libéral ne "
                  "peut pas être aussi salarié d'un centre de santé");
  }
  return e->n;
}

int wf_person_or_404(Req *req, WfPerson *p)
{
  Err err = {0};
  int64_t id = kit_arg_id_or_404(req, "id");
  if (id <= 0) return -1;
  int rc = wf_person_get(req_db(req), req_arena(req), id, p, &err);
  if (rc) return kit_reply_err(req, rc, &err);
  return 0;
}

int wf_sees_names(Req *req)
{
  return req_role(req) >= ROLE_AGENT;
}

static json_t *opt_text(const char *z)
{
  return z && z[0] ? json_string(z) : json_null();
}

static json_t *opt_real(double v)
{
  return isnan(v) ? json_null() : json_real(v);
}

json_t *wf_person_json(const WfPerson *p)
{
  const char *zRule;
  double counted = wf_counted_acts(p, &zRule);
  json_t *o = json_pack(
      "{s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:o}", "id",
      (json_int_t)p->id, "rpps", opt_text(p->zRpps), "profession",
      p->zProfession, "nom", p->zLastName, "prenom", p->zFirstName,
      "commune", p->zCommune, "commune_nom", p->zCommuneName,
      "mode_exercice", opt_text(p->zMode), "site", p->zSiteName, "origine",
      p->zOrigin, "absent_depuis", opt_text(p->zMissingSince));
  json_object_set_new(o, "annee_naissance", p->birthYear > 0
                      ? json_integer(p->birthYear) : json_null());
  json_object_set_new(o, "etp", opt_real(p->fte));
  json_object_set_new(o, "actes", opt_real(p->acts));
  json_object_set_new(o, "date_retraite", opt_text(p->zRetireOn));
  json_object_set_new(o, "nouveaux_patients", opt_text(p->zNewPatients));
  json_object_set_new(o, "commune_2", opt_text(p->zCommune2));
  json_object_set_new(o, "nouvel_installe", json_boolean(p->isNewLiberal));
  json_object_set_new(o, "centre_sante", json_boolean(p->isCentre));
  json_object_set_new(o, "actes_comptes", json_real(counted));
  json_object_set_new(o, "regle", json_string(zRule));
  return o;
}
