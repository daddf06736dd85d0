/*
** base/french.h: the small grammar French place names need.
**
** "à Le Creusot" is wrong: the article contracts ("au Creusot", "aux
** Mureaux", "du Creusot", "des Mureaux") and "de" elides before a vowel
** ("d'Autun", "d'Épinal").  Every page that writes "à" or "de" before a
** commune name goes through these.
*/
#ifndef OASIS_BASE_FRENCH_H
#define OASIS_BASE_FRENCH_H
#include <stddef.h>

/* "à Blois", "au Creusot", "aux Mureaux", "à La Rochelle", "à L'Isle-Adam"
** into zOut (nOut bytes); returns zOut. */
char *fr_a(const char *zName, char *zOut, size_t nOut);
/* "de Blois", "du Creusot", "des Mureaux", "de La Rochelle", "d'Autun",
** "d'Épinal", "de L'Isle-Adam" into zOut; returns zOut. */
char *fr_de(const char *zName, char *zOut, size_t nOut);

/* "janvier".."décembre" for m in 1..12, else NULL. */
const char *fr_month(int m);
/* A date as people write it, from ISO "YYYY-MM-DD" (a longer string such
** as a timestamp: its first ten bytes): "3 décembre 2026", "1er mars 2026"
** when isLong, else "03/12/2026".  Anything that is not a valid date is
** copied as given ("" for NULL).  Into zOut (nOut bytes); returns zOut. */
char *fr_date(const char *zIso, int isLong, char *zOut, size_t nOut);
/* A UTC timestamp "2026-11-23T09:05:00Z" as "23/11/2026 09:05 UTC"; a
** bare date as fr_date's short form; anything else as given. */
char *fr_datetime(const char *zIso, char *zOut, size_t nOut);

#endif
