/*
 * Unit tests for store/search on a real cache: the query language (every
 * operator and filter, malformed and hostile input), diacritics and
 * Cyrillic, prefixes, ranking, snippets and match positions, plain output,
 * interruption, and the index staying in step with items after updates,
 * deletes, retention and feed removal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed/feed.h"
#include "store/db.h"
#include "store/db_priv.h"	/* white-box: raw SQL on the cache */
#include "store/feeds.h"
#include "store/items.h"
#include "store/search.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "cache_count.h"
#include "tmp_cache.h"

/* "now" for the corpus and for since:/before: (2025-01-01T00:00:00Z) */
#define NOW ((time_t)1735689600)
#define DAY ((time_t)86400)

struct seed_feed {
	const char *url;
	const char *title;
	const char *tags[3];
};

static const struct seed_feed seed_feeds[] = {
	{ "https://kyiv.example/rss", "Kyiv Independent", { "news", "ukraine", NULL } },
	{ "https://tech.example/rss", "Tech Daily", { "tech", NULL, NULL } },
	{ "https://monde.example/rss", "Le Monde", { "news", "france", NULL } },
};

struct seed_item {
	int feed;
	const char *guid;
	const char *title;
	const char *author;
	int days_ago;
	const char *text;
};

/* Stored in this order: harbour-old comes after harbour-new (a larger id). */
static const struct seed_item seed_items[] = {
	{ 0, "zel", "\xD0\x97\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x81\xD1\x8C\xD0\xBA\xD0\xB8\xD0\xB9"
	    " meets allies in \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "Olena Petrenko", 1,
	    "President \xD0\x97\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x81\xD1\x8C\xD0\xBA\xD0\xB8\xD0\xB9"
	    " said on Tuesday that the talks in \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 were productive." },
	{ 0, "pez", "Pezeshki\xC3\xA1n visits Moscow", "Ivan Ivanov", 3,
	    "Iranian president Masoud Pezeshki\xC3\xA1n arrived in Moscow for talks." },
	{ 0, "grid", "Energy grid repairs", NULL, 20,
	    "Engineers restore power after strikes on the energy grid near Kharkiv." },
	{ 1, "kern1", "New kernel released", "Linus Torvalds", 10,
	    "The new Linux kernel brings faster filesystems and better schedulers." },
	{ 1, "kern2", "Rust in the kernel", NULL, 40,
	    "Developers debate memory safety; the kernel community discusses Rust drivers." },
	{ 1, "quantum", "Quantum computing breakthrough", NULL, 5,
	    "Researchers demonstrate error correction on a quantum chip." },
	{ 1, "roundup", "Daily roundup", NULL, 1,
	    "Markets, weather and solar panels, mentioned in passing." },
	{ 1, "solar", "Solar panels get cheaper", NULL, 100, "Prices fell again this year." },
	{ 2, "cafe", "Le caf\xC3\xA9 parisien", "Am\xC3\xA9lie Dupont", 400,
	    "Un caf\xC3\xA9 au lait et un croissant: la vie parisienne." },
	{ 2, "weather", "Weather report", NULL, 2,
	    "Sunny skies over Paris with a light breeze. No rain expected." },
	{ 2, "harbour-new", "Harbour festival", NULL, 2, "Boats and music at the harbour festival." },
	{ 2, "harbour-old", "Harbour festival", NULL, 50, "Boats and music at the harbour festival." },
	{ 2, "ctrl", "Tab\there\nnewline \x1b[31mred", NULL, 6,
	    "Control\tcharacters\x07 in the\r\ntext zebra." },
};
#define NSEED (sizeof seed_items / sizeof seed_items[0])

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
	struct db *db;
	int64_t feed_ids[3];
};

static void
store_one(struct fixture *f, const struct seed_item *s)
{
	struct item it;
	char *texts[1];
	struct err e;

	memset(&it, 0, sizeof it);
	it.guid = (char *)s->guid;
	it.title = (char *)s->title;
	it.author = (char *)s->author;
	it.link = xasprintf("https://example.org/%s", s->guid);
	it.published = NOW - s->days_ago * DAY;
	it.summary = (char *)s->text;
	texts[0] = (char *)s->text;
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(items_store(f->db, f->feed_ids[s->feed], seed_feeds[s->feed].title, &it,
	    texts, 1, NOW, NULL, &e), 0);
	assert_int_equal(db_commit(f->db, &e), 0);
	free(it.link);
}

static int64_t
id_of(struct fixture *f, const char *guid)
{
	sqlite3_stmt *st = db_prepare(f->db, "SELECT id FROM items WHERE guid = ?1", NULL);
	int64_t id = 0;

	assert_non_null(st);
	db_bind_text(st, 1, guid);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_true(id > 0);
	return id;
}

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct err e;
	size_t i;

	if (tmp_cache_open(f->dir, sizeof f->dir, "search", &f->path, &f->db) < 0)
		return -1;
	for (i = 0; i < 3; i++) {
		const struct seed_feed *sf = &seed_feeds[i];
		struct feed_poll_result r = { .title = sf->title, .status = FEEDS_OK, .now = NOW };
		size_t ntags = 0;

		while (ntags < 3 && sf->tags[ntags])
			ntags++;
		if (feeds_set_tags(f->db, sf->url, (char *const *)sf->tags, ntags, &e) < 0 ||
		    feeds_ensure(f->db, sf->url, &f->feed_ids[i], &e) < 0 ||
		    feeds_record_poll(f->db, f->feed_ids[i], &r, &e) < 0)
			return -1;
	}
	for (i = 0; i < NSEED; i++)
		store_one(f, &seed_items[i]);
	if (items_set_read(f->db, id_of(f, "zel"), 1, &e) < 0 ||
	    items_set_read(f->db, id_of(f, "grid"), 1, &e) < 0 ||
	    items_set_read(f->db, id_of(f, "kern1"), 1, &e) < 0 ||
	    items_set_starred(f->db, id_of(f, "pez"), 1, &e) < 0 ||
	    items_set_starred(f->db, id_of(f, "solar"), 1, &e) < 0)
		return -1;
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

