#include "app/view_help.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

/* The bind and macro rows, from row n: the new row count. */
static size_t
view_help_macros(struct view_help *h, const struct keymap *km, enum keymap_view view,
    size_t n)
{
	char prefix[24], key[24];
	size_t i, w;
	uint32_t k;

	for (i = 0; n < VIEW_HELP_MAX_MACROS; i++) {
		struct view_help_row *r = &h->rows[n];
		const struct keymap_ops *ops = keymap_list_binding(km, view, i, r->keys,
		    sizeof r->keys);

		if (ops == NULL)
			break;
		r->action = KEYMAP_NONE;
		r->kind = "bind";
		keymap_ops_describe(ops, r->macro, sizeof r->macro);
		w = text_width(r->keys, strlen(r->keys));
		if (w > h->keys_width)
			h->keys_width = w;
		n++;
	}
	if (keymap_keys_for(km, view, KEYMAP_MACRO_PREFIX, prefix, sizeof prefix) == 0)
		return n;
	prefix[strcspn(prefix, " ")] = '\0';	/* the first prefix key */
	for (i = 0; i < keymap_macro_count(km) && n < VIEW_HELP_MAX_MACROS; i++) {
		struct view_help_row *r = &h->rows[n];
		const struct keymap_ops *ops = keymap_macro_at(km, i, &k);

		keymap_key_name(k, key, sizeof key);
		r->action = KEYMAP_MACRO_PREFIX;
		r->kind = "macro";
		snprintf(r->keys, sizeof r->keys, "%s %s", prefix, key);
		keymap_ops_describe(ops, r->macro, sizeof r->macro);
		w = text_width(r->keys, strlen(r->keys));
		if (w > h->keys_width)
			h->keys_width = w;
		n++;
	}
	return n;
}

void
view_help_build(struct view_help *h, const struct keymap *km, enum keymap_view view)
{
	size_t n = 0, w;
	int pass, a;

	memset(h->rows, 0, sizeof h->rows);
	h->keys_width = 0;
	h->view = view;
	/* the user's macros first, then the bound actions, then the actions
	 * without a key (still bindable) */
	n = view_help_macros(h, km, view, 0);
	for (pass = 0; pass < 2; pass++) {
		for (a = 1; a < KEYMAP_NACTIONS; a++) {
			char keys[64];
			size_t nk = keymap_keys_for(km, view, (enum keymap_action)a, keys, sizeof keys);

			if ((pass == 0) != (nk > 0))
				continue;
			h->rows[n].action = (enum keymap_action)a;
			memcpy(h->rows[n].keys, keys, sizeof keys);
			w = text_width(keys, strlen(keys));
			if (w > h->keys_width)
				h->keys_width = w;
			n++;
		}
	}
	h->nrows = n;
	view_list_init(&h->list);
	view_list_set_count(&h->list, (int)n);
}

static int
view_help_md_cell(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|' && buf_addc(out, '\\') < 0)
			return -1;
		if (buf_addc(out, *s) < 0)
			return -1;
	}
	return 0;
}

