/*
** aids/labels.c: the French words of the aid model, both ways.
**
** Every enum value has one label, the form written by the exporter and
** shown to users ("médecin généraliste", "publié").  Reading is forgiving
** because catalogue files are typed by people: case, accents, spaces vs
** dashes, apostrophes and the inclusive "·e" do not matter, and a few
** common synonyms are accepted ("infirmière", "dentiste", "par mois").
** No I/O here.
*/
#include <string.h>

#include "aids/aids.h"

static const char *const azProf[] = {
  "médecin généraliste", "autre spécialité", "chirurgien-dentiste",
  "sage-femme", "infirmier·e", "masseur-kinésithérapeute",
  "autre paramédical", 0};
static const char *const azStatus[] = {
  "étudiant·e", "interne", "docteur junior", "remplaçant·e",
  "installé·e libéral", "salarié·e", "mixte", 0};
static const char *const azMode[] = {"libéral", "salarié", "mixte", 0};
static const char *const azPorteur[] = {
  "commune", "EPCI", "département", "région", "État", "ARS",
  "Assurance Maladie", "autre", 0};
static const char *const azState[] = {"brouillon", "publié", "archivé", 0};
static const char *const azZone[] = {"inconnue", "ZIP", "ZAC", "hors zone", 0};
static const char *const azTerr[] = {
  "commune", "EPCI", "département", "région", "France", 0};
static const char *const azCond[] = {
  "année-min", "année-max", "pass-las", "commune-dans-territoire",
  "stage-dans-territoire", "zone-commune", "zone-stage", "apl-max",
  "première-installation", "mode", "à-vérifier", 0};
static const char *const azBen[] = {
  "argent", "véhicule", "logement", "locaux", "garantie d'emprunt",
  "accompagnement", "poste", 0};
static const char *const azPer[] = {
  "unique", "mensuelle", "annuelle", "inconnue", 0};
static const char *const azDur[] = {
  "inconnue", "mois", "fin des études", "fin du stage", 0};
static const char *const azRepay[] = {
  "inconnu", "aucun", "total", "prorata", 0};
static const char *const azVerdict[] = {
  "éligible", "non éligible", "à vérifier", 0};

static const char *const *const aaLabel[AID_NLABEL] = {
  azProf, azStatus, azMode, azPorteur, azState, azZone, azTerr, azCond,
  azBen, azPer, azDur, azRepay, azVerdict};

/* Synonyms, already in normalised form. */
typedef struct Alias Alias;
struct Alias {
  int kind;
  const char *zAlias;
  int value;
};
static const Alias aAlias[] = {
  {AID_LABEL_PROF, "generaliste", AID_MG},
  {AID_LABEL_PROF, "mg", AID_MG},
  {AID_LABEL_PROF, "medecin", AID_MG},
  {AID_LABEL_PROF, "specialiste", AID_SPE},
  {AID_LABEL_PROF, "dentiste", AID_DENT},
  {AID_LABEL_PROF, "infirmiere", AID_IDE},
  {AID_LABEL_PROF, "ide", AID_IDE},
  {AID_LABEL_PROF, "kinesitherapeute", AID_MK},
  {AID_LABEL_PROF, "kine", AID_MK},
  {AID_LABEL_PROF, "paramedical", AID_PARA},
  {AID_LABEL_STATUS, "etudiante", AID_ETUDIANT},
  {AID_LABEL_STATUS, "remplacante", AID_REMPLACANT},
  {AID_LABEL_STATUS, "installe", AID_LIBERAL},
  {AID_LABEL_STATUS, "installee", AID_LIBERAL},
  {AID_LABEL_STATUS, "installee-liberale", AID_LIBERAL},
  {AID_LABEL_STATUS, "liberal", AID_LIBERAL},
  {AID_LABEL_STATUS, "salariee", AID_SALARIE},
  {AID_LABEL_STATUS, "docteure-junior", AID_DOCJR},
  {AID_LABEL_MODE, "liberale", AID_MODE_LIBERAL},
  {AID_LABEL_MODE, "salariee", AID_MODE_SALARIE},
  {AID_LABEL_MODE, "salariat", AID_MODE_SALARIE},
  {AID_LABEL_PORTEUR, "cpam", AID_PORTEUR_AM},
  {AID_LABEL_ZONE, "hors", AID_ZONE_HORS},
  {AID_LABEL_ZONE, "hors-zonage", AID_ZONE_HORS},
  {AID_LABEL_STATE, "publiee", AID_PUBLISHED},
  {AID_LABEL_STATE, "archivee", AID_ARCHIVED},
  {AID_LABEL_TERR, "dep", AID_TERR_DEP},
  {AID_LABEL_TERR, "reg", AID_TERR_REG},
  {AID_LABEL_TERR, "pays", AID_TERR_FRANCE},
  {AID_LABEL_COND, "annee-minimum", AID_COND_YEAR_MIN},
  {AID_LABEL_COND, "annee-maximum", AID_COND_YEAR_MAX},
  {AID_LABEL_BEN, "garantie", AID_BEN_LOAN_GUARANTEE},
  {AID_LABEL_BEN, "voiture", AID_BEN_VEHICLE},
  {AID_LABEL_BEN, "local", AID_BEN_PREMISES},
  {AID_LABEL_BEN, "offre-d-emploi", AID_BEN_JOB},
  {AID_LABEL_PER, "mensuel", AID_PER_MONTH},
  {AID_LABEL_PER, "par-mois", AID_PER_MONTH},
  {AID_LABEL_PER, "annuel", AID_PER_YEAR},
  {AID_LABEL_PER, "par-an", AID_PER_YEAR},
  {AID_LABEL_PER, "une-fois", AID_PER_ONCE},
  {AID_LABEL_PER, "inconnu", AID_PER_UNKNOWN},
  {AID_LABEL_DUR, "inconnu", AID_DUR_UNKNOWN},
  {AID_LABEL_DUR, "fin-etudes", AID_DUR_END_STUDIES},
  {AID_LABEL_DUR, "fin-stage", AID_DUR_END_PLACEMENT},
  {AID_LABEL_REPAY, "pro-rata", AID_REPAY_PRORATA},
  {AID_LABEL_REPAY, "au-prorata", AID_REPAY_PRORATA},
  {AID_LABEL_REPAY, "integral", AID_REPAY_FULL},
  {AID_LABEL_REPAY, "non", AID_REPAY_NONE},
  {AID_LABEL_REPAY, "inconnue", AID_REPAY_UNKNOWN},
};

