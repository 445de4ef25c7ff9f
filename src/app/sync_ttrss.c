/*
 * sync_ttrss: Tiny Tiny RSS's JSON API (api/index.php, api_level 15), as
 * read from its source (classes/api.php).  Every call is a POST of one
 * JSON object {"op": ..., "sid": ...}; the answer is {"seq", "status"
 * (0 ok, 1 error), "content"}, an error's content {"error": "NAME"}.
 *
 * Subscriptions: getCategories + getFeeds(cat_id -3, every real feed).
 * New items: getHeadlines of feed -4 (all articles) since_id the newest
 * id seen, with show_content, 200 a page (the server's most).  State:
 * the ids of getHeadlines(-4, view_mode unread) and of feed -1 (starred).
 * Push: updateArticle (field 2 unread, field 0 marked), one call per
 * flag and value; current values: getArticle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sync_priv.h"
#include "util/xalloc.h"

#define TTRSS_PAGE 200

static int ttrss_login(struct sync_conn *c, struct err *e);

/* One API call: req is taken; *content (a new reference) on success. */
static int
ttrss_call1(struct sync_conn *c, json_t *req, json_t **content, const char **error,
    struct err *e)
{
	char *body, *url;
	json_t *ans, *st, *ct;
	int rc;

	*content = NULL;
	*error = NULL;
	body = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	if (body == NULL)
		return err_set(e, "%s %s: out of memory", c->kind, c->shown);
	url = xasprintf("%s/api/", c->base);
	rc = sync_http(c, "POST", url, "application/json", body, strlen(body), NULL, 0, e);
	/* the body may hold the password */
	memset(body, 0, strlen(body));
	free(body);
	free(url);
	if (rc < 0)
		return -1;
	if ((ans = sync_json(c, e)) == NULL)
		return -1;
	st = json_object_get(ans, "status");
	ct = json_object_get(ans, "content");
	if (!json_is_integer(st) || ct == NULL) {
		json_decref(ans);
		return err_set(e, "%s %s: the answer is not tt-rss's (no status and content): "
		    "is ttrss-url the tt-rss address?", c->kind, c->shown);
	}
	if (json_integer_value(st) != 0) {
		static char name[64];
		const char *s = json_string_value(json_object_get(ct, "error"));

		snprintf(name, sizeof name, "%s", s != NULL ? s : "UNKNOWN");
		*error = name;
		json_decref(ans);
		return 0;
	}
	*content = json_incref(ct);
	json_decref(ans);
	return 0;
}

/* An API call with the session; a session the server ended is renewed
 * once (tt-rss ends idle ones), a second refusal is the error. */
static int
ttrss_call(struct sync_conn *c, const char *op, json_t *args, json_t **content,
    struct err *e)
{
	const char *error;
	int tries;

	if (args == NULL)
		return err_set(e, "%s %s: %s: a value is not UTF-8", c->kind, c->shown, op);
	json_object_set_new(args, "op", json_string(op));
	for (tries = 0; tries < 2; tries++) {
		if (c->session != NULL)
			json_object_set_new(args, "sid", json_string(c->session));
		if (ttrss_call1(c, json_incref(args), content, &error, e) < 0)
			break;
		if (error == NULL) {
			json_decref(args);
			return 0;
		}
		if (strcmp(error, "NOT_LOGGED_IN") != 0) {
			err_set(e, "%s %s: %s: the server answered %s", c->kind, c->shown, op, error);
			break;
		}
		if (tries == 1) {
			err_set(e, "%s %s: the server ended the session (NOT_LOGGED_IN) and "
			    "again right after a new login", c->kind, c->shown);
			break;
		}
		if (ttrss_login(c, e) < 0)
			break;
	}
	json_decref(args);
	return -1;
}

