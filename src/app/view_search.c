#include "app/view_search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/items.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The hits, the killfile's hidden ones too (they sit after res.n). */
static void
view_search_res_release(struct view_search *s)
{
	if (s->res_all > s->res.n)
		s->res.n = s->res_all;
	search_result_release(&s->res);
	s->res_all = 0;
}

void
view_search_init(struct view_search *s)
{
	memset(s, 0, sizeof *s);
	view_cmdline_init(&s->line);
	view_list_init(&s->list);
}

void
view_search_release(struct view_search *s)
{
	view_cmdline_release(&s->line);
	search_query_free(s->query);
	view_search_res_release(s);
	free(s->history_path);
	memset(s, 0, sizeof *s);
}

void
view_search_start(struct view_search *s, int height)
{
	view_cmdline_reset(&s->line);
	view_list_init(&s->list);
	view_list_set_height(&s->list, view_search_rows(height));
	s->editing = 1;
	s->dirty = 1;
}

/* No hits (and no query) any more. */
static void
view_search_clear(struct view_search *s)
{
	search_query_free(s->query);
	s->query = NULL;
	view_search_res_release(s);
	s->res_offset = 0;
	view_list_set_count(&s->list, 0);
}

int
view_search_run(struct view_search *s, struct db *db, int need,
    int (*cancel)(void *), void *cancel_arg)
{
	struct search_query *q;
	struct search_opts o = { 0 };
	struct search_result r;
	struct err e;
	int rc;

	s->dirty = 0;
	/* the query changed: its old error goes with it */
	s->error[0] = '\0';
	if (s->line.text.len == 0) {
		view_search_clear(s);
		return 0;
	}
	/* live (the last word a prefix) also after ENTER: the hits stay the ones shown */
	q = search_compile(db, s->line.text.data, time(NULL), SEARCH_LIVE, &e);
	if (q == NULL)
		goto invalid;
	o.limit = need > VIEW_SEARCH_PAGE ? need : VIEW_SEARCH_PAGE;
	o.cancel = cancel;
	o.cancel_arg = cancel_arg;
	rc = search_run(db, q, &o, &r, &e);
	if (rc == SEARCH_INTERRUPTED) {
		search_query_free(q);
		s->dirty = 1;
		return 1;
	}
	if (rc < 0) {
		search_query_free(q);
		goto invalid;
	}
	/* the killfile in display mode: its hits go after the kept ones */
	if (s->filters != NULL && (rc = filters_search_keep(s->filters, db, NULL, &r, 0,
	    &e)) < 0) {
		search_result_release(&r);
		search_query_free(q);
		goto invalid;
	}
	search_query_free(s->query);
	s->query = q;
	view_search_res_release(s);
	s->res_all = r.n;
	if (s->filters != NULL)
		r.n = (size_t)rc;
	s->res = r;
	s->res_offset = 0;
	view_list_set_count(&s->list, (int)r.n);
	return 0;
invalid:
	snprintf(s->error, sizeof s->error, "%s", e.msg);
	view_search_clear(s);
	return 0;
}

int
view_search_more(struct view_search *s, struct db *db,
    int (*cancel)(void *), void *cancel_arg)
{
	int cursor = s->list.cursor, top = s->list.top, rc;

	if (!s->res.more || s->list.cursor + s->list.height < (int)s->res.n)
		return 0;
	rc = view_search_run(s, db, (int)s->res.n * 2 + s->list.height, cancel, cancel_arg);
	s->list.top = top;
	view_list_goto(&s->list, cursor);
	return rc;
}

struct search_hit *
view_search_current(struct view_search *s)
{
	int idx = s->list.cursor - s->res_offset;

	if (s->list.count == 0 || idx < 0 || idx >= (int)s->res.n)
		return NULL;
	return &s->res.hits[idx];
}

int
view_search_set_flag(struct view_search *s, struct db *db, int star, int value,
    struct err *e)
{
	struct search_hit *hit = view_search_current(s);
	int *flag;

	if (hit == NULL)
		return 0;
	flag = star ? &hit->starred : &hit->read;
	if (value < 0)
		value = !*flag;
	if ((star ? items_set_starred(db, hit->id, value, e)
	    : items_set_read(db, hit->id, value, e)) < 0)
		return -1;
	*flag = value;
	return 0;
}

void
view_search_mark_article(const struct view_search *s, struct db *db,
    struct view_article *a)
{
	struct view_article_match *m = NULL;
	size_t nm = 0, i, k;

	for (i = 0; s->query != NULL && i < a->nlines; i++) {
		const struct view_article_line *l = &a->lines[i];
		struct search_span *spans;
		size_t n = 0;

		if (l->len == 0 || search_highlight(db, s->query, l->text, l->len, &spans,
		    &n, NULL) < 0)
			continue;
		if (n > 0)
			m = xreallocarray(m, nm + n, sizeof *m);
		for (k = 0; k < n; k++)
			m[nm++] = (struct view_article_match){ i, spans[k].start, spans[k].end };
		free(spans);
	}
	view_article_take_matches(a, m, nm);
}

int
view_search_history_load(struct view_search *s, const struct db *db, struct err *e)
{
	const char *path = db_path(db), *slash = strrchr(path, '/');

	free(s->history_path);
	s->history_path = slash ? xasprintf("%.*s/search-history",
	    (int)(slash - path), path) : xstrdup("search-history");
	return view_cmdline_history_load(&s->line, s->history_path, e);
}

int
view_search_history_save(struct view_search *s, struct err *e)
{
	if (s->history_path == NULL || s->line.nhistory == 0)
		return 0;
	return view_cmdline_history_save(&s->line, s->history_path, e);
}

int
view_search_rows(int height)
{
	int rows = height / VIEW_SEARCH_LINES;

	return rows > 0 ? rows : 1;
}

size_t
view_search_snippet_start(const char *s, size_t len, const struct search_span *spans,
    size_t nspans, size_t cols)
{
	size_t match, end, mw, before, p, best;

	if (s == NULL || nspans == 0 || cols < 8)
		return 0;
	match = spans[0].start;
	end = spans[0].end;
	if (match > len || end > len || end < match)
		return 0;
	/* "…" and a space take 2 columns in front of a cut line */
	if (text_width(s, end) + 2 <= cols)
		return 0;
	/* about a third of the line before the match, less when the match
	 * itself would not fit after it */
	mw = text_width(s + match, end - match);
	before = cols / 3;
	if (mw + 2 >= cols)
		before = 0;
	else if (before > cols - 2 - mw)
		before = cols - 2 - mw;
	best = match;
	/* the earliest word start with at most `before` columns up to the match */
	for (p = match; p > 0; p--) {
		if (s[p - 1] != ' ')
			continue;
		if (text_width(s + p, match - p) > before)
			break;
		best = p;
	}
	return best;
}

/* keys: delete-article in the search results */
int
view_search_delete(struct view_search *s, struct db *db, struct err *e)
{
	struct search_hit *hit = view_search_current(s);

	if (hit == NULL)
		return 0;
	if (items_delete(db, hit->id, 0, 0, e) < 0)
		return -1;
	/* the query runs again without it; the cursor keeps its row */
	s->dirty = 1;
	return 0;
}
