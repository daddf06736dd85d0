/*
** web/pages.c: the platform's own pages: home, accessibility statement,
** data sources.
**
** These pages hold no figures: the modules (observatoire, aides…) show
** theirs with provenance.  The home page only explains and leads to them.
*/
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/french.h"
#include "web/ui.h"

/* One entry card of the home page. */
static void pages_card(Req *req, const char *zHref, const char *zTitle,
                       const char *zText, const char *zAudience)
{
  html_printf(req,
      "<li class=\"card card-link\">\n"
      "<h3 class=\"card-title\"><a href=\"%h\">%h</a></h3>\n"
      "<p>%h</p>\n"
      "<p class=\"card-meta\">%h</p>\n"
      "</li>\n",
      zHref, zTitle, zText, zAudience);
}

/* GET /: what oasis is, and the way into each module.
** ROUTE: GET / public
*/
void pages_home(Req *req)
{
  page_begin(req, "Accueil");
  html_printf(req,
      "<div class=\"hero\">\n"
      "<p class=\"eyebrow\">Plateforme des collectivités pour l'accès "
      "aux soins</p>\n"
      "<h1>Mesurer, accompagner, agir contre les déserts médicaux</h1>\n"
      "<p class=\"lead\">oasis réunit en un seul outil les données "
      "publiques sur l'offre de soins, l'indicateur d'accessibilité "
      "potentielle localisée (APL) de la DREES, le catalogue des aides à "
      "l'installation et le suivi des professionnels de santé que votre "
      "territoire accueille.</p>\n"
      "<p class=\"hero-actions\">"
      "<a class=\"btn\" href=\"/observatoire\">Consulter l'observatoire"
      "</a>"
      "<a class=\"btn btn-secondary\" href=\"/aides\">Découvrir les aides"
      "</a></p>\n"
      "</div>\n"
      "<section aria-labelledby=\"modules\">\n"
      "<h2 id=\"modules\">Les services</h2>\n"
      "<ul class=\"cards\">\n");
  pages_card(req, "/observatoire", "Observatoire",
             "L'accessibilité aux médecins généralistes commune par "
             "commune, son évolution et le zonage, avec la source de "
             "chaque chiffre.",
             "Élus, directions, analystes");
  pages_card(req, "/aides", "Aides à l'installation",
             "Le catalogue des aides (État, Assurance maladie, région, "
             "département, communes) et un simulateur des aides "
             "cumulables.",
             "Médecins, internes, étudiants");
  pages_card(req, "/accompagnement", "Accompagnement",
             "Un guichet unique : une demande d'installation ou de "
             "remplacement, suivie jusqu'à son aboutissement avec les "
             "partenaires.",
             "Professionnels de santé, chargés de mission");
  pages_card(req, "/centres", "Centres de santé",
             "Les centres de santé du territoire, leurs équipes et leur "
             "activité mensuelle.",
             "Gestionnaires de centres");
  pages_card(req, "/stages", "Stages",
             "Les terrains de stage, les semestres, l'hébergement et les "
             "indemnités des internes accueillis.",
             "Internes, facultés, maîtres de stage");
  html_printf(req,
      "</ul>\n"
      "</section>\n"
      "<section class=\"steps\" aria-labelledby=\"methode\">\n"
      "<h2 id=\"methode\">Comment oasis travaille</h2>\n"
      "<ol class=\"step-list\">\n"
      "<li><h3>Des données publiques</h3><p>Codes et populations de "
      "l'INSEE, APL de la DREES, annuaire RPPS, établissements SIRENE : "
      "importés tels que publiés, avec leur millésime. "
      "<a href=\"/sources\">Voir les sources</a>.</p></li>\n"
      "<li><h3>Une méthode ouverte</h3><p>L'APL est recalculée selon la "
      "méthode de la DREES ; chaque indicateur indique sa source, son "
      "millésime et ses limites.</p></li>\n"
      "<li><h3>Des actions suivies</h3><p>Aides, demandes, stages et "
      "centres sont suivis au même endroit ; chaque modification est "
      "tracée.</p></li>\n"
      "</ol>\n"
      "</section>\n");
  page_end(req);
}

