/*
 * store/items_retain: what leaves the cache, and how much: max-items at
 * every poll, newsboat's max-items and keep-articles-days, delete-read-
 * articles-on-quit, and the reader's delete-article (its guid kept in
 * deleted_items so the next poll does not bring it back).  Starred items
 * are never deleted by a rule.  Split from store/items.c (the 800-line
 * limit).
 */
#include "store/items.h"

#include <stdlib.h>

#include "store/db_priv.h"
#include "util/xalloc.h"

/* sql prepared with feed_id, n and now bound as ?1, ?2 and ?3 (it may use
 * fewer), or NULL and *e. */
static sqlite3_stmt *
items_retain_stmt(struct db *db, const char *sql, int64_t feed_id, long long n, time_t now,
    struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);

	if (st != NULL) {
		sqlite3_bind_int64(st, 1, feed_id);
		sqlite3_bind_int64(st, 2, n);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	}
	return st;
}

/* 1 when the query (bound as items_retain_stmt binds) answers true, 0 when
 * not, -1 and *e on failure (what names it).  Asked before a DELETE: a
 * feed with nothing to cut is not asked to, since a DELETE opens a
 * statement savepoint, which makes FTS5 write out the index entries it
 * holds (items_store says what that cost). */
static int
items_prune_needed(struct db *db, const char *sql, int64_t feed_id, long long n, time_t now,
    const char *what, struct err *e)
{
	sqlite3_stmt *st = items_retain_stmt(db, sql, feed_id, n, now, e);
	int rc, yes;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, e, what);
	return yes;
}

/* Run a DELETE bound to (feed_id, n, now) and count its rows in stats:
 * a row this poll added (first_seen = now) was never shown, so it is taken
 * off stats->added instead of counted as removed.  what names it in *e. */
static int
items_delete_counted(struct db *db, const char *sql, int64_t feed_id, long long n, time_t now,
    int added_now, struct items_store_stats *stats, const char *what, struct err *e)
{
	sqlite3_stmt *st = items_retain_stmt(db, sql, feed_id, n, now, e);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, what);
	if (stats != NULL && added_now)
		stats->added -= sqlite3_changes(db->h);
	else if (stats != NULL)
		stats->removed += sqlite3_changes(db->h);
	return 0;
}

int
items_retain(struct db *db, int64_t feed_id, int max, time_t seen,
    struct items_store_stats *stats, struct err *e)
{
	int over;

	if (max <= 0)
		return 0;
	/* a feed within max has nothing to remove */
	if ((over = items_prune_needed(db, "SELECT count(*) > ?2 FROM items WHERE feed_id = ?1",
	    feed_id, max, seen, "applying max-items", e)) <= 0)
		return over;
	return items_delete_counted(db, "DELETE FROM items WHERE feed_id = ?1 AND starred = 0 "
	    "AND last_seen != ?3 AND id NOT IN (SELECT id FROM items WHERE feed_id = ?1 "
	    "ORDER BY published DESC, id DESC LIMIT ?2)", feed_id, max, seen, 0, stats,
	    "applying max-items", e);
}

/* ---- newsboat's retention (max-items, keep-articles-days, delete-read-
 * articles-on-quit); starred items are never deleted ---- */

int
items_prune(struct db *db, int64_t feed_id, int max, int keep_days, time_t now,
    struct items_store_stats *stats, struct err *e)
{
	/* [0]: the rows this poll added, [1]: the rest */
	static const char *const newest[2] = {
		"DELETE FROM items WHERE feed_id = ?1 AND starred = 0 AND first_seen = ?3 "
		"AND id NOT IN (SELECT id FROM items WHERE feed_id = ?1 "
		"ORDER BY published DESC, id DESC LIMIT ?2)",
		"DELETE FROM items WHERE feed_id = ?1 AND starred = 0 "
		"AND id NOT IN (SELECT id FROM items WHERE feed_id = ?1 "
		"ORDER BY published DESC, id DESC LIMIT ?2)",
	};
	static const char *const older[2] = {
		"DELETE FROM items WHERE feed_id = ?1 AND starred = 0 AND first_seen = ?3 "
		"AND published < ?3 - ?2 * 86400",
		"DELETE FROM items WHERE feed_id = ?1 AND starred = 0 "
		"AND published < ?3 - ?2 * 86400",
	};
	int i, over_max = 0, too_old = 0;

	/* nothing to cut, no DELETE (items_prune_needed says why) */
	if (max > 0 && (over_max = items_prune_needed(db, "SELECT count(*) > ?2 FROM items "
	    "WHERE feed_id = ?1", feed_id, max, now, "deleting old items", e)) < 0)
		return -1;
	if (keep_days > 0 && (too_old = items_prune_needed(db, "SELECT EXISTS (SELECT 1 FROM "
	    "items WHERE feed_id = ?1 AND starred = 0 AND published < ?3 - ?2 * 86400)",
	    feed_id, keep_days, now, "deleting old items", e)) < 0)
		return -1;
	for (i = 0; i < 2; i++) {
		if (over_max && items_delete_counted(db, newest[i], feed_id, max, now, i == 0,
		    stats, "deleting old items", e) < 0)
			return -1;
		if (too_old && items_delete_counted(db, older[i], feed_id, keep_days, now,
		    i == 0, stats, "deleting old items", e) < 0)
			return -1;
	}
	return 0;
}

int
items_delete_read(struct db *db, int *count, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM items WHERE read = 1 AND starred = 0", e);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "deleting read items");
	*count = sqlite3_changes(db->h);
	return 0;
}

/* ---- keys: delete-article, delete-all-articles ---- */

int
items_delete(struct db *db, int64_t item_id, int64_t feed_id, int keep_starred,
    struct err *e)
{
	sqlite3_stmt *mark = NULL, *del = NULL;
	const char *where = item_id ? "id = ?1" : keep_starred
	    ? "feed_id = ?2 AND starred = 0" : "feed_id = ?2";
	char *sql;
	int rc = -1;

	if (db_begin(db, e) < 0)
		return -1;
	sql = xasprintf("INSERT OR IGNORE INTO deleted_items(feed_id, guid) "
	    "SELECT feed_id, guid FROM items WHERE %s", where);
	mark = db_prepare(db, sql, e);
	free(sql);
	sql = xasprintf("DELETE FROM items WHERE %s", where);
	del = db_prepare(db, sql, e);
	free(sql);
	if (mark == NULL || del == NULL)
		goto out;
	sqlite3_bind_int64(mark, 1, item_id);
	sqlite3_bind_int64(mark, 2, feed_id);
	sqlite3_bind_int64(del, 1, item_id);
	sqlite3_bind_int64(del, 2, feed_id);
	if (sqlite3_step(mark) != SQLITE_DONE || sqlite3_step(del) != SQLITE_DONE) {
		db_fail(db, e, "deleting items");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(mark);
	sqlite3_finalize(del);
	if (rc == 0)
		return db_commit(db, e);
	db_rollback(db);
	return -1;
}
