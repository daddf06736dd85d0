/*
** aids/fields.c: the records the aids pages and API read, each through one
** field table (web/kit.h KitField) used by both: the simulator's profile,
** a commitment, and the actions on it (payment, proof, breach, close).
** Checks that need the catalogue or the territory (communes) follow the
** table read, so a page and the API refuse the same input the same way.
*/
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "aids/web_int.h"

/* The simulator's inputs: every field is text, checked by
** aid_web_profile() (the shareable URL keeps what was typed). */
static const KitField aSimField[] = {
  {"profession", "Profession", KIT_TEXT, 0,
   offsetof(AidWebInput, zProfession), 0, 120, NULL, NULL},
  {"statut", "Situation", KIT_TEXT, 0, offsetof(AidWebInput, zStatus), 0,
   120, NULL, NULL},
  {"annee", "Année d'études", KIT_TEXT, 0, offsetof(AidWebInput, zYear), 0,
   20, NULL, NULL},
  {"pass_las", "PASS ou L.AS validé", KIT_TEXT, 0,
   offsetof(AidWebInput, zPassLas), 0, 20, NULL, NULL},
  {"commune", "Commune", KIT_TEXT, 0, offsetof(AidWebInput, zCommune), 0,
   200, NULL, NULL},
  {"stage", "Commune du stage", KIT_TEXT, 0,
   offsetof(AidWebInput, zPlacement), 0, 200, NULL, NULL},
  {"mode", "Mode d'exercice", KIT_TEXT, 0, offsetof(AidWebInput, zMode), 0,
   120, NULL, NULL},
  {"premiere_installation", "Première installation", KIT_TEXT, 0,
   offsetof(AidWebInput, zFirst), 0, 20, NULL, NULL},
  {"debut", "Début d'exercice", KIT_TEXT, 0, offsetof(AidWebInput, zStart),
   0, 20, NULL, NULL},
  {0}};

int aid_web_input_read(Req *req, int isQuery, AidWebInput *in, KitErrors *e)
{
  memset(in, 0, sizeof *in);
  return isQuery ? kit_read_query(req, aSimField, in, e)
                 : kit_read(req, aSimField, in, e);
}

static int bad(Err *err, const char *zField, const char *zMsg, const char *z)
{
  if (z) err_set(err, ERR_INPUT, "%s « %s »", zMsg, z);
  else err_set(err, ERR_INPUT, "%s", zMsg);
  err_field(err, zField);
  return ERR_INPUT;
}

static int is_set(const char *z)
{
  return z && *z;
}

/* "oui"/"1"/"on"/"true" → 1, "non"/"0"/"false" → 0, "" → -1, else -2. */
static int yes_no(const char *z)
{
  if (!is_set(z)) return -1;
  if (!strcmp(z, "oui") || !strcmp(z, "1") || !strcmp(z, "on") ||
      !strcmp(z, "true"))
    return 1;
  if (!strcmp(z, "non") || !strcmp(z, "0") || !strcmp(z, "false")) return 0;
  return -2;
}

/* Is zWord one of the space-separated words of zList? */
static int has_word(const char *zList, const char *zWord)
{
  size_t n = strlen(zWord);
  for (const char *z = zList; n && (z = strstr(z, zWord)) != NULL; z++) {
    if ((z == zList || z[-1] == ' ') && (z[n] == 0 || z[n] == ' ')) return 1;
  }
  return 0;
}

/* Several communes answer zIn: ERR_INPUT on zField naming them, and
** in->aChoice for the form to offer them. */
static int place_choice(Req *req, AidWebInput *in, const char *zIn,
                        LkPlace *aHit, int nHit, const char *zField, Err *err)
{
  (void)req;
  in->aChoice = aHit;
  in->nChoice = nHit;
  in->zChoiceField = zField;
  Str s = STR_INIT;
  for (int i = 0; i < nHit; i++)
    str_appendf(&s, "%s%s (%s)", i ? ", " : "", aHit[i].zName,
                aHit[i].zCode);
  err_set(err, ERR_INPUT, "plusieurs communes correspondent à « %s » : "
          "choisissez-en une (%s)", zIn, str_text(&s));
  str_free(&s);
  err_field(err, zField);
  return ERR_INPUT;
}

