/*
** base/log.h: one-line messages to stderr, with time and level.
** Never log personal data (names, e-mails, free text of requests).
*/
#ifndef OASIS_BASE_LOG_H
#define OASIS_BASE_LOG_H

void log_info(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
/* Silence log_info (tests, quiet CLI runs). */
void log_set_quiet(int isQuiet);

#endif
