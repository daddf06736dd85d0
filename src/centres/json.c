/*
** centres/json.c: the centres records as the API shows them, in the French
** API vocabulary (docs/conventions.md); money in *_centimes, unknown
** counts as null.
*/
#include <stdio.h>
#include <string.h>

#include "centres/internal.h"

json_t *ctr_json_network(const void *pRec)
{
  const CentreNetwork *p = pRec;
  return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?}", "id",
                   (json_int_t)p->id, "code", p->zCode, "nom", p->zName,
                   "departement", p->zDep, "source", p->zSource, "note",
                   p->zNote);
}

json_t *ctr_json_centre(const void *pRec)
{
  const Centre *p = pRec;
  return json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:i}", "id",
                   (json_int_t)p->id, "reseau_id", (json_int_t)p->networkId,
                   "code", p->zCode, "nom", p->zName, "date_ouverture",
                   p->zOpenedOn, "note", p->zNote, "nom_reseau",
                   p->zNetworkName, "nb_sites", p->nSite);
}

json_t *ctr_json_services(const CentreSite *p)
{
  return json_pack("{s:b, s:b, s:b, s:b}", "consultations", p->hasConsult,
                   "visites_domicile", p->hasHome, "point_teleconsultation",
                   p->hasTelePoint, "teleconsultation_assistee",
                   p->hasTeleAssist);
}

json_t *ctr_json_site(const void *pRec)
{
  const CentreSite *p = pRec;
  /* null when no hours were entered: unknown, not closed every day */
  json_t *pHours = centre_hours_known(p->aHours) ? json_object() : json_null();
  for (int d = 0; json_is_object(pHours) && d < 7; d++) {
    char z[128];
    centre_hours_format(&p->aHours[d], z, sizeof z);
    json_object_set_new(pHours, centre_weekday_label(d), json_string(z));
  }
  json_t *o = json_pack(
      "{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?,"
      " s:s?, s:s?, s:b, s:s?, s:f}",
      "id", (json_int_t)p->id, "centre_id", (json_int_t)p->centreId, "code",
      p->zCode, "type", p->zKind, "nom", p->zName, "commune", p->zCommune,
      "adresse", p->zAddress, "date_ouverture", p->zOpenedOn,
      "date_fermeture", p->zClosedOn, "type_preteur", p->zLenderKind,
      "nom_preteur", p->zLenderName, "debut_convention", p->zConvStart,
      "fin_convention", p->zConvEnd, "indicatif", p->isIllustrative, "note",
      p->zNote, "etp_medecins", p->fteDoctors);
  json_object_set_new(o, "services", ctr_json_services(p));
  json_object_set_new(o, "horaires", pHours);
  return o;
}

json_t *ctr_json_staff(const void *pRec)
{
  const CentreStaff *p = pRec;
  json_t *aSite = json_array();
  for (int i = 0; i < p->nSite; i++) {
    json_array_append_new(aSite, json_pack("{s:I, s:f, s:s?}", "site_id",
                                           (json_int_t)p->aSiteId[i], "etp",
                                           p->aFte[i], "nom_site",
                                           p->azSiteName[i]));
  }
  json_t *o = json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
                        "id", (json_int_t)p->id, "reseau_id",
                        (json_int_t)p->networkId, "prenom", p->zFirstName,
                        "nom", p->zLastName, "categorie", p->zCategory,
                        "fonction", p->zJob, "debut_contrat",
                        p->zContractStart, "fin_contrat", p->zContractEnd);
  json_object_set_new(o, "sites", aSite);
  return o;
}

static json_t *json_count(long v)
{
  return v >= 0 ? json_integer(v) : json_null();
}