static char *
guid_of(struct fixture *f, int64_t id)
{
	sqlite3_stmt *st = db_prepare(f->db, "SELECT guid FROM items WHERE id = ?1", NULL);
	char *g = NULL;

	assert_non_null(st);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		g = db_column_dup(st, 0);
	sqlite3_finalize(st);
	return g ? g : xstrdup("?");
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The guids of what query finds, in rank order or sorted, joined by ','. */
static char *
find_flags(struct fixture *f, const char *query, int flags, int sorted)
{
	struct search_query *q;
	struct search_result r;
	struct search_opts o = { .limit = 100 };
	struct err e;
	struct buf b;
	char **g;
	size_t i;

	q = search_compile(f->db, query, NOW, flags, &e);
	if (q == NULL)
		fail_msg("query '%s' refused: %s", query, e.msg);
	if (search_run(f->db, q, &o, &r, &e) != 0)
		fail_msg("query '%s' failed: %s", query, e.msg);
	g = xcalloc(r.n + 1, sizeof *g);
	for (i = 0; i < r.n; i++)
		g[i] = guid_of(f, r.hits[i].id);
	if (sorted && r.n > 1)
		qsort(g, r.n, sizeof *g, cmp_str);
	buf_init(&b, 0);
	for (i = 0; i < r.n; i++) {
		assert_int_equal(buf_printf(&b, "%s%s", i ? "," : "", g[i]), 0);
		free(g[i]);
	}
	free(g);
	search_result_release(&r);
	search_query_free(q);
	return buf_take(&b);
}

struct find_case {
	const char *query;
	const char *want;	/* guids, sorted, joined by ',' */
};

static void
check_cases(struct fixture *f, const struct find_case *cases, size_t n, int flags)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *got = find_flags(f, cases[i].query, flags, 1);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("query '%s': got '%s', want '%s'", cases[i].query, got,
			    cases[i].want);
		free(got);
	}
}

#define CHECK(f, cases) check_cases((f), (cases), sizeof (cases) / sizeof (cases)[0], 0)

static void
test_words_all_must_match(void **state)
{
	static const struct find_case cases[] = {
		{ "kernel", "kern1,kern2" },
		{ "kernel rust", "kern2" },
		{ "Kernel LINUX", "kern1" },
		{ "kernel AND linux", "kern1" },
		{ "kernel croissant", "" },
		{ "moscow", "pez" },
	};

	CHECK(*state, cases);
}

static void
test_exact_phrase(void **state)
{
	static const struct find_case cases[] = {
		{ "\"memory safety\"", "kern2" },
		{ "\"safety memory\"", "" },
		{ "\"energy grid\" kharkiv", "grid" },
		{ "\"the kernel community\"", "kern2" },
		{ "\"harbour festival\"", "harbour-new,harbour-old" },
	};

	CHECK(*state, cases);
}

static void
test_or(void **state)
{
	static const struct find_case cases[] = {
		{ "quantum OR croissant", "cafe,quantum" },
		/* OR binds tighter than the implicit AND */
		{ "kernel quantum OR rust", "kern2" },
		{ "quantum OR rust kernel", "kern2" },
		{ "moscow OR kharkiv OR breeze", "grid,pez,weather" },
		{ "\"memory safety\" OR \"energy grid\"", "grid,kern2" },
		/* lower-case or is a word */
		{ "quantum or croissant", "" },
	};

	CHECK(*state, cases);
}

static void
test_not(void **state)
{
	static const struct find_case cases[] = {
		{ "kernel -rust", "kern1" },
		{ "kernel NOT rust", "kern1" },
		{ "kernel -\"memory safety\"", "kern1" },
		{ "kernel -rust -linux", "" },
		{ "festival -title:harbour", "" },
		/* only unwanted words: everything else, newest first */
		{ "-kernel -harbour -zebra", "cafe,grid,pez,quantum,roundup,solar,weather,zel" },
	};

	CHECK(*state, cases);
}

static void
test_prefix(void **state)
{
	static const struct find_case cases[] = {
		{ "kern*", "kern1,kern2" },	/* 4 letters: beyond the prefix index */
		{ "ker*", "kern1,kern2" },	/* 3 letters: prefix index */
		{ "ke*", "kern1,kern2" },	/* 2 letters: prefix index */
		{ "pezesh*", "pez" },
		{ "\xD0\xB7\xD0\xB5\xD0\xBB*", "zel" },		/* зел* */
		{ "\"memory saf\"*", "kern2" },
		{ "kern", "" },
	};

	CHECK(*state, cases);
}

static void
test_field_filters(void **state)
{
	static const struct find_case cases[] = {
		{ "title:kernel", "kern1,kern2" },
		{ "title:linux", "" },
		{ "linux", "kern1" },
		{ "title:\"new kernel\"", "kern1" },
		{ "title:harb*", "harbour-new,harbour-old" },
		{ "author:amelie", "cafe" },
		{ "author:\"linus torvalds\"", "kern1" },
		{ "AUTHOR:torvalds", "kern1" },
		{ "feed:kyiv", "grid,pez,zel" },
		{ "feed:\"le monde\" festival", "harbour-new,harbour-old" },
		{ "-feed:monde -feed:tech", "grid,pez,zel" },
		{ "title:kernel OR title:quantum", "kern1,kern2,quantum" },
	};

	CHECK(*state, cases);
}

static void
test_tag_filter(void **state)
{
	static const struct find_case cases[] = {
		{ "tag:tech", "kern1,kern2,quantum,roundup,solar" },
		{ "tag:TECH", "kern1,kern2,quantum,roundup,solar" },
		{ "tag:ukraine", "grid,pez,zel" },
		{ "tag:news moscow", "pez" },
		{ "-tag:news", "kern1,kern2,quantum,roundup,solar" },
		{ "tag:nosuchtag", "" },
		{ "tag:\"news\" -tag:ukraine festival", "harbour-new,harbour-old" },
	};

	CHECK(*state, cases);
}

static void
test_state_filters(void **state)
{
	static const struct find_case cases[] = {
		{ "is:unread kernel", "kern2" },
		{ "is:read kernel", "kern1" },
		{ "is:read", "grid,kern1,zel" },
		{ "is:starred", "pez,solar" },
		{ "is:unstarred panels", "roundup" },
		{ "-is:unread tag:ukraine", "grid,zel" },
		{ "IS:Starred moscow", "pez" },
	};

	CHECK(*state, cases);
}

static void
test_date_filters(void **state)
{
	static const struct find_case cases[] = {
		{ "since:7d", "ctrl,harbour-new,pez,quantum,roundup,weather,zel" },
		{ "since:1w", "ctrl,harbour-new,pez,quantum,roundup,weather,zel" },
		{ "since:36h", "roundup,zel" },
		{ "since:yesterday", "roundup,zel" },
		{ "since:today", "" },
		{ "since:2024-12-01 kernel", "kern1" },
		{ "since:3m -is:read", "ctrl,harbour-new,harbour-old,kern2,pez,quantum,roundup,weather" },
		{ "since:1y tag:news", "ctrl,grid,harbour-new,harbour-old,pez,weather,zel" },
		{ "before:2024-01-01", "cafe" },
		{ "before:30d kernel", "kern2" },
		{ "since:60d before:30d", "harbour-old,kern2" },
		{ "-since:7d tag:tech", "kern1,kern2,solar" },
	};

	CHECK(*state, cases);
}

