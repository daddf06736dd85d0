/*
** territory/fetch.c: download the open data with libcurl.
**
** With --base-url, every file is fetched from BASE/<path> (a mirror of
** $OASIS_DATA_DIR, e.g. a team's server) and must match the manifest's
** sha256.  Without it, only files published upstream byte for byte are
** fetched (and checked); prepared files (columns renamed, sheets exported,
** see SOURCES.md) come from a mirror only, and the command says so.
** A file is written under a temporary name and renamed once verified, so
** a failed download never leaves a file that looks complete.
*/
#include "territory/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cmd.h"
#include "base/mem.h"
#include "base/str.h"
#include "store/provenance.h"

const FetchFile fetch_manifest[] = {
  {"communes/communes_coordonnees_cog2024.csv",
   "https://raw.githubusercontent.com/rcarlier/datas.fun/"
   "b9874080432e11b943e93aeae75ee372a024697b/France/communes.csv",
   "0894591ed452d2d3345ef4a338689735669a614ff16429edce4d6594318be6c2", 0},
  {"apl/drees_apl_medecins_generalistes_2022_2023.xlsx",
   "https://raw.githubusercontent.com/louiselize/"
   "Data_Analysis_Lattitudes_Sante_et_Territoires/"
   "b6378a0b90fd267d7ea26d3e309afc49e78548ee/data/raw/"
   "apl-thierache-centre/apl_generalistes.xlsx",
   "983d59a873d2b176349e003a565c14a8b2793da1c76bbc5e9a3505a068b730a7", 1},
  {"apl/apl_mg_2022_communes.csv", NULL,
   "5da18241e5da76057d5ee97d257cbff1810ba1fcded113a8b103961cfb75d15c", 0},
  {"apl/apl_mg_2023_communes.csv", NULL,
   "10340202f506fcd0a1feb1983537d688384973c65f74f63dcb50f58b70b1c1a3", 0},
  {"apl/apl_mg_parametres_drees.csv", NULL,
   "79bc288f0367e85bcd6fbc5aea0f2b8327f6a369335fca14bdbd33a5117c1898", 0},
  {"offre_soins/sirene2019_etablissements_sante_par_commune.csv",
   "https://raw.githubusercontent.com/virgilus/desert-medicaux-global/"
   "771b6ecc9e434e6e4a76a8d5115a8c5b1bb105cd/notebooks/data_save/processed/"
   "PS_communes.csv",
   "0b72955217a0c590de474c203ab0aa725e05ae459cf5bd587c56bc45b49ae736", 0},
  {"offre_soins/rpps_gironde_2017_mg_neuro_activites.csv",
   "https://raw.githubusercontent.com/scossin/parcoursdesoins/"
   "c48d6c6ff9f84b670ec83d2c88a2d0d449101610/RPPS/RPPS.csv",
   "d4357dd4769f50ac85b5b8ca011c354c0d532c7868c8553032c110da5e054c37", 0},
  {"geo/communes_france_cog2024_simplifie.geojson.gz", NULL,
   "86299b70155a89a5718080bb10e29717fd510991de53e2174fb1a9f77ba4f45f", 0},
  {0, 0, 0, 0}
};

void fetch_usage(FILE *out)
{
  fprintf(out,
    "usage : oasis data fetch [--dest DOSSIER] [--base-url URL] "
    "[--only CHEMIN]...\n\n"
    "Télécharge les fichiers de données ouvertes (liste et URL dans "
    "docs/data.md)\net vérifie leur empreinte sha256.\n"
    "  --dest DOSSIER   destination (défaut $OASIS_DATA_DIR, sinon data)\n"
    "  --base-url URL   miroir servant URL/<chemin> (ex. un serveur de "
    "l'équipe)\n"
    "  --only CHEMIN    seulement ce fichier (répétable)\n"
    "Sortie : 0 tout est présent et vérifié, 1 un fichier a échoué, "
    "2 usage.\n");
}

/* mkdir -p of the directory part of zPath. */
static int fetch_mkdirs(const char *zPath)
{
  char z[1024];
  snprintf(z, sizeof z, "%s", zPath);
  for (char *p = z + 1; *p; p++) {
    if (*p != '/') continue;
    *p = 0;
    if (mkdir(z, 0755) && errno != EEXIST) return -1;
    *p = '/';
  }
  return 0;
}

typedef struct FetchSink FetchSink;
struct FetchSink {
  FILE *out;
  crypto_hash_sha256_state st;
};

static size_t fetch_write(char *p, size_t nSize, size_t n, void *pArg)
{
  FetchSink *s = pArg;
  crypto_hash_sha256_update(&s->st, (unsigned char *)p, nSize * n);
  return fwrite(p, nSize, n, s->out);
}

