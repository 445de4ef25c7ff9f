/*
 * Unit tests for store/items_fts: the index's text stored once (schema 13),
 * on real SQLite files.  After every way an item's index entries change,
 * FTS5's own 'integrity-check' (which, for an external-content table,
 * tokenizes the text the view gives back and compares it with the index)
 * must pass, and searches must find what the items now say.
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
#include "store/search.h"
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
	return tmp_cache_open(f->dir, sizeof f->dir, "store_fts", &f->path, NULL);
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
mkitem(const char *guid, const char *title, time_t published)
{
	struct item it;

	memset(&it, 0, sizeof it);
	it.guid = (char *)guid;
	it.title = (char *)title;
	it.author = (char *)"Ann Author";
	it.summary = (char *)"<p>the feed's HTML</p>";
	it.link = (char *)"https://example.org/a";
	it.published = published;
	return it;
}

/* FTS5's check of the index against the text it reads back (rank 1: the
 * content too, not only the index's own structure): 0 when they agree */
static int
integrity(struct db *db)
{
	struct err e;

	return db_exec(db, "INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)",
	    &e);
}

static void
store(struct db *db, int64_t fid, const char *feed, struct item *items, char **texts, size_t n)
{
	struct items_store_stats st = { 0 };
	struct err e;

	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, feed, items, texts, n, 1000, &st, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
}

/* how many items match the FTS5 query q */
static int
matches(struct db *db, const char *q)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM items_fts WHERE items_fts "
	    "MATCH ?1", NULL);
	int n;

	assert_non_null(st);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * Inserts, updates (the feed's text and a downloaded article's), a feed's
 * new title, retention and a removed feed: the index agrees with its text
 * after each.  The update whose text was rendered differently from the
 * first time ("a tidings whose rendering changed"): the old entries go,
 * because the delete reads the text that was indexed, not the HTML
 * rendered again.
 */
static void
test_index_agrees_with_its_text_after_every_change(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct item items[3];
	char t0[] = "walrus tusks", t1[] = "penguin colony", t2[] = "zebra stripes";
	char r0[] = "walrus rendered anew as narwhal";
	char *texts[] = { t0, t1, t2 };
	struct article_in a = { .status = ARTICLE_OK, .text = "an article about otters" };
	int64_t fid;

	assert_non_null(db);
	/* the text is stored once: no content table of the index's own */
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name = "
	    "'items_fts_content'"), 0);
	assert_int_equal(feeds_ensure(db, "https://example.org/feed", &fid, &e), 0);
	items[0] = mkitem("a", "Alpha", 100);
	items[1] = mkitem("b", "Beta", 200);
	items[2] = mkitem("c", "Gamma", 300);
	store(db, fid, "Example", items, texts, 3);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items WHERE fts IS NOT NULL"), 3);
	assert_int_equal(matches(db, "penguin"), 1);
	assert_int_equal(matches(db, "author:ann AND feed:example AND title:gamma"), 1);

	/* the same item, its text rendered differently this time */
	items[0].title = (char *)"Alpha, updated";
	texts[0] = r0;
	store(db, fid, "Example", items, texts, 3);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(matches(db, "tusks"), 0);
	assert_int_equal(matches(db, "narwhal AND updated"), 1);

	/* a downloaded article's text replaces the feed's, and stays through
	 * an update of the item (read back from items.fts) */
	assert_int_equal(articles_store(db, 2, &a, &e), 0);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(matches(db, "penguin"), 0);
	assert_int_equal(matches(db, "otters"), 1);
	items[1].title = (char *)"Beta, updated";
	store(db, fid, "Example", items, texts, 3);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(matches(db, "otters AND updated"), 1);

	/* the feed's new title */
	assert_int_equal(db_exec(db, "UPDATE feeds SET title = 'Renamed Weekly'", &e), 0);
	assert_int_equal(items_reindex_feed(db, fid, &e), 0);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(matches(db, "feed:renamed"), 3);
	assert_int_equal(matches(db, "feed:example"), 0);
	assert_int_equal(matches(db, "otters AND feed:weekly"), 1);

	/* retention deletes one (the trigger reads its text before it goes) */
	assert_int_equal(items_set_starred(db, 1, 1, &e), 0);
	assert_int_equal(db_exec(db, "DELETE FROM items WHERE id = 2", &e), 0);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(matches(db, "otters"), 0);
	assert_int_equal(matches(db, "zebra"), 1);

	/* removing the feed removes the rest */
	assert_int_equal(feeds_delete(db, "https://example.org/feed", &e), 0);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts"), 0);
	assert_int_equal(matches(db, "zebra OR narwhal"), 0);
	db_close(db);
}

