#include "store/items.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_priv.h"
#include "store/enclosures.h"
#include "store/filter.h"
#include "store/items_fts.h"
#include "util/buf.h"
#include "util/xalloc.h"

/*
 * A date further ahead of the poll's clock than this is not news from the
 * future but a broken feed (or one bidding for the top of every list): the
 * item is dated when it was first seen instead.  The slack allows for
 * clocks that run a little apart.
 */
#define ITEMS_FUTURE_SLACK (15 * 60)

/* The text of each article status (articles.status), in enum order. */
static const char *const articles_status_names[] = {
	[ARTICLE_NONE] = NULL,
	[ARTICLE_OK] = "ok",
	[ARTICLE_SHORT] = "short",
	[ARTICLE_FAILED] = "failed",
};
_Static_assert(sizeof articles_status_names / sizeof articles_status_names[0] ==
    ARTICLE_FAILED + 1, "a name for every article_status");

const char *
articles_status_name(enum article_status status)
{
	return (unsigned)status <= ARTICLE_FAILED ? articles_status_names[status] : NULL;
}

/* The status whose text (from the cache) is s: NULL is ARTICLE_NONE, and
 * text this tidings does not know reads as a failure (nothing to show). */
static enum article_status
articles_status_parse(const char *s)
{
	size_t i;

	if (s == NULL)
		return ARTICLE_NONE;
	for (i = ARTICLE_OK; i <= ARTICLE_FAILED; i++)
		if (strcmp(s, articles_status_names[i]) == 0)
			return (enum article_status)i;
	return ARTICLE_FAILED;
}

static char *
items_join_categories(const struct item *it)
{
	struct buf b;
	size_t i;

	if (it->ncategories == 0)
		return NULL;
	buf_init(&b, 64 * 1024);
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0 && buf_addstr(&b, ", ") < 0)
			break;
		if (buf_addstr(&b, it->categories[i]) < 0)
			break;
	}
	return buf_take(&b);
}

/*
 * Does the item's link count towards feeds.n_pending (before any article
 * is tried)?  ITEMS_PENDING_OF's url LIKE 'http://%' OR 'https://%' in C:
 * LIKE folds ASCII case, and so does sqlite3_strnicmp.
 */
static int
items_link_fetchable(const char *url)
{
	return url != NULL && (sqlite3_strnicmp(url, "http://", 7) == 0 ||
	    sqlite3_strnicmp(url, "https://", 8) == 0);
}

/*
 * Index an item: its text packed into items.fts (store/items_fts.h), then
 * the index entries.  del (an update) first removes what was indexed
 * before, which FTS5 reads back from the old blob: so the blob is written
 * between the two.  A new item's row is inserted with its blob (setfts
 * NULL) and has nothing indexed: items_fts_delete removed the entries of
 * any deleted item whose id SQLite hands out again.
 */
static int
items_fts_put(sqlite3_stmt *del, sqlite3_stmt *setfts, sqlite3_stmt *ins, int64_t id,
    const char *const cols[ITEMS_FTS_NCOLS], const unsigned char *blob, size_t bloblen)
{
	int i;

	if (del != NULL) {
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, id);
		if (sqlite3_step(del) != SQLITE_DONE)
			return -1;
	}
	if (setfts != NULL) {
		sqlite3_reset(setfts);
		sqlite3_bind_int64(setfts, 1, id);
		sqlite3_bind_blob64(setfts, 2, blob, bloblen, SQLITE_STATIC);
		if (sqlite3_step(setfts) != SQLITE_DONE)
			return -1;
	}
	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, id);
	for (i = 0; i < ITEMS_FTS_NCOLS; i++)
		db_bind_text(ins, 2 + i, cols[i]);
	return sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
}

int
items_store(struct db *db, int64_t feed_id, const char *feed_title,
    const struct item *items, char *const *texts, size_t n, time_t now,
    struct items_store_stats *stats, struct err *e)
{
	return items_store_flags(db, feed_id, feed_title, items, texts, n, now, 0, stats, e);
}

int
items_store_flags(struct db *db, int64_t feed_id, const char *feed_title,
    const struct item *items, char *const *texts, size_t n, time_t now, int flags,
    struct items_store_stats *stats, struct err *e)
{
	sqlite3_stmt *find = NULL, *ins = NULL, *upd = NULL, *seen = NULL;
	sqlite3_stmt *fdel = NULL, *fins = NULL, *fset = NULL, *art = NULL, *future = NULL;
	sqlite3_stmt *future_any = NULL, *counts = NULL;
	struct enclosures_writer *encw = NULL;
	size_t i;
	int fstep, changed = 0;
	int rc = -1;
	/* what the feed's kept counts gain (db.c, schema 7); a changed link
	 * that starts or stops being fetchable has its feed's pending
	 * articles counted again (rare: no delta to get wrong) */
	int added = 0, added_pending = 0, recount_pending = 0;

