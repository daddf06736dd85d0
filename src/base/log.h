/*
** base/log.h: one-line messages to stderr, with time and level.
** Never log personal data (names, e-mails, free text of requests).
*/
#ifndef OASIS_BASE_LOG_H
#define OASIS_BASE_LOG_H

void log_info(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
/* The access log (base/accesslog.c): zSpec is "stderr" (or NULL, "1"),
** "0"/"off", "syslog", or an absolute file path rotated past nMaxBytes
** keeping nKeep old files (<= 0 / < 0: keep the defaults, 10 MiB and 5).
** 0, or -1 when the file cannot be opened (lines then go to stderr). */
int log_access_setup(const char *zSpec, long long nMaxBytes, int nKeep);
/* 0 when the access log is off. */
int log_access_enabled(void);
/* One access-log line, where log_access_setup() said. */
void log_access(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
/* Silence log_info (tests, quiet CLI runs). */
void log_set_quiet(int isQuiet);

#endif
