/*
** cases/store_more.c: the SQL of partners, saved filters, attachments,
** reminders, statistics and anonymisation (GDPR).
**
** Attachment bytes are written outside the database, in the attachments
** directory, under their SHA-256; the database keeps name, type, size and
** checksum.  Anonymisation erases the personal fields and keeps the coded
** ones the statistics read.  No output formatting here.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "base/mem.h"
#include "cases/cases.h"
#include "cases/store_int.h"
#include "territory/scope.h"
#include "web/web.h"

/* ---- partners ---------------------------------------------------------------- */

/* Replace the rows of a partner's topics or territories by the items of
** comma-separated zList (spaces around items ignored). */
static int store_partner_set(Store *db, int64_t id, int isTopic,
                             const char *zList, Err *err)
{
  Stmt *q = isTopic
      ? store_stmt(db, "DELETE FROM case_partner_topics WHERE partner_id = ?1")
      : store_stmt(db,
                   "DELETE FROM case_partner_territories WHERE partner_id = ?1");
  store_bind_int(q, 1, id);
  int rc = store_exec(q, err);
  for (const char *p = zList; !rc && p && *p;) {
    while (*p == ' ' || *p == ',') p++;
    size_t n = strcspn(p, ",");
    while (n > 0 && p[n - 1] == ' ') n--;
    if (n > 0 && n < 64) {
      char zItem[64];
      memcpy(zItem, p, n);
      zItem[n] = 0;
      if (isTopic && case_code_index(case_needs, zItem) < 0) {
        rc = err_set(err, ERR_INPUT, "Thème inconnu : %s.", zItem);
        err_field(err, "themes");
        break;
      }
      q = isTopic ? store_stmt(db, "INSERT OR IGNORE INTO case_partner_topics"
                                   "(partner_id, need) VALUES (?1, ?2)")
                  : store_stmt(db, "INSERT OR IGNORE INTO"
                                   " case_partner_territories(partner_id, code)"
                                   " VALUES (?1, ?2)");
      store_bind_int(q, 1, id);
      store_bind_text(q, 2, zItem);
      rc = store_exec(q, err);
    }
    p += strcspn(p, ",");
  }
  return rc;
}

