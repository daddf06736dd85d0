/*
** aids/pages_reg.c: the commitments register (back-office, agents): the
** list with filters and alerts, recording a commitment, its payments and
** yearly proofs of practice, its end (honoré, dispensé) or breach with the
** repayment computed by the scheme's rule, the portfolio dashboard and
** the CSV/XLSX exports.
**
** Beneficiaries' names are personal data: shown to agents, exported to
** them, never written to the audit log (it gets ids, scheme, amounts).
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "aids/applic.h"
#include "aids/web_int.h"
#include "base/clock.h"

/* ---- list ---------------------------------------------------------------------- */

typedef struct ListCtx ListCtx;
struct ListCtx {
  Req *req;
  const AidCatalog *pCat;
  int n;                   /* rows seen */
  int iFirst, nShow;       /* register: rows [iFirst, iFirst + nShow) shown;
                           ** nShow 0: all */
};

/* Rows of the register per page. */
#define REG_PAGE 50

static int count_row(void *pArg, const AidCommitment *c)
{
  (void)c;
  ++*(int *)pArg;
  return 0;
}

static const char *scheme_name(const AidCatalog *pCat, const char *zId)
{
  int i = pCat ? aid_catalog_find(pCat, zId) : -1;
  return i >= 0 ? pCat->aScheme[i].zName : zId;
}

static const char *status_badge(int status)
{
  static const char *const az[] = {"badge-intermediaire", "badge-bien-dote",
                                   "badge-sous-dense", "badge-neutre"};
  return status >= 0 && status < AID_NCS ? az[status] : "badge-neutre";
}

static int list_row(void *pArg, const AidCommitment *c)
{
  ListCtx *x = pArg;
  Req *req = x->req;
  int i = x->n++;
  if (x->nShow && (i < x->iFirst || i >= x->iFirst + x->nShow)) return 0;
  html_printf(req, "<tr><td data-label=\"N°\"><a href=\"/aides/engagements/"
                   "%lld\">%lld</a></td><td data-label=\"Bénéficiaire\">%h</td>"
                   "<td data-label=\"Aide\">%h</td><td data-label=\"Commune\">"
                   "%h</td><td data-label=\"Période\">%h → %h</td>"
                   "<td data-label=\"Montant\" class=\"num\">%h</td>"
                   "<td data-label=\"Statut\"><span class=\"badge %s\">%h"
                   "</span></td><td data-label=\"Dû\" class=\"num\">%h</td>"
                   "</tr>\n", c->id, c->id, c->zBeneficiary,
              scheme_name(x->pCat, c->zAid), aid_web_place_label(req, c->zPlace),
              kit_date_fr(req, c->zStart), kit_date_fr(req, c->zEnd),
              kit_euros(req, c->amountCents), status_badge(c->status) /*trusted*/,
              aid_commit_status_label(c->status),
              c->dueCents >= 0 ? kit_euros(req, c->dueCents)
                          : c->status == AID_CS_BROKEN ? "à déterminer" : "");
  return 0;
}

static int alert_row(void *pArg, const AidCommitment *c, const char *zWhy)
{
  ListCtx *x = pArg;
  x->n++;
  html_printf(x->req, "<li><a href=\"/aides/engagements/%lld\">N° %lld — %h"
                      "</a> (%h) : %h</li>\n", c->id, c->id, c->zBeneficiary,
              scheme_name(x->pCat, c->zAid), zWhy);
  return 0;
}

static void reg_nav(Req *req, const char *zCurrent)
{
  if (zCurrent)
    kit_breadcrumb(req, "Aides", "/aides", "Engagements", "/aides/engagements",
                   zCurrent, NULL, NULL);
  else
    kit_breadcrumb(req, "Aides", "/aides", "Engagements", NULL, NULL);
}

