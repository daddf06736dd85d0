/*
** portal/store.c: every SQL statement of the portal (tables portal_*).
**
** Functions here write without opening a transaction of their own: the
** caller (a page, the API) opens one around the write and its audit
** entry, so both land or neither.  Checks that need no database live in
** rules.c; this file adds those that do (a slug taken, an event full).
*/
#include <string.h>

#include "portal/portal.h"

/* ---- settings -------------------------------------------------------- */

/* Setting keys, in the order of struct PortalSettings. */
static const char *const azKey[] = {
  "name", "tagline", "logo_url", "color_primary", "color_accent", "intro",
  "why_md", "contact", "widget_origins", "territory",
};
#define N_KEY (int)(sizeof azKey / sizeof azKey[0])
/* The same settings under their public (API, form, audit) names. */
static const char *const azSettingName[] = {
  "nom", "accroche", "logo", "couleur_principale", "couleur_secondaire",
  "presentation", "pourquoi_md", "contact", "origines_widget", "territoire",
};

/* The settings as an array of field pointers, in azKey's order. */
static const char **settings_slot(PortalSettings *p, int i)
{
  const char **a[N_KEY] = {
    &p->zName, &p->zTagline, &p->zLogoUrl, &p->zPrimary, &p->zAccent,
    &p->zIntro, &p->zWhyMd, &p->zContact, &p->zOrigins, &p->zTerritory,
  };
  return a[i];
}

int portal_settings_load(Store *db, Arena *pArena, PortalSettings *p,
                         Err *err)
{
  for (int i = 0; i < N_KEY; i++) *settings_slot(p, i) = "";
  Stmt *q = store_stmt(db, "SELECT key, value FROM portal_settings");
  int rc;
  while ((rc = store_step(q, err)) == 1) {
    const char *zKey = store_col_text(q, 0);
    for (int i = 0; i < N_KEY; i++) {
      if (strcmp(zKey, azKey[i]) == 0) {
        *settings_slot(p, i) = arena_strdup(pArena, store_col_text(q, 1));
      }
    }
  }
  return rc;
}

int portal_settings_check(Arena *pArena, const PortalSettings *p,
                          const char **pzOrigins, PortalErrors *pe)
{
  Err err = {0};
  Str origins = STR_INIT;
  if (portal_check_text(p->zName, 120, "nom", "le nom du territoire",
                        &err)) {
    portal_error_add(pe, "nom", err.zMsg);
  }
  err_clear(&err);
  if (p->zTagline && strlen(p->zTagline) > 200) {
    portal_error_add(pe, "accroche", "accroche : 200 caractères au plus");
  }
  if (portal_check_logo(p->zLogoUrl, &err)) {
    portal_error_add(pe, "logo", err.zMsg);
  }
  err_clear(&err);
  if (portal_check_color(p->zPrimary, "couleur_principale", &err)) {
    portal_error_add(pe, "couleur_principale", err.zMsg);
  }
  err_clear(&err);
  if (portal_check_color(p->zAccent, "couleur_secondaire", &err)) {
    portal_error_add(pe, "couleur_secondaire", err.zMsg);
  }
  err_clear(&err);
  if (p->zIntro && strlen(p->zIntro) > 2000) {
    portal_error_add(pe, "presentation", "présentation : 2 000 caractères au plus");
  }
  if (p->zWhyMd && strlen(p->zWhyMd) > 20000) {
    portal_error_add(pe, "pourquoi_md", "texte : 20 000 caractères au plus");
  }
  if (p->zContact && strlen(p->zContact) > 2000) {
    portal_error_add(pe, "contact", "contact : 2 000 caractères au plus");
  }
  if (p->zTerritory && p->zTerritory[0] &&
      !portal_is_dep_code(p->zTerritory)) {
    portal_error_add(pe, "territoire", "département : un code comme 41, 2A "
                     "ou 974 est attendu");
  }
  if (portal_origins_normalize(p->zOrigins, &origins, &err)) {
    portal_error_add(pe, "origines_widget", err.zMsg);
  }
  *pzOrigins = arena_strdup(pArena, str_text(&origins));
  str_free(&origins);
  return pe->n;
}

