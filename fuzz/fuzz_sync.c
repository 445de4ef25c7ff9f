/*
 * fuzz_sync: libFuzzer harness for what a sync makes of a feed server's
 * JSON (app/sync_map.c): tt-rss's getHeadlines and getFeeds answers.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sync_item_in *it = NULL;
	struct sync_sub *s = NULL;
	size_t n = 0, cap = 0, ns = 0, i;
	json_t *j, *content;
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
	json_decref(j);
	return 0;
}
