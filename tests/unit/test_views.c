/* Unit tests for the reader's view models, against a real cache in a temp dir. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/settings.h"
#include "app/keymap.h"
#include "app/view_article.h"
#include "app/view_cmdline.h"
#include "app/view_feeds.h"
#include "app/view_help.h"
#include "app/view_items.h"
#include "app/view_list.h"
#include "store/views.h"
#include "app/view_search.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/text.h"
#include "seed_items.h"
#include "tmp_cache.h"

#define BASE_TIME SEED_ITEMS_TIME

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
	struct db *db;
	int64_t feed_a, feed_b, feed_c;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char tnews[] = "news", ttech[] = "tech";
	char *news[] = { tnews }, *both[] = { tnews, ttech };
	struct err e;

	if (tmp_cache_open(f->dir, sizeof f->dir, "views", &f->path, &f->db) < 0)
		return -1;
	assert_int_equal(feeds_ensure(f->db, "https://a.example/feed", &f->feed_a, &e), 0);
	assert_int_equal(feeds_ensure(f->db, "https://b.example/feed", &f->feed_b, &e), 0);
	assert_int_equal(feeds_ensure(f->db, "https://c.example/feed", &f->feed_c, &e), 0);
	assert_int_equal(feeds_set_tags(f->db, "https://a.example/feed", news, 1, &e), 0);
	assert_int_equal(feeds_set_tags(f->db, "https://b.example/feed", both, 2, &e), 0);
	/* A: 300 items at even minutes, B: 20 items interleaved at odd minutes */
	seed_items(f->db, f->feed_a, "A", 300, 60, 0);
	seed_items(f->db, f->feed_b, "B", 20, 60, 30);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tmp_cache_remove(f->dir, f->path, f->db);
	free(f);
	return 0;
}

/* ---- view_list ---- */

enum op { OP_MOVE, OP_PAGE, OP_HOME, OP_END, OP_COUNT, OP_HEIGHT, OP_SCROLL, OP_GOTO };

struct list_case {
	int count, height;
	enum op op;
	int arg;
	int cursor, top;	/* expected after op, starting from cursor 0 top 0 */
	int start;		/* goto this row first */
};

/* A list of c's count and height, the cursor on c->start, then c's op. */
static void
run_list_case(const struct list_case *c, struct view_list *l)
{
	view_list_init(l);
	view_list_set_height(l, c->height);
	view_list_set_count(l, c->count);
	view_list_goto(l, c->start);
	switch (c->op) {
	case OP_MOVE: view_list_move(l, c->arg); break;
	case OP_PAGE: view_list_page(l, c->arg); break;
	case OP_HOME: view_list_home(l); break;
	case OP_END: view_list_end(l); break;
	case OP_COUNT: view_list_set_count(l, c->arg); break;
	case OP_HEIGHT: view_list_set_height(l, c->arg); break;
	case OP_SCROLL: view_list_scroll(l, c->arg); break;
	case OP_GOTO: view_list_goto(l, c->arg); break;
	}
}

