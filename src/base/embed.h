/*
** base/embed.h: files compiled into the binary by tools/embed.c.
*/
#ifndef OASIS_BASE_EMBED_H
#define OASIS_BASE_EMBED_H
#include <stddef.h>

typedef struct EmbeddedFile EmbeddedFile;
struct EmbeddedFile {
  const char *zName;            /* e.g. "001_core.sql", "css/oasis.css" */
  const unsigned char *aData;   /* contents, NUL-terminated for text use */
  size_t nData;                 /* size in bytes, without the NUL */
};

extern const EmbeddedFile embedded_schema[];  /* src/store/schema/NNN_*.sql */
extern const EmbeddedFile embedded_assets[];  /* everything under web/, npm assets */
extern const EmbeddedFile embedded_passwords[]; /* data/passwords/common.txt */

#endif
