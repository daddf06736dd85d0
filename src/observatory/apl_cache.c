/*
** observatory/apl_cache.c: the binary cache of a parsed travel-time
** matrix, for repeated `oasis apl --matrix F --cache DIR` runs.
**
** One file per matrix content: DIR/apl-matrix-<hash>.bin, where hash is
** scan_hash() of the matrix file's bytes.  A changed file has another
** hash, hence another cache file: it is parsed again, never served stale.
** The header repeats the hash and the size and is checked on reading.
** Layout (native byte order, this machine only):
**   magic "OASISMX2", u64 hash, u64 size, i64 nNode, i64 nPair,
**   i64 nCodeBytes, i64 nTimeX, the codes (each NUL-terminated),
**   i32 aOrigin[nPair], i32 aDest[nPair], u32 aTime[nPair] (short
**   decimals, base/scan.h), f64 aTimeX[nTimeX]: 12 bytes a pair.
** Written to a temporary file then renamed: a reader never sees half.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/scan.h"
#include "observatory/apl_run.h"

static const char zMagic[8] = {'O', 'A', 'S', 'I', 'S', 'M', 'X', '2'};

typedef struct CacheHead CacheHead;
struct CacheHead {
  char zMagic[8];
  uint64_t hash, size;
  int64_t nNode, nPair, nCodeBytes, nTimeX;
};

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
  if (m->nodes.n || m->nPair) return -1;       /* only into an empty model */
  cache_path(zPath, sizeof zPath, zDir, h);
  FILE *in = fopen(zPath, "rb");
  if (!in) return -1;
  if (fread(&hd, sizeof hd, 1, in) != 1 || memcmp(hd.zMagic, zMagic, 8) ||
      hd.hash != h || hd.size != n || hd.nNode < 0 || hd.nPair <= 0 ||
      hd.nCodeBytes < hd.nNode) {
    fclose(in);
    return -1;
  }
  size_t nPair = (size_t)hd.nPair, nX = (size_t)hd.nTimeX;
  char *zCodes = xmalloc((size_t)hd.nCodeBytes + 1);
  int *aO = xmalloc(nPair * sizeof(int)), *aD = xmalloc(nPair * sizeof(int));
  uint32_t *aT = xmalloc(nPair * sizeof(uint32_t));
  double *aX = xmalloc((nX ? nX : 1) * sizeof(double));
  int isOk = hd.nTimeX >= 0 && hd.nTimeX <= hd.nPair &&
             fread(zCodes, 1, (size_t)hd.nCodeBytes, in) ==
                 (size_t)hd.nCodeBytes &&
             fread(aO, sizeof(int), nPair, in) == nPair &&
             fread(aD, sizeof(int), nPair, in) == nPair &&
             fread(aT, sizeof(uint32_t), nPair, in) == nPair &&
             fread(aX, sizeof(double), nX, in) == nX;
  fclose(in);
  zCodes[hd.nCodeBytes] = 0;
  /* the codes must be nNode distinct strings filling the block */
  const char *z = zCodes, *zEnd = zCodes + hd.nCodeBytes;
  for (int64_t k = 0; isOk && k < hd.nNode; k++) {
    if (z >= zEnd || apl_nodes_add(&m->nodes, z, NULL) != (int)k) isOk = 0;
    z += strlen(z) + 1;
  }
  for (size_t k = 0; isOk && k < nPair; k++) {
    isOk = aO[k] >= 0 && aO[k] < hd.nNode && aD[k] >= 0 &&
           aD[k] < hd.nNode &&
           ((aT[k] & 15) != SCAN_DEC_NONE || (aT[k] >> 4) < nX);
  }
  for (size_t k = 0; isOk && k < nX; k++) isOk = aX[k] >= 0;
  free(zCodes);
  if (!isOk || z != zEnd) {
    apl_nodes_free(&m->nodes);
    free(aO);
    free(aD);
    free(aT);
    free(aX);
    return -1;
  }
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
  isOk = isOk && fwrite(m->aOrigin, sizeof(int), nPair, out) == nPair &&
         fwrite(m->aDest, sizeof(int), nPair, out) == nPair &&
         fwrite(m->aTime, sizeof(uint32_t), nPair, out) == nPair &&
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
