/*
** bench/load.c: a small HTTP/1.1 load client for the benchmarks.
**
**   load PORT PATH SECONDS CONNECTIONS [COOKIE]
**
** Opens CONNECTIONS keep-alive connections to 127.0.0.1:PORT (loopback
** only, by construction), one thread each, and sends GET PATH on each in a
** loop for SECONDS.  Prints one line: "requests RPS p50_ms p99_ms errors"
** (errors: non-2xx/304 answers and broken connections).  Bounded in time
** and count; never asserts anything.
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONN 256
#define MAX_SAMPLES 400000

static int port;
static const char *zPath, *zCookie;
static double tEnd;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long nDone, nErr;
static double aLat[MAX_SAMPLES];
static long nLat;

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int dial(void)
{
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = {0};
  int one = 1;
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct timeval tv = {5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
    close(fd);
    return -1;
  }
  return fd;
}

/* Read one response (headers, then Content-Length bytes); its status,
** or -1 when the connection broke. */
static int read_response(int fd, char *buf, size_t nBuf)
{
  size_t n = 0;
  char *zEnd = NULL;
  while (!zEnd) {
    if (n + 1 >= nBuf) return -1;
    ssize_t k = read(fd, buf + n, nBuf - 1 - n);
    if (k <= 0) return -1;
    n += (size_t)k;
    buf[n] = 0;
    zEnd = strstr(buf, "\r\n\r\n");
  }
  int status = atoi(buf + 9);
  long nBody = 0;
  for (char *p = buf; p < zEnd; p = strstr(p, "\r\n") + 2) {
    if (strncasecmp(p, "Content-Length:", 15) == 0) nBody = atol(p + 15);
    if (!strstr(p, "\r\n")) break;
  }
  size_t nHave = n - (size_t)(zEnd + 4 - buf);
  while ((long)nHave < nBody) {
    ssize_t k = read(fd, buf, nBuf - 1);
    if (k <= 0) return -1;
    nHave += (size_t)k;
  }
  return status;
}

static void *worker(void *p)
{
  char zReq[1024], *buf = malloc(1 << 20);
  int n = snprintf(zReq, sizeof zReq, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "%s%s%s\r\n", zPath, zCookie ? "Cookie: " : "",
                   zCookie ? zCookie : "", zCookie ? "\r\n" : "");
  int fd = dial();
  (void)p;
  while (now() < tEnd) {
    if (fd < 0 && (fd = dial()) < 0) break;
    double t0 = now();
    int status = -1;
    if (write(fd, zReq, (size_t)n) == n) {
      status = read_response(fd, buf, 1 << 20);
    }
    double dt = now() - t0;
    pthread_mutex_lock(&mu);
    if (status < 0 || (status >= 300 && status != 304)) nErr++;
    else nDone++;
    if (nLat < MAX_SAMPLES) aLat[nLat++] = dt;
    pthread_mutex_unlock(&mu);
    if (status < 0) {
      close(fd);
      fd = -1;
    }
  }
  if (fd >= 0) close(fd);
  free(buf);
  return NULL;
}

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
  if (argc < 5) {
    fprintf(stderr, "usage: load PORT PATH SECONDS CONNECTIONS [COOKIE]\n");
    return 2;
  }
  port = atoi(argv[1]);
  zPath = argv[2];
  double secs = atof(argv[3]);
  int nConn = atoi(argv[4]);
  zCookie = argc > 5 ? argv[5] : NULL;
  if (port < 1 || port > 65535 || secs <= 0 || secs > 120 || nConn < 1 ||
      nConn > MAX_CONN || zPath[0] != '/') {
    fprintf(stderr, "load: bad arguments\n");
    return 2;
  }
  pthread_t aT[MAX_CONN];
  double t0 = now();
  tEnd = t0 + secs;
  for (int i = 0; i < nConn; i++) pthread_create(&aT[i], NULL, worker, NULL);
  for (int i = 0; i < nConn; i++) pthread_join(aT[i], NULL);
  double dt = now() - t0;
  qsort(aLat, (size_t)nLat, sizeof aLat[0], cmp);
  double p50 = nLat ? aLat[nLat / 2] * 1e3 : 0;
  double p99 = nLat ? aLat[(long)(nLat * 0.99)] * 1e3 : 0;
  printf("%ld %.0f %.3f %.3f %ld\n", nDone, nDone / dt, p50, p99, nErr);
  return 0;
}
