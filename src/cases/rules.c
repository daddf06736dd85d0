/*
** cases/rules.c: the guichet unique's rules, with no SQL and no HTTP.
**
** Codes and their French labels, validation of the request form, the
** dossier state machine, references BD-YYYY-NNNN, idle reminders,
** attachment checks, statistics (quantiles, semesters) and the clock.
** Every rule that depends on time takes `now` from its caller, so tests
** and the retention job can run at any date (case_clock_now() honours
** $OASIS_NOW).  store.c applies these rules; pages.c and api.c present
** their results.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/str.h"
#include "cases/cases.h"

/* ---- codes and labels ---------------------------------------------------- */

const CaseLabel case_states[] = {
  {"nouveau", "nouveau"},
  {"en_cours", "en cours"},
  {"attente_demandeur", "en attente du demandeur"},
  {"attente_partenaire", "en attente d'un partenaire"},
  {"clos", "clos"},
  {0, 0}
};

const CaseLabel case_outcomes[] = {
  {"installe", "installé·e"},
  {"remplacant", "remplaçant·e"},
  {"stage", "stage effectué"},
  {"reoriente", "réorienté·e"},
  {"abandon", "abandon"},
  {"sans_suite", "sans suite"},
  {"engagement_signe", "engagement signé"},
  {"poursuite_etudes", "poursuite d'études"},
  {0, 0}
};

const CaseLabel case_needs[] = {
  {"demarches", "Démarches administratives et ordinales"},
  {"aides", "Aides financières"},
  {"lieu_exercice", "Lieu d'exercice (cabinet, MSP, centre de santé)"},
  {"logement", "Logement"},
  {"emploi_conjoint", "Emploi du conjoint"},
  {"scolarisation", "Scolarisation des enfants"},
  {"decouverte", "Découverte du territoire"},
  {0, 0}
};

const CaseLabel case_professions[] = {
  {"medecin_generaliste", "Médecin généraliste"},
  {"medecin_specialiste", "Médecin spécialiste"},
  {"chirurgien_dentiste", "Chirurgien·ne-dentiste"},
  {"sage_femme", "Sage-femme"},
  {"infirmier", "Infirmier·e"},
  {"kinesitherapeute", "Masseur-kinésithérapeute"},
  {"pharmacien", "Pharmacien·ne"},
  {"autre", "Autre profession de santé"},
  {0, 0}
};

const CaseLabel case_statuses[] = {
  {"etudiant", "Étudiant·e"},
  {"interne", "Interne"},
  {"remplacant", "Remplaçant·e"},
  {"liberal", "Installé·e en libéral"},
  {"salarie", "Salarié·e"},
  {"autre", "Autre situation"},
  {0, 0}
};

const CaseLabel case_projects[] = {
  {"installation", "Installation"},
  {"remplacement", "Remplacement"},
  {"stage", "Stage"},
  {"salarie_centre", "Poste salarié en centre de santé"},
  {0, 0}
};

const CaseLabel case_channels[] = {
  {"formulaire", "Formulaire en ligne"},
  {"telephone", "Téléphone"},
  {"courriel", "Courriel"},
  {"rencontre", "Rencontre (salon, permanence)"},
  {0, 0}
};

const CaseLabel case_territory_kinds[] = {
  {"commune", "Une commune"},
  {"epci", "Une intercommunalité (EPCI)"},
  {"indecis", "Pas encore décidé"},
  {0, 0}
};

const CaseLabel case_task_states[] = {
  {"a_faire", "à faire"},
  {"en_cours", "en cours"},
  {"partenaire", "confié à un partenaire"},
  {"fait", "fait"},
  {"sans_objet", "sans objet"},
  {0, 0}
};

const CaseLabel case_partner_kinds[] = {
  {"cpam", "CPAM"},
  {"msa", "MSA"},
  {"epci", "Intercommunalité"},
  {"commune", "Commune"},
  {"hopital", "Hôpital"},
  {"universite", "Université, faculté"},
  {"ordre", "Ordre professionnel"},
  {"ars", "ARS"},
  {"emploi", "Emploi"},
  {"logement", "Logement"},
  {"tourisme", "Tourisme"},
  {"autre", "Autre"},
  {0, 0}
};

