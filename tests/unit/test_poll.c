/*
 * Unit tests for app/poll's batched writes, on a real cache and the
 * bundled sample feeds read through file:// URLs (no network): a poll
 * stores every feed of a batch; a feed whose row another process deleted
 * while the poll ran is skipped, counted as failed and named, and the
 * rest of its batch is kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/settings.h"
#include "app/poll.h"
#include "feed/feedlist.h"
#include "net/fetch.h"
#include "store/db.h"
#include "store/db_priv.h"	/* white-box: raw SQL on the cache */
#include "store/items.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "cache_count.h"
#include "httpd_child.h"
#include "tmp_cache.h"

static long port;		/* of tests/httpd.py */

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
	char *rss;		/* file:// URLs of the two sample feeds */
	char *atom;
	struct db *db;
	struct feedlist *fl;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *top = getenv("top_srcdir");
	char *text, *abs;
	struct err e;

	if (fetch_global_init(&e) < 0)
		return -1;
	if (tmp_cache_open(f->dir, sizeof f->dir, "poll", &f->path, &f->db) < 0)
		return -1;
	abs = realpath(top && *top ? top : ".", NULL);
	if (abs == NULL)
		return -1;
	f->rss = xasprintf("file://%s/data/samples/kyiv-feed.xml", abs);
	f->atom = xasprintf("file://%s/data/samples/kyiv-feed.atom", abs);
	free(abs);
	text = xasprintf("%s\n%s\n", f->rss, f->atom);
	f->fl = feedlist_parse(text, strlen(text), "feeds");
	free(text);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	feedlist_free(f->fl);
	tmp_cache_remove(f->dir, f->path, f->db);
	free(f->rss);
	free(f->atom);
	free(f);
	fetch_global_cleanup();
	return 0;
}

static struct poll *
start(struct fixture *f)
{
	struct poll_opts o;
	struct err e;
	struct poll *p;

	poll_opts_init(&o);
	o.download_articles = 0;
	p = poll_new(f->db, f->fl, &o, NULL, NULL, &e);
	if (p == NULL)
		fail_msg("poll_new: %s", e.msg);
	return p;
}

static void
test_poll_stores_every_feed(void **state)
{
	struct fixture *f = *state;
	struct poll *p = start(f);
	const struct poll_progress *pr;
	const char *const *lines;
	struct err e;

	assert_int_equal(poll_run(p, &e), 0);
	pr = poll_progress(p);
	assert_int_equal(pr->feeds_done, 2);
	assert_int_equal(pr->feeds_failed, 0);
	assert_int_equal(pr->items_new, 24);
	assert_int_equal(pr->finished, 1);
	assert_int_equal(poll_errors(p, &lines), 0);
	poll_free(p);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), 24);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items_fts"), 24);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feeds WHERE last_status = 'ok'"), 2);
}

/* `tidings remove` in another process while the poll runs: that feed's
 * entry fails a foreign key; the other feed of the batch is still stored. */
static void
test_feed_removed_meanwhile_is_skipped(void **state)
{
	struct fixture *f = *state;
	struct poll *p = start(f);
	const struct poll_progress *pr;
	const char *const *lines;
	sqlite3_stmt *st;
	struct err e;
	size_t n;

	st = db_prepare(f->db, "DELETE FROM feeds WHERE url = ?1", &e);
	assert_non_null(st);
	db_bind_text(st, 1, f->atom);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);

	assert_int_equal(poll_run(p, &e), 0);
	pr = poll_progress(p);
	assert_int_equal(pr->feeds_done, 2);
	assert_int_equal(pr->feeds_failed, 1);
	assert_int_equal(pr->items_new, 12);
	n = poll_errors(p, &lines);
	assert_int_equal(n, 1);
	if (strstr(lines[0], f->atom) == NULL || strstr(lines[0], "not stored") == NULL)
		fail_msg("error line '%s' does not name the feed", lines[0]);
	poll_free(p);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), 12);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items_fts"), 12);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feeds"), 1);
}

/* Write an RSS feed of n items whose guids all change with round. */
static void
write_churning_feed(const char *path, int round, int n)
{
	FILE *fp = fopen(path, "w");
	int i;

	assert_non_null(fp);
	fprintf(fp, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Churn</title>"
	    "<link>https://churn.example/</link>\n");
	for (i = 0; i < n; i++)
		fprintf(fp, "<item><title>Item %d</title><guid>round%d-%d</guid>"
		    "<link>https://churn.example/%d/%d</link>"
		    "<pubDate>Mon, 01 Jan 2024 %02d:%02d:00 GMT</pubDate></item>\n",
		    i, round, i, round, i, round, i % 60);
	fputs("</channel></rss>\n", fp);
	fclose(fp);
}