int portal_settings_save(Store *db, const PortalSettings *p, Err *err)
{
  PortalSettings s = *p;
  for (int i = 0; i < N_KEY; i++) {
    const char *z = *settings_slot(&s, i);
    Stmt *q = store_stmt(db, "INSERT INTO portal_settings (key, value) "
                             "VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE "
                             "SET value = excluded.value");
    store_bind_list(q, STORE_V(azKey[i]), STORE_V(z ? z : ""));
    int rc = store_exec(q, err);
    if (rc) return rc;
  }
  return 0;
}

json_t *portal_settings_json(const PortalSettings *p)
{
  PortalSettings s = *p;
  json_t *o = json_object();
  for (int i = 0; i < N_KEY; i++) {
    const char *z = *settings_slot(&s, i);
    json_object_set_new(o, azSettingName[i], json_string(z ? z : ""));
  }
  return o;
}

/* ---- pages ----------------------------------------------------------- */

#define PAGE_COLS "id, slug, title, body_md, status = 'publie', updated_at"

/* PAGE_COLS' members; after the id, the values saving binds as ?1..?4. */
static const StoreCol aPageCol[] = {
  STORE_COL(PortalPage, id),
  STORE_COL(PortalPage, zSlug),
  STORE_COL(PortalPage, zTitle),
  STORE_COL_EMPTY(PortalPage, zBodyMd),
  STORE_COL(PortalPage, isPublished),
  STORE_COL(PortalPage, zUpdatedAt),
};

int portal_page_list(Store *db, Arena *pArena, int isPublishedOnly,
                     PortalPage **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " PAGE_COLS " FROM portal_pages "
                           "WHERE ?1 = 0 OR status = 'publie' "
                           "ORDER BY title COLLATE NOCASE");
  store_bind_int(q, 1, isPublishedOnly);
  return store_rows_cols(q, pArena, aPageCol, STORE_NCOL(aPageCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int portal_page_get(Store *db, Arena *pArena, int64_t id, PortalPage *p,
                    Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " PAGE_COLS " FROM portal_pages "
                           "WHERE id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, pArena, aPageCol, STORE_NCOL(aPageCol), p,
                        "page introuvable", err);
}

int portal_page_by_slug(Store *db, Arena *pArena, const char *zSlug,
                        PortalPage *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " PAGE_COLS " FROM portal_pages "
                           "WHERE slug = ?1");
  store_bind_text(q, 1, zSlug);
  return store_row_cols(q, pArena, aPageCol, STORE_NCOL(aPageCol), p,
                        "page introuvable", err);
}

int portal_page_check(const PortalPage *p, PortalErrors *pe)
{
  Err err = {0};
  if (portal_check_slug(p->zSlug, &err)) {
    portal_error_add(pe, "slug", err.zMsg);
  }
  err_clear(&err);
  if (portal_check_text(p->zTitle, 200, "titre", "le titre", &err)) {
    portal_error_add(pe, "titre", err.zMsg);
  }
  if (p->zBodyMd && strlen(p->zBodyMd) > 200000) {
    portal_error_add(pe, "texte_md", "texte : 200 000 caractères au plus");
  }
  return pe->n;
}

