#include "store/views.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_priv.h"
#include "store/feeds.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* enum feeds_shown's values in the SQL text */
#define FEEDS_HIDDEN_SQL "2"
#define FEEDS_HEADING_SQL "3"
_Static_assert(FEEDS_HIDDEN == 2 && FEEDS_HEADING == 3, "feeds_shown in views_feeds' SQL");
/*
 * feed-sort-order as ORDER BY terms: up to two keys, each with the
 * direction newsboat's default (desc) gives it; asc flips both.
 */
static const struct {
	const char *key1;
	int asc1;
	const char *key2;
	int asc2;
} views_feed_orders[] = {
	[VIEWS_FEEDS_NONE] = { "f.position", 1, "f.id", 1 },
	[VIEWS_FEEDS_FIRSTTAG] = {
		"(SELECT min(tag) FROM feed_tags t WHERE t.feed_id = f.id) IS NULL", 1,
		"(SELECT min(tag) FROM feed_tags t WHERE t.feed_id = f.id) COLLATE NOCASE", 1 },
	[VIEWS_FEEDS_TITLE] = { "coalesce(f.title, f.url) COLLATE NOCASE", 1, NULL, 0 },
	[VIEWS_FEEDS_ARTICLECOUNT] = { "f.n_total", 1, NULL, 0 },
	[VIEWS_FEEDS_UNREADARTICLECOUNT] = { "f.n_unread", 1, NULL, 0 },
	[VIEWS_FEEDS_LASTUPDATED] = {
		"(SELECT max(published) FROM items x WHERE x.feed_id = f.id) IS NULL", 1,
		"(SELECT max(published) FROM items x WHERE x.feed_id = f.id)", 0 },
	[VIEWS_FEEDS_LATESTUNREAD] = {
		"(SELECT max(published) FROM items x WHERE x.feed_id = f.id AND x.read = 0) "
		"IS NULL", 1,
		"(SELECT max(published) FROM items x WHERE x.feed_id = f.id AND x.read = 0)", 0 },
};

int
views_feeds(struct db *db, struct views_feed **rows, size_t *n, struct err *e)
{
	return views_feeds_sorted(db, VIEWS_FEEDS_NONE, 0, rows, n, e);
}

