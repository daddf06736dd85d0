/*
** base/csv.h: a streaming CSV reader (RFC 4180 quoting, any one-byte
** separator) that knows where it is: file, line and column, for errors.
**
** Rows are read one at a time; the cells of the current row stay valid
** until the next csv_next_row().  A UTF-8 BOM is skipped; every row is
** checked to be valid UTF-8; a quoted field left open at the end of the
** file is reported as a truncated file.
*/
#ifndef OASIS_BASE_CSV_H
#define OASIS_BASE_CSV_H
#include <stddef.h>

#include "base/err.h"

enum { CSV_END = 0, CSV_ROW = 1 };

typedef struct CsvReader CsvReader;

/* Open zPath; NULL (err says why) when it cannot be read. */
CsvReader *csv_open(const char *zPath, char cSep, Err *err);
/* The separator of a CSV file, from its first line: ',' when it holds
** one, else ';' or a tab when it holds one, else ','.  An unreadable file
** gives ',' (csv_open() then reports it). */
char csv_sniff_sep(const char *zPath);
/* Read from memory (tests, fuzzing); z must outlive the reader. */
CsvReader *csv_open_mem(const char *zName, const char *z, size_t n, char cSep);
void csv_close(CsvReader *r);

/* Next row: CSV_ROW, CSV_END, or a negative ERR_* (err filled). */
int csv_next_row(CsvReader *r, Err *err);
/* Read the first row as the header (csv_col() then finds names). */
int csv_read_header(CsvReader *r, Err *err);
/* Index of header column zName (exact match), or -1. */
int csv_col(const CsvReader *r, const char *zName);
/* Name of header column i, "" when out of range. */
const char *csv_col_name(const CsvReader *r, int i);
int csv_header_count(const CsvReader *r);

int csv_ncell(const CsvReader *r);
/* Cell i of the current row; "" when the row has fewer cells. */
const char *csv_cell(const CsvReader *r, int i);
/* 1-based line on which the current row starts. */
long csv_line(const CsvReader *r);
const char *csv_name(const CsvReader *r);
/* Bytes consumed and total size (0 when unknown), for progress bars. */
size_t csv_offset(const CsvReader *r);
size_t csv_size(const CsvReader *r);

/* Report a bad cell of the current row: file, line, column (1-based) and
** header name; returns ERR_INPUT. */
int csv_err_cell(const CsvReader *r, Err *err, int iCol, const char *zFmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