/* Commune zIn given by INSEE code, "Nom (code)", postal code or name (the
** territory module's search: case, accents, hyphens and apostrophes do not
** matter).  One commune named exactly so (or one postal code's commune), or
** a single match: that one.  Several: ERR_INPUT and in->aChoice lists them
** for the form to offer. */
static int place_read(Req *req, AidWebInput *in, const char *zIn,
                      AidPlace *pl, const char *zField, Err *err)
{
  const char *z = zIn;
  const char *zOpen = strrchr(z, '(');
  char zCode[6] = "";
  size_t n = strlen(z);
  if (zOpen && n > 0 && z[n - 1] == ')' && z + n - 1 - zOpen == 6) {
    memcpy(zCode, zOpen + 1, 5);
  } else if (n == 5 && strspn(z, "0123456789ABab") == 5) {
    /* Five characters may be an INSEE code, a postal code shared by
    ** several communes, or both at once for two different communes
    ** (« 71200 »: Le Creusot's postal code, Fleury-la-Montagne's INSEE
    ** code): one commune only when exactly one answers, else the choice
    ** (issue 13), never a silent pick. */
    char zUp[6];
    memcpy(zUp, z, 6);
    zUp[2] = (char)toupper((unsigned char)zUp[2]);
    LkPlace *aHit = NULL;
    int nHit = lookup_search(req_db(req), req_arena(req), zUp, 20, &aHit,
                             err);
    if (nHit < 0) return nHit;
    int nKeep = 0;
    for (int i = 0; i < nHit; i++) {
      if (!strcmp(aHit[i].zCode, zUp) || has_word(aHit[i].zPostal, zUp))
        aHit[nKeep++] = aHit[i];
    }
    if (nKeep > 1) return place_choice(req, in, z, aHit, nKeep, zField, err);
    memcpy(zCode, nKeep ? aHit[0].zCode : zUp, 6);
  }
  if (!zCode[0]) {
    Arena *a = req_arena(req);
    LkPlace *aHit = NULL;
    int nHit = lookup_search(req_db(req), a, z, 10, &aHit, err);
    if (nHit < 0) return nHit;
    const char *zFold = lookup_fold(a, z);
    int nExact = 0;          /* exact names or postal codes, moved first */
    for (int i = 0; i < nHit; i++) {
      if (!strcmp(lookup_fold(a, aHit[i].zName), zFold) ||
          has_word(aHit[i].zPostal, z))
        aHit[nExact++] = aHit[i];
    }
    if (nExact) nHit = nExact;
    if (nHit == 0)
      return bad(err, zField, "commune inconnue : ni un code INSEE, ni un code "
                 "postal, ni le nom d'une commune :", z);
    if (nHit > 1) return place_choice(req, in, z, aHit, nHit, zField, err);
    snprintf(zCode, sizeof zCode, "%s", aHit[0].zCode);
  }
  int rc = aid_place_resolve(req_db(req), zCode, pl, zField, err);
  if (rc == ERR_NOTFOUND) err->code = ERR_INPUT;     /* a 400 for the user */
  return rc ? ERR_INPUT : 0;
}

int aid_web_profile(Req *req, AidWebInput *in, AidProfile *p, Err *err)
{
  aid_profile_init(p);
  if (!is_set(in->zProfession))
    return bad(err, "profession", "indiquez votre profession", NULL);
  if ((p->profession = aid_label_find(AID_LABEL_PROF, in->zProfession)) < 0)
    return bad(err, "profession", "profession inconnue", in->zProfession);
  if (!is_set(in->zStatus))
    return bad(err, "statut", "indiquez votre situation", NULL);
  if ((p->status = aid_label_find(AID_LABEL_STATUS, in->zStatus)) < 0)
    return bad(err, "statut", "situation inconnue", in->zStatus);
  if (is_set(in->zYear)) {
    long l;
    if (str_to_long(in->zYear, &l) || l < 0 || l > 20)
      return bad(err, "annee", "année d'études invalide (nombre de 1 à 12) :",
                 in->zYear);
    p->year = (int)l;
  }
  int v = yes_no(in->zPassLas);
  if (v == -2) return bad(err, "pass_las", "oui ou non attendu, pas",
                          in->zPassLas);
  p->hasPassLas = v == 1;
  if (is_set(in->zMode) && strcmp(in->zMode, "inconnu") &&
      (p->mode = aid_label_find(AID_LABEL_MODE, in->zMode)) < 0)
    return bad(err, "mode", "mode d'exercice inconnu", in->zMode);
  v = yes_no(in->zFirst);
  if (v == -2 && strcmp(in->zFirst, "inconnu"))
    return bad(err, "premiere_installation", "oui ou non attendu, pas",
               in->zFirst);
  p->firstInstall = v < 0 ? -1 : v;
  if (is_set(in->zStart)) {
    const char *z = in->zStart;
    if (strlen(z) != 7 || z[4] != '-' ||
        sscanf(z, "%4d-%2d", &p->startYear, &p->startMonth) != 2 ||
        p->startMonth < 1 || p->startMonth > 12)
      return bad(err, "debut", "mois AAAA-MM attendu, pas", z);
  }
  if (!is_set(in->zCommune))
    return bad(err, "commune", "indiquez la commune où vous pensez exercer",
               NULL);
  int rc = aid_profile_check(p, err);
  if (!rc) rc = place_read(req, in, in->zCommune, &p->target, "commune", err);
  if (!rc && is_set(in->zPlacement))
    rc = place_read(req, in, in->zPlacement, &p->placement, "stage", err);
  return rc;
}


