/*
** aids/pages_cat.c: the aid catalogue — search with filters, a scheme's
** page (its Markdown description rendered by web/markdown,
** raw HTML shown as text), its catalogue file, CSV and XLSX exports.
**
** The public sees published schemes only; agents see drafts and archived
** ones too, with the back-office actions.
*/
#include <string.h>

#include "aids/web_int.h"
#include "web/markdown.h"

static int is_agent(Req *req)
{
  return req_role(req) >= ROLE_AGENT;
}

static void filter_form(Req *req, const AidFilter *f)
{
  html_printf(req, "<form method=\"get\" action=\"/aides\" class=\"card\" "
                   "aria-labelledby=\"titre-filtres\">\n<h2 id=\"titre-"
                   "filtres\">Rechercher</h2>\n<div class=\"grid-2\">\n<div>\n");
  kit_input(req, NULL, "q", "Mots-clés", "search", f->zText, NULL);
  kit_input(req, NULL, "territoire", "Territoire", "text", f->zTerr,
            "code INSEE d'une commune, d'un département ou d'une région");
  aid_web_select(req, NULL, "porteur", "Porteur", AID_LABEL_PORTEUR,
                 f->porteur, "tous");
  html_printf(req, "</div>\n<div>\n");
  aid_web_select(req, NULL, "profession", "Profession", AID_LABEL_PROF,
                 f->profession, "toutes");
  aid_web_select(req, NULL, "statut", "Situation", AID_LABEL_STATUS,
                 f->status, "toutes");
  aid_web_select(req, NULL, "avantage", "Type d'avantage", AID_LABEL_BEN,
                 f->benefit, "tous");
  if (is_agent(req))
    aid_web_select(req, NULL, "etat", "État", AID_LABEL_STATE, f->state,
                   "tous");
  html_printf(req, "</div>\n</div>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Filtrer</button> <a class=\"btn "
                   "btn-secondary\" href=\"/aides\">Effacer les filtres</a>"
                   "</div>\n</form>\n");
}

static const char *money_summary(Req *req, const AidScheme *s)
{
  int isKnown;
  int64_t v = aid_scheme_amount(s, &isKnown);
  for (int i = 0; i < s->nBen; i++) {
    const AidBenefit *b = &s->aBen[i];
    if (b->kind == AID_BEN_MONEY && b->period != AID_PER_ONCE)
      return aid_web_benefit_text(req, b);
  }
  if (isKnown && v > 0) return kit_euros(req, v);
  return s->nBen ? aid_web_benefit_text(req, &s->aBen[0]) : "";
}

/* ROUTE: GET /aides public */
void aid_page_list(Req *req)
{
  AidFilter f;
  AidPlace place;
  const AidPlace *pl;
  AidCatalog *pCat = aid_web_filtered_or_reply(req, &f, &place, &pl);
  if (!pCat) return;
  int n = 0;
  for (int i = 0; i < pCat->nScheme; i++)
    n += aid_web_filter_match(&f, &pCat->aScheme[i], pl);
  page_begin(req, "Aides à l'installation");
  html_printf(req, "<div class=\"page-header\">\n<h1>Aides à l'installation "
                   "et aux études</h1>\n<p><a class=\"btn\" href=\"/aides/"
                   "simulateur\">Quelles aides pour moi ?</a>");
  if (is_agent(req))
    html_printf(req, " <a class=\"btn btn-secondary\" href=\"/aides/nouvelle\">"
                     "Nouvelle aide</a> <a class=\"btn btn-secondary\" "
                     "href=\"/aides/engagements\">Engagements</a>");
  html_printf(req, "</p>\n</div>\n<p class=\"lead\">Toutes les aides des "
                   "communes, intercommunalités, départements, régions, de "
                   "l'État, de l'ARS et de l'Assurance Maladie, avec leurs "
                   "conditions et les engagements qu'elles demandent.</p>\n");
  filter_form(req, &f);
  const char *zQ = aid_web_filter_query(req, &f);
  html_printf(req, "<div class=\"page-header\">\n<h2 id=\"titre-liste\">%d "
                   "aide%s</h2>\n<p><a href=\"/aides/export.csv%h\">Exporter "
                   "en CSV</a> · <a href=\"/aides/export.xlsx%h\">Exporter en "
                   "XLSX</a></p>\n</div>\n", n,
              n > 1 ? "s" /*trusted*/ : "" /*trusted*/, zQ, zQ);
  if (f.zTerr && *f.zTerr && strlen(f.zTerr) == 5 && !pl)
    html_printf(req, "<p class=\"alert alert-warning\">Commune « %h » "
                     "inconnue : le filtre porte sur le code tel quel.</p>\n",
                f.zTerr);
  html_printf(req, "<ul class=\"cards\" aria-labelledby=\"titre-liste\">\n");
  for (int i = 0; i < pCat->nScheme; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    if (!aid_web_filter_match(&f, s, pl)) continue;
    Str terr = STR_INIT;
    aid_terr_say(&terr, s->aTerr, s->nTerr);
    html_printf(req, "<li class=\"card card-link\">\n<h3 class=\"card-title\">"
                     "<a href=\"/aides/%u\">%h</a></h3>\n<p class=\"card-meta\">"
                     "%h · %h</p>\n<p>%h</p>\n", s->zId, s->zName,
                s->zPorteurName && *s->zPorteurName
                    ? s->zPorteurName
                    : aid_label(AID_LABEL_PORTEUR, s->porteur),
                str_text(&terr), money_summary(req, s));
    if (s->commit.hasCommit)
      html_printf(req, "<p class=\"small\">Avec engagement d'exercice</p>\n");
    if (s->state != AID_PUBLISHED)
      html_printf(req, "<p><span class=\"badge badge-neutre\">%h</span></p>\n",
                  aid_label(AID_LABEL_STATE, s->state));
    html_printf(req, "</li>\n");
    str_free(&terr);
  }
  html_printf(req, "</ul>\n");
  page_end(req);
  aid_catalog_free(pCat);
}

