#include "config.h"

#include "ui/ui_priv.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

/*
 * ui_bars: the title bar and the hints line (where they go, what they
 * say through the *-title-format options, their colours), apart from
 * ui_draw.c's lists and article.
 */

/*
 * The width a list format is expanded to: the screen's when it fills or
 * centres (%> %=), else none, so that a line too long for the screen is
 * cut by ui_draw_segs with its "…" as tidings' lists always were.
 */
size_t
ui_draw_format_width(const struct ui *u, const char *fmt)
{
	return strstr(fmt, "%>") != NULL || strstr(fmt, "%=") != NULL ? (size_t)u->cols : 0;
}

/*
 * "left ... right" with right flush against the last column: when both do
 * not fit, left is cut (a long title), not right (the article's "42%"),
 * unless the screen is too narrow for right at all.
 */
static void
ui_bars_bar(const struct ui *u, int y, const char *left, const char *right,
    enum settings_color_id color)
{
	struct ui_seg segs[3];
	struct buf pad, l, r;
	size_t lw, rw, cols = (size_t)(u->cols > 0 ? u->cols : 0);

	buf_init(&pad, 0);
	buf_init(&l, UI_LINE_MAX);
	buf_init(&r, UI_LINE_MAX);
	(void)text_sanitize(&l, left, strlen(left), 0);
	(void)text_sanitize(&r, right, strlen(right), 0);
	lw = text_width(l.data, l.len);
	rw = text_width(r.data, r.len);
	if (rw > 0 && rw + 8 <= cols) {
		if (lw + rw + 1 > cols) {
			buf_addstr(&pad, l.data);
			buf_reset(&l);
			(void)text_truncate(&l, pad.data, pad.len, cols - rw - 1, &lw);
			buf_reset(&pad);
		}
		(void)text_spaces(&pad, cols - lw - rw);
	} else {
		rw = 0;
	}
	segs[0] = (struct ui_seg){ l.data, l.len, color, 0 };
	segs[1] = (struct ui_seg){ pad.data, pad.len, color, 0 };
	segs[2] = (struct ui_seg){ r.data, rw ? r.len : 0, color, 0 };
	ui_draw_segs(u, y, segs, 3, color, 0);
	buf_release(&pad);
	buf_release(&l);
	buf_release(&r);
}

/*
 * The hints as newsboat colours them: the key in hint-key, ":" in
 * hint-separator, the label in hint-description, the blanks between in
 * info.  Only the first key bound to each action; an action with no key
 * is left out.  Returns the segments added to segs (keys holds their
 * text: UI_MAX_HINTS entries of 64 bytes).
 */
static size_t
ui_bars_hints(const struct ui *u, struct ui_seg *segs, size_t max, char keys[][64])
{
	const struct ui_screen_def *d = &ui_screens[u->screen];
	size_t i, n = 0;

	if (u->screen == UI_SEARCH && u->search.editing) {
		static const char *const edit[][2] = {
			{ "ENTER", "Open" }, { "ESC", "Results" }, { "UP/DOWN", "History" },
		};

		for (i = 0; i < 3 && n + 4 <= max; i++) {
			if (n > 0)
				segs[n++] = (struct ui_seg){ " ", 1, SETTINGS_COLOR_INFO, 0 };
			segs[n++] = (struct ui_seg){ edit[i][0], strlen(edit[i][0]),
			    SETTINGS_COLOR_HINT_KEY, 0 };
			segs[n++] = (struct ui_seg){ ":", 1, SETTINGS_COLOR_HINT_SEPARATOR, 0 };
			segs[n++] = (struct ui_seg){ edit[i][1], strlen(edit[i][1]),
			    SETTINGS_COLOR_HINT_DESCRIPTION, 0 };
		}
		return n;
	}
	for (i = 0; i < UI_MAX_HINTS && d->hints[i].action != KEYMAP_NONE && n + 4 <= max; i++) {
		const char *label = d->hints[i].search_label && u->article_return == UI_SEARCH
		    ? d->hints[i].search_label : d->hints[i].label;

		if (keymap_keys_for(u->cfg->keymap, d->view, d->hints[i].action, keys[i], 64) == 0)
			continue;
		keys[i][strcspn(keys[i], " ")] = '\0';
		if (n > 0)
			segs[n++] = (struct ui_seg){ " ", 1, SETTINGS_COLOR_INFO, 0 };
		segs[n++] = (struct ui_seg){ keys[i], strlen(keys[i]), SETTINGS_COLOR_HINT_KEY, 0 };
		segs[n++] = (struct ui_seg){ ":", 1, SETTINGS_COLOR_HINT_SEPARATOR, 0 };
		segs[n++] = (struct ui_seg){ label, strlen(label), SETTINGS_COLOR_HINT_DESCRIPTION, 0 };
	}
	return n;
}

