/*
 * import_newsboat (store): newsboat's cache.db read, never written, and
 * what a switch from newsboat writes into ours: the items newsboat has
 * cached with their read and flagged state (issue 13 item 10).
 *
 * newsboat's schema (src/cache.cpp, 2.x): rss_feed(rssurl, url, title),
 * rss_item(guid, title, author, url, feedurl, pubDate, content, unread,
 * enclosure_url, enclosure_type, flags, deleted).  Items are matched to
 * ours by feed URL and guid, the same guid tidings' parser gives an item
 * that has a guid or a link, so the next poll updates them in place.  An
 * item newsboat deleted is not imported.
 */
#ifndef TIDINGS_STORE_IMPORT_NEWSBOAT_H
#define TIDINGS_STORE_IMPORT_NEWSBOAT_H

#include <stddef.h>
#include <stdint.h>

#include "feed/feed.h"
#include "store/db.h"
#include "util/err.h"

struct import_newsboat;

struct import_newsboat_feed {
	char *title;		/* newsboat's title for the feed, or NULL */
	char *site;		/* its url column, or NULL */
	struct item *items;	/* newest first; guid, title, link, author,
				 * published, content, one enclosure */
	int *read;		/* per item: newsboat's unread = 0 */
	int *flagged;		/* per item: newsboat flags set (tidings: starred) */
	size_t nitems;
};

/*
 * Open newsboat's cache at path read-only (SQLite's read-only mode: never
 * written, not even its journal).  NULL with *e when it cannot be opened
 * or is not newsboat's ("PATH: not a newsboat cache").
 */
struct import_newsboat *import_newsboat_open(const char *path, struct err *e);
void import_newsboat_close(struct import_newsboat *nb);
/*
 * What newsboat has of the feed at url, at most max items (0: all): 1 and
 * *out filled (free with import_newsboat_feed_release), 0 when newsboat
 * knows no such feed, -1 with *e.
 */
int import_newsboat_feed(struct import_newsboat *nb, const char *url, size_t max,
    struct import_newsboat_feed *out, struct err *e);
void import_newsboat_feed_release(struct import_newsboat_feed *f);

/*
 * Into our cache, for feed feed_id (items already stored): mark the item
 * with guid read and/or starred.  Only ever adds: what is read or starred
 * in tidings stays so.  Also gives the feed newsboat's title and site while
 * it has none of its own.  Inside the caller's transaction.
 */
int import_newsboat_mark(struct db *db, int64_t feed_id, const char *guid, int read,
    int starred, struct err *e);
int import_newsboat_set_title(struct db *db, int64_t feed_id, const char *title,
    const char *site, struct err *e);

#endif
