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

struct sync_driver;

/*
 * A server urls-source may name: its driver and where its options are
 * (settings ids; -1 for an option newsboat does not have for it).
 */
struct sync_server {
	const char *name;		/* urls-source's value, option prefix */
	const struct sync_driver *driver;
	const char *fixed_url;		/* a service's one address, or NULL */
	int url, login, password, passwordfile, passwordeval;
	int token, tokenfile, tokeneval;	/* an API token instead */
	int app_id, app_key;		/* Inoreader's application headers */
};
/* The server urls-source names, NULL for local, opml and the rest. */
const struct sync_server *sync_server_find(const char *name);

#define SYNC_HDR_MAX 4
struct sync_conn {
	struct fetch *f;
	const struct sync_server *srv;
	const char *kind;	/* "tt-rss", for messages */
	char *base;		/* the configured URL, trailing '/' removed */
	char *shown;		/* base without credentials, for messages */
	char *login;
	char *password;		/* cleared before it is freed; NULL with a token */
	char *token;		/* an API token (Miniflux), cleared likewise */
	char *session;		/* the driver's, NULL before login */
	char *edit;		/* the driver's second token (Google Reader's T) */
	/* header lines sent with every request (credentials: cleared) */
	char *hdr[SYNC_HDR_MAX];
	size_t nhdr;
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
/* Add a header line sent with every later request (taken; cleared and
 * freed with the connection). */
void sync_conn_header(struct sync_conn *c, char *line);
/* Clear a secret's bytes (NULL: nothing). */
void sync_wipe(char *s);

/* c->body as JSON: NULL with *e ("... answered with something that is not
 * JSON (an HTML page?)") when it is not. */
json_t *sync_json(struct sync_conn *c, struct err *e);

/* JSON helpers: a member as a new string, NULL when absent or of another
 * type; an id (a string, or a number written in decimal); a truth value
 * ("t", "true", "1", 1, true). */
char *sync_json_str(const json_t *o, const char *key);
char *sync_json_id(const json_t *o, const char *key);
int sync_json_bool(const json_t *o, const char *key);
/* "&key=value" (no '&' first when b is empty), form-encoded (RFC 3986's
 * unreserved characters kept, the rest %XX): for queries and form bodies. */
void sync_form_add(struct buf *b, const char *key, const char *value);
/* "user:password" in base64, as HTTP Basic wants it (new string). */
char *sync_base64(const char *s);

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
extern const struct sync_driver sync_miniflux;
extern const struct sync_driver sync_greader;

/* tt-rss's JSON mapping (sync_map.c), for the unit tests with recorded
 * answers and the fuzzer. */
int sync_ttrss_parse_subs(const json_t *feeds, const json_t *cats, struct sync_sub **s,
    size_t *n, struct err *e);
int sync_ttrss_parse_headlines(const json_t *list, struct sync_item_in **it, size_t *n,
    size_t *cap, int64_t *max_id, struct err *e);

/*
 * Miniflux's JSON mapping (REST API, /v1): a /v1/feeds answer into
 * subscriptions (category title as the tag); a /v1/entries answer's
 * "entries" into items, *max_id raised to the largest id, *total its
 * "total" (-1 when absent); one entry's value of a field (-1 when the
 * answer is no entry).
 */
int sync_miniflux_parse_feeds(const json_t *feeds, struct sync_sub **s, size_t *n,
    struct err *e);
int sync_miniflux_parse_entries(const json_t *ans, struct sync_item_in **it, size_t *n,
    size_t *cap, int64_t *max_id, long long *total, struct err *e);
int sync_miniflux_entry_value(const json_t *entry, enum sync_field f);

/*
 * The Google Reader API's mapping: subscription/list; stream/contents'
 * "items" (state from their categories; *newest raised to the newest
 * crawl or publication time in seconds; *cont a new string, the
 * continuation, NULL at the end); stream/items/ids' itemRefs into ids.
 * An item's id is kept in the short form items/ids gives: the long form
 * "tag:google.com,2005:reader/item/<16 hex digits>" becomes the signed
 * decimal of those digits, any other tail is kept as it is.
 */
int sync_greader_parse_subs(const json_t *ans, struct sync_sub **s, size_t *n,
    struct err *e);
int sync_greader_parse_items(const json_t *ans, struct sync_item_in **it, size_t *n,
    size_t *cap, int64_t *newest, char **cont, struct err *e);
int sync_greader_parse_ids(const json_t *ans, struct sync_ids *ids, struct err *e);
char *sync_greader_id(const char *id);
/* read or starred as an item of stream/contents has it (0 or 1). */
int sync_greader_item_value(const json_t *item, enum sync_field f);

#endif
