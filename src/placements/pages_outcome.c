/*
** placements/pages_outcome.c: the "Devenir" section of a trainee's file:
** whether and where the former trainee settled, linked to the guichet
** unique's dossier (cases/cases.h) and to the aids commitment signed for
** settling (aids/aids.h), with the dossiers and commitments that look
** like this person's offered as candidates.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "aids/aids.h"
#include "cases/cases.h"
#include "placements/internal.h"

/* The linked dossier of the guichet unique, if any. */
static void outcome_case(Req *req, const Outcome *o)
{
  Dossier d;
  Err err = {0};
  int64_t id = o->zCaseRef[0] ? case_dossier_find_ref(req_db(req), o->zCaseRef)
                              : 0;
  if (!id || case_dossier_get(req_db(req), req_arena(req), id, &d, &err)) {
    return;
  }
  html_printf(req, "<dt>Demande au guichet unique</dt><dd><a href=\""
                   "/accompagnement/dossiers/%lld\" data-case-ref>%h</a> — "
                   "%h%s%h</dd>\n", (long long)id, d.zRef,
              case_label(case_states, d.zState),
              d.zOutcome && d.zOutcome[0] ? ", issue : " : "" /*trusted*/,
              d.zOutcome && d.zOutcome[0]
                  ? case_label(case_outcomes, d.zOutcome) : "");
}

/* The linked aids commitment, if any. */
static void outcome_commitment(Req *req, const Outcome *o)
{
  AidCommitment c;
  Err err = {0};
  if (o->aidCommitmentId <= 0 ||
      aid_commit_get(req_db(req), o->aidCommitmentId, &c, &err)) {
    return;
  }
  html_printf(req, "<dt>Engagement (aides)</dt><dd data-commitment>n° %lld, "
                   "%h : exercer %h du %h au %h — %h</dd>\n", c.id,
              c.zAid, kit_a(req, place_commune_name(req, c.zPlace)),
              kit_date_fr(req, c.zStart), kit_date_fr(req, c.zEnd),
              aid_commit_status_label(c.status));
}

/* Commitments whose beneficiary contains the trainee's last name. */
typedef struct CommitMatch CommitMatch;
struct CommitMatch {
  Req *req;
  const Trainee *t;
  int n;
};

static int commit_match(void *pArg, const AidCommitment *c)
{
  CommitMatch *p = pArg;
  if (!p->t->zLastName[0] || !strcasestr(c->zBeneficiary, p->t->zLastName)) {
    return 0;
  }
  html_printf(p->req, "%s<li>engagement n° %lld (%h, %h), %h</li>\n",
              p->n++ ? "" : "<ul>" /*trusted*/, c->id, c->zBeneficiary,
              c->zAid, aid_commit_status_label(c->status));
  return p->n >= 5;
}

/* Candidates to link: dossiers found by e-mail or last name, commitments
** by name. */
static void outcome_candidates(Req *req, const Trainee *t)
{
  CaseFilter f = {0};
  f.zText = t->zEmail && t->zEmail[0] ? t->zEmail : t->zLastName;
  Dossier *aD = NULL;
  int nD = 0;
  Err err = {0};
  if (f.zText && f.zText[0]) {
    case_dossier_list(req_db(req), req_arena(req), &f, 5, &aD, &nD, &err);
  }
  html_printf(req, "<details><summary>Demandes et engagements qui pourraient "
                   "concerner %h %h</summary>\n<p>Demandes au guichet unique "
                   "(même courriel ou même nom) :</p>\n", t->zFirstName,
              t->zLastName);
  if (nD == 0) html_printf(req, "<p>aucune.</p>\n");
  else html_printf(req, "<ul>\n");
  for (int i = 0; i < nD; i++) {
    html_printf(req, "<li><a href=\"/accompagnement/dossiers/%lld\">%h</a> "
                     "— %h %h, %h</li>\n", (long long)aD[i].id, aD[i].zRef,
                aD[i].zFirstName, aD[i].zLastName,
                case_label(case_states, aD[i].zState));
  }
  if (nD) html_printf(req, "</ul>\n");
  html_printf(req, "<p>Engagements du registre des aides au même nom :</p>\n");
  CommitMatch m = {req, t, 0};
  aid_commit_each(req_db(req), NULL, commit_match, &m, &err);
  html_printf(req, "%s</details>\n",
              m.n ? "</ul>" : "<p>aucun.</p>" /*trusted*/);
}

void place_outcome_section(Req *req, const Trainee *t, const KitErrors *eO)
{
  Store *db = req_db(req);
  Outcome o;
  Err e2 = {0};
  int hasOutcome = place_outcome_get(db, req_arena(req), t->id, &o, &e2) == 0;
  html_printf(req, "<section aria-labelledby=\"devenir\"><h2 id=\"devenir\">"
                   "Devenir</h2>\n");
  if (hasOutcome) {
    html_printf(req, "<dl class=\"facts\"><dt>Installation</dt><dd>");
    if (o.isSettled) {
      html_printf(req, "installé·e à %h (%h)%s%h", place_commune_name(req,
                  o.zCommune), o.zCommune,
                  o.zSettledOn[0] ? " le " : "" /*trusted*/, o.zSettledOn);
    } else {
      html_printf(req, "pas installé·e sur le territoire à ce jour");
    }
    html_printf(req, "</dd>\n");
    outcome_case(req, &o);
    outcome_commitment(req, &o);
    html_printf(req, "</dl>\n");
  }
  outcome_candidates(req, t);
  kit_error_box(req, eO);
  form_begin(req, html_mprintf(req, "/stages/stagiaires/%lld/devenir",
                               (long long)t->id));
  html_printf(req, "<fieldset><legend>S'est installé·e ?</legend>"
                   "<div class=\"check\"><input type=\"radio\" id=\"f-installe"
                   "\" name=\"installe\" value=\"1\"%s><label for=\""
                   "f-installe\">Oui</label></div><div class=\"check\"><input "
                   "type=\"radio\" id=\"f-installe-non\" name=\"installe\" "
                   "value=\"0\"%s><label for=\"f-installe-non\">Non</label>"
                   "</div></fieldset>\n",
              hasOutcome && o.isSettled ? " checked" : "" /*trusted*/,
              hasOutcome && !o.isSettled ? " checked" : "" /*trusted*/);
  kit_input(req, eO, "commune", "Commune d'installation (code INSEE)", "text",
            hasOutcome ? o.zCommune : "", NULL);
  kit_input(req, eO, "date_installation", "Date d'installation", "date",
            hasOutcome ? o.zSettledOn : "", NULL);
  kit_input(req, eO, "ref_dossier", "Référence de la demande au guichet unique",
            "text", hasOutcome ? o.zCaseRef : "", "exemple : BD-2026-0012");
  kit_input(req, eO, "engagement_aide_id", "N° d'engagement (registre des "
            "aides)", "text", hasOutcome && o.aidCommitmentId > 0
                ? html_mprintf(req, "%lld", (long long)o.aidCommitmentId)
                : "", NULL);
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Enregistrer le devenir</button></div>\n");
  form_end(req);
  html_printf(req, "</section>\n");
}