int case_partner_save(Store *db, const Partner *p, int64_t *pId, Err *err)
{
  if (!p->zName || !*p->zName || strlen(p->zName) > 200) {
    err_set(err, ERR_INPUT, "Indiquez le nom du partenaire (200 caractères au"
            " plus).");
    err_field(err, "nom");
    return ERR_INPUT;
  }
  if (case_code_index(case_partner_kinds, p->zKind) < 0) {
    err_set(err, ERR_INPUT, "Choisissez le type de partenaire.");
    err_field(err, "type");
    return ERR_INPUT;
  }
  int rc = store_begin(db, err);
  if (rc) return rc;
  Stmt *q = store_stmt(db, "SELECT count(*) FROM case_partners"
                           " WHERE name = ?1 AND id <> ?2");
  store_bind_text(q, 1, p->zName);
  store_bind_int(q, 2, p->id);
  if (store_one_int(q, 0)) {
    rc = err_set(err, ERR_INPUT, "Un partenaire porte déjà ce nom.");
    err_field(err, "nom");
    goto done;
  }
  if (p->id) {
    q = store_stmt(db, "UPDATE case_partners SET name = ?2, kind = ?3,"
                       " email = ?4, phone = ?5, website = ?6, notes = ?7,"
                       " is_public = ?8 WHERE id = ?1");
  } else {
    q = store_stmt(db, "INSERT INTO case_partners(name, kind, email, phone,"
                       " website, notes, is_public)"
                       " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  }
  if (p->id) store_bind_int(q, 1, p->id);
  store_bind_text(q, 2, p->zName);
  store_bind_text(q, 3, p->zKind);
  store_bind_text(q, 4, p->zEmail ? p->zEmail : "");
  store_bind_text(q, 5, p->zPhone ? p->zPhone : "");
  store_bind_text(q, 6, p->zWebsite ? p->zWebsite : "");
  store_bind_text(q, 7, p->zNotes ? p->zNotes : "");
  store_bind_int(q, 8, p->isPublic ? 1 : 0);
  if ((rc = store_exec(q, err))) goto done;
  if (p->id && store_changes(db) == 0) {
    rc = err_set(err, ERR_NOTFOUND, "Partenaire introuvable.");
    goto done;
  }
  int64_t id = p->id ? p->id : store_last_id(db);
  rc = store_partner_set(db, id, 1, p->zTopics, err);
  if (!rc) rc = store_partner_set(db, id, 0, p->zTerritories, err);
  if (!rc) *pId = id;
done:
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

#define PARTNER_COLS \
  "p.id, p.name, p.kind, p.email, p.phone, p.website, p.notes," \
  " coalesce((SELECT group_concat(need, ',') FROM case_partner_topics" \
  "           WHERE partner_id = p.id), '')," \
  " coalesce((SELECT group_concat(code, ',') FROM case_partner_territories" \
  "           WHERE partner_id = p.id), ''), p.is_public"

static const StoreCol aPartnerCol[] = {
  STORE_COL(Partner, id),
  STORE_COL(Partner, zName),
  STORE_COL(Partner, zKind),
  STORE_COL(Partner, zEmail),
  STORE_COL(Partner, zPhone),
  STORE_COL(Partner, zWebsite),
  STORE_COL(Partner, zNotes),
  STORE_COL(Partner, zTopics),
  STORE_COL(Partner, zTerritories),
  STORE_COL(Partner, isPublic),
};

int case_partner_get(Store *db, Arena *arena, int64_t id, Partner *p,
                     Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " PARTNER_COLS
                           " FROM case_partners p WHERE p.id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, arena, aPartnerCol, STORE_NCOL(aPartnerCol), p,
                        "Partenaire introuvable.", err);
}

/*
** A partner matches when it helps with the need (or no need was given) and
** covers the territory: no territory row means everywhere, and a row
** matches a code it equals or prefixes (a département "15" covers the
** commune "15014").
*/
int case_partner_list(Store *db, Arena *arena, const char *zNeed,
                      const char *zTerritory, int isAll, Partner **paOut,
                      int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db,
      "SELECT " PARTNER_COLS ", ("
      "  (?1 IS NULL OR EXISTS (SELECT 1 FROM case_partner_topics x"
      "    WHERE x.partner_id = p.id AND x.need = ?1))"
      "  AND (?2 IS NULL OR NOT EXISTS (SELECT 1 FROM case_partner_territories"
      "    y WHERE y.partner_id = p.id) OR EXISTS (SELECT 1 FROM"
      "    case_partner_territories y WHERE y.partner_id = p.id"
      "    AND substr(?2, 1, length(y.code)) = y.code))) AS fit"
      " FROM case_partners p WHERE ?3 OR fit ORDER BY fit DESC, p.name");
  store_bind_list(q, store_v_opt(zNeed), store_v_opt(zTerritory),
                  STORE_V(isAll ? 1 : 0));
  return store_rows_cols(q, arena, aPartnerCol, STORE_NCOL(aPartnerCol),
                         sizeof **paOut, (void **)paOut, pnOut, err);
}

int case_contact_add(Store *db, const PartnerContact *c, Err *err)
{
  if (!c->zName || !*c->zName || strlen(c->zName) > 200) {
    err_set(err, ERR_INPUT, "Indiquez le nom du contact.");
    err_field(err, "contact_nom");
    return ERR_INPUT;
  }
  Stmt *q = store_stmt(db, "INSERT INTO case_partner_contacts(partner_id,"
                           " name, role, email, phone)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)");
  store_bind_list(q, STORE_V(c->partnerId), STORE_V(c->zName),
                  STORE_V(c->zRole ? c->zRole : ""),
                  STORE_V(c->zEmail ? c->zEmail : ""),
                  STORE_V(c->zPhone ? c->zPhone : ""));
  return store_exec(q, err);
}

static const StoreCol aPartnerContactCol[] = {
  STORE_COL(PartnerContact, id),
  STORE_COL(PartnerContact, partnerId),
  STORE_COL(PartnerContact, zName),
  STORE_COL(PartnerContact, zRole),
  STORE_COL(PartnerContact, zEmail),
  STORE_COL(PartnerContact, zPhone),
};

int case_contact_list(Store *db, Arena *arena, int64_t partnerId,
                      PartnerContact **paOut, int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, partner_id, name, role, email, phone"
                           " FROM case_partner_contacts WHERE partner_id = ?1"
                           " ORDER BY name");
  store_bind_int(q, 1, partnerId);
  return store_rows_cols(q, arena, aPartnerContactCol,
                         STORE_NCOL(aPartnerContactCol), sizeof **paOut,
                         (void **)paOut, pnOut, err);
}

