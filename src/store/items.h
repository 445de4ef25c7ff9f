/*
 * items (store): feed items and their downloaded articles in the cache,
 * their read and starred state, retention, and keeping the full-text
 * index (items_fts) in step with every insert, update and delete.
 *
 * Callers wrap a feed's writes in db_begin/db_commit, so a crash loses at
 * most the feed in flight.  No poll ever writes read or starred, but for
 * the one thing a user asks for: reset-unread-on-update (ITEMS_RESET_UNREAD).
 * Plain text for the index is the caller's (store knows no HTML).
 */
#ifndef TIDINGS_STORE_ITEMS_H
#define TIDINGS_STORE_ITEMS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "feed/feed.h"
#include "store/db.h"
#include "util/err.h"

struct items_store_stats {
	int added;
	int updated;
	int removed;		/* by retention */
};

/*
 * Upsert n parsed items of feed feed_id.  texts[i] (may be NULL, or texts
 * may be NULL) is the plain text of item i for the index.  New items are
 * unread; existing ones keep read/starred.  A date more than a few minutes
 * after now (2100, 9999) is not believed: the item is dated when it was
 * first seen, so it cannot sort above everything forever.  Must run inside
 * a transaction.
 */
int items_store(struct db *db, int64_t feed_id, const char *feed_title,
    const struct item *items, char *const *texts, size_t n, time_t now,
    struct items_store_stats *stats, struct err *e);
/*
 * items_store with flags.  ITEMS_RESET_UNREAD (newsboat's
 * reset-unread-on-update, for the feeds it names): an existing item whose
 * text (summary or content) changed becomes unread again; a change of
 * title, link or date alone does not.  The feed's kept unread count
 * follows (the schema's trigger on read).
 */
#define ITEMS_RESET_UNREAD 1
int items_store_flags(struct db *db, int64_t feed_id, const char *feed_title,
    const struct item *items, char *const *texts, size_t n, time_t now, int flags,
    struct items_store_stats *stats, struct err *e);
/*
 * Keep at most max items of the feed (0 = no limit): starred items and items
 * in the latest document (last_seen == seen) are never removed.
 */
int items_retain(struct db *db, int64_t feed_id, int max, time_t seen,
    struct items_store_stats *stats, struct err *e);

/*
 * Rewrite the feed column of the index for every item of feed_id from the
 * feed's current title (coalesce(title, url)), so feed: finds items under
 * the title people see after a custom title or a renamed feed.  Call it
 * inside the transaction that changed the title.
 */
int items_reindex_feed(struct db *db, int64_t feed_id, struct err *e);

/* 1 when the item with this id is in the cache, 0 when not, -1 with *e. */
int items_exists(struct db *db, int64_t id, struct err *e);

int items_set_read(struct db *db, int64_t id, int read, struct err *e);
int items_set_starred(struct db *db, int64_t id, int starred, struct err *e);
/* Mark every item of the feed (0: of all feeds) read. */
int items_mark_feed_read(struct db *db, int64_t feed_id, struct err *e);

struct item_row {
	int64_t id;
	int64_t feed_id;
	char *feed_title;	/* the feed's title, else its URL */
	char *title;
	char *url;
	char *author;
	time_t published;
	int read;
	int starred;
};

struct items_query {
	int64_t feed_id;	/* 0: all feeds */
	int unread_only;
	int starred_only;
	const char *tag;	/* only feeds carrying this tag, or NULL */
	int limit;		/* 0: no limit */
	int offset;
	int filter_view;	/* store/filter_sql_view's tables: ITEMS_VIEW_* */
};
/* filter (issue 14): only ids of temp.filter_shown, none of temp.filter_hidden */
#define ITEMS_VIEW_SHOWN 1
#define ITEMS_VIEW_HIDDEN 2

/* Rows newest first.  Free with items_free_rows. */
int items_list(struct db *db, const struct items_query *q, struct item_row **rows,
    size_t *n, struct err *e);
