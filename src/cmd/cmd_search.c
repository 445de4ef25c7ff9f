/*
 * cmd_search: tidings search QUERY, full-text search of the cache.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "app/filters.h"
#include "app/view_search.h"
#include "store/search.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/text.h"
#include "util/url.h"

/*
 * The snippet with its matched words in [brackets], sanitised, from where
 * its first match shows in cols columns (as the reader's context line).
 */
static char *
search_marked_snippet(const struct search_hit *h, size_t cols)
{
	struct buf b;
	size_t pos = 0, i;
	char *out;

	buf_init(&b, 0);
	if (h->snippet != NULL) {
		pos = view_search_snippet_start(h->snippet, strlen(h->snippet), h->spans,
		    h->nspans, cols);
		if (pos > 0)
			buf_addstr(&b, "\xE2\x80\xA6 ");
	}
	for (i = 0; h->snippet && i < h->nspans; i++) {
		if (h->spans[i].start < pos)
			continue;
		buf_add(&b, h->snippet + pos, h->spans[i].start - pos);
		buf_addc(&b, '[');
		buf_add(&b, h->snippet + h->spans[i].start, h->spans[i].end - h->spans[i].start);
		buf_addc(&b, ']');
		pos = h->spans[i].end;
	}
	if (h->snippet)
		buf_addstr(&b, h->snippet + pos);
	out = text_sanitize_dup(b.data, b.len, 0);
	buf_release(&b);
	return out;
}

/* s with the spans in [brackets] (the TSV's snippet column). */
static int
search_put_marked(FILE *out, const char *s, const struct search_span *spans, size_t n)
{
	size_t pos = 0, i, len = strlen(s);

	for (i = 0; i < n; i++) {
		if (spans[i].start < pos || spans[i].end > len)
			continue;
		if (fwrite(s + pos, 1, spans[i].start - pos, out) != spans[i].start - pos ||
		    fputc('[', out) == EOF ||
		    fwrite(s + spans[i].start, 1, spans[i].end - spans[i].start, out) !=
		    spans[i].end - spans[i].start || fputc(']', out) == EOF)
			return -1;
		pos = spans[i].end;
	}
	return fputs(s + pos, out) == EOF ? -1 : 0;
}

/*
 * Search output off a terminal, one line a hit: id, date (ISO 8601 UTC,
 * empty when unknown), feed title, title, snippet with the matched words
 * in [brackets], separated by tabs (the hits' strings are one line
 * already).  -1 on a write error.
 */
static int
search_print_tsv(FILE *out, const struct search_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hits[i];
		/* an untitled feed is named by its URL: not its password */
		char date[32] = "", *feed = url_display(h->feed_title);
		int bad;

		if (h->published > 0)
			date_iso(h->published, date, sizeof date);
		bad = fprintf(out, "%" PRId64 "\t%s\t%s\t%s\t", h->id, date, feed,
		    h->title) < 0 ||
		    search_put_marked(out, h->snippet, h->spans, h->nspans) < 0 ||
		    fputc('\n', out) == EOF;
		free(feed);
		if (bad)
			return -1;
	}
	return 0;
}


static const struct cmd_opt opts[] = {
	{ "--limit", NULL, "a number" },
	{ NULL, NULL, NULL },
};
enum { OPT_LIMIT };