static void commit_filters(Req *req, const AidCatalog *pCat)
{
  static const char *const azStatus[] = {"en-cours", "en cours", "honore",
                                         "honoré", "rompu", "rompu",
                                         "dispense", "dispensé", NULL};
  const char **azAid = arena_alloc(req_arena(req), sizeof(char *) *
                                   (2 * (size_t)pCat->nScheme + 1));
  int n = 0;
  for (int i = 0; i < pCat->nScheme; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    if (!s->commit.hasCommit) continue;
    azAid[n++] = s->zId;
    azAid[n++] = s->zName;
  }
  azAid[n] = NULL;
  html_printf(req, "<form method=\"get\" action=\"/aides/engagements\" "
                   "class=\"card\" aria-labelledby=\"titre-f\">\n<h2 "
                   "id=\"titre-f\">Filtrer</h2>\n<div class=\"grid-2\">\n"
                   "<div>\n");
  kit_select(req, NULL, "statut", "Statut", azStatus, kit_query(req, "statut"),
             "tous");
  kit_select(req, NULL, "aide", "Aide", azAid, kit_query(req, "aide"),
             "toutes");
  html_printf(req, "</div>\n<div>\n");
  kit_input(req, NULL, "lieu", "Commune d'exercice", "text",
            kit_query(req, "lieu"), "code INSEE");
  kit_input(req, NULL, "du", "Signé à partir du", "date",
            kit_query(req, "du"), NULL);
  kit_input(req, NULL, "au", "Signé jusqu'au", "date", kit_query(req, "au"),
            NULL);
  html_printf(req, "</div>\n</div>\n<div class=\"form-actions\"><button "
                   "type=\"submit\">Filtrer</button> <a class=\"btn "
                   "btn-secondary\" href=\"/aides/engagements\">Effacer</a>"
                   "</div>\n</form>\n");
}

/* "N engagements, page p sur P" and links to the neighbouring pages,
** keeping the filters zQ ("" or "?statut=…"). */
static void reg_pager(Req *req, const char *zQ, int nTotal, int iPage,
                      int nPages)
{
  int iLast = iPage * REG_PAGE < nTotal ? iPage * REG_PAGE : nTotal;
  html_printf(req, "<nav class=\"form-actions\" aria-label=\"Pages du "
                   "registre\">\n<p id=\"compte-registre\">%d engagement%s"
                   " — lignes %d à %d, page %d sur %d</p>\n", nTotal,
              nTotal > 1 ? "s" /*trusted*/ : "" /*trusted*/,
              (iPage - 1) * REG_PAGE + 1, iLast, iPage, nPages);
  const char *zSep = *zQ ? "&" : "?";
  if (iPage > 1)
    html_printf(req, "<a class=\"btn btn-secondary\" rel=\"prev\" href=\""
                     "/aides/engagements%h%hpage=%d\">← Page précédente</a>\n",
                zQ, zSep, iPage - 1);
  if (iPage < nPages)
    html_printf(req, "<a class=\"btn btn-secondary\" rel=\"next\" href=\""
                     "/aides/engagements%h%hpage=%d\">Page suivante →</a>\n",
                zQ, zSep, iPage + 1);
  html_printf(req, "</nav>\n");
}

