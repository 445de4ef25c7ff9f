#include "app/reload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/mirror.h"
#include "app/opml_source.h"
#include "app/podcast.h"
#include "app/sync.h"
#include "feed/feedlist.h"
#include "net/fetch.h"
#include "store/feeds.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* While a reload runs, the feed list's counts are refreshed this often. */
#define RELOAD_REFRESH_MS 500

void
reload_poll_opts(const struct settings *cfg, struct poll_opts *o)
{
	poll_opts_init(o);
	o->jobs = cfg->reload_threads;
	o->max_items = cfg->max_items;
	o->max_items_newest = cfg->max_items_set;
	o->keep_days = (int)settings_int(cfg, SETTINGS_V_KEEP_ARTICLES_DAYS);
	/* newsboat's network options: the strings stay cfg's */
	o->retries = (int)settings_int(cfg, SETTINGS_V_DOWNLOAD_RETRIES);
	if (*settings_str(cfg, SETTINGS_V_USER_AGENT) != '\0')
		o->user_agent = settings_str(cfg, SETTINGS_V_USER_AGENT);
	if (*settings_str(cfg, SETTINGS_V_COOKIE_CACHE) != '\0')
		o->net.cookie_file = settings_str(cfg, SETTINGS_V_COOKIE_CACHE);
	o->net.http_auth_method = settings_str(cfg, SETTINGS_V_HTTP_AUTH_METHOD);
	if (settings_bool(cfg, SETTINGS_V_USE_PROXY) &&
	    *settings_str(cfg, SETTINGS_V_PROXY) != '\0') {
		o->net.proxy = settings_str(cfg, SETTINGS_V_PROXY);
		o->net.proxy_type = settings_str(cfg, SETTINGS_V_PROXY_TYPE);
		o->net.proxy_auth_method = settings_str(cfg, SETTINGS_V_PROXY_AUTH_METHOD);
		if (*settings_str(cfg, SETTINGS_V_PROXY_AUTH) != '\0')
			o->net.proxy_auth = settings_str(cfg, SETTINGS_V_PROXY_AUTH);
	}
	o->always_download = settings_lines(cfg, SETTINGS_L_ALWAYS_DOWNLOAD,
	    &o->nalways_download);
	o->reset_unread = settings_lines(cfg, SETTINGS_L_RESET_UNREAD_ON_UPDATE,
	    &o->nreset_unread);
	o->net.insecure_peer = !settings_bool(cfg, SETTINGS_V_SSL_VERIFYPEER);
	o->net.insecure_host = !settings_bool(cfg, SETTINGS_V_SSL_VERIFYHOST);
	o->download_articles = cfg->download_articles;
	o->articles_per_poll = cfg->articles_per_poll;
	if (cfg->max_download_size > 0)
		o->max_size = (size_t)cfg->max_download_size;
	if (cfg->download_timeout > 0)
		o->timeout_ms = cfg->download_timeout * 1000L;
	o->articles_deadline_ms = cfg->articles_deadline * 1000L;
	o->host_budget_ms = cfg->articles_host_budget * 1000L;
	o->ignore_cfg = cfg;	/* filter: ignore-article at poll time */
}

void
reload_init(struct reload *r, struct db *db, const struct settings *cfg,
    const char *feeds_path)
{
	memset(r, 0, sizeof *r);
	r->db = db;
	r->cfg = cfg;
	r->feeds_path = feeds_path;
	r->sync.fd = -1;
}

int
reload_in_articles(const struct reload *r)
{
	return r->poll != NULL && poll_in_articles(r->poll);
}

void
reload_cancel(struct reload *r)
{
	if (r->poll != NULL)
		poll_cancel(r->poll);
	sync_bg_release(&r->sync);
}

/* Forget the sync's lines and the list of every line. */
static void
reload_lines_free(struct reload *r)
{
	size_t i;

	for (i = 0; i < r->nsync_lines; i++)
		free(r->sync_lines[i]);
	free(r->sync_lines);
	free(r->lines);
	r->sync_lines = NULL;
	r->lines = NULL;
	r->nsync_lines = r->nlines = 0;
}

void
reload_release(struct reload *r)
{
	if (r->poll != NULL) {
		poll_cancel(r->poll);
		poll_free(r->poll);
	}
	sync_bg_release(&r->sync);
	reload_lines_free(r);
	if (r->net_started)
		fetch_global_cleanup();
	memset(r, 0, sizeof *r);
}

int
reload_running(const struct reload *r)
{
	return r->poll != NULL || r->sync.pid != 0;
}