/* The scheme of path {id}, or a 404 (drafts are for agents). */
static const AidScheme *scheme_or_404(Req *req, AidCatalog *pCat)
{
  int i = aid_catalog_find(pCat, req_arg(req, "id"));
  if (i < 0) {
    reply_error(req, 404, "introuvable", "Cette aide n'existe pas ou n'est pas "
                "publiée.", NULL);
    return NULL;
  }
  return &pCat->aScheme[i];
}

static void list_ids(Req *req, const AidCatalog *pCat, const char **az, int n)
{
  for (int i = 0; i < n; i++) {
    int j = aid_catalog_find(pCat, az[i]);
    html_printf(req, "%s<a href=\"/aides/%u\">%h</a>",
                i ? ", " /*trusted*/ : "" /*trusted*/, az[i],
                j >= 0 ? pCat->aScheme[j].zName : az[i]);
  }
}

static void state_actions(Req *req, const AidScheme *s)
{
  static const struct { int from, to; const char *zLabel; } a[] = {
    {AID_DRAFT, AID_PUBLISHED, "Publier"},
    {AID_PUBLISHED, AID_ARCHIVED, "Archiver"},
    {AID_ARCHIVED, AID_DRAFT, "Remettre en brouillon"},
  };
  html_printf(req, "<section class=\"card\" aria-labelledby=\"titre-bo\">\n"
                   "<h2 id=\"titre-bo\">Gestion</h2>\n<p>État : <strong>%h"
                   "</strong></p>\n<p><a class=\"btn btn-secondary\" href=\""
                   "/aides/%u/modifier\">Modifier</a> <a class=\"btn "
                   "btn-secondary\" href=\"/aides/%u/fichier\">Télécharger le "
                   "fichier .aid</a></p>\n",
              aid_label(AID_LABEL_STATE, s->state), s->zId, s->zId);
  for (size_t k = 0; k < sizeof a / sizeof a[0]; k++) {
    if (a[k].from != s->state) continue;
    form_begin(req, html_mprintf(req, "/aides/%u/etat", s->zId));
    html_printf(req, "<input type=\"hidden\" name=\"etat\" value=\"%h\">"
                     "<button type=\"submit\">%h</button>\n",
                aid_web_code(req, AID_LABEL_STATE, a[k].to), a[k].zLabel);
    form_end(req);
  }
  html_printf(req, "</section>\n");
}

