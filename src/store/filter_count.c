/*
 * filter_count (store): how many items a filter scope holds, and the
 * count cache that keeps those counts between runs (store/filter.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/filter_priv.h"
#include "util/xalloc.h"

/* count(*) of the scope, with "AND i.read = 0" when unread_only. */
static int
count_one(struct db *db, const struct filter_scope *s, int unread_only, int *out,
    struct err *e)
{
	struct sqlc c;
	sqlite3_stmt *st;
	int rc = -1;

	filter_sqlc_init(&c, s);
	buf_addstr(&c.sql, "SELECT count(*) FROM items i");
	filter_scope_sql(&c, s);
	if (unread_only)
		buf_addstr(&c.sql, " AND i.read = 0");
	if ((st = filter_prepare(db, &c, e)) != NULL) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = 0;
		} else {
			rc = db_fail(db, e, "counting filtered items");
		}
		sqlite3_finalize(st);
	}
	filter_sqlc_release(&c);
	return rc;
}

/* --- the count cache (filter_counts, schema 7) ---------------------------- */

/* One field of a cache key: its length first, so no text can end it. */
static void
key_add(struct buf *k, const char *s)
{
	buf_printf(k, "%zu:%s;", s != NULL ? strlen(s) : (size_t)0, s != NULL ? s : "");
}

/*
 * Everything the scope's SQL depends on but the data and the clock: q's
 * conditions (not limit or offset), the expressions' texts and the
 * killfile's rules.  Equal keys compile to the same SQL.
 */
static void
count_key(const struct filter_scope *s, struct buf *k)
{
	const struct items_query *q = s->q;
	size_t i;

	buf_printf(k, "v1;%" PRId64 ";%d;%d;", q != NULL ? q->feed_id : 0,
	    q != NULL && q->unread_only, q != NULL && q->starred_only);
	key_add(k, q != NULL ? q->tag : NULL);
	key_add(k, s->match != NULL ? s->match->text : NULL);
	key_add(k, s->also != NULL ? s->also->text : NULL);
	buf_printf(k, "%zu;", s->nignore);
	for (i = 0; i < s->nignore; i++) {
		key_add(k, s->ignore[i].feed_word);
		key_add(k, s->ignore[i].match->text);
	}
}

/* filter_gen.n, or -1 when the cache has no such table (an older schema
 * opened read-only) or cannot say. */
static int64_t
count_gen(struct db *db)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(db->h, "SELECT n FROM filter_gen WHERE id = 1", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* 1 and the counts when the key's row was counted at generation gen and
 * its clock is still good at now, else 0. */
static int
count_lookup(struct db *db, const char *key, int64_t gen, time_t now, int *unread,
    int *total)
{
	sqlite3_stmt *st;
	int hit = 0;

	if (sqlite3_prepare_v2(db->h, "SELECT unread, total FROM filter_counts WHERE key = ?1 "
	    "AND gen = ?2 AND now_at <= ?3 AND ?3 < valid_until", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, gen);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*unread = sqlite3_column_int(st, 0);
		*total = sqlite3_column_int(st, 1);
		hit = 1;
	}
	sqlite3_finalize(st);
	return hit;
}

/*
 * Until when counts made at now stay right as the clock moves: an age
 * range "published OP now - off" gives another answer only once its
 * bound has passed an item's date, so the earliest date at or after the
 * bound, plus off, is when the first one may flip (every item counts,
 * not just the scope's: earlier is only safe).  INT64_MAX without
 * ranges; now (never good) when the cache cannot say.
 */
static int64_t
count_valid_until(struct db *db, const struct sqlc *c, time_t now)
{
	sqlite3_stmt *st;
	int64_t until = INT64_MAX;
	size_t k;

	if (c->noff == 0)
		return until;
	if (sqlite3_prepare_v2(db->h, "SELECT min(published) FROM items WHERE published >= ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return (int64_t)now;
	for (k = 0; k < c->noff; k++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)now - c->off[k]);
		if (sqlite3_step(st) != SQLITE_ROW) {
			until = (int64_t)now;
			break;
		}
		if (sqlite3_column_type(st, 0) != SQLITE_NULL &&
		    sqlite3_column_int64(st, 0) + c->off[k] < until)
			until = sqlite3_column_int64(st, 0) + c->off[k];
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return until;
}

/*
 * Keep counts made at generation gen.  Never waits: a poll holding the
 * write lock means the next count is made again, not that the reader
 * stops for the busy timeout.  Rows of older generations go (they can
 * never be read again), so the table holds one row an expression.
 */
static void
count_store(struct db *db, const char *key, int64_t gen, time_t now, int64_t until,
    int unread, int total)
{
	sqlite3_stmt *st;
	int busy_ms = 0;

	if (db->readonly || sqlite3_db_readonly(db->h, "main") == 1)
		return;
	if (sqlite3_prepare_v2(db->h, "PRAGMA busy_timeout", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			busy_ms = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(db->h, 0);
	if (sqlite3_prepare_v2(db->h, "DELETE FROM filter_counts WHERE gen != ?1", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, gen);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO filter_counts(key, gen, now_at, "
	    "valid_until, unread, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, gen);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
		sqlite3_bind_int64(st, 4, until);
		sqlite3_bind_int(st, 5, unread);
		sqlite3_bind_int(st, 6, total);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(db->h, busy_ms);
}

int
filter_gen_bump(struct db *db, struct err *e)
{
	/* one row by its rowid: no statement savepoint (see db.c, schema 7) */
	return db_exec(db, "UPDATE filter_gen SET n = n + 1 WHERE id = 1", e);
}

int
filter_sql_count(struct db *db, const struct filter_scope *s, int *unread, int *total,
    struct err *e)
{
	struct sqlc c;
	struct buf key;
	int64_t gen, until;
	int u = 0, t = 0, rc = -1;

	/* what the SQL will read (nothing is run): see struct sqlc's nocache */
	filter_sqlc_init(&c, s);
	filter_scope_sql(&c, s);
	buf_init(&key, 0);
	count_key(s, &key);
	gen = c.nocache ? -1 : count_gen(db);
	if (gen >= 0 && count_lookup(db, key.data, gen, s->now, &u, &t)) {
		rc = 0;
		goto done;
	}
	/*
	 * Two counts, not count(*) and sum(read = 0): the unread one is
	 * served by the partial index of unread items without reading rows.
	 * Both when the result is kept, so that either is there next time.
	 */
	if ((total != NULL || gen >= 0) && count_one(db, s, 0, &t, e) < 0)
		goto done;
	if ((unread != NULL || gen >= 0) && count_one(db, s, 1, &u, e) < 0)
		goto done;
	rc = 0;
	/* kept only when nothing a filter sees changed while counting: a
	 * commit between the two reads would have moved n */
	until = gen >= 0 ? count_valid_until(db, &c, s->now) : 0;
	if (gen >= 0 && until > (int64_t)s->now && count_gen(db) == gen)
		count_store(db, key.data, gen, s->now, until, u, t);
done:
	if (rc == 0) {
		if (unread != NULL)
			*unread = u;
		if (total != NULL)
			*total = t;
	}
	buf_release(&key);
	filter_sqlc_release(&c);
	return rc;
}
