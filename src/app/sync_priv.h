/*
 * sync_priv: what app/sync.c (the generic sync), sync_map.c (JSON, no
 * network) and each server's driver (sync_ttrss.c) share.  Private to
 * app/, its unit tests and fuzz/fuzz_sync.c.
 */
#ifndef TIDINGS_SYNC_PRIV_H
#define TIDINGS_SYNC_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/sync.h"
#include "net/fetch.h"
#include "store/sync.h"
#include "util/buf.h"
#include "util/err.h"

/* Bounds on what a server may hand us in one sync. */
#define SYNC_MAX_ITEMS		5000	/* new items a sync takes */
#define SYNC_MAX_IDS		100000	/* unread or starred ids */
#define SYNC_MAX_FEEDS		10000

struct sync_conn {
	struct fetch *f;
	const char *kind;	/* "tt-rss", for messages */
	char *base;		/* the configured URL, trailing '/' removed */
	char *shown;		/* base without credentials, for messages */
	char *login;
	char *password;		/* cleared before it is freed */
	char *session;		/* the driver's, NULL before login */
	/* the latest response */
	int got;
	enum fetch_status status;
	long http_code;
	struct buf body;
	struct err ferr;
};

/* A subscription, strings owned. */
struct sync_sub {
	char *remote, *url, *title, *tag;
};
void sync_subs_free(struct sync_sub *s, size_t n);

/* A growable list of owned id strings. */
struct sync_ids {
	char **v;
	size_t n, cap;
};
void sync_ids_add(struct sync_ids *ids, const char *id);
void sync_ids_release(struct sync_ids *ids);

/* Items whose strings (remote, feed_remote, item.title/link/author/
 * content, text) were allocated by a driver. */
void sync_items_free(struct sync_item_in *it, size_t n);

/*
 * One request: method and body to url (NULL body: a GET), with extra
 * header lines; the response lands in c->body.  -1 with *e naming the
 * server on a network failure or an HTTP status other than 2xx (a 401
 * or 403 says the login was refused).
 */
int sync_http(struct sync_conn *c, const char *method, const char *url,
    const char *ctype, const char *body, size_t len, const char *const *headers,
    size_t nheaders, struct err *e);
/* c->body as JSON: NULL with *e ("... answered with something that is not
 * JSON (an HTML page?)") when it is not. */
json_t *sync_json(struct sync_conn *c, struct err *e);

/* JSON helpers: a member as a new string, NULL when absent or of another
 * type; an id (a string, or a number written in decimal); a truth value
 * ("t", "true", "1", 1, true). */
char *sync_json_str(const json_t *o, const char *key);
char *sync_json_id(const json_t *o, const char *key);
int sync_json_bool(const json_t *o, const char *key);
/* Plain text of an HTML fragment for the search index (NULL for NULL). */
char *sync_html_text(const char *html);

struct sync_driver {
	const char *kind;
	int (*login)(struct sync_conn *c, struct err *e);
	int (*subscriptions)(struct sync_conn *c, struct sync_sub **s, size_t *n,
	    struct err *e);
	/* items newer than since (NULL: from the start); *next is the since
	 * of the next sync (new string) */
	int (*items)(struct sync_conn *c, const char *since, struct sync_item_in **it,
	    size_t *n, char **next, struct err *e);
	int (*state)(struct sync_conn *c, struct sync_ids *unread, struct sync_ids *starred,
	    struct err *e);
	/* the server's value now of each change's item and field (-1 when
	 * the server no longer has the item) */
	int (*current)(struct sync_conn *c, const struct sync_change *ch, size_t n,
	    int *server, struct err *e);
	/* send the changes; 0 once the server took all of them */
	int (*push)(struct sync_conn *c, const struct sync_change *ch, size_t n,
	    struct err *e);
};

extern const struct sync_driver sync_ttrss;

/* tt-rss's JSON mapping (sync_map.c), for the unit tests with recorded
 * answers and the fuzzer. */
int sync_ttrss_parse_subs(const json_t *feeds, const json_t *cats, struct sync_sub **s,
    size_t *n, struct err *e);
int sync_ttrss_parse_headlines(const json_t *list, struct sync_item_in **it, size_t *n,
    size_t *cap, int64_t *max_id, struct err *e);

#endif
