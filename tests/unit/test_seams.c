/*
 * Unit tests where merged features meet (the review after session 6):
 * a feed server's items, read and starred changes, retention and
 * dropped subscriptions (store/sync) against the kept feed counts
 * (schema 10, kept_counts.h) and the kept query-feed counts (filter_gen,
 * store/filter_count.c), and against the journal of local changes.
 * Real SQLite files in a temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter.h"
#include "store/db.h"
#include "store/filter.h"
#include "store/sync.h"
#include "util/xalloc.h"
#include "cache_count.h"
#include "kept_counts.h"
#include "tmp_cache.h"

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
	struct db *db;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	*state = f;
	return tmp_cache_open(f->dir, sizeof f->dir, "seams", &f->path, &f->db);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tmp_cache_remove(f->dir, f->path, f->db);
	free(f);
	return 0;
}

#define NOW 1700000000

/* Query feeds' expressions whose counts the cache keeps. */
static const char *const exprs[] = {
	"unread = \"yes\"",
	"flags # \"s\" or unread = \"no\"",
	"tags # \"Tech\"",
	"title =~ \"o\"",
};

/* Fail, naming the step, unless each expression's count (kept, or made
 * and kept now) is what a count with no kept counts gives. */
static void
check_filter_counts(struct db *db, const char *step)
{
	size_t i;

	for (i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
		struct filter_scope s = { 0 };
		struct err e;
		int u1, t1, u2, t2;

		s.match = filter_parse(exprs[i], &e);
		assert_non_null(s.match);
		s.now = NOW;
		assert_int_equal(filter_sql_count(db, &s, &u1, &t1, &e), 0);
		assert_int_equal(db_exec(db, "DELETE FROM filter_counts", &e), 0);
		assert_int_equal(filter_sql_count(db, &s, &u2, &t2, &e), 0);
		if (u1 != u2 || t1 != t2)
			fail_msg("after %s: %s kept %d unread of %d, counted %d of %d", step,
			    exprs[i], u1, t1, u2, t2);
		/* kept again for the next step */
		assert_int_equal(filter_sql_count(db, &s, &u1, &t1, &e), 0);
		filter_free((struct filter *)s.match);
	}
}

static void
check_all(struct db *db, const char *step)
{
	check_counts(db, step);
	check_filter_counts(db, step);
}

static struct sync_item_in
mk(const char *remote, const char *feed, const char *title, int read, int starred,
    time_t published)
{
	struct sync_item_in it;

	memset(&it, 0, sizeof it);
	it.remote = remote;
	it.feed_remote = feed;
	it.item.title = (char *)title;
	it.item.link = (char *)"https://s.example/page";
	it.item.published = published;
	it.read = read;
	it.starred = starred;
	return it;
}

static int64_t
synced_id(struct db *db, const char *remote)
{
	char *sql = xasprintf("SELECT item_id FROM sync_items WHERE remote = '%s'", remote);
	int id = count(db, sql);

	free(sql);
	return id;
}

/*
 * A feed server's every way of changing items, each followed by the
 * checks: items arriving (new, read, starred, the same again, one moved
 * to another feed), the server's read and starred state, local changes
 * (journaled), retention of synced feeds, a subscription dropped,
 * delete-read-articles-on-quit and cleanup.
 */
static void
test_sync_keeps_counts(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->db;
	struct sync_feed_in feeds[] = {
		{ "1", "https://s.example/a.xml", "A", "Tech" },
		{ "2", "https://s.example/b.xml", "B", NULL },
	};
	struct sync_item_in it[6];
	struct err e;
	int added, orphans, changed, n, i;

	assert_int_equal(sync_cache_feeds(db, feeds, 2, NOW, &e), 0);
	check_all(db, "the server's subscriptions");
	it[0] = mk("11", "1", "one", 0, 0, NOW - 50);
	it[1] = mk("12", "1", "two", 1, 0, NOW - 40);
	it[2] = mk("13", "1", "three", 1, 1, NOW - 30);
	it[3] = mk("21", "2", "four", 0, 1, NOW - 20);
	it[4] = mk("22", "2", "five", 0, 0, NOW - 10);
	it[5] = mk("99", "9", "orphan", 0, 0, NOW);
	assert_int_equal(sync_cache_items(db, it, 6, NOW, 0, 0, &added, &orphans, &e), 0);
	assert_int_equal(added, 5);
	check_all(db, "items from the server");
	assert_int_equal(count(db, "SELECT sum(n_unread) FROM feeds"), 3);
	/* the same again, with other flags and titles */
	it[0].read = 1;
	it[1].item.title = (char *)"two, retitled";
	it[3].starred = 0;
	assert_int_equal(sync_cache_items(db, it, 6, NOW, 0, 0, &added, &orphans, &e), 0);
	assert_int_equal(added, 0);
	check_all(db, "the same items again, flags and a title changed");
	/* the server moved one to the other feed */
	{
		struct sync_item_in moved = mk("22", "1", "five, moved", 0, 0, NOW - 10);

		assert_int_equal(sync_cache_items(db, &moved, 1, NOW, 0, 0, &added, &orphans,
		    &e), 0);
	}
	check_all(db, "an item moved to another feed");

	{
		char u1[] = "12", u2[] = "21", s1[] = "11";
		char *unread[] = { u1, u2 }, *starred[] = { s1 };

		assert_int_equal(sync_cache_state(db, unread, 2, starred, 1, &changed, &e), 0);
		assert_true(changed > 0);
	}
	check_all(db, "the server's read and starred state");
	assert_int_equal(count(db, "SELECT count(*) FROM sync_journal"), 0);

	assert_int_equal(items_set_read(db, synced_id(db, "12"), 1, &e), 0);
	assert_int_equal(items_set_starred(db, synced_id(db, "13"), 0, &e), 0);
	check_all(db, "read and starred here");
	assert_int_equal(items_mark_feed_read(db, 0, &e), 0);
	check_all(db, "mark-all-read");
	assert_true(count(db, "SELECT count(*) FROM sync_journal WHERE field = 'read'") >= 2);

	/* retention of synced feeds: max-items 1 */
	for (i = 0; i < 5; i++)
		it[i].read = 0;
	assert_int_equal(sync_cache_items(db, it, 5, NOW, 1, 0, &added, &orphans, &e), 0);
	check_all(db, "retention of synced feeds");

	/* the server drops b; delete-read-articles-on-quit; cleanup */
	assert_int_equal(sync_cache_feeds(db, feeds, 1, NOW + 60, &e), 0);
	check_all(db, "a subscription dropped");
	assert_int_equal(items_mark_feed_read(db, 0, &e), 0);
	assert_int_equal(items_delete_read(db, &n, &e), 0);
	assert_true(n > 0);
	check_all(db, "delete-read-articles-on-quit");
	{
		int nf, ni, ns;

		assert_int_equal(feeds_delete_unlisted(db, 1, &nf, &ni, &ns, &e), 1);
		assert_int_equal(nf, 1);
	}
	check_all(db, "cleanup of the dropped subscription");
	assert_int_equal(count(db, "SELECT count(*) FROM feeds"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sync_keeps_counts, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