/* search QUERY... [--limit N] */
static int
cmd_search(struct ctx *c)
{
	struct search_opts so = { 0 };
	struct filters fs;
	const struct filter *match = NULL;
	int wanted, nkept = 0;
	struct search_result r;
	struct search_query *q;
	struct buf query;
	size_t i, cols = term_columns();
	char date[32], id[32];
	const char *val;
	long v;
	int k, o;

	buf_init(&query, SEARCH_QUERY_MAX);
	k = 0;
	while ((o = cmd_opt_next(c, "search", opts, &k, &val)) != CMD_OPT_END) {
		if (o == CMD_OPT_ERROR) {
			buf_release(&query);
			return EXIT_USAGE;
		}
		if (o == OPT_LIMIT) {
			if (parse_count(val, &v) < 0 || v == 0) {
				buf_release(&query);
				return usage_error("search: bad limit '%s'", val);
			}
			so.limit = (int)v;
		} else if ((query.len && buf_addc(&query, ' ') < 0) ||
		    buf_addstr(&query, val) < 0) {
			/* a word: "-word" is the query's, not an option */
			buf_release(&query);
			return usage_error("search: query longer than %d bytes", SEARCH_QUERY_MAX);
		}
	}
	if (query.len == 0) {
		buf_release(&query);
		return usage_error("search: missing QUERY");
	}
	/* filter: "filter:NAME" words and the killfile (ignore-mode display) */
	filters_load(&fs, &c->cfg);
	if (filters_search_words(&fs, query.data, &match, &c->err) < 0) {
		buf_release(&query);
		filters_release(&fs);
		err_print("%s: search: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	wanted = so.limit;
	if (match != NULL || (fs.display && fs.nignore > 0))
		so.limit = (so.limit ? so.limit : SEARCH_DEFAULT_LIMIT) * 10;
	q = search_compile(c->db, query.data, time(NULL), 0, &c->err);
	buf_release(&query);
	if (q == NULL) {
		filters_release(&fs);
		err_print("%s: search: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	if (!isatty(STDOUT_FILENO)) {
		k = search_run(c->db, q, &so, &r, &c->err);
		search_query_free(q);
		if (k == 0 && (k = filters_search_keep(&fs, c->db, match, &r,
		    wanted ? wanted : SEARCH_DEFAULT_LIMIT, &c->err)) >= 0) {
			size_t all = r.n;

			r.n = (size_t)k;	/* the kept hits come first */
			k = search_print_tsv(stdout, &r);
			r.n = all;
			search_result_release(&r);
			if (k < 0 || fflush(stdout) == EOF || ferror(stdout))
				k = err_set(&c->err, "writing the results: %s", strerror(errno));
		}
		filters_release(&fs);
		if (k < 0)
			err_print("%s: search: %s", progname, c->err.msg);
		return k < 0 ? EXIT_USAGE : 0;
	}
	if (search_run(c->db, q, &so, &r, &c->err) < 0 ||
	    (nkept = filters_search_keep(&fs, c->db, match, &r,
	    wanted ? wanted : SEARCH_DEFAULT_LIMIT, &c->err)) < 0) {
		search_query_free(q);
		filters_release(&fs);
		return -1;
	}
	filters_release(&fs);
	for (i = 0; i < (size_t)nkept; i++) {
		char *snip = search_marked_snippet(&r.hits[i], cols > 10 ? cols - 8 : 2), *feed;

		snprintf(id, sizeof id, "%" PRId64, r.hits[i].id);
		date_iso(r.hits[i].published, date, sizeof date);
		date[10] = '\0';	/* the day is enough on a terminal */
		put_column(id, 6, 0);
		put_column(date, 10, 0);
		feed = url_display(r.hits[i].feed_title);
		put_column(feed, 20, 0);
		free(feed);
		put_column(r.hits[i].title, cols > 44 ? cols - 44 : 10, 1);
		fputs("        ", stdout);
		put_column(snip, cols > 10 ? cols - 8 : 2, 1);
		free(snip);
	}
	if (nkept == 0)
		err_print("%s: nothing matches", progname);
	search_result_release(&r);
	search_query_free(q);
	return 0;
}

const struct cmd_entry cmd_search_entry = {
	.name = "search",
	.args = "QUERY [--limit N]",
	.help = "full-text search: words, \"phrases\", OR, -word, prefix*, title: author: feed: tag:\n"
	    "is:unread is:starred since:7d before:2024-07-01; id, date, feed, title, snippet",
	.need = NEED_CONFIG | NEED_FEEDS | NEED_CACHE | NEED_READONLY,
	.flags = CMD_OWN_CONFIG_WARNINGS,	/* read for filters only: quiet */
	.run = cmd_search,
};
