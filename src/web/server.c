/*
** web/server.c: the libmicrohttpd daemon and the request life cycle.
**
** One daemon, an internal thread pool sized to the cores, epoll.  Each
** worker thread opens its own SQLite connection on first use; a pthread
** key closes it (with a WAL checkpoint) when the thread ends.  SIGINT and
** SIGTERM are taken by sigwait() in the main thread: we stop accepting,
** let in-flight requests finish (up to a grace period), then stop.
** Routing and replies live in route.c and req.c.
*/
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/mem.h"
#include "web/internal.h"

static char *zDbPath;
static pthread_key_t dbKey;
static pthread_once_t dbKeyOnce = PTHREAD_ONCE_INIT;

static void server_db_close(void *p)
{
  store_close(p);
}

static void server_make_key(void)
{
  pthread_key_create(&dbKey, server_db_close);
}

const char *web_db_path(void)
{
  return zDbPath;
}

void web_set_db_path(const char *zPath)
{
  free(zDbPath);
  zDbPath = zPath ? xstrdup(zPath) : NULL;
}

Store *web_thread_db(void)
{
  pthread_once(&dbKeyOnce, server_make_key);
  Store *db = pthread_getspecific(dbKey);
  if (db || !zDbPath) return db;
  Err err = {0};
  db = store_open(zDbPath, &err);
  if (!db) {
    char zBuf[768];
    log_error("cannot open %s: %s", zDbPath, err_text(&err, zBuf, sizeof zBuf));
    return NULL;
  }
  pthread_setspecific(dbKey, db);
  return db;
}

/* Close the calling thread's connection now (main thread at exit). */
void web_thread_db_close(void)
{
  pthread_once(&dbKeyOnce, server_make_key);
  Store *db = pthread_getspecific(dbKey);
  if (db) {
    pthread_setspecific(dbKey, NULL);
    store_close(db);
  }
}

static enum MHD_Result server_access(void *cls, struct MHD_Connection *conn,
                                     const char *zUrl, const char *zMethod,
                                     const char *zVersion, const char *zBody,
                                     size_t *pnBody, void **ppState)
{
  Req *req = *ppState;
  if (!req) {                          /* 1st call: headers only */
    *ppState = req = req_new(conn, zMethod, zUrl);
    /* A declared length over the limit is refused with 413.  Up to four
    ** times the limit the body is read and dropped first: a client still
    ** sending when the answer comes and the connection closes would see a
    ** reset, not the 413.  Beyond that, answer at once. */
    const char *zLen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                   "Content-Length");
    long nLen = 0;
    if (zLen && str_to_long(zLen, &nLen) == 0 &&
        (unsigned long)nLen > req->nBodyLimit) {
      req->isTooLarge = true;
      if ((unsigned long)nLen > 4ul * req->nBodyLimit) {
        return (enum MHD_Result)web_dispatch(req);
      }
    }
    return MHD_YES;
  }
  if (*pnBody) {                       /* a body chunk: take all of it */
    req_body_append(req, zBody, *pnBody);
    *pnBody = 0;
    return MHD_YES;
  }
  if (req->isQueued) return MHD_YES;
  return (enum MHD_Result)web_dispatch(req);
}

static void server_completed(void *cls, struct MHD_Connection *conn,
                             void **ppState,
                             enum MHD_RequestTerminationCode why)
{
  req_free(*ppState);                  /* frees the arena: all request memory */
  *ppState = NULL;
}

static void server_panic(void *cls, const char *zFile, unsigned iLine,
                         const char *zReason)
{
  log_error("libmicrohttpd: %s:%u: %s", zFile ? zFile : "?", iLine,
            zReason ? zReason : "?");
  abort();
}

/* Parse "host:port" into sa; -1 when malformed. */
static int server_parse_listen(const char *z, struct sockaddr_in *sa)
{
  const char *zColon = strrchr(z, ':');
  if (!zColon) return -1;
  char zHost[64];
  size_t nHost = (size_t)(zColon - z);
  if (nHost == 0 || nHost >= sizeof zHost) return -1;
  memcpy(zHost, z, nHost);
  zHost[nHost] = 0;
  long port;
  if (str_to_long(zColon + 1, &port) || port < 1 || port > 65535) return -1;
  memset(sa, 0, sizeof *sa);
  sa->sin_family = AF_INET;
  sa->sin_port = htons((uint16_t)port);
  if (inet_pton(AF_INET, zHost, &sa->sin_addr) != 1) return -1;
  return 0;
}

