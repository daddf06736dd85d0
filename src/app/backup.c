/*
** app/backup.c: `oasis backup DEST` and `oasis restore SRC`: the database
** and the dossiers' attachments, together and consistent.
**
** Backup: the database is copied by `VACUUM INTO`, which reads one
** snapshot in one read transaction (writers go on; nothing restarts), then
** the attachment files that snapshot names are copied beside it.  Files
** are only ever added under their SHA-256 or removed by erasure, so every
** row of the snapshot finds its file, unless erased meanwhile (then it is
** right that the copy lacks it: it is reported).  Everything is written
** into DEST.partial, then renamed to DEST: a killed backup leaves a
** .partial that the next run clears, never a half backup under DEST.
** DEST is a directory (oasis.db, attachments/, MANIFEST) or, when it ends
** in ".tar", the same as one ustar archive.
**
** Restore: stop the server first.  The database and the attachments are
** put back where `--db` (and OASIS_ATTACH_DIR) say, each through a
** temporary name and a rename.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "admin/admin.h"
#include "base/arena.h"
#include "base/cmd.h"
#include "base/mem.h"
#include "base/str.h"
#include "cases/cases.h"

#define BK_DB_NAME "oasis.db"
#define BK_ATTACH_DIR "attachments"

/* ---- small file helpers ------------------------------------------------- */

static int bk_is_tar(const char *z)
{
  size_t n = strlen(z);
  return n > 4 && strcmp(z + n - 4, ".tar") == 0;
}

/* rm -r zPath (files and one level of directories: our own layout). */
static void bk_remove(const char *zPath)
{
  DIR *d = opendir(zPath);
  if (!d) {
    unlink(zPath);
    return;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char *z = xprintf("%s/%s", zPath, e->d_name);
    bk_remove(z);
    free(z);
  }
  closedir(d);
  rmdir(zPath);
}

/* Read the whole file zPath into s; 0 or ERR_IO. */
static int bk_read(const char *zPath, Str *s, Err *err)
{
  FILE *f = fopen(zPath, "rb");
  if (!f) return err_set(err, ERR_IO, "lecture de %s impossible : %s", zPath,
                         strerror(errno));
  char a[65536];
  size_t n;
  while ((n = fread(a, 1, sizeof a, f)) > 0) str_append(s, a, n);
  int isBad = ferror(f);
  fclose(f);
  return isBad ? err_set(err, ERR_IO, "lecture de %s impossible", zPath) : 0;
}

/* Write n bytes to zPath durably (fsync); 0 or ERR_IO. */
static int bk_write(const char *zPath, const void *p, size_t n, Err *err)
{
  int fd = open(zPath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return err_set(err, ERR_IO, "écriture de %s impossible : %s",
                             zPath, strerror(errno));
  const char *c = p;
  size_t nDone = 0;
  while (nDone < n) {
    ssize_t k = write(fd, c + nDone, n - nDone);
    if (k <= 0) break;
    nDone += (size_t)k;
  }
  int isBad = nDone != n || fsync(fd) != 0;
  if (close(fd) != 0) isBad = 1;
  return isBad ? err_set(err, ERR_IO, "écriture de %s impossible", zPath) : 0;
}

/* ---- ustar --------------------------------------------------------------- */

/* Append a ustar member zName holding n bytes of p. */
static void bk_tar_add(Str *t, const char *zName, const void *p, size_t n)
{
  unsigned char h[512];
  memset(h, 0, sizeof h);
  snprintf((char *)h, 100, "%s", zName);
  snprintf((char *)h + 100, 8, "%07o", 0600);
  snprintf((char *)h + 108, 8, "%07o", 0);
  snprintf((char *)h + 116, 8, "%07o", 0);
  snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)n);
  snprintf((char *)h + 136, 12, "%011llo", (unsigned long long)time(NULL));
  memset(h + 148, ' ', 8);
  h[156] = '0';
  memcpy(h + 257, "ustar", 6);
  memcpy(h + 263, "00", 2);
  unsigned sum = 0;
  for (int i = 0; i < 512; i++) sum += h[i];
  snprintf((char *)h + 148, 8, "%06o", sum);
  h[155] = ' ';
  str_append(t, (const char *)h, 512);
  str_append(t, p, n);
  static const char aZero[512];
  if (n % 512) str_append(t, aZero, 512 - n % 512);
}

