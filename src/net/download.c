/*
 * download: files to disk on libcurl's multi interface (download.h).
 */
#include "config.h"

#include <curl/curl.h>

#include "net/curl_lazy.h"
#include "net/download.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

#define DOWNLOAD_DEFAULT_MAX ((long long)8 << 30)
#define DOWNLOAD_DEFAULT_FREE ((long long)64 << 20)
#define DOWNLOAD_CHECK_EVERY ((long long)1 << 20)
#define DOWNLOAD_PROGRESS_EVERY ((long long)256 << 10)

struct dl {
	struct dl *next;
	struct download *d;
	char *url, *path, *part;
	void *user;
	CURL *h;
	int fd;
	long long start;	/* bytes in the part when this attempt began */
	long long have;		/* bytes in the part now */
	long long total;	/* the whole file, -1 when unknown */
	long long checked;	/* have at the last free-space check */
	long long reported;	/* have at the last progress call */
	int attempts;
	int body;		/* this attempt's body has begun */
	int failed;		/* a callback stopped it: status says why */
	enum download_status status;
	struct err err;
	char errbuf[CURL_ERROR_SIZE];
};

struct download {
	struct download_opts o;
	char *ua;
	download_done_fn *done;
	download_progress_fn *progress;
	void *arg;
	CURLM *m;
	struct dl *queue, *tail;	/* not started yet */
	struct dl *running;
	int nrunning;
	struct pollfd *fds;
	size_t nfds, capfds;
	long long deadline_ms;		/* libcurl's timer, -1: none */
};

static long long
download_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
download_socket_cb(CURL *h, curl_socket_t s, int what, void *userp, void *socketp)
{
	struct download *d = userp;
	size_t i;

	(void)h;
	(void)socketp;
	for (i = 0; i < d->nfds && d->fds[i].fd != s; i++)
		;
	if (what == CURL_POLL_REMOVE) {
		if (i < d->nfds)
			d->fds[i] = d->fds[--d->nfds];
		return 0;
	}
	if (i == d->nfds) {
		d->fds = xgrow(d->fds, d->nfds, &d->capfds, 8, sizeof *d->fds);
		d->nfds++;
	}
	d->fds[i].fd = s;
	d->fds[i].events = (short)((what & CURL_POLL_IN ? POLLIN : 0) |
	    (what & CURL_POLL_OUT ? POLLOUT : 0));
	d->fds[i].revents = 0;
	return 0;
}

static int
download_timer_cb(CURLM *m, long timeout_ms, void *userp)
{
	struct download *d = userp;

	(void)m;
	d->deadline_ms = timeout_ms < 0 ? -1 : download_now_ms() + timeout_ms;
	return 0;
}

struct download *
download_new(const struct download_opts *o, download_done_fn *done,
    download_progress_fn *progress, void *arg)
{
	struct download *d = xcalloc(1, sizeof *d);

	if (o != NULL)
		d->o = *o;
	if (d->o.max_parallel < 1)
		d->o.max_parallel = 1;
	if (d->o.retries < 0)
		d->o.retries = 0;
	if (d->o.max_size <= 0)
		d->o.max_size = DOWNLOAD_DEFAULT_MAX;
	if (d->o.min_free <= 0)
		d->o.min_free = DOWNLOAD_DEFAULT_FREE;
	if (d->o.connect_timeout_ms <= 0)
		d->o.connect_timeout_ms = 15000;
	if (d->o.low_speed_time <= 0)
		d->o.low_speed_time = 60;
	d->ua = xstrdup(d->o.user_agent != NULL ? d->o.user_agent :
	    PACKAGE_NAME "/" PACKAGE_VERSION);
	d->o.user_agent = d->ua;
	d->done = done;
	d->progress = progress;
	d->arg = arg;
	d->deadline_ms = -1;
	d->m = curl_multi_init();
	if (d->m == NULL) {
		fputs("tidings: out of memory (curl_multi_init)\n", stderr);
		abort();
	}
	curl_multi_setopt(d->m, CURLMOPT_SOCKETFUNCTION, download_socket_cb);
	curl_multi_setopt(d->m, CURLMOPT_SOCKETDATA, d);
	curl_multi_setopt(d->m, CURLMOPT_TIMERFUNCTION, download_timer_cb);
	curl_multi_setopt(d->m, CURLMOPT_TIMERDATA, d);
	return d;
}