/* ---- saved filters ------------------------------------------------------------ */

int case_filter_save(Store *db, int64_t userId, const char *zName,
                     const char *zQuery, Err *err)
{
  if (!zName || !*zName || strlen(zName) > 100) {
    err_set(err, ERR_INPUT, "Donnez un nom au filtre (100 caractères au plus).");
    err_field(err, "nom_filtre");
    return ERR_INPUT;
  }
  Stmt *q = store_stmt(db, "INSERT INTO case_saved_filters(user_id, name,"
                           " query) VALUES (?1, ?2, ?3) ON CONFLICT(user_id,"
                           " name) DO UPDATE SET query = excluded.query");
  store_bind_list(q, STORE_V(userId), STORE_V(zName),
                  STORE_V(zQuery ? zQuery : ""));
  return store_exec(q, err);
}

int case_filter_delete(Store *db, int64_t userId, int64_t id, Err *err)
{
  Stmt *q = store_stmt(db, "DELETE FROM case_saved_filters"
                           " WHERE id = ?1 AND user_id = ?2");
  store_bind_int(q, 1, id);
  store_bind_int(q, 2, userId);
  return store_exec(q, err);
}

int case_filter_list(Store *db, Arena *arena, int64_t userId,
                     int64_t **paId, const char ***pazName,
                     const char ***pazQuery, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, name, query FROM case_saved_filters"
                           " WHERE user_id = ?1 ORDER BY name LIMIT 100");
  store_bind_int(q, 1, userId);
  int64_t *aId = arena_alloc(arena, sizeof *aId * 100);
  const char **azName = arena_alloc(arena, sizeof *azName * 100);
  const char **azQuery = arena_alloc(arena, sizeof *azQuery * 100);
  int n = 0, rc;
  while ((rc = store_step(q, err)) == 1) {
    aId[n] = store_col_int(q, 0);
    azName[n] = store_col_dup(arena, q, 1);
    azQuery[n] = store_col_dup(arena, q, 2);
    n++;
  }
  *paId = aId;
  *pazName = azName;
  *pazQuery = azQuery;
  *pn = n;
  return rc;
}

/* ---- attachments --------------------------------------------------------------- */

const char *case_attach_dir(Store *db, Arena *arena)
{
  return case_attach_dir_for(store_path(db), arena);
}

const char *case_attach_dir_for(const char *zDb, Arena *arena)
{
  const char *z = getenv("OASIS_ATTACH_DIR");
  if (z && *z) return arena_strdup(arena, z);
  const char *zSlash = strrchr(zDb, '/');
  if (!zSlash) return arena_strdup(arena, "attachments");
  return arena_printf(arena, "%.*s/attachments", (int)(zSlash - zDb), zDb);
}

