/*
 * fetch: libcurl multi driven by the caller's poll loop.
 *
 * A transfer lives on exactly one of three lists: queued (waiting for a
 * free slot under max_parallel and max_per_host), running (its easy handle
 * is in the multi handle) and done (result filled in, waiting for the
 * callback).  Callbacks run only from fetch_deliver, outside any libcurl
 * call, so they may add transfers (curl_multi_add_handle is not allowed
 * from inside libcurl's own callbacks).
 *
 * libcurl tells us which sockets to watch through the socket callback
 * (kept in f->socks) and when to call it back through the timer callback
 * (f->deadline); fetch_fds and fetch_step translate these to poll(2).
 */
#include "config.h"

#include "net/fetch_priv.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/date.h"
#include "util/xalloc.h"

/* Without every socket in the caller's poll set, wake at least this often. */
#define PARTIAL_POLL_MS		50
/* A running transfer with neither socket nor timer should not happen;
 * never wait forever on it. */
#define IDLE_POLL_MS		100
/* With a per-host time budget, check the running transfers this often. */
#define BUDGET_POLL_MS		250

static struct sock *
sock_find(struct fetch *f, curl_socket_t fd)
{
	size_t i;

	for (i = 0; i < f->nsocks; i++)
		if (f->socks[i].fd == fd)
			return &f->socks[i];
	return NULL;
}

static int
socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp, void *sockp)
{
	struct fetch *f = userp;
	struct sock *s = sock_find(f, fd);

	if (what == CURL_POLL_REMOVE) {
		if (s != NULL)
			*s = f->socks[--f->nsocks];
		return 0;
	}
	if (s == NULL) {
		f->socks = xgrow(f->socks, f->nsocks, &f->capsocks, 16,
		    sizeof *f->socks);
		s = &f->socks[f->nsocks++];
		s->fd = fd;
	}
	s->events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
	    ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	return 0;
}

static int
timer_cb(CURLM *multi, long ms, void *userp)
{
	struct fetch *f = userp;

	f->deadline = ms < 0 ? -1 : date_now_ms() + ms;
	return 0;
}

/* Move what libcurl reports finished to the done list. */
static void
fetch_collect(struct fetch *f)
{
	struct transfer *t;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		t = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		if (t == NULL)
			continue;
		transfer_classify(f, t, m->data.result);
		t->host->used_ms += date_now_ms() - t->started;
		if (t->res.status == FETCH_NETWORK)
			t->host->failures++;
		transfer_detach(f, t);
		tlist_append(&f->done, t);
	}
}

static void
fetch_deliver(struct fetch *f)
{
	struct transfer *t;

	f->delivering++;
	while ((t = f->done.head) != NULL) {
		tlist_remove(&f->done, t);
		t->res.url = t->url;
		f->done_fn(f, &t->res, f->arg);
		transfer_free(f, t);
	}
	f->delivering--;
}

/* ---- public -------------------------------------------------------- */

static int global_done;

int
fetch_global_init(struct err *e)
{
	CURLcode rc;

	char msg[256];

	if (global_done)
		return 0;
	if (curl_lazy_load(msg, sizeof msg) < 0)
		return err_set(e, "%s", msg);
	rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK)
		return err_set(e, "libcurl: %s", curl_easy_strerror(rc));
	global_done = 1;
	return 0;
}

void
fetch_global_cleanup(void)
{
	if (global_done)
		curl_global_cleanup();
	global_done = 0;
}

void
fetch_opts_init(struct fetch_opts *o)
{
	o->max_parallel = FETCH_DEFAULT_PARALLEL;
	o->max_per_host = FETCH_DEFAULT_PER_HOST;
	o->connect_timeout_ms = FETCH_DEFAULT_CONNECT_MS;
	o->timeout_ms = FETCH_DEFAULT_TIMEOUT_MS;
	o->low_speed_limit = FETCH_DEFAULT_LOW_SPEED;
	o->low_speed_time = FETCH_DEFAULT_LOW_SPEED_S;
	o->max_size = FETCH_DEFAULT_MAX_SIZE;
	o->max_redirects = FETCH_DEFAULT_REDIRECTS;
	o->user_agent = NULL;
	o->host_budget_ms = 0;
	o->host_max_failures = 0;
	memset(&o->net, 0, sizeof o->net);
}

