/*
** aids/pages_edit.c: back-office creation and editing of a scheme, and
** its state draft → published → archived (agents).
**
** The form is the catalogue file cut into fields: one-line keys as inputs
** and check boxes, conditions one a line, the [avantage] sections and the
** [engagement] section as text in the file's own syntax.  On submit the
** fields are put back together into a catalogue file, read by the same
** reader as the files in data/aids (aid_parse) and saved by aid_store_put() in
** one transaction with its audit record: the export writes the same text
** back, and nothing is half-saved.  An error names the form field (and
** the line inside a multi-line field).
*/
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "aids/web_int.h"

/* One-line fields: form name, file key, label. */
static const struct { const char *zName, *zKey, *zLabel, *zHint; } aLine[] = {
  {"nom", "nom", "Nom de l'aide", NULL},
  {"porteur-code", "porteur-code", "Code du territoire du porteur",
   "code INSEE, ou SIREN pour un EPCI (facultatif)"},
  {"porteur-nom", "porteur-nom", "Nom du porteur",
   "ex. Département de Loir-et-Cher (facultatif)"},
  {"territoire", "territoire", "Territoire d'application",
   "ex. « département 41 », « commune 71153, commune 71270 », « France »"},
  {"cumulable-avec", "cumulable-avec", "Cumulable avec",
   "identifiants d'aides séparés par des virgules (facultatif)"},
  {"non-cumulable-avec", "non-cumulable-avec", "Non cumulable avec",
   "identifiants d'aides séparés par des virgules (facultatif)"},
  {"valide-du", "valide-du", "Valide du", "AAAA-MM-JJ (facultatif)"},
  {"valide-au", "valide-au", "Valide au", "AAAA-MM-JJ (facultatif)"},
  {"source", "source", "Source des montants et conditions", NULL},
  {"contact", "contact", "Contact", NULL},
  {"beneficiaires", "bénéficiaires", "Bénéficiaires (si ce n'est pas la "
   "personne)", "ex. collectivités : communes, EPCI (facultatif)"},
  {"demarche", "démarche", "Démarche : que faire ensuite",
   "une phrase (facultatif)"},
  {"lien", "lien", "Page officielle", "https://… (facultatif)"},
  {"verifie-le", "vérifié-le", "Dernière vérification par l'équipe",
   "AAAA-MM-JJ (facultatif)"},
};
#define N_LINE ((int)(sizeof aLine / sizeof aLine[0]))

/* The form's values, all as text. */
typedef struct SchemeForm SchemeForm;
struct SchemeForm {
  const char *zId;
  int state, porteur;
  const char *azLine[N_LINE];
  unsigned profMask, statusMask;
  const char *zCond, *zBen, *zCommit, *zDesc;
  const char *zState, *zPorteur;     /* as posted */
};

/* The form's field table (aLine in the same order). */
#define LINE_FIELD(i, zName, zLabel)                                       \
  {zName, zLabel, KIT_TEXT, 0, offsetof(SchemeForm, azLine) +              \
   (i) * sizeof(const char *), 0, 0, NULL, NULL}
