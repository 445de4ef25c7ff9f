/*
 * view_feeds: the feed list screen's model.
 *
 * Row 0 is "All items" (id 0: every feed, newest first), then the feeds,
 * hiding feeds without unread items when show_read is off (but not feeds
 * whose last poll failed) and feeds without the tag when a tag filter is
 * set.  Reloading keeps the cursor
 * on the same feed.  Owns its rows and tag list; view_feeds_release frees.
 */
#ifndef TIDINGS_VIEW_FEEDS_H
#define TIDINGS_VIEW_FEEDS_H

#include <stddef.h>
#include <stdint.h>

#include "app/view_list.h"
#include "store/views.h"
#include "store/db.h"
#include "util/err.h"

struct buf;

struct view_feeds {
	struct view_list list;
	struct views_feed *rows;	/* shown rows; rows[0] is "All items" */
	size_t nrows;
	int show_read;
	char *tag;		/* filter, or NULL */
	char **tags;		/* every tag in use */
	size_t ntags;
	int total_unread;
	int total;
	int64_t seen_max_id;	/* the newest item when loaded (mark-read stops there) */
	int backlog;		/* articles still to fetch, every feed */
	enum views_feed_sort sort;	/* feed-sort-order (row 0 stays first) */
	int sort_asc;
};

void view_feeds_init(struct view_feeds *v, int show_read);
void view_feeds_release(struct view_feeds *v);
/* (Re)read feeds and counts; the cursor stays on the feed it was on. */
int view_feeds_load(struct view_feeds *v, struct db *db, struct err *e);
/* The row under the cursor (never NULL after a successful load). */
const struct views_feed *view_feeds_current(const struct view_feeds *v);
/* Put the cursor on feed id: 1, or 0 when that feed is not shown. */
int view_feeds_select(struct view_feeds *v, int64_t id);
/* Filter by tag (NULL: no filter); call view_feeds_load after. */
void view_feeds_set_tag(struct view_feeds *v, const char *tag);
/* The tag after the current filter in v->tags, NULL after the last.
 * Borrowed from v->tags: valid until the next view_feeds_load. */
const char *view_feeds_next_tag(const struct view_feeds *v);
/* Move to the next/previous feed with unread items: 1 moved, 0 none. */
int view_feeds_next_unread(struct view_feeds *v, int dir);
/*
 * Mark the items of feed_id (0: of every feed) read, but only those that
 * were in the cache when the list was last loaded: items a poll added
 * since (a cron job, another reader) stay unread until they are shown.
 */
int view_feeds_mark_read(struct view_feeds *v, struct db *db, int64_t feed_id,
    struct err *e);

/*
 * feed-sort-order's value, "FIELD[-asc|-desc]" (none, firsttag, title,
 * articlecount, unreadarticlecount, lastupdated, latestunread; desc by
 * default, as newsboat): 0 and the order in v (load again to apply it),
 * -1 for a value it is not.
 */
int view_feeds_set_sort(struct view_feeds *v, const char *order);

/*
 * Row row as feedlist-format fmt says, width columns wide, appended to
 * out (sanitised).  The letters are newsboat's: %i index (empty for "All
 * items"), %n "N" when unread, %u "(unread/total)", %U unread, %c total,
 * %S "x" when the last poll failed, %t title, %T first tag, %L URL, %l
 * and %d empty (tidings keeps no site link or description); and
 * tidings' own %E ("! " when the last poll failed) and %G (every tag,
 * "a, b").  *mark_start and *mark_end: where %E landed (equal when not).
 */
void view_feeds_format(const struct view_feeds *v, int row, const char *fmt,
    size_t width, struct buf *out, size_t *mark_start, size_t *mark_end);
/*
 * The title bar as feedlist-title-format fmt says: %N program, %V
 * version (as given), %u feeds with unread items, %t feeds shown, %U unread items,
 * %T the tag filter, %F (no filters yet: empty); tidings' %c items in
 * all and %B the articles still to download (empty when none).
 */
void view_feeds_format_title(const struct view_feeds *v, const char *program,
    const char *version, const char *fmt, size_t width, struct buf *out);

#endif
