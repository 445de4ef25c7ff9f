/* Unit tests for store/views, the reader's paging queries, on a real cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/feeds.h"
#include "store/items.h"
#include "store/views.h"
#include "util/xalloc.h"
#include "seed_items.h"
#include "tmp_cache.h"

#define BASE_TIME SEED_ITEMS_TIME
#define NA 40			/* items of feed A, at even minutes */
#define NB 10			/* items of feed B, at odd minutes between them */

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
	struct db *db;
	int64_t feed_a, feed_b, feed_c;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char tnews[] = "news", ttech[] = "tech";
	char *news[] = { tnews }, *both[] = { ttech, tnews };
	struct err e;

	if (tmp_cache_open(f->dir, sizeof f->dir, "store-views", &f->path, &f->db) < 0)
		return -1;
	assert_int_equal(feeds_ensure(f->db, "https://a.example/feed", &f->feed_a, &e), 0);
	assert_int_equal(feeds_ensure(f->db, "https://b.example/feed", &f->feed_b, &e), 0);
	assert_int_equal(feeds_ensure(f->db, "https://c.example/feed", &f->feed_c, &e), 0);
	assert_int_equal(feeds_set_tags(f->db, "https://a.example/feed", news, 1, &e), 0);
	assert_int_equal(feeds_set_tags(f->db, "https://b.example/feed", both, 2, &e), 0);
	seed_items(f->db, f->feed_a, "A", NA, 120, 0);
	seed_items(f->db, f->feed_b, "B", NB, 120, 60);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tmp_cache_remove(f->dir, f->path, f->db);
	free(f);
	return 0;
}

static void
test_views_feeds_counts_and_tags(void **state)
{
	struct fixture *f = *state;
	struct views_feed *rows;
	struct feed_poll_result res = { .status = FEEDS_HTTP_ERROR, .http_code = 404, .error = "gone", .failed = 1 };
	char **tags;
	size_t n, ntags;
	int64_t max;
	struct err e;

	assert_int_equal(items_set_read(f->db, 1, 1, &e), 0);
	assert_int_equal(feeds_record_poll(f->db, f->feed_b, &res, &e), 0);
	assert_int_equal(views_feeds(f->db, &rows, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].id, f->feed_a);
	assert_int_equal(rows[0].total, NA);
	assert_int_equal(rows[0].unread, NA - 1);
	assert_string_equal(rows[0].tags, "news");
	assert_false(rows[0].failed);
	assert_null(rows[0].last_error);
	assert_int_equal(rows[1].total, NB);
	assert_true(rows[1].failed);
	assert_string_equal(rows[1].last_error, "gone");
	/* no title yet: the URL stands in; no items, no tags */
	assert_string_equal(rows[2].title, "https://c.example/feed");
	assert_string_equal(rows[2].url, "https://c.example/feed");
	assert_null(rows[2].tags);
	assert_int_equal(rows[2].total, 0);
	views_free_feeds(rows, n);

	assert_int_equal(views_tags(f->db, &tags, &ntags, &e), 0);
	assert_int_equal(ntags, 2);
	assert_string_equal(tags[0], "news");
	assert_string_equal(tags[1], "tech");
	views_free_strings(tags, ntags);

	assert_int_equal(views_max_item_id(f->db, &max, &e), 0);
	assert_int_equal(max, NA + NB);
}

static void
test_views_empty_cache(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/empty.db", f->dir);
	struct db *db;
	int64_t max = -1;
	int count = -1;
	struct items_query q = { 0 };
	struct err e;

	db = db_open(path, 0, &e);
	assert_non_null(db);
	assert_int_equal(views_max_item_id(db, &max, &e), 0);
	assert_int_equal(max, 0);
	assert_int_equal(views_count(db, &q, &count, &e), 0);
	assert_int_equal(count, 0);
	db_close(db);
	free(path);
}

/* The page of each list, newest first, against items_list's (the CLI's). */
static void
test_views_items_match_items_list(void **state)
{
	struct fixture *f = *state;
	static const struct { int64_t feed; int unread, starred; const char *tag; } cases[] = {
		{ 0, 0, 0, NULL }, { 1, 0, 0, NULL }, { 2, 0, 0, NULL }, { 0, 1, 0, NULL },
		{ 0, 0, 1, NULL }, { 0, 0, 0, "tech" }, { 0, 1, 0, "news" }, { 3, 0, 0, NULL },
	};
	size_t k, i;
	struct err e;

	for (i = 1; i <= 12; i += 3)
		assert_int_equal(items_set_read(f->db, (int64_t)i, 1, &e), 0);
	assert_int_equal(items_set_starred(f->db, 45, 1, &e), 0);
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct items_query q = { .feed_id = cases[k].feed, .unread_only = cases[k].unread,
		    .starred_only = cases[k].starred, .tag = cases[k].tag };
		struct item_row *want, *got;
		size_t nwant, ngot;
		int count, cli;

		assert_int_equal(items_list(f->db, &q, &want, &nwant, &e), 0);
		assert_int_equal(items_count(f->db, &q, &cli, &e), 0);
		assert_int_equal(views_count(f->db, &q, &count, &e), 0);
		if (count != cli)
			fail_msg("case %zu: %d counted, items_count says %d", k, count, cli);
		assert_int_equal(views_items(f->db, &q, 0, 0, -1, &got, &ngot, &e), 0);
		if (ngot != nwant)
			fail_msg("case %zu: %zu rows, items_list has %zu", k, ngot, nwant);
		for (i = 0; i < ngot; i++) {
			assert_int_equal(got[i].id, want[i].id);
			assert_int_equal(got[i].feed_id, want[i].feed_id);
			assert_string_equal(got[i].title, want[i].title);
			assert_string_equal(got[i].feed_title, want[i].feed_title);
			assert_int_equal(got[i].read, want[i].read);
			assert_int_equal(got[i].starred, want[i].starred);
		}
		items_free_rows(want, nwant);
		items_free_rows(got, ngot);
	}
}