static void
test_filters_alone_newest_first(void **state)
{
	char *got = find_flags(*state, "is:starred", 0, 0);

	assert_string_equal(got, "pez,solar");
	free(got);
	got = find_flags(*state, "tag:ukraine", 0, 0);
	assert_string_equal(got, "zel,pez,grid");
	free(got);
}

static void
test_diacritics(void **state)
{
	static const struct find_case cases[] = {
		{ "Pezeshkian", "pez" },
		{ "pezeshki\xC3\xA1n", "pez" },
		{ "PEZESHKIAN moscow", "pez" },
		{ "cafe", "cafe" },
		{ "caf\xC3\xA9", "cafe" },
		{ "CAF\xC3\x89", "cafe" },
		{ "amelie", "cafe" },
		{ "\"cafe au lait\"", "cafe" },
	};

	CHECK(*state, cases);
}

static void
test_cyrillic(void **state)
{
	static const struct find_case cases[] = {
		{ "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2", "zel" },			/* київ */
		{ "\xD0\x9A\xD0\x98\xD0\x87\xD0\x92", "zel" },			/* КИЇВ */
		{ "\xD0\xB7\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xBD\xD1\x81\xD1\x8C\xD0\xBA\xD0\xB8\xD0\xB9",
		    "zel" },							/* зеленський */
		{ "\xD0\x97\xD0\x95\xD0\x9B\xD0\x95\xD0\x9D\xD0\xA1\xD0\xAC\xD0\x9A\xD0\x98\xD0\x99 "
		    "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "zel" },		/* ЗЕЛЕНСЬКИЙ Київ */
		{ "title:\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2 allies", "zel" },
		{ "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "" },	/* москва */
	};

	CHECK(*state, cases);
}

static void
test_rank_title_above_body(void **state)
{
	char *got;

	/* solar: in the old item's title, in passing in a newer one's text */
	got = find_flags(*state, "solar", 0, 0);
	assert_string_equal(got, "solar,roundup");
	free(got);
	got = find_flags(*state, "weather", 0, 0);
	assert_string_equal(got, "weather,roundup");
	free(got);
}

static void
test_rank_newer_first_among_ties(void **state)
{
	/* same title and text; the older one was stored later */
	char *got = find_flags(*state, "harbour festival", 0, 0);

	assert_string_equal(got, "harbour-new,harbour-old");
	free(got);
	got = find_flags(*state, "boats", 0, 0);
	assert_string_equal(got, "harbour-new,harbour-old");
	free(got);
}

static struct search_result
run_one(struct fixture *f, const char *query, int limit, int offset)
{
	struct search_opts o = { .limit = limit, .offset = offset };
	struct search_query *q;
	struct search_result r;
	struct err e;

	q = search_compile(f->db, query, NOW, 0, &e);
	if (q == NULL)
		fail_msg("query '%s' refused: %s", query, e.msg);
	assert_int_equal(search_run(f->db, q, &o, &r, &e), 0);
	search_query_free(q);
	return r;
}

static char *
span_text(const char *s, const struct search_span *sp)
{
	assert_true(sp->start < sp->end);
	assert_true(sp->end <= strlen(s));
	return xstrndup(s + sp->start, sp->end - sp->start);
}

static void
test_snippet_marks_matches(void **state)
{
	struct search_result r = run_one(*state, "breeze rain", 10, 0);
	char *w;

	assert_int_equal(r.n, 1);
	assert_non_null(strstr(r.hits[0].snippet, "light breeze"));
	assert_int_equal(r.hits[0].nspans, 2);
	w = span_text(r.hits[0].snippet, &r.hits[0].spans[0]);
	assert_string_equal(w, "breeze");
	free(w);
	w = span_text(r.hits[0].snippet, &r.hits[0].spans[1]);
	assert_string_equal(w, "rain");
	free(w);
	assert_null(strchr(r.hits[0].snippet, '\x01'));
	assert_null(strchr(r.hits[0].snippet, '\x02'));
	search_result_release(&r);

	/* accents and case as in the text, not as in the query */
	r = run_one(*state, "CAFE", 10, 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.hits[0].nspans, 1);
	w = span_text(r.hits[0].snippet, &r.hits[0].spans[0]);
	assert_string_equal(w, "caf\xC3\xA9");
	free(w);
	assert_int_equal(r.hits[0].ntitle_spans, 1);
	assert_string_equal(r.hits[0].title, "Le caf\xC3\xA9 parisien");
	w = span_text(r.hits[0].title, &r.hits[0].title_spans[0]);
	assert_string_equal(w, "caf\xC3\xA9");
	free(w);
	search_result_release(&r);
}

static void
test_snippet_long_text_is_cut_around_match(void **state)
{
	struct fixture *f = *state;
	struct seed_item s = { 1, "long", "A long story", NULL, 3, NULL };
	struct buf b;
	struct search_result r;
	char *w;
	int i;

	buf_init(&b, 0);
	for (i = 0; i < 300; i++)
		assert_int_equal(buf_printf(&b, "filler%d ", i), 0);
	assert_int_equal(buf_addstr(&b, "the needle is here "), 0);
	for (i = 0; i < 300; i++)
		assert_int_equal(buf_printf(&b, "more%d ", i), 0);
	s.text = b.data;
	store_one(f, &s);
	r = run_one(f, "needle", 10, 0);
	assert_int_equal(r.n, 1);
	assert_true(strlen(r.hits[0].snippet) < 400);
	assert_non_null(strstr(r.hits[0].snippet, "\xE2\x80\xA6"));	/* cut: ellipsis */
	assert_int_equal(r.hits[0].nspans, 1);
	w = span_text(r.hits[0].snippet, &r.hits[0].spans[0]);
	assert_string_equal(w, "needle");
	free(w);
	search_result_release(&r);
	buf_release(&b);
}

/* A text longer than the snippet scan (SEARCH_SNIPPET_SCAN, 128 KiB) is cut
 * before a character the cap would split, not inside it: the snippet ends
 * in whole characters, with no U+FFFD for half of one. */
static void
test_snippet_scan_cut_keeps_characters(void **state)
{
	struct fixture *f = *state;
	struct seed_item s = { 1, "cut", "A very long story", NULL, 3, NULL };
	static const char han[] = "\xE4\xB8\xAD";	/* U+4E2D, 3 bytes */
	struct buf b;
	struct search_result r;
	size_t len;
	int i;

	buf_init(&b, 0);
	for (i = 0; i < 65524; i++)
		assert_int_equal(buf_addstr(&b, "f "), 0);
	assert_int_equal(buf_addstr(&b, " needle "), 0);
	/* five whole characters, then one across byte 131072 */
	for (i = 0; i < 6; i++)
		assert_int_equal(buf_addstr(&b, han), 0);
	assert_int_equal(b.len - 3, 131071);
	assert_int_equal(buf_addstr(&b, " tail"), 0);
	s.text = b.data;
	store_one(f, &s);
	r = run_one(f, "needle", 10, 0);
	assert_int_equal(r.n, 1);
	assert_null(strstr(r.hits[0].snippet, "\xEF\xBF\xBD"));
	len = strlen(r.hits[0].snippet);
	assert_true(len >= 22);
	assert_string_equal(r.hits[0].snippet + len - 22,
	    "needle \xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD");
	search_result_release(&r);
	buf_release(&b);
}

/* what the CLI's output is made of (main.c prints it; tests/e2e/search-tsv.sh) */
static void
test_hit_fields_and_marks(void **state)
{
	struct fixture *f = *state;
	struct search_result r = run_one(f, "breeze", 0, 0);
	char *w;

	assert_int_equal(r.n, 1);
	assert_int_equal(r.hits[0].id, id_of(f, "weather"));
	assert_int_equal(r.hits[0].published, 1735516800);	/* 2024-12-30T00:00:00Z */
	assert_string_equal(r.hits[0].feed_title, "Le Monde");
	assert_string_equal(r.hits[0].title, "Weather report");
	assert_string_equal(r.hits[0].snippet,
	    "Sunny skies over Paris with a light breeze. No rain expected.");
	assert_int_equal(r.hits[0].nspans, 1);
	w = span_text(r.hits[0].snippet, &r.hits[0].spans[0]);
	assert_string_equal(w, "breeze");
	free(w);
	search_result_release(&r);
}

static void
assert_one_line(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		assert_true(*p >= 0x20 && *p != 0x7f);
}

static void
test_hit_control_characters_become_spaces(void **state)
{
	struct search_result r = run_one(*state, "zebra", 0, 0);

	assert_int_equal(r.n, 1);
	assert_one_line(r.hits[0].feed_title);
	assert_one_line(r.hits[0].title);
	assert_one_line(r.hits[0].snippet);
	assert_non_null(strstr(r.hits[0].title, "Tab here newline [31mred"));
	assert_non_null(strstr(r.hits[0].snippet, "Control characters in the text zebra."));
	search_result_release(&r);
}

static void
test_hit_limit_and_best_first(void **state)
{
	struct fixture *f = *state;
	struct search_result r = run_one(f, "solar OR festival OR kernel", 2, 0);

	assert_int_equal(r.n, 2);
	search_result_release(&r);
	r = run_one(f, "solar", 0, 0);
	assert_true(r.n >= 1);
	assert_int_equal(r.hits[0].id, id_of(f, "solar"));
	search_result_release(&r);
}

static void
test_paging(void **state)
{
	struct fixture *f = *state;
	struct search_result all = run_one(f, "kernel OR festival OR solar OR quantum", 100, 0);
	struct search_result p1 = run_one(f, "kernel OR festival OR solar OR quantum", 3, 0);
	struct search_result p2 = run_one(f, "kernel OR festival OR solar OR quantum", 3, 3);
	size_t i;

	assert_int_equal(all.n, 7);
	assert_int_equal(all.more, 0);
	assert_int_equal(p1.n, 3);
	assert_int_equal(p1.more, 1);
	assert_int_equal(p2.n, 3);
	assert_int_equal(p2.more, 1);
	for (i = 0; i < 3; i++) {
		assert_int_equal(p1.hits[i].id, all.hits[i].id);
		assert_int_equal(p2.hits[i].id, all.hits[i + 3].id);
	}
	assert_int_equal(all.windowed, 0);
	search_result_release(&all);
	search_result_release(&p1);
	search_result_release(&p2);
}

static void
test_live_mode(void **state)
{
	static const struct find_case cases[] = {
		{ "kern", "kern1,kern2" },
		{ "\"memory saf", "kern2" },
		{ "title:harb", "harbour-new,harbour-old" },
		{ "quantum OR", "quantum" },
		{ "kernel rust ", "kern2" },
		{ "kernel -ru", "kern1" },
		{ "kernel NOT", "kern1,kern2" },
	};
	struct fixture *f = *state;
	char *got;

	check_cases(f, cases, sizeof cases / sizeof cases[0], SEARCH_LIVE);
	/* without live mode a word is a whole word */
	got = find_flags(f, "kern", 0, 1);
	assert_string_equal(got, "");
	free(got);
}

struct bad_case {
	const char *query;
	const char *message;
};

static void
test_malformed_queries(void **state)
{
	static const struct bad_case cases[] = {
		{ "\"abc", "unbalanced quote" },
		{ "kernel \"memory safety", "unbalanced quote" },
		{ "title:\"abc", "unbalanced quote" },
		{ "", "nothing to search for" },
		{ "   \t ", "nothing to search for" },
		{ "\"\"", "nothing to search for" },
		{ "* ** -", "nothing to search for" },
		{ "\xE2\x80\xA6 \xE2\x80\x94", "nothing to search for" },	/* … — */
		{ "foo:bar", "unknown filter 'foo:'" },
		{ "http://example.org", "unknown filter 'http:'" },
		{ "since:7x", "bad date in since: '7x'" },
		{ "since:", "since: needs a value" },
		{ "before:2024-13-01", "bad date in before: '2024-13-01'" },
		{ "since:2023-02-29", "bad date in since: '2023-02-29'" },
		{ "since:d", "bad date in since: 'd'" },
		{ "since:99999999d", "bad date in since: '99999999d'" },
		{ "is:maybe", "unknown value in is:maybe" },
		{ "OR kernel", "OR must stand between two words" },
		{ "kernel OR", "OR must stand between two words" },
		{ "kernel OR OR rust", "OR must stand between two words" },
		{ "kernel OR -rust", "OR must stand between two words" },
		{ "is:read OR kernel", "OR must stand between two words" },
		{ "kernel OR is:read", "OR must stand between two words" },
		{ "kernel NOT", "NOT needs a word after it" },
		{ "title:", "title: needs a value" },
		{ "tag:", "tag: needs a value" },
	};
	struct fixture *f = *state;
	struct search_query *q;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&e, 0, sizeof e);
		q = search_compile(f->db, cases[i].query, NOW, 0, &e);
		if (q != NULL)
			fail_msg("query '%s' was accepted", cases[i].query);
		if (strstr(e.msg, cases[i].message) == NULL)
			fail_msg("query '%s': message '%s', want '%s'", cases[i].query, e.msg,
			    cases[i].message);
	}
}

