#include "config.h"

#include "ui/ui_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/url.h"

/* One piece of a line and how it looks. */
struct ui_seg {
	const char *s;
	size_t len;
	enum settings_color_id color;
	attr_t extra;
};

#define UI_MAX_SEGS 64
/* A line never holds more than this many bytes after sanitising. */
#define UI_LINE_MAX (64 * 1024)

static void
ui_draw_set(enum settings_color_id id, attr_t extra)
{
	attr_set(ui_term_attr(id) | extra, (short)ui_term_pair(id), NULL);
}

/*
 * Draw segments on row y from column 0 across the screen: every piece is
 * sanitised and cut by display width (an ellipsis where the line is cut),
 * and the rest of the row is filled in fill's colour.
 */
static void
ui_draw_segs(const struct ui *u, int y, const struct ui_seg *segs, size_t n,
    enum settings_color_id fill, attr_t fill_extra)
{
	struct buf clean, out;
	size_t i, col = 0, cols = u->cols > 0 ? (size_t)u->cols : 0;

	if (y < 0 || y >= u->rows)
		return;
	buf_init(&clean, UI_LINE_MAX);
	buf_init(&out, UI_LINE_MAX);
	move(y, 0);
	for (i = 0; i < n && col < cols; i++) {
		size_t w = 0, full;

		buf_reset(&clean);
		buf_reset(&out);
		(void)text_sanitize(&clean, segs[i].s, segs[i].len, 0);
		/* no URL on the screen shows its userinfo (an untitled feed is
		 * named by its URL, password and all) */
		url_redact(clean.data);
		buf_truncate(&clean, strlen(clean.data));
		full = text_width(clean.data, clean.len);
		/* the last column of a cut line holds the ellipsis */
		if (col + full > cols || (i + 1 < n && col + full == cols && segs[i + 1].len > 0))
			(void)text_truncate(&out, clean.data, clean.len, cols - col, &w);
		else
			(void)text_truncate(&out, clean.data, clean.len, full, &w);
		ui_draw_set(segs[i].color, segs[i].extra);
		if (!text_term_is_utf8()) {
			/* LANG=C: curses would draw UTF-8 bytes as ~X garbage;
			 * convert, keeping the columns counted above */
			buf_reset(&clean);
			(void)text_term(&clean, out.data, out.len, TEXT_SAME_WIDTH);
			addnstr(clean.data, (int)clean.len);
		} else {
			addnstr(out.data, (int)out.len);
		}
		col += w;
		if (w < full)
			break;
	}
	if (col < cols) {
		buf_reset(&out);
		(void)text_spaces(&out, cols - col);
		ui_draw_set(fill, fill_extra);
		addnstr(out.data, (int)out.len);
	}
	buf_release(&clean);
	buf_release(&out);
	attr_set(A_NORMAL, 0, NULL);
}

static void
ui_draw_text(const struct ui *u, int y, const char *s, enum settings_color_id color,
    attr_t extra)
{
	struct ui_seg seg = { s, s ? strlen(s) : 0, color, extra };

	ui_draw_segs(u, y, &seg, 1, color, extra);
}

/*
 * "left ... right" with right flush against the last column: when both do
 * not fit, left is cut (a long title), not right (the article's "42%"),
 * unless the screen is too narrow for right at all.
 */
