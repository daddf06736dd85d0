/*
** centres/rules.c: the pure rules of the centres module.
**
** Vocabulary (categories, metrics, weekdays), opening hours parsing, the
** checks run before anything is saved (each names the field it refuses)
** and the derived figures of the dashboards.  No SQL, no HTML here.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/caldate.h"
#include "base/err_input.h"
#include "base/label.h"
#include "centres/centres.h"

const Label centre_categories[CENTRE_NCAT + 1] = {
  {"medecin", "Médecin"}, {"paramedical", "Paramédical"},
  {"secretaire", "Secrétaire médical·e"}, {"administratif", "Administratif"},
  {0, 0}
};

const char *centre_cat_code(int i)
{
  return i >= 0 && i < CENTRE_NCAT ? centre_categories[i].zCode : "";
}

const char *centre_cat_label(int i)
{
  return i >= 0 && i < CENTRE_NCAT ? centre_categories[i].zLabel : "";
}

int centre_cat_parse(const char *z)
{
  for (int i = 0; z && i < CENTRE_NCAT; i++) {
    if (!strcmp(z, centre_categories[i].zCode)) return i;
  }
  return -1;
}

/* Label of code z in list a (zero-ended), or NULL when z is not there. */
static const char *label_of(const Label *a, const char *z)
{
  for (; z && a->zCode; a++) {
    if (!strcmp(z, a->zCode)) return a->zLabel;
  }
  return NULL;
}

const char *centre_metric_label(const char *z)
{
  static const Label aMetric[] = {
    {"consultations", "Consultations"},
    {"home_and_tele", "Visites à domicile et téléconsultations"},
    {"home_visits", "Visites à domicile"},
    {"all_contacts", "Consultations, visites et téléconsultations "
                     "(ensemble)"},
    {"mt_patients", "Patients ayant trouvé un médecin traitant"},
    {"staff_medecin", "Médecins salariés"},
    {"staff_paramedical", "Personnels paramédicaux"},
    {"staff_secretaire", "Secrétaires médicales"},
    {"staff_administratif", "Personnels administratifs"},
    {"staff_total", "Professionnels"},
    {"n_centres", "Centres"},
    {"n_antennes", "Antennes"},
    {0, 0}
  };
  const char *zLabel = label_of(aMetric, z);
  return zLabel ? zLabel : z ? z : "";
}

int centre_hours_known(const CentreDayHours aHours[7])
{
  for (int d = 0; d < 7; d++) {
    if (aHours[d].n > 0) return 1;
  }
  return 0;
}

const Label centre_contracts[] = {
  {"cdi", "CDI"}, {"cdd", "CDD"}, {"vacations", "vacations"}, {0, 0}
};

const char *centre_contract_label(const char *z)
{
  const char *zLabel = label_of(centre_contracts, z);
  return zLabel ? zLabel : "";
}

const char *centre_weekday_label(int i)
{
  static const char *const az[7] = {"lundi", "mardi", "mercredi", "jeudi",
                                    "vendredi", "samedi", "dimanche"};
  return i >= 0 && i < 7 ? az[i] : "";
}

/* ---- opening hours ------------------------------------------------------ */

/* "HH:MM" (or "HHhMM", "HHh") at *pz into minutes; advances *pz.  -1 if bad. */
static int hours_time(const char **pz, int *pMin)
{
  const char *z = *pz;
  int h = 0, m = 0, n = 0;
  while (*z >= '0' && *z <= '9' && n < 2) h = h * 10 + (*z++ - '0'), n++;
  if (n == 0 || (*z != ':' && *z != 'h')) return -1;
  z++;
  n = 0;
  while (*z >= '0' && *z <= '9' && n < 2) m = m * 10 + (*z++ - '0'), n++;
  if (n == 1) return -1;
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  *pMin = h * 60 + m;
  *pz = z;
  return 0;
}