/* ROUTE: GET /aides/engagements agent */
void aid_page_register(Req *req)
{
  Err err = {0};
  char zToday[11];
  AidCommitFilter f;
  aid_web_commit_filter(req, &f);
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 1);
  if (!pCat) return;
  page_begin(req, "Registre des engagements");
  reg_nav(req, NULL);
  html_printf(req, "<div class=\"page-header\">\n<h1>Registre des "
                   "engagements</h1>\n<p><a class=\"btn\" href=\"/aides/"
                   "engagements/nouveau\">Enregistrer un engagement</a> "
                   "<a class=\"btn btn-secondary\" href=\"/aides/engagements/"
                   "tableau-de-bord\">Tableau de bord</a></p>\n</div>\n");
  ListCtx x = {req, pCat, 0, 0, 0};
  html_printf(req, "<section class=\"alert alert-warning\" aria-labelledby="
                   "\"titre-alertes\">\n<h2 class=\"alert-title\" id=\"titre-"
                   "alertes\">Alertes au %h</h2>\n<ul>\n",
              kit_date_fr(req, clock_today_iso(zToday)));
  int rc = aid_commit_alerts(req_db(req), zToday, 90, alert_row, &x, &err);
  if (!x.n) html_printf(req, "<li>Aucune alerte : pas d'engagement finissant "
                             "dans les 90 jours ni d'attestation manquante."
                             "</li>\n");
  html_printf(req, "</ul>\n</section>\n");
  commit_filters(req, pCat);
  const char *zQ = req_query(req, "statut") || req_query(req, "aide") ||
                   req_query(req, "lieu") || req_query(req, "du") ||
                   req_query(req, "au")
      ? html_mprintf(req, "?statut=%u&aide=%u&lieu=%u&du=%u&au=%u",
                     kit_query(req, "statut"), kit_query(req, "aide"),
                     kit_query(req, "lieu"), kit_query(req, "du"),
                     kit_query(req, "au"))
      : "";
  html_printf(req, "<p><a href=\"/aides/engagements/export.csv%h\">Exporter en "
                   "CSV</a> · <a href=\"/aides/engagements/export.xlsx%h\">"
                   "Exporter en XLSX</a></p>\n<div class=\"table-wrap\" "
                   "tabindex=\"0\" role=\"region\" aria-labelledby=\"titre-reg"
                   "\">\n<table class=\"table-stack\">\n<caption id=\"titre-reg"
                   "\">Engagements</caption>\n<thead><tr><th scope=\"col\">N°"
                   "</th><th scope=\"col\">Bénéficiaire</th><th scope=\"col\">"
                   "Aide</th><th scope=\"col\">Commune</th><th scope=\"col\">"
                   "Période</th><th scope=\"col\" class=\"num\">Montant</th>"
                   "<th scope=\"col\">Statut</th><th scope=\"col\" class=\"num"
                   "\">Dû</th></tr></thead>\n<tbody>\n", zQ, zQ);
  /* pagination: count, then show page iPage of REG_PAGE rows */
  int nTotal = 0;
  if (!rc) rc = aid_commit_each(req_db(req), &f, count_row, &nTotal, &err);
  int nPages = nTotal ? (nTotal + REG_PAGE - 1) / REG_PAGE : 1;
  long iPage = 1;
  const char *zPage = kit_query(req, "page");
  if (*zPage && (str_to_long(zPage, &iPage) || iPage < 1)) iPage = 1;
  if (iPage > nPages) iPage = nPages;
  x.n = 0;
  x.iFirst = (int)(iPage - 1) * REG_PAGE;
  x.nShow = REG_PAGE;
  if (!rc) rc = aid_commit_each(req_db(req), &f, list_row, &x, &err);
  if (rc)
    html_printf(req, "<tr><td colspan=\"8\">Lecture du registre impossible "
                     "(incident %h).</td></tr>\n", req_id(req));
  else if (!x.n)
    html_printf(req, "<tr><td colspan=\"8\">Aucun engagement.</td></tr>\n");
  html_printf(req, "</tbody>\n</table>\n</div>\n");
  if (!rc && nTotal) reg_pager(req, zQ, nTotal, (int)iPage, nPages);
  page_end(req);
  aid_catalog_free(pCat);
}

/* ---- record ------------------------------------------------------------------- */

static void new_page(Req *req, const AidCatalog *pCat, const KitErrors *e)
{
  page_begin(req, e && e->n ? "Erreur — Nouvel engagement"
                            : "Nouvel engagement");
  reg_nav(req, "Nouvel engagement");
  html_printf(req, "<h1>Enregistrer un engagement</h1>\n");
  kit_error_box(req, e);
  form_begin(req, "/aides/engagements/nouveau");
  const char **azOpt = arena_alloc(req_arena(req), sizeof(char *) *
                                   (2 * (size_t)pCat->nScheme + 1));
  int n = 0;
  for (int i = 0; i < pCat->nScheme; i++) {
    const AidScheme *s = &pCat->aScheme[i];
    if (!s->commit.hasCommit) continue;
    azOpt[n++] = s->zId;
    azOpt[n++] = arena_printf(req_arena(req), "%s (remboursement : %s)",
                              s->zName,
                              aid_label(AID_LABEL_REPAY, s->commit.repay));
  }
  azOpt[n] = NULL;
  kit_select(req, e, "aide", "Aide", azOpt, kit_value(req, "aide"),
             "— choisir —");
  kit_input(req, e, "beneficiaire", "Bénéficiaire", "text",
            kit_value(req, "beneficiaire"), "nom et prénom");
  kit_input(req, e, "signature", "Date de signature", "date",
            kit_value(req, "signature"), NULL);
  kit_input(req, e, "debut", "Début de l'exercice dû", "date",
            kit_value(req, "debut"), NULL);
  kit_input(req, e, "fin", "Fin de l'exercice dû", "date",
            kit_value(req, "fin"), NULL);
  kit_input(req, e, "lieu", "Commune d'exercice", "text",
            kit_value(req, "lieu"), "code INSEE, ex. 41018");
  kit_input(req, e, "montant", "Montant accordé (€)", "text",
            kit_value(req, "montant"), "ex. 12 000");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer</button></div>\n");
  form_end(req);
  page_end(req);
}

