/*
 * sync_map: what a sync makes of a server's JSON, with no network: the
 * helpers the drivers share (JSON members, lists, items) and tt-rss's
 * mapping of its answers.  Apart from sync.c and the drivers' calls so
 * that the unit tests and the fuzzer (fuzz/fuzz_sync.c) link it alone.
 */
#include <stdlib.h>
#include <string.h>

#include "app/sync_priv.h"
#include "markup/markup.h"
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
	return html != NULL ? markup_html_text(html, strlen(html), 1u << 20) : NULL;
}

/* ---- JSON mapping (unit-tested with recorded answers) ------------------ */

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
		x.remote = sync_json_id(h, "id");
		x.feed_remote = sync_json_id(h, "feed_id");
		if (x.feed_remote == NULL)
			x.feed_remote = xstrdup("");
		x.item.title = sync_json_str(h, "title");
		x.item.link = sync_json_str(h, "link");
		x.item.author = sync_json_str(h, "author");
		x.item.content = sync_json_str(h, "content");
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