static const KitField aSchemeField[] = {
  {"id", "Identifiant", KIT_TEXT, 0, offsetof(SchemeForm, zId), 0,
   AID_ID_MAX - 1, NULL, NULL},
  {"etat", "État", KIT_TEXT, 0, offsetof(SchemeForm, zState), 0, 0, NULL,
   NULL},
  {"porteur", "Porteur", KIT_TEXT, 0, offsetof(SchemeForm, zPorteur), 0, 0,
   NULL, NULL},
  LINE_FIELD(0, "nom", "Nom de l'aide"),
  LINE_FIELD(1, "porteur-code", "Code du territoire du porteur"),
  LINE_FIELD(2, "porteur-nom", "Nom du porteur"),
  LINE_FIELD(3, "territoire", "Territoire d'application"),
  LINE_FIELD(4, "cumulable-avec", "Cumulable avec"),
  LINE_FIELD(5, "non-cumulable-avec", "Non cumulable avec"),
  LINE_FIELD(6, "valide-du", "Valide du"),
  LINE_FIELD(7, "valide-au", "Valide au"),
  LINE_FIELD(8, "source", "Source"),
  LINE_FIELD(9, "contact", "Contact"),
  LINE_FIELD(10, "beneficiaires", "Bénéficiaires"),
  LINE_FIELD(11, "demarche", "Démarche"),
  LINE_FIELD(12, "lien", "Page officielle"),
  LINE_FIELD(13, "verifie-le", "Dernière vérification"),
  {"conditions", "Conditions", KIT_LONGTEXT, 0, offsetof(SchemeForm, zCond),
   0, 0, NULL, NULL},
  {"avantages", "Avantages", KIT_LONGTEXT, 0, offsetof(SchemeForm, zBen), 0,
   0, NULL, NULL},
  {"engagement", "Engagement", KIT_LONGTEXT, 0, offsetof(SchemeForm, zCommit),
   0, 0, NULL, NULL},
  {"description", "Description", KIT_LONGTEXT, 0, offsetof(SchemeForm, zDesc),
   0, 0, NULL, NULL},
  {0}};
#undef LINE_FIELD

/* Fill the form from scheme s (its canonical file text, cut up). */
static void form_from_scheme(Req *req, const AidScheme *s, SchemeForm *f)
{
  Arena *a = req_arena(req);
  memset(f, 0, sizeof *f);
  f->zId = s->zId;
  f->state = s->state;
  f->porteur = s->porteur;
  f->profMask = s->profMask;
  f->statusMask = s->statusMask;
  Str t = STR_INIT, cond = STR_INIT, ben = STR_INIT, com = STR_INIT;
  aid_write(&t, s);
  const char *z = str_text(&t);
  int section = 0;                 /* 0 head, 1 avantage, 2 engagement, 3 desc */
  const char *zDesc = "";
  while (*z) {
    const char *zEnd = strchr(z, '\n');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    char *zLine = arena_strndup(a, z, n);
    if (!strcmp(zLine, "[description]")) {
      section = 3;
      zDesc = zEnd ? zEnd + 1 : "";
      break;
    }
    if (!strcmp(zLine, "[avantage]")) section = 1;
    else if (!strcmp(zLine, "[engagement]")) section = 2;
    if (section == 0) {
      char *zColon = strstr(zLine, ": ");
      if (zColon) {
        *zColon = 0;
        const char *zVal = zColon + 2;
        if (!strcmp(zLine, "condition")) {
          str_appendf(&cond, "%s\n", zVal);
        } else {
          for (int i = 0; i < N_LINE; i++) {
            if (!strcmp(zLine, aLine[i].zKey)) f->azLine[i] = zVal;
          }
        }
      }
    } else if (section == 1) {
      str_appendf(&ben, "%s\n", zLine);
    } else if (section == 2 && strcmp(zLine, "[engagement]")) {
      if (*zLine) str_appendf(&com, "%s\n", zLine);
    }
    z = zEnd ? zEnd + 1 : z + n;
  }
  f->zCond = arena_strdup(a, str_text(&cond));
  f->zBen = arena_strdup(a, str_text(&ben));
  f->zCommit = arena_strdup(a, str_text(&com));
  f->zDesc = arena_strdup(a, zDesc);
  str_free(&t);
  str_free(&cond);
  str_free(&ben);
  str_free(&com);
}

static unsigned mask_from_form(Req *req, const char *zName, int kind)
{
  const char **az = NULL;
  unsigned m = 0;
  int n = req_form_all(req, zName, &az);
  for (int i = 0; i < n; i++) {
    int v = aid_label_find(kind, az[i]);
    if (v >= 0) m |= 1u << v;
  }
  return m;
}

/* Read the posted form into f: every field error into e. */
static void form_from_post(Req *req, SchemeForm *f, const char *zId,
                           KitErrors *e)
{
  memset(f, 0, sizeof *f);
  kit_read(req, aSchemeField, f, e);
  if (zId) f->zId = zId;
  f->state = aid_label_find(AID_LABEL_STATE, f->zState);
  f->porteur = aid_label_find(AID_LABEL_PORTEUR, f->zPorteur);
  f->profMask = mask_from_form(req, "professions", AID_LABEL_PROF);
  f->statusMask = mask_from_form(req, "statuts", AID_LABEL_STATUS);
}