/* ROUTE: GET /aides/engagements/nouveau agent */
void aid_page_commit_new(Req *req)
{
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 1);
  if (!pCat) return;
  new_page(req, pCat, NULL);
  aid_catalog_free(pCat);
}

/* ROUTE: POST /aides/engagements/nouveau agent */
void aid_post_commit_new(Req *req)
{
  Err err = {0};
  KitErrors e = {0};
  AidCommitIn in;
  long long id = 0;
  int rc = aid_commit_read(req, &in, &e) ? ERR_INPUT
           : aid_act_commit_create(req, &in, &id, &err);
  if (rc == ERR_INPUT) {
    if (err.code) kit_error_from(req, &e, &err);
    AidCatalog *pCat = aid_web_catalog_or_reply(req, 1);
    if (!pCat) return;
    reply_status(req, 400);
    new_page(req, pCat, &e);
    aid_catalog_free(pCat);
    return;
  }
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/aides/engagements/%lld", id));
}

/* ---- one commitment ----------------------------------------------------------- */

static int log_row(void *pArg, const char *zKind, const char *zDate,
                   int64_t amount)
{
  ListCtx *x = pArg;
  x->n++;
  html_printf(x->req, "<tr><td data-label=\"Date\">%h</td><td data-label=\""
                      "Type\">%h</td><td data-label=\"Montant\" class=\"num\">"
                      "%h</td></tr>\n", kit_date_fr(x->req, zDate), zKind,
              amount > 0 ? kit_euros(x->req, amount) : "");
  return 0;
}

/* The action forms of a commitment en cours, by AID_ACT_*: path, title,
** date label, button. */
static const struct {
  const char *zPath, *zTitle, *zDate, *zButton;
} aAct[] = {
  {"paiements", "Versement", "Date du versement", "Enregistrer le versement"},
  {"attestations", "Attestation d'exercice", "Reçue le",
   "Enregistrer l'attestation"},
  {"rupture", "Rupture", "Date de départ", "Enregistrer la rupture"},
  {"cloture", "Clôture", NULL, "Clôturer"}};

/* The commitment's page; e: the errors of the form of action kind. */
/* The application this commitment was signed from, and its dossier: the
** links back (aids/applic.c creates the commitment on signature). */
static void commit_applic_facts(Req *req, long long commitmentId)
{
  long long id = aid_applic_of_commitment(req_db(req), commitmentId);
  AidApplic a;
  Err err = {0};
  if (id <= 0 || aid_applic_get(req_db(req), req_arena(req), id, &a, &err))
    return;
  html_printf(req, "<dt>Demande d'aide</dt><dd><a href=\"/instruction/"
                   "demandes/%lld\">Demande n° %lld</a></dd>\n",
              (long long)a.id, (long long)a.id);
  if (a.dossierId > 0)
    html_printf(req, "<dt>Dossier d'accompagnement</dt><dd><a href=\""
                     "/accompagnement/dossiers/%lld\">Dossier n° %lld</a>"
                     "</dd>\n", (long long)a.dossierId, (long long)a.dossierId);
}

