/*
** portal/fields.c: how the portal reads each of its records from a form
** or a JSON body: one KitField table a record, used by the page handler
** and the API handler alike, then the portal's own checks (store.c), every
** refused field reported at once in a KitErrors.
**
** Field names are the public ones (French, docs/conventions.md); the
** former English names stay readable through KitField.zOld.  No SQL here
** beyond what the checks need, no HTML.
*/
#include <stddef.h>
#include <string.h>

#include "portal/web_int.h"

/* The checks of store.c report into PortalErrors (they know no request);
** copy them into e, every one. */
static void fields_copy(Req *req, const PortalErrors *pe, KitErrors *e)
{
  for (int i = 0; i < pe->n; i++) {
    kit_error_add(req, e, pe->azField[i], pe->azMsg[i]);
  }
}

void portal_kit_error(Req *req, KitErrors *e, const Err *err)
{
  PortalErrors pe = {0};
  portal_error_add(&pe, err->zField[0] ? err->zField : "", err->zMsg);
  fields_copy(req, &pe, e);
}

/* ---- registration ------------------------------------------------------- */

static const KitField aRegField[] = {
  {"nom", "Prénom et nom", KIT_TEXT, 0, offsetof(PortalRegistration, zName),
   0, 200, NULL, "name"},
  {"courriel", "Adresse électronique", KIT_TEXT, 0,
   offsetof(PortalRegistration, zEmail), 0, 254, NULL, "email"},
  {"profil", "Profil", KIT_TEXT, 0, offsetof(PortalRegistration, zProfile),
   0, 0, NULL, "profile"},
  {"consentement", "Consentement", KIT_BOOL, 0,
   offsetof(PortalRegistration, hasConsent), 0, 0, NULL, "consent"},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

int portal_read_registration(Req *req, int64_t eventId, PortalRegistration *r,
                             KitErrors *e)
{
  PortalErrors pe = {0};
  *r = (PortalRegistration){.eventId = eventId, .zName = "", .zEmail = "",
                            .zProfile = ""};
  kit_read(req, aRegField, r, e);
  portal_registration_check(r, &pe);
  fields_copy(req, &pe, e);
  return e->n;
}

/* ---- events ------------------------------------------------------------- */

typedef struct EventIn EventIn;
struct EventIn {
  const char *zKind, *zTitle, *zDate, *zTime, *zPlace, *zBodyMd;
  int64_t capacity;
  int isPublished;
  const char *zCommune;
};

static const KitField aEventField[] = {
  {"type", "Type", KIT_TEXT, 0, offsetof(EventIn, zKind), 0, 0, NULL, "kind"},
  {"titre", "Titre", KIT_TEXT, 0, offsetof(EventIn, zTitle), 0, 0, NULL,
   "title"},
  {"date", "Date", KIT_DATE, 0, offsetof(EventIn, zDate), 0, 0, NULL, NULL},
  {"heure", "Heure", KIT_TEXT, 0, offsetof(EventIn, zTime), 0, 0, NULL,
   "time"},
  {"lieu", "Lieu", KIT_TEXT, 0, offsetof(EventIn, zPlace), 0, 0, NULL,
   "place"},
  {"places", "Nombre de places", KIT_INT, 0, offsetof(EventIn, capacity), 0,
   100000, NULL, "capacity"},
  {"texte_md", "Présentation", KIT_LONGTEXT, 0, offsetof(EventIn, zBodyMd), 0,
   50000, NULL, "body_md"},
  {"publie", "Publiée", KIT_BOOL, 0, offsetof(EventIn, isPublished), 0, 0,
   NULL, "published"},
  {"commune", "Commune", KIT_TEXT, 0, offsetof(EventIn, zCommune), 0, 0,
   NULL, NULL},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

int portal_read_event(Req *req, const PortalEvent *pOld, PortalEvent *pEv,
                      KitErrors *e)
{
  EventIn in = {"", "", "", "", "", "", 0, 0, ""};
  PortalErrors pe = {0};
  char zToday[11];
  kit_read(req, aEventField, &in, e);
  memset(pEv, 0, sizeof *pEv);
  pEv->id = pOld ? pOld->id : 0;
  pEv->zKind = in.zKind;
  pEv->zTitle = in.zTitle;
  pEv->zDate = in.zDate;
  pEv->zTime = in.zTime;
  pEv->zPlace = in.zPlace;
  pEv->zBodyMd = in.zBodyMd;
  pEv->capacity = in.capacity == KIT_UNSET ? 0 : (int)in.capacity;
  pEv->isPublished = in.isPublished;
  pEv->zCommune = in.zCommune ? in.zCommune : "";
  /* where it is held: a commune of the portal's territory */
  if (pEv->zCommune[0] && !kit_error_of(e, "commune")) {
    Err err = {0};
    TerrScope scope;
    portal_scope(req_db(req), req_arena(req), &scope);
    if (portal_check_insee(pEv->zCommune, &err)) {
      kit_error_add(req, e, "commune", "Code INSEE invalide : 5 caractères, "
                    "par exemple 41018.");
    } else if (!portal_scope_has_commune(req_db(req), &scope,
                                         pEv->zCommune)) {
      kit_error_add(req, e, "commune", arena_printf(req_arena(req),
                    "Commune inconnue ou hors territoire (%s) : le calendrier "
                    "est celui du territoire.", scope.zName));
    }
  }
  /* a new event, or a changed date, cannot be in the past */
  int isDateChanged = !pOld || strcmp(pOld->zDate, pEv->zDate) != 0;
  portal_event_check(pEv, isDateChanged ? portal_today(zToday) : NULL, &pe);
  fields_copy(req, &pe, e);
  return e->n;
}

/* ---- content pages ------------------------------------------------------ */

static const char *const azPageState[] = {"brouillon", "publie", NULL};

typedef struct PageIn PageIn;
struct PageIn {
  const char *zTitle, *zSlug, *zBodyMd, *zState;
};

static const KitField aPageField[] = {
  {"titre", "Titre", KIT_TEXT, 0, offsetof(PageIn, zTitle), 0, 0, NULL,
   "title"},
  {"slug", "Adresse", KIT_TEXT, 0, offsetof(PageIn, zSlug), 0, 0, NULL, NULL},
  {"texte_md", "Texte", KIT_LONGTEXT, 0, offsetof(PageIn, zBodyMd), 0, 200000,
   NULL, "body_md"},
  {"etat", "État", KIT_CHOICE, 0, offsetof(PageIn, zState), 0, 0, azPageState,
   "status"},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

int portal_read_page(Req *req, int64_t id, PortalPage *p, KitErrors *e)
{
  PageIn in = {"", "", "", ""};
  PortalErrors pe = {0};
  kit_read(req, aPageField, &in, e);
  memset(p, 0, sizeof *p);
  p->id = id;
  p->zTitle = in.zTitle;
  p->zSlug = in.zSlug;
  p->zBodyMd = in.zBodyMd;
  p->isPublished = strcmp(in.zState, "publie") == 0;
  portal_page_check(p, &pe);
  fields_copy(req, &pe, e);
  return e->n;
}

/* ---- commune fiches ----------------------------------------------------- */

static const KitField aCommuneField[] = {
  {"code", "Code INSEE", KIT_TEXT, 0, offsetof(PortalCommune, zCode), 0, 0,
   NULL, NULL},
  {"nom", "Nom", KIT_TEXT, 0, offsetof(PortalCommune, zName), 0, 0, NULL,
   "name"},
  {"epci", "Intercommunalité", KIT_TEXT, 0, offsetof(PortalCommune, zEpci), 0,
   0, NULL, NULL},
  {"texte_md", "Présentation", KIT_LONGTEXT, 0,
   offsetof(PortalCommune, zBodyMd), 0, 50000, NULL, "body_md"},
  {"contact", "Contact", KIT_LONGTEXT, 0, offsetof(PortalCommune, zContact), 0,
   2000, NULL, NULL},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

int portal_read_commune(Req *req, const char *zCode, PortalCommune *c,
                        KitErrors *e)
{
  PortalErrors pe = {0};
  Err err = {0};
  *c = (PortalCommune){"", "", "", "", ""};
  kit_read(req, aCommuneField, c, e);
  if (zCode) {
    c->zCode = zCode;           /* an update: the code is the path's */
  } else if (portal_check_insee(c->zCode, &err) == 0) {
    PortalCommune dup;
    if (portal_commune_get(req_db(req), req_arena(req), c->zCode, &dup,
                           &err) == 0) {
      kit_error_add(req, e, "code", "Cette commune a déjà une fiche.");
    }
  }
  portal_commune_check(c, &pe);
  fields_copy(req, &pe, e);
  return e->n;
}

/* ---- territory settings ------------------------------------------------- */

static const KitField aSettingField[] = {
  {"nom", "Nom du territoire", KIT_TEXT, 0, offsetof(PortalSettings, zName),
   0, 0, NULL, "name"},
  {"accroche", "Accroche", KIT_TEXT, 0, offsetof(PortalSettings, zTagline), 0,
   0, NULL, "tagline"},
  {"logo", "Adresse du logo", KIT_TEXT, 0, offsetof(PortalSettings, zLogoUrl),
   0, 0, NULL, "logo_url"},
  {"couleur_principale", "Couleur principale", KIT_TEXT, 0,
   offsetof(PortalSettings, zPrimary), 0, 0, NULL, "color_primary"},
  {"couleur_secondaire", "Couleur secondaire", KIT_TEXT, 0,
   offsetof(PortalSettings, zAccent), 0, 0, NULL, "color_accent"},
  {"presentation", "Présentation", KIT_LONGTEXT, 0,
   offsetof(PortalSettings, zIntro), 0, 0, NULL, "intro"},
  {"pourquoi_md", "Pourquoi venir exercer ici", KIT_LONGTEXT, 0,
   offsetof(PortalSettings, zWhyMd), 0, 0, NULL, "why_md"},
  {"contact", "Contact", KIT_LONGTEXT, 0, offsetof(PortalSettings, zContact),
   0, 0, NULL, NULL},
  {"origines_widget", "Sites autorisés", KIT_LONGTEXT, 0,
   offsetof(PortalSettings, zOrigins), 0, 0, NULL, "widget_origins"},
  {"territoire", "Département du territoire", KIT_TEXT, 0,
   offsetof(PortalSettings, zTerritory), 0, 0, NULL, "territory"},
  {0, 0, 0, 0, 0, 0, 0, 0, 0}
};

int portal_read_settings(Req *req, PortalSettings *s, const char **pzOrigins,
                         KitErrors *e)
{
  PortalErrors pe = {0};
  *s = (PortalSettings){"", "", "", "", "", "", "", "", "", ""};
  kit_read(req, aSettingField, s, e);
  portal_settings_check(req_arena(req), s, pzOrigins, &pe);
  fields_copy(req, &pe, e);
  return e->n;
}
