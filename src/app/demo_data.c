/*
** app/demo_data.c: the parts of the demonstration that live in the
** partners directory, the centres de santé, the placements and the
** portal, each read from one file of data/demo/ and written through the
** owning module's public functions (never its tables).
**
** Dates in the files are relative to today (days, months or semesters
** back or ahead), so the demo stays alive whatever the day: events to
** come, activity up to last month, interns in this semester.  The plan
** and the dossiers are in demo_plan.c; the transaction, the manifest and
** the commands in demo.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "base/caldate.h"
#include "base/money.h"
#include "cases/cases.h"
#include "centres/centres.h"
#include "placements/placements.h"
#include "portal/portal.h"
#include "territory/scope.h"

/* ---- reading the files -------------------------------------------------- */

int demo_csv_open(Demo *d, const char *zFile, const char *const *azCol,
                  int n, DemoCsv *c, Err *err)
{
  char zPath[1024];
  memset(c, 0, sizeof *c);
  snprintf(zPath, sizeof zPath, "%s/%s", d->zDir, zFile);
  c->r = csv_open(zPath, ';', err);
  if (!c->r) return ERR_IO;
  int rc = csv_read_header(c->r, err);
  for (int i = 0; !rc && i < n && i < 16; i++) {
    c->aCol[i] = csv_col(c->r, azCol[i]);
    if (c->aCol[i] < 0) {
      rc = err_at(err, ERR_INPUT, csv_name(c->r), 1, 0, azCol[i],
                  "colonne « %s » absente", azCol[i]);
    }
  }
  c->nCol = n;
  if (rc) demo_csv_close(c);
  return rc;
}

int demo_csv_next(Demo *d, DemoCsv *c, Err *err)
{
  int rc = csv_next_row(c->r, err);
  if (rc == CSV_ROW) d->nRow++;
  return rc;
}

const char *demo_csv_cell(DemoCsv *c, int i)
{
  return csv_cell(c->r, c->aCol[i]);
}

int demo_csv_int(DemoCsv *c, int i, int64_t *pv, Err *err)
{
  const char *z = demo_csv_cell(c, i);
  char *zEnd = NULL;
  long long v = strtoll(z, &zEnd, 10);
  if (!z[0] || *zEnd) {
    return csv_err_cell(c->r, err, c->aCol[i], "nombre entier attendu, "
                        "pas « %s »", z);
  }
  *pv = v;
  return 0;
}

int demo_csv_fail(DemoCsv *c, const Err *e, Err *err)
{
  if (e->zFile[0]) {            /* already located (csv_err_cell) */
    if (!err->code) *err = *e;
    return err->code;
  }
  int iCol = 0;
  for (int i = 0; e->zField[0] && i < csv_header_count(c->r); i++) {
    if (!strcmp(csv_col_name(c->r, i), e->zField)) iCol = i + 1;
  }
  err_at(err, e->code ? e->code : ERR_INPUT, csv_name(c->r),
         csv_line(c->r), iCol, e->zField[0] ? e->zField : NULL, "%s",
         e->zMsg);
  if (e->zField[0]) err_field(err, e->zField);
  return err->code;
}

void demo_csv_close(DemoCsv *c)
{
  if (c->r) csv_close(c->r);
  c->r = NULL;
}

int demo_csv_each(Demo *d, const char *zFile, const char *const *azCol,
                  int n, DemoRowFn xRow, void *pArg, Err *err)
{
  DemoCsv c;
  int rc = demo_csv_open(d, zFile, azCol, n, &c, err);
  if (rc) return rc;
  while ((rc = demo_csv_next(d, &c, err)) == CSV_ROW) {
    Err e = {0};
    if ((rc = xRow(d, &c, pArg, &e)) != 0) {
      rc = demo_csv_fail(&c, &e, err);
      break;
    }
  }
  demo_csv_close(&c);
  return rc < 0 ? rc : 0;
}

int demo_inside(Demo *d, DemoCsv *c, int i, const char *zCode, Err *e)
{
  if (terr_scope_has_commune(d->db, &d->scope, zCode)) return 0;
  return csv_err_cell(c->r, e, c->aCol[i], "commune %s hors du territoire "
                      "de la démonstration (%s) : ces fichiers décrivent un "
                      "autre territoire, donnez les vôtres avec --data",
                      zCode, d->scope.zName);
}

