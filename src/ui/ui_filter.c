/*
 * ui_filter: the reader's filters (issue 14): set-filter (the ":" line
 * opened with "filter "), select-filter (a dialog of the define-filters),
 * clear-filter, the killfile in ignore-mode display, applied to every
 * item list the reader opens, and query feeds ("query:TITLE:EXPRESSION"
 * lines of the feeds file) as rows at the end of the feed list.  The model is app/filters' filters_view;
 * this file only turns actions into calls on it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui_priv.h"
#include "util/buf.h"
#include "util/xalloc.h"

void
ui_filter_start(struct ui *u)
{
	char *bad = NULL;

	filters_view_init(&u->filter, u->cfg);
	u->search.filters = &u->filter.fs;	/* "/" hides what the killfile hides */
	filters_view_queries(&u->filter, u->reload.feeds_path, &bad);
	if (bad != NULL)
		ui_message(u, 1, "%s", bad);	/* the message line, once it draws */
	free(bad);
}

/* After the feed list is (re)loaded: the query feeds' rows, counted. */
void
ui_filter_feeds(struct ui *u)
{
	struct view_feeds *v = &u->feeds;
	struct err e;
	size_t i, k;

	if (u->filter.nqueries == 0)
		return;
	/* a tag filter lists that tag's feeds: query feeds have none here */
	if (v->tag != NULL)
		return;
	if (filters_view_count(&u->filter, u->db, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	v->rows = xreallocarray(v->rows, v->nrows + u->filter.nqueries, sizeof *v->rows);
	for (i = 0, k = v->nrows; i < u->filter.nqueries; i++) {
		const struct filters_query *fq = &u->filter.queries[i];

		/* one not counted yet (prepopulate-query-feeds no) stays listed */
		if (!v->show_read && fq->unread == 0 && fq->counted)
			continue;
		memset(&v->rows[k], 0, sizeof v->rows[k]);
		v->rows[k].id = FILTERS_QUERY_ID(i);
		v->rows[k].title = xstrdup(fq->title);
		v->rows[k].unread = fq->unread;
		v->rows[k].total = fq->total;
		k++;
	}
	v->nrows = k;
	view_list_set_count(&v->list, (int)k);
}

/* Before an item list opens from feed-list row id: the feed id to list
 * (0 for a query feed, whose filter then shapes the list). */
int64_t
ui_filter_open_feed(struct ui *u, int64_t id)
{
	u->filter.query = NULL;
	if (id < 0 && FILTERS_QUERY_INDEX(id) < u->filter.nqueries) {
		u->filter.query = u->filter.queries[FILTERS_QUERY_INDEX(id)].f;
		u->filter.queries[FILTERS_QUERY_INDEX(id)].opened = 1;
		return 0;
	}
	return id;
}

/*
 * mark-feed-read on a filtered list (a query feed, set-filter, the
 * killfile) marks what the list holds, not every item of the feed: 1 when
 * handled here, 0 to mark as usual.
 */
int
ui_filter_mark_read(struct ui *u)
{
	const struct views_feed *f;
	struct items_query q = { 0 };
	const struct filter *was = u->filter.query;
	struct err e;
	int rc;

	if (u->screen == UI_ITEMS) {
		if (u->items.q.filter_view == 0)
			return 0;
		rc = filters_view_mark_read(&u->filter, u->db, &u->items.q,
		    u->items.seen_max_id, &e);
	} else if (u->screen == UI_FEEDS && (f = view_feeds_current(&u->feeds)) != NULL &&
	    f->id < 0) {
		/* a query feed's row: its items as its list would show them */
		ui_filter_open_feed(u, f->id);
		rc = filters_view_apply(&u->filter, u->db, &q, &e);
		if (rc == 0)
			rc = filters_view_mark_read(&u->filter, u->db, &q, u->feeds.seen_max_id, &e);
		u->filter.query = was;
		if (rc == 0)
			return 0;
	} else {
		return 0;
	}
	if (rc < 0) {
		ui_fail(u, &e);
		return 1;
	}
	filters_view_changed(&u->filter);	/* read state: a rule may read it */
	if (view_feeds_load(&u->feeds, u->db, &e) < 0)
		ui_fail(u, &e);
	else
		ui_filter_feeds(u);
	if (u->screen == UI_ITEMS)
		ui_filter_items(u);
	ui_message(u, 0, "marked read what the list holds");
	return 1;
}

void
ui_filter_stop(struct ui *u)
{
	filters_view_release(&u->filter);
}

/* Apply the filters to the item list on screen, keeping its cursor. */
void
ui_filter_items(struct ui *u)
{
	struct err e;

	if (u->items.title == NULL)
		return;
	if (filters_view_apply(&u->filter, u->db, &u->items.q, &e) < 0 ||
	    view_items_reload(&u->items, u->db, &e) < 0)
		ui_fail(u, &e);
}

/* After a poll: items came or changed, every table is made again. */
void
ui_filter_reloaded(struct ui *u)
{
	filters_view_changed(&u->filter);
	ui_filter_items(u);
}

static void
ui_filter_changed(struct ui *u)
{
	ui_filter_items(u);
	if (u->filter.active_text == NULL)
		ui_message(u, 0, "no filter");
	else if (u->items.title != NULL && (u->screen == UI_ITEMS || u->screen == UI_ARTICLE))
		ui_message(u, 0, "filter: %s (%d items)", u->filter.active_text, u->items.list.count);
	else
		ui_message(u, 0, "filter: %s", u->filter.active_text);
}

/* set-filter: the ":" line, opened with "filter " for the expression. */
void
ui_filter_prompt(struct ui *u)
{
	const char *p;

	u->prompt = UI_PROMPT_COMMAND;
	view_cmdline_reset(&u->cmd);
	for (p = "filter "; *p; p++)
		view_cmdline_insert(&u->cmd, (uint32_t)*p);
}

/* ":filter EXPRESSION|NAME" (the line's own text: quotes matter in it). */
void
ui_filter_command(struct ui *u, const char *text)
{
	struct err e;

	text += strspn(text, " \t");
	if (*text == '\0') {
		filters_view_clear(&u->filter);
		ui_filter_changed(u);
		return;
	}
	if (filters_view_set(&u->filter, text, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_filter_changed(u);
}

/*
 * select-filter: newsboat's filter selection, a list of the define-filter
 * names (the active one under the cursor); Enter applies the one under
 * the cursor (ui_filter_pick), q goes back as it was.
 */
void
ui_filter_select(struct ui *u)
{
	const struct filters *fs = &u->filter.fs;
	size_t i;

	if (fs->nnamed == 0) {
		ui_message(u, 1, "no filters defined (define-filter NAME EXPRESSION in the config)");
		return;
	}
	if (u->screen == UI_FILTERS)
		return;
	view_list_init(&u->filters_list);
	view_list_set_count(&u->filters_list, (int)fs->nnamed);
	view_list_set_height(&u->filters_list, ui_body_height(u));
	for (i = 0; i < fs->nnamed && u->filter.active_text != NULL; i++)
		if (strcmp(fs->named[i].name, u->filter.active_text) == 0)
			view_list_goto(&u->filters_list, (int)i);
	u->filters_return = u->screen;
	u->screen = UI_FILTERS;
	u->dirty = 1;
}

/* Enter in the dialog: its filter applies, back where select-filter was. */
void
ui_filter_pick(struct ui *u)
{
	const struct filters *fs = &u->filter.fs;
	int row = u->filters_list.cursor;
	struct err e;

	u->screen = u->filters_return;
	u->dirty = 1;
	if (row < 0 || (size_t)row >= fs->nnamed)
		return;
	if (filters_view_set(&u->filter, fs->named[row].name, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_filter_changed(u);
}

/* The dialog's rows: each define-filter's name and its expression. */
void
ui_filter_draw(struct ui *u)
{
	const struct filters *fs = &u->filter.fs;
	const struct settings_line *l;
	int top = ui_body_top(u), h = ui_body_height(u), i;
	size_t nl;
	struct buf line;

	l = settings_lines(u->cfg, SETTINGS_L_DEFINE_FILTER, &nl);
	view_list_set_height(&u->filters_list, h);
	buf_init(&line, UI_LINE_MAX);
	for (i = 0; i < h; i++) {
		int row = u->filters_list.top + i;
		const char *expr = "";
		size_t k;

		if (row < 0 || (size_t)row >= fs->nnamed) {
			ui_draw_text(u, top + i, "", SETTINGS_COLOR_LISTNORMAL, 0);
			continue;
		}
		/* the expression as written in the config */
		for (k = 0; k < nl && *expr == '\0'; k++)
			if (l[k].argc > 2 && strcmp(l[k].argv[1], fs->named[row].name) == 0)
				expr = l[k].argv[2];
		buf_reset(&line);
		buf_printf(&line, "%4d  %s  %s", row + 1, fs->named[row].name, expr);
		ui_draw_text(u, top + i, line.data, row == u->filters_list.cursor
		    ? SETTINGS_COLOR_LISTFOCUS : SETTINGS_COLOR_LISTNORMAL, 0);
	}
	buf_release(&line);
}

void
ui_filter_clear(struct ui *u)
{
	filters_view_clear(&u->filter);
	ui_filter_changed(u);
}

/*
 * highlight-article's colours: one style a line of the config (a line
 * whose colours are bad keeps the terminal's), appended to styles[n..max)
 * for ui_term.  Returns the new count.
 */
size_t
ui_filter_styles(struct ui *u, struct settings_color *styles, size_t n, size_t max)
{
	const struct settings_line *l;
	size_t nl, i;
	struct err e;

	l = settings_lines(u->cfg, SETTINGS_L_HIGHLIGHT_ARTICLE, &nl);
	u->article_style = SETTINGS_NCOLORS + (int)n;
	for (i = 0; i < nl && i < UI_HIGHLIGHT_ARTICLE_MAX && n < max; i++, n++)
		if (l[i].argc < 3 || settings_parse_style(l[i].argv + 2, l[i].argc - 2,
		    &styles[n], &e) < 0)
			styles[n] = (struct settings_color){ SETTINGS_COLOR_DEFAULT,
			    SETTINGS_COLOR_DEFAULT, 0 };
	/* highlight-feed: app/highlight compiled the good lines */
	u->feed_style = SETTINGS_NCOLORS + (int)n;
	for (i = 0; i < u->hl.nfeeds && i < UI_HIGHLIGHT_FEED_MAX && n < max; i++, n++)
		styles[n] = u->hl.feeds[i].color;
	return n;
}

/*
 * The style of feed-list row row (highlight-feed's first matching rule),
 * or -1 for the list's own.  Row 0, "All items", is no feed.
 */
int
ui_filter_feed_style(struct ui *u, int row)
{
	const struct view_feeds *v = &u->feeds;
	int rule;

	if (row <= 0 || (size_t)row >= v->nrows || v->rows[row].id <= 0)
		return -1;
	/* feedindex: the row's place among the feeds, from 1 */
	rule = highlight_feed_rule(&u->hl, &v->rows[row], row);
	if (rule < 0 || rule >= UI_HIGHLIGHT_FEED_MAX ||
	    u->feed_style + rule >= UI_STYLES_MAX)
		return -1;
	return u->feed_style + rule;
}

/*
 * The style of each of the n rows ids[i] (0: no row): its first matching
 * highlight-article line's, or -1.  A failed query colours nothing (the
 * list still draws; the message says why).
 */
void
ui_filter_row_styles(struct ui *u, const int64_t *ids, size_t n, int *style)
{
	struct err e;
	size_t i;

	if (filters_highlight_rows(&u->filter.fs, u->db, ids, n, style, &e) < 0) {
		ui_fail(u, &e);
		for (i = 0; i < n; i++)
			style[i] = -1;
		return;
	}
	for (i = 0; i < n; i++)
		if (style[i] >= 0)
			style[i] = style[i] < UI_HIGHLIGHT_ARTICLE_MAX
			    ? u->article_style + style[i] : -1;
}
