/*
 * sync_greader: the Google Reader API as FreshRSS (api/greader.php), The
 * Old Reader and Inoreader serve it, behind app/sync's driver interface.
 * One client: the servers differ only in their address (freshrss-url, or
 * the service's own) and Inoreader's AppId/AppKey header lines.
 *
 * Login: POST accounts/ClientLogin (Email, Passwd) answers lines, one
 * "Auth=TOKEN": every later request sends "Authorization: GoogleLogin
 * auth=TOKEN"; GET reader/api/0/token gives the T token edit-tag wants.
 * Subscriptions: reader/api/0/subscription/list (the first folder is the
 * tag).  New items: stream/contents/user/-/state/com.google/reading-list
 * with ot (the newest crawl time seen), n and the continuation c.  State:
 * stream/items/ids of the reading list less the read ones (xt), and of
 * the starred.  Current values: POST stream/items/contents with the ids
 * (an item missing from the answer is gone).  Push: POST edit-tag, a=
 * or r= user/-/state/com.google/read or starred, the ids as i=.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sync_priv.h"
#include "util/xalloc.h"

#define GREADER_API "/reader/api/0/"
#define GREADER_PAGE 100		/* items a page of stream/contents */
#define GREADER_IDS 10000		/* ids a page of stream/items/ids */
#define GREADER_READ "user/-/state/com.google/read"
#define GREADER_STARRED "user/-/state/com.google/starred"
#define GREADER_ALL "user/-/state/com.google/reading-list"

/* GET reader/api/0/PATH?QUERY&output=json as JSON, or NULL. */
static json_t *
greader_get(struct sync_conn *c, const char *path, struct buf *q, struct err *e)
{
	char *url;
	int rc;

	sync_form_add(q, "output", "json");
	url = xasprintf("%s" GREADER_API "%s?%s", c->base, path, q->data);
	rc = sync_http(c, "GET", url, NULL, NULL, 0, NULL, 0, e);
	free(url);
	buf_reset(q);
	return rc < 0 ? NULL : sync_json(c, e);
}

/* POST a form to reader/api/0/PATH (T added). */
static int
greader_post(struct sync_conn *c, const char *path, struct buf *form, struct err *e)
{
	char *url = xasprintf("%s" GREADER_API "%s", c->base, path);
	int rc;

	sync_form_add(form, "T", c->edit != NULL ? c->edit : "");
	rc = sync_http(c, "POST", url, "application/x-www-form-urlencoded", form->data,
	    form->len, NULL, 0, e);
	free(url);
	buf_reset(form);
	return rc;
}

static int
greader_login(struct sync_conn *c, struct err *e)
{
	struct buf form;
	char *url, *line, *auth = NULL;
	int rc;

	buf_init(&form, 1 << 16);
	sync_form_add(&form, "Email", c->login);
	sync_form_add(&form, "Passwd", c->password);
	url = xasprintf("%s/accounts/ClientLogin", c->base);
	rc = sync_http(c, "POST", url, "application/x-www-form-urlencoded", form.data, form.len,
	    NULL, 0, e);
	free(url);
	sync_wipe(form.data);
	buf_release(&form);
	if (rc < 0)
		return -1;
	/* "SID=...\nLSID=...\nAuth=...\n" */
	for (line = c->body.data; line != NULL && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strncmp(line, "Auth=", 5) == 0) {
			size_t len = strcspn(line + 5, "\r\n");

			auth = xstrndup(line + 5, len);
			break;
		}
	}
	sync_wipe(c->body.data);
	if (auth == NULL || *auth == '\0') {
		free(auth);
		return err_set(e, "%s %s: the login's answer has no Auth= line: is the URL the "
		    "Google Reader API's address%s?", c->kind, c->shown,
		    strcmp(c->srv->name, "freshrss") == 0 ? " (.../api/greader.php)" : "");
	}
	sync_conn_header(c, xasprintf("Authorization: GoogleLogin auth=%s", auth));
	sync_wipe(auth);
	free(auth);
	/* the token edit-tag wants, one line of text */
	url = xasprintf("%s" GREADER_API "token", c->base);
	rc = sync_http(c, "GET", url, NULL, NULL, 0, NULL, 0, e);
	free(url);
	if (rc < 0)
		return -1;
	c->edit = xstrndup(c->body.data, strcspn(c->body.data, "\r\n"));
	if (*c->edit == '\0')
		return err_set(e, "%s %s: reader/api/0/token answered no token", c->kind,
		    c->shown);
	return 0;
}

static int
greader_subscriptions(struct sync_conn *c, struct sync_sub **s, size_t *n, struct err *e)
{
	struct buf q;
	json_t *ans;
	int rc;

	buf_init(&q, 1 << 16);
	ans = greader_get(c, "subscription/list", &q, e);
	buf_release(&q);
	if (ans == NULL)
		return -1;
	rc = sync_greader_parse_subs(ans, s, n, e);
	json_decref(ans);
	return rc < 0 ? err_prefix(e, "%s %s", c->kind, c->shown) : 0;
}