const char *demo_day(Demo *d, int nDay)
{
  char zDay[16];
  return arena_strdup(d->a, caldate_format(d->iToday + nDay, zDay));
}

/* ---- partners of the guichet unique ------------------------------------ */

/* A partner of partners.csv and its first contact person. */
static int demo_partners_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  Partner p = {0};
  int64_t id = 0;
  p.zName = demo_csv_cell(c, 0);
  p.zKind = demo_csv_cell(c, 1);
  p.zEmail = demo_csv_cell(c, 2);
  p.zPhone = demo_csv_cell(c, 3);
  p.zWebsite = p.zNotes = "";
  p.zTopics = demo_csv_cell(c, 4);
  p.zTerritories = demo_csv_cell(c, 5);
  p.isPublic = !strcmp(demo_csv_cell(c, 6), "1");
  rc = case_partner_save(d->db, &p, &id, e);
  if (!rc && demo_csv_cell(c, 7)[0]) {
    PartnerContact pc = {0};
    pc.partnerId = id;
    pc.zName = demo_csv_cell(c, 7);
    pc.zRole = demo_csv_cell(c, 8);
    pc.zEmail = demo_csv_cell(c, 9);
    pc.zPhone = p.zPhone;
    rc = case_contact_add(d->db, &pc, e);
  }
  if (!rc) demo_note(d, "case_partners", id);
  return rc;
}

int demo_partners(Demo *d, Err *err)
{
  static const char *const az[] = {"name", "kind", "email", "phone",
    "topics", "territories", "public", "contact", "role", "contact_email"};
  return demo_csv_each(d, "partners.csv", az, 10, demo_partners_row, NULL, err);
}

/* ---- centres de santé: staff and monthly activity ---------------------- */

/* Site id of code zCode, or ERR_INPUT at column i of c's row. */
static int demo_site(Demo *d, DemoCsv *c, int i, int64_t *pId, Err *err)
{
  CentreSite site;
  *pId = centre_site_by_code(d->db, demo_csv_cell(c, i));
  if (*pId > 0 && !centre_site_get(d->db, d->a, *pId, &site, err)) {
    return demo_inside(d, c, i, site.zCommune, err);
  }
  return csv_err_cell(c->r, err, c->aCol[i], "site « %s » inconnu : "
                      "chargez d'abord data/centres (oasis centres load)",
                      demo_csv_cell(c, i));
}

/* A person of staff.csv on one site of data/centres. */
static int demo_staff_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  CentreStaff s = {0};
  s.zFirstName = demo_csv_cell(c, 0);
  s.zLastName = demo_csv_cell(c, 1);
  s.zCategory = demo_csv_cell(c, 2);
  s.zJob = demo_csv_cell(c, 3);
  s.zContractStart = demo_csv_cell(c, 4);
  s.zContractEnd = "";
  s.nSite = 1;
  s.aFte[0] = atof(demo_csv_cell(c, 6));
  if ((rc = demo_site(d, c, 5, &s.aSiteId[0], e))) return rc;
  rc = centre_staff_save(d->db, &s, e);
  if (!rc) demo_note(d, "centre_staff", s.id);
  return rc;
}

static int demo_staff(Demo *d, Err *err)
{
  static const char *const az[] = {"first_name", "last_name", "category",
    "job", "contract_start", "site", "fte"};
  return demo_csv_each(d, "staff.csv", az, 7, demo_staff_row, NULL, err);
}

/* True when site siteId (isFinance 0) or centre id (1) already has
** figures for year y, month m: the demo never overwrites a month someone
** entered. */
static int demo_month_exists(Demo *d, int isFinance, int64_t id, int y,
                             int m)
{
  int n = 0, isThere = 0;
  Err e = {0};
  if (isFinance) {
    CentreFinance *a;
    if (centre_finance_list(d->db, d->a, id, y, &a, &n, &e)) return 0;
    for (int i = 0; i < n; i++) isThere |= a[i].month == m;
  } else {
    CentreActivity *a;
    if (centre_activity_list(d->db, d->a, id, y, &a, &n, &e)) return 0;
    for (int i = 0; i < n; i++) isThere |= a[i].month == m;
  }
  return isThere;
}

