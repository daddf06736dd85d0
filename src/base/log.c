/*
** base/log.c: timestamped lines on stderr, one write per line so that
** lines from worker threads never interleave.
*/
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int isQuietLog;

void log_set_quiet(int isQuiet)
{
  isQuietLog = isQuiet;
}

static void log_v(const char *zLevel, const char *zFmt, va_list ap)
{
  char buf[2048];
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  int n = (int)strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ ", &tm);
  n += snprintf(buf + n, sizeof buf - n, "%s ", zLevel);
  if (n < (int)sizeof buf) n += vsnprintf(buf + n, sizeof buf - n, zFmt, ap);
  if (n > (int)sizeof buf - 2) n = (int)sizeof buf - 2;
  buf[n++] = '\n';
  if (write(2, buf, (size_t)n) < 0) { /* nowhere left to report it */ }
}

#define LOG_FN(name, level, quietable)                    \
  void name(const char *zFmt, ...)                        \
  {                                                       \
    if (quietable && isQuietLog) return;                  \
    va_list ap;                                           \
    va_start(ap, zFmt);                                   \
    log_v(level, zFmt, ap);                               \
    va_end(ap);                                           \
  }
LOG_FN(log_info, "info", 1)
LOG_FN(log_warn, "warn", 0)
LOG_FN(log_error, "error", 0)
