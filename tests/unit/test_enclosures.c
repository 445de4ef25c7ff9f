/*
 * Unit tests for enclosures (issue 17): every enclosure of an item parsed
 * with type, length and duration (feed/), kept in the cache's enclosures
 * table (store/enclosures, the 4 -> 5 migration) and described for people
 * (app/podcast).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/podcast.h"
#include "app/view_article.h"
#include "feed/feed.h"
#include "store/db.h"
#include "store/db_priv.h"	/* white-box: raw SQL for the migration test */
#include "store/enclosures.h"
#include "store/feeds.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "tmp_cache.h"
#include "downgrade.h"

#define ITUNES "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
#define MEDIA "xmlns:media=\"http://search.yahoo.com/mrss/\""
#define ATOM "xmlns:atom=\"http://www.w3.org/2005/Atom\""

static struct feed *
parse(const char *doc)
{
	struct feed_parse_opts o = { .url = "http://pod.example/feed" };
	struct err e;
	struct feed *f = feed_parse(doc, strlen(doc), &o, &e);

	if (f == NULL)
		fail_msg("parse: %s", e.msg);
	return f;
}

/* "url type length duration|..." of item 0 */
static void
enclosures_are(const struct feed *f, const char *want)
{
	char got[2048] = "";
	size_t k, len;

	assert_true(f->nitems > 0);
	for (k = 0; k < f->items[0].nenclosures; k++) {
		const struct enclosure *en = &f->items[0].enclosures[k];

		len = strlen(got);
		snprintf(got + len, sizeof got - len, "%s%s %s %lld %ld", k ? "|" : "",
		    en->url, en->type ? en->type : "-", en->length, en->duration);
	}
	assert_string_equal(got, want);
}

static void
test_every_enclosure_of_an_item(void **state)
{
	struct feed *f;

	(void)state;
	f = parse("<rss version=\"2.0\" " ITUNES " " MEDIA " " ATOM "><channel><item>"
	    "<title>Episode</title>"
	    "<enclosure url=\"ep1.mp3\" type=\"audio/mpeg\" length=\"1234\"/>"
	    "<enclosure url=\"http://pod.example/ep1.ogg\" type=\"audio/ogg\" length=\"99\"/>"
	    "<atom:link rel=\"enclosure\" href=\"http://pod.example/ep1.opus\" type=\"audio/opus\" length=\"7\"/>"
	    "<media:group><media:content url=\"http://pod.example/ep1.mp4\" type=\"video/mp4\""
	    " fileSize=\"5000\" duration=\"61\"/></media:group>"
	    "<itunes:duration>1:02:03</itunes:duration>"
	    "</item></channel></rss>");
	/* itunes:duration times the enclosures that have no duration of their own */
	enclosures_are(f,
	    "http://pod.example/ep1.mp3 audio/mpeg 1234 3723"
	    "|http://pod.example/ep1.ogg audio/ogg 99 3723"
	    "|http://pod.example/ep1.opus audio/opus 7 3723"
	    "|http://pod.example/ep1.mp4 video/mp4 5000 61");
	feed_free(f);
}

static void
test_itunes_durations(void **state)
{
	static const struct {
		const char *text;
		long want;
	} cases[] = {
		{ "3723", 3723 },
		{ "62:03", 3723 },
		{ "1:02:03", 3723 },
		{ " 00:45 ", 45 },
		{ "12:34.5", 754 },
		{ "", -1 },
		{ "ten minutes", -1 },
		{ "1:75", -1 },		/* seconds past 59 */
		{ "1:2:3:4", -1 },
		{ "-5", -1 },
		{ "99999999999999999999", -1 },
		{ "1:02:03x", -1 },
	};
	char doc[512];
	char want[128];
	size_t i;
	struct feed *f;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(doc, sizeof doc, "<rss " ITUNES "><channel><item>"
		    "<enclosure url=\"http://x/a.mp3\"/>"
		    "<itunes:duration>%s</itunes:duration></item></channel></rss>",
		    cases[i].text);
		f = parse(doc);
		snprintf(want, sizeof want, "http://x/a.mp3 - -1 %ld", cases[i].want);
		enclosures_are(f, want);
		feed_free(f);
	}
}