static void commit_page(Req *req, const AidCommitment *c, const KitErrors *e,
                        int kind)
{
  Err e2 = {0};
  AidCatalog *pCat = aid_web_catalog_or_reply(req, 1);
  if (!pCat) return;
  int iScheme = aid_catalog_find(pCat, c->zAid);
  char zToday[11];
  clock_today_iso(zToday);
  const char *zTitle = html_mprintf(req, "Engagement n° %lld", c->id);
  page_begin(req, e && e->n ? html_mprintf(req, "Erreur — %h", zTitle)
                                   : zTitle);
  reg_nav(req, zTitle);
  html_printf(req, "<h1>%h <span class=\"badge %s\">%h</span></h1>\n", zTitle,
              status_badge(c->status) /*trusted*/,
              aid_commit_status_label(c->status));
  kit_error_box(req, e);
  int64_t paid = aid_commit_paid(req_db(req), c->id);
  int nDue = aid_months_period(c->zStart, c->zEnd);
  html_printf(req, "<dl class=\"facts\">\n<dt>Bénéficiaire</dt><dd>%h</dd>\n"
                   "<dt>Aide</dt><dd><a href=\"/aides/%u\">%h</a></dd>\n"
                   "<dt>Signature</dt><dd>%h</dd>\n<dt>Exercice dû</dt><dd>du "
                   "%h au %h (%d mois)</dd>\n<dt>Commune d'exercice</dt><dd>%h"
                   "</dd>\n<dt>Montant accordé</dt><dd>%h</dd>\n<dt>Versé</dt>"
                   "<dd>%h</dd>\n<dt>Règle de remboursement</dt><dd>%h</dd>\n"
                   "<dt>Dernière attestation d'exercice</dt><dd>%h</dd>\n",
              c->zBeneficiary, c->zAid,
              iScheme >= 0 ? pCat->aScheme[iScheme].zName : c->zAid,
              kit_date_fr(req, c->zSigned), kit_date_fr(req, c->zStart),
              kit_date_fr(req, c->zEnd), nDue,
              aid_web_place_label(req, c->zPlace),
              kit_euros(req, c->amountCents), kit_euros(req, paid),
              aid_label(AID_LABEL_REPAY, c->repay),
              c->zLastProof[0] ? kit_date_fr(req, c->zLastProof) : "aucune");
  commit_applic_facts(req, c->id);
  if (c->status == AID_CS_BROKEN)
    html_printf(req, "<dt>Rupture</dt><dd>le %h</dd>\n<dt>Montant à "
                     "rembourser</dt><dd id=\"montant-du\"><strong>%h</strong>"
                     "</dd>\n", kit_date_fr(req, c->zBroken),
                c->dueCents >= 0 ? kit_euros(req, c->dueCents)
                            : "à déterminer par l'équipe (règle non publiée)");
  html_printf(req, "</dl>\n<div class=\"table-wrap\" tabindex=\"0\" role="
                   "\"region\" aria-labelledby=\"titre-journal\">\n<table "
                   "class=\"table-stack\">\n<caption id=\"titre-journal\">"
                   "Versements et attestations</caption>\n<thead><tr><th "
                   "scope=\"col\">Date</th><th scope=\"col\">Type</th><th "
                   "scope=\"col\" class=\"num\">Montant</th></tr></thead>\n"
                   "<tbody>\n");
  ListCtx x = {req, pCat, 0, 0, 0};
  aid_commit_log(req_db(req), c->id, log_row, &x, &e2);
  if (!x.n) html_printf(req, "<tr><td colspan=\"3\">Rien d'enregistré."
                             "</td></tr>\n");
  html_printf(req, "</tbody>\n</table>\n</div>\n");
  if (c->status == AID_CS_ONGOING) {
    const char *zRule = html_mprintf(req, "<p>Le montant à rembourser est "
        "calculé selon la règle de l'aide (%h), sur les versements "
        "enregistrés ou, à défaut, le montant accordé.</p>\n",
        aid_label(AID_LABEL_REPAY, c->repay));
    html_printf(req, "<div class=\"grid-2\">\n");
    for (int k = 0; k < (int)(sizeof aAct / sizeof aAct[0]); k++) {
      const KitErrors *eAct = k == kind ? e : NULL;
      html_printf(req, "<section class=\"card\" aria-labelledby=\"t-%h\">\n"
                       "<h2 id=\"t-%h\">%h</h2>\n%s", aAct[k].zPath,
                  aAct[k].zPath, aAct[k].zTitle,
                  k == AID_ACT_BREAK ? zRule /*trusted*/ : "" /*trusted*/);
      form_begin(req, html_mprintf(req, "/aides/engagements/%lld/%h", c->id,
                                   aAct[k].zPath));
      if (k == AID_ACT_CLOSE) {
        html_printf(req, "<fieldset class=\"field\"><legend>Issue</legend>"
                         "<label class=\"check\"><input type=\"radio\" name="
                         "\"statut\" value=\"honore\" checked> honoré</label>"
                         "<label class=\"check\"><input type=\"radio\" name="
                         "\"statut\" value=\"dispense\"> dispensé</label>"
                         "</fieldset>\n");
      } else {
        kit_input(req, eAct, "date", aAct[k].zDate, "date", zToday, NULL);
      }
      if (k == AID_ACT_PAY) {
        kit_input(req, eAct, "montant", "Montant (€)", "text", "", NULL);
      }
      html_printf(req, "<button type=\"submit\"%s>%h</button>\n",
                  k == AID_ACT_BREAK ? " class=\"btn-danger\"" /*trusted*/
                                     : "" /*trusted*/, aAct[k].zButton);
      form_end(req);
      html_printf(req, "</section>\n");
    }
    html_printf(req, "</div>\n");
  }
  page_end(req);
  aid_catalog_free(pCat);
}

