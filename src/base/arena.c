/*
** base/arena.c: blocks chained in a list; big requests get their own block.
*/
#include "base/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define ARENA_BLOCK 8192

typedef struct Block Block;
struct Block {
  Block *pNext;
  size_t nUsed;
  size_t nSize;
  _Alignas(16) unsigned char a[];
};

struct Arena {
  Block *pHead;       /* current block first */
};

Arena *arena_new(void)
{
  return xcalloc(1, sizeof(Arena));
}

void arena_free(Arena *p)
{
  if (!p) return;
  Block *b = p->pHead;
  while (b) {
    Block *pNext = b->pNext;
    free(b);
    b = pNext;
  }
  free(p);
}

void *arena_alloc(Arena *p, size_t n)
{
  n = (n + 15) & ~(size_t)15;
  Block *b = p->pHead;
  if (!b || b->nUsed + n > b->nSize) {
    size_t nSize = n > ARENA_BLOCK / 2 ? n : ARENA_BLOCK;
    Block *bNew = xmalloc(sizeof(Block) + nSize);
    bNew->nUsed = 0;
    bNew->nSize = nSize;
    if (b && nSize != ARENA_BLOCK) {
      /* a big one-off: keep the current block in front for small ones */
      bNew->pNext = b->pNext;
      b->pNext = bNew;
      memset(bNew->a, 0, n);
      bNew->nUsed = n;
      return bNew->a;
    }
    bNew->pNext = b;
    p->pHead = b = bNew;
  }
  void *r = b->a + b->nUsed;
  b->nUsed += n;
  memset(r, 0, n);
  return r;
}

char *arena_strndup(Arena *p, const char *z, size_t n)
{
  char *r = arena_alloc(p, n + 1);
  memcpy(r, z, n);
  r[n] = 0;
  return r;
}

char *arena_strdup(Arena *p, const char *z)
{
  return z ? arena_strndup(p, z, strlen(z)) : NULL;
}

char *arena_printf(Arena *p, const char *zFmt, ...)
{
  va_list ap;
  va_start(ap, zFmt);
  int n = vsnprintf(NULL, 0, zFmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *r = arena_alloc(p, (size_t)n + 1);
  va_start(ap, zFmt);
  vsnprintf(r, (size_t)n + 1, zFmt, ap);
  va_end(ap);
  return r;
}