json_t *ctr_json_vacancy(const void *pRec)
{
  const CentreVacancy *p = pRec;
  json_t *o = json_pack(
      "{s:I, s:I, s:s?, s:s?, s:f, s:s?, s:s?, s:s?, s:b, s:s?, s:s?, s:s?,"
      " s:s?, s:s?, s:s?}",
      "id", (json_int_t)p->id, "site_id", (json_int_t)p->siteId, "categorie",
      p->zCategory, "intitule", p->zTitle, "etp", p->fte, "description",
      p->zDescription, "date_publication", p->zPostedOn, "date_cloture",
      p->zClosedOn, "public", p->isPublic, "nom_site", p->zSiteName,
      "commune", p->zCommune, "nom_centre", p->zCentreName, "contrat",
      p->zContract, "date_prise_de_poste", p->zStartOn, "avantages",
      p->zBenefits);
  json_object_set_new(o, "salaire_min_centimes",
                      json_count(p->salaryMinCents));
  json_object_set_new(o, "salaire_max_centimes",
                      json_count(p->salaryMaxCents));
  return o;
}

json_t *ctr_jsonld_job(const CentreVacancy *p, const char *zCommuneName)
{
  /* schema.org JobPosting: "@context" is the vocabulary's identifier */
  json_t *pType = json_array();
  if (p->zContract && !strcmp(p->zContract, "vacations")) {
    json_array_append_new(pType, json_string("PER_DIEM"));
  } else {
    json_array_append_new(pType, json_string(p->fte >= 1 ? "FULL_TIME"
                                                          : "PART_TIME"));
    if (p->zContract && !strcmp(p->zContract, "cdd")) {
      json_array_append_new(pType, json_string("TEMPORARY"));
    }
  }
  json_t *o = json_pack(
      "{s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:{s:s, s:s},"
      " s:{s:s, s:{s:s, s:s, s:s}}}",
      "@context", "https://schema.org", "@type", "JobPosting", "title",
      p->zTitle, "description",
      p->zDescription && p->zDescription[0] ? p->zDescription : p->zTitle,
      "datePosted", p->zPostedOn, "employmentType", pType, "directApply", 0,
      "hiringOrganization", "@type", "Organization", "name", p->zCentreName,
      "jobLocation", "@type", "Place", "address", "@type", "PostalAddress",
      "addressLocality", zCommuneName, "addressCountry", "FR");
  if (p->zStartOn && p->zStartOn[0]) {
    json_object_set_new(o, "jobStartDate", json_string(p->zStartOn));
  }
  if (p->zBenefits && p->zBenefits[0]) {
    json_object_set_new(o, "jobBenefits", json_string(p->zBenefits));
  }
  if (p->salaryMinCents > 0 || p->salaryMaxCents > 0) {
    json_t *pValue = json_pack("{s:s, s:s}", "@type", "QuantitativeValue",
                               "unitText", "YEAR");
    if (p->salaryMinCents > 0) {
      json_object_set_new(pValue, "minValue",
                          json_real((double)p->salaryMinCents / 100.0));
    }
    if (p->salaryMaxCents > 0) {
      json_object_set_new(pValue, "maxValue",
                          json_real((double)p->salaryMaxCents / 100.0));
    }
    json_object_set_new(o, "baseSalary", json_pack(
        "{s:s, s:s, s:o}", "@type", "MonetaryAmount", "currency", "EUR",
        "value", pValue));
  }
  return o;
}

json_t *ctr_json_activity(const void *pRec)
{
  const CentreActivity *p = pRec;
  char zMonth[16];
  snprintf(zMonth, sizeof zMonth, "%04d-%02d", p->year % 10000,
           p->month % 100);
  json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I}", "site_id",
                        (json_int_t)p->siteId, "mois", zMonth,
                        "consultations", (json_int_t)p->consultations,
                        "visites_domicile", (json_int_t)p->homeVisits,
                        "teleconsultations",
                        (json_int_t)p->teleconsultations,
                        "nouveaux_patients_mt", (json_int_t)p->newMtPatients,
                        "patients_mt_cumul", (json_int_t)p->cumMtPatients);
  json_object_set_new(o, "part_non_programmee",
                      p->unscheduledPct >= 0 ? json_real(p->unscheduledPct)
                                             : json_null());
  return o;
}

