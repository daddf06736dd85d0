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
};

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

static void form_from_post(Req *req, SchemeForm *f, const char *zId)
{
  memset(f, 0, sizeof *f);
  f->zId = zId ? zId : aid_web_form(req, "id");
  f->state = aid_label_find(AID_LABEL_STATE, aid_web_form(req, "etat"));
  f->porteur = aid_label_find(AID_LABEL_PORTEUR, aid_web_form(req, "porteur"));
  for (int i = 0; i < N_LINE; i++)
    f->azLine[i] = aid_web_form(req, aLine[i].zName);
  f->profMask = mask_from_form(req, "professions", AID_LABEL_PROF);
  f->statusMask = mask_from_form(req, "statuts", AID_LABEL_STATUS);
  const char *z;
  f->zCond = (z = req_form(req, "conditions")) ? z : "";
  f->zBen = (z = req_form(req, "avantages")) ? z : "";
  f->zCommit = (z = req_form(req, "engagement")) ? z : "";
  f->zDesc = (z = req_form(req, "description")) ? z : "";
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

/* The catalogue file of form f into o; ERR_INPUT naming a field when a
** one-line field holds a line break or a block holds a foreign section. */
static int form_text(const SchemeForm *f, Str *o, Parts *p, Err *err)
{
  if (strpbrk(f->zId, "\r\n")) return bad_field(err, "id", "une seule ligne");
  for (int i = 0; i < N_LINE; i++) {
    if (strpbrk(f->azLine[i] ? f->azLine[i] : "", "\r\n"))
      return bad_field(err, aLine[i].zName, "une seule ligne attendue");
  }
  if (f->state < 0) return bad_field(err, "etat", "état inconnu");
  if (f->porteur < 0) return bad_field(err, "porteur", "porteur inconnu");
  if (!f->profMask)
    return bad_field(err, "professions", "cochez au moins une profession");
  if (!f->statusMask)
    return bad_field(err, "statuts", "cochez au moins une situation");
  for (const char *z = f->zCommit; *z; z++) {
    if ((z == f->zCommit || z[-1] == '\n') && *z == '[')
      return bad_field(err, "engagement", "pas de section « [ » ici : "
                       "seulement des lignes « clé: valeur »");
  }
  for (const char *z = f->zBen; *z; z++) {
    if ((z == f->zBen || z[-1] == '\n') && *z == '[' &&
        strncmp(z, "[avantage]", 10))
      return bad_field(err, "avantages", "seules des sections « [avantage] » "
                       "sont attendues ici");
  }
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
  return 0;
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

static const char *field_err(const Err *err, const char *zName)
{
  return err && err->code && !strcmp(err->zField, zName) ? err->zMsg : NULL;
}

static void row_open(Req *req, const char *zName, const char *zLabel,
                     const char *zHint, const Err *err)
{
  const char *zErr = field_err(err, zName);
  html_printf(req, "<div class=\"field%s\" id=\"champ-%h\">\n<label "
                   "for=\"f-%h\">%h", zErr ? " field-error" : "" /*trusted*/,
              zName, zName, zLabel);
  if (zHint) html_printf(req, " <span class=\"hint\">%h</span>", zHint);
  html_printf(req, "</label>\n");
  if (zErr) html_printf(req, "<p class=\"error-text\">%h</p>\n",
                       aid_web_sentence(req, zErr));
}

static void text_area(Req *req, const char *zName, const char *zLabel,
                      const char *zHint, const char *zValue, int nRows,
                      const Err *err)
{
  row_open(req, zName, zLabel, zHint, err);
  html_printf(req, "<textarea id=\"f-%h\" name=\"%h\" rows=\"%d\" "
                   "spellcheck=\"false\"%s>%h</textarea>\n</div>\n", zName,
              zName, nRows,
              field_err(err, zName) ? " aria-invalid=\"true\"" /*trusted*/
                                    : "" /*trusted*/, zValue);
}

static void checks(Req *req, const char *zName, const char *zLegend, int kind,
                   int nValue, unsigned mask, const Err *err)
{
  const char *zErr = field_err(err, zName);
  html_printf(req, "<fieldset class=\"field%s\" id=\"champ-%h\">\n<legend>%h"
                   "</legend>\n", zErr ? " field-error" : "" /*trusted*/,
              zName, zLegend);
  if (zErr) html_printf(req, "<p class=\"error-text\">%h</p>\n",
                       aid_web_sentence(req, zErr));
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
                      const Err *err)
{
  const char *zTitle = isNew ? "Nouvelle aide" : "Modifier l'aide";
  page_begin(req, err && err->code ? html_mprintf(req, "Erreur — %h", zTitle)
                                   : zTitle);
  html_printf(req, "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><ol>"
                   "<li><a href=\"/aides\">Aides</a></li>");
  if (!isNew)
    html_printf(req, "<li><a href=\"/aides/%u\">%h</a></li>", f->zId, f->zId);
  html_printf(req, "<li aria-current=\"page\">%h</li></ol></nav>\n<h1>%h</h1>"
                   "\n<p class=\"lead\">Les champs suivent le format des "
                   "fichiers du catalogue (data/aids/README.md) : l'export "
                   "réécrit exactement ce texte.</p>\n", zTitle, zTitle);
  aid_web_error_box(req, err);
  form_begin(req, isNew ? "/aides/nouvelle"
                        : html_mprintf(req, "/aides/%u/modifier", f->zId));
  html_printf(req, "<fieldset>\n<legend>L'aide</legend>\n");
  if (isNew) {
    row_open(req, "id", "Identifiant", "minuscules, chiffres et tirets ; "
             "c'est aussi le nom du fichier (ex. creusot-etudiants)", err);
    html_printf(req, "<input type=\"text\" id=\"f-id\" name=\"id\" value=\"%h\""
                     " required pattern=\"[a-z0-9][a-z0-9\\-]*\">\n</div>\n",
                f->zId ? f->zId : "");
  }
  row_open(req, "nom", aLine[0].zLabel, NULL, err);
  html_printf(req, "<input type=\"text\" id=\"f-nom\" name=\"nom\" value=\"%h\""
                   " required>\n</div>\n", f->azLine[0] ? f->azLine[0] : "");
  aid_web_select(req, "etat", "État", AID_LABEL_STATE, f->state, NULL,
                 field_err(err, "etat"));
  aid_web_select(req, "porteur", "Porteur", AID_LABEL_PORTEUR, f->porteur,
                 NULL, field_err(err, "porteur"));
  for (int i = 1; i < N_LINE; i++) {
    row_open(req, aLine[i].zName, aLine[i].zLabel, aLine[i].zHint, err);
    html_printf(req, "<input type=\"text\" id=\"f-%h\" name=\"%h\" value=\"%h\""
                     "%s>\n</div>\n", aLine[i].zName, aLine[i].zName,
                f->azLine[i] ? f->azLine[i] : "",
                field_err(err, aLine[i].zName) ? " aria-invalid=\"true\""
                                                 /*trusted*/ : "" /*trusted*/);
  }
  html_printf(req, "</fieldset>\n<fieldset>\n<legend>Pour qui</legend>\n");
  checks(req, "professions", "Professions", AID_LABEL_PROF, AID_NPROF,
         f->profMask, err);
  checks(req, "statuts", "Situations", AID_LABEL_STATUS, AID_NSTATUS,
         f->statusMask, err);
  text_area(req, "conditions", "Conditions", "une par ligne : année-min 2, "
            "pass-las, commune-dans-territoire, zone-commune ZIP, ZAC, "
            "apl-max 2.5, première-installation, mode libéral, à-vérifier "
            "TEXTE…", f->zCond, 5, err);
  html_printf(req, "</fieldset>\n<fieldset>\n<legend>Ce que l'aide apporte, "
                   "ce qu'elle engage</legend>\n");
  text_area(req, "avantages", "Avantages", "une section « [avantage] » par "
            "avantage : type, libellé, montant (ou « inconnu »), périodicité, "
            "durée, plafond", f->zBen, 10, err);
  text_area(req, "engagement", "Engagement (facultatif)", "lignes « clé: "
            "valeur » : durée, durée-minimum, lieu, zone, modes, début, "
            "remboursement (aucun, total, prorata, inconnu)", f->zCommit, 6,
            err);
  text_area(req, "description", "Description (Markdown)", NULL, f->zDesc, 8,
            err);
  html_printf(req, "</fieldset>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Enregistrer</button> <a class=\"btn "
                   "btn-secondary\" href=\"%h\">Annuler</a></div>\n",
              isNew ? "/aides"
                    : html_mprintf(req, "/aides/%u", f->zId));
  form_end(req);
  page_end(req);
}

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

/* Parse the file text, check the id, save and audit in one transaction. */
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
  rc = store_begin(db, err);
  if (rc) goto done;
  rc = aid_store_put(db, s, err);
  if (!rc)
    rc = aid_web_audit(req, "aid_scheme", 0, isNew ? "create" : "update",
                       json_pack("{s:s, s:s}", "aid", s->zId, "state",
                                 aid_label(AID_LABEL_STATE, s->state)), err);
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
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
  form_from_post(req, &f, isNew ? NULL : req_arg(req, "id"));
  Str text = STR_INIT;
  int rc = form_text(&f, &text, &p, &err);
  if (!rc) rc = scheme_save(req, str_text(&text), &p, isNew, f.zId, &err);
  str_free(&text);
  if (rc == ERR_INPUT) {
    reply_status(req, 400);
    edit_page(req, &f, isNew, &err);
    return;
  }
  if (rc) {
    reply_incident(req, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/aides/%u?enregistre=1", f.zId));
}

void aid_post_new(Req *req)
{
  post_scheme(req, 1);
}

void aid_post_edit(Req *req)
{
  post_scheme(req, 0);
}

/* POST /aides/{id}/etat etat=publie|archive|brouillon: brouillon →
** publié → archivé, and an archived scheme back to draft. */
void aid_post_state(Req *req)
{
  Err err = {0};
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 1);
  if (!pCat) return;
  int i = aid_catalog_find(pCat, req_arg(req, "id"));
  int to = aid_label_find(AID_LABEL_STATE, aid_web_form(req, "etat"));
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
  Store *db = req_db(req);
  int rc = store_begin(db, &err);
  if (!rc) rc = aid_store_put(db, s, &err);
  if (!rc)
    rc = aid_web_audit(req, "aid_scheme", 0, "state",
                       json_pack("{s:s, s:s, s:s}", "aid", s->zId, "from",
                                 aid_label(AID_LABEL_STATE, from), "to",
                                 aid_label(AID_LABEL_STATE, to)), &err);
  rc = rc ? store_rollback(db, rc) : store_commit(db, &err);
  if (rc == ERR_INPUT) reply_input_error(req, &err);
  else if (rc) reply_incident(req, &err);
  else reply_redirect(req, html_mprintf(req, "/aides/%u", s->zId));
done:
  aid_catalog_free(pCat);
}