int portal_page_save(Store *db, PortalPage *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT count(*) FROM portal_pages "
                           "WHERE slug = ?1 AND id <> ?2");
  store_bind_list(q, STORE_V(p->zSlug), STORE_V(p->id));
  if (store_one_int(q, 0) > 0) {
    err_set(err, ERR_INPUT, "cette adresse est déjà prise par une autre "
            "page");
    err_field(err, "slug");
    return ERR_INPUT;
  }
  q = store_upsert(db, p->id,
                   "UPDATE portal_pages SET slug = ?1, title = ?2, "
                   "body_md = ?3, status = CASE ?4 WHEN 1 THEN 'publie' "
                   "ELSE 'brouillon' END, published_at = CASE WHEN ?4 = 1 "
                   "AND status <> 'publie' THEN strftime('%Y-%m-%dT%H:"
                   "%M:%SZ', 'now') WHEN ?4 = 1 THEN published_at END, "
                   "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                   "WHERE id = ?5",
                   "INSERT INTO portal_pages (slug, title, body_md, "
                   "status, published_at) VALUES (?1, ?2, ?3, "
                   "CASE ?4 WHEN 1 THEN 'publie' ELSE 'brouillon' END, "
                   "CASE ?4 WHEN 1 THEN strftime('%Y-%m-%dT%H:%M:%SZ', "
                   "'now') END)");
  store_bind_cols(q, aPageCol + 1, 4, p, 1);
  return store_save(db, q, &p->id, "page introuvable", err);
}

int portal_page_delete(Store *db, int64_t id, Err *err)
{
  return store_delete(db, "DELETE FROM portal_pages WHERE id = ?1", id,
                      "page introuvable", err);
}

json_t *portal_page_json(const PortalPage *p)
{
  return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)p->id,
                   "slug", p->zSlug, "titre", p->zTitle, "texte_md",
                   p->zBodyMd ? p->zBodyMd : "", "etat",
                   p->isPublished ? "publie" : "brouillon", "modifie_le",
                   p->zUpdatedAt ? p->zUpdatedAt : "");
}

/* ---- events ---------------------------------------------------------- */

#define EVENT_COLS \
  "e.id, e.kind, e.title, e.starts_on, e.start_time, e.place, e.body_md, " \
  "e.capacity, e.is_published, e.commune, " \
  "(SELECT count(*) FROM portal_registrations r WHERE r.event_id = e.id)"

/* EVENT_COLS' members; between the id and the count, the values saving
** binds as ?1..?9. */
static const StoreCol aEventCol[] = {
  STORE_COL(PortalEvent, id),
  STORE_COL(PortalEvent, zKind),
  STORE_COL(PortalEvent, zTitle),
  STORE_COL(PortalEvent, zDate),
  STORE_COL_EMPTY(PortalEvent, zTime),
  STORE_COL_EMPTY(PortalEvent, zPlace),
  STORE_COL_EMPTY(PortalEvent, zBodyMd),
  STORE_COL(PortalEvent, capacity),
  STORE_COL(PortalEvent, isPublished),
  STORE_COL_EMPTY(PortalEvent, zCommune),
  STORE_COL(PortalEvent, nRegistered),
};

int portal_event_list(Store *db, Arena *pArena, const char *zFrom,
                      int isPublishedOnly, PortalEvent **pa, int *pn,
                      Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " EVENT_COLS " FROM portal_events e "
                           "WHERE (?1 IS NULL OR e.starts_on >= ?1) "
                           "AND (?2 = 0 OR e.is_published = 1) "
                           "ORDER BY e.starts_on, e.start_time, e.id");
  store_bind_list(q, STORE_V(zFrom), STORE_V(isPublishedOnly));
  PortalEvent *a;
  int n;
  int rc = store_rows_cols(q, pArena, aEventCol, STORE_NCOL(aEventCol),
                           sizeof *a, (void **)&a, &n, err);
  if (rc == 0 && isPublishedOnly) {
    /* the public calendar is the territory's: an event held elsewhere
    ** (entered before the territory was set) stays in the back office */
    TerrScope scope;
    portal_scope(db, pArena, &scope);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!a[i].zCommune[0] ||
          portal_scope_has_commune(db, &scope, a[i].zCommune)) {
        a[k++] = a[i];
      }
    }
    n = k;
  }
  *pa = a;
  *pn = n;
  return rc;
}