static void
ui_draw_bar(const struct ui *u, int y, const char *left, const char *right,
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

static void
ui_draw_date(time_t t, char *out, size_t size)
{
	struct tm tm;

	out[0] = '\0';
	if (t <= 0 || localtime_r(&t, &tm) == NULL)
		snprintf(out, size, "      ");
	else
		strftime(out, size, "%b %d", &tm);
}

static enum settings_color_id
ui_draw_list_color(int focus, int unread)
{
	if (focus)
		return unread ? SETTINGS_COLOR_LISTFOCUS_UNREAD : SETTINGS_COLOR_LISTFOCUS;
	return unread ? SETTINGS_COLOR_LISTNORMAL_UNREAD : SETTINGS_COLOR_LISTNORMAL;
}

static void
ui_draw_feeds(struct ui *u)
{
	const struct view_feeds *v = &u->feeds;
	int top = ui_body_top(u), h = ui_body_height(u), i;

	for (i = 0; i < h; i++) {
		int row = v->list.top + i;
		const struct views_feed *f;
		struct ui_seg segs[6];
		char head[48], counts[32];
		enum settings_color_id c;
		size_t n = 0;

		if (row >= (int)v->nrows) {
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
			continue;
		}
		f = &v->rows[row];
		c = ui_draw_list_color(row == v->list.cursor, f->unread > 0);
		snprintf(counts, sizeof counts, "(%d/%d)", f->unread, f->total);
		if (row == 0)
			snprintf(head, sizeof head, "     %c %11s  ", f->unread ? 'N' : ' ', counts);
		else
			snprintf(head, sizeof head, "%4d %c %11s  ", row, f->unread ? 'N' : ' ',
			    counts);
		segs[n++] = (struct ui_seg){ head, strlen(head), c, 0 };
		if (f->failed) {
			segs[n++] = (struct ui_seg){ "! ", 2, row == v->list.cursor ? c
			    : SETTINGS_COLOR_FAILED, 0 };
		}
		segs[n++] = (struct ui_seg){ f->title, strlen(f->title), c, 0 };
		if (f->tags != NULL) {
			segs[n++] = (struct ui_seg){ "  [", 3, c, 0 };
			segs[n++] = (struct ui_seg){ f->tags, strlen(f->tags), c, 0 };
			segs[n++] = (struct ui_seg){ "]", 1, c, 0 };
		}
		ui_draw_segs(u, top + i, segs, n, c, 0);
	}
}

static void
ui_draw_items(struct ui *u)
{
	const struct view_items *v = &u->items;
	int top = ui_body_top(u), h = ui_body_height(u), i;
	size_t feedw = u->items.q.feed_id == 0 ? (size_t)(u->cols / 5 > 20 ? 20 : u->cols / 5) : 0;

	if (v->list.count == 0) {
		const struct views_feed *f = view_feeds_current(&u->feeds);

		if (f != NULL && f->id == v->q.feed_id && f->id != 0 && f->failed) {
			struct buf b;

			buf_init(&b, UI_LINE_MAX);
			buf_printf(&b, "  (no items: the last poll failed: %s)",
			    f->last_error ? f->last_error : "no message");
			ui_draw_text(u, top, b.data, SETTINGS_COLOR_ERROR, 0);
			buf_release(&b);
		} else {
			ui_draw_text(u, top, u->show_read ? "  (no items)"
			    : "  (no unread items: l shows read ones)", SETTINGS_COLOR_LISTNORMAL, 0);
		}
		for (i = 1; i < h; i++)
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
		return;
	}
	for (i = 0; i < h; i++) {
		int row = v->list.top + i;
		const struct item_row *r = view_items_row(v, row);
		struct ui_seg segs[4];
		char head[96], date[32];
		struct buf feed;
		enum settings_color_id c;
		size_t n = 0;

		if (r == NULL) {
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
			continue;
		}
		c = ui_draw_list_color(row == v->list.cursor, !r->read);
		ui_draw_date(r->published, date, sizeof date);
		snprintf(head, sizeof head, "%4d %c%c %s  ", row + 1, r->read ? ' ' : 'N',
		    r->starred ? '*' : ' ', date);
		segs[n++] = (struct ui_seg){ head, strlen(head), c, 0 };
		buf_init(&feed, UI_LINE_MAX);
		if (feedw > 0) {
			const char *ft = r->feed_title ? r->feed_title : "";
			struct buf clean;

			buf_init(&clean, UI_LINE_MAX);
			(void)text_sanitize(&clean, ft, strlen(ft), 0);
			(void)text_pad(&feed, clean.data, clean.len, feedw);
			(void)text_spaces(&feed, 2);
			buf_release(&clean);
			segs[n++] = (struct ui_seg){ feed.data, feed.len, c, 0 };
		}
		segs[n++] = (struct ui_seg){ r->title ? r->title : "(untitled)",
		    strlen(r->title ? r->title : "(untitled)"), c, 0 };
		ui_draw_segs(u, top + i, segs, n, c, 0);
		buf_release(&feed);
	}
}

static enum settings_color_id
ui_draw_article_color(enum view_article_style s)
{
	switch (s) {
	case VIEW_ARTICLE_HEADER: return SETTINGS_COLOR_ARTICLE;
	case VIEW_ARTICLE_HEADING: return SETTINGS_COLOR_HEADING;
	case VIEW_ARTICLE_QUOTE: return SETTINGS_COLOR_QUOTE;
	case VIEW_ARTICLE_LINKS: return SETTINGS_COLOR_LINK;
	case VIEW_ARTICLE_NOTE: return SETTINGS_COLOR_HEADER;
	default: return SETTINGS_COLOR_ARTICLE;
	}
}

/* Article line with the search's matches highlighted. */
static void
ui_draw_article_line(struct ui *u, int y, size_t line)
{
	const struct view_article_line *l = &u->article.lines[line];
	struct ui_seg segs[UI_MAX_SEGS];
	enum settings_color_id c = ui_draw_article_color(l->style);
	const struct view_article_match *m;
	size_t nm, n = 0, pos = 0, i;

	if (l->label_len > 0) {
		segs[n++] = (struct ui_seg){ l->text, l->label_len, SETTINGS_COLOR_HEADER, 0 };
		pos = l->label_len;
	}
	m = view_article_line_matches(&u->article, line, &nm);
	for (i = 0; i < nm && n + 2 < UI_MAX_SEGS; i++) {
		if (m[i].start < pos || m[i].end > l->len || m[i].end <= m[i].start)
			continue;
		segs[n++] = (struct ui_seg){ l->text + pos, m[i].start - pos, c, 0 };
		segs[n++] = (struct ui_seg){ l->text + m[i].start, m[i].end - m[i].start,
		    SETTINGS_COLOR_MATCH, 0 };
		pos = m[i].end;
	}
	segs[n++] = (struct ui_seg){ l->text + pos, l->len - pos, c, 0 };
	ui_draw_segs(u, y, segs, n, SETTINGS_COLOR_ARTICLE, 0);
}

static void
ui_draw_article(struct ui *u)
{
	const struct view_article *v = &u->article;
	int top = ui_body_top(u), h = ui_body_height(u), i;

	for (i = 0; i < h; i++) {
		size_t line = (size_t)v->top + (size_t)i;

		if (line >= v->nlines)
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_ARTICLE, 0);
		else
			ui_draw_article_line(u, top + i, line);
	}
}

