/*
 * fetch: HTTP(S) and file transfers on libcurl's multi interface.
 *
 * A struct fetch runs many transfers at once without threads: at most
 * max_parallel in flight, at most max_per_host to one host (the host of the
 * URL as requested), the rest queued in the order they were added.  Each
 * transfer asks for compression, speaks HTTP/2 where the server offers it,
 * sends a conditional GET when the caller passes an ETag or Last-Modified,
 * follows at most max_redirects redirects (to http and https only), verifies
 * TLS, honours the usual proxy environment variables and stops a response
 * at max_size bytes (after decompression, so a gzip bomb stops too).
 *
 * Two ways to drive it:
 *  - fetch_run: block until every transfer (including those added from the
 *    callback) has completed;
 *  - fetch_fds + poll + fetch_step: for an event loop that also waits on
 *    other descriptors (the TUI).  fetch_run is exactly this loop.
 *
 * Completion: the done callback gets a struct fetch_result for every
 * request passed to fetch_add, exactly once, from inside fetch_step,
 * fetch_run or fetch_cancel_all (never from inside fetch_add).  The
 * callback may call fetch_add (a poller adds article fetches after a feed)
 * but must not call fetch_step, fetch_run or fetch_free.
 *
 * Schemes: http and https; file only when the request sets FETCH_ALLOW_FILE
 * (a URL typed by the user, never one found in a feed or page).  Redirects
 * go to http and https only.  Credentials in a URL (user:pass@) are used
 * for the request but never appear in an error message.
 *
 * Threads: none.  A struct fetch belongs to the thread that created it.
 */
#ifndef TIDINGS_FETCH_H
#define TIDINGS_FETCH_H

#include <poll.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Defaults used by fetch_opts_init (and for any option left at 0). */
#define FETCH_DEFAULT_PARALLEL		16
#define FETCH_DEFAULT_PER_HOST		4
#define FETCH_DEFAULT_CONNECT_MS	15000L
#define FETCH_DEFAULT_TIMEOUT_MS	60000L
#define FETCH_DEFAULT_LOW_SPEED		1L	/* bytes per second ... */
#define FETCH_DEFAULT_LOW_SPEED_S	30L	/* ... over this many seconds */
#define FETCH_DEFAULT_MAX_SIZE		((size_t)32 << 20)
#define FETCH_DEFAULT_REDIRECTS		5
#define FETCH_URL_MAX			8192	/* longer URLs are FETCH_BAD_URL */

/*
 * newsboat's network options (config part of issue 13), all off when
 * zeroed.  Strings are copied by fetch_new; names are newsboat's.
 */
struct fetch_net {
	const char *cookie_file;	/* read and written, Netscape format;
					 * transfers running at once each write
					 * the jar as they end */
	const char *proxy;		/* host:port for every transfer */
	const char *proxy_auth;		/* user:password for the proxy */
	const char *proxy_type;		/* http socks4 socks4a socks5 socks5h */
	const char *proxy_auth_method;	/* as http_auth_method */
	const char *http_auth_method;	/* any basic digest digest_ie
					 * gssnegotiate ntlm anysafe */
	int insecure_peer;		/* ssl-verifypeer no */
	int insecure_host;		/* ssl-verifyhost no */
};

struct fetch_opts {
	int max_parallel;		/* transfers in flight at once */
	int max_per_host;		/* of those, to one host */
	long connect_timeout_ms;
	long timeout_ms;		/* whole transfer, redirects included */
	long low_speed_limit;		/* abort below this many bytes/s ... */
	long low_speed_time;		/* ... sustained for this many seconds */
	size_t max_size;		/* body cap, decoded bytes */
	int max_redirects;		/* -1: follow none */
	const char *user_agent;		/* NULL: "tidings/VERSION"; copied */
	/*
	 * Per-host budget (0: none): once the transfers to one host have
	 * taken host_budget_ms between them (running ones count as they run)
	 * or host_max_failures have failed with FETCH_NETWORK, the host's
	 * running requests end with FETCH_NETWORK ("too slow"), its queued
	 * ones with FETCH_SKIPPED, and so does every later request to it: a
	 * tarpit that trickles bytes cannot hold the rest.  For a poll's
	 * article pages; feeds have no budget.
	 */
	long host_budget_ms;
	int host_max_failures;
	struct fetch_net net;
};