/* mkdir -p zDir (mode 0700: the files are personal data). */
static int store_mkdirs(const char *zDir, Err *err)
{
  char zPath[1024];
  if (snprintf(zPath, sizeof zPath, "%s", zDir) >= (int)sizeof zPath) {
    return err_set(err, ERR_IO, "Chemin des pièces jointes trop long.");
  }
  for (char *p = zPath + 1;; p++) {
    if (*p == '/' || *p == 0) {
      char c = *p;
      *p = 0;
      if (mkdir(zPath, 0700) && errno != EEXIST) {
        return err_set(err, ERR_IO, "Impossible de créer le dossier %s.",
                       zPath);
      }
      *p = c;
      if (!c) break;
    }
  }
  return 0;
}

/* Write the bytes to zDir/zSha unless a file of that name is there already
** (same checksum, same bytes); write then rename, so a reader never sees
** half a file. */
static int store_write_blob(const char *zDir, const char *zSha,
                            const unsigned char *a, size_t n, Err *err)
{
  char zPath[1200], zTmp[1300];
  snprintf(zPath, sizeof zPath, "%s/%s", zDir, zSha);
  if (access(zPath, F_OK) == 0) return 0;
  snprintf(zTmp, sizeof zTmp, "%s.%ld.tmp", zPath, (long)getpid());
  FILE *f = fopen(zTmp, "wb");
  if (!f) return err_set(err, ERR_IO, "Impossible d'écrire la pièce jointe.");
  size_t nDone = fwrite(a, 1, n, f);
  int isBad = fclose(f) != 0 || nDone != n;
  if (isBad || rename(zTmp, zPath)) {
    unlink(zTmp);
    return err_set(err, ERR_IO, "Impossible d'écrire la pièce jointe.");
  }
  return 0;
}

int case_attachment_add(Store *db, int64_t dossierId, const char *zDir,
                        const char *zName, const char *zType,
                        const unsigned char *a, size_t n,
                        const CaseActor *pBy, int64_t now, int64_t *pId,
                        Err *err)
{
  static const struct { const char *zExt, *zType; } aType[] = {
    {".pdf", "application/pdf"}, {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"}, {".png", "image/png"},
    {".odt", "application/vnd.oasis.opendocument.text"},
    {".docx", "application/vnd.openxmlformats-officedocument."
              "wordprocessingml.document"},
  };
  char zSha[65], zNow[24];
  int rc = case_attachment_check(zName, zType, a, n, err);
  if (rc) return rc;
  /* The stored type follows the checked extension, not the client's word. */
  const char *zDot = strrchr(zName, '.');
  const char *zStoredType = "application/octet-stream";
  for (size_t i = 0; i < sizeof aType / sizeof *aType; i++) {
    if (!strcasecmp(zDot, aType[i].zExt)) zStoredType = aType[i].zType;
  }
  web_sha256_hex(a, n, zSha);
  if ((rc = store_mkdirs(zDir, err))) return rc;
  if ((rc = store_write_blob(zDir, zSha, a, n, err))) return rc;
  if ((rc = store_begin(db, err))) return rc;
  Stmt *q = store_stmt(db, "INSERT INTO case_attachments(dossier_id, at,"
                           " file_name, content_type, size, sha256,"
                           " uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  store_bind_list(q, STORE_V(dossierId), STORE_V(case_time_format(now, zNow)),
                  STORE_V(zName), STORE_V(zStoredType),
                  STORE_V((int64_t)n), STORE_V(zSha),
                  STORE_V(pBy && pBy->zName ? pBy->zName : ""));
  rc = store_exec(q, err);
  if (!rc) *pId = store_last_id(db);
  if (!rc) rc = case_touch(db, dossierId, now, err);
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

static const StoreCol aCaseAttachmentCol[] = {
  STORE_COL(CaseAttachment, id),
  STORE_COL(CaseAttachment, dossierId),
  STORE_COL(CaseAttachment, zAt),
  STORE_COL(CaseAttachment, zName),
  STORE_COL(CaseAttachment, zType),
  STORE_COL(CaseAttachment, nSize),
  STORE_COL(CaseAttachment, zSha256),
  STORE_COL(CaseAttachment, zBy),
};

int case_attachment_list(Store *db, Arena *arena, int64_t dossierId,
                         CaseAttachment **paOut, int *pnOut, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, dossier_id, at, file_name,"
                           " content_type, size, sha256, uploaded_by"
                           " FROM case_attachments WHERE dossier_id = ?1"
                           " ORDER BY id LIMIT 200");
  store_bind_int(q, 1, dossierId);
  return store_rows_cols(q, arena, aCaseAttachmentCol,
                         STORE_NCOL(aCaseAttachmentCol), sizeof **paOut,
                         (void **)paOut, pnOut, err);
}

int case_attachment_get(Store *db, Arena *arena, int64_t id,
                        CaseAttachment *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, dossier_id, at, file_name,"
                           " content_type, size, sha256, uploaded_by"
                           " FROM case_attachments WHERE id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, arena, aCaseAttachmentCol,
                        STORE_NCOL(aCaseAttachmentCol), p,
                        "Pièce jointe introuvable.", err);
}

