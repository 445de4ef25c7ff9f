/*
 * fetch_transfer: one transfer.  Owns the check of its URL (scheme, size,
 * host key), its easy handle's options and limits, the request headers
 * (conditional GET) and the response headers it keeps, the capped body,
 * and its result: status, validators, charset, Retry-After and a one-line
 * message without credentials or control characters.
 */
#include "config.h"

#include "net/fetch_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

#define HEADER_VALUE_MAX	2048
#define CHARSET_MAX		64
#define RETRY_AFTER_MAX		(7L * 24 * 3600)

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

/*
 * The one-line message of a failed transfer: "URL: detail", the URL and
 * the detail both without credentials, control characters made visible.
 */
void
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
		{ "content-encoding", offsetof(struct transfer, h_cenc) },
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

void
fetch_describe_size(char *out, size_t size, size_t bytes)
{
	if (bytes % (1024 * 1024) == 0)
		snprintf(out, size, "%zu MiB", bytes >> 20);
	else
		snprintf(out, size, "%zu bytes", bytes);
}

/* Fill in t->res from the finished easy handle and libcurl's verdict. */
void
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
		fetch_describe_size(size, sizeof size, f->o.max_size);
		transfer_error(t, "response larger than %s", size);
		return;
	}
	if (rc == CURLE_OK) {
		if (r->http_code == 0 || (r->http_code >= 200 && r->http_code < 300)) {
			r->status = FETCH_OK;
			/* what the body still is ("identity" is nothing) */
			if ((t->flags & FETCH_RAW_BODY) && t->h_cenc != NULL &&
			    t->h_cenc[0] != '\0' && strcasecmp(t->h_cenc, "identity") != 0) {
				r->content_encoding = t->h_cenc;
				t->h_cenc = NULL;
			}
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

void
transfer_free(struct fetch *f, struct transfer *t)
{
	if (t->easy != NULL) {
		curl_multi_remove_handle(f->multi, t->easy);
		curl_easy_cleanup(t->easy);
	}
	curl_slist_free_all(t->headers);
	curl_slist_free_all(t->send_headers);
	free(t->send_method);
	free(t->send_body);
	free(t->url);
	free(t->req_etag);
	free(t->req_lastmod);
	free(t->h_etag);
	free(t->h_lastmod);
	free(t->h_ctype);
	free(t->h_retry);
	free(t->h_location);
	free(t->h_cenc);
	free(t->res.effective_url);
	free(t->res.etag);
	free(t->res.last_modified);
	free(t->res.content_type);
	free(t->res.charset);
	free(t->res.content_encoding);
	buf_release(&t->res.body);
	free(t);
}

/*
 * Check url and work out the host it counts against.  Returns 0 and a host
 * key ("host:port", "file:") the caller frees, or -1 with the message set.
 */
int
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

/* A newsboat auth method name as CURLAUTH_* bits (any when unknown). */
static unsigned long
transfer_auth(const char *name)
{
	static const struct {
		const char *name;
		unsigned long bits;
	} methods[] = {
		{ "any", CURLAUTH_ANY }, { "basic", CURLAUTH_BASIC },
		{ "digest", CURLAUTH_DIGEST }, { "digest_ie", CURLAUTH_DIGEST_IE },
		{ "gssnegotiate", CURLAUTH_NEGOTIATE }, { "ntlm", CURLAUTH_NTLM },
		{ "anysafe", CURLAUTH_ANYSAFE },
	};
	size_t i;

	for (i = 0; name != NULL && i < sizeof methods / sizeof methods[0]; i++)
		if (strcmp(name, methods[i].name) == 0)
			return methods[i].bits;
	return CURLAUTH_ANY;
}

/* The user's network options (struct fetch_net); a proxy or cookie jar
 * libcurl refuses fails the transfer rather than going without it. */
static int
transfer_net(struct transfer *t, CURL *e, const struct fetch_net *n)
{
	static const struct {
		const char *name;
		long type;
	} types[] = {
		{ "http", CURLPROXY_HTTP }, { "socks4", CURLPROXY_SOCKS4 },
		{ "socks4a", CURLPROXY_SOCKS4A }, { "socks5", CURLPROXY_SOCKS5 },
		{ "socks5h", CURLPROXY_SOCKS5_HOSTNAME },
	};
	size_t i;

	curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)transfer_auth(n->http_auth_method));
	if (n->cookie_file != NULL &&
	    (TRANSFER_LIMIT(t, e, CURLOPT_COOKIEFILE, n->cookie_file) < 0 ||
	    TRANSFER_LIMIT(t, e, CURLOPT_COOKIEJAR, n->cookie_file) < 0))
		return -1;
	if (n->proxy == NULL)
		return 0;
	if (TRANSFER_LIMIT(t, e, CURLOPT_PROXY, n->proxy) < 0)
		return -1;
	for (i = 0; n->proxy_type != NULL && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(n->proxy_type, types[i].name) == 0 &&
		    TRANSFER_LIMIT(t, e, CURLOPT_PROXYTYPE, types[i].type) < 0)
			return -1;
	if (n->proxy_auth != NULL &&
	    TRANSFER_LIMIT(t, e, CURLOPT_PROXYUSERPWD, n->proxy_auth) < 0)
		return -1;
	curl_easy_setopt(e, CURLOPT_PROXYAUTH, (long)transfer_auth(n->proxy_auth_method));
	return 0;
}

/*
 * A header line of fetch_add_send's (name NULL: value is the whole line);
 * one with a control character, or too long, is not sent.  "Expect" with
 * "" removes libcurl's own.
 */
void
transfer_send_header(struct transfer *t, const char *name, const char *value)
{
	struct curl_slist *l;
	char *line;

	if (value == NULL || strlen(value) > HEADER_VALUE_MAX ||
	    has_ctl(value, strlen(value)))
		return;
	line = name != NULL ? xasprintf("%s:%s%s", name, *value ? " " : "", value) :
	    xstrdup(value);
	l = curl_slist_append(t->send_headers, line);
	free(line);
	if (l != NULL)
		t->send_headers = l;
}

/* Create the easy handle and hand it to the multi handle, or fail t. */
int
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
	/* "" asks for every encoding this libcurl can decode; a raw body
	 * only for what fetch_decode can */
	if (t->flags & FETCH_RAW_BODY) {
		curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
		curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
	} else {
		curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	}
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
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, o->net.insecure_peer ? 0L : 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, o->net.insecure_host ? 0L : 2L);
	if (transfer_net(t, e, &o->net) < 0)
		return -1;
	if (t->send_body != NULL) {
		/* a server API: the body as it is (none for a GET, which sends
		 * only its header lines), no redirect to follow */
		if (strcmp(t->send_method, "GET") != 0) {
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t->send_len);
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->send_body);
		}
		if (strcmp(t->send_method, "POST") != 0 && strcmp(t->send_method, "GET") != 0)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, t->send_method);
		curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
		if (t->send_headers != NULL)
			curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->send_headers);
	} else if (t->headers != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);

	if (curl_multi_add_handle(f->multi, e) != CURLM_OK)
		return transfer_error(t, "cannot start the transfer"), -1;
	return 0;
}