/*
 * The check above can fail: text changed behind the index's back (here,
 * by hand) is found, and 'rebuild' puts it right.  Without this, a
 * passing integrity-check could mean it never looks at the text.
 */
static void
test_integrity_check_sees_text_changed_behind_its_back(void **state)
{
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct item it = mkitem("a", "Alpha", 100);
	char t0[] = "walrus";
	char *texts[] = { t0 };
	int64_t fid;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://example.org/feed", &fid, &e), 0);
	store(db, fid, "Example", &it, texts, 1);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(db_exec(db, "UPDATE items SET fts = tidings_fts_pack('Alpha', "
	    "'Ann Author', 'Example', 'narwhal')", &e), 0);
	assert_int_not_equal(integrity(db), 0);
	assert_int_equal(db_exec(db, "INSERT INTO items_fts(items_fts) VALUES ('rebuild')", &e), 0);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(matches(db, "walrus"), 0);
	assert_int_equal(matches(db, "narwhal"), 1);
	/* a damaged blob is an error naming what is damaged, not a crash */
	assert_int_equal(db_exec(db, "UPDATE items SET fts = x'0105000000789c'", &e), 0);
	assert_int_not_equal(db_exec(db, "SELECT body FROM items_fts_text", &e), 0);
	assert_non_null(strstr(e.msg, "items.fts"));
	db_close(db);
}

/*
 * tidings_fts_col on blobs that are not what items_fts_pack makes: each an
 * error naming items.fts (never a read past the blob: the sanitizer build
 * runs this), and the good ones give their columns.
 */
static void
test_damaged_text_blobs_are_errors(void **state)
{
	static const struct {
		const char *sql;
		const char *want;	/* NULL: an error */
	} cases[] = {
		/* 'Tx\0' deflated: one column of three bytes */
		{ "SELECT tidings_fts_col(x'010300000078010ba960000001ef00cd', 0)", "x" },
		{ "SELECT tidings_fts_col(x'010300000078010ba960000001ef00cd', 1)", NULL },
		{ "SELECT tidings_fts_col(x'010300000078010ba960000001ef00cd', -1)", NULL },
		{ "SELECT tidings_fts_col(x'010300000078010ba960000001ef00cd', 4)", NULL },
		/* 'Tab\0Nz\0': a column, then a NULL one */
		{ "SELECT tidings_fts_col(x'010700000078010b494c62f0ab620000086101e0', 0)", "ab" },
		{ "SELECT coalesce(tidings_fts_col(x'010700000078010b494c62f0ab620000086101e0', 1), "
		  "'null')", "null" },
		/* 'Tx' with no NUL: the column runs off the end */
		{ "SELECT tidings_fts_col(x'010200000078010ba90000012200cd', 0)", NULL },
		/* the stated size is not what inflates */
		{ "SELECT tidings_fts_col(x'010400000078010ba960000001ef00cd', 0)", NULL },
		{ "SELECT tidings_fts_col(x'01ffffff7f78010ba960000001ef00cd', 0)", NULL },
		/* another format, a header alone, nothing, a truncated stream */
		{ "SELECT tidings_fts_col(x'020300000078010ba960000001ef00cd', 0)", NULL },
		{ "SELECT tidings_fts_col(x'0103000000', 0)", NULL },
		{ "SELECT tidings_fts_col(x'', 0)", NULL },
		{ "SELECT tidings_fts_col(x'010300000078010ba9', 0)", NULL },
		{ "SELECT coalesce(tidings_fts_col(NULL, 0), 'null')", "null" },
		/* what the packer makes, read back */
		{ "SELECT tidings_fts_col(tidings_fts_pack('t', NULL, '', 'body'), 3)", "body" },
		{ "SELECT coalesce(tidings_fts_col(tidings_fts_pack('t', NULL, '', 'b'), 1), "
		  "'null')", "null" },
		{ "SELECT '[' || tidings_fts_col(tidings_fts_pack('t', NULL, '', 'b'), 2) || ']'",
		  "[]" },
	};
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	size_t i;

	assert_non_null(db);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sqlite3_stmt *st = db_prepare(db, cases[i].sql, NULL);
		int rc;

		assert_non_null(st);
		rc = sqlite3_step(st);
		if (cases[i].want == NULL) {
			if (rc != SQLITE_ERROR)
				fail_msg("%s: not an error", cases[i].sql);
			assert_non_null(strstr(sqlite3_errmsg(db->h), "items.fts"));
		} else {
			if (rc != SQLITE_ROW)
				fail_msg("%s: %s", cases[i].sql, sqlite3_errmsg(db->h));
			assert_string_equal((const char *)sqlite3_column_text(st, 0), cases[i].want);
		}
		sqlite3_finalize(st);
	}
	db_close(db);
}