/*
 * Issue 15: a server that answers 200 with the document it sent last (no
 * ETag, no Last-Modified; here file:// feeds, which have neither) is seen
 * to have nothing new before the document is parsed: the feeds count as
 * unchanged, no item is touched, and the hash went in with the items.
 * Then a changed document is parsed and stored again.
 */
static void
test_same_document_again_is_not_parsed(void **state)
{
	struct fixture *f = *state;
	const struct poll_progress *pr;
	char *path = xasprintf("%s/same.xml", f->dir), *text;
	struct feedlist *fl;
	struct poll_opts o;
	struct poll *p;
	struct err e;
	int round;

	poll_opts_init(&o);
	o.download_articles = 0;
	text = xasprintf("file://%s\n%s\n", path, f->rss);
	fl = feedlist_parse(text, strlen(text), "feeds");
	free(text);
	write_churning_feed(path, 0, 5);
	for (round = 0; round < 3; round++) {
		if (round == 2)
			write_churning_feed(path, 1, 5);
		p = poll_new(f->db, fl, &o, NULL, NULL, &e);
		assert_non_null(p);
		assert_int_equal(poll_run(p, &e), 0);
		pr = poll_progress(p);
		assert_int_equal(pr->feeds_failed, 0);
		switch (round) {
		case 0:		/* first: everything new */
			assert_int_equal(pr->feeds_unchanged, 0);
			assert_int_equal(pr->items_new, 5 + 12);
			break;
		case 1:		/* the same documents: neither is parsed */
			assert_int_equal(pr->feeds_unchanged, 2);
			assert_int_equal(pr->items_new, 0);
			assert_int_equal(count(f->db, "SELECT count(*) FROM feeds "
			    "WHERE last_status = 'not modified'"), 2);
			break;
		case 2:		/* one changed: it is parsed, the other not */
			assert_int_equal(pr->feeds_unchanged, 1);
			assert_int_equal(pr->items_new, 5);
			break;
		}
		poll_free(p);
	}
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), 10 + 12);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items_fts"), 10 + 12);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feeds WHERE body_hash IS NULL"), 0);
	feedlist_free(fl);
	free(path);
}

/*
 * Issue 15: the same document again from a server that gzips (or deflates)
 * and sends no validators is found old news from the bytes as they came,
 * before anything is inflated (feeds_inflated stays 0); the first answer
 * is inflated and its items stored as the document says.
 */
static void
test_same_gzip_document_again_is_not_inflated(void **state)
{
	struct fixture *f = *state;
	const struct poll_progress *pr;
	struct feedlist *fl;
	struct poll_opts o;
	struct poll *p;
	struct err e;
	char *text;
	int round, v;

	poll_opts_init(&o);
	o.download_articles = 0;
	for (v = 0; v < 2; v++) {
		text = xasprintf("http://127.0.0.1:%ld/gzfeed?n=4&enc=%s&round=%d\n",
		    port, v == 0 ? "gzip" : "deflate", v);
		fl = feedlist_parse(text, strlen(text), "feeds");
		free(text);
		for (round = 0; round < 2; round++) {
			p = poll_new(f->db, fl, &o, NULL, NULL, &e);
			assert_non_null(p);
			assert_int_equal(poll_run(p, &e), 0);
			pr = poll_progress(p);
			assert_int_equal(pr->feeds_failed, 0);
			if (round == 0) {
				assert_int_equal(pr->feeds_inflated, 1);
				assert_int_equal(pr->feeds_unchanged, 0);
				assert_int_equal(pr->items_new, 4);
			} else {
				assert_int_equal(pr->feeds_inflated, 0);
				assert_int_equal(pr->feeds_unchanged, 1);
				assert_int_equal(pr->items_new, 0);
			}
			poll_free(p);
		}
		feedlist_free(fl);
	}
	assert_int_equal(count(f->db, "SELECT count(*) FROM items WHERE "
	    "(guid LIKE 'r0-%' AND summary_html LIKE 'round 0, item _') OR "
	    "(guid LIKE 'r1-%' AND summary_html LIKE 'round 1, item _')"), 8);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items_fts "
	    "WHERE items_fts MATCH 'round'"), 8);
}

/*
 * Item 19: a feed that changes every guid at every poll, polled with the
 * defaults the config gives: the cache stops growing at the default
 * max-items (the latest document's items always kept), and a starred item
 * of the first poll survives every later one.
 */