int centre_hours_parse(const char *z, CentreDayHours *p, Err *err)
{
  memset(p, 0, sizeof *p);
  if (!z) return 0;
  while (*z == ' ') z++;
  if (!*z || !strcmp(z, "fermé") || !strcmp(z, "ferme")) return 0;
  for (;;) {
    int o, c;
    while (*z == ' ') z++;
    if (hours_time(&z, &o)) goto bad;
    while (*z == ' ') z++;
    if (*z != '-') goto bad;
    z++;
    while (*z == ' ') z++;
    if (hours_time(&z, &c)) goto bad;
    if (c <= o) {
      return err_set(err, ERR_INPUT, "horaires : la fermeture doit suivre "
                     "l'ouverture");
    }
    if (p->n > 0 && o < p->aClose[p->n - 1]) {
      return err_set(err, ERR_INPUT, "horaires : les plages doivent se "
                     "suivre sans se chevaucher");
    }
    if (p->n == CENTRE_MAX_RANGES) {
      return err_set(err, ERR_INPUT, "horaires : %d plages au plus par jour",
                     CENTRE_MAX_RANGES);
    }
    p->aOpen[p->n] = o;
    p->aClose[p->n] = c;
    p->n++;
    while (*z == ' ') z++;
    if (!*z) return 0;
    if (*z != ',' && *z != ';') goto bad;
    z++;
  }
bad:
  return err_set(err, ERR_INPUT, "horaires illisibles : écrire par exemple "
                 "« 08:30-12:00, 14:00-18:00 » ou laisser vide si fermé");
}

char *centre_hours_format(const CentreDayHours *p, char *zOut, int nOut)
{
  int n = 0;
  zOut[0] = 0;
  for (int i = 0; i < p->n && n < nOut; i++) {
    n += snprintf(zOut + n, nOut - n, "%s%02d:%02d-%02d:%02d",
                  i ? ", " : "", p->aOpen[i] / 60, p->aOpen[i] % 60,
                  p->aClose[i] / 60, p->aClose[i] % 60);
  }
  return zOut;
}

/* ---- checks ------------------------------------------------------------- */

/* Required non-empty text field. */
static int check_text(const char *z, const char *zField, const char *zLabel,
                      Err *err)
{
  if (z && z[0]) return 0;
  return err_input(err, zField, "%s : champ obligatoire", zLabel);
}

/* Optional date (NULL or "" allowed); *pDay set when present. */
static int check_date(const char *z, const char *zField, const char *zLabel,
                      int isRequired, int *pDay, Err *err)
{
  if (!z || !z[0]) {
    if (!isRequired) return 0;
    return err_input(err, zField, "%s : date obligatoire", zLabel);
  }
  int iDay;
  if (caldate_parse(z, &iDay)) {
    return err_input(err, zField, "%s : date invalide « %.40s » (attendu "
                     "AAAA-MM-JJ)", zLabel, z);
  }
  if (pDay) *pDay = iDay;
  return 0;
}

/* Dates zStart <= zEnd when both given; field zField on failure. */
static int check_order(const char *zStart, const char *zEnd,
                       const char *zField, const char *zWhat, Err *err)
{
  int s, e;
  if (!zStart || !zStart[0] || !zEnd || !zEnd[0]) return 0;
  if (caldate_parse(zStart, &s) || caldate_parse(zEnd, &e)) return 0;
  if (e >= s) return 0;
  return err_input(err, zField, "%s : la fin précède le début", zWhat);
}

/* An INSEE commune code: 5 characters, digits or 2A/2B. */
static int check_commune(const char *z, const char *zField, Err *err)
{
  int ok = z && strlen(z) == 5;
  for (int i = 0; ok && i < 5; i++) {
    ok = (z[i] >= '0' && z[i] <= '9') ||
         (i == 1 && z[0] == '2' && (z[1] == 'A' || z[1] == 'B'));
  }
  if (ok) return 0;
  return err_input(err, zField, "commune : code INSEE à 5 caractères attendu");
}

int centre_check(const Centre *c, Err *err)
{
  if (check_text(c->zCode, "code", "code", err)) return ERR_INPUT;
  if (check_text(c->zName, "nom", "nom", err)) return ERR_INPUT;
  if (check_date(c->zOpenedOn, "date_ouverture", "date d'ouverture", 0, 0, err))
    return ERR_INPUT;
  if (c->networkId <= 0) {
    return err_input(err, "reseau_id", "réseau : choisir le réseau du centre");
  }
  return 0;
}