int portal_event_get(Store *db, Arena *pArena, int64_t id, PortalEvent *p,
                     Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " EVENT_COLS " FROM portal_events e "
                           "WHERE e.id = ?1");
  store_bind_int(q, 1, id);
  return store_row_cols(q, pArena, aEventCol, STORE_NCOL(aEventCol), p,
                        "événement introuvable", err);
}

int portal_event_check(const PortalEvent *p, const char *zToday,
                       PortalErrors *pe)
{
  Err err = {0};
  if (!portal_label(portal_event_kinds, p->zKind)) {
    portal_error_add(pe, "type", "choisissez le type de rencontre");
  }
  if (portal_check_text(p->zTitle, 200, "titre", "le titre", &err)) {
    portal_error_add(pe, "titre", err.zMsg);
  }
  err_clear(&err);
  if (portal_check_date(p->zDate, "date", &err)) {
    portal_error_add(pe, "date", err.zMsg);
  } else if (zToday && strcmp(p->zDate, zToday) < 0) {
    portal_error_add(pe, "date", "cette date est passée : un événement "
                     "se prévoit aujourd'hui ou plus tard");
  }
  err_clear(&err);
  if (portal_check_time(p->zTime, "heure", &err)) {
    portal_error_add(pe, "heure", err.zMsg);
  }
  if (p->zPlace && strlen(p->zPlace) > 300) {
    portal_error_add(pe, "lieu", "lieu : 300 caractères au plus");
  }
  if (p->capacity < 0 || p->capacity > 100000) {
    portal_error_add(pe, "places", "nombre de places invalide (0 pour "
                     "illimité)");
  }
  if (p->zBodyMd && strlen(p->zBodyMd) > 50000) {
    portal_error_add(pe, "texte_md", "texte : 50 000 caractères au plus");
  }
  return pe->n;
}

int portal_event_save(Store *db, PortalEvent *p, Err *err)
{
  Stmt *q = store_upsert(db, p->id,
      "UPDATE portal_events SET kind = ?1, title = ?2, starts_on = ?3, "
      "start_time = ?4, place = ?5, body_md = ?6, capacity = ?7, "
      "is_published = ?8, commune = ?9, "
      "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?10",
      "INSERT INTO portal_events (kind, title, starts_on, start_time, place, "
      "body_md, capacity, is_published, commune) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  store_bind_cols(q, aEventCol + 1, 9, p, 1);
  return store_save(db, q, &p->id, "événement introuvable", err);
}

int portal_event_delete(Store *db, int64_t id, Err *err)
{
  return store_delete(db, "DELETE FROM portal_events WHERE id = ?1", id,
                      "événement introuvable", err);
}

static const char *event_kind_label(const char *zKind)
{
  const char *z = portal_label(portal_event_kinds, zKind);
  return z ? z : "";
}

json_t *portal_event_json(const PortalEvent *p)
{
  return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:b,"
                   " s:s}",
                   "id", (json_int_t)p->id, "type", p->zKind, "type_libelle",
                   event_kind_label(p->zKind),
                   "titre", p->zTitle, "date", p->zDate, "heure", p->zTime,
                   "lieu", p->zPlace, "texte_md", p->zBodyMd, "places",
                   p->capacity, "inscrits", p->nRegistered, "publie",
                   p->isPublished, "commune",
                   p->zCommune ? p->zCommune : "");
}

/* ---- registrations ------------------------------------------------------ */

int portal_registration_check(const PortalRegistration *r, PortalErrors *pe)
{
  Err err = {0};
  if (portal_check_text(r->zName, 200, "nom", "vos prénom et nom", &err)) {
    portal_error_add(pe, "nom", err.zMsg);
  }
  err_clear(&err);
  if (portal_check_email(r->zEmail, "courriel", &err)) {
    portal_error_add(pe, "courriel", err.zMsg);
  }
  if (!portal_label(portal_profiles, r->zProfile)) {
    portal_error_add(pe, "profil", "choisissez votre profil");
  }
  if (!r->hasConsent) {
    portal_error_add(pe, "consentement", "cochez la case pour accepter que nous "
                     "conservions ces informations");
  }
  return pe->n;
}

