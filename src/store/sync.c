#include "store/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_priv.h"
#include "store/feeds.h"
#include "store/items.h"
#include "util/xalloc.h"

/* Begin unless a transaction is open: 1 when this call began one. */
static int
sync_begin(struct db *db, struct err *e)
{
	if (db->in_tx)
		return 0;
	return db_begin(db, e) < 0 ? -1 : 1;
}

static int
sync_end(struct db *db, int began, int rc, struct err *e)
{
	if (!began)
		return rc;
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}

/* sql prepared with text ?1 and ?2 bound when it has them. */
static sqlite3_stmt *
sync_stmt(struct db *db, const char *sql, const char *a, const char *b, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);

	if (st != NULL && sqlite3_bind_parameter_count(st) >= 1)
		db_bind_text(st, 1, a);
	if (st != NULL && sqlite3_bind_parameter_count(st) >= 2)
		db_bind_text(st, 2, b);
	return st;
}

/* Run sql with text ?1, ?2 and integer ?3 (those it has); -1 with *e. */
static int
sync_exec(struct db *db, const char *sql, const char *a, const char *b, int64_t n,
    struct err *e)
{
	sqlite3_stmt *st = sync_stmt(db, sql, a, b, e);
	int rc;

	if (st == NULL)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, n);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "sync");
}

/* One integer from sql (with text ?1, ?2): 1, 0 when no row, -1 with *e. */
static int
sync_int(struct db *db, const char *sql, const char *a, const char *b, int64_t *v,
    struct err *e)
{
	sqlite3_stmt *st = sync_stmt(db, sql, a, b, e);
	int rc;

	if (st == NULL)
		return -1;
	*v = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, e, "sync");
	return rc == SQLITE_ROW;
}

/* The journal's newest id: entries after it were written by this sync's
 * own updates (the triggers cannot tell them apart) and are dropped. */
#define JOURNAL_MAX "SELECT coalesce(max(id), 0) FROM sync_journal"
#define JOURNAL_DROP "DELETE FROM sync_journal WHERE id > ?3"

int
sync_cache_feeds(struct db *db, const struct sync_feed_in *f, size_t n, time_t now,
    struct err *e)
{
	const struct feed_poll_result ok = { .status = FEEDS_OK, .now = now };
	const char **urls = xcalloc(n ? n : 1, sizeof *urls);
	int64_t id, changed;
	int began, rc = 0;
	size_t i;

	if ((began = sync_begin(db, e)) < 0) {
		free(urls);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		char *tags[1] = { (char *)f[i].tag };

		urls[i] = f[i].url;
		if (feeds_ensure(db, f[i].url, &id, e) < 0 ||
		    sync_exec(db, "DELETE FROM sync_feeds WHERE remote = ?1 OR feed_id = ?3",
		    f[i].remote, NULL, id, e) < 0 ||
		    sync_exec(db, "INSERT INTO sync_feeds(remote, feed_id) VALUES (?1, ?3)",
		    f[i].remote, NULL, id, e) < 0 ||
		    feeds_set_tags(db, f[i].url, tags, f[i].tag != NULL && *f[i].tag ? 1 : 0,
		    e) < 0) {
			rc = -1;
			break;
		}
		if (feeds_record_poll(db, id, &ok, e) < 0) {
			rc = -1;
			break;
		}
		if (f[i].title == NULL)
			continue;
		/* the search index names the feed: follow a renamed one */
		if (sync_int(db, "SELECT title IS NOT ?2 FROM feeds WHERE url = ?1",
		    f[i].url, f[i].title, &changed, e) < 0 ||
		    (changed && (sync_exec(db, "UPDATE feeds SET title = ?2 WHERE url = ?1",
		    f[i].url, f[i].title, 0, e) < 0 || items_reindex_feed(db, id, e) < 0)))
			rc = -1;
	}
	if (rc == 0)
		rc = feeds_sync_listed(db, urls, n, e);
	free(urls);
	return sync_end(db, began, rc, e);
}

/* Set an item's flags to the server's, and the server's as its base. */
static int
sync_item_state(struct db *db, int64_t item_id, const char *remote, int read, int starred,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	/* a remote id names one item: one seen before under another feed (the
	 * server moved it, or another server reuses the id) lets go of it */
	if (sync_exec(db, "DELETE FROM sync_items WHERE remote = ?1 AND item_id != ?3",
	    remote, NULL, item_id, e) < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO sync_items(item_id, remote, read, starred) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(item_id) DO UPDATE SET "
	    "remote = ?2, read = ?3, starred = ?4", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	db_bind_text(st, 2, remote);
	sqlite3_bind_int(st, 3, read);
	sqlite3_bind_int(st, 4, starred);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, remote);
	st = db_prepare(db, "UPDATE items SET read = ?2, starred = ?3 WHERE id = ?1 AND "
	    "(read IS NOT ?2 OR starred IS NOT ?3)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int(st, 2, read);
	sqlite3_bind_int(st, 3, starred);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, remote);
}

