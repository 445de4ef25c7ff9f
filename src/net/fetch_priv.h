/*
 * fetch_priv: what the files of net/fetch share, private to src/net/.
 *
 * fetch.c is the multi driver (libcurl's sockets and timer turned into
 * poll(2) descriptors, finished transfers collected and delivered, the
 * public entry points); fetch_queue.c owns the lists a transfer moves
 * along, the hosts, their slots and their time budgets; fetch_transfer.c
 * owns one transfer: its URL check, its easy handle's options and
 * headers, the response headers it keeps and its result and message.
 *
 * Include after "config.h" (curl_lazy.h needs it).
 */
#ifndef TIDINGS_FETCH_PRIV_H
#define TIDINGS_FETCH_PRIV_H

#include <curl/curl.h>

#include "net/curl_lazy.h"
#include "net/fetch.h"

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
	/* fetch_add_send's request: method, body, header lines (NULL: a GET) */
	char *send_method;
	char *send_body;
	size_t send_len;
	struct curl_slist *send_headers;
	int too_big;
	long long started;	/* monotonic ms, while running */
	/* Headers of the latest response seen (redirects reset them). */
	char *h_etag;
	char *h_lastmod;
	char *h_ctype;
	char *h_retry;
	char *h_location;
	char *h_cenc;		/* Content-Encoding (FETCH_RAW_BODY) */
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
	char *net_copies[6];	/* o.net's strings, owned */
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

/* fetch_queue.c: lists, hosts, slots and budgets */
void tlist_append(struct tlist *l, struct transfer *t);
void tlist_remove(struct tlist *l, struct transfer *t);
struct host *host_get(struct fetch *f, const char *name);
void transfer_detach(struct fetch *f, struct transfer *t);
void fetch_budget(struct fetch *f);
void fetch_schedule(struct fetch *f);

/* fetch_transfer.c: one transfer */
void transfer_error(struct transfer *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int transfer_check_url(struct transfer *t, char **key);
void transfer_send_header(struct transfer *t, const char *name, const char *value);
int transfer_start(struct fetch *f, struct transfer *t);
void transfer_classify(struct fetch *f, struct transfer *t, CURLcode rc);
/* A body cap for a message: "32 MiB", or "1000 bytes" when not whole MiB. */
void fetch_describe_size(char *out, size_t size, size_t bytes);
void transfer_free(struct fetch *f, struct transfer *t);

#endif