/* Record [id, y, m] of a month row created in zTable into the manifest. */
static void demo_note_month(Demo *d, const char *zTable, int64_t id, int y,
                            int m)
{
  json_t *pArr = json_object_get(d->pMan, zTable);
  if (!pArr) {
    pArr = json_array();
    json_object_set_new(d->pMan, zTable, pArr);
  }
  json_array_append_new(pArr, json_pack("[I,i,i]", (json_int_t)id, y, m));
}

/* Year and month nBack months before today's month. */
static void demo_month(Demo *d, int nBack, int *pY, int *pM)
{
  int y, m, dd;
  caldate_ymd(d->iToday, &y, &m, &dd);
  int iMonth = y * 12 + (m - 1) - nBack;
  *pY = iMonth / 12;
  *pM = iMonth % 12 + 1;
}

/* True when year y is before the current year minus nBack: the dashboards
** then show whole years (from January), never a lone December. */
static int demo_before_year(Demo *d, int y, int nBack)
{
  int y0, m0, d0;
  caldate_ymd(d->iToday, &y0, &m0, &d0);
  return y < y0 - nBack;
}

/* A site-month of activity.csv, unless that month was entered. */
static int demo_activity_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  CentreActivity x = {0};
  int64_t v[8];
  if ((rc = demo_site(d, c, 0, &x.siteId, e))) return rc;
  for (int i = 1; !rc && i < 8; i++) rc = demo_csv_int(c, i, &v[i], e);
  if (rc) return rc;
  demo_month(d, (int)v[1], &x.year, &x.month);
  x.consultations = (long)v[2];
  x.homeVisits = (long)v[3];
  x.teleconsultations = (long)v[4];
  x.unscheduledPct = (double)v[5];
  x.newMtPatients = (long)v[6];
  x.cumMtPatients = (long)v[7];
  if (demo_before_year(d, x.year, 2)) return 0;
  if (demo_month_exists(d, 0, x.siteId, x.year, x.month)) return 0;
  if ((rc = centre_activity_save(d->db, &x, d->iToday, e))) return rc;
  demo_note_month(d, "centre_activity", x.siteId, x.year, x.month);
  return rc;
}

static int demo_activity(Demo *d, Err *err)
{
  static const char *const az[] = {"site", "months_ago", "consultations",
    "home_visits", "teleconsultations", "unscheduled_pct", "new_mt_patients",
    "mt_patients_total"};
  return demo_csv_each(d, "activity.csv", az, 8, demo_activity_row, NULL, err);
}

int64_t demo_centre_id(Demo *d, const char *zCode)
{
  Centre *a;
  int n = 0;
  Err e = {0};
  if (centre_list(d->db, d->a, 0, &a, &n, &e)) return 0;
  for (int i = 0; i < n; i++) {
    if (!strcmp(a[i].zCode, zCode)) return a[i].id;
  }
  return 0;
}

/* A centre-month of finance.csv, unless that month was entered. */
static int demo_finance_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  CentreFinance f = {0};
  int64_t v[5];
  f.centreId = demo_centre_id(d, demo_csv_cell(c, 0));
  if (!f.centreId) {
    return csv_err_cell(c->r, e, c->aCol[0], "centre « %s » inconnu",
                        demo_csv_cell(c, 0));
  }
  for (int i = 1; !rc && i < 5; i++) rc = demo_csv_int(c, i, &v[i], e);
  if (rc) return rc;
  demo_month(d, (int)v[1], &f.year, &f.month);
  f.salariesCents = v[2] * 100;
  f.chargesCents = v[3] * 100;
  f.reimbursementsCents = v[4] * 100;
  if (demo_before_year(d, f.year, 1)) return 0;
  if (demo_month_exists(d, 1, f.centreId, f.year, f.month)) return 0;
  if ((rc = centre_finance_save(d->db, &f, d->iToday, e))) return rc;
  demo_note_month(d, "centre_finance", f.centreId, f.year, f.month);
  return rc;
}

static int demo_finance(Demo *d, Err *err)
{
  static const char *const az[] = {"centre", "months_ago", "salaries_euros",
    "charges_euros", "reimbursements_euros"};
  return demo_csv_each(d, "finance.csv", az, 5, demo_finance_row, NULL, err);
}