json_t *ctr_json_published(const void *pRec)
{
  const CentrePublished *p = pRec;
  return json_pack("{s:I, s:s, s:s, s:i, s:i, s:f, s:s, s:s}", "reseau_id",
                   (json_int_t)p->networkId, "indicateur", p->zMetric,
                   "libelle", centre_metric_label(p->zMetric), "annee_debut",
                   p->yearFrom, "annee_fin", p->yearTo, "valeur", p->value,
                   "source", p->zSource, "note", p->zNote);
}

json_t *ctr_json_finance(const void *pRec)
{
  const CentreFinance *p = pRec;
  char zMonth[16];
  snprintf(zMonth, sizeof zMonth, "%04d-%02d", p->year % 10000,
           p->month % 100);
  return json_pack("{s:I, s:s, s:I, s:I, s:I}", "centre_id",
                   (json_int_t)p->centreId, "mois", zMonth,
                   "salaires_centimes", (json_int_t)p->salariesCents,
                   "charges_centimes", (json_int_t)p->chargesCents,
                   "remboursements_centimes",
                   (json_int_t)p->reimbursementsCents);
}

/* A count that may be unknown (-1) as JSON: the number or null. */

/* The totals t; every figure null when hasData is 0 (« pas de donnée »:
** no monthly row and no published total, which is not 0). */
static json_t *json_totals(const CentreTotals *t, int hasData)
{
  static const CentreTotals unknown = {
      .consultations = -1, .homeVisits = -1, .teleconsultations = -1,
      .homeAndTele = -1, .newMtPatients = -1, .cumMtPatients = -1,
      .unscheduledPct = -1};
  if (!hasData) t = &unknown;
  json_t *o = json_object();
  json_object_set_new(o, "consultations", json_count(t->consultations));
  json_object_set_new(o, "visites_domicile", json_count(t->homeVisits));
  json_object_set_new(o, "teleconsultations",
                      json_count(t->teleconsultations));
  json_object_set_new(o, "visites_et_teleconsultations",
                      json_count(t->homeAndTele));
  json_object_set_new(o, "nouveaux_patients_mt",
                      json_count(t->newMtPatients));
  json_object_set_new(o, "patients_mt_cumul", json_count(t->cumMtPatients));
  json_object_set_new(o, "part_non_programmee",
                      t->unscheduledPct >= 0 ? json_real(t->unscheduledPct)
                                             : json_null());
  json_object_set_new(o, "mois_sites", json_integer(t->nMonths));
  return o;
}

json_t *ctr_json_stats(const CentreStats *p)
{
  static const char *const azScope[] = {"reseau", "centre", "site"};
  json_t *aM = json_array();
  for (int m = 0; m < 12; m++) {
    json_t *o = json_totals(&p->aMonth[m], p->aMonth[m].nMonths > 0);
    json_object_set_new(o, "mois", json_integer(m + 1));
    json_object_set_new(o, "annee_precedente",
                        json_totals(&p->aPrevMonth[m],
                                    p->aPrevMonth[m].nMonths > 0));
    json_array_append_new(aM, o);
  }
  json_t *o = json_pack("{s:s, s:I, s:i, s:i, s:b, s:f}", "perimetre",
                        azScope[p->scope], "id", (json_int_t)p->id, "annee",
                        p->year, "mois_fin", p->monthTo, "totaux_publies",
                        p->isPublished, "etp_medecins", p->fteDoctors);
  json_object_set_new(o, "source", p->zPublishedSource
                                       ? json_string(p->zPublishedSource)
                                       : json_null());
  json_object_set_new(o, "cumul_annee", json_totals(&p->ytd, p->hasCur));
  json_object_set_new(o, "cumul_annee_precedente",
                      json_totals(&p->prevYtd, p->hasPrev));
  json_object_set_new(o, "consultations_par_etp_medecin",
                      p->consultPerFte >= 0 ? json_real(p->consultPerFte)
                                            : json_null());
  json_object_set_new(o, "mois", aM);
  json_object_set_new(o, "finances", json_pack(
      "{s:I, s:I, s:I}", "salaires_centimes", (json_int_t)p->salariesCents,
      "charges_centimes", (json_int_t)p->chargesCents,
      "remboursements_centimes", (json_int_t)p->reimbursementsCents));
  return o;
}
