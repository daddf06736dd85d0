/*
** web/limit.c: rate limits on anonymous public writes (ROUTE_LIMITED).
**
** Three counters, each a fixed window kept in memory (a restart forgets
** them, which only ever lets more through):
**   - per client address, across every limited route
**     (OASIS_LIMIT_PER_ADDRESS, default 20 per 600 s);
**   - per target: the route and its path arguments, e.g. one event's
**     registrations, or dossier creation as a whole
**     (OASIS_LIMIT_PER_TARGET, default 60 per 3600 s);
**   - per e-mail address typed in the "email" or "courriel" field, since
**     each accepted write sends an acknowledgment there
**     (OASIS_LIMIT_PER_EMAIL, default 5 per 3600 s).
** Each setting reads "N/SECONDS"; "0" turns that counter off.
**
** Over the address or target limit, a page asks an accessible challenge
** (write in digits a number spelt in French words; no script, no third
** party) and replays the submitted fields with it: one right answer lets
** one request through.  The API answers 429 "trop_de_requetes" with
** Retry-After.  Over the e-mail limit, every client gets the 429: solving
** a challenge must not let anyone flood a third party's mailbox.
** Signed-in users are never limited.  Files of a multipart form are not
** replayed by the challenge page (none of our public forms has one).
*/
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/internal.h"
#include "web/kit.h"

#define LIMIT_SLOTS 8192       /* counters kept at once (power of two) */
#define LIMIT_PROBE 32         /* slots looked at for one key */
#define LIMIT_CHALLENGE_TTL 1800  /* a challenge is valid 30 minutes */

typedef struct LimitSlot LimitSlot;
struct LimitSlot {
  uint64_t h;                  /* keyed hash of the key, 0 when free */
  int64_t tEnd;                /* end of the window (monotonic seconds) */
  long n;                      /* hits in the window */
};

static LimitSlot aSlot[LIMIT_SLOTS];
static pthread_mutex_t limitMutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned char aHashKey[crypto_shorthash_KEYBYTES];
static pthread_once_t hashOnce = PTHREAD_ONCE_INIT;

static void limit_hash_init(void)
{
  randombytes_buf(aHashKey, sizeof aHashKey);
}

/* SipHash of z under a random key: a client cannot aim collisions. */
static uint64_t limit_hash(const char *z)
{
  unsigned char a[crypto_shorthash_BYTES];
  pthread_once(&hashOnce, limit_hash_init);
  crypto_shorthash(a, (const unsigned char *)z, strlen(z), aHashKey);
  uint64_t h;
  memcpy(&h, a, sizeof h);
  return h ? h : 1;
}

static int64_t limit_clock(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec;
}

/*
** Count one hit of zKey in a window of nSec seconds starting at its first
** hit.  Returns the hits in the window, this one included; *pnLeft gets
** the seconds until the window ends.  When every slot near the key is
** busy, the one whose window ends first is taken over.
*/
long limit_take(const char *zKey, long nSec, int64_t now, long *pnLeft)
{
  uint64_t h = limit_hash(zKey);
  long n;
  pthread_mutex_lock(&limitMutex);
  LimitSlot *pFree = NULL, *pHit = NULL;
  for (int i = 0; i < LIMIT_PROBE && !pHit; i++) {
    LimitSlot *p = &aSlot[(h + (uint64_t)i) & (LIMIT_SLOTS - 1)];
    if (p->h == h && p->tEnd > now) pHit = p;
    /* a free or expired slot beats a live one; among live ones, the one
    ** whose window ends first */
    else if (!pFree || p->tEnd < pFree->tEnd) pFree = p;
  }
  if (!pHit) {
    pHit = pFree;
    pHit->h = h;
    pHit->tEnd = now + nSec;
    pHit->n = 0;
  }
  n = ++pHit->n;
  *pnLeft = (long)(pHit->tEnd - now);
  pthread_mutex_unlock(&limitMutex);
  return n;
}

/* Forget every counter (tests). */
void limit_reset(void)
{
  pthread_mutex_lock(&limitMutex);
  memset(aSlot, 0, sizeof aSlot);
  pthread_mutex_unlock(&limitMutex);
}

/* A limit "N/SECONDS" from environment variable zEnv, else the default;
** *pnMax = 0 when turned off. */
static void limit_setting(const char *zEnv, long nMax, long nSec,
                          long *pnMax, long *pnSec)
{
  const char *z = getenv(zEnv);
  long a, b;
  int nUsed = 0;
  *pnMax = nMax;
  *pnSec = nSec;
  if (!z || !*z) return;
  if (strcmp(z, "0") == 0) {
    *pnMax = 0;
  } else if (sscanf(z, "%ld/%ld%n", &a, &b, &nUsed) == 2 && !z[nUsed] &&
             a > 0 && b > 0 && b <= 86400 * 7) {
    *pnMax = a;
    *pnSec = b;
  }
}

