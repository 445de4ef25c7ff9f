#include "store/views.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_priv.h"
#include "store/feeds.h"
#include "util/buf.h"
#include "util/xalloc.h"

int
views_feeds(struct db *db, struct views_feed **rows, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT f.id, coalesce(f.title, f.url), f.url, "
	    "(SELECT group_concat(tag, ', ') FROM feed_tags t WHERE t.feed_id = f.id), "
	    "f.last_error, f.error_count, coalesce(u.n, 0), coalesce(c.n, 0) FROM feeds f "
	    "LEFT JOIN (SELECT feed_id, count(*) AS n FROM items GROUP BY feed_id) c "
	    "ON c.feed_id = f.id "
	    "LEFT JOIN (SELECT feed_id, count(*) AS n FROM items WHERE read = 0 "
	    "GROUP BY feed_id) u ON u.feed_id = f.id "
	    /* the feeds file's feeds, in its order */
	    "WHERE f.listed != 0 ORDER BY f.position, f.id", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct views_feed *r;

		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		r = &(*rows)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->title = db_column_dup(st, 1);
		r->url = db_column_dup(st, 2);
		r->tags = db_column_dup(st, 3);
		r->last_error = db_column_dup(st, 4);
		r->failed = sqlite3_column_int(st, 5) > 0;
		r->unread = sqlite3_column_int(st, 6);
		r->total = sqlite3_column_int(st, 7);
		if (r->title == NULL)
			r->title = xstrdup("");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		views_free_feeds(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_fail(db, e, "listing feeds");
	}
	return 0;
}

void
views_free_feeds(struct views_feed *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].url);
		free(rows[i].tags);
		free(rows[i].last_error);
	}
	free(rows);
}

int
views_max_item_id(struct db *db, int64_t *id, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) FROM items", e);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, e, "reading the newest item");
}

int
views_tags(struct db *db, char ***tags, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*tags = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT DISTINCT tag FROM feed_tags ORDER BY tag", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *t = db_column_dup(st, 0);

		if (t == NULL)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*tags = xreallocarray(*tags, cap, sizeof **tags);
		}
		(*tags)[(*n)++] = t;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		views_free_strings(*tags, *n);
		*tags = NULL;
		*n = 0;
		return db_fail(db, e, "listing tags");
	}
	return 0;
}

void
views_free_strings(char **s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

/*
 * The WHERE clause of q, from fixed fragments only (never user text):
 * ?1 is the feed id and ?2 the tag; extra is appended with AND.  Unless
 * one feed is asked for, the items of feeds no longer in the feeds file
 * are left out (the condition is added only when there are such feeds,
 * so the usual query plans stay as they are).
 */
static char *
views_where(struct db *db, const struct items_query *q, const char *extra)
{
	struct buf b;
	const char *sep = " WHERE ";

	buf_init(&b, 0);
#define ADD(s) do { buf_addstr(&b, sep); buf_addstr(&b, s); sep = " AND "; } while (0)
	if (q->feed_id != 0)
		ADD("feed_id = ?1");
	if (q->unread_only)
		ADD("read = 0");
	if (q->starred_only)
		ADD("starred = 1");
	if (q->tag != NULL)
		ADD("feed_id IN (SELECT feed_id FROM feed_tags WHERE tag = ?2)");
	if (q->feed_id == 0 && feeds_any_unlisted(db, NULL) > 0)
		ADD(FEEDS_LISTED_ONLY);
	if (extra != NULL)
		ADD(extra);
#undef ADD
	return buf_take(&b);
}

static void
views_bind(sqlite3_stmt *st, const struct items_query *q)
{
	if (q->feed_id != 0)
		sqlite3_bind_int64(st, 1, q->feed_id);
	if (q->tag != NULL)
		db_bind_text(st, 2, q->tag);
}

static sqlite3_stmt *
views_prepare(struct db *db, const char *head, const struct items_query *q,
    const char *extra, const char *tail, struct err *e)
{
	char *where = views_where(db, q, extra);
	char *sql = xasprintf("%s%s%s", head, where, tail);
	sqlite3_stmt *st = db_prepare(db, sql, e);

	free(sql);
	free(where);
	if (st != NULL)
		views_bind(st, q);
	return st;
}

int
views_items(struct db *db, const struct items_query *q, int offset, int limit,
    int total, struct item_row **rows, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	char *inner, *where;
	int reverse = 0;

	*rows = NULL;
	*n = 0;
	if (offset < 0)
		offset = 0;
	/* deep in the list: count from the oldest end instead (OFFSET walks) */
	if (total > 0 && limit > 0 && offset > total / 2) {
		int end = offset + limit < total ? offset + limit : total;

		if (end <= offset)
			return 0;
		reverse = 1;
		limit = end - offset;
		offset = total - end;
	}
	/* ids of the page first (an index walk), then the page's columns */
	where = views_where(db, q, NULL);
	inner = xasprintf("SELECT i.id, i.feed_id, coalesce(f.title, f.url), i.title, "
	    "i.url, i.author, i.published, i.read, i.starred FROM items i "
	    "JOIN feeds f ON f.id = i.feed_id WHERE i.id IN (SELECT id FROM items%s "
	    "ORDER BY %s LIMIT ?3 OFFSET ?4) "
	    "ORDER BY i.published DESC, i.id DESC", where,
	    reverse ? "published ASC, id ASC" : "published DESC, id DESC");
	free(where);
	st = db_prepare(db, inner, e);
	free(inner);
	if (st == NULL)
		return -1;
	views_bind(st, q);
	sqlite3_bind_int(st, 3, limit > 0 ? limit : -1);
	sqlite3_bind_int(st, 4, offset > 0 ? offset : 0);
	return items_read_rows(db, st, rows, n, e);
}

int
views_count(struct db *db, const struct items_query *q, int *count, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = views_prepare(db, "SELECT count(*) FROM items", q, NULL, "", e);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, e, "counting items");
}

int
views_position(struct db *db, const struct items_query *q, int64_t id, int *pos,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc, found = 0;

	/* rows before id in (published DESC, id DESC) order, if id is in the list */
	st = views_prepare(db, "SELECT (SELECT count(*) FROM items",
	    q, "(published, id) > (SELECT published, id FROM items WHERE id = ?5)",
	    "), EXISTS (SELECT 1 FROM items x WHERE x.id = ?5)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 5, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 1)) {
		*pos = sqlite3_column_int(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, e, "finding an item");
	if (!found)
		return 0;
	/* the item itself must pass the filters too */
	st = views_prepare(db, "SELECT count(*) FROM items", q, "id = ?5", "", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 5, id);
	rc = sqlite3_step(st);
	found = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, e, "finding an item");
	return found;
}

int
views_next_unread(struct db *db, const struct items_query *q, int64_t id,
    time_t published, int dir, int64_t *found, struct err *e)
{
	struct items_query uq = *q;
	sqlite3_stmt *st;
	int rc;

	uq.unread_only = 1;
	st = views_prepare(db, "SELECT id FROM items", &uq,
	    dir > 0 ? "(published, id) < (?5, ?6)" : "(published, id) > (?5, ?6)",
	    dir > 0 ? " ORDER BY published DESC, id DESC LIMIT 1"
	    : " ORDER BY published ASC, id ASC LIMIT 1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 5, (sqlite3_int64)published);
	sqlite3_bind_int64(st, 6, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*found = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "finding the next unread item");
}
