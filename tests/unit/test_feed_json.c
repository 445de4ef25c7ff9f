/*
 * Unit tests for feed/feed_json: JSON Feed 1.0 and 1.1 through feed_parse,
 * the spec's own examples (tests/data/feed/jsonfeed-*.json), hand-written
 * feeds for each field, and hostile documents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feed/feed.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "read_file.h"

static struct feed *
parse(const char *doc, const char *url, struct err *e)
{
	struct feed_parse_opts o = { 0 };

	o.url = url;
	return feed_parse(doc, strlen(doc), &o, e);
}

static struct feed *
parse_file(const char *name, const char *url)
{
	const char *top = getenv("top_srcdir");
	struct feed_parse_opts o = { 0 };
	struct feed *f;
	struct buf b;
	struct err e;
	char *path;

	path = xasprintf("%s/tests/data/feed/%s", top ? top : ".", name);
	buf_init(&b, 1 << 20);
	if (read_file_into(path, &b) < 0)
		fail_msg("cannot read %s", path);
	free(path);
	o.url = url;
	f = feed_parse(b.data, b.len, &o, &e);
	if (f == NULL)
		fail_msg("%s: %s", name, e.msg);
	buf_release(&b);
	return f;
}

/* The JSON Feed 1.1 spec's example. */
static void
test_spec_example_1_1(void **state)
{
	struct feed *f = parse_file("jsonfeed-1.1-spec.json", "https://example.org/feed.json");

	(void)state;
	assert_int_equal(f->kind, FEED_JSON);
	assert_string_equal(f->title, "My Example Feed");
	assert_string_equal(f->link, "https://example.org/");
	assert_int_equal(f->nitems, 2);
	assert_string_equal(f->items[0].guid, "2");
	assert_string_equal(f->items[0].link, "https://example.org/second-item");
	assert_string_equal(f->items[0].content, "<p>This is a second item.</p>");
	assert_null(f->items[0].title);
	assert_string_equal(f->items[1].guid, "1");
	assert_string_equal(f->items[1].content, "<p>Hello, world!</p>");
	feed_free(f);
}

/* The 1.0 spec's podcast example: author (1.0), summary, date, attachment. */
static void
test_spec_podcast_1_0(void **state)
{
	struct feed *f = parse_file("jsonfeed-1.0-podcast.json", NULL);
	struct item *it;

	(void)state;
	assert_int_equal(f->kind, FEED_JSON);
	assert_string_equal(f->title, "The Record");
	assert_string_equal(f->author, "Brent Simmons and Chris Parrish");
	assert_int_equal(f->nitems, 1);
	it = &f->items[0];
	assert_string_equal(it->guid, "http://therecord.co/chris-parrish");
	assert_string_equal(it->title, "Special #1 - Chris Parrish");
	assert_string_equal(it->author, "Brent Simmons");
	/* content_html wins over content_text */
	assert_non_null(strstr(it->content, "<a href=\"http://adobe.com/\">Adobe</a>"));
	assert_string_equal(it->summary, "<p>Brent interviews Chris Parrish, co-host of "
	    "The Record and one-half of 5by5\xe2\x80\x99s Rogue Sheep.</p>");
	assert_int_equal((long long)it->published, 1399669440LL);	/* 21:04 UTC */
	assert_int_equal(it->nenclosures, 1);
	assert_string_equal(it->enclosures[0].url,
	    "http://therecord.co/downloads/The-Record-sp1e1-ChrisParrish.m4a");
	assert_string_equal(it->enclosures[0].type, "audio/x-m4a");
	assert_int_equal(it->enclosures[0].length, 89970236LL);
	feed_free(f);
}

/* Every other field, hand-written: 1.1 authors, tags, relative URLs,
 * numeric ids, the fallback ids, text turned into safe HTML. */
