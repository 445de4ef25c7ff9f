/*
 * filter-bench: the program behind bench/filter.
 *
 *   filter-bench queries CACHE.db
 *	Print the 20 query-feed expressions (a realistic urls file's kinds,
 *	from the newsboat census: unread + tag, title regex, age, author,
 *	feed...), with words taken from the cache so that they match.
 *   filter-bench run [--rounds R] CACHE.db
 *	Mark every third item read once (a cache nobody read is not
 *	realistic), then for each expression time, R times after a warm-up:
 *	the unread and total counts (what the feed list shows for a query
 *	feed) and opening it (the count and the first 100 items, what the
 *	reader's list reads).  Prints the median of each, the sum of the
 *	counts of all 20, and the CPU time.
 *   filter-bench changes CACHE.db
 *	Only the counts after each change (a poll, a poll with retention,
 *	mark-reads; run's last line), for profiling one step.
 *   filter-bench ignore [--rules N] ITEMS
 *	What ignore-article rules add to a poll's store step: ITEMS parsed
 *	items (in documents of 50) stored through items_store into a fresh
 *	cache, with and without N rules (default 50) applied by
 *	filters_keep first; prints both times and the ratio.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/filters.h"
#include "app/settings.h"
#include "filter/filter.h"
#include "store/db.h"
#include "store/db_priv.h"	/* white-box: marking items read in bulk */
#include "store/feeds.h"
#include "store/filter.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"

/* bench/search-bench.c's "now": its generated dates end there */
#define BENCH_NOW ((time_t)1767225600)
#define NQ 20

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
die(const char *what, const struct err *e)
{
	fprintf(stderr, "filter-bench: %s: %s\n", what, e ? e->msg : "");
	exit(1);
}

/* The first word (letters only) of s of at least 4 bytes, into out. */
static void
a_word(const char *s, char *out, size_t size)
{
	const char *p = s;

	out[0] = '\0';
	while (*p) {
		size_t n = strcspn(p, " ,.");

		if (n >= 4 && n < size) {
			memcpy(out, p, n);
			out[n] = '\0';
			return;
		}
		p += n;
		p += strspn(p, " ,.");
	}
}

static char *queries[NQ];

