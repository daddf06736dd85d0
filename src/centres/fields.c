/*
** centres/fields.c: the one field table of each record the centres pages
** and API write (see internal.h).  A page posts a form, the API a JSON
** body: both are read here, by the same table, every bad field reported
** at once.
*/
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "centres/internal.h"
#include "web/kit_record.h"

/* Read aField into pRec; an update (isUpdate) through a JSON body changes
** only the members it names. */
static int ctr_read(Req *req, const KitField *aField, void *pRec,
                    size_t nRec, int isUpdate, KitErrors *e)
{
  if (isUpdate) return kit_read_update(req, aField, pRec, nRec, e);
  return kit_read(req, aField, pRec, e);
}

/* ---- networks and centres ----------------------------------------------- */

static const KitField aNetworkField[] = {
  {"code", "Code court", KIT_TEXT, KIT_REQUIRED,
   offsetof(CentreNetwork, zCode), 0, 0, NULL, NULL},
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(CentreNetwork, zName), 0,
   0, NULL, "name"},
  {"departement", "Département", KIT_TEXT, 0, offsetof(CentreNetwork, zDep),
   0, 0, NULL, "dep"},
  {"source", "Source des informations", KIT_TEXT, 0,
   offsetof(CentreNetwork, zSource), 0, 0, NULL, NULL},
  {"note", "Remarque", KIT_LONGTEXT, 0, offsetof(CentreNetwork, zNote), 0, 0,
   NULL, NULL},
  {0}
};

int ctr_read_network(Req *req, void *pNetwork, KitErrors *e)
{
  CentreNetwork *p = pNetwork;
  return ctr_read(req, aNetworkField, p, sizeof *p, p->id != 0, e);
}

static const KitField aCentreField[] = {
  {"reseau_id", "Réseau", KIT_ID, KIT_REQUIRED, offsetof(Centre, networkId),
   0, 0, NULL, "network_id"},
  {"code", "Code court", KIT_TEXT, KIT_REQUIRED, offsetof(Centre, zCode), 0,
   0, NULL, NULL},
  {"nom", "Nom du centre", KIT_TEXT, KIT_REQUIRED, offsetof(Centre, zName),
   0, 0, NULL, "name"},
  {"date_ouverture", "Date d'ouverture", KIT_DATE, 0,
   offsetof(Centre, zOpenedOn), 0, 0, NULL, "opened_on"},
  {"note", "Remarque", KIT_LONGTEXT, 0, offsetof(Centre, zNote), 0, 0, NULL,
   NULL},
  {0}
};

int ctr_read_centre(Req *req, void *pCentre, KitErrors *e)
{
  Centre *p = pCentre;
  return ctr_read(req, aCentreField, p, sizeof *p, p->id != 0, e);
}

/* ---- sites -------------------------------------------------------------- */

static const char *const azSiteKind[] = {"principal", "antenne", NULL};
static const char *const azLender[] = {"commune", "epci", "departement",
                                       "autre", NULL};

static const KitField aSiteField[] = {
  {"code", "Code du site", KIT_TEXT, KIT_REQUIRED, offsetof(CentreSite, zCode),
   0, 0, NULL, NULL},
  {"type", "Type de site", KIT_CHOICE, 0, offsetof(CentreSite, zKind), 0, 0,
   azSiteKind, "kind"},
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(CentreSite, zName), 0, 0,
   NULL, "name"},
  {"commune", "Commune", KIT_TEXT, KIT_REQUIRED,
   offsetof(CentreSite, zCommune), 0, 0, NULL, NULL},
  {"adresse", "Adresse", KIT_TEXT, 0, offsetof(CentreSite, zAddress), 0, 0,
   NULL, "address"},
  {"date_ouverture", "Date d'ouverture", KIT_DATE, 0,
   offsetof(CentreSite, zOpenedOn), 0, 0, NULL, "opened_on"},
  {"date_fermeture", "Date de fermeture", KIT_DATE, 0,
   offsetof(CentreSite, zClosedOn), 0, 0, NULL, "closed_on"},
  {"type_preteur", "Locaux prêtés par", KIT_CHOICE, 0,
   offsetof(CentreSite, zLenderKind), 0, 0, azLender, "lender_kind"},
  {"nom_preteur", "Nom du prêteur", KIT_TEXT, 0,
   offsetof(CentreSite, zLenderName), 0, 0, NULL, "lender_name"},
  {"debut_convention", "Début de la convention", KIT_DATE, 0,
   offsetof(CentreSite, zConvStart), 0, 0, NULL, "convention_start"},
  {"fin_convention", "Fin de la convention", KIT_DATE, 0,
   offsetof(CentreSite, zConvEnd), 0, 0, NULL, "convention_end"},
  {"note", "Remarque", KIT_LONGTEXT, 0, offsetof(CentreSite, zNote), 0, 0,
   NULL, NULL},
  {0}
};