static void
download_dl_free(struct dl *x)
{
	if (x->h != NULL) {
		curl_multi_remove_handle(x->d->m, x->h);
		curl_easy_cleanup(x->h);
	}
	if (x->fd >= 0)
		close(x->fd);
	free(x->url);
	free(x->path);
	free(x->part);
	free(x);
}

void
download_free(struct download *d)
{
	struct dl *x, *next;

	if (d == NULL)
		return;
	for (x = d->running; x != NULL; x = next) {
		next = x->next;
		download_dl_free(x);
	}
	for (x = d->queue; x != NULL; x = next) {
		next = x->next;
		download_dl_free(x);
	}
	curl_multi_cleanup(d->m);
	free(d->fds);
	free(d->ua);
	free(d);
}

void
download_add(struct download *d, const char *url, const char *path, void *user)
{
	struct dl *x = xcalloc(1, sizeof *x);

	x->d = d;
	x->url = xstrdup(url);
	x->path = xstrdup(path);
	x->part = xasprintf("%s.part", path);
	x->user = user;
	x->fd = -1;
	x->total = -1;
	if (d->tail != NULL)
		d->tail->next = x;
	else
		d->queue = x;
	d->tail = x;
}

/* Stop x from inside a callback: file (the part) could not be written. */
static size_t
download_stop(struct dl *x, enum download_status st, const char *file)
{
	x->failed = 1;
	x->status = st;
	err_set(&x->err, "%s: %s", file, strerror(errno));
	return 0;
}

/* Is there room for need more bytes, keeping min_free? */
static int
download_room(const struct dl *x, long long need)
{
	struct statvfs sv;
	long long avail;

	if (fstatvfs(x->fd, &sv) < 0)
		return 1;	/* cannot tell: the writes will say */
	avail = (long long)sv.f_bavail * (long long)sv.f_frsize;
	return avail - (need > 0 ? need : 0) >= x->d->o.min_free;
}

static void
download_report(struct dl *x)
{
	if (x->d->progress != NULL)
		x->d->progress(x->user, x->have, x->total, x->d->arg);
	x->reported = x->have;
}

/* The first bytes of a body: which response it is and whether it fits. */
static int
download_body_begins(struct dl *x)
{
	long code = 0;
	curl_off_t cl = -1;

	x->body = 1;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 300) {
		x->failed = 1;
		x->status = DOWNLOAD_HTTP_ERROR;
		err_set(&x->err, "%s: HTTP %ld", x->url, code);
		return -1;
	}
	if (x->start > 0 && code != 206) {
		/* the server ignored Range: the whole file comes again */
		if (ftruncate(x->fd, 0) < 0 || lseek(x->fd, 0, SEEK_SET) < 0) {
			download_stop(x, DOWNLOAD_FILE_ERROR, x->part);
			return -1;
		}
		x->start = x->have = 0;
	}
	curl_easy_getinfo(x->h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
	x->total = cl >= 0 ? x->start + (long long)cl : -1;
	if (x->total > x->d->o.max_size) {
		x->failed = 1;
		x->status = DOWNLOAD_TOO_BIG;
		err_set(&x->err, "%s: %lld bytes, over the limit of %lld", x->url, x->total,
		    x->d->o.max_size);
		return -1;
	}
	if (!download_room(x, x->total > 0 ? x->total - x->have : 0)) {
		x->failed = 1;
		x->status = DOWNLOAD_NO_SPACE;
		err_set(&x->err, "%s: not enough free space for %s", x->part, x->url);
		return -1;
	}
	return 0;
}