static void
reload_progress_cb(const struct poll_progress *p, void *arg)
{
	struct reload *r = arg;

	if (p->articles_total > 0 && p->feeds_done >= p->feeds_total)
		snprintf(r->status, sizeof r->status, "Reloading: articles %d/%d ",
		    p->articles_done, p->articles_total);
	else
		snprintf(r->status, sizeof r->status, "Reloading: %d/%d feeds ",
		    p->feeds_done, p->feeds_total);
	if (r->changed != NULL)
		r->changed(r->changed_arg);
}

/* Feeds of fl without tag are left out of the poll (poll takes only
 * FEEDLIST_FEED lines; the lines keep their memory for feedlist_free). */
static void
reload_only_tag(struct feedlist *fl, const char *tag)
{
	size_t i, j;

	for (i = 0; i < fl->nlines; i++) {
		struct feedlist_line *l = &fl->lines[i];
		int has = 0;

		if (l->kind != FEEDLIST_FEED)
			continue;
		for (j = 0; j < l->ntags && !has; j++)
			has = strcmp(l->tags[j], tag) == 0;
		if (!has)
			l->kind = FEEDLIST_COMMENT;
	}
}

/*
 * Sync with the server urls-source names, before the poll of the pages.
 * It blocks the reader for its requests (each bounded by download-
 * timeout).  Conflict lines go to the error-log, and the first one to *e
 * is not taken: the sync itself went well.
 */
static int
reload_sync(struct reload *r, struct err *e)
{
	struct sync_report rep;
	struct poll_opts o;
	struct err le;
	int rc;

	reload_poll_opts(r->cfg, &o);
	rc = sync_run(r->db, r->cfg, &o, &rep, e);
	if (rep.nlines > 0)
		(void)reload_error_log(r->cfg, (const char *const *)rep.lines, rep.nlines, &le);
	sync_report_release(&rep);
	return rc;
}

static int
reload_begin(struct reload *r, int64_t feed_id, const char *tag, int force, struct err *e)
{
	struct feedlist *fl;
	struct poll_opts o;
	int missing = 0, refreshed = 0;

	if (r->poll != NULL)
		return err_set(e, "a reload is already running");
	if (r->feeds_path == NULL && sync_server(r->cfg) == NULL)
		return err_set(e, "no feeds file to reload from");
	/* curl_global_init counts its callers, so main may have called it */
	if (!r->net_started) {
		if (fetch_global_init(e) < 0)
			return -1;
		r->net_started = 1;
	}
	/* a feed server: sync with it (app/sync), then poll only the pages;
	 * in a process of its own when the reader says which config it read */
	if (sync_server(r->cfg) != NULL && r->config_path != NULL) {
		/* podcast-auto-enqueue: the items the sync brings are new */
		r->started = time(NULL);
		reload_lines_free(r);
		if (sync_bg_start(&r->sync, r->config_path, r->feeds_path, db_path(r->db), e) < 0)
			return -1;
		snprintf(r->status, sizeof r->status, "Syncing with the feed server... ");
		clock_gettime(CLOCK_MONOTONIC, &r->refreshed);
		return 0;
	}
	r->started = time(NULL);
	if (sync_server(r->cfg) != NULL) {
		if (reload_sync(r, e) < 0)
			return -1;
		fl = feedlist_parse("", 0, "feed server");
	} else {
		/* urls-source "opml" (issue 13, sources): the list is the
		 * OPML's, mirrored into the cache as a start does with the
		 * feeds file */
		if ((refreshed = opml_source_refresh(r->cfg, r->feeds_path, e)) < 0)
			return -1;
		fl = feedlist_load(r->feeds_path, &missing, e);
	}
	if (fl == NULL)
		return -1;
	if (refreshed && mirror_feedlist(r->db, fl, missing, e) < 0) {
		feedlist_free(fl);
		return -1;
	}
	if (tag != NULL)
		reload_only_tag(fl, tag);
	reload_poll_opts(r->cfg, &o);
	o.only_feed = feed_id;
	o.force = force;
	r->poll = poll_new(r->db, fl, &o, reload_progress_cb, r, e);
	feedlist_free(fl);
	if (r->poll == NULL)
		return -1;
	snprintf(r->status, sizeof r->status, "Reloading... ");
	clock_gettime(CLOCK_MONOTONIC, &r->refreshed);
	return 0;
}

int
reload_start(struct reload *r, int64_t feed_id, struct err *e)
{
	return reload_begin(r, feed_id, NULL, 1, e);	/* asked for now, by a person */
}

int
reload_start_auto(struct reload *r, struct err *e)
{
	return reload_begin(r, 0, NULL, 0, e);
}

int
reload_start_visible(struct reload *r, const char *tag, struct err *e)
{
	if (!settings_bool(r->cfg, SETTINGS_V_RELOAD_ONLY_VISIBLE_FEEDS))
		tag = NULL;
	return reload_begin(r, 0, tag, 1, e);
}