/* The services: one check box each on the page, members of the JSON
** object "services" in the API (former names second). */
static const KitField aServiceField[] = {
  {"consultations", "Consultations", KIT_BOOL, 0,
   offsetof(CentreSite, hasConsult), 0, 0, NULL, "svc_consult"},
  {"visites_domicile", "Visites à domicile", KIT_BOOL, 0,
   offsetof(CentreSite, hasHome), 0, 0, NULL, "home_visits"},
  {"point_teleconsultation", "Point de téléconsultation", KIT_BOOL, 0,
   offsetof(CentreSite, hasTelePoint), 0, 0, NULL, "teleconsultation_point"},
  {"teleconsultation_assistee", "Téléconsultation assistée (infirmier·e ou "
   "pharmacien·ne)", KIT_BOOL, 0, offsetof(CentreSite, hasTeleAssist), 0, 0,
   NULL, "assisted_teleconsultation"},
  {0}
};

/* The JSON member zName (or zOld) of o, or NULL. */
static json_t *ctr_member(json_t *o, const char *zName, const char *zOld)
{
  json_t *v = json_object_get(o, zName);
  if (!v && zOld) v = json_object_get(o, zOld);
  return v;
}

/* Services and hours of a site from the form or the JSON body. */
static int ctr_read_site_more(Req *req, CentreSite *p, KitErrors *e)
{
  json_t *pBody = req_json(req);
  int n = 0;
  if (!json_is_object(pBody)) {
    for (const KitField *f = aServiceField; f->zName; f++) {
      *(int *)((char *)p + f->offset) = kit_value(req, f->zName)[0] != 0;
    }
    for (int d = 0; d < 7; d++) {
      Err err = {0};
      const char *zName = arena_printf(req_arena(req), "horaires_%s",
                                       centre_weekday_label(d));
      if (centre_hours_parse(kit_value(req, zName), &p->aHours[d], &err)) {
        err_field(&err, zName);
        kit_error_from(req, e, &err);
        n++;
      }
    }
    return n;
  }
  json_t *pSvc = ctr_member(pBody, "services", NULL);
  if (json_is_object(pSvc)) {
    for (const KitField *f = aServiceField; f->zName; f++) {
      *(int *)((char *)p + f->offset) =
          json_is_true(ctr_member(pSvc, f->zName, f->zOld));
    }
  }
  json_t *pHours = ctr_member(pBody, "horaires", "hours");
  if (json_is_object(pHours)) {
    for (int d = 0; d < 7; d++) {
      Err err = {0};
      json_t *v = json_object_get(pHours, centre_weekday_label(d));
      if (!v) continue;
      if (centre_hours_parse(json_string_value(v), &p->aHours[d], &err)) {
        err_field(&err, "horaires");
        kit_error_from(req, e, &err);
        return n + 1;
      }
    }
  }
  return n;
}

int ctr_read_site(Req *req, void *pSite, KitErrors *e)
{
  CentreSite *p = pSite;
  int n = ctr_read(req, aSiteField, p, sizeof *p, p->id != 0, e);
  if (!p->zKind || !p->zKind[0]) p->zKind = "antenne";
  return n + ctr_read_site_more(req, p, e);
}

/* ---- staff -------------------------------------------------------------- */