static size_t
download_write_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
	struct dl *x = userp;
	size_t n = size * nmemb, off = 0;
	ssize_t w;

	if (!x->body && download_body_begins(x) < 0)
		return 0;
	if (x->have + (long long)n > x->d->o.max_size) {
		x->failed = 1;
		x->status = DOWNLOAD_TOO_BIG;
		err_set(&x->err, "%s: over the limit of %lld bytes", x->url, x->d->o.max_size);
		return 0;
	}
	if (x->have - x->checked >= DOWNLOAD_CHECK_EVERY) {
		x->checked = x->have;
		if (!download_room(x, (long long)n)) {
			x->failed = 1;
			x->status = DOWNLOAD_NO_SPACE;
			err_set(&x->err, "%s: not enough free space for %s", x->part, x->url);
			return 0;
		}
	}
	while (off < n) {
		w = write(x->fd, ptr + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return download_stop(x, errno == ENOSPC || errno == EFBIG ||
			    errno == EDQUOT ? DOWNLOAD_NO_SPACE : DOWNLOAD_FILE_ERROR, x->part);
		}
		off += (size_t)w;
		x->have += w;
	}
	if (x->have - x->reported >= DOWNLOAD_PROGRESS_EVERY)
		download_report(x);
	return n;
}

/*
 * The read buffer under a speed limit.  libcurl 7.88 checks the limit
 * only between calls of curl_multi_socket_action; inside one call it
 * reads the socket again and again (up to 101 reads of CURLOPT_BUFFERSIZE)
 * while the socket stays readable.  From a fast server the whole file
 * waits in the socket buffer, so one call took a 512 KB file at once
 * whatever the limit (the curl tool 7.88 does the same: --limit-rate 128K
 * fetches it from loopback in 0.1 s).  A buffer of 1/128 of a second's
 * allowance bounds one call's reads to under a second's worth, and
 * libcurl then waits (its timer, no socket watched) until the bytes so far
 * fit the limit: each burst is paid for before the next, so a download
 * takes at least (size - its last burst) / limit.  1024 is libcurl's
 * smallest buffer, so under 128 KB/s a burst may be up to ~100 KB; 16 KiB
 * its default.
 */
static long
download_buffer_size(long long max_speed)
{
	long long b = max_speed / 128;

	return b < 1024 ? 1024L : b > 16384 ? 16384L : (long)b;
}

/* Begin (or resume) x: open its part and hand it to libcurl.  -1: ended. */
static int
download_begin(struct download *d, struct dl *x)
{
	struct stat st;
	CURL *h;

	x->attempts++;
	x->body = 0;
	x->failed = 0;
	x->errbuf[0] = '\0';
	if (strncmp(x->url, "http://", 7) != 0 && strncmp(x->url, "https://", 8) != 0) {
		x->status = DOWNLOAD_BAD_URL;
		err_set(&x->err, "%s: not an http(s) URL", x->url);
		return -1;
	}
	if (x->fd < 0) {
		x->fd = open(x->part, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (x->fd < 0 || fstat(x->fd, &st) < 0) {
			x->status = DOWNLOAD_FILE_ERROR;
			err_set(&x->err, "%s: %s", x->part, strerror(errno));
			return -1;
		}
		x->have = (long long)st.st_size;
	}
	x->start = x->checked = x->reported = x->have;
	if ((h = x->h = curl_easy_init()) == NULL) {
		fputs("tidings: out of memory (curl_easy_init)\n", stderr);
		abort();
	}
	curl_easy_setopt(h, CURLOPT_URL, x->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)x);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, download_write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, (void *)x);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
#if CURL_LAZY_PROTOCOLS_STR
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(h, CURLOPT_USERAGENT, d->ua);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, d->o.connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, d->o.low_speed_time);
	curl_easy_setopt(h, CURLOPT_FAILONERROR, 0L);
	if (d->o.max_speed > 0) {
		curl_easy_setopt(h, CURLOPT_MAX_RECV_SPEED_LARGE, (curl_off_t)d->o.max_speed);
		curl_easy_setopt(h, CURLOPT_BUFFERSIZE, download_buffer_size(d->o.max_speed));
	}
	if (x->start > 0)
		curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)x->start);
	if (curl_multi_add_handle(d->m, h) != CURLM_OK) {
		x->status = DOWNLOAD_NETWORK;
		err_set(&x->err, "%s: libcurl refused the transfer", x->url);
		return -1;
	}
	x->next = d->running;
	d->running = x;
	d->nrunning++;
	return 0;
}

