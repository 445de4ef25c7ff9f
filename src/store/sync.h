/*
 * sync (store): the cache's side of syncing with a feed server (app/sync).
 * Prefix sync_cache_ (app/sync owns sync_).
 *
 * Which feed and item rows came from the server, under the server's ids
 * (sync_feeds, sync_items); the server's read and starred state as last
 * seen (sync_items.read/starred: the base a conflict is judged against);
 * the journal of local changes (sync_journal), written by triggers on
 * items, so every path that changes read or starred (the reader, `tidings
 * items`, mark-feed-read...) journals it with no call of its own; small
 * named values (sync_state: the newest item id seen).
 *
 * Remote ids are text (tt-rss's are numbers, other servers' strings).
 * Every function runs in its own transaction unless one is open; nothing
 * here holds a transaction across a network wait.
 */
#ifndef TIDINGS_STORE_SYNC_H
#define TIDINGS_STORE_SYNC_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "feed/feed.h"
#include "store/db.h"
#include "util/err.h"

/* A subscription on the server (strings borrowed). */
struct sync_feed_in {
	const char *remote;	/* the server's feed id */
	const char *url;	/* the feed's URL: the cache's feed row */
	const char *title;	/* NULL: keep the row's */
	const char *tag;	/* the server's category, NULL for none */
};

/*
 * Mirror the server's subscriptions: a feed row a URL (made when new),
 * its title and its one tag (the category) set, its last poll recorded
 * as ok at now (the server polls it), listed in this order; every feed
 * not on the server is unlisted (hidden, kept, as a line taken out of
 * the feeds file).
 */
int sync_cache_feeds(struct db *db, const struct sync_feed_in *f, size_t n, time_t now,
    struct err *e);

/* An item from the server (item strings borrowed). */
struct sync_item_in {
	const char *remote;		/* the server's item id */
	const char *feed_remote;	/* the server's feed id */
	struct item item;		/* guid is made from remote */
	const char *text;		/* plain text for the index, or NULL */
	int read;
	int starred;
};

/*
 * Store items (new ones inserted, known ones updated) with the server's
 * read and starred state.  An item whose feed the server did not list
 * (sync_cache_feeds) is skipped and counted in *orphans.  Then each
 * synced feed keeps its newest max items and those of the last keep_days
 * days (0: no limit), starred ones always (items_prune: the cache must
 * not grow without bound while the server keeps sending).  *added counts
 * the new ones kept.  One transaction; what it changes is not journaled.
 */
int sync_cache_items(struct db *db, const struct sync_item_in *it, size_t n, time_t now,
    int max, int keep_days, int *added, int *orphans, struct err *e);

/*
 * The server's state: remote ids of every unread item and of every
 * starred one.  Every synced item takes it (read = not in unread) unless
 * a local change of it waits in the journal; *changed counts the items
 * whose flags changed.  Not journaled.
 */
int sync_cache_state(struct db *db, char *const *unread, size_t nunread,
    char *const *starred, size_t nstarred, int *changed, struct err *e);

enum sync_field { SYNC_FIELD_READ, SYNC_FIELD_STARRED };

/* A local change waiting in the journal, per item and field: the last
 * value set, and the server's value it was made against. */
struct sync_change {
	int64_t last;		/* the journal id of the last entry */
	char *remote;
	char *title;		/* the item's, NULL when gone */
	enum sync_field field;
	int value;
	int base;
};
/* The waiting changes in the order they were made (of their last entry). */
int sync_cache_journal(struct db *db, struct sync_change **c, size_t *n, struct err *e);
void sync_cache_free_changes(struct sync_change *c, size_t n);
/*
 * The server confirmed c (or kept its own value: a conflict): its journal
 * entries up to c->last go, and server_value becomes the base.
 */
int sync_cache_done(struct db *db, const struct sync_change *c, int server_value,
    struct err *e);

/* 1 when the cache holds a feed server's subscriptions, 0 when not, -1
 * with *e: the feeds file is then not the list (commands that read no
 * config leave the last sync's list as it is). */
int sync_cache_active(struct db *db, struct err *e);

/* A named value (NULL *value when unset; caller frees). */
int sync_cache_get(struct db *db, const char *key, char **value, struct err *e);
int sync_cache_set(struct db *db, const char *key, const char *value, struct err *e);

#endif
