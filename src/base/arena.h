/*
** base/arena.h: a bump allocator freed in one call (one per request).
*/
#ifndef OASIS_BASE_ARENA_H
#define OASIS_BASE_ARENA_H
#include <stdarg.h>
#include <stddef.h>

typedef struct Arena Arena;

Arena *arena_new(void);
/* Free every block of p; arena_free(NULL) is a no-op. */
void arena_free(Arena *p);
/* n bytes, 16-byte aligned, zeroed; lives until arena_free(). */
void *arena_alloc(Arena *p, size_t n);
char *arena_strdup(Arena *p, const char *z);
char *arena_strndup(Arena *p, const char *z, size_t n);
char *arena_printf(Arena *p, const char *zFmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
