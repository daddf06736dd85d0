/*
** zoning/pages.c: the official zonage in the admin UI, /admin/zonage --
** upload an ARS arrêté's per-commune table (the same import as `oasis
** zonage import`: all rows or none, provenance logged, audited), and see
** what is imported: each arrêté with its date, reference and communes.
**
** The upload is written to a private temporary directory under its own
** (sanitised) file name, so that import_log names the file as sent, then
** imported by zoning_import() and removed.  No classification here: the
** pages of the other modules show zoning_of().
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/kit.h"
#include "web/kit_form.h"
#include "web/web.h"
#include "zoning/zoning.h"

/* The arrêtés imported, newest first, as a table (or a sentence). */
static void zonage_list(Req *req)
{
  Err err = {0};
  Stmt *q = store_stmt(req_db(req),
      "SELECT profession, coalesce(date_arrete, ''), coalesce(reference, ''),"
      " count(*), sum(zone IN ('ZIP', 'TRES_SOUS_DOTEE', 'SOUS_DOTEE'))"
      " FROM zonage GROUP BY profession, date_arrete, reference"
      " ORDER BY coalesce(date_arrete, '') DESC, profession LIMIT 200");
  int rc, n = 0;
  html_printf(req, "<h2 id=\"arretes\">Arrêtés importés</h2>\n");
  while ((rc = store_step(q, &err)) == 1) {
    if (n++ == 0) {
      html_printf(req,
          "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
          "aria-labelledby=\"arretes-titre\">\n<table class=\"table-stack\">\n"
          "<caption id=\"arretes-titre\">Par date, référence et "
          "profession</caption>\n"
          "<thead><tr><th scope=\"col\">Date de l'arrêté</th><th scope=\"col\">"
          "Référence</th><th scope=\"col\">Profession</th><th scope=\"col\" "
          "class=\"num\">Communes</th><th scope=\"col\" class=\"num\">dont "
          "zone prioritaire</th></tr></thead>\n<tbody>\n");
    }
    html_printf(req, "<tr><td data-label=\"Date\">%h</td><td "
                     "data-label=\"Référence\">%h</td><td "
                     "data-label=\"Profession\">%h</td><td class=\"num\" "
                     "data-label=\"Communes\">%lld</td><td class=\"num\" "
                     "data-label=\"Zone prioritaire\">%lld</td></tr>\n",
                kit_date_fr(req, store_col_text(q, 1)),
                store_col_text(q, 2)[0] ? store_col_text(q, 2) : "—",
                store_col_text(q, 0), (long long)store_col_int(q, 3),
                (long long)store_col_int(q, 4));
  }
  if (rc < 0) {
    html_printf(req, "<p>Liste indisponible : %h</p>\n", err.zMsg);
  } else if (n == 0) {
    html_printf(req, "<p>Aucun arrêté importé : les pages classent les "
                     "communes d'après l'APL de la DREES, à titre "
                     "indicatif.</p>\n");
  } else {
    html_printf(req, "</tbody></table></div>\n");
  }
}

/* The page: the upload form (its errors at the field), then the list. */
static void zonage_page(Req *req, const KitErrors *e, const char *zVintage,
                        long nDone)
{
  static const char *const azProf[] = {
    "medecin", "Médecins généralistes", "infirmier", "Infirmiers",
    "masseur_kinesitherapeute", "Masseurs-kinésithérapeutes",
    "sage_femme", "Sages-femmes", "chirurgien_dentiste",
    "Chirurgiens-dentistes", "orthophoniste", "Orthophonistes", NULL};
  const char *zProf = req_form(req, "profession");
  page_begin(req, "Zonage officiel de l'ARS");
  kit_breadcrumb(req, "Administration", "/admin", "Zonage officiel", NULL,
                 NULL);
  html_printf(req,
      "<h1>Zonage officiel de l'ARS</h1>\n<p class=\"lead\">Importez la "
      "table des communes publiée avec l'arrêté de l'ARS : les classes ZIP, "
      "ZAC et ZAR qu'elle donne remplacent, commune par commune, le "
      "classement indicatif tiré de l'APL de la DREES, partout dans "
      "oasis.</p>\n");
  if (nDone > 0) {
    html_printf(req, "<p class=\"alert alert-success\" role=\"status\">"
                     "Arrêté importé : %ld commune%s.</p>\n", nDone,
                nDone > 1 ? "s" /*trusted*/ : "" /*trusted*/);
  }
  kit_error_box(req, e);
  html_printf(req,
      "<form method=\"post\" action=\"/admin/zonage\" "
      "enctype=\"multipart/form-data\"><input type=\"hidden\" "
      "name=\"csrf_token\" value=\"%h\">\n", req_csrf_token(req));
  const char *zErr = kit_error_of(e, "fichier");
  html_printf(req,
      "<div class=\"field%s\"><label for=\"f-fichier\">Table de l'arrêté "
      "(CSV)<span class=\"hint\">Colonnes <code>code_commune</code> et "
      "<code>zone</code> (« Zone d'intervention prioritaire », « ZIP », "
      "« hors zonage »…), facultatives <code>profession</code>, "
      "<code>date_arrete</code> et <code>reference</code> ; séparateur , ou "
      ";. Tout le fichier est refusé à la première ligne fausse.</span>"
      "</label><input type=\"file\" id=\"f-fichier\" name=\"fichier\" "
      "accept=\".csv,text/csv\" required%s>",
      zErr ? " field-error" /*trusted*/ : "" /*trusted*/,
      zErr ? " aria-invalid=\"true\" aria-describedby=\"f-fichier-err\""
             /*trusted*/
           : "" /*trusted*/);
  if (zErr) {
    html_printf(req, "<p class=\"error\" id=\"f-fichier-err\">%h</p>", zErr);
  }
  html_printf(req, "</div>\n");
  kit_select(req, e, "profession", "Profession (lignes sans colonne "
             "profession)", azProf, zProf ? zProf : "medecin", NULL);
  kit_input_ex(req, e, "millesime", "Millésime du zonage", "text",
               zVintage ? zVintage : "", "facultatif, par exemple 2024",
               "inputmode=\"numeric\" maxlength=\"4\" size=\"6\"");
  html_printf(req, "<div class=\"form-actions\"><button type=\"submit\">"
                   "Importer l'arrêté</button></div>\n</form>\n");
  zonage_list(req);
  page_end(req);
}

