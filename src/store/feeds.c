#include "store/feeds.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_priv.h"
#include "store/items.h"
#include "util/xalloc.h"

/*
 * The position of a feed the feeds file has not placed yet: after every
 * placed one, in the order of insertion (the views order by position, then
 * id), until the next start-up reads its place in the file.  A constant
 * rather than max(position) + 1, which scanned the whole table for every
 * new feed: quadratic at a first start or an import (20,000 feeds: 33 s).
 */
#define FEEDS_POSITION_NEW INT64_MAX

/* The text of each status, in enum order (FEEDS_HTTP_ERROR's has the code). */
static const char *const feeds_status_names[] = {
	[FEEDS_NEVER_POLLED] = NULL,
	[FEEDS_OK] = "ok",
	[FEEDS_NOT_MODIFIED] = "not modified",
	[FEEDS_HTTP_ERROR] = "HTTP",
	[FEEDS_NETWORK_ERROR] = "network error",
	[FEEDS_TOO_BIG] = "too big",
	[FEEDS_BAD_URL] = "bad URL",
	[FEEDS_PARSE_ERROR] = "parse error",
	[FEEDS_CANCELLED] = "cancelled",
	[FEEDS_SKIPPED] = "skipped",
	[FEEDS_ERROR] = "error",
};
_Static_assert(sizeof feeds_status_names / sizeof feeds_status_names[0] == FEEDS_ERROR + 1,
    "a name for every feeds_status");

const char *
feeds_status_name(enum feeds_status status, long http_code, char *buf, size_t size)
{
	if (status == FEEDS_HTTP_ERROR) {
		int n = snprintf(buf, size, "HTTP %ld", http_code);

		return n > 0 && (size_t)n < size ? buf : "HTTP error";
	}
	if ((unsigned)status > FEEDS_ERROR)
		status = FEEDS_ERROR;
	return feeds_status_names[status];
}

/* The status whose text (from the cache) is s; unknown text is FEEDS_ERROR. */
static enum feeds_status
feeds_status_parse(const char *s, long *http_code)
{
	size_t i;

	*http_code = 0;
	if (s == NULL)
		return FEEDS_NEVER_POLLED;
	if (strncmp(s, "HTTP ", 5) == 0) {
		char *end;
		long code;

		errno = 0;
		code = strtol(s + 5, &end, 10);
		if (errno == 0 && end != s + 5 && *end == '\0' && code > 0) {
			*http_code = code;
			return FEEDS_HTTP_ERROR;
		}
		return FEEDS_ERROR;
	}
	for (i = FEEDS_OK; i <= FEEDS_ERROR; i++)
		if (i != FEEDS_HTTP_ERROR && strcmp(s, feeds_status_names[i]) == 0)
			return (enum feeds_status)i;
	return FEEDS_ERROR;
}

int
feeds_ensure(struct db *db, const char *url, int64_t *id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	/* read first: a poll or a start-up asks for every feed, and most
	 * exist; an upsert would write (and lock) for each */
	st = db_prepare(db, "SELECT id FROM feeds WHERE url = ?1", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_fail(db, e, url);
	/* another process may insert it between the two statements */
	st = db_prepare(db, "INSERT INTO feeds(url, position) VALUES (?1, ?2) "
	    "ON CONFLICT(url) DO UPDATE SET url = excluded.url RETURNING id", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, FEEDS_POSITION_NEW);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, e, url);
	return 0;
}

int
feeds_set_tags(struct db *db, const char *url, char *const *tags, size_t ntags,
    struct err *e)
{
	sqlite3_stmt *st;
	int64_t id;
	size_t i;
	int rc;

	if (feeds_ensure(db, url, &id, e) < 0)
		return -1;
	st = db_prepare(db, "DELETE FROM feed_tags WHERE feed_id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, url);
	st = db_prepare(db, "INSERT OR IGNORE INTO feed_tags(feed_id, tag) VALUES (?1, ?2)", e);
	if (st == NULL)
		return -1;
	for (i = 0; i < ntags; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, tags[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_fail(db, e, url);
		}
	}
	sqlite3_finalize(st);
	return 0;
}

int
feeds_set_custom_title(struct db *db, const char *url, const char *title, struct err *e)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc;

