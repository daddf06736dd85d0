/*
** aids/present.c: how the aids module shows its own things — label
** options, verdict and zone badges, conditions, benefits and commitments
** in French words, the catalogue and register filters read from a query.
**
** Generic pieces (values, controls, errors, money, dates) come from the
** page kit (web/kit.h).  No SQL here (aids.h functions do it).
*/
#include <stdlib.h>
#include <string.h>

#include "aids/web_int.h"
#include "web/kit.h"

const char *aid_web_code(Req *req, int kind, int value)
{
  char z[96];
  aid_normalize(aid_label(kind, value), z, sizeof z);
  return arena_strdup(req_arena(req), z);
}

void aid_web_select(Req *req, const KitErrors *e, const char *zName,
                    const char *zLabel, int kind, int value,
                    const char *zEmpty)
{
  const char *azOpt[2 * 32 + 1];
  int n = 0;
  for (int i = 0; aid_label(kind, i)[0] != '?' && i < 32; i++) {
    if (kind == AID_LABEL_ZONE && i == AID_ZONE_UNKNOWN) continue;
    azOpt[n++] = aid_web_code(req, kind, i);
    azOpt[n++] = aid_label(kind, i);
  }
  azOpt[n] = NULL;
  kit_select(req, e, zName, zLabel, azOpt,
             value >= 0 ? aid_web_code(req, kind, value) : "", zEmpty);
}

const char *aid_web_sentence(Req *req, const char *z)
{
  char *zOut = arena_strdup(req_arena(req), z ? z : "");
  if (zOut[0] >= 'a' && zOut[0] <= 'z') zOut[0] = (char)(zOut[0] - 32);
  return zOut;
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

void aid_web_zone_badge(Req *req, const AidPlace *pl)
{
  static const char *const azClass[] = {"badge-neutre", "badge-bien-dote",
                                        "badge-intermediaire",
                                        "badge-sous-dense"};
  int k = pl->zoneLevel >= 0 && pl->zoneLevel <= 2 ? pl->zoneLevel + 1 : 0;
  const char *zLabel = pl->zZoneLabel[0] ? pl->zZoneLabel : "zonage inconnu";
  /* zoning_of() labels read "Class — source…": the class on the badge,
  ** its source beside it, never one without the other */
  const char *zDash = strstr(zLabel, " — ");
  const char *zHead = zDash ? arena_strndup(req_arena(req), zLabel,
                                            (size_t)(zDash - zLabel))
                            : zLabel;
  html_printf(req, "<span class=\"badge %s\">%h%s</span>",
              azClass[k] /*trusted*/, zHead,
              pl->isZoneOfficial || pl->zoneLevel < 0
                  ? "" /*trusted*/ : " (indicatif)" /*trusted*/);
  if (zDash)
    html_printf(req, " <span class=\"small zone-source\">%h</span>",
                zDash + strlen(" — "));
}

void aid_web_guide(Req *req, const AidScheme *s)
{
  html_printf(req, "<dl class=\"facts aid-guide\">\n");
  if (s->zBeneficiaries && *s->zBeneficiaries)
    html_printf(req, "<dt>Bénéficiaires</dt><dd>%h</dd>\n",
                s->zBeneficiaries);
  html_printf(req, "<dt>Que faire ensuite ?</dt><dd>%h</dd>\n",
              s->zNext && *s->zNext
                  ? s->zNext
                  : "Contactez le porteur de l'aide ou demandez un "
                    "accompagnement au guichet unique.");
  if (s->zUrl && *s->zUrl)
    html_printf(req, "<dt>Source officielle</dt><dd><a href=\"%h\" "
                     "rel=\"noopener\">page officielle du porteur<span "
                     "class=\"visually-hidden\"> : %h</span></a></dd>\n",
                s->zUrl, s->zName);
  html_printf(req, "<dt>Vérifiée par l'équipe</dt><dd>%h</dd>\n",
              s->zChecked && *s->zChecked ? kit_date_fr(req, s->zChecked)
                                          : "date non renseignée");
  html_printf(req, "<dt>Contact</dt><dd>%h</dd>\n</dl>\n",
              s->zContact && *s->zContact ? s->zContact : "non précisé");
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
      str_appendz(&s, kit_euros(req, b->amountCents));
      str_appendz(&s, azPer[b->period]);
      if (b->period == AID_PER_ONCE) str_appendz(&s, " (versement unique)");
    }
    if (b->ceilingCents > 0)
      str_appendf(&s, ", plafond %s", kit_euros(req, b->ceilingCents));
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
  if (c->nPlace) aid_terr_say(&places, c->aPlace, c->nPlace);
  else aid_terr_say(&places, p->aTerr, p->nTerr);
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

/* ---- catalogue filters ------------------------------------------------------ */

static int query_label(Req *req, const char *zName, int kind)
{
  const char *z = req_query(req, zName);
  return z && *z ? aid_label_find(kind, z) : -1;
}

void aid_web_filter_read(Req *req, AidFilter *f, int isAgent)
{
  f->zText = kit_query(req, "q");
  f->zTerr = kit_query(req, "territoire");
  f->profession = query_label(req, "profession", AID_LABEL_PROF);
  f->status = query_label(req, "statut", AID_LABEL_STATUS);
  f->benefit = query_label(req, "avantage", AID_LABEL_BEN);
  f->porteur = query_label(req, "porteur", AID_LABEL_PORTEUR);
  f->state = isAgent ? query_label(req, "etat", AID_LABEL_STATE)
                     : AID_PUBLISHED;
}

AidCatalog *aid_web_filtered_or_reply(Req *req, AidFilter *f,
                                      AidPlace *pPlace,
                                      const AidPlace **ppPlace)
{
  Err err = {0};
  int isAgent = req_role(req) >= ROLE_AGENT;
  aid_web_filter_read(req, f, isAgent);
  *ppPlace = NULL;
  if (f->zTerr && strlen(f->zTerr) == 5 &&
      !aid_place_resolve(req_db(req), f->zTerr, pPlace, "territoire", &err))
    *ppPlace = pPlace;
  return aid_web_catalog_or_reply(req, isAgent);
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
  const char *z = kit_query(req, "statut");
  static const char *const azCode[] = {"en-cours", "honore", "rompu",
                                       "dispense"};
  for (int i = 0; i < AID_NCS; i++) {
    char zN[32];
    aid_normalize(aid_commit_status_label(i), zN, sizeof zN);
    if (*z && (!strcmp(z, azCode[i]) || !strcmp(z, zN)))
      f->statusMask = 1u << i;
  }
  z = kit_query(req, "aide");
  f->zAid = *z ? z : NULL;
  z = kit_query(req, "lieu");
  f->zPlace = *z ? z : NULL;
  z = kit_query(req, "du");
  f->zSignedFrom = *z ? z : NULL;
  z = kit_query(req, "au");
  f->zSignedTo = *z ? z : NULL;
}

const char *aid_web_place_label(Req *req, const char *zCode)
{
  AidPlace pl;
  Err err = {0};
  if (aid_place_resolve(req_db(req), zCode, &pl, "lieu", &err))
    return zCode;
  return arena_printf(req_arena(req), "%s (%s)", pl.zName, zCode);
}

