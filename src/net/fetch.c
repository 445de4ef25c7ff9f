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

#include "net/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "net/curl_lazy.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

#define HEADER_VALUE_MAX	2048
#define CHARSET_MAX		64
#define RETRY_AFTER_MAX		(7L * 24 * 3600)
/* Without every socket in the caller's poll set, wake at least this often. */
#define PARTIAL_POLL_MS		50
/* A running transfer with neither socket nor timer should not happen;
 * never wait forever on it. */
#define IDLE_POLL_MS		100
/* With a per-host time budget, check the running transfers this often. */
#define BUDGET_POLL_MS		250

struct host {
	struct host *next;
	int running;
	long long used_ms;	/* by its finished transfers */
	int failures;		/* FETCH_NETWORK results */
	int over;		/* out of budget: the rest is FETCH_SKIPPED */
	char name[];
};

struct transfer {
	struct transfer *prev, *next;
	CURL *easy;
	struct curl_slist *headers;
	struct host *host;
	char *url;
	char *req_etag;
	char *req_lastmod;
	unsigned flags;
	int too_big;
	long long started;	/* monotonic ms, while running */
	/* Headers of the latest response seen (redirects reset them). */
	char *h_etag;
	char *h_lastmod;
	char *h_ctype;
	char *h_retry;
	char *h_location;
	char errbuf[CURL_ERROR_SIZE];
	struct fetch_result res;
};

struct tlist {
	struct transfer *head, *tail;
	size_t n;
};

struct sock {
	curl_socket_t fd;
	short events;
};

struct fetch {
	CURLM *multi;
	struct fetch_opts o;
	char *ua;
	fetch_done_fn *done_fn;
	void *arg;
	struct tlist queued, running, done;
	struct host *hosts;
	struct sock *socks;
	size_t nsocks, capsocks;
	curl_socket_t *scratch;
	size_t capscratch;
	long long deadline;	/* monotonic ms, -1 when curl set no timer */
	int cancelling;
	int delivering;
};

static const char *const status_names[] = {
	[FETCH_OK] = "ok",
	[FETCH_NOT_MODIFIED] = "not-modified",
	[FETCH_HTTP_ERROR] = "http-error",
	[FETCH_NETWORK] = "network",
	[FETCH_TOO_BIG] = "too-big",
	[FETCH_BAD_URL] = "bad-url",
	[FETCH_CANCELLED] = "cancelled",
	[FETCH_SKIPPED] = "skipped",
};

/* ---- small helpers ------------------------------------------------- */

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* True when s holds a byte that must not go into a request header. */
static int
has_ctl(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 1;
	}
	return 0;
}

char *
fetch_url_redact(const char *url)
{
	return url_display(url);
}

const char *
fetch_status_name(enum fetch_status s)
{
	if ((unsigned)s >= sizeof status_names / sizeof status_names[0])
		return "unknown";
	return status_names[s];
}

/*
 * The one-line message of a failed transfer: "URL: detail", the URL and
 * the detail both without credentials, control characters made visible.
 */