static void
test_default_retention_bounds_a_guid_churning_feed(void **state)
{
	struct fixture *f = *state;
	struct settings cfg;
	struct poll_opts o;
	struct feedlist *fl;
	struct poll *p;
	struct err e;
	char *path = xasprintf("%s/churn.xml", f->dir), *text;
	int round, total = 0;

	settings_init(&cfg);
	assert_true(cfg.max_items > 0);
	text = xasprintf("file://%s\n", path);
	fl = feedlist_parse(text, strlen(text), "feeds");
	free(text);
	for (round = 0; round < 6; round++) {
		write_churning_feed(path, round, 250);
		poll_opts_init(&o);
		o.download_articles = 0;
		o.max_items = cfg.max_items;	/* as tidings poll and the reader do */
		p = poll_new(f->db, fl, &o, NULL, NULL, &e);
		assert_non_null(p);
		assert_int_equal(poll_run(p, &e), 0);
		assert_int_equal(poll_progress(p)->items_new, 250);
		poll_free(p);
		if (round == 0)
			assert_int_equal(db_exec(f->db, "UPDATE items SET starred = 1 "
			    "WHERE guid = 'round0-0'", &e), 0);
		/* polls are minutes apart, not within one second: what this
		 * one saw was seen before the next one ran */
		assert_int_equal(db_exec(f->db, "UPDATE items SET last_seen = last_seen - 600",
		    &e), 0);
		total += 250;
	}
	assert_true(total > cfg.max_items);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), cfg.max_items + 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items WHERE guid = 'round0-0'"), 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items WHERE guid LIKE 'round5-%'"), 250);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items_fts"), cfg.max_items + 1);
	feedlist_free(fl);
	settings_release(&cfg);
	free(path);
}

/*
 * A feed of pages on the test server: ntrickle pages on each of the hosts
 * in slow (tarpits: 100 bytes, one every 500 ms), then nfast pages on
 * fast.localhost.  Returns a feeds list with the feed's file:// URL.
 */
static struct feedlist *
pages_feed(struct fixture *f, const char *const *slow, size_t nslow, int ntrickle, int nfast)
{
	char *path = xasprintf("%s/pages.xml", f->dir), *text;
	struct feedlist *fl;
	FILE *fp = fopen(path, "w");
	size_t h;
	int i, k = 0;

	assert_non_null(fp);
	fputs("<rss version=\"2.0\"><channel><title>Pages</title>\n", fp);
	for (h = 0; h < nslow; h++)
		for (i = 0; i < ntrickle; i++, k++)
			fprintf(fp, "<item><title>Slow %d</title><guid>s%d</guid><link>"
			    "http://%s:%ld/drip?n=100&amp;ms=500&amp;i=%d</link></item>\n",
			    k, k, slow[h], port, k);
	for (i = 0; i < nfast; i++)
		fprintf(fp, "<item><title>Fast %d</title><guid>f%d</guid><link>"
		    "http://fast.localhost:%ld/ok?i=%d</link></item>\n", i, i, port, i);
	fputs("</channel></rss>\n", fp);
	fclose(fp);
	text = xasprintf("file://%s\n", path);
	fl = feedlist_parse(text, strlen(text), "feeds");
	free(text);
	free(path);
	return fl;
}

static struct poll *
run_pages(struct fixture *f, struct feedlist *fl, long deadline_ms, long budget_ms)
{
	struct poll_opts o;
	struct poll *p;
	struct err e;

	poll_opts_init(&o);
	o.timeout_ms = 8000;
	o.articles_deadline_ms = deadline_ms;
	o.host_budget_ms = budget_ms;
	p = poll_new(f->db, fl, &o, NULL, NULL, &e);
	assert_non_null(p);
	assert_int_equal(poll_run(p, &e), 0);
	return p;
}

/* How many error lines of p contain s. */
static int
errors_with(struct poll *p, const char *s)
{
	const char *const *lines;
	size_t n = poll_errors(p, &lines), i;
	int k = 0;

	for (i = 0; i < n; i++)
		k += strstr(lines[i], s) != NULL;
	return k;
}

/*
 * Item 17: tarpits on three hosts cannot hold a poll past its deadline for
 * article pages: what is left is dropped, not counted as an attempt, and
 * waits for the next poll; the fast host's pages are stored.  (Without the
 * deadline: 8 s of timeouts and six failed pages.)
 */
static void
test_articles_stop_at_the_deadline(void **state)
{
	struct fixture *f = *state;
	static const char *const slow[] = { "a.localhost", "b.localhost", "c.localhost" };
	struct feedlist *fl = pages_feed(f, slow, 3, 2, 2);
	struct poll *p = run_pages(f, fl, 1500, 0);
	const struct poll_progress *pr = poll_progress(p);
	struct err e;
	int backlog;

	assert_int_equal(pr->articles_total, 8);
	assert_int_equal(pr->articles_skipped, 6);
	assert_int_equal(pr->articles_failed, 0);
	assert_int_equal(errors_with(p, "ran out; 6 left for the next poll"), 1);
	poll_free(p);
	assert_int_equal(count(f->db, "SELECT count(*) FROM articles"), 2);
	assert_int_equal(articles_backlog(f->db, &backlog, &e), 0);
	assert_int_equal(backlog, 6);
	feedlist_free(fl);
}

