/*
** base/label.h: a code and its French label, the shape of every closed
** list of the domain (states, needs, kinds of link…).  Lists end with a
** zero entry.  web/kit.h turns one into the options of a <select>.
*/
#ifndef OASIS_BASE_LABEL_H
#define OASIS_BASE_LABEL_H

typedef struct Label Label;
struct Label {
  const char *zCode;    /* stored: "en_cours" */
  const char *zLabel;   /* shown: "en cours" */
};

#endif
