/*
 * sync_miniflux: Miniflux's REST API (miniflux.app/docs/api.html, /v1),
 * behind app/sync's driver interface.
 *
 * Credentials: miniflux-token as "X-Auth-Token", else miniflux-login and
 * the password as HTTP Basic; GET /v1/me checks them.  Subscriptions: GET
 * /v1/feeds (each feed's category is its tag).  New items: GET
 * /v1/entries?after_entry_id=N&order=id&direction=asc, 100 a page by
 * offset.  State: the ids of GET /v1/entries?status=unread and
 * ?starred=true.  Current values: GET /v1/entries/ID (404: gone).  Push:
 * PUT /v1/entries {"entry_ids": [...], "status": "read"|"unread"}; a star
 * is PUT /v1/entries/ID/bookmark, which toggles, so it is sent only for
 * an item whose star the server has the other way (sync.c sends only
 * changes whose current value differs).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sync_priv.h"
#include "util/xalloc.h"

#define MINIFLUX_PAGE 100

/* GET base + path_query; the answer as JSON (a new reference) or NULL. */
static json_t *
miniflux_get(struct sync_conn *c, const char *path, struct err *e)
{
	char *url = xasprintf("%s%s", c->base, path);
	int rc;

	rc = sync_http(c, "GET", url, NULL, NULL, 0, NULL, 0, e);
	free(url);
	return rc < 0 ? NULL : sync_json(c, e);
}

static int
miniflux_login(struct sync_conn *c, struct err *e)
{
	json_t *me;

	if (c->token != NULL) {
		sync_conn_header(c, xasprintf("X-Auth-Token: %s", c->token));
	} else {
		char *pair = xasprintf("%s:%s", c->login, c->password);
		char *b64 = sync_base64(pair);

		sync_wipe(pair);
		free(pair);
		sync_conn_header(c, xasprintf("Authorization: Basic %s", b64));
		sync_wipe(b64);
		free(b64);
	}
	if ((me = miniflux_get(c, "/v1/me", e)) == NULL)
		return -1;
	if (!json_is_integer(json_object_get(me, "id"))) {
		json_decref(me);
		return err_set(e, "%s %s: /v1/me is not Miniflux's answer: is miniflux-url the "
		    "Miniflux address?", c->kind, c->shown);
	}
	json_decref(me);
	return 0;
}

static int
miniflux_subscriptions(struct sync_conn *c, struct sync_sub **s, size_t *n, struct err *e)
{
	json_t *feeds = miniflux_get(c, "/v1/feeds", e);
	int rc;

	if (feeds == NULL)
		return -1;
	rc = sync_miniflux_parse_feeds(feeds, s, n, e);
	json_decref(feeds);
	return rc < 0 ? err_prefix(e, "%s %s", c->kind, c->shown) : 0;
}

/* Page through GET /v1/entries?QUERY&limit=&offset= into items. */
static int
miniflux_entries(struct sync_conn *c, const char *query, struct sync_item_in **it,
    size_t *n, int64_t *max_id, struct err *e)
{
	size_t cap = 0, offset = 0, before;
	long long total;
	json_t *ans;

	for (;;) {
		char *path = xasprintf("/v1/entries?%s&limit=%d&offset=%zu", query,
		    MINIFLUX_PAGE, offset);

		ans = miniflux_get(c, path, e);
		free(path);
		if (ans == NULL)
			return -1;
		before = *n;
		if (sync_miniflux_parse_entries(ans, it, n, &cap, max_id, &total, e) < 0) {
			json_decref(ans);
			return err_prefix(e, "%s %s", c->kind, c->shown);
		}
		offset += json_array_size(json_object_get(ans, "entries"));
		json_decref(ans);
		if (*n == before || *n >= SYNC_MAX_ITEMS || (total >= 0 &&
		    (long long)offset >= total))
			return 0;
	}
}

static int
miniflux_items(struct sync_conn *c, const char *since, struct sync_item_in **it, size_t *n,
    char **next, struct err *e)
{
	long long since_id = since != NULL ? strtoll(since, NULL, 10) : 0;
	int64_t max_id = since_id;
	char *q;
	int rc;

	*it = NULL;
	*n = 0;
	*next = NULL;
	q = xasprintf("after_entry_id=%lld&order=id&direction=asc", since_id);
	rc = miniflux_entries(c, q, it, n, &max_id, e);
	free(q);
	if (rc < 0)
		return -1;
	*next = xasprintf("%lld", (long long)max_id);
	return 0;
}

/*
 * The ids of the entries a query lists (every page, up to SYNC_MAX_IDS:
 * an id missing from the unread list makes its item read, so this list
 * is not cut at SYNC_MAX_ITEMS as new items are).
 */
