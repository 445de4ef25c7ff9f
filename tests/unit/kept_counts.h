/*
 * For the unit tests on a real cache: check_counts(db, step) fails the
 * test, naming the step, unless every feed's kept counts (feeds.n_total,
 * n_unread, n_pending, schema 10) equal a fresh count(*) of its items and
 * every reader of them (feeds_list, views_feeds, articles_backlog)
 * reports them.  Include after cmocka.h and cache_count.h.  White-box.
 */
#ifndef TIDINGS_TEST_KEPT_COUNTS_H
#define TIDINGS_TEST_KEPT_COUNTS_H

#include "store/feeds.h"
#include "store/items.h"
#include "store/views.h"

/* The counts as they were before schema 7, from the items themselves
 * (ARTICLES_PENDING: the definition the title bar always used). */
#define FRESH_TOTAL "(SELECT count(*) FROM items i WHERE i.feed_id = f.id)"
#define FRESH_UNREAD "(SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0)"
#define FRESH_PENDING "(SELECT count(*) FROM items i WHERE i.feed_id = f.id AND " \
	ARTICLES_PENDING ")"
#define FRESH_BACKLOG "SELECT count(*) FROM items i WHERE " FEEDS_LISTED_ONLY " AND " \
	ARTICLES_PENDING

/* count(db, sql) with ?1 bound to id (the SQL holds LIKE patterns: no
 * printf formats) */
static int
count_id(struct db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	int n;

	assert_non_null(st);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * Fail, naming the step, unless every feed's kept counts are the fresh
 * ones and every reader of them (feeds_list, views_feeds,
 * articles_backlog) reports them.
 */
static void
check_counts(struct db *db, const char *step)
{
	struct feed_row *rows;
	struct views_feed *vrows;
	struct err e;
	size_t n, i;
	int wrong, backlog;

	wrong = count(db, "SELECT count(*) FROM feeds f WHERE (n_total, n_unread, n_pending) "
	    "!= (" FRESH_TOTAL ", " FRESH_UNREAD ", " FRESH_PENDING ")");
	if (wrong != 0)
		fail_msg("after %s: %d feed(s) keep counts other than count(*) gives "
		    "(first: id %d, kept %d/%d/%d, counted %d/%d/%d)", step, wrong,
		    count(db, "SELECT id FROM feeds f WHERE (n_total, n_unread, n_pending) != ("
		    FRESH_TOTAL ", " FRESH_UNREAD ", " FRESH_PENDING ") ORDER BY id"),
		    count(db, "SELECT n_total FROM feeds f WHERE (n_total, n_unread, n_pending) != ("
		    FRESH_TOTAL ", " FRESH_UNREAD ", " FRESH_PENDING ") ORDER BY id"),
		    count(db, "SELECT n_unread FROM feeds f WHERE (n_total, n_unread, n_pending) != ("
		    FRESH_TOTAL ", " FRESH_UNREAD ", " FRESH_PENDING ") ORDER BY id"),
		    count(db, "SELECT n_pending FROM feeds f WHERE (n_total, n_unread, n_pending) != ("
		    FRESH_TOTAL ", " FRESH_UNREAD ", " FRESH_PENDING ") ORDER BY id"),
		    count(db, "SELECT " FRESH_TOTAL " FROM feeds f WHERE (n_total, n_unread, "
		    "n_pending) != (" FRESH_TOTAL ", " FRESH_UNREAD ", " FRESH_PENDING ") ORDER BY id"),
		    count(db, "SELECT " FRESH_UNREAD " FROM feeds f WHERE (n_total, n_unread, "
		    "n_pending) != (" FRESH_TOTAL ", " FRESH_UNREAD ", " FRESH_PENDING ") ORDER BY id"),
		    count(db, "SELECT " FRESH_PENDING " FROM feeds f WHERE (n_total, n_unread, "
		    "n_pending) != (" FRESH_TOTAL ", " FRESH_UNREAD ", " FRESH_PENDING ") ORDER BY id"));

	assert_int_equal(articles_backlog(db, &backlog, &e), 0);
	if (backlog != count(db, FRESH_BACKLOG))
		fail_msg("after %s: articles_backlog says %d, count(*) %d", step, backlog,
		    count(db, FRESH_BACKLOG));

	assert_int_equal(feeds_list(db, &rows, &n, &e), 0);
	for (i = 0; i < n; i++) {
		int want = count_id(db, "SELECT " FRESH_UNREAD " * 1000000 + " FRESH_TOTAL
		    " * 1000 + " FRESH_PENDING " FROM feeds f WHERE id = ?1", rows[i].id);

		if (rows[i].unread * 1000000 + rows[i].total * 1000 + rows[i].backlog != want)
			fail_msg("after %s: feeds_list gives feed %lld %d unread, %d items, %d "
			    "to fetch; count(*) %d/%d/%d", step, (long long)rows[i].id,
			    rows[i].unread, rows[i].total, rows[i].backlog, want / 1000000,
			    want / 1000 % 1000, want % 1000);
	}
	feeds_free_rows(rows, n);

	assert_int_equal(views_feeds(db, &vrows, &n, &e), 0);
	for (i = 0; i < n; i++) {
		int want = count_id(db, "SELECT " FRESH_UNREAD " * 1000000 + " FRESH_TOTAL
		    " FROM feeds f WHERE id = ?1", vrows[i].id);

		if (vrows[i].unread * 1000000 + vrows[i].total != want)
			fail_msg("after %s: views_feeds gives feed %lld %d unread of %d; "
			    "count(*) %d of %d", step, (long long)vrows[i].id, vrows[i].unread,
			    vrows[i].total, want / 1000000, want % 1000000);
	}
	views_free_feeds(vrows, n);
}

#endif