	/* id 0: deleted in the reader (delete-article): left out */
	find = db_prepare(db, "SELECT id, url FROM items WHERE feed_id = ?1 AND guid = ?2 "
	    "UNION ALL SELECT 0, NULL FROM deleted_items WHERE feed_id = ?1 AND guid = ?2", e);
	ins = db_prepare(db, "INSERT INTO items(feed_id, guid, url, title, author, "
	    "published, updated, first_seen, last_seen, summary_html, content_html, "
	    "categories, enclosure_url, fts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, "
	    "?9, ?10, ?11, ?12, ?13)", e);
	/* Only a real change counts as an update (and touches the index).
	 * ?12, reset-unread-on-update: changed text makes the item unread
	 * (SET sees the old row); read is always in the SET list, so the
	 * schema's AFTER UPDATE OF read triggers keep feeds.n_unread, the
	 * filters' counts and the sync journal right */
	upd = db_prepare(db, "UPDATE items SET url = ?2, title = ?3, author = ?4, "
	    "published = CASE WHEN ?5 != 0 THEN ?5 ELSE published END, updated = ?6, "
	    "summary_html = ?7, content_html = ?8, categories = ?9, enclosure_url = ?10, "
	    "last_seen = ?11, read = CASE WHEN ?12 AND (summary_html IS NOT ?7 OR "
	    "content_html IS NOT ?8) THEN 0 ELSE read END WHERE id = ?1 AND (url IS NOT ?2 OR title IS NOT ?3 OR "
	    "author IS NOT ?4 OR (?5 != 0 AND published != ?5) OR updated != ?6 OR "
	    "summary_html IS NOT ?7 OR content_html IS NOT ?8 OR categories IS NOT ?9 "
	    "OR enclosure_url IS NOT ?10)", e);
	seen = db_prepare(db, "UPDATE items SET last_seen = ?2 WHERE id = ?1", e);
	fdel = db_prepare(db, "DELETE FROM items_fts WHERE rowid = ?1", e);
	fins = db_prepare(db, "INSERT INTO items_fts(rowid, title, author, feed, body) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", e);
	fset = db_prepare(db, "UPDATE items SET fts = ?2 WHERE id = ?1", e);
	/* the article's text is kept once, as the indexed body in items.fts
	 * (store/articles.c): read back through the index before it is rewritten */
	art = db_prepare(db, "SELECT body FROM items_fts WHERE rowid = ?1 AND EXISTS (SELECT 1 "
	    "FROM articles WHERE item_id = ?1 AND status = 'ok' AND text IS NOT NULL)", e);
	/*
	 * Rows a cache stored before dates were clamped, looked for before
	 * they are updated: an UPDATE that may change many rows opens a
	 * statement savepoint, and at every savepoint FTS5 writes the index
	 * entries it holds in memory out as a new segment.  Once a feed, that
	 * cut a batch's index writes into segments a feed big, each merged
	 * again later: 5-10% of a first poll's CPU (bench/poll).  A read
	 * opens none.
	 */
	future_any = db_prepare(db, "SELECT 1 FROM items WHERE feed_id = ?1 AND published > ?2 "
	    "LIMIT 1", e);
	future = db_prepare(db, "UPDATE items SET published = CASE WHEN first_seen BETWEEN 1 "
	    "AND ?2 THEN first_seen ELSE ?2 END WHERE feed_id = ?1 AND published > ?3", e);
	encw = enclosures_writer_new(db, e);
	counts = db_prepare(db, "UPDATE feeds SET n_total = n_total + ?2, n_unread = n_unread + ?2, "
	    "n_pending = CASE WHEN ?4 THEN (SELECT count(*) FROM items i WHERE i.feed_id = ?1 "
	    "AND " ITEMS_PENDING_OF("i") ") ELSE n_pending + ?3 END WHERE id = ?1", e);
	if (!find || !ins || !upd || !seen || !fdel || !fins || !fset || !art || !future ||
	    !future_any || !counts || !encw)
		goto out;