/* every hit of a search as one line: id, score, title, snippet and its spans */
static char *
search_lines(struct db *db, const char *text)
{
	struct search_opts o = { .limit = 20 };
	struct search_result r = { 0 };
	struct search_query *q;
	struct err e;
	char *out = xstrdup(""), *next;
	size_t i, k;

	q = search_compile(db, text, 1000, 0, &e);
	assert_non_null(q);
	assert_int_equal(search_run(db, q, &o, &r, &e), 0);
	for (i = 0; i < r.n; i++) {
		const struct search_hit *h = &r.hits[i];

		next = xasprintf("%s%lld %.6f %s | %s |", out, (long long)h->id, h->score,
		    h->title ? h->title : "", h->snippet ? h->snippet : "");
		free(out);
		out = next;
		for (k = 0; k < h->nspans; k++) {
			next = xasprintf("%s %zu-%zu", out, h->spans[k].start, h->spans[k].end);
			free(out);
			out = next;
		}
		next = xasprintf("%s\n", out);
		free(out);
		out = next;
	}
	search_result_release(&r);
	search_query_free(q);
	return out;
}

/*
 * A schema-11 cache (the index with its own copy of the text) becomes
 * schema 13 with the same search results, scores and snippets, an index
 * that agrees with the text, and items that can still be updated and
 * deleted cleanly.  One of its items has an article, whose text only the
 * index held.
 */
static void
test_schema_11_cache_keeps_its_search(void **state)
{
	static const char *const queries[] = {
		"walrus", "penguin OR zebra", "otters", "\"colony of\"", "pe*", "title:beta",
		"feed:example stripes", "-walrus colony",
	};
	struct fixture *f = *state;
	struct err e;
	struct db *db = db_open(f->path, 0, &e);
	struct item items[4];
	char t0[] = "walrus tusks on the ice", t1[] = "a penguin colony of many penguins",
	    t2[] = "zebra stripes and zebra foals", t3[] = "pebbles";
	char *texts[] = { t0, t1, t2, t3 };
	struct article_in a = { .status = ARTICLE_OK, .text = "an article about otters" };
	char *before[sizeof queries / sizeof queries[0]];
	int64_t fid;
	size_t i;

	assert_non_null(db);
	assert_int_equal(feeds_ensure(db, "https://example.org/feed", &fid, &e), 0);
	items[0] = mkitem("a", "Alpha", 100);
	items[1] = mkitem("b", "Beta", 200);
	items[2] = mkitem("c", "Gamma", 300);
	items[3] = mkitem("d", "Delta", 400);
	store(db, fid, "Example", items, texts, 4);
	assert_int_equal(articles_store(db, 3, &a, &e), 0);
	assert_int_equal(db_exec(db, DOWNGRADE_TO_11 "PRAGMA user_version = 11", &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts_content"), 4);
	assert_int_equal(integrity(db), 0);
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++)
		before[i] = search_lines(db, queries[i]);
	assert_non_null(strstr(before[2], "otters"));
	db_close(db);

	db = db_open(f->path, 0, &e);
	assert_non_null(db);
	assert_int_equal(count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name = "
	    "'items_fts_content'"), 0);
	/* the space the old index and its copy of the text took is given back */
	assert_int_equal(count(db, "PRAGMA freelist_count"), 0);
	assert_int_equal(integrity(db), 0);
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char *after = search_lines(db, queries[i]);

		assert_string_equal(after, before[i]);
		free(after);
		free(before[i]);
	}
	/* the article's text came over: an update keeps it */
	items[2].title = (char *)"Gamma, updated";
	store(db, fid, "Example", items, texts, 4);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(matches(db, "otters AND updated"), 1);
	assert_int_equal(feeds_delete(db, "https://example.org/feed", &e), 0);
	assert_int_equal(integrity(db), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM items_fts"), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_index_agrees_with_its_text_after_every_change,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_integrity_check_sees_text_changed_behind_its_back,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_11_cache_keeps_its_search, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_damaged_text_blobs_are_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