/* ---- a commitment and the actions on it ------------------------------------ */

/* Money comes as euros typed in the form ("montant", also the API's former
** key) or as integer cents in the API ("montant_centimes"). */
static const KitField aCommitField[] = {
  {"aide", "Aide", KIT_TEXT, KIT_REQUIRED, offsetof(AidCommitIn, zAid), 0,
   AID_ID_MAX - 1, NULL, NULL},
  {"beneficiaire", "Bénéficiaire", KIT_TEXT, KIT_REQUIRED,
   offsetof(AidCommitIn, zBeneficiary), 0, 127, NULL, NULL},
  {"signature", "Date de signature", KIT_DATE, KIT_REQUIRED,
   offsetof(AidCommitIn, zSigned), 0, 0, NULL, NULL},
  {"debut", "Début de l'exercice dû", KIT_DATE, KIT_REQUIRED,
   offsetof(AidCommitIn, zStart), 0, 0, NULL, NULL},
  {"fin", "Fin de l'exercice dû", KIT_DATE, KIT_REQUIRED,
   offsetof(AidCommitIn, zEnd), 0, 0, NULL, NULL},
  {"lieu", "Commune d'exercice", KIT_TEXT, KIT_REQUIRED,
   offsetof(AidCommitIn, zPlace), 0, 5, NULL, NULL},
  {"montant", "Montant accordé", KIT_CENTS, 0, offsetof(AidCommitIn, euros),
   0, 0, NULL, NULL},
  {"montant_centimes", "Montant accordé (centimes)", KIT_INT, 0,
   offsetof(AidCommitIn, cents), 0, 0, NULL, NULL},
  {0}};

/* One amount from its euro and cent fields: cents win; neither is an
** error on the euro field (the one a page shows). */
static void amount_pick(Req *req, int64_t euros, int64_t *pCents,
                        const char *zLabel, KitErrors *e)
{
  if (*pCents != KIT_UNSET || kit_error_of(e, "montant") ||
      kit_error_of(e, "montant_centimes"))
    return;
  if (euros == KIT_UNSET) {
    kit_error_add(req, e, "montant",
                  arena_printf(req_arena(req), "%s : champ obligatoire",
                               zLabel));
    return;
  }
  *pCents = euros;
}

int aid_commit_read(Req *req, AidCommitIn *in, KitErrors *e)
{
  int n0 = e->n;
  memset(in, 0, sizeof *in);
  kit_read(req, aCommitField, in, e);
  amount_pick(req, in->euros, &in->cents, "Montant accordé", e);
  if (!kit_error_of(e, "lieu") && in->zPlace[0]) {
    AidPlace pl;
    Err err = {0};
    if (aid_place_resolve(req_db(req), in->zPlace, &pl, "lieu", &err))
      kit_error_add(req, e, "lieu", arena_printf(req_arena(req),
                    "Commune d'exercice : %s", err.zMsg));
  }
  return e->n - n0;
}

static const char *const azClose[] = {"honore", "honoré", "dispense",
                                      "dispensé", NULL};

static const KitField aPayField[] = {
  {"date", "Date", KIT_DATE, KIT_REQUIRED, offsetof(AidActIn, zDate), 0, 0,
   NULL, NULL},
  {"montant", "Montant", KIT_CENTS, 0, offsetof(AidActIn, euros), 0, 0, NULL,
   NULL},
  {"montant_centimes", "Montant (centimes)", KIT_INT, 0,
   offsetof(AidActIn, cents), 0, 0, NULL, NULL},
  {0}};
static const KitField aDateField[] = {
  {"date", "Date", KIT_DATE, KIT_REQUIRED, offsetof(AidActIn, zDate), 0, 0,
   NULL, NULL},
  {0}};
static const KitField aCloseField[] = {
  {"statut", "Issue", KIT_CHOICE, KIT_REQUIRED, offsetof(AidActIn, zStatus),
   0, 0, azClose, NULL},
  {0}};

int aid_act_read(Req *req, int kind, AidActIn *in, KitErrors *e)
{
  int n0 = e->n;
  memset(in, 0, sizeof *in);
  in->status = -1;
  in->cents = KIT_UNSET;
  switch (kind) {
    case AID_ACT_PAY:
      kit_read(req, aPayField, in, e);
      amount_pick(req, in->euros, &in->cents, "Montant", e);
      break;
    case AID_ACT_CLOSE:
      kit_read(req, aCloseField, in, e);
      if (in->zStatus && in->zStatus[0])
        in->status = in->zStatus[0] == 'h' ? AID_CS_HONOURED : AID_CS_WAIVED;
      break;
    default: kit_read(req, aDateField, in, e); break;
  }
  return e->n - n0;
}