/* An open public post of vacancies.csv. */
static int demo_vacancies_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  CentreVacancy v = {0};
  int64_t lo, hi, nDay;
  if ((rc = demo_site(d, c, 0, &v.siteId, e))) return rc;
  if ((rc = demo_csv_int(c, 5, &lo, e))) return rc;
  if ((rc = demo_csv_int(c, 6, &hi, e))) return rc;
  if ((rc = demo_csv_int(c, 7, &nDay, e))) return rc;
  v.zCategory = demo_csv_cell(c, 1);
  v.zTitle = demo_csv_cell(c, 2);
  v.fte = atof(demo_csv_cell(c, 3));
  v.zContract = demo_csv_cell(c, 4);
  v.salaryMinCents = lo * 100;
  v.salaryMaxCents = hi * 100;
  v.zStartOn = demo_day(d, (int)nDay);
  v.zBenefits = demo_csv_cell(c, 8);
  v.zDescription = demo_csv_cell(c, 9);
  v.zPostedOn = demo_day(d, -14);
  v.zClosedOn = NULL;
  v.isPublic = 1;
  rc = centre_vacancy_save(d->db, &v, e);
  if (!rc) demo_note(d, "centre_vacancy", v.id);
  return rc;
}

static int demo_vacancies(Demo *d, Err *err)
{
  static const char *const az[] = {"site", "category", "title", "fte",
    "contract", "salary_min_euros", "salary_max_euros", "start_days",
    "benefits", "description"};
  return demo_csv_each(d, "vacancies.csv", az, 10, demo_vacancies_row, NULL,
                       err);
}

int demo_centres(Demo *d, Err *err)
{
  int rc = demo_staff(d, err);
  if (!rc) rc = demo_activity(d, err);
  if (!rc) rc = demo_finance(d, err);
  if (!rc) rc = demo_vacancies(d, err);
  return rc;
}

/* ---- placements: places, housing, vehicles, trainees ------------------- */

/* A placement structure of places.csv, opened this semester and the
** next (pArg: their names). */
static int demo_places_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  Place p = {0};
  int64_t n;
  if ((rc = demo_csv_int(c, 5, &n, e))) return rc;
  p.zStructure = demo_csv_cell(c, 0);
  p.zCommune = demo_csv_cell(c, 1);
  if ((rc = demo_inside(d, c, 1, p.zCommune, e))) return rc;
  p.zAddress = demo_csv_cell(c, 2);
  p.zSupervisor = demo_csv_cell(c, 3);
  p.zLevel = demo_csv_cell(c, 4);
  p.capacity = (int)n;
  p.zNote = demo_csv_cell(c, 6);
  rc = place_save(d->db, &p, e);
  /* pArg: this semester and the next, opened with the default capacity */
  const char *const *azSem = pArg;
  for (int i = 0; !rc && i < 2; i++) {
    rc = place_open_semester(d->db, p.id, azSem[i], p.capacity, e);
  }
  if (!rc) demo_note(d, "place", p.id);
  return rc;
}

static int demo_places(Demo *d, const char *zSem, const char *zNext, Err *err)
{
  static const char *const az[] = {"structure", "commune", "address",
    "supervisor", "level", "capacity", "note"};
  const char *azSem[2] = {zSem, zNext};
  return demo_csv_each(d, "places.csv", az, 7, demo_places_row, azSem, err);
}

/* A room of housing.csv, in its housing (created once). */
static int demo_housing_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  Room r = {0};
  int64_t rent;
  if ((rc = demo_csv_int(c, 4, &rent, e))) return rc;
  if ((rc = demo_inside(d, c, 1, demo_csv_cell(c, 1), e))) return rc;
  r.housingId = place_housing_find(d->db, demo_csv_cell(c, 0),
                                   demo_csv_cell(c, 1));
  if (!r.housingId) {
    rc = place_housing_save(d->db, &r.housingId, demo_csv_cell(c, 0),
                            demo_csv_cell(c, 1), demo_csv_cell(c, 2), e);
    if (!rc) demo_note(d, "housing", r.housingId);
  }
  r.zLabel = demo_csv_cell(c, 3);
  r.rentCents = rent * 100;
  if (!rc) rc = place_room_save(d->db, &r, e);
  return rc;
}