/* ---- statistics ---------------------------------------------------------------- */

int case_stats_load(Store *db, Arena *arena, const char *zFrom,
                    const char *zTo, CaseStats *p, Err *err)
{
  TerrScope scope;            /* one territory: installations elsewhere */
  int rcScope = terr_scope_load(db, arena, &scope, err);
  if (rcScope) return rcScope;
  Stmt *q = store_stmt(db,
      "SELECT d.created_at, coalesce(d.first_contact_at, ''),"
      " coalesce(d.closed_at, ''), d.profession, d.channel,"
      " coalesce(d.outcome, ''), d.outcome_commune,"
      " coalesce((SELECT group_concat(t.need) FROM case_tasks t"
      "           WHERE t.dossier_id = d.id), ''),"
      " ?3 IS NOT NULL AND coalesce(d.outcome_commune, '') <> '' AND NOT"
      " EXISTS (SELECT 1 FROM communes c WHERE c.code = d.outcome_commune"
      "         AND c.dep IN (SELECT value FROM json_each(?3)))"
      " FROM case_dossiers d WHERE (?1 IS NULL OR d.created_at >= ?1)"
      " AND (?2 IS NULL OR d.created_at < date(?2, '+1 day'))");
  store_bind_list(q, store_v_opt(zFrom), store_v_opt(zTo),
                  STORE_V(scope.nDep ? scope.zJson : NULL));
  int n = 0, rc;
  CaseStatRow *a = NULL;
  while ((rc = store_step(q, err)) == 1) {
    store_grow((void **)&a, n, sizeof *a, arena);
    CaseStatRow *r = &a[n++];
    case_time_parse(store_col_text(q, 0), &r->tCreated);
    if (case_time_parse(store_col_text(q, 1), &r->tFirstContact)) {
      r->tFirstContact = 0;
    }
    if (case_time_parse(store_col_text(q, 2), &r->tClosed)) r->tClosed = 0;
    r->zProfession = store_col_dup(arena, q, 3);
    r->zChannel = store_col_dup(arena, q, 4);
    r->zOutcome = store_col_dup(arena, q, 5);
    r->zOutcomeCommune = store_col_dup(arena, q, 6);
    r->needMask = case_need_mask(store_col_text(q, 7));
    r->isOutside = (int)store_col_int(q, 8);
  }
  if (rc < 0) return rc;
  case_stats_compute(arena, a, n, p);
  return 0;
}

/* ---- GDPR ---------------------------------------------------------------------- */