	for (i = 0; i < n; i++) {
		const struct item *it = &items[i];
		const char *text = texts ? texts[i] : NULL;
		char *cats = items_join_categories(it);
		const char *encl = it->nenclosures ? it->enclosures[0].url : NULL;
		time_t pub = it->published ? it->published : it->updated;
		int64_t id = 0;
		int found, step, was_fetchable = 0;

		if (pub > now + ITEMS_FUTURE_SLACK)
			pub = 0;	/* new: first seen now; known: keeps its date */

		sqlite3_reset(find);
		sqlite3_bind_int64(find, 1, feed_id);
		db_bind_text(find, 2, it->guid);
		step = sqlite3_step(find);
		found = step == SQLITE_ROW;
		if (found) {
			id = sqlite3_column_int64(find, 0);
			was_fetchable = items_link_fetchable((const char *)
			    sqlite3_column_text(find, 1));
		} else if (step != SQLITE_DONE)
			goto fail_item;
		if (found && id == 0) {
			free(cats);
			continue;
		}

		if (!found) {
			const char *cols[ITEMS_FTS_NCOLS] = { it->title, it->author, feed_title, text };
			unsigned char *blob;
			size_t bloblen;
			int put;

			blob = items_fts_pack(cols, &bloblen);
			if (blob == NULL)
				goto fail_item;
			sqlite3_reset(ins);
			sqlite3_bind_int64(ins, 1, feed_id);
			db_bind_text(ins, 2, it->guid);
			db_bind_text(ins, 3, it->link);
			db_bind_text(ins, 4, it->title);
			db_bind_text(ins, 5, it->author);
			sqlite3_bind_int64(ins, 6, (sqlite3_int64)(pub ? pub : now));
			sqlite3_bind_int64(ins, 7, (sqlite3_int64)it->updated);
			sqlite3_bind_int64(ins, 8, (sqlite3_int64)now);
			db_bind_text(ins, 9, it->summary);
			db_bind_text(ins, 10, it->content);
			db_bind_text(ins, 11, cats);
			db_bind_text(ins, 12, encl);
			sqlite3_bind_blob64(ins, 13, blob, bloblen, SQLITE_STATIC);
			put = sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
			sqlite3_clear_bindings(ins);
			free(blob);
			if (put < 0)
				goto fail_item;
			id = sqlite3_last_insert_rowid(db->h);
			if (items_fts_put(NULL, NULL, fins, id, cols, NULL, 0) < 0)
				goto fail_item;
			added++;
			added_pending += items_link_fetchable(it->link);
			if (stats)
				stats->added++;
		} else {
			sqlite3_reset(upd);
			sqlite3_bind_int64(upd, 1, id);
			db_bind_text(upd, 2, it->link);
			db_bind_text(upd, 3, it->title);
			db_bind_text(upd, 4, it->author);
			sqlite3_bind_int64(upd, 5, (sqlite3_int64)pub);
			sqlite3_bind_int64(upd, 6, (sqlite3_int64)it->updated);
			db_bind_text(upd, 7, it->summary);
			db_bind_text(upd, 8, it->content);
			db_bind_text(upd, 9, cats);
			db_bind_text(upd, 10, encl);
			sqlite3_bind_int64(upd, 11, (sqlite3_int64)now);
			sqlite3_bind_int(upd, 12, (flags & ITEMS_RESET_UNREAD) != 0);
			if (sqlite3_step(upd) != SQLITE_DONE)
				goto fail_item;
			if (sqlite3_changes(db->h) > 0) {
				char *article = NULL;
				int step2, put;

				if (was_fetchable != items_link_fetchable(it->link))
					recount_pending = 1;

				changed = 1;
				/* a downloaded article's text stays the better body */
				sqlite3_reset(art);
				sqlite3_bind_int64(art, 1, id);
				step2 = sqlite3_step(art);
				if (step2 == SQLITE_ROW)
					article = db_column_dup(art, 0);
				else if (step2 != SQLITE_DONE)
					goto fail_item;
				sqlite3_reset(art);
				{
					const char *cols[ITEMS_FTS_NCOLS] = { it->title, it->author,
					    feed_title, article ? article : text };
					size_t bloblen;
					unsigned char *blob = items_fts_pack(cols, &bloblen);

					put = blob == NULL ? -1 : items_fts_put(fdel, fset, fins, id,
					    cols, blob, bloblen);
					sqlite3_clear_bindings(fset);
					free(blob);
				}
				free(article);
				if (put < 0)
					goto fail_item;
				if (stats)
					stats->updated++;
			} else {
				sqlite3_reset(seen);
				sqlite3_bind_int64(seen, 1, id);
				sqlite3_bind_int64(seen, 2, (sqlite3_int64)now);
				if (sqlite3_step(seen) != SQLITE_DONE)
					goto fail_item;
			}
		}
		if (enclosures_put(encw, id, it->enclosures, it->nenclosures, e) < 0) {
			free(cats);
			goto out;
		}
		free(cats);
		continue;
fail_item:
		free(cats);
		db_fail(db, e, "storing items");
		goto out;
	}
	sqlite3_bind_int64(future_any, 1, feed_id);
	sqlite3_bind_int64(future_any, 2, (sqlite3_int64)now + ITEMS_FUTURE_SLACK);
	fstep = sqlite3_step(future_any);
	if (fstep == SQLITE_ROW) {
		sqlite3_bind_int64(future, 1, feed_id);
		sqlite3_bind_int64(future, 2, (sqlite3_int64)now);
		sqlite3_bind_int64(future, 3, (sqlite3_int64)now + ITEMS_FUTURE_SLACK);
		fstep = sqlite3_step(future);
		changed = 1;
	}
	if (fstep != SQLITE_DONE) {
		db_fail(db, e, "storing items");
		goto out;
	}
	/* filters' kept counts (store/filter.h) are made again after changes
	 * to stored items (new ones are counted by their ids) */
	if (changed && filter_gen_bump(db, e) < 0)
		goto out;
	if (added > 0 || recount_pending) {
		sqlite3_bind_int64(counts, 1, feed_id);
		sqlite3_bind_int(counts, 2, added);
		sqlite3_bind_int(counts, 3, added_pending);
		sqlite3_bind_int(counts, 4, recount_pending);
		if (sqlite3_step(counts) != SQLITE_DONE) {
			db_fail(db, e, "counting a feed's items");
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(find);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	sqlite3_finalize(seen);
	sqlite3_finalize(fdel);
	sqlite3_finalize(fins);
	sqlite3_finalize(fset);
	sqlite3_finalize(art);
	sqlite3_finalize(future);
	sqlite3_finalize(future_any);
	enclosures_writer_free(encw);
	sqlite3_finalize(counts);
	return rc;
}

int
items_exists(struct db *db, int64_t id, struct err *e)
{
	return db_row_exists(db, "SELECT 1 FROM items WHERE id = ?1", id, e);
}

static int
items_update_flag(struct db *db, const char *sql, int64_t id, int value, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "updating an item");
}

int
items_set_read(struct db *db, int64_t id, int read, struct err *e)
{
	return items_update_flag(db, "UPDATE items SET read = ?2 WHERE id = ?1", id, !!read, e);
}

int
items_set_starred(struct db *db, int64_t id, int starred, struct err *e)
{
	return items_update_flag(db, "UPDATE items SET starred = ?2 WHERE id = ?1",
	    id, !!starred, e);
}

int
items_mark_feed_read(struct db *db, int64_t feed_id, struct err *e)
{
	return items_mark_read_upto(db, feed_id, INT64_MAX, e);
}

/* The WHERE clause shared by items_list and items_count; parameters ?1..?4.
 * Without a feed asked for, feeds no longer in the feeds file are hidden. */
#define ITEMS_WHERE \
	"WHERE (?1 = 0 OR i.feed_id = ?1) AND (?1 != 0 OR " FEEDS_LISTED_ONLY ") " \
	"AND (?2 = 0 OR i.read = 0) " \
	"AND (?3 = 0 OR i.starred = 1) AND (?4 IS NULL OR i.feed_id IN (" \
	"SELECT feed_id FROM feed_tags WHERE tag = ?4)) "

static void
items_bind_query(sqlite3_stmt *st, const struct items_query *q)
{
	sqlite3_bind_int64(st, 1, q->feed_id);
	sqlite3_bind_int(st, 2, q->unread_only);
	sqlite3_bind_int(st, 3, q->starred_only);
	db_bind_text(st, 4, q->tag);
}

/* The columns of an item_row, in the order items_read_row reads them. */
static void
items_read_row(sqlite3_stmt *st, struct item_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->feed_id = sqlite3_column_int64(st, 1);
	r->feed_title = db_column_dup(st, 2);
	r->title = db_column_dup(st, 3);
	r->url = db_column_dup(st, 4);
	r->author = db_column_dup(st, 5);
	r->published = (time_t)sqlite3_column_int64(st, 6);
	r->read = sqlite3_column_int(st, 7);
	r->starred = sqlite3_column_int(st, 8);
}

int
items_read_rows(struct db *db, sqlite3_stmt *st, struct item_row **rows, size_t *n,
    struct err *e)
{
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		items_read_row(st, &(*rows)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		items_free_rows(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_fail(db, e, "listing items");
	}
	return 0;
}

int
items_list(struct db *db, const struct items_query *q, struct item_row **rows,
    size_t *n, struct err *e)
{
	sqlite3_stmt *st;

	*rows = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT i.id, i.feed_id, coalesce(f.title, f.url), i.title, "
	    "i.url, i.author, i.published, i.read, i.starred "
	    "FROM items i JOIN feeds f ON f.id = i.feed_id " ITEMS_WHERE
	    "ORDER BY i.published DESC, i.id DESC LIMIT ?5 OFFSET ?6", e);
	if (st == NULL)
		return -1;
	items_bind_query(st, q);
	sqlite3_bind_int(st, 5, q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int(st, 6, q->offset > 0 ? q->offset : 0);
	return items_read_rows(db, st, rows, n, e);
}

int
items_count(struct db *db, const struct items_query *q, int *count, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id "
	    ITEMS_WHERE, e);
	if (st == NULL)
		return -1;
	items_bind_query(st, q);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, e, "counting items");
}