static int demo_housing(Demo *d, Err *err)
{
  static const char *const az[] = {"housing", "commune", "address", "room",
    "rent_euros"};
  return demo_csv_each(d, "housing.csv", az, 5, demo_housing_row, NULL, err);
}

/* A car of vehicles.csv. */
static int demo_vehicles_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  Vehicle v = {0};
  v.zLabel = demo_csv_cell(c, 0);
  v.zPlate = demo_csv_cell(c, 1);
  v.zCommune = demo_csv_cell(c, 2);
  if ((rc = demo_inside(d, c, 2, v.zCommune, e))) return rc;
  v.zNote = demo_csv_cell(c, 3);
  rc = place_vehicle_save(d->db, &v, e);
  if (!rc) demo_note(d, "vehicle", v.id);
  return rc;
}

static int demo_vehicles(Demo *d, Err *err)
{
  static const char *const az[] = {"label", "plate", "commune", "note"};
  return demo_csv_each(d, "vehicles.csv", az, 4, demo_vehicles_row, NULL, err);
}

/* An allowance scheme of schemes.csv, for the demo's département: what an
** offer shows as « Indemnité de stage » and what former trainees were paid. */
static int demo_schemes_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  AllowScheme sc = {0};
  int64_t euros;
  int rc = demo_csv_int(c, 3, &euros, e);
  if (rc) return rc;
  sc.zName = demo_csv_cell(c, 0);
  sc.zFunder = demo_csv_cell(c, 1);
  sc.zDep = d->zDep;
  sc.zLevels = demo_csv_cell(c, 2);
  sc.monthlyCents = euros * 100;
  sc.zValidFrom = "";
  sc.zValidTo = "";
  sc.zSource = demo_csv_cell(c, 4);
  rc = place_scheme_save(d->db, &sc, e);
  if (!rc) demo_note(d, "allowance_scheme", sc.id);
  return rc;
}

static int demo_schemes(Demo *d, Err *err)
{
  static const char *const az[] = {"name", "funder", "levels",
    "monthly_euros", "source"};
  return demo_csv_each(d, "schemes.csv", az, 5, demo_schemes_row, NULL, err);
}

/* Id of the demo's place named zStructure (the newest of that name). */
int64_t demo_place_id(Demo *d, const char *zStructure)
{
  Place *a;
  int n = 0;
  int64_t id = 0;
  Err e = {0};
  if (place_list(d->db, d->a, &a, &n, &e)) return 0;
  for (int i = 0; i < n; i++) {
    if (!strcmp(a[i].zStructure, zStructure) && a[i].id > id) id = a[i].id;
  }
  return id;
}

/* Id of the room labelled zLabel (0: none) or of the vehicle zPlate. */
static int64_t demo_resource_id(Demo *d, int isVehicle, const char *zKey)
{
  int64_t id = 0;
  Err e = {0};
  int n = 0;
  if (isVehicle) {
    Vehicle *a;
    if (place_vehicle_list(d->db, d->a, &a, &n, &e)) return 0;
    for (int i = 0; i < n; i++) {
      if (!strcmp(a[i].zPlate, zKey)) id = a[i].id;
    }
  } else {
    Room *a;
    if (place_room_list(d->db, d->a, &a, &n, &e)) return 0;
    for (int i = 0; i < n; i++) {
      if (!strcmp(a[i].zLabel, zKey)) id = a[i].id;
    }
  }
  return id;
}

/* Pay what the allowance schemes owe for assignment id, on zPaidOn. */
static int demo_pay(Demo *d, int64_t id, const char *zPaidOn, Err *e)
{
  AllowLine *a;
  int n = 0;
  int rc = place_allowance_lines(d->db, d->a, id, &a, &n, e);
  for (int i = 0; !rc && i < n; i++) {
    int64_t due = a[i].owedCents - a[i].paidCents;
    if (due <= 0) continue;
    rc = place_allowance_pay(d->db, id, a[i].schemeId, due, zPaidOn,
                             "DEMO", NULL, e);
  }
  return rc;
}

