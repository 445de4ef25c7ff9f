/*
 * podcast_download (app): the queue's episodes to disk (podcast_download.h).
 */
#include "config.h"

#include "app/podcast_download.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/files.h"
#include "app/settings.h"
#include "net/download.h"
#include "net/fetch.h"
#include "util/xalloc.h"

struct podcast_run {
	struct podcast_queue *q;
	const struct podcast_download_cb *cb;
	int ok, failed;
};

static void
podcast_dl_progress(void *user, long long have, long long total, void *arg)
{
	struct podcast_run *r = arg;
	size_t i = (size_t)(uintptr_t)user;

	if (r->cb != NULL && r->cb->progress != NULL)
		r->cb->progress(&r->q->entries[i], have, total, r->cb->arg);
}

static void
podcast_dl_done(const struct download_result *res, void *arg)
{
	struct podcast_run *r = arg;
	size_t i = (size_t)(uintptr_t)res->user;
	struct podcast_entry *en = &r->q->entries[i];

	if (res->status == DOWNLOAD_OK) {
		en->state = PODCAST_DOWNLOADED;
		r->ok++;
	} else {
		en->state = PODCAST_FAILED;
		r->failed++;
	}
	if (r->cb != NULL && r->cb->done != NULL)
		r->cb->done(en, res->status == DOWNLOAD_OK ? NULL : res->err.msg, r->cb->arg);
}

void
podcast_download_opts(struct download_opts *o, const struct settings *cfg, int max_parallel)
{
	const char *ua = settings_str(cfg, SETTINGS_V_USER_AGENT);
	long long kb = settings_int(cfg, SETTINGS_V_MAX_DOWNLOAD_SPEED);

	memset(o, 0, sizeof *o);
	o->max_parallel = max_parallel > 0 ? max_parallel :
	    (int)settings_int(cfg, SETTINGS_V_MAX_DOWNLOADS);
	o->retries = (int)settings_int(cfg, SETTINGS_V_DOWNLOAD_RETRIES);
	o->user_agent = ua[0] != '\0' ? ua : NULL;
	/* podboat's KB are 1024 bytes (its curl call multiplies by 1024) */
	o->max_speed = kb > 0 && kb < LLONG_MAX / 1024 ? kb * 1024 : 0;
}

/* Save q, first adding the entries another program queued meanwhile. */
static int
podcast_save_merged(struct podcast_queue *q, const char *file, struct err *e)
{
	struct podcast_queue disk = { 0 };
	size_t i;

	if (podcast_queue_load(&disk, file, e) < 0)
		return -1;
	for (i = 0; i < disk.n; i++)
		if (podcast_queue_find(q, disk.entries[i].url) < 0) {
			q->entries = xgrow(q->entries, q->n, &q->cap, 16, sizeof *q->entries);
			q->entries[q->n++] = disk.entries[i];
			disk.entries[i].url = disk.entries[i].path = NULL;
		}
	podcast_queue_release(&disk);
	return podcast_queue_save(q, file, e);
}

int
podcast_download(const struct podcast_opts *o, const struct settings *cfg, int jobs,
    const struct podcast_download_cb *cb, int *ok, int *failed, struct err *e)
{
	struct podcast_queue q = { 0 };
	struct podcast_run r = { &q, cb, 0, 0 };
	struct download_opts dopts;
	struct download *d;
	struct err ferr;
	size_t i, n = 0;
	int rc = 0;

	*ok = *failed = 0;
	if (podcast_queue_load(&q, o->queue_file, e) < 0)
		return -1;
	podcast_download_opts(&dopts, cfg, jobs);
	for (i = 0; i < q.n; i++)
		if (q.entries[i].state == PODCAST_QUEUED || q.entries[i].state == PODCAST_FAILED)
			n++;
	if (n == 0) {
		podcast_queue_release(&q);
		return 0;
	}
	if (fetch_global_init(e) < 0) {
		podcast_queue_release(&q);
		return -1;
	}
	d = download_new(&dopts, podcast_dl_done, podcast_dl_progress, &r);
	for (i = 0; i < q.n; i++) {
		struct podcast_entry *en = &q.entries[i];

		if (en->state != PODCAST_QUEUED && en->state != PODCAST_FAILED)
			continue;
		if (files_make_parent(en->path, &ferr) < 0) {
			en->state = PODCAST_FAILED;
			r.failed++;
			if (cb != NULL && cb->done != NULL)
				cb->done(en, ferr.msg, cb->arg);
			continue;
		}
		en->state = PODCAST_DOWNLOADING;
		download_add(d, en->url, en->path, (void *)(uintptr_t)i);
	}
	if (download_run(d, e) < 0)
		rc = -1;
	download_free(d);
	for (i = 0; i < q.n; i++)
		if (q.entries[i].state == PODCAST_DOWNLOADING)
			q.entries[i].state = PODCAST_FAILED;
	if (podcast_save_merged(&q, o->queue_file, rc < 0 ? &ferr : e) < 0 && rc == 0)
		rc = -1;
	*ok = r.ok;
	*failed = r.failed;
	podcast_queue_release(&q);
	return rc;
}