enum fetch_status {
	FETCH_OK,		/* 2xx (or a file:// read); body holds it */
	FETCH_NOT_MODIFIED,	/* 304 to a conditional GET; body empty */
	FETCH_HTTP_ERROR,	/* any other final status; http_code says */
	FETCH_NETWORK,		/* DNS, connect, TLS, timeout, reset, bad reply,
				 * truncated body, too many redirects */
	FETCH_TOO_BIG,		/* body passed max_size; transfer aborted */
	FETCH_BAD_URL,		/* malformed URL, refused scheme, or a
				 * redirect to a refused scheme */
	FETCH_CANCELLED,	/* fetch_cancel_all or fetch_free */
	FETCH_SKIPPED		/* not tried: its host used up its budget
				 * (see fetch_opts); err names the host only */
};

/* Request flags. */
#define FETCH_ALLOW_FILE	0x1	/* accept a file:// URL */
/*
 * The body as it came over the wire: gzip or deflate only are asked for,
 * and curl does not decode them; result.content_encoding names what the
 * body still is, and fetch_decode decodes it.  max_size then caps the
 * encoded bytes, fetch_decode's cap the decoded ones.  For a poller that
 * decides "nothing new" from a hash of the body before spending anything
 * on it (inflating was 60% of polling 500 unchanged feeds).
 */
#define FETCH_RAW_BODY		0x2

struct fetch_request {
	const char *url;		/* copied by fetch_add */
	const char *etag;		/* NULL or the stored ETag; copied */
	const char *last_modified;	/* NULL or the stored value; copied */
	unsigned flags;			/* FETCH_ALLOW_FILE */
	void *user;			/* handed back in the result */
};

/*
 * What the callback gets.  Strings are NUL-terminated, NULL when absent.
 * The callback may take body (buf_take, or copy the struct buf and
 * buf_init the original) and any char * field (copy the pointer and set
 * the field to NULL); fetch frees what is left when the callback returns.
 * url is borrowed and only valid during the callback.
 */
struct fetch_result {
	void *user;			/* fetch_request.user */
	enum fetch_status status;
	long http_code;			/* last HTTP status, 0 for file:// or none */
	const char *url;		/* as requested */
	char *effective_url;		/* after redirects (credentials kept) */
	struct buf body;		/* decoded body for FETCH_OK and
					 * FETCH_HTTP_ERROR, else empty */
	char *etag;			/* ETag of the response; after a 304 that */
	char *last_modified;		/* sent none, the request's own values */
	char *content_type;		/* full header value */
	char *charset;			/* lowercased charset parameter of it */
	char *content_encoding;		/* FETCH_RAW_BODY: "gzip" or "deflate"
					 * while body is still encoded, else
					 * NULL (also once fetch_decode ran) */
	long retry_after;		/* seconds from Retry-After on 429/503, -1 */
	long elapsed_ms;		/* from start of transfer to completion */
	struct err err;			/* one line naming the redacted URL,
					 * empty for FETCH_OK/NOT_MODIFIED */
};

struct fetch;

typedef void fetch_done_fn(struct fetch *f, struct fetch_result *r, void *arg);

/*
 * curl_global_init, once per process.  main calls it before anything else
 * starts threads (libcurl's rule) and fetch_global_cleanup at exit; unit
 * tests call it in their setup.  Returns -1 with a message on failure.
 */
int fetch_global_init(struct err *e);
void fetch_global_cleanup(void);