static void
test_too_long_and_too_many(void **state)
{
	struct fixture *f = *state;
	struct search_query *q;
	struct err e;
	struct buf b;
	int i;

	buf_init(&b, 0);
	for (i = 0; i < SEARCH_TERMS_MAX + 1; i++)
		assert_int_equal(buf_printf(&b, "w%d ", i), 0);
	q = search_compile(f->db, b.data, NOW, 0, &e);
	assert_null(q);
	assert_non_null(strstr(e.msg, "too many words"));
	buf_reset(&b);
	for (i = 0; i < SEARCH_QUERY_MAX; i++)
		assert_int_equal(buf_addc(&b, 'a'), 0);
	assert_int_equal(buf_addc(&b, ' '), 0);
	q = search_compile(f->db, b.data, NOW, 0, &e);
	assert_null(q);
	assert_non_null(strstr(e.msg, "too long"));
	/* the most words allowed still run */
	buf_reset(&b);
	for (i = 0; i < SEARCH_TERMS_MAX; i++)
		assert_int_equal(buf_printf(&b, "w%d OR ", i), 0);
	assert_int_equal(buf_addstr(&b, "kernel"), 0);
	q = search_compile(f->db, b.data, NOW, 0, &e);
	assert_null(q);		/* 129 clauses */
	buf_reset(&b);
	for (i = 0; i < SEARCH_TERMS_MAX / 2 - 1; i++)
		assert_int_equal(buf_printf(&b, "w%d OR ", i), 0);
	assert_int_equal(buf_addstr(&b, "kernel"), 0);
	q = search_compile(f->db, b.data, NOW, 0, &e);
	assert_non_null(q);
	search_query_free(q);
	buf_release(&b);
}

