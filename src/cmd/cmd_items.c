/*
 * cmd_items: tidings items, the cached items newest first.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/filters.h"
#include "cmd/cmd.h"
#include "store/feeds.h"
#include "store/filter.h"
#include "store/items.h"
#include "util/date.h"
#include "util/url.h"

static const struct cmd_opt opts[] = {
	{ "--unread", NULL, NULL },
	{ "--starred", NULL, NULL },
	{ "--feed", NULL, "a number" },
	{ "--limit", NULL, "a number" },
	{ "--tag", NULL, "a tag name" },
	{ "--filter", NULL, "a filter expression" },
	{ NULL, NULL, NULL },
};
enum { OPT_UNREAD, OPT_STARRED, OPT_FEED, OPT_LIMIT, OPT_TAG, OPT_FILTER };

static int
cmd_items(struct ctx *c)
{
	struct items_query q = { 0 };
	struct filter_scope scope = { 0 };
	struct filters fs;
	const char *expr = NULL;
	struct filter *match = NULL;
	struct item_row *rows;
	size_t n, i, cols = term_columns();
	int tty = isatty(STDOUT_FILENO), k, o;
	char date[32], id[32];
	const char *val;
	long v;

	k = 0;
	while ((o = cmd_opt_next(c, "items", opts, &k, &val)) != CMD_OPT_END) {
		switch (o) {
		case OPT_UNREAD:
			q.unread_only = 1;
			break;
		case OPT_STARRED:
			q.starred_only = 1;
			break;
		case OPT_FEED:
		case OPT_LIMIT:
			if (parse_count(val, &v) < 0)
				return usage_error("items: %s needs a number, not '%s'",
				    opts[o].name, val);
			if (o == OPT_FEED)
				q.feed_id = v;
			else
				q.limit = (int)v;
			break;
		case OPT_TAG:
			q.tag = val;
			break;
		case OPT_FILTER:
			expr = val;
			break;
		case CMD_OPT_ARG:
			return usage_error("items: unexpected argument '%s'", val);
		default:
			return EXIT_USAGE;
		}
	}
	if (q.feed_id != 0) {
		/* an id that names no feed is a mistake, not an empty list */
		struct feed_row fr;

		k = feeds_get(c->db, q.feed_id, NULL, &fr, &c->err);
		if (k < 0)
			return -1;
		if (k == 0) {
			fprintf(stderr, "%s: items: no feed %" PRId64 " (the first column of "
			    "'tidings feeds')\n", progname, q.feed_id);
			return EXIT_USAGE;
		}
		feed_row_release(&fr);
	}
	/* --filter and the killfile (ignore-mode display) go through
	 * store/filter; a plain listing keeps items_list's query */
	filters_load(&fs, &c->cfg);
	filters_scope(&fs, &scope);
	/* --filter NAME: a define-filter line's expression */
	if (expr != NULL && filters_named(&fs, expr) != NULL)
		expr = filters_named(&fs, expr)->text;
	if (expr != NULL && (match = filter_parse(expr, &c->err)) == NULL) {
		filters_release(&fs);
		err_print("%s: items: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	scope.match = match;
	scope.q = &q;
	scope.now = time(NULL);
	k = scope.match != NULL || scope.nignore > 0 ?
	    filter_sql_items(c->db, &scope, &rows, &n, &c->err) :
	    items_list(c->db, &q, &rows, &n, &c->err);
	filter_free(match);
	filters_release(&fs);
	if (k < 0)
		return -1;
	for (i = 0; i < n; i++) {
		/* an untitled feed is named by its URL: without the password */
		char *feed = url_display(rows[i].feed_title);

		date_iso(rows[i].published, date, sizeof date);
		if (tty) {
			date[10] = '\0';	/* the day is enough on a terminal */
			snprintf(id, sizeof id, "%" PRId64, rows[i].id);
			put_column(id, 6, 0);
			put_column(rows[i].read ? " " : "N", 1, 0);
			put_column(date, 10, 0);
			put_column(feed, 20, 0);
			put_column(rows[i].title, cols > 48 ? cols - 48 : 10, 1);
		} else {
			printf("%" PRId64 "\t%s\t", rows[i].id, date);
			put_field(feed, 0);
			put_field(rows[i].title, 0);
			put_field(rows[i].url, 1);
		}
		free(feed);
	}
	items_free_rows(rows, n);
	return 0;
}

const struct cmd_entry cmd_items_entry = {
	.name = "items",
	.args = "[--feed ID] [--unread] [--starred] [--tag TAG] [--filter EXPR] [--limit N]",
	.help = "list items, newest first: id, date, feed, title, url",
	.need = NEED_CONFIG | NEED_FEEDS | NEED_CACHE | NEED_READONLY,
	/* read by scripts: the config (read for ignore-article) is not
	 * reported here; poll and the reader report its bad lines */
	.flags = CMD_OWN_CONFIG_WARNINGS,
	.run = cmd_items,
};