/* Fill o with the defaults above. */
void fetch_opts_init(struct fetch_opts *o);

/*
 * A new transfer set with options o (NULL: defaults; values <= 0 take the
 * default, except max_redirects) calling done(f, result, arg) for each
 * completed request.  Never returns NULL.
 */
struct fetch *fetch_new(const struct fetch_opts *o, fetch_done_fn *done, void *arg);
/* Cancel what is pending (see fetch_cancel_all), then free.  NULL is ok. */
void fetch_free(struct fetch *f);

/*
 * Queue a request (all strings are copied).  A malformed URL or refused
 * scheme is not an error here: it completes with FETCH_BAD_URL at the next
 * step, like every other outcome.  Returns 0, or -1 only while
 * fetch_cancel_all runs (the request is then not taken).
 */
int fetch_add(struct fetch *f, const struct fetch_request *req);

/*
 * A request that sends a body, for a feed server's API (app/sync): method
 * ("POST", "PUT", ...; NULL is POST; "GET" sends no body, only the header
 * lines), body[0..len) with its content_type,
 * and extra header lines ("Name: value"; one with a control character is
 * not sent).  All copied.  Redirects are not followed (a POST must not
 * turn into a GET elsewhere); otherwise exactly fetch_add.  The body and
 * the headers appear in no error message.
 */
struct fetch_send {
	const char *method;
	const char *body;
	size_t len;
	const char *content_type;
	const char *const *headers;
	size_t nheaders;
};
int fetch_add_send(struct fetch *f, const struct fetch_request *req,
    const struct fetch_send *s);

/* Requests added and not yet delivered to the callback. */
size_t fetch_pending(const struct fetch *f);

/*
 * Run until fetch_pending is 0, calling the callback as transfers complete.
 * Returns 0, or -1 with a message if poll fails (transfers then remain).
 */
int fetch_run(struct fetch *f, struct err *e);

/*
 * The descriptors to poll and the longest the caller may wait before the
 * next fetch_step (-1: no deadline, nothing to do until a descriptor is
 * ready).  Writes at most max entries and returns how many there are, like
 * snprintf: a return greater than max means fds was too small (call again
 * with a bigger array; sockets left out are serviced only by timeouts).
 */
size_t fetch_fds(struct fetch *f, struct pollfd *fds, size_t max, int *timeout_ms);

/*
 * After poll: let curl read and write on the descriptors in fds that have
 * revents (entries that are not fetch's are ignored, so the caller may pass
 * its whole array), run due timeouts, start queued transfers and deliver
 * completed ones to the callback.  fds may be NULL (timeouts only).
 * Returns fetch_pending.
 */
size_t fetch_step(struct fetch *f, const struct pollfd *fds, size_t nfds);

/*
 * Abort everything queued or in flight and deliver it now with
 * FETCH_CANCELLED; results already complete are delivered first, as they
 * are.  fetch_add returns -1 during this call.
 */
void fetch_cancel_all(struct fetch *f);

/*
 * Decode a FETCH_RAW_BODY result's body in place (zlib: gzip, zlib-wrapped
 * or raw deflate; concatenated gzip members too) and clear its
 * content_encoding; nothing to do when that is NULL.  At most max_size
 * decoded bytes (0: FETCH_DEFAULT_MAX_SIZE), so a gzip bomb stops there.
 * Returns 0, or -1 with a message naming url (redacted) in e when the
 * body is larger than that, corrupt or in an encoding it does not know;
 * the result then reads as curl's would have: status FETCH_TOO_BIG or
 * FETCH_NETWORK, the same message in err, the body empty.
 */
int fetch_decode(struct fetch_result *r, const char *url, size_t max_size,
    struct err *e);

/*
 * url with any user:password@ removed from its authority, as a new string
 * the caller frees ("https://u:p@x/feed" -> "https://x/feed").  Text that
 * is not a URL is returned unchanged.
 */
char *fetch_url_redact(const char *url);

#endif
