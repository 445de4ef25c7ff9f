/*
 * Unit tests for the item counts the cache keeps a feed (schema 7:
 * feeds.n_total, n_unread, n_pending): after every way the program
 * changes items, the kept counts must equal a fresh count(*) of the
 * items, and what feeds_list, views_feeds and articles_backlog report
 * must be those counts.  Real SQLite files in a temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/db_priv.h"	/* white-box: raw SQL on the cache */
#include "store/feeds.h"
#include "store/items.h"
#include "store/views.h"
#include "util/xalloc.h"
#include "cache_count.h"
#include "downgrade.h"
#include "kept_counts.h"
#include "tmp_cache.h"

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	*state = f;
	return tmp_cache_open(f->dir, sizeof f->dir, "counts", &f->path, NULL);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tmp_cache_remove(f->dir, f->path, NULL);
	free(f);
	return 0;
}

static struct item
mkitem(const char *guid, const char *link, time_t published)
{
	struct item it;

	memset(&it, 0, sizeof it);
	it.guid = (char *)guid;
	it.title = (char *)guid;
	it.link = (char *)link;
	it.published = published;
	return it;
}

static int64_t
item_id(struct db *db, const char *guid)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM items WHERE guid = ?1", NULL);
	int64_t id;

	assert_non_null(st);
	db_bind_text(st, 1, guid);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static void
store(struct db *db, int64_t feed, const struct item *items, size_t n, time_t now)
{
	struct err e;

	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, feed, "F", items, NULL, n, now, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
}

static void
article(struct db *db, const char *guid, enum article_status status)
{
	struct article_in a = { 0 };
	struct err e;

	a.status = status;
	a.text = status == ARTICLE_OK ? "the page" : NULL;
	a.fetched_at = 5000;
	assert_int_equal(articles_store(db, item_id(db, guid), &a, &e), 0);
}

#define NOW 1700000000
#define DAY 86400

/*
 * Every way tidings changes items, each followed by the check: polls
 * storing and updating (links that start and stop being fetchable, a
 * store rolled back), read changes one by one, by feed, up to an id and
 * by raw SQL as import-newsboat and the filters write them, article
 * attempts (ok, short, failed up to the last attempt, on a page that is
 * no http link, inside a caller's transaction), retention (max-items,
 * keep-articles-days, items_retain), delete-article and
 * delete-all-articles, delete-read-articles-on-quit, a deleted item's
 * guid coming back, a feed removed, unlisted feeds hidden and cleaned up.
 */
