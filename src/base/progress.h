/*
** base/progress.h: a progress bar on stderr, shown only on a terminal and
** only once the work has lasted more than a second.
*/
#ifndef OASIS_BASE_PROGRESS_H
#define OASIS_BASE_PROGRESS_H
#include <stddef.h>

typedef struct Progress Progress;
struct Progress {
  const char *zLabel;   /* e.g. "communes" */
  double tStart;        /* monotonic seconds at progress_start() */
  double tLast;         /* last redraw */
  int isTty;            /* stderr is a terminal */
  int isShown;          /* something was drawn: clear it at the end */
};

void progress_start(Progress *p, const char *zLabel);
/* Done nDone of nTotal (any unit; nTotal 0 when unknown). */
void progress_update(Progress *p, size_t nDone, size_t nTotal);
void progress_end(Progress *p);
/* Monotonic clock in seconds. */
double clock_seconds(void);

#endif
