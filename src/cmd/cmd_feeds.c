/*
 * cmd_feeds: tidings feeds, the subscriptions with their counts and last status.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/filters.h"
#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "store/feeds.h"
#include "store/sync.h"
#include "util/url.h"
#include "util/xalloc.h"

/*
 * The feeds file's query feeds, after the feeds, in file order, counted
 * as the reader counts them (the killfile in display mode hides items):
 * id -1, -2, ... (no feed has a negative id: the first column stays a
 * number, and "show" or "items --feed" can tell it is not a feed), the
 * title, the line's "query:TITLE:EXPRESSION" as the url and "query" as
 * the status.  A query line with a bad expression is left out and said
 * on stderr, as the reader does.
 */
static int
cmd_feeds_queries(struct ctx *c, int tty, size_t cols)
{
	struct filters_view fv;
	char *bad = NULL, num[64];
	size_t i;
	int rc = 0;

	filters_view_init(&fv, &c->cfg);
	filters_view_queries_of(&fv, c->feeds, &bad);
	if (bad != NULL)
		fprintf(stderr, "tidings: %s\n", bad);
	free(bad);
	if (fv.nqueries > 0 && filters_view_count(&fv, c->db, &c->err) < 0)
		rc = -1;
	for (i = 0; i < fv.nqueries && rc == 0; i++) {
		const struct filters_query *q = &fv.queries[i];
		char *url = xasprintf("query:%s:%s", q->title, q->expr);

		if (tty) {
			snprintf(num, sizeof num, "%lld", -1LL - (long long)i);
			put_column(num, 4, 0);
			snprintf(num, sizeof num, "%d/%d", q->unread, q->total);
			put_column(num, 9, 0);
			put_column(q->title, cols > 60 ? (cols - 60) / 2 + 10 : 10, 0);
			put_column("query", 12, 0);
			put_column(url, cols > 60 ? (cols - 60) / 2 + 8 : 8, 0);
			put_column("", 5, 1);
		} else {
			printf("%lld\t%d\t%d\t", -1LL - (long long)i, q->unread, q->total);
			put_field(q->title, 0);
			put_field(url, 0);
			put_field("query", 0);
			printf("0\n");
		}
		free(url);
	}
	filters_view_release(&fv);
	return rc;
}

static int
cmd_feeds(struct ctx *c)
{
	struct feed_row *rows;
	size_t n, i, cols = term_columns();
	int tty = isatty(STDOUT_FILENO);
	char num[64];
	int synced;

	if (c->argc > 0)
		return usage_error("feeds: unexpected argument '%s'", c->argv[0]);
	/* a feed server's subscriptions are the listed feeds (app/sync) */
	if ((synced = sync_cache_active(c->db, &c->err)) < 0 ||
	    feeds_list(c->db, &rows, &n, &c->err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		/* feedlist_find is hashed: one lookup a cached feed stays linear */
		const struct feedlist_line *l = feedlist_find(c->feeds, rows[i].url);
		const char *title = l && l->title ? l->title : rows[i].title ? rows[i].title : "";
		char sbuf[FEEDS_STATUS_NAME_MAX], hbuf[FEEDS_STATUS_NAME_MAX + 16];
		const char *status = feeds_status_name(rows[i].status, rows[i].http_code, sbuf,
		    sizeof sbuf);
		char *url;

		if (l == NULL && !(synced && rows[i].listed))
			continue;	/* in the cache but no longer in the feeds file */
		if (status == NULL)
			status = "never polled";
		/* "!" keeps a feed out of the reader's list, not out of this one:
		 * it is still a subscription, polled and searched */
		if (l != NULL && l->hidden) {
			snprintf(hbuf, sizeof hbuf, "%s (hidden)", status);
			status = hbuf;
		}
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
	feeds_free_rows(rows, n);
	return cmd_feeds_queries(c, tty, cols);
}

const struct cmd_entry cmd_feeds_entry = {
	.name = "feeds",
	.args = "",
	.help = "list feeds: id, unread, total, title, url, last status (query feeds last, ids -1, -2...)",
	.need = NEED_FEEDS | NEED_DEFAULTS | NEED_CACHE | NEED_READONLY | NEED_CONFIG,
	.flags = CMD_FEEDS_WARNINGS,
	.run = cmd_feeds,
};
