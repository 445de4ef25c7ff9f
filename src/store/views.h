/*
 * views (store): the reader's own read-only queries on the cache, shaped
 * for screens that show a page of a long list (store/feeds and
 * store/items serve the command line; these add what paging needs).
 *
 * Feed counts are the ones the cache keeps in the feeds rows (schema 7:
 * a row a feed read, whatever the number of items); item pages are found by id through
 * the (published, id) indexes first and only then joined with their feed,
 * so a page deep in 100,000 items never reads the rows above it.  The SQL
 * is fixed text picked by which filters are set; values are bound.
 *
 * Results are new arrays the caller frees with the store's free functions.
 */
#ifndef TIDINGS_STORE_VIEWS_H
#define TIDINGS_STORE_VIEWS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"
#include "store/items.h"
#include "util/err.h"

struct views_feed {
	int64_t id;
	char *title;		/* the feed's title, else its URL */
	char *url;
	char *tags;		/* "a, b" or NULL */
	char *last_error;	/* NULL when the last poll went well */
	int failed;		/* the last poll failed */
	int unread;
	int total;
	int heading;		/* a feeds file heading ("---Tech---"), no feed */
};

/* Every feed (in the feeds file's order), with counts. */
int views_feeds(struct db *db, struct views_feed **rows, size_t *n,
    struct err *e);

/*
 * newsboat's feed-sort-order, as newsboat orders: with its default
 * direction (desc) none is the feeds file's order, firsttag and title go
 * A to Z (a feed with no tag last), articlecount and unreadarticlecount
 * from the fewest items up, lastupdated and latestunread from the newest
 * (newest item, newest unread item) down, feeds without one last; asc
 * reverses each.  Ties keep the feeds file's order.  firsttag is the
 * alphabetically first tag (the cache keeps tags as a set).
 */
enum views_feed_sort {
	VIEWS_FEEDS_NONE,
	VIEWS_FEEDS_FIRSTTAG,
	VIEWS_FEEDS_TITLE,
	VIEWS_FEEDS_ARTICLECOUNT,
	VIEWS_FEEDS_UNREADARTICLECOUNT,
	VIEWS_FEEDS_LASTUPDATED,
	VIEWS_FEEDS_LATESTUNREAD,
};
int views_feeds_sorted(struct db *db, enum views_feed_sort sort, int asc,
    struct views_feed **rows, size_t *n, struct err *e);

/*
 * An item list's order (article-sort-order): by a key, smallest first
 * (asc) or largest first, ties by id the same way.  NULL everywhere
 * means by date, newest first.  date and flags (starred) walk an index
 * only for date; the others sort the list's rows for every page (a few
 * milliseconds for one feed, about a second for a million items).
 * random is a shuffle fixed by seed, so pages and positions agree.
 */
enum views_sort_key {
	VIEWS_SORT_DATE,
	VIEWS_SORT_TITLE,
	VIEWS_SORT_FLAGS,
	VIEWS_SORT_AUTHOR,
	VIEWS_SORT_LINK,
	VIEWS_SORT_GUID,
	VIEWS_SORT_RANDOM,
};
struct views_sort {
	enum views_sort_key key;
	int asc;
	unsigned seed;
};
void views_free_feeds(struct views_feed *rows, size_t n);

/* The highest item id in the cache (0 when empty): item ids grow as items
 * arrive, so this marks what a screen loaded now has seen. */
int views_max_item_id(struct db *db, int64_t *id, struct err *e);

/* Every tag in use, sorted.  Free with views_free_strings. */
int views_tags(struct db *db, char ***tags, size_t *n, struct err *e);
void views_free_strings(char **s, size_t n);

/*
 * The rows of the list that q describes (feed_id, unread_only, tag;
 * starred_only) from offset, at most limit, newest first.  total is the
 * list's length when known (else -1): a page in the older half is then
 * read from the oldest end, so the last page (G) costs no more than the
 * first.
 */
int views_items(struct db *db, const struct items_query *q, int offset, int limit,
    int total, struct item_row **rows, size_t *n, struct err *e);
/* The same in sort's order (NULL: newest first, as views_items). */
int views_items_sorted(struct db *db, const struct items_query *q,
    const struct views_sort *sort, int offset, int limit, int total,
    struct item_row **rows, size_t *n, struct err *e);
int views_count(struct db *db, const struct items_query *q, int *count,
    struct err *e);
/* The row number of item id in q's list: 1 and *pos, 0 when not in it. */
int views_position(struct db *db, const struct items_query *q, int64_t id,
    int *pos, struct err *e);
int views_position_sorted(struct db *db, const struct items_query *q,
    const struct views_sort *sort, int64_t id, int *pos, struct err *e);
/*
 * The nearest unread item after (dir > 0) or before (dir < 0) item id
 * (published, id) in q's order: 1 and *found, 0 when there is none.
 */
int views_next_unread(struct db *db, const struct items_query *q, int64_t id,
    time_t published, int dir, int64_t *found, struct err *e);
/* The same in sort's order (published is only read for the date order). */
int views_next_unread_sorted(struct db *db, const struct items_query *q,
    const struct views_sort *sort, int64_t id, time_t published, int dir,
    int64_t *found, struct err *e);

#endif
