/*
 * filter_rows (store): what the killfile and filtered lists write or look
 * up by plain SQL, no compiled expression: the guids a feed already
 * holds (a poll's killfile checks new items only) and marking read what
 * a filtered list shows (store/filter.h).
 */
#include "store/filter_priv.h"

int
filter_sql_known(struct db *db, int64_t feed_id, const char *const *guids, size_t n,
    int *known, struct err *e)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	/* the UNIQUE (feed_id, guid) index: one lookup an item */
	st = db_prepare(db, "SELECT 1 FROM items WHERE feed_id = ?1 AND guid = ?2", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	for (i = 0; i < n && rc == 0; i++) {
		int step;

		sqlite3_bind_text(st, 2, guids[i], -1, SQLITE_STATIC);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW || step == SQLITE_DONE)
			known[i] = step == SQLITE_ROW;
		else
			rc = db_fail(db, e, "looking up items");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

int
filter_sql_mark_read(struct db *db, const struct items_query *q, int64_t max_id,
    struct err *e)
{
	struct buf sql;
	sqlite3_stmt *st;
	int rc;

	buf_init(&sql, 0);
	buf_addstr(&sql, "UPDATE items SET read = 1 WHERE read = 0 AND id <= ?1 AND "
	    "(feed_id = ?2 OR (?2 = 0 AND feed_id NOT IN (SELECT id FROM feeds WHERE "
	    "listed = 0))) AND (?3 IS NULL OR feed_id IN (SELECT feed_id FROM feed_tags "
	    "WHERE tag = ?3))");
	if (q->filter_view & ITEMS_VIEW_SHOWN)
		buf_addstr(&sql, " AND id IN temp.filter_shown");
	if (q->filter_view & ITEMS_VIEW_HIDDEN)
		buf_addstr(&sql, " AND id NOT IN temp.filter_hidden");
	st = db_prepare(db, sql.data, e);
	buf_release(&sql);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, max_id);
	sqlite3_bind_int64(st, 2, q->feed_id);
	db_bind_text(st, 3, q->tag);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "marking filtered items read");
}
