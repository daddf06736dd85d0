/*
** web/kit_table.h: a list page's table — the "nothing yet" line when the
** list is empty, else the table, its caption and its column heads — in one
** call, instead of each page writing the same <thead> markup by hand.
**
** The markup is the one the list pages already wrote: a "table-stack"
** table (rows as blocks on phones, each cell labelled by data-label) with
** a plain caption.  For a table wider than the screen, kit_table_begin()
** (web/kit.h) adds the scrolling box.
*/
#ifndef OASIS_WEB_KIT_TABLE_H
#define OASIS_WEB_KIT_TABLE_H
#include "web/web.h"

/*
** When n is 0: the muted paragraph zEmpty (nothing when zEmpty is NULL),
** and 0 is returned.  Else the <table class="zClass"> with its caption
** zCaption and the heads azHead (NULL-ended; a head starting with '#'
** heads a number column: class "num", the '#' not shown), up to and with
** <tbody>; 1 is returned, and the caller writes its n rows, then
** kit_list_end().  Texts are escaped here.
*/
int kit_list_begin(Req *req, int n, const char *zEmpty, const char *zClass,
                   const char *zCaption, const char *const *azHead);
/* Close what kit_list_begin() opened. */
void kit_list_end(Req *req);

#endif