/* Parts of the assembled file: the first line of each multi-line field. */
typedef struct Parts Parts;
struct Parts {
  int iCond, nCond, iBen, iCommit, iDesc;
};

static int bad_field(Err *err, const char *zField, const char *zMsg)
{
  err_set(err, ERR_INPUT, "%s", zMsg);
  err_field(err, zField);
  return ERR_INPUT;
}

/* An error of the form on zField, its message made a sentence. */
static void form_err(Req *req, KitErrors *e, const char *zField,
                     const char *zMsg)
{
  kit_error_add(req, e, zField, aid_web_sentence(req, zMsg));
}

static int count_lines(const char *z)
{
  int n = 0;
  for (; *z; z++) n += *z == '\n';
  return n;
}

/* Append the multi-line text z, normalising CR LF, ending with a newline. */
static void append_block(Str *o, const char *z)
{
  for (; *z; z++) {
    if (*z != '\r') str_appendc(o, *z);
  }
  if (o->n && str_text(o)[o->n - 1] != '\n') str_appendc(o, '\n');
}

/* Every error of form f that the file reader cannot name (state,
** porteur, professions, statuses, foreign sections) into e. */
static void form_check(Req *req, const SchemeForm *f, KitErrors *e)
{
  if (f->state < 0) form_err(req, e, "etat", "état inconnu");
  if (f->porteur < 0) form_err(req, e, "porteur", "porteur inconnu");
  if (!f->profMask)
    form_err(req, e, "professions", "cochez au moins une profession");
  if (!f->statusMask)
    form_err(req, e, "statuts", "cochez au moins une situation");
  for (const char *z = f->zCommit; *z; z++) {
    if ((z == f->zCommit || z[-1] == '\n') && *z == '[') {
      form_err(req, e, "engagement", "pas de section « [ » ici : "
               "seulement des lignes « clé: valeur »");
      break;
    }
  }
  for (const char *z = f->zBen; *z; z++) {
    if ((z == f->zBen || z[-1] == '\n') && *z == '[' &&
        strncmp(z, "[avantage]", 10)) {
      form_err(req, e, "avantages", "seules des sections « [avantage] » "
               "sont attendues ici");
      break;
    }
  }
}

/* The catalogue file of a checked form f into o (p: where each block
** starts, for errors). */
static void form_text(const SchemeForm *f, Str *o, Parts *p)
{
  str_appendf(o, "id: %s\nnom: %s\nétat: %s\nporteur: %s\n", f->zId,
              f->azLine[0], aid_label(AID_LABEL_STATE, f->state),
              aid_label(AID_LABEL_PORTEUR, f->porteur));
  for (int i = 1; i < N_LINE; i++) {
    if (f->azLine[i] && *f->azLine[i])
      str_appendf(o, "%s: %s\n", aLine[i].zKey, f->azLine[i]);
  }
  const unsigned aMask[2] = {f->profMask, f->statusMask};
  const int aKind[2] = {AID_LABEL_PROF, AID_LABEL_STATUS};
  for (int k = 0; k < 2; k++) {
    str_appendz(o, k ? "statuts: " : "professions: ");
    for (int i = 0, n = 0; i < 32; i++) {
      if (aMask[k] & 1u << i)
        str_appendf(o, "%s%s", n++ ? ", " : "", aid_label(aKind[k], i));
    }
    str_appendc(o, '\n');
  }
  p->iCond = count_lines(str_text(o)) + 1;
  p->nCond = 0;
  for (const char *z = f->zCond; *z;) {
    const char *zEnd = strchr(z, '\n');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    while (n && (z[n - 1] == '\r' || z[n - 1] == ' ')) n--;
    str_appendz(o, "condition: ");
    str_append(o, z, n);
    str_appendc(o, '\n');
    p->nCond++;
    z = zEnd ? zEnd + 1 : z + strlen(z);
  }
  str_appendc(o, '\n');
  p->iBen = count_lines(str_text(o)) + 1;
  append_block(o, f->zBen);
  p->iCommit = count_lines(str_text(o)) + 2;
  if (*f->zCommit) {
    str_appendz(o, "\n[engagement]\n");
    append_block(o, f->zCommit);
  }
  p->iDesc = count_lines(str_text(o)) + 2;
  if (*f->zDesc) {
    str_appendz(o, "\n[description]\n");
    append_block(o, f->zDesc);
  }
}