void
item_row_release(struct item_row *r)
{
	free(r->feed_title);
	free(r->title);
	free(r->url);
	free(r->author);
	memset(r, 0, sizeof *r);
}

void
items_free_rows(struct item_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		item_row_release(&rows[i]);
	free(rows);
}

int
items_get(struct db *db, int64_t id, struct item_full *it, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(it, 0, sizeof *it);
	st = db_prepare(db, "SELECT i.id, i.feed_id, coalesce(f.title, f.url), i.title, "
	    "i.url, i.author, i.published, i.read, i.starred, i.guid, i.summary_html, "
	    "i.content_html, i.categories, i.enclosure_url, a.status, a.error, a.title, "
	    "a.byline, a.published, a.html FROM items i JOIN feeds f ON f.id = i.feed_id "
	    "LEFT JOIN articles a ON a.item_id = i.id WHERE i.id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		items_read_row(st, &it->row);
		it->guid = db_column_dup(st, 9);
		it->summary_html = db_column_dup(st, 10);
		it->content_html = db_column_dup(st, 11);
		it->categories = db_column_dup(st, 12);
		it->enclosure_url = db_column_dup(st, 13);
		it->article_state = articles_status_parse((const char *)sqlite3_column_text(st, 14));
		it->article_error = db_column_dup(st, 15);
		it->article_title = db_column_dup(st, 16);
		it->article_byline = db_column_dup(st, 17);
		it->article_published = (time_t)sqlite3_column_int64(st, 18);
		it->article_html = db_column_dup(st, 19);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "reading an item");
}