static void
test_json_feed_attachments(void **state)
{
	struct feed *f;

	(void)state;
	f = parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\","
	    "\"items\": [{\"id\": \"1\", \"attachments\": ["
	    "{\"url\": \"a.m4a\", \"mime_type\": \"audio/x-m4a\", \"size_in_bytes\": 100,"
	    " \"duration_in_seconds\": 600},"
	    "{\"url\": \"http://pod.example/b.mp3\", \"mime_type\": \"audio/mpeg\","
	    " \"duration_in_seconds\": -3}]}]}");
	enclosures_are(f, "http://pod.example/a.m4a audio/x-m4a 100 600"
	    "|http://pod.example/b.mp3 audio/mpeg -1 -1");
	feed_free(f);
}

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
	struct db *db;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	*state = f;
	return tmp_cache_open(f->dir, sizeof f->dir, "enclosures", &f->path, &f->db);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tmp_cache_remove(f->dir, f->path, f->db);
	free(f);
	return 0;
}

static void
store_one(struct db *db, int64_t fid, struct enclosure *en, size_t n)
{
	struct item it;
	struct err e;

	memset(&it, 0, sizeof it);
	it.guid = (char *)"g1";
	it.title = (char *)"Episode";
	it.enclosures = en;
	it.nenclosures = n;
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Pod", &it, NULL, 1, 1000, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
}