/* Remove the file of checksum zSha when no attachment row refers to it. */
static void store_unlink_orphan(Store *db, const char *zDir, const char *zSha)
{
  Stmt *q = store_stmt(db,
      "SELECT count(*) FROM case_attachments WHERE sha256 = ?1");
  store_bind_text(q, 1, zSha);
  if (store_one_int(q, 1) != 0) return;
  char zPath[1200];
  snprintf(zPath, sizeof zPath, "%s/%s", zDir, zSha);
  if (unlink(zPath) && errno != ENOENT) {
    log_warn("cases: cannot remove attachment file %s", zSha);
  }
}

/*
** Kept: reference, state, channel, profession, status, project, territory
** code, wished month, needs and their states, partners, dates, outcome and
** its commune, agent, open log.  Erased: names, e-mail, phone, free text,
** territory as typed, sub-task notes, transition reasons, private notes,
** messages, attachments (rows and files).
*/
static CaseEraseHook xErase;      /* set once by app/compose.c */

void case_erase_hook_set(CaseEraseHook x)
{
  xErase = x;
}

int case_dossier_anonymise(Store *db, int64_t id, const char *zAttachDir,
                           int64_t now, Err *err)
{
  char zNow[24];
  /* Files are removed after the commit; inside a caller's transaction that
  ** commit is not ours, and a rollback after the unlink would leave rows
  ** without files.  So this runs on its own. */
  if (store_depth(db) > 0) {
    return err_set(err, ERR_INTERNAL, "anonymisation appelée dans une "
                   "transaction");
  }
  Arena *arena = arena_new();
  int nSha = 0;
  const char **azSha = NULL;
  int rc = store_begin(db, err);
  if (rc) goto done;
  Stmt *q = store_stmt(db, "SELECT DISTINCT sha256 FROM case_attachments"
                           " WHERE dossier_id = ?1 LIMIT 200");
  store_bind_int(q, 1, id);
  azSha = arena_alloc(arena, sizeof *azSha * 200);
  while ((rc = store_step(q, err)) == 1) {
    azSha[nSha++] = store_col_dup(arena, q, 0);
  }
  static const char *const azSql[] = {
    "UPDATE case_dossiers SET first_name = '', last_name = '', email = '',"
    " phone = '', message = '', territory_label = '', idem_token = NULL,"
    " anonymised_at = coalesce(anonymised_at, ?2) WHERE id = ?1",
    "UPDATE case_tasks SET notes = '' WHERE dossier_id = ?1",
    "UPDATE case_transitions SET reason = '' WHERE dossier_id = ?1",
    "DELETE FROM case_notes WHERE dossier_id = ?1",
    "DELETE FROM case_messages WHERE dossier_id = ?1",
    "DELETE FROM case_attachments WHERE dossier_id = ?1",
    "DELETE FROM case_outbox WHERE dossier_id = ?1",
    "DELETE FROM case_follow WHERE dossier_id = ?1",
    "UPDATE case_opinions SET body = '', attachment_id = NULL"
    " WHERE dossier_id = ?1",
    "DELETE FROM case_task_links WHERE task_id IN"
    " (SELECT id FROM case_tasks WHERE dossier_id = ?1)",
  };
  case_time_format(now, zNow);
  for (size_t i = 0; i < sizeof azSql / sizeof *azSql && !rc; i++) {
    q = store_stmt(db, azSql[i]);
    store_bind_int(q, 1, id);
    if (i == 0) store_bind_text(q, 2, zNow);
    rc = store_exec(q, err);
    if (!rc && i == 0 && store_changes(db) == 0) {
      rc = err_set(err, ERR_NOTFOUND, "Dossier introuvable.");
    }
  }
  if (!rc && xErase) rc = xErase(db, id, err);
  rc = rc ? store_rollback(db, rc) : store_commit(db, err);
  /* Files go once the rows are gone for good (never before the commit). */
  for (int i = 0; !rc && i < nSha; i++) {
    store_unlink_orphan(db, zAttachDir, azSha[i]);
  }
done:
  arena_free(arena);
  return rc;
}