static const char fields_doc[] =
    "\xef\xbb\xbf  {\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\","
    " \"home_page_url\": \"/home\", \"description\": \"D\","
    " \"authors\": [{\"name\": \"A\"}, {\"name\": \"B\"}, {\"url\": \"x\"}, 7],"
    " \"items\": ["
    "  {\"id\": 42, \"url\": \"posts/1\", \"title\": \"one\","
    "   \"content_html\": \"<img src=\\\"/i.png\\\">\","
    "   \"tags\": [\"x\", \"y\", \"x\", 3, \"\"], \"date_modified\": \"2020-08-07T11:44:36Z\","
    "   \"authors\": [{\"name\": \"C\"}], \"image\": \"img/1.png\"},"
    "  {\"external_url\": \"https://elsewhere.example/a\","
    "   \"content_text\": \"a <script>x</script> & b\\nline\\n\\npara\","
    "   \"banner_image\": \"https://cdn.example/b.png\"},"
    "  {\"title\": \"no id, no url\", \"date_published\": \"bogus date\"},"
    "  \"not an object\","
    "  {\"id\": \"nul\\u0000after\", \"title\": \"nul\"}"
    " ]}";

static void
test_fields_hand_written(void **state)
{
	struct err e;
	struct feed *f = parse(fields_doc, "https://site.example/feeds/feed.json", &e);
	struct item *it;

	(void)state;
	assert_non_null(f);
	assert_string_equal(f->link, "https://site.example/home");
	assert_string_equal(f->description, "D");
	assert_string_equal(f->author, "A, B");
	assert_int_equal(f->nitems, 4);
	it = &f->items[0];
	assert_string_equal(it->guid, "42");
	assert_string_equal(it->link, "https://site.example/feeds/posts/1");
	assert_string_equal(it->content, "<img src=\"https://site.example/i.png\">");
	assert_int_equal(it->ncategories, 2);
	assert_string_equal(it->categories[0], "x");
	assert_string_equal(it->categories[1], "y");
	assert_int_equal((long long)it->updated, 1596800676LL);
	assert_int_equal((long long)it->published, 0);
	assert_string_equal(it->author, "C");
	assert_string_equal(it->image, "https://site.example/feeds/img/1.png");
	it = &f->items[1];
	assert_string_equal(it->guid, "https://elsewhere.example/a");
	assert_string_equal(it->link, "https://elsewhere.example/a");
	assert_string_equal(it->content,
	    "<p>a &lt;script&gt;x&lt;/script&gt; &amp; b<br>line</p><p>para</p>");
	assert_string_equal(it->image, "https://cdn.example/b.png");
	it = &f->items[2];
	assert_string_equal(it->title, "no id, no url");
	assert_true(strncmp(it->guid, "hash:", 5) == 0);
	assert_int_equal(strlen(it->guid), 5 + 16);
	it = &f->items[3];
	assert_string_equal(it->guid, "nul");
	feed_free(f);
}

/* The same item parsed twice gets the same fallback id; another date
 * another one. */
static void
test_fallback_id_is_stable(void **state)
{
	const char *a = "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": "
	    "[{\"title\": \"t\", \"date_published\": \"2020-01-01T00:00:00Z\"}]}";
	const char *b = "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": "
	    "[{\"title\": \"t\", \"date_published\": \"2020-01-02T00:00:00Z\"}]}";
	struct err e;
	struct feed *f1 = parse(a, NULL, &e), *f2 = parse(a, NULL, &e), *f3 = parse(b, NULL, &e);

	(void)state;
	assert_string_equal(f1->items[0].guid, f2->items[0].guid);
	assert_string_not_equal(f1->items[0].guid, f3->items[0].guid);
	feed_free(f1);
	feed_free(f2);
	feed_free(f3);
}