/* Download zUrl into zDest, checking zSha when given.  0 or -1 (message
** printed). */
static int fetch_one(CURL *curl, const char *zUrl, const char *zDest,
                     const char *zSha)
{
  char zTmp[1100];
  snprintf(zTmp, sizeof zTmp, "%s.part", zDest);
  if (fetch_mkdirs(zDest)) {
    fprintf(stderr, "  %s : impossible de créer le dossier\n", zDest);
    return -1;
  }
  FetchSink s;
  if (!(s.out = fopen(zTmp, "wb"))) {
    fprintf(stderr, "  %s : écriture impossible\n", zTmp);
    return -1;
  }
  crypto_hash_sha256_init(&s.st);
  char zCurlErr[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, zUrl);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, fetch_write);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &s);
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, zCurlErr);
  CURLcode cc = curl_easy_perform(curl);
  int isWriteBad = fclose(s.out) != 0;
  if (cc != CURLE_OK || isWriteBad) {
    fprintf(stderr, "  %s : échec du téléchargement (%s)\n", zUrl,
            zCurlErr[0] ? zCurlErr : curl_easy_strerror(cc));
    unlink(zTmp);
    return -1;
  }
  unsigned char aHash[32];
  char zHex[65];
  crypto_hash_sha256_final(&s.st, aHash);
  for (int i = 0; i < 32; i++) snprintf(zHex + 2 * i, 3, "%02x", aHash[i]);
  if (zSha && strcmp(zSha, zHex)) {
    fprintf(stderr, "  %s : empreinte sha256 inattendue (%.16s au lieu de "
            "%.16s), fichier rejeté\n", zUrl, zHex, zSha);
    unlink(zTmp);
    return -1;
  }
  if (rename(zTmp, zDest)) {
    fprintf(stderr, "  %s : renommage impossible\n", zDest);
    unlink(zTmp);
    return -1;
  }
  fprintf(stderr, "  %s : téléchargé, sha256 %.16s%s\n", zDest, zHex,
          zSha ? " vérifié" : " (non vérifiable)");
  return 0;
}

static int fetch_wanted(const char *zPath, char **azOnly, int nOnly)
{
  if (nOnly == 0) return 1;
  for (int i = 0; i < nOnly; i++) {
    if (!strcmp(azOnly[i], zPath)) return 1;
  }
  return 0;
}

int fetch_main(int argc, char **argv)
{
  const char *zDest = getenv("OASIS_DATA_DIR"), *zBase = NULL;
  char **azOnly = xcalloc((size_t)argc, sizeof(char *));
  int nOnly = 0, nFail = 0, rc = EXIT_OK;
  if (!zDest || !zDest[0]) zDest = "data";
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fetch_usage(stdout);
      goto done;
    }
    if (i + 1 < argc && !strcmp(argv[i], "--dest")) {
      zDest = argv[++i];
    } else if (i + 1 < argc && !strcmp(argv[i], "--base-url")) {
      zBase = argv[++i];
    } else if (i + 1 < argc && !strcmp(argv[i], "--only")) {
      azOnly[nOnly++] = argv[++i];
    } else {
      fprintf(stderr, "oasis data fetch : argument inconnu « %s »\n", argv[i]);
      fetch_usage(stderr);
      rc = EXIT_USAGE;
      goto done;
    }
  }
  for (int i = 0; i < nOnly; i++) {
    const FetchFile *f;
    for (f = fetch_manifest; f->zPath && strcmp(f->zPath, azOnly[i]); f++) {}
    if (!f->zPath) {
      fprintf(stderr, "oasis data fetch : « %s » n'est pas dans la liste "
              "(docs/data.md)\n", azOnly[i]);
      rc = EXIT_USAGE;
      goto done;
    }
  }
  if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT)) {
    fprintf(stderr, "oasis data fetch : initialisation impossible\n");
    rc = EXIT_INPUT;
    goto done;
  }
  CURL *curl = curl_easy_init();
  for (const FetchFile *f = fetch_manifest; f->zPath; f++) {
    if (!fetch_wanted(f->zPath, azOnly, nOnly)) continue;
    Str dest = STR_INIT, url = STR_INIT;
    str_appendf(&dest, "%s/%s", zDest, f->zPath);
    char zHave[65];
    Err err = {0};
    if (prov_sha256_file(str_text(&dest), zHave, &err) == 0 &&
        !strcmp(zHave, f->zSha256)) {
      fprintf(stderr, "  %s : déjà présent, sha256 vérifié\n",
              str_text(&dest));
    } else if (zBase) {
      size_t n = strlen(zBase);
      str_appendf(&url, "%.*s/%s", (int)(n && zBase[n - 1] == '/' ? n - 1 : n),
                  zBase, f->zPath);
      nFail += fetch_one(curl, str_text(&url), str_text(&dest), f->zSha256) != 0;
    } else if (f->zUrl && f->isVerbatim) {
      nFail += fetch_one(curl, f->zUrl, str_text(&dest), f->zSha256) != 0;
    } else {
      fprintf(stderr, "  %s : fichier préparé (voir SOURCES.md), à prendre "
              "sur un miroir avec --base-url%s%s\n", f->zPath,
              f->zUrl ? " ; source amont : " : "", f->zUrl ? f->zUrl : "");
      nFail++;
    }
    str_free(&dest);
    str_free(&url);
  }
  curl_easy_cleanup(curl);
  curl_global_cleanup();
  if (nFail) {
    fprintf(stderr, "oasis data fetch : %d fichier(s) manquant(s) ou "
            "invalide(s)\n", nFail);
    rc = EXIT_INPUT;
  }
done:
  free(azOnly);
  return rc;
}
