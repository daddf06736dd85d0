/*
** tests/fmtcheck/bad.c: calls that tools/fmtcheck must reject.  Every line
** that must be reported ends with the marker comment EXPECT; no other line
** may be reported.  Never compiled: only read by tests/unit/test_fmtcheck.c.
*/
#include "web/web.h"

static void bad_calls(Req *req, const char *zUser, const char *zFmt, int n)
{
  html_printf(req, zFmt);                                  /* EXPECT */
  html_printf(req, "<p>%s</p>", zUser);                    /* EXPECT */
  html_printf(req, "<p>%h %d</p>", zUser);                 /* EXPECT */
  html_printf(req, "<p>%h</p>", zUser, n);                 /* EXPECT */
  html_printf(req, "<p>%x</p>", n);                        /* EXPECT */
  html_printf(req, "<p>%5d</p>", n);                       /* EXPECT */
  html_printf(req, "50 %");                                /* EXPECT */
  (void)html_mprintf(req, "%s", n ? zUser : "");           /* EXPECT */
  html_strf(req_body(req), "<b>%s</b>", /* trust me */ zUser); /* EXPECT */
  html_printf(req, "<a href=\"/c/%u\">%h</a>%s", zUser,
              zUser,
              zUser);                                      /* EXPECT */
  html_printf(req, "%h" "%s", zUser, zFmt);                /* EXPECT */
  html_printf(req, "%.2h", zUser);                         /* EXPECT */
  html_printf(req, zUser ? "%h" : "", zUser);              /* EXPECT */
}

/* Accepted: none of these may be reported. */
void html_printf(Req *req, const char *zFmt, ...);
char *html_mprintf(Req *req, const char *zFmt, ...);
static void good_calls(Req *req, const char *zUser, double x, long l)
{
  html_printf(req, "<p>%h, %u, %j</p>", zUser, zUser, zUser);
  html_printf(req, "%s", "<hr>");
  html_printf(req, "%s%s", "<b>" "x</b>", zUser /*trusted*/);
  html_printf(req, "%s", f(req, g(zUser, 1), 2) /* trusted */);
  html_printf(req, "%F %.2F %.0f %f %ld %lld %zu %%", x, x, x, x, l,
              (long long)l, (size_t)l);
  html_printf(req, "\"%h\" \\ %d", zUser, (int)sizeof(struct { int a, b; }));
  // html_printf(req, zUser); in a comment: ignored
  const char *z = "html_printf(req, zUser);";   /* in a string: ignored */
  (void)z;
}
