#include "store/import_newsboat.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_priv.h"
#include "util/xalloc.h"

/* the same cap as a feed's fields (feed.h): newsboat's content is HTML
 * from the same feeds, but its file is another program's */
#define NB_MAX_FIELD (1024 * 1024)

struct import_newsboat {
	sqlite3 *h;
	char *path;
};

static int
nb_fail(struct import_newsboat *nb, struct err *e, const char *what)
{
	return err_set(e, "%s: %s: %s", nb->path, what, sqlite3_errmsg(nb->h));
}

struct import_newsboat *
import_newsboat_open(const char *path, struct err *e)
{
	struct import_newsboat *nb = xcalloc(1, sizeof *nb);
	sqlite3_stmt *st = NULL;
	int rc;

	nb->path = xstrdup(path);
	rc = sqlite3_open_v2(path, &nb->h, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, "%s: cannot open newsboat's cache: %s", path, sqlite3_errstr(rc));
		goto fail;
	}
	/* newsboat may be running: wait for its writes rather than fail */
	sqlite3_busy_timeout(nb->h, 5000);
	rc = sqlite3_prepare_v2(nb->h, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
	    "AND name IN ('rss_feed', 'rss_item')", -1, &st, NULL);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		err_set(e, "%s: not a newsboat cache (%s)", path, sqlite3_errmsg(nb->h));
		goto fail;
	}
	if (sqlite3_column_int(st, 0) != 2) {
		err_set(e, "%s: not a newsboat cache (no rss_feed and rss_item tables)", path);
		goto fail;
	}
	sqlite3_finalize(st);
	return nb;
fail:
	sqlite3_finalize(st);
	import_newsboat_close(nb);
	return NULL;
}

void
import_newsboat_close(struct import_newsboat *nb)
{
	if (nb == NULL)
		return;
	sqlite3_close(nb->h);
	free(nb->path);
	free(nb);
}

/* A text column cut at NB_MAX_FIELD, NULL when NULL or empty (newsboat
 * writes "" for what a feed did not say). */
static char *
nb_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	size_t n;

	if (s == NULL || *s == '\0')
		return NULL;
	n = strlen(s);
	return xstrndup(s, n > NB_MAX_FIELD ? NB_MAX_FIELD : n);
}

/* what import_newsboat_feed fills of an item */
static void
nb_item_release(struct item *it)
{
	free(it->guid);
	free(it->title);
	free(it->author);
	free(it->link);
	free(it->content);
	if (it->nenclosures > 0) {
		free(it->enclosures[0].url);
		free(it->enclosures[0].type);
	}
	free(it->enclosures);
}

void
import_newsboat_feed_release(struct import_newsboat_feed *f)
{
	size_t i;

	for (i = 0; i < f->nitems; i++)
		nb_item_release(&f->items[i]);
	free(f->items);
	free(f->read);
	free(f->flagged);
	free(f->title);
	free(f->site);
	memset(f, 0, sizeof *f);
}

int
import_newsboat_feed(struct import_newsboat *nb, const char *url, size_t max,
    struct import_newsboat_feed *out, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(nb->h, "SELECT title, url FROM rss_feed WHERE rssurl = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return nb_fail(nb, e, "reading rss_feed");
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->title = nb_text(st, 0);
		out->site = nb_text(st, 1);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return nb_fail(nb, e, "reading rss_feed");
	if (sqlite3_prepare_v2(nb->h, "SELECT guid, title, author, url, pubDate, content, "
	    "unread, coalesce(flags, ''), enclosure_url, enclosure_type FROM rss_item "
	    "WHERE feedurl = ?1 AND deleted = 0 ORDER BY pubDate DESC, id DESC", -1, &st,
	    NULL) != SQLITE_OK) {
		import_newsboat_feed_release(out);
		return nb_fail(nb, e, "reading rss_item");
	}
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	while ((max == 0 || out->nitems < max) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct item *it;
		char *enc;

		if (out->nitems == cap) {
			cap = cap ? 2 * cap : 64;
			out->items = xreallocarray(out->items, cap, sizeof *out->items);
			out->read = xreallocarray(out->read, cap, sizeof *out->read);
			out->flagged = xreallocarray(out->flagged, cap, sizeof *out->flagged);
		}
		it = &out->items[out->nitems];
		memset(it, 0, sizeof *it);
		/* an item without a guid cannot be matched: newsboat always
		 * writes one (the link, else the title), so this is damage */
		if ((it->guid = nb_text(st, 0)) == NULL)
			continue;
		it->title = nb_text(st, 1);
		it->author = nb_text(st, 2);
		it->link = nb_text(st, 3);
		it->published = (time_t)sqlite3_column_int64(st, 4);
		it->content = nb_text(st, 5);
		out->read[out->nitems] = sqlite3_column_int(st, 6) == 0;
		out->flagged[out->nitems] = sqlite3_column_text(st, 7) != NULL &&
		    sqlite3_column_text(st, 7)[0] != '\0';
		if ((enc = nb_text(st, 8)) != NULL) {
			it->enclosures = xcalloc(1, sizeof *it->enclosures);
			it->enclosures[0].url = enc;
			it->enclosures[0].type = nb_text(st, 9);
			it->enclosures[0].length = -1;
			it->enclosures[0].duration = -1;
			it->nenclosures = 1;
		}
		out->nitems++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		import_newsboat_feed_release(out);
		return nb_fail(nb, e, "reading rss_item");
	}
	return 1;
}

int
import_newsboat_mark(struct db *db, int64_t feed_id, const char *guid, int read,
    int starred, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (!read && !starred)
		return 0;
	/* max(): a switch never takes away what tidings already has */
	st = db_prepare(db, "UPDATE items SET read = max(read, ?3), starred = max(starred, ?4) "
	    "WHERE feed_id = ?1 AND guid = ?2", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	db_bind_text(st, 2, guid);
	sqlite3_bind_int(st, 3, read != 0);
	sqlite3_bind_int(st, 4, starred != 0);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "importing newsboat's state");
}

int
import_newsboat_set_title(struct db *db, int64_t feed_id, const char *title,
    const char *site, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "UPDATE feeds SET title = coalesce(title, ?2), "
	    "site = coalesce(site, ?3) WHERE id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, site);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "importing newsboat's feed titles");
}