	if (feeds_ensure(db, url, &id, e) < 0)
		return -1;
	st = db_prepare(db, "UPDATE feeds SET custom_title = ?2, title = coalesce(?2, title) "
	    "WHERE id = ?1 AND custom_title IS NOT ?2", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, title);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, url);
	/* feed: searches find items under the title people see */
	if (sqlite3_changes(db->h) > 0)
		return items_reindex_feed(db, id, e);
	return 0;
}

static int
feeds_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
feeds_matches(struct db *db, const char *url, const char *title, char *const *tags,
    size_t ntags, struct err *e)
{
	sqlite3_stmt *st;
	const char *have_title;
	char **sorted;
	size_t i, n = 0;
	int rc, same = 1;

	st = db_prepare(db, "SELECT f.custom_title, t.tag FROM feeds f "
	    "LEFT JOIN feed_tags t ON t.feed_id = f.id WHERE f.url = ?1 ORDER BY t.tag", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, url);
	sorted = xcalloc(ntags ? ntags : 1, sizeof *sorted);
	if (ntags > 0)
		memcpy(sorted, tags, ntags * sizeof *sorted);
	qsort(sorted, ntags, sizeof *sorted, feeds_cmp_str);
	/* the file may repeat a tag; the table holds it once */
	for (i = 0; i < ntags; i++)
		if (n == 0 || strcmp(sorted[n - 1], sorted[i]) != 0)
			sorted[n++] = sorted[i];
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		same = 0;	/* no row */
	} else {
		have_title = (const char *)sqlite3_column_text(st, 0);
		if ((have_title == NULL) != (title == NULL) ||
		    (title && strcmp(have_title, title) != 0))
			same = 0;
		for (i = 0; same && rc == SQLITE_ROW; i++, rc = sqlite3_step(st)) {
			const char *tag = (const char *)sqlite3_column_text(st, 1);

			if (tag == NULL)
				break;	/* no tags at all */
			if (i >= n || strcmp(tag, sorted[i]) != 0)
				same = 0;
		}
		if (same && i != n)
			same = 0;
	}
	free(sorted);
	sqlite3_finalize(st);
	if (same == 0)
		return 0;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 1 : db_fail(db, e, url);
}

int
feeds_set_site(struct db *db, const char *url, const char *site, struct err *e)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc;

	if (feeds_ensure(db, url, &id, e) < 0)
		return -1;
	st = db_prepare(db, "UPDATE feeds SET site = ?2 WHERE id = ?1 AND site IS NULL", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, site);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, url);
}

struct feeds_want {
	const char *url;
	size_t pos;		/* 1-based line order in the feeds file */
	int shown;		/* enum feeds_shown */
};

static int
feeds_want_url_cmp(const void *a, const void *b)
{
	const struct feeds_want *x = a, *y = b;

	return strcmp(x->url, y->url);
}

