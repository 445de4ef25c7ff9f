#include "config.h"

#include "ui/ui_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"


static void
ui_draw_set(int id, attr_t extra)
{
	attr_set(ui_term_attr(id) | extra, (short)ui_term_pair(id), NULL);
}

/*
 * Draw segments on row y from column 0 across the screen: every piece is
 * sanitised and cut by display width (an ellipsis where the line is cut),
 * and the rest of the row is filled in fill's colour.
 */
void
ui_draw_segs(const struct ui *u, int y, const struct ui_seg *segs, size_t n,
    int fill, attr_t fill_extra)
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

void
ui_draw_text(const struct ui *u, int y, const char *s, enum settings_color_id color,
    attr_t extra)
{
	struct ui_seg seg = { s, s ? strlen(s) : 0, color, extra };

	ui_draw_segs(u, y, &seg, 1, color, extra);
}

/* A byte range of a line painted in a style (later ones paint over). */
struct ui_paint {
	size_t start, end;
	int style;
};

/* Bytes of a line that can take colours other than its own. */
#define UI_PAINT_MAX 4096

/*
 * Cut s into segments: base colour, then each paint over it in order
 * (ranges past UI_PAINT_MAX bytes or past len are clipped).  Returns the
 * segments written to segs (at most max).
 */
static size_t
ui_draw_paint(struct ui_seg *segs, size_t max, const char *s, size_t len, int base,
    const struct ui_paint *p, size_t np)
{
	static int style[UI_PAINT_MAX];
	size_t lim = len < UI_PAINT_MAX ? len : UI_PAINT_MAX, i, j, n = 0;

	for (i = 0; i < lim; i++)
		style[i] = base;
	for (i = 0; i < np; i++)
		for (j = p[i].start; j < p[i].end && j < lim; j++)
			style[j] = p[i].style;
	for (i = 0; i < lim && n + 1 < max; i = j) {
		for (j = i + 1; j < lim && style[j] == style[i]; j++)
			;
		segs[n++] = (struct ui_seg){ s + i, j - i, style[i], 0 };
	}
	if (i < len)
		segs[n++] = (struct ui_seg){ s + i, len - i, i < lim ? style[i] : base, 0 };
	return n;
}

/* The highlight rules' ranges of line as paints (after *np of them). */
static void
ui_draw_highlights(const struct ui *u, enum highlight_context ctx, const char *s,
    size_t len, struct ui_paint *p, size_t *np, size_t max)
{
	struct highlight_span sp[UI_MAX_SEGS / 2];
	size_t n = highlight_line(&u->hl, ctx, s, len, sp, sizeof sp / sizeof sp[0]), i;

	for (i = 0; i < n && *np < max; i++)
		p[(*np)++] = (struct ui_paint){ sp[i].start, sp[i].end,
		    SETTINGS_NCOLORS + (int)sp[i].rule };
}

static enum settings_color_id
ui_draw_list_color(int focus, int unread)
{
	if (focus)
		return unread ? SETTINGS_COLOR_LISTFOCUS_UNREAD : SETTINGS_COLOR_LISTFOCUS;
	return unread ? SETTINGS_COLOR_LISTNORMAL_UNREAD : SETTINGS_COLOR_LISTNORMAL;
}

/*
 * A list row from its format: the row's colour, the mark (a failed
 * feed's "! ") in the failed colour off the cursor, highlight rules over
 * both.  No URL on the screen shows its userinfo (an untitled feed is
 * named by its URL, password and all).
 */
static void
ui_draw_row(struct ui *u, int y, struct buf *line, int c,
    enum highlight_context ctx, size_t mark_start, size_t mark_end, int focus)
{
	struct ui_seg segs[UI_MAX_SEGS];
	struct ui_paint p[UI_MAX_SEGS / 2 + 1];
	size_t np = 0, len = line->len, n;

	url_redact(line->data);
	buf_truncate(line, strlen(line->data));
	if (line->len == len && mark_end > mark_start && !focus)
		p[np++] = (struct ui_paint){ mark_start, mark_end, SETTINGS_COLOR_FAILED };
	ui_draw_highlights(u, ctx, line->data, line->len, p, &np, sizeof p / sizeof p[0]);
	n = ui_draw_paint(segs, UI_MAX_SEGS, line->data, line->len, c, p, np);
	ui_draw_segs(u, y, segs, n, c, 0);
}

/* One list row at y in the list colours, no format (the link list). */
void
ui_draw_plain_row(const struct ui *u, int y, const char *s, int focus)
{
	ui_draw_text(u, y, s, ui_draw_list_color(focus, 0), 0);
}