int centre_site_check(const CentreSite *s, Err *err)
{
  if (check_text(s->zCode, "code", "code", err)) return ERR_INPUT;
  if (check_text(s->zName, "nom", "nom", err)) return ERR_INPUT;
  if (!s->zKind || (strcmp(s->zKind, "principal") &&
                    strcmp(s->zKind, "antenne"))) {
    return err_input(err, "type",
                     "type de site : « principal » ou « antenne »");
  }
  if (check_commune(s->zCommune, "commune", err)) return ERR_INPUT;
  if (check_date(s->zOpenedOn, "date_ouverture", "date d'ouverture", 0, 0,
                 err) ||
      check_date(s->zClosedOn, "date_fermeture", "date de fermeture", 0, 0,
                 err) ||
      check_date(s->zConvStart, "debut_convention", "début de convention", 0,
                 0, err) ||
      check_date(s->zConvEnd, "fin_convention", "fin de convention", 0, 0,
                 err)) {
    return ERR_INPUT;
  }
  if (check_order(s->zOpenedOn, s->zClosedOn, "date_fermeture", "site", err) ||
      check_order(s->zConvStart, s->zConvEnd, "fin_convention", "convention",
                  err)) {
    return ERR_INPUT;
  }
  const char *zL = s->zLenderKind;
  if (zL && zL[0] && strcmp(zL, "commune") && strcmp(zL, "epci") &&
      strcmp(zL, "departement") && strcmp(zL, "autre")) {
    return err_input(err, "type_preteur", "prêteur des locaux : commune, EPCI, "
                     "département ou autre");
  }
  if (s->centreId <= 0) {
    return err_input(err, "centre_id", "centre : choisir le centre du site");
  }
  return 0;
}

int centre_staff_check(const CentreStaff *s, Err *err)
{
  if (check_text(s->zFirstName, "prenom", "prénom", err) ||
      check_text(s->zLastName, "nom", "nom", err)) {
    return ERR_INPUT;
  }
  if (centre_cat_parse(s->zCategory) < 0) {
    return err_input(err, "categorie",
                     "catégorie : médecin, paramédical, secrétaire "
                     "médical·e ou administratif");
  }
  if (check_date(s->zContractStart, "debut_contrat", "début de contrat", 1,
                 0, err) ||
      check_date(s->zContractEnd, "fin_contrat", "fin de contrat", 0, 0,
                 err) ||
      check_order(s->zContractStart, s->zContractEnd, "fin_contrat",
                  "contrat", err)) {
    return ERR_INPUT;
  }
  if (s->nSite <= 0) {
    return err_input(err, "site_id", "site : au moins un site d'exercice");
  }
  double total = 0;
  for (int i = 0; i < s->nSite; i++) {
    if (!(s->aFte[i] > 0 && s->aFte[i] <= 1)) {
      return err_input(err, "etp", "ETP : chaque site entre 0 (exclu) et 1");
    }
    for (int j = 0; j < i; j++) {
      if (s->aSiteId[j] == s->aSiteId[i]) {
        return err_input(err, "site_id",
                         "site : le même site est indiqué deux fois");
      }
    }
    total += s->aFte[i];
  }
  /* A tolerance of 1e-9 so that 0.3 + 0.7 is accepted as one full time. */
  if (total > 1.0 + 1e-9) {
    return err_input(err, "etp",
                     "ETP : %.2f au total sur l'ensemble des sites, "
                     "une personne ne peut dépasser 1 ETP", total);
  }
  return 0;
}

