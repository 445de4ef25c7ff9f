/*
 * filter (store): filter/filter's trees run over the cache.  A tree is
 * compiled into one WHERE clause over items i JOIN feeds f: every value of
 * the expression is a bound parameter (never text in the SQL), regexes
 * are the trees' own compiled regex_t passed to a registered function
 * (tidings_regexp) by pointer, unread, tags and dates go through the
 * indexes (read, feed_tags, published), and what SQL has no operator for
 * (newsboat's number prefixes, word lists, its date text) is done by
 * registered functions that call filter/filter's own comparisons, so the
 * SQL and filter_match agree by construction.
 *
 * The killfile (ignore-article) is a list of rules, each a feed (a URL,
 * "regex:PATTERN" or "*") and a tree; in display mode the lists below
 * leave out the items any rule matches.
 */
#ifndef TIDINGS_STORE_FILTER_H
#define TIDINGS_STORE_FILTER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "filter/filter.h"
#include "store/db.h"
#include "store/items.h"
#include "util/err.h"

/* What to list: q's scope (feed, unread, starred, tag, limit, offset),
 * the items that match (NULL: all) and are not ignored (NULL/0: none). */
struct filter_scope {
	const struct items_query *q;
	const struct filter *match;
	const struct filter *also;	/* a second filter both must match, or NULL */
	const struct filter_ignore *ignore;
	size_t nignore;
	time_t now;		/* for age and latest_article_age */
	int keep_hidden;	/* filter_sql_view: temp.filter_hidden is still
				 * right (same rules, same items): keep it */
};

/* The scope's items, newest first (free with items_free_rows). */
int filter_sql_items(struct db *db, const struct filter_scope *s, struct item_row **rows,
    size_t *n, struct err *e);
/* How many of the scope's items there are, and how many unread (either
 * pointer may be NULL). */
int filter_sql_count(struct db *db, const struct filter_scope *s, int *unread, int *total,
    struct err *e);

/*
 * The count cache: filter_sql_count keeps counts in the cache (table
 * filter_counts) with the data generation they were made at, and gives
 * them back while the generation has not moved (and, for age, while the
 * clock has not passed an item's boundary); expressions that read the
 * feed's title or site, feedindex, date, latest_article_age or age other
 * than as a range are always counted.  The unlisted feeds are part of a
 * count's key.  Triggers move the generation for tags and for deleting
 * the newest item; a writer that changes stored items' text or dates
 * calls filter_gen_bump (store/items' items_store).  Read and starred
 * changes and deletes are logged instead (schema 11: filter_log, the
 * flags each item had before; schema 12: filter_dead, a deleted item's
 * columns but content): a kept count is brought up to date by counting
 * the logged items alone, with their old flags and their current ones
 * (a deleted one: old only), while the log since it is under 5,000 rows
 * and the expression reads no other item's flags (unread_count) and,
 * when the log holds a delete, nothing a delete changes for the others
 * or filter_dead lacks (articleindex, total_count, content); else it is
 * counted again.
 * New items move the newest id instead: the kept counts then grow by
 * those of the new items alone (unless the expression reads articleindex,
 * unread_count or total_count, which a new item changes for the others).
 */
int filter_gen_bump(struct db *db, struct err *e);

/*
 * keep[i] = 1 when item ids[i] is in the scope (q may be NULL: every
 * listed feed), else 0: for lists made elsewhere (search hits).
 */
int filter_sql_keep(struct db *db, const struct filter_scope *s, const int64_t *ids,
    size_t n, int *keep, struct err *e);

/*
 * known[i] = 1 when the feed already holds an item with guids[i] (a poll
 * checks only new items against the killfile: the others were checked
 * when they came).  0, or -1 with *e.
 */
int filter_sql_known(struct db *db, int64_t feed_id, const char *const *guids, size_t n,
    int *known, struct err *e);

/*
 * For the reader's paging queries (store/views), which read items by
 * fixed SQL: the scope's filter as ids in temporary tables of this
 * connection.  temp.filter_shown gets the ids of the listed items that
 * s->match matches (when it is set), temp.filter_hidden the ids any of
 * s->ignore's rules matches; *view gets ITEMS_VIEW_SHOWN and
 * ITEMS_VIEW_HIDDEN for the tables filled, to be put in items_query's
 * filter_view.  Call it again after a poll (new items).
 */
int filter_sql_view(struct db *db, const struct filter_scope *s, int *view, struct err *e);

/*
 * Mark read the unread items of q's list (feed_id, tag, and the view
 * tables of q->filter_view) whose id is at most max_id: what a filtered
 * screen showed, not every item of the feed.  0, or -1 with *e.
 */
int filter_sql_mark_read(struct db *db, const struct items_query *q, int64_t max_id,
    struct err *e);

#endif
