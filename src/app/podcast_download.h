/*
 * podcast_download (app): the queue's episodes downloaded (net/download)
 * as podboat does: the queued ones and the partial ones (resumed),
 * max-downloads at once, download-retries, each into the file the queue
 * names (its directory made), the queue file updated after.
 */
#ifndef TIDINGS_APP_PODCAST_DOWNLOAD_H
#define TIDINGS_APP_PODCAST_DOWNLOAD_H

#include "app/podcast.h"
#include "app/podcast_queue.h"
#include "util/err.h"

struct download_opts;
struct settings;

/*
 * The one place the download options come from the config (max-downloads
 * unless max_parallel > 0, download-retries, user-agent,
 * max-download-speed): `tidings download` and the podboat view both.
 * *o borrows cfg's strings.
 */
void podcast_download_opts(struct download_opts *o, const struct settings *cfg,
    int max_parallel);

/* What a caller hears: progress (have of total, -1 unknown) and the end. */
struct podcast_download_cb {
	void (*progress)(const struct podcast_entry *en, long long have, long long total,
	    void *arg);
	/* msg NULL when the file is complete, else one line ("URL: HTTP 404") */
	void (*done)(const struct podcast_entry *en, const char *msg, void *arg);
	void *arg;
};

/*
 * Download the queue's queued and partial episodes, jobs at once (0:
 * max-downloads).  *ok and *failed count them.  The queue file is written
 * back with the new states, merged with entries another program added
 * meanwhile.  0, or -1 with *e (the queue file, libcurl).
 */
int podcast_download(const struct podcast_opts *o, const struct settings *cfg, int jobs,
    const struct podcast_download_cb *cb, int *ok, int *failed, struct err *e);

#endif