struct fetch *
fetch_new(const struct fetch_opts *o, fetch_done_fn *done, void *arg)
{
	struct fetch_opts def;
	struct fetch *f;

	fetch_opts_init(&def);
	f = xcalloc(1, sizeof *f);
	f->o = o != NULL ? *o : def;
	if (f->o.max_parallel <= 0)
		f->o.max_parallel = def.max_parallel;
	if (f->o.max_per_host <= 0)
		f->o.max_per_host = def.max_per_host;
	if (f->o.max_per_host > f->o.max_parallel)
		f->o.max_per_host = f->o.max_parallel;
	if (f->o.connect_timeout_ms <= 0)
		f->o.connect_timeout_ms = def.connect_timeout_ms;
	if (f->o.timeout_ms <= 0)
		f->o.timeout_ms = def.timeout_ms;
	if (f->o.low_speed_limit <= 0)
		f->o.low_speed_limit = def.low_speed_limit;
	if (f->o.low_speed_time <= 0)
		f->o.low_speed_time = def.low_speed_time;
	if (f->o.max_size == 0 || f->o.max_size > BUF_NOLIMIT)
		f->o.max_size = def.max_size;
	if (f->o.max_redirects < 0)
		f->o.max_redirects = -1;
	f->ua = xstrdup(f->o.user_agent != NULL ? f->o.user_agent :
	    PACKAGE_NAME "/" PACKAGE_VERSION);
	f->o.user_agent = f->ua;
	{
		const char **net[] = { &f->o.net.cookie_file, &f->o.net.proxy,
			&f->o.net.proxy_auth, &f->o.net.proxy_type,
			&f->o.net.proxy_auth_method, &f->o.net.http_auth_method };
		size_t i;

		for (i = 0; i < sizeof net / sizeof net[0]; i++)
			if (*net[i] != NULL)
				*net[i] = f->net_copies[i] = xstrdup(*net[i]);
	}
	f->done_fn = done;
	f->arg = arg;
	f->deadline = -1;

	f->multi = curl_multi_init();
	if (f->multi == NULL) {
		fputs("tidings: out of memory (curl_multi_init)\n", stderr);
		abort();
	}
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->o.max_per_host);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->o.max_parallel);
	return f;
}

void
fetch_free(struct fetch *f)
{
	struct host *h, *next;
	size_t i;

	if (f == NULL)
		return;
	fetch_cancel_all(f);
	curl_multi_cleanup(f->multi);
	for (h = f->hosts; h != NULL; h = next) {
		next = h->next;
		free(h);
	}
	free(f->socks);
	free(f->scratch);
	free(f->ua);
	for (i = 0; i < sizeof f->net_copies / sizeof f->net_copies[0]; i++)
		free(f->net_copies[i]);
	free(f);
}

static int
fetch_add_t(struct fetch *f, const struct fetch_request *req, const struct fetch_send *s)
{
	struct transfer *t;
	char *key = NULL;
	size_t i;

	if (f->cancelling)
		return -1;
	t = xcalloc(1, sizeof *t);
	t->url = xstrdup(req->url != NULL ? req->url : "");
	t->req_etag = req->etag != NULL ? xstrdup(req->etag) : NULL;
	t->req_lastmod = req->last_modified != NULL ?
	    xstrdup(req->last_modified) : NULL;
	t->flags = req->flags;
	t->res.user = req->user;
	t->res.retry_after = -1;
	buf_init(&t->res.body, f->o.max_size);
	if (s != NULL) {
		t->send_method = xstrdup(s->method != NULL ? s->method : "POST");
		t->send_body = xmalloc(s->len + 1);
		if (s->len > 0)
			memcpy(t->send_body, s->body, s->len);
		t->send_len = s->len;
		transfer_send_header(t, "Content-Type", s->content_type);
		/* no "Expect: 100-continue" wait before a body */
		transfer_send_header(t, "Expect", "");
		for (i = 0; i < s->nheaders; i++)
			transfer_send_header(t, NULL, s->headers[i]);
	}
	if (transfer_check_url(t, &key) < 0) {
		t->res.status = FETCH_BAD_URL;
		tlist_append(&f->done, t);
		return 0;
	}
	t->host = host_get(f, key);
	free(key);
	tlist_append(&f->queued, t);
	fetch_schedule(f);
	return 0;
}

int
fetch_add(struct fetch *f, const struct fetch_request *req)
{
	return fetch_add_t(f, req, NULL);
}

int
fetch_add_send(struct fetch *f, const struct fetch_request *req, const struct fetch_send *s)
{
	return fetch_add_t(f, req, s);
}

size_t
fetch_pending(const struct fetch *f)
{
	return f->queued.n + f->running.n + f->done.n;
}