/* User text reaches FTS5 only inside double quotes. */
static void
test_fts_expression_quotes_every_word(void **state)
{
	static const struct {
		const char *query;
		const char *fts;
	} cases[] = {
		{ "kernel", "\"kernel\"" },
		{ "a\"b\"", "\"a\" AND \"b\"" },
		{ "NEAR(kernel rust)", "\"NEAR(kernel\" AND \"rust)\"" },
		{ "kernel* title:x \"p q\"*", "\"kernel\" * AND title : \"x\" AND \"p q\" *" },
		{ "a OR b c -d", "((\"a\" OR \"b\") AND \"c\") NOT (\"d\")" },
		{ "{title}:x", "\"{title}:x\"" },
		{ "x AND y", "\"x\" AND \"y\"" },
		{ "^kernel", "\"^kernel\"" },
		/* "';" and "--" hold no word: left out */
		{ "'; DROP TABLE items; --", "\"DROP\" AND \"TABLE\" AND \"items;\"" },
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct err e;
		struct search_query *q = search_compile(f->db, cases[i].query, NOW, 0, &e);

		if (q == NULL)
			fail_msg("query '%s' refused: %s", cases[i].query, e.msg);
		if (strcmp(search_query_fts(q), cases[i].fts) != 0)
			fail_msg("query '%s': fts '%s', want '%s'", cases[i].query,
			    search_query_fts(q), cases[i].fts);
		search_query_free(q);
	}
}

static void
test_hostile_queries_are_only_text(void **state)
{
	static const struct find_case cases[] = {
		{ "kernel\" OR \"quantum", "" },	/* no OR smuggled in */
		/* our grammar: title:"kernel)" OR "(body:quantum" */
		{ "title:kernel) OR (body:quantum", "kern1,kern2" },
		{ "'; DROP TABLE items; --", "" },
		{ "kernel\" NOT \"rust", "" },
		/* the phrase "near kernel" and the word rust, no NEAR group */
		{ "NEAR(kernel rust)", "" },
		{ "rust)", "kern2" },
		{ "kernel:*", "" },
	};
	struct fixture *f = *state;
	struct err e;
	struct search_query *q;

	/* kernel:* is an unknown filter, not a column */
	q = search_compile(f->db, "kernel:*", NOW, 0, &e);
	assert_null(q);
	check_cases(f, cases, 6, 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), (int)NSEED);
}

static uint64_t fuzz_state = 88172645463325252ULL;

static unsigned
fuzz_next(void)
{
	fuzz_state ^= fuzz_state << 13;
	fuzz_state ^= fuzz_state >> 7;
	fuzz_state ^= fuzz_state << 17;
	return (unsigned)fuzz_state;
}

/* Random queries: refused with a plain message, or run; never an SQLite error. */
static void
test_fuzzed_queries(void **state)
{
	static const char *const pieces[] = {
		"\"", "-", "*", ":", "(", ")", "OR", "AND", "NOT", "NEAR", "title:", "author:",
		"feed:", "tag:", "is:", "since:", "before:", "kernel", "caf\xC3\xA9", "7d",
		"2024-07-01", "unread", "{", "}", "^", "+", "'", ";", "\\", "\xFF", "\xC3",
		"\xD0\x9A", " ", " ", " ", "x", "\x01", "\x02", "\t", "body:", "rowid", "%",
		"_", "?1", "$a", "@b", "NUL", "--",
	};
	struct fixture *f = *state;
	struct search_opts o = { .limit = 5 };
	int i, j, ran = 0, refused = 0;

	for (i = 0; i < 3000; i++) {
		struct search_query *q;
		struct search_result r;
		struct err e;
		struct buf b;
		int n = 1 + (int)(fuzz_next() % 8);

		buf_init(&b, 0);
		for (j = 0; j < n; j++)
			assert_int_equal(buf_addstr(&b,
			    pieces[fuzz_next() % (sizeof pieces / sizeof pieces[0])]), 0);
		memset(&e, 0, sizeof e);
		q = search_compile(f->db, b.data, NOW, fuzz_next() % 2 ? SEARCH_LIVE : 0, &e);
		if (q == NULL) {
			refused++;
			assert_true(e.msg[0] != '\0');
			if (strstr(e.msg, "cache ") || strstr(e.msg, "fts5") ||
			    strstr(e.msg, "syntax"))
				fail_msg("query '%s': message '%s'", b.data, e.msg);
		} else {
			ran++;
			if (search_run(f->db, q, &o, &r, &e) != 0)
				fail_msg("query '%s' (fts '%s') failed: %s", b.data,
				    search_query_fts(q), e.msg);
			search_result_release(&r);
			search_query_free(q);
		}
		buf_release(&b);
	}
	assert_true(ran > 100);
	assert_true(refused > 100);
}