/* ROUTE: GET /aides/{id} public */
void aid_page_detail(Req *req)
{
  AidCatalog *pCat = aid_web_catalog_or_reply(req, is_agent(req));
  if (!pCat) return;
  const AidScheme *s = scheme_or_404(req, pCat);
  if (!s) {
    aid_catalog_free(pCat);
    return;
  }
  Str terr = STR_INIT;
  aid_terr_say(&terr, s->aTerr, s->nTerr);
  page_begin(req, s->zName);
  kit_breadcrumb(req, "Aides", "/aides", s->zName, NULL, NULL);
  html_printf(req, "<p class=\"eyebrow\">%h</p>\n<h1>%h</h1>\n",
              s->zPorteurName && *s->zPorteurName
                  ? s->zPorteurName : aid_label(AID_LABEL_PORTEUR, s->porteur),
              s->zName);
  if (s->state != AID_PUBLISHED)
    html_printf(req, "<p class=\"alert alert-warning\">Cette aide est à "
                     "l'état « %h » : le public ne la voit pas.</p>\n",
                aid_label(AID_LABEL_STATE, s->state));
  if (s->zDesc && *s->zDesc)
    html_printf(req, "<div class=\"prose\">%s</div>\n",
                md_to_html(req_arena(req), s->zDesc) /*trusted*/);
  html_printf(req, "<h2>En bref</h2>\n<dl class=\"facts\">\n<dt>Porteur</dt>"
                   "<dd>%h%s%h</dd>\n<dt>Territoire</dt><dd>%h</dd>\n"
                   "<dt>Professions</dt><dd>",
              aid_label(AID_LABEL_PORTEUR, s->porteur),
              s->zPorteurName && *s->zPorteurName ? " — " /*trusted*/
                                                  : "" /*trusted*/,
              s->zPorteurName ? s->zPorteurName : "", str_text(&terr));
  for (int i = 0, n = 0; i < AID_NPROF; i++) {
    if (s->profMask & 1u << i)
      html_printf(req, "%s%h", n++ ? ", " /*trusted*/ : "" /*trusted*/,
                  aid_label(AID_LABEL_PROF, i));
  }
  html_printf(req, "</dd>\n<dt>Situations</dt><dd>");
  for (int i = 0, n = 0; i < AID_NSTATUS; i++) {
    if (s->statusMask & 1u << i)
      html_printf(req, "%s%h", n++ ? ", " /*trusted*/ : "" /*trusted*/,
                  aid_label(AID_LABEL_STATUS, i));
  }
  html_printf(req, "</dd>\n<dt>Conditions</dt><dd>");
  if (!s->nCond) html_printf(req, "aucune autre condition");
  else html_printf(req, "<ul>");
  for (int i = 0; i < s->nCond; i++)
    html_printf(req, "<li>%h</li>", aid_web_cond_text(req, &s->aCond[i]));
  if (s->nCond) html_printf(req, "</ul>");
  html_printf(req, "</dd>\n<dt>Ce que l'aide apporte</dt><dd><ul>");
  for (int i = 0; i < s->nBen; i++)
    html_printf(req, "<li>%h</li>", aid_web_benefit_text(req, &s->aBen[i]));
  html_printf(req, "</ul></dd>\n<dt>Engagement</dt><dd>%h</dd>\n",
              s->commit.hasCommit ? aid_web_commit_text(req, s)
                                  : "aucun engagement demandé");
  html_printf(req, "<dt>Cumul</dt><dd>");
  if (s->nWith) {
    html_printf(req, "cumulable avec ");
    list_ids(req, pCat, s->azWith, s->nWith);
    if (s->nWithout) html_printf(req, " ; ");
  }
  if (s->nWithout) {
    html_printf(req, "non cumulable avec ");
    list_ids(req, pCat, s->azWithout, s->nWithout);
  }
  if (!s->nWith && !s->nWithout)
    html_printf(req, "non précisé : à vérifier avec l'équipe");
  html_printf(req, "</dd>\n<dt>Validité</dt><dd>%s%h%s%h</dd>\n",
              s->zFrom && *s->zFrom ? "du " /*trusted*/ : "" /*trusted*/,
              s->zFrom && *s->zFrom ? kit_date_fr(req, s->zFrom) : "",
              s->zTo && *s->zTo ? " au " /*trusted*/
                                : (s->zFrom && *s->zFrom ? "" /*trusted*/
                                   : "sans date limite publiée" /*trusted*/),
              s->zTo && *s->zTo ? kit_date_fr(req, s->zTo) : "");
  html_printf(req, "<dt>Source</dt><dd>%h</dd>\n</dl>\n",
              s->zSource && *s->zSource ? s->zSource : "non précisée");
  aid_web_guide(req, s);
  html_printf(req, "<p><a class=\"btn\" href=\"/aides/simulateur\">"
                   "Simuler mes aides</a> <a class=\"btn btn-secondary\" "
                   "href=\"/demande?besoins=aides\">Demander un "
                   "accompagnement</a></p>\n");
  if (is_agent(req)) state_actions(req, s);
  page_end(req);
  str_free(&terr);
  aid_catalog_free(pCat);
}

/* GET /aides/{id}/fichier: the scheme's catalogue file (agents).
** ROUTE: GET /aides/{id}/fichier agent
*/
void aid_page_file(Req *req)
{
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 1);
  if (!pCat) return;
  const AidScheme *s = scheme_or_404(req, pCat);
  if (s) {
    Str t = STR_INIT;
    aid_write(&t, s);
    char *z = arena_strndup(req_arena(req), str_text(&t), t.n);
    reply_bytes(req, 200, "text/plain; charset=utf-8", z, t.n,
                html_mprintf(req, "%h.aid", s->zId));
    str_free(&t);
  }
  aid_catalog_free(pCat);
}

static void export(Req *req, ExpFormat fmt)
{
  AidFilter f;
  AidPlace place;
  const AidPlace *pl;
  AidCatalog *pCat = aid_web_filtered_or_reply(req, &f, &place, &pl);
  if (!pCat) return;
  aid_exp_reply(req, aid_exp_catalog(pCat, &f, pl), fmt, "aides", NULL);
  aid_catalog_free(pCat);
}

/* ROUTE: GET /aides/export.csv public */
void aid_export_csv(Req *req)
{
  export(req, EXP_CSV);
}

/* ROUTE: GET /aides/export.xlsx public */
void aid_export_xlsx(Req *req)
{
  export(req, EXP_XLSX);
}