static const KitField aStaffField[] = {
  {"prenom", "Prénom", KIT_TEXT, KIT_REQUIRED,
   offsetof(CentreStaff, zFirstName), 0, 0, NULL, "first_name"},
  {"nom", "Nom", KIT_TEXT, KIT_REQUIRED, offsetof(CentreStaff, zLastName), 0,
   0, NULL, "last_name"},
  {"categorie", "Catégorie", KIT_TEXT, 0, offsetof(CentreStaff, zCategory),
   0, 0, NULL, "category"},
  {"fonction", "Fonction", KIT_TEXT, 0, offsetof(CentreStaff, zJob), 0, 0,
   NULL, "job"},
  {"debut_contrat", "Début du contrat", KIT_DATE, 0,
   offsetof(CentreStaff, zContractStart), 0, 0, NULL, "contract_start"},
  {"fin_contrat", "Fin du contrat", KIT_DATE, 0,
   offsetof(CentreStaff, zContractEnd), 0, 0, NULL, "contract_end"},
  {0}
};

/* A share of a full time: "0,5", "0.5", a JSON number; -1 if unreadable. */
static double ctr_fte(const char *z)
{
  char zNum[32];
  double v;
  snprintf(zNum, sizeof zNum, "%s", z);
  for (char *c = zNum; *c; c++) {
    if (*c == ',') *c = '.';
  }
  return str_to_double(zNum, &v) ? -1 : v;
}

int ctr_read_staff(Req *req, CentreStaff *p, const CentreSite *aSite,
                   int nSite, KitErrors *e)
{
  int n = ctr_read(req, aStaffField, p, sizeof *p, p->id != 0, e);
  json_t *pBody = req_json(req);
  if (json_is_object(pBody)) {
    json_t *aS = json_object_get(pBody, "sites");
    if (!json_is_array(aS)) return n;
    size_t i;
    json_t *v;
    p->nSite = 0;
    json_array_foreach(aS, i, v) {
      json_t *pFte = ctr_member(v, "etp", "fte");
      if (p->nSite == CENTRE_MAX_STAFF_SITES || !json_is_number(pFte)) {
        kit_error_add(req, e, "sites", arena_printf(req_arena(req),
            "sites : au plus %d, chacun avec site_id et etp",
            CENTRE_MAX_STAFF_SITES));
        return n + 1;
      }
      json_t *pId = json_object_get(v, "site_id");
      p->aSiteId[p->nSite] = json_is_integer(pId) ? json_integer_value(pId)
                                                  : 0;
      p->aFte[p->nSite++] = json_number_value(pFte);
    }
    return n;
  }
  p->nSite = 0;
  for (int i = 0; i < nSite; i++) {
    const char *zName = arena_printf(req_arena(req), "etp_%lld",
                                     (long long)aSite[i].id);
    const char *z = kit_value(req, zName);
    if (!z[0]) continue;
    double v = ctr_fte(z);
    if (v < 0) {
      kit_error_add(req, e, "etp", arena_printf(req_arena(req),
                    "ETP illisible pour %s", aSite[i].zName));
      return n + 1;
    }
    if (v == 0) continue;
    if (p->nSite == CENTRE_MAX_STAFF_SITES) break;
    p->aSiteId[p->nSite] = aSite[i].id;
    p->aFte[p->nSite++] = v;
  }
  return n;
}

/* ---- vacancies ---------------------------------------------------------- */

static const KitField aVacancyField[] = {
  {"site_id", "Site", KIT_ID, KIT_REQUIRED, offsetof(CentreVacancy, siteId),
   0, 0, NULL, NULL},
  {"categorie", "Catégorie", KIT_TEXT, 0, offsetof(CentreVacancy, zCategory),
   0, 0, NULL, "category"},
  {"intitule", "Intitulé du poste", KIT_TEXT, KIT_REQUIRED,
   offsetof(CentreVacancy, zTitle), 0, 0, NULL, "title"},
  {"etp", "Temps de travail (ETP)", KIT_REAL, 0, offsetof(CentreVacancy, fte),
   0, 0, NULL, "fte"},
  {"description", "Description", KIT_LONGTEXT, 0,
   offsetof(CentreVacancy, zDescription), 0, 0, NULL, NULL},
  {"date_publication", "Publié le", KIT_DATE, 0,
   offsetof(CentreVacancy, zPostedOn), 0, 0, NULL, "posted_on"},
  {"date_cloture", "Pourvu ou clos le", KIT_DATE, 0,
   offsetof(CentreVacancy, zClosedOn), 0, 0, NULL, "closed_on"},
  {"public", "Publier sur le portail", KIT_BOOL, 0,
   offsetof(CentreVacancy, isPublic), 0, 0, NULL, "is_public"},
  {"contrat", "Contrat", KIT_TEXT, 0, offsetof(CentreVacancy, zContract),
   0, 0, NULL, NULL},
  {"date_prise_de_poste", "Prise de poste", KIT_DATE, 0,
   offsetof(CentreVacancy, zStartOn), 0, 0, NULL, NULL},
  {"avantages", "Avantages", KIT_LONGTEXT, 0,
   offsetof(CentreVacancy, zBenefits), 0, 0, NULL, NULL},
  {0}
};