/* ---- the challenge ------------------------------------------------------ */

/* French words for n in [20, 69] into zOut: "quarante-sept",
** "soixante et un". */
void limit_number_words(int n, char *zOut, size_t nOut)
{
  static const char *const azTen[] = {"vingt", "trente", "quarante",
                                      "cinquante", "soixante"};
  static const char *const azUnit[] = {"", "un", "deux", "trois", "quatre",
                                       "cinq", "six", "sept", "huit", "neuf"};
  int t = n / 10, u = n % 10;
  if (t < 2 || t > 6) t = 2;
  const char *zTen = azTen[t - 2];
  if (u == 0) snprintf(zOut, nOut, "%s", zTen);
  else if (u == 1) snprintf(zOut, nOut, "%s et un", zTen);
  else snprintf(zOut, nOut, "%s-%s", zTen, azUnit[u]);
}

/* The secret number of challenge zRand, in [20, 69]: a keyed hash, so
** only a person who reads the question knows it. */
static int limit_challenge_number(const char *zRand)
{
  char zMac[65], zBind[48];
  snprintf(zBind, sizeof zBind, "defi-nombre|%s", zRand);
  csrf_token_for(zBind, zMac);
  return 20 + (int)(strtoul(zMac + 56, NULL, 16) % 50);
}

/* A new challenge token "EXPIRY.RAND.MAC" (arena); *pN gets its number. */
static char *limit_challenge_new(Req *req, int *pN)
{
  unsigned char aRand[12];
  char zRand[25], zMac[65];
  randombytes_buf(aRand, sizeof aRand);
  sodium_bin2hex(zRand, sizeof zRand, aRand, sizeof aRand);
  long long tExp = (long long)time(NULL) + LIMIT_CHALLENGE_TTL;
  char *zBody = arena_printf(req->arena, "defi|%lld|%s", tExp, zRand);
  csrf_token_for(zBody, zMac);
  *pN = limit_challenge_number(zRand);
  return arena_printf(req->arena, "%lld.%s.%s", tExp, zRand, zMac);
}

/*
** True when zToken is a challenge we made, not expired nor used before,
** and zAnswer its number in digits.  A right answer uses the token up.
*/
int limit_challenge_ok(Req *req, const char *zToken, const char *zAnswer)
{
  long long tExp;
  char zRand[25], zMac[65];
  int nUsed = 0;
  long nAnswer;
  if (!zToken || !zAnswer || strlen(zToken) > 120) return 0;
  if (sscanf(zToken, "%lld.%24[0-9a-f].%64[0-9a-f]%n", &tExp, zRand, zMac,
             &nUsed) != 3 || zToken[nUsed] || strlen(zRand) != 24) {
    return 0;
  }
  long long now = (long long)time(NULL);
  if (tExp < now || tExp > now + LIMIT_CHALLENGE_TTL) return 0;
  if (!csrf_token_ok(arena_printf(req->arena, "defi|%lld|%s", tExp, zRand),
                     zMac)) {
    return 0;
  }
  while (*zAnswer == ' ') zAnswer++;
  if (str_to_long(zAnswer, &nAnswer)) return 0;
  if (nAnswer != limit_challenge_number(zRand)) return 0;
  long nLeft;
  return limit_take(arena_printf(req->arena, "used|%s", zRand),
                    LIMIT_CHALLENGE_TTL + 60, limit_clock(), &nLeft) == 1;
}

/* The challenge page: 429, the question, and the submitted fields again. */
static void limit_challenge_page(Req *req, bool isWrong)
{
  int n;
  char zWords[40];
  const char *zToken = limit_challenge_new(req, &n);
  limit_number_words(n, zWords, sizeof zWords);
  page_begin(req, "Vérification avant envoi");
  html_printf(req, "<h1>Vérification avant envoi</h1>\n"
              "<p>Beaucoup de demandes sont arrivées en peu de temps. Pour "
              "confirmer que celle-ci vient d'une personne, répondez à la "
              "question ci-dessous : votre saisie est conservée et sera "
              "envoyée avec votre réponse.</p>\n");
  if (isWrong) {
    html_printf(req, "<div class=\"alert alert-error\" role=\"alert\">"
                "<p>La réponse ne correspond pas, ou la question a expiré : "
                "répondez à la nouvelle question.</p></div>\n");
  }
  form_begin(req, req->zPath);
  for (int i = 0; i < req->form.nField; i++) {
    const Field *f = &req->form.aField[i];
    if (strcmp(f->zName, WEB_CSRF_FIELD) == 0 ||
        strcmp(f->zName, WEB_CSRF_FIELD_SHORT) == 0 ||
        strcmp(f->zName, "defi") == 0 || strcmp(f->zName, "defi_reponse") == 0) {
      continue;
    }
    html_printf(req, "<input type=\"hidden\" name=\"%h\" value=\"%h\">\n",
                f->zName, f->zValue);
  }
  html_printf(req, "<input type=\"hidden\" name=\"defi\" value=\"%h\">\n",
              zToken);
  html_printf(req, "<div class=\"field%s\">\n<label for=\"f-defi_reponse\">"
              "Écrivez en chiffres le nombre « %h »</label>\n"
              "<input type=\"text\" id=\"f-defi_reponse\" name=\"defi_reponse\" "
              "inputmode=\"numeric\" autocomplete=\"off\" required%s>\n",
              isWrong ? " field-error" : "" /*trusted*/, zWords,
              isWrong ? " aria-invalid=\"true\"" : "" /*trusted*/);
  html_printf(req, "</div>\n<button type=\"submit\">Envoyer</button>\n");
  form_end(req);
  page_end(req);
  req->status = 429;
}

