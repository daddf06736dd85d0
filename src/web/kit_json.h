/*
** web/kit_json.h: a JSON data island in a page — structured data for
** search engines (schema.org JSON-LD) or data a page's script reads —
** written safely inside <script>: nothing in it can close the element.
*/
#ifndef OASIS_WEB_KIT_JSON_H
#define OASIS_WEB_KIT_JSON_H
#include <jansson.h>
#include <stddef.h>

#include "web/web.h"

/* <script type="zType"[ id="zId"]>pJson</script>, every '<' written as
** \u003c (a string holding "</script>" stays inside).  zType and zId are
** trusted literals; steals pJson (NULL writes nothing). */
void kit_json_island(Req *req, const char *zType, const char *zId,
                     json_t *pJson);

/* The JSON of one record (a new reference), given its address. */
typedef json_t *(*KitJsonFn)(const void *pRec);
/* A JSON array of xJson(record) for the n records of nSize bytes at a. */
json_t *kit_json_array(const void *a, int n, size_t nSize, KitJsonFn xJson);
/* Answer 200 {zKey: kit_json_array(a, n, nSize, xJson)}: an API list. */
void kit_reply_list(Req *req, const char *zKey, const void *a, int n,
                    size_t nSize, KitJsonFn xJson);

#endif