/* A page deep in the list (read from the oldest end) is the same page. */
static void
test_views_deep_pages(void **state)
{
	struct fixture *f = *state;
	struct items_query q = { 0 };
	struct item_row *a, *b;
	size_t na, nb, i;
	int offsets[] = { 0, 20, 26, 30, 41, 45, 49 }, k, total;
	struct err e;

	assert_int_equal(views_count(f->db, &q, &total, &e), 0);
	assert_int_equal(total, NA + NB);
	for (k = 0; k < (int)(sizeof offsets / sizeof offsets[0]); k++) {
		assert_int_equal(views_items(f->db, &q, offsets[k], 7, -1, &a, &na, &e), 0);
		assert_int_equal(views_items(f->db, &q, offsets[k], 7, total, &b, &nb, &e), 0);
		if (na != nb || na == 0)
			fail_msg("offset %d: %zu rows vs %zu", offsets[k], na, nb);
		for (i = 0; i < na; i++)
			if (a[i].id != b[i].id)
				fail_msg("offset %d row %zu differs", offsets[k], i);
		items_free_rows(a, na);
		items_free_rows(b, nb);
	}
	assert_int_equal(views_items(f->db, &q, total, 7, total, &b, &nb, &e), 0);
	assert_int_equal(nb, 0);
	items_free_rows(b, nb);
}

static void
test_views_position_and_next_unread(void **state)
{
	struct fixture *f = *state;
	struct items_query q = { .feed_id = 0 };
	struct item_row *rows;
	size_t n;
	int64_t found = 0;
	int pos = -1;
	struct err e;

	q.feed_id = f->feed_b;
	assert_int_equal(views_items(f->db, &q, 3, 3, -1, &rows, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].title, "B-3");
	assert_int_equal(views_position(f->db, &q, rows[2].id, &pos, &e), 1);
	assert_int_equal(pos, 5);
	/* B-4 and B-5 read: the next unread after B-3 is B-6, before B-6 is B-3 */
	assert_int_equal(items_set_read(f->db, rows[1].id, 1, &e), 0);
	assert_int_equal(items_set_read(f->db, rows[2].id, 1, &e), 0);
	assert_int_equal(views_next_unread(f->db, &q, rows[0].id, rows[0].published, 1, &found,
	    &e), 1);
	assert_int_equal(found, rows[2].id + 1);
	assert_int_equal(views_next_unread(f->db, &q, found, rows[2].published - 120, -1,
	    &found, &e), 1);
	assert_int_equal(found, rows[0].id);
	/* an item of another feed is not in this list */
	q.feed_id = f->feed_a;
	assert_int_equal(views_position(f->db, &q, rows[2].id, &pos, &e), 0);
	assert_int_equal(views_position(f->db, &q, 999999, &pos, &e), 0);
	/* nothing unread before the newest item */
	q.feed_id = f->feed_b;
	assert_int_equal(views_next_unread(f->db, &q, rows[0].id - 3,
	    rows[0].published + 3 * 120, -1, &found, &e), 0);
	items_free_rows(rows, n);
}

/* A feed taken out of the feeds file: hidden from every list but its own. */
static void
test_views_hide_unlisted_feeds(void **state)
{
	struct fixture *f = *state;
	const char *urls[] = { "https://b.example/feed" };
	struct items_query q = { 0 };
	struct views_feed *rows;
	struct item_row *items;
	size_t n, i;
	int count, pos;
	struct err e;

	assert_int_equal(feeds_sync_listed(f->db, urls, 1, &e), 0);
	assert_int_equal(views_feeds(f->db, &rows, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, f->feed_b);
	views_free_feeds(rows, n);
	assert_int_equal(views_count(f->db, &q, &count, &e), 0);
	assert_int_equal(count, NB);
	assert_int_equal(views_items(f->db, &q, 0, 0, -1, &items, &n, &e), 0);
	assert_int_equal(n, NB);
	for (i = 0; i < n; i++)
		assert_int_equal(items[i].feed_id, f->feed_b);
	items_free_rows(items, n);
	assert_int_equal(views_position(f->db, &q, 1, &pos, &e), 0);	/* */
	q.feed_id = f->feed_a;
	assert_int_equal(views_count(f->db, &q, &count, &e), 0);
	assert_int_equal(count, NA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_views_feeds_counts_and_tags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_views_empty_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_views_items_match_items_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_views_deep_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_views_position_and_next_unread, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_views_hide_unlisted_feeds, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
