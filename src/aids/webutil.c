/*
** aids/webutil.c: the pieces every aids page and API call shares — the
** simulator's inputs read from a query or a JSON body, French money and
** condition texts, select lists, error summary, catalogue filters.
**
** No SQL here (aids.h functions do it), no page layout.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "aids/web_int.h"

static const char *trim(Req *req, const char *z)
{
  if (!z) return "";
  while (*z && isspace((unsigned char)*z)) z++;
  size_t n = strlen(z);
  while (n > 0 && isspace((unsigned char)z[n - 1])) n--;
  return arena_strndup(req_arena(req), z, n);
}

const char *aid_web_form(Req *req, const char *zName)
{
  return trim(req, req_form(req, zName));
}

const char *aid_web_query(Req *req, const char *zName)
{
  return trim(req, req_query(req, zName));
}

const char *aid_web_today(char *z)
{
  return clock_today_iso(z);
}

const char *aid_web_euros(Req *req, double v)
{
  char z[48];
  long long n = llround(fabs(v) * 100.0);
  snprintf(z, sizeof z, "%lld", n / 100);
  Str o = STR_INIT;
  if (v < 0) str_appendc(&o, '-');
  size_t len = strlen(z);
  for (size_t i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0) str_appendz(&o, "\u202f");
    str_appendc(&o, z[i]);
  }
  if (n % 100) str_appendf(&o, ",%02lld", n % 100);
  str_appendz(&o, "\u00a0€");
  const char *zOut = arena_strdup(req_arena(req), str_text(&o));
  str_free(&o);
  return zOut;
}

const char *aid_web_code(Req *req, int kind, int value)
{
  char z[96];
  aid_normalize(aid_label(kind, value), z, sizeof z);
  return arena_strdup(req_arena(req), z);
}

/* ---- the simulator's inputs --------------------------------------------- */

void aid_web_input_query(Req *req, AidWebInput *in)
{
  memset(in, 0, sizeof *in);
  in->zProfession = req_query(req, "profession");
  in->zStatus = req_query(req, "statut");
  in->zYear = req_query(req, "annee");
  in->zPassLas = req_query(req, "pass_las");
  in->zCommune = req_query(req, "commune");
  in->zPlacement = req_query(req, "stage");
  in->zMode = req_query(req, "mode");
  in->zFirst = req_query(req, "premiere_installation");
  in->zStart = req_query(req, "debut");
}

const char *aid_web_json_text(Req *req, json_t *o, const char *zKey)
{
  json_t *v = json_object_get(o, zKey);
  if (!v || json_is_null(v)) return NULL;
  if (json_is_string(v)) return json_string_value(v);
  if (json_is_integer(v))
    return arena_printf(req_arena(req), "%lld",
                        (long long)json_integer_value(v));
  if (json_is_real(v))
    return arena_printf(req_arena(req), "%.15g", json_real_value(v));
  if (json_is_boolean(v)) return json_is_true(v) ? "oui" : "non";
  return "?";                       /* arrays, objects: refused later */
}

