/*
** web/markdown.h: Markdown (CommonMark) to HTML for the pages every module
** writes from the team's texts.  Safe by construction: raw HTML in the
** source is shown as text, never passed through.
*/
#ifndef OASIS_WEB_MARKDOWN_H
#define OASIS_WEB_MARKDOWN_H
#include "base/arena.h"

/* HTML for the CommonMark text zMd (NULL reads ""), into a new string of
** pArena.  Raw HTML in the source is shown as text (escaped), links with
** unsafe schemes (javascript:, data: …) lose their target, headings go one
** level down (the page's title is the only <h1>). */
char *md_to_html(Arena *pArena, const char *zMd);

#endif
