/*
** web/kit_forget.c: the audit trail forgets a person (see kit_forget.h).
*/
#include "web/kit_forget.h"

int kit_audit_forget(Store *db, const char *zEntity, int64_t id, Err *err)
{
  Stmt *q = store_stmt(db,
      "UPDATE audit_log SET "
      "before_json = CASE WHEN json_valid(before_json) AND "
      " json_type(before_json) = 'object' THEN (SELECT json_object('champs',"
      " json_group_array(key)) FROM json_each(audit_log.before_json)) END, "
      "after_json = CASE WHEN json_valid(after_json) AND "
      " json_type(after_json) = 'object' THEN (SELECT json_object('champs',"
      " json_group_array(key)) FROM json_each(audit_log.after_json)) END "
      "WHERE entity = ?1 AND entity_id = ?2");
  store_bind_list(q, STORE_V(zEntity), STORE_V(id));
  return store_exec(q, err);
}