int case_code_index(const CaseLabel *a, const char *zCode)
{
  if (!zCode) return -1;
  for (int i = 0; a[i].zCode; i++) {
    if (!strcmp(a[i].zCode, zCode)) return i;
  }
  return -1;
}

const char *case_label(const CaseLabel *a, const char *zCode)
{
  int i = case_code_index(a, zCode);
  return i < 0 ? NULL : a[i].zLabel;
}

/* ---- clock ---------------------------------------------------------------- */

/* Two digits at z (no sign, no space) into *p; 0 or -1. */
static int rules_digits(const char *z, int n, int *p)
{
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!isdigit((unsigned char)z[i])) return -1;
    v = v * 10 + (z[i] - '0');
  }
  *p = v;
  return 0;
}

static int rules_days_in_month(int y, int m)
{
  static const int aDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int isLeap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && isLeap ? 29 : aDays[m - 1];
}

int case_date_ok(const char *z)
{
  int64_t t;
  return !z || !*z || (strlen(z) == 10 && case_time_parse(z, &t) == 0);
}

/*
** Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS", each
** optionally followed by "Z"; always UTC.  Fields are range-checked, so
** "2026-02-30" is refused rather than normalised to March.
*/
int case_time_parse(const char *z, int64_t *pT)
{
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!z) return ERR_INPUT;
  size_t n = strlen(z);
  if (n > 0 && z[n - 1] == 'Z') n--;
  if (n != 10 && n != 16 && n != 19) return ERR_INPUT;
  if (rules_digits(z, 4, &y) || z[4] != '-' || rules_digits(z + 5, 2, &mo) ||
      z[7] != '-' || rules_digits(z + 8, 2, &d)) {
    return ERR_INPUT;
  }
  if (n >= 16) {
    if ((z[10] != 'T' && z[10] != ' ') || rules_digits(z + 11, 2, &h) ||
        z[13] != ':' || rules_digits(z + 14, 2, &mi)) {
      return ERR_INPUT;
    }
  }
  if (n == 19 && (z[16] != ':' || rules_digits(z + 17, 2, &s))) {
    return ERR_INPUT;
  }
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 ||
      d > rules_days_in_month(y, mo) || h > 23 || mi > 59 || s > 59) {
    return ERR_INPUT;
  }
  struct tm tm = {0};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  *pT = (int64_t)timegm(&tm);
  return 0;
}

const char *case_time_format(int64_t t, char *zBuf)
{
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  strftime(zBuf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return zBuf;
}

int64_t case_add_years(int64_t t, int nYear)
{
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  tm.tm_year += nYear;
  if (tm.tm_mon == 1 && tm.tm_mday == 29 &&
      rules_days_in_month(tm.tm_year + 1900, 2) == 28) {
    tm.tm_mday = 28;
  }
  return (int64_t)timegm(&tm);
}

int64_t case_clock_now(void)
{
  return clock_now();
}

int case_retention_years(void)
{
  const char *z = getenv("OASIS_CASES_RETENTION_YEARS");
  long n;
  if (z && str_to_long(z, &n) == 0 && n >= 1 && n <= 30) return (int)n;
  return CASE_RETENTION_YEARS;
}

int case_year_of(int64_t t)
{
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  return tm.tm_year + 1900;
}

/* ---- the request form ----------------------------------------------------- */

void case_form_error_add(CaseFormErrors *pErr, const char *zField,
                         const char *zMsg)
{
  if (pErr->n >= (int)(sizeof pErr->a / sizeof pErr->a[0])) return;
  if (case_form_error(pErr, zField)) return;   /* first message wins */
  CaseFieldError *e = &pErr->a[pErr->n++];
  e->zField = zField;
  snprintf(e->zMsg, sizeof e->zMsg, "%s", zMsg);
}

const char *case_form_error(const CaseFormErrors *pErr, const char *zField)
{
  for (int i = 0; i < pErr->n; i++) {
    if (!strcmp(pErr->a[i].zField, zField)) return pErr->a[i].zMsg;
  }
  return NULL;
}

static int rules_empty(const char *z)
{
  return !z || !*z;
}

/* Characters in UTF-8 text z (z is valid UTF-8). */
static size_t rules_nchar(const char *z)
{
  size_t n = 0;
  for (; *z; z++) n += ((unsigned char)*z & 0xC0) != 0x80;
  return n;
}

/* Optional text field: valid UTF-8, at most nMax characters, no control
** characters except newlines when isMultiline. */
static int rules_text_ok(const char *z, size_t nMax, int isMultiline)
{
  if (!z) return 1;
  if (!utf8_valid(z, strlen(z)) || rules_nchar(z) > nMax) return 0;
  for (const unsigned char *p = (const unsigned char *)z; *p; p++) {
    if (*p < 0x20 && !(isMultiline && (*p == '\n' || *p == '\r' ||
                                       *p == '\t'))) {
      return 0;
    }
  }
  return 1;
}

/* A plausible address: one '@', a non-empty local part, a domain with a
** dot and no leading/trailing dot, no spaces.  (Delivery is the proof.) */
static int rules_email_ok(const char *z)
{
  size_t n = strlen(z);
  if (n < 6 || n > 254) return 0;
  const char *zAt = strchr(z, '@');
  if (!zAt || zAt == z || strchr(zAt + 1, '@')) return 0;
  const char *zDom = zAt + 1;
  const char *zDot = strrchr(zDom, '.');
  if (!zDot || zDot == zDom || zDot[1] == 0 || zDom[strlen(zDom) - 1] == '.') {
    return 0;
  }
  for (const char *p = z; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' ||
        c == ';' || c == '(' || c == ')') {
      return 0;
    }
  }
  return 1;
}