/* The columns of a registration a list reads; after the id, the values
** registering binds as ?2..?4. */
static const StoreCol aRegCol[] = {
  STORE_COL(PortalRegistration, id),
  STORE_COL(PortalRegistration, zName),
  STORE_COL(PortalRegistration, zEmail),
  STORE_COL(PortalRegistration, zProfile),
  STORE_COL(PortalRegistration, zCreatedAt),
};

int portal_register(Store *db, const PortalEvent *ev, PortalRegistration *r,
                    const char *zToday, Err *err)
{
  PortalErrors pe = {0};
  if (portal_registration_check(r, &pe)) {
    err_set(err, ERR_INPUT, "%s", pe.azMsg[0]);
    err_field(err, pe.azField[0]);
    return ERR_INPUT;
  }
  if (!ev->isPublished) {
    return err_set(err, ERR_NOTFOUND, "événement introuvable");
  }
  if (strcmp(ev->zDate, zToday) < 0) {
    err_set(err, ERR_INPUT, "cet événement est passé : les inscriptions "
            "sont closes");
    err_field(err, "evenement");
    return ERR_INPUT;
  }
  if (ev->capacity > 0 && ev->nRegistered >= ev->capacity) {
    err_set(err, ERR_INPUT, "cet événement est complet");
    err_field(err, "evenement");
    return ERR_INPUT;
  }
  Stmt *q = store_stmt(db, "SELECT count(*) FROM portal_registrations "
                           "WHERE event_id = ?1 AND email = ?2 "
                           "COLLATE NOCASE");
  store_bind_list(q, STORE_V(ev->id), STORE_V(r->zEmail));
  if (store_one_int(q, 0) > 0) {
    /* already registered: nothing to add, and the answer must not tell a
    ** stranger which addresses are on the list (issue 17) */
    r->id = 0;
    r->eventId = ev->id;
    return 0;
  }
  q = store_stmt(db, "INSERT INTO portal_registrations (event_id, name, "
                     "email, profile, consent_at) VALUES (?1, ?2, ?3, ?4, "
                     "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
  store_bind_int(q, 1, ev->id);
  store_bind_cols(q, aRegCol + 1, 3, r, 2);
  int rc = store_exec(q, err);
  if (!rc) {
    r->id = store_last_id(db);
    r->eventId = ev->id;
  }
  return rc;
}

int portal_registration_delete(Store *db, int64_t eventId, int64_t id,
                               Err *err)
{
  Stmt *q = store_stmt(db, "DELETE FROM portal_registrations WHERE id = ?1 "
                           "AND event_id = ?2");
  store_bind_list(q, STORE_V(id), STORE_V(eventId));
  int rc = store_exec(q, err);
  if (!rc && store_changes(db) == 0) {
    rc = err_set(err, ERR_NOTFOUND, "inscription introuvable");
  }
  return rc;
}

int portal_registrations_purge(Store *db, const char *zBefore, int *pn,
                               Err *err)
{
  Stmt *q = store_stmt(db, "DELETE FROM portal_registrations WHERE event_id "
                           "IN (SELECT id FROM portal_events WHERE starts_on "
                           "< ?1)");
  store_bind_text(q, 1, zBefore);
  int rc = store_exec(q, err);
  *pn = rc ? 0 : store_changes(db);
  return rc;
}

int portal_registration_list(Store *db, Arena *pArena, int64_t eventId,
                             PortalRegistration **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, name, email, profile, created_at "
                           "FROM portal_registrations WHERE event_id = ?1 "
                           "ORDER BY id");
  store_bind_int(q, 1, eventId);
  int rc = store_rows_cols(q, pArena, aRegCol, STORE_NCOL(aRegCol),
                           sizeof **pa, (void **)pa, pn, err);
  for (int i = 0; i < *pn; i++) {
    (*pa)[i].eventId = eventId;
    (*pa)[i].hasConsent = 1;               /* none is kept without it */
  }
  return rc;
}

