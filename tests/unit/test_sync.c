/*
 * Unit tests for app/sync's JSON mapping (tt-rss answers recorded from the
 * real server in tests/data/sync/, and hostile ones) and store/sync's
 * journal, on a real cache.  The whole client against a real tt-rss is
 * tests/e2e/sync-ttrss.sh.
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

#include "app/sync_priv.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/items.h"
#include "store/sync.h"
#include "util/xalloc.h"
#include "cache_count.h"
#include "tmp_cache.h"

/* The "content" of a recorded answer in tests/data/sync/NAME. */
static json_t *
recorded(const char *name)
{
	const char *top = getenv("top_srcdir");
	json_error_t je;
	json_t *j, *c;
	char *path;

	path = xasprintf("%s/tests/data/sync/%s", top != NULL ? top : ".", name);
	j = json_load_file(path, 0, &je);
	if (j == NULL)
		fail_msg("%s: %s", path, je.text);
	free(path);
	c = json_incref(json_object_get(j, "content"));
	json_decref(j);
	assert_non_null(c);
	return c;
}

static void
test_ttrss_subscriptions(void **state)
{
	json_t *feeds = recorded("ttrss-getFeeds.json");
	json_t *cats = recorded("ttrss-getCategories.json");
	struct sync_sub *s;
	struct err e = { { 0 } };
	size_t n;

	(void)state;
	assert_int_equal(sync_ttrss_parse_subs(feeds, cats, &s, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].remote, "201");
	assert_string_equal(s[0].url, "http://127.0.0.1:41595/example.xml");
	assert_string_equal(s[0].title, "Example News");
	assert_string_equal(s[0].tag, "Tech");
	/* category 0 is "Uncategorized": no tag */
	assert_string_equal(s[1].remote, "202");
	assert_null(s[1].tag);
	sync_subs_free(s, n);
	/* an answer that is no list is an error, not an empty server */
	assert_int_equal(sync_ttrss_parse_subs(cats, json_object_get(feeds, "x"), &s, &n, &e), -1);
	json_decref(feeds);
	json_decref(cats);
}

