/*
** app/home.c: the agent's own home, /mon-espace: what is mine and what is
** due, across the modules (issues 14 and 18: "agents have no home page").
**
**   - the requests waiting for someone (new and unassigned);
**   - my open dossiers, newest first;
**   - my sub-tasks due today or late;
**   - what to follow up (idle dossiers and sub-tasks, partner follow-ups);
**   - commitments to check (aids: ending soon, no yearly proof).
** It lives in the composition root because it reads several modules, each
** through its header; it writes nothing.
*/
#include <string.h>

#include "aids/aids.h"
#include "app/app.h"
#include "base/clock.h"
#include "cases/cases.h"
#include "web/kit.h"

#define HOME_MAX 50

/* One line of the alerts list (aid_commit_alerts callback). */
typedef struct HomeAlerts HomeAlerts;
struct HomeAlerts {
  Req *req;
  int n;
};

static int home_alert(void *pArg, const AidCommitment *c, const char *zWhy)
{
  HomeAlerts *h = pArg;
  if (h->n++ >= HOME_MAX) return 0;
  html_printf(h->req, "<li><a href=\"/aides/engagements/%lld\">Engagement "
                      "n° %lld</a> (%h) : %h</li>\n",
              c->id, c->id, c->zAid, zWhy);
  return 0;
}

/* A count as a card linking to the list it summarises; zOne is its label
** for 0 or 1 (« 1 relance à faire »), zMany for more. */
static void home_card(Req *req, int n, const char *zOne, const char *zMany,
                      const char *zHref)
{
  html_printf(req, "<li class=\"card stat\"><a class=\"stat-value\" "
                   "href=\"%h\">%d</a> <span class=\"stat-label\">%h</span>"
                   "</li>\n", zHref, n, n > 1 ? zMany : zOne);
}

/* ROUTE: GET /mon-espace agent */
void home_page(Req *req)
{
  const User *u = req_user(req);
  Store *db = req_db(req);
  Arena *a = req_arena(req);
  Err err = {0};
  char zToday[11];
  clock_today_iso(zToday);
  /* my open dossiers; the new ones nobody has taken */
  CaseFilter mine = {0}, waiting = {0};
  mine.agentId = u->id;
  waiting.agentId = -1;
  waiting.zState = "nouveau";
  Dossier *aMine = NULL, *aWait = NULL;
  int nMine = 0, nWait = 0;
  CaseReminder *aR = NULL;
  int nR = 0;
  if (case_dossier_list(db, a, &mine, HOME_MAX, &aMine, &nMine, &err) ||
      case_dossier_list(db, a, &waiting, HOME_MAX, &aWait, &nWait, &err) ||
      case_reminder_list(db, a, u->id, case_clock_now(), &aR, &nR, &err)) {
    reply_incident(req, &err);
    return;
  }
  int nOpen = 0;
  for (int i = 0; i < nMine; i++) nOpen += strcmp(aMine[i].zState, "clos") != 0;

  page_begin(req, "Mon espace");
  html_printf(req, "<h1>Mon espace</h1>\n<p class=\"lead\">Bonjour %h : "
                   "ce qui vous attend le %h.</p>\n<ul class=\"cards\">\n",
              u->zName[0] ? u->zName : u->zLogin, kit_date_long(req, zToday));
  home_card(req, nWait, "demande nouvelle sans agent",
            "demandes nouvelles sans agent",
            "/accompagnement/dossiers?etat=nouveau&agent=aucun");
  home_card(req, nOpen, "dossier ouvert à mon nom",
            "dossiers ouverts à mon nom", "/accompagnement/dossiers?agent=moi");
  home_card(req, nR, "relance à faire", "relances à faire",
            "/accompagnement#a-relancer");
  home_card(req, case_opinion_unseen_count(db, u->id),
            "avis de partenaire non lu", "avis de partenaires non lus",
            "/accompagnement");
  html_printf(req, "</ul>\n");

  /* sub-tasks of my open dossiers due today or late */
  html_printf(req, "<section aria-labelledby=\"t-echeances\">\n<h2 "
                   "id=\"t-echeances\">Mes échéances</h2>\n<ul>\n");
  int nDue = 0;
  for (int i = 0; i < nMine; i++) {
    if (!strcmp(aMine[i].zState, "clos")) continue;
    CaseTask *aT;
    int nT;
    if (case_task_list(db, a, aMine[i].id, &aT, &nT, &err)) break;
    for (int k = 0; k < nT; k++) {
      const CaseTask *t = &aT[k];
      int isDone = !strcmp(t->zState, "fait") ||
                   !strcmp(t->zState, "sans_objet");
      if (isDone || !t->zDue[0] || strcmp(t->zDue, zToday) > 0) continue;
      html_printf(req, "<li><a href=\"/accompagnement/dossiers/%lld\">%h</a> "
                       "— %h : %s le %h</li>\n",
                  (long long)aMine[i].id, aMine[i].zRef,
                  case_label(case_needs, t->zNeed),
                  strcmp(t->zDue, zToday) < 0 ? "en retard depuis"
                                              : "à faire" /*trusted*/,
                  kit_date_fr(req, t->zDue));
      nDue++;
    }
  }
  if (nDue == 0) html_printf(req, "<li>Aucune échéance dépassée.</li>\n");
  html_printf(req, "</ul>\n</section>\n");

  /* to follow up */
  html_printf(req, "<section aria-labelledby=\"t-relances\">\n<h2 "
                   "id=\"t-relances\">À relancer</h2>\n<ul>\n");
  for (int i = 0; i < nR && i < HOME_MAX; i++) {
    /* the sub-task's need, or the dossier's state, in words */
    const char *zWhat = case_label(aR[i].taskId ? case_needs : case_states,
                                   aR[i].zWhat);
    html_printf(req, "<li><a href=\"/accompagnement/dossiers/%lld\">%h</a> "
                     "— %h : %h</li>\n",
                (long long)aR[i].dossierId, aR[i].zRef,
                zWhat ? zWhat : aR[i].zWhat, case_reminder_text(a, &aR[i]));
  }
  if (nR == 0) html_printf(req, "<li>Rien à relancer.</li>\n");
  html_printf(req, "</ul>\n</section>\n");

  /* my open dossiers */
  html_printf(req, "<section aria-labelledby=\"t-mes-dossiers\">\n<h2 "
                   "id=\"t-mes-dossiers\">Mes dossiers ouverts</h2>\n<ul>\n");
  for (int i = 0; i < nMine; i++) {
    if (!strcmp(aMine[i].zState, "clos")) continue;
    html_printf(req, "<li><a href=\"/accompagnement/dossiers/%lld\">%h</a> "
                     "— %h</li>\n", (long long)aMine[i].id, aMine[i].zRef,
                case_label(case_states, aMine[i].zState));
  }
  if (nOpen == 0) html_printf(req, "<li>Aucun dossier à votre nom.</li>\n");
  html_printf(req, "</ul>\n</section>\n");

  /* commitments to check */
  html_printf(req, "<section aria-labelledby=\"t-engagements\">\n<h2 "
                   "id=\"t-engagements\">Engagements à vérifier</h2>\n<ul>\n");
  HomeAlerts h = {req, 0};
  err_clear(&err);
  if (aid_commit_alerts(db, zToday, 90, home_alert, &h, &err)) {
    html_printf(req, "<li>Indisponible pour le moment.</li>\n");
  } else if (h.n == 0) {
    html_printf(req, "<li>Aucun engagement à vérifier.</li>\n");
  }
  html_printf(req, "</ul>\n</section>\n");
  page_end(req);
}
