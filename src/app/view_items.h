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
#include "util/err.h"

struct view_items {
	struct view_list list;
	struct items_query q;	/* q.tag points to tag */
	char *tag;
	char *title;		/* the feed's title, or "All items" */
	struct item_row *rows;	/* rows first .. first + nrows - 1 */
	size_t nrows;
	int first;
	int64_t seen_max_id;	/* the newest item when opened or reloaded */
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
 * keys: delete the current item (all: every item of the list's feed but
 * the starred ones; the list must be one feed's), then read the list
 * again.  Polls do not bring deleted items back (store/items.h).
 */
int view_items_delete(struct view_items *v, struct db *db, int all, struct err *e);

#endif
