/*
** aids/actions.c: every write of the aids module, called alike by its
** pages and its API: a scheme saved (back-office form, state change,
** catalogue file posted to the API), a commitment recorded, and the
** actions on it (payment, yearly proof, breach, close).  Each write runs in
** one transaction with its audit record (web/kit.h kit_write, kit_audit);
** the audit gets ids, scheme and amounts, never the beneficiary's name.
*/
#include <stdio.h>
#include <string.h>

#include "aids/web_int.h"

typedef struct SchemePut SchemePut;
struct SchemePut {
  const AidScheme *s;
  const char *zAction;
  json_t *pDetail;
};

static int scheme_put(Req *req, void *pArg, Err *err)
{
  SchemePut *x = pArg;
  int rc = aid_store_put(req_db(req), x->s, err);
  json_t *j = x->pDetail;
  x->pDetail = NULL;
  if (rc) {
    json_decref(j);
    return rc;
  }
  return kit_audit(req, "aid_scheme", 0, x->zAction, NULL, j, err);
}

int aid_act_scheme_put(Req *req, const AidScheme *s, const char *zAction,
                       json_t *pDetail, Err *err)
{
  if (!pDetail) {
    pDetail = json_pack("{s:s, s:s}", "aid", s->zId, "state",
                        aid_label(AID_LABEL_STATE, s->state));
  }
  SchemePut x = {s, zAction, pDetail};
  int rc = kit_write(req, scheme_put, &x, err);
  json_decref(x.pDetail);
  return rc;
}

/* ---- commitments ---------------------------------------------------------- */

static void copy(char *zDst, size_t n, const char *z)
{
  snprintf(zDst, n, "%s", z ? z : "");
}

typedef struct CommitNew CommitNew;
struct CommitNew {
  AidCommitment c;
  long long id;
};

static int commit_new(Req *req, void *pArg, Err *err)
{
  CommitNew *x = pArg;
  AidCommitment *c = &x->c;
  int rc = aid_commit_create(req_db(req), c, &x->id, err);
  if (rc) return rc;
  return kit_audit(req, "aid_commitment", x->id, "create", NULL,
                   json_pack("{s:s, s:s, s:I, s:s, s:s}", "aid", c->zAid,
                             "place", c->zPlace, "amount_cents",
                             (json_int_t)c->amountCents, "start", c->zStart,
                             "end", c->zEnd), err);
}

int aid_act_commit_create(Req *req, const AidCommitIn *in, long long *pId,
                          Err *err)
{
  CommitNew x;
  memset(&x, 0, sizeof x);
  copy(x.c.zAid, sizeof x.c.zAid, in->zAid);
  copy(x.c.zBeneficiary, sizeof x.c.zBeneficiary, in->zBeneficiary);
  copy(x.c.zSigned, sizeof x.c.zSigned, in->zSigned);
  copy(x.c.zStart, sizeof x.c.zStart, in->zStart);
  copy(x.c.zEnd, sizeof x.c.zEnd, in->zEnd);
  copy(x.c.zPlace, sizeof x.c.zPlace, in->zPlace);
  x.c.amountCents = in->cents;
  int rc = kit_write(req, commit_new, &x, err);
  if (!rc) *pId = x.id;
  return rc;
}

typedef struct CommitAct CommitAct;
struct CommitAct {
  long long id;
  int kind;
  const AidActIn *in;
  int64_t due;
};

static int commit_act(Req *req, void *pArg, Err *err)
{
  static const char *const azAct[] = {"payment", "proof", "break", "close"};
  CommitAct *x = pArg;
  const AidActIn *in = x->in;
  Store *db = req_db(req);
  int rc;
  x->due = -1;
  switch (x->kind) {
    case AID_ACT_PAY: rc = aid_commit_pay(db, x->id, in->zDate, in->cents, err);
      break;
    case AID_ACT_PROOF: rc = aid_commit_proof(db, x->id, in->zDate, err); break;
    case AID_ACT_BREAK:
      rc = aid_commit_break(db, x->id, in->zDate, &x->due, err);
      break;
    default: rc = aid_commit_close(db, x->id, in->status, err); break;
  }
  if (rc) return rc;
  json_t *j = json_pack("{s:s}", "date", in->zDate ? in->zDate : "");
  if (x->kind == AID_ACT_PAY)
    json_object_set_new(j, "amount_cents", json_integer(in->cents));
  if (x->kind == AID_ACT_BREAK)
    json_object_set_new(j, "due_cents", x->due >= 0 ? json_integer(x->due)
                                                    : json_null());
  if (x->kind == AID_ACT_CLOSE)
    json_object_set_new(j, "status", json_string(
                                         aid_commit_status_label(in->status)));
  return kit_audit(req, "aid_commitment", x->id, azAct[x->kind], NULL, j, err);
}

int aid_act_commit(Req *req, long long id, int kind, const AidActIn *in,
                   Err *err)
{
  CommitAct x = {id, kind, in, -1};
  return kit_write(req, commit_act, &x, err);
}