/* French number: 10 digits starting with 0, or +33 and 9 digits; spaces,
** dots and dashes allowed between digits. */
static int rules_phone_ok(const char *z)
{
  char a[20];
  int n = 0;
  int isIntl = 0;
  if (z[0] == '+') {
    if (strncmp(z, "+33", 3)) return 0;
    isIntl = 1;
    z += 3;
  }
  for (; *z; z++) {
    if (isdigit((unsigned char)*z)) {
      if (n >= (int)sizeof a - 1) return 0;
      a[n++] = *z;
    } else if (*z != ' ' && *z != '.' && *z != '-') {
      return 0;
    }
  }
  if (isIntl) return n == 9 && a[0] != '0';
  return n == 10 && a[0] == '0';
}

/* INSEE commune code: 5 digits, or 2A/2B and 3 digits (Corsica). */
static int rules_commune_code_ok(const char *z)
{
  if (strlen(z) != 5) return 0;
  int i0 = 0;
  if (z[0] == '2' && (z[1] == 'A' || z[1] == 'B')) i0 = 2;
  for (int i = i0; i < 5; i++) {
    if (!isdigit((unsigned char)z[i])) return 0;
  }
  return 1;
}

static int rules_siren_ok(const char *z)
{
  if (strlen(z) != 9) return 0;
  for (int i = 0; i < 9; i++) {
    if (!isdigit((unsigned char)z[i])) return 0;
  }
  return 1;
}

/* "YYYY-MM" not before now's month and at most 10 years ahead. */
static int rules_month_ok(const char *z, int64_t now)
{
  int y, m;
  if (strlen(z) != 7 || rules_digits(z, 4, &y) || z[4] != '-' ||
      rules_digits(z + 5, 2, &m) || m < 1 || m > 12) {
    return 0;
  }
  time_t tt = (time_t)now;
  struct tm tm;
  gmtime_r(&tt, &tm);
  int iNow = (tm.tm_year + 1900) * 12 + tm.tm_mon;
  int iWish = y * 12 + (m - 1);
  return iWish >= iNow && iWish <= iNow + 120;
}

