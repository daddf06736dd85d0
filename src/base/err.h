/*
** base/err.h: error codes and the sticky Err record.
**
** Functions that can fail return 0 or a negative ERR_* code and fill the
** Err the caller passed.  The first error sticks: later err_set() calls on
** an Err that already holds one change nothing (as sqlite3_str does).
** Messages are in French: they reach users.
*/
#ifndef OASIS_BASE_ERR_H
#define OASIS_BASE_ERR_H

enum {
  ERR_OK = 0,
  ERR_INPUT = -1,      /* bad data in a file, a form, a request */
  ERR_IO = -2,         /* a file could not be read or written */
  ERR_DB = -3,         /* SQLite failed */
  ERR_NOTFOUND = -4,   /* a thing asked for does not exist */
  ERR_USAGE = -5,      /* bad command-line use */
  ERR_DENIED = -6,     /* not allowed */
  ERR_INTERNAL = -7    /* a bug */
};

typedef struct Err Err;
struct Err {
  int code;            /* 0 while no error */
  char zMsg[512];      /* French message, without the location */
  char zFile[256];     /* file the error is about, "" if none */
  long iLine;          /* 1-based line in zFile, 0 if none */
  int iCol;            /* 1-based column number, 0 if none */
  char zColName[64];   /* column header name, "" if none */
  char zField[64];     /* form or JSON field, "" if none */
};

/* Record an error (if none yet); returns code, so `return err_set(...)`. */
int err_set(Err *err, int code, const char *zFmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same, with a file position (iLine/iCol 0 when unknown). */
int err_at(Err *err, int code, const char *zFile, long iLine, int iCol,
           const char *zColName, const char *zFmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Record the form/JSON field an input error is about. */
void err_field(Err *err, const char *zField);
void err_clear(Err *err);
/* "fichier.csv, ligne 12, colonne 3 (population) : message" into buf. */
const char *err_text(const Err *err, char *zBuf, int nBuf);

#endif