/* by URL, then position: of a URL listed twice, the first line comes first */
static int
feeds_want_cmp(const void *a, const void *b)
{
	const struct feeds_want *x = a, *y = b;
	int c = strcmp(x->url, y->url);

	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

int
feeds_sync_listed(struct db *db, const char *const *urls, size_t n, struct err *e)
{
	return feeds_sync_shown(db, urls, NULL, n, e);
}

int
feeds_sync_shown(struct db *db, const char *const *urls, const enum feeds_shown *shown,
    size_t n, struct err *e)
{
	struct feeds_want *sorted;
	struct change { int64_t id; int listed; int64_t position; } *ch = NULL;
	sqlite3_stmt *st;
	size_t i, nch = 0, cap = 0;
	int rc, own = 0;

	/* the file's URLs sorted, so each row finds its line by bsearch */
	sorted = xcalloc(n ? n : 1, sizeof *sorted);
	for (i = 0; i < n; i++) {
		sorted[i].url = urls[i];
		sorted[i].pos = i + 1;
		sorted[i].shown = shown ? (int)shown[i] : FEEDS_SHOWN;
	}
	qsort(sorted, n, sizeof *sorted, feeds_want_cmp);
	st = db_prepare(db, "SELECT id, url, listed, position FROM feeds", e);
	if (st == NULL) {
		free(sorted);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *url = (const char *)sqlite3_column_text(st, 1);
		struct feeds_want key = { url ? url : "", 0, 0 }, *w;
		int64_t pos = 0;
		int listed;

		w = bsearch(&key, sorted, n, sizeof *sorted, feeds_want_url_cmp);
		while (w != NULL && w > sorted && strcmp(w[-1].url, key.url) == 0)
			w--;
		listed = w != NULL ? w->shown : 0;
		if (w != NULL)
			pos = (int64_t)w->pos;
		if (sqlite3_column_int(st, 2) == listed &&
		    sqlite3_column_int64(st, 3) == pos)
			continue;
		if (nch == cap) {
			cap = cap ? cap * 2 : 16;
			ch = xreallocarray(ch, cap, sizeof *ch);
		}
		ch[nch].id = sqlite3_column_int64(st, 0);
		ch[nch].listed = listed;
		ch[nch].position = pos;
		nch++;
	}
	sqlite3_finalize(st);
	free(sorted);
	if (rc != SQLITE_DONE) {
		free(ch);
		return db_fail(db, e, "reading feeds");
	}
	if (nch == 0)
		return 0;
	if (!db->in_tx) {
		if (db_begin(db, e) < 0) {
			free(ch);
			return -1;
		}
		own = 1;
	}
	st = db_prepare(db, "UPDATE feeds SET listed = ?2, position = ?3 WHERE id = ?1", e);
	rc = st ? SQLITE_DONE : SQLITE_ERROR;
	for (i = 0; st != NULL && i < nch && rc == SQLITE_DONE; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ch[i].id);
		sqlite3_bind_int(st, 2, ch[i].listed);
		sqlite3_bind_int64(st, 3, ch[i].position);
		rc = sqlite3_step(st);
	}
	free(ch);
	if (st == NULL || rc != SQLITE_DONE) {
		if (st != NULL)
			db_fail(db, e, "updating feeds");
		sqlite3_finalize(st);
		if (own)
			db_rollback(db);
		return -1;
	}
	sqlite3_finalize(st);
	return own ? db_commit(db, e) : 0;
}

int
feeds_any_unlisted(struct db *db, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM feeds WHERE listed = 0)", e);
	int rc, any = 0;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		any = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? any : db_fail(db, e, "reading feeds");
}

int
feeds_delete_unlisted(struct db *db, int force, int *feeds, int *items, int *starred,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*feeds = *items = *starred = 0;
	if (db_begin(db, e) < 0)
		return -1;
	st = db_prepare(db, "SELECT (SELECT count(*) FROM feeds WHERE listed = 0), "
	    "count(*), coalesce(sum(starred), 0) FROM items WHERE feed_id IN "
	    "(SELECT id FROM feeds WHERE listed = 0)", e);
	if (st == NULL)
		goto fail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*feeds = sqlite3_column_int(st, 0);
		*items = sqlite3_column_int(st, 1);
		*starred = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		db_fail(db, e, "counting feeds");
		goto fail;
	}
	if (*starred > 0 && !force) {
		db_rollback(db);
		return 0;
	}
	if (db_exec(db, "DELETE FROM feeds WHERE listed = 0", e) < 0)
		goto fail;
	return db_commit(db, e) < 0 ? -1 : 1;
fail:
	db_rollback(db);
	return -1;
}

int
feeds_delete(struct db *db, const char *url, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "DELETE FROM feeds WHERE url = ?1", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, url);
}

#define FEED_COLUMNS \
	"f.id, f.url, f.title, f.site, " \
	"(SELECT group_concat(tag, ', ') FROM feed_tags t WHERE t.feed_id = f.id), f.etag, f.last_modified, " \
	"f.last_status, f.last_error, f.last_poll, f.next_poll, f.error_count, " \
	"f.n_unread, f.n_total, f.custom_title, f.listed, f.body_hash "