void
ui_bars_status(struct ui *u, int y)
{
	struct ui_seg segs[4 * UI_MAX_HINTS + 2];
	char keys[UI_MAX_HINTS][64];
	struct buf pad, right;
	size_t n, i, w = 0, rw, cols = (size_t)(u->cols > 0 ? u->cols : 0);

	if (u->screen == UI_SEARCH && u->search.editing && u->search.error[0] != '\0') {
		struct buf err;

		/* the query line covers the message line: the error goes here */
		buf_init(&err, 4096);
		buf_printf(&err, "search: %s", u->search.error);
		ui_bars_bar(u, y, err.data, "", SETTINGS_COLOR_ERROR);
		buf_release(&err);
		return;
	}
	n = ui_bars_hints(u, segs, 4 * UI_MAX_HINTS, keys);
	buf_init(&right, UI_LINE_MAX);
	buf_init(&pad, 0);
	(void)text_sanitize(&right, u->reload.status, strlen(u->reload.status), 0);
	rw = text_width(right.data, right.len);
	/* the reload's status stays flush right: hints go from the right
	 * first (the most useful come first), four segments a hint */
	for (;;) {
		for (i = 0, w = 0; i < n; i++)
			w += text_width(segs[i].s, segs[i].len);
		if (rw == 0 || w + rw + 1 <= cols || n == 0)
			break;
		n = n >= 4 ? n - 4 : 0;
	}
	if (rw > 0 && w + rw + 1 <= cols) {
		(void)text_spaces(&pad, cols - w - rw);
		segs[n++] = (struct ui_seg){ pad.data, pad.len, SETTINGS_COLOR_INFO, 0 };
		segs[n++] = (struct ui_seg){ right.data, right.len, SETTINGS_COLOR_INFO, 0 };
	}
	ui_draw_segs(u, y, segs, n, SETTINGS_COLOR_INFO, 0);
	buf_release(&pad);
	buf_release(&right);
}

void
ui_bars_title_simple(const struct ui *u, enum settings_value_id id, char c,
    const char *value, size_t cols, struct buf *out)
{
	struct format_vars vars;

	format_vars_init(&vars);
	format_set(&vars, 'N', PACKAGE_NAME);
	format_set(&vars, 'V', PACKAGE_VERSION);
	format_set(&vars, c, value);
	(void)format_expand(out, settings_str(u->cfg, id), &vars, cols);
}

/* itemview-title-format: %T the article's title, %F its feed's, %u and
 * %t the feed's unread and total items (when the feed list holds it). */
static void
ui_bars_title_article(const struct ui *u, size_t cols, struct buf *out)
{
	const struct item_row *r = &u->article.item.row;
	const struct views_feed *f = view_feeds_current(&u->feeds);
	struct format_vars vars;
	char unread[32] = "", total[32] = "";

	if (f != NULL && f->id == r->feed_id) {
		snprintf(unread, sizeof unread, "%d", f->unread);
		snprintf(total, sizeof total, "%d", f->total);
	}
	format_vars_init(&vars);
	format_set(&vars, 'N', PACKAGE_NAME);
	format_set(&vars, 'V', PACKAGE_VERSION);
	format_set(&vars, 'T', r->title ? r->title : "(untitled)");
	format_set(&vars, 'F', r->feed_title);
	format_set(&vars, 'u', unread);
	format_set(&vars, 't', total);
	(void)format_expand(out, settings_str(u->cfg, SETTINGS_V_ITEMVIEW_TITLE_FORMAT), &vars,
	    cols);
}

/* searchresult-title-format: %s the query, %t the results; tidings' %C
 * the results in words ("12 results", "200+ results"). */
static void
ui_bars_title_search(const struct ui *u, const char *count, size_t cols, struct buf *out)
{
	struct format_vars vars;
	char total[32];

	snprintf(total, sizeof total, "%d", u->search.list.count);
	format_vars_init(&vars);
	format_set(&vars, 'N', PACKAGE_NAME);
	format_set(&vars, 'V', PACKAGE_VERSION);
	format_set(&vars, 's', u->search.line.text.data);
	format_set(&vars, 't', total);
	format_set(&vars, 'C', count);
	(void)format_expand(out, settings_str(u->cfg, SETTINGS_V_SEARCHRESULT_TITLE_FORMAT),
	    &vars, cols);
}

