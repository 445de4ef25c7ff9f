/*
 * view_help: the help screen's rows, generated from the live key bindings
 * and the action list (KEYMAP_ACTIONS), so the help shows what the keys
 * do now, after the user's bind-key/unbind-key lines.  The same source
 * makes the README's key table (view_help_markdown).
 */
#ifndef TIDINGS_VIEW_HELP_H
#define TIDINGS_VIEW_HELP_H

#include <stddef.h>

#include "app/keymap.h"
#include "app/view_list.h"

struct buf;

struct view_help_row {
	enum keymap_action action;
	char keys[64];		/* "j DOWN", or "" when unbound */
	char macro[96];		/* a macro's or bind's row: what it does (""
				 * otherwise); keys is then ", m" (macro-prefix,
				 * then m) or the bind's key sequence */
	const char *kind;	/* "macro" or "bind" for those rows */
};

/* Macros the help lists (the rest are still run by the , prefix). */
#define VIEW_HELP_MAX_MACROS 32

struct view_help {
	struct view_list list;
	enum keymap_view view;	/* whose bindings are shown */
	struct view_help_row rows[KEYMAP_NACTIONS + VIEW_HELP_MAX_MACROS];
	size_t nrows;
	size_t keys_width;	/* columns of the widest keys cell */
};

/* Rows for the bindings of view: the macros behind the view's
 * macro-prefix key and the view's bind lines, then every action, bound
 * ones first. */
void view_help_build(struct view_help *h, const struct keymap *km, enum keymap_view view);

/*
 * A Markdown table "| Keys | Action | What it does |" of km's bindings
 * (every action, in list order), appended to out: 0 or -1.  The keys are
 * those bound in every view; a view whose keys for the action differ
 * (a view-specific bind-key or unbind-key) adds "; in VIEW: `k`" (or
 * "none"), so a table of the defaults is the README's.
 */
int view_help_markdown(const struct keymap *km, struct buf *out);

#endif
