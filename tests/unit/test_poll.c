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

#include "app/poll.h"
#include "feed/feedlist.h"
#include "net/fetch.h"
#include "store/db.h"
#include "util/xalloc.h"
#include "cache_count.h"

struct fixture {
	char dir[64];
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
	snprintf(f->dir, sizeof f->dir, "/tmp/test_poll.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	f->db = db_open(f->path, 0, &e);
	if (f->db == NULL)
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
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	feedlist_free(f->fl);
	db_close(f->db);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	free(f->path);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_poll_stores_every_feed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_removed_meanwhile_is_skipped, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