/* items_prune on every synced feed. */
static int
sync_prune(struct db *db, int max, int keep_days, time_t now,
    struct items_store_stats *stats, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT feed_id FROM sync_feeds", e);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		ids = xgrow(ids, n, &cap, 16, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	for (i = 0; i < n && rc == 0; i++)
		rc = items_prune(db, ids[i], max, keep_days, now, stats, e);
	free(ids);
	return rc;
}

int
sync_cache_items(struct db *db, const struct sync_item_in *it, size_t n, time_t now,
    int max, int keep_days, int *added, int *orphans, struct err *e)
{
	struct items_store_stats stats, all = { 0 };
	int64_t j0, feed_id, item_id;
	char *guid = NULL;
	int began, rc = 0;
	size_t i;

	*added = *orphans = 0;
	if ((began = sync_begin(db, e)) < 0)
		return -1;
	if (sync_int(db, JOURNAL_MAX, NULL, NULL, &j0, e) < 0)
		rc = -1;
	for (i = 0; i < n && rc == 0; i++) {
		struct item one = it[i].item;
		char *text = (char *)it[i].text;
		sqlite3_stmt *st;
		char *title = NULL;
		int found;

		found = sync_int(db, "SELECT feed_id FROM sync_feeds WHERE remote = ?1",
		    it[i].feed_remote, NULL, &feed_id, e);
		if (found < 0) {
			rc = -1;
			break;
		}
		if (!found) {
			(*orphans)++;
			continue;
		}
		/* the server's id is the item's identity: the feed's own guid
		 * may repeat across the server's feeds, and it may rewrite it */
		free(guid);
		guid = xasprintf("sync:%s", it[i].remote);
		one.guid = guid;
		st = db_prepare(db, "SELECT coalesce(title, url) FROM feeds WHERE id = ?1", e);
		if (st == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, feed_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			title = db_column_dup(st, 0);
		sqlite3_finalize(st);
		memset(&stats, 0, sizeof stats);
		rc = items_store(db, feed_id, title, &one, &text, 1, now, &stats, e);
		free(title);
		if (rc < 0)
			break;
		all.added += stats.added;
		st = db_prepare(db, "SELECT id FROM items WHERE feed_id = ?1 AND guid = ?2", e);
		if (st == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, feed_id);
		db_bind_text(st, 2, guid);
		found = sqlite3_step(st) == SQLITE_ROW;
		item_id = found ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		if (found && sync_item_state(db, item_id, it[i].remote, it[i].read,
		    it[i].starred, e) < 0)
			rc = -1;
	}
	free(guid);
	if (rc == 0 && (max > 0 || keep_days > 0))
		rc = sync_prune(db, max, keep_days, now, &all, e);
	*added = all.added;
	if (rc == 0)
		rc = sync_exec(db, JOURNAL_DROP, NULL, NULL, j0, e);
	return sync_end(db, began, rc, e);
}

/* Fill the temporary table name with ids. */
static int
sync_fill(struct db *db, const char *name, char *const *ids, size_t n, struct err *e)
{
	char sql[128];
	sqlite3_stmt *st;
	size_t i;

	snprintf(sql, sizeof sql, "CREATE TEMP TABLE IF NOT EXISTS %s(remote TEXT PRIMARY KEY);"
	    "DELETE FROM %s", name, name);
	if (db_exec(db, sql, e) < 0)
		return -1;
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO %s(remote) VALUES (?1)", name);
	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		db_bind_text(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_fail(db, e, "sync");
		}
	}
	sqlite3_finalize(st);
	return 0;
}