static void
transfer_error(struct transfer *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
transfer_error(struct transfer *t, const char *fmt, ...)
{
	char detail[ERR_MSG_MAX];
	char *url, *p;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof detail)
		memcpy(detail + sizeof detail - 4, "...", 4);
	url = fetch_url_redact(t->url);
	err_set(&t->res.err, "%s: %s", url, detail);
	free(url);
	url_redact(t->res.err.msg);
	for (p = t->res.err.msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

/* ---- lists --------------------------------------------------------- */

static void
tlist_append(struct tlist *l, struct transfer *t)
{
	t->next = NULL;
	t->prev = l->tail;
	if (l->tail != NULL)
		l->tail->next = t;
	else
		l->head = t;
	l->tail = t;
	l->n++;
}

static void
tlist_remove(struct tlist *l, struct transfer *t)
{
	if (t->prev != NULL)
		t->prev->next = t->next;
	else
		l->head = t->next;
	if (t->next != NULL)
		t->next->prev = t->prev;
	else
		l->tail = t->prev;
	t->prev = t->next = NULL;
	l->n--;
}

static struct host *
host_get(struct fetch *f, const char *name)
{
	struct host *h;
	size_t n;

	for (h = f->hosts; h != NULL; h = h->next)
		if (strcmp(h->name, name) == 0)
			return h;
	n = strlen(name);
	h = xmalloc(sizeof *h + n + 1);
	memcpy(h->name, name, n + 1);
	h->running = 0;
	h->used_ms = 0;
	h->failures = 0;
	h->over = 0;
	h->next = f->hosts;
	f->hosts = h;
	return h;
}

/* ---- libcurl callbacks --------------------------------------------- */

static size_t
write_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	struct transfer *t = ud;
	size_t n = size * nmemb;

	/* The cap counts decoded bytes: returning short aborts the transfer
	 * (CURLE_WRITE_ERROR), which is how a gzip bomb stops. */
	if (buf_add(&t->res.body, p, n) < 0) {
		t->too_big = 1;
		return 0;
	}
	return n;
}

static void
header_set(char **slot, const char *v, size_t n)
{
	free(*slot);
	*slot = xstrndup(v, n);
}

static size_t
header_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	static const struct {
		const char *name;
		size_t off;
	} wanted[] = {
		{ "etag", offsetof(struct transfer, h_etag) },
		{ "last-modified", offsetof(struct transfer, h_lastmod) },
		{ "content-type", offsetof(struct transfer, h_ctype) },
		{ "retry-after", offsetof(struct transfer, h_retry) },
		{ "location", offsetof(struct transfer, h_location) },
	};
	struct transfer *t = ud;
	size_t n = size * nmemb, i, namelen;
	const char *colon, *v, *end;

	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		/* A new response (after a redirect or a 1xx): forget the
		 * previous one's headers. */
		for (i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
			char **slot = (char **)((char *)t + wanted[i].off);

			free(*slot);
			*slot = NULL;
		}
		return n;
	}
	colon = memchr(p, ':', n);
	if (colon == NULL)
		return n;
	namelen = (size_t)(colon - p);
	v = colon + 1;
	end = p + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
	    end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if ((size_t)(end - v) > HEADER_VALUE_MAX || has_ctl(v, (size_t)(end - v)))
		return n;
	for (i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
		if (strlen(wanted[i].name) == namelen &&
		    strncasecmp(p, wanted[i].name, namelen) == 0) {
			header_set((char **)((char *)t + wanted[i].off), v,
			    (size_t)(end - v));
			break;
		}
	}
	return n;
}

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
		if (f->nsocks == f->capsocks) {
			f->capsocks = f->capsocks ? f->capsocks * 2 : 16;
			f->socks = xreallocarray(f->socks, f->capsocks,
			    sizeof *f->socks);
		}
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

	f->deadline = ms < 0 ? -1 : now_ms() + ms;
	return 0;
}

/* ---- results ------------------------------------------------------- */

/* The charset parameter of a Content-Type value, lowercased, or NULL. */
static char *
parse_charset(const char *ctype)
{
	const char *p = ctype, *v;
	char out[CHARSET_MAX + 1];
	size_t n;

	while ((p = strchr(p, ';')) != NULL) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		v = p + 7;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v++ != '=')
			continue;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v == '"')
			v++;
		for (n = 0; n < CHARSET_MAX && (text_isalnum((unsigned char)v[n]) ||
		    strchr("-_.:+", v[n]) != NULL) && v[n] != '\0'; n++)
			out[n] = (char)text_tolower((unsigned char)v[n]);
		if (n == 0)
			return NULL;
		out[n] = '\0';
		return xstrdup(out);
	}
	return NULL;
}

/* Seconds from a Retry-After value (delta-seconds or HTTP date), or -1. */
static long
parse_retry_after(const char *v)
{
	char *end;
	long n;
	time_t when;

	if (*v >= '0' && *v <= '9') {
		errno = 0;
		n = strtol(v, &end, 10);
		if (*end != '\0')
			return -1;
		if (errno == ERANGE || n > RETRY_AFTER_MAX)
			return RETRY_AFTER_MAX;
		return n;
	}
	when = curl_getdate(v, NULL);
	if (when == (time_t)-1)
		return -1;
	n = (long)(when - time(NULL));
	if (n < 0)
		return 0;
	return n > RETRY_AFTER_MAX ? RETRY_AFTER_MAX : n;
}

static void
describe_size(char *out, size_t size, size_t bytes)
{
	if (bytes % (1024 * 1024) == 0)
		snprintf(out, size, "%zu MiB", bytes >> 20);
	else
		snprintf(out, size, "%zu bytes", bytes);
}