/* Call x(pArg, name, data, n) for each regular member of the archive. */
static int bk_tar_each(const Str *t, int (*x)(void *, const char *,
                                              const char *, size_t, Err *),
                       void *pArg, Err *err)
{
  size_t i = 0;
  while (i + 512 <= t->n) {
    const unsigned char *h = (const unsigned char *)t->z + i;
    if (h[0] == 0) return 0;                  /* the two zero blocks */
    unsigned sum = 0;
    for (int k = 0; k < 512; k++) sum += (k >= 148 && k < 156) ? ' ' : h[k];
    char zNum[13];
    memcpy(zNum, h + 148, 8);
    zNum[8] = 0;
    if (strtoul(zNum, NULL, 8) != sum || memcmp(h + 257, "ustar", 5)) {
      return err_set(err, ERR_INPUT, "archive abîmée (en-tête à l'octet %zu)",
                     i);
    }
    memcpy(zNum, h + 124, 12);
    zNum[12] = 0;
    size_t n = strtoull(zNum, NULL, 8);
    char zName[101];
    memcpy(zName, h, 100);
    zName[100] = 0;
    if (i + 512 + n > t->n) {
      return err_set(err, ERR_INPUT, "archive tronquée (%s)", zName);
    }
    if (h[156] == '0' || h[156] == 0) {
      int rc = x(pArg, zName, t->z + i + 512, n, err);
      if (rc) return rc;
    }
    i += 512 + (n + 511) / 512 * 512;
  }
  return 0;
}

/* ---- backup -------------------------------------------------------------- */

typedef struct Backup Backup;
struct Backup {
  const char *zWork;       /* DEST.partial (a directory, even for .tar) */
  Str tar;                 /* the archive being built, for .tar */
  int isTar;
  int nFile, nMissing;
};

/* Add zName with its bytes to the backup (into the archive for .tar: the
** directory then only holds the database snapshot). */
static int bk_put(Backup *b, const char *zName, const void *p, size_t n,
                  Err *err)
{
  if (b->isTar) {
    bk_tar_add(&b->tar, zName, p, n);
    return 0;
  }
  char *zPath = xprintf("%s/%s", b->zWork, zName);
  int rc = bk_write(zPath, p, n, err);
  free(zPath);
  return rc;
}

/* Copy the attachment files the snapshot zSnap names from zAttach. */
static int bk_attachments(Backup *b, const char *zSnap, const char *zAttach,
                          Err *err)
{
  Store *snap = store_open(zSnap, err);
  if (!snap) return ERR_IO;
  int rc = 0;
  if (!b->isTar) {
    char *zDir = xprintf("%s/" BK_ATTACH_DIR, b->zWork);
    if (mkdir(zDir, 0700)) rc = err_set(err, ERR_IO, "dossier %s : %s", zDir,
                                        strerror(errno));
    free(zDir);
  }
  Stmt *q = store_stmt(snap, "SELECT DISTINCT sha256 FROM case_attachments "
                             "ORDER BY sha256");
  while (!rc && (rc = store_step(q, err)) == 1) {
    const char *zSha = store_col_text(q, 0);
    char *zSrc = xprintf("%s/%s", zAttach, zSha);
    Str s = STR_INIT;
    Err e2 = {0};
    rc = 0;
    if (bk_read(zSrc, &s, &e2)) {
      fprintf(stderr, "oasis backup : pièce jointe absente %s\n", zSha);
      b->nMissing++;
    } else {
      char *zName = xprintf(BK_ATTACH_DIR "/%s", zSha);
      rc = bk_put(b, zName, s.z, s.n, err);
      free(zName);
      b->nFile++;
    }
    str_free(&s);
    free(zSrc);
  }
  if (rc == 0 || rc == 1) rc = 0;
  store_close(snap);
  return rc;
}