long long aid_web_commit_or_reply(Req *req, AidCommitment *c)
{
  Err err = {0};
  long long id = kit_arg_id_or_404(req, "id");
  if (!id) return 0;
  int rc = aid_commit_get(req_db(req), id, c, &err);
  return kit_found_or_reply(req, rc, &err, "Cet engagement n'existe pas.")
             ? id : 0;
}

/* ROUTE: GET /aides/engagements/{id} agent */
void aid_page_commit(Req *req)
{
  AidCommitment c;
  if (aid_web_commit_or_reply(req, &c)) commit_page(req, &c, NULL, -1);
}

/* An action on a commitment: its page form, or its API call (the same
** handler serves both routes; the API answers in aid_api_act()). */
static void post_act(Req *req, int kind)
{
  if (req_is_api(req)) {
    aid_api_act(req, kind);
    return;
  }
  Err err = {0};
  KitErrors e = {0};
  AidCommitment c;
  AidActIn in;
  long long id = aid_web_commit_or_reply(req, &c);
  if (!id) return;
  int rc = aid_act_read(req, kind, &in, &e) ? ERR_INPUT
           : aid_act_commit(req, id, kind, &in, &err);
  if (rc == ERR_INPUT) {
    if (err.code) kit_error_from(req, &e, &err);
    reply_status(req, 400);
    commit_page(req, &c, &e, kind);
    return;
  }
  if (rc) {
    kit_reply_err(req, rc, &err);
    return;
  }
  reply_redirect(req, html_mprintf(req, "/aides/engagements/%lld", id));
}

/* ROUTE: POST /aides/engagements/{id}/paiements agent
** ROUTE: POST /api/v1/engagements/{id}/paiements agent api */
void aid_post_commit_pay(Req *req) { post_act(req, AID_ACT_PAY); }
/* ROUTE: POST /aides/engagements/{id}/attestations agent
** ROUTE: POST /api/v1/engagements/{id}/attestations agent api */
void aid_post_commit_proof(Req *req) { post_act(req, AID_ACT_PROOF); }
/* ROUTE: POST /aides/engagements/{id}/rupture agent
** ROUTE: POST /api/v1/engagements/{id}/rupture agent api */
void aid_post_commit_break(Req *req) { post_act(req, AID_ACT_BREAK); }
/* ROUTE: POST /aides/engagements/{id}/cloture agent
** ROUTE: POST /api/v1/engagements/{id}/cloture agent api */
void aid_post_commit_close(Req *req) { post_act(req, AID_ACT_CLOSE); }

/* ---- dashboard and exports ---------------------------------------------------- */

typedef struct DashCtx DashCtx;
struct DashCtx {
  Req *req;
  AidPortfolio total;
  AidPortfolio *a;
  int n, nCap;
};

