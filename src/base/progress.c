/*
** base/progress.c: redraws at most 10 times a second; silent off a tty.
*/
#include "base/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double clock_seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void progress_start(Progress *p, const char *zLabel)
{
  p->zLabel = zLabel;
  p->tStart = p->tLast = clock_seconds();
  p->isTty = isatty(2);
  p->isShown = 0;
}

void progress_update(Progress *p, size_t nDone, size_t nTotal)
{
  if (!p->isTty) return;
  double t = clock_seconds();
  if (t - p->tStart < 1.0 || t - p->tLast < 0.1) return;
  p->tLast = t;
  p->isShown = 1;
  if (nTotal) {
    int nBar = 30, nFill = (int)((double)nDone * nBar / (double)nTotal);
    if (nFill > nBar) nFill = nBar;
    fprintf(stderr, "\r%-12s [%.*s%*s] %3d %%", p->zLabel, nFill,
            "##############################", nBar - nFill, "",
            (int)(100.0 * (double)nDone / (double)nTotal));
  } else {
    fprintf(stderr, "\r%-12s %zu", p->zLabel, nDone);
  }
  fflush(stderr);
}

void progress_end(Progress *p)
{
  if (p->isShown) fprintf(stderr, "\r%60s\r", "");
}