/* Back zDb and its attachments up into zDest (see the file comment). */
static int bk_backup(const char *zDb, const char *zDest, Err *err)
{
  if (access(zDest, F_OK) == 0) {
    return err_set(err, ERR_INPUT, "%s existe déjà : une sauvegarde n'en "
                   "écrase jamais une autre", zDest);
  }
  Backup b = {0};
  b.isTar = bk_is_tar(zDest);
  char *zWork = xprintf("%s.partial", zDest);
  b.zWork = zWork;
  bk_remove(zWork);                   /* what a killed run left behind */
  Store *db = NULL;
  char *zSnap = NULL;
  int rc = 0;
  if (mkdir(zWork, 0700)) {
    rc = err_set(err, ERR_IO, "dossier %s : %s", zWork, strerror(errno));
    goto done;
  }
  if (!(db = store_open(zDb, err))) {
    rc = ERR_IO;
    goto done;
  }
  zSnap = xprintf("%s/" BK_DB_NAME, zWork);
  Stmt *q = store_stmt(db, "VACUUM INTO ?1");
  store_bind_text(q, 1, zSnap);
  if ((rc = store_exec(q, err))) goto done;
  Arena *a = arena_new();
  const char *zAttach = case_attach_dir(db, a);
  rc = bk_attachments(&b, zSnap, zAttach, err);
  arena_free(a);
  if (rc) goto done;
  char *zManifest = xprintf(
      "oasis backup\nbase: %s\npieces_jointes: %d\npieces_absentes: %d\n",
      zDb, b.nFile, b.nMissing);
  rc = bk_put(&b, "MANIFEST", zManifest, strlen(zManifest), err);
  free(zManifest);
  if (rc) goto done;
  if (b.isTar) {
    Str s = STR_INIT;
    if ((rc = bk_read(zSnap, &s, err))) goto done;
    Str all = STR_INIT;
    bk_tar_add(&all, BK_DB_NAME, s.z, s.n);
    str_append(&all, b.tar.z, b.tar.n);
    static const char aZero[1024];
    str_append(&all, aZero, sizeof aZero);
    str_free(&s);
    char *zTmp = xprintf("%s/archive.tar", zWork);
    rc = bk_write(zTmp, all.z, all.n, err);
    str_free(&all);
    if (!rc && rename(zTmp, zDest)) {
      rc = err_set(err, ERR_IO, "%s : %s", zDest, strerror(errno));
    }
    free(zTmp);
  } else if (rename(zWork, zDest)) {
    rc = err_set(err, ERR_IO, "%s : %s", zDest, strerror(errno));
  }
  if (!rc) {
    fprintf(stderr, "oasis backup : %s → %s (%d pièce(s) jointe(s)%s)\n", zDb,
            zDest, b.nFile, b.nMissing ? ", certaines absentes" : "");
  }
done:
  store_close(db);
  if (rc || b.isTar) bk_remove(zWork);
  free(zSnap);
  free(zWork);
  str_free(&b.tar);
  return rc;
}

/* ---- restore ------------------------------------------------------------- */

typedef struct Restore Restore;
struct Restore {
  const char *zDb;         /* where the database goes */
  const char *zAttach;     /* where the attachments go */
  int hasDb, nFile;
};

/* Put one member of a backup in place (temporary name, then rename). */
static int bk_restore_one(void *pArg, const char *zName, const char *p,
                          size_t n, Err *err)
{
  Restore *r = pArg;
  char *zDest = NULL;
  if (strcmp(zName, BK_DB_NAME) == 0) {
    zDest = xstrdup(r->zDb);
    r->hasDb = 1;
  } else if (strncmp(zName, BK_ATTACH_DIR "/", sizeof BK_ATTACH_DIR) == 0) {
    const char *zSha = zName + sizeof BK_ATTACH_DIR;
    if (strlen(zSha) != 64 || strspn(zSha, "0123456789abcdef") != 64) {
      return err_set(err, ERR_INPUT, "membre inattendu « %s »", zName);
    }
    mkdir(r->zAttach, 0700);
    zDest = xprintf("%s/%s", r->zAttach, zSha);
    r->nFile++;
  } else {
    return 0;                                    /* MANIFEST */
  }
  char *zTmp = xprintf("%s.restore-tmp", zDest);
  int rc = bk_write(zTmp, p, n, err);
  if (!rc && rename(zTmp, zDest)) {
    rc = err_set(err, ERR_IO, "%s : %s", zDest, strerror(errno));
  }
  if (rc) unlink(zTmp);
  free(zTmp);
  free(zDest);
  return rc;
}

/* Feed the members of a backup directory to bk_restore_one. */
static int bk_restore_dir(const char *zSrc, Restore *r, Err *err)
{
  Str s = STR_INIT;
  char *zPath = xprintf("%s/" BK_DB_NAME, zSrc);
  int rc = bk_read(zPath, &s, err);
  free(zPath);
  if (!rc) rc = bk_restore_one(r, BK_DB_NAME, s.z, s.n, err);
  str_free(&s);
  char *zDir = xprintf("%s/" BK_ATTACH_DIR, zSrc);
  DIR *d = rc ? NULL : opendir(zDir);
  struct dirent *e;
  while (d && !rc && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char *zFile = xprintf("%s/%s", zDir, e->d_name);
    char *zName = xprintf(BK_ATTACH_DIR "/%s", e->d_name);
    Str f = STR_INIT;
    rc = bk_read(zFile, &f, err);
    if (!rc) rc = bk_restore_one(r, zName, f.z, f.n, err);
    str_free(&f);
    free(zName);
    free(zFile);
  }
  if (d) closedir(d);
  free(zDir);
  return rc;
}

