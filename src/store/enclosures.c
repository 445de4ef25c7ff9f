/*
 * enclosures (store): an item's enclosures in the cache (enclosures.h).
 */
#include "config.h"

#include "store/enclosures.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_priv.h"
#include "util/xalloc.h"

struct enclosures_writer {
	struct db *db;
	sqlite3_stmt *get, *del, *ins;
};

struct enclosures_writer *
enclosures_writer_new(struct db *db, struct err *e)
{
	struct enclosures_writer *w = xcalloc(1, sizeof *w);

	w->db = db;
	w->get = db_prepare(db, "SELECT url, type, length, duration FROM enclosures "
	    "WHERE item_id = ?1 ORDER BY position", e);
	w->del = db_prepare(db, "DELETE FROM enclosures WHERE item_id = ?1", e);
	w->ins = db_prepare(db, "INSERT INTO enclosures(item_id, position, url, type, "
	    "length, duration) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", e);
	if (w->get == NULL || w->del == NULL || w->ins == NULL) {
		enclosures_writer_free(w);
		return NULL;
	}
	return w;
}

void
enclosures_writer_free(struct enclosures_writer *w)
{
	if (w == NULL)
		return;
	sqlite3_finalize(w->get);
	sqlite3_finalize(w->del);
	sqlite3_finalize(w->ins);
	free(w);
}

static int
enclosures_streq(const unsigned char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == NULL && b == NULL;
	return strcmp((const char *)a, b) == 0;
}

/* 1 when the cached rows are en[0..n) already, 0 when not, -1 on error. */
static int
enclosures_same(struct enclosures_writer *w, int64_t item_id,
    const struct enclosure *en, size_t n)
{
	size_t i = 0;
	int rc, same = 1;

	sqlite3_reset(w->get);
	sqlite3_bind_int64(w->get, 1, item_id);
	while ((rc = sqlite3_step(w->get)) == SQLITE_ROW) {
		if (i >= n || !enclosures_streq(sqlite3_column_text(w->get, 0), en[i].url) ||
		    !enclosures_streq(sqlite3_column_text(w->get, 1), en[i].type) ||
		    sqlite3_column_int64(w->get, 2) != en[i].length ||
		    sqlite3_column_int64(w->get, 3) != en[i].duration) {
			same = 0;
			break;
		}
		i++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_reset(w->get);
		return -1;
	}
	sqlite3_reset(w->get);
	return same && i == n;
}

int
enclosures_put(struct enclosures_writer *w, int64_t item_id,
    const struct enclosure *en, size_t n, struct err *e)
{
	size_t i;
	int same = enclosures_same(w, item_id, en, n);

	if (same < 0)
		return db_fail(w->db, e, "reading enclosures");
	if (same)
		return 0;
	sqlite3_reset(w->del);
	sqlite3_bind_int64(w->del, 1, item_id);
	if (sqlite3_step(w->del) != SQLITE_DONE)
		return db_fail(w->db, e, "writing enclosures");
	for (i = 0; i < n; i++) {
		sqlite3_reset(w->ins);
		sqlite3_bind_int64(w->ins, 1, item_id);
		sqlite3_bind_int64(w->ins, 2, (sqlite3_int64)i);
		db_bind_text(w->ins, 3, en[i].url);
		db_bind_text(w->ins, 4, en[i].type);
		sqlite3_bind_int64(w->ins, 5, en[i].length < 0 ? -1 : en[i].length);
		sqlite3_bind_int64(w->ins, 6, en[i].duration < 0 ? -1 : en[i].duration);
		if (sqlite3_step(w->ins) != SQLITE_DONE)
			return db_fail(w->db, e, "writing enclosures");
	}
	return 0;
}

int
enclosures_list(struct db *db, int64_t item_id, struct enclosure_row **rows,
    size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	struct enclosure_row *r = NULL;
	size_t cap = 0, k = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT item_id, position, url, type, length, duration "
	    "FROM enclosures WHERE item_id = ?1 ORDER BY position", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = xgrow(r, k, &cap, 4, sizeof *r);
		r[k].item_id = sqlite3_column_int64(st, 0);
		r[k].position = sqlite3_column_int(st, 1);
		r[k].url = db_column_dup(st, 2);
		r[k].type = db_column_dup(st, 3);
		r[k].length = sqlite3_column_int64(st, 4);
		r[k].duration = (long)sqlite3_column_int64(st, 5);
		if (r[k].url == NULL)
			r[k].url = xstrdup("");
		k++;
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, e, "reading enclosures");
		sqlite3_finalize(st);
		enclosures_free_rows(r, k);
		return -1;
	}
	sqlite3_finalize(st);
	*rows = r;
	*n = k;
	return 0;
}

void
enclosures_free_rows(struct enclosure_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].url);
		free(rows[i].type);
	}
	free(rows);
}

int
enclosures_items_since(struct db *db, time_t since, int64_t **ids, size_t *n,
    struct err *e)
{
	sqlite3_stmt *st;
	int64_t *r = NULL;
	size_t cap = 0, k = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id FROM items WHERE first_seen >= ?1 AND id IN "
	    "(SELECT item_id FROM enclosures) AND " FEEDS_LISTED_ONLY " ORDER BY "
	    "published, id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = xgrow(r, k, &cap, 16, sizeof *r);
		r[k++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, e, "reading new items");
		sqlite3_finalize(st);
		free(r);
		return -1;
	}
	sqlite3_finalize(st);
	*ids = r;
	*n = k;
	return 0;
}

long long
enclosures_length(struct db *db, const char *url, struct err *e)
{
	sqlite3_stmt *st;
	long long n = -1;
	int rc;

	st = db_prepare(db, "SELECT max(length) FROM enclosures WHERE url = ?1", e);
	if (st == NULL)
		return -2;
	db_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		n = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		n = -2;
	if (n == -2)
		db_fail(db, e, "reading enclosures");
	sqlite3_finalize(st);
	return n < 0 && n != -2 ? -1 : n;
}
