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
#include "app/format.h"
#include "app/keymap.h"
#include "app/podcast_download.h"
#include "app/settings.h"
#include "app/spawn.h"
#include "net/download.h"
#include "net/fetch.h"
#include "store/db.h"
#include "util/xalloc.h"

static void
view_podcast_say(struct view_podcast *v, int error, const char *what, const char *detail)
{
	snprintf(v->msg, sizeof v->msg, "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
	v->msg_error = error;
}

/* Row i's bytes on disk (the file, else its part) and its size when done. */
static void
view_podcast_measure(struct view_podcast *v, size_t i)
{
	const struct podcast_entry *en = &v->q.entries[i];
	struct view_podcast_row *r = &v->rows[i];
	char *part = xasprintf("%s.part", en->path);
	struct stat st;

	r->have = stat(en->path, &st) == 0 ? (long long)st.st_size :
	    stat(part, &st) == 0 ? (long long)st.st_size : 0;
	r->total = en->state == PODCAST_DOWNLOADED || en->state == PODCAST_PLAYED ||
	    en->state == PODCAST_FINISHED ? r->have : -1;
	r->speed = r->since = 0;
	free(part);
}

/* Fresh rows for every entry (no download running), each with a new id. */
static void
view_podcast_sizes(struct view_podcast *v)
{
	size_t i;

	free(v->rows);
	v->rows = xcalloc(v->q.n + 1, sizeof *v->rows);
	for (i = 0; i < v->q.n; i++) {
		v->rows[i].id = ++v->next_id;
		view_podcast_measure(v, i);
	}
	view_list_set_count(&v->list, (int)v->q.n);
}

/* The entry whose download has handle id, or -1 (dropped meanwhile). */
static long
view_podcast_by_id(const struct view_podcast *v, void *user)
{
	unsigned long id = (unsigned long)(uintptr_t)user;
	size_t i;

	for (i = 0; i < v->q.n; i++)
		if (v->rows[i].id == id)
			return (long)i;
	return -1;
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
	free(v->rows);
	memset(v, 0, sizeof *v);
	return rc;
}

void
view_podcast_title(const struct view_podcast *v, struct buf *out)
{
	/* in progress: running now; the others given to the downloader wait
	 * for max-downloads (their line says queued, as podboat's) */
	buf_printf(out, "Queue (%zu downloads in progress, %zu total) - %d at once",
	    v->dl != NULL ? download_active(v->dl) : (size_t)0, v->q.n, v->max_dls);
}

/* podboat's word for a state on its screen (podcast_state_name is the file's) */
static const char *
view_podcast_status(enum podcast_state st)
{
	return st == PODCAST_DOWNLOADED ? "ready" : podcast_state_name(st);
}

void
view_podcast_line(const struct view_podcast *v, size_t i, size_t width, struct buf *out)
{
	const struct podcast_entry *en = &v->q.entries[i];
	const struct view_podcast_row *r = &v->rows[i];
	const char *base = strrchr(en->path, '/');
	char idx[24], have[32], total[32], pct[32], kbps[32], speed[48];
	struct format_vars vars;
	double k = r->speed;

	snprintf(idx, sizeof idx, "%zu", i + 1);
	snprintf(have, sizeof have, "%.1f", (double)r->have / (1024 * 1024));
	snprintf(total, sizeof total, "%.1f", r->total > 0 ?
	    (double)r->total / (1024 * 1024) : 0.0);
	snprintf(pct, sizeof pct, "%.1f", r->total > 0 ?
	    100.0 * (double)r->have / (double)r->total : 0.0);
	snprintf(kbps, sizeof kbps, "%.2f", k);
	if (k >= 1024 * 1024)
		snprintf(speed, sizeof speed, "%.2f GB/s", k / (1024 * 1024));
	else if (k >= 1024)
		snprintf(speed, sizeof speed, "%.2f MB/s", k / 1024);
	else
		snprintf(speed, sizeof speed, "%.2f KB/s", k);
	/* podlist-format is one of newsboat's format strings (app/format) */
	format_vars_init(&vars);
	format_set(&vars, 'i', idx);
	format_set(&vars, 'd', have);
	format_set(&vars, 't', total);
	format_set(&vars, 'p', pct);
	format_set(&vars, 'k', kbps);
	format_set(&vars, 'K', speed);
	format_set(&vars, 'S', en->state == PODCAST_DOWNLOADING && v->dl != NULL &&
	    !download_is_active(v->dl, (void *)(uintptr_t)r->id) ? "queued" :
	    view_podcast_status(en->state));
	format_set(&vars, 'u', en->url);
	format_set(&vars, 'F', en->path);
	format_set(&vars, 'b', base != NULL ? base + 1 : en->path);
	(void)format_expand(out, settings_str(v->cfg, SETTINGS_V_PODLIST_FORMAT), &vars, width);
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
	long i = view_podcast_by_id(v, user);
	struct view_podcast_row *r;
	struct timespec ts;
	double now, dt;

	if (i < 0)
		return;
	r = &v->rows[i];
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	dt = now - r->since;
	/* KB/s since the last report (the first one only starts the clock) */
	if (r->since > 0 && dt > 0 && have >= r->have)
		r->speed = (double)(have - r->have) / 1024 / dt;
	r->since = now;
	r->have = have;
	r->total = total;
}

static void
view_podcast_dl_done(const struct download_result *res, void *arg)
{
	struct view_podcast *v = arg;
	long i = view_podcast_by_id(v, res->user);
	struct podcast_entry *en;
	struct view_podcast_row *r;
	struct err e;

	v->running--;
	if (i < 0)
		return;
	en = &v->q.entries[i];
	r = &v->rows[i];
	r->have = res->bytes;
	r->speed = 0;
	r->since = 0;
	if (res->status == DOWNLOAD_OK) {
		en->state = PODCAST_DOWNLOADED;
		r->total = res->bytes;
		view_podcast_say(v, 0, "downloaded", en->path);
	} else {
		en->state = res->status == DOWNLOAD_CANCELLED ? PODCAST_CANCELLED : PODCAST_FAILED;
		view_podcast_say(v, res->status != DOWNLOAD_CANCELLED, res->err.msg, NULL);
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

	if (en->state != PODCAST_QUEUED && en->state != PODCAST_FAILED &&
	    en->state != PODCAST_CANCELLED && en->state != PODCAST_MISSING &&
	    en->state != PODCAST_DELETED)
		return 0;
	if (v->dl == NULL) {
		if (fetch_global_init(&e) < 0) {
			view_podcast_say(v, 1, e.msg, NULL);
			return -1;
		}
		podcast_download_opts(&dopts, v->cfg, v->max_dls);
		v->dl = download_new(&dopts, view_podcast_dl_done, view_podcast_dl_progress, v);
	}
	if (files_make_parent(en->path, &e) < 0) {
		en->state = PODCAST_FAILED;
		view_podcast_say(v, 1, e.msg, NULL);
		return -1;
	}
	en->state = PODCAST_DOWNLOADING;
	v->running++;
	download_add(v->dl, en->url, en->path, (void *)(uintptr_t)v->rows[i].id);
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
	    !download_cancel(v->dl, (void *)(uintptr_t)v->rows[v->list.cursor].id))
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
	v->rows[v->list.cursor].have = 0;
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
	/* queued episodes start at once when there is room now */
	if (v->dl != NULL)
		download_set_max(v->dl, v->max_dls);
	snprintf(v->msg, sizeof v->msg, "max-downloads %d", v->max_dls);
	v->msg_error = 0;
}

char **
view_podcast_play(struct view_podcast *v)
{
	struct podcast_entry *en = view_podcast_cur(v);
	const char *player = settings_str(v->cfg, SETTINGS_V_PLAYER), *path;
	struct err e;
	char **argv, *text;

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
	path = en->path;
	/* newsboat: player + " " + the file, through the shell; app/spawn
	 * appends the file as "$1", so no name can become shell text */
	text = spawn_shell_text(player, "", 1);
	argv = spawn_argv(text, &path, 1);
	free(text);
	if (en->state == PODCAST_DOWNLOADED)
		en->state = PODCAST_PLAYED;
	view_podcast_say(v, 0, "played", en->path);
	if (view_podcast_save(v, &e) < 0)
		view_podcast_say(v, 1, e.msg, NULL);
	return argv;
}

void
view_podcast_reload(struct view_podcast *v)
{
	struct podcast_queue disk = { 0 }, out = { 0 };
	struct view_podcast_row *rows;
	struct err e;
	char *taken, *cur_url = NULL;
	size_t i, added = 0;
	long k;

	if (podcast_queue_load(&disk, v->o.queue_file, &e) < 0) {
		view_podcast_say(v, 1, e.msg, NULL);
		return;
	}
	if (v->list.cursor >= 0 && (size_t)v->list.cursor < v->q.n)
		cur_url = xstrdup(v->q.entries[v->list.cursor].url);
	out.cap = disk.n + v->q.n + 1;
	out.entries = xcalloc(out.cap, sizeof *out.entries);
	rows = xcalloc(out.cap, sizeof *rows);
	taken = xcalloc(v->q.n + 1, 1);
	/* the file's entries in its order, with the states it gives them
	 * (podboat or another reader may have changed them), except that a
	 * download running here goes on: its entry and handle are kept */
	for (i = 0; i < disk.n; i++) {
		k = podcast_queue_find(&v->q, disk.entries[i].url);
		if (k >= 0 && v->q.entries[k].state == PODCAST_DOWNLOADING) {
			out.entries[out.n] = v->q.entries[k];
			rows[out.n] = v->rows[k];
			taken[k] = 1;
		} else {
			out.entries[out.n] = disk.entries[i];
			disk.entries[i].url = disk.entries[i].path = NULL;
			rows[out.n].id = k >= 0 ? v->rows[k].id : ++v->next_id;
			rows[out.n].have = -1;	/* measured below */
			added += k < 0;
		}
		out.n++;
	}
	/* a running download whose line went from the file meanwhile: kept
	 * (the next save writes it back) */
	for (i = 0; i < v->q.n; i++)
		if (!taken[i] && v->q.entries[i].state == PODCAST_DOWNLOADING) {
			out.entries[out.n] = v->q.entries[i];
			rows[out.n++] = v->rows[i];
			taken[i] = 1;
		}
	for (i = 0; i < v->q.n; i++)
		if (taken[i])
			v->q.entries[i].url = v->q.entries[i].path = NULL;
	podcast_queue_release(&v->q);
	podcast_queue_release(&disk);
	free(v->rows);
	free(taken);
	v->q = out;
	v->rows = rows;
	for (i = 0; i < v->q.n; i++)
		if (v->rows[i].have < 0)
			view_podcast_measure(v, i);
	view_list_set_count(&v->list, (int)v->q.n);
	/* the cursor stays on its episode when it is still there */
	if (cur_url != NULL && (k = podcast_queue_find(&v->q, cur_url)) >= 0)
		view_list_goto(&v->list, (int)k);
	free(cur_url);
	snprintf(v->msg, sizeof v->msg, "queue read again: %zu episodes, %zu new", v->q.n, added);
	v->msg_error = 0;
}

void
view_podcast_hints(const struct view_podcast *v, struct buf *out)
{
	static const struct {
		enum keymap_action a;
		const char *label;
	} hints[] = {
		{ KEYMAP_QUIT, "Back" }, { KEYMAP_PB_DOWNLOAD, "Download" },
		{ KEYMAP_PB_CANCEL, "Cancel" }, { KEYMAP_PB_DELETE, "Delete" },
		{ KEYMAP_PB_PURGE, "Purge" }, { KEYMAP_PB_PLAY, "Play" },
		{ KEYMAP_PB_MARK_FINISHED, "Finished" },
		{ KEYMAP_PB_TOGGLE_DOWNLOAD_ALL, "Download all" },
		{ KEYMAP_PB_MORE_DLS, "More downloads" }, { KEYMAP_PB_FEWER_DLS, "Fewer" },
		{ KEYMAP_PB_RELOAD, "Reload" }, { KEYMAP_HELP, "Help" },
	};
	char keys[64];
	size_t i, n = 0;

	/* the first key bound to each action in the podboat view, as the
	 * other views' hints (an action with no key is left out) */
	for (i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		if (keymap_keys_for(v->cfg->keymap, KEYMAP_VIEW_PODBOAT, hints[i].a, keys,
		    sizeof keys) == 0)
			continue;
		keys[strcspn(keys, " ")] = '\0';
		(void)buf_printf(out, "%s%s:%s", n++ > 0 ? " " : "", keys, hints[i].label);
	}
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
