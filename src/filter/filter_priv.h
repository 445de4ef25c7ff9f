/*
 * filter_priv: what filter/filter.c and filter/filter_regex.c share and
 * nothing else sees.
 */
#ifndef TIDINGS_FILTER_PRIV_H
#define TIDINGS_FILTER_PRIV_H

#include "filter/filter.h"

/* NULL when the regex is safe to compile and run, else the start of a
 * message ("back-references are not supported in") that the pattern ends. */
const char *filter_regex_risk(const char *re);
/* Fill n->lits when n->value is plain text in branches (see filter.h). */
void filter_literal_plan(struct filter_node *n);

#endif