static int
ttrss_login(struct sync_conn *c, struct err *e)
{
	json_t *req, *ct, *pw;
	const char *error, *sid;
	int rc;

	free(c->session);
	c->session = NULL;
	req = json_pack("{s:s, s:s, s:s}", "op", "login", "user", c->login,
	    "password", c->password);
	if (req == NULL)
		return err_set(e, "%s %s: the login or password is not UTF-8", c->kind, c->shown);
	/* jansson keeps its own copy of the password: clear it before it is
	 * freed (json_string_value's buffer is that copy) */
	pw = json_object_get(req, "password");
	json_incref(pw);
	rc = ttrss_call1(c, req, &ct, &error, e);
	memset((char *)json_string_value(pw), 0, json_string_length(pw));
	json_decref(pw);
	if (rc < 0)
		return -1;
	if (error != NULL && strcmp(error, "LOGIN_ERROR") == 0)
		return err_set(e, "%s %s: login refused for user \"%s\": check ttrss-login "
		    "and the password", c->kind, c->shown, c->login);
	if (error != NULL && strcmp(error, "API_DISABLED") == 0)
		return err_set(e, "%s %s: the API is off for user \"%s\" (tt-rss: Preferences, "
		    "Enable API)", c->kind, c->shown, c->login);
	if (error != NULL)
		return err_set(e, "%s %s: login: the server answered %s", c->kind, c->shown,
		    error);
	sid = json_string_value(json_object_get(ct, "session_id"));
	if (sid == NULL || *sid == '\0') {
		json_decref(ct);
		return err_set(e, "%s %s: login: no session id in the answer", c->kind, c->shown);
	}
	c->session = xstrdup(sid);
	json_decref(ct);
	return 0;
}

/* ---- the driver -------------------------------------------------------- */

static int
ttrss_subscriptions(struct sync_conn *c, struct sync_sub **s, size_t *n, struct err *e)
{
	json_t *feeds = NULL, *cats = NULL;
	int rc = -1;

	if (ttrss_call(c, "getCategories", json_pack("{s:b}", "include_empty", 1), &cats,
	    e) == 0 &&
	    ttrss_call(c, "getFeeds", json_pack("{s:i}", "cat_id", -3), &feeds, e) == 0) {
		rc = sync_ttrss_parse_subs(feeds, cats, s, n, e);
		if (rc < 0)
			err_prefix(e, "%s %s", c->kind, c->shown);
	}
	json_decref(feeds);
	json_decref(cats);
	return rc;
}

static int
ttrss_items(struct sync_conn *c, const char *since, struct sync_item_in **it, size_t *n,
    char **next, struct err *e)
{
	long long since_id = since != NULL ? strtoll(since, NULL, 10) : 0;
	int64_t max_id = since_id;
	size_t cap = 0, skip = 0, before;
	json_t *list;

	*it = NULL;
	*n = 0;
	*next = NULL;
	for (;;) {
		if (ttrss_call(c, "getHeadlines", json_pack("{s:i, s:s, s:b, s:I, s:i, s:I}",
		    "feed_id", -4, "view_mode", "all_articles", "show_content", 1,
		    "since_id", (json_int_t)since_id, "limit", TTRSS_PAGE,
		    "skip", (json_int_t)skip), &list, e) < 0)
			return -1;
		before = *n;
		if (sync_ttrss_parse_headlines(list, it, n, &cap, &max_id, e) < 0) {
			json_decref(list);
			return err_prefix(e, "%s %s", c->kind, c->shown);
		}
		skip += json_array_size(list);
		if (json_array_size(list) < TTRSS_PAGE || *n == before || *n >= SYNC_MAX_ITEMS) {
			json_decref(list);
			break;
		}
		json_decref(list);
	}
	*next = xasprintf("%lld", (long long)max_id);
	return 0;
}

/* Every id of a virtual feed's view, page by page. */
static int
ttrss_ids(struct sync_conn *c, int feed, const char *mode, struct sync_ids *ids,
    struct err *e)
{
	size_t skip = 0, i;
	json_t *list, *h;

