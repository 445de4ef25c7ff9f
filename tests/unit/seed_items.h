/*
 * For the unit tests of the reader's lists on a real cache: seed_items
 * stores n items "PREFIX-i" (guid "PREFIX-guid-i", link
 * https://example.org/PREFIX/i, summary "<p>summary</p>") in feed, item i
 * published at SEED_ITEMS_TIME - i * step - offset, in one transaction,
 * so a test can interleave feeds by choosing step and offset.  Include
 * after cmocka.h.
 */
#ifndef TIDINGS_TEST_SEED_ITEMS_H
#define TIDINGS_TEST_SEED_ITEMS_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "feed/feed.h"
#include "store/db.h"
#include "store/items.h"
#include "util/err.h"
#include "util/xalloc.h"

#define SEED_ITEMS_TIME 1700000000

static inline void
seed_items(struct db *db, int64_t feed, const char *prefix, int n, int step, int offset)
{
	struct item *items = xcalloc((size_t)n, sizeof *items);
	struct err e;
	int i;

	for (i = 0; i < n; i++) {
		items[i].guid = xasprintf("%s-guid-%d", prefix, i);
		items[i].title = xasprintf("%s-%d", prefix, i);
		items[i].link = xasprintf("https://example.org/%s/%d", prefix, i);
		items[i].summary = xstrdup("<p>summary</p>");
		items[i].published = SEED_ITEMS_TIME - (time_t)i * step - offset;
	}
	assert_int_equal(db_begin(db, &e), 0);
	if (items_store(db, feed, prefix, items, NULL, (size_t)n, SEED_ITEMS_TIME, NULL, &e) < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(db_commit(db, &e), 0);
	for (i = 0; i < n; i++) {
		free(items[i].guid);
		free(items[i].title);
		free(items[i].link);
		free(items[i].summary);
	}
	free(items);
}

#endif