/* Turn a reader error (line, key) into a form error naming the field. */
static void map_error(const Parts *p, Err *err)
{
  if (!err->iLine) goto key;
  long l = err->iLine;
  const char *zField = NULL, *zWhat = NULL;
  long iFirst = 0;
  if (l >= p->iDesc) zField = "description", zWhat = "la description",
                     iFirst = p->iDesc;
  else if (l >= p->iCommit) zField = "engagement", zWhat = "l'engagement",
                            iFirst = p->iCommit;
  else if (l >= p->iBen) zField = "avantages", zWhat = "les avantages",
                         iFirst = p->iBen - 1;
  else if (l >= p->iCond && l < p->iCond + p->nCond)
    zField = "conditions", zWhat = "les conditions", iFirst = p->iCond - 1;
  if (zField) {
    char zMsg[sizeof err->zMsg + 160];
    snprintf(zMsg, sizeof zMsg, "%s, ligne %ld%s%s%s : %s", zWhat,
             l - iFirst, err->zColName[0] ? " (" : "", err->zColName,
             err->zColName[0] ? ")" : "", err->zMsg);
    zMsg[sizeof err->zMsg - 1] = 0;
    memcpy(err->zMsg, zMsg, sizeof err->zMsg);
    err_field(err, zField);
    return;
  }
key:
  if (!err->zField[0] && err->zColName[0]) err_field(err, err->zColName);
  /* keys of the file that are parts of multi-line fields */
  static const struct { const char *zKey, *zField; } aMap[] = {
    {"état", "etat"}, {"condition", "conditions"}, {"montant", "avantages"},
    {"libellé", "avantages"}, {"type", "avantages"}, {"durée", "engagement"},
    {"début", "engagement"}, {"professions", "professions"},
    {"statuts", "statuts"}};
  for (size_t i = 0; i < sizeof aMap / sizeof aMap[0]; i++) {
    if (!strcmp(err->zField, aMap[i].zKey)) {
      snprintf(err->zField, sizeof err->zField, "%s", aMap[i].zField);
      break;
    }
  }
}

/* ---- the page ---------------------------------------------------------------- */

/* Check boxes of the labels of kind (kit ids: the fieldset is "f-NAME"). */
static void checks(Req *req, const char *zName, const char *zLegend, int kind,
                   int nValue, unsigned mask, const KitErrors *e)
{
  const char *zErr = kit_error_of(e, zName);
  html_printf(req, "<fieldset class=\"field%s\" id=\"f-%h\">\n<legend>%h"
                   "</legend>\n", zErr ? " field-error" : "" /*trusted*/,
              zName, zLegend);
  if (zErr) html_printf(req, "<p class=\"field-msg\">%h</p>\n", zErr);
  for (int i = 0; i < nValue; i++) {
    html_printf(req, "<label class=\"check\"><input type=\"checkbox\" name="
                     "\"%h\" value=\"%h\"%s> %h</label>\n", zName,
                aid_web_code(req, kind, i),
                mask & 1u << i ? " checked" /*trusted*/ : "" /*trusted*/,
                aid_label(kind, i));
  }
  html_printf(req, "</fieldset>\n");
}