/* 429 "trop_de_requetes" with Retry-After (page or JSON); returns -1. */
static int limit_reply_429(Req *req, long nLeft, const char *zMsg,
                           const char *zField)
{
  if (nLeft < 1) nLeft = 1;
  reply_header(req, "Retry-After", arena_printf(req->arena, "%ld", nLeft));
  return reply_error(req, 429, "trop_de_requetes", zMsg, zField);
}

/*
** The target of a limited write, the same for its page and its API: the
** route's pattern without "/api/v1", up to its last parameter (the record
** written to), with the parameters' values.  "/portail/evenements/{id}/
** inscription" and "/api/v1/portail/evenements/{id}/inscriptions" both
** give "t|/portail/evenements/{id}|5"; a route without parameter is its
** own target ("t|/demande").
*/
static const char *limit_target(Req *req)
{
  const char *zPat = req->pRoute->zPattern;
  if (str_starts(zPat, "/api/v1/")) zPat += 7;
  const char *zEnd = strrchr(zPat, '}');
  size_t n = zEnd ? (size_t)(zEnd + 1 - zPat) : strlen(zPat);
  Str key = STR_INIT;
  str_appendf(&key, "t|%.*s", (int)n, zPat);
  for (int i = 0; i < req->nArg; i++) {
    str_appendf(&key, "|%s", req->aArg[i].zValue);
  }
  char *z = arena_strdup(req->arena, str_text(&key));
  str_free(&key);
  return z;
}

/*
** Apply the limits to a request on a ROUTE_LIMITED route before its
** handler runs: 0 to go on, -1 when a 429 (challenge page, or JSON with
** Retry-After) is already queued.
*/
int limit_check(Req *req)
{
  long nMax, nSec, nLeft = 0, nWait = 0;
  bool isOver = false;
  if (!(req->pRoute->flags & ROUTE_LIMITED) || req_user(req)) return 0;
  int64_t now = limit_clock();

  limit_setting("OASIS_LIMIT_PER_ADDRESS", 20, 600, &nMax, &nSec);
  if (nMax && limit_take(arena_printf(req->arena, "a|%s", req_client_ip(req)),
                         nSec, now, &nLeft) > nMax) {
    isOver = true;
    nWait = nLeft;
  }
  limit_setting("OASIS_LIMIT_PER_TARGET", 60, 3600, &nMax, &nSec);
  if (nMax) {
    if (limit_take(limit_target(req), nSec, now, &nLeft) > nMax) {
      isOver = true;
      if (nLeft > nWait) nWait = nLeft;
    }
  }
  if (isOver) {
    if (req->isApi) {
      return limit_reply_429(req, nWait, "Trop de demandes en peu de temps : "
                             "réessayez plus tard.", NULL);
    }
    const char *zToken = req_form(req, "defi");
    if (!limit_challenge_ok(req, zToken, req_form(req, "defi_reponse"))) {
      reply_header(req, "Retry-After", arena_printf(req->arena, "%ld",
                                                    nWait > 0 ? nWait : 1));
      limit_challenge_page(req, zToken != NULL);
      return -1;
    }
  }

  /* The mailbox an acknowledgment would go to: counted only for a write
  ** that goes on to its handler. */
  const char *zField = "courriel";
  const char *zMail = kit_value(req, zField);
  if (!*zMail) zMail = kit_value(req, zField = "email");
  limit_setting("OASIS_LIMIT_PER_EMAIL", 5, 3600, &nMax, &nSec);
  if (nMax && *zMail) {
    char *zLow = arena_strdup(req->arena, zMail);
    for (char *p = zLow; *p; p++) {
      if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    }
    if (limit_take(arena_printf(req->arena, "m|%s", zLow), nSec, now,
                   &nLeft) > nMax) {
      return limit_reply_429(req, nLeft, "Trop de demandes ont été faites "
                             "avec cette adresse électronique : réessayez "
                             "plus tard.", zField);
    }
  }
  return 0;
}