/* reload-time in milliseconds; 0 minutes is 1, as newsboat reads it */
static long long
reload_interval_ms(const struct settings *cfg)
{
	long long min = settings_int(cfg, SETTINGS_V_RELOAD_TIME);

	return (min > 0 ? min : 1) * 60000LL;
}

static void
reload_auto_schedule(struct reload *r, const struct timespec *now)
{
	long long ms = reload_interval_ms(r->cfg);

	r->auto_next.tv_sec = now->tv_sec + (time_t)(ms / 1000);
	r->auto_next.tv_nsec = now->tv_nsec;
}

int
reload_at_start(struct reload *r, int cache_empty, const struct timespec *now)
{
	int on = settings_bool(r->cfg, SETTINGS_V_AUTO_RELOAD);

	r->auto_on = on;
	if (on)
		reload_auto_schedule(r, now);
	return r->cfg->refresh_on_startup || cache_empty ||
	    (on && !settings_bool(r->cfg, SETTINGS_V_SUPPRESS_FIRST_RELOAD));
}

long
reload_auto_ms(const struct reload *r, const struct timespec *now)
{
	long long ms;

	if (!r->auto_on)
		return -1;
	ms = (long long)(r->auto_next.tv_sec - now->tv_sec) * 1000 +
	    (r->auto_next.tv_nsec - now->tv_nsec) / 1000000;
	return ms > 0 ? (long)ms : 0;
}

int
reload_auto_due(struct reload *r, const struct timespec *now)
{
	if (reload_auto_ms(r, now) != 0)
		return 0;
	reload_auto_schedule(r, now);
	return 1;
}

size_t
reload_fds(struct reload *r, struct pollfd *fds, size_t max, int *timeout_ms)
{
	int pt = -1;
	size_t n;

	if (r->sync.pid != 0 && max > 0) {
		fds[0].fd = r->sync.fd;
		fds[0].events = POLLIN;
		fds[0].revents = 0;
		if (*timeout_ms < 0 || *timeout_ms > 1000)
			*timeout_ms = 1000;
		return 1;
	}
	if (r->poll == NULL)
		return 0;
	n = poll_fds(r->poll, fds, max, &pt);
	if (n > max)
		n = max;
	if (pt >= 0 && (*timeout_ms < 0 || pt < *timeout_ms))
		*timeout_ms = pt;
	if (*timeout_ms < 0 || *timeout_ms > 1000)
		*timeout_ms = 1000;
	return n;
}

/*
 * The background sync ended: keep its lines ("tidings: " taken off, as
 * the poll's have no program name), then poll the article pages of every
 * feed.  1 while that poll runs, 0 when it could not start.
 */
static int
reload_synced(struct reload *r)
{
	struct feedlist *fl;
	struct poll_opts o;
	struct err e;
	char *line, *next;

	for (line = r->sync.out; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strncmp(line, "tidings: ", 9) == 0)
			line += 9;
		if (*line == '\0')
			continue;
		r->sync_lines = xreallocarray(r->sync_lines, r->nsync_lines + 1,
		    sizeof *r->sync_lines);
		r->sync_lines[r->nsync_lines++] = xstrdup(line);
	}
	sync_bg_release(&r->sync);
	reload_poll_opts(r->cfg, &o);
	fl = feedlist_parse("", 0, "feed server");
	r->poll = poll_new(r->db, fl, &o, reload_progress_cb, r, &e);
	feedlist_free(fl);
	if (r->poll == NULL) {
		r->sync_lines = xreallocarray(r->sync_lines, r->nsync_lines + 1,
		    sizeof *r->sync_lines);
		r->sync_lines[r->nsync_lines++] = xstrdup(e.msg);
		return 0;
	}
	return 1;
}

int
reload_step(struct reload *r, const struct pollfd *fds, size_t nfds)
{
	const char *const *pl;
	size_t np, i;
	int failed;

	if (r->sync.pid != 0) {
		if (sync_bg_step(&r->sync, &failed) == 1)
			return 1;
		if (reload_synced(r) == 1)
			return 1;
	} else if (r->poll != NULL && poll_step(r->poll, fds, nfds) == 1)
		return 1;
	/* finished: the sync's lines before the poll's */
	np = r->poll != NULL ? poll_errors(r->poll, &pl) : 0;
	free(r->lines);
	r->nlines = 0;
	r->lines = xcalloc(r->nsync_lines + np + 1, sizeof *r->lines);
	for (i = 0; i < r->nsync_lines; i++)
		r->lines[r->nlines++] = r->sync_lines[i];
	for (i = 0; i < np; i++)
		r->lines[r->nlines++] = pl[i];
	return 0;
}

