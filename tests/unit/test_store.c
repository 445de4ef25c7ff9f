/* Unit tests for store/db, store/feeds and store/items on real SQLite files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/db_priv.h"	/* white-box: raw SQL on the cache */
#include "store/feeds.h"
#include "store/items.h"
#include "util/xalloc.h"
#include "cache_count.h"
#include "downgrade.h"
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
	return tmp_cache_open(f->dir, sizeof f->dir, "store", &f->path, NULL);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tmp_cache_remove(f->dir, f->path, NULL);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *p = xmalloc(1 << 20);

	assert_non_null(fp);
	*len = fread(p, 1, 1 << 20, fp);
	fclose(fp);
	return p;
}

static void
test_creates_schema_in_wal_mode(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);

	assert_non_null(db);
	assert_int_equal(count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(count(db, "PRAGMA application_id"), DB_APPLICATION_ID);
	assert_int_equal(count(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name IN "
	    "('feeds', 'items', 'articles', 'items_fts', 'feed_tags')"), 5);
	db_close(db);
	/* reopening an existing cache migrates nothing and works */
	db = db_open(f->path, 0, &e);
	assert_non_null(db);
	db_close(db);
}

/*
 * A new cache has 16 KiB pages, and its connections' page cache is the 8
 * MiB db_setup asks for: SQLite turns cache_size's KiB into a page count
 * at the page size of that moment, so a page size set after it made the
 * cache four times that (a poll's peak memory 50 -> 74 MB).
 */
static void
test_new_cache_has_16k_pages_and_an_8mib_page_cache(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	int cur = 0, hi = 0, pass;

	assert_non_null(db);
	assert_int_equal(count(db, "PRAGMA page_size"), 16384);
	/* 20 MB of pages through the cache, writing and then reading */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 0)
			assert_int_equal(sqlite3_exec(db->h, "CREATE TABLE big(b);"
			    "INSERT INTO big VALUES (zeroblob(20000000))", NULL, NULL, NULL),
			    SQLITE_OK);
		else
			assert_int_equal(count(db, "SELECT b = zeroblob(20000000) FROM big"), 1);
		assert_int_equal(sqlite3_db_status(db->h, SQLITE_DBSTATUS_CACHE_USED,
		    &cur, &hi, 0), SQLITE_OK);
		assert_true(cur > 4 << 20);
		assert_true(cur < 10 << 20);
		if (pass == 0) {
			/* again on an existing cache */
			db_close(db);
			db = db_open(f->path, 0, &e);
			assert_non_null(db);
			assert_int_equal(count(db, "PRAGMA page_size"), 16384);
		}
	}
	db_close(db);
}

static void
test_migrates_older_schema(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);

	assert_non_null(db);
	/* make it look like a schema-1 cache with data */
	assert_int_equal(db_exec(db, "DROP INDEX items_search; DROP INDEX items_pages; "
	    DOWNGRADE_TO_4
	    "DROP INDEX articles_done; ALTER TABLE feeds DROP COLUMN listed; ALTER TABLE feeds DROP COLUMN position; "
	    "PRAGMA user_version = 1; "
	    "INSERT INTO feeds(url) VALUES ('https://kept.example/')", &e), 0);
	db_close(db);
	db = db_open(f->path, 0, &e);
	assert_non_null(db);
	assert_int_equal(count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'items_search'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM feeds WHERE url = 'https://kept.example/'"), 1);
	/* schema 3: a feed of an older cache is listed until the feeds file says */
	assert_int_equal(count(db, "SELECT listed FROM feeds WHERE url = 'https://kept.example/'"), 1);
	/* schema 4: the indexes that count the articles still to fetch */
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name IN "
	    "('items_pages', 'articles_done')"), 2);
	/* schema 8: syncing with a feed server (store/sync.h) */
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sync_%'"), 6);
	/* schema 7 (podcasts): every enclosure of an item */
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'enclosures'"), 1);
	/* schema 5 (keys): the guids of deleted items */
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'deleted_items'"), 1);
	db_close(db);
}

/*
 * Issue 15: a schema-4 cache (what tidings wrote before the body hash)
 * with read and starred items opens as schema 6 with everything kept:
 * flags, items, their index, validators; no feed has a hash yet, so its
 * next answer is parsed.
 */
static void
test_migrates_v4_keeping_read_and_starred(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);

	assert_non_null(db);
	assert_int_equal(db_exec(db, DOWNGRADE_TO_4 "PRAGMA user_version = 4; "
	    "INSERT INTO feeds(id, url, etag) VALUES (7, 'https://kept.example/', '\"v1\"'); "
	    "INSERT INTO items(id, feed_id, guid, title, read, starred) VALUES "
	    "(1, 7, 'a', 'Read one', 1, 0), (2, 7, 'b', 'Starred one', 0, 1), "
	    "(3, 7, 'c', 'Both', 1, 1), (4, 7, 'd', 'Neither', 0, 0); "
	    "INSERT INTO items_fts(rowid, title, body) VALUES (1, 'Read one', 'alpha'), "
	    "(2, 'Starred one', 'beta'), (3, 'Both', 'gamma'), (4, 'Neither', 'delta')", &e), 0);
	db_close(db);
	db = db_open(f->path, 0, &e);
	assert_non_null(db);
	assert_int_equal(count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(count(db, "SELECT count(*) FROM items WHERE read = 1"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM items WHERE starred = 1"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM items WHERE id = 3 AND read = 1 "
	    "AND starred = 1"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'gamma'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM feeds WHERE etag = '\"v1\"' "
	    "AND body_hash IS NULL"), 1);
	db_close(db);
}