static void
test_highlight_text(void **state)
{
	struct fixture *f = *state;
	struct search_query *q;
	struct search_span *sp;
	struct err e;
	size_t n;
	const char *text = "Un Caf\xC3\xA9 and the kernels of \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2"
	    "; memory safety, safety memory.";
	char *w;

	q = search_compile(f->db, "cafe kern* \xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2 "
	    "\"memory safety\" -the", NOW, 0, &e);
	assert_non_null(q);
	assert_int_equal(search_highlight(f->db, q, text, strlen(text), &sp, &n, &e), 0);
	assert_int_equal(n, 4);
	w = span_text(text, &sp[0]);
	assert_string_equal(w, "Caf\xC3\xA9");
	free(w);
	w = span_text(text, &sp[1]);
	assert_string_equal(w, "kernels");
	free(w);
	w = span_text(text, &sp[2]);
	assert_string_equal(w, "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2");
	free(w);
	w = span_text(text, &sp[3]);
	assert_string_equal(w, "memory safety");
	free(w);
	free(sp);
	/* nothing wanted: nothing marked */
	assert_int_equal(search_highlight(f->db, q, "nothing here", 12, &sp, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_null(sp);
	search_query_free(q);
}

static int cancel_calls;

static int
cancel_always(void *arg)
{
	(void)arg;
	cancel_calls++;
	return 1;
}

static int
cancel_never(void *arg)
{
	(void)arg;
	cancel_calls++;
	return 0;
}

static void
test_interrupt(void **state)
{
	struct fixture *f = *state;
	struct search_opts o = { .limit = 10 };
	struct search_query *q;
	struct search_result r;
	struct item items[200];
	char *texts[200];
	struct err e;
	int i, round;

	/* enough matching items that a search takes many VM steps */
	assert_int_equal(db_begin(f->db, &e), 0);
	for (round = 0; round < 10; round++) {
		memset(items, 0, sizeof items);
		for (i = 0; i < 200; i++) {
			items[i].guid = xasprintf("bulk-%d-%d", round, i);
			items[i].title = xasprintf("bulk item %d", i);
			items[i].published = NOW - (round * 200 + i) * 60;
			texts[i] = xasprintf("common words for bulk item %d of round %d", i, round);
		}
		assert_int_equal(items_store(f->db, f->feed_ids[1], "Tech Daily", items, texts, 200,
		    NOW, NULL, &e), 0);
		for (i = 0; i < 200; i++) {
			free(items[i].guid);
			free(items[i].title);
			free(texts[i]);
		}
	}
	assert_int_equal(db_commit(f->db, &e), 0);

	q = search_compile(f->db, "common bulk", NOW, 0, &e);
	assert_non_null(q);
	cancel_calls = 0;
	o.cancel = cancel_always;
	memset(&r, 0x55, sizeof r);
	assert_int_equal(search_run(f->db, q, &o, &r, &e), SEARCH_INTERRUPTED);
	assert_int_equal(cancel_calls, 1);
	assert_int_equal(r.n, 0);
	assert_null(r.hits);

	cancel_calls = 0;
	o.cancel = cancel_never;
	assert_int_equal(search_run(f->db, q, &o, &r, &e), 0);
	assert_true(cancel_calls > 0);
	assert_int_equal(r.n, 10);
	assert_int_equal(r.more, 1);
	search_result_release(&r);

	/* the handler is gone afterwards */
	cancel_calls = 0;
	assert_int_equal(search_run(f->db, q, NULL, &r, &e), 0);
	assert_int_equal(cancel_calls, 0);
	assert_int_equal(r.n, SEARCH_DEFAULT_LIMIT);
	search_result_release(&r);
	search_query_free(q);
}

/* Past the ranking window an old item with the words in its title still
 * comes first; the window itself is the newest matching items. */
static void
test_window_keeps_old_title_match(void **state)
{
	struct fixture *f = *state;
	struct seed_item old = { 1, "old-title", "Widget recall announced", NULL, 300,
	    "The maker calls back its products." };
	struct item items[250];
	char *texts[250];
	struct search_result r;
	struct err e;
	int i, round, nrounds = SEARCH_RANK_WINDOW / 250 + 2;

	store_one(f, &old);
	assert_int_equal(db_begin(f->db, &e), 0);
	for (round = 0; round < nrounds; round++) {
		memset(items, 0, sizeof items);
		for (i = 0; i < 250; i++) {
			items[i].guid = xasprintf("w-%d-%d", round, i);
			items[i].title = xasprintf("note %d", i);
			items[i].published = NOW - DAY - (round * 250 + i);
			texts[i] = xasprintf("a widget recall mentioned among other things %d", i);
		}
		assert_int_equal(items_store(f->db, f->feed_ids[1], "Tech Daily", items, texts,
		    250, NOW, NULL, &e), 0);
		for (i = 0; i < 250; i++) {
			free(items[i].guid);
			free(items[i].title);
			free(texts[i]);
		}
	}
	assert_int_equal(db_commit(f->db, &e), 0);

	r = run_one(f, "widget recall", 5, 0);
	assert_int_equal(r.windowed, 1);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.more, 1);
	assert_int_equal(r.hits[0].id, id_of(f, "old-title"));
	search_result_release(&r);
	/* a query under the window is not windowed */
	r = run_one(f, "calls back", 5, 0);
	assert_int_equal(r.windowed, 0);
	assert_int_equal(r.n, 1);
	search_result_release(&r);
}

/* Without the items_search index (a cache before schema 2) the answers stay
 * the same: search reads items through it only when it is there. */
static void
test_without_search_index(void **state)
{
	static const struct find_case cases[] = {
		{ "kernel", "kern1,kern2" },
		{ "is:unread kernel", "kern2" },
		{ "is:starred", "pez,solar" },
		{ "tag:tech -is:read panels", "roundup,solar" },
		{ "since:60d before:30d", "harbour-old,kern2" },
		{ "-kernel -harbour -zebra", "cafe,grid,pez,quantum,roundup,solar,weather,zel" },
		{ "feed:kyiv -is:starred", "grid,zel" },
	};
	struct fixture *f = *state;
	struct err e;
	char *got;

	assert_int_equal(count(f->db, "SELECT count(*) FROM sqlite_master WHERE name = "
	    "'items_search'"), 1);
	assert_int_equal(db_exec(f->db, "DROP INDEX items_search", &e), 0);
	CHECK(f, cases);
	got = find_flags(f, "solar", 0, 0);
	assert_string_equal(got, "solar,roundup");
	free(got);
}

/* --- the index in step with the items --- */

static void
assert_index_consistent(struct fixture *f)
{
	struct err e;

	assert_int_equal(count(f->db, "SELECT count(*) FROM items_fts"),
	    count(f->db, "SELECT count(*) FROM items"));
	assert_int_equal(count(f->db, "SELECT count(*) FROM items_fts WHERE rowid NOT IN "
	    "(SELECT id FROM items)"), 0);
	assert_int_equal(db_exec(f->db, "INSERT INTO items_fts(items_fts, rank) "
	    "VALUES ('integrity-check', 1)", &e), 0);
}

static void
test_index_after_store(void **state)
{
	assert_index_consistent(*state);
}

static void
test_index_after_update_title(void **state)
{
	struct fixture *f = *state;
	struct seed_item s = seed_items[3];	/* kern1 */
	char *got;

	s.title = "Kernel 7.0 ships";
	store_one(f, &s);
	assert_index_consistent(f);
	got = find_flags(f, "title:ships", 0, 1);
	assert_string_equal(got, "kern1");
	free(got);
	got = find_flags(f, "released", 0, 1);	/* the old title's word */
	assert_string_equal(got, "");
	free(got);
}

/* An updated item stays findable by its text (items_store once rewrote the
 * index row with no text on an update; fixed in store/items.c 7ebf8ae). */
static void
test_index_update_keeps_text(void **state)
{
	struct fixture *f = *state;
	struct seed_item s = seed_items[3];	/* kern1 */
	char *got, *got2;

	s.title = "Kernel 7.0 ships";
	store_one(f, &s);
	got = find_flags(f, "schedulers", 0, 1);	/* a word of its text */
	got2 = find_flags(f, "filesystems", 0, 1);
	assert_index_consistent(f);
	assert_string_equal(got, "kern1");
	assert_string_equal(got2, "kern1");
	free(got);
	free(got2);
}

static void
test_index_update_keeps_article_text(void **state)
{
	struct fixture *f = *state;
	struct article_in a = { .status = ARTICLE_OK, .title = "t", .html = "<p>x</p>",
	    .text = "The downloaded article talks about hyperthreading.", .fetched_at = NOW };
	struct seed_item s = seed_items[3];	/* kern1 */
	struct err e;
	char *got;

	assert_int_equal(articles_store(f->db, id_of(f, "kern1"), &a, &e), 0);
	s.title = "Kernel 7.0 ships";
	store_one(f, &s);
	assert_index_consistent(f);
	got = find_flags(f, "hyperthreading title:ships", 0, 1);
	assert_string_equal(got, "kern1");
	free(got);
}

static void
test_index_after_article(void **state)
{
	struct fixture *f = *state;
	struct article_in a = { .status = ARTICLE_OK, .title = "t", .html = "<p>x</p>",
	    .text = "The downloaded article talks about hyperthreading.", .fetched_at = NOW };
	struct err e;
	char *got;

	assert_int_equal(articles_store(f->db, id_of(f, "kern1"), &a, &e), 0);
	assert_index_consistent(f);
	got = find_flags(f, "hyperthreading", 0, 1);
	assert_string_equal(got, "kern1");
	free(got);
	got = find_flags(f, "title:kernel released", 0, 1);
	assert_string_equal(got, "kern1");
	free(got);
}

static void
test_index_after_feed_removal(void **state)
{
	struct fixture *f = *state;
	struct err e;
	char *got;

	assert_int_equal(feeds_delete(f->db, seed_feeds[1].url, &e), 0);
	assert_index_consistent(f);
	got = find_flags(f, "kernel OR quantum OR solar OR boats", 0, 1);
	assert_string_equal(got, "harbour-new,harbour-old");
	free(got);
	got = find_flags(f, "tag:tech", 0, 1);
	assert_string_equal(got, "");
	free(got);
}

static void
test_index_after_retention(void **state)
{
	struct fixture *f = *state;
	struct items_store_stats st = { 0 };
	struct err e;
	char *got;

	/* keep the newest 2 of Le Monde's 5; none of them was in a later poll */
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(items_retain(f->db, f->feed_ids[2], 2, NOW + 1, &st, &e), 0);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(st.removed, 3);
	assert_index_consistent(f);
	got = find_flags(f, "feed:monde", 0, 1);
	assert_string_equal(got, "harbour-new,weather");
	free(got);
	got = find_flags(f, "croissant OR zebra OR boats", 0, 1);
	assert_string_equal(got, "harbour-new");
	free(got);
}

/* Even a stale index row (here: made by hand) never yields a deleted item. */
static void
test_deleted_item_never_returned(void **state)
{
	struct fixture *f = *state;
	struct search_result r;
	struct err e;
	char *got;

	assert_int_equal(db_exec(f->db, "DROP TRIGGER items_fts_delete", &e), 0);
	assert_int_equal(db_exec(f->db, "DELETE FROM items WHERE guid = 'quantum'", &e), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items_fts WHERE items_fts MATCH "
	    "'quantum'"), 1);
	got = find_flags(f, "quantum", 0, 1);
	assert_string_equal(got, "");
	free(got);
	r = run_one(f, "-kernel", 100, 0);
	assert_int_equal(r.n, NSEED - 3);
	search_result_release(&r);
}

