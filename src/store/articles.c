/*
 * articles (store): the downloaded pages of items (store/items.h declares
 * them): which are still to fetch, how many, and storing an attempt with
 * its index entry and its feed's kept count.  Split from store/items.c.
 */
#include "store/items.h"

#include <stdlib.h>

#include "store/db_priv.h"
#include "util/xalloc.h"

int
articles_pending(struct db *db, int64_t feed_id, int limit,
    struct article_todo **todo, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*todo = NULL;
	*n = 0;
	/* a poll of one feed (`poll --feed`, the reader's r) fetches that
	 * feed's pages, not the newest of all feeds */
	st = db_prepare(db, "SELECT i.id, i.url, f.url FROM items i "
	    "JOIN feeds f ON f.id = i.feed_id "
	    "WHERE (?2 = 0 OR i.feed_id = ?2) AND " ARTICLES_PENDING " "
	    "ORDER BY i.published DESC, i.id DESC LIMIT ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, 2, feed_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*todo = xreallocarray(*todo, cap, sizeof **todo);
		}
		(*todo)[*n].id = sqlite3_column_int64(st, 0);
		(*todo)[*n].url = db_column_dup(st, 1);
		(*todo)[*n].feed_url = db_column_dup(st, 2);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		articles_free_todo(*todo, *n);
		*todo = NULL;
		*n = 0;
		return db_fail(db, e, "listing articles to fetch");
	}
	return 0;
}

int
articles_backlog(struct db *db, int *n, struct err *e)
{
	/* kept a feed (schema 7): a row a feed, not an index entry an item */
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(sum(n_pending), 0) FROM feeds "
	    "WHERE listed != 0", e);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, e, "counting articles to fetch");
}

void
articles_free_todo(struct article_todo *todo, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(todo[i].url);
		free(todo[i].feed_url);
	}
	free(todo);
}

/* Is item id's article still to fetch (1 or 0, with its feed), as feeds.n_pending
 * counts it?  0 and *feed_id 0 when there is no such item; -1 and *e. */
static int
articles_pending_one(struct db *db, int64_t id, int *pending, int64_t *feed_id, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " ITEMS_PENDING_OF("i") ", i.feed_id "
	    "FROM items i WHERE i.id = ?1", e);
	int rc;

	*pending = 0;
	*feed_id = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*pending = sqlite3_column_int(st, 0);
		*feed_id = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, e, "reading an article");
}

static int
articles_store_tx(struct db *db, int64_t item_id, const struct article_in *a, struct err *e)
{
	static const char *const index_sql[] = {
		"UPDATE items_fts SET body = ?2 WHERE rowid = ?1",
		"UPDATE items SET fts = tidings_fts_pack(tidings_fts_col(fts, 0), "
		"tidings_fts_col(fts, 1), tidings_fts_col(fts, 2), ?2) WHERE id = ?1",
	};
	sqlite3_stmt *st;
	int64_t feed_id;
	size_t i;
	int rc, before, after;

	/* the feed's kept count of articles to fetch follows this attempt
	 * (db.c, schema 7): done now (ok, short, a third failure), or not */
	if (articles_pending_one(db, item_id, &before, &feed_id, e) < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO articles(item_id, status, error, attempts, title, "
	    "byline, published, html, text, fetched_at) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, "
	    "?7, ?8, ?9) ON CONFLICT(item_id) DO UPDATE SET status = excluded.status, "
	    "error = excluded.error, attempts = attempts + 1, title = excluded.title, "
	    "byline = excluded.byline, published = excluded.published, html = excluded.html, "
	    "text = excluded.text, fetched_at = excluded.fetched_at", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, articles_status_name(a->status));
	db_bind_text(st, 3, a->error);
	db_bind_text(st, 4, a->title);
	db_bind_text(st, 5, a->byline);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)a->published);
	db_bind_text(st, 7, a->html);
	/* '' marks "the indexed body is this article's text"; the text itself
	 * is kept once, as the indexed body in items.fts (items_store reads
	 * it back from there): a copy here was another copy of every page */
	db_bind_text(st, 8, a->text ? "" : NULL);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)a->fetched_at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "storing an article");
	if (articles_pending_one(db, item_id, &after, &feed_id, e) < 0)
		return -1;
	if (after != before) {
		st = db_prepare(db, "UPDATE feeds SET n_pending = n_pending + ?2 WHERE id = ?1", e);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, feed_id);
		sqlite3_bind_int(st, 2, after - before);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, e, "counting articles to fetch");
	}
	if (a->text == NULL)
		return 0;
	/* the article's text replaces the feed's as the indexed body: FTS5
	 * deletes the old entries reading the old blob, so the blob changes
	 * after (store/items_fts.h), in this order */
	for (i = 0; i < sizeof index_sql / sizeof index_sql[0]; i++) {
		st = db_prepare(db, index_sql[i], e);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, item_id);
		db_bind_text(st, 2, a->text);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, e, "indexing an article");
	}
	return 0;
}

int
articles_store(struct db *db, int64_t item_id, const struct article_in *a, struct err *e)
{
	/* the article, its index entry and its feed's count go together */
	if (db->in_tx)
		return articles_store_tx(db, item_id, a, e);
	if (db_begin(db, e) < 0)
		return -1;
	if (articles_store_tx(db, item_id, a, e) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}