/* One trainee of trainees.csv: identity, assignment, room, vehicle, and
** for a former one the allowance paid and where they settled. */
static int demo_trainee(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  const char *zSem = ((const char *const *)pArg)[0];
  const char *zPrev = ((const char *const *)pArg)[1];
  Trainee t = {0};
  t.zFirstName = demo_csv_cell(c, 0);
  t.zLastName = demo_csv_cell(c, 1);
  t.zEmail = demo_csv_cell(c, 2);
  t.zPhone = "";
  t.zSchool = demo_csv_cell(c, 3);
  t.zLevel = demo_csv_cell(c, 4);
  int rc = place_trainee_save(d->db, &t, e);
  if (rc) return rc;
  demo_note(d, "trainee", t.id);
  int isPrev = !strcmp(demo_csv_cell(c, 6), "-1");
  int iStart, iEnd;
  place_semester_bounds(isPrev ? zPrev : zSem, &iStart, &iEnd);
  char zS[16], zE[16];
  Assignment as = {0};
  as.traineeId = t.id;
  as.placeId = demo_place_id(d, demo_csv_cell(c, 5));
  as.zStartOn = caldate_format(iStart, zS);
  as.zEndOn = caldate_format(iEnd, zE);
  if (!as.placeId) {
    err_set(e, ERR_INPUT, "terrain de stage « %s » absent de places.csv",
            demo_csv_cell(c, 5));
    err_field(e, "place");
    return ERR_INPUT;
  }
  if ((rc = place_assign(d->db, &as, e))) return rc;
  for (int k = 0; k < 2; k++) {
    const char *zKey = demo_csv_cell(c, 7 + k);
    if (!zKey[0]) continue;
    Booking b = {0};
    b.resourceId = demo_resource_id(d, k, zKey);
    b.traineeId = t.id;
    b.zStartOn = as.zStartOn;
    b.zEndOn = as.zEndOn;
    if (!b.resourceId) {
      err_set(e, ERR_INPUT, "« %s » absent de %s", zKey,
              k ? "vehicles.csv" : "housing.csv");
      err_field(e, k ? "vehicle" : "room");
      return ERR_INPUT;
    }
    if ((rc = place_book(d->db, k, &b, e))) return rc;
  }
  if (!isPrev) return 0;
  int iPaid = iEnd + 15 < d->iToday ? iEnd + 15 : d->iToday;
  char zPaid[16];
  if ((rc = demo_pay(d, as.id, caldate_format(iPaid, zPaid), e))) return rc;
  if (!demo_csv_cell(c, 9)[0]) return 0;
  Outcome o = {0};
  o.traineeId = t.id;
  o.isSettled = 1;
  o.zCommune = demo_csv_cell(c, 9);
  o.zSettledOn = demo_day(d, 0);
  o.zNote = "Installée après son stage (parcours fictif)";
  o.zCaseRef = "";
  return place_outcome_save(d->db, &o, e);
}

int demo_placements(Demo *d, Err *err)
{
  static const char *const az[] = {"first_name", "last_name", "email",
    "school", "level", "place", "semester", "room", "vehicle",
    "settled_commune"};
  char zSem[8], zNext[8], zPrev[8];
  int iStart, iEnd;
  place_semester_of(d->iToday, zSem);
  place_semester_next(zSem, zNext);
  place_semester_bounds(zSem, &iStart, &iEnd);
  place_semester_of(iStart - 1, zPrev);
  int rc = demo_places(d, zSem, zNext, err);
  if (!rc) rc = demo_housing(d, err);
  if (!rc) rc = demo_vehicles(d, err);
  if (!rc) rc = demo_schemes(d, err);
  const char *azSem[2] = {zSem, zPrev};
  if (!rc) {
    rc = demo_csv_each(d, "trainees.csv", az, 10, demo_trainee, azSem, err);
  }
  return rc;
}

/* ---- portal: events and settings --------------------------------------- */

