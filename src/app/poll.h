/*
 * poll: one poll of the feeds into the cache.
 *
 * Feeds phase: every feed of the feeds file is fetched (conditional GET
 * with the stored validators, many at once), parsed, and written whole in
 * short batched transactions (poll.c says why): new items inserted, changed
 * ones updated, read and starred never touched (but reset_unread's),
 * retention applied, the
 * feed's status recorded.  Extracted articles are batched the same way.
 * A feed that fails records its error and never stops the others.
 * Articles phase (when download_articles): the pages of items that have
 * no article yet (of only_feed when set; newest first, at most
 * articles_per_poll, failures retried on later polls up to 3 times) are
 * fetched, at most 2 at once per host, only over http and https, and the
 * extracted article stored.  Slow servers cannot hold a poll: a host
 * whose pages have taken host_budget_ms between them, or failed 3 times,
 * is skipped (its pages in flight are stopped and count as failed
 * tries), and the phase stops at articles_deadline_ms; pages not tried
 * are not counted as attempts and wait for the next poll.
 *
 * Two ways to drive it, as with net/fetch: poll_run blocks; poll_fds +
 * poll(2) + poll_step fit an event loop that also reads the keyboard.
 * No threads.  The struct db is borrowed and must outlive the poll.
 */
#ifndef TIDINGS_POLL_H
#define TIDINGS_POLL_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "app/settings.h"
#include "feed/feedlist.h"
#include "net/fetch.h"
#include "store/db.h"
#include "util/err.h"

struct poll_opts {
	int jobs;			/* transfers at once (default 16) */
	size_t max_size;		/* bytes per response (default 32 MiB) */
	long timeout_ms;		/* per transfer (default 60 s) */
	int max_items;			/* per feed, 0 = keep all (default 1000;
					 * starred items are always kept) */
	int max_items_newest;		/* max_items is newsboat's max-items: the
					 * newest N, even those still in the feed */
	int keep_days;			/* keep-articles-days: items published
					 * longer ago are deleted (0: keep) */
	int download_articles;		/* fetch and extract linked pages */
	int articles_per_poll;		/* cap on pages a poll (default 200) */
	long articles_deadline_ms;	/* for all article pages of a poll
					 * (default 5 min, 0: none) */
	long host_budget_ms;		/* transfer time of one host's pages
					 * (default 60 s, 0: none) */
	int retries;			/* download-retries: tries of a feed that
					 * fails on the network (0 and 1: one) */
	const char *user_agent;		/* NULL: tidings' own */
	struct fetch_net net;		/* proxy, cookies, auth, TLS checks */
	/* always-download lines (borrowed): their URLs are fetched without
	 * ETag and Last-Modified, so a server's wrong 304 cannot hide news */
	const struct settings_line *always_download;
	size_t nalways_download;
	/* reset-unread-on-update lines (borrowed): these feeds' items whose
	 * text changes on the server become unread again */
	const struct settings_line *reset_unread;
	size_t nreset_unread;
	int force;			/* ignore Retry-After and backoff */
	int64_t only_feed;		/* poll only this feed id (0: all) */
	/* filter: the config whose ignore-article rules (ignore-mode
	 * download) drop new items before they are stored, or NULL */
	const struct settings *ignore_cfg;
};

struct poll_progress {
	int feeds_total;
	int feeds_done;
	int feeds_failed;
	int feeds_skipped;		/* waiting for Retry-After or backoff */
	int feeds_unchanged;		/* 304, or a 200 with what was stored last */
	int feeds_inflated;		/* gzip/deflate bodies inflated: news
					 * only (an old document is found from
					 * its bytes as sent) */
	int items_new;
	int items_updated;
	int articles_total;
	int articles_done;
	int articles_failed;
	int articles_skipped;		/* slow host or deadline: next poll */
	int finished;			/* 1 once everything is done */
	const char *message;		/* the latest error line, or NULL */
};

/* Called after every completed transfer (from poll_step/poll_run). */
typedef void poll_progress_fn(const struct poll_progress *p, void *arg);

void poll_opts_init(struct poll_opts *o);

/*
 * A poll of fl's feeds (copied: fl may be freed afterwards) into db.
 * Nothing is fetched until poll_step or poll_run.  NULL + *e when the
 * cache cannot be read.
 */
struct poll *poll_new(struct db *db, const struct feedlist *fl,
    const struct poll_opts *o, poll_progress_fn *progress, void *arg, struct err *e);
void poll_free(struct poll *p);

/* Run to the end.  Returns 0, or -1 on a fatal error (the cache failing). */
int poll_run(struct poll *p, struct err *e);
/* As fetch_fds, for the phase in progress. */
size_t poll_fds(struct poll *p, struct pollfd *fds, size_t max, int *timeout_ms);
/* As fetch_step; returns 1 while the poll goes on, 0 once finished. */
int poll_step(struct poll *p, const struct pollfd *fds, size_t nfds);
/* Stop early: what is in flight is dropped, what was stored stays. */
void poll_cancel(struct poll *p);
/* 1 once only article pages are left to fetch (the feeds are stored): a
 * reader may cancel such a poll for a new one without losing a feed. */
int poll_in_articles(const struct poll *p);

const struct poll_progress *poll_progress(const struct poll *p);
/* Every error line of the poll ("URL: HTTP 404"), in order. */
size_t poll_errors(const struct poll *p, const char *const **lines);

#endif
