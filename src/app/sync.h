/*
 * sync: tidings as a client of a feed server (newsboat's urls-source).
 *
 * With urls-source naming a server this tidings speaks (today: ttrss),
 * the server holds the subscriptions and the read/starred state; a sync
 *   1. logs in (password from <server>-password, -passwordfile or
 *      -passwordeval, the last run through /bin/sh -c as newsboat does);
 *   2. pushes the local changes waiting in the cache's journal, in the
 *      order they were made; a change the server made to the same item
 *      and flag since tidings last saw it wins, and is reported once
 *      ("conflict: ...") in the report's lines;
 *   3. mirrors the subscriptions (feeds with their titles; the server's
 *      category becomes the feed's tag);
 *   4. fetches the items newer than the last one seen, with content;
 *   5. takes the server's read and starred state for every synced item.
 * A sync that fails at any step keeps the journal (nothing the user did
 * is lost) and says why in one line naming the server (credentials
 * removed).  The password is kept in memory only: never in the cache, in
 * a child's argv or in a message.  The article pages of synced items are
 * fetched by app/poll's articles phase as for any feed.
 *
 * Blocking (one HTTP request at a time, each bounded by the poll options'
 * timeout).  The struct db is borrowed.
 */
#ifndef TIDINGS_SYNC_H
#define TIDINGS_SYNC_H

#include <stddef.h>

#include "app/poll.h"
#include "app/settings.h"
#include "store/db.h"
#include "util/err.h"

struct sync_report {
	int feeds;		/* subscriptions on the server */
	int items_new;
	int pushed;		/* local changes the server took */
	int conflicts;		/* local changes the server's own overrode */
	int changed;		/* items whose flags the server's state changed */
	char **lines;		/* one line a conflict, for the user */
	size_t nlines;
};

/* The server urls-source names ("ttrss"), or NULL for local and opml
 * (and for servers this tidings does not speak: settings warns of those). */
const char *sync_server(const struct settings *cfg);

/* Sync db with the server cfg names.  0, or -1 with *e (one line). */
int sync_run(struct db *db, const struct settings *cfg, const struct poll_opts *po,
    struct sync_report *r, struct err *e);
void sync_report_release(struct sync_report *r);

#endif