/* Each key of "j DOWN" in backticks: `j` `DOWN`; "none" when there is none. */
static int
view_help_md_keys(struct buf *out, const char *keys)
{
	const char *p = keys;

	if (*p == '\0')
		return buf_addstr(out, "none");
	while (*p != '\0') {
		size_t len = strcspn(p, " ");

		if (buf_addc(out, '`') < 0 || buf_add(out, p, len) < 0 ||
		    buf_addstr(out, p[len] ? "` " : "`") < 0)
			return -1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* The views with a column of their own: the screens tidings has. */
static const enum keymap_view view_help_columns[] = {
	KEYMAP_VIEW_FEEDLIST, KEYMAP_VIEW_ITEMLIST, KEYMAP_VIEW_ARTICLE,
	KEYMAP_VIEW_SEARCH, KEYMAP_VIEW_HELP,
};

#define VIEW_HELP_NCOLUMNS (sizeof view_help_columns / sizeof view_help_columns[0])

static int
view_help_is_column(int v)
{
	size_t i;

	for (i = 0; i < VIEW_HELP_NCOLUMNS; i++)
		if ((int)view_help_columns[i] == v)
			return 1;
	return 0;
}

int
view_help_markdown(const struct keymap *km, struct buf *out)
{
	size_t i;
	int a, v;

	if (buf_addstr(out, "| Action |") < 0)
		return -1;
	for (i = 0; i < VIEW_HELP_NCOLUMNS; i++)
		if (buf_printf(out, " %s |", keymap_view_name(view_help_columns[i])) < 0)
			return -1;
	if (buf_addstr(out, " other views | What it does |\n| ---") < 0)
		return -1;
	for (i = 0; i <= VIEW_HELP_NCOLUMNS + 1; i++)
		if (buf_addstr(out, " | ---") < 0)
			return -1;
	if (buf_addstr(out, " |\n") < 0)
		return -1;
	for (a = 1; a < KEYMAP_NACTIONS; a++) {
		char keys[64];
		const char *sep = "";

		if (buf_addstr(out, "| `") < 0 ||
		    buf_addstr(out, keymap_action_name((enum keymap_action)a)) < 0 ||
		    buf_addstr(out, "` |") < 0)
			return -1;
		for (i = 0; i < VIEW_HELP_NCOLUMNS; i++) {
			keymap_keys_for(km, view_help_columns[i], (enum keymap_action)a, keys,
			    sizeof keys);
			if (buf_addc(out, ' ') < 0 || (keys[0] != '\0' &&
			    (view_help_md_keys(out, keys) < 0 || buf_addc(out, ' ') < 0)) ||
			    buf_addc(out, '|') < 0)
				return -1;
		}
		/* the views tidings has no screen for yet keep their bindings:
		 * views with the same keys share one entry ("every other" when
		 * all of them do) */
		if (buf_addc(out, ' ') < 0)
			return -1;
		for (v = KEYMAP_VIEW_ALL + 1; v < KEYMAP_NVIEWS; v++) {
			char vkeys[64];
			int w, first = 1, nsame = 0, nother = 0;

			if (view_help_is_column(v))
				continue;
			keymap_keys_for(km, (enum keymap_view)v, (enum keymap_action)a, keys,
			    sizeof keys);
			if (keys[0] == '\0')
				continue;
			for (w = KEYMAP_VIEW_ALL + 1; w < KEYMAP_NVIEWS; w++) {
				if (view_help_is_column(w))
					continue;
				nother++;
				keymap_keys_for(km, (enum keymap_view)w, (enum keymap_action)a,
				    vkeys, sizeof vkeys);
				if (strcmp(vkeys, keys) != 0)
					continue;
				if (w < v)
					break;	/* listed with an earlier view */
				nsame++;
			}
			if (w < v && w < KEYMAP_NVIEWS)
				continue;
			if (buf_addstr(out, sep) < 0)
				return -1;
			if (nsame == nother) {
				if (buf_addstr(out, "every other") < 0)
					return -1;
			} else {
				for (w = v; w < KEYMAP_NVIEWS; w++) {
					if (view_help_is_column(w))
						continue;
					keymap_keys_for(km, (enum keymap_view)w,
					    (enum keymap_action)a, vkeys, sizeof vkeys);
					if (strcmp(vkeys, keys) != 0)
						continue;
					if (buf_printf(out, "%s%s", first ? "" : ", ",
					    keymap_view_name((enum keymap_view)w)) < 0)
						return -1;
					first = 0;
				}
			}
			if (buf_addstr(out, ": ") < 0 || view_help_md_keys(out, keys) < 0)
				return -1;
			sep = "; ";
		}
		if (buf_addstr(out, *sep ? " | " : "| ") < 0 ||
		    view_help_md_cell(out, keymap_action_help((enum keymap_action)a)) < 0 ||
		    buf_addstr(out, " |\n") < 0)
			return -1;
	}
	return 0;
}
