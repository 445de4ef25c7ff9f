/*
 * fuzz_sync: libFuzzer harness for what a sync makes of a feed server's
 * JSON (app/sync_map.c): tt-rss's getHeadlines and getFeeds answers,
 * Miniflux's /v1/feeds and /v1/entries, the Google Reader API's
 * subscription/list, stream/contents and stream/items/ids (the same bytes
 * through every mapping; a replay file's pairs one by one as well).
 *
 * Property: any bytes either fail to parse as JSON or map to items and
 * subscriptions whose every id is a non-empty string, within the bounds
 * of sync_priv.h, with no crash, leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/sync_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_items(struct sync_item_in *it, size_t n)
{
	size_t i;

	if (n > SYNC_MAX_ITEMS)
		abort();
	for (i = 0; i < n; i++)
		if (it[i].remote == NULL || it[i].feed_remote == NULL)
			abort();
	sync_items_free(it, n);
}

static void
check_subs(struct sync_sub *s, size_t n)
{
	size_t i;

	if (n > SYNC_MAX_FEEDS)
		abort();
	for (i = 0; i < n; i++)
		if (s[i].remote == NULL || *s[i].remote == '\0' || s[i].url == NULL ||
		    *s[i].url == '\0')
			abort();
	sync_subs_free(s, n);
}

/* Miniflux's and the Google Reader API's mappings of one answer. */
static void
check_answer(const json_t *a)
{
	struct sync_item_in *it = NULL;
	struct sync_sub *s = NULL;
	struct sync_ids ids = { 0 };
	size_t n = 0, cap = 0, ns = 0, i;
	int64_t max = 0;
	long long total;
	char *cont = NULL;
	struct err e;

	if (sync_miniflux_parse_entries(a, &it, &n, &cap, &max, &total, &e) == 0 &&
	    (n > 0 && max <= 0))
		abort();
	check_items(it, n);
	if (sync_miniflux_parse_feeds(a, &s, &ns, &e) == 0)
		check_subs(s, ns);
	(void)sync_miniflux_entry_value(a, SYNC_FIELD_READ);
	it = NULL;
	n = cap = 0;
	(void)sync_greader_parse_items(a, &it, &n, &cap, &max, &cont, &e);
	if (cont != NULL && *cont == '\0')
		abort();
	free(cont);
	for (i = 0; i < n; i++)
		if (*it[i].remote == '\0')
			abort();
	check_items(it, n);
	s = NULL;
	ns = 0;
	if (sync_greader_parse_subs(a, &s, &ns, &e) == 0)
		check_subs(s, ns);
	if (sync_greader_parse_ids(a, &ids, &e) == 0 && ids.n > SYNC_MAX_IDS)
		abort();
	for (i = 0; i < ids.n; i++)
		if (*ids.v[i] == '\0')
			abort();
	sync_ids_release(&ids);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sync_item_in *it = NULL;
	struct sync_sub *s = NULL;
	size_t n = 0, cap = 0, ns = 0, i;
	json_t *j, *content, *pair;
	json_error_t je;
	struct err e;
	int64_t max = 0;

	j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL)
		return 0;
	/* a whole answer ({"status", "content"}) or the content alone */
	content = json_object_get(j, "content");
	if (content == NULL)
		content = j;
	if (sync_ttrss_parse_headlines(content, &it, &n, &cap, &max, &e) == 0) {
		if (n > SYNC_MAX_ITEMS)
			abort();
		for (i = 0; i < n; i++)
			if (it[i].remote == NULL || *it[i].remote == '\0' || it[i].feed_remote == NULL)
				abort();
	}
	sync_items_free(it, n);
	if (sync_ttrss_parse_subs(content, content, &s, &ns, &e) == 0) {
		if (ns > SYNC_MAX_FEEDS)
			abort();
		for (i = 0; i < ns; i++)
			if (s[i].remote == NULL || s[i].url == NULL || *s[i].url == '\0')
				abort();
	}
	sync_subs_free(s, ns);
	check_answer(j);
	json_array_foreach(json_object_get(j, "pairs"), i, pair)
		check_answer(json_object_get(pair, "json"));
	json_decref(j);
	return 0;
}
