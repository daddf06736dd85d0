/*
** web/kit_forget.h: the audit trail forgets a person.  When a module erases
** someone's personal data, the copies of the record kept in audit_log go
** too: each before/after JSON keeps its field names, not their values.
*/
#ifndef OASIS_WEB_KIT_FORGET_H
#define OASIS_WEB_KIT_FORGET_H
#include <stdint.h>

#include "store/store.h"

/* In every audit entry about (zEntity, id), replace the before and after
** records by {"champs": [their field names]}.  Run it inside the erasure's
** transaction.  0 or < 0 with err filled. */
int kit_audit_forget(Store *db, const char *zEntity, int64_t id, Err *err);

#endif