/* GET /accessibilite: the accessibility statement, RGAA-style.  It must
** stay honest: no full audit has been made, so "partiellement conforme".
** ROUTE: GET /accessibilite public
*/
void pages_accessibility(Req *req)
{
  page_begin(req, "Déclaration d'accessibilité");
  html_printf(req, "<div class=\"prose\">\n");
  html_printf(req,
      "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><ol>"
      "<li><a href=\"/\">Accueil</a></li>"
      "<li aria-current=\"page\">Accessibilité</li></ol></nav>\n"
      "<h1>Déclaration d'accessibilité</h1>\n"
      "<p class=\"lead\">La collectivité qui exploite cette instance "
      "d'oasis s'engage à rendre ses services numériques accessibles, "
      "conformément à l'article 47 de la loi n° 2005-102 du 11 février "
      "2005.</p>\n"
      "<p>Cette déclaration s'applique au logiciel oasis tel qu'il est "
      "distribué ; chaque collectivité la complète avec ses propres "
      "coordonnées.</p>\n"
      "<h2>État de conformité</h2>\n"
      "<div class=\"alert alert-warning\" role=\"note\">\n"
      "<p><strong>oasis est partiellement conforme</strong> au "
      "référentiel général d'amélioration de l'accessibilité (RGAA), "
      "version 4.1.</p>\n"
      "</div>\n"
      "<p>Aucun audit complet du RGAA n'a encore été réalisé par un "
      "organisme indépendant : nous ne publions donc pas de taux de "
      "conformité.</p>\n"
      "<h2>Ce qui a été vérifié</h2>\n"
      "<ul>\n"
      "<li>Chaque page du parcours principal est testée automatiquement "
      "à chaque version avec axe-core dans Chromium : aucune anomalie "
      "« sérieuse » ou « critique » n'est acceptée.</li>\n"
      "<li>Langue de la page déclarée, titre propre à chaque page, lien "
      "d'évitement « Aller au contenu », titres hiérarchisés, zones "
      "d'en-tête, de navigation, de contenu et de pied de page.</li>\n"
      "<li>Navigation complète au clavier, avec un indicateur de focus "
      "visible.</li>\n"
      "<li>Contrastes de couleurs conformes au niveau AA pour le texte "
      "et les composants.</li>\n"
      "<li>Affichage lisible sur un écran de 360 pixels de large, avec "
      "un zoom à 200 %%, et à l'impression.</li>\n"
      "<li>Chaque champ de formulaire a une étiquette ; les pages "
      "fonctionnent sans JavaScript.</li>\n"
      "</ul>\n"
      "<h2>Contenus non accessibles ou non vérifiés</h2>\n"
      "<ul>\n"
      "<li>Les cartes interactives ne sont pas utilisables au lecteur "
      "d'écran ; les mêmes données sont proposées sous forme de tableaux "
      "et en téléchargement.</li>\n"
      "<li>La compatibilité avec les lecteurs d'écran (NVDA, JAWS, "
      "VoiceOver) n'a pas encore été testée manuellement.</li>\n"
      "<li>Les documents téléchargeables (tableurs, exports) n'ont pas "
      "été audités.</li>\n"
      "</ul>\n"
      "<h2>Établissement de cette déclaration</h2>\n"
      "<dl class=\"facts\">\n"
      "<dt>Date</dt><dd>23 novembre 2026</dd>\n"
      "<dt>Technologies utilisées</dt><dd>HTML, CSS ; JavaScript en "
      "complément facultatif (cartes, graphiques)</dd>\n"
      "<dt>Environnement de test</dt><dd>Chromium (Debian 12) avec "
      "axe-core ; affichage téléphone (390 × 844) et ordinateur "
      "(1366 × 900)</dd>\n"
      "</dl>\n"
      "<h2>Retour d'information et contact</h2>\n"
      "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, "
      "contactez la collectivité qui exploite ce site pour être orienté "
      "vers une alternative accessible ou obtenir le contenu sous une "
      "autre forme.</p>\n"
      "<h2>Voies de recours</h2>\n"
      "<p>Si vous avez signalé un défaut d'accessibilité sans obtenir de "
      "réponse satisfaisante, vous pouvez saisir le Défenseur des droits "
      "(formulaire en ligne, délégué de votre région, ou courrier "
      "gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris "
      "CEDEX 07).</p>\n"
      "</div>\n");
  page_end(req);
}

