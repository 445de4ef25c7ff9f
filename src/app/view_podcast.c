/*
 * view_podcast: podboat's screen as a view model (view_podcast.h).
 */
#include "config.h"

#include "app/view_podcast.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/files.h"
#include "app/podcast_download.h"
#include "app/settings.h"
#include "net/download.h"
#include "net/fetch.h"
#include "store/db.h"
#include "util/text.h"
#include "util/xalloc.h"

static void
view_podcast_say(struct view_podcast *v, int error, const char *what, const char *detail)
{
	snprintf(v->msg, sizeof v->msg, "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
	v->msg_error = error;
}

static void
view_podcast_sizes(struct view_podcast *v)
{
	struct stat st;
	size_t i;

	free(v->have);
	free(v->total);
	free(v->speed);
	free(v->since);
	v->have = xcalloc(v->q.n + 1, sizeof *v->have);
	v->total = xcalloc(v->q.n + 1, sizeof *v->total);
	v->speed = xcalloc(v->q.n + 1, sizeof *v->speed);
	v->since = xcalloc(v->q.n + 1, sizeof *v->since);
	for (i = 0; i < v->q.n; i++) {
		char *part = xasprintf("%s.part", v->q.entries[i].path);

		v->have[i] = stat(v->q.entries[i].path, &st) == 0 ? (long long)st.st_size :
		    stat(part, &st) == 0 ? (long long)st.st_size : 0;
		v->total[i] = v->q.entries[i].state == PODCAST_DOWNLOADED ||
		    v->q.entries[i].state == PODCAST_PLAYED ||
		    v->q.entries[i].state == PODCAST_FINISHED ? v->have[i] : -1;
		free(part);
	}
	view_list_set_count(&v->list, (int)v->q.n);
}

int
view_podcast_open(struct view_podcast *v, struct db *db, const struct settings *cfg,
    struct err *e)
{
	memset(v, 0, sizeof *v);
	v->cfg = cfg;
	podcast_opts_init(&v->o, cfg, db_path(db));
	view_list_init(&v->list);
	if (podcast_queue_load(&v->q, v->o.queue_file, e) < 0) {
		podcast_opts_release(&v->o);
		return -1;
	}
	v->max_dls = (int)settings_int(cfg, SETTINGS_V_MAX_DOWNLOADS);
	if (v->max_dls < 1)
		v->max_dls = 1;
	view_podcast_sizes(v);
	return 0;
}

static int
view_podcast_save(struct view_podcast *v, struct err *e)
{
	struct podcast_queue disk = { 0 };
	struct podcast_queue out = { 0 };
	size_t i;
	int rc;

	/* the entries another program queued meanwhile are kept */
	if (podcast_queue_load(&disk, v->o.queue_file, e) < 0)
		return -1;
	out.entries = xcalloc(v->q.n + disk.n + 1, sizeof *out.entries);
	for (i = 0; i < v->q.n; i++) {
		out.entries[out.n] = v->q.entries[i];
		if (out.entries[out.n].state == PODCAST_DOWNLOADING)
			out.entries[out.n].state = PODCAST_QUEUED;
		out.n++;
	}
	for (i = 0; i < disk.n; i++)
		if (podcast_queue_find(&v->q, disk.entries[i].url) < 0)
			out.entries[out.n++] = disk.entries[i];
	rc = podcast_queue_save(&out, v->o.queue_file, e);
	free(out.entries);	/* borrowed strings */
	podcast_queue_release(&disk);
	return rc;
}

int
view_podcast_close(struct view_podcast *v, struct err *e)
{
	int rc;

	download_free(v->dl);	/* running ones stop, their parts kept */
	v->dl = NULL;
	rc = view_podcast_save(v, e);
	podcast_queue_release(&v->q);
	podcast_opts_release(&v->o);
	free(v->have);
	free(v->total);
	free(v->speed);
	free(v->since);
	memset(v, 0, sizeof *v);
	return rc;
}

void
view_podcast_title(const struct view_podcast *v, struct buf *out)
{
	buf_printf(out, "Queue (%d downloads in progress, %zu total) - %d at once", v->running,
	    v->q.n, v->max_dls);
}

/* podboat's word for a state on its screen (podcast_state_name is the file's) */
static const char *
view_podcast_status(enum podcast_state st)
{
	return st == PODCAST_DOWNLOADED ? "ready" : podcast_state_name(st);
}

/*
 * podlist-format expanded: %x, %Nx (right-aligned in N columns), %-Nx
 * (left-aligned), %% (newsboat's format strings, the subset podlist-format
 * uses); a sequence that does not parse ends the line, as in newsboat.
 */
static void
view_podcast_format(struct buf *out, const char *fmt, const char *const *vals)
{
	const char *f = fmt, *v;
	size_t w;
	long n;
	int left;
	char *end;

	while (*f != '\0') {
		if (*f != '%') {
			(void)buf_addc(out, *f++);
			continue;
		}
		f++;
		if (*f == '%') {
			(void)buf_addc(out, *f++);
			continue;
		}
		left = *f == '-';
		if (left)
			f++;
		n = 0;
		if (*f >= '0' && *f <= '9') {
			n = strtol(f, &end, 10);
			if (n > 1000)
				n = 1000;
			f = end;
		}
		if (*f == '\0' || (unsigned char)*f >= 128)
			return;
		v = vals[(unsigned char)*f] != NULL ? vals[(unsigned char)*f] : "";
		f++;
		w = text_width(v, strlen(v));
		if (!left && (size_t)n > w)
			(void)text_spaces(out, (size_t)n - w);
		(void)buf_addstr(out, v);
		if (left && (size_t)n > w)
			(void)text_spaces(out, (size_t)n - w);
	}
}

void
view_podcast_line(const struct view_podcast *v, size_t i, struct buf *out)
{
	const struct podcast_entry *en = &v->q.entries[i];
	const char *vals[128], *base = strrchr(en->path, '/');
	char idx[24], have[32], total[32], pct[32], kbps[32], speed[48];
	double k = v->speed[i];

	memset(vals, 0, sizeof vals);
	snprintf(idx, sizeof idx, "%zu", i + 1);
	snprintf(have, sizeof have, "%.1f", (double)v->have[i] / (1024 * 1024));
	snprintf(total, sizeof total, "%.1f", v->total[i] > 0 ?
	    (double)v->total[i] / (1024 * 1024) : 0.0);
	snprintf(pct, sizeof pct, "%.1f", v->total[i] > 0 ?
	    100.0 * (double)v->have[i] / (double)v->total[i] : 0.0);
	snprintf(kbps, sizeof kbps, "%.2f", k);
	if (k >= 1024 * 1024)
		snprintf(speed, sizeof speed, "%.2f GB/s", k / (1024 * 1024));
	else if (k >= 1024)
		snprintf(speed, sizeof speed, "%.2f MB/s", k / 1024);
	else
		snprintf(speed, sizeof speed, "%.2f KB/s", k);
	vals['i'] = idx;
	vals['d'] = have;
	vals['t'] = total;
	vals['p'] = pct;
	vals['k'] = kbps;
	vals['K'] = speed;
	vals['S'] = view_podcast_status(en->state);
	vals['u'] = en->url;
	vals['F'] = en->path;
	vals['b'] = base != NULL ? base + 1 : en->path;
	view_podcast_format(out, settings_str(v->cfg, SETTINGS_V_PODLIST_FORMAT), vals);
}

static struct podcast_entry *
view_podcast_cur(struct view_podcast *v)
{
	if (v->q.n == 0 || v->list.cursor < 0 || (size_t)v->list.cursor >= v->q.n) {
		view_podcast_say(v, 1, "the queue is empty", NULL);
		return NULL;
	}
	return &v->q.entries[v->list.cursor];
}

static void
view_podcast_dl_progress(void *user, long long have, long long total, void *arg)
{
	struct view_podcast *v = arg;
	size_t i = (size_t)(uintptr_t)user;
	struct timespec ts;
	double now, dt;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	dt = now - v->since[i];
	/* KB/s since the last report (the first one only starts the clock) */
	if (v->since[i] > 0 && dt > 0 && have >= v->have[i])
		v->speed[i] = (double)(have - v->have[i]) / 1024 / dt;
	v->since[i] = now;
	v->have[i] = have;
	v->total[i] = total;
}

static void
view_podcast_dl_done(const struct download_result *r, void *arg)
{
	struct view_podcast *v = arg;
	size_t i = (size_t)(uintptr_t)r->user;
	struct podcast_entry *en = &v->q.entries[i];
	struct err e;

	v->running--;
	v->have[i] = r->bytes;
	v->speed[i] = 0;
	v->since[i] = 0;
	if (r->status == DOWNLOAD_OK) {
		en->state = PODCAST_DOWNLOADED;
		v->total[i] = r->bytes;
		view_podcast_say(v, 0, "downloaded", en->path);
	} else {
		en->state = r->status == DOWNLOAD_CANCELLED ? PODCAST_CANCELLED : PODCAST_FAILED;
		view_podcast_say(v, r->status != DOWNLOAD_CANCELLED, r->err.msg, NULL);
	}
	if (view_podcast_save(v, &e) < 0)
		view_podcast_say(v, 1, e.msg, NULL);
}

/* Start entry i downloading: 0, or -1 with v->msg. */
static int
view_podcast_start(struct view_podcast *v, size_t i)
{
	struct podcast_entry *en = &v->q.entries[i];
	struct download_opts dopts;
	struct err e;
	const char *ua;

	if (en->state != PODCAST_QUEUED && en->state != PODCAST_FAILED &&
	    en->state != PODCAST_CANCELLED && en->state != PODCAST_MISSING &&
	    en->state != PODCAST_DELETED)
		return 0;
	if (v->dl == NULL) {
		if (fetch_global_init(&e) < 0) {
			view_podcast_say(v, 1, e.msg, NULL);
			return -1;
		}
		memset(&dopts, 0, sizeof dopts);
		dopts.max_parallel = v->max_dls;
		dopts.retries = (int)settings_int(v->cfg, SETTINGS_V_DOWNLOAD_RETRIES);
		ua = settings_str(v->cfg, SETTINGS_V_USER_AGENT);
		dopts.user_agent = ua[0] != '\0' ? ua : NULL;
		v->dl = download_new(&dopts, view_podcast_dl_done, view_podcast_dl_progress, v);
	}
	if (files_make_parent(en->path, &e) < 0) {
		en->state = PODCAST_FAILED;
		view_podcast_say(v, 1, e.msg, NULL);
		return -1;
	}
	en->state = PODCAST_DOWNLOADING;
	v->running++;
	download_add(v->dl, en->url, en->path, (void *)(uintptr_t)i);
	return 0;
}

void
view_podcast_download(struct view_podcast *v)
{
	struct podcast_entry *en = view_podcast_cur(v);

	if (en == NULL)
		return;
	if (en->state == PODCAST_DOWNLOADING) {
		view_podcast_say(v, 0, "downloading already", NULL);
		return;
	}
	if (view_podcast_start(v, (size_t)v->list.cursor) == 0)
		view_podcast_say(v, 0, en->state == PODCAST_DOWNLOADING ? "downloading" :
		    "downloaded already", en->path);
}

void
view_podcast_download_all(struct view_podcast *v)
{
	size_t i;
	int n = 0;

	for (i = 0; i < v->q.n; i++)
		if (v->q.entries[i].state == PODCAST_QUEUED ||
		    v->q.entries[i].state == PODCAST_FAILED) {
			if (view_podcast_start(v, i) < 0)
				return;
			n++;
		}
	snprintf(v->msg, sizeof v->msg, "%d downloads started", n);
	v->msg_error = 0;
}

void
view_podcast_cancel(struct view_podcast *v)
{
	struct podcast_entry *en = view_podcast_cur(v);

	if (en == NULL)
		return;
	if (en->state != PODCAST_DOWNLOADING || v->dl == NULL ||
	    !download_cancel(v->dl, (void *)(uintptr_t)v->list.cursor))
		view_podcast_say(v, 1, "not downloading", NULL);
}

void
view_podcast_delete(struct view_podcast *v)
{
	struct podcast_entry *en = view_podcast_cur(v);
	struct err e;
	char *part;

	if (en == NULL)
		return;
	if (en->state == PODCAST_DOWNLOADING) {
		view_podcast_say(v, 1, "downloading: cancel it first", NULL);
		return;
	}
	part = xasprintf("%s.part", en->path);
	if ((unlink(en->path) < 0 && errno != ENOENT) || (unlink(part) < 0 && errno != ENOENT)) {
		view_podcast_say(v, 1, en->path, strerror(errno));
		free(part);
		return;
	}
	free(part);
	en->state = PODCAST_DELETED;
	v->have[v->list.cursor] = 0;
	view_podcast_say(v, 0, "deleted", en->path);
	if (view_podcast_save(v, &e) < 0)
		view_podcast_say(v, 1, e.msg, NULL);
}

void
view_podcast_purge(struct view_podcast *v)
{
	struct err e;
	size_t i, before = v->q.n;

	if (v->running > 0) {
		view_podcast_say(v, 1, "downloads are running: purge when they are done", NULL);
		return;
	}
	/* delete-played-files: a finished episode's file goes with it */
	if (settings_bool(v->cfg, SETTINGS_V_DELETE_PLAYED_FILES))
		for (i = 0; i < v->q.n; i++)
			if (v->q.entries[i].state == PODCAST_FINISHED)
				(void)unlink(v->q.entries[i].path);
	podcast_queue_purge(&v->q);
	view_podcast_sizes(v);
	snprintf(v->msg, sizeof v->msg, "%zu purged", before - v->q.n);
	v->msg_error = 0;
	/* the purged lines go from the file too: written, not merged */
	if (podcast_queue_save(&v->q, v->o.queue_file, &e) < 0)
		view_podcast_say(v, 1, e.msg, NULL);
}

void
view_podcast_finished(struct view_podcast *v)
{
	struct podcast_entry *en = view_podcast_cur(v);
	struct err e;

	if (en == NULL)
		return;
	if (en->state != PODCAST_DOWNLOADED && en->state != PODCAST_PLAYED) {
		view_podcast_say(v, 1, "not downloaded", NULL);
		return;
	}
	en->state = PODCAST_FINISHED;
	view_podcast_say(v, 0, "finished", en->path);
	if (view_podcast_save(v, &e) < 0)
		view_podcast_say(v, 1, e.msg, NULL);
}

void
view_podcast_max(struct view_podcast *v, int delta)
{
	if (v->max_dls + delta >= 1 && v->max_dls + delta <= 100)
		v->max_dls += delta;
	snprintf(v->msg, sizeof v->msg, "max-downloads %d (for downloads started from now)",
	    v->max_dls);
	v->msg_error = 0;
}

char **
view_podcast_play(struct view_podcast *v)
{
	struct podcast_entry *en = view_podcast_cur(v);
	const char *player = settings_str(v->cfg, SETTINGS_V_PLAYER);
	struct err e;
	char **argv;

	if (en == NULL)
		return NULL;
	if (player[0] == '\0') {
		view_podcast_say(v, 1, "no player (set player in the config)", NULL);
		return NULL;
	}
	if (en->state != PODCAST_DOWNLOADED && en->state != PODCAST_PLAYED &&
	    en->state != PODCAST_FINISHED) {
		view_podcast_say(v, 1, "not downloaded", NULL);
		return NULL;
	}
	/* newsboat: player + " " + the file, through the shell; here the file
	 * is "$1", so no name can become shell text */
	argv = xcalloc(6, sizeof *argv);
	argv[0] = xstrdup("/bin/sh");
	argv[1] = xstrdup("-c");
	argv[2] = xasprintf("%s \"$1\"", player);
	argv[3] = xstrdup("tidings-player");
	argv[4] = xstrdup(en->path);
	if (en->state == PODCAST_DOWNLOADED)
		en->state = PODCAST_PLAYED;
	view_podcast_say(v, 0, "played", en->path);
	if (view_podcast_save(v, &e) < 0)
		view_podcast_say(v, 1, e.msg, NULL);
	return argv;
}

size_t
view_podcast_fds(struct view_podcast *v, struct pollfd *fds, size_t max, int *timeout_ms)
{
	if (v->dl == NULL || v->running == 0)
		return 0;
	return download_fds(v->dl, fds, max, timeout_ms);
}

void
view_podcast_step(struct view_podcast *v, const struct pollfd *fds, size_t nfds)
{
	if (v->dl != NULL && v->running > 0)
		(void)download_step(v->dl, fds, nfds);
}