static void
make_queries(struct db *db)
{
	struct items_query q = { 0 };
	struct item_row *rows;
	size_t n;
	struct err e;
	char w1[64], w2[64], w3[64], au[128];
	struct feed_row fr;

	size_t k;

	/* items 1..3 and feed 1, 2: words and names that are in the cache */
	q.offset = 1000;
	q.limit = 20;
	if (items_list(db, &q, &rows, &n, &e) < 0 || n < 3)
		die("reading sample items", &e);
	a_word(rows[0].title, w1, sizeof w1);
	a_word(rows[1].title, w2, sizeof w2);
	a_word(rows[2].title, w3, sizeof w3);
	/* an author someone has (generated items have none 40% of the time) */
	for (k = 0; k < n && (rows[k].author == NULL || rows[k].author[0] == '\0'); k++)
		;
	snprintf(au, sizeof au, "%s", k < n ? rows[k].author : "x");
	if (feeds_get(db, rows[0].feed_id, NULL, &fr, &e) != 1)
		die("reading a feed", &e);
	queries[0] = xstrdup("unread = \"yes\"");
	queries[1] = xstrdup("unread = \"yes\" and tags # \"tech\"");
	queries[2] = xstrdup("tags # \"news\"");
	queries[3] = xstrdup("tags # \"science\" and unread = \"yes\"");
	queries[4] = xasprintf("title =~ \"%s\"", w1);
	queries[5] = xasprintf("title =~ \"%s|%s\" and unread = \"yes\"", w2, w3);
	queries[6] = xstrdup("age < 3");
	queries[7] = xstrdup("age < 7 and unread = \"yes\"");
	queries[8] = xasprintf("author = \"%s\"", au);
	queries[9] = xasprintf("author =~ \"^%.4s\"", au);
	queries[10] = xasprintf("rssurl = \"%s\"", fr.url);
	queries[11] = xstrdup("feedtitle =~ \"feed 1[0-9]$\"");
	queries[12] = xstrdup("unread = \"yes\" and age between 0:30");
	queries[13] = xasprintf("content =~ \"%s\" and age < 2", w1);
	queries[14] = xstrdup("tags # \"world\" or tags # \"economy\"");
	queries[15] = xstrdup("( tags # \"tech\" or tags # \"science\" ) and unread = \"yes\" "
	    "and age < 14");
	queries[16] = xasprintf("title !~ \"%s\" and tags # \"local\" and age < 30", w1);
	queries[17] = xstrdup("unread_count > 100 and age < 5");
	queries[18] = xstrdup("link =~ \"^https:\" and age < 1");
	queries[19] = xasprintf("feedtitle = \"%s\" and unread = \"yes\"",
	    fr.title ? fr.title : fr.url);
	feed_row_release(&fr);
	items_free_rows(rows, n);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* CPU ms to count all the query feeds fq (the feed list). */
static double
count_all(struct db *db, struct filter *const *fq)
{
	struct err e;
	double t = cpu_ms();
	int i, unread, total;

	for (i = 0; i < NQ; i++) {
		struct filter_scope s = { .match = fq[i], .now = BENCH_NOW };

		if (filter_sql_count(db, &s, &unread, &total, &e) < 0)
			die(queries[i], &e);
	}
	return cpu_ms() - t;
}

/*
 * What the feed list costs after each change: the counts of the 20 query
 * feeds after a poll that brought 50 new items (the kept counts plus the
 * new items' own), after a poll that brought 50 and retention deleted 50
 * old ones (the kept counts plus the new and minus the deleted items'
 * own), then after marking one item read, 100 items one at a time and a
 * whole feed (the kept counts plus what the changed items alone change,
 * schema 11).
 */
static void
changes(struct db *db)
{
	struct filter *fq[NQ];
	struct item it[50];
	char guid[50][40], title[50][64];
	double ta, tr, tb, tc, td, te;
	int unread_feed = 0, i, unread, total, nfeed = 0;
	struct items_query fqr = { .unread_only = 1 }, fq2 = { .feed_id = 2 };
	struct items_store_stats stats = { 0 };
	struct err e;
	sqlite3_stmt *st;
	int64_t fid = 1;
	size_t j;

	for (i = 0; i < NQ; i++)
		if ((fq[i] = filter_parse(queries[i], &e)) == NULL)
			die(queries[i], &e);
	memset(it, 0, sizeof it);
	for (j = 0; j < 50; j++) {
		snprintf(guid[j], sizeof guid[j], "bench-new-%ld-%zu", (long)time(NULL), j);
		snprintf(title[j], sizeof title[j], "A new item %zu", j);
		it[j].guid = guid[j];
		it[j].title = title[j];
		it[j].published = BENCH_NOW - (time_t)j * 60;
	}
	/* the feed list before the poll (the rounds above kept one at a time) */
	for (i = 0; i < NQ; i++) {
		struct filter_scope s = { .match = fq[i], .now = BENCH_NOW };

		if (filter_sql_count(db, &s, &unread, &total, &e) < 0)
			die(queries[i], &e);
	}
	if (db_begin(db, &e) < 0 || items_store(db, fid, "Feed", it, NULL, 50, BENCH_NOW,
	    NULL, &e) < 0 || db_commit(db, &e) < 0)
		die("storing new items", &e);
	ta = cpu_ms();
	for (i = 0; i < NQ; i++) {
		struct filter_scope s = { .match = fq[i], .now = BENCH_NOW };

		if (filter_sql_count(db, &s, &unread, &total, &e) < 0)
			die(queries[i], &e);
	}
	ta = cpu_ms() - ta;
	/* a poll of feed 2 as app/poll makes it: 50 new items stored, then
	 * max-items (the feed's count before) deletes its 50 oldest */
	for (j = 0; j < 50; j++)
		guid[j][6] = 'r';	/* "bench-rew-...": new guids */
	if (items_count(db, &fq2, &nfeed, &e) < 0 || db_begin(db, &e) < 0 ||
	    items_store(db, 2, "Feed", it, NULL, 50, BENCH_NOW + 1, NULL, &e) < 0 ||
	    items_retain(db, 2, nfeed, BENCH_NOW + 1, &stats, &e) < 0 || db_commit(db, &e) < 0)
		die("storing new items with retention", &e);
	tr = cpu_ms();
	for (i = 0; i < NQ; i++) {
		struct filter_scope s = { .match = fq[i], .now = BENCH_NOW };

		if (filter_sql_count(db, &s, &unread, &total, &e) < 0)
			die(queries[i], &e);
	}
	tr = cpu_ms() - tr;
	if (db_exec(db, "UPDATE items SET read = 1 - read WHERE id = 5", &e) < 0)
		die("marking read", &e);
	tb = cpu_ms();
	for (i = 0; i < NQ; i++) {
		struct filter_scope s = { .match = fq[i], .now = BENCH_NOW };

		if (filter_sql_count(db, &s, &unread, &total, &e) < 0)
			die(queries[i], &e);
	}
	tb = cpu_ms() - tb;
	/* 100 mark-reads, each its own statement as the reader makes them */
	for (j = 0; j < 100; j++) {
		char sql[96];

		snprintf(sql, sizeof sql, "UPDATE items SET read = 1 - read WHERE id = %zu",
		    1000 + j * 7919);
		if (db_exec(db, sql, &e) < 0)
			die("marking read", &e);
	}
	tc = count_all(db, fq);
	/* mark-all-read of the feed with the most unread items (one of
	 * 500; earlier runs on this cache marked others) */
	if ((st = db_prepare(db, "SELECT feed_id FROM items WHERE read = 0 GROUP BY "
	    "feed_id ORDER BY count(*) DESC LIMIT 1", &e)) == NULL)
		die("finding a feed", &e);
	fqr.feed_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
	sqlite3_finalize(st);
	if (items_count(db, &fqr, &unread_feed, &e) < 0 ||
	    items_mark_feed_read(db, fqr.feed_id, &e) < 0)
		die("marking a feed read", &e);
	td = count_all(db, fq);
	te = count_all(db, fq);
	for (i = 0; i < NQ; i++)
		filter_free(fq[i]);
	printf("counts of all %d after a poll of 50 new items: %.1f ms; after a poll of 50 "
	    "with %d deleted by max-items: %.1f ms; after a mark-read: %.1f ms; after 100 "
	    "mark-reads: %.1f ms; after mark-all-read of a feed (%d unread): %.1f ms; then "
	    "unchanged: %.1f ms\n", NQ, ta, stats.removed, tr, tb, tc, unread_feed, td, te);
}

static int
cmd_run(int argc, char **argv)
{
	struct db *db;
	struct err e;
	int rounds = 5, i, r, unread, total;
	double sum_count = 0, sum_open = 0, worst_open = 0, c0, c1, sum_fresh = 0;
	double worst_fresh_open = 0, sum_fresh_open = 0;
	const char *path;

	for (i = 0; i < argc && argv[i][0] == '-'; i++)
		if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = (int)strtol(argv[++i], NULL, 10);
	if (rounds < 1 || rounds > 64)
		rounds = 5;
	if (argc - i != 1)
		return 2;
	path = argv[i];
	db = db_open(path, 0, &e);
	if (db == NULL)
		die(path, &e);
	{
		/* every third item read, once */
		struct items_query q = { .unread_only = 1 };
		int nunread = 0, ntotal = 0;

		q.unread_only = 0;
		if (items_count(db, &q, &ntotal, &e) < 0)
			die("count", &e);
		q.unread_only = 1;
		if (items_count(db, &q, &nunread, &e) < 0)
			die("count", &e);
		if (nunread == ntotal) {
			fprintf(stderr, "filter-bench: marking every third item read\n");
			if (db_exec(db, "UPDATE items SET read = 1 WHERE id % 3 = 0", &e) < 0)
				die("marking read", &e);
		}
	}
	make_queries(db);
	c0 = cpu_ms();
	printf("(CPU ms, median of %d rounds after a warm-up)\n", rounds);
	printf("%-3s %9s %9s %10s %10s %10s %10s  %s\n", "#", "unread", "total", "fresh ms",
	    "count ms", "open0 ms", "open ms", "expression");
	for (i = 0; i < NQ; i++) {
		struct filter_scope s = { 0 };
		struct items_query q = { .limit = 100 };
		double tc[64], to[64], fresh, fresh_open, tf;
		struct item_row *rows;
		size_t n;

		s.match = filter_parse(queries[i], &e);
		if (s.match == NULL)
			die(queries[i], &e);
		s.now = BENCH_NOW;
		/*
		 * Fresh: the counts as after a poll or a mark-read (the cache of
		 * counts emptied), then opening it the first time; the rounds
		 * below are the feed list of an unchanged cache (a start, a
		 * redraw) and opening it again.
		 */
		if (db_exec(db, "DELETE FROM filter_counts", &e) < 0)
			die("emptying the count cache", &e);
		tf = cpu_ms();
		if (filter_sql_count(db, &s, &unread, &total, &e) < 0)
			die(queries[i], &e);
		fresh = cpu_ms() - tf;
		if (db_exec(db, "DELETE FROM filter_counts", &e) < 0)
			die("emptying the count cache", &e);
		s.q = &q;
		tf = cpu_ms();
		if (filter_sql_count(db, &s, NULL, &total, &e) < 0 ||
		    filter_sql_items(db, &s, &rows, &n, &e) < 0)
			die(queries[i], &e);
		fresh_open = cpu_ms() - tf;
		items_free_rows(rows, n);
		s.q = NULL;
		sum_fresh += fresh;
		sum_fresh_open += fresh_open;
		if (fresh_open > worst_fresh_open)
			worst_fresh_open = fresh_open;
		for (r = -1; r < rounds && r < 64; r++) {
			/* CPU time: the machine is shared, wall time is not ours */
			double t0 = cpu_ms(), t1, t2;

			if (filter_sql_count(db, &s, &unread, &total, &e) < 0)
				die(queries[i], &e);
			t1 = cpu_ms();
			s.q = &q;
			if (filter_sql_count(db, &s, NULL, &total, &e) < 0 ||
			    filter_sql_items(db, &s, &rows, &n, &e) < 0)
				die(queries[i], &e);
			t2 = cpu_ms();
			s.q = NULL;
			items_free_rows(rows, n);
			if (r >= 0) {
				tc[r] = t1 - t0;
				to[r] = t2 - t1;
			}
		}
		qsort(tc, (size_t)rounds, sizeof tc[0], cmp_double);
		qsort(to, (size_t)rounds, sizeof to[0], cmp_double);
		printf("%-3d %9d %9d %10.1f %10.1f %10.1f %10.1f  %s\n", i + 1, unread, total,
		    fresh, tc[rounds / 2], fresh_open, to[rounds / 2], queries[i]);
		sum_count += tc[rounds / 2];
		sum_open += to[rounds / 2];
		if (to[rounds / 2] > worst_open)
			worst_open = to[rounds / 2];
		filter_free((struct filter *)s.match);
	}
	c1 = cpu_ms();
	changes(db);
	printf("counts of all %d query feeds: %.1f ms kept (target < 50 ms); "
	    "%.1f ms fresh (after a change)\n", NQ, sum_count, sum_fresh);
	printf("opening: worst %.1f ms, mean %.1f ms (target < 30 ms each); fresh: worst "
	    "%.1f ms, mean %.1f ms\n", worst_open, sum_open / NQ, worst_fresh_open,
	    sum_fresh_open / NQ);
	printf("CPU: %.0f ms for %d rounds\n", c1 - c0, rounds + 1);
	for (i = 0; i < NQ; i++)
		free(queries[i]);
	db_close(db);
	return 0;
}

static int
cmd_ignore(int argc, char **argv)
{
	static char author[] = "Some Author", link[] = "https://site.example.org/a",
	    content[] = "<p>A paragraph of text that is long enough to be a summary of an "
	    "article, with a few more words at its end.</p>", plain[] = "A paragraph of text";
	char dir[] = "/tmp/filter-bench-XXXXXX", path[64];
	struct settings cfg;
	struct filters fs;
	struct buf conf;
	struct db *db;
	struct err e;
	long nitems;
	int nrules = 50, i, pass;
	double t[2] = { 0, 0 }, t2[2] = { 0, 0 }, tk[2] = { 0, 0 };
	size_t ndropped = 0;

	for (i = 0; i < argc && argv[i][0] == '-'; i++)
		if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
			nrules = (int)strtol(argv[++i], NULL, 10);
	if (argc - i != 1)
		return 2;
	nitems = strtol(argv[i], NULL, 10);
	if (nitems < 50)
		return 2;
	/* 50 rules of the kinds real killfiles hold: a title regex on one
	 * feed, an author, "*" with a word */
	buf_init(&conf, 0);
	for (i = 0; i < nrules; i++) {
		if (i % 3 == 0)
			buf_printf(&conf, "ignore-article \"https://feed%d.example.org/rss\" "
			    "\"title =~ \\\"^RT by|sponsored %d\\\"\"\n", i, i);
		else if (i % 3 == 1)
			buf_printf(&conf, "ignore-article * \"author = \\\"Spammer %d\\\"\"\n", i);
		else
			buf_printf(&conf, "ignore-article * \"title =~ \\\"giveaway%d\\\" or "
			    "content =~ \\\"affiliate link %d\\\"\"\n", i, i);
	}
	settings_init(&cfg);
	settings_load_string(&cfg, conf.data, conf.len);
	filters_load(&fs, &cfg);
	if (fs.nignore != (size_t)nrules)
		die("the rules did not all load", NULL);
	for (pass = 0; pass < 2; pass++) {
		long k;

		memcpy(dir, "/tmp/filter-bench-XXXXXX", sizeof dir);
		if (mkdtemp(dir) == NULL)
			die("mkdtemp", NULL);
		snprintf(path, sizeof path, "%s/c.db", dir);
		db = db_open(path, 0, &e);
		if (db == NULL || db_exec(db, "PRAGMA synchronous = OFF", &e) < 0)
			die("cache", &e);
		for (int round = 0; round < 2; round++)
		for (k = 0; k < nitems; k += 50) {
			struct item it[50];
			char *text[50];
			char guid[50][32], title[50][96];
			struct item *kept = NULL;
			char **kept_texts = NULL;
			size_t nk = 50, j;
			int64_t id;
			char url[64];
			double c0;

			snprintf(url, sizeof url, "https://feed%ld.example.org/rss", (k / 50) % 200);
			if (feeds_ensure(db, url, &id, &e) < 0)
				die("feed", &e);
			memset(it, 0, sizeof it);
			for (j = 0; j < 50; j++) {
				/* the second poll: the same document 5 items on */
				snprintf(guid[j], sizeof guid[j], "g%ld-%zu", k, j + 5 * (size_t)round);
				snprintf(title[j], sizeof title[j], "An ordinary headline number %ld "
				    "about things %zu", k + (long)j, j);
				it[j].guid = guid[j];
				it[j].title = title[j];
				it[j].author = author;
				it[j].link = link;
				it[j].content = content;
				it[j].published = BENCH_NOW - (time_t)(k + (long)j) * 60;
				text[j] = plain;
			}
			c0 = cpu_ms();
			if (pass == 1)
				nk = filters_keep(&fs, db, id, url, "Feed", it, text, 50, BENCH_NOW,
				    &kept, &kept_texts);
			tk[round] += cpu_ms() - c0;
			if (db_begin(db, &e) < 0 ||
			    items_store(db, id, "Feed", kept ? kept : it, kept ? kept_texts : text,
			    nk, BENCH_NOW, NULL, &e) < 0 || db_commit(db, &e) < 0)
				die("store", &e);
			if (round == 0)
				t[pass] += cpu_ms() - c0;
			else
				t2[pass] += cpu_ms() - c0;
			ndropped += 50 - nk;
			free(kept);
			free(kept_texts);
		}
		db_close(db);
		{
			char p2[80];

			unlink(path);
			snprintf(p2, sizeof p2, "%s-wal", path);
			unlink(p2);
			snprintf(p2, sizeof p2, "%s-shm", path);
			unlink(p2);
			rmdir(dir);
		}
	}
	printf("first poll, %ld new items: %.0f ms CPU storing; with %d ignore-article rules: "
	    "%.0f ms (+%.1f%%)\n", nitems, t[0], nrules, t[1], (t[1] - t[0]) * 100.0 / t[0]);
	printf("next poll, the same documents with 5 new items in 50: %.0f ms; with the rules: "
	    "%.0f ms (+%.1f%%, target < 10%%); %zu items dropped\n", t2[0], t2[1],
	    (t2[1] - t2[0]) * 100.0 / t2[0], ndropped);
	/* the rules' own time, less noisy than the difference of two runs */
	printf("filters_keep itself: %.0f ms first poll (%.1f%% of storing without rules), "
	    "%.0f ms next poll (%.1f%%)\n", tk[0], tk[0] * 100.0 / t[0], tk[1],
	    tk[1] * 100.0 / t2[0]);
	filters_release(&fs);
	settings_release(&cfg);
	buf_release(&conf);
	return 0;
}

static int
cmd_queries(int argc, char **argv)
{
	struct db *db;
	struct err e;
	int i;

	if (argc != 1)
		return 2;
	db = db_open(argv[0], DB_OPEN_READONLY, &e);
	if (db == NULL)
		die(argv[0], &e);
	make_queries(db);
	for (i = 0; i < NQ; i++) {
		printf("%s\n", queries[i]);
		free(queries[i]);
	}
	db_close(db);
	return 0;
}

/*
 * newsboat's urls file for the same cache: every feed's URL with its tags
 * (newsboat fills a query feed from the feeds its urls file lists, so a
 * file of query lines alone loads nothing), the query lines after them.
 */
static int
cmd_urls(int argc, char **argv)
{
	sqlite3_stmt *st;
	struct db *db;
	struct err e;

	if (argc != 1)
		return 2;
	db = db_open(argv[0], DB_OPEN_READONLY, &e);
	if (db == NULL)
		die(argv[0], &e);
	st = db_prepare(db, "SELECT f.url, group_concat(t.tag, ' ') FROM feeds f "
	    "LEFT JOIN feed_tags t ON t.feed_id = f.id GROUP BY f.id ORDER BY f.id", &e);
	if (st == NULL)
		die("feeds", &e);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s%s%s\n", (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_type(st, 1) == SQLITE_NULL ? "" : " ",
		    sqlite3_column_type(st, 1) == SQLITE_NULL ? ""
		    : (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	db_close(db);
	return 0;
}

static int
cmd_changes(int argc, char **argv)
{
	struct db *db;
	struct err e;
	int i;

	if (argc != 1)
		return 2;
	if ((db = db_open(argv[0], 0, &e)) == NULL)
		die(argv[0], &e);
	make_queries(db);
	changes(db);
	for (i = 0; i < NQ; i++)
		free(queries[i]);
	db_close(db);
	return 0;
}

int
main(int argc, char **argv)
{
	int rc = 2;

	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		rc = cmd_run(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "changes") == 0)
		rc = cmd_changes(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "ignore") == 0)
		rc = cmd_ignore(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "queries") == 0)
		rc = cmd_queries(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "urls") == 0)
		rc = cmd_urls(argc - 2, argv + 2);
	if (rc == 2)
		fprintf(stderr, "usage: filter-bench run [--rounds R] CACHE.db | changes CACHE.db | "
		    "ignore [--rules N] ITEMS | queries CACHE.db | urls CACHE.db\n");
	return rc;
}