/* One row of the sources table. */
static void pages_source_row(Req *req, const char *zName,
                             const char *zProducer, const char *zUse,
                             const char *zVintage, const char *zLicence)
{
  html_printf(req,
      "<tr><th scope=\"row\">%h</th>"
      "<td data-label=\"Producteur\">%h</td>"
      "<td data-label=\"Usage\">%h</td>"
      "<td data-label=\"Millésime\">%h</td>"
      "<td data-label=\"Licence\">%h</td></tr>\n",
      zName, zProducer, zUse, zVintage, zLicence);
}

/* UiImportFn: one row of the "imports on this instance" table into the
** Str given as pArg. */
static void pages_import_row(void *pArg, const UiImport *p)
{
  Str *out = pArg;
  char zAt[64];
  /* "2026-11-23T09:05:00Z" reads "23/11/2026 09:05 UTC" */
  html_strf(out, "<tr><td data-label=\"Date\">%h</td>",
            fr_datetime(p->zAt, zAt, sizeof zAt));
  html_strf(out, "<td data-label=\"Type\">%h</td>"
                 "<td data-label=\"Fichier\">%h</td>"
                 "<td class=\"num\" data-label=\"Lignes\">%.0F</td>",
            p->zKind, p->zFile, (double)p->nRows);
  if (p->hasVintage) {
    html_strf(out, "<td class=\"num\" data-label=\"Millésime\">%d</td>"
                   "</tr>\n", p->vintage);
  } else {
    html_strf(out, "<td data-label=\"Millésime\">—</td></tr>\n");
  }
}

/* GET /sources: where the figures come from, and under which licence,
** then what this instance actually imported (read from import_log).
** ROUTE: GET /sources public
*/
void pages_sources(Req *req)
{
  Str imports = STR_INIT;
  Err err = {0};
  int nImport = ui_imports_latest(req_db(req), 20, pages_import_row,
                                  &imports, &err);
  if (nImport < 0) {
    str_free(&imports);
    reply_incident(req, &err);
    return;
  }
  page_begin(req, "Sources des données");
  html_printf(req,
      "<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><ol>"
      "<li><a href=\"/\">Accueil</a></li>"
      "<li aria-current=\"page\">Sources</li></ol></nav>\n"
      "<h1>Sources des données</h1>\n"
      "<p class=\"lead\">oasis n'utilise que des données publiques, "
      "importées telles qu'elles sont publiées. Chaque chiffre affiché "
      "rappelle sa source et son millésime.</p>\n"
      "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
      "aria-labelledby=\"sources-caption\">\n"
      "<table class=\"table table-stack\">\n"
      "<caption id=\"sources-caption\">Jeux de données utilisés</caption>\n"
      "<thead><tr><th scope=\"col\">Donnée</th><th scope=\"col\">"
      "Producteur</th><th scope=\"col\">Usage dans oasis</th>"
      "<th scope=\"col\">Millésime</th><th scope=\"col\">Licence</th>"
      "</tr></thead>\n<tbody>\n");
  pages_source_row(req, "Code officiel géographique (COG)", "INSEE",
                   "Communes, départements, régions", "2024",
                   "Licence Ouverte 2.0");
  pages_source_row(req, "Populations légales et comparateur de "
                   "territoires", "INSEE", "Population des communes",
                   "Recensement 2021", "Licence Ouverte 2.0");
  pages_source_row(req, "Accessibilité potentielle localisée (APL) aux "
                   "médecins généralistes", "DREES",
                   "Indicateur de référence, paramètres de la méthode",
                   "APL 2022 et 2023 (diffusion décembre 2024)",
                   "Licence Ouverte");
  pages_source_row(req, "Annuaire santé (RPPS)",
                   "Agence du numérique en santé",
                   "Médecins et lieux d'exercice", "Extraction 2017",
                   "Licence Ouverte");
  pages_source_row(req, "Répertoire SIRENE des établissements", "INSEE",
                   "Établissements de santé par commune (indicateur "
                   "d'offre approché)", "2019", "Licence Ouverte");
  pages_source_row(req, "Base permanente des équipements, services de "
                   "santé", "INSEE",
                   "Centres de santé, maisons de santé, pharmacies",
                   "BPE 2020", "Licence Ouverte");
  pages_source_row(req, "Contours des communes et départements",
                   "IGN (ADMIN EXPRESS), version simplifiée",
                   "Cartes", "2018 et 2024", "Licence Ouverte 2.0");
  html_printf(req,
      "</tbody>\n</table>\n</div>\n"
      "<h2>Limites à connaître</h2>\n"
      "<ul>\n"
      "<li>Les établissements SIRENE ne sont pas des médecins : un "
      "médecin peut en avoir plusieurs, et une cessation n'y est pas "
      "toujours enregistrée. Ils ne servent qu'à approcher l'offre.</li>\n"
      "<li>L'extraction RPPS disponible ne couvre que la Gironde en "
      "2017.</li>\n"
      "<li>Dans les fichiers APL de la DREES, Paris, Lyon et Marseille "
      "n'apparaissent que par arrondissement.</li>\n"
      "<li>Les contours simplifiés conviennent aux cartes, pas aux "
      "calculs de surface précis.</li>\n"
      "</ul>\n"
      "<h2 id=\"imports\">Données importées sur cette instance</h2>\n");
  if (nImport == 0) {
    html_printf(req, "<p class=\"muted\">Aucune donnée n'a encore été "
                     "importée sur cette instance.</p>\n");
  } else {
    html_printf(req,
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
        "aria-labelledby=\"imports\">\n"
        "<table class=\"table table-stack\">\n"
        "<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Type"
        "</th><th scope=\"col\">Fichier</th><th scope=\"col\" "
        "class=\"num\">Lignes</th><th scope=\"col\" class=\"num\">"
        "Millésime</th></tr></thead>\n<tbody>\n%s</tbody>\n</table>\n"
        "</div>\n",
        /* every value was escaped by pages_import_row */
        str_text(&imports) /*trusted*/);
  }
  str_free(&imports);
  html_printf(req,
      "<h2>Réutilisation</h2>\n"
      "<p>Les données produites par oasis peuvent être réutilisées dans "
      "les conditions de la Licence Ouverte, en citant les producteurs "
      "ci-dessus. Le logiciel oasis est un logiciel libre.</p>\n");
  page_end(req);
}