/* The salary range: euros per year typed on the page, cents in the API. */
typedef struct SalaryIn SalaryIn;
struct SalaryIn {
  int64_t minEuros, maxEuros, minCents, maxCents;
};

static const KitField aSalaryField[] = {
  {"salaire_min", "Salaire brut annuel minimum", KIT_CENTS, 0,
   offsetof(SalaryIn, minEuros), 0, 0, NULL, NULL},
  {"salaire_max", "Salaire brut annuel maximum", KIT_CENTS, 0,
   offsetof(SalaryIn, maxEuros), 0, 0, NULL, NULL},
  {"salaire_min_centimes", "Salaire brut annuel minimum (centimes)",
   KIT_CENTS, 0, offsetof(SalaryIn, minCents), 0, 0, NULL, NULL},
  {"salaire_max_centimes", "Salaire brut annuel maximum (centimes)",
   KIT_CENTS, 0, offsetof(SalaryIn, maxCents), 0, 0, NULL, NULL},
  {0}
};

/* Cents typed either way; -1 when neither was given. */
static int64_t salary_of(int64_t euros, int64_t cents)
{
  return cents != KIT_UNSET ? cents : euros != KIT_UNSET ? euros : -1;
}

int ctr_read_vacancy(Req *req, void *pVacancy, KitErrors *e)
{
  CentreVacancy *p = pVacancy;
  SalaryIn sal;
  int n = kit_read(req, aVacancyField, p, e);
  n += kit_read(req, aSalaryField, &sal, e);
  p->salaryMinCents = salary_of(sal.minEuros, sal.minCents);
  p->salaryMaxCents = salary_of(sal.maxEuros, sal.maxCents);
  json_t *pBody = req_json(req);
  if (isnan(p->fte)) p->fte = 1;
  if (json_is_object(pBody) && !kit_has(req, &aVacancyField[7])) {
    p->isPublic = 1;                  /* the API publishes by default */
  }
  if (!p->zPostedOn[0]) {
    char *zToday = arena_alloc(req_arena(req), 11);
    p->zPostedOn = caldate_format(caldate_today(), zToday);
  }
  return n;
}

/* ---- activity and finance ----------------------------------------------- */

typedef struct ActivityIn ActivityIn;
struct ActivityIn {
  int64_t siteId;
  const char *zSite, *zMonth;
  int64_t aCount[5];
  double pct;
};

static const KitField aActivityField[] = {
  {"site_id", "Site", KIT_ID, 0, offsetof(ActivityIn, siteId), 0, 0, NULL,
   NULL},
  {"site", "Code du site", KIT_TEXT, 0, offsetof(ActivityIn, zSite), 0, 0,
   NULL, NULL},
  {"mois", "Mois", KIT_TEXT, KIT_REQUIRED, offsetof(ActivityIn, zMonth), 0,
   0, NULL, "month"},
  {"consultations", "Consultations", KIT_INT, 0,
   offsetof(ActivityIn, aCount[0]), 0, 0, NULL, NULL},
  {"visites_domicile", "Visites à domicile", KIT_INT, 0,
   offsetof(ActivityIn, aCount[1]), 0, 0, NULL, "home_visits"},
  {"teleconsultations", "Téléconsultations", KIT_INT, 0,
   offsetof(ActivityIn, aCount[2]), 0, 0, NULL, NULL},
  {"nouveaux_patients_mt", "Nouveaux patients déclarant un médecin traitant",
   KIT_INT, 0, offsetof(ActivityIn, aCount[3]), 0, 0, NULL,
   "new_mt_patients"},
  {"patients_mt_cumul", "Patients ayant un médecin traitant (cumul)",
   KIT_INT, 0, offsetof(ActivityIn, aCount[4]), 0, 0, NULL,
   "cum_mt_patients"},
  {"part_non_programmee", "Part de consultations non programmées", KIT_REAL,
   0, offsetof(ActivityIn, pct), 0, 100, NULL, "unscheduled_pct"},
  {0}
};

