/*
** cases/store_groups.c: instructor groups, by territory and need, and the
** routing of new requests to them (issue 14, item 4).
**
** case_group_score() is the pure rule; the rest is SQL.  A request goes
** to the group that fits it best; nobody is assigned by it: the group's
** members see the request in their reminders until one of them takes it.
*/
#include <stdio.h>
#include <string.h>

#include "cases/store_int.h"

/* Is zCode one of the comma-separated codes of zList (blanks ignored)? */
static int list_has(const char *zList, const char *zCode)
{
  size_t n = strlen(zCode);
  if (n == 0) return 0;
  for (const char *z = zList; z && *z;) {
    while (*z == ' ' || *z == ',') z++;
    size_t k = strcspn(z, ", ");
    if (k == n && !strncmp(z, zCode, n)) return 1;
    z += k;
  }
  return 0;
}

static int list_empty(const char *zList)
{
  return !zList || zList[strspn(zList, " ,")] == 0;
}

int case_group_score(const char *zTerritories, const char *zNeeds,
                     const char *zKind, const char *zCode, unsigned needMask)
{
  int terr = 0, need = 0;
  if (list_empty(zTerritories)) {
    terr = 1;
  } else if (zCode && *zCode) {
    char zDep[4] = "";
    int isCommune = zKind && !strcmp(zKind, "commune") && strlen(zCode) == 5;
    if (isCommune) {
      /* the overseas départements have 3 digits: 971..976 */
      snprintf(zDep, sizeof zDep, "%.*s", !strncmp(zCode, "97", 2) ? 3 : 2,
               zCode);
    }
    if (list_has(zTerritories, zCode)) {
      terr = isCommune ? 4 : 3;                  /* commune, or EPCI */
    } else if (zDep[0] && list_has(zTerritories, zDep)) {
      terr = 2;
    }
  }
  if (terr == 0) return 0;
  if (list_empty(zNeeds)) {
    need = 1;
  } else {
    for (int i = 0; case_needs[i].zCode; i++) {
      if ((needMask & (1u << i)) && list_has(zNeeds, case_needs[i].zCode)) {
        need = 2;
      }
    }
  }
  return need ? terr * 3 + need : 0;
}

/* Codes of zList that are not need codes: the first one, or NULL. */
static const char *group_bad_need(Arena *arena, const char *zList)
{
  for (const char *z = zList; z && *z;) {
    while (*z == ' ' || *z == ',') z++;
    size_t k = strcspn(z, ", ");
    if (k > 0) {
      char *zOne = arena_strndup(arena, z, k);
      if (case_code_index(case_needs, zOne) < 0) return zOne;
    }
    z += k;
  }
  return NULL;
}

int case_group_save(Store *db, const CaseGroup *g, const int64_t *aUser,
                    const char *const *azName, int nUser, int64_t now,
                    int64_t *pId, Err *err)
{
  char zNow[24];
  Arena *arena = arena_new();
  const char *zBad = group_bad_need(arena, g->zNeeds);
  int rc = 0;
  if (!g->zName || !*g->zName) {
    err_set(err, ERR_INPUT, "Donnez un nom au groupe.");
    err_field(err, "nom");
    rc = ERR_INPUT;
  } else if (zBad) {
    err_set(err, ERR_INPUT, "Besoin inconnu : %s.", zBad);
    err_field(err, "besoins");
    rc = ERR_INPUT;
  }
  arena_free(arena);
  if (rc) return rc;
  Stmt *q = store_stmt(db, "SELECT count(*) FROM case_groups"
                           " WHERE name = ?1 AND id <> ?2");
  store_bind_text(q, 1, g->zName);
  store_bind_int(q, 2, g->id);
  if (store_one_int(q, 0) > 0) {
    err_set(err, ERR_INPUT, "Un groupe porte déjà ce nom.");
    err_field(err, "nom");
    return ERR_INPUT;
  }
  if ((rc = store_begin(db, err))) return rc;
  if (g->id) {
    q = store_stmt(db, "UPDATE case_groups SET name = ?2, territories = ?3,"
                       " needs = ?4 WHERE id = ?1");
    store_bind_int(q, 1, g->id);
  } else {
    q = store_stmt(db, "INSERT INTO case_groups(name, territories, needs,"
                       " created_at) VALUES (?2, ?3, ?4, ?5)");
    store_bind_text(q, 5, case_time_format(now, zNow));
  }
  store_bind_text(q, 2, g->zName);
  store_bind_text(q, 3, g->zTerritories ? g->zTerritories : "");
  store_bind_text(q, 4, g->zNeeds ? g->zNeeds : "");
  rc = store_exec(q, err);
  *pId = g->id ? g->id : store_last_id(db);
  if (!rc) {
    q = store_stmt(db, "DELETE FROM case_group_members WHERE group_id = ?1");
    store_bind_int(q, 1, *pId);
    rc = store_exec(q, err);
  }
  for (int i = 0; !rc && i < nUser; i++) {
    q = store_stmt(db, "INSERT OR IGNORE INTO case_group_members(group_id,"
                       " user_id, user_name) VALUES (?1, ?2, ?3)");
    store_bind_list(q, STORE_V(*pId), STORE_V(aUser[i]), STORE_V(azName[i]));
    rc = store_exec(q, err);
  }
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

static const StoreCol aCaseGroupCol[] = {
  STORE_COL(CaseGroup, id),
  STORE_COL(CaseGroup, zName),
  STORE_COL(CaseGroup, zTerritories),
  STORE_COL(CaseGroup, zNeeds),
  STORE_COL(CaseGroup, zMembers),
  STORE_COL(CaseGroup, nNew),
};

int case_group_list(Store *db, Arena *arena, CaseGroup **paOut, int *pnOut,
                    Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT g.id, g.name, g.territories, g.needs,"
      " coalesce((SELECT group_concat(m.user_name, ', ') FROM"
      "  case_group_members m WHERE m.group_id = g.id), ''),"
      " (SELECT count(*) FROM case_dossiers d WHERE d.group_id = g.id"
      "  AND d.agent_id IS NULL AND d.state = 'nouveau')"
      " FROM case_groups g ORDER BY g.name");
  return store_rows_cols(q, arena, aCaseGroupCol, STORE_NCOL(aCaseGroupCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}

int case_group_route(Store *db, int64_t id, int64_t *pGroupId, Err *err)
{
  Arena *arena = arena_new();
  Dossier d;
  CaseGroup *a = NULL;
  int n = 0, best = 0;
  *pGroupId = 0;
  int rc = case_dossier_get(db, arena, id, &d, err);
  if (!rc) rc = case_group_list(db, arena, &a, &n, err);
  for (int i = 0; !rc && i < n; i++) {
    int s = case_group_score(a[i].zTerritories, a[i].zNeeds, d.zTerritoryKind,
                             d.zTerritoryCode, d.needMask);
    /* the best fit; among equals the oldest group (lowest id) */
    if (s > best || (s == best && s > 0 && a[i].id < *pGroupId)) {
      best = s;
      *pGroupId = a[i].id;
    }
  }
  if (!rc && *pGroupId) {
    Stmt *q = store_stmt(db, "UPDATE case_dossiers SET group_id = ?2"
                             " WHERE id = ?1");
    store_bind_int(q, 1, id);
    store_bind_int(q, 2, *pGroupId);
    rc = store_exec(q, err);
  }
  arena_free(arena);
  return rc;
}