int items_count(struct db *db, const struct items_query *q, int *count, struct err *e);
void item_row_release(struct item_row *r);
void items_free_rows(struct item_row *rows, size_t n);

/*
 * What fetching an item's article came to.  The cache keeps the text of
 * articles_status_name in articles.status ("failed" is also in the SQL of
 * store/db_priv.h's ARTICLES_PENDING and store/db.c's indexes).
 */
enum article_status {
	ARTICLE_NONE,		/* never fetched */
	ARTICLE_OK,
	ARTICLE_SHORT,		/* the page held no article: the feed's text stands */
	ARTICLE_FAILED,
};
/* "ok", "short", "failed"; NULL for ARTICLE_NONE. */
const char *articles_status_name(enum article_status status);

/* An item with everything needed to show it. */
struct item_full {
	struct item_row row;
	char *guid;
	char *summary_html;
	char *content_html;
	char *categories;
	char *enclosure_url;
	/* the downloaded article, when there is one */
	enum article_status article_state;
	char *article_error;
	char *article_title;
	char *article_byline;
	time_t article_published;
	char *article_html;
};
/* 1 found, 0 no such item, -1 error. */
int items_get(struct db *db, int64_t id, struct item_full *it, struct err *e);
void item_full_release(struct item_full *it);

/*
 * An item's article is still to fetch when the item links to an http(s)
 * page that was never tried, or failed fewer than ARTICLES_MAX_ATTEMPTS
 * times (a poll retries it).  store/db_priv.h has that condition in SQL.
 */
#define ARTICLES_MAX_ATTEMPTS 3

/* Items whose article is still to fetch, of feed_id (0: of every feed),
 * newest first, at most limit (0: all). */
struct article_todo {
	int64_t id;
	char *url;
	char *feed_url;
};
int articles_pending(struct db *db, int64_t feed_id, int limit,
    struct article_todo **todo, size_t *n, struct err *e);
void articles_free_todo(struct article_todo *todo, size_t n);
/* How many articles are still to fetch, of every feed in the feeds file. */
int articles_backlog(struct db *db, int *n, struct err *e);

struct article_in {
	enum article_status status;	/* not ARTICLE_NONE */
	const char *error;
	const char *title;
	const char *byline;
	time_t published;
	const char *html;
	const char *text;	/* plain text for the index, or NULL to keep it;
				 * kept in the index only, not in articles */
	time_t fetched_at;
};
/* Store (or replace) an item's article; counts attempts.  Inside the caller's
 * transaction, else in its own. */
int articles_store(struct db *db, int64_t item_id, const struct article_in *a,
    struct err *e);

/*
 * Mark read the items of the feed (0: of every listed feed) whose id is at
 * most max_id: what a screen showed when it was read, not what a poll
 * added after (item ids grow as items arrive).
 */
int items_mark_read_upto(struct db *db, int64_t feed_id, int64_t max_id, struct err *e);

/*
 * newsboat's retention, after items_store of a feed (inside its
 * transaction): with max > 0 only the newest max items of the feed are
 * kept (newsboat's max-items: even ones still in the feed's document),
 * with keep_days > 0 only those published in the last keep_days days
 * (keep-articles-days).  Starred items are always kept.  An item this poll
 * added (first_seen == now) and deleted again was never shown: it is taken
 * off stats->added rather than counted in stats->removed.
 */
int items_prune(struct db *db, int64_t feed_id, int max, int keep_days, time_t now,
    struct items_store_stats *stats, struct err *e);
/* Delete every read item that is not starred (delete-read-articles-on-
 * quit); *count gets how many. */
int items_delete_read(struct db *db, int *count, struct err *e);

/*
 * keys: delete item_id (0: every item of feed_id, starred ones kept when
 * keep_starred), as the reader's delete-article and delete-all-articles
 * do: the rows go (their articles and index entries with them) and their
 * guids stay in deleted_items so that no poll brings them back.  0, or -1
 * and *e (nothing deleted then).
 */
int items_delete(struct db *db, int64_t item_id, int64_t feed_id, int keep_starred,
    struct err *e);

#endif
