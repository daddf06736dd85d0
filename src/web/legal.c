/*
** web/legal.c: the pages every public site owes its visitors: mentions
** légales, données personnelles (GDPR notice) and the plan du site.
**
** Who publishes the instance (the collectivité, its director of
** publication, host, contact, data-protection officer) is the instance's
** own setting, entered by an administrator on /admin/instance and kept in
** the settings table under "instance.*" (web_instance_get).  Until it is
** entered, the pages say plainly that it is missing, rather than show a
** placeholder as if it were a contact.  The site map is built from the
** installed route tables: every public page without a parameter.
*/
#include <ctype.h>
#include <string.h>

#include "web/kit.h"
#include "web/ui.h"

const char *web_instance_get(Req *req, const char *zKey)
{
  Store *db = req_db(req);
  if (!db) return "";
  Stmt *q = store_stmt(db, "SELECT value FROM settings WHERE key = ?1");
  store_bind_text(q, 1, arena_printf(req_arena(req), "instance.%s", zKey));
  Err err = {0};
  const char *z = "";
  if (store_step(q, &err) == 1) {
    z = arena_strdup(req_arena(req), store_col_text(q, 0));
    store_reset(q);
  }
  return z;
}

/* One <dt>/<dd> of the publisher's facts, or "non renseigné". */
static void legal_fact(Req *req, const char *zLabel, const char *zKey)
{
  const char *z = web_instance_get(req, zKey);
  if (z[0]) {
    html_printf(req, "<dt>%h</dt><dd>%h</dd>\n", zLabel, z);
  } else {
    html_printf(req, "<dt>%h</dt><dd class=\"muted\">non renseigné par "
                     "l'administrateur de cette instance</dd>\n", zLabel);
  }
}

/* ROUTE: GET /mentions-legales public */
void legal_page_notice(Req *req)
{
  page_begin(req, "Mentions légales");
  html_printf(req, "<div class=\"prose\">\n");
  kit_breadcrumb(req, "Accueil", "/", "Mentions légales", NULL, NULL);
  html_printf(req, "<h1>Mentions légales</h1>\n<h2>Éditeur du site</h2>\n"
                   "<dl class=\"facts\">\n");
  legal_fact(req, "Collectivité", "editeur");
  legal_fact(req, "Adresse", "adresse");
  legal_fact(req, "Directeur ou directrice de la publication",
             "directeur_publication");
  legal_fact(req, "Contact", "contact");
  legal_fact(req, "Hébergement", "hebergeur");
  html_printf(req,
      "</dl>\n"
      "<h2>Logiciel</h2>\n"
      "<p>Ce site fonctionne avec <strong>oasis</strong>, logiciel libre "
      "développé pour les collectivités qui luttent contre les déserts "
      "médicaux.</p>\n"
      "<h2>Données publiques réutilisées</h2>\n"
      "<p>Les chiffres de l'observatoire proviennent de données publiques "
      "(INSEE, DREES, annuaire RPPS, SIRENE, ARS), réutilisées selon leur "
      "licence (Licence Ouverte / Open Licence d'Etalab pour la plupart) ; "
      "chaque chiffre affiche sa source et son millésime. La liste complète "
      "est sur la page <a href=\"/sources\">Sources des données</a>.</p>\n"
      "<h2>Liens</h2>\n"
      "<p>Le site ne dépose aucun traceur publicitaire ni de mesure "
      "d'audience tiers. Voir <a href=\"/donnees-personnelles\">Données "
      "personnelles</a>.</p>\n</div>\n");
  page_end(req);
}

