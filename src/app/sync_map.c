/*
 * sync_map: what a sync makes of a server's JSON, with no network: the
 * helpers the drivers share (JSON members, lists, items, query strings)
 * and the mapping of tt-rss's, Miniflux's and the Google Reader API's
 * answers.  Apart from sync.c and the drivers' calls so
 * that the unit tests and the fuzzer (fuzz/fuzz_sync.c) link it alone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "app/sync_priv.h"
#include "markup/markup.h"
#include "util/date.h"
#include "util/text.h"
#include "util/xalloc.h"

void
sync_subs_free(struct sync_sub *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(s[i].remote);
		free(s[i].url);
		free(s[i].title);
		free(s[i].tag);
	}
	free(s);
}

void
sync_ids_add(struct sync_ids *ids, const char *id)
{
	ids->v = xgrow(ids->v, ids->n, &ids->cap, 64, sizeof *ids->v);
	ids->v[ids->n++] = xstrdup(id);
}

void
sync_ids_release(struct sync_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
	memset(ids, 0, sizeof *ids);
}

void
sync_items_free(struct sync_item_in *it, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)it[i].remote);
		free((char *)it[i].feed_remote);
		free((char *)it[i].text);
		free(it[i].item.title);
		free(it[i].item.link);
		free(it[i].item.author);
		free(it[i].item.content);
	}
	free(it);
}

char *
sync_json_str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

char *
sync_json_id(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	return sync_json_str(o, key);
}

int
sync_json_bool(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	const char *s;

	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	if (json_is_string(v)) {
		s = json_string_value(v);
		return strcmp(s, "t") == 0 || strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
	}
	return 0;
}

char *
sync_html_text(const char *html)
{
	return html != NULL ? markup_index_text(html, strlen(html), 1u << 20) : NULL;
}

/* ---- JSON mapping (unit-tested with recorded answers) ------------------ */

/* The fields tt-rss and Miniflux name alike (id, feed_id, title, author,
 * content) and the link under its key. */
static void
sync_map_fields(const json_t *h, const char *link, struct sync_item_in *x)
{
	x->remote = sync_json_id(h, "id");
	x->feed_remote = sync_json_id(h, "feed_id");
	if (x->feed_remote == NULL)
		x->feed_remote = xstrdup("");
	x->item.title = sync_json_str(h, "title");
	x->item.link = sync_json_str(h, link);
	x->item.author = sync_json_str(h, "author");
	x->item.content = sync_json_str(h, "content");
}

int
sync_ttrss_parse_subs(const json_t *feeds, const json_t *cats, struct sync_sub **s,
    size_t *n, struct err *e)
{
	size_t i, j, cap = 0;
	const json_t *f, *cat;

	*s = NULL;
	*n = 0;
	if (!json_is_array(feeds) || !json_is_array(cats))
		return err_set(e, "getFeeds or getCategories did not answer a list");
	json_array_foreach(feeds, i, f) {
		struct sync_sub x = { 0 };
		char *cat_id;

		x.remote = sync_json_id(f, "id");
		x.url = sync_json_str(f, "feed_url");
		if (x.remote == NULL || x.url == NULL || *x.url == '\0' || *n >= SYNC_MAX_FEEDS) {
			free(x.remote);
			free(x.url);
			continue;
		}
		x.title = sync_json_str(f, "title");
		/* category 0 is tt-rss's "Uncategorized": no tag */
		cat_id = sync_json_id(f, "cat_id");
		json_array_foreach(cats, j, cat) {
			char *id = sync_json_id(cat, "id");

			if (cat_id != NULL && id != NULL && strcmp(id, cat_id) == 0 &&
			    strcmp(id, "0") != 0 && x.tag == NULL)
				x.tag = sync_json_str(cat, "title");
			free(id);
		}
		free(cat_id);
		*s = xgrow(*s, *n, &cap, 16, sizeof **s);
		(*s)[(*n)++] = x;
	}
	return 0;
}