static void
test_list_table(void **state)
{
	static const struct list_case cases[] = {
		{ 100, 10, OP_MOVE, 1, 1, 0, 0 },
		{ 100, 10, OP_MOVE, -1, 0, 0, 0 },
		{ 100, 10, OP_MOVE, 10, 10, 1, 0 },
		{ 100, 10, OP_MOVE, 1000, 99, 90, 0 },
		{ 100, 10, OP_MOVE, -1000, 0, 0, 50 },
		{ 100, 10, OP_PAGE, 1, 10, 10, 0 },
		{ 100, 10, OP_PAGE, 2, 20, 20, 0 },
		{ 100, 10, OP_PAGE, 1, 99, 90, 95 },
		{ 100, 10, OP_PAGE, -1, 40, 31, 50 },
		{ 100, 10, OP_PAGE, -1, 0, 0, 5 },
		{ 100, 10, OP_HOME, 0, 0, 0, 50 },
		{ 100, 10, OP_END, 0, 99, 90, 0 },
		{ 100, 10, OP_COUNT, 20, 19, 10, 50 },	/* shrank under the cursor */
		{ 100, 10, OP_COUNT, 0, 0, 0, 50 },
		{ 100, 10, OP_HEIGHT, 3, 50, 48, 50 },
		{ 100, 10, OP_HEIGHT, 0, 50, 50, 50 },	/* height 0 acts as 1 */
		{ 100, 10, OP_HEIGHT, 1000, 50, 0, 50 },
		{ 0, 10, OP_MOVE, 1, 0, 0, 0 },
		{ 0, 10, OP_END, 0, 0, 0, 0 },
		{ 5, 10, OP_END, 0, 4, 0, 0 },
		{ 100, 10, OP_SCROLL, 5, 5, 5, 0 },		/* cursor dragged along */
		{ 100, 10, OP_SCROLL, 500, 90, 90, 0 },
		{ 100, 10, OP_GOTO, -5, 0, 0, 50 },
		{ 100, 10, OP_GOTO, 100, 99, 90, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct list_case *c = &cases[i];
		struct view_list l;

		run_list_case(c, &l);
		if (l.cursor != c->cursor || l.top != c->top)
			fail_msg("case %zu: cursor %d top %d", i, l.cursor, l.top);
		assert_true(l.cursor >= l.top);
		assert_true(l.cursor < l.top + (l.height > 0 ? l.height : 1));
	}
}

/* scrolloff and wrap-scroll (view_list_style), for every list */
static void
test_list_style_table(void **state)
{
	static const struct {
		int scrolloff, wrap;
		struct list_case c;
	} cases[] = {
		/* three rows kept below the cursor going down, above going up */
		{ 3, 0, { 100, 10, OP_MOVE, 1, 7, 1, 6 } },
		{ 3, 0, { 100, 10, OP_MOVE, 1, 6, 0, 5 } },
		{ 3, 0, { 100, 10, OP_GOTO, 50, 50, 44, 0 } },
		{ 3, 0, { 100, 10, OP_MOVE, -1, 49, 44, 50 } },
		{ 3, 0, { 100, 10, OP_MOVE, -5, 45, 42, 50 } },
		/* not past the ends of the list */
		{ 3, 0, { 100, 10, OP_END, 0, 99, 90, 0 } },
		{ 3, 0, { 100, 10, OP_HOME, 0, 0, 0, 50 } },
		/* a large scrolloff centres the cursor */
		{ 99, 0, { 100, 11, OP_GOTO, 50, 50, 45, 0 } },
		{ 99, 0, { 100, 10, OP_GOTO, 50, 50, 45, 0 } },
		/* wrap-scroll: down from the last, up from the first */
		{ 0, 1, { 100, 10, OP_MOVE, 1, 0, 0, 99 } },
		{ 0, 1, { 100, 10, OP_MOVE, -1, 99, 90, 0 } },
		{ 0, 1, { 100, 10, OP_MOVE, 1, 51, 42, 50 } },
		{ 0, 1, { 100, 10, OP_PAGE, 1, 99, 90, 99 } },
		{ 0, 0, { 100, 10, OP_MOVE, 1, 99, 90, 99 } },
		{ 0, 1, { 0, 10, OP_MOVE, 1, 0, 0, 0 } },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct list_case *c = &cases[i].c;
		struct view_list l;

		view_list_style(cases[i].scrolloff, cases[i].wrap);
		run_list_case(c, &l);
		if (l.cursor != c->cursor || l.top != c->top)
			fail_msg("case %zu: cursor %d top %d, want %d %d", i, l.cursor, l.top,
			    c->cursor, c->top);
	}
	view_list_style(0, 0);
}

/*
 * The feed list's and the article list's rows through the formats:
 * tidings' defaults (settings_table.h) give the look tidings always had,
 * newsboat's defaults newsboat's look, and a failed feed's mark lands
 * on its "! ".
 */
static void
test_list_formats(void **state)
{
	struct fixture *f = *state;
	struct view_feeds v;
	struct view_items it;
	struct settings cfg;
	struct feed_poll_result res = { .status = FEEDS_HTTP_ERROR, .http_code = 404,
	    .error = "gone", .failed = 1 };
	const struct item_row *r;
	struct buf b;
	size_t ms, me;
	struct err e;

	(void)state;
	settings_init(&cfg);
	setenv("TZ", "UTC", 1);
	assert_int_equal(feeds_record_poll(f->db, f->feed_b, &res, &e), 0);
	view_feeds_init(&v, 1);
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	buf_init(&b, 0);
	view_feeds_format(&v, 0, settings_str(&cfg, SETTINGS_V_FEEDLIST_FORMAT), 0, &b, &ms, &me);
	assert_string_equal(b.data, "     N   (320/320)  All items");
	buf_reset(&b);
	view_feeds_format(&v, 2, settings_str(&cfg, SETTINGS_V_FEEDLIST_FORMAT), 0, &b, &ms, &me);
	assert_string_equal(b.data, "   2 N     (20/20)  ! https://b.example/feed  [news, tech]");
	assert_memory_equal(b.data + ms, "! ", 2);
	assert_int_equal(me - ms, 2);
	/* newsboat's own default: no mark, no tags, one blank before the title */
	buf_reset(&b);
	view_feeds_format(&v, 1, "%4i %n %11u %t", 0, &b, &ms, &me);
	assert_string_equal(b.data, "   1 N   (300/300) https://a.example/feed");
	assert_int_equal(me, ms);
	buf_reset(&b);
	view_feeds_format_title(&v, "tidings", "1.0", settings_str(&cfg,
	    SETTINGS_V_FEEDLIST_TITLE_FORMAT), 0, &b);
	assert_string_equal(b.data, "tidings 1.0 - Feeds (320 unread, 320 total)  320 articles to fetch");

	view_items_init(&it);
	it.list.height = 5;
	assert_int_equal(view_items_open(&it, f->db, 0, NULL, 0, "All items", &e), 0);
	assert_int_equal(view_items_set_starred(&it, f->db, 1, &e), 0);
	r = view_items_row(&it, 0);
	buf_reset(&b);
	view_items_format(&it, r, 0, "%4i %n%s %D  %?T?%-20T  &?%t", "%b %d", 0, 0, &b);
	assert_string_equal(b.data, "   1 N* Nov 14  https://a.example/fe  A-0");
	/* newsboat's default: %f shows a starred item as flagged */
	buf_reset(&b);
	view_items_format(&it, r, 0, "%4i %f %D %6L  %?T?|%-17T|  &?%t", "%Y-%m-%d", 0, 0, &b);
	assert_string_equal(b.data, "   1 N! 2023-11-14         |https://a.example|  A-0");
	buf_reset(&b);
	view_items_format_title(&it, "tidings", "1.0", settings_str(&cfg,
	    SETTINGS_V_ARTICLELIST_TITLE_FORMAT), 3, 320, NULL, 0, &b);
	assert_string_equal(b.data, "tidings 1.0 - All items (320 items)");
	buf_release(&b);
	view_items_release(&it);
	view_feeds_release(&v);
	settings_release(&cfg);
}

/* ---- view_feeds ---- */

static void
test_feeds_counts(void **state)
{
	struct fixture *f = *state;
	struct view_feeds v;
	struct err e;

	view_feeds_init(&v, 1);
	if (view_feeds_load(&v, f->db, &e) < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(v.nrows, 4);
	assert_string_equal(v.rows[0].title, "All items");
	assert_int_equal(v.rows[0].total, 320);
	assert_int_equal(v.rows[0].unread, 320);
	assert_int_equal(v.rows[1].id, f->feed_a);
	assert_int_equal(v.rows[1].total, 300);
	assert_string_equal(v.rows[1].tags, "news");
	assert_int_equal(v.rows[2].total, 20);
	assert_string_equal(v.rows[2].tags, "news, tech");
	assert_int_equal(v.rows[3].total, 0);
	/* no title yet: the URL stands in */
	assert_string_equal(v.rows[3].title, "https://c.example/feed");
	assert_int_equal(v.ntags, 2);
	/* the title bar's articles still to fetch (issue 11 item 18) */
	assert_int_equal(v.backlog, 320);
	{
		struct article_in a = { .status = ARTICLE_OK, .text = "fetched" };

		assert_int_equal(articles_store(f->db, 1, &a, &e), 0);
	}
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	assert_int_equal(v.backlog, 319);
	view_feeds_release(&v);
}

static void
test_feeds_hide_read_and_keep_cursor(void **state)
{
	struct fixture *f = *state;
	struct view_feeds v;
	struct err e;

	view_feeds_init(&v, 0);
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	/* C has nothing unread: hidden */
	assert_int_equal(v.nrows, 3);
	assert_int_equal(view_feeds_select(&v, f->feed_b), 1);
	assert_int_equal(view_feeds_select(&v, f->feed_c), 0);
	assert_int_equal(items_mark_feed_read(f->db, f->feed_a, &e), 0);
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	assert_int_equal(v.nrows, 2);
	/* still on B although A above it went away */
	assert_int_equal(view_feeds_current(&v)->id, f->feed_b);
	assert_int_equal(v.rows[0].unread, 20);
	view_feeds_release(&v);
}

static void
test_feeds_tag_filter(void **state)
{
	struct fixture *f = *state;
	struct view_feeds v;
	struct err e;

	view_feeds_init(&v, 1);
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	assert_string_equal(view_feeds_next_tag(&v), "news");
	view_feeds_set_tag(&v, "tech");
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	assert_int_equal(v.nrows, 2);
	assert_int_equal(v.rows[1].id, f->feed_b);
	assert_int_equal(v.rows[0].total, 20);
	assert_null(view_feeds_next_tag(&v));
	view_feeds_set_tag(&v, "news");
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	assert_int_equal(v.nrows, 3);
	assert_string_equal(view_feeds_next_tag(&v), "tech");
	view_feeds_release(&v);
}

static void
test_feeds_next_unread(void **state)
{
	struct fixture *f = *state;
	struct view_feeds v;
	struct err e;

	assert_int_equal(items_mark_feed_read(f->db, f->feed_a, &e), 0);
	view_feeds_init(&v, 1);
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	assert_int_equal(view_feeds_next_unread(&v, 1), 1);
	assert_int_equal(view_feeds_current(&v)->id, f->feed_b);
	assert_int_equal(view_feeds_next_unread(&v, 1), 0);
	assert_int_equal(view_feeds_next_unread(&v, -1), 0);
	view_feeds_release(&v);
}

static int
unread_of(struct db *db, int64_t feed)
{
	struct items_query q = { 0 };
	struct err e;
	int n = -1;

	q.feed_id = feed;
	q.unread_only = 1;
	assert_int_equal(items_count(db, &q, &n, &e), 0);
	return n;
}

/* Issue 11 #24: C and A mark what the screen loaded, not what a poll added since. */
static void
test_mark_read_stops_at_what_was_loaded(void **state)
{
	struct fixture *f = *state;
	struct view_feeds v;
	struct view_items it;
	struct err e;

	view_feeds_init(&v, 1);
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	/* a cron poll adds items to C and A while the feed list is on screen */
	seed_items(f->db, f->feed_c, "C", 3, 60, 0);
	seed_items(f->db, f->feed_a, "A-new", 2, 60, 0);
	assert_int_equal(view_feeds_mark_read(&v, f->db, 0, &e), 0);
	assert_int_equal(unread_of(f->db, f->feed_b), 0);
	assert_int_equal(unread_of(f->db, f->feed_c), 3);
	assert_int_equal(unread_of(f->db, f->feed_a), 2);
	/* once shown (reloaded), they are marked */
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	assert_int_equal(view_feeds_mark_read(&v, f->db, f->feed_c, &e), 0);
	assert_int_equal(unread_of(f->db, f->feed_c), 0);
	assert_int_equal(unread_of(f->db, f->feed_a), 2);
	view_feeds_release(&v);

	/* the item list: A marks the feed up to what the list loaded */
	view_items_init(&it);
	assert_int_equal(view_items_open(&it, f->db, f->feed_a, NULL, 1, "A", &e), 0);
	seed_items(f->db, f->feed_a, "A-later", 4, 60, 0);
	assert_int_equal(view_items_mark_read(&it, f->db, 0, &e), 0);
	assert_int_equal(unread_of(f->db, f->feed_a), 4);
	assert_int_equal(view_items_reload(&it, f->db, &e), 0);
	assert_int_equal(view_items_mark_read(&it, f->db, 1, &e), 0);
	assert_int_equal(unread_of(f->db, 0), 0);
	view_items_release(&it);
}

/* ---- view_items ---- */

static void
test_items_paging(void **state)
{
	struct fixture *f = *state;
	struct view_items v;
	struct err e;
	const struct item_row *r;
	int i;

	view_items_init(&v);
	v.list.height = 20;
	if (view_items_open(&v, f->db, f->feed_a, NULL, 0, "A", &e) < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(v.list.count, 300);
	/* only a window is held */
	assert_true(v.nrows <= 60);
	assert_string_equal(view_items_current(&v)->title, "A-0");
	view_list_page(&v.list, 7);
	assert_int_equal(view_items_sync(&v, f->db, &e), 0);
	assert_int_equal(v.list.cursor, 140);
	assert_string_equal(view_items_current(&v)->title, "A-140");
	for (i = v.list.top; i < v.list.top + v.list.height; i++) {
		char want[16];

		r = view_items_row(&v, i);
		assert_non_null(r);
		snprintf(want, sizeof want, "A-%d", i);
		assert_string_equal(r->title, want);
	}
	view_list_end(&v.list);
	assert_int_equal(view_items_sync(&v, f->db, &e), 0);
	assert_string_equal(view_items_current(&v)->title, "A-299");
	assert_string_equal(view_items_current(&v)->feed_title, "https://a.example/feed");
	view_items_release(&v);
}

/* All feeds, newest first: A-i at minute -2i... B-j at -2j-0.5 minutes. */
static void
test_items_all_feeds_order(void **state)
{
	struct fixture *f = *state;
	struct view_items v;
	struct item_row *rows;
	size_t n, i;
	struct items_query q = { 0 };
	struct err e;

	view_items_init(&v);
	v.list.height = 10;
	assert_int_equal(view_items_open(&v, f->db, 0, NULL, 0, NULL, &e), 0);
	assert_int_equal(v.list.count, 320);
	assert_string_equal(view_items_row(&v, 0)->title, "A-0");
	assert_string_equal(view_items_row(&v, 1)->title, "B-0");
	assert_string_equal(view_items_row(&v, 2)->title, "A-1");
	/* the same order as the store's own listing, page by page */
	q.limit = 0;
	assert_int_equal(items_list(f->db, &q, &rows, &n, &e), 0);
	assert_int_equal(n, 320);
	for (i = 0; i < n; i += 37) {
		view_list_goto(&v.list, (int)i);
		assert_int_equal(view_items_sync(&v, f->db, &e), 0);
		assert_int_equal(view_items_current(&v)->id, rows[i].id);
	}
	items_free_rows(rows, n);
	view_items_release(&v);
}

static void
test_feeds_follow_the_feeds_file(void **state)
{
	struct fixture *f = *state;
	const char *file[] = { "https://c.example/feed", "https://a.example/feed" };
	struct view_feeds v;
	struct view_items vi;
	struct err e;

	/* B taken out of the feeds file by hand, C moved to the top */
	assert_int_equal(feeds_sync_listed(f->db, file, 2, &e), 0);
	view_feeds_init(&v, 1);
	if (view_feeds_load(&v, f->db, &e) < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(v.nrows, 3);
	assert_int_equal(v.rows[0].total, 300);	/* All items: B's 20 left out */
	assert_int_equal(v.rows[1].id, f->feed_c);
	assert_int_equal(v.rows[2].id, f->feed_a);
	view_feeds_release(&v);
	view_items_init(&vi);
	vi.list.height = 10;
	assert_int_equal(view_items_open(&vi, f->db, 0, NULL, 0, NULL, &e), 0);
	assert_int_equal(vi.list.count, 300);
	assert_string_equal(view_items_row(&vi, 0)->title, "A-0");
	assert_string_equal(view_items_row(&vi, 1)->title, "A-1");
	view_items_release(&vi);
	/* by tag too: B was the only tech feed */
	view_items_init(&vi);
	vi.list.height = 10;
	assert_int_equal(view_items_open(&vi, f->db, 0, "tech", 0, NULL, &e), 0);
	assert_int_equal(vi.list.count, 0);
	view_items_release(&vi);
}

static void
test_items_tag_and_unread(void **state)
{
	struct fixture *f = *state;
	struct view_items v;
	struct err e;

	view_items_init(&v);
	v.list.height = 10;
	assert_int_equal(view_items_open(&v, f->db, 0, "tech", 0, NULL, &e), 0);
	assert_int_equal(v.list.count, 20);
	assert_int_equal(view_items_current(&v)->feed_id, f->feed_b);
	assert_int_equal(view_items_set_read(&v, f->db, 1, &e), 0);
	assert_int_equal(view_items_open(&v, f->db, f->feed_b, NULL, 1, "B", &e), 0);
	assert_int_equal(v.list.count, 19);
	assert_string_equal(view_items_current(&v)->title, "B-1");
	view_items_release(&v);
}

static void
test_items_toggle_read_persists(void **state)
{
	struct fixture *f = *state;
	struct view_items v;
	struct item_full it;
	struct err e;
	int64_t id;

	view_items_init(&v);
	v.list.height = 5;
	assert_int_equal(view_items_open(&v, f->db, f->feed_a, NULL, 0, "A", &e), 0);
	view_list_move(&v.list, 3);
	assert_int_equal(view_items_sync(&v, f->db, &e), 0);
	id = view_items_current(&v)->id;
	assert_int_equal(view_items_set_read(&v, f->db, -1, &e), 0);
	assert_int_equal(view_items_current(&v)->read, 1);
	assert_int_equal(view_items_set_starred(&v, f->db, -1, &e), 0);
	assert_int_equal(items_get(f->db, id, &it, &e), 1);
	assert_int_equal(it.row.read, 1);
	assert_int_equal(it.row.starred, 1);
	item_full_release(&it);
	/* toggled back */
	assert_int_equal(view_items_set_read(&v, f->db, -1, &e), 0);
	assert_int_equal(items_get(f->db, id, &it, &e), 1);
	assert_int_equal(it.row.read, 0);
	item_full_release(&it);
	/* reload keeps the cursor on the same item */
	assert_int_equal(view_items_reload(&v, f->db, &e), 0);
	assert_int_equal(view_items_current(&v)->id, id);
	view_items_release(&v);
}

static void
test_items_next_unread(void **state)
{
	struct fixture *f = *state;
	struct view_items v;
	struct err e;
	int i;

	view_items_init(&v);
	v.list.height = 5;
	assert_int_equal(view_items_open(&v, f->db, f->feed_a, NULL, 0, "A", &e), 0);
	/* read the first 100 */
	for (i = 0; i < 100; i++) {
		assert_int_equal(view_items_set_read(&v, f->db, 1, &e), 0);
		view_list_move(&v.list, 1);
		assert_int_equal(view_items_sync(&v, f->db, &e), 0);
	}
	view_list_home(&v.list);
	assert_int_equal(view_items_sync(&v, f->db, &e), 0);
	assert_int_equal(view_items_next_unread(&v, f->db, 1, &e), 1);
	assert_int_equal(v.list.cursor, 100);
	assert_string_equal(view_items_current(&v)->title, "A-100");
	assert_int_equal(view_items_next_unread(&v, f->db, -1, &e), 0);
	assert_int_equal(view_items_next_unread(&v, f->db, 1, &e), 1);
	assert_int_equal(v.list.cursor, 101);
	view_list_end(&v.list);
	assert_int_equal(view_items_sync(&v, f->db, &e), 0);
	assert_int_equal(view_items_next_unread(&v, f->db, 1, &e), 0);
	assert_int_equal(view_items_next_unread(&v, f->db, -1, &e), 1);
	assert_int_equal(v.list.cursor, 298);
	view_items_release(&v);
}

static void
test_items_position(void **state)
{
	struct fixture *f = *state;
	struct items_query q = { 0 };
	struct item_row *rows;
	size_t n;
	struct err e;
	int pos;

	q.feed_id = f->feed_b;
	assert_int_equal(views_items(f->db, &q, 5, 3, -1, &rows, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].title, "B-5");
	assert_int_equal(views_position(f->db, &q, rows[2].id, &pos, &e), 1);
	assert_int_equal(pos, 7);
	/* an item of another feed is not in this list */
	q.feed_id = f->feed_a;
	assert_int_equal(views_position(f->db, &q, rows[2].id, &pos, &e), 0);
	assert_int_equal(views_position(f->db, &q, 999999, &pos, &e), 0);
	items_free_rows(rows, n);
}

/* A page deep in the list (read from the oldest end) is the same page. */
static void
test_items_deep_pages(void **state)
{
	struct fixture *f = *state;
	struct items_query q = { 0 };
	struct item_row *a, *b;
	size_t na, nb, i;
	int offsets[] = { 0, 150, 161, 250, 310, 315, 319 }, k, total;
	struct err e;

	assert_int_equal(views_count(f->db, &q, &total, &e), 0);
	assert_int_equal(total, 320);
	for (k = 0; k < (int)(sizeof offsets / sizeof offsets[0]); k++) {
		assert_int_equal(views_items(f->db, &q, offsets[k], 20, -1, &a, &na, &e), 0);
		assert_int_equal(views_items(f->db, &q, offsets[k], 20, total, &b, &nb, &e), 0);
		if (na != nb)
			fail_msg("offset %d: %zu rows vs %zu", offsets[k], na, nb);
		for (i = 0; i < na; i++)
			if (a[i].id != b[i].id)
				fail_msg("offset %d row %zu differs", offsets[k], i);
		items_free_rows(a, na);
		items_free_rows(b, nb);
	}
	assert_int_equal(views_items(f->db, &q, 320, 20, total, &b, &nb, &e), 0);
	assert_int_equal(nb, 0);
	items_free_rows(b, nb);
}

/* ---- view_cmdline ---- */

/* The editing keys of the ":" line and the search prompt, one table. */
static void
test_cmdline_keys(void **state)
{
	static const struct {
		uint32_t key;
		enum view_cmdline_key rc;
		const char *text;	/* after the key, from "ab cd" with the cursor at the end */
		size_t cursor;
	} cases[] = {
		{ KEYMAP_KEY_ENTER, VIEW_CMDLINE_ENTER, "ab cd", 5 },
		{ KEYMAP_KEY_ESC, VIEW_CMDLINE_CANCEL, "ab cd", 5 },
		{ KEYMAP_KEY_CTRL('G'), VIEW_CMDLINE_CANCEL, "ab cd", 5 },
		{ KEYMAP_KEY_BACKSPACE, VIEW_CMDLINE_EDITED, "ab c", 4 },
		{ KEYMAP_KEY_CTRL('W'), VIEW_CMDLINE_EDITED, "ab ", 3 },
		{ KEYMAP_KEY_CTRL('U'), VIEW_CMDLINE_EDITED, "", 0 },
		{ KEYMAP_KEY_CTRL('A'), VIEW_CMDLINE_EDITED, "ab cd", 0 },
		{ KEYMAP_KEY_HOME, VIEW_CMDLINE_EDITED, "ab cd", 0 },
		{ KEYMAP_KEY_LEFT, VIEW_CMDLINE_EDITED, "ab cd", 4 },
		{ KEYMAP_KEY_CTRL('B'), VIEW_CMDLINE_EDITED, "ab cd", 4 },
		{ KEYMAP_KEY_UP, VIEW_CMDLINE_EDITED, "old", 3 },
		{ 'x', VIEW_CMDLINE_EDITED, "ab cdx", 6 },
		{ 0x4e2d, VIEW_CMDLINE_EDITED, "ab cd\xE4\xB8\xAD", 8 },
		{ KEYMAP_KEY_CTRL('L'), VIEW_CMDLINE_NOT_EDITING, "ab cd", 5 },
		{ 0x7f, VIEW_CMDLINE_NOT_EDITING, "ab cd", 5 },
		{ KEYMAP_KEY_F(1), VIEW_CMDLINE_NOT_EDITING, "ab cd", 5 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct view_cmdline c;

		view_cmdline_init(&c);
		view_cmdline_set(&c, "old");
		view_cmdline_remember(&c);
		view_cmdline_set(&c, "ab cd");
		assert_int_equal(view_cmdline_key(&c, cases[i].key), cases[i].rc);
		assert_string_equal(c.text.data, cases[i].text);
		assert_int_equal(c.cursor, cases[i].cursor);
		view_cmdline_release(&c);
	}
}

static void
test_cmdline_editing(void **state)
{
	struct view_cmdline c;
	size_t col, start;

	(void)state;
	view_cmdline_init(&c);
	assert_int_equal(view_cmdline_insert(&c, 'a'), 0);
	assert_int_equal(view_cmdline_insert(&c, 0x4E2D), 0);	/* 中 */
	assert_int_equal(view_cmdline_insert(&c, 'b'), 0);
	assert_string_equal(c.text.data, "a\xE4\xB8\xAD" "b");
	view_cmdline_left(&c);
	view_cmdline_left(&c);
	assert_int_equal(c.cursor, 1);
	assert_int_equal(view_cmdline_insert(&c, 0xE9), 0);	/* é */
	assert_string_equal(c.text.data, "a\xC3\xA9\xE4\xB8\xAD" "b");
	view_cmdline_end(&c);
	assert_int_equal(view_cmdline_backspace(&c), 1);
	assert_int_equal(view_cmdline_backspace(&c), 1);	/* the whole 中 */
	assert_string_equal(c.text.data, "a\xC3\xA9");
	assert_int_equal(view_cmdline_insert(&c, 0x1b), -1);	/* no controls */
	view_cmdline_home(&c);
	assert_int_equal(view_cmdline_delete(&c), 1);
	assert_string_equal(c.text.data, "\xC3\xA9");
	view_cmdline_set(&c, "tag news  now");
	assert_int_equal(view_cmdline_delete_word(&c), 1);
	assert_string_equal(c.text.data, "tag news  ");
	assert_int_equal(view_cmdline_delete_word(&c), 1);
	assert_string_equal(c.text.data, "tag ");
	assert_int_equal(view_cmdline_kill_start(&c), 1);
	assert_string_equal(c.text.data, "");
	/* a line wider than the screen scrolls so the cursor stays visible */
	view_cmdline_set(&c, "0123456789abcdef");
	start = view_cmdline_scroll(&c, 10, &col);
	assert_true(col < 10);
	assert_int_equal(start + col, 16);
	view_cmdline_release(&c);
}

static void
test_cmdline_history(void **state)
{
	struct view_cmdline c;
	int i;

	(void)state;
	view_cmdline_init(&c);
	view_cmdline_set(&c, "first");
	view_cmdline_remember(&c);
	view_cmdline_set(&c, "second");
	view_cmdline_remember(&c);
	view_cmdline_remember(&c);	/* no duplicate */
	assert_int_equal(c.nhistory, 2);
	view_cmdline_reset(&c);
	view_cmdline_set(&c, "typing");
	assert_int_equal(view_cmdline_history(&c, -1), 1);
	assert_string_equal(c.text.data, "second");
	assert_int_equal(view_cmdline_history(&c, -1), 1);
	assert_string_equal(c.text.data, "first");
	assert_int_equal(view_cmdline_history(&c, -1), 0);
	assert_int_equal(view_cmdline_history(&c, 1), 1);
	assert_int_equal(view_cmdline_history(&c, 1), 1);
	assert_string_equal(c.text.data, "typing");
	assert_int_equal(view_cmdline_history(&c, 1), 0);
	/* bounded */
	for (i = 0; i < 3 * VIEW_CMDLINE_HISTORY; i++) {
		char s[16];

		snprintf(s, sizeof s, "q%d", i);
		view_cmdline_set(&c, s);
		view_cmdline_remember(&c);
	}
	assert_int_equal(c.nhistory, VIEW_CMDLINE_HISTORY);
	view_cmdline_release(&c);
}

static void
test_cmdline_cap(void **state)
{
	struct view_cmdline c;
	char big[VIEW_CMDLINE_MAX + 10];
	int i, fails = 0;

	(void)state;
	view_cmdline_init(&c);
	for (i = 0; i < VIEW_CMDLINE_MAX + 10; i++)
		fails += view_cmdline_insert(&c, 'x') < 0;
	assert_int_equal(c.text.len, VIEW_CMDLINE_MAX);
	assert_int_equal(fails, 10);
	/* a cut never splits a character */
	memset(big, 'y', sizeof big);
	memcpy(big + VIEW_CMDLINE_MAX - 1, "\xE4\xB8\xAD", 3);
	big[sizeof big - 1] = '\0';
	view_cmdline_set(&c, big);
	assert_int_equal(c.text.len, VIEW_CMDLINE_MAX - 1);
	view_cmdline_release(&c);
}

static void
test_cmdline_history_file(void **state)
{
	char dir[] = "/tmp/test_views_hist.XXXXXX", path[64];
	struct view_cmdline a, b;
	struct err e;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/search-history", dir);
	view_cmdline_init(&a);
	/* no file yet: an empty history */
	assert_int_equal(view_cmdline_history_load(&a, path, &e), 0);
	assert_int_equal(a.nhistory, 0);
	view_cmdline_set(&a, "pezeshkian");
	view_cmdline_remember(&a);
	view_cmdline_set(&a, "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 OR kyiv");
	view_cmdline_remember(&a);
	assert_int_equal(view_cmdline_history_save(&a, path, &e), 0);
	view_cmdline_init(&b);
	assert_int_equal(view_cmdline_history_load(&b, path, &e), 0);
	assert_int_equal(b.nhistory, 2);
	assert_string_equal(b.history[1], "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 OR kyiv");
	assert_int_equal(b.text.len, 0);
	assert_int_equal(view_cmdline_history(&b, -1), 1);
	assert_string_equal(b.text.data, "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 OR kyiv");
	view_cmdline_release(&b);
	/* hostile file: control characters and overlong lines are dropped */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("ok one\nbad\x1b[2J\n", fp);
	for (int i = 0; i < VIEW_CMDLINE_MAX + 100; i++)
		fputc('x', fp);
	fputs("\nok two\nno newline at the end", fp);
	fclose(fp);
	view_cmdline_init(&b);
	assert_int_equal(view_cmdline_history_load(&b, path, &e), 0);
	assert_int_equal(b.nhistory, 2);
	assert_string_equal(b.history[0], "ok one");
	assert_string_equal(b.history[1], "ok two");
	view_cmdline_release(&b);
	view_cmdline_release(&a);
	unlink(path);
	rmdir(dir);
}

/* ---- view_help ---- */

/* Issue 11 #28: the help's key column fits its widest keys; the key table
 * (tidings keys) shows view-specific bindings. */
static void
test_help_key_width_and_view_bindings(void **state)
{
	const char *lines = "bind-key ^D pagedown\nbind-key x open article\n"
	    "unbind-key UP article\n";
	struct settings cfg;
	struct view_help h;
	struct buf md;

	(void)state;
	settings_init(&cfg);
	view_help_build(&h, cfg.keymap, KEYMAP_VIEW_ARTICLE);
	assert_int_equal(h.keys_width, strlen("SPACE NPAGE"));
	settings_load_string(&cfg, lines, strlen(lines));
	assert_int_equal(cfg.nerrors, 0);
	view_help_build(&h, cfg.keymap, KEYMAP_VIEW_ARTICLE);
	assert_int_equal(h.keys_width, strlen("SPACE NPAGE ^D"));
	buf_init(&md, 0);
	assert_int_equal(view_help_markdown(cfg.keymap, &md), 0);
	/* a column a view: feedlist, articlelist, article, searchresultslist,
	 * help, then the views tidings has no screen for yet */
	assert_non_null(strstr(md.data, "| Action | feedlist | articlelist | article | "
	    "searchresultslist | help | other views | What it does |\n"));
	assert_non_null(strstr(md.data, "| `pagedown` | `NPAGE` `^D` | `NPAGE` `^D` | "
	    "`SPACE` `NPAGE` `^D` | `NPAGE` `^D` | `SPACE` `NPAGE` `^D` | "
	    "every other: `NPAGE` `^D` |"));
	assert_non_null(strstr(md.data, "| `open` | `ENTER` | `ENTER` | `x` | `ENTER` | | "
	    "urlview, tagselection, filterselection, dialogs, filebrowser, dirbrowser: "
	    "`ENTER` |"));
	assert_non_null(strstr(md.data, "| `up` | `UP` | `UP` | | `UP` | `UP` | every other: "
	    "`UP` |"));
	buf_release(&md);
	/* an action bound in one view only */
	{
		const char *more = "bind-key F5 reload-all search\nunbind-key R\n";

		settings_load_string(&cfg, more, strlen(more));
	}
	buf_init(&md, 0);
	assert_int_equal(view_help_markdown(cfg.keymap, &md), 0);
	assert_non_null(strstr(md.data, "| `reload-all` | | | | `F5` | | | "));
	buf_release(&md);
	settings_release(&cfg);
}

/* Issue 11 #32: the context line starts where its first match shows. */
static void
test_search_snippet_start(void **state)
{
	static const char s[] = "one two three four five six seven eight nine ten eleven "
	    "twelve thirteen fourteen and then the zeppelin landed near the harbour";
	static const struct {
		const char *word;	/* the match */
		size_t cols;
		const char *starts;	/* the line starts here ("" : at 0) */
	} cases[] = {
		{ "two", 40, "" },		/* near the start: nothing cut */
		{ "zeppelin", 200, "" },	/* fits whole */
		{ "zeppelin", 72, "fourteen and then the zeppelin" },
		{ "zeppelin", 40, "and then the zeppelin" },
		{ "zeppelin", 12, "zeppelin" },	/* "… the zeppelin" would not fit */
		{ "zeppelin", 14, "the zeppelin" },
		{ "harbour", 30, "near the harbour" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct search_span span;
		size_t at;

		span.start = (size_t)(strstr(s, cases[i].word) - s);
		span.end = span.start + strlen(cases[i].word);
		at = view_search_snippet_start(s, strlen(s), &span, 1, cases[i].cols);
		if (cases[i].starts[0] == '\0')
			assert_int_equal(at, 0);
		else if (strncmp(s + at, cases[i].starts, strlen(cases[i].starts)) != 0)
			fail_msg("case %zu: starts at \"%s\"", i, s + at);
		/* the match fits in the line after the "… " */
		assert_true(text_width(s + at, span.end - at) + (at ? 2 : 0) <= cases[i].cols);
	}
	assert_int_equal(view_search_snippet_start(s, strlen(s), NULL, 0, 20), 0);
	assert_int_equal(view_search_rows(23), 11);
	assert_int_equal(view_search_rows(1), 1);
}

static void
test_help_follows_bindings(void **state)
{
	struct settings cfg;
	struct view_help h;
	struct buf md;
	size_t i;
	int seen = 0;

	(void)state;
	settings_init(&cfg);
	view_help_build(&h, cfg.keymap, KEYMAP_VIEW_FEEDLIST);
	assert_int_equal(h.nrows, KEYMAP_NACTIONS - 1);
	for (i = 0; i < h.nrows; i++)
		if (h.rows[i].action == KEYMAP_SORT)
			assert_string_equal(h.rows[i].keys, "g");
	{
		const char *lines = "unbind-key g\nbind-key x down\nunbind-key ^L\n";

		settings_load_string(&cfg, lines, strlen(lines));
	}
	assert_int_equal(cfg.nerrors, 0);
	view_help_build(&h, cfg.keymap, KEYMAP_VIEW_FEEDLIST);
	for (i = 0; i < h.nrows; i++) {
		if (h.rows[i].action == KEYMAP_DOWN)
			assert_string_equal(h.rows[i].keys, "DOWN x");
		if (h.rows[i].action == KEYMAP_REDRAW) {
			/* unbound actions come last: none bound after it */
			size_t j;

			assert_string_equal(h.rows[i].keys, "");
			for (j = i; j < h.nrows; j++)
				assert_string_equal(h.rows[j].keys, "");
			seen = 1;
		}
	}
	assert_true(seen);
	buf_init(&md, 0);
	assert_int_equal(view_help_markdown(cfg.keymap, &md), 0);
	assert_non_null(strstr(md.data, "| `down` | `DOWN` `x` | `DOWN` `x` | `DOWN` `x` | "
	    "`DOWN` `x` | `DOWN` `x` | every other: `DOWN` `x` | Move down one line |\n"));
	assert_non_null(strstr(md.data, "| `sort` | | | | | | | Sort"));
	assert_non_null(strstr(md.data, "| `open-search` | `/` |"));
	buf_release(&md);
	settings_release(&cfg);
}


/* ---- view_article ---- */

static int
article_has_line(const struct view_article *v, const char *needle,
    enum view_article_style style)
{
	size_t i;

	for (i = 0; i < v->nlines; i++)
		if (v->lines[i].style == style && strstr(v->lines[i].text, needle) != NULL)
			return (int)i;
	return -1;
}

static int64_t
first_item(struct fixture *f, int64_t feed)
{
	struct items_query q = { 0 };
	struct item_row *rows;
	size_t n;
	int64_t id;
	struct err e;

	q.feed_id = feed;
	assert_int_equal(views_items(f->db, &q, 0, 1, -1, &rows, &n, &e), 0);
	assert_int_equal(n, 1);
	id = rows[0].id;
	items_free_rows(rows, n);
	return id;
}

static void
test_article_cached(void **state)
{
	struct fixture *f = *state;
	struct article_in a = { 0 };
	struct view_article v;
	struct err e;
	int64_t id = first_item(f, f->feed_a);
	int i;

	a.status = ARTICLE_OK;
	a.title = "Real \x1b[31mtitle\x1b[0m";
	a.byline = "Jane Doe";
	a.html = "<p>Hello <a href=\"https://x.org/\">world</a> and more words</p>"
	    "<blockquote><p>quoted</p></blockquote>";
	a.text = "Hello world";
	assert_int_equal(articles_store(f->db, id, &a, &e), 0);
	view_article_init(&v);
	assert_int_equal(view_article_open(&v, f->db, id, 60, &e), 1);
	assert_int_equal(v.cached, 1);
	/* escape sequences never reach the screen */
	i = article_has_line(&v, "Title: Real title", VIEW_ARTICLE_HEADER);
	assert_true(i >= 0);
	assert_int_equal(v.lines[i].label_len, 6);
	assert_true(article_has_line(&v, "Author: Jane Doe", VIEW_ARTICLE_HEADER) >= 0);
	assert_true(article_has_line(&v, "Feed: https://a.example/feed", VIEW_ARTICLE_HEADER) >= 0);
	assert_true(article_has_line(&v, "Link: https://example.org/A/0", VIEW_ARTICLE_HEADER) >= 0);
	assert_true(article_has_line(&v, "Date: 2023-11-14 22:13", VIEW_ARTICLE_HEADER) >= 0);
	assert_true(article_has_line(&v, "world[1]", VIEW_ARTICLE_TEXT) >= 0);
	assert_true(article_has_line(&v, "quoted", VIEW_ARTICLE_QUOTE) >= 0);
	assert_true(article_has_line(&v, "https://x.org/", VIEW_ARTICLE_LINKS) >= 0);
	assert_true(article_has_line(&v, "not cached", VIEW_ARTICLE_NOTE) < 0);
	assert_int_equal(v.nlinks, 1);
	assert_string_equal(v.links[0], "https://x.org/");
	view_article_release(&v);
}

static void
test_article_not_cached(void **state)
{
	struct fixture *f = *state;
	struct view_article v;
	struct err e;

	view_article_init(&v);
	assert_int_equal(view_article_open(&v, f->db, first_item(f, f->feed_b), 40, &e), 1);
	assert_int_equal(v.cached, 0);
	assert_true(article_has_line(&v, "not cached", VIEW_ARTICLE_NOTE) >= 0);
	assert_true(article_has_line(&v, "summary", VIEW_ARTICLE_TEXT) >= 0);
	assert_int_equal(view_article_open(&v, f->db, 999999, 40, &e), 0);
	view_article_release(&v);
}

/* Issue 11 #29 and #32: a long title wraps at the width; "Author: by X" loses its "by". */
static void
test_article_header_wraps_and_author(void **state)
{
	struct fixture *f = *state;
	struct article_in a = { 0 };
	struct view_article v;
	struct err e;
	int64_t id = first_item(f, f->feed_a);
	size_t i;
	int t;

	a.status = ARTICLE_OK;
	a.html = "<p>Body.</p>";
	a.title = "A title far too long for one line of eighty columns, so that the "
	    "reader has to wrap it onto a second line";
	a.byline = "by Abbey Fenbert";
	assert_int_equal(articles_store(f->db, id, &a, &e), 0);
	view_article_init(&v);
	assert_int_equal(view_article_open(&v, f->db, id, 80, &e), 1);
	t = article_has_line(&v, "Title: A title far too long", VIEW_ARTICLE_HEADER);
	assert_true(t >= 0);
	assert_true(text_width(v.lines[t].text, v.lines[t].len) <= 80);
	/* the rest on the next line, under the value */
	assert_non_null(strstr(v.lines[t + 1].text, "a second line"));
	assert_memory_equal(v.lines[t + 1].text, "       ", 7);
	assert_int_equal(v.lines[t + 1].style, VIEW_ARTICLE_HEADER);
	for (i = 0; i < v.nlines; i++)
		assert_true(text_width(v.lines[i].text, v.lines[i].len) <= 80);
	assert_true(article_has_line(&v, "Author: Abbey Fenbert", VIEW_ARTICLE_HEADER) >= 0);
	assert_int_equal(article_has_line(&v, "Author: by", VIEW_ARTICLE_HEADER), -1);
	view_article_release(&v);
	assert_string_equal(view_article_author("By: Jo"), "Jo");
	assert_string_equal(view_article_author("Byron Jones"), "Byron Jones");
	assert_string_equal(view_article_author("by"), "by");
	assert_null(view_article_author(NULL));
}

/* Issue 11 #29: a feed whose last poll failed stays in the list with nothing unread. */
static void
test_feeds_failed_feed_stays_listed(void **state)
{
	struct fixture *f = *state;
	struct feed_poll_result r = { 0 };
	struct view_feeds v;
	struct err e;

	r.status = FEEDS_HTTP_ERROR;
	r.http_code = 404;
	r.error = "https://c.example/feed: HTTP 404";
	r.failed = 1;
	r.now = BASE_TIME;
	assert_int_equal(feeds_record_poll(f->db, f->feed_c, &r, &e), 0);
	view_feeds_init(&v, 0);
	assert_int_equal(view_feeds_load(&v, f->db, &e), 0);
	assert_int_equal(view_feeds_select(&v, f->feed_c), 1);
	assert_true(view_feeds_current(&v)->failed);
	assert_string_equal(view_feeds_current(&v)->last_error, "https://c.example/feed: HTTP 404");
	view_feeds_release(&v);
}

/* Store a 50-paragraph article for the first item of feed a ("needle" in
 * paragraphs 10 and 40 when needles) and open it at width. */
static void
long_article_open(struct fixture *f, struct view_article *v, int needles, int width)
{
	struct article_in a = { 0 };
	struct buf html;
	struct err e;
	int64_t id = first_item(f, f->feed_a);
	size_t i;

	buf_init(&html, 0);
	for (i = 0; i < 50; i++)
		assert_int_equal(buf_printf(&html, "<p>Paragraph %zu with several words in it "
		    "to wrap around%s</p>", i, needles && (i == 10 || i == 40) ? " needle" : ""), 0);
	a.status = ARTICLE_OK;
	a.html = html.data;
	a.text = needles ? "the text as indexed, with a needle" : NULL;
	assert_int_equal(articles_store(f->db, id, &a, &e), 0);
	view_article_init(v);
	assert_int_equal(view_article_open(v, f->db, id, width, &e), 1);
	view_article_set_height(v, 10);
	buf_release(&html);
}

static void
test_article_scroll_and_width(void **state)
{
	struct fixture *f = *state;
	struct view_article v;
	struct err e;
	size_t narrow;

	long_article_open(f, &v, 0, 20);
	narrow = v.nlines;
	assert_true(narrow > 150);
	view_article_scroll(&v, -5);
	assert_int_equal(v.top, 0);
	view_article_page(&v, 1);
	assert_int_equal(v.top, 9);
	view_article_end(&v);
	assert_int_equal(v.top, (int)v.nlines - 10);
	assert_true(view_article_at_end(&v));
	view_article_scroll(&v, 1000);
	assert_int_equal(v.top, (int)v.nlines - 10);
	/* wider: fewer lines, still a valid place */
	assert_int_equal(view_article_set_width(&v, 100, &e), 1);
	assert_int_equal(view_article_set_width(&v, 100, &e), 0);
	assert_true(v.nlines < narrow);
	assert_true(v.top <= (int)v.nlines - 10);
	view_article_release(&v);
}

/* Type text into the search line and run it. */
static void
search_type(struct view_search *s, struct db *db, const char *text)
{
	view_cmdline_reset(&s->line);
	for (; *text != '\0'; text++)
		view_cmdline_insert(&s->line, (unsigned char)*text);
	assert_int_equal(view_search_run(s, db, 10, NULL, NULL), 0);
	assert_false(s->dirty);
}

/*
 * The search model: a query that does not compile says why and drops the
 * hits and the query of the one before; an empty line has none.
 */
static void
test_search_model(void **state)
{
	struct fixture *f = *state;
	struct view_search s;

	view_search_init(&s);
	view_search_start(&s, 10);
	assert_true(s.editing);
	search_type(&s, f->db, "needle");
	assert_non_null(s.query);
	assert_string_equal(s.error, "");
	search_type(&s, f->db, "bogus:x");
	assert_null(s.query);
	assert_string_not_equal(s.error, "");
	assert_int_equal(s.list.count, 0);
	assert_null(view_search_current(&s));
	search_type(&s, f->db, "");
	assert_null(s.query);
	assert_string_equal(s.error, "");
	view_search_release(&s);
}

/*
 * An article opened from a search: where the query matches is computed
 * once per layout (tokenized as the index is, so NEEDLE finds "needle"),
 * n/N go from match to match with one line of context above it, and a
 * new layout drops the positions until they are marked again.
 */
static void
test_article_search_matches(void **state)
{
	struct fixture *f = *state;
	struct view_article v;
	struct view_search s;
	const struct view_article_match *m;
	struct err e;
	size_t n, line;

	long_article_open(f, &v, 1, 60);
	view_search_init(&s);
	search_type(&s, f->db, "NEEDLE");
	view_search_mark_article(&s, f->db, &v);
	assert_int_equal(v.nmatches, 2);
	line = v.matches[0].line;
	m = view_article_line_matches(&v, line, &n);
	assert_int_equal(n, 1);
	assert_int_equal(m->end - m->start, 6);
	assert_memory_equal(v.lines[line].text + m->start, "needle", 6);
	assert_null(view_article_line_matches(&v, line + 1, &n));
	assert_int_equal(n, 0);
	/* the first match is below the first screen: it is shown */
	assert_true(line >= 10);
	view_article_show_first_match(&v);
	assert_int_equal(v.top, (int)line - 2);
	/* n: the next match on the second line; N: back */
	view_article_home(&v);
	assert_int_equal(view_article_next_match(&v, 1), 1);
	assert_int_equal(v.top, (int)line - 1);
	assert_int_equal(view_article_next_match(&v, 1), 1);
	assert_int_equal(v.top, (int)v.matches[1].line - 1);
	assert_int_equal(view_article_next_match(&v, 1), 0);
	assert_int_equal(view_article_next_match(&v, -1), 1);
	assert_int_equal(v.top, (int)line - 1);
	assert_int_equal(view_article_next_match(&v, -1), 0);
	/* another width: other lines, marked again */
	assert_int_equal(view_article_set_width(&v, 100, &e), 1);
	assert_int_equal(v.nmatches, 0);
	view_search_mark_article(&s, f->db, &v);
	assert_int_equal(v.nmatches, 2);
	m = view_article_line_matches(&v, v.matches[1].line, &n);
	assert_memory_equal(v.lines[v.matches[1].line].text + m->start, "needle", 6);
	/* the hit's star and the article's read flag go to the cache */
	assert_int_equal(s.list.count, 1);
	assert_int_equal(view_search_current(&s)->id, v.item.row.id);
	assert_int_equal(view_search_current(&s)->starred, 0);
	assert_int_equal(view_search_set_flag(&s, f->db, 1, -1, &e), 0);
	assert_int_equal(view_search_current(&s)->starred, 1);
	assert_int_equal(view_article_set_flag(&v, f->db, 0, 0, &e), 0);
	assert_int_equal(v.item.row.read, 0);
	{
		struct item_full it;

		assert_int_equal(items_get(f->db, v.item.row.id, &it, &e), 1);
		assert_int_equal(it.row.starred, 1);
		assert_int_equal(it.row.read, 0);
		item_full_release(&it);
	}
	/* no query: no marks */
	search_type(&s, f->db, "");
	view_search_mark_article(&s, f->db, &v);
	assert_int_equal(v.nmatches, 0);
	view_search_release(&s);
	view_article_release(&v);
}

/* keys: delete-article and delete-all-articles; a poll does not bring a
 * deleted item back while its feed still lists it; starred items stay
 * through delete-all */
static void
test_items_delete(void **state)
{
	struct fixture *f = *state;
	struct view_items v;
	struct err e;
	const struct item_row *r;
	int64_t gone;

	view_items_init(&v);
	v.list.height = 10;
	assert_int_equal(view_items_open(&v, f->db, f->feed_b, NULL, 0, "B", &e), 0);
	assert_int_equal(v.list.count, 20);
	view_list_goto(&v.list, 2);
	assert_int_equal(view_items_sync(&v, f->db, &e), 0);
	gone = view_items_current(&v)->id;
	assert_string_equal(view_items_current(&v)->title, "B-2");
	assert_int_equal(view_items_delete(&v, f->db, 0, &e), 0);
	assert_int_equal(v.list.count, 19);
	/* the cursor stays on its row, now the next item */
	assert_int_equal(v.list.cursor, 2);
	assert_string_equal(view_items_current(&v)->title, "B-3");
	assert_int_equal(items_exists(f->db, gone, &e), 0);
	/* the feed still lists all 20: the next poll stores 19 */
	seed_items(f->db, f->feed_b, "B", 20, 60, 30);
	assert_int_equal(view_items_reload(&v, f->db, &e), 0);
	assert_int_equal(v.list.count, 19);
	/* delete-all keeps the starred */
	view_list_goto(&v.list, 5);
	assert_int_equal(view_items_sync(&v, f->db, &e), 0);
	assert_int_equal(view_items_set_starred(&v, f->db, 1, &e), 0);
	assert_int_equal(view_items_delete(&v, f->db, 1, &e), 0);
	assert_int_equal(v.list.count, 1);
	r = view_items_current(&v);
	assert_non_null(r);
	assert_int_equal(r->starred, 1);
	seed_items(f->db, f->feed_b, "B", 20, 60, 30);
	assert_int_equal(view_items_reload(&v, f->db, &e), 0);
	assert_int_equal(v.list.count, 1);
	/* the other feed is untouched */
	assert_int_equal(view_items_open(&v, f->db, f->feed_a, NULL, 0, "A", &e), 0);
	assert_int_equal(v.list.count, 300);
	view_items_release(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_table),
		cmocka_unit_test(test_list_style_table),
		cmocka_unit_test_setup_teardown(test_list_formats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feeds_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feeds_hide_read_and_keep_cursor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feeds_tag_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feeds_next_unread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mark_read_stops_at_what_was_loaded, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_items_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_all_feeds_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feeds_follow_the_feeds_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_tag_and_unread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_toggle_read_persists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_next_unread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_position, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_deep_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_article_cached, setup, teardown),
		cmocka_unit_test_setup_teardown(test_article_not_cached, setup, teardown),
		cmocka_unit_test_setup_teardown(test_article_scroll_and_width, setup, teardown),
		cmocka_unit_test_setup_teardown(test_article_header_wraps_and_author, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_feeds_failed_feed_stays_listed, setup,
		    teardown),
		cmocka_unit_test(test_cmdline_keys),
		cmocka_unit_test(test_cmdline_editing),
		cmocka_unit_test(test_cmdline_history),
		cmocka_unit_test(test_cmdline_cap),
		cmocka_unit_test(test_cmdline_history_file),
		cmocka_unit_test(test_help_follows_bindings),
		cmocka_unit_test(test_search_snippet_start),
		cmocka_unit_test_setup_teardown(test_search_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_article_search_matches, setup, teardown),
		cmocka_unit_test(test_help_key_width_and_view_bindings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