/* GET /donnees-personnelles: what is processed, why, how long, rights.
** ROUTE: GET /donnees-personnelles public
*/
void legal_page_privacy(Req *req)
{
  const char *zDpo = web_instance_get(req, "dpo");
  const char *zEditor = web_instance_get(req, "editeur");
  page_begin(req, "Données personnelles");
  html_printf(req, "<div class=\"prose\">\n");
  kit_breadcrumb(req, "Accueil", "/", "Données personnelles", NULL, NULL);
  html_printf(req,
      "<h1>Données personnelles</h1>\n"
      "<p class=\"lead\">Le responsable des traitements est %h. oasis ne "
      "collecte que ce qui sert à vous accompagner, ne le transmet à aucun "
      "tiers commercial et ne dépose aucun traceur publicitaire.</p>\n",
      zEditor[0] ? zEditor : "la collectivité qui exploite ce site");
  html_printf(req,
      "<h2>Ce qui est traité, pourquoi et combien de temps</h2>\n"
      "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"traitements\">\n<table class=\"table-stack\">\n"
      "<caption id=\"traitements\">Traitements de données personnelles"
      "</caption>\n<thead><tr><th scope=\"col\">Traitement</th>"
      "<th scope=\"col\">Données</th><th scope=\"col\">Finalité et base "
      "légale</th><th scope=\"col\">Conservation</th></tr></thead>\n"
      "<tbody>\n"
      "<tr><th scope=\"row\">Demandes d'accompagnement (guichet unique)"
      "</th><td data-label=\"Données\">identité, coordonnées, profession, "
      "projet, pièces jointes, échanges</td><td data-label=\"Finalité\">"
      "vous accompagner dans votre installation ; mission d'intérêt "
      "public de la collectivité, et votre consentement pour le "
      "formulaire en ligne</td><td data-label=\"Conservation\">jusqu'à la "
      "clôture de la demande, puis 3 ans (durée réglable par la "
      "collectivité), puis anonymisation</td></tr>\n"
      "<tr><th scope=\"row\">Inscriptions aux événements</th>"
      "<td data-label=\"Données\">nom, adresse électronique, profil</td>"
      "<td data-label=\"Finalité\">organiser l'événement ; votre "
      "consentement</td><td data-label=\"Conservation\">jusqu'à "
      "l'événement, puis effacement</td></tr>\n"
      "<tr><th scope=\"row\">Stages et engagements d'aide</th>"
      "<td data-label=\"Données\">identité, affectations, versements, "
      "engagements</td><td data-label=\"Finalité\">gérer les stages et "
      "les aides attribuées ; obligation légale et mission d'intérêt "
      "public</td><td data-label=\"Conservation\">la durée de "
      "l'engagement, puis les délais de la comptabilité publique</td>"
      "</tr>\n"
      "<tr><th scope=\"row\">Comptes des agents</th>"
      "<td data-label=\"Données\">identifiant, nom, journal des "
      "modifications</td><td data-label=\"Finalité\">sécurité et "
      "traçabilité ; mission d'intérêt public</td>"
      "<td data-label=\"Conservation\">la durée du compte ; le journal "
      "garde des identifiants techniques, jamais le contenu personnel"
      "</td></tr>\n"
      "</tbody>\n</table>\n</div>\n");
  html_printf(req,
      "<h2>Cookies</h2>\n"
      "<p>Deux cookies strictement nécessaires, sans consentement à "
      "recueillir : <code>oasis_csrf</code> protège les formulaires, "
      "<code>oasis_session</code> garde la connexion des agents (fin après "
      "30 minutes d'inactivité). Aucun cookie de mesure d'audience ni de "
      "publicité.</p>\n"
      "<h2>Vos droits</h2>\n"
      "<p>Vous pouvez accéder à vos données, les faire rectifier ou "
      "effacer, vous opposer à leur traitement ou en demander la "
      "limitation, et obtenir une copie de votre dossier (règlement "
      "général sur la protection des données, articles 15 à 21).</p>\n");
  if (zDpo[0]) {
    html_printf(req, "<p>Pour les exercer, écrivez au délégué à la "
                     "protection des données : <strong>%h</strong>.</p>\n",
                zDpo);
  } else {
    html_printf(req, "<p>Pour les exercer, adressez-vous à la collectivité "
                     "qui exploite ce site (coordonnées du délégué à la "
                     "protection des données non encore renseignées).</p>\n");
  }
  html_printf(req,
      "<p>Si vous estimez que vos droits ne sont pas respectés, vous pouvez "
      "adresser une réclamation à la CNIL.</p>\n</div>\n");
  page_end(req);
}

/* Path words that need their accents (or capitals) back. */
static const char *const azWord[][2] = {
  {"evenements", "événements"}, {"accessibilite", "accessibilité"},
  {"donnees", "données"}, {"legales", "légales"}, {"epci", "EPCI"},
  {"sante", "santé"}, {"activite", "activité"}, {"reseaux", "réseaux"},
  {"stagiaires", "stagiaires"}, {"periode", "période"},
  {"regions", "régions"}, {"departements", "départements"},
};

/* "/aides/simulateur" → "Simulateur", "/portail/evenements" →
** "Événements": the last segment, words spelt back. */
static const char *legal_label(Req *req, const char *zPath)
{
  const char *z = strrchr(zPath, '/');
  z = z ? z + 1 : zPath;
  Str s = STR_INIT;
  while (*z) {
    size_t n = strcspn(z, "-");
    const char *zWord = arena_strndup(req_arena(req), z, n);
    for (size_t k = 0; k < sizeof azWord / sizeof azWord[0]; k++) {
      if (strcmp(zWord, azWord[k][0]) == 0) zWord = azWord[k][1];
    }
    if (s.n) str_appendc(&s, ' ');
    str_appendz(&s, zWord);
    z += n;
    if (*z) z++;
  }
  char *zOut = arena_strdup(req_arena(req), str_text(&s));
  str_free(&s);
  if ((unsigned char)zOut[0] < 0x80) {
    zOut[0] = (char)toupper((unsigned char)zOut[0]);
  } else if (!strncmp(zOut, "é", 2)) {
    memcpy(zOut, "É", 2);                  /* same length in UTF-8 */
  }
  return zOut;
}

