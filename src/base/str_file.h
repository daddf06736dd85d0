/*
** base/str_file.h: the whole of an open file into a string builder (the
** loop of fread() into str_append() that importers and exports repeat).
*/
#ifndef OASIS_BASE_STR_FILE_H
#define OASIS_BASE_STR_FILE_H
#include <stdio.h>

#include "base/str.h"

/* Append every byte left in `in` to s; returns the number appended.  A
** read error ends it early: check ferror(in) when that matters. */
size_t str_append_file(Str *s, FILE *in);

#endif