int
views_feeds_sorted(struct db *db, enum views_feed_sort sort, int asc,
    struct views_feed **rows, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	char *order, *sql;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((unsigned)sort >= sizeof views_feed_orders / sizeof views_feed_orders[0])
		sort = VIEWS_FEEDS_NONE;
	/* fixed fragments only; ties keep the feeds file's order */
	order = xasprintf("%s %s%s%s%s, f.position, f.id", views_feed_orders[sort].key1,
	    views_feed_orders[sort].asc1 != asc ? "ASC" : "DESC",
	    views_feed_orders[sort].key2 ? ", " : "",
	    views_feed_orders[sort].key2 ? views_feed_orders[sort].key2 : "",
	    views_feed_orders[sort].key2 ? (views_feed_orders[sort].asc2 != asc ? " ASC" : " DESC")
	    : "");
	sql = xasprintf("SELECT f.id, coalesce(f.title, f.url), f.url, "
	    "(SELECT group_concat(tag, ', ') FROM feed_tags t WHERE t.feed_id = f.id), "
	    "f.last_error, f.error_count, f.n_unread, f.n_total, "
	    "f.listed = " FEEDS_HEADING_SQL " FROM feeds f "
	    /* the feeds file's feeds less the hidden ones */
	    "WHERE f.listed != 0 AND f.listed != " FEEDS_HIDDEN_SQL " ORDER BY %s", order);
	st = db_prepare(db, sql, e);
	free(sql);
	free(order);
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
		r->heading = sqlite3_column_int(st, 8);
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
	/* store/filter's set-filter and killfile (filter_sql_view) */
	if (q->filter_view & ITEMS_VIEW_SHOWN)
		ADD("id IN temp.filter_shown");
	if (q->filter_view & ITEMS_VIEW_HIDDEN)
		ADD("id NOT IN temp.filter_hidden");
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

/*
 * An item order's key as SQL over items (alias a: "" or "i."); the id
 * breaks ties in the same direction, so (key, id) is one row value that
 * positions and next-unread compare with.  Fixed text but for the random
 * order's seed, a number.
 */
static char *
views_sort_key(const struct views_sort *sort, const char *a)
{
	switch (sort != NULL ? sort->key : VIEWS_SORT_DATE) {
	case VIEWS_SORT_TITLE: return xasprintf("coalesce(%stitle, '') COLLATE NOCASE", a);
	case VIEWS_SORT_FLAGS: return xasprintf("%sstarred", a);
	case VIEWS_SORT_AUTHOR: return xasprintf("coalesce(%sauthor, '')", a);
	case VIEWS_SORT_LINK: return xasprintf("coalesce(%surl, '')", a);
	case VIEWS_SORT_GUID: return xasprintf("%sguid", a);
	case VIEWS_SORT_RANDOM:
		return xasprintf("((%sid * 1103515245 + %u) %% 2147483647)", a,
		    sort->seed % 2147483647u);
	default: return xasprintf("%spublished", a);
	}
}

/* "KEY DIR, IDCOL DIR" for sort (reversed when reverse). */
static char *
views_sort_order(const struct views_sort *sort, const char *a, int reverse)
{
	char *key = views_sort_key(sort, a), *r;
	int asc = (sort != NULL && sort->asc) != reverse;

	r = xasprintf("%s %s, %sid %s", key, asc ? "ASC" : "DESC", a, asc ? "ASC" : "DESC");
	free(key);
	return r;
}

int
views_items(struct db *db, const struct items_query *q, int offset, int limit,
    int total, struct item_row **rows, size_t *n, struct err *e)
{
	return views_items_sorted(db, q, NULL, offset, limit, total, rows, n, e);
}

int
views_items_sorted(struct db *db, const struct items_query *q,
    const struct views_sort *sort, int offset, int limit, int total,
    struct item_row **rows, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	char *inner, *where, *in_order, *out_order;
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
	in_order = views_sort_order(sort, "", reverse);
	out_order = views_sort_order(sort, "i.", 0);
	inner = xasprintf("SELECT i.id, i.feed_id, coalesce(f.title, f.url), i.title, "
	    "i.url, i.author, i.published, i.read, i.starred FROM items i "
	    "JOIN feeds f ON f.id = i.feed_id WHERE i.id IN (SELECT id FROM items%s "
	    "ORDER BY %s LIMIT ?3 OFFSET ?4) "
	    "ORDER BY %s", where, in_order, out_order);
	free(where);
	free(in_order);
	free(out_order);
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
	return views_position_sorted(db, q, NULL, id, pos, e);
}

int
views_position_sorted(struct db *db, const struct items_query *q,
    const struct views_sort *sort, int64_t id, int *pos, struct err *e)
{
	sqlite3_stmt *st;
	char *key = views_sort_key(sort, ""), *before;
	int rc, found = 0;

	/* rows before id in the list's (key, id) order, if id is in the list */
	before = xasprintf("(%s, id) %s (SELECT %s, id FROM items WHERE id = ?5)", key,
	    sort != NULL && sort->asc ? "<" : ">", key);
	st = views_prepare(db, "SELECT (SELECT count(*) FROM items",
	    q, before, "), EXISTS (SELECT 1 FROM items x WHERE x.id = ?5)", e);
	free(before);
	free(key);
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
	return views_next_unread_sorted(db, q, NULL, id, published, dir, found, e);
}

int
views_next_unread_sorted(struct db *db, const struct items_query *q,
    const struct views_sort *sort, int64_t id, time_t published, int dir,
    int64_t *found, struct err *e)
{
	struct items_query uq = *q;
	sqlite3_stmt *st;
	char *key = views_sort_key(sort, ""), *cond, *order;
	/* onwards in the list: towards smaller keys in a descending list */
	int smaller = (dir > 0) != (sort != NULL && sort->asc);
	int rc;

	uq.unread_only = 1;
	/* the date order compares with the caller's (published, id) as it
	 * always did; the others with the item's own key */
	if (sort == NULL || sort->key == VIEWS_SORT_DATE)
		cond = xasprintf("(published, id) %s (?5, ?6)", smaller ? "<" : ">");
	else
		cond = xasprintf("(%s, id) %s (SELECT %s, id FROM items WHERE id = ?6)", key,
		    smaller ? "<" : ">", key);
	order = xasprintf(" ORDER BY %s %s, id %s LIMIT 1", key, smaller ? "DESC" : "ASC",
	    smaller ? "DESC" : "ASC");
	st = views_prepare(db, "SELECT id FROM items", &uq, cond, order, e);
	free(cond);
	free(order);
	free(key);
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