static void
download_unlink_running(struct download *d, struct dl *x)
{
	struct dl **pp;

	for (pp = &d->running; *pp != NULL; pp = &(*pp)->next)
		if (*pp == x) {
			*pp = x->next;
			d->nrunning--;
			break;
		}
	x->next = NULL;
}

/* x has ended (ok or not): tell the caller, free it. */
static void
download_end(struct download *d, struct dl *x)
{
	struct download_result r;
	struct stat st;

	memset(&r, 0, sizeof r);
	r.user = x->user;
	r.status = x->status;
	r.err = x->err;
	r.bytes = x->have;
	if (x->h != NULL)
		curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &r.http_code);
	if (x->fd >= 0) {
		if (x->status == DOWNLOAD_OK && fsync(x->fd) < 0) {
			r.status = DOWNLOAD_FILE_ERROR;
			err_set(&r.err, "%s: %s", x->part, strerror(errno));
		}
		close(x->fd);
		x->fd = -1;
	}
	if (r.status == DOWNLOAD_OK && rename(x->part, x->path) < 0) {
		r.status = DOWNLOAD_FILE_ERROR;
		err_set(&r.err, "%s: %s", x->path, strerror(errno));
	}
	/* an error page leaves no empty part behind to look resumable */
	if (r.status == DOWNLOAD_HTTP_ERROR && stat(x->part, &st) == 0 && st.st_size == 0)
		unlink(x->part);
	if (r.status == DOWNLOAD_OK)
		download_report(x);
	d->done(&r, d->arg);
	download_dl_free(x);
}

/* libcurl says x is over with rc. */
static void
download_finished(struct download *d, struct dl *x, CURLcode rc)
{
	long code = 0;

	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	download_unlink_running(d, x);
	curl_multi_remove_handle(d->m, x->h);
	if (!x->failed && rc == CURLE_RANGE_ERROR && x->start > 0) {
		/* the server ignores Range and libcurl will not resume: the
		 * part goes and the whole file comes again (not a retry) */
		if (ftruncate(x->fd, 0) == 0) {
			x->have = 0;
			x->attempts--;
			curl_easy_cleanup(x->h);
			x->h = NULL;
			if (download_begin(d, x) == 0)
				return;
			download_end(d, x);
			return;
		}
		x->failed = 1;
		x->status = DOWNLOAD_FILE_ERROR;
		err_set(&x->err, "%s: %s", x->part, strerror(errno));
	}
	if (x->failed) {
		/* a callback said why */
	} else if (rc == CURLE_OK && code == 416 && x->start > 0) {
		x->status = DOWNLOAD_OK;	/* the part is all there is */
	} else if (rc == CURLE_OK && code >= 300) {
		x->status = DOWNLOAD_HTTP_ERROR;
		err_set(&x->err, "%s: HTTP %ld", x->url, code);
	} else if (rc == CURLE_OK && x->total >= 0 && x->have < x->total) {
		x->status = DOWNLOAD_NETWORK;
		err_set(&x->err, "%s: %lld of %lld bytes", x->url, x->have, x->total);
	} else if (rc == CURLE_OK) {
		x->status = DOWNLOAD_OK;
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT) {
		x->status = DOWNLOAD_BAD_URL;
		err_set(&x->err, "%s: %s", x->url, x->errbuf[0] ? x->errbuf :
		    curl_easy_strerror(rc));
	} else {
		x->status = DOWNLOAD_NETWORK;
		err_set(&x->err, "%s: %s", x->url, x->errbuf[0] ? x->errbuf :
		    curl_easy_strerror(rc));
	}
	if (x->status == DOWNLOAD_NETWORK && x->attempts <= d->o.retries) {
		/* again, from what arrived */
		curl_easy_cleanup(x->h);
		x->h = NULL;
		if (download_begin(d, x) == 0)
			return;
	}
	download_end(d, x);
}

void
download_set_max(struct download *d, int n)
{
	d->o.max_parallel = n < 1 ? 1 : n;
}

