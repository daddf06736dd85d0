/*
** base/err_input.h: refusing an input in one call.  Every check of a
** record ends the same way: an ERR_INPUT with a French message, and the
** form or JSON field it is about (the page's error box links to it, the
** API names it in "field").
*/
#ifndef OASIS_BASE_ERR_INPUT_H
#define OASIS_BASE_ERR_INPUT_H
#include "base/err.h"

/* err_set(err, ERR_INPUT, zFmt, …) then err_field(err, zField): the
** first message sticks, the field is the last one named.  Returns
** ERR_INPUT, so `return err_input(err, "nom", "nom : obligatoire")`. */
int err_input(Err *err, const char *zField, const char *zFmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
