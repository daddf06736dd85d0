/*
** web/markdown.c: the team's Markdown to HTML, with cmark (portal pages,
** events, commune fiches, aid descriptions).
**
** cmark's default (safe) rendering drops raw HTML and unsafe link schemes.
** Dropping silently would hide an author's mistake, so raw HTML nodes are
** first turned into text nodes: "<script>" is shown as the text
** "<script>", escaped by the renderer.  Headings go one level down, since
** the page's own title is the only <h1>.
*/
#include <cmark.h>
#include <string.h>
#include <stdlib.h>

#include "web/markdown.h"

/* Replace node p (raw HTML) by a text node of the same literal; a block
** becomes a paragraph holding that text.  Returns the new node. */
static cmark_node *md_html_to_text(cmark_node *p)
{
  const char *zLit = cmark_node_get_literal(p);
  cmark_node *pText = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(pText, zLit ? zLit : "");
  cmark_node *pNew = pText;
  if (cmark_node_get_type(p) == CMARK_NODE_HTML_BLOCK) {
    pNew = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(pNew, pText);
  }
  cmark_node_replace(p, pNew);
  cmark_node_free(p);
  return pNew;
}

/*
** HTML for the CommonMark text zMd (NULL reads ""), a new string of
** pArena.  Raw HTML nodes become text first (shown escaped), headings go
** one level down (h1 -> h2, h6 stays h6); cmark's safe rendering drops
** the target of links with unsafe schemes (javascript:, data:…).
*/
char *md_to_html(Arena *pArena, const char *zMd)
{
  const char *z = zMd ? zMd : "";
  cmark_node *pDoc = cmark_parse_document(z, strlen(z),
                                          CMARK_OPT_DEFAULT |
                                          CMARK_OPT_VALIDATE_UTF8);
  cmark_iter *it = cmark_iter_new(pDoc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *p = cmark_iter_get_node(it);
    cmark_node_type t = cmark_node_get_type(p);
    if (ev != CMARK_EVENT_ENTER) continue;
    if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
      cmark_node *pNew = md_html_to_text(p);
      /* continue after the new node (its text child needs no visit) */
      cmark_iter_reset(it, pNew, CMARK_EVENT_EXIT);
    } else if (t == CMARK_NODE_HEADING) {
      int n = cmark_node_get_heading_level(p);
      cmark_node_set_heading_level(p, n < 6 ? n + 1 : 6);
    }
  }
  cmark_iter_free(it);
  char *zHtml = cmark_render_html(pDoc, CMARK_OPT_DEFAULT);
  cmark_node_free(pDoc);
  char *zOut = arena_strdup(pArena, zHtml ? zHtml : "");
  free(zHtml);
  return zOut;
}