static void
feeds_read_row(sqlite3_stmt *st, struct feed_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->url = db_column_dup(st, 1);
	r->title = db_column_dup(st, 2);
	r->site = db_column_dup(st, 3);
	r->tags = db_column_dup(st, 4);
	r->etag = db_column_dup(st, 5);
	r->last_modified = db_column_dup(st, 6);
	r->status = feeds_status_parse((const char *)sqlite3_column_text(st, 7), &r->http_code);
	r->last_error = db_column_dup(st, 8);
	r->last_poll = (time_t)sqlite3_column_int64(st, 9);
	r->next_poll = (time_t)sqlite3_column_int64(st, 10);
	r->error_count = sqlite3_column_int(st, 11);
	r->unread = sqlite3_column_int(st, 12);
	r->total = sqlite3_column_int(st, 13);
	r->custom_title = sqlite3_column_type(st, 14) != SQLITE_NULL;
	r->listed = sqlite3_column_int(st, 15);
	r->body_hash = (uint64_t)sqlite3_column_int64(st, 16);
	r->backlog = sqlite3_column_int(st, 17);	/* 0 from feeds_get */
}

int
feeds_list(struct db *db, struct feed_row **rows, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " FEED_COLUMNS ", f.n_pending FROM feeds f ORDER BY f.id", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xreallocarray(*rows, cap, sizeof **rows);
		}
		feeds_read_row(st, &(*rows)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		feeds_free_rows(*rows, *n);
		*rows = NULL;
		*n = 0;
		return db_fail(db, e, "listing feeds");
	}
	return 0;
}

int
feeds_exists(struct db *db, int64_t id, struct err *e)
{
	return db_row_exists(db, "SELECT 1 FROM feeds WHERE id = ?1", id, e);
}

int
feeds_get(struct db *db, int64_t id, const char *url, struct feed_row *row, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(row, 0, sizeof *row);
	st = db_prepare(db, url
	    ? "SELECT " FEED_COLUMNS ", 0 FROM feeds f WHERE f.url = ?1"
	    : "SELECT " FEED_COLUMNS ", 0 FROM feeds f WHERE f.id = ?1", e);
	if (st == NULL)
		return -1;
	if (url)
		db_bind_text(st, 1, url);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		feeds_read_row(st, row);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "reading a feed");
}

void
feed_row_release(struct feed_row *r)
{
	free(r->url);
	free(r->title);
	free(r->site);
	free(r->tags);
	free(r->etag);
	free(r->last_modified);
	free(r->last_error);
	memset(r, 0, sizeof *r);
}

void
feeds_free_rows(struct feed_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		feed_row_release(&rows[i]);
	free(rows);
}

int
feeds_record_poll(struct db *db, int64_t id, const struct feed_poll_result *r, struct err *e)
{
	char name[FEEDS_STATUS_NAME_MAX];
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "UPDATE feeds SET "
	    "title = coalesce(custom_title, ?2, title), site = coalesce(?3, site), "
	    "etag = coalesce(?4, etag), last_modified = coalesce(?5, last_modified), "
	    "last_status = ?6, last_error = ?7, last_poll = ?8, next_poll = ?9, "
	    "error_count = CASE WHEN ?10 THEN error_count + 1 ELSE 0 END, "
	    "body_hash = coalesce(?11, body_hash) WHERE id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, r->title);
	db_bind_text(st, 3, r->site);
	db_bind_text(st, 4, r->etag);
	db_bind_text(st, 5, r->last_modified);
	db_bind_text(st, 6, feeds_status_name(r->status, r->http_code, name, sizeof name));
	db_bind_text(st, 7, r->error);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)r->now);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)r->next_poll);
	sqlite3_bind_int(st, 10, r->failed);
	if (r->body_hash != 0)
		sqlite3_bind_int64(st, 11, (sqlite3_int64)r->body_hash);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "recording a poll");
}

int
feeds_recount(struct db *db, int *fixed, struct err *e)
{
	*fixed = 0;
	if (db_begin(db, e) < 0)
		return -1;
	if (db_exec(db, FEEDS_RECOUNT_SQL, e) < 0) {
		db_rollback(db);
		return -1;
	}
	*fixed = sqlite3_changes(db->h);
	return db_commit(db, e);
}
