/* Unit tests for feed/discover: feeds advertised by web pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "feed/discover.h"
#include "stderr_capture.h"

static void
test_finds_rss_atom_and_json_resolved(void **state)
{
	static const char page[] =
	    "<!doctype html><html><head><title>x</title>"
	    "<link rel=\"stylesheet\" href=\"/s.css\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/feed.xml\">"
	    "<link rel=\"alternate home\" type=\"application/atom+xml\" href=\"atom\">"
	    "<link rel=\"alternate\" type=\"application/feed+json\" href=\"https://cdn.example/f.json\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:alert(1)\">"
	    "<link rel=\"alternate\" hreflang=\"de\" href=\"/de/\">"
	    "</head><body>hello</body></html>";
	struct discover_link *l;
	size_t n = discover_feeds(page, sizeof page - 1, "https://site.example/blog/post", &l);

	(void)state;
	assert_int_equal(n, 3);
	assert_string_equal(l[0].url, "https://site.example/feed.xml");
	assert_string_equal(l[0].title, "RSS");
	assert_string_equal(l[1].url, "https://site.example/blog/atom");
	assert_null(l[1].title);
	assert_string_equal(l[2].url, "https://cdn.example/f.json");
	discover_free(l, n);
}

/* Hostile hrefs (issue 11.1): a URL holding control, C1 or bidi characters
 * is no feed; relative ones are percent-encoded; userinfo of the page URL
 * is not inherited. */
static void
test_hostile_hrefs_refused(void **state)
{
	static const char page[] =
	    "<html><head>"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://e.example/\x1b]0;T\x07\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://e.example/\x1b]52;c;eA==\x07\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://e.example/\x1b[2J\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://e.example/&#x9b;2J\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://e.example/&#x202e;lmx\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://e.example/&#x200f;x\">"
	    "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/rel\x1b[2J\">"
	    "</head></html>";
	struct discover_link *l;
	size_t n = discover_feeds(page, sizeof page - 1, "https://u:pw@site.example/", &l);

	(void)state;
	assert_int_equal(n, 1);
	assert_string_equal(l[0].url, "https://site.example/rel%1B%5B2J");
	discover_free(l, n);
}

/* Issue 11 item 21: a page that lists its JSON Feed first still gets its
 * RSS or Atom feed picked (tidings adds the first link); the JSON ones
 * follow in page order. */
static void
test_prefers_feeds_we_parse_over_json(void **state)
{
	static const char page[] =
	    "<html><head>"
	    "<link rel=\"alternate\" type=\"application/feed+json\" href=\"/feed.json\">"
	    "<link rel=\"alternate\" type=\"application/json\" href=\"/other.json\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
	    "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom.xml\">"
	    "</head></html>";
	struct discover_link *l;
	size_t n = discover_feeds(page, sizeof page - 1, "https://site.example/", &l);

	(void)state;
	assert_int_equal(n, 4);
	assert_string_equal(l[0].url, "https://site.example/feed.xml");
	assert_string_equal(l[1].url, "https://site.example/atom.xml");
	assert_string_equal(l[2].url, "https://site.example/feed.json");
	assert_string_equal(l[3].url, "https://site.example/other.json");
	discover_free(l, n);
}

static void
test_base_href_wins(void **state)
{
	static const char page[] =
	    "<html><head><base href=\"https://other.example/x/\">"
	    "<link rel=alternate type=application/atom+xml href=feed></head></html>";
	struct discover_link *l;
	size_t n = discover_feeds(page, sizeof page - 1, "https://site.example/", &l);

	(void)state;
	assert_int_equal(n, 1);
	assert_string_equal(l[0].url, "https://other.example/x/feed");
	discover_free(l, n);
}

static void
test_page_without_feeds(void **state)
{
	struct discover_link *l;

	(void)state;
	assert_int_equal(discover_feeds("<p>nothing", 10, "https://a/", &l), 0);
	assert_null(l);
	assert_int_equal(discover_feeds("", 0, "https://a/", &l), 0);
}

static void
test_tells_feeds_from_pages(void **state)
{
	static const struct {
		const char *doc;
		int feed;
	} cases[] = {
		{ "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>", 1 },
		{ "\xef\xbb\xbf<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", 1 },
		{ "<?xml version=\"1.0\"?><!-- c --><rdf:RDF xmlns:rdf=\"x\"/>", 1 },
		{ "<!DOCTYPE html><html><head></head></html>", 0 },
		{ "  <html>", 0 },
		{ "plain text", 0 },
		{ "<?xml", 0 },
		/* issue 13 item 9: JSON Feed is read now, so `add` takes it */
		{ " {\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", 1 },
		{ "\xef\xbb\xbf{\"version\":\"https://jsonfeed.org/version/1\"}", 1 },
		{ "{\"not\": \"a feed\"}", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(discover_is_feed(cases[i].doc, strlen(cases[i].doc)), cases[i].feed);
}

/*
 * A page in Shift_JIS with a byte that charset does not define: libxml2
 * printed "encoding error" on stderr whatever NOERROR says (over the
 * reader's screen); the feed is still found.
 */
static void
test_encoding_error_prints_nothing(void **state)
{
	static const char page[] =
	    "<html><head><meta charset=\"shift_jis\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
	    "</head><body>\x81\xff\x82 x</body></html>";
	struct stderr_capture cap;
	struct discover_link *l;
	char out[512];
	size_t n;

	(void)state;
	stderr_capture_begin(&cap);
	n = discover_feeds(page, sizeof page - 1, "https://site.example/", &l);
	assert_int_equal(stderr_capture_end(&cap, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(n, 1);
	assert_string_equal(l[0].url, "https://site.example/feed.xml");
	discover_free(l, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finds_rss_atom_and_json_resolved),
		cmocka_unit_test(test_prefers_feeds_we_parse_over_json),
		cmocka_unit_test(test_base_href_wins),
		cmocka_unit_test(test_hostile_hrefs_refused),
		cmocka_unit_test(test_page_without_feeds),
		cmocka_unit_test(test_tells_feeds_from_pages),
		cmocka_unit_test(test_encoding_error_prints_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