static void
test_ttrss_headlines(void **state)
{
	json_t *list = recorded("ttrss-getHeadlines.json");
	struct sync_item_in *it = NULL;
	struct err e = { { 0 } };
	size_t n = 0, cap = 0;
	int64_t max = 0;

	(void)state;
	assert_int_equal(sync_ttrss_parse_headlines(list, &it, &n, &cap, &max, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(max, 303);
	assert_string_equal(it[0].remote, "301");
	assert_string_equal(it[0].feed_remote, "201");
	assert_string_equal(it[0].item.title, "First story");
	assert_string_equal(it[0].item.link, "http://127.0.0.1:41595/a1.html");
	assert_string_equal(it[0].item.author, "Ann");
	assert_int_equal(it[0].item.published, 1796678285);
	assert_string_equal(it[0].item.content, "<p>Server text one</p>");
	assert_non_null(strstr(it[0].text, "Server text one"));
	assert_int_equal(it[0].read, 1);	/* "unread": false */
	assert_int_equal(it[0].starred, 0);
	assert_int_equal(it[1].read, 0);
	assert_int_equal(it[1].starred, 1);	/* "marked": true */
	sync_items_free(it, n);
	json_decref(list);
}

static void
test_ttrss_headlines_hostile(void **state)
{
	json_t *list = recorded("ttrss-getHeadlines-hostile.json");
	struct sync_item_in *it = NULL;
	struct err e = { { 0 } };
	size_t n = 0, cap = 0;
	int64_t max = 0;

	(void)state;
	assert_int_equal(sync_ttrss_parse_headlines(list, &it, &n, &cap, &max, &e), 0);
	/* a text id and a non-object are no items; fields of the wrong type
	 * are absent, never misread */
	assert_int_equal(n, 3);
	assert_string_equal(it[0].remote, "402");
	assert_string_equal(it[0].feed_remote, "202");
	assert_int_equal(it[0].read, 0);	/* "t" is PostgreSQL's true */
	assert_int_equal(it[0].starred, 1);
	assert_null(it[0].item.title);
	assert_null(it[0].item.link);
	assert_null(it[0].item.author);
	assert_null(it[0].item.content);
	assert_null(it[0].text);
	assert_int_equal(it[0].item.published, 0);
	assert_string_equal(it[1].remote, "403");
	assert_string_equal(it[1].feed_remote, "");
	assert_int_equal(max, INT64_MAX);
	sync_items_free(it, n);
	/* not a list */
	n = 0;
	it = NULL;
	assert_int_equal(sync_ttrss_parse_headlines(json_object_get(list, "x"), &it, &n, &cap,
	    &max, &e), -1);
	json_decref(list);
}

/* ---- store/sync -------------------------------------------------------- */

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
	return tmp_cache_open(f->dir, sizeof f->dir, "sync", &f->path, &f->db);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tmp_cache_remove(f->dir, f->path, f->db);
	free(f);
	return 0;
}

/* Two feeds and three items from a server: 1 unread, 2 read and starred,
 * 3 of a feed the server did not list. */
static int
seed(struct db *db)
{
	struct sync_feed_in feeds[] = {
		{ "201", "http://s/a.xml", "A", "Tech" },
		{ "202", "http://s/b.xml", "B", NULL },
	};
	struct sync_item_in it[3];
	struct err e = { { 0 } };
	int added, orphans;

	memset(it, 0, sizeof it);
	it[0] = (struct sync_item_in){ .remote = "301", .feed_remote = "201", .read = 0 };
	it[0].item.title = (char *)"one";
	it[0].item.link = (char *)"http://s/1.html";
	it[1] = (struct sync_item_in){ .remote = "302", .feed_remote = "202", .read = 1,
	    .starred = 1 };
	it[1].item.title = (char *)"two";
	it[2] = (struct sync_item_in){ .remote = "303", .feed_remote = "999" };
	assert_int_equal(sync_cache_feeds(db, feeds, 2, 1000, &e), 0);
	assert_int_equal(sync_cache_items(db, it, 3, 1000, 0, 0, &added, &orphans, &e), 0);
	assert_int_equal(orphans, 1);
	return added;
}

static int64_t
item_id(struct db *db, const char *remote)
{
	char *sql = xasprintf("SELECT item_id FROM sync_items WHERE remote = '%s'", remote);
	int id = count(db, sql);

	free(sql);
	return id;
}

static void
test_store_items_and_tags(void **state)
{
	struct fixture *f = *state;
	struct err e = { { 0 } };

	assert_int_equal(seed(f->db), 2);
	assert_int_equal(sync_cache_active(f->db, &e), 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feeds WHERE listed = 1"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feed_tags WHERE tag = 'Tech'"), 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feeds WHERE last_status = 'ok' "
	    "AND last_poll = 1000"), 2);
	assert_int_equal(count(f->db, "SELECT read + 2 * starred FROM items WHERE title = 'two'"), 3);
	/* what the server said is no local change */
	assert_int_equal(count(f->db, "SELECT count(*) FROM sync_journal"), 0);
	/* a second sync of the same items adds nothing */
	assert_int_equal(seed(f->db), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), 2);
	/* an id seen before under another feed names the new item */
	{
		struct sync_item_in moved = { .remote = "301", .feed_remote = "202" };
		int added, orphans;

		moved.item.title = (char *)"one, moved";
		assert_int_equal(sync_cache_items(f->db, &moved, 1, 1000, 0, 0, &added, &orphans,
		    &e), 0);
		assert_int_equal(added, 1);
		assert_int_equal(count(f->db, "SELECT count(*) FROM sync_items s JOIN items i "
		    "ON i.id = s.item_id WHERE s.remote = '301' AND i.title = 'one, moved'"), 1);
	}
}