int
sync_ttrss_parse_headlines(const json_t *list, struct sync_item_in **it, size_t *n,
    size_t *cap, int64_t *max_id, struct err *e)
{
	const json_t *h;
	size_t i;

	if (!json_is_array(list))
		return err_set(e, "getHeadlines did not answer a list");
	json_array_foreach(list, i, h) {
		struct sync_item_in x = { 0 };
		const json_t *id = json_object_get(h, "id");
		const json_t *upd = json_object_get(h, "updated");

		if (!json_is_integer(id) || *n >= SYNC_MAX_ITEMS)
			continue;
		if (json_integer_value(id) > *max_id)
			*max_id = json_integer_value(id);
		sync_map_fields(h, "link", &x);
		if (json_is_integer(upd) && json_integer_value(upd) > 0)
			x.item.published = (time_t)json_integer_value(upd);
		x.text = sync_html_text(x.item.content);
		x.read = !sync_json_bool(h, "unread");
		x.starred = sync_json_bool(h, "marked");
		*it = xgrow(*it, *n, cap, 64, sizeof **it);
		(*it)[(*n)++] = x;
	}
	return 0;
}


/* ---- requests ---------------------------------------------------------- */

void
sync_form_add(struct buf *b, const char *key, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *parts[2] = { key, value };
	size_t k;

	if (b->len > 0)
		(void)buf_addc(b, '&');
	for (k = 0; k < 2; k++) {
		const unsigned char *p;

		if (k == 1)
			(void)buf_addc(b, '=');
		for (p = (const unsigned char *)parts[k]; *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
			    *p == '~') {
				(void)buf_addc(b, (char)*p);
			} else {
				(void)buf_addc(b, '%');
				(void)buf_addc(b, hex[*p >> 4]);
				(void)buf_addc(b, hex[*p & 15]);
			}
		}
	}
}