int case_request_validate(const CaseRequest *r, int64_t now,
                          CaseFormErrors *pErr)
{
  int n0 = pErr->n;
  if (rules_empty(r->zFirstName)) {
    case_form_error_add(pErr, "prenom", "Indiquez votre prénom.");
  } else if (!rules_text_ok(r->zFirstName, 80, 0)) {
    case_form_error_add(pErr, "prenom",
                        "Prénom invalide : 80 caractères au plus.");
  }
  if (rules_empty(r->zLastName)) {
    case_form_error_add(pErr, "nom", "Indiquez votre nom.");
  } else if (!rules_text_ok(r->zLastName, 80, 0)) {
    case_form_error_add(pErr, "nom", "Nom invalide : 80 caractères au plus.");
  }
  if (rules_empty(r->zEmail) && rules_empty(r->zPhone)) {
    case_form_error_add(pErr, "email",
                        "Indiquez une adresse électronique ou un numéro de "
                        "téléphone pour que nous puissions vous répondre.");
  }
  if (!rules_empty(r->zEmail) && !rules_email_ok(r->zEmail)) {
    case_form_error_add(pErr, "email",
                        "Adresse électronique invalide : attendu par exemple "
                        "prenom.nom@exemple.fr.");
  }
  if (!rules_empty(r->zPhone) && !rules_phone_ok(r->zPhone)) {
    case_form_error_add(pErr, "telephone",
                        "Numéro de téléphone invalide : 10 chiffres, par "
                        "exemple 05 55 12 34 56, ou +33 et 9 chiffres.");
  }
  if (case_code_index(case_professions, r->zProfession) < 0) {
    case_form_error_add(pErr, "profession", "Choisissez votre profession.");
  }
  if (case_code_index(case_statuses, r->zStatus) < 0) {
    case_form_error_add(pErr, "statut", "Choisissez votre situation actuelle.");
  }
  if (case_code_index(case_projects, r->zProject) < 0) {
    case_form_error_add(pErr, "projet", "Choisissez votre projet.");
  }
  int iKind = case_code_index(case_territory_kinds, r->zTerritoryKind);
  if (iKind < 0) {
    case_form_error_add(pErr, "territoire_type",
                        "Indiquez le territoire visé, ou « pas encore "
                        "décidé ».");
  } else if (strcmp(r->zTerritoryKind, "indecis") != 0) {
    if (rules_empty(r->zTerritoryLabel)) {
      case_form_error_add(pErr, "territoire_nom",
                          "Indiquez le nom de la commune ou de "
                          "l'intercommunalité.");
    } else if (!rules_text_ok(r->zTerritoryLabel, 120, 0)) {
      case_form_error_add(pErr, "territoire_nom",
                          "Nom de territoire invalide : 120 caractères au "
                          "plus.");
    }
    if (!rules_empty(r->zTerritoryCode)) {
      int isCommune = !strcmp(r->zTerritoryKind, "commune");
      if (isCommune && !rules_commune_code_ok(r->zTerritoryCode)) {
        case_form_error_add(pErr, "territoire_code",
                            "Code commune invalide : 5 caractères, par "
                            "exemple 15014 (ou 2A004 en Corse).");
      } else if (!isCommune && !rules_siren_ok(r->zTerritoryCode)) {
        case_form_error_add(pErr, "territoire_code",
                            "SIREN de l'intercommunalité invalide : 9 "
                            "chiffres.");
      }
    }
  }
  if (!rules_empty(r->zWishedDate) && !rules_month_ok(r->zWishedDate, now)) {
    case_form_error_add(pErr, "date_souhaitee",
                        "Date souhaitée invalide : un mois au format "
                        "AAAA-MM, à partir du mois en cours.");
  }
  if (r->nNeed == 0) {
    case_form_error_add(pErr, "besoins", "Cochez au moins un besoin.");
  }
  for (int i = 0; i < r->nNeed; i++) {
    if (case_code_index(case_needs, r->azNeed[i]) < 0) {
      case_form_error_add(pErr, "besoins", "Besoin inconnu.");
    }
    for (int j = 0; j < i; j++) {
      if (r->azNeed[j] && r->azNeed[i] && !strcmp(r->azNeed[i], r->azNeed[j])) {
        case_form_error_add(pErr, "besoins", "Chaque besoin une seule fois.");
      }
    }
  }
  if (!rules_text_ok(r->zMessage, 4000, 1)) {
    case_form_error_add(pErr, "message",
                        "Message invalide : 4 000 caractères au plus.");
  }
  if (!r->hasConsent) {
    case_form_error_add(pErr, "consentement",
                        "Votre accord est nécessaire pour que nous traitions "
                        "votre demande.");
  }
  if (case_code_index(case_channels, r->zChannel) < 0) {
    case_form_error_add(pErr, "canal", "Choisissez le canal de la demande.");
  }
  if (!rules_empty(r->zIdemToken) && !rules_text_ok(r->zIdemToken, 64, 0)) {
    case_form_error_add(pErr, "jeton", "Jeton de formulaire invalide.");
  }
  return pErr->n - n0;
}