static void
test_store_journal(void **state)
{
	struct fixture *f = *state;
	struct sync_change *c;
	struct err e = { { 0 } };
	size_t n;

	seed(f->db);
	/* every path that sets a flag journals it: the store call the reader
	 * and the views use, and marking a whole feed read */
	assert_int_equal(items_set_read(f->db, item_id(f->db, "301"), 1, &e), 0);
	assert_int_equal(items_set_starred(f->db, item_id(f->db, "302"), 0, &e), 0);
	assert_int_equal(items_set_starred(f->db, item_id(f->db, "302"), 1, &e), 0);
	assert_int_equal(items_set_starred(f->db, item_id(f->db, "302"), 0, &e), 0);
	assert_int_equal(sync_cache_journal(f->db, &c, &n, &e), 0);
	assert_int_equal(n, 2);
	/* in the order made (of the last entry), collapsed per item and flag */
	assert_string_equal(c[0].remote, "301");
	assert_int_equal(c[0].field, SYNC_FIELD_READ);
	assert_int_equal(c[0].value, 1);
	assert_int_equal(c[0].base, 0);
	assert_string_equal(c[0].title, "one");
	assert_string_equal(c[1].remote, "302");
	assert_int_equal(c[1].field, SYNC_FIELD_STARRED);
	assert_int_equal(c[1].value, 0);
	assert_int_equal(c[1].base, 1);	/* the server's, before all three */

	/* the server's state does not undo a change still waiting */
	{
		char u[] = "301", st[] = "302";
		char *unread[] = { u };
		char *starred[] = { st };
		int changed;

		assert_int_equal(sync_cache_state(f->db, unread, 1, starred, 1, &changed, &e), 0);
		assert_int_equal(changed, 0);
		assert_int_equal(count(f->db, "SELECT read FROM items WHERE title = 'one'"), 1);
		assert_int_equal(count(f->db, "SELECT starred FROM items WHERE title = 'two'"), 0);
	}
	/* once the server took one, its entries go and the base follows */
	assert_int_equal(sync_cache_done(f->db, &c[0], 1, &e), 0);
	sync_cache_free_changes(c, n);
	assert_int_equal(sync_cache_journal(f->db, &c, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].remote, "302");
	sync_cache_free_changes(c, n);
	assert_int_equal(count(f->db, "SELECT read FROM sync_items WHERE remote = '301'"), 1);
	assert_int_equal(items_set_read(f->db, item_id(f->db, "301"), 0, &e), 0);
	assert_int_equal(items_mark_feed_read(f->db, 0, &e), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM sync_journal WHERE field = 'read'"), 2);
}

static void
test_store_state_from_server(void **state)
{
	struct fixture *f = *state;
	struct err e = { { 0 } };
	char u[] = "302";
	char *unread[] = { u };
	int changed;

	seed(f->db);
	/* another device read 301, unread and unstarred 302 */
	assert_int_equal(sync_cache_state(f->db, unread, 1, NULL, 0, &changed, &e), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(count(f->db, "SELECT read FROM items WHERE title = 'one'"), 1);
	assert_int_equal(count(f->db, "SELECT read + starred FROM items WHERE title = 'two'"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM sync_journal"), 0);
}

static void
test_store_retention(void **state)
{
	struct fixture *f = *state;
	struct sync_feed_in feed = { "201", "http://s/a.xml", "A", NULL };
	struct sync_item_in it[3];
	struct err e = { { 0 } };
	int added, orphans, i;

	memset(it, 0, sizeof it);
	for (i = 0; i < 3; i++) {
		it[i].feed_remote = "201";
		it[i].item.published = 100 + i;
	}
	it[0].remote = "1";
	it[0].starred = 1;	/* the oldest, but starred */
	it[1].remote = "2";
	it[2].remote = "3";
	assert_int_equal(sync_cache_feeds(f->db, &feed, 1, 1000, &e), 0);
	/* the server keeps sending: the cache keeps the newest one and the
	 * starred one, and counts as new only what it kept */
	assert_int_equal(sync_cache_items(f->db, it, 3, 1000, 1, 0, &added, &orphans, &e), 0);
	assert_int_equal(added, 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM sync_items WHERE remote IN ('1', '3')"), 2);
}

static void
test_store_state_values(void **state)
{
	struct fixture *f = *state;
	struct err e = { { 0 } };
	char *v;

	assert_int_equal(sync_cache_active(f->db, &e), 0);
	assert_int_equal(sync_cache_get(f->db, "since x", &v, &e), 0);
	assert_null(v);
	assert_int_equal(sync_cache_set(f->db, "since x", "12", &e), 0);
	assert_int_equal(sync_cache_set(f->db, "since x", "13", &e), 0);
	assert_int_equal(sync_cache_get(f->db, "since x", &v, &e), 0);
	assert_string_equal(v, "13");
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ttrss_subscriptions),
		cmocka_unit_test(test_ttrss_headlines),
		cmocka_unit_test(test_ttrss_headlines_hostile),
		cmocka_unit_test_setup_teardown(test_store_items_and_tags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_state_from_server, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_retention, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_state_values, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
