/*
 * cmd_feeds: tidings feeds, the subscriptions with their counts and last status.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "store/feeds.h"
#include "util/url.h"
#include "util/xalloc.h"

/* by URL, then file order: the first line of a URL listed twice first */
static int
feed_line_cmp(const void *a, const void *b)
{
	const struct feedlist_line *x = *(const struct feedlist_line *const *)a;
	const struct feedlist_line *y = *(const struct feedlist_line *const *)b;
	int c = strcmp(x->url, y->url);

	return c ? c : (x > y) - (x < y);
}

static int
feed_line_url_cmp(const void *key, const void *elt)
{
	return strcmp(key, (*(const struct feedlist_line *const *)elt)->url);
}

/*
 * The feeds file's feed lines sorted by URL, for feed_line_find: a search
 * of the file per cached feed (feedlist_find) made `tidings feeds`
 * quadratic (20,000 feeds: 0.7 s of strcmp).  Caller frees.
 */
static const struct feedlist_line **
feed_lines_sorted(const struct feedlist *fl, size_t *n)
{
	const struct feedlist_line **v = xcalloc(fl->nlines ? fl->nlines : 1, sizeof *v);
	size_t i;

	*n = 0;
	for (i = 0; i < fl->nlines; i++)
		if (fl->lines[i].kind == FEEDLIST_FEED)
			v[(*n)++] = &fl->lines[i];
	qsort(v, *n, sizeof *v, feed_line_cmp);
	return v;
}

/* The first line of url in v (from feed_lines_sorted), or NULL. */
static const struct feedlist_line *
feed_line_find(const struct feedlist_line **v, size_t n, const char *url)
{
	const struct feedlist_line **p = bsearch(url, v, n, sizeof *v, feed_line_url_cmp);

	while (p != NULL && p > v && strcmp(p[-1]->url, url) == 0)
		p--;
	return p ? *p : NULL;
}

static int
cmd_feeds(struct ctx *c)
{
	struct feed_row *rows;
	const struct feedlist_line **lines;
	size_t n, i, nlines, cols = term_columns();
	int tty = isatty(STDOUT_FILENO);
	char num[64];

	if (c->argc > 0)
		return usage_error("feeds: unexpected argument '%s'", c->argv[0]);
	if (feeds_list(c->db, &rows, &n, &c->err) < 0)
		return -1;
	lines = feed_lines_sorted(c->feeds, &nlines);
	for (i = 0; i < n; i++) {
		const struct feedlist_line *l = feed_line_find(lines, nlines, rows[i].url);
		const char *title = l && l->title ? l->title : rows[i].title ? rows[i].title : "";
		char sbuf[FEEDS_STATUS_NAME_MAX];
		const char *status = feeds_status_name(rows[i].status, rows[i].http_code, sbuf,
		    sizeof sbuf);
		char *url;

		if (l == NULL)
			continue;	/* in the cache but no longer in the feeds file */
		if (status == NULL)
			status = "never polled";
		/* the password is for the request, not for the screen */
		url = url_display(rows[i].url);
		if (tty) {
			snprintf(num, sizeof num, "%" PRId64, rows[i].id);
			put_column(num, 4, 0);
			snprintf(num, sizeof num, "%d/%d", rows[i].unread, rows[i].total);
			put_column(num, 9, 0);
			put_column(title, cols > 60 ? (cols - 60) / 2 + 10 : 10, 0);
			put_column(status, 12, 0);
			put_column(url, cols > 60 ? (cols - 60) / 2 + 8 : 8, 0);
			snprintf(num, sizeof num, "%d", rows[i].backlog);
			put_column(rows[i].backlog ? num : "", 5, 1);
		} else {
			/* the articles still to fetch come last: scripts that read
			 * the first six fields keep working */
			printf("%" PRId64 "\t%d\t%d\t", rows[i].id, rows[i].unread, rows[i].total);
			put_field(title, 0);
			put_field(url, 0);
			put_field(status, 0);
			printf("%d\n", rows[i].backlog);
		}
		free(url);
	}
	free(lines);
	feeds_free_rows(rows, n);
	return 0;
}

const struct cmd_entry cmd_feeds_entry = {
	.name = "feeds",
	.args = "",
	.help = "list feeds: id, unread, total, title, url, last status",
	.need = NEED_FEEDS | NEED_DEFAULTS | NEED_CACHE | NEED_READONLY,
	.flags = CMD_FEEDS_WARNINGS,
	.run = cmd_feeds,
};
