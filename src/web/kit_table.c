/*
** web/kit_table.c: a list page's table (see kit_table.h).
*/
#include "web/kit_table.h"

int kit_list_begin(Req *req, int n, const char *zEmpty, const char *zClass,
                   const char *zCaption, const char *const *azHead)
{
  if (n == 0) {
    if (zEmpty) html_printf(req, "<p class=\"muted\">%h</p>\n", zEmpty);
    return 0;
  }
  html_printf(req, "<table class=\"%h\">\n<caption>%h</caption>\n<thead><tr>",
              zClass, zCaption);
  for (int i = 0; azHead[i]; i++) {
    if (azHead[i][0] == '#') {
      html_printf(req, "<th scope=\"col\" class=\"num\">%h</th>",
                  azHead[i] + 1);
    } else {
      html_printf(req, "<th scope=\"col\">%h</th>", azHead[i]);
    }
  }
  html_printf(req, "</tr></thead>\n<tbody>\n");
  return 1;
}

void kit_list_end(Req *req)
{
  html_printf(req, "</tbody>\n</table>\n");
}
