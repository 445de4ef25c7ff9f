/*
 * sync: tidings as a client of a feed server (newsboat's urls-source).
 *
 * With urls-source naming a server this tidings speaks (ttrss, miniflux,
 * and the Google Reader API's freshrss, oldreader and inoreader), the
 * server holds the subscriptions and the read/starred state; a sync
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

/* The server urls-source names ("ttrss", "miniflux", "freshrss",
 * "oldreader", "inoreader"), or NULL for local and opml
 * (and for servers this tidings does not speak: settings warns of those). */
const char *sync_server(const struct settings *cfg);

/* Sync db with the server cfg names.  0, or -1 with *e (one line). */
int sync_run(struct db *db, const struct settings *cfg, const struct poll_opts *po,
    struct sync_report *r, struct err *e);
void sync_report_release(struct sync_report *r);

/*
 * A sync in the background, for the reader: this very program
 * (/proc/self/exe) run as `tidings --config C [--feeds F] --cache D poll
 * --no-articles --quiet` in a process of its own, so the reader's loop
 * waits on fd next to the keyboard and a slow server never holds a key.
 * Its argv holds file names only (never a password).  What it prints on
 * stderr (errors, conflicts) is kept, at most SYNC_BG_OUT_MAX bytes.
 */
#define SYNC_BG_OUT_MAX 16384
struct sync_bg {
	int pid;		/* 0: none running */
	int fd;			/* its stderr, to poll for reading */
	char *out;		/* what it printed (NUL-terminated) */
	size_t len;
};
/* 0, or -1 with *e (nothing started).  feeds may be NULL. */
int sync_bg_start(struct sync_bg *b, const char *config, const char *feeds,
    const char *cache, struct err *e);
/* Read what it printed; 1 while it runs, 0 once it ended (*failed: it
 * exited other than 0; its lines are in b->out). */
int sync_bg_step(struct sync_bg *b, int *failed);
/* Stop it if it runs, wait for it, free what it printed. */
void sync_bg_release(struct sync_bg *b);

#endif
