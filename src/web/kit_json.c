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

json_t *kit_json_array(const void *a, int n, size_t nSize, KitJsonFn xJson)
{
  json_t *j = json_array();
  for (int i = 0; i < n; i++) {
    json_array_append_new(j, xJson((const char *)a + (size_t)i * nSize));
  }
  return j;
}

void kit_reply_list(Req *req, const char *zKey, const void *a, int n,
                    size_t nSize, KitJsonFn xJson)
{
  json_t *o = json_object();
  json_object_set_new(o, zKey, kit_json_array(a, n, nSize, xJson));
  reply_json(req, 200, o);
}