static int
greader_items(struct sync_conn *c, const char *since, struct sync_item_in **it, size_t *n,
    char **next, struct err *e)
{
	long long ot = since != NULL ? strtoll(since, NULL, 10) : 0;
	int64_t newest = ot;
	size_t cap = 0, before;
	char *cont = NULL, num[32];
	struct buf q;
	json_t *ans;
	int rc = -1;

	*it = NULL;
	*n = 0;
	*next = NULL;
	buf_init(&q, 1 << 16);
	for (;;) {
		snprintf(num, sizeof num, "%d", GREADER_PAGE);
		sync_form_add(&q, "n", num);
		if (ot > 0) {
			snprintf(num, sizeof num, "%lld", ot);
			sync_form_add(&q, "ot", num);
		}
		if (cont != NULL)
			sync_form_add(&q, "c", cont);
		free(cont);
		cont = NULL;
		if ((ans = greader_get(c, "stream/contents/" GREADER_ALL, &q, e)) == NULL)
			goto out;
		before = *n;
		if (sync_greader_parse_items(ans, it, n, &cap, &newest, &cont, e) < 0) {
			json_decref(ans);
			err_prefix(e, "%s %s", c->kind, c->shown);
			goto out;
		}
		json_decref(ans);
		if (cont == NULL || *n == before || *n >= SYNC_MAX_ITEMS)
			break;
	}
	*next = xasprintf("%lld", (long long)newest);
	rc = 0;
out:
	free(cont);
	buf_release(&q);
	return rc;
}

/* Every id of stream/items/ids for s (less xt when not NULL). */
static int
greader_ids(struct sync_conn *c, const char *s, const char *xt, struct sync_ids *ids,
    struct err *e)
{
	char *cont = NULL, num[32];
	struct buf q;
	json_t *ans;
	int rc = -1;

	buf_init(&q, 1 << 16);
	for (;;) {
		size_t before = ids->n;

		sync_form_add(&q, "s", s);
		if (xt != NULL)
			sync_form_add(&q, "xt", xt);
		snprintf(num, sizeof num, "%d", GREADER_IDS);
		sync_form_add(&q, "n", num);
		if (cont != NULL)
			sync_form_add(&q, "c", cont);
		free(cont);
		cont = NULL;
		if ((ans = greader_get(c, "stream/items/ids", &q, e)) == NULL)
			goto out;
		if (sync_greader_parse_ids(ans, ids, e) < 0) {
			json_decref(ans);
			err_prefix(e, "%s %s", c->kind, c->shown);
			goto out;
		}
		cont = sync_json_str(ans, "continuation");
		json_decref(ans);
		if (cont == NULL || *cont == '\0' || ids->n == before || ids->n >= SYNC_MAX_IDS)
			break;
	}
	rc = 0;
out:
	free(cont);
	buf_release(&q);
	return rc;
}

static int
greader_state(struct sync_conn *c, struct sync_ids *unread, struct sync_ids *starred,
    struct err *e)
{
	if (greader_ids(c, GREADER_ALL, GREADER_READ, unread, e) < 0)
		return -1;
	return greader_ids(c, GREADER_STARRED, NULL, starred, e);
}

static int
greader_current(struct sync_conn *c, const struct sync_change *ch, size_t n, int *server,
    struct err *e)
{
	struct buf form;
	json_t *ans, *item;
	char *url;
	size_t i, j;
	int rc;

	for (i = 0; i < n; i++)
		server[i] = -1;
	buf_init(&form, (size_t)1 << 24);
	for (i = 0; i < n; i++)
		sync_form_add(&form, "i", ch[i].remote);
	url = xasprintf("%s" GREADER_API "stream/items/contents?output=json", c->base);
	sync_form_add(&form, "T", c->edit);
	rc = sync_http(c, "POST", url, "application/x-www-form-urlencoded", form.data, form.len,
	    NULL, 0, e);
	free(url);
	buf_release(&form);
	if (rc < 0 || (ans = sync_json(c, e)) == NULL)
		return -1;
	json_array_foreach(json_object_get(ans, "items"), j, item) {
		const char *id = json_string_value(json_object_get(item, "id"));
		char *short_id;

		if (id == NULL)
			continue;
		short_id = sync_greader_id(id);
		for (i = 0; i < n; i++)
			if (strcmp(short_id, ch[i].remote) == 0)
				server[i] = sync_greader_item_value(item, ch[i].field);
		free(short_id);
	}
	json_decref(ans);
	return 0;
}

static int
greader_push(struct sync_conn *c, const struct sync_change *ch, size_t n, struct err *e)
{
	static const struct { enum sync_field f; int v; const char *op, *tag; } calls[] = {
		{ SYNC_FIELD_READ, 1, "a", GREADER_READ },
		{ SYNC_FIELD_READ, 0, "r", GREADER_READ },
		{ SYNC_FIELD_STARRED, 1, "a", GREADER_STARRED },
		{ SYNC_FIELD_STARRED, 0, "r", GREADER_STARRED },
	};
	struct buf form;
	size_t k, i;
	int rc = 0;

	buf_init(&form, (size_t)1 << 24);
	for (k = 0; rc == 0 && k < sizeof calls / sizeof calls[0]; k++) {
		int any = 0;

		for (i = 0; i < n; i++) {
			if (ch[i].field != calls[k].f || ch[i].value != calls[k].v)
				continue;
			sync_form_add(&form, "i", ch[i].remote);
			any = 1;
		}
		if (!any)
			continue;
		sync_form_add(&form, calls[k].op, calls[k].tag);
		rc = greader_post(c, "edit-tag", &form, e);
	}
	buf_release(&form);
	return rc;
}

const struct sync_driver sync_greader = {
	.kind = "google-reader",
	.login = greader_login,
	.subscriptions = greader_subscriptions,
	.items = greader_items,
	.state = greader_state,
	.current = greader_current,
	.push = greader_push,
};