void
ui_bars_title(struct ui *u, int y)
{
	char right[160] = "";
	struct buf t;
	size_t cols;

	/* expanded to the screen's width only when it fills or centres */
	switch (u->screen) {
	case UI_FEEDS: cols = ui_draw_format_width(u, settings_str(u->cfg,
	    SETTINGS_V_FEEDLIST_TITLE_FORMAT)); break;
	case UI_ITEMS: cols = ui_draw_format_width(u, settings_str(u->cfg,
	    SETTINGS_V_ARTICLELIST_TITLE_FORMAT)); break;
	case UI_ARTICLE: cols = ui_draw_format_width(u, settings_str(u->cfg,
	    SETTINGS_V_ITEMVIEW_TITLE_FORMAT)); break;
	case UI_HELP: cols = ui_draw_format_width(u, settings_str(u->cfg,
	    SETTINGS_V_HELP_TITLE_FORMAT)); break;
	case UI_URLS: cols = ui_draw_format_width(u, settings_str(u->cfg,
	    SETTINGS_V_URLVIEW_TITLE_FORMAT)); break;
	case UI_FILTERS: cols = ui_draw_format_width(u, settings_str(u->cfg,
	    SETTINGS_V_SELECTFILTER_TITLE_FORMAT)); break;
	default: cols = ui_draw_format_width(u, settings_str(u->cfg,
	    SETTINGS_V_SEARCHRESULT_TITLE_FORMAT)); break;
	}

	buf_init(&t, UI_LINE_MAX);
	switch (u->screen) {
	case UI_FEEDS:
		view_feeds_format_title(&u->feeds, PACKAGE_NAME, PACKAGE_VERSION, settings_str(u->cfg,
		    SETTINGS_V_FEEDLIST_TITLE_FORMAT), cols, &t);
		break;
	case UI_ITEMS: {
		const struct views_feed *f = view_feeds_current(&u->feeds);
		int same = f != NULL && f->id == u->items.q.feed_id;

		view_items_format_title(&u->items, PACKAGE_NAME, PACKAGE_VERSION, settings_str(u->cfg,
		    SETTINGS_V_ARTICLELIST_TITLE_FORMAT), same ? f->unread : 0,
		    same ? f->total : u->items.list.count, same && f->id != 0 ? f->url : NULL,
		    cols, &t);
		break;
	}
	case UI_ARTICLE:
		ui_bars_title_article(u, cols, &t);
		if (u->article.nlines > 0 && settings_bool(u->cfg,
		    SETTINGS_V_DISPLAY_ARTICLE_PROGRESS))
			snprintf(right, sizeof right, "%d%% ", view_article_at_end(&u->article) ? 100
			    : (int)(100.0 * (u->article.top + ui_body_height(u)) /
			    (double)u->article.nlines));
		break;
	case UI_HELP:
		ui_bars_title_simple(u, SETTINGS_V_HELP_TITLE_FORMAT, 'v',
		    keymap_view_name(u->help.view), cols, &t);
		break;
	case UI_URLS:
		ui_bars_title_simple(u, SETTINGS_V_URLVIEW_TITLE_FORMAT, 'N', PACKAGE_NAME, cols, &t);
		break;
	case UI_FILTERS:
		ui_bars_title_simple(u, SETTINGS_V_SELECTFILTER_TITLE_FORMAT, 'v', "", cols, &t);
		break;
	case UI_SEARCH: {
		char c[64];

		snprintf(c, sizeof c, "%d%s result%s", u->search.list.count,
		    u->search.res.more ? "+" : "", u->search.list.count == 1 ? "" : "s");
		ui_bars_title_search(u, c, cols, &t);
		break;
	}
	}
	/* no hints line: the reload's progress goes to the title bar */
	if (right[0] == '\0' && !settings_bool(u->cfg, SETTINGS_V_SHOW_KEYMAP_HINT))
		snprintf(right, sizeof right, "%s", u->reload.status);
	ui_bars_bar(u, y, t.data, right, SETTINGS_COLOR_TITLE);
	buf_release(&t);
}

/*
 * Where the bars go: the title on top and the hints above the message
 * line, or the other way round (swap-title-and-hints); either may be
 * hidden (show-title-bar, show-keymap-hint) and the body takes its row.
 * A screen of less than 4 rows shows neither.  -1: not shown.
 */
void
ui_bars_rows(const struct ui *u, int *title, int *hints)
{
	int swap = settings_bool(u->cfg, SETTINGS_V_SWAP_TITLE_AND_HINTS);
	int show_title = settings_bool(u->cfg, SETTINGS_V_SHOW_TITLE_BAR);
	int show_hints = settings_bool(u->cfg, SETTINGS_V_SHOW_KEYMAP_HINT);

	*title = *hints = -1;
	if (u->rows < 4)
		return;
	if (show_title)
		*title = swap ? u->rows - 2 : 0;
	if (show_hints)
		*hints = swap ? 0 : u->rows - 2;
}

int
ui_body_top(const struct ui *u)
{
	int title, hints;

	ui_bars_rows(u, &title, &hints);
	return title == 0 || hints == 0 ? 1 : 0;
}

int
ui_body_height(const struct ui *u)
{
	int title, hints, h;

	ui_bars_rows(u, &title, &hints);
	h = u->rows - (u->rows >= 2 ? 1 : 0) - (title >= 0) - (hints >= 0);
	return h > 0 ? h : 1;
}