void aid_web_input_json(Req *req, json_t *o, AidWebInput *in)
{
  memset(in, 0, sizeof *in);
  in->zProfession = aid_web_json_text(req, o, "profession");
  in->zStatus = aid_web_json_text(req, o, "statut");
  in->zYear = aid_web_json_text(req, o, "annee");
  in->zPassLas = aid_web_json_text(req, o, "pass_las");
  in->zCommune = aid_web_json_text(req, o, "commune");
  in->zPlacement = aid_web_json_text(req, o, "stage");
  in->zMode = aid_web_json_text(req, o, "mode");
  in->zFirst = aid_web_json_text(req, o, "premiere_installation");
  in->zStart = aid_web_json_text(req, o, "debut");
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

/* Commune zIn given by INSEE code, "Nom (code)", postal code or name (the
** territory module's search: case, accents, hyphens and apostrophes do not
** matter).  One commune named exactly so (or one postal code's commune), or
** a single match: that one.  Several: ERR_INPUT and in->aChoice lists them
** for the form to offer. */
static int place_read(Req *req, AidWebInput *in, const char *zIn,
                      AidPlace *pl, const char *zField, Err *err)
{
  const char *z = trim(req, zIn);
  const char *zOpen = strrchr(z, '(');
  char zCode[6] = "";
  size_t n = strlen(z);
  if (zOpen && n > 0 && z[n - 1] == ')' && z + n - 1 - zOpen == 6) {
    memcpy(zCode, zOpen + 1, 5);
  } else if (n == 5 && strspn(z, "0123456789ABab") == 5) {
    memcpy(zCode, z, 6);
    zCode[2] = (char)toupper((unsigned char)zCode[2]);
    /* an INSEE code first; otherwise it may be a postal code */
    Err e2 = {0};
    int rc = aid_place_resolve(req_db(req), zCode, pl, zField, &e2);
    if (rc != ERR_NOTFOUND) {
      if (rc) *err = e2;
      return rc;
    }
    zCode[0] = 0;
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
    if (nHit > 1) {
      in->aChoice = aHit;
      in->nChoice = nHit;
      in->zChoiceField = zField;
      Str s = STR_INIT;
      for (int i = 0; i < nHit; i++)
        str_appendf(&s, "%s%s (%s)", i ? ", " : "", aHit[i].zName,
                    aHit[i].zCode);
      err_set(err, ERR_INPUT, "plusieurs communes correspondent à « %s » : "
              "choisissez-en une (%s)", z, str_text(&s));
      str_free(&s);
      err_field(err, zField);
      return ERR_INPUT;
    }
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

/* ---- HTML pieces ---------------------------------------------------------- */

void aid_web_select(Req *req, const char *zName, const char *zLabel,
                    int kind, int value, const char *zEmpty,
                    const char *zError)
{
  html_printf(req, "<div class=\"field%s\" id=\"champ-%h\">\n"
                   "<label for=\"f-%h\">%h</label>\n",
              zError ? " field-error" : "" /*trusted*/, zName, zName, zLabel);
  if (zError)
    html_printf(req, "<p class=\"error-text\" id=\"err-%h\">%h</p>\n", zName,
                aid_web_sentence(req, zError));
  html_printf(req, "<select id=\"f-%h\" name=\"%h\"%s>\n", zName, zName,
              zError ? " aria-invalid=\"true\"" /*trusted*/ : "" /*trusted*/);
  if (zEmpty) html_printf(req, "<option value=\"\">%h</option>\n", zEmpty);
  for (int i = 0; aid_label(kind, i)[0] != '?' && i < 32; i++) {
    const char *zLab = aid_label(kind, i);
    if (kind == AID_LABEL_ZONE && i == AID_ZONE_UNKNOWN) continue;
    html_printf(req, "<option value=\"%h\"%s>%h</option>\n",
                aid_web_code(req, kind, i),
                i == value ? " selected" /*trusted*/ : "" /*trusted*/, zLab);
  }
  html_printf(req, "</select>\n</div>\n");
}

const char *aid_web_sentence(Req *req, const char *z)
{
  char *zOut = arena_strdup(req_arena(req), z ? z : "");
  if (zOut[0] >= 'a' && zOut[0] <= 'z') zOut[0] = (char)(zOut[0] - 32);
  return zOut;
}

void aid_web_error_box(Req *req, const Err *err)
{
  if (!err || !err->code) return;
  const char *zMsg = aid_web_sentence(req, err->zMsg);
  html_printf(req, "<div class=\"alert alert-error\" role=\"alert\">\n"
                   "<p class=\"alert-title\">Vérifiez votre saisie</p>\n");
  if (err->zField[0])
    html_printf(req, "<p><a href=\"#champ-%h\">%h</a></p>\n</div>\n",
                err->zField, zMsg);
  else
    html_printf(req, "<p>%h</p>\n</div>\n", zMsg);
}

void aid_web_verdict_badge(Req *req, int verdict)
{
  static const char *const azClass[] = {"badge-bien-dote",
                                        "badge-sous-dense",
                                        "badge-intermediaire"};
  static const char *const azText[] = {"Éligible", "Non éligible",
                                       "À vérifier par l'équipe"};
  if (verdict < 0 || verdict > 2) return;
  html_printf(req, "<span class=\"badge %s\">%s</span>",
              azClass[verdict] /*trusted*/, azText[verdict] /*trusted*/);
}

void aid_web_zone_badge(Req *req, int zone)
{
  static const char *const azClass[] = {"badge-neutre", "badge-sous-dense",
                                        "badge-intermediaire",
                                        "badge-bien-dote"};
  static const char *const azText[] = {
      "zonage non calculé", "ZIP : zone d'intervention prioritaire",
      "ZAC : zone d'action complémentaire", "hors zonage"};
  if (zone < 0 || zone >= AID_NZONE) zone = 0;
  html_printf(req, "<span class=\"badge %s\">%s</span>",
              azClass[zone] /*trusted*/, azText[zone] /*trusted*/);
}

static const char *mask_text(Req *req, int kind, unsigned m)
{
  Str s = STR_INIT;
  for (int i = 0; i < 32; i++) {
    if (!(m & 1u << i)) continue;
    str_appendf(&s, "%s%s", s.n ? ", " : "", aid_label(kind, i));
  }
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return z;
}

const char *aid_web_cond_text(Req *req, const AidCond *c)
{
  Arena *a = req_arena(req);
  switch (c->kind) {
  case AID_COND_YEAR_MIN:
    return arena_printf(a, "à partir de la %d%s année d'études (PASS/L.AS = "
                        "1re année)", c->iValue, c->iValue == 1 ? "re" : "e");
  case AID_COND_YEAR_MAX:
    return arena_printf(a, "jusqu'à la %d%s année d'études", c->iValue,
                        c->iValue == 1 ? "re" : "e");
  case AID_COND_PASS_LAS: return "PASS ou L.AS validé";
  case AID_COND_TARGET_IN:
    return "commune d'exercice prévue dans le territoire de l'aide";
  case AID_COND_PLACEMENT_IN: return "stage en cours dans le territoire de "
                                     "l'aide";
  case AID_COND_ZONE_TARGET:
    return arena_printf(a, "commune d'exercice classée : %s",
                        mask_text(req, AID_LABEL_ZONE, c->mask));
  case AID_COND_ZONE_PLACEMENT:
    return arena_printf(a, "commune du stage classée : %s",
                        mask_text(req, AID_LABEL_ZONE, c->mask));
  case AID_COND_APL_MAX:
    return arena_printf(a, "APL de la commune d'exercice inférieure à %.2f",
                        c->rValue);
  case AID_COND_FIRST_INSTALL: return "première installation";
  case AID_COND_MODE:
    return arena_printf(a, "mode d'exercice : %s",
                        mask_text(req, AID_LABEL_MODE, c->mask));
  case AID_COND_CHECK:
    return arena_printf(a, "à vérifier par l'équipe : %s",
                        c->zText ? c->zText : "");
  default: return "condition";
  }
}

const char *aid_web_benefit_text(Req *req, const AidBenefit *b)
{
  Str s = STR_INIT;
  const char *zLabel = b->zLabel && *b->zLabel ? b->zLabel
                                               : aid_label(AID_LABEL_BEN,
                                                           b->kind);
  str_appendz(&s, zLabel);
  if (b->kind == AID_BEN_MONEY) {
    static const char *const azPer[] = {"", " par mois", " par an", ""};
    str_appendz(&s, " : ");
    if (!b->hasAmount) {
      str_appendz(&s, "montant non publié");
    } else {
      if (b->isUpTo) str_appendz(&s, "jusqu'à ");
      str_appendz(&s, aid_web_euros(req, b->amount));
      str_appendz(&s, azPer[b->period]);
      if (b->period == AID_PER_ONCE) str_appendz(&s, " (versement unique)");
    }
    if (b->ceiling > 0)
      str_appendf(&s, ", plafond %s", aid_web_euros(req, b->ceiling));
  } else if (b->zLabel && *b->zLabel) {
    str_appendf(&s, " (%s)", aid_label(AID_LABEL_BEN, b->kind));
  }
  if (b->durKind == AID_DUR_MONTHS)
    str_appendf(&s, ", pendant %d mois", b->nMonths);
  else if (b->durKind == AID_DUR_END_STUDIES)
    str_appendz(&s, ", jusqu'à la fin des études");
  else if (b->durKind == AID_DUR_END_PLACEMENT)
    str_appendz(&s, ", jusqu'à la fin du stage");
  else if (b->kind == AID_BEN_MONEY && b->period != AID_PER_ONCE)
    str_appendz(&s, ", durée non publiée");
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return z;
}

const char *aid_web_commit_text(Req *req, const AidScheme *p)
{
  const AidCommit *c = &p->commit;
  if (!c->hasCommit) return "";
  Str s = STR_INIT, places = STR_INIT;
  if (c->isAsReceived) {
    str_appendz(&s, "Exercer aussi longtemps que l'aide a été perçue");
    if (c->minYears > 0) str_appendf(&s, " (au moins %g ans)", c->minYears);
  } else {
    str_appendf(&s, "Exercer %g an%s", c->years, c->years >= 2 ? "s" : "");
  }
  if (c->nPlace) aid_web_terr_text(req, &places, c->aPlace, c->nPlace);
  else aid_web_terr_text(req, &places, p->aTerr, p->nTerr);
  str_appendf(&s, " : %s", str_text(&places));
  if (c->zoneMask)
    str_appendf(&s, ", en %s", mask_text(req, AID_LABEL_ZONE, c->zoneMask));
  if (c->modeMask)
    str_appendf(&s, " ; mode : %s", mask_text(req, AID_LABEL_MODE,
                                              c->modeMask));
  if (c->zStart && *c->zStart) str_appendf(&s, " ; à partir de : %s",
                                           c->zStart);
  static const char *const azRepay[] = {
      "remboursement en cas de départ : règle non publiée",
      "pas de remboursement en cas de départ",
      "remboursement total en cas de départ anticipé",
      "remboursement au prorata du temps non effectué"};
  str_appendf(&s, ". %s%s.", c->repay == 0 ? "R" : "",
              c->repay == 0 ? azRepay[0] + 1 : azRepay[c->repay]);
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  str_free(&places);
  return z;
}

AidCatalog *aid_web_catalog_or_reply(Req *req, int isAll)
{
  Err err = {0};
  AidCatalog *pCat = aid_catalog_new();
  if (aid_store_load(req_db(req), pCat, !isAll, &err)) {
    aid_catalog_free(pCat);
    reply_incident(req, &err);
    return NULL;
  }
  aid_catalog_name_places(req_db(req), pCat);
  return pCat;
}

int aid_web_audit(Req *req, const char *zEntity, long long id,
                  const char *zAction, json_t *pDetail, Err *err)
{
  int rc = audit_log(req, zEntity, id, zAction, NULL, pDetail, err);
  json_decref(pDetail);
  return rc;
}

/* ---- catalogue filters ------------------------------------------------------ */

static int query_label(Req *req, const char *zName, int kind)
{
  const char *z = req_query(req, zName);
  return z && *z ? aid_label_find(kind, z) : -1;
}

void aid_web_filter_read(Req *req, AidFilter *f, int isAgent)
{
  f->zText = aid_web_query(req, "q");
  f->zTerr = aid_web_query(req, "territoire");
  f->profession = query_label(req, "profession", AID_LABEL_PROF);
  f->status = query_label(req, "statut", AID_LABEL_STATUS);
  f->benefit = query_label(req, "avantage", AID_LABEL_BEN);
  f->porteur = query_label(req, "porteur", AID_LABEL_PORTEUR);
  f->state = isAgent ? query_label(req, "etat", AID_LABEL_STATE)
                     : AID_PUBLISHED;
}

/* Case- and accent-insensitive substring test through aid_normalize. */
static int text_has(const char *zHay, const char *zNeedle)
{
  char zN[128], *zH;
  aid_normalize(zNeedle, zN, sizeof zN);
  if (!zN[0]) return 1;
  size_t n = strlen(zHay ? zHay : "") * 2 + 8;
  zH = malloc(n);
  aid_normalize(zHay ? zHay : "", zH, (int)n);
  int isIn = strstr(zH, zN) != NULL;
  free(zH);
  return isIn;
}

int aid_web_filter_match(const AidFilter *f, const AidScheme *p,
                         const AidPlace *pPlace)
{
  if (f->state >= 0 && p->state != f->state) return 0;
  if (f->profession >= 0 && !(p->profMask & 1u << f->profession)) return 0;
  if (f->status >= 0 && !(p->statusMask & 1u << f->status)) return 0;
  if (f->porteur >= 0 && p->porteur != f->porteur) return 0;
  if (f->benefit >= 0) {
    int isIn = 0;
    for (int i = 0; i < p->nBen; i++) isIn |= p->aBen[i].kind == f->benefit;
    if (!isIn) return 0;
  }
  if (f->zText && *f->zText && !text_has(p->zName, f->zText) &&
      !text_has(p->zDesc, f->zText) && !text_has(p->zPorteurName, f->zText))
    return 0;
  if (f->zTerr && *f->zTerr) {
    if (pPlace) return aid_place_in(p->aTerr, p->nTerr, pPlace) != 0;
    for (int i = 0; i < p->nTerr; i++) {
      const AidTerr *t = &p->aTerr[i];
      if (t->level == AID_TERR_FRANCE || !strcmp(t->zCode, f->zTerr)) return 1;
      if (t->level == AID_TERR_COMMUNE && str_starts(t->zCode, f->zTerr))
        return 1;
    }
    return 0;
  }
  return 1;
}

const char *aid_web_filter_query(Req *req, const AidFilter *f)
{
  Str s = STR_INIT;
  struct { const char *zName; const char *zVal; } a[] = {
    {"q", f->zText}, {"territoire", f->zTerr},
    {"profession", f->profession >= 0
                       ? aid_web_code(req, AID_LABEL_PROF, f->profession) : 0},
    {"statut", f->status >= 0
                   ? aid_web_code(req, AID_LABEL_STATUS, f->status) : 0},
    {"avantage", f->benefit >= 0
                     ? aid_web_code(req, AID_LABEL_BEN, f->benefit) : 0},
    {"porteur", f->porteur >= 0
                    ? aid_web_code(req, AID_LABEL_PORTEUR, f->porteur) : 0},
    {"etat", f->state >= 0 && f->state != AID_PUBLISHED
                 ? aid_web_code(req, AID_LABEL_STATE, f->state) : 0},
  };
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (!a[i].zVal || !*a[i].zVal) continue;
    str_appendc(&s, s.n ? '&' : '?');
    html_strf(&s, "%u=%u", a[i].zName, a[i].zVal);
  }
  const char *z = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  return z;
}

void aid_web_commit_filter(Req *req, AidCommitFilter *f)
{
  memset(f, 0, sizeof *f);
  const char *z = aid_web_query(req, "statut");
  static const char *const azCode[] = {"en-cours", "honore", "rompu",
                                       "dispense"};
  for (int i = 0; i < AID_NCS; i++) {
    char zN[32];
    aid_normalize(aid_commit_status_label(i), zN, sizeof zN);
    if (*z && (!strcmp(z, azCode[i]) || !strcmp(z, zN)))
      f->statusMask = 1u << i;
  }
  z = aid_web_query(req, "aide");
  f->zAid = *z ? z : NULL;
  z = aid_web_query(req, "lieu");
  f->zPlace = *z ? z : NULL;
  z = aid_web_query(req, "du");
  f->zSignedFrom = *z ? z : NULL;
  z = aid_web_query(req, "au");
  f->zSignedTo = *z ? z : NULL;
}

void aid_web_reply_str(Req *req, const char *zType, Str *pOut,
                       const char *zFileName)
{
  size_t n = pOut->n;
  char *z = arena_alloc(req_arena(req), n ? n : 1);
  if (n) memcpy(z, str_text(pOut), n);
  reply_bytes(req, 200, zType, z, n, zFileName);
}

const char *aid_web_place_label(Req *req, const char *zCode)
{
  AidPlace pl;
  Err err = {0};
  if (aid_place_resolve(req_db(req), zCode, &pl, "lieu", &err))
    return zCode;
  return arena_printf(req_arena(req), "%s (%s)", pl.zName, zCode);
}

void aid_web_terr_text(Req *req, Str *pOut, const AidTerr *a, int n)
{
  (void)req;    /* names come from aid_web_catalog_or_reply() */
  aid_terr_say(pOut, a, n);
}

const char *aid_web_date(Req *req, const char *z)
{
  if (!z || aid_date_check(z)) return z ? z : "";
  return arena_printf(req_arena(req), "%.2s/%.2s/%.4s", z + 8, z + 5, z);
}
