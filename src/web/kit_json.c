/*
** web/kit_json.c: JSON data islands in pages (see kit_json.h).
*/
#include "web/kit_json.h"

#include <stdlib.h>

#include "base/str.h"

void kit_json_island(Req *req, const char *zType, const char *zId,
                     json_t *pJson)
{
  if (!pJson) return;
  char *zJson = json_dumps(pJson, JSON_COMPACT | JSON_ESCAPE_SLASH);
  json_decref(pJson);
  if (!zJson) return;
  Str s = STR_INIT;
  for (const char *p = zJson; *p; p++) {
    if (*p == '<') str_appendz(&s, "\\u003c");
    else str_appendc(&s, *p);
  }
  free(zJson);
  if (zId) {
    html_printf(req, "<script type=\"%h\" id=\"%h\">%s</script>\n", zType,
                zId, str_text(&s) /*trusted*/);
  } else {
    html_printf(req, "<script type=\"%h\">%s</script>\n", zType,
                str_text(&s) /*trusted*/);
  }
  str_free(&s);
}
