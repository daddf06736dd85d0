/*
** cases/mail.c: e-mails of the guichet unique (acknowledgments, messages
** to the requester) through SMTP with libcurl.
**
** Configuration, read from the environment at each send:
**   OASIS_SMTP_URL       smtp://host:port or smtps://host:port (required)
**   OASIS_SMTP_FROM      sender address (required)
**   OASIS_SMTP_USER, OASIS_SMTP_PASSWORD   optional login
**   OASIS_GUICHET_EMAIL  the team's mailbox, told of partners' answers and
**                        requesters' replies (default: OASIS_SMTP_FROM)
** With no URL or sender, nothing is sent and nothing fails: the platform
** runs without e-mail, and the pages say so.  Addresses and texts are
** never logged (they are personal data).
*/
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/str.h"
#include "cases/cases.h"

int case_mail_configured(void)
{
  const char *zUrl = getenv("OASIS_SMTP_URL");
  const char *zFrom = getenv("OASIS_SMTP_FROM");
  return zUrl && *zUrl && zFrom && *zFrom;
}

const char *case_team_address(void)
{
  const char *z = getenv("OASIS_GUICHET_EMAIL");
  if (!z || !*z) z = getenv("OASIS_SMTP_FROM");
  return z ? z : "";
}

typedef struct MailBody MailBody;
struct MailBody {
  const char *z;
  size_t n, iPos;
};

static size_t mail_read(char *pBuf, size_t nSize, size_t nItem, void *pArg)
{
  MailBody *b = pArg;
  size_t nMax = nSize * nItem;
  size_t n = b->n - b->iPos < nMax ? b->n - b->iPos : nMax;
  memcpy(pBuf, b->z + b->iPos, n);
  b->iPos += n;
  return n;
}

/* No CR or LF (header injection) and no angle brackets in an address. */
static int mail_header_ok(const char *z)
{
  return z && !strpbrk(z, "\r\n<>");
}

/* "=?UTF-8?B?...?=" encoding of a header value (RFC 2047). */
static void mail_encode_word(Str *out, const char *z)
{
  size_t n = strlen(z);
  size_t nB64 = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
  char *zB64 = malloc(nB64);
  if (!zB64) abort();
  sodium_bin2base64(zB64, nB64, (const unsigned char *)z, n,
                    sodium_base64_VARIANT_ORIGINAL);
  str_appendf(out, "=?UTF-8?B?%s?=", zB64);
  free(zB64);
}

static pthread_once_t mailOnce = PTHREAD_ONCE_INIT;

static void mail_global_init(void)
{
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

int case_mail_send(const char *zTo, const char *zSubject, const char *zBody,
                   Err *err)
{
  if (!case_mail_configured()) return 1;
  const char *zFrom = getenv("OASIS_SMTP_FROM");
  if (!mail_header_ok(zTo) || !mail_header_ok(zFrom) ||
      !mail_header_ok(zSubject)) {
    return err_set(err, ERR_INPUT, "Adresse ou objet de courriel invalide.");
  }
  Str msg = STR_INIT;
  char zDate[64], zTo2[300], zFrom2[300];
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(zDate, sizeof zDate, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  str_appendf(&msg, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\nSubject: ", zDate,
              zFrom, zTo);
  mail_encode_word(&msg, zSubject);
  str_appendz(&msg, "\r\nMIME-Version: 1.0\r\n"
                    "Content-Type: text/plain; charset=utf-8\r\n"
                    "Content-Transfer-Encoding: 8bit\r\n\r\n");
  /* Lines end with CRLF on the wire; libcurl dot-stuffs them. */
  for (const char *p = zBody; *p; p++) {
    if (*p == '\n' && (p == zBody || p[-1] != '\r')) str_appendc(&msg, '\r');
    str_appendc(&msg, *p);
  }
  str_appendz(&msg, "\r\n");
  snprintf(zTo2, sizeof zTo2, "<%s>", zTo);
  snprintf(zFrom2, sizeof zFrom2, "<%s>", zFrom);

  int rc = 0;
  pthread_once(&mailOnce, mail_global_init);
  CURL *c = curl_easy_init();
  struct curl_slist *pRcpt = curl_slist_append(NULL, zTo2);
  MailBody body = {str_text(&msg), msg.n, 0};
  const char *zUser = getenv("OASIS_SMTP_USER");
  const char *zPass = getenv("OASIS_SMTP_PASSWORD");
  if (!c || !pRcpt) {
    rc = err_set(err, ERR_INTERNAL, "Envoi du courriel impossible.");
    goto done;
  }
  curl_easy_setopt(c, CURLOPT_URL, getenv("OASIS_SMTP_URL"));
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, zFrom2);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, pRcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read);
  curl_easy_setopt(c, CURLOPT_READDATA, &body);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (zUser && *zUser) {
    curl_easy_setopt(c, CURLOPT_USERNAME, zUser);
    curl_easy_setopt(c, CURLOPT_PASSWORD, zPass ? zPass : "");
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
  }
  CURLcode cc = curl_easy_perform(c);
  if (cc != CURLE_OK) {
    log_warn("cases: SMTP send failed: %s", curl_easy_strerror(cc));
    rc = err_set(err, ERR_IO, "Le courriel n'a pas pu être envoyé (%s).",
                 curl_easy_strerror(cc));
  }
done:
  curl_slist_free_all(pRcpt);
  if (c) curl_easy_cleanup(c);
  str_free(&msg);
  return rc;
}