	for (;;) {
		size_t got;

		if (ttrss_call(c, "getHeadlines", json_pack("{s:i, s:s, s:b, s:i, s:I}",
		    "feed_id", feed, "view_mode", mode, "show_content", 0, "limit", TTRSS_PAGE,
		    "skip", (json_int_t)skip), &list, e) < 0)
			return -1;
		if (!json_is_array(list)) {
			json_decref(list);
			return err_set(e, "%s %s: getHeadlines did not answer a list", c->kind,
			    c->shown);
		}
		json_array_foreach(list, i, h) {
			char *id = sync_json_id(h, "id");

			if (id != NULL && ids->n < SYNC_MAX_IDS)
				sync_ids_add(ids, id);
			free(id);
		}
		got = json_array_size(list);
		json_decref(list);
		skip += got;
		if (got < TTRSS_PAGE || ids->n >= SYNC_MAX_IDS)
			return 0;
	}
}

static int
ttrss_state(struct sync_conn *c, struct sync_ids *unread, struct sync_ids *starred,
    struct err *e)
{
	if (ttrss_ids(c, -4, "unread", unread, e) < 0)
		return -1;
	return ttrss_ids(c, -1, "all_articles", starred, e);
}

/* "1,2,3" of the changes' remote ids (all of them, or those with field f
 * set to value v when f >= 0). */
static char *
ttrss_id_list(const struct sync_change *ch, size_t n, int f, int v)
{
	struct buf b;
	size_t i;

	buf_init(&b, (size_t)1 << 24);
	for (i = 0; i < n; i++) {
		if (f >= 0 && ((int)ch[i].field != f || ch[i].value != v))
			continue;
		if (b.len > 0)
			(void)buf_addc(&b, ',');
		(void)buf_addstr(&b, ch[i].remote);
	}
	return buf_take(&b);
}

static int
ttrss_current(struct sync_conn *c, const struct sync_change *ch, size_t n, int *server,
    struct err *e)
{
	char *ids = ttrss_id_list(ch, n, -1, 0);
	json_t *list, *a;
	size_t i, j;

	for (i = 0; i < n; i++)
		server[i] = -1;
	if (ttrss_call(c, "getArticle", json_pack("{s:s}", "article_id", ids), &list, e) < 0) {
		free(ids);
		return -1;
	}
	free(ids);
	json_array_foreach(list, j, a) {
		char *id = sync_json_id(a, "id");

		for (i = 0; id != NULL && i < n; i++) {
			if (strcmp(id, ch[i].remote) != 0)
				continue;
			server[i] = ch[i].field == SYNC_FIELD_STARRED ? sync_json_bool(a, "marked") :
			    !sync_json_bool(a, "unread");
		}
		free(id);
	}
	json_decref(list);
	return 0;
}

static int
ttrss_push(struct sync_conn *c, const struct sync_change *ch, size_t n, struct err *e)
{
	static const struct { enum sync_field f; int v; int field; int mode; } calls[] = {
		{ SYNC_FIELD_READ, 1, 2, 0 },		/* read: unread off */
		{ SYNC_FIELD_READ, 0, 2, 1 },
		{ SYNC_FIELD_STARRED, 1, 0, 1 },	/* marked on */
		{ SYNC_FIELD_STARRED, 0, 0, 0 },
	};
	size_t k;

	for (k = 0; k < sizeof calls / sizeof calls[0]; k++) {
		char *ids = ttrss_id_list(ch, n, (int)calls[k].f, calls[k].v);
		json_t *ans = NULL;
		int rc = 0;

		if (*ids)
			rc = ttrss_call(c, "updateArticle", json_pack("{s:s, s:i, s:i}",
			    "article_ids", ids, "mode", calls[k].mode, "field", calls[k].field),
			    &ans, e);
		free(ids);
		if (rc < 0)
			return -1;
		json_decref(ans);
	}
	return 0;
}

const struct sync_driver sync_ttrss = {
	.kind = "tt-rss",
	.login = ttrss_login,
	.subscriptions = ttrss_subscriptions,
	.items = ttrss_items,
	.state = ttrss_state,
	.current = ttrss_current,
	.push = ttrss_push,
};