/*
** The write probe of /healthz: rewrite the one row of health_probe, at most
** once every 5 seconds for the whole process (the verdict is cached in
** between), so a full disk or a read-only database shows as 503 while
** reads would still say "ok".
*/
static _Atomic long nProbeAt;     /* time of the last probe (s) */
static _Atomic int isProbeOk = 1;

static int pages_write_ok(Store *db)
{
  long now = (long)time(NULL);
  if (now - atomic_load(&nProbeAt) < 5) return atomic_load(&isProbeOk);
  atomic_store(&nProbeAt, now);
  Err err = {0};
  Stmt *q = store_stmt(db, "INSERT INTO health_probe(id, at) VALUES (1, ?1) "
                           "ON CONFLICT(id) DO UPDATE SET at = ?1");
  store_bind_int(q, 1, now);
  int isOk = store_exec(q, &err) == 0;
  atomic_store(&isProbeOk, isOk);
  return isOk;
}

/* GET /healthz: 200 "ok" when the database answers and takes a write;
** 503 saying which part fails otherwise (for probes and monitoring).
** ROUTE: GET /healthz public
*/
void pages_healthz(Req *req)
{
  Store *db = req_db(req);
  const char *zWhat = "ok\n";
  if (!db || store_one_int(store_stmt(db, "SELECT 1"), 0) != 1) {
    zWhat = "base indisponible\n";
  } else if (!pages_write_ok(db)) {
    zWhat = "écriture impossible (disque plein ou base en lecture seule)\n";
  }
  int isOk = zWhat[0] == 'o';
  reply_header(req, "Cache-Control", "no-store");
  reply_bytes(req, isOk ? 200 : 503, "text/plain; charset=utf-8", zWhat,
              strlen(zWhat), NULL);
}

/* GET /readyz: 200 once the server can serve pages (database open and
** migrated, routes installed); 503 before.  Cheaper than /healthz: no
** write.
** ROUTE: GET /readyz public
*/
void pages_readyz(Req *req)
{
  Store *db = req_db(req);
  int isOk = db && web_routes()[0] != NULL &&
             store_one_int(store_stmt(db, "SELECT count(*) FROM "
                                          "schema_migration"), 0) > 0;
  reply_header(req, "Cache-Control", "no-store");
  reply_bytes(req, isOk ? 200 : 503, "text/plain; charset=utf-8",
              isOk ? "prêt\n" : "pas prêt\n", isOk ? 6 : 10, NULL);
}