int
reload_refresh_due(struct reload *r)
{
	struct timespec now;
	long ms;

	if (r->poll == NULL)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long)(now.tv_sec - r->refreshed.tv_sec) * 1000 +
	    (now.tv_nsec - r->refreshed.tv_nsec) / 1000000;
	if (ms <= RELOAD_REFRESH_MS)
		return 0;
	r->refreshed = now;
	return 1;
}

const struct poll_progress *
reload_progress(const struct reload *r)
{
	static const struct poll_progress none = { .finished = 1 };

	return r->poll != NULL ? poll_progress(r->poll) : &none;
}

size_t
reload_errors(const struct reload *r, const char *const **lines)
{
	if (r->lines != NULL) {
		*lines = r->lines;
		return r->nlines;
	}
	return poll_errors(r->poll, lines);
}

void
reload_end(struct reload *r)
{
	struct err e;

	/* podcast-auto-enqueue (issue 17): the new items' episodes queued; a
	 * queue file that cannot be written is retried at the next reload */
	if (r->poll != NULL)
		(void)podcast_after_poll(r->db, r->cfg, db_path(r->db), r->started, &e);
	poll_free(r->poll);
	r->poll = NULL;
	reload_lines_free(r);
	r->status[0] = '\0';
}

int
reload_quit(struct reload *r, char **msg, struct err *e)
{
	int feeds = 0, items = 0, starred = 0, read = 0, missing = 0, rc;
	int server = sync_server(r->cfg) != NULL;
	struct feedlist *fl;
	size_t i, listed = 0;

	*msg = NULL;
	if (strcmp(settings_str(r->cfg, SETTINGS_V_CLEANUP_ON_QUIT), "yes") != 0 ||
	    (r->feeds_path == NULL && !server))
		return 0;
	if (server) {
		/* a feed server's subscriptions stand for the feeds file: its
		 * last sync marked the feeds it lists (none: nothing goes) */
		struct feed_row *rows;
		size_t n;

		if (feeds_list(r->db, &rows, &n, e) < 0)
			return -1;
		for (i = 0; i < n; i++)
			listed += rows[i].listed != 0;
		feeds_free_rows(rows, n);
	} else {
		/* an empty or vanished feeds file would make every feed "unlisted" */
		fl = feedlist_load(r->feeds_path, &missing, e);
		if (fl == NULL)
			return -1;
		for (i = 0; i < fl->nlines; i++)
			listed += fl->lines[i].kind == FEEDLIST_FEED;
		feedlist_free(fl);
	}
	if (listed > 0) {
		rc = feeds_delete_unlisted(r->db, 0, &feeds, &items, &starred, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			feeds = items = 0;	/* a starred item: nothing deleted */
	}
	if (settings_bool(r->cfg, SETTINGS_V_DELETE_READ_ARTICLES_ON_QUIT) &&
	    items_delete_read(r->db, &read, e) < 0)
		return -1;
	if (feeds == 0 && read == 0)
		return 0;
	*msg = xasprintf("cleanup-on-quit: deleted %d feed%s no longer in the %s "
	    "(%d item%s) and %d read item%s", feeds, feeds == 1 ? "" : "s",
	    server ? "feed server's list" : "feeds file", items,
	    items == 1 ? "" : "s", read, read == 1 ? "" : "s");
	return 1;
}

int
reload_error_log(const struct settings *cfg, const char *const *lines, size_t n,
    struct err *e)
{
	const char *path = settings_str(cfg, SETTINGS_V_ERROR_LOG);
	char stamp[32];
	struct buf b;
	struct tm tm;
	time_t now = time(NULL);
	size_t i;
	int fd, rc = 0;

	if (*path == '\0' || n == 0)
		return 0;
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "[%Y-%m-%d %H:%M:%S]", &tm) == 0)
		stamp[0] = '\0';
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		char *line = text_sanitize_dup(lines[i], strlen(lines[i]), 0);

		if (buf_printf(&b, "%s %s\n", stamp, line) < 0)
			abort();
		free(line);
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		rc = err_set(e, "error-log %s: %s", path, strerror(errno));
	} else {
		/* one write: lines of two tidings at once do not interleave */
		if (write(fd, b.data, b.len) != (ssize_t)b.len)
			rc = err_set(e, "error-log %s: %s", path, strerror(errno));
		close(fd);
	}
	buf_release(&b);
	return rc;
}

int
reload_cache_is_empty(struct db *db)
{
	struct items_query q = { 0 };
	struct item_row *rows = NULL;
	size_t n = 0;
	struct err e;

	q.limit = 1;
	if (items_list(db, &q, &rows, &n, &e) < 0)
		return 0;
	items_free_rows(rows, n);
	return n == 0;
}