/* GET /admin/zonage[?importees=N]
** ROUTE: GET /admin/zonage admin
*/
void zonage_get(Req *req)
{
  zonage_page(req, NULL, NULL, (long)kit_query_int(req, "importees", 0));
}

/* What the write imports: the upload, already in a file. */
typedef struct ZonageUpload ZonageUpload;
struct ZonageUpload {
  const char *zPath;        /* temporary file under its sent name */
  const char *zName;        /* the name as sent */
  const char *zProf;
  int vintage;
  long nRows;
};

/* Import and audit, in kit_write's transaction (the import nests). */
static int zonage_write(Req *req, void *pArg, Err *err)
{
  ZonageUpload *u = pArg;
  int rc = zoning_import(req_db(req), u->zPath, u->vintage, u->zProf,
                         &u->nRows, err);
  if (rc) return rc;
  json_t *pAfter = json_pack("{s:s, s:s, s:i, s:i}", "fichier", u->zName,
                             "profession", u->zProf, "millesime", u->vintage,
                             "lignes", (int)u->nRows);
  return kit_audit(req, "zonage", 0, "import", NULL, pAfter, err);
}

/* The client's file name reduced to [A-Za-z0-9._-] (never a path). */
static const char *zonage_safe_name(Req *req, const char *zName)
{
  char *z = arena_strdup(req_arena(req), zName && zName[0] ? zName
                                                           : "zonage.csv");
  for (char *c = z; *c; c++) {
    int isOk = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
               (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' ||
               *c == '_';
    if (!isOk) *c = '_';
  }
  if (z[0] == '.') z[0] = '_';
  return z;
}

/* POST /admin/zonage (multipart: fichier, profession, millesime)
** ROUTE: POST /admin/zonage admin
*/
void zonage_post(Req *req)
{
  KitErrors e = {0};
  Err err = {0};
  const ReqFile *f = req_file(req, "fichier");
  const char *zProf = req_form(req, "profession");
  const char *zVintage = req_form(req, "millesime");
  long vintage = 0;
  if (!f || f->nData == 0) {
    kit_error_add(req, &e, "fichier", "choisissez le fichier CSV de "
                  "l'arrêté (il est vide ou absent)");
  }
  if (zVintage && zVintage[0] &&
      (str_to_long(zVintage, &vintage) || vintage < 2017 || vintage > 2100)) {
    kit_error_add(req, &e, "millesime", "une année entre 2017 et 2100, ou "
                  "rien");
  }
  if (!zProf || !zProf[0]) zProf = "medecin";
  if (e.n) {
    reply_status(req, 400);
    zonage_page(req, &e, zVintage, 0);
    return;
  }
  char zDir[] = "/tmp/oasis-zonage-XXXXXX";
  if (!mkdtemp(zDir)) {
    err_set(&err, ERR_IO, "dossier temporaire impossible à créer");
    kit_reply_err(req, ERR_IO, &err);
    return;
  }
  ZonageUpload u = {0};
  u.zName = zonage_safe_name(req, f->zName);
  u.zPath = arena_printf(req_arena(req), "%s/%s", zDir, u.zName);
  u.zProf = zProf;
  u.vintage = (int)vintage;
  FILE *pOut = fopen(u.zPath, "wb");
  int rc = pOut && fwrite(f->aData, 1, f->nData, pOut) == f->nData ? 0
                                                                   : ERR_IO;
  if (pOut && fclose(pOut)) rc = ERR_IO;
  if (rc) err_set(&err, ERR_IO, "fichier temporaire impossible à écrire");
  else rc = kit_write(req, zonage_write, &u, &err);
  unlink(u.zPath);
  rmdir(zDir);
  if (rc == ERR_INPUT) {
    /* the importer's French message names the line and the column */
    char zMsg[768];
    kit_error_add(req, &e, "fichier", err_text(&err, zMsg, sizeof zMsg));
    reply_status(req, 400);
    zonage_page(req, &e, zVintage, 0);
    return;
  }
  kit_redirect_or_err(req, rc, &err,
                      html_mprintf(req, "/admin/zonage?importees=%ld", u.nRows));
}