static int bk_restore(const char *zSrc, const char *zDb, int isForce,
                      Err *err)
{
  if (access(zDb, F_OK) == 0 && !isForce) {
    return err_set(err, ERR_INPUT, "%s existe : arrêtez le serveur, puis "
                   "relancez avec --force pour le remplacer", zDb);
  }
  Restore r = {0};
  r.zDb = zDb;
  /* The attachments go where the server will look for them. */
  Arena *a = arena_new();
  const char *zAttach = case_attach_dir_for(zDb, a);
  r.zAttach = zAttach;
  int rc;
  if (bk_is_tar(zSrc)) {
    Str t = STR_INIT;
    rc = bk_read(zSrc, &t, err);
    if (!rc) rc = bk_tar_each(&t, bk_restore_one, &r, err);
    str_free(&t);
  } else {
    rc = bk_restore_dir(zSrc, &r, err);
  }
  if (!rc && !r.hasDb) {
    rc = err_set(err, ERR_INPUT, "%s ne contient pas de base (%s)", zSrc,
                 BK_DB_NAME);
  }
  if (!rc) {
    /* A stale WAL of the replaced database must not be replayed on it. */
    char *zWal = xprintf("%s-wal", zDb), *zShm = xprintf("%s-shm", zDb);
    unlink(zWal);
    unlink(zShm);
    free(zWal);
    free(zShm);
    fprintf(stderr, "oasis restore : %s → %s (%d pièce(s) jointe(s) dans "
            "%s)\n", zSrc, zDb, r.nFile, zAttach);
  }
  arena_free(a);
  return rc;
}

/* ---- commands ------------------------------------------------------------ */

static int bk_fail(const char *zCmd, const Err *err)
{
  char zBuf[768];
  fprintf(stderr, "oasis %s : %s\n", zCmd, err_text(err, zBuf, sizeof zBuf));
  return err->code == ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
}

/* Parse "CMD ARG [--db FILE] [--force]"; 0 or -1 (usage printed). */
static int bk_args(int argc, char **argv, const char *zUsage,
                   const char **pzArg, const char **pzDb, int *pIsForce)
{
  *pzDb = "var/oasis.db";
  *pzArg = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      *pzDb = argv[++i];
    } else if (!strcmp(argv[i], "--force") && pIsForce) {
      *pIsForce = 1;
    } else if (argv[i][0] == '-' || *pzArg) {
      fprintf(stderr, "usage: oasis %s\n", zUsage);
      return -1;
    } else {
      *pzArg = argv[i];
    }
  }
  if (!*pzArg) {
    fprintf(stderr, "usage: oasis %s\n", zUsage);
    return -1;
  }
  return 0;
}

static const char zBackupUsage[] =
    "backup DOSSIER|FICHIER.tar [--db var/oasis.db]";
static const char zRestoreUsage[] =
    "restore DOSSIER|FICHIER.tar [--db var/oasis.db] [--force]";

static int bk_cmd_backup(int argc, char **argv)
{
  const char *zDest, *zDb;
  Err err = {0};
  if (bk_args(argc, argv, zBackupUsage, &zDest, &zDb, NULL)) return EXIT_USAGE;
  return bk_backup(zDb, zDest, &err) ? bk_fail("backup", &err) : EXIT_OK;
}

static int bk_cmd_restore(int argc, char **argv)
{
  const char *zSrc, *zDb;
  int isForce = 0;
  Err err = {0};
  if (bk_args(argc, argv, zRestoreUsage, &zSrc, &zDb, &isForce)) {
    return EXIT_USAGE;
  }
  return bk_restore(zSrc, zDb, isForce, &err) ? bk_fail("restore", &err)
                                              : EXIT_OK;
}

const Command app_backup_commands[] = {
  {"backup", bk_cmd_backup, zBackupUsage, 0},
  {"restore", bk_cmd_restore, zRestoreUsage, 0},
  {0, 0, 0, 0}
};