/* Fill in t->res from the finished easy handle and libcurl's verdict. */
static void
transfer_classify(struct fetch *f, struct transfer *t, CURLcode rc)
{
	struct fetch_result *r = &t->res;
	const char *s = NULL;
	char size[64], detail[CURL_ERROR_SIZE];
	curl_off_t us = 0;
	size_t n;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r->http_code);
	if (curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK &&
	    s != NULL)
		r->effective_url = xstrdup(s);
	if (curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME_T, &us) == CURLE_OK)
		r->elapsed_ms = (long)(us / 1000);
	r->etag = t->h_etag;
	r->last_modified = t->h_lastmod;
	r->content_type = t->h_ctype;
	t->h_etag = t->h_lastmod = t->h_ctype = NULL;
	if (r->content_type != NULL)
		r->charset = parse_charset(r->content_type);
	if ((r->http_code == 429 || r->http_code == 503) && t->h_retry != NULL)
		r->retry_after = parse_retry_after(t->h_retry);

	if (t->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		r->status = FETCH_TOO_BIG;
		buf_release(&r->body);
		describe_size(size, sizeof size, f->o.max_size);
		transfer_error(t, "response larger than %s", size);
		return;
	}
	if (rc == CURLE_OK) {
		if (r->http_code == 0 || (r->http_code >= 200 && r->http_code < 300)) {
			r->status = FETCH_OK;
		} else if (r->http_code == 304) {
			r->status = FETCH_NOT_MODIFIED;
			buf_release(&r->body);
			if (r->etag == NULL && t->req_etag != NULL)
				r->etag = xstrdup(t->req_etag);
			if (r->last_modified == NULL && t->req_lastmod != NULL)
				r->last_modified = xstrdup(t->req_lastmod);
		} else {
			r->status = FETCH_HTTP_ERROR;
			transfer_error(t, "HTTP %ld", r->http_code);
		}
		return;
	}
	if ((rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT) &&
	    r->http_code >= 300 && r->http_code < 400 && t->h_location != NULL) {
		/* libcurl refused to follow: REDIR_PROTOCOLS said no. */
		char *loc = fetch_url_redact(t->h_location);

		r->status = FETCH_BAD_URL;
		buf_release(&r->body);
		transfer_error(t, "redirect to %s refused (only http and https)",
		    loc);
		free(loc);
		return;
	}
	r->status = FETCH_NETWORK;
	buf_release(&r->body);
	snprintf(detail, sizeof detail, "%s",
	    t->errbuf[0] != '\0' ? t->errbuf : curl_easy_strerror(rc));
	n = strlen(detail);
	while (n > 0 && (detail[n - 1] == '\n' || detail[n - 1] == ' ' ||
	    detail[n - 1] == '.'))
		detail[--n] = '\0';
	/* "Operation timed out" reads better mid-line as "operation ..." but
	 * "SSL ..." and "OpenSSL ..." must stay as they are. */
	if (text_isupper(detail[0])) {
		size_t w = strcspn(detail, " :/");
		size_t i;

		for (i = 1; i < w && !text_isupper(detail[i]); i++)
			;
		if (i == w && w > 1)
			detail[0] = (char)text_tolower((unsigned char)detail[0]);
	}
	if (rc == CURLE_UNSUPPORTED_PROTOCOL && strstr(detail, "HTTP/0.9") != NULL)
		transfer_error(t, "not an HTTP response");
	else
		transfer_error(t, "%s", detail);
}

/* ---- transfers ----------------------------------------------------- */

static void
transfer_free(struct fetch *f, struct transfer *t)
{
	if (t->easy != NULL) {
		curl_multi_remove_handle(f->multi, t->easy);
		curl_easy_cleanup(t->easy);
	}
	curl_slist_free_all(t->headers);
	free(t->url);
	free(t->req_etag);
	free(t->req_lastmod);
	free(t->h_etag);
	free(t->h_lastmod);
	free(t->h_ctype);
	free(t->h_retry);
	free(t->h_location);
	free(t->res.effective_url);
	free(t->res.etag);
	free(t->res.last_modified);
	free(t->res.content_type);
	free(t->res.charset);
	buf_release(&t->res.body);
	free(t);
}

/* Drop t's easy handle and give up its slot; t is on no list after this. */
static void
transfer_detach(struct fetch *f, struct transfer *t)
{
	tlist_remove(&f->running, t);
	t->host->running--;
	curl_multi_remove_handle(f->multi, t->easy);
	curl_easy_cleanup(t->easy);
	t->easy = NULL;
	curl_slist_free_all(t->headers);
	t->headers = NULL;
}

/*
 * Check url and work out the host it counts against.  Returns 0 and a host
 * key ("host:port", "file:") the caller frees, or -1 with the message set.
 */