size_t
fetch_fds(struct fetch *f, struct pollfd *fds, size_t max, int *timeout_ms)
{
	long long wait;
	size_t i;
	int tmo;

	for (i = 0; i < f->nsocks && i < max; i++) {
		fds[i].fd = f->socks[i].fd;
		fds[i].events = f->socks[i].events;
		fds[i].revents = 0;
	}
	if (f->done.n > 0) {
		tmo = 0;
	} else if (f->deadline < 0) {
		tmo = -1;
	} else {
		wait = f->deadline - date_now_ms();
		tmo = wait <= 0 ? 0 : wait > INT_MAX ? INT_MAX : (int)wait;
	}
	if (f->nsocks > max && (tmo < 0 || tmo > PARTIAL_POLL_MS))
		tmo = PARTIAL_POLL_MS;
	if (tmo < 0 && f->nsocks == 0 && f->running.n > 0)
		tmo = IDLE_POLL_MS;
	/* a host's budget runs out while its transfers run: look often
	 * enough to stop them close to it */
	if (f->o.host_budget_ms > 0 && f->running.n > 0 && (tmo < 0 || tmo > BUDGET_POLL_MS))
		tmo = BUDGET_POLL_MS;
	if (timeout_ms != NULL)
		*timeout_ms = tmo;
	return f->nsocks;
}

static int
csel_bits(short revents)
{
	int ev = 0;

	if (revents & (POLLIN | POLLHUP))
		ev |= CURL_CSELECT_IN;
	if (revents & POLLOUT)
		ev |= CURL_CSELECT_OUT;
	if (revents & (POLLERR | POLLNVAL))
		ev |= CURL_CSELECT_ERR;
	return ev;
}

size_t
fetch_step(struct fetch *f, const struct pollfd *fds, size_t nfds)
{
	size_t i, j, nscratch;
	int running;

	if (f->delivering)
		return fetch_pending(f);

	/* Our sockets the caller did not poll: let libcurl look at them
	 * itself (an event mask of 0 makes it check without waiting). */
	nscratch = 0;
	if (f->nsocks > f->capscratch) {
		f->capscratch = f->nsocks;
		f->scratch = xreallocarray(f->scratch, f->capscratch,
		    sizeof *f->scratch);
	}
	for (i = 0; i < f->nsocks; i++) {
		for (j = 0; j < nfds; j++)
			if (fds[j].fd == f->socks[i].fd)
				break;
		if (j == nfds)
			f->scratch[nscratch++] = f->socks[i].fd;
	}

	for (j = 0; j < nfds; j++) {
		if (fds[j].revents == 0 || sock_find(f, fds[j].fd) == NULL)
			continue;
		curl_multi_socket_action(f->multi, fds[j].fd,
		    csel_bits(fds[j].revents), &running);
	}
	for (i = 0; i < nscratch; i++)
		if (sock_find(f, f->scratch[i]) != NULL)
			curl_multi_socket_action(f->multi, f->scratch[i], 0,
			    &running);
	if (f->deadline >= 0 && date_now_ms() >= f->deadline) {
		/* libcurl's timer is one-shot: it sets a new one if needed. */
		f->deadline = -1;
		curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0,
		    &running);
	}
	fetch_collect(f);
	fetch_budget(f);
	fetch_schedule(f);
	fetch_deliver(f);
	return fetch_pending(f);
}

int
fetch_run(struct fetch *f, struct err *e)
{
	struct pollfd *fds = NULL;
	size_t cap = 0, n;
	int tmo, rc = 0;

	if (f->delivering)
		return err_set(e, "fetch_run called from a fetch callback");
	while (fetch_pending(f) > 0) {
		n = fetch_fds(f, fds, cap, &tmo);
		if (n > cap) {
			cap = n + 16;
			fds = xreallocarray(fds, cap, sizeof *fds);
			continue;
		}
		if (poll(fds, (nfds_t)n, tmo) < 0) {
			if (errno == EINTR)
				continue;
			rc = err_set(e, "poll: %s", strerror(errno));
			break;
		}
		fetch_step(f, fds, n);
	}
	free(fds);
	return rc;
}

void
fetch_cancel_all(struct fetch *f)
{
	struct transfer *t;

	f->cancelling = 1;
	while ((t = f->running.head) != NULL) {
		transfer_detach(f, t);
		t->res.status = FETCH_CANCELLED;
		transfer_error(t, "cancelled");
		tlist_append(&f->done, t);
	}
	while ((t = f->queued.head) != NULL) {
		tlist_remove(&f->queued, t);
		t->res.status = FETCH_CANCELLED;
		transfer_error(t, "cancelled");
		tlist_append(&f->done, t);
	}
	fetch_deliver(f);
	f->cancelling = 0;
}