char *
sync_base64(const char *s)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i, o = 0;
	char *out = xmalloc(n / 3 * 4 + 5);

	for (i = 0; i + 2 < n; i += 3) {
		out[o++] = tab[p[i] >> 2];
		out[o++] = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		out[o++] = tab[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		out[o++] = tab[p[i + 2] & 63];
	}
	if (i < n) {
		out[o++] = tab[p[i] >> 2];
		if (i + 1 < n) {
			out[o++] = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
			out[o++] = tab[(p[i + 1] & 15) << 2];
		} else {
			out[o++] = tab[(p[i] & 3) << 4];
			out[o++] = '=';
		}
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

/* ---- Miniflux ---------------------------------------------------------- */

int
sync_miniflux_parse_feeds(const json_t *feeds, struct sync_sub **s, size_t *n,
    struct err *e)
{
	size_t i, cap = 0;
	const json_t *f;

	*s = NULL;
	*n = 0;
	if (!json_is_array(feeds))
		return err_set(e, "/v1/feeds did not answer a list");
	json_array_foreach(feeds, i, f) {
		struct sync_sub x = { 0 };

		x.remote = sync_json_id(f, "id");
		x.url = sync_json_str(f, "feed_url");
		if (x.remote == NULL || *x.remote == '\0' || x.url == NULL || *x.url == '\0' ||
		    *n >= SYNC_MAX_FEEDS) {
			free(x.remote);
			free(x.url);
			continue;
		}
		x.title = sync_json_str(f, "title");
		/* every Miniflux feed is in one category ("All" at first) */
		x.tag = sync_json_str(json_object_get(f, "category"), "title");
		if (x.tag != NULL && *x.tag == '\0') {
			free(x.tag);
			x.tag = NULL;
		}
		*s = xgrow(*s, *n, &cap, 16, sizeof **s);
		(*s)[(*n)++] = x;
	}
	return 0;
}

int
sync_miniflux_entry_value(const json_t *entry, enum sync_field f)
{
	const char *st;

	if (!json_is_object(entry) || !json_is_integer(json_object_get(entry, "id")))
		return -1;
	if (f == SYNC_FIELD_STARRED)
		return sync_json_bool(entry, "starred");
	st = json_string_value(json_object_get(entry, "status"));
	return st != NULL && strcmp(st, "unread") != 0;
}

int
sync_miniflux_parse_entries(const json_t *ans, struct sync_item_in **it, size_t *n,
    size_t *cap, int64_t *max_id, long long *total, struct err *e)
{
	const json_t *list = json_object_get(ans, "entries"), *h, *t;
	size_t i;

	t = json_object_get(ans, "total");
	*total = json_is_integer(t) ? (long long)json_integer_value(t) : -1;
	/* no entries at all is JSON null in Go's encoding */
	if (json_is_object(ans) && json_is_null(list))
		return 0;
	if (!json_is_array(list))
		return err_set(e, "/v1/entries did not answer {\"entries\": [...]}");
	json_array_foreach(list, i, h) {
		struct sync_item_in x = { 0 };
		const json_t *id = json_object_get(h, "id");
		const char *date = json_string_value(json_object_get(h, "published_at"));
		time_t when;

		if (!json_is_integer(id) || json_integer_value(id) <= 0 || *n >= SYNC_MAX_ITEMS)
			continue;
		if (json_integer_value(id) > *max_id)
			*max_id = json_integer_value(id);
		sync_map_fields(h, "url", &x);
		if (date != NULL && date_parse(date, &when) == 0 && when > 0)
			x.item.published = when;
		x.text = sync_html_text(x.item.content);
		x.read = sync_miniflux_entry_value(h, SYNC_FIELD_READ) == 1;
		x.starred = sync_json_bool(h, "starred");
		*it = xgrow(*it, *n, cap, 64, sizeof **it);
		(*it)[(*n)++] = x;
	}
	return 0;
}

/* ---- the Google Reader API --------------------------------------------- */

#define GREADER_ITEM "tag:google.com,2005:reader/item/"

char *
sync_greader_id(const char *id)
{
	const char *tail;
	unsigned long long v = 0;
	size_t i;

	if (strncmp(id, GREADER_ITEM, strlen(GREADER_ITEM)) != 0)
		return xstrdup(id);
	tail = id + strlen(GREADER_ITEM);
	if (strlen(tail) != 16)
		return xstrdup(tail);
	for (i = 0; i < 16; i++) {
		int d = text_hexval((unsigned char)tail[i]);

		if (d < 0)
			return xstrdup(tail);
		v = v << 4 | (unsigned)d;
	}
	/* items/ids writes the 64 bits as a signed number */
	if (v > (unsigned long long)INT64_MAX)
		return xasprintf("%lld", (long long)(int64_t)(v - (unsigned long long)INT64_MAX - 1) +
		    INT64_MIN);
	return xasprintf("%lld", (long long)v);
}

int
sync_greader_parse_subs(const json_t *ans, struct sync_sub **s, size_t *n, struct err *e)
{
	const json_t *list = json_object_get(ans, "subscriptions"), *f, *cats, *c;
	size_t i, j, cap = 0;

	*s = NULL;
	*n = 0;
	if (!json_is_array(list))
		return err_set(e, "subscription/list did not answer {\"subscriptions\": [...]}");
	json_array_foreach(list, i, f) {
		struct sync_sub x = { 0 };

		x.remote = sync_json_str(f, "id");
		x.url = sync_json_str(f, "url");
		/* FreshRSS's ids are "feed/" and the feed's URL */
		if (x.url == NULL && x.remote != NULL && strncmp(x.remote, "feed/http", 9) == 0)
			x.url = xstrdup(x.remote + 5);
		if (x.remote == NULL || *x.remote == '\0' || x.url == NULL || *x.url == '\0' ||
		    *n >= SYNC_MAX_FEEDS) {
			free(x.remote);
			free(x.url);
			continue;
		}
		x.title = sync_json_str(f, "title");
		/* the first folder ("user/-/label/NAME") is the tag */
		cats = json_object_get(f, "categories");
		json_array_foreach(cats, j, c) {
			if (x.tag == NULL)
				x.tag = sync_json_str(c, "label");
			if (x.tag != NULL && *x.tag == '\0') {
				free(x.tag);
				x.tag = NULL;
			}
		}
		*s = xgrow(*s, *n, &cap, 16, sizeof **s);
		(*s)[(*n)++] = x;
	}
	return 0;
}

/* 1 when an item's categories hold the state tag "user/.../state/com.google/NAME" */
static int
greader_has_state(const json_t *item, const char *name)
{
	const json_t *c;
	const char *s, *p;
	size_t i;

	json_array_foreach(json_object_get(item, "categories"), i, c) {
		if ((s = json_string_value(c)) == NULL || strncmp(s, "user/", 5) != 0)
			continue;
		p = strstr(s, "/state/com.google/");
		if (p != NULL && strcmp(p + strlen("/state/com.google/"), name) == 0)
			return 1;
	}
	return 0;
}

int
sync_greader_item_value(const json_t *item, enum sync_field f)
{
	return greader_has_state(item, f == SYNC_FIELD_STARRED ? "starred" : "read");
}

/* An integer member written as a number or a decimal string, 0 otherwise. */
static long long
greader_num(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	const char *s;
	char *end;
	long long x;

	if (json_is_integer(v))
		return (long long)json_integer_value(v);
	if ((s = json_string_value(v)) == NULL)
		return 0;
	errno = 0;
	x = strtoll(s, &end, 10);
	return errno == 0 && end != s && *end == '\0' ? x : 0;
}

/* The first href of a list of {"href": ...} (canonical, alternate). */
static char *
greader_href(const json_t *item, const char *key)
{
	const json_t *l = json_object_get(item, key), *h;
	size_t i;

	json_array_foreach(l, i, h) {
		char *s = sync_json_str(h, "href");

		if (s != NULL && *s)
			return s;
		free(s);
	}
	return NULL;
}

int
sync_greader_parse_items(const json_t *ans, struct sync_item_in **it, size_t *n,
    size_t *cap, int64_t *newest, char **cont, struct err *e)
{
	const json_t *list = json_object_get(ans, "items"), *h;
	size_t i;

	*cont = NULL;
	if (!json_is_array(list))
		return err_set(e, "stream/contents did not answer {\"items\": [...]}");
	json_array_foreach(list, i, h) {
		struct sync_item_in x = { 0 };
		const char *id = json_string_value(json_object_get(h, "id"));
		long long pub = greader_num(h, "published"), crawl = greader_num(h, "crawlTimeMsec");

		if (id == NULL || *id == '\0' || *n >= SYNC_MAX_ITEMS)
			continue;
		if (crawl / 1000 > *newest)
			*newest = crawl / 1000;
		else if (crawl <= 0 && pub > *newest)
			*newest = pub;
		x.remote = sync_greader_id(id);
		if (*x.remote == '\0') {
			free((char *)x.remote);
			continue;
		}
		x.feed_remote = sync_json_str(json_object_get(h, "origin"), "streamId");
		if (x.feed_remote == NULL)
			x.feed_remote = xstrdup("");
		x.item.title = sync_json_str(h, "title");
		x.item.link = greader_href(h, "canonical");
		if (x.item.link == NULL)
			x.item.link = greader_href(h, "alternate");
		x.item.author = sync_json_str(h, "author");
		x.item.content = sync_json_str(json_object_get(h, "content"), "content");
		if (x.item.content == NULL)
			x.item.content = sync_json_str(json_object_get(h, "summary"), "content");
		if (pub > 0)
			x.item.published = (time_t)pub;
		x.text = sync_html_text(x.item.content);
		x.read = greader_has_state(h, "read");
		x.starred = greader_has_state(h, "starred");
		*it = xgrow(*it, *n, cap, 64, sizeof **it);
		(*it)[(*n)++] = x;
	}
	*cont = sync_json_str(ans, "continuation");
	if (*cont != NULL && **cont == '\0') {
		free(*cont);
		*cont = NULL;
	}
	return 0;
}

int
sync_greader_parse_ids(const json_t *ans, struct sync_ids *ids, struct err *e)
{
	const json_t *list = json_object_get(ans, "itemRefs"), *r;
	size_t i;

	/* FreshRSS leaves itemRefs out of an empty answer */
	if (json_is_object(ans) && list == NULL)
		return 0;
	if (!json_is_array(list))
		return err_set(e, "stream/items/ids did not answer {\"itemRefs\": [...]}");
	json_array_foreach(list, i, r) {
		char *id = sync_json_id(r, "id");

		if (id != NULL && *id && ids->n < SYNC_MAX_IDS)
			sync_ids_add(ids, id);
		free(id);
	}
	return 0;
}
