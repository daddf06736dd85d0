/*
** plan/rules.c: the plan's pure rules: euro amounts as people type and
** read them, years, labels, cost per doctor settled, execution rate.
**
** No SQL, no HTML.  Amounts are cents in int64_t so that a dashboard's
** totals equal the sum of its lines exactly.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"

const PlanLabel plan_link_kinds[] = {
  {"aide", "Aide à l'installation"},
  {"centre", "Centre de santé"},
  {"stage", "Terrain de stage"},
  {"evenement", "Rencontre du portail"},
  {0, 0}
};

/* In the order of the aOutput arrays. */
const PlanLabel plan_output_codes[] = {
  {"installes", "Médecins installés"},
  {"engagements", "Engagements signés"},
  {"etudiants", "Étudiants et internes accueillis"},
  {"consultations", "Consultations en centre de santé"},
  {"patients-mt", "Patients ayant un médecin traitant en centre"},
  {0, 0}
};

const char *plan_label(const PlanLabel *a, const char *zCode)
{
  if (!zCode) return NULL;
  for (; a->zCode; a++) {
    if (strcmp(a->zCode, zCode) == 0) return a->zLabel;
  }
  return NULL;
}

int plan_output_index(const char *zCode)
{
  for (int i = 0; zCode && plan_output_codes[i].zCode; i++) {
    if (strcmp(plan_output_codes[i].zCode, zCode) == 0) return i;
  }
  return -1;
}

static int plan_refuse(Err *err, const char *zField, const char *zMsg)
{
  err_set(err, ERR_INPUT, "%s", zMsg);
  err_field(err, zField);
  return ERR_INPUT;
}

/*
** Digits with optional group separators (space, narrow or plain no-break
** space, dot when a comma is the decimal mark), a decimal comma or point
** with at most two digits, and an optional trailing "€".  Parsed by hand
** into cents: no floating point, so "0,1" + "0,2" is exactly 30 cents.
*/
int plan_parse_euros(const char *z, const char *zField, int64_t *pCents,
                     Err *err)
{
  static const char zMsg[] = "montant invalide : un nombre d'euros, par "
                             "exemple 12 000 ou 1 234,50";
  /* drop a trailing "€" and the spaces around it */
  char zBuf[128];
  size_t n = snprintf(zBuf, sizeof zBuf, "%s", z ? z : "");
  if (n >= sizeof zBuf) return plan_refuse(err, zField, zMsg);
  for (;;) {
    if (n > 0 && zBuf[n - 1] == ' ') {
      n--;
    } else if (n >= 3 && memcmp(zBuf + n - 3, "\xE2\x82\xAC", 3) == 0) {
      n -= 3;
    } else if (n >= 2 && memcmp(zBuf + n - 2, "\xC2\xA0", 2) == 0) {
      n -= 2;
    } else {
      break;
    }
  }
  zBuf[n] = 0;
  const char *c = zBuf;
  int64_t euros = 0, cents = 0;
  int nDigit = 0, nDec = -1, isNeg = 0;
  while (*c == ' ') c++;
  if (*c == '-' || *c == '+') {
    isNeg = *c == '-';
    c++;
  }
  const char *zComma = strchr(c, ',');
  for (; *c; c++) {
    unsigned char u = (unsigned char)*c;
    if (isdigit(u)) {
      if (nDec >= 0) {
        if (++nDec > 2) {
          return plan_refuse(err, zField, "montant invalide : deux "
                             "décimales au plus");
        }
        cents = cents * 10 + (u - '0');
      } else {
        if (euros > 100000000000LL) {
          return plan_refuse(err, zField, "montant trop élevé");
        }
        euros = euros * 10 + (u - '0');
        nDigit++;
      }
    } else if ((u == ',' || (u == '.' && !zComma)) && nDec < 0) {
      nDec = 0;
    } else if ((u == ' ' || u == '.') && nDec < 0 && nDigit > 0) {
      /* group separator */
    } else if (u == 0xC2 && (unsigned char)c[1] == 0xA0 && nDec < 0) {
      c++;                                    /* U+00A0 */
    } else if (u == 0xE2 && (unsigned char)c[1] == 0x80 &&
               (unsigned char)c[2] == 0xAF && nDec < 0) {
      c += 2;                                 /* U+202F */
    } else {
      return plan_refuse(err, zField, zMsg);
    }
  }
  if (nDigit == 0) return plan_refuse(err, zField, zMsg);
  if (nDec == 1) cents *= 10;
  int64_t total = euros * 100 + cents;
  if (isNeg && total > 0) {
    return plan_refuse(err, zField, "montant négatif refusé : une ligne "
                       "de budget ou une dépense est un montant positif");
  }
  *pCents = total;
  return 0;
}

const char *plan_format_euros(int64_t cents, char *zOut, int nOut)
{
  char zDigits[32];
  int isNeg = cents < 0;
  uint64_t u = isNeg ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
  snprintf(zDigits, sizeof zDigits, "%llu", (unsigned long long)(u / 100));
  Str s = STR_INIT;
  if (isNeg) str_appendc(&s, '-');
  size_t n = strlen(zDigits);
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) str_appendz(&s, "\xE2\x80\xAF");
    str_appendc(&s, zDigits[i]);
  }
  if (u % 100) str_appendf(&s, ",%02u", (unsigned)(u % 100));
  str_appendz(&s, "\xC2\xA0€");
  snprintf(zOut, (size_t)nOut, "%s", str_text(&s));
  str_free(&s);
  return zOut;
}

int plan_parse_year(const char *z, const char *zField, int *pYear, Err *err)
{
  long y;
  if (!z || str_to_long(z, &y) || y < 2000 || y > 2100) {
    return plan_refuse(err, zField, "année invalide : entre 2000 et 2100");
  }
  *pYear = (int)y;
  return 0;
}

double plan_cost_per_doctor(int64_t spentCents, int64_t nSettled)
{
  return nSettled > 0 ? (double)spentCents / 100.0 / (double)nSettled : NAN;
}

double plan_execution_pct(int64_t spentCents, int64_t budgetCents)
{
  return budgetCents > 0 ? 100.0 * (double)spentCents / (double)budgetCents
                         : NAN;
}