static void
test_reindex_feed_title(void **state)
{
	struct fixture *f = *state;
	struct err e;
	char *got;

	assert_int_equal(feeds_set_custom_title(f->db, seed_feeds[1].url, "Gadget Weekly", &e), 0);
	assert_int_equal(items_reindex_feed(f->db, f->feed_ids[1], &e), 0);
	assert_index_consistent(f);
	got = find_flags(f, "feed:gadget", 0, 1);
	assert_string_equal(got, "kern1,kern2,quantum,roundup,solar");
	free(got);
	got = find_flags(f, "feed:tech", 0, 1);
	assert_string_equal(got, "");
	free(got);
	/* the text stays searchable */
	got = find_flags(f, "schedulers", 0, 1);
	assert_string_equal(got, "kern1");
	free(got);
}

/*
 * tidings_rank (store/search.c) is bm25() with a cheaper document count:
 * where a phrase matches fewer items than the count's sample, the two must
 * give the same score for every row.
 */
static int
compare_rank(struct db *db, const char *match, int sample, double tolerance)
{
	sqlite3_stmt *st;
	int rows = 0;

	st = db_prepare(db, "SELECT bm25(items_fts, 10.0, 3.0, 2.0, 1.0), "
	    "tidings_rank(items_fts, 10.0, 3.0, 2.0, 1.0, (SELECT min(id) FROM items), "
	    "(SELECT max(id) FROM items), ?2) FROM items_fts WHERE items_fts MATCH ?1", NULL);
	assert_non_null(st);
	db_bind_text(st, 1, match);
	sqlite3_bind_int(st, 2, sample);
	while (sqlite3_step(st) == SQLITE_ROW) {
		double want = sqlite3_column_double(st, 0), got = sqlite3_column_double(st, 1);
		double diff = want > got ? want - got : got - want;
		double scale = want < 0 ? -want : want;

		if (diff > tolerance * (scale > 1 ? scale : 1))
			fail_msg("'%s': bm25 %.12g, tidings_rank %.12g", match, want, got);
		rows++;
	}
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	return rows;
}