/* True when route r is a public page a visitor can open as such. */
static int legal_listed(const Route *r)
{
  return strcmp(r->zMethod, "GET") == 0 && r->role == ROLE_PUBLIC &&
         !(r->flags & (ROUTE_API | ROUTE_DEPRECATED | ROUTE_UNLISTED)) &&
         !strchr(r->zPattern, '{') && strncmp(r->zPattern, "/api/", 5) &&
         strncmp(r->zPattern, "/static/", 8) && strcmp(r->zPattern, "/") &&
         strcmp(r->zPattern, "/healthz") && strcmp(r->zPattern, "/readyz") &&
         !strstr(r->zPattern, ".");
}

/* GET /plan-du-site: the public pages, grouped by their first segment.
** ROUTE: GET /plan-du-site public
*/
void legal_page_sitemap(Req *req)
{
  page_begin(req, "Plan du site");
  kit_breadcrumb(req, "Accueil", "/", "Plan du site", NULL, NULL);
  html_printf(req, "<h1>Plan du site</h1>\n<ul class=\"sitemap\">\n"
                   "<li><a href=\"/\">Accueil</a></li>\n");
  const Route *const *aT = web_routes();
  for (int t = 0; aT[t]; t++) {
    for (const Route *r = aT[t]; r->zMethod; r++) {
      if (!legal_listed(r)) continue;
      /* a section root: "/aides"; its pages follow, indented */
      const char *zSlash = strchr(r->zPattern + 1, '/');
      if (zSlash) continue;
      html_printf(req, "<li><a href=\"%h\">%h</a>", r->zPattern,
                  legal_label(req, r->zPattern));
      size_t n = strlen(r->zPattern);
      int nSub = 0;
      for (int u = 0; aT[u]; u++) {
        for (const Route *s = aT[u]; s->zMethod; s++) {
          if (!legal_listed(s) || strncmp(s->zPattern, r->zPattern, n) ||
              s->zPattern[n] != '/') {
            continue;
          }
          html_printf(req, "%s<li><a href=\"%h\">%h</a></li>\n",
                      nSub++ ? "" /*trusted*/ : "\n<ul>\n" /*trusted*/,
                      s->zPattern, legal_label(req, s->zPattern));
        }
      }
      html_printf(req, "%s</li>\n", nSub ? "</ul>\n" /*trusted*/
                                         : "" /*trusted*/);
    }
  }
  html_printf(req, "</ul>\n");
  page_end(req);
}

/* GET /demonstration: what the banner of a demonstration instance means,
** and how a collectivité starts its own instance (README, "Two ways to
** start").  Served on every instance, so a bookmark never breaks.
** ROUTE: GET /demonstration public unlisted
*/
void legal_page_demo(Req *req)
{
  page_begin(req, "Instance de démonstration");
  html_printf(req, "<div class=\"prose\">\n");
  kit_breadcrumb(req, "Accueil", "/", "Instance de démonstration", NULL,
                 NULL);
  html_printf(req, "<h1>Instance de démonstration</h1>\n");
  if (web_is_demo(req)) {
    html_printf(req, "<p class=\"lead\">Cette instance est une "
                     "<strong>démonstration</strong> : les partenaires, "
                     "dossiers, personnes, effectifs, activités, stages et "
                     "budgets qu'elle montre sont fictifs. Les chiffres "
                     "officiels (INSEE, DREES, RPPS, zonage) restent ceux "
                     "publiés, avec leur source.</p>\n");
  } else {
    html_printf(req, "<p class=\"lead\">Cette instance n'est pas une "
                     "démonstration : ses données sont celles saisies par "
                     "la collectivité.</p>\n");
  }
  html_printf(req,
      "<h2>Démarrer une instance réelle</h2>\n"
      "<p>Une collectivité démarre sa propre instance, sans aucune donnée "
      "de démonstration, avec la commande suivante (voir la section "
      "« Two ways to start » du fichier README) :</p>\n"
      "<pre><code>oasis init --territory CODE --db var/oasis.db\n"
      "oasis serve --db var/oasis.db</code></pre>\n"
      "<p><code>CODE</code> est le territoire de l'instance : un ou "
      "plusieurs départements (« 41 », « 41 37 ») ou une région "
      "(« R24 »). La commande <code>oasis demo clear</code> retire la "
      "démonstration d'une base existante.</p>\n</div>\n");
  page_end(req);
}