static void
ui_draw_help(struct ui *u)
{
	const struct view_help *v = &u->help;
	int top = ui_body_top(u), h = ui_body_height(u), i;
	/* as wide as the widest keys (16 at least, half the screen at most) */
	size_t keysw = v->keys_width > 16 ? v->keys_width : 16;

	if (u->cols > 8 && keysw > (size_t)u->cols / 2)
		keysw = (size_t)u->cols / 2;
	for (i = 0; i < h; i++) {
		int row = v->list.top + i;
		const struct view_help_row *r;
		struct buf keys, name;
		struct ui_seg segs[3];
		enum settings_color_id c;
		const char *help;

		if (row >= (int)v->nrows) {
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
			continue;
		}
		r = &v->rows[row];
		c = ui_draw_list_color(row == v->list.cursor, 0);
		buf_init(&keys, 0);
		buf_init(&name, 0);
		(void)text_spaces(&keys, 1);
		(void)text_pad(&keys, r->keys[0] ? r->keys : "-", strlen(r->keys[0] ? r->keys : "-"), keysw);
		(void)text_spaces(&keys, 1);
		help = r->macro[0] ? r->kind : keymap_action_name(r->action);
		(void)text_pad(&name, help, strlen(help), 22);
		(void)text_spaces(&name, 1);
		help = r->macro[0] ? r->macro : keymap_action_help(r->action);	/* keys: macros */
		segs[0] = (struct ui_seg){ keys.data, keys.len, c, 0 };
		segs[1] = (struct ui_seg){ name.data, name.len, c, 0 };
		segs[2] = (struct ui_seg){ help, strlen(help), c, 0 };
		ui_draw_segs(u, top + i, segs, 3, c, 0);
		buf_release(&keys);
		buf_release(&name);
	}
}