int centre_vacancy_check(const CentreVacancy *v, Err *err)
{
  if (check_text(v->zTitle, "title", "intitulé", err)) return ERR_INPUT;
  if (centre_cat_parse(v->zCategory) < 0) {
    return err_input(err, "categorie",
                     "catégorie : médecin, paramédical, secrétaire "
                     "médical·e ou administratif");
  }
  if (!(v->fte > 0 && v->fte <= 1)) {
    return err_input(err, "etp", "ETP : entre 0 (exclu) et 1");
  }
  if (check_date(v->zPostedOn, "date_publication", "date de publication", 1, 0,
                 err) ||
      check_date(v->zClosedOn, "date_cloture", "date de clôture", 0, 0, err) ||
      check_order(v->zPostedOn, v->zClosedOn, "date_cloture", "poste", err)) {
    return ERR_INPUT;
  }
  if (v->zContract && v->zContract[0] &&
      !centre_contract_label(v->zContract)[0]) {
    return err_input(err, "contrat", "contrat : CDI, CDD ou vacations");
  }
  if (v->salaryMinCents > 100000000 || v->salaryMaxCents > 100000000) {
    return err_input(err, v->salaryMinCents > 100000000 ? "salaire_min"
                                                  : "salaire_max",
                     "salaire : 1 000 000 € bruts par an au plus");
  }
  if (v->salaryMinCents > 0 && v->salaryMaxCents > 0 &&
      v->salaryMaxCents < v->salaryMinCents) {
    return err_input(err, "salaire_max",
                     "salaire : le maximum est inférieur au minimum");
  }
  if (check_date(v->zStartOn, "date_prise_de_poste", "date de prise de poste",
                 0, 0, err)) {
    return ERR_INPUT;
  }
  if (v->siteId <= 0) {
    return err_input(err, "site_id", "site : choisir le site du poste");
  }
  return 0;
}

/* Month (y, m) must not be after the month of iToday. */
static int check_month(int y, int m, int iToday, Err *err)
{
  int ty, tm, td;
  caldate_ymd(iToday, &ty, &tm, &td);
  if (y < 2000 || m < 1 || m > 12) {
    return err_input(err, "mois", "mois invalide (attendu AAAA-MM)");
  }
  if (y * 12 + m > ty * 12 + tm) {
    return err_input(err, "mois", "mois %04d-%02d dans le futur", y, m);
  }
  return 0;
}

/* A count >= 0 named zField. */
static int check_count(long v, const char *zField, Err *err)
{
  if (v >= 0) return 0;
  return err_input(err, zField, "%s : nombre négatif refusé", zField);
}

int centre_activity_check(const CentreActivity *p, int iToday, Err *err)
{
  if (check_month(p->year, p->month, iToday, err)) return ERR_INPUT;
  if (check_count(p->consultations, "consultations", err) ||
      check_count(p->homeVisits, "visites_domicile", err) ||
      check_count(p->teleconsultations, "teleconsultations", err) ||
      check_count(p->newMtPatients, "nouveaux_patients_mt", err) ||
      check_count(p->cumMtPatients, "patients_mt_cumul", err)) {
    return ERR_INPUT;
  }
  /* -1 is "not given"; anything else must be a share in percent. */
  if (p->unscheduledPct != -1 &&
      !(p->unscheduledPct >= 0 && p->unscheduledPct <= 100)) {
    return err_input(err, "part_non_programmee",
                     "part non programmée : entre 0 et 100 %%");
  }
  if (p->siteId <= 0) {
    return err_input(err, "site_id", "site : inconnu");
  }
  return 0;
}

int centre_finance_check(const CentreFinance *p, int iToday, Err *err)
{
  if (check_month(p->year, p->month, iToday, err)) return ERR_INPUT;
  if (check_count((long)p->salariesCents, "salaires", err) ||
      check_count((long)p->chargesCents, "charges", err) ||
      check_count((long)p->reimbursementsCents, "remboursements", err)) {
    return ERR_INPUT;
  }
  if (p->centreId <= 0) {
    return err_input(err, "centre_id", "centre : inconnu");
  }
  return 0;
}

/* ---- derived figures ---------------------------------------------------- */

void centre_totals_add(CentreTotals *t, const CentreActivity *p)
{
  t->consultations += p->consultations;
  t->homeVisits += p->homeVisits;
  t->teleconsultations += p->teleconsultations;
  t->homeAndTele += p->homeVisits + p->teleconsultations;
  t->newMtPatients += p->newMtPatients;
  if (p->unscheduledPct >= 0) {
    t->unscheduledSum += p->unscheduledPct * (double)p->consultations;
    t->unscheduledBase += p->consultations;
  }
  t->unscheduledPct = t->unscheduledBase > 0
                          ? t->unscheduledSum / (double)t->unscheduledBase
                          : -1;
  t->nMonths++;
}

int centre_yoy_pct(long cur, long prev, double *pPct)
{
  if (prev <= 0) return -1;
  *pPct = 100.0 * ((double)cur - (double)prev) / (double)prev;
  return 0;
}