static void edit_page(Req *req, const SchemeForm *f, int isNew,
                      const KitErrors *e)
{
  const char *zTitle = isNew ? "Nouvelle aide" : "Modifier l'aide";
  page_begin(req, e && e->n ? html_mprintf(req, "Erreur — %h", zTitle)
                            : zTitle);
  if (isNew)
    kit_breadcrumb(req, "Aides", "/aides", zTitle, NULL, NULL);
  else
    kit_breadcrumb(req, "Aides", "/aides", f->zId,
                   html_mprintf(req, "/aides/%u", f->zId), zTitle, NULL,
                   NULL);
  html_printf(req, "<h1>%h</h1>\n<p class=\"lead\">Les champs suivent le "
                   "format des fichiers du catalogue (data/aids/README.md) : "
                   "l'export réécrit exactement ce texte.</p>\n", zTitle);
  kit_error_box(req, e);
  form_begin(req, isNew ? "/aides/nouvelle"
                        : html_mprintf(req, "/aides/%u/modifier", f->zId));
  html_printf(req, "<fieldset>\n<legend>L'aide</legend>\n");
  if (isNew) {
    kit_input_ex(req, e, "id", "Identifiant", "text", f->zId,
                 "minuscules, chiffres et tirets ; c'est aussi le nom du "
                 "fichier (ex. creusot-etudiants)",
                 "required pattern=\"[a-z0-9][a-z0-9\\-]*\"");
  }
  kit_input_ex(req, e, "nom", aLine[0].zLabel, "text", f->azLine[0], NULL,
               "required");
  aid_web_select(req, e, "etat", "État", AID_LABEL_STATE, f->state, NULL);
  aid_web_select(req, e, "porteur", "Porteur", AID_LABEL_PORTEUR, f->porteur,
                 NULL);
  for (int i = 1; i < N_LINE; i++) {
    kit_input(req, e, aLine[i].zName, aLine[i].zLabel, "text", f->azLine[i],
              aLine[i].zHint);
  }
  html_printf(req, "</fieldset>\n<fieldset>\n<legend>Pour qui</legend>\n");
  checks(req, "professions", "Professions", AID_LABEL_PROF, AID_NPROF,
         f->profMask, e);
  checks(req, "statuts", "Situations", AID_LABEL_STATUS, AID_NSTATUS,
         f->statusMask, e);
  kit_textarea(req, e, "conditions", "Conditions", f->zCond,
               "une par ligne : année-min 2, pass-las, "
               "commune-dans-territoire, zone-commune ZIP, ZAC, apl-max 2.5, "
               "première-installation, mode libéral, à-vérifier TEXTE…");
  html_printf(req, "</fieldset>\n<fieldset>\n<legend>Ce que l'aide apporte, "
                   "ce qu'elle engage</legend>\n");
  kit_textarea(req, e, "avantages", "Avantages", f->zBen,
               "une section « [avantage] » par avantage : type, libellé, "
               "montant (ou « inconnu »), périodicité, durée, plafond");
  kit_textarea(req, e, "engagement", "Engagement (facultatif)", f->zCommit,
               "lignes « clé: valeur » : durée, durée-minimum, lieu, zone, "
               "modes, début, remboursement (aucun, total, prorata, inconnu)");
  kit_textarea(req, e, "description", "Description (Markdown)", f->zDesc,
               NULL);
  html_printf(req, "</fieldset>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Enregistrer</button> <a class=\"btn "
                   "btn-secondary\" href=\"%h\">Annuler</a></div>\n",
              isNew ? "/aides"
                    : html_mprintf(req, "/aides/%u", f->zId));
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /aides/nouvelle agent */
void aid_page_new(Req *req)
{
  SchemeForm f;
  memset(&f, 0, sizeof f);
  f.zId = "";
  f.state = AID_DRAFT;
  f.porteur = AID_PORTEUR_DEP;
  f.zCond = f.zCommit = f.zDesc = "";
  f.zBen = "[avantage]\ntype: argent\nlibellé: \nmontant: inconnu\n"
           "périodicité: unique\n";
  edit_page(req, &f, 1, NULL);
}

/* ROUTE: GET /aides/{id}/modifier agent */
void aid_page_edit(Req *req)
{
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 1);
  if (!pCat) return;
  int i = aid_catalog_find(pCat, req_arg(req, "id"));
  if (i < 0) {
    reply_error(req, 404, "introuvable", "Cette aide n'existe pas.", NULL);
  } else {
    SchemeForm f;
    form_from_scheme(req, &pCat->aScheme[i], &f);
    edit_page(req, &f, 0, NULL);
  }
  aid_catalog_free(pCat);
}