/*
 * ... and a tarpit host is skipped once its pages have used its time
 * budget, named once, while another host's pages are stored.  The two
 * pages that ran count as failed tries (a tarpit is given up after three
 * polls); the four that never started wait for the next poll.
 */
static void
test_slow_host_is_skipped_until_the_next_poll(void **state)
{
	struct fixture *f = *state;
	static const char *const slow[] = { "tarpit.localhost" };
	struct feedlist *fl = pages_feed(f, slow, 1, 6, 2);
	struct poll *p = run_pages(f, fl, 0, 1000);
	const struct poll_progress *pr = poll_progress(p);
	char host[64];

	assert_int_equal(pr->articles_total, 8);
	assert_int_equal(pr->articles_skipped, 4);
	assert_int_equal(pr->articles_failed, 2);
	snprintf(host, sizeof host, "tarpit.localhost:%ld: skipped until the next poll", port);
	assert_int_equal(errors_with(p, host), 1);
	assert_int_equal(errors_with(p, "drip"), 0);
	poll_free(p);
	assert_int_equal(count(f->db, "SELECT count(*) FROM articles a JOIN items i "
	    "ON i.id = a.item_id WHERE i.url LIKE '%fast.localhost%'"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM articles a JOIN items i "
	    "ON i.id = a.item_id WHERE i.url LIKE '%tarpit%' AND a.status = 'failed' "
	    "AND a.attempts = 1"), 2);
	feedlist_free(fl);
}

/* Write text (UTF-8) to path as UTF-32, big- or little-endian, with or
 * without a BOM. */
static void
write_utf32(const char *path, const char *text, int be, int bom)
{
	FILE *fp = fopen(path, "wb");
	size_t i = 0, n = strlen(text), k;
	uint32_t cp;
	unsigned char u[4];

	assert_non_null(fp);
	for (cp = 0xfeff; i <= n; ) {
		if (bom || cp != 0xfeff) {
			for (k = 0; k < 4; k++)
				u[be ? 3 - k : k] = (unsigned char)(cp >> (8 * k));
			assert_int_equal(fwrite(u, 1, 4, fp), 4);
		}
		if (i == n)
			break;
		i += text_decode(text + i, n - i, &cp);
	}
	fclose(fp);
}

/*
 * Item 21: UTF-32 feeds, whatever their form, are read (libxml2 reported
 * the BOM-led ones as empty documents), never stored as "ok" without
 * their items.
 */
static void
test_utf32_feeds_are_read(void **state)
{
	struct fixture *f = *state;
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"UTF-32\"?>"
	    "<rss version=\"2.0\"><channel><title>Tr\xc3\xa8s 32</title>"
	    "<item><title>Caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0</title><guid>1</guid></item>"
	    "</channel></rss>";
	static const struct { int be, bom; } forms[] = { { 0, 1 }, { 1, 1 }, { 0, 0 }, { 1, 0 } };
	struct feedlist *fl;
	struct poll_opts o;
	struct poll *p;
	struct err e;
	char *text = xstrdup(""), *path, *t;
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		path = xasprintf("%s/utf32-%zu.xml", f->dir, i);
		write_utf32(path, doc, forms[i].be, forms[i].bom);
		t = xasprintf("%sfile://%s\n", text, path);
		free(text);
		text = t;
		free(path);
	}
	fl = feedlist_parse(text, strlen(text), "feeds");
	free(text);
	poll_opts_init(&o);
	o.download_articles = 0;
	p = poll_new(f->db, fl, &o, NULL, NULL, &e);
	assert_non_null(p);
	assert_int_equal(poll_run(p, &e), 0);
	assert_int_equal(poll_progress(p)->feeds_failed, 0);
	poll_free(p);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feeds WHERE last_status = 'ok' "
	    "AND title = 'Tr\xc3\xa8s 32'"), 4);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items "
	    "WHERE title = 'Caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0'"), 4);
	feedlist_free(fl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_poll_stores_every_feed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_removed_meanwhile_is_skipped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_default_retention_bounds_a_guid_churning_feed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf32_feeds_are_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_gzip_document_again_is_not_inflated,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_document_again_is_not_parsed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_articles_stop_at_the_deadline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slow_host_is_skipped_until_the_next_poll,
		    setup, teardown),
	};

	char dir[64];
	int rc;

	/* the test server is on the loopback: no proxy */
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	snprintf(dir, sizeof dir, "/tmp/test_poll_www.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	port = httpd_child_start(dir, "test_poll");
	rc = port < 0 ? 1 : cmocka_run_group_tests(tests, NULL, NULL);
	httpd_child_stop();
	rmdir(dir);
	return rc;
}