/* ---- the state machine ------------------------------------------------------ */

/* aAllowed[from][to]: the edges of the state machine, in case_states order
** (nouveau, en_cours, attente_demandeur, attente_partenaire, clos).  A
** closed dossier can only be reopened ("en_cours"); nothing returns to
** "nouveau". */
static const unsigned char aAllowed[CASE_NSTATE][CASE_NSTATE] = {
  /* nouveau */            {0, 1, 1, 1, 1},
  /* en_cours */           {0, 0, 1, 1, 1},
  /* attente_demandeur */  {0, 1, 0, 1, 1},
  /* attente_partenaire */ {0, 1, 1, 0, 1},
  /* clos */               {0, 1, 0, 0, 0},
};

int case_transition_allowed(const char *zFrom, const char *zTo)
{
  int iFrom = case_code_index(case_states, zFrom);
  int iTo = case_code_index(case_states, zTo);
  return iFrom >= 0 && iTo >= 0 && aAllowed[iFrom][iTo];
}

int case_transition_check(const char *zFrom, const char *zTo,
                          const CaseClose *pClose, const char *zReason,
                          Err *err)
{
  int iFrom = case_code_index(case_states, zFrom);
  int iTo = case_code_index(case_states, zTo);
  if (iFrom < 0 || iTo < 0) {
    err_set(err, ERR_INPUT, "État inconnu.");
    err_field(err, "etat");
    return ERR_INPUT;
  }
  if (!aAllowed[iFrom][iTo]) {
    err_set(err, ERR_INPUT, "Passage impossible de « %s » à « %s ».",
            case_states[iFrom].zLabel, case_states[iTo].zLabel);
    err_field(err, "etat");
    return ERR_INPUT;
  }
  if (!strcmp(zFrom, "clos") && rules_empty(zReason)) {
    err_set(err, ERR_INPUT, "Indiquez la raison de la réouverture.");
    err_field(err, "raison");
    return ERR_INPUT;
  }
  if (!rules_text_ok(zReason, 1000, 1)) {
    err_set(err, ERR_INPUT, "Raison invalide : 1 000 caractères au plus.");
    err_field(err, "raison");
    return ERR_INPUT;
  }
  if (strcmp(zTo, "clos") != 0) return 0;
  if (!pClose || case_code_index(case_outcomes, pClose->zOutcome) < 0) {
    err_set(err, ERR_INPUT, "Choisissez l'issue du dossier pour le clore.");
    err_field(err, "issue");
    return ERR_INPUT;
  }
  if (!strcmp(pClose->zOutcome, "installe")) {
    if (rules_empty(pClose->zCommune) ||
        !rules_commune_code_ok(pClose->zCommune)) {
      err_set(err, ERR_INPUT, "Indiquez le code de la commune d'installation "
              "(5 caractères, par exemple 15014).");
      err_field(err, "commune");
      return ERR_INPUT;
    }
    int64_t t;
    if (rules_empty(pClose->zDate) || strlen(pClose->zDate) != 10 ||
        case_time_parse(pClose->zDate, &t)) {
      err_set(err, ERR_INPUT, "Indiquez la date d'installation (AAAA-MM-JJ).");
      err_field(err, "date_installation");
      return ERR_INPUT;
    }
  }
  return 0;
}

/* ---- references, reminders ---------------------------------------------------- */

const char *case_ref_format(int year, int seq, char *zBuf)
{
  snprintf(zBuf, 16, "BD-%04d-%04d", year % 10000, seq % 100000);
  return zBuf;
}

