#include "app/reload.h"

#include <stdio.h>
#include <string.h>

#include "feed/feedlist.h"
#include "net/fetch.h"
#include "store/items.h"

/* While a reload runs, the feed list's counts are refreshed this often. */
#define RELOAD_REFRESH_MS 500

void
reload_poll_opts(const struct settings *cfg, struct poll_opts *o)
{
	poll_opts_init(o);
	o->jobs = cfg->reload_threads;
	o->max_items = cfg->max_items;
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
}

void
reload_release(struct reload *r)
{
	if (r->poll != NULL) {
		poll_cancel(r->poll);
		poll_free(r->poll);
	}
	if (r->net_started)
		fetch_global_cleanup();
	memset(r, 0, sizeof *r);
}

int
reload_running(const struct reload *r)
{
	return r->poll != NULL;
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

int
reload_start(struct reload *r, int64_t feed_id, struct err *e)
{
	struct feedlist *fl;
	struct poll_opts o;
	int missing = 0;

	if (r->poll != NULL)
		return err_set(e, "a reload is already running");
	if (r->feeds_path == NULL)
		return err_set(e, "no feeds file to reload from");
	/* curl_global_init counts its callers, so main may have called it */
	if (!r->net_started) {
		if (fetch_global_init(e) < 0)
			return -1;
		r->net_started = 1;
	}
	fl = feedlist_load(r->feeds_path, &missing, e);
	if (fl == NULL)
		return -1;
	reload_poll_opts(r->cfg, &o);
	o.only_feed = feed_id;
	o.force = 1;		/* asked for now, by a person */
	r->poll = poll_new(r->db, fl, &o, reload_progress_cb, r, e);
	feedlist_free(fl);
	if (r->poll == NULL)
		return -1;
	snprintf(r->status, sizeof r->status, "Reloading... ");
	clock_gettime(CLOCK_MONOTONIC, &r->refreshed);
	return 0;
}

size_t
reload_fds(struct reload *r, struct pollfd *fds, size_t max, int *timeout_ms)
{
	int pt = -1;
	size_t n;

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

int
reload_step(struct reload *r, const struct pollfd *fds, size_t nfds)
{
	if (r->poll == NULL)
		return 0;
	return poll_step(r->poll, fds, nfds);
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
	return poll_progress(r->poll);
}

size_t
reload_errors(const struct reload *r, const char *const **lines)
{
	return poll_errors(r->poll, lines);
}

void
reload_end(struct reload *r)
{
	poll_free(r->poll);
	r->poll = NULL;
	r->status[0] = '\0';
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