static void
test_kept_counts_follow_every_change(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	const char *listed[] = { "https://a.example/feed", "https://c.example/feed" };
	struct item a[7], b[4], c[3];
	int64_t fa, fb, fc;
	int n;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://a.example/feed", &fa, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://b.example/feed", &fb, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://c.example/feed", &fc, &e), 0);
	check_counts(db, "new feeds");

	a[0] = mkitem("a0", "https://a.example/0", NOW - 1 * DAY);
	a[1] = mkitem("a1", "HTTP://A.EXAMPLE/1", NOW - 2 * DAY);	/* LIKE folds case */
	a[2] = mkitem("a2", "ftp://a.example/2", NOW - 3 * DAY);
	a[3] = mkitem("a3", NULL, NOW - 4 * DAY);
	a[4] = mkitem("a4", "http://a.example/4", NOW - 5 * DAY);
	a[5] = mkitem("a5", "https://a.example/5", NOW - 6 * DAY);
	b[0] = mkitem("b0", "https://b.example/0", NOW - 1 * DAY);
	b[1] = mkitem("b1", "https://b.example/1", NOW - 10 * DAY);
	b[2] = mkitem("b2", "mailto:x@b.example", NOW - 20 * DAY);
	b[3] = mkitem("b3", "https://b.example/3", NOW - 30 * DAY);
	c[0] = mkitem("c0", "https://c.example/0", NOW - 1 * DAY);
	c[1] = mkitem("c1", "https://c.example/1", NOW - 2 * DAY);
	c[2] = mkitem("c2", "https://c.example/2", NOW - 3 * DAY);
	store(db, fa, a, 6, NOW);
	store(db, fb, b, 4, NOW);
	store(db, fc, c, 3, NOW);
	check_counts(db, "items_store of new items");
	assert_int_equal(count(db, "SELECT sum(n_total) * 1000 + sum(n_pending) FROM feeds"),
	    13 * 1000 + 10);

	/* the same items again: links changed both ways, one new, one unchanged */
	a[2].link = (char *)"https://a.example/2";	/* now fetchable */
	a[5].link = (char *)"https://a.example/5b";	/* fetchable still */
	a[6] = mkitem("a6", "https://a.example/6", NOW - 7 * DAY);
	store(db, fa, a, 7, NOW + 60);
	check_counts(db, "items_store: a link becomes fetchable");
	a[4].link = NULL;				/* no longer */
	store(db, fa, a, 7, NOW + 90);
	check_counts(db, "items_store: a link stops being fetchable");
	store(db, fa, a, 7, NOW + 120);
	check_counts(db, "items_store of an unchanged document");

	assert_int_equal(db_begin(db, &e), 0);
	{
		struct item gone = mkitem("b9", "https://b.example/9", NOW);

		assert_int_equal(items_store(db, fb, "F", &gone, NULL, 1, NOW, NULL, &e), 0);
	}
	db_rollback(db);
	check_counts(db, "an items_store rolled back (a poll killed mid-batch)");

	assert_int_equal(items_set_read(db, item_id(db, "a0"), 1, &e), 0);
	assert_int_equal(items_set_read(db, item_id(db, "a0"), 1, &e), 0);
	assert_int_equal(items_set_read(db, item_id(db, "a1"), 1, &e), 0);
	assert_int_equal(items_set_read(db, item_id(db, "a1"), 0, &e), 0);
	assert_int_equal(items_set_read(db, item_id(db, "b3"), 1, &e), 0);
	check_counts(db, "items_set_read");
	assert_int_equal(items_set_starred(db, item_id(db, "a5"), 1, &e), 0);
	assert_int_equal(items_set_starred(db, item_id(db, "b1"), 1, &e), 0);
	check_counts(db, "items_set_starred");
	assert_int_equal(items_mark_read_upto(db, fb, item_id(db, "b1"), &e), 0);
	check_counts(db, "items_mark_read_upto");
	assert_int_equal(items_mark_feed_read(db, fc, &e), 0);
	check_counts(db, "items_mark_feed_read");
	/* import-newsboat's and the filters' own UPDATEs of read */
	assert_int_equal(db_exec(db, "UPDATE items SET read = max(read, 1) WHERE guid = 'a6'; "
	    "UPDATE items SET read = 0 WHERE feed_id = 3 AND guid != 'c2'", &e), 0);
	check_counts(db, "read written by other statements");
	assert_true(count(db, "SELECT sum(n_unread) FROM feeds") > 0);
	assert_true(count(db, "SELECT sum(n_unread) FROM feeds") <
	    count(db, "SELECT sum(n_total) FROM feeds"));

	article(db, "a0", ARTICLE_OK);
	check_counts(db, "an article fetched");
	article(db, "a1", ARTICLE_SHORT);
	article(db, "a2", ARTICLE_FAILED);
	check_counts(db, "an article failed once (still to fetch)");
	article(db, "a2", ARTICLE_FAILED);
	article(db, "a2", ARTICLE_FAILED);
	check_counts(db, "an article failed for the last time");
	article(db, "a3", ARTICLE_FAILED);	/* no link: never counted */
	article(db, "a0", ARTICLE_OK);		/* fetched again */
	check_counts(db, "articles_store on items not pending");
	assert_int_equal(db_begin(db, &e), 0);
	article(db, "c0", ARTICLE_OK);
	article(db, "c1", ARTICLE_FAILED);
	assert_int_equal(db_commit(db, &e), 0);
	check_counts(db, "articles_store in the caller's transaction");
	/* a fetched article's item whose link then changes stays fetched */
	a[0].link = (char *)"https://a.example/0-moved";
	store(db, fa, a, 7, NOW + 180);
	check_counts(db, "a fetched item's link changed");

	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_prune(db, fa, 4, 0, NOW + 240, NULL, &e), 0);
	assert_int_equal(items_prune(db, fb, 0, 15, NOW + 240, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	check_counts(db, "items_prune (max-items, keep-articles-days)");
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_retain(db, fc, 1, NOW + 1, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	check_counts(db, "items_retain");
	assert_int_equal(count(db, "SELECT n_total FROM feeds WHERE id = 3"), 1);

	store(db, fb, b, 4, NOW + 300);		/* the pruned ones come back */
	check_counts(db, "items_store after retention");
	assert_int_equal(items_delete(db, item_id(db, "b0"), 0, 0, &e), 0);
	check_counts(db, "delete-article");
	store(db, fb, b, 4, NOW + 360);		/* b0 stays deleted */
	check_counts(db, "a deleted item's guid polled again");
	assert_int_equal(items_delete(db, 0, fb, 1, &e), 0);
	check_counts(db, "delete-all-articles keeping starred");
	assert_int_equal(count(db, "SELECT n_total FROM feeds WHERE id = 2"), 1);
	assert_int_equal(items_delete_read(db, &n, &e), 0);
	assert_true(n > 0);
	check_counts(db, "delete-read-articles-on-quit");

	assert_int_equal(feeds_sync_listed(db, listed, 2, &e), 0);
	check_counts(db, "a feed taken out of the feeds file (hidden)");
	assert_int_equal(feeds_delete(db, "https://c.example/feed", &e), 0);
	check_counts(db, "tidings remove");
	{
		int feeds, items, starred;

		assert_int_equal(feeds_delete_unlisted(db, 1, &feeds, &items, &starred, &e), 1);
		assert_int_equal(feeds, 1);
	}
	check_counts(db, "tidings cleanup");
	assert_true(count(db, "SELECT n_total FROM feeds WHERE id = 1") > 0);
	assert_int_equal(count(db, "SELECT count(*) FROM feeds"), 1);
	db_close(db);
}

/*
 * feeds_recount (tidings cleanup) puts wrong counts right and says how
 * many feeds had them; a second run finds none.
 */
static void
test_recount_puts_wrong_counts_right(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct item it[2];
	int64_t fa, fb;
	int fixed = -1;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://a.example/feed", &fa, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://b.example/feed", &fb, &e), 0);
	it[0] = mkitem("x", "https://a.example/x", NOW);
	it[1] = mkitem("y", NULL, NOW);
	store(db, fa, it, 2, NOW);
	store(db, fb, it, 2, NOW);
	assert_int_equal(db_exec(db, "UPDATE feeds SET n_total = 7, n_unread = -3, "
	    "n_pending = 40 WHERE id = 1", &e), 0);
	assert_int_equal(feeds_recount(db, &fixed, &e), 0);
	assert_int_equal(fixed, 1);
	check_counts(db, "feeds_recount");
	assert_int_equal(count(db, "SELECT n_total * 100 + n_unread * 10 + n_pending FROM feeds "
	    "WHERE id = 1"), 221);
	assert_int_equal(feeds_recount(db, &fixed, &e), 0);
	assert_int_equal(fixed, 0);
	db_close(db);
}

/*
 * A schema-9 cache (before the kept counts) opens as schema 10 with its
 * counts made from its items, read and starred state untouched, and the
 * counts followed from then on.
 */
static void
test_schema_9_cache_gets_its_counts(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);

	assert_non_null(db);
	assert_int_equal(db_exec(db, DOWNGRADE_TO_9 "PRAGMA user_version = 9; "
	    "INSERT INTO feeds(id, url) VALUES (4, 'https://a.example/'), "
	    "(5, 'https://b.example/'), (6, 'https://empty.example/'); "
	    "INSERT INTO items(id, feed_id, guid, url, read, starred) VALUES "
	    "(1, 4, 'a', 'https://a.example/1', 1, 0), (2, 4, 'b', 'http://a.example/2', 0, 1), "
	    "(3, 4, 'c', NULL, 0, 0), (4, 5, 'd', 'https://b.example/4', 1, 1), "
	    "(5, 5, 'e', 'https://b.example/5', 0, 0); "
	    "INSERT INTO articles(item_id, status, attempts) VALUES (1, 'ok', 1), "
	    "(4, 'failed', 3), (5, 'failed', 1)", &e), 0);
	db_close(db);

	db = db_open(f->path, 0, &e);
	assert_non_null(db);
	assert_int_equal(count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	check_counts(db, "the migration from schema 9");
	assert_int_equal(count(db, "SELECT group_concat(n_total || '/' || n_unread || '/' || "
	    "n_pending, ' ') = '3/2/1 2/1/1 0/0/0' FROM (SELECT * FROM feeds ORDER BY id)"), 1);
	assert_int_equal(count(db, "SELECT group_concat(read || starred, ' ') = "
	    "'10 01 00 11 00' FROM (SELECT * FROM items ORDER BY id)"), 1);
	assert_int_equal(items_set_read(db, 3, 1, &e), 0);
	assert_int_equal(items_delete(db, 2, 0, 0, &e), 0);
	check_counts(db, "changes after the migration");
	db_close(db);
}

/* items_store_flags of n items in its own transaction */
static void
store_flags(struct db *db, int64_t feed, const struct item *items, size_t n, time_t now,
    int flags)
{
	struct err e;

	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store_flags(db, feed, "F", items, NULL, n, now, flags, NULL, &e),
	    0);
	assert_int_equal(db_commit(db, &e), 0);
}

/*
 * reset-unread-on-update (ITEMS_RESET_UNREAD): of a read feed's items,
 * those whose summary or content changed are unread again, those whose
 * title or date alone changed and the unchanged ones stay read, stars
 * stay; a feed stored without the flag keeps every read state; the kept
 * unread counts follow.
 */
static void
test_reset_unread_on_update(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct item a[5], b[1];
	int64_t fa, fb;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://a.example/feed", &fa, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://b.example/feed", &fb, &e), 0);
	a[0] = mkitem("summary", "https://a.example/0", NOW - 1 * DAY);
	a[1] = mkitem("content", "https://a.example/1", NOW - 2 * DAY);
	a[2] = mkitem("title", "https://a.example/2", NOW - 3 * DAY);
	a[3] = mkitem("same", "https://a.example/3", NOW - 4 * DAY);
	a[4] = mkitem("starred", "https://a.example/4", NOW - 5 * DAY);
	a[0].summary = a[2].summary = a[3].summary = a[4].summary = (char *)"<p>old</p>";
	a[1].content = (char *)"<p>old</p>";
	b[0] = mkitem("other", "https://b.example/0", NOW - 1 * DAY);
	b[0].summary = (char *)"<p>old</p>";
	store_flags(db, fa, a, 5, NOW, ITEMS_RESET_UNREAD);
	store(db, fb, b, 1, NOW);
	assert_int_equal(items_mark_feed_read(db, 0, &e), 0);
	assert_int_equal(items_set_starred(db, item_id(db, "starred"), 1, &e), 0);
	check_counts(db, "everything read");

	a[0].summary = (char *)"<p>new</p>";
	a[1].content = (char *)"<p>new</p>";
	a[2].title = (char *)"a new title";
	a[2].published = NOW;
	a[4].summary = NULL;
	b[0].summary = (char *)"<p>new</p>";
	store_flags(db, fa, a, 5, NOW + 60, ITEMS_RESET_UNREAD);
	store(db, fb, b, 1, NOW + 60);
	check_counts(db, "changed items stored with and without ITEMS_RESET_UNREAD");
	assert_int_equal(count(db, "SELECT group_concat(guid || '=' || read || starred, ' ') "
	    "= 'summary=00 content=00 title=10 same=10 starred=01 other=10' "
	    "FROM (SELECT * FROM items ORDER BY id)"), 1);
	assert_int_equal(count(db, "SELECT group_concat(n_unread, ' ') = '3 0' "
	    "FROM (SELECT * FROM feeds ORDER BY id)"), 1);

	/* read again, the same document again: nothing changed, read stays */
	assert_int_equal(items_mark_feed_read(db, fa, &e), 0);
	store_flags(db, fa, a, 5, NOW + 120, ITEMS_RESET_UNREAD);
	check_counts(db, "an unchanged document with ITEMS_RESET_UNREAD");
	assert_int_equal(count(db, "SELECT sum(read = 0) FROM items"), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kept_counts_follow_every_change, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recount_puts_wrong_counts_right, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_schema_9_cache_gets_its_counts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reset_unread_on_update, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
