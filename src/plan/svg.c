/*
** plan/svg.c: inline SVG charts for the dashboard, generated in C.
**
** No JavaScript and no chart library: the dashboard must print on one
** page and read without scripts.  A chart is an image with an accessible
** name; the figures themselves are always in a table beside it (that is
** what screen readers and spreadsheets use).  Labels are escaped here.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plan/plan.h"

double plan_nice_max(double x)
{
  if (!(x > 0)) return 1;
  double p = pow(10, floor(log10(x)));
  static const double aStep[] = {1, 2, 2.5, 5, 10};
  for (int i = 0; i < 5; i++) {
    if (aStep[i] * p >= x * (1 - 1e-12)) return aStep[i] * p;
  }
  return 10 * p;
}

/* Short French euro label of an axis tick: "2,5 M€", "500 k€", "0 €". */
static void svg_short_euros(double e, char *z, int n)
{
  const char *zUnit = "";
  double v = e;
  if (e >= 1e6) {
    v = e / 1e6;
    zUnit = " M";
  } else if (e >= 1e3) {
    v = e / 1e3;
    zUnit = " k";
  } else if (e > 0) {
    zUnit = " ";
  }
  /* at most two decimals, trailing zeros dropped: "3,75 M€", "2,5 M€" */
  char zNum[24];
  snprintf(zNum, sizeof zNum, "%.2f", v > 1e15 ? 1e15 : v);
  char *c = zNum + strlen(zNum);
  while (c[-1] == '0') *--c = 0;
  if (c[-1] == '.') *--c = 0;
  if ((c = strchr(zNum, '.')) != NULL) *c = ',';
  snprintf(z, (size_t)n, "%s%s€", zNum, zUnit[0] ? zUnit : " ");
}

void plan_svg_bars(Str *pOut, const char *zId, const char *zTitle,
                   const char *const *azCat, const int64_t *aA,
                   const int64_t *aB, int n, const char *zLegendA,
                   const char *zLegendB)
{
  const double W = 640, H = 300, L = 78, R = 10, T = 38, B = 44;
  double xMax = 0;
  for (int i = 0; i < n; i++) {
    if (aA[i] / 100.0 > xMax) xMax = aA[i] / 100.0;
    if (aB[i] / 100.0 > xMax) xMax = aB[i] / 100.0;
  }
  double yMax = plan_nice_max(xMax);
  double plotW = W - L - R, plotH = H - T - B;
  html_strf(pOut, "<svg class=\"plan-chart\" viewBox=\"0 0 %.0f %.0f\" "
                  "role=\"img\" aria-labelledby=\"%h-t\" width=\"100%%\" "
                  "style=\"max-width:40rem;height:auto\" "
                  "xmlns=\"http://www.w3.org/2000/svg\">\n"
                  "<title id=\"%h-t\">%h</title>\n", W, H, zId, zId, zTitle);
  /* legend */
  html_strf(pOut, "<rect x=\"%.0f\" y=\"8\" width=\"16\" height=\"16\" "
                  "style=\"fill:var(--blue,#1f3f8f)\"/><text x=\"%.0f\" "
                  "y=\"22\" font-size=\"16\">%h</text>\n"
                  "<rect x=\"%.0f\" y=\"8\" width=\"16\" height=\"16\" "
                  "style=\"fill:var(--green,#146346)\"/><text x=\"%.0f\" "
                  "y=\"22\" font-size=\"16\">%h</text>\n",
            L, L + 20, zLegendA, L + 180, L + 200, zLegendB);
  /* axis and grid lines at quarters */
  for (int k = 0; k <= 4; k++) {
    double y = T + plotH - plotH * k / 4.0;
    char zTick[48];
    svg_short_euros(yMax * k / 4.0, zTick, sizeof zTick);
    html_strf(pOut, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    "stroke=\"#d3d8e3\"/><text x=\"%.1f\" y=\"%.1f\" "
                    "font-size=\"15\" text-anchor=\"end\">%h</text>\n",
              L, y, W - R, y, L - 6, y + 4, zTick);
  }
  double slot = n > 0 ? plotW / n : plotW;
  double bw = slot * 0.32;
  for (int i = 0; i < n; i++) {
    double x0 = L + slot * i + slot * 0.16;
    double hA = plotH * (aA[i] / 100.0) / yMax;
    double hB = plotH * (aB[i] / 100.0) / yMax;
    html_strf(pOut, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    "height=\"%.1f\" style=\"fill:var(--blue,#1f3f8f)\"/>\n"
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    "height=\"%.1f\" style=\"fill:var(--green,#146346)\"/>\n"
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"15\" "
                    "text-anchor=\"middle\">%h</text>\n",
              x0, T + plotH - hA, bw, hA, x0 + bw, T + plotH - hB, bw, hB,
              x0 + bw, H - B + 20, azCat[i]);
  }
  html_strf(pOut, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                  "stroke=\"#4f5566\"/>\n</svg>\n",
            L, T + plotH, W - R, T + plotH);
}