static int
transfer_check_url(struct transfer *t, char **key)
{
	static const char *const allowed[] = { "http", "https", "file" };
	char scheme[16], *host = NULL, *port = NULL, *p;
	CURLU *u;
	size_t i, n;
	int ok = 0;

	n = strlen(t->url);
	if (n == 0)
		return transfer_error(t, "empty URL"), -1;
	if (n > FETCH_URL_MAX)
		return transfer_error(t, "URL longer than %d bytes", FETCH_URL_MAX), -1;
	for (i = 0; i < n; i++)
		if ((unsigned char)t->url[i] <= 0x20 || t->url[i] == 0x7f)
			return transfer_error(t, "malformed URL"), -1;
	for (i = 0; i < sizeof scheme - 1 && (text_isalnum((unsigned char)t->url[i]) ||
	    t->url[i] == '+' || t->url[i] == '-' || t->url[i] == '.'); i++)
		scheme[i] = (char)text_tolower((unsigned char)t->url[i]);
	scheme[i] = '\0';
	if (t->url[i] != ':' || i == 0)
		return transfer_error(t, "malformed URL (no scheme)"), -1;
	for (i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (strcmp(scheme, allowed[i]) == 0)
			ok = i < 2 || (t->flags & FETCH_ALLOW_FILE);
	if (!ok)
		return transfer_error(t, "URL scheme \"%s\" refused (only http%s)",
		    scheme, (t->flags & FETCH_ALLOW_FILE) ? ", https and file" :
		    " and https"), -1;

	u = curl_url();
	if (u == NULL)
		return transfer_error(t, "out of memory"), -1;
	if (curl_url_set(u, CURLUPART_URL, t->url, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return transfer_error(t, "malformed URL"), -1;
	}
	if (strcmp(scheme, "file") == 0) {
		char *path = NULL;
		struct stat sb;

		/* libcurl reads a file synchronously inside the multi loop: a
		 * FIFO, /dev/stdin or a terminal would block every transfer and
		 * the reader past any timeout, so only regular files are read */
		if (curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) != CURLUE_OK) {
			curl_url_cleanup(u);
			return transfer_error(t, "malformed URL"), -1;
		}
		if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
			curl_free(path);
			curl_url_cleanup(u);
			return transfer_error(t, "not a regular file"), -1;
		}
		curl_free(path);
		*key = xstrdup("file:");
	} else if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
		curl_free(host);
		curl_url_cleanup(u);
		return transfer_error(t, "malformed URL (no host)"), -1;
	} else {
		*key = xasprintf("%s:%s", host, port);
		for (p = *key; *p != '\0'; p++)
			*p = (char)text_tolower((unsigned char)*p);
	}
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return 0;
}

static int
transfer_add_header(struct transfer *t, const char *name, const char *value)
{
	struct curl_slist *l;
	char *line;

	/* A stored validator that could split the header is not sent. */
	if (value == NULL || strlen(value) > HEADER_VALUE_MAX ||
	    has_ctl(value, strlen(value)))
		return 0;
	line = xasprintf("%s: %s", name, value);
	l = curl_slist_append(t->headers, line);
	free(line);
	if (l == NULL)
		return -1;
	t->headers = l;
	return 0;
}

/*
 * rc of setting a limit (protocols, redirects, size): a libcurl that
 * refuses one (too old, or built without it) would fetch without it, so
 * the transfer is refused instead.
 */
