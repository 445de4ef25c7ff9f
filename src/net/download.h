/*
 * download: files (podcast episodes) fetched to disk on libcurl's multi
 * interface, as many at once as the caller says, each resumable.
 *
 * A download of URL to PATH writes PATH.part (podboat's name for a
 * partial file) and renames it to PATH when the server has sent all of
 * it.  A PATH.part already there is resumed with a Range request; a
 * server that ignores Range (200 instead of 206) gets the file from the
 * start again, the old part truncated.  The path is used as given, never
 * through a shell; the caller chooses it (app/podcast keeps it inside the
 * download directory) and makes its directory.
 *
 * Bounds: max_size bytes per file (the Content-Length or the bytes
 * received, whichever passes first); min_free bytes left on the file
 * system (statvfs before the transfer and every MiB written: a full disk
 * stops the download with DOWNLOAD_NO_SPACE, the part kept for later);
 * a write that fails (ENOSPC, EFBIG under a file-size limit) too.  A
 * network failure (reset, timeout, a body shorter than its
 * Content-Length) is tried again up to retries times, resuming from what
 * arrived.  http and https only, redirects too; TLS verified.
 *
 * Two ways to drive it, as net/fetch: download_run blocks until every
 * download has ended; download_fds + poll(2) + download_step serve an
 * event loop that also waits on other descriptors (the reader's).
 * Callbacks come from inside download_step and download_run only.
 *
 * Threads: none.
 * libcurl is the lazily loaded one (net/curl_lazy.h): call
 * fetch_global_init first.
 */
#ifndef TIDINGS_DOWNLOAD_H
#define TIDINGS_DOWNLOAD_H

#include <poll.h>
#include <stddef.h>

#include "util/err.h"

struct download_opts {
	int max_parallel;		/* max-downloads; < 1 is 1 */
	int retries;			/* download-retries: network failures tried again */
	long long max_size;		/* bytes a file; 0: 8 GiB */
	long long min_free;		/* bytes the file system keeps; 0: 64 MiB */
	long connect_timeout_ms;	/* 0: 15 s */
	long low_speed_time;		/* seconds below 1 byte/s before giving up; 0: 60 */
	long long max_speed;		/* max-download-speed: bytes/s each download; 0: no limit */
	const char *user_agent;		/* NULL: tidings/VERSION */
};

enum download_status {
	DOWNLOAD_OK,		/* PATH is complete */
	DOWNLOAD_HTTP_ERROR,	/* 4xx/5xx: http_code says; no part written */
	DOWNLOAD_NETWORK,	/* after the retries; PATH.part keeps what came */
	DOWNLOAD_TOO_BIG,	/* past max_size */
	DOWNLOAD_NO_SPACE,	/* the file system is (nearly) full */
	DOWNLOAD_FILE_ERROR,	/* PATH.part or PATH could not be written */
	DOWNLOAD_BAD_URL,	/* not http(s), or unusable */
	DOWNLOAD_CANCELLED,	/* download_cancel; PATH.part keeps what came */
};

struct download_result {
	void *user;
	enum download_status status;
	long http_code;
	long long bytes;	/* the file's size (OK) or the part's */
	struct err err;		/* "URL: HTTP 404", "PATH.part: No space left on device" */
};

/* Called once a download has ended, from inside download_run. */
typedef void download_done_fn(const struct download_result *r, void *arg);
/* Progress: have bytes of total (-1: unknown), now and then. */
typedef void download_progress_fn(void *user, long long have, long long total, void *arg);

struct download;

struct download *download_new(const struct download_opts *o, download_done_fn *done,
    download_progress_fn *progress, void *arg);
void download_free(struct download *d);
/* Queue url -> path (both copied); they start in the order added. */
void download_add(struct download *d, const char *url, const char *path, void *user);
/* Run every queued download to its end.  0, or -1 with *e when poll fails. */
int download_run(struct download *d, struct err *e);
/* Stop user's download (queued or running), the part kept; its done
 * callback runs from here with DOWNLOAD_CANCELLED.  1 when there was one. */
int download_cancel(struct download *d, void *user);
/*
 * max-downloads changed while downloads run (podboat's + and -): more
 * start at the next download_fds when n is higher; when it is lower,
 * running ones go on and no new one starts until fewer run.  n < 1 is 1.
 */
void download_set_max(struct download *d, int n);
/* Downloads queued or running. */
size_t download_pending(const struct download *d);
/* Downloads running now (at most max-downloads; the rest wait). */
size_t download_active(const struct download *d);
/* 1 when user's download is running, 0 when it waits or is not there. */
int download_is_active(const struct download *d, const void *user);
/*
 * Start what may start, copy up to max descriptors to wait on into fds and
 * lower *timeout_ms (-1: none yet) to when libcurl wants to be called
 * (at most a second).  The count copied.
 */
size_t download_fds(struct download *d, struct pollfd *fds, size_t max, int *timeout_ms);
/* After poll: act on fds' revents (nfds 0 after a timeout); the pending count. */
size_t download_step(struct download *d, const struct pollfd *fds, size_t nfds);

#endif