int case_anonymise_due(Store *db, const char *zAttachDir, int nYear,
                       int64_t now, int *pnDone, Err *err)
{
  char zLimit[24];
  /* closed_at + nYear years <= now  <=>  closed_at <= now - nYear years */
  case_time_format(case_add_years(now, -nYear), zLimit);
  Stmt *q = store_stmt(db, "SELECT id FROM case_dossiers WHERE state = 'clos'"
                           " AND anonymised_at IS NULL AND closed_at <= ?1"
                           " ORDER BY id");
  store_bind_text(q, 1, zLimit);
  int n = 0, nCap = 0, rc;
  int64_t *aId = NULL;
  while ((rc = store_step(q, err)) == 1) {
    if (n == nCap) {
      nCap = nCap ? nCap * 2 : 64;
      aId = xrealloc(aId, sizeof *aId * (size_t)nCap);
    }
    aId[n++] = store_col_int(q, 0);
  }
  *pnDone = 0;
  for (int i = 0; rc == 0 && i < n; i++) {
    rc = case_dossier_anonymise(db, aId[i], zAttachDir, now, err);
    if (!rc) (*pnDone)++;
  }
  free(aId);
  return rc;
}

int case_person_dossiers(Store *db, Arena *arena, const char *zEmail,
                         int64_t **paId, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id FROM case_dossiers"
                           " WHERE email = ?1 COLLATE NOCASE AND email <> ''"
                           " AND anonymised_at IS NULL ORDER BY id LIMIT 500");
  store_bind_text(q, 1, zEmail);
  int64_t *a = arena_alloc(arena, sizeof *a * 500);
  int n = 0, rc;
  while ((rc = store_step(q, err)) == 1) a[n++] = store_col_int(q, 0);
  *paId = a;
  *pn = n;
  return rc;
}

/* ---- side panel: the observatory's figures, when present ----------------------- */

/*
** The territory, observatory and centres modules own these tables and may
** not be installed (or may differ in this build).  The statements are
** prepared here without the cache, whose failures abort: a missing table
** or column only leaves a figure out ("indicateur non disponible").
*/
static sqlite3_stmt *store_try_prepare(Store *db, const char *zSql)
{
  sqlite3_stmt *q = NULL;
  if (sqlite3_prepare_v2(store_handle(db), zSql, -1, &q, NULL) != SQLITE_OK) {
    sqlite3_finalize(q);
    return NULL;
  }
  return q;
}

void case_commune_info(Store *db, Arena *arena, const char *zCode,
                       CaseCommuneInfo *p)
{
  memset(p, 0, sizeof *p);
  p->nCentre = -1;
  if (!zCode || !*zCode) return;
  sqlite3_stmt *q = store_try_prepare(db,
      "SELECT name, coalesce(dep, '') FROM communes WHERE code = ?1");
  if (q) {
    sqlite3_bind_text(q, 1, zCode, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) == SQLITE_ROW) {
      p->hasCommune = 1;
      p->zName = arena_strdup(arena, (const char *)sqlite3_column_text(q, 0));
      p->zDep = arena_strdup(arena, (const char *)sqlite3_column_text(q, 1));
    }
    sqlite3_finalize(q);
  }
  q = store_try_prepare(db, "SELECT apl, vintage FROM apl_reference"
                            " WHERE commune = ?1 ORDER BY vintage DESC LIMIT 1");
  if (q) {
    sqlite3_bind_text(q, 1, zCode, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) == SQLITE_ROW &&
        sqlite3_column_type(q, 0) != SQLITE_NULL) {
      p->hasApl = 1;
      p->apl = sqlite3_column_double(q, 0);
      p->aplVintage = sqlite3_column_int(q, 1);
    }
    sqlite3_finalize(q);
  }
  q = store_try_prepare(db,
      "SELECT count(*) FROM centre_site WHERE commune = ?1");
  if (q) {
    sqlite3_bind_text(q, 1, zCode, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) == SQLITE_ROW) p->nCentre = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
  }
}