/* A title or snippet with its matched spans in the match colour. */
static size_t
ui_draw_spans(struct ui_seg *segs, size_t n, size_t max, const char *s,
    const struct search_span *spans, size_t nspans, enum settings_color_id c)
{
	size_t len = s ? strlen(s) : 0, pos = 0, i;

	if (s == NULL)
		return n;
	for (i = 0; i < nspans && n + 3 < max; i++) {
		if (spans[i].start < pos || spans[i].end > len || spans[i].end <= spans[i].start)
			continue;
		segs[n++] = (struct ui_seg){ s + pos, spans[i].start - pos, c, 0 };
		segs[n++] = (struct ui_seg){ s + spans[i].start, spans[i].end - spans[i].start,
		    SETTINGS_COLOR_MATCH, 0 };
		pos = spans[i].end;
	}
	if (n < max)
		segs[n++] = (struct ui_seg){ s + pos, len - pos, c, 0 };
	return n;
}

/*
 * A hit's second line: its snippet from where its first match shows
 * (view_search_snippet_start), matches highlighted.  The snippet's spans
 * are byte ranges of the snippet as search made it (already one line of
 * sanitised text), so cutting its head keeps them valid after an offset.
 */
static void
ui_draw_search_context(struct ui *u, int y, const struct search_hit *hit,
    enum settings_color_id c)
{
	struct ui_seg segs[UI_MAX_SEGS];
	struct search_span spans[UI_MAX_SEGS / 2];
	const char *snip = hit->snippet ? hit->snippet : "";
	size_t len = strlen(snip), cols, start, n = 0, k = 0, i;

	cols = u->cols > VIEW_SEARCH_INDENT ? (size_t)u->cols - VIEW_SEARCH_INDENT : 1;
	start = view_search_snippet_start(snip, len, hit->spans, hit->nspans, cols);
	segs[n++] = (struct ui_seg){ "           ", VIEW_SEARCH_INDENT, c, 0 };
	if (start > 0)
		segs[n++] = (struct ui_seg){ "\xE2\x80\xA6 ", 4, c, 0 };
	for (i = 0; i < hit->nspans && k < sizeof spans / sizeof spans[0]; i++) {
		if (hit->spans[i].start < start || hit->spans[i].end > len)
			continue;
		spans[k].start = hit->spans[i].start - start;
		spans[k].end = hit->spans[i].end - start;
		k++;
	}
	n = ui_draw_spans(segs, n, UI_MAX_SEGS, snip + start, spans, k, c);
	ui_draw_segs(u, y, segs, n, c, 0);
}