static int
transfer_limit(struct transfer *t, CURLcode rc, const char *option)
{
	if (rc == CURLE_OK)
		return 0;
	transfer_error(t, "libcurl refused %s (%s); not fetched", option,
	    curl_easy_strerror(rc));
	return -1;
}
#define TRANSFER_LIMIT(t, e, opt, value) \
	transfer_limit((t), curl_easy_setopt((e), opt, value), #opt)

/* Create the easy handle and hand it to the multi handle, or fail t. */
static int
transfer_start(struct fetch *f, struct transfer *t)
{
	const struct fetch_opts *o = &f->o;
	CURL *e;

	e = t->easy = curl_easy_init();
	if (e == NULL)
		return transfer_error(t, "cannot create a transfer"), -1;
	if (transfer_add_header(t, "If-None-Match", t->req_etag) < 0 ||
	    transfer_add_header(t, "If-Modified-Since", t->req_lastmod) < 0)
		return transfer_error(t, "out of memory"), -1;

	curl_easy_setopt(e, CURLOPT_URL, t->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
#if CURL_LAZY_PROTOCOLS_STR
	if (TRANSFER_LIMIT(t, e, CURLOPT_PROTOCOLS_STR,
	    (t->flags & FETCH_ALLOW_FILE) ? "http,https,file" : "http,https") < 0 ||
	    TRANSFER_LIMIT(t, e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") < 0)
		return -1;
#else
	if (TRANSFER_LIMIT(t, e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP |
	    CURLPROTO_HTTPS | ((t->flags & FETCH_ALLOW_FILE) ? CURLPROTO_FILE : 0))) < 0 ||
	    TRANSFER_LIMIT(t, e, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS)) < 0)
		return -1;
#endif
	if (TRANSFER_LIMIT(t, e, CURLOPT_FOLLOWLOCATION,
	    o->max_redirects >= 0 ? 1L : 0L) < 0 ||
	    TRANSFER_LIMIT(t, e, CURLOPT_MAXREDIRS, (long)o->max_redirects) < 0)
		return -1;
	/* "" asks for every encoding this libcurl can decode. */
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	/* Preferences: an older or HTTP/2-less libcurl may refuse them. */
	(void)curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	(void)curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
	if (TRANSFER_LIMIT(t, e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)o->max_size) < 0)
		return -1;
	curl_easy_setopt(e, CURLOPT_USERAGENT, f->ua);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (t->headers != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);

	if (curl_multi_add_handle(f->multi, e) != CURLM_OK)
		return transfer_error(t, "cannot start the transfer"), -1;
	return 0;
}

/* End t (on no list) as FETCH_SKIPPED: its host is out of budget. */
static void
transfer_skip(struct fetch *f, struct transfer *t)
{
	char *p;

	t->res.status = FETCH_SKIPPED;
	buf_release(&t->res.body);
	/* one message a host (the key has no credentials), so a caller
	 * can say it once */
	err_set(&t->res.err, "%s: skipped until the next poll: too slow (%s)", t->host->name,
	    t->host->failures >= f->o.host_max_failures && f->o.host_max_failures > 0 ?
	    "its transfers keep failing" : "its transfers took too long");
	for (p = t->res.err.msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	tlist_append(&f->done, t);
}

/*
 * Mark the hosts whose transfers have used their budget, counting running
 * transfers' time so far, and end what they have running (what they have
 * queued ends when fetch_schedule reaches it).
 */
static void
fetch_budget(struct fetch *f)
{
	struct transfer *t, *next;
	struct host *h;
	long long now;

	if (f->o.host_budget_ms <= 0 && f->o.host_max_failures <= 0)
		return;
	now = now_ms();
	for (h = f->hosts; h != NULL; h = h->next) {
		long long used = h->used_ms;

		if (h->over)
			continue;
		for (t = f->running.head; t != NULL; t = t->next)
			if (t->host == h)
				used += now - t->started;
		if ((f->o.host_budget_ms > 0 && used >= f->o.host_budget_ms) ||
		    (f->o.host_max_failures > 0 && h->failures >= f->o.host_max_failures))
			h->over = 1;
	}
	for (t = f->running.head; t != NULL; t = next) {
		next = t->next;
		if (!t->host->over)
			continue;
		/* tried and too slow: a failure, so a caller that retries
		 * failures a few times gives up on a tarpit in the end */
		transfer_detach(f, t);
		t->res.status = FETCH_NETWORK;
		t->res.elapsed_ms = (long)(now - t->started);
		buf_release(&t->res.body);
		transfer_error(t, "too slow: stopped after %lld s, the host's budget for this poll",
		    (now - t->started + 999) / 1000);
		tlist_append(&f->done, t);
	}
}

/* Start queued transfers while there are free slots. */
static void
fetch_schedule(struct fetch *f)
{
	struct transfer *t, *next;

	for (t = f->queued.head; t != NULL &&
	    f->running.n < (size_t)f->o.max_parallel; t = next) {
		next = t->next;
		if (t->host->over) {
			tlist_remove(&f->queued, t);
			transfer_skip(f, t);
			continue;
		}
		if (t->host->running >= f->o.max_per_host)
			continue;
		tlist_remove(&f->queued, t);
		tlist_append(&f->running, t);
		t->host->running++;
		t->started = now_ms();
		if (transfer_start(f, t) < 0) {
			t->res.status = FETCH_NETWORK;
			transfer_detach(f, t);
			tlist_append(&f->done, t);
		}
	}
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
		t->host->used_ms += now_ms() - t->started;
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
	free(f);
}

int
fetch_add(struct fetch *f, const struct fetch_request *req)
{
	struct transfer *t;
	char *key = NULL;

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
		wait = f->deadline - now_ms();
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
	if (f->deadline >= 0 && now_ms() >= f->deadline) {
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