int case_ref_parse(const char *z, int *pYear, int *pSeq)
{
  int y, s = 0;
  if (!z || strncmp(z, "BD-", 3) || rules_digits(z + 3, 4, &y) ||
      z[7] != '-') {
    return ERR_INPUT;
  }
  size_t n = strlen(z + 8);
  if (n < 4 || n > 5 || rules_digits(z + 8, (int)n, &s) || s == 0) {
    return ERR_INPUT;
  }
  *pYear = y;
  *pSeq = s;
  return 0;
}

int case_idle_level(int64_t tLast, int64_t now)
{
  int64_t nDay = (now - tLast) / 86400;
  if (nDay >= CASE_IDLE_SECOND) return CASE_IDLE_SECOND;
  if (nDay >= CASE_IDLE_FIRST) return CASE_IDLE_FIRST;
  return 0;
}

/* ---- attachments ------------------------------------------------------------- */

typedef struct AttachType AttachType;
struct AttachType {
  const char *zExt;           /* lower-case, with the dot */
  const char *zType;
  const char *zMagic;         /* first bytes */
  size_t nMagic;
};

static const AttachType aAttachType[] = {
  {".pdf", "application/pdf", "%PDF-", 5},
  {".jpg", "image/jpeg", "\xFF\xD8\xFF", 3},
  {".jpeg", "image/jpeg", "\xFF\xD8\xFF", 3},
  {".png", "image/png", "\x89PNG", 4},
  {".odt", "application/vnd.oasis.opendocument.text", "PK\x03\x04", 4},
  {".docx",
   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
   "PK\x03\x04", 4},
};

int case_attachment_check(const char *zName, const char *zType,
                          const unsigned char *a, size_t n, Err *err)
{
  err_field(err, "fichier");
  if (!zName || !*zName || !rules_text_ok(zName, 200, 0) ||
      strchr(zName, '/') || strchr(zName, '\\')) {
    return err_set(err, ERR_INPUT, "Nom de fichier invalide.");
  }
  if (n == 0) return err_set(err, ERR_INPUT, "Le fichier est vide.");
  if (n > CASE_ATTACH_MAX) {
    return err_set(err, ERR_INPUT,
                   "Fichier trop volumineux : %.1f Mo (%d Mo au plus).",
                   n / (1024.0 * 1024.0), CASE_ATTACH_MAX / (1024 * 1024));
  }
  const char *zDot = strrchr(zName, '.');
  const AttachType *t = NULL;
  for (size_t i = 0; zDot && i < sizeof aAttachType / sizeof *aAttachType;
       i++) {
    if (!strcasecmp(zDot, aAttachType[i].zExt)) t = &aAttachType[i];
  }
  if (!t) {
    return err_set(err, ERR_INPUT, "Type de fichier refusé : PDF, JPEG, PNG, "
                   "ODT ou DOCX seulement.");
  }
  /* Browsers send a generic type for some files: accept those, refuse a
  ** specific type that contradicts the extension. */
  if (zType && *zType && strcmp(zType, "application/octet-stream") &&
      strcasecmp(zType, t->zType)) {
    return err_set(err, ERR_INPUT, "Type de fichier refusé : %s ne "
                   "correspond pas à l'extension %s.", zType, t->zExt);
  }
  if (n < t->nMagic || memcmp(a, t->zMagic, t->nMagic)) {
    return err_set(err, ERR_INPUT, "Le contenu du fichier ne correspond pas "
                   "à son extension %s.", t->zExt);
  }
  return 0;
}

/* ---- statistics --------------------------------------------------------------- */

const char *case_semester(int64_t t, char *zBuf)
{
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  snprintf(zBuf, 8, "%04u-S%c", (unsigned)(tm.tm_year + 1900) % 10000u,
           tm.tm_mon < 6 ? '1' : '2');
  return zBuf;
}

static int rules_cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

double case_quantile(double *a, int n, double q)
{
  if (n <= 0) return 0;
  qsort(a, (size_t)n, sizeof *a, rules_cmp_double);
  double h = (n - 1) * q;
  int lo = (int)h;
  if (lo >= n - 1) return a[n - 1];
  return a[lo] + (h - lo) * (a[lo + 1] - a[lo]);
}

/* Growable array of counts, found by (semester, dim, key). */
typedef struct CountSet CountSet;
struct CountSet {
  Arena *arena;
  CaseStatCount *a;
  int n, nCap;
};

