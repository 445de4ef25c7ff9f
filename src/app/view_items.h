/*
 * view_items: the item list screen's model (one feed, or all feeds).
 *
 * Only a window of rows around the screen is held in memory: the count
 * comes from SQL, and view_items_sync reads the rows the screen needs
 * (views_items by offset) when the cursor or the screen moved past
 * the window.  Read/star changes are written to the cache at once and
 * to the held rows; an item marked read stays in an unread-only list
 * until the next reload, so the cursor never jumps under the reader.
 *
 * Owns its rows, title and tag; view_items_release frees them.
 */
#ifndef TIDINGS_VIEW_ITEMS_H
#define TIDINGS_VIEW_ITEMS_H

#include <stddef.h>
#include <stdint.h>

#include "app/view_list.h"
#include "store/db.h"
#include "store/items.h"
#include "store/views.h"
#include "util/err.h"

struct buf;

struct view_items {
	struct view_list list;
	struct items_query q;	/* q.tag points to tag */
	char *tag;
	char *title;		/* the feed's title, or "All items" */
	struct item_row *rows;	/* rows first .. first + nrows - 1 */
	size_t nrows;
	int first;
	int64_t seen_max_id;	/* the newest item when opened or reloaded */
	struct views_sort sort;	/* article-sort-order; kept from list to list */
};

void view_items_init(struct view_items *v);
void view_items_release(struct view_items *v);
/*
 * Show the items of feed_id (0: every feed, limited to tag when not NULL),
 * only unread ones when unread_only; the cursor on the first row.
 */
int view_items_open(struct view_items *v, struct db *db, int64_t feed_id,
    const char *tag, int unread_only, const char *title, struct err *e);
/* Read the rows the screen (list.top .. top + height) needs, if missing. */
int view_items_sync(struct view_items *v, struct db *db, struct err *e);
/* Count and read again; the cursor stays on the same item when it still is listed. */
int view_items_reload(struct view_items *v, struct db *db, struct err *e);
/* Row number row, when held (after view_items_sync: every row on screen). */
const struct item_row *view_items_row(const struct view_items *v, int row);
const struct item_row *view_items_current(const struct view_items *v);
/* Put the cursor on item id: 1, or 0 when it is not in the list. */
int view_items_select(struct view_items *v, struct db *db, int64_t id, struct err *e);
/* Move to the next (dir > 0) or previous unread item: 1 moved, 0 none. */
int view_items_next_unread(struct view_items *v, struct db *db, int dir, struct err *e);
/* Change the current item's read or starred flag (toggle when value < 0). */
int view_items_set_read(struct view_items *v, struct db *db, int value, struct err *e);
int view_items_set_starred(struct view_items *v, struct db *db, int value, struct err *e);
/*
 * Mark the list's feed (every feed when all) read, up to the newest item
 * there was when the list was opened or reloaded (see view_feeds_mark_read).
 */
int view_items_mark_read(struct view_items *v, struct db *db, int all, struct err *e);

/*
 * article-sort-order's value, "FIELD[-asc|-desc]" (date, title, flags,
 * author, link, guid, random) with newsboat's meanings: date-asc (its
 * default) is the newest first and date or date-desc the oldest first;
 * the others go up unless -desc; random ignores the direction.  0 and
 * the order in v (open or reload to apply it), -1 for a value it is
 * not.  seed fixes random's shuffle.
 */
int view_items_set_sort(struct view_items *v, const char *order, unsigned seed);

/*
 * Row row (r, held) as articlelist-format fmt says, width columns wide,
 * appended to out (sanitised).  newsboat's letters: %i index, %f "N" when
 * unread and "!" when starred (newsboat's flagged), %n "N" when unread,
 * %d " " (tidings deletes nothing), %D the date as datetime-format says,
 * %t title, %a author, %T the feed's title when the list holds many
 * feeds, %F %e %L empty (no flags, enclosures or lengths kept); tidings'
 * %s "*" when starred.  now is for datetime-format's %L.
 */
void view_items_format(const struct view_items *v, const struct item_row *r, int row,
    const char *fmt, const char *datetime_format, time_t now, size_t width,
    struct buf *out);
/*
 * The title bar as articlelist-title-format fmt says: %N program, %V
 * version, %T the list's title, %u unread and %t items (the feed's, from
 * the caller), %U the feed's URL (NULL: empty), %F no filter (empty);
 * tidings' %C the list's length in words ("3 items", "2 unread").
 */
void view_items_format_title(const struct view_items *v, const char *program,
    const char *version, const char *fmt, int unread, int total, const char *url,
    size_t width, struct buf *out);

/*
 * keys: delete the current item (all: every item of the list's feed but
 * the starred ones; the list must be one feed's), then read the list
 * again.  Polls do not bring deleted items back (store/items.h).
 */
int view_items_delete(struct view_items *v, struct db *db, int all, struct err *e);

#endif