/* Parse the file text, check the id, save it (actions.c). */
static int scheme_save(Req *req, const char *zText, const Parts *p, int isNew,
                       const char *zId, Err *err)
{
  Store *db = req_db(req);
  AidCatalog *pCat = aid_catalog_new();
  int rc = aid_parse(pCat, "formulaire", zText, err);
  if (rc) {
    map_error(p, err);
    goto done;
  }
  AidScheme *s = &pCat->aScheme[0];
  AidCatalog *pAll = aid_catalog_new();
  Err e2 = {0};
  int isTaken = !aid_store_load(db, pAll, 0, &e2) &&
                aid_catalog_find(pAll, s->zId) >= 0;
  aid_catalog_free(pAll);
  if (isNew && isTaken) {
    rc = bad_field(err, "id", "cet identifiant est déjà pris");
    goto done;
  }
  if (!isNew && strcmp(s->zId, zId)) {
    rc = bad_field(err, "id", "l'identifiant ne peut pas changer");
    goto done;
  }
  rc = aid_act_scheme_put(req, s, isNew ? "create" : "update", NULL, err);
  if (rc == ERR_INPUT) map_error(p, err);
done:
  aid_catalog_free(pCat);
  return rc;
}

static void post_scheme(Req *req, int isNew)
{
  SchemeForm f;
  Parts p = {0};
  Err err = {0};
  KitErrors e = {0};
  form_from_post(req, &f, isNew ? NULL : req_arg(req, "id"), &e);
  form_check(req, &f, &e);
  int rc = ERR_INPUT;
  if (!e.n) {
    Str text = STR_INIT;
    form_text(&f, &text, &p);
    rc = scheme_save(req, str_text(&text), &p, isNew, f.zId, &err);
    str_free(&text);
  }
  if (rc == ERR_INPUT) {
    if (err.code) form_err(req, &e, err.zField, err.zMsg);
    reply_status(req, 400);
    edit_page(req, &f, isNew, &e);
    return;
  }
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/aides/%u?enregistre=1", f.zId));
}

/* ROUTE: POST /aides/nouvelle agent */
void aid_post_new(Req *req)
{
  post_scheme(req, 1);
}

/* ROUTE: POST /aides/{id}/modifier agent */
void aid_post_edit(Req *req)
{
  post_scheme(req, 0);
}

/* POST /aides/{id}/etat etat=publie|archive|brouillon: brouillon →
** publié → archivé, and an archived scheme back to draft.
** ROUTE: POST /aides/{id}/etat agent
*/
void aid_post_state(Req *req)
{
  Err err = {0};
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 1);
  if (!pCat) return;
  int i = aid_catalog_find(pCat, req_arg(req, "id"));
  int to = aid_label_find(AID_LABEL_STATE, kit_value(req, "etat"));
  if (i < 0) {
    reply_error(req, 404, "introuvable", "Cette aide n'existe pas.", NULL);
    goto done;
  }
  AidScheme *s = &pCat->aScheme[i];
  int from = s->state;
  int isOk = (from == AID_DRAFT && to == AID_PUBLISHED) ||
             (from == AID_PUBLISHED && to == AID_ARCHIVED) ||
             (from == AID_ARCHIVED && to == AID_DRAFT);
  if (!isOk) {
    reply_error(req, 400, "saisie_invalide", "Changement d'état impossible : "
                "brouillon → publié → archivé → brouillon.", "etat");
    goto done;
  }
  s->state = to;
  int rc = aid_act_scheme_put(req, s, "state",
                              json_pack("{s:s, s:s, s:s}", "aid", s->zId,
                                        "from", aid_label(AID_LABEL_STATE, from),
                                        "to", aid_label(AID_LABEL_STATE, to)),
                              &err);
  if (rc) kit_reply_err(req, rc, &err);
  else reply_redirect(req, html_mprintf(req, "/aides/%u", s->zId));
done:
  aid_catalog_free(pCat);
}