static void
download_start_more(struct download *d)
{
	struct dl *x;

	while (d->nrunning < d->o.max_parallel && d->queue != NULL) {
		x = d->queue;
		d->queue = x->next;
		if (d->queue == NULL)
			d->tail = NULL;
		x->next = NULL;
		if (download_begin(d, x) < 0)
			download_end(d, x);
	}
}

int
download_cancel(struct download *d, void *user)
{
	struct dl **pp, *x, *t;

	for (pp = &d->queue; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->user == user) {
			x = *pp;
			*pp = x->next;
			x->next = NULL;
			d->tail = NULL;
			for (t = d->queue; t != NULL; t = t->next)
				d->tail = t;
			x->status = DOWNLOAD_CANCELLED;
			err_set(&x->err, "%s: cancelled", x->url);
			download_end(d, x);
			return 1;
		}
	for (x = d->running; x != NULL; x = x->next)
		if (x->user == user) {
			download_unlink_running(d, x);
			curl_multi_remove_handle(d->m, x->h);
			x->status = DOWNLOAD_CANCELLED;
			err_set(&x->err, "%s: cancelled", x->url);
			download_end(d, x);
			return 1;
		}
	return 0;
}

size_t
download_pending(const struct download *d)
{
	const struct dl *x;
	size_t n = (size_t)d->nrunning;

	for (x = d->queue; x != NULL; x = x->next)
		n++;
	return n;
}

size_t
download_active(const struct download *d)
{
	return (size_t)d->nrunning;
}

int
download_is_active(const struct download *d, const void *user)
{
	const struct dl *x;

	for (x = d->running; x != NULL; x = x->next)
		if (x->user == user)
			return 1;
	return 0;
}

size_t
download_fds(struct download *d, struct pollfd *fds, size_t max, int *timeout_ms)
{
	long long now;
	int wait;
	size_t n;

	download_start_more(d);
	now = download_now_ms();
	wait = d->deadline_ms < 0 ? 1000 : d->deadline_ms <= now ? 0 :
	    d->deadline_ms - now > 1000 ? 1000 : (int)(d->deadline_ms - now);
	if (*timeout_ms < 0 || wait < *timeout_ms)
		*timeout_ms = wait;
	n = d->nfds < max ? d->nfds : max;
	if (n > 0)
		memcpy(fds, d->fds, n * sizeof *fds);
	return n;
}

size_t
download_step(struct download *d, const struct pollfd *fds, size_t nfds)
{
	CURLMsg *msg;
	int running = 0, left;
	size_t i;

	for (i = 0; i < nfds; i++) {
		int ev = 0;

		if (fds[i].revents == 0)
			continue;
		if (fds[i].revents & POLLIN)
			ev |= CURL_CSELECT_IN;
		if (fds[i].revents & POLLOUT)
			ev |= CURL_CSELECT_OUT;
		if (fds[i].revents & (POLLERR | POLLHUP | POLLNVAL))
			ev |= CURL_CSELECT_ERR;
		curl_multi_socket_action(d->m, fds[i].fd, ev, &running);
	}
	if (d->deadline_ms >= 0 && download_now_ms() >= d->deadline_ms) {
		d->deadline_ms = -1;
		curl_multi_socket_action(d->m, CURL_SOCKET_TIMEOUT, 0, &running);
	}
	while ((msg = curl_multi_info_read(d->m, &left)) != NULL) {
		struct dl *x = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		download_finished(d, x, msg->data.result);
	}
	download_start_more(d);
	return download_pending(d);
}

int
download_run(struct download *d, struct err *e)
{
	struct pollfd *fds = NULL;
	size_t nfds, cap = 0;
	int wait, n;

	while (download_pending(d) > 0) {
		if (d->nfds + 1 > cap) {
			cap = d->nfds + 8;
			fds = xreallocarray(fds, cap, sizeof *fds);
		}
		wait = -1;
		nfds = download_fds(d, fds, cap, &wait);
		n = poll(fds, nfds, wait);
		if (n < 0 && errno != EINTR) {
			free(fds);
			return err_set(e, "downloads: poll: %s", strerror(errno));
		}
		if (n <= 0)
			nfds = 0;
		(void)download_step(d, fds, nfds);
	}
	free(fds);
	return 0;
}