static int dash_collect(void *pArg, const AidPortfolio *p)
{
  DashCtx *x = pArg;
  if (x->n == x->nCap) {
    int nCap = x->nCap ? 2 * x->nCap : 16;
    AidPortfolio *a = arena_alloc(req_arena(x->req),
                                  sizeof(AidPortfolio) * (size_t)nCap);
    if (x->n) memcpy(a, x->a, sizeof(AidPortfolio) * (size_t)x->n);
    x->a = a;
    x->nCap = nCap;
  }
  x->a[x->n++] = *p;
  x->total.nOngoing += p->nOngoing;
  x->total.nBound += p->nBound;
  x->total.committedCents += p->committedCents;
  x->total.paidCents += p->paidCents;
  x->total.yearsLeft += p->yearsLeft;
  x->total.dueCents += p->dueCents;
  return 0;
}

static void dash_row(Req *req, const char *zHead, const AidPortfolio *p)
{
  html_printf(req, "<tr><th scope=\"row\" data-label=\"%h\">%h%s%h</th>"
                   "<td data-label=\"En cours\" class=\"num\">%d</td>"
                   "<td data-label=\"Professionnels engagés\" class=\"num\">%d"
                   "</td><td data-label=\"Engagé\" class=\"num\">%h</td>"
                   "<td data-label=\"Versé\" class=\"num\">%h</td>"
                   "<td data-label=\"Années restantes\" class=\"num\">%.1F</td>"
                   "<td data-label=\"Honorés\" class=\"num\">%d</td>"
                   "<td data-label=\"Rompus\" class=\"num\">%d</td>"
                   "<td data-label=\"Dû\" class=\"num\">%h</td></tr>\n",
              zHead, p->zPorteurName[0] ? p->zPorteurName : p->zPorteur,
              p->zPorteurCode[0] ? " — " /*trusted*/ : "" /*trusted*/,
              p->zPorteurCode, p->nOngoing, p->nBound,
              kit_euros(req, p->committedCents), kit_euros(req, p->paidCents),
              p->yearsLeft, p->nHonoured, p->nBroken,
              kit_euros(req, p->dueCents));
}

/* One table of the dashboard: x's rows under caption zCaption. */
static void dash_table(Req *req, const char *zId, const char *zCaption,
                       const char *zHead, const DashCtx *x)
{
  html_printf(req, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
                   "aria-labelledby=\"titre-%h\">\n<table class=\"table-stack"
                   "\" id=\"par-%h\">\n<caption id=\"titre-%h\">%h</caption>\n"
                   "<thead><tr><th scope=\"col\">%h</th><th "
                   "scope=\"col\" class=\"num\">En cours</th><th scope=\"col\" "
                   "class=\"num\">Professionnels engagés</th><th scope=\"col\" "
                   "class=\"num\">Engagé</th><th scope=\"col\" class=\"num\">"
                   "Versé</th><th scope=\"col\" class=\"num\">Années restantes"
                   "</th><th scope=\"col\" class=\"num\">Honorés</th><th scope="
                   "\"col\" class=\"num\">Rompus</th><th scope=\"col\" class="
                   "\"num\">Dû</th></tr></thead>\n<tbody>\n",
              zId, zId, zId, zCaption, zHead);
  for (int i = 0; i < x->n; i++) dash_row(req, zHead, &x->a[i]);
  if (!x->n) html_printf(req, "<tr><td colspan=\"9\">Aucun engagement "
                              "enregistré.</td></tr>\n");
  html_printf(req, "</tbody>\n</table>\n</div>\n");
}