void
item_full_release(struct item_full *it)
{
	item_row_release(&it->row);
	free(it->guid);
	free(it->summary_html);
	free(it->content_html);
	free(it->categories);
	free(it->enclosure_url);
	free(it->article_error);
	free(it->article_title);
	free(it->article_byline);
	free(it->article_html);
	memset(it, 0, sizeof *it);
}

int
items_mark_read_upto(struct db *db, int64_t feed_id, int64_t max_id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	/* all feeds: those still in the feeds file (a hidden feed's state is
	 * kept as it was, for when its line comes back); never an item that
	 * arrived after max_id (ids grow with insertion: what a poll added
	 * since the screen was read) */
	st = db_prepare(db, "UPDATE items SET read = 1 WHERE read = 0 AND id <= ?2 AND "
	    "(feed_id = ?1 OR (?1 = 0 AND " FEEDS_LISTED_ONLY "))", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, max_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "marking items read");
}

int
items_reindex_feed(struct db *db, int64_t feed_id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	/* an UPDATE of one column keeps the others (FTS5 rewrites the row,
	 * reading the old text from items.fts: changed after, store/items_fts.h) */
	st = db_prepare(db, "UPDATE items_fts SET feed = (SELECT coalesce(title, url) "
	    "FROM feeds WHERE id = ?1) WHERE rowid IN (SELECT id FROM items "
	    "WHERE feed_id = ?1)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "indexing the feed's title");
	st = db_prepare(db, "UPDATE items SET fts = tidings_fts_pack(tidings_fts_col(fts, 0), "
	    "tidings_fts_col(fts, 1), (SELECT coalesce(title, url) FROM feeds WHERE id = ?1), "
	    "tidings_fts_col(fts, 3)) WHERE feed_id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "indexing the feed's title");
}