/* "AAAA-MM" of the field "mois" into *pYear, *pMonth, or an error. */
static int ctr_month(Req *req, const char *z, int *pYear, int *pMonth,
                     KitErrors *e)
{
  if (!z[0] || !caldate_parse_month(z, pYear, pMonth)) return 0;
  kit_error_add(req, e, "mois", "mois invalide (attendu AAAA-MM)");
  return 1;
}

int ctr_read_activity(Req *req, void *pActivity, KitErrors *e)
{
  CentreActivity *p = pActivity;
  ActivityIn in = {0};
  int n = kit_read(req, aActivityField, &in, e);
  long *apv[] = {&p->consultations, &p->homeVisits, &p->teleconsultations,
                 &p->newMtPatients, &p->cumMtPatients};
  int isJson = json_is_object(req_json(req));
  p->siteId = in.siteId;
  if (!p->siteId && in.zSite[0]) {
    p->siteId = centre_site_by_code(req_db(req), in.zSite);
  }
  for (int i = 0; i < 5; i++) {
    const KitField *f = &aActivityField[3 + i];
    /* A page's empty count is 0; the API names every count. */
    if (in.aCount[i] == KIT_UNSET && isJson && !kit_has(req, f)) {
      kit_error_add(req, e, f->zName, arena_printf(req_arena(req),
                    "%s : nombre attendu", f->zLabel));
      n++;
    }
    *apv[i] = in.aCount[i] == KIT_UNSET ? 0 : (long)in.aCount[i];
  }
  p->unscheduledPct = isnan(in.pct) ? -1 : in.pct;
  return n + ctr_month(req, in.zMonth, &p->year, &p->month, e);
}

typedef struct FinanceIn FinanceIn;
struct FinanceIn {
  const char *zMonth;
  int64_t aEuros[3], aCents[3];
};

static const KitField aFinanceField[] = {
  {"mois", "Mois", KIT_TEXT, KIT_REQUIRED, offsetof(FinanceIn, zMonth), 0, 0,
   NULL, "month"},
  {"salaires", "Salaires", KIT_CENTS, 0, offsetof(FinanceIn, aEuros[0]), 0,
   0, NULL, NULL},
  {"charges", "Charges", KIT_CENTS, 0, offsetof(FinanceIn, aEuros[1]), 0, 0,
   NULL, NULL},
  {"remboursements", "Remboursements reçus", KIT_CENTS, 0,
   offsetof(FinanceIn, aEuros[2]), 0, 0, NULL, NULL},
  {"salaires_centimes", "Salaires (centimes)", KIT_INT, KIT_SIGNED,
   offsetof(FinanceIn, aCents[0]), 0, 0, NULL, "salaries_cents"},
  {"charges_centimes", "Charges (centimes)", KIT_INT, KIT_SIGNED,
   offsetof(FinanceIn, aCents[1]), 0, 0, NULL, "charges_cents"},
  {"remboursements_centimes", "Remboursements reçus (centimes)", KIT_INT,
   KIT_SIGNED, offsetof(FinanceIn, aCents[2]), 0, 0, NULL,
   "reimbursements_cents"},
  {0}
};

int ctr_read_finance(Req *req, void *pFinance, KitErrors *e)
{
  CentreFinance *p = pFinance;
  FinanceIn in = {0};
  int n = kit_read(req, aFinanceField, &in, e);
  int64_t *apv[] = {&p->salariesCents, &p->chargesCents,
                    &p->reimbursementsCents};
  int isJson = json_is_object(req_json(req));
  for (int i = 0; i < 3; i++) {
    int64_t v = in.aCents[i] != KIT_UNSET ? in.aCents[i] : in.aEuros[i];
    const KitField *f = &aFinanceField[isJson ? 4 + i : 1 + i];
    if (v == KIT_UNSET && !kit_error_of(e, f->zName)) {
      kit_error_add(req, e, f->zName, arena_printf(req_arena(req),
                    "%s : montant attendu", f->zLabel));
      n++;
    }
    *apv[i] = v == KIT_UNSET ? 0 : v;
  }
  return n + ctr_month(req, in.zMonth, &p->year, &p->month, e);
}