/* Hostile and broken documents: one-line errors, never a crash. */
static void
test_hostile_documents(void **state)
{
	static const struct {
		const char *doc;
		const char *msg;
	} cases[] = {
		{ "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [}", "JSON error at line 1" },
		{ "{\"version\": \"https://example.org/other\", \"items\": []}", "not a feed" },
		{ "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": {}}", "not a feed" },
		{ "{\"title\": \"no items\"}", "not a feed" },
		{ "{\"items\": [], \"bad\": \"\xff\"}", "JSON error" },
	};
	struct err e;
	struct buf deep;
	struct feed *f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&e, 0, sizeof e);
		f = parse(cases[i].doc, NULL, &e);
		assert_null(f);
		if (strstr(e.msg, cases[i].msg) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].msg);
		assert_null(strchr(e.msg, '\n'));
	}
	/* 100,000 nested arrays: refused before jansson recurses */
	buf_init(&deep, 0);
	buf_addstr(&deep, "{\"items\": [], \"x\": ");
	for (i = 0; i < 100000; i++)
		buf_addc(&deep, '[');
	f = parse(deep.data, NULL, &e);
	assert_null(f);
	assert_non_null(strstr(e.msg, "nested"));
	buf_release(&deep);
	/* JSON without a version but with items is read (feeds in the wild) */
	f = parse("{\"items\": [{\"id\": \"a\"}]}", NULL, &e);
	assert_non_null(f);
	assert_int_equal(f->nitems, 1);
	feed_free(f);
}

/* Limits: the item cap, a 3 MiB field cut at 1 MiB on a character boundary. */
static void
test_limits(void **state)
{
	struct feed_parse_opts o = { 0 };
	struct buf b;
	struct feed *f;
	struct err e;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	buf_addstr(&b, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
	for (i = 0; i < 50; i++)
		buf_addstr(&b, i ? ",{\"id\":\"x\"}" : "{\"id\":\"x\"}");
	buf_addstr(&b, ",{\"id\": \"big\", \"title\": \"");
	for (i = 0; i < 3 * 1024 * 1024 / 2; i++)
		buf_addstr(&b, "\xc3\xa9");
	buf_addstr(&b, "\"}]}");
	o.max_items = 10;
	f = feed_parse(b.data, b.len, &o, &e);
	assert_non_null(f);
	assert_int_equal(f->nitems, 10);
	feed_free(f);
	f = feed_parse(b.data, b.len, NULL, &e);
	assert_non_null(f);
	assert_int_equal(f->nitems, 51);
	assert_true(strlen(f->items[50].title) <= 1024 * 1024);
	assert_true(strlen(f->items[50].title) >= 1024 * 1024 - 1);
	assert_int_equal(strlen(f->items[50].title) % 2, 0);
	feed_free(f);
	buf_release(&b);
}

/* The fuzz seed tests/data/hostile/jsonfeed-hostile.json: wrong types
 * everywhere, a NUL in an id, a negative size; read, not refused. */
static void
test_hostile_seed(void **state)
{
	struct feed *f = parse_file("../hostile/jsonfeed-hostile.json", "https://h.example/f.json");

	(void)state;
	assert_int_equal(f->nitems, 2);
	assert_string_equal(f->items[0].guid, "a");
	assert_string_equal(f->items[0].link, "https://h.example/x");
	assert_int_equal(f->items[0].ncategories, 1);
	assert_int_equal(f->items[0].nenclosures, 1);
	assert_int_equal(f->items[0].enclosures[0].length, -1);
	assert_int_equal((long long)f->items[0].published, 0);
	assert_string_equal(f->items[1].guid, "1234567890123");
	feed_free(f);
}

/* XML still goes to the XML parser, blanks before it or not. */
static void
test_xml_still_xml(void **state)
{
	struct err e;
	struct feed *f = parse("\n  <rss version=\"2.0\"><channel><title>x</title>"
	    "<item><title>i</title></item></channel></rss>", NULL, &e);

	(void)state;
	assert_non_null(f);
	assert_int_equal(f->kind, FEED_RSS);
	feed_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_example_1_1),
		cmocka_unit_test(test_spec_podcast_1_0),
		cmocka_unit_test(test_fields_hand_written),
		cmocka_unit_test(test_fallback_id_is_stable),
		cmocka_unit_test(test_hostile_documents),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_hostile_seed),
		cmocka_unit_test(test_xml_still_xml),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