int
sync_cache_state(struct db *db, char *const *unread, size_t nunread,
    char *const *starred, size_t nstarred, int *changed, struct err *e)
{
	int64_t j0;
	int began, rc = 0;

	*changed = 0;
	if ((began = sync_begin(db, e)) < 0)
		return -1;
	if (sync_int(db, JOURNAL_MAX, NULL, NULL, &j0, e) < 0 ||
	    sync_fill(db, "sync_unread", unread, nunread, e) < 0 ||
	    sync_fill(db, "sync_starred", starred, nstarred, e) < 0 ||
	    db_exec(db, "UPDATE sync_items SET "
	    "read = remote NOT IN (SELECT remote FROM temp.sync_unread), "
	    "starred = remote IN (SELECT remote FROM temp.sync_starred)", e) < 0)
		rc = -1;
	/* a local change still waiting for the server keeps its value */
	if (rc == 0 && db_exec(db, "UPDATE items SET "
	    "read = (SELECT s.read FROM sync_items s WHERE s.item_id = items.id), "
	    "starred = (SELECT s.starred FROM sync_items s WHERE s.item_id = items.id) "
	    "WHERE id IN (SELECT s.item_id FROM sync_items s WHERE "
	    "(s.read IS NOT items.read OR s.starred IS NOT items.starred) AND "
	    "s.remote NOT IN (SELECT remote FROM sync_journal))", e) < 0)
		rc = -1;
	if (rc == 0)
		*changed = sqlite3_changes(db->h);
	if (rc == 0)
		rc = sync_exec(db, JOURNAL_DROP, NULL, NULL, j0, e);
	return sync_end(db, began, rc, e);
}

int
sync_cache_journal(struct db *db, struct sync_change **c, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*c = NULL;
	*n = 0;
	/* per item and field: the last value, and the base of the first
	 * entry (the server's value before any of these changes) */
	st = db_prepare(db, "SELECT max(j.id), j.remote, j.field, "
	    "(SELECT value FROM sync_journal k WHERE k.remote = j.remote AND "
	    " k.field = j.field ORDER BY k.id DESC LIMIT 1), "
	    "(SELECT base FROM sync_journal k WHERE k.remote = j.remote AND "
	    " k.field = j.field ORDER BY k.id LIMIT 1), "
	    "(SELECT i.title FROM sync_items s JOIN items i ON i.id = s.item_id "
	    " WHERE s.remote = j.remote) "
	    "FROM sync_journal j GROUP BY j.remote, j.field ORDER BY max(j.id)", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sync_change *x;

		*c = xgrow(*c, *n, &cap, 16, sizeof **c);
		x = &(*c)[(*n)++];
		x->last = sqlite3_column_int64(st, 0);
		x->remote = db_column_dup(st, 1);
		if (x->remote == NULL)
			x->remote = xstrdup("");
		x->field = strcmp((const char *)sqlite3_column_text(st, 2), "starred") == 0 ?
		    SYNC_FIELD_STARRED : SYNC_FIELD_READ;
		x->value = sqlite3_column_int(st, 3);
		x->base = sqlite3_column_int(st, 4);
		x->title = db_column_dup(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sync_cache_free_changes(*c, *n);
		*c = NULL;
		*n = 0;
		return db_fail(db, e, "sync journal");
	}
	return 0;
}

void
sync_cache_free_changes(struct sync_change *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(c[i].remote);
		free(c[i].title);
	}
	free(c);
}

int
sync_cache_done(struct db *db, const struct sync_change *c, int server_value, struct err *e)
{
	const char *field = c->field == SYNC_FIELD_STARRED ? "starred" : "read";
	int began, rc;

	if ((began = sync_begin(db, e)) < 0)
		return -1;
	rc = sync_exec(db, "DELETE FROM sync_journal WHERE remote = ?1 AND field = ?2 "
	    "AND id <= ?3", c->remote, field, c->last, e);
	if (rc == 0)
		rc = sync_exec(db, c->field == SYNC_FIELD_STARRED ?
		    "UPDATE sync_items SET starred = ?3 WHERE remote = ?1" :
		    "UPDATE sync_items SET read = ?3 WHERE remote = ?1",
		    c->remote, NULL, server_value, e);
	return sync_end(db, began, rc, e);
}

int
sync_cache_active(struct db *db, struct err *e)
{
	int64_t v;

	return sync_int(db, "SELECT 1 FROM sync_feeds LIMIT 1", NULL, NULL, &v, e);
}

int
sync_cache_get(struct db *db, const char *key, char **value, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT value FROM sync_state WHERE key = ?1", e);
	int rc;

	*value = NULL;
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = db_column_dup(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, e, key);
	return 0;
}

int
sync_cache_set(struct db *db, const char *key, const char *value, struct err *e)
{
	return sync_exec(db, "INSERT INTO sync_state(key, value) VALUES (?1, ?2) "
	    "ON CONFLICT(key) DO UPDATE SET value = ?2", key, value, 0, e);
}