static void
ui_draw_feeds(struct ui *u)
{
	const struct view_feeds *v = &u->feeds;
	int top = ui_body_top(u), h = ui_body_height(u), i;
	const char *fmt = settings_str(u->cfg, SETTINGS_V_FEEDLIST_FORMAT);
	struct buf line;

	buf_init(&line, UI_LINE_MAX);
	for (i = 0; i < h; i++) {
		int row = v->list.top + i;
		const struct views_feed *f;
		size_t ms, me;
		int st;

		if (row >= (int)v->nrows) {
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
			continue;
		}
		f = &v->rows[row];
		buf_reset(&line);
		view_feeds_format(v, row, fmt, ui_draw_format_width(u, fmt), &line, &ms, &me);
		st = row != v->list.cursor ? ui_filter_feed_style(u, row) : -1;	/* highlight-feed */
		ui_draw_row(u, top + i, &line, st >= 0 ? st : (int)ui_draw_list_color(row ==
		    v->list.cursor, f->unread > 0), HIGHLIGHT_FEEDLIST, ms, me, row == v->list.cursor);
	}
	buf_release(&line);
}

static void
ui_draw_items(struct ui *u)
{
	const struct view_items *v = &u->items;
	int top = ui_body_top(u), h = ui_body_height(u), i;
	const char *fmt = settings_str(u->cfg, SETTINGS_V_ARTICLELIST_FORMAT);
	const char *datefmt = settings_str(u->cfg, SETTINGS_V_DATETIME_FORMAT);
	time_t now = time(NULL);
	struct buf line;
	char deffmt[64];
	int64_t *ids;
	int *style;

	/* tidings' default (settings_table.h's) with its feed column a fifth
	 * of a narrow screen, 20 columns at most, as it always was */
	if (u->cfg->values[SETTINGS_V_ARTICLELIST_FORMAT] == NULL) {
		snprintf(deffmt, sizeof deffmt, "%%4i %%n%%s %%D  %%?T?%%-%dT  &?%%t",
		    u->cols / 5 > 20 ? 20 : u->cols / 5 > 0 ? u->cols / 5 : 1);
		fmt = deffmt;
	}

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
	buf_init(&line, UI_LINE_MAX);
	ids = xcalloc(h > 0 ? (size_t)h : 1, sizeof *ids);
	style = xcalloc(h > 0 ? (size_t)h : 1, sizeof *style);
	for (i = 0; i < h; i++) {
		const struct item_row *r = view_items_row(v, v->list.top + i);

		ids[i] = r != NULL ? r->id : 0;
	}
	ui_filter_row_styles(u, ids, h > 0 ? (size_t)h : 0, style);	/* highlight-article */
	for (i = 0; i < h; i++) {
		int row = v->list.top + i;
		const struct item_row *r = view_items_row(v, row);

		if (r == NULL) {
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
			continue;
		}
		buf_reset(&line);
		view_items_format(v, r, row, fmt, datefmt, now, ui_draw_format_width(u, fmt), &line);
		ui_draw_row(u, top + i, &line, style[i] >= 0 && row != v->list.cursor ? style[i]
		    : (int)ui_draw_list_color(row == v->list.cursor, !r->read),
		    HIGHLIGHT_ARTICLELIST, 0, 0, row == v->list.cursor);
	}
	free(ids);
	free(style);
	buf_release(&line);
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

/* Article line: its label, the highlight rules, the search's matches on top. */
static void
ui_draw_article_line(struct ui *u, int y, size_t line)
{
	const struct view_article_line *l = &u->article.lines[line];
	struct ui_seg segs[UI_MAX_SEGS];
	struct ui_paint p[UI_MAX_SEGS];
	enum settings_color_id c = ui_draw_article_color(l->style);
	const struct view_article_match *m;
	size_t nm, np = 0, n, i;

	if (l->label_len > 0)
		p[np++] = (struct ui_paint){ 0, l->label_len, SETTINGS_COLOR_HEADER };
	ui_draw_highlights(u, HIGHLIGHT_ARTICLE, l->text, l->len, p, &np, UI_MAX_SEGS / 2);
	m = view_article_line_matches(&u->article, line, &nm);
	for (i = 0; i < nm && np < UI_MAX_SEGS; i++) {
		if (m[i].end > l->len || m[i].end <= m[i].start)
			continue;
		p[np++] = (struct ui_paint){ m[i].start, m[i].end, u->match_style };
	}
	n = ui_draw_paint(segs, UI_MAX_SEGS, l->text, l->len, c, p, np);
	ui_draw_segs(u, y, segs, n, SETTINGS_COLOR_ARTICLE, 0);
}

static void
ui_draw_article(struct ui *u)
{
	const struct view_article *v = &u->article;
	int top = ui_body_top(u), h = ui_body_height(u), i;

	for (i = 0; i < h; i++) {
		size_t line = (size_t)v->top + (size_t)i;

		/* past the end: newsboat's (and vi's) "~" lines */
		if (line >= v->nlines)
			ui_draw_text(u, top + i, "~", SETTINGS_COLOR_END_OF_TEXT_MARKER, 0);
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
    const struct search_span *spans, size_t nspans, enum settings_color_id c, int match)
{
	size_t len = s ? strlen(s) : 0, pos = 0, i;

	if (s == NULL)
		return n;
	for (i = 0; i < nspans && n + 3 < max; i++) {
		if (spans[i].start < pos || spans[i].end > len || spans[i].end <= spans[i].start)
			continue;
		segs[n++] = (struct ui_seg){ s + pos, spans[i].start - pos, c, 0 };
		segs[n++] = (struct ui_seg){ s + spans[i].start, spans[i].end - spans[i].start,
		    match, 0 };
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
	n = ui_draw_spans(segs, n, UI_MAX_SEGS, snip + start, spans, k, c, u->match_style);
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
		char head[FORMAT_DATE_MAX + 32], date[FORMAT_DATE_MAX];
		struct ui_paint p[UI_MAX_SEGS];
		struct buf line;
		const char *title;
		enum settings_color_id c;
		size_t n, np, k, start;

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
		format_date(date, sizeof date, settings_str(u->cfg, SETTINGS_V_DATETIME_FORMAT),
		    hit->published, time(NULL));
		snprintf(head, sizeof head, "%4d %c%c %s  ", row + 1, hit->read ? ' ' : 'N',
		    hit->starred ? '*' : ' ', date);
		/* one line, so that highlight rules (articlelist: the results are
		 * a list of articles, as in newsboat) see all of it; the query's
		 * matches in the title go over them */
		title = hit->title ? hit->title : "(untitled)";
		buf_init(&line, UI_LINE_MAX);
		buf_addstr(&line, head);
		(void)text_pad(&line, hit->feed_title ? hit->feed_title : "",
		    hit->feed_title ? strlen(hit->feed_title) : 0, feedw);
		(void)text_spaces(&line, 2);
		start = line.len;
		buf_addstr(&line, title);
		np = 0;
		ui_draw_highlights(u, HIGHLIGHT_ARTICLELIST, line.data, line.len, p, &np,
		    UI_MAX_SEGS / 2);
		for (k = 0; k < hit->ntitle_spans && np < UI_MAX_SEGS; k++) {
			const struct search_span *sp = &hit->title_spans[k];

			if (sp->end <= sp->start || sp->end > strlen(title))
				continue;
			p[np++] = (struct ui_paint){ start + sp->start, start + sp->end,
			    u->match_style };
		}
		n = ui_draw_paint(segs, UI_MAX_SEGS, line.data, line.len, c, p, np);
		ui_draw_segs(u, top + i, segs, n, c, 0);
		buf_release(&line);
	}
}

static void
ui_draw_bottom(struct ui *u, int y)
{
	struct view_cmdline *line = NULL;
	const char *prompt = "";

	if (u->prompt == UI_PROMPT_COMMAND) {
		line = &u->cmd;
		prompt = ":";
	} else if (u->prompt == UI_PROMPT_SORT || u->prompt == UI_PROMPT_REV_SORT) {
		ui_draw_text(u, y, ui_sort_prompt(u), SETTINGS_COLOR_MESSAGE, 0);
		return;
	} else if (u->prompt == UI_PROMPT_QUIT) {
		ui_draw_text(u, y, "Do you really want to quit? (y/n)", SETTINGS_COLOR_MESSAGE, 0);
		return;
	} else if (u->prompt == UI_PROMPT_CONFIRM) {	/* keys: confirm-* */
		ui_draw_text(u, y, u->confirm_text, SETTINGS_COLOR_MESSAGE, 0);
		return;
	} else if (u->screen == UI_SEARCH && u->search.editing) {
		line = &u->search.line;
		prompt = "/";
	} else if (u->prompt == UI_PROMPT_ASK) {
		line = &u->cmd;
		prompt = u->ask.label;
	}
	if (line != NULL) {
		/* a question's label is wider than ":" (room is left to type) */
		size_t plen = strlen(prompt), pw = text_width(prompt, plen);
		size_t col, start;
		struct ui_seg segs[2];

		if (u->cols > 20 && pw + 10 > (size_t)u->cols)
			plen = text_fit(prompt, plen, (size_t)u->cols - 10, &pw);
		else if (u->cols <= 20 && pw > (size_t)u->cols / 2)
			plen = text_fit(prompt, plen, (size_t)u->cols / 2, &pw);
		start = view_cmdline_scroll(line, (size_t)u->cols > pw + 1
		    ? (size_t)u->cols - pw : 1, &col);
		segs[0] = (struct ui_seg){ prompt, plen, SETTINGS_COLOR_MESSAGE, 0 };
		segs[1] = (struct ui_seg){ line->text.data + start, line->text.len - start,
		    SETTINGS_COLOR_MESSAGE, 0 };
		ui_draw_segs(u, y, segs, 2, SETTINGS_COLOR_MESSAGE, 0);
		curs_set(1);
		leaveok(stdscr, FALSE);
		move(y, (int)(col + pw) < u->cols ? (int)(col + pw) : u->cols - 1);
		return;
	}
	ui_draw_text(u, y, u->message, u->message_error ? SETTINGS_COLOR_ERROR
	    : SETTINGS_COLOR_MESSAGE, 0);
}

void
ui_draw(struct ui *u)
{
	/* before the bars count what is unread, as newsboat's prepare() */
	ui_nav_hover(u);
	curs_set(0);
	leaveok(stdscr, TRUE);
	erase();
	{
		int title, hints;

		ui_bars_rows(u, &title, &hints);
		if (title >= 0)
			ui_bars_title(u, title);
		if (hints >= 0)
			ui_bars_status(u, hints);
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
	case UI_URLS:
		ui_urls_draw(u);
		break;
	case UI_FILTERS:
		ui_filter_draw(u);
		break;
	}
	if (u->rows >= 2)
		ui_draw_bottom(u, u->rows - 1);
	refresh();
}

/* A newsboat option over tidings' show-read-items, when the config sets it. */
static int
ui_draw_show_read(const struct settings *cfg, enum settings_value_id id)
{
	return cfg->values[id] != NULL ? settings_bool(cfg, id) : cfg->show_read_items;
}

static void
ui_draw_bad_option(const struct ui *u, enum settings_value_id id, char ***msgs,
    size_t *nmsgs)
{
	*msgs = xreallocarray(*msgs, *nmsgs + 1, sizeof **msgs);
	(*msgs)[(*nmsgs)++] = xasprintf("config: %s: unknown order \"%s\"",
	    settings_value_name(id), settings_str(u->cfg, id));
}

void
ui_draw_init(struct ui *u, char ***msgs, size_t *nmsgs)
{
	struct settings_color styles[UI_STYLES_MAX - SETTINGS_NCOLORS];
	long long tw = settings_int(u->cfg, SETTINGS_V_TEXT_WIDTH);
	long long so = settings_int(u->cfg, SETTINGS_V_SCROLLOFF);
	size_t i;

	highlight_init(&u->hl);
	highlight_load(&u->hl, u->cfg, msgs, nmsgs);
	for (i = 0; i < u->hl.n; i++)
		styles[i] = u->hl.rules[i].color;
	u->match_style = SETTINGS_COLOR_MATCH;
	if (u->hl.has_search) {
		styles[i] = u->hl.search;
		u->match_style = SETTINGS_NCOLORS + (int)i++;
	}
	i = ui_filter_styles(u, styles, i, sizeof styles / sizeof styles[0]);
	ui_term_set_styles(styles, i);
	u->show_read = ui_draw_show_read(u->cfg, SETTINGS_V_SHOW_READ_ARTICLES);
	u->feeds.show_read = ui_draw_show_read(u->cfg, SETTINGS_V_SHOW_READ_FEEDS);
	u->article.text_width = tw > 0 && tw < 100000 ? (int)tw : 0;
	u->article.always_description = settings_bool(u->cfg,
	    SETTINGS_V_ALWAYS_DISPLAY_DESCRIPTION);
	view_list_style((int)(so < 100000 ? so : 100000), settings_bool(u->cfg,
	    SETTINGS_V_WRAP_SCROLL));
	/* the orders a config names (a bad one leaves tidings' own, and says so) */
	if (view_feeds_set_sort(&u->feeds, settings_str(u->cfg, SETTINGS_V_FEED_SORT_ORDER)) < 0)
		ui_draw_bad_option(u, SETTINGS_V_FEED_SORT_ORDER, msgs, nmsgs);
	if (view_items_set_sort(&u->items, settings_str(u->cfg, SETTINGS_V_ARTICLE_SORT_ORDER),
	    (unsigned)time(NULL)) < 0)
		ui_draw_bad_option(u, SETTINGS_V_ARTICLE_SORT_ORDER, msgs, nmsgs);
}

void
ui_draw_release(struct ui *u)
{
	highlight_release(&u->hl);
}
