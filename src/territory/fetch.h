/*
** territory/fetch.h: `oasis data fetch`: download the open-data files
** oasis imports into a directory laid out as $OASIS_DATA_DIR, checking
** each file's sha256 (docs/data.md lists the files and their URLs).
*/
#ifndef OASIS_TERRITORY_FETCH_H
#define OASIS_TERRITORY_FETCH_H
#include <stdio.h>

typedef struct FetchFile FetchFile;
struct FetchFile {
  const char *zPath;        /* relative to the data directory */
  const char *zUrl;         /* upstream URL; NULL: prepared file, mirror only */
  const char *zSha256;      /* of the prepared file (what a mirror serves) */
  int isVerbatim;           /* the upstream bytes are the prepared file */
};

/* The manifest, ended by a zeroed entry. */
extern const FetchFile fetch_manifest[];

void fetch_usage(FILE *out);
/* The `data fetch` command (argv[0] is "fetch"); returns an exit status. */
int fetch_main(int argc, char **argv);

#endif
