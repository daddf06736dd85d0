/*
** observatory/apl_cache.c: the binary cache of a parsed travel-time
** matrix, for repeated `oasis apl --matrix F --cache DIR` runs.
**
** One file per matrix content: DIR/apl-matrix-<hash>.bin, where hash is
** scan_hash() of the matrix file's bytes.  A changed file has another
** hash, hence another cache file: it is parsed again, never served stale.
** The header repeats the hash and the size and is checked on reading.
** Layout (native byte order, this machine only):
**   magic "OASISMX3", u64 hash, u64 size, i64 nNode, i64 nPair,
**   i64 nCodeBytes, i64 nTimeX, the codes (each NUL-terminated), zeros up
**   to a multiple of 8 bytes, i32 aOrigin[nPair], i32 aDest[nPair],
**   u32 aTime[nPair] (short decimals, base/scan.h), zeros up to a multiple
**   of 8, f64 aTimeX[nTimeX]: 12 bytes a pair.
** Read by mapping the file: the pair arrays are the mapping itself, not a
** copy (AplModel.pMap).  Written to a temporary file then renamed: a
** reader never sees half.
*/
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/scan.h"
#include "observatory/apl_run.h"

static const char zMagic[8] = {'O', 'A', 'S', 'I', 'S', 'M', 'X', '3'};

typedef struct CacheHead CacheHead;
struct CacheHead {
  char zMagic[8];
  uint64_t hash, size;
  int64_t nNode, nPair, nCodeBytes, nTimeX;
};

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

static void cache_path(char *zPath, size_t nPath, const char *zDir,
                       uint64_t h)
{
  snprintf(zPath, nPath, "%s/apl-matrix-%016llx.bin", zDir,
           (unsigned long long)h);
}

int apl_cache_read(AplModel *m, const char *zDir, uint64_t h, size_t n)
{
  char zPath[4200];
  CacheHead hd;
  struct stat st;
  if (m->nodes.n || m->nPair) return -1;       /* only into an empty model */
  cache_path(zPath, sizeof zPath, zDir, h);
  int fd = open(zPath, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char *zMap = MAP_FAILED;
  size_t nMap = 0;
  if (fstat(fd, &st) == 0 && (size_t)st.st_size >= sizeof hd) {
    nMap = (size_t)st.st_size;
    zMap = mmap(NULL, nMap, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  }
  close(fd);
  if (zMap == MAP_FAILED) return -1;
  memcpy(&hd, zMap, sizeof hd);
  size_t nPair = (size_t)hd.nPair, nX = (size_t)hd.nTimeX;
  size_t oCodes = sizeof hd, oPairs = pad8(oCodes + (size_t)hd.nCodeBytes);
  size_t oX = pad8(oPairs + 12 * nPair);
  int isOk = !memcmp(hd.zMagic, zMagic, 8) && hd.hash == h &&
             hd.size == n && hd.nNode >= 0 && hd.nPair > 0 &&
             hd.nCodeBytes >= hd.nNode && hd.nTimeX >= 0 &&
             hd.nTimeX <= hd.nPair && hd.nCodeBytes < (int64_t)nMap &&
             hd.nPair < (int64_t)nMap && oX + 8 * nX == nMap;
  /* the codes must be nNode distinct strings filling the block */
  const char *z = zMap + oCodes;
  const char *zEnd = isOk ? z + hd.nCodeBytes : z;
  for (int64_t k = 0; isOk && k < hd.nNode; k++) {
    const char *zNul = memchr(z, 0, (size_t)(zEnd - z));
    if (!zNul || apl_nodes_add(&m->nodes, z, NULL) != (int)k) isOk = 0;
    else z = zNul + 1;
  }
  isOk = isOk && z == zEnd;
  int *aO = (int *)(void *)(zMap + oPairs), *aD = aO + nPair;
  uint32_t *aT = (uint32_t *)(void *)(aD + nPair);
  double *aX = (double *)(void *)(zMap + oX);
  for (size_t k = 0; isOk && k < nPair; k++) {
    isOk = aO[k] >= 0 && aO[k] < hd.nNode && aD[k] >= 0 &&
           aD[k] < hd.nNode &&
           ((aT[k] & 15) != SCAN_DEC_NONE || (aT[k] >> 4) < nX);
  }
  for (size_t k = 0; isOk && k < nX; k++) isOk = aX[k] >= 0;
  if (!isOk) {
    apl_nodes_free(&m->nodes);
    munmap(zMap, nMap);
    return -1;
  }
  m->pMap = zMap;
  m->nMap = nMap;
  m->aOrigin = aO;
  m->aDest = aD;
  m->aTime = aT;
  m->aTimeX = aX;
  m->nTimeX = hd.nTimeX;
  m->nPair = hd.nPair;
  return 0;
}

int apl_cache_write(const AplModel *m, const char *zDir, uint64_t h,
                    size_t n)
{
  char zPath[4200], zTmp[4300];
  CacheHead hd;
  memset(&hd, 0, sizeof hd);
  memcpy(hd.zMagic, zMagic, 8);
  hd.hash = h;
  hd.size = n;
  hd.nNode = m->nodes.n;
  hd.nPair = m->nPair;
  hd.nTimeX = m->nTimeX;
  for (int i = 0; i < m->nodes.n; i++) {
    hd.nCodeBytes += (int64_t)strlen(m->nodes.azCode[i]) + 1;
  }
  mkdir(zDir, 0700);                  /* the first run makes the folder */
  cache_path(zPath, sizeof zPath, zDir, h);
  snprintf(zTmp, sizeof zTmp, "%s.%ld.tmp", zPath, (long)getpid());
  FILE *out = fopen(zTmp, "wb");
  if (!out) return -1;
  size_t nPair = (size_t)m->nPair;
  int isOk = fwrite(&hd, sizeof hd, 1, out) == 1;
  for (int i = 0; isOk && i < m->nodes.n; i++) {
    const char *z = m->nodes.azCode[i];
    isOk = fwrite(z, 1, strlen(z) + 1, out) == strlen(z) + 1;
  }
  static const char zZero[8] = {0};
  size_t nPad = pad8(sizeof hd + (size_t)hd.nCodeBytes) -
                (sizeof hd + (size_t)hd.nCodeBytes);
  size_t nPad2 = pad8(12 * nPair) - 12 * nPair;
  isOk = isOk && fwrite(zZero, 1, nPad, out) == nPad &&
         fwrite(m->aOrigin, sizeof(int), nPair, out) == nPair &&
         fwrite(m->aDest, sizeof(int), nPair, out) == nPair &&
         fwrite(m->aTime, sizeof(uint32_t), nPair, out) == nPair &&
         fwrite(zZero, 1, nPad2, out) == nPad2 &&
         (m->nTimeX == 0 ||
          fwrite(m->aTimeX, sizeof(double), (size_t)m->nTimeX, out) ==
              (size_t)m->nTimeX);
  if (fclose(out)) isOk = 0;
  if (!isOk || rename(zTmp, zPath)) {
    remove(zTmp);
    return -1;
  }
  return 0;
}
