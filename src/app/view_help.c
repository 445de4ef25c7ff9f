#include "app/view_help.h"

#include <string.h>

#include "util/buf.h"
#include "util/text.h"

void
view_help_build(struct view_help *h, const struct keymap *km, enum keymap_view view)
{
	size_t n = 0, w;
	int pass, a;

	memset(h->rows, 0, sizeof h->rows);
	h->keys_width = 0;
	h->view = view;
	/* bound actions first, then the ones without a key (still bindable) */
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

int
view_help_markdown(const struct keymap *km, struct buf *out)
{
	int a, v;

	if (buf_addstr(out, "| Keys | Action | What it does |\n| --- | --- | --- |\n") < 0)
		return -1;
	for (a = 1; a < KEYMAP_NACTIONS; a++) {
		char keys[64], vkeys[64];
		const char *sep;

		keymap_keys_for(km, KEYMAP_VIEW_ALL, (enum keymap_action)a, keys, sizeof keys);
		if (buf_addstr(out, "| ") < 0 || (keys[0] != '\0' && view_help_md_keys(out, keys) < 0))
			return -1;
		/* a view whose keys differ (bind-key KEY ACTION VIEW, unbind-key
		 * KEY VIEW) gets its own list: "; in article: `x`" */
		for (v = KEYMAP_VIEW_ALL + 1, sep = keys[0] ? "; in " : "in "; v < KEYMAP_NVIEWS;
		    v++) {
			keymap_keys_for(km, (enum keymap_view)v, (enum keymap_action)a, vkeys,
			    sizeof vkeys);
			if (strcmp(vkeys, keys) == 0)
				continue;
			if (buf_addstr(out, sep) < 0 ||
			    buf_addstr(out, keymap_view_name((enum keymap_view)v)) < 0 ||
			    buf_addstr(out, ": ") < 0 || view_help_md_keys(out, vkeys) < 0)
				return -1;
			sep = "; in ";
		}
		if (buf_addstr(out, " | `") < 0 ||
		    buf_addstr(out, keymap_action_name((enum keymap_action)a)) < 0 ||
		    buf_addstr(out, "` | ") < 0 ||
		    view_help_md_cell(out, keymap_action_help((enum keymap_action)a)) < 0 ||
		    buf_addstr(out, " |\n") < 0)
			return -1;
	}
	return 0;
}