static int64_t
only_item(struct db *db)
{
	sqlite3_stmt *st;
	struct err e;
	int64_t id;

	st = db_prepare(db, "SELECT id FROM items", &e);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static void
test_store_keeps_them_all(void **state)
{
	struct fixture *f = *state;
	struct enclosure en[3] = {
		{ (char *)"http://x/1.mp3", (char *)"audio/mpeg", 10, 60 },
		{ (char *)"http://x/1.ogg", NULL, -1, -1 },
		{ (char *)"http://x/1.opus", (char *)"audio/opus", 5, 3723 },
	};
	struct enclosure_row *rows;
	size_t n;
	struct err e;
	int64_t fid, id;

	assert_int_equal(feeds_ensure(f->db, "http://x/feed", &fid, &e), 0);
	store_one(f->db, fid, en, 3);
	id = only_item(f->db);
	assert_int_equal(enclosures_list(f->db, id, &rows, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].url, "http://x/1.mp3");
	assert_string_equal(rows[0].type, "audio/mpeg");
	assert_int_equal(rows[0].length, 10);
	assert_int_equal(rows[0].duration, 60);
	assert_null(rows[1].type);
	assert_int_equal(rows[1].length, -1);
	assert_int_equal(rows[1].duration, -1);
	assert_string_equal(rows[2].url, "http://x/1.opus");
	assert_int_equal(rows[2].position, 2);
	enclosures_free_rows(rows, n);

	/* the feed changes the second one's type and drops the third */
	en[1].type = (char *)"audio/ogg";
	store_one(f->db, fid, en, 2);
	assert_int_equal(enclosures_list(f->db, id, &rows, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[1].type, "audio/ogg");
	enclosures_free_rows(rows, n);

	/* none left: none cached */
	store_one(f->db, fid, en, 0);
	assert_int_equal(enclosures_list(f->db, id, &rows, &n, &e), 0);
	assert_int_equal(n, 0);
	enclosures_free_rows(rows, n);

	/* they go with their item */
	store_one(f->db, fid, en, 3);
	assert_int_equal(db_exec(f->db, "DELETE FROM items", &e), 0);
	assert_int_equal(enclosures_list(f->db, id, &rows, &n, &e), 0);
	assert_int_equal(n, 0);
	enclosures_free_rows(rows, n);
}

static void
test_migration_brings_the_first_enclosures(void **state)
{
	struct fixture *f = *state;
	struct enclosure en = { (char *)"http://x/old.mp3", (char *)"audio/mpeg", 10, 60 };
	struct enclosure_row *rows;
	size_t n;
	struct err e;
	int64_t fid, id;

	assert_int_equal(feeds_ensure(f->db, "http://x/feed", &fid, &e), 0);
	store_one(f->db, fid, &en, 1);
	id = only_item(f->db);
	/* back to schema 6: no enclosures table, only items.enclosure_url */
	assert_int_equal(db_exec(f->db, DOWNGRADE_TO_6 "PRAGMA user_version = 6", &e), 0);
	db_close(f->db);
	f->db = db_open(f->path, 0, &e);
	assert_non_null(f->db);
	assert_int_equal(enclosures_list(f->db, id, &rows, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].url, "http://x/old.mp3");
	assert_null(rows[0].type);
	assert_int_equal(rows[0].length, -1);
	enclosures_free_rows(rows, n);
}

static void
test_article_view_lists_them(void **state)
{
	struct fixture *f = *state;
	struct enclosure en[2] = {
		{ (char *)"http://x/1.mp3", (char *)"audio/mpeg", 2048, 90 },
		{ (char *)"http://x/1.ogg", NULL, -1, -1 },
	};
	struct view_article v;
	struct err e;
	int64_t fid;
	size_t i, found = 0;

	assert_int_equal(feeds_ensure(f->db, "http://x/feed", &fid, &e), 0);
	store_one(f->db, fid, en, 2);
	view_article_init(&v);
	assert_int_equal(view_article_open(&v, f->db, only_item(f->db), 80, &e), 1);
	for (i = 0; i < v.nlines; i++) {
		if (strcmp(v.lines[i].text, "Enclosure: http://x/1.mp3 (audio/mpeg, 2.0 KiB, 1:30)") == 0)
			found |= 1;
		if (strcmp(v.lines[i].text, "Enclosure: http://x/1.ogg") == 0)
			found |= 2;
	}
	assert_int_equal(found, 3);
	/* opened again (another item, or the same): no leak, same lines */
	assert_int_equal(view_article_open(&v, f->db, only_item(f->db), 40, &e), 1);
	view_article_release(&v);
}

static void
test_described_for_people(void **state)
{
	static const struct {
		struct enclosure_row r;
		const char *want;
	} cases[] = {
		{ { 0, 0, (char *)"http://x/a.mp3", (char *)"audio/mpeg", 12897484, 3723 },
		  "http://x/a.mp3 (audio/mpeg, 12.3 MiB, 1:02:03)" },
		{ { 0, 0, (char *)"http://x/a.mp3", NULL, -1, -1 }, "http://x/a.mp3" },
		{ { 0, 0, (char *)"http://x/a.mp3", NULL, 512, 59 }, "http://x/a.mp3 (512 B, 0:59)" },
		{ { 0, 0, (char *)"http://x/a.mp3", NULL, 0, 600 }, "http://x/a.mp3 (10:00)" },
		{ { 0, 0, (char *)"http://x/v", (char *)"video/mp4", 3LL << 30, -1 },
		  "http://x/v (video/mp4, 3.0 GiB)" },
	};
	struct buf b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_init(&b, 0);
		podcast_describe(&cases[i].r, &b);
		assert_string_equal(b.data, cases[i].want);
		buf_release(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_enclosure_of_an_item),
		cmocka_unit_test(test_itunes_durations),
		cmocka_unit_test(test_json_feed_attachments),
		cmocka_unit_test_setup_teardown(test_store_keeps_them_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_brings_the_first_enclosures,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_article_view_lists_them, setup, teardown),
		cmocka_unit_test(test_described_for_people),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