static void
assert_refused_untouched(const char *path, const char *data, size_t len, const char *want)
{
	struct err e;
	struct db *db;
	char *after;
	size_t alen;
	char *wal = xasprintf("%s-wal", path);

	write_file(path, data, len);
	db = db_open(path, 0, &e);
	assert_null(db);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, want));
	after = slurp(path, &alen);
	assert_int_equal(alen, len);
	assert_memory_equal(after, data, len);
	assert_int_not_equal(access(wal, F_OK), 0);
	free(after);
	free(wal);
}

static void
test_refuses_foreign_and_corrupt_files_untouched(void **state)
{
	struct fixture *f = *state;
	char *other = xasprintf("%s/other.db", f->dir), *cmd, *data;
	size_t len;
	sqlite3 *h;

	assert_refused_untouched(f->path, "this is my shopping list\n", 25, "not a tidings cache");
	/* an SQLite header followed by garbage */
	data = xcalloc(1, 8192);
	memcpy(data, "SQLite format 3", 16);
	memset(data + 100, 0x5a, 8000);
	assert_refused_untouched(f->path, data, 8192, "cache");
	free(data);
	/* another program's SQLite database */
	assert_int_equal(sqlite3_open(other, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1)",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	data = slurp(other, &len);
	assert_refused_untouched(f->path, data, len, "another program");
	free(data);
	cmd = xasprintf("rm -f '%s'", other);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(other);
}

static void
test_refuses_newer_schema(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	char *data;
	size_t len;

	assert_non_null(db);
	assert_int_equal(db_exec(db, "PRAGMA user_version = 99", &e), 0);
	assert_int_equal(db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", &e), 0);
	db_close(db);
	data = slurp(f->path, &len);
	assert_refused_untouched(f->path, data, len, "newer tidings");
	free(data);
}

static struct item
mkitem(const char *guid, const char *title, time_t published)
{
	struct item it;

	memset(&it, 0, sizeof it);
	it.guid = (char *)guid;
	it.title = (char *)title;
	it.link = (char *)"https://example.org/a";
	it.published = published;
	return it;
}

static void
test_poll_never_touches_read_or_starred(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct items_store_stats st = { 0 };
	struct item items[2];
	struct item_full full;
	int64_t fid;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://example.org/feed", &fid, &e), 0);
	items[0] = mkitem("g1", "First", 1000);
	items[1] = mkitem("g2", "Second", 2000);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, NULL, 2, 5000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(st.added, 2);
	assert_int_equal(items_set_read(db, 1, 1, &e), 0);
	assert_int_equal(items_set_starred(db, 2, 1, &e), 0);

	/* the same document again: nothing changes */
	memset(&st, 0, sizeof st);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, NULL, 2, 6000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(st.added + st.updated, 0);
	/* a changed title is an update, and state survives it */
	items[0].title = (char *)"First, corrected";
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, NULL, 2, 7000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(items_get(db, 1, &full, &e), 1);
	assert_string_equal(full.row.title, "First, corrected");
	assert_int_equal(full.row.read, 1);
	item_full_release(&full);
	assert_int_equal(items_get(db, 2, &full, &e), 1);
	assert_int_equal(full.row.starred, 1);
	item_full_release(&full);
	assert_int_equal(items_get(db, 99, &full, &e), 0);
	db_close(db);
}

/* what a poll asks before it stores an entry whose row may have gone */
static void
test_feeds_and_items_exist(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct items_store_stats st = { 0 };
	struct item it = mkitem("g1", "First", 1000);
	int64_t fid;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://example.org/feed", &fid, &e), 0);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", &it, NULL, 1, 5000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(feeds_exists(db, fid, &e), 1);
	assert_int_equal(items_exists(db, 1, &e), 1);
	assert_int_equal(feeds_exists(db, fid + 1, &e), 0);
	assert_int_equal(items_exists(db, 2, &e), 0);
	assert_int_equal(feeds_delete(db, "https://example.org/feed", &e), 0);
	assert_int_equal(feeds_exists(db, fid, &e), 0);
	assert_int_equal(items_exists(db, 1, &e), 0);	/* gone with its feed */
	db_close(db);
}

/* Statuses travel as enums; the cache keeps the text it always had. */
static void
test_statuses_round_trip_as_text(void **state)
{
	struct fixture *f = *state;
	static const struct { enum feeds_status st; long code; const char *text; } feeds[] = {
		{ FEEDS_OK, 0, "ok" }, { FEEDS_NOT_MODIFIED, 0, "not modified" },
		{ FEEDS_HTTP_ERROR, 404, "HTTP 404" }, { FEEDS_NETWORK_ERROR, 0, "network error" },
		{ FEEDS_TOO_BIG, 0, "too big" }, { FEEDS_BAD_URL, 0, "bad URL" },
		{ FEEDS_PARSE_ERROR, 0, "parse error" }, { FEEDS_CANCELLED, 0, "cancelled" },
		{ FEEDS_SKIPPED, 0, "skipped" }, { FEEDS_ERROR, 0, "error" },
	};
	static const struct { enum article_status st; const char *text; } arts[] = {
		{ ARTICLE_OK, "ok" }, { ARTICLE_SHORT, "short" }, { ARTICLE_FAILED, "failed" },
	};
	/* text an older or newer tidings may have left */
	static const struct { const char *text; enum feeds_status st; long code; } old[] = {
		{ "HTTP 503", FEEDS_HTTP_ERROR, 503 }, { "HTTP", FEEDS_ERROR, 0 },
		{ "HTTP 4x", FEEDS_ERROR, 0 }, { "timed out", FEEDS_ERROR, 0 },
	};
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct items_store_stats st = { 0 };
	struct item it = mkitem("g1", "First", 1000);
	struct feed_row row;
	struct item_full full;
	char buf[FEEDS_STATUS_NAME_MAX], *sql;
	int64_t fid;
	size_t i;

	assert_non_null(db);
	assert_null(feeds_status_name(FEEDS_NEVER_POLLED, 0, buf, sizeof buf));
	assert_null(articles_status_name(ARTICLE_NONE));
	assert_int_equal(feeds_ensure(db, "https://example.org/feed", &fid, &e), 0);
	assert_int_equal(feeds_get(db, fid, NULL, &row, &e), 1);
	assert_int_equal(row.status, FEEDS_NEVER_POLLED);
	feed_row_release(&row);
	for (i = 0; i < sizeof feeds / sizeof feeds[0]; i++) {
		struct feed_poll_result r = { .status = feeds[i].st, .http_code = feeds[i].code };

		assert_string_equal(feeds_status_name(feeds[i].st, feeds[i].code, buf, sizeof buf),
		    feeds[i].text);
		assert_int_equal(feeds_record_poll(db, fid, &r, &e), 0);
		sql = xasprintf("SELECT last_status = '%s' FROM feeds WHERE id = %lld",
		    feeds[i].text, (long long)fid);
		assert_int_equal(count(db, sql), 1);
		free(sql);
		assert_int_equal(feeds_get(db, fid, NULL, &row, &e), 1);
		assert_int_equal(row.status, feeds[i].st);
		assert_int_equal(row.http_code, feeds[i].code);
		feed_row_release(&row);
	}
	for (i = 0; i < sizeof old / sizeof old[0]; i++) {
		sql = xasprintf("UPDATE feeds SET last_status = '%s'", old[i].text);
		assert_int_equal(db_exec(db, sql, &e), 0);
		free(sql);
		assert_int_equal(feeds_get(db, fid, NULL, &row, &e), 1);
		assert_int_equal(row.status, old[i].st);
		assert_int_equal(row.http_code, old[i].code);
		feed_row_release(&row);
	}

	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", &it, NULL, 1, 5000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(items_get(db, 1, &full, &e), 1);
	assert_int_equal(full.article_state, ARTICLE_NONE);
	item_full_release(&full);
	for (i = 0; i < sizeof arts / sizeof arts[0]; i++) {
		struct article_in a = { .status = arts[i].st, .text = "t" };

		assert_string_equal(articles_status_name(arts[i].st), arts[i].text);
		assert_int_equal(articles_store(db, 1, &a, &e), 0);
		sql = xasprintf("SELECT status = '%s' FROM articles WHERE item_id = 1",
		    arts[i].text);
		assert_int_equal(count(db, sql), 1);
		free(sql);
		assert_int_equal(items_get(db, 1, &full, &e), 1);
		assert_int_equal(full.article_state, arts[i].st);
		item_full_release(&full);
	}
	assert_int_equal(db_exec(db, "UPDATE articles SET status = 'odd'", &e), 0);
	assert_int_equal(items_get(db, 1, &full, &e), 1);
	assert_int_equal(full.article_state, ARTICLE_FAILED);
	item_full_release(&full);
	db_close(db);
}

/*
 * Store three feeds of two items as a poll does (items_store, then
 * items_retain with the default max), all in one transaction (one_tx) or
 * each in its own; the rows of the index's segment table after.
 */
static int
fts_rows_after_three_feeds(const char *path, int one_tx)
{
	static const char *const texts_[] = { "alpha beta gamma", "delta epsilon zeta" };
	struct item items[2];
	struct err e;
	struct db *db = db_open(path, 0, &e);
	int64_t fid[3];
	char *url;
	int k, rows;

	assert_non_null(db);
	for (k = 0; k < 3; k++) {
		url = xasprintf("https://f%d.example/feed", k);
		assert_int_equal(feeds_ensure(db, url, &fid[k], &e), 0);
		free(url);
	}
	if (one_tx)
		assert_int_equal(db_begin(db, &e), 0);
	for (k = 0; k < 3; k++) {
		items[0] = mkitem("a", "Alpha", 1000);
		items[1] = mkitem("b", "Beta", 2000);
		if (!one_tx)
			assert_int_equal(db_begin(db, &e), 0);
		assert_int_equal(items_store(db, fid[k], "F", items, (char *const *)texts_, 2, 5000,
		    NULL, &e), 0);
		assert_int_equal(items_retain(db, fid[k], 1000, 5000, NULL, &e), 0);
		if (!one_tx)
			assert_int_equal(db_commit(db, &e), 0);
	}
	if (one_tx)
		assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'gamma'"), 3);
	rows = count(db, "SELECT count(*) FROM items_fts_data");
	db_close(db);
	return rows;
}

/*
 * Issue 15: the feeds a poll writes in one transaction reach the index
 * as one segment, not one a feed.  A statement that may change many rows
 * (the fix-up of future dates, retention's DELETE) opens a savepoint, at
 * which FTS5 writes out what it holds; run once a feed with nothing to do,
 * they cut the index into segments a feed big (a third of a poll's
 * instructions merging them).  With them skipped when there is nothing to
 * change, one transaction leaves fewer index rows than three.
 */
static void
test_one_transaction_is_one_index_segment(void **state)
{
	struct fixture *f = *state;
	char *other = xasprintf("%s/other.db", f->dir);
	int together = fts_rows_after_three_feeds(f->path, 1);
	int apart = fts_rows_after_three_feeds(other, 0);

	if (together >= apart)
		fail_msg("one transaction left %d index rows, three left %d: the feeds of "
		    "one transaction were written as a segment each", together, apart);
	free(other);
}

/* Item 20: dates in the future (2100, 9999) are clamped to the time the
 * item was first seen, on insert and for a row stored before the clamp. */
static void
test_future_dates_are_clamped_to_first_seen(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct item items[4];
	int64_t fid;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://example.org/feed", &fid, &e), 0);
	items[0] = mkitem("2100", "Year 2100", 4102444800);
	items[1] = mkitem("9999", "Year 9999", 253402300799);
	items[2] = mkitem("skew", "Five minutes ahead", 1000000 + 300);
	items[3] = mkitem("past", "Yesterday", 1000000 - 86400);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, NULL, 4, 1000000, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(count(db, "SELECT published FROM items WHERE guid = '2100'"), 1000000);
	assert_int_equal(count(db, "SELECT published FROM items WHERE guid = '9999'"), 1000000);
	assert_int_equal(count(db, "SELECT published FROM items WHERE guid = 'skew'"), 1000300);
	assert_int_equal(count(db, "SELECT published FROM items WHERE guid = 'past'"),
	    1000000 - 86400);
	/* seen again later: still dated when first seen, not moved to now */
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, NULL, 4, 2000000, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(count(db, "SELECT published FROM items WHERE guid = '2100'"), 1000000);
	/* a row an older tidings stored with its future date is fixed at the
	 * next poll of its feed */
	assert_int_equal(db_exec(db, "UPDATE items SET published = 4102444800 "
	    "WHERE guid = 'past'", &e), 0);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, NULL, 1, 3000000, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(count(db, "SELECT published FROM items WHERE guid = 'past'"), 1000000);
	assert_int_equal(count(db, "SELECT count(*) FROM items WHERE published > 3000000"), 0);
	db_close(db);
}

static void
test_index_follows_inserts_updates_and_deletes(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct items_store_stats st = { 0 };
	struct item items[3];
	char t0[] = "walrus", t1[] = "penguin", t2[] = "zebra";
	char *texts[] = { t0, t1, t2 };
	struct article_in a = { .status = ARTICLE_OK, .text = "an article about otters" };
	int64_t fid;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://example.org/feed", &fid, &e), 0);
	items[0] = mkitem("a", "Alpha", 100);
	items[1] = mkitem("b", "Beta", 200);
	items[2] = mkitem("c", "Gamma", 300);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, texts, 3, 1000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts"), 3);
	assert_int_equal(count(db, "SELECT rowid FROM items_fts WHERE items_fts MATCH 'penguin'"), 2);
	assert_int_equal(articles_store(db, 2, &a, &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'penguin'"), 0);
	assert_int_equal(count(db, "SELECT rowid FROM items_fts WHERE items_fts MATCH 'otters'"), 2);
	/* issue 15: the article's text is kept once, in the index, not also
	 * in its articles row */
	assert_int_equal(count(db, "SELECT length(text) FROM articles WHERE item_id = 2"), 0);

	/* an update keeps the article's text, and the feed's text without one
	 * (twice: the text read back from the index survives being rewritten) */
	items[0].title = (char *)"Alpha, updated";
	items[1].title = (char *)"Beta, updated";
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, texts, 3, 1000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(count(db, "SELECT rowid FROM items_fts WHERE items_fts MATCH 'otters'"), 2);
	items[1].title = (char *)"Beta, updated again";
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Example", items, texts, 3, 1000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(count(db, "SELECT rowid FROM items_fts WHERE items_fts MATCH "
	    "'otters AND again'"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts WHERE items_fts MATCH "
	    "'penguin'"), 0);
	assert_int_equal(count(db, "SELECT rowid FROM items_fts WHERE items_fts MATCH 'walrus'"), 1);
	assert_int_equal(count(db, "SELECT rowid FROM items_fts WHERE items_fts MATCH 'updated AND alpha'"), 1);

	/* retention: keep 1, but starred items and the latest document stay */
	assert_int_equal(items_set_starred(db, 1, 1, &e), 0);
	assert_int_equal(items_retain(db, fid, 1, 1000, &st, &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items"), 3);
	assert_int_equal(items_retain(db, fid, 1, 2000, &st, &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items"), 2);	/* c newest, a starred */
	assert_int_equal(count(db, "SELECT count(*) FROM items WHERE id = 2"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM articles"), 0);

	/* removing the feed removes its items, tags and index rows */
	assert_int_equal(feeds_delete(db, "https://example.org/feed", &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts"), 0);
	db_close(db);
}

static void
test_feeds_status_counts_and_tags(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct feed_poll_result r = { .title = "T", .etag = "\"v1\"", .status = FEEDS_OK, .now = 42 };
	struct item items[2];
	struct feed_row *rows, row;
	struct items_query q = { .tag = "world news" };
	struct item_row *irows;
	char tag0[] = "world news", tag1[] = "x";
	char *tags[] = { tag0, tag1 };
	size_t n;
	int64_t fid;
	int c;

	assert_non_null(db);
	assert_int_equal(feeds_set_tags(db, "https://a.example/rss", tags, 2, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://a.example/rss", &fid, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://b.example/rss", &fid, &e), 0);
	assert_int_equal(fid, 2);
	assert_int_equal(feeds_record_poll(db, 1, &r, &e), 0);
	r.status = FEEDS_HTTP_ERROR;
	r.http_code = 404;
	r.error = "https://b.example/rss: HTTP 404";
	r.failed = 1;
	r.title = NULL;
	r.etag = NULL;
	assert_int_equal(feeds_record_poll(db, 2, &r, &e), 0);
	assert_int_equal(feeds_record_poll(db, 2, &r, &e), 0);
	items[0] = mkitem("1", "one", 10);
	items[1] = mkitem("2", "two", 20);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, 1, "T", items, NULL, 2, 50, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(items_set_read(db, 1, 1, &e), 0);

	assert_int_equal(feeds_list(db, &rows, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].title, "T");
	assert_string_equal(rows[0].etag, "\"v1\"");
	assert_string_equal(rows[0].tags, "world news, x");
	assert_int_equal(rows[0].unread, 1);
	assert_int_equal(rows[0].total, 2);
	assert_int_equal(rows[1].status, FEEDS_HTTP_ERROR);
	assert_int_equal(rows[1].http_code, 404);
	assert_int_equal(rows[1].error_count, 2);
	feeds_free_rows(rows, n);
	assert_int_equal(feeds_get(db, 0, "https://b.example/rss", &row, &e), 1);
	assert_string_equal(row.last_error, "https://b.example/rss: HTTP 404");
	feed_row_release(&row);

	assert_int_equal(items_list(db, &q, &irows, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(irows[0].title, "two");	/* newest first */
	items_free_rows(irows, n);
	q.unread_only = 1;
	assert_int_equal(items_count(db, &q, &c, &e), 0);
	assert_int_equal(c, 1);
	q.tag = "nope";
	assert_int_equal(items_count(db, &q, &c, &e), 0);
	assert_int_equal(c, 0);
	assert_int_equal(items_mark_feed_read(db, 0, &e), 0);
	q.tag = NULL;
	assert_int_equal(items_count(db, &q, &c, &e), 0);
	assert_int_equal(c, 0);
	db_close(db);
}

static void
test_feeds_matches_compares_title_and_tag_sets(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	char a[] = "alpha", b[] = "beta", c[] = "gamma";
	char *ab[] = { a, b }, *ba[] = { b, a, b }, *abc[] = { a, b, c };
	const char *url = "https://m.example/feed";

	assert_non_null(db);
	assert_int_equal(feeds_matches(db, url, NULL, NULL, 0, &e), 0);	/* no row */
	assert_int_equal(feeds_set_tags(db, url, ab, 2, &e), 0);
	assert_int_equal(feeds_matches(db, url, NULL, ab, 2, &e), 1);
	assert_int_equal(feeds_matches(db, url, NULL, ba, 3, &e), 1);	/* order, repeats */
	assert_int_equal(feeds_matches(db, url, NULL, abc, 3, &e), 0);
	assert_int_equal(feeds_matches(db, url, NULL, ab, 1, &e), 0);
	assert_int_equal(feeds_matches(db, url, NULL, NULL, 0, &e), 0);
	assert_int_equal(feeds_matches(db, url, "T", ab, 2, &e), 0);
	assert_int_equal(feeds_set_custom_title(db, url, "T", &e), 0);
	assert_int_equal(feeds_matches(db, url, "T", ab, 2, &e), 1);
	assert_int_equal(feeds_matches(db, url, NULL, ab, 2, &e), 0);
	assert_int_equal(feeds_set_tags(db, url, NULL, 0, &e), 0);
	assert_int_equal(feeds_matches(db, url, "T", NULL, 0, &e), 1);
	db_close(db);
}

static void
test_feeds_follow_the_feeds_file(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct items_query q = { 0 };
	struct items_store_stats st = { 0 };
	struct item items[2];
	struct item_row *rows;
	size_t n;
	int64_t a, b, c;
	int nfeeds, nitems, nstarred, total;
	const char *both[] = { "https://b.example/", "https://a.example/" };
	const char *only_b[] = { "https://b.example/" };

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://a.example/", &a, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://b.example/", &b, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://c.example/", &c, &e), 0);
	items[0] = mkitem("a1", "From A", 1000);
	items[1] = mkitem("a2", "Also from A", 2000);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, a, "A", items, NULL, 2, 5000, &st, &e), 0);
	items[0] = mkitem("b1", "From B", 3000);
	assert_int_equal(items_store(db, b, "B", items, NULL, 1, 5000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(items_set_starred(db, 1, 1, &e), 0);

	/* the file lists b then a: c is unlisted, positions follow the file */
	assert_int_equal(feeds_sync_listed(db, both, 2, &e), 0);
	assert_int_equal(count(db, "SELECT position FROM feeds WHERE url = 'https://b.example/'"), 1);
	assert_int_equal(count(db, "SELECT position FROM feeds WHERE url = 'https://a.example/'"), 2);
	assert_int_equal(count(db, "SELECT listed FROM feeds WHERE url = 'https://c.example/'"), 0);
	assert_int_equal(feeds_any_unlisted(db, &e), 1);
	/* unchanged: nothing written */
	total = count(db, "SELECT total_changes()");
	assert_int_equal(feeds_sync_listed(db, both, 2, &e), 0);
	assert_int_equal(count(db, "SELECT total_changes()"), total);

	/* a taken out of the file: its items are hidden, not deleted */
	assert_int_equal(feeds_sync_listed(db, only_b, 1, &e), 0);
	assert_int_equal(items_count(db, &q, &total, &e), 0);
	assert_int_equal(total, 1);
	assert_int_equal(items_list(db, &q, &rows, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].title, "From B");
	items_free_rows(rows, n);
	q.feed_id = a;		/* asked for by id, it still answers */
	assert_int_equal(items_count(db, &q, &total, &e), 0);
	assert_int_equal(total, 2);
	q.feed_id = 0;
	/* "mark all read" leaves the hidden feed's items as they were */
	assert_int_equal(items_mark_feed_read(db, 0, &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items WHERE read = 0"), 2);
	assert_int_equal(count(db, "SELECT read FROM items WHERE title = 'From B'"), 1);
	/* put back: everything is there again, star included */
	assert_int_equal(feeds_sync_listed(db, both, 2, &e), 0);
	assert_int_equal(items_count(db, &q, &total, &e), 0);
	assert_int_equal(total, 3);
	assert_int_equal(count(db, "SELECT starred FROM items WHERE id = 1"), 1);

	/* cleanup refuses while an unlisted feed holds a starred item ... */
	assert_int_equal(feeds_sync_listed(db, only_b, 1, &e), 0);
	assert_int_equal(feeds_delete_unlisted(db, 0, &nfeeds, &nitems, &nstarred, &e), 0);
	assert_int_equal(nstarred, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM items"), 3);
	/* ... and with force deletes them with their items and says how many */
	assert_int_equal(feeds_delete_unlisted(db, 1, &nfeeds, &nitems, &nstarred, &e), 1);
	assert_int_equal(nfeeds, 2);	/* a and c */
	assert_int_equal(nitems, 2);
	assert_int_equal(nstarred, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM feeds"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM items"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts"), 1);
	assert_int_equal(feeds_any_unlisted(db, &e), 0);
	db_close(db);
}

/*
 * Item 18: the articles still to fetch are listed per feed when one feed
 * is asked for, and counted per feed and in all: a page never tried or
 * failed fewer than 3 times counts; fetched, 3 times failed or not http(s)
 * does not.
 */
static void
test_article_backlog_follows_the_feed_asked_for(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct item items[3];
	struct article_todo *todo;
	struct article_in ok = { .status = ARTICLE_OK, .text = "text" };
	struct article_in failed = { .status = ARTICLE_FAILED, .error = "timeout" };
	struct feed_row *rows;
	size_t n;
	int64_t a, b;
	int backlog, i;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://a.example/", &a, &e), 0);
	assert_int_equal(feeds_ensure(db, "https://b.example/", &b, &e), 0);
	items[0] = mkitem("1", "One", 3000);
	items[1] = mkitem("2", "Two", 2000);
	items[2] = mkitem("3", "Three", 1000);
	items[2].link = (char *)"file:///etc/passwd";
	assert_int_equal(db_begin(db, &e), 0);
	/* a's items are newer than b's: a poll of everything takes a's first */
	assert_int_equal(items_store(db, b, "B", items, NULL, 3, 5000, NULL, &e), 0);
	items[0].published += 10000;
	items[1].published += 10000;
	assert_int_equal(items_store(db, a, "A", items, NULL, 3, 5000, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);

	assert_int_equal(articles_pending(db, 0, 1, &todo, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(count(db, "SELECT feed_id FROM items WHERE id = (SELECT max(id) - 2 "
	    "FROM items)"), (int)a);
	articles_free_todo(todo, n);
	/* b asked for: b's pages, even with a's newer ones waiting */
	assert_int_equal(articles_pending(db, b, 1, &todo, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM items WHERE feed_id = 1"), 3);
	assert_string_equal(todo[0].feed_url, "https://b.example/");
	articles_free_todo(todo, n);
	assert_int_equal(articles_pending(db, b, 0, &todo, &n, &e), 0);
	assert_int_equal(n, 2);		/* not the file: link */
	assert_string_equal(todo[0].feed_url, "https://b.example/");
	assert_string_equal(todo[1].feed_url, "https://b.example/");
	articles_free_todo(todo, n);

	/* b's first page fetched, its second failed three times */
	assert_int_equal(articles_store(db, 1, &ok, &e), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(articles_backlog(db, &backlog, &e), 0);
		assert_int_equal(backlog, 3);
		assert_int_equal(articles_store(db, 2, &failed, &e), 0);
	}
	assert_int_equal(articles_backlog(db, &backlog, &e), 0);
	assert_int_equal(backlog, 2);
	assert_int_equal(feeds_list(db, &rows, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, a);
	assert_int_equal(rows[0].backlog, 2);
	assert_int_equal(rows[1].backlog, 0);
	feeds_free_rows(rows, n);
	/* a feed out of the feeds file is not waited for */
	{
		const char *only_b[] = { "https://b.example/" };

		assert_int_equal(feeds_sync_listed(db, only_b, 1, &e), 0);
	}
	assert_int_equal(articles_backlog(db, &backlog, &e), 0);
	assert_int_equal(backlog, 0);
	db_close(db);
}

/* SQLite's virtual machine steps of every statement run, for a count of
 * the work that does not depend on the machine's speed. */
static unsigned long long vm_steps;

static int
vm_step_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	(void)x;
	if (type == SQLITE_TRACE_PROFILE)
		vm_steps += (unsigned)sqlite3_stmt_status(p, SQLITE_STMTSTATUS_VM_STEP, 1);
	return 0;
}

/* What a start-up does with the feeds file (main.c's sync_feeds): compare
 * each line, write what differs in one transaction, then listed/position. */
static void
sync_like_startup(struct db *db, const char *const *urls, size_t n)
{
	char tag[] = "news", *tags[] = { tag };
	struct err e;
	size_t i;
	int began = 0, same;

	for (i = 0; i < n; i++) {
		same = feeds_matches(db, urls[i], NULL, tags, 1, &e);
		assert_true(same >= 0);
		if (same)
			continue;
		if (!began)
			assert_int_equal(db_begin(db, &e), 0);
		began = 1;
		assert_int_equal(feeds_set_tags(db, urls[i], tags, 1, &e), 0);
		assert_int_equal(feeds_set_custom_title(db, urls[i], NULL, &e), 0);
	}
	assert_int_equal(feeds_sync_listed(db, urls, n, &e), 0);
	if (began)
		assert_int_equal(db_commit(db, &e), 0);
}

/*
 * Item 23: a first start with 20,000 feeds was quadratic (every new feed
 * scanned the table for max(position): 33 s).  The work is counted in
 * SQLite VM steps, not timed: about 170 a feed at a first start and 30 at
 * the next; the quadratic version took 80,000 a feed at this size (and a
 * minute and a half).
 */
#define MANY_FEEDS 20000

static void
test_startup_is_linear_in_feeds(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	char **urls = xcalloc(MANY_FEEDS, sizeof *urls);
	unsigned long long first, again;
	int64_t id;
	size_t i;

	assert_non_null(db);
	for (i = 0; i < MANY_FEEDS; i++)
		urls[i] = xasprintf("https://feed%zu.example/rss", i);
	sqlite3_trace_v2(db->h, SQLITE_TRACE_PROFILE, vm_step_trace, NULL);
	vm_steps = 0;
	sync_like_startup(db, (const char *const *)urls, MANY_FEEDS);
	first = vm_steps;
	vm_steps = 0;
	sync_like_startup(db, (const char *const *)urls, MANY_FEEDS);
	again = vm_steps;
	/* a poll asks for every feed's row, too */
	vm_steps = 0;
	for (i = 0; i < MANY_FEEDS; i++)
		assert_int_equal(feeds_ensure(db, urls[i], &id, &e), 0);
	sqlite3_trace_v2(db->h, 0, NULL, NULL);
	print_message("VM steps a feed: first start %llu, next %llu, ensure %llu\n",
	    first / MANY_FEEDS, again / MANY_FEEDS, vm_steps / MANY_FEEDS);
	assert_true(first < 1000ULL * MANY_FEEDS);
	assert_true(again < 1000ULL * MANY_FEEDS);
	assert_true(vm_steps < 100ULL * MANY_FEEDS);
	assert_int_equal(count(db, "SELECT count(*) FROM feeds"), MANY_FEEDS);
	assert_int_equal(count(db, "SELECT count(*) FROM feed_tags"), MANY_FEEDS);
	assert_int_equal(count(db, "SELECT position FROM feeds WHERE url = "
	    "'https://feed19999.example/rss'"), MANY_FEEDS);
	/* a feed added after the start-up goes to the end of the list */
	assert_int_equal(feeds_ensure(db, "https://new.example/", &id, &e), 0);
	assert_int_equal(count(db, "SELECT id FROM feeds ORDER BY position DESC, id DESC "
	    "LIMIT 1"), (int)id);
	for (i = 0; i < MANY_FEEDS; i++)
		free(urls[i]);
	free(urls);
	db_close(db);
}

static void
test_second_writer_waits_not_fails(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *a = db_open(f->path, 0, &e), *b = db_open(f->path, 0, &e);
	int64_t id;

	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(db_begin(a, &e), 0);
	assert_int_equal(feeds_ensure(a, "https://x/", &id, &e), 0);
	/* b can read while a writes (WAL) */
	assert_int_equal(count(b, "SELECT count(*) FROM feeds"), 0);
	assert_int_equal(db_commit(a, &e), 0);
	assert_int_equal(db_begin(b, &e), 0);
	assert_int_equal(feeds_ensure(b, "https://y/", &id, &e), 0);
	assert_int_equal(db_commit(b, &e), 0);
	assert_int_equal(count(a, "SELECT count(*) FROM feeds"), 2);
	db_close(a);
	db_close(b);
}

static int
count_raw(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int n;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* issue 11 item 13: the cache holds the feeds file's URLs: 0600 whatever
 * the umask, and SQLite gives its -wal and -shm the file's mode */
static void
test_new_cache_is_private(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct stat sb;
	mode_t old = umask(022);
	struct db *db = db_open(f->path, 0, &e);
	char *wal = xasprintf("%s-wal", f->path), *shm = xasprintf("%s-shm", f->path);

	umask(old);
	assert_non_null(db);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(shm, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	db_close(db);
	free(wal);
	free(shm);
}

/*
 * issue 11 item 15: another program's WAL-mode database whose schema is
 * still only in its -wal (the main file's header says "no tables") is
 * refused, and neither file changes.
 */
static void
test_foreign_wal_database_refused_untouched(void **state)
{
	struct fixture *f = *state;
	char *wal = xasprintf("%s-wal", f->path), *before, *wbefore, *after;
	size_t len, wlen, alen;
	sqlite3 *other;
	struct err e;

	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "PRAGMA journal_mode = WAL; "
	    "PRAGMA wal_autocheckpoint = 0; CREATE TABLE notes(x); "
	    "INSERT INTO notes VALUES ('precious')", NULL, NULL, NULL), SQLITE_OK);
	before = slurp(f->path, &len);
	wbefore = slurp(wal, &wlen);
	assert_int_equal(before[40] | before[41] | before[42] | before[43], 0);	/* cookie 0 */
	assert_true(wlen > 32);

	assert_null(db_open(f->path, 0, &e));
	assert_non_null(strstr(e.msg, "not a tidings cache (an SQLite database of another program)"));
	assert_null(db_open(f->path, DB_OPEN_READ_ENOUGH, &e));
	after = slurp(f->path, &alen);
	assert_int_equal(alen, len);
	assert_memory_equal(after, before, len);
	free(after);
	after = slurp(wal, &alen);
	assert_int_equal(alen, wlen);
	assert_memory_equal(after, wbefore, wlen);
	free(after);
	assert_int_equal(count_raw(other, "SELECT count(*) FROM sqlite_master"), 1);
	sqlite3_close(other);
	free(before);
	free(wbefore);
	free(wal);
}

/* ... and a tidings cache in the same state (a crash before its first
 * checkpoint, as an older tidings left it) is still ours */
static void
test_own_cache_with_schema_only_in_wal_opens(void **state)
{
	struct fixture *f = *state;
	sqlite3 *old;
	struct err e;
	struct db *db;
	char sql[128];

	snprintf(sql, sizeof sql, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; "
	    "PRAGMA application_id = %d; PRAGMA user_version = 0", DB_APPLICATION_ID);
	assert_int_equal(sqlite3_open(f->path, &old), SQLITE_OK);
	assert_int_equal(sqlite3_exec(old, "PRAGMA journal_mode = WAL; CREATE TABLE x(y); "
	    "DROP TABLE x", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(old, sql, NULL, NULL, NULL), SQLITE_OK);
	db = db_open(f->path, 0, &e);
	assert_non_null(db);
	assert_int_equal(count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	db_close(db);
	sqlite3_close(old);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_creates_schema_in_wal_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_cache_has_16k_pages_and_an_8mib_page_cache,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrates_older_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrates_v4_keeping_read_and_starred, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuses_foreign_and_corrupt_files_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poll_never_touches_read_or_starred, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_follows_inserts_updates_and_deletes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feeds_and_items_exist, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statuses_round_trip_as_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_future_dates_are_clamped_to_first_seen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_transaction_is_one_index_segment, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_feeds_status_counts_and_tags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feeds_matches_compares_title_and_tag_sets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feeds_follow_the_feeds_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_writer_waits_not_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_startup_is_linear_in_feeds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_article_backlog_follows_the_feed_asked_for,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_cache_is_private, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_wal_database_refused_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_cache_with_schema_only_in_wal_opens, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