/* The public address, settled once (OASIS_PUBLIC_URL read on first use;
** web_serve() fills in the listen address before any worker starts). */
static char zPublicUrl[300] = "http://127.0.0.1:8080";
static pthread_once_t publicOnce = PTHREAD_ONCE_INIT;

static void server_public_env(void)
{
  const char *z = getenv("OASIS_PUBLIC_URL");
  if (!z || !*z) return;
  size_t n = strlen(z);
  while (n > 0 && z[n - 1] == '/') n--;
  if (n >= sizeof zPublicUrl) n = sizeof zPublicUrl - 1;
  memcpy(zPublicUrl, z, n);
  zPublicUrl[n] = 0;
}

const char *web_public_url(void)
{
  pthread_once(&publicOnce, server_public_env);
  return zPublicUrl;
}

/*
** Connections one client address may hold at once (OASIS_MAX_CONN_PER_IP,
** default 32; 0 turns the limit off).  Without it, one address opening a
** thousand slow connections (a byte every few seconds keeps each one
** alive) would take every slot and the site down.  Behind a reverse proxy
** every connection comes from the proxy: raise it or set 0 there, the
** proxy doing this job (docs/deploy.md).
*/
static unsigned int server_per_ip_limit(void)
{
  const char *z = getenv("OASIS_MAX_CONN_PER_IP");
  long n;
  if (z && *z && str_to_long(z, &n) == 0 && n >= 0 && n <= 100000) {
    return (unsigned int)n;
  }
  return 32;
}

/*
** Serve on zListen until SIGINT or SIGTERM.  The database at zDb is opened
** (and migrated) first in this thread; the caller (app/serve.c) has
** installed the route tables and made the first account.  Returns 0 after
** a clean stop, < 0 with err filled.
*/
int web_serve(const char *zListen, const char *zDb, Err *err)
{
  struct sockaddr_in sa;
  int rc = 0;
  if (server_parse_listen(zListen, &sa)) {
    return err_set(err, ERR_USAGE, "adresse d'écoute invalide « %s » "
                   "(attendu : 127.0.0.1:8080)", zListen);
  }
  web_set_db_path(zDb);
  if (!getenv("OASIS_PUBLIC_URL") || !*getenv("OASIS_PUBLIC_URL")) {
    snprintf(zPublicUrl, sizeof zPublicUrl, "http://%s", zListen);
  }
  Store *db = web_thread_db();
  if (!db) return err_set(err, ERR_DB, "impossible d'ouvrir la base %s", zDb);
  (void)csrf_key();                    /* load or create the signing key */

  /* Block the signals before the workers start: they inherit the mask and
  ** only sigwait() below sees SIGINT/SIGTERM. */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);

  long nCore = sysconf(_SC_NPROCESSORS_ONLN);
  if (nCore < 1) nCore = 1;
  if (nCore > 64) nCore = 64;
  MHD_set_panic_func(server_panic, NULL);
  struct MHD_Daemon *d = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
          MHD_USE_ERROR_LOG,
      0, NULL, NULL, server_access, NULL,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)nCore,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
      MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, server_per_ip_limit(),
      MHD_OPTION_NOTIFY_COMPLETED, server_completed, NULL,
      MHD_OPTION_END);
  if (!d) {
    rc = err_set(err, ERR_IO, "impossible d'écouter sur %s : %s", zListen,
                 strerror(errno));
    goto done;
  }
  log_info("oasis : en service sur http://%s (%ld fils, base %s)", zListen,
           nCore, zDb);

  int sig = 0;
  sigwait(&set, &sig);
  log_info("oasis : arrêt demandé (signal %d), fin des requêtes en cours", sig);
  MHD_quiesce_daemon(d);               /* no new connections */
  for (int i = 0; i < 100 && req_in_flight() > 0; i++) {
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);              /* up to 10 s of grace */
  }
  MHD_stop_daemon(d);                  /* joins workers: their stores close */
  log_info("oasis : arrêté");

done:
  web_thread_db_close();               /* WAL checkpoint of the main connection */
  return rc;
}