static void
ui_draw_search(struct ui *u)
{
	const struct view_search *s = &u->search;
	int top = ui_body_top(u), h = ui_body_height(u), i;
	size_t feedw = (size_t)(u->cols / 6 > 16 ? 16 : u->cols / 6);

	/* a query that does not compile: its error is in the message line
	 * (the status bar while the query is edited), the syntax here */
	if (s->line.text.len == 0 || s->error[0] != '\0') {
		ui_draw_text(u, top, "  Type words to search every cached article "
		    "(\"phrase\", OR, -word, prefix*, title: feed: tag: is:unread since:7d)",
		    SETTINGS_COLOR_LISTNORMAL, 0);
	} else if (s->list.count == 0) {
		ui_draw_text(u, top, "  No matches", SETTINGS_COLOR_LISTNORMAL, 0);
	}
	if (s->list.count == 0) {
		for (i = 1; i < h; i++)
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
		return;
	}
	/* two lines a hit: the title, then the context of the match */
	for (i = 0; i < h; i++) {
		int row = s->list.top + i / VIEW_SEARCH_LINES, idx = row - s->res_offset;
		const struct search_hit *hit;
		struct ui_seg segs[UI_MAX_SEGS];
		char head[96], date[32];
		struct buf feed;
		enum settings_color_id c;
		size_t n = 0;

		if (row >= s->list.count || idx < 0 || idx >= (int)s->res.n ||
		    i / VIEW_SEARCH_LINES >= s->list.height) {
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
			continue;
		}
		if (i % VIEW_SEARCH_LINES == 1) {
			ui_draw_search_context(u, top + i, &s->res.hits[idx],
			    ui_draw_list_color(row == s->list.cursor && !s->editing,
			    !s->res.hits[idx].read));
			continue;
		}
		hit = &s->res.hits[idx];
		c = ui_draw_list_color(row == s->list.cursor && !s->editing, !hit->read);
		ui_draw_date(hit->published, date, sizeof date);
		snprintf(head, sizeof head, "%4d %c%c %s  ", row + 1, hit->read ? ' ' : 'N',
		    hit->starred ? '*' : ' ', date);
		segs[n++] = (struct ui_seg){ head, strlen(head), c, 0 };
		buf_init(&feed, UI_LINE_MAX);
		(void)text_pad(&feed, hit->feed_title ? hit->feed_title : "",
		    hit->feed_title ? strlen(hit->feed_title) : 0, feedw);
		(void)text_spaces(&feed, 2);
		segs[n++] = (struct ui_seg){ feed.data, feed.len, c, 0 };
		n = ui_draw_spans(segs, n, UI_MAX_SEGS, hit->title ? hit->title : "(untitled)",
		    hit->title_spans, hit->ntitle_spans, c);
		ui_draw_segs(u, top + i, segs, n, c, 0);
		buf_release(&feed);
	}
}

/* The first key bound to action in view, for the hints ("?" or "-"). */
static void
ui_draw_hint(const struct ui *u, enum keymap_view view, enum keymap_action a,
    const char *label, struct buf *out)
{
	char keys[64];
	size_t len;

	if (keymap_keys_for(u->cfg->keymap, view, a, keys, sizeof keys) == 0)
		return;
	len = strcspn(keys, " ");
	if (out->len > 0)
		buf_addc(out, ' ');
	buf_add(out, keys, len);
	buf_printf(out, ":%s", label);
}

static void
ui_draw_status(struct ui *u, int y)
{
	const struct ui_screen_def *d = &ui_screens[u->screen];
	struct buf hints;
	size_t i;

	buf_init(&hints, 4096);
	if (u->screen == UI_SEARCH && u->search.editing && u->search.error[0] != '\0') {
		/* the query line covers the message line: the error goes here */
		buf_printf(&hints, "search: %s", u->search.error);
		ui_draw_bar(u, y, hints.data, "", SETTINGS_COLOR_ERROR);
		buf_release(&hints);
		return;
	}
	if (u->screen == UI_SEARCH && u->search.editing) {
		buf_addstr(&hints, "ENTER:Open ESC:Results UP/DOWN:History");
	} else {
		for (i = 0; i < UI_MAX_HINTS && d->hints[i].action != KEYMAP_NONE; i++)
			ui_draw_hint(u, d->view, d->hints[i].action, d->hints[i].search_label &&
			    u->article_return == UI_SEARCH ? d->hints[i].search_label
			    : d->hints[i].label, &hints);
	}
	ui_draw_bar(u, y, hints.data, u->reload.status, SETTINGS_COLOR_INFO);
	buf_release(&hints);
}