/* A published event of events.csv (pArg: today, "YYYY-MM-DD"). */
static int demo_events_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  int rc = 0;
  PortalEvent ev = {0};
  PortalErrors pe = {0};
  int64_t nDay, nCap;
  if ((rc = demo_csv_int(c, 2, &nDay, e))) return rc;
  if ((rc = demo_csv_int(c, 5, &nCap, e))) return rc;
  ev.zKind = demo_csv_cell(c, 0);
  ev.zTitle = demo_csv_cell(c, 1);
  /* Day numbers count from Thursday 1970-01-01: no event on a Sunday. */
  if ((d->iToday + nDay + 3) % 7 == 6) nDay++;
  ev.zDate = demo_day(d, (int)nDay);
  ev.zTime = demo_csv_cell(c, 3);
  ev.zPlace = demo_csv_cell(c, 4);
  ev.capacity = (int)nCap;
  ev.zBodyMd = demo_csv_cell(c, 6);
  ev.isPublished = 1;
  if (portal_event_check(&ev, (const char *)pArg, &pe)) {  /* today */
    err_set(e, ERR_INPUT, "%s", pe.azMsg[0]);
    err_field(e, pe.azField[0]);
    rc = ERR_INPUT;
  } else {
    rc = portal_event_save(d->db, &ev, e);
  }
  if (!rc) demo_note(d, "portal_events", ev.id);
  return rc;
}

int demo_events(Demo *d, Err *err)
{
  static const char *const az[] = {"kind", "title", "days", "time", "place",
    "capacity", "body"};
  return demo_csv_each(d, "events.csv", az, 7, demo_events_row,
                       (void *)demo_day(d, 0), err);
}

/* A commune fiche of communes.csv, unless the team already wrote one. */
static int demo_commune_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  PortalCommune pc = {0};
  PortalFacts f;
  PortalErrors pe = {0};
  Err eGet = {0};
  pc.zCode = demo_csv_cell(c, 0);
  int rc = demo_inside(d, c, 0, pc.zCode, e);
  if (rc) return rc;
  if (!portal_commune_get(d->db, d->a, pc.zCode, &pc, &eGet)) return 0;
  portal_feed_facts(d->db, d->a, pc.zCode, &f);
  pc.zCode = demo_csv_cell(c, 0);
  pc.zName = f.zName;
  pc.zEpci = f.zEpciName;
  pc.zBodyMd = demo_csv_cell(c, 1);
  pc.zContact = demo_csv_cell(c, 2);
  if (portal_commune_check(&pc, &pe)) {
    err_set(e, ERR_INPUT, "%s", pe.azMsg[0]);
    err_field(e, pe.azField[0]);
    return ERR_INPUT;
  }
  rc = portal_commune_save(d->db, &pc, e);
  if (!rc) {
    json_t *pArr = json_object_get(d->pMan, "portal_communes");
    if (!pArr) {
      pArr = json_array();
      json_object_set_new(d->pMan, "portal_communes", pArr);
    }
    json_array_append_new(pArr, json_string(pc.zCode));
  }
  return rc;
}

/* One text of portal.csv into the PortalSettings pArg. */
static int demo_portal_row(Demo *d, DemoCsv *c, void *pArg, Err *e)
{
  PortalSettings *s = pArg;
  const char *zKey = demo_csv_cell(c, 0);
  const char *zVal = arena_strdup(d->a, demo_csv_cell(c, 1));
  if (!strcmp(zKey, "tagline")) s->zTagline = zVal;
  else if (!strcmp(zKey, "intro")) s->zIntro = zVal;
  else if (!strcmp(zKey, "contact")) s->zContact = zVal;
  else {
    return csv_err_cell(c->r, e, c->aCol[0], "clé inconnue « %s » "
                        "(tagline, intro ou contact)", zKey);
  }
  return 0;
}

/* The portal's settings as found before the demo, into the manifest
** (restored by demo clear), then the demo's: the territory's name and the
** texts of portal.csv (key;value: tagline, intro, contact). */
int demo_portal(Demo *d, Err *err)
{
  PortalSettings s;
  TerrScope sc;
  int rc = portal_settings_load(d->db, d->a, &s, err);
  if (!rc) rc = terr_scope_load(d->db, d->a, &sc, err);
  if (rc) return rc;
  if (!json_object_get(d->pMan, "portal_before")) {
    json_object_set_new(d->pMan, "portal_before", portal_settings_json(&s));
  }
  static const char *const az[] = {"key", "value"};
  if ((rc = demo_csv_each(d, "portal.csv", az, 2, demo_portal_row, &s, err))) {
    return rc;
  }
  static const char *const azCommune[] = {"code", "body", "contact"};
  rc = demo_csv_each(d, "communes.csv", azCommune, 3, demo_commune_row, NULL,
                     err);
  if (rc) return rc;
  s.zName = sc.zName;
  s.zTerritory = d->zDep;
  return portal_settings_save(d->db, &s, err);
}
