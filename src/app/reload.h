/*
 * reload: the reader's background reload (r and R), and the one mapping
 * from the config's options to a poll's.
 *
 * A reload is an app/poll driven from the reader's own poll(2) loop (its
 * descriptors next to the keyboard's, then reload_step), with a status
 * line ("Reloading: 3/10 feeds") kept up to date by poll's progress.
 * libcurl is started on the first reload, not before the first screen
 * (its TLS setup is the slowest part of starting), and cleaned up by
 * reload_release.  No threads.  The db, cfg and feeds_path are borrowed
 * and must outlive the struct reload.
 */
#ifndef TIDINGS_RELOAD_H
#define TIDINGS_RELOAD_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "app/settings.h"
#include "app/poll.h"
#include "app/sync.h"
#include "util/err.h"

struct reload {
	struct db *db;
	const struct settings *cfg;
	const char *feeds_path;		/* NULL: there is nothing to reload from */
	struct poll *poll;		/* NULL: no reload running */
	int net_started;		/* fetch_global_init done by us */
	char status[128];		/* "" when no reload runs */
	struct timespec refreshed;	/* see reload_refresh_due */
	int auto_on;			/* auto-reload yes: auto_next is set */
	struct timespec auto_next;	/* CLOCK_MONOTONIC time of the next one */
	/* urls-source naming a feed server: the sync runs in a process of
	 * its own (app/sync.h, sync_bg) with this config before the poll of
	 * the article pages; NULL: it runs in this one, blocking */
	const char *config_path;
	struct sync_bg sync;
	char **sync_lines;		/* what it printed, then the poll's lines */
	size_t nsync_lines;
	const char **lines;
	size_t nlines;
	/* called when status changed (may be NULL) */
	void (*changed)(void *arg);
	void *changed_arg;
	time_t started;			/* podcast-auto-enqueue: the items seen since */
};

/*
 * The poll options cfg asks for (reload-threads, max-items,
 * download-articles, articles-per-poll, articles-deadline,
 * articles-host-budget, max-download-size and download-timeout when set),
 * over poll_opts_init's defaults.
 */
void reload_poll_opts(const struct settings *cfg, struct poll_opts *o);

void reload_init(struct reload *r, struct db *db, const struct settings *cfg,
    const char *feeds_path);
/* Cancels a running reload. */
void reload_release(struct reload *r);

/*
 * newsboat's reload options in the reader.  reload_at_start: 1 when the
 * reader should reload every feed as it starts: refresh-on-startup, or
 * auto-reload without suppress-first-reload, or a cache with nothing in
 * it yet (a first run).  It also starts the auto-reload clock: the next
 * automatic reload is reload-time minutes (0 counts as 1, as in
 * newsboat) after now.
 */
int reload_at_start(struct reload *r, int cache_empty, const struct timespec *now);
/*
 * The reader's timer: the milliseconds until the next automatic reload is
 * due (0: due now; -1: auto-reload is off), for its poll(2) timeout.
 * reload_auto_due is 1 when it is due, and then sets the next one
 * reload-time minutes after now; a reload already running when one is due
 * counts as that one (newsboat skips it too).
 */
long reload_auto_ms(const struct reload *r, const struct timespec *now);
int reload_auto_due(struct reload *r, const struct timespec *now);
/*
 * Start an automatic reload of every feed: as reload_start(r, 0, e), but
 * not forced (feeds waiting for Retry-After or a backoff wait on).
 */
int reload_start_auto(struct reload *r, struct err *e);
/*
 * Reload every feed the reader shows: with reload-only-visible-feeds yes
 * and a tag filter set (tag not NULL), only the feeds with that tag;
 * otherwise all of them.  Forced, as reload_start.
 */
int reload_start_visible(struct reload *r, const char *tag, struct err *e);

/* A reload is running. */
int reload_running(const struct reload *r);
/* A reload is running and down to its article pages. */
int reload_in_articles(const struct reload *r);
/* Stop a running reload (poll_cancel: it keeps what was delivered); read
 * its progress and errors, then reload_end, as for a finished one. */
void reload_cancel(struct reload *r);
/*
 * Start reloading feed_id (0: every feed), forced (asked for now, by a
 * person: no backoff).  0, or -1 with *e (a reload is running, there is
 * no feeds file, the feeds file or libcurl fails).
 */
int reload_start(struct reload *r, int64_t feed_id, struct err *e);
/* The descriptors to poll, as poll_fds (0 when none runs); *timeout_ms
 * is lowered to when the reload wants to be stepped (at most 1 s). */
size_t reload_fds(struct reload *r, struct pollfd *fds, size_t max, int *timeout_ms);
/* After poll(2) (fds NULL when it timed out): 1 while it goes on, 0 once
 * it finished (then read reload_progress/reload_errors, and reload_end). */
int reload_step(struct reload *r, const struct pollfd *fds, size_t nfds);
/* Once every REFRESH_MS while it runs, 1 (a list on screen shows the new counts). */
int reload_refresh_due(struct reload *r);
const struct poll_progress *reload_progress(const struct reload *r);
size_t reload_errors(const struct reload *r, const char *const **lines);
/* Forget a finished reload. */
void reload_end(struct reload *r);

/*
 * What the reader does as it quits, by newsboat's options.  cleanup-on-
 * quit yes: the feeds no longer in the feeds file are deleted with their
 * items, as `tidings cleanup` does (never when one holds a starred item,
 * nor when the feeds file lists no feed at all), and with delete-read-
 * articles-on-quit yes every read item that is not starred goes too.
 * nudge (the default) and no: nothing (tidings keeps a feed taken out of
 * the file, hidden, so its state comes back with it; newsboat's nudge
 * only waits for a key after a warning).  1 with a new *msg saying what
 * was deleted, 0 when nothing was, -1 and *e on a cache error.
 */
int reload_quit(struct reload *r, char **msg, struct err *e);

/*
 * error-log: append a poll's error lines to the file the config names
 * (nothing when it names none), each as "[YYYY-MM-DD HH:MM:SS] line"
 * (local time, newsboat's format), control characters removed.  -1 and
 * *e when the file cannot be written.
 */
int reload_error_log(const struct settings *cfg, const char *const *lines, size_t n,
    struct err *e);

/* 1 when the cache holds no item a reader would show yet (a first run). */
int reload_cache_is_empty(struct db *db);

#endif