static void
ui_draw_title(struct ui *u, int y)
{
	char right[64] = "";
	struct buf t;

	buf_init(&t, 4096);
	buf_addstr(&t, PACKAGE_NAME " " PACKAGE_VERSION " - ");
	switch (u->screen) {
	case UI_FEEDS:
		buf_printf(&t, "Feeds (%d unread, %d total)%s%s", u->feeds.total_unread,
		    u->feeds.total, u->feeds.tag ? "  tag: " : "",
		    u->feeds.tag ? u->feeds.tag : "");
		if (u->feeds.backlog > 0)
			buf_printf(&t, "  %d articles to fetch", u->feeds.backlog);
		break;
	case UI_ITEMS:
		buf_printf(&t, "%s (%d %s)", u->items.title, u->items.list.count,
		    u->items.q.unread_only ? "unread" : u->items.list.count == 1 ? "item" : "items");
		break;
	case UI_ARTICLE:
		buf_printf(&t, "Article: %s", u->article.item.row.title
		    ? u->article.item.row.title : "(untitled)");
		if (u->article.nlines > 0)
			snprintf(right, sizeof right, "%d%% ", view_article_at_end(&u->article) ? 100
			    : (int)(100.0 * (u->article.top + ui_body_height(u)) /
			    (double)u->article.nlines));
		break;
	case UI_HELP:
		buf_printf(&t, "Help (keys in the %s view)", keymap_view_name(u->help.view));
		break;
	case UI_SEARCH:
		buf_printf(&t, "Search (%d%s result%s)", u->search.list.count,
		    u->search.res.more ? "+" : "", u->search.list.count == 1 ? "" : "s");
		break;
	}
	ui_draw_bar(u, y, t.data, right, SETTINGS_COLOR_TITLE);
	buf_release(&t);
}

static void
ui_draw_bottom(struct ui *u, int y)
{
	struct view_cmdline *line = NULL;
	const char *prompt = "";

	if (u->prompt == UI_PROMPT_COMMAND) {
		line = &u->cmd;
		prompt = ":";
	} else if (u->prompt == UI_PROMPT_QUIT) {
		ui_draw_text(u, y, "Do you really want to quit? (y/n)", SETTINGS_COLOR_MESSAGE, 0);
		return;
	} else if (u->prompt == UI_PROMPT_CONFIRM) {	/* keys: confirm-* */
		ui_draw_text(u, y, u->confirm_text, SETTINGS_COLOR_MESSAGE, 0);
		return;
	} else if (u->screen == UI_SEARCH && u->search.editing) {
		line = &u->search.line;
		prompt = "/";
	}
	if (line != NULL) {
		size_t col, start = view_cmdline_scroll(line, u->cols > 2 ? (size_t)u->cols - 1 : 1,
		    &col);
		struct ui_seg segs[2] = {
			{ prompt, 1, SETTINGS_COLOR_MESSAGE, 0 },
			{ line->text.data + start, line->text.len - start, SETTINGS_COLOR_MESSAGE, 0 },
		};

		ui_draw_segs(u, y, segs, 2, SETTINGS_COLOR_MESSAGE, 0);
		curs_set(1);
		leaveok(stdscr, FALSE);
		move(y, (int)col + 1 < u->cols ? (int)col + 1 : u->cols - 1);
		return;
	}
	ui_draw_text(u, y, u->message, u->message_error ? SETTINGS_COLOR_ERROR
	    : SETTINGS_COLOR_MESSAGE, 0);
}

int
ui_body_top(const struct ui *u)
{
	return u->rows >= 4 ? 1 : 0;
}

int
ui_body_height(const struct ui *u)
{
	int h = u->rows - (u->rows >= 4 ? 3 : 1);

	return h > 0 ? h : 1;
}

void
ui_draw(struct ui *u)
{
	curs_set(0);
	leaveok(stdscr, TRUE);
	erase();
	if (u->rows >= 4) {
		ui_draw_title(u, 0);
		ui_draw_status(u, u->rows - 2);
	}
	switch (u->screen) {
	case UI_FEEDS:
		ui_draw_feeds(u);
		break;
	case UI_ITEMS:
		ui_draw_items(u);
		break;
	case UI_ARTICLE:
		ui_draw_article(u);
		break;
	case UI_HELP:
		ui_draw_help(u);
		break;
	case UI_SEARCH:
		ui_draw_search(u);
		break;
	}
	if (u->rows >= 2)
		ui_draw_bottom(u, u->rows - 1);
	refresh();
}