/*
** Write the comparison form of z into zOut (nOut bytes): ASCII lower
** case, Latin accents dropped, the inclusive "·e" dropped, spaces,
** underscores and apostrophes turned into single dashes, no dash at
** either end.  Unknown non-ASCII bytes are kept, so they never match.
*/
void aid_normalize(const char *z, char *zOut, int nOut)
{
  static const char zMap[] =   /* U+00C0..U+00FF folded to ASCII, '?' none */
      "aaaaaaaceeeeiiii?nooooo?ouuuuy??aaaaaaaceeeeiiii?nooooo?ouuuuy?y";
  const unsigned char *s = (const unsigned char *)z;
  int n = 0;
  char cLast = '-';
  while (*s && n < nOut - 1) {
    char c;
    if (s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0xBF) {
      c = zMap[s[1] - 0x80];
      s += 2;
    } else if (s[0] == 0xC5 && (s[1] == 0x93 || s[1] == 0x92)) {
      c = 'o';                        /* œ: "oe" */
      if (n < nOut - 2) zOut[n++] = 'o';
      c = 'e';
      s += 2;
    } else if (s[0] == 0xC2 && s[1] == 0xB7) {   /* "·e": inclusive ending */
      s += 2;
      if (*s == 'e') s++;
      continue;
    } else if (s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99) {
      c = '-';                        /* typographic apostrophe */
      s += 3;
    } else {
      c = (char)*s++;
      if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
      if (c == ' ' || c == '\t' || c == '_' || c == '\'') c = '-';
    }
    if (c == '-' && cLast == '-') continue;
    zOut[n++] = c;
    cLast = c;
  }
  while (n > 0 && zOut[n - 1] == '-') n--;
  zOut[n] = 0;
}

const char *aid_label(int kind, int value)
{
  if (kind < 0 || kind >= AID_NLABEL || value < 0) return "?";
  const char *const *az = aaLabel[kind];
  for (int i = 0; az[i]; i++) {
    if (i == value) return az[i];
  }
  return "?";
}

int aid_label_find(int kind, const char *z)
{
  char zKey[80], zLab[80];
  if (kind < 0 || kind >= AID_NLABEL) return -1;
  aid_normalize(z, zKey, sizeof zKey);
  if (!zKey[0]) return -1;
  const char *const *az = aaLabel[kind];
  for (int i = 0; az[i]; i++) {
    aid_normalize(az[i], zLab, sizeof zLab);
    if (strcmp(zKey, zLab) == 0) return i;
  }
  for (size_t i = 0; i < sizeof aAlias / sizeof aAlias[0]; i++) {
    if (aAlias[i].kind == kind && strcmp(aAlias[i].zAlias, zKey) == 0)
      return aAlias[i].value;
  }
  return -1;
}