/* ROUTE: GET /aides/engagements/tableau-de-bord lecteur */
void aid_page_dashboard(Req *req)
{
  Err err = {0};
  char zToday[11];
  clock_today_iso(zToday);
  DashCtx x;
  memset(&x, 0, sizeof x);
  x.req = req;
  if (aid_commit_portfolio(req_db(req), zToday, dash_collect, &x, &err)) {
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Tableau de bord des engagements");
  reg_nav(req, "Tableau de bord");
  html_printf(req, "<h1>Tableau de bord des engagements</h1>\n<p class=\"lead"
                   "\">Au %h, par porteur d'aide et par territoire de la commune "
                   "d'exercice (EPCI, département, région).</p>\n",
              kit_date_fr(req, zToday));
  html_printf(req, "<ul class=\"cards\">\n<li class=\"card stat\"><span class="
                   "\"stat-value\">%h</span><span class=\"stat-label\">engagés "
                   "(en cours)</span></li>\n<li class=\"card stat\"><span class"
                   "=\"stat-value\">%d</span><span class=\"stat-label\">"
                   "professionnels engagés</span></li>\n<li class=\"card stat\">"
                   "<span class=\"stat-value\">%.1F</span><span class=\"stat-"
                   "label\">années d'exercice restant dues</span></li>\n<li "
                   "class=\"card stat\"><span class=\"stat-value\">%h</span>"
                   "<span class=\"stat-label\">à rembourser après ruptures"
                   "</span></li>\n</ul>\n",
              kit_euros(req, x.total.committedCents), x.total.nBound,
              x.total.yearsLeft, kit_euros(req, x.total.dueCents));
  html_printf(req, "<p>Exporter : <a href=\"/aides/engagements/tableau-de-"
                   "bord.csv\">CSV</a> · <a href=\"/aides/engagements/tableau-"
                   "de-bord.xlsx\">XLSX</a></p>\n");
  dash_table(req, "porteur", "Engagements par porteur", "Porteur", &x);
  static const struct { int level; const char *zId, *zCaption, *zHead; } aBy[] = {
    {AID_TERR_EPCI, "epci", "Engagements par EPCI d'exercice", "EPCI"},
    {AID_TERR_DEP, "departement", "Engagements par département d'exercice",
     "Département"},
    {AID_TERR_REG, "region", "Engagements par région d'exercice", "Région"}};
  for (size_t k = 0; k < sizeof aBy / sizeof aBy[0]; k++) {
    DashCtx y;
    memset(&y, 0, sizeof y);
    y.req = req;
    if (aid_commit_by_terr(req_db(req), aBy[k].level, zToday, dash_collect, &y,
                           &err) || !y.n)
      continue;
    for (int i = 0; i < y.n; i++) {
      AidPortfolio *p = &y.a[i];
      if (!p->zPorteurCode[0])
        snprintf(p->zPorteurName, sizeof p->zPorteurName, "%s inconnu",
                 aBy[k].zHead);
      else if (!p->zPorteurName[0])
        snprintf(p->zPorteurName, sizeof p->zPorteurName, "%s %s",
                 aBy[k].zHead, p->zPorteurCode);
    }
    dash_table(req, aBy[k].zId, aBy[k].zCaption, aBy[k].zHead, &y);
  }
  html_printf(req, "<p><a href=\"/aides/engagements\">Registre des "
                   "engagements</a></p>\n");
  page_end(req);
}

static void reg_export(Req *req, ExpFormat fmt)
{
  Err err = {0};
  AidCommitFilter f;
  char zToday[11];
  aid_web_commit_filter(req, &f);
  clock_today_iso(zToday);
  aid_exp_reply(req, aid_exp_commitments(req_db(req), &f, zToday, &err), fmt,
                "engagements", &err);
}

static void pf_export(Req *req, ExpFormat fmt)
{
  Err err = {0};
  char zToday[11];
  clock_today_iso(zToday);
  aid_exp_reply(req, aid_exp_portfolio(req_db(req), zToday, &err), fmt,
                "portefeuille", &err);
}

/* ROUTE: GET /aides/engagements/tableau-de-bord.csv lecteur */
void aid_portfolio_csv(Req *req) { pf_export(req, EXP_CSV); }
/* ROUTE: GET /aides/engagements/tableau-de-bord.xlsx lecteur */
void aid_portfolio_xlsx(Req *req) { pf_export(req, EXP_XLSX); }
/* ROUTE: GET /aides/engagements/export.csv agent */
void aid_register_csv(Req *req) { reg_export(req, EXP_CSV); }
/* ROUTE: GET /aides/engagements/export.xlsx agent */
void aid_register_xlsx(Req *req) { reg_export(req, EXP_XLSX); }
