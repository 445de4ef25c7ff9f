/*
 * db_priv: what the store's files share and nothing else sees: the
 * connection, statement helpers and the SQL fragments that more than one
 * store file writes into its queries.  Only the .c files of src/store (and the
 * store's own white-box tests and benchmark) include this header; the
 * rest of the program sees store/db.h, where struct db is opaque.
 */
#ifndef TIDINGS_STORE_DB_PRIV_H
#define TIDINGS_STORE_DB_PRIV_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/items.h"
#include "util/err.h"

struct db {
	sqlite3 *h;
	char *path;
	int in_tx;
	int rank_fn;		/* store/search's ranking function is registered */
	int search_cache;	/* store/search has enlarged the page cache */
	int readonly;		/* opened read-only: writes fail, skip them */
};

/* The schema whose migration moved the index's text into items.fts
 * (store/db_schema.c; renumbered with it): caches from before it are
 * vacuumed once after migrating. */
#define DB_SCHEMA_TEXT_ONCE 13

/* Prepare sql; on failure fill *e with "cache FILE: MESSAGE" and return NULL. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, struct err *e);
/* Run sql that takes no parameters and returns no rows. */
int db_exec(struct db *db, const char *sql, struct err *e);
/* Fill *e from the connection's last error with a prefix; returns -1. */
int db_fail(struct db *db, struct err *e, const char *what);

/* Bind helpers: NULL strings bind NULL. */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* 1 when sql (with the id as ?1) returns a row, 0 when none, -1 with *e. */
int db_row_exists(struct db *db, const char *sql, int64_t id, struct err *e);
/* Column as a new string (caller frees) or NULL for SQL NULL. */
char *db_column_dup(sqlite3_stmt *st, int col);

/* The SQL condition on items that hides unlisted feeds' items (feed_id
 * unqualified: use it where only items has that column). */
#define FEEDS_LISTED_ONLY "feed_id NOT IN (SELECT id FROM feeds WHERE listed = 0)"

/*
 * ARTICLES_PENDING is store/items.h's "article still to fetch" condition
 * in SQL, on items i (written as the WHEREs of the partial indexes
 * items_pages and articles_done, so that SQLite reads those instead of
 * the wide rows).
 */
#define ARTICLES_PENDING \
	"(i.url LIKE 'http://%' OR i.url LIKE 'https://%') AND i.id NOT IN " \
	"(SELECT item_id FROM articles WHERE status != 'failed' OR attempts >= 3)"
_Static_assert(ARTICLES_MAX_ATTEMPTS == 3, "ARTICLES_PENDING and db.c say 3");

/*
 * The same condition for one item row (i: an alias, "old" or "new" in a
 * trigger) as 1 or 0, never NULL (a NULL url is not pending), looked up
 * through the article's primary key: what feeds.n_pending counts.
 */
#define ITEMS_PENDING_OF(i) \
	"(CASE WHEN (" i ".url LIKE 'http://%' OR " i ".url LIKE 'https://%') AND " \
	"NOT EXISTS (SELECT 1 FROM articles a WHERE a.item_id = " i ".id AND " \
	"(a.status != 'failed' OR a.attempts >= 3)) THEN 1 ELSE 0 END)"

/*
 * Count every feed's items again (feeds.n_total, n_unread, n_pending) and
 * write the counts that differ: what schema 10 starts from and what
 * `tidings cleanup` checks (feeds_recount).
 */
#define FEEDS_RECOUNT_SQL \
	"UPDATE feeds SET n_total = c.t, n_unread = c.u, n_pending = c.p FROM " \
	"(SELECT f.id AS id, count(i.id) AS t, coalesce(sum(i.read = 0), 0) AS u, " \
	"coalesce(sum(" ITEMS_PENDING_OF("i") "), 0) AS p " \
	"FROM feeds f LEFT JOIN items i ON i.feed_id = f.id GROUP BY f.id) c " \
	"WHERE c.id = feeds.id AND (feeds.n_total, feeds.n_unread, feeds.n_pending) " \
	"!= (c.t, c.u, c.p)"

/*
 * Step st, whose columns are an item_row's (id, feed_id, feed title, title,
 * url, author, published, read, starred), into new rows; finalizes st.
 * For store queries with their own paging SQL (store/views).
 */
int items_read_rows(struct db *db, sqlite3_stmt *st, struct item_row **rows,
    size_t *n, struct err *e);

/* The migrations (store/db_schema.c): db_migrations[i] takes user_version
 * i to i + 1; db_nmigrations is DB_SCHEMA_VERSION. */
extern const char *const db_migrations[];
extern const size_t db_nmigrations;

#endif