static void rules_count(CountSet *s, const char *zSem, const char *zDim,
                        const char *zKey)
{
  if (!zKey || !*zKey) return;
  for (int i = 0; i < s->n; i++) {
    CaseStatCount *c = &s->a[i];
    if (!strcmp(c->zSemester, zSem) && !strcmp(c->zDim, zDim) &&
        !strcmp(c->zKey, zKey)) {
      c->n++;
      return;
    }
  }
  if (s->n == s->nCap) {
    int nCap = s->nCap ? 2 * s->nCap : 32;
    CaseStatCount *a = arena_alloc(s->arena, (size_t)nCap * sizeof *a);
    if (s->n) memcpy(a, s->a, (size_t)s->n * sizeof *a);
    s->a = a;
    s->nCap = nCap;
  }
  CaseStatCount *c = &s->a[s->n++];
  snprintf(c->zSemester, sizeof c->zSemester, "%s", zSem);
  c->zDim = zDim;
  c->zKey = arena_strdup(s->arena, zKey);
  c->n = 1;
}

static int rules_cmp_count(const void *pa, const void *pb)
{
  const CaseStatCount *a = pa, *b = pb;
  int c = strcmp(a->zSemester, b->zSemester);
  if (!c) c = strcmp(a->zDim, b->zDim);
  if (!c) c = strcmp(a->zKey, b->zKey);
  return c;
}

/*
** Requests are counted in the semester they arrived (by profession, channel
** and each need asked); outcomes in the semester the dossier was closed.
** Durations are in days from creation; a dossier not yet contacted (or not
** closed) is left out of that duration rather than counted as zero.
*/
void case_stats_compute(Arena *arena, const CaseStatRow *a, int n,
                        CaseStats *p)
{
  memset(p, 0, sizeof *p);
  CountSet cs = {arena, NULL, 0, 0};
  CountSet cc = {arena, NULL, 0, 0};
  double *aFirst = arena_alloc(arena, sizeof(double) * (size_t)(n + 1));
  double *aClose = arena_alloc(arena, sizeof(double) * (size_t)(n + 1));
  int nFirst = 0, nClose = 0;
  char zSem[8];
  p->nDossier = n;
  p->nSettledOutside = 0;
  for (int i = 0; i < n; i++) {
    const CaseStatRow *r = &a[i];
    case_semester(r->tCreated, zSem);
    rules_count(&cs, zSem, "profession", r->zProfession);
    rules_count(&cs, zSem, "canal", r->zChannel);
    for (int k = 0; k < CASE_NNEED; k++) {
      if (r->needMask & (1u << k)) {
        rules_count(&cs, zSem, "besoin", case_needs[k].zCode);
      }
    }
    if (r->tFirstContact) {
      aFirst[nFirst++] = (r->tFirstContact - r->tCreated) / 86400.0;
    }
    if (r->tClosed) {
      aClose[nClose++] = (r->tClosed - r->tCreated) / 86400.0;
      case_semester(r->tClosed, zSem);
      int isSettled = r->zOutcome && !strcmp(r->zOutcome, "installe");
      if (isSettled && r->isOutside) {
        p->nSettledOutside++;       /* one territory: said apart */
        continue;
      }
      rules_count(&cs, zSem, "issue", r->zOutcome);
      if (isSettled) rules_count(&cc, "", "commune", r->zOutcomeCommune);
    }
  }
  if (cs.n) qsort(cs.a, (size_t)cs.n, sizeof *cs.a, rules_cmp_count);
  if (cc.n) qsort(cc.a, (size_t)cc.n, sizeof *cc.a, rules_cmp_count);
  p->aCount = cs.a;
  p->nCount = cs.n;
  p->aCommune = cc.a;
  p->nCommune = cc.n;
  p->firstContact.n = nFirst;
  p->firstContact.median = case_quantile(aFirst, nFirst, 0.5);
  p->firstContact.p90 = case_quantile(aFirst, nFirst, 0.9);
  p->closure.n = nClose;
  p->closure.median = case_quantile(aClose, nClose, 0.5);
  p->closure.p90 = case_quantile(aClose, nClose, 0.9);
}
