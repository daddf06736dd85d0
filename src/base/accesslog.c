/*
** base/accesslog.c: where the access log goes, and its rotation.
**
** One setting, OASIS_ACCESS_LOG, read by the caller and given to
** log_access_setup():
**   unset, "1", "stderr"  stderr, like every other message (under systemd
**                         journald stores and rotates it);
**   "0", "off"            no access log at all;
**   "syslog"              syslog(3), facility daemon, tag "oasis";
**   "/path/access.log"    that file, rotated by size: past nMaxBytes it
**                         becomes access.log.1 (.1 becomes .2 …), the
**                         oldest beyond nKeep is dropped.
** A line is written in one call under a lock, so lines from worker
** threads never interleave and a rotation never splits one.
*/
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"

enum { ACC_STDERR, ACC_OFF, ACC_SYSLOG, ACC_FILE };

static pthread_mutex_t accMutex = PTHREAD_MUTEX_INITIALIZER;
static int accKind = ACC_STDERR;
static char zAccPath[512];
static int accFd = -1;
static long long nAccSize;
static long long nAccMax = 10LL << 20;
static int nAccKeep = 5;

/* Open (or reopen) the log file for appending; -1 on failure (reported
** once on stderr, the line then goes to stderr). */
static int acc_open(void)
{
  accFd = open(zAccPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (accFd < 0) {
    log_warn("journal d'accès : impossible d'ouvrir %s (%s)", zAccPath,
             strerror(errno));
    return -1;
  }
  struct stat st;
  nAccSize = fstat(accFd, &st) == 0 ? (long long)st.st_size : 0;
  return 0;
}

/* access.log → access.log.1 → … → access.log.nKeep (dropped beyond). */
static void acc_rotate(void)
{
  char zFrom[540], zTo[540];
  close(accFd);
  accFd = -1;
  for (int i = nAccKeep; i >= 1; i--) {
    snprintf(zTo, sizeof zTo, "%s.%d", zAccPath, i);
    if (i == 1) snprintf(zFrom, sizeof zFrom, "%s", zAccPath);
    else snprintf(zFrom, sizeof zFrom, "%s.%d", zAccPath, i - 1);
    if (i == nAccKeep) unlink(zTo);
    rename(zFrom, zTo);                  /* a missing file is fine */
  }
  if (nAccKeep == 0) unlink(zAccPath);
  acc_open();
}

int log_access_setup(const char *zSpec, long long nMaxBytes, int nKeep)
{
  int rc = 0;
  pthread_mutex_lock(&accMutex);
  if (accFd >= 0) close(accFd);
  accFd = -1;
  if (nMaxBytes > 0) nAccMax = nMaxBytes;
  if (nKeep >= 0 && nKeep <= 100) nAccKeep = nKeep;
  if (!zSpec || !*zSpec || !strcmp(zSpec, "1") || !strcmp(zSpec, "stderr")) {
    accKind = ACC_STDERR;
  } else if (!strcmp(zSpec, "0") || !strcmp(zSpec, "off")) {
    accKind = ACC_OFF;
  } else if (!strcmp(zSpec, "syslog")) {
    accKind = ACC_SYSLOG;
    openlog("oasis", LOG_PID, LOG_DAEMON);
  } else if (zSpec[0] == '/' && strlen(zSpec) < sizeof zAccPath) {
    accKind = ACC_FILE;
    snprintf(zAccPath, sizeof zAccPath, "%s", zSpec);
    rc = acc_open();
  } else {
    accKind = ACC_STDERR;
    rc = -1;
  }
  pthread_mutex_unlock(&accMutex);
  return rc;
}

int log_access_enabled(void)
{
  return accKind != ACC_OFF;
}

void log_access(const char *zFmt, ...)
{
  char buf[1024];
  va_list ap;
  if (accKind == ACC_OFF) return;
  va_start(ap, zFmt);
  if (accKind == ACC_STDERR) {
    char zLine[1000];
    vsnprintf(zLine, sizeof zLine, zFmt, ap);
    va_end(ap);
    log_info("%s", zLine);
    return;
  }
  if (accKind == ACC_SYSLOG) {
    vsnprintf(buf, sizeof buf, zFmt, ap);
    va_end(ap);
    syslog(LOG_INFO, "%s", buf);
    return;
  }
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  int n = (int)strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ ", &tm);
  n += vsnprintf(buf + n, sizeof buf - (size_t)n, zFmt, ap);
  va_end(ap);
  if (n > (int)sizeof buf - 2) n = (int)sizeof buf - 2;
  buf[n++] = '\n';
  pthread_mutex_lock(&accMutex);
  if (accFd >= 0 && nAccSize > 0 && nAccSize + n > nAccMax) acc_rotate();
  if (accFd >= 0 && write(accFd, buf, (size_t)n) == n) {
    nAccSize += n;
  } else if (write(2, buf, (size_t)n) < 0) {
    /* nowhere left to report it */
  }
  pthread_mutex_unlock(&accMutex);
}