static int
miniflux_ids(struct sync_conn *c, const char *query, struct sync_ids *ids, struct err *e)
{
	size_t offset = 0, i;
	json_t *ans, *list, *h;
	int more;

	for (;;) {
		char *path = xasprintf("/v1/entries?%s&limit=%d&offset=%zu", query,
		    MINIFLUX_PAGE, offset);
		const json_t *total;
		size_t before = ids->n;

		ans = miniflux_get(c, path, e);
		free(path);
		if (ans == NULL)
			return -1;
		list = json_object_get(ans, "entries");
		if (!json_is_array(list) && !json_is_null(list)) {
			json_decref(ans);
			return err_set(e, "%s %s: /v1/entries did not answer {\"entries\": [...]}",
			    c->kind, c->shown);
		}
		json_array_foreach(list, i, h) {
			const json_t *id = json_object_get(h, "id");

			if (json_is_integer(id) && json_integer_value(id) > 0 &&
			    ids->n < SYNC_MAX_IDS) {
				char num[32];

				snprintf(num, sizeof num, "%lld", (long long)json_integer_value(id));
				sync_ids_add(ids, num);
			}
		}
		offset += json_array_size(list);
		total = json_object_get(ans, "total");
		more = json_is_integer(total) && (long long)offset < json_integer_value(total);
		json_decref(ans);
		if (!more || ids->n == before || ids->n >= SYNC_MAX_IDS)
			return 0;
	}
}

static int
miniflux_state(struct sync_conn *c, struct sync_ids *unread, struct sync_ids *starred,
    struct err *e)
{
	if (miniflux_ids(c, "status=unread", unread, e) < 0)
		return -1;
	return miniflux_ids(c, "starred=true", starred, e);
}

/* A remote id as Miniflux's number, or -1. */
static long long
miniflux_num(const char *id)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(id, &end, 10);
	return errno == 0 && end != id && *end == '\0' && v > 0 ? v : -1;
}

static int
miniflux_current(struct sync_conn *c, const struct sync_change *ch, size_t n, int *server,
    struct err *e)
{
	size_t i;

	for (i = 0; i < n; i++) {
		long long id = miniflux_num(ch[i].remote);
		char *url;
		json_t *entry;
		int rc;

		server[i] = -1;
		if (id < 0)
			continue;
		url = xasprintf("%s/v1/entries/%lld", c->base, id);
		rc = sync_http(c, "GET", url, NULL, NULL, 0, NULL, 0, e);
		free(url);
		if (rc < 0 && c->status == FETCH_HTTP_ERROR && c->http_code == 404) {
			err_clear(e);
			continue;	/* the server no longer has it */
		}
		if (rc < 0 || (entry = sync_json(c, e)) == NULL)
			return -1;
		server[i] = sync_miniflux_entry_value(entry, ch[i].field);
		json_decref(entry);
	}
	return 0;
}

static int
miniflux_push(struct sync_conn *c, const struct sync_change *ch, size_t n, struct err *e)
{
	static const char *const status[2] = { "unread", "read" };
	size_t i;
	int v;

	for (v = 0; v < 2; v++) {
		json_t *ids = json_array(), *req;
		char *body, *url;
		int rc;

		for (i = 0; i < n; i++)
			if (ch[i].field == SYNC_FIELD_READ && ch[i].value == v &&
			    miniflux_num(ch[i].remote) > 0)
				json_array_append_new(ids,
				    json_integer((json_int_t)miniflux_num(ch[i].remote)));
		if (json_array_size(ids) == 0) {
			json_decref(ids);
			continue;
		}
		/* "o" hands ids over to req */
		req = json_pack("{s:o, s:s}", "entry_ids", ids, "status", status[v]);
		body = req != NULL ? json_dumps(req, JSON_COMPACT) : NULL;
		json_decref(req);
		if (body == NULL)
			return err_set(e, "%s %s: out of memory", c->kind, c->shown);
		url = xasprintf("%s/v1/entries", c->base);
		rc = sync_http(c, "PUT", url, "application/json", body, strlen(body), NULL, 0, e);
		free(url);
		free(body);
		if (rc < 0)
			return -1;
	}
	for (i = 0; i < n; i++) {
		char *url;
		int rc;

		/* a toggle: sync.c sends only a star the server has the other way */
		if (ch[i].field != SYNC_FIELD_STARRED || miniflux_num(ch[i].remote) < 0)
			continue;
		url = xasprintf("%s/v1/entries/%lld/bookmark", c->base, miniflux_num(ch[i].remote));
		rc = sync_http(c, "PUT", url, NULL, "", 0, NULL, 0, e);
		free(url);
		if (rc < 0)
			return -1;
	}
	return 0;
}

const struct sync_driver sync_miniflux = {
	.kind = "miniflux",
	.login = miniflux_login,
	.subscriptions = miniflux_subscriptions,
	.items = miniflux_items,
	.state = miniflux_state,
	.current = miniflux_current,
	.push = miniflux_push,
};