static void
test_rank_is_bm25(void **state)
{
	struct fixture *f = *state;
	static const char *const matches[] = {
		"kernel", "\"harbour festival\"", "kernel OR quantum", "the kernel",
		"pa*", "title:kernel", "{title author}: kernel", "caf\xC3\xA9", "moscow talks",
	};
	struct search_query *q;
	struct err e;
	size_t i;

	/* compiling a query registers the function on the connection */
	q = search_compile(f->db, "kernel", NOW, 0, &e);
	assert_non_null(q);
	search_query_free(q);
	for (i = 0; i < sizeof matches / sizeof matches[0]; i++)
		if (compare_rank(f->db, matches[i], 50000, 1e-9) == 0)
			fail_msg("'%s' matched nothing: the comparison proves nothing", matches[i]);
}

/* A word in more items than the sample (5,000 here, so the test stays
 * small; 20,000 in search_pass): its count is estimated, closely when the
 * word is spread evenly over the cache. */
static void
test_rank_estimates_common_words(void **state)
{
	struct fixture *f = *state;
	enum { N = 16000 };
	struct item *items = xcalloc(N, sizeof *items);
	char **texts = xcalloc(N, sizeof *texts);
	struct search_query *q;
	struct err e;
	size_t i;

	for (i = 0; i < N; i++) {
		items[i].guid = xasprintf("bulk-%zu", i);
		items[i].title = xasprintf("Bulk item %zu", i);
		items[i].published = NOW - (time_t)(i % 300) * DAY;
		/* "common" in ~43% of the items, evenly (its IDF stays above
		 * bm25's floor, so a wrong count would show) */
		texts[i] = xasprintf("%s filler words %s", i % 3 ? "plain" : "common",
		    i % 7 ? "" : "common again");
		items[i].summary = texts[i];
	}
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(items_store(f->db, f->feed_ids[1], seed_feeds[1].title, items, texts,
	    N, NOW, NULL, &e), 0);
	assert_int_equal(db_commit(f->db, &e), 0);
	for (i = 0; i < N; i++) {
		free(items[i].guid);
		free(items[i].title);
		free(texts[i]);
	}
	free(items);
	free(texts);
	q = search_compile(f->db, "common", NOW, 0, &e);
	assert_non_null(q);
	search_query_free(q);
	/* within 1% of bm25 over ~6,900 rows; the sample of 5,000 stops early */
	assert_true(compare_rank(f->db, "common", 5000, 0.01) > 5000);
	assert_true(compare_rank(f->db, "common filler", 5000, 0.01) > 5000);
	/* a rare word beside it is still counted exactly; sample 0 counts all */
	assert_true(compare_rank(f->db, "kernel", 5000, 1e-9) > 0);
	assert_true(compare_rank(f->db, "common", 0, 1e-9) > 5000);
}

/* A feed taken out of the feeds file is hidden from search, not deleted. */
static void
test_unlisted_feed_hidden(void **state)
{
	struct fixture *f = *state;
	const char *without_tech[] = { seed_feeds[0].url, seed_feeds[2].url };
	const char *all[] = { seed_feeds[0].url, seed_feeds[1].url, seed_feeds[2].url };
	struct err e;
	char *got;

	assert_int_equal(feeds_sync_listed(f->db, without_tech, 2, &e), 0);
	got = find_flags(f, "kernel", 0, 1);
	assert_string_equal(got, "");
	free(got);
	got = find_flags(f, "is:starred", 0, 1);	/* filters alone too */
	assert_string_equal(got, "pez");
	free(got);
	assert_int_equal(feeds_sync_listed(f->db, all, 3, &e), 0);
	got = find_flags(f, "kernel", 0, 1);
	assert_string_equal(got, "kern1,kern2");
	free(got);
	/* a schema-2 cache (opened read-only, so not migrated) has no listed
	 * column: search still works and hides nothing */
	assert_int_equal(db_exec(f->db, "ALTER TABLE feeds DROP COLUMN listed", &e), 0);
	got = find_flags(f, "kernel", 0, 1);
	assert_string_equal(got, "kern1,kern2");
	free(got);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_words_all_must_match),
		T(test_exact_phrase),
		T(test_or),
		T(test_not),
		T(test_prefix),
		T(test_field_filters),
		T(test_tag_filter),
		T(test_state_filters),
		T(test_date_filters),
		T(test_filters_alone_newest_first),
		T(test_diacritics),
		T(test_cyrillic),
		T(test_rank_title_above_body),
		T(test_rank_newer_first_among_ties),
		T(test_rank_is_bm25),
		T(test_rank_estimates_common_words),
		T(test_snippet_marks_matches),
		T(test_snippet_long_text_is_cut_around_match),
		T(test_snippet_scan_cut_keeps_characters),
		T(test_hit_fields_and_marks),
		T(test_hit_control_characters_become_spaces),
		T(test_hit_limit_and_best_first),
		T(test_paging),
		T(test_live_mode),
		T(test_malformed_queries),
		T(test_too_long_and_too_many),
		T(test_fts_expression_quotes_every_word),
		T(test_hostile_queries_are_only_text),
		T(test_fuzzed_queries),
		T(test_highlight_text),
		T(test_interrupt),
		T(test_window_keeps_old_title_match),
		T(test_without_search_index),
		T(test_index_after_store),
		T(test_index_after_update_title),
		T(test_index_update_keeps_text),
		T(test_index_update_keeps_article_text),
		T(test_index_after_article),
		T(test_index_after_feed_removal),
		T(test_index_after_retention),
		T(test_deleted_item_never_returned),
		T(test_reindex_feed_title),
		T(test_unlisted_feed_hidden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