/* ---- commune fiches ---------------------------------------------------- */

#define COMMUNE_COLS "code, name, epci, body_md, contact"

/* COMMUNE_COLS' members, also the values saving binds as ?1..?5. */
static const StoreCol aCommuneCol[] = {
  STORE_COL(PortalCommune, zCode),
  STORE_COL(PortalCommune, zName),
  STORE_COL_EMPTY(PortalCommune, zEpci),
  STORE_COL_EMPTY(PortalCommune, zBodyMd),
  STORE_COL_EMPTY(PortalCommune, zContact),
};

/* Run q (bound) into a new array of fiches. */
static int commune_rows(Arena *pArena, Stmt *q, PortalCommune **pa, int *pn,
                        Err *err)
{
  return store_rows_cols(q, pArena, aCommuneCol, STORE_NCOL(aCommuneCol),
                         sizeof **pa, (void **)pa, pn, err);
}

int portal_commune_list(Store *db, Arena *pArena, PortalCommune **pa, int *pn,
                        Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " COMMUNE_COLS " FROM "
                           "portal_communes ORDER BY name COLLATE NOCASE");
  return commune_rows(pArena, q, pa, pn, err);
}

int portal_commune_by_epci(Store *db, Arena *pArena, const char *zEpci,
                           PortalCommune **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " COMMUNE_COLS " FROM "
                           "portal_communes WHERE epci = ?1 AND epci <> '' "
                           "ORDER BY name COLLATE NOCASE");
  store_bind_text(q, 1, zEpci);
  return commune_rows(pArena, q, pa, pn, err);
}

int portal_commune_get(Store *db, Arena *pArena, const char *zCode,
                       PortalCommune *p, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT " COMMUNE_COLS " FROM "
                           "portal_communes WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  return store_row_cols(q, pArena, aCommuneCol, STORE_NCOL(aCommuneCol), p,
                        "commune inconnue", err);
}

int portal_check_insee(const char *z, Err *err)
{
  int isOk = z && strlen(z) == 5 && strspn(z, "0123456789") == 5;
  if (z && strlen(z) == 5 && z[0] == '2' && (z[1] == 'A' || z[1] == 'B') &&
      strspn(z + 2, "0123456789") == 3) {
    isOk = 1;
  }
  if (!isOk) {
    err_set(err, ERR_INPUT, "code commune invalide : 5 caractères, par "
            "exemple 41018");
    err_field(err, "code");
    return ERR_INPUT;
  }
  return 0;
}

int portal_commune_check(const PortalCommune *p, PortalErrors *pe)
{
  Err err = {0};
  if (portal_check_insee(p->zCode, &err)) {
    portal_error_add(pe, "code", err.zMsg);
  }
  err_clear(&err);
  if (portal_check_text(p->zName, 200, "nom", "le nom de la commune",
                        &err)) {
    portal_error_add(pe, "nom", err.zMsg);
  }
  if (p->zEpci && strlen(p->zEpci) > 200) {
    portal_error_add(pe, "epci", "EPCI : 200 caractères au plus");
  }
  if (p->zBodyMd && strlen(p->zBodyMd) > 50000) {
    portal_error_add(pe, "texte_md", "texte : 50 000 caractères au plus");
  }
  if (p->zContact && strlen(p->zContact) > 2000) {
    portal_error_add(pe, "contact", "contact : 2 000 caractères au plus");
  }
  return pe->n;
}

int portal_commune_save(Store *db, const PortalCommune *p, Err *err)
{
  Stmt *q = store_stmt(db, "INSERT INTO portal_communes (code, name, epci, "
                           "body_md, contact) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (code) DO UPDATE SET name = "
                           "excluded.name, epci = excluded.epci, body_md = "
                           "excluded.body_md, contact = excluded.contact, "
                           "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
                           "'now')");
  store_bind_cols(q, aCommuneCol, STORE_NCOL(aCommuneCol), p, 1);
  return store_exec(q, err);
}

