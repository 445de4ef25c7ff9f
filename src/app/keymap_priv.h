/*
 * keymap_priv: what keymap.c (names, views, bind-key, lookup) and
 * keymap_ops.c (the operation lists of bind, macro and run-on-startup)
 * share.  Not an interface: only those two files include it.
 */
#ifndef TIDINGS_KEYMAP_PRIV_H
#define TIDINGS_KEYMAP_PRIV_H

#include "app/keymap.h"

/* One key (or key sequence) of a view: an action, a list of operations
 * (bind), or neither: unbound in this view even when "all" binds it. */
struct keymap_binding {
	uint32_t seq[KEYMAP_MAX_SEQ];
	size_t nseq;
	enum keymap_action action;
	struct keymap_ops *ops;
};

struct keymap_macro_def {
	uint32_t key;
	struct keymap_ops *ops;
};

struct keymap_table {
	struct keymap_binding *b;
	size_t n, cap;
	int cleared;		/* "unbind-key -a VIEW": no fallback to ALL */
};

struct keymap {
	struct keymap_table views[KEYMAP_NVIEWS];
	struct keymap_macro_def *macros;
	size_t nmacros;
	struct keymap_ops *startup;
};

/* Bind seq (n keys) in t to action, or to ops (taken; NULL for a plain
 * action); replaces what seq had. */
void keymap_set_seq(struct keymap_table *t, const uint32_t *seq, size_t n,
    enum keymap_action action, struct keymap_ops *ops);
/* Remove key, and every sequence starting with it, from t. */
void keymap_remove(struct keymap_table *t, uint32_t key);
/* Every binding of t gone. */
void keymap_table_clear(struct keymap_table *t);
void keymap_ops_free(struct keymap_ops *ops);

#endif
