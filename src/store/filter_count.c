/*
 * filter_count (store): how many items a filter scope holds, and the
 * count cache that keeps those counts between runs (store/filter.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/filter_priv.h"
#include "util/xalloc.h"

/* count(*) of the scope, with "AND i.read = 0" when unread_only, of the
 * items after after_id (0: all). */
static int
count_one(struct db *db, const struct filter_scope *s, int unread_only, int64_t after_id,
    int *out, struct err *e)
{
	struct sqlc c;
	sqlite3_stmt *st;
	int rc = -1;

	filter_sqlc_init(&c, s);
	/*
	 * The new items alone: by their ids, the rowid range.  Left to
	 * itself SQLite reads a tag's feeds through items_by_feed, every
	 * item of them (tags # "world" or tags # "economy": 310,000 index
	 * entries to find 50 new items).
	 */
	buf_addstr(&c.sql, after_id > 0 ? "SELECT count(*) FROM items i NOT INDEXED" :
	    "SELECT count(*) FROM items i");
	filter_scope_sql(&c, s);
	if (unread_only)
		buf_addstr(&c.sql, " AND i.read = 0");
	if (after_id > 0) {
		buf_addstr(&c.sql, " AND i.id > ");
		filter_sqlc_int(&c, after_id);
	}
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

/*
 * A kept count whose log (schema 11: filter_log) has grown by more rows
 * than this is counted again: past a few thousand changes (mark-all-read
 * of big feeds) a fresh count costs no more than the deltas.
 */
#define FILTER_LOG_MAX 5000

/*
 * The change the logged items (seq in (since, upto], id at most max_id)
 * made to the scope's counts: the scope evaluated on them with the flags
 * they had before their first logged change (those the kept count saw)
 * and with their current ones; *du and *dt get current minus old.  An
 * item deleted since (schema 12) is evaluated the old way on its columns
 * kept in filter_dead, and the current way not at all.
 */
static int
count_delta(struct db *db, const struct filter_scope *s, int64_t since, int64_t upto,
    int64_t max_id, int *du, int *dt, struct err *e)
{
	/* [0]: old flags on the items still there, [1]: old flags on the
	 * deleted ones, [2]: current flags on the items still there */
	int u[3] = { 0, 0, 0 }, t[3] = { 0, 0, 0 }, k, rc = 0;

	for (k = 0; k < 3 && rc == 0; k++) {
		struct sqlc c;
		sqlite3_stmt *st;

		filter_sqlc_init(&c, s);
		if (k < 2) {
			c.read_col = "d.read0";
			c.starred_col = "d.starred0";
		}
		/* the log first (CROSS JOIN keeps that order): a few rows by
		 * seq, then each item by its id, never a scan of items */
		buf_printf(&c.sql, "SELECT count(*), coalesce(sum(%s = 0), 0) FROM (SELECT "
		    "item, read0, starred0 FROM filter_log WHERE seq IN (SELECT min(seq) FROM "
		    "filter_log WHERE seq > ", c.read_col);
		filter_sqlc_int(&c, since);
		buf_addstr(&c.sql, " AND seq <= ");
		filter_sqlc_int(&c, upto);
		buf_addstr(&c.sql, k == 1 ? " GROUP BY item)) d CROSS JOIN filter_dead i ON "
		    "i.id = d.item" : " GROUP BY item)) d CROSS JOIN items i ON i.id = d.item");
		filter_scope_sql(&c, s);
		buf_addstr(&c.sql, " AND i.id <= ");
		filter_sqlc_int(&c, max_id);
		if (k == 1) {
			/* deleted in the window: an older row of an id given
			 * again is not this item (see db_schema.c, schema 12) */
			buf_addstr(&c.sql, " AND i.seq > ");
			filter_sqlc_int(&c, since);
			buf_addstr(&c.sql, " AND i.seq <= ");
			filter_sqlc_int(&c, upto);
		}
		/* a scope reading what filter_dead lacks is counted again when
		 * the window holds a delete (filter_sql_count): none here */
		if (k == 1 && c.nodead) {
			filter_sqlc_release(&c);
			continue;
		}
		rc = -1;
		if ((st = filter_prepare(db, &c, e)) != NULL) {
			if (sqlite3_step(st) == SQLITE_ROW) {
				t[k] = sqlite3_column_int(st, 0);
				u[k] = sqlite3_column_int(st, 1);
				rc = 0;
			} else {
				rc = db_fail(db, e, "counting changed items");
			}
			sqlite3_finalize(st);
		}
		filter_sqlc_release(&c);
	}
	if (rc == 0) {
		*du = u[2] - u[0] - u[1];
		*dt = t[2] - t[0] - t[1];
	}
	return rc;
}

/* 1 when items were deleted in the log's window (since, upto], 0 when
 * not, -1 when the cache cannot say. */
static int
count_deleted(struct db *db, int64_t since, int64_t upto)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(db->h, "SELECT EXISTS (SELECT 1 FROM filter_dead WHERE seq > ?1 "
	    "AND seq <= ?2)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, upto);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc;
}

/* --- the count cache (filter_counts, schemas 9 and 11) -------------------- */

/* One field of a cache key: its length first, so no text can end it. */
static void
key_add(struct buf *k, const char *s)
{
	buf_printf(k, "%zu:%s;", s != NULL ? strlen(s) : (size_t)0, s != NULL ? s : "");
}

/*
 * Everything the scope's SQL depends on but the data and the clock: q's
 * conditions (not limit or offset), the expressions' texts, the
 * killfile's rules and the unlisted feeds.  Equal keys compile to the
 * same SQL over the same feeds.  -1 when the cache cannot say.
 */
static int
count_key(struct db *db, const struct filter_scope *s, struct buf *k)
{
	const struct items_query *q = s->q;
	sqlite3_stmt *st;
	size_t i;
	int rc;

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
	/* the feeds the feeds file no longer lists (hidden from every list):
	 * a few rows, read each time, so that no trigger on feeds is needed */
	if (sqlite3_prepare_v2(db->h, "SELECT id FROM feeds WHERE listed = 0 ORDER BY id", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	buf_addstr(k, "unlisted");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		buf_printf(k, ",%lld", (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The data generation: filter_gen.n (moved by every change but new
 * items and flags), the newest item's id (new items: ids only grow, and
 * a delete of the newest moves n), the change log's last seq (read,
 * starred and deletes) and how far the log is trimmed (filter_gen's row
 * 2).  0, or -1 when the cache has no filter_gen, filter_log or
 * filter_dead (an older schema opened read-only) or cannot say.
 */
struct count_gen {
	int64_t n, max_id, log, trimmed;
};

static int
count_gen(struct db *db, struct count_gen *g)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(db->h, "SELECT n, (SELECT coalesce(max(id), 0) FROM items), "
	    "(SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'filter_log'), "
	    "(SELECT n FROM filter_gen WHERE id = 2), (SELECT count(*) FROM sqlite_master "
	    "WHERE name IN ('filter_log', 'filter_dead')) FROM filter_gen WHERE id = 1", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 3) != SQLITE_NULL &&
	    sqlite3_column_int(st, 4) == 2) {
		g->n = sqlite3_column_int64(st, 0);
		g->max_id = sqlite3_column_int64(st, 1);
		g->log = sqlite3_column_int64(st, 2);
		g->trimmed = sqlite3_column_int64(st, 3);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* A kept row: counts made at generation n with items up to max_id and
 * the log up to log_seq, right from now_at until valid_until. */
struct count_row {
	int64_t max_id, valid_until, log_seq;
	int unread, total;
};

/* 1 and *r when the key has a row of generation n whose clock is still
 * good at now, else 0. */
static int
count_lookup(struct db *db, const char *key, int64_t n, time_t now, struct count_row *r)
{
	sqlite3_stmt *st;
	int hit = 0;

	if (sqlite3_prepare_v2(db->h, "SELECT max_id, valid_until, unread, total, log_seq FROM "
	    "filter_counts WHERE key = ?1 AND gen = ?2 AND now_at <= ?3 AND ?3 < valid_until",
	    -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, n);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->max_id = sqlite3_column_int64(st, 0);
		r->valid_until = sqlite3_column_int64(st, 1);
		r->unread = sqlite3_column_int(st, 2);
		r->total = sqlite3_column_int(st, 3);
		r->log_seq = sqlite3_column_int64(st, 4);
		hit = 1;
	}
	sqlite3_finalize(st);
	return hit;
}

/*
 * Until when counts made at now stay right as the clock moves: an age
 * range "published OP now - off" gives another answer only once its
 * bound B has passed an item's date.  An item after B flips at its date
 * plus off at the earliest; one exactly at B may flip a second later
 * (for < and >=).  Every item counts, not just the scope's: earlier is
 * only safe.  INT64_MAX without ranges; now (never good) when the cache
 * cannot say.
 */
static int64_t
count_valid_until(struct db *db, const struct sqlc *c, time_t now)
{
	sqlite3_stmt *st;
	int64_t until = INT64_MAX;
	size_t k;

	if (c->noff == 0)
		return until;
	if (sqlite3_prepare_v2(db->h, "SELECT min(published), EXISTS (SELECT 1 FROM items "
	    "WHERE published = ?1) FROM items WHERE published > ?1", -1, &st,
	    NULL) != SQLITE_OK)
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
		if (sqlite3_column_int(st, 1) && (int64_t)now + 1 < until)
			until = (int64_t)now + 1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return until;
}

/*
 * Keep counts made at generation g.  Never waits: a poll holding the
 * write lock means the next count is made again, not that the reader
 * stops for the busy timeout.  Rows of older generations go (they can
 * never be read again), and so do those too far behind the log to be
 * brought up to date, so the table holds one row an expression; then
 * the log rows no kept count needs go.  The trim mark moves before the
 * rows go: a count that read the log while it was trimmed sees the mark
 * moved and is not kept (filter_sql_count).
 */
static void
count_store(struct db *db, const char *key, const struct count_gen *g, time_t now,
    int64_t until, int unread, int total)
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
	/* one commit for the lot (and inside a caller's transaction, a part of it) */
	if (sqlite3_exec(db->h, "SAVEPOINT filter_count_store", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_busy_timeout(db->h, busy_ms);
		return;
	}
	if (sqlite3_prepare_v2(db->h, "DELETE FROM filter_counts WHERE gen != ?1", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, g->n);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(db->h, "DELETE FROM filter_counts WHERE log_seq < ?1", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, g->log - FILTER_LOG_MAX);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO filter_counts(key, gen, now_at, "
	    "valid_until, unread, total, max_id, log_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, g->max_id);
		sqlite3_bind_int64(st, 2, g->n);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
		sqlite3_bind_int64(st, 4, until);
		sqlite3_bind_int(st, 5, unread);
		sqlite3_bind_int(st, 6, total);
		sqlite3_bind_int64(st, 8, g->log);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(db->h, "UPDATE filter_gen SET n = max(n, (SELECT "
	    "coalesce(min(log_seq), ?1) FROM filter_counts)) WHERE id = 2", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, g->log);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	/* a failure leaves rows that a later trim takes */
	sqlite3_exec(db->h, "DELETE FROM filter_log WHERE seq <= (SELECT n FROM filter_gen "
	    "WHERE id = 2); DELETE FROM filter_dead WHERE seq <= (SELECT n FROM filter_gen "
	    "WHERE id = 2)", NULL, NULL, NULL);
	/* never leave a transaction open: what did not commit is dropped */
	if (sqlite3_exec(db->h, "RELEASE filter_count_store", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(db->h, "ROLLBACK TO filter_count_store; RELEASE filter_count_store",
		    NULL, NULL, NULL);
	sqlite3_busy_timeout(db->h, busy_ms);
}

int
filter_gen_bump(struct db *db, struct err *e)
{
	/* one row by its rowid: no statement savepoint (see db.c, schema 7) */
	return db_exec(db, "UPDATE filter_gen SET n = n + 1 WHERE id = 1", e);
}

int
filter_count_kept(struct db *db, const struct filter_scope *s, int *total)
{
	struct sqlc c;
	struct buf key;
	struct count_gen g;
	struct count_row row;
	int hit;

	filter_sqlc_init(&c, s);
	filter_scope_sql(&c, s);
	buf_init(&key, 0);
	hit = !c.nocache && count_key(db, s, &key) == 0 && count_gen(db, &g) == 0 &&
	    count_lookup(db, key.data, g.n, s->now, &row) && row.max_id == g.max_id &&
	    row.log_seq == g.log;
	if (hit)
		*total = row.total;
	buf_release(&key);
	filter_sqlc_release(&c);
	return hit;
}

int
filter_sql_count(struct db *db, const struct filter_scope *s, int *unread, int *total,
    struct err *e)
{
	struct sqlc c;
	struct buf key;
	struct count_gen g, g2;
	struct count_row row;
	int64_t until, after = 0, since = -1;
	int u = 0, t = 0, du = 0, dt = 0, rc = -1, keep;

	/* what the SQL will read (nothing is run): see struct sqlc's nocache */
	filter_sqlc_init(&c, s);
	filter_scope_sql(&c, s);
	buf_init(&key, 0);
	keep = !c.nocache && count_key(db, s, &key) == 0 && count_gen(db, &g) == 0;
	if (keep && count_lookup(db, key.data, g.n, s->now, &row)) {
		if (row.max_id == g.max_id && row.log_seq == g.log) {
			u = row.unread;
			t = row.total;
			rc = 0;
			goto done;
		}
		/*
		 * Read or starred flags changed since (n has not moved): the
		 * kept counts plus what the changed items alone add or take
		 * away, while the log since the count is whole and short and
		 * the expression reads no other item's flags.
		 */
		if (row.log_seq < g.log && row.log_seq >= g.trimmed &&
		    g.log - row.log_seq <= FILTER_LOG_MAX && !c.nodelta)
			since = row.log_seq;
		/*
		 * Items were added since: the kept counts plus those of the
		 * new ones, unless the expression reads what a new item
		 * changes for the others (their index, their feed's counts).
		 */
		if (row.max_id < g.max_id && !c.noincr)
			after = row.max_id;
		if ((row.log_seq != g.log && since < 0) || (row.max_id != g.max_id && after == 0))
			since = -1, after = 0;
		else if (after == 0)
			after = -1;	/* no new items: count none */
	}
	/*
	 * Items deleted since: what they counted is taken away, unless the
	 * expression reads what a delete changes for the other items or what
	 * filter_dead does not keep (content).
	 */
	if (since >= 0 && (c.noincr || c.nodead) && count_deleted(db, since, g.log) != 0)
		since = -1, after = 0;
	if (since >= 0) {
		if (count_delta(db, s, since, g.log, row.max_id, &du, &dt, e) < 0)
			goto done;
		/* the log read was whole only if no trim passed since meanwhile */
		if (count_gen(db, &g2) < 0 || g2.trimmed > since)
			since = -1, after = 0;
	}
	/*
	 * Two counts, not count(*) and sum(read = 0): the unread one is
	 * served by the partial index of unread items without reading rows.
	 * Both when the result is kept, so that either is there next time.
	 */
	if (after >= 0 && (total != NULL || keep) && count_one(db, s, 0, after, &t, e) < 0)
		goto done;
	if (after >= 0 && (unread != NULL || keep) && count_one(db, s, 1, after, &u, e) < 0)
		goto done;
	if (after != 0) {
		t += row.total + dt;
		u += row.unread + du;
	}
	rc = 0;
	/* kept only when nothing a filter sees changed while counting: a
	 * commit between the reads would have moved n, the newest id or the
	 * log */
	until = keep ? count_valid_until(db, &c, s->now) : 0;
	if (after != 0 && row.valid_until < until)
		until = row.valid_until;
	if (keep && until > (int64_t)s->now && count_gen(db, &g2) == 0 && g2.n == g.n &&
	    g2.max_id == g.max_id && g2.log == g.log)
		count_store(db, key.data, &g, s->now, until, u, t);
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