int portal_commune_delete(Store *db, const char *zCode, Err *err)
{
  Stmt *q = store_stmt(db, "DELETE FROM portal_communes WHERE code = ?1");
  store_bind_text(q, 1, zCode);
  int rc = store_exec(q, err);
  if (!rc && store_changes(db) == 0) {
    rc = err_set(err, ERR_NOTFOUND, "commune inconnue");
  }
  return rc;
}

json_t *portal_commune_json(const PortalCommune *p)
{
  return json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", p->zCode, "nom",
                   p->zName, "epci", p->zEpci, "texte_md", p->zBodyMd,
                   "contact", p->zContact);
}

/* ---- the DREES APL as published (table apl_reference) ------------------ */

/*
** The area is a JSON array of départements or of communes, matched against
** the start of each commune code.  Each vintage is found through the
** primary key (vintage, commune) by a recursive walk of its distinct values,
** and each code of the area read as one range of that key ("71" reads
** "71" up to "71~"): a département's rows are read, not the whole country's
** (a full scan with a prefix test per row cost 45 ms a page on the national
** table).
*/
int portal_drees_vintages(Store *db, Arena *pArena, const char *zCodes,
                          double lo, double hi, PortalVintage **pa, Err *err)
{
  Stmt *q = store_stmt(db,
      "WITH RECURSIVE v(y) AS (SELECT min(vintage) FROM apl_reference"
      " UNION ALL SELECT (SELECT min(vintage) FROM apl_reference"
      " WHERE vintage > y) FROM v WHERE y IS NOT NULL)"
      " SELECT r.vintage, count(*), sum(pop_std), sum(apl * pop_std),"
      " sum(apl < ?2), sum(apl >= ?2 AND apl < ?3),"
      " sum(CASE WHEN apl < ?2 THEN coalesce(pop_total, pop_std) END)"
      " FROM v, (SELECT DISTINCT value FROM json_each(?1)) d"
      " JOIN apl_reference r ON r.vintage = v.y"
      " AND r.commune >= d.value AND r.commune < d.value || '~'"
      " WHERE r.pop_std > 0 GROUP BY r.vintage ORDER BY r.vintage");
  store_bind_list(q, STORE_V(zCodes), STORE_V(lo), STORE_V(hi));
  PortalVintage *a = NULL;
  int n = 0, rc;
  while ((rc = store_step(q, err)) == 1) {
    store_grow((void **)&a, n, sizeof *a, pArena);
    PortalVintage *v = &a[n++];
    memset(v, 0, sizeof *v);
    v->vintage = (int)store_col_int(q, 0);
    v->nCommune = (int)store_col_int(q, 1);
    v->popStd = store_col_double(q, 2);
    v->apl = v->popStd > 0 ? store_col_double(q, 3) / v->popStd : 0;
    v->nSousDense = (int)store_col_int(q, 4);
    v->nIntermediaire = (int)store_col_int(q, 5);
    v->popSousDense = (int64_t)(store_col_double(q, 6) + 0.5);
  }
  *pa = a;
  return rc < 0 ? rc : n;
}

int portal_national_apl(Store *db, int *pVintage, double *pApl)
{
  Err err = {0};
  Stmt *q = store_stmt(db,
      "SELECT vintage, sum(apl * pop_std) / sum(pop_std) FROM apl_reference"
      " WHERE pop_std > 0 AND vintage = (SELECT max(vintage) FROM"
      " apl_reference) GROUP BY vintage");
  if (store_step(q, &err) != 1) return ERR_NOTFOUND;
  *pVintage = (int)store_col_int(q, 0);
  *pApl = store_col_double(q, 1);
  store_reset(q);
  return 0;
}
